// SPDX-License-Identifier: GPL-2.0
/* Only enqueue() and the data members: every other wrapper must return 0. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "pktsched.h"

char _license[] SEC("license") = "GPL";

SEC("struct_ops/enqueue")
int BPF_PROG(pa_enqueue, struct sk_buff *skb, u32 prio)
{
	return 7;
}

SEC(".struct_ops.link")
struct pktsched_ops pktsched_partial = {
	.enqueue = (void *)pa_enqueue,
	.name = "partial",
	.flags = 1,
};
