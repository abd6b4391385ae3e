// SPDX-License-Identifier: GPL-2.0
/*
 * Written against a newer bpf_testmod_ops that has test_5, which the
 * running module lacks. struct_ops disables test_5 with a warning (as
 * sched_ext's compat layer does) and loads the rest; with --require test_5
 * it refuses instead.
 */
#include "ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct bpf_testmod_ops___v2 {
	int (*test_1)(void);
	int (*test_2)(int a, int b);
	int (*test_3)(const char *buf, int len);
	int (*test_4)(const struct bpf_testmod_msg *msg);
	int (*test_5)(int x);
	char name[BPF_TESTMOD_NAME_LEN];
	unsigned int flags;
};

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

int BPF_STRUCT_OPS(test_2, int a, int b)
{
	return a + b;
}

int BPF_STRUCT_OPS(test_5, int x)
{
	return x * 2;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops___v2 testmod_ops = {
	.test_1 = (void *)test_1,
	.test_2 = (void *)test_2,
	.test_5 = (void *)test_5,
	.name = "v2",
};
