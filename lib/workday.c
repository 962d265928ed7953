/*
 * Working days and time limits (see workday.h).
 */
#include <string.h>

#include "workday.h"

void
wd_init(struct wd_cal *c)
{
	memset(c, 0, sizeof(*c));
}

int
wd_set_year(struct wd_cal *c, int year)
{
	if (year < WD_YEAR_MIN || year > WD_YEAR_MAX)
		return -1;
	c->year[year - WD_YEAR_MIN] = 1;
	return 0;
}

int
wd_set_day(struct wd_cal *c, int day, enum wd_kind k)
{
	if (day < DAY_MIN || day > DAY_MAX || (unsigned)k > WD_WORK)
		return -1;
	c->day[day - DAY_MIN] = (unsigned char)k;
	return 0;
}

int
wd_has_year(const struct wd_cal *c, int year)
{
	return year >= WD_YEAR_MIN && year <= WD_YEAR_MAX &&
	    c->year[year - WD_YEAR_MIN];
}

int
wd_is_workday(const struct wd_cal *c, int day, int *missing)
{
	int	 y, m, d, dow;

	day_ymd(day, &y, &m, &d);
	/* 1970-01-01 was a Thursday: 0 = Monday. */
	dow = ((day % 7) + 7 + 3) % 7;
	if (!wd_has_year(c, y)) {
		if (missing != NULL && *missing == 0)
			*missing = y;
		return dow < 5;
	}
	if (day >= DAY_MIN && day <= DAY_MAX) {
		if (c->day[day - DAY_MIN] == WD_OFF)
			return 0;
		if (c->day[day - DAY_MIN] == WD_WORK)
			return 1;
	}
	return dow < 5;
}

int
wd_add(const struct wd_cal *c, int day, int n, int *missing)
{
	if (n < 1)
		n = 1;
	while (n > 0) {
		day++;
		if (wd_is_workday(c, day, missing))
			n--;
	}
	return day;
}

int
wd_local_day(time_t t)
{
	struct tm	 tm;

	localtime_r(&t, &tm);
	return day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

time_t
wd_local_time(int day, int h, int m, int s)
{
	struct tm	 tm;
	int		 y, mo, d;

	day_ymd(day, &y, &mo, &d);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_sec = s;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t
wd_limit_end(const struct wd_cal *c, enum wd_unit u, time_t t, int n,
    int *missing)
{
	int	 day;

	if (n < 1)
		n = 1;
	if (u != WD_WORKDAYS)
		return t + (time_t)n * 86400;
	if ((day = wd_local_day(t)) < 0)
		return t + (time_t)n * 86400;
	day = wd_add(c, day, n, missing);
	return wd_local_time(day, 23, 59, 59);
}

int
wd_missing_years(const struct wd_cal *c, int from, int to, int *out,
    int max)
{
	int	 y, k = 0;

	for (y = from; y <= to; y++)
		if (!wd_has_year(c, y)) {
			if (k < max)
				out[k] = y;
			k++;
		}
	return k;
}
