// SPDX-License-Identifier: GPL-2.0
/* Option parsing of `struct_ops run`, with its error messages. */
#include "run.h"
#include "struct_ops.h"
#include "unit.h"

#define ARGV(...) ((char *[]){ "struct_ops", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "struct_ops", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(o, ...) run_parse_args(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (o))

static void defaults(void)
{
	char *argv[] = { "struct_ops", NULL };
	struct run_opts o;

	CHECK_INT(run_parse_args(1, argv, &o), 0);
	CHECK_INT(o.count, 0);
	CHECK(o.interval == 2.0, "interval %g", o.interval);
	CHECK_STR(o.message, "Hello from userspace!");
	CHECK(!o.object && !o.legacy && !o.help, "unexpected choice");
}

static void all_options(void)
{
	struct run_opts o;

	CHECK_INT(PARSE(&o, "-c", "3", "--interval=0.25", "-m", "hi", "-q", "-v"), 0);
	CHECK_INT(o.count, 3);
	CHECK(o.interval == 0.25, "interval %g", o.interval);
	CHECK_STR(o.message, "hi");
	CHECK(g_opts.quiet && g_opts.verbose == 1, "global options not set");

	CHECK_INT(PARSE(&o, "--object", "x.bpf.o"), 0);
	CHECK_STR(o.object, "x.bpf.o");
	CHECK_INT(PARSE(&o, "-L"), 0);
	CHECK(o.legacy, "legacy not set");
	CHECK_INT(PARSE(&o, "-h"), 0);
	CHECK(o.help, "help not set");
}

static void expect_usage(int ret, const char *msg_part)
{
	const char *err = capture_stderr_end();

	CHECK_INT(ret, EXIT_USAGE);
	CHECK_CONTAINS(err, msg_part);
	CHECK(strchr(err, '\n') == err + strlen(err) - 1,
	      "want one line, got \"%s\"", err);
}

static void bad_numbers(void)
{
	struct run_opts o;
	int r;

	capture_stderr_begin();
	r = PARSE(&o, "-c", "abc");
	expect_usage(r, "Error: invalid count 'abc': expected a whole number");
	capture_stderr_begin();
	r = PARSE(&o, "-c", "-1");
	expect_usage(r, "invalid count '-1'");
	capture_stderr_begin();
	r = PARSE(&o, "-c", "99999999999999999999");
	expect_usage(r, "invalid count");
	capture_stderr_begin();
	r = PARSE(&o, "-i", "0");
	expect_usage(r, "invalid interval '0': expected seconds between 0.001 and 86400");
	capture_stderr_begin();
	r = PARSE(&o, "-i", "1s");
	expect_usage(r, "invalid interval '1s'");
	capture_stderr_begin();
	r = PARSE(&o, "-i", "nan");
	expect_usage(r, "invalid interval 'nan'");
}

static void bad_usage(void)
{
	struct run_opts o;
	int r;

	capture_stderr_begin();
	r = PARSE(&o, "--bogus");
	expect_usage(r, "unknown option '--bogus'");
	capture_stderr_begin();
	r = PARSE(&o, "-c");
	expect_usage(r, "option '-c' needs a value");
	capture_stderr_begin();
	r = PARSE(&o, "extra");
	expect_usage(r, "unexpected argument 'extra'");
	capture_stderr_begin();
	r = PARSE(&o, "-o", "x.o", "-L");
	expect_usage(r, "-o and -L both choose the object");
}

static void long_message_warns(void)
{
	char msg[300];
	struct run_opts o;
	const char *err;

	memset(msg, 'x', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	capture_stderr_begin();
	CHECK_INT(PARSE(&o, "-m", msg), 0);
	err = capture_stderr_end();
	CHECK_CONTAINS(err, "Warning: message is 299 bytes; the module passes only the first 256");
}

const struct unit_test opts_tests[] = {
	{ "run options: defaults", defaults },
	{ "run options: every option", all_options },
	{ "run options: bad numbers are usage errors", bad_numbers },
	{ "run options: unknown, missing, extra, conflicting", bad_usage },
	{ "run options: long message warns", long_message_warns },
	{}
};
