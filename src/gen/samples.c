// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel objects the test file can pass for real. The verifier marks
 * a struct pointer argument PTR_TRUSTED: a program may hand it to kfuncs
 * (bpf_task_under_cgroup(), bpf_task_acquire(), ...), which follow its
 * pointers. A zeroed page in its place oopses the kernel, so the test file
 * passes an object of the type the kernel itself made, from the writer's
 * context, or does not call the operator (emit_test.c).
 */
#include <string.h>

#include "gen.h"

static const struct gen_kobj kobjs[] = {
	{ .record = "struct task_struct", .expr = "current" },
	{ .record = "struct mm_struct", .expr = "current->mm" },
	{ .record = "struct cred", .expr = "(struct cred *)current_cred()",
	  .include = "linux/cred.h" },
	{ .record = "struct file", .expr = "file" },
	{ .record = "struct inode", .expr = "file_inode(file)", .include = "linux/fs.h" },
	{ .record = "struct net", .expr = "&init_net", .include = "net/net_namespace.h" },
	{ .record = "struct net_device", .expr = "init_net.loopback_dev",
	  .include = "linux/netdevice.h" },
	{ .record = "struct sk_buff", .alloc = "alloc_skb(64, GFP_KERNEL)",
	  .free = "kfree_skb", .include = "linux/skbuff.h" },
	{ .record = "struct page", .alloc = "alloc_page(GFP_KERNEL)",
	  .free = "__free_page", .include = "linux/gfp.h" },
};

const struct gen_kobj *gen_kernel_sample(const char *record)
{
	size_t i;

	for (i = 0; i < sizeof(kobjs) / sizeof(kobjs[0]); i++)
		if (!strcmp(kobjs[i].record, record))
			return &kobjs[i];
	return NULL;
}
