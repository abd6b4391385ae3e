/* SPDX-License-Identifier: GPL-2.0 */
/* The seed's three operators, as an ops table of its own. */
struct seed_ops {
	int (*test_1)(void);
	int (*test_2)(int a, int b);
	int (*test_3)(const char *buf, int len);
};
