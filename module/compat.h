/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels the kit runs on (6.12 LTS and Debian's
 * newest 7.x), and the stop-gaps for struct_ops bugs those kernels still
 * have. hello.ko and the modules 'struct_ops new' writes use only this.
 *
 * KIT_BTF_IDS_RELOCATED: BTF_ID() values of an out-of-tree module are
 * resolved at build time against the module's own .BTF. Since commit
 * 46fb0b62ea29 ("kbuild,bpf: Add module-specific pahole flags for
 * distilled base BTF", v6.11), a module built with pahole >= 1.28 (Debian's
 * 7.x: 1.30; its 6.12: 1.24, so not there) has its .BTF split on a
 * distilled base, which the kernel relocates onto the running vmlinux at
 * load time (commit 8646db238997, "libbpf,bpf: Share BTF relocate-related
 * code with kernel"): the type ids a program is verified against are not
 * the ones a BTF_ID() list holds. So the module never compares an
 * attach_btf_id with a BTF_ID() value, on any kernel: the BTF decides.
 */
#ifndef _KIT_COMPAT_H
#define _KIT_COMPAT_H

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/string.h>
#include <linux/version.h>

/*
 * KIT_STACK_ARGS_OK: whether this kernel's BPF trampolines hand a
 * struct_ops program its 7th and later arguments (the stack ones on
 * x86-64) from the right slot. 6.12's x86-64 save_args() reads them at
 * rbp + 24, one slot too far for the indirectly called struct_ops
 * trampoline; 7.3's reads rbp + 16 there (Debian 7.3.4, the first 7.x the
 * kit tests; the upstream commit is not identified: docs/upstream/). A
 * 6.12 with docs/upstream/6.12/0001 applied: build with
 * -DKIT_STACK_ARGS_FIXED. Other architectures pass more in registers and
 * refuse what their trampolines cannot do.
 */
#if !defined(CONFIG_X86_64) || defined(KIT_STACK_ARGS_FIXED) || \
	LINUX_VERSION_CODE >= KERNEL_VERSION(7, 3, 0)
#define KIT_STACK_ARGS_OK	1
#else
#define KIT_STACK_ARGS_OK	0
#endif

/* typedef, const, volatile, restrict, type tag (btf.h's test is not exported) */
static inline bool kit_btf_is_modifier(const struct btf_type *t)
{
	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
		return true;
	}
	return false;
}

/* Is this member of a struct_ops type an operator (a function pointer)? */
static inline bool kit_member_is_op(const struct btf *btf,
				    const struct btf_member *member)
{
	const struct btf_type *t = btf_type_by_id(btf, member->type);
	int depth;

	/* the kernel verified the BTF: no loops; bounded all the same */
	for (depth = 0; t && depth < 16; depth++) {
		if (btf_type_is_ptr(t)) {
			t = btf_type_by_id(btf, t->type);
			return t && btf_type_is_func_proto(t);
		}
		if (!kit_btf_is_modifier(t))
			return false;
		t = btf_type_by_id(btf, t->type);
	}
	return false;
}

/*
 * Stop-gap for the kernels whose bpf_struct_ops_map_update_elem() checks
 * a program's attach_btf_id against the type but not its attach_btf (6.12
 * and 7.3 at least; the fix is docs/upstream/7.3/0001-*.patch). Module BTF
 * is split on vmlinux, so two modules' types often have the same id, and
 * a program verified for another module's type would be accepted here.
 *
 * Called from .init_member for every member. For an operator, looks up
 * the program the user's value names (udata holds its fd at the member's
 * offset) and returns 1, its name in @name, when it was verified against
 * another BTF than @btf; 0 otherwise (no program, not an operator, or not
 * a struct_ops program: the kernel's own checks report those).
 *
 * A race remains: the fd is looked up here and again by the kernel right
 * after, so a thread of the same process that closes the fd and puts
 * another program under its number in between gets that one installed
 * unchecked. Only the kernel's fix closes it.
 */
static inline int kit_prog_is_foreign(const struct btf *btf,
				      const struct btf_type *t,
				      const struct btf_member *member,
				      const void *udata, char *name,
				      size_t len)
{
	u32 moff = __btf_member_bit_offset(t, member) / 8;
	int fd = (int)(*(const unsigned long *)(udata + moff));
	struct bpf_prog *prog;
	int foreign;

	if (!fd || !btf || !kit_member_is_op(btf, member))
		return 0;
	prog = bpf_prog_get_type_dev(fd, BPF_PROG_TYPE_STRUCT_OPS, false);
	if (IS_ERR(prog))
		return 0;
	foreign = prog->aux->attach_btf != btf;
	if (foreign)
		strscpy(name, prog->aux->name, len);
	bpf_prog_put(prog);
	return foreign;
}

#endif /* _KIT_COMPAT_H */
