/* SPDX-License-Identifier: GPL-2.0 */
/* expect: member 'u' is a union */
struct bad_ops {
	int (*op)(void);
	union {
		u32 a;
		u64 b;
	} u;
};
