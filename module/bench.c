// SPDX-License-Identifier: GPL-2.0
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
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>

#include "bpf_testmod.h"
#include "hello.h"

#define BENCH_MAX_CALLS	100000000L
#define BENCH_CHUNK	10000L
#define BENCH_CHUNK_NS	(2 * NSEC_PER_MSEC)

enum bench_op { BENCH_TEST_1, BENCH_TEST_2, BENCH_TEST_3, BENCH_MANY, BENCH_OPS };
enum bench_way { WAY_BPF, WAY_NATIVE, WAY_DIRECT, WAY_EMPTY, WAYS };

static const char * const bench_op_names[BENCH_OPS] = {
	"test_1", "test_2", "test_3", "op_0",
};

static DEFINE_MUTEX(bench_lock);		/* one run at a time */
static DEFINE_SPINLOCK(bench_result_lock);	/* bench_last */
static int bench_sink;
/* test_3's argument: the first BENCH_LEN bytes, all 'a' */
#define BENCH_LEN	16
static char bench_buf[BPF_TESTMOD_BUF_SIZE] = {
	[0 ... BPF_TESTMOD_BUF_SIZE - 1] = 'a',
};

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
		mops = rcu_dereference(testmod_many_cur);
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

const struct proc_ops testmod_bench_proc_ops = {
	.proc_open	= bench_open,
	.proc_read	= seq_read,
	.proc_write	= bench_write,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};
