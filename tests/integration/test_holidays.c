/*
 * Working days (工作日) against the test stack, whose demo imported the
 * State Council's notices for 2025 and 2026 (the import itself:
 * test_import): deadlines set by the data layer the daemon uses, on that
 * calendar at chosen times (over the National Day holiday and New Year,
 * dates worked out by hand from the notices), new posts' limits, the
 * residents' form naming the unit, and a year without its notice reported
 * in the daemon's start-up log and on the dashboard.
 */
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
#include "staffc.h"
#include "testdb.h"

static struct config	 cfg;

static char		 sfx[16];	/* random suffix of this run */
static int		 cat_id;	/* a category of 3 working days */

static int
setup(void **state)
{
	(void)state;
	if (testdb_config(&cfg) == -1 || db_library_init() == -1)
		return -1;
	/* Local days in the daemon's zone, as lianxind sets it. */
	setenv("TZ", cfg.timezone, 1);
	tzset();
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	snprintf(sfx, sizeof(sfx), "%05d", rand() % 100000);
	/* Out of the residents' list (inactive): staff still handle it. */
	if (testdb_execf("INSERT INTO categories (code, name, "
	    "response_hours, resolve_days, resolve_unit, active, sort) "
	    "VALUES ('wd%s', '工作日测试%s', 24, 3, 'workdays', 0, 999)", sfx,
	    sfx) != 1)
		return -1;
	cat_id = (int)testdb_intf("SELECT id FROM categories WHERE code = "
	    "'wd%s'", sfx);
	return cat_id > 0 ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	db_library_end();
	return 0;
}

/* Residents read the limit in its unit: the demo's are working days. */
static void
form_says_working_days(void **state)
{
	struct hresp	 h;
	char		 want[256];

	(void)state;
	snprintf(want, sizeof(want), "%s（%lld小时内响应，%lld个工作日内办结）",
	    testdb_str("SELECT name FROM categories WHERE code = 'env'"),
	    testdb_int("SELECT response_hours FROM categories WHERE code = "
	    "'env' AND resolve_unit = 'workdays'"),
	    testdb_int("SELECT resolve_days FROM categories WHERE code = "
	    "'env'"));
	assert_int_equal(http_get("/", &h), 0);
	assert_int_equal(h.status, 200);
	if (strstr(h.body, want) == NULL)
		fail_msg("the form does not say %s", want);
	hresp_free(&h);
}

/* A request of the test category received at `received` (UTC). */
static void
make_request(const char *received, char t[9])
{
	static const char a[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
	size_t	 i;

	t[0] = 'T';
	for (i = 1; i < 8; i++)
		t[i] = a[rand() % (int)(sizeof(a) - 1)];
	t[8] = '\0';
	assert_int_equal(testdb_execf("INSERT INTO service_requests "
	    "(tracking_no, category_id, district_id, street_id, community_id, "
	    "grid_id, address, description, resident_name, resident_phone, "
	    "source, state, received_at, response_due, resolve_due) "
	    "SELECT '%s', %d, district_id, street_id, community_id, id, "
	    "'测试路1号', '工作日期限的测试诉求', '测试', '13800001234', 'web', "
	    "'submitted', '%s', '%s' + INTERVAL 24 HOUR, '%s' + INTERVAL 3 DAY "
	    "FROM regions WHERE id = (SELECT region_id FROM users WHERE "
	    "username = 'grid1')", t, cat_id, received, received, received),
	    1);
}

/*
 * Accept request t at the UTC time at through the data layer (as the
 * daemon's POST does, at a time of the test's choosing); its resolve
 * limit as stored, "YYYY-MM-DD HH:MM:SS" UTC.
 */
static const char *
accept_at(const char *t, const char *at)
{
	static char	 due[32];
	struct db	*db;
	struct db_request_full *q;
	struct db_user	 u;
	struct tm	 tm = { 0 };
	struct db_act	 a;

	assert_non_null(strptime(at, "%Y-%m-%d %H:%M:%S", &tm));
	assert_non_null(q = calloc(1, sizeof(*q)));
	assert_non_null(db = db_open(&cfg));
	assert_int_equal(db_request_full(db, t, q), DB_OK);
	assert_int_equal(db_user_by_name(db, "community1", &u), DB_OK);
	memset(&a, 0, sizeof(a));
	a.action = ACT_ACCEPT;
	a.actor = &u;
	a.addr = "127.0.0.1";
	a.version = q->pub.version;
	a.now = timegm(&tm);
	assert_int_equal(db_request_act(db, q, &a), DB_OK);
	db_close(db);
	free(q);
	snprintf(due, sizeof(due), "%s", testdb_strf("SELECT "
	    "CAST(resolve_due AS CHAR) FROM service_requests WHERE "
	    "tracking_no = '%s'", t));
	return due;
}

/*
 * 3 working days from Tuesday 2025-09-30 10:15 (UTC+8): 10-01..10-08
 * are off, 10-09 and 10-10 count, and so does the worked Saturday 10-11:
 * due at its end, 23:59:59 UTC+8 = 15:59:59 UTC.
 */
static void
national_day_deadline(void **state)
{
	char	 t[9];

	(void)state;
	make_request("2025-09-30 01:00:00", t);
	assert_string_equal(accept_at(t, "2025-09-30 02:15:00"),
	    "2025-10-11 15:59:59");
	assert_string_equal(testdb_strf("SELECT CAST(accepted_at AS CHAR) "
	    "FROM service_requests WHERE tracking_no = '%s'", t),
	    "2025-09-30 02:15:00");
	/* Accepted on a holiday (Friday 10-03): 10-09, 10-10, 10-11. */
	make_request("2025-10-02 01:00:00", t);
	assert_string_equal(accept_at(t, "2025-10-03 01:00:00"),
	    "2025-10-11 15:59:59");
	/* New Year: Wednesday 2025-12-31 16:00 UTC+8; 2026-01-01..03 off,
	 * Sunday 01-04 worked, then 01-05, 01-06. */
	make_request("2025-12-31 07:00:00", t);
	assert_string_equal(accept_at(t, "2025-12-31 08:00:00"),
	    "2026-01-06 15:59:59");
	/* The same in calendar days: three times 24 hours. */
	assert_int_equal(testdb_execf("UPDATE categories SET resolve_unit = "
	    "'days' WHERE id = %d", cat_id), 1);
	make_request("2025-09-30 01:00:00", t);
	assert_string_equal(accept_at(t, "2025-09-30 02:15:00"),
	    "2025-10-03 02:15:00");
	assert_int_equal(testdb_execf("UPDATE categories SET resolve_unit = "
	    "'workdays' WHERE id = %d", cat_id), 1);
}

/*
 * A new post carries its limit from submission (POST_INTO, the SQL
 * function workday_due): the same days as an acceptance at that time.
 */
static void
new_post_limit(void **state)
{
	struct db_request_new n;
	struct db	*db;
	struct tm	 tm = { 0 };
	enum db_create_rc crc;
	char		 t[DB_TRACKING_LEN + 1];
	int		 grid = (int)testdb_int("SELECT region_id FROM users WHERE "
	    "username = 'grid1'");

	(void)state;
	/* The demo's env: 3 working days, offered to residents. */
	assert_string_equal(testdb_str("SELECT CONCAT(resolve_days, "
	    "resolve_unit, active) FROM categories WHERE code = 'env'"),
	    "3workdays1");
	memset(&n, 0, sizeof(n));
	n.category_id = (int)testdb_int("SELECT id FROM categories WHERE "
	    "code = 'env'");
	n.grid_id = grid;
	n.community_id = (int)testdb_intf("SELECT community_id FROM regions "
	    "WHERE id = %d", grid);
	n.address = "测试路2号";
	n.description = "国庆节前提交的测试诉求";
	n.name = "测试";
	n.phone = "13800001234";
	n.source = "web";
	assert_non_null(strptime("2025-09-30 02:15:00", "%Y-%m-%d %H:%M:%S",
	    &tm));
	n.now = timegm(&tm);
	assert_non_null(db = db_open(&cfg));
	assert_int_equal(db_request_create(db, &n, &crc, t), DB_OK);
	assert_int_equal(crc, DB_CREATE_NEW);
	db_close(db);
	assert_string_equal(testdb_strf("SELECT CAST(resolve_due AS CHAR) "
	    "FROM service_requests WHERE tracking_no = '%s'", t),
	    "2025-10-11 15:59:59");
	/* The SQL function over New Year, as accept_at's. */
	assert_string_equal(testdb_str("SELECT CAST(workday_due("
	    "'2025-12-31 08:00:00', 3) AS CHAR)"), "2026-01-06 15:59:59");
}

/*
 * The resident's 不满意 sends a resolved request back with a fresh limit
 * (db_request_rate, as the portal calls it): resolved 2025-12-30, sent
 * back Wednesday 2025-12-31 16:00 UTC+8 -> 3 working days end 01-06.
 */
static void
rework_limit(void **state)
{
	struct db_request q;
	struct db	*db;
	struct tm	 tm = { 0 };
	char		 t[9];

	(void)state;
	make_request("2025-12-29 01:00:00", t);
	(void)accept_at(t, "2025-12-29 02:00:00");
	assert_int_equal(testdb_execf("UPDATE service_requests SET state = "
	    "'resolved', resolved_at = '2025-12-30 03:00:00', resolution = "
	    "'已处理', version = version + 1 WHERE tracking_no = '%s'", t), 1);
	assert_non_null(strptime("2025-12-31 08:00:00", "%Y-%m-%d %H:%M:%S",
	    &tm));
	assert_non_null(db = db_open(&cfg));
	assert_int_equal(db_request_get(db, t, &q), DB_OK);
	assert_int_equal(db_request_rate(db, &q, RATE_UNSATISFIED, "", 1,
	    timegm(&tm)), DB_OK);
	db_close(db);
	assert_string_equal(testdb_strf("SELECT CONCAT(state, ' ', "
	    "resolve_due) FROM service_requests WHERE tracking_no = '%s'", t),
	    "accepted 2026-01-06 15:59:59");
}

/* The local (UTC+8, as the stack's) year of now + days. */
static int
year_in(int days)
{
	time_t	 t = time(NULL) + 8 * 3600 + (time_t)days * 86400;
	struct tm tm;

	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

/* The dashboard's page as community1 sees it (static buffer). */
static const char *
dashboard(const char *c)
{
	static char	*body;
	struct hresp	 h;

	free(body);
	assert_int_equal(req(c, "GET", "/dashboard", NULL, &h), 0);
	assert_int_equal(h.status, 200);
	body = strdup(h.body);
	hresp_free(&h);
	return body;
}

/*
 * A year without its notice: in the start-up log (the years of now and
 * now + 62 days not imported when the daemon started: the demo imported
 * what ../shared/data has), and on the dashboard, here for the current
 * year taken out of the calendar for the test.
 */
static void
missing_year_reported(void **state)
{
	char		 c[128], logpath[512], *log = NULL, line[64];
	const char	*var = getenv("VAR"), *page;
	size_t		 len = 0;
	FILE		*fp;
	int		 y, i, from = year_in(0), to = year_in(62);

	(void)state;
	assert_non_null(var);
	snprintf(logpath, sizeof(logpath), "%s/log/lianxind.log", var);
	assert_non_null(fp = fopen(logpath, "r"));
	log = calloc(1, 1 << 22);
	assert_non_null(log);
	len = fread(log, 1, (1 << 22) - 1, fp);
	fclose(fp);
	assert_true(len > 0);
	for (y = from; y <= to; y++) {
		snprintf(line, sizeof(line), "holiday calendar missing for %d",
		    y);
		if (testdb_intf("SELECT COUNT(*) FROM holiday_years WHERE "
		    "year = %d", y) == 0)
			assert_non_null(strstr(log, line));
		else
			assert_null(strstr(log, line));
	}
	free(log);

	must_login("community1", c);
	/* Take this year out; the dashboard says so within its memo. */
	y = from;
	assert_int_equal(testdb_exec("CREATE TEMPORARY TABLE hy_keep AS "
	    "SELECT * FROM holiday_years"), testdb_int("SELECT COUNT(*) FROM "
	    "holiday_years"));
	assert_true(testdb_execf("DELETE FROM holiday_years WHERE year = %d",
	    y) >= 0);
	snprintf(line, sizeof(line), " %d 年", y);
	for (i = 0; i < 30; i++) {
		page = dashboard(c);
		if (strstr(page, "节假日安排缺少") != NULL &&
		    strstr(page, line) != NULL)
			break;
		usleep(500000);
	}
	assert_true(i < 30);
	assert_non_null(strstr(page, "<p class=\"notice-bad\" role=\"alert\">"
	    "节假日安排缺少"));
	assert_non_null(strstr(page, "暂按周一至周五计算"));
	/* Back as it was: the notice goes (unless a year is missing). */
	assert_true(testdb_execf("INSERT INTO holiday_years SELECT * FROM "
	    "hy_keep WHERE year = %d", y) >= 0);
	assert_true(testdb_exec("DROP TEMPORARY TABLE hy_keep") >= 0);
	if (testdb_intf("SELECT COUNT(*) FROM holiday_years WHERE year "
	    "BETWEEN %d AND %d", from, to) == to - from + 1) {
		for (i = 0; i < 30; i++) {
			page = dashboard(c);
			if (strstr(page, "节假日安排缺少") == NULL)
				break;
			usleep(500000);
		}
		assert_true(i < 30);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(form_says_working_days),
		cmocka_unit_test(national_day_deadline),
		cmocka_unit_test(new_post_limit),
		cmocka_unit_test(rework_limit),
		cmocka_unit_test(missing_year_reported),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
