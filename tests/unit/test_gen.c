// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops new's pure parts (src/gen/emit_util.c, template.c):
 * declarations as C writes them, the value the default implementation
 * must return for the test file's samples, truncated to the operator's
 * return type, and the templates' expansion.
 */
#include <stdlib.h>

#include "emit.h"
#include "unit.h"

static char *decl(const char *type, const char *name)
{
	static char buf[128];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	emit_decl(f, type, name);
	fclose(f);
	return buf;
}

static void declarations(void)
{
	CHECK_STR(decl("u32", "prio"), "u32 prio");
	CHECK_STR(decl("struct sk_buff *", "skb"), "struct sk_buff *skb");
	CHECK_STR(decl("const char *", "hint"), "const char *hint");
	CHECK_STR(decl("int (*)(int, void *)", "cb"), "int (*cb)(int, void *)");
}

static void expected_values(void)
{
	struct gen_param p2[] = {
		{ .name = "a", .kind = GEN_INT, .size = 4, .is_signed = true },
		{ .name = "b", .kind = GEN_INT, .size = 4, .is_signed = true },
	};
	struct gen_param pn[] = {
		{ .name = "req__nullable", .kind = GEN_PTR, .size = 8, .nullable = true },
		{ .name = "urgent", .kind = GEN_INT, .size = 1, .is_bool = true },
	};
	struct gen_param p6[6];
	struct gen_member m[] = {
		{ .name = "test_1", .kind = GEN_OP, .ret_kind = GEN_INT, .ret_size = 4, .ret_signed = true },
		{ .name = "name", .kind = GEN_STRING, .size = 16 },
		{ .name = "test_2", .kind = GEN_OP, .ret_kind = GEN_INT, .ret_size = 4,
		  .ret_signed = true, .params = p2, .nparams = 2 },
		{ .name = "tick", .kind = GEN_OP, .ret_kind = GEN_VOID },
		{ .name = "classify", .kind = GEN_OP, .ret_kind = GEN_INT, .ret_size = 4,
		  .params = pn, .nparams = 2 },
		{ .name = "narrow", .kind = GEN_OP, .ret_kind = GEN_INT, .ret_size = 1,
		  .ret_signed = true, .params = p6, .nparams = 6 },
		{ .name = "yes", .kind = GEN_OP, .ret_kind = GEN_INT, .ret_size = 1,
		  .ret_bool = true, .params = p2, .nparams = 2 },
	};
	struct gen_ops ops = { .members = m, .nmembers = 7, .nops = 6 };
	int i;

	for (i = 0; i < 6; i++)
		p6[i] = (struct gen_param){ .kind = GEN_INT, .size = 8, .is_signed = true };
	CHECK_INT(gen_sample_int(0), 10);
	CHECK_INT(gen_sample_int(5), 60);
	/* operator K (from 1, data members not counted) + the samples */
	CHECK_INT(gen_expected(&ops, 0, false), 1);
	CHECK_INT(gen_expected(&ops, 1, false), 32);
	CHECK_INT(gen_expected(&ops, 2, false), 0);
	/* a non-NULL pointer counts 1, bool true 1; " null" drops the pointer */
	CHECK_INT(gen_expected(&ops, 3, false), 6);
	CHECK_INT(gen_expected(&ops, 3, true), 5);
	/* 5 + 210 = 215 in an s8: -41 */
	CHECK_INT(gen_expected(&ops, 4, false), -41);
	CHECK_INT(gen_expected(&ops, 5, false), 1);
	CHECK(!gen_op(&ops, 6), "a seventh operator");
	CHECK_STR(gen_op(&ops, 1)->name, "test_2");
}

static const char tpl[] =
	"%# a comment, not written\n"
	"%% one\n"
	"int ${name}_${op}(void)\n"
	"{\n"
	"%if value\n"
	"\treturn ${value};\n"
	"%else\n"
	"%ifnot quiet\n"
	"\tpr_info(\"$ ${none}\\n\");\n"
	"%endif\n"
	"%endif\n"
	"}\n"
	"%% two\n"
	"\n";

static char *expand(const char *block, const struct tpl_var *item)
{
	static const struct tpl_var common[] = {
		{ "name", "kit" }, { "op", "common" }, { "quiet", NULL }, {}
	};
	static char buf[256];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	tpl_write(f, tpl, block, common, item);
	fclose(f);
	return buf;
}

static void templates(void)
{
	CHECK_STR(expand("one", (const struct tpl_var[]){
			{ "op", "get" }, { "value", "42" }, { "none", NULL }, {} }),
		  "int kit_get(void)\n{\n\treturn 42;\n}\n");
	CHECK_STR(expand("one", (const struct tpl_var[]){
			{ "value", "" }, { "none", NULL }, {} }),
		  "int kit_common(void)\n{\n\tpr_info(\"$ \\n\");\n}\n");
	CHECK_STR(expand("two", NULL), "\n");
}

const struct unit_test gen_tests[] = {
	{ "new: declarations as C writes them", declarations },
	{ "new: what the default implementation returns for the samples", expected_values },
	{ "new: templates: blocks, ${KEY}, %if, %ifnot, %else", templates },
	{}
};
