// SPDX-License-Identifier: GPL-2.0
/* classify() reads req__nullable without checking it: the verifier must refuse. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "pktsched.h"

char _license[] SEC("license") = "GPL";

SEC("struct_ops/enqueue")
int BPF_PROG(nd_enqueue, struct sk_buff *skb, u32 prio)
{
	return 0;
}

SEC("struct_ops/classify")
u32 BPF_PROG(nd_classify, const struct pktsched_req *req__nullable, bool urgent)
{
	return req__nullable->prio;
}

SEC(".struct_ops.link")
struct pktsched_ops pktsched_nullderef = {
	.enqueue = (void *)nd_enqueue,
	.classify = (void *)nd_classify,
};
