// SPDX-License-Identifier: GPL-2.0
/*
 * jsonget: read one JSON document on stdin, as the guest's tests need it
 * (the guest has no JSON parser).
 *
 *   jsonget            exit 0 if stdin is exactly one valid document
 *   jsonget PATH       print the value at PATH: .key, [N], chained
 *                      (".maps[0].id"); a string unescaped, a number or
 *                      literal as written, an object or array as its text
 *   jsonget -n PATH    print the number of members or elements at PATH
 *   jsonget -t PATH    print its kind: object array string number bool null
 *
 * Exit status: 0 found, 1 no such PATH, 2 not one valid document (the
 * reason on stderr), 3 bad usage. Built static, so it runs in the guest.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH	64

struct node {
	char kind;		/* o a s n b z (null) */
	const char *start, *end;	/* the value's text */
	const char *key, *key_end;	/* in an object: the member's key text */
	struct node *child, *next;
	int count;
};

static const char *p, *text_end;
static const char *error;

static void skip_ws(void)
{
	while (p < text_end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
}

static int fail(const char *why)
{
	if (!error)
		error = why;
	return -1;
}

/* Bytes of the valid UTF-8 sequence at p (1 for ASCII), 0 if invalid. */
static int utf8_seq(void)
{
	const unsigned char *u = (const unsigned char *)p;
	unsigned int cp, min;
	int n, i;

	if (u[0] < 0x80)
		return 1;
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2, cp = u[0] & 0x1f, min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3, cp = u[0] & 0x0f, min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4, cp = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if (p + i >= text_end || (u[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (u[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static int parse_string(void)
{
	int n;

	if (p >= text_end || *p != '"')
		return fail("expected a string");
	for (p++; p < text_end && *p != '"'; p++) {
		if ((unsigned char)*p < 0x20)
			return fail("control byte in a string");
		n = utf8_seq();
		if (!n)
			return fail("a string that is not UTF-8");
		if (n > 1) {
			p += n - 1;
			continue;
		}
		if (*p != '\\')
			continue;
		if (++p >= text_end)
			break;
		if (*p == 'u') {
			int i;

			for (i = 1; i <= 4; i++)
				if (p + i >= text_end || !isxdigit((unsigned char)p[i]))
					return fail("bad \\u escape");
			p += 4;
		} else if (!strchr("\"\\/bfnrt", *p)) {
			return fail("bad escape in a string");
		}
	}
	if (p >= text_end)
		return fail("unterminated string");
	p++;
	return 0;
}

static int parse_number(void)
{
	const char *s = p;

	if (p < text_end && *p == '-')
		p++;
	if (p >= text_end || !isdigit((unsigned char)*p))
		return fail("bad number");
	if (*p == '0')
		p++;
	else
		while (p < text_end && isdigit((unsigned char)*p))
			p++;
	if (p < text_end && *p == '.') {
		if (++p >= text_end || !isdigit((unsigned char)*p))
			return fail("bad number");
		while (p < text_end && isdigit((unsigned char)*p))
			p++;
	}
	if (p < text_end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < text_end && (*p == '+' || *p == '-'))
			p++;
		if (p >= text_end || !isdigit((unsigned char)*p))
			return fail("bad number");
		while (p < text_end && isdigit((unsigned char)*p))
			p++;
	}
	return p > s ? 0 : fail("bad number");
}

static int literal(const char *word, char kind, struct node *n)
{
	size_t len = strlen(word);

	if ((size_t)(text_end - p) < len || memcmp(p, word, len))
		return fail("unexpected text");
	n->kind = kind;
	p += len;
	return 0;
}

static int parse_value(struct node *n, int depth)
{
	struct node **tail = &n->child;

	if (depth > MAX_DEPTH)
		return fail("nested too deep");
	skip_ws();
	n->start = p;
	if (p >= text_end)
		return fail("unexpected end");
	switch (*p) {
	case '{':
	case '[': {
		char close = *p == '{' ? '}' : ']';

		n->kind = *p == '{' ? 'o' : 'a';
		p++;
		skip_ws();
		if (p < text_end && *p == close) {
			p++;
			break;
		}
		for (;;) {
			struct node *k = calloc(1, sizeof(*k));

			if (!k)
				return fail("out of memory");
			*tail = k;
			tail = &k->next;
			n->count++;
			skip_ws();
			if (n->kind == 'o') {
				k->key = p;
				if (parse_string())
					return -1;
				k->key_end = p;
				skip_ws();
				if (p >= text_end || *p++ != ':')
					return fail("expected ':'");
			}
			if (parse_value(k, depth + 1))
				return -1;
			skip_ws();
			if (p < text_end && *p == ',') {
				p++;
				continue;
			}
			if (p < text_end && *p == close) {
				p++;
				break;
			}
			return fail(n->kind == 'o' ? "expected ',' or '}'" : "expected ',' or ']'");
		}
		break;
	}
	case '"':
		n->kind = 's';
		if (parse_string())
			return -1;
		break;
	case 't':
		return literal("true", 'b', n) ? -1 : (n->end = p, 0);
	case 'f':
		return literal("false", 'b', n) ? -1 : (n->end = p, 0);
	case 'n':
		return literal("null", 'z', n) ? -1 : (n->end = p, 0);
	default:
		n->kind = 'n';
		if (parse_number())
			return -1;
	}
	n->end = p;
	return 0;
}

/* Does the key text (with its quotes, escapes not expanded) equal name? */
static int key_is(const struct node *k, const char *name, size_t len)
{
	return (size_t)(k->key_end - k->key) == len + 2 && !memcmp(k->key + 1, name, len);
}

static const struct node *walk(const struct node *n, const char *path)
{
	while (n && *path) {
		const struct node *k;

		if (*path == '.' && path[1] && path[1] != '[') {
			size_t len = strcspn(path + 1, ".[");

			if (n->kind != 'o')
				return NULL;
			for (k = n->child; k && !key_is(k, path + 1, len); k = k->next)
				;
			n = k;
			path += 1 + len;
		} else if (*path == '[') {
			char *end;
			long i = strtol(path + 1, &end, 10);

			if (n->kind != 'a' || *end != ']' || i < 0)
				return NULL;
			for (k = n->child; k && i--; k = k->next)
				;
			n = k;
			path = end + 1;
		} else if (*path == '.') {
			path++;		/* "." alone, or ".[0]" */
		} else {
			return NULL;
		}
	}
	return n;
}

static void print_string(const struct node *n)
{
	const char *s;

	for (s = n->start + 1; s < n->end - 1; s++) {
		if (*s != '\\') {
			putchar(*s);
			continue;
		}
		switch (*++s) {
		case 'n': putchar('\n'); break;
		case 't': putchar('\t'); break;
		case 'r': putchar('\r'); break;
		case 'b': putchar('\b'); break;
		case 'f': putchar('\f'); break;
		case 'u': {
			unsigned int c = strtoul((char[]){ s[1], s[2], s[3], s[4], 0 }, NULL, 16);

			if (c < 0x80)
				putchar((int)c);
			else
				printf("\\u%04x", c);
			s += 4;
			break;
		}
		default: putchar(*s);
		}
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	static const char *const kinds[] = { ['o'] = "object", ['a'] = "array",
		['s'] = "string", ['n'] = "number", ['b'] = "bool", ['z'] = "null" };
	char mode = 'v';
	const struct node *found;
	struct node root = { 0 };
	size_t cap = 1 << 16, len = 0, got;
	char *buf = malloc(cap);

	if (argc == 3 && (!strcmp(argv[1], "-n") || !strcmp(argv[1], "-t")))
		mode = argv[1][1];
	else if (argc == 2 && argv[1][0] != '-')
		mode = 'p';
	else if (argc != 1) {
		fprintf(stderr, "usage: jsonget [[-n | -t] PATH] < DOCUMENT\n");
		return 3;
	}
	while (buf && (got = fread(buf + len, 1, cap - len, stdin)) > 0) {
		len += got;
		if (len == cap)
			buf = realloc(buf, cap *= 2);
	}
	if (!buf) {
		fprintf(stderr, "jsonget: out of memory\n");
		return 2;
	}
	p = buf;
	text_end = buf + len;
	if (!parse_value(&root, 0)) {
		skip_ws();
		if (p != text_end)
			fail("text after the document (two documents?)");
	}
	if (error) {
		fprintf(stderr, "jsonget: not one JSON document: %s at byte %ld\n",
			error, (long)(p - buf));
		return 2;
	}
	if (mode == 'v')
		return 0;
	found = walk(&root, argv[argc - 1]);
	if (!found)
		return 1;
	if (mode == 'n')
		printf("%d\n", found->count);
	else if (mode == 't')
		printf("%s\n", kinds[(unsigned char)found->kind]);
	else if (found->kind == 's')
		print_string(found);
	else
		printf("%.*s\n", (int)(found->end - found->start), found->start);
	return 0;
}
