// SPDX-License-Identifier: GPL-2.0
/* The generated kit's small files: Makefile, README.md, module/Kbuild, module/compat.h. */
#include "emit.h"

void gen_emit_makefile(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name;

	fprintf(f, "# SPDX-License-Identifier: GPL-2.0\n"
		"# The %s kit, written by 'struct_ops new %s %s':\n"
		"#   make              module/%s.ko and build/%s.bpf.o\n"
		"#   make KDIR=DIR     against another kernel's build tree or headers\n"
		"#   make clean\n"
		"# The module needs a kernel with CONFIG_DEBUG_INFO_BTF_MODULES and pahole\n"
		"# (struct_ops types live in module BTF); the BPF side needs clang and\n"
		"# bpftool (for vmlinux.h, from the same kernel's BTF). 7.x kernels\n"
		"# embed tagged structs anonymously (struct a { struct b; ... }), a\n"
		"# Microsoft extension the kernel is built with: vmlinux.h needs it too.\n\n"
		"KDIR       ?= /lib/modules/$(shell uname -r)/build\n"
		"VMLINUX    ?= $(firstword $(wildcard $(KDIR)/vmlinux) /sys/kernel/btf/vmlinux)\n"
		"CLANG      ?= clang-19\n"
		"BPFTOOL    ?= bpftool\n"
		"ARCH_BPF   ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/aarch64/arm64/')\n"
		"# the generated code builds without a warning: keep it that way\n"
		"KCFLAGS    ?= -Werror\n"
		"BPF_CFLAGS ?= -g -O2 -Wall -Werror -fms-extensions -Wno-microsoft-anon-tag\n\n"
		".PHONY: all module bpf clean\n"
		"all: module bpf\n\n"
		"module:\n"
		"\t$(MAKE) -C $(KDIR) M=$(CURDIR)/module KCFLAGS=\"$(KCFLAGS)\" modules\n\n"
		"bpf: build/%s.bpf.o\n\n"
		"build/vmlinux.h:\n"
		"\t@mkdir -p build\n"
		"\t$(BPFTOOL) btf dump file $(VMLINUX) format c > $@.tmp && mv $@.tmp $@\n\n"
		"build/%s.bpf.o: bpf/%s.bpf.c module/%s.h build/vmlinux.h\n"
		"\t$(CLANG) $(BPF_CFLAGS) -target bpf -D__TARGET_ARCH_$(ARCH_BPF) -Ibuild -Imodule -c $< -o $@\n\n"
		"clean:\n"
		"\t$(MAKE) -C $(KDIR) M=$(CURDIR)/module clean\n"
		"\trm -rf build\n", n, n, ops->header, n, n, n, n, n, n);
}

static void emit_op_table(FILE *f, const struct gen_ops *ops)
{
	int i, k;

	fputs("| operator | called by the test file as | the default returns | with ` null` |\n"
	      "|---|---|---|---|\n", f);
	for (k = 0; gen_op(ops, k); k++) {
		const struct gen_member *m = gen_op(ops, k);

		fprintf(f, "| `%s`%s | `%s(", m->name, m->sleepable ? " (sleepable)" : "", m->name);
		for (i = 0; i < m->nparams; i++) {
			const struct gen_param *p = &m->params[i];

			if (i)
				fputs(", ", f);
			if (p->kind == GEN_INT)
				fprintf(f, "%lld", p->is_bool ? 1 : gen_sample_int(i));
			else if (p->sample == GEN_SAMPLE_NULL)
				fputs("NULL", f);
			else if (p->sample == GEN_SAMPLE_NONE)
				fputs("?", f);
			else if (p->sample == GEN_SAMPLE_KOBJ)
				fputs(p->kobj->expr ? p->kobj->expr : "new", f);
			else
				fputs(p->kind == GEN_STR ? "\"sample\"" : "page", f);
		}
		if (m->unsampled)
			fprintf(f, ")` | not called: `%s` is a kernel object the test file cannot make | |\n",
				m->unsampled->name);
		else if (m->ret_kind == GEN_VOID)
			fputs(")` | (void) | (void) |\n", f);
		else
			fprintf(f, ")` | %lld | %lld |\n", gen_expected(ops, k, false),
				gen_expected(ops, k, true));
	}
}

void gen_emit_readme(FILE *f, const struct gen_ops *ops)
{
	const char *n = ops->name;
	char up[64];

	fprintf(f, "# %s: a BPF-programmable `struct %s`\n\n"
		"Written by `struct_ops new %s %s`. The module registers the struct_ops\n"
		"type `%s`; BPF programs implement its %d operators; kernel code calls\n"
		"them with `%s_call_OP()`.\n\n"
		"| file | what it is |\n|---|---|\n"
		"| `module/%s.h` | the ops table (your header, copied between markers) and the call wrappers' prototypes |\n"
		"| `module/%s.c` | the module: every callback the kernel needs, the call wrappers, `/sys/kernel/debug/%s/test` |\n"
		"| `module/compat.h` | what differs between kernels, and the stop-gap for a kernel bug (`kit_prog_is_foreign()`: a program verified for another module's type) |\n"
		"| `module/Kbuild` | kbuild's list |\n"
		"| `bpf/%s.bpf.c` | a default BPF implementation of every operator |\n"
		"| `Makefile` | `make KDIR=...` builds both |\n\n"
		"## Build and try\n\n"
		"```\nmake KDIR=/lib/modules/$(uname -r)/build\n"
		"insmod module/%s.ko\n"
		"struct_ops run -o build/%s.bpf.o -N &      # attach; Ctrl-C (SIGINT) detaches\n"
		"echo all > /sys/kernel/debug/%s/test; cat /sys/kernel/debug/%s/test\n"
		"kill -INT %%1; wait\n"
		"rmmod %s      # EBUSY for a moment: the kernel frees the map after a grace period\n```\n\n"
		"`/sys/kernel/debug/%s/test` (mode 0600, CAP_SYS_ADMIN) calls every\n"
		"operator (write `all`) or one (write its name); add ` null` to pass NULL\n"
		"for `__nullable` arguments. Integers get 10, 20, ... by position, bool\n"
		"`true`, strings `\"sample\"`, pointers to the header's own structs a\n"
		"zeroed page. The verifier trusts a kernel object's pointer (kfuncs follow\n"
		"it), so kernel types get a real object (`current` for a task, a new\n"
		"`sk_buff`, ...), or NULL where `__nullable`; an operator with neither is\n"
		"not called (`skipped`). Reading the file shows whether an implementation\n"
		"is registered, its data members, and each called operator's return value.\n"
		"With nothing registered every operator returns 0. With the default\n"
		"implementation:\n\n",
		n, ops->sname, n, ops->header, ops->sname, ops->nops, n, n, n, n, n, n, n,
		n, n, n, n);
	gen_upper(up, n, sizeof(up));
	emit_op_table(f, ops);
	fprintf(f, "\nThe default programs log with `bpf_printk`: read\n"
		"`/sys/kernel/tracing/trace_pipe` (the trace buffer, not dmesg).\n\n"
		"## What the module does for you\n\n"
		"- `.reg`/`.unreg`/`.update`: one `__rcu` pointer under a mutex; a second\n"
		"  implementation gets `-EEXIST`; `.unreg` compares before it clears; a\n"
		"  link update replaces the implementation in one store.\n"
		"- `.init_member` copies and checks data members: strings must be\n"
		"  NUL-terminated printable ASCII; an integer member `M` is checked\n"
		"  against `%s_M_KNOWN` (upper case) when the header defines it.\n"
		"- `.check_member` refuses sleepable programs except for operators whose\n"
		"  comment says `@sleepable` (called under SRCU); `.validate` refuses an\n"
		"  implementation without the operators marked `@required`.\n"
		"- `.verifier_ops`: read-only, typed access to the arguments; the base\n"
		"  helpers. `.cfi_stubs`: one stub per operator, `__nullable` kept.\n\n"
		"Edit freely: regenerate only into a new directory (`struct_ops new`\n"
		"never overwrites).\n", up);
}

/* module/compat.h of the kit's own source (embed.S), as it is */
extern const char gen_compat_h[];

void gen_emit_compat_h(FILE *f, const struct gen_ops *ops)
{
	fputs(gen_compat_h, f);
}

void gen_emit_kbuild(FILE *f, const struct gen_ops *ops)
{
	fprintf(f, "# SPDX-License-Identifier: GPL-2.0\n"
		"# Module BTF (which struct_ops needs) comes from the kernel's\n"
		"# CONFIG_DEBUG_INFO_BTF_MODULES and pahole, not from flags here.\n"
		"obj-m += %s.o\n", ops->name);
}
