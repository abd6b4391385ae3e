// SPDX-License-Identifier: GPL-2.0
/* No enqueue(), which the header marks @required: .validate refuses it. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "pktsched.h"

char _license[] SEC("license") = "GPL";

SEC("struct_ops/tick")
void BPF_PROG(ne_tick, u64 now)
{
}

SEC(".struct_ops.link")
struct pktsched_ops pktsched_noenq = {
	.tick = (void *)ne_tick,
};
