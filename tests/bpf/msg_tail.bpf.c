// SPDX-License-Identifier: GPL-2.0
/*
 * test_4 returns how many bytes of msg->data past msg->len are not zero:
 * the module must hand BPF no stale stack bytes, so the answer is 0.
 */
#include "../../bpf/ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

int BPF_STRUCT_OPS(test_4, const struct bpf_testmod_msg *msg)
{
	char tail[BPF_TESTMOD_BUF_SIZE] = {};
	__u32 off, i;
	int dirty = 0;

	if (!msg)
		return -61;
	off = msg->len;
	if (off >= BPF_TESTMOD_BUF_SIZE)
		return 0;
	/* the bytes from len to the end of data[], into a zeroed buffer */
	if (bpf_probe_read_kernel(tail, BPF_TESTMOD_BUF_SIZE - off,
				  (const char *)msg->data + off))
		return -14;
	for (i = 0; i < BPF_TESTMOD_BUF_SIZE; i++)
		dirty += tail[i] != 0;
	return dirty;
}

SEC(".struct_ops.link")
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.test_4 = (void *)test_4,
};
