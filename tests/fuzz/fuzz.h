/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzz targets' shared part: each file defines LLVMFuzzerTestOneInput
 * for one parser of outside data. Besides what ASan and UBSan catch, each
 * checks what its parser promises (FUZZ_CHECK): a broken promise aborts,
 * which libFuzzer records as a finding like a crash.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: promise broken: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* The input as a NUL-terminated string (the parsers take text). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* A NUL within size bytes: the field is a terminated string. */
#define FUZZ_TERMINATED(field) FUZZ_CHECK(memchr((field), 0, sizeof(field)) != NULL)

/* No byte of s is a control character (the parsers replace them). */
static inline int fuzz_printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			return 0;
	return 1;
}

#endif /* FUZZ_H */
