// SPDX-License-Identifier: GPL-2.0
/*
 * The members of the ops table, one by one, and the kernel's rules for
 * them: an operator (a function pointer: its arguments' names and types as
 * written, "__nullable", "@sleepable", "@required") or a data member (a
 * char string, an integer array, an integer with its _KNOWN bits).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>

#include "reader.h"

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

/* Does the member's own comment, or its entry in the struct's kernel-doc, say word? */
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
	if (gen_classify(clang_getResultType(fn), &ret, &b, &why)) {
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
		p->record = gen_pointee_record(t);
		p->nullable = strlen(name) > 10 &&
			      !strcmp(name + strlen(name) - 10, "__nullable");
		if (gen_classify(t, p, &p->is_bool, &why)) {
			member_err(r, c, "operator '%s': argument '%s' is %s", m->name,
				   name, why);
			return -1;
		}
		if (p->kind == GEN_PTR)
			gen_classify_pointer(p, t);
		if (p->sample == GEN_SAMPLE_NONE && !m->unsampled)
			m->unsampled = p;
		/* the kernel refuses the stub otherwise (prepare_arg_info()) */
		if (p->nullable && !gen_points_to_record(t)) {
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
		if (!gen_classify(et, &p, &b, &why) && p.kind == GEN_INT) {
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
	if (gen_classify(t, &p, &b, &why) || p.kind != GEN_INT) {
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

void gen_read_members(struct reader *r)
{
	clang_visitChildren(r->def, visit_field, r);
}
