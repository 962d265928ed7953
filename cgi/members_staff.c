/*
 * Party members' pages for staff: the communities in scope
 * (/staff/members) and one page per community (/staff/members/{id}[/
 * {section}]) with its sections: the overview and the points ranking
 * here, the roster and the reports in cgi/members_roster.c, the service
 * menu and the activities in cgi/members_service.c.  Every change is a
 * POST to /staff/members/{id} with an action, dispatched through the
 * action table below.  A community outside the user's scope answers 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "html.h"
#include "members.h"
#include "route.h"
#include "staff.h"

#define MAX_COMMUNITIES	2000

/* "reported / all（rate）", or "—" for an empty denominator. */
static void
rate(struct buf *b, long long num, long long den)
{
	if (den == 0)
		buf_add(b, "—");
	else
		buf_printf(b, "%lld / %lld（%.1f%%）", num, den,
		    100.0 * (double)num / (double)den);
}

/* Overview: the figures of the community, and where to find what. */
static int
show_overview(struct members_view *v)
{
	struct db_scope	 sc = { 3, { 0, 0, v->reg->id, 0 } };
	struct db_mcommunity c;
	struct buf	*b = &v->r->body;
	size_t		 n;
	int		 rc;

	if ((rc = db_member_communities(v->r->db, &sc, v->now, &c, 1, &n)) !=
	    DB_OK)
		return rc;
	if (n != 1)
		return DB_NOTFOUND;
	buf_printf(b, "<table class=\"details card\" id=\"overview\">\n"
	    "<tr><th>名册人数</th><td id=\"ov-members\">%lld</td></tr>\n"
	    "<tr><th>报到有效</th><td id=\"ov-reported\">%lld</td></tr>\n"
	    "<tr><th>在职党员报到率</th><td id=\"ov-rate\">", c.members,
	    c.reported);
	rate(b, c.in_service_reported, c.in_service);
	buf_printf(b, "</td></tr>\n<tr><th>待确认报到</th><td id=\"ov-pending\">"
	    "<a href=\"/staff/members/%d/reports\">%lld</a></td></tr>\n"
	    "</table>\n<ul>\n<li><a href=\"/staff/members/%d/roster\">党员名册"
	    "</a>：添加、导入，生成验证码</li>\n<li><a href=\"/staff/members/"
	    "%d/reports\">待确认的报到</a>：确认或不予确认</li>\n<li><a href=\""
	    "/staff/members/%d/menu\">服务菜单</a>：发布、修改、撤下项目，认领"
	    "情况</li>\n<li><a href=\"/staff/members/%d/activities\">活动与参与"
	    "记录</a></li>\n<li><a href=\"/staff/members/%d/ranking\">积分排行"
	    "</a></li>\n</ul>\n", v->reg->id, c.pending, v->reg->id,
	    v->reg->id, v->reg->id, v->reg->id, v->reg->id);
	return DB_OK;
}

static int
show_ranking(struct members_view *v)
{
	struct db_member *m;
	struct buf	*b = &v->r->body;
	struct db_points pr = DB_POINTS_OF(v->r->cfg);
	size_t		 n, i;
	int		 rc;

	if ((rc = members_roster_load(v, 1, &m, &n)) != DB_OK)
		return rc;
	buf_printf(b, "<p class=\"muted\">积分 = 志愿服务时长 × %d + 完成的认领"
	    "项目 × %d + 实现的微心愿（经社区确认）× %d</p>\n<table class=\""
	    "queue\" id=\"ranking-table\"><thead><tr><th>名次</th><th>姓名</th>"
	    "<th>时长</th><th>完成认领</th><th>微心愿</th><th>积分</th></tr>"
	    "</thead><tbody>\n", pr.per_hour, pr.per_claim, pr.per_wish);
	for (i = 0; i < n; i++) {
		buf_printf(b, "<tr><td>%zu</td><td>", i + 1);
		html_txt(b, m[i].name);
		buf_add(b, "</td><td>");
		members_tenths(b, m[i].hours_tenths);
		buf_printf(b, "</td><td>%lld</td><td>%lld</td><td class=\""
		    "points\">", m[i].completed, m[i].wishes);
		members_tenths(b, db_points_tenths(&m[i], &pr));
		buf_add(b, "</td></tr>\n");
	}
	buf_add(b, "</tbody></table>\n");
	free(m);
	return DB_OK;
}

enum msec { MS_OVERVIEW, MS_ROSTER, MS_REPORTS, MS_MENU, MS_ACTIVITIES,
	MS_RANKING, MS__MAX };

/* The sections' slugs: /staff/members/{id}[/{slug}]. */
static const char *const msec_slugs[MS__MAX] = {
	"",		/* MS_OVERVIEW */
	"roster",	/* MS_ROSTER */
	"reports",	/* MS_REPORTS */
	"menu",		/* MS_MENU */
	"activities",	/* MS_ACTIVITIES */
	"ranking",	/* MS_RANKING */
};

/* The sections of a community's page: title, and what shows it. */
static const struct {
	const char	*title;
	int		(*show)(struct members_view *);	/* a db_rc */
} sections[MS__MAX] = {
	{ "概况", show_overview },			/* MS_OVERVIEW */
	{ "党员名册", members_show_roster },		/* MS_ROSTER */
	{ "待确认的报到", members_show_reports },	/* MS_REPORTS */
	{ "服务菜单", members_show_menu },		/* MS_MENU */
	{ "活动与参与记录", members_show_activities },	/* MS_ACTIVITIES */
	{ "积分排行", show_ranking },			/* MS_RANKING */
};

/*
 * The actions of POST /staff/members/{community}, one row each: its slot;
 * its name (the form's "action", the redirect's "done=", the audit log's
 * "member_NAME"); the fields it takes (the first n of the table); what it
 * does (a db_rc); the section shown after it; and what that section says
 * when it is done (NULL: the action's own message, shown at once).  One
 * list, expanded into the tables below, so that each name is spelled
 * once: the action table and the codes of "done=" cannot disagree.
 */
#define MEMBER_ACTIONS(X) \
	X(MA_ADD, "add", members_add_fields, AF__MAX, members_act_add, \
	    MS_ROSTER, "已添加到党员名册。") \
	X(MA_IMPORT, "import", members_import_fields, IMF__MAX, \
	    members_act_import, MS_ROSTER, "名册已导入。") \
	X(MA_CONFIRM, "confirm", members_decide_fields, DF__MAX, \
	    members_act_confirm, MS_REPORTS, "已确认报到。") \
	X(MA_REJECT, "reject", members_decide_fields, DF__MAX, \
	    members_act_reject, MS_REPORTS, "已不予确认。") \
	X(MA_CODE, "code", members_code_fields, CF__MAX, members_act_code, \
	    MS_ROSTER, NULL) \
	X(MA_ITEM, "item", members_item_fields, IF_ITEM, members_act_item, \
	    MS_MENU, "服务项目已发布。") \
	X(MA_ITEM_EDIT, "item_edit", members_item_fields, IF__MAX, \
	    members_act_item_edit, MS_MENU, "服务项目已修改。") \
	X(MA_ITEM_WITHDRAW, "item_withdraw", members_withdraw_fields, \
	    WF__MAX, members_act_item_withdraw, MS_MENU, "服务项目已撤下，" \
	    "未完成的认领已一并取消。") \
	X(MA_COMPLETE, "complete", members_complete_fields, KF__MAX, \
	    members_act_complete, MS_MENU, "已标记完成。") \
	X(MA_ACTIVITY, "activity", members_activity_fields, VF__MAX, \
	    members_act_activity, MS_ACTIVITIES, "活动已创建。") \
	X(MA_PARTICIPATION, "participation", members_part_fields, PF__MAX, \
	    members_act_participation, MS_ACTIVITIES, "参与记录已保存。") \
	X(MA_FIND, "find", members_find_fields, MFF__MAX, members_act_find, \
	    MS_ACTIVITIES, NULL) \
	X(MA_PHONES, "phones", members_phones_fields, HF__MAX, \
	    members_act_phones, MS_ACTIVITIES, NULL)

#define MA_SLOT(slot, name, f, n, fn, sec, done)	slot,
#define MA_NAME(slot, name, f, n, fn, sec, done)	[slot] = name,
#define MA_VACTION(slot, name, f, n, fn, sec, done)	[slot] = { name, f, n },
#define MA_DO(slot, name, f, n, fn, sec, done)	[slot] = { fn, sec, done },

enum mact { MEMBER_ACTIONS(MA_SLOT) MA__MAX };

/* The actions' names: the codes of "done=". */
static const char *const mact_names[MA__MAX] = { MEMBER_ACTIONS(MA_NAME) };

/* What the dispatcher validates for each action (r->action, r->av). */
static const struct vaction mactions[MA__MAX] = {
	MEMBER_ACTIONS(MA_VACTION)
};

static const struct {
	int		(*fn)(struct members_act *);
	enum msec	 sec;
	const char	*done;
} mdo[MA__MAX] = { MEMBER_ACTIONS(MA_DO) };	/* what each does */

/*
 * What the community's page takes: its id, the action just done (after
 * a redirect), the section and the page of its list.  The overview takes
 * the first two, a section all four, the POST the id and an action.
 */
enum { MV_COMMUNITY, MV_DONE, MV_SECTION, MV_PAGE, MV_ACTIVITY, MV__MAX };
static const struct vfield page_fields[MV__MAX] = {
	{ "*0", "社区", V_ID, true },				/* MV_COMMUNITY */
	{ "done", "已完成的操作", V_ENUM, false, 0, MA__MAX,
	    mact_names },					/* MV_DONE */
	{ "*1", "栏目", V_ENUM, true, 0, MS__MAX, msec_slugs },	/* MV_SECTION */
	{ "page", "页码", V_INT, false, 1, 100000 },		/* MV_PAGE */
	{ "activity", "活动", V_ID, false },			/* MV_ACTIVITY */
};

/* The community of the URL, if it lies in the user's scope; else 404. */
static int
community_in_scope(struct req *r, const struct staff *s,
    struct db_region *reg)
{
	if (r->v[MV_COMMUNITY].error != NULL) {
		staff_not_found(r);
		return -1;
	}
	return staff_region(r, s, r->v[MV_COMMUNITY].i, 3, reg);
}

/* Section sec of the community's page (page pg of its list), with a
 * message at the top. */
static void
community_page(struct req *r, const struct staff *s,
    const struct db_region *reg, enum msec sec, long long pg,
    const char *msg, int bad, const char *csv, int activity,
    const char *find)
{
	struct members_view v = { r, s, reg, time(NULL), csv, pg, activity,
	    find };
	struct buf	*b = &r->body;
	size_t		 i;
	int		 rc;

	staff_begin(r, s, sections[sec].title);
	buf_add(b, "<h1>");
	html_txt(b, reg->name);
	buf_printf(b, " · 党员报到与服务 · %s</h1>\n<nav class=\"staffnav\" "
	    "id=\"members-nav\">", sections[sec].title);
	if (s->u.scope.level < 3)
		buf_add(b, "<a href=\"/staff/members\">全部社区</a> ");
	for (i = 0; i < MS__MAX; i++)
		if (i == (size_t)sec)
			buf_printf(b, "<strong>%s</strong> ",
			    sections[i].title);
		else
			buf_printf(b, "<a href=\"/staff/members/%d%s%s\">"
			    "%s</a> ", reg->id, *msec_slugs[i] ? "/" : "",
			    msec_slugs[i], sections[i].title);
	buf_add(b, "</nav>\n");
	html_notice(b, msg, bad);
	if ((rc = sections[sec].show(&v)) != DB_OK) {
		buf_reset(b);
		http_db_error(r, rc);
		return;
	}
	html_end(r);
}

/* GET /staff/members: the communities in scope, with their figures. */
void
page_staff_members_list(struct req *r)
{
	struct staff	 s;
	struct db_mcommunity *c, t = { 0 };
	struct buf	*b = &r->body;
	size_t		 n, i;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if (s.u.scope.level > 3) {	/* a grid worker has no community */
		staff_not_found(r);
		return;
	}
	if ((c = calloc(MAX_COMMUNITIES, sizeof(*c))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = db_member_communities(r->db, &s.u.scope, time(NULL), c,
	    MAX_COMMUNITIES, &n)) != DB_OK) {
		free(c);
		http_db_error(r, rc);
		return;
	}
	staff_begin(r, &s, "党员报到与服务");
	buf_add(b, "<h1>党员报到与服务 · ");
	html_txt(b, s.u.region_name);
	buf_add(b, "</h1>\n<table class=\"queue\" id=\"communities\"><thead>"
	    "<tr><th>街道</th><th>社区</th><th>名册人数</th><th>报到有效</th>"
	    "<th>在职党员报到率</th><th>待确认报到</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<tr id=\"community-%d\"><td>", c[i].id);
		html_txt(b, c[i].street);
		buf_printf(b, "</td><td><a href=\"/staff/members/%d\">",
		    c[i].id);
		html_txt(b, c[i].name);
		buf_printf(b, "</a></td><td class=\"members\">%lld</td><td "
		    "class=\"reported\">%lld</td><td class=\"rate\">",
		    c[i].members, c[i].reported);
		rate(b, c[i].in_service_reported, c[i].in_service);
		buf_printf(b, "</td><td class=\"pending\"><a href=\"/staff/"
		    "members/%d/reports\">%lld</a></td></tr>\n", c[i].id,
		    c[i].pending);
		t.members += c[i].members;
		t.reported += c[i].reported;
		t.in_service += c[i].in_service;
		t.in_service_reported += c[i].in_service_reported;
		t.pending += c[i].pending;
	}
	buf_printf(b, "</tbody><tfoot><tr id=\"total\"><th colspan=\"2\">合计 "
	    "%zu 个社区</th><td class=\"members\">%lld</td><td class=\""
	    "reported\">%lld</td><td class=\"rate\">", n, t.members,
	    t.reported);
	rate(b, t.in_service_reported, t.in_service);
	buf_printf(b, "</td><td class=\"pending\">%lld</td></tr></tfoot>"
	    "</table>\n<p class=\"muted\">报到有效：报到在有效期内（%d 天）的"
	    "党员。</p>\n", t.pending, r->cfg->report_valid_days);
	html_end(r);
	free(c);
}

/*
 * GET /staff/members/{community}[/{section}], saying what the action of
 * "done=" did (an action with a message of its own, or none known:
 * "已保存。").
 */
static void
section_get(struct req *r, enum msec sec)
{
	const struct vvalue *done = &r->v[MV_DONE];
	struct staff	 s;
	struct db_region reg;
	const char	*msg = NULL;

	if (auth_require(r, ROLES_STAFF, &s) == -1 ||
	    community_in_scope(r, &s, &reg) == -1)
		return;
	if (done->s != NULL)
		msg = done->present && done->error == NULL &&
		    mdo[done->i].done != NULL ? mdo[done->i].done : "已保存。";
	community_page(r, &s, &reg, sec, sec != MS_OVERVIEW &&
	    r->v[MV_PAGE].present && r->v[MV_PAGE].error == NULL ?
	    r->v[MV_PAGE].i : 1, msg, 0, NULL, sec == MS_ACTIVITIES &&
	    r->v[MV_ACTIVITY].present && r->v[MV_ACTIVITY].error == NULL ?
	    (int)r->v[MV_ACTIVITY].i : 0, NULL);
}

/* GET /staff/members/{community}: the overview. */
void
page_staff_members(struct req *r)
{
	section_get(r, MS_OVERVIEW);
}

/* GET /staff/members/{community}/{section}; an unknown section: 404. */
void
page_staff_members_section(struct req *r)
{
	if (r->v[MV_SECTION].error != NULL)
		staff_not_found(r);
	else
		section_get(r, (enum msec)r->v[MV_SECTION].i);
}

/*
 * POST /staff/members/{community}: one action.  303 to its section when
 * saved, 200 with the one-time code, 400 for an unknown action or a bad
 * form (nothing stored), 404 for an item not on the community's menu,
 * 409 when the change is not possible now.  Every change is audited.
 */
void
page_staff_members_post(struct req *r)
{
	struct staff	 s;
	struct db_region reg;
	struct members_act *a;
	const char	*name;
	char		 loc[128], audit[40];
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1 ||
	    community_in_scope(r, &s, &reg) == -1)
		return;
	if (r->action < 0) {
		r->status = 400;
		community_page(r, &s, &reg, MS_OVERVIEW, 1, "未知的操作。", 1,
		    NULL, 0, NULL);
		return;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	a->r = r;
	a->s = &s;
	a->reg = &reg;
	name = mact_names[r->action];
	if ((rc = mdo[r->action].fn(a)) == DB_NOTFOUND)
		staff_not_found(r);
	else if (rc != DB_OK)
		http_db_error(r, rc);
	else if (a->status != 0) {
		r->status = a->status;
		community_page(r, &s, &reg, mdo[r->action].sec, 1, a->msg, 1,
		    r->action == MA_IMPORT ? r->av[IMF_CSV].s : NULL,
		    a->activity, a->find);
	} else {
		snprintf(audit, sizeof(audit), "member_%s", name);
		auth_audit(r, &s, audit, a->object, a->detail);
		if (a->msg[0] != '\0')
			community_page(r, &s, &reg, mdo[r->action].sec, 1, a->msg,
			    0, NULL, a->activity, a->find);
		else if (a->activity) {
			/* Back to the activity's own page. */
			snprintf(loc, sizeof(loc), "/staff/members/%d/%s?"
			    "activity=%d&done=%s", reg.id,
			    msec_slugs[mdo[r->action].sec], a->activity, name);
			r->status = 303;
			http_header(r, "Location", loc);
		} else {
			snprintf(loc, sizeof(loc), "/staff/members/%d/%s?done="
			    "%s", reg.id, msec_slugs[mdo[r->action].sec],
			    name);
			r->status = 303;
			http_header(r, "Location", loc);
		}
	}
	free(a);
}

/* The routes' tables (see page_fields). */
const struct vform form_staff_members = { page_fields, MV_SECTION, NULL, 0 };
VFORM(form_staff_members_section, page_fields);
const struct vform form_staff_members_post = { page_fields, MV_DONE,
	mactions, MA__MAX };
VFORM_NONE(form_staff_members_list);		/* takes nothing */
