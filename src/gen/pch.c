// SPDX-License-Identifier: GPL-2.0
/*
 * What 'new' keeps in its cache (cache.c), all of it from the kernel's BTF
 * alone: the prelude, the kernel's types as C (layout.c), and the prelude
 * precompiled three times over, once per way 'new' compiles it: for
 * libclang's reading of the header (header.c), for the layout compile
 * (layout.c) and for the trial build of the BPF program (trial.c). Each
 * of those is several megabytes of C that the compiler would otherwise
 * parse again on every run; a precompiled header loads in milliseconds.
 *
 * A precompiled header is made with the very flags of the compile that
 * uses it (they are its entry's tag) from the cached prelude's path, and
 * the prelude has an include guard, so the compile's own '#include' of it
 * adds nothing. Nothing 'new' writes depends on the cache: a compile that
 * fails with a precompiled header runs again without it, and its result
 * is the one that counts. gen_run_cached() runs a compile this way, or
 * not at all when a verdict (verdict.c) says the same one passed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <clang-c/Index.h>

#include "gen.h"

static const char *const pchs[] = { "header.pch", "layout.pch", "trial.pch" };

static bool cached_prelude;

static int copy_fd(const char *from, int to)
{
	FILE *in = fopen(from, "re");
	char buf[65536];
	size_t n;
	int err = 0;

	if (!in)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (write(to, buf, n) != (ssize_t)n)
			err = -1;
	if (ferror(in))
		err = -1;
	fclose(in);
	return err;
}

int gen_prelude(const char *btf_path, const char *scratch, char *prelude, size_t size)
{
	char tmp[PATH_MAX];
	unsigned int i;
	int fd, err;

	if (gen_cache_open(btf_path) && gen_cache_valid("vmlinux.h", 0) &&
	    !gen_cache_path("vmlinux.h", prelude, size)) {
		cached_prelude = true;
		return 0;
	}
	snprintf(prelude, size, "%s/vmlinux.h", scratch);
	if (gen_write_prelude(btf_path, prelude))
		return -1;
	fd = gen_cache_temp("vmlinux.h", tmp, sizeof(tmp));
	if (fd < 0)
		return 0;
	err = copy_fd(prelude, fd);
	err |= close(fd);
	/* the precompiled headers were made from the prelude this replaces */
	for (i = 0; i < sizeof(pchs) / sizeof(pchs[0]); i++)
		gen_cache_drop(pchs[i]);
	if (err)
		unlink(tmp);
	else if (gen_cache_commit(tmp, "vmlinux.h", 0))
		cached_prelude = !gen_cache_path("vmlinux.h", prelude, size);
	return 0;
}

const char *gen_prelude_dir(void)
{
	return cached_prelude ? gen_cache_dir() : NULL;
}

/* A temporary file for entry name, and the cached prelude's path. */
static bool pch_temp(const char *name, char tmp[PATH_MAX], char prelude[PATH_MAX])
{
	int fd = gen_cache_temp(name, tmp, PATH_MAX);

	if (fd < 0)
		return false;
	close(fd);
	return !gen_cache_path("vmlinux.h", prelude, PATH_MAX);
}

/* The prelude compiled as a header by libclang with args, saved to path. */
static bool save_header_pch(const char *const args[], int nargs, const char *name,
			    uint64_t tag)
{
	char prelude[PATH_MAX], tmp[PATH_MAX];
	CXTranslationUnit tu = NULL;
	CXIndex index;
	bool ok = false;

	if (!pch_temp(name, tmp, prelude))
		return false;
	index = clang_createIndex(0, 0);
	if (clang_parseTranslationUnit2(index, prelude, args, nargs, NULL, 0,
					CXTranslationUnit_ForSerialization |
					CXTranslationUnit_DetailedPreprocessingRecord |
					CXTranslationUnit_SkipFunctionBodies,
					&tu) == CXError_Success &&
	    !clang_getNumDiagnostics(tu) &&
	    clang_saveTranslationUnit(tu, tmp, clang_defaultSaveOptions(tu)) == CXSaveError_None)
		ok = gen_cache_commit(tmp, name, tag);
	else
		unlink(tmp);
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	return ok;
}

/* Whether libclang reads an empty file after the precompiled header without a word. */
static bool header_pch_loads(const char *const args[], int nargs, const char *pch)
{
	const char *probe[GEN_PARSE_NARGS + 2];
	struct CXUnsavedFile empty = { .Filename = "/probe.c", .Contents = "", .Length = 0 };
	CXTranslationUnit tu = NULL;
	CXIndex index = clang_createIndex(0, 0);
	bool ok;

	memcpy(probe, args, nargs * sizeof(*args));
	probe[nargs] = "-include-pch";
	probe[nargs + 1] = pch;
	ok = clang_parseTranslationUnit2(index, "/probe.c", probe, nargs + 2, &empty, 1,
					 CXTranslationUnit_SkipFunctionBodies, &tu) == CXError_Success &&
	     !clang_getNumDiagnostics(tu);
	if (tu)
		clang_disposeTranslationUnit(tu);
	clang_disposeIndex(index);
	return ok;
}

const char *gen_header_pch(const char *const args[], int nargs)
{
	static char path[PATH_MAX];
	CXString v = clang_getClangVersion();
	char *tag_strs[GEN_PARSE_NARGS + 1];
	uint64_t tag;

	if (!cached_prelude || nargs > GEN_PARSE_NARGS ||
	    gen_cache_path(pchs[0], path, sizeof(path))) {
		clang_disposeString(v);
		return NULL;
	}
	memcpy(tag_strs, args, nargs * sizeof(*args));
	tag_strs[nargs] = (char *)clang_getCString(v);
	tag = gen_cache_tag(tag_strs, nargs + 1);
	clang_disposeString(v);
	if (gen_cache_valid(pchs[0], tag) && header_pch_loads(args, nargs, path))
		return path;
	if (save_header_pch(args, nargs, pchs[0], tag) && header_pch_loads(args, nargs, path))
		return path;
	gen_cache_drop(pchs[0]);
	return NULL;
}

/* The precompiled prelude for the first nflags flags of a clang, made if need be, or NULL. */
static const char *clang_pch(int which, char *const flags[], int nflags, const char *scratch)
{
	static char paths[2][PATH_MAX];
	char prelude[PATH_MAX], tmp[PATH_MAX], log[PATH_MAX];
	const char *name = pchs[which];
	char *argv[GEN_CLANG_NFLAGS + 8];
	/* the flags, and the compiler's own file: another clang, another header */
	uint64_t tag = gen_command_hash(gen_cache_tag(flags, nflags), flags[0]);
	char *path = paths[which - 1];
	int n = nflags;

	if (!cached_prelude || nflags > GEN_CLANG_NFLAGS ||
	    gen_cache_path(name, path, PATH_MAX))
		return NULL;
	if (gen_cache_valid(name, tag))
		return path;
	if (!pch_temp(name, tmp, prelude))
		return NULL;
	snprintf(log, sizeof(log), "%s/pch.log", scratch);
	memcpy(argv, flags, nflags * sizeof(*flags));
	argv[n++] = "-x";
	argv[n++] = "c-header";
	argv[n++] = prelude;
	argv[n++] = "-o";
	argv[n++] = tmp;
	argv[n] = NULL;
	if (!gen_run_logged(argv, log) && gen_cache_commit(tmp, name, tag))
		return path;
	unlink(tmp);
	return NULL;
}

/*
 * gen_run_logged(argv) with the precompiled prelude for its first nflags
 * (argv has room for five more), or without when it fails with it; not at
 * all when v (if not NULL) knows that the same compile passed: then
 * v->hit. Otherwise the compile lists the files it read in v->deps, for
 * gen_verdict_keep().
 */
int gen_run_cached(char *argv[], int nflags, int which, const char *log,
		   const char *scratch, struct gen_verdict *v)
{
	const char *pch;
	int n, rc;

	if (v && gen_verdict_known(v, argv))
		return 0;
	pch = clang_pch(which, argv, nflags, scratch);
	for (n = nflags; argv[n]; n++)
		;
	if (v && v->name[0]) {
		snprintf(v->deps, sizeof(v->deps), "%s/%s.d", scratch, pchs[which]);
		argv[n++] = "-MD";
		argv[n++] = "-MF";
		argv[n++] = v->deps;
		argv[n] = NULL;
	}
	if (!pch)
		return gen_run_logged(argv, log);
	argv[n] = "-include-pch";
	argv[n + 1] = (char *)pch;
	argv[n + 2] = NULL;
	rc = gen_run_logged(argv, log);
	argv[n] = NULL;
	if (!rc)
		return 0;
	rc = gen_run_logged(argv, log);
	if (!rc)
		gen_cache_drop(pchs[which]);
	return rc;
}
