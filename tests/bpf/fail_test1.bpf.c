// SPDX-License-Identifier: GPL-2.0
/*
 * Loads and attaches, but test_1 fails (-EINVAL): the module's policy is to
 * detach such an implementation by itself, and the loader must see EPOLLHUP.
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return -22;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
};
