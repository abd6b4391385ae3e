// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel side of a generated kit: module/NAME.h (the user's ops table,
 * the call wrappers' prototypes) and module/NAME.c, which follows
 * module/hello.c's patterns: every callback 6.12 dereferences, one __rcu
 * pointer changed under a mutex, compare-before-clear, strict context
 * access, CFI stubs that keep "__nullable", and SRCU for operators the
 * header marks @sleepable.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

static bool any_data(const struct gen_ops *ops)
{
	int i;

	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind != GEN_OP)
			return true;
	return false;
}

static bool any_required(const struct gen_ops *ops)
{
	int i;

	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_OP && ops->members[i].required)
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

/* reject() is emitted only when something calls it (-Werror=unused-function). */
/* Indent a continuation line to column col (kernel style: tabs, then spaces). */
static void align(FILE *f, int col)
{
	fprintf(f, "%.*s%*s", col / 8, "\t\t\t\t\t\t\t\t\t\t\t\t", col % 8, "");
}

static const char *ret_type(const struct gen_member *m)
{
	return m->ret_kind == GEN_VOID ? "void" : m->ret_type;
}

void gen_emit_module_h(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name;
	char upper[64], guard[80];
	const char *text, *eol;
	int i, j, k;

	gen_upper(upper, n, sizeof(upper));
	snprintf(guard, sizeof(guard), "_%s_KIT_H", upper);
	/* the header's own SPDX line, if it has one, is this file's first */
	text = ops->header_text;
	eol = strchr(text, '\n');
	if (eol && strstr(text, "SPDX-License-Identifier:") &&
	    strstr(text, "SPDX-License-Identifier:") < eol) {
		fprintf(f, "%.*s\n", (int)(eol - text), text);
		text = eol + 1;
	} else {
		fputs("/* SPDX-License-Identifier: GPL-2.0 */\n", f);
	}
	fprintf(f, "/*\n"
		" * struct %s, the ops table BPF programs implement, and the calls the\n"
		" * kernel makes through it. Written by 'struct_ops new %s %s'.\n"
		" *\n"
		" * Included by the module (kernel C) and by BPF programs after vmlinux.h:\n"
		" * the part between the markers is %s as written, the one\n"
		" * definition of the type on both sides.\n"
		" */\n"
		"#ifndef %s\n#define %s\n\n", ops->sname, n, ops->header, ops->header,
		guard, guard);
	/* a struct first named in a parameter list would be local to it */
	for (i = 0, k = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		for (j = 0; j < m->nparams; j++) {
			const char *r = m->params[j].record;
			bool seen = false;
			int a, b;

			if (!r)
				continue;
			for (a = 0; a <= i && !seen; a++)
				for (b = 0; b < ops->members[a].nparams &&
				     (a < i || b < j); b++)
					if (ops->members[a].params[b].record &&
					    !strcmp(ops->members[a].params[b].record, r))
						seen = true;
			if (!seen)
				fprintf(f, "%s%s;\n", k++ ? "" : "/* types the operators point to */\n", r);
		}
	}
	if (k)
		fputc('\n', f);
	fprintf(f, "/* ---- %s ---- */\n%s", ops->header, text);
	if (text[0] && text[strlen(text) - 1] != '\n')
		fputc('\n', f);
	fprintf(f, "/* ---- end of %s ---- */\n\n"
		"#ifdef __KERNEL__\n"
		"/*\n"
		" * Call an operator of the registered implementation. With none\n"
		" * registered, or one that leaves the operator out, an operator that\n"
		" * returns a value returns 0. Operators marked @sleepable may sleep:\n"
		" * call them where sleeping is allowed; the others from any context\n"
		" * where rcu_read_lock() is allowed.\n"
		" */\n", ops->header);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind != GEN_OP)
			continue;
		fprintf(f, "%s %s_call_%s(", ret_type(m), n, m->name);
		emit_params(f, m);
		fputs(");\n", f);
	}
	fprintf(f, "/* Is an implementation registered now? */\n"
		"bool %s_registered(void);\n"
		"#endif /* __KERNEL__ */\n\n"
		"#endif /* %s */\n", n, guard);
}

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
		" * /proc/%s_test (root only) calls every operator with sample\n"
		" * arguments, so the type can be tried without the subsystem around it:\n"
		" * write \"all\" or an operator's name (add \" null\" to pass NULL for the\n"
		" * __nullable arguments), then read the results.\n"
		" */\n"
		"#define pr_fmt(fmt) KBUILD_MODNAME \": \" fmt\n\n"
		"#include <linux/bpf.h>\n"
		"#include <linux/btf.h>\n"
		"#include <linux/capability.h>\n"
		"#include <linux/ctype.h>\n"
		"#include <linux/module.h>\n"
		"#include <linux/mutex.h>\n"
		"#include <linux/proc_fs.h>\n"
		"#include <linux/rcupdate.h>\n"
		"#include <linux/sched.h>\n"
		"#include <linux/seq_file.h>\n"
		"%s"
		"#include <linux/string.h>\n"
		"#include <linux/uaccess.h>\n\n"
		"#include \"compat.h\"\n"
		"#include \"%s.h\"\n\n"
		"#define %s_NR_OPS\t%d\n\n",
		n, ops->sname, n, n, n, ops->header, n,
		ops->any_sleepable ? "#include <linux/srcu.h>\n" : "", n,
		up, ops->nops);
	emit_stack_args_check(f, ops);
}

static void emit_state(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name;

	fprintf(f, "/*\n"
		" * The registered implementation: the kernel's copy of the map's value\n"
		" * (kdata). .reg, .unreg and .update change it under %s_lock; the\n"
		" * call wrappers read it under rcu_read_lock(). That is enough: the\n"
		" * kernel frees an unregistered struct_ops map only after an RCU and an\n"
		" * RCU-tasks grace period (bpf_struct_ops_map_free()).\n", n);
	if (ops->any_sleepable)
		fprintf(f, " * Operators marked @sleepable are called under %s_srcu instead,\n"
			" * which .unreg and .update wait for: the kernel's grace periods do\n"
			" * not cover a caller sleeping inside its program.\n", n);
	fprintf(f, " */\n"
		"static DEFINE_MUTEX(%s_lock);\n"
		"static struct %s __rcu *%s_cur;\n", n, ops->sname, n);
	if (ops->any_sleepable)
		fprintf(f, "DEFINE_STATIC_SRCU(%s_srcu);\n", n);
	fprintf(f, "/* set by .init: without module BTF the kernel registers nothing */\n"
		"static const struct btf *%s_btf;\n\n", n);
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
		fprintf(f, "%s %s_call_%s(", ret_type(m), n, m->name);
		emit_params(f, m);
		fprintf(f, ")\n{\n\tstruct %s *ops;\n", s);
		if (m->sleepable)
			fputs("\tint idx;\n", f);
		if (value)
			fprintf(f, "\t%s ret = 0;\n", m->ret_type);
		fputc('\n', f);
		if (m->sleepable)
			fprintf(f, "\tmight_sleep();\n"
				"\tidx = srcu_read_lock(&%s_srcu);\n"
				"\tops = srcu_dereference(%s_cur, &%s_srcu);\n", n, n, n);
		else
			fprintf(f, "\trcu_read_lock();\n"
				"\tops = rcu_dereference(%s_cur);\n", n);
		fprintf(f, "\tif (ops && ops->%s)\n\t\t%sops->%s(", m->name,
			value ? "ret = " : "", m->name);
		emit_args(f, m);
		fputs(");\n", f);
		if (m->sleepable)
			fprintf(f, "\tsrcu_read_unlock(&%s_srcu, idx);\n", n);
		else
			fputs("\trcu_read_unlock();\n", f);
		if (value)
			fputs("\treturn ret;\n", f);
		fprintf(f, "}\nEXPORT_SYMBOL_GPL(%s_call_%s);\n\n", n, m->name);
	}
	fprintf(f, "bool %s_registered(void)\n{\n"
		"\treturn rcu_access_pointer(%s_cur);\n"
		"}\nEXPORT_SYMBOL_GPL(%s_registered);\n\n", n, n, n);
}

static void emit_reject(FILE *f, const struct gen_ops *ops)
{
	fputs("/* Refuse an implementation: the map update (the attach) fails with EINVAL. */\n"
	      "static __printf(1, 2) int reject(const char *fmt, ...)\n{\n"
	      "\tstruct va_format vaf;\n\tva_list args;\n\n"
	      "\tva_start(args, fmt);\n\tvaf.fmt = fmt;\n\tvaf.va = &args;\n"
	      "\tpr_info_ratelimited(\"rejecting implementation: %pV\\n\", &vaf);\n"
	      "\tva_end(args);\n\treturn -EINVAL;\n}\n\n", f);
	if (!any_string(ops))
		return;
	fputs("/*\n * A string member: printable ASCII but '\"' and '\\\\', NUL-terminated,\n"
	      " * zeros after the NUL (so that the value compares and prints as it reads).\n */\n"
	      "static int check_string(const char *s, size_t size, const char *member)\n{\n"
	      "\tsize_t len = strnlen(s, size), i;\n\n"
	      "\tif (len == size)\n"
	      "\t\treturn reject(\"%s is not NUL-terminated (at most %zu characters)\",\n"
	      "\t\t\t      member, size - 1);\n"
	      "\tif (memchr_inv(s + len, 0, size - len))\n"
	      "\t\treturn reject(\"%s: the bytes after its NUL must be zero\", member);\n"
	      "\tfor (i = 0; i < len; i++) {\n"
	      "\t\tif (!isprint(s[i]) || s[i] == '\"' || s[i] == '\\\\')\n"
	      "\t\t\treturn reject(\"%s: byte %zu is not printable ASCII (or is '\\\"' or '\\\\')\",\n"
	      "\t\t\t\t      member, i);\n"
	      "\t}\n\treturn 0;\n}\n\n", f);
}

static void emit_verifier(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name, *s = ops->sname;
	int i, col;

	fprintf(f, "static int %s_init(struct btf *btf)\n{\n"
		"\t%s_btf = btf;\n\treturn 0;\n}\n\n", n, n);
	col = fprintf(f, "static bool %s_is_valid_access(", n);
	fputs("int off, int size, enum bpf_access_type type,\n", f);
	align(f, col);
	fputs("const struct bpf_prog *prog,\n", f);
	align(f, col);
	fputs("struct bpf_insn_access_aux *info)\n{\n"
	      "\t/* read-only, aligned, in-range access to the arguments, typed by BTF */\n"
	      "\treturn bpf_tracing_btf_ctx_access(off, size, type, prog, info);\n}\n\n", f);
	fprintf(f, "static const struct bpf_func_proto *\n"
		"%s_get_func_proto(enum bpf_func_id func_id, const struct bpf_prog *prog)\n{\n"
		"\t/* the base helpers: bpf_printk and the rest for CAP_PERFMON */\n"
		"\treturn bpf_base_func_proto(func_id, prog);\n}\n\n"
		"static const struct bpf_verifier_ops %s_verifier_ops = {\n"
		"\t.get_func_proto\t\t= %s_get_func_proto,\n"
		"\t.is_valid_access\t= %s_is_valid_access,\n};\n\n", n, n, n, n);

	fputs("/*\n * The call wrappers run operators under rcu_read_lock(): a sleepable\n"
	      " * program (SEC(\"struct_ops.s/...\")) would sleep there.", f);
	if (ops->any_sleepable)
		fputs(" Operators marked\n * @sleepable are called under SRCU, where it may.\n */\n", f);
	else
		fputs(" Mark an\n * operator @sleepable in the header to call it under SRCU instead.\n */\n", f);
	col = fprintf(f, "static int %s_check_member(", n);
	fputs("const struct btf_type *t,\n", f);
	align(f, col);
	fputs("const struct btf_member *member,\n", f);
	align(f, col);
	fputs("const struct bpf_prog *prog)\n{\n", f);
	if (ops->any_sleepable)
		fputs("\tu32 moff = __btf_member_bit_offset(t, member) / 8;\n\n", f);
	fputs("\tif (!prog->sleepable)\n\t\treturn 0;\n", f);
	if (ops->any_sleepable) {
		fputs("\tswitch (moff) {\n", f);
		for (i = 0; i < ops->nmembers; i++)
			if (ops->members[i].kind == GEN_OP && ops->members[i].sleepable)
				fprintf(f, "\tcase offsetof(struct %s, %s):\n", s, ops->members[i].name);
		fputs("\t\treturn 0;\n\t}\n", f);
	}
	fputs("\tpr_info_ratelimited(\"rejecting program '%s': sleepable programs cannot implement an operator called under RCU\\n\",\n"
	      "\t\t\t    prog->aux->name);\n\treturn -EINVAL;\n}\n\n", f);
}

static void emit_init_member(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name, *s = ops->sname;
	int i, col;

	fprintf(f, "/*\n * Called for every member: 1 for the data members it copied and checked,\n"
		" * 0 for operators (the kernel sets those up), -errno to refuse the value.\n"
		" * First, the stop-gap for kernels that do not check which BTF an\n"
		" * operator's program was verified against (compat.h).\n"
		" */\n");
	col = fprintf(f, "static int %s_init_member(", n);
	fputs("const struct btf_type *t,\n", f);
	align(f, col);
	fputs("const struct btf_member *member,\n", f);
	align(f, col);
	fputs("void *kdata, const void *udata)\n{\n", f);
	if (any_data(ops))
		fprintf(f, "\tconst struct %s *uops = udata;\n"
			"\tstruct %s *ops = kdata;\n"
			"\tu32 moff = __btf_member_bit_offset(t, member) / 8;\n", s, s);
	fprintf(f, "\tchar prog[BPF_OBJ_NAME_LEN];\n\n"
		"\tif (kit_prog_is_foreign(%s_btf, t, member, udata,\n"
		"\t\t\t\tprog, sizeof(prog)))\n"
		"\t\treturn reject(\"program '%%s' was verified for another module's type\",\n"
		"\t\t\t      prog);\n", n);
	if (!any_data(ops)) {
		fprintf(f, "\t/* struct %s has no data members */\n\treturn 0;\n}\n\n", s);
		return;
	}
	fputs("\n\tswitch (moff) {\n", f);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind == GEN_OP)
			continue;
		fprintf(f, "\tcase offsetof(struct %s, %s):\n", s, m->name);
		if (m->kind == GEN_STRING) {
			fprintf(f, "\t\tif (check_string(uops->%s, sizeof(uops->%s), \"%s\"))\n"
				"\t\t\treturn -EINVAL;\n"
				"\t\tmemcpy(ops->%s, uops->%s, sizeof(ops->%s));\n",
				m->name, m->name, m->name, m->name, m->name, m->name);
		} else if (m->known_macro) {
			fprintf(f, "\t\tif (uops->%s & ~(%s))\n"
				"\t\t\treturn reject(\"%s: unknown bits %%#llx (known: %%#llx)\",\n"
				"\t\t\t\t      (u64)(uops->%s & ~(%s)),\n"
				"\t\t\t\t      (u64)(%s));\n"
				"\t\tops->%s = uops->%s;\n",
				m->name, m->known_macro, m->name, m->name, m->known_macro,
				m->known_macro, m->name, m->name);
		} else {
			char upper[64], umember[64];

			gen_upper(upper, n, sizeof(upper));
			gen_upper(umember, m->name, sizeof(umember));
			fprintf(f, "\t\t/* any value: define %s_%s_KNOWN to check its bits */\n"
				"\t\tops->%s = uops->%s;\n", upper, umember, m->name, m->name);
		}
		fputs("\t\treturn 1;\n", f);
	}
	fputs("\t}\n\treturn 0;\n}\n\n", f);
}

static void emit_reg(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name, *s = ops->sname;
	int i;

	fprintf(f, "/* Runs on every map update, before .reg or .update: is the value usable? */\n"
		"static int %s_validate(void *kdata)\n{\n", n);
	if (!any_required(ops)) {
		fprintf(f, "\t/* no operator of struct %s is marked @required */\n\treturn 0;\n}\n\n", s);
	} else {
		fprintf(f, "\tstruct %s *ops = kdata;\n\n", s);
		for (i = 0; i < ops->nmembers; i++)
			if (ops->members[i].kind == GEN_OP && ops->members[i].required)
				fprintf(f, "\tif (!ops->%s)\n\t\treturn reject(\"operator %s is required\");\n",
					ops->members[i].name, ops->members[i].name);
		fputs("\treturn 0;\n}\n\n", f);
	}

	fprintf(f, "static int %s_reg(void *kdata, struct bpf_link *link)\n{\n"
		"\tchar comm[TASK_COMM_LEN];\n\tint err = 0;\n\n"
		"\tmutex_lock(&%s_lock);\n"
		"\tif (rcu_access_pointer(%s_cur))\n\t\terr = -EEXIST;\n"
		"\telse\n\t\trcu_assign_pointer(%s_cur, kdata);\n"
		"\tmutex_unlock(&%s_lock);\n"
		"\tget_task_comm(comm, current);\n"
		"\tif (err)\n"
		"\t\tpr_info(\"refused a second implementation from %%*pE[%%d]: one is registered\\n\",\n"
		"\t\t\t(int)strlen(comm), comm, task_tgid_nr(current));\n"
		"\telse\n"
		"\t\tpr_info(\"implementation registered by %%*pE[%%d]%%s\\n\",\n"
		"\t\t\t(int)strlen(comm), comm, task_tgid_nr(current),\n"
		"\t\t\tlink ? \"\" : \" (no link)\");\n"
		"\treturn err;\n}\n\n", n, n, n, n, n);

	fprintf(f, "static void %s_unreg(void *kdata, struct bpf_link *link)\n{\n"
		"\tbool cleared = false;\n\n"
		"\tmutex_lock(&%s_lock);\n"
		"\t/* a stale unreg (not the current implementation) changes nothing */\n"
		"\tif (rcu_access_pointer(%s_cur) == kdata) {\n"
		"\t\tRCU_INIT_POINTER(%s_cur, NULL);\n\t\tcleared = true;\n\t}\n"
		"\tmutex_unlock(&%s_lock);\n"
		"\tif (!cleared)\n\t\treturn;\n", n, n, n, n, n);
	if (ops->any_sleepable)
		fprintf(f, "\t/* a sleepable caller may still be inside the old programs */\n"
			"\tsynchronize_srcu(&%s_srcu);\n", n);
	fputs("\tpr_info(\"implementation unregistered\\n\");\n}\n\n", f);

	fprintf(f, "/*\n * BPF_LINK_UPDATE: one pointer store from old_kdata to kdata, so a caller\n"
		" * sees the old implementation or the new one, never none.\n */\n"
		"static int %s_update(void *kdata, void *old_kdata, struct bpf_link *link)\n{\n"
		"\tint err = 0;\n\n"
		"\tmutex_lock(&%s_lock);\n"
		"\tif (rcu_access_pointer(%s_cur) != old_kdata)\n\t\terr = -ENOENT;\n"
		"\telse\n\t\trcu_assign_pointer(%s_cur, kdata);\n"
		"\tmutex_unlock(&%s_lock);\n"
		"\tif (err)\n\t\treturn err;\n", n, n, n, n, n);
	if (ops->any_sleepable)
		fprintf(f, "\tsynchronize_srcu(&%s_srcu);\n", n);
	fputs("\tpr_info(\"implementation replaced\\n\");\n\treturn 0;\n}\n\n", f);
}

static void emit_stubs(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name, *s = ops->sname;
	int i;

	fputs("/*\n * CFI stubs: the kernel takes each operator's prototype from these, and\n"
	      " * an argument whose name ends in __nullable may be NULL: the verifier\n"
	      " * makes programs check it before use.\n */\n", f);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind != GEN_OP)
			continue;
		fprintf(f, "static %s %s__%s(", ret_type(m), s, m->name);
		emit_params(f, m);
		fprintf(f, ")\n{\n%s}\n\n", m->ret_kind == GEN_VOID ? "" : "\treturn 0;\n");
	}
	fprintf(f, "static struct %s %s_cfi_stubs = {\n", s, n);
	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_OP)
			fprintf(f, "\t.%s = %s__%s,\n", ops->members[i].name, s,
				ops->members[i].name);
	fputs("};\n\n", f);
	fprintf(f, "static struct bpf_struct_ops %s_struct_ops = {\n"
		"\t.verifier_ops\t= &%s_verifier_ops,\n"
		"\t.init\t\t= %s_init,\n"
		"\t.check_member\t= %s_check_member,\n"
		"\t.init_member\t= %s_init_member,\n"
		"\t.validate\t= %s_validate,\n"
		"\t.reg\t\t= %s_reg,\n"
		"\t.unreg\t\t= %s_unreg,\n"
		"\t.update\t\t= %s_update,\n"
		"\t.cfi_stubs\t= &%s_cfi_stubs,\n"
		"\t.name\t\t= \"%s\",\n"
		"\t.owner\t\t= THIS_MODULE,\n};\n\n", n, n, n, n, n, n, n, n, n, n, s);
}

static bool uses_sample(const struct gen_ops *ops, enum gen_kind kind)
{
	int i, j;

	for (i = 0; i < ops->nmembers; i++)
		for (j = 0; j < ops->members[i].nparams; j++)
			if (ops->members[i].params[j].kind == kind)
				return true;
	return false;
}

static void emit_sample_arg(FILE *f, const struct gen_ops *ops,
			    const struct gen_param *p, int i)
{
	/* integers convert to the parameter's type: the prototype is in scope */
	if (p->kind == GEN_INT) {
		if (p->is_bool)
			fputs("true", f);
		else
			fprintf(f, "%lld", gen_sample_int(i));
		return;
	}
	if (p->nullable)
		fputs("null ? NULL : ", f);
	fprintf(f, "(%s)%s_sample_%s", p->type, ops->name,
		p->kind == GEN_STR ? "str" : "mem");
}

/* One test call: on one line if it fits in 100 columns, else one argument a line. */
static void emit_test_call(FILE *f, const struct gen_ops *ops,
			   const struct gen_member *m, int k)
{
	char *args = NULL, *head = NULL;
	size_t alen = 0, hlen = 0;
	FILE *a = open_memstream(&args, &alen), *h = open_memstream(&head, &hlen);
	int j;

	if (!a || !h) {
		fprintf(stderr, "out of memory\n");
		exit(1);
	}
	if (m->ret_kind != GEN_VOID)
		fprintf(h, "%s_test_ret[%d] = ", ops->name, k);
	fprintf(h, "%s_call_%s(", ops->name, m->name);
	fclose(h);
	for (j = 0; j < m->nparams; j++) {
		if (j)
			fputs(", ", a);
		emit_sample_arg(a, ops, &m->params[j], j);
	}
	fclose(a);
	if (16 + hlen + alen + 2 <= 100) {
		fprintf(f, "\t\t%s%s);\n", head, args);
	} else {
		fprintf(f, "\t\t%s", head);
		for (j = 0; j < m->nparams; j++) {
			if (j) {
				fputs(",\n", f);
				align(f, 16 + hlen);
			}
			emit_sample_arg(f, ops, &m->params[j], j);
		}
		fputs(");\n", f);
	}
	free(args);
	free(head);
}

static void emit_test(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name, *s = ops->sname;
	char up[64];
	int i, k, col;

	gen_upper(up, n, sizeof(up));
	fprintf(f, "/*\n * The test file. Integer argument i (from 0) gets 10 * (i + 1), bool\n"
		" * arguments true, char pointers \"sample\", other pointers a zeroed page\n"
		" * (NULL for __nullable ones after \" null\").\n */\n"
		"static const struct {\n\tconst char *name;\n\tbool is_void;\n\tbool is_signed;\n"
		"} %s_test_ops[%s_NR_OPS] = {\n", n, up);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind == GEN_OP)
			fprintf(f, "\t{ \"%s\", %s, %s },\n", m->name,
				m->ret_kind == GEN_VOID ? "true" : "false",
				m->ret_signed ? "true" : "false");
	}
	fprintf(f, "};\n\n"
		"static DEFINE_MUTEX(%s_test_lock);\t/* the results of the last write */\n"
		"static u64 %s_test_ret[%s_NR_OPS];\n"
		"static bool %s_test_called[%s_NR_OPS];\n"
		"static struct proc_dir_entry *%s_test_entry;\n",
		n, n, up, n, up, n);
	if (uses_sample(ops, GEN_PTR))
		fprintf(f, "static u64 %s_sample_mem[PAGE_SIZE / sizeof(u64)];\n", n);
	if (uses_sample(ops, GEN_STR))
		fprintf(f, "static const char %s_sample_str[] = \"sample\";\n", n);
	fputc('\n', f);

	fprintf(f, "static void %s_test_call(int op, bool null)\n{\n\tswitch (op) {\n", n);
	for (i = 0, k = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind != GEN_OP)
			continue;
		fprintf(f, "\tcase %d:\n", k);
		emit_test_call(f, ops, m, k++);
		fputs("\t\tbreak;\n", f);
	}
	fputs("\t}\n}\n\n", f);

	col = fprintf(f, "static ssize_t %s_test_write(", n);
	fputs("struct file *file, const char __user *ubuf,\n", f);
	align(f, col);
	fprintf(f, "size_t count, loff_t *ppos)\n{\n"
		"\tchar buf[64], *cmd, *arg;\n\tbool null = false;\n\tint i, op = -1;\n\n"
		"\tif (count >= sizeof(buf))\n\t\treturn -EINVAL;\n"
		"\tif (copy_from_user(buf, ubuf, count))\n\t\treturn -EFAULT;\n"
		"\tbuf[count] = '\\0';\n"
		"\tcmd = strim(buf);\n"
		"\targ = strchr(cmd, ' ');\n"
		"\tif (arg) {\n\t\t*arg++ = '\\0';\n"
		"\t\tif (strcmp(skip_spaces(arg), \"null\"))\n\t\t\treturn -EINVAL;\n"
		"\t\tnull = true;\n\t}\n"
		"\tif (strcmp(cmd, \"all\")) {\n"
		"\t\tfor (op = 0; op < %s_NR_OPS; op++)\n"
		"\t\t\tif (!strcmp(cmd, %s_test_ops[op].name))\n\t\t\t\tbreak;\n"
		"\t\tif (op == %s_NR_OPS)\n\t\t\treturn -EINVAL;\n\t}\n\n"
		"\tmutex_lock(&%s_test_lock);\n"
		"\tfor (i = 0; i < %s_NR_OPS; i++) {\n"
		"\t\t%s_test_called[i] = op < 0 || i == op;\n"
		"\t\tif (%s_test_called[i])\n\t\t\t%s_test_call(i, null);\n\t}\n"
		"\tmutex_unlock(&%s_test_lock);\n"
		"\treturn count;\n}\n\n",
		up, n, up, n, up, n, n, n, n);

	fprintf(f, "static int %s_test_show(struct seq_file *m, void *v)\n{\n"
		"\tstruct %s *ops;\n\tint i;\n\n"
		"\trcu_read_lock();\n"
		"\tops = rcu_dereference(%s_cur);\n"
		"\tseq_printf(m, \"registered %%s\\n\", ops ? \"yes\" : \"no\");\n",
		n, s, n);
	if (any_data(ops)) {
		fputs("\tif (ops) {\n", f);
		for (i = 0; i < ops->nmembers; i++) {
			const struct gen_member *m = &ops->members[i];

			if (m->kind == GEN_STRING)
				fprintf(f, "\t\tseq_printf(m, \"%s \\\"%%*pE\\\"\\n\",\n"
					"\t\t\t   (int)strnlen(ops->%s, sizeof(ops->%s)), ops->%s);\n",
					m->name, m->name, m->name, m->name);
			else if (m->kind == GEN_SCALAR)
				fprintf(f, "\t\tseq_printf(m, \"%s %%llu\\n\", (u64)ops->%s);\n",
					m->name, m->name);
		}
		fputs("\t}\n", f);
	}
	fprintf(f, "\trcu_read_unlock();\n\n"
		"\tmutex_lock(&%s_test_lock);\n"
		"\tfor (i = 0; i < %s_NR_OPS; i++) {\n"
		"\t\tif (!%s_test_called[i])\n\t\t\tcontinue;\n"
		"\t\tif (%s_test_ops[i].is_void)\n"
		"\t\t\tseq_printf(m, \"%%s void\\n\", %s_test_ops[i].name);\n"
		"\t\telse if (%s_test_ops[i].is_signed)\n"
		"\t\t\tseq_printf(m, \"%%s %%lld\\n\", %s_test_ops[i].name,\n"
		"\t\t\t\t   (s64)%s_test_ret[i]);\n"
		"\t\telse\n"
		"\t\t\tseq_printf(m, \"%%s %%llu\\n\", %s_test_ops[i].name,\n"
		"\t\t\t\t   %s_test_ret[i]);\n\t}\n"
		"\tmutex_unlock(&%s_test_lock);\n\treturn 0;\n}\n\n",
		n, up, n, n, n, n, n, n, n, n, n);

	fprintf(f, "static int %s_test_open(struct inode *inode, struct file *file)\n{\n"
		"\t/* the mode is 0600; a process that was handed the fd needs the cap too */\n"
		"\tif (!capable(CAP_SYS_ADMIN))\n\t\treturn -EPERM;\n"
		"\treturn single_open(file, %s_test_show, NULL);\n}\n\n"
		"static const struct proc_ops %s_test_proc_ops = {\n"
		"\t.proc_open\t= %s_test_open,\n"
		"\t.proc_read\t= seq_read,\n"
		"\t.proc_write\t= %s_test_write,\n"
		"\t.proc_lseek\t= seq_lseek,\n"
		"\t.proc_release\t= single_release,\n};\n\n", n, n, n, n, n);
}

static void emit_init_exit(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name, *s = ops->sname;
	char up[64];
	int col;

	gen_upper(up, n, sizeof(up));
	fprintf(f, "static int __init %s_module_init(void)\n{\n\tint err;\n\n", n);
	col = fprintf(f, "\t%s_test_entry = proc_create(", n) + 7;
	fprintf(f, "\"%s_test\", 0600, NULL,\n", n);
	align(f, col);
	fprintf(f, "&%s_test_proc_ops);\n"
		"\tif (!%s_test_entry)\n\t\treturn -ENOMEM;\n"
		"\t/* unregistered with the module's BTF when the module goes away */\n"
		"\terr = register_bpf_struct_ops(&%s_struct_ops, %s);\n"
		"\tif (err) {\n"
		"\t\tpr_err(\"cannot register struct_ops type %s: %%d\\n\", err);\n"
		"\t\tgoto err_remove;\n\t}\n"
		"\tif (!%s_btf)\n"
		"\t\tpr_warn(\"loaded without BTF: struct_ops type %s is not registered (build with pahole and CONFIG_DEBUG_INFO_BTF_MODULES=y)\\n\");\n"
		"\telse\n"
		"\t\tpr_info(\"struct_ops type %s registered (%%d operators)\\n\", %s_NR_OPS);\n"
		"\treturn 0;\n\n"
		"err_remove:\n\tproc_remove(%s_test_entry);\n\treturn err;\n}\n\n"
		"static void __exit %s_module_exit(void)\n{\n"
		"\t/* waits for the callers still inside the test file's handlers */\n"
		"\tproc_remove(%s_test_entry);\n}\n\n"
		"module_init(%s_module_init);\nmodule_exit(%s_module_exit);\n\n"
		"MODULE_LICENSE(\"GPL\");\n"
		"MODULE_DESCRIPTION(\"struct_ops type %s, implemented by BPF programs\");\n",
		n, n, n, s, s, n, s, s, up, n, n, n, n, n, s);
}

void gen_emit_module_c(FILE *f, const struct gen_ops *ops)
{
	emit_head(f, ops);
	emit_state(f, ops);
	emit_wrappers(f, ops);
	emit_reject(f, ops);
	emit_verifier(f, ops);
	emit_init_member(f, ops);
	emit_reg(f, ops);
	emit_stubs(f, ops);
	emit_test(f, ops);
	emit_init_exit(f, ops);
}

/* module/compat.h of the kit's own source (compat.S), as it is */
extern const char gen_compat_h[];

void gen_emit_compat_h(FILE *f, const struct gen_ops *ops)
{
	fputs(gen_compat_h, f);
}

void gen_emit_kbuild(FILE *f, const struct gen_ops *ops)
{
	fprintf(f, "# SPDX-License-Identifier: GPL-2.0\n"
		"# Module BTF (which struct_ops needs) comes from the kernel's\n"
		"# CONFIG_DEBUG_INFO_BTF_MODULES and pahole, not from flags here.\n"
		"obj-m += %s.o\n", ops->name);
}
