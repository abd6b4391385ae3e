// SPDX-License-Identifier: GPL-2.0
/*
 * Read an ops table from an ordinary C header with libclang.
 *
 * BTF is not enough for this: the BTF clang emits for a function pointer
 * member has anonymous parameters, so "__nullable" suffixes and names are
 * lost. libclang's cursors keep them (a FIELD_DECL of function pointer
 * type has PARM_DECL children with their names). The header is parsed
 * after a prelude that declares the kernel's types (layout.c writes it
 * from a kernel's BTF), for the BPF target, whose layout is what the
 * kernel's verifier checks programs against.
 *
 * This file reads the file, has libclang parse it, and finds the struct;
 * header_members.c reads its members, header_types.c their types.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sys/stat.h>

#include "reader.h"

#define HEADER_MAX	(1 << 20)

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	struct reader *r = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	char *name;

	if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	if (k == CXCursor_MacroDefinition) {
		char **m = realloc(r->macros, (r->nmacros + 1) * sizeof(*m));

		if (!m)
			return CXChildVisit_Break;
		r->macros = m;
		r->macros[r->nmacros++] = cx_dup(clang_getCursorSpelling(c));
		return CXChildVisit_Continue;
	}
	if ((k != CXCursor_StructDecl && k != CXCursor_UnionDecl) ||
	    !clang_isCursorDefinition(c))
		return CXChildVisit_Continue;
	name = cx_dup(clang_getCursorSpelling(c));
	if (!strcmp(name, r->ops->sname)) {
		r->def = c;
		r->found = k == CXCursor_StructDecl;
		r->is_union = k == CXCursor_UnionDecl;
	}
	free(name);
	return CXChildVisit_Continue;
}

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "re");
	struct stat st;
	char *buf = NULL;
	size_t n;

	if (!f) {
		p_err("cannot open %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		p_err("%s is not a regular file: give the header's path", path);
		goto out;
	}
	if (st.st_size > HEADER_MAX) {
		p_err("%s is %lld bytes: a header of at most %d bytes is expected",
		      path, (long long)st.st_size, HEADER_MAX);
		goto out;
	}
	buf = malloc(st.st_size + 1);
	if (!buf) {
		p_err("out of memory");
		goto out;
	}
	n = fread(buf, 1, st.st_size, f);
	buf[n] = 0;
	if (strlen(buf) != n) {
		p_err("%s contains a NUL byte: it is not a C header", path);
		free(buf);
		buf = NULL;
	}
out:
	fclose(f);
	return buf;
}

/* The hint that goes with a parse error: what the reader knows and does not. */
static const char *parse_hint(const char *msg)
{
	if (strstr(msg, "undeclared identifier"))
		return "BTF holds the kernel's types, not its macros: #define it in the header, or write its value";
	if (strstr(msg, "unknown type name"))
		return "neither the kernel's BTF (-k) nor the header defines that type";
	if (strstr(msg, "redefinition") || strstr(msg, "conflicting types"))
		return "the kernel's BTF (-k) already defines that name: give the header's its own";
	return "the header is read after the kernel's types (its #include <...> lines are skipped): u32, bool, struct sk_buff and the rest are known";
}

/* The first error clang reports, as one line; true if there was one. */
static bool report_diagnostics(CXTranslationUnit tu, const char *header)
{
	unsigned int i, n = clang_getNumDiagnostics(tu), errors = 0;
	char *first = NULL, *msg = NULL;

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(tu, i);

		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			if (!errors++) {
				first = cx_dup(clang_formatDiagnostic(d,
					CXDiagnostic_DisplaySourceLocation |
					CXDiagnostic_DisplayColumn));
				msg = cx_dup(clang_getDiagnosticSpelling(d));
			}
		}
		clang_disposeDiagnostic(d);
	}
	if (!errors)
		return false;
	p_err("%s does not compile as C after the kernel's types: %s%s (%s)",
	      header, first, errors > 1 ? " (and more errors)" : "", parse_hint(msg));
	free(first);
	free(msg);
	return true;
}

static int add_record(struct gen_ops *ops, CXCursor decl)
{
	char *name, **list;
	int i;

	if (clang_Cursor_isAnonymous(decl))
		return 0;
	name = cx_dup(clang_getTypeSpelling(clang_getCursorType(decl)));
	if (strncmp(name, "struct ", 7) && strncmp(name, "union ", 6)) {
		free(name);
		return 0;
	}
	for (i = 0; i < ops->nrecords; i++) {
		if (!strcmp(ops->records[i], name)) {
			free(name);
			return 0;
		}
	}
	list = realloc(ops->records, (ops->nrecords + 1) * sizeof(*list));
	if (!list) {
		free(name);
		return -1;
	}
	ops->records = list;
	ops->records[ops->nrecords++] = name;
	return 0;
}

/*
 * Every struct and union the header names, at any depth of pointers and
 * in any struct: module/NAME.h declares them all before the header's text,
 * so that none is first seen, and scoped, inside a parameter list.
 */
static enum CXChildVisitResult visit_records(CXCursor c, CXCursor parent,
					     CXClientData data)
{
	struct reader *r = data;
	enum CXCursorKind k = clang_getCursorKind(c);
	CXCursor decl = c;

	if (!clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	if (k == CXCursor_TypeRef)
		decl = clang_getCursorReferenced(c);
	k = clang_getCursorKind(decl);
	if ((k == CXCursor_StructDecl || k == CXCursor_UnionDecl) &&
	    add_record(r->ops, decl)) {
		r->failed = true;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

int gen_read_header(struct gen_ops *ops, const char *prelude)
{
	const char *fixed[] = {
		"-x", "c", "-std=gnu11", "-target", "bpf", "-fparse-all-comments",
		"-fms-extensions", "-funsigned-char",
		"-Wno-everything",
	};
	const char *args[sizeof(fixed) / sizeof(fixed[0]) + GEN_NR_ANNOTATIONS + 2], *pch;
	char defs[GEN_NR_ANNOTATIONS][96];
	struct reader r = { .ops = ops };
	struct CXUnsavedFile unsaved;
	CXTranslationUnit tu = NULL;
	CXIndex index;
	char *path = NULL;
	int err = -1, nargs = 0, i;

	if (!gen_path_is_plain(ops->header)) {
		p_err("the header's path contains '/*', '*/', a quote, a backslash or a control character: it goes into the kit's comments; rename or move the file");
		return -1;
	}
	ops->header_text = read_text(ops->header);
	if (!ops->header_text)
		return -1;
	if (gen_scan(&ops->scan, ops->header_text)) {
		p_err("%s:%s", ops->header, ops->scan.error);
		return -1;
	}
	ops->members = calloc(GEN_MAX_MEMBERS, sizeof(*ops->members));
	/* absolute: a path starting with '-' is not an option to libclang */
	path = realpath(ops->header, NULL);
	if (!ops->members || !path) {
		p_err("cannot read %s: %s", ops->header, strerror(errno));
		free(path);
		return -1;
	}
	for (i = 0; i < (int)(sizeof(fixed) / sizeof(fixed[0])); i++)
		args[nargs++] = fixed[i];
	/* the kernel's annotations mean nothing to the layout */
	for (i = 0; i < GEN_NR_ANNOTATIONS; i++) {
		snprintf(defs[i], sizeof(defs[i]), "-D%s=%s", gen_annotations[i].name,
			 gen_annotations[i].value);
		args[nargs++] = defs[i];
	}
	/* the prelude precompiled, when the cache has it (pch.c) */
	pch = gen_header_pch(args, nargs);
	args[nargs++] = pch ? "-include-pch" : "-include";
	args[nargs++] = pch ? pch : prelude;
	unsaved.Filename = path;
	unsaved.Contents = ops->scan.text;
	unsaved.Length = strlen(ops->scan.text);
	/* the visits below skip a precompiled prelude's 17000 declarations */
	index = clang_createIndex(1, 0);
	if (clang_parseTranslationUnit2(index, path, args, nargs, &unsaved, 1,
					CXTranslationUnit_DetailedPreprocessingRecord |
					CXTranslationUnit_SkipFunctionBodies,
					&tu) != CXError_Success) {
		p_err("libclang could not parse %s (is libclang-19 installed? run 'make deps')",
		      ops->header);
		goto out;
	}
	if (report_diagnostics(tu, ops->header))
		goto out;
	clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_top, &r);
	if (!r.found) {
		if (!r.is_union)
			p_err("%s has no definition of struct %s: the ops table must be 'struct %s { ... };' (or name the struct with -s STRUCT)",
			      ops->header, ops->sname, ops->sname);
		else
			p_err("%s:%u: %s is a union: an ops table is a struct",
			      ops->header, cursor_line(r.def), ops->sname);
		goto out;
	}
	gen_read_members(&r);
	if (r.failed)
		goto out;
	if (!ops->nops) {
		p_err("%s:%u: struct %s has no operators: an ops table needs at least one function pointer member",
		      ops->header, cursor_line(r.def), ops->sname);
		goto out;
	}
	clang_visitChildren(clang_getTranslationUnitCursor(tu), visit_records, &r);
	if (r.failed) {
		p_err("out of memory");
		goto out;
	}
	err = 0;
out:
	ops->macros = r.macros;
	ops->nmacros = r.nmacros;
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	free(path);
	return err;
}

void gen_ops_free(struct gen_ops *ops)
{
	int i, j;

	for (i = 0; i < ops->nmembers; i++) {
		struct gen_member *m = &ops->members[i];

		for (j = 0; j < m->nparams; j++) {
			free(m->params[j].name);
			free(m->params[j].type);
			free(m->params[j].record);
		}
		free(m->params);
		free(m->name);
		free(m->type);
		free(m->ret_type);
		free(m->known_macro);
	}
	free(ops->members);
	free(ops->header_text);
	for (i = 0; i < ops->nmacros; i++)
		free(ops->macros[i]);
	free(ops->macros);
	for (i = 0; i < ops->nrecords; i++)
		free(ops->records[i]);
	free(ops->records);
	gen_scan_free(&ops->scan);
	memset(ops, 0, sizeof(*ops));
}
