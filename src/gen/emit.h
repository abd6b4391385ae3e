/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the emitters (emit_*.c). emit_module.c calls emit_test.c and
 * template.c; all of them call emit_util.c, which calls none.
 */
#ifndef EMIT_H
#define EMIT_H

#include <stdbool.h>
#include <stdio.h>

#include "gen.h"

/* emit_util.c */
void emit_decl(FILE *f, const char *type, const char *name);
void emit_params(FILE *f, const struct gen_member *m);
void emit_args(FILE *f, const struct gen_member *m);
void emit_align(FILE *f, int col);
const char *emit_ret_type(const struct gen_member *m);
bool gen_any_data(const struct gen_ops *ops);

/* template.c: a value for ${key} in a template; NULL (or "") is unset for %if */
struct tpl_var {
	const char *key;
	const char *value;
};
/*
 * Write the template tpl's block, its ${KEY}s from item, then common
 * (each ends with a NULL key; item may be NULL).
 */
void tpl_write(FILE *f, const char *tpl, const char *block,
	       const struct tpl_var *common, const struct tpl_var *item);
/* A flag's value: set ("1") or not, for %if */
#define TPL_SET(cond)	((cond) ? "1" : NULL)
/* embed.S: the text of templates/module.c.in and templates/test.c.in */
extern const char gen_tpl_module_c[];
extern const char gen_tpl_test_c[];

/* emit_test.c: the test file, and the #includes its samples need */
void gen_emit_test(FILE *f, const struct gen_ops *ops);
void gen_emit_sample_includes(FILE *f, const struct gen_ops *ops);
/* The op_index-th operator (0-based), or NULL. */
const struct gen_member *gen_op(const struct gen_ops *ops, int op_index);

#endif /* EMIT_H */
