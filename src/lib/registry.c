// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#include "explain.h"
#include "kbtf.h"
#include "registry.h"
#include "struct_ops.h"

#define VALUE_PREFIX	"bpf_struct_ops_"

static void resolve_type(const struct bpf_map_info *info, struct so_map *m)
{
	const struct btf *btf;
	const struct btf_type *t;
	const char *name;

	/* btf_vmlinux_id is 0 before 6.9: the type is then in vmlinux. */
	snprintf(m->btf_owner, sizeof(m->btf_owner), "vmlinux");
	btf = info->btf_vmlinux_id ?
	      kbtf_by_id(info->btf_vmlinux_id, m->btf_owner, sizeof(m->btf_owner)) :
	      kbtf_vmlinux();
	m->btf_obj_id = info->btf_vmlinux_id;

	t = btf ? btf__type_by_id(btf, info->btf_vmlinux_value_type_id) : NULL;
	name = t ? btf__name_by_offset(btf, t->name_off) : NULL;
	if (!name) {
		snprintf(m->type, sizeof(m->type), "<type %u>",
			 info->btf_vmlinux_value_type_id);
		return;
	}
	if (!strncmp(name, VALUE_PREFIX, strlen(VALUE_PREFIX)))
		name += strlen(VALUE_PREFIX);
	snprintf(m->type, sizeof(m->type), "%s", name);
}

static int read_state(int fd, __u32 value_size)
{
	__u32 key = 0;
	int state = SO_STATE_UNKNOWN;
	void *value;

	if (value_size < 8)
		return state;
	value = calloc(1, value_size);
	if (!value)
		return state;
	if (!bpf_map_lookup_elem(fd, &key, value))
		memcpy(&state, (char *)value + 4, sizeof(state));
	free(value);
	return state;
}

static int add_map(struct so_map_list *l, size_t *cap, const struct so_map *m)
{
	if (l->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct so_map *v = realloc(l->maps, ncap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		l->maps = v;
		*cap = ncap;
	}
	l->maps[l->n++] = *m;
	return 0;
}

/* Record the struct_ops link of every map that has one. */
static int attach_links(struct so_map_list *l)
{
	__u32 id = 0;
	size_t i;

	while (!bpf_link_get_next_id(id, &id)) {
		struct bpf_link_info info = {};
		__u32 len = sizeof(info);
		int fd;

		fd = bpf_link_get_fd_by_id(id);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;	/* went away meanwhile */
			return -errno;
		}
		if (bpf_link_get_info_by_fd(fd, &info, &len)) {
			close(fd);
			continue;
		}
		close(fd);
		if (info.type != BPF_LINK_TYPE_STRUCT_OPS)
			continue;
		for (i = 0; i < l->n; i++)
			if (l->maps[i].id == info.struct_ops.map_id)
				l->maps[i].link_id = info.id;
	}
	return errno == ENOENT ? 0 : -errno;
}

int so_maps_read(struct so_map_list *out)
{
	char msg[256];
	int err = so_maps_collect(out);

	if (err) {
		explain_maps_error(msg, sizeof(msg), err);
		p_err("%s", msg);
	}
	return err;
}

int so_maps_collect(struct so_map_list *out)
{
	size_t cap = 0, i;
	__u32 id = 0;
	int err = 0;

	memset(out, 0, sizeof(*out));
	while (!bpf_map_get_next_id(id, &id)) {
		struct bpf_map_info info = {};
		__u32 len = sizeof(info);
		struct so_map m = {};
		int fd;

		fd = bpf_map_get_fd_by_id(id);
		if (fd < 0) {
			if (errno == ENOENT)
				continue;
			err = -errno;
			goto out;
		}
		if (bpf_map_get_info_by_fd(fd, &info, &len) ||
		    info.type != BPF_MAP_TYPE_STRUCT_OPS) {
			close(fd);
			continue;
		}
		m.id = info.id;
		snprintf(m.name, sizeof(m.name), "%s", info.name);
		m.value_size = info.value_size;
		m.link_mode = info.map_flags & BPF_F_LINK;
		m.state = read_state(fd, info.value_size);
		close(fd);
		resolve_type(&info, &m);
		err = add_map(out, &cap, &m);
		if (err)
			goto out;
	}
	if (errno != ENOENT) {
		err = -errno;
		goto out;
	}
	err = attach_links(out);
	for (i = 0; i < out->n; i++) {
		struct so_map *m = &out->maps[i];

		m->registered = m->link_mode ? m->link_id != 0 :
					       m->state == SO_STATE_INUSE;
	}
out:
	if (err)
		so_maps_free(out);
	return err;
}

void so_maps_free(struct so_map_list *l)
{
	free(l->maps);
	memset(l, 0, sizeof(*l));
}

const struct so_map *so_maps_find_registered(const struct so_map_list *l,
					     const char *type)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->maps[i].registered && !strcmp(l->maps[i].type, type))
			return &l->maps[i];
	return NULL;
}

const char *so_state_str(int state)
{
	switch (state) {
	case SO_STATE_INIT:
		return "init";
	case SO_STATE_INUSE:
		return "inuse";
	case SO_STATE_TOBEFREE:
		return "tobefree";
	case SO_STATE_READY:
		return "ready";
	}
	return "unknown";
}

int so_type_find(const char *type, char *owner, size_t owner_size)
{
	char value_name[160], first[1][64];
	const struct btf *btf;

	snprintf(value_name, sizeof(value_name), VALUE_PREFIX "%s", type);
	/* the BTF libbpf binds a map of this type to, if it registers it */
	if (kbtf_struct_owners(type, first, 1) > 0 &&
	    (btf = kbtf_module(first[0])) &&
	    btf__find_by_name_kind(btf, value_name, BTF_KIND_STRUCT) > 0) {
		snprintf(owner, owner_size, "%s", first[0]);
		return 0;
	}
	return kbtf_find_struct(value_name, NULL, NULL, owner, owner_size);
}

int so_type_owners(const char *type, char *list, size_t size)
{
	char owners[8][64];
	size_t len = 0;
	int n, i;

	list[0] = '\0';
	n = kbtf_struct_owners(type, owners, 8);
	for (i = 0; i < n && i < 8 && len < size; i++)
		len += snprintf(list + len, size - len, "%s%s", i ? ", " : "", owners[i]);
	if (n > 8 && len < size)
		snprintf(list + len, size - len, ", ...");
	return n;
}
