// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops types: the struct_ops types the running kernel offers (every
 * bpf_struct_ops_<type> value type in vmlinux and module BTF) with their
 * members; given an object file, whether each of its struct_ops maps
 * matches the kernel's type member by member, the way libbpf will match it
 * at load (by name; then kind; operators to operators; data sizes equal;
 * members the kernel lacks only if zero), naming the first mismatch.
 */
#include <dirent.h>
#include <unistd.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "cli.h"
#include "explain.h"
#include "json.h"
#include "kbtf.h"
#include "loader.h"
#include "objcheck.h"
#include "objtype.h"
#include "struct_ops.h"

#define BTF_DIR		"/sys/kernel/btf"
#define VALUE_PREFIX	"bpf_struct_ops_"

static int do_types(int argc, char **argv);

const struct cli_cmd cmd_types = {
	.name = "types",
	.summary = "struct_ops types the kernel offers; does an object match?",
	.synopsis = "[OBJECT]",
	.descr =
		"Without OBJECT: the struct_ops types the running kernel offers, from\n"
		"vmlinux and every module's BTF, with their members (operator or data,\n"
		"size). With OBJECT (a BPF object file): for each struct_ops map in it,\n"
		"check member by member that it matches the kernel's type the way libbpf\n"
		"will match it when loading, and name the first mismatch. Nothing is\n"
		"loaded. Exit status 1 if a map does not match.",
	.max_args = 1,
	.main = do_types,
};

static const struct btf_type *resolved(const struct btf *btf, __u32 id)
{
	int rid = btf__resolve_type(btf, id);

	return rid < 0 ? NULL : btf__type_by_id(btf, rid);
}

static const char *kind_name(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = resolved(btf, id);

	if (!t)
		return "unknown";
	if (so_btf_is_operator(btf, id))
		return "operator";
	switch (btf_kind(t)) {
	case BTF_KIND_INT:
		return "int";
	case BTF_KIND_PTR:
		return "pointer";
	case BTF_KIND_ARRAY:
		return "array";
	case BTF_KIND_STRUCT:
		return "struct";
	case BTF_KIND_UNION:
		return "union";
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return "enum";
	}
	return "other";
}

static void show_type(struct json *j, const struct btf *btf, int id,
		      const char *type, const char *owner)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const struct btf_member *m = btf_members(t);
	int i;

	if (g_opts.json) {
		json_begin_object(j);
		json_kv_string(j, "type", type);
		json_kv_string(j, "btf", owner);
		json_key(j, "members");
		json_begin_array(j);
	} else {
		printf("%s (%s): %d members\n", type, owner, btf_vlen(t));
	}
	for (i = 0; i < btf_vlen(t); i++, m++) {
		const char *name = btf__name_by_offset(btf, m->name_off);
		__s64 size = btf__resolve_size(btf, m->type);

		if (g_opts.json) {
			json_begin_object(j);
			json_kv_string(j, "name", name);
			json_kv_string(j, "kind", kind_name(btf, m->type));
			json_kv_int(j, "size", size);
			json_kv_uint(j, "offset", btf_member_bit_offset(t, i) / 8);
			json_end_object(j);
		} else {
			printf("  %-20s %-9s %lld bytes at %u\n", name,
			       kind_name(btf, m->type), (long long)size,
			       btf_member_bit_offset(t, i) / 8);
		}
	}
	if (g_opts.json) {
		json_end_array(j);
		json_end_object(j);
	}
}

/* Every bpf_struct_ops_<type> in btf (ids from first): show <type>. */
static int show_btf_types(struct json *j, const struct btf *btf, int first,
			  const char *owner)
{
	int id, n = btf__type_cnt(btf), shown = 0;

	for (id = first; id < n; id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *name = btf__name_by_offset(btf, t->name_off);
		int tid;

		if (!btf_is_struct(t) || strncmp(name, VALUE_PREFIX, strlen(VALUE_PREFIX)))
			continue;
		name += strlen(VALUE_PREFIX);
		tid = btf__find_by_name_kind(btf, name, BTF_KIND_STRUCT);
		if (tid <= 0)
			continue;
		show_type(j, btf, tid, name, owner);
		shown++;
	}
	return shown;
}

struct list_ctx {
	struct json j;
	int shown;
};

/* A module's split BTF starts where vmlinux's ends: show only its own. */
static int list_btf(const struct btf *btf, const char *owner, void *ctx)
{
	struct list_ctx *l = ctx;
	const struct btf *vmlinux = kbtf_vmlinux();
	int first = btf == vmlinux ? 1 : btf__type_cnt(vmlinux);

	l->shown += show_btf_types(&l->j, btf, first, owner);
	return 0;
}

static int list_types(void)
{
	struct list_ctx l = {};
	int err;

	if (!kbtf_vmlinux()) {
		p_err("cannot read the kernel's BTF (" BTF_DIR "/vmlinux): %s (a kernel without BTF has no struct_ops)",
		      strerror(errno));
		return EXIT_FAIL;
	}
	if (g_opts.json) {
		json_init(&l.j, out_json(), g_opts.pretty);
		json_begin_array(&l.j);
	}
	err = kbtf_for_each(list_btf, &l);
	if (err < 0) {
		p_err("reading the kernel's BTF failed: %s", strerror(-err));
		return EXIT_FAIL;
	}
	if (g_opts.json) {
		json_end_array(&l.j);
		json_finish(&l.j);
	} else if (!l.shown) {
		printf("no struct_ops types in this kernel's BTF\n");
	}
	return EXIT_OK;
}

/*
 * Compare one struct_ops map of the object with the kernel's type. Writes
 * the first mismatch into why; returns 1 if they match, 0 if not, -errno.
 */
static int match_map(struct json *j, struct bpf_object *obj, struct bpf_map *map,
		     char *why, size_t why_size)
{
	const struct btf *obtf = bpf_object__btf(obj);
	char declared[128], kname[128];
	const struct btf *kbtf;
	const struct btf_type *ot, *kt;
	const struct btf_member *m;
	unsigned char *shadow;
	size_t shadow_size;
	int oid, kid, i, ok = 1;

	oid = obj_map_struct_id(obtf, map);
	if (oid < 0 || obj_map_type(obj, map, declared, sizeof(declared), kname, sizeof(kname)))
		return -ENOENT;
	ot = btf__type_by_id(obtf, oid);
	kbtf = obj_kernel_struct(kname, &kid);
	if (!kbtf) {
		snprintf(why, why_size, "map '%s': the kernel offers no struct_ops type %s",
			 bpf_map__name(map), kname);
		return 0;
	}
	kt = btf__type_by_id(kbtf, kid);
	shadow = bpf_map__initial_value(map, &shadow_size);
	if (g_opts.json) {
		json_begin_object(j);
		json_kv_string(j, "map", bpf_map__name(map));
		json_kv_string(j, "declared_type", declared);
		json_kv_string(j, "kernel_type", kname);
		json_key(j, "members");
		json_begin_array(j);
	} else {
		printf("map '%s': %s -> kernel %s\n", bpf_map__name(map), declared, kname);
	}
	m = btf_members(ot);
	for (i = 0; i < btf_vlen(ot); i++, m++) {
		const char *name = btf__name_by_offset(obtf, m->name_off);
		const struct btf_member *km = btf_members(kt);
		__u32 off = btf_member_bit_offset(ot, i) / 8;
		__s64 size = btf__resolve_size(obtf, m->type);
		char verdict[256] = "ok";
		int k, found = -1;

		for (k = 0; k < btf_vlen(kt); k++, km++)
			if (!strcmp(btf__name_by_offset(kbtf, km->name_off), name)) {
				found = k;
				break;
			}
		if (found < 0) {
			bool zero = !shadow || size <= 0 || off + (size_t)size > shadow_size ||
				    mem_all_zero(shadow + off, size);

			if (zero)
				snprintf(verdict, sizeof(verdict),
					 "skipped: not in the kernel's type, and unset");
			else
				snprintf(verdict, sizeof(verdict),
					 "MISMATCH: set, but the kernel's %s has no member %s",
					 kname, name);
		} else if (!resolved(obtf, m->type) || !resolved(kbtf, km->type)) {
			snprintf(verdict, sizeof(verdict),
				 "MISMATCH: its type cannot be resolved in the %s's BTF (a chain of more than 32 typedefs or modifiers, or a loop?)",
				 resolved(obtf, m->type) ? "kernel" : "object");
		} else if (so_btf_is_operator(obtf, m->type) != so_btf_is_operator(kbtf, km->type)) {
			snprintf(verdict, sizeof(verdict),
				 "MISMATCH: %s in the object, %s in the kernel",
				 kind_name(obtf, m->type), kind_name(kbtf, km->type));
		} else if (!so_btf_is_operator(obtf, m->type) &&
			   btf_kind(resolved(obtf, m->type)) != btf_kind(resolved(kbtf, km->type))) {
			snprintf(verdict, sizeof(verdict),
				 "MISMATCH: %s in the object, %s in the kernel",
				 kind_name(obtf, m->type), kind_name(kbtf, km->type));
		} else if (!so_btf_is_operator(obtf, m->type) &&
			   size != btf__resolve_size(kbtf, km->type)) {
			snprintf(verdict, sizeof(verdict),
				 "MISMATCH: %lld bytes in the object, %lld in the kernel",
				 (long long)size, (long long)btf__resolve_size(kbtf, km->type));
		}
		if (!strncmp(verdict, "MISMATCH", 8) && ok) {
			ok = 0;
			snprintf(why, why_size, "map '%s' (%s): member %s: %s",
				 bpf_map__name(map), declared, name, verdict + 10);
		}
		if (g_opts.json) {
			json_begin_object(j);
			json_kv_string(j, "name", name);
			json_kv_string(j, "verdict", verdict);
			json_end_object(j);
		} else {
			printf("  %-20s %s\n", name, verdict);
		}
	}
	if (g_opts.json) {
		json_end_array(j);
		json_kv_bool(j, "matches", ok);
		json_end_object(j);
	}
	return ok;
}

static int match_object(const char *path)
{
	const struct bpf_program *prog;
	struct bpf_object *obj;
	struct bpf_map *map;
	char why[768] = "";
	int maps = 0, bad = 0, r;
	struct json j;

	if (objcheck_file(path) == -EINVAL)
		return EXIT_FAIL;
	obj = bpf_object__open_file(path, NULL);
	if (!obj) {
		loader_open_error(path, -errno);
		return EXIT_FAIL;
	}
	if (g_opts.json) {
		json_init(&j, out_json(), g_opts.pretty);
		json_begin_array(&j);
	}
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__type(map) != BPF_MAP_TYPE_STRUCT_OPS)
			continue;
		maps++;
		r = match_map(&j, obj, map, why, sizeof(why));
		if (r <= 0)
			bad++;
	}
	if (g_opts.json) {
		json_end_array(&j);
		json_finish(&j);
	}
	prog = obj_unreferenced_prog(obj);
	if (prog && !bad) {
		explain_unreferenced_prog(why, sizeof(why), bpf_program__name(prog),
					  bpf_program__section_name(prog));
		bad++;
	}
	bpf_object__close(obj);
	if (!maps) {
		p_err("%s has no struct_ops map", path);
		return EXIT_FAIL;
	}
	if (bad) {
		p_err("%s", why[0] ? why : "a map's type could not be read");
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static int do_types(int argc, char **argv)
{
	int first, r;

	r = cli_parse(&cmd_types, argc, argv, NULL, &first);
	if (r != CLI_GO)
		return r;
	return first < argc ? match_object(argv[first]) : list_types();
}
