// SPDX-License-Identifier: GPL-2.0
/*
 * bpf_testmod_many_ops: a second struct_ops type, with 44 operators (more
 * than one page of trampolines). op_N(x) must return x + N; every write to
 * the trigger (seed.c) calls each with x = 1000 and checks the results.
 * It shares the seed's verifier callbacks, .init and .check_member.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bpf.h>
#include <linux/btf.h>
#include <linux/build_bug.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include "bpf_testmod.h"
#include "hello.h"

/* Changed under many_lock; triggers and the benchmark read it under RCU. */
struct bpf_testmod_many_ops __rcu *testmod_many_cur;
static DEFINE_MUTEX(many_lock);

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

/* From the trigger, inside its rcu_read_lock(). */
void testmod_many_trigger(bool verbose)
{
	struct bpf_testmod_many_ops *mops = rcu_dereference(testmod_many_cur);

	if (mops)
		many_call_ops(mops, verbose);
}

static int many_ops_reg(void *kdata, struct bpf_link *link)
{
	int err = 0;

	mutex_lock(&many_lock);
	if (rcu_access_pointer(testmod_many_cur))
		err = -EEXIST;
	else
		rcu_assign_pointer(testmod_many_cur, kdata);
	mutex_unlock(&many_lock);
	if (!err)
		pr_info("many_ops implementation registered\n");
	return err;
}

static void many_ops_unreg(void *kdata, struct bpf_link *link)
{
	mutex_lock(&many_lock);
	if (rcu_access_pointer(testmod_many_cur) == kdata) {
		RCU_INIT_POINTER(testmod_many_cur, NULL);
		pr_info("many_ops implementation unregistered\n");
	}
	mutex_unlock(&many_lock);
}

static int many_ops_init_member(const struct btf_type *t,
				const struct btf_member *member,
				void *kdata, const void *udata)
{
	return testmod_check_prog_btf(t, member, udata);
}

/* One stub serves every op_N: they share a prototype. Filled at init. */
static int bpf_testmod_many_ops__op(int x)
{
	return 0;
}

static struct bpf_testmod_many_ops many_cfi_stubs;

/* Called by hello_init() before it registers the type. */
void testmod_many_stubs_init(void)
{
	int (**op)(int x) = (int (**)(int x))&many_cfi_stubs;
	int i;

	/* many_call_ops() and this loop see the type as an array */
	BUILD_BUG_ON(sizeof(struct bpf_testmod_many_ops) !=
		     BPF_TESTMOD_MANY_COUNT * sizeof(void *));
	for (i = 0; i < BPF_TESTMOD_MANY_COUNT; i++)
		op[i] = bpf_testmod_many_ops__op;
}

/* Registered by hello_init() (main.c). */
struct bpf_struct_ops testmod_many_struct_ops = {
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
