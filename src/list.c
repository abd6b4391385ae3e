// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops list: every struct_ops map on the system, of any type, from
 * vmlinux or a module. struct_ops dump: one map's value decoded through
 * the BTF that defines its type.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "members.h"
#include "status.h"
#include "struct_ops.h"

/* -h and the global options; *done says the command ends with the result. */
static int parse_common(int argc, char **argv, void (*usage)(FILE *),
			bool *done)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL, 'h' },
		GLOBAL_LONG_OPTS,
		{}
	};
	int c;

	*done = true;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h" GLOBAL_SHORT_OPTS, longopts,
				NULL)) != -1) {
		if (global_opt(c))
			continue;
		if (c == 'h') {
			usage(stdout);
			return EXIT_OK;
		}
		usage(stderr);
		return EXIT_USAGE;
	}
	*done = false;
	return EXIT_OK;
}

static void list_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s list [-j | -p]\n"
		"\n"
		"Every struct_ops map on the system, of any type (vmlinux or module):\n"
		"map id and name, kernel type and the BTF (vmlinux or module) defining\n"
		"it, link or legacy mode, state, whether registered and through which\n"
		"link, pins under %s, and the processes holding it.\n"
		"Needs CAP_BPF and CAP_SYS_ADMIN (root).\n",
		PROG_NAME, BPFFS_ROOT);
}

int do_list(int argc, char **argv)
{
	struct so_world w;
	struct json j;
	size_t i, k;
	bool done;
	int r;

	r = parse_common(argc, argv, list_usage, &done);
	if (done)
		return r;
	if (optind < argc) {
		p_err("list takes no argument; see '%s list -h'", PROG_NAME);
		return EXIT_USAGE;
	}
	if (so_world_collect(&w))
		return EXIT_FAIL;
	if (g_opts.json) {
		json_init(&j, stdout, g_opts.pretty);
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
		char holders[256], link[16] = "-";

		if (m->link_id)
			snprintf(link, sizeof(link), "%u", m->link_id);
		if (!bpf_fd_table_holders(&w.fds, m->id, m->link_id, holders,
					  sizeof(holders), NULL, 0))
			snprintf(holders, sizeof(holders), "%s",
				 so_map_lingering(&w, m) ? "none: LINGERING" : "-");
		printf("%-6u %-16s %-22s %-10s %-6s %-8s %-4s %-5s %s", m->id,
		       m->name, m->type, m->btf_owner,
		       m->link_mode ? "link" : "legacy", so_state_str(m->state),
		       m->registered ? "yes" : "no", link, holders);
		for (k = 0; k < w.pins.n; k++)
			if (so_pin_holds(&w.pins.pins[k], m))
				printf("; pinned %s", w.pins.pins[k].path);
		printf("\n");
	}
	so_world_free(&w);
	return EXIT_OK;
}

static void dump_usage(FILE *f)
{
	fprintf(f,
		"Usage: %s dump ID|NAME [-j | -p]\n"
		"\n"
		"The registered value of a struct_ops map (by map id, or by map name:\n"
		"every map of that name), decoded through the BTF that defines its type:\n"
		"each member by name; for an operator, the program id and name behind it\n"
		"and, with kernel.bpf_stats_enabled=1, its run count and run time; for a\n"
		"data member, its value.\n",
		PROG_NAME);
}

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
	for (k = 0; k < ms->n; k++) {
		const struct so_member *sm = &ms->m[k];

		if (sm->is_func && !sm->prog_id)
			printf("  %-12s (none)\n", sm->name);
		else if (sm->is_func && stats > 0)
			printf("  %-12s prog %u '%s': run_cnt %llu, run_time_ns %llu\n",
			       sm->name, sm->prog_id, sm->prog_name,
			       (unsigned long long)sm->run_cnt,
			       (unsigned long long)sm->run_time_ns);
		else if (sm->is_func)
			printf("  %-12s prog %u '%s'\n", sm->name, sm->prog_id,
			       sm->prog_name);
		else if (sm->is_string)
			printf("  %-12s \"%.*s\"\n", sm->name, (int)sm->size,
			       (const char *)sm->data);
		else if (sm->size <= 8)
			printf("  %-12s %llu (%#llx)\n", sm->name, so_member_uint(sm),
			       so_member_uint(sm));
		else
			printf("  %-12s %u bytes\n", sm->name, sm->size);
	}
	if (stats == 0)
		printf("  (run counts are off: sysctl kernel.bpf_stats_enabled=1 turns them on)\n");
}

static void dump_json(struct json *j, const struct so_map *m,
		      const struct so_members *ms, int stats)
{
	int k;

	json_begin_object(j);
	json_kv_uint(j, "id", m->id);
	json_kv_string(j, "name", m->name);
	json_kv_string(j, "type", m->type);
	json_kv_string(j, "btf", m->btf_owner);
	json_kv_string(j, "mode", m->link_mode ? "link" : "legacy");
	json_kv_string(j, "state", so_state_str(m->state));
	json_kv_bool(j, "registered", m->registered);
	json_kv_uint(j, "link_id", m->link_id);
	json_kv_bool(j, "stats_enabled", stats > 0);
	json_key(j, "members");
	json_begin_array(j);
	for (k = 0; k < ms->n; k++) {
		const struct so_member *sm = &ms->m[k];

		json_begin_object(j);
		json_kv_string(j, "name", sm->name);
		json_kv_string(j, "kind", sm->is_func ? "operator" : "data");
		if (sm->is_func) {
			json_kv_uint(j, "prog_id", sm->prog_id);
			json_kv_string(j, "prog_name", sm->prog_name);
			if (stats > 0 && sm->prog_id) {
				json_kv_uint(j, "run_cnt", sm->run_cnt);
				json_kv_uint(j, "run_time_ns", sm->run_time_ns);
			}
		} else {
			json_kv_uint(j, "size", sm->size);
			json_key(j, "value");
			if (sm->is_string) {
				char str[SO_MEMBER_DATA_MAX + 1];

				snprintf(str, sizeof(str), "%.*s", (int)sm->size,
					 (const char *)sm->data);
				json_string(j, str);
			} else if (sm->size <= 8) {
				json_uint(j, so_member_uint(sm));
			} else {
				json_null(j);
			}
		}
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

int do_dump(int argc, char **argv)
{
	unsigned long id = 0;
	struct so_map_list maps;
	struct so_members ms;
	int r, err, stats, found = 0, ret = EXIT_OK;
	struct json j;
	bool done;
	size_t i;

	r = parse_common(argc, argv, dump_usage, &done);
	if (done)
		return r;
	if (optind != argc - 1) {
		p_err("dump takes one map ID or NAME; see '%s dump -h'", PROG_NAME);
		return EXIT_USAGE;
	}
	if (argv[optind][0] >= '0' && argv[optind][0] <= '9' &&
	    parse_uint(argv[optind], "map id", 0xffffffffUL, &id))
		return EXIT_USAGE;
	err = so_maps_collect(&maps);
	if (err) {
		p_err(err == -EPERM ?
		      "reading BPF maps needs privileges: run as root (CAP_BPF and CAP_SYS_ADMIN)" :
		      "listing BPF maps failed: %s", strerror(-err));
		return EXIT_FAIL;
	}
	stats = stats_enabled();
	if (g_opts.json) {
		json_init(&j, stdout, g_opts.pretty);
		json_begin_array(&j);
	}
	for (i = 0; i < maps.n; i++) {
		const struct so_map *m = &maps.maps[i];

		if (id ? m->id != id : strcmp(m->name, argv[optind]))
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
		      argv[optind], PROG_NAME);
		return EXIT_FAIL;
	}
	return ret;
}
