/*
 * Ballot codes and turnout (domain/ballot.c): the codes' form and
 * spread, the printed groups, and the insufficient-turnout rule at and
 * around its boundary, against values written out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "ballot.h"

static void
codes_are_well_formed(void **state)
{
	char	 c[BALLOT_CODE_LEN + 1], prev[BALLOT_CODE_LEN + 1] = "";
	int	 seen[256] = { 0 }, i, k, kinds = 0;

	(void)state;
	for (i = 0; i < 2000; i++) {
		ballot_code_make(c);
		assert_int_equal(strlen(c), 10);
		assert_true(ballot_code_ok(c));
		assert_string_not_equal(c, prev);
		memcpy(prev, c, sizeof(c));
		for (k = 0; k < 10; k++)
			seen[(unsigned char)c[k]]++;
	}
	/* 20000 symbols: every one of the 31 drawn, none other. */
	for (k = 0; k < 256; k++)
		if (seen[k]) {
			assert_non_null(strchr(BALLOT_ALPHABET, k));
			kinds++;
		}
	assert_int_equal(kinds, 31);
}

static void
code_forms(void **state)
{
	static const struct {
		const char	*s;
		int		 ok;
	} t[] = {
		{ "K7PQM3XWZA", 1 }, { "2222222222", 1 }, { "ZZZZZZZZZZ", 1 },
		{ "K7PQM3XWZ", 0 }, { "K7PQM3XWZAB", 0 }, { "", 0 },
		{ "k7pqm3xwza", 0 },	/* normalised before (cgi/vote.c) */
		{ "K7PQM-3XWZ", 0 }, { "K7PQM3XWZO", 0 }, { "K7PQM3XWZ1", 0 },
		{ "K7PQM3XWZI", 0 }, { "K7PQM3XWZL", 0 }, { "K7PQM3XWZ0", 0 },
	};
	char	 g[BALLOT_GROUPED_LEN + 1];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(ballot_code_ok(t[i].s), t[i].ok);
	assert_false(ballot_code_ok(NULL));
	ballot_code_group("K7PQM3XWZA", g);
	assert_string_equal(g, "K7PQM-3XWZA");
}

static void
turnout_rule(void **state)
{
	static const struct {
		long long	 issued, spent;
		int		 bp, insufficient;
	} t[] = {
		{ 0, 0, 5000, 1 },	/* nothing issued */
		{ 0, 0, 0, 1 },
		{ 10, 5, 5000, 0 },	/* exactly the minimum */
		{ 10, 4, 5000, 1 },
		{ 3, 2, 6667, 1 },	/* 66.66...% < 66.67% */
		{ 3, 2, 6666, 0 },
		{ 4, 1, 5000, 1 },
		{ 4, 0, 0, 0 },		/* no minimum */
		{ 1000000, 999999, 10000, 1 },
		{ 1000000, 1000000, 10000, 0 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(ballot_insufficient(t[i].issued, t[i].spent,
		    t[i].bp), t[i].insufficient);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(codes_are_well_formed),
		cmocka_unit_test(code_forms),
		cmocka_unit_test(turnout_rule),
	};

	if (sodium_init() == -1)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
