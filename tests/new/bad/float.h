/* SPDX-License-Identifier: GPL-2.0 */
/* expect: operator 'scale': argument 'factor' is floating point: BPF has no floating point */
struct bad_ops {
	int (*scale)(double factor);
};
