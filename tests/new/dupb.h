/* SPDX-License-Identifier: GPL-2.0 */
/* struct dupe_ops, also defined by dupa.h: two modules, one type name. */
struct dupe_ops {
	int (*ping)(u32 x);
};
