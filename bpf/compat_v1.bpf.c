// SPDX-License-Identifier: GPL-2.0
/*
 * Written against the seed's bpf_testmod_ops: its three operators only.
 * libbpf matches bpf_testmod_ops___v1 to the kernel's bpf_testmod_ops (the
 * ___suffix is a "flavor") and leaves the members it lacks zero.
 */
#include "ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct bpf_testmod_ops___v1 {
	int (*test_1)(void);
	int (*test_2)(int a, int b);
	int (*test_3)(const char *buf, int len);
};

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

int BPF_STRUCT_OPS(test_2, int a, int b)
{
	return a + b;
}

int BPF_STRUCT_OPS(test_3, const char *buf, int len)
{
	return len;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops___v1 testmod_ops = {
	.test_1 = (void *)test_1,
	.test_2 = (void *)test_2,
	.test_3 = (void *)test_3,
};
