// SPDX-License-Identifier: GPL-2.0
/* The fix for toolkit_unref: spare() marked "?", so libbpf does not load it. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "toolkit.h"

char _license[] SEC("license") = "GPL";

SEC("struct_ops/run")
int BPF_PROG(to_run, u32 x)
{
	return 1;
}

SEC("?struct_ops/spare")
int BPF_PROG(to_spare, u32 x)
{
	return 2;
}

SEC(".struct_ops.link")
struct toolkit_ops toolkit_optional = {
	.run = (void *)to_run,
	.name = "optional",
};
