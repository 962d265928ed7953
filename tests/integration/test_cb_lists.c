/*
 * Co-building's three lists and joint meetings (issue 20 points 3 and 4),
 * through nginx: staff scopes answer 404 outside themselves; a unit sees
 * only the needs of the regions it co-builds with; units claiming one
 * need at once get exactly one winner and one project (the others 409);
 * a request becomes a need once; bookings of one day never pass the
 * resource's capacity when they arrive at once; the unit confirms and
 * declines; milestones lead to the project's close, which completes its
 * need; a meeting's decisions are followed to done by their owner unit
 * (another unit gets 404); bad input stores nothing.  The expected
 * numbers are the fixtures' own, counted in SQL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>
#include <sodium.h>

#include "config.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

static char	 sqlbuf[2048];
#define SQLF(...)	(snprintf(sqlbuf, sizeof(sqlbuf), __VA_ARGS__), sqlbuf)
#define QINT(...)	testdb_int(SQLF(__VA_ARGS__))
#define EXEC(...)	assert_true(testdb_exec(SQLF(__VA_ARGS__)) >= 0)

/* The sessions: staff of 星民社区 (community1) and of 西兴社区
 * (community2), a grid worker of 星民, the units' accounts (unit1, unit2
 * of 星民, unit3 of 西兴). */
static char	 C1[128], C2[128], G1[128], U1[128], U2[128], U3[128];
static char	 K1[65], K2[65], KG[65], KU1[65], KU2[65], KU3[65];
static long long XM, XX;		/* 星民, 西兴 region ids */
static unsigned	 RUN;			/* this run's tag */

/* The CSRF token of a session, from page path. */
static void
csrf_from(const char *cookie, const char *path, char csrf[65])
{
	struct hresp	 r;
	const char	*p;

	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	if (r.status != 200)
		fail_msg("%s: %d", path, r.status);
	assert_non_null(p = strstr(r.body, "name=\"csrf\" value=\""));
	memcpy(csrf, p + 19, 64);
	csrf[64] = '\0';
	hresp_free(&r);
}

/* POST a printf-made body to path as cookie; the status, the body into
 * out (NULL: dropped; the caller frees). */
static int
post(const char *cookie, const char *path, char **out, const char *fmt, ...)
{
	struct hresp	 r;
	char		 body[4096];
	va_list		 ap;
	int		 st;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	assert_int_equal(req(cookie, "POST", path, body, &r), 0);
	st = r.status;
	if (out != NULL)
		*out = strdup(r.body != NULL ? r.body : "");
	hresp_free(&r);
	return st;
}

/* GET path as cookie: the status, the body into out (may be NULL). */
static int
get(const char *cookie, const char *path, char **out)
{
	struct hresp	 r;
	int		 st;

	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	st = r.status;
	if (out != NULL)
		*out = strdup(r.body != NULL ? r.body : "");
	hresp_free(&r);
	return st;
}

static long long
unit_of(const char *user)
{
	return QINT("SELECT unit_id FROM users WHERE username = '%s'", user);
}

/* A need published by community1 through the page; its id. */
static long long
publish_need(const char *title)
{
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "publish&region=%lld&title=%s&kind=volunteers&detail=%s", K1, XM,
	    title, "需要志愿者协助"), 303);
	return QINT("SELECT MAX(id) FROM needs WHERE title = '%s'", title);
}

static long long
need_version(long long id)
{
	return QINT("SELECT version FROM needs WHERE id = %lld", id);
}

/* ---- scope ------------------------------------------------------------ */

static void
scope_404s(void **state)
{
	char		 t[64], path[64];
	long long	 n, p, m, before;

	(void)state;
	snprintf(t, sizeof(t), "测试范围需求%u", RUN);
	n = publish_need(t);
	/* Another community's staff: the need is not theirs to touch. */
	assert_int_equal(post(C2, "/cobuild/needs", NULL, "csrf=%s&action="
	    "withdraw&need=%lld&version=%lld", K2, n, need_version(n)), 404);
	assert_string_equal(testdb_strf("SELECT state FROM needs WHERE id = "
	    "%lld", n), "open");
	/* ... nor a project or meeting of 星民. */
	p = QINT("SELECT MIN(id) FROM projects WHERE region_id = %lld", XM);
	m = QINT("SELECT MIN(id) FROM meetings WHERE region_id = %lld", XM);
	assert_true(p > 0 && m > 0);
	snprintf(path, sizeof(path), "/cobuild/projects/%lld", p);
	assert_int_equal(get(C2, path, NULL), 404);
	assert_int_equal(get(C1, path, NULL), 200);
	snprintf(path, sizeof(path), "/cobuild/meetings/%lld", m);
	assert_int_equal(get(C2, path, NULL), 404);
	assert_int_equal(get(C1, path, NULL), 200);
	assert_int_equal(get(C1, "/cobuild/projects/99999999", NULL), 404);
	/* Publishing into another community: refused, nothing stored. */
	before = QINT("SELECT COUNT(*) FROM needs");
	assert_int_equal(post(C2, "/cobuild/needs", NULL, "csrf=%s&action="
	    "publish&region=%lld&title=%s&kind=funds", K2, XM, t), 400);
	assert_int_equal(QINT("SELECT COUNT(*) FROM needs"), before);
	/* A grid worker views, but does not manage. */
	assert_int_equal(get(G1, "/cobuild/needs", NULL), 200);
	assert_int_equal(post(G1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "withdraw&need=%lld&version=%lld", KG, n, need_version(n)), 404);
	/* A unit account has no staff pages, staff no unit pages. */
	assert_int_equal(get(U1, "/cobuild/needs", NULL), 404);
	assert_int_equal(get(C1, "/unit/needs", NULL), 404);
	/* Withdrawn by its own staff. */
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "withdraw&need=%lld&version=%lld", K1, n, need_version(n)), 303);
	assert_string_equal(testdb_strf("SELECT state FROM needs WHERE id = "
	    "%lld", n), "withdrawn");
	/* A stale form: 409. */
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "withdraw&need=%lld&version=%lld", K1, n, need_version(n) - 1),
	    409);
}

/* ---- a unit sees only its regions' needs -------------------------------- */

static void
unit_sees_its_regions(void **state)
{
	char		 t[64], *body;
	long long	 n;

	(void)state;
	snprintf(t, sizeof(t), "测试单位可见%u", RUN);
	n = publish_need(t);
	assert_int_equal(get(U1, "/unit/needs", &body), 200);
	assert_non_null(strstr(body, t));
	free(body);
	assert_int_equal(get(U3, "/unit/needs", &body), 200);
	assert_null(strstr(body, t));
	free(body);
	/* unit3 (西兴) cannot claim 星民's need: 404, nothing changes. */
	assert_int_equal(post(U3, "/unit/needs", NULL, "csrf=%s&action=claim&"
	    "need=%lld&version=%lld", KU3, n, need_version(n)), 404);
	assert_string_equal(testdb_strf("SELECT state FROM needs WHERE id = "
	    "%lld", n), "open");
	/* An agreement of unit3 with 星民 makes it co-build there. */
	EXEC("INSERT INTO agreements (unit_id, region_id, year, title, state, "
	    "valid_from, valid_to, created_by, created_at) SELECT %lld, %lld, "
	    "2099, '测试协议', 'signed', '2099-01-01', '2099-12-31', id, "
	    "UTC_TIMESTAMP() FROM users WHERE username = 'community1'",
	    unit_of("unit3"), XM);
	assert_int_equal(get(U3, "/unit/needs", &body), 200);
	assert_non_null(strstr(body, t));
	free(body);
	EXEC("DELETE FROM agreements WHERE unit_id = %lld AND region_id = %lld "
	    "AND year = 2099", unit_of("unit3"), XM);
}

/* ---- concurrent claims ---------------------------------------------------- */

struct claimer {
	const char	*cookie, *csrf;
	long long	 need, version;
	char		 src[32];
	int		 status;
	int		 said;		/* the 409 page says why */
	pthread_barrier_t *go;
};

static void *
claim_thread(void *arg)
{
	struct claimer	*c = arg;
	struct hresp	 r;
	char		 hdr[256], b[256];

	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n", c->cookie);
	snprintf(b, sizeof(b), "csrf=%s&action=claim&need=%lld&version=%lld",
	    c->csrf, c->need, c->version);
	httpc_thread_headers = hdr;
	httpc_thread_source = c->src;
	pthread_barrier_wait(c->go);
	if (http_post("/unit/needs", b, &r) == 0) {
		c->status = r.status;
		c->said = r.body != NULL && strstr(r.body, "已被其他单位认领") !=
		    NULL;
		hresp_free(&r);
	}
	return NULL;
}

#define CLAIMERS	8

static long long claimed_need;		/* for the project's test */

static void
concurrent_claims(void **state)
{
	struct claimer	 c[CLAIMERS];
	pthread_t	 t[CLAIMERS];
	pthread_barrier_t go;
	char		 title[64];
	long long	 n, v, winner;
	int		 i, won = 0, lost = 0;

	(void)state;
	snprintf(title, sizeof(title), "测试并发认领%u", RUN);
	n = publish_need(title);
	v = need_version(n);
	pthread_barrier_init(&go, NULL, CLAIMERS);
	for (i = 0; i < CLAIMERS; i++) {
		memset(&c[i], 0, sizeof(c[i]));
		c[i].cookie = i % 2 ? U2 : U1;
		c[i].csrf = i % 2 ? KU2 : KU1;
		c[i].need = n;
		c[i].version = v;
		c[i].go = &go;
		snprintf(c[i].src, sizeof(c[i].src), "127.3.%u.%d",
		    randombytes_uniform(200), i + 1);
	}
	for (i = 0; i < CLAIMERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, claim_thread,
		    &c[i]), 0);
	for (i = 0; i < CLAIMERS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
	for (i = 0; i < CLAIMERS; i++) {
		if (c[i].status == 303)
			won++;
		else if (c[i].status == 409 && c[i].said)
			lost++;
		else
			fail_msg("claimer %d: status %d", i, c[i].status);
	}
	assert_int_equal(won, 1);
	assert_int_equal(lost, CLAIMERS - 1);
	assert_string_equal(testdb_strf("SELECT state FROM needs WHERE id = "
	    "%lld", n), "claimed");
	winner = QINT("SELECT claim_unit_id FROM needs WHERE id = %lld", n);
	assert_true(winner == unit_of("unit1") || winner == unit_of("unit2"));
	assert_int_equal(QINT("SELECT COUNT(*) FROM projects WHERE need_id = "
	    "%lld", n), 1);
	assert_int_equal(QINT("SELECT lead_unit_id FROM projects WHERE "
	    "need_id = %lld", n), winner);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'cb_need_claim' AND object = 'need/%lld'", n), 1);
	claimed_need = n;
	/* Staff claim for a unit on its behalf, recorded as theirs. */
	snprintf(title, sizeof(title), "测试代认领%u", RUN);
	n = publish_need(title);
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "claim&need=%lld&version=%lld&unit=%lld", K1, n, need_version(n),
	    unit_of("unit3")), 400);		/* not co-building with 星民 */
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "claim&need=%lld&version=%lld&unit=%lld", K1, n, need_version(n),
	    unit_of("unit2")), 303);
	assert_int_equal(QINT("SELECT claim_unit_id FROM needs WHERE id = "
	    "%lld", n), unit_of("unit2"));
	assert_int_equal(QINT("SELECT n.claimed_by = u.id FROM needs n, users "
	    "u WHERE n.id = %lld AND u.username = 'community1'", n), 1);
}

/* ---- request to need, once ------------------------------------------------ */

static void
request_to_need_once(void **state)
{
	char		 t[9], path[80], *body;
	long long	 rid, before;

	(void)state;
	testdb_tracking(t, 'N');
	EXEC("INSERT INTO service_requests (tracking_no, category_id, "
	    "district_id, street_id, community_id, grid_id, address, "
	    "description, resident_name, resident_phone, source, state, "
	    "received_at, response_due, resolve_due) "
	    "SELECT '%s', c.id, g.district_id, g.street_id, g.community_id, "
	    "g.id, '测试路8号', '楼道灯坏了很久，老人夜里出门不方便', '居民乙', "
	    "'13800005679', 'web', 'submitted', UTC_TIMESTAMP(), "
	    "UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP() + INTERVAL 5 DAY "
	    "FROM regions g JOIN categories c ON c.id = (SELECT MIN(id) FROM "
	    "categories) WHERE g.id = (SELECT region_id FROM users WHERE "
	    "username = 'grid1')", t);
	rid = QINT("SELECT id FROM service_requests WHERE tracking_no = '%s'",
	    t);
	snprintf(path, sizeof(path), "/staff/requests/%s", t);
	assert_int_equal(get(C1, path, &body), 200);
	assert_non_null(strstr(body, "转为共建需求"));
	free(body);
	/* The grid worker does not get the button. */
	assert_int_equal(get(G1, path, &body), 200);
	assert_null(strstr(body, "转为共建需求"));
	free(body);
	snprintf(path, sizeof(path), "/cobuild/needs/new?request=%s", t);
	assert_int_equal(get(C1, path, &body), 200);
	assert_non_null(strstr(body, "楼道灯坏了很久"));	/* the detail */
	assert_non_null(strstr(body, "请勿写入群众的姓名、电话"));
	assert_null(strstr(body, "居民乙"));
	assert_null(strstr(body, "13800005679"));
	free(body);
	assert_int_equal(get(C2, path, NULL), 404);	/* not 西兴's */
	before = QINT("SELECT COUNT(*) FROM needs");
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "publish&region=%lld&title=%s&kind=goods&detail=%s&request=%s", K1,
	    XM, "楼道照明改造", "楼道照明需要更换", t), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM needs WHERE request_id = "
	    "%lld", rid), 1);
	/* A second attempt shows the need, stores nothing. */
	assert_int_equal(post(C1, "/cobuild/needs", &body, "csrf=%s&action="
	    "publish&region=%lld&title=%s&kind=goods&detail=%s&request=%s", K1,
	    XM, "楼道照明改造二", "再次提交", t), 409);
	assert_non_null(strstr(body, "楼道照明改造"));
	free(body);
	assert_int_equal(QINT("SELECT COUNT(*) FROM needs"), before + 1);
	assert_int_equal(get(C1, path, &body), 200);
	assert_non_null(strstr(body, "已转为共建需求"));
	free(body);
	snprintf(path, sizeof(path), "/staff/requests/%s", t);
	assert_int_equal(get(C1, path, &body), 200);
	assert_non_null(strstr(body, "已转为共建需求"));
	free(body);
}

/* ---- bookings under concurrency -------------------------------------------- */

struct booker {
	const char	*path, *body;
	char		 src[32];
	int		 status, full;
	pthread_barrier_t *go;
};

static void *
book_thread(void *arg)
{
	struct booker	*c = arg;
	struct hresp	 r;
	char		 hdr[256];

	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n", C1);
	httpc_thread_headers = hdr;
	httpc_thread_source = c->src;
	pthread_barrier_wait(c->go);
	if (http_post(c->path, c->body, &r) == 0) {
		c->status = r.status;
		c->full = r.body != NULL && strstr(r.body, "已约满") != NULL;
		hresp_free(&r);
	}
	return NULL;
}

#define BOOKERS		8
#define CAPACITY	3

static long long booked_res;

static void
booking_capacity(void **state)
{
	struct booker	 c[BOOKERS];
	pthread_t	 t[BOOKERS];
	pthread_barrier_t go;
	char		 title[64], body[512];
	const char	*from, *to, *day;
	long long	 res;
	int		 i, ok = 0, full = 0;

	(void)state;
	from = strdup(testdb_str("SELECT DATE_FORMAT(CURDATE(), '%Y-%m-%d')"));
	to = strdup(testdb_str("SELECT DATE_FORMAT(CURDATE() + INTERVAL 30 DAY, "
	    "'%Y-%m-%d')"));
	day = strdup(testdb_str("SELECT DATE_FORMAT(CURDATE() + INTERVAL 7 DAY, "
	    "'%Y-%m-%d')"));
	snprintf(title, sizeof(title), "测试会议室%u", RUN);
	assert_int_equal(post(U1, "/unit/resources", NULL, "csrf=%s&action="
	    "publish&kind=venue&title=%s&detail=%s&capacity=%d&from=%s&to=%s",
	    KU1, title, "可容纳30人", CAPACITY, from, to), 303);
	res = QINT("SELECT MAX(id) FROM resources WHERE title = '%s'", title);
	assert_int_equal(QINT("SELECT unit_id FROM resources WHERE id = %lld",
	    res), unit_of("unit1"));
	snprintf(body, sizeof(body), "csrf=%s&action=book&resource=%lld&"
	    "use_on=%s&purpose=%s", K1, res, day, "%E5%85%9A%E8%AF%BE");
	pthread_barrier_init(&go, NULL, BOOKERS);
	for (i = 0; i < BOOKERS; i++) {
		memset(&c[i], 0, sizeof(c[i]));
		c[i].path = "/cobuild/resources";
		c[i].body = body;
		c[i].go = &go;
		snprintf(c[i].src, sizeof(c[i].src), "127.4.%u.%d",
		    randombytes_uniform(200), i + 1);
	}
	for (i = 0; i < BOOKERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, book_thread, &c[i]),
		    0);
	for (i = 0; i < BOOKERS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
	for (i = 0; i < BOOKERS; i++) {
		if (c[i].status == 303)
			ok++;
		else if (c[i].status == 409 && c[i].full)
			full++;
		else
			fail_msg("booker %d: status %d", i, c[i].status);
	}
	assert_int_equal(ok, CAPACITY);
	assert_int_equal(full, BOOKERS - CAPACITY);
	assert_int_equal(QINT("SELECT COUNT(*) FROM resource_bookings WHERE "
	    "resource_id = %lld AND use_on = '%s' AND state IN ('requested', "
	    "'confirmed')", res, day), CAPACITY);
	/* Outside the availability: 400, nothing stored. */
	assert_int_equal(post(C1, "/cobuild/resources", NULL, "csrf=%s&action="
	    "book&resource=%lld&use_on=2099-01-01&purpose=x", K1, res), 400);
	assert_int_equal(QINT("SELECT COUNT(*) FROM resource_bookings WHERE "
	    "resource_id = %lld", res), CAPACITY);
	/* 西兴's staff do not see 星民's resource. */
	assert_int_equal(post(C2, "/cobuild/resources", NULL, "csrf=%s&action="
	    "book&resource=%lld&use_on=%s&purpose=x", K2, res, to), 404);
	booked_res = res;
	free((void *)from);
	free((void *)to);
	free((void *)day);
}

static long long
booking_version(long long id)
{
	return QINT("SELECT version FROM resource_bookings WHERE id = %lld", id);
}

static void
confirm_decline(void **state)
{
	long long	 b1, b2, b3;
	char		*body;

	(void)state;
	b1 = QINT("SELECT MIN(id) FROM resource_bookings WHERE resource_id = "
	    "%lld", booked_res);
	b2 = QINT("SELECT MIN(id) FROM resource_bookings WHERE resource_id = "
	    "%lld AND id > %lld", booked_res, b1);
	b3 = QINT("SELECT MAX(id) FROM resource_bookings WHERE resource_id = "
	    "%lld", booked_res);
	assert_true(b1 < b2 && b2 < b3);
	/* Another unit: 404. */
	assert_int_equal(post(U2, "/unit/resources", NULL, "csrf=%s&action="
	    "confirm&booking=%lld&version=%lld", KU2, b1, booking_version(b1)),
	    404);
	assert_int_equal(post(U1, "/unit/resources", NULL, "csrf=%s&action="
	    "confirm&booking=%lld&version=%lld", KU1, b1, booking_version(b1)),
	    303);
	assert_string_equal(testdb_strf("SELECT state FROM resource_bookings "
	    "WHERE id = %lld", b1), "confirmed");
	/* Declined only with a reason; the form keeps what was typed. */
	assert_int_equal(post(U1, "/unit/resources", &body, "csrf=%s&action="
	    "decline&booking=%lld&version=%lld&reason=", KU1, b2,
	    booking_version(b2)), 400);
	assert_non_null(strstr(body, "请填写婉拒原因"));
	free(body);
	assert_string_equal(testdb_strf("SELECT state FROM resource_bookings "
	    "WHERE id = %lld", b2), "requested");
	assert_int_equal(post(U1, "/unit/resources", NULL, "csrf=%s&action="
	    "decline&booking=%lld&version=%lld&reason=%s", KU1, b2,
	    booking_version(b2), "当日单位有活动"), 303);
	assert_string_equal(testdb_strf("SELECT CONCAT(state, '/', reason) FROM "
	    "resource_bookings WHERE id = %lld", b2), "declined/当日单位有活动");
	/* A stale form: 409. */
	assert_int_equal(post(U1, "/unit/resources", NULL, "csrf=%s&action="
	    "confirm&booking=%lld&version=%lld", KU1, b2, booking_version(b2) -
	    1), 409);
	/* Staff cancel a confirmed booking. */
	assert_int_equal(post(C1, "/cobuild/resources", NULL, "csrf=%s&action="
	    "cancel&booking=%lld&version=%lld&reason=%s", K1, b1,
	    booking_version(b1), "活动延期"), 303);
	assert_string_equal(testdb_strf("SELECT state FROM resource_bookings "
	    "WHERE id = %lld", b1), "cancelled");
	/* The unit withdraws the resource; it can no longer be booked. */
	assert_int_equal(post(U1, "/unit/resources", NULL, "csrf=%s&action="
	    "withdraw&resource=%lld&version=%lld", KU1, booked_res,
	    QINT("SELECT version FROM resources WHERE id = %lld", booked_res)),
	    303);
	assert_int_equal(post(C1, "/cobuild/resources", NULL, "csrf=%s&action="
	    "book&resource=%lld&use_on=%s&purpose=x", K1, booked_res,
	    testdb_str("SELECT DATE_FORMAT(CURDATE() + INTERVAL 8 DAY, "
	    "'%Y-%m-%d')")), 400);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'cb_book_decide' AND object IN ('booking/%lld', 'booking/%lld')",
	    b1, b2), 3);
}

/* ---- projects ---------------------------------------------------------- */

static long long
project_version(long long id)
{
	return QINT("SELECT version FROM projects WHERE id = %lld", id);
}

static void
project_to_done(void **state)
{
	long long	 p, lead, m1, m2;
	const char	*uc, *uk, *oc, *ok;
	char		 path[64], *body;

	(void)state;
	assert_true(claimed_need > 0);
	p = QINT("SELECT id FROM projects WHERE need_id = %lld", claimed_need);
	lead = QINT("SELECT lead_unit_id FROM projects WHERE id = %lld", p);
	uc = lead == unit_of("unit1") ? U1 : U2;
	uk = lead == unit_of("unit1") ? KU1 : KU2;
	oc = lead == unit_of("unit1") ? U2 : U1;
	ok = lead == unit_of("unit1") ? KU2 : KU1;
	assert_string_equal(testdb_strf("SELECT state FROM projects WHERE id = "
	    "%lld", p), "planning");
	/* The leading unit plans; the other unit cannot touch it. */
	assert_int_equal(post(uc, "/unit/projects", NULL, "csrf=%s&action="
	    "milestone&project=%lld&version=%lld&title=%s&due=2099-01-31", uk,
	    p, project_version(p), "招募志愿者"), 303);
	assert_int_equal(post(oc, "/unit/projects", NULL, "csrf=%s&action="
	    "milestone&project=%lld&version=%lld&title=x&due=2099-01-31", ok,
	    p, project_version(p)), 404);
	snprintf(path, sizeof(path), "/cobuild/projects/%lld", p);
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=milestone&"
	    "version=%lld&title=%s&due=2099-02-28", K1, project_version(p),
	    "开展服务"), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM milestones WHERE "
	    "project_id = %lld", p), 2);
	m1 = QINT("SELECT MIN(id) FROM milestones WHERE project_id = %lld", p);
	m2 = QINT("SELECT MAX(id) FROM milestones WHERE project_id = %lld", p);
	/* A stale form: 409, nothing done. */
	assert_int_equal(post(uc, "/unit/projects", &body, "csrf=%s&action="
	    "done&project=%lld&version=%lld&milestone=%lld&note=%s", uk, p,
	    project_version(p) - 1, m1, "已招募十人"), 409);
	assert_non_null(strstr(body, "已招募十人"));	/* the text kept */
	free(body);
	assert_int_equal(QINT("SELECT COUNT(*) FROM milestones WHERE id = %lld "
	    "AND done_at IS NULL", m1), 1);
	/* The first milestone done starts the project. */
	assert_int_equal(post(uc, "/unit/projects", NULL, "csrf=%s&action="
	    "done&project=%lld&version=%lld&milestone=%lld&note=%s", uk, p,
	    project_version(p), m1, "已招募十人"), 303);
	assert_string_equal(testdb_strf("SELECT state FROM projects WHERE id = "
	    "%lld", p), "running");
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=done&version="
	    "%lld&milestone=%lld&note=%s", K1, project_version(p), m2,
	    "服务完成"), 303);
	/* Closing needs a result. */
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=close&version="
	    "%lld&result=", K1, project_version(p)), 400);
	assert_string_equal(testdb_strf("SELECT state FROM projects WHERE id = "
	    "%lld", p), "running");
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=close&version="
	    "%lld&result=%s", K1, project_version(p), "服务老人200人次"), 303);
	assert_string_equal(testdb_strf("SELECT CONCAT(p.state, '/', n.state, "
	    "'/', n.completed_at IS NOT NULL, '/', p.closed_at = n.completed_at) "
	    "FROM projects p JOIN needs n ON n.id = p.need_id WHERE p.id = "
	    "%lld", p), "done/done/1/1");
	/* Closed: no more changes. */
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=cancel&version="
	    "%lld&result=x", K1, project_version(p)), 409);
	assert_int_equal(get(C1, path, &body), 200);
	assert_non_null(strstr(body, "服务老人200人次"));
	free(body);
	/* A project set up directly, with a unit not co-building: 400. */
	assert_int_equal(post(C1, "/cobuild/projects", NULL, "csrf=%s&action="
	    "create&region=%lld&unit=%lld&title=x", K1, XM, unit_of("unit3")),
	    400);
	assert_int_equal(post(C1, "/cobuild/projects", NULL, "csrf=%s&action="
	    "create&region=%lld&unit=%lld&title=%s%u&plan=y", K1, XM,
	    unit_of("unit1"), "测试直接项目", RUN), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM projects WHERE title = "
	    "'测试直接项目%u' AND need_id IS NULL AND state = 'planning'", RUN),
	    1);
}

/* ---- meetings ----------------------------------------------------------- */

static void
meeting_decisions(void **state)
{
	char		 title[64], path[64], *body;
	long long	 m, d1, d2, u1 = unit_of("unit1"), u2 = unit_of("unit2");

	(void)state;
	snprintf(title, sizeof(title), "测试联席会议%u", RUN);
	assert_int_equal(post(C1, "/cobuild/meetings", NULL, "csrf=%s&action="
	    "create&region=%lld&held_on=2026-03-02&title=%s&kind=regular&"
	    "place=%s&minutes=%s", K1, XM, title, "会议室", "内部纪要"), 303);
	m = QINT("SELECT MAX(id) FROM meetings WHERE title = '%s'", title);
	snprintf(path, sizeof(path), "/cobuild/meetings/%lld", m);
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=units&unit=%lld&"
	    "unit=%lld", K1, u1, u2), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM meeting_units WHERE "
	    "meeting_id = %lld", m), 2);
	/* A unit of 西兴 is not among those present: 400, unchanged. */
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=units&unit=%lld",
	    K1, unit_of("unit3")), 400);
	assert_int_equal(QINT("SELECT COUNT(*) FROM meeting_units WHERE "
	    "meeting_id = %lld", m), 2);
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=item&title=%s",
	    K1, "停车难问题"), 303);
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=decision&text=%s&"
	    "owner=%lld&due=2026-04-01&item=%lld", K1, "开放单位停车场", u1,
	    QINT("SELECT id FROM meeting_items WHERE meeting_id = %lld", m)),
	    303);
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=decision&text=%s&"
	    "owner=0&due=2026-04-15", K1, "社区排查车位"), 303);
	/* An owner not co-building here: 400. */
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=decision&text=x&"
	    "owner=%lld&due=2026-04-15", K1, unit_of("unit3")), 400);
	assert_int_equal(QINT("SELECT COUNT(*) FROM decisions WHERE meeting_id "
	    "= %lld", m), 2);
	d1 = QINT("SELECT id FROM decisions WHERE meeting_id = %lld AND "
	    "owner_unit_id = %lld", m, u1);
	d2 = QINT("SELECT id FROM decisions WHERE meeting_id = %lld AND "
	    "owner_unit_id IS NULL", m);
	assert_int_equal(get(C1, path, &body), 200);
	assert_non_null(strstr(body, "研究解决事项 2 件（已办结 0/2）"));
	free(body);
	/* The owner's list; another unit cannot mark it. */
	assert_int_equal(get(U1, "/unit/decisions", &body), 200);
	assert_non_null(strstr(body, "开放单位停车场"));
	assert_null(strstr(body, "社区排查车位"));
	free(body);
	assert_int_equal(post(U2, "/unit/decisions", NULL, "csrf=%s&action="
	    "done&decision=%lld&version=1&note=x", KU2, d1), 404);
	assert_int_equal(post(U1, "/unit/decisions", NULL, "csrf=%s&action="
	    "done&decision=%lld&version=1&note=", KU1, d1), 400);
	assert_int_equal(post(U1, "/unit/decisions", NULL, "csrf=%s&action="
	    "done&decision=%lld&version=1&note=%s", KU1, d1, "夜间已开放"),
	    303);
	assert_int_equal(post(U1, "/unit/decisions", NULL, "csrf=%s&action="
	    "done&decision=%lld&version=1&note=again", KU1, d1), 409);
	/* The community's own, by its staff on the meeting's page. */
	assert_int_equal(post(U1, "/unit/decisions", NULL, "csrf=%s&action="
	    "done&decision=%lld&version=1&note=x", KU1, d2), 404);
	assert_int_equal(post(C1, path, NULL, "csrf=%s&action=done&decision="
	    "%lld&version=1&note=%s", K1, d2, "已排查"), 303);
	assert_int_equal(get(C1, path, &body), 200);
	assert_non_null(strstr(body, "研究解决事项 2 件（已办结 2/2）"));
	free(body);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'cb_decision_done' AND object IN ('decision/%lld', "
	    "'decision/%lld')", d1, d2), 2);
	assert_true(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'cb_meeting' AND object = 'meeting/%lld'", m) >= 4);
	/* The staff's list of decisions, and the meeting from elsewhere. */
	assert_int_equal(get(C1, "/cobuild/meetings", &body), 200);
	assert_non_null(strstr(body, "开放单位停车场"));
	free(body);
	assert_int_equal(get(C2, path, NULL), 404);
}

/* ---- bad input ------------------------------------------------------------ */

static void
bad_input_stores_nothing(void **state)
{
	long long	 needs, res, mtg;
	char		*body;

	(void)state;
	needs = QINT("SELECT COUNT(*) FROM needs");
	res = QINT("SELECT COUNT(*) FROM resources");
	mtg = QINT("SELECT COUNT(*) FROM meetings");
	assert_int_equal(post(C1, "/cobuild/needs", &body, "csrf=%s&action="
	    "publish&region=%lld&title=&kind=venue&detail=%s", K1, XM,
	    "保留的说明"), 400);
	assert_non_null(strstr(body, "请填写需求名称"));
	assert_non_null(strstr(body, "保留的说明"));
	free(body);
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "publish&region=%lld&title=x&kind=spaceship", K1, XM), 400);
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "csrf=%s&action="
	    "publish&region=%lld&title=%%FF%%FE&kind=venue", K1, XM), 400);
	assert_int_equal(post(U1, "/unit/resources", &body, "csrf=%s&action="
	    "publish&kind=venue&title=%s&capacity=0&from=2026-01-01&"
	    "to=2026-02-01", KU1, "零容量"), 400);
	assert_non_null(strstr(body, "每日可预约次数须为 1 至 999"));
	free(body);
	assert_int_equal(post(U1, "/unit/resources", NULL, "csrf=%s&action="
	    "publish&kind=venue&title=x&capacity=2&from=2026-03-01&"
	    "to=2026-02-01", KU1), 400);
	assert_int_equal(post(C1, "/cobuild/meetings", NULL, "csrf=%s&action="
	    "create&region=%lld&held_on=2026-02-30&title=x&kind=regular", K1,
	    XM), 400);
	assert_int_equal(post(C1, "/cobuild/meetings", NULL, "csrf=%s&action="
	    "create&region=%lld&held_on=2026-02-03&title=x&kind=regular", K1,
	    XX), 400);
	/* Without the CSRF token: refused. */
	assert_int_equal(post(C1, "/cobuild/needs", NULL, "action=publish&"
	    "region=%lld&title=x&kind=venue", XM), 403);
	assert_int_equal(QINT("SELECT COUNT(*) FROM needs"), needs);
	assert_int_equal(QINT("SELECT COUNT(*) FROM resources"), res);
	assert_int_equal(QINT("SELECT COUNT(*) FROM meetings"), mtg);
}

static int
setup(void **state)
{
	struct config	 c;

	(void)state;
	if (sodium_init() == -1 || testdb_config(&c) != 0)
		return -1;
	RUN = randombytes_uniform(1000000);
	must_login("community1", C1);
	must_login("community2", C2);
	must_login("grid1", G1);
	must_login("unit1", U1);
	must_login("unit2", U2);
	must_login("unit3", U3);
	csrf_of(C1, K1);
	csrf_of(C2, K2);
	csrf_of(G1, KG);
	csrf_from(U1, "/unit/needs", KU1);
	csrf_from(U2, "/unit/needs", KU2);
	csrf_from(U3, "/unit/needs", KU3);
	XM = QINT("SELECT region_id FROM users WHERE username = 'community1'");
	XX = QINT("SELECT region_id FROM users WHERE username = 'community2'");
	return XM > 0 && XX > 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scope_404s),
		cmocka_unit_test(unit_sees_its_regions),
		cmocka_unit_test(concurrent_claims),
		cmocka_unit_test(request_to_need_once),
		cmocka_unit_test(booking_capacity),
		cmocka_unit_test(confirm_decline),
		cmocka_unit_test(project_to_done),
		cmocka_unit_test(meeting_decisions),
		cmocka_unit_test(bad_input_stores_nothing),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
