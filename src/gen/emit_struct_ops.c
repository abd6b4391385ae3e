// SPDX-License-Identifier: GPL-2.0
/*
 * The struct_ops callbacks of a generated module/NAME.c, which the kernel
 * calls: the verifier's ops, .check_member (sleepable programs), the
 * refusal helpers and .init_member (data members, foreign programs),
 * .validate (@required operators), .reg, .unreg and .update, the CFI
 * stubs and the struct bpf_struct_ops that ties them together.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

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

/* kit_check_string() is emitted only when a string member calls it (-Werror=unused-function). */
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
		fprintf(f, "static %s %s__%s(", emit_ret_type(m), s, m->name);
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

void gen_emit_struct_ops(FILE *f, const struct gen_ops *ops)
{
	emit_reject(f, ops);
	emit_verifier(f, ops);
	emit_init_member(f, ops);
	emit_reg(f, ops);
	emit_stubs(f, ops);
}
