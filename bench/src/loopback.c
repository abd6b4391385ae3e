// SPDX-License-Identifier: GPL-2.0
/*
 * bench/src/loopback.c: what a BPF congestion control costs, on the host's
 * real CPU. It registers kit_reno (bench/bpf/reno.bpf.c, the kernel's Reno
 * written again in BPF), then moves MB megabytes over TCP on loopback, in a
 * network namespace of its own, PAIRS times under the kernel's "reno" and
 * PAIRS times under "kit_reno", alternating (which one goes first swaps
 * every pair). For each run: throughput, and the CPU time the process
 * (sender and receiver threads; loopback's softirq work runs in their
 * context) spent per GB. For kit_reno's operators: calls per second and
 * average ns per call, from BPF run-time statistics (a BPF_ENABLE_STATS
 * fd, held only while it runs). Prints "result host.loopback.KEY VALUE"
 * lines (medians, with min and max for the ratios) for bench/report.
 *
 * lo's MTU is an Ethernet's (1500) unless -M says otherwise: acks, and so
 * calls to cong_avoid, come as often as on a real link, not once per 64 KB.
 *
 * loopback [-p PAIRS] [-m MB] [-M MTU] [-o OBJECT]
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define CHUNK		(256 * 1024)
#define MAX_PAIRS	100
#define BPF_CC		"kit_reno"
#define NATIVE_CC	"reno"

static const char *const op_names[] = { "cong_avoid", "ssthresh", "undo_cwnd" };
#define NR_OPS		(sizeof(op_names) / sizeof(op_names[0]))

struct run {
	double gbps;		/* payload gigabits per second */
	double cpu_s_per_gb;	/* user + system seconds per GB moved */
	double secs;
	double cpu_s;		/* user + system seconds */
};

struct op_stat {
	struct bpf_program *prog;
	__u64 cnt, ns;		/* summed over the kit_reno runs */
};

static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("loopback: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static int libbpf_quiet(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level != LIBBPF_WARN)
		return 0;
	fputs("loopback: libbpf: ", stderr);
	return vfprintf(stderr, fmt, ap);
}

static double now(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* a network namespace with only lo, up: nothing else's traffic, no leftovers */
static void own_netns(int mtu)
{
	struct ifreq ifr = { 0 };
	int fd;

	if (unshare(CLONE_NEWNET))
		die("unshare(CLONE_NEWNET): %s (run it as root)", strerror(errno));
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr))
		die("SIOCGIFFLAGS lo: %s", strerror(errno));
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(fd, SIOCSIFFLAGS, &ifr))
		die("bringing lo up: %s", strerror(errno));
	ifr.ifr_mtu = mtu;
	if (ioctl(fd, SIOCSIFMTU, &ifr))
		die("setting lo's MTU to %d: %s", mtu, strerror(errno));
	close(fd);
}

static void *receive(void *arg)
{
	int fd = *(int *)arg;
	char *buf = malloc(CHUNK);
	ssize_t n;

	if (!buf)
		die("out of memory");
	do
		n = read(fd, buf, CHUNK);
	while (n > 0 || (n < 0 && errno == EINTR));
	free(buf);
	return NULL;
}

static double cpu_seconds(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void one_run(const char *cc, size_t bytes, struct run *r)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	char got[16] = "";	/* TCP_CA_NAME_MAX */
	socklen_t glen = sizeof(got);
	int ls, cs, rs;
	pthread_t rx;
	double t0, c0;
	char *buf;
	size_t left;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof(a)) || listen(ls, 1) ||
	    getsockname(ls, (struct sockaddr *)&a, &alen))
		die("listening on loopback: %s", strerror(errno));
	cs = socket(AF_INET, SOCK_STREAM, 0);
	if (cs < 0)
		die("socket: %s", strerror(errno));
	if (setsockopt(cs, IPPROTO_TCP, TCP_CONGESTION, cc, strlen(cc)))
		die("TCP_CONGESTION %s: %s", cc, strerror(errno));
	if (connect(cs, (struct sockaddr *)&a, sizeof(a)))
		die("connect: %s", strerror(errno));
	/* the sender's algorithm is the one that runs: check it took */
	if (getsockopt(cs, IPPROTO_TCP, TCP_CONGESTION, got, &glen) || strcmp(got, cc))
		die("the socket runs '%s', not '%s'", got, cc);
	rs = accept(ls, NULL, NULL);
	if (rs < 0)
		die("accept: %s", strerror(errno));
	buf = calloc(1, CHUNK);
	if (!buf)
		die("out of memory");

	t0 = now(CLOCK_MONOTONIC);
	c0 = cpu_seconds();
	if (pthread_create(&rx, NULL, receive, &rs))
		die("pthread_create failed");
	for (left = bytes; left; ) {
		ssize_t n = write(cs, buf, left < CHUNK ? left : CHUNK);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			die("write: %s", n ? strerror(errno) : "wrote nothing");
		left -= n;
	}
	shutdown(cs, SHUT_WR);
	pthread_join(rx, NULL);
	r->secs = now(CLOCK_MONOTONIC) - t0;
	r->gbps = bytes * 8 / r->secs / 1e9;
	r->cpu_s = cpu_seconds() - c0;
	r->cpu_s_per_gb = r->cpu_s / (bytes / 1e9);
	free(buf);
	close(rs);
	close(cs);
	close(ls);
}

static void read_stats(struct op_stat *ops, __u64 *cnt, __u64 *ns)
{
	for (size_t i = 0; i < NR_OPS; i++) {
		struct bpf_prog_info info = { 0 };
		__u32 len = sizeof(info);

		if (bpf_prog_get_info_by_fd(bpf_program__fd(ops[i].prog), &info, &len))
			die("reading %s's statistics: %s", op_names[i], strerror(errno));
		cnt[i] = info.run_cnt;
		ns[i] = info.run_time_ns;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* median, min, max of n values (sorts them) */
static void summary(double *v, int n, const char *key)
{
	qsort(v, n, sizeof(*v), cmp_double);
	printf("result host.loopback.%s %.3f\n", key, n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
	printf("result host.loopback.%s_min %.3f\n", key, v[0]);
	printf("result host.loopback.%s_max %.3f\n", key, v[n - 1]);
}

static void usage(FILE *f)
{
	fprintf(f, "Usage: loopback [-p PAIRS] [-m MB] [-M MTU] [-o OBJECT]\n"
		"  BPF Reno (kit_reno, from OBJECT) against the kernel's reno over loopback,\n"
		"  in a network namespace of its own: PAIRS alternating pairs (default 10)\n"
		"  of MB megabytes each (default 1024), lo's MTU set to MTU (default 1500).\n"
		"  Needs root and a kernel with"
		" tcp_congestion_ops struct_ops. Prints \"result host.loopback.KEY VALUE\".\n");
}

int main(int argc, char **argv)
{
	const char *path = "build/bench/reno.bpf.o";
	double gn[MAX_PAIRS], gb[MAX_PAIRS], cn[MAX_PAIRS], cb[MAX_PAIRS];
	double tput_ratio[MAX_PAIRS], cpu_ratio[MAX_PAIRS], bpf_secs = 0, bpf_cpu = 0;
	struct op_stat ops[NR_OPS] = { 0 };
	long pairs = 10, mb = 1024, mtu = 1500;
	struct bpf_object *obj;
	struct bpf_link *link;
	struct bpf_map *map;
	__u64 op_ns = 0;
	int stats_fd, c;

	while ((c = getopt(argc, argv, "p:m:M:o:h")) != -1) {
		switch (c) {
		case 'p':
			pairs = strtol(optarg, NULL, 10);
			break;
		case 'm':
			mb = strtol(optarg, NULL, 10);
			break;
		case 'M':
			mtu = strtol(optarg, NULL, 10);
			break;
		case 'o':
			path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || pairs < 1 || pairs > MAX_PAIRS || mb < 1 || mb > 1 << 20 ||
	    mtu < 1280 || mtu > 65536) {
		fprintf(stderr, "loopback: error: PAIRS must be 1..%d, MB 1..1048576, MTU 1280..65536\n",
			MAX_PAIRS);
		return 2;
	}

	libbpf_set_print(libbpf_quiet);
	own_netns(mtu);
	stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
	if (stats_fd < 0)
		die("BPF_ENABLE_STATS: %s (the kernel needs 5.8 or later)", strerror(errno));
	obj = bpf_object__open_file(path, NULL);
	if (!obj)
		die("%s: %s (make bench builds it)", path, strerror(errno));
	if (bpf_object__load(obj))
		die("loading %s: %s (see libbpf's lines above)", path, strerror(errno));
	map = bpf_object__find_map_by_name(obj, BPF_CC);
	if (!map)
		die("%s has no struct_ops map '%s'", path, BPF_CC);
	for (size_t i = 0; i < NR_OPS; i++) {
		char name[32];

		snprintf(name, sizeof(name), "reno_%s", op_names[i]);
		ops[i].prog = bpf_object__find_program_by_name(obj, name);
		if (!ops[i].prog)
			die("%s has no program '%s'", path, name);
	}
	link = bpf_map__attach_struct_ops(map);
	if (!link)
		die("registering %s: %s (is a congestion control of that name already registered?)",
		    BPF_CC, strerror(errno));

	for (long i = 0; i < pairs; i++) {
		struct run native, bpf;
		__u64 c0[NR_OPS], n0[NR_OPS], c1[NR_OPS], n1[NR_OPS];

		if (i % 2)
			one_run(NATIVE_CC, mb << 20, &native);
		read_stats(ops, c0, n0);
		one_run(BPF_CC, mb << 20, &bpf);
		read_stats(ops, c1, n1);
		if (!(i % 2))
			one_run(NATIVE_CC, mb << 20, &native);
		for (size_t k = 0; k < NR_OPS; k++) {
			ops[k].cnt += c1[k] - c0[k];
			ops[k].ns += n1[k] - n0[k];
		}
		bpf_secs += bpf.secs;
		bpf_cpu += bpf.cpu_s;
		gn[i] = native.gbps;
		gb[i] = bpf.gbps;
		cn[i] = native.cpu_s_per_gb;
		cb[i] = bpf.cpu_s_per_gb;
		tput_ratio[i] = bpf.gbps / native.gbps;
		cpu_ratio[i] = bpf.cpu_s_per_gb / native.cpu_s_per_gb;
	}
	bpf_link__destroy(link);
	bpf_object__close(obj);
	close(stats_fd);

	printf("result host.loopback.pairs %ld\n", pairs);
	printf("result host.loopback.mb_per_run %ld\n", mb);
	printf("result host.loopback.mtu %ld\n", mtu);
	summary(gn, pairs, "native_gbps");
	summary(gb, pairs, "bpf_gbps");
	summary(tput_ratio, pairs, "bpf_over_native_gbps");
	summary(cn, pairs, "native_cpu_s_per_gb");
	summary(cb, pairs, "bpf_cpu_s_per_gb");
	summary(cpu_ratio, pairs, "bpf_over_native_cpu");
	/* the share of kit_reno's runs' CPU time spent inside its operators */
	for (size_t k = 0; k < NR_OPS; k++)
		op_ns += ops[k].ns;
	printf("result host.loopback.bpf_ops_cpu_percent %.4f\n", op_ns / 1e9 / bpf_cpu * 100);
	for (size_t k = 0; k < NR_OPS; k++) {
		printf("result host.loopback.%s_calls %llu\n", op_names[k],
		       (unsigned long long)ops[k].cnt);
		printf("result host.loopback.%s_calls_per_s %.0f\n", op_names[k], ops[k].cnt / bpf_secs);
		printf("result host.loopback.%s_avg_ns %.1f\n", op_names[k],
		       ops[k].cnt ? (double)ops[k].ns / ops[k].cnt : 0.0);
	}
	return 0;
}
