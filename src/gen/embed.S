/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The files the generator writes kits from, linked into struct_ops-new,
 * each NUL-terminated; the build passes their paths:
 * module/compat.h, which every kit's module includes (the kernel
 * differences and stop-gaps hello.ko uses too), copied as it is; and
 * src/gen/templates/module.c.in and test.c.in, the text of the kit's
 * module/NAME.c, which template.c expands.
 */
	.section .rodata.gen_files, "a"
	.global gen_compat_h
gen_compat_h:
	.incbin COMPAT_H
	.byte 0

	.global gen_tpl_module_c
gen_tpl_module_c:
	.incbin MODULE_C_IN
	.byte 0

	.global gen_tpl_test_c
gen_tpl_test_c:
	.incbin TEST_C_IN
	.byte 0

	.section .note.GNU-stack, "", @progbits
