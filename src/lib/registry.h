/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The struct_ops maps on the system, read through the BPF syscall: their
 * kernel type (resolved in vmlinux or module BTF), whether they are
 * registered and through which link.
 */
#ifndef REGISTRY_H
#define REGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

/*
 * Mirrors the kernel's enum bpf_struct_ops_state (kernel/bpf/bpf_struct_ops.c,
 * not UAPI), stored after a refcount_t at the start of every map value.
 */
enum so_state {
	SO_STATE_INIT,
	SO_STATE_INUSE,		/* registered without a link (legacy) */
	SO_STATE_TOBEFREE,
	SO_STATE_READY,		/* link-mode map, ready to attach */
	SO_STATE_UNKNOWN = -1,
};

struct so_map {
	__u32 id;
	char name[16];
	char type[128];		/* kernel type, e.g. "bpf_testmod_ops" */
	char btf_owner[64];	/* "vmlinux" or the module that defines it */
	__u32 btf_obj_id;
	__u32 value_size;
	bool link_mode;		/* created with BPF_F_LINK (.struct_ops.link) */
	int state;		/* enum so_state */
	__u32 link_id;		/* struct_ops link using this map, 0 if none */
	bool registered;	/* .reg ran and no .unreg since */
};

struct so_map_list {
	struct so_map *maps;
	size_t n;
};


/* Every struct_ops map. Returns 0 or -errno (-EPERM without privilege). */
int so_maps_collect(struct so_map_list *out);
/* The same, saying why on failure in one error line (explain_maps_error). */
int so_maps_read(struct so_map_list *out);
void so_maps_free(struct so_map_list *l);
/* The registered map of the given kernel type, or NULL. */
const struct so_map *so_maps_find_registered(const struct so_map_list *l,
					     const char *type);
const char *so_state_str(int state);

/*
 * Look for the struct_ops type in vmlinux and module BTF (kbtf): where
 * libbpf binds a map of that type (the first BTF that defines struct type,
 * kbtf_struct_owners()) if that BTF registers it, else the first that
 * does. On success owner gets "vmlinux" or the module's name. Returns 0,
 * -ENOENT if no BTF defines it, or -errno.
 */
int so_type_find(const char *type, char *owner, size_t owner_size);
/*
 * How many kernel BTFs define struct type (more than one: libbpf binds to
 * the first); list gets their names in libbpf's order, "dupa, dupb".
 */
int so_type_owners(const char *type, char *list, size_t size);

#endif /* REGISTRY_H */
