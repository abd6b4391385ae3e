/* SPDX-License-Identifier: GPL-2.0 */
/* BPF objects pinned in bpffs, identified by their ids. */
#ifndef PINS_H
#define PINS_H

#include <stddef.h>

#include "holders.h"

struct bpf_pin {
	char path[256];
	struct bpf_fdinfo info;		/* what the pinned object is */
};

struct bpf_pin_table {
	struct bpf_pin *pins;
	size_t n;
	size_t cap;
};

/* Every pinned map and link under root (a bpffs mount), recursively. */
int bpf_pin_table_scan(const char *root, struct bpf_pin_table *t);
void bpf_pin_table_free(struct bpf_pin_table *t);
/* Describe the open BPF object fd as its fdinfo does. */
int bpf_fd_describe(int fd, struct bpf_fdinfo *out);

#endif /* PINS_H */
