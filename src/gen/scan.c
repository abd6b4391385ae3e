// SPDX-License-Identifier: GPL-2.0
/*
 * The header's text before libclang reads it: a small C lexer (comments,
 * strings, identifiers, directives) that
 *  - takes out the kernel #include <...> lines: the prelude (the kernel's
 *    BTF as C) already declares every kernel type, and the BPF target has
 *    no kernel headers; the module gets them back (emit_module.c),
 *  - refuses #include "...": the kit copies one file, and reading another
 *    (or /dev/zero) is not what the user meant,
 *  - refuses identifiers in the generated code's namespace (kit_, KIT_),
 *  - notes which of the kernel's annotations (__user, __rcu, ...) it uses.
 * No libclang here: tests/fuzz/header.c runs it on anything.
 */
#include <stdlib.h>
#include <string.h>

#include "scan.h"

/* Kernel annotations: empty (or an attribute) outside the kernel's build. */
const struct gen_annotation gen_annotations[GEN_NR_ANNOTATIONS] = {
	{ "__user", "" },		{ "__kernel", "" },
	{ "__iomem", "" },		{ "__percpu", "" },
	{ "__rcu", "" },		{ "__force", "" },
	{ "__must_check", "" },		{ "__bitwise", "" },
	{ "__private", "" },		{ "__safe", "" },
	{ "__nocast", "" },		{ "__counted_by(m)", "" },
	{ "__packed", "__attribute__((packed))" },
	{ "__aligned(x)", "__attribute__((aligned(x)))" },
};

static bool is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_ident_char(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9');
}

/* The length of an annotation's name: "__aligned(x)" -> 9. */
static size_t ann_len(const char *name)
{
	return strcspn(name, "(");
}

static void scan_err(struct gen_scan *sc, unsigned int line, const char *fmt,
		     const char *what, size_t len)
{
	if (sc->error[0])
		return;
	snprintf(sc->error, sizeof(sc->error), fmt, line, (int)len, what);
}

/*
 * A directive at p (the '#' after optional blanks at a line's start). An
 * #include <...> is blanked in sc->text (p..end are its bytes there) and
 * kept in sc->includes; one that is not a plain <...> is refused.
 */
static const char *directive(struct gen_scan *sc, const char *p, unsigned int line)
{
	const char *d = p + 1, *name, *end;
	char **inc;

	while (*d == ' ' || *d == '\t')
		d++;
	if (strncmp(d, "include", 7) || is_ident_char(d[7]))
		return p + 1;
	d += 7;
	while (*d == ' ' || *d == '\t')
		d++;
	end = strchr(d, '\n');
	if (!end)
		end = d + strlen(d);
	if (*d != '<') {
		scan_err(sc, line, "%u: #include %.*s: a header for 'new' is one file (the kit copies it into module/NAME.h); only kernel headers, #include <...>, may be included",
			 d, strcspn(d, "\n"));
		return end;
	}
	name = d + 1;
	d = name + strcspn(name, ">\n");
	if (*d != '>' || d == name) {
		scan_err(sc, line, "%u: #include %.*s: expected #include <path>",
			 name - 1, strcspn(name - 1, "\n"));
		return end;
	}
	/* only blanks, or the start of a comment, may follow */
	for (end = d + 1; *end == ' ' || *end == '\t'; end++)
		;
	if (*end && *end != '\n' && strncmp(end, "/*", 2) && strncmp(end, "//", 2)) {
		scan_err(sc, line, "%u: #include <...> %.*s: nothing but a comment may follow an #include",
			 end, strcspn(end, "\n"));
		return end;
	}
	for (const char *c = name; c < d; c++) {
		if (!is_ident_char(*c) && !strchr("/.-+", *c)) {
			scan_err(sc, line, "%u: #include <%.*s>: not a kernel header's path",
				 name, d - name);
			return end;
		}
	}
	inc = realloc(sc->includes, (sc->nincludes + 1) * sizeof(*inc));
	if (!inc) {
		scan_err(sc, line, "%u: out of memory%.*s", "", 0);
		return end;
	}
	sc->includes = inc;
	sc->includes[sc->nincludes] = strndup(name, d - name);
	if (!sc->includes[sc->nincludes]) {
		scan_err(sc, line, "%u: out of memory%.*s", "", 0);
		return end;
	}
	sc->nincludes++;
	/* blank the directive in the text libclang reads, keeping the line */
	memset(sc->text + (p - sc->src), ' ', d + 1 - p);
	return d + 1;
}

static void identifier(struct gen_scan *sc, const char *p, size_t len,
		       unsigned int line)
{
	int i;

	if ((len > 4 && !strncmp(p, "kit_", 4)) || (len > 4 && !strncmp(p, "KIT_", 4)))
		scan_err(sc, line, "%u: '%.*s': names starting with kit_ or KIT_ are the generated code's: rename it",
			 p, len);
	for (i = 0; i < GEN_NR_ANNOTATIONS; i++)
		if (ann_len(gen_annotations[i].name) == len &&
		    !strncmp(p, gen_annotations[i].name, len))
			sc->annotations |= 1u << i;
}

int gen_scan(struct gen_scan *sc, const char *src)
{
	const char *p = src;
	unsigned int line = 1;
	bool line_start = true;

	memset(sc, 0, sizeof(*sc));
	sc->src = src;
	sc->text = strdup(src);
	if (!sc->text) {
		snprintf(sc->error, sizeof(sc->error), "1: out of memory");
		return -1;
	}
	while (*p && !sc->error[0]) {
		if (*p == '\n') {
			line++;
			line_start = true;
			p++;
		} else if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\f' || *p == '\v') {
			p++;
		} else if (p[0] == '\\' && p[1] == '\n') {
			line++;
			p += 2;
		} else if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			if (!e) {
				scan_err(sc, line, "%u: a comment is not closed%.*s", "", 0);
				break;
			}
			for (; p < e; p++)
				line += *p == '\n';
			p = e + 2;
		} else if (p[0] == '/' && p[1] == '/') {
			p += strcspn(p, "\n");
		} else if (*p == '"' || *p == '\'') {
			char q = *p++;

			while (*p && *p != q && *p != '\n')
				p += p[0] == '\\' && p[1] ? 2 : 1;
			if (*p != q) {
				scan_err(sc, line, "%u: a %.*s literal is not closed", q == '"' ? "string" : "character",
					 q == '"' ? 6 : 9);
				break;
			}
			p++;
			line_start = false;
		} else if (*p == '#' && line_start) {
			p = directive(sc, p, line);
			line_start = false;
		} else if (is_ident_start(*p)) {
			const char *s = p;

			while (is_ident_char(*p))
				p++;
			identifier(sc, s, p - s, line);
			line_start = false;
		} else {
			p++;
			line_start = false;
		}
	}
	return sc->error[0] ? -1 : 0;
}

void gen_scan_free(struct gen_scan *sc)
{
	int i;

	for (i = 0; i < sc->nincludes; i++)
		free(sc->includes[i]);
	free(sc->includes);
	free(sc->text);
	memset(sc, 0, sizeof(*sc));
}

/*
 * Does a kernel-doc comment (a struct's "/ ** struct x - ... @member: text
 * ... * /") say word in member's entry? The entry runs from "@member:" to
 * the next line that starts another "@name:" entry, or the comment's end.
 */
bool gen_kdoc_has(const char *comment, const char *member, const char *word)
{
	size_t mlen = strlen(member), wlen = strlen(word);
	const char *p = comment, *entry = NULL, *end;

	if (!mlen || !wlen)
		return false;
	while ((p = strchr(p, '@'))) {
		if (!strncmp(p + 1, member, mlen) && p[1 + mlen] == ':' &&
		    (p == comment || !is_ident_char(p[-1]))) {
			entry = p + mlen + 2;
			break;
		}
		p++;
	}
	if (!entry)
		return false;
	/* the entry ends where a line's first word is another "@name:" */
	for (end = entry; *end; end++) {
		const char *q;

		if (*end != '\n')
			continue;
		q = end + 1;
		while (*q == ' ' || *q == '\t' || *q == '*')
			q++;
		if (*q == '@' && is_ident_start(q[1])) {
			const char *r = q + 1;

			while (is_ident_char(*r))
				r++;
			if (*r == ':')
				break;
		}
	}
	for (p = entry; p + wlen <= end; p++)
		if (!strncmp(p, word, wlen) && !is_ident_char(p[wlen]))
			return true;
	return false;
}

/* Is ident a whole identifier token of C text code (outside comments and strings)? */
bool gen_code_uses(const char *code, const char *ident)
{
	size_t len = strlen(ident);
	const char *p = code;

	while (*p) {
		if (p[0] == '/' && p[1] == '*') {
			const char *e = strstr(p + 2, "*/");

			if (!e)
				return false;
			p = e + 2;
		} else if (p[0] == '/' && p[1] == '/') {
			p += strcspn(p, "\n");
		} else if (*p == '"' || *p == '\'') {
			char q = *p++;

			while (*p && *p != q && *p != '\n')
				p += p[0] == '\\' && p[1] ? 2 : 1;
			if (*p)
				p++;
		} else if (is_ident_start(*p)) {
			const char *s = p;

			while (is_ident_char(*p))
				p++;
			if ((size_t)(p - s) == len && !strncmp(s, ident, len))
				return true;
		} else {
			p++;
		}
	}
	return false;
}

/* A path is written into generated comments and strings: nothing that ends them. */
bool gen_path_is_plain(const char *path)
{
	const unsigned char *p;

	if (strstr(path, "*/") || strstr(path, "/*"))
		return false;
	for (p = (const unsigned char *)path; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\')
			return false;
	return true;
}
