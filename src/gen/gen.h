/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct_ops new: the description of an ops table read from a C header
 * (header.c, with libclang), checked against the BTF clang emits for it
 * (layout.c), and the files written from it (emit_*.c, kit.c).
 */
#ifndef GEN_H
#define GEN_H

#include <stdbool.h>
#include <stdio.h>

/*
 * The kernel's limits. An operator takes up to MAX_BPF_FUNC_ARGS (12)
 * arguments; x86-64 passes the first 6 in registers, the rest on the
 * stack. 6.12's x86-64 trampoline copies the stack ones from where a
 * direct (fentry) call leaves them, rbp + 24 (save_args() in
 * arch/x86/net/bpf_jit_comp.c); a struct_ops trampoline is called
 * indirectly, with one return address less, so its programs read each
 * stack argument from the next slot (tests/guest/75-kernel-bugs.sh). A
 * module with such an operator builds only where compat.h's
 * KIT_STACK_ARGS_OK says the kernel reads them right.
 */
#define GEN_MAX_ARGS		12	/* MAX_BPF_FUNC_ARGS */
#define GEN_REG_ARGS		6	/* the ones x86-64 passes in registers */
#define GEN_MAX_MEMBERS		64	/* BPF_STRUCT_OPS_MAX_NR_MEMBERS */
#define GEN_NAME_MAX		32	/* the kit's name: symbols, files, /proc */

enum gen_kind {
	GEN_VOID,	/* return type only */
	GEN_INT,	/* any integer, bool or enum up to 64 bits */
	GEN_PTR,	/* a pointer to anything but char */
	GEN_STR,	/* a pointer to char (a string) */
};

struct gen_param {
	char *name;		/* as written, "__nullable" included */
	char *type;		/* as written: "struct sk_buff *", "u32" */
	char *record;		/* "struct X" a pointer argument points to, or NULL */
	enum gen_kind kind;
	bool is_signed;
	bool is_bool;
	bool nullable;
	unsigned int size;
};

enum gen_member_kind {
	GEN_OP,		/* a function pointer: an operator */
	GEN_STRING,	/* char NAME[N]: NUL-terminated */
	GEN_SCALAR,	/* an integer, bool or enum */
};

struct gen_member {
	char *name;
	char *type;		/* data members: the type as written */
	enum gen_member_kind kind;
	unsigned int line;
	unsigned long long offset;	/* bytes */
	unsigned long long size;	/* bytes */
	/* operators */
	char *ret_type;
	enum gen_kind ret_kind;
	bool ret_signed;
	bool ret_bool;		/* returns bool: the value is 0 or 1 */
	unsigned int ret_size;
	struct gen_param *params;
	int nparams;
	bool sleepable;		/* "@sleepable" in its comment */
	bool required;		/* "@required" in its comment */
	/* data members: the header defines UPPER(NAME)_UPPER(MEMBER)_KNOWN */
	char *known_macro;
};

struct gen_ops {
	char *name;		/* the kit's name: pktsched */
	char *sname;		/* the struct's tag: pktsched_ops */
	char *header;		/* the header's path as given */
	char *header_text;	/* its contents, copied into NAME.h */
	struct gen_member *members;
	int nmembers;
	int nops;
	bool any_sleepable;
};

/* header.c: read struct sname from header, after the kernel types in prelude. */
int gen_read_header(struct gen_ops *ops, const char *prelude);
void gen_ops_free(struct gen_ops *ops);

/* layout.c */
/* Write the kernel types of the BTF in btf_path as C to out_path. */
int gen_write_prelude(const char *btf_path, const char *out_path);
/* Compile the header for BPF with clang and compare its BTF with ops. */
int gen_check_layout(const struct gen_ops *ops, const char *prelude,
		     const char *scratch);

/* emit_module.c, emit_bpf.c, emit_kit.c: one file each, to f. */
void gen_emit_module_h(FILE *f, const struct gen_ops *ops);
void gen_emit_module_c(FILE *f, const struct gen_ops *ops);
void gen_emit_kbuild(FILE *f, const struct gen_ops *ops);
void gen_emit_compat_h(FILE *f, const struct gen_ops *ops);
void gen_emit_bpf_c(FILE *f, const struct gen_ops *ops);
void gen_emit_makefile(FILE *f, const struct gen_ops *ops);
void gen_emit_readme(FILE *f, const struct gen_ops *ops);

/* The value a default BPF operator returns for the test file's samples. */
long long gen_expected(const struct gen_ops *ops, int op_index, bool null);
/* The sample value of integer argument i (0-based). */
long long gen_sample_int(int i);

/* Helpers for the emitters. */
void gen_upper(char *dst, const char *src, size_t size);

#endif /* GEN_H */
