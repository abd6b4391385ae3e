// SPDX-License-Identifier: GPL-2.0
/*
 * Loads, but the module must refuse it at attach: its name fills all 16
 * bytes, leaving no NUL (struct_ops --name cannot produce this one).
 * name_tail.bpf.c includes this file with another BAD_NAME.
 */
#include "../../bpf/ops.bpf.h"

#ifndef BAD_NAME
#define BAD_NAME "0123456789abcdef"
#endif

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.name = BAD_NAME,
};
