/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal test harness: one line per test, "ok - NAME" or "not ok - NAME: why". */
#ifndef UNIT_H
#define UNIT_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

extern bool unit_failed;

#define CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			printf("#   %s:%d: CHECK(%s) failed: ", __FILE__,	\
			       __LINE__, #cond);			\
			printf(__VA_ARGS__);				\
			printf("\n");					\
			unit_failed = true;				\
		}							\
	} while (0)

#define CHECK_STR(got, want)						\
	CHECK(!strcmp((got), (want)), "got \"%s\", want \"%s\"", (got), (want))

#define CHECK_CONTAINS(got, part)					\
	CHECK(strstr((got), (part)) != NULL, "\"%s\" lacks \"%s\"", (got), (part))

#define CHECK_INT(got, want)						\
	CHECK((long long)(got) == (long long)(want), "got %lld, want %lld", \
	      (long long)(got), (long long)(want))

struct unit_test {
	const char *name;
	void (*fn)(void);
};

/* Each test file defines an array of tests ending with {}. */
extern const struct unit_test holders_tests[], opts_tests[], explain_tests[],
	misc_tests[], modstatus_tests[], input_tests[], gen_tests[],
	scx_tests[];

/* stderr of the code under test, captured into a buffer. */
void capture_stderr_begin(void);
const char *capture_stderr_end(void);

/* A scratch directory, removed at exit. */
const char *scratch_dir(void);

#endif /* UNIT_H */
