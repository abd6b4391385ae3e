// SPDX-License-Identifier: GPL-2.0
/*
 * Every BPF map and link pinned on every bpffs mount. A pin is the user's
 * statement that an object must stay, so repair trusts "no pin" only when
 * the scan saw everything: it walks every bpffs in /proc/self/mountinfo, with
 * no depth or path-length limit, and records why when it could not.
 *
 * /sys/fs/bpf is mode 1777: any user may create, rename and replace entries
 * there while the scan runs. So the walk never opens a path twice: each
 * entry is opened once with O_PATH | O_NOFOLLOW relative to its directory's
 * fd, checked with fstat() on that fd, and then used through the fd (as the
 * directory for the next level, or as /proc/self/fd/N for BPF_OBJ_GET). A
 * symlink is never followed; an entry that vanished or changed meanwhile is
 * skipped, as it would be had the scan run a moment later. A mount inside
 * a bpffs, a tree deeper than PINS_MAX_DEPTH and any error on a pin make
 * the scan incomplete.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <bpf/bpf.h>

#include "pins.h"

#define BPF_FS_MAGIC	0xcafe4a11
/*
 * Deeper than this the walk stops and says so (an unprivileged user can
 * nest directories in a 1777 bpffs without end; each level costs a stack
 * frame and an fd).
 */
#define PINS_MAX_DEPTH	1024

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

/* Note the first reason the scan may have missed a pin. */
static void incomplete(struct pin_table *t, const char *fmt, ...)
{
	va_list ap;

	if (t->incomplete)
		return;
	va_start(ap, fmt);
	if (vasprintf(&t->incomplete, fmt, ap) < 0)
		t->incomplete = NULL;
	va_end(ap);
	if (!t->incomplete)
		t->incomplete = strdup("out of memory");
}

static char *join(const char *dir, const char *name)
{
	char *path;

	if (asprintf(&path, "%s%s%s", dir,
		     dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/", name) < 0)
		return NULL;
	return path;
}

static int add_pin(struct pin_table *t, const char *path, const struct stat *st,
		   const struct holder_fdinfo *info)
{
	struct pin_entry *e;
	size_t i;

	/* the same bpffs mounted twice shows the same pin twice */
	for (i = 0; i < t->n; i++)
		if (t->pins[i].dev == st->st_dev && t->pins[i].ino == st->st_ino)
			return 0;
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct pin_entry *v = realloc(t->pins, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->pins = v;
		t->cap = cap;
	}
	e = &t->pins[t->n];
	e->path = strdup(path);
	if (!e->path)
		return -ENOMEM;
	e->dev = st->st_dev;
	e->ino = st->st_ino;
	e->info = *info;
	t->n++;
	return 0;
}

/* A regular file on bpffs, open as O_PATH fd: the object pinned there. */
static int scan_file(int fd, const char *path, const struct stat *st,
		     struct pin_table *t)
{
	struct holder_fdinfo info;
	struct stat now;
	char proc[64];
	int obj, err = 0;

	/* the fd keeps an unlinked pin reachable: it no longer pins */
	if (!fstat(fd, &now) && !now.st_nlink)
		return 0;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	obj = bpf_obj_get(proc);
	if (obj < 0) {
		/*
		 * ENOENT: not an object BPF_OBJ_GET hands out (bpffs's own
		 * maps.debug and progs.debug), since scan_dir() made sure that
		 * /proc/self/fd works. Any other error may hide a pin.
		 */
		if (errno != ENOENT)
			incomplete(t, "cannot open the pin %s: %s", path, strerror(errno));
		return 0;
	}
	if (holder_describe_fd(obj, &info))
		incomplete(t, "cannot read what %s pins: %s", path, strerror(errno));
	else if (info.kind != BPF_FD_OTHER)
		err = add_pin(t, path, st, &info);
	close(obj);
	return err;
}

/* Open the directory an O_PATH fd refers to, for reading. */
static int open_dir(int pathfd)
{
	return openat(pathfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
}

/*
 * Walk the directory open as fd (and close it). One fd per level of depth:
 * the process's soft limit is raised to its hard one, and a tree deeper
 * than that makes the scan incomplete, not wrong.
 */
static int scan_dir(int fd, const char *dir, dev_t dev, int depth,
		    struct pin_table *t)
{
	int dfd, efd, err = 0;
	struct dirent *de;
	struct stat st;
	char *path;
	DIR *d;

	d = fdopendir(fd);
	if (!d) {
		incomplete(t, "cannot read %s: %s", dir, strerror(errno));
		close(fd);
		return 0;
	}
	dfd = dirfd(d);
	while (!err) {
		errno = 0;
		de = readdir(d);
		if (!de) {
			if (errno)
				incomplete(t, "cannot read %s: %s", dir, strerror(errno));
			break;
		}
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		efd = openat(dfd, de->d_name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
		if (efd < 0) {
			if (errno != ENOENT)
				incomplete(t, "cannot open %s/%s: %s", dir, de->d_name,
					   strerror(errno));
			continue;
		}
		path = join(dir, de->d_name);
		if (!path) {
			err = -ENOMEM;
		} else if (fstat(efd, &st)) {
			incomplete(t, "cannot stat %s: %s", path, strerror(errno));
		} else if (S_ISDIR(st.st_mode) && st.st_dev != dev) {
			/* another file system mounted here hides what is below */
			incomplete(t, "%s is a mount point inside a bpffs", path);
		} else if (S_ISDIR(st.st_mode) && depth >= PINS_MAX_DEPTH) {
			/* the path is some kilobytes by now: its start names it */
			incomplete(t, "%.100s... is more than %d directories deep",
				   path, PINS_MAX_DEPTH);
		} else if (S_ISDIR(st.st_mode)) {
			fd = open_dir(efd);
			close(efd);
			efd = -1;
			if (fd < 0)
				incomplete(t, "cannot read %s: %s", path, strerror(errno));
			else
				err = scan_dir(fd, path, dev, depth + 1, t);
		} else if (S_ISREG(st.st_mode)) {
			err = scan_file(efd, path, &st, t);
		}
		/* symlinks and anything else pin nothing */
		free(path);
		if (efd >= 0)
			close(efd);
	}
	closedir(d);
	return err;
}

int pins_scan(const char *root, struct pin_table *t)
{
	struct statfs fs;
	struct stat st;
	int fd;

	fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			incomplete(t, "cannot open the bpffs at %s: %s", root,
				   strerror(errno));
		return 0;
	}
	/* pins are opened through /proc/self/fd: without it, none is seen */
	if (access("/proc/self/fd", X_OK)) {
		incomplete(t, "/proc/self/fd is not there (is /proc mounted?): no pin can be read");
		close(fd);
		return 0;
	}
	if (fstatfs(fd, &fs) || fs.f_type != BPF_FS_MAGIC || fstat(fd, &st)) {
		/* mounted over since mountinfo was read, or not a bpffs */
		incomplete(t, "%s is not a bpffs (mounted over?)", root);
		close(fd);
		return 0;
	}
	return scan_dir(fd, root, st.st_dev, 0, t);
}

/* Undo mountinfo's octal escapes (\040 is a space) in place. */
static void unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*w++ = (char)((s[1] - '0') << 6 | (s[2] - '0') << 3 | (s[3] - '0'));
			s += 3;
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

int pins_mounts_parse(FILE *f, int (*fn)(const char *mount_point, void *ctx),
		      void *ctx)
{
	char *line = NULL, *sep, *mnt, *end;
	size_t cap = 0;
	int err = 0, i;

	while (!err && getline(&line, &cap, f) >= 0) {
		/* ID PARENT MAJ:MIN ROOT MOUNT_POINT OPTIONS [TAGS...] - FSTYPE ... */
		sep = strstr(line, " - ");
		if (!sep || strncmp(sep + 3, "bpf ", 4))
			continue;
		*sep = '\0';
		for (mnt = line, i = 0; i < 4 && mnt; i++) {
			mnt = strchr(mnt, ' ');
			if (mnt)
				mnt++;
		}
		if (!mnt)
			continue;
		end = strchr(mnt, ' ');
		if (end)
			*end = '\0';
		unescape(mnt);
		err = fn(mnt, ctx);
	}
	free(line);
	return err;
}

static int scan_mount(const char *mount_point, void *ctx)
{
	struct pin_table *t = ctx;

	t->mounts++;
	return pins_scan(mount_point, t);
}

int pins_scan_all(const char *mountinfo, struct pin_table *t)
{
	FILE *f = fopen(mountinfo, "re");
	struct rlimit rl, saved;
	bool raised = false;
	int err;

	memset(t, 0, sizeof(*t));
	if (!f) {
		incomplete(t, "cannot read %s (%s), so the bpffs mounts are unknown",
			   mountinfo, strerror(errno));
		return 0;
	}
	/* the walk holds one fd per directory level */
	if (!getrlimit(RLIMIT_NOFILE, &rl) && rl.rlim_cur < rl.rlim_max) {
		saved = rl;
		rl.rlim_cur = rl.rlim_max;
		raised = !setrlimit(RLIMIT_NOFILE, &rl);
	}
	err = pins_mounts_parse(f, scan_mount, t);
	if (!err && ferror(f))
		incomplete(t, "reading %s failed, so some bpffs mounts are unknown",
			   mountinfo);
	fclose(f);
	if (raised)
		setrlimit(RLIMIT_NOFILE, &saved);
	if (err)
		pins_free(t);
	return err;
}

void pins_free(struct pin_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->pins[i].path);
	free(t->pins);
	free(t->incomplete);
	memset(t, 0, sizeof(*t));
}
