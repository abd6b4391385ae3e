/* SPDX-License-Identifier: GPL-2.0 */
/* Follow the kernel log (/dev/kmsg) to show what the module printed. */
#ifndef KMSG_H
#define KMSG_H

#include <stddef.h>

/* Open /dev/kmsg positioned after the newest record; -errno on failure. */
int kmsg_open(void);
struct json;

/*
 * Print, each on its own line after indent, the text of every record
 * logged since the last call whose text starts with prefix ("hello: "),
 * with the prefix removed; or, if j, write each as a JSON string (into an
 * array the caller has begun). Returns the number printed.
 */
int kmsg_print_new(int fd, const char *prefix, const char *indent,
		   struct json *j);
/*
 * Read every record logged since the last call; into out, the text of the
 * last one that starts with prefix ("pktsched: ") and contains prefer (if
 * any does), else of the last one that starts with prefix. Returns 1 if
 * one was found, 0 if not.
 */
int kmsg_find_new(int fd, const char *prefix, const char *prefer, char *out,
		  size_t size);
/* The text part of one /dev/kmsg record ("6,12,345,-;text\n"), or NULL. */
const char *kmsg_record_text(const char *record, size_t *len);

#endif /* KMSG_H */
