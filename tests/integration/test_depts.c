/*
 * Escalation that reaches someone (街乡吹哨、部门报到), issue 19 point 3,
 * through nginx: a community escalates a request; the street's queue lists
 * it before an overdue request of the community level, with the reason;
 * the street summons the 城管 of its street; the 城管 account sees it and
 * a department of another street cannot; it reports and answers; the
 * timelines show the steps by the department, never a person's name; the
 * audit has them; the figures count them (the expected numbers worked out
 * by hand from the fixture), a late report counted as not in time.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>

#include "config.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

#define REASON	"楼下商铺占道经营，需城管执法到场"	/* the escalation's */
#define SUMMONS_REASON	"请到场核查处置并反馈"	/* the summons', internal */

/* Direct SQL through a printf format. */
static char	 sqlbuf[1024];
#define SQLF(...)	(snprintf(sqlbuf, sizeof(sqlbuf), __VA_ARGS__), sqlbuf)
#define QINT(...)	testdb_int(SQLF(__VA_ARGS__))
#define EXEC(...)	assert_true(testdb_exec(SQLF(__VA_ARGS__)) >= 0)

/* A request at grid1's grid in state, received an hour ago and accepted
 * now (its response limit the category's, as the figures read it), resolve
 * due in days (negative: overdue), via SQL. */
static void
make_request(const char *state, int due_days, char t[9])
{
	testdb_tracking(t, 'D');
	EXEC("INSERT INTO service_requests (tracking_no, category_id, "
	    "district_id, street_id, community_id, grid_id, address, "
	    "description, resident_name, resident_phone, source, state, "
	    "accepted_at, received_at, response_due, resolve_due) "
	    "SELECT '%s', c.id, g.district_id, g.street_id, g.community_id, "
	    "g.id, '测试路8号', '测试用的诉求描述文字', '居民甲', '13800005678', "
	    "'web', '%s', UTC_TIMESTAMP(), UTC_TIMESTAMP() - INTERVAL 1 HOUR, "
	    "UTC_TIMESTAMP() - INTERVAL 1 HOUR + INTERVAL c.response_hours "
	    "HOUR, UTC_TIMESTAMP() + INTERVAL %d DAY FROM regions g JOIN "
	    "categories c ON c.id = (SELECT MIN(id) FROM categories) WHERE "
	    "g.id = (SELECT region_id FROM users WHERE username = 'grid1')", t,
	    state, due_days);
}

static long long
version_of(const char *t)
{
	return QINT("SELECT version FROM service_requests WHERE tracking_no = "
	    "'%s'", t);
}

static long long
unit_of(const char *user)
{
	return QINT("SELECT unit_id FROM users WHERE username = '%s'", user);
}

/* POST body to path as c; the status. */
static int
post(const char *c, const char *path, const char *fmt, ...)
{
	char	 body[1024];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	return status_of(c, "POST", path, body);
}

/* GET path as c into r, 200 or fail. */
static void
get_ok(const char *c, const char *path, struct hresp *r)
{
	assert_int_equal(req(c, "GET", path, NULL, r), 0);
	if (r->status != 200)
		fail_msg("%s: %d", path, r->status);
}

/* Summon unit u to t as street1 (cookie s, csrf); the status. */
static int
summon(const char *s, const char *csrf, const char *t, long long u)
{
	char	 path[64];

	snprintf(path, sizeof(path), "/staff/requests/%s/summons", t);
	return post(s, path, "csrf=%s&version=%lld&unit=%lld&reason=%s", csrf,
	    version_of(t), u, SUMMONS_REASON);
}

static long long
summons_of(const char *t, long long unit)
{
	return QINT("SELECT MAX(s.id) FROM summons s JOIN service_requests r "
	    "ON r.id = s.request_id WHERE r.tracking_no = '%s' AND s.unit_id "
	    "= %lld", t, unit);
}

/* The department's action on summons id as c; the status. */
static int
dept_act(const char *c, const char *csrf, long long id, const char *extra)
{
	char	 path[64];

	snprintf(path, sizeof(path), "/dept/summons/%lld", id);
	return post(c, path, "csrf=%s&%s", csrf, extra);
}

/* A department account's CSRF token, from its queue. */
static void
dept_csrf(const char *cookie, char csrf[65])
{
	struct hresp	 r;
	const char	*p;

	get_ok(cookie, "/dept", &r);
	assert_non_null(p = strstr(r.body, "name=\"csrf\" value=\""));
	memcpy(csrf, p + 19, 64);
	csrf[64] = '\0';
	hresp_free(&r);
}

static char	 T[9], L[9];	/* the request escalated; a late one */

/*
 * The queue of the street: the requests escalated to it first (with the
 * reason), before an overdue request still at the community, which the
 * order of before (overdue first) put on top.
 */
static void
escalation_first_in_street_queue(void **state)
{
	char		 c[128], ccsrf[65], s[128], path[64], late[9];
	struct hresp	 r;
	const char	*p, *row, *mine, *other;

	(void)state;
	make_request("accepted", 7, T);
	make_request("accepted", -3, late);	/* overdue, at the community */
	must_login("community1", c);
	csrf_of(c, ccsrf);
	snprintf(path, sizeof(path), "/staff/requests/%s", T);
	assert_int_equal(post(c, path, "csrf=%s&version=%lld&action=escalate&"
	    "text=%s", ccsrf, version_of(T), REASON), 303);
	assert_int_equal(QINT("SELECT level = 'street' FROM service_requests "
	    "WHERE tracking_no = '%s'", T), 1);
	must_login("street1", s);
	get_ok(s, "/staff", &r);
	snprintf(path, sizeof(path), "/staff/requests/%s\"", T);
	assert_non_null(mine = strstr(r.body, path));
	snprintf(path, sizeof(path), "/staff/requests/%s\"", late);
	other = strstr(r.body, path);
	/* Escalated first: T comes before the overdue community request
	 * (when that one is on the first page at all), and every row before
	 * T's is marked escalated too. */
	assert_true(other == NULL || mine < other);
	for (p = strstr(r.body, "<ol class=\"queue\">"); p != NULL &&
	    (row = strstr(p, "<li class=\"qcard")) != NULL && row < mine;
	    p = row + 3) {
		const char *end = strstr(row, "</li>");

		assert_non_null(end);
		if (end < mine && memmem(row, (size_t)(end - row),
		    "上报本级", strlen("上报本级")) == NULL)
			fail_msg("a row not escalated before the escalated one");
	}
	/* Its row carries the reason. */
	assert_non_null(row = strstr(mine, "上报本级"));
	assert_true(row < strstr(mine, "</li>"));
	assert_non_null(strstr(row, REASON));
	hresp_free(&r);
	EXEC("UPDATE service_requests SET state = 'rejected', reject_reason = "
	    "'duplicate', rejected_at = UTC_TIMESTAMP() WHERE tracking_no = "
	    "'%s'", late);
}

/* Who may summon: the street that handles it, only its own departments. */
static void
street_summons_its_department(void **state)
{
	char		 c[128], ccsrf[65], s[128], scsrf[65], path[64];
	struct hresp	 r;
	long long	 n0;

	(void)state;
	must_login("street1", s);
	csrf_of(s, scsrf);
	snprintf(path, sizeof(path), "/staff/requests/%s/summons", T);
	get_ok(s, path, &r);
	assert_non_null(strstr(r.body, "name=\"unit\""));
	assert_non_null(strstr(r.body, "城管执法中队"));
	hresp_free(&r);
	/* The request page links to it. */
	snprintf(path, sizeof(path), "/staff/requests/%s", T);
	get_ok(s, path, &r);
	assert_non_null(strstr(r.body, "/summons\""));
	hresp_free(&r);
	n0 = QINT("SELECT COUNT(*) FROM summons");
	/* A department of another street (dept3's), the district's
	 * (dept4's), none, no reason: refused, nothing stored. */
	assert_int_equal(summon(s, scsrf, T, unit_of("dept3")), 400);
	assert_int_equal(summon(s, scsrf, T, unit_of("dept4")), 400);
	snprintf(path, sizeof(path), "/staff/requests/%s/summons", T);
	assert_int_equal(post(s, path, "csrf=%s&version=%lld&reason=x", scsrf,
	    version_of(T)), 400);
	assert_int_equal(post(s, path, "csrf=%s&version=%lld&unit=%lld", scsrf,
	    version_of(T), unit_of("dept1")), 400);
	/* The community no longer handles it; a stale version neither. */
	must_login("community1", c);
	csrf_of(c, ccsrf);
	assert_int_equal(summon(c, ccsrf, T, unit_of("dept1")), 409);
	assert_int_equal(post(s, path, "csrf=%s&version=%lld&unit=%lld&"
	    "reason=x", scsrf, version_of(T) + 1, unit_of("dept1")), 409);
	assert_int_equal(QINT("SELECT COUNT(*) FROM summons"), n0);
	/* The street summons its 城管 and 市场监管. */
	snprintf(path, sizeof(path), "/staff/requests/%s/summons", T);
	assert_int_equal(post(s, path, "csrf=%s&version=%lld&unit=%lld&"
	    "unit=%lld&reason=%s", scsrf, version_of(T), unit_of("dept1"),
	    unit_of("dept2"), SUMMONS_REASON), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM summons"), n0 + 2);
	/* Its limits: the unit's, from the summons; the resolve limit in
	 * working days by the holiday calendar when the unit counts them
	 * (the default since migration 0019), calendar days otherwise. */
	assert_int_equal(testdb_workdays(), 0);
	assert_int_equal(QINT("SELECT COUNT(*) FROM summons s JOIN units u ON "
	    "u.id = s.unit_id WHERE s.id = %lld AND s.state = 'issued' AND "
	    "TIMESTAMPDIFF(HOUR, s.issued_at, s.response_due) = "
	    "u.response_hours AND s.resolve_due = IF(u.resolve_unit = "
	    "'workdays', " TESTDB_WORKDAY_DUE("s.issued_at", "u.resolve_days")
	    ", s.issued_at + INTERVAL u.resolve_days DAY)",
	    summons_of(T, unit_of("dept1"))), 1);
	assert_int_equal(QINT("SELECT resolve_unit = 'workdays' FROM units "
	    "WHERE id = %lld", unit_of("dept1")), 1);
}

/* The department sees only its own; reports and answers, once each. */
static void
department_reports_and_answers(void **state)
{
	char		 d[128], dcsrf[65], o[128], ocsrf[65], path[64];
	struct hresp	 r;
	long long	 id = summons_of(T, unit_of("dept1"));

	(void)state;
	assert_true(id > 0);
	must_login("dept1", d);
	dept_csrf(d, dcsrf);
	get_ok(d, "/dept", &r);
	snprintf(path, sizeof(path), "/dept/summons/%lld\"", id);
	assert_non_null(strstr(r.body, path));
	assert_non_null(strstr(r.body, T));
	/* No resident's name or phone on a department's pages. */
	assert_null(strstr(r.body, "居民甲"));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/dept/summons/%lld", id);
	get_ok(d, path, &r);
	assert_non_null(strstr(r.body, SUMMONS_REASON));
	assert_null(strstr(r.body, "13800005678"));
	hresp_free(&r);
	/* Not the staff pages, nor the request itself. */
	assert_int_equal(status_of(d, "GET", "/staff", NULL), 404);
	snprintf(path, sizeof(path), "/staff/requests/%s", T);
	assert_int_equal(status_of(d, "GET", path, NULL), 404);
	/* The 城管 of another street: not found, cannot act; nor a street
	 * official. */
	must_login("dept3", o);
	dept_csrf(o, ocsrf);
	snprintf(path, sizeof(path), "/dept/summons/%lld", id);
	assert_int_equal(status_of(o, "GET", path, NULL), 404);
	assert_int_equal(dept_act(o, ocsrf, id, "action=accept"), 404);
	get_ok(o, "/dept", &r);
	assert_null(strstr(r.body, T));
	hresp_free(&r);
	assert_int_equal(status_of(o, "GET", "/dept/summons/99999999", NULL),
	    404);
	/* Answer before reporting: the table forbids it. */
	assert_int_equal(dept_act(d, dcsrf, id, "action=answer&text=x"), 409);
	assert_int_equal(dept_act(d, dcsrf, id, "action=accept"), 303);
	assert_int_equal(dept_act(d, dcsrf, id, "action=accept"), 409);
	assert_int_equal(dept_act(d, dcsrf, id, "action=answer"), 400);
	assert_int_equal(dept_act(d, dcsrf, id, "action=answer&text="
	    "已到场劝离占道经营商户"), 303);
	assert_int_equal(QINT("SELECT state = 'answered' AND accepted_at <= "
	    "answered_at AND answer = '已到场劝离占道经营商户' FROM summons "
	    "WHERE id = %lld", id), 1);
	/* The request itself is unchanged by the summons: still the street's
	 * to resolve. */
	assert_int_equal(QINT("SELECT state = 'accepted' AND level = 'street' "
	    "FROM service_requests WHERE tracking_no = '%s'", T), 1);
}

/* Every step on the timelines (by the department, never a name) and in
 * the audit. */
static void
steps_on_timeline_and_audit(void **state)
{
	char		 s[128], body[64], path[64];
	struct hresp	 r;
	const char	*a, *b, *c;

	(void)state;
	snprintf(body, sizeof(body), "tracking=%s&last4=5678", T);
	assert_int_equal(http_post("/track", body, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(a = strstr(r.body, "已召集职能部门协同办理"));
	assert_non_null(b = strstr(r.body, "职能部门已报到"));
	assert_non_null(c = strstr(r.body, "职能部门已办结"));
	assert_true(a < b && b < c);
	assert_non_null(strstr(r.body, "城管执法中队（西兴街道）"));
	/* Names of the people who acted: the demo's street official and
	 * department staff. */
	assert_null(strstr(r.body, "周磊"));
	assert_null(strstr(r.body, "李慧"));
	/* Nor the summons' staff-internal reason or the answer. */
	assert_null(strstr(r.body, SUMMONS_REASON));
	assert_null(strstr(r.body, "占道经营商户"));
	hresp_free(&r);
	must_login("street1", s);
	snprintf(path, sizeof(path), "/staff/requests/%s", T);
	get_ok(s, path, &r);
	assert_non_null(strstr(r.body, "职能部门已报到"));
	assert_non_null(strstr(r.body, "已到场劝离占道经营商户"));
	hresp_free(&r);
	assert_int_equal(QINT("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.action IN ('summon', 'report', 'answer') AND e.public "
	    "AND e.from_state = 'accepted' AND e.to_state = 'accepted'", T), 3);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE object "
	    "LIKE '%s%%' AND action IN ('summon', 'report', 'answer')", T), 3);
}

/* The departments block of /api/stats for a street and one day. */
static json_t *
api_depts(const char *c, long long street, const char *day)
{
	char		 path[160];
	struct hresp	 r;
	json_t		*o, *d;

	snprintf(path, sizeof(path), "/api/stats?region=%lld&from=%s&to=%s",
	    street, day, day);
	get_ok(c, path, &r);
	assert_non_null(o = json_loads(r.body, 0, NULL));
	hresp_free(&r);
	assert_non_null(d = json_object_get(o, "departments"));
	json_incref(d);
	json_decref(o);
	return d;
}

static long long
jint(json_t *o, const char *path1, const char *path2)
{
	json_t	*x = json_object_get(o, path1);

	if (x != NULL && path2 != NULL)
		x = json_object_get(x, path2);
	assert_non_null(x);
	return json_is_null(x) ? -1 : (long long)json_integer_value(x);
}

/*
 * The figures: T's two summons and a second request L's summons of the
 * 城管, reported after its limit, all moved to 2025-06-16 (local), before
 * the demo's data.  By hand: 城管 issued 2, reported in time 1 (T's; L's
 * was late), answered 1 (T's, within its limit); 市场监管 issued 1,
 * nothing else.  Total 部门报到率 1/3, 部门按期办结率 1/1; 城管 1/2 and
 * 1/1; 市场监管 0/1 and "—" (no answered summons).
 */
static void
figures_count_it(void **state)
{
	char		 s[128], scsrf[65], d[128], dcsrf[65], path[200];
	struct hresp	 r;
	long long	 street, id, u1 = unit_of("dept1"), u2 = unit_of("dept2");
	json_t		*o, *rows, *x, *cg = NULL, *sj = NULL;
	size_t		 i;

	(void)state;
	street = QINT("SELECT region_id FROM users WHERE username = "
	    "'street1'");
	/* The day is empty of summons before (the demo's start lies later). */
	assert_int_equal(QINT("SELECT COUNT(*) FROM summons WHERE issued_at "
	    ">= '2025-06-15 16:00' AND issued_at < '2025-06-16 16:00'"), 0);
	/* L: escalated, summoned, its report comes after the limit. */
	make_request("accepted", 7, L);
	EXEC("UPDATE service_requests SET level = 'street', max_level = "
	    "'street' WHERE tracking_no = '%s'", L);
	must_login("street1", s);
	csrf_of(s, scsrf);
	assert_int_equal(summon(s, scsrf, L, u1), 303);
	id = summons_of(L, u1);
	EXEC("UPDATE summons SET issued_at = issued_at - INTERVAL 2 DAY, "
	    "response_due = response_due - INTERVAL 2 DAY, resolve_due = "
	    "resolve_due - INTERVAL 2 DAY WHERE id = %lld", id);
	must_login("dept1", d);
	dept_csrf(d, dcsrf);
	assert_int_equal(dept_act(d, dcsrf, id, "action=accept"), 303);
	assert_int_equal(QINT("SELECT accepted_at > response_due FROM summons "
	    "WHERE id = %lld", id), 1);
	/* All three summons to 2025-06-16 (UTC+8), keeping their spacing
	 * within the day: issued at 02:00 UTC. */
	EXEC("UPDATE summons s JOIN service_requests r ON r.id = s.request_id "
	    "SET s.response_due = s.response_due - INTERVAL TIMESTAMPDIFF("
	    "SECOND, '2025-06-16 02:00', s.issued_at) SECOND, "
	    "s.resolve_due = s.resolve_due - INTERVAL TIMESTAMPDIFF(SECOND, "
	    "'2025-06-16 02:00', s.issued_at) SECOND, s.accepted_at = "
	    "s.accepted_at - INTERVAL TIMESTAMPDIFF(SECOND, '2025-06-16 02:00', "
	    "s.issued_at) SECOND, s.answered_at = s.answered_at - INTERVAL "
	    "TIMESTAMPDIFF(SECOND, '2025-06-16 02:00', s.issued_at) SECOND, "
	    "s.issued_at = '2025-06-16 02:00' WHERE r.tracking_no IN ('%s', "
	    "'%s')", T, L);
	assert_int_equal(QINT("SELECT COUNT(*) FROM summons WHERE issued_at = "
	    "'2025-06-16 02:00'"), 3);
	testdb_settle();
	o = api_depts(s, street, "2025-06-16");
	x = json_object_get(o, "total");
	assert_int_equal(jint(x, "issued", NULL), 3);
	assert_int_equal(jint(x, "reported_in_time", NULL), 1);
	assert_int_equal(jint(x, "answered", NULL), 1);
	assert_int_equal(jint(x, "answered_on_time", NULL), 1);
	assert_int_equal(jint(x, "response_rate", "num"), 1);
	assert_int_equal(jint(x, "response_rate", "den"), 3);
	assert_int_equal(jint(x, "on_time_rate", "num"), 1);
	assert_int_equal(jint(x, "on_time_rate", "den"), 1);
	rows = json_object_get(o, "rows");
	assert_int_equal(json_array_size(rows), 2);
	for (i = 0; i < json_array_size(rows); i++) {
		x = json_array_get(rows, i);
		if (jint(x, "unit", NULL) == u1)
			cg = x;
		if (jint(x, "unit", NULL) == u2)
			sj = x;
	}
	assert_non_null(cg);
	assert_non_null(sj);
	assert_int_equal(jint(cg, "issued", NULL), 2);
	assert_int_equal(jint(cg, "reported_in_time", NULL), 1);
	assert_int_equal(jint(cg, "answered_on_time", NULL), 1);
	assert_int_equal(jint(sj, "issued", NULL), 1);
	assert_int_equal(jint(sj, "reported_in_time", NULL), 0);
	assert_int_equal(jint(sj, "on_time_rate", "den"), 0);
	assert_true(json_is_null(json_object_get(json_object_get(sj,
	    "on_time_rate"), "value")));
	json_decref(o);
	/* The day before: nothing. */
	o = api_depts(s, street, "2025-06-15");
	assert_int_equal(jint(json_object_get(o, "total"), "issued", NULL), 0);
	json_decref(o);
	/* The dashboard's table, with numerators and denominators. */
	snprintf(path, sizeof(path), "/dashboard?region=%lld&from=2025-06-16&"
	    "to=2025-06-16", street);
	get_ok(s, path, &r);
	assert_non_null(strstr(r.body, "部门报到率"));
	assert_non_null(strstr(r.body, "50.0%（1/2）"));
	assert_non_null(strstr(r.body, "33.3%（1/3）"));
	assert_non_null(strstr(r.body, "<td>—</td>"));
	hresp_free(&r);
}

static int
setup(void **state)
{
	struct config	 c;

	(void)state;
	return sodium_init() == -1 || testdb_config(&c) != 0 ? -1 : 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escalation_first_in_street_queue),
		cmocka_unit_test(street_summons_its_department),
		cmocka_unit_test(department_reports_and_answers),
		cmocka_unit_test(steps_on_timeline_and_audit),
		cmocka_unit_test(figures_count_it),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
