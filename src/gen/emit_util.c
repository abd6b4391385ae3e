// SPDX-License-Identifier: GPL-2.0
/*
 * What the emitters share: declarations, argument lists, sample values;
 * and gen_upper(), which the reader uses too.
 */
#include <string.h>

#include "emit.h"

/* "TYPE NAME" as C declares it: "u32 prio", "char *s", "int (*cb)(int)". */
void emit_decl(FILE *f, const char *type, const char *name)
{
	const char *fp = strstr(type, "(*)");

	if (fp) {
		fprintf(f, "%.*s(*%s)%s", (int)(fp - type), type, name, fp + 3);
		return;
	}
	fprintf(f, "%s%s%s", type, type[strlen(type) - 1] == '*' ? "" : " ", name);
}

/* The parameter list of an operator, without parentheses. */
void emit_params(FILE *f, const struct gen_member *m)
{
	int i;

	if (!m->nparams)
		fputs("void", f);
	for (i = 0; i < m->nparams; i++) {
		if (i)
			fputs(", ", f);
		emit_decl(f, m->params[i].type, m->params[i].name);
	}
}

/* The arguments of a call that passes the parameters on. */
void emit_args(FILE *f, const struct gen_member *m)
{
	int i;

	for (i = 0; i < m->nparams; i++)
		fprintf(f, "%s%s", i ? ", " : "", m->params[i].name);
}

/* Has the ops table data members, besides its operators? */
bool gen_any_data(const struct gen_ops *ops)
{
	int i;

	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind != GEN_OP)
			return true;
	return false;
}

/* Indent a continuation line to column col (kernel style: tabs, then spaces). */
void emit_align(FILE *f, int col)
{
	fprintf(f, "%.*s%*s", col / 8, "\t\t\t\t\t\t\t\t\t\t\t\t", col % 8, "");
}

/* What an operator returns, as written ("void" for none). */
const char *emit_ret_type(const struct gen_member *m)
{
	return m->ret_kind == GEN_VOID ? "void" : m->ret_type;
}

long long gen_sample_int(int i)
{
	return 10LL * (i + 1);
}

static long long truncate_to(long long v, unsigned int size, bool is_signed)
{
	unsigned long long mask;

	if (size >= 8)
		return v;
	mask = (1ULL << (size * 8)) - 1;
	v &= mask;
	if (is_signed && (v & (1ULL << (size * 8 - 1))))
		v |= ~mask;
	return v;
}

long long gen_expected(const struct gen_ops *ops, int op_index, bool null)
{
	const struct gen_member *m = gen_op(ops, op_index);
	long long v;
	int i;

	if (!m || m->ret_kind == GEN_VOID)
		return 0;
	v = op_index + 1;
	for (i = 0; i < m->nparams; i++) {
		const struct gen_param *p = &m->params[i];

		if (p->kind == GEN_INT)
			v += p->is_bool ? 1 : truncate_to(gen_sample_int(i), p->size, p->is_signed);
		else if (p->sample != GEN_SAMPLE_NULL && !p->opaque && !(null && p->nullable))
			v++;
	}
	if (m->ret_bool)
		return v != 0;
	return truncate_to(v, m->ret_size, m->ret_signed);
}

const struct gen_member *gen_op(const struct gen_ops *ops, int op_index)
{
	int i, n = -1;

	for (i = 0; i < ops->nmembers; i++) {
		if (ops->members[i].kind == GEN_OP && ++n == op_index)
			return &ops->members[i];
	}
	return NULL;
}

/*
 * A parameter's name in the BPF program. BPF_PROG(name, args...) defines
 * name(unsigned long long *ctx): a parameter named ctx gets '_' added, as
 * many as it takes to differ from the others.
 */
const char *gen_bpf_name(const struct gen_member *m, int i, char *buf, size_t size)
{
	bool clash;
	int j;

	snprintf(buf, size, "%s", m->params[i].name);
	if (strcmp(buf, "ctx"))
		return buf;
	do {
		size_t len = strlen(buf);

		if (len + 2 > size)
			break;
		buf[len] = '_';
		buf[len + 1] = 0;
		clash = false;
		for (j = 0; j < m->nparams; j++)
			clash |= !strcmp(m->params[j].name, buf);
	} while (clash);
	return buf;
}

/* NAME in upper case, for macros: PKTSCHED_NR_OPS, PKTSCHED_FLAGS_KNOWN */
void gen_upper(char *dst, const char *src, size_t size)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < size; i++)
		dst[i] = src[i] >= 'a' && src[i] <= 'z' ? src[i] - 'a' + 'A' : src[i];
	dst[i] = 0;
}
