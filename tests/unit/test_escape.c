/*
 * Escaping by context: text, attribute, URL argument, JSON string.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "html.h"

struct ecase {
	void		(*fn)(struct buf *, const char *);
	const char	*in;
	const char	*out;
};

static const struct ecase cases[] = {
	{ html_txt, "", "" },
	{ html_txt, "plain 文本", "plain 文本" },
	{ html_txt, "<script>alert(1)</script>",
	  "&lt;script&gt;alert(1)&lt;/script&gt;" },
	{ html_txt, "a & b \"c\" 'd'", "a &amp; b &quot;c&quot; &#39;d&#39;" },
	{ html_txt, "&amp;", "&amp;amp;" },
	{ html_attr, "x\" onmouseover=\"y", "x&quot; onmouseover&#61;&quot;y" },
	{ html_attr, "`x`", "&#96;x&#96;" },
	{ html_attr, "幸福里社区", "幸福里社区" },
	{ html_url_arg, "a b&c=d/e", "a%20b%26c%3Dd%2Fe" },
	{ html_url_arg, "幸", "%E5%B9%B8" },
	{ html_url_arg, "AZaz09-_.~", "AZaz09-_.~" },
	{ json_str, "", "\"\"" },
	{ json_str, "a\"b\\c", "\"a\\\"b\\\\c\"" },
	{ json_str, "</script>", "\"\\u003c/script\\u003e\"" },
	{ json_str, "line\nnext\ttab\x01", "\"line\\nnext\\ttab\\u0001\"" },
	{ json_str, "中文", "\"中文\"" },
};

static void
table_cases(void **state)
{
	struct buf	 b = { 0 };
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		cases[i].fn(&b, cases[i].in);
		assert_false(b.oom);
		if (strcmp(b.len ? b.p : "", cases[i].out) != 0)
			fail_msg("case %zu: \"%s\" gave \"%s\", want \"%s\"",
			    i, cases[i].in, b.len ? b.p : "", cases[i].out);
	}
	buf_free(&b);
}

/* No escaped output ever contains a raw < > " ' & of the input. */
static void
no_raw_specials(void **state)
{
	struct buf	 b = { 0 };
	char		 in[2] = { 0, 0 };
	int		 c;

	(void)state;
	for (c = 1; c < 256; c++) {
		in[0] = (char)c;
		buf_reset(&b);
		html_attr(&b, in);
		if (strchr("<>\"'`=", c) != NULL)
			assert_true(b.len > 1 && b.p[0] == '&');
		buf_reset(&b);
		html_url_arg(&b, in);
		assert_null(strpbrk(b.p, "<>\"'&= /?#"));
	}
	buf_free(&b);
}

static void
buf_grows(void **state)
{
	struct buf	 b = { 0 };
	int		 i;

	(void)state;
	for (i = 0; i < 10000; i++)
		buf_printf(&b, "%05d", i);
	assert_int_equal(b.len, 50000);
	assert_memory_equal(b.p + 49995, "09999", 5);
	assert_int_equal(b.p[b.len], '\0');
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_cases),
		cmocka_unit_test(no_raw_specials),
		cmocka_unit_test(buf_grows),
	};

	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
