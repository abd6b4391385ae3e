/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What sched_ext itself knows, for sched_ext_ops maps: its sysfs directory
 * (/sys/kernel/sched_ext: state, the root scheduler's name, its counters)
 * and, from the kernel log, each scheduler's enable and its exit with the
 * kernel's reason ('sched_ext: BPF scheduler "NAME" disabled (REASON)'),
 * since 6.12's sysfs keeps nothing once a scheduler has left.
 */
#ifndef SCX_H
#define SCX_H

#include <stdbool.h>
#include <stddef.h>

#define SCX_TYPE	"sched_ext_ops"
/* 7.x's other type, for schedulers written with SCX_OPS_CID_DEFINE (scx_qmap) */
#define SCX_TYPE_CID	"sched_ext_ops_cid"
#define SCX_SYSFS	"/sys/kernel/sched_ext"

#define SCX_COUNTERS	32

/* One of root/events' lines (7.x): "SCX_EV_SELECT_CPU_FALLBACK 12". */
struct scx_counter {
	char name[48];
	long long value;
};

/* /sys/kernel/sched_ext: each number is -1 if the file was not there. */
struct scx_sysfs {
	bool present;		/* the directory: CONFIG_SCHED_CLASS_EXT */
	char state[16];		/* enabling, enabled, disabling, disabled */
	bool has_root;		/* root/ exists: a scheduler is loaded */
	char root_ops[128];	/* root/ops: its name */
	long long switch_all;	/* 1: every task, 0: SCHED_EXT tasks only */
	long long nr_rejected;	/* tasks refused the SCHED_EXT policy */
	long long hotplug_seq;	/* CPU hotplug events */
	long long enable_seq;	/* schedulers enabled since boot */
	/*
	 * root/events: the running scheduler's event counters (since 6.15;
	 * 6.12 has no such file: nr_counters -1).
	 */
	int nr_counters;
	struct scx_counter counters[SCX_COUNTERS];
};

/* Is this struct_ops type one of sched_ext's (SCX_TYPE, SCX_TYPE_CID)? */
bool scx_is_type(const char *type);
/*
 * Does a map of map_type answer a question about type? The same type, or
 * both sched_ext's: either kind of map is the running scheduler.
 */
bool scx_type_matches(const char *type, const char *map_type);

/* Read dir (SCX_SYSFS, or a fake tree in the tests); 0, or -ENOENT. */
int scx_sysfs_read(const char *dir, struct scx_sysfs *s);

enum scx_event_kind { SCX_EV_NONE, SCX_EV_ENABLED, SCX_EV_DISABLED };

struct scx_event {
	int kind;		/* enum scx_event_kind */
	double time;		/* seconds since boot (the log's clock) */
	char sched[128];	/* the scheduler's name */
	char reason[64];	/* disabled: the kernel's words */
	const char *exit_kind;	/* disabled: "unreg", "error_stall", ... */
	bool error;		/* disabled: an error exit (kind >= SCX_EXIT_ERROR) */
	bool partial;		/* enabled: only SCHED_EXT tasks switched */
	char message[256];	/* disabled: the error's message line, if any */
};

/*
 * Parse one log line's text ("sched_ext: BPF scheduler \"simple\"
 * enabled"): fills ev and returns its kind, or SCX_EV_NONE.
 */
int scx_parse_line(const char *text, size_t len, struct scx_event *ev);
/* The kernel's exit kind for its reason text (scx_exit_reason()). */
const char *scx_exit_kind(const char *reason, bool *error);

#define SCX_HISTORY	8

struct scx_history {
	struct scx_event ev[SCX_HISTORY];	/* the newest, oldest first */
	int n;
	int err;		/* reading /dev/kmsg failed: -errno */
};

/*
 * Add one /dev/kmsg record ("6,12,345678,-;text\n"): an enable or exit
 * line is a new event, an exit's message line ("sched_ext: NAME: MSG")
 * goes with the exit just before it.
 */
void scx_history_add(struct scx_history *h, const char *record, size_t len);
/* Every sched_ext event in the kernel's log buffer (/dev/kmsg). */
void scx_history_read(struct scx_history *h);
/* The newest exit, or NULL. */
const struct scx_event *scx_last_exit(const struct scx_history *h);

/* "12.3 s ago: 'qmap' disabled: runnable task stall (error_stall): MSG" */
void scx_event_format(const struct scx_event *ev, double now, char *buf,
		      size_t size);

struct json;
/* "sched_ext": {...} as a JSON member: sysfs, and events if h. */
void scx_json(struct json *j, const struct scx_sysfs *s,
	      const struct scx_history *h);
/*
 * "sched_ext: state enabled, scheduler 'simple' (all tasks), enable_seq
 * 2, nr_rejected 0, hotplug_seq 0", the scheduler's non-zero counters
 * (root/events) if the kernel has them, then, if h, its events.
 */
void scx_print(const struct scx_sysfs *s, const struct scx_history *h,
	       const char *indent);

#endif /* SCX_H */
