// SPDX-License-Identifier: GPL-2.0
/*
 * Messages: errors and warnings on stderr, information on stdout unless -q
 * or -j. Under -j, stdout carries exactly one JSON document: what commands
 * write there is kept until they end, then printed, or replaced by
 * {"error": "..."} if the command failed, or "null" if it wrote nothing.
 * libbpf's own messages are kept out of the way unless -v, but remembered,
 * so that a failure can quote the part that matters (the verifier's log).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "json.h"
#include "struct_ops.h"

struct global_opts g_opts;

#define LOG_KEEP	(1 << 20)	/* bytes of libbpf output kept */

static char *log_buf;
static size_t log_len;

/* Under -j: the document so far, and the first error. */
static FILE *doc;
static char *doc_buf;
static size_t doc_len;
static char first_error[1024];

/*
 * One message is one line: a control byte from user input (a newline in a
 * --name, say) is shown as '?', so it cannot end the line or forge another.
 */
static void vprint(FILE *f, const char *prefix, const char *fmt, va_list ap)
{
	char msg[2048];
	size_t i;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	for (i = 0; msg[i]; i++)
		if ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7f)
			msg[i] = '?';
	fprintf(f, "%s%s\n", prefix, msg);
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
	if (first_error[0] && status == EXIT_OK)
		fprintf(stderr, "Error: %s\n", first_error);
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

static void log_append(const char *s, size_t n)
{
	if (!log_buf) {
		log_buf = malloc(LOG_KEEP);
		if (!log_buf)
			return;
	}
	if (n >= LOG_KEEP) {
		s += n - LOG_KEEP + 1;
		n = LOG_KEEP - 1;
	}
	if (log_len + n >= LOG_KEEP) {
		/* keep the newest half plus what arrives */
		size_t drop = log_len + n - LOG_KEEP / 2;

		if (drop > log_len)
			drop = log_len;
		memmove(log_buf, log_buf + drop, log_len - drop);
		log_len -= drop;
	}
	memcpy(log_buf + log_len, s, n);
	log_len += n;
	log_buf[log_len] = '\0';
}

static int libbpf_print(enum libbpf_print_level level, const char *fmt,
			va_list ap)
{
	char line[4096];
	va_list copy;
	int n;

	if (g_opts.verbose) {
		if (level == LIBBPF_DEBUG && g_opts.verbose < 2)
			return 0;
		return vfprintf(stderr, fmt, ap);
	}
	if (level == LIBBPF_DEBUG)
		return 0;

	/* Verifier logs arrive as one huge string: size it first. */
	va_copy(copy, ap);
	n = vsnprintf(line, sizeof(line), fmt, copy);
	va_end(copy);
	if (n < 0)
		return n;
	if ((size_t)n < sizeof(line)) {
		log_append(line, n);
	} else {
		char *big = malloc(n + 1);

		if (!big)
			return -1;
		vsnprintf(big, n + 1, fmt, ap);
		log_append(big, n);
		free(big);
	}
	return n;
}

void out_setup(void)
{
	libbpf_set_print(libbpf_print);
}

void libbpf_output_reset(void)
{
	log_len = 0;
	if (log_buf)
		log_buf[0] = '\0';
}

#define LOG_BEGIN	"-- BEGIN PROG LOAD LOG --"
#define LOG_END		"-- END PROG LOAD LOG --"

/*
 * The verifier's verdict: the last line of the newest log before the
 * "processed N insns" statistics.
 */
bool libbpf_output_verifier_verdict(char *out, size_t size)
{
	const char *begin = NULL, *end, *p, *prev = NULL, *nl;

	if (!log_len)
		return false;
	for (p = strstr(log_buf, LOG_BEGIN); p; p = strstr(p + 1, LOG_BEGIN))
		begin = p;
	if (!begin)
		return false;
	end = strstr(begin, LOG_END);
	if (!end)
		end = log_buf + log_len;
	for (p = strchr(begin, '\n'); p && p < end; p = nl) {
		p++;
		nl = memchr(p, '\n', end - p);
		if (!nl)
			break;
		if (!strncmp(p, "processed ", 10))
			break;
		if (nl > p)
			prev = p;
	}
	if (!prev)
		return false;
	nl = strchr(prev, '\n');
	snprintf(out, size, "%.*s", (int)(nl - prev), prev);
	return true;
}

/* The program named in libbpf's last "prog 'NAME': ... load" failure. */
bool libbpf_output_failed_prog(char *name, size_t size)
{
	const char *p, *last = NULL, *end;

	if (!log_len)
		return false;
	for (p = strstr(log_buf, "prog '"); p; p = strstr(p + 1, "prog '")) {
		const char *eol = strchr(p, '\n');

		end = strstr(p, "load");
		if (end && (!eol || end < eol))
			last = p;
	}
	if (!last)
		return false;
	last += strlen("prog '");
	end = strchr(last, '\'');
	if (!end || (size_t)(end - last) >= size)
		return false;
	memcpy(name, last, end - last);
	name[end - last] = '\0';
	return true;
}

/*
 * Print the last max_lines lines of the newest verifier log libbpf passed
 * on, indented, to stderr. Returns false if there was none.
 */
bool libbpf_output_show_verifier_tail(int max_lines)
{
	const char *begin, *end, *p, *start;
	int lines = 0;

	if (!log_len)
		return false;
	begin = NULL;
	for (p = strstr(log_buf, LOG_BEGIN); p; p = strstr(p + 1, LOG_BEGIN))
		begin = p;
	if (!begin)
		return false;
	begin = strchr(begin, '\n');
	if (!begin)
		return false;
	begin++;
	end = strstr(begin, LOG_END);
	if (!end)
		end = log_buf + log_len;
	/* skip trailing blank lines, then walk back max_lines lines */
	while (end > begin && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	start = end;
	while (start > begin && lines < max_lines) {
		start--;
		while (start > begin && start[-1] != '\n')
			start--;
		lines++;
	}
	for (p = start; p < end;) {
		const char *nl = memchr(p, '\n', end - p);
		int len = nl ? (int)(nl - p) : (int)(end - p);

		fprintf(stderr, "  verifier: %.*s\n", len, p);
		p += len + 1;
	}
	return true;
}
