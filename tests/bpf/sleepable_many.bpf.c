// SPDX-License-Identifier: GPL-2.0
/* A sleepable op_0 of bpf_testmod_many_ops: refused at load, as for test_1. */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops.s/op_0")
int BPF_PROG(op_0, int x)
{
	return x;
}

SEC(".struct_ops.link")
struct bpf_testmod_many_ops many_ops = {
	.op_0 = (void *)op_0,
};
