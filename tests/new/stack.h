/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Operators with 7 and 8 arguments: on x86-64 the 7th and 8th are passed
 * on the stack. The kit builds only for kernels that read them right
 * (compat.h's KIT_STACK_ARGS_OK); tests/guest/75-kernel-bugs.sh.
 */
struct stack_ops {
	int (*args7)(int a, int b, int c, int d, int e, int f, int g);
	long (*args8)(long a, long b, long c, long d, long e, long f, long g,
		      long h);
};
