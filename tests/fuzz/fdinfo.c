// SPDX-License-Identifier: GPL-2.0
/* /proc/PID/fdinfo/FD of any process's file, BPF or not. */
#include "fuzz.h"
#include "holders.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_text(data, size);
	struct holder_fdinfo info;
	struct holder_fd fd = { .pid = 1, .fd = 3 };

	FUZZ_CHECK(holder_fdinfo_parse(text, &info) == 0);
	FUZZ_TERMINATED(info.link_type);
	FUZZ_CHECK(info.kind == BPF_FD_OTHER || info.kind == BPF_FD_MAP ||
		   info.kind == BPF_FD_LINK);
	/* a link is a link only with an id and a type; a map only with an id */
	if (info.kind == BPF_FD_LINK)
		FUZZ_CHECK(info.link_id && info.link_type[0]);
	if (info.kind == BPF_FD_MAP)
		FUZZ_CHECK(info.map_id);
	fd.info = info;
	if (holder_holds(&fd, 0, 0))
		FUZZ_CHECK(info.kind != BPF_FD_OTHER);
	free(text);
	return 0;
}
