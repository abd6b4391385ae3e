/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct Qdisc_ops (include/net/sch_generic.h) as the BPF
 * qdisc (net/sched/bpf_qdisc.c, 7.x) lets programs implement it: enqueue
 * with its struct sk_buff ** to_free list, init and change with the
 * netlink attribute and extack, reset, destroy, the tx queue callbacks and
 * the block index ones, several with unnamed parameters as in the real
 * table; id[IFNAMSIZ] (16, written as a number) and priv_size, as the
 * qdisc's data. dequeue and peek return a struct sk_buff *, which a
 * struct_ops operator cannot: they are left out, and so are the pointer
 * members (next, cl_ops, owner).
 */
#ifndef __BPFQDISC_H
#define __BPFQDISC_H

#include <linux/types.h>
#include <linux/netdevice.h>
#include <net/sch_generic.h>

#define BPFQDISC_ID_MAX		16	/* IFNAMSIZ */

struct bpfqdisc_ops {
	char			id[BPFQDISC_ID_MAX];
	int			priv_size;
	unsigned int		static_flags;

	/* @required: a qdisc queues */
	int			(*enqueue)(struct sk_buff *skb,
					   struct Qdisc *sch,
					   struct sk_buff **to_free);

	int			(*init)(struct Qdisc *sch, struct nlattr *arg,
					struct netlink_ext_ack *extack);
	void			(*reset)(struct Qdisc *);
	void			(*destroy)(struct Qdisc *);
	int			(*change)(struct Qdisc *sch,
					  struct nlattr *arg,
					  struct netlink_ext_ack *extack);
	void			(*attach)(struct Qdisc *sch);
	int			(*change_tx_queue_len)(struct Qdisc *, unsigned int);
	void			(*change_real_num_tx)(struct Qdisc *sch,
						      unsigned int new_real_tx);

	int			(*dump)(struct Qdisc *, struct sk_buff *);
	int			(*dump_stats)(struct Qdisc *, struct gnet_dump *);

	void			(*ingress_block_set)(struct Qdisc *sch,
						     u32 block_index);
	void			(*egress_block_set)(struct Qdisc *sch,
						    u32 block_index);
	u32			(*ingress_block_get)(struct Qdisc *sch);
	u32			(*egress_block_get)(struct Qdisc *sch);
};

#endif /* __BPFQDISC_H */
