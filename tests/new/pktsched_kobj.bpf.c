// SPDX-License-Identifier: GPL-2.0
/*
 * Programs that use their kernel-object arguments as the verifier allows
 * (PTR_TRUSTED): kfuncs follow the pointers. A test file that passed a
 * zeroed page for struct task_struct oopsed the kernel here
 * (bpf_task_under_cgroup() reading task->cgroups); it passes current.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "pktsched.h"

char _license[] SEC("license") = "GPL";

extern struct cgroup *bpf_cgroup_from_id(u64 cgid) __ksym;
extern long bpf_task_under_cgroup(struct task_struct *task,
				  struct cgroup *ancestor) __ksym;
extern void bpf_cgroup_release(struct cgroup *cgrp) __ksym;

SEC("struct_ops/enqueue")
int BPF_PROG(ko_enqueue, struct sk_buff *skb, u32 prio)
{
	/* a real sk_buff: alloc_skb() set its truesize */
	return skb->truesize ? 500 + skb->len : -1;
}

SEC("struct_ops/reclaim")
s64 BPF_PROG(ko_reclaim, u64 bytes, struct task_struct *task)
{
	struct cgroup *root = bpf_cgroup_from_id(1);
	long under;

	if (!root)
		return -1;
	under = bpf_task_under_cgroup(task, root);
	bpf_cgroup_release(root);
	bpf_printk("pktsched: reclaim for pid %d, under the root cgroup: %ld",
		   task->pid, under);
	return under ? 1000 : 2000;
}

SEC(".struct_ops.link")
struct pktsched_ops pktsched_kobj = {
	.enqueue = (void *)ko_enqueue,
	.reclaim = (void *)ko_reclaim,
	.name = "kobj",
};
