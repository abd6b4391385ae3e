/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modeled on struct sched_ext_ops (kernel/sched/ext.c in 6.12,
 * kernel/sched/ext/internal.h in 7.3), a subset: task operators taking
 * struct task_struct *p, the cpu ones, yield's two tasks and bool return,
 * the argument structs (struct scx_init_task_args and friends, which only
 * exist with CONFIG_SCHED_CLASS_EXT: forward declarations here), dump's
 * ctx, the sleepable init/init_task/cgroup_init/cpu_online, and the data
 * members (dispatch_max_batch, u64 flags, timeout_ms, exit_dump_len,
 * hotplug_seq, the 128-byte name). The kernel-doc is one block before the
 * struct, each member's paragraph starting with its markers.
 */
#ifndef _SCXLITE_H
#define _SCXLITE_H

#include <linux/types.h>
#include <linux/sched.h>
#include <linux/cpumask.h>

#define SCXLITE_OPS_NAME_LEN	128	/* SCX_OPS_NAME_LEN */

/*
 * SCX_OPS_ALL_FLAGS of 6.12: KEEP_BUILTIN_IDLE, ENQ_LAST, ENQ_EXITING,
 * SWITCH_PARTIAL, HAS_CGROUP_WEIGHT (bit 16)
 */
#define SCXLITE_FLAGS_KNOWN	0x1000fULL

struct scx_init_task_args;
struct scx_exit_task_args;
struct scx_cgroup_init_args;
struct scx_exit_info;
struct scx_dump_ctx;
struct cgroup;

/**
 * struct scxlite_ops - a BPF scheduling class, in the manner of sched_ext
 * @select_cpu: pick the CPU a waking @p should run on; return it
 * @enqueue: @required: @p became runnable and must be queued
 * @dequeue: @p is taken off the BPF scheduler
 * @dispatch: @cpu runs out of tasks; @prev is the task that ran before
 * @tick: a scheduler tick while @p runs
 * @runnable: @p becomes runnable
 * @running: @p starts running on its CPU
 * @stopping: @p stops running; @runnable says whether it still is
 * @quiescent: @p is no longer runnable
 * @yield: @from yields, to @to if it is not NULL; true if it did
 * @set_weight: @p's weight changes
 * @set_cpumask: @p's allowed CPUs change
 * @update_idle: @cpu enters or leaves the idle state
 * @init_task: @sleepable: @p joins the scheduler; @args says how
 * @exit_task: @p leaves it
 * @enable: @p is scheduled by this class from now on
 * @dump: @ctx: the scheduler is dumped on an error exit
 * @dump_cpu: @cpu's part of the dump; @idle when it has nothing to do
 * @cgroup_init: @sleepable: a cgroup is created, or the scheduler loaded
 * @cgroup_set_weight: the cgroup's weight changes
 * @cpu_online: @sleepable: @cpu came online
 * @init: @sleepable: the scheduler is being loaded
 * @exit: the scheduler is unloaded; @info says why
 * @dispatch_max_batch: how many tasks one @dispatch may hand over
 * @flags: SCX_OPS_* bits
 * @timeout_ms: a runnable task must run within this time
 * @exit_dump_len: bytes of the debug dump on an error exit
 * @hotplug_seq: the CPU hotplug sequence number seen at load
 * @name: the scheduler's name
 */
struct scxlite_ops {
	s32 (*select_cpu)(struct task_struct *p, s32 prev_cpu, u64 wake_flags);
	void (*enqueue)(struct task_struct *p, u64 enq_flags);
	void (*dequeue)(struct task_struct *p, u64 deq_flags);
	void (*dispatch)(s32 cpu, struct task_struct *prev);
	void (*tick)(struct task_struct *p);
	void (*runnable)(struct task_struct *p, u64 enq_flags);
	void (*running)(struct task_struct *p);
	void (*stopping)(struct task_struct *p, bool runnable);
	void (*quiescent)(struct task_struct *p, u64 deq_flags);
	bool (*yield)(struct task_struct *from, struct task_struct *to);
	void (*set_weight)(struct task_struct *p, u32 weight);
	void (*set_cpumask)(struct task_struct *p,
			    const struct cpumask *cpumask);
	void (*update_idle)(s32 cpu, bool idle);
	s32 (*init_task)(struct task_struct *p, struct scx_init_task_args *args);
	void (*exit_task)(struct task_struct *p, struct scx_exit_task_args *args);
	void (*enable)(struct task_struct *p);
	void (*dump)(struct scx_dump_ctx *ctx);
	void (*dump_cpu)(struct scx_dump_ctx *ctx, s32 cpu, bool idle);
	s32 (*cgroup_init)(struct cgroup *cgrp,
			   struct scx_cgroup_init_args *args);
	void (*cgroup_set_weight)(struct cgroup *cgrp, u32 weight);
	void (*cpu_online)(s32 cpu);
	s32 (*init)(void);
	void (*exit)(struct scx_exit_info *info);

	u32 dispatch_max_batch;
	u64 flags;
	u32 timeout_ms;
	u32 exit_dump_len;
	u64 hotplug_seq;
	char name[SCXLITE_OPS_NAME_LEN];
};

#endif /* _SCXLITE_H */
