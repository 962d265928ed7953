/*
 * Working days (工作日) and time limits.  Pure: no SQL, no clock; the
 * caller fills a calendar from the holiday notices it imported and the
 * process's time zone (TZ) says which local day a moment belongs to.
 *
 * A day is a working day when it is Monday to Friday and not a day off
 * of the notice (法定节假日, weekend days inside a holiday block
 * included), or when the notice makes it one (调休上班, a Saturday or
 * Sunday worked).  A year the calendar has no notice for falls back to
 * Monday to Friday, and every answer that looked at such a year says so
 * (*missing), so that nobody takes it for the real calendar silently.
 *
 * The rule of a limit of n working days started at t (the way offices
 * count periods: 民法典 art. 201 and 203, 行政许可法 art. 82): the day of
 * t does not count, whatever its kind; the period runs to the end of the
 * nth working day after it, 23:59:59 local time.  A request accepted on
 * Tuesday 2025-09-30 with 3 working days is due on Saturday 2025-10-11
 * (10-01..10-08 are off, 10-09, 10-10 and the worked 10-11 count).
 * A limit of n calendar days (unit WD_DAYS) ends n * 24 hours after t,
 * as before.  Hours limits are wall-clock hours.
 */
#ifndef LIANXIN_WORKDAY_H
#define LIANXIN_WORKDAY_H

#include <time.h>

#include "day.h"

#define WD_YEAR_MIN	1980
#define WD_YEAR_MAX	2099
#define WD_NYEARS	(WD_YEAR_MAX - WD_YEAR_MIN + 1)
#define WD_NDAYS	(DAY_MAX - DAY_MIN + 1)

/* A day's mark in the notice. */
enum wd_kind {
	WD_ORDINARY = 0,	/* not in the notice: Monday-Friday rule */
	WD_OFF,			/* 法定节假日: a day off */
	WD_WORK			/* 调休上班: a weekend day worked */
};

/* A time limit's unit. */
enum wd_unit {
	WD_DAYS = 0,		/* calendar days (自然日) */
	WD_WORKDAYS		/* working days (工作日) */
};

struct wd_cal {
	unsigned char	 year[WD_NYEARS];	/* 1: the year's notice is in */
	unsigned char	 day[WD_NDAYS];		/* enum wd_kind by day */
};

/* An empty calendar: no year known (every answer flags its year). */
void	 wd_init(struct wd_cal *);
/* Mark year as imported; a day's kind.  -1 when out of range. */
int	 wd_set_year(struct wd_cal *, int year);
int	 wd_set_day(struct wd_cal *, int day, enum wd_kind);
/* Is year's notice in the calendar? */
int	 wd_has_year(const struct wd_cal *, int year);

/* Is day a working day?  Sets *missing (may be NULL) to day's year when
 * that year is not in the calendar (the Monday-Friday fallback); leaves
 * it alone otherwise. */
int	 wd_is_workday(const struct wd_cal *, int day, int *missing);
/* The nth (n >= 1) working day after day (day itself never counts);
 * *missing as above, for the first unknown year looked at. */
int	 wd_add(const struct wd_cal *, int day, int n, int *missing);

/* The local day of t, and the moment local h:m:s of day (TZ). */
int	 wd_local_day(time_t t);
time_t	 wd_local_time(int day, int h, int m, int s);

/*
 * The end of a limit of n units started at t (the rule above); *missing
 * (may be NULL) the first year without a notice the answer relied on,
 * untouched when none.  n < 1 is taken as 1.
 */
time_t	 wd_limit_end(const struct wd_cal *, enum wd_unit, time_t t, int n,
	    int *missing);

/* The years from..to (inclusive) not in the calendar, at most max of
 * them into out; returns how many there are. */
int	 wd_missing_years(const struct wd_cal *, int from, int to, int *out,
	    int max);

#endif
