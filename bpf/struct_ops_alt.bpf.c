// SPDX-License-Identifier: GPL-2.0
/*
 * A second implementation of bpf_testmod_ops, to swap with the seed's
 * (struct_ops swap): test_1 returns 43 instead of 42.
 */
#include "ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	bpf_testmod_count(1);
	return 43;
}

int BPF_STRUCT_OPS(test_2, int a, int b)
{
	bpf_testmod_count(2);
	return a + b;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.test_2 = (void *)test_2,
	.name = "alt",
};
