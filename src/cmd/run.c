// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops run (the default command): the seed's loader. Check that the
 * type exists and is free, open, load, attach, trigger, and detach when
 * stopped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf_testmod.h"
#include "cli.h"
#include "attach.h"
#include "explain.h"
#include "json.h"
#include "loader.h"
#include "modstatus.h"
#include "objtype.h"
#include "registry.h"
#include "run.h"
#include "struct_ops.h"

#define DEFAULT_INTERVAL	2
#define BPF_TESTMOD_NAME_MAX	15	/* BPF_TESTMOD_NAME_LEN - 1 */
#define MAX_COUNT		1000000000UL

_Static_assert(BPF_TESTMOD_NAME_MAX == BPF_TESTMOD_NAME_LEN - 1, "help text");

/* Under -j: the run's one document, an object written as the run goes. */
static struct json run_doc;
static struct json *run_json(void)
{
	return g_opts.json ? &run_doc : NULL;
}

static int run_opt(void *ctx, int key, const char *arg);
static int do_run(int argc, char **argv);

const struct cli_cmd cmd_run = {
	.name = "run",
	.usage_name = "[run]",
	.summary = "load, attach and trigger the implementation (default)",
	.descr =
		"Load the " OPS_TYPE " implementation, attach it, write MESSAGE to\n"
		BPF_TESTMOD_TRIGGER " once and then every INTERVAL seconds, showing\n"
		"what the module logged; detach and exit 0 on SIGINT/SIGTERM or after\n"
		"COUNT triggers. Under -j the whole run is one JSON document, printed\n"
		"at exit: the map, link and programs, each trigger's kernel lines, and\n"
		"why it stopped.",
	.opts = (const struct cli_opt[]){
		{ 'c', "count", "COUNT", "exit after COUNT triggers (default: run until stopped)" },
		{ 'i', "interval", "SECONDS", "time between triggers (default: " STR(DEFAULT_INTERVAL) "; fractions allowed)" },
		{ 'm', "message", "TEXT", "bytes to write on each trigger\n(default: \"" DEFAULT_TRIGGER_MESSAGE "\")" },
		{ 'o', "object", "FILE", "load this BPF object instead of the built-in one" },
		{ 'L', "legacy", NULL, "use the built-in object whose map is plain .struct_ops\n"
				       "(the seed's: its registration outlives a killed loader)" },
		{ 'P', "pin", "PATH", "pin the link at PATH (in bpffs) and leave the\n"
				      "implementation attached on exit; '" PROG_NAME " detach PATH'\n"
				      "removes it" },
		{ 'n', "name", "NAME", "set the data member name, a char array: 1 to its size - 1\n"
				       "characters (the example's " OPS_TYPE ": 1 to " STR(BPF_TESTMOD_NAME_MAX) ")" },
		{ 'f', "flags", "FLAGS", "set the data member flags, a 32-bit number; the type's\n"
					 "module checks its bits (the example's " OPS_TYPE ":\n"
					 "0x1 echo, 0x2 timing)" },
		{ 'r', "require", "OP", "fail if the running kernel's type lacks operator\n"
				       "OP, instead of disabling it with a warning" },
		{ 'N', "no-trigger", NULL, "attach and wait for a signal without triggering\n"
					   "(for struct_ops types of other subsystems, such\n"
					   "as a BPF tcp_congestion_ops)" },
		{}
	},
	.footer =
		"Exit status: 0 stopped by a signal or COUNT reached, 1 failure,\n"
		"2 bad usage, 3 another implementation is registered (its holder is named),\n"
		"4 the kernel detached the implementation.\n",
	.opt = run_opt,
	.main = do_run,
};

static int run_opt(void *ctx, int key, const char *arg)
{
	struct run_opts *o = ctx;
	size_t nreq;
	char *end;

	switch (key) {
	case 'c':
		return parse_uint(arg, "count", MAX_COUNT, &o->count) ? EXIT_USAGE : 0;
	case 'i':
		return parse_seconds(arg, "interval", &o->interval) ? EXIT_USAGE : 0;
	case 'm':
		if (strlen(arg) > BPF_TESTMOD_BUF_SIZE)
			p_warn("message is %zu bytes; the module passes only the first %d to test_3",
			       strlen(arg), BPF_TESTMOD_BUF_SIZE);
		o->message = arg;
		return 0;
	case 'o':
		o->object = arg;
		return 0;
	case 'L':
		o->legacy = true;
		return 0;
	case 'P':
		o->pin = arg;
		return 0;
	case 'n':
		/* the limit is the member's size, known once the object is open */
		o->name = arg;
		return 0;
	case 'f':
		errno = 0;
		o->flags = strtoul(arg, &end, 0);
		if (errno || !arg[0] || *end || arg[0] == '-' ||
		    o->flags > 0xffffffffUL) {
			p_err("invalid flags '%s': expected a 32-bit number such as 0x3",
			      arg);
			return EXIT_USAGE;
		}
		o->has_flags = true;
		return 0;
	case 'N':
		o->no_trigger = true;
		return 0;
	default:	/* 'r' */
		for (nreq = 0; o->required[nreq]; nreq++)
			;
		if (nreq == sizeof(o->required) / sizeof(o->required[0]) - 1) {
			p_err("at most %zu --require options", nreq);
			return EXIT_USAGE;
		}
		o->required[nreq] = arg;
		return 0;
	}
}

int run_parse_args(int argc, char **argv, struct run_opts *o)
{
	int first, r;

	memset(o, 0, sizeof(*o));
	o->interval = DEFAULT_INTERVAL;
	o->message = DEFAULT_TRIGGER_MESSAGE;
	r = cli_parse(&cmd_run, argc, argv, o, &first);
	if (r == EXIT_OK)
		o->help = true;		/* the usage is printed */
	if (r != CLI_GO)
		return r;
	if (o->object && o->legacy) {
		p_err("-o and -L both choose the object: give one of them");
		return EXIT_USAGE;
	}
	if (o->no_trigger && o->count) {
		p_err("-N waits for a signal without triggering: -c has nothing to count");
		return EXIT_USAGE;
	}
	if (o->pin && o->legacy) {
		p_err("-P pins a link, and the legacy object (-L) has none: drop one of them");
		return EXIT_USAGE;
	}
	return 0;
}

/* Under -j: how the run ended. */
static void json_stop(const char *stopped, bool attached)
{
	if (!run_json())
		return;
	json_kv_string(run_json(), "stopped", stopped);
	if (run_stop_signal)
		json_kv_string(run_json(), "signal", run_stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
	json_kv_bool(run_json(), "attached", attached);
}


/* Milliseconds of each step, for -j ("timing_ms"); -1: not reached. */
struct run_timing {
	double open, btf, load, attach, detach;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void json_timing(const struct run_timing *t)
{
	const double v[] = { t->open, t->btf, t->load, t->attach, t->detach };
	static const char *const k[] = { "open", "btf", "load", "attach", "detach" };
	size_t i;

	json_key(run_json(), "timing_ms");
	json_begin_object(run_json());
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		json_key(run_json(), k[i]);
		if (v[i] < 0)
			json_null(run_json());
		else
			json_double(run_json(), v[i], 3);
	}
	json_end_object(run_json());
}

/* One implementation at a time is hello.ko's rule, not every type's. */
static int hello_free(const char *owner, const char *type)
{
	return strcmp(owner, OPS_MODULE) ? 0 : attach_check_free(type);
}

static int do_run(int argc, char **argv)
{
	struct run_timing timing = { -1, -1, -1, -1, -1 };
	double t;
	struct loader ld = {};
	struct bpf_object *obj;
	struct bpf_link *link = NULL;
	enum stop_reason why;
	char declared[128], type[128], owner[64];
	struct run_opts o;
	struct bpf_map *map = NULL;
	bool link_mode, tried, fast;
	int ret = EXIT_FAIL, err;

	err = run_parse_args(argc, argv, &o);
	if (err || o.help)
		return err;

	run_catch_signals();
	if (run_json()) {
		json_init(run_json(), out_json(), g_opts.pretty);
		json_begin_object(run_json());
	}

	t = now_ms();
	ret = run_prepare(&o, &ld, &map, declared, type);
	if (ret)
		goto out;
	timing.open = now_ms() - t;
	link_mode = bpf_map__map_flags(map) & BPF_F_LINK;
	/*
	 * First try: load as is, and read from the map which kernel BTF it
	 * bound to; libbpf's is then the only parse of the kernel's BTF. If
	 * the load fails, or -r/-v ask for the full look, the object is
	 * opened again and loaded after the checks that name what is missing
	 * and disable what the kernel's type lacks (obj_compat_adjust).
	 */
	ret = EXIT_FAIL;
	t = now_ms();
	tried = !o.required[0] && !g_opts.verbose;
	fast = tried && !loader_try_load(&ld);
	if (fast) {
		timing.load = now_ms() - t;
		t = now_ms();
		if (attach_loaded_owner(map, type, owner, sizeof(owner)))
			goto out;
		timing.btf = now_ms() - t;
		ret = hello_free(owner, type);
		if (ret)
			goto out;
		ret = EXIT_FAIL;
	} else {
		if (tried) {
			loader_close(&ld);
			ret = run_prepare(&o, &ld, &map, declared, type);
			if (ret)
				goto out;
			ret = EXIT_FAIL;
		}
		t = now_ms();
		if (attach_check_type(type, owner, sizeof(owner)))
			goto out;
		timing.btf = now_ms() - t;
		ret = hello_free(owner, type);
		if (ret)
			goto out;
		ret = EXIT_FAIL;
		if (obj_compat_adjust(ld.obj, map, o.required))
			goto out;
		t = now_ms();
		if (loader_load(&ld))
			goto out;
		timing.load = now_ms() - t;
	}
	obj = ld.obj;
	if (run_stop_signal) {
		p_info("exiting: %s received before attaching; nothing attached",
		       strsignal(run_stop_signal));
		json_stop("signal", false);
		ret = EXIT_OK;
		goto out;
	}
	t = now_ms();
	link = attach_map(map, type, owner);
	timing.attach = now_ms() - t;
	if (!link) {
		ret = errno == EEXIST ? EXIT_BUSY : EXIT_FAIL;
		goto out;
	}
	run_describe(run_json(), obj, map, link, link_mode, type);
	if (run_json()) {
		json_key(run_json(), "pinned");
		if (o.pin)
			json_string(run_json(), o.pin);
		else
			json_null(run_json());
	}
	if (o.pin && attach_pin(link, o.pin)) {
		attach_detach(link, link_mode);
		link = NULL;
		goto out;
	}
	if (o.no_trigger)
		p_info("attached; not triggering (-N); Ctrl-C detaches and exits");
	else if (o.count != 1)
		p_info("triggering every %g s%s; Ctrl-C detaches and exits",
		       o.interval, o.count ? "" : " until stopped");

	why = run_serve(run_json(), &o, link, link_mode);
	switch (why) {
	case STOP_KERNEL_DETACH:
		/* The link is already detached: closing it is all that is left. */
		bpf_link__destroy(link);
		link = NULL;
		json_stop("kernel detach", false);
		run_report_kernel_detach(run_json());
		ret = EXIT_DETACHED;
		goto out;
	case STOP_OUTPUT:
		p_err("standard output was closed (its reader exited?): detaching and stopping");
		goto out;
	case STOP_ERROR:
		p_info("exiting: error (see above); detaching");
		goto out;
	case STOP_COUNT:
	case STOP_SIGNAL:
		break;
	}
	if (link && o.pin) {
		/* the pin keeps the link, and the implementation, alive */
		bpf_link__disconnect(link);
		bpf_link__destroy(link);
		link = NULL;
		if (run_stop_signal)
			p_info("exiting: %s received; left attached, pinned at %s ('%s detach %s' removes it)",
			       strsignal(run_stop_signal), o.pin, PROG_NAME, o.pin);
		else
			p_info("exiting: %lu trigger%s done; left attached, pinned at %s ('%s detach %s' removes it)",
			       o.count, o.count == 1 ? "" : "s", o.pin, PROG_NAME, o.pin);
		json_stop(run_stop_signal ? "signal" : "count", true);
		ret = EXIT_OK;
		goto out;
	}
	t = now_ms();
	err = link ? attach_detach(link, link_mode) : 0;
	timing.detach = now_ms() - t;
	link = NULL;
	if (err)
		goto out;
	if (run_stop_signal)
		p_info("exiting: %s received; detached", strsignal(run_stop_signal));
	else
		p_info("exiting: %lu trigger%s done; detached", o.count,
		       o.count == 1 ? "" : "s");
	json_stop(run_stop_signal ? "signal" : "count", false);
	ret = EXIT_OK;
out:
	bpf_link__destroy(link);
	loader_close(&ld);
	if (run_json()) {
		json_timing(&timing);
		json_end_object(run_json());
		json_finish(run_json());
	}
	return ret;
}
