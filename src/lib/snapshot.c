// SPDX-License-Identifier: GPL-2.0
/*
 * The system's struct_ops snapshot that status, list, doctor, repair and
 * detach share: every struct_ops map, every BPF fd of every process, every
 * pin, and what they say together (who holds a map, is it lingering).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "holders.h"
#include "json.h"
#include "members.h"
#include "pins.h"
#include "registry.h"
#include "scx.h"
#include "snapshot.h"
#include "struct_ops.h"

void so_world_free(struct so_world *w)
{
	so_maps_free(&w->maps);
	holders_free(&w->fds);
	pins_free(&w->pins);
}

int so_world_collect(struct so_world *w)
{
	int err;

	memset(w, 0, sizeof(*w));
	err = so_maps_read(&w->maps);
	if (err)
		return err;
	err = holders_scan("/proc", &w->fds);
	if (err) {
		p_err("reading /proc/*/fdinfo failed: %s", strerror(-err));
		goto fail;
	}
	err = pins_scan_all(MOUNTINFO, &w->pins);
	if (err) {
		p_err("reading the pins on bpffs failed: %s", strerror(-err));
		goto fail;
	}
	return 0;
fail:
	so_world_free(w);
	return err;
}

bool so_pin_holds(const struct pin_entry *p, const struct so_map *m)
{
	if (p->info.kind == BPF_FD_LINK)
		return m->link_id && p->info.link_id == m->link_id;
	return p->info.kind == BPF_FD_MAP && p->info.map_id == m->id;
}

int so_map_holder_count(const struct so_world *w, const struct so_map *m)
{
	char buf[8];

	return holders_find(&w->fds, m->id, m->link_id, buf,
				    sizeof(buf), NULL, 0);
}

const struct pin_entry *so_map_pin(const struct so_world *w,
				   const struct so_map *m)
{
	size_t i;

	for (i = 0; i < w->pins.n; i++)
		if (so_pin_holds(&w->pins.pins[i], m))
			return &w->pins.pins[i];
	return NULL;
}

bool so_map_unheld(const struct so_world *w, const struct so_map *m)
{
	return m->registered && !m->link_mode && !so_map_holder_count(w, m) &&
	       !so_map_pin(w, m);
}

bool so_map_lingering(const struct so_world *w, const struct so_map *m)
{
	return so_map_unheld(w, m) && !w->pins.incomplete;
}

void so_warn_incomplete(const struct so_world *w)
{
	if (w->pins.incomplete)
		p_warn("the pin scan was incomplete (%s): a registration held only by a pin there shows as held by nothing, and repair will not remove it without -f",
		       w->pins.incomplete);
}

void so_json_pin_scan(struct json *j, const struct so_world *w)
{
	json_key(j, "pin_scan");
	json_begin_object(j);
	json_kv_int(j, "bpffs_mounts", w->pins.mounts);
	json_kv_bool(j, "complete", !w->pins.incomplete);
	json_key(j, "incomplete");
	if (w->pins.incomplete)
		json_string(j, w->pins.incomplete);
	else
		json_null(j);
	json_end_object(j);
}

void so_json_map_fields(struct json *j, const struct so_map *m)
{
	json_kv_uint(j, "id", m->id);
	json_kv_string(j, "name", m->name);
	json_kv_string(j, "type", m->type);
	json_kv_string(j, "btf", m->btf_owner);
	json_kv_string(j, "mode", m->link_mode ? "link" : "legacy");
	json_kv_string(j, "state", so_state_str(m->state));
	json_kv_bool(j, "registered", m->registered);
	json_kv_uint(j, "link_id", m->link_id);
	if (scx_is_type(m->type)) {
		struct scx_sysfs scx;

		scx_sysfs_read(SCX_SYSFS, &scx);
		scx_json(j, &scx, NULL);
	}
}

void so_json_map(struct json *j, const struct so_world *w,
		 const struct so_map *m)
{
	struct so_members ms;
	size_t i;
	int k;

	json_begin_object(j);
	so_json_map_fields(j, m);
	json_kv_bool(j, "lingering", so_map_lingering(w, m));

	json_key(j, "holders");
	json_begin_array(j);
	for (i = 0; i < w->fds.n; i++) {
		const struct holder_fd *fd = &w->fds.fds[i];

		if (!holder_holds(fd, m->id, m->link_id))
			continue;
		json_begin_object(j);
		json_kv_int(j, "pid", fd->pid);
		json_kv_string(j, "comm", fd->comm);
		json_kv_int(j, "fd", fd->fd);
		json_kv_string(j, "kind", fd->info.kind == BPF_FD_LINK ? "link" : "map");
		json_end_object(j);
	}
	json_end_array(j);

	json_key(j, "pins");
	json_begin_array(j);
	for (i = 0; i < w->pins.n; i++) {
		const struct pin_entry *p = &w->pins.pins[i];

		if (!so_pin_holds(p, m))
			continue;
		json_begin_object(j);
		json_kv_string(j, "path", p->path);
		json_kv_string(j, "kind", p->info.kind == BPF_FD_LINK ? "link" : "map");
		json_end_object(j);
	}
	json_end_array(j);

	json_key(j, "members");
	json_begin_array(j);
	if (!so_members_read(m->id, &ms)) {
		for (k = 0; k < ms.n; k++)
			so_member_json(j, &ms.m[k], false);
		so_members_free(&ms);
	}
	json_end_array(j);
	json_end_object(j);
}

