/*
 * The staff queue and request page of issue 19 through nginx: each
 * filter and its count (against figures known by construction and
 * independent SQL), the order, the warning at the configured share, the
 * search by tracking number or phone; the request page's assignee list
 * and phone link; a 409 and an expired session that keep typed text.
 *
 * A region tree of its own (a district, a street, a community with two
 * grids) holds every request the test makes, so the counts are exact.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "config.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

static struct config cfg;
static char	 code[16];		/* the tree's code prefix */
static int	 community, grid1, grid2, cat_a, cat_b;
static char	 cs[32], so[32], gw[32];	/* community, street, grid users */
static int	 cs_id, gw_id;
static char	 phone[12];		/* the phone of two requests */

enum { R_SLATE, R_SWARN, R_SFRESH, R_AWARN, R_AFRESH, R_MINE, R_ALATE,
    R_ESC, R_RES, R_REJ, R_A79, R_A81, R__MAX };
static char	 t[R__MAX][9];

#define qint testdb_intf

/* A user of the lianxin command, with the demo password. */
static int
user_add(const char *name, const char *role, const char *region)
{
	char	 cmd[512];
	FILE	*f;

	snprintf(cmd, sizeof(cmd), "%s user add %s %s %s '测试%s' "
	    ">/dev/null 2>&1", test_bin("lianxin"), name, role, region, role);
	if ((f = popen(cmd, "w")) == NULL)
		return -1;
	fputs(PW "\n", f);
	return pclose(f) == 0 ? 0 : -1;
}

/*
 * A request of the test's tree, its times in minutes from now (acc
 * NOACC: not accepted).
 */
#define NOACC	(-999999)
static void
mk(char tr[9], const char *state, const char *level, int grid, int cat,
    int recv, int resp, int resolve, int acc, int assignee, const char *ph)
{
	static const char a[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	char	 sql[2048], accs[64], asg[16], resps[192];
	size_t	 i;

	tr[0] = 'Q';
	for (i = 1; i < 8; i++)
		tr[i] = a[randombytes_uniform(sizeof(a) - 1)];
	tr[8] = '\0';
	if (acc == NOACC)
		snprintf(accs, sizeof(accs), "NULL");
	else
		snprintf(accs, sizeof(accs), "UTC_TIMESTAMP() + INTERVAL %d "
		    "MINUTE", acc);
	/*
	 * The response deadline as given while it counts (not accepted);
	 * once accepted, the category's, as the figures' tests expect
	 * (test_stats computes it from the category).
	 */
	if (acc == NOACC)
		snprintf(resps, sizeof(resps), "UTC_TIMESTAMP() + INTERVAL %d "
		    "MINUTE", resp);
	else
		snprintf(resps, sizeof(resps), "UTC_TIMESTAMP() + INTERVAL %d "
		    "MINUTE + INTERVAL (SELECT response_hours FROM categories "
		    "WHERE id = %d) HOUR", recv, cat);
	if (assignee)
		snprintf(asg, sizeof(asg), "%d", assignee);
	else
		snprintf(asg, sizeof(asg), "NULL");
	snprintf(sql, sizeof(sql), "INSERT INTO service_requests "
	    "(tracking_no, category_id, district_id, street_id, community_id, "
	    "grid_id, address, description, resident_name, resident_phone, "
	    "source, state, level, max_level, received_at, accepted_at, "
	    "response_due, resolve_due, assignee_user_id) "
	    "SELECT '%s', %d, district_id, street_id, community_id, id, "
	    "'队列路1号', '队列测试用的诉求描述', '测试', '%s', 'web', '%s', "
	    "'%s', '%s', UTC_TIMESTAMP() + INTERVAL %d MINUTE, %s, "
	    "%s, UTC_TIMESTAMP() + INTERVAL %d MINUTE, %s FROM regions "
	    "WHERE id = %d", tr, cat, ph ? ph : "13700000000", state, level,
	    level, recv, accs, resps, resolve, asg, grid);
	assert_int_equal(testdb_exec(sql), 1);
}

static int
setup(void **state)
{
	char	 cmd[512];
	FILE	*f;

	(void)state;
	if (sodium_init() == -1 || testdb_config(&cfg) != 0)
		return -1;
	snprintf(code, sizeof(code), "Q%u", randombytes_uniform(1000000));
	snprintf(cmd, sizeof(cmd), "%s import regions - >/dev/null",
	    test_bin("lianxin"));
	if ((f = popen(cmd, "w")) == NULL)
		return -1;
	fprintf(f, "code,name,level,parent_code\n%1$s-d,队列区,1,\n"
	    "%1$s-s,队列街道,2,%1$s-d\n%1$s-c,队列社区,3,%1$s-s\n"
	    "%1$s-g1,队列一网格,4,%1$s-c\n%1$s-g2,队列二网格,4,%1$s-c\n",
	    code);
	if (pclose(f) != 0)
		return -1;
	community = (int)qint("SELECT id FROM regions WHERE code = '%s-c'",
	    code);
	grid1 = (int)qint("SELECT id FROM regions WHERE code = '%s-g1'", code);
	grid2 = (int)qint("SELECT id FROM regions WHERE code = '%s-g2'", code);
	cat_a = (int)qint("SELECT MIN(id) FROM categories WHERE active");
	cat_b = (int)qint("SELECT MAX(id) FROM categories WHERE active");
	/* Usernames are lower case. */
	snprintf(cs, sizeof(cs), "q%s_cs", code + 1);
	snprintf(so, sizeof(so), "q%s_so", code + 1);
	snprintf(gw, sizeof(gw), "q%s_gw", code + 1);
	snprintf(cmd, sizeof(cmd), "%s-c", code);
	if (user_add(cs, "community_staff", cmd) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s-s", code);
	if (user_add(so, "street_official", cmd) != 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s-g1", code);
	if (user_add(gw, "grid_worker", cmd) != 0)
		return -1;
	cs_id = (int)qint("SELECT id FROM users WHERE username = '%s'", cs);
	gw_id = (int)qint("SELECT id FROM users WHERE username = '%s'", gw);
	snprintf(phone, sizeof(phone), "139%08u",
	    randombytes_uniform(100000000));
	if (community <= 0 || grid2 <= 0 || cat_a <= 0 || cat_a == cat_b ||
	    cs_id <= 0 || gw_id <= 0)
		return -1;

	/* Received 10 h ago, due 1 h ago, not accepted: overdue. */
	mk(t[R_SLATE], "submitted", "community", grid1, cat_a, -600, -60,
	    10000, NOACC, 0, NULL);
	/* 9 h of a 10.5 h response limit gone (86%): warned. */
	mk(t[R_SWARN], "submitted", "community", grid1, cat_b, -540, 90,
	    10000, NOACC, 0, NULL);
	/* 1 h of 10 h: nothing; the phone of the search. */
	mk(t[R_SFRESH], "submitted", "community", grid2, cat_a, -60, 540,
	    10000, NOACC, 0, phone);
	/* Accepted: 9000 of 10000 minutes of the resolve limit gone. */
	mk(t[R_AWARN], "accepted", "community", grid1, cat_a, -20000, -19000,
	    1000, -9000, 0, NULL);
	mk(t[R_AFRESH], "accepted", "community", grid2, cat_b, -200, -100,
	    9900, -100, 0, NULL);
	/* Assigned to the community user ... */
	mk(t[R_MINE], "assigned", "community", grid1, cat_a, -200, -100,
	    9900, -100, cs_id, NULL);
	/* ... and to the grid worker, an hour past its resolve deadline. */
	mk(t[R_ALATE], "assigned", "community", grid2, cat_a, -20000, -19000,
	    -60, -9000, gw_id, NULL);
	/* Escalated to the street. */
	mk(t[R_ESC], "accepted", "street", grid1, cat_b, -200, -100, 5000,
	    -100, 0, NULL);
	/* Not open: never counted, never marked. */
	mk(t[R_RES], "resolved", "community", grid1, cat_a, -20000, -19000,
	    -60, -9000, 0, NULL);
	mk(t[R_REJ], "rejected", "community", grid2, cat_b, -200, -100, 9900,
	    NOACC, 0, phone);
	/* Either side of the warning share (80% in the test stack). */
	mk(t[R_A79], "accepted", "community", grid2, cat_a, -2000, -1900,
	    (100 - cfg.warn_share + 1) * 10, -(cfg.warn_share - 1) * 10, 0,
	    NULL);
	mk(t[R_A81], "accepted", "community", grid2, cat_a, -2000, -1900,
	    (100 - cfg.warn_share - 1) * 10, -(cfg.warn_share + 1) * 10, 0,
	    NULL);
	return 0;
}

/* How many cards a queue page shows. */
static int
ncards(const char *body)
{
	int	 n = 0;

	while ((body = strstr(body, "<li class=\"qcard")) != NULL) {
		n++;
		body++;
	}
	return n;
}

/* The number after the first label + "<b>" (a quick filter's count). */
static long long
chip(const char *body, const char *label)
{
	char		 k[128];
	const char	*p;

	snprintf(k, sizeof(k), "%s <b>", label);
	assert_non_null(p = strstr(body, k));
	return strtoll(p + strlen(k), NULL, 10);
}

/* The number in "（n）" after the first text (a select option's count). */
static long long
option(const char *body, const char *text)
{
	const char	*p;

	assert_non_null(p = strstr(body, text));
	assert_non_null(p = strstr(p, "（"));
	return strtoll(p + strlen("（"), NULL, 10);
}

/* The card of tracking number tr in body, as its own string. */
static char *
card(const char *body, const char *tr)
{
	const char	*p, *e, *s;
	char		 k[64];

	snprintf(k, sizeof(k), "href=\"/staff/requests/%s\"", tr);
	if ((p = strstr(body, k)) == NULL)
		return NULL;
	for (s = p; s > body && strncmp(s, "<li", 3) != 0; s--)
		;
	assert_non_null(e = strstr(p, "</li>"));
	return strndup(s, (size_t)(e - s));
}

static void
get(const char *c, const char *path, struct hresp *r)
{
	assert_int_equal(req(c, "GET", path, NULL, r), 0);
	assert_int_equal(r->status, 200);
}

/* Each filter finds what it says, and its count says how many. */
static void
filters_and_counts(void **state)
{
	static const struct {
		const char	*query;
		int		 community, street;	/* cards for each */
	} f[] = {
		{ "", 10, 10 },
		{ "?mine=1", 1, 0 },
		{ "?overdue=1", 2, 2 },
		{ "?warned=1", 3, 3 },
		{ "?state=submitted", 3, 3 },
		{ "?state=accepted", 5, 5 },
		{ "?state=assigned", 2, 2 },
		{ "?state=resolved", 1, 1 },
		{ "?escalated=1", 0, 1 },
		{ "?overdue=1&state=assigned", 1, 1 },
	};
	char		 c[128], s[128], path[128];
	struct hresp	 r;
	size_t		 i;

	(void)state;
	must_login(cs, c);
	must_login(so, s);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		snprintf(path, sizeof(path), "/staff%s", f[i].query);
		get(c, path, &r);
		assert_int_equal(ncards(r.body), f[i].community);
		hresp_free(&r);
		get(s, path, &r);
		assert_int_equal(ncards(r.body), f[i].street);
		hresp_free(&r);
	}
	snprintf(path, sizeof(path), "/staff?grid=%d", grid2);
	get(c, path, &r);
	assert_int_equal(ncards(r.body), 5);
	hresp_free(&r);
	snprintf(path, sizeof(path), "/staff?category=%d", cat_b);
	get(c, path, &r);
	assert_int_equal(ncards(r.body), 3);
	hresp_free(&r);

	/* The counts, by construction and by SQL of the test's own. */
	get(c, "/staff", &r);
	assert_int_equal(chip(r.body, "全部待办"), 10);
	assert_int_equal(chip(r.body, "全部待办"), qint("SELECT COUNT(*) FROM "
	    "service_requests WHERE community_id = %d AND state NOT IN "
	    "('resolved', 'closed', 'rejected')", community));
	assert_int_equal(chip(r.body, "分派给我"), 1);
	assert_int_equal(chip(r.body, "分派给我"), qint("SELECT COUNT(*) FROM "
	    "service_requests WHERE community_id = %d AND assignee_user_id = %d "
	    "AND state IN ('accepted', 'assigned')", community, cs_id));
	assert_int_equal(chip(r.body, "已超期"), 2);
	assert_int_equal(chip(r.body, "已超期"), qint("SELECT COUNT(*) FROM "
	    "service_requests WHERE community_id = %d AND ((state = "
	    "'submitted' AND response_due < UTC_TIMESTAMP()) OR (state IN "
	    "('accepted', 'assigned') AND resolve_due < UTC_TIMESTAMP()))",
	    community));
	assert_int_equal(chip(r.body, "预警"), 3);
	assert_int_equal(chip(r.body, "预警"), qint("SELECT COUNT(*) FROM "
	    "service_requests WHERE community_id = %d AND state = 'submitted' "
	    "AND response_due > UTC_TIMESTAMP() AND UNIX_TIMESTAMP("
	    "UTC_TIMESTAMP()) - UNIX_TIMESTAMP(received_at) >= %d / 100 * "
	    "(UNIX_TIMESTAMP(response_due) - UNIX_TIMESTAMP(received_at))",
	    community, cfg.warn_share) + qint("SELECT COUNT(*) FROM "
	    "service_requests WHERE community_id = %d AND state IN ('accepted',"
	    " 'assigned') AND resolve_due > UTC_TIMESTAMP() AND "
	    "UNIX_TIMESTAMP(UTC_TIMESTAMP()) - UNIX_TIMESTAMP(accepted_at) >= "
	    "%d / 100 * (UNIX_TIMESTAMP(resolve_due) - UNIX_TIMESTAMP("
	    "accepted_at))", community, cfg.warn_share));
	/* No "escalated to my level" for the community: it is the lowest. */
	assert_null(strstr(r.body, "升级到本级"));
	assert_int_equal(option(r.body, ">待受理"), 3);
	assert_int_equal(option(r.body, ">已受理"), 5);
	assert_int_equal(option(r.body, ">办理中"), 2);
	assert_int_equal(option(r.body, ">队列一网格"), 5);
	assert_int_equal(option(r.body, ">队列二网格"), 5);
	assert_int_equal(option(r.body, ">队列二网格"), qint("SELECT COUNT(*) "
	    "FROM service_requests WHERE grid_id = %d AND state IN "
	    "('submitted', 'accepted', 'assigned')", grid2));
	hresp_free(&r);
	get(s, "/staff", &r);
	assert_int_equal(chip(r.body, "升级到本级"), 1);
	assert_int_equal(chip(r.body, "分派给我"), 0);
	assert_int_equal(chip(r.body, "全部待办"), 10);
	hresp_free(&r);
	/* A grid worker: the grid's own, and the filters' bounds. */
	must_login(gw, c);
	get(c, "/staff", &r);
	assert_int_equal(ncards(r.body), 5);
	assert_int_equal(chip(r.body, "全部待办"), 5);
	hresp_free(&r);
	get(c, "/staff?mine=1", &r);
	assert_int_equal(ncards(r.body), 0);	/* R_ALATE is in grid 2 */
	hresp_free(&r);
	assert_int_equal(status_of(c, "GET", "/staff?warned=2", NULL), 400);
	assert_int_equal(status_of(c, "GET", "/staff?mine=x", NULL), 400);
}

/* user's queue holds the requests of want[10] in this order. */
static void
queue_in_order(const char *user, const int want[10])
{
	char		 c[128];
	struct hresp	 r;
	const char	*prev, *p;
	size_t		 i;

	must_login(user, c);
	get(c, "/staff", &r);
	for (prev = r.body, i = 0; i < 10; i++) {
		assert_non_null(p = strstr(r.body, t[want[i]]));
		assert_true(p >= prev);
		prev = p;
	}
	hresp_free(&r);
}

/*
 * The order: escalated to the reader's level first, then the not yet
 * accepted by their response deadline, then the rest by their resolve
 * deadline.
 */
static void
order(void **state)
{
	static const int street[] = { R_ESC, R_SLATE, R_SWARN, R_SFRESH,
	    R_ALATE, R_A81, R_A79, R_AWARN, R_AFRESH, R_MINE };
	static const int comm[] = { R_SLATE, R_SWARN, R_SFRESH, R_ALATE,
	    R_A81, R_A79, R_AWARN, R_ESC, R_AFRESH, R_MINE };

	(void)state;
	queue_in_order(so, street);
	queue_in_order(cs, comm);
}

/* 预警 from the configured share on, 超期 past the deadline: in words;
 * the assignee and the time left on each card. */
static void
marks(void **state)
{
	/* A card: what it says, what it does not. */
	static const struct {
		int		 req;
		const char	*has[2], *lacks[2];
	} m[] = {
		{ R_A81, { "⚠ 预警", NULL }, { NULL, NULL } },
		{ R_A79, { NULL, NULL }, { "预警", "超期" } },
		{ R_SWARN, { "⚠ 预警", "受理期限 剩余 1 小时" }, { NULL, NULL } },
		{ R_SLATE, { ">超期</strong>", "超期 1 小时" }, { "预警", NULL } },
		{ R_ALATE, { "办结期限 超期 1 小时", "承办：测试grid_worker" },
		    { NULL, NULL } },
		{ R_AFRESH, { "剩余 6 天", "承办：未派单" }, { "预警", NULL } },
	};
	char		 c[128], *k;
	struct hresp	 r;
	size_t		 i, j;

	(void)state;
	must_login(cs, c);
	get(c, "/staff", &r);
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		assert_non_null(k = card(r.body, t[m[i].req]));
		for (j = 0; j < 2; j++) {
			if (m[i].has[j] != NULL)
				assert_non_null(strstr(k, m[i].has[j]));
			if (m[i].lacks[j] != NULL)
				assert_null(strstr(k, m[i].lacks[j]));
		}
		free(k);
	}
	hresp_free(&r);
	get(c, "/staff?state=resolved", &r);
	assert_non_null(k = card(r.body, t[R_RES]));
	assert_null(strstr(k, "超期"));
	free(k);
	hresp_free(&r);
}

/* Search by tracking number or phone, as typed; a POST, in scope. */
static void
search(void **state)
{
	char		 c[128], csrf[65], body[512], q[64], enc[192], lower[9];
	struct hresp	 r;
	size_t		 i;

	(void)state;
	must_login(cs, c);
	csrf_of(c, csrf);
	for (i = 0; i < 8; i++)
		lower[i] = t[R_RES][i] >= 'A' && t[R_RES][i] <= 'Z' ?
		    t[R_RES][i] - 'A' + 'a' : t[R_RES][i];
	lower[8] = '\0';
	snprintf(q, sizeof(q), " %.4s %s", lower, lower + 4);
	http_enc(enc, sizeof(enc), q);
	snprintf(body, sizeof(body), "csrf=%s&q=%s", csrf, enc);
	assert_int_equal(req(c, "POST", "/staff", body, &r), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(ncards(r.body), 1);	/* a resolved one too */
	assert_non_null(strstr(r.body, t[R_RES]));
	hresp_free(&r);
	/* A phone as people write it: both of its requests, closed too. */
	snprintf(q, sizeof(q), "+86 %.3s-%.4s %.4s", phone, phone + 3,
	    phone + 7);
	http_enc(enc, sizeof(enc), q);
	snprintf(body, sizeof(body), "csrf=%s&q=%s", csrf, enc);
	assert_int_equal(req(c, "POST", "/staff", body, &r), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(ncards(r.body), 2);
	assert_non_null(strstr(r.body, t[R_SFRESH]));
	assert_non_null(strstr(r.body, t[R_REJ]));
	hresp_free(&r);
	/* Neither: 400 with the form; no CSRF token: 403. */
	snprintf(body, sizeof(body), "csrf=%s&q=hello", csrf);
	assert_int_equal(status_of(c, "POST", "/staff", body), 400);
	snprintf(body, sizeof(body), "q=%s", phone);
	assert_int_equal(status_of(c, "POST", "/staff", body), 403);
	/* The grid worker of grid 1 does not find grid 2's. */
	must_login(gw, c);
	csrf_of(c, csrf);
	snprintf(body, sizeof(body), "csrf=%s&q=%s", csrf, phone);
	assert_int_equal(req(c, "POST", "/staff", body, &r), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(ncards(r.body), 0);
	hresp_free(&r);
}

/* The request page: a tel: link; assignees by name, role and place,
 * none chosen; 不予受理 apart, with its confirmation. */
static void
request_page(void **state)
{
	char		 c[128], path[64], sel[64], *p, *e, opt[128];
	struct hresp	 r;

	(void)state;
	must_login(cs, c);
	snprintf(path, sizeof(path), "/staff/requests/%s", t[R_AFRESH]);
	get(c, path, &r);
	snprintf(opt, sizeof(opt), "href=\"tel:13700000000\"");
	assert_non_null(strstr(r.body, opt));
	snprintf(sel, sizeof(sel), "id=\"assignee-%s\"", t[R_AFRESH]);
	assert_non_null(p = strstr(r.body, sel));
	assert_non_null(e = strstr(p, "</select>"));
	*e = '\0';
	assert_null(strstr(p, "selected"));
	assert_non_null(strstr(p, "<option value=\"\">请选择"));
	snprintf(opt, sizeof(opt), "<option value=\"u%d\">测试grid_worker · "
	    "网格员 · 队列一网格</option>", gw_id);
	assert_non_null(strstr(p, opt));
	*e = '<';
	hresp_free(&r);
	snprintf(path, sizeof(path), "/staff/requests/%s", t[R_SFRESH]);
	get(c, path, &r);
	/* The rejection after the other actions, in its own section. */
	assert_non_null(p = strstr(r.body, "class=\"danger-zone\""));
	assert_non_null(strstr(p, "name=\"confirm\" value=\"1\" required"));
	assert_non_null(strstr(p, "button danger"));
	assert_null(strstr(p, "id=\"act-accept\""));
	assert_non_null(e = strstr(r.body, "id=\"act-accept\""));
	assert_true(e < p);
	hresp_free(&r);
}

/* A note of the kind 回访: its event and its label on the timeline. */
static void
followup_note(void **state)
{
	char		 c[128], csrf[65], body[512], path[64];
	struct hresp	 r;

	(void)state;
	must_login(cs, c);
	csrf_of(c, csrf);
	snprintf(path, sizeof(path), "/staff/requests/%s", t[R_MINE]);
	snprintf(body, sizeof(body), "csrf=%s&version=%lld&action=note&"
	    "kind=followup&text=%%E5%%B7%%B2%%E5%%9B%%9E%%E8%%AE%%BF", csrf,
	    qint("SELECT version FROM service_requests WHERE tracking_no = "
	    "'%s'", t[R_MINE]));
	assert_int_equal(status_of(c, "POST", path, body), 303);
	assert_int_equal(qint("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.action = 'note' AND e.note_kind = 'followup' AND "
	    "e.body = '已回访'", t[R_MINE]), 1);
	get(c, path, &r);
	assert_non_null(strstr(r.body, "回访记录 · 测试community_staff"));
	hresp_free(&r);
	snprintf(body, sizeof(body), "csrf=%s&version=0&action=note&"
	    "kind=bogus&text=x", csrf);
	assert_int_equal(status_of(c, "POST", path, body), 400);
}

/* TYPED_TXT form-encoded (a %s argument: it holds '%'). */
#define TYPED	"%E5%B1%85%E6%B0%91%E8%AF%B4%E6%B0%B4%E7%AE%A1%E5%B7%B2%E4" \
		"%BF%AE%E5%A5%BD-typed-42"
#define TYPED_TXT "居民说水管已修好-typed-42"

/* Logged in as the community's staff: cookie, CSRF token, the path of
 * request which; its version. */
static long long
as_community(int which, char c[128], char csrf[65], char path[64])
{
	must_login(cs, c);
	csrf_of(c, csrf);
	snprintf(path, 64, "/staff/requests/%s", t[which]);
	return qint("SELECT version FROM service_requests WHERE tracking_no = "
	    "'%s'", t[which]);
}

/* A 409: the request as it is now, the typed text in its form. */
static void
conflict_keeps_text(void **state)
{
	char		 c[128], csrf[65], body[512], path[64], *p;
	struct hresp	 r;
	long long	 v;

	(void)state;
	v = as_community(R_AWARN, c, csrf, path);
	/* Somebody else resolves it first ... */
	assert_int_equal(qint("SELECT COUNT(*) FROM service_requests WHERE "
	    "tracking_no = '%s'", t[R_AWARN]), 1);
	snprintf(body, sizeof(body), "UPDATE service_requests SET state = "
	    "'resolved', resolved_at = UTC_TIMESTAMP(), resolution = 'x', "
	    "version = version + 1 WHERE tracking_no = '%s'", t[R_AWARN]);
	assert_int_equal(testdb_exec(body), 1);
	/* ... and this one's note, typed on the old page, is a 409. */
	snprintf(body, sizeof(body), "csrf=%s&version=%lld&action=note&"
	    "kind=followup&public=1&text=%s", csrf, v, TYPED);
	assert_int_equal(req(c, "POST", path, body, &r), 0);
	assert_int_equal(r.status, 409);
	assert_non_null(strstr(r.body, "已办结"));	/* as it is now */
	assert_non_null(p = strstr(r.body, "id=\"act-note\""));
	assert_non_null(p = strstr(p, "<textarea"));
	assert_non_null(strstr(p, ">" TYPED_TXT "</textarea>"));
	assert_non_null(strstr(r.body, "value=\"followup\" selected"));
	assert_non_null(strstr(r.body, "name=\"public\" value=\"1\" checked"));
	hresp_free(&r);
	assert_int_equal(qint("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.action = 'note'", t[R_AWARN]), 0);
	/* A resolution for an action no longer there: kept in view. */
	snprintf(body, sizeof(body), "csrf=%s&version=%lld&action=resolve&"
	    "text=%s", csrf, v, TYPED);
	assert_int_equal(req(c, "POST", path, body, &r), 0);
	assert_int_equal(r.status, 409);
	assert_non_null(p = strstr(r.body, "您填写的内容"));
	assert_non_null(strstr(p, TYPED_TXT "</textarea>"));
	hresp_free(&r);
}

/* Log in from a fresh address with next; the Location of the answer. */
static void
login_next(const char *user, const char *next, char cookie[128])
{
	struct hresp	 r;
	char		 pre[80], hdr[256], body[512], src[24], enc[128];
	const char	*k;

	snprintf(src, sizeof(src), "127.3.%u.%u", randombytes_uniform(250),
	    1 + randombytes_uniform(250));
	httpc_source = src;
	http_enc(enc, sizeof(enc), next);
	snprintf(body, sizeof(body), "/login?next=%s", enc);
	assert_int_equal(http_get(body, &r), 0);
	assert_int_equal(r.status, 200);
	snprintf(hdr, sizeof(hdr), "value=\"%s\"", next);
	assert_non_null(strstr(r.body, hdr));
	assert_non_null(k = hresp_cookie(&r, "lx_pre"));
	snprintf(pre, sizeof(pre), "%s", k);
	hresp_free(&r);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_pre=%s\r\n", pre);
	httpc_headers = hdr;
	snprintf(body, sizeof(body), "csrf=%s&username=%s&password=%s&next=%s",
	    pre, user, PW, enc);
	assert_int_equal(http_post("/login", body, &r), 0);
	httpc_headers = NULL;
	httpc_source = NULL;
	assert_int_equal(r.status, 303);
	assert_string_equal(hresp_header(&r, "Location"), next);
	assert_non_null(k = hresp_cookie(&r, "lx_session"));
	snprintf(cookie, 128, "%s", k);
	hresp_free(&r);
}

/*
 * A session that ends while a form is being filled: the POST keeps the
 * draft (in the database, under a random cookie: no URL holds it), the
 * login comes back to the request, and the form is filled again.
 */
static void
expired_session_keeps_draft(void **state)
{
	char		 c[128], csrf[65], body[512], path[64], next[128];
	char		 draft[80], hdr[320], *p;
	const char	*loc, *k;
	struct hresp	 r;
	long long	 v;

	(void)state;
	v = as_community(R_AFRESH, c, csrf, path);
	/* The session ends (as after idle_minutes) ... */
	snprintf(body, sizeof(body), "DELETE FROM sessions WHERE user_id = %d",
	    cs_id);
	assert_true(testdb_exec(body) >= 1);
	testdb_settle();
	/* ... and the resolution typed meanwhile is posted. */
	snprintf(body, sizeof(body), "csrf=%s&version=%lld&action=resolve&"
	    "text=%s", csrf, v, TYPED);
	assert_int_equal(req(c, "POST", path, body, &r), 0);
	assert_int_equal(r.status, 303);
	assert_non_null(loc = hresp_header(&r, "Location"));
	snprintf(next, sizeof(next), "/login?next=%s", path);
	assert_string_equal(loc, next);
	assert_null(strstr(r.head, "typed"));
	assert_non_null(k = hresp_cookie(&r, "lx_draft"));
	assert_int_equal(strlen(k), 64);
	snprintf(draft, sizeof(draft), "%s", k);
	hresp_free(&r);
	assert_int_equal(qint("SELECT state = 'accepted' AND version = %lld "
	    "FROM service_requests WHERE tracking_no = '%s'", v, t[R_AFRESH]),
	    1);
	/* The login returns to the request ... */
	login_next(cs, path, c);
	/* ... whose resolve form holds the text again, once. */
	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s; lx_draft=%s\r\n",
	    c, draft);
	httpc_headers = hdr;
	assert_int_equal(http_get(path, &r), 0);
	httpc_headers = NULL;
	assert_int_equal(r.status, 200);
	assert_non_null(p = strstr(r.body, "id=\"act-resolve\""));
	assert_non_null(p = strstr(p, "<textarea"));
	assert_non_null(strstr(p, ">" TYPED_TXT "</textarea>"));
	assert_non_null(strstr(r.head, "lx_draft=; "));	/* cleared */
	hresp_free(&r);
	httpc_headers = hdr;
	assert_int_equal(http_get(path, &r), 0);
	httpc_headers = NULL;
	assert_null(strstr(r.body, TYPED_TXT));
	hresp_free(&r);
	/* Nothing saved on the way; another's cookie finds nothing. */
	assert_int_equal(qint("SELECT state = 'accepted' FROM "
	    "service_requests WHERE tracking_no = '%s'", t[R_AFRESH]), 1);
	assert_int_equal(qint("SELECT COUNT(*) FROM staff_drafts WHERE "
	    "tracking_no = '%s'", t[R_AFRESH]), 0);
	/* A form of an earlier session (its token stale, the session now
	 * a new one): kept too, and back to the request at once. */
	snprintf(body, sizeof(body), "csrf=%s&version=%lld&action=note&"
	    "text=%s", csrf, v, TYPED);
	assert_int_equal(req(c, "POST", path, body, &r), 0);
	assert_int_equal(r.status, 303);
	assert_string_equal(hresp_header(&r, "Location"), path);
	assert_non_null(k = hresp_cookie(&r, "lx_draft"));
	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s; lx_draft=%s\r\n",
	    c, k);
	hresp_free(&r);
	httpc_headers = hdr;
	assert_int_equal(http_get(path, &r), 0);
	httpc_headers = NULL;
	assert_non_null(p = strstr(r.body, "id=\"act-note\""));
	assert_non_null(strstr(p, ">" TYPED_TXT "</textarea>"));
	hresp_free(&r);
	assert_int_equal(qint("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.action = 'note'", t[R_AFRESH]), 0);
}

/*
 * Activities one at a time (issue 19, point 6): the list newest first,
 * paginated, with counts; an activity's page finds members by name or
 * phone (a POST) and takes a pasted list of phones, reporting the lines
 * it did not record.
 */
static void
activities(void **state)
{
	char		 c[128], csrf[65], body[1024], path[96], sql[512];
	char		 p1[12], p2[12], p3[12], enc[512], lines[256];
	struct hresp	 r;
	const char	*a, *b;
	int		 i, act, old;

	(void)state;
	snprintf(p1, sizeof(p1), "135%08u", randombytes_uniform(100000000));
	snprintf(p2, sizeof(p2), "136%08u", randombytes_uniform(100000000));
	snprintf(p3, sizeof(p3), "158%08u", randombytes_uniform(100000000));
	/* Two reported members and one whose report has lapsed. */
	snprintf(sql, sizeof(sql), "INSERT INTO party_members (community_id, "
	    "name, phone, type, reported_at, report_expires_at) VALUES "
	    "(%d, '欧阳队列', '%s', 'in_service', UTC_TIMESTAMP(), "
	    "UTC_TIMESTAMP() + INTERVAL 30 DAY), (%d, '司马队列', '%s', "
	    "'retired', UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 30 DAY), "
	    "(%d, '诸葛过期', '%s', 'retired', UTC_TIMESTAMP() - INTERVAL 400 "
	    "DAY, UTC_TIMESTAMP() - INTERVAL 1 DAY)", community, p1,
	    community, p2, community, p3);
	assert_int_equal(testdb_exec(sql), 3);
	/* 21 activities: the oldest on page 2; the newest first. */
	for (i = 0; i < 21; i++) {
		snprintf(sql, sizeof(sql), "INSERT INTO activities (community_id,"
		    " title, kind, held_on, hours) VALUES (%d, '队列活动%02d', "
		    "'volunteer', CURRENT_DATE - INTERVAL %d DAY, 2.5)",
		    community, i, 30 - i);
		assert_int_equal(testdb_exec(sql), 1);
	}
	act = (int)qint("SELECT MAX(id) FROM activities WHERE community_id = "
	    "%d", community);
	old = (int)qint("SELECT MIN(id) FROM activities WHERE community_id = "
	    "%d", community);
	must_login(cs, c);
	csrf_of(c, csrf);
	snprintf(path, sizeof(path), "/staff/members/%d/activities", community);
	get(c, path, &r);
	assert_non_null(a = strstr(r.body, "队列活动20"));
	assert_non_null(b = strstr(r.body, "队列活动19"));
	assert_true(a < b);
	assert_null(strstr(r.body, "队列活动00"));
	assert_non_null(strstr(r.body, "下一页"));
	assert_null(strstr(r.body, "type=\"checkbox\""));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/staff/members/%d/activities?page=2",
	    community);
	get(c, path, &r);
	assert_non_null(strstr(r.body, "队列活动00"));
	snprintf(sql, sizeof(sql), "activity=%d\"", old);
	assert_non_null(strstr(r.body, sql));
	hresp_free(&r);

	/* Find by a part of a name: both reported 队列, not the lapsed;
	 * by phone, as written: the one. */
	snprintf(path, sizeof(path), "/staff/members/%d", community);
	snprintf(lines, sizeof(lines), "%.3s %.4s %.4s", p2, p2 + 3, p2 + 7);
	for (i = 0; i < 2; i++) {
		http_enc(enc, sizeof(enc), i == 0 ? "队列" : lines);
		snprintf(body, sizeof(body), "csrf=%s&action=find&"
		    "activity=%d&q=%s", csrf, act, enc);
		assert_int_equal(req(c, "POST", path, body, &r), 0);
		assert_int_equal(r.status, 200);
		assert_non_null(strstr(r.body, "司马队列"));
		assert_true((strstr(r.body, "欧阳队列 <span") != NULL) ==
		    (i == 0));
		assert_null(strstr(r.body, "诸葛过期"));
		hresp_free(&r);
	}

	/* A pasted list: two members (one twice, one written with
	 * spaces), a lapsed one, an unknown phone, a line of nonsense. */
	snprintf(lines, sizeof(lines), "%s\r\n\n%.3s %.4s %.4s\n%s\n%s\n"
	    "13300000000\nabc\n", p1, p2, p2 + 3, p2 + 7, p1, p3);
	http_enc(enc, sizeof(enc), lines);
	snprintf(body, sizeof(body), "csrf=%s&action=phones&activity=%d&"
	    "hours=2.5&phones=%s", csrf, act, enc);
	assert_int_equal(req(c, "POST", path, body, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "已记录 2 人。以下 3 行未记录："));
	snprintf(sql, sizeof(sql), "第 5 行 %s 不是本社区报到有效的党员", p3);
	assert_non_null(strstr(r.body, sql));
	assert_non_null(strstr(r.body, "第 6 行 13300000000 不是本社区"));
	assert_non_null(strstr(r.body, "第 7 行不是手机号码"));
	hresp_free(&r);
	assert_int_equal(qint("SELECT COUNT(*) FROM participation WHERE "
	    "activity_id = %d", act), 2);
	assert_int_equal(qint("SELECT COUNT(*) FROM participation p JOIN "
	    "party_members m ON m.id = p.member_id WHERE p.activity_id = %d "
	    "AND m.phone IN ('%s', '%s') AND p.hours = 2.5", act, p1, p2), 2);
	/* Only unknown lines: 400, nothing stored. */
	snprintf(body, sizeof(body), "csrf=%s&action=phones&activity=%d&"
	    "hours=1&phones=%s", csrf, old, p3);
	assert_int_equal(status_of(c, "POST", path, body), 400);
	assert_int_equal(qint("SELECT COUNT(*) FROM participation WHERE "
	    "activity_id = %d", old), 0);
	/* The activity's page: who took part; the list: its count. */
	snprintf(path, sizeof(path), "/staff/members/%d/activities?"
	    "activity=%d", community, act);
	get(c, path, &r);
	assert_non_null(strstr(r.body, "已记录的参与人员（2）"));
	assert_non_null(strstr(r.body, "欧阳队列"));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/staff/members/%d/activities", community);
	get(c, path, &r);
	assert_non_null(a = strstr(r.body, "队列活动20"));
	assert_non_null(strstr(a, "已记录 <b>2</b> 人"));
	hresp_free(&r);
	/* Another community's activity is none of this page's. */
	snprintf(path, sizeof(path), "/staff/members/%d/activities?"
	    "activity=%lld", community, qint("SELECT MIN(id) FROM activities "
	    "WHERE community_id <> %d", community));
	assert_int_equal(status_of(c, "GET", path, NULL), 404);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(filters_and_counts),
		cmocka_unit_test(order),
		cmocka_unit_test(marks),
		cmocka_unit_test(search),
		cmocka_unit_test(request_page),
		cmocka_unit_test(followup_note),
		cmocka_unit_test(conflict_keeps_text),
		cmocka_unit_test(expired_session_keeps_draft),
		cmocka_unit_test(activities),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
