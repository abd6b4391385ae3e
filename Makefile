# SPDX-License-Identifier: GPL-2.0
#
#   make            build everything (module, BPF objects, struct_ops)
#   make demo       boot the guest kernel and run the seed's scenario
#   make test       every test: unit (host), host kernel, guest kernel
#   make stress     the guest tests and the stress suite (fuzz, races, faults,
#                   module cycles); STRESS_RACE_SECONDS, STRESS_KILLS,
#                   STRESS_CYCLES, STRESS_FUZZ_CALLS make it longer
#   make check      struct_ops and the unit tests under ASan/UBSan and valgrind
#   make fuzz       each libFuzzer target for FUZZ_SECONDS (default 60); make
#                   test runs each for 10 s
#   KERNEL=debug    (with make, make test, make stress) the KASAN + lockdep
#                   guest kernel built by vm/build-kernel, into build/debug
#   make bench      benchmarks in the guest: figures and ratios
#   make deps       apt set-up only (sources, packages); needs root. demo,
#                   test, stress, check and bench run it first; a plain
#                   make only checks, and never changes the system
#   make install    struct_ops, struct_ops-new, their man pages and the bash
#                   completion under PREFIX (/usr/local) in DESTDIR; make
#                   uninstall; make install-dkms
#   make deb        Debian packages struct-ops, struct-ops-new and
#                   struct-ops-dkms (build/deb)
#   make host       build for the running kernel (needs its headers) in build/host
#   make checkpatch kernel coding style of module/ (checkpatch.pl from
#                   linux-source-6.12, which make deps installs)
#   make clean      remove build/ (the guest kernel cache stays)
#
# V=1 shows the full commands. Outputs go to build/, downloads to
# $(STRUCT_OPS_CACHE) (default ~/.cache/struct-ops), reused by later runs.

.DELETE_ON_ERROR:
.SECONDARY:

export STRUCT_OPS_CACHE ?= $(HOME)/.cache/struct-ops
# lts: Debian's 6.12 LTS (default; "debian" is its old name); latest:
# Debian's newest 7.x (trixie-backports), whose modules are built in a
# Debian 13 root (vm/build-root) on a Debian 12 host, natively on Debian
# 13; debug: the kit's KASAN + lockdep build
KERNEL ?= lts
ifeq ($(KERNEL),debian)
override KERNEL := lts
endif
export KERNEL
# Runs a module build: as is, or in the Debian 13 root for KERNEL=latest.
KBUILD_IN  :=

HOST_KDIR  ?= /lib/modules/$(shell uname -r)/build
ifeq ($(TARGET),host)
# `make host`: for a machine whose own kernel loads modules (>= 6.11).
OUT        := build/host
KDIR       := $(HOST_KDIR)
VMLINUX_BTF := /sys/kernel/btf/vmlinux
KERNEL_OK  :=
else ifeq ($(KERNEL),debug)
# `make KERNEL=debug`: the kit's KASAN + lockdep kernel (vm/build-kernel).
OUT        := build/debug
KERNEL_OK  := $(OUT)/.kernel-ok
KDIR        = $(shell vm/build-kernel --print)/tree
VMLINUX_BTF = $(KDIR)/vmlinux
else ifeq ($(KERNEL),latest)
# `make KERNEL=latest`: Debian's newest 7.x kernel (vm/fetch-kernel
# --kernel latest); its headers are installed in the Debian 13 build root,
# where kbuild runs (KDIR is a path inside it).
OUT        := build/latest
GUEST      := $(STRUCT_OPS_CACHE)/guest-latest/current
KERNEL_OK  := $(GUEST)/.complete
# on a Debian 13 host the "root" is / (its own gcc-14 builds them)
ifeq ($(shell . /etc/os-release 2>/dev/null; echo "$$VERSION_CODENAME"),trixie)
BUILD_ROOT :=
else
BUILD_ROOT := $(STRUCT_OPS_CACHE)/trixie/root
KBUILD_IN  := vm/build-root --
endif
KDIR        = $(patsubst $(BUILD_ROOT)%,%,$(firstword $(wildcard $(BUILD_ROOT)/usr/src/linux-headers-7.*-amd64)))
VMLINUX_BTF = $(BUILD_ROOT)$(KDIR)/vmlinux
else ifeq ($(KERNEL),lts)
OUT        := build
GUEST      := $(STRUCT_OPS_CACHE)/guest/current
KERNEL_OK  := $(GUEST)/.complete
# Resolved when recipes run, after the kernel has been fetched.
KROOT       = $(realpath $(GUEST))/root
KDIR        = $(firstword $(wildcard $(KROOT)/usr/src/linux-headers-*-amd64))
VMLINUX_BTF = $(KDIR)/vmlinux
else
$(error KERNEL must be lts (or debian), latest or debug, not '$(KERNEL)')
endif

CC         := gcc
# clang 14 (Debian's default clang) compiles common clamps into code the
# 6.12 verifier refuses; bookworm's clang-19 does not (docs/DESIGN.md).
CLANG      ?= clang-19
# Debian 12's default clang, for the test of what it gets wrong (Debian 13
# has none: its default clang is 19, and that test says so)
CLANG14    ?= $(shell command -v clang-14)
BPFTOOL    ?= bpftool
# doctor names the compiler of the built-in BPF objects
BPF_CC_VERSION := $(shell $(CLANG) --version 2>/dev/null | head -n 1 | tr -d "\"'")
CFLAGS     := -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror=implicit-function-declaration \
	      -Isrc/lib -Imodule -DKIT_BPF_CC='"$(BPF_CC_VERSION)"'
LIBS       := -lbpf -lelf -lz -lzstd -lm
# Linked dynamically on both releases (Debian 13's libelf.a cannot be linked
# statically); vm/run carries the shared libraries into the guest.
LDFLAGS    :=

# src/lib: the library (what the unit tests link); src/cmd: one file per
# command, main.c and the built-in BPF objects (embed.S).
SRCS       := $(wildcard src/lib/*.c src/cmd/*.c)
HDRS       := $(wildcard src/lib/*.h src/cmd/*.h) module/bpf_testmod.h
OBJS       := $(patsubst src/%.c,$(OUT)/obj/%.o,$(SRCS))
LIB_OBJS   := $(patsubst src/%.c,$(OUT)/obj/%.o,$(wildcard src/lib/*.c))
# every bpf/*.bpf.c, plus the legacy build of struct_ops.bpf.c
BPF_OBJS   := $(patsubst bpf/%.bpf.c,$(OUT)/bpf/%.bpf.o,$(wildcard bpf/*.bpf.c)) \
	      $(OUT)/bpf/struct_ops_legacy.bpf.o \
	      $(foreach n,3 10 20,$(OUT)/bpf/many_ops_$(n).bpf.o)
PROG       := $(OUT)/bin/struct_ops
# struct_ops-new, the generator behind 'struct_ops new' (src/gen): libclang
# is a shared library only, so it is dynamic; struct_ops runs it.
LLVM_DIR   ?= /usr/lib/llvm-19
GEN_SRCS   := $(wildcard src/gen/*.c)
GEN_OBJS   := $(patsubst src/%.c,$(OUT)/obj/%.o,$(GEN_SRCS))
GEN_PROG   := $(OUT)/bin/struct_ops-new
MODULE     := $(OUT)/module/hello.ko
UNIT       := $(OUT)/tests/unit_tests
# make bench's writer (static: it runs in the guest)
BENCH_TOOLS := $(OUT)/bench/writer
# make bench's host loopback figure: BPF Reno against the kernel's (host only)
HOST_BENCH  := $(OUT)/bench/loopback $(OUT)/bench/reno.bpf.o
# Test fixtures: a module built without BTF, objects the verifier must refuse.
MODULE_NOBTF := $(OUT)/module-nobtf/hello.ko
# Test fixture modules (tests/kmod): provoke.ko makes the kernel report
# failures, for vm/run's own tests; stackargs.ko, cross_a.ko and cross_b.ko
# show the two struct_ops kernel bugs (tests/guest/75-kernel-bugs.sh).
MODULE_PROVOKE := $(OUT)/module-provoke/provoke.ko
TEST_BPF_OBJS := $(patsubst tests/bpf/%.bpf.c,$(OUT)/bpf/tests/%.bpf.o,$(wildcard tests/bpf/*.bpf.c)) \
		 $(if $(CLANG14),$(OUT)/bpf/tests/clamp_clang14.bpf.o)
# Helpers the guest tests run (asuser, fuzzwrite, ...).
TEST_TOOLS := $(patsubst tests/tools/%.c,$(OUT)/tests/tools/%,$(wildcard tests/tools/*.c))

ifeq ($(V),1)
  Q :=
  msg =
else
  Q := @
  msg = @printf '  %-8s %s\n' "$(1)" "$(2)";
endif

.PHONY: all deps test-fixtures host checkpatch bench kernel demo test stress check unit clean \
	test-run demo-run stress-run bench-run check-run fuzz fuzz-run fuzz-targets \
	install uninstall man install-dkms uninstall-dkms dkms-src deb deb-test
all: $(MODULE) $(BPF_OBJS) $(PROG) $(GEN_PROG) $(BENCH_TOOLS)

ifeq ($(KERNEL),debug)
DEPS_ARGS := --debug-kernel
endif

# Each target installs its own set (scripts/setup-host.sh --for): make
# demo what the demo needs, make test everything; a plain 'make deps' too.
demo: DEPS_FOR := --for demo
bench: DEPS_FOR := --for bench
deps:
	$(Q)scripts/setup-host.sh $(DEPS_ARGS) $(DEPS_FOR)

# A build only checks the toolchain (one dpkg query when all is there);
# 'make deps' installs it. The build and the guest; the generator's
# libclang apart (make demo builds no generator).
$(OUT)/.deps-ok: scripts/setup-host.sh | $(OUT)
	$(Q)scripts/setup-host.sh --check --for demo $(DEPS_ARGS)
	$(Q)touch $@
$(OUT)/.deps-new-ok: scripts/setup-host.sh | $(OUT)
	$(Q)scripts/setup-host.sh --check --for new
	$(Q)touch $@

kernel: $(KERNEL_OK)
ifeq ($(KERNEL),debug)
# Cached by source version and vm/debug.config: about 20 min the first time.
$(KERNEL_OK): vm/debug.config vm/build-kernel $(wildcard docs/upstream/6.12/*.patch) | $(OUT)/.deps-ok
	$(call msg,KERNEL,debug guest kernel (vm/build-kernel))
	$(Q)vm/build-kernel >/dev/null
	$(Q)touch $@
else
$(KERNEL_OK): | $(OUT)/.deps-ok
	$(call msg,FETCH,guest kernel ($(KERNEL)))
	$(Q)vm/fetch-kernel --kernel $(KERNEL) >/dev/null
endif

$(OUT) $(OUT)/obj $(OUT)/bpf $(OUT)/bpf/tests $(OUT)/bin $(OUT)/tests $(OUT)/module $(OUT)/module-nobtf $(OUT)/module-provoke:
	$(Q)mkdir -p $@

# --- kernel module: kbuild against the guest's headers -----------------------
# Uninitialised stack is filled with a 0xfe pattern (the kernel's
# INIT_STACK_ALL_PATTERN), not the zeros of Debian's INIT_STACK_ALL_ZERO, so
# a test sees a stack byte the module forgot to set (kbuild puts KCFLAGS last).
MODULE_KCFLAGS := -ftrivial-auto-var-init=pattern
# hello.ko's sources: one file per concern (module/main.c has the map);
# module/Kbuild lists the same objects. make install-dkms ships these.
MODULE_SRCS := $(addprefix module/,main.c seed.c verifier.c many.c detach.c status.c \
	       kfuncs.c bench.c hello.h bpf_testmod.h compat.h Kbuild)
$(MODULE): $(MODULE_SRCS) $(KERNEL_OK) | $(OUT)/module
	$(call msg,MODULE,$@)
	$(Q)cp $(MODULE_SRCS) $(OUT)/module/
	$(Q)$(KBUILD_IN) $(MAKE) -s -C $(KDIR) M=$(abspath $(OUT)/module) KCFLAGS=$(MODULE_KCFLAGS) modules >$(OUT)/module/build.log 2>&1 && ! grep -i "warning" $(OUT)/module/build.log || \
		{ cat $(OUT)/module/build.log; exit 1; }
	$(Q)readelf -SW $@ | grep -qE '\] \.BTF +PROGBITS' || \
		{ echo "error: $@ has no .BTF section (is pahole installed? is vmlinux in $(KDIR)?)"; exit 1; }

# CONFIG_DEBUG_INFO_BTF_MODULES= on the command line turns kbuild's module BTF
# step off (on 6.12 and 7.x alike): no .BTF section.
$(MODULE_NOBTF): $(MODULE_SRCS) $(KERNEL_OK) | $(OUT)/module-nobtf
	$(call msg,MODULE,$@ (no BTF))
	$(Q)cp $(MODULE_SRCS) $(OUT)/module-nobtf/
	$(Q)$(KBUILD_IN) $(MAKE) -s -C $(KDIR) M=$(abspath $(OUT)/module-nobtf) CONFIG_DEBUG_INFO_BTF_MODULES= modules \
		>$(OUT)/module-nobtf/build.log 2>&1 || { cat $(OUT)/module-nobtf/build.log; exit 1; }
	$(Q)! readelf -SW $@ | grep -qE '\] \.BTF +PROGBITS' || { echo "error: $@ has .BTF"; exit 1; }

$(MODULE_PROVOKE): $(wildcard tests/kmod/*.[ch]) tests/kmod/Kbuild $(KERNEL_OK) | $(OUT)/module-provoke
	$(call msg,MODULE,$@)
	$(Q)cp tests/kmod/*.[ch] tests/kmod/Kbuild $(OUT)/module-provoke/
	$(Q)$(KBUILD_IN) $(MAKE) -s -C $(KDIR) M=$(abspath $(OUT)/module-provoke) modules \
		>$(OUT)/module-provoke/build.log 2>&1 || { cat $(OUT)/module-provoke/build.log; exit 1; }

# --- BPF objects ----------------------------------------------------------------
$(OUT)/vmlinux.h: $(KERNEL_OK) | $(OUT)
	$(call msg,GEN,$@)
	$(Q)$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $@

# 7.x kernels embed tagged structs anonymously (struct a { struct b; }), a
# Microsoft extension the kernel is built with: its vmlinux.h needs it.
BPF_CFLAGS := -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -fms-extensions -Wno-microsoft-anon-tag -I$(OUT)

$(OUT)/bpf/%.bpf.o: bpf/%.bpf.c bpf/ops.bpf.h module/bpf_testmod.h $(OUT)/vmlinux.h | $(OUT)/bpf
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(OUT)/bpf/struct_ops_legacy.bpf.o: bpf/struct_ops.bpf.c bpf/ops.bpf.h module/bpf_testmod.h $(OUT)/vmlinux.h | $(OUT)/bpf
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -DSTRUCT_OPS_LEGACY -c $< -o $@

# make bench's scaling: the first 3, 10 or 20 of the 44 operators
$(OUT)/bpf/many_ops_%.bpf.o: bpf/many_ops.bpf.c bpf/ops.bpf.h module/bpf_testmod.h $(OUT)/vmlinux.h | $(OUT)/bpf
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -DMANY_N=$* -c $< -o $@

$(OUT)/bpf/tests/%.bpf.o: tests/bpf/%.bpf.c $(wildcard tests/bpf/*.bpf.c) bpf/ops.bpf.h module/bpf_testmod.h $(OUT)/vmlinux.h | $(OUT)/bpf/tests
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

# The clamp that clang 14 miscompiles for the verifier, built with clang 14.
$(OUT)/bpf/tests/clamp_clang14.bpf.o: tests/bpf/clamp.bpf.c bpf/ops.bpf.h module/bpf_testmod.h $(OUT)/vmlinux.h | $(OUT)/bpf/tests
	$(call msg,BPF,$@ ($(CLANG14)))
	$(Q)$(CLANG14) $(BPF_CFLAGS) -c $< -o $@

# --- the struct_ops program ------------------------------------------------------
$(OUT)/obj/%.o: src/%.c $(HDRS) $(OUT)/.deps-ok | $(OUT)/obj
	$(call msg,CC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c $< -o $@

$(OUT)/obj/embed.o: src/cmd/embed.S $(BPF_OBJS) | $(OUT)/obj
	$(call msg,AS,$@)
	$(Q)$(CC) -c $< -o $@ -DBPF_OBJ_LINK='"$(OUT)/bpf/struct_ops.bpf.o"' \
		-DBPF_OBJ_LEGACY='"$(OUT)/bpf/struct_ops_legacy.bpf.o"' \
		-DBPF_OBJ_ALT='"$(OUT)/bpf/struct_ops_alt.bpf.o"'

$(PROG): $(OBJS) $(OUT)/obj/embed.o | $(OUT)/bin
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) $^ $(LIBS) -o $@ 2>$(OUT)/obj/ld.log || { cat $(OUT)/obj/ld.log; exit 1; }

$(OUT)/obj/gen/%.o: src/gen/%.c $(wildcard src/gen/*.h) $(HDRS) $(OUT)/.deps-new-ok | $(OUT)/obj
	$(call msg,CC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -Isrc/cmd -I$(LLVM_DIR)/include -c $< -o $@

# module/compat.h and the generated code's text (src/gen/templates), linked in
$(OUT)/obj/gen/embed.o: src/gen/embed.S module/compat.h $(wildcard src/gen/templates/*.in) | $(OUT)/obj
	$(call msg,AS,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -c $< -o $@ -DCOMPAT_H='"module/compat.h"' \
		-DMODULE_C_IN='"src/gen/templates/module.c.in"' \
		-DTEST_C_IN='"src/gen/templates/test.c.in"'

# Against libclang-19's SONAME on the default search path (libclang-19-dev's
# /usr/lib/<triplet>/libclang-19.so), so with no rpath (lintian refuses one
# into /usr/lib/llvm-19/lib in a package).
$(GEN_PROG): $(GEN_OBJS) $(OUT)/obj/gen/embed.o $(OUT)/obj/cmd/new.o $(LIB_OBJS) | $(OUT)/bin
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) $^ -lclang-19 -lxxhash -lbpf -lelf -lz -o $@ \
		2>$(OUT)/obj/ld-new.log || { cat $(OUT)/obj/ld-new.log; exit 1; }

# --- tests ------------------------------------------------------------------------
UNIT_SRCS := $(wildcard tests/unit/*.c)

# the unit tests also cover new's pure part (no libclang in it)
UNIT_GEN  := src/gen/emit_util.c src/gen/template.c
UNIT_CFLAGS = $(CFLAGS) -Isrc/gen

$(UNIT): $(UNIT_SRCS) $(LIB_OBJS) $(UNIT_GEN) src/gen/gen.h src/gen/emit.h | $(OUT)/tests
	$(call msg,CC,$@)
	$(Q)$(CC) $(UNIT_CFLAGS) $(UNIT_SRCS) $(UNIT_GEN) $(LIB_OBJS) $(LDFLAGS) $(LIBS) -o $@ 2>$(OUT)/tests/ld.log || \
		{ cat $(OUT)/tests/ld.log; exit 1; }

unit: $(UNIT)
	$(Q)$(UNIT)

$(OUT)/bench/loopback: bench/src/loopback.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $< $(LDFLAGS) -lbpf -lpthread -o $@

$(OUT)/bench/reno.bpf.o: bench/bpf/reno.bpf.c $(OUT)/vmlinux.h
	$(call msg,BPF,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -c $< -o $@

$(OUT)/bench/%: bench/src/%.c
	$(call msg,CC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -O2 -g -Wall -Wextra -static $< -o $@

$(OUT)/tests/tools/%: tests/tools/%.c | $(OUT)/tests
	$(call msg,CC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -O2 -g -Wall -Wextra $< $(LIBS) -o $@

# Kits that 'struct_ops new' writes from tests/new/*.h, built as a user
# would (their own Makefile, -Werror) against the guest's kernel (so new's
# own trial build of the module is skipped: -K none); plus the
# tests' own BPF programs for them (tests/new/KIT_*.bpf.c).
NEW_DIR    := $(OUT)/new
# tests/new/real/: headers modeled on real ops tables (README there); one
# with an "expect:" line is refused by new, as tests/host/new.sh checks
NEW_REAL_H := $(wildcard tests/new/real/*.h)
NEW_REAL   := $(patsubst tests/new/real/%.h,%,$(if $(NEW_REAL_H),$(shell grep -L '^/\* expect: ' $(NEW_REAL_H))))
NEW_KITS   := $(patsubst tests/new/%.h,%,$(wildcard tests/new/*.h)) $(NEW_REAL)
NEW_BUILT  := $(foreach k,$(NEW_KITS),$(NEW_DIR)/$(k)/.built)
NEW_TEST_OBJS := $(foreach f,$(wildcard tests/new/*.bpf.c),\
	$(NEW_DIR)/$(firstword $(subst _, ,$(notdir $(f))))/build/$(notdir $(f:.c=.o)))

# tests/new/stack.h's operators take 7 and 8 arguments, which a kit's
# module builds for only where compat.h's KIT_STACK_ARGS_OK holds: 7.x, or
# the debug kernel, which carries docs/upstream/6.12/0001 and is told so.
# On stock 6.12 the refusal is the result: the build's error goes to
# NEW_DIR/stack/REFUSED (tests/guest/75-kernel-bugs.sh checks it).
NEW_KCFLAGS := -Werror $(if $(filter debug,$(KERNEL)),-DKIT_STACK_ARGS_FIXED)
NEW_REFUSED := $(if $(filter lts,$(KERNEL)),stack)
# Extra arguments for one kit's 'struct_ops new': NEW_ARGS_<kit> := -s STRUCT
# two kits, one type name (tests/guest/87-new-tool.sh)
NEW_ARGS_dupa := -s dupe_ops
NEW_ARGS_dupb := -s dupe_ops

# a header may carry its own arguments on a line "/* new: ARGS */"
.SECONDEXPANSION:
$(NEW_DIR)/%/.built: $$(firstword $$(wildcard tests/new/$$*.h tests/new/real/$$*.h)) $(GEN_PROG) $(KERNEL_OK)
	$(call msg,NEW,$(NEW_DIR)/$*)
	$(Q)rm -rf $(NEW_DIR)/$* && mkdir -p $(NEW_DIR)
	$(Q)$(GEN_PROG) -j -K none $(NEW_ARGS_$*) $$(sed -n 's|^/\* new: \(.*\) \*/$$|\1|p' $<) \
		$* $< -o $(NEW_DIR)/$* -k $(VMLINUX_BTF) >$(NEW_DIR)/$*.json || { cat $(NEW_DIR)/$*.json; exit 1; }
ifneq ($(NEW_REFUSED),)
	$(Q)if [ "$*" = $(NEW_REFUSED) ]; then \
		! $(KBUILD_IN) $(MAKE) -C $(NEW_DIR)/$* KDIR=$(abspath $(KDIR)) KCFLAGS="$(NEW_KCFLAGS)" module \
			>$(NEW_DIR)/$*.log 2>&1 || { echo "error: the $* kit built for a kernel that reads stack arguments wrong"; exit 1; }; \
		grep -m1 -o 'error: #error .*' $(NEW_DIR)/$*.log >$(NEW_DIR)/$*/REFUSED || { cat $(NEW_DIR)/$*.log; exit 1; }; \
	fi
endif
	$(Q)[ -f $(NEW_DIR)/$*/REFUSED ] || { $(KBUILD_IN) $(MAKE) -C $(NEW_DIR)/$* KDIR=$(abspath $(KDIR)) KCFLAGS="$(NEW_KCFLAGS)" module && \
	      $(MAKE) -C $(NEW_DIR)/$* VMLINUX=$(abspath $(VMLINUX_BTF)) CLANG=$(CLANG) BPFTOOL=$(BPFTOOL) bpf; } \
		>$(NEW_DIR)/$*.log 2>&1 || { cat $(NEW_DIR)/$*.log; exit 1; }
	$(Q)touch $@

$(NEW_DIR)/%.bpf.o: tests/new/$$(notdir $$*).bpf.c $$(NEW_DIR)/$$(firstword $$(subst /, ,$$*))/.built
	$(call msg,BPF,$@)
	$(Q)$(CLANG) $(BPF_CFLAGS) -I$(dir $@) -I$(dir $@)../module -c $< -o $@

test-fixtures: $(MODULE_NOBTF) $(MODULE_PROVOKE) $(TEST_BPF_OBJS) $(TEST_TOOLS) $(NEW_BUILT) $(NEW_TEST_OBJS) \
	       $(HOST_BENCH)

# --- make check: the same sources under ASan + UBSan (dynamic: ASan cannot be static)
CHECK_DIR    := $(OUT)/check
CHECK_CFLAGS := $(CFLAGS) -fsanitize=address,undefined -fno-omit-frame-pointer \
		-fno-sanitize-recover=all
CHECK_OBJS   := $(patsubst src/%.c,$(CHECK_DIR)/obj/%.o,$(SRCS))
CHECK_PROG   := $(CHECK_DIR)/struct_ops
CHECK_UNIT   := $(CHECK_DIR)/unit_tests

$(CHECK_DIR)/obj/%.o: src/%.c $(HDRS) $(OUT)/.deps-ok
	$(call msg,CC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CHECK_CFLAGS) -c $< -o $@

$(CHECK_PROG): $(CHECK_OBJS) $(OUT)/obj/embed.o
	$(call msg,LD,$@)
	$(Q)$(CC) $(CHECK_CFLAGS) $^ -lbpf -lelf -lz -o $@

$(CHECK_UNIT): $(UNIT_SRCS) $(UNIT_GEN) $(patsubst src/%.c,$(CHECK_DIR)/obj/%.o,$(wildcard src/lib/*.c))
	$(call msg,CC,$@)
	$(Q)$(CC) $(CHECK_CFLAGS) -Isrc/gen $^ -lbpf -lelf -lz -o $@

# valgrind wants a dynamic binary (static glibc's start-up confuses it)
CHECK_VG_UNIT := $(CHECK_DIR)/unit_tests_dynamic
$(CHECK_VG_UNIT): $(UNIT_SRCS) $(UNIT_GEN) $(LIB_OBJS)
	$(call msg,CC,$@)
	$(Q)$(CC) $(UNIT_CFLAGS) $^ -lbpf -lelf -lz -o $@

check: deps
	$(Q)$(MAKE) --no-print-directory check-run

check-run: $(CHECK_PROG) $(CHECK_UNIT) $(CHECK_VG_UNIT) test-fixtures
	$(Q)KERNEL=$(KERNEL) tests/run-all check

# --- make fuzz: libFuzzer targets (tests/fuzz/*.c) for every parser of
# outside data, built with clang-19 under ASan + UBSan, each run for
# FUZZ_SECONDS; make test runs a short pass (tests/fuzz/run).
FUZZ_CC      ?= clang-19
FUZZ_DIR     := $(OUT)/fuzz
FUZZ_CFLAGS  := -O1 -g -Wall -Wno-unused-parameter -Isrc/lib -Imodule \
		-fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_LIB     := $(patsubst src/%.c,$(FUZZ_DIR)/obj/%.o,$(wildcard src/lib/*.c))
FUZZ_TARGETS := $(patsubst tests/fuzz/%.c,$(FUZZ_DIR)/%,$(wildcard tests/fuzz/*.c))
FUZZ_SECONDS ?= 60

$(FUZZ_DIR)/obj/%.o: src/%.c $(HDRS) $(OUT)/.deps-ok
	$(call msg,FUZZCC,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_LIB)
	$(call msg,FUZZLD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $< $(FUZZ_LIB) -lbpf -lelf -lz -lzstd -lm -o $@

# the header reader's lexer is the generator's (src/gen), without libclang
$(FUZZ_DIR)/header: tests/fuzz/header.c tests/fuzz/fuzz.h $(FUZZ_DIR)/obj/gen/scan.o
	$(call msg,FUZZLD,$@)
	$(Q)$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc/gen -fsanitize=fuzzer $< $(FUZZ_DIR)/obj/gen/scan.o -o $@

fuzz-targets: $(FUZZ_TARGETS)

fuzz: deps
	$(Q)$(MAKE) --no-print-directory fuzz-run

fuzz-run: fuzz-targets all test-fixtures
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run-all fuzz

# The README's commands set the machine up first ('make deps'), then build
# (a sub-make, so that the build sees the installed toolchain).
test demo stress bench: deps
	$(Q)$(MAKE) --no-print-directory $@-run

test-run: all $(UNIT) test-fixtures $(CHECK_PROG) $(CHECK_UNIT) $(CHECK_VG_UNIT) fuzz-targets
	$(Q)KERNEL=$(KERNEL) tests/run-all

stress-run: all test-fixtures
	$(Q)KERNEL=$(KERNEL) tests/run-all guest stress

# (built here: vm/run's own 'make all' would want the generator's libclang)
demo-run: $(MODULE) $(BPF_OBJS) $(PROG)
	$(Q)vm/run --no-build --kernel $(KERNEL) --add demo -- demo/guest-demo

# Figures, not assertions: the guest is usually TCG, so read the ratios.
bench-run: all $(OUT)/tests/tools/jsonget test-fixtures
	$(Q)bench/run $(OUT)

# Kernel coding style of the module. checkpatch.pl ships only in the kernel
# source package (about 150 MB); tests/host/new.sh runs this and checks the
# kernel code that struct_ops new writes with it.
CHECKPATCH := $(OUT)/checkpatch/scripts/checkpatch.pl
$(CHECKPATCH):
	$(Q)test -f /usr/src/linux-source-6.12.tar.xz || \
		{ echo "error: checkpatch.pl comes with linux-source-6.12: run 'make deps' (as root) first"; exit 1; }
	$(Q)mkdir -p $(OUT)/checkpatch
	$(Q)tar -xJf /usr/src/linux-source-6.12.tar.xz -C $(OUT)/checkpatch --strip-components=1 \
		linux-source-6.12/scripts/checkpatch.pl linux-source-6.12/scripts/spelling.txt \
		linux-source-6.12/scripts/const_structs.checkpatch
# compat.h exists to tell kernel versions apart, which in-tree code never
# does: the LINUX_VERSION_CODE test is its point, not a slip.
checkpatch: $(CHECKPATCH)
	$(Q)$(CHECKPATCH) --no-tree --quiet -f $(filter-out %/Kbuild %/compat.h,$(MODULE_SRCS)) tests/kmod/*.[ch]
	$(Q)$(CHECKPATCH) --no-tree --quiet --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f module/compat.h
	$(Q)echo "checkpatch: module/ and tests/kmod/ clean"

# Build for the running kernel instead of the guest: build/host/.
host:
	$(Q)test -d $(HOST_KDIR) || { echo "error: no kernel headers in $(HOST_KDIR): install linux-headers-$$(uname -r) or pass HOST_KDIR=..."; exit 1; }
	$(Q)$(MAKE) --no-print-directory TARGET=host all

include mk/install.mk
include mk/scx.mk

clean:
	$(call msg,CLEAN,$(OUT))
	$(Q)rm -rf $(OUT)
