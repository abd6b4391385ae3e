/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DOCTOR_H
#define DOCTOR_H

#include <stdbool.h>

#include "json.h"
#include "kconfig.h"

enum verdict { OK, PROBLEM, SKIP };

struct doctor {
	struct json j;
	int problems;
	const char *ko;		/* the module file to check */
	const char *kdir;	/* the headers the module is built against */
	struct kconfig kc;
};

/* Print one check; returns verdict == OK, so callers can chain on it. */
bool doctor_report(struct doctor *d, const char *name, enum verdict v,
		   const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
bool doctor_exists(const char *path);

/* doctor_build.c: module file, its BTF, pahole, headers, BPF compiler */
void check_build(struct doctor *d);
void check_compiler(struct doctor *d);

#endif /* DOCTOR_H */
