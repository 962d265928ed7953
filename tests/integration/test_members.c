/*
 * Party members through nginx: roster import (good and bad files), adding
 * one by one, matched and unmatched reports, the lapse of a report,
 * one-time codes, claims up to capacity with concurrent claimers (through
 * the data layer, many connections at once), withdrawal, completion,
 * activities with bulk participation, the points rule on a worked
 * example, and the scope of the staff pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>

#include <cmocka.h>
#include <sodium.h>

#include "config.h"
#include "db.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

static struct config cfg;		/* the stack's configuration */
static char	 staff[128], csrf[65];	/* community1's session */
static int	 cid;			/* community1's community */
static char	 base[32];		/* "/staff/members/<cid>" */
static int	 src_n;

/* A phone number of this run: 19 and 9 random digits. */
static void
new_phone(char p[12])
{
	snprintf(p, 12, "19%09u", randombytes_uniform(1000000000));
}

/* Each member login from an address of its own (nginx limits POSTs). */
static void
own_source(char buf[16])
{
	snprintf(buf, 16, "127.2.%d.%d", randombytes_uniform(200),
	    1 + (src_n++ % 250));
	httpc_source = buf;
}

/* POST an action to the community page; the status, the body if wanted. */
static int
staff_post(const char *fields, char **body)
{
	struct hresp	 r;
	char		 b[16384];
	int		 st;

	snprintf(b, sizeof(b), "csrf=%s&%s", csrf, fields);
	assert_int_equal(req(staff, "POST", base, b, &r), 0);
	st = r.status;
	if (body != NULL)
		*body = strdup(r.body ? r.body : "");
	hresp_free(&r);
	return st;
}

static long long
q(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static long long
q(const char *fmt, ...)
{
	char	 sql[2048];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(sql, sizeof(sql), fmt, ap);
	va_end(ap);
	return testdb_int(sql);
}

/* Add a member to community1's roster through the page; its id. */
static int
add_member(const char *name, char phone[12])
{
	char	 f[512], n[256];

	new_phone(phone);
	http_enc(n, sizeof(n), name);
	snprintf(f, sizeof(f), "action=add&name=%s&phone=%s&type=in_service&"
	    "employer=%%E5%%8D%%95%%E4%%BD%%8D", n, phone);
	assert_int_equal(staff_post(f, NULL), 303);
	return (int)q("SELECT id FROM party_members WHERE phone = '%s'", phone);
}

/* Post the report form; the status and body. */
static int
report(int community, const char *name, const char *phone, char **body)
{
	struct hresp	 r;
	char		 b[1024], n[256];
	int		 st;

	http_enc(n, sizeof(n), name);
	snprintf(b, sizeof(b), "community=%d&name=%s&phone=%s&type=in_service&"
	    "employer=x&skills=%%E7%%94%%B5%%E8%%84%%91&pref=1&consent=1",
	    community, n, phone);
	assert_int_equal(http_do("POST", "/report", NULL, b, strlen(b), &r),
	    0);
	st = r.status;
	if (body != NULL)
		*body = strdup(r.body ? r.body : "");
	hresp_free(&r);
	return st;
}

/* A reported member of community1 (added, then matched report). */
static int
reported_member(const char *name, char phone[12])
{
	int	 id = add_member(name, phone);

	assert_int_equal(report(cid, name, phone, NULL), 200);
	return id;
}

/* Staff issue a code, the member logs in with it: the member's cookie. */
static void
member_login(int id, const char *phone, char cookie[80], char mcsrf[65])
{
	struct hresp	 r;
	char		*page, *p, code[9], b[256], hdr[160], src[16];
	const char	*c;

	snprintf(b, sizeof(b), "action=code&member=%d", id);
	assert_int_equal(staff_post(b, &page), 200);
	assert_non_null(p = strstr(page, "的一次性验证码："));
	memcpy(code, p + strlen("的一次性验证码："), 8);
	code[8] = '\0';
	/* Valid for [members] code_hours, and the page says so. */
	snprintf(b, sizeof(b), "（%d小时内有效", cfg.code_hours);
	assert_non_null(strstr(page, b));
	free(page);
	assert_int_equal(q("SELECT ABS(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), "
	    "expires_at) - %d) <= 60 FROM member_codes WHERE member_id = %d",
	    cfg.code_hours * 3600, id), 1);
	own_source(src);
	snprintf(b, sizeof(b), "action=login&phone=%s&code=%s", phone, code);
	assert_int_equal(http_do("POST", "/member", NULL, b, strlen(b), &r), 0);
	assert_int_equal(r.status, 303);
	assert_non_null(c = hresp_cookie(&r, "lx_member"));
	snprintf(cookie, 80, "%s", c);
	hresp_free(&r);
	/* The session lasts [members] session_minutes. */
	assert_int_equal(q("SELECT ABS(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), "
	    "MAX(expires_at)) - %d) <= 60 FROM member_sessions WHERE "
	    "member_id = %d", cfg.member_session_minutes * 60, id), 1);
	/* One-time: the same code again is refused. */
	assert_int_equal(http_do("POST", "/member", NULL, b, strlen(b), &r), 0);
	assert_int_equal(r.status, 403);
	hresp_free(&r);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_member=%s\r\n", cookie);
	httpc_headers = hdr;
	assert_int_equal(http_get("/member", &r), 0);
	httpc_headers = NULL;
	assert_int_equal(r.status, 200);
	assert_non_null(p = strstr(r.body, "name=\"csrf\" value=\""));
	memcpy(mcsrf, p + 19, 64);
	mcsrf[64] = '\0';
	hresp_free(&r);
	httpc_source = NULL;
}

/* A member's POST /member (or GET when fields is NULL). */
static int
member_req(const char *cookie, const char *mcsrf, const char *fields,
    char **body)
{
	struct hresp	 r;
	char		 hdr[160], b[512], src[16];
	int		 st;

	own_source(src);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_member=%s\r\n", cookie);
	httpc_headers = hdr;
	if (fields == NULL)
		assert_int_equal(http_get("/member", &r), 0);
	else {
		snprintf(b, sizeof(b), "csrf=%s&%s", mcsrf, fields);
		assert_int_equal(http_do("POST", "/member", NULL, b, strlen(b),
		    &r), 0);
	}
	httpc_headers = NULL;
	httpc_source = NULL;
	st = r.status;
	if (body != NULL)
		*body = strdup(r.body ? r.body : "");
	hresp_free(&r);
	return st;
}

/* An item of community1's menu, offered from yesterday to next week. */
static int
new_item(const char *name, int capacity)
{
	char	 f[512], n[256], a[16], e[16];
	time_t	 t = time(NULL);
	struct tm tm;

	localtime_r(&(time_t){ t - 86400 }, &tm);
	strftime(a, sizeof(a), "%Y-%m-%d", &tm);
	localtime_r(&(time_t){ t + 7 * 86400 }, &tm);
	strftime(e, sizeof(e), "%Y-%m-%d", &tm);
	http_enc(n, sizeof(n), name);
	snprintf(f, sizeof(f), "action=item&name=%s&description=d&capacity=%d&"
	    "starts=%s&ends=%s", n, capacity, a, e);
	assert_int_equal(staff_post(f, NULL), 303);
	return (int)q("SELECT MAX(id) FROM service_items WHERE community_id = "
	    "%d", cid);
}

static int
setup(void **state)
{
	char	 err[256];

	(void)state;
	if (sodium_init() == -1)
		return -1;
	config_defaults(&cfg);
	if (config_load(&cfg, test_env("LIANXIN_CONF"), err,
	    sizeof(err)) != 0 || config_db_password(&cfg, err,
	    sizeof(err)) != 0)
		return -1;
	must_login("community1", staff);
	csrf_of(staff, csrf);
	cid = (int)testdb_int("SELECT g.community_id FROM users u JOIN "
	    "regions g ON g.id = u.region_id WHERE u.username = 'community1'");
	snprintf(base, sizeof(base), "/staff/members/%d", cid);
	return cid > 0 ? 0 : -1;
}

static void
roster_import(void **state)
{
	char		 p1[12], p2[12], p3[12], f[4096], csv[2048], *body;
	long long	 before;

	(void)state;
	new_phone(p1);
	new_phone(p2);
	new_phone(p3);
	/* A good file: every row goes in. */
	snprintf(csv, sizeof(csv), "姓名,手机号,类型,工作单位\n"
	    "王一,%s,在职,区财政局\n李二,%s,离退休,\n张三,%s,流动,\"某公司, "
	    "分部\"\n", p1, p2, p3);
	strcpy(f, "action=import&csv=");
	http_enc(f + strlen(f), sizeof(f) - strlen(f), csv);
	assert_int_equal(staff_post(f, NULL), 303);
	assert_int_equal(q("SELECT COUNT(*) FROM party_members WHERE phone IN "
	    "('%s', '%s', '%s') AND community_id = %d", p1, p2, p3, cid), 3);
	assert_int_equal(q("SELECT COUNT(*) FROM party_members WHERE phone = "
	    "'%s' AND type = 'mobile' AND employer = '某公司, 分部'", p3), 1);
	assert_true(q("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'member_import' AND username = 'community1'") >= 1);

	/* A bad file: a phone already on the roster, a bad phone, a bad
	 * type, a phone twice: nothing goes in, every bad row is listed. */
	new_phone(p2);
	new_phone(p3);
	snprintf(csv, sizeof(csv), "name,phone,type\n好人,%s,在职\n"
	    "重复,%s,在职\n坏号,12345,在职\n坏类型,%s,党员\n再次,%s,居民\n",
	    p2, p1, p3, p2);
	strcpy(f, "action=import&csv=");
	http_enc(f + strlen(f), sizeof(f) - strlen(f), csv);
	before = q("SELECT COUNT(*) FROM party_members");
	assert_int_equal(staff_post(f, &body), 400);
	assert_int_equal(q("SELECT COUNT(*) FROM party_members"), before);
	assert_non_null(strstr(body, "未导入任何数据"));
	assert_non_null(strstr(body, "第 3 行 手机号：该手机号已在党员名册中"));
	assert_non_null(strstr(body, "第 4 行 手机号"));
	assert_non_null(strstr(body, "第 5 行 类型"));
	assert_non_null(strstr(body, "第 6 行 手机号：在文件中重复（与第 2 行"));
	free(body);

	/* One by one; a phone on the roster is refused with a message. */
	assert_true(add_member("赵四", p2) > 0);
	snprintf(f, sizeof(f), "action=add&name=x&phone=%s&type=retired", p1);
	assert_int_equal(staff_post(f, &body), 409);
	assert_non_null(strstr(body, "该手机号已在党员名册中"));
	free(body);
}

static void
reports(void **state)
{
	char		 p[12], p2[12], *body, f[128];
	int		 id, rid;

	(void)state;
	/* On the roster (phone + name): reported now. */
	id = add_member("钱五", p);
	assert_int_equal(report(cid, "钱五", p, &body), 200);
	assert_non_null(strstr(body, "id=\"reported\""));
	free(body);
	assert_int_equal(q("SELECT report_expires_at BETWEEN UTC_TIMESTAMP() + "
	    "INTERVAL 181 DAY AND UTC_TIMESTAMP() + INTERVAL 183 DAY FROM "
	    "party_members WHERE id = %d", id), 1);
	assert_int_equal(q("SELECT COUNT(*) FROM member_reports WHERE phone = "
	    "'%s' AND state = 'confirmed' AND member_id = %d", p, id), 1);

	/* The right phone with another name waits for staff. */
	id = add_member("孙六", p);
	assert_int_equal(report(cid, "孙七", p, &body), 200);
	assert_non_null(strstr(body, "id=\"pending\""));
	free(body);
	assert_int_equal(q("SELECT reported_at IS NULL FROM party_members "
	    "WHERE id = %d", id), 1);

	/* Not on any roster: pending; confirmed, it joins the roster. */
	new_phone(p2);
	assert_int_equal(report(cid, "周八", p2, NULL), 200);
	rid = (int)q("SELECT id FROM member_reports WHERE phone = '%s' AND "
	    "state = 'pending'", p2);
	assert_true(rid > 0);
	snprintf(f, sizeof(f), "action=confirm&report=%d", rid);
	assert_int_equal(staff_post(f, NULL), 303);
	assert_int_equal(q("SELECT COUNT(*) FROM party_members WHERE phone = "
	    "'%s' AND community_id = %d AND report_expires_at > "
	    "UTC_TIMESTAMP()", p2, cid), 1);
	assert_int_equal(staff_post(f, NULL), 409);	/* decided already */

	/* Rejected: nothing on the roster changes. */
	rid = (int)q("SELECT id FROM member_reports WHERE phone = '%s' AND "
	    "state = 'pending'", p);
	snprintf(f, sizeof(f), "action=reject&report=%d", rid);
	assert_int_equal(staff_post(f, NULL), 303);
	assert_int_equal(q("SELECT state = 'rejected' FROM member_reports "
	    "WHERE id = %d", rid), 1);
	assert_int_equal(q("SELECT reported_at IS NULL FROM party_members "
	    "WHERE id = %d", id), 1);

	/* A bad form: 400, the input kept, nothing stored. */
	assert_int_equal(report(cid, "", p, &body), 400);
	assert_non_null(strstr(body, p));
	free(body);
}

static void
lapse(void **state)
{
	char		 p[12], mc[80], ms[65], f[64], *body;
	int		 id, item;

	(void)state;
	id = reported_member("吴九", p);
	item = new_item("测试·过期", 5);	/* the page has a form now */
	member_login(id, p, mc, ms);
	/* The report lapses: not reported any more, no claims. */
	{
		char sql[256];

		snprintf(sql, sizeof(sql), "UPDATE party_members SET "
		    "report_expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND "
		    "WHERE id = %d", id);
		assert_int_equal(testdb_exec(sql), 1);
	}
	assert_int_equal(member_req(mc, ms, NULL, &body), 200);
	assert_non_null(strstr(body, "未报到或已过期"));
	free(body);
	snprintf(f, sizeof(f), "action=claim&item=%d", item);
	assert_int_equal(member_req(mc, ms, f, &body), 409);
	assert_non_null(strstr(body, "报到未确认或已过期"));
	free(body);
	/* Reporting again makes it valid again. */
	assert_int_equal(report(cid, "吴九", p, NULL), 200);
	assert_int_equal(member_req(mc, ms, f, NULL), 200);
}

struct claimer {
	const struct config *cfg;
	int		 member, item;
	enum db_claim_rc out;
	int		 rc;
	pthread_barrier_t *go;
};

static void *
claim_thread(void *arg)
{
	struct claimer	*c = arg;
	struct db	*db;
	char		 d[11];
	time_t		 now = time(NULL);
	struct tm	 tm;

	localtime_r(&now, &tm);
	strftime(d, sizeof(d), "%Y-%m-%d", &tm);
	db_thread_init();
	db = db_open(c->cfg);
	(void)db_ping(db);		/* connected before the start */
	pthread_barrier_wait(c->go);
	do
		c->rc = db_claim(db, c->member, c->item, 2, d, now, &c->out);
	while (c->rc == DB_CONFLICT);	/* a deadlock victim tries again */
	db_close(db);
	db_thread_end();
	return NULL;
}

#define CLAIMERS 12

/* Twelve members claim a three-place item at the same moment. */
static void
concurrent_claims(void **state)
{
	struct claimer	 c[CLAIMERS];
	pthread_t	 t[CLAIMERS];
	pthread_barrier_t go;
	char		 p[12], name[32];
	int		 item, i, ok = 0, full = 0;

	(void)state;
	assert_int_equal(db_library_init(), 0);
	item = new_item("测试·并发", 3);
	pthread_barrier_init(&go, NULL, CLAIMERS);
	for (i = 0; i < CLAIMERS; i++) {
		snprintf(name, sizeof(name), "并发%d", i);
		c[i] = (struct claimer){ &cfg, reported_member(name, p), item,
		    DB_CLAIM_OK, DB_ERROR, &go };
	}
	for (i = 0; i < CLAIMERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, claim_thread,
		    &c[i]), 0);
	for (i = 0; i < CLAIMERS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(c[i].rc, DB_OK);
		ok += c[i].out == DB_CLAIM_OK;
		full += c[i].out == DB_CLAIM_FULL;
	}
	pthread_barrier_destroy(&go);
	assert_int_equal(ok, 3);
	assert_int_equal(full, CLAIMERS - 3);
	assert_int_equal(q("SELECT claimed FROM service_items WHERE id = %d",
	    item), 3);
	assert_int_equal(q("SELECT COUNT(*) FROM item_claims WHERE item_id = "
	    "%d AND state = 'open'", item), 3);
	db_library_end();
}

/*
 * Claims through the pages, withdrawal, completion, an activity with
 * bulk participation, and the points rule.
 *
 * Worked example (default rule: 1 point per hour, 5 per completed
 * claim), member 甲:
 *   activity A, 2.5 hours             -> 2.5 hours
 *   activity B, 3 hours               -> 3 hours, 5.5 in all
 *   claims of items X and Y completed -> 2 completed claims
 *   claim of item Z withdrawn         -> nothing
 *   points = 5.5 x 1 + 2 x 5 = 5.5 + 10 = 15.5
 * Member 乙 took part in activity A only: 2.5 hours, no claims,
 * points = 2.5.  So 甲 ranks above 乙.
 */
static void
claims_activities_points(void **state)
{
	char		 pa[12], pb[12], pc[12], ma[80], sa[65], f[256], *body;
	char		 d[16];
	int		 a, b, c, x, y, z, cx, cy, cz, act1, act2;
	time_t		 now = time(NULL);
	struct tm	 tm;

	(void)state;
	a = reported_member("甲", pa);
	b = reported_member("乙", pb);
	c = add_member("丙未报到", pc);		/* not reported */
	x = new_item("测试·X", 1);
	y = new_item("测试·Y", 5);
	z = new_item("测试·Z", 5);
	member_login(a, pa, ma, sa);

	/* At most two open claims; one place of X; no claim twice. */
	snprintf(f, sizeof(f), "action=claim&item=%d", x);
	assert_int_equal(member_req(ma, sa, f, NULL), 200);
	assert_int_equal(member_req(ma, sa, f, &body), 409);
	assert_non_null(strstr(body, "您已认领该项目"));
	free(body);
	snprintf(f, sizeof(f), "action=claim&item=%d", y);
	assert_int_equal(member_req(ma, sa, f, NULL), 200);
	snprintf(f, sizeof(f), "action=claim&item=%d", z);
	assert_int_equal(member_req(ma, sa, f, &body), 409);
	assert_non_null(strstr(body, "已达上限"));
	free(body);
	cx = (int)q("SELECT id FROM item_claims WHERE member_id = %d AND "
	    "item_id = %d", a, x);
	cy = (int)q("SELECT id FROM item_claims WHERE member_id = %d AND "
	    "item_id = %d", a, y);
	/* Without the session's token: refused. */
	snprintf(f, sizeof(f), "action=withdraw&claim=%d", cy);
	assert_int_equal(member_req(ma, "0", f, NULL), 403);

	/* Staff complete X and Y; Z claimed, then withdrawn. */
	snprintf(f, sizeof(f), "action=complete&claim=%d", cx);
	assert_int_equal(staff_post(f, NULL), 303);
	assert_int_equal(staff_post(f, NULL), 409);
	snprintf(f, sizeof(f), "action=complete&claim=%d", cy);
	assert_int_equal(staff_post(f, NULL), 303);
	snprintf(f, sizeof(f), "action=claim&item=%d", z);
	assert_int_equal(member_req(ma, sa, f, NULL), 200);
	cz = (int)q("SELECT id FROM item_claims WHERE member_id = %d AND "
	    "item_id = %d", a, z);
	assert_int_equal(q("SELECT claimed FROM service_items WHERE id = %d",
	    z), 1);
	snprintf(f, sizeof(f), "action=withdraw&claim=%d", cz);
	assert_int_equal(member_req(ma, sa, f, NULL), 200);
	assert_int_equal(member_req(ma, sa, f, NULL), 409);
	assert_int_equal(q("SELECT claimed FROM service_items WHERE id = %d",
	    z), 0);
	/* Completed claims keep their place. */
	assert_int_equal(q("SELECT claimed FROM service_items WHERE id = %d",
	    x), 1);

	/* Two activities; participation in bulk. */
	localtime_r(&now, &tm);
	strftime(d, sizeof(d), "%Y-%m-%d", &tm);
	snprintf(f, sizeof(f), "action=activity&title=A&kind=volunteer&date=%s"
	    "&hours=2.5", d);
	assert_int_equal(staff_post(f, NULL), 303);
	act1 = (int)q("SELECT MAX(id) FROM activities WHERE community_id = %d",
	    cid);
	snprintf(f, sizeof(f), "action=activity&title=B&kind=party_day&date=%s"
	    "&hours=3", d);
	assert_int_equal(staff_post(f, NULL), 303);
	act2 = (int)q("SELECT MAX(id) FROM activities WHERE community_id = %d",
	    cid);
	/* A member not reported spoils the whole batch. */
	snprintf(f, sizeof(f), "action=participation&activity=%d&hours=2.5&"
	    "m=%d&m=%d&m=%d", act1, a, b, c);
	assert_int_equal(staff_post(f, NULL), 400);
	assert_int_equal(q("SELECT COUNT(*) FROM participation WHERE "
	    "activity_id = %d", act1), 0);
	snprintf(f, sizeof(f), "action=participation&activity=%d&hours=2.5&"
	    "m=%d&m=%d", act1, a, b);
	assert_int_equal(staff_post(f, NULL), 303);
	snprintf(f, sizeof(f), "action=participation&activity=%d&hours=3&"
	    "m=%d", act2, a);
	assert_int_equal(staff_post(f, NULL), 303);
	assert_int_equal(q("SELECT COUNT(*) FROM participation WHERE "
	    "activity_id = %d", act1), 2);

	/* 甲: 5.5 hours, 2 completed claims, 15.5 points (see above). */
	assert_int_equal(member_req(ma, sa, NULL, &body), 200);
	assert_non_null(strstr(body, "<td id=\"hours\">5.5</td>"));
	assert_non_null(strstr(body, "<td id=\"completed\">2</td>"));
	assert_non_null(strstr(body, "<td id=\"points\">15.5</td>"));
	free(body);
	assert_int_equal(db_points_tenths(55, 2, 1, 5), 155);

	/* The ranking: 甲 (15.5) above 乙 (2.5). */
	{
		struct hresp	 r;
		const char	*rk, *pa_at, *pb_at;

		assert_int_equal(req(staff, "GET", base, NULL, &r), 0);
		assert_int_equal(r.status, 200);
		assert_non_null(rk = strstr(r.body, "id=\"ranking-table\""));
		assert_non_null(pa_at = strstr(rk, "<td>甲</td>"));
		assert_non_null(pb_at = strstr(rk, "<td>乙</td>"));
		assert_true(pa_at < pb_at);
		assert_non_null(strstr(pa_at, "<td class=\"points\">15.5</td>"));
		hresp_free(&r);
	}
	assert_true(q("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'member_participation' AND object = 'activity:%d'", act1) == 1);
}

/* Other communities' pages do not exist for community1 and for a grid
 * worker; the public menu does. */
static void
scope(void **state)
{
	char		 g[128], path[64];
	int		 other;
	struct hresp	 r;

	(void)state;
	other = (int)q("SELECT MIN(id) FROM regions WHERE level = 3 AND id <> "
	    "%d", cid);
	snprintf(path, sizeof(path), "/staff/members/%d", other);
	assert_int_equal(status_of(staff, "GET", path, NULL), 404);
	assert_int_equal(status_of(staff, "GET", "/staff/members/x", NULL),
	    404);
	{
		char b[128];

		snprintf(b, sizeof(b), "csrf=%s&action=add&name=x&phone="
		    "19900000000&type=retired", csrf);
		assert_int_equal(status_of(staff, "POST", path, b), 404);
	}
	must_login("grid1", g);
	assert_int_equal(status_of(g, "GET", base, NULL), 404);
	/* No session: the login page. */
	assert_int_equal(http_get(base, &r), 0);
	assert_int_equal(r.status, 303);
	hresp_free(&r);
	/* Bad CSRF: 403. */
	assert_int_equal(status_of(staff, "POST", base, "csrf=00&action=add"),
	    403);
	snprintf(path, sizeof(path), "/menu/%d", cid);
	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	hresp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roster_import),
		cmocka_unit_test(reports),
		cmocka_unit_test(lapse),
		cmocka_unit_test(concurrent_claims),
		cmocka_unit_test(claims_activities_points),
		cmocka_unit_test(scope),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
