// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/bpf_testmod_status (world-readable): the registered implementation
 * of bpf_testmod_ops and its counters, the trigger totals, the last
 * implementation refused, and why the last few went away (user detach,
 * link released, kernel detach, replaced). Every string in it is quoted.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>

#include "hello.h"

#define HISTORY_LEN	8

static const char * const reason_names[] = {
	[REASON_USER_DETACH]	= "user detach",
	[REASON_LINK_RELEASED]	= "link released",
	[REASON_KERNEL_DETACH]	= "kernel detach",
	[REASON_REPLACED]	= "replaced",
};

/* One unregistration, as shown in the status file. */
struct unreg_event {
	u64 time_ns;		/* boot time */
	enum unreg_reason reason;
	struct impl_info impl;
	u64 triggers;
	char detail[DETAIL_LEN];
};

atomic64_t testmod_all_triggers, testmod_idle_triggers;

/* Under testmod_lock. */
static struct unreg_event history[HISTORY_LEN];
static unsigned int history_count;		/* events ever recorded */

/*
 * The last implementation refused by .init_member or .validate, for the
 * status file: the loader that got EINVAL finds its reason there (by its
 * pid) instead of in the kernel log.
 */
static DEFINE_SPINLOCK(reject_lock);
static u64 reject_count;
static pid_t reject_pid;
static char reject_detail[DETAIL_LEN];

/* Log and keep why an implementation is refused; returns -EINVAL. */
__printf(1, 2) int testmod_reject(const char *fmt, ...)
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

/* Called under testmod_lock, by .unreg and .update. */
void testmod_record_unreg(const struct testmod_reg *reg,
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
	reg = testmod_current_reg();
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
		   (long long)atomic64_read(&testmod_all_triggers),
		   (long long)atomic64_read(&testmod_idle_triggers));
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

const struct proc_ops testmod_status_proc_ops = {
	.proc_open	= status_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};
