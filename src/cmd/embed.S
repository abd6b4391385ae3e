/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The BPF objects built from bpf/struct_ops.bpf.c (link and legacy) and
 * bpf/struct_ops_alt.bpf.c, linked into the program
 * so that it runs without files next to it. The build passes their paths.
 */
	.section .rodata.bpf_objects, "a"
	.balign 8
	.global bpf_obj_link_start, bpf_obj_link_end
bpf_obj_link_start:
	.incbin BPF_OBJ_LINK
bpf_obj_link_end:

	.balign 8
	.global bpf_obj_legacy_start, bpf_obj_legacy_end
bpf_obj_legacy_start:
	.incbin BPF_OBJ_LEGACY
bpf_obj_legacy_end:

	.balign 8
	.global bpf_obj_alt_start, bpf_obj_alt_end
bpf_obj_alt_start:
	.incbin BPF_OBJ_ALT
bpf_obj_alt_end:

	.section .note.GNU-stack, "", @progbits
