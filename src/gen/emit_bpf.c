// SPDX-License-Identifier: GPL-2.0
/* The BPF side of a generated kit: bpf/NAME.bpf.c, a default implementation. */
#include <string.h>

#include "emit.h"

void gen_emit_bpf_c(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name;
	char name[128];
	int i, j, k;

	fprintf(f, "// SPDX-License-Identifier: GPL-2.0\n"
		"/*\n"
		" * A default implementation of struct %s, ready to edit. Written by\n"
		" * 'struct_ops new %s %s'.\n"
		" *\n"
		" * Operator number K (1 for the first) returns K + the sum of its integer\n"
		" * arguments + the number of its non-NULL pointer arguments, so that\n"
		" * /sys/kernel/debug/%s/test shows which program answered. Each logs its call\n"
		" * with bpf_printk, which writes to the trace buffer\n"
		" * (/sys/kernel/tracing/trace_pipe), not to dmesg.\n"
		" *\n"
		" * The map is in .struct_ops.link: attaching creates a BPF link, and the\n"
		" * implementation goes away with the link (or the loader) instead of\n"
		" * lingering. Load it with 'struct_ops run -o %s.bpf.o -N'.\n"
		" */\n"
		"#include \"vmlinux.h\"\n"
		"#include <bpf/bpf_helpers.h>\n"
		"#include <bpf/bpf_tracing.h>\n\n"
		"#include \"%s.h\"\n\n"
		"char _license[] SEC(\"license\") = \"GPL\";\n\n",
		ops->sname, n, ops->header, n, n, n);
	for (i = 0, k = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind != GEN_OP)
			continue;
		k++;
		if (m->sleepable)
			fputs("/* @sleepable: this program may sleep (bpf_copy_from_user and the like) */\n", f);
		fprintf(f, "SEC(\"struct_ops%s/%s\")\n%s BPF_PROG(%s_%s",
			m->sleepable ? ".s" : "", m->name,
			m->ret_kind == GEN_VOID ? "void" : m->ret_type, n, m->name);
		for (j = 0; j < m->nparams; j++) {
			fputs(", ", f);
			emit_decl(f, m->params[j].type, gen_bpf_name(m, j, name, sizeof(name)));
		}
		fputs(")\n{\n", f);
		if (m->ret_kind == GEN_VOID) {
			fprintf(f, "\tbpf_printk(\"%s: %s called\");\n}\n\n", n, m->name);
			continue;
		}
		fprintf(f, "\tlong long kit_ret = %d;\n\n", k);
		for (j = 0; j < m->nparams; j++) {
			const struct gen_param *p = &m->params[j];
			const char *pn = gen_bpf_name(m, j, name, sizeof(name));

			if (p->kind == GEN_INT)
				fprintf(f, "\tkit_ret += %s;\n", pn);
			else if (p->opaque)
				fprintf(f, "\t/* %s: the verifier lets no program read it: %s */\n",
					pn, p->opaque);
			else if (p->nullable)
				fprintf(f, "\t/* __nullable: the verifier insists on this check */\n"
					"\tif (%s)\n\t\tkit_ret++;\n", pn);
			else
				fprintf(f, "\tif (%s)\n\t\tkit_ret++;\n", pn);
		}
		fprintf(f, "%s\tbpf_printk(\"%s: %s returns %%lld\", kit_ret);\n"
			"\treturn kit_ret;\n}\n\n", m->nparams ? "\n" : "", n, m->name);
	}
	fprintf(f, "SEC(\".struct_ops.link\")\nstruct %s %s_default = {\n", ops->sname, n);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind == GEN_OP)
			fprintf(f, "\t.%s = (void *)%s_%s,\n", m->name, n, m->name);
		else if (m->kind == GEN_STRING && m->size > strlen("default"))
			fprintf(f, "\t.%s = \"default\",\n", m->name);
	}
	fputs("};\n", f);
}
