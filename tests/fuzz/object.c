// SPDX-License-Identifier: GPL-2.0
/*
 * A user's BPF object file, as run -o and types take it: libbpf opens it,
 * then the kit finds each struct_ops map's declared type, sets a data
 * member and matches the type against the running kernel's (the host's
 * vmlinux BTF: tcp_congestion_ops seeds get that far). Nothing is loaded.
 * The kit's own check of the ELF file (objcheck_mem) runs first, as it
 * does before every open; a crash past it is a crash struct_ops would
 * have.
 */
#include <bpf/libbpf.h>

#include "fuzz.h"
#include "objcheck.h"
#include "objtype.h"
#include "struct_ops.h"

static int quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char declared[128], kernel[128], why[256];
	struct bpf_object *obj;
	struct bpf_map *map;

	libbpf_set_print(quiet);
	g_opts.quiet = true;
	g_opts.json = true;	/* errors are kept, not printed */
	/* what the kit refuses never reaches libbpf (objcheck.c) */
	if (objcheck_mem(data, size, why, sizeof(why)))
		return 0;
	obj = bpf_object__open_mem(data, size, NULL);
	if (!obj)
		return 0;
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		if (obj_map_type(obj, map, declared, sizeof(declared), kernel,
				 sizeof(kernel)))
			continue;
		FUZZ_CHECK(strlen(declared) < sizeof(declared));
		obj_set_member(obj, map, "name", "fuzz", 5);
		obj_compat_adjust(obj, map, NULL);
	}
	bpf_object__close(obj);
	return 0;
}
