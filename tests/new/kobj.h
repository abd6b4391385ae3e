/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An ops table written the way kernel headers are: kernel #includes, a
 * kernel enum by value, annotations, kernel-doc, a typedef'd function
 * type; arguments named like the generated code's own (ctx, ops, ret,
 * idx); kernel objects the test file passes for real, leaves out
 * or passes NULL; pointers no program may read; byte, signed and string
 * data members; a char result above 127 (the kernel's char is unsigned).
 */
#include <linux/types.h>
#include <net/tcp.h>	/* enum tcp_ca_event */

#define KOBJ_TAG_LEN	8

struct kobj_cookie;	/* nobody defines it: programs cannot read it */

typedef int (kobj_order_fn_t)(struct task_struct *p, int order);

/**
 * struct kobj_ops - what the test file passes for each kind of argument
 * @event: a congestion event, with a context nobody looks into.
 *	The implementation must have it: @required.
 * @order: through a typedef'd function type, under RCU.
 * @bio: a block I/O: the test file has none to pass.
 * @maybe: a block I/O that may be missing.
 * @drop: where a qdisc puts dropped packets: a pointer to a pointer.
 * @cookie: a struct nobody defines.
 * @copy: a user buffer; may sleep (@sleepable).
 * @files: the test file's own file and inode, and the writer's memory.
 * @grade: a char result.
 * @hwaddr: bytes, not text.
 * @id: signed.
 * @tag: text.
 */
struct kobj_ops {
	int (*event)(void *ctx, enum tcp_ca_event ev);
	kobj_order_fn_t __rcu *order;
	int (*bio)(struct bio *bio);
	int (*maybe)(struct bio *bio__nullable, u32 ops);
	int (*drop)(struct sk_buff *skb, struct sk_buff **to_free);
	int (*cookie)(struct kobj_cookie *c, int ret);
	int (*copy)(const char __user *buf, u32 len);
	int (*files)(struct file *file, struct inode *inode, struct mm_struct *mm);
	char (*grade)(int idx, int a, int b, int c, int d);
	u8 hwaddr[6];
	s32 id;
	char tag[KOBJ_TAG_LEN];
};
