// SPDX-License-Identifier: GPL-2.0
/* /dev/kmsg records, the JSON writer, number parsing. */
#include <errno.h>
#include <stdlib.h>

#include "json.h"
#include "kconfig.h"
#include "kmsg.h"
#include "loader.h"
#include "objtype.h"
#include "struct_ops.h"
#include "unit.h"

static void kmsg_records(void)
{
	const char *text;
	size_t len;

	text = kmsg_record_text("6,1234,5678901,-;hello: test_1() returned: 42\n", &len);
	CHECK(text != NULL, "no text");
	if (text)
		CHECK(len == strlen("hello: test_1() returned: 42") &&
		      !strncmp(text, "hello: test_1() returned: 42", len),
		      "got \"%.*s\"", (int)len, text);
	/* continuation lines (" KEY=value") have no ';' */
	CHECK(kmsg_record_text(" SUBSYSTEM=module\n", &len) == NULL, "parsed a continuation");
}

static void json_writer(void)
{
	char *buf = NULL;
	size_t size = 0;
	struct json j;
	FILE *f;

	f = open_memstream(&buf, &size);
	json_init(&j, f, false);
	json_begin_object(&j);
	json_kv_string(&j, "name", "a\"b\\c\n\x01");
	json_kv_uint(&j, "id", 12);
	json_kv_int(&j, "neg", -3);
	json_key(&j, "pids");
	json_begin_array(&j);
	json_uint(&j, 1);
	json_uint(&j, 2);
	json_end_array(&j);
	json_key(&j, "empty");
	json_begin_object(&j);
	json_end_object(&j);
	json_kv_bool(&j, "ok", true);
	json_key(&j, "t");
	json_double(&j, 1.5, 3);
	json_key(&j, "none");
	json_null(&j);
	json_end_object(&j);
	json_finish(&j);
	fclose(f);
	CHECK_STR(buf, "{\"name\":\"a\\\"b\\\\c\\n\\u0001\",\"id\":12,\"neg\":-3,"
		  "\"pids\":[1,2],\"empty\":{},\"ok\":true,\"t\":1.500,\"none\":null}\n");
	free(buf);
}

static void json_pretty(void)
{
	char *buf = NULL;
	size_t size = 0;
	struct json j;
	FILE *f;

	f = open_memstream(&buf, &size);
	json_init(&j, f, true);
	json_begin_object(&j);
	json_kv_uint(&j, "a", 1);
	json_key(&j, "b");
	json_begin_array(&j);
	json_string(&j, "x");
	json_end_array(&j);
	json_end_object(&j);
	json_finish(&j);
	fclose(f);
	CHECK_STR(buf, "{\n  \"a\": 1,\n  \"b\": [\n    \"x\"\n  ]\n}\n");
	free(buf);
}

static void numbers(void)
{
	unsigned long v;
	double d;

	CHECK_INT(parse_uint("0", "n", 10, &v), 0);
	CHECK_INT(v, 0);
	CHECK_INT(parse_uint("10", "n", 10, &v), 0);
	capture_stderr_begin();
	CHECK(parse_uint("11", "n", 10, &v) < 0, "11 > max accepted");
	CHECK(parse_uint("", "n", 10, &v) < 0, "empty accepted");
	CHECK(parse_uint("+1", "n", 10, &v) < 0, "+1 accepted");
	CHECK(parse_seconds("1e9", "s", &d) < 0, "1e9 accepted");
	capture_stderr_end();
	CHECK_INT(parse_seconds("0.5", "s", &d), 0);
	CHECK(d == 0.5, "got %g", d);
}

static void kconfig_values(void)
{
	struct kconfig kc = {
		.text = "# comment\nCONFIG_MODULES=y\nCONFIG_DEBUG_INFO_BTF_MODULES=y\n"
			"# CONFIG_FOO is not set\nCONFIG_PAHOLE_VERSION=124\n"
			"CONFIG_LOCALVERSION=\"-x\"\nCONFIG_ONE_QUOTE=\"\nCONFIG_EMPTY=\"\"\n",
	};
	char buf[32];

	CHECK(kconfig_get(&kc, "MODULES", buf, sizeof(buf)) && !strcmp(buf, "y"),
	      "MODULES");
	/* DEBUG_INFO_BTF is a prefix of DEBUG_INFO_BTF_MODULES, not set itself */
	CHECK(!kconfig_get(&kc, "DEBUG_INFO_BTF", buf, sizeof(buf)), "prefix matched");
	/* BTF_MODULES is a suffix of a longer name */
	CHECK(!kconfig_get(&kc, "INFO_BTF_MODULES", buf, sizeof(buf)), "suffix matched");
	CHECK(!kconfig_get(&kc, "FOO", buf, sizeof(buf)), "unset FOO found");
	CHECK(kconfig_get(&kc, "PAHOLE_VERSION", buf, sizeof(buf)) &&
	      !strcmp(buf, "124"), "PAHOLE_VERSION");
	CHECK(kconfig_get(&kc, "LOCALVERSION", buf, sizeof(buf)) &&
	      !strcmp(buf, "-x"), "quoted value");
	/* a lone quote is a value of one quote, not a length of -1 */
	CHECK(kconfig_get(&kc, "ONE_QUOTE", buf, sizeof(buf)) &&
	      !strcmp(buf, "\""), "lone quote");
	CHECK(kconfig_get(&kc, "EMPTY", buf, sizeof(buf)) && !buf[0], "empty quotes");
	kc.text = NULL;
	CHECK(!kconfig_get(&kc, "MODULES", buf, sizeof(buf)), "no config");
}

static void flavor_names(void)
{
	char buf[64];

	obj_kernel_type_name("bpf_testmod_ops___v2", buf, sizeof(buf));
	CHECK_STR(buf, "bpf_testmod_ops");
	obj_kernel_type_name("bpf_testmod_ops", buf, sizeof(buf));
	CHECK_STR(buf, "bpf_testmod_ops");
	obj_kernel_type_name("a__b___c___d", buf, sizeof(buf));
	CHECK_STR(buf, "a__b");
	obj_kernel_type_name("long_type_name", buf, 5);
	CHECK_STR(buf, "long");
}

/* A newline or escape in user input cannot make an error two lines. */
static void one_line_errors(void)
{
	const char *err;

	capture_stderr_begin();
	p_err("invalid name '%s': give 1 to 15 characters", "a\nError: forged\x1b[2J");
	err = capture_stderr_end();
	CHECK_STR(err, "Error: invalid name 'a\\x0aError: forged\\x1b[2J': give 1 to 15 characters\n");
}

/* A verifier log as the kernel writes it into a program's buffer. */
static void verifier_log(void)
{
	static const char log[] =
		"func#0 @0\n"
		"0: R1=ctx() R10=fp0\n"
		"; bpf_probe_read_kernel(copy, n, buf); @ clamp.bpf.c:24\n"
		"19: (85) call bpf_probe_read_kernel#113\n"
		"R2 min value is negative, either use unsigned or 'var &= const'\n"
		"processed 27 insns (limit 1000000) max_states_per_insn 0\n";
	char verdict[128];
	const char *err;

	CHECK_INT(verifier_verdict(log, verdict, sizeof(verdict)), 0);
	CHECK_STR(verdict, "R2 min value is negative, either use unsigned or 'var &= const'");
	CHECK_INT(verifier_verdict("", verdict, sizeof(verdict)), -ENOENT);
	capture_stderr_begin();
	verifier_print_tail(log, 2);
	err = capture_stderr_end();
	CHECK_STR(err, "  verifier: 19: (85) call bpf_probe_read_kernel#113\n"
		  "  verifier: R2 min value is negative, either use unsigned or 'var &= const'\n");
}

/* 7.x: a report follows the error line; the verdict is still that line. */
static void verifier_log_report(void)
{
	static const char log[] =
		"0: (79) r1 = *(u64 *)(r1 +0)          ; R1=trusted_ptr_or_null_m(id=1)\n"
		"1: (61) r0 = *(u32 *)(r1 +0)\n"
		"R1 invalid mem access 'trusted_ptr_or_null_'\n"
		"\n"
		"Verification failed: Register Type Safety: Invalid dereference\n"
		"\n"
		"Reason:\n"
		"  R1 may be NULL here.\n"
		"\n"
		"At:\n"
		"  test_4 @ t.bpf.c:15:5\n"
		"  Instruction context:\n"
		"  >>> 1 | (61) r0 = *(u32 *)(r1 +0)\n"
		"\n"
		"Suggestion:\n"
		"  Add a NULL check.\n"
		"processed 2 insns (limit 1000000) max_states_per_insn 0\n";
	char verdict[128];
	const char *err;

	CHECK_INT(verifier_verdict(log, verdict, sizeof(verdict)), 0);
	CHECK_STR(verdict, "R1 invalid mem access 'trusted_ptr_or_null_'");
	capture_stderr_begin();
	verifier_print_tail(log, 1);
	err = capture_stderr_end();
	CHECK_STR(err, "  verifier: R1 invalid mem access 'trusted_ptr_or_null_'\n"
		  "  verifier: Verification failed: Register Type Safety: Invalid dereference\n"
		  "  verifier: Reason:\n"
		  "  verifier:   R1 may be NULL here.\n"
		  "  verifier: Suggestion:\n"
		  "  verifier:   Add a NULL check.\n");
}

const struct unit_test misc_tests[] = {
	{ "verifier log: the verdict and the last lines", verifier_log },
	{ "verifier log: 7.x's report after the verdict", verifier_log_report },
	{ "kernel config values", kconfig_values },
	{ "type flavors: ___suffix stripped", flavor_names },
	{ "kmsg record text", kmsg_records },
	{ "json: compact output and escapes", json_writer },
	{ "json: pretty output", json_pretty },
	{ "numbers: ranges and junk", numbers },
	{ "messages: control bytes from input stay on one line", one_line_errors },
	{}
};
