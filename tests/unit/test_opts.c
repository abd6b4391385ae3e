// SPDX-License-Identifier: GPL-2.0
/*
 * The command contract's parser (cli.c) with a command of the test's own:
 * options with and without values, a long-only option, global options
 * anywhere, help generated from the table, every usage error one line.
 */
#include <stdlib.h>

#include "cli.h"
#include "struct_ops.h"
#include "unit.h"

#define ARGV(...) ((char *[]){ "demo", __VA_ARGS__, NULL })
#define ARGC(...) ((int)(sizeof((char *[]){ "demo", __VA_ARGS__ }) / sizeof(char *)))
#define PARSE(...) cli_parse(&demo_cmd, ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), &got, &first)

enum { OPT_LONG = CLI_LONG_ONLY + 1 };

struct demo_opts {
	unsigned long count;
	const char *name;
	bool flag, long_only;
};

static int demo_opt(void *ctx, int key, const char *arg)
{
	struct demo_opts *o = ctx;

	switch (key) {
	case 'c':
		return parse_count(arg, "count", 10, &o->count) ? EXIT_USAGE : 0;
	case 'n':
		o->name = arg;
		return 0;
	case 'F':
		o->flag = true;
		return 0;
	default:
		o->long_only = true;
		return 0;
	}
}

static const struct cli_cmd demo_cmd = {
	.name = "demo",
	.summary = "a command for the tests",
	.synopsis = "[THING]",
	.descr = "Does nothing.",
	.opts = (const struct cli_opt[]){
		{ 'c', "count", "N", "how many\n(1 to 10)" },
		{ 'n', "name", "NAME", "a name" },
		{ 'F', "flag", NULL, "a flag" },
		{ OPT_LONG, "long-only", NULL, "no short form" },
		{}
	},
	.max_args = 1,
	.opt = demo_opt,
};

static struct demo_opts got;
static int first;

static void reset(void)
{
	memset(&got, 0, sizeof(got));
	memset(&g_opts, 0, sizeof(g_opts));
}

static void options(void)
{
	reset();
	CHECK_INT(PARSE("-c", "3", "--name=x", "-F", "--long-only", "thing"), CLI_GO);
	CHECK_INT(got.count, 3);
	CHECK_STR(got.name, "x");
	CHECK(got.flag && got.long_only, "flags not set");
	CHECK_INT(first, 6);
	reset();
	/* global options before, between and after, short and long */
	CHECK_INT(PARSE("-j", "-c2", "--quiet", "thing", "-v", "-v"), CLI_GO);
	CHECK(g_opts.json && g_opts.quiet && g_opts.verbose == 2, "global options");
	CHECK_INT(got.count, 2);
	reset();
	CHECK(cli_global_arg("-jq") && g_opts.json && g_opts.quiet, "-jq");
	CHECK(!cli_global_arg("-jx"), "-jx is not global");
	CHECK(cli_global_arg("--pretty") && g_opts.pretty, "--pretty");
	reset();
}

static void expect_usage(int ret, const char *want)
{
	const char *err = capture_stderr_end();

	CHECK_INT(ret, EXIT_USAGE);
	CHECK_STR(err, want);
}

static void usage_errors(void)
{
	int r;

	reset();
	capture_stderr_begin();
	r = PARSE("-x");
	expect_usage(r, "Error: unknown option '-x' for 'demo' (see 'struct_ops demo -h')\n");
	capture_stderr_begin();
	r = PARSE("--bogus=1");
	expect_usage(r, "Error: unknown option '--bogus' for 'demo' (see 'struct_ops demo -h')\n");
	capture_stderr_begin();
	r = PARSE("-c");
	expect_usage(r, "Error: option '-c' needs a value (see 'struct_ops demo -h')\n");
	capture_stderr_begin();
	r = PARSE("--name");
	expect_usage(r, "Error: option '--name' needs a value (see 'struct_ops demo -h')\n");
	capture_stderr_begin();
	r = PARSE("a", "b");
	expect_usage(r, "Error: unexpected argument 'b' (see 'struct_ops demo -h')\n");
	/* the option's own check: one line from parse_count */
	capture_stderr_begin();
	r = PARSE("-c", "0");
	expect_usage(r, "Error: invalid count '0': expected a whole number from 1 to 10\n");
	capture_stderr_begin();
	r = PARSE("-c", "x1");
	expect_usage(r, "Error: invalid count 'x1': expected a whole number from 1 to 10\n");
	reset();
}

static void help_from_table(void)
{
	FILE *f = tmpfile();
	char text[2048] = "";
	size_t n;

	cli_usage(&demo_cmd, f);
	rewind(f);
	n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = '\0';
	fclose(f);
	CHECK_CONTAINS(text, "Usage: struct_ops demo [OPTIONS] [THING]\n\nDoes nothing.\n");
	CHECK_CONTAINS(text, "  -c, --count N           how many\n"
			     "                          (1 to 10)\n");
	CHECK_CONTAINS(text, "      --long-only         no short form\n");
	CHECK_CONTAINS(text, "  -j, --json              JSON output");
	/* -h: the usage, on stderr under -j (stdout is the JSON document) */
	reset();
	g_opts.json = true;
	capture_stderr_begin();
	CHECK_INT(PARSE("-h"), EXIT_OK);
	CHECK_CONTAINS(capture_stderr_end(), "Usage: struct_ops demo [OPTIONS] [THING]");
	reset();
}

static void numbers(void)
{
	unsigned long v;
	double d;

	capture_stderr_begin();
	CHECK_INT(parse_uint("-1", "count", 5, &v), -22);
	CHECK_INT(parse_uint("99999999999999999999", "count", ~0UL, &v), -22);
	CHECK_INT(parse_seconds("0", "interval", &d), -22);
	CHECK_INT(parse_seconds("nan", "interval", &d), -22);
	CHECK_INT(parse_seconds("1s", "interval", &d), -22);
	capture_stderr_end();
	CHECK_INT(parse_seconds("0.25", "interval", &d), 0);
	CHECK(d == 0.25, "interval %g", d);
}

const struct unit_test opts_tests[] = {
	{ "command contract: options, values, global options anywhere", options },
	{ "command contract: every usage error is one Error line", usage_errors },
	{ "command contract: help generated from the command's table", help_from_table },
	{ "command contract: numbers and durations", numbers },
	{}
};
