/* SPDX-License-Identifier: GPL-2.0 */
/* expect: has no definition of struct bad_ops: the ops table must be */
struct other_ops {
	int (*op)(void);
};
