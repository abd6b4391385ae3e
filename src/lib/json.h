/* SPDX-License-Identifier: GPL-2.0 */
/* A small streaming JSON writer: enough for objects, arrays, strings, numbers. */
#ifndef JSON_H
#define JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *out;
	bool pretty;
	int depth;
	bool first[JSON_MAX_DEPTH];	/* no member written yet at this depth */
	bool key_pending;		/* a key was written, its value not yet */
};

void json_init(struct json *j, FILE *out, bool pretty);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s);
void json_uint(struct json *j, unsigned long long v);
void json_int(struct json *j, long long v);
void json_bool(struct json *j, bool v);
void json_double(struct json *j, double v, int decimals);
void json_null(struct json *j);
/* Finish a document: newline and flush. */
void json_finish(struct json *j);

/* Shorthands for "key": value. */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_uint(struct json *j, const char *key, unsigned long long v);
void json_kv_int(struct json *j, const char *key, long long v);
void json_kv_bool(struct json *j, const char *key, bool v);

/* Write s as a JSON string literal (quotes and escapes) to out. */
void json_write_escaped(FILE *out, const char *s);
/* {"error": "msg"} on its own line. */
void json_error_object(FILE *out, const char *msg);

#endif /* JSON_H */
