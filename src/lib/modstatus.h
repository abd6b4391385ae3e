/* SPDX-License-Identifier: GPL-2.0 */
/* The module's own account: /proc/bpf_testmod_status, parsed. */
#ifndef MODSTATUS_H
#define MODSTATUS_H

#include <stdbool.h>
#include <stddef.h>

#define MODSTATUS_FILE		"/proc/bpf_testmod_status"
#define MODSTATUS_HISTORY	8

struct mod_impl {
	char name[16];		/* the implementation's name member */
	unsigned int flags;
	char owner[32];
	int pid;
	bool has_link;
	double since;		/* CLOCK_BOOTTIME seconds */
};

struct mod_event {
	double time;		/* CLOCK_BOOTTIME seconds */
	char reason[32];	/* "user detach", "link released", ... */
	struct mod_impl impl;
	unsigned long long triggers;
	char detail[64];
};

struct mod_status {
	bool registered;
	struct mod_impl impl;	/* valid if registered */
	unsigned long long triggers;
	unsigned long long kfunc_counts[5];	/* [1..4]: test_1..test_4 */
	struct mod_event history[MODSTATUS_HISTORY];	/* oldest first */
	int history_len;
	/* the last implementation .init_member or .validate refused */
	unsigned long long rejected;	/* how many so far; 0: none */
	int rejected_pid;		/* the loader it refused */
	char rejected_detail[64];	/* why */
};

/*
 * Parse the file's text. Lines with an unknown key are skipped (a newer
 * module may say more). Returns 0, or -EINVAL on a line it cannot read.
 */
int mod_status_parse(const char *text, struct mod_status *out);
/* Read and parse the file; -ENOENT if the module is not loaded. */
int mod_status_read(struct mod_status *out);
/* "kernel detach (requested through bpf_testmod_ctl)" for the newest event. */
void mod_event_format(const struct mod_event *ev, double now, char *buf,
		      size_t size);

#endif /* MODSTATUS_H */
