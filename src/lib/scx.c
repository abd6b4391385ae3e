// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "escape.h"
#include "json.h"
#include "kmsg.h"
#include "scx.h"
#include "struct_ops.h"

/* One line of a sysfs file into buf, without its newline; -errno. */
static int read_line(const char *dir, const char *name, char *buf, size_t size)
{
	char path[1024];
	int err;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	err = read_small(path, buf, size);
	if (!err)
		buf[strcspn(buf, "\n")] = '\0';
	return err;
}

static long long read_num(const char *dir, const char *name)
{
	char buf[32], *end;
	long long v;

	if (read_line(dir, name, buf, sizeof(buf)))
		return -1;
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno || end == buf || *end || v < 0)
		return -1;
	return v;
}

bool scx_is_type(const char *type)
{
	return !strcmp(type, SCX_TYPE) || !strcmp(type, SCX_TYPE_CID);
}

bool scx_type_matches(const char *type, const char *map_type)
{
	return !strcmp(type, map_type) || (scx_is_type(type) && scx_is_type(map_type));
}

/* root/events: "NAME VALUE" lines; -1 if there is no such file. */
static int read_counters(const char *root, struct scx_counter *c, int max)
{
	char path[1024], buf[4096], *line, *save, *end;
	int n = 0;

	snprintf(path, sizeof(path), "%s/events", root);
	if (read_small(path, buf, sizeof(buf)))
		return -1;
	for (line = strtok_r(buf, "\n", &save); line && n < max;
	     line = strtok_r(NULL, "\n", &save)) {
		char *sp = strrchr(line, ' ');
		long long v;

		if (!sp || sp == line || (size_t)(sp - line) >= sizeof(c->name))
			continue;
		errno = 0;
		v = strtoll(sp + 1, &end, 10);
		if (errno || end == sp + 1 || *end || v < 0)
			continue;
		memcpy(c[n].name, line, sp - line);
		c[n].name[sp - line] = '\0';
		c[n].value = v;
		n++;
	}
	return n;
}

int scx_sysfs_read(const char *dir, struct scx_sysfs *s)
{
	char root[512];

	memset(s, 0, sizeof(*s));
	s->switch_all = s->nr_rejected = s->hotplug_seq = s->enable_seq = -1;
	if (read_line(dir, "state", s->state, sizeof(s->state)))
		return -ENOENT;
	s->present = true;
	s->switch_all = read_num(dir, "switch_all");
	s->nr_rejected = read_num(dir, "nr_rejected");
	s->hotplug_seq = read_num(dir, "hotplug_seq");
	s->enable_seq = read_num(dir, "enable_seq");
	snprintf(root, sizeof(root), "%s/root", dir);
	s->has_root = !read_line(root, "ops", s->root_ops, sizeof(s->root_ops));
	s->nr_counters = s->has_root ? read_counters(root, s->counters, SCX_COUNTERS) : -1;
	return 0;
}

/* The kernel's scx_exit_reason() words, by exit kind (6.12). */
static const struct {
	const char *reason, *kind;
	bool error;
} exit_kinds[] = {
	{ "unregistered from user space", "unreg", false },
	{ "unregistered from BPF", "unreg_bpf", false },
	{ "unregistered from the main kernel", "unreg_kern", false },
	{ "disabled by sysrq-S", "sysrq", false },
	{ "runtime error", "error", true },
	{ "scx_bpf_error", "error_bpf", true },
	{ "runnable task stall", "error_stall", true },
};

const char *scx_exit_kind(const char *reason, bool *error)
{
	size_t i;

	*error = false;
	for (i = 0; i < sizeof(exit_kinds) / sizeof(exit_kinds[0]); i++)
		if (!strcmp(reason, exit_kinds[i].reason)) {
			*error = exit_kinds[i].error;
			return exit_kinds[i].kind;
		}
	return "unknown";
}

#define LINE_PREFIX	"sched_ext: BPF scheduler \""

/* Copy n bytes of s into a string of size bytes: 0, or -1 if too long. */
static int copy_field(char *dst, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return -1;
	memcpy(dst, s, n);
	dst[n] = '\0';
	return 0;
}

int scx_parse_line(const char *text, size_t len, struct scx_event *ev)
{
	size_t plen = strlen(LINE_PREFIX), i, name_end = 0;
	const char *rest;
	size_t rlen;

	memset(ev, 0, sizeof(*ev));
	if (len < plen || memcmp(text, LINE_PREFIX, plen))
		return SCX_EV_NONE;
	/* the name may hold quotes: the last '" ' before the verb ends it */
	for (i = plen; i + 1 < len; i++)
		if (text[i] == '"' && text[i + 1] == ' ')
			name_end = i;
	if (name_end <= plen ||
	    copy_field(ev->sched, sizeof(ev->sched), text + plen, name_end - plen))
		return SCX_EV_NONE;
	rest = text + name_end + 2;
	rlen = len - name_end - 2;
	if (rlen == strlen("enabled") && !memcmp(rest, "enabled", rlen)) {
		ev->kind = SCX_EV_ENABLED;
	} else if (rlen == strlen("enabled (partial)") &&
		   !memcmp(rest, "enabled (partial)", rlen)) {
		ev->kind = SCX_EV_ENABLED;
		ev->partial = true;
	} else if (rlen > strlen("disabled ()") &&
		   !memcmp(rest, "disabled (", strlen("disabled (")) &&
		   rest[rlen - 1] == ')') {
		if (copy_field(ev->reason, sizeof(ev->reason),
			       rest + strlen("disabled ("),
			       rlen - strlen("disabled (") - 1))
			return SCX_EV_NONE;
		ev->kind = SCX_EV_DISABLED;
		ev->exit_kind = scx_exit_kind(ev->reason, &ev->error);
	}
	return ev->kind;
}

/* A record's timestamp: "PRI,SEQ,USEC,FLAGS;..." -> seconds, or -1. */
static double record_time(const char *rec)
{
	unsigned long long usec;
	const char *p = strchr(rec, ',');
	char *end;

	if (!p || !(p = strchr(p + 1, ',')))
		return -1;
	errno = 0;
	usec = strtoull(p + 1, &end, 10);
	if (errno || end == p + 1 || (*end != ',' && *end != ';'))
		return -1;
	return usec / 1e6;
}

void scx_history_add(struct scx_history *h, const char *record, size_t len)
{
	char rec[8192];
	struct scx_event ev, *last;
	const char *text;
	size_t tlen, plen;

	if (len >= sizeof(rec))
		len = sizeof(rec) - 1;
	memcpy(rec, record, len);
	rec[len] = '\0';
	text = kmsg_record_text(rec, &tlen);
	if (!text)
		return;
	if (scx_parse_line(text, tlen, &ev) != SCX_EV_NONE) {
		ev.time = record_time(rec);
		if (h->n == SCX_HISTORY) {
			memmove(h->ev, h->ev + 1, sizeof(h->ev[0]) * (SCX_HISTORY - 1));
			h->n--;
		}
		h->ev[h->n++] = ev;
		return;
	}
	/* an error exit's message: "sched_ext: NAME: MSG", right after it */
	last = h->n ? &h->ev[h->n - 1] : NULL;
	if (!last || last->kind != SCX_EV_DISABLED || !last->error ||
	    last->message[0])
		return;
	plen = strlen("sched_ext: ") + strlen(last->sched) + 2;
	if (tlen > plen && !memcmp(text, "sched_ext: ", strlen("sched_ext: ")) &&
	    !memcmp(text + strlen("sched_ext: "), last->sched, strlen(last->sched)) &&
	    !memcmp(text + plen - 2, ": ", 2))
		snprintf(last->message, sizeof(last->message), "%.*s",
			 (int)(tlen - plen), text + plen);
}

void scx_history_read(struct scx_history *h)
{
	char rec[8192];
	ssize_t n;
	int fd;

	memset(h, 0, sizeof(*h));
	/* a new reader starts at the oldest record in the buffer */
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		h->err = -errno;
		return;
	}
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0) {
			if (errno == EPIPE)	/* overwritten meanwhile */
				continue;
			if (errno != EAGAIN)
				h->err = -errno;
			break;
		}
		scx_history_add(h, rec, n);
	}
	close(fd);
}

const struct scx_event *scx_last_exit(const struct scx_history *h)
{
	int i;

	for (i = h->n - 1; i >= 0; i--)
		if (h->ev[i].kind == SCX_EV_DISABLED)
			return &h->ev[i];
	return NULL;
}

void scx_event_format(const struct scx_event *ev, double now, char *buf,
		      size_t size)
{
	int n;

	if (ev->time >= 0 && now >= ev->time)
		n = snprintf(buf, size, "%.1f s ago: '%s' ", now - ev->time, ev->sched);
	else
		n = snprintf(buf, size, "'%s' ", ev->sched);
	if (n < 0 || (size_t)n >= size)
		return;
	if (ev->kind == SCX_EV_ENABLED)
		snprintf(buf + n, size - n, "enabled%s",
			 ev->partial ? " (SCHED_EXT tasks only)" : "");
	else
		snprintf(buf + n, size - n, "disabled: %s (%s)%s%s", ev->reason,
			 ev->exit_kind, ev->message[0] ? ": " : "", ev->message);
}

static void json_num(struct json *j, const char *key, long long v)
{
	json_key(j, key);
	if (v < 0)
		json_null(j);
	else
		json_int(j, v);
}

static void json_event(struct json *j, const struct scx_event *ev)
{
	json_begin_object(j);
	json_key(j, "time");
	json_double(j, ev->time, 6);
	json_kv_string(j, "scheduler", ev->sched);
	json_kv_string(j, "event", ev->kind == SCX_EV_ENABLED ? "enabled" : "disabled");
	if (ev->kind == SCX_EV_ENABLED) {
		json_kv_bool(j, "switch_all", !ev->partial);
	} else {
		json_kv_string(j, "exit_kind", ev->exit_kind);
		json_kv_string(j, "reason", ev->reason);
		json_kv_bool(j, "error", ev->error);
		json_key(j, "message");
		if (ev->message[0])
			json_string(j, ev->message);
		else
			json_null(j);
	}
	json_end_object(j);
}

void scx_json(struct json *j, const struct scx_sysfs *s,
	      const struct scx_history *h)
{
	const struct scx_event *last;
	int i;

	json_key(j, "sched_ext");
	json_begin_object(j);
	json_kv_bool(j, "present", s->present);
	json_key(j, "state");
	if (s->present)
		json_string(j, s->state);
	else
		json_null(j);
	json_key(j, "root_ops");
	if (s->has_root)
		json_string(j, s->root_ops);
	else
		json_null(j);
	json_num(j, "switch_all", s->switch_all);
	json_num(j, "nr_rejected", s->nr_rejected);
	json_num(j, "hotplug_seq", s->hotplug_seq);
	json_num(j, "enable_seq", s->enable_seq);
	/* root/events, by name; null without the file (6.12, no scheduler) */
	json_key(j, "counters");
	if (s->nr_counters < 0) {
		json_null(j);
	} else {
		json_begin_object(j);
		for (i = 0; i < s->nr_counters; i++)
			json_num(j, s->counters[i].name, s->counters[i].value);
		json_end_object(j);
	}
	if (h) {
		json_key(j, "log");
		if (h->err)
			json_string(j, strerror(-h->err));
		else
			json_string(j, "ok");
		json_key(j, "events");
		json_begin_array(j);
		for (i = 0; i < h->n; i++)
			json_event(j, &h->ev[i]);
		json_end_array(j);
		json_key(j, "last_exit");
		last = scx_last_exit(h);
		if (last)
			json_event(j, last);
		else
			json_null(j);
	}
	json_end_object(j);
}

static double monotonic_now(void)
{
	struct timespec ts;

	/* the kernel log's clock: local_clock(), as CLOCK_MONOTONIC */
	if (clock_gettime(CLOCK_MONOTONIC, &ts))
		return -1;
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* "  counters (root/events): 3 of 14 non-zero: SCX_EV_... 5, ..." */
static void print_counters(const struct scx_sysfs *s, const char *indent)
{
	char name[4 * sizeof(s->counters[0].name)];
	int i, nonzero = 0;

	if (s->nr_counters < 0)
		return;
	for (i = 0; i < s->nr_counters; i++)
		nonzero += s->counters[i].value != 0;
	printf("%s  counters (root/events): %d of %d non-zero%s", indent, nonzero,
	       s->nr_counters, nonzero ? ":" : "");
	for (i = 0; i < s->nr_counters; i++) {
		if (!s->counters[i].value)
			continue;
		printf(" %s %lld%s", str_escape(name, sizeof(name), s->counters[i].name),
		       s->counters[i].value, --nonzero ? "," : "");
	}
	putchar('\n');
}

void scx_print(const struct scx_sysfs *s, const struct scx_history *h,
	       const char *indent)
{
	char name[4 * sizeof(s->root_ops)], line[1024], safe[4 * sizeof(line)];
	double now = monotonic_now();
	int i;

	if (!s->present) {
		printf("%ssched_ext: not in this kernel (no %s: CONFIG_SCHED_CLASS_EXT is off)\n",
		       indent, SCX_SYSFS);
		return;
	}
	printf("%ssched_ext: state %s, ", indent, s->state);
	if (s->has_root)
		printf("scheduler '%s' (%s)", str_escape(name, sizeof(name), s->root_ops),
		       s->switch_all == 1 ? "all tasks" : "SCHED_EXT tasks only");
	else
		printf("no BPF scheduler: the fair class runs every task");
	printf(", enable_seq %lld, nr_rejected %lld, hotplug_seq %lld\n",
	       s->enable_seq, s->nr_rejected, s->hotplug_seq);
	print_counters(s, indent);
	if (!h)
		return;
	if (h->err) {
		printf("%s  (the kernel log cannot be read: %s; exit reasons are not known)\n",
		       indent, strerror(-h->err));
		return;
	}
	if (!h->n)
		return;
	printf("%s  last events in the kernel log, oldest first:\n", indent);
	for (i = 0; i < h->n; i++) {
		scx_event_format(&h->ev[i], now, line, sizeof(line));
		printf("%s    %s\n", indent, str_escape(safe, sizeof(safe), line));
	}
}
