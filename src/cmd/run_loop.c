// SPDX-License-Identifier: GPL-2.0
/*
 * struct_ops run, once attached: say what is attached, trigger until a
 * signal, COUNT, an error, a kernel detach or a closed stdout, and report
 * why the kernel detached. It owns the stop signals (SIGINT, SIGTERM). Under
 * -j, what it reports goes into run.c's document, passed in as j (NULL
 * without -j).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "bpf_testmod.h"
#include "cli.h"
#include "json.h"
#include "kmsg.h"
#include "loader.h"
#include "modstatus.h"
#include "run.h"
#include "struct_ops.h"
#include "trigfile.h"

volatile sig_atomic_t run_stop_signal;

static void on_signal(int sig)
{
	run_stop_signal = sig;
}

void run_catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* a closed stdout must not kill us between attach and detach */
	signal(SIGPIPE, SIG_IGN);
}

void run_describe(struct json *j, struct bpf_object *obj, struct bpf_map *map,
		  struct bpf_link *link, bool link_mode, const char *type)
{
	__u32 map_id = loader_map_id(bpf_map__fd(map));
	__u32 link_id = link_mode ? loader_link_id(bpf_link__fd(link)) : 0;
	struct bpf_program *prog;
	char progs[512] = "";
	size_t used = 0;

	if (j) {
		json_kv_string(j, "type", type);
		json_kv_string(j, "implementation", bpf_map__name(map));
		json_kv_uint(j, "map_id", map_id);
		json_key(j, "link_id");
		if (link_mode)
			json_uint(j, link_id);
		else
			json_null(j);
		json_key(j, "programs");
		json_begin_object(j);
	}
	bpf_object__for_each_program(prog, obj) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		int n;

		if (!bpf_program__autoload(prog) ||
		    bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len))
			continue;
		if (j)
			json_kv_uint(j, bpf_program__name(prog), info.id);
		n = snprintf(progs + used, sizeof(progs) - used, "%s%s=%u",
			     used ? " " : "", bpf_program__name(prog), info.id);
		if (n > 0 && (size_t)n < sizeof(progs) - used)
			used += n;
	}
	if (j)
		json_end_object(j);
	if (link_mode)
		p_info("attached %s implementation '%s': map id %u, link id %u, programs %s",
		       type, bpf_map__name(map), map_id, link_id, progs);
	else
		p_info("attached %s implementation '%s' (legacy, no link): map id %u, programs %s",
		       type, bpf_map__name(map), map_id, progs);
}

static int trigger_once(struct json *j, unsigned long n, const char *msg, int kfd)
{
	size_t len = strlen(msg);
	int err;

	err = trigger_write(BPF_TESTMOD_TRIGGER, msg, len);
	if (err) {
		trigger_report_error(BPF_TESTMOD_TRIGGER, err);
		return err;
	}
	p_info("trigger %lu: wrote %zu bytes to %s", n, len, BPF_TESTMOD_TRIGGER);
	if (j) {
		json_begin_object(j);
		json_kv_uint(j, "trigger", n);
		json_kv_uint(j, "bytes", len);
		json_key(j, "kernel");
		json_begin_array(j);
	}
	if (kfd >= 0)
		kmsg_print_new(kfd, OPS_MODULE ": ", "  kernel: ", j);
	if (j) {
		json_end_array(j);
		json_end_object(j);
	}
	return 0;
}

/* The module's reason for the last unregistration, if it recorded one. */
void run_report_kernel_detach(struct json *j)
{
	struct mod_status ms;
	const char *detail = "";

	if (!mod_status_read(&ms) && ms.history_len)
		detail = ms.history[ms.history_len - 1].detail;
	if (j)
		json_kv_string(j, "reason", detail);
	if (detail[0])
		p_info("exiting: implementation detached by the kernel (%s)", detail);
	else
		p_info("exiting: implementation detached by the kernel");
}

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
enum stop_reason run_serve(struct json *j, const struct run_opts *o,
			   struct bpf_link *link, bool link_mode)
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
	if (j) {
		json_key(j, "triggers");
		json_begin_array(j);
	}
	for (;;) {
		int ms = (int)(o->interval * 1000 + 0.5), r;

		if (run_stop_signal) {
			why = STOP_SIGNAL;
			break;
		}
		if (stdout_lost()) {
			why = STOP_OUTPUT;
			break;
		}
		if (o->no_trigger) {
			ms = -1;
		} else if (trigger_once(j, ++n, o->message, kfd)) {
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
	if (j)
		json_end_array(j);
out:
	if (ep >= 0)
		close(ep);
	if (kfd >= 0)
		close(kfd);
	sigprocmask(SIG_SETMASK, &orig, NULL);
	return why;
}
