// SPDX-License-Identifier: GPL-2.0
/* A kernel .config (/proc/config.gz, /boot/config-R, the headers' .config). */
#include "fuzz.h"
#include "kconfig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "MODULES", "DEBUG_INFO_BTF",
		"PAHOLE_VERSION", "LOCALVERSION", "A", "" };
	struct kconfig kc = { .text = fuzz_text(data, size) };
	char small[4], big[64];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *v = kconfig_get(&kc, names[i], small, sizeof(small));

		FUZZ_CHECK(!v || (v == small && strlen(small) < sizeof(small)));
		v = kconfig_get(&kc, names[i], big, sizeof(big));
		FUZZ_CHECK(!v || (v == big && strlen(big) < sizeof(big)));
		/* a value is one line */
		FUZZ_CHECK(!v || !strchr(big, '\n'));
	}
	free(kc.text);
	return 0;
}
