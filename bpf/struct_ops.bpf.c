// SPDX-License-Identifier: GPL-2.0
/*
 * The seed implementation of bpf_testmod_ops: test_1 returns 42, test_2
 * returns a + b, test_3 copies the trigger's bytes and returns their count,
 * test_4 reads the same bytes as a struct the module may pass as NULL.
 *
 * bpf_printk() writes to the trace buffer (/sys/kernel/tracing/trace), not
 * to dmesg; the module's kfunc bpf_testmod_log() writes to dmesg, and the
 * module logs the return values there too.
 *
 * Built twice: struct_ops.bpf.o puts the map in ".struct_ops.link", so the
 * registration lives as long as the link (closed when the loader exits, even
 * on kill -9); struct_ops_legacy.bpf.o (-DSTRUCT_OPS_LEGACY) uses the seed's
 * plain ".struct_ops", whose registration outlives the loader until the map
 * is deleted.
 */
#include "ops.bpf.h"

char LICENSE[] SEC("license") = "GPL";

#ifdef STRUCT_OPS_LEGACY
#define OPS_SEC ".struct_ops"
#else
#define OPS_SEC ".struct_ops.link"
#endif

int BPF_STRUCT_OPS(test_1)
{
	bpf_printk("BPF test_1 called!");
	bpf_testmod_log("BPF test_1 called!");
	bpf_testmod_count(1);
	return 42;
}

int BPF_STRUCT_OPS(test_2, int a, int b)
{
	int sum = a + b;

	bpf_testmod_count(2);
	bpf_printk("BPF test_2 called: %d + %d = %d", a, b, sum);
	return sum;
}

int BPF_STRUCT_OPS(test_3, const char *buf, int len)
{
	char copy[BPF_TESTMOD_BUF_SIZE] = {};
	__u64 n;

	bpf_testmod_count(3);
	if (!buf || len <= 0) {
		bpf_printk("BPF test_3 called with buffer length 0 (empty write)");
		return 0;
	}
	n = (__u32)len;
	/* keep clang from folding the bound into a signed compare */
	barrier_var(n);
	if (n > sizeof(copy))
		n = sizeof(copy);
	if (bpf_probe_read_kernel(copy, n, buf))
		return -1;
	bpf_printk("BPF test_3 called with buffer length %d, first char '%c'",
		   len, copy[0]);
	return len;
}

/* msg may be NULL (an empty write): the verifier insists on the check. */
int BPF_STRUCT_OPS(test_4, const struct bpf_testmod_msg *msg)
{
	bpf_testmod_count(4);
	if (!msg) {
		bpf_printk("BPF test_4 called with NULL (empty write)");
		return -61;	/* -ENODATA */
	}
	bpf_printk("BPF test_4 called with %d bytes", msg->len);
	return msg->len;
}

SEC(OPS_SEC)
struct bpf_testmod_ops testmod_ops = {
	.test_1 = (void *)test_1,
	.test_2 = (void *)test_2,
	.test_3 = (void *)test_3,
	.test_4 = (void *)test_4,
	.name = "seed",
	.flags = 0,
};
