/*
 * Nothing acknowledged is lost.  Posters send form posts through nginx as
 * fast as they can, each with a fresh one-time token (the form's token is
 * 16 random bytes the server does not keep, so a client drawing its own is
 * the same as one reading it from the form), while the test kill -9s
 * mariadbd and starts it again, then kill -9s lianxind (its supervisor in
 * scripts/stack.sh starts it again, as systemd does in production).  Five
 * rounds of each.  After each round:
 *  - every post that got a receipt (303 with a tracking number) is in the
 *    database with that number and its token: zero lost;
 *  - every other answer was 503 (database down) or 502 (daemon down):
 *    never a 500, never no answer;
 *  - the outage was seen (some 502/503) and posting worked again after it;
 *  - after a database kill the daemon is the same process (it reconnected
 *    by itself); after a daemon kill it is a new one;
 *  - posts that got 502/503, sent again with the same token as a resident
 *    pressing "submit" again, get a receipt, and each token has exactly one
 *    row: some of them were committed before the answer was lost, and the
 *    token makes the retry find them instead of duplicating them.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "formtok.h"
#include "httpc.h"
#include "testdb.h"

#define ROUNDS		5
#define POSTERS		6
#define MIN_OK		40	/* receipts wanted before and after a kill */
#define MIN_MS		800	/* and at least this long (ms) each */
#define MAX_RETRY	150	/* failed posts sent again, per round */

struct post {
	char	 tok[33];	/* hex */
	char	 tracking[9];	/* from the receipt's Location, or "" */
	int	 status;	/* 0: no HTTP answer */
};

static struct {
	pthread_mutex_t	 mu;
	struct post	*v;
	size_t		 n, cap;
	size_t		 ok;		/* 303s so far */
	size_t		 bad;		/* 502/503 so far */
	volatile int	 run;
} P = { .mu = PTHREAD_MUTEX_INITIALIZER };

static char	 community[16], grid[16];
/* 503 pages that did not say plainly the post was not saved (issue 18). */
static int	 unclear503;

/* A fresh form token, as the form page would give (issue 16: tokens are
 * signed by the server). */
static void
new_token(char tok[33])
{
	if (formtok_make(tok, "requests", time(NULL)) == -1)
		abort();
}

/* Post the form with token tok; fill p.  Thread-safe. */
static void
post_form(const char *tok, struct post *p)
{
	struct hresp	 r;
	char		 body[1024];
	const char	*loc;

	snprintf(body, sizeof(body), "token=%s&category=1&community=%s&"
	    "grid=%s&address=%%E5%%B9%%B8%%E7%%A6%%8F%%E8%%B7%%AF12%%E5%%8F%%B7&"
	    "description=%%E6%%95%%85%%E9%%9A%%9C%%E6%%B5%%8B%%E8%%AF%%95%%EF"
	    "%%BC%%9A%%E8%%B7%%AF%%E7%%81%%AF%%E5%%9D%%8F%%E4%%BA%%86%%E4%%B8"
	    "%%80%%E4%%B8%%AA%%E6%%98%%9F%%E6%%9C%%9F&name=%%E6%%9D%%8E%%E5"
	    "%%9B%%9B&phone=13912345678&consent=1", tok, community, grid);
	memset(p, 0, sizeof(*p));
	snprintf(p->tok, sizeof(p->tok), "%s", tok);
	if (http_post("/requests", body, &r) == -1)
		return;
	p->status = r.status;
	if (r.status == 503 && (r.body == NULL ||
	    strstr(r.body, "没有保存成功") == NULL ||
	    strstr(r.body, "没有丢失") != NULL))
		__atomic_add_fetch(&unclear503, 1, __ATOMIC_SEQ_CST);
	/* hresp_header is not thread-safe: read the head directly. */
	if (r.status == 303 &&
	    (loc = strstr(r.head, "\r\nLocation: /receipt/")) != NULL &&
	    strspn(loc + 21, "23456789ABCDEFGHJKMNPQRSTUVWXYZ") == 8)
		memcpy(p->tracking, loc + 21, 8);
	hresp_free(&r);
}

static void *
poster(void *arg)
{
	struct post	 p;
	char		 tok[33];

	(void)arg;
	while (__atomic_load_n(&P.run, __ATOMIC_SEQ_CST)) {
		new_token(tok);
		post_form(tok, &p);
		pthread_mutex_lock(&P.mu);
		if (P.n == P.cap) {
			P.cap = P.cap ? P.cap * 2 : 4096;
			if ((P.v = realloc(P.v, P.cap * sizeof(*P.v))) == NULL)
				abort();
		}
		P.v[P.n++] = p;
		if (p.status == 303)
			P.ok++;
		else if (p.status == 502 || p.status == 503)
			P.bad++;
		pthread_mutex_unlock(&P.mu);
		/* A client that was refused waits a moment, as a browser's
		 * user would, and leaves the machine to the restart. */
		if (p.status != 303)
			usleep(5000);
	}
	return NULL;
}

static size_t
count(size_t *field)
{
	size_t	 v;

	pthread_mutex_lock(&P.mu);
	v = *field;
	pthread_mutex_unlock(&P.mu);
	return v;
}

/* Wait until *field reaches at least want, up to ms; returns its value. */
static size_t
wait_count(size_t *field, size_t want, int ms)
{
	size_t	 v;

	while ((v = count(field)) < want && ms > 0) {
		usleep(10000);
		ms -= 10;
	}
	return v;
}

/* Post for at least MIN_MS and until MIN_OK more receipts than base. */
static int
post_a_while(size_t base)
{
	usleep(MIN_MS * 1000);
	return wait_count(&P.ok, base + MIN_OK, 15000) >= base + MIN_OK;
}

static pthread_t th[POSTERS];
static int	 nth;		/* posters running */

static void
posters_start(void)
{
	int	 i;

	pthread_mutex_lock(&P.mu);
	P.n = P.ok = P.bad = 0;
	pthread_mutex_unlock(&P.mu);
	__atomic_store_n(&P.run, 1, __ATOMIC_SEQ_CST);
	for (i = 0; i < POSTERS; i++) {
		assert_int_equal(pthread_create(&th[i], NULL, poster, NULL), 0);
		nth++;
	}
}

static void
posters_stop(void)
{
	int	 i;

	__atomic_store_n(&P.run, 0, __ATOMIC_SEQ_CST);
	for (i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	nth = 0;
}

/*
 * How many of the posts sel[0..n) are in the database; with_tracking:
 * with the tracking number of their receipt too.  -1 on a query failure.
 */
static long long
in_db(struct post *const *sel, size_t n, int with_tracking)
{
	static char	 q[1 << 16];
	long long	 total = 0, c;
	size_t		 i, j, len;

	for (i = 0; i < n; i += 500) {
		len = (size_t)snprintf(q, sizeof(q), "SELECT COUNT(*) FROM "
		    "service_requests WHERE %s IN (", with_tracking ?
		    "(form_token, tracking_no)" : "form_token");
		for (j = i; j < n && j < i + 500; j++) {
			if (with_tracking)
				len += (size_t)snprintf(q + len, sizeof(q) - len,
				    "%s(UNHEX('%s'),'%s')", j > i ? "," : "",
				    sel[j]->tok, sel[j]->tracking);
			else
				len += (size_t)snprintf(q + len, sizeof(q) - len,
				    "%sUNHEX('%s')", j > i ? "," : "",
				    sel[j]->tok);
		}
		snprintf(q + len, sizeof(q) - len, ")");
		if ((c = testdb_int(q)) < 0)
			return -1;
		total += c;
	}
	return total;
}

/*
 * The checks after a round (see the top of the file).  Returns nothing;
 * fails the test on the first broken rule.
 */
static void
check_round(const char *what, int round, size_t ok_before_kill, int may502)
{
	struct post	**acked, **failed;
	struct post	 again;
	size_t		 i, nacked = 0, nfailed = 0, other = 0, nretry;
	long long	 found, saved;

	acked = calloc(P.n + 1, sizeof(*acked));
	failed = calloc(P.n + 1, sizeof(*failed));
	assert_non_null(acked);
	assert_non_null(failed);
	for (i = 0; i < P.n; i++) {
		if (P.v[i].status == 303) {
			if (P.v[i].tracking[0] == '\0')
				other++;	/* a 303 without a receipt */
			else
				acked[nacked++] = &P.v[i];
		} else if (P.v[i].status == 503 ||
		    (may502 && P.v[i].status == 502))
			failed[nfailed++] = &P.v[i];
		else {
			if (other < 5)
				fprintf(stderr, "%s %d: post answered %d\n",
				    what, round, P.v[i].status);
			other++;
		}
	}
	/* Posts of the outage, sent again with the same token; first, how
	 * many of them were committed though their answer was lost. */
	nretry = nfailed < MAX_RETRY ? nfailed : MAX_RETRY;
	saved = in_db(failed, nretry, 0);
	for (i = 0; i < nretry; i++) {
		post_form(failed[i]->tok, &again);
		if (again.status != 303 || again.tracking[0] == '\0') {
			fprintf(stderr, "%s %d: a post sent again answered "
			    "%d\n", what, round, again.status);
			other++;
		}
	}
	found = in_db(acked, nacked, 1);
	printf("%s %d: %zu posts, %zu receipts (%zu before the kill), "
	    "%zu answered %s, %zu other; receipts in the database: "
	    "%lld; %zu sent again, of which %lld had been saved\n", what,
	    round, P.n, nacked, ok_before_kill, nfailed,
	    may502 ? "502/503" : "503", other, found, nretry, saved);
	assert_int_equal(other, 0);
	assert_int_equal(__atomic_load_n(&unclear503, __ATOMIC_SEQ_CST), 0);
	assert_true(nfailed > 0);			/* the outage was seen */
	assert_true(nacked >= ok_before_kill + MIN_OK);	/* and posting resumed */
	assert_int_equal(found, (long long)nacked);	/* zero lost */
	/* Sent again: one row each, never two. */
	assert_int_equal(in_db(failed, nretry, 0), (long long)nretry);
	free(acked);
	free(failed);
}

static int
setup(void **state)
{
	char	 other[16];

	(void)state;
	assert_int_equal(testdb_places(community, grid, other), 0);
	return 0;
}

/* After each test, also a failed one, which leaves the posters running. */
static int
stop_posters(void **state)
{
	(void)state;
	posters_stop();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free(P.v);
	P.v = NULL;
	P.cap = 0;
	return 0;
}

/* kill -9 mariadbd under load, start it again: 503s, then receipts. */
static void
kill_database(void **state)
{
	long		 daemon, dbpid;
	size_t		 before;
	int		 round;

	(void)state;
	for (round = 1; round <= ROUNDS; round++) {
		daemon = stack_pid("lianxind.pid");
		assert_true(daemon > 0);
		posters_start();
		assert_true(post_a_while(0));
		dbpid = stack_pid("mysqld.pid");
		assert_true(dbpid > 0);
		assert_int_equal(kill((pid_t)dbpid, SIGKILL), 0);
		before = count(&P.ok);
		/* Let the posters meet the dead database for a moment. */
		(void)wait_count(&P.bad, 1, 3000);
		usleep(200000);
		assert_int_equal(stack("db-start"), 0);
		assert_true(post_a_while(before));
		posters_stop();
		check_round("database kill", round, before, 0);
		/* Recovered by itself: the same daemon answers. */
		assert_int_equal(http_wait_status("/healthz", 200, 50), 200);
		assert_int_equal(stack_pid("lianxind.pid"), daemon);
		assert_int_equal(kill((pid_t)daemon, 0), 0);
	}
}

/* kill -9 lianxind under load: 502/503 until its supervisor restarts it. */
static void
kill_daemon(void **state)
{
	long		 daemon, now;
	size_t		 before;
	int		 round;

	(void)state;
	for (round = 1; round <= ROUNDS; round++) {
		daemon = stack_pid("lianxind.pid");
		assert_true(daemon > 0);
		posters_start();
		assert_true(post_a_while(0));
		assert_int_equal(kill((pid_t)daemon, SIGKILL), 0);
		before = count(&P.ok);
		now = stack_wait_restart("lianxind.pid", daemon);
		assert_true(now > 0 && now != daemon);
		assert_true(post_a_while(before));
		posters_stop();
		check_round("daemon kill", round, before, 1);
		assert_int_equal(http_status("/healthz"), 200);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(kill_database, stop_posters),
		cmocka_unit_test_teardown(kill_daemon, stop_posters),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("faults", tests, setup, teardown);
}
