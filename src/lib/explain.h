/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One-line messages that name a cause and its fix. Pure formatting, no
 * syscalls, so the unit tests can check every wording.
 */
#ifndef EXPLAIN_H
#define EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "registry.h"

/*
 * Another implementation of type is registered as map m, held by nholders
 * processes (holders, the first first_pid) and pinned at pin (or NULL).
 */
void explain_busy(char *buf, size_t size, const char *type,
		  const struct so_map *m, const char *holders, int nholders,
		  int first_pid, const char *pin);

enum type_absence {
	ABSENT_NO_KERNEL_BTF,	/* /sys/kernel/btf/vmlinux missing */
	ABSENT_NO_MODULES,	/* kernel without CONFIG_MODULES */
	ABSENT_MODULE_NOT_LOADED,
	ABSENT_MODULE_NO_BTF,	/* module loaded, /sys/kernel/btf/MOD missing */
	ABSENT_MODULE_NO_TYPE,	/* module BTF present, type not registered */
};

/* Why the kernel does not offer the struct_ops type, and what to do. */
void explain_missing_type(char *buf, size_t size, const char *type,
			  const char *module, enum type_absence why);

/*
 * Why attaching failed with err (negative errno), and what to do. owner is
 * "vmlinux" or the module that defines type (or NULL); module_line, for
 * EINVAL, the line the module logged while refusing (or NULL: none).
 */
void explain_attach_error(char *buf, size_t size, const char *type,
			  const char *owner, int err, const char *module_line);

/*
 * Why loading (verifying) failed with err, given the failing program and
 * the verifier's verdict (the last line of its log before the statistics),
 * either may be NULL.
 */
void explain_load_error(char *buf, size_t size, const char *prog, int err,
			const char *verdict);

/*
 * A struct_ops program (section section, "struct_ops/MEMBER") that no
 * struct_ops map's value uses: libbpf refuses the object; the fixes.
 */
void explain_unreferenced_prog(char *buf, size_t size, const char *prog,
			       const char *section);

/* What a verifier verdict line means in plain words, or NULL. */
const char *explain_verifier_verdict(const char *line);

/* Why the BPF maps could not be listed: the privileges, or the errno. */
void explain_maps_error(char *buf, size_t size, int err);

#endif /* EXPLAIN_H */
