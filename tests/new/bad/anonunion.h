/* SPDX-License-Identifier: GPL-2.0 */
/* expect: an anonymous union member */
struct bad_ops {
	int (*op)(void);
	union {
		u32 a;
		u64 b;
	};
};
