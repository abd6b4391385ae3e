// SPDX-License-Identifier: GPL-2.0
/*
 * module/NAME.h of a generated kit: the user's header as written between
 * markers (the one definition of the ops table, for the module and for
 * BPF programs), the records it names, its kernel #includes and
 * annotations, and the call wrappers' prototypes.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"

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
		fprintf(f, "%s %s_call_%s(", emit_ret_type(m), n, m->name);
		emit_params(f, m);
		fputs(");\n", f);
	}
	fprintf(f, "/* Is an implementation registered now? */\n"
		"bool %s_registered(void);\n"
		"#endif /* __KERNEL__ */\n\n"
		"#endif /* %s */\n", n, guard);
}
