/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the emitters (emit_*.c). emit_module.c calls emit_struct_ops.c
 * and emit_test.c; all of them call emit_util.c, which calls none.
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
/* emit_struct_ops.c: module/NAME.c's struct_ops callbacks and their table */
void gen_emit_struct_ops(FILE *f, const struct gen_ops *ops);
/* emit_test.c: the test file, and the #includes its samples need */
void gen_emit_test(FILE *f, const struct gen_ops *ops);
void gen_emit_sample_includes(FILE *f, const struct gen_ops *ops);
/* The op_index-th operator (0-based), or NULL. */
const struct gen_member *gen_op(const struct gen_ops *ops, int op_index);

#endif /* EMIT_H */
