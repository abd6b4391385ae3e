/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The struct_ops types that hello.ko defines and BPF programs implement.
 *
 * Included by the module (kernel C) and by BPF programs next to vmlinux.h,
 * so it uses nothing but C types. The first three members of
 * bpf_testmod_ops keep the seed's order and signatures: a BPF program
 * written for the seed attaches to this module unchanged (libbpf matches
 * members by name and leaves the ones it does not know zero). New members
 * go after them.
 */
#ifndef _BPF_TESTMOD_H
#define _BPF_TESTMOD_H

/*
 * Bytes of one trigger write passed to test_3 and test_4. A longer write is
 * truncated to this size (the write still succeeds); an empty write passes
 * NULL.
 */
#define BPF_TESTMOD_BUF_SIZE	256

/* Where a write runs the attached implementations. */
#define BPF_TESTMOD_TRIGGER	"/proc/bpf_testmod_trigger"

/* Room for an implementation's name, NUL included. */
#define BPF_TESTMOD_NAME_LEN	16

/* bpf_testmod_ops.flags */
#define BPF_TESTMOD_F_ECHO	(1U << 0)	/* log the written bytes */
#define BPF_TESTMOD_F_TIMING	(1U << 1)	/* log each call's duration */
#define BPF_TESTMOD_F_ALL	(BPF_TESTMOD_F_ECHO | BPF_TESTMOD_F_TIMING)

/* One trigger write, as test_4 sees it. */
struct bpf_testmod_msg {
	int len;
	char data[BPF_TESTMOD_BUF_SIZE];
};

struct bpf_testmod_ops {
	/* First call of every trigger; the seed implementation returns 42. */
	int (*test_1)(void);
	/* Called as test_2(10, 20); the seed implementation returns a + b. */
	int (*test_2)(int a, int b);
	/* The bytes written to the trigger file (NULL and 0 when empty). */
	int (*test_3)(const char *buf, int len);
	/*
	 * The same write as a struct the program reads directly. NULL for an
	 * empty write, and the verifier makes the program check (__nullable).
	 */
	int (*test_4)(const struct bpf_testmod_msg *msg);
	/* Data members, copied and checked by the module's .init_member. */
	char name[BPF_TESTMOD_NAME_LEN];	/* NUL-terminated; "" = unnamed */
	unsigned int flags;			/* BPF_TESTMOD_F_* */
};

/*
 * A second type with many operators: more than one page of trampolines.
 * op_N(x) must return x + N; a trigger calls each with x = 1000.
 */
#define BPF_TESTMOD_MANY_X	1000
#define BPF_TESTMOD_MANY_COUNT	44

struct bpf_testmod_many_ops {
	int (*op_0)(int x);
	int (*op_1)(int x);
	int (*op_2)(int x);
	int (*op_3)(int x);
	int (*op_4)(int x);
	int (*op_5)(int x);
	int (*op_6)(int x);
	int (*op_7)(int x);
	int (*op_8)(int x);
	int (*op_9)(int x);
	int (*op_10)(int x);
	int (*op_11)(int x);
	int (*op_12)(int x);
	int (*op_13)(int x);
	int (*op_14)(int x);
	int (*op_15)(int x);
	int (*op_16)(int x);
	int (*op_17)(int x);
	int (*op_18)(int x);
	int (*op_19)(int x);
	int (*op_20)(int x);
	int (*op_21)(int x);
	int (*op_22)(int x);
	int (*op_23)(int x);
	int (*op_24)(int x);
	int (*op_25)(int x);
	int (*op_26)(int x);
	int (*op_27)(int x);
	int (*op_28)(int x);
	int (*op_29)(int x);
	int (*op_30)(int x);
	int (*op_31)(int x);
	int (*op_32)(int x);
	int (*op_33)(int x);
	int (*op_34)(int x);
	int (*op_35)(int x);
	int (*op_36)(int x);
	int (*op_37)(int x);
	int (*op_38)(int x);
	int (*op_39)(int x);
	int (*op_40)(int x);
	int (*op_41)(int x);
	int (*op_42)(int x);
	int (*op_43)(int x);
};

/*
 * kfuncs the module offers to struct_ops programs (and to no other program
 * type). bpf_testmod_log() writes "hello: bpf: MSG" to the kernel log, so
 * the program's words reach dmesg (bpf_printk only reaches the trace
 * buffer); MSG must be a constant string. bpf_testmod_count() bumps the
 * per-operator counter (1 to 4 for test_1 to test_4) shown in
 * /proc/bpf_testmod_status.
 */
#ifdef __bpf__
extern void bpf_testmod_log(const char *msg__str) __ksym;
extern void bpf_testmod_count(unsigned int op) __ksym;
#endif

#endif /* _BPF_TESTMOD_H */
