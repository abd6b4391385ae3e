/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'thirteen' has 13 arguments: at most 12 */
struct bad_ops {
	int (*thirteen)(int a, int b, int c, int d, int e, int f, int g,
			int h, int i, int j, int k, int l, int m);
};
