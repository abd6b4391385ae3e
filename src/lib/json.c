// SPDX-License-Identifier: GPL-2.0
#include "escape.h"
#include "json.h"

void json_init(struct json *j, FILE *out, bool pretty)
{
	j->out = out;
	j->pretty = pretty;
	j->depth = 0;
	j->first[0] = true;
	j->key_pending = false;
}

static void newline(struct json *j)
{
	int i;

	if (!j->pretty)
		return;
	fputc('\n', j->out);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* Separator and indentation before a value or a key. */
static void before_item(struct json *j)
{
	if (j->key_pending) {
		j->key_pending = false;
		return;
	}
	if (j->depth > 0) {
		if (!j->first[j->depth])
			fputc(',', j->out);
		newline(j);
	}
	j->first[j->depth] = false;
}

/*
 * A JSON string: valid UTF-8 whatever s holds. A byte that is not part of
 * valid UTF-8 becomes U+FFFD; controls (C0, DEL, C1) are \u escapes, so no
 * terminal that shows the document acts on them.
 */
void json_write_escaped(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len;

	fputc('"', out);
	while (*p) {
		len = utf8_len(p);
		if (!len) {
			fputs("\\ufffd", out);
			p++;
			continue;
		}
		if (*p == '"')
			fputs("\\\"", out);
		else if (*p == '\\')
			fputs("\\\\", out);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p == '\r')
			fputs("\\r", out);
		else if (utf8_is_control(p, len))
			fprintf(out, "\\u%04x", len == 1 ? p[0] : p[1]);
		else
			fwrite(p, 1, len, out);
		p += len;
	}
	fputc('"', out);
}

static void open_container(struct json *j, char c)
{
	before_item(j);
	fputc(c, j->out);
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->first[j->depth] = true;
}

static void close_container(struct json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		newline(j);
	fputc(c, j->out);
}

void json_begin_object(struct json *j)
{
	open_container(j, '{');
}

void json_end_object(struct json *j)
{
	close_container(j, '}');
}

void json_begin_array(struct json *j)
{
	open_container(j, '[');
}

void json_end_array(struct json *j)
{
	close_container(j, ']');
}

void json_key(struct json *j, const char *key)
{
	before_item(j);
	json_write_escaped(j->out, key);
	fputs(j->pretty ? ": " : ":", j->out);
	j->key_pending = true;
}

void json_string(struct json *j, const char *s)
{
	before_item(j);
	json_write_escaped(j->out, s);
}

void json_uint(struct json *j, unsigned long long v)
{
	before_item(j);
	fprintf(j->out, "%llu", v);
}

void json_int(struct json *j, long long v)
{
	before_item(j);
	fprintf(j->out, "%lld", v);
}

void json_bool(struct json *j, bool v)
{
	before_item(j);
	fputs(v ? "true" : "false", j->out);
}

void json_double(struct json *j, double v, int decimals)
{
	before_item(j);
	fprintf(j->out, "%.*f", decimals, v);
}

void json_null(struct json *j)
{
	before_item(j);
	fputs("null", j->out);
}

void json_finish(struct json *j)
{
	fputc('\n', j->out);
	fflush(j->out);
}

void json_kv_string(struct json *j, const char *key, const char *s)
{
	json_key(j, key);
	json_string(j, s);
}

void json_kv_uint(struct json *j, const char *key, unsigned long long v)
{
	json_key(j, key);
	json_uint(j, v);
}

void json_kv_int(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	json_int(j, v);
}

void json_kv_bool(struct json *j, const char *key, bool v)
{
	json_key(j, key);
	json_bool(j, v);
}

void json_error_object(FILE *out, const char *msg)
{
	fputs("{\"error\":", out);
	json_write_escaped(out, msg);
	fputs("}\n", out);
	fflush(out);
}
