// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops doctor: every cause in docs/TROUBLESHOOTING.md, checked. Each
 * check says ok, problem (with the cause and the fix) or skip (it depends
 * on a check that failed, or does not apply here), so one cause shows as
 * one problem. Exit status 0 only if there is no problem.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cli.h"
#include "json.h"
#include "kconfig.h"
#include "registry.h"
#include "snapshot.h"
#include "struct_ops.h"

#define BPF_FS_MAGIC	0xcafe4a11
#define CAP_SYS_ADMIN	21
#define CAP_PERFMON	38
#define CAP_BPF		39

enum verdict { OK, PROBLEM, SKIP };

struct doctor {
	struct json j;
	int problems;
	const char *ko;		/* the module file to check */
	const char *kdir;	/* the headers the module is built against */
	struct kconfig kc;
};

/* Print one check; returns verdict == OK, so callers can chain on it. */
static bool report(struct doctor *d, const char *name, enum verdict v,
		   const char *fix, const char *fmt, ...)
{
	static const char *const words[] = { "ok", "problem", "skip" };
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (v == PROBLEM)
		d->problems++;
	if (g_opts.json) {
		json_begin_object(&d->j);
		json_kv_string(&d->j, "check", name);
		json_kv_string(&d->j, "status", words[v]);
		json_kv_string(&d->j, "message", msg);
		json_key(&d->j, "fix");
		if (v == PROBLEM && fix)
			json_string(&d->j, fix);
		else
			json_null(&d->j);
		json_end_object(&d->j);
	} else if (v == PROBLEM && fix) {
		printf("%-8s %s: %s; fix: %s\n", words[v], name, msg, fix);
	} else {
		printf("%-8s %s: %s\n", words[v], name, msg);
	}
	return v == OK;
}

static bool exists(const char *path)
{
	struct stat st;

	return !stat(path, &st);
}

/* CONFIG_name from the running kernel's config, or NULL. */
static const char *config(struct doctor *d, const char *name, char *buf,
			  size_t size)
{
	return kconfig_get(&d->kc, name, buf, size);
}

/* Check CONFIG_name=y, or infer it from what the system shows. */
static bool check_config(struct doctor *d, const char *name, bool inferred,
			 const char *evidence, const char *fix)
{
	char key[64], val[32];

	snprintf(key, sizeof(key), "CONFIG_%s", name);
	if (d->kc.text) {
		if (config(d, name, val, sizeof(val)) && !strcmp(val, "y"))
			return report(d, key, OK, NULL, "y (%s)", d->kc.source);
		return report(d, key, PROBLEM, fix, "not set in %s", d->kc.source);
	}
	if (inferred)
		return report(d, key, OK, NULL, "no kernel config to read; inferred from %s",
			      evidence);
	return report(d, key, PROBLEM, fix, "no kernel config to read, and %s is missing",
		      evidence);
}

static bool check_kernel(struct doctor *d)
{
	struct utsname u;
	int major = 0, minor = 0;
	long v;

	uname(&u);
	sscanf(u.release, "%d.%d", &major, &minor);
	v = major * 100 + minor;
	if (v >= 611)
		return report(d, "kernel", OK, NULL,
			      "%s: module-defined struct_ops (6.9), link update (6.4), EPOLLHUP on detach (6.10), the link in reg/unreg (6.11)",
			      u.release);
	return report(d, "kernel", PROBLEM,
		      "use Linux 6.11 or later (the kit's guest runs 6.12: make demo)",
		      "%s is older than 6.11: %s%s%s", u.release,
		      v < 609 ? "no module-defined struct_ops (6.9); " : "",
		      v < 610 ? "no EPOLLHUP on detach (6.10); " : "",
		      "hello.ko's reg/unreg take the link (6.11)");
}

/* Is there a section named ".BTF" in the ELF file? -errno if unreadable. */
static int elf_has_btf(const char *path)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;
	int fd, found = 0;
	Elf *elf;

	if (elf_version(EV_CURRENT) == EV_NONE)
		return -EINVAL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (!elf || elf_getshdrstrndx(elf, &shstrndx)) {
		if (elf)
			elf_end(elf);
		close(fd);
		return -EINVAL;
	}
	while (!found && (scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(elf, shstrndx, sh.sh_name);
		found = name && !strcmp(name, ".BTF");
	}
	elf_end(elf);
	close(fd);
	return found;
}

static void check_build(struct doctor *d)
{
	char vmlinux[512], want[16], line[128] = "", path[512];
	struct kconfig target = {};
	int btf, have = 0, kernel;
	FILE *p;

	if (!exists(d->ko)) {
		report(d, "module file", PROBLEM,
		       "run 'make' (or pass --ko PATH to the module you built)",
		       "no module at %s", d->ko);
		report(d, "module file BTF", SKIP, NULL, "needs the module file");
	} else if (report(d, "module file", OK, NULL, "%s", d->ko)) {
		btf = elf_has_btf(d->ko);
		if (btf < 0)
			report(d, "module file BTF", PROBLEM, "rebuild it with 'make'",
			       "%s is not a readable ELF file (%s)", d->ko, strerror(-btf));
		else if (!btf)
			report(d, "module file BTF", PROBLEM,
			       "install pahole (dwarves) and build against headers that contain vmlinux, on a kernel with CONFIG_DEBUG_INFO_BTF_MODULES=y",
			       "%s has no .BTF section: the kernel cannot register its struct_ops types",
			       d->ko);
		else
			report(d, "module file BTF", OK, NULL, "%s has a .BTF section", d->ko);
	}

	/* pahole and vmlinux matter only where the module is built */
	p = popen("pahole --version 2>/dev/null", "r");
	if (p) {
		if (!fgets(line, sizeof(line), p))
			line[0] = '\0';
		pclose(p);
	}
	if (sscanf(line, "v%d.%d", &have, &kernel) == 2)
		have = have * 100 + kernel;
	else
		have = 0;
	/* the kernel that matters is the one the module is built for */
	snprintf(path, sizeof(path), "%s/.config", d->kdir);
	kconfig_load_file(&target, path);
	kernel = kconfig_get(&target, "PAHOLE_VERSION", want, sizeof(want)) ?
		 atoi(want) : 0;
	kconfig_free(&target);
	if (!have)
		report(d, "pahole", SKIP, NULL,
		       "pahole is not installed here (it is needed only where the module is built)");
	else if (!kernel)
		report(d, "pahole", SKIP, NULL,
		       "pahole %d.%02d; no %s to compare it with CONFIG_PAHOLE_VERSION (--kdir DIR)",
		       have / 100, have % 100, path);
	else if (kernel && have < kernel)
		report(d, "pahole", PROBLEM,
		       "install a pahole at least as new as the kernel's (dwarves)",
		       "pahole %d.%02d is older than the %d.%02d the target kernel was built with (CONFIG_PAHOLE_VERSION in %s): module BTF may not load",
		       have / 100, have % 100, kernel / 100, kernel % 100, path);
	else
		report(d, "pahole", OK, NULL,
		       "pahole %d.%02d, target kernel built with %d.%02d (%s)",
		       have / 100, have % 100, kernel / 100, kernel % 100, path);

	snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux", d->kdir);
	if (!exists(d->kdir))
		report(d, "headers vmlinux", SKIP, NULL,
		       "no kernel headers at %s (needed only to build the module; --kdir DIR)",
		       d->kdir);
	else if (!exists(vmlinux))
		report(d, "headers vmlinux", PROBLEM,
		       "install headers that ship vmlinux (Debian's linux-headers do), or build the kernel tree",
		       "%s is missing: kbuild skips module BTF ('Skipping BTF generation')",
		       vmlinux);
	else
		report(d, "headers vmlinux", OK, NULL, "%s", vmlinux);
}

static void check_module(struct doctor *d, bool modules)
{
	char owner[64];

	if (!modules) {
		report(d, "module loaded", SKIP, NULL, "needs module support");
		report(d, "module BTF", SKIP, NULL, "needs module support");
		report(d, "type registered", SKIP, NULL, "needs module support");
		return;
	}
	if (!report(d, "module loaded", exists("/sys/module/" OPS_MODULE) ? OK : PROBLEM,
		    "load it: insmod build/module/hello.ko",
		    exists("/sys/module/" OPS_MODULE) ? "module %s is loaded" :
		    "module %s is not loaded", OPS_MODULE)) {
		report(d, "module BTF", SKIP, NULL, "needs the module loaded");
		report(d, "type registered", SKIP, NULL, "needs the module loaded");
		return;
	}
	if (!report(d, "module BTF", exists("/sys/kernel/btf/" OPS_MODULE) ? OK : PROBLEM,
		    "rmmod hello, then insmod a hello.ko with a .BTF section (see 'module file BTF')",
		    exists("/sys/kernel/btf/" OPS_MODULE) ? "/sys/kernel/btf/%s exists" :
		    "module %s is loaded without BTF (/sys/kernel/btf/%s is missing): its struct_ops types are not registered",
		    OPS_MODULE, OPS_MODULE)) {
		report(d, "type registered", SKIP, NULL, "needs the module's BTF");
		return;
	}
	if (!so_type_find(OPS_TYPE, owner, sizeof(owner)))
		report(d, "type registered", OK, NULL,
		       "bpf_struct_ops_%s is in %s's BTF", OPS_TYPE, owner);
	else
		report(d, "type registered", PROBLEM,
		       "rmmod hello and insmod the kit's hello.ko",
		       "module %s has BTF but no bpf_struct_ops_%s: another build of the module?",
		       OPS_MODULE, OPS_TYPE);
}

/* CapEff from /proc/self/status has CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN? */
static bool privileged(void)
{
	unsigned long long eff = 0;
	char line[256];
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return geteuid() == 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return (eff >> CAP_SYS_ADMIN & 1) && (eff >> CAP_BPF & 1) &&
	       (eff >> CAP_PERFMON & 1);
}

#ifndef KIT_BPF_CC
#define KIT_BPF_CC ""
#endif

/* The LLVM major version of a clang on PATH (Debian: /usr/lib/llvm-N/). */
static int clang_major(const char *name, char *path, size_t size)
{
	const char *env = getenv("PATH"), *p, *llvm;
	char cand[PATH_MAX], real[PATH_MAX];
	size_t n;

	for (p = env ? env : "/usr/bin"; *p; p += n + (p[n] == ':')) {
		n = strcspn(p, ":");
		snprintf(cand, sizeof(cand), "%.*s/%s", (int)n, p, name);
		if (access(cand, X_OK) || !realpath(cand, real))
			continue;
		snprintf(path, size, "%s", cand);
		llvm = strstr(real, "/llvm-");
		return llvm ? atoi(llvm + 6) : 0;
	}
	return -1;
}

/*
 * clang 14 turns a clamp such as "len < sizeof(buf) ? len : sizeof(buf) - 1"
 * into a signed compare the 6.12 verifier cannot follow ("R2 min value is
 * negative"); clang 15 and later do not.
 */
static void check_compiler(struct doctor *d)
{
	static const char *const names[] = { "clang-19", "clang-18", "clang-17",
					      "clang-16", "clang-15", "clang" };
	char path[PATH_MAX] = "", built[160];
	int v = -1;
	size_t i;

	snprintf(built, sizeof(built), "built-in objects: %s",
		 KIT_BPF_CC[0] ? KIT_BPF_CC : "compiler unknown");
	for (i = 0; i < sizeof(names) / sizeof(names[0]) && v < 15; i++)
		v = clang_major(names[i], path, sizeof(path));
	if (v < 0 && !path[0])
		report(d, "BPF compiler", SKIP, NULL, "no clang here (%s)", built);
	else if (v > 0 && v < 15)
		report(d, "BPF compiler", PROBLEM,
		       "install clang-19 (Debian 12: apt-get install clang-19) and build BPF programs with it",
		       "%s is clang %d, which compiles common clamps into code the verifier refuses (\"R2 min value is negative\"); %s",
		       path, v, built);
	else if (v > 0)
		report(d, "BPF compiler", OK, NULL, "%s (clang %d); %s", path, v, built);
	else
		report(d, "BPF compiler", OK, NULL, "%s (version unknown); %s", path, built);
}

static void check_system(struct doctor *d)
{
	struct statfs fs;
	struct so_world w;
	bool priv;
	size_t i;
	int n = 0;

	if (libbpf_major_version() > 1 ||
	    (libbpf_major_version() == 1 && libbpf_minor_version() >= 4))
		report(d, "libbpf", OK, NULL, "%s (module-defined struct_ops need 1.4)",
		       libbpf_version_string());
	else
		report(d, "libbpf", PROBLEM,
		       "build with libbpf 1.4 or later (Debian: libbpf-dev from bookworm-backports)",
		       "%s cannot find struct_ops types in module BTF", libbpf_version_string());

	if (!statfs(BPFFS_ROOT, &fs) && fs.f_type == BPF_FS_MAGIC)
		report(d, "bpffs", OK, NULL, "mounted at %s", BPFFS_ROOT);
	else
		report(d, "bpffs", PROBLEM, "mount -t bpf bpf " BPFFS_ROOT,
		       "no bpffs at %s: links cannot be pinned", BPFFS_ROOT);

	priv = privileged();
	report(d, "privileges", priv ? OK : PROBLEM,
	       "run as root (CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN)",
	       priv ? "CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN" :
	       "missing CAP_BPF, CAP_PERFMON or CAP_SYS_ADMIN: cannot load, attach or list");
	if (!priv) {
		report(d, "lingering registrations", SKIP, NULL, "needs privileges");
		return;
	}
	if (so_world_collect(&w)) {
		report(d, "lingering registrations", SKIP, NULL, "cannot read BPF objects");
		return;
	}
	for (i = 0; i < w.maps.n; i++) {
		const struct so_map *m = &w.maps.maps[i];
		char fix[96];

		if (!so_map_lingering(&w, m))
			continue;
		n++;
		snprintf(fix, sizeof(fix), "%s repair %u", PROG_NAME, m->id);
		report(d, "lingering registrations", PROBLEM, fix,
		       "map %u '%s' (%s) is registered without a link and held by no process",
		       m->id, m->name, m->type);
	}
	if (!n)
		report(d, "lingering registrations", OK, NULL,
		       "none (%zu struct_ops map%s)", w.maps.n, w.maps.n == 1 ? "" : "s");
	so_world_free(&w);
}

enum { OPT_KO = CLI_LONG_ONLY + 1, OPT_KDIR };

static int doctor_opt(void *ctx, int key, const char *arg)
{
	struct doctor *d = ctx;

	if (key == OPT_KO)
		d->ko = arg;
	else
		d->kdir = arg;
	return 0;
}

static int do_doctor(int argc, char **argv);

const struct cli_cmd cmd_doctor = {
	.name = "doctor",
	.summary = "check every known cause of trouble; say the fix",
	.descr =
		"Check every known cause of struct_ops trouble and say, for each, ok,\n"
		"problem (with the cause and the fix) or skip (depends on a failed check,\n"
		"or does not apply here): the kernel version and the features it brings,\n"
		"CONFIG_BPF_SYSCALL, CONFIG_DEBUG_INFO_BTF, CONFIG_MODULES,\n"
		"CONFIG_DEBUG_INFO_BTF_MODULES (from /proc/config.gz or /boot/config-R,\n"
		"else inferred), /sys/kernel/btf/vmlinux; the module file and its .BTF,\n"
		"pahole against CONFIG_PAHOLE_VERSION, vmlinux in the build headers; the\n"
		"module loaded, its BTF, its type registered; libbpf, bpffs, privileges,\n"
		"lingering registrations. Under -j: {\"checks\": [...], \"problems\": N}.\n"
		"Exit status 0 only if there is no problem.",
	.opts = (const struct cli_opt[]){
		{ OPT_KO, "ko", "PATH", "the module file to check\n(default: build/module/hello.ko)" },
		{ OPT_KDIR, "kdir", "DIR", "the headers it is built against\n(default: /lib/modules/$(uname -r)/build)" },
		{}
	},
	.opt = doctor_opt,
	.main = do_doctor,
};

static int do_doctor(int argc, char **argv)
{
	struct doctor d = { .ko = "build/module/hello.ko" };
	char kdir[256];
	struct utsname u;
	bool modules;
	int first, r;

	uname(&u);
	snprintf(kdir, sizeof(kdir), "/lib/modules/%s/build", u.release);
	d.kdir = kdir;
	r = cli_parse(&cmd_doctor, argc, argv, &d, &first);
	if (r != CLI_GO)
		return r;
	kconfig_load(&d.kc);
	if (g_opts.json) {
		json_init(&d.j, out_json(), g_opts.pretty);
		json_begin_object(&d.j);
		json_key(&d.j, "checks");
		json_begin_array(&d.j);
	}

	check_kernel(&d);
	if (!d.kc.text)
		report(&d, "kernel config", SKIP, NULL,
		       "no /proc/config.gz or /boot/config-%s: CONFIG checks are inferred",
		       u.release);
	else
		report(&d, "kernel config", OK, NULL, "%s", d.kc.source);
	check_config(&d, "BPF_SYSCALL", bpf_map_get_next_id(0, (__u32[]){ 0 }) == 0 ||
		     errno != ENOSYS, "the bpf() system call",
		     "use a kernel built with CONFIG_BPF_SYSCALL=y");
	check_config(&d, "DEBUG_INFO_BTF", exists("/sys/kernel/btf/vmlinux"),
		     "/sys/kernel/btf/vmlinux",
		     "use a kernel built with CONFIG_DEBUG_INFO_BTF=y");
	report(&d, "/sys/kernel/btf/vmlinux", exists("/sys/kernel/btf/vmlinux") ? OK : PROBLEM,
	       "use a kernel built with CONFIG_DEBUG_INFO_BTF=y (struct_ops needs the kernel's BTF)",
	       exists("/sys/kernel/btf/vmlinux") ? "present" : "missing");
	modules = check_config(&d, "MODULES", exists("/proc/modules"), "/proc/modules",
			       "this kernel cannot load hello.ko: run the kit in its guest (make demo, vm/run), or on a kernel with CONFIG_MODULES=y");
	if (modules)
		check_config(&d, "DEBUG_INFO_BTF_MODULES", exists("/sys/kernel/btf/" OPS_MODULE),
			     "/sys/kernel/btf/" OPS_MODULE,
			     "use a kernel built with CONFIG_DEBUG_INFO_BTF_MODULES=y");
	else
		report(&d, "CONFIG_DEBUG_INFO_BTF_MODULES", SKIP, NULL, "needs module support");
	check_build(&d);
	check_compiler(&d);
	check_module(&d, modules);
	check_system(&d);

	if (g_opts.json) {
		json_end_array(&d.j);
		json_kv_int(&d.j, "problems", d.problems);
		json_end_object(&d.j);
		json_finish(&d.j);
	} else {
		printf("%d problem%s\n", d.problems, d.problems == 1 ? "" : "s");
	}
	kconfig_free(&d.kc);
	return d.problems ? EXIT_FAIL : EXIT_OK;
}
