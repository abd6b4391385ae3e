/* SPDX-License-Identifier: GPL-2.0 */
/* expect: #include "/dev/zero": a header for 'new' is one file */
#include "/dev/zero"
struct bad_ops {
	int (*op)(void);
};
