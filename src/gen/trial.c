// SPDX-License-Identifier: GPL-2.0
/*
 * The trial build: a kit that does not build is never written. The BPF
 * program is compiled as the kit's Makefile compiles it (-Wall -Werror),
 * against the same kernel types the header was read with (the prelude is
 * vmlinux.h); the module's object is built with kbuild against a kernel
 * build tree, in the scratch directory, with -Werror. When the module
 * names a kernel type none of its includes declares, the error says which
 * kernel header to #include, found in the build tree.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include "gen.h"
#include "struct_ops.h"

static const char *bpf_arch(void)
{
	static struct utsname u;

	if (uname(&u))
		return "x86";
	if (!strcmp(u.machine, "x86_64"))
		return "x86";
	if (!strcmp(u.machine, "aarch64"))
		return "arm64";
	return u.machine;
}

static int trial_bpf(const struct gen_ops *ops, const char *dir, const char *scratch)
{
	const char *clang = getenv("STRUCT_OPS_CLANG");
	char src[PATH_MAX], obj[PATH_MAX], log[PATH_MAX], inc[PATH_MAX], mod[PATH_MAX];
	char arch[96], line[512];
	struct gen_verdict v = { .root = dir };
	int rc;

	if (!clang || !*clang)
		clang = "clang-19";
	snprintf(src, sizeof(src), "%s/bpf/%s.bpf.c", dir, ops->name);
	snprintf(obj, sizeof(obj), "%s/trial.bpf.o", scratch);
	snprintf(log, sizeof(log), "%s/trial-bpf.log", scratch);
	/* vmlinux.h: the prelude, in the cache or in scratch */
	snprintf(inc, sizeof(inc), "-I%s", gen_prelude_dir() ? gen_prelude_dir() : scratch);
	snprintf(mod, sizeof(mod), "-I%s/module", dir);
	snprintf(arch, sizeof(arch), "-D__TARGET_ARCH_%s", bpf_arch());
	{
		char *argv[] = { (char *)clang, "-g", "-O2", "-Wall", "-Werror",
				 "-fms-extensions", "-Wno-microsoft-anon-tag",
				 "-target", "bpf", arch, inc, mod, "-c", src, "-o", obj,
				 NULL, NULL, NULL, NULL, NULL, NULL };

		/* the precompiled prelude's flags: all but the kit's own */
		rc = gen_run_cached(argv, 11, GEN_PCH_TRIAL, log, scratch, &v);
	}
	if (rc < 0) {
		p_err("cannot run %s: %s (install clang-19 with 'make deps', or set STRUCT_OPS_CLANG)",
		      clang, strerror(errno));
		return -1;
	}
	if (rc) {
		p_err("the BPF program written for %s does not compile, so no kit was written: %s",
		      ops->header, gen_first_error(log, line, sizeof(line)));
		return -1;
	}
	gen_verdict_keep(&v);
	return 0;
}

/*
 * "enum tcp_ca_event" from an error about a type the module cannot see, or
 * false. gcc quotes with ' or, in a UTF-8 locale, with U+2018 and U+2019.
 */
static bool unseen_type(const char *error, char *type, size_t size)
{
	const char *kinds[] = { "enum ", "struct ", "union " };
	const char *p = NULL;
	size_t i, len;

	if (!strstr(error, "declared inside parameter list") &&
	    !strstr(error, "incomplete type"))
		return false;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]) && !p; i++) {
		p = strstr(error, kinds[i]);
		while (p && !(p > error && (p[-1] == '\'' || (unsigned char)p[-1] == 0x98)))
			p = strstr(p + 1, kinds[i]);
	}
	if (!p)
		return false;
	len = strcspn(p, "'\xe2");
	if (len >= size)
		return false;
	snprintf(type, size, "%.*s", (int)len, p);
	return true;
}

/* grep the headers under dir/include for type's definition: "net/tcp.h" */
static bool grep_definer(const char *dir, const char *scratch, const char *type,
			 char *found, size_t size)
{
	char pattern[192], incdir[PATH_MAX], log[PATH_MAX], line[PATH_MAX];
	char *argv[] = { "grep", "-rlE", "--include=*.h", pattern, incdir, NULL };
	FILE *f;
	bool ok = false;

	snprintf(pattern, sizeof(pattern), "^%s[[:space:]]*\\{", type);
	snprintf(incdir, sizeof(incdir), "%s/include/", dir);
	snprintf(log, sizeof(log), "%s/grep.log", scratch);
	if (gen_run_logged(argv, log))
		return false;
	f = fopen(log, "re");
	if (!f)
		return false;
	while (!ok && fgets(line, sizeof(line), f)) {
		const char *inc = line + strlen(incdir);

		line[strcspn(line, "\n")] = 0;
		/* the kernel's own headers, not uapi's copies */
		if (strlen(line) > strlen(incdir) && strncmp(inc, "uapi/", 5)) {
			snprintf(found, size, "%s", inc);
			ok = true;
		}
	}
	fclose(f);
	return ok;
}

/*
 * The kernel header that defines type, in the build tree or in the source
 * tree it points to (Debian's linux-headers-*-amd64 Makefile includes the
 * -common one, which holds include/).
 */
static bool find_definer(const char *kdir, const char *scratch, const char *type,
			 char *found, size_t size)
{
	char path[PATH_MAX], line[PATH_MAX], *end;
	FILE *f;

	if (grep_definer(kdir, scratch, type, found, size))
		return true;
	snprintf(path, sizeof(path), "%s/source", kdir);
	if (grep_definer(path, scratch, type, found, size))
		return true;
	snprintf(path, sizeof(path), "%s/Makefile", kdir);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "include ", 8))
			continue;
		line[strcspn(line, "\n")] = 0;
		end = strrchr(line, '/');
		if (!end || strcmp(end, "/Makefile"))
			continue;
		*end = 0;
		fclose(f);
		return grep_definer(line + 8, scratch, type, found, size);
	}
	fclose(f);
	return false;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "re"), *out = in ? fopen(to, "wxe") : NULL;
	char buf[8192];
	size_t n;
	int err = 0;

	if (!in || !out) {
		err = -1;
		goto out;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			err = -1;
	if (ferror(in))
		err = -1;
out:
	if (in)
		fclose(in);
	if (out && fclose(out))
		err = -1;
	return err;
}

static int trial_module(const struct gen_ops *ops, const char *dir,
			const char *scratch, const char *kdir)
{
	const char *files[] = { "Kbuild", "compat.h", NULL, NULL };
	char from[PATH_MAX], to[PATH_MAX + 64], mdir[PATH_MAX], mopt[PATH_MAX + 4];
	char target[GEN_NAME_MAX + 8], log[PATH_MAX], line[512], type[128], hdr[256];
	char cfile[GEN_NAME_MAX + 8], hfile[GEN_NAME_MAX + 8];
	struct stat st;
	int rc, i;

	if (stat(kdir, &st) || !S_ISDIR(st.st_mode)) {
		p_err("-K %s: no kernel build tree there (give the one of the kernel the module is for, or -K none)",
		      kdir);
		return -1;
	}
	snprintf(mdir, sizeof(mdir), "%s/module", scratch);
	if (mkdir(mdir, 0755)) {
		p_err("cannot create %s: %s", mdir, strerror(errno));
		return -1;
	}
	snprintf(cfile, sizeof(cfile), "%s.c", ops->name);
	snprintf(hfile, sizeof(hfile), "%s.h", ops->name);
	files[2] = cfile;
	for (i = 0; i < 4; i++) {
		const char *name = i < 3 ? files[i] : hfile;

		snprintf(from, sizeof(from), "%s/module/%s", dir, name);
		snprintf(to, sizeof(to), "%s/%s", mdir, name);
		if (copy_file(from, to)) {
			p_err("cannot copy %s to %s: %s", from, to, strerror(errno));
			return -1;
		}
	}
	snprintf(mopt, sizeof(mopt), "M=%s", mdir);
	snprintf(target, sizeof(target), "%s.o", ops->name);
	snprintf(log, sizeof(log), "%s/trial-module.log", scratch);
	{
		char *argv[] = { "make", "-s", "-C", (char *)kdir, mopt,
				 "KCFLAGS=-Werror", target, NULL };

		rc = gen_run_logged(argv, log);
	}
	if (rc < 0) {
		p_err("cannot run make: %s (install make, or give -K none)", strerror(errno));
		return -1;
	}
	if (!rc)
		return 0;
	gen_first_error(log, line, sizeof(line));
	/* the scratch copy's path means nothing to the user: the kit's own */
	if (!strncmp(line, scratch, strlen(scratch)) && line[strlen(scratch)] == '/')
		memmove(line, line + strlen(scratch) + 1, strlen(line + strlen(scratch)));
	if (unseen_type(line, type, sizeof(type)) &&
	    find_definer(kdir, scratch, type, hdr, sizeof(hdr)))
		p_err("the module written for %s does not build against %s, so no kit was written: %s is a kernel type the module's includes do not declare: add '#include <%s>' to %s (%s)",
		      ops->header, kdir, type, hdr, ops->header, line);
	else
		p_err("the module written for %s does not build against %s, so no kit was written: %s",
		      ops->header, kdir, line);
	return -1;
}

int gen_trial_build(const struct gen_ops *ops, const char *dir,
		    const char *scratch, const char *kdir)
{
	if (trial_bpf(ops, dir, scratch))
		return -1;
	return kdir ? trial_module(ops, dir, scratch, kdir) : 0;
}
