// SPDX-License-Identifier: GPL-2.0
/*
 * The generated module's test file, /sys/kernel/debug/NAME/test: it calls
 * every operator with sample arguments (samples.c says which object a
 * kernel type gets) and shows what each returned. Its fixed text is
 * templates/test.c.in; this file writes each operator's case (what it
 * passes, on how many lines) and says which blocks, with which values.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static bool uses_sample(const struct gen_ops *ops, enum gen_kind kind,
			enum gen_sample sample)
{
	int i, j;

	/* an operator the test file does not call passes nothing */
	for (i = 0; i < ops->nmembers; i++)
		for (j = 0; j < ops->members[i].nparams && !ops->members[i].unsampled; j++)
			if (ops->members[i].params[j].kind == kind &&
			    ops->members[i].params[j].sample == sample)
				return true;
	return false;
}

/* Call fn for each kernel object some called operator's argument gets, once. */
static void for_each_kobj(const struct gen_ops *ops, FILE *f,
			  void (*fn)(FILE *f, const struct gen_kobj *k, const char **seen,
				     int *nseen))
{
	const char *seen[64];
	const struct gen_kobj *done[32];
	int i, j, k, n = 0, nseen = 0;

	for (i = 0; i < ops->nmembers; i++) {
		if (ops->members[i].unsampled)
			continue;
		for (j = 0; j < ops->members[i].nparams; j++) {
			const struct gen_param *p = &ops->members[i].params[j];

			if (p->sample != GEN_SAMPLE_KOBJ)
				continue;
			for (k = 0; k < n && done[k] != p->kobj; k++)
				;
			if (k < n || n == 32)
				continue;
			done[n++] = p->kobj;
			fn(f, p->kobj, seen, &nseen);
		}
	}
}

static void emit_includes(FILE *f, const struct gen_kobj *k, const char **seen, int *nseen)
{
	int i, j;

	for (i = 0; i < 4 && k->includes[i]; i++) {
		for (j = 0; j < *nseen && strcmp(seen[j], k->includes[i]); j++)
			;
		if (j < *nseen || *nseen == 64)
			continue;
		seen[(*nseen)++] = k->includes[i];
		fprintf(f, "#include <%s>\n", k->includes[i]);
	}
}

static void emit_helper(FILE *f, const struct gen_kobj *k, const char **seen, int *nseen)
{
	if (k->helper)
		fputs(k->helper, f);
}

/* The kernel headers the samples need, beyond those every module includes. */
void gen_emit_sample_includes(FILE *f, const struct gen_ops *ops)
{
	for_each_kobj(ops, f, emit_includes);
}

static void emit_sample_arg(FILE *f, const struct gen_param *p, int i)
{
	/* integers convert to the parameter's type: the prototype is in scope */
	if (p->kind == GEN_INT) {
		if (p->is_bool)
			fputs("true", f);
		else
			fprintf(f, "%lld", gen_sample_int(i));
		return;
	}
	if (p->sample == GEN_SAMPLE_NULL) {
		fputs("NULL", f);
		return;
	}
	if (p->nullable)
		fputs("null ? NULL : ", f);
	if (p->sample == GEN_SAMPLE_KOBJ && !p->kobj->expr)
		fprintf(f, "kit_obj%d", i);
	else if (p->sample == GEN_SAMPLE_KOBJ)
		fprintf(f, "(%s)%s", p->type, p->kobj->expr);
	else
		fprintf(f, "(%s)kit_sample_%s", p->type, p->kind == GEN_STR ? "str" : "mem");
}

/* One test call: on one line if it fits in 100 columns, else one argument a line. */
static void emit_test_call(FILE *f, const struct gen_ops *ops,
			   const struct gen_member *m, int k, int indent)
{
	char *args = NULL, *head = NULL;
	size_t alen = 0, hlen = 0;
	FILE *a = open_memstream(&args, &alen), *h = open_memstream(&head, &hlen);
	int j, col = indent * 8;

	if (!a || !h) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	if (m->ret_kind != GEN_VOID)
		fprintf(h, "kit_test_ret[%d] = ", k);
	fprintf(h, "%s_call_%s(", ops->name, m->name);
	fclose(h);
	for (j = 0; j < m->nparams; j++) {
		if (j)
			fputs(", ", a);
		emit_sample_arg(a, &m->params[j], j);
	}
	fclose(a);
	fprintf(f, "%.*s%s", indent, "\t\t\t\t", head);
	if (col + hlen + alen + 2 <= 100) {
		fprintf(f, "%s);\n", args);
	} else {
		for (j = 0; j < m->nparams; j++) {
			if (j) {
				fputs(",\n", f);
				emit_align(f, col + hlen);
			}
			emit_sample_arg(f, &m->params[j], j);
		}
		fputs(");\n", f);
	}
	free(args);
	free(head);
}

/* The case of operator k in kit_test_call(). */
static void emit_test_case(FILE *f, const struct gen_ops *ops,
			   const struct gen_member *m, int k)
{
	const struct gen_param *p;
	int j, nalloc = 0;

	fprintf(f, "\tcase %d:", k);
	if (m->unsampled) {
		p = m->unsampled;
		fprintf(f, "\n\t\t/* %s: no object of the kernel's to pass; call %s_call_%s() from your code */\n"
			"\t\treturn -ENOENT;\n", p->name, ops->name, m->name);
		return;
	}
	for (j = 0; j < m->nparams; j++)
		nalloc += m->params[j].sample == GEN_SAMPLE_KOBJ && !m->params[j].kobj->expr;
	if (!nalloc) {
		fputc('\n', f);
		emit_test_call(f, ops, m, k, 2);
		fputs("\t\treturn 0;\n", f);
		return;
	}
	fputs(" {\n", f);
	for (j = 0; j < m->nparams; j++) {
		p = &m->params[j];
		if (p->sample == GEN_SAMPLE_KOBJ && !p->kobj->expr)
			fprintf(f, "\t\t%s *kit_obj%d = %s;\n", p->kobj->record, j, p->kobj->alloc);
	}
	if (nalloc == 1) {
		for (j = 0; m->params[j].sample != GEN_SAMPLE_KOBJ || m->params[j].kobj->expr; j++)
			;
		fprintf(f, "\n\t\tif (!kit_obj%d)\n\t\t\treturn -ENOMEM;\n", j);
		emit_test_call(f, ops, m, k, 2);
		fprintf(f, "\t\t%s(kit_obj%d);\n\t\treturn 0;\n\t}\n", m->params[j].kobj->free, j);
		return;
	}
	fputs("\t\tint kit_err = -ENOMEM;\n\n\t\tif (", f);
	for (j = 0, nalloc = 0; j < m->nparams; j++) {
		p = &m->params[j];
		if (p->sample == GEN_SAMPLE_KOBJ && !p->kobj->expr)
			fprintf(f, "%skit_obj%d", nalloc++ ? " && " : "", j);
	}
	fputs(") {\n", f);
	emit_test_call(f, ops, m, k, 3);
	fputs("\t\t\tkit_err = 0;\n\t\t}\n", f);
	for (j = m->nparams - 1; j >= 0; j--) {
		p = &m->params[j];
		if (p->sample == GEN_SAMPLE_KOBJ && !p->kobj->expr)
			fprintf(f, "\t\tif (kit_obj%d)\n\t\t\t%s(kit_obj%d);\n", j, p->kobj->free, j);
	}
	fputs("\t\treturn kit_err;\n\t}\n", f);
}

static void test_block(FILE *f, const char *block, const struct tpl_var *common,
		       const struct tpl_var *item)
{
	tpl_write(f, gen_tpl_test_c, block, common, item);
}

/* kit_test_ops[]: one entry per operator, and the results' state. */
static void emit_test_table(FILE *f, const struct gen_ops *ops, const struct tpl_var *common)
{
	int i;

	test_block(f, "table", common, NULL);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind != GEN_OP)
			continue;
		test_block(f, "entry", common, (const struct tpl_var[]){
			{ "op", m->name },
			{ "is_void", m->ret_kind == GEN_VOID ? "true" : "false" },
			{ "is_signed", m->ret_signed ? "true" : "false" },
			{ "skipped", m->unsampled ? m->unsampled->name : NULL },
			{}
		});
	}
	test_block(f, "state", common, NULL);
}

/* kit_test_show(): the registration, its data members, the last results. */
static void emit_test_show(FILE *f, const struct gen_ops *ops, const struct tpl_var *common)
{
	int i;

	test_block(f, "show", common, NULL);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];
		bool scalar = m->kind == GEN_SCALAR;

		if (m->kind == GEN_OP)
			continue;
		test_block(f, "show_data", common, (const struct tpl_var[]){
			{ "member", m->name },
			{ "string", TPL_SET(m->kind == GEN_STRING) },
			{ "bytes", TPL_SET(m->kind == GEN_BYTES) },
			{ "signed", TPL_SET(scalar && m->data_signed) },
			{ "unsigned", TPL_SET(scalar && !m->data_signed) },
			{}
		});
	}
	test_block(f, "show_end", common, NULL);
}

void gen_emit_test(FILE *f, const struct gen_ops *ops)
{
	char up[64];
	const struct tpl_var common[] = {
		{ "name", ops->name },
		{ "NAME", up },
		{ "sname", ops->sname },
		{ "data", TPL_SET(gen_any_data(ops)) },
		{ "sample_mem", TPL_SET(uses_sample(ops, GEN_PTR, GEN_SAMPLE_MEM)) },
		{ "sample_str", TPL_SET(uses_sample(ops, GEN_STR, GEN_SAMPLE_MEM)) },
		{}
	};
	int i, k;

	gen_upper(up, ops->name, sizeof(up));
	emit_test_table(f, ops, common);
	for_each_kobj(ops, f, emit_helper);
	test_block(f, "call", common, NULL);
	for (i = 0, k = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_OP)
			emit_test_case(f, ops, &ops->members[i], k++);
	test_block(f, "write", common, NULL);
	emit_test_show(f, ops, common);
}
