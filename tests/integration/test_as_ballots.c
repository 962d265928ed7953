/*
 * Democratic ballots (民主测评), issue 22 point 3, through nginx.  The
 * fixture (a scheme with two ballot indicators and one entered score, a
 * district round over the communities of community1 and community2,
 * open) is made by SQL, independent of the scheme and round pages.  The
 * district issues codes on /assess/rounds/{id}/ballots and gets them
 * once, as slips and as the same batch's CSV; the database holds their
 * BLAKE2b-256 hashes only and the audit line names the batch, never a
 * code.  A code votes once on /vote; any code that cannot vote gets the
 * one neutral message, and an address giving wrong codes is slowed down
 * (429).  Every item must be answered.  Turnout shows during the round,
 * results only once it is closed, "参评率不足" below the round's minimum
 * turnout.  200 concurrent ballots, 20 codes sent 10 times each and 40
 * sent once, count each code exactly once; the schema cannot join a
 * tally to a code or a time.  Expected figures are worked out here from
 * what the test sent.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <sodium.h>

#include "config.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

#define CODE_BAD	"该测评码已使用或无效"
#define MAXCODES	64

/* The fixture: ids of the scheme's ballot items, the round, targets. */
static int	 item1, item2, round1, t1, t2;
static char	 dcookie[128], dcsrf[65];

/*
 * A scheme (2 ballot indicators, 1 score) and an open district round
 * over the communities of community1 and community2 (targets n of them,
 * 1 or 2), by SQL; returns the round's id and sets the items' ids.
 */
static int
make_round(int ntargets, const char *min_turnout, int *i1, int *i2)
{
	char	 name[64];
	int	 scheme, round;

	snprintf(name, sizeof(name), "测评方案%08x", randombytes_random());
	assert_true(testdb_execf("INSERT INTO assess_schemes (district_id, "
	    "name, year, version, target, in_use, created_by, created_at) "
	    "SELECT g.district_id, '%s', 2026, 1, 'community', TRUE, u.id, "
	    "UTC_TIMESTAMP() FROM users u JOIN regions g ON g.id = u.region_id "
	    "WHERE u.username = 'district'", name) == 1);
	scheme = (int)testdb_intf("SELECT id FROM assess_schemes WHERE "
	    "name = '%s'", name);
	assert_true(scheme > 0);
	assert_true(testdb_execf("INSERT INTO assess_indicators (scheme_id, "
	    "position, name, weight, source, floor_value, target_value, "
	    "description) VALUES (%d, 0, '党组织书记履职情况', 10, 'ballot', "
	    "0.6, 0.95, '述职评议'), (%d, 1, '为民服务成效', 10, 'ballot', "
	    "0.6, 0.95, ''), (%d, 2, '重点工作完成情况', 80, 'score', NULL, "
	    "NULL, '')", scheme, scheme, scheme) == 3);
	*i1 = (int)testdb_intf("SELECT id FROM assess_indicators WHERE "
	    "scheme_id = %d AND position = 0", scheme);
	*i2 = (int)testdb_intf("SELECT id FROM assess_indicators WHERE "
	    "scheme_id = %d AND position = 1", scheme);
	assert_true(testdb_execf("INSERT INTO assess_rounds (scheme_id, "
	    "region_id, name, period_from, period_to, min_turnout, state, "
	    "opened_at, created_by, created_at) SELECT %d, u.region_id, "
	    "'2026年度社区书记民主测评 %s', '2026-01-01', '2026-12-31', %s, "
	    "'open', UTC_TIMESTAMP(), u.id, UTC_TIMESTAMP() FROM users u "
	    "WHERE u.username = 'district'", scheme, name + 12,
	    min_turnout) == 1);
	round = (int)testdb_intf("SELECT MAX(id) FROM assess_rounds WHERE "
	    "scheme_id = %d", scheme);
	assert_true(testdb_execf("INSERT INTO assess_targets (round_id, "
	    "target_id) SELECT %d, region_id FROM users WHERE username IN "
	    "('community1'%s)", round, ntargets > 1 ? ", 'community2'" : "") ==
	    ntargets);
	return round;
}

/* The region id of a user's home. */
static int
home_of(const char *user)
{
	return (int)testdb_intf("SELECT region_id FROM users WHERE "
	    "username = '%s'", user);
}

/*
 * Issue count codes for target (0: all) of round as the district; the
 * status, and the codes of the slips into codes[] (*n of them).
 */
static int
issue(int round, int target, int count, long long issued,
    char codes[][16], size_t *n, char **body)
{
	struct hresp	 r;
	char		 path[64], form[256];
	const char	*p;
	int		 st;

	snprintf(path, sizeof(path), "/assess/rounds/%d/ballots", round);
	snprintf(form, sizeof(form), "csrf=%s&target=%d&count=%d&issued=%lld",
	    dcsrf, target, count, issued);
	assert_int_equal(req(dcookie, "POST", path, form, &r), 0);
	st = r.status;
	*n = 0;
	for (p = r.body; (p = strstr(p, "name=\"code\" value=\"")) != NULL &&
	    *n < MAXCODES; (*n)++) {
		p += strlen("name=\"code\" value=\"");
		assert_int_equal(strcspn(p, "\""), 10);
		memcpy(codes[*n], p, 10);
		codes[*n][10] = '\0';
	}
	if (body != NULL)
		*body = strdup(r.body);
	hresp_free(&r);
	return st;
}

/* POST /vote with body; the status, the body into *out when not NULL. */
static int
vote(const char *body, char **out)
{
	struct hresp	 r;
	int		 st;

	assert_int_equal(http_post("/vote", body, &r), 0);
	st = r.status;
	if (out != NULL)
		*out = strdup(r.body);
	else if (st == 400 || st == 409)
		assert_non_null(strstr(r.body, CODE_BAD));
	hresp_free(&r);
	return st;
}

static long long
tally(int round, int target, int item, const char *choice)
{
	return testdb_intf("SELECT COALESCE(SUM(votes), 0) FROM "
	    "ballot_tallies WHERE round_id = %d AND target_id = %d AND "
	    "indicator_id = %d AND choice = '%s'", round, target, item,
	    choice);
}

static long long
spent(int round)
{
	return testdb_intf("SELECT COUNT(*) FROM ballot_codes WHERE "
	    "round_id = %d AND spent", round);
}

static char	 codes1[MAXCODES][16], codes2[MAXCODES][16];
static size_t	 n1, n2;

/* The district issues 3 codes for t1, then 4 for t2; shown once, stored
 * as hashes, the audit line without codes; a stale form issues nothing;
 * who is not the assessing level gets 404. */
static void
issue_codes(void **state)
{
	unsigned char	 h[32];
	char		 hex[65], path[64], *body, cookie[128], csrf[65];
	size_t		 i, k;

	(void)state;
	snprintf(path, sizeof(path), "/assess/rounds/%d/ballots", round1);
	assert_int_equal(status_of(dcookie, "GET", path, NULL), 200);
	assert_int_equal(issue(round1, t1, 3, 0, codes1, &n1, &body), 200);
	assert_int_equal(n1, 3);
	assert_non_null(strstr(body, "党组织书记履职情况"));
	assert_non_null(strstr(body, "/vote"));
	assert_non_null(strstr(body, "class=\"slip\""));
	free(body);
	assert_int_equal(issue(round1, t2, 4, 3, codes2, &n2, NULL), 200);
	assert_int_equal(n2, 4);
	/* Stored: the hashes, of the right targets; no code in the clear. */
	for (i = 0; i < n1 + n2; i++) {
		const char *c = i < n1 ? codes1[i] : codes2[i - n1];

		crypto_generichash(h, sizeof(h), (const unsigned char *)c,
		    strlen(c), NULL, 0);
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		assert_int_equal(testdb_intf("SELECT target_id FROM "
		    "ballot_codes WHERE code_hash = UNHEX('%s') AND "
		    "round_id = %d AND NOT spent", hex, round1), i < n1 ? t1 :
		    t2);
		for (k = 0; k < i; k++)
			assert_string_not_equal(c, k < n1 ? codes1[k] :
			    codes2[k - n1]);
	}
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM ballot_codes WHERE "
	    "round_id = %d", round1), 7);
	/* The audit: round, batch and counts; never a code. */
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'as_codes' AND object = 'round:%d' AND detail LIKE "
	    "'batch 1: 3 codes, 3 per target, targets %d'", round1, t1), 1);
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'as_codes' AND object = 'round:%d' AND detail LIKE "
	    "'batch 2: 4 codes%%'", round1), 1);
	for (i = 0; i < n1; i++)
		assert_int_equal(testdb_intf("SELECT COUNT(*) FROM audit_log "
		    "WHERE detail LIKE '%%%s%%' OR object LIKE '%%%s%%'",
		    codes1[i], codes1[i]), 0);
	/* The same form again (issued=3 is stale now): nothing issued. */
	assert_int_equal(issue(round1, t1, 3, 3, codes2 + 10, &k, NULL), 409);
	assert_int_equal(k, 0);
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM ballot_codes WHERE "
	    "round_id = %d", round1), 7);
	/* Bad counts and targets: 400, nothing stored. */
	assert_int_equal(issue(round1, t1, 0, 7, codes2 + 10, &k, NULL), 400);
	assert_int_equal(issue(round1, t1, 501, 7, codes2 + 10, &k, NULL),
	    400);
	assert_int_equal(issue(round1, home_of("street1"), 2, 7, codes2 + 10,
	    &k, NULL), 400);
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM ballot_codes WHERE "
	    "round_id = %d", round1), 7);
	/* Not the assessing level: 404, on the page and the post. */
	must_login("street1", cookie);
	csrf_of(cookie, csrf);
	assert_int_equal(status_of(cookie, "GET", path, NULL), 404);
	assert_int_equal(status_of(cookie, "POST", path, testdb_fmt("csrf=%s&"
	    "target=0&count=1&issued=7", csrf)), 404);
	must_login("community1", cookie);
	assert_int_equal(status_of(cookie, "GET", path, NULL), 404);
}

/* The batch's CSV from the codes the slips carry; a code not of the
 * batch is refused. */
static void
csv_of_batch(void **state)
{
	struct hresp	 r;
	char		 path[64], form[512], g[16];
	size_t		 i, len;

	(void)state;
	snprintf(path, sizeof(path), "/assess/rounds/%d/ballots/csv", round1);
	len = (size_t)snprintf(form, sizeof(form), "csrf=%s&batch=1", dcsrf);
	for (i = 0; i < n1; i++)
		len += (size_t)snprintf(form + len, sizeof(form) - len,
		    "&code=%s", codes1[i]);
	assert_int_equal(req(dcookie, "POST", path, form, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(hresp_header(&r, "Content-Type"), "text/csv"));
	assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
	for (i = 0; i < n1; i++) {
		snprintf(g, sizeof(g), "%.5s-%.5s", codes1[i], codes1[i] + 5);
		assert_non_null(strstr(r.body, g));
	}
	assert_non_null(strstr(r.body, "/vote"));
	hresp_free(&r);
	/* batch 1 with a code of batch 2 */
	snprintf(form, sizeof(form), "csrf=%s&batch=1&code=%s", dcsrf,
	    codes2[0]);
	assert_int_equal(status_of(dcookie, "POST", path, form), 400);
}

/* A code shows the ballot (typed in lower case with spaces), votes once;
 * the second vote with it counts nothing. */
static void
code_votes_once(void **state)
{
	char	 body[256], *page, typed[32];

	(void)state;
	snprintf(typed, sizeof(typed), "%.5s %.5s", codes1[0], codes1[0] + 5);
	for (char *p = typed; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	http_enc(body, sizeof(body), typed);
	memmove(body + 5, body, strlen(body) + 1);
	memcpy(body, "code=", 5);
	assert_int_equal(vote(body, &page), 200);
	assert_non_null(strstr(page, "党组织书记履职情况"));
	assert_non_null(strstr(page, "为民服务成效"));
	assert_null(strstr(page, "重点工作完成情况"));	/* not a ballot item */
	assert_non_null(strstr(page, testdb_strf("SELECT name FROM regions "
	    "WHERE id = %d", t1)));
	assert_non_null(strstr(page, "type=\"radio\""));
	free(page);
	assert_int_equal(spent(round1), 0);
	/* An item left out: 400, nothing spent or counted. */
	snprintf(body, sizeof(body), "cast=1&code=%s&q0=satisfied", codes1[0]);
	assert_int_equal(vote(body, &page), 400);
	assert_non_null(strstr(page, "每一项都须选择"));
	free(page);
	assert_int_equal(spent(round1), 0);
	assert_int_equal(tally(round1, t1, item1, "satisfied"), 0);
	/* The vote. */
	snprintf(body, sizeof(body), "cast=1&code=%s&q0=satisfied&"
	    "q1=basically", codes1[0]);
	assert_int_equal(vote(body, &page), 303);
	free(page);
	assert_int_equal(spent(round1), 1);
	assert_int_equal(tally(round1, t1, item1, "satisfied"), 1);
	assert_int_equal(tally(round1, t1, item2, "basically"), 1);
	assert_int_equal(http_status("/vote?done=1"), 200);
	/* Again: counted once. */
	snprintf(body, sizeof(body), "cast=1&code=%s&q0=unsatisfied&"
	    "q1=unsatisfied", codes1[0]);
	assert_int_equal(vote(body, NULL), 409);
	snprintf(body, sizeof(body), "code=%s", codes1[0]);
	assert_int_equal(vote(body, NULL), 400);
	assert_int_equal(tally(round1, t1, item1, "unsatisfied"), 0);
	assert_int_equal(tally(round1, t1, item1, "satisfied"), 1);
	assert_int_equal(spent(round1), 1);
	/* Two more: t1 has 3 of 3 codes spent, t2 1 of 4 (25%). */
	snprintf(body, sizeof(body), "cast=1&code=%s&q0=unsatisfied&"
	    "q1=satisfied", codes1[1]);
	assert_int_equal(vote(body, NULL), 303);
	snprintf(body, sizeof(body), "cast=1&code=%s&q0=basically&"
	    "q1=satisfied", codes1[2]);
	assert_int_equal(vote(body, NULL), 303);
	snprintf(body, sizeof(body), "cast=1&code=%s&q0=satisfied&"
	    "q1=satisfied", codes2[0]);
	assert_int_equal(vote(body, NULL), 303);
}

/* Unknown, malformed and spent codes: one neutral answer; an address
 * giving wrong codes gets 429, even for a good code, others do not. */
static void
wrong_codes_neutral(void **state)
{
	char	 body[128], *a, *b, *c;
	int	 i, st, limited = 0;

	(void)state;
	assert_int_equal(vote("code=23456ABCDE", &a), 400);	/* unknown */
	assert_int_equal(vote("code=xyz", &b), 400);		/* malformed */
	snprintf(body, sizeof(body), "code=%s", codes1[0]);	/* spent */
	assert_int_equal(vote(body, &c), 400);
	assert_non_null(strstr(a, CODE_BAD));
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	free(a);
	free(b);
	free(c);
	/* The test stack allows 5 wrong codes per address. */
	httpc_source = "127.0.4.20";
	for (i = 0; i < 8; i++) {
		snprintf(body, sizeof(body), "code=%.6s%04d", "ABCDEF", i);
		st = vote(body, NULL);
		if (st == 429)
			limited++;
		else
			assert_int_equal(st, 400);
	}
	assert_true(limited >= 2);
	snprintf(body, sizeof(body), "code=%s", codes2[1]);
	assert_int_equal(vote(body, NULL), 429);
	httpc_source = "127.0.4.21";
	assert_int_equal(vote(body, NULL), 200);
	httpc_source = NULL;
}

/* During the round: turnout, no results; closed: results, "参评率不足"
 * for t2 (1 of 4 < 50%), and codes refused; published: community1's
 * staff see their own community only. */
static void
results_after_close(void **state)
{
	struct hresp	 r;
	char		 path[64], body[128], cookie[128];
	const char	*p;

	(void)state;
	snprintf(path, sizeof(path), "/assess/rounds/%d/ballots", round1);
	assert_int_equal(req(dcookie, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "测评结果在考评轮次结束后显示"));
	assert_null(strstr(r.body, "满意率</th>"));
	p = strstr(r.body, testdb_fmt("<tr data-target=\"%d\">", t1));
	assert_non_null(p);
	assert_non_null(strstr(p, "<td class=\"num\">3</td><td class=\"num\">"
	    "3</td><td class=\"num\">100.0%"));
	p = strstr(r.body, testdb_fmt("<tr data-target=\"%d\">", t2));
	assert_non_null(strstr(p, "<td class=\"num\">4</td><td class=\"num\">"
	    "1</td><td class=\"num\">25.0%"));
	hresp_free(&r);
	assert_true(testdb_execf("UPDATE assess_rounds SET state = 'closed', "
	    "closed_at = UTC_TIMESTAMP() WHERE id = %d", round1) == 1);
	/* Closed: an unspent code neither shows a ballot nor votes. */
	snprintf(body, sizeof(body), "code=%s", codes2[2]);
	assert_int_equal(vote(body, NULL), 400);
	snprintf(body, sizeof(body), "cast=1&code=%s&q0=satisfied&"
	    "q1=satisfied", codes2[2]);
	assert_int_equal(vote(body, NULL), 409);
	assert_int_equal(spent(round1), 4);
	assert_int_equal(req(dcookie, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	/* t1: item1 1 satisfied, 1 basically, 1 unsatisfied: 66.7%;
	 * item2 2 satisfied, 1 basically: 100.0%. */
	p = strstr(r.body, testdb_fmt("<div class=\"card\" data-target=\"%d\">",
	    t1));
	assert_non_null(p);
	assert_non_null(strstr(p, testdb_fmt("<tr data-item=\"%d\">", item1)));
	assert_non_null(strstr(p, "<td class=\"num\">1</td><td class=\"num\">"
	    "1</td><td class=\"num\">1</td><td class=\"num share\">66.7%"));
	assert_non_null(strstr(p, "<td class=\"num\">2</td><td class=\"num\">"
	    "1</td><td class=\"num\">0</td><td class=\"num share\">100.0%"));
	p = strstr(r.body, testdb_fmt("<div class=\"card\" data-target=\"%d\">",
	    t2));
	assert_non_null(p);
	assert_true(strncmp(strstr(p, "</h3>\n"), "</h3>\n<p class=\""
	    "insufficient\"><strong>参评率不足</strong>", 30) == 0);
	assert_null(strstr(p, "share"));
	hresp_free(&r);
	/* Not published: community staff see nothing. */
	must_login("community1", cookie);
	assert_int_equal(status_of(cookie, "GET", path, NULL), 404);
	assert_true(testdb_execf("UPDATE assess_rounds SET state = "
	    "'published', published_at = UTC_TIMESTAMP() WHERE id = %d",
	    round1) == 1);
	assert_int_equal(req(cookie, "GET", path, NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, testdb_fmt("data-target=\"%d\"", t1)));
	assert_null(strstr(r.body, testdb_fmt("data-target=\"%d\"", t2)));
	assert_null(strstr(r.body, "发放测评码</h2>"));
	hresp_free(&r);
	/* The index lists the round for both. */
	assert_int_equal(req(cookie, "GET", "/assess/ballots", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, testdb_fmt("/assess/rounds/%d/ballots",
	    round1)));
	hresp_free(&r);
}

/* ---- 200 concurrent ballots ---- */

#define REUSED		20
#define REPEAT		10
#define FRESH		40
#define POSTS		(REUSED * REPEAT + FRESH)
#define THREADS		40

static char	 ccodes[REUSED + FRESH][16];
static int	 cround, ci1, ci2;
static int	 cjob, cstatus[POSTS];
static const char *cwhat[POSTS];
static pthread_barrier_t cbar;

static void *
voter(void *arg)
{
	struct hresp	 r;
	char		 body[128];
	int		 j;

	(void)arg;
	pthread_barrier_wait(&cbar);
	while ((j = __atomic_fetch_add(&cjob, 1, __ATOMIC_SEQ_CST)) < POSTS) {
		snprintf(body, sizeof(body), "cast=1&code=%s&q0=satisfied&"
		    "q1=unsatisfied", cwhat[j]);
		if (http_post("/vote", body, &r) == 0) {
			cstatus[j] = r.status;
			hresp_free(&r);
		}
	}
	return NULL;
}

static void
concurrent_ballots(void **state)
{
	pthread_t	 th[THREADS];
	char		 c[MAXCODES][16];
	size_t		 n = 0, i;
	int		 t, ok = 0, refused = 0, j;

	(void)state;
	cround = make_round(1, "0.5", &ci1, &ci2);
	t = home_of("community1");
	assert_int_equal(issue(cround, t, REUSED, 0, c, &n, NULL), 200);
	assert_int_equal(n, REUSED);
	memcpy(ccodes, c, sizeof(ccodes[0]) * REUSED);
	assert_int_equal(issue(cround, t, FRESH, REUSED, c, &n, NULL), 200);
	assert_int_equal(n, FRESH);
	memcpy(ccodes + REUSED, c, sizeof(ccodes[0]) * FRESH);
	/* Each reused code's posts side by side, so that they meet. */
	for (j = 0; j < REUSED * REPEAT; j++)
		cwhat[j] = ccodes[j / REPEAT];
	for (j = 0; j < FRESH; j++)
		cwhat[REUSED * REPEAT + j] = ccodes[REUSED + j];
	pthread_barrier_init(&cbar, NULL, THREADS);
	for (i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, voter, NULL), 0);
	for (i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&cbar);
	for (j = 0; j < POSTS; j++) {
		if (cstatus[j] == 303)
			ok++;
		else if (cstatus[j] == 409)
			refused++;
		else
			fail_msg("post %d: status %d", j, cstatus[j]);
	}
	assert_int_equal(ok, REUSED + FRESH);
	assert_int_equal(refused, REUSED * (REPEAT - 1));
	assert_int_equal(spent(cround), REUSED + FRESH);
	assert_int_equal(tally(cround, t, ci1, "satisfied"), REUSED + FRESH);
	assert_int_equal(tally(cround, t, ci2, "unsatisfied"), REUSED + FRESH);
	assert_int_equal(testdb_intf("SELECT SUM(votes) FROM ballot_tallies "
	    "WHERE round_id = %d", cround), 2 * (REUSED + FRESH));
}

/* Nothing in the schema joins a tally to a code, a voter or a time. */
static void
schema_cannot_join(void **state)
{
	(void)state;
	assert_string_equal(testdb_str("SELECT GROUP_CONCAT(column_name "
	    "ORDER BY column_name) FROM information_schema.columns WHERE "
	    "table_schema = DATABASE() AND table_name = 'ballot_tallies'"),
	    "choice,indicator_id,round_id,target_id,votes");
	assert_string_equal(testdb_str("SELECT GROUP_CONCAT(column_name "
	    "ORDER BY column_name) FROM information_schema.columns WHERE "
	    "table_schema = DATABASE() AND table_name = 'ballot_codes'"),
	    "batch,code_hash,id,issued_by,round_id,spent,target_id");
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM "
	    "information_schema.columns WHERE table_schema = DATABASE() AND "
	    "table_name IN ('ballot_tallies', 'ballot_codes') AND data_type "
	    "IN ('date', 'datetime', 'timestamp', 'time', 'year')"), 0);
	/* No trigger copies a vote anywhere. */
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM "
	    "information_schema.triggers WHERE trigger_schema = DATABASE() "
	    "AND event_object_table IN ('ballot_tallies', 'ballot_codes')"),
	    0);
}

static int
setup(void **state)
{
	struct config	 c;

	(void)state;
	if (sodium_init() == -1 || testdb_config(&c) != 0)
		return -1;
	round1 = make_round(2, "0.5", &item1, &item2);
	t1 = home_of("community1");
	t2 = home_of("community2");
	must_login("district", dcookie);
	csrf_of(dcookie, dcsrf);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(issue_codes),
		cmocka_unit_test(csv_of_batch),
		cmocka_unit_test(code_votes_once),
		cmocka_unit_test(wrong_codes_neutral),
		cmocka_unit_test(results_after_close),
		cmocka_unit_test(concurrent_ballots),
		cmocka_unit_test(schema_cannot_join),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
