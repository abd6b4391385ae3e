/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct_ops new. The generator reads headers with libclang, which Debian
 * ships only as a shared library, so it lives in its own program,
 * struct_ops-new (src/gen), so struct_ops itself, which runs in bare
 * guests carrying only the libraries its ELF names, never loads libclang:
 * it runs struct_ops-new for 'new'.
 */
#ifndef NEW_H
#define NEW_H

struct new_opts {
	const char *name;	/* the kit's name */
	const char *header;	/* the header with the ops table */
	const char *dir;	/* where the kit goes (default: NAME) */
	const char *sname;	/* the struct's tag (default: NAME_ops) */
	const char *btf;	/* the kernel's BTF, for its types */
	const char *kdir;	/* the build tree for the module's trial build,
				 * "none", or NULL for the running kernel's */
};

/* Set by struct_ops-new's main(); NULL in struct_ops. */
extern int (*new_generator)(const struct new_opts *o);
/* src/gen/kit.c */
int new_generate(const struct new_opts *o);

#endif /* NEW_H */
