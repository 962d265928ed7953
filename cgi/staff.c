/*
 * Staff pages: the queue of requests in scope, a request with its whole
 * timeline and the actions the transition table allows now, and posting
 * an action.  Everything outside the user's scope answers 404.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "depts.h"
#include "html.h"
#include "photos.h"
#include "route.h"
#include "staff.h"
#include "valid.h"
#include "withdraw.h"

#define QUEUE_PAGE	50
#define MAX_EVENTS	200
#define MAX_CHOICES	200
#define QUEUE_REGIONS	4096

/* GET /staff: the queue's filters and page; POST /staff: a search. */
enum { QF_STATE, QF_CATEGORY, QF_GRID, QF_OVERDUE, QF_WARNED, QF_MINE,
    QF_ESCALATED, QF_PAGE, QF__MAX };
static const struct vfield queue_fields[QF__MAX] = {
	{ "state", "状态", V_ENUM, false, 0, ST__MAX,		/* QF_STATE */
	    .words = word_state },
	{ "category", "类别", V_INT, false, 1, 65535 },		/* QF_CATEGORY */
	{ "grid", "网格", V_ID, false },			/* QF_GRID */
	{ "overdue", "已超期", V_INT, false, 0, 1 },		/* QF_OVERDUE */
	{ "warned", "预警", V_INT, false, 0, 1 },		/* QF_WARNED */
	{ "mine", "分派给我", V_INT, false, 0, 1 },		/* QF_MINE */
	{ "escalated", "升级到本级", V_INT, false, 0, 1 },	/* QF_ESCALATED */
	{ "page", "页码", V_INT, false, 1, 10000 },		/* QF_PAGE */
};
enum { QS_Q, QS__MAX };
static const struct vfield search_fields[QS__MAX] = {
	{ "q", "编号或手机号", V_TEXT, true, 1, 40 },		/* QS_Q */
};

/* The handling level of requests a user of this scope works on. */
static const char *
queue_level(const struct staff *s)
{
	switch (s->u.scope.level) {
	case REGION_ALL:
	case REGION_DISTRICT:
		return word_level[LV_DISTRICT].code;
	case REGION_STREET:
		return word_level[LV_STREET].code;
	default:
		return word_level[LV_COMMUNITY].code;
	}
}

/* The query string of f's filters (without the page), into q. */
static void
queue_query(struct buf *q, const struct db_queue_filter *f)
{
	buf_printf(q, "state=%s&amp;category=%d&amp;grid=%d&amp;overdue=%d"
	    "&amp;warned=%d&amp;mine=%d&amp;escalated=%d", f->state,
	    f->category_id, f->grid_id, f->overdue, f->warned, f->mine,
	    f->escalated);
}

/* One quick filter: a link with its count, marked when it is on. */
static void
queue_chip(struct buf *b, const char *query, const char *label,
    long long n, int on)
{
	buf_printf(b, "<a class=\"chip%s\" href=\"/staff%s%s\"%s>",
	    on ? " on" : "", query[0] ? "?" : "", query,
	    on ? " aria-current=\"true\"" : "");
	html_txt(b, label);
	buf_printf(b, " <b>%lld</b></a>\n", n);
}

/* The count of id in ids[n]: 0 when absent. */
static long long
count_of(const int *ids, const long long *ns, size_t n, int id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return ns[i];
	return 0;
}

/* The quick filters, the search, and the filter form. */
static void
queue_filters(struct buf *b, const struct staff *s,
    const struct db_queue_filter *f, const struct db_queue_counts *c,
    const struct db_category *cats, size_t ncat,
    const struct db_region *regs, size_t nreg, const char *q)
{
	size_t	 i;
	int	 any = f->overdue || f->warned || f->mine || f->escalated ||
	    f->state[0] || f->category_id || f->grid_id;

	buf_add(b, "<nav class=\"chips\" aria-label=\"快速筛选\">\n");
	queue_chip(b, "", "全部待办", c->open, !any && !f->tracking[0] &&
	    !f->phone[0]);
	queue_chip(b, "mine=1", "分派给我", c->mine, f->mine);
	if (strcmp(f->level, word_level[LV_COMMUNITY].code) != 0)
		queue_chip(b, "escalated=1", "升级到本级", c->escalated,
		    f->escalated);
	queue_chip(b, "overdue=1", "已超期", c->overdue, f->overdue);
	queue_chip(b, "warned=1", "预警", c->warned, f->warned);
	buf_add(b, "</nav>\n");

	buf_add(b, "<form method=\"post\" action=\"/staff\" class=\"card "
	    "search\" role=\"search\">\n<label for=\"q\">按诉求编号或手机号"
	    "查找</label>\n<div class=\"row\"><input id=\"q\" name=\"q\" "
	    "maxlength=\"40\" required autocomplete=\"off\" value=\"");
	html_attr(b, q ? q : "");
	buf_add(b, "\">");
	auth_csrf_field(b, s);
	buf_add(b, "<button class=\"button\" type=\"submit\">查找</button>"
	    "</div></form>\n");

	buf_add(b, "<details class=\"card filters\"");
	if (any)
		buf_add(b, " open");
	buf_add(b, "><summary>筛选条件</summary>\n<form method=\"get\" "
	    "action=\"/staff\">\n<p><label for=\"state\">状态</label>"
	    "<select id=\"state\" name=\"state\"><option value=\"\">"
	    "全部待办</option>");
	for (i = 0; i < ST__MAX; i++) {
		buf_printf(b, "<option value=\"%s\"%s>", word_state[i].code,
		    strcmp(f->state, word_state[i].code) == 0 ? " selected" :
		    "");
		html_txt(b, word_state[i].label);
		/* Counts are of open requests. */
		if (i < ST_RESOLVED)
			buf_printf(b, "（%lld）", c->state[i]);
		buf_add(b, "</option>");
	}
	buf_add(b, "</select></p>\n<p><label for=\"category\">类别</label>"
	    "<select id=\"category\" name=\"category\"><option value=\"\">"
	    "全部类别</option>");
	for (i = 0; i < ncat; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", cats[i].id,
		    cats[i].id == f->category_id ? " selected" : "");
		html_txt(b, cats[i].name);
		buf_printf(b, "（%lld）", count_of(c->cat_id, c->cat_n, c->ncat,
		    cats[i].id));
		buf_add(b, "</option>");
	}
	buf_add(b, "</select></p>\n");
	if (s->u.scope.level < REGION_GRID) {
		buf_add(b, "<p><label for=\"grid\">网格</label><select "
		    "id=\"grid\" name=\"grid\"><option value=\"\">全部网格"
		    "</option>");
		for (i = 0; i < nreg; i++) {
			if (regs[i].level != REGION_GRID ||
			    (count_of(c->grid_id, c->grid_n, c->ngrid,
			    regs[i].id) == 0 && regs[i].id != f->grid_id))
				continue;
			buf_printf(b, "<option value=\"%d\"%s>", regs[i].id,
			    regs[i].id == f->grid_id ? " selected" : "");
			html_txt(b, regs[i].name);
			buf_printf(b, "（%lld）", count_of(c->grid_id,
			    c->grid_n, c->ngrid, regs[i].id));
			buf_add(b, "</option>");
		}
		buf_add(b, "</select></p>\n");
	}
	buf_printf(b, "<p><label class=\"check\"><input type=\"checkbox\" "
	    "name=\"mine\" value=\"1\"%s>分派给我（%lld）</label>",
	    f->mine ? " checked" : "", c->mine);
	if (strcmp(f->level, word_level[LV_COMMUNITY].code) != 0)
		buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"escalated\" value=\"1\"%s>升级到本级（%lld）</label>",
		    f->escalated ? " checked" : "", c->escalated);
	buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" "
	    "name=\"overdue\" value=\"1\"%s>已超期（%lld）</label>"
	    "<label class=\"check\"><input type=\"checkbox\" name=\"warned\" "
	    "value=\"1\"%s>预警（%lld）</label></p>\n",
	    f->overdue ? " checked" : "", c->overdue,
	    f->warned ? " checked" : "", c->warned);
	buf_add(b, "<p><button class=\"button\" type=\"submit\">筛选</button> "
	    "<a class=\"chip\" href=\"/staff\">清除</a></p></form></details>\n");
}

/*
 * The time left to a deadline as people say it: 剩余 3 天, 剩余 5 小时,
 * 超期 2 天; whole days from 24 hours, whole hours below, minutes under
 * an hour.
 */
static void
staff_time_left(struct buf *b, time_t due, time_t now)
{
	long long	 d = (long long)(due - now);
	const char	*w = d < 0 ? "超期" : "剩余";

	if (d < 0)
		d = -d;
	if (d >= 86400)
		buf_printf(b, "%s %lld 天", w, d / 86400);
	else if (d >= 3600)
		buf_printf(b, "%s %lld 小时", w, d / 3600);
	else
		buf_printf(b, "%s %lld 分钟", w, d / 60 > 0 ? d / 60 : 1);
}

/* The queue as a list of cards (a grid of rows on wide screens). */
static void
queue_list(struct buf *b, const struct db_queue_row *q, size_t n,
    time_t now)
{
	size_t	 i;
	int	 st, open;

	if (n == 0) {
		buf_add(b, "<p class=\"muted\">没有符合条件的诉求。</p>\n");
		return;
	}
	buf_add(b, "<ol class=\"queue\">\n");
	for (i = 0; i < n; i++) {
		st = WORD_FIND(word_state, q[i].state);
		open = st >= 0 && st < ST_RESOLVED;
		buf_printf(b, "<li class=\"qcard%s\"><a class=\"qlink\" "
		    "href=\"/staff/requests/%s\"><span class=\"qno\">%s</span>",
		    q[i].overdue ? " late" : q[i].warned ? " warn" : "",
		    q[i].tracking, q[i].tracking);
		buf_add(b, " <span class=\"qcat\">");
		html_txt(b, q[i].category);
		buf_add(b, "</span></a>\n<span class=\"qstate\">");
		html_txt(b, rq_state_label(q[i].state, q[i].reject_reason));
		if (q[i].escalated) {
			/* Escalated to this level: first, with its reason. */
			buf_add(b, " · <strong class=\"mark\">上报本级</strong>");
		} else if (strcmp(q[i].level, word_level[LV_COMMUNITY].code) !=
		    0) {
			buf_add(b, " · <strong>");
			html_txt(b, WORD_LABEL(word_level, q[i].level));
			buf_add(b, "级办理</strong>");
		}
		if (q[i].escalated && q[i].reason[0] != '\0') {
			buf_add(b, "</span>\n<span class=\"qreason\">上报原因：");
			html_txt(b, q[i].reason);
		}
		buf_add(b, "</span>\n<span class=\"qplace\">");
		html_txt(b, q[i].community);
		if (q[i].grid[0]) {
			buf_add(b, " · ");
			html_txt(b, q[i].grid);
		}
		buf_add(b, " · ");
		html_txt(b, q[i].address);
		buf_add(b, "</span>\n<span class=\"qwho\">承办：");
		html_txt(b, q[i].assignee[0] ? q[i].assignee : "未派单");
		buf_add(b, "</span>\n<span class=\"qdue\">");
		if (open) {
			if (q[i].overdue)
				buf_add(b, "<strong class=\"mark late\">"
				    "超期</strong> ");
			else if (q[i].warned)
				buf_add(b, "<strong class=\"mark warn\">"
				    "⚠ 预警</strong> ");
			buf_add(b, st == ST_SUBMITTED ? "受理" : "办结");
			buf_add(b, "期限 ");
			staff_time_left(b, q[i].due, now);
		} else {
			buf_add(b, "提交于 ");
			html_time(b, q[i].received_at);
		}
		buf_add(b, "</span></li>\n");
	}
	buf_add(b, "</ol>\n");
}

/*
 * The queue page of f (its filters, scope and reader filled in); q the
 * search as typed, or NULL; msg a notice.  Answers 503/500 on a
 * database failure.
 */
static void
queue_page(struct req *r, const struct staff *s, struct db_queue_filter *f,
    long long pg, const char *q, const char *msg)
{
	struct db_queue_row *rows = NULL;
	struct db_queue_counts *c = NULL;
	struct db_category cats[64];
	struct db_region *regs = NULL;
	size_t		 n = 0, ncat = 0, nreg = 0;
	int		 rc = DB_ERROR;

	f->offset = (pg - 1) * QUEUE_PAGE;
	if ((rows = calloc(QUEUE_PAGE + 1, sizeof(*rows))) == NULL ||
	    (c = calloc(1, sizeof(*c))) == NULL ||
	    (regs = calloc(QUEUE_REGIONS, sizeof(*regs))) == NULL)
		goto fail;
	if ((rc = db_categories(r->db, cats, 64, &ncat)) != DB_OK ||
	    (rc = db_regions(r->db, regs, QUEUE_REGIONS, &nreg)) != DB_OK ||
	    (rc = db_queue_counts(r->db, f, c)) != DB_OK ||
	    (msg == NULL && (rc = db_queue(r->db, f, rows, QUEUE_PAGE + 1,
	    &n)) != DB_OK))
		goto fail;
	staff_begin(r, s, "待办诉求");
	buf_add(&r->body, "<h1>诉求办理</h1>\n");
	html_notice(&r->body, msg, 1);
	queue_filters(&r->body, s, f, c, cats, ncat, regs, nreg, q);
	if (msg == NULL)
		queue_list(&r->body, rows, n > QUEUE_PAGE ? QUEUE_PAGE : n,
		    f->now);
	buf_printf(&r->body, "<p class=\"pager\">第 %lld 页", pg);
	if (!f->tracking[0] && !f->phone[0] && (pg > 1 || n > QUEUE_PAGE)) {
		struct buf	 qs = { 0 };

		queue_query(&qs, f);
		if (pg > 1)
			buf_printf(&r->body, " <a class=\"chip\" href=\"/staff?"
			    "%s&amp;page=%lld\">上一页</a>", qs.p, pg - 1);
		if (n > QUEUE_PAGE)
			buf_printf(&r->body, " <a class=\"chip\" href=\"/staff?"
			    "%s&amp;page=%lld\">下一页</a>", qs.p, pg + 1);
		buf_free(&qs);
	}
	buf_add(&r->body, "</p>\n");
	html_end(r);
	goto out;
fail:
	http_db_error(r, rc);
out:
	free(rows);
	free(c);
	free(regs);
}

/* The reader's part of a queue filter. */
static void
queue_reader(struct req *r, const struct staff *s, struct db_queue_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->scope = s->u.scope;
	f->state = f->tracking = f->phone = "";
	f->user_id = s->u.id;
	f->level = queue_level(s);
	f->warn_share = r->cfg->warn_share;
	f->now = time(NULL);
}

/* GET /staff: the queue; paginated. */
void
page_queue(struct req *r)
{
	struct staff	 s;
	const struct vvalue *v = r->v;
	struct db_queue_filter f;
	struct db_region reg;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if (r->nbad != 0) {
		html_error_page(r, 400, "筛选条件有误", "请返回重新选择筛选条件。");
		return;
	}
	queue_reader(r, &s, &f);
	f.state = v[QF_STATE].present ? word_state[v[QF_STATE].i].code : "";
	f.category_id = v[QF_CATEGORY].present ? (int)v[QF_CATEGORY].i : 0;
	f.overdue = v[QF_OVERDUE].present ? (int)v[QF_OVERDUE].i : 0;
	f.warned = v[QF_WARNED].present ? (int)v[QF_WARNED].i : 0;
	f.mine = v[QF_MINE].present ? (int)v[QF_MINE].i : 0;
	f.escalated = v[QF_ESCALATED].present ? (int)v[QF_ESCALATED].i : 0;
	if (v[QF_GRID].present) {
		/* A grid outside the scope does not exist for this user. */
		if (staff_region(r, &s, v[QF_GRID].i, 4, &reg) == -1)
			return;
		f.grid_id = reg.id;
	}
	queue_page(r, &s, &f, v[QF_PAGE].present ? v[QF_PAGE].i : 1, NULL,
	    NULL);
}

/*
 * POST /staff: find a request by its tracking number or its resident's
 * phone, within the scope (a POST, so that a phone is in no URL or
 * log).  400 with the form again when the search is neither.
 */
void
page_queue_search(struct req *r)
{
	struct staff	 s;
	struct db_queue_filter f;
	char		 tracking[DB_TRACKING_LEN + 1], phone[12];
	const char	*q = r->v[QS_Q].present ? r->v[QS_Q].s : "";

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	queue_reader(r, &s, &f);
	if (r->v[QS_Q].error != NULL ||
	    valid_search(q, tracking, phone) == -1) {
		r->status = 400;
		queue_page(r, &s, &f, 1, r->v[QS_Q].error ? "" : q,
		    "请输入8位诉求编号或11位手机号。");
		return;
	}
	f.tracking = tracking;
	f.phone = phone;
	queue_page(r, &s, &f, 1, q, NULL);
}

/*
 * /staff/requests/{tracking}: what GET takes (done=ACTION after an action
 * was saved) and what POST takes (the version the form showed, and the
 * action's fields); the tracking number is field 0 of both.
 */
enum { SR_TRACKING, SR_DONE, SR__MAX };
static const struct vfield request_fields[SR__MAX] = {
	{ "*0", "诉求编号", V_TRACKING, true },			/* SR_TRACKING */
	{ "done", "已保存", V_ENUM, false, 0, ACT__MAX,		/* SR_DONE */
	    .words = word_action },
};

/*
 * What a staff member typed into one action's form, given back to it: on
 * a 400 or 409, and from a draft kept through a login.  choice is the
 * action's other field (the reason, the assignee, the note's kind).
 */
struct keep {
	int		 action;	/* enum rq_action, or -1: none */
	const char	*text;
	const char	*choice;
	int		 public;
};

/* The cookie of a draft kept through a login (its hash keys the row). */
#define DRAFT_COOKIE	"lx_draft"
#define DRAFT_BYTES	32
#define DRAFT_HOURS	24

/*
 * The request of the URL, if it exists and lies in the user's scope;
 * otherwise answers 404 (or the database failure) and returns -1.
 */
static int
request_in_scope(struct req *r, const struct staff *s,
    struct db_request_full *f)
{
	if (r->v[SR_TRACKING].error != NULL) {
		staff_not_found(r);
		return -1;
	}
	return staff_scoped(r, s, db_request_full(r->db,
	    r->v[SR_TRACKING].s, f), f->ids);
}

static void
row(struct buf *b, const char *th, const char *td)
{
	buf_add(b, "<tr><th>");
	html_txt(b, th);
	buf_add(b, "</th><td>");
	html_txt(b, td);
	buf_add(b, "</td></tr>\n");
}

static void
row_time(struct buf *b, const char *th, time_t t)
{
	buf_add(b, "<tr><th>");
	html_txt(b, th);
	buf_add(b, "</th><td>");
	html_time(b, t);
	buf_add(b, "</td></tr>\n");
}

static void
details(struct buf *b, const struct db_request_full *f)
{
	const struct db_request *q = &f->pub;

	buf_add(b, "<section><table class=\"details\">\n");
	row(b, "类别", q->category);
	row(b, "状态", rq_withdrawn(q->state, q->reject_reason) ?
	    WITHDRAWN_LABEL "（群众撤回，不计入有效量）" :
	    WORD_PHRASE(word_state, q->state));
	row(b, "办理层级", WORD_LABEL(word_level, q->level));
	row(b, "社区", q->community);
	row(b, "网格", q->grid[0] ? q->grid : "未指定");
	row(b, "地址", f->address);
	row(b, "问题描述", f->description);
	row(b, "诉求人", f->name);
	/* A phone to call with one tap (digits only: valid_phone). */
	buf_add(b, "<tr><th>联系电话</th><td><a class=\"tel\" href=\"tel:");
	html_attr(b, f->phone);
	buf_add(b, "\">");
	html_txt(b, f->phone);
	buf_add(b, "</a></td></tr>\n");
	row(b, "来源", WORD_LABEL(word_source, f->source));
	row_time(b, "提交时间", q->received_at);
	row_time(b, "响应期限", q->response_due);
	row_time(b, "办结期限", q->resolve_due);
	row_time(b, "受理时间", q->accepted_at);
	if (f->assignee[0])
		row(b, "承办", f->assignee);
	if (q->resolution[0])
		row(b, "办理结果", q->resolution);
	if (q->rating[0]) {
		row(b, "群众评价", WORD_LABEL(word_rating, q->rating));
		if (f->rating_comment[0])
			row(b, "评价意见", f->rating_comment);
	}
	buf_add(b, "</table></section>\n");
}

static void
timeline(struct buf *b, const struct db_event_full *ev, size_t n)
{
	size_t	 i;

	buf_add(b, "<h2>全程记实</h2>\n<ol class=\"timeline\">\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<li><time>");
		html_time(b, ev[i].e.at);
		buf_add(b, "</time> ");
		/* A note by its kind when it has one (回访记录 ...). */
		html_txt(b, ev[i].note_kind[0] ? WORD_LABEL(word_note_kind,
		    ev[i].note_kind) : WORD_PHRASE(word_action,
		    ev[i].e.action));
		buf_add(b, " · ");
		/* A staff member by name; anyone else by the kind. */
		html_txt(b, ev[i].actor[0] ? ev[i].actor :
		    WORD_LABEL(word_actor, ev[i].actor_kind));
		/* A text the resident does not see (issue 18). */
		if (!ev[i].public && ev[i].e.body[0])
			buf_add(b, " <span class=\"muted\">（仅内部可见）</span>");
		if (ev[i].e.body[0]) {
			buf_add(b, "<br>");
			html_txt(b, ev[i].e.body);
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ol>\n");
}

/* A file input for photos (cgi/photos.c takes them). */
static void
photo_input(struct buf *b, const char *name, const char *label,
    const char *tracking)
{
	buf_printf(b, "<label for=\"%s-%s\">%s</label><input type=\"file\" "
	    "id=\"%s-%s\" name=\"%s\" accept=\"image/*\" multiple>\n",
	    name, tracking, label, name, tracking, name);
}

/*
 * The check box that marks a text for the resident, and what it means:
 * every staff text is internal unless ticked (checked: as typed before,
 * when k kept it for a).
 */
static void
for_resident(struct buf *b, const struct keep *k, enum rq_action a)
{
	buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" "
	    "name=\"public\" value=\"1\"%s> 告知居民（居民可见）</label>\n"
	    "<p class=\"muted\">未勾选则仅内部可见</p>\n",
	    k != NULL && k->action == (int)a && k->public ? " checked" : "");
}

/* A textarea named text, with what was typed (k) when it is for a. */
static void
text_area(struct buf *b, const struct keep *k, enum rq_action a,
    const char *id, int rows, int required)
{
	buf_printf(b, "<textarea id=\"%s\" name=\"text\" maxlength=\"2000\" "
	    "rows=\"%d\"%s>", id, rows, required ? " required" : "");
	if (k != NULL && k->action == (int)a && k->text != NULL)
		html_txt(b, k->text);
	buf_add(b, "</textarea>\n");
}

/* Is choice the one kept for a? */
static int
kept(const struct keep *k, enum rq_action a, const char *choice)
{
	return k != NULL && k->action == (int)a && k->choice != NULL &&
	    strcmp(k->choice, choice) == 0;
}

/* The options of the words w[n], the one kept for a (k) selected. */
static void
word_options(struct buf *b, const struct word *w, size_t n,
    const struct keep *k, enum rq_action a)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		buf_printf(b, "<option value=\"%s\"%s>", w[i].code,
		    kept(k, a, w[i].code) ? " selected" : "");
		html_txt(b, w[i].label);
		buf_add(b, "</option>");
	}
}

/* The assignee list: every person by name, role and place; none chosen
 * until the staff member chooses (or chose before: k). */
static void
assign_select(struct req *r, const struct db_request_full *f,
    const struct keep *k)
{
	struct buf	*b = &r->body;
	struct db_choice *c;
	static const char kinds[] = "umc";
	static const char *const kind_labels[] = { "工作人员", "党员",
	    "共建单位" };
	char		 v[16];
	size_t		 n, i, j;

	buf_printf(b, "<label for=\"assignee-%s\">承办人或单位</label>"
	    "<select id=\"assignee-%s\" name=\"assignee\" required>"
	    "<option value=\"\">请选择承办人或单位</option>",
	    f->pub.tracking, f->pub.tracking);
	if ((c = calloc(MAX_CHOICES, sizeof(*c))) == NULL)
		goto out;
	for (j = 0; j < 3; j++) {
		if (db_assignees(r->db, f, kinds[j], time(NULL), c,
		    MAX_CHOICES, &n) != DB_OK || n == 0)
			continue;
		buf_printf(b, "<optgroup label=\"%s\">", kind_labels[j]);
		for (i = 0; i < n; i++) {
			snprintf(v, sizeof(v), "%c%d", kinds[j], c[i].id);
			buf_printf(b, "<option value=\"%s\"%s>", v,
			    kept(k, ACT_ASSIGN, v) ? " selected" : "");
			html_txt(b, c[i].name);
			if (j == 0) {
				buf_add(b, " · ");
				html_txt(b, WORD_LABEL(word_role, c[i].role));
				buf_add(b, " · ");
				html_txt(b, c[i].place);
			} else if (j == 1) {
				buf_add(b, " · 党员 · 手机尾号");
				html_txt(b, c[i].place);
			}
			buf_add(b, "</option>");
		}
		buf_add(b, "</optgroup>");
	}
	free(c);
out:
	buf_add(b, "</select>\n");
}

/* The required text of an action that cannot be undone (不予受理,
 * 代群众撤回), and the box that confirms it. */
static void
final_text(struct buf *b, const struct keep *k, enum rq_action a,
    const char *id, const char *label, const char *confirm)
{
	buf_printf(b, "<label for=\"%s\">", id);
	html_txt(b, label);
	buf_add(b, "</label>");
	text_area(b, k, a, id, 2, 1);
	buf_add(b, "<label class=\"check confirm\"><input type=\"checkbox\" "
	    "name=\"confirm\" value=\"1\" required>");
	html_txt(b, confirm);
	buf_add(b, "</label>\n");
}

/* The form of one action, if the table allows it now. */
static void
action_form(struct req *r, const struct staff *s,
    const struct db_request_full *f, enum rq_action a, const struct keep *k)
{
	struct buf	*b = &r->body;
	struct flow_req	 fq;
	char		 id[32];

	db_flow_req(f, &fq);
	fq.home = s->u.scope.level;
	if (flow_next(&fq, a, s->u.role) < 0)
		return;
	snprintf(id, sizeof(id), "text-%s", word_action[a].code);
	buf_printf(b, "<form method=\"post\" action=\"/staff/requests/%s\" "
	    "class=\"card act\" id=\"act-%s\"%s>\n<h3>", f->pub.tracking,
	    word_action[a].code, a == ACT_NOTE || a == ACT_RESOLVE ?
	    " enctype=\"multipart/form-data\"" : "");
	html_txt(b, word_action[a].label);
	buf_add(b, "</h3>\n");
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
	    "<input type=\"hidden\" name=\"action\" value=\"%s\">\n",
	    f->pub.version, word_action[a].code);
	switch (a) {
	case ACT_ASSIGN:
		assign_select(r, f, k);
		buf_printf(b, "<label for=\"%s\">说明（选填）</label>", id);
		text_area(b, k, a, id, 2, 0);
		for_resident(b, k, a);
		break;
	case ACT_NOTE:
		buf_add(b, "<label for=\"kind\">记录类别</label>"
		    "<select id=\"kind\" name=\"kind\">");
		word_options(b, word_note_kind, NOTE__MAX, k, a);
		buf_printf(b, "</select>\n<label for=\"%s\">内容</label>", id);
		text_area(b, k, a, id, 3, 1);
		for_resident(b, k, a);
		photo_input(b, "photo", "附图（选填，最多3张，仅工作人员可见）",
		    f->pub.tracking);
		break;
	case ACT_RESOLVE:
		buf_printf(b, "<label for=\"%s\">办理结果（向群众公开）</label>",
		    id);
		text_area(b, k, a, id, 3, 1);
		photo_input(b, "before", "整改前照片（选填，最多3张）",
		    f->pub.tracking);
		photo_input(b, "after", "整改后照片（选填，最多3张）",
		    f->pub.tracking);
		break;
	case ACT_REJECT:
		buf_add(b, "<label for=\"reason\">原因</label>"
		    "<select id=\"reason\" name=\"reason\" required>"
		    "<option value=\"\">请选择原因</option>");
		word_options(b, word_reject, REJECT_BY_STAFF, k, a);
		buf_add(b, "</select>\n");
		final_text(b, k, a, id, "说明（向群众公开）",
		    "确认不予受理（群众将看到此决定，不能撤销）");
		break;
	case ACT_WITHDRAW:
		final_text(b, k, a, id, "撤回记录：谁、以何种方式提出"
		    "（仅工作人员可见）", "确认群众要求撤回"
		    "（诉求将不再办理，不能撤销；群众将收到短信）");
		break;
	case ACT_ESCALATE:
	case ACT_REOPEN:
	case ACT_ACCEPT:
		buf_printf(b, "<label for=\"%s\">说明（选填）</label>", id);
		text_area(b, k, a, id, 2, 0);
		for_resident(b, k, a);
		break;
	default:
		break;
	}
	buf_printf(b, "<button class=\"button%s\" type=\"submit\">",
	    a == ACT_REJECT || a == ACT_WITHDRAW ? " danger" : "");
	html_txt(b, word_action[a].label);
	buf_add(b, "</button></form>\n");
}

/* 代群众撤回, apart like 不予受理, when the table allows it now. */
static void
withdraw_zone(struct req *r, const struct staff *s,
    const struct db_request_full *f, const struct flow_req *fq,
    const struct keep *k)
{
	struct buf	*b = &r->body;

	if (flow_next(fq, ACT_WITHDRAW, s->u.role) < 0)
		return;
	buf_add(b, "<section class=\"danger-zone\" aria-labelledby="
	    "\"withdraw-h\">\n<h2 id=\"withdraw-h\">代群众撤回</h2>\n<p "
	    "class=\"muted\">群众（如回访电话中）表示不再需要办理时使用："
	    "诉求不计入有效量，也不算办结；须记录由谁、以何种方式提出，"
	    "并勾选确认。</p>\n");
	action_form(r, s, f, ACT_WITHDRAW, k);
	buf_add(b, "</section>\n");
}

/*
 * The request's page: its details, the actions allowed now (不予受理
 * and 代群众撤回 apart, below, each in its own section), the timeline.  msg a notice (bad:
 * an error); k what the staff member typed, put back into its form.
 */
static void
request_page(struct req *r, const struct staff *s,
    const struct db_request_full *f, const char *msg, int bad,
    const struct keep *k)
{
	struct db_event_full *ev;
	struct buf	*b = &r->body;
	struct flow_req	 fq;
	size_t		 n = 0;
	int		 a, rc;

	if ((ev = calloc(MAX_EVENTS, sizeof(*ev))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = db_request_events_all(r->db, f->pub.id, ev, MAX_EVENTS,
	    &n)) != DB_OK) {
		free(ev);
		http_db_error(r, rc);
		return;
	}
	staff_begin(r, s, f->pub.tracking);
	buf_printf(b, "<h1>诉求 %s</h1>\n", f->pub.tracking);
	html_notice(b, msg, bad);
	details(b, f);
	if ((rc = photos_gallery(r, b, f->pub.id, f->pub.tracking, false)) !=
	    DB_OK) {
		free(ev);
		buf_reset(b);
		http_db_error(r, rc);
		return;
	}
	buf_add(b, "<h2>可办理的操作</h2>\n<div class=\"actions\">\n");
	for (a = 0; a < ACT__MAX; a++)
		if (a != ACT_REJECT && a != ACT_WITHDRAW)
			action_form(r, s, f, (enum rq_action)a, k);
	buf_add(b, "</div>\n");
	depts_request_section(r, s, f);
	cb_request_section(r, s, f);
	db_flow_req(f, &fq);
	fq.home = s->u.scope.level;
	/* Typed for an action no longer possible: kept in view to copy. */
	if (k != NULL && k->action >= 0 && k->text != NULL && k->text[0] &&
	    flow_next(&fq, (enum rq_action)k->action, s->u.role) < 0) {
		buf_add(b, "<section class=\"card\"><h2>您填写的内容</h2>"
		    "<p class=\"muted\">“");
		html_txt(b, word_action[k->action].label);
		buf_add(b, "”当前不可办理；内容未提交，可复制后用于其他操作。"
		    "</p><textarea readonly rows=\"3\" aria-label=\"您填写的"
		    "内容\">");
		html_txt(b, k->text);
		buf_add(b, "</textarea></section>\n");
	}
	if (flow_next(&fq, ACT_REJECT, s->u.role) >= 0) {
		buf_add(b, "<section class=\"danger-zone\" aria-labelledby="
		    "\"reject-h\">\n<h2 id=\"reject-h\">不予受理</h2>\n<p "
		    "class=\"muted\">仅用于重复诉求、无效信息或不属于受理范围的"
		    "诉求；提交前须勾选确认。</p>\n");
		action_form(r, s, f, ACT_REJECT, k);
		buf_add(b, "</section>\n");
	}
	withdraw_zone(r, s, f, &fq, k);
	timeline(b, ev, n);
	html_end(r);
	free(ev);
}

/*
 * A draft kept through a login for this request, if the browser holds
 * its cookie: read (and deleted) into d; the cookie is cleared.  Returns
 * 1 with d and k filled, else 0.
 */
static int
draft_take(struct req *r, const char *tracking, struct db_draft *d,
    struct keep *k)
{
	char		 hex[DRAFT_BYTES * 2 + 1];
	unsigned char	 raw[DRAFT_BYTES], hash[DB_HASH_LEN];
	size_t		 n;
	int		 a;

	if (http_cookie(r, DRAFT_COOKIE, hex, sizeof(hex)) == -1 ||
	    sodium_hex2bin(raw, sizeof(raw), hex, strlen(hex), NULL, &n,
	    NULL) != 0 || n != sizeof(raw))
		return 0;
	crypto_generichash(hash, sizeof(hash), raw, sizeof(raw), NULL, 0);
	if (db_draft_take(r->db, hash, tracking, time(NULL) -
	    DRAFT_HOURS * 3600, d) != DB_OK)
		return 0;
	auth_set_cookie(r, DRAFT_COOKIE, "", 0);
	a = WORD_FIND(word_action, d->action);
	k->action = a >= 0 && a < ACT_RATE ? a : -1;
	k->text = d->body;
	k->choice = d->choice;
	k->public = d->public;
	return k->action >= 0;
}

/* GET /staff/requests/{tracking} */
void
page_staff_request(struct req *r)
{
	struct staff	 s;
	struct db_request_full *f;
	struct db_draft	*d;
	struct keep	 k = { -1, NULL, NULL, 0 };
	const struct vvalue *done = &r->v[SR_DONE];

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	f = calloc(1, sizeof(*f));
	d = calloc(1, sizeof(*d));
	if (f == NULL || d == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	if (request_in_scope(r, &s, f) == 0) {
		if (draft_take(r, f->pub.tracking, d, &k))
			request_page(r, &s, f, "登录已超时，您填写的内容已保留"
			    "在下面的表单中，请核对后重新提交。", 1, &k);
		else
			request_page(r, &s, f, done->present &&
			    done->error == NULL ? "已保存。" : NULL, 0, NULL);
	}
out:
	free(d);
	free(f);
}

#define BAD_FORM	"提交的内容有误（请检查长度和格式）。"

enum { SA_TRACKING, SA_VERSION, SA__MAX };
_Static_assert((int)SA_TRACKING == (int)SR_TRACKING,
    "request_in_scope reads the tracking number of both");
static const struct vfield act_fields[SA__MAX] = {
	{ "*0", "诉求编号", V_TRACKING, true },			/* SA_TRACKING */
	{ "version", "版本", V_INT, true, 0, UINT_MAX, NULL,	/* SA_VERSION */
	    BAD_FORM, BAD_FORM },
};

/*
 * Each action's fields: its text (AX_TEXT), then what the action needs
 * besides (AX_MORE): the assignee, the note's kind, the reason of a
 * rejection; then (AX_PUBLIC) the box that marks the text for the
 * resident (where the text may be internal), or a rejection's
 * confirmation; photos after AX__MAX.
 */
enum { AX_TEXT, AX_MORE, AX_PUBLIC, AX__MAX };
#define FOR_RESIDENT \
	{ "public", "告知居民", V_INT, false, 0, 1, NULL, BAD_FORM }
static const struct vfield act_text[AX__MAX] = {/* accept, escalate, reopen */
	{ "text", "说明", V_LONGTEXT, false, 1, 2000, NULL, BAD_FORM },
	{ "-", "-", V_INT, false, 0, 0 },	/* AX_MORE: none */
	FOR_RESIDENT,
};
static const struct vfield act_assign[AX__MAX] = {
	{ "text", "说明", V_LONGTEXT, false, 1, 2000, NULL, BAD_FORM },
	{ "assignee", "承办", V_TOKEN, true, 2, 12, NULL, BAD_FORM,
	    "请选择承办人或单位。" },
	FOR_RESIDENT,
};
static const struct vfield act_note[AX__MAX + 1] = {
	{ "text", "内容", V_LONGTEXT, true, 1, 2000, NULL, BAD_FORM,
	    "请填写记录或答复内容。" },
	{ "kind", "记录类别", V_ENUM, false, 0, NOTE__MAX, NULL, BAD_FORM,
	    .words = word_note_kind },				/* AX_MORE */
	FOR_RESIDENT,
	{ "photo", "附图", V_PHOTO, false, .many = true },	/* AX__MAX */
};
/*
 * A resolution's text (always for the resident: no AX_PUBLIC box), and its
 * photos before and after (整改前后).
 */
static const struct vfield act_resolve[AX__MAX + 2] = {
	{ "text", "办理结果", V_LONGTEXT, true, 1, 2000, NULL, BAD_FORM,
	    "请填写办理结果。" },
	{ "-", "-", V_INT, false, 0, 0 },	/* AX_MORE: none */
	{ "-", "-", V_INT, false, 0, 0 },	/* AX_PUBLIC: none */
	{ "before", "整改前照片", V_PHOTO, false, .many = true },
	{ "after", "整改后照片", V_PHOTO, false, .many = true },
};

/*
 * The photos of a note or resolution, into t and a; NULL, or the message
 * for the page.
 */
static const char *
act_photos(struct req *r, struct db_act *a, struct photos_taken *t)
{
	const char	*why = NULL;

	if (a->action == ACT_NOTE)
		why = photos_take(r, &act_note[AX__MAX], "note", t);
	else if (a->action == ACT_RESOLVE &&
	    (why = photos_take(r, &act_resolve[AX__MAX], "before", t)) ==
	    NULL)
		why = photos_take(r, &act_resolve[AX__MAX + 1], "after", t);
	a->photos = t->dp;
	a->nphotos = t->n;
	return why;
}
static const struct vfield act_reject[] = {		/* AX_TEXT, AX_MORE */
	{ "text", "说明", V_LONGTEXT, true, 1, 2000, NULL, BAD_FORM,
	    "请填写不予受理的说明。" },
	{ "reason", "原因", V_ENUM, true, 0, REJECT_BY_STAFF, NULL,
	    "请选择不予受理的原因。", "请选择不予受理的原因。",
	    .words = word_reject },
	{ "confirm", "确认不予受理", V_CHECK, true, 0, 0, NULL,
	    "请勾选“确认不予受理”后再提交。",
	    "请勾选“确认不予受理”后再提交。" },
};

/* A withdrawal: the note of who asked and how (for staff only: no
 * AX_PUBLIC box), and the confirmation in AX_PUBLIC's place. */
static const struct vfield act_withdraw[AX__MAX] = {
	{ "text", "撤回记录", V_LONGTEXT, true, 1, 2000, NULL, BAD_FORM,
	    "请填写撤回记录：谁、以何种方式提出撤回。" },
	{ "-", "-", V_INT, false, 0, 0 },	/* AX_MORE: none */
	{ "confirm", "确认群众要求撤回", V_CHECK, true, 0, 0, NULL,
	    "请勾选“确认群众要求撤回”后再提交。",
	    "请勾选“确认群众要求撤回”后再提交。" },
};

/*
 * The actions staff post, each at its enum rq_action index, so that
 * r->action is the action (ACT_RATE, the resident's, comes last and is
 * not one of them); each named by its code in word_action.
 */
_Static_assert(ACT_RATE == ACT__MAX - 1, "the resident's action is last");
#define ACTION(a, f) [a] = { NULL, (f), NELEMS(f), &word_action[a].code }
static const struct vaction act_actions[ACT_RATE] = {
	ACTION(ACT_ACCEPT, act_text),
	ACTION(ACT_ASSIGN, act_assign),
	ACTION(ACT_NOTE, act_note),
	ACTION(ACT_RESOLVE, act_resolve),
	ACTION(ACT_REJECT, act_reject),
	ACTION(ACT_ESCALATE, act_text),
	ACTION(ACT_REOPEN, act_text),
	ACTION(ACT_WITHDRAW, act_withdraw),
};
#undef ACTION

/* Has action a's table the for-the-resident box (AX_PUBLIC)? */
static int
has_public(int a)
{
	return act_actions[a].nfields > AX_PUBLIC &&
	    strcmp(act_actions[a].fields[AX_PUBLIC].name, "public") == 0;
}

/* What the form holds as typed (valid or not), for giving it back. */
static void
keep_from_form(const struct req *r, struct keep *k)
{
	const struct vvalue *av = r->av;
	size_t		 nf;

	k->action = -1;
	k->text = k->choice = NULL;
	k->public = 0;
	if (r->action < 0 || r->action >= ACT_RATE)
		return;
	nf = act_actions[r->action].nfields;
	k->action = r->action;
	/* The text only when it is text (valid UTF-8 within bounds). */
	if (av[AX_TEXT].present && av[AX_TEXT].error == NULL)
		k->text = av[AX_TEXT].s;
	if (nf > AX_MORE && av[AX_MORE].present && av[AX_MORE].error == NULL)
		k->choice = av[AX_MORE].s;
	if (has_public(r->action) && av[AX_PUBLIC].present &&
	    av[AX_PUBLIC].error == NULL)
		k->public = av[AX_PUBLIC].i == 1;
}

/* Fill a from the form; NULL, or what is wrong (for the page). */
static const char *
act_from_form(const struct req *r, struct db_act *a)
{
	const struct vvalue *av = r->av;
	long long	 id;

	if (r->v[SA_VERSION].error != NULL)
		return r->v[SA_VERSION].error;
	if (r->action < 0)
		return "未知的操作。";
	if (r->nabad > 0)
		return valid_first_error(av, act_actions[r->action].nfields);
	a->action = (enum rq_action)r->action;
	a->version = r->v[SA_VERSION].i;
	a->text = av[AX_TEXT].present ? av[AX_TEXT].s : "";
	/* Internal unless ticked. */
	a->public = has_public(r->action) && av[AX_PUBLIC].present &&
	    av[AX_PUBLIC].i == 1;
	switch (a->action) {
	case ACT_NOTE:
		a->kind = av[AX_MORE].present ? (enum note_kind)av[AX_MORE].i :
		    NOTE_PLAIN;
		break;
	case ACT_REJECT:
		a->reason = (enum reject_reason)av[AX_MORE].i;
		break;
	case ACT_ASSIGN:
		/* A kind (u user, m member, c unit) and its id. */
		if (strchr("umc", av[AX_MORE].s[0]) == NULL ||
		    valid_int(av[AX_MORE].s + 1, 1, INT_MAX, &id) == -1)
			return "请选择承办人或单位。";
		a->assignee_kind = av[AX_MORE].s[0];
		a->assignee_id = (int)id;
		break;
	default:
		break;
	}
	return NULL;
}

/*
 * A POST whose session has ended (auth_require answered 303 to the
 * login) or whose form token is stale (403): what was typed is kept in
 * staff_drafts under a random cookie, and the answer becomes a 303 to
 * the login (or straight to the request), which comes back to the
 * request and gives the draft back.  Nothing of it goes into a URL.
 */
static void
draft_keep(struct req *r)
{
	struct db_draft	*d;
	struct keep	 k;
	unsigned char	 raw[DRAFT_BYTES], hash[DB_HASH_LEN];
	char		 hex[DRAFT_BYTES * 2 + 1], loc[64];
	const char	*tracking = r->v[SA_TRACKING].s;
	int		 login = r->status == 303;

	keep_from_form(r, &k);
	if (r->v[SA_TRACKING].error != NULL || k.action < 0 ||
	    (k.text == NULL && k.choice == NULL) ||
	    (d = calloc(1, sizeof(*d))) == NULL)
		return;
	snprintf(d->action, sizeof(d->action), "%s",
	    word_action[k.action].code);
	snprintf(d->body, sizeof(d->body), "%s", k.text ? k.text : "");
	snprintf(d->choice, sizeof(d->choice), "%s", k.choice ? k.choice : "");
	d->public = k.public;
	randombytes_buf(raw, sizeof(raw));
	crypto_generichash(hash, sizeof(hash), raw, sizeof(raw), NULL, 0);
	if (db_draft_put(r->db, hash, tracking, d, time(NULL)) == DB_OK) {
		sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
		buf_reset(&r->head);
		buf_reset(&r->body);
		auth_set_cookie(r, DRAFT_COOKIE, hex, -1);
		snprintf(loc, sizeof(loc), "%s/staff/requests/%s", login ?
		    "/login?next=" : "", tracking);
		r->status = 303;
		http_header(r, "Location", loc);
	}
	free(d);
}

/*
 * POST /staff/requests/{tracking}: one action.  400 for a bad form, 409
 * when somebody acted first or the state no longer allows it (both with
 * the request as it is now and the typed text in its form), 303 back to
 * the request when saved, or through the login with a kept draft.
 */
void
page_staff_act(struct req *r)
{
	struct staff	 s;
	struct db_request_full *f;
	struct db_act	 a;
	struct photos_taken pt = { .n = 0 };
	struct keep	 k;
	const char	*why = NULL;
	char		 loc[96];
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1) {
		if (r->status == 303 || r->status == 403)
			draft_keep(r);
		return;
	}
	if ((f = calloc(1, sizeof(*f))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if (request_in_scope(r, &s, f) == -1)
		goto out;
	keep_from_form(r, &k);
	memset(&a, 0, sizeof(a));
	a.actor = &s.u;
	a.addr = r->addr;
	a.now = time(NULL);
	if ((why = act_from_form(r, &a)) != NULL ||
	    (why = act_photos(r, &a, &pt)) != NULL) {
		r->status = 400;
		request_page(r, &s, f, why, 1, &k);
		goto out;
	}
	rc = db_request_act(r->db, f, &a);
	if (rc == DB_OK) {
		snprintf(loc, sizeof(loc), "/staff/requests/%s?done=%s",
		    f->pub.tracking, word_action[a.action].code);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (rc == DB_CONFLICT || rc == DB_NOTFOUND) {
		/* Show the request as it is now, with the text as typed. */
		if (db_request_full(r->db, f->pub.tracking, f) != DB_OK)
			http_db_error(r, DB_ERROR);
		else {
			r->status = rc == DB_CONFLICT ? 409 : 400;
			request_page(r, &s, f, rc == DB_CONFLICT ?
			    "该诉求已被他人处理或状态已变化，未作修改。"
			    "请查看最新状态；您填写的内容保留在下面的表单中。" :
			    "所选承办人或单位不可用，请重新选择。", 1, &k);
		}
	} else
		http_db_error(r, rc);
out:
	photos_free(&pt);
	free(f);
}

/* The routes' tables. */
VFORM(form_queue, queue_fields);
VFORM(form_queue_search, search_fields);
VFORM(form_staff_request, request_fields);
VFORM_ACTIONS(form_staff_act, act_fields, act_actions);
