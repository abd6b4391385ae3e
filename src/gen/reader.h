/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the header's reader shares, inside struct_ops-new: header.c (the
 * file, the parse, the struct) calls header_members.c (each member and
 * its rules), which calls header_types.c (what BPF passes for a C type);
 * none calls back up.
 */
#ifndef GEN_READER_H
#define GEN_READER_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <clang-c/Index.h>

#include "gen.h"
#include "struct_ops.h"

struct reader {
	struct gen_ops *ops;
	CXCursor def;
	bool found;		/* the struct's definition */
	bool is_union;		/* the name is a union's */
	char **macros;		/* macros the header defines */
	int nmacros;
	bool failed;		/* an error was reported */
};

/* libclang's string as a malloc'ed one: exits if memory runs out. */
static inline char *cx_dup(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = strdup(c ? c : "");

	clang_disposeString(s);
	if (!r) {
		fprintf(stderr, "out of memory\n");
		exit(EXIT_FAIL);
	}
	return r;
}

static inline unsigned int cursor_line(CXCursor c)
{
	unsigned int line;

	clang_getSpellingLocation(clang_getCursorLocation(c), NULL, &line,
				  NULL, NULL);
	return line;
}

/* header_members.c: read each member of r->def into r->ops; r->failed on error */
void gen_read_members(struct reader *r);

/* header_types.c */
/*
 * What BPF can pass or return for a type, or why not: GEN_* in p->kind, or
 * -1 and the reason in *why.
 */
int gen_classify(CXType t, struct gen_param *p, bool *is_bool, const char **why);
/* What a pointer argument is to a program, and what the test file passes. */
void gen_classify_pointer(struct gen_param *p, CXType t);
bool gen_points_to_record(CXType t);
/* "struct X" if t points (through qualifiers) to a named struct or union. */
char *gen_pointee_record(CXType t);

#endif /* GEN_READER_H */
