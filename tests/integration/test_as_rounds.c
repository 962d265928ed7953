/*
 * Assessment rounds (考评, issue 22 points 1, 2, 5, 6) through nginx:
 * weights that do not sum to 100 are refused with nothing stored; a
 * scheme in use is not edited and its new version copies it; a round over
 * two demo communities with a figure, a score and a ballot indicator is
 * opened, scored, closed and published, its frozen values checked against
 * figures counted here by SQL and points worked out here; then requests,
 * scores and votes change and the published values, ranks, page and
 * exports do not; the tie rule on a round of equal totals; permissions
 * (community staff, another street), a stale version (409), two
 * publications at once, and insufficient turnout shown as words.
 */
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "config.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

static char	 sqlbuf[2048];
#define SQLF(...)	(snprintf(sqlbuf, sizeof(sqlbuf), __VA_ARGS__), sqlbuf)
#define QINT(...)	testdb_int(SQLF(__VA_ARGS__))
#define QSTR(...)	testdb_str(SQLF(__VA_ARGS__))
#define EXEC(...)	assert_true(testdb_exec(SQLF(__VA_ARGS__)) >= 0)

/* The period (local days) and its bounds in UTC (Asia/Shanghai). */
#define FROM	"2026-01-01"
#define TO	"2026-06-30"
#define UTC_FROM "2025-12-31 16:00:00"
#define UTC_TO	 "2026-06-30 16:00:00"

static char	 dist[128], street[128], comm1[128];
static char	 dcsrf[65], scsrf[65], ccsrf[65];
static long long scheme_id, round_id, ca, cb;	/* the two communities */
static char	 tag[16];	/* names unique to this run */
static char	 t2name[32];	/* the scheme's name once edited */

/* POST body (printf) to path as c; the status, the Location into loc. */
static int
post(const char *c, const char *path, char *loc, size_t locsz,
    const char *fmt, ...)
{
	char		 body[4096];
	struct hresp	 r;
	const char	*l;
	va_list		 ap;
	int		 st;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	assert_int_equal(req(c, "POST", path, body, &r), 0);
	st = r.status;
	if (loc != NULL) {
		l = hresp_header(&r, "Location");
		snprintf(loc, locsz, "%s", l ? l : "");
	}
	if (st != 303 && getenv("AS_DEBUG"))
		fprintf(stderr, "%s -> %d\n%s\n", path, st, r.body);
	hresp_free(&r);
	return st;
}

/* GET path as c: the body (malloc'd), status into *st. */
static char *
get(const char *c, const char *path, int *st)
{
	struct hresp	 r;
	char		*b;

	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	*st = r.status;
	b = malloc(r.bodylen + 1);
	assert_non_null(b);
	memcpy(b, r.body, r.bodylen);
	b[r.bodylen] = '\0';
	hresp_free(&r);
	return b;
}

static long long
id_after(const char *loc, const char *prefix)
{
	assert_non_null(strstr(loc, prefix));
	return strtoll(strstr(loc, prefix) + strlen(prefix), NULL, 10);
}

/* The round's state code. */
static const char *
state_of(long long id)
{
	return QSTR("SELECT state FROM assess_rounds WHERE id = %lld", id);
}

static long long
version_of(long long id)
{
	return QINT("SELECT version FROM assess_rounds WHERE id = %lld", id);
}

/* ---- schemes ---- */

static void
weights_must_sum_to_100(void **state)
{
	(void)state;
	assert_int_equal(post(dist, "/assess/schemes", NULL, 0,
	    "csrf=%s&name=%%E6%%9D%%83%%E9%%87%%8D%%E6%%B5%%8B%%E8%%AF%%95"
	    "&year=2026&target=community&n0=A&w0=40&s0=score&n1=B&w1=50"
	    "&s1=ballot&lo1=50&hi1=90", dcsrf), 400);
	assert_int_equal(QINT("SELECT COUNT(*) FROM assess_schemes WHERE "
	    "name = '权重测试'"), 0);
	/* the message says the sum */
	{
		struct hresp r;
		assert_int_equal(req(dist, "POST", "/assess/schemes", SQLF(
		    "csrf=%s&name=X1&year=2026&target=community&n0=A&w0=60.5"
		    "&s0=score&n1=B&w1=40&s1=score", dcsrf), &r), 0);
		assert_int_equal(r.status, 400);
		assert_non_null(strstr(r.body, "100.50"));
		assert_non_null(strstr(r.body, "权重之和"));
		hresp_free(&r);
	}
	/* a figure that does not apply to 两新 organisations */
	assert_int_equal(post(dist, "/assess/schemes", NULL, 0, "csrf=%s&name="
	    "X2&year=2026&target=org&n0=A&w0=100&s0=figure&f0=resolution_rate"
	    "&lo0=50&hi0=90", dcsrf), 400);
	assert_int_equal(QINT("SELECT COUNT(*) FROM assess_schemes WHERE name "
	    "IN ('X1', 'X2')"), 0);
	/* community staff and street officials do not define schemes */
	assert_int_equal(status_of(comm1, "GET", "/assess/schemes", NULL), 404);
	assert_int_equal(status_of(street, "GET", "/assess/schemes", NULL),
	    404);
}

/* The scheme of the round: 办结率 40 (50%..90%, min 5), a score 30, a
 * ballot 30 (50%..90%, min 3). */
#define SCHEME_FORM \
	"&year=2026&target=community" \
	"&n0=%%E5%%8A%%9E%%E7%%BB%%93%%E7%%8E%%87&w0=40&s0=figure" \
	"&f0=resolution_rate&lo0=50&hi0=90&mc0=5&d0=x" \
	"&n1=%%E9%%98%%B5%%E5%%9C%%B0&w1=30&s1=score" \
	"&n2=%%E6%%B5%%8B%%E8%%AF%%84&w2=30&s2=ballot&lo2=50&hi2=90&mc2=3"

static void
scheme_made_and_edited(void **state)
{
	char	 loc[128], path[64];

	(void)state;
	assert_int_equal(post(dist, "/assess/schemes", loc, sizeof(loc),
	    "csrf=%s&name=T%s" SCHEME_FORM, dcsrf, tag), 303);
	scheme_id = id_after(loc, "/assess/schemes/");
	assert_true(scheme_id > 0);
	assert_int_equal(QINT("SELECT COUNT(*) FROM assess_indicators WHERE "
	    "scheme_id = %lld", scheme_id), 3);
	snprintf(path, sizeof(path), "/assess/schemes/%lld", scheme_id);
	/* edited while not in use: the name changes */
	assert_int_equal(post(dist, path, NULL, 0, "csrf=%s&action=save"
	    "&name=T2%s" SCHEME_FORM, dcsrf, tag), 303);
	assert_string_equal(QSTR("SELECT name FROM assess_schemes WHERE id = "
	    "%lld", scheme_id), t2name);
	assert_true(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'as_scheme' AND detail LIKE 'id %lld %%'", scheme_id) >= 2);
}

/* ---- the round ---- */

static void
round_made_by_street(void **state)
{
	char	 loc[128], path[64];
	int	 st;
	char	*b;

	(void)state;
	ca = QINT("SELECT region_id FROM users WHERE username = 'community1'");
	cb = QINT("SELECT region_id FROM users WHERE username = 'community2'");
	assert_int_equal(QINT("SELECT COUNT(DISTINCT street_id) FROM regions "
	    "WHERE id IN (%lld, %lld)", ca, cb), 1);
	snprintf(path, sizeof(path), "/assess/rounds?scheme=%lld", scheme_id);
	b = get(street, path, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(b, SQLF("value=\"%lld\"", ca)));
	free(b);
	/* a community of another street is not among the choices */
	assert_int_equal(post(street, "/assess/rounds", NULL, 0, "csrf=%s"
	    "&scheme=%lld&name=R&from=" FROM "&to=" TO "&turnout=50&target=%lld"
	    "&target=%lld", scsrf, scheme_id, ca, QINT("SELECT MIN(id) FROM "
	    "regions WHERE level = 3 AND street_id <> (SELECT street_id FROM "
	    "regions WHERE id = %lld)", ca)), 400);
	assert_int_equal(post(street, "/assess/rounds", loc, sizeof(loc),
	    "csrf=%s&scheme=%lld&name=%%E6%%B5%%8B%%E8%%AF%%95%%E8%%BD%%AE"
	    "&from=" FROM "&to=" TO "&turnout=50&target=%lld&target=%lld",
	    scsrf, scheme_id, ca, cb), 303);
	round_id = id_after(loc, "/assess/rounds/");
	assert_string_equal(state_of(round_id), "draft");
	assert_int_equal(QINT("SELECT COUNT(*) FROM assess_targets WHERE "
	    "round_id = %lld", round_id), 2);
}

static void
stale_and_foreign_refused(void **state)
{
	char	 path[64];

	(void)state;
	snprintf(path, sizeof(path), "/assess/rounds/%lld", round_id);
	/* a stale version: 409, nothing changed */
	assert_int_equal(post(street, path, NULL, 0, "csrf=%s&action=open"
	    "&version=%lld", scsrf, version_of(round_id) + 5), 409);
	assert_string_equal(state_of(round_id), "draft");
	/* community staff: not their round (draft) */
	assert_int_equal(post(comm1, path, NULL, 0, "csrf=%s&action=open"
	    "&version=%lld", ccsrf, version_of(round_id)), 404);
	assert_string_equal(state_of(round_id), "draft");
	/* another street's official: 404 */
	{
		char	 other[128], ocsrf[65];
		EXEC("INSERT IGNORE INTO users (username, display_name, role, "
		    "region_id, password_hash, created_at) SELECT 'as_street9', "
		    "'别街干部', 'street_official', (SELECT MIN(id) FROM regions "
		    "WHERE level = 2 AND id <> %lld), password_hash, "
		    "UTC_TIMESTAMP() FROM users WHERE username = 'street1'",
		    QINT("SELECT street_id FROM regions WHERE id = %lld", ca));
		must_login("as_street9", other);
		csrf_of(other, ocsrf);
		assert_int_equal(status_of(other, "GET", path, NULL), 404);
		assert_int_equal(post(other, path, NULL, 0, "csrf=%s&action="
		    "open&version=%lld", ocsrf, version_of(round_id)), 404);
	}
	assert_string_equal(state_of(round_id), "draft");
}

static void
opened_scheme_in_use(void **state)
{
	char	 path[64], loc[128];
	long long nv;

	(void)state;
	snprintf(path, sizeof(path), "/assess/rounds/%lld", round_id);
	assert_int_equal(post(street, path, NULL, 0, "csrf=%s&action=open"
	    "&version=%lld", scsrf, version_of(round_id)), 303);
	assert_string_equal(state_of(round_id), "open");
	assert_int_equal(QINT("SELECT in_use FROM assess_schemes WHERE id = "
	    "%lld", scheme_id), 1);
	/* in use: not edited (409), nothing stored */
	snprintf(path, sizeof(path), "/assess/schemes/%lld", scheme_id);
	assert_int_equal(post(dist, path, NULL, 0, "csrf=%s&action=save"
	    "&name=T3%s" SCHEME_FORM, dcsrf, tag), 409);
	assert_string_equal(QSTR("SELECT name FROM assess_schemes WHERE id = "
	    "%lld", scheme_id), t2name);
	/* the new version copies it */
	assert_int_equal(post(dist, path, loc, sizeof(loc), "csrf=%s&action="
	    "version", dcsrf), 303);
	nv = id_after(loc, "/assess/schemes/");
	assert_true(nv != scheme_id);
	assert_int_equal(QINT("SELECT version FROM assess_schemes WHERE id = "
	    "%lld", nv), 2);
	assert_int_equal(QINT("SELECT based_on FROM assess_schemes WHERE id = "
	    "%lld", nv), scheme_id);
	assert_int_equal(QINT("SELECT in_use FROM assess_schemes WHERE id = "
	    "%lld", nv), 0);
	assert_int_equal(QINT("SELECT COUNT(*) FROM assess_indicators a JOIN "
	    "assess_indicators b ON b.position = a.position AND b.name = a.name "
	    "AND b.weight = a.weight AND b.source = a.source AND b.scheme_id = "
	    "%lld WHERE a.scheme_id = %lld", nv, scheme_id), 3);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'as_scheme_version' AND detail LIKE 'id %lld %%'", nv), 1);
}

static long long
ind_of(int pos)
{
	return QINT("SELECT id FROM assess_indicators WHERE scheme_id = %lld "
	    "AND position = %d", scheme_id, pos);
}

/* A score of community c on the round: the status. */
static int
score(long long c, const char *points, const char *note)
{
	char	 path[64];

	snprintf(path, sizeof(path), "/assess/rounds/%lld", round_id);
	return post(street, path, NULL, 0, "csrf=%s&action=score&indicator="
	    "%lld&target=%lld&points=%s&note=%s&evidence=DJ-1", scsrf,
	    ind_of(1), c, points, note);
}

static void
scores_and_ballots(void **state)
{
	(void)state;
	assert_int_equal(score(ca, "25.5", "ok"), 303);
	assert_int_equal(score(cb, "18", "ok"), 303);
	/* over the weight, or without a note: 400, nothing stored */
	assert_int_equal(score(ca, "31", "ok"), 400);
	assert_int_equal(score(ca, "20", ""), 400);
	assert_int_equal(QINT("SELECT points * 100 FROM assess_scores WHERE "
	    "round_id = %lld AND target_id = %lld", round_id, ca), 2550);
	/* changed: both in the audit */
	assert_int_equal(score(ca, "27", "ok2"), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'as_score' AND detail LIKE 'round %lld %% target %lld %%'",
	    round_id, ca), 2);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'as_score' AND detail LIKE 'round %lld %%25.50 -> 27.00'",
	    round_id), 1);
	/* ballots (issued by the ballot pages; here directly): A 6 of 10
	 * codes spent, 5 of 6 votes satisfied or basically; B 3 of 10 */
	EXEC("INSERT INTO ballot_codes (round_id, target_id, code_hash, batch, "
	    "issued_by, spent) SELECT %lld, t.id, UNHEX(SHA2(CONCAT('t', %lld, '-', "
	    "t.id, '-', n.k), 256)), 1, 1, n.k < IF(t.id = %lld, 6, 3) FROM (SELECT "
	    "%lld AS id UNION ALL SELECT %lld) t JOIN (SELECT 0 k UNION ALL "
	    "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 "
	    "UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL "
	    "SELECT 8 UNION ALL SELECT 9) n", round_id, round_id, ca, ca, cb);
	EXEC("INSERT INTO ballot_tallies (round_id, target_id, indicator_id, "
	    "choice, votes) VALUES (%lld, %lld, %lld, 'satisfied', 3), "
	    "(%lld, %lld, %lld, 'basically', 2), (%lld, %lld, %lld, "
	    "'unsatisfied', 1), (%lld, %lld, %lld, 'satisfied', 3)",
	    round_id, ca, ind_of(2), round_id, ca, ind_of(2), round_id, ca,
	    ind_of(2), round_id, cb, ind_of(2));
}

/* ---- publication ---- */

/* The frozen results as one string. */
static const char *
frozen(void)
{
	return QSTR("SELECT CONCAT(GROUP_CONCAT(CONCAT_WS(',', r.target_id, "
	    "r.indicator_id, COALESCE(r.num, 'n'), COALESCE(r.den, 'n'), "
	    "COALESCE(r.value, 'n'), r.points, r.flag) ORDER BY r.target_id, "
	    "r.indicator_id SEPARATOR ';'), '|', (SELECT GROUP_CONCAT("
	    "CONCAT_WS(',', target_id, points, rank_no, few_data) ORDER BY "
	    "target_id) FROM assess_totals WHERE round_id = %lld)) FROM "
	    "assess_results r WHERE r.round_id = %lld", round_id, round_id);
}

/* 办结率 of community c in the period, counted here: *num, *den. */
static void
resolution(long long c, long long *num, long long *den)
{
	*den = QINT("SELECT COUNT(*) FROM service_requests WHERE community_id "
	    "= %lld AND received_at >= '" UTC_FROM "' AND received_at < '"
	    UTC_TO "' AND state <> 'rejected'", c);
	*num = QINT("SELECT COUNT(*) FROM service_requests WHERE community_id "
	    "= %lld AND received_at >= '" UTC_FROM "' AND received_at < '"
	    UTC_TO "' AND state IN ('resolved', 'closed')", c);
}

/* Points by hand: w × clamp((v − lo) ÷ (hi − lo), 0, 1), to 0.01. */
static double
by_hand(double w, double v, double lo, double hi)
{
	double	 x = (v - lo) / (hi - lo);

	x = x < 0 ? 0 : x > 1 ? 1 : x;
	return round(w * x * 100) / 100;
}

static double
points_of(long long c, long long ind)
{
	return (double)QINT("SELECT points * 100 FROM assess_results WHERE "
	    "round_id = %lld AND target_id = %lld AND indicator_id = %lld",
	    round_id, c, ind) / 100.0;
}

static char	*page0, *csv0, *xlsx0, *frozen0;

/* The table of the round's page (between its heading and the rule). */
static char *
table_of(const char *page)
{
	const char	*a = strstr(page, "<h2>考评结果</h2>");
	const char	*z = a ? strstr(a, "</table>") : NULL;
	char		*t;

	assert_non_null(a);
	assert_non_null(z);
	t = strndup(a, (size_t)(z - a));
	assert_non_null(t);
	return t;
}

/* The sheets of an XLSX answer (its XML, not the zip's times). */
static char *
xlsx_sheets(const char *c, const char *path)
{
	struct hresp	 r;
	char		 f[] = "/tmp/as_roundsXXXXXX", cmd[256], *out;
	FILE		*p;
	size_t		 n;
	int		 fd;

	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_true((fd = mkstemp(f)) >= 0);
	assert_int_equal(write(fd, r.body, r.bodylen), (ssize_t)r.bodylen);
	close(fd);
	hresp_free(&r);
	snprintf(cmd, sizeof(cmd), "unzip -p %s 'xl/worksheets/*.xml' "
	    "'xl/sharedStrings.xml' 2>/dev/null", f);
	assert_non_null(p = popen(cmd, "r"));
	out = calloc(1, 1 << 20);
	n = fread(out, 1, (1 << 20) - 1, p);
	pclose(p);
	unlink(f);
	assert_true(n > 100);
	return out;
}

struct pub {
	const char	*cookie, *csrf;
	long long	 version;
	int		 status;
};

static void *
publish_thread(void *arg)
{
	struct pub	*p = arg;
	char		 hdr[256], path[64], body[256];
	struct hresp	 r;

	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n", p->cookie);
	snprintf(path, sizeof(path), "/assess/rounds/%lld", round_id);
	snprintf(body, sizeof(body), "csrf=%s&action=publish&version=%lld",
	    p->csrf, p->version);
	httpc_thread_headers = hdr;
	if (http_do("POST", path, NULL, body, strlen(body), &r) == 0) {
		p->status = r.status;
		hresp_free(&r);
	}
	httpc_thread_headers = NULL;
	return NULL;
}

static void
closed_and_published(void **state)
{
	char		 path[64];
	long long	 num, den, v;
	struct pub	 p[2];
	pthread_t	 th[2];
	int		 st, k, ok = 0, conflict = 0;

	(void)state;
	snprintf(path, sizeof(path), "/assess/rounds/%lld", round_id);
	assert_int_equal(post(street, path, NULL, 0, "csrf=%s&action=close"
	    "&version=%lld", scsrf, version_of(round_id)), 303);
	/* closed: a score is refused (409) and kept on the page */
	assert_int_equal(score(ca, "1", "late"), 409);
	/* two publications at once: one is done, the other is stale */
	v = version_of(round_id);
	for (k = 0; k < 2; k++) {
		p[k] = (struct pub){ street, scsrf, v, 0 };
		assert_int_equal(pthread_create(&th[k], NULL, publish_thread,
		    &p[k]), 0);
	}
	for (k = 0; k < 2; k++) {
		pthread_join(th[k], NULL);
		ok += p[k].status == 303;
		conflict += p[k].status == 409;
	}
	assert_int_equal(ok, 1);
	assert_int_equal(conflict, 1);
	assert_string_equal(state_of(round_id), "published");
	assert_int_equal(QINT("SELECT COUNT(*) FROM assess_results WHERE "
	    "round_id = %lld", round_id), 6);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'as_publish' AND detail LIKE 'id %lld %%'", round_id), 1);
	/* 办结率 as counted here, and its points by hand */
	resolution(ca, &num, &den);
	assert_true(den > 0);
	assert_int_equal(QINT("SELECT num FROM assess_results WHERE round_id = "
	    "%lld AND target_id = %lld AND indicator_id = %lld", round_id, ca,
	    ind_of(0)), num);
	assert_int_equal(QINT("SELECT den FROM assess_results WHERE round_id = "
	    "%lld AND target_id = %lld AND indicator_id = %lld", round_id, ca,
	    ind_of(0)), den);
	assert_float_equal(points_of(ca, ind_of(0)), by_hand(40,
	    (double)num / den, 0.5, 0.9), 0.0051);
	/* the score; the ballot 5/6 → 30 × (0.8333 − 0.5) ÷ 0.4 = 25.00 */
	assert_float_equal(points_of(ca, ind_of(1)), 27.0, 1e-9);
	assert_float_equal(points_of(ca, ind_of(2)), 25.0, 1e-9);
	assert_string_equal(QSTR("SELECT value FROM assess_results WHERE "
	    "round_id = %lld AND target_id = %lld AND indicator_id = %lld",
	    round_id, ca, ind_of(2)), "0.833333");
	/* B: turnout 3/10 under 50%: insufficient, 0 points, no value */
	assert_string_equal(QSTR("SELECT CONCAT(flag, ',', points, ',', "
	    "COALESCE(value, 'null')) FROM assess_results WHERE round_id = "
	    "%lld AND target_id = %lld AND indicator_id = %lld", round_id, cb,
	    ind_of(2)), "insufficient,0.00,null");
	/* totals: the sums, ranked by them */
	assert_int_equal(QINT("SELECT COUNT(*) FROM assess_totals t WHERE "
	    "round_id = %lld AND points = (SELECT SUM(points) FROM "
	    "assess_results r WHERE r.round_id = t.round_id AND r.target_id = "
	    "t.target_id)", round_id), 2);
	assert_int_equal(QINT("SELECT COUNT(*) FROM assess_totals a JOIN "
	    "assess_totals b ON b.round_id = a.round_id AND a.points > b.points "
	    "AND a.rank_no > b.rank_no WHERE a.round_id = %lld", round_id), 0);
	/* the page: frozen, and the turnout in words */
	page0 = get(street, path, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(page0, "之后的数据变化不影响已公布结果"));
	assert_non_null(strstr(page0, "参评率不足"));
	assert_null(strstr(page0, "100.0%（3/3）"));
	snprintf(path, sizeof(path), "/assess/rounds/%lld/results.csv",
	    round_id);
	csv0 = get(street, path, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(csv0, "参评率不足"));
	snprintf(path, sizeof(path), "/assess/rounds/%lld/results.xlsx",
	    round_id);
	xlsx0 = xlsx_sheets(street, path);
	frozen0 = strdup(frozen());
}

static void
later_data_move_nothing(void **state)
{
	char		 path[64], *page1, *csv1, *xlsx1, *t0, *t1;
	long long	 num0, den0, num1, den1;
	int		 st, k;

	(void)state;
	resolution(ca, &num0, &den0);
	/* five more requests of A in the period, resolved; a score and the
	 * votes changed under the round */
	for (k = 0; k < 5; k++) {
		char t[9];
		testdb_tracking(t, 'Q');
		EXEC("INSERT INTO service_requests (tracking_no, category_id, "
		    "district_id, street_id, community_id, grid_id, address, "
		    "description, resident_name, resident_phone, source, state, "
		    "accepted_at, resolved_at, received_at, response_due, "
		    "resolve_due) SELECT '%s', (SELECT MIN(id) FROM categories), "
		    "g.district_id, g.street_id, g.community_id, NULL, '测试路1号',"
		    " '考评后补录的诉求', '居民', '13800001111', 'web', 'resolved', "
		    "'2026-03-02 02:00:00', '2026-03-03 02:00:00', "
		    "'2026-03-02 01:00:00', '2026-03-03 01:00:00', "
		    "'2026-03-09 01:00:00' FROM regions g WHERE g.id = %lld", t,
		    ca);
	}
	resolution(ca, &num1, &den1);
	assert_int_equal(den1, den0 + 5);
	EXEC("UPDATE assess_scores SET points = 1 WHERE round_id = %lld",
	    round_id);
	EXEC("UPDATE ballot_tallies SET votes = votes + 7 WHERE round_id = "
	    "%lld", round_id);
	EXEC("UPDATE ballot_codes SET spent = TRUE WHERE round_id = %lld",
	    round_id);
	assert_string_equal(frozen(), frozen0);
	snprintf(path, sizeof(path), "/assess/rounds/%lld", round_id);
	page1 = get(street, path, &st);
	assert_int_equal(st, 200);
	t0 = table_of(page0);
	t1 = table_of(page1);
	assert_string_equal(t0, t1);
	snprintf(path, sizeof(path), "/assess/rounds/%lld/results.csv",
	    round_id);
	csv1 = get(street, path, &st);
	assert_string_equal(csv0, csv1);
	snprintf(path, sizeof(path), "/assess/rounds/%lld/results.xlsx",
	    round_id);
	xlsx1 = xlsx_sheets(street, path);
	assert_string_equal(xlsx0, xlsx1);
	free(t0);
	free(t1);
	free(page1);
	free(csv1);
	free(xlsx1);
}

static void
published_permissions(void **state)
{
	char	 path[64], *b;
	int	 st;
	const char *name_a, *name_b;

	(void)state;
	name_a = strdup(QSTR("SELECT name FROM regions WHERE id = %lld", ca));
	name_b = strdup(QSTR("SELECT name FROM regions WHERE id = %lld", cb));
	snprintf(path, sizeof(path), "/assess/rounds/%lld", round_id);
	/* community staff: their own row and rank, nothing else */
	b = get(comm1, path, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(b, SQLF("<tr><th>%s", name_a)));
	assert_null(strstr(b, SQLF("<tr><th>%s", name_b)));
	free(b);
	/* ... and may not act on it */
	assert_int_equal(post(comm1, path, NULL, 0, "csrf=%s&action=publish"
	    "&version=%lld", ccsrf, version_of(round_id)), 403);
	snprintf(path, sizeof(path), "/assess/rounds/%lld/board", round_id);
	assert_int_equal(status_of(comm1, "GET", path, NULL), 404);
	assert_int_equal(status_of(street, "GET", path, NULL), 200);
	snprintf(path, sizeof(path), "/assess/rounds/%lld/results.csv",
	    round_id);
	b = get(comm1, path, &st);
	assert_int_equal(st, 200);
	assert_non_null(strstr(b, name_a));
	assert_null(strstr(b, name_b));
	free(b);
	free((void *)name_a);
	free((void *)name_b);
}

static void
chart_has_etag(void **state)
{
	char		 path[64], hdr[512];
	struct hresp	 r;
	const char	*e;

	(void)state;
	snprintf(path, sizeof(path), "/assess/rounds/%lld/chart.png",
	    round_id);
	assert_int_equal(req(street, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"), "image/png");
	assert_non_null(e = hresp_header(&r, "ETag"));
	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\nIf-None-Match: "
	    "%s\r\n", street, e);
	hresp_free(&r);
	httpc_headers = hdr;
	assert_int_equal(http_do("GET", path, NULL, NULL, 0, &r), 0);
	httpc_headers = NULL;
	assert_int_equal(r.status, 304);
	hresp_free(&r);
}

/*
 * The tie rule: a scheme of two scores (50 each) over four communities
 * of the street: 30+20, 20+30, 25+25 and 30+20 — all 50.  Ranks: more on
 * the first indicator first (the two 30s, then 25, then 20); the two
 * 30+20 by region code.
 */
static void
tie_rule(void **state)
{
	char		 loc[128], path[64];
	long long	 sid, rid, c[4], i0, i1;
	static const char *const p0[4] = { "30", "20", "25", "30" };
	static const char *const p1[4] = { "20", "30", "25", "20" };
	int		 k, want[4];

	(void)state;
	assert_int_equal(post(dist, "/assess/schemes", loc, sizeof(loc),
	    "csrf=%s&name=TIE%s&year=2026&target=community&n0=A&w0=50&s0=score"
	    "&n1=B&w1=50&s1=score", dcsrf, tag), 303);
	sid = id_after(loc, "/assess/schemes/");
	for (k = 0; k < 4; k++)
		c[k] = QINT("SELECT id FROM regions WHERE level = 3 AND "
		    "street_id = (SELECT street_id FROM regions WHERE id = %lld) "
		    "ORDER BY code DESC LIMIT %d, 1", ca, k);
	assert_int_equal(post(dist, "/assess/rounds", loc, sizeof(loc),
	    "csrf=%s&scheme=%lld&name=TIE&from=" FROM "&to=" TO "&turnout=50"
	    "&target=%lld&target=%lld&target=%lld&target=%lld", dcsrf, sid,
	    c[0], c[1], c[2], c[3]), 303);
	rid = id_after(loc, "/assess/rounds/");
	snprintf(path, sizeof(path), "/assess/rounds/%lld", rid);
	assert_int_equal(post(dist, path, NULL, 0, "csrf=%s&action=open"
	    "&version=%lld", dcsrf, version_of(rid)), 303);
	i0 = QINT("SELECT id FROM assess_indicators WHERE scheme_id = %lld "
	    "AND position = 0", sid);
	i1 = QINT("SELECT id FROM assess_indicators WHERE scheme_id = %lld "
	    "AND position = 1", sid);
	for (k = 0; k < 4; k++) {
		assert_int_equal(post(dist, path, NULL, 0, "csrf=%s&action="
		    "score&indicator=%lld&target=%lld&points=%s&note=n&evidence"
		    "=e", dcsrf, i0, c[k], p0[k]), 303);
		assert_int_equal(post(dist, path, NULL, 0, "csrf=%s&action="
		    "score&indicator=%lld&target=%lld&points=%s&note=n&evidence"
		    "=e", dcsrf, i1, c[k], p1[k]), 303);
	}
	assert_int_equal(post(dist, path, NULL, 0, "csrf=%s&action=close"
	    "&version=%lld", dcsrf, version_of(rid)), 303);
	assert_int_equal(post(dist, path, NULL, 0, "csrf=%s&action=publish"
	    "&version=%lld", dcsrf, version_of(rid)), 303);
	/* c[] by code descending: c[3] has the smaller code of the 30s */
	want[3] = 1;
	want[0] = 2;
	want[2] = 3;
	want[1] = 4;
	for (k = 0; k < 4; k++) {
		assert_int_equal(QINT("SELECT points * 100 FROM assess_totals "
		    "WHERE round_id = %lld AND target_id = %lld", rid, c[k]),
		    5000);
		assert_int_equal(QINT("SELECT rank_no FROM assess_totals WHERE "
		    "round_id = %lld AND target_id = %lld", rid, c[k]),
		    want[k]);
	}
}

static int
setup(void **state)
{
	struct config	 c;

	(void)state;
	if (sodium_init() == -1 || testdb_config(&c) != 0)
		return -1;
	snprintf(tag, sizeof(tag), "%u", randombytes_uniform(1000000000));
	snprintf(t2name, sizeof(t2name), "T2%s", tag);
	return 0;
}

static void
logins(void **state)
{
	(void)state;
	must_login("district", dist);
	must_login("street1", street);
	must_login("community1", comm1);
	csrf_of(dist, dcsrf);
	csrf_of(street, scsrf);
	csrf_of(comm1, ccsrf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(logins),
		cmocka_unit_test(weights_must_sum_to_100),
		cmocka_unit_test(scheme_made_and_edited),
		cmocka_unit_test(round_made_by_street),
		cmocka_unit_test(stale_and_foreign_refused),
		cmocka_unit_test(opened_scheme_in_use),
		cmocka_unit_test(scores_and_ballots),
		cmocka_unit_test(closed_and_published),
		cmocka_unit_test(later_data_move_nothing),
		cmocka_unit_test(published_permissions),
		cmocka_unit_test(chart_has_etag),
		cmocka_unit_test(tie_rule),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
