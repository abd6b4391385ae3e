// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "pins.h"

#define MAX_DEPTH 8

int holder_describe_fd(int fd, struct holder_fdinfo *out)
{
	char path[64], text[4096];
	ssize_t n;
	int ffd;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	ffd = open(path, O_RDONLY | O_CLOEXEC);
	if (ffd < 0)
		return -errno;
	n = read(ffd, text, sizeof(text) - 1);
	close(ffd);
	if (n < 0)
		return -errno;
	text[n] = '\0';
	return holder_fdinfo_parse(text, out);
}

static int add_pin(struct pin_table *t, const char *path,
		   const struct holder_fdinfo *info)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct pin_entry *v = realloc(t->pins, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->pins = v;
		t->cap = cap;
	}
	snprintf(t->pins[t->n].path, sizeof(t->pins[t->n].path), "%s", path);
	t->pins[t->n].info = *info;
	t->n++;
	return 0;
}

static int scan_dir(const char *dir, int depth, struct pin_table *t)
{
	struct dirent *de;
	int err = 0;
	DIR *d;

	if (depth > MAX_DEPTH)
		return 0;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while (!err && (de = readdir(d))) {
		struct holder_fdinfo info;
		char path[256];
		struct stat st;
		int fd;

		if (de->d_name[0] == '.')
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, de->d_name) >=
		    (int)sizeof(path))
			continue;
		if (lstat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			err = scan_dir(path, depth + 1, t);
			continue;
		}
		if (!S_ISREG(st.st_mode))
			continue;
		fd = bpf_obj_get(path);
		if (fd < 0)
			continue;	/* not a BPF object, or removed meanwhile */
		if (!holder_describe_fd(fd, &info) && info.kind != BPF_FD_OTHER)
			err = add_pin(t, path, &info);
		close(fd);
	}
	closedir(d);
	return err;
}

int pins_scan(const char *root, struct pin_table *t)
{
	int err;

	memset(t, 0, sizeof(*t));
	err = scan_dir(root, 0, t);
	if (err)
		pins_free(t);
	return err;
}

void pins_free(struct pin_table *t)
{
	free(t->pins);
	memset(t, 0, sizeof(*t));
}
