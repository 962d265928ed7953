/*
 * Exports for staff: request lists, Party member rosters and the figures
 * as CSV or XLSX files (cgi/sheet.c), streamed from the database to the
 * client.
 *
 *   GET /export/requests.{csv,xlsx}?region=&from=&to=&state=&category=
 *   GET /export/members.{csv,xlsx}?region=
 *   GET /export/figures.{csv,xlsx}?region=&from=&to=&group=
 *
 * region is a region id inside the user's scope (default: the user's home
 * region); anything else answers 404 like a page that does not exist.
 * Every export is written to the audit log: who, which file, the filters
 * and how many rows went out.
 *
 * Personal data: request lists carry no resident names, and the phone
 * masked (138****5678, masked by the database: the whole number never
 * reaches the daemon).  Rosters carry the members' names — staff keep the
 * roster and see the names on the roster page already — and the phone
 * masked the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "config.h"
#include "day.h"
#include "cbfig.h"
#include "deptfig.h"
#include "figures.h"
#include "html.h"
#include "route.h"
#include "sheet.h"
#include "staff.h"
#include "valid.h"
#include "withdraw.h"

/* ---- What every export shares: the scope, the file, the audit ---- */

/* What every export takes: the figures' fields, then the format. */
enum {
	XF_FORMAT = FF__MAX,	/* "*0": csv or xlsx */
	XF__MAX
};
#define EXPORT_FIELDS \
	FIG_FIELDS, \
	[XF_FORMAT] = { "*0", "格式", V_ENUM, true, 0, SHEET__MAX, \
	    sheet_fmt_names }

/* Answer 400 with a sentence (a literal). */
static void
export_bad(struct req *r, const char *text)
{
	html_error_page(r, 400, "导出条件有误", text);
}

/*
 * What every export starts with: a staff session (auth_require), the
 * format of the route's '*' (r->v[XF_FORMAT]: "csv" or "xlsx", 404 for
 * another), and the scope, period and grouping parsed as /api/stats and
 * the dashboard parse them (fig_parse: region, from, to, group; the
 * backlog overdue now counted too).  0, or -1 after answering: the login
 * page or 403, 400, 404 (another format, or a region outside the user's
 * scope) or the database failure.
 */
static int
export_start(struct req *r, enum fig_group dflt, struct staff *s,
    enum sheet_fmt *fmt, struct fig_query *fq)
{
	if (auth_require(r, ROLES_STAFF, s) == -1)
		return -1;
	if (r->v[XF_FORMAT].error != NULL) {
		staff_not_found(r);
		return -1;
	}
	*fmt = (enum sheet_fmt)r->v[XF_FORMAT].i;
	if (fig_parse(r, s, dflt, "导出条件有误", fq) == -1)
		return -1;
	fq->q.overdue = 1;	/* reports show the backlog too */
	return 0;
}

/* The 说明 lines every export has: scope, period (when period is set),
 * "as of" (asof_what: what is as of then) and who exported. */
static void
export_notes(struct sheet *sh, const struct req *r, const struct staff *s,
    const struct fig_query *fq, int period, const char *asof_what)
{
	char		 note[DB_NAME_MAX + 256], t[17];
	struct tm	 tm;

	snprintf(note, sizeof(note), "%s（%s）", fq->region_name,
	    word_region[fq->level].label);
	sheet_note(sh, "范围", note);
	if (period) {
		snprintf(note, sizeof(note), "%s 至 %s（诉求按提交时间的本地日期，"
		    "含首尾两天；时区 %s）", fq->from, fq->to, r->cfg->timezone);
		sheet_note(sh, "期间", note);
	}
	localtime_r(&fq->as_of, &tm);
	strftime(t, sizeof(t), "%Y-%m-%d %H:%M", &tm);
	snprintf(note, sizeof(note), "%s（%s）", t, asof_what);
	sheet_note(sh, "数据截至", note);
	snprintf(note, sizeof(note), "%s（%s）", s->u.display_name,
	    s->u.username);
	sheet_note(sh, "导出人", note);
}

/*
 * The audit line of an export: action "export", object "what.csv" (the
 * route's format, checked by export_start), detail the filters, the rows
 * that went out and the result (rc a db_rc, sent what sheet_close
 * returned).
 */
static void
export_audit(struct req *r, const struct staff *s, const char *what,
    const char *filters, long long rows, int rc, int sent)
{
	char	 object[32], detail[1000];

	snprintf(object, sizeof(object), "%s.%s", what,
	    sheet_fmt_names[r->v[XF_FORMAT].i]);
	snprintf(detail, sizeof(detail), "%s rows=%lld result=%s", filters,
	    rows, rc < 0 ? "db_failure" : sent == 0 ? "sent" : "not_sent");
	auth_audit(r, s, "export", object, detail);
}

/* ---- Request lists ---- */

static const struct sheet_col request_cols[] = {
	{ "诉求编号", 11, "诉求的查询编号（居民回执上的编号）" },
	{ "来源", 10, "网上提交、系统接入（Open311 接口）、12345热线"
	    "或来访登记" },
	{ "类别", 14, "服务类别" },
	{ "街道", 14, "诉求地点所在街道" },
	{ "社区", 14, "诉求地点所在社区" },
	{ "网格", 12, "诉求地点所在网格（居民未指明时为空）" },
	{ "地址", 28, "居民填写的地址" },
	{ "诉求内容", 48, "居民填写的问题描述" },
	{ "联系电话", 13, "居民手机号，中间四位隐去（如 138****5678）；"
	    "导出文件不含居民姓名" },
	{ "状态", 9, "导出时的状态：待受理、已受理、办理中、已办结、"
	    "已完结（已评价）、未予受理、已撤回（群众撤回，不计入有效量）" },
	{ "提交时间", 17, "居民提交诉求、系统收到的时间（本地时间）；"
	    "统计期间按此时间的日期划分" },
	{ "受理时间", 17, "工作人员首次受理的时间（不是提交时间）；"
	    "尚未受理的为空" },
	{ "办结时间", 17, "最近一次办结的时间" },
	{ "完结时间", 17, "居民评价后完结的时间" },
	{ "响应期限", 17, "提交时间加类别的响应时限（小时）" },
	{ "办结期限", 17, "类别的办结时限（天）：受理时从受理时间起算，"
	    "退回重办后重新起算" },
	{ "按时响应", 9, "“是”：在响应期限内受理（计入响应率的分子）；"
	    "“否”：超过期限才受理或尚未受理；未予受理的诉求为空" },
	{ "按期办结", 9, "已办结或已完结的诉求：办结时间不晚于办结期限"
	    "为“是”（计入按期办结率的分子），否则为“否”；未办结的为空" },
	{ "办理层级", 9, "当前办理层级：社区、街道或区" },
	{ "最高办理层级", 12, "曾经上报到的最高层级；"
	    "只在社区办理的办结诉求计入社区解决率" },
	{ "群众评价", 9, "满意、基本满意或不满意；未评价为空" },
	{ "退回重办次数", 12, "因不满意退回重办的次数（最多一次）" },
};

static int
request_row(void *arg, const struct db_export_request *q)
{
	struct sheet	*sh = arg;
	int		 st = WORD_FIND(word_state, q->state);
	int		 rejected = st == ST_REJECTED;
	int		 done = st == ST_RESOLVED || st == ST_CLOSED;

	sheet_text(sh, q->tracking);
	sheet_text(sh, WORD_LABEL(word_source, q->source));
	sheet_text(sh, q->category);
	sheet_text(sh, q->street);
	sheet_text(sh, q->community);
	sheet_text(sh, q->grid);
	sheet_text(sh, q->address);
	sheet_text(sh, q->description);
	sheet_text(sh, q->phone);
	sheet_text(sh, rq_state_label(q->state, q->reject_reason));
	sheet_time(sh, q->received_at);
	sheet_time(sh, q->accepted_at);
	sheet_time(sh, q->resolved_at);
	sheet_time(sh, q->closed_at);
	sheet_time(sh, q->response_due);
	sheet_time(sh, q->resolve_due);
	if (rejected)
		sheet_empty(sh);
	else
		sheet_text(sh, q->accepted_at != 0 &&
		    q->accepted_at <= q->response_due ? "是" : "否");
	if (!done)
		sheet_empty(sh);
	else
		sheet_text(sh, q->resolved_at != 0 &&
		    q->resolved_at <= q->resolve_due ? "是" : "否");
	sheet_text(sh, WORD_LABEL(word_level, q->level));
	sheet_text(sh, WORD_LABEL(word_level, q->max_level));
	sheet_text(sh, q->rating[0] ? WORD_LABEL(word_rating, q->rating) : "");
	sheet_int(sh, q->reopen_count);
	return sheet_row_end(sh);
}

/* A request list: what every export takes, then its filters. */
#define BAD_FILTER	"状态或类别的取值不正确。"
enum {
	RF_STATE = XF__MAX,	/* state: the code of a word_state */
	RF_CATEGORY,		/* category: a category id */
	RF__MAX
};
static const struct vfield request_fields[RF__MAX] = {
	EXPORT_FIELDS,
	[RF_STATE] = { "state", "状态", V_ENUM, false, 0, ST__MAX, NULL,
	    BAD_FILTER, .words = word_state },
	[RF_CATEGORY] = { "category", "类别", V_INT, false, 1, 65535, NULL,
	    BAD_FILTER },
};
VFORM(form_export_requests, request_fields);

/* GET /export/requests.{csv,xlsx}: the requests of a scope and period. */
void
page_export_requests(struct req *r)
{
	struct staff	 s;
	const struct vvalue *v = r->v;
	const char	*msg;
	struct fig_query fq;
	struct db_export_filter f;
	struct db_category cat;
	struct sheet	*sh;
	enum sheet_fmt	 fmt;
	char		 name[DB_NAME_MAX + 64], filters[512];
	long long	 rows = 0;
	int		 rc, sent;

	if (export_start(r, FG_NONE, &s, &fmt, &fq) == -1)
		return;
	if ((msg = valid_first_error(&v[RF_STATE], RF__MAX - RF_STATE)) !=
	    NULL) {
		export_bad(r, msg);
		return;
	}
	memset(&f, 0, sizeof(f));
	f.scope = fq.q.scope;
	f.from = fq.q.from;
	f.to = fq.q.to;
	f.state = v[RF_STATE].present ? word_state[v[RF_STATE].i].code : "";
	f.category_id = v[RF_CATEGORY].present ? (int)v[RF_CATEGORY].i : 0;
	if (f.category_id != 0 &&
	    (rc = db_category_get(r->db, f.category_id, &cat)) != DB_OK) {
		if (rc == DB_NOTFOUND)
			export_bad(r, "没有这个服务类别。");
		else
			http_db_error(r, rc);
		return;
	}
	snprintf(name, sizeof(name), "诉求清单_%s_%s_%s", fq.region_name,
	    fq.from, fq.to);
	snprintf(filters, sizeof(filters), "region=%d from=%s to=%s "
	    "state=%s category=%d", fq.region_id, fq.from, fq.to, f.state,
	    f.category_id);
	if ((sh = sheet_open(r, fmt, name, "requests", "诉求清单",
	    request_cols, sizeof(request_cols) / sizeof(request_cols[0]))) ==
	    NULL)
		return;
	export_notes(sh, r, &s, &fq, 1, "状态、时间和评价为此时的情况");
	sheet_note(sh, "状态", f.state[0] ? WORD_LABEL(word_state, f.state) :
	    "全部");
	sheet_note(sh, "类别", f.category_id ? cat.name : "全部");
	sheet_note(sh, "说明", "每行一件诉求，按提交时间排序。与统计数据同一口径："
	    "期间内提交的诉求，统计其至今的办理情况。不含居民姓名，"
	    "手机号中间四位隐去。");
	rc = db_export_requests(r->db, &f, request_row, sh, &rows);
	sent = sheet_close(sh, rc);
	export_audit(r, &s, "requests", filters, rows, rc, sent);
}

/* ---- Party member rosters ---- */

static const struct sheet_col member_cols[] = {
	{ "街道", 14, "党员所在社区的街道" },
	{ "社区", 14, "党员报到的居住地社区（名册所属社区）" },
	{ "姓名", 10, "党员姓名（名册由社区工作人员维护）" },
	{ "手机号", 13, "手机号，中间四位隐去（如 138****5678）" },
	{ "类型", 8, "在职、离退休、流动或居民党员" },
	{ "工作单位", 24, "在职党员的工作单位" },
	{ "报到状态", 10, "导出时：已报到（报到在有效期内）、"
	    "报到已过期或未报到" },
	{ "报到时间", 17, "最近一次确认报到的时间" },
	{ "报到有效至", 17, "报到有效期的结束时间（报到后按配置的天数）" },
	{ "志愿服务时长（小时）", 12, "参加活动登记的服务时长合计" },
	{ "已完成认领", 10, "服务菜单中已完成的认领项目数" },
	{ "进行中认领", 10, "服务菜单中尚未完成的认领项目数" },
	{ "积分", 8, NULL },	/* the rule, from the configuration */
	{ "实现微心愿", 10, "党员认领并实现、经社区确认的微心愿数" },
};
#define MEMBER_POINTS_COL	12	/* 积分 */
#define MEMBER_NCOLS (sizeof(member_cols) / sizeof(member_cols[0]))

struct member_ctx {
	struct sheet		*sh;
	struct db_points	 points;
	time_t			 now;
};

static int
member_row(void *arg, const struct db_export_member *x)
{
	struct member_ctx *c = arg;
	struct sheet	*sh = c->sh;
	const struct db_member *m = &x->m;

	sheet_text(sh, x->street);
	sheet_text(sh, x->community);
	sheet_text(sh, m->name);
	sheet_text(sh, m->phone);
	sheet_text(sh, (int)m->type >= 0 && m->type < MTYPE__MAX ?
	    word_mtype[m->type].label : "");
	sheet_text(sh, m->employer);
	sheet_text(sh, db_member_reported(m, c->now) ? "已报到" :
	    m->reported_at != 0 ? "报到已过期" : "未报到");
	sheet_time(sh, m->reported_at);
	sheet_time(sh, m->report_expires_at);
	sheet_tenths(sh, m->hours_tenths);
	sheet_int(sh, m->completed);
	sheet_int(sh, m->open_claims);
	sheet_tenths(sh, db_points_tenths(m, &c->points));
	sheet_int(sh, m->wishes);
	return sheet_row_end(sh);
}

/* Rosters and figures take what every export takes. */
static const struct vfield export_fields[XF__MAX] = {
	EXPORT_FIELDS,
};
VFORM(form_export_members, export_fields);

/* GET /export/members.{csv,xlsx}?region=: the roster of the communities
 * in a scope (a district, street or community; a grid has none: 404). */
void
page_export_members(struct req *r)
{
	struct staff	 s;
	struct fig_query fq;
	struct sheet	*sh;
	struct member_ctx c;
	struct sheet_col cols[MEMBER_NCOLS];
	enum sheet_fmt	 fmt;
	char		 name[DB_NAME_MAX + 64], day[DB_DATE_LEN + 1],
			 filters[64], rule[384];
	long long	 rows = 0;
	int		 rc, sent;

	if (export_start(r, FG_NONE, &s, &fmt, &fq) == -1)
		return;
	if (fq.level == 4) {
		staff_not_found(r);
		return;
	}
	c.points = (struct db_points)DB_POINTS_OF(r->cfg);
	c.now = fq.as_of;
	snprintf(rule, sizeof(rule), "积分 = 每小时 %d 分 × 志愿服务时长 + "
	    "每项 %d 分 × 已完成认领 + 每个 %d 分 × 实现的微心愿（经社区确认）"
	    "（配置 [members] points_per_hour、points_per_claim、"
	    "points_per_wish）", c.points.per_hour, c.points.per_claim,
	    c.points.per_wish);
	memcpy(cols, member_cols, sizeof(cols));
	cols[MEMBER_POINTS_COL].def = rule;
	day_format(fig_today(fq.as_of), day);
	snprintf(name, sizeof(name), "党员名册_%s_%s", fq.region_name, day);
	snprintf(filters, sizeof(filters), "region=%d", fq.region_id);
	if ((c.sh = sh = sheet_open(r, fmt, name, "members", "党员名册", cols,
	    MEMBER_NCOLS)) == NULL)
		return;
	export_notes(sh, r, &s, &fq, 0, "报到状态、时长、认领和积分为此时的情况");
	sheet_note(sh, "说明", "范围内各社区的党员名册，按街道、社区、姓名排序。"
	    "含党员姓名（名册由社区工作人员维护），手机号中间四位隐去。");
	rc = db_export_members(r->db, &fq.q.scope, member_row, &c, &rows);
	sent = sheet_close(sh, rc);
	export_audit(r, &s, "members", filters, rows, rc, sent);
}

/* ---- Figures ---- */

#define FIG_BEFORE	4	/* columns before the rates */
#define FIG_AFTER	6	/* columns after the rates */
#define FIG_DEPT	6	/* then the departments' two rates */
#define FIG_CONTEXT	4	/* then, after the co-building figures
				   (CBFIG_NCOLS), scope, period, as-of */
#define FIG_NCOLS	(FIG_BEFORE + 3 * FR__MAX + FIG_AFTER + FIG_DEPT + \
			 CBFIG_NCOLS + FIG_CONTEXT)

/* The columns other than the rates'. */
static const struct sheet_col fig_head[FIG_BEFORE] = {
	{ "", 16, "每行一组（下级区域、类别或月份），"
	    "最后一行为范围合计" },	/* the title: set per export */
	{ "收到量", 8, "期间内提交（系统收到）、地点在范围内的诉求数" },
	{ "不予受理", 9, "其中未予受理（重复、无效、不属于受理范围）"
	    "或群众撤回的" },
	{ "有效量", 8, "收到量减不予受理（含群众撤回）" },
};
static const struct sheet_col fig_tail[FIG_AFTER + FIG_DEPT + FIG_CONTEXT] = {
	{ "在办量", 8, "有效诉求中尚未办结的" },
	{ "其中超期", 9, "在办诉求中此时已过办结期限的" },
	{ "平均办结时长（小时）", 12, "已办结诉求从提交到办结的平均"
	    "小时数" },
	{ "名册党员", 9, "期间末（未到期间末时为此时）在范围内各社区名册上"
	    "的党员（按网格或类别分组时不适用，为空）" },
	{ "服务时长（小时）", 10, "期间内登记的党员志愿服务时长合计" },
	{ "人均服务时长（小时）", 12, "服务时长除以已报到党员数" },
	/* The departments' (issue 19, DESIGN.md "Departments"): on the
	 * departments' rows and the total, empty on the other groups'. */
	{ "部门报到率·分子", 9, "部门报到率的分子：在部门报到时限内报到的召集"
	    "次数（截至期间末或数据截至时间，取较早者）" },
	{ "部门报到率·分母", 9, "部门报到率的分母：期间内召集（吹哨）、诉求"
	    "地点在范围内的部门召集次数" },
	{ "部门报到率", 10, "部门报到率 = 分子 ÷ 分母；分母为 0 时为空（不是 "
	    "0）。只在职能部门的行和合计行有值" },
	{ "部门按期办结率·分子", 10, "部门按期办结率的分子：在部门办结时限内"
	    "办结的召集次数" },
	{ "部门按期办结率·分母", 10, "部门按期办结率的分母：这些召集中部门已"
	    "办结的次数（截至期间末或数据截至时间，取较早者）" },
	{ "部门按期办结率", 11, "部门按期办结率 = 分子 ÷ 分母；分母为 0 时为"
	    "空（不是 0）。只在职能部门的行和合计行有值" },
	/* Every row says what it covers, so that the file stays one table
	 * when forwarded or put together with others. */
	{ "范围", 14, "统计范围（区域），每行相同" },
	{ "开始日期", 11, "统计期间的第一天（含）；诉求按提交时间的本地日期"
	    "计入期间，每行相同" },
	{ "结束日期", 11, "统计期间的最后一天（含），每行相同" },
	{ "数据截至", 17, "数字计算的时间（本地时间）：诉求为期间内提交的诉求"
	    "此时的办理情况；党员指标截至期间末，未到期间末时截至此时。"
	    "每行相同" },
};

/* The title of the first column by grouping (FG_CHILD: the child level). */
static const char *const group_titles[FG__MAX] = {
	"区域", "", "服务类别", "提交月份" };

/* The columns of every figures export, made from fig_rates at start-up. */
static struct sheet_col	 fig_cols[FIG_NCOLS];
static char		 fig_text[FR__MAX][3][2][256];	/* titles, defs */

void
export_init(void)
{
	static const char *const part[3] = { "·分子", "·分母", "" };
	const struct fig_rate_def *d;
	char		(*t)[2][256];
	int		 k, j;

	memcpy(fig_cols, fig_head, sizeof(fig_head));
	for (k = 0; k < FR__MAX; k++) {
		d = &fig_rates[k];
		t = fig_text[k];
		snprintf(t[0][1], sizeof(t[0][1]), "%s的分子：%s", d->label,
		    d->num_label);
		snprintf(t[1][1], sizeof(t[1][1]), "%s的分母：%s", d->label,
		    d->den_label);
		snprintf(t[2][1], sizeof(t[2][1]), "%s = 分子 ÷ 分母；分母为 0 "
		    "时为空（不是 0）%s", d->definition, d->members ?
		    "；按网格或类别分组时不适用，为空" : "");
		for (j = 0; j < 3; j++) {
			snprintf(t[j][0], sizeof(t[j][0]), "%s%s", d->label,
			    part[j]);
			fig_cols[FIG_BEFORE + 3 * k + j] = (struct sheet_col){
			    t[j][0], j < 2 ? 9 : 10, t[j][1] };
		}
	}
	memcpy(&fig_cols[FIG_BEFORE + 3 * FR__MAX], fig_tail,
	    (FIG_AFTER + FIG_DEPT) * sizeof(fig_tail[0]));	/* departments' */
	cbfig_sheet_cols(&fig_cols[FIG_BEFORE + 3 * FR__MAX + FIG_AFTER +
	    FIG_DEPT]);		/* the co-building figures (issue 20) */
	memcpy(&fig_cols[FIG_NCOLS - FIG_CONTEXT], &fig_tail[FIG_AFTER +
	    FIG_DEPT], FIG_CONTEXT * sizeof(fig_tail[0]));	/* context */
}

/* The departments' cells of a row: their two rates with numerator and
 * denominator (the numbers of /api/stats' "departments"), or empty. */
static void
fig_dept_cells(struct sheet *sh, const struct db_dept_figures *d)
{
	int	 k;

	if (d == NULL) {
		for (k = 0; k < FIG_DEPT; k++)
			sheet_empty(sh);
		return;
	}
	sheet_int(sh, d->in_time);
	sheet_int(sh, d->issued);
	sheet_rate(sh, d->in_time, d->issued);
	sheet_int(sh, d->ontime);
	sheet_int(sh, d->answered);
	sheet_rate(sh, d->ontime, d->answered);
}

/* The co-building cells of a row (cb, or empty when NULL), then the
 * context cells every row ends with. */
static int
fig_context(struct sheet *sh, const struct fig_query *fq,
    const struct db_cb_figures *cb)
{
	cbfig_sheet_cells(sh, cb);
	sheet_text(sh, fq->region_name);
	sheet_text(sh, fq->from);
	sheet_text(sh, fq->to);
	sheet_time(sh, fq->as_of);
	return sheet_row_end(sh);
}

/* A row of co-building figures alone (a street's own items): the other
 * columns empty. */
static int
fig_cb_row(struct sheet *sh, const struct fig_query *fq,
    const struct cbfig_row *x)
{
	int	 k;

	sheet_text(sh, x->name);
	for (k = 1; k < FIG_BEFORE + 3 * FR__MAX + FIG_AFTER + FIG_DEPT; k++)
		sheet_empty(sh);
	return fig_context(sh, fq, &x->f);
}

/* A department's row: its name and region, the requests' columns empty,
 * its rates, the context. */
static int
fig_dept_row(struct sheet *sh, const struct fig_query *fq,
    const struct db_dept_figures *d)
{
	char	 name[sizeof(d->name) + sizeof(d->region) + 32];
	int	 k;

	snprintf(name, sizeof(name), "职能部门：%s（%s）", d->name, d->region);
	sheet_text(sh, name);
	for (k = 1; k < FIG_BEFORE + 3 * FR__MAX + FIG_AFTER; k++)
		sheet_empty(sh);
	fig_dept_cells(sh, d);
	return fig_context(sh, fq, NULL);
}

/* One row of figures: the same numbers /api/stats gives (fig_rate), the
 * departments' (d, NULL on a group's row), the co-building ones (cb,
 * NULL where they do not apply), then the scope, period and time of fq
 * they cover. */
static int
fig_row(struct sheet *sh, const struct fig_query *fq, const char *name,
    const struct db_figures *f, const struct db_dept_figures *d,
    const struct db_cb_figures *cb)
{
	long long	 num, den;
	double		 h;
	int		 k;

	sheet_text(sh, name);
	sheet_int(sh, f->received);
	sheet_int(sh, f->rejected);
	sheet_int(sh, fig_valid(f));
	for (k = 0; k < FR__MAX; k++) {
		if (fig_rate((enum fig_rate)k, f, &num, &den) < 0) {
			sheet_empty(sh);
			sheet_empty(sh);
			sheet_empty(sh);
			continue;
		}
		sheet_int(sh, num);
		sheet_int(sh, den);
		sheet_rate(sh, num, den);
	}
	sheet_int(sh, fig_open(f));
	sheet_int(sh, f->overdue);
	if (fig_mean_hours(f, &h))
		sheet_real(sh, h);
	else
		sheet_empty(sh);
	if (f->members) {
		sheet_int(sh, f->roster);
		sheet_tenths(sh, f->hours_tenths);
		if (fig_hours_per_member(f, &h))
			sheet_real(sh, h);
		else
			sheet_empty(sh);
	} else {
		sheet_empty(sh);
		sheet_empty(sh);
		sheet_empty(sh);
	}
	fig_dept_cells(sh, d);
	return fig_context(sh, fq, cb);
}

VFORM(form_export_figures, export_fields);

/*
 * GET /export/figures.{csv,xlsx}?region=&from=&to=&group=: the figures
 * table of the dashboard and /api/stats (the same parsing, the same
 * fig_stats), every rate with its numerator and denominator; one row per
 * group, then the total.
 */
void
page_export_figures(struct req *r)
{
	struct staff	 s;
	struct fig_query fq;
	struct sheet_col cols[FIG_NCOLS];
	struct fig_result *res;
	struct db_dept_figures dt, *dr = NULL;
	struct cbfig	*cb = NULL;
	struct sheet	*sh;
	enum sheet_fmt	 fmt;
	char		 name[DB_NAME_MAX + 64], filters[128];
	size_t		 i, nd = 0;
	int		 rc, sent;

	if (export_start(r, FG_CHILD, &s, &fmt, &fq) == -1)
		return;
	if ((res = malloc(sizeof(*res))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((cb = malloc(sizeof(*cb))) == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	if ((rc = fig_stats(r, &fq, res)) != DB_OK ||
	    (rc = deptfig_load(r, &fq, &dt, &dr, &nd)) != DB_OK ||
	    (rc = cbfig_load(r, &fq, res, cb)) != DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	memcpy(cols, fig_cols, sizeof(cols));
	cols[0].title = fq.group == FG_CHILD ? fq.child_name :
	    group_titles[fq.group];
	snprintf(name, sizeof(name), "统计指标_%s_%s_%s", fq.region_name,
	    fq.from, fq.to);
	snprintf(filters, sizeof(filters), "region=%d from=%s to=%s group=%s",
	    fq.region_id, fq.from, fq.to, fig_group_names[fq.group]);
	if ((sh = sheet_open(r, fmt, name, "figures", "统计指标", cols,
	    FIG_NCOLS)) == NULL)
		goto out;
	export_notes(sh, r, &s, &fq, 1, "诉求为期间内提交的诉求此时的办理"
	    "情况；党员指标截至期间末，未到期间末时截至此时");
	sheet_note(sh, "口径", "队列口径：取期间内提交、地点在范围内的诉求，"
	    "统计其至今的办理情况。每个比率都列出分子和分母；分母为 0 的比率"
	    "为空，不是 0。与统计页面和 /api/stats 的数字相同。职能部门"
	    "（吹哨报到）：期间内召集的部门各占一行（名称以“职能部门：”开头），"
	    "排在合计行之前，只有部门报到率和部门按期办结率两组列；合计行的"
	    "这两组列为全部部门的合计。");
	sheet_note(sh, "共驻共建口径", CBFIG_NOTE "各共驻共建比率的列见“说明”；"
	    "街道本级的事项另占一行（名称以“本级”结尾），各行相加等于合计；"
	    "按类别分组或网格范围时这些列为空。");
	for (i = 0, rc = 0; i < res->n && rc == 0; i++)
		rc = fig_row(sh, &fq, res->rows[i].name, &res->rows[i].f, NULL,
		    cb->grouped && i < cb->n ? &cb->rows[i].f : NULL);
	for (i = res->n; cb->grouped && i < cb->n && rc == 0; i++)
		rc = fig_cb_row(sh, &fq, &cb->rows[i]);	/* a street's own */
	for (i = 0; i < nd && rc == 0; i++)
		rc = fig_dept_row(sh, &fq, &dr[i]);
	if (rc == 0)
		(void)fig_row(sh, &fq, fq.group == FG_NONE ? fq.region_name :
		    "合计", &res->total, &dt, cb->applies ? &cb->total : NULL);
	sent = sheet_close(sh, DB_OK);
	export_audit(r, &s, "figures", filters, (long long)(res->n + nd) + 1,
	    DB_OK, sent);
out:
	free(cb);
	free(dr);
	free(res);
}
