/*
 * The CSV import reader (lib/csvin.c), no database: the header, every
 * kind of value, quoting, line numbers, limits, and the errors of a file
 * with many bad rows.  Each case's answer is worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "csvin.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct csvin_word levels[] = {
	{ "1", 1 }, { "2", 2 }, { "3", 3 }, { "4", 4 },
	{ "区", 1 }, { "街道", 2 }, { "社区", 3 }, { "网格", 4 },
	{ "district", 1 },
	{ NULL, 0 },
};

enum { C_CODE, C_NAME, C_LEVEL, C_PARENT, C_NOTE, C_SORT, C_PHONE, C__MAX };
static const struct csvin_col cols[C__MAX] = {
	[C_CODE] = { { "code", "编码" }, CSVIN_ASCII, CSVIN_REQUIRED, 1, 12,
	    "a-zA-Z0-9_-", NULL },
	[C_NAME] = { { "name", "名称" }, CSVIN_TEXT, CSVIN_REQUIRED, 2, 8,
	    NULL, NULL },
	[C_LEVEL] = { { "level", "层级" }, CSVIN_ENUM, CSVIN_REQUIRED, 0, 0,
	    NULL, levels },
	[C_PARENT] = { { "parent_code", "上级编码" }, CSVIN_ASCII,
	    CSVIN_COLUMN, 1, 12, "a-zA-Z0-9_-", NULL },
	[C_NOTE] = { { "note", "备注" }, CSVIN_LONGTEXT, CSVIN_OPTIONAL, 0, 20,
	    NULL, NULL },
	[C_SORT] = { { "sort", "排序" }, CSVIN_INT, CSVIN_OPTIONAL, -100, 100,
	    NULL, NULL },
	[C_PHONE] = { { "phone", "手机" }, CSVIN_PHONE, CSVIN_OPTIONAL, 0, 0,
	    NULL, NULL },
};

struct parsed {
	struct csvin_table	 t;
	struct csvin_errors	 e;
};

static void
parse(struct parsed *p, const char *s)
{
	memset(p, 0, sizeof(*p));
	assert_int_equal(csvin_parse(s, strlen(s), cols, C__MAX, &p->t,
	    &p->e), 0);
	csvin_errors_sort(&p->e);
}

static void
parsed_free(struct parsed *p)
{
	csvin_table_free(&p->t);
	csvin_errors_free(&p->e);
}

/* "LINE:FIELD:reason" of error i, for comparing. */
static const char *
err_str(const struct parsed *p, size_t i)
{
	static char	 buf[1024];

	snprintf(buf, sizeof(buf), "%zu:%s:%s", p->e.e[i].line,
	    p->e.e[i].field, p->e.e[i].reason);
	return buf;
}

static void
print_errors(const struct parsed *p)
{
	size_t	 i;

	for (i = 0; i < p->e.n; i++)
		print_message("  error %s\n", err_str(p, i));
}

/* BOM, CRLF, Chinese header in another order, quoting, blank lines. */
static void
good_file(void **state)
{
	struct parsed	 p;
	const char	*s =
	    "\xef\xbb\xbf" "名称,编码,LEVEL,上级编码,备注\r\n"
	    "滨江区,D1,区,,\r\n"
	    "\r\n"
	    "\"长河,街道\",S1,2,D1,\"两行\r\n备注\"\r\n"
	    "  幸福里社区  ,C1,社区,S1,\"说\"\"好\"\"\"\r\n"
	    "第一网格,G1,4,C1,\"\"";	/* no line end at the end */

	(void)state;
	parse(&p, s);
	if (p.e.n != 0)
		print_errors(&p);
	assert_int_equal(p.e.n, 0);
	assert_int_equal(p.t.nrows, 4);
	assert_true(p.t.has[C_NOTE]);
	assert_false(p.t.has[C_SORT]);
	assert_int_equal(p.t.rows[0].line, 2);
	assert_string_equal(p.t.rows[0].v[C_NAME].s, "滨江区");
	assert_int_equal(p.t.rows[0].v[C_LEVEL].i, 1);
	assert_false(p.t.rows[0].v[C_PARENT].present);
	assert_int_equal(p.t.rows[1].line, 4);
	assert_string_equal(p.t.rows[1].v[C_NAME].s, "长河,街道");
	assert_string_equal(p.t.rows[1].v[C_NOTE].s, "两行\r\n备注");
	assert_int_equal(p.t.rows[2].line, 6);
	assert_string_equal(p.t.rows[2].v[C_NAME].s, "幸福里社区");
	assert_string_equal(p.t.rows[2].v[C_NOTE].s, "说\"好\"");
	assert_int_equal(p.t.rows[3].line, 7);
	assert_int_equal(p.t.rows[3].v[C_LEVEL].i, 4);
	assert_string_equal(p.t.rows[3].v[C_SORT].s, "");
	assert_true(p.t.rows[3].v[C_SORT].ok);
	assert_true(p.t.rows[3].ok);
	parsed_free(&p);
}

struct ecase {
	const char	*csv;
	const char	*errors[8];	/* "LINE:FIELD:reason", in order */
	size_t		 nrows;		/* rows kept (good or bad) */
};

#define H "code,name,level,parent_code,note,sort,phone\n"
static const struct ecase ecases[] = {
	{ "", { "0::文件是空的：第一行应为表头" }, 0 },
	{ "\n\n", { "0::文件是空的：第一行应为表头" }, 0 },
	{ "code,name\n", { "1:表头:缺少必需的列 level（层级）",
	    "1:表头:缺少必需的列 parent_code（上级编码）" }, 0 },
	{ "code,name,level,parent_code,nmae\nA,bb,1,,\n",
	    { "1:表头:未知的列“nmae”" }, 0 },
	{ "code,name,level,parent_code,编码\n", { "1:表头:列“编码”重复" },
	    0 },
	{ "code,name,level,parent_code,\n", { "1:表头:第 5 列没有列名" },
	    0 },
	{ H "A,名称,1,,,,\n", { NULL }, 1 },
	{ H "A,名称,1,,\n", { "2::这一行有 5 列，表头有 7 列" }, 0 },
	{ H "A,名称,5,,,,\n", { "2:level:应为以下之一：1、2、3、4、区、"
	    "街道、社区、网格、district" }, 1 },
	{ H ",名称,1,,,,\n", { "2:code:此项必填" }, 1 },
	{ H "A B,名称,1,,,,\n",
	    { "2:code:含有不允许的字符（只允许 a-zA-Z0-9_-）" }, 1 },
	{ H "ABCDEFGHIJKLM,名称,1,,,,\n",
	    { "2:code:长度应为 1 到 12 个字符" }, 1 },
	{ H "A,名,1,,,,\n", { "2:name:太短（至少 2 个字符）" }, 1 },
	{ H "A,一二三四五六七八九,1,,,,\n",
	    { "2:name:太长（最多 8 个字符）" }, 1 },
	{ H "A,\xe5\xb9\xb8\xff,1,,,,\n", { "2:name:不是有效的 UTF-8 编码" },
	    1 },
	{ H "A,名\x01称,1,,,,\n", { "2:name:含有换行或其他控制字符" }, 1 },
	{ H "A,\"名\n称\",1,,,,\n", { "2:name:含有换行或其他控制字符" }, 1 },
	{ H "A,名称,1,,\"a\x7f\",,\n", { "2:note:含有控制字符" }, 1 },
	{ H "A,名称,1,,,101,\n", { "2:sort:应为 -100 到 100 之间的整数" },
	    1 },
	{ H "A,名称,1,,,+1,\n", { "2:sort:应为 -100 到 100 之间的整数" },
	    1 },
	{ H "A,名称,1,,,1x,\n", { "2:sort:应为 -100 到 100 之间的整数" },
	    1 },
	{ H "A,名称,1,,,,1381234567\n", { "2:phone:应为 11 位手机号码" },
	    1 },
	{ H "A,名称,1,,,,12812345678\n", { "2:phone:应为 11 位手机号码" },
	    1 },
	{ H "A,名称,1,,,-100,13812345678\n", { NULL }, 1 },
	/* a quote inside a field: that line, then on with the next */
	{ H "A,名\"称,1,,,,\nB,名称,1,,,,\n",
	    { "2::引号使用不正确（含引号的字段须整个用双引号括起，字段内的"
	    "引号写成两个）" }, 1 },
	{ H "A,\"名称\"x,1,,,,\nB,名称,1,,,,\nC,名称,9,,,,\n",
	    { "2::引号使用不正确（含引号的字段须整个用双引号括起，字段内的"
	    "引号写成两个）", "4:level:应为以下之一：1、2、3、4、区、街道、"
	    "社区、网格、district" }, 2 },
	/* a quoting error in the header ends the reading there */
	{ "code,\"name\"x,level,parent_code\nnot,a,header,row\n",
	    { "1::引号使用不正确（含引号的字段须整个用双引号括起，字段内的"
	    "引号写成两个）" }, 0 },
	/* an unterminated quote swallows the rest: its first line */
	{ H "A,名称,1,,,,\nB,名称,1,,\"no end,,\nC,名称,1,,,,\n",
	    { "3::引号没有闭合：从这一行开始的字段缺少结束的双引号" }, 1 },
	{ H "A,名称,1,,,,\rB,名称,1,,,,\n",
	    { "2::含有单独的回车符（CR）：换行请用 LF 或 CRLF" }, 0 },
	/* a quoted line break: the row's first line, the next row's own */
	{ H "A,名称,1,,\"x\n\ny\",0,\nB,名称,0,,,,\n",
	    { "5:level:应为以下之一：1、2、3、4、区、街道、社区、网格、"
	    "district" }, 2 },
	/* every bad value of a row, and of every row */
	{ H "A,名称,1,,,,\n,名,7,a b,,x,1\n\nD,名称,2,A,,,\n\"E\",名称,1,,,"
	    "\"200\",\n",
	    { "3:code:此项必填", "3:name:太短（至少 2 个字符）",
	    "3:level:应为以下之一：1、2、3、4、区、街道、社区、网格、"
	    "district", "3:parent_code:含有不允许的字符（只允许 "
	    "a-zA-Z0-9_-）", "3:sort:应为 -100 到 100 之间的整数",
	    "3:phone:应为 11 位手机号码",
	    "6:sort:应为 -100 到 100 之间的整数" }, 4 },
};

static void
error_cases(void **state)
{
	struct parsed	 p;
	size_t		 i, k, n;

	(void)state;
	for (i = 0; i < N(ecases); i++) {
		parse(&p, ecases[i].csv);
		for (n = 0; n < N(ecases[i].errors) && ecases[i].errors[n]; n++)
			;
		if (p.e.n != n || p.t.nrows != ecases[i].nrows) {
			print_errors(&p);
			fail_msg("case %zu: %zu errors (want %zu), %zu rows "
			    "(want %zu)", i, p.e.n, n, p.t.nrows,
			    ecases[i].nrows);
		}
		for (k = 0; k < n; k++)
			if (strcmp(err_str(&p, k), ecases[i].errors[k]) != 0)
				fail_msg("case %zu error %zu: %s\n want %s", i,
				    k, err_str(&p, k), ecases[i].errors[k]);
		parsed_free(&p);
	}
}

/* The bad row's values are kept, marked; good values stay usable. */
static void
bad_rows_kept(void **state)
{
	struct parsed	 p;

	(void)state;
	parse(&p, H "A,名称,1,,,,\nB,名,1,A,,,\n");
	assert_int_equal(p.t.nrows, 2);
	assert_true(p.t.rows[0].ok);
	assert_false(p.t.rows[1].ok);
	assert_true(p.t.rows[1].v[C_CODE].ok);
	assert_string_equal(p.t.rows[1].v[C_CODE].s, "B");
	assert_false(p.t.rows[1].v[C_NAME].ok);
	assert_true(p.t.rows[1].v[C_PARENT].ok);
	parsed_free(&p);
}

/* 100,000 data rows pass; one more refuses the file. */
static void
row_limit(void **state)
{
	struct parsed	 p;
	const char	*row = "A,名称,1,,,,\n";
	size_t		 rl = strlen(row), hl = strlen(H), i;
	char		*s;

	(void)state;
	s = malloc(hl + rl * (CSVIN_MAX_ROWS + 1) + 1);
	assert_non_null(s);
	memcpy(s, H, hl);
	for (i = 0; i <= CSVIN_MAX_ROWS; i++)
		memcpy(s + hl + i * rl, row, rl);
	s[hl + rl * CSVIN_MAX_ROWS] = '\0';
	parse(&p, s);
	assert_int_equal(p.e.n, 0);
	assert_int_equal(p.t.nrows, CSVIN_MAX_ROWS);
	parsed_free(&p);
	s[hl + rl * CSVIN_MAX_ROWS] = row[0];
	s[hl + rl * (CSVIN_MAX_ROWS + 1)] = '\0';
	parse(&p, s);
	assert_int_equal(p.e.n, 1);
	assert_string_equal(err_str(&p, 0),
	    "0::文件超过 100000 行数据，请分批导入");
	parsed_free(&p);
	free(s);
}

/* Bytes after a NUL inside a field are not lost: it is refused. */
static void
nul_in_field(void **state)
{
	struct parsed	 p;
	static const char s[] = H "A,名\0称,1,,,,\n";

	(void)state;
	memset(&p, 0, sizeof(p));
	assert_int_equal(csvin_parse(s, sizeof(s) - 1, cols, C__MAX, &p.t,
	    &p.e), 0);
	assert_int_equal(p.e.n, 1);
	assert_string_equal(err_str(&p, 0), "2:name:含有换行或其他控制字符");
	parsed_free(&p);
}

/* Files over 16 MB are refused; standard input is "-". */
static void
slurp_limit(void **state)
{
	struct csvin_errors e;
	char		 path[] = "/tmp/test_csvin.XXXXXX", *buf;
	size_t		 len;
	FILE		*fp;
	int		 fd;

	(void)state;
	memset(&e, 0, sizeof(e));
	assert_true((fd = mkstemp(path)) != -1);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fputs(H, fp) >= 0, 1);
	assert_int_equal(fflush(fp), 0);
	assert_int_equal(csvin_slurp(path, &buf, &len, &e), 0);
	assert_int_equal(len, strlen(H));
	assert_string_equal(buf, H);
	free(buf);
	assert_int_equal(ftruncate(fd, CSVIN_MAX_BYTES), 0);
	assert_int_equal(csvin_slurp(path, &buf, &len, &e), 0);
	assert_int_equal(len, CSVIN_MAX_BYTES);
	free(buf);
	assert_int_equal(ftruncate(fd, CSVIN_MAX_BYTES + 1), 0);
	assert_int_equal(csvin_slurp(path, &buf, &len, &e), -1);
	assert_null(buf);
	assert_int_equal(csvin_slurp("/nonexistent/x.csv", &buf, &len, &e),
	    -1);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.e[0].reason, "文件超过 16 MB，请分批导入");
	assert_int_equal(e.e[0].line, 0);
	assert_string_equal(e.e[1].reason,
	    "无法打开文件：No such file or directory");
	fclose(fp);
	unlink(path);
	csvin_errors_free(&e);
}

struct ucase {
	const char	*in;
	bool		 multiline;
	int		 rc;
	size_t		 nchars;
};

static const struct ucase utf8[] = {
	{ "", false, 0, 0 },
	{ "abc", false, 0, 3 },
	{ "幸福里社区", false, 0, 5 },
	{ "路灯\n请修", true, 0, 5 },
	{ "路灯\n请修", false, -2, 0 },
	{ "tab\tok", false, 0, 6 },
	{ "\x01", true, -2, 0 },
	{ "del\x7f", true, -2, 0 },
	{ "\xc2\x85", true, -2, 0 },		/* U+0085 NEL, a C1 control */
	{ "\xe2\x80\xa8", true, -2, 0 },	/* U+2028 */
	{ "\xc0\xaf", false, -1, 0 },		/* overlong '/' */
	{ "\xe0\x80\xaf", false, -1, 0 },	/* overlong '/' */
	{ "\xed\xa0\x80", false, -1, 0 },	/* surrogate U+D800 */
	{ "\xf4\x90\x80\x80", false, -1, 0 },	/* above U+10FFFF */
	{ "\xf0\x9f\x98\x80", false, 0, 1 },	/* U+1F600 */
	{ "\xe5\xb9", false, -1, 0 },		/* cut short */
	{ "\xff", false, -1, 0 },
	{ "\x80", false, -1, 0 },		/* lone continuation */
};

static void
utf8_cases(void **state)
{
	size_t	 i, n;
	int	 rc;

	(void)state;
	for (i = 0; i < N(utf8); i++) {
		n = 999;
		rc = csvin_utf8(utf8[i].in, strlen(utf8[i].in),
		    utf8[i].multiline, &n);
		if (rc != utf8[i].rc)
			fail_msg("utf8 case %zu: rc %d", i, rc);
		if (rc == 0 && n != utf8[i].nchars)
			fail_msg("utf8 case %zu: %zu characters", i, n);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_file),
		cmocka_unit_test(error_cases),
		cmocka_unit_test(bad_rows_kept),
		cmocka_unit_test(row_limit),
		cmocka_unit_test(nul_in_field),
		cmocka_unit_test(slurp_limit),
		cmocka_unit_test(utf8_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
