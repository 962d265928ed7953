/*
 * lianxin demo [--requests N] [--seed S] [--until YYYY-MM-DD] [--if-empty]
 *     [--holidays DIR]:
 * the command and the order of the load (see demoint.h).  After the rows,
 * the figures' summary tables are computed once (the load bypasses their
 * triggers) and the optimizer's statistics updated.
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "admin.h"
#include "config.h"
#include "db.h"
#include "demoint.h"

static void
summary(const struct world *w, FILE *out, double secs)
{
	char	 region[96];
	int	 u;

	fprintf(out, "demo: %ld requests and %lld events in %.1f s "
	    "(%.0f requests/s)\n", w->o->requests, w->events, secs,
	    secs > 0 ? (double)w->o->requests / secs : 0.0);
	fprintf(out, "demo: regions: 1 district, %d streets, %d communities, "
	    "%d grids; %d categories\n", NSTREET, w->ncomm, w->ngrid, CAT__MAX);
	fprintf(out, "demo: %d party members (%d reported), %lld service "
	    "items, %lld claims, %lld activities, %lld participation records\n",
	    w->nmem, w->nreported, w->items, w->claims, w->activities,
	    w->participation);
	fprintf(out, "demo: login  %-11s %-18s %s\n", "username", "role",
	    "region");
	for (u = 0; u < U__END - 1; u++) {
		(void)demo_user_region(w, u, region, sizeof(region));
		fprintf(out, "demo: login  %-11s %-18s %s\n",
		    demo_users[u].username, word_role[demo_users[u].role].code,
		    region);
	}
	for (u = 0; u < NDEPT; u++)
		fprintf(out, "demo: login  %-11s %-18s %s\n",
		    demo_depts[u].username, word_role[ROLE_DEPT].code,
		    demo_dept_unit(u, region, sizeof(region)));
	for (u = 0; u < NUNIT; u++)
		fprintf(out, "demo: login  %-11s %-18s %s\n",
		    demo_units[u].username, word_role[ROLE_UNIT].code,
		    demo_unit_name(w, u, region, sizeof(region)));
	fprintf(out, "demo: login  %-11s %-18s %s\n", DEMO_ORG_USER,
	    word_role[ROLE_UNIT].code, demo_org_name(w, region,
	    sizeof(region)));
	fprintf(out, "demo: %lld summons of departments\n", w->summons);
	fprintf(out, "demo: %lld co-building units (共建单位), %lld "
	    "agreements with %lld commitments\n", w->cobuild_units,
	    w->cb_agreements, w->cb_commitments);
	fprintf(out, "demo: %lld co-building needs, %lld joint meetings\n",
	    w->cb_needs, w->cb_meetings);
	fprintf(out, "demo: %lld 两新 organisations with star ratings "
	    "(星级评定)\n", w->star_orgs);
	fprintf(out, "demo: every login's password is %s\n", DEMO_PASSWORD);
}

/* Every phase, in order: 0, or -1 after a message. */
static int
load(struct world *w)
{
	demo_plan_regions(w);
	if (demo_load_regions(w) == -1 || demo_load_compounds(w) == -1 ||
	    demo_load_categories(w) == -1 ||
	    demo_load_users(w) == -1 || demo_load_members(w) == -1 ||
	    demo_load_items(w) == -1 || demo_load_activities(w) == -1 ||
	    demo_load_requests(w) == -1 || demo_load_depts(w) == -1 ||
	    demo_load_cobuild_units(w) == -1 ||
	    demo_load_cb_agreements(w) == -1 || demo_load_cb_lists(w) == -1 ||
	    demo_load_cb_wishes(w) == -1 || demo_load_stars(w) == -1)
		return -1;
	return 0;
}

/*
 * Load the demo data set into an empty database, one load at a time.
 * Returns 0, 1 when o->if_empty was set and data exist, or -1 after a
 * message.
 */
static int
demo(const struct config *c, const struct demo_opts *o, FILE *out)
{
	struct world	*w;
	struct db	*db;
	double		 t0 = now_s();
	int		 rc = -1, locked = 0, has = 0, lrc;

	if ((w = calloc(1, sizeof(*w))) == NULL)
		return -1;
	if ((db = db_open(c)) == NULL) {
		free(w);
		return -1;
	}
	w->cfg = c;
	w->o = o;
	w->seed = o->seed;
	w->until = o->until;
	w->start = o->until - YEAR;
	if ((lrc = db_bulk_lock(db)) != DB_OK) {
		fprintf(stderr, "lianxin: demo: %s\n", lrc == DB_CONFLICT ?
		    "another demo load is running" : "the database does not "
		    "answer (see the log lines above)");
		goto out;
	}
	locked = 1;
	if (db_bulk_has_data(db, &has) != DB_OK) {
		fprintf(stderr, "lianxin: demo: the database failed (see the "
		    "log lines above; was `lianxin migrate` run?)\n");
		goto out;
	}
	if (has && o->if_empty) {
		fprintf(out, "demo: the database already holds data; "
		    "nothing loaded\n");
		rc = 1;
		goto out;
	}
	if (has) {
		fprintf(stderr, "lianxin: demo: the database already holds "
		    "data; demo data go only into an empty database\n");
		goto out;
	}
	if (demo_load_holidays(w, db, out) == -1 || load(w) == -1 ||
	    demo_category_units(db) == -1) {
		fprintf(stderr, "lianxin: demo: loading stopped; the database "
		    "holds part of the demo data: recreate it before trying "
		    "again\n");
		goto out;
	}
	summary(w, out, now_s() - t0);
	rc = 0;
out:
	if (locked)
		db_bulk_unlock(db);
	db_close(db);
	free(w->mem);
	free(w->cal);
	free(w);
	return rc;
}

/* The optimizer's statistics of the tables loaded: 0, or -1 (printed). */
static int
analyze(const struct config *c)
{
	struct db	*db;
	int		 rc = DB_ERROR;

	if ((db = admin_maint_open(c)) != NULL) {
		rc = db_bulk_analyze(db);
		db_close(db);
	}
	if (rc == DB_OK)
		return 0;
	fprintf(stderr, "lianxin: demo: the tables' statistics could not be "
	    "updated (see the log lines above)\n");
	return -1;
}

int
admin_demo(struct config *c, int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "requests", required_argument, NULL, 'r' },
		{ "seed", required_argument, NULL, 's' },
		{ "until", required_argument, NULL, 'u' },
		{ "if-empty", no_argument, NULL, 'e' },
		{ "holidays", required_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo_opts d = { 30000, 20261121, 0, false, false, NULL };
	long long	 days, months;
	struct tm	 tm;
	const char	*end;
	long		 v;
	int		 ch, rc;

	d.until = time(NULL);
	/* Local days (working days, holiday years) in the daemon's zone. */
	if (setenv("TZ", c->timezone, 1) == -1)
		return 1;
	tzset();
	d.progress = isatty(STDERR_FILENO);
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			if (admin_parse_long(optarg, 0, 100000000L, &v) == -1) {
				fprintf(stderr, "lianxin: --requests: a whole "
				    "number 0..100000000\n");
				return 2;
			}
			d.requests = v;
			break;
		case 's':
			if (admin_parse_long(optarg, 0, 2147483647L, &v) ==
			    -1) {
				fprintf(stderr, "lianxin: --seed: a whole "
				    "number 0..2147483647\n");
				return 2;
			}
			d.seed = (unsigned long)v;
			break;
		case 'u':
			memset(&tm, 0, sizeof(tm));
			end = strptime(optarg, "%Y-%m-%d", &tm);
			if (end == NULL || *end != '\0') {
				fprintf(stderr, "lianxin: --until: a date "
				    "YYYY-MM-DD\n");
				return 2;
			}
			tm.tm_hour = 16;	/* midnight in UTC+8 */
			d.until = timegm(&tm);
			break;
		case 'e':
			d.if_empty = true;
			break;
		case 'h':
			d.holidays = optarg;
			break;
		default:
			return ADMIN_USAGE;
		}
	}
	if (optind != argc)
		return ADMIN_USAGE;
	if ((rc = demo(c, &d, stdout)) != 0)
		return rc == -1 ? 1 : 0;
	/* The loaders bypass the figures' triggers (@lianxin_bulk): the
	 * summary tables are computed once, from the rows loaded; the
	 * assessment's published round is frozen from them. */
	if (admin_rebuild_figures(c, "demo", &days, &months) == -1 ||
	    demo_load_assess(c, d.until, stdout) == -1 || analyze(c) == -1)
		return 1;
	return 0;
}
