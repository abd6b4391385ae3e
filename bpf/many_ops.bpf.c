// SPDX-License-Identifier: GPL-2.0
/*
 * All 44 operators of bpf_testmod_many_ops: op_N(x) returns x + N. One
 * trampoline per operator: more than one page of them.
 */
#include "ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#define MANY_IMPL(n)					\
	int BPF_STRUCT_OPS(op_##n, int x)		\
	{						\
		return x + (n);				\
	}
BPF_TESTMOD_MANY_OPS(MANY_IMPL)

#define MANY_REF(n) .op_##n = (void *)op_##n,
SEC(".struct_ops.link")
struct bpf_testmod_many_ops many_ops = {
	BPF_TESTMOD_MANY_OPS(MANY_REF)
};
