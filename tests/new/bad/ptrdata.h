/* SPDX-License-Identifier: GPL-2.0 */
/* expect: data member 'cookie' is a pointer: user space cannot hand the kernel a pointer */
struct bad_ops {
	int (*op)(void);
	void *cookie;
};
