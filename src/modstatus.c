// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "modstatus.h"

/*
 * Find key=value (value possibly "quoted") in a line of key=value pairs;
 * copy the value. Returns 1 if found.
 */
static int kv(const char *line, const char *key, char *out, size_t size)
{
	size_t klen = strlen(key), len;
	const char *p = line, *v, *end;

	for (;;) {
		p = strstr(p, key);
		if (!p)
			return 0;
		if ((p == line || p[-1] == ' ') && p[klen] == '=')
			break;
		p += klen;
	}
	v = p + klen + 1;
	if (*v == '"') {
		v++;
		end = strchr(v, '"');
	} else {
		end = v + strcspn(v, " \n");
	}
	if (!end)
		return 0;
	len = end - v;
	if (len >= size)
		len = size - 1;
	memcpy(out, v, len);
	out[len] = '\0';
	return 1;
}

static int parse_impl(const char *line, struct mod_impl *impl)
{
	char pid[16], link[8], since[32], flags[16];

	/* name and flags came with the data members: optional */
	if (kv(line, "name", impl->name, sizeof(impl->name)) &&
	    kv(line, "flags", flags, sizeof(flags)))
		impl->flags = strtoul(flags, NULL, 0);

	if (!kv(line, "owner", impl->owner, sizeof(impl->owner)) ||
	    !kv(line, "pid", pid, sizeof(pid)) ||
	    !kv(line, "link", link, sizeof(link)) ||
	    !kv(line, "since", since, sizeof(since)))
		return -EINVAL;
	impl->pid = atoi(pid);
	impl->has_link = !strcmp(link, "yes");
	impl->since = strtod(since, NULL);
	return 0;
}

int mod_status_parse(const char *text, struct mod_status *out)
{
	struct mod_event events[MODSTATUS_HISTORY * 2];
	const char *line;
	int n = 0, i;

	memset(out, 0, sizeof(*out));
	for (line = text; line && *line;) {
		const char *next = strchr(line, '\n');
		char buf[512], val[64];
		size_t len = next ? (size_t)(next - line) : strlen(line);

		if (len >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, line, len);
		buf[len] = '\0';
		line = next ? next + 1 : NULL;

		if (!strncmp(buf, "registered: ", 12)) {
			out->registered = !strcmp(buf + 12, "yes");
		} else if (!strncmp(buf, "implementation:", 15)) {
			if (parse_impl(buf + 15, &out->impl))
				return -EINVAL;
		} else if (!strncmp(buf, "triggers: ", 10)) {
			out->triggers = strtoull(buf + 10, NULL, 10);
		} else if (!strncmp(buf, "unregistered: ", 14)) {
			struct mod_event *ev = &events[n % (MODSTATUS_HISTORY * 2)];

			memset(ev, 0, sizeof(*ev));
			if (!kv(buf, "time", val, sizeof(val)) ||
			    !kv(buf, "reason", ev->reason, sizeof(ev->reason)) ||
			    parse_impl(buf + 14, &ev->impl))
				return -EINVAL;
			ev->time = strtod(val, NULL);
			if (kv(buf, "triggers", val, sizeof(val)))
				ev->triggers = strtoull(val, NULL, 10);
			kv(buf, "detail", ev->detail, sizeof(ev->detail));
			n++;
		} else if (!strncmp(buf, "kfunc_counts:", 13)) {
			for (i = 1; i <= 4; i++) {
				char key[8];

				snprintf(key, sizeof(key), "test_%d", i);
				if (kv(buf + 13, key, val, sizeof(val)))
					out->kfunc_counts[i] = strtoull(val, NULL, 10);
			}
		} else if (buf[0] && !strchr(buf, ':')) {
			return -EINVAL;
		}
	}
	/* keep the newest MODSTATUS_HISTORY, oldest first */
	i = n > MODSTATUS_HISTORY ? n - MODSTATUS_HISTORY : 0;
	for (; i < n; i++)
		out->history[out->history_len++] = events[i % (MODSTATUS_HISTORY * 2)];
	return 0;
}

int mod_status_read(struct mod_status *out)
{
	char text[8192];
	ssize_t n;
	int fd;

	fd = open(MODSTATUS_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	text[n] = '\0';
	return mod_status_parse(text, out);
}

void mod_event_format(const struct mod_event *ev, double now, char *buf,
		      size_t size)
{
	char ago[32] = "";

	if (now > 0 && now >= ev->time)
		snprintf(ago, sizeof(ago), ", %.1f s ago", now - ev->time);
	snprintf(buf, size, "%s%s%s%s (%s[%d], %llu trigger%s%s)", ev->reason,
		 ev->detail[0] ? " (" : "", ev->detail, ev->detail[0] ? ")" : "",
		 ev->impl.owner, ev->impl.pid, ev->triggers,
		 ev->triggers == 1 ? "" : "s", ago);
}
