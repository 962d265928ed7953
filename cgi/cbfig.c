/*
 * The co-building figures (see cbfig.h): their definitions, the load of
 * a figures query grouped like the request figures, the "cobuild" block
 * of /api/stats, the dashboard's 共驻共建 section and the bar chart
 * /charts/cobuild.png of one of them per child region.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbfig.h"
#include "chart.h"
#include "config.h"
#include "dashboard.h"
#include "day.h"
#include "html.h"
#include "route.h"
#include "stats.h"

const char *const cbfig_ids[CBR__MAX] = {
	[CBR_PARTICIPATION] = "unit_participation",
	[CBR_COMMITMENT] = "commitment_fulfilment",
	[CBR_NEED_CLAIM] = "need_claim",
	[CBR_NEED_DONE] = "need_completion",
	[CBR_WISH] = "wish_fulfilment",
	[CBR_DECISION] = "decisions_on_time",
	[CBR_EVAL_C2U] = "satisfaction_community_rates_unit",
	[CBR_EVAL_U2C] = "satisfaction_unit_rates_community",
};

/* What the code computes (migration 0021, sql/cbfig.c), in Chinese. */
const struct fig_def cbfig_defs[CBR__MAX] = {
	[CBR_PARTICIPATION] = { "单位参与率", "参与的单位", "协议在期的单位",
	    NULL, "时段内有已签订且在有效期内的共建协议的单位（单位与所共建的"
	    "社区或街道，按对计）中，时段内（截至时段末或此刻，取较早者）兑现"
	    "过该社区协议的承诺、认领过该社区的需求、完成过在该社区领办项目的"
	    "节点或出席过该社区联席会议的比例", 0 },
	[CBR_COMMITMENT] = { "承诺兑现率", "按期兑现并确认", "到期承诺", NULL,
	    "到期日在时段内的承诺（草拟协议的除外）中，兑现日期不晚于到期日、"
	    "并于时段末或此刻（取较早者）前经社区确认的比例", 0 },
	[CBR_NEED_CLAIM] = { "需求认领率", "已认领", "发布的需求", NULL,
	    "时段内发布且未撤回的需求中，截至时段末或此刻（取较早者）已被共建"
	    "单位认领的比例", 0 },
	[CBR_NEED_DONE] = { "需求办结率", "已办结", "已认领的需求", NULL,
	    "时段内发布、未撤回且截至时段末或此刻（取较早者）已认领的需求中，"
	    "截至同一时间已办结的比例", 0 },
	[CBR_WISH] = { "心愿实现率", "已确认实现", "发布的心愿", NULL,
	    "时段内发布且未撤回的微心愿中，截至时段末或此刻（取较早者）已实现"
	    "并经工作人员确认的比例", 0 },
	[CBR_DECISION] = { "议定事项按期办结率", "按期办结", "到期事项", NULL,
	    "到期日在时段内的联席会议议定事项中，办结日期（本地日期）不晚于"
	    "到期日的比例（截至时段末或此刻，取较早者）", 0 },
	[CBR_EVAL_C2U] = { "共建评议满意率（社区评单位）", "满意与基本满意",
	    "评议", NULL, "时段内社区对共建单位的年度评议中，评为“满意”或"
	    "“基本满意”的比例", 0 },
	[CBR_EVAL_U2C] = { "共建评议满意率（单位评社区）", "满意与基本满意",
	    "评议", NULL, "时段内共建单位对社区的年度评议中，评为“满意”或"
	    "“基本满意”的比例", 0 },
};

/* Where each rate's numerator and denominator are in the counters. */
#define CB_AT(field)	offsetof(struct db_cb_figures, field)
static const struct {
	size_t	 num, den;
} cb_terms[CBR__MAX] = {
	[CBR_PARTICIPATION] = { CB_AT(active), CB_AT(pairs) },
	[CBR_COMMITMENT] = { CB_AT(commit_kept), CB_AT(commit_due) },
	[CBR_NEED_CLAIM] = { CB_AT(needs_claimed), CB_AT(needs) },
	[CBR_NEED_DONE] = { CB_AT(needs_done), CB_AT(needs_claimed) },
	[CBR_WISH] = { CB_AT(wishes_done), CB_AT(wishes) },
	[CBR_DECISION] = { CB_AT(decisions_ontime), CB_AT(decisions) },
	[CBR_EVAL_C2U] = { CB_AT(cu_sat), CB_AT(cu) },
	[CBR_EVAL_U2C] = { CB_AT(uc_sat), CB_AT(uc) },
};

int
cbfig_rate(enum cb_rate k, const struct db_cb_figures *f, long long *num,
    long long *den)
{
	const char	*base = (const char *)f;

	if ((unsigned)k >= CBR__MAX) {
		*num = *den = 0;
		return 0;
	}
	memcpy(num, base + cb_terms[k].num, sizeof(*num));
	memcpy(den, base + cb_terms[k].den, sizeof(*den));
	return *den > 0;
}

int
cbfig_end(int to, int today)
{
	return to < today ? to : today;
}

/* Has f anything to count? */
static int
nonempty(const struct db_cb_figures *f)
{
	long long	 num, den;
	int		 k;

	for (k = 0; k < CBR__MAX; k++)
		if (cbfig_rate((enum cb_rate)k, f, &num, &den))
			return 1;
	return 0;
}

/* The rows per month of res (keys YYYYMM), each its days in the period
 * with its own E. */
static int
load_months(struct req *r, const struct fig_query *fq,
    const struct fig_result *res, struct cbfig *out)
{
	struct db_cb_figures t;
	size_t		 i, n;
	int		 today = fig_today(fq->as_of), from, to, rc;

	for (i = 0; i < res->n && i < FIG_ROWS_MAX; i++) {
		from = day_from_ymd(res->rows[i].key / 100,
		    res->rows[i].key % 100, 1);
		to = day_month_next(from) - 1;
		if (from < fq->q.from)
			from = fq->q.from;
		if (to > fq->q.to)
			to = fq->q.to;
		if (from < 0 || from > to)
			continue;
		if ((rc = db_cb_figures(r->db, &fq->q.scope, from, to,
		    cbfig_end(to, today), 0, &t, NULL, 0, &n)) != DB_OK)
			return rc;
		out->rows[out->n].key = res->rows[i].key;
		snprintf(out->rows[out->n].name, sizeof(out->rows[0].name),
		    "%s", res->rows[i].name);
		out->rows[out->n++].f = t;
	}
	return DB_OK;
}

int
cbfig_load(struct req *r, const struct fig_query *fq,
    const struct fig_result *res, struct cbfig *out)
{
	struct db_cb_row *rows;
	size_t		 n = 0, i, j;
	int		 group, rc;

	memset(out, 0, sizeof(*out));
	out->end = cbfig_end(fq->q.to, fig_today(fq->as_of));
	if (fq->level >= 4)
		return DB_OK;		/* a grid: nothing co-builds there */
	out->applies = 1;
	/* The children of every district, a district, a street. */
	group = fq->group == FG_CHILD && fq->level <= 2 ? fq->level + 1 : 0;
	out->grouped = group > 0 || fq->group == FG_NONE ||
	    fq->group == FG_MONTH;
	if ((rows = calloc(FIG_ROWS_MAX + 1, sizeof(*rows))) == NULL)
		return DB_ERROR;
	rc = db_cb_figures(r->db, &fq->q.scope, fq->q.from, fq->q.to, out->end,
	    group, &out->total, rows, FIG_ROWS_MAX + 1, &n);
	if (rc == DB_OK && fq->group == FG_MONTH)
		rc = load_months(r, fq, res, out);
	if (rc != DB_OK || group == 0)
		goto done;
	/* Every child in the request figures' order, with or without items. */
	for (i = 0; i < res->n && out->n < FIG_ROWS_MAX; i++) {
		out->rows[out->n].key = res->rows[i].key;
		out->rows[out->n].drill = 1;
		snprintf(out->rows[out->n].name, sizeof(out->rows[0].name),
		    "%s", res->rows[i].name);
		for (j = 0; j < n; j++)
			if (rows[j].key == res->rows[i].key)
				out->rows[out->n].f = rows[j].f;
		out->n++;
	}
	/* The scope's own items (a street's, key 0). */
	for (j = 0; j < n; j++)
		if (rows[j].key == 0 && nonempty(&rows[j].f)) {
			out->rows[out->n].key = fq->region_id;
			snprintf(out->rows[out->n].name,
			    sizeof(out->rows[0].name), "%s本级",
			    fq->region_name);
			out->rows[out->n++].f = rows[j].f;
		}
done:
	free(rows);
	return rc;
}

/* ---- JSON ------------------------------------------------------------- */

static void
put(json_t *o, const char *k, json_t *v, int *oom)
{
	if (v == NULL || json_object_set_new(o, k, v) == -1)
		*oom = 1;
}

/* Every rate of f as {num, den, value} (value null for den 0). */
static json_t *
rates_json(const struct db_cb_figures *f, int *oom)
{
	json_t		*o = json_object(), *x;
	long long	 num, den;
	int		 k, has;

	if (o == NULL) {
		*oom = 1;
		return NULL;
	}
	for (k = 0; k < CBR__MAX; k++) {
		has = cbfig_rate((enum cb_rate)k, f, &num, &den);
		x = json_pack("{s:I,s:I,s:o}", "num", (json_int_t)num, "den",
		    (json_int_t)den, "value", has ?
		    json_real((double)num / (double)den) : json_null());
		put(o, cbfig_ids[k], x, oom);
	}
	return o;
}

json_t *
cbfig_json(const struct cbfig *c, int *oom)
{
	json_t		*o, *arr, *row;
	char		 e[DAY_LEN + 1];
	size_t		 i;

	if (!c->applies)
		return json_null();
	if ((o = json_object()) == NULL) {
		*oom = 1;
		return NULL;
	}
	day_format(c->end, e);
	put(o, "outcomes_until", json_string(e), oom);
	put(o, "total", rates_json(&c->total, oom), oom);
	if (!c->grouped) {
		put(o, "rows", json_null(), oom);
		return o;
	}
	if ((arr = json_array()) == NULL) {
		*oom = 1;
		return o;
	}
	for (i = 0; i < c->n; i++) {
		if ((row = rates_json(&c->rows[i].f, oom)) == NULL)
			break;
		put(row, "key", json_integer(c->rows[i].key), oom);
		put(row, "name", json_string(c->rows[i].name), oom);
		if (json_array_append_new(arr, row) == -1)
			*oom = 1;
	}
	put(o, "rows", arr, oom);
	return o;
}

/* ---- The dashboard ---------------------------------------------------- */

/* A rate cell: "93.1%（27/29）", or "—" for an empty denominator. */
static void
cell(struct buf *b, enum cb_rate k, const struct db_cb_figures *f)
{
	long long	 num, den;

	if (!cbfig_rate(k, f, &num, &den))
		buf_printf(b, "<td class=\"num\">—<br><span class=\"muted\">"
		    "（0/0）</span></td>");
	else
		buf_printf(b, "<td class=\"num\">%.1f%%<br><span class=\""
		    "muted\">（%lld/%lld）</span></td>",
		    100.0 * (double)num / (double)den, num, den);
}

static void
row(struct buf *b, const struct fig_query *fq, const struct cbfig_row *x,
    const char *name, const struct db_cb_figures *f)
{
	int	 k;

	buf_add(b, "<tr><th scope=\"row\">");
	if (x != NULL && x->drill) {
		buf_printf(b, "<a href=\"/dashboard?region=%d&amp;from=%s&amp;"
		    "to=%s#cobuild\">", x->key, fq->from, fq->to);
		html_txt(b, name);
		buf_add(b, "</a>");
	} else
		html_txt(b, name);
	buf_add(b, "</th>");
	for (k = 0; k < CBR__MAX; k++)
		cell(b, (enum cb_rate)k, f);
	buf_add(b, "</tr>\n");
}

/* The chart of rate k per child, with a picker of the rate (no JS). */
static void
chart(struct buf *b, const struct fig_query *fq, const struct cbfig *c,
    int k)
{
	long long	 num, den;
	size_t		 i;
	int		 j;

	buf_printf(b, "<form method=\"get\" action=\"/dashboard#cobuild\" "
	    "class=\"filters\"><input type=\"hidden\" name=\"region\" "
	    "value=\"%d\"><input type=\"hidden\" name=\"from\" value=\"%s\">"
	    "<input type=\"hidden\" name=\"to\" value=\"%s\">"
	    "<label for=\"cbfig\">图表指标</label> <select id=\"cbfig\" "
	    "name=\"cbfig\">", fq->region_id, fq->from, fq->to);
	for (j = 0; j < CBR__MAX; j++) {
		buf_printf(b, "<option value=\"%s\"%s>", cbfig_ids[j],
		    j == k ? " selected" : "");
		html_txt(b, cbfig_defs[j].label);
		buf_add(b, "</option>");
	}
	buf_add(b, "</select> <button type=\"submit\" class=\"button\">"
	    "显示</button></form>\n");
	buf_add(b, "<figure>");
	dashboard_chart_img(b, "cobuild", "fig", cbfig_ids[k], fq);
	html_attr(b, fq->region_name);
	buf_add(b, "各");
	html_attr(b, fq->child_name);
	html_attr(b, cbfig_defs[k].label);
	buf_add(b, "：");
	for (i = 0; i < c->n; i++) {
		buf_add(b, i ? "；" : "");
		html_attr(b, c->rows[i].name);
		if (cbfig_rate((enum cb_rate)k, &c->rows[i].f, &num, &den))
			buf_printf(b, " %.1f%%（%lld/%lld）",
			    100.0 * (double)num / (double)den, num, den);
		else
			buf_add(b, " —（0/0）");
	}
	buf_add(b, "\"></picture><figcaption>");
	html_txt(b, cbfig_defs[k].label);
	buf_add(b, "：");
	html_txt(b, cbfig_defs[k].definition);
	buf_add(b, "</figcaption></figure>\n");
}

void
cbfig_section(struct req *r, const struct fig_query *fq,
    const struct cbfig *c, int chosen)
{
	struct buf	*b = &r->body;
	char		 e[DAY_LEN + 1];
	size_t		 i;
	int		 k;

	buf_add(b, "<section id=\"cobuild\"><h2>共驻共建</h2>\n");
	if (!c->applies) {
		buf_add(b, "<p class=\"muted\">共驻共建指标按社区或街道统计，"
		    "网格没有这些指标。</p></section>\n");
		return;
	}
	day_format(c->end, e);
	buf_printf(b, "<p class=\"muted\">口径：%s结果截至 %s。</p>\n"
	    "<p><a href=\"/cobuild\">共驻共建工作台</a></p>\n", CBFIG_NOTE, e);
	buf_add(b, "<div class=\"scroll\"><table class=\"cobuild\">\n<thead>"
	    "<tr><th scope=\"col\">");
	html_txt(b, c->grouped && c->n > 0 && fq->group == FG_CHILD ?
	    fq->child_name : "范围");
	buf_add(b, "</th>");
	for (k = 0; k < CBR__MAX; k++) {
		buf_add(b, "<th scope=\"col\">");
		html_txt(b, cbfig_defs[k].label);
		buf_add(b, "</th>");
	}
	buf_add(b, "</tr></thead>\n<tbody>\n");
	if (fq->group == FG_CHILD)
		for (i = 0; i < c->n; i++)
			row(b, fq, &c->rows[i], c->rows[i].name,
			    &c->rows[i].f);
	row(b, fq, NULL, fq->group == FG_CHILD && c->n > 0 ? "合计" :
	    fq->region_name, &c->total);
	buf_add(b, "</tbody></table></div>\n<details class=\"filters\">"
	    "<summary>各指标口径</summary><dl>");
	for (k = 0; k < CBR__MAX; k++) {
		buf_add(b, "<dt>");
		html_txt(b, cbfig_defs[k].label);
		buf_add(b, "</dt><dd>");
		html_txt(b, cbfig_defs[k].definition);
		buf_add(b, "</dd>");
	}
	buf_add(b, "</dl></details>\n");
	if (fq->group == FG_CHILD && c->n > 0) {
		buf_add(b, "<p class=\"muted\">每格为比率和（分子/分母）；"
		    "点击名称查看下一级。各行相加等于合计。</p>\n");
		chart(b, fq, c, chosen);
	}
	buf_add(b, "</section>\n");
}

/* ---- Exports ---------------------------------------------------------- */

static char	 col_text[CBR__MAX][3][2][1024];

void
cbfig_sheet_cols(struct sheet_col cols[CBFIG_NCOLS])
{
	static const char *const part[3] = { "·分子", "·分母", "" };
	const struct fig_def *d;
	int		 k, j;

	for (k = 0; k < CBR__MAX; k++) {
		d = &cbfig_defs[k];
		snprintf(col_text[k][0][1], sizeof(col_text[k][0][1]),
		    "共驻共建 %s的分子：%s", d->label, d->num_label);
		snprintf(col_text[k][1][1], sizeof(col_text[k][1][1]),
		    "共驻共建 %s的分母：%s", d->label, d->den_label);
		snprintf(col_text[k][2][1], sizeof(col_text[k][2][1]),
		    "口径：%s；= 分子 ÷ 分母，分母为 0 时为空（不是 0）；按"
		    "类别或网格分组时不适用", d->definition);
		for (j = 0; j < 3; j++) {
			snprintf(col_text[k][j][0], sizeof(col_text[k][j][0]),
			    "%s%s", d->label, part[j]);
			cols[3 * k + j] = (struct sheet_col){ col_text[k][j][0],
			    j < 2 ? 9 : 10, col_text[k][j][1] };
		}
	}
}

void
cbfig_sheet_cells(struct sheet *sh, const struct db_cb_figures *f)
{
	long long	 num, den;
	int		 k;

	for (k = 0; k < CBR__MAX; k++) {
		if (f == NULL) {
			sheet_empty(sh);
			sheet_empty(sh);
			sheet_empty(sh);
			continue;
		}
		(void)cbfig_rate((enum cb_rate)k, f, &num, &den);
		sheet_int(sh, num);
		sheet_int(sh, den);
		sheet_rate(sh, num, den);
	}
}

/* ---- The bar chart ---------------------------------------------------- */

enum {
	KF_FIG = FF__MAX,	/* fig: one of cbfig_ids */
	KF_W,			/* w, h: the size in pixels */
	KF_H,
	KF_TARGET,		/* target: the target line, percent */
	KF__MAX
};
static const struct vfield cobuild_fields[KF__MAX] = {
	FIG_FIELDS,
	[KF_FIG] = { "fig", "指标", V_ENUM, false, 0, CBR__MAX, cbfig_ids,
	    "没有这个共驻共建指标。" },
	[KF_W] = { "w", "宽度", V_INT, false, CHART_W_MIN, CHART_W_MAX },
	[KF_H] = { "h", "高度", V_INT, false, CHART_H_MIN, CHART_H_MAX },
	[KF_TARGET] = { "target", "目标值", V_INT, false, 0, 100 },
};
VFORM(form_chart_cobuild, cobuild_fields);

static int
render(const void *in, unsigned char **png, size_t *len)
{
	return chart_bar_png(in, png, len);
}

/*
 * GET /charts/cobuild.png?fig=commitment_fulfilment&region=&from=&to=
 *     &w=&h=&target=
 * One co-building rate per child region of a district or a street (and
 * the street's own items), with its numerator and denominator.  200 PNG
 * (ETag, Cache-Control), 304, 303 to the login page, 400, 404, 5xx.
 */
void
page_chart_cobuild(struct req *r)
{
	struct staff	 s;
	struct fig_query fq;
	struct fig_result *res = NULL;
	struct cbfig	*c = NULL;
	struct chart_bar_item items[FIG_ROWS_MAX + 1];
	struct chart_bar in;
	const struct vvalue *v = r->v;
	const char	*msg;
	char		 title[512];
	long long	 num, den;
	size_t		 i;
	int		 k, rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if ((msg = valid_first_error(&v[KF_FIG], KF__MAX - KF_FIG)) != NULL) {
		html_error_page(r, 400, "图表参数有误", msg);
		return;
	}
	if (fig_parse(r, &s, FG_CHILD, "图表参数有误", &fq) == -1)
		return;
	if (fq.group != FG_CHILD || fq.level > 2) {
		html_error_page(r, 400, "图表参数有误", "共驻共建图表按区的街道"
		    "或街道的社区绘制，请选择区或街道。");
		return;
	}
	if ((res = malloc(sizeof(*res))) == NULL ||
	    (c = malloc(sizeof(*c))) == NULL) {
		rc = DB_ERROR;
		goto fail;
	}
	if ((rc = fig_stats(r, &fq, res)) != DB_OK ||
	    (rc = cbfig_load(r, &fq, res, c)) != DB_OK)
		goto fail;
	k = v[KF_FIG].present ? (int)v[KF_FIG].i : CBR_PARTICIPATION;
	for (i = 0; i < c->n; i++) {
		items[i].label = c->rows[i].name;
		items[i].value = cbfig_rate((enum cb_rate)k, &c->rows[i].f, &num,
		    &den) ? (double)num / (double)den : NAN;
		items[i].num = (long)num;
		items[i].den = (long)den;
		items[i].low = 0;
	}
	snprintf(title, sizeof(title), "%s各%s%s · %s 至 %s", fq.region_name,
	    fq.child_name, cbfig_defs[k].label, fq.from, fq.to);
	in = (struct chart_bar){ .title = title, .ylabel = cbfig_defs[k].label,
	    .xlabel = fq.child_name, .items = items, .n = c->n,
	    .target = (double)(v[KF_TARGET].present ? v[KF_TARGET].i :
	    r->cfg->target_percent) / 100.0,
	    .width = v[KF_W].present ? (int)v[KF_W].i : 800,
	    .height = v[KF_H].present ? (int)v[KF_H].i : 400,
	    .note = c->end < fq.q.to ? "本期尚未结束，数值仍会变化" : NULL };
	stats_chart_send(r, 'c', chart_hash_bar(&in), render, &in);
	free(res);
	free(c);
	return;
fail:
	free(res);
	free(c);
	http_db_error(r, rc);
}
