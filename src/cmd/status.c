// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops status: who holds what. For one struct_ops type: its maps,
 * whether registered and through which link, the program behind each
 * operator, the processes (by fdinfo) and bpffs pins holding them, and, for
 * bpf_testmod_ops, the module's own record of the last unregistrations.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "escape.h"
#include "holders.h"
#include "json.h"
#include "members.h"
#include "modstatus.h"
#include "pins.h"
#include "registry.h"
#include "scx.h"
#include "snapshot.h"
#include "struct_ops.h"

static double boottime_now(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_BOOTTIME, &ts))
		return 0;
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void plain_map(const struct so_world *w, const struct so_map *m)
{
	char holders[512], path[4096];
	struct so_members ms;
	size_t i;
	int n, j;

	printf("  map %u '%s': %s, state %s, %s", m->id, m->name,
	       m->link_mode ? "link mode" : "legacy (no link)",
	       so_state_str(m->state),
	       m->registered ? "registered" : "not registered");
	if (m->link_id)
		printf(" through link %u", m->link_id);
	printf("\n");
	if (so_map_lingering(w, m))
		printf("    LINGERING: registered, held by no process and no pin; remove it with '%s repair %u'\n",
		       PROG_NAME, m->id);
	else if (so_map_unheld(w, m))
		printf("    held by no process and no pin found, but the pin scan was incomplete: not known to be lingering\n");
	n = holders_find(&w->fds, m->id, m->link_id, holders,
				 sizeof(holders), NULL, 0);
	printf("    held by: %s\n", n ? holders : "no process");
	for (i = 0; i < w->pins.n; i++)
		if (so_pin_holds(&w->pins.pins[i], m))
			printf("    pinned: %s (%s)\n",
			       str_escape(path, sizeof(path), w->pins.pins[i].path),
			       w->pins.pins[i].info.kind == BPF_FD_LINK ? "link" : "map");
	if (so_members_read(m->id, &ms))
		return;
	for (j = 0; j < ms.n; j++)
		so_member_print(&ms.m[j], "    ", false);
	so_members_free(&ms);
}

static void json_impl(struct json *j, const struct mod_impl *impl)
{
	json_kv_string(j, "name", impl->name);
	json_kv_uint(j, "flags", impl->flags);
	json_kv_string(j, "owner", impl->owner);
	json_kv_int(j, "pid", impl->pid);
	json_kv_bool(j, "link", impl->has_link);
	json_key(j, "since");
	json_double(j, impl->since, 6);
}

static void json_module(struct json *j, const struct mod_status *ms, bool loaded)
{
	int i;

	json_key(j, "module");
	json_begin_object(j);
	json_kv_string(j, "name", OPS_MODULE);
	json_kv_bool(j, "loaded", loaded);
	json_kv_bool(j, "registered", loaded && ms->registered);
	if (loaded && ms->registered) {
		json_key(j, "implementation");
		json_begin_object(j);
		json_impl(j, &ms->impl);
		json_kv_uint(j, "triggers", ms->triggers);
		json_key(j, "kfunc_counts");
		json_begin_object(j);
		for (i = 1; i <= 4; i++) {
			char key[8];

			snprintf(key, sizeof(key), "test_%d", i);
			json_kv_uint(j, key, ms->kfunc_counts[i]);
		}
		json_end_object(j);
		json_end_object(j);
	}
	json_key(j, "history");
	json_begin_array(j);
	for (i = 0; loaded && i < ms->history_len; i++) {
		const struct mod_event *ev = &ms->history[i];

		json_begin_object(j);
		json_key(j, "time");
		json_double(j, ev->time, 6);
		json_kv_string(j, "reason", ev->reason);
		json_kv_string(j, "detail", ev->detail);
		json_kv_uint(j, "triggers", ev->triggers);
		json_impl(j, &ev->impl);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
}

static void plain_module(const struct mod_status *ms, bool loaded)
{
	double now = boottime_now();
	char line[256], safe[4 * sizeof(line)];
	char name[4 * sizeof(ms->impl.name)], owner[4 * sizeof(ms->impl.owner)];
	int i;

	if (!loaded) {
		printf("module %s: not loaded\n", OPS_MODULE);
		return;
	}
	if (ms->registered) {
		printf("module %s: implementation %s%s%s (flags %#x) registered by %s[%d] %.1f s ago (%s), %llu trigger%s\n",
		       OPS_MODULE, ms->impl.name[0] ? "'" : "",
		       ms->impl.name[0] ? str_escape(name, sizeof(name), ms->impl.name) :
		       "(unnamed)",
		       ms->impl.name[0] ? "'" : "", ms->impl.flags,
		       str_escape(owner, sizeof(owner), ms->impl.owner),
		       ms->impl.pid, now - ms->impl.since,
		       ms->impl.has_link ? "link" : "no link", ms->triggers,
		       ms->triggers == 1 ? "" : "s");
		printf("  kfunc bpf_testmod_count: test_1=%llu test_2=%llu test_3=%llu test_4=%llu\n",
		       ms->kfunc_counts[1], ms->kfunc_counts[2],
		       ms->kfunc_counts[3], ms->kfunc_counts[4]);
	} else
		printf("module %s: no implementation registered\n", OPS_MODULE);
	if (!ms->history_len)
		return;
	printf("  last unregistrations, oldest first:\n");
	for (i = 0; i < ms->history_len; i++) {
		mod_event_format(&ms->history[i], now, line, sizeof(line));
		printf("    %s\n", str_escape(safe, sizeof(safe), line));
	}
}

static const char *status_type = OPS_TYPE;

static int status_opt(void *ctx, int key, const char *arg)
{
	status_type = arg;	/* -t */
	return 0;
}

static int do_status(int argc, char **argv);

const struct cli_cmd cmd_status = {
	.name = "status",
	.summary = "who holds what: maps, links, programs, holders, pins, reasons",
	.descr =
		"Show the struct_ops maps of TYPE (default " OPS_TYPE "): map id and name,\n"
		"link or legacy mode, whether registered and through which link, the\n"
		"program behind each operator, the processes holding the map or link\n"
		"(from /proc/*/fdinfo, by BPF object id), pins on every bpffs mount, and\n"
		"for " OPS_TYPE " the module's record of the last unregistrations and\n"
		"their reasons. For " SCX_TYPE ", what sched_ext knows: " SCX_SYSFS "'s\n"
		"state, root scheduler and counters, and the enables and exits (kind,\n"
		"reason, message) the kernel logged. A registration that no process or\n"
		"pin holds is marked LINGERING.",
	.opts = (const struct cli_opt[]){
		{ 't', "type", "TYPE", "struct_ops type to show" },
		{}
	},
	.opt = status_opt,
	.main = do_status,
};

static int do_status(int argc, char **argv)
{
	const char *type;
	struct mod_status mod = {};
	bool loaded = false, registered = false;
	char owner[64] = "";
	bool scx = false;
	struct scx_sysfs scx_fs;
	struct scx_history scx_log;
	struct so_world w;
	struct json j;
	size_t i;
	int first, r;

	r = cli_parse(&cmd_status, argc, argv, NULL, &first);
	if (r != CLI_GO)
		return r;
	type = status_type;
	if (so_world_collect(&w))
		return EXIT_FAIL;
	so_warn_incomplete(&w);
	if (so_type_find(type, owner, sizeof(owner)))
		owner[0] = '\0';
	if (!strcmp(type, OPS_TYPE))
		loaded = !mod_status_read(&mod);
	if (scx_is_type(type)) {
		scx = true;
		scx_sysfs_read(SCX_SYSFS, &scx_fs);
		scx_history_read(&scx_log);
	}
	for (i = 0; i < w.maps.n; i++)
		if (scx_type_matches(type, w.maps.maps[i].type) && w.maps.maps[i].registered)
			registered = true;

	if (g_opts.json) {
		json_init(&j, out_json(), g_opts.pretty);
		json_begin_object(&j);
		json_kv_string(&j, "type", type);
		json_key(&j, "btf");
		if (owner[0])
			json_string(&j, owner);
		else
			json_null(&j);
		json_kv_bool(&j, "registered", registered);
		so_json_pin_scan(&j, &w);
		json_key(&j, "maps");
		json_begin_array(&j);
		for (i = 0; i < w.maps.n; i++)
			if (scx_type_matches(type, w.maps.maps[i].type))
				so_json_map(&j, &w, &w.maps.maps[i]);
		json_end_array(&j);
		if (!strcmp(type, OPS_TYPE))
			json_module(&j, &mod, loaded);
		if (scx)
			scx_json(&j, &scx_fs, &scx_log);
		json_end_object(&j);
		json_finish(&j);
	} else {
		printf("%s: %s", type, registered ? "registered" : "not registered");
		if (owner[0])
			printf(" (type defined by %s)\n", owner);
		else
			printf(" (type not in the kernel's BTF)\n");
		for (i = 0; i < w.maps.n; i++)
			if (scx_type_matches(type, w.maps.maps[i].type))
				plain_map(&w, &w.maps.maps[i]);
		if (!strcmp(type, OPS_TYPE))
			plain_module(&mod, loaded);
		if (scx)
			scx_print(&scx_fs, &scx_log, "");
	}
	so_world_free(&w);
	return EXIT_OK;
}
