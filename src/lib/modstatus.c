// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "modstatus.h"

/* One line's key=value pairs, values unquoted and unescaped. */
#define KV_MAX		16
#define KV_KEY_LEN	16
#define KV_VAL_LEN	128

struct kv_list {
	int n;
	char key[KV_MAX][KV_KEY_LEN];
	char val[KV_MAX][KV_VAL_LEN];
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * Split "k1=v1 k2=\"v 2\" ..." left to right, as the module prints it:
 * keys are [a-z0-9_], a quoted value ends at the first '"' (the module
 * writes '"', '\' and every non-printable byte as \xNN), a bare value at
 * the next space. Unescaped bytes outside printable ASCII become '?', so
 * a value never carries a control character to a terminal. A malformed
 * pair or a key seen twice makes the line invalid: nothing in a value can
 * add or replace a pair.
 */
static int kv_split(const char *s, struct kv_list *kl)
{
	kl->n = 0;
	for (;;) {
		char *key, *val;
		size_t k = 0, v = 0;
		int i;

		while (*s == ' ')
			s++;
		if (!*s)
			return 0;
		if (kl->n == KV_MAX)
			return -EINVAL;
		key = kl->key[kl->n];
		val = kl->val[kl->n];
		while ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_') {
			if (k + 1 >= KV_KEY_LEN)
				return -EINVAL;
			key[k++] = *s++;
		}
		key[k] = '\0';
		if (!k || *s++ != '=')
			return -EINVAL;
		for (i = 0; i < kl->n; i++)
			if (!strcmp(kl->key[i], key))
				return -EINVAL;
		if (*s == '"') {
			for (s++; *s != '"'; s++) {
				int c = (unsigned char)*s;

				if (!c)
					return -EINVAL;
				if (c == '\\') {
					int hi, lo;

					if (s[1] != 'x' || (hi = hexval(s[2])) < 0 ||
					    (lo = hexval(s[3])) < 0)
						return -EINVAL;
					c = hi << 4 | lo;
					s += 3;
				}
				if (c < 0x20 || c > 0x7e)
					c = '?';
				if (v + 1 < KV_VAL_LEN)
					val[v++] = c;
			}
			s++;
			if (*s && *s != ' ')
				return -EINVAL;
		} else {
			for (; *s && *s != ' '; s++) {
				if (*s <= 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
					return -EINVAL;
				if (v + 1 < KV_VAL_LEN)
					val[v++] = *s;
			}
		}
		val[v] = '\0';
		kl->n++;
	}
}

/* Copy the value of key into out; 1 if the line has it. */
static int kv(const struct kv_list *kl, const char *key, char *out, size_t size)
{
	int i;

	for (i = 0; i < kl->n; i++) {
		if (!strcmp(kl->key[i], key)) {
			snprintf(out, size, "%s", kl->val[i]);
			return 1;
		}
	}
	return 0;
}

static int parse_impl(const struct kv_list *kl, struct mod_impl *impl)
{
	char pid[16], link[8], since[32], flags[16];

	/* name and flags came with the data members: optional */
	if (kv(kl, "name", impl->name, sizeof(impl->name)) &&
	    kv(kl, "flags", flags, sizeof(flags)))
		impl->flags = strtoul(flags, NULL, 0);

	if (!kv(kl, "owner", impl->owner, sizeof(impl->owner)) ||
	    !kv(kl, "pid", pid, sizeof(pid)) ||
	    !kv(kl, "link", link, sizeof(link)) ||
	    !kv(kl, "since", since, sizeof(since)))
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
		char buf[1024], val[64];
		struct kv_list kl;
		size_t len = next ? (size_t)(next - line) : strlen(line);

		if (len >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, line, len);
		buf[len] = '\0';
		line = next ? next + 1 : NULL;

		if (!strncmp(buf, "registered: ", 12)) {
			out->registered = !strcmp(buf + 12, "yes");
		} else if (!strncmp(buf, "implementation:", 15)) {
			if (kv_split(buf + 15, &kl) || parse_impl(&kl, &out->impl))
				return -EINVAL;
		} else if (!strncmp(buf, "triggers: ", 10)) {
			out->triggers = strtoull(buf + 10, NULL, 10);
		} else if (!strncmp(buf, "unregistered: ", 14)) {
			struct mod_event *ev = &events[n % (MODSTATUS_HISTORY * 2)];

			memset(ev, 0, sizeof(*ev));
			if (kv_split(buf + 14, &kl) ||
			    !kv(&kl, "time", val, sizeof(val)) ||
			    !kv(&kl, "reason", ev->reason, sizeof(ev->reason)) ||
			    parse_impl(&kl, &ev->impl))
				return -EINVAL;
			ev->time = strtod(val, NULL);
			if (kv(&kl, "triggers", val, sizeof(val)))
				ev->triggers = strtoull(val, NULL, 10);
			kv(&kl, "detail", ev->detail, sizeof(ev->detail));
			n++;
		} else if (!strncmp(buf, "rejected: ", 10)) {
			char pid[16];

			if (kv_split(buf + 10, &kl) ||
			    !kv(&kl, "count", val, sizeof(val)) ||
			    !kv(&kl, "pid", pid, sizeof(pid)) ||
			    !kv(&kl, "detail", out->rejected_detail,
				sizeof(out->rejected_detail)))
				return -EINVAL;
			out->rejected = strtoull(val, NULL, 10);
			out->rejected_pid = atoi(pid);
		} else if (!strncmp(buf, "kfunc_counts:", 13)) {
			if (kv_split(buf + 13, &kl))
				return -EINVAL;
			for (i = 1; i <= 4; i++) {
				char key[8];

				snprintf(key, sizeof(key), "test_%d", i);
				if (kv(&kl, key, val, sizeof(val)))
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
