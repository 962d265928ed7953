/*
 * Figures: the request counters from the summary tables (kept up to date
 * by the triggers of migration 0007), the open-and-overdue count and the
 * member figures from indexed raw tables, by scope, period and group; how
 * long requests may stay within their limits; the rebuild of the summary
 * tables.  Day numbers are lib/day.c's.
 */
#include <stdbool.h>
#include <stddef.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "cbfigdb.h"
#include "day.h"
#include "dbint.h"

/*
 * A period as whole months [mfrom, mto] (first days; from a month table)
 * and the days before and after them ([d1], [d2]; from a day table).  An
 * empty range has from > to.  Without months (a grid, or per grid: the
 * month tables have no grid) it is all days.
 */
struct span {
	char	 mfrom[DAY_LEN + 1], mto[DAY_LEN + 1];
	char	 d1from[DAY_LEN + 1], d1to[DAY_LEN + 1];
	char	 d2from[DAY_LEN + 1], d2to[DAY_LEN + 1];
};

static void
span_split(int from, int to, bool months, struct span *s)
{
	int	 a, b, d1[2] = { from, to }, d2[2] = { 1, 0 }, m[2] = { 1, 0 };

	a = day_month_first(from) == from ? from : day_month_next(from);
	b = day_month_next(to) == to + 1 ? day_month_first(to) :
	    day_month_first(day_month_first(to) - 1);
	if (months && a <= b) {
		m[0] = a, m[1] = b;
		d1[1] = a - 1;
		d2[0] = day_month_next(b), d2[1] = to;
	}
	day_format(m[0], s->mfrom);
	day_format(m[1], s->mto);
	day_format(d1[0], s->d1from);
	day_format(d1[1], s->d1to);
	day_format(d2[0], s->d2from);
	day_format(d2[1], s->d2to);
}

/* ---- Rows of a result ---- */

static struct db_figures *
row_of(struct db_stats_row *rows, size_t n, int key)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (rows[i].key == key)
			return &rows[i].f;
	return NULL;
}

/* The rows of the groups: every child region, category or month. */
static int
group_rows(struct db *db, const struct db_stats_query *q,
    struct db_stats_row *rows, size_t max, size_t *n)
{
	struct db_stats_row w = { 0 };
	struct dbr	 r[] = { R_I32(&w.key), R_STR(w.name) };
	int		 node, day, y, m, d;

	*n = 0;
	switch (q->group) {
	case DB_STATS_TOTAL:
		return DB_OK;
	case DB_STATS_CATEGORY:
		return db_rows(db, SQL_STATS_CATEGORIES, NULL, 0, r, NELEM(r),
		    &w, sizeof(w), rows, max, n);
	case DB_STATS_MONTH:
		for (day = day_month_first(q->from); day <= q->to && *n < max;
		    day = day_month_next(day)) {
			day_ymd(day, &y, &m, &d);
			rows[*n].key = y * 100 + m;
			snprintf(rows[*n].name, sizeof(rows[*n].name),
			    "%04d-%02d", y, m);
			(*n)++;
		}
		return DB_OK;
	default:
		break;
	}
	/* Children: the group is one level below the scope's. */
	if ((int)q->group != q->scope.level + 1)
		return DB_ERROR;
	node = q->scope.level > 0 ? q->scope.id[q->scope.level - 1] : 0;
	struct dbp	 p[] = { P_INT(node) };

	return db_rows(db, SQL_STATS_CHILDREN, p, NELEM(p), r, NELEM(r), &w,
	    sizeof(w), rows, max, n);
}

/* Add the counters at the byte offsets off[] of src (or of v) to dst. */
static void
add_at(struct db_figures *dst, const size_t *off, size_t n,
    const long long *v)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		*(long long *)((char *)dst + off[i]) += v[i];
}

static void
add_fig(struct db_figures *dst, const struct db_figures *src,
    const size_t *off, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		*(long long *)((char *)dst + off[i]) +=
		    *(const long long *)((const char *)src + off[i]);
}

/* What add_rows fills, and the row being read. */
struct adder {
	const size_t	*off;
	size_t		 ncols, max, *n;
	struct db_figures *total;
	struct db_stats_row *rows;
	bool		 grouped;
	int		 key;
	long long	 v[12];
};

/* One result row into the total and its group (a db_stream callback). */
static int
add_row(void *arg)
{
	struct adder	*a = arg;
	struct db_figures *f;

	add_at(a->total, a->off, a->ncols, a->v);
	if (!a->grouped)
		return 0;
	if ((f = row_of(a->rows, *a->n, a->key)) == NULL && *a->n < a->max) {
		memset(&a->rows[*a->n], 0, sizeof(a->rows[*a->n]));
		a->rows[*a->n].key = a->key;
		snprintf(a->rows[*a->n].name, sizeof(a->rows[*a->n].name),
		    "未划分网格");
		f = &a->rows[(*a->n)++].f;
	}
	if (f != NULL)
		add_at(f, a->off, a->ncols, a->v);
	return 0;
}

/*
 * Add the rows of a grouped statement to rows[] by key and to *total.
 * The columns of each result row: key, then ncols counters that add into
 * the figures at the byte offsets off[].  A key without a row (requests
 * without a grid) gets one when there is room, named unknown.
 */
static int
add_rows(struct db *db, enum sql id, const struct dbp *p, size_t np,
    const size_t *off, size_t ncols, struct db_figures *total,
    struct db_stats_row *rows, size_t max, size_t *n, bool grouped)
{
	struct adder	 a = { off, ncols, max, n, total, rows, grouped, 0,
	    { 0 } };
	struct dbr	 r[1 + NELEM(a.v)];
	long long	 nrows;
	size_t		 i;

	if (ncols > NELEM(a.v))
		return DB_ERROR;
	r[0] = R_I32(&a.key);
	for (i = 0; i < ncols; i++)
		r[i + 1] = R_INT(&a.v[i]);
	return db_stream(db, id, p, np, r, ncols + 1, add_row, &a, &nrows);
}

#define OFF(field)	offsetof(struct db_figures, field)

static const size_t req_cols[] = { OFF(received), OFF(rejected),
    OFF(responded), OFF(resolved), OFF(ontime), OFF(rated), OFF(satisfied),
    OFF(community), OFF(resolve_s) };
static const size_t overdue_cols[] = { OFF(overdue) };
static const size_t member_cols[] = { OFF(roster), OFF(in_service),
    OFF(in_service_reported), OFF(reported), OFF(participants),
    OFF(hours_tenths) };

/*
 * The member figures change only with the member data, which bump
 * stats_members_version (migration 0007), and with E, the instant they
 * are as of (DESIGN.md: the end of the period or now, whichever is
 * earlier).  Computed ones are kept per process, keyed by that version
 * and the query, until the version moves.  E in the past is part of the
 * key; E = now is not: such an entry holds from its E (at) to the next
 * instant at which a report lapses or takes effect or a member joins the
 * roster without a version change (until), read with it.  Exact, never
 * stale; MCACHE entries, least recently used out.
 */
#define MCACHE		64
#define MCACHE_ROWS	64

struct mkey {
	long long	 version;
	int		 level, id[4], g, from, to, report_days, offset;
	long long	 end;		/* E, or 0 when E is now */
};

struct mentry {
	struct mkey	 k;
	int		 used;		/* 0: empty */
	unsigned long	 clock;
	time_t		 at, until;	/* when k.end is 0: E in [at, until] */
	struct db_figures total;
	size_t		 n;
	int		 keys[MCACHE_ROWS];
	struct db_figures f[MCACHE_ROWS];
};

static struct {
	pthread_mutex_t	 mu;
	struct mentry	 e[MCACHE];
	unsigned long	 clock;
} mcache = { .mu = PTHREAD_MUTEX_INITIALIZER };

/* Does entry e answer key k at E? */
static int
mcache_holds(const struct mentry *e, const struct mkey *k, time_t end)
{
	return e->used && memcmp(&e->k, k, sizeof(*k)) == 0 &&
	    (k->end != 0 || (e->at <= end && end <= e->until));
}

/* Copy a cached result at E into total and rows by key; 1 when found. */
static int
mcache_get(const struct mkey *k, time_t end, struct db_figures *total,
    struct db_stats_row *rows, size_t n)
{
	struct mentry	*e;
	struct db_figures *f;
	size_t		 i, j;
	int		 found = 0;

	pthread_mutex_lock(&mcache.mu);
	for (i = 0; i < MCACHE && !found; i++) {
		e = &mcache.e[i];
		if (!mcache_holds(e, k, end))
			continue;
		found = 1;
		e->clock = ++mcache.clock;
		add_fig(total, &e->total, member_cols, NELEM(member_cols));
		for (j = 0; j < e->n && rows != NULL; j++)
			if ((f = row_of(rows, n, e->keys[j])) != NULL)
				add_fig(f, &e->f[j], member_cols,
				    NELEM(member_cols));
	}
	pthread_mutex_unlock(&mcache.mu);
	return found;
}

/* Keep a result for k, valid for E in [at, until] when k->end is 0. */
static void
mcache_put(const struct mkey *k, time_t at, time_t until,
    const struct db_figures *total, const struct db_stats_row *rows,
    size_t n)
{
	struct mentry	*e = &mcache.e[0];
	size_t		 i;

	if (n > MCACHE_ROWS)
		return;
	pthread_mutex_lock(&mcache.mu);
	/* The entry of the same key (an older window), else a free one,
	 * else the least recently used. */
	for (i = 0; i < MCACHE; i++) {
		if (mcache.e[i].used && memcmp(&mcache.e[i].k, k,
		    sizeof(*k)) == 0) {
			e = &mcache.e[i];
			break;
		}
		if (!mcache.e[i].used || mcache.e[i].clock < e->clock)
			e = &mcache.e[i];
		if (!e->used)
			break;
	}
	e->k = *k;
	e->used = 1;
	e->clock = ++mcache.clock;
	e->at = at;
	e->until = until;
	e->total = *total;
	e->n = n;
	for (i = 0; i < n; i++) {
		e->keys[i] = rows[i].key;
		e->f[i] = rows[i].f;
	}
	pthread_mutex_unlock(&mcache.mu);
}

/*
 * The last instant after E at which the member figures as of it are
 * those as of E, whatever the scope, while the member data keep their
 * version: before a report valid at E lapses, a report confirmed later
 * than E takes effect or a member added later than E joins the roster.
 */
static int
members_until(struct db *db, time_t end, int report_days, time_t *until)
{
	time_t		 lapse = 0, confirmed = 0, joined = 0;
	struct dbr	 r[] = { R_TIME(&lapse), R_TIME(&confirmed),
	    R_TIME(&joined) };
	struct dbp	 p[] = { P_TIME(end), P_INT(report_days), P_TIME(end),
	    P_TIME(end), P_TIME(end) };
	int		 rc;

	*until = end;
	if ((rc = db_one(db, SQL_STATS_MEMBERS_UNTIL, p, NELEM(p), r,
	    NELEM(r))) != DB_OK)
		return rc == DB_NOTFOUND ? DB_ERROR : rc;
	/* Valid at E while decided_at >= E - report_days. */
	if (lapse != 0)
		lapse += (time_t)report_days * 86400;
	*until = (time_t)1 << 40;	/* far: none of them */
	if (lapse != 0 && lapse < *until)
		*until = lapse;
	/* Taking effect at decided_at + 1 s, joining at created_at + 1 s. */
	if (confirmed != 0 && confirmed < *until)
		*until = confirmed;
	if (joined != 0 && joined < *until)
		*until = joined;
	return DB_OK;
}

/*
 * Member figures as of E, the end of day `to` or q->now, whichever is
 * earlier (DESIGN.md), participation on the days [from, to], by group g
 * (district, street or community; DB_STATS_TOTAL gives only the total),
 * for the member data at version.
 */
static int
members(struct db *db, const struct db_stats_query *q, long long version,
    long long offset, int g, int from, int to, struct db_figures *total,
    struct db_stats_row *rows, size_t max, size_t *n)
{
	char		 f[DAY_LEN + 1], t[DAY_LEN + 1];
	struct db_figures mine;
	struct mkey	 k;
	time_t		 end, until = 0;
	int		 rc, grouped = g != DB_STATS_TOTAL;

	total->members = 1;
	/* The end of day `to` in UTC, or now when that is earlier. */
	end = (time_t)(to + 1) * 86400 - (time_t)offset * 60;
	if (q->now < end)
		end = q->now;
	memset(&k, 0, sizeof(k));
	k.version = version;
	k.level = q->scope.level;
	memcpy(k.id, q->scope.id, sizeof(k.id));
	k.g = g;
	k.from = from;
	k.to = to;
	k.report_days = q->report_days;
	k.offset = (int)offset;
	k.end = end == q->now ? 0 : (long long)end;
	if (mcache_get(&k, end, total, grouped ? rows : NULL, grouped ? *n : 0))
		return DB_OK;
	if (k.end == 0 && (rc = members_until(db, end, q->report_days,
	    &until)) != DB_OK)
		return rc;

	day_format(from, f);
	day_format(to, t);
	struct dbp	 p[] = { P_INT(g), P_TIME(end), P_TIME(end),
	    P_INT(q->report_days), P_STR(f), P_STR(t), P_TIME(end),
	    SCOPE_P(&q->scope) };

	memset(&mine, 0, sizeof(mine));
	if ((rc = add_rows(db, SQL_STATS_MEMBERS, p, NELEM(p), member_cols,
	    NELEM(member_cols), &mine, rows, max, n, grouped)) != DB_OK)
		return rc;
	add_fig(total, &mine, member_cols, NELEM(member_cols));
	mcache_put(&k, end, until, &mine, grouped ? rows : NULL,
	    grouped ? *n : 0);
	return DB_OK;
}

int
db_stats(struct db *db, const struct db_stats_query *q,
    struct db_figures *total, struct db_stats_row *rows, size_t max,
    size_t *n)
{
	struct span	 s;
	char		 f[DAY_LEN + 1], t[DAY_LEN + 1];
	int		 g = (int)q->group, rc, day, y, m, d;
	long long	 offset, version;
	bool		 grid = q->scope.level == 4 || g == DB_STATS_GRID;
	bool		 grouped = g != DB_STATS_TOTAL;
	size_t		 i;

	memset(total, 0, sizeof(*total));
	*n = 0;
	if (g < 0 || g >= DB_STATS__MAX || q->from > q->to ||
	    q->from < DAY_MIN || q->to > DAY_MAX ||
	    q->scope.level < 0 || q->scope.level > 4)
		return DB_ERROR;
	if ((rc = group_rows(db, q, rows, max, n)) != DB_OK)
		return rc;
	for (i = 0; i < *n; i++)
		memset(&rows[i].f, 0, sizeof(rows[i].f));

	/* Per community unless grids or categories are asked; the day
	 * scope's grid parameters come last, for stats_day only. */
	span_split(q->from, q->to, !grid, &s);
	struct dbp	 rp[] = { P_INT(g), SCOPE3_P(&q->scope), P_STR(s.mfrom),
	    P_STR(s.mto), P_INT(g), P_STR(s.d1from), P_STR(s.d1to),
	    P_STR(s.d2from), P_STR(s.d2to), SCOPE_P(&q->scope) };
	bool		 fine = grid || g == DB_STATS_CATEGORY;

	if ((rc = add_rows(db, fine ? SQL_STATS_REQUESTS : SQL_STATS_REQUESTS_C,
	    rp, NELEM(rp) - (fine ? 0 : 2), req_cols, NELEM(req_cols), total,
	    rows, max, n, grouped)) != DB_OK)
		return rc;

	if (q->overdue) {
		day_format(q->from, f);
		day_format(q->to, t);
		struct dbp op[] = { P_INT(g), SCOPE_P(&q->scope),
		    P_TIME(q->now), P_STR(f), P_STR(t) };

		if ((rc = add_rows(db, SQL_STATS_OVERDUE, op, NELEM(op),
		    overdue_cols, NELEM(overdue_cols), total, rows, max, n,
		    grouped)) != DB_OK)
			return rc;
		total->overdue_known = 1;
		for (i = 0; i < *n; i++)
			rows[i].f.overdue_known = 1;
	}

	/* Members live in communities: no figures for a grid, nor in the
	 * rows per grid or category — but the total has them whatever the
	 * grouping; per month, each month as of its own E. */
	if (q->scope.level == 4)
		return DB_OK;
	struct dbr	 vr[] = { R_INT(&offset), R_INT(&version) };

	if ((rc = db_one(db, SQL_STATS_MEMBERS_VERSION, NULL, 0, vr,
	    NELEM(vr))) != DB_OK)
		return rc == DB_NOTFOUND ? DB_ERROR : rc;
	if (g >= DB_STATS_DISTRICT && g <= DB_STATS_COMMUNITY) {
		if ((rc = members(db, q, version, offset, g, q->from, q->to,
		    total, rows, max, n)) != DB_OK)
			return rc;
		for (i = 0; i < *n; i++)
			rows[i].f.members = 1;
		return DB_OK;
	}
	if ((rc = members(db, q, version, offset, DB_STATS_TOTAL, q->from,
	    q->to, total, NULL, 0, NULL)) != DB_OK || g != DB_STATS_MONTH)
		return rc;
	for (i = 0; i < *n; i++) {
		y = rows[i].key / 100, m = rows[i].key % 100;
		day = day_from_ymd(y, m, 1);
		d = day_month_next(day) - 1;
		if ((rc = members(db, q, version, offset, DB_STATS_TOTAL,
		    day < q->from ? q->from : day, d > q->to ? q->to : d,
		    &rows[i].f, NULL, 0, NULL)) != DB_OK)
			return rc;
	}
	return DB_OK;
}

int
db_stats_settle_days(struct db *db, int *days)
{
	long long	 d = 0;
	struct dbr	 r[] = { R_INT(&d) };
	int		 rc;

	*days = 0;
	if ((rc = db_one(db, SQL_STATS_SETTLE_DAYS, NULL, 0, r, NELEM(r))) !=
	    DB_OK)
		return rc == DB_NOTFOUND ? DB_ERROR : rc;
	*days = (int)d;
	return DB_OK;
}

/*
 * Recompute the summary tables inside the caller's transaction: empty
 * them, the days from the requests, then each coarser table from a finer
 * one; then the co-building figures' (sql/cbfig.c).  *days and *months: the rows of stats_day and stats_month.
 */
static int
rebuild(struct db *db, long long *days, long long *months)
{
	static const enum sql steps[] = { SQL_STATS_CLEAR_DAY,
	    SQL_STATS_CLEAR_DAYC, SQL_STATS_CLEAR_MONTH, SQL_STATS_CLEAR_MONTHC,
	    SQL_STATS_REBUILD_DAY, SQL_STATS_REBUILD_DAYC,
	    SQL_STATS_REBUILD_MONTH, SQL_STATS_REBUILD_MONTHC };
	long long	 n, cbn, cba;
	size_t		 i;
	int		 rc = DB_OK;

	for (i = 0; i < NELEM(steps) && rc == DB_OK; i++) {
		rc = db_run(db, steps[i], NULL, 0, &n, NULL);
		if (steps[i] == SQL_STATS_REBUILD_DAY)
			*days = n;
		else if (steps[i] == SQL_STATS_REBUILD_MONTH)
			*months = n;
	}
	/* The co-building figures too (migration 0021). */
	if (rc == DB_OK)
		rc = db_cb_rebuild(db, &cbn, &cba);
	return rc;
}

int
db_stats_rebuild(struct db *db, long long *days, long long *months)
{
	int	 rc;

	*days = *months = 0;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	return db_tx_end(db, rebuild(db, days, months));
}

int
db_stats_offset(struct db *db, int minutes, int *rebuilt)
{
	long long	 off, built, days, months;
	struct dbr	 r[] = { R_INT(&off), R_INT(&built) };
	struct dbp	 p[] = { P_INT(minutes) };
	int		 rc;

	*rebuilt = 0;
	if ((rc = db_one(db, SQL_STATS_TZ_GET, NULL, 0, r, NELEM(r))) != DB_OK)
		return rc == DB_NOTFOUND ? DB_ERROR : rc;
	if (off == minutes && built)
		return DB_OK;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_run(db, SQL_STATS_TZ_SET, p, NELEM(p), NULL, NULL)) ==
	    DB_OK)
		rc = rebuild(db, &days, &months);
	if ((rc = db_tx_end(db, rc)) == DB_OK)
		*rebuilt = 1;
	return rc;
}
