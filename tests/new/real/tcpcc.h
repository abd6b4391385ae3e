/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct tcp_congestion_ops (include/net/tcp.h) as BPF
 * congestion control uses it: every operator of 7.3 (cwnd_event_tx_start
 * included), enum tcp_ca_event and u8 ca state by value, the rate and ack
 * samples, get_info's int pointer and union pointer, size_t return, the
 * name (TCP_CA_NAME_MAX, written as a number here: BTF has no macros),
 * key and flags. owner and list are left out (no pointer or struct data
 * members); ssthresh and undo_cwnd are required, as
 * tcp_validate_congestion_control() wants.
 */
#ifndef _TCPCC_H
#define _TCPCC_H

#include <linux/types.h>
#include <net/tcp.h>

#define TCPCC_NAME_MAX		16	/* TCP_CA_NAME_MAX */

/*
 * TCP_CONG_MASK of 7.3: NON_RESTRICTED, NEEDS_ECN, NEEDS_ACCECN,
 * ECT_1_NEGOTIATION, NO_FALLBACK_RFC3168
 */
#define TCPCC_FLAGS_KNOWN	0x1f

struct tcpcc_ops {
	/* "classic" response: compute a new cwnd */
	void (*cong_avoid)(struct sock *sk, u32 ack, u32 acked);
	/* "custom" response, after the ca_state processing of an ACK */
	void (*cong_control)(struct sock *sk, u32 ack, int flag, const struct rate_sample *rs);
	/* @required: the slow start threshold */
	u32 (*ssthresh)(struct sock *sk);
	/* before the ca_state changes */
	void (*set_state)(struct sock *sk, u8 new_state);
	/* a cwnd event */
	void (*cwnd_event)(struct sock *sk, enum tcp_ca_event ev);
	/* CA_EVENT_TX_START, on its own */
	void (*cwnd_event_tx_start)(struct sock *sk);
	/* an ACK arrived */
	void (*in_ack_event)(struct sock *sk, u32 flags);
	/* packet ack accounting */
	void (*pkts_acked)(struct sock *sk, const struct ack_sample *sample);
	/* instead of sysctl_tcp_min_tso_segs */
	u32 (*min_tso_segs)(struct sock *sk);
	/* @required: cwnd after a loss was undone */
	u32 (*undo_cwnd)(struct sock *sk);
	/* the multiplier of tcp_sndbuf_expand() */
	u32 (*sndbuf_expand)(struct sock *sk);
	/* inet_diag's view of the state */
	size_t (*get_info)(struct sock *sk, u32 ext, int *attr, union tcp_cc_info *info);

	char name[TCPCC_NAME_MAX];
	u32 key;
	u32 flags;

	/* set up the private data */
	void (*init)(struct sock *sk);
	/* tear it down */
	void (*release)(struct sock *sk);
};

#endif /* _TCPCC_H */
