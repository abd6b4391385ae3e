/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by every bpf_testmod_ops implementation in this directory. */
#ifndef _OPS_BPF_H
#define _OPS_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "../module/bpf_testmod.h"

/* One program per member: SEC("struct_ops/<member>") plus a typed body. */
#define BPF_STRUCT_OPS(name, args...) \
	SEC("struct_ops/" #name) BPF_PROG(name, ##args)

#endif /* _OPS_BPF_H */
