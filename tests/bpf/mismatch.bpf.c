// SPDX-License-Identifier: GPL-2.0
/*
 * Written against a wrong idea of bpf_testmod_ops: name is 8 bytes, not
 * the kernel's 16. `struct_ops types` must name that member before
 * anything is loaded.
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

struct bpf_testmod_ops___bad {
	int (*test_1)(void);
	char name[8];
};

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops___bad testmod_ops = {
	.test_1 = (void *)test_1,
	.name = "bad",
};
