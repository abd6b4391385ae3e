// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>

#include "escape.h"
#include "json.h"
#include "kbtf.h"
#include "members.h"
#include "objtype.h"
#include "registry.h"

static const struct btf_type *skip_mods(const struct btf *btf, __u32 id,
					__u32 *res_id)
{
	const struct btf_type *t = btf__type_by_id(btf, id);

	while (t && (btf_is_mod(t) || btf_is_typedef(t))) {
		id = t->type;
		t = btf__type_by_id(btf, id);
	}
	if (res_id)
		*res_id = id;
	return t;
}

static bool is_char_array(const struct btf *btf, const struct btf_type *t)
{
	const struct btf_type *et;

	if (!t || !btf_is_array(t))
		return false;
	et = skip_mods(btf, btf_array(t)->type, NULL);
	return et && btf_is_int(et) && et->size == 1;
}

unsigned long long so_member_uint(const struct so_member *m)
{
	unsigned long long v = 0;
	int i;

	for (i = (int)(m->size < 8 ? m->size : 8) - 1; i >= 0; i--)
		v = v << 8 | m->data[i];
	return v;
}

long long so_member_int(const struct so_member *m)
{
	unsigned long long v = so_member_uint(m);
	unsigned int bits = m->size < 8 ? m->size * 8 : 64;

	/* sign-extend from the member's top bit */
	if (bits < 64 && (v >> (bits - 1) & 1))
		v |= ~0ULL << bits;
	return (long long)v;
}

/* A signed integer, or an enum with signed values (kflag, BTF since 6.0)? */
static bool is_signed(const struct btf_type *t)
{
	if (t && btf_is_int(t))
		return btf_int_encoding(t) & BTF_INT_SIGNED;
	return t && (btf_is_enum(t) || btf_is_enum64(t)) && btf_kflag(t);
}

/*
 * The program's full name: the kernel keeps only 15 characters in
 * bpf_prog_info.name, but its BTF func info names the function in full
 * (what bpftool shows).
 */
static void prog_full_name(int fd, const struct bpf_prog_info *info,
			   char *buf, size_t size)
{
	struct bpf_func_info finfo = {};
	struct bpf_prog_info fi = {};
	__u32 len = sizeof(fi);
	const struct btf_type *t;
	const char *name;
	struct btf *btf;

	snprintf(buf, size, "%s", info->name);
	if (!info->btf_id || !info->nr_func_info ||
	    strlen(info->name) < BPF_OBJ_NAME_LEN - 1)
		return;
	fi.nr_func_info = 1;
	fi.func_info_rec_size = sizeof(finfo);
	fi.func_info = (__u64)(unsigned long)&finfo;
	if (bpf_prog_get_info_by_fd(fd, &fi, &len))
		return;
	btf = btf__load_from_kernel_by_id(info->btf_id);
	if (!btf)
		return;
	t = btf__type_by_id(btf, finfo.type_id);
	name = t ? btf__name_by_offset(btf, t->name_off) : NULL;
	/* the kernel's copy is a prefix of the real name, or not ours */
	if (name && !strncmp(name, info->name, strlen(info->name)))
		snprintf(buf, size, "%s", name);
	btf__free(btf);
}

static void prog_info_of(__u32 id, struct so_member *sm)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	int fd;

	sm->prog_name[0] = '\0';
	fd = bpf_prog_get_fd_by_id(id);
	if (fd < 0)
		return;
	if (!bpf_prog_get_info_by_fd(fd, &info, &len)) {
		prog_full_name(fd, &info, sm->prog_name, sizeof(sm->prog_name));
		sm->run_cnt = info.run_cnt;
		sm->run_time_ns = info.run_time_ns;
	}
	close(fd);
}

/* Fill ms from the value of type value_id ("bpf_struct_ops_<type>"). */
static int decode(const struct btf *btf, __u32 value_id, const char *value,
		  __u32 value_size, struct so_members *ms)
{
	const struct btf_type *vt, *ops = NULL;
	const struct btf_member *vm, *m;
	__u32 data_off = 0, ops_id;
	int i;

	vt = skip_mods(btf, value_id, NULL);
	if (!vt || !btf_is_struct(vt))
		return -EINVAL;
	vm = btf_members(vt);
	for (i = 0; i < btf_vlen(vt); i++) {
		if (strcmp(btf__name_by_offset(btf, vm[i].name_off), "data"))
			continue;
		data_off = btf_member_bit_offset(vt, i) / 8;
		ops = skip_mods(btf, vm[i].type, &ops_id);
	}
	if (!ops || !btf_is_struct(ops))
		return -EINVAL;

	ms->m = calloc(btf_vlen(ops), sizeof(*ms->m));
	if (!ms->m)
		return -ENOMEM;
	m = btf_members(ops);
	for (i = 0; i < btf_vlen(ops); i++) {
		struct so_member *sm = &ms->m[ms->n];
		const struct btf_type *mt = skip_mods(btf, m[i].type, NULL);
		__s64 size = btf__resolve_size(btf, m[i].type);

		snprintf(sm->name, sizeof(sm->name), "%s",
			 btf__name_by_offset(btf, m[i].name_off));
		sm->offset = btf_member_bit_offset(ops, i) / 8;
		sm->size = size > 0 ? size : 0;
		if (data_off + sm->offset + sm->size > value_size)
			continue;
		sm->is_func = so_btf_is_operator(btf, m[i].type);
		sm->is_string = is_char_array(btf, mt);
		sm->is_signed = is_signed(mt);
		if (sm->is_func) {
			__u64 id;

			memcpy(&id, value + data_off + sm->offset, sizeof(id));
			sm->prog_id = id;
			if (id)
				prog_info_of(id, sm);
		} else {
			sm->len = sm->size < SO_MEMBER_DATA_MAX ? sm->size : SO_MEMBER_DATA_MAX;
			memcpy(sm->data, value + data_off + sm->offset, sm->len);
		}
		ms->n++;
	}
	return 0;
}

int so_members_read(__u32 map_id, struct so_members *out)
{
	struct bpf_map_info info = {};
	__u32 len = sizeof(info), key = 0;
	const struct btf *btf = NULL;
	char owner[64], *value = NULL;
	int fd, err;

	memset(out, 0, sizeof(*out));
	fd = bpf_map_get_fd_by_id(map_id);
	if (fd < 0)
		return -errno;
	if (bpf_map_get_info_by_fd(fd, &info, &len)) {
		err = -errno;
		goto out;
	}
	value = calloc(1, info.value_size);
	if (!value) {
		err = -ENOMEM;
		goto out;
	}
	if (bpf_map_lookup_elem(fd, &key, value)) {
		err = -errno;
		goto out;
	}
	btf = info.btf_vmlinux_id ?
	      kbtf_by_id(info.btf_vmlinux_id, owner, sizeof(owner)) :
	      kbtf_vmlinux();
	if (!btf) {
		err = -errno ?: -ENOENT;
		goto out;
	}
	err = decode(btf, info.btf_vmlinux_value_type_id, value,
		     info.value_size, out);
out:
	if (err)
		so_members_free(out);
	free(value);
	close(fd);
	return err;
}

void so_members_free(struct so_members *ms)
{
	free(ms->m);
	memset(ms, 0, sizeof(*ms));
}

void so_member_print(const struct so_member *sm, const char *indent,
		     bool stats)
{
	char str[4 * SO_MEMBER_DATA_MAX + 1];

	printf("%s%-12s ", indent, sm->name);
	if (sm->is_func && !sm->prog_id)
		printf("(none)\n");
	else if (sm->is_func && stats)
		printf("prog %u '%s': run_cnt %llu, run_time_ns %llu\n",
		       sm->prog_id, sm->prog_name,
		       (unsigned long long)sm->run_cnt,
		       (unsigned long long)sm->run_time_ns);
	else if (sm->is_func)
		printf("prog %u '%s'\n", sm->prog_id, sm->prog_name);
	else if (sm->is_string)
		printf("\"%s\"%s\n", mem_escape(str, sizeof(str), sm->data, sm->len),
		       sm->len < sm->size && memchr(sm->data, 0, sm->len) == NULL ?
		       " (cut)" : "");
	else if (sm->size && sm->size <= 8 && sm->is_signed)
		printf("%lld (%#llx)\n", so_member_int(sm), so_member_uint(sm));
	else if (sm->size <= 8)
		printf("%llu (%#llx)\n", so_member_uint(sm), so_member_uint(sm));
	else
		printf("%u bytes\n", sm->size);
}

void so_member_json(struct json *j, const struct so_member *sm, bool stats)
{
	json_begin_object(j);
	json_kv_string(j, "name", sm->name);
	json_kv_string(j, "kind", sm->is_func ? "operator" : "data");
	if (sm->is_func) {
		json_kv_uint(j, "prog_id", sm->prog_id);
		json_kv_string(j, "prog_name", sm->prog_name);
		if (stats && sm->prog_id) {
			json_kv_uint(j, "run_cnt", sm->run_cnt);
			json_kv_uint(j, "run_time_ns", sm->run_time_ns);
		}
	} else {
		json_kv_uint(j, "size", sm->size);
		json_key(j, "value");
		if (sm->is_string) {
			char str[SO_MEMBER_DATA_MAX + 1];

			snprintf(str, sizeof(str), "%.*s", (int)sm->len,
				 (const char *)sm->data);
			json_string(j, str);
		} else if (sm->size && sm->size <= 8 && sm->is_signed) {
			json_int(j, so_member_int(sm));
		} else if (sm->size <= 8) {
			json_uint(j, so_member_uint(sm));
		} else {
			json_null(j);
		}
	}
	json_end_object(j);
}
