/*
 * The figures: a property test.  Random requests go through the real write
 * paths of the data layer (creation, staff actions, the resident's
 * rating) with random timings, so the triggers keep the summary tables up
 * to date as in production; then, for random scopes, periods and
 * groupings (empty ones included), every counter db_stats() answers must
 * equal the one recomputed here by independent SQL over the raw tables.
 * After `lianxin stats rebuild` the summary tables must hold exactly what
 * the incremental path left in them, and the figures must still agree.
 *
 * Longer than 800 lines: one test program per family, whose cases share
 * its fixtures (a logged-in client, the demo's places); most of it is
 * tables of cases.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <sodium.h>

#include "config.h"
#include "day.h"
#include "db.h"
#include "httpc.h"
#include "testdb.h"

#define NREQUESTS	400	/* random requests made by the test */
#define NQUERIES	60	/* random queries per comparison */
#define MAXROWS		256

static struct config	 cfg;
static struct db	*db;
static time_t		 now;
static int		 today;		/* local day number of now */
static int		 offset_min;	/* the figures' UTC offset */

/* A local day's start in UTC as "YYYY-MM-DD HH:MM:SS". */
static void
utc_start(int day, char out[20])
{
	time_t		 t = (time_t)day * 86400 - (time_t)offset_min * 60;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static int
rnd(int n)
{
	return (int)randombytes_uniform((uint32_t)n);
}

/* ---- Making the data ---------------------------------------------- */

/* Who acts: the staff of the request's current handling level. */
static struct db_user	 staff[3];	/* community, street, district */

/* Try one staff action at t; 1 when it was applied. */
static int
act(const char *tracking, enum rq_action a, time_t t)
{
	struct db_request_full f;
	struct db_act	 x = { 0 };

	assert_int_equal(db_request_full(db, tracking, &f), DB_OK);
	x.action = a;
	x.actor = &staff[strcmp(f.pub.level, "community") == 0 ? 0 :
	    strcmp(f.pub.level, "street") == 0 ? 1 : 2];
	x.addr = "127.0.0.1";
	x.version = f.pub.version;
	x.text = a == ACT_RESOLVE ? "已处理完毕（统计测试）" : "统计测试";
	x.reason = (enum reject_reason)rnd(REJECT__MAX);
	x.now = t;
	return db_request_act(db, &f, &x) == DB_OK;
}

/* The resident rates at t; 1 when the rating was taken. */
static int
rate(const char *tracking, time_t t)
{
	struct db_request q;

	assert_int_equal(db_request_get(db, tracking, &q), DB_OK);
	return db_request_rate(db, &q, (enum rating)rnd(RATE__MAX),
	    "", rnd(2), t) == DB_OK;
}

/*
 * One request received at t0 in a random place and category, then a
 * random walk of actions with random delays (minutes to weeks, so that
 * limits are sometimes met and sometimes not), never past now.
 */
static void
one_request(time_t t0)
{
	static const enum rq_action steps[] = { ACT_ACCEPT, ACT_ACCEPT,
	    ACT_ACCEPT, ACT_RESOLVE, ACT_RESOLVE, ACT_RESOLVE, ACT_ESCALATE,
	    ACT_ESCALATE, ACT_REJECT, ACT_NOTE, ACT_REOPEN };
	struct db_request_new n = { 0 };
	enum db_create_rc crc;
	char		 tracking[DB_TRACKING_LEN + 1];
	const char	*s;
	int		 community, grid, k, len;
	time_t		 t = t0;

	s = testdb_str("SELECT CONCAT(id, ' ', community_id) FROM regions "
	    "WHERE level = 4 ORDER BY RAND() LIMIT 1");
	assert_non_null(s);
	assert_int_equal(sscanf(s, "%d %d", &grid, &community), 2);
	if (rnd(5) == 0)		/* no grid given */
		grid = 0;
	n.category_id = (int)testdb_int("SELECT id FROM categories WHERE "
	    "active ORDER BY RAND() LIMIT 1");
	n.community_id = community;
	n.grid_id = grid;
	n.address = "统计测试路1号";
	n.description = "统计测试：随机生成的诉求";
	n.name = "郑淑芬";
	n.phone = "13800000000";
	n.source = rnd(4) == 0 ? "open311" : "web";
	n.now = t0;
	assert_int_equal(db_request_create(db, &n, &crc, tracking), DB_OK);
	assert_int_equal(crc, DB_CREATE_NEW);

	len = rnd(10);
	for (k = 0; k < len; k++) {
		t += rnd(4) == 0 ? 60 * (1 + rnd(600)) : 3600 * (1 + rnd(24 * 12));
		if (t > now)
			break;
		if (rnd(4) == 0)
			(void)rate(tracking, t);
		else
			(void)act(tracking, steps[rnd((int)(sizeof(steps) /
			    sizeof(steps[0])))], t);
	}
}

/* ---- Independent figures ------------------------------------------ */

/* The WHERE clause of the raw requests of scope, days and one group. */
static void
where(const struct db_stats_query *q, int group, int key, int from, int to,
    char *w, size_t sz)
{
	static const char *const scope_col[4] = { "r.district_id",
	    "r.street_id", "r.community_id", "r.grid_id" };
	char		 f[20], t[20], part[128];
	int		 i;

	utc_start(from, f);
	utc_start(to + 1, t);
	snprintf(w, sz, "r.received_at >= '%s' AND r.received_at < '%s'", f,
	    t);
	for (i = 0; i < q->scope.level; i++) {
		snprintf(part, sizeof(part), " AND %s = %d", scope_col[i],
		    q->scope.id[i]);
		strncat(w, part, sz - strlen(w) - 1);
	}
	part[0] = '\0';
	switch (group) {
	case DB_STATS_DISTRICT:
	case DB_STATS_STREET:
	case DB_STATS_COMMUNITY:
		snprintf(part, sizeof(part), " AND %s = %d",
		    scope_col[group - 1], key);
		break;
	case DB_STATS_GRID:
		snprintf(part, sizeof(part), " AND COALESCE(r.grid_id, 0) = %d",
		    key);
		break;
	case DB_STATS_CATEGORY:
		snprintf(part, sizeof(part), " AND r.category_id = %d", key);
		break;
	default:
		break;
	}
	strncat(w, part, sz - strlen(w) - 1);
}

/*
 * The request figures of DESIGN.md over the raw rows, written from the
 * definitions (the response limit from the category, not the stored due
 * time).
 */
static void
raw_requests(const char *w, struct db_figures *f)
{
	static const char *const exprs[] = {
		"COUNT(*)",
		"SUM(r.state = 'rejected')",
		"SUM(r.state <> 'rejected' AND r.accepted_at IS NOT NULL AND "
		"r.accepted_at <= r.received_at + INTERVAL c.response_hours HOUR)",
		"SUM(r.state IN ('resolved', 'closed'))",
		"SUM(r.state IN ('resolved', 'closed') AND "
		"r.resolved_at <= r.resolve_due)",
		"SUM(r.state IN ('resolved', 'closed') AND r.rating IS NOT NULL)",
		"SUM(r.state IN ('resolved', 'closed') AND "
		"r.rating IS NOT NULL AND r.rating <> 'unsatisfied')",
		"SUM(r.state IN ('resolved', 'closed') AND "
		"r.max_level = 'community')",
		"SUM(IF(r.state IN ('resolved', 'closed'), "
		"UNIX_TIMESTAMP(r.resolved_at) - UNIX_TIMESTAMP(r.received_at), "
		"0))",
	};
	long long	*out[] = { &f->received, &f->rejected, &f->responded,
	    &f->resolved, &f->ontime, &f->rated, &f->satisfied, &f->community,
	    &f->resolve_s };
	char		 sql[1024], t[20];
	struct tm	 tm;
	size_t		 i;

	for (i = 0; i < sizeof(exprs) / sizeof(exprs[0]); i++) {
		snprintf(sql, sizeof(sql), "SELECT COALESCE(%s, 0) FROM "
		    "service_requests r JOIN categories c ON c.id = "
		    "r.category_id WHERE %s", exprs[i], w);
		*out[i] = testdb_int(sql);
	}
	gmtime_r(&now, &tm);
	strftime(t, sizeof(t), "%Y-%m-%d %H:%M:%S", &tm);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM service_requests r "
	    "WHERE r.state NOT IN ('resolved', 'closed', 'rejected') AND "
	    "r.resolve_due < '%s' AND %s", t, w);
	f->overdue = testdb_int(sql);
}

/* Members of the communities of w meeting conditions a and b. */
static long long
members_where(const char *w, const char *a, const char *b)
{
	char	 sql[2048];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM party_members m "
	    "JOIN regions g ON g.id = m.community_id WHERE %s AND %s AND %s",
	    w, a, b);
	return testdb_int(sql);
}

/* E of DESIGN.md for the days up to `to`: their end or at, the earlier. */
static time_t
as_of(int to, time_t at)
{
	time_t	 end = (time_t)(to + 1) * 86400 - (time_t)offset_min * 60;

	return at < end ? at : end;
}

/*
 * Member figures of the communities in scope (and in the group's region)
 * as of the instant end (UTC), participation on days [from, to].
 */
static void
raw_members(const struct db_stats_query *q, int group, int key, int from,
    int to, time_t end, struct db_figures *f)
{
	static const char *const col[4] = { "g.district_id", "g.street_id",
	    "g.community_id", "g.id" };
	char		 w[512], part[160], e[20], df[DB_DATE_LEN + 1],
			 dt[DB_DATE_LEN + 1], sql[2048], rep[256];
	struct tm	 tm;
	int		 i;

	gmtime_r(&end, &tm);
	strftime(e, sizeof(e), "%Y-%m-%d %H:%M:%S", &tm);
	day_format(from, df);
	day_format(to, dt);
	snprintf(w, sizeof(w), "m.created_at < '%s'", e);
	for (i = 0; i < q->scope.level; i++) {
		snprintf(part, sizeof(part), " AND %s = %d", col[i],
		    q->scope.id[i]);
		strncat(w, part, sizeof(w) - strlen(w) - 1);
	}
	if (group >= DB_STATS_DISTRICT && group <= DB_STATS_COMMUNITY) {
		snprintf(part, sizeof(part), " AND %s = %d", col[group - 1],
		    key);
		strncat(w, part, sizeof(w) - strlen(w) - 1);
	}
	/* Reported at e: a confirmed report at most report_days old. */
	snprintf(rep, sizeof(rep), "m.id IN (SELECT mr.member_id FROM "
	    "member_reports mr WHERE mr.state = 'confirmed' AND "
	    "TIMESTAMPDIFF(SECOND, mr.decided_at, '%s') BETWEEN 1 AND "
	    "%d * 86400)", e, q->report_days);
	snprintf(part, sizeof(part), "m.id IN (SELECT p.member_id FROM "
	    "participation p WHERE p.held_on >= '%s' AND p.held_on <= '%s')",
	    df, dt);
	f->roster = members_where(w, "TRUE", "TRUE");
	f->in_service = members_where(w, "m.type = 'in_service'", "TRUE");
	f->in_service_reported = members_where(w, "m.type = 'in_service'",
	    rep);
	f->reported = members_where(w, rep, "TRUE");
	f->participants = members_where(w, rep, part);
	snprintf(sql, sizeof(sql), "SELECT COALESCE(ROUND(SUM(p.hours) * 10), "
	    "0) FROM participation p JOIN party_members m ON m.id = "
	    "p.member_id JOIN regions g ON g.id = m.community_id WHERE %s "
	    "AND p.held_on >= '%s' AND p.held_on <= '%s'", w, df, dt);
	f->hours_tenths = testdb_int(sql);
	f->members = 1;
}

#define SAME(field, what) do { \
	if (got->field != want->field) { \
		fprintf(stderr, "%s: " #field " %lld, expected %lld\n", \
		    what, (long long)got->field, (long long)want->field); \
		fail(); \
	} \
} while (0)

static void
compare(const struct db_figures *got, const struct db_figures *want,
    const char *what)
{
	SAME(received, what); SAME(rejected, what); SAME(responded, what);
	SAME(resolved, what); SAME(ontime, what); SAME(rated, what);
	SAME(satisfied, what); SAME(community, what); SAME(resolve_s, what);
	SAME(members, what);
	if (got->overdue_known)
		SAME(overdue, what);
	else
		assert_int_equal(got->overdue, 0);
	if (!want->members)
		return;
	SAME(roster, what); SAME(in_service, what);
	SAME(in_service_reported, what); SAME(reported, what);
	SAME(participants, what); SAME(hours_tenths, what);
}

/* A random scope: every district, or a random region at any level. */
static void
random_scope(struct db_scope *s)
{
	const char	*row;
	int		 id, d, st, c, level;

	memset(s, 0, sizeof(*s));
	if (rnd(8) == 0)
		return;
	row = testdb_str("SELECT CONCAT_WS(' ', id, level, "
	    "COALESCE(district_id, 0), COALESCE(street_id, 0), "
	    "COALESCE(community_id, 0)) FROM regions "
	    "ORDER BY RAND() LIMIT 1");
	assert_non_null(row);
	assert_int_equal(sscanf(row, "%d %d %d %d %d", &id, &level, &d, &st,
	    &c), 5);
	s->level = level;
	s->id[0] = d;
	s->id[1] = level >= 2 ? st : 0;
	s->id[2] = level >= 3 ? c : 0;
	s->id[3] = level == 4 ? id : 0;
}

/*
 * NQUERIES random queries: random scope, period (a day, weeks, a year;
 * sometimes one with no requests at all) and grouping; every row and the
 * total checked against the raw tables.
 */
static void
check_random_queries(void)
{
	struct db_stats_query q;
	struct db_stats_row *rows;
	struct db_figures total, want, sum;
	char		 what[160], w[1024];
	size_t		 n, i;
	int		 k, from, to, groups[4], ng, y, m;

	rows = calloc(MAXROWS, sizeof(*rows));
	assert_non_null(rows);
	for (k = 0; k < NQUERIES; k++) {
		memset(&q, 0, sizeof(q));
		random_scope(&q.scope);
		switch (rnd(4)) {
		case 0:			/* before any request */
			from = day_from_ymd(2010, 1, 1) + rnd(300);
			break;
		default:
			from = day_from_ymd(2018, 12, 1) + rnd(today -
			    day_from_ymd(2018, 12, 1));
			break;
		}
		to = from + (rnd(3) == 0 ? rnd(3) : rnd(420));
		if (to > today + 30)
			to = today + 30;
		if (from > to)
			from = to;
		ng = 0;
		groups[ng++] = DB_STATS_TOTAL;
		if (q.scope.level < 4)
			groups[ng++] = q.scope.level + 1;
		groups[ng++] = DB_STATS_CATEGORY;
		groups[ng++] = DB_STATS_MONTH;
		q.group = groups[rnd(ng)];
		q.from = from;
		q.to = to;
		q.now = now;
		q.overdue = rnd(4) != 0;
		q.report_days = cfg.report_valid_days;
		assert_int_equal(db_stats(db, &q, &total, rows, MAXROWS, &n),
		    DB_OK);
		assert_int_equal(total.overdue_known, q.overdue);

		/* The total. */
		snprintf(what, sizeof(what), "query %d: scope %d/%d, days "
		    "%d..%d, group %d: total", k, q.scope.level,
		    q.scope.level ? q.scope.id[q.scope.level - 1] : 0, from,
		    to, (int)q.group);
		memset(&want, 0, sizeof(want));
		where(&q, DB_STATS_TOTAL, 0, from, to, w, sizeof(w));
		raw_requests(w, &want);
		/* Member figures in every total above a grid, whatever
		 * the grouping. */
		if (q.scope.level < 4)
			raw_members(&q, DB_STATS_TOTAL, 0, from, to,
			    as_of(to, now), &want);
		compare(&total, &want, what);

		/* Every row, and the rows add up to the total. */
		memset(&sum, 0, sizeof(sum));
		for (i = 0; i < n; i++) {
			int	 rf = from, rt = to;

			if (q.group == DB_STATS_MONTH) {
				y = rows[i].key / 100, m = rows[i].key % 100;
				rf = day_from_ymd(y, m, 1);
				rt = (m == 12 ? day_from_ymd(y + 1, 1, 1) :
				    day_from_ymd(y, m + 1, 1)) - 1;
				rf = rf < from ? from : rf;
				rt = rt > to ? to : rt;
				assert_true(rf <= rt);
			}
			memset(&want, 0, sizeof(want));
			where(&q, q.group, rows[i].key, rf, rt, w, sizeof(w));
			raw_requests(w, &want);
			if (q.scope.level < 4 && (q.group == DB_STATS_MONTH ||
			    (q.group >= DB_STATS_DISTRICT &&
			    q.group <= DB_STATS_COMMUNITY)))
				raw_members(&q, q.group == DB_STATS_MONTH ?
				    DB_STATS_TOTAL : q.group, rows[i].key, rf,
				    rt, as_of(rt, now), &want);
			snprintf(what, sizeof(what), "query %d: scope %d/%d, "
			    "days %d..%d, group %d row %d (%s)", k,
			    q.scope.level, q.scope.level ?
			    q.scope.id[q.scope.level - 1] : 0, from, to,
			    (int)q.group, rows[i].key, rows[i].name);
			compare(&rows[i].f, &want, what);
			sum.received += rows[i].f.received;
			sum.resolved += rows[i].f.resolved;
			sum.overdue += rows[i].f.overdue;
			sum.resolve_s += rows[i].f.resolve_s;
		}
		if (q.group != DB_STATS_TOTAL) {
			assert_true(n > 0);
			assert_int_equal(sum.received, total.received);
			assert_int_equal(sum.resolved, total.resolved);
			assert_int_equal(sum.overdue, total.overdue);
			assert_int_equal(sum.resolve_s, total.resolve_s);
		}
	}
	free(rows);
}

/* The member figures of two figures. */
static void
same_members(const struct db_figures *got, const struct db_figures *want,
    const char *what)
{
	SAME(members, what);
	SAME(roster, what); SAME(in_service, what);
	SAME(in_service_reported, what); SAME(reported, what);
	SAME(participants, what); SAME(hours_tenths, what);
}

/* The rows of the tests' queries that look only at totals. */
static struct db_stats_row trows[MAXROWS];

/* Every field of two figures, member figures and flags included. */
static void
same_total(const struct db_figures *got, const struct db_figures *want,
    const char *what)
{
	compare(got, want, what);
	SAME(overdue, what); SAME(overdue_known, what); SAME(members, what);
	SAME(roster, what); SAME(in_service, what);
	SAME(in_service_reported, what); SAME(reported, what);
	SAME(participants, what); SAME(hours_tenths, what);
}

/* A random region of level (0: every district). */
static void
scope_at(int level, struct db_scope *s)
{
	const char	*row;
	char		 sql[256];
	int		 id, d, st, c;

	memset(s, 0, sizeof(*s));
	if (level == 0)
		return;
	snprintf(sql, sizeof(sql), "SELECT CONCAT_WS(' ', id, "
	    "COALESCE(district_id, 0), COALESCE(street_id, 0), "
	    "COALESCE(community_id, 0)) FROM regions WHERE level = %d "
	    "ORDER BY RAND() LIMIT 1", level);
	row = testdb_str(sql);
	assert_non_null(row);
	assert_int_equal(sscanf(row, "%d %d %d %d", &id, &d, &st, &c), 4);
	s->level = level;
	s->id[0] = d;
	s->id[1] = level >= 2 ? st : 0;
	s->id[2] = level >= 3 ? c : 0;
	s->id[3] = level == 4 ? id : 0;
	s->id[level - 1] = id;
}

/* A query of db_stats over a random region of level, as of now. */
static void
query_at(int level, struct db_stats_query *q)
{
	memset(q, 0, sizeof(*q));
	scope_at(level, &q->scope);
	q->now = now;
	q->report_days = cfg.report_valid_days;
}

/* A random period: past, ending today or in the future, short or long. */
static void
random_period(int *from, int *to)
{
	switch (rnd(3)) {
	case 0:		/* ends in the past */
		*to = today - 1 - rnd(700);
		break;
	case 1:		/* ends today */
		*to = today;
		break;
	default:	/* ends in the future */
		*to = today + 1 + rnd(400);
		break;
	}
	*from = *to - (rnd(3) == 0 ? rnd(3) : rnd(500));
}
/* ---- Tests --------------------------------------------------------- */

static int
setup(void **state)
{
	(void)state;
	if (testdb_config(&cfg) != 0 || db_library_init() != 0 ||
	    (db = db_open(&cfg)) == NULL)
		return -1;
	if (db_user_by_name(db, "community1", &staff[0]) != DB_OK ||
	    db_user_by_name(db, "street1", &staff[1]) != DB_OK ||
	    db_user_by_name(db, "district", &staff[2]) != DB_OK)
		return -1;
	offset_min = (int)testdb_int("SELECT offset_minutes FROM stats_tz");
	now = time(NULL);
	today = (int)((now + offset_min * 60) / 86400);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_close(db);
	return 0;
}

/* The day numbers the figures' periods are made of. */
static void
days(void **state)
{
	static const struct { const char *s; int y, m, d; } ok[] = {
		{ "1980-01-01", 1980, 1, 1 }, { "2024-02-29", 2024, 2, 29 },
		{ "2026-10-31", 2026, 10, 31 }, { "2099-12-31", 2099, 12, 31 },
		{ "2000-02-29", 2000, 2, 29 }, { "2026-12-01", 2026, 12, 1 },
	};
	static const char *const bad[] = { "", "2026-1-01", "2026-13-01",
	    "2026-02-29", "1900-02-29", "2026-04-31", "2026-00-10",
	    "2026-01-00", "1979-12-31", "2100-01-01", "2026-01-01 ",
	    "2026/01/01", "２０２６-01-01", "20260101", "2026-01-1x" };
	char		 out[DB_DATE_LEN + 1];
	size_t		 i;
	int		 day, y, m, d;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		day = day_parse(ok[i].s);
		assert_int_equal(day, day_from_ymd(ok[i].y, ok[i].m, ok[i].d));
		/* Against the C library's own calendar. */
		struct tm tm = { .tm_year = ok[i].y - 1900,
		    .tm_mon = ok[i].m - 1, .tm_mday = ok[i].d };
		assert_int_equal((long long)day * 86400,
		    (long long)timegm(&tm));
		day_ymd(day, &y, &m, &d);
		assert_int_equal(y * 10000 + m * 100 + d,
		    ok[i].y * 10000 + ok[i].m * 100 + ok[i].d);
		day_format(day, out);
		assert_string_equal(out, ok[i].s);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(day_parse(bad[i]), -1);
	for (day = DAY_MIN; day <= DAY_MAX; day += 17) {
		day_format(day, out);
		assert_int_equal(day_parse(out), day);
	}
}

/*
 * Random requests through the write paths, then random queries against
 * the raw tables; then a rebuild changes nothing and the figures still
 * agree.
 */
static void
incremental_rebuild_direct(void **state)
{
	/* Rows compared by key, their slots summed (migration 0008). */
#define SUMS "SUM(received), SUM(rejected), SUM(responded), " \
	    "SUM(resolved), SUM(ontime), SUM(rated), SUM(satisfied), " \
	    "SUM(community), SUM(resolve_s)"
#define DAYS(t) "SELECT day, community_id, grid_id, category_id, " \
	    "MIN(district_id), MIN(street_id), " SUMS " FROM " t \
	    " GROUP BY 1, 2, 3, 4 HAVING SUM(received) <> 0"
#define MONTHS(t) "SELECT district_id, month, community_id, " \
	    "category_id, MIN(street_id), " SUMS " FROM " t \
	    " GROUP BY 1, 2, 3, 4 HAVING SUM(received) <> 0"
	static const char *const cmp =
	    "SELECT COUNT(*) FROM (" DAYS("%s") " EXCEPT " DAYS("%s") ") x";
	static const char *const cmpm =
	    "SELECT COUNT(*) FROM (" MONTHS("%s") " EXCEPT " MONTHS("%s")
	    ") x";
	char		 sql[1024], cmd[1024];
	long long	 before;
	int		 i;
	time_t		 t0;

	(void)state;
	before = testdb_int("SELECT COUNT(*) FROM service_requests");
	for (i = 0; i < NREQUESTS; i++) {
		/* Mostly long ago; some in the last days (open within their
		 * limits), some around month ends (local vs UTC days). */
		if (i % 10 == 0)
			t0 = now - 60 * (1 + rnd(60 * 24 * 6));
		else if (i % 10 == 1)
			t0 = (time_t)day_from_ymd(2019, 1 + rnd(12), 1) *
			    86400 - offset_min * 60 + 60 * (rnd(120) - 60);
		else
			t0 = (time_t)day_from_ymd(2019, 1, 1) * 86400 +
			    rnd(365 * 86400);
		one_request(t0);
	}
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM service_requests"),
	    before + NREQUESTS);
	/* The walk reached every kind of outcome. */
	assert_true(testdb_int("SELECT COUNT(*) FROM service_requests WHERE "
	    "description LIKE '统计测试%' AND state = 'rejected'") > 0);
	assert_true(testdb_int("SELECT COUNT(*) FROM service_requests WHERE "
	    "description LIKE '统计测试%' AND max_level <> 'community' AND "
	    "state IN ('resolved', 'closed')") > 0);
	assert_true(testdb_int("SELECT COUNT(*) FROM service_requests WHERE "
	    "description LIKE '统计测试%' AND rating = 'unsatisfied'") > 0);
	assert_true(testdb_int("SELECT COUNT(*) FROM service_requests WHERE "
	    "description LIKE '统计测试%' AND reopen_count = 1") > 0);
	assert_true(testdb_int("SELECT COUNT(*) FROM service_requests WHERE "
	    "description LIKE '统计测试%' AND state = 'resolved' AND "
	    "resolved_at > resolve_due") > 0);

	check_random_queries();

	/* Rebuild from the raw tables: the same rows as the triggers'. */
	assert_true(testdb_exec("DROP TABLE IF EXISTS test_stats_before, "
	    "test_stats_month") >= 0);
	assert_true(testdb_exec("CREATE TABLE test_stats_before AS "
	    "SELECT * FROM stats_day") >= 0);
	assert_true(testdb_exec("CREATE TABLE test_stats_month AS "
	    "SELECT * FROM stats_month") >= 0);
	snprintf(cmd, sizeof(cmd), "'%s' stats rebuild >/dev/null",
	    test_bin("lianxin"));
	assert_int_equal(system(cmd), 0);
	snprintf(sql, sizeof(sql), cmp, "test_stats_before", "stats_day");
	assert_int_equal(testdb_int(sql), 0);
	snprintf(sql, sizeof(sql), cmp, "stats_day", "test_stats_before");
	assert_int_equal(testdb_int(sql), 0);
	assert_true(testdb_int("SELECT COUNT(*) FROM stats_day") > 0);
	snprintf(sql, sizeof(sql), cmpm, "test_stats_month", "stats_month");
	assert_int_equal(testdb_int(sql), 0);
	snprintf(sql, sizeof(sql), cmpm, "stats_month", "test_stats_month");
	assert_int_equal(testdb_int(sql), 0);
	assert_true(testdb_exec("DROP TABLE test_stats_before, "
	    "test_stats_month") >= 0);
	/* The months are the sums of their days. */
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM (SELECT "
	    "d.community_id, d.category_id, d.m, d.n, d.s FROM (SELECT "
	    "community_id, category_id, DATE_FORMAT(day, '%Y-%m-01') AS m, "
	    "SUM(received) AS n, SUM(resolve_s) AS s FROM stats_day "
	    "GROUP BY 1, 2, 3) d LEFT JOIN (SELECT community_id, "
	    "category_id, month, SUM(received) AS received, SUM(resolve_s) "
	    "AS resolve_s FROM stats_month GROUP BY 1, 2, 3) mo ON "
	    "mo.community_id = d.community_id AND mo.category_id = "
	    "d.category_id AND mo.month = d.m WHERE mo.received IS NULL OR "
	    "mo.received <> d.n OR mo.resolve_s <> d.s) x"), 0);

	check_random_queries();
}

/* ---- Posts at the same time (batches, sql/request.c) --------------- */

#define POSTERS		8	/* threads, each with its own connection */
#define POSTS		40	/* posts per thread */
#define SHARED		4	/* form tokens every thread posts once */

enum post_kind { PK_NEW, PK_SHARED, PK_BAD_CATEGORY, PK_BAD_PLACE };

static struct {
	int		 community, grid, other_grid, category;
	unsigned char	 shared[SHARED][DB_TOKEN_LEN];
	pthread_barrier_t start;
} pc;

struct poster {
	int		 idx;
	enum post_kind	 kind[POSTS];
	int		 rc[POSTS];
	enum db_create_rc crc[POSTS];
	char		 tracking[POSTS][DB_TRACKING_LEN + 1];
};

static enum post_kind
post_kind(int i)
{
	return i % 10 == 3 ? PK_SHARED : i % 10 == 5 ? PK_BAD_CATEGORY :
	    i % 10 == 7 ? PK_BAD_PLACE : PK_NEW;
}

static void *
poster(void *arg)
{
	struct poster	*o = arg;
	struct db	*d;
	unsigned char	 tok[DB_TOKEN_LEN];
	int		 i;

	db_thread_init();
	d = db_open(&cfg);
	pthread_barrier_wait(&pc.start);
	for (i = 0; i < POSTS && d != NULL; i++) {
		struct db_request_new n = { 0 };

		o->kind[i] = post_kind(i);
		if (o->kind[i] == PK_SHARED)
			memcpy(tok, pc.shared[i / 10], sizeof(tok));
		else
			randombytes_buf(tok, sizeof(tok));
		n.form_token = tok;
		n.category_id = o->kind[i] == PK_BAD_CATEGORY ? 32000 :
		    pc.category;
		n.community_id = pc.community;
		n.grid_id = o->kind[i] == PK_BAD_PLACE ? pc.other_grid :
		    i % 2 ? pc.grid : 0;
		n.address = "并发测试路8号";
		n.description = "并发测试：同一时刻提交的诉求";
		n.name = "钱小红";
		n.phone = "13700000000";
		n.source = "web";
		n.has_coords = i % 3 == 0;
		n.lat = 30123456;
		n.lng = 120654321;
		n.now = now - 60 * (o->idx * POSTS + i);
		o->rc[i] = db_request_create(d, &n, &o->crc[i],
		    o->tracking[i]);
	}
	if (d == NULL)
		o->rc[0] = DB_UNAVAILABLE;
	db_close(d);
	db_thread_end();
	return NULL;
}

/* Received in the community by the four summary tables. */
static void
received_in(int community, long long out[4])
{
	static const char *const t[4] = { "stats_day", "stats_dayc",
	    "stats_month", "stats_monthc" };
	char		 sql[160];
	int		 i;

	for (i = 0; i < 4; i++) {
		snprintf(sql, sizeof(sql), "SELECT COALESCE(SUM(received), 0) "
		    "FROM %s WHERE community_id = %d", t[i], community);
		out[i] = testdb_int(sql);
	}
}

/*
 * Threads post at once, so that their posts are written in batches:
 * new forms, forms every thread posts (one request each, the same
 * tracking number to all), bad categories and places (nothing stored).
 * Every request stored has its one "submit" event and counts once in
 * each summary table; the rebuild in incremental_rebuild_direct then
 * finds the summary rows exactly as these batches left them.
 */
static void
concurrent_posts(void **state)
{
	static struct poster o[POSTERS];
	pthread_t	 th[POSTERS];
	char		 sql[256], first[SHARED][DB_TRACKING_LEN + 1];
	char		 community[16], grid[16], other[16];
	long long	 before, fig0[4], fig1[4], added = 0;
	uint64_t	 b0, r0, b1, r1;
	int		 i, j, nshared[SHARED] = { 0 };

	(void)state;
	assert_int_equal(testdb_places(community, grid, other), 0);
	pc.community = atoi(community);
	pc.grid = atoi(grid);
	pc.other_grid = atoi(other);
	pc.category = (int)testdb_int("SELECT MIN(id) FROM categories "
	    "WHERE active");
	randombytes_buf(pc.shared, sizeof(pc.shared));
	before = testdb_int("SELECT COUNT(*) FROM service_requests");
	received_in(pc.community, fig0);
	db_post_counts(&b0, &r0);

	assert_int_equal(pthread_barrier_init(&pc.start, NULL, POSTERS), 0);
	for (i = 0; i < POSTERS; i++) {
		o[i].idx = i;
		assert_int_equal(pthread_create(&th[i], NULL, poster, &o[i]),
		    0);
	}
	for (i = 0; i < POSTERS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&pc.start);

	for (i = 0; i < POSTERS; i++)
		for (j = 0; j < POSTS; j++) {
			assert_int_equal(o[i].rc[j], DB_OK);
			switch (o[i].kind[j]) {
			case PK_NEW:
				assert_int_equal(o[i].crc[j], DB_CREATE_NEW);
				added++;
				break;
			case PK_SHARED:
				/* One post per token stored it; the others
				 * got its tracking number. */
				if (o[i].crc[j] == DB_CREATE_NEW) {
					nshared[j / 10]++;
					added++;
				} else
					assert_int_equal(o[i].crc[j],
					    DB_CREATE_REPEAT);
				break;
			case PK_BAD_CATEGORY:
				assert_int_equal(o[i].crc[j],
				    DB_CREATE_BAD_CATEGORY);
				break;
			case PK_BAD_PLACE:
				assert_int_equal(o[i].crc[j],
				    DB_CREATE_BAD_PLACE);
				break;
			}
		}
	for (j = 0; j < SHARED; j++) {
		assert_int_equal(nshared[j], 1);
		memcpy(first[j], o[0].tracking[j * 10 + 3], sizeof(first[j]));
		for (i = 1; i < POSTERS; i++)
			assert_string_equal(o[i].tracking[j * 10 + 3],
			    first[j]);
	}
	assert_int_equal(added, POSTERS * (POSTS / 10) * 7 + SHARED);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM service_requests"),
	    before + added);
	/* Each stored once, with its own submit event, its token and its
	 * place; the tracking numbers answered are those stored. */
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM service_requests "
	    "WHERE description = '并发测试：同一时刻提交的诉求'"), added);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM service_requests r "
	    "WHERE r.description = '并发测试：同一时刻提交的诉求' AND "
	    "(SELECT COUNT(*) FROM request_events e WHERE e.request_id = "
	    "r.id AND e.action = 'submit' AND e.at = r.received_at) <> 1"), 0);
	for (i = 0; i < POSTERS; i++)
		for (j = 0; j < POSTS; j++) {
			if (o[i].crc[j] != DB_CREATE_NEW)
				continue;
			snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM "
			    "service_requests WHERE tracking_no = '%s' AND "
			    "community_id = %d AND category_id = %d AND "
			    "state = 'submitted' AND response_due > "
			    "received_at", o[i].tracking[j], pc.community,
			    pc.category);
			assert_int_equal(testdb_int(sql), 1);
		}
	/* The figures moved by exactly the requests stored. */
	received_in(pc.community, fig1);
	for (i = 0; i < 4; i++)
		assert_int_equal(fig1[i] - fig0[i], added);
	/* And batches wrote them (threads waited on one another). */
	db_post_counts(&b1, &r1);
	assert_true(b1 > b0);
	assert_true(r1 - r0 >= 2 * (b1 - b0));
	assert_true(r1 - r0 <= (uint64_t)added);
}

/* A period without requests: every denominator is 0 (rates empty). */
static void
empty_period(void **state)
{
	struct db_stats_query q = { .group = DB_STATS_STREET };
	struct db_stats_row rows[64];
	struct db_figures t;
	size_t		 n, i;

	(void)state;
	q.scope.level = 1;
	q.scope.id[0] = (int)testdb_int("SELECT MIN(id) FROM regions "
	    "WHERE level = 1");
	q.from = day_from_ymd(2011, 3, 1);
	q.to = day_from_ymd(2011, 3, 31);
	q.now = now;
	q.report_days = cfg.report_valid_days;
	assert_int_equal(db_stats(db, &q, &t, rows, 64, &n), DB_OK);
	assert_int_equal(t.received, 0);
	assert_int_equal(t.resolved, 0);
	assert_int_equal(t.rated, 0);
	assert_int_equal(t.in_service, 0);	/* nobody on the roster yet */
	assert_int_equal(t.reported, 0);
	{
		char	 sql[128];

		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM regions "
		    "WHERE parent_id = %d", q.scope.id[0]);
		assert_int_equal((long long)n, testdb_int(sql));
	}
	for (i = 0; i < n; i++)
		assert_int_equal(rows[i].f.received, 0);
	/* A bad query is refused. */
	q.group = DB_STATS_GRID;
	assert_int_equal(db_stats(db, &q, &t, rows, 64, &n), DB_ERROR);
	q.group = DB_STATS_STREET;
	q.from = q.to + 1;
	assert_int_equal(db_stats(db, &q, &t, rows, 64, &n), DB_ERROR);
}

/*
 * Every total is the same whatever the grouping (DESIGN.md): for random
 * scopes of every level and random periods (past, ending today, ending
 * in the future), the totals grouped per child region, per category and
 * per month equal the ungrouped one field by field, member figures
 * included, and that one equals the raw tables'.
 */
static void
totals_whatever_the_grouping(void **state)
{
	struct db_stats_query q;
	struct db_figures none, got, want;
	char		 what[160], w[1024];
	size_t		 n;
	int		 level, k, g, groups[4], ng, members = 0;

	(void)state;
	for (level = 0; level <= 4; level++)
		for (k = 0; k < 6; k++) {
			query_at(level, &q);
			random_period(&q.from, &q.to);
			q.overdue = 1;
			q.group = DB_STATS_TOTAL;
			assert_int_equal(db_stats(db, &q, &none, trows, MAXROWS,
			    &n), DB_OK);
			snprintf(what, sizeof(what), "scope %d/%d, days %d..%d "
			    "(today %d), ungrouped", level, level ?
			    q.scope.id[level - 1] : 0, q.from, q.to, today);
			memset(&want, 0, sizeof(want));
			where(&q, DB_STATS_TOTAL, 0, q.from, q.to, w,
			    sizeof(w));
			raw_requests(w, &want);
			want.overdue_known = 1;
			if (level < 4)
				raw_members(&q, DB_STATS_TOTAL, 0, q.from, q.to,
				    as_of(q.to, now), &want);
			same_total(&none, &want, what);
			members += none.in_service_reported > 0;
			ng = 0;
			if (level < 4)
				groups[ng++] = level + 1;
			groups[ng++] = DB_STATS_CATEGORY;
			groups[ng++] = DB_STATS_MONTH;
			for (g = 0; g < ng; g++) {
				q.group = groups[g];
				assert_int_equal(db_stats(db, &q, &got, trows,
				    MAXROWS, &n), DB_OK);
				snprintf(what, sizeof(what), "scope %d/%d, days "
				    "%d..%d (today %d), group %d", level, level ?
				    q.scope.id[level - 1] : 0, q.from, q.to,
				    today, groups[g]);
				same_total(&got, &none, what);
			}
		}
	/* The member figures were there to compare. */
	assert_true(members > 0);
}

/*
 * Member figures are as of the end of the period or now, whichever is
 * earlier: a period ending in the future gives the figures of the same
 * period ending today (nothing is counted that has not happened yet),
 * and both equal the raw tables as of now.  Were they counted at the
 * future end, the reports lapsing before it would be missing.
 */
static void
members_as_of_now(void **state)
{
	static const int ahead[] = { 1, 30, 200, 400 };
	struct db_stats_query q;
	struct db_figures at_today, later, want, future;
	char		 what[160];
	size_t		 n, i;
	int		 level, k, lapsing = 0;

	(void)state;
	for (level = 0; level <= 3; level++)
		for (k = 0; k < 4; k++) {
			query_at(level, &q);
			q.from = today - rnd(400);
			q.to = today;
			q.group = k % 2 ? DB_STATS_MONTH : DB_STATS_TOTAL;
			assert_int_equal(db_stats(db, &q, &at_today, trows,
			    MAXROWS, &n), DB_OK);
			memset(&want, 0, sizeof(want));
			raw_members(&q, DB_STATS_TOTAL, 0, q.from, q.to, now,
			    &want);
			snprintf(what, sizeof(what), "scope %d/%d, days %d..%d "
			    "(today)", level, level ? q.scope.id[level - 1] :
			    0, q.from, q.to);
			same_members(&at_today, &want, what);
			for (i = 0; i < sizeof(ahead) / sizeof(ahead[0]); i++) {
				q.to = today + ahead[i];
				assert_int_equal(db_stats(db, &q, &later, trows,
				    MAXROWS, &n), DB_OK);
				snprintf(what, sizeof(what), "scope %d/%d, days "
				    "%d..%d (%d days ahead)", level, level ?
				    q.scope.id[level - 1] : 0, q.from, q.to,
				    ahead[i]);
				same_total(&later, &at_today, what);
				/* At the future end, fewer would hold a valid
				 * report: the test can tell. */
				if (ahead[i] <= cfg.report_valid_days)
					continue;
				memset(&future, 0, sizeof(future));
				raw_members(&q, DB_STATS_TOTAL, 0, q.from,
				    q.to, as_of(q.to, now + 1000L * 86400),
				    &future);
				lapsing += future.in_service_reported <
				    want.in_service_reported;
			}
		}
	assert_true(lapsing > 0);
}

/*
 * The member figures as of instants in the past (q.now), stepping through
 * two years (a figure per step, from the process's cache when its window
 * holds), and at the very instants a report takes effect or lapses and
 * the seconds around them: each equals the raw tables at that instant.
 */
static void
members_cache_window(void **state)
{
	struct db_stats_query q;
	struct db_stats_row rows[8];
	struct db_figures got, want;
	char		 what[160];
	const char	*s;
	size_t		 n;
	time_t		 t, edges[3 * 12];
	long long	 d;
	int		 i, j, ne = 0, level, moved = 0;
	long long	 last = -1;

	(void)state;
	/* Instants around some reports' confirmation and lapse. */
	for (i = 0; i < 4; i++) {
		s = testdb_str("SELECT UNIX_TIMESTAMP(decided_at) FROM "
		    "member_reports WHERE state = 'confirmed' ORDER BY RAND() "
		    "LIMIT 1");
		assert_non_null(s);
		d = atoll(s);
		for (j = -1; j <= 1; j++) {
			edges[ne++] = (time_t)d + j;
			edges[ne++] = (time_t)d + (time_t)cfg.report_valid_days *
			    86400 + j;
			edges[ne++] = (time_t)d + (time_t)(cfg.report_valid_days -
			    1) * 86400 + j;
		}
	}
	for (level = 0; level <= 3; level += 3) {
		query_at(level, &q);
		q.group = DB_STATS_TOTAL;
		for (i = 0; i < 60 + ne; i++) {
			t = i < 60 ? now - 730L * 86400 + (time_t)i * 12 *
			    86400 + rnd(86400) : edges[i - 60];
			if (t > now)
				continue;
			q.now = t;
			q.to = (int)((t + offset_min * 60) / 86400) + rnd(3);
			q.from = q.to - 30;
			assert_int_equal(db_stats(db, &q, &got, rows, 8, &n),
			    DB_OK);
			memset(&want, 0, sizeof(want));
			raw_members(&q, DB_STATS_TOTAL, 0, q.from, q.to, t,
			    &want);
			snprintf(what, sizeof(what), "scope %d/%d as of %lld",
			    level, level ? q.scope.id[level - 1] : 0,
			    (long long)t);
			same_members(&got, &want, what);
			moved += last >= 0 && got.in_service_reported != last;
			last = got.in_service_reported;
		}
	}
	/* The figures moved as time went on. */
	assert_true(moved > 10);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(days),
		cmocka_unit_test(empty_period),
		cmocka_unit_test(concurrent_posts),
		cmocka_unit_test(incremental_rebuild_direct),
		cmocka_unit_test(totals_whatever_the_grouping),
		cmocka_unit_test(members_as_of_now),
		cmocka_unit_test(members_cache_window),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
