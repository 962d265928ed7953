/*
 * The co-building figures (see cbfig.h): two reads of the summary tables
 * of migration 0021 — the cohort counters (cb_counts) and the distinct
 * (unit, region) pairs of agreements in force with their activity
 * (agreements, cb_activity) — summed per key of the grouping.
 */
#include <stdlib.h>
#include <string.h>

#include "cbfigdb.h"
#include "day.h"
#include "dbint.h"

/* What SQL_CBFIG_COUNTS gives per key and figure. */
struct count_row {
	int		 key, fig;
	long long	 n, out1, out2;
};

/* What SQL_CBFIG_PAIRS gives per key. */
struct pair_row {
	int		 key;
	long long	 pairs, active;
};

#define MAX_KEYS	2000

/* The figure of migration 0021 (cb_counts.fig) into f. */
static void
count_into(struct db_cb_figures *f, const struct count_row *c)
{
	switch (c->fig) {
	case 1:
		f->commit_due += c->n;
		f->commit_kept += c->out1;
		break;
	case 2:
		f->needs += c->n;
		f->needs_claimed += c->out1;
		f->needs_done += c->out2;
		break;
	case 3:
		f->wishes += c->n;
		f->wishes_done += c->out1;
		break;
	case 4:
		f->decisions += c->n;
		f->decisions_ontime += c->out1;
		break;
	case 5:
		f->cu += c->n;
		f->cu_sat += c->out1;
		break;
	case 6:
		f->uc += c->n;
		f->uc_sat += c->out1;
		break;
	}
}

/* The row of key in rows[0 .. *n), added when new (NULL when full). */
static struct db_cb_row *
row_of(struct db_cb_row *rows, size_t max, size_t *n, int key)
{
	size_t	 i;

	for (i = 0; i < *n; i++)
		if (rows[i].key == key)
			return &rows[i];
	if (*n == max)
		return NULL;
	memset(&rows[*n], 0, sizeof(rows[*n]));
	rows[*n].key = key;
	return &rows[(*n)++];
}

int
db_cb_figures(struct db *db, const struct db_scope *sc, int from, int to,
    int e, int group, struct db_cb_figures *total, struct db_cb_row *rows,
    size_t max, size_t *n)
{
	struct count_row c = { 0 }, *cs = NULL;
	struct pair_row	 p = { 0 }, *ps = NULL;
	struct db_cb_row *row;
	struct dbr	 rc_[] = { R_I32(&c.key), R_I32(&c.fig), R_INT(&c.n),
	    R_INT(&c.out1), R_INT(&c.out2) };
	struct dbr	 rp[] = { R_I32(&p.key), R_INT(&p.pairs),
	    R_INT(&p.active) };
	char		 f[DAY_LEN + 1], t[DAY_LEN + 1], ed[DAY_LEN + 1];
	size_t		 nc = 0, np = 0, i;
	int		 g = group >= 1 && group <= 3 ? group : 0, rc;

	memset(total, 0, sizeof(*total));
	*n = 0;
	if (from > to)
		return DB_ERROR;
	day_format(from, f);
	day_format(to, t);
	day_format(e, ed);
	struct dbp	 pc[] = { P_INT(g), P_STR(ed), P_STR(ed), P_STR(f),
	    P_STR(t), SCOPE3_P(sc) };
	struct dbp	 pp[] = { P_INT(g), P_STR(f), P_STR(ed), P_STR(t),
	    P_STR(f), SCOPE3_P(sc) };

	if ((cs = calloc(MAX_KEYS, sizeof(*cs))) == NULL ||
	    (ps = calloc(MAX_KEYS, sizeof(*ps))) == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	if ((rc = db_rows(db, SQL_CBFIG_COUNTS, pc, NELEM(pc), rc_,
	    NELEM(rc_), &c, sizeof(c), cs, MAX_KEYS, &nc)) != DB_OK ||
	    (rc = db_rows(db, SQL_CBFIG_PAIRS, pp, NELEM(pp), rp, NELEM(rp),
	    &p, sizeof(p), ps, MAX_KEYS, &np)) != DB_OK)
		goto out;
	for (i = 0; i < nc; i++) {
		count_into(total, &cs[i]);
		if (g && (row = row_of(rows, max, n, cs[i].key)) != NULL)
			count_into(&row->f, &cs[i]);
	}
	for (i = 0; i < np; i++) {
		total->pairs += ps[i].pairs;
		total->active += ps[i].active;
		if (g && (row = row_of(rows, max, n, ps[i].key)) != NULL) {
			row->f.pairs += ps[i].pairs;
			row->f.active += ps[i].active;
		}
	}
out:
	free(cs);
	free(ps);
	return rc;
}

int
db_cb_rebuild(struct db *db, long long *counts, long long *activity)
{
	int	 rc;

	*counts = *activity = 0;
	if ((rc = db_run(db, SQL_CBFIG_CLEAR_COUNTS, NULL, 0, NULL, NULL)) ==
	    DB_OK)
		rc = db_run(db, SQL_CBFIG_CLEAR_ACTIVITY, NULL, 0, NULL, NULL);
	if (rc == DB_OK)
		rc = db_run(db, SQL_CBFIG_REBUILD_COUNTS, NULL, 0, counts,
		    NULL);
	if (rc == DB_OK)
		rc = db_run(db, SQL_CBFIG_REBUILD_ACTIVITY, NULL, 0, activity,
		    NULL);
	return rc;
}
