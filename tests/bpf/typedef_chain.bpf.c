// SPDX-License-Identifier: GPL-2.0
/*
 * A hostile object: the data member flags of a tcp_congestion_ops is
 * declared through a chain of 41 typedefs, deeper than libbpf resolves
 * (32). `struct_ops types` must name the member it cannot resolve, and
 * `run -o` refuse the object, with a message and without crashing.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

typedef unsigned int chain_0;
typedef chain_0 chain_1;
typedef chain_1 chain_2;
typedef chain_2 chain_3;
typedef chain_3 chain_4;
typedef chain_4 chain_5;
typedef chain_5 chain_6;
typedef chain_6 chain_7;
typedef chain_7 chain_8;
typedef chain_8 chain_9;
typedef chain_9 chain_10;
typedef chain_10 chain_11;
typedef chain_11 chain_12;
typedef chain_12 chain_13;
typedef chain_13 chain_14;
typedef chain_14 chain_15;
typedef chain_15 chain_16;
typedef chain_16 chain_17;
typedef chain_17 chain_18;
typedef chain_18 chain_19;
typedef chain_19 chain_20;
typedef chain_20 chain_21;
typedef chain_21 chain_22;
typedef chain_22 chain_23;
typedef chain_23 chain_24;
typedef chain_24 chain_25;
typedef chain_25 chain_26;
typedef chain_26 chain_27;
typedef chain_27 chain_28;
typedef chain_28 chain_29;
typedef chain_29 chain_30;
typedef chain_30 chain_31;
typedef chain_31 chain_32;
typedef chain_32 chain_33;
typedef chain_33 chain_34;
typedef chain_34 chain_35;
typedef chain_35 chain_36;
typedef chain_36 chain_37;
typedef chain_37 chain_38;
typedef chain_38 chain_39;
typedef chain_39 chain_40;
typedef chain_40 chain_41;

struct tcp_congestion_ops___chain {
	__u32 (*ssthresh)(struct sock *sk);
	void (*cong_avoid)(struct sock *sk, __u32 ack, __u32 acked);
	__u32 (*undo_cwnd)(struct sock *sk);
	chain_41 flags;
	char name[16];
};

SEC("struct_ops/chain_ssthresh")
__u32 BPF_PROG(chain_ssthresh, struct sock *sk)
{
	return 2;
}

SEC("struct_ops/chain_cong_avoid")
void BPF_PROG(chain_cong_avoid, struct sock *sk, __u32 ack, __u32 acked)
{
}

SEC("struct_ops/chain_undo_cwnd")
__u32 BPF_PROG(chain_undo_cwnd, struct sock *sk)
{
	return 2;
}

SEC(".struct_ops.link")
struct tcp_congestion_ops___chain so_chain_cc = {
	.ssthresh = (void *)chain_ssthresh,
	.cong_avoid = (void *)chain_cong_avoid,
	.undo_cwnd = (void *)chain_undo_cwnd,
	.flags = 0,
	.name = "so_chain_cc",
};
