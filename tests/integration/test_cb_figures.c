/*
 * The co-building figures (共驻共建, issue 20 point 7) through nginx: a
 * fixture of raw rows (SQL) in 星民社区 (community1's) and its street
 * 西兴街道 in March 2019, long before any demo data, with every number
 * counted by hand below; /api/stats must give each figure's numerator
 * and denominator for the community, for the street ungrouped and grouped
 * by community (the rows adding up to the total, the street's own items
 * in a row of their own), for the district grouped by street, and for a
 * longer period that takes in outcomes after the end of March.  Then a
 * series of updates and deletes, after which the summary tables that the
 * triggers keep (migration 0021) must equal a recomputation by SQL written
 * here over the raw tables — and again after `lianxin stats rebuild`.
 * The dashboard's section, its chart and the figures export are checked
 * too.
 *
 * Local days are UTC+8 (Asia/Shanghai, the test configuration).
 *
 * Fixture.  C = 星民社区, S = 西兴街道, U1 < U2 < U3 the three demo units
 * of C.  P = 2019-03-01 .. 2019-03-31, P2 = 2019-03-01 .. 2019-04-30.
 *
 * Agreements (year 2019 unless said): A1 U1×C signed, A2 U2×C signed,
 * A3 U3×C draft, A4 U1×S signed (street level), all valid the whole year;
 * A5 U3×C 2018 signed, valid 2018 only (not in force in P).
 * Pairs in force in P and P2: (U1,C) (U2,C) (U1,S) = 3.
 * Activity: (U1,C) fulfils K1 on 03-05 and attends M1 on 03-05; (U2,C)
 * attends M2 on 04-02 and does a milestone on 04-20 (both after P);
 * (U1,S) claims N6 on 03-10; (U3,C) fulfils K6 (draft; not a pair).
 *   单位参与率  P: 2/3   P2: 3/3
 *
 * Commitments (due, agreement, fulfilled_on, confirmed_at UTC):
 *   K1 03-10 A1 03-05 confirmed 03-06 02:00          kept
 *   K2 03-20 A1 03-25 confirmed 03-26 02:00          late: not kept
 *   K3 03-31 A4 03-30 confirmed 03-31 17:00 (= 04-01 local): kept only by
 *      an E on or after 04-01 (street level)
 *   K4 03-15 A2 open                                 not kept
 *   K5 02-28 A1 02-27 confirmed                      due before P
 *   K6 03-12 A3 (draft) 03-11 confirmed              not counted
 *   K7 04-01 A1 open                                 due in P2 only
 *   承诺兑现率  P: 1/4 (K1 of K1 K2 K3 K4)   P2: 2/5 (K1 K3 of +K7)
 *
 * Needs (region, published UTC, claimed UTC, completed UTC):
 *   N1 C 03-02 02:00, U1 03-03, done 03-20
 *   N2 C 03-05, U1 03-06, claimed
 *   N3 C 03-08, U1 04-05, done 04-10              claimed after P
 *   N4 C 03-09 withdrawn                          not counted
 *   N5 C 03-10 open
 *   N6 S 03-10 01:00, U1 03-10 03:00, claimed     (street level)
 *   N7 C 02-28 15:59:59 (= 02-28 23:59:59 local) open: before P
 *   N8 C 02-28 16:00:00 (= 03-01 00:00 local) open: in P
 *   需求认领率  P: 3/6 (N1 N2 N6 of N1 N2 N3 N5 N6 N8)   P2: 4/6
 *   需求办结率  P: 1/3 (N1)                              P2: 2/4 (N1 N3)
 *
 * Wishes (C, posted, confirmed): W1 03-03 confirmed 03-15; W2 03-04
 *   confirmed 04-02; W3 03-05 withdrawn; W4 03-06 open; W5 04-01 open.
 *   心愿实现率  P: 1/3   P2: 2/4
 *
 * Meetings: M1 C 03-05 (U1 present), M2 C 04-02 (U2), M3 S 03-07.
 * Decisions (meeting, due, done UTC):
 *   D1 M1 03-20 done 03-19 02:00                 on time
 *   D2 M1 03-20 done 03-20 16:30 (= 03-21 local) late
 *   D3 M1 03-25 open
 *   D4 M3 03-28 done 03-27                       on time (street level)
 *   D5 M1 04-10 done 04-09                       P2 only, on time
 *   议定事项按期办结率  P: 2/4   P2: 3/5
 *
 * Evaluations: E1 A1 community_rates_unit satisfied 03-10; E2 A2 c→u
 *   unsatisfied 03-11; E3 A1 unit_rates_community basically 03-12; E4 A4
 *   c→u basically 03-13 (street); E5 A2 u→c satisfied 04-01.
 *   满意率 社区评单位  P: 2/3   P2: 2/3;  单位评社区  P: 1/1   P2: 2/2
 *
 * Grouped by community, P: row C = pairs 1/2, commitments 1/3, needs
 * claimed 2/5, done 1/2, wishes 1/3, decisions 1/3, c→u 1/2, u→c 1/1; the
 * street's own row ("西兴街道本级") = pairs 1/1, commitments 0/1, needs
 * 1/1 and 0/1, wishes —, decisions 1/1, c→u 1/1, u→c —.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

static char	 sqlbuf[4096];
#define SQLF(...)	(snprintf(sqlbuf, sizeof(sqlbuf), __VA_ARGS__), sqlbuf)
#define QINT(...)	testdb_int(SQLF(__VA_ARGS__))
#define EXEC(...)	assert_true(testdb_exec(SQLF(__VA_ARGS__)) >= 0)

#define ID0	970000		/* fixture ids: ID0 + n */

static long long c_id, s_id, d_id, u1, u2, u3, admin_id;
static char	 cookie[128];

/* The fixture's rows off, children first (a run before may have left
 * them). */
static void
clean(void)
{
	static const char *const del[] = {
	    "DELETE FROM assess_targets WHERE round_id BETWEEN %d AND %d",
	    "DELETE FROM assess_rounds WHERE id BETWEEN %d AND %d",
	    "DELETE FROM assess_indicators WHERE scheme_id BETWEEN %d AND %d",
	    "DELETE FROM assess_schemes WHERE id BETWEEN %d AND %d",
	    "DELETE FROM evaluations WHERE id BETWEEN %d AND %d",
	    "DELETE FROM decisions WHERE id BETWEEN %d AND %d",
	    "DELETE FROM meeting_units WHERE meeting_id BETWEEN %d AND %d",
	    "DELETE FROM meetings WHERE id BETWEEN %d AND %d",
	    "DELETE FROM milestones WHERE id BETWEEN %d AND %d",
	    "DELETE FROM projects WHERE id BETWEEN %d AND %d",
	    "DELETE FROM wishes WHERE id BETWEEN %d AND %d",
	    "DELETE FROM needs WHERE id BETWEEN %d AND %d",
	    "DELETE FROM commitments WHERE id BETWEEN %d AND %d",
	    "DELETE FROM agreements WHERE id BETWEEN %d AND %d",
	};
	size_t	 i;

	for (i = 0; i < sizeof(del) / sizeof(del[0]); i++)
		EXEC(del[i], ID0, ID0 + 999);
}

static void
agreement(int n, long long unit, long long region, int year,
    const char *state)
{
	EXEC("INSERT INTO agreements (id, unit_id, region_id, year, title, "
	    "state, valid_from, valid_to, created_by, created_at) VALUES "
	    "(%d, %lld, %lld, %d, '统计测试协议', '%s', '%d-01-01', "
	    "'%d-12-31', %lld, '%d-01-01')", ID0 + n, unit, region, year, state,
	    year, year, admin_id, year);
}

/* A commitment; fulfilled NULL: open; confirmed NULL: fulfilled only. */
static void
commitment(int n, int agr, const char *due, const char *fulfilled,
    const char *confirmed)
{
	EXEC("INSERT INTO commitments (id, agreement_id, kind, content, "
	    "quantity, qty_unit, due_on, state, fulfilled_on, confirmed_at) "
	    "VALUES (%d, %d, 'venue', '统计测试承诺', 1, '次', '%s', '%s', "
	    "%s%s%s, %s%s%s)", ID0 + n, ID0 + agr, due,
	    fulfilled == NULL ? "open" : confirmed == NULL ? "fulfilled" :
	    "confirmed", fulfilled ? "'" : "", fulfilled ? fulfilled : "NULL",
	    fulfilled ? "'" : "", confirmed ? "'" : "",
	    confirmed ? confirmed : "NULL", confirmed ? "'" : "");
}

static void
need(int n, long long region, const char *published, const char *state,
    long long unit, const char *claimed, const char *completed)
{
	EXEC("INSERT INTO needs (id, region_id, title, kind, published_by, "
	    "published_at, state, claim_unit_id, claimed_at, completed_at, "
	    "withdrawn_at) VALUES (%d, %lld, '统计测试需求', 'goods', %lld, "
	    "'%s', '%s', NULLIF(%lld, 0), %s%s%s, %s%s%s, %s)", ID0 + n, region,
	    admin_id, published, state, unit,
	    claimed ? "'" : "", claimed ? claimed : "NULL", claimed ? "'" : "",
	    completed ? "'" : "", completed ? completed : "NULL",
	    completed ? "'" : "", strcmp(state, "withdrawn") == 0 ?
	    "UTC_TIMESTAMP()" : "NULL");
}

static void
wish(int n, const char *posted, const char *state, const char *confirmed)
{
	int	 claimed = strcmp(state, "confirmed") == 0;

	EXEC("INSERT INTO wishes (id, region_id, title, value_cap, "
	    "resident_name, posted_by, posted_at, state, claim_unit_id, "
	    "claimed_at, fulfilled_at, confirmed_at, withdrawn_at) VALUES "
	    "(%d, %lld, '统计测试心愿', 50, '居民甲', %lld, '%s', '%s', "
	    "NULLIF(%lld, 0), %s, %s, %s%s%s, %s)", ID0 + n, c_id, admin_id,
	    posted, state, claimed ? u1 : 0, claimed ? "'2019-03-02'" :
	    "NULL", claimed ? "'2019-03-02'" : "NULL", confirmed ? "'" : "",
	    confirmed ? confirmed : "NULL", confirmed ? "'" : "",
	    strcmp(state, "withdrawn") == 0 ? "UTC_TIMESTAMP()" : "NULL");
}

static void
meeting(int n, long long region, const char *held, long long unit)
{
	EXEC("INSERT INTO meetings (id, region_id, held_on, title, created_by, "
	    "created_at) VALUES (%d, %lld, '%s', '统计测试联席会议', %lld, "
	    "'%s')", ID0 + n, region, held, admin_id, held);
	if (unit != 0)
		EXEC("INSERT INTO meeting_units (meeting_id, unit_id) VALUES "
		    "(%d, %lld)", ID0 + n, unit);
}

static void
decision(int n, int mtg, const char *due, const char *done)
{
	EXEC("INSERT INTO decisions (id, meeting_id, text, due_on, state, "
	    "done_at) VALUES (%d, %d, '统计测试议定事项', '%s', '%s', %s%s%s)",
	    ID0 + n, ID0 + mtg, due, done ? "done" : "open", done ? "'" : "",
	    done ? done : "NULL", done ? "'" : "");
}

static void
evaluation(int n, int agr, const char *dir, const char *rating,
    const char *at)
{
	EXEC("INSERT INTO evaluations (id, agreement_id, direction, rating, "
	    "rated_by, rated_at) VALUES (%d, %d, '%s', '%s', %lld, '%s')",
	    ID0 + n, ID0 + agr, dir, rating, admin_id, at);
}

static int
setup(void **state)
{
	(void)state;
	c_id = QINT("SELECT region_id FROM users WHERE username = "
	    "'community1'");
	s_id = QINT("SELECT parent_id FROM regions WHERE id = %lld", c_id);
	d_id = QINT("SELECT parent_id FROM regions WHERE id = %lld", s_id);
	admin_id = QINT("SELECT id FROM users WHERE username = 'admin'");
	u1 = QINT("SELECT MIN(id) FROM units WHERE region_id = %lld AND "
	    "org_kind IS NOT NULL", c_id);
	u2 = QINT("SELECT MIN(id) FROM units WHERE region_id = %lld AND "
	    "org_kind IS NOT NULL AND id > %lld", c_id, u1);
	u3 = QINT("SELECT MIN(id) FROM units WHERE region_id = %lld AND "
	    "org_kind IS NOT NULL AND id > %lld", c_id, u2);
	if (c_id <= 0 || s_id <= 0 || u1 <= 0 || u2 <= 0 || u3 <= 0)
		return -1;
	clean();
	agreement(1, u1, c_id, 2019, "signed");
	agreement(2, u2, c_id, 2019, "signed");
	agreement(3, u3, c_id, 2019, "draft");
	agreement(4, u1, s_id, 2019, "signed");
	agreement(5, u3, c_id, 2018, "signed");
	commitment(11, 1, "2019-03-10", "2019-03-05", "2019-03-06 02:00:00");
	commitment(12, 1, "2019-03-20", "2019-03-25", "2019-03-26 02:00:00");
	commitment(13, 4, "2019-03-31", "2019-03-30", "2019-03-31 17:00:00");
	commitment(14, 2, "2019-03-15", NULL, NULL);
	commitment(15, 1, "2019-02-28", "2019-02-27", "2019-02-27 09:00:00");
	commitment(16, 3, "2019-03-12", "2019-03-11", "2019-03-12 02:00:00");
	commitment(17, 1, "2019-04-01", NULL, NULL);
	need(21, c_id, "2019-03-02 02:00:00", "done", u1,
	    "2019-03-03 02:00:00", "2019-03-20 02:00:00");
	need(22, c_id, "2019-03-05 02:00:00", "claimed", u1,
	    "2019-03-06 02:00:00", NULL);
	need(23, c_id, "2019-03-08 02:00:00", "done", u1,
	    "2019-04-05 02:00:00", "2019-04-10 02:00:00");
	need(24, c_id, "2019-03-09 02:00:00", "withdrawn", 0, NULL, NULL);
	need(25, c_id, "2019-03-10 02:00:00", "open", 0, NULL, NULL);
	need(26, s_id, "2019-03-10 01:00:00", "claimed", u1,
	    "2019-03-10 03:00:00", NULL);
	need(27, c_id, "2019-02-28 15:59:59", "open", 0, NULL, NULL);
	need(28, c_id, "2019-02-28 16:00:00", "open", 0, NULL, NULL);
	wish(31, "2019-03-03 02:00:00", "confirmed", "2019-03-15 02:00:00");
	wish(32, "2019-03-04 02:00:00", "confirmed", "2019-04-02 02:00:00");
	wish(33, "2019-03-05 02:00:00", "withdrawn", NULL);
	wish(34, "2019-03-06 02:00:00", "open", NULL);
	wish(35, "2019-04-01 02:00:00", "open", NULL);
	meeting(41, c_id, "2019-03-05", u1);
	meeting(42, c_id, "2019-04-02", u2);
	meeting(43, s_id, "2019-03-07", 0);
	decision(51, 41, "2019-03-20", "2019-03-19 02:00:00");
	decision(52, 41, "2019-03-20", "2019-03-20 16:30:00");
	decision(53, 41, "2019-03-25", NULL);
	decision(54, 43, "2019-03-28", "2019-03-27 02:00:00");
	decision(55, 41, "2019-04-10", "2019-04-09 02:00:00");
	evaluation(61, 1, "community_rates_unit", "satisfied",
	    "2019-03-10 02:00:00");
	evaluation(62, 2, "community_rates_unit", "unsatisfied",
	    "2019-03-11 02:00:00");
	evaluation(63, 1, "unit_rates_community", "basically",
	    "2019-03-12 02:00:00");
	evaluation(64, 4, "community_rates_unit", "basically",
	    "2019-03-13 02:00:00");
	evaluation(65, 2, "unit_rates_community", "satisfied",
	    "2019-04-01 02:00:00");
	EXEC("INSERT INTO projects (id, region_id, lead_unit_id, title, "
	    "state, created_by, created_at) VALUES (%d, %lld, %lld, "
	    "'统计测试项目', 'running', %lld, '2019-03-01')", ID0 + 71, c_id,
	    u2, admin_id);
	EXEC("INSERT INTO milestones (id, project_id, position, title, due_on, "
	    "done_at) VALUES (%d, %d, 0, '统计测试节点', '2019-04-20', "
	    "'2019-04-20 02:00:00'), (%d, %d, 1, '统计测试节点二', "
	    "'2019-05-20', NULL)", ID0 + 72, ID0 + 71, ID0 + 73, ID0 + 71);
	must_login("admin", cookie);
	return 0;
}

/* GET /api/stats for region over [from, to] grouped by group: its
 * "cobuild" block (the caller frees it). */
static json_t *
cobuild(long long region, const char *from, const char *to,
    const char *group)
{
	char		 path[200];
	struct hresp	 r;
	json_t		*o, *c;

	snprintf(path, sizeof(path), "/api/stats?region=%lld&from=%s&to=%s"
	    "&group=%s", region, from, to, group);
	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	if (r.status != 200)
		fail_msg("%s: %d %s", path, r.status, r.body);
	assert_non_null(o = json_loads(r.body, 0, NULL));
	hresp_free(&r);
	assert_non_null(c = json_object_get(o, "cobuild"));
	json_incref(c);
	json_decref(o);
	return c;
}

/* Rate id of figures object f is num/den (den 0: value null). */
static void
rate_is(json_t *f, const char *id, long long num, long long den)
{
	json_t	*x = json_object_get(f, id);

	if (x == NULL)
		fail_msg("no %s", id);
	if (json_integer_value(json_object_get(x, "num")) != num ||
	    json_integer_value(json_object_get(x, "den")) != den)
		fail_msg("%s: %lld/%lld, expected %lld/%lld", id,
		    (long long)json_integer_value(json_object_get(x, "num")),
		    (long long)json_integer_value(json_object_get(x, "den")),
		    num, den);
	if (den == 0)
		assert_true(json_is_null(json_object_get(x, "value")));
	else
		assert_true(fabs(json_real_value(json_object_get(x, "value")) -
		    (double)num / (double)den) < 1e-9);
}

/* The eight figures of f: num, den pairs in cbfig_ids' order. */
static void
figures_are(json_t *f, const long long nd[16])
{
	static const char *const ids[8] = { "unit_participation",
	    "commitment_fulfilment", "need_claim", "need_completion",
	    "wish_fulfilment", "decisions_on_time",
	    "satisfaction_community_rates_unit",
	    "satisfaction_unit_rates_community" };
	int	 k;

	assert_non_null(f);
	for (k = 0; k < 8; k++)
		rate_is(f, ids[k], nd[2 * k], nd[2 * k + 1]);
}

/* The rows of c add up to its total, figure by figure. */
static void
rows_add_up(json_t *c)
{
	json_t		*rows = json_object_get(c, "rows"), *total, *row, *x;
	const char	*id;
	size_t		 i;
	long long	 num, den;

	assert_true(json_is_array(rows));
	total = json_object_get(c, "total");
	json_object_foreach(total, id, x) {
		num = den = 0;
		json_array_foreach(rows, i, row) {
			num += json_integer_value(json_object_get(
			    json_object_get(row, id), "num"));
			den += json_integer_value(json_object_get(
			    json_object_get(row, id), "den"));
		}
		assert_int_equal(num, json_integer_value(json_object_get(x,
		    "num")));
		assert_int_equal(den, json_integer_value(json_object_get(x,
		    "den")));
	}
}

/* The row of key in c's rows, or NULL. */
static json_t *
row_of(json_t *c, long long key)
{
	json_t	*row;
	size_t	 i;

	json_array_foreach(json_object_get(c, "rows"), i, row)
		if (json_integer_value(json_object_get(row, "key")) == key)
			return row;
	return NULL;
}

static void
figures_by_hand(void **state)
{
	static const long long p_total[16] = { 2, 3, 1, 4, 3, 6, 1, 3, 1, 3,
	    2, 4, 2, 3, 1, 1 };
	static const long long p2_total[16] = { 3, 3, 2, 5, 4, 6, 2, 4, 2, 4,
	    3, 5, 2, 3, 2, 2 };
	static const long long p_c[16] = { 1, 2, 1, 3, 2, 5, 1, 2, 1, 3, 1, 3,
	    1, 2, 1, 1 };
	static const long long p_s[16] = { 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1,
	    1, 1, 0, 0 };
	json_t		*c, *d;

	(void)state;
	/* The community alone: its row of the street's grouping. */
	c = cobuild(c_id, "2019-03-01", "2019-03-31", "none");
	assert_string_equal(json_string_value(json_object_get(c,
	    "outcomes_until")), "2019-03-31");
	figures_are(json_object_get(c, "total"), p_c);
	json_decref(c);

	/* The street, ungrouped and by community: the same total. */
	c = cobuild(s_id, "2019-03-01", "2019-03-31", "none");
	figures_are(json_object_get(c, "total"), p_total);
	json_decref(c);
	c = cobuild(s_id, "2019-03-01", "2019-03-31", "child");
	figures_are(json_object_get(c, "total"), p_total);
	figures_are(row_of(c, c_id), p_c);
	figures_are(row_of(c, s_id), p_s);	/* 西兴街道本级 */
	assert_non_null(strstr(json_string_value(json_object_get(row_of(c,
	    s_id), "name")), "本级"));
	rows_add_up(c);
	json_decref(c);

	/* The district by street: the street's row is the street's total. */
	d = cobuild(d_id, "2019-03-01", "2019-03-31", "child");
	figures_are(row_of(d, s_id), p_total);
	figures_are(json_object_get(d, "total"), p_total);
	rows_add_up(d);
	json_decref(d);

	/* A longer period: the outcomes of April count now. */
	c = cobuild(s_id, "2019-03-01", "2019-04-30", "child");
	assert_string_equal(json_string_value(json_object_get(c,
	    "outcomes_until")), "2019-04-30");
	figures_are(json_object_get(c, "total"), p2_total);
	rows_add_up(c);
	json_decref(c);
	/* By month: March as P, and the months add up to P2. */
	c = cobuild(s_id, "2019-03-01", "2019-04-30", "month");
	assert_int_equal(json_array_size(json_object_get(c, "rows")), 2);
	figures_are(row_of(c, 201903), p_total);
	json_decref(c);

	/* At a grid there is no co-building. */
	c = cobuild(QINT("SELECT region_id FROM users WHERE username = "
	    "'grid1'"), "2019-03-01", "2019-03-31", "none");
	assert_true(json_is_null(c));
	json_decref(c);
}

/*
 * The summary tables against SQL of this test over the raw tables: the
 * rows (figure, region, cohort day, outcome days, count) expected, and
 * the (unit, region, day, count) of activity; 0 when both agree.
 */
#define LOCAL(t)	"DATE(DATE_ADD(" t ", INTERVAL 8 HOUR))"
#define NEVER		"'9999-12-31'"
static const char expected_counts[] =
    "SELECT fig, region_id, day, out1, out2, COUNT(*) AS n FROM ("
    "SELECT 1 AS fig, a.region_id, k.due_on AS day, CASE WHEN k.state = "
    "'confirmed' AND NOT k.fulfilled_on > k.due_on THEN "
    LOCAL("k.confirmed_at") " ELSE " NEVER " END AS out1, " NEVER " AS out2 "
    "FROM commitments k, agreements a WHERE a.id = k.agreement_id AND "
    "a.state IN ('signed', 'ended') "
    "UNION ALL SELECT 2, region_id, " LOCAL("published_at") ", CASE WHEN "
    "state = 'open' THEN " NEVER " ELSE " LOCAL("claimed_at") " END, "
    "CASE WHEN state = 'done' THEN " LOCAL("completed_at") " ELSE " NEVER
    " END FROM needs WHERE state IN ('open', 'claimed', 'done') "
    "UNION ALL SELECT 3, region_id, " LOCAL("posted_at") ", CASE WHEN "
    "state = 'confirmed' THEN " LOCAL("confirmed_at") " ELSE " NEVER " END, "
    NEVER " FROM wishes WHERE state IN ('open', 'claimed', 'fulfilled', "
    "'confirmed') "
    "UNION ALL SELECT 4, m.region_id, x.due_on, CASE WHEN x.state = 'done' "
    "AND " LOCAL("x.done_at") " <= x.due_on THEN " LOCAL("x.done_at")
    " ELSE " NEVER " END, " NEVER " FROM decisions x, meetings m WHERE "
    "m.id = x.meeting_id "
    "UNION ALL SELECT CASE e.direction WHEN 'community_rates_unit' THEN 5 "
    "ELSE 6 END, a.region_id, " LOCAL("e.rated_at") ", CASE WHEN e.rating "
    "= 'unsatisfied' THEN " NEVER " ELSE " LOCAL("e.rated_at") " END, "
    NEVER " FROM evaluations e, agreements a WHERE a.id = e.agreement_id"
    ") z GROUP BY fig, region_id, day, out1, out2";
static const char expected_activity[] =
    "SELECT unit_id, region_id, day, COUNT(*) AS n FROM ("
    "SELECT a.unit_id, a.region_id, k.fulfilled_on AS day FROM commitments "
    "k, agreements a WHERE a.id = k.agreement_id AND k.state IN "
    "('fulfilled', 'confirmed') "
    "UNION ALL SELECT claim_unit_id, region_id, " LOCAL("claimed_at")
    " FROM needs WHERE claim_unit_id > 0 AND claimed_at > '1970-01-02' "
    "UNION ALL SELECT p.lead_unit_id, p.region_id, " LOCAL("s.done_at")
    " FROM milestones s, projects p WHERE p.id = s.project_id AND "
    "s.done_at > '1970-01-02' "
    "UNION ALL SELECT u.unit_id, m.region_id, m.held_on FROM meeting_units "
    "u, meetings m WHERE m.id = u.meeting_id) z "
    "GROUP BY unit_id, region_id, day";

static void
tables_match_raw(void)
{
	/* Every expected row is in the table with its count ... */
	assert_int_equal(QINT("SELECT COUNT(*) FROM (%s) e LEFT JOIN "
	    "cb_counts c ON c.fig = e.fig AND c.region_id = e.region_id AND "
	    "c.day = e.day AND c.out1 = e.out1 AND c.out2 = e.out2 AND "
	    "c.n = e.n WHERE c.n IS NULL", expected_counts), 0);
	/* ... and the table has no other (nonzero) rows. */
	assert_int_equal(QINT("SELECT COUNT(*) FROM cb_counts WHERE n <> 0"),
	    QINT("SELECT COUNT(*) FROM (%s) e", expected_counts));
	/* The ancestors of each row are its region's. */
	assert_int_equal(QINT("SELECT COUNT(*) FROM cb_counts c JOIN regions "
	    "g ON g.id = c.region_id WHERE c.n <> 0 AND NOT (c.district_id = "
	    "g.district_id AND c.street_id = IFNULL(g.street_id, 0) AND "
	    "c.community_id = IFNULL(g.community_id, 0))"), 0);
	assert_int_equal(QINT("SELECT COUNT(*) FROM (%s) e LEFT JOIN "
	    "cb_activity a ON a.unit_id = e.unit_id AND a.region_id = "
	    "e.region_id AND a.day = e.day AND a.n = e.n WHERE a.n IS NULL",
	    expected_activity), 0);
	assert_int_equal(QINT("SELECT COUNT(*) FROM cb_activity WHERE n <> 0"),
	    QINT("SELECT COUNT(*) FROM (%s) e", expected_activity));
}

static void
tables_follow_changes(void **state)
{
	char	 cmd[512];

	(void)state;
	tables_match_raw();
	/* Updates of every kind ... */
	EXEC("UPDATE commitments SET state = 'confirmed', fulfilled_on = "
	    "'2019-03-14', confirmed_at = '2019-03-14 05:00:00' WHERE id = %d",
	    ID0 + 14);
	EXEC("UPDATE commitments SET due_on = '2019-03-26' WHERE id = %d",
	    ID0 + 12);
	EXEC("UPDATE agreements SET state = 'draft' WHERE id = %d", ID0 + 2);
	EXEC("UPDATE agreements SET state = 'signed' WHERE id = %d", ID0 + 3);
	EXEC("UPDATE agreements SET region_id = %lld, state = 'ended' WHERE "
	    "id = %d", s_id, ID0 + 5);
	EXEC("UPDATE needs SET state = 'withdrawn', withdrawn_at = "
	    "UTC_TIMESTAMP() WHERE id = %d", ID0 + 25);
	EXEC("UPDATE needs SET state = 'done', completed_at = "
	    "'2019-03-29 20:00:00' WHERE id = %d", ID0 + 22);
	EXEC("UPDATE needs SET region_id = %lld WHERE id = %d", s_id, ID0 + 21);
	EXEC("UPDATE wishes SET state = 'confirmed', claim_unit_id = %lld, "
	    "claimed_at = '2019-03-07', fulfilled_at = '2019-03-08', "
	    "confirmed_at = '2019-03-09 18:00:00' WHERE id = %d", u2, ID0 + 34);
	EXEC("UPDATE wishes SET state = 'withdrawn', withdrawn_at = "
	    "UTC_TIMESTAMP(), claim_unit_id = NULL WHERE id = %d", ID0 + 31);
	EXEC("UPDATE meetings SET region_id = %lld, held_on = '2019-03-06' "
	    "WHERE id = %d", s_id, ID0 + 41);
	EXEC("UPDATE decisions SET state = 'done', done_at = "
	    "'2019-03-24 10:00:00' WHERE id = %d", ID0 + 53);
	EXEC("UPDATE decisions SET meeting_id = %d WHERE id = %d", ID0 + 42,
	    ID0 + 51);
	EXEC("UPDATE projects SET lead_unit_id = %lld WHERE id = %d", u1,
	    ID0 + 71);
	EXEC("UPDATE milestones SET done_at = '2019-03-21 01:00:00' WHERE "
	    "id = %d", ID0 + 73);
	EXEC("UPDATE evaluations SET rating = 'unsatisfied' WHERE id = %d",
	    ID0 + 63);
	EXEC("UPDATE meeting_units SET unit_id = %lld WHERE meeting_id = %d",
	    u3, ID0 + 42);
	tables_match_raw();
	/* ... and deletes. */
	EXEC("DELETE FROM commitments WHERE id = %d", ID0 + 11);
	EXEC("DELETE FROM evaluations WHERE id = %d", ID0 + 62);
	EXEC("DELETE FROM decisions WHERE id = %d", ID0 + 52);
	EXEC("DELETE FROM meeting_units WHERE meeting_id = %d", ID0 + 41);
	EXEC("DELETE FROM milestones WHERE id = %d", ID0 + 72);
	EXEC("DELETE FROM needs WHERE id = %d", ID0 + 28);
	EXEC("DELETE FROM wishes WHERE id = %d", ID0 + 32);
	tables_match_raw();

	/* The rebuild from the raw tables changes nothing. */
	snprintf(cmd, sizeof(cmd), "'%s' stats rebuild >/dev/null",
	    test_bin("lianxin"));
	assert_int_equal(system(cmd), 0);
	tables_match_raw();
	assert_true(QINT("SELECT COUNT(*) FROM cb_counts WHERE n < 0") == 0);
}

/* The dashboard's section, its chart and the export's columns. */
/*
 * Assessment (issue 22) takes these figures as indicator sources: an
 * open round over the community for March 2019 shows the community's
 * 单位参与率 1/2 and 承诺兑现率 1/3 counted by hand above (p_c), and the
 * points by the rule weight x (value - floor) / (target - floor): 50 x
 * 1/2 = 25.00 and 50 x 1/3 = 16.67.
 */
static void
assessment_reads_them(void **state)
{
	char		 path[64];
	struct hresp	 r;

	(void)state;
	EXEC("INSERT INTO assess_schemes (id, district_id, name, year, "
	    "version, target, in_use, created_by, created_at) VALUES (%d, "
	    "%lld, '统计测试方案', 2019, 1, 'community', TRUE, %lld, "
	    "'2019-03-01')", ID0 + 90, d_id, admin_id);
	EXEC("INSERT INTO assess_indicators (scheme_id, position, name, "
	    "weight, source, figure, floor_value, target_value) VALUES "
	    "(%d, 0, '单位参与', 50, 'figure', 'unit_participation_rate', 0, 1),"
	    " (%d, 1, '承诺兑现', 50, 'figure', 'commitment_rate', 0, 1)",
	    ID0 + 90, ID0 + 90);
	EXEC("INSERT INTO assess_rounds (id, scheme_id, region_id, name, "
	    "period_from, period_to, state, opened_at, created_by, created_at) "
	    "VALUES (%d, %d, %lld, '统计测试轮次', '2019-03-01', '2019-03-31', "
	    "'open', '2019-04-01', %lld, '2019-04-01')", ID0 + 91, ID0 + 90,
	    d_id, admin_id);
	EXEC("INSERT INTO assess_targets (round_id, target_id) VALUES (%d, "
	    "%lld)", ID0 + 91, c_id);
	snprintf(path, sizeof(path), "/assess/rounds/%d", ID0 + 91);
	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "50.0%（1/2）"));
	assert_non_null(strstr(r.body, "33.3%（1/3）"));
	assert_non_null(strstr(r.body, "25.00"));
	assert_non_null(strstr(r.body, "16.67"));
	hresp_free(&r);
}

static void
pages_show_them(void **state)
{
	char		 path[200];
	struct hresp	 r;

	(void)state;
	snprintf(path, sizeof(path), "/dashboard?region=%lld&from=2019-03-01"
	    "&to=2019-03-31&cbfig=commitment_fulfilment", s_id);
	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "id=\"cobuild\""));
	assert_non_null(strstr(r.body, "单位参与率"));
	assert_non_null(strstr(r.body, "本级"));
	assert_non_null(strstr(r.body, "/charts/cobuild.png?fig="
	    "commitment_fulfilment"));
	assert_non_null(strstr(r.body, "口径"));
	hresp_free(&r);

	snprintf(path, sizeof(path), "/charts/cobuild.png?fig=need_claim&"
	    "region=%lld&from=2019-03-01&to=2019-03-31", s_id);
	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_true(r.bodylen > 8 && memcmp(r.body, "\x89PNG", 4) == 0);
	assert_non_null(strstr(r.head, "ETag:"));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/charts/cobuild.png?fig=nonsense&"
	    "region=%lld", s_id);
	assert_int_equal(status_of(cookie, "GET", path, NULL), 400);

	snprintf(path, sizeof(path), "/export/figures.csv?region=%lld&"
	    "from=2019-03-01&to=2019-03-31&group=child", s_id);
	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "承诺兑现率·分子"));
	assert_non_null(strstr(r.body, "共建评议满意率（单位评社区）"));
	assert_non_null(strstr(r.body, "本级"));
	hresp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(figures_by_hand),
		cmocka_unit_test(assessment_reads_them),
		cmocka_unit_test(pages_show_them),
		cmocka_unit_test(tables_follow_changes),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
