/*
 * Calendar days: day numbers and their "YYYY-MM-DD" spelling.  Pure: no
 * time zones, no clock; uses nothing of ours.
 *
 * A day number counts days since 1970-01-01 in the proleptic Gregorian
 * calendar.  The figures, the exports and the pages work in local days:
 * which day a moment belongs to is the caller's concern.
 */
#ifndef LIANXIN_DAY_H
#define LIANXIN_DAY_H

#define DAY_MIN		 3652		/* 1980-01-01 */
#define DAY_MAX		 47481		/* 2099-12-31 */
#define DAY_LEN		 10		/* YYYY-MM-DD */

/* The day number of y-m-d, or -1 when that is no date in
 * DAY_MIN..DAY_MAX. */
int	 day_from_ymd(int y, int m, int d);
/* The calendar date of a day number (any day, in range or not). */
void	 day_ymd(int day, int *y, int *m, int *d);
/* The day number of "YYYY-MM-DD" (exactly that form), or -1. */
int	 day_parse(const char *);
/* "YYYY-MM-DD" of a day number into out. */
void	 day_format(int day, char out[DAY_LEN + 1]);
/* The first day of day's month, and of the month after it. */
int	 day_month_first(int day);
int	 day_month_next(int day);

#endif
