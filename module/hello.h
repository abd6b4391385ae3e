/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of hello.ko share, and nothing else: every function and
 * variable declared here is prefixed testmod_ and defined in the file
 * named above it. Everything else is static to its file. bpf_testmod.h is
 * the public part (the types, shared with BPF programs and user space).
 *
 * Locking: testmod_lock serialises .reg, .unreg and .update of
 * bpf_testmod_ops and guards testmod_cur, the unregistration history
 * (status.c) and the kernel-side detach in progress (detach.c); triggers
 * read testmod_cur under RCU only. Lock order: kdetach_lock (detach.c),
 * then the kernel's struct_ops update_mutex, then testmod_lock.
 */
#ifndef _HELLO_H
#define _HELLO_H

#include <linux/atomic.h>
#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/types.h>

#include "bpf_testmod.h"

/* The proc files (main.c makes them). */
#define TRIGGER_NAME	"bpf_testmod_trigger"
#define CTL_NAME	"bpf_testmod_ctl"
#define STATUS_NAME	"bpf_testmod_status"
#define BENCH_NAME	"bpf_testmod_bench"

#define DETAIL_LEN	64
/* bpf_testmod_count() counts test_1 to test_4 */
#define COUNTED_OPS	4

enum unreg_reason {
	REASON_USER_DETACH,	/* BPF_LINK_DETACH; map delete for legacy */
	REASON_LINK_RELEASED,	/* last fd closed: exit, kill -9, unpin */
	REASON_KERNEL_DETACH,	/* this module detached it */
	REASON_REPLACED,	/* the link was updated to another map */
};

/* Who registered an implementation, and when. */
struct impl_info {
	char name[BPF_TESTMOD_NAME_LEN];
	unsigned int flags;
	char owner[TASK_COMM_LEN];
	pid_t pid;
	u64 since_ns;		/* boot time */
	bool has_link;
};

/*
 * One registration: what triggers call, and what is counted for it. A
 * replacement is a new registration, so the old one's late triggers and
 * kfunc calls never count for the new one. Freed after a grace period.
 */
struct testmod_reg {
	struct bpf_testmod_ops *ops;	/* the kernel's copy (kdata) */
	struct bpf_link *link;		/* NULL for legacy */
	u64 gen;			/* unique per registration */
	struct impl_info info;
	atomic64_t triggers;
	/* bpf_testmod_count() calls per operator (index 1 to 4) */
	atomic64_t op_counts[COUNTED_OPS + 1];
	struct rcu_head rcu;
};

/* seed.c: bpf_testmod_ops and the trigger */
extern struct mutex testmod_lock;
extern struct testmod_reg __rcu *testmod_cur;
/* The registration whose operators this CPU is calling (preemption off). */
DECLARE_PER_CPU(struct testmod_reg *, testmod_calling);
extern const struct proc_ops testmod_trigger_proc_ops;
extern struct bpf_struct_ops testmod_struct_ops;

/* The current registration; the caller holds testmod_lock. */
static inline struct testmod_reg *testmod_current_reg(void)
{
	return rcu_dereference_protected(testmod_cur,
					 lockdep_is_held(&testmod_lock));
}

/* verifier.c: what both types share */
/* The module's BTF, from .init: the kfunc filter compares against it. */
extern const struct btf *testmod_btf;
extern const struct bpf_verifier_ops testmod_verifier_ops;
int testmod_ops_init(struct btf *btf);
int testmod_ops_check_member(const struct btf_type *t,
			     const struct btf_member *member,
			     const struct bpf_prog *prog);
int testmod_check_prog_btf(const struct btf_type *t,
			   const struct btf_member *member, const void *udata);

/* many.c: bpf_testmod_many_ops */
extern struct bpf_testmod_many_ops __rcu *testmod_many_cur;
extern struct bpf_struct_ops testmod_many_struct_ops;
void testmod_many_stubs_init(void);
void testmod_many_trigger(bool verbose);

/* detach.c: kernel-side detach and /proc/bpf_testmod_ctl */
extern const struct proc_ops testmod_ctl_proc_ops;
void testmod_auto_detach(const struct testmod_reg *reg, int ret, bool verbose);
void testmod_auto_detach_cancel(void);
enum unreg_reason testmod_unreg_reason(struct bpf_link *link,
				       const char **detail);
const char *testmod_kdetach_pending(void);

/* status.c: /proc/bpf_testmod_status */
extern const struct proc_ops testmod_status_proc_ops;
/* Since load: every trigger, and those that found no implementation. */
extern atomic64_t testmod_all_triggers, testmod_idle_triggers;
__printf(1, 2) int testmod_reject(const char *fmt, ...);
void testmod_record_unreg(const struct testmod_reg *reg,
			  enum unreg_reason reason, const char *detail);

/* kfuncs.c */
extern const struct btf_kfunc_id_set testmod_kfunc_set;

/* bench.c: /proc/bpf_testmod_bench */
extern const struct proc_ops testmod_bench_proc_ops;

/* main.c */
int testmod_admin_open(struct inode *inode, struct file *file);

#endif /* _HELLO_H */
