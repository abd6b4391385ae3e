// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops doctor, the checks of the build side: the module file and its
 * .BTF, pahole, the headers' vmlinux, and the compiler for BPF programs.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doctor.h"
#include "kconfig.h"


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

void check_build(struct doctor *d)
{
	char vmlinux[512], want[16], line[128] = "", path[512];
	struct kconfig target = {};
	int btf, have = 0, kernel;
	FILE *p;

	if (!doctor_exists(d->ko)) {
		doctor_report(d, "module file", PROBLEM,
			      "run 'make' (or pass --ko PATH to the module you built)",
			      "no module at %s", d->ko);
		doctor_report(d, "module file BTF", SKIP, NULL, "needs the module file");
	} else if (doctor_report(d, "module file", OK, NULL, "%s", d->ko)) {
		btf = elf_has_btf(d->ko);
		if (btf < 0)
			doctor_report(d, "module file BTF", PROBLEM, "rebuild it with 'make'",
				      "%s is not a readable ELF file (%s)", d->ko, strerror(-btf));
		else if (!btf)
			doctor_report(d, "module file BTF", PROBLEM,
				      "install pahole (dwarves) and build against headers that contain vmlinux, on a kernel with CONFIG_DEBUG_INFO_BTF_MODULES=y",
				      "%s has no .BTF section: the kernel cannot register its struct_ops types",
				      d->ko);
		else
			doctor_report(d, "module file BTF", OK, NULL, "%s has a .BTF section", d->ko);
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
		doctor_report(d, "pahole", SKIP, NULL,
			      "pahole is not installed here (it is needed only where the module is built)");
	else if (!kernel)
		doctor_report(d, "pahole", SKIP, NULL,
			      "pahole %d.%02d; no %s to compare it with CONFIG_PAHOLE_VERSION (--kdir DIR)",
			      have / 100, have % 100, path);
	else if (kernel && have < kernel)
		doctor_report(d, "pahole", PROBLEM,
			      "install a pahole at least as new as the kernel's (dwarves)",
			      "pahole %d.%02d is older than the %d.%02d the target kernel was built with (CONFIG_PAHOLE_VERSION in %s): module BTF may not load",
			      have / 100, have % 100, kernel / 100, kernel % 100, path);
	else
		doctor_report(d, "pahole", OK, NULL,
			      "pahole %d.%02d, target kernel built with %d.%02d (%s)",
			      have / 100, have % 100, kernel / 100, kernel % 100, path);

	snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux", d->kdir);
	if (!doctor_exists(d->kdir))
		doctor_report(d, "headers vmlinux", SKIP, NULL,
			      "no kernel headers at %s (needed only to build the module; --kdir DIR)",
			      d->kdir);
	else if (!doctor_exists(vmlinux))
		doctor_report(d, "headers vmlinux", PROBLEM,
			      "install headers that ship vmlinux (Debian's linux-headers do), or build the kernel tree",
			      "%s is missing: kbuild skips module BTF ('Skipping BTF generation')",
			      vmlinux);
	else
		doctor_report(d, "headers vmlinux", OK, NULL, "%s", vmlinux);
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
void check_compiler(struct doctor *d)
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
		doctor_report(d, "BPF compiler", SKIP, NULL, "no clang here (%s)", built);
	else if (v > 0 && v < 15)
		doctor_report(d, "BPF compiler", PROBLEM,
			      "install clang-19 (Debian 12: apt-get install clang-19) and build BPF programs with it",
			      "%s is clang %d, which compiles common clamps into code the verifier refuses (\"R2 min value is negative\"); %s",
			      path, v, built);
	else if (v > 0)
		doctor_report(d, "BPF compiler", OK, NULL, "%s (clang %d); %s", path, v, built);
	else
		doctor_report(d, "BPF compiler", OK, NULL, "%s (version unknown); %s", path, built);
}
