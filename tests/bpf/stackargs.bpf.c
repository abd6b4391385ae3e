// SPDX-License-Identifier: GPL-2.0
/*
 * An implementation of tests/kmod/stackargs.c's type: each operator logs
 * the arguments that arrive (trace buffer) and returns its last one. The
 * module passes 1, 2, 3, ...: a 7th or 8th argument read from the wrong
 * stack slot shows as another number.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

struct stackargs_ops {
	u64 (*args7)(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7);
	u64 (*args8)(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7,
		     u64 a8);
};

SEC("struct_ops/args7")
u64 BPF_PROG(args7, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7)
{
	bpf_printk("stackargs: args7 got %llu %llu %llu %llu %llu %llu %llu",
		   a1, a2, a3, a4, a5, a6, a7);
	return a7;
}

SEC("struct_ops/args8")
u64 BPF_PROG(args8, u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7,
	     u64 a8)
{
	bpf_printk("stackargs: args8 got %llu %llu %llu %llu %llu %llu %llu %llu",
		   a1, a2, a3, a4, a5, a6, a7, a8);
	return a8;
}

SEC(".struct_ops.link")
struct stackargs_ops stackargs = {
	.args7 = (void *)args7,
	.args8 = (void *)args8,
};
