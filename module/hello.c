// SPDX-License-Identifier: GPL-2.0
/*
 * hello.ko - defines the struct_ops type bpf_testmod_ops and calls the BPF
 * implementation attached to it whenever someone writes to
 * /proc/bpf_testmod_trigger.
 *
 * One implementation may be registered at a time. The trigger reads the
 * current one under RCU: the kernel frees an unregistered implementation
 * (its trampolines and kdata) only after an RCU grace period, so a trigger
 * running concurrently with a detach sees either the old implementation,
 * still valid, or none.
 *
 * The module can also detach a link-based implementation itself: on
 * "detach" written to /proc/bpf_testmod_ctl, or when the implementation's
 * test_1 returns an error. It records why every implementation went away
 * (user detach, link released, kernel detach, replaced) and shows the last
 * few in /proc/bpf_testmod_status.
 *
 * Also shown here: a __nullable argument (test_4), data members checked by
 * .init_member (name, flags), atomic replacement through .update, a second
 * type with 44 operators (bpf_testmod_many_ops), and kfuncs for the
 * module's own struct_ops programs (bpf_testmod_log, bpf_testmod_count).
 *
 * /proc/bpf_testmod_bench (root only) times the registered operators
 * against native C functions of the same logic (bench_write()).
 *
 * Every operator is called inside rcu_read_lock() with preemption off, so
 * .check_member refuses sleepable (SEC("struct_ops.s/...")) programs.
 * The trigger and control files need CAP_SYS_ADMIN at open; the status
 * file is world-readable and quotes every string it prints.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/btf_ids.h>
#include <linux/capability.h>
#include <linux/ctype.h>
#include <linux/delay.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include "bpf_testmod.h"
#include "compat.h"

#define TRIGGER_NAME	"bpf_testmod_trigger"
#define CTL_NAME	"bpf_testmod_ctl"
#define STATUS_NAME	"bpf_testmod_status"
/*
 * Only root may run, or detach, the kernel-resident BPF code on demand: the
 * modes keep other users out, the open handlers check CAP_SYS_ADMIN.
 */
#define TRIGGER_MODE	0200
#define CTL_MODE	0200
#define STATUS_MODE	0444
#define HISTORY_LEN	8
#define DETAIL_LEN	64
/* bpf_testmod_count() counts test_1 to test_4 */
#define COUNTED_OPS	4

static bool log_triggers = true;
module_param(log_triggers, bool, 0644);
MODULE_PARM_DESC(log_triggers,
		 "log each trigger's calls and results (rate-limited); default on");

/*
 * Fault injection for the tests: widen the window between choosing the
 * implementation a kernel-side detach is for and detaching it.
 */
static unsigned int test_kdetach_delay_ms;
module_param(test_kdetach_delay_ms, uint, 0600);
MODULE_PARM_DESC(test_kdetach_delay_ms,
		 "testing only: sleep this long (at most 30000 ms) inside every kernel-side detach");

/* At most 100 triggers logged in full every 5 s; the rest only counted. */
static DEFINE_RATELIMIT_STATE(trigger_log_rs, 5 * HZ, 100);

enum unreg_reason {
	REASON_USER_DETACH,	/* BPF_LINK_DETACH; map delete for legacy */
	REASON_LINK_RELEASED,	/* last fd closed: exit, kill -9, unpin */
	REASON_KERNEL_DETACH,	/* this module detached it */
	REASON_REPLACED,	/* the link was updated to another map */
};

static const char * const reason_names[] = {
	[REASON_USER_DETACH]	= "user detach",
	[REASON_LINK_RELEASED]	= "link released",
	[REASON_KERNEL_DETACH]	= "kernel detach",
	[REASON_REPLACED]	= "replaced",
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

/* One unregistration, as shown in the status file. */
struct unreg_event {
	u64 time_ns;		/* boot time */
	enum unreg_reason reason;
	struct impl_info impl;
	u64 triggers;
	char detail[DETAIL_LEN];
};

/* Since load: every trigger, and those that found no implementation. */
static atomic64_t all_triggers, idle_triggers;
/* The registration whose operators this CPU is calling (preemption off). */
static DEFINE_PER_CPU(struct testmod_reg *, testmod_calling);

static struct bpf_testmod_many_ops __rcu *many_ops;
static DEFINE_MUTEX(many_lock);

/*
 * testmod_lock serialises reg/unreg/update and guards everything below;
 * triggers read testmod_cur under RCU only. Lock order: kdetach_lock, then
 * the kernel's struct_ops update_mutex, then testmod_lock.
 */
static DEFINE_MUTEX(testmod_lock);
static struct testmod_reg __rcu *testmod_cur;
static u64 testmod_gen;				/* last generation given */
static struct unreg_event history[HISTORY_LEN];
static unsigned int history_count;		/* events ever recorded */
/*
 * The task inside testmod_kernel_detach(), the link it detaches, why, and
 * whether its detach unregistered anything. While kdetach_task is set,
 * .update refuses to replace the implementation (the detach would hit the
 * replacement).
 */
static struct task_struct *kdetach_task;
static struct bpf_link *kdetach_link;
static char kdetach_detail[DETAIL_LEN];
static bool kdetach_done;

/* Serialises kernel-side detaches (control file and work item). */
static DEFINE_MUTEX(kdetach_lock);
static void auto_detach_fn(struct work_struct *work);
static DECLARE_WORK(auto_detach_work, auto_detach_fn);
/* A failed test_1: which registration, what it returned. */
static u64 auto_detach_gen;
static int auto_detach_ret;
static DEFINE_SPINLOCK(auto_detach_lock);

static struct proc_dir_entry *trigger_entry;
static struct proc_dir_entry *ctl_entry;
static struct proc_dir_entry *status_entry;

/* The module's BTF, from .init: the kfunc filter compares against it. */
static const struct btf *testmod_btf;

static struct testmod_reg *current_reg(void)
{
	return rcu_dereference_protected(testmod_cur,
					 lockdep_is_held(&testmod_lock));
}

static void testmod_call_ops(struct testmod_reg *reg,
			     const struct bpf_testmod_msg *msg, bool verbose)
{
	struct bpf_testmod_ops *ops = reg->ops;
	const char *buf = msg ? msg->data : NULL;
	int len = msg ? msg->len : 0;
	bool timing = verbose && (ops->flags & BPF_TESTMOD_F_TIMING);
	u64 t0 = 0;
	int ret;

	if (verbose) {
		pr_info("Calling struct_ops callbacks:\n");
		/* user bytes, escaped: a newline cannot forge a log line */
		if (ops->flags & BPF_TESTMOD_F_ECHO)
			pr_info("echo: %*pE\n", len, buf ?: "");
	}

	atomic64_inc(&reg->triggers);
	/*
	 * The kfuncs find reg here. An interrupt or softirq (a BPF timer's
	 * callback) may still run on this CPU meanwhile: the kfunc counts
	 * only calls from task context, which are ours.
	 */
	preempt_disable();
	this_cpu_write(testmod_calling, reg);

	if (timing)
		t0 = ktime_get_ns();
	ret = ops->test_1();
	if (timing)
		pr_info("test_1() took %llu ns\n", ktime_get_ns() - t0);
	if (verbose)
		pr_info("test_1() returned: %d\n", ret);
	if (ret < 0 && reg->link) {
		/*
		 * test_1 failing means the implementation is broken: eject it.
		 * The newest failure wins; a work already running for an older
		 * one runs again for this one. A legacy registration has no
		 * link to detach: user space must delete its map.
		 */
		spin_lock(&auto_detach_lock);
		auto_detach_gen = reg->gen;
		auto_detach_ret = ret;
		spin_unlock(&auto_detach_lock);
		schedule_work(&auto_detach_work);
	} else if (ret < 0 && verbose) {
		pr_info("test_1() failed; a legacy registration cannot be detached by the module: delete its map (struct_ops repair)\n");
	}

	if (ops->test_2) {
		ret = ops->test_2(10, 20);
		if (verbose)
			pr_info("test_2(10, 20) returned: %d\n", ret);
	} else if (verbose) {
		pr_info("test_2() not implemented\n");
	}

	if (ops->test_3) {
		ret = ops->test_3(buf, len);
		if (verbose)
			pr_info("test_3() called with buffer of %d bytes, returned: %d\n",
				len, ret);
	} else if (verbose) {
		pr_info("test_3() not implemented\n");
	}

	if (ops->test_4) {
		ret = ops->test_4(msg);
		if (verbose && msg)
			pr_info("test_4(msg of %d bytes) returned: %d\n", len, ret);
		else if (verbose)
			pr_info("test_4(NULL) returned: %d\n", ret);
	}

	this_cpu_write(testmod_calling, NULL);
	preempt_enable();
}

/* Call every operator of bpf_testmod_many_ops; check what each returns. */
static void many_call_ops(struct bpf_testmod_many_ops *ops, bool verbose)
{
	int (**op)(int x) = (int (**)(int x))ops;
	int i, ret, called = 0, good = 0;

	for (i = 0; i < BPF_TESTMOD_MANY_COUNT; i++) {
		if (!op[i])
			continue;
		called++;
		ret = op[i](BPF_TESTMOD_MANY_X);
		if (ret == BPF_TESTMOD_MANY_X + i)
			good++;
		else if (verbose)
			pr_info("many_ops: op_%d(%d) returned %d, want %d\n", i,
				BPF_TESTMOD_MANY_X, ret, BPF_TESTMOD_MANY_X + i);
	}
	if (verbose)
		pr_info("many_ops: %d of %d operators called, %d returned x + N\n",
			called, BPF_TESTMOD_MANY_COUNT, good);
}

/* The trigger and the control file act on root's BPF code: root only. */
static int admin_open(struct inode *inode, struct file *file)
{
	return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

/*
 * One write is one trigger. The first BPF_TESTMOD_BUF_SIZE bytes are passed
 * to test_3 and test_4; the rest is dropped and the whole write reported as
 * consumed, so that a long write does not turn into several triggers.
 */
static ssize_t trigger_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct bpf_testmod_many_ops *mops;
	struct bpf_testmod_msg msg;
	struct testmod_reg *reg;
	bool verbose;

	msg.len = min(count, sizeof(msg.data));
	if (msg.len && copy_from_user(msg.data, ubuf, msg.len))
		return -EFAULT;
	/* test_4 may read all of data[]: no stack bytes past len */
	memset(msg.data + msg.len, 0, sizeof(msg.data) - msg.len);

	verbose = READ_ONCE(log_triggers) && __ratelimit(&trigger_log_rs);
	if (verbose && count > msg.len)
		pr_info("trigger: write of %zu bytes truncated to %d\n",
			count, msg.len);

	atomic64_inc(&all_triggers);
	rcu_read_lock();
	reg = rcu_dereference(testmod_cur);
	if (reg) {
		testmod_call_ops(reg, msg.len ? &msg : NULL, verbose);
	} else {
		atomic64_inc(&idle_triggers);
		if (verbose)
			pr_info("No struct_ops registered\n");
	}
	mops = rcu_dereference(many_ops);
	if (mops)
		many_call_ops(mops, verbose);
	rcu_read_unlock();

	return count;
}

static const struct proc_ops trigger_proc_ops = {
	.proc_open	= admin_open,
	.proc_write	= trigger_write,
	.proc_lseek	= noop_llseek,
};

static int testmod_ops_init(struct btf *btf)
{
	testmod_btf = btf;
	return 0;
}

static bool testmod_ops_is_valid_access(int off, int size,
					enum bpf_access_type type,
					const struct bpf_prog *prog,
					struct bpf_insn_access_aux *info)
{
	/* Read-only access to the arguments, typed by the member's BTF. */
	return bpf_tracing_btf_ctx_access(off, size, type, prog, info);
}

static const struct bpf_func_proto *
testmod_ops_get_func_proto(enum bpf_func_id func_id, const struct bpf_prog *prog)
{
	return bpf_base_func_proto(func_id, prog);
}

static const struct bpf_verifier_ops testmod_verifier_ops = {
	.get_func_proto		= testmod_ops_get_func_proto,
	.is_valid_access	= testmod_ops_is_valid_access,
};

/*
 * Both types' operators run inside the trigger's rcu_read_lock() with
 * preemption disabled: a sleepable program there would sleep in atomic
 * context. The verifier then says "attach to unsupported member".
 */
static int testmod_ops_check_member(const struct btf_type *t,
				    const struct btf_member *member,
				    const struct bpf_prog *prog)
{
	if (prog->sleepable) {
		pr_info_ratelimited("rejecting program '%s': sleepable programs (struct_ops.s) cannot implement operators called in atomic context\n",
				    prog->aux->name);
		return -EINVAL;
	}
	return 0;
}

/*
 * The last implementation refused by .init_member or .validate, for the
 * status file: the loader that got EINVAL finds its reason there (by its
 * pid) instead of in the kernel log.
 */
static DEFINE_SPINLOCK(reject_lock);
static u64 reject_count;
static pid_t reject_pid;
static char reject_detail[DETAIL_LEN];

static __printf(1, 2) int reject(const char *fmt, ...)
{
	char detail[DETAIL_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	pr_info_ratelimited("rejecting implementation: %s\n", detail);
	spin_lock(&reject_lock);
	reject_count++;
	reject_pid = task_tgid_nr(current);
	strscpy(reject_detail, detail, sizeof(reject_detail));
	spin_unlock(&reject_lock);
	return -EINVAL;
}

/* An operator's program must have been verified for this module's BTF. */
static int check_prog_btf(const struct btf_type *t,
			  const struct btf_member *member, const void *udata)
{
	char name[BPF_OBJ_NAME_LEN];

	if (kit_prog_is_foreign(testmod_btf, t, member, udata, name,
				sizeof(name)))
		return reject("program '%s' was verified for another module's type",
			      name);
	return 0;
}

/* 1 to 15 characters of [A-Za-z0-9_.-] then NULs, or all zero (unnamed). */
static int check_name(const char *name)
{
	size_t len = strnlen(name, BPF_TESTMOD_NAME_LEN), i;

	if (len == BPF_TESTMOD_NAME_LEN)
		return reject("name is not NUL-terminated (at most %d characters)",
			      BPF_TESTMOD_NAME_LEN - 1);
	if (memchr_inv(name + len, 0, BPF_TESTMOD_NAME_LEN - len))
		return reject("bytes after the name's NUL must be zero");
	for (i = 0; i < len; i++) {
		if (!isalnum(name[i]) && !strchr("_.-", name[i]))
			return reject("name byte %zu is not a letter, digit, '_', '.' or '-'",
				      i);
	}
	return 0;
}

/*
 * Called for every member; returns 1 for the data members it copied and
 * checked, 0 for operators (the kernel sets those up, after the check of
 * kit_prog_is_foreign()), -errno to refuse the whole value, which fails
 * the map update (the attach) with it.
 */
static int testmod_ops_init_member(const struct btf_type *t,
				   const struct btf_member *member,
				   void *kdata, const void *udata)
{
	const struct bpf_testmod_ops *uops = udata;
	struct bpf_testmod_ops *ops = kdata;
	u32 moff = __btf_member_bit_offset(t, member) / 8;
	int err;

	switch (moff) {
	case offsetof(struct bpf_testmod_ops, name):
		err = check_name(uops->name);
		if (err)
			return err;
		memcpy(ops->name, uops->name, sizeof(ops->name));
		return 1;
	case offsetof(struct bpf_testmod_ops, flags):
		if (uops->flags & ~BPF_TESTMOD_F_ALL)
			return reject("unknown flags %#x (known: %#x)",
				      uops->flags & ~BPF_TESTMOD_F_ALL,
				      BPF_TESTMOD_F_ALL);
		ops->flags = uops->flags;
		return 1;
	}
	return check_prog_btf(t, member, udata);
}

/* Runs on every map update, before .reg: the value must be usable. */
static int testmod_ops_validate(void *kdata)
{
	struct bpf_testmod_ops *ops = kdata;

	/* test_1 is the one operator every implementation must provide. */
	if (!ops->test_1)
		return reject("test_1 is missing");
	return 0;
}

/* A registration for kdata by the current task; gen is set under the lock. */
static struct testmod_reg *testmod_reg_new(struct bpf_testmod_ops *ops,
					   struct bpf_link *link)
{
	struct testmod_reg *reg = kzalloc(sizeof(*reg), GFP_KERNEL);

	if (!reg)
		return NULL;
	reg->ops = ops;
	reg->link = link;
	memcpy(reg->info.name, ops->name, sizeof(reg->info.name));
	reg->info.flags = ops->flags;
	get_task_comm(reg->info.owner, current);
	reg->info.pid = task_tgid_nr(current);
	reg->info.since_ns = ktime_get_boottime_ns();
	reg->info.has_link = link;
	return reg;
}

static int testmod_ops_reg(void *kdata, struct bpf_link *link)
{
	struct testmod_reg *reg;
	int err = 0;

	reg = testmod_reg_new(kdata, link);
	if (!reg)
		return -ENOMEM;

	mutex_lock(&testmod_lock);
	if (current_reg()) {
		err = -EEXIST;
		goto out;
	}
	reg->gen = ++testmod_gen;
	rcu_assign_pointer(testmod_cur, reg);
	pr_info("struct_ops implementation '%s' registered by %*pE[%d]%s\n",
		reg->info.name, (int)strlen(reg->info.owner), reg->info.owner,
		reg->info.pid, link ? "" : " (no link)");
	reg = NULL;
out:
	mutex_unlock(&testmod_lock);
	kfree(reg);
	return err;
}

/* Why is this implementation going away? Called under testmod_lock. */
static enum unreg_reason unreg_reason(struct bpf_link *link)
{
	if (kdetach_task == current && link && link == kdetach_link)
		return REASON_KERNEL_DETACH;
	/* without a link, only a map delete unregisters */
	if (!link)
		return REASON_USER_DETACH;
	/* the link is being freed: its last reference (fd, pin) is gone */
	if (!atomic64_read(&link->refcnt))
		return REASON_LINK_RELEASED;
	return REASON_USER_DETACH;
}

static void record_unreg(const struct testmod_reg *reg,
			 enum unreg_reason reason, const char *detail)
{
	struct unreg_event *ev = &history[history_count++ % HISTORY_LEN];

	ev->time_ns = ktime_get_boottime_ns();
	ev->reason = reason;
	ev->impl = reg->info;
	ev->triggers = atomic64_read(&reg->triggers);
	strscpy(ev->detail, detail ?: "", sizeof(ev->detail));
	pr_info("struct_ops implementation unregistered: %s%s%*pE\n",
		reason_names[reason], ev->detail[0] ? ": " : "",
		(int)strlen(ev->detail), ev->detail);
}

static void testmod_ops_unreg(void *kdata, struct bpf_link *link)
{
	enum unreg_reason reason;
	struct testmod_reg *reg;

	mutex_lock(&testmod_lock);
	reg = current_reg();
	/* a stale unreg (not the current implementation) changes nothing */
	if (reg && reg->ops == kdata) {
		reason = unreg_reason(link);
		RCU_INIT_POINTER(testmod_cur, NULL);
		if (reason == REASON_KERNEL_DETACH)
			kdetach_done = true;
		record_unreg(reg, reason, reason == REASON_KERNEL_DETACH ?
					  kdetach_detail : NULL);
		/* triggers inside their read section may still use it */
		kfree_rcu(reg, rcu);
	}
	mutex_unlock(&testmod_lock);
}

/*
 * BPF_LINK_UPDATE: switch the link from old_kdata to kdata in one pointer
 * store. A trigger sees the old implementation or the new one, never none;
 * the old one stays valid for triggers still running it until the kernel
 * frees it after an RCU grace period.
 */
static int testmod_ops_update(void *kdata, void *old_kdata,
			      struct bpf_link *link)
{
	struct testmod_reg *reg, *old;
	char detail[DETAIL_LEN];
	int err = 0;

	reg = testmod_reg_new(kdata, link);
	if (!reg)
		return -ENOMEM;

	mutex_lock(&testmod_lock);
	old = current_reg();
	if (!old || old->ops != old_kdata) {
		err = -ENOENT;
		goto out;
	}
	if (kdetach_task) {
		/* the detach in progress would unregister the replacement */
		pr_info("replacement refused: the module is detaching '%s' (%s)\n",
			old->info.name, kdetach_detail);
		err = -EBUSY;
		goto out;
	}
	snprintf(detail, sizeof(detail), "by '%s' from %s[%d]", reg->info.name,
		 reg->info.owner, reg->info.pid);
	record_unreg(old, REASON_REPLACED, detail);
	reg->gen = ++testmod_gen;
	rcu_assign_pointer(testmod_cur, reg);
	kfree_rcu(old, rcu);
	reg = NULL;
out:
	mutex_unlock(&testmod_lock);
	kfree(reg);
	return err;
}

static int many_ops_reg(void *kdata, struct bpf_link *link)
{
	int err = 0;

	mutex_lock(&many_lock);
	if (rcu_access_pointer(many_ops))
		err = -EEXIST;
	else
		rcu_assign_pointer(many_ops, kdata);
	mutex_unlock(&many_lock);
	if (!err)
		pr_info("many_ops implementation registered\n");
	return err;
}

static void many_ops_unreg(void *kdata, struct bpf_link *link)
{
	mutex_lock(&many_lock);
	if (rcu_access_pointer(many_ops) == kdata) {
		RCU_INIT_POINTER(many_ops, NULL);
		pr_info("many_ops implementation unregistered\n");
	}
	mutex_unlock(&many_lock);
}

/*
 * Detach the current implementation from the kernel side, as if user
 * space had called BPF_LINK_DETACH: the link stays, without a map, and
 * its poll() reports EPOLLHUP to the process holding it. With gen, only
 * if that registration is still the current one. Returns 0 only if this
 * call unregistered it.
 */
static int testmod_kernel_detach(const char *detail, const u64 *gen)
{
	const char *why = "no implementation registered";
	struct bpf_link *link = NULL;
	struct testmod_reg *reg;
	int err;

	mutex_lock(&kdetach_lock);
	mutex_lock(&testmod_lock);
	reg = current_reg();
	if (!reg || (gen && *gen != reg->gen)) {
		err = -ENODEV;
		goto unlock;
	}
	if (!reg->link) {
		err = -EOPNOTSUPP;
		goto unlock;
	}
	/* The link may be on its way out already (refcnt 0): leave it. */
	link = bpf_link_inc_not_zero(reg->link);
	if (IS_ERR(link)) {
		link = NULL;
		why = "the implementation's link is being released";
		err = -ENODEV;
		goto unlock;
	}
	/* from here until kdetach_task is cleared, .update refuses */
	kdetach_task = current;
	kdetach_link = link;
	kdetach_done = false;
	strscpy(kdetach_detail, detail, sizeof(kdetach_detail));
	mutex_unlock(&testmod_lock);

	if (test_kdetach_delay_ms)
		msleep(min(test_kdetach_delay_ms, 30000U));
	/* takes the kernel's update_mutex, then calls testmod_ops_unreg() */
	err = link->ops->detach ? link->ops->detach(link) : -EOPNOTSUPP;

	mutex_lock(&testmod_lock);
	/* the link had lost its map already (user detach meanwhile) */
	if (!err && !kdetach_done) {
		why = "the implementation was detached meanwhile";
		err = -ENODEV;
	}
	kdetach_task = NULL;
	kdetach_link = NULL;
unlock:
	mutex_unlock(&testmod_lock);
	mutex_unlock(&kdetach_lock);
	/* may free the link, whose dealloc calls .unreg: outside the lock */
	if (link)
		bpf_link_put(link);
	if (err == -EOPNOTSUPP)
		pr_info("kernel detach: the implementation has no link; delete its map from user space\n");
	else if (err && !gen)
		pr_info("kernel detach: %s\n", err == -ENODEV ? why : "failed");
	return err;
}

static void auto_detach_fn(struct work_struct *work)
{
	char detail[DETAIL_LEN];
	u64 gen;

	spin_lock(&auto_detach_lock);
	gen = auto_detach_gen;
	snprintf(detail, sizeof(detail), "test_1 returned %d", auto_detach_ret);
	spin_unlock(&auto_detach_lock);

	/* the failing implementation may have gone already: then do nothing */
	testmod_kernel_detach(detail, &gen);
}

/*
 * /proc/bpf_testmod_bench (root only): what one call through struct_ops
 * costs. "OP N" written to it calls operator OP (test_1, test_2, test_3,
 * or op_0 of the 44-operator type) N times four ways, side by side: the
 * registered BPF implementation through its struct_ops table, native C
 * functions of the same logic through an identical table, the same C
 * function called directly, and an empty loop. Reading the file gives the
 * last result as total nanoseconds per way. The calls run in chunks, each
 * under rcu_read_lock() with preemption off as the trigger calls them; the
 * four ways alternate chunk by chunk so that drift hits all alike. Chunks
 * are sized so that the BPF way's takes about 2 ms at most (a program may
 * be slow). A run ends with -ENOENT if the implementation goes away and
 * -EAGAIN if another replaces it.
 */
#define BENCH_NAME	"bpf_testmod_bench"
#define BENCH_MODE	0600
#define BENCH_MAX_CALLS	100000000L
#define BENCH_CHUNK	10000L
#define BENCH_CHUNK_NS	(2 * NSEC_PER_MSEC)

enum bench_op { BENCH_TEST_1, BENCH_TEST_2, BENCH_TEST_3, BENCH_MANY, BENCH_OPS };
enum bench_way { WAY_BPF, WAY_NATIVE, WAY_DIRECT, WAY_EMPTY, WAYS };

static const char * const bench_op_names[BENCH_OPS] = {
	"test_1", "test_2", "test_3", "op_0",
};

static struct proc_dir_entry *bench_entry;
static DEFINE_MUTEX(bench_lock);		/* one run at a time */
static DEFINE_SPINLOCK(bench_result_lock);	/* bench_last */
static int bench_sink;
static char bench_buf[BPF_TESTMOD_BUF_SIZE];
#define BENCH_LEN	16

/* Native twins of bpf/bench.bpf.c: the same results, no logging. */
static noinline int native_test_1(void)
{
	return 42;
}

static noinline int native_test_2(int a, int b)
{
	return a + b;
}

static noinline int native_test_3(const char *buf, int len)
{
	char c;

	if (!buf || len <= 0)
		return 0;
	if (copy_from_kernel_nofault(&c, buf, 1))
		return -1;
	return len + c;
}

static noinline int native_op_0(int x)
{
	return x;
}

static struct bpf_testmod_ops native_ops = {
	.test_1 = native_test_1,
	.test_2 = native_test_2,
	.test_3 = native_test_3,
};

static struct bpf_testmod_many_ops native_many = {
	.op_0 = native_op_0,
};

/* Read through a volatile access: the compiler cannot devirtualize. */
static struct bpf_testmod_ops *native_ops_ptr = &native_ops;
static struct bpf_testmod_many_ops *native_many_ptr = &native_many;

struct bench_result {
	enum bench_op op;
	long calls;
	long chunks;
	u64 ns[WAYS];
};

static struct bench_result bench_last = { .op = BENCH_OPS };

/* Time n calls, each storing its result where the compiler must keep it. */
#define BENCH_CHUNK_LOOP(n, call)					\
	({								\
		u64 __t0 = ktime_get_ns();				\
		long __i;						\
									\
		for (__i = 0; __i < (n); __i++)				\
			WRITE_ONCE(bench_sink, (call));			\
		ktime_get_ns() - __t0;					\
	})

/*
 * One chunk of n calls of op, one way; adds its time to *ns. The
 * implementation must stay the same for the whole run: *seen records it.
 * -ENOENT if nothing implements op, -EAGAIN if it was replaced.
 */
static int bench_chunk(enum bench_op op, enum bench_way way, long n,
		       u64 *ns, const void **seen)
{
	struct bpf_testmod_many_ops *mops = NULL;
	struct bpf_testmod_ops *ops = NULL;
	struct testmod_reg *reg;
	const void *impl;
	int err = 0;

	rcu_read_lock();
	preempt_disable();
	if (way == WAY_BPF) {
		reg = rcu_dereference(testmod_cur);
		ops = reg ? reg->ops : NULL;
		mops = rcu_dereference(many_ops);
		impl = op == BENCH_MANY ? (const void *)mops : (const void *)reg;
		if (impl && *seen && impl != *seen)
			err = -EAGAIN;
		*seen = impl;
	} else {
		ops = READ_ONCE(native_ops_ptr);
		mops = READ_ONCE(native_many_ptr);
	}
	switch (err ? BENCH_OPS : op) {
	case BENCH_TEST_1:
		if (!ops || !ops->test_1)
			err = -ENOENT;
		else if (way == WAY_DIRECT)
			*ns += BENCH_CHUNK_LOOP(n, native_test_1());
		else if (way == WAY_EMPTY)
			*ns += BENCH_CHUNK_LOOP(n, (int)__i);
		else
			*ns += BENCH_CHUNK_LOOP(n, ops->test_1());
		break;
	case BENCH_TEST_2:
		if (!ops || !ops->test_2)
			err = -ENOENT;
		else if (way == WAY_DIRECT)
			*ns += BENCH_CHUNK_LOOP(n, native_test_2((int)__i, 20));
		else if (way == WAY_EMPTY)
			*ns += BENCH_CHUNK_LOOP(n, (int)__i);
		else
			*ns += BENCH_CHUNK_LOOP(n, ops->test_2((int)__i, 20));
		break;
	case BENCH_TEST_3:
		if (!ops || !ops->test_3)
			err = -ENOENT;
		else if (way == WAY_DIRECT)
			*ns += BENCH_CHUNK_LOOP(n, native_test_3(bench_buf, BENCH_LEN));
		else if (way == WAY_EMPTY)
			*ns += BENCH_CHUNK_LOOP(n, (int)__i);
		else
			*ns += BENCH_CHUNK_LOOP(n, ops->test_3(bench_buf, BENCH_LEN));
		break;
	case BENCH_MANY:
		if (!mops || !mops->op_0)
			err = -ENOENT;
		else if (way == WAY_DIRECT)
			*ns += BENCH_CHUNK_LOOP(n, native_op_0((int)__i));
		else if (way == WAY_EMPTY)
			*ns += BENCH_CHUNK_LOOP(n, (int)__i);
		else
			*ns += BENCH_CHUNK_LOOP(n, mops->op_0((int)__i));
		break;
	default:
		break;
	}
	preempt_enable();
	rcu_read_unlock();
	return err;
}

/*
 * Chunks grow from one call to BENCH_CHUNK, doubling, but only while the
 * BPF way's last chunk took less than BENCH_CHUNK_NS per the calls it
 * made: a slow program (bpf_loop(), say) keeps preemption off for about
 * that long per chunk, not for BENCH_CHUNK of its calls.
 */
static long bench_next_chunk(long n, u64 bpf_ns)
{
	u64 fit = bpf_ns ? div64_u64((u64)n * BENCH_CHUNK_NS, bpf_ns) : BENCH_CHUNK;

	return clamp_t(long, min_t(u64, fit, 2 * n), 1, BENCH_CHUNK);
}

static int bench_run(enum bench_op op, long calls)
{
	struct bench_result r = { .op = op, .calls = calls };
	const void *seen = NULL;
	long done, n, size = 1;
	u64 bpf_before;
	int way, err;

	for (done = 0; done < calls; done += n) {
		n = min(calls - done, size);
		bpf_before = r.ns[WAY_BPF];
		for (way = 0; way < WAYS; way++) {
			err = bench_chunk(op, way, n, &r.ns[way], &seen);
			if (err)
				return err;
		}
		r.chunks++;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
		size = bench_next_chunk(n, r.ns[WAY_BPF] - bpf_before);
	}
	spin_lock(&bench_result_lock);
	bench_last = r;
	spin_unlock(&bench_result_lock);
	return 0;
}

/* "OP N" or "OP N\n", N from 1 to BENCH_MAX_CALLS. */
static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t count, loff_t *ppos)
{
	char cmd[32], *space;
	long calls;
	int op, err;

	if (count == 0 || count >= sizeof(cmd))
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	cmd[count] = '\0';
	if (cmd[count - 1] == '\n')
		cmd[count - 1] = '\0';
	space = strchr(cmd, ' ');
	if (!space)
		return -EINVAL;
	*space = '\0';
	op = match_string(bench_op_names, BENCH_OPS, cmd);
	if (op < 0 || kstrtol(space + 1, 10, &calls) || calls < 1 ||
	    calls > BENCH_MAX_CALLS)
		return -EINVAL;
	if (!mutex_trylock(&bench_lock))
		return -EBUSY;
	err = bench_run(op, calls);
	mutex_unlock(&bench_lock);
	return err ? err : count;
}

static int bench_show(struct seq_file *m, void *v)
{
	struct bench_result r;

	spin_lock(&bench_result_lock);
	r = bench_last;
	spin_unlock(&bench_result_lock);
	if (r.op == BENCH_OPS) {
		seq_puts(m, "none\n");
		return 0;
	}
	seq_printf(m, "op=%s calls=%ld chunks=%ld bpf_ns=%llu native_ns=%llu direct_ns=%llu empty_ns=%llu\n",
		   bench_op_names[r.op], r.calls, r.chunks, r.ns[WAY_BPF],
		   r.ns[WAY_NATIVE], r.ns[WAY_DIRECT], r.ns[WAY_EMPTY]);
	return 0;
}

static int bench_open(struct inode *inode, struct file *file)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return single_open(file, bench_show, NULL);
}

static const struct proc_ops bench_proc_ops = {
	.proc_open	= bench_open,
	.proc_read	= seq_read,
	.proc_write	= bench_write,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

/* Is buf[0..len) exactly word, or word and one newline? */
static bool is_command(const char *buf, size_t len, const char *word)
{
	size_t wlen = strlen(word);

	if (len == wlen + 1 && buf[wlen] == '\n')
		len--;
	return len == wlen && !memcmp(buf, word, wlen);
}

/* "detach" or "detach\n": detach the current implementation. */
static ssize_t ctl_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	char cmd[8];
	int err;

	if (count == 0 || count > sizeof(cmd))
		return -EINVAL;
	if (copy_from_user(cmd, ubuf, count))
		return -EFAULT;
	if (!is_command(cmd, count, "detach"))
		return -EINVAL;
	err = testmod_kernel_detach("requested through " CTL_NAME, NULL);
	return err ? err : count;
}

static const struct proc_ops ctl_proc_ops = {
	.proc_open	= admin_open,
	.proc_write	= ctl_write,
	.proc_lseek	= noop_llseek,
};

/*
 * A string as "...": printable ASCII as is except '"' and '\', which like
 * every other byte become \xNN. A name or a command name cannot end the
 * quotes, start a line or forge a key=value pair.
 */
static void seq_quoted(struct seq_file *m, const char *s, size_t size)
{
	size_t i;

	seq_putc(m, '"');
	for (i = 0; i < size && s[i]; i++) {
		unsigned char c = s[i];

		if (c < 0x20 || c > 0x7e || c == '"' || c == '\\')
			seq_printf(m, "\\x%02x", c);
		else
			seq_putc(m, c);
	}
	seq_putc(m, '"');
}

static void show_time(struct seq_file *m, const char *key, u64 ns)
{
	seq_printf(m, "%s=%llu.%06llu", key, ns / NSEC_PER_SEC,
		   (ns % NSEC_PER_SEC) / NSEC_PER_USEC);
}

static void show_impl(struct seq_file *m, const struct impl_info *impl)
{
	seq_puts(m, " name=");
	seq_quoted(m, impl->name, sizeof(impl->name));
	seq_printf(m, " flags=%#x owner=", impl->flags);
	seq_quoted(m, impl->owner, sizeof(impl->owner));
	seq_printf(m, " pid=%d link=%s ", impl->pid,
		   impl->has_link ? "yes" : "no");
	show_time(m, "since", impl->since_ns);
}

/*
 * One "key: value" line per fact; history lines are "unregistered:"
 * followed by key=value pairs, oldest first. Times are CLOCK_BOOTTIME.
 * Strings are quoted by seq_quoted().
 */
static int status_show(struct seq_file *m, void *v)
{
	const struct testmod_reg *reg;
	char detail[DETAIL_LEN];
	unsigned int i, first;
	u64 rcount;
	pid_t rpid;

	mutex_lock(&testmod_lock);
	reg = current_reg();
	if (reg) {
		seq_puts(m, "registered: yes\nimplementation:");
		show_impl(m, &reg->info);
		seq_printf(m, "\ntriggers: %lld\n",
			   (long long)atomic64_read(&reg->triggers));
		seq_puts(m, "kfunc_counts:");
		for (i = 1; i <= COUNTED_OPS; i++)
			seq_printf(m, " test_%u=%lld", i,
				   (long long)atomic64_read(&reg->op_counts[i]));
		seq_puts(m, "\n");
	} else {
		seq_puts(m, "registered: no\n");
	}
	seq_printf(m, "triggers_total: %lld\ntriggers_idle: %lld\n",
		   (long long)atomic64_read(&all_triggers),
		   (long long)atomic64_read(&idle_triggers));
	spin_lock(&reject_lock);
	memcpy(detail, reject_detail, sizeof(detail));
	rcount = reject_count;
	rpid = reject_pid;
	spin_unlock(&reject_lock);
	if (rcount) {
		seq_printf(m, "rejected: count=%llu pid=%d detail=", rcount, rpid);
		seq_quoted(m, detail, sizeof(detail));
		seq_putc(m, '\n');
	}
	first = history_count > HISTORY_LEN ? history_count - HISTORY_LEN : 0;
	for (i = first; i < history_count; i++) {
		const struct unreg_event *ev = &history[i % HISTORY_LEN];

		seq_puts(m, "unregistered: ");
		show_time(m, "time", ev->time_ns);
		seq_printf(m, " reason=\"%s\"", reason_names[ev->reason]);
		show_impl(m, &ev->impl);
		seq_printf(m, " triggers=%llu detail=", ev->triggers);
		seq_quoted(m, ev->detail, sizeof(ev->detail));
		seq_putc(m, '\n');
	}
	mutex_unlock(&testmod_lock);
	return 0;
}

static int status_open(struct inode *inode, struct file *file)
{
	return single_open(file, status_show, NULL);
}

static const struct proc_ops status_proc_ops = {
	.proc_open	= status_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

/* CFI stubs: the kernel takes the members' prototypes from these. */
static int bpf_testmod_ops__test_1(void)
{
	return 0;
}

static int bpf_testmod_ops__test_2(int a, int b)
{
	return 0;
}

static int bpf_testmod_ops__test_3(const char *buf, int len)
{
	return 0;
}

/* "__nullable": the verifier makes programs check msg before using it. */
static int bpf_testmod_ops__test_4(const struct bpf_testmod_msg *msg__nullable)
{
	return 0;
}

static struct bpf_testmod_ops testmod_cfi_stubs = {
	.test_1 = bpf_testmod_ops__test_1,
	.test_2 = bpf_testmod_ops__test_2,
	.test_3 = bpf_testmod_ops__test_3,
	.test_4 = bpf_testmod_ops__test_4,
};

/* One stub serves every op_N: they share a prototype. Filled at init. */
static int bpf_testmod_many_ops__op(int x)
{
	return 0;
}

static struct bpf_testmod_many_ops many_cfi_stubs;

static void many_cfi_stubs_init(void)
{
	int (**op)(int x) = (int (**)(int x))&many_cfi_stubs;
	int i;

	/* many_call_ops() and this loop see the type as an array */
	BUILD_BUG_ON(sizeof(struct bpf_testmod_many_ops) !=
		     BPF_TESTMOD_MANY_COUNT * sizeof(void *));
	for (i = 0; i < BPF_TESTMOD_MANY_COUNT; i++)
		op[i] = bpf_testmod_many_ops__op;
}

static struct bpf_struct_ops testmod_struct_ops = {
	.verifier_ops	= &testmod_verifier_ops,
	.init		= testmod_ops_init,
	.init_member	= testmod_ops_init_member,
	.reg		= testmod_ops_reg,
	.unreg		= testmod_ops_unreg,
	.update		= testmod_ops_update,
	.validate	= testmod_ops_validate,
	.check_member	= testmod_ops_check_member,
	.cfi_stubs	= &testmod_cfi_stubs,
	.name		= "bpf_testmod_ops",
	.owner		= THIS_MODULE,
};

static int many_ops_init_member(const struct btf_type *t,
				const struct btf_member *member,
				void *kdata, const void *udata)
{
	return check_prog_btf(t, member, udata);
}

static struct bpf_struct_ops many_struct_ops = {
	.verifier_ops	= &testmod_verifier_ops,
	.init		= testmod_ops_init,
	.init_member	= many_ops_init_member,
	.reg		= many_ops_reg,
	.unreg		= many_ops_unreg,
	.check_member	= testmod_ops_check_member,
	.cfi_stubs	= &many_cfi_stubs,
	.name		= "bpf_testmod_many_ops",
	.owner		= THIS_MODULE,
};

/* kfuncs for the module's own struct_ops programs */
__bpf_kfunc_start_defs();

__bpf_kfunc void bpf_testmod_log(const char *msg__str)
{
	/* a constant string of the program's: escaped, rate-limited */
	pr_info_ratelimited("bpf: %*pE\n", (int)strlen(msg__str), msg__str);
}

__bpf_kfunc void bpf_testmod_count(unsigned int op)
{
	struct testmod_reg *reg;

	/* a BPF timer's callback (softirq) is not one of our calls */
	if (!in_task())
		return;
	/* NULL when called from a bpf_testmod_many_ops program */
	reg = this_cpu_read(testmod_calling);
	if (reg && op >= 1 && op <= COUNTED_OPS)
		atomic64_inc(&reg->op_counts[op]);
}

__bpf_kfunc_end_defs();

BTF_KFUNCS_START(testmod_kfunc_ids)
BTF_ID_FLAGS(func, bpf_testmod_log)
BTF_ID_FLAGS(func, bpf_testmod_count)
BTF_KFUNCS_END(testmod_kfunc_ids)

/*
 * The kfuncs are registered for every struct_ops program: refuse them to
 * any type but the module's own (a BPF TCP congestion control, say). A
 * program whose attach_btf is this module's BTF implements one of the
 * types registered from it (the verifier finds the type in that BTF's
 * struct_ops table), so the BTF alone decides. Its attach_btf_id is not
 * compared with BTF_ID() values: see compat.h.
 */
static int testmod_kfunc_filter(const struct bpf_prog *prog, u32 kfunc_id)
{
	if (testmod_btf && prog->aux->attach_btf == testmod_btf)
		return 0;
	return -EACCES;
}

static const struct btf_kfunc_id_set testmod_kfunc_set = {
	.owner	= THIS_MODULE,
	.set	= &testmod_kfunc_ids,
	.filter	= testmod_kfunc_filter,
};

static int __init hello_init(void)
{
	int err = -ENOMEM;

	trigger_entry = proc_create(TRIGGER_NAME, TRIGGER_MODE, NULL,
				    &trigger_proc_ops);
	if (!trigger_entry)
		return -ENOMEM;
	ctl_entry = proc_create(CTL_NAME, CTL_MODE, NULL, &ctl_proc_ops);
	if (!ctl_entry)
		goto err_remove_trigger;
	status_entry = proc_create(STATUS_NAME, STATUS_MODE, NULL,
				   &status_proc_ops);
	if (!status_entry)
		goto err_remove_ctl;
	memset(bench_buf, 'a', sizeof(bench_buf));
	bench_entry = proc_create(BENCH_NAME, BENCH_MODE, NULL,
				  &bench_proc_ops);
	if (!bench_entry)
		goto err_remove_status;

	/*
	 * struct_ops types and kfunc sets are unregistered with the module's
	 * BTF when the module goes away: nothing to undo for them here.
	 */
	many_cfi_stubs_init();
	err = register_btf_kfunc_id_set(BPF_PROG_TYPE_STRUCT_OPS,
					&testmod_kfunc_set);
	err = err ?: register_bpf_struct_ops(&testmod_struct_ops,
					     bpf_testmod_ops);
	err = err ?: register_bpf_struct_ops(&many_struct_ops,
					     bpf_testmod_many_ops);
	if (err) {
		pr_err("cannot register the struct_ops types and kfuncs: %d\n",
		       err);
		goto err_remove_bench;
	}

	/*
	 * Without module BTF the kernel registers nothing and returns 0 (it
	 * warned "missing module BTF"): .init never ran. The module stays
	 * loaded, as the kernel intends, but says so.
	 */
	if (!testmod_btf)
		pr_warn("bpf_testmod loaded without BTF: no struct_ops type registered (build with pahole and CONFIG_DEBUG_INFO_BTF_MODULES=y)\n");
	else
		pr_info("bpf_testmod loaded with struct_ops support\n");
	return 0;

err_remove_bench:
	proc_remove(bench_entry);
err_remove_status:
	proc_remove(status_entry);
err_remove_ctl:
	proc_remove(ctl_entry);
err_remove_trigger:
	proc_remove(trigger_entry);
	return err;
}

static void __exit hello_exit(void)
{
	/* Each waits for the callers still inside its handlers. */
	proc_remove(bench_entry);
	proc_remove(status_entry);
	proc_remove(ctl_entry);
	proc_remove(trigger_entry);
	/* a trigger may have queued an automatic detach */
	cancel_work_sync(&auto_detach_work);
	pr_info("bpf_testmod unloaded\n");
}

module_init(hello_init);
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("struct_ops type bpf_testmod_ops, called from /proc/bpf_testmod_trigger");
