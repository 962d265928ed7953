/*
 * Withdrawing a request on its resident's behalf (代群众撤回, issue 19
 * point 2) through nginx: the form in the request page's danger zone;
 * withdrawal from each open state and never after 办结; the state,
 * reason, event and message it leaves; the resident's status page; the
 * figures (a withdrawn request is not valid and not resolved, against
 * numbers counted by hand from the fixture); Open311's status.
 *
 * A region tree of its own (a district, a street, a community with one
 * grid) holds every request the test makes, so the figures are exact.
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
#include <jansson.h>
#include <sodium.h>

#include "config.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

#define qint testdb_intf

static struct config cfg;
static char	 code[16];		/* the tree's code prefix */
static int	 community, grid;
static char	 cs[32], gw[32];	/* community staff, grid worker */

/* The fixture: three to withdraw (one per open state), two done, one
 * rejected as spam, one left open. */
enum { W_SUB, W_ACC, W_ASG, W_RES, W_CLO, W_REJ, W_OPEN, W__MAX };
static char	 t[W__MAX][9];
static char	 last4[W__MAX][5];

/* 回访电话：本人来电，问题已自行解决，要求撤回 (who asked and how) */
#define NOTE_TXT "回访电话：本人来电，问题已自行解决，要求撤回"
#define NOTE "%E5%9B%9E%E8%AE%BF%E7%94%B5%E8%AF%9D%EF%BC%9A%E6%9C%AC%E4%BA%BA" \
	"%E6%9D%A5%E7%94%B5%EF%BC%8C%E9%97%AE%E9%A2%98%E5%B7%B2%E8%87%AA%E8%A1" \
	"%8C%E8%A7%A3%E5%86%B3%EF%BC%8C%E8%A6%81%E6%B1%82%E6%92%A4%E5%9B%9E"

/* Run the lianxin command with args, input on its standard input. */
static int
lianxin_with(const char *input, const char *fmt, ...)
{
	char	 args[384], cmd[512];
	va_list	 ap;
	FILE	*f;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "%s %s >/dev/null 2>&1", test_bin("lianxin"),
	    args);
	if ((f = popen(cmd, "w")) == NULL)
		return -1;
	fputs(input, f);
	return pclose(f) == 0 ? 0 : -1;
}

/* A request of the tree received an hour ago in state, accepted unless
 * submitted, resolved (and closed) when the state says so. */
static void
mk(int w, const char *state, const char *reason)
{
	int	 acc = strcmp(state, "submitted") != 0;
	int	 res = strcmp(state, "resolved") == 0 ||
	    strcmp(state, "closed") == 0;

	testdb_tracking(t[w], 'W');
	snprintf(last4[w], sizeof(last4[w]), "%04u",
	    randombytes_uniform(10000));
	assert_int_equal(testdb_execf("INSERT INTO service_requests "
	    "(tracking_no, category_id, district_id, street_id, community_id, "
	    "grid_id, address, description, resident_name, resident_phone, "
	    "source, state, level, max_level, received_at, accepted_at, "
	    "response_due, resolve_due, resolved_at, resolution, closed_at, "
	    "rejected_at, reject_reason) "
	    "SELECT '%s', (SELECT MIN(id) FROM categories WHERE active), "
	    "district_id, street_id, community_id, id, '撤回路1号', "
	    "'撤回测试用的诉求描述', '测试', '1390000%s', 'web', '%s', "
	    "'community', 'community', UTC_TIMESTAMP() - INTERVAL 60 MINUTE, "
	    "%s, UTC_TIMESTAMP() + INTERVAL 600 MINUTE, "
	    "UTC_TIMESTAMP() + INTERVAL 3 DAY, %s, %s, %s, %s, %s "
	    "FROM regions WHERE id = %d", t[w], last4[w], state,
	    acc ? "UTC_TIMESTAMP() - INTERVAL 50 MINUTE" : "NULL",
	    res ? "UTC_TIMESTAMP() - INTERVAL 10 MINUTE" : "NULL",
	    res ? "'已修复'" : "NULL",
	    strcmp(state, "closed") == 0 ? "UTC_TIMESTAMP()" : "NULL",
	    reason ? "UTC_TIMESTAMP()" : "NULL", reason ? "'spam'" : "NULL",
	    grid), 1);
}

/* The tree (a district, street, community and grid of code) and its
 * two users, by the lianxin command. */
static int
setup(void **state)
{
	char	 csv[512];

	(void)state;
	if (sodium_init() == -1 || testdb_config(&cfg) != 0)
		return -1;
	snprintf(code, sizeof(code), "W%u", randombytes_uniform(1000000));
	snprintf(csv, sizeof(csv), "code,name,level,parent_code\n"
	    "%1$s-d,撤回区,1,\n%1$s-s,撤回街道,2,%1$s-d\n"
	    "%1$s-c,撤回社区,3,%1$s-s\n%1$s-g,撤回网格,4,%1$s-c\n", code);
	snprintf(cs, sizeof(cs), "w%s_cs", code + 1);
	snprintf(gw, sizeof(gw), "w%s_gw", code + 1);
	if (lianxin_with(csv, "import regions -") != 0 ||
	    lianxin_with(PW "\n", "user add %s community_staff %s-c '测试社区'",
	    cs, code) != 0 ||
	    lianxin_with(PW "\n", "user add %s grid_worker %s-g '测试网格员'",
	    gw, code) != 0)
		return -1;
	community = (int)qint("SELECT id FROM regions WHERE code = '%s-c'",
	    code);
	grid = (int)qint("SELECT id FROM regions WHERE code = '%s-g'", code);
	if (community <= 0 || grid <= 0)
		return -1;
	mk(W_SUB, "submitted", NULL);
	mk(W_ACC, "accepted", NULL);
	mk(W_ASG, "assigned", NULL);
	mk(W_RES, "resolved", NULL);
	mk(W_CLO, "closed", NULL);
	mk(W_REJ, "rejected", "spam");
	mk(W_OPEN, "accepted", NULL);
	return 0;
}

/* POST the withdraw form's fields extra to request w as c; the status. */
static int
post(const char *c, const char *csrf, int w, const char *extra)
{
	char	 body[1024], p[64];

	snprintf(p, sizeof(p), "/staff/requests/%s", t[w]);
	snprintf(body, sizeof(body), "csrf=%s&version=%lld&%s", csrf,
	    qint("SELECT version FROM service_requests WHERE tracking_no = "
	    "'%s'", t[w]), extra);
	return status_of(c, "POST", p, body);
}

/* The figures of the test's community today (local), as the API says. */
static json_t *
figures(void)
{
	char		 c[128], path[160], day[16];
	struct hresp	 h;
	json_error_t	 e;
	json_t		*o;
	char		 from[16];
	time_t		 now = time(NULL) + 8 * 3600, before = now - 86400;
	struct tm	 tm;

	/* Yesterday and today in local time (UTC+8 in the test stack). */
	gmtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	gmtime_r(&before, &tm);
	strftime(from, sizeof(from), "%Y-%m-%d", &tm);
	testdb_settle();
	must_login(cs, c);
	snprintf(path, sizeof(path), "/api/stats?region=%d&from=%s&to=%s&"
	    "group=none", community, from, day);
	assert_int_equal(req(c, "GET", path, NULL, &h), 0);
	if (h.status != 200)
		fail_msg("%s: %d %s", path, h.status, h.body);
	assert_non_null(o = json_loads(h.body, 0, &e));
	hresp_free(&h);
	return o;
}

static long long
jint(json_t *o, const char *dotted)
{
	char	 k[128], *p, *s;

	snprintf(k, sizeof(k), "%s", dotted);
	for (s = k; (p = strchr(s, '.')) != NULL; s = p + 1) {
		*p = '\0';
		o = json_object_get(o, s);
	}
	o = json_object_get(o, s);
	if (!json_is_integer(o))
		fail_msg("%s is no integer", dotted);
	return json_integer_value(o);
}

/* The figures, in the order of fig_names, are want. */
#define NFIG	8
static void
expect_figures(const long long want[NFIG])
{
	static const char *const fig_names[NFIG] = {
		"counts.received", "counts.rejected", "counts.valid",
		"counts.resolved", "rates.resolution.num",
		"rates.resolution.den", "counts.responded", "counts.open",
	};
	char	 k[64];
	json_t	*o = figures();
	int	 i;

	for (i = 0; i < NFIG; i++) {
		snprintf(k, sizeof(k), "total.%s", fig_names[i]);
		if (jint(o, k) != want[i])
			fail_msg("%s: %lld, want %lld", k, jint(o, k), want[i]);
	}
	json_decref(o);
}

/* The form: in a danger zone of its own, its note and confirmation
 * required; none without either; not by a grid worker, not a reason
 * staff may choose for 不予受理. */
static void
form_and_refusals(void **state)
{
	char		 c[128], g[128], csrf[65], gcsrf[65], path[64], *p;
	struct hresp	 r;

	(void)state;
	must_login(cs, c);
	csrf_of(c, csrf);
	snprintf(path, sizeof(path), "/staff/requests/%s", t[W_ACC]);
	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(p = strstr(r.body, "aria-labelledby=\"withdraw-h\""));
	assert_true(strstr(r.body, "class=\"danger-zone\" aria-labelledby="
	    "\"withdraw-h\"") != NULL);
	assert_non_null(p = strstr(p, "id=\"act-withdraw\""));
	assert_non_null(strstr(p, "name=\"confirm\" value=\"1\" required"));
	assert_non_null(strstr(p, "id=\"text-withdraw\" name=\"text\""));
	/* Not among the ordinary actions, nor a reason of 不予受理. */
	assert_true(strstr(r.body, "id=\"act-withdraw\"") == p);
	assert_null(strstr(r.body, "value=\"withdrawn\""));
	hresp_free(&r);
	/* Resolved or closed: no form. */
	snprintf(path, sizeof(path), "/staff/requests/%s", t[W_RES]);
	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_null(strstr(r.body, "id=\"act-withdraw\""));
	hresp_free(&r);
	/* No note, no confirmation: 400, nothing changes. */
	assert_int_equal(post(c, csrf, W_ACC, "action=withdraw&confirm=1"), 400);
	assert_int_equal(post(c, csrf, W_ACC, "action=withdraw&text=" NOTE),
	    400);
	assert_int_equal(post(c, csrf, W_ACC, "action=reject&reason=withdrawn&"
	    "text=x&confirm=1"), 400);
	/* A grid worker may not (as it may not reject). */
	must_login(gw, g);
	csrf_of(g, gcsrf);
	assert_int_equal(post(g, gcsrf, W_ACC, "action=withdraw&text=" NOTE
	    "&confirm=1"), 409);
	assert_int_equal(qint("SELECT state = 'accepted' AND version = 0 AND "
	    "reject_reason IS NULL FROM service_requests WHERE tracking_no = "
	    "'%s'", t[W_ACC]), 1);
	assert_int_equal(qint("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.action <> 'submit'", t[W_ACC]), 0);
}

/*
 * From submitted, accepted and assigned: rejected with reason withdrawn,
 * the note on a staff-only event, the message to the resident queued;
 * from resolved and closed: 409.  The figures before and after, counted
 * by hand: 7 received; before, 1 rejected (spam), 6 valid, 2 resolved
 * (resolution 2/6); after, 4 rejected, 3 valid, still 2 resolved (2/3),
 * and the accepted ones withdrawn no longer count as responded.
 */
static void
withdraw_and_figures(void **state)
{
	static const int ok[] = { W_SUB, W_ACC, W_ASG };
	/* received rejected valid resolved resolution (num, den) responded
	 * open, counted by hand */
	static const long long before[NFIG] = { 7, 1, 6, 2, 2, 6, 5, 4 };
	static const long long after[NFIG] = { 7, 4, 3, 2, 2, 3, 3, 1 };
	char		 c[128], csrf[65];
	size_t		 i;

	(void)state;
	/* Accepted 10 minutes after arrival, within 11 hours: responded. */
	expect_figures(before);

	must_login(cs, c);
	csrf_of(c, csrf);
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(post(c, csrf, ok[i], "action=withdraw&text="
		    NOTE "&confirm=1"), 303);
		assert_int_equal(qint("SELECT state = 'rejected' AND "
		    "reject_reason = 'withdrawn' AND rejected_at IS NOT NULL "
		    "AND resolved_at IS NULL FROM service_requests WHERE "
		    "tracking_no = '%s'", t[ok[i]]), 1);
		/* The event: withdraw, the note for staff only. */
		assert_int_equal(qint("SELECT COUNT(*) FROM request_events e "
		    "JOIN service_requests r ON r.id = e.request_id WHERE "
		    "r.tracking_no = '%s' AND e.action = 'withdraw' AND "
		    "e.to_state = 'rejected' AND NOT e.public AND e.body = "
		    "'" NOTE_TXT "'", t[ok[i]]), 1);
		/* One message to the resident, of its own kind. */
		assert_int_equal(qint("SELECT COUNT(*) FROM outbox o JOIN "
		    "service_requests r ON r.id = o.request_id WHERE "
		    "r.tracking_no = '%s' AND o.kind = 'withdrawn' AND o.text "
		    "LIKE CONCAT('您的诉求', r.tracking_no, "
		    "'已按您的要求撤回%%') AND o.phone = r.resident_phone",
		    t[ok[i]]), 1);
		assert_int_equal(qint("SELECT COUNT(*) FROM outbox o JOIN "
		    "service_requests r ON r.id = o.request_id WHERE "
		    "r.tracking_no = '%s'", t[ok[i]]), 1);
		/* Once: now it is withdrawn, again is a 409. */
		assert_int_equal(post(c, csrf, ok[i], "action=withdraw&text="
		    NOTE "&confirm=1"), 409);
	}
	/* Never after 办结. */
	assert_int_equal(post(c, csrf, W_RES, "action=withdraw&text=" NOTE
	    "&confirm=1"), 409);
	assert_int_equal(post(c, csrf, W_CLO, "action=withdraw&text=" NOTE
	    "&confirm=1"), 409);
	assert_int_equal(post(c, csrf, W_REJ, "action=withdraw&text=" NOTE
	    "&confirm=1"), 409);
	assert_int_equal(qint("SELECT COUNT(*) FROM service_requests WHERE "
	    "tracking_no IN ('%s', '%s') AND state IN ('resolved', 'closed') "
	    "AND reject_reason IS NULL", t[W_RES], t[W_CLO]), 2);

	expect_figures(after);
}

/* The resident reads 已撤回, never 未予受理, and not the staff's note;
 * Open311 says closed, with why. */
static void
resident_and_open311(void **state)
{
	char		 body[64], path[64], c[128], csrf[65], qbody[128], *p;
	struct hresp	 r;
	json_error_t	 e;
	json_t		*j, *o;

	(void)state;
	snprintf(body, sizeof(body), "tracking=%s&last4=%s", t[W_ASG],
	    last4[W_ASG]);
	assert_int_equal(http_post("/track", body, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "id=\"state\">已撤回（您已撤回此诉求）"
	    "</td>"));
	assert_non_null(p = strstr(r.body, "群众撤回了诉求"));
	assert_null(strstr(r.body, "未予受理"));
	assert_null(strstr(r.body, NOTE_TXT));
	hresp_free(&r);
	/* A request rejected by staff still reads 未予受理. */
	snprintf(body, sizeof(body), "tracking=%s&last4=%s", t[W_REJ],
	    last4[W_REJ]);
	assert_int_equal(http_post("/track", body, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "id=\"state\">未予受理</td>"));
	hresp_free(&r);
	/* Staff see it withdrawn, with the note on the timeline. */
	must_login(cs, c);
	snprintf(path, sizeof(path), "/staff/requests/%s", t[W_ASG]);
	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "已撤回（群众撤回，不计入有效量）"));
	assert_non_null(strstr(r.body, NOTE_TXT));
	hresp_free(&r);
	/* The queue's search finds it, 已撤回 on its card. */
	csrf_of(c, csrf);
	snprintf(qbody, sizeof(qbody), "csrf=%s&q=%s", csrf, t[W_ASG]);
	assert_int_equal(req(c, "POST", "/staff", qbody, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<span class=\"qstate\">已撤回"));
	hresp_free(&r);
	/* Open311: closed, with the public reason, never the note. */
	snprintf(path, sizeof(path), "/open311/v2/requests/%s.json", t[W_SUB]);
	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(j = json_loads(r.body, 0, &e));
	assert_int_equal(json_array_size(j), 1);
	o = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(o, "status")),
	    "closed");
	assert_string_equal(json_string_value(json_object_get(o,
	    "status_notes")), "群众撤回了诉求");
	assert_null(strstr(r.body, NOTE_TXT));
	json_decref(j);
	hresp_free(&r);
	/* The open one is still open. */
	snprintf(path, sizeof(path), "/open311/v2/requests/%s.json",
	    t[W_OPEN]);
	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "\"status\":\"open\""));
	hresp_free(&r);
}

/* In order: the refusals change nothing the figures count. */
static const struct CMUnitTest withdraw_tests[] = {
	cmocka_unit_test(form_and_refusals),
	cmocka_unit_test(withdraw_and_figures),
	cmocka_unit_test(resident_and_open311),
};

int
main(void)
{
	return cmocka_run_group_tests(withdraw_tests, setup, NULL);
}
