// SPDX-License-Identifier: GPL-2.0
/*
 * The object run loads, up to the load: -o FILE or a built-in one, its
 * struct_ops map and type, and the data members -n and -f set. run.c
 * calls this twice when its first load fails (see do_run()).
 */
#include <errno.h>
#include <string.h>

#include <bpf/libbpf.h>

#include "cli.h"
#include "loader.h"
#include "objtype.h"
#include "run.h"
#include "struct_ops.h"

/* The objects built from bpf/struct_ops.bpf.c, linked in by embed.S. */
extern const char bpf_obj_link_start[], bpf_obj_link_end[];
extern const char bpf_obj_legacy_start[], bpf_obj_legacy_end[];

/* The object to load: -o FILE, or a built-in one (-L: the legacy build). */
static int open_object(const struct run_opts *o, struct loader *ld)
{
	if (o->object)
		return loader_open(ld, o->object, NULL, NULL, NULL);
	if (o->legacy)
		return loader_open(ld, NULL, "struct_ops_legacy", bpf_obj_legacy_start,
				   bpf_obj_legacy_end);
	return loader_open(ld, NULL, "struct_ops", bpf_obj_link_start,
			   bpf_obj_link_end);
}

/*
 * -n NAME fits the type's member name, a char array, with its NUL: the
 * limit is the member's size in the object's BTF (the kernel's type has
 * the same, or the load fails). 0, or -EINVAL after one error line.
 */
static int check_name(struct bpf_object *obj, struct bpf_map *map,
		      const char *declared, const char *name)
{
	long long size = obj_char_member_size(obj, map, "name");

	if (size == -ENOENT) {
		p_err("this object's %s has no member 'name' to set (-n)", declared);
		return -EINVAL;
	}
	if (size < 2) {
		p_err("cannot set name (-n): %s's member name is not a char array of 2 bytes or more",
		      declared);
		return -EINVAL;
	}
	if (!name[0] || (long long)strlen(name) >= size) {
		p_err("invalid name '%s': give 1 to %lld characters (%s's member name is char[%lld])",
		      name, size - 1, declared, size);
		return -EINVAL;
	}
	return 0;
}

/*
 * Open the object and set what the options ask for, up to the load: the
 * map, its declared and kernel type names, -n, -f. 0, or the exit status
 * after one error line.
 */
int run_prepare(const struct run_opts *o, struct loader *ld, struct bpf_map **mapp,
		char declared[128], char type[128])
{
	struct bpf_object *obj;
	struct bpf_map *map;

	if (open_object(o, ld))
		return EXIT_FAIL;
	obj = ld->obj;
	map = loader_ops_map(obj);
	if (!map) {
		p_err("the BPF object has no struct_ops map: declare one in SEC(\".struct_ops.link\")");
		return EXIT_FAIL;
	}
	if (obj_map_type(obj, map, declared, 128, type, 128)) {
		p_err("cannot find the type of map '%s' in the object's BTF (built without -g?)",
		      bpf_map__name(map));
		return EXIT_FAIL;
	}
	if (o->name && check_name(obj, map, declared, o->name))
		return EXIT_USAGE;
	if (o->name && obj_set_member(obj, map, "name", o->name, strlen(o->name)))
		return EXIT_FAIL;
	if (o->has_flags) {
		unsigned int flags = o->flags;

		if (obj_set_member(obj, map, "flags", &flags, sizeof(flags)))
			return EXIT_FAIL;
	}
	*mapp = map;
	return 0;
}
