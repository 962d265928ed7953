/*
 * Departments and summons (街乡吹哨、部门报到).  The level handling a
 * request (street or district) summons departments to it on
 * /staff/requests/{tracking}/summons; a department's account sees only its
 * unit's summons on /dept, reports (报到) and answers (办结) on
 * /dept/summons/{id}.  A summons of another unit answers 404, as does
 * every page here for a role it is not for.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "depts.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "summons.h"
#include "valid.h"
#include "withdraw.h"

#define MAX_SUMMONS	100
#define DEPT_PAGE	50
#define MAX_UNITS	200

/* Raw HTML, then text escaped. */
static void
put(struct buf *b, const char *raw, const char *text)
{
	buf_add(b, raw);
	html_txt(b, text);
}

/* A department's page: the layout with its own short navigation. */
static void
dept_begin(struct req *r, const struct staff *s, const char *title)
{
	unit_page_begin(r, s, title, "<a href=\"/dept\">部门待办</a>");
}

/* "已报到 2026-03-01 10:00（超时）" and the like: a due time and whether
 * the step came (or, not yet come, is) past it. */
static void
due_cell(struct buf *b, time_t done, time_t due, time_t now)
{
	if (done != 0) {
		html_time(b, done);
		buf_add(b, done <= due ? "（按时）" : " <strong>（超时）</strong>");
		return;
	}
	buf_add(b, "时限 ");
	html_time(b, due);
	if (due < now)
		buf_add(b, " <strong>已超期</strong>");
}

/* The summons of a request, as cards (staff and department alike). */
static void
summons_cards(struct buf *b, const struct db_summons *s, size_t n,
    int show_answer)
{
	time_t	 now = time(NULL);
	size_t	 i;

	if (n == 0) {
		buf_add(b, "<p class=\"muted\">尚未召集职能部门。</p>\n");
		return;
	}
	buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < n; i++) {
		put(b, "<li class=\"card\"><strong>", s[i].unit);
		put(b, "</strong>（", s[i].unit_region);
		put(b, "） · ", word_summons[s[i].state].label);
		buf_add(b, "<br>召集 ");
		html_time(b, s[i].issued_at);
		buf_add(b, "<br>报到 ");
		due_cell(b, s[i].accepted_at, s[i].response_due, now);
		buf_add(b, "<br>办结 ");
		due_cell(b, s[i].answered_at, s[i].resolve_due, now);
		put(b, "<br><span class=\"muted\">事由：", s[i].reason);
		buf_add(b, "</span>");
		if (show_answer && s[i].answer[0])
			put(b, "<br>部门答复：", s[i].answer);
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ul>\n");
}

static int
may_summon(const struct staff *s, const struct db_request_full *f)
{
	struct flow_req	 q;

	db_flow_req(f, &q);
	q.home = s->u.scope.level;
	return summons_may_issue(&q, s->u.role);
}

void
depts_request_section(struct req *r, const struct staff *s,
    const struct db_request_full *f)
{
	struct db_summons *sm;
	struct buf	*b = &r->body;
	size_t		 n = 0;

	if ((sm = calloc(MAX_SUMMONS, sizeof(*sm))) == NULL)
		return;
	if (db_summons_of_request(r->db, f->pub.id, sm, MAX_SUMMONS, &n) ==
	    DB_OK && (n > 0 || may_summon(s, f))) {
		buf_add(b, "<h2>职能部门（吹哨报到）</h2>\n");
		summons_cards(b, sm, n, 1);
		if (may_summon(s, f))
			buf_printf(b, "<p><a class=\"button\" href=\"/staff/"
			    "requests/%s/summons\">吹哨召集职能部门</a></p>\n",
			    f->pub.tracking);
	}
	free(sm);
}

/* /staff/requests/{tracking}/summons: GET shows (done=1 after saving),
 * POST summons. */
enum { SS_TRACKING, SS_DONE, SS_VERSION, SS_UNIT, SS_REASON, SS__MAX };
static const struct vfield summon_fields[SS__MAX] = {
	{ "*0", "诉求编号", V_TRACKING, true },			/* SS_TRACKING */
	{ "done", "已保存", V_INT, false, 1, 1 },		/* SS_DONE */
	{ "version", "版本", V_INT, false, 0, UINT_MAX },	/* SS_VERSION */
	{ "unit", "职能部门", V_ID, false, 1, INT_MAX, NULL,	/* SS_UNIT */
	    "请选择职能部门。", NULL, .many = true },
	{ "reason", "召集事由", V_LONGTEXT, false, 1, 500, NULL, /* SS_REASON */
	    "召集事由最多 500 字。" },
};

/*
 * For the pages of /staff/requests/{tracking}/summons: a staff user's
 * session and the request of the URL in their scope, allocated (the
 * caller frees it); NULL after answering (login, 404, 503).
 */
static struct db_request_full *
summons_open(struct req *r, struct staff *s)
{
	const struct vvalue *t = &r->v[SS_TRACKING];
	struct db_request_full *f;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, s) == -1)
		return NULL;
	if ((f = calloc(1, sizeof(*f))) == NULL) {
		http_db_error(r, DB_ERROR);
		return NULL;
	}
	rc = t->error != NULL ? DB_NOTFOUND : db_request_full(r->db, t->s, f);
	if (staff_scoped(r, s, rc, f->ids) == -1) {
		free(f);
		return NULL;
	}
	return f;
}

static void
summon_page(struct req *r, const struct staff *s,
    const struct db_request_full *f, const char *msg, int bad)
{
	struct db_summons *sm = NULL;
	struct db_unit	*u = NULL;
	struct buf	*b = &r->body;
	size_t		 n = 0, nu = 0, i;
	int		 rc = DB_ERROR;

	if ((sm = calloc(MAX_SUMMONS, sizeof(*sm))) == NULL ||
	    (u = calloc(MAX_UNITS, sizeof(*u))) == NULL ||
	    (rc = db_summons_of_request(r->db, f->pub.id, sm, MAX_SUMMONS,
	    &n)) != DB_OK || (rc = db_dept_units(r->db, f, u, MAX_UNITS,
	    &nu)) != DB_OK) {
		buf_reset(&r->body);
		http_db_error(r, rc);
		goto out;
	}
	staff_begin(r, s, "吹哨召集职能部门");
	buf_printf(b, "<h1>吹哨召集职能部门</h1>\n<p><a href=\"/staff/"
	    "requests/%s\">返回诉求 %s</a> · ", f->pub.tracking,
	    f->pub.tracking);
	html_txt(b, f->pub.category);
	buf_add(b, " · ");
	html_txt(b, WORD_LABEL(word_level, f->pub.level));
	buf_add(b, "级办理</p>\n");
	html_notice(b, msg, bad);
	buf_add(b, "<h2>已召集</h2>\n");
	summons_cards(b, sm, n, 1);
	if (!may_summon(s, f)) {
		buf_add(b, "<p class=\"muted\">只有正在办理该诉求的街道或区"
		    "可以召集职能部门；诉求办结后不能召集。</p>\n");
	} else if (nu == 0) {
		buf_add(b, "<p class=\"muted\">本级没有可召集的职能部门。</p>\n");
	} else {
		buf_printf(b, "<form method=\"post\" action=\"/staff/requests/"
		    "%s/summons\" class=\"card act summon\">\n<h2>召集</h2>\n",
		    f->pub.tracking);
		auth_csrf_field(b, s);
		buf_printf(b, "<input type=\"hidden\" name=\"version\" "
		    "value=\"%lld\">\n<fieldset><legend>职能部门（可多选）"
		    "</legend>\n", f->pub.version);
		for (i = 0; i < nu; i++) {
			buf_printf(b, "<label class=\"check\"><input "
			    "type=\"checkbox\" name=\"unit\" value=\"%d\"> "
			    "<span>", u[i].id);
			html_txt(b, u[i].name);
			buf_add(b, "<br><span class=\"muted\">");
			html_txt(b, u[i].region);
			buf_printf(b, " · %d 小时内报到，%d %s内办结</span>"
			    "</span></label>\n", u[i].response_hours,
			    u[i].resolve_days, u[i].resolve_workdays ?
			    "个工作日" : "天");
		}
		buf_add(b, "</fieldset>\n<label for=\"reason\">召集事由"
		    "（部门可见，不向群众公开）</label><textarea id=\"reason\" "
		    "name=\"reason\" maxlength=\"500\" rows=\"3\" required>"
		    "</textarea>\n<button class=\"button\" type=\"submit\">"
		    "吹哨召集</button></form>\n");
	}
	html_end(r);
out:
	free(sm);
	free(u);
}

/* GET /staff/requests/{tracking}/summons */
void
page_summons(struct req *r)
{
	struct staff	 s;
	struct db_request_full *f;

	if ((f = summons_open(r, &s)) == NULL)
		return;
	summon_page(r, &s, f, r->v[SS_DONE].present && r->v[SS_DONE].error ==
	    NULL ? "已召集，各部门将按时限报到。" : NULL, 0);
	free(f);
}

/*
 * POST /staff/requests/{tracking}/summons: summon the units ticked.  400
 * for a bad form or a unit the request cannot go to, 409 when the request
 * changed or its level no longer summons, 303 back when saved.
 */
void
page_summons_post(struct req *r)
{
	struct staff	 s;
	struct db_request_full *f;
	struct vvalue	 v;
	int		 units[MAX_UNITS], rc;
	size_t		 n = 0, pos = 0;
	const char	*why = NULL;
	char		 loc[96];

	if ((f = summons_open(r, &s)) == NULL)
		return;
	while (n < MAX_UNITS &&
	    valid_next(r, &summon_fields[SS_UNIT], &pos, &v) == 0)
		units[n++] = (int)v.i;
	if (r->nbad != 0)
		why = valid_first_error(r->v, SS__MAX);
	else if (!r->v[SS_VERSION].present)
		why = "表单已失效，请刷新后重试。";
	else if (n == 0)
		why = "请选择职能部门。";
	else if (!r->v[SS_REASON].present)
		why = "请填写召集事由。";
	if (why != NULL) {
		r->status = 400;
		summon_page(r, &s, f, why, 1);
		goto out;
	}
	rc = db_summons_issue(r->db, f, r->v[SS_VERSION].i, &s.u, units, n,
	    r->v[SS_REASON].s, r->addr, time(NULL));
	if (rc == DB_OK) {
		snprintf(loc, sizeof(loc), "/staff/requests/%s/summons?done=1",
		    f->pub.tracking);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (rc == DB_CONFLICT || rc == DB_NOTFOUND) {
		if (db_request_full(r->db, f->pub.tracking, f) != DB_OK) {
			http_db_error(r, DB_ERROR);
			goto out;
		}
		r->status = rc == DB_CONFLICT ? 409 : 400;
		summon_page(r, &s, f, rc == DB_CONFLICT ?
		    "该诉求已变化（或已不由本级办理），未召集。请查看最新状态。" :
		    "所选职能部门不可召集，请重新选择。", 1);
	} else
		http_db_error(r, rc);
out:
	free(f);
}

/* GET /dept: the department's queue. */
enum { DQ_ALL, DQ_PAGE, DQ__MAX };
static const struct vfield dept_queue_fields[DQ__MAX] = {
	{ "all", "全部", V_INT, false, 0, 1 },			/* DQ_ALL */
	{ "page", "页码", V_INT, false, 1, 10000 },		/* DQ_PAGE */
};

void
page_dept_queue(struct req *r)
{
	struct staff	 s;
	struct db_summons *sm;
	struct db_unit	 unit;
	struct buf	*b = &r->body;
	long long	 pg, open = 0, issued = 0;
	time_t		 now = time(NULL);
	size_t		 n = 0, i;
	int		 all, rc;

	if (auth_require(r, ROLE_BIT(ROLE_DEPT), &s) == -1)
		return;
	if (r->nbad != 0) {
		html_error_page(r, 400, "筛选条件有误", "请返回重新选择。");
		return;
	}
	all = r->v[DQ_ALL].present && r->v[DQ_ALL].i == 1;
	pg = r->v[DQ_PAGE].present ? r->v[DQ_PAGE].i : 1;
	if ((sm = calloc(DEPT_PAGE + 1, sizeof(*sm))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	memset(&unit, 0, sizeof(unit));
	if (s.u.unit_id != 0 && ((rc = db_dept_unit_get(r->db, s.u.unit_id,
	    &unit)) != DB_OK || (rc = db_summons_open_count(r->db,
	    s.u.unit_id, &open, &issued)) != DB_OK || (rc =
	    db_summons_of_unit(r->db, s.u.unit_id, !all, (pg - 1) * DEPT_PAGE,
	    sm, DEPT_PAGE + 1, &n)) != DB_OK)) {
		free(sm);
		http_db_error(r, rc);
		return;
	}
	dept_begin(r, &s, "部门待办");
	buf_add(b, "<h1>");
	html_txt(b, unit.name[0] ? unit.name : "部门待办");
	buf_add(b, "</h1>\n");
	if (s.u.unit_id == 0) {
		buf_add(b, "<p class=\"muted\">本账号尚未绑定职能部门，"
		    "请联系管理员。</p>\n");
		goto end;
	}
	buf_printf(b, "<p>待办 %lld 件，其中待报到 %lld 件。 "
	    "<a href=\"/dept%s\">%s</a></p>\n", open, issued,
	    all ? "" : "?all=1", all ? "只看待办" : "含已办结");
	if (n == 0)
		buf_add(b, "<p class=\"muted\">没有召集到本部门的诉求。</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < n && i < DEPT_PAGE; i++) {
		buf_printf(b, "<li class=\"card\"><a href=\"/dept/summons/"
		    "%lld\"><strong>%s</strong> ", sm[i].id, sm[i].tracking);
		html_txt(b, sm[i].category);
		put(b, "</a> · ", word_summons[sm[i].state].label);
		put(b, "<br>", sm[i].community);
		put(b, " · ", sm[i].address);
		buf_add(b, "<br>");
		if (sm[i].state == SM_ISSUED) {
			buf_add(b, "报到");
			due_cell(b, 0, sm[i].response_due, now);
		} else if (sm[i].state == SM_ACCEPTED) {
			buf_add(b, "办结");
			due_cell(b, 0, sm[i].resolve_due, now);
		} else {
			buf_add(b, "已办结 ");
			due_cell(b, sm[i].answered_at, sm[i].resolve_due, now);
		}
		buf_add(b, "</li>\n");
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	buf_printf(b, "<p class=\"pager\">第 %lld 页", pg);
	if (pg > 1)
		buf_printf(b, " <a href=\"/dept?all=%d&amp;page=%lld\">上一页"
		    "</a>", all, pg - 1);
	if (n > DEPT_PAGE)
		buf_printf(b, " <a href=\"/dept?all=%d&amp;page=%lld\">下一页"
		    "</a>", all, pg + 1);
	buf_add(b, "</p>\n");
end:
	html_end(r);
	free(sm);
}

/* /dept/summons/{id}: GET (done=ACTION after saving) and POST (action). */
enum { DS_ID, DS_DONE, DS__MAX };
static const struct vfield dept_summons_fields[DS__MAX] = {
	{ "*0", "召集编号", V_ID, true, 1, LLONG_MAX },		/* DS_ID */
	{ "done", "已保存", V_ENUM, false, 0, SMA__MAX,		/* DS_DONE */
	    .words = word_summons_action },
};

/*
 * For the pages of /dept/summons/{id}: a department account's session and
 * the summons of the URL if it is their unit's, allocated (the caller
 * frees it); NULL after answering (login, 404 also for another unit's,
 * 503).
 */
static struct db_summons *
dept_open(struct req *r, struct staff *s)
{
	struct db_summons *sm;
	int		 rc = DB_NOTFOUND;

	if (auth_require(r, ROLE_BIT(ROLE_DEPT), s) == -1)
		return NULL;
	if ((sm = calloc(1, sizeof(*sm))) == NULL) {
		http_db_error(r, DB_ERROR);
		return NULL;
	}
	if (r->v[DS_ID].error == NULL)
		rc = db_summons_get(r->db, r->v[DS_ID].i, sm);
	if (rc == DB_OK && (s->u.unit_id == 0 || sm->unit_id != s->u.unit_id))
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		return sm;
	if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
	free(sm);
	return NULL;
}

static void
dept_summons_page(struct req *r, const struct staff *s,
    const struct db_summons *sm, const char *msg, int bad)
{
	struct buf	*b = &r->body;
	int		 a;

	dept_begin(r, s, sm->tracking);
	buf_printf(b, "<h1>诉求 %s</h1>\n", sm->tracking);
	html_notice(b, msg, bad);
	put(b, "<section><table class=\"details\">\n<tr><th>类别</th><td>",
	    sm->category);
	put(b, "</td></tr>\n<tr><th>社区</th><td>", sm->community);
	put(b, "</td></tr>\n<tr><th>地址</th><td>", sm->address);
	put(b, "</td></tr>\n<tr><th>问题描述</th><td>", sm->description);
	put(b, "</td></tr>\n<tr><th>诉求状态</th><td>",
	    rq_withdrawn(sm->rq_state, sm->rq_reason) ? WITHDRAWN_LABEL :
	    WORD_PHRASE(word_state, sm->rq_state));
	put(b, "（", WORD_LABEL(word_level, sm->rq_level));
	buf_add(b, "级办理）</td></tr>\n</table></section>\n<h2>召集本部门</h2>\n");
	summons_cards(b, sm, 1, 1);
	for (a = 0; a < SMA__MAX; a++) {
		if (summons_next(sm->state, (enum summons_action)a,
		    s->u.role) < 0)
			continue;
		buf_printf(b, "<form method=\"post\" action=\"/dept/summons/"
		    "%lld\" class=\"card act\">\n", sm->id);
		auth_csrf_field(b, s);
		buf_printf(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"%s\">\n", word_summons_action[a].code);
		if (a == SMA_ANSWER)
			buf_add(b, "<label for=\"answer\">办理情况（本部门负责"
			    "的部分）</label><textarea id=\"answer\" "
			    "name=\"text\" maxlength=\"2000\" rows=\"4\" "
			    "required></textarea>\n");
		buf_add(b, "<button class=\"button\" type=\"submit\">");
		html_txt(b, word_summons_action[a].phrase);
		buf_add(b, "</button></form>\n");
	}
	html_end(r);
}

/* GET /dept/summons/{id} */
void
page_dept_summons(struct req *r)
{
	struct staff	 s;
	struct db_summons *sm;
	const struct vvalue *done = &r->v[DS_DONE];

	if ((sm = dept_open(r, &s)) == NULL)
		return;
	dept_summons_page(r, &s, sm, done->present && done->error == NULL ?
	    "已保存。" : NULL, 0);
	free(sm);
}

static const struct vfield dept_act_none[] = {
	{ "text", "说明", V_LONGTEXT, false, 1, 2000 },
};
static const struct vfield dept_act_answer[] = {
	{ "text", "办理情况", V_LONGTEXT, true, 1, 2000, NULL,
	    "办理情况最多 2000 字。", "请填写办理情况。" },
};
#define ACTION(a, f) [a] = { NULL, (f), NELEMS(f), \
	&word_summons_action[a].code }
static const struct vaction dept_actions[SMA__MAX] = {
	ACTION(SMA_ACCEPT, dept_act_none),
	ACTION(SMA_ANSWER, dept_act_answer),
};
#undef ACTION

/*
 * POST /dept/summons/{id}: report or answer.  400 for a bad form, 404 for
 * another unit's summons, 409 when its state no longer allows the
 * action, 303 back when saved.
 */
void
page_dept_summons_post(struct req *r)
{
	struct staff	 s;
	struct db_summons *sm;
	const char	*why = NULL;
	char		 loc[96];
	int		 rc;

	if ((sm = dept_open(r, &s)) == NULL)
		return;
	if (r->action < 0)
		why = "未知的操作。";
	else if (r->nabad > 0)
		why = valid_first_error(r->av, dept_actions[r->action].nfields);
	if (why != NULL) {
		r->status = 400;
		dept_summons_page(r, &s, sm, why, 1);
		goto out;
	}
	rc = db_summons_act(r->db, sm, (enum summons_action)r->action, &s.u,
	    r->av[0].present ? r->av[0].s : "", r->addr, time(NULL));
	if (rc == DB_OK) {
		snprintf(loc, sizeof(loc), "/dept/summons/%lld?done=%s", sm->id,
		    word_summons_action[r->action].code);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (rc == DB_CONFLICT) {
		if (db_summons_get(r->db, sm->id, sm) != DB_OK) {
			http_db_error(r, DB_ERROR);
			goto out;
		}
		r->status = 409;
		dept_summons_page(r, &s, sm, "状态已变化，未作修改。", 1);
	} else if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
out:
	free(sm);
}

/* The routes' tables. */
VFORM(form_summons, summon_fields);
VFORM(form_summons_post, summon_fields);
VFORM(form_dept_queue, dept_queue_fields);
VFORM(form_dept_summons, dept_summons_fields);
VFORM_ACTIONS(form_dept_summons_post, dept_summons_fields, dept_actions);
