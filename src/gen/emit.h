/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the emitters (emit_*.c). */
#ifndef EMIT_H
#define EMIT_H

#include <stdio.h>

#include "gen.h"

void emit_decl(FILE *f, const char *type, const char *name);
void emit_params(FILE *f, const struct gen_member *m);
void emit_args(FILE *f, const struct gen_member *m);
/* The op_index-th operator (0-based), or NULL. */
const struct gen_member *gen_op(const struct gen_ops *ops, int op_index);

#endif /* EMIT_H */
