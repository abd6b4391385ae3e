// SPDX-License-Identifier: GPL-2.0
/*
 * writer PATH N SIZE: open PATH once, write SIZE bytes to it N times, and
 * print "writes=N bytes=SIZE ns_per_write=X". make bench runs it on the
 * trigger file and on /dev/null, side by side, so that the ratio is what
 * one trigger costs beyond a system call.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	unsigned long n, i;
	size_t size;
	char *buf;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: writer PATH N SIZE\n");
		return 2;
	}
	n = strtoul(argv[2], NULL, 10);
	size = strtoul(argv[3], NULL, 10);
	buf = malloc(size ? size : 1);
	if (!n || !buf)
		return 2;
	memset(buf, 'a', size);
	fd = open(argv[1], O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "writer: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++) {
		if (write(fd, buf, size) != (ssize_t)size) {
			fprintf(stderr, "writer: write %lu to %s: %s\n", i, argv[1],
				strerror(errno));
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	printf("writes=%lu bytes=%zu ns_per_write=%.1f\n", n, size,
	       ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
	return 0;
}
