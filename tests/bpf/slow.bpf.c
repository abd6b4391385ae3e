// SPDX-License-Identifier: GPL-2.0
/*
 * A correct but slow implementation: test_1 spins through bpf_loop() for
 * 200,000 iterations. The bench file must size its chunks so that such a
 * program does not keep preemption off for long (84-bench.sh).
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

static long step(__u64 i, void *ctx)
{
	*(__u64 *)ctx += i;
	return 0;
}

int BPF_STRUCT_OPS(test_1)
{
	__u64 sum = 0;

	bpf_loop(200000, step, &sum, 0);
	return sum ? 42 : 0;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.name = "slow",
};
