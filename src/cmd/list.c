// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops list: every struct_ops map on the system, of any type, from
 * vmlinux or a module. struct_ops dump: one map's value decoded through
 * the BTF that defines its type.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "escape.h"
#include "json.h"
#include "members.h"
#include "scx.h"
#include "snapshot.h"
#include "struct_ops.h"

static int do_list(int argc, char **argv);

const struct cli_cmd cmd_list = {
	.name = "list",
	.summary = "every struct_ops map on the system, any type",
	.descr =
		"Every struct_ops map on the system, of any type (vmlinux or module):\n"
		"map id and name, kernel type and the BTF (vmlinux or module) defining\n"
		"it, link or legacy mode, state, whether registered and through which\n"
		"link, pins on every bpffs mount, and the processes holding it; with\n"
		"a " SCX_TYPE " map, sched_ext's state and root scheduler (" SCX_SYSFS ").\n"
		"Needs CAP_BPF and CAP_SYS_ADMIN (root).",
	.main = do_list,
};

static int do_list(int argc, char **argv)
{
	struct scx_sysfs scx_fs;
	bool scx = false;
	struct so_world w;
	struct json j;
	size_t i, k;
	int first, r;

	r = cli_parse(&cmd_list, argc, argv, NULL, &first);
	if (r != CLI_GO)
		return r;
	if (so_world_collect(&w))
		return EXIT_FAIL;
	so_warn_incomplete(&w);
	if (g_opts.json) {
		json_init(&j, out_json(), g_opts.pretty);
		json_begin_array(&j);
		for (i = 0; i < w.maps.n; i++)
			so_json_map(&j, &w, &w.maps.maps[i]);
		json_end_array(&j);
		json_finish(&j);
		so_world_free(&w);
		return EXIT_OK;
	}
	if (!w.maps.n)
		printf("no struct_ops maps\n");
	else
		printf("%-6s %-16s %-22s %-10s %-6s %-8s %-4s %-5s %s\n", "ID", "NAME",
		       "TYPE", "BTF", "MODE", "STATE", "REG", "LINK", "HOLDERS / PINS");
	for (i = 0; i < w.maps.n; i++) {
		const struct so_map *m = &w.maps.maps[i];
		char holders[256], link[16] = "-", path[4096];

		if (m->link_id)
			snprintf(link, sizeof(link), "%u", m->link_id);
		if (!holders_find(&w.fds, m->id, m->link_id, holders,
					  sizeof(holders), NULL, 0))
			snprintf(holders, sizeof(holders), "%s",
				 so_map_lingering(&w, m) ? "none: LINGERING" : "-");
		printf("%-6u %-16s %-22s %-10s %-6s %-8s %-4s %-5s %s", m->id,
		       m->name, m->type, m->btf_owner,
		       m->link_mode ? "link" : "legacy", so_state_str(m->state),
		       m->registered ? "yes" : "no", link, holders);
		for (k = 0; k < w.pins.n; k++)
			if (so_pin_holds(&w.pins.pins[k], m))
				printf("; pinned %s", str_escape(path, sizeof(path),
								 w.pins.pins[k].path));
		printf("\n");
		scx |= scx_is_type(m->type);
	}
	if (scx) {
		scx_sysfs_read(SCX_SYSFS, &scx_fs);
		scx_print(&scx_fs, NULL, "");
	}
	so_world_free(&w);
	return EXIT_OK;
}

static int do_dump(int argc, char **argv);

const struct cli_cmd cmd_dump = {
	.name = "dump",
	.summary = "one map's value decoded: programs, data, run counts",
	.synopsis = "ID|NAME",
	.descr =
		"The registered value of a struct_ops map (by map id, or by map name:\n"
		"every map of that name), decoded through the BTF that defines its type:\n"
		"each member by name; for an operator, the program id and name behind it\n"
		"and, with kernel.bpf_stats_enabled=1, its run count and run time; for a\n"
		"data member, its value; for a " SCX_TYPE " map, sched_ext's state and\n"
		"root scheduler (" SCX_SYSFS ").",
	.max_args = 1,
	.main = do_dump,
};

/* kernel.bpf_stats_enabled: 1, 0, or -1 if unreadable. */
static int stats_enabled(void)
{
	char c = 0;
	int fd = open("/proc/sys/kernel/bpf_stats_enabled", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (read(fd, &c, 1) != 1)
		c = 0;
	close(fd);
	return c == '1';
}

static void dump_plain(const struct so_map *m, const struct so_members *ms,
		       int stats)
{
	int k;

	printf("map %u '%s': %s (btf %s), %s, state %s, %s", m->id, m->name,
	       m->type, m->btf_owner, m->link_mode ? "link mode" : "legacy",
	       so_state_str(m->state), m->registered ? "registered" : "not registered");
	if (m->link_id)
		printf(" through link %u", m->link_id);
	printf("\n");
	if (scx_is_type(m->type)) {
		struct scx_sysfs scx;

		scx_sysfs_read(SCX_SYSFS, &scx);
		scx_print(&scx, NULL, "  ");
	}
	for (k = 0; k < ms->n; k++)
		so_member_print(&ms->m[k], "  ", stats > 0);
	if (stats == 0)
		printf("  (run counts are off: sysctl kernel.bpf_stats_enabled=1 turns them on)\n");
}

static void dump_json(struct json *j, const struct so_map *m,
		      const struct so_members *ms, int stats)
{
	int k;

	json_begin_object(j);
	so_json_map_fields(j, m);
	json_kv_bool(j, "stats_enabled", stats > 0);
	json_key(j, "members");
	json_begin_array(j);
	for (k = 0; k < ms->n; k++)
		so_member_json(j, &ms->m[k], stats > 0);
	json_end_array(j);
	json_end_object(j);
}

static int do_dump(int argc, char **argv)
{
	unsigned long id = 0;
	struct so_map_list maps;
	struct so_members ms;
	int r, err, stats, first, found = 0, ret = EXIT_OK;
	struct json j;
	size_t i;

	r = cli_parse(&cmd_dump, argc, argv, NULL, &first);
	if (r != CLI_GO)
		return r;
	if (first != argc - 1) {
		p_err("dump takes one map ID or NAME (see '%s dump -h')", PROG_NAME);
		return EXIT_USAGE;
	}
	if (argv[first][0] >= '0' && argv[first][0] <= '9' &&
	    parse_count(argv[first], "map id", 0xffffffffUL, &id))
		return EXIT_USAGE;
	err = so_maps_read(&maps);
	if (err)
		return EXIT_FAIL;
	stats = stats_enabled();
	if (g_opts.json) {
		json_init(&j, out_json(), g_opts.pretty);
		json_begin_array(&j);
	}
	for (i = 0; i < maps.n; i++) {
		const struct so_map *m = &maps.maps[i];

		if (id ? m->id != id : strcmp(m->name, argv[first]))
			continue;
		found++;
		err = so_members_read(m->id, &ms);
		if (err) {
			p_err("reading map %u failed: %s", m->id, strerror(-err));
			ret = EXIT_FAIL;
			continue;
		}
		if (g_opts.json)
			dump_json(&j, m, &ms, stats);
		else
			dump_plain(m, &ms, stats);
		so_members_free(&ms);
	}
	if (g_opts.json) {
		json_end_array(&j);
		json_finish(&j);
	}
	so_maps_free(&maps);
	if (!found) {
		p_err("no struct_ops map %s %s (see '%s list')", id ? "with id" : "named",
		      argv[first], PROG_NAME);
		return EXIT_FAIL;
	}
	return ret;
}
