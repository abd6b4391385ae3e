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

/* output.c: the one error path, and libbpf's output. */
void p_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void p_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void p_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void p_hint(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void libbpf_output_setup(void);
/* Print the tail of the last verifier log libbpf reported, if any. */
bool libbpf_output_show_verifier_tail(int max_lines);
/* The verifier's last word before its statistics, from libbpf's messages. */
bool libbpf_output_verifier_verdict(char *out, size_t size);
/* The program whose load failed last, from libbpf's messages. */
bool libbpf_output_failed_prog(char *name, size_t size);
/* Forget what libbpf said so far. */
void libbpf_output_reset(void);

/* util.c */
int parse_uint(const char *s, const char *what, unsigned long max,
	       unsigned long *out);
int parse_seconds(const char *s, const char *what, double *out);
/*
 * For commands whose only option is -h: parse it and the global options.
 * If *done, the command ends with the returned status (help printed, or
 * bad usage); otherwise its arguments start at optind.
 */
int parse_help_only(int argc, char **argv, void (*usage)(FILE *f), bool *done);
/* Handle -j/-p/-v/-q; returns true if c was one of them. */
bool global_opt(int c);
#define GLOBAL_SHORT_OPTS "jpvq"
#define GLOBAL_LONG_OPTS					\
	{ "json",	no_argument,	NULL, 'j' },		\
	{ "pretty",	no_argument,	NULL, 'p' },		\
	{ "verbose",	no_argument,	NULL, 'v' },		\
	{ "quiet",	no_argument,	NULL, 'q' }

/* Commands: each parses its own arguments (argv[0] is the command). */
int do_run(int argc, char **argv);
int do_trigger(int argc, char **argv);
int do_status(int argc, char **argv);
int do_detach(int argc, char **argv);
int do_repair(int argc, char **argv);
int do_swap(int argc, char **argv);
int do_list(int argc, char **argv);
int do_dump(int argc, char **argv);
int do_types(int argc, char **argv);
int do_doctor(int argc, char **argv);


#endif /* STRUCT_OPS_H */
