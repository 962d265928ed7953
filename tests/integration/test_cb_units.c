/*
 * Co-building units, agreements and the mutual evaluation (issue 20
 * points 1, 2 and 6) through nginx: the scope's 404s for staff and for a
 * unit's own account; the units import with the co-building columns (a
 * good file stored, a bad one reported by line with nothing stored); a
 * unit's account made on /admin/users, by `lianxin user add` and by the
 * users import, each landing on /unit; an agreement recorded, its
 * commitments added, signed, a commitment fulfilled by the unit with a
 * photo (served to staff in scope and the unit only) and confirmed,
 * another sent back with its reason; a stale edit answered 409 with the
 * typed text; the evaluation once per side, only inside its window, the
 * other side's rating shown only when both rated or the window closed.
 * Expected values come from the fixture and the rules, never from the
 * code under test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <gd.h>

#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

#define PW2	"lianxin-test-2026-cb"	/* the new accounts' password */
#define BOUNDARY "----lxcbBoundary4kq7Zr2"

static char	 sqlbuf[2048];
#define SQLF(...)	(snprintf(sqlbuf, sizeof(sqlbuf), __VA_ARGS__), sqlbuf)
#define QINT(...)	testdb_int(SQLF(__VA_ARGS__))
#define QSTR(...)	testdb_str(SQLF(__VA_ARGS__))
#define EXEC(...)	assert_true(testdb_exec(SQLF(__VA_ARGS__)) >= 0)

static char	 comm1[64], comm2[64];	/* community1's, community2's codes */
static char	 sfx[16];		/* this run's suffix for names */
static long long unit_x;		/* a unit imported by this test */
static int	 year;			/* this year, local (UTC+8) */

/* printf into one of testdb's buffers used in turn. */
#define f testdb_fmt

/* Form-encoded s, in one of 8 static buffers. */
static const char *
enc(const char *s)
{
	static char	 buf[8][2048];
	static int	 n;

	n = (n + 1) % 8;
	http_enc(buf[n], sizeof(buf[n]), s);
	return buf[n];
}

static long long
unit_of(const char *user)
{
	return QINT("SELECT unit_id FROM users WHERE username = '%s'", user);
}

/* The agreement of unit u for year y, 0 when none. */
static long long
agreement_of(long long u, int y)
{
	long long	 id = QINT("SELECT COALESCE(MAX(id), 0) FROM agreements "
			    "WHERE unit_id = %lld AND year = %d", u, y);

	return id;
}

/* GET path as c: the status, the body into r (free it). */
static int
get(const char *c, const char *path, struct hresp *r)
{
	assert_int_equal(req(c, "GET", path, NULL, r), 0);
	return r->status;
}

static int
get_status(const char *c, const char *path)
{
	struct hresp	 r;
	int		 st = get(c, path, &r);

	hresp_free(&r);
	return st;
}

/* The CSRF token of any page of c's (path) that has a form. */
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

/* POST a form body to path as c; the status, the answer into r when not
 * NULL (free it). */
static int
post(const char *c, const char *path, const char *body, struct hresp *r)
{
	struct hresp	 tmp;
	int		 st;

	assert_int_equal(req(c, "POST", path, body, r ? r : &tmp), 0);
	st = r ? r->status : tmp.status;
	if (r == NULL)
		hresp_free(&tmp);
	return st;
}

/* Run a shell command line; its exit status. */
static int
run(const char *cmd)
{
	int	 st = system(cmd);

	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Write s to a temporary file; its path (static). */
static const char *
tmpfile_of(const char *s)
{
	static char	 path[8][64];
	static int	 n;
	FILE		*fp;

	n = (n + 1) % 8;
	snprintf(path[n], sizeof(path[n]), "/tmp/lx-cbunits-%d-%d.txt",
	    (int)getpid(), n);
	assert_non_null(fp = fopen(path[n], "w"));
	fputs(s, fp);
	assert_int_equal(fclose(fp), 0);
	return path[n];
}

/* `lianxin ARGS` with stdin from in; exit status, output into out. */
static int
cli(const char *args, const char *in, char *out, size_t sz)
{
	const char	*o = tmpfile_of(""), *i = tmpfile_of(in);
	FILE		*fp;
	size_t		 n;
	int		 st;

	st = run(f("'%s' %s <'%s' >'%s' 2>&1", test_bin("lianxin"), args, i,
	    o));
	assert_non_null(fp = fopen(o, "r"));
	n = fread(out, 1, sz - 1, fp);
	out[n] = '\0';
	fclose(fp);
	unlink(o);
	unlink(i);
	return st;
}

static int
setup(void **state)
{
	time_t		 t = time(NULL) + 8 * 3600;
	struct tm	 tm;

	(void)state;
	gmtime_r(&t, &tm);
	year = tm.tm_year + 1900;
	snprintf(sfx, sizeof(sfx), "%ld", (long)(time(NULL) % 100000000));
	snprintf(comm1, sizeof(comm1), "%s", QSTR("SELECT g.code FROM regions "
	    "g JOIN users u ON u.region_id = g.id WHERE u.username = "
	    "'community1'"));
	snprintf(comm2, sizeof(comm2), "%s", QSTR("SELECT g.code FROM regions "
	    "g JOIN users u ON u.region_id = g.id WHERE u.username = "
	    "'community2'"));
	return 0;
}

/* Staff see co-building of their scope only; a unit's account sees no
 * staff page; staff see no /unit. */
static void
scope_404s(void **state)
{
	char		 c1[128], c2[128], g1[128], s1[128], u1[128], csrf[65];
	long long	 u1id = unit_of("unit1"), u3id = unit_of("unit3");
	long long	 a1 = agreement_of(u1id, year);

	(void)state;
	assert_true(u1id > 0 && u3id > 0 && a1 > 0);
	must_login("community1", c1);
	must_login("community2", c2);
	must_login("grid1", g1);
	must_login("street1", s1);
	must_login("unit1", u1);
	assert_int_equal(get_status(c1, "/cobuild"), 200);
	assert_int_equal(get_status(c1, f("/cobuild/units/%lld", u1id)), 200);
	assert_int_equal(get_status(c1, f("/cobuild/agreements/%lld", a1)),
	    200);
	assert_int_equal(get_status(c1, f("/cobuild/units/%lld", u3id)), 404);
	assert_int_equal(get_status(c2, f("/cobuild/units/%lld", u1id)), 404);
	assert_int_equal(get_status(c2, f("/cobuild/agreements/%lld", a1)),
	    404);
	assert_int_equal(get_status(c2, f("/cobuild/units?region=%lld",
	    QINT("SELECT region_id FROM units WHERE id = %lld", u1id))), 404);
	/* a department is no co-building unit */
	assert_int_equal(get_status(s1, "/cobuild/units/1"), 404);
	assert_int_equal(get_status(s1, f("/cobuild/units/%lld", u1id)), 200);
	assert_int_equal(get_status(s1, f("/cobuild/units/%lld", u3id)), 200);
	/* a grid worker views its community's, and may not manage */
	assert_int_equal(get_status(g1, f("/cobuild/units/%lld", u1id)), 200);
	csrf_of(g1, csrf);
	assert_int_equal(post(g1, f("/cobuild/units/%lld", u1id),
	    f("csrf=%s&action=member_add&name=%s&since=%d-01-01", csrf,
	    enc("王五"), year), NULL), 404);
	/* the unit's account: no staff pages, no other unit's things */
	assert_int_equal(get_status(u1, "/unit"), 200);
	assert_int_equal(get_status(u1, "/staff"), 404);
	assert_int_equal(get_status(u1, "/cobuild"), 404);
	assert_int_equal(get_status(u1, f("/cobuild/units/%lld", u1id)), 404);
	assert_int_equal(get_status(u1, f("/cobuild/agreements/%lld", a1)),
	    404);
	assert_int_equal(get_status(c1, "/unit"), 404);
	csrf_from(u1, "/unit", csrf);
	assert_int_equal(post(u1, f("/unit/agreements/%lld",
	    agreement_of(u3id, year)), f("csrf=%s&action=evaluate&"
	    "rating=satisfied", csrf), NULL), 404);
	/* a staff action is not the unit's */
	assert_int_equal(post(u1, f("/unit/agreements/%lld", a1),
	    f("csrf=%s&action=sign&version=1", csrf), NULL), 404);
	/* another agreement's commitment through its own agreement's URL */
	assert_int_equal(post(u1, f("/unit/agreements/%lld", a1),
	    f("csrf=%s&action=confirm&commitment=%lld&version=1", csrf,
	    QINT("SELECT MIN(c.id) FROM commitments c JOIN agreements a ON "
	    "a.id = c.agreement_id WHERE a.unit_id = %lld", u3id)), NULL),
	    404);
}

/* The units import with the co-building columns: a good file stored
 * with every field, a bad one reported by line and nothing stored. */
static void
import_units(void **state)
{
	char		 out[4096];
	long long	 before;

	(void)state;
	before = QINT("SELECT COUNT(*) FROM units");
	assert_int_equal(cli("import units -", f("name,kind,region_code,"
	    "response_hours,resolve_days,org_kind,party_org,secretary,contact,"
	    "contact_phone,member_count,joined_on\n"
	    "测试共建单位甲%s,cobuild,%s,24,5,国有企业,测试公司党委,张书记,"
	    "李联络,13900001111,42,2026-03-01\n"
	    "测试共建单位乙%s,共建单位,%s,24,5,social_org,,,,,,\n", sfx,
	    comm1, sfx, comm1), out, sizeof(out)), 0);
	assert_int_equal(QINT("SELECT COUNT(*) FROM units"), before + 2);
	unit_x = QINT("SELECT id FROM units WHERE name = '测试共建单位甲%s'",
	    sfx);
	assert_true(unit_x > 0);
	assert_string_equal(QSTR("SELECT CONCAT_WS('|', kind, org_kind, "
	    "party_org, secretary, contact, contact_phone, member_count, "
	    "joined_on) FROM units WHERE id = %lld", unit_x),
	    "cobuild|state_firm|测试公司党委|张书记|李联络|13900001111|42|"
	    "2026-03-01");
	/* Bad: an unknown kind (line 2), a date that is none (line 3), a
	 * department with a Party organisation (line 4); a good row with
	 * them (line 5) is not stored either. */
	assert_int_not_equal(cli("import units -", f("name,kind,region_code,"
	    "response_hours,resolve_days,org_kind,party_org,joined_on\n"
	    "坏单位一%s,cobuild,%s,24,5,合资企业,,\n"
	    "坏单位二%s,cobuild,%s,24,5,agency,,2026-02-30\n"
	    "坏部门三%s,department,%s,24,5,,某党支部,\n"
	    "好单位四%s,cobuild,%s,24,5,agency,好党支部,2026-01-05\n",
	    sfx, comm1, sfx, comm1, sfx, QSTR("SELECT g.code FROM regions g "
	    "WHERE g.id = (SELECT parent_id FROM regions WHERE code = '%s')",
	    comm1), sfx, comm1), out, sizeof(out)), 0);
	assert_non_null(strstr(out, ":2: org_kind"));
	assert_non_null(strstr(out, ":3: joined_on"));
	assert_non_null(strstr(out, ":4: party_org"));
	assert_null(strstr(out, ":5:"));
	assert_int_equal(QINT("SELECT COUNT(*) FROM units"), before + 2);
	assert_int_equal(QINT("SELECT COUNT(*) FROM units WHERE name LIKE "
	    "'%%单位四%s'", sfx), 0);
}

/* A unit's account made three ways, each landing on /unit; a unit of
 * another community or a department refused. */
static void
accounts_three_ways(void **state)
{
	char		 a[128], csrf[65], out[4096];
	long long	 u3 = unit_of("unit3");
	struct hresp	 r;

	(void)state;
	assert_true(unit_x > 0);
	must_login("admin", a);
	csrf_of(a, csrf);
	assert_int_equal(post(a, "/admin/users", f("csrf=%s&username=cbw%s&"
	    "display_name=%s&role=unit_staff&region=%s&password=%s&unit=%lld",
	    csrf, sfx, enc("网页联络员"), comm1, PW2, unit_x), NULL), 303);
	/* another community's unit, for an account of community1 */
	assert_int_equal(post(a, "/admin/users", f("csrf=%s&username=cbv%s&"
	    "display_name=%s&role=unit_staff&region=%s&password=%s&unit=%lld",
	    csrf, sfx, enc("错联络员"), comm1, PW2, u3), &r), 400);
	assert_non_null(strstr(r.body, "不在账号所属区域内"));
	hresp_free(&r);
	/* a department is no co-building unit */
	assert_int_equal(post(a, "/admin/users", f("csrf=%s&username=cbd%s&"
	    "display_name=%s&role=unit_staff&region=%s&password=%s&unit=1",
	    csrf, sfx, enc("错联络员"), QSTR("SELECT code FROM regions WHERE "
	    "id = (SELECT region_id FROM units WHERE id = 1)"), PW2), &r),
	    400);
	hresp_free(&r);
	assert_int_equal(QINT("SELECT COUNT(*) FROM users WHERE username IN "
	    "('cbv%s', 'cbd%s')", sfx, sfx), 0);
	assert_int_equal(cli(f("user add cbc%s unit_staff %s %s %lld", sfx,
	    comm1, "命令联络员", unit_x), PW2 "\n", out, sizeof(out)), 0);
	assert_int_not_equal(cli(f("user add cbe%s unit_staff %s %s", sfx,
	    comm1, "缺单位"), PW2 "\n", out, sizeof(out)), 0);
	assert_int_equal(cli("import users -", f("username,display_name,role,"
	    "region_code,password,unit\ncbi%s,导入联络员,共建单位联络员,%s,"
	    "%s,%lld\n", sfx, comm1, PW2, unit_x), out, sizeof(out)), 0);
	assert_int_equal(QINT("SELECT COUNT(*) FROM users WHERE username IN "
	    "('cbw%s', 'cbc%s', 'cbi%s') AND role = 'unit_staff' AND "
	    "unit_id = %lld", sfx, sfx, sfx, unit_x), 3);
	assert_int_equal(login(f("cbw%s", sfx), PW2, a), 303);
	assert_string_equal(login_landing, "/unit");
	assert_int_equal(login(f("cbc%s", sfx), PW2, a), 303);
	assert_string_equal(login_landing, "/unit");
	assert_int_equal(login(f("cbi%s", sfx), PW2, a), 303);
	assert_string_equal(login_landing, "/unit");
	assert_int_equal(get(a, "/unit", &r), 200);
	assert_non_null(strstr(r.body, f("测试共建单位甲%s", sfx)));
	hresp_free(&r);
}

/* A small PNG in malloc'd bytes. */
static unsigned char *
png(size_t *len)
{
	gdImagePtr	 im = gdImageCreateTrueColor(40, 30);
	unsigned char	*p, *out;
	int		 n;

	gdImageFilledRectangle(im, 0, 0, 39, 29, 0x3366cc);
	p = gdImagePngPtr(im, &n);
	gdImageDestroy(im);
	assert_non_null(p);
	out = malloc((size_t)n);
	memcpy(out, p, (size_t)n);
	gdFree(p);
	*len = (size_t)n;
	return out;
}

static void
part(char **b, size_t *n, const char *name, const char *value)
{
	const char	*s = f("--" BOUNDARY "\r\nContent-Disposition: form-data; "
			    "name=\"%s\"\r\n\r\n%s\r\n", name, value);

	*b = realloc(*b, *n + strlen(s));
	memcpy(*b + *n, s, strlen(s));
	*n += strlen(s);
}

/* Fulfil commitment cid as cookie c through path, with a photo or not;
 * the status. */
static int
fulfil(const char *c, const char *path_, long long cid, const char *on_,
    const char *note, int photo)
{
	char		 csrf[65], hdr[256], *b = NULL, path[128], on[16];
	const char	*h;
	unsigned char	*img;
	size_t		 n = 0, len;
	struct hresp	 r;

	/* f()'s buffers are reused below: keep the arguments. */
	snprintf(path, sizeof(path), "%s", path_);
	snprintf(on, sizeof(on), "%s", on_);
	csrf_from(c, strncmp(path, "/unit", 5) == 0 ? "/unit" : "/staff",
	    csrf);
	part(&b, &n, "csrf", csrf);
	part(&b, &n, "action", "fulfil");
	part(&b, &n, "commitment", f("%lld", cid));
	part(&b, &n, "version", f("%lld", QINT("SELECT version FROM "
	    "commitments WHERE id = %lld", cid)));
	part(&b, &n, "fulfilled_on", on);
	part(&b, &n, "note", note);
	if (photo) {
		img = png(&len);
		h = "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\""
		    "photo\"; filename=\"a.png\"\r\nContent-Type: image/png"
		    "\r\n\r\n";
		b = realloc(b, n + strlen(h) + len + 2);
		memcpy(b + n, h, strlen(h));
		n += strlen(h);
		memcpy(b + n, img, len);
		n += len;
		memcpy(b + n, "\r\n", 2);
		n += 2;
		free(img);
	}
	h = "--" BOUNDARY "--\r\n";
	b = realloc(b, n + strlen(h));
	memcpy(b + n, h, strlen(h));
	n += strlen(h);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n", c);
	httpc_headers = hdr;
	assert_int_equal(http_do("POST", path, "multipart/form-data; boundary="
	    BOUNDARY, b, n, &r), 0);
	httpc_headers = NULL;
	free(b);
	n = (size_t)r.status;
	if (getenv("CB_DEBUG") && r.body)
		fprintf(stderr, "%s\n", r.body);
	hresp_free(&r);
	return (int)n;
}

static long long	 agr;		/* the flow's agreement */

/* Record an agreement, add commitments, sign, fulfil with a photo as
 * the unit, confirm (a stale form first). */
static void
agreement_flow(void **state)
{
	char		 c1[128], c2[128], u[128], u1[128], csrf[65], path[64];
	char		 hex[65], b64[64], ppath[128];
	long long	 cid, v, before;
	struct hresp	 r;
	const char	*p;

	(void)state;
	must_login("community1", c1);
	must_login("community2", c2);
	must_login("unit1", u1);
	assert_int_equal(login(f("cbw%s", sfx), PW2, u), 303);
	csrf_of(c1, csrf);
	assert_int_equal(post(c1, f("/cobuild/units/%lld", unit_x),
	    f("csrf=%s&action=agreement&year=%d", csrf, year), &r), 303);
	hresp_free(&r);
	agr = agreement_of(unit_x, year);
	assert_true(agr > 0);
	assert_string_equal(QSTR("SELECT CONCAT_WS('|', state, valid_from, "
	    "valid_to) FROM agreements WHERE id = %lld", agr),
	    f("draft|%d-01-01|%d-12-31", year, year));
	/* the same year again: 409, nothing new */
	assert_int_equal(post(c1, f("/cobuild/units/%lld", unit_x),
	    f("csrf=%s&action=agreement&year=%d", csrf, year), NULL), 409);
	snprintf(path, sizeof(path), "/cobuild/agreements/%lld", agr);
	/* bad commitments: nothing stored */
	before = QINT("SELECT COUNT(*) FROM commitments");
	assert_int_equal(post(c1, path, f("csrf=%s&action=commit&kind=venue&"
	    "content=%s&quantity=0&qty_unit=%s&due_on=%d-06-30", csrf,
	    enc("开放会议室"), enc("次"), year), NULL), 400);
	assert_int_equal(post(c1, path, f("csrf=%s&action=commit&kind=venue&"
	    "content=%s&quantity=2&qty_unit=%s&due_on=%d-06-30", csrf,
	    enc("开放会议室"), enc("次"), year - 1), &r), 400);
	assert_non_null(strstr(r.body, "开放会议室"));	/* typed text kept */
	hresp_free(&r);
	assert_int_equal(QINT("SELECT COUNT(*) FROM commitments"), before);
	assert_int_equal(post(c1, path, f("csrf=%s&action=commit&kind=venue&"
	    "content=%s&quantity=2.5&qty_unit=%s&due_on=%d-06-30", csrf,
	    enc("开放会议室"), enc("次"), year), NULL), 303);
	assert_int_equal(post(c1, path, f("csrf=%s&action=commit&kind=funds&"
	    "content=%s&quantity=3000&qty_unit=%s&due_on=%d-12-31", csrf,
	    enc("资助助学"), enc("元"), year), NULL), 303);
	assert_int_equal(QINT("SELECT COUNT(*) FROM commitments WHERE "
	    "agreement_id = %lld", agr), 2);
	assert_string_equal(QSTR("SELECT CAST(quantity AS CHAR) FROM "
	    "commitments WHERE agreement_id = %lld AND kind = 'venue'", agr),
	    "2.50");
	cid = QINT("SELECT id FROM commitments WHERE agreement_id = %lld AND "
	    "kind = 'venue'", agr);
	/* not signed yet: the unit cannot fulfil */
	assert_int_equal(fulfil(u, f("/unit/agreements/%lld", agr), cid,
	    f("%d-01-02", year), "开放会议室两次", 0), 409);
	v = QINT("SELECT version FROM agreements WHERE id = %lld", agr);
	assert_int_equal(post(c1, path, f("csrf=%s&action=sign&version=%lld",
	    csrf, v), NULL), 303);
	assert_string_equal(QSTR("SELECT state FROM agreements WHERE id = "
	    "%lld", agr), "signed");
	/* signing twice with the old version: 409 */
	assert_int_equal(post(c1, path, f("csrf=%s&action=sign&version=%lld",
	    csrf, v), NULL), 409);
	/* a day to come: 400; another unit's account: 404 */
	assert_int_equal(fulfil(u, f("/unit/agreements/%lld", agr), cid,
	    f("%d-01-01", year + 1), "开放会议室两次", 0), 400);
	assert_int_equal(fulfil(u1, f("/unit/agreements/%lld", agr), cid,
	    f("%d-01-02", year), "开放会议室两次", 0), 404);
	assert_string_equal(QSTR("SELECT state FROM commitments WHERE id = "
	    "%lld", cid), "open");
	assert_int_equal(fulfil(u, f("/unit/agreements/%lld", agr), cid,
	    f("%d-01-02", year), "开放会议室两次，居民议事会使用", 1), 303);
	assert_string_equal(QSTR("SELECT CONCAT_WS('|', state, fulfilled_on, "
	    "fulfil_note) FROM commitments WHERE id = %lld", cid),
	    f("fulfilled|%d-01-02|开放会议室两次，居民议事会使用", year));
	assert_int_equal(QINT("SELECT COUNT(*) FROM commitment_photos WHERE "
	    "commitment_id = %lld", cid), 1);
	/* the photo: the unit and staff in scope, nobody else */
	snprintf(hex, sizeof(hex), "%s", QSTR("SELECT LOWER(HEX(photo)) FROM "
	    "commitment_photos WHERE commitment_id = %lld", cid));
	assert_int_equal(get(u, "/unit", &r), 200);
	assert_non_null(p = strstr(r.body, "/photos/"));
	assert_non_null(strstr(p, f("?c=%lld", cid)));
	snprintf(b64, sizeof(b64), "%.43s", p + 8);
	hresp_free(&r);
	(void)hex;
	snprintf(ppath, sizeof(ppath), "/photos/%s?c=%lld", b64, cid);
	assert_int_equal(get(u, ppath, &r), 200);
	assert_string_equal(hresp_header(&r, "Content-Type"), "image/jpeg");
	hresp_free(&r);
	assert_int_equal(get_status(c1, ppath), 200);
	assert_int_equal(get_status(c2, ppath), 404);
	assert_int_equal(get_status(u1, ppath), 404);
	assert_int_equal(http_status(ppath), 404);
	/* confirm: a stale version first */
	snprintf(path, sizeof(path), "/cobuild/agreements/%lld", agr);
	v = QINT("SELECT version FROM commitments WHERE id = %lld", cid);
	assert_int_equal(post(c1, path, f("csrf=%s&action=confirm&"
	    "commitment=%lld&version=%lld", csrf, cid, v - 1), NULL), 409);
	assert_int_equal(post(c1, path, f("csrf=%s&action=confirm&"
	    "commitment=%lld&version=%lld", csrf, cid, v), NULL), 303);
	assert_string_equal(QSTR("SELECT state FROM commitments WHERE id = "
	    "%lld", cid), "confirmed");
	/* the timeline and the audit */
	assert_int_equal(get(c1, path, &r), 200);
	assert_non_null(strstr(r.body, "登记兑现"));
	assert_non_null(strstr(r.body, "确认兑现"));
	assert_non_null(strstr(r.body, f("测试共建单位甲%s（共建单位联络员）",
	    sfx)));
	hresp_free(&r);
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE object = "
	    "'agreement %lld' AND action IN ('cb_fulfil', 'cb_confirm', "
	    "'cb_commitment', 'cb_agreement_state')", agr), 5);
}

/* Staff record a fulfilment for the unit, then send it back with the
 * reason. */
static void
send_back(void **state)
{
	char		 c1[128], csrf[65], path[64];
	long long	 cid, v;
	struct hresp	 r;

	(void)state;
	assert_true(agr > 0);
	must_login("community1", c1);
	csrf_of(c1, csrf);
	snprintf(path, sizeof(path), "/cobuild/agreements/%lld", agr);
	cid = QINT("SELECT id FROM commitments WHERE agreement_id = %lld AND "
	    "kind = 'funds'", agr);
	assert_int_equal(fulfil(c1, path, cid, f("%d-01-03", year),
	    "已拨付助学金", 0), 303);
	assert_string_equal(QSTR("SELECT state FROM commitments WHERE id = "
	    "%lld", cid), "fulfilled");
	v = QINT("SELECT version FROM commitments WHERE id = %lld", cid);
	assert_int_equal(post(c1, path, f("csrf=%s&action=return&commitment="
	    "%lld&version=%lld", csrf, cid, v), NULL), 400);
	assert_int_equal(post(c1, path, f("csrf=%s&action=return&commitment="
	    "%lld&version=%lld&reason=%s", csrf, cid, v, enc("缺少拨付凭证")),
	    NULL), 303);
	assert_string_equal(QSTR("SELECT CONCAT_WS('|', state, "
	    "fulfilled_on IS NULL) FROM commitments WHERE id = %lld", cid),
	    "open|1");
	assert_string_equal(QSTR("SELECT note FROM agreement_events WHERE "
	    "commitment_id = %lld AND action = 'returned'", cid),
	    "缺少拨付凭证");
	assert_int_equal(get(c1, path, &r), 200);
	assert_non_null(strstr(r.body, "退回待兑现"));
	assert_non_null(strstr(r.body, "缺少拨付凭证"));
	hresp_free(&r);
}

/* A stale edit of a unit: 409 with the current values and the typed
 * text; nothing lost silently. */
static void
stale_edit(void **state)
{
	char		 c1[128], s1[128], csrf[65], csrf2[65], path[64];
	long long	 v;
	struct hresp	 r;

	(void)state;
	must_login("community1", c1);
	must_login("street1", s1);
	csrf_of(c1, csrf);
	csrf_of(s1, csrf2);
	snprintf(path, sizeof(path), "/cobuild/units/%lld", unit_x);
	v = QINT("SELECT version FROM units WHERE id = %lld", unit_x);
	assert_int_equal(post(s1, path, f("csrf=%s&action=edit&version=%lld&"
	    "org_kind=state_firm&party_org=%s&member_count=45", csrf2, v,
	    enc("街道改的党委名")), NULL), 303);
	assert_int_equal(post(c1, path, f("csrf=%s&action=edit&version=%lld&"
	    "org_kind=agency&party_org=%s&member_count=50", csrf, v,
	    enc("社区想改的党委名")), &r), 409);
	assert_non_null(strstr(r.body, "社区想改的党委名"));	/* typed */
	assert_non_null(strstr(r.body, "街道改的党委名"));	/* current */
	hresp_free(&r);
	assert_string_equal(QSTR("SELECT CONCAT_WS('|', party_org, "
	    "member_count, version) FROM units WHERE id = %lld", unit_x),
	    f("街道改的党委名|45|%lld", v + 1));
	/* a bad phone: 400, nothing stored */
	assert_int_equal(post(c1, path, f("csrf=%s&action=edit&version=%lld&"
	    "contact_phone=12345", csrf, v + 1), NULL), 400);
	assert_int_equal(QINT("SELECT version FROM units WHERE id = %lld",
	    unit_x), v + 1);
	/* the 大党委: a member appointed and ended */
	assert_int_equal(post(c1, path, f("csrf=%s&action=member_add&name=%s&"
	    "post=%s&since=%d-01-01", csrf, enc("周委员"), enc("党委书记"),
	    year), NULL), 303);
	v = QINT("SELECT id FROM committee_members WHERE unit_id = %lld",
	    unit_x);
	assert_int_equal(post(c1, path, f("csrf=%s&action=member_end&"
	    "member=%lld&until=%d-01-01", csrf, v, year - 1), NULL), 409);
	assert_int_equal(post(c1, path, f("csrf=%s&action=member_end&"
	    "member=%lld&until=%d-01-02", csrf, v, year), NULL), 303);
	assert_int_equal(QINT("SELECT until_on IS NOT NULL FROM "
	    "committee_members WHERE id = %lld", v), 1);
}

/* A signed agreement of unit_x for year y, made by SQL when missing. */
static long long
signed_agreement(int y)
{
	long long	 id = agreement_of(unit_x, y);

	if (id == 0) {
		EXEC("INSERT INTO agreements (unit_id, region_id, year, title, "
		    "state, signed_on, valid_from, valid_to, created_by, "
		    "created_at) SELECT id, region_id, %d, '测试协议', "
		    "'signed', '%d-01-10', '%d-01-01', '%d-12-31', 1, "
		    "UTC_TIMESTAMP() FROM units WHERE id = %lld", y, y, y, y,
		    unit_x);
		id = agreement_of(unit_x, y);
	}
	EXEC("UPDATE agreements SET state = 'signed' WHERE id = %lld", id);
	return id;
}

/* The mutual evaluation: only in its window; once a side; the other's
 * rating hidden until both rated or the window closed. */
static void
evaluation(void **state)
{
	char		 c1[128], u[128], csrf[65], ucsrf[65];
	long long	 early = signed_agreement(year + 1);
	long long	 late = signed_agreement(year - 2), open;
	/* The test stack's window (scripts/test.sh, COBUILD_CONF) of year
	 * Y runs from 1 January Y to 31 December Y+1: this year's is open. */
	int		 oy = year;
	struct hresp	 r;

	(void)state;
	must_login("community1", c1);
	assert_int_equal(login(f("cbw%s", sfx), PW2, u), 303);
	csrf_of(c1, csrf);
	csrf_from(u, "/unit", ucsrf);
	/* before the window (next year's) and after it (two years ago) */
	assert_int_equal(post(c1, f("/cobuild/agreements/%lld", early),
	    f("csrf=%s&action=evaluate&rating=satisfied", csrf), &r), 409);
	assert_non_null(strstr(r.body, "尚未开始"));
	hresp_free(&r);
	assert_int_equal(post(u, f("/unit/agreements/%lld", late),
	    f("csrf=%s&action=evaluate&rating=satisfied", ucsrf), &r), 409);
	assert_non_null(strstr(r.body, "结束"));
	hresp_free(&r);
	assert_int_equal(QINT("SELECT COUNT(*) FROM evaluations WHERE "
	    "agreement_id IN (%lld, %lld)", early, late), 0);
	/* a closed window shows what the other side gave */
	EXEC("INSERT INTO evaluations (agreement_id, direction, rating, "
	    "comment, rated_by, rated_at) VALUES (%lld, 'community_rates_unit',"
	    " 'basically', '往年社区意见XQ', 1, UTC_TIMESTAMP())", late);
	assert_int_equal(get(u, "/unit", &r), 200);
	assert_non_null(strstr(r.body, "往年社区意见XQ"));
	hresp_free(&r);
	open = signed_agreement(oy);
	assert_int_equal(post(c1, f("/cobuild/agreements/%lld", open),
	    f("csrf=%s&action=evaluate&rating=basically&comment=%s", csrf,
	    enc("社区评单位意见AB")), NULL), 303);
	assert_int_equal(post(c1, f("/cobuild/agreements/%lld", open),
	    f("csrf=%s&action=evaluate&rating=satisfied", csrf), &r), 409);
	assert_non_null(strstr(r.body, "已评议"));
	hresp_free(&r);
	assert_int_equal(QINT("SELECT COUNT(*) FROM evaluations WHERE "
	    "agreement_id = %lld", open), 1);
	/* the unit has not rated: it does not see the community's */
	assert_int_equal(get(u, "/unit", &r), 200);
	assert_null(strstr(r.body, "社区评单位意见AB"));
	assert_non_null(strstr(r.body, "对方已评议"));
	hresp_free(&r);
	assert_int_equal(post(u, f("/unit/agreements/%lld", open),
	    f("csrf=%s&action=evaluate&rating=bad", ucsrf), NULL), 400);
	assert_int_equal(post(u, f("/unit/agreements/%lld", open),
	    f("csrf=%s&action=evaluate&rating=satisfied&comment=%s", ucsrf,
	    enc("单位评社区意见CD")), NULL), 303);
	assert_int_equal(post(u, f("/unit/agreements/%lld", open),
	    f("csrf=%s&action=evaluate&rating=satisfied", ucsrf), NULL), 409);
	/* both rated: each sees the other's */
	assert_int_equal(get(u, "/unit", &r), 200);
	assert_non_null(strstr(r.body, "社区评单位意见AB"));
	hresp_free(&r);
	assert_int_equal(get(c1, f("/cobuild/agreements/%lld", open), &r),
	    200);
	assert_non_null(strstr(r.body, "单位评社区意见CD"));
	hresp_free(&r);
	assert_string_equal(QSTR("SELECT GROUP_CONCAT(CONCAT(direction, '=', "
	    "rating) ORDER BY direction) FROM evaluations WHERE agreement_id "
	    "= %lld", open), "community_rates_unit=basically,"
	    "unit_rates_community=satisfied");
	assert_int_equal(QINT("SELECT COUNT(*) FROM audit_log WHERE object = "
	    "'agreement %lld' AND action = 'cb_evaluate'", open), 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scope_404s),
		cmocka_unit_test(import_units),
		cmocka_unit_test(accounts_three_ways),
		cmocka_unit_test(agreement_flow),
		cmocka_unit_test(send_back),
		cmocka_unit_test(stale_edit),
		cmocka_unit_test(evaluation),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
