// SPDX-License-Identifier: GPL-2.0
/*
 * hello.ko: struct_ops types for BPF programs, and the files that run
 * them. This file makes the proc files and registers the types and kfuncs;
 * each concern has a file of its own:
 *
 *   seed.c      bpf_testmod_ops, the seed's type, and the trigger file
 *               /proc/bpf_testmod_trigger that calls its implementation
 *   verifier.c  the verifier callbacks, .init and .check_member, which
 *               both types share
 *   many.c      bpf_testmod_many_ops, a second type with 44 operators
 *   detach.c    kernel-side detach: /proc/bpf_testmod_ctl, a failing test_1
 *   status.c    /proc/bpf_testmod_status: what is registered, what happened
 *   kfuncs.c    bpf_testmod_log(), bpf_testmod_count() and their filter
 *   bench.c     /proc/bpf_testmod_bench: operators against native C twins
 *
 * hello.h holds what crosses files; bpf_testmod.h the types, which BPF
 * programs and user space share; compat.h what differs between kernels.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/capability.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/proc_fs.h>

#include "hello.h"

/*
 * Only root may run, or detach, the kernel-resident BPF code on demand: the
 * modes keep other users out, the open handlers check CAP_SYS_ADMIN.
 */
#define TRIGGER_MODE	0200
#define CTL_MODE	0200
#define STATUS_MODE	0444
#define BENCH_MODE	0600

static struct proc_dir_entry *trigger_entry;
static struct proc_dir_entry *ctl_entry;
static struct proc_dir_entry *status_entry;
static struct proc_dir_entry *bench_entry;

/* The trigger and the control file act on root's BPF code: root only. */
int testmod_admin_open(struct inode *inode, struct file *file)
{
	return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

static int __init hello_init(void)
{
	int err = -ENOMEM;

	trigger_entry = proc_create(TRIGGER_NAME, TRIGGER_MODE, NULL,
				    &testmod_trigger_proc_ops);
	if (!trigger_entry)
		return -ENOMEM;
	ctl_entry = proc_create(CTL_NAME, CTL_MODE, NULL, &testmod_ctl_proc_ops);
	if (!ctl_entry)
		goto err_remove_trigger;
	status_entry = proc_create(STATUS_NAME, STATUS_MODE, NULL,
				   &testmod_status_proc_ops);
	if (!status_entry)
		goto err_remove_ctl;
	bench_entry = proc_create(BENCH_NAME, BENCH_MODE, NULL,
				  &testmod_bench_proc_ops);
	if (!bench_entry)
		goto err_remove_status;

	/*
	 * struct_ops types and kfunc sets are unregistered with the module's
	 * BTF when the module goes away: nothing to undo for them here.
	 */
	testmod_many_stubs_init();
	err = register_btf_kfunc_id_set(BPF_PROG_TYPE_STRUCT_OPS,
					&testmod_kfunc_set);
	err = err ?: register_bpf_struct_ops(&testmod_struct_ops,
					     bpf_testmod_ops);
	err = err ?: register_bpf_struct_ops(&testmod_many_struct_ops,
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
	testmod_auto_detach_cancel();
	pr_info("bpf_testmod unloaded\n");
}

module_init(hello_init);
module_exit(hello_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("struct_ops type bpf_testmod_ops, called from /proc/bpf_testmod_trigger");
