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
#include <sys/epoll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf_testmod.h"
#include "cli.h"
#include "attach.h"
#include "explain.h"
#include "holders.h"
#include "json.h"
#include "kmsg.h"
#include "loader.h"
#include "modstatus.h"
#include "objtype.h"
#include "registry.h"
#include "run.h"
#include "struct_ops.h"
#include "trigfile.h"

#define DEFAULT_INTERVAL	2
#define BPF_TESTMOD_NAME_MAX	15	/* BPF_TESTMOD_NAME_LEN - 1 */
#define MAX_COUNT		1000000000UL

/* The objects built from bpf/struct_ops.bpf.c, linked in by embed.S. */
extern const char bpf_obj_link_start[], bpf_obj_link_end[];
extern const char bpf_obj_legacy_start[], bpf_obj_legacy_end[];

_Static_assert(BPF_TESTMOD_NAME_MAX == BPF_TESTMOD_NAME_LEN - 1, "help text");

static volatile sig_atomic_t stop_signal;

/* Under -j: the run's one document, an object written as the run goes. */
static struct json run_doc;
static struct json *rj(void)
{
	return g_opts.json ? &run_doc : NULL;
}

static void on_signal(int sig)
{
	stop_signal = sig;
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
		{ 'n', "name", "NAME", "set the data member name (1 to " STR(BPF_TESTMOD_NAME_MAX) " characters)" },
		{ 'f', "flags", "FLAGS", "set the data member flags (0x1 echo, 0x2 timing)" },
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
		if (!arg[0] || strlen(arg) >= BPF_TESTMOD_NAME_LEN) {
			p_err("invalid name '%s': give 1 to %d characters",
			      arg, BPF_TESTMOD_NAME_LEN - 1);
			return EXIT_USAGE;
		}
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

/* The object to load: -o FILE, or a built-in one (-L: the legacy build). */
static int open_object(const struct run_opts *o, struct loader *ld)
{
	if (o->object)
		return loader_open(ld, o->object, NULL, NULL, NULL);
	if (o->legacy)
		return loader_open(ld, NULL, "struct_ops_legacy", bpf_obj_legacy_start,
				   bpf_obj_legacy_end);
	return loader_open(ld, NULL, "struct_ops", bpf_obj_link_start,
			   bpf_obj_link_end);
}

static void describe(struct bpf_object *obj, struct bpf_map *map,
		     struct bpf_link *link, bool link_mode, const char *type)
{
	__u32 map_id = loader_map_id(bpf_map__fd(map));
	__u32 link_id = link_mode ? loader_link_id(bpf_link__fd(link)) : 0;
	struct bpf_program *prog;
	char progs[512] = "";
	size_t used = 0;

	if (rj()) {
		json_kv_string(rj(), "type", type);
		json_kv_string(rj(), "implementation", bpf_map__name(map));
		json_kv_uint(rj(), "map_id", map_id);
		json_key(rj(), "link_id");
		if (link_mode)
			json_uint(rj(), link_id);
		else
			json_null(rj());
		json_key(rj(), "programs");
		json_begin_object(rj());
	}
	bpf_object__for_each_program(prog, obj) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		int n;

		if (!bpf_program__autoload(prog) ||
		    bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len))
			continue;
		if (rj())
			json_kv_uint(rj(), bpf_program__name(prog), info.id);
		n = snprintf(progs + used, sizeof(progs) - used, "%s%s=%u",
			     used ? " " : "", bpf_program__name(prog), info.id);
		if (n > 0 && (size_t)n < sizeof(progs) - used)
			used += n;
	}
	if (rj())
		json_end_object(rj());
	if (link_mode)
		p_info("attached %s implementation '%s': map id %u, link id %u, programs %s",
		       type, bpf_map__name(map), map_id, link_id, progs);
	else
		p_info("attached %s implementation '%s' (legacy, no link): map id %u, programs %s",
		       type, bpf_map__name(map), map_id, progs);
}

static int trigger_once(unsigned long n, const char *msg, int kfd)
{
	size_t len = strlen(msg);
	int err;

	err = trigger_write(BPF_TESTMOD_TRIGGER, msg, len);
	if (err) {
		trigger_report_error(BPF_TESTMOD_TRIGGER, err);
		return err;
	}
	p_info("trigger %lu: wrote %zu bytes to %s", n, len, BPF_TESTMOD_TRIGGER);
	if (rj()) {
		json_begin_object(rj());
		json_kv_uint(rj(), "trigger", n);
		json_kv_uint(rj(), "bytes", len);
		json_key(rj(), "kernel");
		json_begin_array(rj());
	}
	if (kfd >= 0)
		kmsg_print_new(kfd, OPS_MODULE ": ", "  kernel: ", rj());
	if (rj()) {
		json_end_array(rj());
		json_end_object(rj());
	}
	return 0;
}

/* The module's reason for the last unregistration, if it recorded one. */
static void report_kernel_detach(void)
{
	struct mod_status ms;
	const char *detail = "";

	if (!mod_status_read(&ms) && ms.history_len)
		detail = ms.history[ms.history_len - 1].detail;
	if (rj())
		json_kv_string(rj(), "reason", detail);
	if (detail[0])
		p_info("exiting: implementation detached by the kernel (%s)", detail);
	else
		p_info("exiting: implementation detached by the kernel");
}

/* Under -j: how the run ended. */
static void json_stop(const char *stopped, bool attached)
{
	if (!rj())
		return;
	json_kv_string(rj(), "stopped", stopped);
	if (stop_signal)
		json_kv_string(rj(), "signal", stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
	json_kv_bool(rj(), "attached", attached);
}

enum stop_reason {
	STOP_SIGNAL,
	STOP_COUNT,
	STOP_KERNEL_DETACH,
	STOP_OUTPUT,	/* stdout went away: a pipe whose reader exited */
	STOP_ERROR,
};

/* Has writing to stdout failed (EPIPE, with SIGPIPE ignored)? */
static bool stdout_lost(void)
{
	return fflush(stdout) == EOF || ferror(stdout);
}

/*
 * Trigger until a signal, COUNT, an error, EPOLLHUP on the link (the
 * kernel detached it) or a closed stdout (EPOLLERR on a pipe, or a failed
 * write). Signals are blocked except inside epoll_pwait(), so none is lost
 * between the check and the wait.
 */
static enum stop_reason serve(const struct run_opts *o, struct bpf_link *link,
			      bool link_mode)
{
	struct epoll_event ev = { .events = EPOLLHUP, .data.u32 = 1 };
	struct epoll_event out = { .events = EPOLLERR, .data.u32 = 2 };
	sigset_t block, orig;
	enum stop_reason why;
	unsigned long n = 0;
	int ep, kfd;

	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &orig);

	kfd = g_opts.quiet ? -1 : kmsg_open();
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0) {
		p_err("epoll_create1: %s", strerror(errno));
		why = STOP_ERROR;
		goto out;
	}
	if (link_mode && epoll_ctl(ep, EPOLL_CTL_ADD, bpf_link__fd(link), &ev)) {
		p_err("cannot watch the link for a kernel detach: %s",
		      strerror(errno));
		why = STOP_ERROR;
		goto out;
	}
	/* a pipe's write end reports EPOLLERR once its reader is gone; a
	 * file or terminal cannot be watched, and needs not be */
	epoll_ctl(ep, EPOLL_CTL_ADD, STDOUT_FILENO, &out);
	if (rj()) {
		json_key(rj(), "triggers");
		json_begin_array(rj());
	}
	for (;;) {
		int ms = (int)(o->interval * 1000 + 0.5), r;

		if (stop_signal) {
			why = STOP_SIGNAL;
			break;
		}
		if (stdout_lost()) {
			why = STOP_OUTPUT;
			break;
		}
		if (o->no_trigger) {
			ms = -1;
		} else if (trigger_once(++n, o->message, kfd)) {
			why = STOP_ERROR;
			break;
		}
		if (o->count && n >= o->count) {
			why = STOP_COUNT;
			break;
		}
		r = epoll_pwait(ep, &ev, 1, ms, &orig);
		if (r > 0 && ev.data.u32 == 2) {
			why = STOP_OUTPUT;
			break;
		}
		if (r > 0 && (ev.events & EPOLLHUP)) {
			why = STOP_KERNEL_DETACH;
			break;
		}
		if (r < 0 && errno != EINTR) {
			p_err("epoll_pwait: %s", strerror(errno));
			why = STOP_ERROR;
			break;
		}
	}
	if (rj())
		json_end_array(rj());
out:
	if (ep >= 0)
		close(ep);
	if (kfd >= 0)
		close(kfd);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return why;
}

static int do_run(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	struct loader ld = {};
	struct bpf_object *obj;
	struct bpf_link *link = NULL;
	enum stop_reason why;
	char declared[128], type[128], owner[64];
	struct run_opts o;
	struct bpf_map *map;
	bool link_mode;
	int ret = EXIT_FAIL, err;

	err = run_parse_args(argc, argv, &o);
	if (err || o.help)
		return err;

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* a closed stdout must not kill us between attach and detach */
	signal(SIGPIPE, SIG_IGN);
	if (rj()) {
		json_init(rj(), out_json(), g_opts.pretty);
		json_begin_object(rj());
	}

	if (open_object(&o, &ld))
		goto out;
	obj = ld.obj;
	map = loader_ops_map(obj);
	if (!map) {
		p_err("the BPF object has no struct_ops map: declare one in SEC(\".struct_ops.link\")");
		goto out;
	}
	if (obj_map_type(obj, map, declared, sizeof(declared), type, sizeof(type))) {
		p_err("cannot find the type of map '%s' in the object's BTF (built without -g?)",
		      bpf_map__name(map));
		goto out;
	}
	if (attach_check_type(type, owner, sizeof(owner)))
		goto out;
	/* one implementation at a time is hello.ko's rule, not every type's */
	if (!strcmp(owner, OPS_MODULE)) {
		ret = attach_check_free(type);
		if (ret)
			goto out;
		ret = EXIT_FAIL;
	}
	if (o.name && obj_set_member(obj, map, "name", o.name, strlen(o.name)))
		goto out;
	if (o.has_flags) {
		unsigned int flags = o.flags;

		if (obj_set_member(obj, map, "flags", &flags, sizeof(flags)))
			goto out;
	}
	if (obj_compat_adjust(obj, map, o.required))
		goto out;
	link_mode = bpf_map__map_flags(map) & BPF_F_LINK;
	if (loader_load(&ld))
		goto out;
	if (stop_signal) {
		p_info("exiting: %s received before attaching; nothing attached",
		       strsignal(stop_signal));
		json_stop("signal", false);
		ret = EXIT_OK;
		goto out;
	}
	link = attach_map(map, type);
	if (!link) {
		ret = errno == EEXIST ? EXIT_BUSY : EXIT_FAIL;
		goto out;
	}
	describe(obj, map, link, link_mode, type);
	if (rj()) {
		json_key(rj(), "pinned");
		if (o.pin)
			json_string(rj(), o.pin);
		else
			json_null(rj());
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

	why = serve(&o, link, link_mode);
	switch (why) {
	case STOP_KERNEL_DETACH:
		/* The link is already detached: closing it is all that is left. */
		bpf_link__destroy(link);
		link = NULL;
		json_stop("kernel detach", false);
		report_kernel_detach();
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
		if (stop_signal)
			p_info("exiting: %s received; left attached, pinned at %s ('%s detach %s' removes it)",
			       strsignal(stop_signal), o.pin, PROG_NAME, o.pin);
		else
			p_info("exiting: %lu trigger%s done; left attached, pinned at %s ('%s detach %s' removes it)",
			       o.count, o.count == 1 ? "" : "s", o.pin, PROG_NAME, o.pin);
		json_stop(stop_signal ? "signal" : "count", true);
		ret = EXIT_OK;
		goto out;
	}
	err = link ? attach_detach(link, link_mode) : 0;
	link = NULL;
	if (err)
		goto out;
	if (stop_signal)
		p_info("exiting: %s received; detached", strsignal(stop_signal));
	else
		p_info("exiting: %lu trigger%s done; detached", o.count,
		       o.count == 1 ? "" : "s");
	json_stop(stop_signal ? "signal" : "count", false);
	ret = EXIT_OK;
out:
	bpf_link__destroy(link);
	loader_close(&ld);
	if (rj()) {
		json_end_object(rj());
		json_finish(rj());
	}
	return ret;
}
