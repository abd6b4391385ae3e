// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops detach: detach a struct_ops link, by its pin path, by its id,
 * or (no argument) the one registering bpf_testmod_ops. BPF_LINK_DETACH
 * unregisters the implementation at once, whoever holds the link; the
 * holders see EPOLLHUP on it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "cli.h"
#include "json.h"
#include "pins.h"
#include "snapshot.h"
#include "struct_ops.h"

static int do_detach(int argc, char **argv);

const struct cli_cmd cmd_detach = {
	.name = "detach",
	.summary = "detach a struct_ops link (by pin path, by id, or the registered one)",
	.synopsis = "[PIN_PATH | link LINK_ID]",
	.descr =
		"Detach a struct_ops link: the one pinned at PIN_PATH (the pin is then\n"
		"removed), the link LINK_ID, or, with no argument, the link through which\n"
		OPS_TYPE " is registered. A legacy registration has no link: see\n"
		"'" PROG_NAME " repair'. Under -j it prints\n"
		"{\"detached\": {\"link_id\": N, \"map_id\": M}}.",
	.max_args = 2,
	.main = do_detach,
};

/* Detach the struct_ops link behind fd; what names it for messages. */
static int detach_fd(int fd, const char *what, struct holder_fdinfo *info)
{
	int err = holder_describe_fd(fd, info);

	if (err) {
		p_err("cannot read what %s is: %s", what, strerror(-err));
		return err;
	}
	if (info->kind != BPF_FD_LINK || strcmp(info->link_type, "struct_ops")) {
		p_err("%s is not a struct_ops link (it is a %s)", what,
		      info->kind == BPF_FD_MAP ? "map" :
		      info->kind == BPF_FD_LINK ? info->link_type : "program or other object");
		return -EINVAL;
	}
	if (!info->map_id) {
		p_err("%s (link %u) is already detached", what, info->link_id);
		return -ENOENT;
	}
	if (bpf_link_detach(fd)) {
		err = -errno;
		p_err("detaching %s failed: %s", what, strerror(errno));
	}
	return err;
}

static void report(const struct holder_fdinfo *info, const char *removed_pin)
{
	struct json j;

	if (g_opts.json) {
		json_init(&j, out_json(), g_opts.pretty);
		json_begin_object(&j);
		json_key(&j, "detached");
		json_begin_object(&j);
		json_kv_uint(&j, "link_id", info->link_id);
		json_kv_uint(&j, "map_id", info->map_id);
		json_end_object(&j);
		json_key(&j, "removed_pin");
		if (removed_pin)
			json_string(&j, removed_pin);
		else
			json_null(&j);
		json_end_object(&j);
		json_finish(&j);
		return;
	}
	p_info("detached link %u (map %u)%s%s", info->link_id, info->map_id,
	       removed_pin ? "; removed pin " : "", removed_pin ? removed_pin : "");
}

static int by_path(const char *path)
{
	struct holder_fdinfo info;
	int fd, err;

	fd = bpf_obj_get(path);
	if (fd < 0) {
		p_err("cannot open pin %s: %s", path,
		      errno == ENOENT ? "no such pin (see 'struct_ops status')" : strerror(errno));
		return EXIT_FAIL;
	}
	err = detach_fd(fd, path, &info);
	close(fd);
	if (err)
		return EXIT_FAIL;
	if (unlink(path)) {
		p_err("link %u detached, but removing the pin %s failed: %s",
		      info.link_id, path, strerror(errno));
		return EXIT_FAIL;
	}
	report(&info, path);
	return EXIT_OK;
}

static int by_id(__u32 id)
{
	struct holder_fdinfo info;
	char what[32];
	int fd, err;

	fd = bpf_link_get_fd_by_id(id);
	if (fd < 0) {
		p_err("no link with id %u: %s", id, strerror(errno));
		return EXIT_FAIL;
	}
	snprintf(what, sizeof(what), "link %u", id);
	err = detach_fd(fd, what, &info);
	close(fd);
	if (err)
		return EXIT_FAIL;
	report(&info, NULL);
	return EXIT_OK;
}

static int registered_one(void)
{
	const struct so_map *m;
	struct so_map_list maps;
	int err, ret;

	err = so_maps_read(&maps);
	if (err)
		return EXIT_FAIL;
	m = so_maps_find_registered(&maps, OPS_TYPE);
	if (!m) {
		p_err("no %s implementation is registered: nothing to detach", OPS_TYPE);
		ret = EXIT_FAIL;
	} else if (!m->link_mode) {
		p_err("map %u '%s' is registered without a link (legacy): unregister it with '%s repair %u'",
		      m->id, m->name, PROG_NAME, m->id);
		ret = EXIT_FAIL;
	} else {
		ret = by_id(m->link_id);
	}
	so_maps_free(&maps);
	return ret;
}

static int do_detach(int argc, char **argv)
{
	unsigned long id;
	int first, r;

	r = cli_parse(&cmd_detach, argc, argv, NULL, &first);
	if (r != CLI_GO)
		return r;
	argc -= first;
	argv += first;
	if (argc == 0)
		return registered_one();
	if (argc == 2 && !strcmp(argv[0], "link")) {
		if (parse_count(argv[1], "link id", 0xffffffffUL, &id))
			return EXIT_USAGE;
		return by_id(id);
	}
	if (argc == 1)
		return by_path(argv[0]);
	p_err("detach takes PIN_PATH or 'link LINK_ID' (see '%s detach -h')", PROG_NAME);
	return EXIT_USAGE;
}
