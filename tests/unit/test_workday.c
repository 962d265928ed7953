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

/* Asia/Shanghai local y-m-d h:mi:s as a time_t, without the code under
 * test: UTC fields less eight hours. */
static time_t
bj(int y, int m, int d, int h, int mi, int s)
{
	struct tm	 tm = { 0 };

	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
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

/* National Day 2025: 10-01..10-08 off, Saturday 10-11 worked. */
static void
national_day_2025(void **state)
{
	time_t	 t = bj(2025, 9, 30, 10, 15, 0);
	int	 miss = 0;

	(void)state;
	assert_int_equal(wd_add(&cal, D(2025, 9, 30), 1, &miss),
	    D(2025, 10, 9));
	assert_int_equal(wd_add(&cal, D(2025, 9, 30), 2, &miss),
	    D(2025, 10, 10));
	/* The third is the worked Saturday, not Monday 10-13. */
	assert_int_equal(wd_add(&cal, D(2025, 9, 30), 3, &miss),
	    D(2025, 10, 11));
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS, t, 3, &miss),
	    bj(2025, 10, 11, 23, 59, 59));
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS, t, 5, &miss),
	    bj(2025, 10, 14, 23, 59, 59));
	/* Accepted on a holiday: the day does not count, nor the rest of
	 * the holiday. */
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS,
	    bj(2025, 10, 3, 9, 0, 0), 1, &miss), bj(2025, 10, 9, 23, 59, 59));
	/* Friday 09-26: Saturday off, the worked Sunday 09-28 counts. */
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS,
	    bj(2025, 9, 26, 17, 0, 0), 1, &miss), bj(2025, 9, 28, 23, 59, 59));
	/* Late at night local time is still that local day (UTC: 10-08). */
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS,
	    bj(2025, 10, 9, 0, 30, 0), 1, &miss), bj(2025, 10, 10, 23, 59, 59));
	assert_int_equal(miss, 0);
}

/* Spring Festival 2025: Sunday 01-26 worked, 01-28..02-04 off. */
static void
spring_festival_2025(void **state)
{
	int	 miss = 0;

	(void)state;
	assert_int_equal(wd_add(&cal, D(2025, 1, 24), 1, &miss),
	    D(2025, 1, 26));
	assert_int_equal(wd_add(&cal, D(2025, 1, 24), 2, &miss),
	    D(2025, 1, 27));
	assert_int_equal(wd_add(&cal, D(2025, 1, 24), 3, &miss),
	    D(2025, 2, 5));
	/* Friday 02-07: the worked Saturday 02-08. */
	assert_int_equal(wd_add(&cal, D(2025, 2, 7), 1, &miss),
	    D(2025, 2, 8));
	assert_int_equal(miss, 0);
}

/* New Year 2025/2026: 2026-01-01..03 off, Sunday 01-04 worked. */
static void
new_year_2026(void **state)
{
	int	 miss = 0;

	(void)state;
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS,
	    bj(2025, 12, 31, 16, 0, 0), 1, &miss), bj(2026, 1, 4, 23, 59, 59));
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS,
	    bj(2025, 12, 31, 16, 0, 0), 2, &miss), bj(2026, 1, 5, 23, 59, 59));
	assert_int_equal(wd_limit_end(&cal, WD_WORKDAYS,
	    bj(2025, 12, 29, 16, 0, 0), 3, &miss), bj(2026, 1, 4, 23, 59, 59));
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
	    bj(2026, 12, 31, 9, 0, 0), 1, &miss), bj(2027, 1, 1, 23, 59, 59));
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

/* Calendar days: n * 24 hours, as before; holidays do not matter. */
static void
calendar_days(void **state)
{
	time_t	 t = bj(2025, 9, 30, 10, 15, 0);
	int	 miss = 0;

	(void)state;
	assert_int_equal(wd_limit_end(&cal, WD_DAYS, t, 3, &miss),
	    bj(2025, 10, 3, 10, 15, 0));
	assert_int_equal(miss, 0);
	/* Out of range is refused. */
	assert_int_equal(wd_set_year(&cal, 1979), -1);
	assert_int_equal(wd_set_day(&cal, DAY_MAX + 1, WD_OFF), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(kinds),
		cmocka_unit_test(national_day_2025),
		cmocka_unit_test(spring_festival_2025),
		cmocka_unit_test(new_year_2026),
		cmocka_unit_test(year_missing),
		cmocka_unit_test(calendar_days),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
