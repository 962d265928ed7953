/*
 * The co-building figures' pure parts (cgi/cbfig.c): each
 * rate's numerator and denominator from the counters, written out by
 * hand; an empty denominator has no value (never 0); E is the end of the
 * period or today, the earlier.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cbfig.h"

static void
test_rates(void **state)
{
	/* Every counter a different number, so that a mix-up shows. */
	struct db_cb_figures f = { .pairs = 10, .active = 3,
	    .commit_due = 20, .commit_kept = 7, .needs = 30,
	    .needs_claimed = 12, .needs_done = 5, .wishes = 40,
	    .wishes_done = 9, .decisions = 50, .decisions_ontime = 11,
	    .cu = 60, .cu_sat = 13, .uc = 70, .uc_sat = 17 };
	static const long long want[CBR__MAX][2] = {
		[CBR_PARTICIPATION] = { 3, 10 },
		[CBR_COMMITMENT] = { 7, 20 },
		[CBR_NEED_CLAIM] = { 12, 30 },
		[CBR_NEED_DONE] = { 5, 12 },	/* of the claimed */
		[CBR_WISH] = { 9, 40 },
		[CBR_DECISION] = { 11, 50 },
		[CBR_EVAL_C2U] = { 13, 60 },
		[CBR_EVAL_U2C] = { 17, 70 },
	};
	long long	 num, den;
	int		 k;

	(void)state;
	for (k = 0; k < CBR__MAX; k++) {
		assert_int_equal(cbfig_rate((enum cb_rate)k, &f, &num, &den), 1);
		assert_int_equal(num, want[k][0]);
		assert_int_equal(den, want[k][1]);
		assert_non_null(cbfig_ids[k]);
		assert_non_null(cbfig_defs[k].definition);
	}
}

static void
test_empty_has_no_value(void **state)
{
	struct db_cb_figures f;
	long long	 num = -1, den = -1;
	int		 k;

	(void)state;
	memset(&f, 0, sizeof(f));
	f.needs = 4;	/* published, none claimed: completion is empty */
	assert_int_equal(cbfig_rate(CBR_NEED_CLAIM, &f, &num, &den), 1);
	assert_int_equal(cbfig_rate(CBR_NEED_DONE, &f, &num, &den), 0);
	assert_int_equal(den, 0);
	memset(&f, 0, sizeof(f));
	for (k = 0; k < CBR__MAX; k++)
		assert_int_equal(cbfig_rate((enum cb_rate)k, &f, &num, &den),
		    0);
}

static void
test_end(void **state)
{
	(void)state;
	assert_int_equal(cbfig_end(100, 200), 100);	/* a past period */
	assert_int_equal(cbfig_end(300, 200), 200);	/* runs on: today */
	assert_int_equal(cbfig_end(200, 200), 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_empty_has_no_value),
		cmocka_unit_test(test_end),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
