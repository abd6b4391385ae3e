// SPDX-License-Identifier: GPL-2.0
/* Parsing /proc/bpf_testmod_status and wording the unregister reasons. */
#include <errno.h>
#include <stdlib.h>

#include "modstatus.h"
#include "unit.h"

/* As hello.ko's status_show() prints it. */
#define REGISTERED							\
	"registered: yes\n"						\
	"implementation: name=\"mine\" flags=0x3 owner=\"struct_ops\" pid=156 link=yes since=4.230831\n" \
	"triggers: 5\n"							\
	"kfunc_counts: test_1=5 test_2=5 test_3=4 test_4=0\n"		\
	"future_key: something a newer module prints\n"							\
	"unregistered: time=3.100000 reason=\"link released\" owner=\"struct_ops\" pid=150 link=yes since=2.000000 triggers=1 detail=\"\"\n" \
	"unregistered: time=3.545749 reason=\"kernel detach\" owner=\"loader\" pid=151 link=yes since=3.200000 triggers=7 detail=\"requested through bpf_testmod_ctl\"\n"

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

/* What a hostile name or command name can put in the file: nothing new. */
static void parse_refuses_forgery(void)
{
	struct mod_status ms;

	/* a comm of 'x" pid=1 link=no', escaped by the module */
	CHECK_INT(mod_status_parse("registered: yes\n"
		"implementation: name=\"a\" flags=0 owner=\"x\\x22 pid=1 link=no\" pid=7 link=yes since=1.0\n",
		&ms), 0);
	CHECK_STR(ms.impl.owner, "x\" pid=1 link=no");
	CHECK_INT(ms.impl.pid, 7);
	CHECK(ms.impl.has_link, "the forged link=no won");
	/* control bytes never come back raw */
	CHECK_INT(mod_status_parse("registered: yes\n"
		"implementation: owner=\"a\\x0a\\x1b[2J\" pid=7 link=yes since=1.0\n", &ms), 0);
	CHECK_STR(ms.impl.owner, "a??[2J");
	/* the old, unquoted format let a value add pairs: such lines are refused */
	CHECK_INT(mod_status_parse("registered: yes\n"
		"implementation: owner=a pid=1 pid=7 link=yes since=1.0\n", &ms), -EINVAL);
	CHECK_INT(mod_status_parse("registered: yes\n"
		"implementation: owner=\"a\" b\" pid=7 link=yes since=1.0\n", &ms), -EINVAL);
	CHECK_INT(mod_status_parse("registered: yes\n"
		"implementation: owner=\"a\\x4\" pid=7 link=yes since=1.0\n", &ms), -EINVAL);
	CHECK_INT(mod_status_parse("registered: yes\n"
		"implementation: owner=\"unterminated pid=7 link=yes since=1.0\n", &ms), -EINVAL);
}

/* The module's last refusal, matched by the loader's pid. */
static void parse_rejected(void)
{
	struct mod_status ms;

	CHECK_INT(mod_status_parse("registered: no\n"
		"rejected: count=3 pid=42 detail=\"unknown flags 0x8 (known: 0x3)\"\n", &ms), 0);
	CHECK(ms.rejected == 3, "count %llu", ms.rejected);
	CHECK_INT(ms.rejected_pid, 42);
	CHECK_STR(ms.rejected_detail, "unknown flags 0x8 (known: 0x3)");
	CHECK_INT(mod_status_parse("registered: no\n", &ms), 0);
	CHECK(ms.rejected == 0, "no refusal, count %llu", ms.rejected);
	CHECK_INT(mod_status_parse("rejected: count=1 detail=\"x\"\n", &ms), -EINVAL);
}

static bool printable(const char *s, size_t size)
{
	size_t i;

	for (i = 0; i < size && s[i]; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return false;
	return i < size;	/* NUL-terminated within its array */
}

/*
 * 200,000 mutations of a valid file (bytes flipped, inserted, deleted,
 * lines cut) and random text: the parser returns 0 or -EINVAL, and every
 * string it fills is NUL-terminated printable ASCII. Run under ASan and
 * UBSan by 'make check'.
 */
static void parse_fuzz(void)
{
	static const char alphabet[] = "=\" \\x0a\n:kp_\"\\x22";
	char text[2048];
	struct mod_status ms;
	unsigned int seed = 12345, bad = 0;
	int iter, i, rc;

	for (iter = 0; iter < 200000; iter++) {
		size_t len;
		int edits;

		snprintf(text, sizeof(text), "%s", REGISTERED);
		len = strlen(text);
		edits = 1 + rand_r(&seed) % 8;
		for (i = 0; i < edits && len > 1; i++) {
			size_t at = rand_r(&seed) % len;
			int what = rand_r(&seed) % 4;
			char c = rand_r(&seed) % 3 ? alphabet[rand_r(&seed) % (sizeof(alphabet) - 1)]
						   : (char)(rand_r(&seed) % 256);

			if (what == 0) {
				text[at] = c;
			} else if (what == 1 && len + 1 < sizeof(text)) {
				memmove(text + at + 1, text + at, len - at + 1);
				text[at] = c;
				len++;
			} else if (what == 2) {
				memmove(text + at, text + at + 1, len - at);
				len--;
			} else {
				text[at] = '\0';
				len = at;
			}
		}
		if (iter % 10 == 0) {	/* now and then, random bytes only */
			len = rand_r(&seed) % (sizeof(text) - 1);
			for (i = 0; i < (int)len; i++)
				text[i] = 1 + rand_r(&seed) % 255;
			text[len] = '\0';
		}
		rc = mod_status_parse(text, &ms);
		if (rc != 0 && rc != -EINVAL)
			bad++;
		if (!printable(ms.impl.name, sizeof(ms.impl.name)) ||
		    !printable(ms.impl.owner, sizeof(ms.impl.owner)))
			bad++;
		for (i = 0; i < ms.history_len; i++)
			if (!printable(ms.history[i].detail, sizeof(ms.history[i].detail)) ||
			    !printable(ms.history[i].reason, sizeof(ms.history[i].reason)) ||
			    !printable(ms.history[i].impl.owner, sizeof(ms.history[i].impl.owner)))
				bad++;
		CHECK(ms.history_len >= 0 && ms.history_len <= MODSTATUS_HISTORY,
		      "history_len %d", ms.history_len);
	}
	CHECK_INT(bad, 0);
}

const struct unit_test modstatus_tests[] = {
	{ "module status: registered, with history", parse_registered },
	{ "module status: empty, and malformed lines", parse_unregistered_and_bad },
	{ "module status: keeps the newest events", parse_keeps_newest },
	{ "module status: reason wording", reason_wording },
	{ "module status: a hostile name or comm forges nothing", parse_refuses_forgery },
	{ "module status: the last refused implementation", parse_rejected },
	{ "module status: 200,000 fuzzed inputs parse or fail cleanly", parse_fuzz },
	{}
};
