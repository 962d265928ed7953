/*
 * CSV imports of the admin command against the test database: good files
 * of each kind (holiday notices too: the real 2025 and 2026 ones) go in (rows checked directly), files with bad rows report
 * every bad row with its line and import nothing, and the command itself
 * answers with its exit status.  Codes carry a random suffix so that the
 * tests can run again on the same database.
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

#include "config.h"
#include "db.h"
#include "httpc.h"
#include "import.h"
#include "testdb.h"

static struct config	 cfg;
static char		 sfx[16];	/* random suffix of this run */
static char		 dir[64];	/* temporary directory of the files */

/* printf into a static buffer, for SQL and file contents. */
static const char *
f(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *
f(const char *fmt, ...)
{
	static char	 buf[8][8192];
	static int	 n;
	va_list		 ap;

	n = (n + 1) % 8;
	va_start(ap, fmt);
	vsnprintf(buf[n], sizeof(buf[n]), fmt, ap);
	va_end(ap);
	return buf[n];
}

struct result {
	int	 rc;
	char	*out, *err;	/* the file's path replaced by "F" */
	size_t	 outlen, errlen;
};

/* Replace every "path" in s by "F", in place. */
static void
path_to_f(char *s, const char *path)
{
	size_t	 n = strlen(path);
	char	*p;

	while ((p = strstr(s, path)) != NULL) {
		*p = 'F';
		memmove(p + 1, p + n, strlen(p + n) + 1);
	}
}

/* Write csv to a file and import it as kind. */
static void
import(enum import_kind kind, const char *csv, struct result *r)
{
	char	 path[128];
	FILE	*fp, *out, *err;

	snprintf(path, sizeof(path), "%s/in.csv", dir);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(csv, 1, strlen(csv), fp), strlen(csv));
	assert_int_equal(fclose(fp), 0);
	memset(r, 0, sizeof(*r));
	assert_non_null(out = open_memstream(&r->out, &r->outlen));
	assert_non_null(err = open_memstream(&r->err, &r->errlen));
	r->rc = import_file(&cfg, kind, path, out, err);
	fclose(out);
	fclose(err);
	path_to_f(r->err, path);
	unlink(path);
}

static void
result_free(struct result *r)
{
	free(r->out);
	free(r->err);
}

static long long
count(const char *table)
{
	return testdb_int(f("SELECT COUNT(*) FROM %s", table));
}

static int
setup(void **state)
{
	(void)state;
	if (testdb_config(&cfg) == -1)
		return -1;
	srand((unsigned)time(NULL) ^ (unsigned)getpid());
	snprintf(sfx, sizeof(sfx), "%05d", rand() % 100000);
	snprintf(dir, sizeof(dir), "/tmp/lianxin-import.XXXXXX");
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

/* A district, street, community and two grids; ancestors filled in. */
static void
good_regions(void **state)
{
	struct result	 r;
	long long	 d, s, c;

	(void)state;
	import(IMPORT_REGIONS, f("code,name,level,parent_code,sort\n"
	    "D%s,测试区%s,区,,1\n"
	    "S%s,\"长河,街道\",street,D%s,\n"
	    "C%s,幸福里社区,3,S%s,2\n"
	    "G%s,第一网格,网格,C%s,\n"
	    "H%s,第二网格,4,C%s,-5\n", sfx, sfx, sfx, sfx, sfx, sfx, sfx,
	    sfx, sfx, sfx), &r);
	if (r.rc != 0)
		fail_msg("rc %d: %s", r.rc, r.err);
	assert_string_equal(r.out, "imported 5 regions\n");
	assert_string_equal(r.err, "");
	d = testdb_int(f("SELECT id FROM regions WHERE code = 'D%s'", sfx));
	s = testdb_int(f("SELECT id FROM regions WHERE code = 'S%s'", sfx));
	c = testdb_int(f("SELECT id FROM regions WHERE code = 'C%s'", sfx));
	assert_true(d > 0 && s > 0 && c > 0);
	assert_string_equal(testdb_str(f("SELECT CONCAT_WS('/', level, "
	    "COALESCE(parent_id, '-'), district_id, COALESCE(street_id, '-'), "
	    "COALESCE(community_id, '-'), sort) FROM regions WHERE id = %lld",
	    d)), f("1/-/%lld/-/-/1", d));
	assert_string_equal(testdb_str(f("SELECT CONCAT_WS('/', level, "
	    "parent_id, district_id, street_id, COALESCE(community_id, '-'), "
	    "name) FROM regions WHERE id = %lld", s)),
	    f("2/%lld/%lld/%lld/-/长河,街道", d, d, s));
	assert_string_equal(testdb_str(f("SELECT CONCAT_WS('/', level, "
	    "parent_id, district_id, street_id, community_id, sort) FROM "
	    "regions WHERE id = %lld", c)), f("3/%lld/%lld/%lld/%lld/2", s, d,
	    s, c));
	assert_string_equal(testdb_str(f("SELECT CONCAT_WS('/', level, "
	    "parent_id, district_id, street_id, community_id, sort) FROM "
	    "regions WHERE code = 'H%s'", sfx)), f("4/%lld/%lld/%lld/%lld/-5",
	    c, d, s, c));
	result_free(&r);
}

/* BOM, CRLF, Chinese headers, a parent already in the database. */
static void
bom_crlf_chinese_header(void **state)
{
	struct result	 r;
	const char	*s;
	char		 comm[40];

	(void)state;
	s = testdb_str("SELECT code FROM regions WHERE level = 3 AND "
	    "code NOT LIKE 'C%' ORDER BY id LIMIT 1");
	assert_non_null(s);
	snprintf(comm, sizeof(comm), "%s", s);
	import(IMPORT_REGIONS, f("\xef\xbb\xbf上级编码,编码,名称,层级\r\n"
	    "%s,B%s,\"网格\r\n\"\"B\"\"\",网格\r\n\r\n", comm, sfx), &r);
	/* the name spans two lines: a line break is refused in a name */
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.err, "F:2: name: 含有换行或其他控制字符\n"
	    "F: 1 处错误，未导入任何数据\n");
	result_free(&r);
	import(IMPORT_REGIONS, f("\xef\xbb\xbf上级编码,编码,名称,层级\r\n"
	    "%s,B%s,\"网格 \"\"B\"\"\",网格\r\n\r\n", comm, sfx), &r);
	if (r.rc != 0)
		fail_msg("rc %d: %s", r.rc, r.err);
	assert_string_equal(r.out, "imported 1 regions\n");
	assert_string_equal(testdb_str(f("SELECT CONCAT(r.name, '/', "
	    "p.code, '/', r.community_id = p.id, r.street_id = p.street_id) "
	    "FROM regions r JOIN regions p ON p.id = r.parent_id "
	    "WHERE r.code = 'B%s'", sfx)), f("网格 \"B\"/%s/11", comm));
	result_free(&r);
}

static void
good_categories(void **state)
{
	struct result	 r;

	(void)state;
	import(IMPORT_CATEGORIES, f("code,name,description,response_hours,"
	    "resolve_days,active,sort\n"
	    "imp-a%s,路灯维修,\"路灯不亮、闪烁,\n或倒伏\",24,7,,3\n"
	    "imp_B%s,旧类别,,720,365,否,\n", sfx, sfx), &r);
	if (r.rc != 0)
		fail_msg("rc %d: %s", r.rc, r.err);
	assert_string_equal(r.out, "imported 2 categories\n");
	assert_string_equal(testdb_str(f("SELECT CONCAT_WS('/', name, "
	    "description, response_hours, resolve_days, active, sort) FROM "
	    "categories WHERE code = 'imp-a%s'", sfx)),
	    "路灯维修/路灯不亮、闪烁,\n或倒伏/24/7/1/3");
	assert_string_equal(testdb_str(f("SELECT CONCAT_WS('/', description, "
	    "response_hours, resolve_days, active, sort) FROM categories "
	    "WHERE code = 'imp_B%s'", sfx)), "/720/365/0/0");
	result_free(&r);
}

/* Given and generated passwords; the generated ones are printed. */
static void
good_users(void **state)
{
	struct result	 r;
	char		 want[64], pw[64];
	const char	*hash, *p;

	(void)state;
	import(IMPORT_USERS, f("username,display_name,role,region_code,"
	    "password\n"
	    "g.%s,陈伟,网格员,G%s,\n"
	    "c-%s,张敏,community_staff,C%s,一二三四五六七八九十百千\n"
	    "a_%s,管理员甲,admin,S%s,\n", sfx, sfx, sfx, sfx, sfx, sfx), &r);
	if (r.rc != 0)
		fail_msg("rc %d: %s", r.rc, r.err);
	/* "g.SFX\tPASSWORD\na_SFX\tPASSWORD\nimported 3 users\n" */
	snprintf(want, sizeof(want), "g.%s\t", sfx);
	assert_memory_equal(r.out, want, strlen(want));
	p = r.out + strlen(want);
	assert_int_equal(strcspn(p, "\n"), DB_PASSWORD_GEN);
	memcpy(pw, p, DB_PASSWORD_GEN);
	pw[DB_PASSWORD_GEN] = '\0';
	hash = testdb_str(f("SELECT password_hash FROM users WHERE "
	    "username = 'g.%s'", sfx));
	assert_non_null(hash);
	assert_int_equal(db_password_check(hash, pw), 1);
	p += DB_PASSWORD_GEN + 1;
	snprintf(want, sizeof(want), "a_%s\t", sfx);
	assert_memory_equal(p, want, strlen(want));
	assert_string_equal(p + strlen(want) + DB_PASSWORD_GEN,
	    "\nimported 3 users\n");
	hash = testdb_str(f("SELECT password_hash FROM users WHERE "
	    "username = 'c-%s'", sfx));
	assert_int_equal(db_password_check(hash, "一二三四五六七八九十百千"),
	    1);
	assert_string_equal(testdb_str(f("SELECT CONCAT_WS('/', u.role, "
	    "u.display_name, r.code) FROM users u JOIN regions r ON "
	    "r.id = u.region_id WHERE u.username = 'c-%s'", sfx)),
	    f("community_staff/张敏/C%s", sfx));
	result_free(&r);
}

struct counts {
	long long	 regions, categories, users;
};

static void
counts(struct counts *c)
{
	c->regions = count("regions");
	c->categories = count("categories");
	c->users = count("users");
}

static void
assert_nothing_imported(const struct counts *before)
{
	struct counts	 now;

	counts(&now);
	assert_int_equal(now.regions, before->regions);
	assert_int_equal(now.categories, before->categories);
	assert_int_equal(now.users, before->users);
}

/*
 * Every bad row of a regions file, with its line; the good rows are not
 * imported either.  Runs after good_regions (D, S, C exist).
 */
static void
bad_regions(void **state)
{
	struct counts	 before;
	struct result	 r;

	(void)state;
	counts(&before);
	import(IMPORT_REGIONS, f("code,name,level,parent_code\n"
	    "N%s,好的区,区,\n"				/* 2: good */
	    "X%s,坏层级,5,N%s\n"			/* 3 */
	    "Y%s,孤儿街道,街道,NOPE%s\n"		/* 4 */
	    "D%s,重复的区,区,\n"			/* 5: in the db */
	    "N%s,又一个,区,\n"				/* 6: in the file */
	    "Z%s,一二三四五六七八九十一二三四五六七八九十一二三四五六七八"
	    "九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
	    "一二三四五,街道,N%s\n"			/* 7: 65 characters */
	    "V%s,坏\xe5\xb9,社区,S%s\n"			/* 8: bad UTF-8 */
	    "W%s,\"控制\x01字符\",社区,S%s\n"		/* 9 */
	    "U%s,层级不对,网格,S%s\n"			/* 10 */
	    "T%s,\"没有结束,社区,S%s\n"			/* 11: open quote */
	    "K%s,看不到,区,\n", sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx,
	    sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx), &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err, f(
	    "F:3: level: 应为以下之一：1、2、3、4、区、街道、社区、网格、"
	    "district、street、community、grid\n"
	    "F:4: parent_code: 上级编码不存在\n"
	    "F:5: code: 编码已存在\n"
	    "F:6: code: 在文件中重复（与第 2 行相同）\n"
	    "F:7: name: 太长（最多 64 个字符）\n"
	    "F:8: name: 不是有效的 UTF-8 编码\n"
	    "F:9: name: 含有换行或其他控制字符\n"
	    "F:10: parent_code: 上级是街道，网格的上级应为社区\n"
	    "F:11: 引号没有闭合：从这一行开始的字段缺少结束的双引号\n"
	    "F: 9 处错误，未导入任何数据\n"));
	assert_nothing_imported(&before);
	assert_int_equal(testdb_int(f("SELECT COUNT(*) FROM regions WHERE "
	    "code = 'N%s'", sfx)), 0);
	result_free(&r);
}

/* Users: role against region level, passwords, duplicates. */
static void
bad_users(void **state)
{
	struct counts	 before;
	struct result	 r;

	(void)state;
	counts(&before);
	import(IMPORT_USERS, f("username,display_name,role,region_code,"
	    "password\n"
	    "ok.%s,好人,街道干部,S%s,\n"		/* 2: good */
	    "w.%s,坏角色,boss,S%s,\n"			/* 3 */
	    "x.%s,层级不对,grid_worker,C%s,\n"		/* 4 */
	    "y.%s,短密码,admin,D%s,short\n"		/* 5 */
	    "g.%s,已有的人,网格员,G%s,\n"		/* 6: in the db */
	    "ok.%s,重名,区级干部,D%s,\n"		/* 7: in the file */
	    "Bad Name,大写,admin,D%s,\n"		/* 8 */
	    "z.%s,无区域,admin,NOPE%s,\n",		/* 9 */
	    sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx, sfx,
	    sfx, sfx), &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err,
	    "F:3: role: 应为以下之一：grid_worker、community_staff、"
	    "street_official、district_official、admin、网格员、社区工作人员、"
	    "街道干部、区级干部、管理员、department_staff、unit_staff、"
	    "部门工作人员、共建单位联络员\n"
	    "F:4: region_code: 网格员的所属区域应为网格，此编码是社区\n"
	    "F:5: password: 密码至少需要 12 个字符\n"
	    "F:6: username: 用户名已存在\n"
	    "F:7: username: 在文件中重复（与第 2 行相同）\n"
	    "F:8: username: 含有不允许的字符（只允许 a-z0-9._-）\n"
	    "F:9: region_code: 区域编码不存在\n"
	    "F: 7 处错误，未导入任何数据\n");
	assert_nothing_imported(&before);
	result_free(&r);
}

/* A header without a required column: said once, nothing imported. */
static void
bad_header(void **state)
{
	struct counts	 before;
	struct result	 r;

	(void)state;
	counts(&before);
	import(IMPORT_CATEGORIES, f("code,name,response_hours,extra\n"
	    "imp-h%s,类别,24,x\n", sfx), &r);
	assert_int_equal(r.rc, 1);
	assert_string_equal(r.err, "F:1: 表头: 未知的列“extra”\n"
	    "F:1: 表头: 缺少必需的列 resolve_days（办结时限）\n"
	    "F: 2 处错误，未导入任何数据\n");
	assert_nothing_imported(&before);
	result_free(&r);
}

/* Run the command with stdin from a file; returns its exit status. */
static int
run_cli(const char *kind, const char *csv, const char *outfile)
{
	char	 path[128];
	FILE	*fp;
	int	 st;

	snprintf(path, sizeof(path), "%s/cli.csv", dir);
	assert_non_null(fp = fopen(path, "wb"));
	fputs(csv, fp);
	assert_int_equal(fclose(fp), 0);
	st = system(f("'%s' import %s - <'%s' >'%s' 2>&1", test_bin("lianxin"),
	    kind, path, outfile));
	unlink(path);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void
read_all(const char *path, char *buf, size_t sz)
{
	FILE	*fp;
	size_t	 n;

	assert_non_null(fp = fopen(path, "r"));
	n = fread(buf, 1, sz - 1, fp);
	buf[n] = '\0';
	fclose(fp);
}

/* The command: exit 0 and 1, stdin, messages; usage errors exit 2. */
static void
command(void **state)
{
	char	 out[128], buf[1024];

	(void)state;
	snprintf(out, sizeof(out), "%s/cli.out", dir);
	assert_int_equal(run_cli("categories", f("编码,名称,响应时限,"
	    "办结时限,启用\nimp-c%s,命令行,48,10,是\n", sfx), out), 0);
	read_all(out, buf, sizeof(buf));
	assert_string_equal(buf, "imported 1 categories\n");
	assert_int_equal(run_cli("categories", f("code,name,response_hours,"
	    "resolve_days\nimp-c%s,again,48,10\n", sfx), out), 1);
	read_all(out, buf, sizeof(buf));
	assert_string_equal(buf, "stdin:2: code: 编码已存在\n"
	    "stdin: 1 处错误，未导入任何数据\n");
	assert_int_equal(run_cli("widgets", "", out), 2);
	unlink(out);
}

/* ---- holidays (working days) ---------------------------------------- */

/* The text of a notice from the project's data (../shared/data), into
 * buf. */
static void
notice(int year, char *buf, size_t sz)
{
	const char	*d = getenv("LIANXIN_HOLIDAYS");
	const char	*path = f("%s/holidays-cn-%d.csv", d != NULL ? d :
	    "../shared/data", year);

	if (access(path, R_OK) != 0)
		fail_msg("%s: the notice is not there ($LIANXIN_HOLIDAYS)",
		    path);
	read_all(path, buf, sz);
}

/* Bad rows: each reported with its line; nothing of the file stored. */
static void
bad_holidays(void **state)
{
	static const char *const want[] = {
		"F:3: date: 日期应为 YYYY-MM-DD",
		"F:4: date: 调休上班的日子应是周六或周日",
		"F:5: date: 一个文件只含一年的安排",
		"F:6: date: 在文件中重复（与第 2 行相同）",
		"F:7: kind: ",
		"F: 5 处错误，未导入任何数据",
	};
	struct result	 r;
	size_t		 i;
	long long	 days = count("holidays"), years = count("holiday_years");

	(void)state;
	import(IMPORT_HOLIDAYS, "日期,类型,名称\r\n"
	    "2031-01-01,holiday,元旦\r\n"
	    "2031-02-30,holiday,春节\r\n"	/* no such date */
	    "2031-01-06,workday,调休上班\r\n"	/* a Monday */
	    "2032-01-01,holiday,元旦\r\n"	/* another year */
	    "2031-01-01,放假,元旦\r\n"		/* twice */
	    "2031-05-01,vacation,劳动节\r\n"	/* no such kind */
	    "2031-01-04,上班,元旦调休上班\r\n",	/* good: a Saturday */
	    &r);
	assert_int_equal(r.rc, 1);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (strstr(r.err, want[i]) == NULL)
			fail_msg("no \"%s\" in:\n%s", want[i], r.err);
	assert_null(strstr(r.err, "F:2:"));
	assert_null(strstr(r.err, "F:8:"));
	assert_int_equal(r.outlen, 0);
	result_free(&r);
	assert_int_equal(count("holidays"), days);
	assert_int_equal(count("holiday_years"), years);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM holiday_years "
	    "WHERE year = 2031"), 0);

	/* A file of no days would record a year it says nothing of. */
	import(IMPORT_HOLIDAYS, "date,kind,name\n", &r);
	assert_int_equal(r.rc, 1);
	assert_non_null(strstr(r.err, "F: 文件中没有数据行"));
	result_free(&r);
	assert_int_equal(count("holiday_years"), years);
}

/* The real notices go in, by the command too; a year again replaces
 * itself. */
static void
good_holidays(void **state)
{
	static char	 csv[8192];
	struct result	 r;
	char		 out[128], buf[256];

	(void)state;
	snprintf(out, sizeof(out), "%s/cli.out", dir);
	notice(2025, csv, sizeof(csv));
	assert_int_equal(run_cli("holidays", csv, out), 0);
	read_all(out, buf, sizeof(buf));
	assert_string_equal(buf, "imported 33 holidays\n");
	unlink(out);
	notice(2026, csv, sizeof(csv));
	import(IMPORT_HOLIDAYS, csv, &r);
	assert_int_equal(r.rc, 0);
	assert_string_equal(r.out, "imported 39 holidays\n");
	result_free(&r);
	notice(2025, csv, sizeof(csv));
	import(IMPORT_HOLIDAYS, csv, &r);
	assert_int_equal(r.rc, 0);
	result_free(&r);
	/* The 33 and 39 rows of the files, once each. */
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM holidays WHERE "
	    "YEAR(day) = 2025"), 33);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM holidays WHERE "
	    "YEAR(day) = 2026"), 39);
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM holiday_years "
	    "WHERE year IN (2025, 2026)"), 2);
	assert_string_equal(testdb_str("SELECT kind FROM holidays WHERE "
	    "day = '2025-10-11'"), "work");
	assert_string_equal(testdb_str("SELECT CONCAT(kind, name) FROM "
	    "holidays WHERE day = '2025-10-08'"), "off国庆节、中秋节");
	assert_int_equal(testdb_int("SELECT COUNT(*) FROM holidays WHERE "
	    "day = '2025-09-27'"), 0);
}

/* Categories name their unit (default calendar days); a bad one is
 * refused. */
static void
category_units(void **state)
{
	struct result	 r;

	(void)state;
	import(IMPORT_CATEGORIES, f("code,name,response_hours,"
	    "resolve_days,active,办结时限单位\n"
	    "wda%s,工作日类别,24,5,否,工作日\n"
	    "wdb%s,自然日类别,24,5,否,\n"
	    "wdc%s,天数类别,24,5,否,days\n", sfx, sfx, sfx), &r);
	if (r.rc != 0)
		fail_msg("rc %d: %s", r.rc, r.err);
	result_free(&r);
	assert_string_equal(testdb_str(f("SELECT GROUP_CONCAT(resolve_unit "
	    "ORDER BY code) FROM categories WHERE code IN ('wda%s', 'wdb%s', "
	    "'wdc%s')", sfx, sfx, sfx)), "workdays,days,days");
	import(IMPORT_CATEGORIES, f("code,name,response_hours,"
	    "resolve_days,resolve_unit\nwdd%s,坏单位,24,5,周\n", sfx), &r);
	assert_int_equal(r.rc, 1);
	assert_non_null(strstr(r.err, "F:2: resolve_unit: "));
	result_free(&r);
	assert_int_equal(testdb_int(f("SELECT COUNT(*) FROM categories WHERE "
	    "code = 'wdd%s'", sfx)), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_regions),
		cmocka_unit_test(bom_crlf_chinese_header),
		cmocka_unit_test(good_categories),
		cmocka_unit_test(good_users),
		cmocka_unit_test(bad_regions),
		cmocka_unit_test(bad_users),
		cmocka_unit_test(bad_header),
		cmocka_unit_test(command),
		cmocka_unit_test(bad_holidays),
		cmocka_unit_test(good_holidays),
		cmocka_unit_test(category_units),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
