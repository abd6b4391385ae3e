// SPDX-License-Identifier: GPL-2.0
/*
 * Programs whose names are longer than the 15 characters the kernel keeps
 * in bpf_prog_info.name, and no data member name: dump and status must
 * show the full names (from BTF func info) and "(unnamed)".
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(bpf_testmod_test_1_with_a_long_name)
{
	return 42;
}

int BPF_STRUCT_OPS(short_t2, int a, int b)
{
	return a + b;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)bpf_testmod_test_1_with_a_long_name,
	.test_2 = (void *)short_t2,
};
