// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "struct_ops.h"

void explain_busy(char *buf, size_t size, const char *type,
		  const struct so_map *m, const char *holders, int nholders,
		  int first_pid, const char *pin)
{
	char link[32] = "";

	if (m->link_id)
		snprintf(link, sizeof(link), ", link %u", m->link_id);
	if (nholders > 0)
		snprintf(buf, size,
			 "%s already has an implementation: map %u '%s'%s, held by %s %s; stop it first (kill %d)",
			 type, m->id, m->name, link,
			 nholders > 1 ? "processes" : "process", holders,
			 first_pid);
	else if (!m->link_mode && pin)
		snprintf(buf, size,
			 "%s already has an implementation: map %u '%s', registered without a link and pinned at %s; remove the pin, then 'struct_ops repair %u'",
			 type, m->id, m->name, pin, m->id);
	else if (!m->link_mode)
		snprintf(buf, size,
			 "%s already has an implementation: map %u '%s', registered without a link and held by no process (left behind by a killed legacy loader); remove it with 'struct_ops repair %u'",
			 type, m->id, m->name, m->id);
	else
		snprintf(buf, size,
			 "%s already has an implementation: map %u '%s'%s, held by no process (a link pinned in bpffs?); detach it with 'struct_ops detach link %u'",
			 type, m->id, m->name, link, m->link_id);
}

void explain_missing_type(char *buf, size_t size, const char *type,
			  const char *module, enum type_absence why)
{
	switch (why) {
	case ABSENT_NO_KERNEL_BTF:
		snprintf(buf, size,
			 "the kernel has no BTF (/sys/kernel/btf/vmlinux is missing): struct_ops needs a kernel built with CONFIG_DEBUG_INFO_BTF=y");
		break;
	case ABSENT_NO_MODULES:
		snprintf(buf, size,
			 "struct_ops type %s is not in the kernel, and this kernel cannot load modules (no /proc/modules: CONFIG_MODULES is off): run in the guest (vm/run -- struct_ops) or on a kernel with module support",
			 type);
		break;
	case ABSENT_MODULE_NOT_LOADED:
		snprintf(buf, size,
			 "struct_ops type %s is not in the kernel: module %s is not loaded; load it with 'insmod %s.ko'",
			 type, module, module);
		break;
	case ABSENT_MODULE_NO_BTF:
		snprintf(buf, size,
			 "module %s is loaded but has no BTF (/sys/kernel/btf/%s is missing): rebuild it against headers that contain vmlinux, with pahole installed, on a kernel with CONFIG_DEBUG_INFO_BTF_MODULES=y",
			 module, module);
		break;
	case ABSENT_MODULE_NO_TYPE:
		snprintf(buf, size,
			 "module %s is loaded with BTF but defines no struct_ops type %s: is it the right module build? (rmmod %s; insmod the kit's %s.ko)",
			 module, type, module, module);
		break;
	}
}

void explain_attach_error(char *buf, size_t size, const char *type,
			  const char *owner, int err, const char *module_line)
{
	switch (-err) {
	case EEXIST:
		snprintf(buf, size,
			 "%s already has an implementation (EEXIST from the module's reg): stop the other one first",
			 type);
		break;
	case EINVAL:
		if (module_line && module_line[0])
			snprintf(buf, size,
				 "the module refused the implementation (EINVAL): %s",
				 module_line);
		else if (!strcmp(type, OPS_TYPE))
			snprintf(buf, size,
				 "the module refused the implementation (EINVAL): %s needs at least test_1",
				 type);
		else if (owner && strcmp(owner, "vmlinux"))
			snprintf(buf, size,
				 "module %s refused the implementation of %s (EINVAL) and logged no reason: a data member's value or a missing required operator? (its .init_member and .validate decide)",
				 owner, type);
		else
			snprintf(buf, size,
				 "the kernel refused the implementation of %s (EINVAL): a data member's value or a missing required operator? (the type's .init_member and .validate decide; dmesg may say more)",
				 type);
		break;
	case EPERM:
	case EACCES:
		snprintf(buf, size,
			 "attaching needs privileges (%s): run as root (CAP_BPF and CAP_SYS_ADMIN)",
			 strerror(-err));
		break;
	case ENOTSUP:
		snprintf(buf, size,
			 "the kernel cannot attach this map (ENOTSUP): a .struct_ops.link map needs Linux >= 6.4; for the module's type, >= 6.9");
		break;
	default:
		snprintf(buf, size, "attaching the %s implementation failed: %s",
			 type, strerror(-err));
	}
}

void explain_maps_error(char *buf, size_t size, int err)
{
	if (err == -EPERM || err == -EACCES)
		snprintf(buf, size,
			 "reading BPF objects needs privileges (%s): run as root (CAP_BPF and CAP_SYS_ADMIN)",
			 strerror(-err));
	else
		snprintf(buf, size, "listing BPF maps failed: %s", strerror(-err));
}

const char *explain_verifier_verdict(const char *line)
{
	static const struct {
		const char *a, *b;	/* both must appear */
		const char *meaning;
	} known[] = {
		{ "invalid mem access", "_or_null",
		  "it dereferences a pointer that may be NULL (a __nullable argument) without checking it first" },
		{ "min value is negative", "",
		  "a size or index may be negative: make it unsigned and clamp it first (clang 14 also compiles a correct clamp such as 'len < sizeof(buf) ? len : sizeof(buf) - 1' into a signed compare the verifier cannot follow: build with clang-19)" },
		{ "unbounded memory access", "",
		  "a size or index has no upper bound: clamp it first" },
		{ "unknown func", "",
		  "it calls a helper the struct_ops type does not allow (its get_func_proto)" },
		{ "calling kernel function", "is not allowed",
		  "it calls a kfunc not registered for struct_ops programs" },
		{ "arg#", "expected pointer to const string",
		  "a __str kfunc argument must be a constant string" },
		{ "attach to unsupported member", "",
		  "the struct_ops type refuses this program for that operator: a sleepable program (SEC(\"struct_ops.s/...\")) where the kernel calls the operator in atomic context (use SEC(\"struct_ops/...\")), or an operator this kernel does not support" },
		{ "At program exit the register R0", "",
		  "it returns a value outside what the operator allows" },
		{ "invalid access to memory", "",
		  "it reads or writes outside a buffer it may access" },
	};
	size_t i;

	if (!line)
		return NULL;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strstr(line, known[i].a) && strstr(line, known[i].b))
			return known[i].meaning;
	return NULL;
}

void explain_load_error(char *buf, size_t size, const char *prog, int err,
			const char *verdict)
{
	const char *meaning = explain_verifier_verdict(verdict);

	switch (-err) {
	case EPERM:
		snprintf(buf, size,
			 "loading BPF programs needs privileges (EPERM): run as root (CAP_BPF, CAP_PERFMON and CAP_SYS_ADMIN)");
		break;
	case EACCES:
	case EINVAL:
		if (prog && meaning) {
			snprintf(buf, size,
				 "the verifier rejected program '%s' (%s): %s; the end of its log follows (-v shows all of it)",
				 prog, strerror(-err), meaning);
			break;
		}
		if (prog) {
			snprintf(buf, size,
				 "the verifier rejected program '%s' (%s); the end of its log follows (-v shows all of it)",
				 prog, strerror(-err));
			break;
		}
		/* no program refused: libbpf refused the object itself */
		snprintf(buf, size,
			 "loading the BPF object failed: %s, before any program reached the verifier: 'struct_ops types FILE' checks the object's struct_ops maps against the kernel's types, and -v shows libbpf's reason",
			 strerror(-err));
		break;
	default:
		snprintf(buf, size,
			 "loading the BPF object failed: %s (run with -v to see libbpf's messages)",
			 strerror(-err));
	}
}

void explain_unreferenced_prog(char *buf, size_t size, const char *prog,
			       const char *section)
{
	const char *slash = strchr(section, '/');
	const char *member = slash && slash[1] ? slash + 1 : "MEMBER";
	int kind = slash ? (int)(slash - section) : (int)strlen(section);

	snprintf(buf, size,
		 "program '%s' (SEC(\"%s\")) is in no struct_ops map's value, so libbpf refuses to load the object (\"isn't referenced anywhere\"): add it to the map's value (.%s = (void *)%s), or remove it, or mark it SEC(\"?%.*s/%s\") so that libbpf does not load it",
		 prog, section, member, prog, kind, section, member);
}
