/*
 * Departments made by admins (issue 19 point 3) and their limits in
 * working days (point 4), against the test stack: units through `lianxin
 * import units` and /admin/units; department_staff accounts through
 * `lianxin user add`, the users import and /admin/users, each logging in
 * and landing on /dept; bad input refused with a Chinese message and
 * nothing stored; a summons issued on 2025-09-30 to a unit counting 3
 * working days due on 2025-10-11 23:59:59 Beijing time (worked out by
 * hand from the National Day notice).  Names carry a random suffix so
 * that the tests can run again on the same database.
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
#include <sys/wait.h>

#include <cmocka.h>
#include <sodium.h>

#include "config.h"
#include "db.h"
#include "httpc.h"
#include "import.h"
#include "staffc.h"
#include "testdb.h"

static struct config	 cfg;
static char		 sfx[16];	/* random suffix of this run */
static char		 street[33], other[33], community[33];

#define f testdb_fmt

/* Run shell command cmd with input on stdin; its exit status, its
 * output and errors (both) into out. */
static int
run(const char *cmd, const char *input, char *out, size_t sz)
{
	char	 path[] = "/tmp/lianxin-deptadmin.XXXXXX";
	FILE	*fp;
	size_t	 n;
	int	 fd, st;

	assert_true((fd = mkstemp(path)) >= 0);
	close(fd);
	assert_non_null(fp = popen(f("%s >'%s' 2>&1", cmd, path), "w"));
	fputs(input, fp);
	st = pclose(fp);
	assert_non_null(fp = fopen(path, "r"));
	n = fread(out, 1, sz - 1, fp);
	out[n] = '\0';
	fclose(fp);
	unlink(path);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Import csv as kind through the command; its status, its output. */
static int
import(const char *kind, const char *csv, char *out, size_t sz)
{
	return run(f("'%s' import %s -", test_bin("lianxin"), kind), csv,
	    out, sz);
}

/* Importing csv as kind is refused with each of the messages want (up
 * to a NULL), and the table stays as it was. */
static void
refused(const char *kind, const char *table, const char *csv,
    const char *const *want)
{
	char		 out[4096];
	long long	 n0 = testdb_intf("SELECT COUNT(*) FROM %s", table);

	assert_int_equal(import(kind, csv, out, sizeof(out)), 1);
	for (; *want != NULL; want++)
		if (strstr(out, *want) == NULL)
			fail_msg("no \"%s\" in:\n%s", *want, out);
	assert_non_null(strstr(out, "未导入任何数据"));
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM %s", table), n0);
}

static long long
unit_id(const char *name, const char *code)
{
	return testdb_intf("SELECT u.id FROM units u JOIN regions g ON g.id = "
	    "u.region_id WHERE u.name = '%s' AND g.code = '%s'", name, code);
}

/* Log in as user with password pw: lands on /dept, whose page names the
 * unit. */
static void
lands_on_dept(const char *user, const char *pw, const char *unit)
{
	char		 c[128];
	struct hresp	 r;

	assert_int_equal(login(user, pw, c), 303);
	assert_string_equal(login_landing, "/dept");
	assert_int_equal(req(c, "GET", "/dept", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, unit));
	hresp_free(&r);
}

static int
setup(void **state)
{
	(void)state;
	if (sodium_init() == -1 || testdb_config(&cfg) != 0 ||
	    db_library_init() == -1)
		return -1;
	snprintf(sfx, sizeof(sfx), "%06u", randombytes_uniform(1000000));
	/* dept1's street, dept3's (another), a community of dept1's. */
	snprintf(street, sizeof(street), "%s", testdb_str("SELECT g.code FROM "
	    "users u JOIN regions g ON g.id = u.region_id WHERE u.username = "
	    "'dept1'"));
	snprintf(other, sizeof(other), "%s", testdb_str("SELECT g.code FROM "
	    "users u JOIN regions g ON g.id = u.region_id WHERE u.username = "
	    "'dept3'"));
	snprintf(community, sizeof(community), "%s", testdb_strf("SELECT "
	    "MIN(code) FROM regions WHERE level = 3 AND street_id = (SELECT "
	    "id FROM regions WHERE code = '%s')", street));
	return street[0] && other[0] && community[0] &&
	    strcmp(street, other) != 0 ? 0 : -1;
}

/* lianxin import units: good rows go in, with their kind, region and
 * limits; the same name may serve two streets. */
static void
import_units(void **state)
{
	char	 out[4096];

	(void)state;
	assert_int_equal(import("units", f("名称,类型,区域编码,响应时限,"
	    "办结时限,办结时限单位\n测试城管%1$s,职能部门,%2$s,24,3,\n"
	    "测试城管%1$s,department,%3$s,12,5,工作日\n"
	    "测试共建%1$s,共建单位,%4$s,48,10,自然日\n", sfx, street, other,
	    community), out, sizeof(out)), 0);
	assert_non_null(strstr(out, "imported 3 units"));
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM units u JOIN "
	    "regions g ON g.id = u.region_id WHERE u.name = '测试城管%s' AND "
	    "u.kind = 'department' AND u.active AND u.resolve_unit = "
	    "'workdays' AND ((g.code = '%s' AND u.response_hours = 24 AND "
	    "u.resolve_days = 3) OR (g.code = '%s' AND u.response_hours = 12 "
	    "AND u.resolve_days = 5))", sfx, street, other), 2);
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM units WHERE name = "
	    "'测试共建%s' AND kind = 'cobuild' AND resolve_unit = 'days' AND "
	    "resolve_days = 10", sfx), 1);
}

/* Bad rows: each reported with its line in Chinese, nothing stored. */
static void
import_units_bad(void **state)
{
	static const char *const want[] = {
		":3: region_code: 职能部门须设在街道或区",
		":4: name: 该区域已有同名单位",
		":6: name: 在文件中重复（与第 5 行相同）",
		":7: region_code: 区域编码不存在",
		":8: kind:", ":8: response_hours:", NULL };

	(void)state;
	refused("units", "units", f("name,kind,region_code,"
	    "response_hours,resolve_days\n新单位%1$s,职能部门,%2$s,24,3\n"
	    "社区部门%1$s,职能部门,%3$s,24,3\n测试城管%1$s,职能部门,%2$s,24,3\n"
	    "重复%1$s,职能部门,%2$s,24,3\n重复%1$s,职能部门,%2$s,24,5\n"
	    "无区域%1$s,职能部门,nowhere-%1$s,24,3\n坏类型%1$s,科室,%2$s,0,3\n",
	    sfx, street, community), want);
}

/* lianxin user add ... department_staff ... UNIT: by name in its region;
 * refused for another region's unit, an inactive one, or none. */
static void
user_add_command(void **state)
{
	char		 out[4096];
	const char	*bin = test_bin("lianxin");
	long long	 n0;

	(void)state;
	n0 = testdb_int("SELECT COUNT(*) FROM users");
	/* The other street's unit, by id, for an account of this street. */
	assert_int_equal(run(f("'%s' user add dx%s department_staff %s 测试员 "
	    "%lld", bin, sfx, street, unit_id(f("测试城管%s", sfx), other)),
	    "a-long-password-1\n", out, sizeof(out)), 2);
	assert_non_null(strstr(out, "该单位不属于所填的区域"));
	/* No unit; a unit for another role. */
	assert_int_equal(run(f("'%s' user add dx%s department_staff %s 测试员",
	    bin, sfx, street), "a-long-password-1\n", out, sizeof(out)), 2);
	assert_non_null(strstr(out, "部门工作人员须指定所属单位"));
	assert_int_equal(run(f("'%s' user add dx%s street_official %s 测试员 "
	    "测试城管%s", bin, sfx, street, sfx), "a-long-password-1\n", out,
	    sizeof(out)), 2);
	assert_non_null(strstr(out, "只有部门工作人员"));
	/* An unknown name. */
	assert_int_equal(run(f("'%s' user add dx%s department_staff %s 测试员 "
	    "没有这个单位%s", bin, sfx, street, sfx), "a-long-password-1\n",
	    out, sizeof(out)), 2);
	assert_non_null(strstr(out, "单位不存在"));
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM users"), n0);
	/* Good: by name in the street. */
	assert_int_equal(run(f("'%s' user add dc%s department_staff %s 命令员 "
	    "测试城管%s", bin, sfx, street, sfx), "a-long-password-1\n", out,
	    sizeof(out)), 0);
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM users WHERE "
	    "username = 'dc%s' AND role = 'department_staff' AND unit_id = "
	    "%lld", sfx, unit_id(f("测试城管%s", sfx), street)), 1);
	lands_on_dept(f("dc%s", sfx), "a-long-password-1", f("测试城管%s",
	    sfx));
}

/* The users import: department_staff with its unit by id; an inactive
 * unit, a missing one, or a unit on another role refuse the file. */
static void
users_import(void **state)
{
	static const char *const want[] = { ":2: unit: 该单位已停用",
		":3: unit: 部门工作人员须填写所属单位",
		":4: unit: 只有部门工作人员", NULL };
	char		 out[4096];
	long long	 id = unit_id(f("测试城管%s", sfx), street);

	(void)state;
	testdb_execf("INSERT INTO units (kind, region_id, name) SELECT "
	    "'department', id, '停用单位%s' FROM regions WHERE code = '%s'",
	    sfx, street);
	testdb_execf("UPDATE units SET active = 0 WHERE name = '停用单位%s'",
	    sfx);
	refused("users", "users", f("用户名,姓名,角色,所属区域编码,密码,"
	    "所属单位\nda%1$s,甲,部门工作人员,%2$s,a-long-password-2,"
	    "停用单位%1$s\ndb%1$s,乙,department_staff,%2$s,a-long-password-2,"
	    "\ndd%1$s,丙,street_official,%2$s,a-long-password-2,%3$lld\n",
	    sfx, street, id), want);
	assert_int_equal(import("users", f("username,display_name,role,"
	    "region_code,password,unit\ndi%s,丁,department_staff,%s,"
	    "a-long-password-3,%lld\n", sfx, street, id), out, sizeof(out)),
	    0);
	assert_int_equal(testdb_intf("SELECT unit_id FROM users WHERE "
	    "username = 'di%s'", sfx), id);
	lands_on_dept(f("di%s", sfx), "a-long-password-3", f("测试城管%s",
	    sfx));
}

/* POST as c with the session's token; the status, the body into r. */
static int
post(const char *c, const char *path, const char *body, struct hresp *r)
{
	char	 csrf[65];

	csrf_of(c, csrf);
	assert_int_equal(req(c, "POST", path, f("csrf=%s&%s", csrf, body), r),
	    0);
	return r->status;
}

/* POST /admin/users as admin a: a department_staff account username of
 * region, its unit field unit (NULL: none); the status, the page in r. */
static int
dept_user(const char *a, const char *username, const char *region,
    const char *unit, struct hresp *r)
{
	return post(a, "/admin/users", f("username=%s&display_name="
	    "%%E6%%88%%8A&role=department_staff&region=%s&password="
	    "a-long-password-4%s%s", username, region, unit ? "&unit=" : "",
	    unit ? unit : ""), r);
}

/* /admin/units lists the units and makes one; /admin/users makes its
 * account; taking the unit out of service stops new accounts. */
static void
admin_pages(void **state)
{
	char		 a[128], name[64], ename[256];
	struct hresp	 r;
	long long	 nu, nusers, id;

	(void)state;
	snprintf(name, sizeof(name), "页面部门%s", sfx);
	http_enc(ename, sizeof(ename), name);
	must_login("admin", a);
	assert_int_equal(req(a, "GET", "/admin/units", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, f("测试城管%s", sfx)));
	assert_non_null(strstr(r.body, "城管执法中队"));	/* the demo's */
	assert_non_null(strstr(r.body, "个工作日内办结"));
	hresp_free(&r);
	/* A department at a community: refused, nothing stored. */
	nu = testdb_int("SELECT COUNT(*) FROM units");
	assert_int_equal(post(a, "/admin/units", f("name=%s&kind=department&"
	    "region=%s&response_hours=24&resolve_days=3&resolve_unit="
	    "workdays", ename, community), &r), 400);
	assert_non_null(strstr(r.body, "职能部门须设在街道或区"));
	hresp_free(&r);
	assert_int_equal(post(a, "/admin/units", f("name=%s&kind=department&"
	    "region=%s&response_hours=0&resolve_days=3&resolve_unit="
	    "workdays", ename, street), &r), 400);
	hresp_free(&r);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM units"), nu);
	/* Good. */
	assert_int_equal(post(a, "/admin/units", f("name=%s&kind=department&"
	    "region=%s&response_hours=8&resolve_days=4&resolve_unit="
	    "workdays", ename, street), &r), 303);
	hresp_free(&r);
	assert_true((id = unit_id(name, street)) > 0);
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM units WHERE id = "
	    "%lld AND kind = 'department' AND response_hours = 8 AND "
	    "resolve_days = 4 AND resolve_unit = 'workdays' AND active", id),
	    1);
	/* The same name again in the street: refused. */
	assert_int_equal(post(a, "/admin/units", f("name=%s&kind=department&"
	    "region=%s&response_hours=8&resolve_days=4&resolve_unit=days",
	    ename, street), &r), 400);
	assert_non_null(strstr(r.body, "该区域已有同名单位"));
	hresp_free(&r);
	/* Its account: not with another street's region, then good. */
	nusers = testdb_int("SELECT COUNT(*) FROM users");
	assert_int_equal(dept_user(a, f("dp%s", sfx), other, f("%lld", id),
	    &r), 400);
	assert_non_null(strstr(r.body, "该单位不属于所填的区域"));
	hresp_free(&r);
	assert_int_equal(dept_user(a, f("dp%s", sfx), street, NULL, &r), 400);
	assert_non_null(strstr(r.body, "部门工作人员须填写所属单位"));
	hresp_free(&r);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM users"), nusers);
	assert_int_equal(dept_user(a, f("dp%s", sfx), street, f("%lld", id),
	    &r), 303);
	hresp_free(&r);
	lands_on_dept(f("dp%s", sfx), "a-long-password-4", name);
	/* Out of service: no more accounts, not offered for summons. */
	assert_int_equal(post(a, f("/admin/units/%lld", id), "action=disable",
	    &r), 303);
	hresp_free(&r);
	assert_int_equal(testdb_intf("SELECT active FROM units WHERE id = "
	    "%lld", id), 0);
	assert_int_equal(dept_user(a, f("dq%s", sfx), street, ename, &r),
	    400);
	assert_non_null(strstr(r.body, "该单位已停用"));
	hresp_free(&r);
	assert_int_equal(testdb_intf("SELECT COUNT(*) FROM users WHERE "
	    "username = 'dq%s'", sfx), 0);
	assert_true(testdb_intf("SELECT COUNT(*) FROM audit_log WHERE action "
	    "= 'unit_disable' AND object = '%s'", name) >= 1);
	/* Not an admin: no page. */
	must_login("street1", a);
	assert_int_equal(status_of(a, "GET", "/admin/units", NULL), 404);
}

/*
 * A summons issued on Tuesday 2025-09-30 10:00 Beijing time (02:00 UTC)
 * to a department with 3 working days is due on Saturday 2025-10-11
 * 23:59:59 Beijing time, 15:59:59 UTC: 10-01..10-08 are off by the
 * notice, 10-09 (Thu), 10-10 (Fri) and the worked 10-11 (Sat) count.
 * Its response limit stays hours: 24 after, 2025-10-01 02:00 UTC.
 */
static void
summons_workdays(void **state)
{
	struct db	*db;
	struct db_request_full *q;
	struct db_user	 u;
	char		 t[9];
	int		 unit;

	(void)state;
	setenv("TZ", cfg.timezone, 1);
	tzset();
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM holiday_years "
	    "WHERE year = 2025"), 1);
	unit = (int)unit_id(f("测试城管%s", sfx), street);
	testdb_tracking(t, 'W');
	testdb_execf("INSERT INTO service_requests (tracking_no, category_id, "
	    "district_id, street_id, community_id, grid_id, address, "
	    "description, resident_name, resident_phone, source, state, level, "
	    "accepted_at, received_at, response_due, resolve_due) SELECT '%s', "
	    "(SELECT MIN(id) FROM categories), g.district_id, g.street_id, "
	    "g.community_id, g.id, '测试路9号', '测试用的诉求描述文字', '居民乙', "
	    "'13800005679', 'web', 'accepted', 'street', '2025-09-29 02:00:00', "
	    "'2025-09-29 01:00:00', '2025-09-30 01:00:00', '2025-10-20 "
	    "00:00:00' FROM regions g WHERE g.level = 4 AND g.street_id = "
	    "(SELECT id FROM regions WHERE code = '%s') LIMIT 1", t, street);
	assert_non_null(db = db_open(&cfg));
	assert_non_null(q = calloc(1, sizeof(*q)));
	assert_int_equal(db_request_full(db, t, q), DB_OK);
	assert_int_equal(db_user_by_name(db, "street1", &u), DB_OK);
	assert_int_equal(db_summons_issue(db, q, q->pub.version, &u, &unit, 1,
	    "测试工作日", "127.0.0.1", (time_t)1759197600), DB_OK);
	free(q);
	db_close(db);
	assert_string_equal(testdb_strf("SELECT CONCAT(CAST(s.issued_at AS "
	    "CHAR), '|', CAST(s.response_due AS CHAR), '|', CAST(s.resolve_due "
	    "AS CHAR)) FROM summons s JOIN service_requests r ON r.id = "
	    "s.request_id WHERE r.tracking_no = '%s'", t),
	    "2025-09-30 02:00:00|2025-10-01 02:00:00|2025-10-11 15:59:59");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(import_units),
		cmocka_unit_test(import_units_bad),
		cmocka_unit_test(user_add_command),
		cmocka_unit_test(users_import),
		cmocka_unit_test(admin_pages),
		cmocka_unit_test(summons_workdays),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
