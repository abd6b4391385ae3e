/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generated code's templates (src/gen/templates/), NUL-terminated,
 * for template.c; the build passes their paths.
 */
	.section .rodata.templates, "a"
	.global gen_tpl_module_c
gen_tpl_module_c:
	.incbin MODULE_C_IN
	.byte 0

	.section .note.GNU-stack, "", @progbits
