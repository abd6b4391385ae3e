// SPDX-License-Identifier: GPL-2.0
/*
 * The header reader's own lexer (src/gen/scan.c), on anything: the text
 * libclang gets differs from the header only where an #include <...> was
 * blanked, each include kept is a plain kernel path, an error names a
 * line; the kernel-doc and identifier searches stay inside the text.
 */
#include "fuzz.h"
#include "scan.h"

static int plain_path(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("_/.-+", *s)))
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	struct gen_scan sc;
	size_t len = strlen(s), i;
	int rc, n;

	rc = gen_scan(&sc, s);
	if (rc) {
		FUZZ_CHECK(sc.error[0] >= '1' && sc.error[0] <= '9');
		FUZZ_CHECK(memchr(sc.error, 0, sizeof(sc.error)));
	} else {
		FUZZ_CHECK(sc.text && strlen(sc.text) == len);
		for (i = 0; i < len; i++)
			FUZZ_CHECK(sc.text[i] == s[i] || sc.text[i] == ' ');
		for (n = 0; n < sc.nincludes; n++)
			FUZZ_CHECK(plain_path(sc.includes[n]));
		FUZZ_CHECK(!(sc.annotations >> GEN_NR_ANNOTATIONS));
		/* no include kept: nothing blanked */
		if (!sc.nincludes)
			FUZZ_CHECK(!memcmp(sc.text, s, len));
	}
	gen_scan_free(&sc);
	FUZZ_CHECK(!sc.text && !sc.includes);

	gen_kdoc_has(s, "enqueue", "@required");
	gen_kdoc_has(s, "x", "@sleepable");
	/* a word that is not in the text is never found */
	if (!strstr(s, "@nowhere"))
		FUZZ_CHECK(!gen_kdoc_has(s, "enqueue", "@nowhere"));
	if (!strstr(s, "rcu_read_lock"))
		FUZZ_CHECK(!gen_code_uses(s, "rcu_read_lock"));
	if (gen_path_is_plain(s))
		FUZZ_CHECK(!strstr(s, "*/") && !strchr(s, '\n'));
	free(s);
	return 0;
}
