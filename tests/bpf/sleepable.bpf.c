// SPDX-License-Identifier: GPL-2.0
/*
 * A sleepable (SEC("struct_ops.s/...")) test_1. The module calls its
 * operators inside rcu_read_lock() with preemption off, so its
 * .check_member must refuse this at load: otherwise a sleeping kfunc here
 * sleeps in atomic context (the debug kernel's "sleeping function called
 * from invalid context").
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops.s/test_1")
int BPF_PROG(test_1)
{
	return 42;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
};
