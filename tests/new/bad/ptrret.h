/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'alloc' returns a pointer: a struct_ops program returns an integer or void */
struct bad_ops {
	void *(*alloc)(u32 n);
};
