/* SPDX-License-Identifier: GPL-2.0 */
/* expect: does not compile as C after the kernel */
struct bad_ops {
	int (*op)(void)
	int (*op2)(void);
};
