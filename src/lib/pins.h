/* SPDX-License-Identifier: GPL-2.0 */
/* BPF objects pinned in bpffs, identified by their ids. */
#ifndef PINS_H
#define PINS_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

#include "holders.h"

struct pin_entry {
	char *path;
	dev_t dev;			/* the pin file, to see it once */
	ino_t ino;
	struct holder_fdinfo info;	/* what the pinned object is */
};

struct pin_table {
	struct pin_entry *pins;
	size_t n;
	size_t cap;
	int mounts;		/* bpffs mounts scanned */
	/* NULL if the scan saw everything, else the first reason it did not */
	char *incomplete;
};

/*
 * Every pinned map and link on every bpffs mount listed in mountinfo
 * (/proc/self/mountinfo). Entries that vanish or change during the walk
 * are skipped; anything else that hides part of a bpffs is recorded in
 * t->incomplete. Returns 0, or -ENOMEM.
 */
int pins_scan_all(const char *mountinfo, struct pin_table *t);
/* Add the pins under root, one bpffs mount, to t. */
int pins_scan(const char *root, struct pin_table *t);
/* Call fn with the mount point of each bpffs in a mountinfo file. */
int pins_mounts_parse(FILE *f, int (*fn)(const char *mount_point, void *ctx),
		      void *ctx);
void pins_free(struct pin_table *t);
/* Describe the open BPF object fd as its fdinfo does. */
int holder_describe_fd(int fd, struct holder_fdinfo *out);

#endif /* PINS_H */
