/* SPDX-License-Identifier: GPL-2.0 */
/* expect: data member 'flags' is const: the generated .init_member copies */
struct bad_ops {
	int (*op)(void);
	const u32 flags;
};
