/*
 * The holiday calendar as the daemon watches it (see workdays.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "db.h"
#include "html.h"
#include "log.h"
#include "memo.h"
#include "workday.h"
#include "workdays.h"

static struct memo missing_memo = MEMO_INIT(4);

/* The local years of now and now + WORKDAYS_HORIZON days. */
static void
range(time_t now, int *from, int *to)
{
	int	 m, d;

	day_ymd(wd_local_day(now), from, &m, &d);
	day_ymd(wd_local_day(now) + WORKDAYS_HORIZON, to, &m, &d);
}

/* The missing years from the database: how many, or -1. */
static int
read_missing(struct db *db, time_t now, int *out, int max)
{
	struct wd_cal	*cal;
	int		 from, to, n = -1;

	if ((cal = malloc(sizeof(*cal))) == NULL)
		return -1;
	if (db_calendar_load(db, cal) == DB_OK) {
		range(now, &from, &to);
		n = wd_missing_years(cal, from, to, out, max);
		if (n > max)
			n = max;
	}
	free(cal);
	return n;
}

void
workdays_startup(const struct config *cfg)
{
	struct db	*db;
	int		 y[WORKDAYS_MAX_MISSING], n, i;

	if ((db = db_open(cfg)) == NULL) {
		log_warn("holiday calendar: the database does not answer; "
		    "not checked");
		return;
	}
	if ((n = read_missing(db, time(NULL), y, WORKDAYS_MAX_MISSING)) < 0)
		log_warn("holiday calendar: cannot be read; not checked");
	for (i = 0; i < n; i++)
		log_warn("holiday calendar missing for %d: time limits in "
		    "working days count Monday to Friday there until its "
		    "notice is imported (lianxin import holidays FILE)", y[i]);
	db_close(db);
}

int
workdays_missing(struct db *db, time_t now, int *out, int max)
{
	static const char key[] = "missing";
	int		 y[WORKDAYS_MAX_MISSING];
	long		 len;
	int		 n;

	len = memo_get(&missing_memo, key, sizeof(key),
	    now - WORKDAYS_MEMO_SECONDS, y, sizeof(y), NULL);
	if (len >= 0 && (size_t)len <= sizeof(y))
		n = (int)((size_t)len / sizeof(int));
	else {
		if ((n = read_missing(db, now, y, WORKDAYS_MAX_MISSING)) < 0)
			return -1;
		memo_put(&missing_memo, key, sizeof(key), y,
		    (size_t)n * sizeof(int), now);
	}
	if (n > max)
		n = max;
	memcpy(out, y, (size_t)n * sizeof(int));
	return n;
}

void
workdays_notice(struct buf *b, struct db *db, time_t now)
{
	int	 y[WORKDAYS_MAX_MISSING], n, i;
	char	 msg[512];
	size_t	 k;

	if ((n = workdays_missing(db, now, y, WORKDAYS_MAX_MISSING)) <= 0)
		return;
	k = (size_t)snprintf(msg, sizeof(msg), "节假日安排缺少");
	for (i = 0; i < n && k < sizeof(msg); i++)
		k += (size_t)snprintf(msg + k, sizeof(msg) - k, "%s%d 年",
		    i ? "、" : " ", y[i]);
	if (k < sizeof(msg))
		snprintf(msg + k, sizeof(msg) - k, "：落在该年的工作日期限暂按"
		    "周一至周五计算，可能与法定节假日和调休不符。请管理员导入"
		    "国务院办公厅的节假日安排通知（lianxin import holidays）。");
	html_notice(b, msg, 1);
}
