// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops new, the generator: read the header, check its layout, write
 * the kit into a temporary directory beside the destination and rename it
 * into place, so that a failure leaves nothing behind and an existing
 * directory is never touched.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <ftw.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "emit.h"
#include "json.h"
#include "new.h"
#include "struct_ops.h"

#define KIT_FILES	7

struct kit_file {
	const char *dir;	/* "module", "bpf" or "" */
	const char *suffix;	/* after NAME, or a fixed name when name is false */
	bool named;
	void (*emit)(FILE *f, const struct gen_ops *ops);
	char path[GEN_NAME_MAX + 32];	/* relative to the kit */
	unsigned long lines;
};

static struct kit_file kit_files[KIT_FILES] = {
	{ .dir = "module", .suffix = ".c", .named = true, .emit = gen_emit_module_c },
	{ .dir = "module", .suffix = ".h", .named = true, .emit = gen_emit_module_h },
	{ .dir = "module", .suffix = "Kbuild", .emit = gen_emit_kbuild },
	{ .dir = "module", .suffix = "compat.h", .emit = gen_emit_compat_h },
	{ .dir = "bpf", .suffix = ".bpf.c", .named = true, .emit = gen_emit_bpf_c },
	{ .dir = "", .suffix = "Makefile", .emit = gen_emit_makefile },
	{ .dir = "", .suffix = "README.md", .emit = gen_emit_readme },
};

static int check_name(const char *name)
{
	size_t i, len = strlen(name);

	if (!len || len > GEN_NAME_MAX) {
		p_err("NAME '%s' must be 1 to %d characters: it names the module, its exported symbols and /sys/kernel/debug/NAME",
		      name, GEN_NAME_MAX);
		return -1;
	}
	/* NAME.h sits beside compat.h, and BPF programs include vmlinux.h */
	if (!strcmp(name, "compat") || !strcmp(name, "vmlinux")) {
		p_err("NAME '%s' would name module/%s.h, which is %s: choose another",
		      name, name, name[0] == 'c' ? "the kit's own compat.h" :
		      "the header BPF programs take the kernel's types from");
		return -1;
	}
	for (i = 0; i < len; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || c == '_' || (i && c >= '0' && c <= '9'))) {
			p_err("NAME '%s' must be a lower-case C identifier ([a-z_][a-z0-9_]*): it names the module, its symbols and files",
			      name);
			return -1;
		}
	}
	return 0;
}

static unsigned long count_lines(const char *path)
{
	FILE *f = fopen(path, "re");
	unsigned long n = 0;
	int c;

	if (!f)
		return 0;
	while ((c = getc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static int write_file(const char *root, struct kit_file *kf,
		      const struct gen_ops *ops)
{
	char full[PATH_MAX];
	FILE *f;

	if (kf->named)
		snprintf(kf->path, sizeof(kf->path), "%s%s%s%s", kf->dir,
			 *kf->dir ? "/" : "", ops->name, kf->suffix);
	else
		snprintf(kf->path, sizeof(kf->path), "%s%s%s", kf->dir,
			 *kf->dir ? "/" : "", kf->suffix);
	snprintf(full, sizeof(full), "%s/%s", root, kf->path);
	f = fopen(full, "wxe");
	if (!f) {
		p_err("cannot create %s: %s", full, strerror(errno));
		return -1;
	}
	kf->emit(f, ops);
	if (fflush(f) || ferror(f) | fclose(f)) {
		p_err("cannot write %s: %s", full, strerror(errno));
		return -1;
	}
	kf->lines = count_lines(full);
	return 0;
}

/* Remove what write_tree() created under root (nothing else is there). */
static void remove_tree(const char *root)
{
	char p[PATH_MAX];
	int i;

	for (i = 0; i < KIT_FILES; i++) {
		if (!kit_files[i].path[0])
			continue;
		snprintf(p, sizeof(p), "%s/%s", root, kit_files[i].path);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/module", root);
	rmdir(p);
	snprintf(p, sizeof(p), "%s/bpf", root);
	rmdir(p);
	rmdir(root);
}

static int write_tree(const char *root, const struct gen_ops *ops)
{
	char p[PATH_MAX];
	int i;

	snprintf(p, sizeof(p), "%s/module", root);
	if (mkdir(p, 0755)) {
		p_err("cannot create %s: %s", p, strerror(errno));
		return -1;
	}
	snprintf(p, sizeof(p), "%s/bpf", root);
	if (mkdir(p, 0755)) {
		p_err("cannot create %s: %s", p, strerror(errno));
		return -1;
	}
	for (i = 0; i < KIT_FILES; i++)
		if (write_file(root, &kit_files[i], ops))
			return -1;
	return 0;
}

static int remove_entry(const char *path, const struct stat *st, int type,
			struct FTW *ftw)
{
	return type == FTW_DP ? rmdir(path) : unlink(path);
}

/* The scratch directory is this process's own (mkdtemp): all of it goes. */
static void remove_scratch(const char *scratch)
{
	nftw(scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * A macro of the header is in scope in the code 'new' writes after it: one
 * named like a name that code uses would change it without a word
 * (#define rcu_read_lock() ...). The _KNOWN macros are there to be used.
 */
static int check_macros(const struct gen_ops *ops)
{
	char *code = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&code, &len);
	int i, j, err = 0;

	if (!f) {
		p_err("out of memory");
		return -1;
	}
	gen_emit_module_c(f, ops);
	gen_emit_bpf_c(f, ops);
	fclose(f);
	for (i = 0; i < ops->nmacros && !err; i++) {
		bool known = false;

		for (j = 0; j < ops->nmembers; j++)
			known |= ops->members[j].known_macro &&
				 !strcmp(ops->members[j].known_macro, ops->macros[i]);
		if (known || !gen_code_uses(code, ops->macros[i]))
			continue;
		p_err("%s: macro '%s' would change the code 'new' writes after the header (module/%s.c or bpf/%s.bpf.c use that name): rename it",
		      ops->header, ops->macros[i], ops->name, ops->name);
		err = -1;
	}
	free(code);
	return err;
}

/* The build tree for the module's trial: -K, or the running kernel's if it has one. */
static const char *trial_kdir(const char *kdir, char *buf, size_t size, bool *skipped)
{
	struct utsname u;
	struct stat st;

	*skipped = false;
	if (kdir && !strcmp(kdir, "none"))
		return NULL;
	if (kdir)
		return kdir;
	if (!uname(&u)) {
		snprintf(buf, size, "/lib/modules/%s/build", u.release);
		if (!stat(buf, &st) && S_ISDIR(st.st_mode))
			return buf;
	}
	*skipped = true;
	return NULL;
}

static const char *kind_name(enum gen_member_kind k)
{
	return k == GEN_STRING ? "string" : k == GEN_BYTES ? "bytes" : "integer";
}

static const char *sample_name(const struct gen_param *p)
{
	if (p->kind == GEN_INT)
		return "integer";
	switch (p->sample) {
	case GEN_SAMPLE_MEM:
		return p->kind == GEN_STR ? "string" : "page";
	case GEN_SAMPLE_KOBJ:
		return p->kobj->expr ? p->kobj->expr : p->kobj->alloc;
	case GEN_SAMPLE_NULL:
		return "NULL";
	default:
		return "none";
	}
}

static void print_json(const struct gen_ops *ops, const char *dir, const char *kdir)
{
	struct json j;
	int i, k, a;

	json_init(&j, out_json(), g_opts.pretty);
	json_begin_object(&j);
	json_kv_string(&j, "name", ops->name);
	json_kv_string(&j, "struct", ops->sname);
	json_kv_string(&j, "header", ops->header);
	json_kv_string(&j, "dir", dir);
	json_key(&j, "operators");
	json_begin_array(&j);
	for (k = 0; gen_op(ops, k); k++) {
		const struct gen_member *m = gen_op(ops, k);

		json_begin_object(&j);
		json_kv_string(&j, "name", m->name);
		json_kv_string(&j, "returns", m->ret_kind == GEN_VOID ? "void" : m->ret_type);
		json_key(&j, "args");
		json_begin_array(&j);
		for (a = 0; a < m->nparams; a++) {
			json_begin_object(&j);
			json_kv_string(&j, "name", m->params[a].name);
			json_kv_string(&j, "type", m->params[a].type);
			json_kv_bool(&j, "nullable", m->params[a].nullable);
			json_kv_string(&j, "test_passes", sample_name(&m->params[a]));
			if (m->params[a].opaque)
				json_kv_string(&j, "unreadable", m->params[a].opaque);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_kv_bool(&j, "sleepable", m->sleepable);
		json_kv_bool(&j, "required", m->required);
		json_kv_bool(&j, "test_calls", !m->unsampled);
		if (m->ret_kind != GEN_VOID) {
			json_kv_int(&j, "default_returns", gen_expected(ops, k, false));
			json_kv_int(&j, "default_returns_null", gen_expected(ops, k, true));
		}
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "data_members");
	json_begin_array(&j);
	for (i = 0; i < ops->nmembers; i++) {
		const struct gen_member *m = &ops->members[i];

		if (m->kind == GEN_OP)
			continue;
		json_begin_object(&j);
		json_kv_string(&j, "name", m->name);
		json_kv_string(&j, "type", m->type);
		json_kv_string(&j, "kind", kind_name(m->kind));
		if (m->known_macro)
			json_kv_string(&j, "known", m->known_macro);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "trial_build");
	json_begin_object(&j);
	json_kv_bool(&j, "bpf", true);
	if (kdir)
		json_kv_string(&j, "module", kdir);
	else {
		json_key(&j, "module");
		json_null(&j);
	}
	json_end_object(&j);
	json_key(&j, "files");
	json_begin_array(&j);
	for (i = 0; i < KIT_FILES; i++) {
		json_begin_object(&j);
		json_kv_string(&j, "path", kit_files[i].path);
		json_kv_uint(&j, "lines", kit_files[i].lines);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
}

static void print_text(const struct gen_ops *ops, const char *dir,
		       const char *kdir, bool no_kdir)
{
	int i, sleepable = 0, data = ops->nmembers - ops->nops;

	for (i = 0; i < ops->nmembers; i++)
		sleepable += ops->members[i].kind == GEN_OP && ops->members[i].sleepable;
	printf("struct %s from %s: %d operators (%d sleepable), %d data members\n",
	       ops->sname, ops->header, ops->nops, sleepable, data);
	for (i = 0; i < KIT_FILES; i++)
		printf("  %s/%s (%lu lines)\n", dir, kit_files[i].path, kit_files[i].lines);
	if (kdir)
		printf("Built on trial: the BPF program, and the module against %s\n", kdir);
	else
		printf("Built on trial: the BPF program; not the module (%s)\n",
		       no_kdir ? "no build tree for this kernel: give -K KDIR" : "-K none");
	printf("Next: make -C %s KDIR=<kernel build dir>, then see %s/README.md\n",
	       dir, dir);
}

int new_generate(const struct new_opts *o)
{
	char scratch[PATH_MAX - 64], prelude[PATH_MAX], tmp[PATH_MAX - 256], sname[GEN_NAME_MAX + 8];
	const char *tmpdir = getenv("TMPDIR");
	struct gen_ops ops = {};
	char *dcopy = NULL;
	char kbuf[PATH_MAX];
	const char *kdir;
	struct stat st;
	bool have_scratch = false, have_tmp = false, no_kdir;
	int err = EXIT_FAIL;

	if (check_name(o->name))
		return EXIT_USAGE;
	snprintf(sname, sizeof(sname), "%s_ops", o->name);
	ops.name = (char *)o->name;
	ops.sname = (char *)(o->sname ? o->sname : sname);
	if (strlen(ops.sname) > GEN_SNAME_MAX) {
		p_err("-s %s: %zu characters: the kernel names the map's value type bpf_struct_ops_STRUCT, which must fit in 128 bytes (at most %d)",
		      ops.sname, strlen(ops.sname), GEN_SNAME_MAX);
		return EXIT_USAGE;
	}
	ops.header = (char *)o->header;
	if (strlen(o->dir) > PATH_MAX - 300) {
		p_err("the directory's path is too long (at most %d bytes)", PATH_MAX - 300);
		return EXIT_USAGE;
	}
	if (!lstat(o->dir, &st) || errno != ENOENT) {
		p_err("%s already exists: 'new' never overwrites (remove it, or choose another directory with -o DIR)",
		      o->dir);
		return EXIT_FAIL;
	}
	snprintf(scratch, sizeof(scratch), "%s/struct_ops-new-XXXXXX",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(scratch)) {
		p_err("cannot create a scratch directory in %s: %s (set TMPDIR)",
		      tmpdir && *tmpdir ? tmpdir : "/tmp", strerror(errno));
		return EXIT_FAIL;
	}
	have_scratch = true;
	kdir = trial_kdir(o->kdir, kbuf, sizeof(kbuf), &no_kdir);
	if (gen_prelude(o->btf, scratch, prelude, sizeof(prelude)) ||
	    gen_read_header(&ops, prelude) ||
	    gen_check_layout(&ops, prelude, scratch))
		goto out;

	/* the kit is written beside its destination, then renamed into place */
	dcopy = strdup(o->dir);
	if (!dcopy) {
		p_err("out of memory");
		goto out;
	}
	snprintf(tmp, sizeof(tmp), "%s/.%s.new-XXXXXX", dirname(dcopy), o->name);
	if (!mkdtemp(tmp)) {
		p_err("cannot create a directory beside %s: %s", o->dir, strerror(errno));
		goto out;
	}
	have_tmp = true;
	if (check_macros(&ops) || chmod(tmp, 0755) || write_tree(tmp, &ops) ||
	    gen_trial_build(&ops, tmp, scratch, kdir))
		goto out;
	/* NOREPLACE: a directory made there since the check above stays */
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, o->dir, RENAME_NOREPLACE)) {
		p_err("cannot create %s: %s ('new' never overwrites)", o->dir, strerror(errno));
		goto out;
	}
	have_tmp = false;
	if (g_opts.json)
		print_json(&ops, o->dir, kdir);
	else if (!g_opts.quiet)
		print_text(&ops, o->dir, kdir, no_kdir);
	err = EXIT_OK;
out:
	if (have_tmp)
		remove_tree(tmp);
	if (have_scratch)
		remove_scratch(scratch);
	free(dcopy);
	gen_ops_free(&ops);
	return err;
}
