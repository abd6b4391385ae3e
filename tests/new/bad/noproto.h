/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'op' has no prototype: write its parameters, or (void) for none */
struct bad_ops {
	int (*op)();
};
