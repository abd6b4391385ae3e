// SPDX-License-Identifier: GPL-2.0
/*
 * Untrusted names (processes, pins, implementations) as the program prints
 * them: for a terminal, nothing that drives it; in JSON, valid UTF-8.
 */
#include "escape.h"
#include "fuzz.h"
#include "json.h"

/* s is valid UTF-8 without C0, DEL or C1 controls (except allow_nl). */
static int safe_utf8(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t len;

	while (p < end) {
		len = utf8_len(p);
		if (!len || utf8_is_control(p, len))
			return 0;
		p += len;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), out[4 * 64 + 1], *json = NULL;
	size_t len = 0, i;
	FILE *f;

	str_escape(out, sizeof(out), s);
	FUZZ_CHECK(strlen(out) < sizeof(out) && safe_utf8(out, strlen(out)));
	str_sanitize(out, sizeof(out), s);
	FUZZ_CHECK(strlen(out) < sizeof(out) && safe_utf8(out, strlen(out)));
	mem_escape(out, sizeof(out), data, size);
	FUZZ_CHECK(strlen(out) < sizeof(out) && safe_utf8(out, strlen(out)));
	/* reversible: a plain input comes out as it went in */
	if (size < 64 && safe_utf8(s, strlen(s)) && !strchr(s, '\\') && !strchr(s, '"')) {
		str_escape(out, sizeof(out), s);
		FUZZ_CHECK(!strcmp(out, s));
	}

	f = open_memstream(&json, &len);
	if (!f)
		abort();
	json_write_escaped(f, s);
	fclose(f);
	FUZZ_CHECK(len >= 2 && json[0] == '"' && json[len - 1] == '"');
	FUZZ_CHECK(safe_utf8(json, len));
	for (i = 1; i + 1 < len; i++) {
		if (json[i] == '\\') {
			FUZZ_CHECK(strchr("\"\\nrtu", json[i + 1]));
			i++;
		} else {
			FUZZ_CHECK(json[i] != '"');
		}
	}
	free(json);
	free(s);
	return 0;
}
