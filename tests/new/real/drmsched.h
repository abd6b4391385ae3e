/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'timedout_job' returns an enum nobody defines */
/*
 * Modeled on struct drm_sched_backend_ops (include/drm/gpu_scheduler.h),
 * as a proposal to let a BPF program drive a GPU scheduler's policy:
 * prepare_job on the job and its entity, timedout_job returning enum
 * drm_gpu_sched_stat by value (gpu-sched is a module: the enum is in its
 * BTF, not vmlinux's), free_job and cancel_job (7.x). prepare_job and
 * run_job return a struct dma_fence * in the kernel, which an operator
 * cannot: prepare_job returns an errno here and run_job is left out. The
 * data is a credit limit and a name.
 */
#ifndef _DRMSCHED_H
#define _DRMSCHED_H

#include <linux/types.h>
#include <drm/gpu_scheduler.h>

#define DRMSCHED_NAME_LEN	32

struct drm_sched_job;
struct drm_sched_entity;

/**
 * struct drmsched_ops - a GPU job scheduler's policy
 *
 * These operators are called by the DRM scheduler.
 */
struct drmsched_ops {
	/**
	 * @prepare_job: the scheduler considers @sched_job next.
	 *
	 * Return: 0 when the job may run, -EAGAIN to wait for more of its
	 * dependencies.
	 */
	int (*prepare_job)(struct drm_sched_job *sched_job,
			   struct drm_sched_entity *s_entity);

	/**
	 * @timedout_job: @sched_job ran longer than the timeout.
	 *
	 * @required: a scheduler must say what became of the hardware.
	 *
	 * Return: DRM_GPU_SCHED_STAT_NOMINAL after a reset,
	 * DRM_GPU_SCHED_STAT_ENODEV when the device is gone.
	 */
	enum drm_gpu_sched_stat (*timedout_job)(struct drm_sched_job *sched_job);

	/** @free_job: the job finished and can be freed. */
	void (*free_job)(struct drm_sched_job *sched_job);

	/**
	 * @cancel_job: the scheduler is torn down with the job still
	 * pending; signal its fence with an error.
	 */
	void (*cancel_job)(struct drm_sched_job *sched_job);

	/** @credit_limit: how many credits the hardware ring holds */
	u32 credit_limit;
	/** @name: the scheduler's name */
	char name[DRMSCHED_NAME_LEN];
};

#endif /* _DRMSCHED_H */
