/*
 * lianxin migrate and lianxin stats rebuild: the schema (applied by the
 * data layer, sql/migrate.c) and the figures' summary tables that follow
 * it, in the configured time zone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin.h"
#include "config.h"
#include "db.h"

/*
 * The UTC offset (minutes) of the configured time zone, now.  A zone with
 * daylight saving has no single offset: say so (the figures' days follow
 * the offset in force when migrate runs).
 */
static int
tz_offset(const struct config *c)
{
	struct tm	 jan, jul, tm;
	time_t		 now = time(NULL), t;

	if (setenv("TZ", c->timezone, 1) == -1)
		return 480;
	tzset();
	localtime_r(&now, &tm);
	t = now - (time_t)(tm.tm_yday) * 86400;
	localtime_r(&t, &jan);
	t += 182 * 86400;
	localtime_r(&t, &jul);
	if (jan.tm_gmtoff != jul.tm_gmtoff)
		fprintf(stderr, "lianxin: migrate: time zone %s has daylight "
		    "saving; the figures' days use UTC%+ld min\n", c->timezone,
		    (long)tm.tm_gmtoff / 60);
	return (int)(tm.tm_gmtoff / 60);
}

struct db *
admin_maint_open(const struct config *c)
{
	struct db	*db;

	if ((db = db_open(c)) != NULL)
		db_long_statements(db);
	return db;
}

int
admin_rebuild_figures(const struct config *c, const char *who,
    long long *days, long long *months)
{
	struct db	*db;
	int		 rc = DB_ERROR;

	if ((db = admin_maint_open(c)) != NULL) {
		rc = db_stats_rebuild(db, days, months);
		db_close(db);
	}
	if (rc == DB_OK)
		return 0;
	fprintf(stderr, "lianxin: %s: the figures' summary tables could not "
	    "be computed (see the log lines above); they are unchanged\n",
	    who);
	return -1;
}

int
admin_migrate(struct config *c, int argc, char *argv[])
{
	struct db	*db;
	int		 rebuilt = 0, rc;

	(void)argv;
	if (argc != 1)
		return ADMIN_USAGE;
	if (db_migrate(c, stdout) != 0)
		return 1;
	/* The figures' calendar days follow [server] timezone. */
	if ((db = admin_maint_open(c)) == NULL)
		return 1;
	rc = db_stats_offset(db, tz_offset(c), &rebuilt);
	db_close(db);
	if (rc != DB_OK) {
		fprintf(stderr, "lianxin: migrate: cannot set the time zone "
		    "of the figures (see the log lines above)\n");
		return 1;
	}
	if (rebuilt)
		printf("migrate: figures computed for time zone %s\n",
		    c->timezone);
	return 0;
}

int
admin_stats(struct config *c, int argc, char *argv[])
{
	long long	 days, months;
	time_t		 t0 = time(NULL);

	if (argc != 2 || strcmp(argv[1], "rebuild") != 0)
		return ADMIN_USAGE;
	if (admin_rebuild_figures(c, "stats rebuild", &days, &months) == -1)
		return 1;
	printf("stats: rebuilt %lld day rows and %lld month rows in %lld s\n",
	    days, months, (long long)(time(NULL) - t0));
	return 0;
}
