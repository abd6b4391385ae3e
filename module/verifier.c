// SPDX-License-Identifier: GPL-2.0
/*
 * What bpf_testmod_ops (seed.c) and bpf_testmod_many_ops (many.c) share:
 * their verifier callbacks, .init, .check_member, and the check of each
 * operator's program at attach.
 *
 * is_valid_access is bpf_tracing_btf_ctx_access(): read-only, aligned,
 * in-range access to the arguments, typed from the member's BTF prototype.
 * get_func_proto gives the base helpers (bpf_printk for CAP_PERFMON).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/printk.h>

#include "compat.h"
#include "hello.h"

/* NULL until .init: the module was loaded without BTF (see hello_init()). */
const struct btf *testmod_btf;

int testmod_ops_init(struct btf *btf)
{
	testmod_btf = btf;
	return 0;
}

static bool testmod_ops_is_valid_access(int off, int size,
					enum bpf_access_type type,
					const struct bpf_prog *prog,
					struct bpf_insn_access_aux *info)
{
	/* Read-only access to the arguments, typed by the member's BTF. */
	return bpf_tracing_btf_ctx_access(off, size, type, prog, info);
}

static const struct bpf_func_proto *
testmod_ops_get_func_proto(enum bpf_func_id func_id, const struct bpf_prog *prog)
{
	return bpf_base_func_proto(func_id, prog);
}

const struct bpf_verifier_ops testmod_verifier_ops = {
	.get_func_proto		= testmod_ops_get_func_proto,
	.is_valid_access	= testmod_ops_is_valid_access,
};

/*
 * Both types' operators run inside the trigger's rcu_read_lock() with
 * preemption disabled: a sleepable program there would sleep in atomic
 * context. The verifier then says "attach to unsupported member".
 */
int testmod_ops_check_member(const struct btf_type *t,
			     const struct btf_member *member,
			     const struct bpf_prog *prog)
{
	if (prog->sleepable) {
		pr_info_ratelimited("rejecting program '%s': sleepable programs (struct_ops.s) cannot implement operators called in atomic context\n",
				    prog->aux->name);
		return -EINVAL;
	}
	return 0;
}

/*
 * An operator's program must have been verified for this module's BTF.
 * testmod_reject() logs why and keeps it for the status file.
 */
int testmod_check_prog_btf(const struct btf_type *t,
			   const struct btf_member *member, const void *udata)
{
	char name[BPF_OBJ_NAME_LEN];

	if (kit_prog_is_foreign(testmod_btf, t, member, udata, name,
				sizeof(name)))
		return testmod_reject("program '%s' was verified for another module's type",
				      name);
	return 0;
}
