// SPDX-License-Identifier: GPL-2.0
/* sched_ext: its sysfs directory, and its lines in the kernel log. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "scx.h"
#include "unit.h"

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static void sysfs_enabled_and_disabled(void)
{
	char dir[256], root[300];
	struct scx_sysfs s;

	snprintf(dir, sizeof(dir), "%s/scx", scratch_dir());
	snprintf(root, sizeof(root), "%s/root", dir);
	CHECK_INT(scx_sysfs_read(dir, &s), -2);		/* -ENOENT: no sched_ext */
	CHECK(!s.present, "present without a directory");
	mkdir(dir, 0755);
	put(dir, "state", "disabled\n");
	put(dir, "switch_all", "0\n");
	put(dir, "nr_rejected", "0\n");
	put(dir, "hotplug_seq", "1\n");
	put(dir, "enable_seq", "bogus\n");
	CHECK_INT(scx_sysfs_read(dir, &s), 0);
	CHECK(s.present && !s.has_root, "present %d has_root %d", s.present, s.has_root);
	CHECK_STR(s.state, "disabled");
	CHECK_INT(s.hotplug_seq, 1);
	CHECK_INT(s.enable_seq, -1);	/* not a number: unknown */
	mkdir(root, 0755);
	put(root, "ops", "simple\n");
	put(dir, "state", "enabled\n");
	put(dir, "switch_all", "1\n");
	put(dir, "enable_seq", "3\n");
	CHECK_INT(scx_sysfs_read(dir, &s), 0);
	CHECK(s.has_root, "no root");
	CHECK_STR(s.root_ops, "simple");
	CHECK_STR(s.state, "enabled");
	CHECK_INT(s.switch_all, 1);
	CHECK_INT(s.enable_seq, 3);
	CHECK_INT(s.nr_counters, -1);	/* 6.12: no root/events */
	put(root, "events", "SCX_EV_SELECT_CPU_FALLBACK 0\nSCX_EV_DISPATCH_KEEP_LAST 12\n"
	    "not a counter\nSCX_EV_BYPASS_DURATION 340\n");
	CHECK_INT(scx_sysfs_read(dir, &s), 0);
	CHECK_INT(s.nr_counters, 3);
	CHECK_STR(s.counters[1].name, "SCX_EV_DISPATCH_KEEP_LAST");
	CHECK_INT(s.counters[1].value, 12);
	CHECK_INT(s.counters[2].value, 340);
	/* 7.x's cid-based schedulers register the other type: both are sched_ext */
	CHECK(scx_is_type("sched_ext_ops_cid") && !scx_is_type("sched_ext_opsx"), "scx_is_type");
	CHECK(scx_type_matches("sched_ext_ops", "sched_ext_ops_cid"), "cid map for sched_ext_ops");
	CHECK(!scx_type_matches("sched_ext_ops", "tcp_congestion_ops"), "another type matched");
}

static void parse_lines(void)
{
	struct scx_event ev;
#define P(text) scx_parse_line(text, strlen(text), &ev)

	CHECK_INT(P("sched_ext: BPF scheduler \"simple\" enabled"), SCX_EV_ENABLED);
	CHECK_STR(ev.sched, "simple");
	CHECK(!ev.partial, "partial");
	CHECK_INT(P("sched_ext: BPF scheduler \"qmap\" enabled (partial)"), SCX_EV_ENABLED);
	CHECK(ev.partial, "not partial");
	CHECK_INT(P("sched_ext: BPF scheduler \"qmap\" disabled (runnable task stall)"),
		  SCX_EV_DISABLED);
	CHECK_STR(ev.sched, "qmap");
	CHECK_STR(ev.reason, "runnable task stall");
	CHECK_STR(ev.exit_kind, "error_stall");
	CHECK(ev.error, "a stall is an error exit");
	CHECK_INT(P("sched_ext: BPF scheduler \"simple\" disabled (unregistered from user space)"),
		  SCX_EV_DISABLED);
	CHECK_STR(ev.exit_kind, "unreg");
	CHECK(!ev.error, "unreg is no error");
	/* a name with a quote and a space: the last '" ' ends it */
	CHECK_INT(P("sched_ext: BPF scheduler \"a\" b\" disabled (scx_bpf_error)"),
		  SCX_EV_DISABLED);
	CHECK_STR(ev.sched, "a\" b");
	CHECK_STR(ev.exit_kind, "error_bpf");
	CHECK_INT(P("sched_ext: BPF scheduler \"x\" disabled (something new)"), SCX_EV_DISABLED);
	CHECK_STR(ev.exit_kind, "unknown");
	CHECK_INT(P("sched_ext: BPF scheduler not yet used"), SCX_EV_NONE);
	CHECK_INT(P("sched_ext: BPF scheduler \"x\" disabled ("), SCX_EV_NONE);
	CHECK_INT(P("sched_ext: BPF scheduler \"x\" disabled ()"), SCX_EV_NONE);
	CHECK_INT(P("sched_ext: BPF scheduler \"x\" exploded"), SCX_EV_NONE);
	CHECK_INT(P("sched_ext: BPF scheduler \"\""), SCX_EV_NONE);
	CHECK_INT(P("hello: BPF scheduler \"x\" enabled"), SCX_EV_NONE);
	/* only len bytes count */
	CHECK_INT(scx_parse_line("sched_ext: BPF scheduler \"x\" enabled (partial)", 36, &ev),
		  SCX_EV_ENABLED);
	CHECK(!ev.partial, "read past len");
#undef P
}

static void add(struct scx_history *h, const char *rec)
{
	scx_history_add(h, rec, strlen(rec));
}

static void history(void)
{
	struct scx_history h = {};
	const struct scx_event *last;
	char line[512];
	int i;

	CHECK(scx_last_exit(&h) == NULL, "an exit in an empty history");
	add(&h, "6,500,28258784,-;sched_ext: BPF scheduler \"simple\" enabled\n");
	add(&h, "6,501,30000000,-;hello: something else\n");
	add(&h, "6,502,37692201,-;sched_ext: BPF scheduler \"simple\" disabled (unregistered from user space)\n");
	/* a message line after a non-error exit is not its message */
	add(&h, "3,503,37692300,-;sched_ext: simple: not mine\n");
	add(&h, "6,504,59889863,-;sched_ext: BPF scheduler \"qmap\" enabled\n");
	add(&h, "3,505,67609286,-;sched_ext: BPF scheduler \"qmap\" disabled (runnable task stall)\n");
	add(&h, "3,506,67611205,-;sched_ext: other: not this one's\n");
	add(&h, "3,507,67611205,-;sched_ext: qmap: sh[117] failed to run for 7.296s\n");
	add(&h, "3,508,67611300,-;sched_ext: qmap: a second line is not the message\n");
	add(&h, "garbage without a header");
	CHECK_INT(h.n, 4);
	CHECK(h.ev[0].time > 28.2587 && h.ev[0].time < 28.2588, "time %f", h.ev[0].time);
	CHECK_STR(h.ev[1].message, "");
	last = scx_last_exit(&h);
	CHECK(last == &h.ev[3], "last exit is not the newest");
	CHECK_STR(last->sched, "qmap");
	CHECK_STR(last->message, "sh[117] failed to run for 7.296s");
	scx_event_format(last, 70.609286, line, sizeof(line));
	CHECK_STR(line, "3.0 s ago: 'qmap' disabled: runnable task stall (error_stall): sh[117] failed to run for 7.296s");
	scx_event_format(&h.ev[0], -1, line, sizeof(line));
	CHECK_STR(line, "'simple' enabled");
	for (i = 0; i < 20; i++)
		add(&h, "6,600,1,-;sched_ext: BPF scheduler \"n\" enabled\n");
	CHECK_INT(h.n, SCX_HISTORY);
	CHECK(scx_last_exit(&h) == NULL, "exits older than the history kept");
}

const struct unit_test scx_tests[] = {
	{ "sched_ext: sysfs state, root scheduler, counters", sysfs_enabled_and_disabled },
	{ "sched_ext: enable and exit lines, exit kinds", parse_lines },
	{ "sched_ext: history from kmsg records, the exit's message", history },
	{}
};
