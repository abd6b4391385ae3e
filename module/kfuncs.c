// SPDX-License-Identifier: GPL-2.0
/*
 * kfuncs for the module's own struct_ops programs, and for no other
 * program: bpf_testmod_log() writes to the kernel log, bpf_testmod_count()
 * bumps a per-operator counter of the registration being called (shown in
 * /proc/bpf_testmod_status). Declared for BPF in bpf_testmod.h; registered
 * by hello_init() (main.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "hello.h"

__bpf_kfunc_start_defs();

__bpf_kfunc void bpf_testmod_log(const char *msg__str)
{
	/* a constant string of the program's: escaped, rate-limited */
	pr_info_ratelimited("bpf: %*pE\n", (int)strlen(msg__str), msg__str);
}

__bpf_kfunc void bpf_testmod_count(unsigned int op)
{
	struct testmod_reg *reg;

	/* a BPF timer's callback (softirq) is not one of our calls */
	if (!in_task())
		return;
	/* NULL when called from a bpf_testmod_many_ops program */
	reg = this_cpu_read(testmod_calling);
	if (reg && op >= 1 && op <= COUNTED_OPS)
		atomic64_inc(&reg->op_counts[op]);
}

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(testmod_kfunc_ids)
BTF_ID_FLAGS(func, bpf_testmod_log)
BTF_ID_FLAGS(func, bpf_testmod_count)
BTF_KFUNCS_END(testmod_kfunc_ids)

/*
 * The kfuncs are registered for every struct_ops program: refuse them to
 * any type but the module's own (a BPF TCP congestion control, say). A
 * program whose attach_btf is this module's BTF implements one of the
 * types registered from it (the verifier finds the type in that BTF's
 * struct_ops table), so the BTF alone decides. Its attach_btf_id is not
 * compared with BTF_ID() values: see compat.h.
 */
static int testmod_kfunc_filter(const struct bpf_prog *prog, u32 kfunc_id)
{
	if (testmod_btf && prog->aux->attach_btf == testmod_btf)
		return 0;
	return -EACCES;
}

const struct btf_kfunc_id_set testmod_kfunc_set = {
	.owner	= THIS_MODULE,
	.set	= &testmod_kfunc_ids,
	.filter	= testmod_kfunc_filter,
};
