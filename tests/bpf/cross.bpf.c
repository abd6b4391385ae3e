// SPDX-License-Identifier: GPL-2.0
/*
 * Programs for tests/kmod/cross_a.c and cross_b.c, two types of the same
 * shape: a_op is verified for cross_a_ops (a number), b_op for
 * cross_b_ops (a task). tests/tools/crossput offers each of them to a
 * fresh map of either type.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct cross_a_ops {
	int (*op)(u64 x);
};

struct cross_b_ops {
	int (*op)(struct task_struct *t);
};

/* a number comes back as it came */
SEC("struct_ops/op")
int BPF_PROG(a_op, u64 x)
{
	return x;
}

/* the task's pid: the verifier knows t is a task */
SEC("struct_ops/op")
int BPF_PROG(b_op, struct task_struct *t)
{
	return t->pid;
}

SEC(".struct_ops.link")
struct cross_a_ops cross_a = {
	.op = (void *)a_op,
};

SEC(".struct_ops.link")
struct cross_b_ops cross_b = {
	.op = (void *)b_op,
};
