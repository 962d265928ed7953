/*
 * Joint projects (项目清单, issue 20 point 3): a claimed need's project
 * or one staff set up directly, each led by one unit (领办); a plan of
 * milestones added by staff or the leading unit, marked done with a note
 * (the first done starts the project: 计划中 → 实施中, or staff start
 * it), closed with a required result (已办结; a need it came from is done
 * with it) or ended (已终止).  Staff on /cobuild/projects and
 * /cobuild/projects/{id}, the leading unit on /unit/projects.  Every
 * change checks the project's version: a stale form gets 409.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cblistpage.h"
#include "cbpage.h"
#include "html.h"
#include "route.h"
#include "staff.h"

#define MAX_MS		100
#define VERSION_FIELD \
	{ "version", "版本", V_INT, true, 0, UINT_MAX, NULL, \
	    "表单已失效，请刷新后重试。", "表单已失效，请刷新后重试。" }

/* The actions on one project, for staff and the leading unit alike
 * ("project" names it on /unit/projects; the URL on a project's page). */
enum { PA_MILESTONE, PA_DONE, PA_START, PA_CLOSE, PA_CANCEL, PA__MAX };
static const char *const pa_msg[PA__MAX] = { "节点已添加。", "节点已完成。",
    "项目已开始实施。", "项目已办结。", "项目已终止。" };
static const char *const pa_codes[PA__MAX] = { "milestone", "done", "start",
    "close", "cancel" };
enum { PM_PROJECT, PM_VERSION, PM_TITLE, PM_DUE, PM_POSITION };
static const struct vfield milestone_fields[] = {
	{ "project", "项目", V_ID, false, 1, INT_MAX },
	VERSION_FIELD,
	{ "title", "节点内容", V_TEXT, true, 1, 100, NULL,
	    "节点内容最多 100 字。", "请填写节点内容。" },
	{ "due", "计划完成日期", V_DATE, true, 0, 0, NULL,
	    "请填写有效的日期（年-月-日）。", "请选择计划完成日期。" },
	{ "position", "顺序（可不填，排在最后）", V_INT, false, 0, 255, NULL,
	    "顺序须为 0 至 255。" },
};
enum { PD_PROJECT, PD_VERSION, PD_MILESTONE, PD_NOTE };
static const struct vfield done_fields[] = {
	{ "project", "项目", V_ID, false, 1, INT_MAX },
	VERSION_FIELD,
	{ "milestone", "节点", V_ID, true, 1, INT_MAX },
	{ "note", "完成情况", V_LONGTEXT, true, 1, 1000, NULL,
	    "完成情况最多 1000 字。", "请填写完成情况。" },
};
static const struct vfield start_fields[] = {
	{ "project", "项目", V_ID, false, 1, INT_MAX },
	VERSION_FIELD,
};
enum { PC_PROJECT, PC_VERSION, PC_RESULT };
static const struct vfield close_fields[] = {
	{ "project", "项目", V_ID, false, 1, INT_MAX },
	VERSION_FIELD,
	{ "result", "办结成效", V_LONGTEXT, true, 1, 2000, NULL,
	    "办结成效最多 2000 字。", "请填写办结成效。" },
};
static const struct vfield cancel_fields[] = {
	{ "project", "项目", V_ID, false, 1, INT_MAX },
	VERSION_FIELD,
	{ "result", "终止原因", V_LONGTEXT, true, 1, 2000, NULL,
	    "终止原因最多 2000 字。", "请填写终止原因。" },
};
static const struct vaction project_actions[PA__MAX] = {
	[PA_MILESTONE] = { "milestone", milestone_fields,
	    NELEMS(milestone_fields) },
	[PA_DONE] = { "done", done_fields, NELEMS(done_fields) },
	[PA_START] = { "start", start_fields, NELEMS(start_fields) },
	[PA_CLOSE] = { "close", close_fields, NELEMS(close_fields) },
	[PA_CANCEL] = { "cancel", cancel_fields, NELEMS(cancel_fields) },
};
/* The unit's: milestones only. */
static const struct vaction unit_project_actions[2] = {
	{ "milestone", milestone_fields, NELEMS(milestone_fields) },
	{ "done", done_fields, NELEMS(done_fields) },
};


/*
 * A project: its details, milestones and the forms the reader may use
 * (url: where they post; staff: a manager's page, else the unit's).
 * 0, or -1 after answering a database failure.
 */
static int
project_section(struct req *r, const struct staff *s,
    const struct db_project *x, const char *url, int staff,
    const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_milestone *ms;
	size_t		 n = 0, i;
	int		 open = x->state == PRJ_PLANNING ||
	    x->state == PRJ_RUNNING;
	int		 acts = open && (!staff || CB_MANAGES(s)), rc;
	char		 today[CB_DAY];

	if ((ms = calloc(MAX_MS, sizeof(*ms))) == NULL ||
	    (rc = db_milestones(r->db, x->id, ms, MAX_MS, &n)) != DB_OK) {
		free(ms);
		buf_reset(b);
		http_db_error(r, ms == NULL ? DB_ERROR : rc);
		return -1;
	}
	cbl_today(today);
	buf_add(b, "<table class=\"details\">\n<tr><th>状态</th><td>");
	html_txt(b, word_project[x->state].label);
	buf_add(b, "</td></tr>\n<tr><th>社区</th><td>");
	html_txt(b, x->region);
	buf_add(b, "</td></tr>\n<tr><th>领办单位</th><td>");
	html_txt(b, x->unit);
	buf_add(b, "</td></tr>\n<tr><th>建立</th><td>");
	html_time(b, x->created_at);
	if (x->need_id != 0)
		buf_printf(b, "（由需求认领，<a href=\"%s\">需求清单</a>）",
		    staff ? "/cobuild/needs" : "/unit/needs");
	buf_add(b, "</td></tr>\n");
	if (x->plan[0]) {
		buf_add(b, "<tr><th>方案</th><td>");
		html_txt(b, x->plan);
		buf_add(b, "</td></tr>\n");
	}
	if (x->closed_at) {
		buf_add(b, "<tr><th>");
		buf_add(b, x->state == PRJ_DONE ? "办结成效" : "终止原因");
		buf_add(b, "</th><td>");
		html_txt(b, x->result);
		buf_add(b, "（");
		html_time(b, x->closed_at);
		buf_add(b, "）</td></tr>\n");
	}
	buf_printf(b, "</table>\n<h3>计划节点（已完成 %zu/%zu）</h3>\n",
	    (size_t)x->ms_done, n);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">尚未制订节点。</p>\n");
	else
		buf_add(b, "<ol class=\"timeline\">\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<li id=\"milestone-%d\"><strong>", ms[i].id);
		html_txt(b, ms[i].title);
		buf_printf(b, "</strong> · 计划 %s", ms[i].due_on);
		if (ms[i].done_at) {
			buf_add(b, " · <span class=\"mark\">已完成</span> ");
			html_time(b, ms[i].done_at);
			buf_add(b, "<br>");
			html_txt(b, ms[i].note);
		} else if (strcmp(ms[i].due_on, today) < 0)
			buf_add(b, " · <span class=\"mark late\">已逾期</span>");
		if (!ms[i].done_at && acts) {
			struct cb_hidden h[] = { { "project", x->id },
			    { "version", x->version },
			    { "milestone", ms[i].id } };

			buf_add(b, "<details><summary>标记完成</summary>\n");
			cb_form(b, s, url, "done", h, 3, done_fields,
			    NELEMS(done_fields), cb_kept(k, PA_DONE, x->id,
			    ms[i].id), NULL, 0, "完成节点");
			buf_add(b, "</details>\n");
		}
		buf_add(b, "</li>\n");
	}
	if (n > 0)
		buf_add(b, "</ol>\n");
	if (acts) {
		struct cb_hidden h[] = { { "project", x->id },
		    { "version", x->version } };

		buf_add(b, "<details><summary>添加节点</summary>\n");
		cb_form(b, s, url, "milestone", h, 2, milestone_fields,
		    NELEMS(milestone_fields), cb_kept(k, PA_MILESTONE, x->id,
		    0),
		    NULL, 0, "添加节点");
		buf_add(b, "</details>\n");
		if (staff && x->state == PRJ_PLANNING)
			cb_form(b, s, url, "start", h, 2, NULL, 0, NULL, NULL, 0,
			    "开始实施");
		if (staff) {
			buf_add(b, "<details><summary>项目办结</summary>\n");
			cb_form(b, s, url, "close", h, 2, close_fields,
			    NELEMS(close_fields), cb_kept(k, PA_CLOSE, x->id, 0),
			    NULL, 0, "办结项目");
			buf_add(b, "</details>\n<details><summary>终止项目"
			    "</summary>\n");
			cb_form(b, s, url, "cancel", h, 2, cancel_fields,
			    NELEMS(cancel_fields), cb_kept(k, PA_CANCEL, x->id,
			    0),
			    NULL, 0, "终止项目");
			buf_add(b, "</details>\n");
		}
	}
	free(ms);
	return 0;
}

/* Run action a on project x (both sides).  A db_rc. */
static int
project_act(struct req *r, const struct staff *s, const struct db_project *x,
    int a)
{
	const struct vvalue *v = r->av;
	time_t		 now = time(NULL);

	switch (a) {
	case PA_MILESTONE:
		return db_milestone_add(r->db, &s->u, x, v[PM_VERSION].i,
		    v[PM_POSITION].present ? (int)v[PM_POSITION].i : -1,
		    v[PM_TITLE].s, v[PM_DUE].s, r->addr, now);
	case PA_DONE:
		return db_milestone_done(r->db, &s->u, x, v[PD_VERSION].i,
		    (int)v[PD_MILESTONE].i, v[PD_NOTE].s, r->addr, now);
	case PA_START:
		return db_project_start(r->db, &s->u, x, v[PM_VERSION].i,
		    r->addr, now);
	default:
		return db_project_close(r->db, &s->u, x, v[PC_VERSION].i,
		    a == PA_CLOSE ? PRJ_DONE : PRJ_CANCELLED, v[PC_RESULT].s,
		    r->addr, now);
	}
}

/* GET and POST /cobuild/projects */
enum { PL_STATE, PL_REGION, PL_DONE, PL__MAX };
static const char *const pl_done[] = { "create" };
static const struct vfield projects_fields[PL__MAX] = {
	{ "state", "状态", V_ENUM, false, 0, PRJ__MAX,		/* PL_STATE */
	    .words = word_project },
	{ "region", "社区", V_ID, false, 1, INT_MAX },		/* PL_REGION */
	{ "done", "已保存", V_ENUM, false, 0, 1, pl_done },	/* PL_DONE */
};
enum { PN_REGION, PN_UNIT, PN_TITLE, PN_PLAN };
static const struct vfield create_fields[] = {
	{ "region", "社区（街道）", V_ID, true, 1, INT_MAX, NULL,
	    "请选择社区。", "请选择社区。" },
	{ "unit", "领办单位", V_ID, true, 1, INT_MAX, NULL,
	    "请选择领办单位。", "请选择领办单位。" },
	{ "title", "项目名称", V_TEXT, true, 1, 100, NULL,
	    "项目名称最多 100 字。", "请填写项目名称。" },
	{ "plan", "实施方案", V_LONGTEXT, false, 1, 2000, NULL,
	    "实施方案最多 2000 字。" },
};
static const struct vaction projects_actions[] = {
	{ "create", create_fields, NELEMS(create_fields) },
};

#define LABEL_MAX	(CB_TXT(100) + DB_NAME_MAX + 8)

/* The units co-building with the places of the scope, "unit（place）". */
static struct cb_opt *
scope_units(struct req *r, const struct db_cb_place *p, size_t np,
    char (**labels)[LABEL_MAX], size_t *n)
{
	struct db_cb_unit *u;
	struct cb_opt	*o;
	size_t		 i, k, nu;
	int		 rc = DB_OK;

	*n = 0;
	u = calloc(CB_MAX_ROWS, sizeof(*u));
	o = calloc(CB_MAX_ROWS, sizeof(*o));
	*labels = calloc(CB_MAX_ROWS, LABEL_MAX);
	if (u == NULL || o == NULL || *labels == NULL)
		rc = DB_ERROR;
	for (i = 0; i < np && rc == DB_OK && *n < CB_MAX_ROWS; i++) {
		rc = db_cb_units_of_region(r->db, p[i].id, u, CB_MAX_ROWS, &nu);
		for (k = 0; rc == DB_OK && k < nu && *n < CB_MAX_ROWS; k++) {
			snprintf((*labels)[*n], LABEL_MAX, "%s（%s）", u[k].name,
			    p[i].name);
			o[*n].id = u[k].id;
			o[*n].label = (*labels)[*n];
			(*n)++;
		}
	}
	free(u);
	if (rc != DB_OK) {
		free(o);
		free(*labels);
		*labels = NULL;
		buf_reset(&r->body);
		http_db_error(r, rc);
		return NULL;
	}
	return o;
}

static void
projects_page(struct req *r, const struct staff *s, const char *msg, int bad,
    const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_cb_place *places = NULL;
	struct cb_opt	*po, *uo = NULL;
	char		(*labels)[LABEL_MAX] = NULL;
	struct db_project *x = NULL;
	struct db_cb_filter f = { -1, 0 };
	size_t		 np = 0, nu = 0, n = 0, i;
	int		 rc = DB_ERROR;

	if (r->method != METHOD_POST) {
		if (r->v[PL_STATE].present && r->v[PL_STATE].error == NULL)
			f.state = (int)r->v[PL_STATE].i;
		if (r->v[PL_REGION].present && r->v[PL_REGION].error == NULL)
			f.region_id = (int)r->v[PL_REGION].i;
	}
	if ((po = cb_place_opts(r, s, &places, &np)) == NULL)
		return;
	if ((x = calloc(CB_MAX_ROWS, sizeof(*x))) == NULL ||
	    (rc = db_projects(r->db, &s->u.scope, &f, x, CB_MAX_ROWS, &n)) !=
	    DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	if (CB_MANAGES(s) && (uo = scope_units(r, places, np, &labels,
	    &nu)) == NULL)
		goto out;
	cb_staff_begin(r, s, "项目清单");
	buf_add(b, "<h1>项目清单</h1>\n");
	html_notice(b, msg, bad);
	cb_filters(b, "/cobuild/projects", word_project, PRJ__MAX, f.state,
	    places, np, f.region_id);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">没有符合条件的项目。</p>\n");
	else
		buf_printf(b, "<p>共 %zu 项。</p>\n<ul class=\"summons\">\n", n);
	for (i = 0; i < n; i++) {
		buf_printf(b, "<li class=\"card\" id=\"project-%d\"><p><a href="
		    "\"/cobuild/projects/%d\"><strong>", x[i].id, x[i].id);
		html_txt(b, x[i].title);
		buf_add(b, "</strong></a> <span class=\"mark\">");
		html_txt(b, word_project[x[i].state].label);
		buf_add(b, "</span></p>\n<p class=\"muted\">");
		html_txt(b, x[i].region);
		buf_add(b, " · 领办：");
		html_txt(b, x[i].unit);
		buf_printf(b, " · 节点 %d/%d%s</p></li>\n", x[i].ms_done,
		    x[i].ms_total, x[i].need_id ? " · 由需求认领" : "");
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	if (CB_MANAGES(s) && np > 0) {
		struct cb_choice c[] = { { "region", po, np },
		    { "unit", uo, nu } };

		buf_add(b, "<h2 id=\"create\">建立共建项目</h2>\n<p class=\""
		    "muted\">领办单位须与所选社区共建。</p>\n");
		cb_form(b, s, "/cobuild/projects", "create", NULL, 0,
		    create_fields, NELEMS(create_fields), k != NULL ? k->v :
		    NULL, c, 2, "建立项目");
	}
	html_end(r);
out:
	free(x);
	free(po);
	free(uo);
	free(labels);
	free(places);
}

/* GET /cobuild/projects */
void
page_cb_projects(struct req *r)
{
	struct staff	 s;
	const struct vvalue *d = &r->v[PL_DONE];

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	projects_page(r, &s, d->present && d->error == NULL ? "项目已建立。" :
	    NULL, 0, NULL);
}

/* POST /cobuild/projects: set up a project.  400 for a bad form, a place
 * outside the scope or a unit not co-building with it; 303 when saved. */
void
page_cb_projects_post(struct req *r)
{
	struct staff	 s;
	struct cb_keep	 k = { 0, r->av, 0, 0 };
	struct db_region reg;
	const struct vvalue *v = r->av;
	const char	*why = NULL;
	int		 anc[4] = { 0 }, serves = 0, id = 0, rc = DB_OK;

	if (auth_require(r, CB_MANAGERS, &s) == -1)
		return;
	if (r->action < 0)
		why = "未知的操作。";
	else if (r->nabad > 0)
		why = valid_first_error(v, NELEMS(create_fields));
	else {
		rc = db_region_get(r->db, (int)v[PN_REGION].i, &reg, anc);
		if (rc == DB_NOTFOUND || (rc == DB_OK && (reg.level < 2 ||
		    reg.level > 3 || !db_cb_in_scope(&s.u.scope, anc)))) {
			why = "所选社区不在您的管辖范围内。";
			rc = DB_OK;
		} else if (rc == DB_OK && (rc = db_cb_unit_serves(r->db,
		    (int)v[PN_UNIT].i, (int)v[PN_REGION].i, &serves)) ==
		    DB_OK && !serves)
			why = "所选领办单位未与该社区共建。";
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	if (why != NULL) {
		r->status = 400;
		projects_page(r, &s, why, 1, r->action < 0 ? NULL : &k);
		return;
	}
	rc = db_project_create(r->db, &s.u, (int)v[PN_REGION].i,
	    (int)v[PN_UNIT].i, v[PN_TITLE].s, v[PN_PLAN].present ?
	    v[PN_PLAN].s : "", r->addr, time(NULL), &id);
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	cb_redirect(r, "/cobuild/projects?done=create");
}

/* GET and POST /cobuild/projects/{id} */
enum { PP_ID, PP_DONE, PP__MAX };
static const struct vfield project_fields[PP__MAX] = {
	{ "*0", "项目", V_ID, true, 1, INT_MAX },		/* PP_ID */
	{ "done", "已保存", V_ENUM, false, 0, PA__MAX, pa_codes }, /* PP_DONE */
};

static void
project_page(struct req *r, const struct staff *s, const struct db_project *x,
    const char *msg, int bad, const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	char		 url[48];

	snprintf(url, sizeof(url), "/cobuild/projects/%d", x->id);
	cb_staff_begin(r, s, x->title);
	buf_add(b, "<h1>");
	html_txt(b, x->title);
	buf_add(b, "</h1>\n<p><a href=\"/cobuild/projects\">返回项目清单</a>"
	    "</p>\n");
	html_notice(b, msg, bad);
	if (k != NULL && bad)
		cb_typed(b, k->v, project_actions[k->action].nfields);
	if (project_section(r, s, x, url, 1, k) == 0)
		html_end(r);
}

/* The project of the URL in the user's scope, or answered. */
static int
project_open(struct req *r, const struct staff *s, struct db_project *x)
{
	int	 rc = r->v[PP_ID].error != NULL ? DB_NOTFOUND :
	    db_project_get(r->db, (int)r->v[PP_ID].i, x);

	return cbl_scoped(r, s, rc, x->ids);
}

/* GET /cobuild/projects/{id} */
void
page_cb_project(struct req *r)
{
	struct staff	 s;
	struct db_project *x;
	const struct vvalue *d = &r->v[PP_DONE];

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if (project_open(r, &s, x) == 0)
		project_page(r, &s, x, d->present && d->error == NULL ?
		    pa_msg[d->i] : NULL, 0, NULL);
	free(x);
}

/* After an action on x (rc): 303 to done_url, 409 with the project as it
 * is now, or the failure.  page: how to show it. */
static void
after_act(struct req *r, const struct staff *s, struct db_project *x, int rc,
    const char *done_url, const struct cb_keep *k,
    void (*page)(struct req *, const struct staff *,
    const struct db_project *, const char *, int, const struct cb_keep *))
{
	if (rc == DB_OK)
		cb_redirect(r, done_url);
	else if (rc == DB_CONFLICT) {
		if ((rc = db_project_get(r->db, x->id, x)) != DB_OK) {
			http_db_error(r, rc);
			return;
		}
		r->status = 409;
		page(r, s, x, "项目已变化（他人已修改或已办结），未作修改。"
		    "以下是最新状态。", 1, k);
	} else if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
}

/*
 * POST /cobuild/projects/{id}: milestone, done, start, close, cancel.
 * 400 for a bad form (nothing stored), 404 outside the scope, 409 for a
 * stale form or a project closed meanwhile, 303 when saved.
 */
void
page_cb_project_post(struct req *r)
{
	struct staff	 s;
	struct db_project *x;
	struct cb_keep	 k = { r->action, r->av, 0, 0 };
	char		 url[80];
	int		 rc;

	if (auth_require(r, CB_MANAGERS, &s) == -1)
		return;
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if (project_open(r, &s, x) == -1)
		goto out;
	k.id = x->id;
	if (r->action == PA_DONE && r->av[PD_MILESTONE].error == NULL)
		k.id2 = r->av[PD_MILESTONE].i;
	if (r->action < 0 || r->nabad > 0) {
		r->status = 400;
		project_page(r, &s, x, r->action < 0 ? "未知的操作。" :
		    valid_first_error(r->av,
		    project_actions[r->action].nfields),
		    1, r->action < 0 ? NULL : &k);
		goto out;
	}
	rc = project_act(r, &s, x, r->action);
	snprintf(url, sizeof(url), "/cobuild/projects/%d?done=%s", x->id,
	    pa_codes[r->action]);
	after_act(r, &s, x, rc, url, &k, project_page);
out:
	free(x);
}

/* GET and POST /unit/projects */
enum { UP_DONE, UP__MAX };
static const struct vfield unit_projects_fields[UP__MAX] = {
	{ "done", "已保存", V_ENUM, false, 0, 2, pa_codes },	/* UP_DONE */
};

static void
unit_projects_page(struct req *r, const struct staff *s, const char *msg,
    int bad, const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_project *x;
	size_t		 n = 0, i;
	int		 rc;

	if ((x = calloc(CB_MAX_ROWS, sizeof(*x))) == NULL ||
	    (rc = db_projects_of_unit(r->db, s->u.unit_id, x, CB_MAX_ROWS,
	    &n)) != DB_OK) {
		free(x);
		http_db_error(r, x == NULL ? DB_ERROR : rc);
		return;
	}
	unit_begin(r, s, "领办项目");
	buf_add(b, "<h1>领办项目</h1>\n");
	html_notice(b, msg, bad);
	if (k != NULL && bad)
		cb_typed(b, k->v, unit_project_actions[k->action].nfields);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">本单位尚未领办项目。认领需求后，"
		    "项目会出现在这里。</p>\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<section class=\"card\" id=\"project-%d\"><h2>",
		    x[i].id);
		html_txt(b, x[i].title);
		buf_add(b, "</h2>\n");
		if (project_section(r, s, &x[i], "/unit/projects", 0, k) == -1)
			goto out;
		buf_add(b, "</section>\n");
	}
	html_end(r);
out:
	free(x);
}

/* GET /unit/projects */
void
page_unit_projects(struct req *r)
{
	struct staff	 s;
	const struct vvalue *d = &r->v[UP_DONE];

	if (cb_unit_require(r, &s) == -1)
		return;
	unit_projects_page(r, &s, d->present && d->error == NULL ?
	    pa_msg[d->i] : NULL, 0, NULL);
}

static void
unit_project_page(struct req *r, const struct staff *s,
    const struct db_project *x, const char *msg, int bad,
    const struct cb_keep *k)
{
	(void)x;
	unit_projects_page(r, s, msg, bad, k);
}

/*
 * POST /unit/projects: a milestone added or done on a project the unit
 * leads.  400 for a bad form, 404 for another unit's project, 409 for a
 * stale form, 303 when saved.
 */
void
page_unit_projects_post(struct req *r)
{
	struct staff	 s;
	struct db_project *x;
	struct cb_keep	 k = { r->action, r->av, 0, 0 };
	char		 url[64];
	int		 rc;

	if (cb_unit_require(r, &s) == -1)
		return;
	if (r->action < 0 || r->nabad > 0 || !r->av[PM_PROJECT].present) {
		if (r->action >= 0 && r->av[PM_PROJECT].error == NULL)
			k.id = r->av[PM_PROJECT].i;
		if (r->action == PA_DONE && r->av[PD_MILESTONE].error == NULL)
			k.id2 = r->av[PD_MILESTONE].i;
		r->status = 400;
		unit_projects_page(r, &s, r->action < 0 ? "未知的操作。" :
		    r->nabad > 0 ? valid_first_error(r->av,
		    unit_project_actions[r->action].nfields) : "请选择项目。",
		    1, r->action < 0 ? NULL : &k);
		return;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	rc = db_project_get(r->db, (int)r->av[PM_PROJECT].i, x);
	if (rc == DB_OK && x->lead_unit_id != s.u.unit_id)
		rc = DB_NOTFOUND;
	if (rc == DB_OK) {
		k.id = x->id;
		if (r->action == PA_DONE)
			k.id2 = r->av[PD_MILESTONE].i;
		rc = project_act(r, &s, x, r->action);
	}
	snprintf(url, sizeof(url), "/unit/projects?done=%s#project-%d",
	    pa_codes[r->action], x->id);
	after_act(r, &s, x, rc, url, &k, unit_project_page);
	free(x);
}

VFORM(form_cb_projects, projects_fields);
VFORM_ACTIONS(form_cb_projects_post, projects_fields, projects_actions);
VFORM(form_cb_project, project_fields);
VFORM_ACTIONS(form_cb_project_post, project_fields, project_actions);
VFORM(form_unit_projects, unit_projects_fields);
VFORM_ACTIONS(form_unit_projects_post, unit_projects_fields,
    unit_project_actions);
