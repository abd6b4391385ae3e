/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'pick': argument 'hint__nullable' is __nullable but not a pointer to a struct */
struct bad_ops {
	int (*pick)(const char *hint__nullable, int n);
};
