// SPDX-License-Identifier: GPL-2.0
/*
 * stackargs.ko - a test fixture: a struct_ops type whose operators take 7
 * and 8 arguments. On x86-64 the 7th and later are passed on the stack,
 * and the BPF trampoline must read them from the right slot: 6.12's reads
 * them from rbp + 24, one slot too far for a struct_ops trampoline (which
 * is called, not jumped to through fentry); docs/upstream/6.12/0001.
 *
 * Writing anything to /proc/stackargs calls args7(1, ..., 7) and
 * args8(1, ..., 8); reading it shows whether an implementation is
 * registered and what each returned.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>

#include "fixture.h"

struct stackargs_ops {
	u64 (*args7)(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7);
	u64 (*args8)(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5, u64 a6, u64 a7,
		     u64 a8);
};

static u64 ret7, ret8;

static ssize_t stackargs_write(struct file *file, const char __user *buf,
			       size_t count, loff_t *ppos)
{
	struct stackargs_ops *ops;

	rcu_read_lock();
	ops = rcu_dereference(fixture_cur);
	if (ops && ops->args7)
		ret7 = ops->args7(1, 2, 3, 4, 5, 6, 7);
	if (ops && ops->args8)
		ret8 = ops->args8(1, 2, 3, 4, 5, 6, 7, 8);
	rcu_read_unlock();
	return count;
}

static int stackargs_show(struct seq_file *m, void *v)
{
	seq_printf(m, "registered %s\nargs7 %llu\nargs8 %llu\n",
		   rcu_access_pointer(fixture_cur) ? "yes" : "no", ret7, ret8);
	return 0;
}

static int stackargs_open(struct inode *inode, struct file *file)
{
	return fixture_open(inode, file) ?: single_open(file, stackargs_show,
							NULL);
}

static const struct proc_ops stackargs_proc_ops = {
	.proc_open	= stackargs_open,
	.proc_read	= seq_read,
	.proc_write	= stackargs_write,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

static u64 stackargs_ops__args7(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5,
				u64 a6, u64 a7)
{
	return 0;
}

static u64 stackargs_ops__args8(u64 a1, u64 a2, u64 a3, u64 a4, u64 a5,
				u64 a6, u64 a7, u64 a8)
{
	return 0;
}

static struct stackargs_ops stackargs_cfi_stubs = {
	.args7 = stackargs_ops__args7,
	.args8 = stackargs_ops__args8,
};

static struct bpf_struct_ops stackargs_struct_ops = {
	.verifier_ops	= &fixture_verifier_ops,
	.init		= fixture_init,
	.init_member	= fixture_init_member,
	.reg		= fixture_reg,
	.unreg		= fixture_unreg,
	.cfi_stubs	= &stackargs_cfi_stubs,
	.name		= "stackargs_ops",
	.owner		= THIS_MODULE,
};

static struct proc_dir_entry *stackargs_entry;

static int __init stackargs_init(void)
{
	int err;

	stackargs_entry = proc_create("stackargs", 0600, NULL,
				      &stackargs_proc_ops);
	if (!stackargs_entry)
		return -ENOMEM;
	err = register_bpf_struct_ops(&stackargs_struct_ops, stackargs_ops);
	if (err) {
		proc_remove(stackargs_entry);
		return err;
	}
	return 0;
}

static void __exit stackargs_exit(void)
{
	proc_remove(stackargs_entry);
}

module_init(stackargs_init);
module_exit(stackargs_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Test fixture: struct_ops operators with 7 and 8 arguments");
