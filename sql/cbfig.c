/*
 * The co-building figures (see cbfig.h): two reads of the summary tables
 * of migration 0021 — the cohort counters (cb_counts) and the distinct
 * (unit, region) pairs of agreements in force with their activity
 * (agreements, cb_activity) — summed per key of the grouping.
 */
#include <stddef.h>
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

/*
 * Where the counts of each figure of migration 0021 (cb_counts.fig 1..6)
 * go: its items, those with their first outcome, those with their second
 * (none: -1).
 */
#define AT(field)	(long)offsetof(struct db_cb_figures, field)
static const struct {
	long	 n, out1, out2;
} fig_terms[] = {
	[1] = { AT(commit_due), AT(commit_kept), -1 },
	[2] = { AT(needs), AT(needs_claimed), AT(needs_done) },
	[3] = { AT(wishes), AT(wishes_done), -1 },
	[4] = { AT(decisions), AT(decisions_ontime), -1 },
	[5] = { AT(cu), AT(cu_sat), -1 },
	[6] = { AT(uc), AT(uc_sat), -1 },
};
#define NFIG	(sizeof(fig_terms) / sizeof(fig_terms[0]))

/* Add v to the counter at offset at of f. */
static void
add_at(struct db_cb_figures *f, long at, long long v)
{
	long long	 x;

	if (at < 0)
		return;
	memcpy(&x, (char *)f + at, sizeof(x));
	x += v;
	memcpy((char *)f + at, &x, sizeof(x));
}

/* The counts of one row of SQL_CBFIG_COUNTS into f. */
static void
count_into(struct db_cb_figures *f, const struct count_row *c)
{
	if (c->fig < 1 || (size_t)c->fig >= NFIG)
		return;
	add_at(f, fig_terms[c->fig].n, c->n);
	add_at(f, fig_terms[c->fig].out1, c->out1);
	add_at(f, fig_terms[c->fig].out2, c->out2);
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
