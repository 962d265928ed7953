/*
 * Open311 GeoReport v2 through nginx: discovery, services, definitions,
 * posting with an API key (made and revoked with the admin command),
 * reading back by id and by filters in XML and JSON, status notes, and
 * bad input that gets 400 (or 403, 413) and stores nothing.
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
#include <sys/wait.h>
#include <time.h>

#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>

#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

#define API	"/open311/v2"
#define DESC	"小区东门路灯坏了一个多星期，晚上出入很不方便，请尽快维修。"
#define PHONE	"13812345678"

static char	 key[80], revoked[80], testkey[80];
static char	 community[16], grid[16], other_grid[16];

static long long
nrequests(void)
{
	return testdb_int("SELECT COUNT(*) FROM service_requests");
}

/*
 * Run the admin command of this build with args; its output into out.
 * Returns the exit status.
 */
static int
admin(const char *args, char *out, size_t sz)
{
	char		 cmd[1024];
	FILE		*p;
	size_t		 n;
	int		 st;

	snprintf(cmd, sizeof(cmd), "%s %s 2>/dev/null", test_bin("lianxin"),
	    args);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	n = fread(out, 1, sz - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/*
 * A new key through the admin command (name may start with the option
 * --test): its id and key.
 */
static void
new_key(const char *name, int *id, char k[80])
{
	char	 args[128], out[512];

	snprintf(args, sizeof(args), "apikey create %s", name);
	assert_int_equal(admin(args, out, sizeof(out)), 0);
	assert_int_equal(sscanf(out, "id %d\nkey %64s", id, k), 2);
	assert_int_equal(strlen(k), 64);
}

static int
setup(void **state)
{
	unsigned char	 h[32];
	char		 hex[65], q[256], out[4096];
	int		 id, rid, tid;

	(void)state;
	assert_int_equal(testdb_places(community, grid, other_grid), 0);

	/* One key to use, one revoked, through the admin command. */
	new_key("open311-test", &id, key);
	new_key("open311-revoked", &rid, revoked);
	new_key("--test open311-integrator", &tid, testkey);	/* a test key */
	assert_int_equal(admin("apikey create --tset x", out, sizeof(out)),
	    2);
	snprintf(q, sizeof(q), "apikey revoke %d", rid);
	assert_int_equal(admin(q, out, sizeof(out)), 0);
	assert_int_equal(admin(q, out, sizeof(out)), 1);	/* not twice */
	assert_int_equal(admin("apikey revoke x", out, sizeof(out)), 2);
	assert_int_equal(admin("apikey bogus", out, sizeof(out)), 2);
	assert_int_equal(admin("apikey list", out, sizeof(out)), 0);
	assert_non_null(strstr(out, "open311-revoked"));
	assert_non_null(strstr(out, " revoked "));
	assert_non_null(strstr(out, " test "));
	assert_non_null(strstr(out, " production "));
	assert_null(strstr(out, key));
	/* Only the BLAKE2b-256 of a key is stored. */
	crypto_generichash(h, sizeof(h), (const unsigned char *)key,
	    strlen(key), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM api_keys WHERE id = %d "
	    "AND key_hash = UNHEX('%s') AND revoked_at IS NULL", id, hex);
	assert_int_equal(testdb_int(q), 1);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM api_keys WHERE "
	    "LOWER(HEX(key_hash)) = '%s' OR name = '%s'", key, key);
	assert_int_equal(testdb_int(q), 0);
	return 0;
}

/* A valid post body (form-encoded) with extra fields appended raw. */
static void
post_body(char *out, size_t sz, const char *k, const char *code,
    const char *desc, const char *extra)
{
	char	 d[8192], a[256], kk[256];

	http_enc(d, sizeof(d), desc);
	http_enc(a, sizeof(a), "幸福路12号3幢");
	http_enc(kk, sizeof(kk), k);
	snprintf(out, sz, "api_key=%s&service_code=%s&attribute[community]=%s"
	    "&attribute%%5Bgrid%%5D=%s&address_string=%s&description=%s"
	    "&last_name=%%E6%%9D%%8E&first_name=%%E5%%9B%%9B&phone=" PHONE
	    "%s%s", kk, code, community, grid, a, d, extra ? "&" : "",
	    extra ? extra : "");
}

static json_t *
json_of(const struct hresp *r)
{
	json_error_t	 e;
	json_t		*j = json_loadb(r->body, r->bodylen, 0, &e);

	if (j == NULL)
		fail_msg("not JSON (%s): %.200s", e.text, r->body);
	return j;
}

static const char *
jstr(json_t *o, const char *k)
{
	const char	*s = json_string_value(json_object_get(o, k));

	if (s == NULL)
		fail_msg("no string %s", k);
	return s;
}

/* r is a JSON error body with code and a description holding part. */
static void
json_error(const struct hresp *r, int code, const char *part)
{
	json_t	*j = json_of(r), *e = json_array_get(j, 0);

	assert_int_equal(r->status, code);
	assert_non_null(e);
	assert_int_equal(json_integer_value(json_object_get(e, "code")), code);
	if (strstr(jstr(e, "description"), part) == NULL)
		fail_msg("%d: %s", code, r->body);
	json_decref(j);
}

/* Post; the new service_request_id into id.  fmt "xml" or "json". */
static void
post_ok(const char *fmt, const char *code, const char *desc,
    const char *extra, char id[9])
{
	struct hresp	 r;
	char		 body[16384], path[64];
	const char	*p;
	json_t		*j;

	post_body(body, sizeof(body), key, code, desc, extra);
	snprintf(path, sizeof(path), API "/requests.%s", fmt);
	assert_int_equal(http_post(path, body, &r), 0);
	if (r.status != 200)
		fail_msg("post: %d %s", r.status, r.body);
	if (strcmp(fmt, "json") == 0) {
		assert_string_equal(hresp_header(&r, "Content-Type"),
		    "application/json; charset=utf-8");
		j = json_of(&r);
		assert_true(json_is_array(j));
		assert_int_equal(json_array_size(j), 1);
		snprintf(id, 9, "%s", jstr(json_array_get(j, 0),
		    "service_request_id"));
		assert_non_null(strstr(jstr(json_array_get(j, 0),
		    "service_notice"), "小时内响应"));
		assert_true(json_is_null(json_object_get(json_array_get(j, 0),
		    "account_id")));
		json_decref(j);
	} else {
		assert_string_equal(hresp_header(&r, "Content-Type"),
		    "text/xml; charset=utf-8");
		p = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		    "<service_requests>\n<request>\n";
		assert_int_equal(strncmp(r.body, p, strlen(p)), 0);
		p = strstr(r.body, "<service_request_id>");
		assert_non_null(p);
		memcpy(id, p + 20, 8);
		id[8] = '\0';
		assert_non_null(strstr(r.body, "<service_notice>"));
		assert_non_null(strstr(r.body, "<account_id/>"));
	}
	assert_int_equal(strspn(id, "23456789ABCDEFGHJKMNPQRSTUVWXYZ"), 8);
	hresp_free(&r);
}

static void
discovery(void **state)
{
	struct hresp	 r;
	json_t		*j, *ep;

	(void)state;
	assert_int_equal(http_get(API "/discovery.xml", &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"),
	    "text/xml; charset=utf-8");
	assert_non_null(strstr(r.body, "<discovery>\n<changeset>"));
	assert_non_null(strstr(r.body, "<specification>"
	    "http://wiki.open311.org/GeoReport_v2</specification>"));
	assert_non_null(strstr(r.body, "<formats>\n<format>text/xml</format>"
	    "\n<format>application/json</format>\n</formats>"));
	hresp_free(&r);
	assert_int_equal(http_get(API "/discovery.json", &r), 0);
	assert_int_equal(r.status, 200);
	j = json_of(&r);
	ep = json_array_get(json_object_get(j, "endpoints"), 0);
	assert_non_null(ep);
	assert_string_equal(jstr(ep, "type"), "production");
	assert_non_null(strstr(jstr(ep, "url"), "/open311/v2"));
	assert_int_equal(json_array_size(json_object_get(ep, "formats")), 2);
	/* And the test endpoint (issue 16, point 10). */
	ep = json_array_get(json_object_get(j, "endpoints"), 1);
	assert_non_null(ep);
	assert_string_equal(jstr(ep, "type"), "test");
	assert_non_null(strstr(jstr(ep, "url"), "/open311/test/v2"));
	assert_int_equal(json_array_size(json_object_get(ep, "formats")), 2);
	json_decref(j);
	hresp_free(&r);
	/* Another format: 404 in the specification's body. */
	assert_int_equal(http_get(API "/discovery.html", &r), 0);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "<errors>\n<error>\n<code>404</code>"));
	hresp_free(&r);
}

static void
services(void **state)
{
	struct hresp	 r;
	json_t		*j, *s;
	size_t		 i;
	long long	 n;

	(void)state;
	n = testdb_int("SELECT COUNT(*) FROM categories WHERE active");
	assert_int_equal(http_get(API "/services.json", &r), 0);
	assert_int_equal(r.status, 200);
	j = json_of(&r);
	assert_int_equal(json_array_size(j), n);
	json_array_foreach(j, i, s) {
		assert_true(json_is_true(json_object_get(s, "metadata")));
		assert_string_equal(jstr(s, "type"), "realtime");
		assert_non_null(json_object_get(s, "keywords"));
		assert_non_null(json_object_get(s, "group"));
		assert_non_null(json_object_get(s, "description"));
	}
	assert_string_equal(jstr(json_array_get(j, 0), "service_code"),
	    testdb_str("SELECT code FROM categories WHERE active ORDER BY "
	    "sort, id LIMIT 1"));
	json_decref(j);
	hresp_free(&r);
	assert_int_equal(http_get(API "/services.xml", &r), 0);
	assert_int_equal(r.status, 200);
	/* Other tests may add categories: find ours anywhere in the list. */
	assert_non_null(strstr(r.body, "<services>\n<service>\n"));
	assert_non_null(strstr(r.body, "<service>\n"
	    "<service_code>env</service_code>\n"
	    "<service_name>环境卫生</service_name>"));
	assert_non_null(strstr(r.body, "<metadata>true</metadata>\n"
	    "<type>realtime</type>"));
	hresp_free(&r);
}

/* Has values[] of attribute a an entry with key k? */
static int
has_key(json_t *a, const char *k)
{
	json_t	*v;
	size_t	 i;

	json_array_foreach(json_object_get(a, "values"), i, v)
		if (strcmp(jstr(v, "key"), k) == 0)
			return 1;
	return 0;
}

static void
definition(void **state)
{
	struct hresp	 r;
	json_t		*j, *a, *c, *g;

	(void)state;
	assert_int_equal(http_get(API "/services/env.json", &r), 0);
	assert_int_equal(r.status, 200);
	j = json_of(&r);
	assert_string_equal(jstr(j, "service_code"), "env");
	a = json_object_get(j, "attributes");
	assert_int_equal(json_array_size(a), 2);
	c = json_array_get(a, 0);
	g = json_array_get(a, 1);
	assert_string_equal(jstr(c, "code"), "community");
	assert_string_equal(jstr(c, "datatype"), "singlevaluelist");
	assert_true(json_is_true(json_object_get(c, "required")));
	assert_true(json_is_true(json_object_get(c, "variable")));
	assert_int_equal(json_integer_value(json_object_get(c, "order")), 1);
	assert_true(has_key(c, community));
	assert_false(has_key(c, grid));
	assert_string_equal(jstr(g, "code"), "grid");
	assert_true(json_is_false(json_object_get(g, "required")));
	assert_true(has_key(g, grid));
	assert_true(has_key(g, other_grid));
	json_decref(j);
	hresp_free(&r);
	assert_int_equal(http_get(API "/services/env.xml", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<service_definition>\n"
	    "<service_code>env</service_code>\n<attributes>\n<attribute>\n"
	    "<variable>true</variable>\n<code>community</code>\n"
	    "<datatype>singlevaluelist</datatype>\n<required>true</required>"));
	assert_non_null(strstr(r.body, "<values>\n<value>\n<key>"));
	hresp_free(&r);
}

static void
unknown_service(void **state)
{
	struct hresp	 r;

	(void)state;
	assert_int_equal(http_get(API "/services/nosuch.xml", &r), 0);
	assert_int_equal(r.status, 404);
	assert_string_equal(hresp_header(&r, "Content-Type"),
	    "text/xml; charset=utf-8");
	assert_non_null(strstr(r.body, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	    "\n<errors>\n<error>\n<code>404</code>\n<description>"));
	hresp_free(&r);
	assert_int_equal(http_get(API "/services/nosuch.json", &r), 0);
	json_error(&r, 404, "服务类别");
	hresp_free(&r);
	/* Unknown request ids and paths under the API: 404 too. */
	assert_int_equal(http_get(API "/requests/ZZZZZZZZ.json", &r), 0);
	json_error(&r, 404, "未找到");
	hresp_free(&r);
	assert_int_equal(http_get(API "/requests/abc.xml", &r), 0);
	assert_int_equal(r.status, 404);
	hresp_free(&r);
	assert_int_equal(http_get(API "/nothing.json", &r), 0);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "[{\"code\":404,"));
	hresp_free(&r);
	/* Another method: 405 in the same body. */
	assert_int_equal(http_do("PUT", API "/requests.json", NULL, "a=b", 3,
	    &r), 0);
	assert_int_equal(r.status, 405);
	assert_non_null(strstr(r.body, "[{\"code\":405,"));
	hresp_free(&r);
}

/*
 * GET path with api_key k in the X-Api-Key header (never the query): with
 * the test's key, exact addresses and ids.
 */
static int
kget_with(const char *path, const char *k, struct hresp *r)
{
	char	 hdr[256];
	int	 rc;

	snprintf(hdr, sizeof(hdr), "X-Api-Key: %s\r\n", k);
	httpc_headers = hdr;
	rc = http_get(path, r);
	httpc_headers = NULL;
	return rc;
}

static int
kget(const char *path, struct hresp *r)
{
	return kget_with(path, key, r);
}

/* GET path as JSON array of requests. */
static json_t *
get_list(const char *path)
{
	struct hresp	 r;
	json_t		*j;

	assert_int_equal(kget(path, &r), 0);
	if (r.status != 200)
		fail_msg("%s: %d %s", path, r.status, r.body);
	j = json_of(&r);
	assert_true(json_is_array(j));
	hresp_free(&r);
	return j;
}

static json_t *
find(json_t *list, const char *id)
{
	json_t	*o;
	size_t	 i;

	json_array_foreach(list, i, o)
		if (strcmp(jstr(o, "service_request_id"), id) == 0)
			return o;
	return NULL;
}

/* "2026-11-21T23:30:00+08:00" of local time now + delta seconds. */
static void
iso(char *out, size_t sz, long delta)
{
	time_t		 t = time(NULL) + delta + 8 * 3600;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(out, sz, "%Y-%m-%dT%H:%M:%S%%2B08:00", &tm);
}

static void
post_and_read_back(void **state)
{
	struct hresp	 r;
	char		 x[9], js[9], path[128], q[512];
	json_t		*j, *o;
	const char	*s;

	(void)state;
	post_ok("xml", "env", DESC, "lat=30.25&long=120.2", x);
	post_ok("json", "env", DESC, NULL, js);
	assert_string_not_equal(x, js);

	/* By id, JSON: the fields as posted. */
	snprintf(path, sizeof(path), API "/requests/%s.json", x);
	j = get_list(path);
	assert_int_equal(json_array_size(j), 1);
	o = json_array_get(j, 0);
	assert_string_equal(jstr(o, "service_request_id"), x);
	assert_string_equal(jstr(o, "status"), "open");
	assert_string_equal(jstr(o, "status_notes"), "");
	assert_string_equal(jstr(o, "service_code"), "env");
	assert_string_equal(jstr(o, "service_name"), "环境卫生");
	assert_string_equal(jstr(o, "description"), DESC);
	assert_string_equal(jstr(o, "address"), "幸福路12号3幢");
	assert_string_equal(jstr(o, "agency_responsible"), "社区");
	assert_string_equal(jstr(o, "address_id"), "");
	assert_string_equal(jstr(o, "zipcode"), "");
	assert_string_equal(jstr(o, "media_url"), "");
	assert_true(json_real_value(json_object_get(o, "lat")) == 30.25);
	assert_true(json_real_value(json_object_get(o, "long")) == 120.2);
	s = jstr(o, "requested_datetime");
	assert_int_equal(strlen(s), 25);
	assert_string_equal(s + 19, "+08:00");
	assert_int_equal(s[10], 'T');
	snprintf(q, sizeof(q), "SELECT DATE_FORMAT(received_at + INTERVAL 8 "
	    "HOUR, '%%Y-%%m-%%dT%%H:%%i:%%s+08:00') FROM service_requests "
	    "WHERE tracking_no = '%s'", x);
	assert_string_equal(s, testdb_str(q));
	snprintf(q, sizeof(q), "SELECT DATE_FORMAT(resolve_due + INTERVAL 8 "
	    "HOUR, '%%Y-%%m-%%dT%%H:%%i:%%s+08:00') FROM service_requests "
	    "WHERE tracking_no = '%s'", x);
	assert_string_equal(jstr(o, "expected_datetime"), testdb_str(q));
	assert_non_null(jstr(o, "updated_datetime"));
	json_decref(j);

	/* Without coordinates: lat and long are null. */
	snprintf(path, sizeof(path), API "/requests/%s.json", js);
	j = get_list(path);
	assert_true(json_is_null(json_object_get(json_array_get(j, 0), "lat")));
	json_decref(j);

	/* By id, XML. */
	snprintf(path, sizeof(path), API "/requests/%s.xml", js);
	assert_int_equal(kget(path, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"),
	    "text/xml; charset=utf-8");
	snprintf(q, sizeof(q), "<service_requests>\n<request>\n"
	    "<service_request_id>%s</service_request_id>\n<status>open</status>"
	    "\n<status_notes></status_notes>\n<service_name>环境卫生"
	    "</service_name>\n<service_code>env</service_code>\n"
	    "<description>" DESC "</description>", js);
	assert_non_null(strstr(r.body, q));
	assert_non_null(strstr(r.body, "<lat/>\n<long/>"));
	assert_non_null(strstr(r.body, "<address>幸福路12号3幢</address>"));
	/* Never personal data. */
	assert_null(strstr(r.body, PHONE));
	assert_null(strstr(r.body, "李"));
	hresp_free(&r);
	snprintf(path, sizeof(path), API "/requests/%s.json", x);
	assert_int_equal(kget(path, &r), 0);
	assert_null(strstr(r.body, PHONE));
	assert_null(strstr(r.body, "李"));
	hresp_free(&r);
}

/* The same kind of row as a web post: same columns, source open311. */
static void
same_rows_as_web(void **state)
{
	char		 id[9], q[2048], want[256];
	long long	 before = nrequests();

	(void)state;
	post_ok("json", "env", DESC, NULL, id);
	/* The resolve limit in the category's unit (README "Working
	 * days"). */
	assert_int_equal(testdb_workdays(), 0);
	assert_int_equal(nrequests(), before + 1);
	snprintf(q, sizeof(q), "SELECT CONCAT_WS('|', r.source, r.state, "
	    "r.level, r.district_id = g.district_id, r.street_id = g.street_id, "
	    "r.community_id, r.grid_id, r.resident_name, r.resident_phone, "
	    "r.form_token IS NULL, r.response_due = r.received_at + INTERVAL "
	    "c.response_hours HOUR, r.resolve_due = IF(c.resolve_unit = "
	    "'workdays', " TESTDB_WORKDAY_DUE("r.received_at", "c.resolve_days")
	    ", r.received_at + INTERVAL c.resolve_days DAY), "
	    "(SELECT GROUP_CONCAT(CONCAT(e.action, ':', "
	    "e.actor_kind, ':', e.public)) FROM request_events e WHERE "
	    "e.request_id = r.id)) FROM service_requests r JOIN regions g ON "
	    "g.id = r.grid_id JOIN categories c ON c.id = r.category_id "
	    "WHERE r.tracking_no = '%s'", id);
	snprintf(want, sizeof(want), "open311|submitted|community|1|1|%s|%s|"
	    "李四|" PHONE "|1|1|1|submit:open311:1", community, grid);
	assert_string_equal(testdb_str(q), want);
}

static void
filters(void **state)
{
	struct hresp	 r;
	char		 a[9], b[9], path[512], from[64], to[64], other[64];
	char		 t[64];
	const char	*s;
	json_t		*j, *o;
	size_t		 i;

	(void)state;
	s = testdb_str("SELECT code FROM categories WHERE active AND "
	    "code <> 'noise' ORDER BY id LIMIT 1");
	assert_non_null(s);
	snprintf(other, sizeof(other), "%s", s);
	post_ok("json", "noise", DESC, NULL, a);
	post_ok("xml", "noise", DESC, NULL, b);

	/* An id list: exactly those (an unknown one skipped); it overrides
	 * the other filters. */
	snprintf(path, sizeof(path), API "/requests.json?service_request_id="
	    "%s,ZZZZZZZZ,%s&status=closed&service_code=%s", a, b, other);
	j = get_list(path);
	assert_int_equal(json_array_size(j), 2);
	assert_string_equal(jstr(json_array_get(j, 0), "service_request_id"),
	    a);
	assert_string_equal(jstr(json_array_get(j, 1), "service_request_id"),
	    b);
	json_decref(j);
	snprintf(path, sizeof(path), API "/requests.xml?service_request_id="
	    "%s%%2C%s", a, b);
	assert_int_equal(kget(path, &r), 0);
	assert_int_equal(r.status, 200);
	snprintf(t, sizeof(t), "<service_request_id>%s<", a);
	assert_non_null(strstr(r.body, t));
	snprintf(t, sizeof(t), "<service_request_id>%s<", b);
	assert_non_null(strstr(r.body, t));
	hresp_free(&r);

	/* By service code (defaults: the last 90 days, newest first). */
	j = get_list(API "/requests.json?service_code=noise");
	assert_non_null(find(j, a));
	assert_non_null(find(j, b));
	assert_string_equal(jstr(json_array_get(j, 0), "service_request_id"),
	    b);
	assert_true(json_array_size(j) <= 1000);
	json_array_foreach(j, i, o)
		assert_string_equal(jstr(o, "service_code"), "noise");
	json_decref(j);
	snprintf(path, sizeof(path), API "/requests.json?service_code=%s",
	    other);
	j = get_list(path);
	assert_null(find(j, a));
	json_decref(j);
	snprintf(path, sizeof(path), API "/requests.json?service_code=%s,noise",
	    other);
	j = get_list(path);
	assert_non_null(find(j, a));
	json_decref(j);

	/* By status. */
	j = get_list(API "/requests.json?status=open&service_code=noise");
	assert_non_null(find(j, a));
	json_array_foreach(j, i, o)
		assert_string_equal(jstr(o, "status"), "open");
	json_decref(j);
	j = get_list(API "/requests.json?status=closed");
	assert_null(find(j, a));
	assert_true(json_array_size(j) > 0);
	json_array_foreach(j, i, o)
		assert_string_equal(jstr(o, "status"), "closed");
	json_decref(j);
	j = get_list(API "/requests.json?status=open,closed&service_code=noise");
	assert_non_null(find(j, a));
	json_decref(j);

	/* By date: a window around now has it, one long before does not. */
	iso(from, sizeof(from), -3600);
	iso(to, sizeof(to), 3600);
	snprintf(path, sizeof(path), API "/requests.json?start_date=%s&"
	    "end_date=%s", from, to);
	j = get_list(path);
	assert_non_null(find(j, a));
	json_decref(j);
	j = get_list(API "/requests.json?start_date=2020-01-01T00:00:00Z&"
	    "end_date=2020-03-01T00:00:00Z");
	assert_int_equal(json_array_size(j), 0);
	json_decref(j);
	iso(from, sizeof(from), 600);
	snprintf(path, sizeof(path), API "/requests.json?start_date=%s", from);
	j = get_list(path);
	assert_null(find(j, a));
	json_decref(j);
	iso(to, sizeof(to), -600);
	snprintf(path, sizeof(path), API "/requests.json?end_date=%s", to);
	j = get_list(path);
	assert_null(find(j, a));
	assert_true(json_array_size(j) > 0);
	json_decref(j);
}

/* A staff note on request id, hours after it was received. */
static void
add_note(const char *id, int hours, int public, const char *body)
{
	char	 q[512];

	snprintf(q, sizeof(q), "INSERT INTO request_events (request_id, at, "
	    "actor_kind, action, from_state, to_state, level, public, body) "
	    "SELECT id, received_at + INTERVAL %d HOUR, 'staff', 'note', "
	    "state, state, level, %d, '%s' FROM service_requests WHERE "
	    "tracking_no = '%s'", hours, public, body, id);
	assert_int_equal(testdb_exec(q), 1);
}

static void
status_mapping_and_notes(void **state)
{
	static const char *const map[][2] = {
		{ "accepted", "open" }, { "assigned", "open" },
		{ "resolved", "closed" }, { "closed", "closed" },
		{ "rejected", "closed" }, { "submitted", "open" },
	};
	struct hresp	 r;
	char		 id[9], q[512], path[128];
	json_t		*j;
	size_t		 i;

	(void)state;
	post_ok("json", "env", DESC, NULL, id);
	snprintf(path, sizeof(path), API "/requests/%s.json", id);
	/* A public reply becomes status_notes; a later internal note and the
	 * resident's own comment do not. */
	add_note(id, 1, 1, "已联系物业，明天上午维修 <b>&</b>");
	add_note(id, 2, 0, "内部备注");
	j = get_list(path);
	assert_string_equal(jstr(json_array_get(j, 0), "status_notes"),
	    "已联系物业，明天上午维修 <b>&</b>");
	assert_string_equal(jstr(json_array_get(j, 0), "status"), "open");
	json_decref(j);
	/* XML escapes it. */
	snprintf(path, sizeof(path), API "/requests/%s.xml", id);
	assert_int_equal(kget(path, &r), 0);
	assert_non_null(strstr(r.body, "<status_notes>已联系物业，明天上午"
	    "维修 &lt;b&gt;&amp;&lt;/b&gt;</status_notes>"));
	hresp_free(&r);
	/* The internal states map to open and closed. */
	snprintf(path, sizeof(path), API "/requests/%s.json", id);

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		snprintf(q, sizeof(q), "UPDATE service_requests SET state = "
		    "'%s' WHERE tracking_no = '%s'", map[i][0], id);
		assert_int_equal(testdb_exec(q), 1);
		j = get_list(path);
		if (strcmp(jstr(json_array_get(j, 0), "status"), map[i][1]))
			fail_msg("%s: %s", map[i][0],
			    jstr(json_array_get(j, 0), "status"));
		json_decref(j);
	}
}

/* XML and JSON carry posted markup as text. */
static void
escaping(void **state)
{
	struct hresp	 r;
	char		 id[9], path[128];
	const char	*d = "<script>alert(1)</script> & \"引号\" '单引号' 垃圾桶满了";
	json_t		*j;

	(void)state;
	post_ok("xml", "env", d, NULL, id);
	snprintf(path, sizeof(path), API "/requests/%s.xml", id);
	assert_int_equal(kget(path, &r), 0);
	assert_null(strstr(r.body, "<script>"));
	assert_non_null(strstr(r.body, "<description>&lt;script&gt;alert(1)"
	    "&lt;/script&gt; &amp; &quot;引号&quot; &#39;单引号&#39; 垃圾桶满了"
	    "</description>"));
	hresp_free(&r);
	snprintf(path, sizeof(path), API "/requests/%s.json", id);
	j = get_list(path);
	assert_string_equal(jstr(json_array_get(j, 0), "description"), d);
	json_decref(j);
}

static void
api_keys(void **state)
{
	struct hresp	 r;
	char		 body[16384];
	long long	 before = nrequests();

	(void)state;
	/* Missing. */
	post_body(body, sizeof(body), key, "env", DESC, NULL);
	assert_int_equal(http_post(API "/requests.json", strchr(body, '&') + 1,
	    &r), 0);
	json_error(&r, 403, "api_key");
	hresp_free(&r);
	/* Revoked, unknown, over-long. */
	post_body(body, sizeof(body), revoked, "env", DESC, NULL);
	assert_int_equal(http_post(API "/requests.xml", body, &r), 0);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "<errors>\n<error>\n<code>403</code>"));
	hresp_free(&r);
	post_body(body, sizeof(body), "0123456789abcdef", "env", DESC, NULL);
	assert_int_equal(http_post(API "/requests.xml", body, &r), 0);
	assert_int_equal(r.status, 403);
	hresp_free(&r);
	post_body(body, sizeof(body), "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "env",
	    DESC, NULL);
	assert_int_equal(http_post(API "/requests.xml", body, &r), 0);
	assert_int_equal(r.status, 403);
	hresp_free(&r);
	assert_int_equal(nrequests(), before);
}

/*
 * The key only from the body or the X-Api-Key header, never the query
 * string (access logs keep it; issue 16, point 9): in the query it is
 * missing, 403, nothing stored; in the header the post is stored.
 */
static void
api_key_not_in_query(void **state)
{
	struct hresp	 r;
	char		 body[16384], path[512], kk[256], hdr[256];
	long long	 before = nrequests();

	(void)state;
	post_body(body, sizeof(body), key, "env", DESC, NULL);
	http_enc(kk, sizeof(kk), key);
	snprintf(path, sizeof(path), API "/requests.json?api_key=%s", kk);
	assert_int_equal(http_post(path, strchr(body, '&') + 1, &r), 0);
	json_error(&r, 403, "api_key");
	hresp_free(&r);
	assert_int_equal(nrequests(), before);
	snprintf(hdr, sizeof(hdr), "X-Api-Key: %s\r\n", key);
	httpc_headers = hdr;
	assert_int_equal(http_post(API "/requests.json", strchr(body, '&') + 1,
	    &r), 0);
	httpc_headers = NULL;
	assert_int_equal(r.status, 200);
	hresp_free(&r);
	assert_int_equal(nrequests(), before + 1);
}

/*
 * The test endpoint (issue 16, point 10): checked and answered exactly
 * like production, nothing stored; only test keys, which production
 * refuses for posting and which read lists as an anonymous reader does.
 */
static void
test_endpoint(void **state)
{
	struct hresp	 r, p;
	char		 body[16384], pbody[16384];
	const char	*id;
	json_t		*j;
	long long	 before = nrequests();

	(void)state;
	post_body(body, sizeof(body), testkey, "env", DESC, NULL);
	assert_int_equal(http_post("/open311/test/v2/requests.json", body, &r),
	    0);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"),
	    "application/json; charset=utf-8");
	j = json_of(&r);
	assert_int_equal(json_array_size(j), 1);
	id = jstr(json_array_get(j, 0), "service_request_id");
	assert_int_equal(strlen(id), 8);
	assert_int_equal(strspn(id, "23456789ABCDEFGHJKMNPQRSTUVWXYZ"), 8);
	assert_non_null(strstr(jstr(json_array_get(j, 0), "service_notice"),
	    "小时内响应"));
	json_decref(j);
	hresp_free(&r);
	assert_int_equal(nrequests(), before);
	/* A test key on production: 403, nothing stored. */
	assert_int_equal(http_post(API "/requests.json", body, &r), 0);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "测试密钥只能用于测试端点"));
	hresp_free(&r);
	assert_int_equal(nrequests(), before);
	/* A production key on the test endpoint: 403. */
	post_body(pbody, sizeof(pbody), key, "env", DESC, NULL);
	assert_int_equal(http_post("/open311/test/v2/requests.json", pbody,
	    &r), 0);
	assert_int_equal(r.status, 403);
	assert_non_null(strstr(r.body, "测试端点需要测试密钥"));
	hresp_free(&r);
	assert_int_equal(nrequests(), before);
	/* A bad field: the same 400 as production; no key: 403. */
	post_body(body, sizeof(body), testkey, "env", "短", NULL);
	post_body(pbody, sizeof(pbody), key, "env", "短", NULL);
	assert_int_equal(http_post("/open311/test/v2/requests.json", body, &r),
	    0);
	assert_int_equal(http_post(API "/requests.json", pbody, &p), 0);
	assert_int_equal(r.status, 400);
	assert_int_equal(p.status, 400);
	assert_string_equal(r.body, p.body);
	hresp_free(&r);
	hresp_free(&p);
	post_body(body, sizeof(body), revoked, "env", DESC, NULL);
	assert_int_equal(http_post("/open311/test/v2/requests.xml", body, &r),
	    0);
	assert_int_equal(r.status, 403);
	hresp_free(&r);
	assert_int_equal(nrequests(), before);
}

struct badcase {
	const char	*what;
	const char	*field;		/* field to replace, or NULL */
	const char	*value;		/* its new (encoded) value, NULL = drop */
};

static const struct badcase bad[] = {
	{ "missing description", "description", NULL },
	{ "description of 9 characters", "description",
	  "%E4%B8%80%E4%BA%8C%E4%B8%89%E5%9B%9B%E4%BA%94%E5%85%AD%E4%B8%83"
	  "%E5%85%AB%E4%B9%9D" },
	{ "description of 2001 characters", "description", "LONG2001" },
	{ "missing service_code", "service_code", NULL },
	{ "unknown service_code", "service_code", "nosuch" },
	{ "script as service_code", "service_code", "%3Cscript%3E" },
	{ "missing community", "attribute[community]", NULL },
	{ "unknown community", "attribute[community]", "999999" },
	{ "SQL fragment as community", "attribute[community]",
	  "1%20OR%201%3D1" },
	{ "grid of another community", "attribute%5Bgrid%5D", "OTHERGRID" },
	{ "non-numeric grid", "attribute%5Bgrid%5D", "abc" },
	{ "missing address", "address_string", NULL },
	{ "address of 201 characters", "address_string", "LONG201" },
	{ "invalid UTF-8 in address", "address_string", "%FF%FE%FD" },
	{ "overlong UTF-8 in address", "address_string", "ab%C0%AF" },
	{ "control character in address", "address_string", "ab%01cd" },
	{ "newline in address", "address_string", "ab%0Acd" },
	{ "missing phone", "phone", NULL },
	{ "phone of 10 digits", "phone", "1381234567" },
	{ "script in phone", "phone", "%3Cscript%3Ealert(1)%3C%2Fscript%3E" },
	{ "SQL fragment in phone", "phone", "1%27%3B%20DROP%20TABLE%20x--" },
	{ "no name at all", "last_name", NULL, },
	{ "first name of 33 characters", "first_name",
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
	{ "invalid UTF-8 in last name", "last_name", "%E6%9D" },
	{ "latitude without longitude", "lat", "30.25" },
	{ "latitude out of range", "lat", "91&long=120" },
	{ "bad email", "email", "%FF" },
	{ "malformed percent escape", "description", "%ZZabc" },
	{ "NUL byte", "description", "abcdefghijk%00lmn" },
	/* Non-characters: U+FFFE/U+FFFF would break the XML feeds. */
	{ "U+FFFE in description", "description",
	  "%E8%B7%AF%E7%81%AF%E5%9D%8F%E4%BA%86%E4%B8%80%E4%B8%AA%E5%A4%9A%E6%98%9F%E6%9C%9F%E5%BE%88%E4%B8%8D%E6%96%B9%E4%BE%BF%EF%BF%BE" },
	{ "U+FFFF in description", "description",
	  "%E8%B7%AF%E7%81%AF%E5%9D%8F%E4%BA%86%E4%B8%80%E4%B8%AA%E5%A4%9A%E6%98%9F%E6%9C%9F%E5%BE%88%E4%B8%8D%E6%96%B9%E4%BE%BF%EF%BF%BF" },
	{ "U+FDD0 in address", "address_string", "ab%EF%B7%90" },
	{ "U+10FFFE in last name", "last_name", "%F4%8F%BF%BE" },
};

/* A valid body with one field replaced or dropped (dropping last_name
 * drops first_name too: no name at all). */
static void
mutate(char *out, size_t sz, const struct badcase *c)
{
	char	 base[16384], one[16384];

	post_body(base, sizeof(base), key, "env", DESC, NULL);
	http_form_set(one, sizeof(one), base, c->field, c->value, other_grid);
	if (strcmp(c->field, "last_name") == 0 && c->value == NULL)
		http_form_set(out, sz, one, "first_name", NULL, NULL);
	else
		snprintf(out, sz, "%s", one);
}

static void
bad_inputs_store_nothing(void **state)
{
	struct hresp	 r;
	char		 body[16384];
	long long	 before;
	size_t		 i;
	json_t		*j, *e;

	(void)state;
	assert_true(sizeof(bad) / sizeof(bad[0]) >= 10);
	before = nrequests();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		mutate(body, sizeof(body), &bad[i]);
		assert_int_equal(http_post(API "/requests.json", body, &r), 0);
		if (r.status != 400)
			fail_msg("%s: status %d, want 400: %s", bad[i].what,
			    r.status, r.body);
		assert_string_equal(hresp_header(&r, "Content-Type"),
		    "application/json; charset=utf-8");
		/* The specification's body, a message in Chinese. */
		j = json_of(&r);
		e = json_array_get(j, 0);
		if (e == NULL || json_integer_value(json_object_get(e,
		    "code")) != 400 || strlen(jstr(e, "description")) < 6)
			fail_msg("%s: body %s", bad[i].what, r.body);
		json_decref(j);
		hresp_free(&r);
		if (nrequests() != before)
			fail_msg("%s: a row was stored", bad[i].what);
	}
	/* XML too. */
	mutate(body, sizeof(body), &bad[0]);
	assert_int_equal(http_post(API "/requests.xml", body, &r), 0);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "<errors>\n<error>\n<code>400</code>\n"
	    "<description>问题描述（description）：此项必填</description>"));
	hresp_free(&r);
	/* A body over the daemon's limit: 413 in the same body. */
	{
		size_t	 n = 100 * 1024;
		char	*big = malloc(n + 1);

		memset(big, 'a', n);
		memcpy(big, "description=", 12);
		big[n] = '\0';
		assert_int_equal(http_do("POST", API "/requests.xml", NULL, big,
		    n, &r), 0);
		assert_int_equal(r.status, 413);
		assert_non_null(strstr(r.body, "<code>413</code>"));
		hresp_free(&r);
		free(big);
	}
	assert_int_equal(nrequests(), before);
}

/*
 * Run /usr/bin/python3 with the program prog on the bytes of r saved to
 * a file; its exit status (0: the program liked them).
 */
static int
python_on(const struct hresp *r, const char *suffix, const char *prog)
{
	char	 path[64], cmd[1024];
	FILE	*f;
	int	 fd, st;

	snprintf(path, sizeof(path), "/tmp/lianxin-test-XXXXXX%s", suffix);
	assert_true((fd = mkstemps(path, (int)strlen(suffix))) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	assert_int_equal(fwrite(r->body, 1, r->bodylen, f), r->bodylen);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 %s %s >/dev/null", prog,
	    path);
	st = system(cmd);
	unlink(path);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#define XML_CHECK	"-c 'import sys, xml.etree.ElementTree as E; " \
			"E.parse(sys.argv[1])'"

/*
 * Text no form may store any more (U+FFFE, U+FFFF, a C0 control), put
 * in the database directly as an older version could have: the Open311
 * XML stays well-formed for a real XML parser, JSON carries it, and the
 * XLSX export opens in openpyxl.
 */
static void
bad_text_already_stored(void **state)
{
	struct hresp	 r;
	char		 id[9], q[512], path[128], staff[128], xlsx[512];
	json_t		*j;

	(void)state;
	post_ok("json", "env", DESC, NULL, id);
	snprintf(q, sizeof(q), "UPDATE service_requests SET description = "
	    "CONCAT('A', X'EFBFBE', 'B', X'EFBFBF', 'C', X'01', 'D', "
	    "X'EFB790', '%s') WHERE tracking_no = '%s'", DESC, id);
	assert_int_equal(testdb_exec(q), 1);
	testdb_settle();

	/* One request and the list: well-formed, U+FFFD in their place. */
	snprintf(path, sizeof(path), API "/requests/%s.xml", id);
	assert_int_equal(http_get(path, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<description>A\xef\xbf\xbd" "B"
	    "\xef\xbf\xbd" "C\xef\xbf\xbd" "D\xef\xbf\xbd" DESC
	    "</description>"));
	if (python_on(&r, ".xml", XML_CHECK) != 0)
		fail_msg("%s is not well-formed XML", path);
	hresp_free(&r);
	/* The list with the key (anonymous lists give no ids). */
	assert_int_equal(kget(API "/requests.xml", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, id));
	if (python_on(&r, ".xml", XML_CHECK) != 0)
		fail_msg("the list is not well-formed XML");
	hresp_free(&r);

	/* JSON: the text as stored (jansson escapes the control). */
	snprintf(path, sizeof(path), API "/requests/%s.json", id);
	j = get_list(path);
	assert_int_equal(strncmp(jstr(json_array_get(j, 0), "description"),
	    "A\xef\xbf\xbe" "B\xef\xbf\xbf" "C\x01" "D", 10), 0);
	json_decref(j);

	/* The XLSX export holding it opens. */
	must_login("district", staff);
	assert_int_equal(req(staff, "GET", "/export/requests.xlsx?"
	    "from=2020-01-01&to=2029-12-31", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	snprintf(xlsx, sizeof(xlsx), "%s/tests/support/xlsxdump.py",
	    test_env("LIANXIN_ROOT"));
	if (python_on(&r, ".xlsx", xlsx) != 0)
		fail_msg("the XLSX export does not open");
	hresp_free(&r);
	snprintf(q, sizeof(q), "UPDATE service_requests SET description = "
	    "'%s' WHERE tracking_no = '%s'", DESC, id);
	assert_int_equal(testdb_exec(q), 1);
}

static void
bad_queries(void **state)
{
	static const char *const q[] = {
		"service_request_id=abc",
		"service_request_id=ABCDEFGH,,ABCDEFGJ",
		"service_request_id=%3Cscript%3E",
		"status=pending",
		"status=open,",
		"service_code=%27%20OR%201%3D1--",
		"start_date=yesterday",
		"start_date=2026-02-30T00:00:00Z",
		"start_date=2026-11-21T25:00:00Z",
		"start_date=2026-11-21T08:00:00",
		"end_date=2026-11-21T08:00:00%2B25:00",
		"start_date=2026-01-01T00:00:00Z&end_date=2025-12-01T00:00:00Z",
		"start_date=2025-01-01T00:00:00Z&end_date=2025-12-01T00:00:00Z",
		"status=%FF",
		"status=%zz",
	};
	struct hresp	 r;
	char		 path[512];
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		snprintf(path, sizeof(path), API "/requests.xml?%s", q[i]);
		assert_int_equal(http_get(path, &r), 0);
		if (r.status != 400)
			fail_msg("%s: status %d", q[i], r.status);
		if (strstr(r.body, "<errors>\n<error>\n<code>400</code>") ==
		    NULL)
			fail_msg("%s: body %s", q[i], r.body);
		hresp_free(&r);
	}
}

/*
 * Issue 16: without a key the lists and the single request give no
 * service_request_id and the address only as the community's name (no
 * coordinates); with a valid key, the exact address and the id.
 */
static void
public_list_private(void **state)
{
	static const char *const paths[] = {
		API "/requests.json", API "/requests.xml",
		API "/requests.json?service_request_id=%s",
		API "/requests/%s.json", API "/requests/%s.xml",
	};
	struct hresp	 r;
	char		 x[9], path[256], q[512], demo[1024], comm[512];
	size_t		 i;

	(void)state;
	post_ok("json", "env", DESC, "lat=30.25&long=120.2", x);
	snprintf(q, sizeof(q), "SELECT name FROM regions WHERE id = %s",
	    community);
	snprintf(comm, sizeof(comm), "%s", testdb_str(q));
	/* The newest demo or test request that is not ours. */
	snprintf(demo, sizeof(demo), "%s", testdb_str("SELECT address FROM "
	    "service_requests WHERE address NOT IN ('', '幸福路12号3幢') "
	    "ORDER BY "
	    "received_at DESC, id DESC LIMIT 1"));
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		snprintf(path, sizeof(path), paths[i], x);
		assert_int_equal(http_get(path, &r), 0);
		if (r.status != 200)
			fail_msg("%s: %d", path, r.status);
		if (strstr(r.body, x) != NULL ||
		    strstr(r.body, "service_request_id") != NULL ||
		    strstr(r.body, "幸福路12号3幢") != NULL ||
		    strstr(r.body, "30.25") != NULL ||
		    (i < 2 && strstr(r.body, demo) != NULL))
			fail_msg("%s without a key shows too much: %.300s",
			    path, r.body);
		if (strstr(r.body, comm) == NULL)
			fail_msg("%s: no community name", path);
		hresp_free(&r);
		/* A revoked or made-up key is no key. */
		assert_int_equal(kget_with(path, revoked, &r), 0);
		assert_int_equal(r.status, 200);
		assert_null(strstr(r.body, "幸福路12号3幢"));
		hresp_free(&r);
		/* A test key reads what an anonymous reader does. */
		assert_int_equal(kget_with(path, testkey, &r), 0);
		assert_int_equal(r.status, 200);
		assert_null(strstr(r.body, x));
		assert_null(strstr(r.body, "幸福路12号3幢"));
		hresp_free(&r);
		assert_int_equal(kget(path, &r), 0);
		assert_int_equal(r.status, 200);
		assert_non_null(strstr(r.body, x));
		assert_non_null(strstr(r.body, "幸福路12号3幢"));
		if (i < 2)
			assert_non_null(strstr(r.body, demo));
		hresp_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(discovery),
		cmocka_unit_test(services),
		cmocka_unit_test(definition),
		cmocka_unit_test(unknown_service),
		cmocka_unit_test(post_and_read_back),
		cmocka_unit_test(same_rows_as_web),
		cmocka_unit_test(filters),
		cmocka_unit_test(status_mapping_and_notes),
		cmocka_unit_test(escaping),
		cmocka_unit_test(api_keys),
		cmocka_unit_test(api_key_not_in_query),
		cmocka_unit_test(test_endpoint),
		cmocka_unit_test(bad_inputs_store_nothing),
		cmocka_unit_test(bad_queries),
		cmocka_unit_test(bad_text_already_stored),
		cmocka_unit_test(public_list_private),
	};

	return cmocka_run_group_tests_name("open311", tests, setup, NULL);
}
