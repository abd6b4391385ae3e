/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the tool's tests on generated types (tests/guest/87-new-tool.sh): a
 * signed data member, a name longer than 15 characters, and a second
 * operator to leave out of a map's value.
 */
struct toolkit_ops {
	int (*run)(u32 x);
	int (*spare)(u32 x);
	s32 id;
	char name[64];
};
