// SPDX-License-Identifier: GPL-2.0
/*
 * fail_test1 registered the legacy way (plain .struct_ops, no link): the
 * module cannot detach it, so it must neither try on every trigger nor
 * flood the log saying so.
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return -22;
}

SEC(".struct_ops")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
};
