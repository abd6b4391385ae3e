/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'seven' has 7 arguments: at most 6 */
struct bad_ops {
	int (*seven)(int a, int b, int c, int d, int e, int f, int g);
};
