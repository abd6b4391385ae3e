// SPDX-License-Identifier: GPL-2.0
/*
 * A minimal BPF TCP congestion control (struct_ops type tcp_congestion_ops,
 * from vmlinux): the host tests register it under a unique name to check
 * list and dump on a type that is not ours. Halves cwnd on loss, grows it
 * by one per ack otherwise; never used by a socket in the tests.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("struct_ops/so_ssthresh")
__u32 BPF_PROG(so_ssthresh, struct sock *sk)
{
	const struct tcp_sock *tp = (const struct tcp_sock *)sk;

	return tp->snd_cwnd > 4 ? tp->snd_cwnd >> 1 : 2;
}

SEC("struct_ops/so_cong_avoid")
void BPF_PROG(so_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
}

SEC("struct_ops/so_undo_cwnd")
__u32 BPF_PROG(so_undo_cwnd, struct sock *sk)
{
	const struct tcp_sock *tp = (const struct tcp_sock *)sk;

	return tp->snd_cwnd;
}

/* tcp_cc_legacy.bpf.c: the same as a legacy map, for the pin-scan tests */
#ifdef TCP_CC_LEGACY
SEC(".struct_ops")
#else
SEC(".struct_ops.link")
#endif
struct tcp_congestion_ops so_kit_cc = {
	.ssthresh = (void *)so_ssthresh,
	.cong_avoid = (void *)so_cong_avoid,
	.undo_cwnd = (void *)so_undo_cwnd,
	.name = "so_kit_cc",
};
