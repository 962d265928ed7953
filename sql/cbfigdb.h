/*
 * The co-building figures (共驻共建, DESIGN.md "Co-building figures") from
 * the summary tables of migration 0021, which triggers keep current in
 * the transaction of every change of the co-building tables (sql/cbfig.c).
 */
#ifndef LIANXIN_CBFIGDB_H
#define LIANXIN_CBFIGDB_H

#include <stddef.h>

struct db;
struct db_scope;

/*
 * The counters of one scope and period, as of the local day E (the end
 * of the period or today, whichever is earlier).  Rates: 单位参与率
 * active/pairs, 承诺兑现率 commit_kept/commit_due, 需求认领率
 * needs_claimed/needs, 需求办结率 needs_done/needs_claimed, 心愿实现率
 * wishes_done/wishes, 议定事项按期办结率 decisions_ontime/decisions,
 * 共建评议满意率 cu_sat/cu (community rates unit) and uc_sat/uc.
 */
struct db_cb_figures {
	long long	 pairs, active;
	long long	 commit_due, commit_kept;
	long long	 needs, needs_claimed, needs_done;
	long long	 wishes, wishes_done;
	long long	 decisions, decisions_ontime;
	long long	 cu, cu_sat, uc, uc_sat;
};

/* The figures of one key of a grouping (a region id; 0: items of the
 * scope's own level, e.g. a street's own needs when grouped by
 * community). */
struct db_cb_row {
	int		 key;
	struct db_cb_figures f;
};

/*
 * The co-building figures of the items in scope sc with cohort days in
 * [from, to] (day numbers), their outcomes counted up to the day e: the
 * total into *total and, when group is 1 (district), 2 (street) or 3
 * (community), a row per key with something to count into rows (at most
 * max; *n set), in no order.  A db_rc; DB_ERROR for bad days.
 */
int	 db_cb_figures(struct db *, const struct db_scope *sc, int from,
	    int to, int e, int group, struct db_cb_figures *total,
	    struct db_cb_row *rows, size_t max, size_t *n);

/*
 * Recompute cb_counts and cb_activity from the raw tables inside the
 * caller's transaction (db_stats_rebuild calls it).  *counts and
 * *activity: the rows written.
 */
int	 db_cb_rebuild(struct db *, long long *counts, long long *activity);

#endif
