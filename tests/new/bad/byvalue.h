/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'set': argument 'p' is a struct or union by value */
struct bad_pair {
	u32 a, b;
};

struct bad_ops {
	int (*set)(struct bad_pair p);
};
