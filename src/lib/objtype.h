/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A struct_ops map of a BPF object as written (its type in the object's
 * BTF), and how it fits the type the running kernel offers: the compat
 * layer that disables operators the kernel lacks, and data member writes.
 */
#ifndef OBJTYPE_H
#define OBJTYPE_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

struct bpf_object;
struct bpf_map;

/*
 * The type of map as the object declares it ("bpf_testmod_ops___v2") and
 * the kernel type libbpf matches it to, the part before "___"
 * ("bpf_testmod_ops"). Returns 0 or -ENOENT.
 */
int obj_map_type(struct bpf_object *obj, struct bpf_map *map,
		 char *declared, size_t dsize, char *kernel, size_t ksize);

/* The kernel type name for a declared one: "x___v2" -> "x". */
void obj_kernel_type_name(const char *declared, char *out, size_t size);

/*
 * Compare map's members with the kernel type's (kbtf). An operator the kernel lacks is disabled (its program
 * is not loaded) with a warning naming it, unless it is listed in required
 * (NULL-terminated), which is an error. A data member the kernel lacks is
 * an error only if the object sets it. Reports its own errors; returns 0
 * or -errno.
 */
int obj_compat_adjust(struct bpf_object *obj, struct bpf_map *map,
		      const char *const *required);

struct btf;
/* Is BTF type type_id (modifiers and typedefs skipped) a function pointer? */
bool so_btf_is_operator(const struct btf *btf, __u32 type_id);
/* The struct type id, in the object's BTF, of the variable defining map. */
int obj_map_struct_id(const struct btf *btf, const struct bpf_map *map);
/*
 * The kernel's struct type_name, from the BTF (kbtf's, not to be freed)
 * that defines its struct_ops value type; *id gets its type id. NULL if
 * no BTF defines the type.
 */
const struct btf *obj_kernel_struct(const char *type_name, int *id);

/*
 * The size of map's data member named member, a char array, in the
 * object's BTF: its bytes, -ENOENT if there is no such member, -EINVAL if
 * it is not a char array.
 */
long long obj_char_member_size(struct bpf_object *obj, struct bpf_map *map,
				const char *member);
/* Write len bytes at the data member named member (before load). */
int obj_set_member(struct bpf_object *obj, struct bpf_map *map,
		   const char *member, const void *val, size_t len);

struct bpf_program;
/*
 * The first struct_ops program that libbpf would load but that no
 * struct_ops map's value uses, or NULL. libbpf 1.4 refuses to load such a
 * program ("SEC(\"struct_ops\") program isn't referenced anywhere") and
 * with it the whole object, before the verifier sees anything. Call it
 * after the compat layer, which turns off the programs it disables.
 */
const struct bpf_program *obj_unreferenced_prog(struct bpf_object *obj);

#endif /* OBJTYPE_H */
