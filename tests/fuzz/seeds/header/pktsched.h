/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A packet scheduler's ops table: struct pointers, void returns, u64,
 * __nullable arguments, six arguments (the most), a sleepable and a
 * required operator, data members.
 */
#define PKTSCHED_FLAGS_KNOWN	0x3

struct pktsched_req {
	u32 prio;
	u32 len;
};

struct pktsched_ops {
	/* @required: every scheduler enqueues */
	int (*enqueue)(struct sk_buff *skb, u32 prio);
	void (*tick)(u64 now);
	int (*pick)(const char *hint, int n);
	/* NULL when there is no request: programs must check */
	u32 (*classify)(const struct pktsched_req *req__nullable, bool urgent);
	/* @sleepable: may wait for memory */
	s64 (*reclaim)(u64 bytes, struct task_struct *task);
	int (*wide)(u8 a, s16 b, u32 c, s64 d, unsigned long e, bool f);
	char name[16];
	u32 flags;
};
