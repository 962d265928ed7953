/*
 * The figures for people and programs, shared by /api/stats, the charts,
 * the dashboard and the exports: the rates of DESIGN.md by identifier
 * with their names and definitions, and the one query they all take
 * (scope, period, grouping) with its checks.
 */
#ifndef LIANXIN_FIGURES_H
#define LIANXIN_FIGURES_H

#include <time.h>

#include "auth.h"
#include "db.h"

/* The rates, in the order pages and exports list them. */
enum fig_rate {
	FR_RESPONSE,		/* 响应率 */
	FR_RESOLUTION,		/* 办结率 */
	FR_ONTIME,		/* 按期办结率 */
	FR_SATISFACTION,	/* 满意率 */
	FR_COMMUNITY,		/* 社区解决率 */
	FR_REPORTING,		/* 报到率 */
	FR_PARTICIPATION,	/* 参与率 */
	FR__MAX
};

struct fig_rate_def {
	const char	*id;		/* in URLs and JSON: "resolution" */
	const char	*label;		/* 办结率 */
	const char	*num_label;	/* what the numerator counts */
	const char	*den_label;	/* what the denominator counts */
	const char	*definition;	/* DESIGN.md's definition, in Chinese */
	int		 members;	/* a member figure */
};

extern const struct fig_rate_def fig_rates[FR__MAX];

/* The rate id's index, or -1. */
int	 fig_rate_find(const char *id);

/*
 * Numerator and denominator of rate k in f.  Returns 1 when the rate has
 * a value (den > 0), 0 when it is empty ("—"), -1 when it does not apply
 * (a member figure per grid or category).
 */
int	 fig_rate(enum fig_rate k, const struct db_figures *f, long long *num,
	    long long *den);

/*
 * Does rate k exist for a region at level (1 district .. 4 grid; 0 all)?
 * Member figures stop at communities: members have no grid.
 */
int	 fig_rate_at(enum fig_rate k, int level);

/*
 * The names of the region levels: 0 every district (全部), 1 区, 2 街道,
 * 3 社区, 4 网格, and "" for the level below a grid.
 */
extern const char *const fig_level_names[6];

/* Derived counts. */
long long fig_valid(const struct db_figures *);	/* received - rejected */
long long fig_open(const struct db_figures *);	/* valid - resolved */

/*
 * The means of DESIGN.md into *v: 平均办结时长, hours from receipt to
 * resolution over the resolved requests; 服务时长 per reported member.
 * Returns 1 when there is a value, 0 when the denominator is 0 ("—").
 */
int	 fig_mean_hours(const struct db_figures *, double *v);
int	 fig_hours_per_member(const struct db_figures *, double *v);

/* How the rows of a query are grouped. */
enum fig_group {
	FG_NONE,		/* the total only */
	FG_CHILD,		/* per child region */
	FG_CATEGORY,		/* per service category */
	FG_MONTH,		/* per month */
	FG__MAX
};

extern const char *const fig_group_names[FG__MAX];

/* A parsed figures query, ready for db_stats. */
struct fig_query {
	struct db_stats_query q;
	enum fig_group	 group;
	int		 region_id;	/* 0: every district */
	int		 level;		/* its level, 0..4 */
	char		 region_name[DB_NAME_MAX];
	const char	*child_name;	/* fig_level_names[level + 1] */
	char		 from[DB_DATE_LEN + 1], to[DB_DATE_LEN + 1];
	time_t		 as_of;
};

/* The figures of a query: the total and a row per group. */
#define FIG_ROWS_MAX	256	/* children, categories or months */
struct fig_result {
	struct db_figures total;
	size_t		 n;
	struct db_stats_row rows[FIG_ROWS_MAX];
};

/*
 * Read region, from, to, group and overdue (1: count the open requests
 * overdue now too, a live read) from the query string of r for staff
 * user s (defaults: the user's home region, the last 12 months to today,
 * grouping by child region — FG_NONE at a grid — or dflt when not
 * FG_CHILD).  A region outside the user's scope does not exist.  Returns
 * 0, or -1 after answering 400 (heading and the reason; JSON under
 * /api/), 404 or the database failure.
 */
int	 fig_parse(struct req *, const struct staff *, enum fig_group dflt,
	    const char *heading, struct fig_query *);

/*
 * The figures of fq into *res (which may be large: allocate it): computed
 * now, or as computed at most [figures] cache_seconds ago by this process;
 * fq->as_of and fq->q.now become the time they were computed.  Returns a
 * DB_ code.
 */
int	 fig_stats(struct req *, struct fig_query *, struct fig_result *);
/*
 * What a query's answer depends on besides the figures' time: for memos
 * of answers built from fig_stats (every field set, padding zero).
 */
struct fig_key {
	struct db_stats_query q;	/* q.now is 0 */
	int		 region_id;
	enum fig_group	 group;
};
void	 fig_key(const struct fig_query *, struct fig_key *);

/*
 * db_region_get, or the region as read at most [figures] cache_seconds
 * ago by this process: names for the figures' pages.  A db_rc.
 */
int	 fig_region(struct req *, int id, struct db_region *, int anc[4]);

/* Figures and region lookups answered from memory and not (/metrics). */
void	 fig_cache_counts(unsigned long long *hits,
	    unsigned long long *misses);

/* The local day number of t ([server] timezone). */
int	 fig_today(time_t t);

#endif
