// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel objects the test file can pass for real. The verifier marks
 * a struct pointer argument PTR_TRUSTED: a program may hand it to kfuncs
 * (bpf_task_under_cgroup(), bpf_task_acquire(), tcp_reno_cong_avoid(),
 * ...), which follow its pointers. A zeroed page in its place oopses the
 * kernel, so the test file passes an object of the type the kernel itself
 * made, from the writer's context or made for the call and freed after
 * it, or it does not call the operator (emit_test.c). An object here is
 * one the kernel made whole: a task, a TCP socket, a qdisc, a page.
 */
#include <string.h>

#include "gen.h"

#define SOCK_INCLUDES	{ "linux/in.h", "linux/net.h", "net/net_namespace.h", "net/sock.h" }

static const struct gen_kobj kobjs[] = {
	{ .record = "struct task_struct", .expr = "current" },
	{ .record = "struct mm_struct", .expr = "current->mm" },
	{ .record = "struct cred", .expr = "(struct cred *)current_cred()",
	  .includes = { "linux/cred.h" } },
	{ .record = "struct file", .expr = "file" },
	{ .record = "struct inode", .expr = "file_inode(file)", .includes = { "linux/fs.h" } },
	{ .record = "struct net", .expr = "&init_net", .includes = { "net/net_namespace.h" } },
	{ .record = "struct net_device", .expr = "init_net.loopback_dev",
	  .includes = { "linux/netdevice.h" } },
	{ .record = "struct Qdisc", .expr = "&noop_qdisc", .includes = { "net/sch_generic.h" } },
	{ .record = "struct cpumask", .expr = "(struct cpumask *)cpu_possible_mask",
	  .includes = { "linux/cpumask.h" } },
	{ .record = "struct sk_buff", .alloc = "alloc_skb(64, GFP_KERNEL)",
	  .free = "kfree_skb", .includes = { "linux/skbuff.h" } },
	{ .record = "struct page", .alloc = "alloc_page(GFP_KERNEL)",
	  .free = "__free_page", .includes = { "linux/gfp.h" } },
	{ .record = "struct folio", .alloc = "folio_alloc(GFP_KERNEL, 0)",
	  .free = "folio_put", .includes = { "linux/gfp.h", "linux/mm.h" } },
	{ .record = "struct sock", .alloc = "kit_new_sock()", .free = "kit_free_sock",
	  .includes = SOCK_INCLUDES,
	  .helper = "/* a TCP socket of init_net's, unconnected */\n"
		    "static struct sock *kit_new_sock(void)\n{\n"
		    "\tstruct socket *sock;\n\n"
		    "\tif (sock_create_kern(&init_net, AF_INET, SOCK_STREAM, IPPROTO_TCP, &sock))\n"
		    "\t\treturn NULL;\n"
		    "\treturn sock->sk;\n}\n\n"
		    "static void kit_free_sock(struct sock *sk)\n{\n"
		    "\tsock_release(sk->sk_socket);\n}\n\n" },
	{ .record = "struct tcp_sock", .alloc = "kit_new_tcp_sock()", .free = "kit_free_tcp_sock",
	  .includes = { "linux/in.h", "linux/net.h", "net/net_namespace.h", "linux/tcp.h" },
	  .helper = "/* a TCP socket of init_net's, unconnected */\n"
		    "static struct tcp_sock *kit_new_tcp_sock(void)\n{\n"
		    "\tstruct socket *sock;\n\n"
		    "\tif (sock_create_kern(&init_net, AF_INET, SOCK_STREAM, IPPROTO_TCP, &sock))\n"
		    "\t\treturn NULL;\n"
		    "\treturn tcp_sk(sock->sk);\n}\n\n"
		    "static void kit_free_tcp_sock(struct tcp_sock *tp)\n{\n"
		    "\tsock_release(((struct sock *)tp)->sk_socket);\n}\n\n" },
};

const struct gen_kobj *gen_kernel_sample(const char *record)
{
	size_t i;

	for (i = 0; i < sizeof(kobjs) / sizeof(kobjs[0]); i++)
		if (!strcmp(kobjs[i].record, record))
			return &kobjs[i];
	return NULL;
}
