// SPDX-License-Identifier: GPL-2.0
/* spare() has a program but is left out of the map's value: libbpf refuses it. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "toolkit.h"

char _license[] SEC("license") = "GPL";

SEC("struct_ops/run")
int BPF_PROG(tu_run, u32 x)
{
	return 1;
}

SEC("struct_ops/spare")
int BPF_PROG(tu_spare, u32 x)
{
	return 2;
}

SEC(".struct_ops.link")
struct toolkit_ops toolkit_unref = {
	.run = (void *)tu_run,
	.name = "unref",
};
