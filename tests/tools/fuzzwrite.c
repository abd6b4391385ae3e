// SPDX-License-Identifier: GPL-2.0
/*
 * fuzzwrite: hammer one file with random writes, writevs and reads from
 * several processes, and check that every call returns what the file
 * documents. For the guest's stress tests of the module's proc files.
 *
 *   fuzzwrite [-n CALLS | -t SECONDS] [-p PROCS] [-m MAXLEN] [-s SEED]
 *             [-w count|ERRNO] [-r data|ERRNO] [-q] FILE
 *
 * -w: a write must return its full length (count), or fail with ERRNO
 *     (EINVAL, EIO, EPERM, ...); -r: a read must return bytes (data) or
 *     fail with ERRNO. Buffers are random bytes with many NULs, newlines,
 *     0xff and invalid UTF-8, lengths 0 to MAXLEN (default 1 MiB).
 * Prints one summary line; exits 1 on any unexpected result (the first
 * few are printed), 2 on bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct expect {
	int err;		/* 0: success expected */
};

struct totals {
	unsigned long writes, writevs, reads, bytes, unexpected;
};

static const struct {
	const char *name;
	int err;
} errnames[] = {
	{ "EINVAL", EINVAL }, { "EIO", EIO }, { "EPERM", EPERM },
	{ "EACCES", EACCES }, { "EBADF", EBADF }, { "ENODEV", ENODEV },
	{ "EFAULT", EFAULT }, { "ENOENT", ENOENT },
};

static int parse_expect(const char *s, const char *ok, struct expect *e)
{
	size_t i;

	if (!strcmp(s, ok)) {
		e->err = 0;
		return 0;
	}
	for (i = 0; i < sizeof(errnames) / sizeof(errnames[0]); i++) {
		if (!strcmp(s, errnames[i].name)) {
			e->err = errnames[i].err;
			return 0;
		}
	}
	return -1;
}

static unsigned long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000ULL + ts.tv_nsec / 1000000;
}

static size_t pick_len(unsigned int *seed, size_t max)
{
	switch (rand_r(seed) % 10) {
	case 0:
		return 0;
	case 1: case 2: case 3: case 4:
		return (size_t)(rand_r(seed) % 300) < max ? (size_t)(rand_r(seed) % 300) : max;
	case 5: case 6: case 7:
		return (size_t)rand_r(seed) % (max < 4096 ? max + 1 : 4097);
	default:
		return (size_t)rand_r(seed) % (max + 1);
	}
}

static void fill(unsigned char *buf, size_t len, unsigned int *seed)
{
	static const unsigned char special[] = { 0, '\n', 0xff, 0xc3, 0x28,
						 0xed, 0xa0, 0x80, '"', '\\' };
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = rand_r(seed) % 4 ? rand_r(seed) % 256 :
			 special[rand_r(seed) % sizeof(special)];
}

static void bad(struct totals *t, const char *what, long long got, int err)
{
	if (t->unexpected++ < 5)
		fprintf(stderr, "fuzzwrite: unexpected: %s returned %lld (%s)\n",
			what, got, got < 0 ? strerror(err) : "no error");
}

static void check(struct totals *t, const char *what, ssize_t got,
		  size_t want, const struct expect *e, int err)
{
	if (e->err ? got != -1 || err != e->err : got != (ssize_t)want)
		bad(t, what, got, err);
}

/* One process's share; returns its totals through a shared page. */
static void worker(const char *path, unsigned long calls,
		   unsigned long long deadline, size_t maxlen, unsigned int seed,
		   const struct expect *w, const struct expect *r, int read_data,
		   struct totals *t)
{
	unsigned char *buf = malloc(maxlen + 1);
	struct iovec iov[8];
	unsigned long n;
	int fd;

	if (!buf) {
		bad(t, "malloc", -1, ENOMEM);
		return;
	}
	fill(buf, maxlen + 1, &seed);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		bad(t, "open", -1, errno);
		free(buf);
		return;
	}
	for (n = 0; calls ? n < calls : now_ms() < deadline; n++) {
		int op = rand_r(&seed) % 10;
		ssize_t got;

		if (op < 7) {
			size_t len = pick_len(&seed, maxlen);
			size_t off = rand_r(&seed) % (maxlen + 1 - len);

			got = write(fd, buf + off, len);
			check(t, "write", got, len, w, errno);
			t->writes++;
			t->bytes += len;
		} else if (op < 9) {
			int i, cnt = 2 + rand_r(&seed) % 7;
			size_t total = 0;

			for (i = 0; i < cnt; i++) {
				size_t len = pick_len(&seed, maxlen / 8);

				iov[i].iov_base = buf + rand_r(&seed) % (maxlen + 1 - len);
				iov[i].iov_len = len;
				total += len;
			}
			got = writev(fd, iov, cnt);
			/* a writev of only empty segments may return 0 either way */
			if (!(total == 0 && got == 0))
				check(t, "writev", got, total, w, errno);
			t->writevs++;
			t->bytes += total;
		} else {
			got = pread(fd, buf, 4096, 0);
			if (read_data) {
				if (got <= 0)
					bad(t, "read", got, errno);
			} else {
				check(t, "read", got, 0, r, errno);
			}
			t->reads++;
			fill(buf, 4096, &seed);
		}
	}
	close(fd);
	free(buf);
}

int main(int argc, char **argv)
{
	struct expect w = { 0 }, r = { EIO };
	unsigned long calls = 0, sum_w = 0, sum_v = 0, sum_r = 0, sum_b = 0, sum_u = 0;
	unsigned int seed = (unsigned int)time(NULL);
	int opt, procs = 1, quiet = 0, read_data = 0, i;
	size_t maxlen = 1 << 20;
	unsigned long long deadline = 0;
	double seconds = 0;
	struct totals *tot;

	while ((opt = getopt(argc, argv, "n:t:p:m:s:w:r:qh")) != -1) {
		switch (opt) {
		case 'n': calls = strtoul(optarg, NULL, 10); break;
		case 't': seconds = strtod(optarg, NULL); break;
		case 'p': procs = atoi(optarg); break;
		case 'm': maxlen = strtoul(optarg, NULL, 10); break;
		case 's': seed = strtoul(optarg, NULL, 10); break;
		case 'w':
			if (parse_expect(optarg, "count", &w))
				goto usage;
			break;
		case 'r':
			if (!strcmp(optarg, "data"))
				read_data = 1;
			else if (parse_expect(optarg, "-", &r))
				goto usage;
			break;
		case 'q': quiet = 1; break;
		default: goto usage;
		}
	}
	if (optind != argc - 1 || procs < 1 || procs > 64 || maxlen < 1 ||
	    (!calls && seconds <= 0))
		goto usage;
	if (seconds > 0)
		deadline = now_ms() + (unsigned long long)(seconds * 1000);

	tot = mmap(NULL, sizeof(*tot) * procs, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tot == MAP_FAILED) {
		perror("fuzzwrite: mmap");
		return 1;
	}
	memset(tot, 0, sizeof(*tot) * procs);
	for (i = 0; i < procs; i++) {
		pid_t pid = fork();

		if (pid < 0) {
			perror("fuzzwrite: fork");
			return 1;
		}
		if (!pid) {
			worker(argv[optind], calls ? (calls + procs - 1 - i) / procs : 0,
			       deadline, maxlen, seed + i * 7919, &w, &r, read_data,
			       &tot[i]);
			_exit(0);
		}
	}
	for (i = 0; i < procs; i++) {
		int st;

		if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
			sum_u++;
	}
	for (i = 0; i < procs; i++) {
		sum_w += tot[i].writes;
		sum_v += tot[i].writevs;
		sum_r += tot[i].reads;
		sum_b += tot[i].bytes;
		sum_u += tot[i].unexpected;
	}
	if (!quiet || sum_u)
		printf("fuzzwrite: %s: %lu writes, %lu writevs, %lu reads, %lu bytes, %d processes, seed %u: %lu unexpected\n",
		       argv[optind], sum_w, sum_v, sum_r, sum_b, procs, seed, sum_u);
	return sum_u ? 1 : 0;
usage:
	fprintf(stderr, "usage: fuzzwrite [-n CALLS | -t SECONDS] [-p PROCS] [-m MAXLEN] [-s SEED] [-w count|ERRNO] [-r data|ERRNO] [-q] FILE\n");
	return 2;
}
