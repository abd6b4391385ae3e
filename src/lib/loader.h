/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Opening and loading a BPF object with the verifier's log kept in
 * buffers of our own (bpf_program__set_log_buf()), so that a failed load names
 * the program and quotes the verifier's last lines: used by run and swap.
 */
#ifndef LOADER_H
#define LOADER_H

#include <stddef.h>

struct bpf_object;
struct bpf_map;

struct loader {
	struct bpf_object *obj;
	char what[256];		/* "FILE" or "the built-in object", for messages */
	char *log;		/* the programs' log buffers, one block */
	size_t log_size;
};

/* Open path, or the object in [start, end) named name. 0 or -errno (said). */
int loader_open(struct loader *l, const char *path, const char *name,
		const char *start, const char *end);
/*
 * Load (the verifier runs here). On failure one error line naming the
 * program that failed and what the verifier's verdict means, then the
 * log's last lines. Returns 0 or -errno.
 */
int loader_load(struct loader *l);
/*
 * Load without a word: no log buffers, no error line. For a first try
 * whose failure is diagnosed by reopening the object and loading it again
 * with loader_load(), after the checks that explain what the kernel lacks.
 * 0 or a negative error.
 */
int loader_try_load(struct loader *l);
void loader_close(struct loader *l);

/* The object's struct_ops map: "testmod_ops" if present, else the first. */
struct bpf_map *loader_ops_map(struct bpf_object *obj);
/* The kernel's id of a map or link fd, 0 if unknown. */
unsigned int loader_map_id(int fd);
unsigned int loader_link_id(int fd);

/* The verifier's verdict: the log's last line before its statistics. */
int verifier_verdict(const char *log, char *out, size_t size);
/* Print the log's last max_lines lines (before the statistics) to stderr. */
void verifier_print_tail(const char *log, int max_lines);

/* "cannot open BPF object WHAT: REASON", libbpf's codes in words. */
void loader_open_error(const char *what, int err);

#endif /* LOADER_H */
