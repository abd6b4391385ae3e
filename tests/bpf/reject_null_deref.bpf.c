// SPDX-License-Identifier: GPL-2.0
/*
 * Must NOT load: test_4's msg is __nullable (NULL for an empty write) and
 * this program reads msg->len without checking it.
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

int BPF_STRUCT_OPS(test_4, const struct bpf_testmod_msg *msg)
{
	return msg->len;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.test_4 = (void *)test_4,
};
