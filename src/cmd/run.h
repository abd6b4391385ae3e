/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RUN_H
#define RUN_H

#include <signal.h>
#include <stdbool.h>

struct bpf_link;
struct bpf_map;
struct bpf_object;
struct json;
struct loader;

struct run_opts {
	unsigned long count;	/* triggers before exiting; 0 = until stopped */
	double interval;	/* seconds between triggers */
	const char *message;	/* bytes written on each trigger */
	const char *object;	/* BPF object file; NULL = the built-in one */
	bool legacy;		/* built-in object with plain .struct_ops */
	const char *pin;	/* pin the link here and leave it attached */
	const char *name;	/* data member name, if given */
	unsigned long flags;	/* data member flags, if has_flags */
	bool has_flags;
	const char *required[9];	/* --require OP, NULL-terminated */
	bool no_trigger;	/* attach and wait: for types other than ours */
	bool help;		/* -h given: usage printed, nothing to run */
};

/* Parse `struct_ops [run] [OPTIONS]`. Returns 0 or EXIT_USAGE (reported). */
int run_parse_args(int argc, char **argv, struct run_opts *o);

/*
 * run_object.c: open the object (-o FILE or a built-in one) and set what
 * the options ask for, up to the load: its struct_ops map, the declared
 * and the kernel type names (128 bytes each), -n, -f. 0, or the exit
 * status after one error line.
 */
int run_prepare(const struct run_opts *o, struct loader *ld, struct bpf_map **mapp,
		char declared[128], char type[128]);

enum stop_reason {
	STOP_SIGNAL,
	STOP_COUNT,
	STOP_KERNEL_DETACH,
	STOP_OUTPUT,	/* stdout went away: a pipe whose reader exited */
	STOP_ERROR,
};

/*
 * run_loop.c, which run.c calls (never the other way): the stop signals,
 * and what happens once attached. j: under -j, the run's one document,
 * which they add to; NULL otherwise.
 */
/* The signal that stops the run (SIGINT, SIGTERM), 0 until one comes. */
extern volatile sig_atomic_t run_stop_signal;
/* Catch SIGINT and SIGTERM into run_stop_signal; ignore SIGPIPE. */
void run_catch_signals(void);
void run_describe(struct json *j, struct bpf_object *obj, struct bpf_map *map,
		  struct bpf_link *link, bool link_mode, const char *type);
enum stop_reason run_serve(struct json *j, const struct run_opts *o,
			   struct bpf_link *link, bool link_mode);
void run_report_kernel_detach(struct json *j);

#endif /* RUN_H */
