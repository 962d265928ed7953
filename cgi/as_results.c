/*
 * A published round's results (issue 22 point 5): the 红黑榜 page (the
 * first and last N of the ranked table) on /assess/rounds/{id}/board,
 * the table as CSV or XLSX on /assess/rounds/{id}/results.{csv,xlsx}
 * (cgi/sheet.c, self-describing like the figures exports), and the bar
 * chart of total points per target on /assess/rounds/{id}/chart.png
 * (charts/bar.c, with the ETag and Cache-Control of /charts/bar.png).
 *
 * The board and the chart are for those who run the round's region
 * (AS_VIEW_ALL); the exports also for staff below it, with their own
 * rows only (AS_VIEW_OWN).  A round not published answers 404 here,
 * except the chart, drawn live for those who run it ("暂定").
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "as_page.h"
#include "chart.h"
#include "html.h"
#include "route.h"
#include "sheet.h"
#include "stats.h"

/* GET /assess/rounds/{id}/board?n=3 */
enum { BF_ID, BF_N, BF__MAX };
static const struct vfield board_fields[BF__MAX] = {
	{ "*0", "轮次", V_ID, true, 1, 2147483647 },
	{ "n", "名单人数", V_INT, false, 1, 50 },
};

/* GET /assess/rounds/{id}/results.{csv,xlsx} */
enum { XF_ID, XF_FMT, XF__MAX };
static const struct vfield export_fields[XF__MAX] = {
	{ "*0", "轮次", V_ID, true, 1, 2147483647 },
	{ "*1", "格式", V_ENUM, true, 0, SHEET__MAX, sheet_fmt_names },
};

/* GET /assess/rounds/{id}/chart.png?w=&h= */
enum { GF_ID, GF_W, GF_H, GF__MAX };
static const struct vfield chart_fields[GF__MAX] = {
	{ "*0", "轮次", V_ID, true, 1, 2147483647 },
	{ "w", "宽度", V_INT, false, CHART_W_MIN, CHART_W_MAX },
	{ "h", "高度", V_INT, false, CHART_H_MIN, CHART_H_MAX },
};

/*
 * The round of r->v[0] and its table, for a view at least `need` and a
 * published round unless live_ok: 0, or -1 after answering.
 */
static int
load(struct req *r, struct staff *s, struct db_as_round *o,
    enum as_view *view, struct db_as_table **t, int own_ok, int live_ok)
{
	if (auth_require(r, AS_ROLES, s) == -1)
		return -1;
	if (as_round_load(r, s, r->v[0].error ? 0 : r->v[0].i, o, view) == -1)
		return -1;
	if ((*view == AS_VIEW_OWN && !own_ok) ||
	    (o->state != RND_PUBLISHED && !live_ok)) {
		staff_not_found(r);
		return -1;
	}
	return (*t = as_table_load(r, o)) == NULL ? -1 : 0;
}

/* One list of the board: rows order[from..to) of t. */
static void
board_list(struct buf *b, const struct db_as_table *t, const size_t *order,
    size_t from, size_t to, const char *title, const char *cls)
{
	size_t		 j, i;
	char		 pts[32];

	buf_printf(b, "<section class=\"card %s\"><h2>%s</h2>\n<ol class=\""
	    "board\">\n", cls, title);
	for (j = from; j < to; j++) {
		i = order[j];
		as_points_txt(pts, sizeof(pts), t->tot[i].points_c);
		buf_printf(b, "<li value=\"%d\"><strong>", t->tot[i].rank);
		html_txt(b, t->t[i].name);
		buf_printf(b, "</strong> %s分%s</li>\n", pts, t->tot[i].few ?
		    " <span class=\"mark warn\">样本不足</span>" : "");
	}
	buf_add(b, "</ol></section>\n");
}

/* GET /assess/rounds/{id}/board: 红榜 (the first N) and 黑榜 (the last
 * N), N = n (3). */
void
page_as_board(struct req *r)
{
	struct staff	 s;
	struct db_as_round o;
	struct db_as_table *t;
	enum as_view	 view;
	struct buf	*b = &r->body;
	size_t		 order[AS_TARGETS_MAX], n, top, low;
	char		 note[160], period[64], title[64];

	if (load(r, &s, &o, &view, &t, 0, 0) == -1)
		return;
	n = r->v[BF_N].present && !r->v[BF_N].error ? (size_t)r->v[BF_N].i : 3;
	top = n < t->n ? n : t->n;
	low = n < t->n - top ? n : t->n - top;
	as_rank_order(t, order);
	as_period_txt(period, sizeof(period), &o);
	staff_begin(r, &s, "红黑榜");
	buf_add(b, "<p class=\"crumbs\"><a href=\"/assess\">考评</a>"
	    "<a href=\"/assess/rounds\">考评轮次</a></p>\n<h1>红黑榜</h1>\n<p>");
	html_txt(b, o.name);
	buf_add(b, " · ");
	html_txt(b, o.region);
	buf_printf(b, " · %s · 共%zu个考评对象</p>\n", period, t->n);
	as_round_links(b, &o, view);
	as_table_note(note, sizeof(note), t);
	buf_printf(b, "<p class=\"notice-ok\">%s</p>\n", note);
	snprintf(title, sizeof(title), "红榜（前%zu名）", top);
	board_list(b, t, order, 0, top, title, "red");
	snprintf(title, sizeof(title), "黑榜（后%zu名）", low);
	board_list(b, t, order, t->n - low, t->n, title, "black");
	buf_printf(b, "<form method=\"get\" action=\"/assess/rounds/%d/board\" "
	    "class=\"filters\"><label for=\"n\">名单人数</label> <input id=\"n\" "
	    "name=\"n\" type=\"number\" min=\"1\" max=\"50\" value=\"%zu\"> "
	    "<button type=\"submit\" class=\"button\">显示</button></form>\n",
	    o.id, n);
	buf_printf(b, "<figure><img src=\"/assess/rounds/%d/chart.png?w=800&amp;"
	    "h=400\" width=\"800\" height=\"400\" alt=\"各考评对象总分柱状图"
	    "（按总分排列，满分100）\"></figure>\n", o.id);
	buf_add(b, "<p class=\"muted\">排名：" AS_TIE_RULE "</p>\n");
	html_end(r);
	free(t);
}

/* The export's fixed columns, then five per indicator. */
enum { XC_ROUND, XC_SCOPE, XC_PERIOD, XC_ASOF, XC_RANK, XC_NAME, XC_CODE,
    XC_TOTAL, XC_FEW, XC__FIXED };
static const struct sheet_col fixed_cols[XC__FIXED] = {
	{ "考评轮次", 24, "轮次名称（方案、年度、版本见说明）" },
	{ "考评单位", 12, "组织考评的区或街道" },
	{ "考评期间", 24, "系统数据的统计期间（本地日期，含首尾两天）" },
	{ "数据截至", 17, "公布时冻结的数据时间：之后的数据变化不影响结果" },
	{ "名次", 6, "按总分排列；" AS_TIE_RULE },
	{ "考评对象", 16, "社区、街道或两新组织" },
	{ "编码", 14, "区划代码（两新组织为编号）" },
	{ "总分", 8, "各项指标得分之和，满分100" },
	{ "样本不足", 8, "有指标的分母少于最少样本数时为“是”（照常计分）" },
};
#define XC_PER	5	/* 得分, 数值, 分子, 分母, 标记 */

/* GET /assess/rounds/{id}/results.{csv,xlsx}: the frozen table. */
void
page_as_export(struct req *r)
{
	struct staff	 s;
	struct db_as_round o;
	struct db_as_table *t;
	enum as_view	 view;
	struct sheet_col cols[XC__FIXED + XC_PER * AS_IND_MAX];
	char		 titles[AS_IND_MAX][XC_PER][AS_NAME_CHARS * 4 + 16];
	char		 name[AS_NAME_CHARS * 4 + 64], period[64], asof[32];
	char		 note[1024], pts[32], detail[64];
	const struct db_as_ind *ind;
	const struct db_as_result *v;
	struct sheet	*sh;
	size_t		 order[AS_TARGETS_MAX], nc, k, j, i, rows = 0;
	struct tm	 tm;
	int		 rc = 0, fi;

	if (load(r, &s, &o, &view, &t, 1, 0) == -1)
		return;
	memcpy(cols, fixed_cols, sizeof(fixed_cols));
	nc = XC__FIXED;
	for (k = 0; k < t->scheme.nind; k++) {
		static const char *const what[XC_PER] = { "得分", "数值",
		    "分子", "分母", "标记" };
		for (j = 0; j < XC_PER; j++) {
			snprintf(titles[k][j], sizeof(titles[k][j]), "%s·%s",
			    t->scheme.ind[k].name, what[j]);
			cols[nc++] = (struct sheet_col){ titles[k][j], j ? 10 :
			    8, j == 0 ? "该项得分（0到权重）" : j == 1 ?
			    "数值 = 分子 ÷ 分母（系统数据、民主测评）" : j == 4 ?
			    "无数据、参评率不足、样本不足；空白为正常" : j == 2 ?
			    "分子（民主测评：满意和基本满意票数）" :
			    "分母（民主测评：总票数）" };
		}
	}
	as_period_txt(period, sizeof(period), &o);
	localtime_r(&t->as_of, &tm);
	strftime(asof, sizeof(asof), "%Y-%m-%d %H:%M", &tm);
	snprintf(name, sizeof(name), "考评结果_%s", o.name);
	if ((sh = sheet_open(r, (enum sheet_fmt)r->v[XF_FMT].i, name,
	    "assessment", "考评结果", cols, nc)) == NULL)
		goto out;
	snprintf(note, sizeof(note), "%s（%d年度第%d版，考评%s）", o.scheme,
	    o.scheme_year, o.scheme_version, word_assess_target[o.target].label);
	sheet_note(sh, "考评轮次", o.name);
	sheet_note(sh, "考评方案", note);
	sheet_note(sh, "范围", o.region);
	sheet_note(sh, "期间", period);
	snprintf(note, sizeof(note), "%s（结果按此时的数据公布，之后的数据"
	    "变化不影响已公布结果）", asof);
	sheet_note(sh, "数据截至", note);
	sheet_note(sh, "口径", AS_POINTS_RULE);
	sheet_note(sh, "排名", AS_TIE_RULE);
	for (k = 0; k < t->scheme.nind; k++) {
		ind = &t->scheme.ind[k];
		as_points_txt(pts, sizeof(pts), ind->weight_c);
		fi = ind->source == AS_FIGURE ? db_as_figure_find(ind->figure) :
		    -1;
		snprintf(note, sizeof(note), "权重%s分，%s%s%s。%s", pts,
		    word_assess_source[ind->source].label, fi >= 0 ? "：" : "",
		    fi >= 0 ? db_as_figures[fi].how : "", ind->description);
		sheet_note(sh, ind->name, note);
	}
	snprintf(note, sizeof(note), "%s（%s）", s.u.display_name,
	    s.u.username);
	sheet_note(sh, "导出人", note);
	as_rank_order(t, order);
	for (j = 0; j < t->n && rc == 0; j++) {
		i = order[j];
		if (!as_row_visible(&s, view, t, i))
			continue;
		sheet_text(sh, o.name);
		sheet_text(sh, o.region);
		sheet_text(sh, period);
		sheet_text(sh, asof);
		sheet_int(sh, t->tot[i].rank);
		sheet_text(sh, t->t[i].name);
		sheet_text(sh, t->t[i].code);
		sheet_hundredths(sh, t->tot[i].points_c);
		sheet_text(sh, t->tot[i].few ? "是" : "");
		for (k = 0; k < t->scheme.nind; k++) {
			v = &t->res[i][k];
			sheet_hundredths(sh, v->points_c);
			if (v->has_value)
				sheet_rate(sh, v->num, v->den);
			else
				sheet_empty(sh);
			if (v->has_num && v->flag != RFLAG_INSUFFICIENT) {
				sheet_int(sh, v->num);
				sheet_int(sh, v->den);
			} else {
				sheet_empty(sh);
				sheet_empty(sh);
			}
			sheet_text(sh, t->scheme.ind[k].source == AS_SCORE &&
			    v->flag == RFLAG_EMPTY ? "未打分" :
			    word_result_flag[v->flag].label);
		}
		rc = sheet_row_end(sh);
		rows++;
	}
	rc = sheet_close(sh, DB_OK);
	snprintf(detail, sizeof(detail), "round %d rows %zu%s", o.id, rows,
	    rc == 0 ? "" : " cut");
	auth_audit(r, &s, "export", r->v[XF_FMT].i == SHEET_CSV ?
	    "assess_results.csv" : "assess_results.xlsx", detail);
out:
	free(t);
}

/* GET /assess/rounds/{id}/chart.png: total points per target, ranked. */
void
page_as_chart(struct req *r)
{
	struct staff	 s;
	struct db_as_round o;
	struct db_as_table *t;
	enum as_view	 view;
	struct chart_bar_item items[AS_TARGETS_MAX];
	struct chart_bar in;
	char		 title[AS_NAME_CHARS * 4 + 64];
	size_t		 i;

	if (load(r, &s, &o, &view, &t, 0, 1) == -1)
		return;
	for (i = 0; i < t->n && i < CHART_ITEMS_MAX; i++)
		items[i] = (struct chart_bar_item){ t->t[i].name,
		    (double)t->tot[i].points_c / 10000.0, 0, 0, 0 };
	snprintf(title, sizeof(title), "%s · 各考评对象总分（满分100）",
	    o.name);
	in = (struct chart_bar){ .title = title,
	    .ylabel = "总分（占满分100的百分比）",
	    .xlabel = word_assess_target[o.target].label, .items = items,
	    .n = i, .target = NAN, .width = r->v[GF_W].present ?
	    (int)r->v[GF_W].i : 800, .height = r->v[GF_H].present ?
	    (int)r->v[GF_H].i : 400, .note = t->frozen ? NULL :
	    "暂定，随数据变化" };
	stats_send_bar(r, &in);
	free(t);
}

VFORM(form_as_board, board_fields);
VFORM(form_as_export, export_fields);
VFORM(form_as_chart, chart_fields);
