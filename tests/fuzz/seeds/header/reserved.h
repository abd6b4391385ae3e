/* SPDX-License-Identifier: GPL-2.0 */
/* expect: 'kit_lock': names starting with kit_ or KIT_ are the generated code's */
struct bad_ops {
	int (*op)(int kit_lock);
};
