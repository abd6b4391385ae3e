// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "kmsg.h"

int kmsg_open(void)
{
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (lseek(fd, 0, SEEK_END) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

const char *kmsg_record_text(const char *record, size_t *len)
{
	const char *text = strchr(record, ';');
	const char *end;

	if (!text)
		return NULL;
	text++;
	end = strchr(text, '\n');
	*len = end ? (size_t)(end - text) : strlen(text);
	return text;
}

int kmsg_print_new(int fd, const char *prefix, const char *indent,
		   struct json *j)
{
	size_t plen = strlen(prefix);
	char rec[8192];
	int printed = 0;

	for (;;) {
		const char *text;
		ssize_t n;
		size_t len;

		/* each read returns exactly one record */
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0) {
			if (errno == EPIPE)	/* overwritten: skip ahead */
				continue;
			break;			/* EAGAIN: nothing more */
		}
		rec[n] = '\0';
		text = kmsg_record_text(rec, &len);
		if (!text || len < plen || strncmp(text, prefix, plen))
			continue;
		if (j) {
			char line[sizeof(rec)];

			snprintf(line, sizeof(line), "%.*s", (int)(len - plen),
				 text + plen);
			json_string(j, line);
		} else {
			printf("%s%.*s\n", indent, (int)(len - plen), text + plen);
		}
		printed++;
	}
	fflush(stdout);
	return printed;
}

int kmsg_find_new(int fd, const char *prefix, const char *prefer, char *out,
		  size_t size)
{
	size_t plen = strlen(prefix);
	bool preferred = false;
	char rec[8192];
	int found = 0;

	for (;;) {
		const char *text;
		ssize_t n;
		size_t len;

		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0) {
			if (errno == EPIPE)	/* overwritten: skip ahead */
				continue;
			break;			/* EAGAIN: nothing more */
		}
		rec[n] = '\0';
		text = kmsg_record_text(rec, &len);
		if (!text || len < plen || strncmp(text, prefix, plen))
			continue;
		/* the last line of the preferred kind, else the last line */
		if (preferred && !memmem(text, len, prefer, strlen(prefer)))
			continue;
		preferred = prefer && memmem(text, len, prefer, strlen(prefer));
		snprintf(out, size, "%.*s", (int)len, text);
		found = 1;
	}
	return found;
}
