// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "explain.h"
#include "loader.h"
#include "objcheck.h"
#include "objtype.h"
#include "struct_ops.h"

/*
 * Each program gets a log buffer of its own: libbpf loads without a log
 * first and, when a program fails, loads it again with log level 1 into
 * its buffer, so the one buffer with text names the program that failed
 * (after a failed load libbpf closes every program's fd, so fds cannot).
 * The kernel keeps the end of a log that does not fit, and the end is
 * what we quote. Untouched, the buffers cost no memory.
 */
#define PROG_LOG_SIZE	(256U << 10)

void loader_open_error(const char *what, int err)
{
	char msg[128];

	/* libbpf's own codes (4000 and up, "Unknown error 4001" to strerror) */
	libbpf_strerror(err, msg, sizeof(msg));
	p_err("cannot open BPF object %s: %s", what, msg);
}

int loader_open(struct loader *l, const char *path, const char *name,
		const char *start, const char *end)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = name);
	int err;

	memset(l, 0, sizeof(*l));
	snprintf(l->what, sizeof(l->what), "%s", path ? path : "the built-in object");
	if (path && objcheck_file(path) == -EINVAL)
		return -EINVAL;
	l->obj = path ? bpf_object__open_file(path, &opts) :
			bpf_object__open_mem(start, end - start, &opts);
	if (l->obj)
		return 0;
	err = -errno;
	loader_open_error(l->what, err);
	return err;
}

/* A log buffer for each program that will load. */
static int set_logs(struct loader *l)
{
	struct bpf_program *prog;
	size_t n = 0;

	bpf_object__for_each_program(prog, l->obj)
		n++;
	free(l->log);
	l->log_size = n * PROG_LOG_SIZE;
	l->log = n ? calloc(n, PROG_LOG_SIZE) : NULL;
	if (n && !l->log) {
		p_err("cannot allocate the verifier's log buffers");
		return -ENOMEM;
	}
	n = 0;
	bpf_object__for_each_program(prog, l->obj)
		bpf_program__set_log_buf(prog, l->log + n++ * PROG_LOG_SIZE,
					 PROG_LOG_SIZE);
	return 0;
}

int loader_load(struct loader *l)
{
	char msg[768], verdict[256];
	struct bpf_program *prog;
	const char *failed = NULL, *log = NULL;
	bool judged;
	int err;

	prog = (struct bpf_program *)obj_unreferenced_prog(l->obj);
	if (prog) {
		explain_unreferenced_prog(msg, sizeof(msg), bpf_program__name(prog),
					  bpf_program__section_name(prog));
		p_err("%s", msg);
		return -EINVAL;
	}
	err = set_logs(l);
	if (err)
		return err;
	err = bpf_object__load(l->obj);
	if (!err)
		return 0;
	/* the program with a log is the one the verifier refused */
	bpf_object__for_each_program(prog, l->obj) {
		size_t size;
		const char *buf = bpf_program__log_buf(prog, &size);

		if (buf && buf[0]) {
			failed = bpf_program__name(prog);
			log = buf;
			break;
		}
	}
	judged = log && !verifier_verdict(log, verdict, sizeof(verdict));
	explain_load_error(msg, sizeof(msg), failed, err, judged ? verdict : NULL);
	p_err("%s", msg);
	/* libbpf prints no log it does not own: -v shows all of it here */
	if (log)
		verifier_print_tail(log, g_opts.verbose ? INT_MAX : 8);
	return err;
}

int loader_try_load(struct loader *l)
{
	if (obj_unreferenced_prog(l->obj))
		return -EINVAL;
	return bpf_object__load(l->obj);
}

void loader_close(struct loader *l)
{
	bpf_object__close(l->obj);
	free(l->log);
	memset(l, 0, sizeof(*l));
}

struct bpf_map *loader_ops_map(struct bpf_object *obj)
{
	struct bpf_map *map, *first = NULL;

	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		if (!strcmp(bpf_map__name(map), "testmod_ops"))
			return map;
		if (!first)
			first = map;
	}
	return first;
}

unsigned int loader_map_id(int fd)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info);

	return bpf_map_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

unsigned int loader_link_id(int fd)
{
	struct bpf_link_info info = {};
	__u32 len = sizeof(info);

	return bpf_link_get_info_by_fd(fd, &info, &len) ? 0 : info.id;
}

/*
 * From 7.x on the verifier follows its error line with a report of its
 * own: "Verification failed: CATEGORY", "Reason:", "At:" with source and
 * instruction context, "Causal path:", "Suggestion:". Where it starts,
 * or NULL (6.12 writes none).
 */
static const char *log_report(const char *log)
{
	const char *r = strstr(log, "\nVerification failed:");

	return r ? r + 1 : NULL;
}

/*
 * The end of the log's classic text: before the report, "processed N
 * insns" and blank lines.
 */
static const char *log_end(const char *log)
{
	const char *end = strstr(log, "\nprocessed "), *report = log_report(log);

	end = end ? end : log + strlen(log);
	if (report && report < end)
		end = report;
	while (end > log && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	return end;
}

int verifier_verdict(const char *log, char *out, size_t size)
{
	const char *end = log_end(log), *start = end;

	if (end == log)
		return -ENOENT;
	while (start > log && start[-1] != '\n')
		start--;
	snprintf(out, size, "%.*s", (int)(end - start), start);
	return 0;
}

static void print_lines(const char *p, const char *end)
{
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		int len = nl ? (int)(nl - p) : (int)(end - p);

		fprintf(stderr, "  verifier: %.*s\n", len, p);
		p += len + 1;
	}
}

/*
 * The report's headline, "Reason:" and "Suggestion:" paragraphs (each up
 * to its blank line); its source and instruction context only with -v.
 */
static void print_report(const char *report, const char *end)
{
	static const char *const keep[] = { "Verification failed:", "Reason:",
					    "Suggestion:" };
	const char *p = report;
	size_t i;

	while (p < end) {
		const char *para_end = strstr(p, "\n\n");

		para_end = para_end && para_end < end ? para_end : end;
		for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
			if (!strncmp(p, keep[i], strlen(keep[i])))
				print_lines(p, para_end);
		p = para_end + 2;
	}
}

void verifier_print_tail(const char *log, int max_lines)
{
	const char *end = log_end(log), *start = end, *report = log_report(log);
	int lines = 0;

	while (start > log && lines < max_lines) {
		start--;
		while (start > log && start[-1] != '\n')
			start--;
		lines++;
	}
	print_lines(start, end);
	if (!report)
		return;
	end = strstr(report, "\nprocessed ");
	end = end ? end : report + strlen(report);
	if (max_lines == INT_MAX)
		print_lines(report, end);
	else
		print_report(report, end);
}
