// SPDX-License-Identifier: GPL-2.0
/*
 * swapdir DIR NAME: the hostile user of the pin-scan tests. Makes DIR/NAME
 * a directory and DIR/NAME_x a symlink to /proc/version, then exchanges the
 * two names atomically (renameat2 RENAME_EXCHANGE) until killed, so that
 * DIR/NAME is a directory one moment and a symlink to a file the next.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char name[4096], other[4096];
	unsigned long n = 0;
	int dfd;

	if (argc != 3) {
		fprintf(stderr, "usage: swapdir DIR NAME\n");
		return 2;
	}
	dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	snprintf(name, sizeof(name), "%s", argv[2]);
	snprintf(other, sizeof(other), "%s_x", argv[2]);
	if (dfd < 0 || mkdirat(dfd, name, 0755) ||
	    symlinkat("/proc/version", dfd, other)) {
		fprintf(stderr, "swapdir: setting up %s/%s: %s\n", argv[1], name,
			strerror(errno));
		return 1;
	}
	for (;;) {
		if (renameat2(dfd, name, dfd, other, RENAME_EXCHANGE)) {
			fprintf(stderr, "swapdir: exchange %lu: %s\n", n, strerror(errno));
			return 1;
		}
		n++;
	}
}
