// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops doctor: every cause in docs/TROUBLESHOOTING.md, checked. Each
 * check says ok, problem (with the cause and the fix) or skip (it depends
 * on a check that failed, or does not apply here), so one cause shows as
 * one problem. Exit status 0 only if there is no problem.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cli.h"
#include "doctor.h"
#include "json.h"
#include "kconfig.h"
#include "registry.h"
#include "scx.h"
#include "struct_ops.h"

static bool check_kernel(struct doctor *d)
{
	struct utsname u;
	int major = 0, minor = 0;
	long v;

	uname(&u);
	sscanf(u.release, "%d.%d", &major, &minor);
	v = major * 100 + minor;
	if (v >= 611)
		return doctor_report(d, "kernel", OK, NULL,
				     "%s: module-defined struct_ops (6.9), link update (6.4), EPOLLHUP on detach (6.10), the link in reg/unreg (6.11)",
				     u.release);
	return doctor_report(d, "kernel", PROBLEM,
			     "use Linux 6.11 or later (the kit's guest runs 6.12: make demo)",
			     "%s is older than 6.11: %s%s%s", u.release,
			     v < 609 ? "no module-defined struct_ops (6.9); " : "",
			     v < 610 ? "no EPOLLHUP on detach (6.10); " : "",
			     "hello.ko's reg/unreg take the link (6.11)");
}

static void check_module(struct doctor *d, bool modules)
{
	char owner[64];

	if (!modules) {
		doctor_report(d, "module loaded", SKIP, NULL, "needs module support");
		doctor_report(d, "module BTF", SKIP, NULL, "needs module support");
		doctor_report(d, "type registered", SKIP, NULL, "needs module support");
		doctor_report(d, "type name", SKIP, NULL, "needs module support");
		return;
	}
	if (!doctor_report(d, "module loaded", doctor_exists("/sys/module/" OPS_MODULE) ? OK : PROBLEM,
			   "load it: insmod build/module/hello.ko",
			   doctor_exists("/sys/module/" OPS_MODULE) ? "module %s is loaded" :
			   "module %s is not loaded", OPS_MODULE)) {
		doctor_report(d, "module BTF", SKIP, NULL, "needs the module loaded");
		doctor_report(d, "type registered", SKIP, NULL, "needs the module loaded");
		doctor_report(d, "type name", SKIP, NULL, "needs the module loaded");
		return;
	}
	if (!doctor_report(d, "module BTF", doctor_exists("/sys/kernel/btf/" OPS_MODULE) ? OK : PROBLEM,
			   "rmmod hello, then insmod a hello.ko with a .BTF section (see 'module file BTF')",
			   doctor_exists("/sys/kernel/btf/" OPS_MODULE) ? "/sys/kernel/btf/%s exists" :
			   "module %s is loaded without BTF (/sys/kernel/btf/%s is missing): its struct_ops types are not registered",
			   OPS_MODULE, OPS_MODULE)) {
		doctor_report(d, "type registered", SKIP, NULL, "needs the module's BTF");
		doctor_report(d, "type name", SKIP, NULL, "needs the module's BTF");
		return;
	}
	if (!so_type_find(OPS_TYPE, owner, sizeof(owner))) {
		doctor_report(d, "type registered", OK, NULL,
			      "bpf_struct_ops_%s is in %s's BTF", OPS_TYPE, owner);
		check_type_unique(d, OPS_TYPE);
	} else {
		doctor_report(d, "type registered", PROBLEM,
			      "rmmod hello and insmod the kit's hello.ko",
			      "module %s has BTF but no bpf_struct_ops_%s: another build of the module?",
			      OPS_MODULE, OPS_TYPE);
		doctor_report(d, "type name", SKIP, NULL, "needs the type registered");
	}
}

enum { OPT_KO = CLI_LONG_ONLY + 1, OPT_KDIR };

static int doctor_opt(void *ctx, int key, const char *arg)
{
	struct doctor *d = ctx;

	if (key == OPT_KO)
		d->ko = arg;
	else if (key == 't')
		d->type = arg;
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
		"module loaded, its BTF, its type registered and its name defined once;\n"
		"libbpf, bpffs, privileges, lingering registrations. Under -j:\n"
		"{\"checks\": [...], \"problems\": N}.\n"
		"With a TYPE (-t TYPE, or TYPE as the argument) other than " OPS_TYPE ",\n"
		"what matters for that type instead, without the module: the kernel,\n"
		"its BPF and BTF config, the type in the kernel's BTF and its name\n"
		"defined by one BTF only (libbpf binds to the first: vmlinux, then the\n"
		"module loaded first), libbpf, bpffs, privileges, the registration of\n"
		"that type and lingering ones; for\n"
		SCX_TYPE " also CONFIG_SCHED_CLASS_EXT, " SCX_SYSFS ", the current\n"
		"scheduler (name, map, link, holders) and the last exit the kernel logged.\n"
		"Exit status 0 only if there is no problem.",
	.synopsis = "[TYPE]",
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ 't', "type", "TYPE", "check what matters for this struct_ops type" },
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
	if (first < argc) {
		if (d.type && strcmp(d.type, argv[first])) {
			p_err("doctor takes one type: -t %s or %s, not both (see '%s doctor -h')",
			      d.type, argv[first], PROG_NAME);
			return EXIT_USAGE;
		}
		d.type = argv[first];
	}
	if (d.type && !strcmp(d.type, OPS_TYPE))
		d.type = NULL;	/* the default checks are this type's */
	kconfig_load(&d.kc);
	if (g_opts.json) {
		json_init(&d.j, out_json(), g_opts.pretty);
		json_begin_object(&d.j);
		json_key(&d.j, "checks");
		json_begin_array(&d.j);
	}

	if (d.type)
		check_type_kernel(&d);
	else
		check_kernel(&d);
	if (!d.kc.text)
		doctor_report(&d, "kernel config", SKIP, NULL,
			      "no /proc/config.gz or /boot/config-%s: CONFIG checks are inferred",
			      u.release);
	else
		doctor_report(&d, "kernel config", OK, NULL, "%s", d.kc.source);
	check_config(&d, "BPF_SYSCALL", bpf_map_get_next_id(0, (__u32[]){ 0 }) == 0 ||
		     errno != ENOSYS, "the bpf() system call",
		     "use a kernel built with CONFIG_BPF_SYSCALL=y");
	check_config(&d, "DEBUG_INFO_BTF", doctor_exists("/sys/kernel/btf/vmlinux"),
		     "/sys/kernel/btf/vmlinux",
		     "use a kernel built with CONFIG_DEBUG_INFO_BTF=y");
	doctor_report(&d, "/sys/kernel/btf/vmlinux", doctor_exists("/sys/kernel/btf/vmlinux") ? OK : PROBLEM,
		      "use a kernel built with CONFIG_DEBUG_INFO_BTF=y (struct_ops needs the kernel's BTF)",
		      doctor_exists("/sys/kernel/btf/vmlinux") ? "present" : "missing");
	if (d.type) {
		check_type(&d);
		goto done;
	}
	modules = check_config(&d, "MODULES", doctor_exists("/proc/modules"), "/proc/modules",
			       "this kernel cannot load hello.ko: run the kit in its guest (make demo, vm/run), or on a kernel with CONFIG_MODULES=y");
	if (modules)
		check_config(&d, "DEBUG_INFO_BTF_MODULES", doctor_exists("/sys/kernel/btf/" OPS_MODULE),
			     "/sys/kernel/btf/" OPS_MODULE,
			     "use a kernel built with CONFIG_DEBUG_INFO_BTF_MODULES=y");
	else
		doctor_report(&d, "CONFIG_DEBUG_INFO_BTF_MODULES", SKIP, NULL, "needs module support");
	check_build(&d);
	check_compiler(&d);
	check_module(&d, modules);
	check_system(&d);
done:
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
