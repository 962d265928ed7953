/*
 * Calendar days (see day.h), after H. Hinnant's days-from-civil and
 * civil-from-days algorithms.
 */
#include <stdio.h>

#include "day.h"

/* The day number of y-m-d, whatever the date. */
static int
from_civil(int y, int m, int d)
{
	int	 era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
day_ymd(int day, int *y, int *m, int *d)
{
	int	 z = day + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
day_from_ymd(int y, int m, int d)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30,
	    31, 30, 31 };
	int	 day;

	if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 ||
	    d > mdays[m - 1])
		return -1;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return -1;
	day = from_civil(y, m, d);
	return day < DAY_MIN || day > DAY_MAX ? -1 : day;
}

int
day_parse(const char *s)
{
	int	 v[3] = { 0 }, widths[3] = { 4, 2, 2 }, i, k;

	for (i = 0; i < 3; i++) {
		for (k = 0; k < widths[i]; k++, s++) {
			if (*s < '0' || *s > '9')
				return -1;
			v[i] = v[i] * 10 + (*s - '0');
		}
		if (*s++ != (i < 2 ? '-' : '\0'))
			return -1;
	}
	return day_from_ymd(v[0], v[1], v[2]);
}

void
day_format(int day, char out[DAY_LEN + 1])
{
	int	 y, m, d;

	day_ymd(day, &y, &m, &d);
	snprintf(out, DAY_LEN + 1, "%04u-%02u-%02u", (unsigned)y % 10000,
	    (unsigned)m % 100, (unsigned)d % 100);
}

int
day_month_first(int day)
{
	int	 y, m, d;

	day_ymd(day, &y, &m, &d);
	return day - (d - 1);
}

int
day_month_next(int day)
{
	int	 y, m, d;

	day_ymd(day, &y, &m, &d);
	return m == 12 ? from_civil(y + 1, 1, 1) : from_civil(y, m + 1, 1);
}
