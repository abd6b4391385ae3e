/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on the bpf_oom_ops proposal (Roman Gushchin, "mm: BPF OOM",
 * 2025): an out-of-memory handler that gets the OOM control and a context
 * saying which cgroup it was attached to (ctx), is told when that cgroup
 * goes away, and carries a name. The context struct is the proposal's own
 * type, defined here.
 */
#ifndef __BPFOOM_H
#define __BPFOOM_H

#include <linux/types.h>
#include <linux/oom.h>

#define BPFOOM_NAME_MAX_LEN	64

/**
 * struct bpf_oom_ctx - where a BPF OOM handler is called from
 * @cgroup_id: the cgroup the handler is attached to, 0 for the system
 */
struct bpf_oom_ctx {
	u64 cgroup_id;
};

/**
 * struct bpfoom_ops - a BPF out-of-memory handler
 * @handle_out_of_memory: @required: @sleepable: memory ran out in the
 *	scope @ctx names; free some (kill a task) and return 1, or return 0
 *	to let the kernel's OOM killer go on
 * @handle_cgroup_offline: the cgroup @cgroup_id is going offline
 * @name: the handler's name, for the OOM report
 */
struct bpfoom_ops {
	int (*handle_out_of_memory)(struct bpf_oom_ctx *ctx, struct oom_control *oc);
	void (*handle_cgroup_offline)(struct bpf_oom_ctx *ctx, u64 cgroup_id);
	char name[BPFOOM_NAME_MAX_LEN];
};

#endif /* __BPFOOM_H */
