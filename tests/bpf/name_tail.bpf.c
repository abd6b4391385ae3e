// SPDX-License-Identifier: GPL-2.0
/*
 * A name with bytes after its NUL ("ab\0xyz"): the module must refuse it
 * at attach, as it refuses "\0xyz" (struct_ops --name cannot produce this).
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.name = "ab\0xyz",
};
