/*
 * The figures for people and programs, shared by /api/stats, the charts,
 * the dashboard and the exports: the rates of DESIGN.md by identifier
 * with their names and definitions, and the one query they all take
 * (scope, period, grouping) with its checks.
 */
#ifndef LIANXIN_FIGURES_H
#define LIANXIN_FIGURES_H

#include <limits.h>
#include <time.h>

#include "auth.h"
#include "db.h"
#include "valid.h"

/*
 * The figures of DESIGN.md, each defined once: fig_defs holds, for every
 * figure, the name and the definition every page, chart, export note and
 * JSON document shows (the one the code computes).  The rates come
 * first, in the order pages and exports list them (enum fig_rate), then
 * the counts and means (enum fig_measure).
 */
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

enum fig_measure {
	FM_RECEIVED = FR__MAX,	/* 收到量 */
	FM_REJECTED,		/* 不予受理 */
	FM_VALID,		/* 有效量 */
	FM_OPEN,		/* 在办量 */
	FM_OVERDUE,		/* 其中已超期 */
	FM_MEAN_HOURS,		/* 平均办结时长 */
	FM_ROSTER,		/* 名册党员 */
	FM_HOURS,		/* 服务时长 */
	FM_HOURS_PER_MEMBER,	/* 人均服务时长 */
	FD__MAX
};

struct fig_def {
	const char	*label;		/* 办结率 */
	const char	*num_label;	/* a rate's numerator; else NULL */
	const char	*den_label;	/* a rate's denominator, what a mean
					   is over; else NULL */
	const char	*unit;		/* a count's or mean's: 件, 人, 小时 */
	const char	*definition;	/* DESIGN.md's, in Chinese */
	int		 members;	/* a member figure (not per grid or
					   category, nor for a grid) */
};

extern const struct fig_def fig_defs[FD__MAX];

/* The rates are the first FR__MAX definitions (the names of before). */
#define fig_rates	fig_defs
#define fig_rate_def	fig_def

/* The rates' ids, in URLs and JSON: "resolution". */
extern const char *const fig_rate_ids[FR__MAX];

/*
 * The words of the figures (DESIGN.md's "Words"), one meaning each, as
 * pages and exports explain them: the word, what it means, what it does
 * not mean (NULL: nothing to say).
 */
struct fig_word {
	const char	*word;
	const char	*means;
	const char	*not;
};
extern const struct fig_word fig_words[];
extern const size_t fig_nwords;		/* how many */

/* What every request figure is, in one sentence (pages, export notes). */
#define FIG_NOTE_COHORT	"诉求指标按“提交批次”统计：时段内提交（按提交日期，" \
	"本地时间）、地点在范围内的诉求，统计其至今的办理结果；党员指标截至" \
	"时段末或此刻（取较早者）。"

/*
 * Numerator and denominator of rate k in f.  Returns 1 when the rate has
 * a value (den > 0), 0 when it is empty ("—"), -1 when it does not apply
 * (a member figure per grid or category).
 */
int	 fig_rate(enum fig_rate k, const struct db_figures *f, long long *num,
	    long long *den);

/*
 * Is rate k in f below target_percent ([figures] target_percent)?  1 when
 * it has a value under the target, else 0 (no value is never below).
 */
int	 fig_below_target(enum fig_rate k, const struct db_figures *f,
	    int target_percent);

/* The visible marks of tables (text, not colour alone). */
#define FIG_MARK_BELOW		"↓低于目标"
#define FIG_MARK_INCOMPLETE	"（未完结）"

/*
 * Is rate k defined for a region at level (1 district .. 4 grid; 0 all)?
 * Member figures stop at communities: members have no grid.
 */
int	 fig_rate_at(enum fig_rate k, int level);

/* Derived counts. */
long long fig_valid(const struct db_figures *);	/* received - rejected */
long long fig_open(const struct db_figures *);	/* valid - resolved */

/*
 * The means of DESIGN.md into *v: 平均办结时长, hours from submission to
 * resolution over the resolved requests; 服务时长 per reported member.
 * Returns 1 when there is a value, 0 when the denominator is 0 ("—").
 */
int	 fig_mean_hours(const struct db_figures *, double *v);
int	 fig_hours_per_member(const struct db_figures *, double *v);

/*
 * Complete periods.  A period's figures can still move while it is not
 * over, and while requests received in it may still be within their
 * limits: a request received on its last day `to` may be accepted up to
 * its response limit later and resolved up to its resolve limit after
 * that (settle_days: the largest such span of the active categories, in
 * whole days; db_stats_settle_days).  The rule, the one of every page,
 * chart and JSON document:
 *
 *	complete  iff  to < today  and  to + settle_days < today
 *
 * (today: the local day of the figures' as-of time).  Returns 1 when
 * complete (*reason NULL), else 0 with *reason the first that fails:
 * fig_incomplete[FIG_NOT_OVER] "本期尚未结束" or [FIG_NOT_SETTLED]
 * "部分诉求尚未到办结期限".
 */
enum fig_incomplete {
	FIG_NOT_OVER,		/* the period is not over */
	FIG_NOT_SETTLED,	/* some requests may still be within limits */
	FIG_INCOMPLETE__MAX
};
extern const char *const fig_incomplete[FIG_INCOMPLETE__MAX];
int	 fig_complete(int to, int today, int settle_days,
	    const char **reason);

/* How the rows of a query are grouped. */
enum fig_group {
	FG_NONE,		/* the total only */
	FG_CHILD,		/* per child region */
	FG_CATEGORY,		/* per service category */
	FG_MONTH,		/* per month */
	FG__MAX
};

extern const char *const fig_group_names[FG__MAX];

/*
 * The fields of a figures query.  Every route that takes one (/api/stats,
 * the charts, the dashboard, the exports) begins its table with
 * FIG_FIELDS, so that fig_parse finds them at r->v[FF_...]; the route's
 * own fields follow, from FF__MAX on.
 */
enum fig_field {
	FF_REGION,	/* region: a region id; 0 every district */
	FF_FROM,	/* from: the first day of the period */
	FF_TO,		/* to: its last day */
	FF_GROUP,	/* group: one of fig_group_names */
	FF_OVERDUE,	/* overdue: 1 counts the open requests overdue now */
	FF__MAX
};
#define FIG_DATE_MSG	"日期应为有效的“年-月-日”，如 2026-01-31"
#define FIG_FIELDS \
	[FF_REGION] = { "region", "区域", V_INT, false, 0, INT_MAX }, \
	[FF_FROM] = { "from", "开始日期", V_DATE, false, 0, 0, NULL, \
	    FIG_DATE_MSG }, \
	[FF_TO] = { "to", "结束日期", V_DATE, false, 0, 0, NULL, \
	    FIG_DATE_MSG }, \
	[FF_GROUP] = { "group", "分组", V_ENUM, false, 0, FG__MAX, \
	    fig_group_names, "分组应为 none、child、category 或 month" }, \
	[FF_OVERDUE] = { "overdue", "超期统计", V_INT, false, 0, 1 }

/* The table of a route that takes the figures' fields alone. */
extern const struct vfield fig_fields[FF__MAX];

/* A parsed figures query, ready for db_stats. */
struct fig_query {
	struct db_stats_query q;
	enum fig_group	 group;
	int		 region_id;	/* 0: every district */
	int		 level;		/* enum region_level: 0 all .. 4 grid */
	char		 region_name[DB_NAME_MAX];
	const char	*child_name;	/* the label of level + 1 in
					   word_region ("" below a grid) */
	char		 from[DB_DATE_LEN + 1], to[DB_DATE_LEN + 1];
	time_t		 as_of;
};

/* The figures of a query: the total and a row per group. */
#define FIG_ROWS_MAX	256	/* children, categories or months */
struct fig_result {
	struct db_figures total;
	int		 settle_days;	/* db_stats_settle_days, read with
					   the figures */
	size_t		 n;
	struct db_stats_row rows[FIG_ROWS_MAX];
};

/*
 * fig_complete of row i of res (FIG_TOTAL: its total) for query fq: a
 * month row over its days within the period, any other row over the
 * period; today is the local day of fq->as_of.
 */
#define FIG_TOTAL	((size_t)-1)
int	 fig_row_complete(const struct fig_query *, const struct fig_result *,
	    size_t i, const char **reason);

/*
 * The query of the route's FIG_FIELDS (r->v[FF_...], validated by the
 * dispatcher) for staff user s: defaults the user's home region, the
 * last 12 months to today, grouping by child region — FG_NONE at a grid
 * — or dflt when not FG_CHILD; overdue 1 counts the open requests
 * overdue now too (a live read).  A region outside the user's scope does
 * not exist.  Returns 0, or -1 after answering 400 (heading and the
 * reason; JSON under /api/), 404 (staff_not_found) or the database
 * failure.
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
