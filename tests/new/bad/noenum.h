/* SPDX-License-Identifier: GPL-2.0 */
/* expect: argument 'mode' is an enum nobody defines */
struct bad_ops {
	int (*op)(enum no_such_mode mode);
};
