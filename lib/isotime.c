/*
 * Times as ISO 8601 writes them (see isotime.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "isotime.h"

/* n decimal digits at s into *v; returns 0 or -1. */
static int
digits(const char *s, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

/* Does tm (as read) name a real day and time?  timegm normalises it. */
static int
real_date(const struct tm *tm)
{
	struct tm	 t = *tm, back;
	time_t		 u = timegm(&t);

	if (gmtime_r(&u, &back) == NULL)
		return -1;
	return back.tm_year == tm->tm_year && back.tm_mon == tm->tm_mon &&
	    back.tm_mday == tm->tm_mday && back.tm_hour == tm->tm_hour &&
	    back.tm_min == tm->tm_min && back.tm_sec == tm->tm_sec ? 0 : -1;
}

/* The time zone designator at s: its offset east of UTC in seconds. */
static int
tzd(const char *s, long *off)
{
	int	 h, m;

	if (strcmp(s, "Z") == 0) {
		*off = 0;
		return 0;
	}
	if ((s[0] != '+' && s[0] != ' ' && s[0] != '-') ||
	    digits(s + 1, 2, &h) == -1 || s[3] != ':' ||
	    digits(s + 4, 2, &m) == -1 || s[6] != '\0' || h > 14 || m > 59)
		return -1;
	*off = (h * 3600L + m * 60L) * (s[0] == '-' ? -1 : 1);
	return 0;
}

int
isotime_parse(const char *s, time_t *out)
{
	struct tm	 tm;
	const char	*p;
	long		 off;
	int		 y, mo, d, h, mi, sec = 0;

	memset(&tm, 0, sizeof(tm));
	if (digits(s, 4, &y) == -1 || s[4] != '-' ||
	    digits(s + 5, 2, &mo) == -1 || s[7] != '-' ||
	    digits(s + 8, 2, &d) == -1 || y < 1900)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	if (s[10] == '\0') {		/* a date: local midnight */
		if (mo < 1 || mo > 12 || real_date(&tm) == -1)
			return -1;
		tm.tm_isdst = -1;
		*out = mktime(&tm);
		return 0;
	}
	if (s[10] != 'T' || digits(s + 11, 2, &h) == -1 || s[13] != ':' ||
	    digits(s + 14, 2, &mi) == -1)
		return -1;
	p = s + 16;
	if (*p == ':') {
		if (digits(p + 1, 2, &sec) == -1)
			return -1;
		p += 3;
		if (*p == '.') {
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
			if (p[-1] == '.')
				return -1;
		}
	}
	if (tzd(p, &off) == -1 || mo < 1 || mo > 12 || h > 23 || mi > 59 ||
	    sec > 59)
		return -1;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	if (real_date(&tm) == -1)
		return -1;
	*out = timegm(&tm) - off;
	return 0;
}

char *
isotime_format(time_t t, char out[32])
{
	struct tm	 tm;
	long		 off;
	size_t		 n;

	if (localtime_r(&t, &tm) == NULL) {
		snprintf(out, 32, "1970-01-01T00:00:00Z");
		return out;
	}
	n = strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	off = tm.tm_gmtoff;
	snprintf(out + n, 32 - n, "%c%02ld:%02ld", off < 0 ? '-' : '+',
	    labs(off) / 3600, labs(off) % 3600 / 60);
	return out;
}
