// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel side of a generated kit: module/NAME.h (the user's ops table,
 * the call wrappers' prototypes) and module/NAME.c, which follows
 * module/seed.c's patterns: every callback 6.12 dereferences, one __rcu
 * pointer changed under a mutex, compare-before-clear, strict context
 * access, CFI stubs that keep "__nullable", and SRCU for operators the
 * header marks @sleepable.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

bool gen_any_data(const struct gen_ops *ops)
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
void emit_align(FILE *f, int col)
{
	fprintf(f, "%.*s%*s", col / 8, "\t\t\t\t\t\t\t\t\t\t\t\t", col % 8, "");
}

static const char *ret_type(const struct gen_member *m)
{
	return m->ret_kind == GEN_VOID ? "void" : m->ret_type;
}

/*
 * The header as written, but for its #include <...> lines, which are above
 * (kernel only): each becomes a comment saying so.
 */
static void emit_header_text(FILE *f, const struct gen_ops *ops, const char *text)
{
	const char *scanned = ops->scan.text + (text - ops->header_text);
	size_t len = strlen(text), i = 0;

	while (i < len) {
		size_t eol = strcspn(text + i, "\n");
		/* scan.c blanked the directive's bytes; the rest of the line is as written */
		size_t d = 0, e = eol;

		while (d < eol && text[i + d] == scanned[i + d])
			d++;
		while (e > d && text[i + e - 1] == scanned[i + e - 1])
			e--;
		fwrite(text + i, 1, d, f);
		if (e > d)
			fprintf(f, "/* %.*s: above, for the kernel only */", (int)(e - d), text + i + d);
		fwrite(text + i + e, 1, eol - e, f);
		i += eol;
		if (i < len)
			fputc(text[i++], f);
	}
	if (len && text[len - 1] != '\n')
		fputc('\n', f);
}

void gen_emit_module_h(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name;
	char upper[64], guard[80];
	const char *text, *eol;
	int i;

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
	for (i = 0; i < ops->nrecords; i++)
		fprintf(f, "%s%s;\n", i ? "" : "/* the structs and unions the header names */\n",
			ops->records[i]);
	if (ops->nrecords)
		fputc('\n', f);
	if (ops->scan.nincludes) {
		fputs("#ifdef __KERNEL__\n/* the kernel headers it includes (BPF programs have vmlinux.h) */\n", f);
		for (i = 0; i < ops->scan.nincludes; i++)
			fprintf(f, "#include <%s>\n", ops->scan.includes[i]);
		fputs("#endif\n\n", f);
	}
	if (ops->scan.annotations) {
		fputs("#ifndef __KERNEL__\n/* the kernel's annotations it uses, for BPF programs */\n", f);
		for (i = 0; i < GEN_NR_ANNOTATIONS; i++) {
			const struct gen_annotation *a = &gen_annotations[i];

			if (!(ops->scan.annotations & (1u << i)))
				continue;
			fprintf(f, "#ifndef %.*s\n#define %s%s%s\n#endif\n",
				(int)strcspn(a->name, "("), a->name, a->name,
				*a->value ? " " : "", a->value);
		}
		fputs("#endif\n\n", f);
	}
	fprintf(f, "/* ---- %s ---- */\n", ops->header);
	emit_header_text(f, ops, text);
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
		fprintf(f, "%s %s_call_%s(", ret_type(m), n, m->name);
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

static void emit_reject(FILE *f, const struct gen_ops *ops)
{
	fputs("/* Refuse an implementation: the map update (the attach) fails with EINVAL. */\n"
	      "static __printf(1, 2) int kit_reject(const char *fmt, ...)\n{\n"
	      "\tstruct va_format vaf;\n\tva_list args;\n\n"
	      "\tva_start(args, fmt);\n\tvaf.fmt = fmt;\n\tvaf.va = &args;\n"
	      "\tpr_info_ratelimited(\"rejecting implementation: %pV\\n\", &vaf);\n"
	      "\tva_end(args);\n\treturn -EINVAL;\n}\n\n", f);
	if (!any_string(ops))
		return;
	fputs("/*\n * A string member: printable ASCII (0x20 to 0x7e) but '\"' and '\\\\',\n"
	      " * NUL-terminated, zeros after the NUL (so that the value compares and\n"
	      " * prints as it reads). Not isprint(): the kernel's takes Latin-1 too.\n */\n"
	      "static int kit_check_string(const char *s, size_t size, const char *member)\n{\n"
	      "\tsize_t len = strnlen(s, size), i;\n\n"
	      "\tif (len == size)\n"
	      "\t\treturn kit_reject(\"%s is not NUL-terminated (at most %zu characters)\",\n"
	      "\t\t\t\t  member, size - 1);\n"
	      "\tif (memchr_inv(s + len, 0, size - len))\n"
	      "\t\treturn kit_reject(\"%s: the bytes after its NUL must be zero\", member);\n"
	      "\tfor (i = 0; i < len; i++) {\n"
	      "\t\tunsigned char c = s[i];\n\n"
	      "\t\tif (c < 0x20 || c > 0x7e || c == '\"' || c == '\\\\')\n"
	      "\t\t\treturn kit_reject(\"%s: byte %zu is not printable ASCII (or is '\\\"' or '\\\\')\",\n"
	      "\t\t\t\t\t  member, i);\n"
	      "\t}\n\treturn 0;\n}\n\n", f);
}

static void emit_verifier(FILE *f, const struct gen_ops *ops)
{
	int i, col;

	fputs("static int kit_init(struct btf *btf)\n{\n"
	      "\tkit_btf = btf;\n\treturn 0;\n}\n\n", f);
	col = fprintf(f, "static bool kit_is_valid_access(");
	fputs("int off, int size, enum bpf_access_type type,\n", f);
	emit_align(f, col);
	fputs("const struct bpf_prog *prog,\n", f);
	emit_align(f, col);
	fputs("struct bpf_insn_access_aux *info)\n{\n"
	      "\t/* read-only, aligned, in-range access to the arguments, typed by BTF */\n"
	      "\treturn bpf_tracing_btf_ctx_access(off, size, type, prog, info);\n}\n\n"
	      "static const struct bpf_func_proto *\n"
	      "kit_get_func_proto(enum bpf_func_id func_id, const struct bpf_prog *prog)\n{\n"
	      "\t/* the base helpers: bpf_printk and the rest for CAP_PERFMON */\n"
	      "\treturn bpf_base_func_proto(func_id, prog);\n}\n\n"
	      "static const struct bpf_verifier_ops kit_verifier_ops = {\n"
	      "\t.get_func_proto\t\t= kit_get_func_proto,\n"
	      "\t.is_valid_access\t= kit_is_valid_access,\n};\n\n", f);

	fputs("/*\n * The call wrappers run operators under rcu_read_lock(): a sleepable\n"
	      " * program (SEC(\"struct_ops.s/...\")) would sleep there.", f);
	if (ops->any_sleepable)
		fputs(" Operators marked\n * @sleepable are called under SRCU, where it may.\n */\n", f);
	else
		fputs(" Mark an\n * operator @sleepable in the header to call it under SRCU instead.\n */\n", f);
	col = fprintf(f, "static int kit_check_member(");
	fputs("const struct btf_type *t,\n", f);
	emit_align(f, col);
	fputs("const struct btf_member *member,\n", f);
	emit_align(f, col);
	fputs("const struct bpf_prog *prog)\n{\n", f);
	if (ops->any_sleepable)
		fputs("\tu32 kit_moff = __btf_member_bit_offset(t, member) / 8;\n\n", f);
	fputs("\tif (!prog->sleepable)\n\t\treturn 0;\n", f);
	if (ops->any_sleepable) {
		fputs("\tswitch (kit_moff) {\n", f);
		for (i = 0; i < ops->nmembers; i++)
			if (ops->members[i].kind == GEN_OP && ops->members[i].sleepable)
				fprintf(f, "\tcase offsetof(struct %s, %s):\n", ops->sname,
					ops->members[i].name);
		fputs("\t\treturn 0;\n\t}\n", f);
	}
	fputs("\tpr_info_ratelimited(\"rejecting program '%s': sleepable programs cannot implement an operator called under RCU\\n\",\n"
	      "\t\t\t    prog->aux->name);\n\treturn -EINVAL;\n}\n\n", f);
}

static void emit_init_member(FILE *f, const struct gen_ops *ops)
{
	const char *s = ops->sname;
	int i, col;

	fprintf(f, "/*\n * Called for every member: 1 for the data members it copied and checked,\n"
		" * 0 for operators (the kernel sets those up), -errno to refuse the value.\n"
		" * First, the stop-gap for kernels that do not check which BTF an\n"
		" * operator's program was verified against (compat.h).\n"
		" */\n");
	col = fprintf(f, "static int kit_init_member(");
	fputs("const struct btf_type *t,\n", f);
	emit_align(f, col);
	fputs("const struct btf_member *member,\n", f);
	emit_align(f, col);
	fputs("void *kdata, const void *udata)\n{\n", f);
	if (gen_any_data(ops))
		fprintf(f, "\tconst struct %s *kit_uops = udata;\n"
			"\tstruct %s *kit_ops = kdata;\n"
			"\tu32 kit_moff = __btf_member_bit_offset(t, member) / 8;\n", s, s);
	fputs("\tchar kit_prog[BPF_OBJ_NAME_LEN];\n\n"
	      "\tif (kit_prog_is_foreign(kit_btf, t, member, udata,\n"
	      "\t\t\t\tkit_prog, sizeof(kit_prog)))\n"
	      "\t\treturn kit_reject(\"program '%s' was verified for another module's type\",\n"
	      "\t\t\t\t  kit_prog);\n", f);
	if (!gen_any_data(ops)) {
		fprintf(f, "\t/* struct %s has no data members */\n\treturn 0;\n}\n\n", s);
		return;
	}
	fputs("\n\tswitch (kit_moff) {\n", f);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];
		const char *mn = m->name;

		if (m->kind == GEN_OP)
			continue;
		fprintf(f, "\tcase offsetof(struct %s, %s):\n", s, mn);
		if (m->kind == GEN_STRING) {
			fprintf(f, "\t\tif (kit_check_string(kit_uops->%s, sizeof(kit_uops->%s), \"%s\"))\n"
				"\t\t\treturn -EINVAL;\n"
				"\t\tmemcpy(kit_ops->%s, kit_uops->%s, sizeof(kit_ops->%s));\n",
				mn, mn, mn, mn, mn, mn);
		} else if (m->kind == GEN_BYTES) {
			fprintf(f, "\t\t/* bytes: any value */\n"
				"\t\tmemcpy(kit_ops->%s, kit_uops->%s, sizeof(kit_ops->%s));\n",
				mn, mn, mn);
		} else if (m->known_macro) {
			fprintf(f, "\t\tif (kit_uops->%s & ~(%s))\n"
				"\t\t\treturn kit_reject(\"%s: unknown bits %%#llx (known: %%#llx)\",\n"
				"\t\t\t\t\t  (u64)(kit_uops->%s & ~(%s)),\n"
				"\t\t\t\t\t  (u64)(%s));\n"
				"\t\tkit_ops->%s = kit_uops->%s;\n",
				mn, m->known_macro, mn, mn, m->known_macro,
				m->known_macro, mn, mn);
		} else {
			char upper[64], umember[64];

			gen_upper(upper, ops->name, sizeof(upper));
			gen_upper(umember, mn, sizeof(umember));
			fprintf(f, "\t\t/* any value: define %s_%s_KNOWN to check its bits */\n"
				"\t\tkit_ops->%s = kit_uops->%s;\n", upper, umember, mn, mn);
		}
		fputs("\t\treturn 1;\n", f);
	}
	fputs("\t}\n\treturn 0;\n}\n\n", f);
}

static void emit_reg(FILE *f, const struct gen_ops *ops)
{
	int i;

	fputs("/* Runs on every map update, before .reg or .update: is the value usable? */\n"
	      "static int kit_validate(void *kdata)\n{\n", f);
	if (!any_required(ops)) {
		fprintf(f, "\t/* no operator of struct %s is marked @required */\n\treturn 0;\n}\n\n",
			ops->sname);
	} else {
		fprintf(f, "\tstruct %s *kit_ops = kdata;\n\n", ops->sname);
		for (i = 0; i < ops->nmembers; i++)
			if (ops->members[i].kind == GEN_OP && ops->members[i].required)
				fprintf(f, "\tif (!kit_ops->%s)\n\t\treturn kit_reject(\"operator %s is required\");\n",
					ops->members[i].name, ops->members[i].name);
		fputs("\treturn 0;\n}\n\n", f);
	}

	fputs("static int kit_reg(void *kdata, struct bpf_link *link)\n{\n"
	      "\tchar comm[TASK_COMM_LEN];\n\tint err = 0;\n\n"
	      "\tmutex_lock(&kit_lock);\n"
	      "\tif (rcu_access_pointer(kit_cur))\n\t\terr = -EEXIST;\n"
	      "\telse\n\t\trcu_assign_pointer(kit_cur, kdata);\n"
	      "\tmutex_unlock(&kit_lock);\n"
	      "\tget_task_comm(comm, current);\n"
	      "\tif (err)\n"
	      "\t\tpr_info(\"refused a second implementation from %*pE[%d]: one is registered\\n\",\n"
	      "\t\t\t(int)strlen(comm), comm, task_tgid_nr(current));\n"
	      "\telse\n"
	      "\t\tpr_info(\"implementation registered by %*pE[%d]%s\\n\",\n"
	      "\t\t\t(int)strlen(comm), comm, task_tgid_nr(current),\n"
	      "\t\t\tlink ? \"\" : \" (no link)\");\n"
	      "\treturn err;\n}\n\n", f);

	fputs("static void kit_unreg(void *kdata, struct bpf_link *link)\n{\n"
	      "\tbool cleared = false;\n\n"
	      "\tmutex_lock(&kit_lock);\n"
	      "\t/* a stale unreg (not the current implementation) changes nothing */\n"
	      "\tif (rcu_access_pointer(kit_cur) == kdata) {\n"
	      "\t\tRCU_INIT_POINTER(kit_cur, NULL);\n\t\tcleared = true;\n\t}\n"
	      "\tmutex_unlock(&kit_lock);\n"
	      "\tif (!cleared)\n\t\treturn;\n", f);
	if (ops->any_sleepable)
		fputs("\t/* a sleepable caller may still be inside the old programs */\n"
		      "\tsynchronize_srcu(&kit_srcu);\n", f);
	fputs("\tpr_info(\"implementation unregistered\\n\");\n}\n\n", f);

	fputs("/*\n * BPF_LINK_UPDATE: one pointer store from old_kdata to kdata, so a caller\n"
	      " * sees the old implementation or the new one, never none.\n */\n"
	      "static int kit_update(void *kdata, void *old_kdata, struct bpf_link *link)\n{\n"
	      "\tint err = 0;\n\n"
	      "\tmutex_lock(&kit_lock);\n"
	      "\tif (rcu_access_pointer(kit_cur) != old_kdata)\n\t\terr = -ENOENT;\n"
	      "\telse\n\t\trcu_assign_pointer(kit_cur, kdata);\n"
	      "\tmutex_unlock(&kit_lock);\n"
	      "\tif (err)\n\t\treturn err;\n", f);
	if (ops->any_sleepable)
		fputs("\tsynchronize_srcu(&kit_srcu);\n", f);
	fputs("\tpr_info(\"implementation replaced\\n\");\n\treturn 0;\n}\n\n", f);
}

static void emit_stubs(FILE *f, const struct gen_ops *ops)
{
	const char *s = ops->sname;
	int i;

	fprintf(f, "/*\n * CFI stubs: the kernel takes each operator's prototype from these, and\n"
		" * an argument whose name ends in __nullable may be NULL: the verifier\n"
		" * makes programs check it before use. The kernel finds them by name,\n"
		" * %s__OP (prepare_arg_info()).\n */\n", s);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind != GEN_OP)
			continue;
		fprintf(f, "static %s %s__%s(", ret_type(m), s, m->name);
		emit_params(f, m);
		fprintf(f, ")\n{\n%s}\n\n", m->ret_kind == GEN_VOID ? "" : "\treturn 0;\n");
	}
	fprintf(f, "static struct %s kit_cfi_stubs = {\n", s);
	for (i = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_OP)
			fprintf(f, "\t.%s = %s__%s,\n", ops->members[i].name, s,
				ops->members[i].name);
	fprintf(f, "};\n\n"
		"static struct bpf_struct_ops kit_struct_ops = {\n"
		"\t.verifier_ops\t= &kit_verifier_ops,\n"
		"\t.init\t\t= kit_init,\n"
		"\t.check_member\t= kit_check_member,\n"
		"\t.init_member\t= kit_init_member,\n"
		"\t.validate\t= kit_validate,\n"
		"\t.reg\t\t= kit_reg,\n"
		"\t.unreg\t\t= kit_unreg,\n"
		"\t.update\t\t= kit_update,\n"
		"\t.cfi_stubs\t= &kit_cfi_stubs,\n"
		"\t.name\t\t= \"%s\",\n"
		"\t.owner\t\t= THIS_MODULE,\n};\n\n", s);
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
	emit_reject(f, ops);
	emit_verifier(f, ops);
	emit_init_member(f, ops);
	emit_reg(f, ops);
	emit_stubs(f, ops);
	gen_emit_test(f, ops);
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
