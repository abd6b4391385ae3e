// SPDX-License-Identifier: GPL-2.0
/*
 * sched_ext's kernel log lines: the input is a run of /dev/kmsg records,
 * one per line ("PRI,SEQ,TIME,FLAGS;sched_ext: ..."), fed to the history
 * in order; each line's text is also parsed on its own.
 */
#include "fuzz.h"
#include "scx.h"

static void check_event(const struct scx_event *ev)
{
	char line[1024];

	FUZZ_TERMINATED(ev->sched);
	FUZZ_TERMINATED(ev->reason);
	FUZZ_TERMINATED(ev->message);
	FUZZ_CHECK(ev->kind == SCX_EV_ENABLED || ev->kind == SCX_EV_DISABLED);
	FUZZ_CHECK(ev->sched[0]);
	if (ev->kind == SCX_EV_DISABLED)
		FUZZ_CHECK(ev->reason[0] && ev->exit_kind);
	else
		FUZZ_CHECK(!ev->reason[0] && !ev->message[0]);
	FUZZ_CHECK(!strchr(ev->message, '\n'));
	scx_event_format(ev, 1e9, line, sizeof(line));
	FUZZ_CHECK(memchr(line, 0, sizeof(line)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), *line, *next;
	struct scx_history h = {};
	struct scx_event ev;
	int i;

	for (line = text; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (scx_parse_line(line, strlen(line), &ev) != SCX_EV_NONE)
			check_event(&ev);
		scx_history_add(&h, line, strlen(line));
		FUZZ_CHECK(h.n >= 0 && h.n <= SCX_HISTORY);
	}
	for (i = 0; i < h.n; i++)
		check_event(&h.ev[i]);
	free(text);
	return 0;
}
