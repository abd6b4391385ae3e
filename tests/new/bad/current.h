/* SPDX-License-Identifier: GPL-2.0 */
/* expect: argument 'current' is the kernel's macro for the running task */
struct bad_ops {
	int (*pick)(struct task_struct *current, int n);
};
