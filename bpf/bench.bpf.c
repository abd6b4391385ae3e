// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmark's implementation of bpf_testmod_ops: the seed's logic
 * without its logging, so that a timed call is the call. module/bench.c's
 * native twins (native_test_1() ...) compute the same: 42, a + b, len plus
 * the first byte. make bench attaches it and times it through
 * /proc/bpf_testmod_bench and the trigger file.
 */
#include "ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

int BPF_STRUCT_OPS(test_1)
{
	return 42;
}

int BPF_STRUCT_OPS(test_2, int a, int b)
{
	return a + b;
}

int BPF_STRUCT_OPS(test_3, const char *buf, int len)
{
	char c;

	if (!buf || len <= 0)
		return 0;
	if (bpf_probe_read_kernel(&c, 1, buf))
		return -1;
	return len + c;
}

int BPF_STRUCT_OPS(test_4, const struct bpf_testmod_msg *msg)
{
	return msg ? msg->len : -61;	/* -ENODATA */
}

SEC(".struct_ops.link")
struct bpf_testmod_ops bench_ops = {
	.test_1 = (void *)test_1,
	.test_2 = (void *)test_2,
	.test_3 = (void *)test_3,
	.test_4 = (void *)test_4,
	.name = "bench",
};
