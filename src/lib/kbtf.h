/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel's BTF, loaded once per process and cached: vmlinux, each
 * module's split BTF (by name, from /sys/kernel/btf, or by BTF object id),
 * and the lookups every command needs. The BTF returned belongs to the
 * cache: never free it.
 */
#ifndef KBTF_H
#define KBTF_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct btf;

/* vmlinux's BTF, or NULL with errno set (a kernel without BTF). */
const struct btf *kbtf_vmlinux(void);
/* "vmlinux" or a module's name: its BTF, or NULL with errno set. */
const struct btf *kbtf_module(const char *name);
/* A kernel BTF object by id (needs CAP_SYS_ADMIN); name gets its owner. */
const struct btf *kbtf_by_id(__u32 id, char *name, size_t name_size);
/* Only the name of BTF object id ("vmlinux" or a module's), and whether it
 * is the kernel's: nothing parsed. 0 or -errno. */
int kbtf_name_by_id(__u32 id, char *name, size_t name_size, bool *kernel);
/*
 * Where the struct named type is defined: vmlinux first, then every
 * module with BTF. 0 with *btf, *id and owner ("vmlinux" or the module),
 * -ENOENT if no BTF defines it, or -errno if vmlinux has none.
 */
int kbtf_find_struct(const char *type, const struct btf **btf, int *id,
		     char *owner, size_t owner_size);
/*
 * Every kernel BTF that defines struct type as its own, in the order
 * libbpf (1.4) searches them when it binds a struct_ops map to the type
 * of that name: vmlinux, then the modules by BTF object id, which is the
 * order they were loaded; libbpf takes the first. The first max names go
 * into owners ("vmlinux" or the module). Returns how many define it, or
 * -errno if vmlinux has no BTF.
 */
int kbtf_struct_owners(const char *type, char (*owners)[64], int max);
/* Call fn for vmlinux, then each module with BTF; stop if it returns non-zero. */
int kbtf_for_each(int (*fn)(const struct btf *btf, const char *owner, void *ctx),
		  void *ctx);
/* Drop the cache (at exit, and for tests). */
void kbtf_free_all(void);

#endif /* KBTF_H */
