/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct tcp_ulp_ops (include/net/tcp.h), the upper layer
 * protocols over TCP (kTLS, espintcp, SMC's): update's function pointer
 * argument (the socket's write_space callback) and struct proto, clone's
 * const gfp_t by value, get_info's skb and bool, get_info_size's size_t
 * return, and the name (TCP_ULP_NAME_MAX, 16). list and owner are left
 * out.
 */
#ifndef _TCPULP_H
#define _TCPULP_H

#include <linux/types.h>
#include <linux/gfp_types.h>
#include <net/sock.h>

#define TCPULP_NAME_MAX		16	/* TCP_ULP_NAME_MAX */

struct tcpulp_ops {
	/* @required: initialize ulp */
	int (*init)(struct sock *sk);
	/* update ulp */
	void (*update)(struct sock *sk, struct proto *p,
		       void (*write_space)(struct sock *sk));
	/* cleanup ulp */
	void (*release)(struct sock *sk);
	/* diagnostic */
	int (*get_info)(struct sock *sk, struct sk_buff *skb, bool net_admin);
	size_t (*get_info_size)(const struct sock *sk, bool net_admin);
	/* clone ulp */
	void (*clone)(const struct request_sock *req, struct sock *newsk,
		      const gfp_t priority);

	char		name[TCPULP_NAME_MAX];
};

#endif /* _TCPULP_H */
