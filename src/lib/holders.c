// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdbool.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "holders.h"
#include "struct_ops.h"

/* "key:\tvalue" -> value as a number, if the line starts with key. */
static int field_u32(const char *line, const char *key, __u32 *out)
{
	size_t n = strlen(key);
	unsigned long v;
	char *end;

	if (strncmp(line, key, n) || line[n] != ':')
		return 0;
	line += n + 1;
	while (*line == ' ' || *line == '\t')
		line++;
	errno = 0;
	v = strtoul(line, &end, 0);
	if (errno || end == line || v > 0xffffffffUL)
		return 0;
	*out = v;
	return 1;
}

static void field_str(const char *line, const char *key, char *out, size_t size)
{
	size_t n = strlen(key), len;

	if (strncmp(line, key, n) || line[n] != ':')
		return;
	line += n + 1;
	while (*line == ' ' || *line == '\t')
		line++;
	len = strcspn(line, "\n");
	if (len >= size)
		len = size - 1;
	memcpy(out, line, len);
	out[len] = '\0';
}

int holder_fdinfo_parse(const char *text, struct holder_fdinfo *out)
{
	bool has_map_type = false;
	const char *line;

	memset(out, 0, sizeof(*out));
	for (line = text; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		has_map_type |= field_u32(line, "map_type", &out->map_type);
		field_u32(line, "map_id", &out->map_id);
		field_u32(line, "link_id", &out->link_id);
		field_str(line, "link_type", out->link_type, sizeof(out->link_type));
	}
	if (out->link_type[0] && out->link_id)
		out->kind = BPF_FD_LINK;
	else if (has_map_type && out->map_id)
		out->kind = BPF_FD_MAP;
	else
		out->kind = BPF_FD_OTHER;
	return 0;
}

static int table_add(struct holder_table *t, const struct holder_fd *fd)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 32;
		struct holder_fd *v = realloc(t->fds, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		t->fds = v;
		t->cap = cap;
	}
	t->fds[t->n++] = *fd;
	return 0;
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static int scan_pid(const char *proc_root, const char *pid,
		    struct holder_table *t)
{
	char path[512], text[4096], comm[32] = "?";
	struct dirent *de;
	int err = 0;
	DIR *dir;

	snprintf(path, sizeof(path), "%s/%s/comm", proc_root, pid);
	/* the kernel ends the name with a newline; the name may hold others */
	if (!read_small(path, comm, sizeof(comm)) && comm[0] &&
	    comm[strlen(comm) - 1] == '\n')
		comm[strlen(comm) - 1] = '\0';

	snprintf(path, sizeof(path), "%s/%s/fdinfo", proc_root, pid);
	dir = opendir(path);
	if (!dir)
		return 0;	/* gone, or not ours to read */
	while ((de = readdir(dir))) {
		struct holder_fd fd = { 0 };

		if (!all_digits(de->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s/fdinfo/%s", proc_root, pid,
			 de->d_name);
		if (read_small(path, text, sizeof(text)))
			continue;	/* closed meanwhile */
		holder_fdinfo_parse(text, &fd.info);
		if (fd.info.kind == BPF_FD_OTHER)
			continue;
		fd.pid = atoi(pid);
		fd.fd = atoi(de->d_name);
		snprintf(fd.comm, sizeof(fd.comm), "%s", comm);
		err = table_add(t, &fd);
		if (err)
			break;
	}
	closedir(dir);
	return err;
}

int holders_scan(const char *proc_root, struct holder_table *t)
{
	struct dirent *de;
	int err = 0;
	DIR *dir;

	memset(t, 0, sizeof(*t));
	dir = opendir(proc_root);
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (!all_digits(de->d_name))
			continue;
		err = scan_pid(proc_root, de->d_name, t);
		if (err)
			break;
	}
	closedir(dir);
	if (err)
		holders_free(t);
	return err;
}

void holders_free(struct holder_table *t)
{
	free(t->fds);
	memset(t, 0, sizeof(*t));
}

int holder_holds(const struct holder_fd *fd, __u32 map_id, __u32 link_id)
{
	const struct holder_fdinfo *fi = &fd->info;

	if (fi->kind == BPF_FD_MAP)
		return map_id && fi->map_id == map_id;
	if (fi->kind == BPF_FD_LINK) {
		if (link_id && fi->link_id == link_id)
			return 1;
		return map_id && fi->map_id == map_id &&
		       !strcmp(fi->link_type, "struct_ops");
	}
	return 0;
}

int holders_find(const struct holder_table *t, __u32 map_id,
			 __u32 link_id, char *buf, size_t size, int *pids,
			 int max_pids)
{
	size_t i, j, used = 0;
	int count = 0;

	if (size)
		buf[0] = '\0';
	for (i = 0; i < t->n; i++) {
		const struct holder_fd *fd = &t->fds[i];
		bool seen = false;

		if (!holder_holds(fd, map_id, link_id))
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = t->fds[j].pid == fd->pid &&
			       holder_holds(&t->fds[j], map_id, link_id);
		if (seen)
			continue;
		if (pids && count < max_pids)
			pids[count] = fd->pid;
		count++;
		if (used < size) {
			char comm[4 * sizeof(fd->comm)];
			int n = snprintf(buf + used, size - used, "%s%d (%s)",
					 used ? ", " : "", fd->pid,
					 str_escape(comm, sizeof(comm), fd->comm));

			used += n > 0 ? (size_t)n : 0;
		}
	}
	return count;
}
