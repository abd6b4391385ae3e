// SPDX-License-Identifier: GPL-2.0
/*
 * Messages: errors and warnings on stderr, information on stdout unless -q
 * or -j. Under -j, stdout carries exactly one JSON document: what commands
 * write there is kept until they end, then printed, or replaced by
 * {"error": "..."} if the command failed, or "null" if it wrote nothing.
 * libbpf's own messages are shown with -v only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "escape.h"
#include "json.h"
#include "struct_ops.h"

struct global_opts g_opts;

/* Under -j: the document so far, and the first error. */
static FILE *doc;
static char *doc_buf;
static size_t doc_len;
static char first_error[1024];

/*
 * One message is one line: a control byte from user input (a newline in a
 * --name, say) or from the system (a process name) is shown escaped (\x0a),
 * so it cannot end the line, forge another or drive the terminal.
 */
static void vprint(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	char msg[2048], safe[4 * sizeof(msg)];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	fprintf(f, "%s%s\n", prefix, str_sanitize(safe, sizeof(safe), msg));
	fflush(f);
}

void p_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (!g_opts.json)
		vprint(stderr, "Error: ", fmt, ap);
	else if (!first_error[0])
		vsnprintf(first_error, sizeof(first_error), fmt, ap);
	va_end(ap);
}

FILE *out_json(void)
{
	if (!doc) {
		doc = open_memstream(&doc_buf, &doc_len);
		if (!doc)
			return stdout;	/* out of memory: unbuffered, as before */
	}
	return doc;
}

FILE *out_help(void)
{
	return g_opts.json ? stderr : stdout;
}

int out_finish(int status)
{
	if (!g_opts.json)
		return status;
	if (doc)
		fclose(doc);
	if (first_error[0] && status != EXIT_OK)
		json_error_object(stdout, first_error);
	else if (doc && doc_len)
		fwrite(doc_buf, 1, doc_len, stdout);
	else
		puts("null");
	if (first_error[0] && status == EXIT_OK) {
		char safe[4 * sizeof(first_error)];

		fprintf(stderr, "Error: %s\n",
			str_sanitize(safe, sizeof(safe), first_error));
	}
	fflush(stdout);
	free(doc_buf);
	doc = NULL;
	doc_buf = NULL;
	doc_len = 0;
	first_error[0] = '\0';
	return status;
}

void p_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(stderr, "Warning: ", fmt, ap);
	va_end(ap);
}

void p_info(const char *fmt, ...)
{
	va_list ap;

	if (g_opts.quiet || g_opts.json)
		return;
	va_start(ap, fmt);
	vprint(stdout, "", fmt, ap);
	va_end(ap);
}

/*
 * libbpf's messages go to stderr with -v (-vv: its debug messages too),
 * and nowhere otherwise: what a failure needs from them (the verifier's
 * log) comes from the loader's own buffer (loader.c).
 */
static int libbpf_print(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	if (!g_opts.verbose || (level == LIBBPF_DEBUG && g_opts.verbose < 2))
		return 0;
	return vfprintf(stderr, fmt, ap);
}

void out_setup(void)
{
	libbpf_set_print(libbpf_print);
}
