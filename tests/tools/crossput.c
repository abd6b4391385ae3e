// SPDX-License-Identifier: GPL-2.0
/*
 * crossput: offer a loaded struct_ops program to an operator of a fresh
 * map of any struct_ops type, and report what the kernel does: the test
 * for the update check that compares a program's attach_btf_id with the
 * type's id but not the BTF both ids belong to (docs/upstream/).
 *
 *   crossput OBJ PROG TYPE MEMBER [TRIGGER]
 *
 * Loads OBJ (its struct_ops maps are created, not registered), puts
 * PROG's fd at MEMBER of a zeroed value of a new map of TYPE (a module's
 * type: found in the loaded modules' BTF) and updates it. Prints the
 * type ids the kernel compares, then "update: accepted" or "update:
 * refused: REASON". When accepted (the map is now registered) and
 * TRIGGER is given: writes "1" to TRIGGER, prints what reading it gives,
 * and deletes the element (unregisters). Exit status: 0 when the update
 * was tried, 1 on any other failure (the cause on stderr), 2 bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

struct st_type {
	struct btf *btf;	/* the BTF holding TYPE (split on vmlinux) */
	int btf_fd;		/* -1 for vmlinux's own */
	__u32 btf_obj_id;
	__u32 value_id;		/* struct bpf_struct_ops_TYPE */
	__u32 type_id;		/* struct TYPE */
	__u32 value_size;
	__u32 member_off;	/* of MEMBER in the value */
};

static int fail(const char *fmt, const char *arg, int err)
{
	fprintf(stderr, "crossput: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, ": %s\n", strerror(err < 0 ? -err : err));
	return 1;
}

/* MEMBER's byte offset in struct TYPE (type_id), or -1 */
static long member_offset(const struct btf *btf, __u32 type_id, const char *name)
{
	const struct btf_type *t = btf__type_by_id(btf, type_id);
	const struct btf_member *m = btf_members(t);
	int i;

	for (i = 0; i < btf_vlen(t); i++, m++)
		if (!strcmp(btf__name_by_offset(btf, m->name_off), name))
			return btf_member_bit_offset(t, i) / 8;
	return -1;
}

/* Look for struct bpf_struct_ops_TYPE in each module's BTF. */
static int find_type(const char *type, const char *member, struct st_type *st)
{
	struct btf *vmlinux = btf__load_vmlinux_btf();
	char value_name[128], name[64];
	__u32 id = 0;

	if (!vmlinux)
		return fail("cannot read %s", "/sys/kernel/btf/vmlinux", errno);
	snprintf(value_name, sizeof(value_name), "bpf_struct_ops_%s", type);
	while (!bpf_btf_get_next_id(id, &id)) {
		struct bpf_btf_info info = { .name = (__u64)(unsigned long)name,
					     .name_len = sizeof(name) };
		__u32 len = sizeof(info);
		const struct btf_type *v;
		int fd, vid;
		long off;

		fd = bpf_btf_get_fd_by_id(id);
		if (fd < 0)
			continue;
		name[0] = 0;
		if (bpf_btf_get_info_by_fd(fd, &info, &len) ||
		    (!info.kernel_btf) || !strcmp(name, "vmlinux")) {
			close(fd);
			continue;
		}
		st->btf = btf__load_from_kernel_by_id_split(id, vmlinux);
		vid = st->btf ? btf__find_by_name_kind(st->btf, value_name, BTF_KIND_STRUCT) : -1;
		if (vid <= 0) {
			btf__free(st->btf);
			close(fd);
			continue;
		}
		v = btf__type_by_id(st->btf, vid);
		st->btf_fd = fd;
		st->btf_obj_id = id;
		st->value_id = vid;
		st->value_size = v->size;
		st->type_id = btf__find_by_name_kind(st->btf, type, BTF_KIND_STRUCT);
		off = member_offset(st->btf, vid, "data");
		if (off < 0 || (long)st->type_id <= 0)
			return fail("%s: no data member or no struct of that name", value_name, EINVAL);
		st->member_off = off;
		off = member_offset(st->btf, st->type_id, member);
		if (off < 0)
			return fail("struct %s has no such member", type, ENOENT);
		st->member_off += off;
		return 0;
	}
	return fail("no kernel BTF has struct %s (is its module loaded?)", value_name, ENOENT);
}

/* write "1" to TRIGGER, then print what reading it gives */
static int trigger(const char *path)
{
	char buf[4096];
	ssize_t n;
	int fd;

	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, "1\n", 2) != 2)
		return fail("writing %s", path, errno);
	close(fd);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return fail("reading %s", path, errno);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct bpf_prog_info pinfo = {};
	__u32 plen = sizeof(pinfo);
	struct st_type st = { .btf_fd = -1 };
	struct bpf_object *obj;
	struct bpf_program *prog;
	int map_fd, err, zero = 0;
	void *value;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: crossput OBJ PROG TYPE MEMBER [TRIGGER]\n");
		return 2;
	}
	libbpf_set_print(NULL);
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj)
		return fail("opening %s", argv[1], errno);
	err = bpf_object__load(obj);
	if (err)
		return fail("loading %s", argv[1], err);
	prog = bpf_object__find_program_by_name(obj, argv[2]);
	if (!prog)
		return fail("no program %s", argv[2], ENOENT);
	if (bpf_prog_get_info_by_fd(bpf_program__fd(prog), &pinfo, &plen))
		return fail("info of program %s", argv[2], errno);
	if (find_type(argv[3], argv[4], &st))
		return 1;
	printf("program %s: verified for type id %u of BTF object %u\n",
	       argv[2], pinfo.attach_btf_id, pinfo.attach_btf_obj_id);
	printf("struct %s: type id %u of BTF object %u\n", argv[3], st.type_id,
	       st.btf_obj_id);
	printf("same type id: %s; same BTF: %s\n",
	       pinfo.attach_btf_id == st.type_id ? "yes" : "no",
	       pinfo.attach_btf_obj_id == st.btf_obj_id ? "yes" : "no");

	/* map_create() wants a BTF fd with the value type id: OBJ's */
	LIBBPF_OPTS(bpf_map_create_opts, opts,
		    .btf_fd = bpf_object__btf_fd(obj),
		    .btf_vmlinux_value_type_id = st.value_id,
		    .value_type_btf_obj_fd = st.btf_fd,
		    .map_flags = BPF_F_VTYPE_BTF_OBJ_FD);
	map_fd = bpf_map_create(BPF_MAP_TYPE_STRUCT_OPS, "crossput", sizeof(int),
				st.value_size, 1, &opts);
	if (map_fd < 0)
		return fail("creating a map of struct %s", argv[3], errno);
	value = calloc(1, st.value_size);
	if (!value)
		return fail("%s", "calloc", ENOMEM);
	*(__u64 *)((char *)value + st.member_off) = bpf_program__fd(prog);
	if (bpf_map_update_elem(map_fd, &zero, value, 0)) {
		printf("update: refused: %s\n", strerror(errno));
		return 0;
	}
	printf("update: accepted\n");
	if (argc == 6 && trigger(argv[5]))
		return 1;
	if (bpf_map_delete_elem(map_fd, &zero))
		return fail("deleting the element of the %s map", argv[3], errno);
	return 0;
}
