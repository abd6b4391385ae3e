/* SPDX-License-Identifier: GPL-2.0 */
/*
 * module/compat.h, which every kit's module includes (the kernel
 * differences and stop-gaps hello.ko uses too), NUL-terminated; the
 * build passes its path.
 */
	.section .rodata.compat_h, "a"
	.global gen_compat_h
gen_compat_h:
	.incbin COMPAT_H
	.byte 0

	.section .note.GNU-stack, "", @progbits
