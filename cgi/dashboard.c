/*
 * The officials' dashboard: GET /dashboard?region=&from=&to=
 *
 * For a scope and a period: every figure with numerator and denominator,
 * the same per child region with drill-down links (district → street →
 * community → grid), the charts as <img> whose alt text states the
 * figures, and links to the exports.  States scope, period and "as of".
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "day.h"
#include "cbfig.h"
#include "dashboard.h"
#include "deptfig.h"
#include "figures.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "workdays.h"

/* "93.5%", or "—" for an empty rate, into s. */
static void
pct_str(char s[32], long long num, long long den)
{
	if (den <= 0)
		snprintf(s, 32, "—");
	else
		snprintf(s, 32, "%.1f%%", 100.0 * (double)num / (double)den);
}

static void
pct(struct buf *b, long long num, long long den)
{
	char	 s[32];

	pct_str(s, num, den);
	buf_add(b, s);
}

/* The query string of the scope and period, for links (HTML-escaped). */
static void
scope_args(struct buf *b, int region, const struct fig_query *fq)
{
	buf_printf(b, "region=%d&amp;from=%s&amp;to=%s", region, fq->from,
	    fq->to);
}

/* Ancestors of the scope as links, then the scope itself. */
static void
crumbs(struct req *r, const struct staff *s, const struct fig_query *fq)
{
	struct buf	*b = &r->body;
	struct db_region reg;
	int		 anc[4], i, id;

	buf_add(b, "<p class=\"crumbs\">");
	for (i = 0; i + 1 < fq->level; i++) {
		id = fq->q.scope.id[i];
		/* Only ancestors the user may see. */
		if (fig_region(r, id, &reg, anc) != DB_OK ||
		    !db_in_scope(&s->u.scope, anc))
			continue;
		buf_add(b, "<a href=\"/dashboard?");
		scope_args(b, id, fq);
		buf_add(b, "\">");
		html_txt(b, reg.name);
		buf_add(b, "</a> › ");
	}
	buf_add(b, "<strong>");
	html_txt(b, fq->region_name);
	buf_add(b, "</strong></p>\n");
}

/* A link to the scope over the days [from, to]. */
static void
quick(struct buf *b, const struct fig_query *fq, const char *label,
    int from, int to)
{
	char	 f[DB_DATE_LEN + 1], t[DB_DATE_LEN + 1];

	day_format(from, f);
	day_format(to, t);
	buf_printf(b, "<a href=\"/dashboard?region=%d&amp;from=%s&amp;"
	    "to=%s\">%s</a>", fq->region_id, f, t, label);
}

/* The period picker, with quick periods. */
static void
picker(struct buf *b, const struct fig_query *fq)
{
	int	 today = fig_today(fq->as_of), last, y, m, d;

	buf_printf(b, "<form method=\"get\" action=\"/dashboard\" "
	    "class=\"card filters\">\n<input type=\"hidden\" name=\"region\" "
	    "value=\"%d\">\n<label for=\"from\">时段（按提交日期）</label>"
	    "<input type=\"date\" id=\"from\" name=\"from\" value=\"%s\" "
	    "required> 至 <input type=\"date\" id=\"to\" name=\"to\" "
	    "value=\"%s\" required> <button type=\"submit\" "
	    "class=\"button\">查看</button>\n<p class=\"quick\">",
	    fq->region_id, fq->from, fq->to);
	day_ymd(today, &y, &m, &d);
	quick(b, fq, "本月", day_from_ymd(y, m, 1), today);
	quick(b, fq, "本季度", day_from_ymd(y, (m - 1) / 3 * 3 + 1, 1), today);
	quick(b, fq, "今年", day_from_ymd(y, 1, 1), today);
	last = day_from_ymd(y, m, 1) - 1;
	day_ymd(last, &y, &m, &d);
	quick(b, fq, "上月", day_from_ymd(y, m, 1), last);
	buf_printf(b, "<a href=\"/dashboard?region=%d\">近12个月</a>",
	    fq->region_id);
	buf_add(b, "</p>\n</form>\n");
}

/*
 * The marks of the tables: text with a class and a title, never colour
 * alone.  A rate below the target; a period whose figures can still move.
 */
static void
below_mark(struct buf *b, int target)
{
	buf_printf(b, " <span class=\"below\" title=\"低于目标值 %d%%\">"
	    FIG_MARK_BELOW "</span>", target);
}

static void
incomplete_mark(struct buf *b, const char *why)
{
	buf_add(b, " <span class=\"partial\" title=\"");
	html_attr(b, why);
	buf_add(b, "\">" FIG_MARK_INCOMPLETE "</span>");
}

/* What the marks mean, under a table that has them. */
static void
marks_note(struct buf *b, const char *why, int target, int below)
{
	if (why != NULL) {
		buf_add(b, "<p class=\"note\">" FIG_MARK_INCOMPLETE "：");
		html_txt(b, why);
		buf_add(b, "，数字还会变化，不能与已完结的时段相比。</p>\n");
	}
	if (below)
		buf_printf(b, "<p class=\"note\">" FIG_MARK_BELOW "：比率低于"
		    "目标值 %d%%。</p>\n", target);
}

/* A row of the total table: figure d, its numbers, its definition. */
static void
def_row(struct buf *b, const struct fig_def *d, const char *num,
    const char *den, const char *value, int below, int target)
{
	buf_add(b, "<tr><th>");
	html_txt(b, d->label);
	buf_printf(b, "</th><td class=\"num\">%s</td><td class=\"num\">%s"
	    "</td><td class=\"num%s\"><strong>%s</strong>", num, den,
	    below ? " below" : "", value);
	if (below)
		below_mark(b, target);
	buf_add(b, "</td><td class=\"muted\">");
	html_txt(b, d->definition);
	buf_add(b, "</td></tr>\n");
}

/* A count of figure k: the value alone. */
static void
count_row(struct buf *b, enum fig_measure k, long long v)
{
	char	 s[32];

	snprintf(s, sizeof(s), "%lld", v);
	def_row(b, &fig_defs[k], "", "", s, 0, 0);
}

/* A mean of figure k over den (fig_mean_hours or the like): "—" without
 * one. */
static void
mean_row(struct buf *b, enum fig_measure k, const struct db_figures *f,
    int (*mean)(const struct db_figures *, double *), long long den)
{
	char	 s[32], d[32];
	double	 v;

	if (mean(f, &v))
		snprintf(s, sizeof(s), "%.1f %s", v, fig_defs[k].unit);
	else
		snprintf(s, sizeof(s), "—");
	snprintf(d, sizeof(d), "%lld", den);
	def_row(b, &fig_defs[k], "", d, s, 0, 0);
}

/*
 * The table of every figure of the scope, each with its definition
 * (fig_defs), marked when the period is incomplete (why) and where a
 * rate is below target.
 */
static void
total_table(struct buf *b, const struct db_figures *f, const char *why,
    int target)
{
	char		 n[32], d[32], v[32];
	long long	 num, den;
	int		 k, below, nbelow = 0;

	buf_add(b, "<section><h2>总体指标");
	if (why != NULL)
		incomplete_mark(b, why);
	buf_add(b, "</h2><div class=\"scroll\"><table>\n"
	    "<tr><th>指标</th><th class=\"num\">分子</th>"
	    "<th class=\"num\">分母</th><th class=\"num\">数值</th>"
	    "<th>口径</th></tr>\n");
	count_row(b, FM_RECEIVED, f->received);
	count_row(b, FM_REJECTED, f->rejected);
	count_row(b, FM_VALID, fig_valid(f));
	for (k = 0; k < FR__MAX; k++) {
		if (fig_rate((enum fig_rate)k, f, &num, &den) < 0)
			continue;
		pct_str(v, num, den);
		snprintf(n, sizeof(n), "%lld", num);
		snprintf(d, sizeof(d), "%lld", den);
		below = fig_below_target((enum fig_rate)k, f, target);
		nbelow += below;
		def_row(b, &fig_defs[k], n, d, v, below, target);
	}
	mean_row(b, FM_MEAN_HOURS, f, fig_mean_hours, f->resolved);
	count_row(b, FM_OPEN, fig_open(f));
	count_row(b, FM_OVERDUE, f->overdue);
	if (f->members) {
		count_row(b, FM_ROSTER, f->roster);
		snprintf(n, sizeof(n), "%.1f %s", (double)f->hours_tenths / 10.0,
		    fig_defs[FM_HOURS].unit);
		def_row(b, &fig_defs[FM_HOURS], "", "", n, 0, 0);
		mean_row(b, FM_HOURS_PER_MEMBER, f, fig_hours_per_member,
		    f->reported);
	}
	buf_add(b, "</table></div>\n");
	marks_note(b, why, target, nbelow);
	buf_add(b, "</section>\n");
}

/* One rate with its count for the child and month tables; 1 when it is
 * below target. */
static int
cell(struct buf *b, enum fig_rate k, const struct db_figures *f, int min,
    int target)
{
	long long	 num, den;
	int		 has = fig_rate(k, f, &num, &den);
	int		 below = fig_below_target(k, f, target);

	buf_printf(b, "<td class=\"num%s%s\">", has >= 0 && den > 0 &&
	    den < min ? " low" : "", below ? " below" : "");
	if (has < 0)
		buf_add(b, "—");
	else {
		pct(b, num, den);
		if (below)
			below_mark(b, target);
		buf_printf(b, "<br><small>n=%lld</small>", den);
	}
	buf_add(b, "</td>");
	return below;
}

/* The header cells of the rates defined at level. */
static void
rate_heads(struct buf *b, int level)
{
	int	 k;

	for (k = 0; k < FR__MAX; k++) {
		if (!fig_rate_at((enum fig_rate)k, level))
			continue;
		buf_add(b, "<th class=\"num\">");
		html_txt(b, fig_defs[k].label);
		buf_add(b, "</th>");
	}
}

/* The cells of the rates defined at level; how many are below target. */
static int
rate_cells(struct buf *b, int level, const struct db_figures *f, int min,
    int target)
{
	int	 k, nbelow = 0;

	for (k = 0; k < FR__MAX; k++)
		if (fig_rate_at((enum fig_rate)k, level))
			nbelow += cell(b, (enum fig_rate)k, f, min, target);
	return nbelow;
}

/* The child regions over the period (marked as the total: why). */
static void
child_table(struct buf *b, const struct fig_query *fq,
    const struct db_stats_row *rows, size_t n, int min, int target,
    const char *why)
{
	size_t		 i;
	int		 nbelow = 0;

	buf_add(b, "<section><h2>各");
	html_txt(b, fq->child_name);
	buf_add(b, "指标");
	if (why != NULL)
		incomplete_mark(b, why);
	buf_add(b, "</h2><div class=\"scroll\"><table>\n<tr><th>");
	html_txt(b, fq->child_name);
	buf_add(b, "</th><th class=\"num\">");
	html_txt(b, fig_defs[FM_RECEIVED].label);
	buf_add(b, "</th>");
	rate_heads(b, fq->level + 1);
	buf_add(b, "<th class=\"num\">");
	html_txt(b, fig_defs[FM_OVERDUE].label);
	buf_add(b, "</th></tr>\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<tr><th>");
		if (rows[i].key != 0) {
			buf_add(b, "<a href=\"/dashboard?");
			scope_args(b, rows[i].key, fq);
			buf_add(b, "\">");
			html_txt(b, rows[i].name);
			buf_add(b, "</a>");
		} else
			html_txt(b, rows[i].name);
		buf_printf(b, "</th><td class=\"num\">%lld</td>",
		    rows[i].f.received);
		nbelow += rate_cells(b, fq->level + 1, &rows[i].f, min, target);
		buf_printf(b, "<td class=\"num\">%lld</td></tr>\n",
		    rows[i].f.overdue);
	}
	buf_printf(b, "</table></div><p class=\"muted\">n 为分母；分母不足 %d "
	    "的单位以灰色显示，排名时不计。点击名称查看下一级。</p>\n", min);
	marks_note(b, why, target, nbelow);
	buf_add(b, "</section>\n");
}

/* The months of the period, each marked while incomplete. */
static void
month_table(struct buf *b, const struct fig_query *mq,
    const struct fig_result *mres, int min, int target)
{
	const char	*why, *first = NULL;
	size_t		 i;
	int		 nbelow = 0;

	buf_add(b, "<section><h2>逐月指标</h2><div class=\"scroll\"><table>\n"
	    "<tr><th>月份（按提交日期）</th><th class=\"num\">");
	html_txt(b, fig_defs[FM_RECEIVED].label);
	buf_add(b, "</th>");
	rate_heads(b, mq->level);
	buf_add(b, "</tr>\n");
	for (i = 0; i < mres->n; i++) {
		buf_add(b, "<tr><th>");
		html_txt(b, mres->rows[i].name);
		if (!fig_row_complete(mq, mres, i, &why)) {
			incomplete_mark(b, why);
			if (first == NULL)
				first = why;
		}
		buf_printf(b, "</th><td class=\"num\">%lld</td>",
		    mres->rows[i].f.received);
		nbelow += rate_cells(b, mq->level, &mres->rows[i].f, min,
		    target);
		buf_add(b, "</tr>\n");
	}
	buf_add(b, "</table></div>\n");
	if (first != NULL)
		buf_add(b, "<p class=\"note\">" FIG_MARK_INCOMPLETE "：本期尚未"
		    "结束，或部分诉求尚未到办结期限（悬停可见原因），数字还会变化，"
		    "不能与已完结的月份相比。</p>\n");
	marks_note(b, NULL, target, nbelow);
	buf_add(b, "</section>\n");
}

/* The words of the figures (DESIGN.md), one meaning each. */
static void
words_table(struct buf *b)
{
	size_t	 i, j;

	buf_add(b, "<section><details><summary>词语与口径说明</summary>"
	    "<div class=\"scroll\"><table>\n<tr><th>词语</th><th>含义</th>"
	    "<th>不是</th></tr>\n");
	for (i = 0; i < fig_nwords; i++) {
		const char *col[3] = { fig_words[i].word, fig_words[i].means,
		    fig_words[i].not != NULL ? fig_words[i].not : "" };

		for (j = 0; j < 3; j++) {
			buf_add(b, j == 0 ? "<tr><th>" : "<td>");
			html_txt(b, col[j]);
			buf_add(b, j == 0 ? "</th>" : "</td>");
		}
		buf_add(b, "</tr>\n");
	}
	buf_add(b, "</table></div><p class=\"muted\">");
	html_txt(b, FIG_NOTE_COHORT);
	buf_add(b, "</p></details></section>\n");
}

/*
 * The sizes a chart is asked at, by the viewport's width: a chart drawn
 * for the width it is shown at keeps its labels legible (a chart of 800
 * pixels shrunk onto a phone does not).  Media conditions, not srcset
 * widths: those would let a phone of two device pixels per CSS pixel take
 * the 800-pixel chart and shrink its labels to half.  Keep in step with
 * static/lianxin.css, where phones (< 40rem) show charts the full width of
 * the screen and wider screens inside the section (at least 558 pixels
 * from 640 on): every chart is shown at >= 3/4 of its width.
 */
static const struct chart_size {
	const char	*media;		/* NULL: the <img>, all other screens */
	int		 w, h;		/* asked and stated size, pixels */
} chart_sizes[] = {
	{ "(max-width: 480px)", 400, 300 },	/* phones: taller */
	{ "(max-width: 760px)", 600, 360 },	/* large phones, tablets */
	{ NULL, 800, 400 },			/* the rest */
};

/* The URL of a chart ("bar") of the scope and period, with arg=val first
 * when arg is not NULL, at w x h (HTML-escaped). */
static void
chart_url(struct buf *b, const char *chart, const char *arg,
    const char *val, const struct fig_query *fq, int w, int h)
{
	buf_printf(b, "/charts/%s.png?", chart);
	if (arg != NULL)
		buf_printf(b, "%s=%s&amp;", arg, val);
	scope_args(b, fq->region_id, fq);
	buf_printf(b, "&amp;w=%d&amp;h=%d", w, h);
}

/*
 * Open a chart: a <picture> with a source per size of chart_sizes and its
 * <img>, written up to the opening quote of the alt text.  The caller
 * writes the alt text and closes with "\"></picture>".
 */
void
dashboard_chart_img(struct buf *b, const char *chart, const char *arg,
    const char *val, const struct fig_query *fq)
{
	const struct chart_size *cs;

	buf_add(b, "<picture>");
	for (cs = chart_sizes; cs->media != NULL; cs++) {
		buf_printf(b, "<source media=\"%s\" srcset=\"", cs->media);
		chart_url(b, chart, arg, val, fq, cs->w, cs->h);
		buf_printf(b, "\" width=\"%d\" height=\"%d\">", cs->w, cs->h);
	}
	buf_add(b, "<img src=\"");
	chart_url(b, chart, arg, val, fq, cs->w, cs->h);
	buf_printf(b, "\" width=\"%d\" height=\"%d\" alt=\"", cs->w, cs->h);
}

/* A bar chart of rate k with alt text that states every bar. */
static void
bar_figure(struct buf *b, const struct fig_query *fq, enum fig_rate k,
    const struct db_stats_row *rows, size_t n)
{
	long long	 num, den;
	size_t		 i;

	buf_add(b, "<figure>");
	dashboard_chart_img(b, "bar", "rate", fig_rate_ids[k], fq);
	html_attr(b, fq->region_name);
	buf_add(b, "各");
	html_attr(b, fq->child_name);
	html_attr(b, fig_rates[k].label);
	buf_add(b, "：");
	for (i = 0; i < n; i++) {
		buf_add(b, i ? "；" : "");
		html_attr(b, rows[i].name);
		buf_add(b, " ");
		if (fig_rate(k, &rows[i].f, &num, &den) > 0) {
			pct(b, num, den);
			buf_printf(b, "（%lld/%lld）", num, den);
		} else
			buf_add(b, "无数据");
	}
	buf_add(b, "\"></picture><figcaption>");
	html_txt(b, fig_rates[k].label);
	buf_add(b, "：");
	html_txt(b, fig_rates[k].definition);
	buf_add(b, "</figcaption></figure>\n");
}

static void
stack_figure(struct buf *b, const struct fig_query *fq,
    const struct db_stats_row *rows, size_t n)
{
	const struct db_figures *f;
	size_t		 i;

	buf_add(b, "<figure>");
	dashboard_chart_img(b, "stack", NULL, NULL, fq);
	html_attr(b, fq->region_name);
	buf_add(b, "各");
	html_attr(b, fq->child_name);
	buf_add(b, "诉求办理情况（按期办结/超期办结/办理中未超期/已超期）：");
	for (i = 0; i < n; i++) {
		f = &rows[i].f;
		buf_add(b, i ? "；" : "");
		html_attr(b, rows[i].name);
		buf_printf(b, " %lld/%lld/%lld/%lld", f->ontime,
		    f->resolved - f->ontime, fig_open(f) - f->overdue,
		    f->overdue);
	}
	buf_add(b, "\"></picture><figcaption>诉求办理情况：按期办结、超期办结、"
	    "办理中未超期、已超期（截至此刻）</figcaption></figure>\n");
}

/* The charts of the child regions: a bar chart of each rate they have,
 * then their outcomes. */
static void
child_charts(struct buf *b, const struct fig_query *fq,
    const struct db_stats_row *rows, size_t n)
{
	static const enum fig_rate ks[] = { FR_RESOLUTION, FR_ONTIME,
	    FR_SATISFACTION, FR_REPORTING };
	size_t		 i;

	for (i = 0; i < sizeof(ks) / sizeof(ks[0]); i++)
		if (fig_rate_at(ks[i], fq->level + 1))
			bar_figure(b, fq, ks[i], rows, n);
	stack_figure(b, fq, rows, n);
}

static void
trend_figure(struct buf *b, const struct fig_query *fq,
    const struct db_stats_row *months, size_t n)
{
	static const enum fig_rate ks[] = { FR_RESOLUTION, FR_ONTIME,
	    FR_SATISFACTION };
	long long	 num, den;
	size_t		 i, j;

	buf_add(b, "<figure>");
	dashboard_chart_img(b, "trend", "rates", "resolution,ontime,satisfaction", fq);
	html_attr(b, fq->region_name);
	buf_add(b, "逐月办结率、按期办结率、满意率：");
	for (i = 0; i < n; i++) {
		buf_add(b, i ? "；" : "");
		html_attr(b, months[i].name);
		for (j = 0; j < sizeof(ks) / sizeof(ks[0]); j++) {
			buf_add(b, j ? "、" : " ");
			(void)fig_rate(ks[j], &months[i].f, &num, &den);
			pct(b, num, den);
		}
	}
	buf_add(b, "\"></picture><figcaption>逐月趋势：办结率、按期办结率、满意率"
	    "（按提交月份）</figcaption></figure>\n");
}

static void
exports(struct buf *b, const struct fig_query *fq)
{
	static const char *const what[][2] = {
		{ "figures.csv?group=child&amp;", "指标表（CSV）" },
		{ "figures.xlsx?group=child&amp;", "指标表（Excel）" },
		{ "requests.csv?", "诉求清单（CSV）" },
		{ "requests.xlsx?", "诉求清单（Excel）" },
	};
	size_t	 i;

	buf_add(b, "<section><h2>导出</h2><p class=\"quick\">");
	for (i = 0; i < sizeof(what) / sizeof(what[0]); i++) {
		buf_printf(b, "<a href=\"/export/%s", what[i][0]);
		scope_args(b, fq->region_id, fq);
		buf_printf(b, "\">%s</a>", what[i][1]);
	}
	buf_add(b, "</p><p class=\"muted\">导出的数字与本页相同；手机号已脱敏，"
	    "不含群众姓名。</p></section>\n");
}

/* The dashboard takes the figures' fields, then the rate of the
 * co-building chart (cgi/cbfig.c). */
enum { DF_CBFIG = FF__MAX, DF__MAX };
static const struct vfield dashboard_fields[DF__MAX] = {
	FIG_FIELDS,
	[DF_CBFIG] = CBFIG_CHOICE_FIELD("cbfig"),
};
VFORM(form_dashboard, dashboard_fields);

/*
 * GET /dashboard: 200; 303 to the login page; 400 a bad period; 404 a
 * region outside the user's scope; 500/503.
 */
void
page_dashboard(struct req *r)
{
	struct staff	 s;
	struct fig_query fq, mq;
	struct fig_result *res = NULL, *mres = NULL;
	struct cbfig	*cb = NULL;
	const char	*why;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if (fig_parse(r, &s, FG_CHILD, "查询条件有误", &fq) == -1)
		return;
	fq.q.overdue = 1;	/* the outcome table and chart show it */
	mq = fq;
	mq.q.overdue = 0;
	mq.group = FG_MONTH;
	mq.q.group = DB_STATS_MONTH;
	if ((res = malloc(sizeof(*res))) == NULL ||
	    (mres = malloc(sizeof(*mres))) == NULL ||
	    (cb = malloc(sizeof(*cb))) == NULL) {
		rc = DB_ERROR;
		goto fail;
	}
	if ((rc = fig_stats(r, &fq, res)) != DB_OK ||
	    (rc = fig_stats(r, &mq, mres)) != DB_OK ||
	    (rc = cbfig_load(r, &fq, res, cb)) != DB_OK)
		goto fail;
	if (mq.as_of < fq.as_of)
		fq.as_of = mq.as_of;	/* the page is as old as its oldest */

	staff_begin(r, &s, "数据看板");
	buf_add(&r->body, "<h1>数据看板</h1>\n");
	crumbs(r, &s, &fq);
	buf_add(&r->body, "<p class=\"muted\">范围：");
	html_txt(&r->body, fq.region_name);
	buf_printf(&r->body, "；时段：%s 至 %s（按提交日期，", fq.from, fq.to);
	html_txt(&r->body, r->cfg->timezone);
	buf_add(&r->body, "）；数据截至 ");
	html_time(&r->body, fq.as_of);
	buf_add(&r->body, "。");
	html_txt(&r->body, FIG_NOTE_COHORT);
	buf_add(&r->body, "</p>\n");
	picker(&r->body, &fq);
	workdays_notice(&r->body, r->db, time(NULL));
	(void)fig_row_complete(&fq, res, FIG_TOTAL, &why);	/* NULL: is */
	/* On narrow screens the figures table reflows (lianxin.css). */
	buf_add(&r->body, "<div class=\"totals\">");
	total_table(&r->body, &res->total, why, r->cfg->target_percent);
	buf_add(&r->body, "</div>\n");
	if (fq.group == FG_CHILD)
		child_table(&r->body, &fq, res->rows, res->n,
		    r->cfg->min_count, r->cfg->target_percent, why);
	month_table(&r->body, &mq, mres, r->cfg->min_count,
	    r->cfg->target_percent);
	deptfig_table(r, &fq);		/* the departments (issue 19) */
	cbfig_section(r, &fq, cb, r->v[DF_CBFIG].present ?	/* issue 20 */
	    (int)r->v[DF_CBFIG].i : CBR_PARTICIPATION);
	buf_add(&r->body, "<section><h2>图表</h2>\n");
	if (fq.group == FG_CHILD)
		child_charts(&r->body, &fq, res->rows, res->n);
	trend_figure(&r->body, &fq, mres->rows, mres->n);
	buf_add(&r->body, "</section>\n");
	exports(&r->body, &fq);
	words_table(&r->body);
	html_end(r);
	free(res);
	free(mres);
	free(cb);
	return;
fail:
	free(res);
	free(mres);
	free(cb);
	http_db_error(r, rc);
}
