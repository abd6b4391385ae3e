// SPDX-License-Identifier: GPL-2.0
/* The wording of the causes and fixes the program prints. */
#include <errno.h>

#include "explain.h"
#include "unit.h"

static const struct so_map link_map = {
	.id = 12, .name = "testmod_ops", .type = "bpf_testmod_ops",
	.link_mode = true, .link_id = 7, .registered = true,
};

static const struct so_map legacy_map = {
	.id = 5, .name = "testmod_ops", .type = "bpf_testmod_ops",
	.link_mode = false, .state = SO_STATE_INUSE, .registered = true,
};

static void busy_with_holder(void)
{
	char buf[512];

	explain_busy(buf, sizeof(buf), "bpf_testmod_ops", &link_map,
		     "101 (struct_ops)", 1, 101, NULL);
	CHECK_STR(buf, "bpf_testmod_ops already has an implementation: map 12 'testmod_ops', link 7, held by process 101 (struct_ops); stop it first (kill 101)");
	explain_busy(buf, sizeof(buf), "bpf_testmod_ops", &link_map,
		     "101 (struct_ops), 202 (bpftool)", 2, 101, NULL);
	CHECK_CONTAINS(buf, "held by processes 101 (struct_ops), 202 (bpftool)");
}

static void busy_orphans(void)
{
	char buf[512];

	explain_busy(buf, sizeof(buf), "bpf_testmod_ops", &legacy_map, "", 0, 0, NULL);
	CHECK_CONTAINS(buf, "map 5 'testmod_ops', registered without a link and held by no process");
	CHECK_CONTAINS(buf, "remove it with 'struct_ops repair 5'");
	explain_busy(buf, sizeof(buf), "bpf_testmod_ops", &legacy_map, "", 0, 0,
		     "/sys/fs/bpf/keep");
	CHECK_CONTAINS(buf, "registered without a link and pinned at /sys/fs/bpf/keep; remove the pin, then 'struct_ops repair 5'");
	explain_busy(buf, sizeof(buf), "bpf_testmod_ops", &link_map, "", 0, 0, NULL);
	CHECK_CONTAINS(buf, "held by no process (a link pinned in bpffs?)");
	CHECK_CONTAINS(buf, "detach it with 'struct_ops detach link 7'");
}

static void missing_type(void)
{
	char buf[512];

	explain_missing_type(buf, sizeof(buf), "bpf_testmod_ops", "hello",
			     ABSENT_MODULE_NOT_LOADED);
	CHECK_STR(buf, "struct_ops type bpf_testmod_ops is not in the kernel: module hello is not loaded; load it with 'insmod hello.ko'");
	explain_missing_type(buf, sizeof(buf), "bpf_testmod_ops", "hello",
			     ABSENT_MODULE_NO_BTF);
	CHECK_CONTAINS(buf, "module hello is loaded but has no BTF (/sys/kernel/btf/hello is missing)");
	explain_missing_type(buf, sizeof(buf), "bpf_testmod_ops", "hello",
			     ABSENT_NO_KERNEL_BTF);
	CHECK_CONTAINS(buf, "CONFIG_DEBUG_INFO_BTF=y");
	explain_missing_type(buf, sizeof(buf), "bpf_testmod_ops", "hello",
			     ABSENT_MODULE_NO_TYPE);
	CHECK_CONTAINS(buf, "defines no struct_ops type bpf_testmod_ops");
	explain_missing_type(buf, sizeof(buf), "bpf_testmod_ops", "hello",
			     ABSENT_NO_MODULES);
	CHECK_CONTAINS(buf, "this kernel cannot load modules (no /proc/modules: CONFIG_MODULES is off)");
}

static void attach_and_load_errors(void)
{
	char buf[512];

	explain_attach_error(buf, sizeof(buf), "bpf_testmod_ops", "hello", -EEXIST, NULL);
	CHECK_CONTAINS(buf, "already has an implementation (EEXIST");
	explain_attach_error(buf, sizeof(buf), "bpf_testmod_ops", "hello", -EINVAL, NULL);
	CHECK_CONTAINS(buf, "needs at least test_1");
	/* another type: the module's own line, else no seed-specific text */
	explain_attach_error(buf, sizeof(buf), "hid_bpf_ops", "hidbpf", -EINVAL,
			     "hidbpf: rejecting implementation: flags: unknown bits 0x1");
	CHECK_STR(buf, "the module refused the implementation (EINVAL): hidbpf: rejecting implementation: flags: unknown bits 0x1");
	explain_attach_error(buf, sizeof(buf), "hid_bpf_ops", "hidbpf", -EINVAL, "");
	CHECK_STR(buf, "module hidbpf refused the implementation of hid_bpf_ops (EINVAL) and logged no reason: a data member's value or a missing required operator? (its .init_member and .validate decide)");
	explain_attach_error(buf, sizeof(buf), "tcp_congestion_ops", "vmlinux", -EINVAL, NULL);
	CHECK_CONTAINS(buf, "the kernel refused the implementation of tcp_congestion_ops (EINVAL)");
	CHECK(!strstr(buf, "test_1"), "%s", buf);
	explain_attach_error(buf, sizeof(buf), "bpf_testmod_ops", "hello", -EPERM, NULL);
	CHECK_CONTAINS(buf, "run as root");
	explain_unreferenced_prog(buf, sizeof(buf), "tk_spare", "struct_ops/spare");
	CHECK_STR(buf, "program 'tk_spare' (SEC(\"struct_ops/spare\")) is in no struct_ops map's value, so libbpf refuses to load the object (\"isn't referenced anywhere\"): add it to the map's value (.spare = (void *)tk_spare), or remove it, or mark it SEC(\"?struct_ops/spare\") so that libbpf does not load it");
	explain_unreferenced_prog(buf, sizeof(buf), "sl", "struct_ops.s/reclaim");
	CHECK_CONTAINS(buf, "SEC(\"?struct_ops.s/reclaim\")");
	explain_load_error(buf, sizeof(buf), "test_3", -EACCES, NULL);
	CHECK_STR(buf, "the verifier rejected program 'test_3' (Permission denied); the end of its log follows (-v shows all of it)");
	explain_load_error(buf, sizeof(buf), "test_4", -EACCES,
			   "R1 invalid mem access 'trusted_ptr_or_null_'");
	CHECK_STR(buf, "the verifier rejected program 'test_4' (Permission denied): it dereferences a pointer that may be NULL (a __nullable argument) without checking it first; the end of its log follows (-v shows all of it)");
	explain_load_error(buf, sizeof(buf), "test_3", -EACCES,
			   "R2 min value is negative, either use unsigned or 'var &= const'");
	CHECK_CONTAINS(buf, "a size or index may be negative");
	explain_load_error(buf, sizeof(buf), "test_3", -EACCES, "something new");
	CHECK_CONTAINS(buf, "(Permission denied); the end");
	explain_load_error(buf, sizeof(buf), NULL, -ENOENT, NULL);
	CHECK_CONTAINS(buf, "loading the BPF object failed: No such file or directory");
	CHECK(explain_verifier_verdict(NULL) == NULL, "NULL verdict explained");
	/* a message longer than the buffer is cut, not overflowed */
	explain_load_error(buf, 16, "test_3", -EACCES, NULL);
	CHECK_INT(strlen(buf), 15);
}

const struct unit_test explain_tests[] = {
	{ "message: busy, naming the holder", busy_with_holder },
	{ "message: busy, no holder (legacy or pinned)", busy_orphans },
	{ "message: type missing, each cause", missing_type },
	{ "message: attach and load errors", attach_and_load_errors },
	{}
};
