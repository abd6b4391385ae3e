/* SPDX-License-Identifier: GPL-2.0 */
/* BPF objects pinned in bpffs, identified by their ids. */
#ifndef PINS_H
#define PINS_H

#include <stddef.h>

#include "holders.h"

struct pin_entry {
	char path[256];
	struct holder_fdinfo info;		/* what the pinned object is */
};

struct pin_table {
	struct pin_entry *pins;
	size_t n;
	size_t cap;
};

/* Every pinned map and link under root (a bpffs mount), recursively. */
int pins_scan(const char *root, struct pin_table *t);
void pins_free(struct pin_table *t);
/* Describe the open BPF object fd as its fdinfo does. */
int holder_describe_fd(int fd, struct holder_fdinfo *out);

#endif /* PINS_H */
