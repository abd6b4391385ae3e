/* SPDX-License-Identifier: GPL-2.0 */
#ifndef ATTACH_H
#define ATTACH_H

#include <stdbool.h>
#include <stddef.h>

struct bpf_link;
struct bpf_map;

/* Is the type in the kernel's BTF? Names the cause if not: 0 or -ENOENT. */
int attach_check_type(const char *type, char *owner, size_t owner_size);
/*
 * The same answer for a map already loaded: which kernel BTF it bound to,
 * read from the map (a module's type gets attach_check_type() too).
 */
int attach_loaded_owner(struct bpf_map *map, const char *type, char *owner,
			size_t owner_size);
/*
 * Is another implementation of type registered? 0 if not, EXIT_BUSY after
 * naming it and its holders, EXIT_FAIL if the maps cannot be read.
 */
int attach_check_free(const char *type);
/*
 * Attach map, an implementation of type, which owner ("vmlinux" or a
 * module) defines: the link, or NULL with errno set after one error line
 * (on EINVAL the module's own reason: hello's from its status file, any
 * other module's from the line it logged meanwhile; the holder on EEXIST).
 */
struct bpf_link *attach_map(struct bpf_map *map, const char *type,
			    const char *owner);
/* Pin the link at path, naming the fix on failure. 0 or -errno. */
int attach_pin(struct bpf_link *link, const char *path);
/* Detach on purpose (BPF_LINK_DETACH) and close. 0 or -errno (said). */
int attach_detach(struct bpf_link *link, bool link_mode);

#endif /* ATTACH_H */
