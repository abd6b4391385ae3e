/* SPDX-License-Identifier: GPL-2.0 */
/* expect: data member 'tag' is an array without elements */
struct bad_ops {
	int (*op)(void);
	char tag[0];
};
