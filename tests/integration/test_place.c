/*
 * Issue 18, points 4-7, through nginx: the resident's compound (小区) —
 * its import, search by name and alias with and without JavaScript, the
 * nearest by point, a post with a compound storing its place —, the
 * privacy of the timeline (an internal note and staff names on no public
 * page or Open311 answer), forgiving input (phones, tracking numbers,
 * digits), and the form page compressed under 10 KB.
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

#include <cmocka.h>
#include <sodium.h>

#include "formtok.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

static char	 sfx[16];		/* this run's names and codes */
static long long grid_id, comm_id, near_id, far_id;
static char	 lat[16], lng[16];	/* the point of compound near_id */

#define qint	testdb_intf
/* Lookups (POST /track) from an address of this test's own: nginx limits
 * them per address, and test_portal's come from 127.0.0.1. */
#define LOOKUP_SOURCE	"127.0.3.18"

/* `lianxin import KIND -` with csv on stdin; its stderr into err. */
static int
import(const char *kind, const char *csv, char *err, size_t sz)
{
	char	 path[64], epath[64], cmd[512];
	FILE	*f;
	size_t	 n;
	int	 st;

	snprintf(path, sizeof(path), "/tmp/lianxin-place-%s.csv", sfx);
	snprintf(epath, sizeof(epath), "/tmp/lianxin-place-%s.err", sfx);
	assert_non_null(f = fopen(path, "w"));
	fputs(csv, f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "'%s' import %s - <'%s' >/dev/null 2>'%s'",
	    test_bin("lianxin"), kind, path, epath);
	st = system(cmd);
	err[0] = '\0';
	if ((f = fopen(epath, "r")) != NULL) {
		n = fread(err, 1, sz - 1, f);
		err[n] = '\0';
		fclose(f);
	}
	unlink(path);
	unlink(epath);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A region tree of this run (district to grid) and two compounds: one
 * with aliases and a point, one without either, through the import. */
static int
setup(void **state)
{
	char	 csv[2048], err[2048];
	double	 la;

	(void)state;
	if (sodium_init() == -1)
		return -1;
	snprintf(sfx, sizeof(sfx), "P%u", randombytes_uniform(1000000));
	/* Far from the demo's compounds, and from other runs'. */
	la = 40.0 + randombytes_uniform(400000) / 100000.0;
	snprintf(lat, sizeof(lat), "%.6f", la);
	snprintf(lng, sizeof(lng), "%.6f", 100.0 + randombytes_uniform(
	    400000) / 100000.0);
	snprintf(csv, sizeof(csv), "code,name,level,parent_code\n"
	    "%1$s-d,测试区%1$s,1,\n%1$s-s,测试街道%1$s,2,%1$s-d\n"
	    "%1$s-c,测试社区%1$s,3,%1$s-s\n%1$s-g,测试网格%1$s,4,%1$s-c\n",
	    sfx);
	if (import("regions", csv, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s", err);
		return -1;
	}
	snprintf(csv, sizeof(csv), "名称,别名,网格编码,纬度,经度\n"
	    "阳光花园%1$s,\"阳光小区%1$s、 老阳光%1$s \",%1$s-g,%2$s,%3$s\n"
	    "月亮湾%1$s,,%1$s-g,,\n", sfx, lat, lng);
	if (import("compounds", csv, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s", err);
		return -1;
	}
	grid_id = qint("SELECT id FROM regions WHERE code = '%s-g'", sfx);
	comm_id = qint("SELECT id FROM regions WHERE code = '%s-c'", sfx);
	near_id = qint("SELECT id FROM compounds WHERE name = '阳光花园%s'",
	    sfx);
	far_id = qint("SELECT id FROM compounds WHERE name = '月亮湾%s'", sfx);
	return grid_id > 0 && comm_id > 0 && near_id > 0 && far_id > 0 ?
	    0 : -1;
}

/* The import stored the aliases cleaned and the point; a bad file
 * stores nothing and says why, line by line. */
static void
import_good_and_bad(void **state)
{
	char	 csv[2048], err[2048], want[512];
	long long before;

	(void)state;
	assert_int_equal(qint("SELECT aliases = '阳光小区%s|老阳光%s' AND "
	    "lat = %s AND lng = %s AND grid_id = %lld FROM compounds "
	    "WHERE id = %lld", sfx, sfx, lat, lng, grid_id, near_id), 1);
	assert_int_equal(qint("SELECT lat IS NULL AND aliases = '' FROM "
	    "compounds WHERE id = %lld", far_id), 1);
	before = qint("SELECT COUNT(*) FROM compounds");
	snprintf(csv, sizeof(csv), "name,grid_code,lat,lng\n"
	    "新小区%1$s,%1$s-g,30.1,120.1\n"
	    "阳光花园%1$s,%1$s-g,,\n"
	    "另一小区%1$s,nosuch-%1$s,,\n"
	    "第四小区%1$s,%1$s-c,,\n"
	    "第五小区%1$s,%1$s-g,91,120\n"
	    "第六小区%1$s,%1$s-g,30.1,\n"
	    "新小区%1$s,%1$s-g,,\n", sfx);
	assert_int_equal(import("compounds", csv, err, sizeof(err)), 1);
	assert_int_equal(qint("SELECT COUNT(*) FROM compounds"), before);
	assert_null(strstr(err, "F:2:"));
	assert_non_null(strstr(err, ":3: name: 该网格中已有同名小区\n"));
	assert_non_null(strstr(err, ":4: grid_code: 网格编码不存在\n"));
	assert_non_null(strstr(err, ":5: grid_code: 此编码是社区，小区须属于"
	    "网格\n"));
	assert_non_null(strstr(err, ":6: lat: 纬度应为"));
	assert_non_null(strstr(err, ":7: lng: 纬度和经度须同时填写"));
	assert_non_null(strstr(err, ":8: name: 在文件中重复（与第 2 行相同）"));
	snprintf(want, sizeof(want), "stdin: 6 处错误，未导入任何数据\n");
	assert_non_null(strstr(err, want));
}

/* /compounds.json and the form's search without JavaScript. */
static void
search_by_name_and_alias(void **state)
{
	struct hresp	 r;
	char		 path[256], q[128], want[128];

	(void)state;
	/* By name. */
	http_enc(q, sizeof(q), "阳光花园");
	snprintf(path, sizeof(path), "/compounds.json?q=%s%s", q, sfx);
	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(hresp_header(&r, "Content-Type"),
	    "application/json"));
	snprintf(want, sizeof(want), "{\"compounds\":[{\"id\":%lld,"
	    "\"name\":\"阳光花园%s\",\"community\":\"测试社区%s\"", near_id,
	    sfx, sfx);
	assert_non_null(strstr(r.body, want));
	snprintf(want, sizeof(want), "\"community_id\":%lld,\"grid_id\":%lld}",
	    comm_id, grid_id);
	assert_non_null(strstr(r.body, want));
	hresp_free(&r);
	/* By an alias, the wildcards of LIKE taken literally. */
	http_enc(q, sizeof(q), "老阳光");
	snprintf(path, sizeof(path), "/compounds.json?q=%s%s", q, sfx);
	assert_int_equal(http_get(path, &r), 0);
	snprintf(want, sizeof(want), "\"name\":\"阳光花园%s\"", sfx);
	assert_non_null(strstr(r.body, want));
	hresp_free(&r);
	assert_int_equal(http_get("/compounds.json?q=%25", &r), 0);
	assert_string_equal(r.body, "{\"compounds\":[]}");
	hresp_free(&r);
	assert_int_equal(http_status("/compounds.json"), 400);
	/* Without JavaScript: the form page lists links that fill it. */
	http_enc(q, sizeof(q), "阳光小区");
	snprintf(path, sizeof(path), "/?q=%s%s", q, sfx);
	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof(want), "<a href=\"/?compound=%lld#request-form\">"
	    "阳光花园%s", near_id, sfx);
	assert_non_null(strstr(r.body, want));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/?compound=%lld", near_id);
	assert_int_equal(http_get(path, &r), 0);
	snprintf(want, sizeof(want), "<option value=\"%lld\" selected>",
	    grid_id);
	assert_non_null(strstr(r.body, want));
	snprintf(want, sizeof(want), "<option value=\"%lld\" selected>",
	    comm_id);
	assert_non_null(strstr(r.body, want));
	snprintf(want, sizeof(want), "name=\"compound\" id=\"compound\" "
	    "value=\"%lld\"", near_id);
	assert_non_null(strstr(r.body, want));
	hresp_free(&r);
}

/* "Use my location": the nearest compound with a point. */
static void
nearest_by_point(void **state)
{
	struct hresp	 r;
	char		 path[256], want[128];
	const char	*m;

	(void)state;
	/* About 111 m north of the compound's point. */
	snprintf(path, sizeof(path), "/compounds.json?lat=%.6f&lng=%s",
	    atof(lat) + 0.001, lng);
	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof(want), "{\"compounds\":[{\"id\":%lld,", near_id);
	assert_non_null(strstr(r.body, want));
	assert_non_null(m = strstr(r.body, "\"metres\":"));
	assert_true(atoi(m + 9) >= 100 && atoi(m + 9) <= 120);
	hresp_free(&r);
	/* Nothing within 3 km: an empty list. */
	snprintf(path, sizeof(path), "/compounds.json?lat=%.6f&lng=%s",
	    atof(lat) + 0.1, lng);
	assert_int_equal(http_get(path, &r), 0);
	assert_string_equal(r.body, "{\"compounds\":[]}");
	hresp_free(&r);
}

/* A post of the form with extra fields; its tracking number into t, or
 * the response kept in *out when not 303. */
static int
post(const char *phone, const char *extra, char t[9], struct hresp *out)
{
	char		 tok[33], body[2048], ph[128], place[128];
	struct hresp	 r;
	const char	*loc;
	int		 st;

	assert_int_equal(formtok_make(tok, "requests", time(NULL)), 0);
	http_enc(ph, sizeof(ph), phone);
	snprintf(place, sizeof(place), "community=%lld", comm_id);
	snprintf(body, sizeof(body), "token=%s&category=1&%s&address="
	    "%%E5%%B9%%B8%%E7%%A6%%8F%%E8%%B7%%AF12%%E5%%8F%%B7&description="
	    "%%E6%%A5%%BC%%E9%%81%%93%%E7%%81%%AF%%E5%%9D%%8F%%E4%%BA%%86%%E5"
	    "%%A5%%BD%%E5%%87%%A0%%E5%%A4%%A9%%E4%%BA%%86%%E6%%99%%9A%%E4%%B8"
	    "%%8A%%E5%%BE%%88%%E9%%BB%%91&name=%%E6%%9D%%8E%%E5%%9B%%9B&"
	    "phone=%s&consent=1%s", tok, place, ph, extra);
	assert_int_equal(http_post("/requests", body, &r), 0);
	st = r.status;
	if (st == 303) {
		loc = hresp_header(&r, "Location");
		assert_non_null(loc);
		assert_int_equal(strncmp(loc, "/receipt/", 9), 0);
		memcpy(t, loc + 9, 8);
		t[8] = '\0';
	}
	if (out != NULL)
		*out = r;
	else
		hresp_free(&r);
	return st;
}

/* A compound picked decides the place: its grid and community, whatever
 * the lists say; an unknown one is refused, the rest kept. */
static void
post_with_compound(void **state)
{
	struct hresp	 r;
	char		 t[9], extra[128];
	long long	 other;

	(void)state;
	/* The lists name a demo grid of another community. */
	other = testdb_int("SELECT MIN(id) FROM regions WHERE level = 4");
	snprintf(extra, sizeof(extra), "&grid=%lld&compound=%lld", other,
	    near_id);
	assert_int_equal(post("13800138000", extra, t, NULL), 303);
	assert_int_equal(qint("SELECT grid_id = %lld AND community_id = %lld "
	    "FROM service_requests WHERE tracking_no = '%s'", grid_id, comm_id,
	    t), 1);
	snprintf(extra, sizeof(extra), "&compound=999999999");
	assert_int_equal(post("13800138000", extra, t, &r), 400);
	assert_non_null(strstr(r.body, "所选小区不存在，请重新选择"));
	hresp_free(&r);
}

/* +86, spaces, dashes and full-width digits: stored as 11 digits; a
 * refused phone stays in the field as typed. */
static void
forgiving_phone_and_tracking(void **state)
{
	struct hresp	 r;
	char		 t[9], body[256], lower[9], fw[64];
	size_t		 i;

	(void)state;
	assert_int_equal(post("+86 138-0013-8000", "", t, NULL), 303);
	assert_int_equal(qint("SELECT resident_phone = '13800138000' FROM "
	    "service_requests WHERE tracking_no = '%s'", t), 1);
	assert_int_equal(post("１３９ ００１３ ９０００", "", t, NULL), 303);
	assert_int_equal(qint("SELECT resident_phone = '13900139000' FROM "
	    "service_requests WHERE tracking_no = '%s'", t), 1);
	assert_int_equal(post("138-0013-800", "", t, &r), 400);
	assert_non_null(strstr(r.body, "value=\"138-0013-800\""));
	assert_non_null(strstr(r.body, "请输入11位手机号码"));
	hresp_free(&r);
	/* The lookup: the tracking number in lower case with a space,
	 * the digits full-width. */
	for (i = 0; i < 8; i++)
		lower[i] = (char)(t[i] >= 'A' && t[i] <= 'Z' ? t[i] - 'A' +
		    'a' : t[i]);
	lower[8] = '\0';
	http_enc(fw, sizeof(fw), "９０００");
	snprintf(body, sizeof(body), "tracking=%.4s+%s&last4=%s", lower,
	    lower + 4, fw);
	httpc_source = LOOKUP_SOURCE;
	assert_int_equal(http_post("/track", body, &r), 0);
	httpc_source = NULL;
	if (r.status != 200)
		fail_msg("lookup %s: %d", body, r.status);
	assert_non_null(strstr(r.body, t));
	hresp_free(&r);
	/* A tracking number refused stays in its field as typed. */
	httpc_source = LOOKUP_SOURCE;
	assert_int_equal(http_post("/track", "tracking=zz-bad&last4=1", &r),
	    0);
	httpc_source = NULL;
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "name=\"tracking\" maxlength=\"16\" "
	    "required autocapitalize=\"characters\" value=\"zz-bad\""));
	hresp_free(&r);
}

/* No marker of the internal texts, nor the staff member's name, in s. */
static void
clean(const char *what, const char *s, const char *marker, const char *name)
{
	if (strstr(s, marker) != NULL)
		fail_msg("%s shows the internal note", what);
	if (strstr(s, name) != NULL)
		fail_msg("%s shows the staff member's name", what);
}

/* A public page (GET, or POST of body) answering want: nothing internal
 * on it, nor the resident's own description.  Freed. */
static void
public_page(const char *path, const char *body, int want, const char *marker,
    const char *name)
{
	struct hresp	 r;

	httpc_source = LOOKUP_SOURCE;
	assert_int_equal(body ? http_post(path, body, &r) : http_get(path,
	    &r), 0);
	httpc_source = NULL;
	assert_int_equal(r.status, want);
	clean(path, r.body, marker, name);
	assert_null(strstr(r.body, "OWNDESC"));
	hresp_free(&r);
}

/*
 * Staff write internal texts (a note, an assignment's remark) with a
 * marker and a staff member's name, and a note for the resident: the
 * internal ones are on no public page, status page (before and after the
 * digits) or Open311 answer (anonymous or keyed); the one for the
 * resident is on the status page; state changes say the level.
 */
static void
internal_notes_stay_internal(void **state)
{
	struct hresp	 r;
	char		 c[128], csrf[65], t[9], marker[32], pub[32], body[1024];
	char		 name[128], enc[256], path[128], key[80], out[512];
	char		 cmd[256], tok[33];
	FILE		*p;
	size_t		 n;
	int		 i;

	(void)state;
	snprintf(marker, sizeof(marker), "INTERNAL%s", sfx);
	snprintf(pub, sizeof(pub), "FORRESIDENT%s", sfx);
	snprintf(name, sizeof(name), "%s", testdb_str("SELECT display_name "
	    "FROM users WHERE username = 'community1'"));
	/* A request in community1's scope, phone ending 8000. */
	assert_int_equal(qint("SELECT COUNT(*) FROM regions WHERE id = (SELECT "
	    "region_id FROM users WHERE username = 'grid1')"), 1);
	assert_int_equal(formtok_make(tok, "requests", time(NULL)), 0);
	snprintf(body, sizeof(body), "token=%s&category=1&community=%lld&"
	    "grid=%lld&address=%%E5%%B9%%B8%%E7%%A6%%8F%%E8%%B7%%AF9%%E5%%8F"
	    "%%B7&description=OWNDESC%s+%%E8%%B7%%AF%%E7%%81%%AF%%E5%%9D%%8F"
	    "%%E4%%BA%%86&name=%%E6%%9D%%8E%%E5%%9B%%9B&phone=13800138000&"
	    "consent=1", tok, qint("SELECT parent_id FROM regions WHERE id = "
	    "(SELECT region_id FROM users WHERE username = 'grid1')"),
	    qint("SELECT region_id FROM users WHERE username = 'grid1'"), sfx);
	assert_int_equal(http_post("/requests", body, &r), 0);
	assert_int_equal(r.status, 303);
	memcpy(t, hresp_header(&r, "Location") + 9, 8);
	t[8] = '\0';
	hresp_free(&r);

	must_login("community1", c);
	csrf_of(c, csrf);
	snprintf(path, sizeof(path), "/staff/requests/%s", t);
	/* The staff forms say what is internal. */
	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	assert_non_null(strstr(r.body, "告知居民（居民可见）"));
	assert_non_null(strstr(r.body, "未勾选则仅内部可见"));
	hresp_free(&r);
	http_enc(enc, sizeof(enc), name);
	for (i = 0; i < 4; i++) {
		switch (i) {
		case 0:		/* accept */
			snprintf(body, sizeof(body), "csrf=%s&version=%lld&"
			    "action=accept&text=%s+%s", csrf, qint("SELECT "
			    "version FROM service_requests WHERE tracking_no = "
			    "'%s'", t), marker, enc);
			break;
		case 1:		/* an internal note with the staff's name */
			snprintf(body, sizeof(body), "csrf=%s&version=%lld&"
			    "action=note&text=%s+%s+13800001111", csrf,
			    qint("SELECT version FROM service_requests WHERE "
			    "tracking_no = '%s'", t), marker, enc);
			break;
		case 2:		/* assigned, with an internal remark */
			snprintf(body, sizeof(body), "csrf=%s&version=%lld&"
			    "action=assign&assignee=u%lld&text=%s+%s", csrf,
			    qint("SELECT version FROM service_requests WHERE "
			    "tracking_no = '%s'", t), testdb_int("SELECT id "
			    "FROM users WHERE username = 'grid1'"), marker,
			    enc);
			break;
		default:	/* a note for the resident */
			snprintf(body, sizeof(body), "csrf=%s&version=%lld&"
			    "action=note&public=1&text=%s", csrf, qint("SELECT "
			    "version FROM service_requests WHERE tracking_no = "
			    "'%s'", t), pub);
			break;
		}
		assert_int_equal(status_of(c, "POST", path, body), 303);
	}
	assert_int_equal(qint("SELECT COUNT(*) FROM request_events e JOIN "
	    "service_requests r ON r.id = e.request_id WHERE r.tracking_no = "
	    "'%s' AND e.body LIKE 'INTERNAL%%' AND NOT e.public", t), 3);

	/* The receipt (public) and the lookup with wrong digits. */
	snprintf(path, sizeof(path), "/receipt/%s", t);
	public_page(path, NULL, 200, marker, name);
	snprintf(body, sizeof(body), "tracking=%s&last4=1111", t);
	public_page("/track", body, 404, marker, name);
	public_page("/", NULL, 200, marker, name);
	/* The status page after the digits: state changes with the level,
	 * the note for the resident, their own description; nothing
	 * internal. */
	snprintf(body, sizeof(body), "tracking=%s&last4=8000", t);
	httpc_source = LOOKUP_SOURCE;
	assert_int_equal(http_post("/track", body, &r), 0);
	httpc_source = NULL;
	assert_int_equal(r.status, 200);
	clean("the status page", r.body, marker, name);
	assert_non_null(strstr(r.body, pub));
	assert_non_null(strstr(r.body, "社区已受理</strong> <span class=\"muted\">"
	    "社区工作人员</span>"));
	assert_non_null(strstr(r.body, "OWNDESC"));
	assert_non_null(strstr(r.body, "幸福路9号"));
	hresp_free(&r);

	/* Open311, anonymous and with a key, JSON and XML. */
	snprintf(cmd, sizeof(cmd), "%s apikey create place-%s 2>/dev/null",
	    test_bin("lianxin"), sfx);
	assert_non_null(p = popen(cmd, "r"));
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_int_equal(sscanf(strstr(out, "key "), "key %64s", key), 1);
	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "/open311/v2/requests/%s.%s", t,
		    i % 2 ? "xml" : "json");
		httpc_headers = NULL;
		if (i >= 2) {
			snprintf(cmd, sizeof(cmd), "X-Api-Key: %s\r\n", key);
			httpc_headers = cmd;
		}
		assert_int_equal(http_get(path, &r), 0);
		httpc_headers = NULL;
		assert_int_equal(r.status, 200);
		clean(path, r.body, marker, name);
		assert_non_null(strstr(r.body, pub));
		hresp_free(&r);
		snprintf(path, sizeof(path), "/open311/v2/requests.%s",
		    i % 2 ? "xml" : "json");
		if (i >= 2)
			httpc_headers = cmd;
		assert_int_equal(http_get(path, &r), 0);
		httpc_headers = NULL;
		assert_int_equal(r.status, 200);
		clean(path, r.body, marker, name);
		hresp_free(&r);
	}
	/* Staff see it all, marked internal. */
	snprintf(path, sizeof(path), "/staff/requests/%s", t);
	assert_int_equal(req(c, "GET", path, NULL, &r), 0);
	assert_non_null(strstr(r.body, marker));
	assert_non_null(strstr(r.body, "（仅内部可见）"));
	hresp_free(&r);
}

/* The form page through nginx: gzip, under 10 KB, served from memory. */
static void
form_page_small(void **state)
{
	struct hresp	 r;
	const char	*ce;

	(void)state;
	httpc_headers = "Accept-Encoding: gzip\r\n";
	assert_int_equal(http_get("/", &r), 0);
	httpc_headers = NULL;
	assert_int_equal(r.status, 200);
	ce = hresp_header(&r, "Content-Encoding");
	assert_non_null(ce);
	assert_string_equal(ce, "gzip");
	assert_true(r.bodylen > 1000 && r.bodylen < 10240);
	assert_non_null(strstr(hresp_header(&r, "Vary"), "Accept-Encoding"));
	hresp_free(&r);
	/* JSON and the stylesheet too; each form page a fresh token. */
	httpc_headers = "Accept-Encoding: gzip\r\n";
	assert_int_equal(http_get("/compounds.json?q=%E7%A4%BE", &r), 0);
	httpc_headers = NULL;
	if (r.bodylen >= 512)
		assert_non_null(hresp_header(&r, "Content-Encoding"));
	hresp_free(&r);
}

/* Two blank forms from the memo carry different one-time tokens, and a
 * post with either works. */
static void
form_memo_fresh_tokens(void **state)
{
	struct hresp	 a, b;
	const char	*pa, *pb;

	(void)state;
	assert_int_equal(http_get("/", &a), 0);
	assert_int_equal(http_get("/", &b), 0);
	assert_non_null(pa = strstr(a.body, "name=\"token\" value=\""));
	assert_non_null(pb = strstr(b.body, "name=\"token\" value=\""));
	assert_int_not_equal(memcmp(pa + 20, pb + 20, 32), 0);
	assert_int_equal(strspn(pa + 20, "0123456789abcdef"), 32);
	assert_int_equal(pa[52], '"');
	assert_int_equal(a.bodylen, b.bodylen);
	hresp_free(&a);
	hresp_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_good_and_bad),
		cmocka_unit_test(search_by_name_and_alias),
		cmocka_unit_test(nearest_by_point),
		cmocka_unit_test(post_with_compound),
		cmocka_unit_test(forgiving_phone_and_tracking),
		cmocka_unit_test(internal_notes_stay_internal),
		cmocka_unit_test(form_page_small),
		cmocka_unit_test(form_memo_fresh_tokens),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
