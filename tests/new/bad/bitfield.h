/* SPDX-License-Identifier: GPL-2.0 */
/* expect: member 'flags' is a bit-field: the kernel refuses bit-fields in struct_ops types */
struct bad_ops {
	int (*op)(void);
	u32 flags : 3;
};
