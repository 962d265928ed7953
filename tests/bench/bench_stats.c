/*
 * Benchmark of the figures at the server: db_stats() against the stack
 * of make bench ($LIANXIN_CONF), for the largest district, the last 12
 * months (from the first of the month 11 months ago to today, so whole
 * months and edge days), as the dashboard and /api/stats ask: grouped by
 * street, by month, by category, and the total.  Also the same for one
 * street grouped by community and one community grouped by grid.
 *
 * Prints plain lines:
 *   stats_district_12m_street_ms p50=1.2 p99=2.0 mean=1.3 rows=6
 * Target (issue 6): district-wide, 12 months, under 5 ms.  The line
 * "_overdue" adds the live count of the open requests overdue now (what
 * /api/stats gives with overdue=1, the dashboard and the outcome chart).
 * The co-building figures (issue 20, sql/cbfig.c) of the same district
 * and street: "cobuild_district_12m_street_ms" (target the same).
 * Optional argument: queries per line (default 300).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cbfigdb.h"
#include "config.h"
#include "db.h"
#include "testdb.h"

static double
now_ms(void)
{
	struct timespec	 t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static struct db_stats_row rows[256];

/* The region of column col (district_id, ...) with the most requests. */
static int
busiest(const char *col)
{
	char	 sql[256];

	snprintf(sql, sizeof(sql), "SELECT %1$s FROM service_requests "
	    "GROUP BY %1$s ORDER BY COUNT(*) DESC LIMIT 1", col);
	return (int)testdb_int(sql);
}

/*
 * Time one(arg) n times; the p50, p99 and mean (ms) into t[0..2].  0, or
 * -1 when a call failed (named name on stderr).
 */
static int
timed(const char *name, int (*one)(void *), void *arg, int n, double t[3])
{
	double		*ms, sum = 0;
	int		 i;

	if ((ms = calloc((size_t)n, sizeof(*ms))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		double	 t0 = now_ms();

		if (one(arg) != DB_OK) {
			fprintf(stderr, "bench_stats: %s failed\n", name);
			free(ms);
			return -1;
		}
		ms[i] = now_ms() - t0;
		sum += ms[i];
	}
	qsort(ms, (size_t)n, sizeof(*ms), cmp);
	t[0] = ms[n / 2];
	t[1] = ms[(n * 99) / 100];
	t[2] = sum / n;
	free(ms);
	return 0;
}

/* The request figures of q. */
struct stats_call {
	struct db		*db;
	struct db_stats_query	*q;
	struct db_figures	 total;
	size_t			 nrows;
};

static int
stats_one(void *arg)
{
	struct stats_call *c = arg;

	c->q->now = time(NULL);
	return db_stats(c->db, c->q, &c->total, rows, 256, &c->nrows);
}

/* Run q n times; print the line; returns p50 or -1 on failure. */
static double
run(struct db *db, const char *name, struct db_stats_query *q, int n)
{
	struct stats_call c = { db, q, { 0 }, 0 };
	double		 t[3];

	if (timed(name, stats_one, &c, n, t) == -1)
		return -1;
	printf("%-36s p50=%.2f p99=%.2f mean=%.2f rows=%zu received=%lld\n",
	    name, t[0], t[1], t[2], c.nrows, c.total.received);
	return t[0];
}

/* The co-building figures of q's scope and days by group (1..3). */
struct cb_call {
	struct db		*db;
	const struct db_stats_query *q;
	int			 group;
	struct db_cb_figures	 total;
	size_t			 nrows;
};

static int
cb_one(void *arg)
{
	static struct db_cb_row cbrows[256];
	struct cb_call	*c = arg;

	return db_cb_figures(c->db, &c->q->scope, c->q->from, c->q->to,
	    c->q->to, c->group, &c->total, cbrows, 256, &c->nrows);
}

/* The same for the co-building figures; p50 or -1. */
static double
run_cb(struct db *db, const char *name, const struct db_stats_query *q,
    int group, int n)
{
	struct cb_call	 c = { db, q, group, { 0 }, 0 };
	double		 t[3];

	if (timed(name, cb_one, &c, n, t) == -1)
		return -1;
	printf("%-36s p50=%.2f p99=%.2f mean=%.2f rows=%zu pairs=%lld "
	    "needs=%lld\n", name, t[0], t[1], t[2], c.nrows, c.total.pairs,
	    c.total.needs);
	return t[0];
}

int
main(int argc, char *argv[])
{
	struct config	 cfg;
	struct db	*db;
	struct db_stats_query q;
	const char	*conf = getenv("LIANXIN_CONF");
	int		 n = argc > 1 ? atoi(argv[1]) : 300, today, y, m, d;
	double		 p50;
	time_t		 t = time(NULL);
	struct tm	 tm;

	if (conf == NULL || n < 1) {
		fprintf(stderr, "bench_stats: LIANXIN_CONF not set (run by "
		    "scripts/bench.sh)\n");
		return 1;
	}
	if (testdb_config(&cfg) != 0 || db_library_init() != 0 ||
	    (db = db_open(&cfg)) == NULL) {
		fprintf(stderr, "bench_stats: cannot open the database\n");
		return 1;
	}
	setenv("TZ", cfg.timezone, 1);
	tzset();
	localtime_r(&t, &tm);
	today = (int)((t + tm.tm_gmtoff) / 86400);
	day_ymd(today, &y, &m, &d);
	m -= 11;
	if (m < 1)
		m += 12, y--;

	memset(&q, 0, sizeof(q));
	q.from = day_from_ymd(y, m, 1);
	q.to = today;
	q.report_days = cfg.report_valid_days;
	q.scope.level = 1;
	q.scope.id[0] = busiest("district_id");
	printf("requests in the database: %lld\n",
	    testdb_int("SELECT COUNT(*) FROM service_requests"));

	q.group = DB_STATS_STREET;
	p50 = run(db, "stats_district_12m_street_ms", &q, n);
	q.overdue = 1;
	(void)run(db, "stats_district_12m_street_overdue_ms", &q, n);
	q.overdue = 0;
	q.group = DB_STATS_TOTAL;
	(void)run(db, "stats_district_12m_total_ms", &q, n);
	q.group = DB_STATS_MONTH;
	(void)run(db, "stats_district_12m_month_ms", &q, n);
	q.group = DB_STATS_CATEGORY;
	(void)run(db, "stats_district_12m_category_ms", &q, n);
	(void)run_cb(db, "cobuild_district_12m_street_ms", &q, 2, n);

	q.scope.level = 2;
	q.scope.id[1] = busiest("street_id");
	q.group = DB_STATS_COMMUNITY;
	(void)run(db, "stats_street_12m_community_ms", &q, n);
	(void)run_cb(db, "cobuild_street_12m_community_ms", &q, 3, n);
	q.scope.level = 3;
	q.scope.id[2] = busiest("community_id");
	q.group = DB_STATS_GRID;
	(void)run(db, "stats_community_12m_grid_ms", &q, n);

	printf("stats target (district, 12 months, < 5 ms p50): %s\n",
	    p50 >= 0 && p50 < 5.0 ? "met" : "NOT met");
	db_close(db);
	return p50 < 0;
}
