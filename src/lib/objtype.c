// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "kbtf.h"
#include "objtype.h"
#include "registry.h"
#include "struct_ops.h"

void obj_kernel_type_name(const char *declared, char *out, size_t size)
{
	const char *flavor = strstr(declared, "___");
	size_t len = flavor ? (size_t)(flavor - declared) : strlen(declared);

	if (len >= size)
		len = size - 1;
	memcpy(out, declared, len);
	out[len] = '\0';
}

/* The struct type id of the variable that defines map in the object. */
int obj_map_struct_id(const struct btf *btf, const struct bpf_map *map)
{
	const char *name = bpf_map__name(map);
	int id, n = btf__type_cnt(btf);

	for (id = 1; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		int sid;

		if (!btf_is_var(t) || strcmp(btf__name_by_offset(btf, t->name_off), name))
			continue;
		sid = btf__resolve_type(btf, t->type);
		if (sid > 0 && btf_is_struct(btf__type_by_id(btf, sid)))
			return sid;
	}
	return -ENOENT;
}

int obj_map_type(struct bpf_object *obj, struct bpf_map *map,
		 char *declared, size_t dsize, char *kernel, size_t ksize)
{
	const struct btf *btf = bpf_object__btf(obj);
	int id = btf ? obj_map_struct_id(btf, map) : -ENOENT;

	if (id < 0)
		return id;
	snprintf(declared, dsize, "%s",
		 btf__name_by_offset(btf, btf__type_by_id(btf, id)->name_off));
	obj_kernel_type_name(declared, kernel, ksize);
	return 0;
}

static const struct btf_member *find_member(const struct btf *btf,
					    const struct btf_type *t,
					    const char *name)
{
	const struct btf_member *m = btf_members(t);
	int i;

	for (i = 0; i < btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(btf, m->name_off), name))
			return m;
	return NULL;
}

bool so_btf_is_operator(const struct btf *btf, __u32 type_id)
{
	const struct btf_type *t = btf__type_by_id(btf, btf__resolve_type(btf, type_id));

	if (!t || !btf_is_ptr(t))
		return false;
	t = btf__type_by_id(btf, btf__resolve_type(btf, t->type));
	return t && btf_is_func_proto(t);
}

static bool listed(const char *const *list, const char *name)
{
	for (; list && *list; list++)
		if (!strcmp(*list, name))
			return true;
	return false;
}

/* Stop loading the program(s) implementing member (SEC("struct_ops/member")). */
static int disable_operator(struct bpf_object *obj, const char *member)
{
	struct bpf_program *prog;
	char sec[128];
	int n = 0;

	snprintf(sec, sizeof(sec), "struct_ops/%s", member);
	bpf_object__for_each_program(prog, obj) {
		if (strcmp(bpf_program__section_name(prog), sec) &&
		    strcmp(bpf_program__name(prog), member))
			continue;
		bpf_program__set_autoload(prog, false);
		n++;
	}
	return n;
}

/* The kernel's struct type_name, from the BTF that defines it. */
const struct btf *obj_kernel_struct(const char *type_name, int *id)
{
	const struct btf *btf;
	char owner[64];

	/* the BTF that defines the struct_ops type, not any same-named struct */
	if (so_type_find(type_name, owner, sizeof(owner)))
		return NULL;
	btf = kbtf_module(owner);
	if (!btf)
		return NULL;
	*id = btf__find_by_name_kind(btf, type_name, BTF_KIND_STRUCT);
	return *id > 0 ? btf : NULL;
}

int obj_compat_adjust(struct bpf_object *obj, struct bpf_map *map,
		      const char *const *required)
{
	const struct btf *obtf = bpf_object__btf(obj);
	char declared[128], kname[128];
	const struct btf *kbtf;
	const struct btf_type *ot, *kt;
	const struct btf_member *m;
	unsigned char *data;
	size_t data_size;
	int oid, kid, i, err = 0;
	const char *const *r;

	oid = obj_map_struct_id(obtf, map);
	if (oid < 0)
		return 0;
	ot = btf__type_by_id(obtf, oid);
	snprintf(declared, sizeof(declared), "%s", btf__name_by_offset(obtf, ot->name_off));
	obj_kernel_type_name(declared, kname, sizeof(kname));
	kbtf = obj_kernel_struct(kname, &kid);
	if (!kbtf)
		return 0;	/* the caller reports a missing type */
	kt = btf__type_by_id(kbtf, kid);
	/*
	 * For a struct_ops map this is libbpf's "shadow" copy of the value:
	 * an operator's slot holds its struct bpf_program pointer.
	 */
	data = bpf_map__initial_value(map, &data_size);

	for (r = required; r && *r; r++) {
		if (!find_member(obtf, ot, *r)) {
			p_err("--require %s: %s in this object has no member %s",
			      *r, declared, *r);
			err = -EINVAL;
			goto out;
		}
	}
	m = btf_members(ot);
	for (i = 0; i < btf_vlen(ot); i++, m++) {
		const char *name = btf__name_by_offset(obtf, m->name_off);
		__u32 off = btf_member_bit_offset(ot, i) / 8;
		__s64 size = btf__resolve_size(obtf, m->type);

		if (find_member(kbtf, kt, name))
			continue;
		if (so_btf_is_operator(obtf, m->type)) {
			if (listed(required, name)) {
				p_err("operator %s is required but the running kernel's %s lacks it (module too old?): load a newer module, or drop --require %s",
				      name, kname, name);
				err = -EOPNOTSUPP;
				goto out;
			}
			/* NULL in the shadow slot: libbpf then skips the member */
			if (data && off + sizeof(void *) <= data_size)
				memset(data + off, 0, sizeof(void *));
			if (disable_operator(obj, name))
				p_warn("operator %s of %s is not in the running kernel's %s: disabled",
				       name, declared, kname);
			continue;
		}
		if (data && size > 0 && off + (size_t)size <= data_size &&
		    !mem_all_zero(data + off, size)) {
			p_err("data member %s is set in %s, but the running kernel's %s lacks it",
			      name, declared, kname);
			err = -EOPNOTSUPP;
			goto out;
		}
	}
out:
	return err;
}

long long obj_char_member_size(struct bpf_object *obj, struct bpf_map *map,
				const char *member)
{
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_member *m;
	const struct btf_type *t, *et;
	int id = btf ? obj_map_struct_id(btf, map) : -ENOENT;

	if (id < 0)
		return id;
	t = btf__type_by_id(btf, id);
	m = find_member(btf, t, member);
	if (!m)
		return -ENOENT;
	t = btf__type_by_id(btf, btf__resolve_type(btf, m->type));
	if (!t || !btf_is_array(t))
		return -EINVAL;
	et = btf__type_by_id(btf, btf__resolve_type(btf, btf_array(t)->type));
	if (!et || !btf_is_int(et) || et->size != 1)
		return -EINVAL;
	return btf_array(t)->nelems;
}

int obj_set_member(struct bpf_object *obj, struct bpf_map *map,
		   const char *member, const void *val, size_t len)
{
	const struct btf *btf = bpf_object__btf(obj);
	const struct btf_member *m;
	const struct btf_type *t;
	char declared[128];
	size_t data_size;
	unsigned char *data;
	__s64 size;
	int id, i;

	id = obj_map_struct_id(btf, map);
	if (id < 0)
		return id;
	t = btf__type_by_id(btf, id);
	snprintf(declared, sizeof(declared), "%s", btf__name_by_offset(btf, t->name_off));
	m = btf_members(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		if (strcmp(btf__name_by_offset(btf, m->name_off), member))
			continue;
		size = btf__resolve_size(btf, m->type);
		data = bpf_map__initial_value(map, &data_size);
		if (!data || size < 0 || (size_t)size < len ||
		    btf_member_bit_offset(t, i) / 8 + (size_t)size > data_size) {
			p_err("cannot set %s: the member of %s is %lld bytes",
			      member, declared, (long long)size);
			return -EINVAL;
		}
		data += btf_member_bit_offset(t, i) / 8;
		memset(data, 0, size);
		memcpy(data, val, len);
		return 0;
	}
	p_err("this object's %s has no member '%s' to set", declared, member);
	return -ENOENT;
}

/* Does an operator slot of a struct_ops map's shadow value hold prog? */
static bool map_uses_prog(const struct btf *btf, const struct bpf_map *map,
			  const struct bpf_program *prog)
{
	const struct btf_member *m;
	const struct btf_type *t;
	size_t size;
	void *data = bpf_map__initial_value((struct bpf_map *)map, &size);
	int id = obj_map_struct_id(btf, map), i;

	if (id < 0 || !data)
		return false;
	t = btf__type_by_id(btf, id);
	m = btf_members(t);
	for (i = 0; i < btf_vlen(t); i++, m++) {
		__u32 off = btf_member_bit_offset(t, i) / 8;
		const struct bpf_program *slot;

		if (!so_btf_is_operator(btf, m->type) || off + sizeof(slot) > size)
			continue;
		memcpy(&slot, (char *)data + off, sizeof(slot));
		if (slot == prog)
			return true;
	}
	return false;
}

const struct bpf_program *obj_unreferenced_prog(struct bpf_object *obj)
{
	const struct btf *btf = bpf_object__btf(obj);
	struct bpf_program *prog;
	struct bpf_map *map;

	if (!btf)
		return NULL;
	bpf_object__for_each_program(prog, obj) {
		bool used = false;

		if (bpf_program__type(prog) != BPF_PROG_TYPE_STRUCT_OPS ||
		    !bpf_program__autoload(prog))
			continue;
		bpf_object__for_each_map(map, obj)
			if (bpf_map__type(map) == BPF_MAP_TYPE_STRUCT_OPS &&
			    (used = map_uses_prog(btf, map, prog)))
				break;
		if (!used)
			return prog;
	}
	return NULL;
}
