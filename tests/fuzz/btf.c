// SPDX-License-Identifier: GPL-2.0
/*
 * The BTF of a user's object, raw: every struct's members through the
 * walks the kit does on an object's BTF (is it an operator, its size, the
 * kernel type name of a flavored struct).
 */
#include <bpf/btf.h>

#include "fuzz.h"
#include "objtype.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct btf *btf = btf__new(data, size);
	char kname[128];
	__u32 id, n;
	int i;

	if (!btf)
		return 0;
	n = btf__type_cnt(btf);
	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const struct btf_member *m;

		if (!t || !btf_is_composite(t))
			continue;
		obj_kernel_type_name(btf__name_by_offset(btf, t->name_off) ?: "",
				     kname, sizeof(kname));
		FUZZ_CHECK(strlen(kname) < sizeof(kname));
		m = btf_members(t);
		for (i = 0; i < btf_vlen(t); i++, m++) {
			so_btf_is_operator(btf, m->type);
			btf__resolve_size(btf, m->type);
		}
	}
	btf__free(btf);
	return 0;
}
