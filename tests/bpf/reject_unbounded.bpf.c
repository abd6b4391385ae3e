// SPDX-License-Identifier: GPL-2.0
/*
 * Must NOT load: test_3 passes the untrusted length straight to
 * bpf_probe_read_kernel, so the verifier cannot bound the copy into the
 * 64-byte stack buffer. The guest tests check that struct_ops reports the
 * rejection with the verifier's own words.
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

int BPF_STRUCT_OPS(test_3, const char *buf, int len)
{
	char copy[64];

	bpf_probe_read_kernel(copy, len, buf);
	return copy[0];
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.test_3 = (void *)test_3,
};
