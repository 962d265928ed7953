/*
 * The figures through nginx: /api/stats against the data layer, scope and
 * bad parameters on every figures URL, the chart PNGs (decoded: size,
 * colours, ETag, 304, cache) and the dashboard page.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <gd.h>
#include <jansson.h>

#include "chart.h"
#include "config.h"
#include "db.h"
#include "day.h"
#include "figures.h"
#include "httpc.h"
#include "isotime.h"
#include "staffc.h"
#include "testdb.h"

static char	 district[128];		/* cookie of the district official */
static int	 dist_id;		/* the demo district */
static char	 period[64];		/* "from=...&to=..." */
static char	 from[16], to[16];

static int
setup(void **state)
{
	time_t		 now = time(NULL);
	struct tm	 tm;

	(void)state;
	if (login("district", PW, district) != 303)
		return -1;
	dist_id = (int)testdb_int("SELECT MIN(id) FROM regions WHERE level = 1");
	/* This year so far (local time): whole months and edge days. */
	localtime_r(&now, &tm);
	strftime(from, sizeof(from), "%Y-01-03", &tm);
	strftime(to, sizeof(to), "%Y-%m-%d", &tm);
	snprintf(period, sizeof(period), "from=%s&to=%s", from, to);
	return 0;
}

/* GET path as the district official; parse the JSON body. */
static json_t *
api(const char *path, int want_status)
{
	struct hresp	 h;
	json_error_t	 e;
	json_t		*o;

	assert_int_equal(req(district, "GET", path, NULL, &h), 0);
	if (h.status != want_status)
		fprintf(stderr, "%s: %d %s\n", path, h.status, h.body);
	assert_int_equal(h.status, want_status);
	assert_non_null(strstr(hresp_header(&h, "Content-Type"),
	    "application/json"));
	o = json_loads(h.body, 0, &e);
	hresp_free(&h);
	assert_non_null(o);
	return o;
}

static long long
jint(json_t *o, const char *path)
{
	json_t		*v = o;
	char		 buf[128], *p, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = strtok_r(buf, ".", &save); p != NULL && v != NULL;
	    p = strtok_r(NULL, ".", &save))
		v = json_object_get(v, p);
	if (v == NULL || !json_is_integer(v))
		fail_msg("%s is not an integer", path);
	return (long long)json_integer_value(v);
}

/* The counters of a JSON figures object equal those of the data layer. */
static void
same_figures(json_t *j, const struct db_figures *f)
{
	assert_int_equal(jint(j, "counts.received"), f->received);
	assert_int_equal(jint(j, "counts.valid"), f->received - f->rejected);
	assert_int_equal(jint(j, "counts.responded"), f->responded);
	assert_int_equal(jint(j, "counts.resolved"), f->resolved);
	assert_int_equal(jint(j, "counts.resolved_on_time"), f->ontime);
	assert_int_equal(jint(j, "counts.rated"), f->rated);
	assert_int_equal(jint(j, "counts.satisfied"), f->satisfied);
	assert_int_equal(jint(j, "counts.resolved_in_community"),
	    f->community);
	assert_int_equal(jint(j, "counts.open_overdue"), f->overdue);
	assert_int_equal(jint(j, "rates.resolution.num"), f->resolved);
	assert_int_equal(jint(j, "rates.resolution.den"),
	    f->received - f->rejected);
	assert_int_equal(jint(j, "rates.satisfaction.den"), f->rated);
	if (f->members) {
		assert_int_equal(jint(j, "rates.reporting.num"),
		    f->in_service_reported);
		assert_int_equal(jint(j, "rates.reporting.den"), f->in_service);
		assert_int_equal(jint(j, "members.participants"),
		    f->participants);
	} else
		assert_true(json_is_null(json_object_get(j, "members")));
}

/* /api/stats answers what db_stats answers, for every grouping. */
static void
api_matches_data_layer(void **state)
{
	static const char *const groups[] = { "none", "child", "category",
	    "month" };
	static const enum db_stats_group dg[] = { DB_STATS_TOTAL,
	    DB_STATS_STREET, DB_STATS_CATEGORY, DB_STATS_MONTH };
	struct config	 cfg;
	struct db	*db;
	struct db_stats_query q;
	struct db_stats_row rows[128];
	struct db_figures total;
	char		 path[256];
	json_t		*o, *arr;
	size_t		 n, i, g;

	(void)state;
	assert_int_equal(testdb_config(&cfg), 0);
	assert_int_equal(db_library_init(), 0);
	assert_non_null(db = db_open(&cfg));
	for (g = 0; g < 4; g++) {
		snprintf(path, sizeof(path), "/api/stats?region=%d&%s&group=%s"
		    "&overdue=1", dist_id, period, groups[g]);
		o = api(path, 200);
		assert_int_equal(jint(o, "scope.region"), dist_id);
		assert_string_equal(json_string_value(json_object_get(
		    json_object_get(o, "period"), "from")), from);
		assert_non_null(json_string_value(json_object_get(o, "as_of")));
		memset(&q, 0, sizeof(q));
		q.scope.level = 1;
		q.scope.id[0] = dist_id;
		q.from = day_parse(from);
		q.to = day_parse(to);
		q.group = dg[g];
		/* The same instant as the answer's (it may come from the
		 * daemon's memo, and member figures move with time: a report
		 * lapses or takes effect). */
		assert_int_equal(isotime_parse(json_string_value(
		    json_object_get(o, "as_of")), &q.now), 0);
		q.overdue = 1;
		q.report_days = cfg.report_valid_days;
		assert_int_equal(db_stats(db, &q, &total, rows, 128, &n), DB_OK);
		assert_true(total.received > 0);
		same_figures(json_object_get(o, "total"), &total);
		arr = json_object_get(o, "rows");
		assert_int_equal(json_array_size(arr), n);
		for (i = 0; i < n; i++) {
			json_t	*row = json_array_get(arr, i);

			assert_int_equal(jint(row, "key"), rows[i].key);
			assert_string_equal(json_string_value(
			    json_object_get(row, "name")), rows[i].name);
			same_figures(row, &rows[i].f);
		}
		json_decref(o);
	}
	/* And the total's count from the raw rows, independently. */
	{
		char	 sql[512];

		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM "
		    "service_requests WHERE district_id = %d AND received_at "
		    ">= '%s' - INTERVAL 8 HOUR AND received_at < '%s' + "
		    "INTERVAL 16 HOUR", dist_id, from, to);
		snprintf(path, sizeof(path), "/api/stats?region=%d&%s&"
		    "group=none", dist_id, period);
		o = api(path, 200);
		assert_int_equal(jint(o, "total.counts.received"),
		    testdb_int(sql));
		json_decref(o);
	}
	/* An empty period: rates are null, never 0. */
	snprintf(path, sizeof(path), "/api/stats?region=%d&from=2011-01-01&"
	    "to=2011-12-31&group=none", dist_id);
	o = api(path, 200);
	assert_int_equal(jint(o, "total.counts.received"), 0);
	assert_int_equal(jint(o, "total.rates.resolution.den"), 0);
	assert_true(json_is_null(json_object_get(json_object_get(
	    json_object_get(json_object_get(o, "total"), "rates"),
	    "resolution"), "value")));
	assert_true(json_is_null(json_object_get(json_object_get(o, "total"),
	    "mean_hours_to_resolve")));
	/* The live overdue count only when asked for. */
	assert_true(json_is_null(json_object_get(json_object_get(
	    json_object_get(o, "total"), "counts"), "open_overdue")));
	json_decref(o);
	db_close(db);
}

/* Outside the scope is 404; bad parameters are 400; no session, 303. */
static void
scope_and_errors(void **state)
{
	static const char *const bad_api[] = {
		"from=2026-02-30", "to=2026-13-01", "from=2026-05-02&to=2026-05-01",
		"from=2000-01-01&to=2020-01-01", "group=street", "region=abc",
		"region=-1", "from=2026-1-1", "from=%E4%B8%80",
	};
	static const char *const bad_chart[] = {
		"/charts/bar.png?w=100000", "/charts/bar.png?h=10",
		"/charts/bar.png?rate=nope", "/charts/bar.png?w=abc",
		"/charts/trend.png?rates=resolution,nope",
		"/charts/trend.png?rates=,", "/charts/bar.png?target=101",
		"/charts/stack.png?from=2026-02-31", "/charts/bar.png?group=month",
	};
	char		 c2[128], path[256];
	struct hresp	 h;
	json_t		*o;
	int		 c1, grid;
	size_t		 i;

	(void)state;
	c1 = (int)testdb_int("SELECT g.id FROM users u JOIN regions g ON "
	    "g.id = u.region_id WHERE u.username = 'community1'");
	must_login("community2", c2);
	snprintf(path, sizeof(path), "/api/stats?region=%d", c1);
	assert_int_equal(req(c2, "GET", path, NULL, &h), 0);
	assert_int_equal(h.status, 404);
	assert_non_null(strstr(h.body, "\"error\""));
	hresp_free(&h);
	snprintf(path, sizeof(path), "/dashboard?region=%d", c1);
	assert_int_equal(status_of(c2, "GET", path, NULL), 404);
	snprintf(path, sizeof(path), "/charts/bar.png?region=%d", c1);
	assert_int_equal(status_of(c2, "GET", path, NULL), 404);
	snprintf(path, sizeof(path), "/api/stats?region=%d", dist_id);
	assert_int_equal(status_of(c2, "GET", path, NULL), 404);
	/* Its own community is fine; no session goes to the login page. */
	assert_int_equal(status_of(c2, "GET", "/api/stats", NULL), 200);
	assert_int_equal(status_of(c2, "GET", "/dashboard", NULL), 200);
	assert_int_equal(status_of("", "GET", "/api/stats", NULL), 303);
	assert_int_equal(status_of("", "GET", "/charts/bar.png", NULL), 303);
	assert_int_equal(status_of(district, "GET",
	    "/api/stats?region=999999999", NULL), 404);

	for (i = 0; i < sizeof(bad_api) / sizeof(bad_api[0]); i++) {
		snprintf(path, sizeof(path), "/api/stats?%s", bad_api[i]);
		assert_int_equal(req(district, "GET", path, NULL, &h), 0);
		if (h.status != 400)
			fprintf(stderr, "%s: %d\n", path, h.status);
		assert_int_equal(h.status, 400);
		o = json_loads(h.body, 0, NULL);
		assert_non_null(o);
		assert_true(json_string_length(json_object_get(o, "error")) > 0);
		json_decref(o);
		hresp_free(&h);
	}
	for (i = 0; i < sizeof(bad_chart) / sizeof(bad_chart[0]); i++) {
		assert_int_equal(req(district, "GET", bad_chart[i], NULL, &h), 0);
		if (h.status != 400)
			fprintf(stderr, "%s: %d\n", bad_chart[i], h.status);
		assert_int_equal(h.status, 400);
		hresp_free(&h);
	}
	/* A grid has no children to chart. */
	grid = (int)testdb_int("SELECT MIN(id) FROM regions WHERE level = 4");
	snprintf(path, sizeof(path), "/charts/bar.png?region=%d", grid);
	assert_int_equal(status_of(district, "GET", path, NULL), 400);
	snprintf(path, sizeof(path), "/api/stats?region=%d&group=child", grid);
	assert_int_equal(status_of(district, "GET", path, NULL), 400);
	snprintf(path, sizeof(path), "/dashboard?region=%d", grid);
	assert_int_equal(status_of(district, "GET", path, NULL), 200);
	/* The daemon took all that. */
	assert_int_equal(http_status("/healthz"), 200);
}

/* Pixels of a colour in an image. */
static long
count_rgb(gdImagePtr im, uint32_t rgb)
{
	long	 n = 0;
	int	 x, y, c;

	for (y = 0; y < gdImageSY(im); y++)
		for (x = 0; x < gdImageSX(im); x++) {
			c = gdImageGetPixel(im, x, y);
			if ((uint32_t)((gdImageRed(im, c) << 16) |
			    (gdImageGreen(im, c) << 8) | gdImageBlue(im, c)) ==
			    rgb)
				n++;
		}
	return n;
}

/* GET a chart: 200 PNG of w x h; returns the decoded image, *etag set. */
static gdImagePtr
chart(const char *path, int w, int h, char etag[64])
{
	struct hresp	 r;
	gdImagePtr	 im;

	assert_int_equal(req(district, "GET", path, NULL, &r), 0);
	if (r.status != 200)
		fprintf(stderr, "%s: %d\n", path, r.status);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"), "image/png");
	snprintf(etag, 64, "%s", hresp_header(&r, "ETag"));
	assert_true(strlen(etag) > 4);
	im = gdImageCreateFromPngPtr((int)r.bodylen, r.body);
	hresp_free(&r);
	assert_non_null(im);
	assert_int_equal(gdImageSX(im), w);
	assert_int_equal(gdImageSY(im), h);
	return im;
}

static long long
metric(const char *name)
{
	struct hresp	 h;
	const char	*p;
	char		 line[128];
	long long	 v = -1;

	snprintf(line, sizeof(line), "\n%s ", name);
	assert_int_equal(http_get_metrics("/metrics", &h), 0);
	if ((p = strstr(h.body, line)) != NULL)
		v = strtoll(p + strlen(line), NULL, 10);
	hresp_free(&h);
	return v;
}

/*
 * Request id resolved now, behind the daemon's back; then wait until the
 * figures the daemon keeps in memory have expired (testdb_settle).
 */
static void
resolve_now(int id)
{
	char	 sql[256];

	assert_true(id > 0);
	snprintf(sql, sizeof(sql), "UPDATE service_requests SET state = "
	    "'resolved', resolved_at = UTC_TIMESTAMP(), version = version + 1 "
	    "WHERE id = %d", id);
	assert_int_equal(testdb_exec(sql), 1);
	testdb_settle();
}

/*
 * The daemon reuses figures it computed for [figures] cache_seconds and
 * says so: the same "as of" twice in a row, a memo hit; after a change and
 * that lifetime, the new figures with a later "as of".
 */
static void
figures_memo(void **state)
{
	char		 path[256], sql[256], asof[40];
	json_t		*o;
	long long	 hits, resolved;
	const char	*hit = "lianxin_memo_lookups_total{memo=\"figures\","
	    "result=\"hit\"}";

	(void)state;
	snprintf(path, sizeof(path), "/api/stats?region=%d&%s&group=none",
	    dist_id, period);
	o = api(path, 200);
	snprintf(asof, sizeof(asof), "%s", json_string_value(
	    json_object_get(o, "as_of")));
	resolved = jint(o, "total.counts.resolved");
	json_decref(o);
	hits = metric(hit);
	assert_true(hits >= 0);
	o = api(path, 200);
	assert_string_equal(json_string_value(json_object_get(o, "as_of")),
	    asof);
	json_decref(o);
	assert_true(metric(hit) > hits);

	snprintf(sql, sizeof(sql), "SELECT MAX(id) FROM service_requests "
	    "WHERE district_id = %d AND state IN ('submitted', 'accepted') "
	    "AND received_at BETWEEN UTC_TIMESTAMP() - INTERVAL 20 DAY AND "
	    "UTC_TIMESTAMP() - INTERVAL 1 DAY", dist_id);
	resolve_now((int)testdb_int(sql));
	o = api(path, 200);
	assert_int_equal(jint(o, "total.counts.resolved"), resolved + 1);
	assert_true(strcmp(json_string_value(json_object_get(o, "as_of")),
	    asof) > 0);
	json_decref(o);
}

/* Charts: decoded, coloured, conditional, cached, and new when the
 * figures move. */
static void
charts(void **state)
{
	char		 path[256], etag[64], etag2[64], hdr[320];
	struct hresp	 h;
	gdImagePtr	 im;
	long long	 hits;

	(void)state;
	snprintf(path, sizeof(path), "/charts/bar.png?rate=resolution&"
	    "region=%d&%s&w=640&h=320&target=95", dist_id, period);
	im = chart(path, 640, 320, etag);
	assert_true(count_rgb(im, CHART_RGB_BAR) > 1000);	/* bars */
	assert_true(count_rgb(im, CHART_RGB_TARGET) > 50);	/* target */
	gdImageDestroy(im);

	/* The same figures: 304 without a body. */
	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n"
	    "If-None-Match: %s\r\n", district, etag);
	httpc_headers = hdr;
	assert_int_equal(http_get(path, &h), 0);
	httpc_headers = NULL;
	assert_int_equal(h.status, 304);
	assert_int_equal(h.bodylen, 0);
	hresp_free(&h);

	/* Asked again without the ETag: from the cache. */
	hits = metric("lianxin_chart_cache_hits_total");
	assert_true(hits >= 0);
	im = chart(path, 640, 320, etag2);
	gdImageDestroy(im);
	assert_string_equal(etag, etag2);
	assert_true(metric("lianxin_chart_cache_hits_total") > hits);

	/* A request of the period is resolved: once the daemon's figures
	 * are recomputed ([figures] cache_seconds), the bar moves, so does
	 * the ETag, and the old one no longer gets 304. */
	resolve_now((int)testdb_int("SELECT MIN(id) FROM service_requests "
	    "WHERE state IN ('accepted', 'assigned') AND received_at > "
	    "UTC_TIMESTAMP() - INTERVAL 20 DAY"));
	httpc_headers = hdr;
	assert_int_equal(http_get(path, &h), 0);
	httpc_headers = NULL;
	assert_int_equal(h.status, 200);
	assert_string_not_equal(hresp_header(&h, "ETag"), etag);
	hresp_free(&h);

	/* The other two charts. */
	snprintf(path, sizeof(path), "/charts/stack.png?region=%d&%s",
	    dist_id, period);
	im = chart(path, 800, 400, etag);
	assert_true(count_rgb(im, CHART_RGB_ONTIME) > 1000);
	assert_true(count_rgb(im, CHART_RGB_OVERDUE) > 0);
	gdImageDestroy(im);
	snprintf(path, sizeof(path), "/charts/trend.png?rates=resolution,"
	    "satisfaction,reporting&region=%d&%s&w=1000&h=500", dist_id,
	    period);
	im = chart(path, 1000, 500, etag);
	gdImageDestroy(im);
}

/* The dashboard states scope, period and as-of; links drill down; the
 * charts' alt text states the figures of /api/stats. */
static void
dashboard(void **state)
{
	char		 path[256], want[256];
	struct hresp	 h;
	json_t		*o, *row;
	size_t		 i;

	(void)state;
	snprintf(path, sizeof(path), "/api/stats?region=%d&%s", dist_id,
	    period);
	o = api(path, 200);
	snprintf(path, sizeof(path), "/dashboard?region=%d&%s", dist_id,
	    period);
	assert_int_equal(req(district, "GET", path, NULL, &h), 0);
	assert_int_equal(h.status, 200);
	assert_non_null(strstr(h.body, "数据截至"));
	assert_non_null(strstr(h.body, from));
	assert_non_null(strstr(h.body, to));
	assert_non_null(strstr(h.body, "/export/figures.csv"));
	assert_non_null(strstr(h.body, "/charts/stack.png?"));
	assert_non_null(strstr(h.body, "/charts/trend.png?"));
	for (i = 0; i < json_array_size(json_object_get(o, "rows")); i++) {
		long long num, den;

		row = json_array_get(json_object_get(o, "rows"), i);
		snprintf(want, sizeof(want), "<a href=\"/dashboard?region=%lld&"
		    "amp;from=%s&amp;to=%s\">%s</a>", jint(row, "key"), from, to,
		    json_string_value(json_object_get(row, "name")));
		assert_non_null(strstr(h.body, want));
		num = jint(row, "rates.resolution.num");
		den = jint(row, "rates.resolution.den");
		if (den == 0)
			continue;
		snprintf(want, sizeof(want), "%s %.1f%%（%lld/%lld）",
		    json_string_value(json_object_get(row, "name")),
		    100.0 * (double)num / (double)den, num, den);
		assert_non_null(strstr(h.body, want));
	}
	hresp_free(&h);
	json_decref(o);
}

/* The local day number of now ([server] timezone, as the daemon's). */
static int
local_today(void)
{
	time_t		 now = time(NULL);
	struct tm	 tm;

	localtime_r(&now, &tm);
	return (int)((now + tm.tm_gmtoff) / 86400);
}

/* The id of a random region of level. */
static int
region_at(int level)
{
	char	 sql[128];

	snprintf(sql, sizeof(sql), "SELECT id FROM regions WHERE level = %d "
	    "ORDER BY RAND() LIMIT 1", level);
	return (int)testdb_int(sql);
}

/*
 * The totals of /api/stats are the same whatever the grouping, field by
 * field (member figures included, as is completeness): random scopes of
 * every level a user can have (the demo has one district, every user's
 * scope lies in it), random periods ending in the past, today or later.
 */
static void
api_totals_whatever_the_grouping(void **state)
{
	static const char *const groups[] = { "child", "category", "month" };
	char		 path[256], f[DB_DATE_LEN + 1], t[DB_DATE_LEN + 1];
	json_t		*none, *o;
	int		 level, k, pto, pfrom, today = local_today(), region;
	size_t		 g;

	(void)state;
	for (level = 1; level <= 4; level++)
		for (k = 0; k < 4; k++) {
			region = region_at(level);
			pto = k == 0 ? today : k == 1 ? today + 1 + rand() % 300 :
			    today - 1 - rand() % 600;
			pfrom = pto - rand() % 400;
			day_format(pfrom, f);
			day_format(pto, t);
			snprintf(path, sizeof(path), "/api/stats?region=%d&"
			    "from=%s&to=%s&overdue=1&group=none", region, f, t);
			none = api(path, 200);
			/* Member figures above a grid; none for a grid. */
			assert_int_equal(json_is_null(json_object_get(
			    json_object_get(none, "total"), "members")),
			    level == 4);
			for (g = 0; g < 3; g++) {
				if (level == 4 && g == 0)
					continue;	/* a grid has no child */
				snprintf(path, sizeof(path), "/api/stats?"
				    "region=%d&from=%s&to=%s&overdue=1&"
				    "group=%s", region, f, t, groups[g]);
				o = api(path, 200);
				if (!json_equal(json_object_get(o, "total"),
				    json_object_get(none, "total"))) {
					char *a = json_dumps(json_object_get(o,
					    "total"), JSON_SORT_KEYS);
					char *b = json_dumps(json_object_get(none,
					    "total"), JSON_SORT_KEYS);

					fail_msg("%s:\n%s\nungrouped:\n%s", path,
					    a, b);
				}
				json_decref(o);
			}
			json_decref(none);
		}
}

/* "complete" and "incomplete_reason" of a JSON total or row. */
static void
check_complete(json_t *j, const char *want_reason, const char *what)
{
	json_t	*c = json_object_get(j, "complete");
	json_t	*r = json_object_get(j, "incomplete_reason");

	if (c == NULL || !json_is_boolean(c) || r == NULL)
		fail_msg("%s: no completeness", what);
	if (want_reason == NULL) {
		if (!json_is_true(c) || !json_is_null(r))
			fail_msg("%s: not complete (%s)", what,
			    json_string_value(r));
	} else if (!json_is_false(c) || json_string_value(r) == NULL ||
	    strcmp(json_string_value(r), want_reason) != 0)
		fail_msg("%s: complete or another reason (%s), expected %s",
		    what, json_string_value(r), want_reason);
}

/*
 * The rule, written here from its statement: a period (or a month of it)
 * ending on day `to` is complete when it is over and a request received
 * on its last day is past every category's response and resolve limits:
 * to < today and to + settle < today, where settle is the largest
 * resolve_days + ceil(response_hours / 24) of the active categories.
 */
static const char *
expected_reason(int last, int today, int settle)
{
	if (last >= today)
		return "本期尚未结束";
	if (last + settle >= today)
		return "部分诉求尚未到办结期限";
	return NULL;
}

/*
 * Incomplete periods are marked: in /api/stats (the total and each row;
 * a month row over its own days), and in the dashboard's tables by a
 * visible text mark with the reason as its title.
 */
static void
incomplete_periods(void **state)
{
	char		 path[256], f[DB_DATE_LEN + 1], t[DB_DATE_LEN + 1],
			 what[300], want[300];
	struct hresp	 h;
	json_t		*o, *rows, *row;
	const char	*why;
	int		 today = local_today(), settle, ends[6], i, y, m, d,
			 last, month_to;
	size_t		 j;

	(void)state;
	settle = (int)testdb_int("SELECT MAX(resolve_days + "
	    "CEIL(response_hours / 24)) FROM categories WHERE active");
	assert_true(settle > 1);
	ends[0] = today;
	ends[1] = today + 40;
	ends[2] = today - 1;
	ends[3] = today - settle;		/* the last one not settled */
	ends[4] = today - settle - 1;		/* the first one settled */
	ends[5] = today - 400;
	for (i = 0; i < 6; i++) {
		day_format(ends[i] - 75, f);
		day_format(ends[i], t);
		snprintf(path, sizeof(path), "/api/stats?region=%d&from=%s&"
		    "to=%s&group=month", dist_id, f, t);
		o = api(path, 200);
		assert_int_equal(jint(o, "settle_days"), settle);
		why = expected_reason(ends[i], today, settle);
		snprintf(what, sizeof(what), "%s total", path);
		check_complete(json_object_get(o, "total"), why, what);
		rows = json_object_get(o, "rows");
		assert_true(json_array_size(rows) >= 3);
		for (j = 0; j < json_array_size(rows); j++) {
			row = json_array_get(rows, j);
			y = (int)jint(row, "key") / 100;
			m = (int)jint(row, "key") % 100;
			last = (m == 12 ? day_from_ymd(y + 1, 1, 1) :
			    day_from_ymd(y, m + 1, 1)) - 1;
			month_to = last < ends[i] ? last : ends[i];
			snprintf(what, sizeof(what), "%s row %d-%02d", path, y,
			    m);
			check_complete(row, expected_reason(month_to, today,
			    settle), what);
		}
		json_decref(o);

		/* The dashboard: the total's table marked (or not), each
		 * month in the month table marked with its reason. */
		snprintf(path, sizeof(path), "/dashboard?region=%d&from=%s&"
		    "to=%s", dist_id, f, t);
		assert_int_equal(req(district, "GET", path, NULL, &h), 0);
		assert_int_equal(h.status, 200);
		if (why != NULL) {
			snprintf(want, sizeof(want), "<h2>总体指标 <span "
			    "class=\"partial\" title=\"%s\">（未完结）</span>"
			    "</h2>", why);
			assert_non_null(strstr(h.body, want));
		} else
			assert_non_null(strstr(h.body, "<h2>总体指标</h2>"));
		for (d = ends[i] - 75; d <= ends[i]; d++) {
			day_ymd(d, &y, &m, &last);
			if (last != 1 && d != ends[i] - 75)
				continue;
			last = (m == 12 ? day_from_ymd(y + 1, 1, 1) :
			    day_from_ymd(y, m + 1, 1)) - 1;
			why = expected_reason(last < ends[i] ? last : ends[i],
			    today, settle);
			if (why != NULL)
				snprintf(want, sizeof(want), "<tr><th>%04d-%02d "
				    "<span class=\"partial\" title=\"%s\">"
				    "（未完结）</span></th>", y, m, why);
			else
				snprintf(want, sizeof(want), "<tr><th>%04d-%02d"
				    "</th>", y, m);
			if (strstr(h.body, want) == NULL)
				fail_msg("%s: no %s", path, want);
		}
		hresp_free(&h);
	}
}

/* The table row of the dashboard's total that names label, or NULL. */
static char *
total_row(const char *body, const char *label, char *out, size_t sz)
{
	char		 th[128];
	const char	*p, *e;

	snprintf(th, sizeof(th), "<tr><th>%s</th>", label);
	if ((p = strstr(body, th)) == NULL || (e = strstr(p, "</tr>")) == NULL)
		return NULL;
	snprintf(out, sz, "%.*s", (int)(e - p), p);
	return out;
}

/*
 * Rates below [figures] target_percent carry a text mark and a class in
 * the dashboard's tables, those at or above it none; the definitions
 * shown are the table's (fig_defs) and the words are DESIGN.md's: 收到
 * and 提交 for arrival, 受理 for staff acceptance only.
 */
static void
below_target_and_words(void **state)
{
	static const char *const gone[] = { "受理量", "按受理日期",
	    "受理批次", "自受理至办结", "按受理月份", "时段内受理的" };
	struct config	 cfg;
	struct hresp	 h;
	char		 path[256], row[2048];
	json_t		*o, *rate;
	long long	 num, den;
	int		 k, below = 0, above = 0, is_below;
	size_t		 i;

	(void)state;
	assert_int_equal(testdb_config(&cfg), 0);
	snprintf(path, sizeof(path), "/api/stats?region=%d&%s&group=none",
	    dist_id, period);
	o = api(path, 200);
	snprintf(path, sizeof(path), "/dashboard?region=%d&%s", dist_id,
	    period);
	assert_int_equal(req(district, "GET", path, NULL, &h), 0);
	assert_int_equal(h.status, 200);
	for (k = 0; k < FR__MAX; k++) {
		rate = json_object_get(json_object_get(json_object_get(o,
		    "total"), "rates"), fig_rate_ids[k]);
		if (json_is_null(rate))
			continue;
		num = jint(rate, "num");
		den = jint(rate, "den");
		if (total_row(h.body, fig_defs[k].label, row, sizeof(row)) ==
		    NULL)
			fail_msg("no row %s", fig_defs[k].label);
		/* Its definition, from the one table. */
		assert_non_null(strstr(row, fig_defs[k].definition));
		is_below = den > 0 && (double)num * 100.0 / (double)den <
		    (double)cfg.target_percent;
		if (is_below) {
			below++;
			assert_non_null(strstr(row, "class=\"num below\""));
			assert_non_null(strstr(row, "↓低于目标"));
		} else {
			above++;
			assert_null(strstr(row, "below"));
			assert_null(strstr(row, "低于目标"));
		}
	}
	/* Both kinds were seen, and the marks are explained. */
	assert_true(below > 0);
	assert_true(above > 0);
	assert_non_null(strstr(h.body, "↓低于目标：比率低于目标值"));
	/* The counts and means too, each with its definition. */
	for (k = FR__MAX; k < FD__MAX; k++)
		if (total_row(h.body, fig_defs[k].label, row, sizeof(row)) ==
		    NULL || strstr(row, fig_defs[k].definition) == NULL)
			fail_msg("no row %s with its definition",
			    fig_defs[k].label);
	assert_non_null(strstr(h.body, "已办结诉求自提交至办结的平均小时数"));
	assert_non_null(strstr(h.body, "<th class=\"num\">收到量</th>"));
	assert_non_null(strstr(h.body, "（按提交日期"));
	for (i = 0; i < sizeof(gone) / sizeof(gone[0]); i++)
		if (strstr(h.body, gone[i]) != NULL)
			fail_msg("the dashboard still says %s", gone[i]);
	/* The glossary, from the one table. */
	for (i = 0; i < fig_nwords; i++)
		assert_non_null(strstr(h.body, fig_words[i].means));
	hresp_free(&h);
	json_decref(o);
}

/*
 * Copy the value of attribute name (e.g. " srcset=\"") found in tag
 * [p, end) into out, with "&amp;" read as "&".  Fails the test when absent.
 */
static void
attr(const char *p, const char *end, const char *name, char *out,
    size_t sz)
{
	const char	*v = strstr(p, name), *q;
	size_t		 n = 0;

	if (v == NULL || v >= end)
		fail_msg("no%s in %.*s", name, (int)(end - p), p);
	for (q = v + strlen(name); *q != '"' && q < end && n + 1 < sz; q++) {
		out[n++] = *q;
		if (strncmp(q, "&amp;", 5) == 0)
			q += 4;
	}
	out[n] = '\0';
}

/* GET a chart URL of the page: a PNG of the size the markup states. */
static void
chart_as_stated(const char *tag, const char *end, const char *urlattr)
{
	char		 url[512], w[16], h[16], etag[64];

	attr(tag, end, urlattr, url, sizeof(url));
	attr(tag, end, " width=\"", w, sizeof(w));
	attr(tag, end, " height=\"", h, sizeof(h));
	gdImageDestroy(chart(url, atoi(w), atoi(h), etag));
}

/*
 * The dashboard asks every chart at the width the screen shows it: a
 * <picture> whose first source, for phones, is w=400 (h=300), whose <img>
 * is w=800 (h=400) with the alt text; every URL gives a PNG of the size
 * its tag states.
 */
static void
dashboard_chart_sizes(void **state)
{
	char		 path[256], alt[4096];
	struct hresp	 h;
	const char	*p, *end, *tag, *img;
	int		 n = 0;

	(void)state;
	snprintf(path, sizeof(path), "/dashboard?region=%d&%s", dist_id,
	    period);
	assert_int_equal(req(district, "GET", path, NULL, &h), 0);
	assert_int_equal(h.status, 200);
	for (p = h.body; (p = strstr(p, "<picture>")) != NULL; p = end) {
		end = strstr(p, "</picture>");
		assert_non_null(end);
		img = strstr(p, "<img ");
		assert_true(img != NULL && img < end);
		/* Phones first: media "(max-width: 480px)", w=400, h=300. */
		tag = strstr(p, "<source media=\"(max-width: 480px)\" srcset=\"");
		assert_true(tag == p + strlen("<picture>"));
		assert_non_null(strstr(tag, "&amp;w=400&amp;h=300\" width=\"400\" "
		    "height=\"300\">"));
		for (; tag != NULL && tag < img; tag = strstr(tag + 1,
		    "<source "))
			chart_as_stated(tag, strchr(tag, '>'), " srcset=\"");
		assert_non_null(strstr(img, "&amp;w=800&amp;h=400\" width=\"800\" "
		    "height=\"400\" alt=\""));
		chart_as_stated(img, end, " src=\"");
		/* The alt text still states the figures: "name: figures". */
		attr(img, end, " alt=\"", alt, sizeof(alt));
		assert_true(strstr(alt, "：") != NULL && strpbrk(alt,
		    "0123456789") != NULL);
		n++;
	}
	/* Four bar charts of the district's streets, outcomes, the trend,
	 * and the co-building figure's bars (issue 20, cgi/cbfig.c). */
	assert_int_equal(n, 7);
	hresp_free(&h);
}

/*
 * The trend chart marks the months that are not complete: its ETag is the
 * renderer's hash of exactly what it draws, so it must equal the hash of
 * the chart built here from /api/stats (values, month names and each
 * month's "complete"), partial flags and note included — and the period
 * up to today has an incomplete month, so leaving the flags out gives
 * another hash.
 */
static void
trend_marks_incomplete_months(void **state)
{
	char		 path[256], title[256], etag[64], want[64];
	const char	*names[128];
	unsigned char	 partial[128];
	double		 values[128];
	struct chart_series series;
	struct chart_trend in;
	struct hresp	 h;
	json_t		*o, *rows, *row, *res;
	size_t		 i, n, npartial = 0;
	long long	 num, den;

	(void)state;
	snprintf(path, sizeof(path), "/api/stats?region=%d&%s&group=month",
	    dist_id, period);
	o = api(path, 200);
	rows = json_object_get(o, "rows");
	n = json_array_size(rows);
	assert_true(n > 0 && n <= 128);
	for (i = 0; i < n; i++) {
		row = json_array_get(rows, i);
		names[i] = json_string_value(json_object_get(row, "name"));
		res = json_object_get(json_object_get(row, "rates"),
		    "resolution");
		num = json_integer_value(json_object_get(res, "num"));
		den = json_integer_value(json_object_get(res, "den"));
		values[i] = den > 0 ? (double)num / (double)den : NAN;
		partial[i] = json_is_false(json_object_get(row, "complete"));
		npartial += partial[i];
	}
	/* The period ends today: its last month cannot be complete. */
	assert_true(partial[n - 1]);
	snprintf(title, sizeof(title), "%s逐月%s · %s 至 %s",
	    json_string_value(json_object_get(json_object_get(o, "scope"),
	    "name")), fig_rates[FR_RESOLUTION].label, from, to);
	series = (struct chart_series){ fig_rates[FR_RESOLUTION].label, 0,
	    values };
	in = (struct chart_trend){ .title = title, .ylabel = "比率",
	    .xlabels = names, .npoints = n, .series = &series, .nseries = 1,
	    .target = 0.5, .width = 640, .height = 320, .partial = partial,
	    .note = "空心点：该月尚未完结，数值仍会变化" };
	snprintf(path, sizeof(path), "/charts/trend.png?rates=resolution&"
	    "region=%d&%s&w=640&h=320&target=50", dist_id, period);
	assert_int_equal(req(district, "GET", path, NULL, &h), 0);
	assert_int_equal(h.status, 200);
	snprintf(etag, sizeof(etag), "%s", hresp_header(&h, "ETag"));
	hresp_free(&h);
	snprintf(want, sizeof(want), "\"t%016llx\"",
	    (unsigned long long)chart_hash_trend(&in));
	assert_string_equal(etag, want);
	in.partial = NULL;
	in.note = NULL;
	snprintf(want, sizeof(want), "\"t%016llx\"",
	    (unsigned long long)chart_hash_trend(&in));
	assert_string_not_equal(etag, want);
	assert_true(npartial >= 1);
	json_decref(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(api_matches_data_layer),
		cmocka_unit_test(scope_and_errors),
		cmocka_unit_test(charts),
		cmocka_unit_test(figures_memo),
		cmocka_unit_test(dashboard),
		cmocka_unit_test(api_totals_whatever_the_grouping),
		cmocka_unit_test(incomplete_periods),
		cmocka_unit_test(below_target_and_words),
		cmocka_unit_test(dashboard_chart_sizes),
		cmocka_unit_test(trend_marks_incomplete_months),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
