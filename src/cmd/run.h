/* SPDX-License-Identifier: GPL-2.0 */
#ifndef RUN_H
#define RUN_H

#include <stdbool.h>

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

#endif /* RUN_H */
