/*
 * Working days: the calendar and the rule of a limit (lib/workday.h),
 * against dates worked out by hand from the State Council's notices for
 * 2025 and 2026 (../shared/data/holidays-cn-*.csv), the notices' days
 * typed in below.
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "workday.h"

static struct wd_cal	 cal;

static int
D(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

/* Asia/Shanghai local "YYYY-MM-DD HH:MM:SS" as a time_t, without the
 * code under test: the UTC reading less eight hours. */
static time_t
bj(const char *s)
{
	struct tm	 tm = { 0 };

	assert_non_null(strptime(s, "%Y-%m-%d %H:%M:%S", &tm));
	return timegm(&tm) - 8 * 3600;
}

static void
mark(int y, int m, int d0, int d1, enum wd_kind k)
{
	int	 d;

	for (d = d0; d <= d1; d++)
		assert_int_equal(wd_set_day(&cal, D(y, m, d), k), 0);
}

/* The notices' days the tests use: 2025 and 2026. */
static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	wd_init(&cal);
	assert_int_equal(wd_set_year(&cal, 2025), 0);
	assert_int_equal(wd_set_year(&cal, 2026), 0);
	mark(2025, 1, 1, 1, WD_OFF);
	mark(2025, 1, 26, 26, WD_WORK);
	mark(2025, 1, 28, 31, WD_OFF);
	mark(2025, 2, 1, 4, WD_OFF);
	mark(2025, 2, 8, 8, WD_WORK);
	mark(2025, 9, 28, 28, WD_WORK);
	mark(2025, 10, 1, 8, WD_OFF);
	mark(2025, 10, 11, 11, WD_WORK);
	mark(2026, 1, 1, 3, WD_OFF);
	mark(2026, 1, 4, 4, WD_WORK);
	return 0;
}

static void
kinds(void **state)
{
	int	 miss = 0;

	(void)state;
	assert_true(wd_is_workday(&cal, D(2025, 9, 30), &miss));  /* Tue */
	assert_false(wd_is_workday(&cal, D(2025, 10, 1), &miss)); /* off */
	assert_false(wd_is_workday(&cal, D(2025, 10, 8), &miss)); /* Wed off */
	assert_true(wd_is_workday(&cal, D(2025, 9, 28), &miss));  /* Sun worked */
	assert_true(wd_is_workday(&cal, D(2025, 10, 11), &miss)); /* Sat worked */
	assert_false(wd_is_workday(&cal, D(2025, 10, 12), &miss)); /* Sun */
	assert_false(wd_is_workday(&cal, D(2025, 9, 27), &miss)); /* Sat */
	assert_int_equal(miss, 0);
}

/* The nth working day after a day, by hand from the notices. */
static const struct {
	const char	*from;
	int		 n;
	const char	*want;
} adds[] = {
	/* National Day 2025: 10-01..10-08 off, Saturday 10-11 worked; the
	 * third is the worked Saturday, not Monday 10-13. */
	{ "2025-09-30", 1, "2025-10-09" },
	{ "2025-09-30", 2, "2025-10-10" },
	{ "2025-09-30", 3, "2025-10-11" },
	/* Spring Festival 2025: Sunday 01-26 worked, 01-28..02-04 off,
	 * Saturday 02-08 worked. */
	{ "2025-01-24", 1, "2025-01-26" },
	{ "2025-01-24", 2, "2025-01-27" },
	{ "2025-01-24", 3, "2025-02-05" },
	{ "2025-02-07", 1, "2025-02-08" },
	/* New Year 2026: 01-01..01-03 off, Sunday 01-04 worked. */
	{ "2025-12-31", 1, "2026-01-04" },
	{ "2025-12-31", 2, "2026-01-05" },
};

static void
add_days(void **state)
{
	char	 got[DAY_LEN + 1];
	size_t	 i;
	int	 miss = 0;

	(void)state;
	for (i = 0; i < sizeof(adds) / sizeof(adds[0]); i++) {
		day_format(wd_add(&cal, day_parse(adds[i].from), adds[i].n,
		    &miss), got);
		if (strcmp(got, adds[i].want) != 0)
			fail_msg("%s + %d: %s, not %s", adds[i].from,
			    adds[i].n, got, adds[i].want);
	}
	assert_int_equal(miss, 0);
}

/* The end of a limit (UTC+8 times), by hand from the notices. */
static const struct {
	const char	*start;
	enum wd_unit	 unit;
	int		 n;
	const char	*want;
} ends[] = {
	/* Tuesday 2025-09-30 over National Day: the worked Saturday. */
	{ "2025-09-30 10:15:00", WD_WORKDAYS, 3, "2025-10-11 23:59:59" },
	{ "2025-09-30 10:15:00", WD_WORKDAYS, 5, "2025-10-14 23:59:59" },
	/* Accepted on a holiday: the day does not count, nor the rest of
	 * the holiday. */
	{ "2025-10-03 09:00:00", WD_WORKDAYS, 1, "2025-10-09 23:59:59" },
	/* Friday 09-26: Saturday off, the worked Sunday 09-28 counts. */
	{ "2025-09-26 17:00:00", WD_WORKDAYS, 1, "2025-09-28 23:59:59" },
	/* Just after local midnight is that local day (UTC: the day
	 * before). */
	{ "2025-10-09 00:30:00", WD_WORKDAYS, 1, "2025-10-10 23:59:59" },
	/* New Year 2025/2026. */
	{ "2025-12-31 16:00:00", WD_WORKDAYS, 1, "2026-01-04 23:59:59" },
	{ "2025-12-31 16:00:00", WD_WORKDAYS, 2, "2026-01-05 23:59:59" },
	{ "2025-12-29 16:00:00", WD_WORKDAYS, 3, "2026-01-04 23:59:59" },
	/* Calendar days: n * 24 hours, holidays or not. */
	{ "2025-09-30 10:15:00", WD_DAYS, 3, "2025-10-03 10:15:00" },
};

static void
limit_ends(void **state)
{
	size_t	 i;
	int	 miss = 0;

	(void)state;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (wd_limit_end(&cal, ends[i].unit, bj(ends[i].start),
		    ends[i].n, &miss) != bj(ends[i].want))
			fail_msg("%s + %d: not %s", ends[i].start, ends[i].n,
			    ends[i].want);
	assert_int_equal(miss, 0);
}

/* A year without its notice: Monday-Friday, and said so. */
static void
year_missing(void **state)
{
	int	 miss = 0, years[4];

	(void)state;
	/* 2026-12-30 Wed + 1: 12-31, all within 2026. */
	assert_int_equal(wd_add(&cal, D(2026, 12, 30), 1, &miss),
	    D(2026, 12, 31));
	assert_int_equal(miss, 0);
	/* 2026-12-31 Thu + 1: Friday 2027-01-01 by the fallback, flagged
	 * (the real notice will likely make it a day off). */
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS,
	    bj("2026-12-31 09:00:00"), 1, &miss), bj("2027-01-01 23:59:59"));
	assert_int_equal(miss, 2027);
	/* Only 2026 known: 2025's National Day is not guessed. */
	wd_init(&cal);
	wd_set_year(&cal, 2026);
	miss = 0;
	assert_int_equal(wd_add(&cal, D(2025, 9, 30), 3, &miss),
	    D(2025, 10, 3));
	assert_int_equal(miss, 2025);
	assert_int_equal(wd_missing_years(&cal, 2025, 2027, years, 4), 2);
	assert_int_equal(years[0], 2025);
	assert_int_equal(years[1], 2027);
	assert_int_equal(wd_missing_years(&cal, 2026, 2026, years, 4), 0);
	setup(NULL);
}

/* Out of range is refused. */
static void
bounds(void **state)
{
	(void)state;
	assert_int_equal(wd_set_year(&cal, 1979), -1);
	assert_int_equal(wd_set_day(&cal, DAY_MAX + 1, WD_OFF), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds),
		cmocka_unit_test(add_days),
		cmocka_unit_test(limit_ends),
		cmocka_unit_test(year_missing),
		cmocka_unit_test(bounds),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
