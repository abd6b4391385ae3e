/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'log' is variadic: a BPF program takes a fixed number of arguments */
struct bad_ops {
	int (*log)(const char *fmt, ...);
};
