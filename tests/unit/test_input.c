// SPDX-License-Identifier: GPL-2.0
/* Untrusted text in, safe text out: escaping, JSON strings, mountinfo. */
#include <stdlib.h>
#include <unistd.h>

#include "escape.h"
#include "json.h"
#include "members.h"
#include "pins.h"
#include "unit.h"

static void escapes(void)
{
	char buf[256];

	CHECK_STR(str_escape(buf, sizeof(buf), "plain name"), "plain name");
	CHECK_STR(str_escape(buf, sizeof(buf), "caf\xc3\xa9 \xe2\x82\xac"), "caf\xc3\xa9 \xe2\x82\xac");
	CHECK_STR(str_escape(buf, sizeof(buf), "a\nb\x1b[2J\x7f"), "a\\x0ab\\x1b[2J\\x7f");
	CHECK_STR(str_escape(buf, sizeof(buf), "back\\slash"), "back\\\\slash");
	CHECK_STR(str_escape(buf, sizeof(buf), "a\" pid=1"), "a\\x22 pid=1");
	/* C1 CSI as UTF-8 (U+009B) and as a raw byte */
	CHECK_STR(str_escape(buf, sizeof(buf), "\xc2\x9b" "1m|\x9b" "1m"), "\\xc2\\x9b1m|\\x9b1m");
	/* overlong '/', a surrogate, past U+10FFFF, a cut sequence */
	CHECK_STR(str_escape(buf, sizeof(buf), "\xc0\xaf|\xed\xa0\x80|\xf4\x90\x80\x80|\xe2\x82"),
		  "\\xc0\\xaf|\\xed\\xa0\\x80|\\xf4\\x90\\x80\\x80|\\xe2\\x82");
	CHECK_STR(str_sanitize(buf, sizeof(buf), "keep\\this\tnot"), "keep\\this\\x09not");
	/* cut to the buffer, never in the middle of an escape */
	CHECK_STR(str_escape(buf, 6, "ab\ncd"), "ab");
	/* a fixed-size field without a NUL */
	CHECK_STR(mem_escape(buf, sizeof(buf), "abc\x01", 4), "abc\\x01");
	CHECK_STR(mem_escape(buf, sizeof(buf), "ab\0cd", 5), "ab");
}

static void json_strings(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	json_write_escaped(f, "ok \xc3\xa9|\xff|\xc2\x9b|\x7f|\x1b|\xe2\x82");
	fclose(f);
	CHECK_STR(text, "\"ok \xc3\xa9|\\ufffd|\\u009b|\\u007f|\\u001b|\\ufffd\\ufffd\"");
	free(text);
}

static int collect(const char *mount_point, void *ctx)
{
	char *all = ctx;

	strcat(all, mount_point);
	strcat(all, ";");
	return 0;
}

static void mountinfo(void)
{
	const char *text =
		"22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
		"30 22 0:27 / /sys/fs/bpf rw,nosuid,nodev shared:11 - bpf bpf rw,mode=700\n"
		"31 22 0:28 / /mnt/with\\040space rw - bpf none rw\n"
		"32 22 0:29 / /mnt/not-bpf rw master:1 - bpfx x rw\n"
		"33 22 0:30 /sub /mnt/bind rw shared:3 master:4 - bpf bpf rw\n"
		"garbage without a separator\n"
		"34 22 0:31 - bpf\n";
	char all[512] = "";
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	CHECK(f != NULL, "fmemopen");
	pins_mounts_parse(f, collect, all);
	fclose(f);
	CHECK_STR(all, "/sys/fs/bpf;/mnt/with space;/mnt/bind;");
}

/* What the scan cannot see is said, not ignored. */
static void pin_scan_incomplete(void)
{
	struct pin_table t = {};

	CHECK_INT(pins_scan(scratch_dir(), &t), 0);
	CHECK(t.incomplete && strstr(t.incomplete, "is not a bpffs"),
	      "incomplete: %s", t.incomplete ? t.incomplete : "(null)");
	pins_free(&t);
	CHECK_INT(pins_scan_all("/nonexistent/mountinfo", &t), 0);
	CHECK(t.incomplete && strstr(t.incomplete, "so the bpffs mounts are unknown"),
	      "incomplete: %s", t.incomplete ? t.incomplete : "(null)");
	pins_free(&t);
}

/* A char array longer than 64 bytes (sched_ext_ops.name is 128). */
static void long_char_member(void)
{
	struct so_member sm = { .name = "name", .is_string = true, .size = 128,
				.len = 128 };
	char want[160], *text = NULL;
	size_t len = 0;
	struct json j;
	FILE *f;

	memset(sm.data, 'x', 128);
	f = open_memstream(&text, &len);
	json_init(&j, f, false);
	so_member_json(&j, &sm, false);
	fclose(f);
	snprintf(want, sizeof(want), "\"value\":\"%.128s\"}", (const char *)sm.data);
	CHECK(text && strstr(text, want), "got %s", text ? text : "(null)");
	free(text);
}

static void signed_member(void)
{
	struct so_member sm = { .name = "hid_id", .size = 4, .len = 4,
				.is_signed = true,
				.data = { 0xff, 0xff, 0xff, 0xff } };
	char *text = NULL;
	size_t len = 0;
	struct json j;
	FILE *f;

	CHECK_INT(so_member_int(&sm), -1);
	CHECK(so_member_uint(&sm) == 0xffffffffULL, "got %llu", so_member_uint(&sm));
	f = open_memstream(&text, &len);
	json_init(&j, f, false);
	so_member_json(&j, &sm, false);
	fclose(f);
	CHECK(text && strstr(text, "\"value\":-1}"), "got %s", text ? text : "(null)");
	free(text);
	sm.data[3] = 0x7f;	/* 0x7fffffff: positive */
	CHECK_INT(so_member_int(&sm), 0x7fffffff);
	sm.size = sm.len = 8;
	memset(sm.data, 0xff, 8);
	CHECK_INT(so_member_int(&sm), -1);
	sm.is_signed = false;
	f = open_memstream(&text, &len);
	json_init(&j, f, false);
	so_member_json(&j, &sm, false);
	fclose(f);
	CHECK(text && strstr(text, "\"value\":18446744073709551615}"), "got %s",
	      text ? text : "(null)");
	free(text);
}

const struct unit_test input_tests[] = {
	{ "escape: controls, C1, DEL, invalid UTF-8, backslash", escapes },
	{ "json: strings are valid UTF-8 without controls", json_strings },
	{ "pins: bpffs mount points from mountinfo", mountinfo },
	{ "pins: a scan that cannot see everything says so", pin_scan_incomplete },
	{ "members: a 128-byte char array in full, nothing past it", long_char_member },
	{ "members: a signed integer is shown signed (s32 -1 is -1)", signed_member },
	{}
};
