/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The struct_ops type that hello.ko defines and BPF programs implement.
 *
 * Included by the module (kernel C) and by BPF programs next to vmlinux.h,
 * so it uses nothing but C types. The first three members keep the seed's
 * order and signatures: a BPF program written for the seed attaches to this
 * module unchanged. New members go after them.
 */
#ifndef _BPF_TESTMOD_H
#define _BPF_TESTMOD_H

/*
 * Bytes of one trigger write passed to test_3. A longer write is truncated
 * to this size (the write still succeeds); an empty write passes NULL, 0.
 */
#define BPF_TESTMOD_BUF_SIZE	256

/* Where a write runs the attached implementation. */
#define BPF_TESTMOD_TRIGGER	"/proc/bpf_testmod_trigger"

struct bpf_testmod_ops {
	/* First call of every trigger; the seed implementation returns 42. */
	int (*test_1)(void);
	/* Called as test_2(10, 20); the seed implementation returns a + b. */
	int (*test_2)(int a, int b);
	/* The bytes written to the trigger file (NULL and 0 when empty). */
	int (*test_3)(const char *buf, int len);
};

#endif /* _BPF_TESTMOD_H */
