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
	const char *type;	/* -t TYPE, if not the module's type */
	struct kconfig kc;
};

/*
 * doctor.c runs the checks: its own (the module's), doctor_type.c's (-t
 * TYPE) and doctor_build.c's, which all call doctor_check.c's, and
 * doctor_check.c calls none of theirs.
 */

/* doctor_check.c: report one check; the checks they share */
/* Print one check; returns verdict == OK, so callers can chain on it. */
bool doctor_report(struct doctor *d, const char *name, enum verdict v,
		   const char *fix, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
bool doctor_exists(const char *path);
/* CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN in effect? */
bool doctor_privileged(void);

/* Check CONFIG_name=y, or infer it from evidence (a path that exists). */
bool check_config(struct doctor *d, const char *name, bool inferred,
		  const char *evidence, const char *fix);
/* libbpf, bpffs, privileges, lingering registrations (of d->type, if set) */
void check_system(struct doctor *d);

/* doctor_type.c: the checks for another type than the module's */
void check_type_kernel(struct doctor *d);
void check_type(struct doctor *d);
/* Is struct type defined by one kernel BTF only? (libbpf binds to the first) */
void check_type_unique(struct doctor *d, const char *type);

/* doctor_build.c: module file, its BTF, pahole, headers, BPF compiler */
void check_build(struct doctor *d);
void check_compiler(struct doctor *d);

#endif /* DOCTOR_H */
