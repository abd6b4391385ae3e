// SPDX-License-Identifier: GPL-2.0
/*
 * Verdicts: that a compile of 'new' (the layout check, the trial build of
 * the BPF program) passed, kept in the cache (cache.c) so that the same
 * compile of the same files is not run again. A verdict's name is a hash
 * of the command (the per-run directory written as "@"), the compiler and
 * the generator themselves (path, size, modification time), libclang's
 * version, the include path from the environment and the source's bytes; it lists every file
 * the compile read (clang -MD) with a hash of its bytes, and holds only
 * while each still has them. Only passes are kept: a failure runs again
 * and says why, as it always did.
 *
 * What a verdict cannot see is a file that would now be found first on
 * the include path (a header newly installed under /usr/local/include
 * with the name of one in /usr/include); removing ~/.cache/struct-ops/new
 * forgets every verdict.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <clang-c/Index.h>

#include "gen.h"

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	return gen_hash64(p, n, h);
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	return mix(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* A file's identity: its real path, size, modification time and inode. */
static uint64_t mix_identity(uint64_t h, const char *path)
{
	char real[PATH_MAX];
	struct stat st;

	if (!realpath(path, real) || stat(real, &st))
		return mix_str(h, path);
	h = mix_str(h, real);
	h = mix(h, &st.st_size, sizeof(st.st_size));
	h = mix(h, &st.st_mtim, sizeof(st.st_mtim));
	return mix(h, &st.st_ino, sizeof(st.st_ino));
}

/* h and the identity of cmd's file, as execvp finds it */
uint64_t gen_command_hash(uint64_t h, const char *cmd)
{
	const char *path = getenv("PATH"), *end;
	char full[PATH_MAX];

	if (strchr(cmd, '/') || !path)
		return mix_identity(h, cmd);
	for (; *path; path = *end ? end + 1 : end) {
		end = strchrnul(path, ':');
		snprintf(full, sizeof(full), "%.*s/%s", (int)(end - path),
			 end > path ? path : ".", cmd);
		if (!access(full, X_OK))
			return mix_identity(h, full);
	}
	return mix_str(h, cmd);
}

/* path (or -Ipath) with root written "@", for a name that holds across runs */
static const char *relative(const char *path, const char *root, char *buf, size_t size)
{
	int opt = strncmp(path, "-I", 2) ? 0 : 2;
	size_t n = strlen(root);

	if (strncmp(path + opt, root, n) || (path[opt + n] != '/' && path[opt + n]))
		return path;
	snprintf(buf, size, "%.*s@%s", opt, path, path + opt + n);
	return buf;
}

static uint64_t file_hash(const char *path, bool *ok)
{
	uint64_t h = 0;

	*ok = !gen_hash_file(path, &h);
	return h;
}

bool gen_verdict_known(struct gen_verdict *v, char *const argv[])
{
	const char *root = v->root;
	char buf[PATH_MAX], path[PATH_MAX], line[PATH_MAX + 64];
	uint64_t h = 0, want;
	unsigned int n = 0, count;
	const char *src = NULL;
	bool ok, known = false;
	CXString lv;
	FILE *f;
	int i;

	v->hit = false;
	v->name[0] = 0;
	if (!gen_prelude_dir())
		return false;
	h = gen_command_hash(h, argv[0]);
	h = mix_identity(h, "/proc/self/exe");
	/* the layout check compares with what libclang read */
	lv = clang_getClangVersion();
	h = mix_str(h, clang_getCString(lv));
	clang_disposeString(lv);
	h = mix_str(h, getenv("CPATH"));
	h = mix_str(h, getenv("C_INCLUDE_PATH"));
	for (i = 1; argv[i]; i++) {
		/* where the object goes is no part of the result */
		if (!strcmp(argv[i], "-o") && argv[i + 1]) {
			i++;
			continue;
		}
		h = mix_str(h, relative(argv[i], root, buf, sizeof(buf)));
		if (!strcmp(argv[i], "-c"))
			src = argv[i + 1];
	}
	if (src) {
		uint64_t sh = file_hash(src, &ok);

		h = mix(h, &sh, sizeof(sh));
	}
	snprintf(v->name, sizeof(v->name), "verdict-%016" PRIx64, h);
	if (!src || !ok || !gen_cache_valid(v->name, 0) ||
	    gen_cache_path(v->name, path, sizeof(path)))
		return false;
	f = fopen(path, "re");
	if (!f)
		return false;
	/* every file the compile read, with the hash of its bytes then */
	while (fgets(line, sizeof(line), f)) {
		char *sp = strrchr(line, ' ');

		if (!strncmp(line, "end ", 4)) {
			known = sscanf(line, "end %u", &count) == 1 && count == n;
			break;
		}
		if (!sp || sscanf(sp, " %" SCNx64, &want) != 1)
			break;
		*sp = 0;
		if (snprintf(buf, sizeof(buf), "%s%s", line[0] == '@' ? root : "",
			     line + (line[0] == '@')) >= (int)sizeof(buf) ||
		    file_hash(buf, &ok) != want || !ok)
			break;
		n++;
	}
	fclose(f);
	v->hit = known;
	return known;
}

/* The next file name of a make rule's prerequisites (clang -MD), or NULL. */
static char *next_dep(char **p)
{
	char *s = *p, *out, *start;

	while (*s == ' ' || *s == '\n' || *s == '\t' || (*s == '\\' && s[1] == '\n'))
		s += *s == '\\' ? 2 : 1;
	if (!*s)
		return NULL;
	start = out = s;
	for (; *s && *s != ' ' && *s != '\n' && *s != '\t'; s++) {
		if ((*s == '\\' && (s[1] == ' ' || s[1] == '#')) || (*s == '$' && s[1] == '$'))
			s++;
		else if (*s == '\\' && s[1] == '\n')
			break;
		*out++ = *s;
	}
	*p = *s && *s != '\\' ? s + 1 : s;
	*out = 0;
	return start;
}

void gen_verdict_keep(const struct gen_verdict *v)
{
	const char *deps = v->deps;
	char *text = NULL, *p, *dep, buf[PATH_MAX], tmp[PATH_MAX];
	size_t size = 0;
	unsigned int n = 0;
	FILE *f = fopen(deps, "re"), *out;
	int fd;
	bool ok = true;

	if (!v->name[0] || v->hit || !f) {
		if (f)
			fclose(f);
		return;
	}
	if (getdelim(&text, &size, 0, f) < 0 || !(p = strchr(text, ':'))) {
		fclose(f);
		free(text);
		return;
	}
	fclose(f);
	p++;
	fd = gen_cache_temp(v->name, tmp, sizeof(tmp));
	out = fd < 0 ? NULL : fdopen(fd, "w");
	if (!out) {
		if (fd >= 0)
			close(fd), unlink(tmp);
		free(text);
		return;
	}
	while (ok && (dep = next_dep(&p))) {
		uint64_t h = file_hash(dep, &ok);

		fprintf(out, "%s %016" PRIx64 "\n", relative(dep, v->root, buf, sizeof(buf)), h);
		n++;
	}
	fprintf(out, "end %u\n", n);
	ok &= !ferror(out);
	ok &= !fclose(out);
	if (ok)
		gen_cache_commit(tmp, v->name, 0);
	else
		unlink(tmp);
	free(text);
}
