// SPDX-License-Identifier: GPL-2.0
/* One /dev/kmsg record: "PRI,SEQ,TIME,FLAGS;TEXT\n KEY=VALUE...". */
#include "fuzz.h"
#include "kmsg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *record = fuzz_text(data, size);
	const char *text;
	size_t len = (size_t)-1;

	text = kmsg_record_text(record, &len);
	if (text) {
		/* the text lies inside the record and is one line */
		FUZZ_CHECK(text > record && text <= record + strlen(record));
		FUZZ_CHECK(len <= strlen(text));
		FUZZ_CHECK(!memchr(text, '\n', len));
	}
	free(record);
	return 0;
}
