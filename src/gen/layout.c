// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's types for the header (a prelude written from a kernel's
 * BTF with libbpf's btf_dump), and the layout cross-check: the header is
 * compiled for BPF with clang -g, and the BTF clang emits, which is what
 * libbpf and the verifier will match programs against, must agree with
 * what libclang said about every member's offset, size and arguments.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "gen.h"
#include "struct_ops.h"

extern char **environ;

static void dump_printf(void *ctx, const char *fmt, va_list args)
{
	vfprintf(ctx, fmt, args);
}

int gen_write_prelude(const char *btf_path, const char *out_path)
{
	struct btf_dump *d = NULL;
	struct btf *btf;
	FILE *f = NULL;
	__u32 id, n;
	int err = -1;

	btf = btf__parse(btf_path, NULL);
	if (!btf) {
		p_err("cannot read kernel BTF from %s: %s (give a vmlinux with BTF, or /sys/kernel/btf/vmlinux, with -k)",
		      btf_path, strerror(errno));
		return -1;
	}
	f = fopen(out_path, "we");
	if (!f) {
		p_err("cannot create %s: %s", out_path, strerror(errno));
		goto out;
	}
	d = btf_dump__new(btf, dump_printf, f, NULL);
	if (!d) {
		p_err("cannot dump the types of %s: %s", btf_path, strerror(errno));
		goto out;
	}
	/* the same text from the same BTF, wherever it is (pch.c caches it) */
	fprintf(f, "/* the kernel's types, from its BTF */\n#ifndef KIT_NEW_PRELUDE\n#define KIT_NEW_PRELUDE\n");
	n = btf__type_cnt(btf);
	for (id = 1; id < n; id++) {
		if (btf_dump__dump_type(d, id)) {
			p_err("cannot dump type %u of %s", id, btf_path);
			goto out;
		}
	}
	fprintf(f, "#endif\n");
	if (fflush(f) || ferror(f)) {
		p_err("cannot write %s: %s", out_path, strerror(errno));
		goto out;
	}
	err = 0;
out:
	btf_dump__free(d);
	if (f)
		fclose(f);
	btf__free(btf);
	return err;
}

/* Run argv with stdout and stderr to log; its exit status, or -1. */
int gen_run_logged(char *const argv[], const char *log)
{
	posix_spawn_file_actions_t fa;
	int status, err;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		errno = err;
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

const char *gen_first_error(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	char line[512];

	snprintf(buf, size, "(no output)");
	if (!f)
		return buf;
	/* the first error, not clang's "N errors generated." */
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		if (strstr(line, "error:")) {
			snprintf(buf, size, "%s", line);
			break;
		}
	}
	fclose(f);
	return buf;
}

static const struct btf_type *func_proto(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_ptr(t))
		return NULL;
	t = btf__type_by_id(btf, t->type);
	while (t && (btf_is_mod(t) || btf_is_typedef(t)))
		t = btf__type_by_id(btf, t->type);
	return t && btf_is_func_proto(t) ? t : NULL;
}

static int compare(const struct gen_ops *ops, const struct btf *btf)
{
	const struct btf_type *t, *fp;
	const struct btf_member *bm;
	const struct btf_param *bp;
	int id, i, j;

	id = btf__find_by_name_kind(btf, ops->sname, BTF_KIND_STRUCT);
	if (id < 0) {
		p_err("clang emitted no BTF for struct %s", ops->sname);
		return -1;
	}
	t = btf__type_by_id(btf, id);
	if (btf_vlen(t) != ops->nmembers) {
		p_err("struct %s: BTF has %u members, libclang saw %d",
		      ops->sname, btf_vlen(t), ops->nmembers);
		return -1;
	}
	bm = btf_members(t);
	for (i = 0; i < ops->nmembers; i++, bm++) {
		const struct gen_member *m = &ops->members[i];
		const char *name = btf__name_by_offset(btf, bm->name_off);
		long long size = btf__resolve_size(btf, bm->type);

		if (strcmp(name, m->name) || btf_member_bit_offset(t, i) != m->offset * 8 ||
		    size != (long long)m->size) {
			p_err("struct %s: member %d is '%s' at byte %u, %lld bytes in BTF, but '%s' at byte %llu, %llu bytes for libclang (a compiler disagreement: report it)",
			      ops->sname, i, name, btf_member_bit_offset(t, i) / 8,
			      size, m->name, m->offset, m->size);
			return -1;
		}
		if (m->kind != GEN_OP)
			continue;
		fp = func_proto(btf, bm->type);
		if (!fp || btf_vlen(fp) != m->nparams ||
		    (fp->type == 0) != (m->ret_kind == GEN_VOID)) {
			p_err("struct %s: operator '%s' has another prototype in BTF (a compiler disagreement: report it)",
			      ops->sname, m->name);
			return -1;
		}
		bp = btf_params(fp);
		for (j = 0; j < m->nparams; j++, bp++) {
			if (btf__resolve_size(btf, bp->type) != m->params[j].size) {
				p_err("struct %s: operator '%s' argument '%s' is %lld bytes in BTF, %u for libclang",
				      ops->sname, m->name, m->params[j].name,
				      (long long)btf__resolve_size(btf, bp->type),
				      m->params[j].size);
				return -1;
			}
		}
	}
	return 0;
}

int gen_check_layout(const struct gen_ops *ops, const char *prelude,
		     const char *scratch)
{
	char src[4096], obj[4096], log[4096], line[512];
	const char *clang = getenv("STRUCT_OPS_CLANG");
	struct gen_verdict v = { .root = scratch };
	struct btf *btf;
	FILE *f;
	int rc, err = -1;

	if (!clang || !*clang)
		clang = "clang-19";
	snprintf(src, sizeof(src), "%s/layout.c", scratch);
	snprintf(obj, sizeof(obj), "%s/layout.o", scratch);
	snprintf(log, sizeof(log), "%s/clang.log", scratch);
	/* the header as libclang read it: its kernel #includes blanked */
	f = fopen(src, "we");
	if (!f) {
		p_err("cannot write %s: %s", src, strerror(errno));
		goto out;
	}
	fprintf(f, "#include \"%s\"\n#line 1 \"%s\"\n%s\nstruct %s struct_ops_new_layout;\n",
		prelude, ops->header, ops->scan.text, ops->sname);
	if (fclose(f)) {
		p_err("cannot write %s: %s", src, strerror(errno));
		goto out;
	}
	{
		char *argv[20 + GEN_NR_ANNOTATIONS] = { (char *)clang, "-g", "-O2", "-target", "bpf",
				 "-fms-extensions", "-funsigned-char", "-Wno-everything" };
		char defs[GEN_NR_ANNOTATIONS][96];
		int i, n = 8;

		for (i = 0; i < GEN_NR_ANNOTATIONS; i++) {
			snprintf(defs[i], sizeof(defs[i]), "-D%s=%s",
				 gen_annotations[i].name, gen_annotations[i].value);
			argv[n++] = defs[i];
		}
		argv[n + 0] = "-c";
		argv[n + 1] = src;
		argv[n + 2] = "-o";
		argv[n + 3] = obj;
		rc = gen_run_cached(argv, n, GEN_PCH_LAYOUT, log, scratch, &v);
	}
	if (rc < 0) {
		p_err("cannot run %s: %s (install clang-19 with 'make deps', or set STRUCT_OPS_CLANG)",
		      clang, strerror(errno));
		goto out;
	}
	if (rc) {
		p_err("%s cannot compile %s for BPF: %s", clang, ops->header,
		      gen_first_error(log, line, sizeof(line)));
		goto out;
	}
	if (v.hit)
		return 0;
	btf = btf__parse_elf(obj, NULL);
	if (!btf) {
		p_err("%s emitted no BTF for %s: %s", clang, ops->header, strerror(errno));
		goto out;
	}
	err = compare(ops, btf);
	btf__free(btf);
	if (!err)
		gen_verdict_keep(&v);
out:
	return err;
}
