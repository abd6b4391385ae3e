// SPDX-License-Identifier: GPL-2.0
/*
 * A BPF TCP congestion control that calls hello.ko's kfunc
 * bpf_testmod_log(): the module offers its kfuncs to its own struct_ops
 * types only, so the verifier must refuse this program.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

extern void bpf_testmod_log(const char *msg__str) __ksym;

SEC("struct_ops/so_ssthresh")
__u32 BPF_PROG(so_ssthresh, struct sock *sk)
{
	bpf_testmod_log("from a TCP congestion control");
	return 2;
}

SEC("struct_ops/so_cong_avoid")
void BPF_PROG(so_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
}

SEC("struct_ops/so_undo_cwnd")
__u32 BPF_PROG(so_undo_cwnd, struct sock *sk)
{
	return 2;
}

SEC(".struct_ops.link")
struct tcp_congestion_ops so_kfunc_cc = {
	.ssthresh = (void *)so_ssthresh,
	.cong_avoid = (void *)so_cong_avoid,
	.undo_cwnd = (void *)so_undo_cwnd,
	.name = "so_kfunc_cc",
};
