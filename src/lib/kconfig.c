// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <zlib.h>

#include "kconfig.h"

#define KCONFIG_MAX (4 << 20)

int kconfig_load_file(struct kconfig *kc, const char *path)
{
	size_t used = 0;
	gzFile f;
	int n;

	memset(kc, 0, sizeof(*kc));
	f = gzopen(path, "rb");	/* reads plain files too */
	if (!f)
		return -ENOENT;
	kc->text = malloc(KCONFIG_MAX + 1);
	if (!kc->text) {
		gzclose(f);
		return -ENOMEM;
	}
	while (used < KCONFIG_MAX &&
	       (n = gzread(f, kc->text + used, KCONFIG_MAX - used)) > 0)
		used += n;
	gzclose(f);
	kc->text[used] = '\0';
	if (!used) {
		kconfig_free(kc);
		return -ENOENT;
	}
	snprintf(kc->source, sizeof(kc->source), "%s", path);
	return 0;
}

int kconfig_load(struct kconfig *kc)
{
	struct utsname u;
	char path[128];

	if (!kconfig_load_file(kc, "/proc/config.gz"))
		return 0;
	if (uname(&u))
		return -errno;
	snprintf(path, sizeof(path), "/boot/config-%s", u.release);
	return kconfig_load_file(kc, path);
}

void kconfig_free(struct kconfig *kc)
{
	free(kc->text);
	kc->text = NULL;
}

const char *kconfig_get(const struct kconfig *kc, const char *name,
			char *buf, size_t size)
{
	char key[128];
	const char *p, *v;
	size_t klen, len;

	if (!kc->text)
		return NULL;
	klen = snprintf(key, sizeof(key), "CONFIG_%s=", name);
	for (p = kc->text; (p = strstr(p, key)); p += klen) {
		if (p != kc->text && p[-1] != '\n')
			continue;	/* a longer name ending in this one */
		v = p + klen;
		len = strcspn(v, "\n");
		if (len >= 2 && v[0] == '"' && v[len - 1] == '"') {
			v++;
			len -= 2;
		}
		if (len >= size)
			len = size - 1;
		memcpy(buf, v, len);
		buf[len] = '\0';
		return buf;
	}
	return NULL;
}
