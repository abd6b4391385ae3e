// SPDX-License-Identifier: GPL-2.0
/* /proc/bpf_testmod_status, as a hostile or broken module could write it. */
#include "fuzz.h"
#include "modstatus.h"

static void check_impl(const struct mod_impl *impl)
{
	FUZZ_TERMINATED(impl->name);
	FUZZ_TERMINATED(impl->owner);
	FUZZ_CHECK(fuzz_printable(impl->name) && fuzz_printable(impl->owner));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size), line[256];
	struct mod_status ms;
	int i;

	if (!mod_status_parse(text, &ms)) {
		FUZZ_CHECK(ms.history_len >= 0 && ms.history_len <= MODSTATUS_HISTORY);
		check_impl(&ms.impl);
		FUZZ_TERMINATED(ms.rejected_detail);
		FUZZ_CHECK(fuzz_printable(ms.rejected_detail));
		for (i = 0; i < ms.history_len; i++) {
			const struct mod_event *ev = &ms.history[i];

			check_impl(&ev->impl);
			FUZZ_TERMINATED(ev->reason);
			FUZZ_TERMINATED(ev->detail);
			FUZZ_CHECK(fuzz_printable(ev->reason) && fuzz_printable(ev->detail));
			mod_event_format(ev, 1e6, line, sizeof(line));
			FUZZ_CHECK(strlen(line) < sizeof(line) && fuzz_printable(line));
		}
	}
	free(text);
	return 0;
}
