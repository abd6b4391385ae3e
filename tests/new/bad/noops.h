/* SPDX-License-Identifier: GPL-2.0 */
/* expect: struct bad_ops has no operators: an ops table needs at least one function pointer member */
struct bad_ops {
	char name[16];
	u32 flags;
};
