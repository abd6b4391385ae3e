// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
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
