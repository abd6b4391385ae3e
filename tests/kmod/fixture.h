/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the struct_ops test fixtures (stackargs.c, cross_a.c, cross_b.c)
 * share: the verifier callbacks and one implementation at a time behind
 * an RCU pointer. Unlike hello.ko and the modules 'struct_ops new' writes,
 * the fixtures have no stop-gaps: they show what the kernel itself does.
 */
#ifndef _KIT_FIXTURE_H
#define _KIT_FIXTURE_H

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/capability.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>

static int fixture_init(struct btf *btf)
{
	return 0;
}

static bool fixture_is_valid_access(int off, int size,
				    enum bpf_access_type type,
				    const struct bpf_prog *prog,
				    struct bpf_insn_access_aux *info)
{
	return bpf_tracing_btf_ctx_access(off, size, type, prog, info);
}

static const struct bpf_func_proto *
fixture_get_func_proto(enum bpf_func_id func_id, const struct bpf_prog *prog)
{
	return bpf_base_func_proto(func_id, prog);
}

static const struct bpf_verifier_ops fixture_verifier_ops = {
	.get_func_proto		= fixture_get_func_proto,
	.is_valid_access	= fixture_is_valid_access,
};

static int fixture_init_member(const struct btf_type *t,
			       const struct btf_member *member,
			       void *kdata, const void *udata)
{
	return 0;
}

static int fixture_open(struct inode *inode, struct file *file)
{
	return capable(CAP_SYS_ADMIN) ? 0 : -EPERM;
}

/* The registered implementation: set by .reg, cleared by its own .unreg. */
static void __rcu *fixture_cur;
static DEFINE_MUTEX(fixture_lock);

static int fixture_reg(void *kdata, struct bpf_link *link)
{
	int err = 0;

	mutex_lock(&fixture_lock);
	if (rcu_access_pointer(fixture_cur))
		err = -EEXIST;
	else
		rcu_assign_pointer(fixture_cur, kdata);
	mutex_unlock(&fixture_lock);
	return err;
}

static void fixture_unreg(void *kdata, struct bpf_link *link)
{
	mutex_lock(&fixture_lock);
	if (rcu_access_pointer(fixture_cur) == kdata)
		RCU_INIT_POINTER(fixture_cur, NULL);
	mutex_unlock(&fixture_lock);
}

#endif /* _KIT_FIXTURE_H */
