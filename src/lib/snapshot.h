/* SPDX-License-Identifier: GPL-2.0 */
/* Everything about struct_ops maps that status, repair and detach need. */
#ifndef SNAPSHOT_H
#define SNAPSHOT_H

#include <stdbool.h>

#include "holders.h"
#include "pins.h"
#include "registry.h"

#define BPFFS_ROOT "/sys/fs/bpf"
#define MOUNTINFO "/proc/self/mountinfo"

struct so_world {
	struct so_map_list maps;
	struct holder_table fds;	/* every BPF fd of every process */
	struct pin_table pins;	/* every pin on every bpffs */
};

/* Collect maps, fds and pins; reports its own error. */
int so_world_collect(struct so_world *w);
void so_world_free(struct so_world *w);
bool so_pin_holds(const struct pin_entry *p, const struct so_map *m);
int so_map_holder_count(const struct so_world *w, const struct so_map *m);
struct json;
/* A map's identity and state as JSON members: id, name, type, btf, ... */
void so_json_map_fields(struct json *j, const struct so_map *m);
/* "pin_scan": {"bpffs_mounts": N, "complete": B, "incomplete": WHY|null} */
void so_json_pin_scan(struct json *j, const struct so_world *w);
/* One map as a JSON object: ids, type, state, holders, pins, members. */
void so_json_map(struct json *j, const struct so_world *w,
		 const struct so_map *m);
/* The first pin that holds m, or NULL. */
const struct pin_entry *so_map_pin(const struct so_world *w,
				   const struct so_map *m);
/* Registered without a link, and no process or pin found holding it. */
bool so_map_unheld(const struct so_world *w, const struct so_map *m);
/* Unheld, and the pin scan was complete: nothing can be holding it. */
bool so_map_lingering(const struct so_world *w, const struct so_map *m);
/* A warning on stderr if the pin scan could not see everything. */
void so_warn_incomplete(const struct so_world *w);

#endif /* SNAPSHOT_H */
