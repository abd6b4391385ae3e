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
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <clang-c/Index.h>

#include "gen.h"
#include "struct_ops.h"

#define HEADER_MAX	(1 << 20)

struct reader {
	struct gen_ops *ops;
	CXCursor def;
	bool found;		/* the struct's definition */
	bool is_union;		/* the name is a union's */
	char **macros;		/* macros the header defines */
	int nmacros;
	bool failed;		/* an error was reported */
};

static char *cx_dup(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = strdup(c ? c : "");

	clang_disposeString(s);
	if (!r) {
		fprintf(stderr, "out of memory\n");
		exit(EXIT_FAIL);
	}
	return r;
}

static unsigned int cursor_line(CXCursor c)
{
	unsigned int line;

	clang_getSpellingLocation(clang_getCursorLocation(c), NULL, &line,
				  NULL, NULL);
	return line;
}

/* One error line for a member: where it is, which member, which rule. */
static void member_err(struct reader *r, CXCursor c, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void member_err(struct reader *r, CXCursor c, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!r->failed)
		p_err("%s:%u: %s", r->ops->header, cursor_line(c), msg);
	r->failed = true;
}

static bool is_char_kind(enum CXTypeKind k)
{
	return k == CXType_Char_S || k == CXType_Char_U ||
	       k == CXType_SChar || k == CXType_UChar;
}

/*
 * What BPF can pass or return for a type, or why not: GEN_* in *kind, or
 * -1 and the reason in *why.
 */
static int classify(CXType t, struct gen_param *p, bool *is_bool,
		    const char **why)
{
	CXType c = clang_getCanonicalType(t), pointee;

	*is_bool = false;
	p->is_signed = false;
	switch (c.kind) {
	case CXType_Void:
		p->kind = GEN_VOID;
		return 0;
	case CXType_Bool:
		*is_bool = true;
		/* fall through */
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
		p->kind = GEN_INT;
		return 0;
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
		p->kind = GEN_INT;
		p->is_signed = true;
		return 0;
	case CXType_Enum: {
		CXCursor d = clang_getTypeDeclaration(c);
		CXType it = clang_getEnumDeclIntegerType(d);
		struct gen_param ip;
		bool b;

		if (clang_Cursor_isNull(clang_getCursorDefinition(d))) {
			*why = "an enum nobody defines: it is neither in the kernel's BTF (-k; a module's types, such as hid's, are in the module's own BTF, which new does not read) nor in the header (define it there)";
			return -1;
		}
		if (classify(it, &ip, &b, why))
			return -1;
		p->kind = GEN_INT;
		p->is_signed = ip.is_signed;
		return 0;
	}
	case CXType_Pointer:
		pointee = clang_getCanonicalType(clang_getPointeeType(c));
		p->kind = is_char_kind(pointee.kind) ? GEN_STR : GEN_PTR;
		return 0;
	case CXType_Int128:
	case CXType_UInt128:
		*why = "a 128-bit integer: BPF registers hold 64 bits";
		return -1;
	case CXType_Float:
	case CXType_Double:
	case CXType_LongDouble:
	case CXType_Half:
	case CXType_Float16:
	case CXType_Float128:
		*why = "floating point: BPF has no floating point";
		return -1;
	case CXType_Record:
		if (clang_Cursor_isNull(clang_getCursorDefinition(clang_getTypeDeclaration(c)))) {
			*why = "a struct nobody defines, by value: it is neither in the kernel's BTF (-k; a module's types are in the module's own BTF) nor in the header";
			return -1;
		}
		*why = "a struct or union by value: BPF trampolines pass scalars and pointers (pass a pointer)";
		return -1;
	default:
		*why = "of a kind a BPF trampoline cannot pass (integers, enums, bool and pointers only)";
		return -1;
	}
}

static bool points_to_record(CXType t)
{
	CXType c = clang_getCanonicalType(t);

	return c.kind == CXType_Pointer &&
	       clang_getCanonicalType(clang_getPointeeType(c)).kind == CXType_Record;
}

/* "struct X" if t points (through qualifiers) to a named struct or union. */
static char *pointee_record(CXType t)
{
	CXType pt = clang_getCanonicalType(clang_getPointeeType(clang_getCanonicalType(t)));
	CXCursor d;
	char *s;

	if (pt.kind != CXType_Record)
		return NULL;
	d = clang_getTypeDeclaration(pt);
	if (clang_Cursor_isAnonymous(d))
		return NULL;
	s = cx_dup(clang_getTypeSpelling(clang_getCursorType(d)));
	if (strncmp(s, "struct ", 7) && strncmp(s, "union ", 6)) {
		free(s);
		return NULL;
	}
	return s;
}

/*
 * What a pointer argument is to a program (btf_ctx_access()) and what the
 * test file passes for it.
 */
static void classify_pointer(struct gen_param *p, CXType t)
{
	CXType pt = clang_getCanonicalType(clang_getPointeeType(clang_getCanonicalType(t)));
	CXCursor d;

	p->sample = GEN_SAMPLE_MEM;
	switch (pt.kind) {
	case CXType_Record:
		d = clang_getCursorDefinition(clang_getTypeDeclaration(pt));
		if (clang_Cursor_isNull(d)) {
			p->opaque = "it points to a struct nobody defines (neither the kernel's BTF nor the header)";
			break;
		}
		p->local = clang_Location_isFromMainFile(clang_getCursorLocation(d));
		if (p->local || !p->record)
			return;
		p->kobj = gen_kernel_sample(p->record);
		p->sample = p->kobj ? GEN_SAMPLE_KOBJ :
			    p->nullable ? GEN_SAMPLE_NULL : GEN_SAMPLE_NONE;
		return;
	case CXType_Pointer:
		p->opaque = "it points to a pointer";
		break;
	case CXType_Enum:
		p->opaque = "it points to an enum";
		break;
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		p->opaque = "it is a function pointer";
		break;
	default:
		/* void and integers: a number to the program (is_int_ptr()) */
		if (pt.kind == CXType_Void || (pt.kind >= CXType_Bool && pt.kind <= CXType_Int128))
			return;
		p->opaque = "it points to neither a struct, a union, an integer nor void";
	}
	p->sample = GEN_SAMPLE_NULL;
}

struct parm_list {
	CXCursor c[GEN_MAX_ARGS + 1];
	int n;
};

static enum CXChildVisitResult visit_parm(CXCursor c, CXCursor parent,
					  CXClientData data)
{
	struct parm_list *l = data;

	if (clang_getCursorKind(c) == CXCursor_ParmDecl && l->n <= GEN_MAX_ARGS)
		l->c[l->n++] = c;
	return CXChildVisit_Continue;
}

/* Does the member's own comment, or its entry in the struct's kernel-doc, say word? */
/* "argI" for an unnamed parameter, with '_' added until no other is so named. */
static char *unnamed_param(struct parm_list *parms, int i)
{
	char *name;
	bool clash;
	int j;

	if (asprintf(&name, "arg%d", i) < 0)
		return NULL;
	do {
		clash = false;
		for (j = 0; j < parms->n && !clash; j++) {
			char *other = cx_dup(clang_getCursorSpelling(parms->c[j]));

			clash = !strcmp(other, name);
			free(other);
		}
		if (clash) {
			char *longer;

			if (asprintf(&longer, "%s_", name) < 0) {
				free(name);
				return NULL;
			}
			free(name);
			name = longer;
		}
	} while (clash);
	return name;
}

static bool comment_has(struct reader *r, CXCursor c, const char *member,
			const char *word)
{
	char *s = cx_dup(clang_Cursor_getRawCommentText(c));
	bool found = strstr(s, word);

	free(s);
	if (found)
		return true;
	s = cx_dup(clang_Cursor_getRawCommentText(r->def));
	found = gen_kdoc_has(s, member, word);
	free(s);
	return found;
}

/* t without "struct"/typedef-name elaboration and attributes */
static CXType unsugar(CXType t)
{
	while (t.kind == CXType_Elaborated || t.kind == CXType_Attributed)
		t = t.kind == CXType_Elaborated ? clang_Type_getNamedType(t) :
		    clang_Type_getModifiedType(t);
	return t;
}

static int read_op(struct reader *r, CXCursor c, struct gen_member *m,
		   CXType fn, CXType sugared)
{
	struct parm_list parms = { .n = 0 };
	CXCursor tdef = clang_getNullCursor();
	struct gen_param ret = {};
	const char *why;
	int i, n;
	bool b;

	if (fn.kind == CXType_FunctionNoProto) {
		member_err(r, c, "operator '%s' has no prototype: write its parameters, or (void) for none",
			   m->name);
		return -1;
	}
	if (clang_isFunctionTypeVariadic(fn)) {
		member_err(r, c, "operator '%s' is variadic: a BPF program takes a fixed number of arguments",
			   m->name);
		return -1;
	}
	n = clang_getNumArgTypes(fn);
	if (n > GEN_MAX_ARGS) {
		member_err(r, c, "operator '%s' has %d arguments: at most %d (the kernel's MAX_BPF_FUNC_ARGS); pass a struct pointer",
			   m->name, n, GEN_MAX_ARGS);
		return -1;
	}
	m->kind = GEN_OP;
	/* a typedef'd function type (foo_fn_t *op) has its parameters' names there */
	sugared = unsugar(sugared);
	if (sugared.kind == CXType_Typedef) {
		tdef = clang_getTypeDeclaration(sugared);
		sugared = unsugar(clang_getTypedefDeclUnderlyingType(tdef));
	}
	/* the result type as written (u32, not unsigned int) when it is known */
	if (sugared.kind != CXType_FunctionProto)
		sugared = fn;
	m->ret_type = cx_dup(clang_getTypeSpelling(clang_getResultType(sugared)));
	if (classify(clang_getResultType(fn), &ret, &b, &why)) {
		member_err(r, c, "operator '%s' returns %s", m->name, why);
		return -1;
	}
	if (ret.kind == GEN_PTR || ret.kind == GEN_STR) {
		member_err(r, c, "operator '%s' returns a pointer: a struct_ops program returns an integer or void",
			   m->name);
		return -1;
	}
	m->ret_kind = ret.kind;
	m->ret_signed = ret.is_signed;
	m->ret_bool = b;
	m->ret_size = ret.kind == GEN_VOID ? 0 : clang_Type_getSizeOf(clang_getResultType(fn));

	/* A typedef'd function type has its PARM_DECLs under the typedef. */
	clang_visitChildren(c, visit_parm, &parms);
	if (parms.n != n && !clang_Cursor_isNull(tdef)) {
		parms.n = 0;
		clang_visitChildren(tdef, visit_parm, &parms);
	}
	m->nparams = n;
	m->params = calloc(n ? n : 1, sizeof(*m->params));
	if (!m->params)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct gen_param *p = &m->params[i];
		CXType t = clang_getArgType(fn, i);
		char *name = NULL;

		if (parms.n == n) {
			t = clang_getCursorType(parms.c[i]);
			name = cx_dup(clang_getCursorSpelling(parms.c[i]));
		}
		if (!name || !name[0]) {
			free(name);
			name = unnamed_param(&parms, i);
			if (!name)
				return -ENOMEM;
		}
		/* the header's text is the module's too: the kernel's macros apply */
		if (!strcmp(name, "current")) {
			member_err(r, c, "operator '%s': argument '%s' is the kernel's macro for the running task (get_current()): the header would not compile in the module; rename it",
				   m->name, name);
			free(name);
			return -1;
		}
		p->name = name;
		p->type = cx_dup(clang_getTypeSpelling(t));
		p->size = clang_Type_getSizeOf(t);
		p->record = pointee_record(t);
		p->nullable = strlen(name) > 10 &&
			      !strcmp(name + strlen(name) - 10, "__nullable");
		if (classify(t, p, &p->is_bool, &why)) {
			member_err(r, c, "operator '%s': argument '%s' is %s", m->name,
				   name, why);
			return -1;
		}
		if (p->kind == GEN_PTR)
			classify_pointer(p, t);
		if (p->sample == GEN_SAMPLE_NONE && !m->unsampled)
			m->unsampled = p;
		/* the kernel refuses the stub otherwise (prepare_arg_info()) */
		if (p->nullable && !points_to_record(t)) {
			member_err(r, c, "operator '%s': argument '%s' is __nullable but not a pointer to a struct: the kernel accepts __nullable on struct pointers only",
				   m->name, name);
			return -1;
		}
	}
	m->sleepable = comment_has(r, c, m->name, "@sleepable");
	m->required = comment_has(r, c, m->name, "@required");
	if (m->sleepable)
		r->ops->any_sleepable = true;
	r->ops->nops++;
	return 0;
}

static bool has_macro(struct reader *r, const char *name)
{
	int i;

	for (i = 0; i < r->nmacros; i++)
		if (!strcmp(r->macros[i], name))
			return true;
	return false;
}

static int read_data(struct reader *r, CXCursor c, struct gen_member *m,
		     CXType t, CXType canon)
{
	struct gen_param p;
	const char *why;
	char macro[160], upper[64], umember[64];
	bool b;

	m->type = cx_dup(clang_getTypeSpelling(t));
	if (clang_isConstQualifiedType(canon) ||
	    ((canon.kind == CXType_ConstantArray || canon.kind == CXType_IncompleteArray) &&
	     clang_isConstQualifiedType(clang_getArrayElementType(canon)))) {
		member_err(r, c, "data member '%s' is const: the generated .init_member copies the map's value into it (drop the const)",
			   m->name);
		return -1;
	}
	if (canon.kind == CXType_IncompleteArray ||
	    (canon.kind == CXType_ConstantArray && !clang_getArraySize(canon))) {
		member_err(r, c, "data member '%s' is an array without elements: a struct_ops value has a fixed size (give it one)",
			   m->name);
		return -1;
	}
	if (canon.kind == CXType_Pointer) {
		member_err(r, c, "data member '%s' is a pointer: user space cannot hand the kernel a pointer (use an integer: an id, an index)",
			   m->name);
		return -1;
	}
	if (canon.kind == CXType_ConstantArray) {
		CXType et = clang_getCanonicalType(clang_getArrayElementType(canon));

		/* plain char is text; u8, s8 and wider integers are bytes */
		if (et.kind == CXType_Char_S || et.kind == CXType_Char_U) {
			m->kind = GEN_STRING;
			return 0;
		}
		if (!classify(et, &p, &b, &why) && p.kind == GEN_INT) {
			m->kind = GEN_BYTES;
			return 0;
		}
		member_err(r, c, "data member '%s' is an array of '%s': the generated .init_member copies arrays of integers and char strings only",
			   m->name, cx_dup(clang_getTypeSpelling(et)));
		return -1;
	}
	if (canon.kind == CXType_Record &&
	    clang_getCursorKind(clang_getTypeDeclaration(canon)) == CXCursor_UnionDecl) {
		member_err(r, c, "member '%s' is a union: the generator copies and checks strings and integers only",
			   m->name);
		return -1;
	}
	if (classify(t, &p, &b, &why) || p.kind != GEN_INT) {
		member_err(r, c, "data member '%s' has type '%s': the generated .init_member copies and checks char strings, integers and integer arrays only",
			   m->name, m->type);
		return -1;
	}
	m->kind = GEN_SCALAR;
	m->data_signed = p.is_signed;
	gen_upper(upper, r->ops->name, sizeof(upper));
	gen_upper(umember, m->name, sizeof(umember));
	snprintf(macro, sizeof(macro), "%s_%s_KNOWN", upper, umember);
	if (has_macro(r, macro)) {
		m->known_macro = strdup(macro);
		if (!m->known_macro)
			return -ENOMEM;
	}
	return 0;
}

static enum CXChildVisitResult visit_field(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct reader *r = data;
	struct gen_ops *ops = r->ops;
	enum CXCursorKind k = clang_getCursorKind(c);
	struct gen_member *m;
	CXType t, canon, pointee;
	int err;

	if (r->failed)
		return CXChildVisit_Break;
	if ((k == CXCursor_UnionDecl || k == CXCursor_StructDecl) &&
	    clang_Cursor_isAnonymousRecordDecl(c)) {
		member_err(r, c, "an anonymous %s member: struct_ops tables hold named operators and data members only",
			   k == CXCursor_UnionDecl ? "union" : "struct");
		return CXChildVisit_Break;
	}
	if (k != CXCursor_FieldDecl)
		return CXChildVisit_Continue;
	if (ops->nmembers == GEN_MAX_MEMBERS) {
		member_err(r, c, "struct %s has more than %d members: the kernel registers at most %d (BPF_STRUCT_OPS_MAX_NR_MEMBERS)",
			   ops->sname, GEN_MAX_MEMBERS, GEN_MAX_MEMBERS);
		return CXChildVisit_Break;
	}
	m = &ops->members[ops->nmembers++];
	m->name = cx_dup(clang_getCursorSpelling(c));
	m->line = cursor_line(c);
	t = clang_getCursorType(c);
	canon = clang_getCanonicalType(t);
	m->offset = clang_Cursor_getOffsetOfField(c) / 8;
	m->size = clang_Type_getSizeOf(t);
	if (clang_Cursor_isBitField(c)) {
		member_err(r, c, "member '%s' is a bit-field: the kernel refuses bit-fields in struct_ops types",
			   m->name);
		return CXChildVisit_Break;
	}
	pointee = clang_getCanonicalType(clang_getPointeeType(canon));
	if (canon.kind == CXType_Pointer &&
	    (pointee.kind == CXType_FunctionProto ||
	     pointee.kind == CXType_FunctionNoProto))
		err = read_op(r, c, m, pointee, clang_getPointeeType(t));
	else
		err = read_data(r, c, m, t, canon);
	if (err == -ENOMEM) {
		member_err(r, c, "out of memory");
		return CXChildVisit_Break;
	}
	return err ? CXChildVisit_Break : CXChildVisit_Continue;
}

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
	clang_visitChildren(r.def, visit_field, &r);
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

void gen_upper(char *dst, const char *src, size_t size)
{
	size_t i;

	for (i = 0; src[i] && i + 1 < size; i++)
		dst[i] = src[i] >= 'a' && src[i] <= 'z' ? src[i] - 'a' + 'A' : src[i];
	dst[i] = 0;
}
