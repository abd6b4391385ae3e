// SPDX-License-Identifier: GPL-2.0
/* A sleepable program for tick(), which is not @sleepable: .check_member refuses it. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "pktsched.h"

char _license[] SEC("license") = "GPL";

SEC("struct_ops/enqueue")
int BPF_PROG(sl_enqueue, struct sk_buff *skb, u32 prio)
{
	return 0;
}

SEC("struct_ops.s/tick")
void BPF_PROG(sl_tick, u64 now)
{
}

SEC(".struct_ops.link")
struct pktsched_ops pktsched_sleepy = {
	.enqueue = (void *)sl_enqueue,
	.tick = (void *)sl_tick,
};
