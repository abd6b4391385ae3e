/* SPDX-License-Identifier: GPL-2.0 */
/* expect: does not compile as C after the kernel */
struct bad_ops {
	int (*op)(no_such_type_t x);
};
