// SPDX-License-Identifier: GPL-2.0
/*
 * swapdir [-u UID] DIR NAME: the hostile user of the pin-scan tests. Makes
 * DIR/NAME a directory and DIR/NAME_x a symlink to /proc/version, then
 * exchanges the two names atomically (renameat2 RENAME_EXCHANGE) until
 * killed, so that DIR/NAME is a directory one moment and a symlink to a
 * file the next. With -u it opens DIR first, then becomes UID (and its
 * group): it works through the directory's fd, so it needs no right on
 * the path to DIR (a chroot whose root is mode 0700, say), only on DIR.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char name[4096], other[4096];
	unsigned long n = 0;
	long uid = -1;
	int dfd;

	if (argc == 5 && !strcmp(argv[1], "-u")) {
		uid = strtol(argv[2], NULL, 10);
		argv += 2;
		argc -= 2;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: swapdir [-u UID] DIR NAME\n");
		return 2;
	}
	dfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	if (dfd >= 0 && uid >= 0 &&
	    (setgroups(0, NULL) || setgid(uid) || setuid(uid))) {
		fprintf(stderr, "swapdir: becoming uid %ld: %s\n", uid, strerror(errno));
		return 1;
	}
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
