// SPDX-License-Identifier: GPL-2.0
/*
 * The header's types, as the kernel sees them: what a BPF trampoline can
 * pass or return for a C type (or why not), and, for a pointer argument,
 * what a program may read through it (btf_ctx_access()) and what the test
 * file can pass for it.
 */
#include "reader.h"

static bool is_char_kind(enum CXTypeKind k)
{
	return k == CXType_Char_S || k == CXType_Char_U ||
	       k == CXType_SChar || k == CXType_UChar;
}
/*
 * What BPF can pass or return for a type, or why not: GEN_* in *kind, or
 * -1 and the reason in *why.
 */
int gen_classify(CXType t, struct gen_param *p, bool *is_bool,
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
		if (gen_classify(it, &ip, &b, why))
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

bool gen_points_to_record(CXType t)
{
	CXType c = clang_getCanonicalType(t);

	return c.kind == CXType_Pointer &&
	       clang_getCanonicalType(clang_getPointeeType(c)).kind == CXType_Record;
}

/* "struct X" if t points (through qualifiers) to a named struct or union. */
char *gen_pointee_record(CXType t)
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
void gen_classify_pointer(struct gen_param *p, CXType t)
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
