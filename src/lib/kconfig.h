/* SPDX-License-Identifier: GPL-2.0 */
/* The running kernel's build configuration, when the system exposes it. */
#ifndef KCONFIG_H
#define KCONFIG_H

#include <stddef.h>

struct kconfig {
	char *text;		/* the whole .config, NULL if not found */
	char source[128];	/* where it came from */
};

/* Read /proc/config.gz, else /boot/config-$(uname -r). 0 or -ENOENT. */
int kconfig_load(struct kconfig *kc);
/* Read a .config file (plain or gzip). */
int kconfig_load_file(struct kconfig *kc, const char *path);
void kconfig_free(struct kconfig *kc);
/*
 * CONFIG_name's value ("y", "m", "124") copied into buf, or NULL if it is
 * not set (or there is no config).
 */
const char *kconfig_get(const struct kconfig *kc, const char *name,
			char *buf, size_t size);

#endif /* KCONFIG_H */
