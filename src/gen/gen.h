/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct_ops new: the description of an ops table read from a C header
 * (header.c, with libclang), checked against the BTF clang emits for it
 * (layout.c), and the files written from it (emit_*.c, kit.c).
 */
#ifndef GEN_H
#define GEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "scan.h"

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
#define GEN_NAME_MAX		32	/* the kit's name: symbols, files, debugfs */
/* the kernel's "bpf_struct_ops_" + STRUCT must fit in 128 bytes with its NUL */
#define GEN_SNAME_MAX		112

enum gen_kind {
	GEN_VOID,	/* return type only */
	GEN_INT,	/* any integer, bool or enum up to 64 bits */
	GEN_PTR,	/* a pointer to anything but char */
	GEN_STR,	/* a pointer to char (a string) */
};

/*
 * What the test file passes for a pointer argument. The verifier trusts a
 * struct pointer argument to be the object it says (PTR_TRUSTED): kfuncs
 * dereference it. A made-up object is safe only for the header's own
 * types; a kernel type gets a real object (gen_kernel_sample()) or NULL
 * where the argument is __nullable, and an operator with neither is not
 * called by the test file.
 */
enum gen_sample {
	GEN_SAMPLE_MEM,		/* a zeroed page: void, int, char and local structs */
	GEN_SAMPLE_KOBJ,	/* a real kernel object: ->kobj says which */
	GEN_SAMPLE_NULL,	/* NULL: a __nullable kernel object without a sample,
				 * or a pointer programs cannot read (->opaque) */
	GEN_SAMPLE_NONE,	/* none: the operator is skipped */
};

struct gen_param {
	char *name;		/* as written, "__nullable" included */
	char *type;		/* as written: "struct sk_buff *", "u32" */
	char *record;		/* "struct X" a pointer argument points to, or NULL */
	bool local;		/* record is defined in the header */
	/*
	 * A pointer the verifier lets no program read (btf_ctx_access()
	 * allows pointers to void, integers, structs and unions only): to a
	 * pointer, an enum, a function or a struct nobody defines.
	 */
	const char *opaque;	/* why, or NULL */
	enum gen_sample sample;
	const struct gen_kobj *kobj;	/* GEN_SAMPLE_KOBJ */
	enum gen_kind kind;
	bool is_signed;
	bool is_bool;
	bool nullable;
	unsigned int size;
};

enum gen_member_kind {
	GEN_OP,		/* a function pointer: an operator */
	GEN_STRING,	/* char NAME[N]: NUL-terminated */
	GEN_BYTES,	/* u8 NAME[N] and other integer arrays: copied as they are */
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
	const struct gen_param *unsampled;	/* the argument the test file cannot make */
	bool sleepable;		/* "@sleepable" in its comment */
	bool required;		/* "@required" in its comment */
	bool data_signed;	/* an integer data member is signed */
	/* data members: the header defines UPPER(NAME)_UPPER(MEMBER)_KNOWN */
	char *known_macro;
};

struct gen_ops {
	char *name;		/* the kit's name: pktsched */
	char *sname;		/* the struct's tag: pktsched_ops */
	char *header;		/* the header's path as given */
	char *header_text;	/* its contents, copied into NAME.h */
	struct gen_scan scan;	/* its text as libclang reads it, its #includes */
	char **macros;		/* the macros it defines */
	int nmacros;
	char **records;		/* every struct and union it names: forward declared */
	int nrecords;
	struct gen_member *members;
	int nmembers;
	int nops;
	bool any_sleepable;
};

/* A kernel type the test file can pass a real object of (samples.c). */
struct gen_kobj {
	const char *record;	/* "struct task_struct" */
	const char *expr;	/* the object: "current"; or NULL, and */
	const char *alloc;	/* an expression that allocates one (NULL on failure) */
	const char *free;	/* the function that frees it */
	const char *includes[4];	/* the kernel headers they need */
	const char *helper;	/* functions they call, written once */
};
const struct gen_kobj *gen_kernel_sample(const char *record);

/* header.c: read struct sname from header, after the kernel types in prelude. */
int gen_read_header(struct gen_ops *ops, const char *prelude);
void gen_ops_free(struct gen_ops *ops);

/* layout.c */
/* Write the kernel types of the BTF in btf_path as C to out_path. */
int gen_write_prelude(const char *btf_path, const char *out_path);
/* Run argv with its output to log: the exit status, or -1 (errno). */
int gen_run_logged(char *const argv[], const char *log);
/* The first "error:" line of a compiler's log, or "(no output)". */
const char *gen_first_error(const char *path, char *buf, size_t size);
/* Compile the header for BPF with clang and compare its BTF with ops. */
int gen_check_layout(const struct gen_ops *ops, const char *prelude,
		     const char *scratch);

/*
 * cache.c: entries kept by the hash of the kernel's BTF, each checked
 * against its NAME.sum (tag: what it was made with) before use.
 */
uint64_t gen_hash64(const void *data, size_t n, uint64_t seed);
int gen_hash_file(const char *path, uint64_t *h);
bool gen_cache_open(const char *btf_path);
const char *gen_cache_dir(void);
int gen_cache_path(const char *name, char *buf, size_t size);
uint64_t gen_cache_tag(char *const strs[], int n);
bool gen_cache_valid(const char *name, uint64_t tag);
int gen_cache_temp(const char *name, char *tmp, size_t size);
bool gen_cache_commit(const char *tmp, const char *name, uint64_t tag);
void gen_cache_drop(const char *name);

/* verdict.c: a compile that passed before with the same files passes */
struct gen_verdict {
	const char *root;	/* the run's own directory in the command */
	char name[32];		/* its cache entry, "" if none */
	char deps[4096];	/* what the compile read (clang -MD) */
	bool hit;		/* the same compile passed before: not run */
};
bool gen_verdict_known(struct gen_verdict *v, char *const argv[]);
void gen_verdict_keep(const struct gen_verdict *v);
uint64_t gen_command_hash(uint64_t h, const char *cmd);

/*
 * pch.c: the prelude, from the cache or written to scratch (and cached),
 * its precompiled headers, and compiles run with them.
 */
#define GEN_PARSE_NARGS		32
#define GEN_CLANG_NFLAGS	32
enum { GEN_PCH_HEADER, GEN_PCH_LAYOUT, GEN_PCH_TRIAL };
int gen_prelude(const char *btf_path, const char *scratch, char *prelude, size_t size);
/* The cache's directory when the prelude is its vmlinux.h, or NULL. */
const char *gen_prelude_dir(void);
/* The precompiled prelude for libclang's args, or NULL. */
const char *gen_header_pch(const char *const args[], int nargs);
int gen_run_cached(char *argv[], int nflags, int which, const char *log,
		   const char *scratch, struct gen_verdict *v);

/*
 * trial.c: build the kit written in dir before it is moved into place:
 * its BPF object always, its module when kdir is not NULL.
 */
int gen_trial_build(const struct gen_ops *ops, const char *dir,
		    const char *scratch, const char *kdir);

/* emit_module_h.c, emit_module.c, emit_bpf.c, emit_kit.c: one file each, to f. */
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
/* A parameter's name in the BPF program: BPF_PROG() takes "ctx" for itself. */
const char *gen_bpf_name(const struct gen_member *m, int i, char *buf, size_t size);
void gen_upper(char *dst, const char *src, size_t size);

#endif /* GEN_H */
