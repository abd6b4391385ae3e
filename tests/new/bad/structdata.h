/* SPDX-License-Identifier: GPL-2.0 */
/* expect: data member 'range' has type 'struct bad_range': the generated .init_member copies and checks char strings, integers and integer arrays only */
struct bad_range {
	u32 lo, hi;
};

struct bad_ops {
	int (*op)(void);
	struct bad_range range;
};
