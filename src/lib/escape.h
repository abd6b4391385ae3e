/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Untrusted text (process names, pin paths, implementation names, the
 * module's and the kernel's strings) made safe to print: it can neither
 * move the cursor, change the terminal's state, nor end a line.
 */
#ifndef ESCAPE_H
#define ESCAPE_H

#include <stddef.h>

/*
 * Length of the valid UTF-8 sequence (shortest form, no surrogate, at
 * most U+10FFFF) at the start of s, or 0 if s does not start with one.
 */
size_t utf8_len(const unsigned char *s);
/* Is the code point of a valid sequence a C0 or C1 control, or DEL? */
int utf8_is_control(const unsigned char *s, size_t len);

/*
 * src for a terminal, into dst (always terminated, cut if too small):
 * printable UTF-8 as it is; a control character, DEL, a C1 control, a
 * byte that is not UTF-8 or a '"' as \xNN (a quoted name cannot end its
 * quotes); a backslash as \\. Returns dst.
 */
char *str_escape(char *dst, size_t size, const char *src);
/* The same for the first n bytes of src, or up to its first NUL. */
char *mem_escape(char *dst, size_t size, const void *src, size_t n);

/*
 * The same, but a backslash stays as it is: for messages, which must stay
 * one line and harmless but need not be reversible.
 */
char *str_sanitize(char *dst, size_t size, const char *src);

#endif /* ESCAPE_H */
