// SPDX-License-Identifier: GPL-2.0
/*
 * kit_reno: the kernel's Reno (net/ipv4/tcp_cong.c: tcp_reno_ssthresh,
 * tcp_reno_cong_avoid, tcp_reno_undo_cwnd and the two helpers the latter
 * calls, tcp_slow_start and tcp_cong_avoid_ai) written again in BPF, step
 * for step, with no kfunc: bench/src/loopback.c runs the same transfer
 * under "reno" and under "kit_reno", so the difference is what BPF costs
 * a congestion control. Field reads go through CO-RE, so the object built
 * against the guest's vmlinux.h runs on the host's kernel.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

#define reno_min(a, b) ((a) < (b) ? (a) : (b))
#define reno_max(a, b) ((a) > (b) ? (a) : (b))

/* tcp_in_slow_start() */
static bool reno_in_slow_start(const struct tcp_sock *tp)
{
	return tp->snd_cwnd < tp->snd_ssthresh;
}

/* tcp_is_cwnd_limited() */
static bool reno_cwnd_limited(const struct tcp_sock *tp)
{
	if (tp->is_cwnd_limited)
		return true;
	if (reno_in_slow_start(tp))
		return tp->snd_cwnd < 2 * tp->max_packets_out;
	return false;
}

/* tcp_slow_start() */
static __u32 reno_slow_start(struct tcp_sock *tp, __u32 acked)
{
	__u32 cwnd = reno_min(tp->snd_cwnd + acked, tp->snd_ssthresh);

	acked -= cwnd - tp->snd_cwnd;
	tp->snd_cwnd = reno_min(cwnd, tp->snd_cwnd_clamp);
	return acked;
}

/* tcp_cong_avoid_ai() */
static void reno_cong_avoid_ai(struct tcp_sock *tp, __u32 w, __u32 acked)
{
	if (tp->snd_cwnd_cnt >= w) {
		tp->snd_cwnd_cnt = 0;
		tp->snd_cwnd = tp->snd_cwnd + 1;
	}
	tp->snd_cwnd_cnt += acked;
	if (tp->snd_cwnd_cnt >= w) {
		__u32 delta = tp->snd_cwnd_cnt / w;

		tp->snd_cwnd_cnt -= delta * w;
		tp->snd_cwnd = tp->snd_cwnd + delta;
	}
	tp->snd_cwnd = reno_min(tp->snd_cwnd, tp->snd_cwnd_clamp);
}

SEC("struct_ops/reno_ssthresh")
__u32 BPF_PROG(reno_ssthresh, struct sock *sk)
{
	const struct tcp_sock *tp = (const struct tcp_sock *)sk;

	return reno_max(tp->snd_cwnd >> 1U, 2U);
}

SEC("struct_ops/reno_cong_avoid")
void BPF_PROG(reno_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
	struct tcp_sock *tp = (struct tcp_sock *)sk;
	__u32 w;

	if (!reno_cwnd_limited(tp))
		return;
	if (reno_in_slow_start(tp)) {
		acked = reno_slow_start(tp, acked);
		if (!acked)
			return;
	}
	/* snd_cwnd is never 0; were it, BPF's division by 0 gives 0, no trap */
	w = tp->snd_cwnd;
	reno_cong_avoid_ai(tp, w, acked);
}

SEC("struct_ops/reno_undo_cwnd")
__u32 BPF_PROG(reno_undo_cwnd, struct sock *sk)
{
	const struct tcp_sock *tp = (const struct tcp_sock *)sk;

	return reno_max(tp->snd_cwnd, tp->prior_cwnd);
}

SEC(".struct_ops.link")
struct tcp_congestion_ops kit_reno = {
	.ssthresh = (void *)reno_ssthresh,
	.cong_avoid = (void *)reno_cong_avoid,
	.undo_cwnd = (void *)reno_undo_cwnd,
	.name = "kit_reno",
};
