/* SPDX-License-Identifier: GPL-2.0 */
/* new: -s smchs_ctrl */
/*
 * Modeled on struct smc_hs_ctrl (include/net/smc.h, 7.3, the BPF hook
 * that decides whether a TCP handshake offers SMC): not an _ops name, so
 * the kit reads it with -s; the data members come first (the name and a
 * signed int flags), then the two operators on the TCP socket and the
 * request socket. The private list and owner are left out.
 */
#ifndef _SMCHS_H
#define _SMCHS_H

#include <linux/types.h>
#include <linux/tcp.h>
#include <net/inet_sock.h>

#define SMCHS_CTRL_NAME_MAX		16	/* SMC_HS_CTRL_NAME_MAX */

/* ops can be inherited from init_net */
#define SMCHS_CTRL_FLAG_INHERITABLE	0x1
#define SMCHS_FLAGS_KNOWN		SMCHS_CTRL_FLAG_INHERITABLE

struct smchs_ctrl {
	/* unique name */
	char name[SMCHS_CTRL_NAME_MAX];
	int flags;

	/*
	 * Before the SMC option of a SYN is computed: return 0 to leave it
	 * out, anything else to offer SMC.
	 */
	int (*syn_option)(struct tcp_sock *tp);

	/*
	 * Before the SMC option of a SYN-ACK is set: 0 refuses SMC, anything
	 * else accepts it.
	 */
	int (*synack_option)(const struct tcp_sock *tp,
			     struct inet_request_sock *ireq);
};

#endif /* _SMCHS_H */
