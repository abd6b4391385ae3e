/* SPDX-License-Identifier: GPL-2.0 */
/* new: -s memcgbpf_psi_ops */
/*
 * Two ops tables in one header, modeled on two 2025 proposals for BPF
 * memory-cgroup policies: struct memcgbpf_ops on the memcg struct_ops
 * (memcg_online/offline, the memory.high throttle delay, the low and min
 * protection checks), and struct memcgbpf_psi_ops, the one this kit
 * builds (-s), on the BPF PSI handler of the BPF OOM series (Roman
 * Gushchin): init on its own context struct, a PSI trigger event, cgroup
 * online and offline by id. Added to exercise the kit: an operator that
 * hands back an event through a struct ** whose struct is defined after
 * the tables, one told which memcgbpf_ops a cgroup uses (an argument
 * named ops, pointing to the other table) and one that throttles the
 * task that allocates.
 */
#ifndef _MEMCGBPF_H
#define _MEMCGBPF_H

#include <linux/types.h>
#include <linux/memcontrol.h>
#include <linux/psi_types.h>

#define MEMCGBPF_NAME_LEN	32

/* MEMCGBPF_PSI_F_SYSTEM: also watch the root cgroup */
#define MEMCGBPF_FLAGS_KNOWN	0x1

struct bpf_psi {
	u64 cgroup_id;
	u32 nr_triggers;
};

/**
 * struct memcgbpf_ops - a BPF memory cgroup policy
 * @memcg_online: @memcg was created
 * @memcg_offline: @memcg is going away
 * @get_high_delay_ms: how long to throttle an allocation over memory.high
 * @below_low: is @memcg protected by memory.low?
 * @below_min: is @memcg protected by memory.min?
 * @name: the policy's name
 */
struct memcgbpf_ops {
	void (*memcg_online)(struct mem_cgroup *memcg);
	void (*memcg_offline)(struct mem_cgroup *memcg);
	unsigned int (*get_high_delay_ms)(struct mem_cgroup *memcg);
	bool (*below_low)(struct mem_cgroup *memcg);
	bool (*below_min)(struct mem_cgroup *memcg);
	char name[MEMCGBPF_NAME_LEN];
};

/**
 * struct memcgbpf_psi_ops - a BPF handler of memory pressure events
 * @init: @sleepable: set up @bpf_psi (create the triggers)
 * @handle_psi_event: @required: the trigger @t fired
 * @handle_cgroup_online: the cgroup @cgroup_id was created
 * @handle_cgroup_offline: the cgroup @cgroup_id is going away
 * @next_event: store the next queued event in *@evp; 0 if there was one
 * @policy_changed: the cgroup @cgroup_id now uses the policy @ops
 * @throttle: milliseconds to make @task wait before it allocates in
 *	@memcg again
 * @name: the handler's name
 * @flags: MEMCGBPF_PSI_F_*
 */
struct memcgbpf_psi_ops {
	int (*init)(struct bpf_psi *bpf_psi);
	void (*handle_psi_event)(struct bpf_psi *bpf_psi, struct psi_trigger *t);
	void (*handle_cgroup_online)(struct bpf_psi *bpf_psi, u64 cgroup_id);
	void (*handle_cgroup_offline)(struct bpf_psi *bpf_psi, u64 cgroup_id);
	int (*next_event)(struct bpf_psi *bpf_psi, struct memcgbpf_event **evp);
	void (*policy_changed)(u64 cgroup_id, const struct memcgbpf_ops *ops);
	u32 (*throttle)(struct mem_cgroup *memcg, struct task_struct *task);
	char name[MEMCGBPF_NAME_LEN];
	u32 flags;
};

/**
 * struct memcgbpf_event - one queued memory event
 * @cgroup_id: the cgroup it happened in
 * @kind: MEMCG_LOW, MEMCG_HIGH, MEMCG_MAX or MEMCG_OOM
 */
struct memcgbpf_event {
	u64 cgroup_id;
	u32 kind;
};

#endif /* _MEMCGBPF_H */
