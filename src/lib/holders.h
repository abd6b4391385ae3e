/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which processes hold which BPF maps and links, read from /proc/PID/fdinfo.
 * The proc root is a parameter so that tests can point it at a fake tree.
 */
#ifndef HOLDERS_H
#define HOLDERS_H

#include <stddef.h>
#include <linux/types.h>

enum holder_kind {
	BPF_FD_OTHER,
	BPF_FD_MAP,
	BPF_FD_LINK,
};

/* What one fdinfo file says about a BPF object. */
struct holder_fdinfo {
	enum holder_kind kind;
	__u32 map_id;		/* a map's id; a struct_ops link's map (0 if detached) */
	__u32 map_type;
	__u32 link_id;
	char link_type[32];
};

/* One open BPF map or link fd of one process. */
struct holder_fd {
	int pid;
	int fd;
	char comm[32];
	struct holder_fdinfo info;
};

struct holder_table {
	struct holder_fd *fds;
	size_t n;
	size_t cap;
};

/* Parse the text of /proc/PID/fdinfo/FD. Returns 0 (kind OTHER if not BPF). */
int holder_fdinfo_parse(const char *text, struct holder_fdinfo *out);

/* Collect every BPF map and link fd of every process under proc_root. */
int holders_scan(const char *proc_root, struct holder_table *t);
void holders_free(struct holder_table *t);

/*
 * Does fd refer to the struct_ops map map_id, either directly or through a
 * link to it? link_id, if not 0, also matches a link fd with that id.
 */
int holder_holds(const struct holder_fd *fd, __u32 map_id, __u32 link_id);

/*
 * The distinct processes holding map_id (or link_id), written as
 * "123 (struct_ops), 456 (bpftool)" into buf. Returns how many; 0 writes "".
 * pids, if not NULL, receives up to max_pids of them.
 */
int holders_find(const struct holder_table *t, __u32 map_id,
			 __u32 link_id, char *buf, size_t size, int *pids,
			 int max_pids);

#endif /* HOLDERS_H */
