/*
 * Micro-wishes (微心愿), issue 20 point 5, through nginx: staff post a
 * resident's wish; the public wall shows it without the resident's name,
 * phone or note; a wish outside a user's scope is 404; of members posting
 * a claim at once exactly one wins; a member without a valid report is
 * refused; a claim past its due time returns the wish to the wall; fulfil
 * -> send back -> fulfil -> confirm gives the member the points of the
 * rule; a unit claims and releases; bad input stores nothing; stale forms
 * get 409; posts without the CSRF token 403.
 */
#include <pthread.h>
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

#define RESIDENT	"心愿居民"	/* + a number: the resident's name */
#define NOTE		"住七号楼三单元"	/* the staff's note */

static struct config cfg;
static char	 c_grid1[128], c_comm1[128], c_comm2[128], c_unit1[128],
		 c_unit3[128];
static char	 k_grid1[65], k_comm1[65], k_comm2[65], k_unit1[65], k_unit3[65];
static long long comm1, comm2;	/* community1's and community2's */
static unsigned nsrc;
static char	 tag[16];	/* this run's, after every title */

/* A title of this run (one of testdb_fmt's buffers). */
#define T(s)		testdb_fmt("%s#%s", (s), tag)

#define Q(...)		testdb_intf(__VA_ARGS__)
#define EXEC(...)	assert_true(testdb_execf(__VA_ARGS__) >= 0)

/* POST a printf-made body to path as cookie c: the status. */
static int
post(const char *c, const char *path, const char *fmt, ...)
{
	char	 body[2048];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	return status_of(c, "POST", path, body);
}

/* GET path as c (NULL: nobody) into r: the status. */
static int
get(const char *c, const char *path, struct hresp *r)
{
	if (c == NULL)
		assert_int_equal(http_get(path, r), 0);
	else
		assert_int_equal(req(c, "GET", path, NULL, r), 0);
	return r->status;
}

/* The CSRF token of the forms of page path (as c, or a member's cookie
 * header hdr). */
static void
csrf_from(const char *c, const char *hdr, const char *path, char out[65])
{
	struct hresp	 r;
	const char	*p;

	httpc_headers = hdr;
	if (c != NULL)
		assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	else
		assert_int_equal(http_get(path, &r), 0);
	httpc_headers = NULL;
	assert_int_equal(r.status, 200);
	assert_non_null(p = strstr(r.body, "name=\"csrf\" value=\""));
	memcpy(out, p + 19, 64);
	out[64] = '\0';
	hresp_free(&r);
}

static long long
version_of(long long w)
{
	return Q("SELECT version FROM wishes WHERE id = %lld", w);
}

/* community1 (c, k: any staff) posts a wish titled title: its id. */
static long long
new_wish(const char *c, const char *k, long long comm, const char *title,
    const char *resident, const char *phone)
{
	char	 t[256], n[256], note[256];

	http_enc(t, sizeof(t), title);
	http_enc(n, sizeof(n), resident);
	http_enc(note, sizeof(note), NOTE);
	assert_int_equal(post(c, "/cobuild/wishes", "csrf=%s&community=%lld&"
	    "title=%s&detail=%%E6%%B5%%8B%%E8%%AF%%95&value=120.50&name=%s&"
	    "phone=%s&note=%s", k, comm, t, n, phone, note), 303);
	return Q("SELECT MAX(id) FROM wishes WHERE title = '%s'", title);
}

/* A member of community comm, reported (its report valid) or not. */
static long long
new_member(long long comm, int reported)
{
	char	 phone[12];

	snprintf(phone, sizeof(phone), "197%08u",
	    randombytes_uniform(100000000));
	EXEC("INSERT INTO party_members (community_id, name, phone, type, "
	    "employer, reported_at, report_expires_at) VALUES (%lld, "
	    "CONCAT('心愿党员', RIGHT('%s', 6)), '%s', 'in_service', '', "
	    "UTC_TIMESTAMP() - INTERVAL 200 DAY, UTC_TIMESTAMP() %s)", comm,
	    phone, phone, reported ? "+ INTERVAL 100 DAY" : "- INTERVAL 1 DAY");
	return Q("SELECT id FROM party_members WHERE phone = '%s'", phone);
}

/* A logged-in member: the cookie header and the CSRF token. */
struct member {
	long long	 id;
	char		 hdr[128];
	char		 csrf[65];
	char		 src[16];
};

/* A session for member id, as a login would open it. */
static void
member_in(long long id, struct member *m)
{
	unsigned char	 h[32], raw[32];
	char		 token[65], hex[65];

	memset(m, 0, sizeof(*m));
	m->id = id;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, sizeof(token), raw, sizeof(raw));
	crypto_generichash(h, sizeof(h), (unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	EXEC("INSERT INTO member_sessions (token_hash, member_id, expires_at) "
	    "VALUES (UNHEX('%s'), %lld, UTC_TIMESTAMP() + INTERVAL 1 HOUR)",
	    hex, id);
	snprintf(m->hdr, sizeof(m->hdr), "Cookie: lx_member=%s\r\n", token);
	snprintf(m->src, sizeof(m->src), "127.3.%u.%u",
	    randombytes_uniform(200), 1 + (unsigned)(nsrc % 250));
	nsrc++;
	httpc_source = m->src;
	csrf_from(NULL, m->hdr, "/member", m->csrf);
	httpc_source = NULL;
}

/* A member's request (GET when body is NULL): the status, the body into
 * r when not NULL. */
static int
mreq(const struct member *m, const char *body, struct hresp *r)
{
	struct hresp	 x;
	int		 st;

	httpc_headers = m->hdr;
	httpc_source = m->src;
	if (body == NULL)
		assert_int_equal(http_get("/member/wishes", &x), 0);
	else
		assert_int_equal(http_post("/member/wishes", body, &x), 0);
	httpc_headers = NULL;
	httpc_source = NULL;
	st = x.status;
	if (r != NULL)
		*r = x;
	else
		hresp_free(&x);
	return st;
}

/* A member's action on wish w at its current version. */
static int
mact(const struct member *m, const char *action, long long w,
    const char *extra)
{
	char	 b[512];

	snprintf(b, sizeof(b), "csrf=%s&action=%s&wish=%lld&version=%lld%s",
	    m->csrf, action, w, version_of(w), extra);
	return mreq(m, b, NULL);
}

static int
setup(void **state)
{
	(void)state;
	if (sodium_init() == -1 || testdb_config(&cfg) != 0)
		return -1;
	snprintf(tag, sizeof(tag), "%u", randombytes_uniform(1000000));
	must_login("grid1", c_grid1);
	must_login("community1", c_comm1);
	must_login("community2", c_comm2);
	must_login("unit1", c_unit1);
	must_login("unit3", c_unit3);
	csrf_of(c_grid1, k_grid1);
	csrf_of(c_comm1, k_comm1);
	csrf_of(c_comm2, k_comm2);
	csrf_from(c_unit1, NULL, "/unit/wishes", k_unit1);
	csrf_from(c_unit3, NULL, "/unit/wishes", k_unit3);
	comm1 = testdb_int("SELECT region_id FROM users WHERE username = "
	    "'community1'");
	comm2 = testdb_int("SELECT region_id FROM users WHERE username = "
	    "'community2'");
	return comm1 > 0 && comm2 > 0 && comm1 != comm2 ? 0 : -1;
}

/*
 * grid1 posts a wish in its community; the wall (no login) shows the
 * title, detail and value cap, never the resident's name, phone or note,
 * nor does any page of it; staff pages show them; the audit line holds
 * the title, not the resident.
 */
static void
wall_without_personal_data(void **state)
{
	struct hresp	 r;
	char		 name[64], phone[12], path[64];
	long long	 w;

	(void)state;
	snprintf(name, sizeof(name), RESIDENT "%u", randombytes_uniform(1000));
	snprintf(phone, sizeof(phone), "139%08u", randombytes_uniform(100000000));
	w = new_wish(c_grid1, k_grid1, comm1, T("测试·一台助听器"), name, phone);
	assert_true(w > 0);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes w JOIN users u ON "
	    "u.id = w.posted_by WHERE w.id = %lld AND u.username = 'grid1' AND "
	    "w.state = 'open' AND w.value_cap = 120.50 AND w.resident_name = "
	    "'%s' AND w.resident_phone = '%s' AND w.resident_note = '" NOTE
	    "'", w, name, phone), 1);
	snprintf(path, sizeof(path), "/wishes?community=%lld", comm1);
	assert_int_equal(get(NULL, path, &r), 200);
	assert_non_null(strstr(r.body, T("测试·一台助听器")));
	assert_non_null(strstr(r.body, "¥120.50"));
	assert_null(strstr(r.body, name));
	assert_null(strstr(r.body, phone));
	assert_null(strstr(r.body, phone + 7));	/* not even masked */
	assert_null(strstr(r.body, NOTE));
	hresp_free(&r);
	/* the wall of every community: the newest open wish on its last
	 * page (20 a page, oldest first) */
	snprintf(path, sizeof(path), "/wishes?page=%lld", (Q("SELECT "
	    "COUNT(*) FROM wishes WHERE state = 'open'") + 19) / 20);
	assert_int_equal(get(NULL, path, &r), 200);
	assert_non_null(strstr(r.body, T("测试·一台助听器")));
	assert_null(strstr(r.body, name));
	assert_null(strstr(r.body, phone));
	hresp_free(&r);
	/* Staff see the resident. */
	snprintf(path, sizeof(path), "/cobuild/wishes/%lld", w);
	assert_int_equal(get(c_comm1, path, &r), 200);
	assert_non_null(strstr(r.body, name));
	assert_non_null(strstr(r.body, phone));
	assert_non_null(strstr(r.body, NOTE));
	hresp_free(&r);
	assert_int_equal(Q("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'cb_wish' AND object = 'wish/%lld' AND detail = '%s'", w,
	    T("测试·一台助听器")), 1);
	assert_int_equal(Q("SELECT COUNT(*) FROM audit_log WHERE detail LIKE "
	    "'%%%s%%' OR detail LIKE '%%%s%%' OR object LIKE '%%%s%%'", name,
	    phone, phone), 0);
	/* An id that is no community is 404 on the wall. */
	assert_int_equal(http_status("/wishes?community=999999"), 404);
}

/* Bad input: 400 with the form and the input back, nothing stored. */
static void
bad_input(void **state)
{
	static const char *const bad[] = {
		"value=0&title=%E6%B5%8B%E8%AF%95%E5%9D%8F&name=a",
		"value=-5&title=%E6%B5%8B%E8%AF%95%E5%9D%8F&name=a",
		"value=5000.01&title=%E6%B5%8B%E8%AF%95%E5%9D%8F&name=a",
		"value=1.234&title=%E6%B5%8B%E8%AF%95%E5%9D%8F&name=a",
		"value=abc&title=%E6%B5%8B%E8%AF%95%E5%9D%8F&name=a",
		"value=10&title=&name=a",
		"value=10&title=%E6%B5%8B%E8%AF%95%E5%9D%8F&name=",
		"value=10&title=%E6%B5%8B%E8%AF%95%E5%9D%8F&name=a&phone=12345",
		"value=10&title=LONG&name=a",
	};
	struct hresp	 r;
	char		 body[1024], longt[512];
	long long	 before = Q("SELECT COUNT(*) FROM wishes");
	size_t		 i;

	(void)state;
	memset(longt, 'x', 101);
	longt[101] = '\0';
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(body, sizeof(body), "csrf=%s&community=%lld&%s",
		    k_comm1, comm1, bad[i]);
		if (strstr(body, "title=LONG") != NULL)
			snprintf(body, sizeof(body), "csrf=%s&community=%lld&"
			    "value=10&name=a&title=%s", k_comm1, comm1, longt);
		assert_int_equal(req(c_comm1, "POST", "/cobuild/wishes", body,
		    &r), 0);
		if (r.status != 400)
			fail_msg("%s: %d", bad[i], r.status);
		assert_non_null(strstr(r.body, "class=\"err\""));
		if (strstr(bad[i], "title=%E6") != NULL)
			assert_non_null(strstr(r.body, "value=\"测试坏\""));
		hresp_free(&r);
	}
	/* A community outside the scope, or no community: 404. */
	assert_int_equal(post(c_comm1, "/cobuild/wishes", "csrf=%s&community="
	    "%lld&value=10&title=abc&name=a", k_comm1, comm2), 404);
	assert_int_equal(post(c_comm1, "/cobuild/wishes", "csrf=%s&community="
	    "999999&value=10&title=abc&name=a", k_comm1), 404);
	/* No CSRF token: 403. */
	assert_int_equal(post(c_comm1, "/cobuild/wishes", "community=%lld&"
	    "value=10&title=abc&name=a", comm1), 403);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes"), before);
}

/* Scope: another community's staff and unit get 404; a grid worker
 * views but does not manage. */
static void
scope(void **state)
{
	struct hresp	 r;
	char		 path[64];
	long long	 w;

	(void)state;
	w = new_wish(c_comm1, k_comm1, comm1, T("测试·孩子的课外书"), "scope甲",
	    "");
	snprintf(path, sizeof(path), "/cobuild/wishes/%lld", w);
	assert_int_equal(status_of(c_comm2, "GET", path, NULL), 404);
	assert_int_equal(post(c_comm2, path, "csrf=%s&action=withdraw&"
	    "version=%lld", k_comm2, version_of(w)), 404);
	assert_int_equal(get(c_comm2, "/cobuild/wishes", &r), 200);
	assert_null(strstr(r.body, T("测试·孩子的课外书")));
	hresp_free(&r);
	assert_int_equal(status_of(c_grid1, "GET", path, NULL), 200);
	assert_int_equal(post(c_grid1, path, "csrf=%s&action=withdraw&"
	    "version=%lld", k_grid1, version_of(w)), 404);
	/* unit3 co-builds with community2: comm1's wish is not its. */
	assert_int_equal(post(c_unit3, "/unit/wishes", "csrf=%s&action=claim&"
	    "wish=%lld&version=%lld", k_unit3, w, version_of(w)), 404);
	assert_int_equal(get(c_unit3, "/unit/wishes", &r), 200);
	assert_null(strstr(r.body, T("测试·孩子的课外书")));
	hresp_free(&r);
	/* Staff may not use the unit pages, nor units the staff's. */
	assert_int_equal(status_of(c_comm1, "GET", "/unit/wishes", NULL), 404);
	assert_int_equal(status_of(c_unit1, "GET", "/cobuild/wishes", NULL),
	    404);
	assert_int_equal(Q("SELECT state = 'open' FROM wishes WHERE id = %lld",
	    w), 1);
	/* community1 withdraws it; a second, stale withdrawal is 409. */
	assert_int_equal(post(c_comm1, path, "csrf=%s&action=withdraw&"
	    "version=%lld", k_comm1, version_of(w)), 303);
	assert_int_equal(post(c_comm1, path, "csrf=%s&action=withdraw&"
	    "version=%lld", k_comm1, version_of(w) - 1), 409);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes WHERE id = %lld AND "
	    "state = 'withdrawn' AND withdrawn_at IS NOT NULL", w), 1);
	assert_int_equal(Q("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'cb_wish_withdraw' AND object = 'wish/%lld'", w), 1);
	snprintf(path, sizeof(path), "/wishes?community=%lld", comm1);
	assert_int_equal(get(NULL, path, &r), 200);
	assert_null(strstr(r.body, T("测试·孩子的课外书")));
	hresp_free(&r);
}

struct claimer {
	struct member	 m;
	long long	 wish, version;
	int		 status;
	pthread_barrier_t *go;
};

static void *
claim_thread(void *arg)
{
	struct claimer	*c = arg;
	struct hresp	 r;
	char		 b[256];

	snprintf(b, sizeof(b), "csrf=%s&action=claim&wish=%lld&version=%lld",
	    c->m.csrf, c->wish, c->version);
	httpc_thread_headers = c->m.hdr;
	httpc_thread_source = c->m.src;
	pthread_barrier_wait(c->go);
	if (http_post("/member/wishes", b, &r) == 0) {
		c->status = r.status;
		hresp_free(&r);
	}
	return NULL;
}

#define NCLAIMERS	8

/* Eight reported members claim one wish at the same moment: one wins. */
static void
concurrent_claims(void **state)
{
	struct claimer	 c[NCLAIMERS];
	pthread_t	 t[NCLAIMERS];
	pthread_barrier_t go;
	long long	 w, v;
	int		 i, won = 0, lost = 0;

	(void)state;
	w = new_wish(c_comm1, k_comm1, comm1, T("测试·一辆轮椅"), "并发乙", "");
	v = version_of(w);
	pthread_barrier_init(&go, NULL, NCLAIMERS);
	for (i = 0; i < NCLAIMERS; i++) {
		member_in(new_member(comm1, 1), &c[i].m);
		c[i].wish = w;
		c[i].version = v;
		c[i].status = 0;
		c[i].go = &go;
	}
	for (i = 0; i < NCLAIMERS; i++)
		assert_int_equal(pthread_create(&t[i], NULL, claim_thread,
		    &c[i]), 0);
	for (i = 0; i < NCLAIMERS; i++)
		pthread_join(t[i], NULL);
	pthread_barrier_destroy(&go);
	for (i = 0; i < NCLAIMERS; i++)
		if (c[i].status == 303)
			won++;
		else if (c[i].status == 409)
			lost++;
		else
			fail_msg("claimer %d: %d", i, c[i].status);
	assert_int_equal(won, 1);
	assert_int_equal(lost, NCLAIMERS - 1);
	assert_int_equal(Q("SELECT COUNT(*) FROM wish_claims WHERE wish_id = "
	    "%lld", w), 1);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes w JOIN wish_claims c "
	    "ON c.wish_id = w.id AND c.member_id = w.claim_member_id WHERE "
	    "w.id = %lld AND w.state = 'claimed' AND c.outcome = 'open' AND "
	    "ABS(TIMESTAMPDIFF(SECOND, w.claimed_at + INTERVAL %d DAY, "
	    "w.claim_due)) <= 1 AND c.due_at = w.claim_due", w,
	    cfg.wish_claim_days), 1);
}

/* A member whose report ran out is refused; one of another community
 * does not see the wish (404); nothing is stored. */
static void
not_reported(void **state)
{
	struct member	 m, o;
	struct hresp	 r;
	long long	 w;

	(void)state;
	w = new_wish(c_comm1, k_comm1, comm1, T("测试·上门理发"), "报到丙", "");
	member_in(new_member(comm1, 0), &m);
	assert_int_equal(mreq(&m, NULL, &r), 200);
	assert_non_null(strstr(r.body, "id=\"not-reported\""));
	hresp_free(&r);
	assert_int_equal(mact(&m, "claim", w, ""), 409);
	member_in(new_member(comm2, 1), &o);
	assert_int_equal(mact(&o, "claim", w, ""), 404);
	/* No token: 403. */
	{
		char	 b[128];

		snprintf(b, sizeof(b), "action=claim&wish=%lld&version=%lld",
		    w, version_of(w));
		assert_int_equal(mreq(&m, b, NULL), 403);
	}
	assert_int_equal(Q("SELECT COUNT(*) FROM wish_claims WHERE wish_id = "
	    "%lld", w), 0);
	assert_int_equal(Q("SELECT state = 'open' FROM wishes WHERE id = %lld",
	    w), 1);
}

/* A claim past its due time lapses: the wish is back on the wall, the
 * claim ends as lapsed at its due time, and another member claims it. */
static void
lapse(void **state)
{
	struct member	 a, b;
	struct hresp	 r;
	char		 path[64];
	long long	 w;

	(void)state;
	w = new_wish(c_comm1, k_comm1, comm1, T("测试·一副老花镜"), "逾期丁", "");
	member_in(new_member(comm1, 1), &a);
	member_in(new_member(comm1, 1), &b);
	assert_int_equal(mact(&a, "claim", w, ""), 303);
	snprintf(path, sizeof(path), "/wishes?community=%lld", comm1);
	assert_int_equal(get(NULL, path, &r), 200);
	assert_null(strstr(r.body, T("测试·一副老花镜")));
	hresp_free(&r);
	EXEC("UPDATE wishes SET claim_due = UTC_TIMESTAMP() - INTERVAL 1 HOUR "
	    "WHERE id = %lld", w);
	EXEC("UPDATE wish_claims SET due_at = UTC_TIMESTAMP() - INTERVAL 1 "
	    "HOUR WHERE wish_id = %lld", w);
	assert_int_equal(get(NULL, path, &r), 200);
	assert_non_null(strstr(r.body, T("测试·一副老花镜")));
	hresp_free(&r);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes WHERE id = %lld AND "
	    "state = 'open' AND claim_member_id IS NULL AND claim_due IS NULL",
	    w), 1);
	assert_int_equal(Q("SELECT COUNT(*) FROM wish_claims WHERE wish_id = "
	    "%lld AND member_id = %lld AND outcome = 'lapsed' AND ended_at = "
	    "due_at", w, a.id), 1);
	/* The first claimer can no longer fulfil it; another claims it. */
	assert_int_equal(mact(&a, "fulfil", w, "&note=%E5%B7%B2%E9%80%81"),
	    409);
	assert_int_equal(mact(&b, "claim", w, ""), 303);
	assert_int_equal(Q("SELECT claim_member_id FROM wishes WHERE id = %lld",
	    w), b.id);
	/* A lapse found by a writer under its lock, before any sweep. */
	EXEC("UPDATE wishes SET claim_due = UTC_TIMESTAMP() - INTERVAL 1 HOUR "
	    "WHERE id = %lld", w);
	assert_int_equal(mact(&a, "claim", w, ""), 303);
	assert_int_equal(Q("SELECT COUNT(*) FROM wish_claims WHERE wish_id = "
	    "%lld AND outcome = 'lapsed'", w), 2);
	assert_int_equal(Q("SELECT claim_member_id FROM wishes WHERE id = %lld",
	    w), a.id);
	/* The staff page shows the history. */
	snprintf(path, sizeof(path), "/cobuild/wishes/%lld", w);
	assert_int_equal(get(c_comm1, path, &r), 200);
	assert_non_null(strstr(r.body, "逾期退回"));
	hresp_free(&r);
}

/*
 * A fresh member (no hours, no claims) claims, fulfils; staff send it
 * back; fulfils again; a stale confirmation is 409; staff confirm: the
 * member's points are 0 + 0 + 1 x points_per_wish = 5, on its page and in
 * its community's ranking.
 */
static void
fulfil_confirm_points(void **state)
{
	struct member	 m;
	struct hresp	 r;
	char		 path[64], rank[160];
	long long	 w, old;

	(void)state;
	assert_int_equal(cfg.points_per_wish, 5);	/* the sum below */
	w = new_wish(c_comm1, k_comm1, comm1, T("测试·一台血压计"), "积分戊", "");
	member_in(new_member(comm1, 1), &m);
	assert_int_equal(mact(&m, "claim", w, ""), 303);
	/* An empty note: 400, nothing changes. */
	assert_int_equal(mact(&m, "fulfil", w, "&note="), 400);
	assert_int_equal(mact(&m, "fulfil", w,
	    "&note=%E5%B7%B2%E9%80%81%E5%88%B0"), 303);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes WHERE id = %lld AND "
	    "state = 'fulfilled' AND fulfil_note = '已送到'", w), 1);
	assert_int_equal(Q("SELECT COUNT(*) FROM wish_claims WHERE wish_id = "
	    "%lld AND outcome = 'fulfilled' AND ended_at IS NOT NULL", w), 1);
	snprintf(path, sizeof(path), "/cobuild/wishes/%lld", w);
	/* grid1 may not confirm. */
	assert_int_equal(post(c_grid1, path, "csrf=%s&action=confirm&"
	    "version=%lld", k_grid1, version_of(w)), 404);
	assert_int_equal(post(c_comm1, path, "csrf=%s&action=return&"
	    "version=%lld", k_comm1, version_of(w)), 303);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes w JOIN wish_claims c "
	    "ON c.wish_id = w.id WHERE w.id = %lld AND w.state = 'claimed' AND "
	    "w.fulfilled_at IS NULL AND c.outcome = 'open' AND c.due_at = "
	    "w.claim_due", w), 1);
	assert_int_equal(mact(&m, "fulfil", w,
	    "&note=%E5%B7%B2%E6%95%99%E4%BC%9A"), 303);
	old = version_of(w) - 1;
	assert_int_equal(post(c_comm1, path, "csrf=%s&action=confirm&"
	    "version=%lld", k_comm1, old), 409);
	assert_int_equal(post(c_comm1, path, "csrf=%s&action=confirm&"
	    "version=%lld", k_comm1, version_of(w)), 303);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes w JOIN users u ON u.id "
	    "= w.confirmed_by WHERE w.id = %lld AND w.state = 'confirmed' AND "
	    "u.username = 'community1'", w), 1);
	assert_int_equal(Q("SELECT COUNT(*) FROM audit_log WHERE object = "
	    "'wish/%lld' AND action IN ('cb_wish_claim', 'cb_wish_fulfil', "
	    "'cb_wish_confirm')", w), 5);
	/* On the wall: fulfilled, title only. */
	snprintf(path, sizeof(path), "/wishes?community=%lld", comm1);
	assert_int_equal(get(NULL, path, &r), 200);
	assert_non_null(strstr(strstr(r.body, "id=\"done\""), T("测试·一台血压计")));
	assert_null(strstr(r.body, "已教会"));
	hresp_free(&r);
	/* The member's page. */
	httpc_headers = m.hdr;
	httpc_source = m.src;
	assert_int_equal(http_get("/member", &r), 0);
	httpc_headers = NULL;
	httpc_source = NULL;
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<td id=\"points\">5</td>"));
	assert_non_null(strstr(r.body, "实现微心愿（经社区确认）× 5"));
	hresp_free(&r);
	/* The community's ranking: 5 points in the member's row. */
	snprintf(path, sizeof(path), "/staff/members/%lld/ranking", comm1);
	assert_int_equal(get(c_comm1, path, &r), 200);
	assert_non_null(strstr(r.body, "<th>微心愿</th>"));
	snprintf(rank, sizeof(rank), "<td>%s</td><td>0</td><td>0</td>"
	    "<td>1</td><td class=\"points\">5</td>", testdb_strf("SELECT name "
	    "FROM party_members WHERE id = %lld", m.id));
	assert_non_null(strstr(r.body, rank));
	hresp_free(&r);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes WHERE claim_member_id "
	    "= %lld AND state = 'confirmed'", m.id), 1);
}

/* unit1 claims a wish of its community, sees it, releases it. */
static void
unit_claim(void **state)
{
	struct hresp	 r;
	long long	 w, unit;

	(void)state;
	unit = Q("SELECT unit_id FROM users WHERE username = 'unit1'");
	w = new_wish(c_comm1, k_comm1, comm1, T("测试·冬天的厚棉被"), "单位己",
	    "");
	assert_int_equal(get(c_unit1, "/unit/wishes", &r), 200);
	assert_non_null(strstr(strstr(r.body, "id=\"open\""),
	    T("测试·冬天的厚棉被")));
	hresp_free(&r);
	assert_int_equal(post(c_unit1, "/unit/wishes", "csrf=%s&action=claim&"
	    "wish=%lld&version=%lld", k_unit1, w, version_of(w)), 303);
	assert_int_equal(Q("SELECT claim_unit_id FROM wishes WHERE id = %lld "
	    "AND state = 'claimed'", w), unit);
	assert_int_equal(get(c_unit1, "/unit/wishes", &r), 200);
	assert_non_null(strstr(strstr(r.body, "id=\"mine\""),
	    T("测试·冬天的厚棉被")));
	hresp_free(&r);
	/* No token: 403. */
	assert_int_equal(post(c_unit1, "/unit/wishes", "action=release&"
	    "wish=%lld&version=%lld", w, version_of(w)), 403);
	assert_int_equal(post(c_unit1, "/unit/wishes", "csrf=%s&"
	    "action=release&wish=%lld&version=%lld", k_unit1, w,
	    version_of(w)), 303);
	assert_int_equal(Q("SELECT COUNT(*) FROM wishes w JOIN wish_claims c ON "
	    "c.wish_id = w.id WHERE w.id = %lld AND w.state = 'open' AND "
	    "w.claim_unit_id IS NULL AND c.unit_id = %lld AND c.outcome = "
	    "'released'", w, unit), 1);
	/* The staff list filters by state and community. */
	{
		char	 path[96];

		snprintf(path, sizeof(path), "/cobuild/wishes?state=open&"
		    "region=%lld", comm1);
		assert_int_equal(get(c_comm1, path, &r), 200);
		assert_non_null(strstr(r.body, T("测试·冬天的厚棉被")));
		hresp_free(&r);
		snprintf(path, sizeof(path), "/cobuild/wishes?state=withdrawn&"
		    "region=%lld", comm1);
		assert_int_equal(get(c_comm1, path, &r), 200);
		assert_null(strstr(r.body, T("测试·冬天的厚棉被")));
		hresp_free(&r);
	}
}

/* The count of needle in hay. */
static int
count_of(const char *hay, const char *needle)
{
	int	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

/*
 * The wall shows 20 open wishes a page, oldest first: the heading counts
 * them all (as SQL counts them here), the last page holds the rest, a
 * page beyond it none.
 */
static void
wall_pages(void **state)
{
	struct hresp	 r;
	long long	 total, pages, last;
	char		 path[64], heading[64];

	(void)state;
	/* every page's first look sweeps lapsed claims: sweep, then count */
	assert_int_equal(get(NULL, "/wishes", &r), 200);
	hresp_free(&r);
	total = Q("SELECT COUNT(*) FROM wishes WHERE state = 'open'");
	assert_true(total > 20);	/* the demo's wishes and this test's */
	pages = (total + 19) / 20;
	last = total - 20 * (pages - 1);
	assert_int_equal(get(NULL, "/wishes", &r), 200);
	snprintf(heading, sizeof(heading), "待认领（%lld）", total);
	assert_non_null(strstr(r.body, heading));
	assert_int_equal(count_of(r.body, "价值上限"), 20);
	assert_non_null(strstr(r.body, "/wishes?page=2\">下一页"));
	assert_null(strstr(r.body, "上一页"));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/wishes?page=%lld", pages);
	assert_int_equal(get(NULL, path, &r), 200);
	assert_int_equal(count_of(r.body, "价值上限"), last);
	assert_non_null(strstr(r.body, "上一页"));
	assert_null(strstr(r.body, "下一页"));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/wishes?page=%lld", pages + 1);
	assert_int_equal(get(NULL, path, &r), 200);
	assert_int_equal(count_of(r.body, "价值上限"), 0);
	assert_non_null(strstr(r.body, "没有这一页"));
	hresp_free(&r);
	assert_int_equal(get(NULL, "/wishes?page=0", &r), 404);
	hresp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(wall_without_personal_data),
		cmocka_unit_test(bad_input),
		cmocka_unit_test(scope),
		cmocka_unit_test(concurrent_claims),
		cmocka_unit_test(not_reported),
		cmocka_unit_test(lapse),
		cmocka_unit_test(fulfil_confirm_points),
		cmocka_unit_test(unit_claim),
		cmocka_unit_test(wall_pages),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
