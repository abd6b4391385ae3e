// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel side of a generated kit: module/NAME.c, which follows
 * module/seed.c's patterns: every callback 6.12 dereferences, one __rcu
 * pointer changed under a mutex, compare-before-clear, strict context
 * access, CFI stubs that keep "__nullable", and SRCU for operators the
 * header marks @sleepable. Its text is templates/module.c.in; this file
 * says which blocks, in which order, for which operators and members,
 * with which values. emit_test.c writes the test file; module/NAME.h is
 * emit_module_h.c's.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "struct_ops.h"

static void module_block(FILE *f, const char *block, const struct tpl_var *common,
			 const struct tpl_var *item)
{
	tpl_write(f, gen_tpl_module_c, block, common, item);
}

/* The operator's parameters, or the arguments that pass them on, as text. */
static char *op_text(const struct gen_member *m, bool params)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f) {
		fprintf(stderr, "out of memory\n");
		exit(EXIT_FAIL);
	}
	if (params)
		emit_params(f, m);
	else
		emit_args(f, m);
	if (fclose(f)) {
		fprintf(stderr, "out of memory\n");
		exit(EXIT_FAIL);
	}
	return buf;
}

/* One block per operator, with its values: wrapper, stub, stub_entry. */
static void each_op(FILE *f, const struct gen_ops *ops, const char *block,
		    const struct tpl_var *common)
{
	int i;

	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];
		char *params, *args;

		if (m->kind != GEN_OP)
			continue;
		params = op_text(m, true);
		args = op_text(m, false);
		module_block(f, block, common, (const struct tpl_var[]){
			{ "op", m->name },
			{ "ret", emit_ret_type(m) },
			{ "returns", TPL_SET(m->ret_kind != GEN_VOID) },
			{ "op_sleepable", TPL_SET(m->sleepable) },
			{ "params", params },
			{ "args", args },
			{}
		});
		free(params);
		free(args);
	}
}

/* One block per operator whose flag (sleepable, required) is set. */
static void each_marked_op(FILE *f, const struct gen_ops *ops, const char *block,
			   bool sleepable, const struct tpl_var *common)
{
	int i;

	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind == GEN_OP && (sleepable ? m->sleepable : m->required))
			module_block(f, block, common,
				     (const struct tpl_var[]){ { "op", m->name }, {} });
	}
}

/* One data_case block per data member: how .init_member copies and checks it. */
static void each_data(FILE *f, const struct gen_ops *ops, const struct tpl_var *common)
{
	char upper[64], umember[64], macro[160];
	int i;

	gen_upper(upper, ops->name, sizeof(upper));
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];
		bool scalar = m->kind == GEN_SCALAR;

		if (m->kind == GEN_OP)
			continue;
		gen_upper(umember, m->name, sizeof(umember));
		snprintf(macro, sizeof(macro), "%s_%s_KNOWN", upper, umember);
		module_block(f, "data_case", common, (const struct tpl_var[]){
			{ "member", m->name },
			{ "string", TPL_SET(m->kind == GEN_STRING) },
			{ "bytes", TPL_SET(m->kind == GEN_BYTES) },
			{ "known", scalar ? m->known_macro : NULL },
			{ "any", TPL_SET(scalar && !m->known_macro) },
			{ "macro", macro },
			{}
		});
	}
}

/* An operator with stack arguments builds only for a kernel that reads them right. */
static void stack_args_check(FILE *f, const struct gen_ops *ops,
			     const struct tpl_var *common)
{
	const struct gen_member *wide = NULL;
	char nargs[16], nstack[16];
	int i;

	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_OP &&
		    ops->members[i].nparams > GEN_REG_ARGS &&
		    (!wide || ops->members[i].nparams > wide->nparams))
			wide = &ops->members[i];
	if (!wide)
		return;
	snprintf(nargs, sizeof(nargs), "%d", wide->nparams);
	snprintf(nstack, sizeof(nstack), "%d", wide->nparams - GEN_REG_ARGS);
	module_block(f, "stack_args", common, (const struct tpl_var[]){
		{ "op", wide->name }, { "nargs", nargs }, { "nstack", nstack }, {}
	});
}

static bool any_op_marked(const struct gen_ops *ops, bool sleepable)
{
	int i;

	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_OP &&
		    (sleepable ? ops->members[i].sleepable : ops->members[i].required))
			return true;
	return false;
}

static bool any_string(const struct gen_ops *ops)
{
	int i;

	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_STRING)
			return true;
	return false;
}

void gen_emit_module_c(FILE *f, const struct gen_ops *ops)
{
	bool required = any_op_marked(ops, false);
	char upper[64], nops[16];
	const struct tpl_var common[] = {
		{ "name", ops->name },
		{ "NAME", upper },
		{ "sname", ops->sname },
		{ "header", ops->header },
		{ "nops", nops },
		{ "sleepable", TPL_SET(ops->any_sleepable) },
		{ "data", TPL_SET(gen_any_data(ops)) },
		{ "strings", TPL_SET(any_string(ops)) },
		{ "required", TPL_SET(required) },
		{}
	};

	gen_upper(upper, ops->name, sizeof(upper));
	snprintf(nops, sizeof(nops), "%d", ops->nops);
	module_block(f, "head", common, NULL);
	gen_emit_sample_includes(f, ops);
	module_block(f, "head_end", common, NULL);
	stack_args_check(f, ops, common);
	module_block(f, "state", common, NULL);
	each_op(f, ops, "wrapper", common);
	module_block(f, "registered", common, NULL);
	module_block(f, "reject", common, NULL);
	module_block(f, "verifier", common, NULL);
	each_marked_op(f, ops, "sleepable_case", true, common);
	module_block(f, "check_member_end", common, NULL);
	module_block(f, "init_member", common, NULL);
	if (gen_any_data(ops)) {
		each_data(f, ops, common);
		module_block(f, "init_member_end", common, NULL);
	}
	module_block(f, "validate", common, NULL);
	if (required) {
		each_marked_op(f, ops, "required_check", false, common);
		module_block(f, "validate_end", common, NULL);
	}
	module_block(f, "reg", common, NULL);
	module_block(f, "stubs", common, NULL);
	each_op(f, ops, "stub", common);
	module_block(f, "stub_table", common, NULL);
	each_op(f, ops, "stub_entry", common);
	module_block(f, "struct_ops", common, NULL);
	gen_emit_test(f, ops);
	module_block(f, "init_exit", common, NULL);
}
