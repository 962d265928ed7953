/*
 * Staff work through nginx: login, logout, timeouts, lockout, CSRF, the
 * scope matrix (every role x every staff endpoint x inside and outside),
 * actions and their events, two people acting at once, the admin pages
 * and the lianxin user command.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>

#include <cmocka.h>
#include <sodium.h>

#include "config.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"


/* A fresh tracking number of the test's own (T + 7 symbols). */
static void
new_tracking(char t[9])
{
	static const char a[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	size_t	 i;

	t[0] = 'T';
	for (i = 1; i < 8; i++)
		t[i] = a[randombytes_uniform(sizeof(a) - 1)];
	t[8] = '\0';
}

/* A request in state at the region (a grid or a community), via SQL. */
static void
make_request(const char *state, int region, char t[9])
{
	char	 sql[1024];

	new_tracking(t);
	snprintf(sql, sizeof(sql), "INSERT INTO service_requests "
	    "(tracking_no, category_id, district_id, street_id, community_id, "
	    "grid_id, address, description, resident_name, resident_phone, "
	    "source, state, received_at, response_due, resolve_due) "
	    "SELECT '%s', (SELECT MIN(id) FROM categories), district_id, "
	    "street_id, community_id, IF(level = 4, id, NULL), '测试路1号', "
	    "'测试用的诉求描述文字', '测试', '13800001234', 'web', '%s', "
	    "UTC_TIMESTAMP(), UTC_TIMESTAMP() + INTERVAL 1 DAY, "
	    "UTC_TIMESTAMP() + INTERVAL 7 DAY FROM regions WHERE id = %d",
	    t, state, region);
	assert_int_equal(testdb_exec(sql), 1);
}

static int
region_of(const char *user)
{
	char	 sql[256];

	snprintf(sql, sizeof(sql), "SELECT region_id FROM users WHERE "
	    "username = '%s'", user);
	return (int)testdb_int(sql);
}

static long long
qint(const char *fmt, const char *arg)
{
	char	 sql[1024];

	snprintf(sql, sizeof(sql), fmt, arg);
	return testdb_int(sql);
}

/* A region tree of its own: another district, with a grid. */
static int	 other_grid, other_user;
static struct config cfg;		/* the stack's configuration */

static int
setup(void **state)
{
	char	 sql[512], code[16], cmd[512];
	FILE	*f;

	(void)state;
	if (sodium_init() == -1 || testdb_config(&cfg) != 0)
		return -1;
	snprintf(code, sizeof(code), "T%u", randombytes_uniform(1000000));
	/* The tree through the admin command's import, like a real one. */
	snprintf(cmd, sizeof(cmd), "%s import regions - >/dev/null",
	    test_bin("lianxin"));
	if ((f = popen(cmd, "w")) == NULL)
		return -1;
	fprintf(f, "code,name,level,parent_code\n%1$s-d,测试区,1,\n"
	    "%1$s-s,测试街道,2,%1$s-d\n%1$s-c,测试社区,3,%1$s-s\n"
	    "%1$s-g,测试网格,4,%1$s-c\n", code);
	if (pclose(f) != 0)
		return -1;
	other_grid = (int)qint("SELECT id FROM regions WHERE code = '%s-g'",
	    code);
	snprintf(sql, sizeof(sql), "INSERT INTO users (username, display_name, "
	    "role, region_id, password_hash) VALUES ('%s', '外区网格员', "
	    "'grid_worker', %d, 'x')", code, other_grid);
	testdb_exec(sql);
	other_user = (int)qint("SELECT id FROM users WHERE username = '%s'",
	    code);
	return other_grid > 0 && other_user > 0 ? 0 : -1;
}

static void
login_and_logout(void **state)
{
	char		 c1[128], c2[128], csrf[65], body[128], sql[256];
	unsigned char	 raw[32], hash[32];
	char		 hex[65];
	size_t		 n;
	struct hresp	 r;

	(void)state;
	/* Not logged in: 303 to the login page, coming back afterwards. */
	assert_int_equal(http_get("/staff", &r), 0);
	assert_int_equal(r.status, 303);
	assert_non_null(strstr(hresp_header(&r, "Location"),
	    "/login?next=%2Fstaff"));
	hresp_free(&r);

	must_login("community1", c1);
	must_login("community1", c2);
	assert_string_not_equal(c1, c2);	/* a new token every login */
	/* Only the token's hash is stored. */
	assert_int_equal(sodium_base642bin(raw, sizeof(raw), c1, strlen(c1),
	    NULL, &n, NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
	assert_int_equal(n, 32);
	crypto_generichash(hash, 32, raw, 32, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), hash, 32);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM sessions WHERE "
	    "token_hash = UNHEX('%s')", hex);
	assert_int_equal(testdb_int(sql), 1);
	sodium_bin2hex(hex, sizeof(hex), raw, 32);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM sessions WHERE "
	    "token_hash = UNHEX('%s') OR csrf_token = UNHEX('%s')", hex, hex);
	assert_int_equal(testdb_int(sql), 0);
	assert_int_equal(status_of(c1, "GET", "/staff", NULL), 200);

	/* Logout ends the session on the server: the cookie is dead. */
	csrf_of(c1, csrf);
	snprintf(body, sizeof(body), "csrf=%s", csrf);
	assert_int_equal(status_of(c1, "POST", "/logout", body), 303);
	assert_int_equal(status_of(c1, "GET", "/staff", NULL), 303);
	assert_int_equal(status_of(c2, "GET", "/staff", NULL), 200);
	assert_true(testdb_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'logout' AND username = 'community1'") >= 1);
	assert_true(testdb_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'login' AND username = 'community1' AND "
	    "address LIKE '127.0.%'") >= 2);

	/* Wrong password, unknown user: the same answer, and audited. */
	assert_int_equal(login("community1", "wrong-password-123", c1), 403);
	assert_int_equal(login("nobody-here", "wrong-password-123", c1), 403);
	assert_true(testdb_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'login_failed' AND username = 'nobody-here'") >= 1);
	testdb_exec("DELETE FROM login_throttle WHERE k = 'u:community1'");
}

static void
timeouts(void **state)
{
	char	 c[128];

	(void)state;
	/* Idle for 31 minutes: gone. */
	must_login("grid1", c);
	assert_int_equal(status_of(c, "GET", "/staff", NULL), 200);
	testdb_exec("UPDATE sessions SET seen_at = seen_at - INTERVAL 31 MINUTE,"
	    " created_at = created_at - INTERVAL 31 MINUTE WHERE user_id = "
	    "(SELECT id FROM users WHERE username = 'grid1')");
	testdb_settle();
	assert_int_equal(status_of(c, "GET", "/staff", NULL), 303);
	/* Busy but logged in for 12 hours: gone too. */
	must_login("grid1", c);
	testdb_exec("UPDATE sessions SET created_at = created_at - INTERVAL "
	    "721 MINUTE WHERE user_id = (SELECT id FROM users WHERE "
	    "username = 'grid1')");
	testdb_settle();
	assert_int_equal(status_of(c, "GET", "/staff", NULL), 303);
	/* 29 minutes idle is still fine. */
	must_login("grid1", c);
	testdb_exec("UPDATE sessions SET seen_at = seen_at - INTERVAL 29 MINUTE "
	    "WHERE user_id = (SELECT id FROM users WHERE username = 'grid1') "
	    "AND created_at > UTC_TIMESTAMP() - INTERVAL 1 MINUTE");
	testdb_settle();
	assert_int_equal(status_of(c, "GET", "/staff", NULL), 200);
}

/*
 * After max_failures wrong passwords the username waits
 * lockout_base_seconds; when the delay has passed one wrong password does
 * not lock again (the count restarted), the next delay is twice as long,
 * and the right password works after it.
 */
static void
lockout(void **state)
{
	char		 c[128];
	int		 i;
	long long	 d;

	(void)state;
	testdb_exec("DELETE FROM login_throttle WHERE k = 'u:grid2'");
	for (i = 0; i < cfg.max_failures; i++)
		assert_int_equal(login("grid2", "not-the-password", c), 403);
	/* Waiting: even the right password is refused now. */
	assert_int_equal(login("grid2", PW, c), 403);
	d = testdb_int("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), until) "
	    "FROM login_throttle WHERE k = 'u:grid2'");
	assert_true(d > cfg.lockout_base_s - 10 && d <= cfg.lockout_base_s);
	assert_true(testdb_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'login_throttled' AND username = 'grid2'") >= 1);
	/* The delay passes: one wrong password does not lock again. */
	testdb_exec("UPDATE login_throttle SET until = UTC_TIMESTAMP() - "
	    "INTERVAL 1 SECOND WHERE k = 'u:grid2'");
	assert_int_equal(login("grid2", "not-the-password", c), 403);
	assert_int_equal(testdb_int("SELECT until IS NULL AND failures = 1 "
	    "FROM login_throttle WHERE k = 'u:grid2'"), 1);
	/* The next delay is twice as long. */
	for (i = 1; i < cfg.max_failures; i++)
		assert_int_equal(login("grid2", "not-the-password", c), 403);
	assert_true(testdb_int("SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), "
	    "until) FROM login_throttle WHERE k = 'u:grid2'") >
	    2 * cfg.lockout_base_s - 10);
	assert_int_equal(login("grid2", PW, c), 403);
	/* After it the right password works and clears the count. */
	testdb_exec("UPDATE login_throttle SET until = UTC_TIMESTAMP() - "
	    "INTERVAL 1 SECOND WHERE k = 'u:grid2'");
	assert_int_equal(login("grid2", PW, c), 303);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM login_throttle "
	    "WHERE k = 'u:grid2'"), 0);
}

/* A login posted from a loopback address of its own (127.2-3.x.y). */
struct plogin {
	const char	*user, *pw;
	char		 src[24];
	int		 status;
	double		 ms;
	char		 answer[512];	/* the page between <h1> and <form */
};

static const char	*pre_hdr = "Cookie: lx_pre=" "0123456789abcdef"
    "0123456789abcdef0123456789abcdef0123456789abcdef\r\n";
static unsigned		 psrc;

static void *
plogin_run(void *arg)
{
	struct plogin	*l = arg;
	struct hresp	 r;
	struct timespec	 a, b;
	char		 body[1024], u[256], p[256];
	const char	*h, *f;

	httpc_thread_source = l->src;
	httpc_thread_headers = pre_hdr;
	http_enc(u, sizeof(u), l->user);
	http_enc(p, sizeof(p), l->pw);
	snprintf(body, sizeof(body), "csrf=%.64s&username=%s&password=%s",
	    pre_hdr + 15, u, p);
	clock_gettime(CLOCK_MONOTONIC, &a);
	l->status = http_post("/login", body, &r) == 0 ? r.status : -1;
	clock_gettime(CLOCK_MONOTONIC, &b);
	httpc_thread_source = NULL;
	httpc_thread_headers = NULL;
	l->ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	l->answer[0] = '\0';
	if (l->status > 0) {
		if ((h = strstr(r.body, "<h1>")) != NULL &&
		    (f = strstr(h, "<form")) != NULL)
			snprintf(l->answer, sizeof(l->answer), "%.*s",
			    (int)(f - h), h);
		hresp_free(&r);
	}
	return NULL;
}

static void
plogin_init(struct plogin *l, const char *user, const char *pw)
{
	memset(l, 0, sizeof(*l));
	l->user = user;
	l->pw = pw;
	snprintf(l->src, sizeof(l->src), "127.%u.%u.%u", 2 + psrc / 62500,
	    (psrc / 250) % 250, 1 + psrc % 250);
	psrc = (psrc + 1) % 125000;
}

/* n logins at once. */
static void
plogin_all(struct plogin *l, size_t n)
{
	pthread_t	 th[32];
	size_t		 i;

	assert_true(n <= 32);
	for (i = 0; i < n; i++)
		assert_int_equal(pthread_create(&th[i], NULL, plogin_run,
		    &l[i]), 0);
	for (i = 0; i < n; i++)
		pthread_join(th[i], NULL);
}

/* A copy of grid1's account (same password) under a name of its own. */
static void
copy_account(const char *name, int disabled)
{
	char	 sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO users (username, display_name,"
	    " role, region_id, password_hash, disabled) SELECT '%s', "
	    "display_name, role, region_id, password_hash, %d FROM users "
	    "WHERE username = 'grid1'", name, disabled);
	assert_int_equal(testdb_exec(sql), 1);
}

/* Ten wrong logins at once get at most max_failures password checks. */
static void
parallel_wrong_logins(void **state)
{
	struct plogin	 l[10];
	char		 name[32];
	size_t		 i;

	(void)state;
	snprintf(name, sizeof(name), "par%u", randombytes_uniform(1000000));
	copy_account(name, 0);
	for (i = 0; i < 10; i++)
		plogin_init(&l[i], name, "not-the-password");
	plogin_all(l, 10);
	for (i = 0; i < 10; i++)
		assert_int_equal(l[i].status, 403);
	/* Each password check is a login_failed line. */
	assert_true(qint("SELECT COUNT(*) FROM audit_log WHERE username = "
	    "'%s' AND action = 'login_failed'", name) <= cfg.max_failures);
	assert_int_equal(qint("SELECT COUNT(*) FROM audit_log WHERE username "
	    "= '%s' AND action IN ('login_failed', 'login_throttled')", name),
	    10);
}

static int
cmp_ms(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Unknown, disabled, wrong-password and throttled logins: the same status
 * and answer, and about the same time (argon2 runs for all: without it an
 * unknown name is answered in ~20 ms, a real one in ~300-700 ms).
 */
static void
same_answer(void **state)
{
	enum { UNKNOWN, DISABLED, WRONG, KINDS, N = 5 };
	struct plogin	 l;
	char		 names[KINDS][32], first[512];
	double		 ms[KINDS][N], med[KINDS];
	int		 k, i;

	(void)state;
	i = (int)randombytes_uniform(1000000);
	snprintf(names[UNKNOWN], 32, "nobody%d", i);
	snprintf(names[DISABLED], 32, "off%d", i);
	snprintf(names[WRONG], 32, "wrong%d", i);
	copy_account(names[DISABLED], 1);
	copy_account(names[WRONG], 0);
	first[0] = '\0';
	/* Interleaved, so that the machine's load weighs on all alike;
	 * the last round is throttled for all three (max_failures = 5). */
	for (i = 0; i < N + 1; i++)
		for (k = 0; k < KINDS; k++) {
			plogin_init(&l, names[k], k == DISABLED ? PW :
			    "not-the-password");
			plogin_run(&l);
			assert_int_equal(l.status, 403);
			assert_null(strstr(l.answer, "锁定"));
			if (first[0] == '\0')
				snprintf(first, sizeof(first), "%s", l.answer);
			assert_string_equal(l.answer, first);
			if (i < N)
				ms[k][i] = l.ms;
		}
	for (k = 0; k < KINDS; k++) {
		qsort(ms[k], N, sizeof(double), cmp_ms);
		med[k] = ms[k][N / 2];
	}
	for (k = 0; k < KINDS; k++) {
		print_message("login median %d: %.1f ms\n", k, med[k]);
		assert_true(med[k] >= 0.5 * med[WRONG] &&
		    med[WRONG] >= 0.5 * med[k]);
	}
}

/* However many logins arrive, at most hash_concurrency hashes run. */
static void
hashes_bounded(void **state)
{
	struct plogin	 l[16];
	struct hresp	 r;
	char		 names[16][32];
	const char	*m;
	int		 i, peak;

	(void)state;
	for (i = 0; i < 16; i++) {
		snprintf(names[i], 32, "many%u", randombytes_uniform(1000000));
		plogin_init(&l[i], names[i], "not-the-password");
	}
	plogin_all(l, 16);
	for (i = 0; i < 16; i++)
		assert_int_equal(l[i].status, 403);
	assert_int_equal(http_get_metrics("/metrics", &r), 0);
	assert_non_null(m = strstr(r.body,
	    "\nlianxin_password_hashes_running_max "));
	peak = atoi(m + strlen("\nlianxin_password_hashes_running_max "));
	hresp_free(&r);
	print_message("hashes at once: %d\n", peak);
	assert_true(peak >= 1 && peak <= cfg.hash_concurrency);
}

static void
csrf_required(void **state)
{
	char		 c[128], t[9], body[256], path[64];
	long long	 v;

	(void)state;
	must_login("community1", c);
	make_request("submitted", region_of("grid1"), t);
	snprintf(path, sizeof(path), "/staff/requests/%s", t);
	v = qint("SELECT version FROM service_requests WHERE tracking_no = "
	    "'%s'", t);
	snprintf(body, sizeof(body), "version=%lld&action=accept", v);
	assert_int_equal(status_of(c, "POST", path, body), 403);
	snprintf(body, sizeof(body), "csrf=%064d&version=%lld&action=accept",
	    0, v);
	assert_int_equal(status_of(c, "POST", path, body), 403);
	snprintf(body, sizeof(body), "csrf=abc&version=%lld&action=accept", v);
	assert_int_equal(status_of(c, "POST", path, body), 403);
	assert_int_equal(qint("SELECT version FROM service_requests WHERE "
	    "tracking_no = '%s'", t), v);
	/* No event beyond the one every request has ("submit"). */
	assert_int_equal(qint("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.action <> 'submit'", t), 0);
	/* Logout without the token is refused too. */
	assert_int_equal(status_of(c, "POST", "/logout", "csrf=00"), 403);
	assert_int_equal(status_of(c, "GET", "/staff", NULL), 200);
}

/*
 * The scope matrix.  For each demo user: a request inside their region
 * and one outside it; every staff endpoint answers as it should.
 */
static const struct who {
	const char	*user;
	int		 admin;
	const char	*outside_of;	/* a user whose region lies outside */
} users[] = {
	{ "admin", 1, NULL },
	{ "district", 0, NULL },
	{ "street1", 0, NULL },
	{ "community1", 0, "community2" },
	{ "community2", 0, "community1" },
	{ "grid1", 0, "grid2" },
	{ "grid2", 0, "grid1" },
};

static void
scope_matrix(void **state)
{
	char		 c[128], csrf[65], in[9], out[9], p[96], body[256];
	char		 grid_in[64], grid_out[64], outside_user[64];
	struct hresp	 r;
	size_t		 i;
	int		 home, gin, inside_user, checked = 0;

	(void)state;
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++) {
		must_login(users[i].user, c);
		csrf_of(c, csrf);
		home = region_of(users[i].user);
		/* Inside: a grid of the user's own subtree. */
		snprintf(p, sizeof(p), "%d", home);
		gin = (int)qint("SELECT MIN(id) FROM regions WHERE level = 4 "
		    "AND %1$s IN (id, community_id, street_id, district_id)", p);
		assert_true(gin > 0);
		make_request("accepted", gin, in);
		/* Outside: a sibling's region, or the other district. */
		make_request("accepted", users[i].outside_of ?
		    region_of(users[i].outside_of) : other_grid, out);
		inside_user = (int)qint("SELECT id FROM users WHERE username = "
		    "'%s'", strcmp(users[i].user, "admin") == 0 ? "grid1" :
		    users[i].user);
		snprintf(outside_user, sizeof(outside_user), "/admin/users/%d",
		    other_user);
		snprintf(grid_in, sizeof(grid_in), "/staff?grid=%d", gin);
		snprintf(grid_out, sizeof(grid_out), "/staff?grid=%d",
		    other_grid);

		/* The request page and an action on it. */
		snprintf(p, sizeof(p), "/staff/requests/%s", in);
		assert_int_equal(status_of(c, "GET", p, NULL), 200);
		snprintf(body, sizeof(body), "csrf=%s&version=0&action=note&"
		    "text=ok", csrf);
		assert_int_equal(status_of(c, "POST", p, body), 303);
		snprintf(p, sizeof(p), "/staff/requests/%s", out);
		assert_int_equal(status_of(c, "GET", p, NULL), 404);
		assert_int_equal(status_of(c, "POST", p, body), 404);
		assert_int_equal(qint("SELECT version FROM service_requests "
		    "WHERE tracking_no = '%s'", out), 0);
		/* The queue: the grid filter, and what it lists. */
		assert_int_equal(status_of(c, "GET", grid_in, NULL), 200);
		assert_int_equal(status_of(c, "GET", grid_out, NULL), 404);
		assert_int_equal(req(c, "GET", "/staff?state=accepted", NULL,
		    &r), 0);
		assert_int_equal(r.status, 200);
		assert_null(strstr(r.body, out));
		hresp_free(&r);
		/* Admin pages: admins in scope only, 404 for everyone else. */
		snprintf(p, sizeof(p), "/admin/users/%d", inside_user);
		snprintf(body, sizeof(body), "csrf=%s&action=enable", csrf);
		assert_int_equal(status_of(c, "GET", "/admin/users", NULL),
		    users[i].admin ? 200 : 404);
		assert_int_equal(status_of(c, "GET", "/admin/audit", NULL),
		    users[i].admin ? 200 : 404);
		assert_int_equal(status_of(c, "POST", p, body),
		    users[i].admin ? 303 : 404);
		assert_int_equal(status_of(c, "POST", outside_user, body), 404);
		checked++;
	}
	assert_int_equal(checked, 7);
}

static void
post_action(const char *c, const char *csrf, const char *t,
    const char *extra, int want)
{
	char	 body[512], p[64];

	snprintf(p, sizeof(p), "/staff/requests/%s", t);
	snprintf(body, sizeof(body), "csrf=%s&version=%lld&%s", csrf,
	    qint("SELECT version FROM service_requests WHERE tracking_no = "
	    "'%s'", t), extra);
	assert_int_equal(status_of(c, "POST", p, body), want);
}

static void
actions_to_the_end(void **state)
{
	char	 c[128], s[128], csrf[65], scsrf[65], t[9], x[64];

	(void)state;
	must_login("community1", c);
	csrf_of(c, csrf);
	make_request("submitted", region_of("grid1"), t);
	/* Accepting sets the resolve deadline from the category's limit
	 * (in its unit: test_holidays checks working days exactly). */
	post_action(c, csrf, t, "action=accept", 303);
	assert_int_equal(testdb_workdays(), 0);
	assert_int_equal(qint("SELECT r.resolve_due = IF(c.resolve_unit = "
	    "'workdays', " TESTDB_WORKDAY_DUE("r.accepted_at",
	    "c.resolve_days") ", r.accepted_at + INTERVAL c.resolve_days "
	    "DAY) FROM service_requests r JOIN categories c ON c.id = "
	    "r.category_id WHERE tracking_no = '%s'", t), 1);
	/* Assign to a grid worker of the community; not to an outsider. */
	snprintf(x, sizeof(x), "action=assign&assignee=u%d", other_user);
	post_action(c, csrf, t, x, 400);
	snprintf(x, sizeof(x), "action=assign&assignee=u%lld", testdb_int(
	    "SELECT id FROM users WHERE username = 'grid1'"));
	post_action(c, csrf, t, x, 303);
	assert_string_equal(testdb_str("SELECT state FROM service_requests "
	    "WHERE assignee_user_id = (SELECT id FROM users WHERE username = "
	    "'grid1') ORDER BY id DESC LIMIT 1"), "assigned");
	/* A public reply and an internal note. */
	post_action(c, csrf, t, "action=note&text=%E5%B7%B2%E8%81%94%E7%B3%BB"
	    "&public=1", 303);
	post_action(c, csrf, t, "action=note&text=internal", 303);
	/* Escalate: community -> street; the community cannot go further. */
	post_action(c, csrf, t, "action=escalate", 303);
	assert_int_equal(qint("SELECT level = 'street' AND max_level = 'street'"
	    " FROM service_requests WHERE tracking_no = '%s'", t), 1);
	post_action(c, csrf, t, "action=escalate", 409);
	must_login("street1", s);
	csrf_of(s, scsrf);
	post_action(s, scsrf, t, "action=escalate", 303);
	assert_int_equal(qint("SELECT level = 'district' FROM service_requests "
	    "WHERE tracking_no = '%s'", t), 1);
	/* Above the community's level now: the district handles it (issue
	 * 16: the guards use the user's own level). */
	post_action(c, csrf, t, "action=resolve&text=%E5%B7%B2%E4%BF%AE%E5%A4"
	    "%8D", 409);
	must_login("district", c);
	csrf_of(c, csrf);
	/* Resolve needs its text; then it is resolved. */
	post_action(c, csrf, t, "action=resolve", 400);
	post_action(c, csrf, t, "action=resolve&text=%E5%B7%B2%E4%BF%AE%E5%A4"
	    "%8D", 303);
	assert_int_equal(qint("SELECT state = 'resolved' AND resolved_at IS NOT "
	    "NULL AND resolution IS NOT NULL FROM service_requests WHERE "
	    "tracking_no = '%s'", t), 1);
	/* Staff reopen only after an unsatisfied rating. */
	post_action(c, csrf, t, "action=reopen", 409);
	testdb_exec("UPDATE service_requests SET state = 'closed', rating = "
	    "'unsatisfied', closed_at = UTC_TIMESTAMP(), version = version + 1 "
	    "WHERE state = 'resolved' AND tracking_no LIKE 'T%' AND "
	    "resolution IS NOT NULL");
	post_action(c, csrf, t, "action=reopen", 303);
	assert_int_equal(qint("SELECT state = 'accepted' AND reopen_count = 1 "
	    "AND rating IS NULL FROM service_requests WHERE tracking_no = "
	    "'%s'", t), 1);
	/* Every action wrote its event (actor, text) and its audit line. */
	assert_int_equal(qint("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.actor_kind = 'staff' AND e.actor_id IS NOT NULL", t),
	    8);
	assert_int_equal(qint("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.action = 'note' AND e.public", t), 1);
	assert_int_equal(qint("SELECT COUNT(*) FROM audit_log WHERE object = "
	    "'%s'", t), 8);
	/* Reject: with a reason, and only while not yet worked on. */
	must_login("community1", c);
	csrf_of(c, csrf);
	make_request("submitted", region_of("grid1"), t);
	post_action(c, csrf, t, "action=reject&reason=spam", 400);
	post_action(c, csrf, t, "action=reject&reason=bogus&text=x", 400);
	/* Not without its confirmation (issue 19): nothing changes. */
	post_action(c, csrf, t, "action=reject&reason=duplicate&text=%E9%87"
	    "%8D%E5%A4%8D", 400);
	assert_int_equal(qint("SELECT state = 'submitted' AND version = 0 FROM "
	    "service_requests WHERE tracking_no = '%s'", t), 1);
	post_action(c, csrf, t, "action=reject&reason=duplicate&text=%E9%87"
	    "%8D%E5%A4%8D&confirm=1", 303);
	assert_int_equal(qint("SELECT state = 'rejected' AND reject_reason = "
	    "'duplicate' FROM service_requests WHERE tracking_no = '%s'", t), 1);
	post_action(c, csrf, t, "action=accept", 409);
	/* A grid worker may not reject. */
	must_login("grid1", s);
	csrf_of(s, scsrf);
	make_request("submitted", region_of("grid1"), t);
	post_action(s, scsrf, t, "action=reject&reason=spam&text=x&confirm=1",
	    409);
	post_action(s, scsrf, t, "action=accept", 303);
}

/*
 * The transition guards use the user's own level and the request's
 * current handling level (issue 16, point 9): an admin whose home is a
 * street escalates to the street but not to the district; community staff
 * cannot accept, assign, resolve or reject a request at the street.
 */
static void
own_level_guards(void **state)
{
	char	 a[128], acsrf[65], c[128], csrf[65], s[128], scsrf[65], t[9];
	char	 body[512], x[64];

	(void)state;
	must_login("admin", a);
	csrf_of(a, acsrf);
	snprintf(body, sizeof(body), "csrf=%s&username=street_admin16&"
	    "display_name=x&role=admin&region=%s&password=long-enough-pass",
	    acsrf, testdb_str("SELECT code FROM regions r JOIN users u ON "
	    "u.region_id = r.id WHERE u.username = 'street1'"));
	assert_int_equal(status_of(a, "POST", "/admin/users", body), 303);
	assert_int_equal(login("street_admin16", "long-enough-pass", a), 303);
	csrf_of(a, acsrf);
	make_request("accepted", region_of("grid1"), t);
	post_action(a, acsrf, t, "action=escalate", 303);
	assert_int_equal(qint("SELECT level = 'street' FROM service_requests "
	    "WHERE tracking_no = '%s'", t), 1);
	post_action(a, acsrf, t, "action=escalate", 409);
	assert_int_equal(qint("SELECT level = 'street' FROM service_requests "
	    "WHERE tracking_no = '%s'", t), 1);
	/* At the street: community staff may note, not handle. */
	must_login("community1", c);
	csrf_of(c, csrf);
	post_action(c, csrf, t, "action=note&text=internal", 303);
	post_action(c, csrf, t, "action=reject&reason=spam&text=x&confirm=1",
	    409);
	post_action(c, csrf, t, "action=resolve&text=%E5%B7%B2%E4%BF%AE%E5%A4"
	    "%8D", 409);
	snprintf(x, sizeof(x), "action=assign&assignee=u%lld", testdb_int(
	    "SELECT id FROM users WHERE username = 'grid1'"));
	post_action(c, csrf, t, x, 409);
	assert_int_equal(qint("SELECT state = 'accepted' FROM service_requests "
	    "WHERE tracking_no = '%s'", t), 1);
	make_request("submitted", region_of("grid1"), x);
	snprintf(body, sizeof(body), "UPDATE service_requests SET level = "
	    "'street', max_level = 'street' WHERE tracking_no = '%s'", x);
	assert_int_equal(testdb_exec(body), 1);
	post_action(c, csrf, x, "action=accept", 409);
	/* The street handles it. */
	must_login("street1", s);
	csrf_of(s, scsrf);
	post_action(s, scsrf, x, "action=accept", 303);
	post_action(s, scsrf, t, "action=resolve&text=%E5%B7%B2%E4%BF%AE%E5%A4"
	    "%8D", 303);
}

/*
 * A POST's fields come from its body alone: username and password in the
 * query string of a POST /login with an empty body are missing (400),
 * not a login (issue 16, point 9).
 */
static void
post_fields_not_from_query(void **state)
{
	struct hresp	 r;
	char		 pre[80], hdr[256], path[512], body[128];
	const char	*k;

	(void)state;
	httpc_source = "127.0.16.9";
	assert_int_equal(http_get("/login", &r), 0);
	assert_non_null(k = hresp_cookie(&r, "lx_pre"));
	snprintf(pre, sizeof(pre), "%s", k);
	hresp_free(&r);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_pre=%s\r\n", pre);
	httpc_headers = hdr;
	snprintf(path, sizeof(path), "/login?csrf=%s&username=community1&"
	    "password=%s&next=%%2Fstaff", pre, PW);
	assert_int_equal(http_post(path, "", &r), 0);
	assert_true(r.status != 303);
	assert_null(hresp_cookie(&r, "lx_session"));
	hresp_free(&r);
	/* The form's token in the body: the credentials are missing. */
	snprintf(body, sizeof(body), "csrf=%s", pre);
	assert_int_equal(http_post(path, body, &r), 0);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "请输入用户名和密码"));
	assert_null(hresp_cookie(&r, "lx_session"));
	hresp_free(&r);
	/* The same with the fields in the body logs in. */
	snprintf(path, sizeof(path), "csrf=%s&username=community1&"
	    "password=%s&next=%%2Fstaff", pre, PW);
	assert_int_equal(http_post("/login", path, &r), 0);
	assert_int_equal(r.status, 303);
	hresp_free(&r);
	httpc_headers = NULL;
	httpc_source = NULL;
}

struct racer {
	const char	*body;
	const char	*path;
	int		 status;
};

static void *
race(void *arg)
{
	struct racer	*r = arg;
	struct hresp	 h;

	/* Both threads send the same session cookie (httpc_headers). */
	if (http_post(r->path, r->body, &h) == 0) {
		r->status = h.status;
		hresp_free(&h);
	}
	return NULL;
}

static void
two_at_once(void **state)
{
	char		 c[128], csrf[65], t[9], b1[256], b2[256], p[64], hdr[256];
	struct racer	 r1, r2;
	pthread_t	 t1, t2;
	int		 round, ok;

	(void)state;
	must_login("community2", c);
	csrf_of(c, csrf);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n", c);
	for (round = 0; round < 5; round++) {
		make_request("submitted", region_of("community2"), t);
		snprintf(p, sizeof(p), "/staff/requests/%s", t);
		snprintf(b1, sizeof(b1), "csrf=%s&version=0&action=accept", csrf);
		snprintf(b2, sizeof(b2), "csrf=%s&version=0&action=reject&"
		    "reason=spam&text=x&confirm=1", csrf);
		r1 = (struct racer){ b1, p, 0 };
		r2 = (struct racer){ b2, p, 0 };
		httpc_headers = hdr;
		pthread_create(&t1, NULL, race, &r1);
		pthread_create(&t2, NULL, race, &r2);
		pthread_join(t1, NULL);
		pthread_join(t2, NULL);
		httpc_headers = NULL;
		/* One wins, the other is told it was already handled. */
		ok = (r1.status == 303) + (r2.status == 303);
		assert_int_equal(ok, 1);
		assert_true(r1.status == 409 || r2.status == 409);
		assert_int_equal(qint("SELECT COUNT(*) FROM request_events e "
		    "JOIN service_requests r ON r.id = e.request_id WHERE "
		    "r.tracking_no = '%s' AND e.action <> 'submit'", t), 1);
		assert_int_equal(qint("SELECT version FROM service_requests "
		    "WHERE tracking_no = '%s'", t), 1);
		assert_int_equal(qint("SELECT state = IF((SELECT action FROM "
		    "request_events e JOIN service_requests r ON r.id = "
		    "e.request_id WHERE r.tracking_no = '%1$s' AND e.action "
		    "<> 'submit') = 'accept', "
		    "'accepted', 'rejected') FROM service_requests WHERE "
		    "tracking_no = '%1$s'", t), 1);
	}
}

static void
admin_pages(void **state)
{
	char		 c[128], u[128], csrf[65], body[512], name[32], p[64];
	struct hresp	 r;
	long long	 before, id;

	(void)state;
	must_login("admin", c);
	csrf_of(c, csrf);
	snprintf(name, sizeof(name), "t%u", randombytes_uniform(1000000000));
	before = testdb_int("SELECT COUNT(*) FROM users");
	/* Short password, wrong region level, unknown region: 400. */
	snprintf(body, sizeof(body), "csrf=%s&username=%s&display_name=x&"
	    "role=grid_worker&region=%s&password=short", csrf, name,
	    testdb_str("SELECT code FROM regions r JOIN users u ON "
	    "u.region_id = r.id WHERE u.username = 'grid1'"));
	assert_int_equal(req(c, "POST", "/admin/users", body, &r), 0);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "密码至少需要 12 个字符"));
	hresp_free(&r);
	snprintf(body, sizeof(body), "csrf=%s&username=%s&display_name=x&"
	    "role=grid_worker&region=%s&password=long-enough-pass", csrf, name,
	    testdb_str("SELECT code FROM regions r JOIN users u ON "
	    "u.region_id = r.id WHERE u.username = 'community1'"));
	assert_int_equal(status_of(c, "POST", "/admin/users", body), 400);
	snprintf(body, sizeof(body), "csrf=%s&username=%s&display_name=x&"
	    "role=grid_worker&region=NOPE&password=long-enough-pass", csrf,
	    name);
	assert_int_equal(status_of(c, "POST", "/admin/users", body), 400);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM users"), before);
	/* A good one; it can log in; the password is stored as argon2id. */
	snprintf(body, sizeof(body), "csrf=%s&username=%s&display_name=%%E6"
	    "%%B5%%8B&role=grid_worker&region=%s&password=long-enough-pass",
	    csrf, name, testdb_str("SELECT code FROM regions r JOIN users u "
	    "ON u.region_id = r.id WHERE u.username = 'grid1'"));
	assert_int_equal(status_of(c, "POST", "/admin/users", body), 303);
	assert_int_equal(status_of(c, "POST", "/admin/users", body), 400);
	assert_int_equal(qint("SELECT password_hash LIKE '$argon2id$%%' FROM "
	    "users WHERE username = '%s'", name), 1);
	assert_int_equal(login(name, "long-enough-pass", u), 303);
	/* Disabling ends its sessions and its logins. */
	id = qint("SELECT id FROM users WHERE username = '%s'", name);
	snprintf(p, sizeof(p), "/admin/users/%lld", id);
	snprintf(body, sizeof(body), "csrf=%s&action=disable", csrf);
	assert_int_equal(status_of(c, "POST", p, body), 303);
	assert_int_equal(status_of(u, "GET", "/staff", NULL), 303);
	assert_int_equal(login(name, "long-enough-pass", u), 403);
	snprintf(body, sizeof(body), "csrf=%s&action=enable", csrf);
	assert_int_equal(status_of(c, "POST", p, body), 303);
	/* A new password: the old one no longer works. */
	snprintf(body, sizeof(body), "csrf=%s&action=password&password="
	    "another-long-pass", csrf);
	assert_int_equal(status_of(c, "POST", p, body), 303);
	assert_int_equal(login(name, "long-enough-pass", u), 403);
	assert_int_equal(login(name, "another-long-pass", u), 303);
	/* It is all in the audit log, which the admin can read. */
	assert_int_equal(qint("SELECT COUNT(*) FROM audit_log WHERE object = "
	    "'%s' AND action IN ('user_create', 'user_disable', 'user_enable',"
	    " 'user_password') AND username = 'admin'", name), 4);
	assert_int_equal(req(c, "GET", "/admin/audit", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, name));
	/* Actions by their Chinese labels, never their codes (issue 19). */
	assert_non_null(strstr(r.body, "<td>重设密码</td>"));
	assert_null(strstr(r.body, "user_password"));
	assert_null(strstr(r.body, "<td>login</td>"));
	assert_null(strstr(r.body, "<td>accept</td>"));
	assert_null(strstr(r.body, "submitted -&gt; accepted"));
	hresp_free(&r);
}

static void
user_command(void **state)
{
	char	 cmd[512], name[32];
	FILE	*f;

	(void)state;
	snprintf(name, sizeof(name), "c%u", randombytes_uniform(1000000000));
	snprintf(cmd, sizeof(cmd), "%s user add %s community_staff %s 'Test' "
	    ">/dev/null 2>&1", test_bin("lianxin"), name, testdb_str("SELECT "
	    "r.code FROM regions r JOIN users u ON u.region_id = r.id WHERE "
	    "u.username = 'community1'"));
	assert_non_null(f = popen(cmd, "w"));
	fputs("short\n", f);
	assert_int_not_equal(pclose(f), 0);	/* under 12 characters */
	assert_int_equal(qint("SELECT COUNT(*) FROM users WHERE username = "
	    "'%s'", name), 0);
	assert_non_null(f = popen(cmd, "w"));
	fputs("a-good-long-password\n", f);
	assert_int_equal(pclose(f), 0);
	assert_int_equal(qint("SELECT COUNT(*) FROM users WHERE username = "
	    "'%s' AND role = 'community_staff'", name), 1);
	snprintf(cmd, sizeof(cmd), "%s user disable %s >/dev/null",
	    test_bin("lianxin"), name);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(qint("SELECT disabled FROM users WHERE username = "
	    "'%s'", name), 1);
}

/* The queue: overdue first, then by deadline; the filters. */
static void
queue_order_and_filters(void **state)
{
	char		 c[128], a[9], b[9], d[9], x[9], sql[256];
	const char	*pa, *pb, *pd;
	struct hresp	 r;

	(void)state;
	must_login("grid2", c);
	make_request("accepted", region_of("grid2"), d);	/* due in 7 days */
	make_request("assigned", region_of("grid2"), b);
	make_request("accepted", region_of("grid2"), a);
	make_request("resolved", region_of("grid2"), x);
	snprintf(sql, sizeof(sql), "UPDATE service_requests SET resolve_due = "
	    "UTC_TIMESTAMP() - INTERVAL 2 HOUR WHERE tracking_no = '%s'", a);
	assert_int_equal(testdb_exec(sql), 1);
	snprintf(sql, sizeof(sql), "UPDATE service_requests SET resolve_due = "
	    "UTC_TIMESTAMP() + INTERVAL 1 HOUR WHERE tracking_no = '%s'", b);
	assert_int_equal(testdb_exec(sql), 1);
	/* Default: open states only, overdue first, then by deadline. */
	assert_int_equal(req(c, "GET", "/staff", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(pa = strstr(r.body, a));
	assert_non_null(pb = strstr(r.body, b));
	assert_non_null(pd = strstr(r.body, d));
	assert_true(pa < pb && pb < pd);
	assert_null(strstr(r.body, x));
	assert_non_null(strstr(r.body, "已超期"));
	hresp_free(&r);
	/* Only overdue ones. */
	assert_int_equal(req(c, "GET", "/staff?overdue=1", NULL, &r), 0);
	assert_non_null(strstr(r.body, a));
	assert_null(strstr(r.body, b));
	hresp_free(&r);
	/* One state; the resolved one is there. */
	assert_int_equal(req(c, "GET", "/staff?state=resolved", NULL, &r), 0);
	assert_non_null(strstr(r.body, x));
	assert_null(strstr(r.body, a));
	hresp_free(&r);
	/* A category with none of them; bad filters are 400. */
	assert_int_equal(req(c, "GET", "/staff?category=65535", NULL, &r), 0);
	assert_null(strstr(r.body, a));
	hresp_free(&r);
	assert_int_equal(status_of(c, "GET", "/staff?state=bogus", NULL), 400);
	assert_int_equal(status_of(c, "GET", "/staff?page=0", NULL), 400);
	assert_int_equal(status_of(c, "GET", "/staff?page=2", NULL), 200);
}

/* nginx limits login attempts per address (zone lianxin_login). */
static void
login_rate_limited(void **state)
{
	struct hresp	 r;
	char		 src[16];
	int		 i, limited = 0;

	(void)state;

	/* An address of its own, so an earlier run's bucket does not count. */
	snprintf(src, sizeof(src), "127.1.%u.%u", randombytes_uniform(250),
	    1 + randombytes_uniform(250));
	httpc_source = src;
	for (i = 0; i < 30 && !limited; i++) {
		assert_int_equal(http_post("/login", "csrf=x", &r), 0);
		limited = r.status == 429;
		hresp_free(&r);
	}
	httpc_source = NULL;
	assert_true(limited);
	assert_true(i > 5);	/* not before a few attempts */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(login_and_logout),
		cmocka_unit_test(timeouts),
		cmocka_unit_test(lockout),
		cmocka_unit_test(parallel_wrong_logins),
		cmocka_unit_test(same_answer),
		cmocka_unit_test(hashes_bounded),
		cmocka_unit_test(csrf_required),
		cmocka_unit_test(scope_matrix),
		cmocka_unit_test(actions_to_the_end),
		cmocka_unit_test(own_level_guards),
		cmocka_unit_test(post_fields_not_from_query),
		cmocka_unit_test(two_at_once),
		cmocka_unit_test(admin_pages),
		cmocka_unit_test(user_command),
		cmocka_unit_test(queue_order_and_filters),
		cmocka_unit_test(login_rate_limited),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
