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
#include "registry.h"
#include "struct_ops.h"

#define VALUE_PREFIX	"bpf_struct_ops_"

struct btf_cache_entry {
	__u32 id;
	char name[64];
	struct btf *btf;
};

struct btf_cache {
	struct btf *vmlinux;
	struct btf_cache_entry e[32];
	int n;
};

struct btf *so_btf_load(__u32 id, struct btf **vmlinux, char *name,
			size_t name_size)
{
	struct bpf_btf_info info = {};
	__u32 len = sizeof(info);
	char buf[64] = "";
	int fd;

	fd = bpf_btf_get_fd_by_id(id);
	if (fd < 0)
		return NULL;
	info.name = (__u64)(unsigned long)buf;
	info.name_len = sizeof(buf);
	if (bpf_btf_get_info_by_fd(fd, &info, &len)) {
		close(fd);
		return NULL;
	}
	close(fd);
	snprintf(name, name_size, "%s", buf[0] ? buf : "vmlinux");
	if (!strcmp(name, "vmlinux") || !info.kernel_btf)
		return btf__load_from_kernel_by_id(id);
	if (!*vmlinux)
		*vmlinux = btf__load_vmlinux_btf();
	return *vmlinux ? btf__load_from_kernel_by_id_split(id, *vmlinux) : NULL;
}

/* BTF object id -> parsed BTF and its name ("vmlinux" or a module). */
static struct btf_cache_entry *btf_cache_get(struct btf_cache *c, __u32 id)
{
	struct btf_cache_entry *e;
	int i;

	for (i = 0; i < c->n; i++)
		if (c->e[i].id == id)
			return &c->e[i];
	if (c->n == (int)(sizeof(c->e) / sizeof(c->e[0])))
		return NULL;
	e = &c->e[c->n];
	e->id = id;
	e->btf = so_btf_load(id, &c->vmlinux, e->name, sizeof(e->name));
	if (!e->btf)
		return NULL;
	c->n++;
	return e;
}

static void btf_cache_free(struct btf_cache *c)
{
	int i;

	for (i = 0; i < c->n; i++)
		btf__free(c->e[i].btf);
	btf__free(c->vmlinux);
}

static void resolve_type(struct btf_cache *c, const struct bpf_map_info *info,
			 struct so_map *m)
{
	struct btf_cache_entry *e = NULL;
	const struct btf_type *t;
	const char *name;

	/* btf_vmlinux_id is 0 before 6.9: the type is then in vmlinux. */
	if (info->btf_vmlinux_id) {
		e = btf_cache_get(c, info->btf_vmlinux_id);
	} else {
		if (!c->vmlinux)
			c->vmlinux = btf__load_vmlinux_btf();
	}
	snprintf(m->btf_owner, sizeof(m->btf_owner), "%s", e ? e->name : "vmlinux");
	m->btf_obj_id = info->btf_vmlinux_id;

	t = btf__type_by_id(e ? e->btf : c->vmlinux,
			    info->btf_vmlinux_value_type_id);
	name = t ? btf__name_by_offset(e ? e->btf : c->vmlinux, t->name_off) : NULL;
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
	struct btf_cache cache = {};
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
		resolve_type(&cache, &info, &m);
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
	btf_cache_free(&cache);
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

int so_type_find(const char *btf_dir, const char *type, char *owner,
		 size_t owner_size)
{
	char value_name[160], path[512];
	struct btf *vmlinux, *btf;
	struct dirent *de;
	int err = -ENOENT;
	DIR *dir;

	snprintf(value_name, sizeof(value_name), VALUE_PREFIX "%s", type);
	snprintf(path, sizeof(path), "%s/vmlinux", btf_dir);
	vmlinux = btf__parse(path, NULL);
	if (!vmlinux)
		return -errno;
	if (btf__find_by_name_kind(vmlinux, value_name, BTF_KIND_STRUCT) > 0) {
		snprintf(owner, owner_size, "vmlinux");
		err = 0;
		goto out;
	}
	dir = opendir(btf_dir);
	if (!dir) {
		err = -errno;
		goto out;
	}
	while (err == -ENOENT && (de = readdir(dir))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "vmlinux"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", btf_dir, de->d_name);
		btf = btf__parse_split(path, vmlinux);
		if (!btf)
			continue;
		if (btf__find_by_name_kind(btf, value_name, BTF_KIND_STRUCT) > 0) {
			snprintf(owner, owner_size, "%s", de->d_name);
			err = 0;
		}
		btf__free(btf);
	}
	closedir(dir);
out:
	btf__free(vmlinux);
	return err;
}
