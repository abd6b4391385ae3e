// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops repair: remove a registration left behind by a killed legacy
 * loader (a plain .struct_ops map registered by a map update, which the
 * kernel keeps until the map element is deleted).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cli.h"
#include "json.h"
#include "snapshot.h"
#include "struct_ops.h"

static bool repair_force;

static int repair_opt(void *ctx, int key, const char *arg)
{
	repair_force = true;	/* -f */
	return 0;
}

static int do_repair(int argc, char **argv);

const struct cli_cmd cmd_repair = {
	.name = "repair",
	.summary = "unregister a lingering legacy registration",
	.synopsis = "[MAP_ID]",
	.descr =
		"Unregister a lingering legacy registration: a map registered without a\n"
		"link that no process and no pin holds (see '" PROG_NAME " status'); the\n"
		"pins are looked for on every bpffs mount. Without MAP_ID,\n"
		"every lingering " OPS_TYPE " registration. It deletes the map's element,\n"
		"which runs the type's .unreg; the map is freed when its last holder\n"
		"closes it, and then the module that defines the type can be unloaded.\n"
		"\n"
		"A registration through a link is refused: detach it with\n"
		"'" PROG_NAME " detach' instead. A legacy registration still held by a\n"
		"process or a pin, or one that a pin might hold where the scan could not\n"
		"look, is refused unless -f. Under -j it prints {\"repaired\": [map ids]}.",
	.opts = (const struct cli_opt[]){
		{ 'f', "force", NULL, "unregister even if a process or a pin holds the map" },
		{}
	},
	.max_args = 1,
	.opt = repair_opt,
	.main = do_repair,
};

static int unregister_map(const struct so_map *m)
{
	__u32 key = 0;
	int fd, err = 0;

	fd = bpf_map_get_fd_by_id(m->id);
	if (fd < 0) {
		err = -errno;
		p_err("map %u is gone (%s): nothing to repair", m->id, strerror(errno));
		return err;
	}
	if (bpf_map_delete_elem(fd, &key)) {
		err = -errno;
		p_err("unregistering map %u failed: %s", m->id, strerror(errno));
	}
	close(fd);
	return err;
}

/* May m be repaired? Reports why not. */
static bool repairable(const struct so_world *w, const struct so_map *m,
		       bool force)
{
	const struct pin_entry *pin;
	char holders[256];
	int n;

	if (m->link_mode) {
		p_err("map %u '%s' is attached through link %u, not lingering: detach it with '%s detach link %u'",
		      m->id, m->name, m->link_id, PROG_NAME, m->link_id);
		return false;
	}
	if (!m->registered) {
		p_err("map %u '%s' is not registered: nothing to repair", m->id,
		      m->name);
		return false;
	}
	n = holders_find(&w->fds, m->id, 0, holders, sizeof(holders),
				 NULL, 0);
	if (n && !force) {
		p_err("map %u '%s' is held by %s, not lingering: stop that process, or use -f",
		      m->id, m->name, holders);
		return false;
	}
	pin = so_map_pin(w, m);
	if (pin && !force) {
		p_err("map %u '%s' is pinned at %s, which keeps it on purpose, not lingering: remove the pin first, or use -f",
		      m->id, m->name, pin->path);
		return false;
	}
	if (w->pins.incomplete && !force) {
		p_err("map %u '%s' may be pinned where the pin scan could not look (%s): fix that, or use -f",
		      m->id, m->name, w->pins.incomplete);
		return false;
	}
	return true;
}

static int do_repair(int argc, char **argv)
{
	unsigned long want = 0;
	const struct so_map *done[64];
	int first, r, ndone = 0, ret = EXIT_OK;
	bool force;
	struct so_world w;
	struct json j;
	size_t i;

	r = cli_parse(&cmd_repair, argc, argv, NULL, &first);
	if (r != CLI_GO)
		return r;
	force = repair_force;
	if (first < argc && parse_count(argv[first], "map id", 0xffffffffUL, &want))
		return EXIT_USAGE;

	if (so_world_collect(&w))
		return EXIT_FAIL;
	if (want) {
		const struct so_map *m = NULL;

		for (i = 0; i < w.maps.n; i++)
			if (w.maps.maps[i].id == want)
				m = &w.maps.maps[i];
		if (!m) {
			p_err("no struct_ops map with id %lu (see '%s status')", want,
			      PROG_NAME);
			ret = EXIT_FAIL;
		} else if (!repairable(&w, m, force) || unregister_map(m)) {
			ret = EXIT_FAIL;
		} else {
			done[ndone++] = m;
		}
	} else {
		for (i = 0; i < w.maps.n && ndone < 64; i++) {
			const struct so_map *m = &w.maps.maps[i];

			if (strcmp(m->type, OPS_TYPE) || !m->registered || m->link_mode)
				continue;
			if (!force && so_map_unheld(&w, m) && !so_map_lingering(&w, m)) {
				repairable(&w, m, force);	/* says why not */
				ret = EXIT_FAIL;
				continue;
			}
			if (!so_map_lingering(&w, m) && !force)
				continue;
			if (unregister_map(m))
				ret = EXIT_FAIL;
			else
				done[ndone++] = m;
		}
	}

	if (g_opts.json) {
		json_init(&j, out_json(), g_opts.pretty);
		json_begin_object(&j);
		json_key(&j, "repaired");
		json_begin_array(&j);
		for (r = 0; r < ndone; r++)
			json_uint(&j, done[r]->id);
		json_end_array(&j);
		json_end_object(&j);
		json_finish(&j);
	} else if (!ndone && ret == EXIT_OK) {
		p_info("no lingering %s registration: nothing to repair", OPS_TYPE);
	}
	/* the map holds the module defining its type until it is freed */
	for (r = 0; r < ndone; r++) {
		if (strcmp(done[r]->btf_owner, "vmlinux"))
			p_info("unregistered map %u: the kernel frees it once no process holds it; then 'rmmod %s' works",
			       done[r]->id, done[r]->btf_owner);
		else
			p_info("unregistered map %u (%s): the kernel frees it once no process holds it",
			       done[r]->id, done[r]->type);
	}
	so_world_free(&w);
	return ret;
}
