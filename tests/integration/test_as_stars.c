/*
 * Star ratings (星级评定) of 两新 organisations, issue 22 point 4, through
 * nginx and the admin command's import: organisations imported (a good
 * file; a bad one reporting every bad row by line and storing nothing);
 * a year's sub-indicators must sum to 100 (nothing stored otherwise),
 * copied from the year before, frozen once a rating was submitted; the
 * whole flow self -> street -> district with every transition's
 * permission (the organisation's account only its own, a street official
 * only its street's and only at state self, the district only at state
 * street, the wrong state and a stale version 409, two posts at once one
 * winner); the bands at their edges (59.99, 60, 89.99, 90); the history;
 * the district's counts per street checked against SQL of our own.  The
 * test's years (2091, 2092) are not the demo's.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "db.h"
#include "httpc.h"
#include "import.h"
#include "staffc.h"
#include "testdb.h"

#define Y1	2091
#define Y2	2092
#define F	testdb_fmt
#define QINT	testdb_intf
#define QSTR	testdb_strf
#define EXEC(...) assert_true(testdb_execf(__VA_ARGS__) >= 0)

static struct config	 cfg;
static char		 sfx[16];
static char		 dir[64];

/* The organisations this test imports (西兴街道 but E in 长河街道), their
 * accounts' cookies, ids. */
enum { OA, OC, OD, OE, OF, OB, NORG };
static const char *const onames[NORG] = { "甲科技有限公司", "丙餐饮有限公司",
	"丁社工服务中心", "戊物流有限公司", "己律师事务所", "乙商贸有限公司" };
static long long	 oid[NORG];
static char		 ocookie[NORG][128];

/* Items of Y1 in order, their points (hundredths). */
static long long	 item[64], imax[64];
static int		 nitem;

/* ---- helpers -------------------------------------------------------- */

/* Write csv to a file and import it as kind: the exit status; err
 * (static) what it printed there. */
static int
import(enum import_kind kind, const char *csv, char **errout)
{
	static char	*err;
	char		 path[128];
	FILE		*fp, *o, *e;
	char		*out = NULL;
	size_t		 ol = 0, el = 0;
	int		 rc;

	free(err);
	err = NULL;
	snprintf(path, sizeof(path), "%s/orgs.csv", dir);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(csv, 1, strlen(csv), fp), strlen(csv));
	assert_int_equal(fclose(fp), 0);
	assert_non_null(o = open_memstream(&out, &ol));
	assert_non_null(e = open_memstream(&err, &el));
	rc = import_file(&cfg, kind, path, o, e);
	fclose(o);
	fclose(e);
	unlink(path);
	free(out);
	*errout = err;
	return rc;
}

static int
post(const char *c, const char *path, const char *body)
{
	return status_of(c, "POST", path, body);
}

/* GET path as c: the status, the body into r (free it). */
static int
get(const char *c, const char *path, struct hresp *r)
{
	assert_int_equal(req(c, "GET", path, NULL, r), 0);
	return r->status;
}

/* The CSRF token of the page at path. */
static void
csrf_from(const char *c, const char *path, char csrf[65])
{
	struct hresp	 r;
	const char	*p;

	assert_int_equal(get(c, path, &r), 200);
	assert_non_null(p = strstr(r.body, "name=\"csrf\" value=\""));
	memcpy(csrf, p + 19, 64);
	csrf[64] = '\0';
	hresp_free(&r);
}

static long long
version_of(int o, int year)
{
	return QINT("SELECT COALESCE(MAX(version), 0) FROM star_ratings WHERE "
	    "unit_id = %lld AND year = %d", oid[o], year);
}

static const char *
state_of(int o, int year)
{
	const char	*s = QSTR("SELECT state FROM star_ratings WHERE "
	    "unit_id = %lld AND year = %d", oid[o], year);

	return s != NULL ? s : "none";
}

/* "item=I&points=P&..." giving total t (hundredths), the items filled
 * in order, the rest of the points on the next one; except: item skip
 * left out, or item over given its maximum + 1. */
static const char *
points_body(long long t, int skip, int over)
{
	static char	 b[4096];
	long long	 p;
	size_t		 n = 0;
	int		 i;

	b[0] = '\0';
	for (i = 0; i < nitem; i++) {
		p = t > imax[i] ? imax[i] : t;
		t -= p;
		if (i == over)
			p = imax[i] + 100;
		if (i == skip)
			continue;
		n += (size_t)snprintf(b + n, sizeof(b) - n, "&item=%lld&"
		    "points=%lld.%02lld", item[i], p / 100, p % 100);
	}
	return b;
}

/* The items of year into item[], imax[]. */
static void
load_items(int year)
{
	int	 i;

	nitem = (int)QINT("SELECT COUNT(*) FROM star_items WHERE year = %d",
	    year);
	for (i = 0; i < nitem; i++) {
		item[i] = QINT("SELECT id FROM star_items WHERE year = %d ORDER "
		    "BY grp, position LIMIT 1 OFFSET %d", year, i);
		imax[i] = QINT("SELECT max_points * 100 FROM star_items WHERE "
		    "id = %lld", item[i]);
	}
}

/* The step of organisation o's rating of year by c. */
static int
step(const char *c, const char *csrf, int o, int year, const char *action,
    long long version, const char *rest)
{
	return post(c, F("/assess/stars/org/%lld", oid[o]), F("csrf=%s&year=%d&"
	    "version=%lld&action=%s%s", csrf, year, version, action, rest));
}

/* The organisation's own step (save, submit). */
static int
self_step(int o, int year, const char *action, long long version,
    const char *rest)
{
	char	 csrf[65];

	csrf_from(ocookie[o], F("/unit/stars?year=%d", year), csrf);
	return post(ocookie[o], "/unit/stars", F("csrf=%s&year=%d&version=%lld&"
	    "action=%s&note=%s%s", csrf, year, version, action, "自评说明",
	    rest));
}

/* A new street official of region id (org1's password). */
static void
official(const char *name, int region, char cookie[128])
{
	EXEC("INSERT INTO users (username, display_name, role, region_id, "
	    "password_hash, created_at) SELECT '%s', '测试干部', "
	    "'street_official', %d, password_hash, UTC_TIMESTAMP() FROM users "
	    "WHERE username = 'org1'", name, region);
	must_login(name, cookie);
}

/* ---- the tests ------------------------------------------------------ */

static void
import_good_and_bad(void **state)
{
	char		*err, csv[4096];
	const char	*comm, *st2;
	long long	 before;
	int		 o;

	(void)state;
	/* 西兴街道's first community (street1's street) and 长河街道. */
	assert_non_null(comm = QSTR("SELECT code FROM regions WHERE id = "
	    "(SELECT region_id FROM users WHERE username = 'community1')"));
	comm = strdup(comm);
	assert_non_null(st2 = QSTR("SELECT code FROM regions WHERE level = 2 "
	    "AND id <> (SELECT region_id FROM users WHERE username = "
	    "'street1') ORDER BY sort, id LIMIT 1"));
	st2 = strdup(st2);
	before = QINT("SELECT COUNT(*) FROM units");
	/* Bad: a 机关 is no 两新 organisation, an unknown code, a name
	 * twice, a bad phone, a grid's code: every line reported. */
	snprintf(csv, sizeof(csv), "名称,类型,行业,所在区域编码,联系电话\n"
	    "坏甲%s,机关,政务,%s,\n"
	    "坏乙%s,非公企业,餐饮,nosuchcode,\n"
	    "坏丙%s,社会组织,养老,%s,123\n"
	    "坏丙%s,社会组织,养老,%s,\n"
	    "坏丁%s,非公企业,制造,%s,\n", sfx, comm, sfx, sfx, comm, sfx,
	    comm, sfx, QSTR("SELECT code FROM regions WHERE level = 4 LIMIT 1"));
	assert_int_equal(import(IMPORT_ORGS, csv, &err), 1);
	assert_non_null(strstr(err, ":2: org_kind:"));
	assert_non_null(strstr(err, ":3: region_code: 区域编码不存在"));
	assert_non_null(strstr(err, ":4: contact_phone:"));
	assert_non_null(strstr(err, ":5: name: 在文件中重复"));
	assert_non_null(strstr(err, ":6: region_code: 两新组织应属于街道或社区"));
	assert_non_null(strstr(err, "未导入任何数据"));
	assert_int_equal(QINT("SELECT COUNT(*) FROM units"), before);
	/* Good. */
	snprintf(csv, sizeof(csv), "name,org_kind,sector,region_code,party_org,"
	    "secretary,contact,contact_phone\n");
	for (o = 0; o < NORG; o++)
		snprintf(csv + strlen(csv), sizeof(csv) - strlen(csv),
		    "%s%s,%s,测试行业,%s,%s%s党支部,张书记,李联络,1390000%04d\n",
		    onames[o], sfx, o == OD || o == OF ? "社会组织" : "非公企业",
		    o == OB ? st2 : comm, onames[o], sfx, o);
	assert_int_equal(import(IMPORT_ORGS, csv, &err), 0);
	assert_int_equal(QINT("SELECT COUNT(*) FROM units"), before + NORG);
	for (o = 0; o < NORG; o++) {
		oid[o] = QINT("SELECT id FROM units WHERE kind = 'org' AND "
		    "name = '%s%s'", onames[o], sfx);
		assert_true(oid[o] > 0);
		assert_int_equal(QINT("SELECT org_kind = '%s' AND sector = "
		    "'测试行业' AND contact = '李联络' AND contact_phone = "
		    "'1390000%04d' FROM units WHERE id = %lld", o == OD ||
		    o == OF ? "social_org" : "private_firm", o, oid[o]), 1);
		/* Its contact account (unit_staff bound to it). */
		EXEC("INSERT INTO users (username, display_name, role, "
		    "region_id, unit_id, password_hash, created_at) SELECT "
		    "'o%d_%s', '联络员', 'unit_staff', u.region_id, u.id, "
		    "(SELECT password_hash FROM users WHERE username = 'org1'), "
		    "UTC_TIMESTAMP() FROM units u WHERE u.id = %lld", o, sfx,
		    oid[o]);
		must_login(F("o%d_%s", o, sfx), ocookie[o]);
	}
	/* The same file again: every name is taken. */
	assert_int_equal(import(IMPORT_ORGS, csv, &err), 1);
	assert_non_null(strstr(err, ":2: name: 该区域已有同名单位"));
	assert_int_equal(QINT("SELECT COUNT(*) FROM units"), before + NORG);
	free((void *)comm);
	free((void *)st2);
}

/* The default set as CSV, with the last item's points p. */
static const char *
items_csv(const char *last)
{
	return F("组别,细则,分值%%0A党组织班子,班子健全,12%%0A党组织班子,"
	    "\"制度落实，记录完整\",8%%0A党员队伍,党员管理,20%%0A生产经营,"
	    "依法经营,15%%0A企业文化,文化阵地,15%%0A劳动关系,劳动合同,15%%0A"
	    "社会评价,社会责任,%s%%0A", last);
}

static void
items_sum_to_100(void **state)
{
	char		 d[128], dcsrf[65], s[128], scsrf[65];
	struct hresp	 r;
	long long	 audits;

	(void)state;
	EXEC("DELETE s FROM star_scores s JOIN star_items i ON i.id = "
	    "s.item_id WHERE i.year IN (%d, %d)", Y1, Y2);
	EXEC("DELETE FROM star_ratings WHERE year IN (%d, %d)", Y1, Y2);
	EXEC("DELETE FROM star_items WHERE year IN (%d, %d)", Y1, Y2);
	must_login("district", d);
	csrf_from(d, F("/assess/stars/items?year=%d", Y1), dcsrf);
	audits = QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'as_star_items' AND object = 'district 1 year %d'", Y1);
	/* 99.99, 100.5, a group missing, a bad line: 400, nothing. */
	assert_int_equal(post(d, "/assess/stars/items", F("csrf=%s&year=%d&"
	    "action=save&items=%s", dcsrf, Y1, items_csv("14.99"))), 400);
	assert_int_equal(post(d, "/assess/stars/items", F("csrf=%s&year=%d&"
	    "action=save&items=%s", dcsrf, Y1, items_csv("15.5"))), 400);
	assert_int_equal(post(d, "/assess/stars/items", F("csrf=%s&year=%d&"
	    "action=save&items=组别,细则,分值%%0A党组织班子,全部,100%%0A",
	    dcsrf, Y1)), 400);
	assert_int_equal(req(d, "POST", "/assess/stars/items", F("csrf=%s&"
	    "year=%d&action=save&items=%s", dcsrf, Y1,
	    items_csv("15%0A其他方面,某项,1")), &r), 0);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "第 9 行"));
	hresp_free(&r);
	assert_int_equal(QINT("SELECT COUNT(*) FROM star_items WHERE year = %d",
	    Y1), 0);
	/* A street official may not. */
	must_login("street1", s);
	csrf_from(s, "/assess/stars", scsrf);
	assert_int_equal(status_of(s, "GET", "/assess/stars/items", NULL), 404);
	assert_int_equal(post(s, "/assess/stars/items", F("csrf=%s&year=%d&"
	    "action=save&items=%s", scsrf, Y1, items_csv("15"))), 404);
	/* 100: stored, in order. */
	assert_int_equal(post(d, "/assess/stars/items", F("csrf=%s&year=%d&"
	    "action=save&items=%s", dcsrf, Y1, items_csv("15"))), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM star_items WHERE "
	    "district_id = 1 AND year = %d", Y1), 7);
	assert_int_equal(QINT("SELECT SUM(max_points) * 100 FROM star_items "
	    "WHERE year = %d", Y1), 10000);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'as_star_items' AND object = 'district 1 year %d'", Y1),
	    audits + 1);
	/* Copy to the next year; nothing to copy into the one after. */
	csrf_from(d, F("/assess/stars/items?year=%d", Y2), dcsrf);
	assert_int_equal(post(d, "/assess/stars/items", F("csrf=%s&year=%d&"
	    "action=copy", dcsrf, Y2)), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM star_items a JOIN "
	    "star_items b ON b.grp = a.grp AND b.position = a.position AND "
	    "b.name = a.name AND b.max_points = a.max_points WHERE a.year = %d "
	    "AND b.year = %d", Y1, Y2), 7);
	assert_int_equal(post(d, "/assess/stars/items", F("csrf=%s&year=%d&"
	    "action=copy", dcsrf, Y2 + 2)), 400);
	load_items(Y1);
}

struct racer {
	const char	*path, *body;
	int		 status;
};

static void *
race(void *arg)
{
	struct racer	*r = arg;
	struct hresp	 h;

	if (http_post(r->path, r->body, &h) == 0) {
		r->status = h.status;
		hresp_free(&h);
	}
	return NULL;
}

static void
whole_flow(void **state)
{
	char		 s[128], scsrf[65], d[128], dcsrf[65], a[128], acsrf[65];
	char		 s2[128], s2csrf[65], c[128], u1[128], hdr[256];
	char		 b1[4096], b2[4096];
	struct racer	 r1, r2;
	pthread_t	 t1, t2;
	struct hresp	 r;
	long long	 v;

	(void)state;
	must_login("street1", s);
	must_login("district", d);
	must_login("admin", a);
	official(F("st2_%s", sfx), (int)QINT("SELECT region_id FROM units "
	    "WHERE id = %lld", oid[OB]), s2);
	csrf_from(s, "/assess/stars", scsrf);
	csrf_from(d, "/assess/stars", dcsrf);
	csrf_from(a, "/assess/stars", acsrf);
	csrf_from(s2, "/assess/stars", s2csrf);
	/* Nothing yet: no step but the organisation's. */
	assert_int_equal(step(s, scsrf, OA, Y1, "street", 0, points_body(8000,
	    -1, -1)), 409);
	assert_int_equal(step(d, dcsrf, OA, Y1, "confirm", 0, points_body(8000,
	    -1, -1)), 409);
	/* Who sees what: the organisation's account only /unit/stars and
	 * only its own; another street's official, community staff and
	 * another unit's account nothing. */
	assert_int_equal(status_of(ocookie[OA], "GET", F("/assess/stars/org/"
	    "%lld", oid[OA]), NULL), 404);
	assert_int_equal(status_of(ocookie[OA], "GET", "/assess/stars", NULL),
	    404);
	assert_int_equal(get(ocookie[OB], F("/unit/stars?year=%d", Y1), &r),
	    200);
	assert_null(strstr(r.body, onames[OA]));
	hresp_free(&r);
	assert_int_equal(status_of(s2, "GET", F("/assess/stars/org/%lld",
	    oid[OA]), NULL), 404);
	assert_int_equal(status_of(s, "GET", F("/assess/stars/org/%lld",
	    oid[OB]), NULL), 404);
	must_login("community1", c);
	assert_int_equal(status_of(c, "GET", "/assess/stars", NULL), 404);
	must_login("unit1", u1);
	assert_int_equal(status_of(u1, "GET", "/unit/stars", NULL), 404);
	/* Self: bad points or an item missing store nothing. */
	assert_int_equal(self_step(OA, Y1, "submit", 0, points_body(8000, -1,
	    2)), 400);
	assert_int_equal(self_step(OA, Y1, "submit", 0, points_body(8000, 3,
	    -1)), 400);
	assert_int_equal(QINT("SELECT COUNT(*) FROM star_ratings WHERE unit_id "
	    "= %lld", oid[OA]), 0);
	/* A draft, then a stale form, then the submission. */
	assert_int_equal(self_step(OA, Y1, "save", 0, points_body(7000, -1,
	    -1)), 303);
	assert_string_equal(state_of(OA, Y1), "draft");
	assert_int_equal(self_step(OA, Y1, "submit", 0, points_body(8000, -1,
	    -1)), 409);
	assert_int_equal(self_step(OA, Y1, "submit", version_of(OA, Y1),
	    points_body(8500, -1, -1)), 303);
	assert_string_equal(state_of(OA, Y1), "self");
	assert_int_equal(QINT("SELECT self_points * 100 FROM star_ratings "
	    "WHERE unit_id = %lld AND year = %d", oid[OA], Y1), 8500);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE action = "
	    "'as_star_self' AND object = 'org %lld'", oid[OA]), 2);
	/* Submitted: not again; the items are frozen. */
	assert_int_equal(self_step(OA, Y1, "submit", version_of(OA, Y1),
	    points_body(8500, -1, -1)), 409);
	assert_int_equal(post(d, "/assess/stars/items", F("csrf=%s&year=%d&"
	    "action=save&items=%s", dcsrf, Y1, items_csv("15"))), 409);
	/* Not the district's step yet, nor another street's; not the
	 * street's confirm (another level's step: 403). */
	v = version_of(OA, Y1);
	assert_int_equal(step(d, dcsrf, OA, Y1, "confirm", v, points_body(8000,
	    -1, -1)), 409);
	assert_int_equal(step(s2, s2csrf, OA, Y1, "street", v,
	    points_body(8000, -1, -1)), 404);
	assert_int_equal(step(s, scsrf, OA, Y1, "confirm", v, points_body(8000,
	    -1, -1)), 403);
	assert_int_equal(step(d, dcsrf, OA, Y1, "street", v, points_body(8000,
	    -1, -1)), 403);
	assert_int_equal(post(ocookie[OA], F("/assess/stars/org/%lld",
	    oid[OA]), F("csrf=%s&year=%d&version=%lld&action=street", scsrf,
	    Y1, v)), 404);
	/* The street: a stale version, a return without a reason, then a
	 * return with one (back to the organisation). */
	assert_int_equal(step(s, scsrf, OA, Y1, "street", v - 1,
	    points_body(8000, -1, -1)), 409);
	assert_int_equal(step(s, scsrf, OA, Y1, "street_return", v, ""), 400);
	assert_int_equal(step(s, scsrf, OA, Y1, "street_return", v,
	    "&note=材料不全"), 303);
	assert_string_equal(state_of(OA, Y1), "draft");
	assert_int_equal(get(ocookie[OA], F("/unit/stars?year=%d", Y1), &r),
	    200);
	assert_non_null(strstr(r.body, "材料不全"));
	hresp_free(&r);
	assert_int_equal(self_step(OA, Y1, "submit", version_of(OA, Y1),
	    points_body(8600, -1, -1)), 303);
	/* Two pre-ratings at once: one wins, the other 409. */
	v = version_of(OA, Y1);
	snprintf(b1, sizeof(b1), "csrf=%s&year=%d&version=%lld&action=street%s",
	    scsrf, Y1, v, points_body(8100, -1, -1));
	snprintf(b2, sizeof(b2), "csrf=%s&year=%d&version=%lld&action="
	    "street_return&note=再核", scsrf, Y1, v);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n", s);
	r1 = (struct racer){ F("/assess/stars/org/%lld", oid[OA]), b1, 0 };
	r2 = (struct racer){ r1.path, b2, 0 };
	httpc_headers = hdr;
	pthread_create(&t1, NULL, race, &r1);
	pthread_create(&t2, NULL, race, &r2);
	pthread_join(t1, NULL);
	pthread_join(t2, NULL);
	httpc_headers = NULL;
	assert_true((r1.status == 303 && r2.status == 409) ||
	    (r1.status == 409 && r2.status == 303));
	if (r2.status == 303) {	/* returned: submit and pre-rate again */
		assert_int_equal(self_step(OA, Y1, "submit", version_of(OA, Y1),
		    points_body(8600, -1, -1)), 303);
		assert_int_equal(step(s, scsrf, OA, Y1, "street",
		    version_of(OA, Y1), points_body(8100, -1, -1)), 303);
	}
	assert_string_equal(state_of(OA, Y1), "street");
	assert_int_equal(QINT("SELECT street_points * 100 FROM star_ratings "
	    "WHERE unit_id = %lld AND year = %d", oid[OA], Y1), 8100);
	/* The street no longer; the district returns it, the street
	 * pre-rates again, the district confirms. */
	v = version_of(OA, Y1);
	assert_int_equal(step(s, scsrf, OA, Y1, "street", v, points_body(8100,
	    -1, -1)), 409);
	assert_int_equal(step(d, dcsrf, OA, Y1, "district_return", v, ""),
	    400);
	assert_int_equal(step(d, dcsrf, OA, Y1, "district_return", v,
	    "&note=请复核劳动关系"), 303);
	assert_string_equal(state_of(OA, Y1), "self");
	assert_int_equal(step(s, scsrf, OA, Y1, "street", version_of(OA, Y1),
	    points_body(8200, -1, -1)), 303);
	assert_int_equal(step(d, dcsrf, OA, Y1, "confirm", version_of(OA, Y1),
	    points_body(8250, -1, 0)), 400);
	assert_int_equal(step(d, dcsrf, OA, Y1, "confirm", version_of(OA, Y1),
	    F("%s&note=同意认定", points_body(8250, -1, -1))), 303);
	assert_string_equal(state_of(OA, Y1), "confirmed");
	assert_int_equal(QINT("SELECT final_points * 100 + stars FROM "
	    "star_ratings WHERE unit_id = %lld AND year = %d", oid[OA], Y1),
	    8250 + 4);
	assert_int_equal(QINT("SELECT SUM(s.final_points) * 100 FROM star_scores "
	    "s JOIN star_ratings g ON g.id = s.rating_id WHERE g.unit_id = "
	    "%lld AND g.year = %d", oid[OA], Y1), 8250);
	/* Confirmed: nobody's step. */
	assert_int_equal(step(d, dcsrf, OA, Y1, "confirm", version_of(OA, Y1),
	    points_body(9000, -1, -1)), 409);
	assert_int_equal(step(a, acsrf, OA, Y1, "district_return",
	    version_of(OA, Y1), "&note=x"), 409);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE object = "
	    "'org %lld' AND action IN ('as_star_street', 'as_star_district', "
	    "'as_star_return')", oid[OA]), 5 + (r2.status == 303));
	/* A return's reason is in the audit line. */
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE object = "
	    "'org %lld' AND action = 'as_star_return' AND detail LIKE "
	    "'%%请复核劳动关系%%'", oid[OA]), 1);
}

/* Organisation o through every step, confirmed at total t: its stars. */
static long long
confirm_at(int o, long long t, const char *dc, const char *dcsrf,
    const char *sc, const char *scsrf)
{
	assert_int_equal(self_step(o, Y1, "submit", 0, points_body(t, -1, -1)),
	    303);
	assert_int_equal(step(sc, scsrf, o, Y1, "street", version_of(o, Y1),
	    points_body(t, -1, -1)), 303);
	assert_int_equal(step(dc, dcsrf, o, Y1, "confirm", version_of(o, Y1),
	    points_body(t, -1, -1)), 303);
	return QINT("SELECT stars FROM star_ratings WHERE unit_id = %lld AND "
	    "year = %d AND final_points * 100 = %lld", oid[o], Y1, t);
}

static void
bands_at_edges(void **state)
{
	char	 s[128], scsrf[65], d[128], dcsrf[65];

	(void)state;
	must_login("street1", s);
	must_login("admin", d);
	csrf_from(s, "/assess/stars", scsrf);
	csrf_from(d, "/assess/stars", dcsrf);
	assert_int_equal(confirm_at(OC, 5999, d, dcsrf, s, scsrf), 1);
	assert_int_equal(confirm_at(OD, 6000, d, dcsrf, s, scsrf), 2);
	assert_int_equal(confirm_at(OE, 8999, d, dcsrf, s, scsrf), 4);
	assert_int_equal(confirm_at(OF, 9000, d, dcsrf, s, scsrf), 5);
}

static void
history(void **state)
{
	char		 d[128];
	struct hresp	 r;
	const char	*p1, *p2;

	(void)state;
	/* A second year, submitted only. */
	load_items(Y2);
	assert_int_equal(self_step(OA, Y2, "submit", 0, points_body(7725, -1,
	    -1)), 303);
	load_items(Y1);
	must_login("district", d);
	assert_int_equal(get(d, F("/assess/stars/org/%lld?year=%d", oid[OA],
	    Y1), &r), 200);
	assert_non_null(p2 = strstr(r.body, F("<td>%d</td>", Y2)));
	assert_non_null(p1 = strstr(r.body, F("<td>%d</td>", Y1)));
	assert_true(p2 < p1);	/* the newest first */
	assert_non_null(strstr(p2, "<td>77.25</td>"));
	assert_non_null(strstr(p1, "<td>86</td><td>82</td><td>82.5</td>"
	    "<td>★★★★☆</td>"));
	assert_non_null(strstr(r.body, "同意认定"));
	assert_non_null(strstr(r.body, "≥ 90 分 ★★★★★"));
	hresp_free(&r);
	/* The list finds it by its stars and by state. */
	assert_int_equal(get(d, F("/assess/stars?year=%d&stars=4&state="
	    "confirmed", Y1), &r), 200);
	assert_non_null(strstr(r.body, F("%s%s", onames[OA], sfx)));
	assert_null(strstr(r.body, F("%s%s", onames[OF], sfx)));
	hresp_free(&r);
}

/* The overview's numbers in the row of street name: 11 cells. */
static void
row_numbers(const char *body, const char *name, long long v[11])
{
	const char	*p;
	int		 k;

	assert_non_null(p = strstr(body, F("<tr><th>%s</th>", name)));
	for (k = 0; k < 11; k++) {
		assert_non_null(p = strstr(p, "<td class=\"num\">"));
		p += strlen("<td class=\"num\">");
		v[k] = strtoll(p, NULL, 10);
	}
}

static void
counts_per_street(void **state)
{
	static const char *const st[] = { "confirmed' AND r.stars = 5",
	    "confirmed' AND r.stars = 4", "confirmed' AND r.stars = 3",
	    "confirmed' AND r.stars = 2", "confirmed' AND r.stars = 1",
	    "confirmed", "draft", "self", "street" };
	char		 d[128], name[256];
	struct hresp	 r;
	long long	 v[11], tot[11], sum[11] = { 0 }, want;
	int		 n, k, i;

	(void)state;
	must_login("district", d);
	assert_int_equal(get(d, F("/assess/stars/overview?year=%d", Y1), &r),
	    200);
	n = (int)QINT("SELECT COUNT(*) FROM regions WHERE level = 2 AND "
	    "district_id = 1");
	for (i = 0; i < n; i++) {
		long long id = QINT("SELECT id FROM regions WHERE level = 2 AND "
		    "district_id = 1 ORDER BY sort, id LIMIT 1 OFFSET %d", i);
		const char *from = F("FROM units u JOIN regions g ON g.id = "
		    "u.region_id LEFT JOIN star_ratings r ON r.unit_id = u.id "
		    "AND r.year = %d WHERE u.active AND g.street_id = %lld AND "
		    "(u.kind = 'org' OR u.org_kind IN ('private_firm', "
		    "'social_org'))", Y1, id);
		char	 fromc[1024];

		snprintf(fromc, sizeof(fromc), "%s", from);
		snprintf(name, sizeof(name), "%s", QSTR("SELECT name FROM "
		    "regions WHERE id = %lld", id));
		if (QINT("SELECT COUNT(*) %s", fromc) == 0)
			continue;
		row_numbers(r.body, name, v);
		for (k = 0; k < 9; k++) {
			want = QINT("SELECT COUNT(*) %s AND r.state = '%s%s",
			    fromc, st[k], strchr(st[k], '\'') ? "" : "'");
			if (v[k] != want)
				fail_msg("%s column %d: %lld, SQL %lld", name,
				    k, v[k], want);
		}
		assert_int_equal(v[5], v[0] + v[1] + v[2] + v[3] + v[4]);
		assert_int_equal(v[9], QINT("SELECT COUNT(*) %s AND r.id IS "
		    "NULL", fromc));
		assert_int_equal(v[10], QINT("SELECT COUNT(*) %s", fromc));
		for (k = 0; k < 11; k++)
			sum[k] += v[k];
	}
	row_numbers(r.body, "合计", tot);
	for (k = 0; k < 11; k++)
		assert_int_equal(tot[k], sum[k]);
	/* This test's: in 西兴街道 one each at 1, 2, 4 stars, two at 4
	 * (甲 and 戊), one at 5; 乙 in another street not begun. */
	row_numbers(r.body, QSTR("SELECT name FROM regions WHERE id = (SELECT "
	    "region_id FROM users WHERE username = 'street1')"), v);
	assert_int_equal(v[0], 1);
	assert_int_equal(v[1], 2);
	assert_int_equal(v[3], 1);
	assert_int_equal(v[4], 1);
	hresp_free(&r);
}

static int
setup(void **state)
{
	(void)state;
	if (testdb_config(&cfg) == -1)
		return -1;
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	snprintf(sfx, sizeof(sfx), "%05d", rand() % 100000);
	snprintf(dir, sizeof(dir), "/tmp/lianxin-stars.XXXXXX");
	if (mkdtemp(dir) == NULL || db_library_init() == -1)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	rmdir(dir);
	db_library_end();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_good_and_bad),
		cmocka_unit_test(items_sum_to_100),
		cmocka_unit_test(whole_flow),
		cmocka_unit_test(bands_at_edges),
		cmocka_unit_test(history),
		cmocka_unit_test(counts_per_street),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
