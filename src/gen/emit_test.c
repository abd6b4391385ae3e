// SPDX-License-Identifier: GPL-2.0
/*
 * The generated module's test file, /sys/kernel/debug/NAME/test: it calls
 * every operator with sample arguments (samples.c says which object a
 * kernel type gets) and shows what each returned.
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

static void emit_test_table(FILE *f, const struct gen_ops *ops, const char *up)
{
	int i;

	fprintf(f, "/*\n * The test file, /sys/kernel/debug/%s/test. Integer argument i (from 0)\n"
		" * gets 10 * (i + 1), bool arguments true, char pointers \"sample\",\n"
		" * pointers to the header's own structs (and to void and integers) a\n"
		" * zeroed page. The verifier trusts a kernel object's pointer, so those\n"
		" * get a real object (current for a task) or, where there is none to\n"
		" * pass, NULL if __nullable; an operator with neither is not called.\n"
		" * \" null\" passes NULL for every __nullable argument.\n */\n"
		"static const struct {\n\tconst char *name;\n\tbool is_void;\n\tbool is_signed;\n"
		"\tconst char *skipped;\t/* why the test file does not call it */\n"
		"} kit_test_ops[%s_NR_OPS] = {\n", ops->name, up);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind != GEN_OP)
			continue;
		fprintf(f, "\t{ \"%s\", %s, %s", m->name,
			m->ret_kind == GEN_VOID ? "true" : "false",
			m->ret_signed ? "true" : "false");
		if (m->unsampled)
			fprintf(f, ",\n\t  \"%s is a kernel object the test file cannot make\"",
				m->unsampled->name);
		fputs(" },\n", f);
	}
	fprintf(f, "};\n\n"
		"static DEFINE_MUTEX(kit_test_lock);\t/* the results of the last write */\n"
		"static u64 kit_test_ret[%s_NR_OPS];\n"
		"static int kit_test_err[%s_NR_OPS];\n"
		"static bool kit_test_called[%s_NR_OPS];\n"
		"static struct dentry *kit_test_dir;\n", up, up, up);
	if (uses_sample(ops, GEN_PTR, GEN_SAMPLE_MEM))
		fputs("static u64 kit_sample_mem[PAGE_SIZE / sizeof(u64)];\n", f);
	if (uses_sample(ops, GEN_STR, GEN_SAMPLE_MEM))
		fputs("static const char kit_sample_str[] = \"sample\";\n", f);
	fputc('\n', f);
}

static void emit_test_show(FILE *f, const struct gen_ops *ops, const char *up)
{
	int i;

	fprintf(f, "static int kit_test_show(struct seq_file *m, void *v)\n{\n"
		"\tstruct %s *ops;\n\tint i;\n\n"
		"\trcu_read_lock();\n"
		"\tops = rcu_dereference(kit_cur);\n"
		"\tseq_printf(m, \"registered %%s\\n\", ops ? \"yes\" : \"no\");\n",
		ops->sname);
	if (gen_any_data(ops)) {
		fputs("\tif (ops) {\n", f);
		for (i = 0; i < ops->nmembers; i++) {
			const struct gen_member *m = &ops->members[i];

			if (m->kind == GEN_STRING)
				fprintf(f, "\t\tseq_printf(m, \"%s \\\"%%*pE\\\"\\n\",\n"
					"\t\t\t   (int)strnlen(ops->%s, sizeof(ops->%s)), ops->%s);\n",
					m->name, m->name, m->name, m->name);
			else if (m->kind == GEN_BYTES)
				fprintf(f, "\t\tseq_printf(m, \"%s %%*phN\\n\",\n"
					"\t\t\t   (int)min(sizeof(ops->%s), (size_t)64), ops->%s);\n",
					m->name, m->name, m->name);
			else if (m->kind == GEN_SCALAR && m->data_signed)
				fprintf(f, "\t\tseq_printf(m, \"%s %%lld\\n\", (s64)ops->%s);\n",
					m->name, m->name);
			else if (m->kind == GEN_SCALAR)
				fprintf(f, "\t\tseq_printf(m, \"%s %%llu\\n\", (u64)ops->%s);\n",
					m->name, m->name);
		}
		fputs("\t}\n", f);
	}
	fprintf(f, "\trcu_read_unlock();\n\n"
		"\tmutex_lock(&kit_test_lock);\n"
		"\tfor (i = 0; i < %s_NR_OPS; i++) {\n"
		"\t\tif (!kit_test_called[i])\n\t\t\tcontinue;\n"
		"\t\tif (kit_test_err[i] == -ENOENT)\n"
		"\t\t\tseq_printf(m, \"%%s skipped: %%s\\n\", kit_test_ops[i].name,\n"
		"\t\t\t\t   kit_test_ops[i].skipped);\n"
		"\t\telse if (kit_test_err[i])\n"
		"\t\t\tseq_printf(m, \"%%s error %%d\\n\", kit_test_ops[i].name,\n"
		"\t\t\t\t   kit_test_err[i]);\n"
		"\t\telse if (kit_test_ops[i].is_void)\n"
		"\t\t\tseq_printf(m, \"%%s void\\n\", kit_test_ops[i].name);\n"
		"\t\telse if (kit_test_ops[i].is_signed)\n"
		"\t\t\tseq_printf(m, \"%%s %%lld\\n\", kit_test_ops[i].name,\n"
		"\t\t\t\t   (s64)kit_test_ret[i]);\n"
		"\t\telse\n"
		"\t\t\tseq_printf(m, \"%%s %%llu\\n\", kit_test_ops[i].name,\n"
		"\t\t\t\t   kit_test_ret[i]);\n\t}\n"
		"\tmutex_unlock(&kit_test_lock);\n\treturn 0;\n}\n\n", up);
}

void gen_emit_test(FILE *f, const struct gen_ops *ops)
{
	char up[64];
	int i, k, col;

	gen_upper(up, ops->name, sizeof(up));
	emit_test_table(f, ops, up);
	for_each_kobj(ops, f, emit_helper);
	fputs("static int kit_test_call(int op, bool null, struct file *file)\n{\n"
	      "\tswitch (op) {\n", f);
	for (i = 0, k = 0; i < ops->nmembers; i++)
		if (ops->members[i].kind == GEN_OP)
			emit_test_case(f, ops, &ops->members[i], k++);
	fputs("\t}\n\treturn 0;\n}\n\n", f);

	col = fprintf(f, "static ssize_t kit_test_write(");
	fputs("struct file *file, const char __user *ubuf,\n", f);
	emit_align(f, col);
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
		"\t\t\tif (!strcmp(cmd, kit_test_ops[op].name))\n\t\t\t\tbreak;\n"
		"\t\tif (op == %s_NR_OPS)\n\t\t\treturn -EINVAL;\n\t}\n\n"
		"\tmutex_lock(&kit_test_lock);\n"
		"\tfor (i = 0; i < %s_NR_OPS; i++) {\n"
		"\t\tkit_test_called[i] = op < 0 || i == op;\n"
		"\t\tif (kit_test_called[i])\n"
		"\t\t\tkit_test_err[i] = kit_test_call(i, null, file);\n\t}\n"
		"\tmutex_unlock(&kit_test_lock);\n"
		"\treturn count;\n}\n\n", up, up, up);
	emit_test_show(f, ops, up);
	fputs("static int kit_test_open(struct inode *inode, struct file *file)\n{\n"
	      "\t/* the mode is 0600; a process that was handed the fd needs the cap too */\n"
	      "\tif (!capable(CAP_SYS_ADMIN))\n\t\treturn -EPERM;\n"
	      "\treturn single_open(file, kit_test_show, NULL);\n}\n\n"
	      "static const struct file_operations kit_test_fops = {\n"
	      "\t.owner\t\t= THIS_MODULE,\n"
	      "\t.open\t\t= kit_test_open,\n"
	      "\t.read\t\t= seq_read,\n"
	      "\t.write\t\t= kit_test_write,\n"
	      "\t.llseek\t\t= seq_lseek,\n"
	      "\t.release\t= single_release,\n};\n\n", f);
}
