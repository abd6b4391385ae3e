/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The body of cross_a.ko and cross_b.ko, test fixtures for the kernel's
 * struct_ops update check (docs/upstream/7.3/0001): two module types of
 * the same shape, one operator each, so that both get the same type id in
 * their module BTF (split on vmlinux BTF). The including file defines
 * CROSS_OPS (the type's name), CROSS_TYPE (the type of the operator's
 * argument) and CROSS_ARG (what the trigger passes).
 *
 * Writing anything to /proc/CROSS_OPS calls op(CROSS_ARG); reading it
 * shows whether an implementation is registered, what op returned, and
 * whether that was the low half of CROSS_ARG's value as a number (a
 * pointer read as a scalar: a program verified for another type).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/sched.h>

#include "fixture.h"

struct CROSS_OPS {
	int (*op)(CROSS_TYPE arg);
};

static int cross_ret;
static bool cross_leak;

static ssize_t cross_write(struct file *file, const char __user *buf,
			   size_t count, loff_t *ppos)
{
	struct CROSS_OPS *ops;

	rcu_read_lock();
	ops = rcu_dereference(fixture_cur);
	if (ops && ops->op) {
		cross_ret = ops->op(CROSS_ARG);
		cross_leak = cross_ret == (int)(unsigned long)(CROSS_ARG);
	}
	rcu_read_unlock();
	return count;
}

static int cross_show(struct seq_file *m, void *v)
{
	seq_printf(m, "registered %s\nop %d\nargument as a number %s\n",
		   rcu_access_pointer(fixture_cur) ? "yes" : "no", cross_ret,
		   cross_leak ? "yes" : "no");
	return 0;
}

static int cross_open(struct inode *inode, struct file *file)
{
	return fixture_open(inode, file) ?: single_open(file, cross_show, NULL);
}

static const struct proc_ops cross_proc_ops = {
	.proc_open	= cross_open,
	.proc_read	= seq_read,
	.proc_write	= cross_write,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

static int cross_op_stub(CROSS_TYPE arg)
{
	return 0;
}

static struct CROSS_OPS cross_cfi_stubs = {
	.op = cross_op_stub,
};

static struct bpf_struct_ops cross_struct_ops = {
	.verifier_ops	= &fixture_verifier_ops,
	.init		= fixture_init,
	.init_member	= fixture_init_member,
	.reg		= fixture_reg,
	.unreg		= fixture_unreg,
	.cfi_stubs	= &cross_cfi_stubs,
	.name		= __stringify(CROSS_OPS),
	.owner		= THIS_MODULE,
};

static struct proc_dir_entry *cross_entry;

/* CROSS_OPS expanded before register_bpf_struct_ops() pastes it */
#define cross_register(st_ops, type) register_bpf_struct_ops(st_ops, type)

static int __init cross_init(void)
{
	int err;

	cross_entry = proc_create(__stringify(CROSS_OPS), 0600, NULL,
				  &cross_proc_ops);
	if (!cross_entry)
		return -ENOMEM;
	err = cross_register(&cross_struct_ops, CROSS_OPS);
	if (err) {
		proc_remove(cross_entry);
		return err;
	}
	return 0;
}

static void __exit cross_exit(void)
{
	proc_remove(cross_entry);
}

module_init(cross_init);
module_exit(cross_exit);
MODULE_LICENSE("GPL");
