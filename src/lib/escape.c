// SPDX-License-Identifier: GPL-2.0
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"

size_t utf8_len(const unsigned char *s)
{
	unsigned int cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;	/* a continuation byte, 0xc0, 0xc1 or > 0xf4 */
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;	/* also stops at the terminating NUL */
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;	/* overlong, too large, or a surrogate */
	return n;
}

int utf8_is_control(const unsigned char *s, size_t len)
{
	if (len == 1)
		return s[0] < 0x20 || s[0] == 0x7f;
	/* U+0080..U+009F are 0xc2 0x80..0x9f */
	return len == 2 && s[0] == 0xc2 && s[1] < 0xa0;
}

static char *escape(char *dst, size_t size, const void *src, size_t n,
		    bool backslash)
{
	const unsigned char *p = src, *end = p + n;
	unsigned char chunk[5];
	size_t used = 0, len, i;
	char esc[32];

	if (!size)
		return dst;
	while (p < end && *p) {
		/* a sequence cut by n is not UTF-8: copy it to terminate it */
		len = (size_t)(end - p) < 4 ? (size_t)(end - p) : 4;
		memcpy(chunk, p, len);
		chunk[len] = '\0';
		len = utf8_len(chunk);
		if (!len || utf8_is_control(chunk, len) ||
		    (backslash && *p == '"')) {
			for (i = 0; i < (len ? len : 1); i++)
				snprintf(esc + 4 * i, 5, "\\x%02x", p[i]);
			len = len ? len : 1;
		} else if (*p == '\\' && backslash) {
			strcpy(esc, "\\\\");
		} else {
			memcpy(esc, p, len);
			esc[len] = '\0';
		}
		if (used + strlen(esc) >= size)
			break;
		memcpy(dst + used, esc, strlen(esc));
		used += strlen(esc);
		p += len;
	}
	dst[used] = '\0';
	return dst;
}

char *mem_escape(char *dst, size_t size, const void *src, size_t n)
{
	return escape(dst, size, src, n, true);
}

char *str_escape(char *dst, size_t size, const char *src)
{
	return escape(dst, size, src ? src : "", src ? strlen(src) : 0, true);
}

char *str_sanitize(char *dst, size_t size, const char *src)
{
	return escape(dst, size, src ? src : "", src ? strlen(src) : 0, false);
}
