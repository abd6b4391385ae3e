// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops new NAME HEADER: write a kit (module, BPF implementation,
 * Makefile, README) that makes the ops table in HEADER BPF-programmable.
 * The command table is shared by struct_ops and struct_ops-new; struct_ops
 * runs struct_ops-new, found next to itself (make install and the package
 * put both in the same directory) or in $STRUCT_OPS_LIBEXEC.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "new.h"
#include "struct_ops.h"

#define NEW_PROG	"struct_ops-new"

int (*new_generator)(const struct new_opts *o);

static struct new_opts new_opts = { .btf = "/sys/kernel/btf/vmlinux" };

static int new_opt(void *ctx, int key, const char *arg)
{
	switch (key) {
	case 'o':
		new_opts.dir = arg;
		break;
	case 's':
		new_opts.sname = arg;
		break;
	case 'k':
		new_opts.btf = arg;
		break;
	case 'K':
		new_opts.kdir = arg;
		break;
	}
	return 0;
}

static int do_new(int argc, char **argv);

const struct cli_cmd cmd_new = {
	.name = "new",
	.summary = "write a kit that makes a C header's ops table BPF-programmable",
	.synopsis = "NAME HEADER",
	.descr =
		"Read struct NAME_ops from HEADER (a kernel-style C header: operators\n"
		"as function pointers, data members as char strings, integers and\n"
		"integer arrays; the kernel's types are known from its BTF, its\n"
		"#include <...> lines are kept for the module only) with libclang,\n"
		"check its layout against the BTF clang emits for it, write a kit\n"
		"(module/NAME.c and NAME.h: the struct_ops type with every callback\n"
		"the kernel needs, NAME_call_OP() wrappers, /sys/kernel/debug/NAME/test;\n"
		"module/Kbuild, bpf/NAME.bpf.c: a default implementation of every\n"
		"operator; a Makefile and a README.md), trial-build it, and move it\n"
		"into DIR. In HEADER, an argument named *__nullable may be NULL, and\n"
		"an operator's comment (or its kernel-doc entry) may say @sleepable\n"
		"(called under SRCU, sleepable programs allowed) or @required\n"
		"(.validate refuses an implementation without it). Names starting\n"
		"with kit_ or KIT_ are the generated code's. An existing DIR is never\n"
		"touched; a kit that does not build is not written.",
	.opts = (const struct cli_opt[]){
		{ 'o', "output", "DIR", "where the kit goes (default: ./NAME); must not exist" },
		{ 's', "struct", "STRUCT", "the ops table's struct tag (default: NAME_ops)" },
		{ 'k', "kernel-btf", "FILE", "the kernel whose types HEADER uses: a vmlinux with\n"
		  "BTF or a raw BTF file (default: /sys/kernel/btf/vmlinux)" },
		{ 'K', "kdir", "KDIR", "the kernel build tree the module is trial-built against\n"
		  "(default: /lib/modules/RELEASE/build, if there; 'none': no\n"
		  "module trial, only the BPF one)" },
		{}
	},
	.footer =
		"Example: struct_ops new pktsched pktsched.h -k KDIR/vmlinux\n"
		"Exit status: 0 the kit was written, 1 the header was refused (the\n"
		"error names the member and the rule) or writing failed, 2 bad usage.\n",
	.max_args = 2,
	.opt = new_opt,
	.main = do_new,
};

/* struct_ops-new beside this program, else in $STRUCT_OPS_LIBEXEC. */
static int find_generator(char *path, size_t size)
{
	const char *dir = getenv("STRUCT_OPS_LIBEXEC");
	char self[PATH_MAX - 32], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash) {
			*slash = '\0';
			snprintf(path, size, "%s/%s", self, NEW_PROG);
			if (!access(path, X_OK))
				return 0;
		}
	}
	if (!dir || !*dir)
		return -1;
	snprintf(path, size, "%s/%s", dir, NEW_PROG);
	return access(path, X_OK);
}

/* Run struct_ops-new with the global options this process already took. */
static int run_generator(int argc, char **argv)
{
	char path[PATH_MAX], *args[argc + 8];
	int i, n = 0;

	if (find_generator(path, sizeof(path))) {
		p_err("'new' needs %s (linked with libclang), which is neither next to this program nor in $STRUCT_OPS_LIBEXEC (%s): build it with 'make' (after 'make deps'), or install the struct-ops-new package",
		      NEW_PROG, getenv("STRUCT_OPS_LIBEXEC") ?: "unset");
		return EXIT_FAIL;
	}
	args[n++] = path;
	if (g_opts.json)
		args[n++] = g_opts.pretty ? "-p" : "-j";
	for (i = 0; i < g_opts.verbose && i < 2; i++)
		args[n++] = "-v";
	if (g_opts.quiet)
		args[n++] = "-q";
	for (i = 1; i < argc; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	fflush(NULL);
	execv(path, args);
	p_err("cannot run %s: %s", path, strerror(errno));
	return EXIT_FAIL;
}

static int do_new(int argc, char **argv)
{
	int first, r;

	/* -h and usage errors are answered here, with or without the generator */
	r = cli_parse(&cmd_new, argc, argv, NULL, &first);
	if (r != CLI_GO)
		return r;
	if (argc - first != 2) {
		p_err("new takes NAME and HEADER (see '%s new -h')", PROG_NAME);
		return EXIT_USAGE;
	}
	if (!new_generator)
		return run_generator(argc, argv);
	new_opts.name = argv[first];
	new_opts.header = argv[first + 1];
	if (!new_opts.dir)
		new_opts.dir = new_opts.name;
	return new_generator(&new_opts);
}
