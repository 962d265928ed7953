/*
 * Exports through nginx: request lists, rosters and the figures table as
 * CSV and XLSX.  The CSV is read back with a real CSV parser (libcsv,
 * strict, nothing trimmed) and compared with the database row by row and
 * with /api/stats; the XLSX is read with an independent reader
 * (python3-openpyxl, tests/support/xlsxdump.py) and compared with the CSV
 * cell by cell, with the number formats of dates and rates; it opens on
 * the table, 说明 second.  Formula injection (a quote in the CSV, the
 * text as typed in a Text-format cell in the XLSX), masked phones, no
 * resident names, the scope rules, the audit lines, and the figures'
 * scope, period and as-of time on every row.
 *
 * Longer than 800 lines: one test program per family, whose cases share
 * its fixtures (a logged-in client, the demo's places); most of it is
 * tables of cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <csv.h>
#include <jansson.h>

#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

#define ALL	"from=2020-01-01&to=2029-12-31"
/* The same period over the raw rows (received_at is UTC, days UTC+8). */
#define ALL_SQL	"received_at >= '2019-12-31 16:00:00' AND " \
		"received_at < '2029-12-31 16:00:00'"
#define INJ	"ZZZZ2345"	/* tracking number of the injection case */

static char	 c_district[128], c_comm1[128], c_grid1[128];

/* ---- A CSV read back ---- */

struct table {
	char	***rows;	/* rows[i][j], NUL-terminated */
	size_t	*ncols;
	size_t	 nrows;
	char	**cur;		/* the row being read */
	size_t	 ncur;
};

static void
on_field(void *s, size_t len, void *arg)
{
	struct table	*t = arg;
	char		*f = malloc(len + 1);

	assert_non_null(f);
	memcpy(f, s, len);
	f[len] = '\0';
	t->cur = realloc(t->cur, (t->ncur + 1) * sizeof(char *));
	assert_non_null(t->cur);
	t->cur[t->ncur++] = f;
}

static void
on_row(int c, void *arg)
{
	struct table	*t = arg;

	(void)c;
	t->rows = realloc(t->rows, (t->nrows + 1) * sizeof(char **));
	t->ncols = realloc(t->ncols, (t->nrows + 1) * sizeof(size_t));
	assert_true(t->rows != NULL && t->ncols != NULL);
	t->rows[t->nrows] = t->cur;
	t->ncols[t->nrows++] = t->ncur;
	t->cur = NULL;
	t->ncur = 0;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * Parse a CSV body: it must start with a UTF-8 BOM and end every line
 * with CRLF (no field here holds a line break); strict RFC 4180 quoting.
 */
static void
csv_read(const struct hresp *r, struct table *t)
{
	struct csv_parser p;
	size_t		 i;

	memset(t, 0, sizeof(*t));
	assert_true(r->bodylen > 3);
	assert_memory_equal(r->body, "\xEF\xBB\xBF", 3);
	for (i = 0; i < r->bodylen; i++)
		if (r->body[i] == '\n')
			assert_true(i > 0 && r->body[i - 1] == '\r');
	assert_int_equal(r->body[r->bodylen - 1], '\n');
	assert_int_equal(csv_init(&p, CSV_STRICT | CSV_STRICT_FINI), 0);
	csv_set_space_func(&p, no_space);
	assert_int_equal(csv_parse(&p, r->body + 3, r->bodylen - 3, on_field,
	    on_row, t), r->bodylen - 3);
	assert_int_equal(csv_fini(&p, on_field, on_row, t), 0);
	csv_free(&p);
	for (i = 1; i < t->nrows; i++)
		assert_int_equal(t->ncols[i], t->ncols[0]);
}

static void
csv_free_table(struct table *t)
{
	size_t	 i, j;

	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols[i]; j++)
			free(t->rows[i][j]);
		free(t->rows[i]);
	}
	free(t->rows);
	free(t->ncols);
}

/* The index of the row whose first column is key, or 0 (the header's). */
static size_t
csv_find(const struct table *t, const char *key)
{
	size_t	 i;

	for (i = 1; i < t->nrows; i++)
		if (strcmp(t->rows[i][0], key) == 0)
			return i;
	return 0;
}

/* a and b within eps, else fail with both. */
static void
near(double a, double b, double eps)
{
	if (!(fabs(a - b) <= eps))
		fail_msg("%.12g is not %.12g", a, b);
}

/* ---- An XLSX read back by openpyxl ---- */

static json_t *
xlsx_read(const struct hresp *r)
{
	char		 path[] = "/tmp/lianxin-test-XXXXXX.xlsx", cmd[1024];
	const char	*root = test_env("LIANXIN_ROOT");
	FILE		*f, *pp;
	json_t		*j;
	json_error_t	 e;
	int		 fd;

	assert_true((fd = mkstemps(path, 5)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	assert_int_equal(fwrite(r->body, 1, r->bodylen, f), r->bodylen);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 %s/tests/support/"
	    "xlsxdump.py %s", root, path);
	assert_non_null(pp = popen(cmd, "r"));
	j = json_loadf(pp, 0, &e);
	assert_int_equal(pclose(pp), 0);
	unlink(path);
	if (j == NULL)
		fail_msg("xlsxdump: %s", e.text);
	return j;
}

static json_t *
xlsx_sheet(json_t *wb, size_t i, const char *name)
{
	json_t	*s = json_array_get(json_object_get(wb, "sheets"), i);

	assert_non_null(s);
	assert_string_equal(json_string_value(json_object_get(s, "name")),
	    name);
	return s;
}

/* The workbook opens on its table, sheet 0 (name), 说明 second and last. */
static void
xlsx_order(json_t *wb, const char *name)
{
	assert_int_equal(json_array_size(json_object_get(wb, "sheets")), 2);
	xlsx_sheet(wb, 0, name);
	xlsx_sheet(wb, 1, "说明");
	assert_string_equal(json_string_value(json_object_get(wb, "active")),
	    name);
}

/* Cell (i, j) of a sheet: NULL when empty. */
static json_t *
xcell(json_t *sheet, size_t i, size_t j)
{
	json_t	*c = json_array_get(json_array_get(json_object_get(sheet,
	    "rows"), i), j);

	return json_is_null(c) ? NULL : c;
}

static const char *
xs(json_t *c, size_t k)
{
	return json_string_value(json_array_get(c, k));
}

/* The value of the 说明 line key. */
static const char *
note(json_t *sheet, const char *key)
{
	json_t	*rows = json_object_get(sheet, "rows"), *c;
	size_t	 i;

	for (i = 0; i < json_array_size(rows); i++)
		if ((c = xcell(sheet, i, 0)) != NULL &&
		    strcmp(xs(c, 0), key) == 0 && xcell(sheet, i, 1) != NULL)
			return xs(xcell(sheet, i, 1), 0);
	fail_msg("no note %s", key);
	return NULL;
}

/*
 * Every XLSX cell equals the CSV's: text, numbers, dates (as local
 * minutes), rates (the CSV's "93.5%").  Time columns carry a date format,
 * rates the percent format.  A text that looks like a formula is the
 * CSV's without its quote, in the Text format ("@"); no other text is.
 */
static void
xlsx_equals_csv(json_t *sheet, const struct table *t, const char *rate_mark)
{
	size_t		 i, j;
	json_t		*c;
	const char	*v;
	char		 pct[32];

	assert_int_equal(json_array_size(json_object_get(sheet, "rows")),
	    t->nrows);
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < t->ncols[i]; j++) {
			v = t->rows[i][j];
			c = xcell(sheet, i, j);
			if (*v == '\0') {
				assert_null(c);
				continue;
			}
			assert_non_null(c);
			if (strcmp(xs(c, 1), "d") == 0) {
				assert_string_equal(xs(c, 0), v);
				assert_string_equal(xs(c, 2),
				    "yyyy-mm-dd hh:mm");
			} else if (strcmp(xs(c, 2), "0.0%") == 0) {
				assert_string_equal(xs(c, 1), "n");
				snprintf(pct, sizeof(pct), "%.1f%%",
				    100.0 * strtod(xs(c, 0), NULL));
				assert_string_equal(pct, v);
				assert_non_null(strstr(t->rows[0][j],
				    rate_mark));
			} else if (strcmp(xs(c, 1), "n") == 0) {
				near(strtod(xs(c, 0), NULL),
				    strtod(v, NULL), 0.05);
			} else if (strcmp(xs(c, 2), "@") == 0) {
				assert_string_equal(xs(c, 1), "s");
				assert_non_null(strchr("=+-@\t\r", xs(c, 0)[0]));
				assert_int_equal(v[0], '\'');
				assert_string_equal(xs(c, 0), v + 1);
			} else {
				assert_string_equal(xs(c, 1), "s");
				assert_string_equal(xs(c, 2), "General");
				assert_string_equal(xs(c, 0), v);
			}
		}
}

/* The header row: bold on a fill, frozen below it, an autofilter, and
 * widths set. */
static void
xlsx_header_style(json_t *sheet, size_t ncols)
{
	size_t	 j;

	assert_string_equal(json_string_value(json_object_get(sheet,
	    "freeze")), "A2");
	assert_true(strncmp(json_string_value(json_object_get(sheet,
	    "filter")), "A1:", 3) == 0);
	assert_true(json_object_size(json_object_get(sheet, "widths")) >=
	    ncols);
	for (j = 0; j < ncols; j++) {
		assert_true(json_is_true(json_array_get(xcell(sheet, 0, j),
		    3)));
		assert_string_equal(xs(xcell(sheet, 0, j), 4), "FFDDE7F3");
	}
}

/* ---- Helpers ---- */

static void
get_ok(const char *cookie, const char *path, struct hresp *r)
{
	assert_int_equal(req(cookie, "GET", path, NULL, r), 0);
	if (r->status != 200)
		fail_msg("%s: %d %s", path, r->status, r->body);
}

/* A UTC time as local minutes, for SQL (in a printf format). */
#define LOCAL(x) "DATE_FORMAT(" x " + INTERVAL (SELECT offset_minutes " \
	"FROM stats_tz) MINUTE, '%%Y-%%m-%%d %%H:%%i')"

/* The newest audit line of an export: "object|detail" of user. */
static const char *
audit_of(const char *user)
{
	char	 q[512];

	snprintf(q, sizeof(q), "SELECT CONCAT(object, '|', detail) FROM "
	    "audit_log WHERE action = 'export' AND username = '%s' "
	    "ORDER BY id DESC LIMIT 1", user);
	return testdb_str(q);
}

static int
setup(void **state)
{
	(void)state;
	must_login("district", c_district);
	must_login("community1", c_comm1);
	must_login("grid1", c_grid1);
	/* The formula-injection case: a request whose address, description
	 * and phone a resident wrote to attack spreadsheets, received now
	 * in community1's community. */
	testdb_exec("DELETE e FROM request_events e JOIN service_requests r "
	    "ON r.id = e.request_id WHERE r.tracking_no = '" INJ "'");
	testdb_exec("DELETE FROM service_requests WHERE tracking_no = '" INJ
	    "'");
	if (testdb_exec("INSERT INTO service_requests (tracking_no, "
	    "category_id, district_id, street_id, community_id, grid_id, "
	    "address, description, resident_name, resident_phone, source, "
	    "received_at, response_due, resolve_due) SELECT '" INJ "', "
	    "(SELECT MIN(id) FROM categories), g.district_id, g.street_id, "
	    "g.id, NULL, '=HYPERLINK(\"http://evil.example/\",\"点我\")', "
	    "'+SUM(1,2) 描述以加号开头，还有逗号, 和引号\"', '测试居民甲乙丙', "
	    "'13812345678', 'web', UTC_TIMESTAMP() - INTERVAL 1 MINUTE, "
	    "UTC_TIMESTAMP() + INTERVAL 1 DAY, UTC_TIMESTAMP() + "
	    "INTERVAL 7 DAY FROM users u JOIN regions g ON g.id = u.region_id "
	    "WHERE u.username = 'community1'") != 1)
		return -1;
	return 0;
}

/* ---- Request lists ---- */

static const char *const req_titles[] = { "诉求编号", "来源", "类别", "街道",
	"社区", "网格", "地址", "诉求内容", "联系电话", "状态", "提交时间",
	"受理时间", "办结时间", "完结时间", "响应期限", "办结期限", "按时响应",
	"按期办结", "办理层级", "最高办理层级", "群众评价", "退回重办次数" };
#define NREQCOLS (sizeof(req_titles) / sizeof(req_titles[0]))

/* What a row must hold, recomputed from the raw row by SQL, '|'-joined. */
static const char expect_sql[] =
	"SELECT CONCAT_WS('|', r.tracking_no, "
	"ELT(FIELD(r.source, 'web', 'open311', 'hotline', 'visit'), "
	"'网上提交', '系统接入', '12345热线', '来访登记'), c.name, s.name, "
	"g.name, COALESCE(gr.name, ''), "
	"CONCAT(SUBSTR(r.resident_phone, 1, 3), '****', "
	"SUBSTR(r.resident_phone, 8, 4)), "
	/* withdrawn on the resident's behalf (代群众撤回): 已撤回 */
	"IF(r.reject_reason = 'withdrawn', '已撤回', "
	"ELT(FIELD(r.state, 'submitted', 'accepted', 'assigned', 'resolved', "
	"'closed', 'rejected'), '待受理', '已受理', '办理中', '已办结', "
	"'已完结', '未予受理')), "
	LOCAL("r.received_at") ", COALESCE(" LOCAL("r.accepted_at") ", ''), "
	"COALESCE(" LOCAL("r.resolved_at") ", ''), COALESCE("
	LOCAL("r.closed_at") ", ''), " LOCAL("r.response_due") ", "
	LOCAL("r.resolve_due") ", "
	"IF(r.state = 'rejected', '', IF(r.accepted_at <= r.response_due, "
	"'是', '否')), IF(r.state IN ('resolved', 'closed'), "
	"IF(r.resolved_at <= r.resolve_due, '是', '否'), ''), "
	"ELT(FIELD(r.level, 'community', 'street', 'district'), '社区', '街道', "
	"'区'), ELT(FIELD(r.max_level, 'community', 'street', 'district'), "
	"'社区', '街道', '区'), COALESCE(ELT(FIELD(r.rating, 'satisfied', "
	"'basically', 'unsatisfied'), '满意', '基本满意', '不满意'), ''), "
	"r.reopen_count, r.resident_name) "
	"FROM service_requests r JOIN categories c ON c.id = r.category_id "
	"JOIN regions s ON s.id = r.street_id JOIN regions g ON "
	"g.id = r.community_id LEFT JOIN regions gr ON gr.id = r.grid_id "
	"WHERE r.tracking_no = '%s'";

/* Columns compared with expect_sql, in its order. */
static const int expect_cols[] = { 0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13,
	14, 15, 16, 17, 18, 19, 20, 21 };

/* Every row equals the database's; no resident name anywhere. */
static void
rows_match_db(const struct table *t)
{
	char		 q[sizeof(expect_sql) + 32], got[4096], want[4096];
	const char	*s, *name;
	size_t		 i, k;

	for (i = 1; i < t->nrows; i++) {
		snprintf(q, sizeof(q), expect_sql, t->rows[i][0]);
		assert_non_null(s = testdb_str(q));
		snprintf(want, sizeof(want), "%s", s);
		/* The resident's name is the last field: never exported. */
		name = strrchr(want, '|');
		assert_non_null(name);
		*(char *)name++ = '\0';
		for (k = 0; k < t->ncols[i]; k++)
			assert_null(strstr(t->rows[i][k], name));
		got[0] = '\0';
		for (k = 0; k < sizeof(expect_cols) / sizeof(expect_cols[0]);
		    k++) {
			strcat(got, k ? "|" : "");
			strcat(got, t->rows[i][expect_cols[k]]);
		}
		assert_string_equal(got, want);
		/* 138****5678 */
		s = t->rows[i][8];
		assert_int_equal(strlen(s), 11);
		assert_memory_equal(s + 3, "****", 4);
	}
}

static void
test_requests_csv(void **state)
{
	struct hresp	 r;
	struct table	 t;
	size_t		 j;
	long long	 n;
	const char	*cd, *a;
	char		 q[256];

	(void)state;
	get_ok(c_district, "/export/requests.csv?" ALL, &r);
	assert_string_equal(hresp_header(&r, "Content-Type"),
	    "text/csv; charset=utf-8");
	assert_string_equal(hresp_header(&r, "X-Content-Type-Options"),
	    "nosniff");
	assert_string_equal(hresp_header(&r, "X-Frame-Options"), "DENY");
	assert_non_null(hresp_header(&r, "Content-Security-Policy"));
	assert_non_null(cd = hresp_header(&r, "Content-Disposition"));
	/* 诉求清单_ ... percent-encoded (RFC 5987), an ASCII fallback */
	assert_non_null(strstr(cd, "attachment; filename=\"requests.csv\"; "
	    "filename*=UTF-8''%E8%AF%89%E6%B1%82%E6%B8%85%E5%8D%95_"));
	assert_non_null(strstr(cd, "_2020-01-01_2029-12-31.csv"));
	csv_read(&r, &t);
	hresp_free(&r);
	assert_int_equal(t.ncols[0], NREQCOLS);
	for (j = 0; j < NREQCOLS; j++)
		assert_string_equal(t.rows[0][j], req_titles[j]);
	n = testdb_int("SELECT COUNT(*) FROM service_requests WHERE " ALL_SQL);
	assert_true(n >= 3000);
	assert_int_equal((long long)t.nrows - 1, n);
	rows_match_db(&t);
	/* Oldest first. */
	for (j = 2; j < t.nrows; j++)
		assert_true(strcmp(t.rows[j - 1][10], t.rows[j][10]) <= 0);
	/* The audit line: who, what, filters, rows. */
	snprintf(q, sizeof(q), "requests.csv|region=1 from=2020-01-01 "
	    "to=2029-12-31 state= category=0 rows=%lld result=sent", n);
	assert_non_null(a = audit_of("district"));
	assert_string_equal(a, q);
	csv_free_table(&t);
}

static void
test_requests_filters(void **state)
{
	struct hresp	 r;
	struct table	 t;
	char		 path[256], q[512];
	long long	 cat, n;
	size_t		 i;

	(void)state;
	cat = testdb_int("SELECT category_id FROM service_requests GROUP BY "
	    "category_id ORDER BY COUNT(*) DESC LIMIT 1");
	snprintf(path, sizeof(path), "/export/requests.csv?from=2026-01-01&"
	    "to=2026-06-30&state=closed&category=%lld", cat);
	get_ok(c_district, path, &r);
	csv_read(&r, &t);
	hresp_free(&r);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM service_requests WHERE "
	    "state = 'closed' AND category_id = %lld AND received_at >= "
	    "'2026-01-01' - INTERVAL (SELECT offset_minutes FROM stats_tz) "
	    "MINUTE AND received_at < '2026-07-01' - INTERVAL (SELECT "
	    "offset_minutes FROM stats_tz) MINUTE", cat);
	n = testdb_int(q);
	assert_true(n > 0);
	assert_int_equal((long long)t.nrows - 1, n);
	for (i = 1; i < t.nrows; i++) {
		assert_string_equal(t.rows[i][9], "已完结");
		assert_true(strcmp(t.rows[i][10], "2026-01-01 00:00") >= 0);
		assert_true(strcmp(t.rows[i][10], "2026-06-30 23:59") <= 0);
	}
	rows_match_db(&t);
	csv_free_table(&t);
	/* Bad filters: 400; a category that does not exist: 400. */
	assert_int_equal(status_of(c_district, "GET",
	    "/export/requests.csv?state=nosuch", NULL), 400);
	assert_int_equal(status_of(c_district, "GET",
	    "/export/requests.csv?category=65000", NULL), 400);
	assert_int_equal(status_of(c_district, "GET",
	    "/export/requests.csv?from=2026-02-30", NULL), 400);
	assert_int_equal(status_of(c_district, "GET",
	    "/export/requests.csv?from=2026-03-01&to=2026-02-01", NULL), 400);
	assert_int_equal(status_of(c_district, "GET",
	    "/export/requests.pdf", NULL), 404);
}

/* The injection case and the masked phone, in CSV and XLSX. */
static void
test_injection(void **state)
{
	struct hresp	 r;
	struct table	 t;
	json_t		*wb, *ws;
	char		**row;
	size_t		 at, i, k;

	(void)state;
	get_ok(c_comm1, "/export/requests.csv", &r);
	assert_null(strstr(r.body, "测试居民甲乙丙"));
	assert_null(strstr(r.body, "13812345678"));
	/* On the wire: quoted (a comma and quotes), the quote inside. */
	assert_non_null(strstr(r.body, ",\"'=HYPERLINK(\"\"http://evil."
	    "example/\"\",\"\"点我\"\")\","));
	csv_read(&r, &t);
	hresp_free(&r);
	assert_true((at = csv_find(&t, INJ)) > 0);
	row = t.rows[at];
	assert_string_equal(row[6], "'=HYPERLINK(\"http://evil.example/\","
	    "\"点我\")");
	assert_string_equal(row[7], "'+SUM(1,2) 描述以加号开头，还有逗号, "
	    "和引号\"");
	assert_string_equal(row[8], "138****5678");
	/* No cell of the file begins with a formula character. */
	for (i = 1; i < t.nrows; i++)
		for (k = 0; k < t.ncols[i]; k++)
			assert_null(strchr("=+-@\t\r", t.rows[i][k][0]) &&
			    t.rows[i][k][0] ? t.rows[i][k] : NULL);

	get_ok(c_comm1, "/export/requests.xlsx", &r);
	wb = xlsx_read(&r);
	hresp_free(&r);
	ws = xlsx_sheet(wb, 0, "诉求清单");
	/* The text as the resident typed it, no quote added: a string cell
	 * (never a formula) in the Text format, which keeps it text even when
	 * edited; the cells beside it in the General format. */
	for (k = 6; k <= 7; k++) {
		assert_string_equal(xs(xcell(ws, at, k), 1), "s");
		assert_string_equal(xs(xcell(ws, at, k), 2), "@");
	}
	assert_string_equal(xs(xcell(ws, at, 6), 0), "=HYPERLINK(\"http://"
	    "evil.example/\",\"点我\")");
	assert_string_equal(xs(xcell(ws, at, 7), 0), "+SUM(1,2) 描述以加号开头，"
	    "还有逗号, 和引号\"");
	assert_string_equal(xs(xcell(ws, at, 0), 0), INJ);
	assert_string_equal(xs(xcell(ws, at, 0), 2), "General");
	assert_string_equal(xs(xcell(ws, at, 8), 0), "138****5678");
	assert_string_equal(xs(xcell(ws, at, 8), 2), "General");
	/* Every other cell as in the CSV. */
	xlsx_equals_csv(ws, &t, "率");
	json_decref(wb);
	csv_free_table(&t);
}

static void
test_requests_xlsx(void **state)
{
	struct hresp	 r;
	struct table	 t;
	json_t		*wb, *notes, *ws;
	const char	*ct;
	char		 n[32];

	(void)state;
	get_ok(c_district, "/export/requests.csv?from=2026-01-01&"
	    "to=2026-03-31", &r);
	csv_read(&r, &t);
	hresp_free(&r);
	assert_true(t.nrows > 100);
	get_ok(c_district, "/export/requests.xlsx?from=2026-01-01&"
	    "to=2026-03-31", &r);
	assert_non_null(ct = hresp_header(&r, "Content-Type"));
	assert_string_equal(ct, "application/vnd.openxmlformats-"
	    "officedocument.spreadsheetml.sheet");
	assert_non_null(strstr(hresp_header(&r, "Content-Disposition"),
	    "filename=\"requests.xlsx\"; filename*=UTF-8''"));
	assert_int_equal(strtoull(hresp_header(&r, "Content-Length"), NULL,
	    10), r.bodylen);
	assert_memory_equal(r.body, "PK\x03\x04", 4);
	wb = xlsx_read(&r);
	hresp_free(&r);
	xlsx_order(wb, "诉求清单");
	notes = xlsx_sheet(wb, 1, "说明");
	assert_string_equal(note(notes, "范围"), "滨江区（区）");
	assert_non_null(strstr(note(notes, "期间"), "2026-01-01 至 "
	    "2026-03-31"));
	assert_non_null(note(notes, "数据截至"));
	assert_non_null(strstr(note(notes, "导出人"), "district"));
	snprintf(n, sizeof(n), "%zu", t.nrows - 1);
	assert_string_equal(note(notes, "行数"), n);
	/* Every column is defined. */
	assert_non_null(strstr(note(notes, "按期办结"), "按期办结率"));
	assert_non_null(strstr(note(notes, "联系电话"), "138****5678"));
	/* 受理 is the staff's acceptance, 提交 the resident's submission. */
	assert_non_null(strstr(note(notes, "受理时间"), "工作人员首次受理"));
	assert_non_null(strstr(note(notes, "提交时间"), "居民提交"));
	ws = xlsx_sheet(wb, 0, "诉求清单");
	xlsx_header_style(ws, NREQCOLS);
	xlsx_equals_csv(ws, &t, "率");
	/* Times are dates with a date format, not text. */
	assert_string_equal(xs(xcell(ws, 1, 10), 1), "d");
	json_decref(wb);
	csv_free_table(&t);
}

/* ---- Scope ---- */

static void
test_scope(void **state)
{
	static const char *const exports[] = {
		"requests.csv", "requests.xlsx", "members.csv", "figures.xlsx",
	};
	struct hresp	 r;
	struct table	 t;
	char		 path[128], q[256];
	const char	*name;
	long long	 mine, other, n;
	size_t		 i;

	(void)state;
	mine = testdb_int("SELECT region_id FROM users WHERE username = "
	    "'community1'");
	other = testdb_int("SELECT region_id FROM users WHERE username = "
	    "'community2'");
	assert_true(mine > 0 && other > 0 && mine != other);
	/* Own community: all its requests, only those. */
	get_ok(c_comm1, "/export/requests.csv?" ALL, &r);
	csv_read(&r, &t);
	hresp_free(&r);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM service_requests WHERE "
	    "community_id = %lld AND " ALL_SQL, mine);
	assert_int_equal((long long)t.nrows - 1, n = testdb_int(q));
	assert_true(n > 0);
	snprintf(q, sizeof(q), "SELECT name FROM regions WHERE id = %lld",
	    mine);
	assert_non_null(name = testdb_str(q));
	for (i = 1; i < t.nrows; i++)
		assert_string_equal(t.rows[i][4], name);
	csv_free_table(&t);
	/* Another community, the district, a region that does not exist:
	 * 404, for every export and format. */
	for (i = 0; i < sizeof(exports) / sizeof(exports[0]); i++) {
		snprintf(path, sizeof(path), "/export/%s?region=%lld",
		    exports[i], other);
		assert_int_equal(status_of(c_comm1, "GET", path, NULL), 404);
	}
	assert_int_equal(status_of(c_comm1, "GET",
	    "/export/requests.csv?region=1", NULL), 404);
	assert_int_equal(status_of(c_comm1, "GET",
	    "/export/figures.csv?region=999999", NULL), 404);
	/* A grid has no roster. */
	assert_int_equal(status_of(c_grid1, "GET", "/export/members.csv",
	    NULL), 404);
	/* No session: to the login page. */
	assert_int_equal(http_status("/export/requests.csv"), 303);
}

/* ---- Rosters ---- */

static void
test_members(void **state)
{
	struct hresp	 r;
	struct table	 t;
	json_t		*wb;
	char		 q[2048];
	const char	*s;
	long long	 mine;
	size_t		 i;

	(void)state;
	mine = testdb_int("SELECT region_id FROM users WHERE username = "
	    "'community1'");
	get_ok(c_comm1, "/export/members.csv", &r);
	assert_non_null(strstr(hresp_header(&r, "Content-Disposition"),
	    "filename=\"members.csv\"; filename*=UTF-8''%E5%85%9A%E5%91%98"
	    "%E5%90%8D%E5%86%8C_"));	/* 党员名册_ */
	csv_read(&r, &t);
	hresp_free(&r);
	snprintf(q, sizeof(q), "SELECT COUNT(*) FROM party_members WHERE "
	    "community_id = %lld", mine);
	assert_int_equal((long long)t.nrows - 1, testdb_int(q));
	assert_true(t.nrows > 2);
	assert_string_equal(t.rows[0][2], "姓名");
	assert_string_equal(t.rows[0][12], "积分");
	for (i = 1; i < t.nrows; i++) {
		/* Masked phone, hours, points by the rule (1 per hour, 5 per
		 * completed claim, 5 per confirmed micro-wish), recomputed here. */
		snprintf(q, sizeof(q), "SELECT CONCAT_WS('|', CONCAT(LEFT(m.phone, "
		    "3), '****', RIGHT(m.phone, 4)), h.t, "
		    "(SELECT COUNT(*) FROM item_claims c WHERE c.member_id = m.id "
		    "AND c.state = 'completed'), CAST(h.t + 5 * (SELECT COUNT(*) "
		    "FROM item_claims c WHERE c.member_id = m.id AND c.state = "
		    "'completed') + 5 * (SELECT COUNT(*) FROM wishes w WHERE "
		    "w.claim_member_id = m.id AND w.state = 'confirmed') AS "
		    "DECIMAL(10,1)), IF(m.report_expires_at > UTC_TIMESTAMP(), "
		    "'已报到', IF(m.reported_at IS NULL, '未报到', '报到已过期'))) "
		    "FROM party_members m JOIN (SELECT CAST(COALESCE(SUM(p.hours), "
		    "0) AS DECIMAL(10,1)) AS t FROM participation p JOIN party_members x ON x.id = "
		    "p.member_id WHERE x.community_id = %lld AND x.name = '%s' "
		    "AND CONCAT(LEFT(x.phone, 3), '****', RIGHT(x.phone, 4)) = "
		    "'%s') h WHERE m.community_id = %lld AND m.name = '%s' AND "
		    "CONCAT(LEFT(m.phone, 3), '****', RIGHT(m.phone, 4)) = '%s'",
		    mine, t.rows[i][2], t.rows[i][3], mine, t.rows[i][2],
		    t.rows[i][3]);
		assert_non_null(s = testdb_str(q));
		snprintf(q, sizeof(q), "%s|%s|%s|%s|%s", t.rows[i][3],
		    t.rows[i][9], t.rows[i][10], t.rows[i][12], t.rows[i][6]);
		assert_string_equal(q, s);
	}
	get_ok(c_comm1, "/export/members.xlsx", &r);
	wb = xlsx_read(&r);
	hresp_free(&r);
	xlsx_order(wb, "党员名册");
	assert_non_null(strstr(note(xlsx_sheet(wb, 1, "说明"), "积分"),
	    "每小时 1 分"));
	xlsx_header_style(xlsx_sheet(wb, 0, "党员名册"), 13);
	xlsx_equals_csv(xlsx_sheet(wb, 0, "党员名册"), &t, "率");
	assert_string_equal(xs(xcell(xlsx_sheet(wb, 0, "党员名册"), 1, 9), 2),
	    "0.0");
	json_decref(wb);
	csv_free_table(&t);
	assert_non_null(s = audit_of("community1"));
	snprintf(q, sizeof(q), "members.xlsx|region=%lld rows=%zu "
	    "result=sent", mine, t.nrows - 1);
	assert_string_equal(s, q);
}

/* ---- Figures: the numbers of /api/stats ---- */

static const char *const rate_ids[] = { "response", "resolution", "ontime",
	"satisfaction", "community", "reporting", "participation" };
#define NRATES (sizeof(rate_ids) / sizeof(rate_ids[0]))

/* The co-building rates (issue 20), in /api/stats' "cobuild". */
static const char *const cb_ids[] = { "unit_participation",
	"commitment_fulfilment", "need_claim", "need_completion",
	"wish_fulfilment", "decisions_on_time",
	"satisfaction_community_rates_unit",
	"satisfaction_unit_rates_community" };
#define NCB (sizeof(cb_ids) / sizeof(cb_ids[0]))

/* The figures' columns: the group, 3 counts, 3 per rate, 6 more, the
 * departments' two rates (3 columns each, issue 19), the co-building
 * rates (3 each, issue 20), then what every row covers: 范围, 开始日期,
 * 结束日期, 数据截至. */
#define FC_OPEN		(4 + 3 * NRATES)
#define FC_DEPT		(FC_OPEN + 6)
#define FC_CB		(FC_DEPT + 6)
#define FC_SCOPE	(FC_CB + 3 * NCB)
#define FC_NCOLS	(FC_SCOPE + 4)
static const char *const fig_context[] = { "范围", "开始日期", "结束日期",
	"数据截至" };

/* What a figures export must cover; asof_lo..asof_hi the local minutes
 * the figures may have been computed in. */
struct fig_expect {
	const char	*args;
	const char	*first_title;	/* the group column's title */
	const char	*total_name;
	char		 from[11], to[11];
	char		 scope[128];
	char		 asof_lo[17], asof_hi[17];
};

/* The local minute of UTC_TIMESTAMP() - back seconds, into out[17]. */
static void
local_minute(int back, char *out)
{
	char	 q[256];

	snprintf(q, sizeof(q), "SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL "
	    "%d SECOND + INTERVAL (SELECT offset_minutes FROM stats_tz) "
	    "MINUTE, '%%Y-%%m-%%d %%H:%%i')", back);
	snprintf(out, 17, "%s", testdb_str(q));
}

/* One CSV row against one JSON figures object. */
static void
figures_row(const struct table *t, char **row, json_t *f)
{
	json_t		*c = json_object_get(f, "counts"), *rt;
	char		 buf[32];
	size_t		 k, j;

	assert_int_equal(strtoll(row[1], NULL, 10),
	    json_integer_value(json_object_get(c, "received")));
	assert_int_equal(strtoll(row[2], NULL, 10),
	    json_integer_value(json_object_get(c, "rejected")));
	assert_int_equal(strtoll(row[3], NULL, 10),
	    json_integer_value(json_object_get(c, "valid")));
	for (k = 0; k < NRATES; k++) {
		rt = json_object_get(json_object_get(f, "rates"), rate_ids[k]);
		j = 4 + 3 * k;
		assert_non_null(strstr(t->rows[0][j], "·分子"));
		if (json_is_null(rt)) {
			assert_string_equal(row[j], "");
			assert_string_equal(row[j + 2], "");
			continue;
		}
		assert_int_equal(strtoll(row[j], NULL, 10),
		    json_integer_value(json_object_get(rt, "num")));
		assert_int_equal(strtoll(row[j + 1], NULL, 10),
		    json_integer_value(json_object_get(rt, "den")));
		if (json_is_null(json_object_get(rt, "value"))) {
			assert_string_equal(row[j + 2], "");
			continue;
		}
		snprintf(buf, sizeof(buf), "%.1f%%", 100.0 *
		    json_real_value(json_object_get(rt, "value")));
		assert_string_equal(row[j + 2], buf);
	}
	assert_int_equal(strtoll(row[FC_OPEN], NULL, 10),
	    json_integer_value(json_object_get(c, "open")));
	assert_int_equal(strtoll(row[FC_OPEN + 1], NULL, 10),
	    json_integer_value(json_object_get(c, "open_overdue")));
}

/* One rate's three cells against /api/stats' {num, den, value}. */
static void
rate_cells(char **row, size_t j, json_t *rt)
{
	char	 buf[32];
	json_t	*v = json_object_get(rt, "value");

	assert_int_equal(strtoll(row[j], NULL, 10),
	    json_integer_value(json_object_get(rt, "num")));
	assert_int_equal(strtoll(row[j + 1], NULL, 10),
	    json_integer_value(json_object_get(rt, "den")));
	if (json_is_null(v)) {
		assert_string_equal(row[j + 2], "");
		return;
	}
	snprintf(buf, sizeof(buf), "%.1f%%", 100.0 * json_real_value(v));
	assert_string_equal(row[j + 2], buf);
}

/* The departments' columns of a row against a department (or the total)
 * of /api/stats' "departments"; d NULL: empty. */
static void
dept_cells(const struct table *t, char **row, json_t *d)
{
	size_t	 k;

	assert_string_equal(t->rows[0][FC_DEPT], "部门报到率·分子");
	assert_string_equal(t->rows[0][FC_DEPT + 5], "部门按期办结率");
	if (d == NULL) {
		for (k = 0; k < 6; k++)
			assert_string_equal(row[FC_DEPT + k], "");
		return;
	}
	rate_cells(row, FC_DEPT, json_object_get(d, "response_rate"));
	rate_cells(row, FC_DEPT + 3, json_object_get(d, "on_time_rate"));
}

/* The co-building columns of a row against /api/stats' figures f of
 * "cobuild" (NULL: empty). */
static void
cb_cells(const struct table *t, char **row, json_t *f)
{
	size_t	 k;

	assert_string_equal(t->rows[0][FC_CB], "单位参与率·分子");
	for (k = 0; k < 3 * NCB; k++)
		if (f == NULL)
			assert_string_equal(row[FC_CB + k], "");
	for (k = 0; f != NULL && k < NCB; k++)
		rate_cells(row, FC_CB + 3 * k, json_object_get(f, cb_ids[k]));
}

/*
 * Every row, groups and total alike, says what it covers: the scope's
 * name, the period's first and last day, and the minute the figures were
 * computed (one for the whole file, within the window of the requests).
 */
static void
figures_context(const struct table *t, const struct fig_expect *x)
{
	size_t	 i, k;

	for (k = 0; k < 4; k++)
		assert_string_equal(t->rows[0][FC_SCOPE + k], fig_context[k]);
	assert_true(strcmp(t->rows[1][FC_SCOPE + 3], x->asof_lo) >= 0);
	assert_true(strcmp(t->rows[1][FC_SCOPE + 3], x->asof_hi) <= 0);
	for (i = 1; i < t->nrows; i++) {
		assert_string_equal(t->rows[i][FC_SCOPE], x->scope);
		assert_string_equal(t->rows[i][FC_SCOPE + 1], x->from);
		assert_string_equal(t->rows[i][FC_SCOPE + 2], x->to);
		assert_string_equal(t->rows[i][FC_SCOPE + 3],
		    t->rows[1][FC_SCOPE + 3]);
	}
}

static void
figures_case(struct fig_expect *x)
{
	struct hresp	 r;
	struct table	 t;
	json_t		*api, *rows, *row, *wb, *ws, *c, *depts, *cb, *cbrows;
	json_error_t	 e;
	char		 path[256], **line, dname[600];
	size_t		 i, k, own;

	local_minute(10, x->asof_lo);	/* [figures] cache_seconds < 10 */
	snprintf(path, sizeof(path), "/api/stats?overdue=1&%s", x->args);
	get_ok(c_district, path, &r);
	assert_non_null(api = json_loads(r.body, 0, &e));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/export/figures.csv?%s", x->args);
	get_ok(c_district, path, &r);
	csv_read(&r, &t);
	hresp_free(&r);
	local_minute(0, x->asof_hi);
	assert_int_equal(t.ncols[0], FC_NCOLS);
	/* 收到量, the month of submission: never 受理 for an arrival. */
	assert_string_equal(t.rows[0][0], x->first_title);
	assert_string_equal(t.rows[0][1], "收到量");
	for (k = 0; k < FC_NCOLS; k++)
		assert_null(strstr(t.rows[0][k], "受理量"));
	rows = json_object_get(api, "rows");
	depts = json_object_get(json_object_get(api, "departments"), "rows");
	assert_non_null(depts);
	/* The co-building rows follow the groups; a street's own items
	 * have rows of their own after them (issue 20). */
	cb = json_object_get(api, "cobuild");
	cbrows = json_is_object(cb) ? json_object_get(cb, "rows") : NULL;
	own = json_is_array(cbrows) && json_array_size(cbrows) >
	    json_array_size(rows) ? json_array_size(cbrows) -
	    json_array_size(rows) : 0;
	assert_int_equal(t.nrows, json_array_size(rows) + own +
	    json_array_size(depts) + 2);
	json_array_foreach(rows, i, row) {
		line = t.rows[i + 1];
		assert_string_equal(line[0], json_string_value(
		    json_object_get(row, "name")));
		figures_row(&t, line, row);
		dept_cells(&t, line, NULL);
		cb_cells(&t, line, json_is_array(cbrows) ?
		    json_array_get(cbrows, i) : NULL);
	}
	for (i = 0; i < own; i++)
		cb_cells(&t, t.rows[json_array_size(rows) + 1 + i],
		    json_array_get(cbrows, json_array_size(rows) + i));
	/* Then a row per department summoned (issue 19), before the total:
	 * its name and region, its rates, nothing of the requests'. */
	json_array_foreach(depts, i, row) {
		line = t.rows[json_array_size(rows) + own + 1 + i];
		snprintf(dname, sizeof(dname), "职能部门：%s（%s）",
		    json_string_value(json_object_get(row, "name")),
		    json_string_value(json_object_get(row, "region")));
		assert_string_equal(line[0], dname);
		assert_string_equal(line[1], "");
		assert_string_equal(line[FC_OPEN], "");
		dept_cells(&t, line, row);
	}
	assert_string_equal(t.rows[t.nrows - 1][0], x->total_name);
	figures_row(&t, t.rows[t.nrows - 1], json_object_get(api, "total"));
	dept_cells(&t, t.rows[t.nrows - 1], json_object_get(json_object_get(api,
	    "departments"), "total"));
	cb_cells(&t, t.rows[t.nrows - 1], json_is_object(cb) ?
	    json_object_get(cb, "total") : NULL);
	figures_context(&t, x);

	snprintf(path, sizeof(path), "/export/figures.xlsx?%s", x->args);
	get_ok(c_district, path, &r);
	wb = xlsx_read(&r);
	hresp_free(&r);
	local_minute(0, x->asof_hi);
	xlsx_order(wb, "统计指标");
	ws = xlsx_sheet(wb, 0, "统计指标");
	xlsx_header_style(ws, t.ncols[0]);
	/* The as-of time a date-time cell of the same window (the figures
	 * may have been computed again since the CSV); the rest as the CSV. */
	assert_string_equal(xs(xcell(ws, 1, FC_SCOPE + 3), 1), "d");
	for (i = 1; i < t.nrows; i++) {
		free(t.rows[i][FC_SCOPE + 3]);
		assert_non_null(t.rows[i][FC_SCOPE + 3] = strdup(xs(xcell(ws, i,
		    FC_SCOPE + 3), 0)));
	}
	figures_context(&t, x);
	xlsx_equals_csv(ws, &t, "率");
	/* Rates are numbers in percent format, equal to the API's value. */
	json_array_foreach(rows, i, row)
		for (k = 0; k < 5; k++) {
			c = json_object_get(json_object_get(json_object_get(row,
			    "rates"), rate_ids[k]), "value");
			if (json_is_null(c)) {
				assert_null(xcell(ws, i + 1, 6 + 3 * k));
				continue;
			}
			assert_string_equal(xs(xcell(ws, i + 1, 6 + 3 * k), 1),
			    "n");
			assert_string_equal(xs(xcell(ws, i + 1, 6 + 3 * k), 2),
			    "0.0%");
			near(strtod(xs(xcell(ws, i + 1,
			    6 + 3 * k), 0), NULL), json_real_value(c), 1e-9);
		}
	assert_non_null(strstr(note(xlsx_sheet(wb, 1, "说明"), "满意率"),
	    "满意"));
	assert_non_null(strstr(note(xlsx_sheet(wb, 1, "说明"), "满意率·分母"),
	    "已评价"));
	/* The 说明 sheet's "as of" is the columns'. */
	assert_memory_equal(note(xlsx_sheet(wb, 1, "说明"), "数据截至"),
	    t.rows[1][FC_SCOPE + 3], 16);
	json_decref(wb);
	json_decref(api);
	csv_free_table(&t);
}

/*
 * The definitions of the rates in the 说明 sheet are the dashboard's,
 * word for word: both come from one table (cgi/figures.c).
 */
static void
rate_definitions_as_dashboard(void)
{
	struct hresp	 r;
	json_t		*wb, *notes;
	char		 def[1024], *p;
	size_t		 k;

	get_ok(c_district, "/export/figures.xlsx", &r);
	wb = xlsx_read(&r);
	hresp_free(&r);
	notes = xlsx_sheet(wb, 1, "说明");
	get_ok(c_district, "/dashboard", &r);
	for (k = 0; k < NRATES; k++) {
		/* The rate's column: its title is the rate's name. */
		snprintf(def, sizeof(def), "%s", note(notes, xs(xcell(
		    xlsx_sheet(wb, 0, "统计指标"), 0, 4 + 3 * k + 2), 0)));
		assert_non_null(p = strstr(def, " = 分子 ÷ 分母"));
		*p = '\0';
		assert_true(strlen(def) > 6);
		if (strstr(r.body, def) == NULL)
			fail_msg("the dashboard does not say \"%s\"", def);
	}
	hresp_free(&r);
	json_decref(wb);
}

static void
test_figures(void **state)
{
	struct fig_expect month = { "group=month", "提交月份", "合计", "", "",
		"", "", "" };
	struct fig_expect cases[] = {
		{ "from=2026-01-01&to=2026-06-30&group=child", "街道", "合计",
		    "2026-01-01", "2026-06-30", "", "", "" },
		{ "from=2025-12-01&to=2026-11-30&group=category", "服务类别",
		    "合计", "2025-12-01", "2026-11-30", "", "", "" },
		{ "from=2026-01-01&to=2026-01-31&group=none", "区域", "滨江区",
		    "2026-01-01", "2026-01-31", "", "", "" },
		/* An empty period: every rate empty, never 0. */
		{ "from=2001-01-01&to=2001-01-31&group=child", "街道", "合计",
		    "2001-01-01", "2001-01-31", "", "", "" },
	};
	const char	*a, *scope;
	char		 want[256];
	size_t		 i;

	(void)state;
	assert_non_null(scope = testdb_str("SELECT g.name FROM users u JOIN "
	    "regions g ON g.id = u.region_id WHERE u.username = 'district'"));
	snprintf(month.scope, sizeof(month.scope), "%s", scope);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		snprintf(cases[i].scope, sizeof(cases[i].scope), "%s", scope);
	/* The demo's summons fall in the first case's period: it has
	 * departments' rows to check. */
	assert_true(testdb_int("SELECT COUNT(*) FROM summons WHERE issued_at "
	    ">= '2025-12-31 16:00' AND issued_at < '2026-06-30 16:00'") > 0);
	figures_case(&cases[0]);
	/* A row per street, per department summoned in the period (issue
	 * 19; Beijing days), and the total. */
	snprintf(want, sizeof(want), "figures.xlsx|region=1 from=2026-01-01 "
	    "to=2026-06-30 group=child rows=%lld result=sent", testdb_int(
	    "SELECT COUNT(*) + 1 FROM regions WHERE parent_id = 1") +
	    testdb_int("SELECT COUNT(DISTINCT unit_id) FROM summons WHERE "
	    "issued_at >= '2025-12-31 16:00' AND issued_at < "
	    "'2026-06-30 16:00'"));
	assert_non_null(a = audit_of("district"));
	assert_string_equal(a, want);
	/* By default the last 12 months to today (local days). */
	snprintf(month.to, sizeof(month.to), "%s", testdb_str("SELECT DATE("
	    "UTC_TIMESTAMP() + INTERVAL (SELECT offset_minutes FROM stats_tz) "
	    "MINUTE)"));
	snprintf(month.from, sizeof(month.from), "%s", testdb_str(
	    "SELECT DATE_FORMAT(DATE(UTC_TIMESTAMP() + INTERVAL (SELECT "
	    "offset_minutes FROM stats_tz) MINUTE) - INTERVAL 11 MONTH, "
	    "'%Y-%m-01')"));
	figures_case(&month);
	for (i = 1; i < sizeof(cases) / sizeof(cases[0]); i++)
		figures_case(&cases[i]);
	rate_definitions_as_dashboard();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_requests_csv),
		cmocka_unit_test(test_requests_filters),
		cmocka_unit_test(test_injection),
		cmocka_unit_test(test_requests_xlsx),
		cmocka_unit_test(test_scope),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_figures),
	};

	return cmocka_run_group_tests_name("export", tests, setup, NULL);
}
