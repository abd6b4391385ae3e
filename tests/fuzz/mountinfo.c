// SPDX-License-Identifier: GPL-2.0
/* /proc/self/mountinfo: which mounts are bpffs, where. */
#include "fuzz.h"
#include "pins.h"

static int seen(const char *mount_point, void *ctx)
{
	size_t *max = ctx;

	/* unescaping only shortens: a mount point fits in its line */
	FUZZ_CHECK(strlen(mount_point) <= *max);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size, "r");
	size_t max = size;

	if (!size || !f) {
		if (f)
			fclose(f);
		return 0;
	}
	pins_mounts_parse(f, seen, &max);
	fclose(f);
	return 0;
}
