/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The members of a registered struct_ops value, decoded through the BTF
 * that defines its type: which BPF program implements each operator.
 */
#ifndef MEMBERS_H
#define MEMBERS_H

#include <stdbool.h>
#include <linux/types.h>

/* data kept per member: sched_ext_ops.name is 128 bytes */
#define SO_MEMBER_DATA_MAX 256

struct so_member {
	char name[64];
	bool is_func;
	bool is_string;		/* a char array */
	bool is_signed;		/* a signed integer (or enum): shown signed */
	__u32 offset;		/* bytes, in the ops struct */
	__u32 size;		/* bytes, in the type */
	__u32 len;		/* bytes of it in data: at most SO_MEMBER_DATA_MAX */
	__u32 prog_id;		/* operator: its program, 0 if none */
	char prog_name[128];	/* in full, from BTF func info */
	__u64 run_cnt;		/* with kernel.bpf_stats_enabled=1 */
	__u64 run_time_ns;
	unsigned char data[SO_MEMBER_DATA_MAX];	/* data member: its bytes */
};

struct so_members {
	struct so_member *m;
	int n;
};

/* A data member of up to 8 bytes as a number (little endian). */
unsigned long long so_member_uint(const struct so_member *m);
/* The same, sign-extended from the member's size (s32 -1 is -1). */
long long so_member_int(const struct so_member *m);

struct json;
/*
 * One member on one line after indent: "test_1       prog 7 'test_1'"
 * (with stats: ": run_cnt N, run_time_ns T"), "name         \"seed\"",
 * "flags        3 (0x3)", "id           -1 (0xffffffff)" (a signed
 * member), "set_state    (none)".
 */
void so_member_print(const struct so_member *sm, const char *indent,
		     bool stats);
/* The same as a JSON object. */
void so_member_json(struct json *j, const struct so_member *sm, bool stats);

/* Decode map map_id's value. Returns 0 or -errno. */
int so_members_read(__u32 map_id, struct so_members *out);
void so_members_free(struct so_members *ms);

#endif /* MEMBERS_H */
