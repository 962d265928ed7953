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

#include "config.h"
#include "day.h"
#include "figures.h"
#include "html.h"
#include "route.h"
#include "staff.h"

/* "93.5%", or "—" for an empty rate. */
static void
pct(struct buf *b, long long num, long long den)
{
	if (den <= 0)
		buf_add(b, "—");
	else
		buf_printf(b, "%.1f%%", 100.0 * (double)num / (double)den);
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
	    "value=\"%d\">\n<label for=\"from\">时段（按受理日期）</label>"
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

static void
fig_row(struct buf *b, const char *name, const char *num_label,
    long long num, const char *den_label, long long den, int rate,
    const char *def)
{
	buf_add(b, "<tr><th>");
	html_txt(b, name);
	buf_add(b, "</th><td class=\"num\">");
	if (num_label != NULL)
		buf_printf(b, "%lld", num);
	buf_add(b, "</td><td class=\"num\">");
	if (den_label != NULL)
		buf_printf(b, "%lld", den);
	buf_add(b, "</td><td class=\"num\"><strong>");
	if (rate)
		pct(b, num, den);
	else
		buf_printf(b, "%lld", num);
	buf_add(b, "</strong></td><td class=\"muted\">");
	html_txt(b, def);
	buf_add(b, "</td></tr>\n");
}

/* The table of every figure of the scope. */
static void
total_table(struct buf *b, const struct db_figures *f)
{
	long long	 num, den;
	double		 h;
	int		 k;

	buf_add(b, "<section><h2>总体指标</h2><div class=\"scroll\"><table>\n"
	    "<tr><th>指标</th><th class=\"num\">分子</th>"
	    "<th class=\"num\">分母</th><th class=\"num\">数值</th>"
	    "<th>口径</th></tr>\n");
	fig_row(b, "受理量", "", f->received, NULL, 0, 0,
	    "时段内受理的诉求数");
	fig_row(b, "有效量", "", fig_valid(f), NULL, 0, 0,
	    "受理量减不予受理");
	for (k = 0; k < FR__MAX; k++) {
		if (fig_rate((enum fig_rate)k, f, &num, &den) < 0)
			continue;
		fig_row(b, fig_rates[k].label, fig_rates[k].num_label, num,
		    fig_rates[k].den_label, den, 1, fig_rates[k].definition);
	}
	buf_add(b, "<tr><th>平均办结时长</th><td class=\"num\"></td>"
	    "<td class=\"num\">");
	buf_printf(b, "%lld", f->resolved);
	buf_add(b, "</td><td class=\"num\"><strong>");
	if (fig_mean_hours(f, &h))
		buf_printf(b, "%.1f 小时", h);
	else
		buf_add(b, "—");
	buf_add(b, "</strong></td><td class=\"muted\">已办结诉求自受理至办结"
	    "的平均小时数</td></tr>\n");
	fig_row(b, "办理中", "", fig_open(f), NULL, 0, 0,
	    "有效且尚未办结的诉求");
	fig_row(b, "其中已超期", "", f->overdue, NULL, 0, 0,
	    "办理中且此刻已过办理期限");
	if (f->members) {
		buf_printf(b, "<tr><th>服务时长</th><td class=\"num\"></td>"
		    "<td class=\"num\">%lld</td><td class=\"num\"><strong>"
		    "%.1f 小时</strong></td><td class=\"muted\">时段内党员参加"
		    "活动的总时长；人均 ", f->reported,
		    (double)f->hours_tenths / 10.0);
		if (fig_hours_per_member(f, &h))
			buf_printf(b, "%.1f", h);
		else
			buf_add(b, "—");
		buf_add(b, " 小时（按已报到党员）</td></tr>\n");
	}
	buf_add(b, "</table></div></section>\n");
}

/* One rate with its count for the child table. */
static void
cell(struct buf *b, enum fig_rate k, const struct db_figures *f, int min)
{
	long long	 num, den;
	int		 has = fig_rate(k, f, &num, &den);

	buf_add(b, has >= 0 && den > 0 && den < min ? "<td class=\"num low\">" :
	    "<td class=\"num\">");
	if (has < 0)
		buf_add(b, "—");
	else {
		pct(b, num, den);
		buf_printf(b, "<br><small>n=%lld</small>", den);
	}
	buf_add(b, "</td>");
}

static void
child_table(struct buf *b, const struct fig_query *fq,
    const struct db_stats_row *rows, size_t n, int min)
{
	size_t		 i;
	int		 k;

	buf_add(b, "<section><h2>各");
	html_txt(b, fq->child_name);
	buf_add(b, "指标</h2><div class=\"scroll\"><table>\n<tr><th>");
	html_txt(b, fq->child_name);
	buf_add(b, "</th><th class=\"num\">受理量</th>");
	for (k = 0; k < FR__MAX; k++) {
		if (!fig_rate_at((enum fig_rate)k, fq->level + 1))
			continue;
		buf_add(b, "<th class=\"num\">");
		html_txt(b, fig_rates[k].label);
		buf_add(b, "</th>");
	}
	buf_add(b, "<th class=\"num\">已超期</th></tr>\n");
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
		for (k = 0; k < FR__MAX; k++)
			if (fig_rate_at((enum fig_rate)k, fq->level + 1))
				cell(b, (enum fig_rate)k, &rows[i].f, min);
		buf_printf(b, "<td class=\"num\">%lld</td></tr>\n",
		    rows[i].f.overdue);
	}
	buf_printf(b, "</table></div><p class=\"muted\">n 为分母；分母不足 %d "
	    "的单位以灰色显示，排名时不计。点击名称查看下一级。</p></section>\n",
	    min);
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
static void
chart_img(struct buf *b, const char *chart, const char *arg,
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
	chart_img(b, "bar", "rate", fig_rate_ids[k], fq);
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
	chart_img(b, "stack", NULL, NULL, fq);
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
	chart_img(b, "trend", "rates", "resolution,ontime,satisfaction", fq);
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
	    "（按受理月份）</figcaption></figure>\n");
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

/* The dashboard takes the figures' fields alone. */
VFORM(form_dashboard, fig_fields);

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
	    (mres = malloc(sizeof(*mres))) == NULL) {
		rc = DB_ERROR;
		goto fail;
	}
	if ((rc = fig_stats(r, &fq, res)) != DB_OK ||
	    (rc = fig_stats(r, &mq, mres)) != DB_OK)
		goto fail;
	if (mq.as_of < fq.as_of)
		fq.as_of = mq.as_of;	/* the page is as old as its oldest */

	staff_begin(r, &s, "数据看板");
	buf_add(&r->body, "<h1>数据看板</h1>\n");
	crumbs(r, &s, &fq);
	buf_add(&r->body, "<p class=\"muted\">范围：");
	html_txt(&r->body, fq.region_name);
	buf_printf(&r->body, "；时段：%s 至 %s（按受理日期，", fq.from, fq.to);
	html_txt(&r->body, r->cfg->timezone);
	buf_add(&r->body, "）；数据截至 ");
	html_time(&r->body, fq.as_of);
	buf_add(&r->body, "。所有诉求指标为“受理批次”口径："
	    "时段内受理的诉求至今的办理结果。</p>\n");
	picker(&r->body, &fq);
	/* On narrow screens the figures table reflows (lianxin.css). */
	buf_add(&r->body, "<div class=\"totals\">");
	total_table(&r->body, &res->total);
	buf_add(&r->body, "</div>\n");
	if (fq.group == FG_CHILD)
		child_table(&r->body, &fq, res->rows, res->n,
		    r->cfg->min_count);
	buf_add(&r->body, "<section><h2>图表</h2>\n");
	if (fq.group == FG_CHILD)
		child_charts(&r->body, &fq, res->rows, res->n);
	trend_figure(&r->body, &fq, mres->rows, mres->n);
	buf_add(&r->body, "</section>\n");
	exports(&r->body, &fq);
	html_end(r);
	free(res);
	free(mres);
	return;
fail:
	free(res);
	free(mres);
	http_db_error(r, rc);
}
