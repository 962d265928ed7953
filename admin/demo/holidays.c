/*
 * The demo's working days: the State Council's holiday notices for the
 * years the demo's requests span and the next one, imported from the
 * directory --holidays names (holidays-cn-YYYY.csv, as `lianxin import
 * holidays` takes them).  A year whose file is not there is said so and
 * stays missing (limits in it count Monday to Friday, and the daemon and
 * the dashboard report it): never made up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "demoint.h"
#include "import.h"

/* The local year of t (the daemon's time zone, TZ). */
static int
year_of(time_t t)
{
	int	 y, m, d;

	day_ymd(wd_local_day(t), &y, &m, &d);
	return y;
}

int
demo_load_holidays(struct world *w, struct db *db, FILE *out)
{
	char	 path[4096];
	int	 y, from = year_of(w->start), to = year_of(w->until) + 1;

	if ((w->cal = malloc(sizeof(*w->cal))) == NULL)
		return -1;
	for (y = from; y <= to; y++) {
		if (w->o->holidays == NULL) {
			fprintf(out, "demo: holidays %d: no notice (no "
			    "--holidays DIR); its limits count Monday to "
			    "Friday\n", y);
			continue;
		}
		snprintf(path, sizeof(path), "%s/holidays-cn-%d.csv",
		    w->o->holidays, y);
		if (access(path, R_OK) != 0) {
			fprintf(out, "demo: holidays %d: no notice (%s is "
			    "absent); its limits count Monday to Friday until "
			    "it is imported\n", y, path);
			continue;
		}
		fprintf(out, "demo: holidays %d: ", y);
		fflush(out);
		if (import_file(w->cfg, IMPORT_HOLIDAYS, path, out, stderr) !=
		    0) {
			fprintf(stderr, "lianxin: demo: %s was refused\n", path);
			return -1;
		}
	}
	if (db_calendar_load(db, w->cal) != DB_OK) {
		fprintf(stderr, "lianxin: demo: the holiday calendar could "
		    "not be read back\n");
		return -1;
	}
	return 0;
}

int
demo_category_units(struct db *db)
{
	int	 i;

	for (i = 0; i < CAT__MAX; i++)
		if (db_category_unit_set(db, demo_cats[i].code, DEMO_UNIT) !=
		    DB_OK) {
			fprintf(stderr, "lianxin: demo: the categories' "
			    "units could not be set\n");
			return -1;
		}
	return 0;
}
