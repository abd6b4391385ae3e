// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops swap: replace the implementation behind a struct_ops link with
 * another one, atomically (BPF_LINK_UPDATE, which runs the type's .update).
 * Triggers running meanwhile see the old implementation or the new one,
 * never none. With -c N it swaps N times between the new object and the
 * built-in seed implementation.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "cli.h"
#include "json.h"
#include "kbtf.h"
#include "loader.h"
#include "objtype.h"
#include "pins.h"
#include "registry.h"
#include "struct_ops.h"

extern const char bpf_obj_link_start[], bpf_obj_link_end[];
extern const char bpf_obj_alt_start[], bpf_obj_alt_end[];

#define MAX_SWAPS 10000000UL

struct impl {
	struct loader ld;
	struct bpf_map *map;
	char name[32];
	__u32 map_id;
};

struct swap_opts {
	const char *object;
	unsigned long count;
};

static int swap_opt(void *ctx, int key, const char *arg)
{
	struct swap_opts *o = ctx;

	if (key == 'o') {
		o->object = arg;
		return 0;
	}
	if (parse_count(arg, "count", MAX_SWAPS, &o->count))
		return EXIT_USAGE;
	return 0;
}

static int do_swap(int argc, char **argv);

const struct cli_cmd cmd_swap = {
	.name = "swap",
	.summary = "replace the implementation behind a link, atomically",
	.synopsis = "[PIN_PATH | link LINK_ID]",
	.descr =
		"Load OBJECT (default: the built-in alternative implementation, whose\n"
		"test_1 returns 43) and switch the struct_ops link to it in one step\n"
		"(BPF_LINK_UPDATE): the link pinned at PIN_PATH, the link LINK_ID, or by\n"
		"default the link through which " OPS_TYPE " is registered. A link of\n"
		"another struct_ops type (one of a 'struct_ops new' kit, say) switches to\n"
		"OBJECT's map of that type. The old implementation keeps serving until\n"
		"the switch; no trigger finds none. The link's holder keeps it; the new\n"
		"map lives as long as the link.",
	.opts = (const struct cli_opt[]){
		{ 'o', "object", "FILE", "the implementation to switch to" },
		{ 'c', "count", "COUNT", "switch COUNT times, alternating between OBJECT and\n"
					 "the built-in seed implementation (odd COUNT ends\n"
					 "on OBJECT), and report the time per switch" },
		{}
	},
	.max_args = 2,
	.opt = swap_opt,
	.main = do_swap,
};

/*
 * The value the kernel expects in a struct_ops map update: the kernel's
 * bpf_struct_ops_<type>, with program fds in the operator slots and the
 * data members copied from the object, by member name.
 */
static void *kernel_value(struct bpf_object *obj, struct bpf_map *map,
			  const char *type, __u32 *size)
{
	char owner[64], vname[160], declared[128], kname[128];
	const struct btf *kbtf;
	const struct btf *obtf = bpf_object__btf(obj);
	const struct btf_type *vt, *kt, *ot = NULL;
	const struct btf_member *m;
	struct bpf_program *prog;
	unsigned char *value = NULL, *shadow;
	size_t shadow_size;
	__u32 data_off = 0;
	int vid, i, j;

	if (so_type_find(type, owner, sizeof(owner)))
		goto fail;
	kbtf = kbtf_module(owner);
	if (!kbtf)
		goto fail;
	snprintf(vname, sizeof(vname), "bpf_struct_ops_%s", type);
	vid = btf__find_by_name_kind(kbtf, vname, BTF_KIND_STRUCT);
	if (vid <= 0)
		goto fail;
	vt = btf__type_by_id(kbtf, vid);
	kt = NULL;
	m = btf_members(vt);
	for (i = 0; i < btf_vlen(vt); i++, m++) {
		if (strcmp(btf__name_by_offset(kbtf, m->name_off), "data"))
			continue;
		data_off = btf_member_bit_offset(vt, i) / 8;
		kt = btf__type_by_id(kbtf, btf__resolve_type(kbtf, m->type));
	}
	if (!kt || obj_map_type(obj, map, declared, sizeof(declared), kname, sizeof(kname)))
		goto fail;
	for (i = 1; i < (int)btf__type_cnt(obtf) && !ot; i++) {
		const struct btf_type *t = btf__type_by_id(obtf, i);

		if (btf_is_struct(t) && !strcmp(btf__name_by_offset(obtf, t->name_off), declared))
			ot = t;
	}
	shadow = bpf_map__initial_value(map, &shadow_size);
	value = calloc(1, vt->size);
	if (!value || !ot || !shadow)
		goto fail;

	m = btf_members(kt);
	for (i = 0; i < btf_vlen(kt); i++, m++) {
		const char *name = btf__name_by_offset(kbtf, m->name_off);
		__u32 koff = data_off + btf_member_bit_offset(kt, i) / 8;
		const struct btf_type *mt = btf__type_by_id(kbtf, btf__resolve_type(kbtf, m->type));
		const struct btf_member *om = btf_members(ot);

		if (btf_is_ptr(mt)) {
			/* libbpf records the kernel member index of each operator */
			bpf_object__for_each_program(prog, obj) {
				if (bpf_program__autoload(prog) &&
				    bpf_program__fd(prog) >= 0 &&
				    (int)bpf_program__expected_attach_type(prog) == i)
					*(__u64 *)(value + koff) = bpf_program__fd(prog);
			}
			continue;
		}
		for (j = 0; j < btf_vlen(ot); j++, om++) {
			__s64 sz = btf__resolve_size(kbtf, m->type);
			__u32 ooff = btf_member_bit_offset(ot, j) / 8;

			if (strcmp(btf__name_by_offset(obtf, om->name_off), name) || sz <= 0 ||
			    ooff + (size_t)sz > shadow_size || koff + sz > vt->size)
				continue;
			memcpy(value + koff, shadow + ooff, sz);
		}
	}
	*size = vt->size;
	return value;
fail:
	free(value);
	return NULL;
}

static int prepare(struct impl *im, const char *path, const char *start,
		   const char *end, const char *type)
{
	char declared[128], kname[128];
	__u32 key = 0, size;
	void *value;
	int err;

	err = loader_open(&im->ld, path, "swap", start, end);
	if (err)
		return err;
	im->map = loader_ops_map(im->ld.obj);
	if (!im->map || obj_map_type(im->ld.obj, im->map, declared, sizeof(declared),
				      kname, sizeof(kname)) || strcmp(kname, type)) {
		p_err("%s has no %s map to swap in", path ? path : "the built-in object", type);
		return -EINVAL;
	}
	if (!(bpf_map__map_flags(im->map) & BPF_F_LINK)) {
		p_err("%s's map is legacy (.struct_ops): only a .struct_ops.link map can replace a link's",
		      path ? path : "the object");
		return -EINVAL;
	}
	err = obj_compat_adjust(im->ld.obj, im->map, NULL);
	if (err)
		return err;
	err = loader_load(&im->ld);
	if (err)
		return err;
	value = kernel_value(im->ld.obj, im->map, type, &size);
	if (!value) {
		p_err("cannot build the kernel's value of %s from the object", type);
		return -EINVAL;
	}
	/* makes the map ready to attach (the module's .validate runs here) */
	err = bpf_map_update_elem(bpf_map__fd(im->map), &key, value, 0);
	free(value);
	if (err) {
		err = -errno;
		p_err("the kernel refused the new value of %s: %s", type, strerror(errno));
		return err;
	}
	im->map_id = loader_map_id(bpf_map__fd(im->map));
	snprintf(im->name, sizeof(im->name), "%s", bpf_map__name(im->map));
	return 0;
}

/* PIN_PATH, 'link LINK_ID' or nothing: one error line if not. */
/* Which link to update: a pin, a link id, or (neither) the registered one. */
struct swap_target {
	const char *pin;
	unsigned long link_id;	/* 0: not given by id */
};

static int parse_target(int argc, char **argv, struct swap_target *t)
{
	if (argc == 2 && !strcmp(argv[0], "link"))
		return parse_count(argv[1], "link id", 0xffffffffUL, &t->link_id);
	if (argc > 1) {
		p_err("swap takes PIN_PATH or 'link LINK_ID' (see '%s swap -h')", PROG_NAME);
		return -EINVAL;
	}
	t->pin = argc ? argv[0] : NULL;
	return 0;
}

/* The registered implementation's link, when no target is given. */
static int registered_link(void)
{
	struct so_map_list maps;
	const struct so_map *m;
	int fd = -1;

	if (so_maps_read(&maps))
		return -1;
	m = so_maps_find_registered(&maps, OPS_TYPE);
	if (!m)
		p_err("no %s implementation is registered: nothing to swap", OPS_TYPE);
	else if (!m->link_mode)
		p_err("map %u is registered without a link (legacy): there is no link to update",
		      m->id);
	else
		fd = bpf_link_get_fd_by_id(m->link_id);
	so_maps_free(&maps);
	return fd;
}

static int find_link(const struct swap_target *t, __u32 *link_id)
{
	struct holder_fdinfo info;
	int fd;

	if (t->link_id) {
		fd = bpf_link_get_fd_by_id(t->link_id);
		if (fd < 0)
			p_err("no link with id %lu: %s", t->link_id, strerror(errno));
	} else if (t->pin) {
		fd = bpf_obj_get(t->pin);
		if (fd < 0)
			p_err("cannot open pin %s: %s", t->pin, strerror(errno));
	} else {
		fd = registered_link();
	}
	if (fd < 0)
		return -ENOENT;
	if (holder_describe_fd(fd, &info) || info.kind != BPF_FD_LINK ||
	    strcmp(info.link_type, "struct_ops")) {
		if (t->pin)
			p_err("%s is not a pinned struct_ops link: give the pin of one ('%s list' shows them)",
			      t->pin, PROG_NAME);
		else
			p_err("link %u is not a struct_ops link: give the id of one ('%s list' shows them)",
			      t->link_id ? (__u32)t->link_id : info.link_id, PROG_NAME);
		close(fd);
		return -EINVAL;
	}
	*link_id = info.link_id;
	return fd;
}

/*
 * The struct_ops type behind link_id (the type of the map it runs), so
 * that a link of any type can be swapped; OPS_TYPE if it has no map now.
 */
static void link_type(__u32 link_id, char *type, size_t size)
{
	struct so_map_list maps;
	size_t i;

	snprintf(type, size, "%s", OPS_TYPE);
	if (so_maps_read(&maps))
		return;
	for (i = 0; i < maps.n; i++)
		if (maps.maps[i].link_id == link_id)
			snprintf(type, size, "%s", maps.maps[i].type);
	so_maps_free(&maps);
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int do_swap(int argc, char **argv)
{
	struct swap_opts o = { .count = 1 };
	struct swap_target target = {};
	char type[128] = OPS_TYPE;
	struct impl impl[2] = {};
	int first, link_fd, ret;
	unsigned long count, i;
	double t0, elapsed;
	__u32 link_id = 0;
	struct json j;

	ret = cli_parse(&cmd_swap, argc, argv, &o, &first);
	if (ret != CLI_GO)
		return ret;
	ret = EXIT_FAIL;
	count = o.count;
	if (parse_target(argc - first, argv + first, &target))
		return EXIT_USAGE;
	/* a wrong pin or id is said at once, not after the slow load */
	if (target.pin || target.link_id) {
		link_fd = find_link(&target, &link_id);
		if (link_fd < 0)
			return EXIT_FAIL;
		close(link_fd);
		link_type(link_id, type, sizeof(type));
	}
	/* the built-in objects implement OPS_TYPE only */
	if (strcmp(type, OPS_TYPE) && !o.object) {
		p_err("link %u runs %s: give the implementation to switch to with -o OBJECT",
		      link_id, type);
		return EXIT_USAGE;
	}
	if (strcmp(type, OPS_TYPE) && count > 1) {
		p_err("-c alternates with the built-in %s implementation: for a %s link, swap once per run",
		      OPS_TYPE, type);
		return EXIT_USAGE;
	}
	/*
	 * Load first, open the link last: loading is the slow part, and the
	 * link may lose its map meanwhile (a kernel detach) without failing a
	 * swap that has not begun.
	 */
	link_fd = -1;
	if (prepare(&impl[0], o.object, bpf_obj_alt_start, bpf_obj_alt_end, type))
		goto out;
	if (count > 1 &&
	    prepare(&impl[1], NULL, bpf_obj_link_start, bpf_obj_link_end, type))
		goto out;
	link_fd = find_link(&target, &link_id);
	if (link_fd < 0)
		goto out;

	t0 = now_us();
	for (i = 0; i < count; i++) {
		struct impl *to = &impl[i % 2];

		if (bpf_link_update(link_fd, bpf_map__fd(to->map), NULL)) {
			p_err("switching link %u to map %u failed after %lu switch%s: %s%s",
			      link_id, to->map_id, i, i == 1 ? "" : "es", strerror(errno),
			      errno == ENOLINK ? " (the link was detached)" :
			      errno == EOPNOTSUPP ? " (the type has no .update)" :
			      errno == EBUSY ? " (the module is detaching the current implementation itself; see 'struct_ops status')" : "");
			goto out;
		}
	}
	elapsed = now_us() - t0;
	if (g_opts.json) {
		json_init(&j, out_json(), g_opts.pretty);
		json_begin_object(&j);
		json_kv_uint(&j, "link_id", link_id);
		json_kv_uint(&j, "map_id", impl[(count - 1) % 2].map_id);
		json_kv_string(&j, "name", impl[(count - 1) % 2].name);
		json_kv_uint(&j, "swaps", count);
		json_key(&j, "us_per_swap");
		json_double(&j, elapsed / count, 1);
		json_end_object(&j);
		json_finish(&j);
	} else {
		p_info("link %u now runs map %u '%s' (%lu switch%s, %.1f us each)",
		       link_id, impl[(count - 1) % 2].map_id,
		       impl[(count - 1) % 2].name, count, count == 1 ? "" : "es",
		       elapsed / count);
	}
	ret = EXIT_OK;
out:
	loader_close(&impl[0].ld);
	loader_close(&impl[1].ld);
	if (link_fd >= 0)
		close(link_fd);
	return ret;
}
