// SPDX-License-Identifier: GPL-2.0
/* A negative value in the signed data member id. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "toolkit.h"

char _license[] SEC("license") = "GPL";

SEC("struct_ops/run")
int BPF_PROG(ts_run, u32 x)
{
	return x + 1;
}

SEC(".struct_ops.link")
struct toolkit_ops toolkit_signed = {
	.run = (void *)ts_run,
	.id = -1,
	.name = "signed",
};
