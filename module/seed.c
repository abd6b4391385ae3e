// SPDX-License-Identifier: GPL-2.0
/*
 * The seed: the struct_ops type bpf_testmod_ops (bpf_testmod.h), and
 * /proc/bpf_testmod_trigger, whose every write calls the BPF
 * implementation attached to it: test_1(), test_2(10, 20), test_3(buf,
 * len), test_4(msg).
 *
 * One implementation may be registered at a time. The trigger reads the
 * current one under RCU: the kernel frees an unregistered implementation
 * (its trampolines and kdata) only after an RCU grace period, so a trigger
 * running concurrently with a detach sees either the old implementation,
 * still valid, or none.
 *
 * Also shown here: a __nullable argument (test_4), data members checked by
 * .init_member (name, flags), and atomic replacement through .update.
 * Every operator is called inside rcu_read_lock() with preemption off, so
 * .check_member refuses sleepable (SEC("struct_ops.s/...")) programs.
 *
 * Elsewhere: verifier.c (the verifier callbacks, .init and .check_member,
 * shared with many.c's type), detach.c (the module detaches an
 * implementation itself), status.c (what happened, for user space),
 * kfuncs.c, bench.c, main.c (the proc files, init and exit).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/ctype.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/proc_fs.h>
#include <linux/ratelimit.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "bpf_testmod.h"
#include "hello.h"

static bool log_triggers = true;
module_param(log_triggers, bool, 0644);
MODULE_PARM_DESC(log_triggers,
		 "log each trigger's calls and results (rate-limited); default on");

/* At most 100 triggers logged in full every 5 s; the rest only counted. */
static DEFINE_RATELIMIT_STATE(trigger_log_rs, 5 * HZ, 100);

DEFINE_PER_CPU(struct testmod_reg *, testmod_calling);

/* Serialises .reg, .unreg and .update: see hello.h for what it guards. */
DEFINE_MUTEX(testmod_lock);
struct testmod_reg __rcu *testmod_cur;
static u64 testmod_gen;			/* last generation given */

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
	/* a failing test_1 gets its implementation ejected (detach.c) */
	if (ret < 0)
		testmod_auto_detach(reg, ret, verbose);

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

/*
 * One write is one trigger. The first BPF_TESTMOD_BUF_SIZE bytes are passed
 * to test_3 and test_4; the rest is dropped and the whole write reported as
 * consumed, so that a long write does not turn into several triggers.
 */
static ssize_t trigger_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
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

	atomic64_inc(&testmod_all_triggers);
	rcu_read_lock();
	reg = rcu_dereference(testmod_cur);
	if (reg) {
		testmod_call_ops(reg, msg.len ? &msg : NULL, verbose);
	} else {
		atomic64_inc(&testmod_idle_triggers);
		if (verbose)
			pr_info("No struct_ops registered\n");
	}
	/* and the bpf_testmod_many_ops implementation, if any */
	testmod_many_trigger(verbose);
	rcu_read_unlock();

	return count;
}

const struct proc_ops testmod_trigger_proc_ops = {
	.proc_open	= testmod_admin_open,
	.proc_write	= trigger_write,
	.proc_lseek	= noop_llseek,
};

/* 1 to 15 characters of [A-Za-z0-9_.-] then NULs, or all zero (unnamed). */
static int check_name(const char *name)
{
	size_t len = strnlen(name, BPF_TESTMOD_NAME_LEN), i;

	if (len == BPF_TESTMOD_NAME_LEN)
		return testmod_reject("name is not NUL-terminated (at most %d characters)",
				      BPF_TESTMOD_NAME_LEN - 1);
	if (memchr_inv(name + len, 0, BPF_TESTMOD_NAME_LEN - len))
		return testmod_reject("bytes after the name's NUL must be zero");
	for (i = 0; i < len; i++) {
		if (!isalnum(name[i]) && !strchr("_.-", name[i]))
			return testmod_reject("name byte %zu is not a letter, digit, '_', '.' or '-'",
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
			return testmod_reject("unknown flags %#x (known: %#x)",
					      uops->flags & ~BPF_TESTMOD_F_ALL,
					      BPF_TESTMOD_F_ALL);
		ops->flags = uops->flags;
		return 1;
	}
	return testmod_check_prog_btf(t, member, udata);
}

/* Runs on every map update, before .reg: the value must be usable. */
static int testmod_ops_validate(void *kdata)
{
	struct bpf_testmod_ops *ops = kdata;

	/* test_1 is the one operator every implementation must provide. */
	if (!ops->test_1)
		return testmod_reject("test_1 is missing");
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
	if (testmod_current_reg()) {
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

static void testmod_ops_unreg(void *kdata, struct bpf_link *link)
{
	enum unreg_reason reason;
	struct testmod_reg *reg;
	const char *detail;

	mutex_lock(&testmod_lock);
	reg = testmod_current_reg();
	/* a stale unreg (not the current implementation) changes nothing */
	if (reg && reg->ops == kdata) {
		/* why (detach.c), recorded for the status file (status.c) */
		reason = testmod_unreg_reason(link, &detail);
		RCU_INIT_POINTER(testmod_cur, NULL);
		testmod_record_unreg(reg, reason, detail);
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
	const char *kdetach;
	int err = 0;

	reg = testmod_reg_new(kdata, link);
	if (!reg)
		return -ENOMEM;

	mutex_lock(&testmod_lock);
	old = testmod_current_reg();
	if (!old || old->ops != old_kdata) {
		err = -ENOENT;
		goto out;
	}
	kdetach = testmod_kdetach_pending();
	if (kdetach) {
		/* the detach in progress would unregister the replacement */
		pr_info("replacement refused: the module is detaching '%s' (%s)\n",
			old->info.name, kdetach);
		err = -EBUSY;
		goto out;
	}
	snprintf(detail, sizeof(detail), "by '%s' from %s[%d]", reg->info.name,
		 reg->info.owner, reg->info.pid);
	testmod_record_unreg(old, REASON_REPLACED, detail);
	reg->gen = ++testmod_gen;
	rcu_assign_pointer(testmod_cur, reg);
	kfree_rcu(old, rcu);
	reg = NULL;
out:
	mutex_unlock(&testmod_lock);
	kfree(reg);
	return err;
}

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

/* Registered by hello_init() (main.c). */
struct bpf_struct_ops testmod_struct_ops = {
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
