// SPDX-License-Identifier: GPL-2.0
/*
 * A correct clamp that clang 14 compiles into code the 6.12 verifier
 * refuses ("R2 min value is negative") and clang 19 into code it accepts.
 * The kit builds it with both (clamp.bpf.o, clamp_clang14.bpf.o).
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

int BPF_STRUCT_OPS(test_3, const char *buf, int len)
{
	char copy[16] = {};
	int n;

	if (!buf || len <= 0)
		return 0;
	n = len < sizeof(copy) ? len : sizeof(copy) - 1;
	bpf_probe_read_kernel(copy, n, buf);
	return copy[0];
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.test_3 = (void *)test_3,
};
