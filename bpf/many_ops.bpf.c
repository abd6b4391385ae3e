// SPDX-License-Identifier: GPL-2.0
/*
 * All 44 operators of bpf_testmod_many_ops: op_N(x) returns x + N. One
 * trampoline per operator: more than one page of them.
 */
#include "ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

/*
 * MANY_N (3, 10, 20 or 44, the default): how many of the operators, from
 * op_0, this build implements; make bench's scaling runs load each.
 */
#ifndef MANY_N
#define MANY_N 44
#endif

#define MANY_OPS_3(OP)	OP(0)  OP(1)  OP(2)
#define MANY_OPS_10(OP)	OP(3)  OP(4)  OP(5)  OP(6)  OP(7)  OP(8)  OP(9)
#define MANY_OPS_20(OP)							\
	OP(10) OP(11) OP(12) OP(13) OP(14) OP(15) OP(16) OP(17)		\
	OP(18) OP(19)
#define MANY_OPS_44(OP)							\
	OP(20) OP(21) OP(22) OP(23) OP(24) OP(25) OP(26) OP(27)		\
	OP(28) OP(29) OP(30) OP(31) OP(32) OP(33) OP(34) OP(35)		\
	OP(36) OP(37) OP(38) OP(39) OP(40) OP(41) OP(42) OP(43)

#if MANY_N >= 44
#define MANY_OPS(OP) MANY_OPS_3(OP) MANY_OPS_10(OP) MANY_OPS_20(OP) MANY_OPS_44(OP)
#elif MANY_N >= 20
#define MANY_OPS(OP) MANY_OPS_3(OP) MANY_OPS_10(OP) MANY_OPS_20(OP)
#elif MANY_N >= 10
#define MANY_OPS(OP) MANY_OPS_3(OP) MANY_OPS_10(OP)
#else
#define MANY_OPS(OP) MANY_OPS_3(OP)
#endif

#define MANY_IMPL(n)					\
	int BPF_STRUCT_OPS(op_##n, int x)		\
	{						\
		return x + (n);				\
	}
MANY_OPS(MANY_IMPL)

#define MANY_REF(n) .op_##n = (void *)op_##n,
SEC(".struct_ops.link")
struct bpf_testmod_many_ops many_ops = {
	MANY_OPS(MANY_REF)
};
