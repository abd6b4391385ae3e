// SPDX-License-Identifier: GPL-2.0
/* Parsing /proc/bpf_testmod_status and wording the unregister reasons. */
#include "modstatus.h"
#include "unit.h"

/* As hello.ko's status_show() prints it. */
#define REGISTERED							\
	"registered: yes\n"						\
	"implementation: name=\"mine\" flags=0x3 owner=struct_ops pid=156 link=yes since=4.230831\n" \
	"triggers: 5\n"							\
	"kfunc_counts: test_1=5 test_2=5 test_3=4 test_4=0\n"		\
	"future_key: something a newer module prints\n"							\
	"unregistered: time=3.100000 reason=\"link released\" owner=struct_ops pid=150 link=yes since=2.000000 triggers=1 detail=\"\"\n" \
	"unregistered: time=3.545749 reason=\"kernel detach\" owner=loader pid=151 link=yes since=3.200000 triggers=7 detail=\"requested through bpf_testmod_ctl\"\n"

static void parse_registered(void)
{
	struct mod_status ms;

	CHECK_INT(mod_status_parse(REGISTERED, &ms), 0);
	CHECK(ms.registered, "not registered");
	CHECK_STR(ms.impl.owner, "struct_ops");
	CHECK_INT(ms.impl.pid, 156);
	CHECK(ms.impl.has_link, "no link");
	CHECK(ms.impl.since > 4.2308 && ms.impl.since < 4.2309, "since %f", ms.impl.since);
	CHECK_INT(ms.triggers, 5);
	CHECK_STR(ms.impl.name, "mine");
	CHECK_INT(ms.impl.flags, 3);
	CHECK_INT(ms.kfunc_counts[1], 5);
	CHECK_INT(ms.kfunc_counts[3], 4);
	CHECK_INT(ms.kfunc_counts[4], 0);
	CHECK_INT(ms.history_len, 2);
	CHECK_STR(ms.history[0].reason, "link released");
	CHECK_STR(ms.history[1].reason, "kernel detach");
	CHECK_STR(ms.history[1].detail, "requested through bpf_testmod_ctl");
	CHECK_STR(ms.history[1].impl.owner, "loader");
	CHECK_INT(ms.history[1].triggers, 7);
}

static void parse_unregistered_and_bad(void)
{
	struct mod_status ms;

	CHECK_INT(mod_status_parse("registered: no\n", &ms), 0);
	CHECK(!ms.registered, "registered");
	CHECK_INT(ms.history_len, 0);
	CHECK(mod_status_parse("registered: no\nbogus line\n", &ms) < 0,
	      "accepted a line that is not key: value");
	CHECK_INT(mod_status_parse("registered: no\nnew_key: 1\n", &ms), 0);
	CHECK(mod_status_parse("unregistered: reason=\"x\"\n", &ms) < 0,
	      "accepted an event without a time");
}

static void parse_keeps_newest(void)
{
	char text[4096] = "registered: no\n";
	struct mod_status ms;
	int i;

	for (i = 0; i < 12; i++) {
		char line[256];

		snprintf(line, sizeof(line),
			 "unregistered: time=%d.0 reason=\"user detach\" owner=p pid=%d link=no since=0.0 triggers=0 detail=\"\"\n",
			 i, i);	/* the format before the data members: no name */
		strcat(text, line);
	}
	CHECK_INT(mod_status_parse(text, &ms), 0);
	CHECK_INT(ms.history_len, MODSTATUS_HISTORY);
	CHECK_INT(ms.history[0].impl.pid, 12 - MODSTATUS_HISTORY);
	CHECK_INT(ms.history[MODSTATUS_HISTORY - 1].impl.pid, 11);
}

static void reason_wording(void)
{
	struct mod_status ms;
	char buf[256];

	mod_status_parse(REGISTERED, &ms);
	mod_event_format(&ms.history[1], 5.545749, buf, sizeof(buf));
	CHECK_STR(buf, "kernel detach (requested through bpf_testmod_ctl) (loader[151], 7 triggers, 2.0 s ago)");
	mod_event_format(&ms.history[0], 0, buf, sizeof(buf));
	CHECK_STR(buf, "link released (struct_ops[150], 1 trigger)");
}

const struct unit_test modstatus_tests[] = {
	{ "module status: registered, with history", parse_registered },
	{ "module status: empty, and malformed lines", parse_unregistered_and_bad },
	{ "module status: keeps the newest events", parse_keeps_newest },
	{ "module status: reason wording", reason_wording },
	{}
};
