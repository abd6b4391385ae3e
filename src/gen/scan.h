/* SPDX-License-Identifier: GPL-2.0 */
/* The header's text, lexed before libclang reads it (scan.c). */
#ifndef GEN_SCAN_H
#define GEN_SCAN_H

#include <stdbool.h>
#include <stdio.h>

#define GEN_NR_ANNOTATIONS	14

struct gen_annotation {
	const char *name;	/* as a macro's head: "__rcu", "__aligned(x)" */
	const char *value;	/* what it means outside the kernel's build */
};
extern const struct gen_annotation gen_annotations[GEN_NR_ANNOTATIONS];

struct gen_scan {
	const char *src;	/* the header as written */
	char *text;		/* the same, its #include <...> lines blanked */
	char **includes;	/* "net/tcp.h" */
	int nincludes;
	unsigned int annotations;	/* bit i: gen_annotations[i] is used */
	char error[512];	/* "LINE: what is wrong" */
};

/* 0, or -1 with sc->error set; gen_scan_free() either way. */
int gen_scan(struct gen_scan *sc, const char *src);
void gen_scan_free(struct gen_scan *sc);
bool gen_kdoc_has(const char *comment, const char *member, const char *word);
bool gen_code_uses(const char *code, const char *ident);
bool gen_path_is_plain(const char *path);

#endif /* GEN_SCAN_H */
