/*
 * More than one machine, shown on one: a primary MariaDB and a replica
 * (replication), two daemons behind one nginx upstream (scripts/test.sh
 * starts them with REPLICA=1 DAEMONS=2).
 *  - reads flagged for the replica come from it: with the replica's
 *    applier stopped, a category added on the primary is not on the form,
 *    yet a post in it is taken (writes and their checks go to the
 *    primary); once the replica catches up the form shows it;
 *  - with the replica stopped those reads go to the primary, unseen;
 *  - mixed load (the form, then a post with its token) while one daemon
 *    and then the other is killed -9: every answer is 200 or 303 (nginx
 *    passes a post the dead daemon could not answer to the other one),
 *    every receipt is in the database, and the rows added are exactly the
 *    posts made: none failed, none duplicated.
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
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <mysql.h>

#include "httpc.h"
#include "testdb.h"

#define POSTERS	6

static char	 community[16], grid[16], marker[32];

/* A statement on the replica, as root over its socket; -1 on failure. */
static long long
replica(const char *sql, char *out, size_t outsz)
{
	char		 sock[1024];
	MYSQL		*my;
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	long long	 rc = -1;

	snprintf(sock, sizeof(sock), "%s/replica.sock",
	    test_env("LIANXIN_TEST_RUN"));
	if ((my = mysql_init(NULL)) == NULL)
		return -1;
	if (mysql_real_connect(my, "localhost", "root", NULL, NULL, 0, sock,
	    0) == NULL || mysql_query(my, sql) != 0) {
		fprintf(stderr, "replica: %s: %s\n", sql, mysql_error(my));
		goto out;
	}
	rc = 0;
	if ((res = mysql_store_result(my)) != NULL) {
		if ((row = mysql_fetch_row(res)) != NULL && row[0] != NULL &&
		    out != NULL)
			snprintf(out, outsz, "%s", row[0]);
		mysql_free_result(res);
	}
out:
	mysql_close(my);
	return rc;
}

static int
page_has(const char *path, const char *text)
{
	struct hresp	 r;
	int		 has;

	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	has = strstr(r.body, text) != NULL;
	hresp_free(&r);
	return has;
}

/* GET / for a token, then post it: the post's status, tracking in t. */
static int
form_and_post(const char *category, int *get_status, char t[9])
{
	struct hresp	 r;
	char		 tok[33], body[1024];
	const char	*p;
	int		 st;

	t[0] = '\0';
	if (http_get("/", &r) == -1)
		return *get_status = 0;
	*get_status = r.status;
	p = strstr(r.body, "name=\"token\" value=\"");
	if (r.status != 200 || p == NULL) {
		hresp_free(&r);
		return 0;
	}
	memcpy(tok, p + 20, 32);
	tok[32] = '\0';
	hresp_free(&r);
	snprintf(body, sizeof(body), "token=%s&category=%s&community=%s&"
	    "grid=%s&address=%s&description=%%E6%%89%%A9%%E5%%B1%%95%%E6%%B5"
	    "%%8B%%E8%%AF%%95%%EF%%BC%%9A%%E4%%B8%%A4%%E4%%B8%%AA%%E5%%AE%%88"
	    "%%E6%%8A%%A4%%E8%%BF%%9B%%E7%%A8%%8B&name=%%E7%%8E%%8B%%E4%%BA"
	    "%%94&phone=13712345678&consent=1", tok, category, community,
	    grid, marker);
	if (http_post("/requests", body, &r) == -1)
		return 0;
	st = r.status;
	if (st == 303 && (p = strstr(r.head, "\r\nLocation: /receipt/")) &&
	    strlen(p + 21) >= 8) {
		memcpy(t, p + 21, 8);
		t[8] = '\0';
	}
	hresp_free(&r);
	return st;
}

static int
setup(void **state)
{
	char	 other[16];

	(void)state;
	assert_int_equal(testdb_places(community, grid, other), 0);
	snprintf(marker, sizeof(marker), "scaleout%ld", (long)time(NULL));
	return 0;
}

/* Reads from the replica, writes to the primary. */
static void
reads_from_replica(void **state)
{
	char		 id[32], t[9], q[512], pos[256] = "", done[32] = "";
	char		 name[64];
	int		 gs, i;

	(void)state;
	/* A name of this run only (the test may run again on one stack). */
	snprintf(name, sizeof(name), "副本延迟测试%s", marker + 8);
	assert_int_equal(replica("STOP SLAVE SQL_THREAD", NULL, 0), 0);
	snprintf(q, sizeof(q), "INSERT INTO categories (code, name, "
	    "response_hours, resolve_days, sort) VALUES ('%s', '%s', 24, 7, "
	    "99)", marker, name);
	assert_true(testdb_exec(q) == 1);
	snprintf(q, sizeof(q), "SELECT id FROM categories WHERE code = '%s'",
	    marker);
	snprintf(id, sizeof(id), "%lld", testdb_int(q));
	/* Not yet on the replica, so not on the form ... */
	assert_false(page_has("/", name));
	/* ... but a post in it is checked and stored on the primary. */
	assert_int_equal(form_and_post(id, &gs, t), 303);
	assert_int_equal(gs, 200);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM service_requests WHERE "
	    "tracking_no = '%s' AND category_id = %s", t, id);
	assert_int_equal(testdb_int(q), 1);

	/* The replica catches up: now the form offers it. */
	assert_int_equal(replica("START SLAVE SQL_THREAD", NULL, 0), 0);
	snprintf(pos, sizeof(pos), "%s", testdb_str("SELECT @@gtid_binlog_pos"));
	snprintf(q, sizeof(q), "SELECT MASTER_GTID_WAIT('%s', 30)", pos);
	assert_int_equal(replica(q, done, sizeof(done)), 0);
	assert_string_equal(done, "0");
	for (i = 0; i < 20 && !page_has("/", name); i++)
		usleep(100000);
	assert_true(page_has("/", name));
}

/* The replica stopped: its reads go to the primary; no error is seen. */
static void
replica_down(void **state)
{
	char	 t[9];
	int	 gs;

	(void)state;
	assert_int_equal(stack("replica-stop"), 0);
	assert_true(page_has("/", "环境卫生"));	/* categories, regions */
	assert_int_equal(form_and_post("1", &gs, t), 303);
	assert_int_equal(gs, 200);
	assert_int_equal(stack("replica-start"), 0);
	assert_int_equal(stack("replica-sync"), 0);
	assert_true(page_has("/", "环境卫生"));
}

static struct {
	pthread_mutex_t	 mu;
	volatile int	 run;
	size_t		 posts, ok, bad;
	char		 (*t)[9];
	size_t		 nt, cap;
} L = { .mu = PTHREAD_MUTEX_INITIALIZER };

static void *
loader(void *arg)
{
	char	 t[9];
	int	 st, gs;

	(void)arg;
	while (__atomic_load_n(&L.run, __ATOMIC_SEQ_CST)) {
		st = form_and_post("1", &gs, t);
		pthread_mutex_lock(&L.mu);
		L.posts++;
		if (st == 303 && gs == 200 && t[0] != '\0') {
			L.ok++;
			if (L.nt == L.cap) {
				L.cap = L.cap ? 2 * L.cap : 4096;
				L.t = realloc(L.t, L.cap * sizeof(*L.t));
				if (L.t == NULL)
					abort();
			}
			memcpy(L.t[L.nt++], t, 9);
		} else {
			if (L.bad < 5)
				fprintf(stderr, "form %d, post %d\n", gs, st);
			L.bad++;
		}
		pthread_mutex_unlock(&L.mu);
	}
	return NULL;
}

static size_t
ok_count(void)
{
	size_t	 n;

	pthread_mutex_lock(&L.mu);
	n = L.ok;
	pthread_mutex_unlock(&L.mu);
	return n;
}

/* Kill daemon `which` ("lianxind2.pid" or "lianxind.pid") under load. */
static void
kill_under_load(const char *which)
{
	pthread_t	 th[POSTERS];
	long		 pid, now;
	size_t		 before, i, j, found;
	long long	 rows0, rows;
	char		 q[1 << 14];
	int		 k, len;

	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM service_requests WHERE "
	    "address = '%s'", marker);
	rows0 = testdb_int(q);
	assert_true(rows0 >= 0);
	L.posts = L.ok = L.bad = L.nt = 0;
	__atomic_store_n(&L.run, 1, __ATOMIC_SEQ_CST);
	for (k = 0; k < POSTERS; k++)
		assert_int_equal(pthread_create(&th[k], NULL, loader, NULL), 0);
	usleep(1000000);
	pid = stack_pid(which);
	assert_true(pid > 0);
	before = ok_count();
	assert_int_equal(kill((pid_t)pid, SIGKILL), 0);
	now = stack_wait_restart(which, pid);
	usleep(1000000);
	__atomic_store_n(&L.run, 0, __ATOMIC_SEQ_CST);
	for (k = 0; k < POSTERS; k++)
		pthread_join(th[k], NULL);

	/* Every receipt in the database ... */
	for (found = 0, i = 0; i < L.nt; i += 500) {
		len = snprintf(q, sizeof(q), "SELECT COUNT(*) FROM "
		    "service_requests WHERE address = '%s' AND tracking_no IN (",
		    marker);
		for (j = i; j < L.nt && j < i + 500; j++)
			len += snprintf(q + len, sizeof(q) - (size_t)len,
			    "%s'%s'", j > i ? "," : "", L.t[j]);
		snprintf(q + len, sizeof(q) - (size_t)len, ")");
		found += (size_t)testdb_int(q);
	}
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM service_requests WHERE "
	    "address = '%s'", marker);
	rows = testdb_int(q) - rows0;
	printf("%s killed: %zu posts (%zu before the kill), %zu receipts, "
	    "%zu failed; %zu receipts found, %lld rows added\n", which,
	    L.posts, before, L.ok, L.bad, found, rows);
	assert_true(now > 0 && now != pid);	/* restarted by its supervisor */
	assert_true(before > 0 && L.ok > before);
	assert_int_equal(L.bad, 0);		/* zero failed */
	assert_int_equal(found, L.ok);		/* zero lost */
	assert_int_equal(rows, (long long)L.ok); /* zero duplicated */
}

static void
kill_a_daemon(void **state)
{
	(void)state;
	kill_under_load("lianxind2.pid");
	/* nginx tries a failed daemon again after fail_timeout (2 s). */
	usleep(2500000);
	kill_under_load("lianxind.pid");
	free(L.t);
	L.t = NULL;
	L.cap = 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_from_replica),
		cmocka_unit_test(replica_down),
		cmocka_unit_test(kill_a_daemon),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("scaleout", tests, setup, NULL);
}
