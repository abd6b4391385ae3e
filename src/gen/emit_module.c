// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel side of a generated kit: module/NAME.c, which follows
 * module/hello.c's patterns: every callback 6.12 dereferences, one __rcu
 * pointer changed under a mutex, compare-before-clear, strict context
 * access, CFI stubs that keep "__nullable", and SRCU for operators the
 * header marks @sleepable. This file writes its frame (the includes, the
 * registered implementation, the call wrappers, module init and exit) and
 * the order of its parts: emit_struct_ops.c writes the struct_ops
 * callbacks, emit_test.c the test file; module/NAME.h is
 * emit_module_h.c's.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

/* An operator with stack arguments builds only for a kernel that reads them right. */
static void emit_stack_args_check(FILE *f, const struct gen_ops *ops)
{
	const struct gen_member *wide = NULL;
	int i;

	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_OP &&
		    ops->members[i].nparams > GEN_REG_ARGS &&
		    (!wide || ops->members[i].nparams > wide->nparams))
			wide = &ops->members[i];
	if (!wide)
		return;
	fprintf(f, "/* '%s' takes %d arguments, %d of them on the stack: see compat.h */\n"
		"#if !KIT_STACK_ARGS_OK\n"
		"#error \"operator '%s' takes %d arguments: on x86-64 that needs Linux 7.3 or later (6.12's struct_ops trampolines read the 7th and later from the wrong stack slot), or a 6.12 with docs/upstream/6.12/0001 applied, built with KCFLAGS=-DKIT_STACK_ARGS_FIXED\"\n"
		"#endif\n\n", wide->name, wide->nparams, wide->nparams - GEN_REG_ARGS,
		wide->name, wide->nparams);
}

static void emit_head(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name;
	char up[64];

	gen_upper(up, n, sizeof(up));
	fprintf(f, "// SPDX-License-Identifier: GPL-2.0\n"
		"/*\n"
		" * %s: registers the struct_ops type struct %s, so that BPF\n"
		" * programs implement its operators, and calls them for the kernel\n"
		" * (%s_call_OP() in %s.h). Written by 'struct_ops new %s %s';\n"
		" * edit it freely.\n"
		" *\n"
		" * /sys/kernel/debug/%s/test (root only) calls every operator with\n"
		" * sample arguments, so the type can be tried without the subsystem\n"
		" * around it: write \"all\" or an operator's name (add \" null\" to pass\n"
		" * NULL for the __nullable arguments), then read the results.\n"
		" *\n"
		" * The names this file defines start with kit_ (the header may not use\n"
		" * that prefix), but for the exported %s_call_OP() and %s_registered().\n"
		" */\n"
		"#define pr_fmt(fmt) KBUILD_MODNAME \": \" fmt\n\n"
		"#include <linux/bpf.h>\n"
		"#include <linux/btf.h>\n"
		"#include <linux/capability.h>\n"
		"#include <linux/debugfs.h>\n"
		"#include <linux/module.h>\n"
		"#include <linux/mutex.h>\n"
		"#include <linux/rcupdate.h>\n"
		"#include <linux/sched.h>\n"
		"#include <linux/seq_file.h>\n"
		"%s"
		"#include <linux/string.h>\n"
		"#include <linux/uaccess.h>\n",
		n, ops->sname, n, n, n, ops->header, n, n, n,
		ops->any_sleepable ? "#include <linux/srcu.h>\n" : "");
	gen_emit_sample_includes(f, ops);
	fprintf(f, "\n#include \"compat.h\"\n"
		"#include \"%s.h\"\n\n"
		"#define %s_NR_OPS\t%d\n\n", n, up, ops->nops);
	emit_stack_args_check(f, ops);
}

static void emit_state(FILE *f, const struct gen_ops *ops)
{
	fputs("/*\n"
	      " * The registered implementation: the kernel's copy of the map's value\n"
	      " * (kdata). .reg, .unreg and .update change it under kit_lock; the\n"
	      " * call wrappers read it under rcu_read_lock(). That is enough: the\n"
	      " * kernel frees an unregistered struct_ops map only after an RCU and an\n"
	      " * RCU-tasks grace period (bpf_struct_ops_map_free()).\n", f);
	if (ops->any_sleepable)
		fputs(" * Operators marked @sleepable are called under kit_srcu instead,\n"
		      " * which .unreg and .update wait for: the kernel's grace periods do\n"
		      " * not cover a caller sleeping inside its program.\n", f);
	fprintf(f, " */\n"
		"static DEFINE_MUTEX(kit_lock);\n"
		"static struct %s __rcu *kit_cur;\n", ops->sname);
	if (ops->any_sleepable)
		fputs("DEFINE_STATIC_SRCU(kit_srcu);\n", f);
	fputs("/* set by .init: without module BTF the kernel registers nothing */\n"
	      "static const struct btf *kit_btf;\n\n", f);
}

static void emit_wrappers(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name, *s = ops->sname;
	int i;

	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];
		bool value = m->ret_kind != GEN_VOID;

		if (m->kind != GEN_OP)
			continue;
		fprintf(f, "%s %s_call_%s(", emit_ret_type(m), n, m->name);
		emit_params(f, m);
		fprintf(f, ")\n{\n\tstruct %s *kit_ops;\n", s);
		if (m->sleepable)
			fputs("\tint kit_idx;\n", f);
		if (value)
			fprintf(f, "\t%s kit_ret = 0;\n", m->ret_type);
		fputc('\n', f);
		if (m->sleepable)
			fputs("\tmight_sleep();\n"
			      "\tkit_idx = srcu_read_lock(&kit_srcu);\n"
			      "\tkit_ops = srcu_dereference(kit_cur, &kit_srcu);\n", f);
		else
			fputs("\trcu_read_lock();\n"
			      "\tkit_ops = rcu_dereference(kit_cur);\n", f);
		fprintf(f, "\tif (kit_ops && kit_ops->%s)\n\t\t%skit_ops->%s(", m->name,
			value ? "kit_ret = " : "", m->name);
		emit_args(f, m);
		fputs(");\n", f);
		if (m->sleepable)
			fputs("\tsrcu_read_unlock(&kit_srcu, kit_idx);\n", f);
		else
			fputs("\trcu_read_unlock();\n", f);
		if (value)
			fputs("\treturn kit_ret;\n", f);
		fprintf(f, "}\nEXPORT_SYMBOL_GPL(%s_call_%s);\n\n", n, m->name);
	}
	fprintf(f, "bool %s_registered(void)\n{\n"
		"\treturn rcu_access_pointer(kit_cur);\n"
		"}\nEXPORT_SYMBOL_GPL(%s_registered);\n\n", n, n);
}

static void emit_init_exit(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name, *s = ops->sname;
	char up[64];

	gen_upper(up, n, sizeof(up));
	fprintf(f, "static int __init kit_module_init(void)\n{\n\tint err;\n\n"
		"\t/* unregistered with the module's BTF when the module goes away */\n"
		"\terr = register_bpf_struct_ops(&kit_struct_ops, %s);\n"
		"\tif (err) {\n"
		"\t\tpr_err(\"cannot register struct_ops type %s: %%d\\n\", err);\n"
		"\t\treturn err;\n\t}\n"
		"\tif (!kit_btf)\n"
		"\t\tpr_warn(\"loaded without BTF: struct_ops type %s is not registered (build with pahole and CONFIG_DEBUG_INFO_BTF_MODULES=y)\\n\");\n"
		"\telse\n"
		"\t\tpr_info(\"struct_ops type %s registered (%%d operators)\\n\", %s_NR_OPS);\n"
		"\t/* the test file is a convenience: the type works without it */\n"
		"\tkit_test_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);\n"
		"\tif (IS_ERR(debugfs_create_file(\"test\", 0600, kit_test_dir, NULL, &kit_test_fops)))\n"
		"\t\tpr_warn(\"no test file: debugfs is off, or /sys/kernel/debug/%%s exists\\n\",\n"
		"\t\t\tKBUILD_MODNAME);\n"
		"\treturn 0;\n}\n\n"
		"static void __exit kit_module_exit(void)\n{\n"
		"\t/* waits for the callers still inside the test file's handlers */\n"
		"\tdebugfs_remove_recursive(kit_test_dir);\n}\n\n"
		"module_init(kit_module_init);\nmodule_exit(kit_module_exit);\n\n"
		"MODULE_LICENSE(\"GPL\");\n"
		"MODULE_DESCRIPTION(\"struct_ops type %s, implemented by BPF programs\");\n",
		s, s, s, s, up, s);
}

void gen_emit_module_c(FILE *f, const struct gen_ops *ops)
{
	emit_head(f, ops);
	emit_state(f, ops);
	emit_wrappers(f, ops);
	gen_emit_struct_ops(f, ops);
	gen_emit_test(f, ops);
	emit_init_exit(f, ops);
}
