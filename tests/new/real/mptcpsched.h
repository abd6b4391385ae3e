/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct mptcp_sched_ops (include/net/mptcp.h, 7.3), which BPF
 * MPTCP packet schedulers implement: pick the subflow to send on, and the
 * one to retransmit on, for a struct mptcp_sock (defined in
 * net/mptcp/protocol.h, outside include/: the module sees a declaration
 * only), init and release, and the name. owner and list are left out.
 */
#ifndef __MPTCPSCHED_H
#define __MPTCPSCHED_H

#include <linux/types.h>
#include <net/mptcp.h>

#define MPTCPSCHED_NAME_MAX	16	/* MPTCP_SCHED_NAME_MAX */

struct mptcp_sock;

struct mptcpsched_ops {
	/* @required: choose the subflow(s) for the next send; 0 or -errno */
	int (*get_send)(struct mptcp_sock *msk);
	/* choose the subflow(s) to retransmit on */
	int (*get_retrans)(struct mptcp_sock *msk);

	char			name[MPTCPSCHED_NAME_MAX];

	/* the scheduler is selected for msk */
	void (*init)(struct mptcp_sock *msk);
	/* it is deselected, or msk is closed */
	void (*release)(struct mptcp_sock *msk);
};

#endif /* __MPTCPSCHED_H */
