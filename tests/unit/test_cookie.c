/*
 * The Cookie header parser of the staff pages.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "auth.h"

static void
test_cookie_find(void **state)
{
	char	 v[16];

	(void)state;
	assert_int_equal(cookie_find("a=1; lx_session=abc; b=2", "lx_session",
	    v, sizeof(v)), 0);
	assert_string_equal(v, "abc");
	assert_int_equal(cookie_find("lx_session=x", "lx_session", v,
	    sizeof(v)), 0);
	assert_string_equal(v, "x");
	/* A longer name that starts the same is another cookie. */
	assert_int_equal(cookie_find("lx_session2=bad", "lx_session", v,
	    sizeof(v)), -1);
	assert_int_equal(cookie_find("xlx_session=bad", "lx_session", v,
	    sizeof(v)), -1);
	/* Empty value, missing header, no '=' at all. */
	assert_int_equal(cookie_find("lx_pre=; z=1", "lx_pre", v, sizeof(v)),
	    0);
	assert_string_equal(v, "");
	assert_int_equal(cookie_find(NULL, "lx_pre", v, sizeof(v)), -1);
	assert_int_equal(cookie_find("lx_pre", "lx_pre", v, sizeof(v)), -1);
	/* Too long for the buffer: refused, not cut. */
	assert_int_equal(cookie_find("k=0123456789abcdef", "k", v, sizeof(v)),
	    -1);
	assert_int_equal(cookie_find("k=0123456789abcde", "k", v, sizeof(v)),
	    0);
	assert_int_equal(strlen(v), 15);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cookie_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
