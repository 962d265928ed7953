/*
 * The co-building figures (共驻共建, DESIGN.md "Co-building figures") of a
 * figures query, for /api/stats, the dashboard, the bar chart
 * /charts/cobuild.png and the figures exports (cgi/cbfig.c); the counts
 * come from the summary tables of migration 0021 (sql/cbfig.c).
 */
#ifndef LIANXIN_CBFIG_H
#define LIANXIN_CBFIG_H

#include <jansson.h>

#include "cbfigdb.h"
#include "figures.h"
#include "sheet.h"

/* The rates, in the order pages, JSON and exports list them. */
enum cb_rate {
	CBR_PARTICIPATION,	/* 单位参与率 */
	CBR_COMMITMENT,		/* 承诺兑现率 */
	CBR_NEED_CLAIM,		/* 需求认领率 */
	CBR_NEED_DONE,		/* 需求办结率 */
	CBR_WISH,		/* 心愿实现率 */
	CBR_DECISION,		/* 议定事项按期办结率 */
	CBR_EVAL_C2U,		/* 共建评议满意率（社区评单位） */
	CBR_EVAL_U2C,		/* 共建评议满意率（单位评社区） */
	CBR__MAX
};

/* Their ids in URLs and JSON ("commitment_fulfilment"). */
extern const char *const cbfig_ids[CBR__MAX];

/* Name, numerator, denominator and 口径 of each rate (Chinese). */
extern const struct fig_def cbfig_defs[CBR__MAX];

/* What every co-building figure is, in one sentence (pages, exports). */
#define CBFIG_NOTE "共驻共建指标：事项按所属社区（或街道）计入范围及其上级；" \
	"日期为本地日期；结果截至时段末或此刻（取较早者），时段末之后发生的" \
	"不计；分母为 0 时为“—”，不是 0。"

/*
 * Numerator and denominator of rate k in f; 1 when the rate has a value
 * (den > 0), 0 when it is empty.  Pure.
 */
int	 cbfig_rate(enum cb_rate k, const struct db_cb_figures *f,
	    long long *num, long long *den);

/* E: the last day the outcomes of the period [.., to] count on, the end
 * of the period or today, whichever is earlier (day numbers).  Pure. */
int	 cbfig_end(int to, int today);

/* The co-building figures of a query. */
struct cbfig_row {
	int		 key;		/* region id; YYYYMM by month */
	char		 name[DB_NAME_MAX + 32];
	int		 drill;		/* key is a region to drill down to */
	struct db_cb_figures f;
};
struct cbfig {
	int		 applies;	/* 0 at a grid: no co-building there */
	int		 grouped;	/* rows apply to the grouping */
	int		 end;		/* E, a day number */
	struct db_cb_figures total;
	size_t		 n;
	struct cbfig_row rows[FIG_ROWS_MAX + 1];
};

/*
 * The co-building figures of fq into *out (large: allocate it), grouped
 * like res (fig_stats's answer to fq, whose rows name the children or
 * months): by child region above a community — plus a row "本级" for the
 * scope's own items when it has any, so that the rows add up to the
 * total — or by month; not by category or below a street.  A db_rc.
 */
int	 cbfig_load(struct req *, const struct fig_query *fq,
	    const struct fig_result *res, struct cbfig *out);

/* The "cobuild" block of /api/stats (null when it does not apply). */
json_t	*cbfig_json(const struct cbfig *, int *oom);

/* The dashboard's 共驻共建 section, its bar chart of rate chosen. */
void	 cbfig_section(struct req *, const struct fig_query *fq,
	    const struct cbfig *, int chosen);

/* The field of the dashboard that chooses the chart's rate. */
#define CBFIG_CHOICE_FIELD(name) \
	{ name, "共建图表指标", V_ENUM, false, 0, CBR__MAX, cbfig_ids, \
	    "没有这个共驻共建指标。" }

/* The figures exports' columns: numerator, denominator and rate of each
 * rate (cbfig_sheet_cols fills them at start-up). */
#define CBFIG_NCOLS	(3 * CBR__MAX)
void	 cbfig_sheet_cols(struct sheet_col cols[CBFIG_NCOLS]);
/* The cells of f, or empty ones when f is NULL. */
void	 cbfig_sheet_cells(struct sheet *, const struct db_cb_figures *f);

#endif
