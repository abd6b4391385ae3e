// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel-side detach: the module detaches a link-based implementation of
 * bpf_testmod_ops itself, on "detach" written to /proc/bpf_testmod_ctl or
 * when the implementation's test_1 returns an error (from a work item:
 * the trigger cannot sleep).
 *
 * The link's detach op takes the kernel's struct_ops update_mutex and then
 * calls .unreg, which takes testmod_lock; link creation takes update_mutex
 * before .reg. So the detach must not hold testmod_lock while it calls the
 * op: it takes a link reference under the lock, records what it is doing
 * (kdetach_task, kdetach_link), drops the lock, detaches, and puts the
 * link outside every lock. .unreg (seed.c) asks testmod_unreg_reason()
 * whether it runs inside that detach; .update asks
 * testmod_kdetach_pending(), and refuses while a detach is in progress.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bpf.h>
#include <linux/delay.h>
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

#include "hello.h"

/*
 * Fault injection for the tests: widen the window between choosing the
 * implementation a kernel-side detach is for and detaching it.
 */
static unsigned int test_kdetach_delay_ms;
module_param(test_kdetach_delay_ms, uint, 0600);
MODULE_PARM_DESC(test_kdetach_delay_ms,
		 "testing only: sleep this long (at most 30000 ms) inside every kernel-side detach");

/*
 * Under testmod_lock: the task inside testmod_kernel_detach(), the link it
 * detaches, why, and whether its detach unregistered anything. While
 * kdetach_task is set, .update refuses to replace the implementation (the
 * detach would hit the replacement).
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

/*
 * Why is this implementation going away? Called by .unreg under
 * testmod_lock. When it is this module's own detach, that detach is
 * marked done and *detail is its reason; otherwise *detail is NULL.
 */
enum unreg_reason testmod_unreg_reason(struct bpf_link *link,
				       const char **detail)
{
	*detail = NULL;
	if (kdetach_task == current && link && link == kdetach_link) {
		kdetach_done = true;
		*detail = kdetach_detail;
		return REASON_KERNEL_DETACH;
	}
	/* without a link, only a map delete unregisters */
	if (!link)
		return REASON_USER_DETACH;
	/* the link is being freed: its last reference (fd, pin) is gone */
	if (!atomic64_read(&link->refcnt))
		return REASON_LINK_RELEASED;
	return REASON_USER_DETACH;
}

/* Under testmod_lock: why a kernel-side detach is in progress, or NULL. */
const char *testmod_kdetach_pending(void)
{
	return kdetach_task ? kdetach_detail : NULL;
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
	reg = testmod_current_reg();
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
 * test_1 failing means the implementation is broken: eject it. Called by
 * the trigger (RCU read section, preemption off), so a work item detaches.
 * The newest failure wins; a work already running for an older one runs
 * again for this one. A legacy registration has no link to detach: user
 * space must delete its map.
 */
void testmod_auto_detach(const struct testmod_reg *reg, int ret, bool verbose)
{
	if (reg->link) {
		spin_lock(&auto_detach_lock);
		auto_detach_gen = reg->gen;
		auto_detach_ret = ret;
		spin_unlock(&auto_detach_lock);
		schedule_work(&auto_detach_work);
	} else if (verbose) {
		pr_info("test_1() failed; a legacy registration cannot be detached by the module: delete its map (struct_ops repair)\n");
	}
}

/* At exit, once no trigger can run: a trigger may have queued a detach. */
void testmod_auto_detach_cancel(void)
{
	cancel_work_sync(&auto_detach_work);
}

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

const struct proc_ops testmod_ctl_proc_ops = {
	.proc_open	= testmod_admin_open,
	.proc_write	= ctl_write,
	.proc_lseek	= noop_llseek,
};
