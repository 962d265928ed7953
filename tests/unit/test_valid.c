/*
 * Validators and the form decoder, table-driven: valid and invalid
 * inputs, each case with the answer worked out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http.h"
#include "utf8.h"
#include "valid.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

struct ucase {
	const char	*in;
	int		 multiline;
	int		 ok;
	size_t		 nchars;
};

static const struct ucase utf8[] = {
	{ "", 0, 1, 0 },
	{ "abc", 0, 1, 3 },
	{ "幸福里社区", 0, 1, 5 },
	{ "路灯坏了\n请修", 1, 1, 7 },
	{ "路灯坏了\n请修", 0, 0, 0 },
	{ "tab\tok", 0, 1, 6 },
	{ "crlf\r\n", 1, 1, 6 },
	{ "\x01", 1, 0, 0 },
	{ "del\x7f", 1, 0, 0 },
	{ "\xc2\x85", 1, 0, 0 },		/* U+0085 NEL, a C1 control */
	{ "\xe2\x80\xa8", 1, 0, 0 },		/* U+2028 */
	{ "\xc0\xaf", 0, 0, 0 },		/* overlong '/' */
	{ "\xe0\x80\xaf", 0, 0, 0 },		/* overlong '/' */
	{ "\xed\xa0\x80", 0, 0, 0 },		/* surrogate U+D800 */
	{ "\xf4\x90\x80\x80", 0, 0, 0 },	/* above U+10FFFF */
	{ "\xf0\x9f\x98\x80", 0, 1, 1 },	/* U+1F600 emoji */
	{ "\xe5\xb9", 0, 0, 0 },		/* truncated */
	{ "\xff", 0, 0, 0 },
	{ "\x80", 0, 0, 0 },			/* lone continuation */
	/* Non-characters, which XML 1.0 (U+FFFE/U+FFFF) or text cannot hold. */
	{ "a\xef\xbf\xbe", 1, 0, 0 },		/* U+FFFE */
	{ "\xef\xbf\xbf", 1, 0, 0 },		/* U+FFFF */
	{ "\xef\xb7\x90", 1, 0, 0 },		/* U+FDD0 */
	{ "\xef\xb7\xaf", 1, 0, 0 },		/* U+FDEF */
	{ "\xf0\x9f\xbf\xbe", 1, 0, 0 },	/* U+1FFFE */
	{ "\xf4\x8f\xbf\xbf", 1, 0, 0 },	/* U+10FFFF */
	{ "\x1f", 1, 0, 0 },			/* C0 control */
	{ "\xef\xb7\x8f\xef\xb7\xb0", 0, 1, 2 },	/* U+FDCF, U+FDF0 */
	{ "\xef\xbf\xbd", 0, 1, 1 },		/* U+FFFD */
	{ "\xf4\x8f\xbf\xbd", 0, 1, 1 },	/* U+10FFFD */
};

struct xcase {
	const char	*in;
	const char	*out;
};

/* What the XML writers make of text (U+FFFD for what XML cannot hold). */
static const struct xcase xml[] = {
	{ "", "" },
	{ "路灯坏了\t\r\n<&>", "路灯坏了\t\r\n<&>" },
	{ "a\xef\xbf\xbe" "b", "a\xef\xbf\xbd" "b" },
	{ "\xef\xbf\xbf", "\xef\xbf\xbd" },
	{ "\x01\x1f", "\xef\xbf\xbd\xef\xbf\xbd" },
	{ "\xef\xb7\x90", "\xef\xbf\xbd" },
	{ "\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
	{ "x\xe5\xb9", "x\xef\xbf\xbd\xef\xbf\xbd" },
	{ "\xf0\x9f\x98\x80\x7f", "\xf0\x9f\x98\x80\x7f" },
};

static void
xml_cases(void **state)
{
	size_t	 i;
	char	*out;

	(void)state;
	for (i = 0; i < N(xml); i++) {
		if ((out = utf8_xml_clean(xml[i].in)) == NULL)
			fail_msg("out of memory");
		if (strcmp(out, xml[i].out) != 0)
			fail_msg("xml case %zu: \"%s\"", i, out);
		free(out);
	}
	assert_false(utf8_xml_char(0xfffe));
	assert_false(utf8_xml_char(0xd800));
	assert_false(utf8_xml_char(0));
	assert_true(utf8_xml_char('\n'));
	assert_true(utf8_xml_char(0x10fffd));
	assert_false(utf8_xml_char(0x110000));
}

static void
utf8_cases(void **state)
{
	size_t	 i, n;
	int	 rc;

	(void)state;
	for (i = 0; i < N(utf8); i++) {
		n = 999;
		rc = valid_utf8(utf8[i].in, utf8[i].multiline, &n);
		if ((rc == 0) != utf8[i].ok)
			fail_msg("utf8 case %zu: rc %d", i, rc);
		if (rc == 0)
			assert_int_equal(n, utf8[i].nchars);
	}
}

struct icase {
	const char	*in;
	long long	 min, max;
	int		 ok;
	long long	 v;
};

static const struct icase ints[] = {
	{ "0", 0, 10, 1, 0 },
	{ "10", 0, 10, 1, 10 },
	{ "11", 0, 10, 0, 0 },
	{ "-1", 0, 10, 0, 0 },
	{ "-1", -5, 10, 1, -1 },
	{ "", 0, 10, 0, 0 },
	{ " 1", 0, 10, 0, 0 },
	{ "+1", 0, 10, 0, 0 },
	{ "1 ", 0, 10, 0, 0 },
	{ "1x", 0, 10, 0, 0 },
	{ "0x10", 0, 100, 0, 0 },
	{ "99999999999999999999", 0, 10, 0, 0 },
	{ "9223372036854775807", 0, 9223372036854775807LL, 1,
	  9223372036854775807LL },
};

static void
int_cases(void **state)
{
	long long	 v;
	size_t		 i;
	int		 rc;

	(void)state;
	for (i = 0; i < N(ints); i++) {
		v = -42;
		rc = valid_int(ints[i].in, ints[i].min, ints[i].max, &v);
		if ((rc == 0) != ints[i].ok)
			fail_msg("int case %zu (\"%s\"): rc %d", i,
			    ints[i].in, rc);
		if (rc == 0)
			assert_int_equal(v, ints[i].v);
	}
}

static const struct {
	const char	*in;
	int		 ok;
} phones[] = {
	{ "13800138000", 1 }, { "19912345678", 1 }, { "15000000000", 1 },
	{ "12800138000", 0 }, { "10800138000", 0 }, { "23800138000", 0 },
	{ "1380013800", 0 }, { "138001380000", 0 }, { "1380013800a", 0 },
	{ "+8613800138000", 0 }, { "138 0013 800", 0 }, { "", 0 },
	{ "１３８００１３８０００", 0 },	/* full-width digits */
};

static void
phone_cases(void **state)
{
	size_t	 i;

	(void)state;
	for (i = 0; i < N(phones); i++)
		if ((valid_phone(phones[i].in) == 0) != phones[i].ok)
			fail_msg("phone case %zu \"%s\"", i, phones[i].in);
}

/* A staff search: what it is taken for ("T" tracking, "P" phone, "" none)
 * and the normalised value. */
static const struct {
	const char	*in;
	const char	*kind;
	const char	*out;
} searches[] = {
	{ "ABCD2345", "T", "ABCD2345" }, { "abcd 2345", "T", "ABCD2345" },
	{ " abcd2345 ", "T", "ABCD2345" }, { "13800138000", "P", "13800138000" },
	{ "138 0013-8000", "P", "13800138000" },
	{ "+86 138 0013 8000", "P", "13800138000" },
	{ "(138)00138000", "P", "13800138000" },
	{ "8613800138000", "P", "13800138000" },
	{ "12800138000", "", "" },		/* not a mobile number */
	{ "1380013800", "", "" }, { "3912345678", "", "" },
	{ "ABCD23450", "", "" }, { "ABCD234", "", "" },
	{ "ABCD1234", "", "" },			/* 1 is not a symbol */
	{ "13800138000x", "", "" }, { "", "", "" }, { "王五", "", "" },
	{ "0086 13800138000", "", "" },
};

static void
search_cases(void **state)
{
	char	 t[9], p[12];		/* DB_TRACKING_LEN + 1 */
	size_t	 i;
	int	 rc;

	(void)state;
	for (i = 0; i < N(searches); i++) {
		rc = valid_search(searches[i].in, t, p);
		if (searches[i].kind[0] == '\0') {
			if (rc != -1 || t[0] || p[0])
				fail_msg("search case %zu \"%s\"", i,
				    searches[i].in);
			continue;
		}
		if (rc != 0 || strcmp(searches[i].kind[0] == 'T' ? t : p,
		    searches[i].out) != 0 || (searches[i].kind[0] == 'T' ?
		    p : t)[0] != '\0')
			fail_msg("search case %zu \"%s\"", i, searches[i].in);
	}
}

/* A pasted list, line by line: each result and its line number. */
static void
phone_lines(void **state)
{
	static const char list[] = "13800138000\r\n\n  139 0000 1111 ,\n"
	    "abc\n12345678901\n\t\n+86 13700001111";
	static const struct {
		int		 rc;
		size_t		 line;
		const char	*phone;
	} want[] = {
		{ 0, 1, "13800138000" }, { 0, 3, "13900001111" }, { -1, 4, "" },
		{ -1, 5, "" }, { 0, 7, "13700001111" }, { 1, 7, "" },
	};
	char	 p[12];
	size_t	 pos = 0, line = 0, i;

	(void)state;
	for (i = 0; i < N(want); i++) {
		assert_int_equal(valid_phone_line(list, &pos, &line, p),
		    want[i].rc);
		if (want[i].rc != 1) {
			assert_int_equal(line, want[i].line);
			assert_string_equal(p, want[i].phone);
		}
	}
	pos = line = 0;
	assert_int_equal(valid_phone_line("", &pos, &line, p), 1);
	assert_int_equal(line, 0);
}

static const struct {
	const char	*in;
	int		 ok;
	long long	 v;
} decimals[] = {
	{ "30.25", 1, 30250000 }, { "-30.25", 1, -30250000 },
	{ "89", 1, 89000000 }, { "120", 0, 0 }, { "0.000001", 1, 1 },
	{ "0.0000001", 0, 0 }, { "91", 0, 0 }, { "-91", 0, 0 },
	{ "1.", 0, 0 }, { ".5", 0, 0 }, { "1e3", 0, 0 }, { "", 0, 0 },
	{ "--1", 0, 0 }, { "1,5", 0, 0 }, { "nan", 0, 0 },
};

static void
decimal_cases(void **state)
{
	long long	 v;
	size_t		 i;
	int		 rc;

	(void)state;
	for (i = 0; i < N(decimals); i++) {
		rc = valid_decimal(decimals[i].in, -90000000, 90000000, &v);
		if ((rc == 0) != decimals[i].ok)
			fail_msg("decimal case %zu \"%s\"", i,
			    decimals[i].in);
		if (rc == 0)
			assert_int_equal(v, decimals[i].v);
	}
}

/* A field table like the request form's, checked field by field. */
static const struct vfield fields[] = {
	{ "description", "问题描述", V_LONGTEXT, true, 10, 2000 },
	{ "phone", "手机号码", V_PHONE, true, 0, 0 },
	{ "category", "服务类别", V_INT, true, 1, 65535 },
	{ "lat", "纬度", V_DECIMAL, false, -90000000, 90000000 },
	{ "consent", "同意", V_CHECK, true, 0, 0 },
};

static void
field_cases(void **state)
{
	struct vvalue	 v;

	(void)state;
	assert_int_equal(valid_field(&fields[0], "楼道灯坏了好几天了，晚上很黑",
	    &v), 0);
	assert_null(v.error);
	assert_int_equal(valid_field(&fields[0], "太短了", &v), -1);
	assert_string_equal(v.error, "内容太短");
	assert_int_equal(valid_field(&fields[0], NULL, &v), -1);
	assert_string_equal(v.error, "此项必填");
	assert_int_equal(valid_field(&fields[0], "", &v), -1);
	assert_int_equal(valid_field(&fields[1], "13800138000", &v), 0);
	assert_int_equal(valid_field(&fields[1], "1380013800", &v), -1);
	assert_int_equal(valid_field(&fields[2], "12", &v), 0);
	assert_int_equal(v.i, 12);
	assert_int_equal(valid_field(&fields[2], "0", &v), -1);
	assert_int_equal(valid_field(&fields[3], NULL, &v), 0);
	assert_false(v.present);
	assert_int_equal(valid_field(&fields[3], "30.5", &v), 0);
	assert_int_equal(v.i, 30500000);
	assert_int_equal(valid_field(&fields[4], NULL, &v), -1);
	assert_string_equal(v.error, "请勾选此项");
	assert_int_equal(valid_field(&fields[4], "1", &v), 0);
}

/* Length bounds count characters, not bytes. */
static void
length_in_characters(void **state)
{
	struct vfield	 f = { "x", "x", V_TEXT, true, 2, 3 };
	struct vvalue	 v;

	(void)state;
	assert_int_equal(valid_field(&f, "社区", &v), 0);	/* 6 bytes */
	assert_int_equal(valid_field(&f, "幸福里", &v), 0);
	assert_int_equal(valid_field(&f, "幸福里社", &v), -1);
	assert_int_equal(valid_field(&f, "a", &v), -1);
}

/* A one-time code: digits only, as many as the bounds say. */
static void
digits(void **state)
{
	struct vfield	 f = { "code", "验证码", V_DIGITS, true, 8, 8 };
	struct vvalue	 v;

	(void)state;
	assert_int_equal(valid_field(&f, "01234567", &v), 0);
	assert_int_equal(valid_field(&f, "0123456", &v), -1);
	assert_int_equal(valid_field(&f, "012345678", &v), -1);
	assert_int_equal(valid_field(&f, "0123456a", &v), -1);
	assert_int_equal(valid_field(&f, "-1234567", &v), -1);
	assert_int_equal(valid_field(&f, " 1234567", &v), -1);
}

/* A pasted file: any bytes, its own reader checks them; only its size. */
static void
file_bytes(void **state)
{
	struct vfield	 f = { "csv", "名册", V_FILE, true, 1, 4 };
	struct vvalue	 v;

	(void)state;
	assert_int_equal(valid_field(&f, "a\x01\xff", &v), 0);
	assert_int_equal(valid_field(&f, "abcde", &v), -1);
	assert_int_equal(valid_field(&f, "", &v), -1);
	assert_string_equal(v.error, "此项必填");
}

/*
 * A field given several times (check boxes): every value is checked,
 * valid_next walks those that passed, in order.
 */
static void
many_values(void **state)
{
	static const struct vfield f = { "m", "参与人员", V_ID, true, 0, 0,
	    NULL, NULL, NULL, true };
	static const struct vform vf = { &f, 1, NULL, 0 };
	static struct req r;
	struct kv	 kv[] = { { (char *)"m", (char *)"3" },
	    { (char *)"x", (char *)"1" }, { (char *)"m", (char *)"0" },
	    { (char *)"m", (char *)"7" } };
	struct vvalue	 v;
	size_t		 pos = 0;

	(void)state;
	r.method = METHOD_POST;
	r.form = kv;
	r.nform = N(kv);
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 1);
	assert_int_equal(r.v[0].n, 2);
	assert_string_equal(r.v[0].s, "3");
	assert_string_equal(r.v[0].error, "请从列表中选择");
	assert_int_equal(valid_next(&r, &f, &pos, &v), 0);
	assert_int_equal(v.i, 3);
	assert_int_equal(valid_next(&r, &f, &pos, &v), 0);
	assert_int_equal(v.i, 7);
	assert_int_equal(valid_next(&r, &f, &pos, &v), -1);

	kv[2].val = (char *)"5";
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 0);
	assert_int_equal(r.v[0].n, 3);

	r.nform = 0;			/* none: required */
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 1);
	assert_int_equal(r.v[0].n, 0);
	assert_null(r.v[0].s);
	assert_string_equal(r.v[0].error, "此项必填");
	pos = 0;
	assert_int_equal(valid_next(&r, &f, &pos, &v), -1);
}

/* Dates and times outside the years 2000-2100 are refused, whatever the
 * field's own bounds. */
static void
date_years(void **state)
{
	static const struct {
		const char	*in;
		enum vkind	 kind;
		int		 ok;
	} cases[] = {
		{ "2000-01-01", V_DATE, 1 }, { "2026-02-28", V_DATE, 1 },
		{ "2099-12-31", V_DATE, 1 }, { "1999-12-31", V_DATE, 0 },
		{ "1980-01-01", V_DATE, 0 }, { "2101-01-01", V_DATE, 0 },
		{ "9999-12-31", V_DATE, 0 }, { "0001-01-01", V_DATE, 0 },
		{ "2026-11-21T08:00:00+08:00", V_DATETIME, 1 },
		{ "2000-01-01", V_DATETIME, 1 },
		{ "1999-12-31T23:59:59+08:00", V_DATETIME, 0 },
		{ "1970-01-01T00:00:00Z", V_DATETIME, 0 },
		{ "1980-01-01", V_DATETIME, 0 },
		{ "2101-01-01T00:00:00Z", V_DATETIME, 0 },
		{ "3000-01-01T00:00:00+08:00", V_DATETIME, 0 },
	};
	struct vfield	 f = { "d", "日期", V_DATE, true, 0, 0 };
	struct vvalue	 v;
	int		 day;
	size_t		 i;

	(void)state;
	for (i = 0; i < N(cases); i++) {
		f.kind = cases[i].kind;
		if ((valid_field(&f, cases[i].in, &v) == 0) != cases[i].ok)
			fail_msg("date case %zu \"%s\": %s", i, cases[i].in,
			    v.error != NULL ? v.error : "accepted");
		if (cases[i].kind == V_DATE &&
		    (valid_date(cases[i].in, &day) == 0) != cases[i].ok)
			fail_msg("valid_date case %zu \"%s\"", i,
			    cases[i].in);
	}
}

/* A POST's fields come from its body only: in its query string they are
 * missing; a GET's come from the query. */
static void
post_body_only(void **state)
{
	static const struct vfield f[] = {
		{ "username", "用户名", V_TEXT, true, 1, 64 },
		{ "password", "密码", V_TEXT, true, 1, 128 },
	};
	static const struct vform vf = { f, 2, NULL, 0 };
	static struct req r;
	struct kv	 q[] = { { (char *)"username", (char *)"admin" },
	    { (char *)"password", (char *)"secret" } };

	(void)state;
	r.nquery = N(q);
	r.query = q;
	r.method = METHOD_POST;		/* fields in its query only */
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 2);
	assert_false(r.v[0].present);
	assert_false(r.v[1].present);
	r.form = q;
	r.nform = N(q);
	r.nquery = 0;
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 0);
	r.method = METHOD_GET;
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 2);
	r.nquery = N(q);
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 0);
	assert_string_equal(r.v[1].s, "secret");
}

/* Forgiving input: the normal forms of phones, tracking numbers and
 * digits as residents type them. */
static const struct {
	int		 kind;		/* 'p' phone, 't' tracking, 'd' digits */
	const char	*in;
	const char	*out;
} norms[] = {
	{ 'p', "+86 138-0013-8000", "13800138000" },
	{ 'p', "0086 13800138000", "13800138000" },
	{ 'p', "8613800138000", "13800138000" },
	{ 'p', "１３８００１３８０００", "13800138000" },
	{ 'p', "＋８６　１３８ ００１３ ８０００", "13800138000" },
	{ 'p', "(138) 0013 8000", "13800138000" },
	{ 'p', "13800138000", "13800138000" },
	{ 'p', "+1 138 0013 8000", "+113800138000" },	/* stays bad */
	{ 't', "ab2c-3d4e", "AB2C3D4E" },
	{ 't', " ab2c 3d4e ", "AB2C3D4E" },
	{ 't', "ＡＢ２Ｃ３Ｄ４Ｅ", "AB2C3D4E" },
	{ 'd', "８０００", "8000" },
	{ 'd', "80 00", "8000" },
};

static void
normal_forms(void **state)
{
	char	 out[64];
	size_t	 i;
	int	 n;

	(void)state;
	for (i = 0; i < N(norms); i++) {
		n = norms[i].kind == 'p' ? valid_norm_phone(norms[i].in, out,
		    sizeof(out)) : norms[i].kind == 't' ?
		    valid_norm_tracking(norms[i].in, out, sizeof(out)) :
		    valid_norm_digits(norms[i].in, out, sizeof(out));
		if (n < 0 || strcmp(out, norms[i].out) != 0)
			fail_msg("norm case %zu \"%s\": \"%s\"", i,
			    norms[i].in, n < 0 ? "(error)" : out);
		assert_int_equal((size_t)n, strlen(norms[i].out));
	}
	/* Too small a buffer is refused, never overrun. */
	assert_int_equal(valid_norm_phone("13800138000", out, 5), -1);
}

/* The dispatcher's step normalises a phone in place; a value still bad
 * after it stays as typed (for the form to show it again). */
static void
normal_in_request(void **state)
{
	static const struct vfield f[] = {
		{ "phone", "手机号码", V_PHONE, true, 0, 0 },
		{ "tracking", "诉求编号", V_TRACKING, true, 0, 0 },
	};
	const struct vform vf = { f, N(f), NULL, 0 };
	char		 p[] = "+86 138-0013-8000", t[] = "ab2c-3d4e";
	char		 bad[] = "138-0013-800";
	struct kv	 q[] = { { "phone", p }, { "tracking", t } };
	struct req	 r;

	(void)state;
	memset(&r, 0, sizeof(r));
	r.method = METHOD_POST;
	r.form = q;
	r.nform = N(q);
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 0);
	assert_string_equal(r.v[0].s, "13800138000");
	assert_string_equal(r.v[1].s, "AB2C3D4E");
	q[0].val = bad;
	valid_request(&r, &vf);
	assert_int_equal(r.nbad, 1);
	assert_non_null(r.v[0].error);
	assert_string_equal(r.v[0].s, "138-0013-800");
}

struct fcase {
	const char	*in;
	int		 ok;
	size_t		 n;
	const char	*key0, *val0;
};

static const struct fcase forms[] = {
	{ "", 1, 0, NULL, NULL },
	{ "a=1", 1, 1, "a", "1" },
	{ "a=1&b=2", 1, 2, "a", "1" },
	{ "q=%E5%B9%B8%E7%A6%8F", 1, 1, "q", "幸福" },
	{ "q=a+b", 1, 1, "q", "a b" },
	{ "q=a%2Bb", 1, 1, "q", "a+b" },
	{ "flag", 1, 1, "flag", "" },
	{ "q=%", 0, 0, NULL, NULL },
	{ "q=%4", 0, 0, NULL, NULL },
	{ "q=%zz", 0, 0, NULL, NULL },
	{ "q=%00", 0, 0, NULL, NULL },
	{ "q=a%0", 0, 0, NULL, NULL },
};

static void
form_cases(void **state)
{
	struct kv	*kv;
	size_t		 i, n;
	int		 rc;

	(void)state;
	for (i = 0; i < N(forms); i++) {
		rc = http_parse_form(forms[i].in, strlen(forms[i].in), &kv, &n);
		if ((rc == 0) != forms[i].ok)
			fail_msg("form case %zu \"%s\": rc %d", i,
			    forms[i].in, rc);
		if (rc == 0) {
			assert_int_equal(n, forms[i].n);
			if (n > 0) {
				assert_string_equal(kv[0].key, forms[i].key0);
				assert_string_equal(kv[0].val, forms[i].val0);
			}
		}
		http_free_kv(kv, n);
	}
}

/* More than 200 fields is refused (hash-flooding and memory bound). */
static void
form_field_limit(void **state)
{
	char		 s[4096];
	struct kv	*kv;
	size_t		 n, len = 0;
	int		 i;

	(void)state;
	for (i = 0; i < 201; i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "%sk%d=v",
		    i ? "&" : "", i);
	assert_int_equal(http_parse_form(s, len, &kv, &n), -1);
	len = (size_t)(strrchr(s, '&') - s);
	assert_int_equal(http_parse_form(s, len, &kv, &n), 0);
	assert_int_equal(n, 200);
	http_free_kv(kv, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_cases),
		cmocka_unit_test(xml_cases),
		cmocka_unit_test(int_cases),
		cmocka_unit_test(phone_cases),
		cmocka_unit_test(search_cases),
		cmocka_unit_test(phone_lines),
		cmocka_unit_test(decimal_cases),
		cmocka_unit_test(field_cases),
		cmocka_unit_test(length_in_characters),
		cmocka_unit_test(digits),
		cmocka_unit_test(file_bytes),
		cmocka_unit_test(many_values),
		cmocka_unit_test(date_years),
		cmocka_unit_test(post_body_only),
		cmocka_unit_test(form_cases),
		cmocka_unit_test(normal_forms),
		cmocka_unit_test(normal_in_request),
		cmocka_unit_test(form_field_limit),
	};

	return cmocka_run_group_tests_name("valid", tests, NULL, NULL);
}
