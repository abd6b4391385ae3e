// SPDX-License-Identifier: GPL-2.0
/*
 * The expander of the generated code's templates (src/gen/templates/,
 * linked in by embed.S): a template is named blocks of text, written
 * with ${KEY} replaced and %if/%else/%endif lines kept or dropped. The
 * syntax is described at the top of templates/module.c.in. A template
 * that names a block or a key its caller does not know is the
 * generator's bug: it says so and aborts, rather than write a wrong kit.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"

#define TPL_DEPTH	8

static void tpl_bug(const char *block, const char *what, int len, const char *name)
{
	fprintf(stderr, "struct_ops-new: bug: template block '%s': %s '%.*s'\n",
		block, what, len, name);
	abort();
}

static const struct tpl_var *tpl_find(const struct tpl_var *const vars[2],
				      const char *block, const char *key, int len)
{
	const struct tpl_var *v;
	int i;

	for (i = 0; i < 2; i++)
		for (v = vars[i]; v && v->key; v++)
			if ((int)strlen(v->key) == len && !strncmp(v->key, key, len))
				return v;
	tpl_bug(block, "no value for", len, key);
	return NULL;
}

/* One line of text (without its newline), ${KEY}s replaced. */
static void tpl_line(FILE *f, const char *line, int len, const char *block,
		     const struct tpl_var *const vars[2])
{
	const char *end = line + len;

	while (line < end) {
		const char *key = memchr(line, '$', end - line), *close;
		const struct tpl_var *v;

		if (!key || key + 1 == end || key[1] != '{') {
			key = key ? key + 1 : end;
			fwrite(line, 1, key - line, f);
			line = key;
			continue;
		}
		fwrite(line, 1, key - line, f);
		close = memchr(key, '}', end - key);
		if (!close)
			tpl_bug(block, "unclosed", end - key, key);
		v = tpl_find(vars, block, key + 2, close - key - 2);
		fputs(v->value ? v->value : "", f);
		line = close + 1;
	}
	fputc('\n', f);
}

/* Does the line (without its newline) start with the directive word? */
static const char *directive(const char *line, int len, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)len < n || strncmp(line, word, n))
		return NULL;
	if ((size_t)len == n)
		return line + n;
	return line[n] == ' ' ? line + n + 1 : NULL;
}

void tpl_write(FILE *f, const char *tpl, const char *block,
	       const struct tpl_var *common, const struct tpl_var *item)
{
	const struct tpl_var *const vars[2] = { item, common };
	bool keep[TPL_DEPTH + 1] = { true }, cond[TPL_DEPTH + 1];
	const char *p = tpl, *eol, *arg;
	int depth = 0, len;
	bool found = false;

	for (; *p; p = *eol ? eol + 1 : eol) {
		eol = strchr(p, '\n');
		if (!eol)
			eol = p + strlen(p);
		len = eol - p;
		arg = directive(p, len, "%%");
		if (arg) {
			if (found)
				break;
			found = (int)strlen(block) == eol - arg &&
				!strncmp(arg, block, eol - arg);
			continue;
		}
		if (!found || directive(p, len, "%#"))
			continue;
		if ((arg = directive(p, len, "%if")) || (arg = directive(p, len, "%ifnot"))) {
			const struct tpl_var *v = tpl_find(vars, block, arg, eol - arg);
			bool set = v->value && v->value[0];

			if (depth == TPL_DEPTH)
				tpl_bug(block, "%if nested too deep at", len, p);
			cond[++depth] = p[3] == 'n' ? !set : set;
			keep[depth] = keep[depth - 1] && cond[depth];
		} else if (directive(p, len, "%else")) {
			if (!depth)
				tpl_bug(block, "%else without %if:", len, p);
			keep[depth] = keep[depth - 1] && !cond[depth];
		} else if (directive(p, len, "%endif")) {
			if (!depth)
				tpl_bug(block, "%endif without %if:", len, p);
			depth--;
		} else if (keep[depth]) {
			tpl_line(f, p, len, block, vars);
		}
	}
	if (!found)
		tpl_bug(block, "no such block", (int)strlen(block), block);
	if (depth)
		tpl_bug(block, "%if without %endif", 0, "");
}
