/*
 * Working days: the holiday calendar in the database (migration 0015)
 * and the resolve limits counted on it (see db.h, lib/workday.h).
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"
#include "log.h"

struct hrow {
	int	 day, work;
};

static int
add_day(void *arg)
{
	void	**a = arg;
	struct wd_cal *cal = a[0];
	struct hrow *h = a[1];

	(void)wd_set_day(cal, h->day, h->work ? WD_WORK : WD_OFF);
	return 0;
}

int
db_calendar_load(struct db *db, struct wd_cal *cal)
{
	struct hrow	 h;
	int		 year[WD_NYEARS], y;
	size_t		 n, i;
	long long	 rows;
	struct dbr	 r[] = { R_I32(&h.day), R_I32(&h.work) };
	struct dbr	 ry[] = { R_I32(&y) };
	void		*arg[2] = { cal, &h };
	int		 rc;

	wd_init(cal);
	if ((rc = db_rows(db, SQL_HOLIDAY_YEARS, NULL, 0, ry, 1, &y,
	    sizeof(y), year, WD_NYEARS, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++)
		(void)wd_set_year(cal, year[i]);
	return db_stream(db, SQL_HOLIDAYS_ALL, NULL, 0, r, NELEM(r), add_day,
	    arg, &rows);
}

int
db_resolve_due(struct db *db, int category_id, enum rq_action a,
    time_t now, time_t due, time_t *out)
{
	struct wd_cal	*cal;
	int		 days = 1, work = 0, miss = 0, rc;
	struct dbp	 p[] = { P_INT(category_id) };
	struct dbr	 r[] = { R_I32(&days), R_I32(&work) };

	*out = due;
	if (!flow_starts_limit(a))
		return DB_OK;
	if ((rc = db_one(db, SQL_CATEGORY_LIMIT, p, 1, r, NELEM(r))) != DB_OK)
		return rc;
	if (!work) {
		*out = flow_due_cal(a, now, NULL, WD_DAYS, days, due, NULL);
		return DB_OK;
	}
	if ((cal = malloc(sizeof(*cal))) == NULL)
		return DB_ERROR;
	if ((rc = db_calendar_load(db, cal)) == DB_OK) {
		*out = flow_due_cal(a, now, cal, WD_WORKDAYS, days, due,
		    &miss);
		if (miss != 0)
			log_warn("holiday calendar missing for %d: a time "
			    "limit counted Monday to Friday there", miss);
	}
	free(cal);
	return rc;
}

int
db_holiday_year(struct db *db, int year, const char *source)
{
	struct dbp	 c[] = { P_INT(year), P_INT(year) };
	struct dbp	 p[] = { P_INT(year), P_STR(source) };
	int		 rc;

	if ((rc = db_run(db, SQL_HOLIDAY_YEAR_CLEAR, c, NELEM(c), NULL,
	    NULL)) != DB_OK)
		return rc;
	return db_run(db, SQL_HOLIDAY_YEAR_PUT, p, NELEM(p), NULL, NULL);
}

int
db_holiday_insert(struct db *db, const char *day, enum wd_kind k,
    const char *name)
{
	struct dbp	 p[] = { P_STR(day), P_STR(k == WD_WORK ? "work" :
	    "off"), P_STR(name) };

	return db_run(db, SQL_HOLIDAY_INSERT, p, NELEM(p), NULL, NULL);
}

int
db_category_unit_set(struct db *db, const char *code, enum wd_unit u)
{
	struct dbp	 p[] = { P_STR(u == WD_WORKDAYS ? "workdays" : "days"),
	    P_STR(code) };

	return db_run(db, SQL_CATEGORY_UNIT_SET, p, NELEM(p), NULL, NULL);
}
