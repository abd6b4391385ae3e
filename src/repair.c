// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops repair: remove a registration left behind by a killed legacy
 * loader (a plain .struct_ops map registered by a map update, which the
 * kernel keeps until the map element is deleted).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "json.h"
#include "status.h"
#include "struct_ops.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: %s repair [MAP_ID] [-f]\n"
		"\n"
		"Unregister a lingering legacy registration: a map registered without a\n"
		"link that no process holds (see '%s status'). Without MAP_ID, every\n"
		"lingering %s registration. It deletes the map's element, which\n"
		"runs the module's .unreg; the map is freed when its last holder closes it,\n"
		"and then 'rmmod %s' works.\n"
		"\n"
		"A registration through a link is refused: detach it with\n"
		"'%s detach' instead. A legacy registration still held by a process is\n"
		"refused unless -f.\n"
		"\n"
		"  -f, --force  unregister even if a process holds the map\n"
		"  -j, --json   print {\"repaired\": [map ids]}\n"
		"  -h, --help   this text\n",
		PROG_NAME, PROG_NAME, OPS_TYPE, OPS_MODULE, PROG_NAME);
}

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
	n = bpf_fd_table_holders(&w->fds, m->id, 0, holders, sizeof(holders),
				 NULL, 0);
	if (n && !force) {
		p_err("map %u '%s' is held by %s, not lingering: stop that process, or use -f",
		      m->id, m->name, holders);
		return false;
	}
	return true;
}

int do_repair(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force",	no_argument,	NULL, 'f' },
		{ "help",	no_argument,	NULL, 'h' },
		GLOBAL_LONG_OPTS,
		{}
	};
	unsigned long want = 0;
	__u32 done[64];
	int c, ndone = 0, ret = EXIT_OK;
	bool force = false;
	struct so_world w;
	struct json j;
	size_t i;

	optind = 1;
	while ((c = getopt_long(argc, argv, "fh" GLOBAL_SHORT_OPTS, longopts,
				NULL)) != -1) {
		if (global_opt(c))
			continue;
		switch (c) {
		case 'f':
			force = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc - 1) {
		p_err("repair takes at most one MAP_ID; see '%s repair -h'", PROG_NAME);
		return EXIT_USAGE;
	}
	if (optind < argc && (parse_uint(argv[optind], "map id", 0xffffffffUL, &want) || !want))
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
			done[ndone++] = m->id;
		}
	} else {
		for (i = 0; i < w.maps.n && ndone < 64; i++) {
			const struct so_map *m = &w.maps.maps[i];

			if (strcmp(m->type, OPS_TYPE) || !m->registered || m->link_mode)
				continue;
			if (!so_map_lingering(&w, m) && !force)
				continue;
			if (unregister_map(m))
				ret = EXIT_FAIL;
			else
				done[ndone++] = m->id;
		}
	}

	if (g_opts.json) {
		json_init(&j, stdout, g_opts.pretty);
		json_begin_object(&j);
		json_key(&j, "repaired");
		json_begin_array(&j);
		for (c = 0; c < ndone; c++)
			json_uint(&j, done[c]);
		json_end_array(&j);
		json_end_object(&j);
		json_finish(&j);
	} else if (!ndone && ret == EXIT_OK) {
		p_info("no lingering %s registration: nothing to repair", OPS_TYPE);
	}
	for (c = 0; c < ndone; c++)
		p_info("unregistered map %u: the kernel frees it once no process holds it; then 'rmmod %s' works",
		       done[c], OPS_MODULE);
	so_world_free(&w);
	return ret;
}
