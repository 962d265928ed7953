/*
 * Unit tests of domain/assess.c: the points of a value between a floor
 * and a target, the flags, the tie rule.  Expected points worked out by
 * hand in the comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "assess.h"

static void
points_table(void **state)
{
	static const struct {
		long long w, num, den;
		int lo, hi;
		long long want;
	} t[] = {
		{ 3000, 5, 6, 5000, 9000, 2500 },	/* 30×(.8333−.5)/.4 = 25 */
		{ 4000, 9, 10, 5000, 9000, 4000 },	/* at the target: all */
		{ 4000, 1, 2, 5000, 9000, 0 },		/* at the floor: none */
		{ 4000, 1, 4, 5000, 9000, 0 },		/* below: clamped */
		{ 4000, 1, 1, 5000, 9000, 4000 },	/* above: clamped */
		{ 2000, 7, 10, 6000, 9500, 571 },	/* 20×.1/.35 = 5.714 */
		{ 1500, 22, 28, 5000, 9000, 1071 },	/* 15×.2857/.4 = 10.71 */
		{ 1000, 3, 4, 5000, 9000, 625 },	/* 10×.25/.4 = 6.25 */
		{ 100, 1, 8, 0, 10000, 13 },		/* 1×.125 = .125 → .13 */
		{ 4000, 0, 0, 5000, 9000, 0 },		/* empty */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(assess_points(t[i].w, t[i].num, t[i].den,
		    t[i].lo, t[i].hi), t[i].want);
	assert_int_equal(assess_millionths(5, 6), 833333);
	assert_int_equal(assess_millionths(2, 3), 666667);
}

static void
flags(void **state)
{
	(void)state;
	assert_int_equal(assess_figure_flag(0, 10), RFLAG_EMPTY);
	assert_int_equal(assess_figure_flag(9, 10), RFLAG_FEW);
	assert_int_equal(assess_figure_flag(10, 10), RFLAG_OK);
	/* turnout 3/10 under 50%: insufficient whatever the votes */
	assert_int_equal(assess_ballot_flag(3, 10, 3, 5000, 0),
	    RFLAG_INSUFFICIENT);
	assert_int_equal(assess_ballot_flag(5, 10, 5, 5000, 0), RFLAG_OK);
	assert_int_equal(assess_ballot_flag(5, 10, 5, 5000, 6), RFLAG_FEW);
	assert_int_equal(assess_ballot_flag(0, 0, 0, 5000, 0), RFLAG_EMPTY);
}

static void
tie_rule(void **state)
{
	/* totals equal but d; by the first indicator, then the code */
	long long pa[] = { 3000, 2000 }, pb[] = { 2000, 3000 },
	    pc[] = { 2500, 2500 }, pd[] = { 3000, 2100 }, pe[] = { 3000, 2000 };
	struct assess_rank_row r[] = {
		{ 5000, pa, 2, "330108003002", 0 },
		{ 5000, pb, 2, "330108003001", 0 },
		{ 5000, pc, 2, "330108003003", 0 },
		{ 5100, pd, 2, "330108003009", 0 },
		{ 5000, pe, 2, "330108003000", 0 },
	};

	(void)state;
	assert_int_equal(assess_rank(r, 5), 0);
	assert_int_equal(r[3].rank, 1);		/* the most points */
	assert_int_equal(r[4].rank, 2);		/* 30 first, smaller code */
	assert_int_equal(r[0].rank, 3);
	assert_int_equal(r[2].rank, 4);		/* 25 */
	assert_int_equal(r[1].rank, 5);		/* 20 */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(points_table),
		cmocka_unit_test(flags),
		cmocka_unit_test(tie_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
