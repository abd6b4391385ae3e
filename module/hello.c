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
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/uaccess.h>

#include "bpf_testmod.h"

#define TRIGGER_NAME	"bpf_testmod_trigger"
/* Only root may run the kernel-resident BPF code on demand. */
#define TRIGGER_MODE	0200

static struct bpf_testmod_ops __rcu *testmod_ops;
/* Serialises reg/unreg; readers use RCU only. */
static DEFINE_MUTEX(testmod_ops_lock);
static struct proc_dir_entry *trigger_entry;

static void testmod_call_ops(struct bpf_testmod_ops *ops, const char *buf,
			     int len)
{
	int ret;

	pr_info("Calling struct_ops callbacks:\n");

	ret = ops->test_1();
	pr_info("test_1() returned: %d\n", ret);

	if (ops->test_2) {
		ret = ops->test_2(10, 20);
		pr_info("test_2(10, 20) returned: %d\n", ret);
	} else {
		pr_info("test_2() not implemented\n");
	}

	if (ops->test_3) {
		ret = ops->test_3(buf, len);
		pr_info("test_3() called with buffer of %d bytes, returned: %d\n",
			len, ret);
	} else {
		pr_info("test_3() not implemented\n");
	}
}

/*
 * One write is one trigger. The first BPF_TESTMOD_BUF_SIZE bytes are passed
 * to test_3; the rest is dropped and the whole write reported as consumed,
 * so that a long write does not turn into several triggers.
 */
static ssize_t trigger_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	char buf[BPF_TESTMOD_BUF_SIZE];
	size_t len = min(count, sizeof(buf));
	struct bpf_testmod_ops *ops;

	if (len && copy_from_user(buf, ubuf, len))
		return -EFAULT;
	if (count > len)
		pr_info("trigger: write of %zu bytes truncated to %zu\n",
			count, len);

	rcu_read_lock();
	ops = rcu_dereference(testmod_ops);
	if (ops)
		testmod_call_ops(ops, len ? buf : NULL, len);
	else
		pr_info("No struct_ops registered\n");
	rcu_read_unlock();

	return count;
}

static const struct proc_ops trigger_proc_ops = {
	.proc_write	= trigger_write,
	.proc_lseek	= noop_llseek,
};

static int testmod_ops_init(struct btf *btf)
{
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

static int testmod_ops_init_member(const struct btf_type *t,
				   const struct btf_member *member,
				   void *kdata, const void *udata)
{
	/* No data members: the kernel sets up every function pointer. */
	return 0;
}

static int testmod_ops_reg(void *kdata, struct bpf_link *link)
{
	struct bpf_testmod_ops *ops = kdata;
	int err = 0;

	/* test_1 is the one operator every implementation must provide. */
	if (!ops->test_1)
		return -EINVAL;

	mutex_lock(&testmod_ops_lock);
	if (rcu_access_pointer(testmod_ops)) {
		err = -EEXIST;
		goto out;
	}
	rcu_assign_pointer(testmod_ops, ops);
	pr_info("struct_ops implementation registered\n");
out:
	mutex_unlock(&testmod_ops_lock);
	return err;
}

static void testmod_ops_unreg(void *kdata, struct bpf_link *link)
{
	mutex_lock(&testmod_ops_lock);
	if (rcu_access_pointer(testmod_ops) == kdata) {
		RCU_INIT_POINTER(testmod_ops, NULL);
		pr_info("struct_ops implementation unregistered\n");
	}
	mutex_unlock(&testmod_ops_lock);
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

static struct bpf_testmod_ops testmod_cfi_stubs = {
	.test_1 = bpf_testmod_ops__test_1,
	.test_2 = bpf_testmod_ops__test_2,
	.test_3 = bpf_testmod_ops__test_3,
};

static struct bpf_struct_ops testmod_struct_ops = {
	.verifier_ops	= &testmod_verifier_ops,
	.init		= testmod_ops_init,
	.init_member	= testmod_ops_init_member,
	.reg		= testmod_ops_reg,
	.unreg		= testmod_ops_unreg,
	.cfi_stubs	= &testmod_cfi_stubs,
	.name		= "bpf_testmod_ops",
	.owner		= THIS_MODULE,
};

static int __init hello_init(void)
{
	int err;

	trigger_entry = proc_create(TRIGGER_NAME, TRIGGER_MODE, NULL,
				    &trigger_proc_ops);
	if (!trigger_entry)
		return -ENOMEM;

	/* Unregistered with the module's BTF when the module goes away. */
	err = register_bpf_struct_ops(&testmod_struct_ops, bpf_testmod_ops);
	if (err) {
		pr_err("cannot register struct_ops bpf_testmod_ops: %d\n", err);
		goto err_remove_trigger;
	}

	pr_info("bpf_testmod loaded with struct_ops support\n");
	return 0;

err_remove_trigger:
	proc_remove(trigger_entry);
	return err;
}

static void __exit hello_exit(void)
{
	/* Waits for writers still inside trigger_write(). */
	proc_remove(trigger_entry);
	pr_info("bpf_testmod unloaded\n");
}

module_init(hello_init);
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("struct_ops type bpf_testmod_ops, called from /proc/bpf_testmod_trigger");
