/*
 * Party members through nginx: roster import (good and bad files), adding
 * one by one, matched and unmatched reports, the lapse of a report,
 * preferred categories shown to staff and kept on the roster, one-time
 * codes (their lifetime, the lockout after wrong codes), claims up to
 * capacity with concurrent claimers (through the data layer, and through
 * nginx and the member pages), withdrawal, completion, editing and
 * withdrawing menu items, activities with bulk participation, the points
 * rule on a worked example, the list of communities and the sections of
 * a community's page, and the scope of the staff pages.
 *
 * Longer than 800 lines: one test program per family, whose cases share
 * its fixtures (a logged-in client, the demo's places); most of it is
 * tables of cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>

#include <cmocka.h>
#include <sodium.h>

#include "config.h"
#include "db.h"
#include "formtok.h"
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

/* The status of r, and a copy of its body into *body when body is not
 * NULL; frees r. */
static int
answer(struct hresp *r, char **body)
{
	int	 st = r->status;

	if (body != NULL)
		*body = strdup(r->body ? r->body : "");
	hresp_free(r);
	return st;
}

/* POST an action to the community page; the status, the body if wanted. */
static int
staff_post(const char *fields, char **body)
{
	struct hresp	 r;
	char		 b[16384];

	snprintf(b, sizeof(b), "csrf=%s&%s", csrf, fields);
	assert_int_equal(req(staff, "POST", base, b, &r), 0);
	return answer(&r, body);
}

/* GET a staff page; the status, the body if wanted. */
static int
staff_get(const char *cookie, const char *path, char **body)
{
	struct hresp	 r;

	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	return answer(&r, body);
}

/* The first column of the statement fmt writes (testdb_intf). */
#define q	testdb_intf

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

/* Post the report form with preferred categories prefs ("pref=1&pref=3");
 * the status and body. */
static int
report_pref(int community, const char *name, const char *phone,
    const char *prefs, char **body)
{
	struct hresp	 r;
	char		 b[1024], n[256], tok[33];

	http_enc(n, sizeof(n), name);
	assert_int_equal(formtok_make(tok, "report", time(NULL)), 0);
	snprintf(b, sizeof(b), "token=%s&community=%d&name=%s&phone=%s&"
	    "type=in_service&employer=x&skills=%%E7%%94%%B5%%E8%%84%%91&%s&"
	    "consent=1", tok, community, n, phone, prefs);
	assert_int_equal(http_post("/report", b, &r), 0);
	return answer(&r, body);
}

static int
report(int community, const char *name, const char *phone, char **body)
{
	return report_pref(community, name, phone, "pref=1", body);
}

/* Staff confirm the pending report of phone to community1. */
static void
confirm_report(const char *phone)
{
	char	 f[64];
	int	 rid;

	rid = (int)q("SELECT id FROM member_reports WHERE phone = '%s' AND "
	    "community_id = %d AND state = 'pending'", phone, cid);
	assert_true(rid > 0);
	snprintf(f, sizeof(f), "action=confirm&report=%d", rid);
	assert_int_equal(staff_post(f, NULL), 303);
}

/* A reported member of community1 (added, reported, confirmed by staff). */
static int
reported_member(const char *name, char phone[12])
{
	int	 id = add_member(name, phone);

	assert_int_equal(report(cid, name, phone, NULL), 200);
	confirm_report(phone);
	return id;
}

/* Staff issue a one-time code for member id: into code. */
static void
issue_code(int id, char code[9])
{
	char	*page, *p, b[64];

	snprintf(b, sizeof(b), "action=code&member=%d", id);
	assert_int_equal(staff_post(b, &page), 200);
	assert_non_null(p = strstr(page, "的一次性验证码："));
	memcpy(code, p + strlen("的一次性验证码："), 8);
	code[8] = '\0';
	assert_int_equal(strspn(code, "0123456789"), 8);
	/* Valid for [members] code_hours, and the page says so. */
	snprintf(b, sizeof(b), "（%d小时内有效", cfg.code_hours);
	assert_non_null(strstr(page, b));
	free(page);
	assert_int_equal(q("SELECT ABS(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), "
	    "expires_at) - %d) <= 60 FROM member_codes WHERE member_id = %d",
	    cfg.code_hours * 3600, id), 1);
}

/*
 * POST /member action=login from address src: the status; the session
 * cookie (when 303) and the Retry-After header (-1: none) into the buffers
 * given.
 */
static int
code_from(const char *src, const char *phone, const char *code,
    char cookie[80], char **body, long *retry)
{
	struct hresp	 r;
	char		 b[128];
	const char	*c;
	int		 st;

	httpc_source = src;
	snprintf(b, sizeof(b), "action=login&phone=%s&code=%s", phone, code);
	assert_int_equal(http_post("/member", b, &r), 0);
	httpc_source = NULL;
	st = r.status;
	if (cookie != NULL && st == 303) {
		assert_non_null(c = hresp_cookie(&r, "lx_member"));
		snprintf(cookie, 80, "%s", c);
	}
	if (retry != NULL)
		*retry = (c = hresp_header(&r, "Retry-After")) ? atol(c) : -1;
	return answer(&r, body);
}

/* code_from an address of its own. */
static int
code_login(const char *phone, const char *code, char cookie[80],
    char **body, long *retry)
{
	char	 src[16];

	own_source(src);
	return code_from(src, phone, code, cookie, body, retry);
}

/* Staff issue a code, the member logs in with it: the member's cookie. */
static void
member_login(int id, const char *phone, char cookie[80], char mcsrf[65])
{
	struct hresp	 r;
	char		*p, code[9], hdr[160];

	issue_code(id, code);
	assert_int_equal(code_login(phone, code, cookie, NULL, NULL), 303);
	/* The session lasts [members] session_minutes. */
	assert_int_equal(q("SELECT ABS(TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), "
	    "MAX(expires_at)) - %d) <= 60 FROM member_sessions WHERE "
	    "member_id = %d", cfg.member_session_minutes * 60, id), 1);
	/* One-time: the same code again is refused. */
	assert_int_equal(code_login(phone, code, NULL, NULL, NULL), 403);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_member=%s\r\n", cookie);
	httpc_headers = hdr;
	assert_int_equal(http_get("/member", &r), 0);
	httpc_headers = NULL;
	assert_int_equal(r.status, 200);
	assert_non_null(p = strstr(r.body, "name=\"csrf\" value=\""));
	memcpy(mcsrf, p + 19, 64);
	mcsrf[64] = '\0';
	hresp_free(&r);
}

/* A member's POST /member (or GET when fields is NULL). */
static int
member_req(const char *cookie, const char *mcsrf, const char *fields,
    char **body)
{
	struct hresp	 r;
	char		 hdr[160], b[512], src[16];

	own_source(src);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_member=%s\r\n", cookie);
	httpc_headers = hdr;
	if (fields == NULL)
		assert_int_equal(http_get("/member", &r), 0);
	else {
		snprintf(b, sizeof(b), "csrf=%s&%s", mcsrf, fields);
		assert_int_equal(http_post("/member", b, &r), 0);
	}
	httpc_headers = NULL;
	httpc_source = NULL;
	return answer(&r, body);
}

/* The local date days after today (before it when negative). */
static void
local_day(int days, char out[11])
{
	time_t		 t = time(NULL) + (time_t)days * 86400;
	struct tm	 tm;

	localtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

/* An item of community1's menu, offered from yesterday to next week. */
static int
new_item(const char *name, int capacity)
{
	char	 f[512], n[256], a[11], e[11];

	local_day(-1, a);
	local_day(7, e);
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
	(void)state;
	if (sodium_init() == -1 || testdb_config(&cfg) != 0)
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
	/* On the roster (phone + name): pending too; confirmed by staff,
	 * reported now. */
	id = add_member("钱五", p);
	assert_int_equal(report(cid, "钱五", p, &body), 200);
	assert_non_null(strstr(body, "id=\"pending\""));
	free(body);
	assert_int_equal(q("SELECT reported_at IS NULL FROM party_members "
	    "WHERE id = %d", id), 1);
	confirm_report(p);
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
	/* Reporting again (confirmed by staff) makes it valid again. */
	assert_int_equal(report(cid, "吴九", p, NULL), 200);
	confirm_report(p);
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
	char		 d[11];
	const char	*rk, *pa_at, *pb_at;
	int		 a, b, c, x, y, z, cx, cy, cz, act1, act2;

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
	local_day(0, d);
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
	{
		struct db_member pm = { .hours_tenths = 55, .completed = 2,
		    .wishes = 1 };
		struct db_points pr = { 1, 5, 5 };

		/* 5.5 x 1 + 2 x 5 + 1 wish x 5 = 20.5 */
		assert_int_equal(db_points_tenths(&pm, &pr), 205);
	}

	/* The ranking: 甲 (15.5) above 乙 (2.5). */
	snprintf(f, sizeof(f), "%s/ranking", base);
	assert_int_equal(staff_get(staff, f, &body), 200);
	assert_non_null(rk = strstr(body, "id=\"ranking-table\""));
	assert_non_null(pa_at = strstr(rk, "<td>甲</td>"));
	assert_non_null(pb_at = strstr(rk, "<td>乙</td>"));
	assert_true(pa_at < pb_at);
	assert_non_null(strstr(pa_at, "<td class=\"points\">15.5</td>"));
	free(body);
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

/* The part of body from the first occurrence of start up to the next
 * end (end excluded), in a static buffer; fails when start is absent. */
static const char *
part(const char *body, const char *start, const char *end)
{
	static char	 buf[65536];
	const char	*a, *e;
	size_t		 n;

	a = strstr(body, start);
	assert_non_null(a);
	e = strstr(a, end);
	n = e != NULL ? (size_t)(e - a) : strlen(a);
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, a, n);
	buf[n] = '\0';
	return buf;
}

/*
 * What the staff page base/sec shows as preferred categories in the
 * element that starts with start (up to end): a copy to free.
 */
static char *
shown_preferred(const char *sec, const char *start, const char *end)
{
	char	 path[96], *body, *v;

	snprintf(path, sizeof(path), "%s/%s", base, sec);
	assert_int_equal(staff_get(staff, path, &body), 200);
	v = strdup(part(part(body, start, end), "class=\"preferred\">", "</"));
	free(body);
	return v;
}

/*
 * Preferred categories of the report form: by name on the pending
 * report, kept on the roster when staff confirm it, also for a member
 * already on the roster.
 */
static void
preferred(void **state)
{
	char		 p[12], p2[12], n1[256], n2[256], prefs[64], f[64];
	char		*seg;
	long long	 c1, c2;
	int		 rid, id;

	(void)state;
	c1 = q("SELECT MIN(id) FROM categories WHERE active");
	c2 = q("SELECT MAX(id) FROM categories WHERE active");
	assert_true(c1 > 0 && c2 > c1);
	snprintf(n1, sizeof(n1), "%s", testdb_str("SELECT name FROM categories "
	    "WHERE id = (SELECT MIN(id) FROM categories WHERE active)"));
	snprintf(n2, sizeof(n2), "%s", testdb_str("SELECT name FROM categories "
	    "WHERE id = (SELECT MAX(id) FROM categories WHERE active)"));
	assert_null(strstr(n1, n2));
	assert_null(strstr(n2, n1));

	/* Not on the roster: pending, the names on the reports page. */
	new_phone(p);
	snprintf(prefs, sizeof(prefs), "pref=%lld&pref=%lld", c1, c2);
	assert_int_equal(report_pref(cid, "偏好甲", p, prefs, NULL), 200);
	rid = (int)q("SELECT id FROM member_reports WHERE phone = '%s' AND "
	    "state = 'pending'", p);
	assert_true(rid > 0);
	snprintf(f, sizeof(f), "name=\"report\" value=\"%d\"", rid);
	seg = shown_preferred("reports", f, "</form>");
	assert_non_null(strstr(seg, n1));
	assert_non_null(strstr(seg, n2));
	free(seg);

	/* Confirmed: on the roster with its preferences. */
	snprintf(f, sizeof(f), "action=confirm&report=%d", rid);
	assert_int_equal(staff_post(f, NULL), 303);
	id = (int)q("SELECT id FROM party_members WHERE phone = '%s'", p);
	assert_int_equal(q("SELECT preferred = '%lld,%lld' FROM party_members "
	    "WHERE id = %d", c1, c2, id), 1);
	snprintf(f, sizeof(f), "<tr id=\"member-%d\">", id);
	seg = shown_preferred("roster", f, "</tr>");
	assert_non_null(strstr(seg, n1));
	assert_non_null(strstr(seg, n2));
	free(seg);

	/* A report matching the roster replaces them. */
	id = add_member("偏好乙", p2);
	snprintf(prefs, sizeof(prefs), "pref=%lld", c2);
	assert_int_equal(report_pref(cid, "偏好乙", p2, prefs, NULL), 200);
	assert_int_equal(q("SELECT preferred = '' FROM party_members "
	    "WHERE id = %d", id), 1);	/* not before staff confirm it */
	confirm_report(p2);
	assert_int_equal(q("SELECT preferred = '%lld' FROM party_members "
	    "WHERE id = %d", c2, id), 1);
	snprintf(f, sizeof(f), "<tr id=\"member-%d\">", id);
	seg = shown_preferred("roster", f, "</tr>");
	assert_non_null(strstr(seg, n2));
	assert_null(strstr(seg, n1));
	free(seg);
}

/* POST item_edit of item with these values; the status and body. */
static int
edit_item(int item, const char *name, int capacity, long long category,
    const char *ends, char **body)
{
	char	 f[512], n[256], a[11];

	local_day(-1, a);
	http_enc(n, sizeof(n), name);
	snprintf(f, sizeof(f), "action=item_edit&item=%d&name=%s&description="
	    "e&capacity=%d&category=%lld&starts=%s&ends=%s", item, n, capacity,
	    category, a, ends);
	return staff_post(f, body);
}

/*
 * Staff edit an item (never below its claims) and withdraw it: open
 * claims are cancelled with it, completed ones stay; both audited;
 * items of other communities answer 404.
 */
static void
items_edit_withdraw(void **state)
{
	char		 pa[12], pb[12], ma[80], sa[65], mb[80], sb[65];
	char		 name[64], nn[80], f[256], ends[11], path[64], *body;
	struct hresp	 r;
	long long	 c1;
	int		 a, b, item, ca, cb, other;

	(void)state;
	snprintf(name, sizeof(name), "测试·修改%u", randombytes_uniform(1000000));
	snprintf(nn, sizeof(nn), "%s·新", name);
	c1 = q("SELECT MIN(id) FROM categories WHERE active");
	local_day(30, ends);
	item = new_item(name, 3);
	a = reported_member("改甲", pa);
	b = reported_member("改乙", pb);
	member_login(a, pa, ma, sa);
	member_login(b, pb, mb, sb);
	snprintf(f, sizeof(f), "action=claim&item=%d", item);
	assert_int_equal(member_req(ma, sa, f, NULL), 200);
	assert_int_equal(member_req(mb, sb, f, NULL), 200);
	ca = (int)q("SELECT id FROM item_claims WHERE member_id = %d AND "
	    "item_id = %d", a, item);
	cb = (int)q("SELECT id FROM item_claims WHERE member_id = %d AND "
	    "item_id = %d", b, item);
	snprintf(f, sizeof(f), "action=complete&claim=%d", ca);
	assert_int_equal(staff_post(f, NULL), 303);

	/* Not below the two claims; a category that does not exist. */
	assert_int_equal(edit_item(item, nn, 1, c1, ends, &body), 409);
	assert_non_null(strstr(body, "名额不能少于已认领的 2 人"));
	free(body);
	assert_int_equal(edit_item(item, nn, 3, 65000, ends, &body), 400);
	assert_non_null(strstr(body, "请选择有效的服务类别"));
	free(body);
	assert_int_equal(q("SELECT capacity = 3 AND updated_at IS NULL AND "
	    "category_id IS NULL FROM service_items WHERE id = %d", item), 1);

	/* An edit: name, capacity down to the claims, category, period. */
	assert_int_equal(edit_item(item, nn, 2, c1, ends, NULL), 303);
	snprintf(f, sizeof(f), "SELECT name FROM service_items WHERE id = %d",
	    item);
	assert_string_equal(testdb_str(f), nn);
	assert_int_equal(q("SELECT capacity = 2 AND category_id = %lld AND "
	    "ends_on = '%s' AND updated_at IS NOT NULL FROM service_items "
	    "WHERE id = %d", c1, ends, item), 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'member_item_edit' AND object = 'item:%d' AND username = "
	    "'community1' AND detail LIKE 'capacity 3 -> 2%%'", item), 1);
	/* The menu page shows it with its category. */
	snprintf(path, sizeof(path), "%s/menu", base);
	assert_int_equal(staff_get(staff, path, &body), 200);
	snprintf(f, sizeof(f), "<tr id=\"item-%d\">", item);
	assert_non_null(strstr(part(body, f, "</td><td>"), nn));
	free(body);

	/* Other communities' items and pages: 404, nothing changed. */
	other = (int)q("SELECT MIN(id) FROM service_items WHERE community_id "
	    "<> %d AND withdrawn_at IS NULL", cid);
	assert_true(other > 0);
	assert_int_equal(edit_item(other, nn, 50, c1, ends, NULL), 404);
	snprintf(f, sizeof(f), "action=item_withdraw&item=%d&confirm=1",
	    other);
	assert_int_equal(staff_post(f, NULL), 404);
	assert_int_equal(q("SELECT withdrawn_at IS NULL AND updated_at IS NULL "
	    "FROM service_items WHERE id = %d", other), 1);
	snprintf(path, sizeof(path), "/staff/members/%d", (int)q("SELECT "
	    "community_id FROM service_items WHERE id = %d", other));
	snprintf(f, sizeof(f), "csrf=%s&action=item_withdraw&item=%d&"
	    "confirm=1", csrf, other);
	assert_int_equal(status_of(staff, "POST", path, f), 404);
	/* Without the CSRF token: 403. */
	snprintf(f, sizeof(f), "action=item_withdraw&item=%d&confirm=1", item);
	assert_int_equal(status_of(staff, "POST", base, f), 403);
	assert_int_equal(q("SELECT withdrawn_at IS NULL FROM service_items "
	    "WHERE id = %d", other), 1);

	/* Withdrawn: only when confirmed; the open claim is cancelled, the
	 * completed one stays, and so does its place. */
	snprintf(f, sizeof(f), "action=item_withdraw&item=%d", item);
	assert_int_equal(staff_post(f, NULL), 400);
	assert_int_equal(q("SELECT withdrawn_at IS NULL FROM service_items "
	    "WHERE id = %d", item), 1);
	snprintf(f, sizeof(f), "csrf=%s&action=item_withdraw&item=%d&"
	    "confirm=1", csrf, item);
	assert_int_equal(req(staff, "POST", base, f, &r), 0);
	assert_int_equal(r.status, 303);
	snprintf(path, sizeof(path), "%s/menu?done=item_withdraw", base);
	assert_string_equal(hresp_header(&r, "Location"), path);
	hresp_free(&r);
	assert_int_equal(q("SELECT withdrawn_at IS NOT NULL AND withdrawn_by = "
	    "(SELECT id FROM users WHERE username = 'community1') AND "
	    "claimed = 1 FROM service_items WHERE id = %d", item), 1);
	assert_int_equal(q("SELECT state = 'completed' FROM item_claims WHERE "
	    "id = %d", ca), 1);
	assert_int_equal(q("SELECT state = 'cancelled' AND closed_at IS NOT "
	    "NULL FROM item_claims WHERE id = %d", cb), 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'member_item_withdraw' AND object = 'item:%d' AND detail = "
	    "'cancelled 1 open claims'", item), 1);
	/* Gone from the menus; not claimable; the member sees why. */
	snprintf(path, sizeof(path), "/menu/%d", cid);
	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, nn));
	hresp_free(&r);
	assert_int_equal(member_req(mb, sb, NULL, &body), 200);
	assert_non_null(strstr(part(body, "<ul id=\"claims\">", "</ul>"),
	    "项目已撤下"));
	free(body);
	snprintf(f, sizeof(f), "action=claim&item=%d", item);
	assert_int_equal(member_req(mb, sb, f, &body), 409);
	assert_non_null(strstr(body, "不在本社区的服务菜单中"));
	free(body);
	/* Once withdrawn, no more edits or withdrawals. */
	assert_int_equal(edit_item(item, nn, 5, c1, ends, NULL), 409);
	snprintf(f, sizeof(f), "action=item_withdraw&item=%d&confirm=1", item);
	assert_int_equal(staff_post(f, NULL), 409);
	assert_int_equal(q("SELECT capacity FROM service_items WHERE id = %d",
	    item), 2);
}

/*
 * Wrong one-time codes neither probe the roster nor void a member's code:
 * from one address each, a roster phone and a phone on no roster get the
 * same answers, 403 for the first code_max_failures, then 429 with
 * Retry-After; the member's code stays, refused from another address
 * while the phone's delay lasts and taken after it.  A login clears the
 * phone's count.
 */
static void
code_limits(void **state)
{
	char		 p[12], u[12], code[9], wrong[9], a1[16], a2[16], b[16];
	char		*bk, *bu;
	long		 rk, ru;
	int		 id, i, sk, su, max = cfg.code_max_failures;

	(void)state;
	assert_true(max >= 2);
	id = reported_member("限速", p);
	issue_code(id, code);
	new_phone(u);
	assert_int_equal(q("SELECT COUNT(*) FROM party_members WHERE phone = "
	    "'%s'", u), 0);
	snprintf(wrong, sizeof(wrong), "%s", code);
	wrong[0] = (char)('0' + (code[0] - '0' + 1) % 10);
	own_source(a1);
	own_source(a2);
	own_source(b);
	for (i = 0; i <= max; i++) {
		sk = code_from(a1, p, wrong, NULL, &bk, &rk);
		su = code_from(a2, u, wrong, NULL, &bu, &ru);
		assert_int_equal(sk, i < max ? 403 : 429);
		assert_int_equal(su, sk);
		if (sk == 403) {
			assert_string_equal(bk, bu);
			assert_true(rk == -1 && ru == -1);
		} else {
			assert_non_null(strstr(bk, "验证码尝试过于频繁"));
			assert_non_null(strstr(bu, "验证码尝试过于频繁"));
			assert_non_null(strstr(bk, "原验证码仍然有效"));
			assert_true(rk >= 1 && rk <= 2 && ru >= 1 && ru <= 2);
		}
		free(bk);
		free(bu);
	}
	/* The member's code is still there; from another address the phone
	 * waits its delay, then the right code lets the member in. */
	assert_int_equal(q("SELECT COUNT(*) FROM member_codes WHERE "
	    "member_id = %d AND expires_at > UTC_TIMESTAMP()", id), 1);
	sk = code_from(b, p, code, NULL, NULL, &rk);
	if (sk == 429) {
		assert_true(rk >= 1 && rk <= 2);
		sleep((unsigned)rk + 1);
		sk = code_from(b, p, code, NULL, NULL, NULL);
	}
	assert_int_equal(sk, 303);

	/* The login cleared the phone: max - 1 wrong codes, then the right
	 * one. */
	issue_code(id, code);
	snprintf(wrong, sizeof(wrong), "%s", code);
	wrong[7] = (char)('0' + (code[7] - '0' + 1) % 10);
	for (i = 0; i < max - 1; i++)
		assert_int_equal(code_login(p, wrong, NULL, NULL, NULL), 403);
	assert_int_equal(code_login(p, code, NULL, NULL, NULL), 303);
}

/*
 * An anonymous report with a roster member's name, phone and community:
 * the answer anyone gets, nothing changed on the roster (employer, skills,
 * preferences, report expiry), one pending report however often the form
 * is posted.
 */
static void
report_anonymous(void **state)
{
	struct hresp	 r;
	char		 p[12], u[12], b[1024], before[512], *bk, *bu;
	char		 sql[512], tok[33];
	int		 i, j;

	(void)state;
	assert_int_equal(formtok_make(tok, "report", time(NULL)), 0);
	(void)reported_member("褚十", p);
	snprintf(sql, sizeof(sql), "SELECT CONCAT_WS('|', name, employer, "
	    "skills, preferred, type, reported_at, report_expires_at) FROM "
	    "party_members WHERE phone = '%s'", p);
	snprintf(before, sizeof(before), "%s", testdb_str(sql));
	new_phone(u);
	for (i = 0; i < 2; i++) {
		/* 改写 for employer and skills, no preferences: the member's
		 * phone p, then the unknown u. */
		for (j = 0; j < 2; j++) {
			snprintf(b, sizeof(b), "token=%s&community=%d&name="
			    "%%E8%%A4%%9A%%E5%%8D%%81&phone=%s&type=retired&"
			    "employer=%%E6%%94%%B9%%E5%%86%%99&skills=%%E6%%94"
			    "%%B9%%E5%%86%%99&consent=1", tok, cid,
			    j ? u : p);
			assert_int_equal(http_post("/report", b, &r), 0);
			assert_int_equal(answer(&r, j ? &bu : &bk), 200);
		}
		assert_non_null(strstr(bk, "报到已提交，待社区确认"));
		assert_null(strstr(bk, "名册"));
		assert_string_equal(bk, bu);
		free(bk);
		free(bu);
		assert_string_equal(testdb_str(sql), before);
		assert_int_equal(q("SELECT COUNT(*) FROM member_reports WHERE "
		    "phone = '%s' AND state = 'pending'", p), 1);
		assert_int_equal(q("SELECT COUNT(*) FROM member_reports WHERE "
		    "phone = '%s' AND state = 'pending'", u), 1);
	}
	assert_int_equal(q("SELECT COUNT(*) FROM member_reports WHERE phone = "
	    "'%s' AND state = 'pending' AND skills = '改写'", p), 1);
}

struct hclaimer {
	char		 cookie[80], csrf[65], src[16];
	int		 item;
	int		 status;	/* of the POST; 0: no answer */
	int		 ok, full;	/* the page says so */
	pthread_barrier_t *go;
};

static void *
hclaim_thread(void *arg)
{
	struct hclaimer	*c = arg;
	struct hresp	 r;
	char		 hdr[128], b[160];

	snprintf(hdr, sizeof(hdr), "Cookie: lx_member=%s\r\n", c->cookie);
	snprintf(b, sizeof(b), "csrf=%s&action=claim&item=%d", c->csrf,
	    c->item);
	httpc_thread_headers = hdr;
	httpc_thread_source = c->src;
	pthread_barrier_wait(c->go);
	if (http_post("/member", b, &r) == 0) {
		c->status = r.status;
		c->ok = r.body != NULL && strstr(r.body, "认领成功") != NULL;
		c->full = r.body != NULL && strstr(r.body, "名额已满") != NULL;
		hresp_free(&r);
	}
	return NULL;
}

#define HCLAIMERS	12
#define HCAPACITY	4

/*
 * Twelve members, each logged in, post a claim of a four-place item
 * through nginx at the same moment: exactly four get it.
 */
static void
concurrent_http_claims(void **state)
{
	struct hclaimer	 c[HCLAIMERS];
	pthread_t	 t[HCLAIMERS];
	pthread_barrier_t go;
	char		 p[12], name[32];
	int		 item, i, ok = 0, full = 0, id;

	(void)state;
	item = new_item("测试·网页并发", HCAPACITY);
	pthread_barrier_init(&go, NULL, HCLAIMERS);
	for (i = 0; i < HCLAIMERS; i++) {
		memset(&c[i], 0, sizeof(c[i]));
		snprintf(name, sizeof(name), "网页并发%d", i);
		id = reported_member(name, p);
		member_login(id, p, c[i].cookie, c[i].csrf);
		own_source(c[i].src);		/* for its thread */
		httpc_source = NULL;
		c[i].item = item;
		c[i].go = &go;
	}
	for (i = 0; i < HCLAIMERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, hclaim_thread,
		    &c[i]), 0);
	for (i = 0; i < HCLAIMERS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
	for (i = 0; i < HCLAIMERS; i++) {
		if (c[i].status == 200 && c[i].ok)
			ok++;
		else if (c[i].status == 409 && c[i].full)
			full++;
		else
			fail_msg("claimer %d: status %d", i, c[i].status);
	}
	assert_int_equal(ok, HCAPACITY);
	assert_int_equal(full, HCLAIMERS - HCAPACITY);
	assert_int_equal(q("SELECT claimed FROM service_items WHERE id = %d",
	    item), HCAPACITY);
	assert_int_equal(q("SELECT COUNT(*) FROM item_claims WHERE item_id = "
	    "%d AND state = 'open'", item), HCAPACITY);
}

/* The figures of community c in the row of the list page body. */
static void
community_row(const char *body, int c)
{
	char		 f[160];
	const char	*row;

	snprintf(f, sizeof(f), "<tr id=\"community-%d\">", c);
	row = part(body, f, "</tr>");
	snprintf(f, sizeof(f), "<td class=\"members\">%lld</td>", q("SELECT "
	    "COUNT(*) FROM party_members WHERE community_id = %d", c));
	assert_non_null(strstr(row, f));
	snprintf(f, sizeof(f), "<td class=\"reported\">%lld</td>", q("SELECT "
	    "COUNT(*) FROM party_members WHERE community_id = %d AND "
	    "report_expires_at > UTC_TIMESTAMP()", c));
	assert_non_null(strstr(row, f));
	snprintf(f, sizeof(f), "/staff/members/%d/reports\">%lld</a>", c,
	    q("SELECT COUNT(*) FROM member_reports WHERE community_id = %d "
	    "AND state = 'pending'", c));
	assert_non_null(strstr(row, f));
}

/* How often needle stands in s. */
static int
count_of(const char *s, const char *needle)
{
	int	 n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/*
 * /staff/members: a street official sees the communities of the street
 * with their figures and links, a district official those of the
 * district, community staff their own; grid workers nothing.  The
 * sections of a community's page, each with the sub-navigation.
 */
static void
communities(void **state)
{
	static const char *const slugs[][2] = {
		{ "roster", "党员名册" }, { "reports", "待确认的报到" },
		{ "menu", "服务菜单" }, { "activities", "活动与参与记录" },
		{ "ranking", "积分排行" },
	};
	char		 st[128], di[128], g[128], path[96], f[96], *body;
	int		 street, district, n, i, c, out;

	(void)state;
	must_login("street1", st);
	street = (int)q("SELECT region_id FROM users WHERE username = "
	    "'street1'");
	assert_int_equal(staff_get(st, "/staff", &body), 200);
	assert_non_null(strstr(body, "href=\"/staff/members\""));
	free(body);
	assert_int_equal(staff_get(st, "/staff/members", &body), 200);
	n = (int)q("SELECT COUNT(*) FROM regions WHERE level = 3 AND "
	    "street_id = %d", street);
	assert_true(n > 1);
	assert_int_equal(count_of(body, "<tr id=\"community-"), n);
	for (i = 0; i < n; i++) {
		c = (int)q("SELECT id FROM regions WHERE level = 3 AND "
		    "street_id = %d ORDER BY id LIMIT 1 OFFSET %d", street, i);
		community_row(body, c);
		snprintf(f, sizeof(f), "<a href=\"/staff/members/%d\">", c);
		assert_non_null(strstr(body, f));
	}
	out = (int)q("SELECT MIN(id) FROM regions WHERE level = 3 AND "
	    "street_id <> %d", street);
	assert_true(out > 0);
	snprintf(f, sizeof(f), "<tr id=\"community-%d\">", out);
	assert_null(strstr(body, f));
	free(body);
	/* Into a community of the street, not of another. */
	snprintf(path, sizeof(path), "/staff/members/%d/roster", (int)q(
	    "SELECT MIN(id) FROM regions WHERE level = 3 AND street_id = %d",
	    street));
	assert_int_equal(staff_get(st, path, &body), 200);
	assert_non_null(strstr(body, "<strong>党员名册</strong>"));
	assert_non_null(strstr(part(body, "id=\"members-nav\"", "</nav>"),
	    "<a href=\"/staff/members\">"));
	free(body);
	snprintf(path, sizeof(path), "/staff/members/%d/roster", out);
	assert_int_equal(status_of(st, "GET", path, NULL), 404);

	/* The district official: every community of the district. */
	must_login("district", di);
	district = (int)q("SELECT region_id FROM users WHERE username = "
	    "'district'");
	assert_int_equal(staff_get(di, "/staff/members", &body), 200);
	assert_int_equal(count_of(body, "<tr id=\"community-"), (int)q(
	    "SELECT COUNT(*) FROM regions WHERE level = 3 AND district_id = "
	    "%d", district));
	community_row(body, out);
	free(body);

	/* Community staff: their own; grid workers: none. */
	assert_int_equal(staff_get(staff, "/staff/members", &body), 200);
	assert_int_equal(count_of(body, "<tr id=\"community-"), 1);
	community_row(body, cid);
	free(body);
	must_login("grid1", g);
	assert_int_equal(status_of(g, "GET", "/staff/members", NULL), 404);

	/* The overview and every section; an unknown one: 404. */
	assert_int_equal(staff_get(staff, base, &body), 200);
	snprintf(f, sizeof(f), "<td id=\"ov-members\">%lld</td>", q("SELECT "
	    "COUNT(*) FROM party_members WHERE community_id = %d", cid));
	assert_non_null(strstr(body, f));
	assert_null(strstr(part(body, "id=\"members-nav\"", "</nav>"),
	    "全部社区"));
	free(body);
	for (i = 0; i < (int)(sizeof(slugs) / sizeof(slugs[0])); i++) {
		snprintf(path, sizeof(path), "%s/%s", base, slugs[i][0]);
		assert_int_equal(staff_get(staff, path, &body), 200);
		snprintf(f, sizeof(f), "<strong>%s</strong>", slugs[i][1]);
		assert_non_null(strstr(body, f));
		free(body);
		assert_int_equal(status_of(g, "GET", path, NULL), 404);
	}
	snprintf(path, sizeof(path), "%s/nope", base);
	assert_int_equal(status_of(staff, "GET", path, NULL), 404);
}

/*
 * Members can log out (issue 16, point 9): POST /member action=logout
 * ends the session (its row gone, the cookie cleared); the old cookie
 * then gets the login form, and its posts 403.
 */
static void
member_logout(void **state)
{
	struct hresp	 r;
	char		 p[12], mc[80], ms[65], hdr[160], b[128], src[16], *body;
	int		 id;

	(void)state;
	id = add_member("退出测试", p);
	member_login(id, p, mc, ms);
	assert_int_equal(member_req(mc, ms, NULL, &body), 200);
	assert_non_null(strstr(body, "value=\"logout\""));
	free(body);
	/* Without the CSRF token: refused, still logged in. */
	snprintf(hdr, sizeof(hdr), "Cookie: lx_member=%s\r\n", mc);
	own_source(src);
	httpc_headers = hdr;
	assert_int_equal(http_post("/member", "action=logout", &r), 0);
	assert_int_equal(r.status, 403);
	hresp_free(&r);
	snprintf(b, sizeof(b), "csrf=%s&action=logout", ms);
	assert_int_equal(http_post("/member", b, &r), 0);
	httpc_headers = NULL;
	httpc_source = NULL;
	assert_int_equal(r.status, 303);
	assert_string_equal(hresp_header(&r, "Location"), "/member");
	assert_non_null(strstr(r.head, "lx_member=;"));
	assert_non_null(strstr(r.head, "Max-Age=0"));
	hresp_free(&r);
	assert_int_equal(q("SELECT COUNT(*) FROM member_sessions WHERE "
	    "member_id = %d", id), 0);
	assert_int_equal(member_req(mc, ms, NULL, &body), 200);
	assert_non_null(strstr(body, "name=\"code\""));
	assert_null(strstr(body, "value=\"logout\""));
	free(body);
	assert_int_equal(member_req(mc, ms, "action=withdraw&claim=1", NULL),
	    403);
}

/* POST /report of phone to community with token tok (NULL: none) from
 * the current source; the status, the body into *body when not NULL.  A
 * 429 says so in Chinese with Retry-After. */
static int
report_tok(int community, const char *phone, const char *tok, char **body)
{
	struct hresp	 r;
	char		 b[1024];
	const char	*ra;

	/* 伪造 as the name. */
	snprintf(b, sizeof(b), "%s%s%scommunity=%d&name=%%E4%%BC%%AA%%E9%%80"
	    "%%A0&phone=%s&type=in_service&consent=1", tok ? "token=" : "",
	    tok ? tok : "", tok ? "&" : "", community, phone);
	assert_int_equal(http_post("/report", b, &r), 0);
	if (r.status == 429) {
		assert_non_null(strstr(r.body, "操作过于频繁"));
		assert_non_null(ra = hresp_header(&r, "Retry-After"));
		assert_true(atoi(ra) >= 1);
	}
	return answer(&r, body);
}

/*
 * Issue 16: the report form carries a token the server issued for it.
 * None, made-up hex, a token of another form and an expired one get 400
 * "表单已过期，请重新填写" with the input kept, and store nothing; the
 * token of the form page is taken.
 */
static void
report_tokens(void **state)
{
	struct hresp	 r;
	char		 other[33], old[33], tok[33], p[12], src[16], *body;
	const char	*forged[4], *s;
	size_t		 i;

	(void)state;
	assert_int_equal(formtok_make(other, "requests", time(NULL)), 0);
	assert_int_equal(formtok_make(old, "report", time(NULL) - 25 * 3600),
	    0);
	forged[0] = NULL;
	forged[1] = "0123456789abcdef0123456789abcdef";
	forged[2] = other;
	forged[3] = old;
	new_phone(p);
	for (i = 0; i < 4; i++) {
		own_source(src);
		if (report_tok(cid, p, forged[i], &body) != 400)
			fail_msg("token %zu: not 400", i);
		httpc_source = NULL;
		assert_non_null(strstr(body, "表单已过期，请重新填写"));
		assert_non_null(strstr(body, "伪造"));		/* kept */
		assert_non_null(strstr(body, p));
		if (forged[i] != NULL)
			assert_null(strstr(body, forged[i]));	/* replaced */
		free(body);
		assert_int_equal(q("SELECT COUNT(*) FROM member_reports WHERE "
		    "phone = '%s'", p), 0);
	}
	/* The form's own token. */
	own_source(src);
	assert_int_equal(http_get("/report", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(s = strstr(r.body, "name=\"token\" value=\""));
	memcpy(tok, s + 20, 32);
	tok[32] = '\0';
	hresp_free(&r);
	assert_int_equal(report_tok(cid, p, tok, NULL), 200);
	httpc_source = NULL;
	assert_int_equal(q("SELECT COUNT(*) FROM member_reports WHERE phone = "
	    "'%s' AND state = 'pending'", p), 1);
}

/*
 * Issue 16: one address flooding /report gets 429 (Retry-After, in
 * Chinese) from the daemon, another address still reports; one phone
 * from many addresses is limited too.  The test stack allows 3 a daemon
 * per address, 2 per phone; to another community than community1's.
 */
static void
reports_rate_limited(void **state)
{
	char		 tok[33], p[12], src[32];
	int		 i, st, other, n[3] = { 0, 0, 0 }; /* 200, 429, other */

	(void)state;
	other = (int)q("SELECT id FROM regions WHERE level = 3 AND id <> %d "
	    "ORDER BY id LIMIT 1", cid);
	assert_true(other > 0);
	httpc_source = "127.0.0.60";
	assert_int_equal(formtok_make(tok, "report", time(NULL)), 0);
	for (i = 0; i < 10; i++) {
		new_phone(p);
		st = report_tok(other, p, tok, NULL);
		n[st == 200 ? 0 : st == 429 ? 1 : 2]++;
	}
	assert_true(n[0] > 0 && n[1] > 0 && n[2] == 0);
	httpc_source = "127.0.0.61";
	new_phone(p);
	assert_int_equal(report_tok(other, p, tok, NULL), 200);
	/* One phone from many addresses. */
	memset(n, 0, sizeof(n));
	new_phone(p);
	for (i = 0; i < 8; i++) {
		snprintf(src, sizeof(src), "127.0.4.%d", 10 + i);
		httpc_source = src;
		st = report_tok(other, p, tok, NULL);
		n[st == 200 ? 0 : st == 429 ? 1 : 2]++;
	}
	httpc_source = NULL;
	assert_true(n[0] > 0 && n[1] > 0 && n[2] == 0);
	assert_int_equal(q("SELECT COUNT(*) FROM member_reports WHERE phone = "
	    "'%s'", p), 1);
}

/*
 * Issue 16: a flood cannot hide real pending reports.  With 60 pending
 * reports the staff page says 60, shows 50 and the rest on page 2, each
 * report on exactly one page.
 */
static void
reports_pages(void **state)
{
	char		 sql[512], path[128], f[64], ids[4096], *b1, *b2, *b3;
	char		*id, *save;
	long long	 n0, i;

	(void)state;
	n0 = q("SELECT COUNT(*) FROM member_reports WHERE community_id = %d "
	    "AND state = 'pending'", cid);
	assert_true(n0 < 60);
	for (i = 0; i < 60 - n0; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO member_reports "
		    "(community_id, name, phone, type, consent_at, submitted_at,"
		    " state) VALUES (%d, '翻页%lld', '1990000%04lld', "
		    "'in_service', UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL "
		    "%lld SECOND, 'pending')", cid, i, i, 60 - i);
		testdb_exec(sql);
	}
	snprintf(path, sizeof(path), "%s/reports", base);
	assert_int_equal(staff_get(staff, path, &b1), 200);
	snprintf(path, sizeof(path), "%s/reports?page=2", base);
	assert_int_equal(staff_get(staff, path, &b2), 200);
	snprintf(path, sizeof(path), "%s/reports?page=3", base);
	assert_int_equal(staff_get(staff, path, &b3), 200);
	assert_non_null(strstr(b1, "待确认的报到共 <strong>60</strong> 条"));
	assert_non_null(strstr(b2, "待确认的报到共 <strong>60</strong> 条"));
	assert_non_null(strstr(b1, "reports?page=2\">下一页"));
	assert_int_equal(count_of(b1, "name=\"report\" value="), 50);
	assert_int_equal(count_of(b2, "name=\"report\" value="), 10);
	assert_int_equal(count_of(b3, "name=\"report\" value="), 0);
	snprintf(sql, sizeof(sql), "SELECT GROUP_CONCAT(id) FROM "
	    "member_reports WHERE community_id = %d AND state = 'pending'",
	    cid);
	snprintf(ids, sizeof(ids), "%s", testdb_str(sql));
	for (id = strtok_r(ids, ",", &save); id != NULL;
	    id = strtok_r(NULL, ",", &save)) {
		snprintf(f, sizeof(f), "name=\"report\" value=\"%s\">", id);
		assert_int_equal(count_of(b1, f) + count_of(b2, f), 1);
	}
	free(b1);
	free(b2);
	free(b3);
	snprintf(sql, sizeof(sql), "DELETE FROM member_reports WHERE "
	    "community_id = %d AND name LIKE '翻页%%'", cid);
	testdb_exec(sql);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(roster_import),
		cmocka_unit_test(reports),
		cmocka_unit_test(lapse),
		cmocka_unit_test(preferred),
		cmocka_unit_test(concurrent_claims),
		cmocka_unit_test(concurrent_http_claims),
		cmocka_unit_test(claims_activities_points),
		cmocka_unit_test(items_edit_withdraw),
		cmocka_unit_test(code_limits),
		cmocka_unit_test(report_anonymous),
		cmocka_unit_test(member_logout),
		cmocka_unit_test(communities),
		cmocka_unit_test(scope),
		cmocka_unit_test(report_tokens),
		cmocka_unit_test(reports_rate_limited),
		cmocka_unit_test(reports_pages),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
