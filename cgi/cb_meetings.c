/*
 * Joint meetings (联席会议, issue 20 point 4): staff record a meeting
 * (day, title, kind, place, minutes kept among staff) on
 * /cobuild/meetings, then on /cobuild/meetings/{id} tick the units
 * present (from those co-building with the region), add agenda items and
 * decisions, each with its text, owner (a unit, or the community itself)
 * and due day, and follow them to done with a note.  The owner unit marks
 * its own done on /unit/decisions; staff see every decision of their
 * scope in the 议定事项 list of /cobuild/meetings, the overdue first.
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

#define MAX_ITEMS	50
#define MAX_DECISIONS	100

/* GET and POST /cobuild/meetings */
enum { ML_REGION, ML__MAX };
static const struct vfield meetings_fields[ML__MAX] = {
	{ "region", "社区", V_ID, false, 1, INT_MAX },		/* ML_REGION */
};
enum { MC_REGION, MC_HELD_ON, MC_TITLE, MC_KIND, MC_PLACE, MC_MINUTES };
static const struct vfield create_fields[] = {
	{ "region", "社区（街道）", V_ID, true, 1, INT_MAX, NULL,
	    "请选择社区。", "请选择社区。" },
	{ "held_on", "会议日期", V_DATE, true, 0, 0, NULL,
	    "请填写有效的日期（年-月-日）。", "请选择会议日期。" },
	{ "title", "会议名称", V_TEXT, true, 1, 100, NULL,
	    "会议名称最多 100 字。", "请填写会议名称。" },
	{ "kind", "会议类型", V_ENUM, true, 0, MTG__MAX, NULL,
	    "请选择会议类型。", "请选择会议类型。", .words = word_meeting },
	{ "place", "地点", V_TEXT, false, 1, 100, NULL, "地点最多 100 字。" },
	{ "minutes", "会议纪要（仅工作人员可见）", V_LONGTEXT, false, 1, 4000,
	    NULL, "会议纪要最多 4000 字。" },
};
static const struct vaction meetings_actions[] = {
	{ "create", create_fields, NELEMS(create_fields) },
};

/* GET and POST /cobuild/meetings/{id} */
enum { MA_UNITS, MA_ITEM, MA_DECISION, MA_DONE, MA__MAX };
static const char *const ma_codes[MA__MAX + 1] = { "units", "item",
    "decision", "done", "create" };
static const char *const ma_msg[MA__MAX + 1] = { "出席单位已保存。",
    "议题已添加。", "议定事项已添加。", "议定事项已办结。", "会议已登记，"
    "请勾选出席单位，添加议题和议定事项。" };
enum { MP_ID, MP_DONE, MP__MAX };
static const struct vfield meeting_fields[MP__MAX] = {
	{ "*0", "会议", V_ID, true, 1, INT_MAX },		/* MP_ID */
	{ "done", "已保存", V_ENUM, false, 0, MA__MAX + 1,	/* MP_DONE */
	    ma_codes },
};
static const struct vfield units_fields[] = {
	{ "unit", "出席单位", V_ID, false, 1, INT_MAX, NULL,
	    "请从列表中选择单位。", NULL, .many = true },
};
static const struct vfield item_fields[] = {
	{ "title", "议题", V_TEXT, true, 1, 200, NULL, "议题最多 200 字。",
	    "请填写议题。" },
};
enum { MD_TEXT, MD_OWNER, MD_DUE, MD_ITEM };
static const struct vfield decision_fields[] = {
	{ "text", "议定事项", V_LONGTEXT, true, 1, 500, NULL,
	    "议定事项最多 500 字。", "请填写议定事项。" },
	{ "owner", "责任方", V_INT, true, 0, INT_MAX, NULL,
	    "请选择责任方。", "请选择责任方。" },
	{ "due", "办结期限", V_DATE, true, 0, 0, NULL,
	    "请填写有效的日期（年-月-日）。", "请选择办结期限。" },
	{ "item", "对应议题", V_INT, false, 0, INT_MAX },
};
enum { DD_DECISION, DD_VERSION, DD_NOTE };
static const struct vfield done_fields[] = {
	{ "decision", "议定事项", V_ID, true, 1, INT_MAX },
	{ "version", "版本", V_INT, true, 0, UINT_MAX, NULL,
	    "表单已失效，请刷新后重试。", "表单已失效，请刷新后重试。" },
	{ "note", "办理情况", V_LONGTEXT, true, 1, 1000, NULL,
	    "办理情况最多 1000 字。", "请填写办理情况。" },
};
static const struct vaction meeting_actions[MA__MAX] = {
	[MA_UNITS] = { "units", units_fields, NELEMS(units_fields) },
	[MA_ITEM] = { "item", item_fields, NELEMS(item_fields) },
	[MA_DECISION] = { "decision", decision_fields,
	    NELEMS(decision_fields) },
	[MA_DONE] = { "done", done_fields, NELEMS(done_fields) },
};


/* A decision as a list item; with the done form when form_url is set. */
static void
decision_li(struct buf *b, const struct staff *s, const struct db_decision *d,
    const char *form_url, int with_meeting, const struct cb_keep *k)
{
	char	 today[CB_DAY];

	cbl_today(today);
	buf_printf(b, "<li class=\"card\" id=\"decision-%d\"><p>", d->id);
	html_txt(b, d->text);
	buf_add(b, " <span class=\"mark\">");
	html_txt(b, word_decision[d->state].label);
	buf_add(b, "</span>");
	if (d->state == DEC_OPEN && strcmp(d->due_on, today) < 0)
		buf_add(b, " <span class=\"mark late\">已逾期</span>");
	buf_add(b, "</p>\n<p class=\"muted\">责任方：");
	html_txt(b, d->owner_unit_id ? d->owner : "本社区");
	buf_printf(b, " · 期限 %s", d->due_on);
	cb_when(b, " · 办结于 ", d->done_at);
	if (with_meeting) {
		buf_printf(b, " · <a href=\"/cobuild/meetings/%d\">",
		    d->meeting_id);
		html_txt(b, d->held_on);
		buf_add(b, " ");
		html_txt(b, d->meeting);
		buf_add(b, "</a>（");
		html_txt(b, d->region);
		buf_add(b, "）");
	} else if (form_url != NULL && strcmp(form_url, "/unit/decisions") ==
	    0) {
		buf_add(b, " · ");
		html_txt(b, d->held_on);
		buf_add(b, " ");
		html_txt(b, d->meeting);
	}
	buf_add(b, "</p>\n");
	if (d->note[0]) {
		buf_add(b, "<p>办理情况：");
		html_txt(b, d->note);
		buf_add(b, "</p>\n");
	}
	if (d->state == DEC_OPEN && form_url != NULL) {
		struct cb_hidden h[] = { { "decision", d->id },
		    { "version", d->version } };

		buf_add(b, "<details><summary>标记办结</summary>\n");
		cb_form(b, s, form_url, "done", h, 2, done_fields,
		    NELEMS(done_fields), cb_kept(k, MA_DONE, d->id, 0), NULL,
		    0, "办结");
		buf_add(b, "</details>\n");
	}
	buf_add(b, "</li>\n");
}

static void
meetings_page(struct req *r, const struct staff *s, const char *msg, int bad,
    const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_cb_place *places = NULL;
	struct cb_opt	*po;
	struct db_meeting *m = NULL;
	struct db_decision *d = NULL;
	size_t		 np = 0, n = 0, nd = 0, i;
	int		 region = 0, rc = DB_ERROR;

	if (r->method != METHOD_POST && r->v[ML_REGION].present &&
	    r->v[ML_REGION].error == NULL)
		region = (int)r->v[ML_REGION].i;
	if ((po = cb_place_opts(r, s, &places, &np)) == NULL)
		return;
	if ((m = calloc(CB_MAX_ROWS, sizeof(*m))) == NULL ||
	    (d = calloc(MAX_DECISIONS, sizeof(*d))) == NULL ||
	    (rc = db_meetings(r->db, &s->u.scope, region, m, CB_MAX_ROWS,
	    &n)) != DB_OK || (rc = db_decisions(r->db, &s->u.scope, region, d,
	    MAX_DECISIONS, &nd)) != DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	cb_staff_begin(r, s, "联席会议");
	buf_add(b, "<h1>联席会议</h1>\n");
	html_notice(b, msg, bad);
	cb_filters(b, "/cobuild/meetings", NULL, 0, -1, places, np, region);
	buf_add(b, "<p class=\"quick\"><a href=\"#decisions\">议定事项</a></p>\n");
	if (n == 0)
		buf_add(b, "<p class=\"muted\">尚未登记联席会议。</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<li class=\"card\" id=\"meeting-%d\"><p><a href="
		    "\"/cobuild/meetings/%d\"><strong>%s ", m[i].id, m[i].id,
		    m[i].held_on);
		html_txt(b, m[i].title);
		buf_add(b, "</strong></a></p>\n<p class=\"muted\">");
		html_txt(b, word_meeting[m[i].kind].label);
		buf_add(b, " · ");
		html_txt(b, m[i].region);
		buf_printf(b, " · 研究解决事项 %lld 件（已办结 %lld/%lld）</p>"
		    "</li>\n", m[i].dec_total, m[i].dec_done, m[i].dec_total);
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	buf_add(b, "<h2 id=\"decisions\">议定事项</h2>\n<p class=\"muted\">"
	    "办理中的在前，逾期的最先。</p>\n");
	if (nd == 0)
		buf_add(b, "<p class=\"muted\">暂无议定事项。</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < nd; i++)
		decision_li(b, s, &d[i], NULL, 1, NULL);
	if (nd > 0)
		buf_add(b, "</ul>\n");
	if (CB_MANAGES(s) && np > 0) {
		struct cb_choice c[] = { { "region", po, np } };

		buf_add(b, "<h2 id=\"create\">登记联席会议</h2>\n");
		cb_form(b, s, "/cobuild/meetings", "create", NULL, 0,
		    create_fields, NELEMS(create_fields), k != NULL ? k->v :
		    NULL, c, 1, "登记会议");
	}
	html_end(r);
out:
	free(m);
	free(d);
	free(po);
	free(places);
}

/* GET /cobuild/meetings */
void
page_cb_meetings(struct req *r)
{
	struct staff	 s;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	meetings_page(r, &s, NULL, 0, NULL);
}

/* POST /cobuild/meetings: record a meeting.  400 for a bad form or a
 * place outside the scope (nothing stored); 303 to the meeting. */
void
page_cb_meetings_post(struct req *r)
{
	struct staff	 s;
	struct cb_keep	 k = { 0, r->av, 0 };
	struct db_region reg;
	const struct vvalue *v = r->av;
	const char	*why = NULL;
	char		 url[64];
	int		 anc[4] = { 0 }, id = 0, rc = DB_OK;

	if (auth_require(r, CB_MANAGERS, &s) == -1)
		return;
	if (r->action < 0)
		why = "未知的操作。";
	else if (r->nabad > 0)
		why = valid_first_error(v, NELEMS(create_fields));
	else {
		rc = db_region_get(r->db, (int)v[MC_REGION].i, &reg, anc);
		if (rc == DB_NOTFOUND || (rc == DB_OK && (reg.level < 2 ||
		    reg.level > 3 || !db_cb_in_scope(&s.u.scope, anc)))) {
			why = "所选社区不在您的管辖范围内。";
			rc = DB_OK;
		}
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	if (why != NULL) {
		r->status = 400;
		meetings_page(r, &s, why, 1, r->action < 0 ? NULL : &k);
		return;
	}
	rc = db_meeting_create(r->db, &s.u, (int)v[MC_REGION].i,
	    v[MC_HELD_ON].s, v[MC_TITLE].s, (int)v[MC_KIND].i,
	    v[MC_PLACE].present ? v[MC_PLACE].s : "",
	    v[MC_MINUTES].present ? v[MC_MINUTES].s : "", r->addr, time(NULL),
	    &id);
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	snprintf(url, sizeof(url), "/cobuild/meetings/%d?done=create", id);
	cb_redirect(r, url);
}

/* The meeting of the URL in the user's scope, or answered. */
static int
meeting_open(struct req *r, const struct staff *s, struct db_meeting *m)
{
	int	 rc = r->v[MP_ID].error != NULL ? DB_NOTFOUND :
	    db_meeting_get(r->db, (int)r->v[MP_ID].i, m);

	return cbl_scoped(r, s, rc, m->ids);
}

/* What a meeting's page shows besides the meeting. */
struct meeting_data {
	struct db_cb_unit *units;	/* co-building with its region */
	struct cb_opt	*uo;
	size_t		 nu;
	struct db_cb_unit *present;
	size_t		 np;
	struct db_meeting_item *items;
	size_t		 ni;
	struct db_decision *d;
	size_t		 nd;
};

static void
meeting_data_free(struct meeting_data *md)
{
	free(md->units);
	free(md->uo);
	free(md->present);
	free(md->items);
	free(md->d);
}

/* 0, or -1 after answering the failure. */
static int
meeting_data(struct req *r, const struct db_meeting *m,
    struct meeting_data *md)
{
	int	 rc = DB_ERROR;

	memset(md, 0, sizeof(*md));
	if ((md->uo = cb_unit_opts(r, m->region_id, &md->units, &md->nu)) ==
	    NULL)
		return -1;
	if ((md->present = calloc(CB_MAX_ROWS, sizeof(*md->present))) ==
	    NULL || (md->items = calloc(MAX_ITEMS, sizeof(*md->items))) ==
	    NULL || (md->d = calloc(MAX_DECISIONS, sizeof(*md->d))) == NULL ||
	    (rc = db_meeting_units(r->db, m->id, md->present, CB_MAX_ROWS,
	    &md->np)) != DB_OK || (rc = db_meeting_items(r->db, m->id,
	    md->items, MAX_ITEMS, &md->ni)) != DB_OK ||
	    (rc = db_meeting_decisions(r->db, m->id, md->d, MAX_DECISIONS,
	    &md->nd)) != DB_OK) {
		meeting_data_free(md);
		http_db_error(r, rc);
		return -1;
	}
	return 0;
}

static void
meeting_page(struct req *r, const struct staff *s, const struct db_meeting *m,
    const char *msg, int bad, const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct meeting_data md;
	struct cb_opt	*owners = NULL, *items = NULL;
	char		 url[48];
	size_t		 i, j;
	int		 manage = CB_MANAGES(s);

	if (meeting_data(r, m, &md) == -1)
		return;
	if ((owners = calloc(md.nu + 1, sizeof(*owners))) == NULL ||
	    (items = calloc(md.ni + 1, sizeof(*items))) == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	snprintf(url, sizeof(url), "/cobuild/meetings/%d", m->id);
	cb_staff_begin(r, s, m->title);
	buf_printf(b, "<h1>%s ", m->held_on);
	html_txt(b, m->title);
	buf_add(b, "</h1>\n<p><a href=\"/cobuild/meetings\">返回联席会议</a>"
	    "</p>\n");
	html_notice(b, msg, bad);
	if (k != NULL && bad)
		cb_typed(b, k->v, meeting_actions[k->action].nfields);
	buf_add(b, "<table class=\"details\">\n<tr><th>类型</th><td>");
	html_txt(b, word_meeting[m->kind].label);
	buf_add(b, "</td></tr>\n<tr><th>社区</th><td>");
	html_txt(b, m->region);
	buf_add(b, "</td></tr>\n<tr><th>地点</th><td>");
	html_txt(b, m->place[0] ? m->place : "—");
	buf_printf(b, "</td></tr>\n<tr><th>成效</th><td>研究解决事项 %lld 件"
	    "（已办结 %lld/%lld）</td></tr>\n", m->dec_total, m->dec_done,
	    m->dec_total);
	if (m->minutes[0]) {
		buf_add(b, "<tr><th>会议纪要</th><td>");
		html_txt(b, m->minutes);
		buf_add(b, "</td></tr>\n");
	}
	buf_printf(b, "</table>\n<h2>出席单位（%zu）</h2>\n", md.np);
	if (md.np == 0)
		buf_add(b, "<p class=\"muted\">尚未登记出席单位。</p>\n");
	else
		buf_add(b, "<ul class=\"people\">\n");
	for (i = 0; i < md.np; i++) {
		buf_add(b, "<li>");
		html_txt(b, md.present[i].name);
		buf_add(b, "</li>\n");
	}
	if (md.np > 0)
		buf_add(b, "</ul>\n");
	if (manage && md.nu > 0) {
		struct cb_choice c[] = { { "unit", md.uo, md.nu } };

		for (i = 0; i < md.nu; i++)
			for (j = 0; j < md.np; j++)
				if (md.uo[i].id == md.present[j].id)
					md.uo[i].on = 1;
		buf_add(b, "<details><summary>登记出席单位</summary>\n");
		cb_form(b, s, url, "units", NULL, 0, units_fields,
		    NELEMS(units_fields), NULL, c, 1, "保存出席单位");
		buf_add(b, "</details>\n");
	}
	buf_add(b, "<h2>议题</h2>\n");
	if (md.ni == 0)
		buf_add(b, "<p class=\"muted\">尚未登记议题。</p>\n");
	else
		buf_add(b, "<ol>\n");
	items[0].id = 0;
	items[0].label = "不关联议题";
	for (i = 0; i < md.ni; i++) {
		buf_add(b, "<li>");
		html_txt(b, md.items[i].title);
		buf_add(b, "</li>\n");
		items[i + 1].id = md.items[i].id;
		items[i + 1].label = md.items[i].title;
	}
	if (md.ni > 0)
		buf_add(b, "</ol>\n");
	if (manage) {
		buf_add(b, "<details><summary>添加议题</summary>\n");
		cb_form(b, s, url, "item", NULL, 0, item_fields,
		    NELEMS(item_fields), k != NULL && k->action == MA_ITEM ?
		    k->v : NULL, NULL, 0, "添加议题");
		buf_add(b, "</details>\n");
	}
	buf_add(b, "<h2>议定事项</h2>\n");
	if (md.nd == 0)
		buf_add(b, "<p class=\"muted\">尚未登记议定事项。</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < md.nd; i++)
		decision_li(b, s, &md.d[i], manage ? url : NULL, 0, k);
	if (md.nd > 0)
		buf_add(b, "</ul>\n");
	if (manage) {
		struct cb_choice c[] = { { "owner", owners, md.nu + 1 },
		    { "item", items, md.ni + 1 } };

		owners[0].id = 0;
		owners[0].label = "本社区（街道）";
		for (i = 0; i < md.nu; i++)
			owners[i + 1] = md.uo[i];
		buf_add(b, "<h3>添加议定事项</h3>\n");
		cb_form(b, s, url, "decision", NULL, 0, decision_fields,
		    NELEMS(decision_fields), k != NULL && k->action ==
		    MA_DECISION ? k->v : NULL, c, 2, "添加议定事项");
	}
	html_end(r);
out:
	free(owners);
	free(items);
	meeting_data_free(&md);
}

/* GET /cobuild/meetings/{id} */
void
page_cb_meeting(struct req *r)
{
	struct staff	 s;
	struct db_meeting *m;
	const struct vvalue *d = &r->v[MP_DONE];

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if (meeting_open(r, &s, m) == 0)
		meeting_page(r, &s, m, d->present && d->error == NULL ?
		    ma_msg[d->i] : NULL, 0, NULL);
	free(m);
}

/* Check and run action a on meeting m: a db_rc; *why set for a 400. */
static int
meeting_act(struct req *r, const struct staff *s, const struct db_meeting *m,
    int a, const char **why)
{
	const struct vvalue *v = r->av;
	struct db_cb_unit *units = NULL;
	struct db_meeting_item *items = NULL;
	struct db_decision *d = NULL;
	struct cb_opt	*uo;
	struct vvalue	 one;
	int		 picked[CB_MAX_ROWS], rc = DB_OK;
	size_t		 nu = 0, ni = 0, n = 0, pos = 0, i;
	time_t		 now = time(NULL);

	*why = NULL;
	if (a == MA_ITEM)
		return db_meeting_item_add(r->db, &s->u, m, v[0].s, r->addr,
		    now);
	if (a == MA_DONE) {
		if ((d = calloc(1, sizeof(*d))) == NULL)
			return DB_ERROR;
		rc = db_decision_get(r->db, (int)v[DD_DECISION].i, d);
		if (rc == DB_OK && d->meeting_id != m->id)
			rc = DB_NOTFOUND;
		if (rc == DB_OK)
			rc = db_decision_done(r->db, &s->u, d,
			    v[DD_VERSION].i, v[DD_NOTE].s, r->addr, now);
		free(d);
		return rc;
	}
	/* units and decisions: units of the meeting's region only */
	if ((uo = cb_unit_opts(r, m->region_id, &units, &nu)) == NULL)
		return DB_ERROR;
	free(units);
	if (a == MA_UNITS) {
		while (n < CB_MAX_ROWS &&
		    valid_next(r, &units_fields[0], &pos, &one) == 0) {
			if (!cb_opt_has(uo, nu, one.i))
				*why = "所选单位未与该社区共建。";
			for (i = 0; i < n; i++)
				if (picked[i] == (int)one.i)
					*why = "同一单位只能勾选一次。";
			picked[n++] = (int)one.i;
		}
		if (*why == NULL)
			rc = db_meeting_set_units(r->db, &s->u, m, picked, n,
			    r->addr, now);
		free(uo);
		return rc;
	}
	if (v[MD_OWNER].i != 0 && !cb_opt_has(uo, nu, v[MD_OWNER].i))
		*why = "责任方须为本社区或与本社区共建的单位。";
	free(uo);
	if (*why == NULL && v[MD_ITEM].present && v[MD_ITEM].i != 0) {
		if ((items = calloc(MAX_ITEMS, sizeof(*items))) == NULL)
			return DB_ERROR;
		rc = db_meeting_items(r->db, m->id, items, MAX_ITEMS, &ni);
		for (i = 0; rc == DB_OK && i < ni &&
		    items[i].id != (int)v[MD_ITEM].i; i++)
			continue;
		if (rc == DB_OK && i == ni)
			*why = "所选议题不属于本次会议。";
		free(items);
	}
	if (rc == DB_OK && *why == NULL)
		rc = db_decision_add(r->db, &s->u, m, v[MD_ITEM].present ?
		    (int)v[MD_ITEM].i : 0, v[MD_TEXT].s, (int)v[MD_OWNER].i,
		    v[MD_DUE].s, r->addr, now);
	return rc;
}

/*
 * POST /cobuild/meetings/{id}: units present, an agenda item, a decision,
 * a decision done.  400 for a bad form (nothing stored), 404 outside the
 * scope, 409 for a decision changed meanwhile, 303 when saved.
 */
void
page_cb_meeting_post(struct req *r)
{
	struct staff	 s;
	struct db_meeting *m;
	struct cb_keep	 k = { r->action, r->av, 0 };
	const char	*why = NULL;
	char		 url[80];
	int		 rc;

	if (auth_require(r, CB_MANAGERS, &s) == -1)
		return;
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if (meeting_open(r, &s, m) == -1)
		goto out;
	if (r->action == MA_DONE && r->av[0].error == NULL)
		k.id = r->av[0].i;
	if (r->action < 0)
		why = "未知的操作。";
	else if (r->nabad > 0)
		why = valid_first_error(r->av, meeting_actions[r->action].
		    nfields);
	if (why == NULL) {
		rc = meeting_act(r, &s, m, r->action, &why);
		if (rc == DB_ERROR && r->body.len > 0)
			goto out;	/* answered already */
	} else
		rc = DB_OK;
	if (why != NULL) {
		r->status = 400;
		meeting_page(r, &s, m, why, 1, r->action < 0 ? NULL : &k);
	} else if (rc == DB_OK) {
		snprintf(url, sizeof(url), "/cobuild/meetings/%d?done=%s",
		    m->id, ma_codes[r->action]);
		cb_redirect(r, url);
	} else if (rc == DB_CONFLICT) {
		if ((rc = db_meeting_get(r->db, m->id, m)) != DB_OK) {
			http_db_error(r, rc);
			goto out;
		}
		r->status = 409;
		meeting_page(r, &s, m, "该议定事项已变化（已办结），未作修改。"
		    "以下是最新状态。", 1, &k);
	} else if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
out:
	free(m);
}

/* GET and POST /unit/decisions */
enum { UD_DONE, UD__MAX };
static const char *const ud_done[] = { "done" };
static const struct vfield unit_decisions_fields[UD__MAX] = {
	{ "done", "已保存", V_ENUM, false, 0, 1, ud_done },	/* UD_DONE */
};
static const struct vaction unit_decisions_actions[] = {
	{ "done", done_fields, NELEMS(done_fields) },
};

static void
unit_decisions_page(struct req *r, const struct staff *s, const char *msg,
    int bad, const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_decision *d;
	size_t		 n = 0, i;
	int		 rc;

	if ((d = calloc(MAX_DECISIONS, sizeof(*d))) == NULL ||
	    (rc = db_decisions_of_unit(r->db, s->u.unit_id, d, MAX_DECISIONS,
	    &n)) != DB_OK) {
		free(d);
		http_db_error(r, d == NULL ? DB_ERROR : rc);
		return;
	}
	unit_begin(r, s, "议定事项");
	buf_add(b, "<h1>议定事项</h1>\n<p class=\"muted\">联席会议议定、由本"
	    "单位负责的事项，办理中的在前，逾期的最先。</p>\n");
	html_notice(b, msg, bad);
	if (k != NULL && bad)
		cb_typed(b, k->v, NELEMS(done_fields));
	if (n == 0)
		buf_add(b, "<p class=\"muted\">暂无由本单位负责的议定事项。"
		    "</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < n; i++)
		decision_li(b, s, &d[i], "/unit/decisions", 0, k);
	if (n > 0)
		buf_add(b, "</ul>\n");
	html_end(r);
	free(d);
}

/* GET /unit/decisions */
void
page_unit_decisions(struct req *r)
{
	struct staff	 s;

	if (cb_unit_require(r, &s) == -1)
		return;
	unit_decisions_page(r, &s, r->v[UD_DONE].present &&
	    r->v[UD_DONE].error == NULL ? "议定事项已办结。" : NULL, 0, NULL);
}

/*
 * POST /unit/decisions: the owner unit marks its decision done.  400 for
 * a bad form, 404 for a decision of another owner, 409 when it changed,
 * 303 when saved.
 */
void
page_unit_decisions_post(struct req *r)
{
	struct staff	 s;
	struct db_decision *d;
	struct cb_keep	 k = { MA_DONE, r->av, 0 };
	int		 rc;

	if (cb_unit_require(r, &s) == -1)
		return;
	if (r->av[DD_DECISION].error == NULL)
		k.id = r->av[DD_DECISION].i;
	if (r->action < 0 || r->nabad > 0) {
		r->status = 400;
		unit_decisions_page(r, &s, r->action < 0 ? "未知的操作。" :
		    valid_first_error(r->av, NELEMS(done_fields)), 1,
		    r->action < 0 ? NULL : &k);
		return;
	}
	if ((d = calloc(1, sizeof(*d))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	rc = db_decision_get(r->db, (int)r->av[DD_DECISION].i, d);
	if (rc == DB_OK && d->owner_unit_id != s.u.unit_id)
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		rc = db_decision_done(r->db, &s.u, d, r->av[DD_VERSION].i,
		    r->av[DD_NOTE].s, r->addr, time(NULL));
	if (rc == DB_OK)
		cb_redirect(r, "/unit/decisions?done=done");
	else if (rc == DB_CONFLICT) {
		r->status = 409;
		unit_decisions_page(r, &s, "该议定事项已变化（已办结），未作"
		    "修改。以下是最新状态。", 1, &k);
	} else if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
	free(d);
}

VFORM(form_cb_meetings, meetings_fields);
VFORM_ACTIONS(form_cb_meetings_post, meetings_fields, meetings_actions);
VFORM(form_cb_meeting, meeting_fields);
VFORM_ACTIONS(form_cb_meeting_post, meeting_fields, meeting_actions);
VFORM(form_unit_decisions, unit_decisions_fields);
VFORM_ACTIONS(form_unit_decisions_post, unit_decisions_fields,
    unit_decisions_actions);
