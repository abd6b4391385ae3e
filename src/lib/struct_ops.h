/* SPDX-License-Identifier: GPL-2.0 */
/* Shared declarations of the struct_ops program. */
#ifndef STRUCT_OPS_H
#define STRUCT_OPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define PROG_NAME	"struct_ops"
#define OPS_TYPE	"bpf_testmod_ops"
#define OPS_MODULE	"hello"
/* What run and trigger write when not told. */
#define DEFAULT_TRIGGER_MESSAGE	"Hello from userspace!"

/* A number macro as a string literal, for help texts. */
#define STR_(x)		#x
#define STR(x)		STR_(x)
#define BPF_TESTMOD_BUF_SIZE_STR	STR(BPF_TESTMOD_BUF_SIZE)

/* Exit statuses, documented in the README and in `struct_ops help`. */
enum {
	EXIT_OK		= 0,
	EXIT_FAIL	= 1,	/* an operation failed; the message says why */
	EXIT_USAGE	= 2,	/* bad command line */
	EXIT_BUSY	= 3,	/* another implementation is registered */
	EXIT_DETACHED	= 4,	/* the kernel detached the implementation */
};

/* Options every command accepts. */
struct global_opts {
	bool json;	/* -j: JSON output where the command has any */
	bool pretty;	/* -p: indented JSON */
	int verbose;	/* -v: libbpf debug output, verifier logs */
	bool quiet;	/* -q: errors only */
};

extern struct global_opts g_opts;

/* output.c: the one error path, the JSON document, and libbpf's output. */
void p_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void p_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void p_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Take libbpf's messages. */
void out_setup(void);
/* Where a command writes its JSON document (under -j). */
FILE *out_json(void);
/* Where help goes: stdout, or stderr under -j (whose stdout is JSON). */
FILE *out_help(void);
/*
 * At exit: under -j print the one document (the command's, its error,
 * or null). Returns status.
 */
int out_finish(int status);
/* util.c */
int parse_uint(const char *s, const char *what, unsigned long max,
	       unsigned long *out);
int parse_count(const char *s, const char *what, unsigned long max,
		unsigned long *out);
/* Are the n bytes at p all zero? */
bool mem_all_zero(const void *p, size_t n);
int parse_seconds(const char *s, const char *what, double *out);
/* At most size - 1 bytes of a small file (/proc, sysfs), terminated; -errno. */
int read_small(const char *path, char *buf, size_t size);


#endif /* STRUCT_OPS_H */
