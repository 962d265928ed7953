/*
 * Party members' pages.  Staff: one page per community (/staff/members/
 * {community}) with the roster, roster import, pending reports, one-time
 * codes, the service menu and its claims, activities with bulk
 * participation, and the points ranking; every change is a POST there
 * with an action.  A community outside the user's scope answers 404.
 * Public: the report form (/report), a community's menu (/menu/{id}) and
 * members' self-service (/member) after a phone and one-time code.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "csvin.h"
#include "figures.h"
#include "html.h"
#include "names.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define MAX_MEMBERS	2000
#define MAX_ROWS	500
#define MAX_REGIONS	2048
#define MAX_COMMUNITIES	2000
#define MAX_CATEGORIES	64
#define MEMBER_COOKIE	"lx_member"

/* Points in tenths as "12.5" or "12". */
static void
tenths(struct buf *b, long long t)
{
	if (t % 10 == 0)
		buf_printf(b, "%lld", t / 10);
	else
		buf_printf(b, "%lld.%lld", t / 10, llabs(t % 10));
}

/* Today's local date (YYYY-MM-DD). */
static void
today(char d[DB_DATE_LEN + 1])
{
	db_day_format(fig_today(time(NULL)), d);
}

/* A date YYYY-MM-DD that exists: 0 or -1. */
static int
date_ok(const char *s)
{
	struct tm tm;
	char	 back[DB_DATE_LEN + 1];
	char	*end;

	if (s == NULL || strlen(s) != DB_DATE_LEN)
		return -1;
	memset(&tm, 0, sizeof(tm));
	if ((end = strptime(s, "%Y-%m-%d", &tm)) == NULL || *end != '\0')
		return -1;
	tm.tm_isdst = -1;
	if (mktime(&tm) == -1)
		return -1;
	strftime(back, sizeof(back), "%Y-%m-%d", &tm);
	return strcmp(back, s) == 0 ? 0 : -1;
}

/* Hours in tenths from V_DECIMAL millionths: 0 or -1. */
static int
hours_tenths(long long millionths, long long *t)
{
	if (millionths <= 0 || millionths % 100000 != 0)
		return -1;
	*t = millionths / 100000;
	return 0;
}

/* ==== staff ============================================================ */

/* The community of the URL, if it lies in the user's scope; else 404. */
static int
community_in_scope(struct req *r, const struct staff *s,
    struct db_region *reg)
{
	long long	 id;

	if (valid_int(r->args[0], 1, INT_MAX, &id) == -1) {
		staff_not_found(r);
		return -1;
	}
	return staff_region(r, s, id, 3, reg);
}

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

/* What a claim's state means, in Chinese (NAME_OF). */
static const char *const claim_labels[][2] = {
	{ "open", "已认领" }, { "completed", "已完成" },
	{ "withdrawn", "已撤回" }, { "cancelled", "项目已撤下，认领取消" },
};

/* A community's page as staff see it, one section at a time. */
struct view {
	struct req		*r;
	const struct staff	*s;
	const struct db_region	*reg;
	time_t			 now;
	const char		*csv;	/* import text to show again */
};

/* The start of a form posting an action to the community. */
static void
form_start(const struct view *v, const char *cls, const char *action)
{
	struct buf	*b = &v->r->body;

	buf_printf(b, "<form method=\"post\" action=\"/staff/members/%d\" "
	    "class=\"%s\">", v->reg->id, cls);
	auth_csrf_field(b, v->s);
	if (action != NULL)
		buf_printf(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"%s\">", action);
}

/* A roster in memory (MAX_MEMBERS), or ranked by points; a db_rc. */
static int
roster_load(const struct view *v, int by_points, struct db_member **m,
    size_t *n)
{
	int	 rc;

	if ((*m = calloc(MAX_MEMBERS, sizeof(**m))) == NULL)
		return DB_ERROR;
	if ((rc = db_members(v->r->db, v->reg->id, by_points,
	    v->r->cfg->points_per_hour, v->r->cfg->points_per_claim, *m,
	    MAX_MEMBERS, n)) != DB_OK) {
		free(*m);
		*m = NULL;
	}
	return rc;
}

/* Overview: the figures of the community, and where to find what. */
static int
show_overview(struct view *v)
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
show_roster(struct view *v)
{
	struct db_member *m;
	struct buf	*b = &v->r->body;
	size_t		 n, i;
	int		 t, rc;

	if ((rc = roster_load(v, 0, &m, &n)) != DB_OK)
		return rc;
	buf_add(b, "<table class=\"queue\" id=\"roster\"><thead><tr><th>姓名</th>"
	    "<th>手机号</th><th>类型</th><th>工作单位</th><th>愿意参与的服务"
	    "</th><th>报到</th><th>操作</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<tr id=\"member-%d\"><td>", m[i].id);
		html_txt(b, m[i].name);
		buf_add(b, "</td><td>");
		html_txt(b, m[i].phone);
		buf_add(b, "</td><td>");
		html_txt(b, db_mtype_labels[m[i].type]);
		buf_add(b, "</td><td>");
		html_txt(b, m[i].employer);
		buf_add(b, "</td><td class=\"preferred\">");
		html_txt(b, m[i].preferred_names);
		buf_add(b, "</td><td>");
		if (db_member_reported(&m[i], v->now)) {
			buf_add(b, "已报到，有效期至 ");
			html_time(b, m[i].report_expires_at);
		} else
			buf_add(b, m[i].reported_at ? "报到已过期" : "未报到");
		buf_add(b, "</td><td>");
		form_start(v, "inline", "code");
		buf_printf(b, "<input type=\"hidden\" name=\"member\" "
		    "value=\"%d\"><button type=\"submit\">生成验证码</button>"
		    "</form></td></tr>\n", m[i].id);
	}
	buf_add(b, "</tbody></table>\n");
	free(m);
	form_start(v, "card", "add");
	buf_add(b, "<h3>添加党员</h3><label>姓名</label><input name=\"name\" "
	    "maxlength=\"64\" required><label>手机号</label><input name=\"phone\""
	    " maxlength=\"11\" required><label>类型</label><select name=\"type\">");
	for (t = 0; t < DB_MT__MAX; t++)
		buf_printf(b, "<option value=\"%s\">%s</option>",
		    db_mtype_names[t], db_mtype_labels[t]);
	buf_add(b, "</select><label>工作单位</label><input name=\"employer\" "
	    "maxlength=\"128\"><button class=\"button\" type=\"submit\">添加"
	    "</button></form>\n");
	form_start(v, "card", "import");
	buf_add(b, "<h3>导入名册（CSV）</h3><p class=\"muted\">UTF-8 CSV，第一行"
	    "为表头：姓名,手机号,类型,工作单位；类型为 在职/离退休/流动/居民。"
	    "有任何一行出错时不导入任何数据。</p><textarea name=\"csv\" "
	    "rows=\"8\" required>");
	html_txt(b, v->csv ? v->csv : "");
	buf_add(b, "</textarea><button class=\"button\" type=\"submit\">导入"
	    "</button></form>\n");
	return DB_OK;
}

static int
show_reports(struct view *v)
{
	struct db_report *p;
	struct buf	*b = &v->r->body;
	size_t		 n, i;
	int		 rc;

	if ((p = calloc(MAX_ROWS, sizeof(*p))) == NULL)
		return DB_ERROR;
	if ((rc = db_reports_pending(v->r->db, v->reg->id, p, MAX_ROWS, &n)) !=
	    DB_OK) {
		free(p);
		return rc;
	}
	if (n == 0)
		buf_add(b, "<p class=\"muted\">没有待确认的报到。</p>\n");
	for (i = 0; i < n; i++) {
		form_start(v, "card report", NULL);
		buf_printf(b, "<input type=\"hidden\" name=\"report\" "
		    "value=\"%d\"><p>", p[i].id);
		html_txt(b, p[i].name);
		buf_add(b, " · ");
		html_txt(b, p[i].phone);
		buf_add(b, " · ");
		html_txt(b, db_mtype_labels[p[i].type]);
		buf_add(b, " · ");
		html_txt(b, p[i].employer);
		buf_add(b, "<br><span class=\"muted\">特长：");
		html_txt(b, p[i].skills);
		buf_add(b, "；愿意参与的服务：<span class=\"preferred\">");
		html_txt(b, p[i].preferred_names[0] ? p[i].preferred_names :
		    "未选择");
		buf_add(b, "</span>；提交于 ");
		html_time(b, p[i].submitted_at);
		buf_add(b, "</span></p><button class=\"button\" name=\"action\" "
		    "value=\"confirm\">确认报到</button> <button name=\"action\" "
		    "value=\"reject\">不予确认</button></form>\n");
	}
	free(p);
	return DB_OK;
}

/* The category choice of an item form, sel selected (0: none). */
static void
category_select(struct buf *b, const struct db_category *cats, size_t nc,
    int sel)
{
	size_t	 i;

	buf_add(b, "<label>服务类别</label><select name=\"category\">"
	    "<option value=\"\">（不限）</option>");
	for (i = 0; i < nc; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", cats[i].id,
		    cats[i].id == sel ? " selected" : "");
		html_txt(b, cats[i].name);
		buf_add(b, "</option>");
	}
	buf_add(b, "</select>");
}

/* The fields of an item form, filled from it when not NULL. */
static void
item_inputs(struct buf *b, const struct db_item *it,
    const struct db_category *cats, size_t nc)
{
	buf_add(b, "<label>名称</label><input name=\"name\" maxlength=\"100\" "
	    "required value=\"");
	html_attr(b, it ? it->name : "");
	buf_add(b, "\"><label>说明</label><textarea name=\"description\" "
	    "maxlength=\"1000\" rows=\"2\">");
	html_txt(b, it ? it->description : "");
	buf_add(b, "</textarea>");
	category_select(b, cats, nc, it ? it->category_id : 0);
	buf_printf(b, "<label>名额</label><input name=\"capacity\" "
	    "inputmode=\"numeric\" required value=\"%.0d\"><label>开始日期"
	    "</label><input name=\"starts\" type=\"date\" required value=\"%s\">"
	    "<label>结束日期</label><input name=\"ends\" type=\"date\" required "
	    "value=\"%s\">", it ? it->capacity : 0, it ? it->starts_on : "",
	    it ? it->ends_on : "");
}

/* One item of the menu, with its edit and withdraw forms. */
static void
item_row(struct view *v, const struct db_item *it,
    const struct db_category *cats, size_t nc)
{
	struct buf	*b = &v->r->body;

	buf_printf(b, "<tr id=\"item-%d\"%s><td>", it->id,
	    it->withdrawn_at ? " class=\"muted\"" : "");
	html_txt(b, it->name);
	buf_add(b, "<br><span class=\"muted\">");
	html_txt(b, it->description);
	buf_add(b, "</span></td><td>");
	html_txt(b, it->category[0] ? it->category : "—");
	buf_printf(b, "</td><td>%s 至 %s</td><td>%d / %d</td><td>",
	    it->starts_on, it->ends_on, it->claimed, it->capacity);
	if (it->withdrawn_at) {
		buf_add(b, "已撤下 ");
		html_time(b, it->withdrawn_at);
		buf_add(b, "</td></tr>\n");
		return;
	}
	buf_add(b, "<details><summary>修改</summary>");
	form_start(v, "card", "item_edit");
	buf_printf(b, "<input type=\"hidden\" name=\"item\" value=\"%d\">",
	    it->id);
	item_inputs(b, it, cats, nc);
	buf_printf(b, "<p class=\"muted\">名额不能少于已认领的 %d 人。</p>"
	    "<button class=\"button\" type=\"submit\">保存修改</button></form>"
	    "</details><details><summary>撤下</summary>", it->claimed);
	form_start(v, "card", "item_withdraw");
	buf_printf(b, "<input type=\"hidden\" name=\"item\" value=\"%d\">"
	    "<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" "
	    "value=\"1\" required> 确认撤下：不再提供该项目，未完成的认领一并"
	    "取消（已完成的保留）</label><button type=\"submit\">撤下</button>"
	    "</form></details></td></tr>\n", it->id);
}

static int
show_menu(struct view *v)
{
	struct db_item	*it = NULL;
	struct db_claim	*c = NULL;
	struct db_category cats[MAX_CATEGORIES];
	struct buf	*b = &v->r->body;
	size_t		 ni, nc, ncat, i;
	int		 rc = DB_ERROR;

	if ((it = calloc(MAX_ROWS, sizeof(*it))) == NULL ||
	    (c = calloc(MAX_ROWS, sizeof(*c))) == NULL)
		goto out;
	if ((rc = db_items(v->r->db, v->reg->id, "", it, MAX_ROWS, &ni)) !=
	    DB_OK || (rc = db_claims(v->r->db, v->reg->id, 0, c, MAX_ROWS,
	    &nc)) != DB_OK || (rc = db_categories(v->r->db, cats,
	    MAX_CATEGORIES, &ncat)) != DB_OK)
		goto out;
	buf_add(b, "<table class=\"queue\" id=\"menu\"><thead><tr><th>项目</th>"
	    "<th>类别</th><th>时间</th><th>认领/名额</th><th>操作</th></tr>"
	    "</thead><tbody>\n");
	for (i = 0; i < ni; i++)
		item_row(v, &it[i], cats, ncat);
	buf_add(b, "</tbody></table>\n");
	form_start(v, "card", "item");
	buf_add(b, "<h3>发布服务项目</h3>");
	item_inputs(b, NULL, cats, ncat);
	buf_add(b, "<button class=\"button\" type=\"submit\">发布</button>"
	    "</form>\n<h3>认领情况</h3>\n<ul id=\"claims\">\n");
	for (i = 0; i < nc; i++) {
		buf_add(b, "<li>");
		html_txt(b, c[i].member);
		buf_add(b, " · ");
		html_txt(b, c[i].item);
		buf_add(b, " · ");
		html_txt(b, NAME_OF(claim_labels, c[i].state));
		if (strcmp(c[i].state, "open") == 0) {
			buf_add(b, " ");
			form_start(v, "inline", NULL);
			buf_printf(b, "<input type=\"hidden\" name=\"claim\" "
			    "value=\"%d\"><button name=\"action\" value=\""
			    "complete\">标记完成</button></form>", c[i].id);
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ul>\n");
out:
	free(it);
	free(c);
	return rc;
}

static int
show_activities(struct view *v)
{
	struct db_activity *a;
	struct db_member *m = NULL;
	struct buf	*b = &v->r->body;
	size_t		 na, nm, i, j;
	int		 k, rc;

	if ((a = calloc(MAX_ROWS, sizeof(*a))) == NULL)
		return DB_ERROR;
	if ((rc = db_activities(v->r->db, v->reg->id, a, MAX_ROWS, &na)) !=
	    DB_OK || (rc = roster_load(v, 0, &m, &nm)) != DB_OK) {
		free(a);
		return rc;
	}
	for (i = 0; i < na; i++) {
		form_start(v, "card", "participation");
		buf_add(b, "<h3>");
		html_txt(b, a[i].title);
		buf_printf(b, "</h3><p class=\"muted\">%s · %s · ",
		    db_akind_labels[a[i].kind], a[i].held_on);
		tenths(b, a[i].hours_tenths);
		buf_printf(b, " 小时 · 已记录 %lld 人</p><input type=\"hidden\" "
		    "name=\"activity\" value=\"%d\">", a[i].participants,
		    a[i].id);
		for (j = 0; j < nm; j++) {
			if (!db_member_reported(&m[j], v->now))
				continue;
			buf_printf(b, "<label class=\"check\"><input type=\""
			    "checkbox\" name=\"m\" value=\"%d\"> ", m[j].id);
			html_txt(b, m[j].name);
			buf_add(b, "</label>");
		}
		buf_add(b, "<label>每人服务时长（小时）</label><input name=\"hours\""
		    " value=\"");
		tenths(b, a[i].hours_tenths);
		buf_add(b, "\"><button class=\"button\" type=\"submit\">记录参与"
		    "</button></form>\n");
	}
	free(a);
	free(m);
	form_start(v, "card", "activity");
	buf_add(b, "<h3>新建活动</h3><label>标题</label><input name=\"title\" "
	    "maxlength=\"100\" required><label>类型</label><select name=\"kind\">");
	for (k = 0; k < DB_AK__MAX; k++)
		buf_printf(b, "<option value=\"%s\">%s</option>",
		    db_akind_names[k], db_akind_labels[k]);
	buf_add(b, "</select><label>日期</label><input name=\"date\" "
	    "type=\"date\" required><label>时长（小时）</label><input "
	    "name=\"hours\" required><button class=\"button\" type=\"submit\">"
	    "创建</button></form>\n");
	return DB_OK;
}

static int
show_ranking(struct view *v)
{
	struct db_member *m;
	struct buf	*b = &v->r->body;
	const struct config *cfg = v->r->cfg;
	size_t		 n, i;
	int		 rc;

	if ((rc = roster_load(v, 1, &m, &n)) != DB_OK)
		return rc;
	buf_printf(b, "<p class=\"muted\">积分 = 志愿服务时长 × %d + 完成的认领"
	    "项目 × %d</p>\n<table class=\"queue\" id=\"ranking-table\"><thead>"
	    "<tr><th>名次</th><th>姓名</th><th>时长</th><th>完成认领</th>"
	    "<th>积分</th></tr></thead><tbody>\n", cfg->points_per_hour,
	    cfg->points_per_claim);
	for (i = 0; i < n; i++) {
		buf_printf(b, "<tr><td>%zu</td><td>", i + 1);
		html_txt(b, m[i].name);
		buf_add(b, "</td><td>");
		tenths(b, m[i].hours_tenths);
		buf_printf(b, "</td><td>%lld</td><td class=\"points\">",
		    m[i].completed);
		tenths(b, db_points_tenths(m[i].hours_tenths, m[i].completed,
		    cfg->points_per_hour, cfg->points_per_claim));
		buf_add(b, "</td></tr>\n");
	}
	buf_add(b, "</tbody></table>\n");
	free(m);
	return DB_OK;
}

enum msec { MS_OVERVIEW, MS_ROSTER, MS_REPORTS, MS_MENU, MS_ACTIVITIES,
	MS_RANKING, MS__MAX };

/* The sections of a community's page: /staff/members/{id}[/{slug}]. */
static const struct {
	const char	*slug;
	const char	*title;
	int		(*show)(struct view *);	/* a db_rc */
} sections[MS__MAX] = {
	{ "", "概况", show_overview },			/* MS_OVERVIEW */
	{ "roster", "党员名册", show_roster },		/* MS_ROSTER */
	{ "reports", "待确认的报到", show_reports },	/* MS_REPORTS */
	{ "menu", "服务菜单", show_menu },		/* MS_MENU */
	{ "activities", "活动与参与记录", show_activities }, /* MS_ACTIVITIES */
	{ "ranking", "积分排行", show_ranking },	/* MS_RANKING */
};

/* Section sec of the community's page, with a message at the top. */
static void
community_page(struct req *r, const struct staff *s,
    const struct db_region *reg, enum msec sec, const char *msg, int bad,
    const char *csv)
{
	struct view	 v = { r, s, reg, time(NULL), csv };
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
			    "%s</a> ", reg->id, *sections[i].slug ? "/" : "",
			    sections[i].slug, sections[i].title);
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

/* What the done= of a redirect after an action says, by action. */
static const char *done_message(const char *);

/* GET /staff/members/{community}[/{section}] */
static void
section_get(struct req *r, enum msec sec)
{
	struct staff	 s;
	struct db_region reg;
	const char	*done = http_query(r, "done");

	if (auth_require(r, ROLES_STAFF, &s) == -1 ||
	    community_in_scope(r, &s, &reg) == -1)
		return;
	community_page(r, &s, &reg, sec, done != NULL ? done_message(done) :
	    NULL, 0, NULL);
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
	size_t	 i;

	for (i = 1; i < MS__MAX; i++)
		if (strcmp(r->args[1], sections[i].slug) == 0) {
			section_get(r, (enum msec)i);
			return;
		}
	staff_not_found(r);
}

/* What one action did: a message for the page, or NULL when saved. */
struct act {
	struct req		*r;
	const struct staff	*s;
	const struct db_region	*reg;
	char			 msg[4096];
	int			 status;	/* 0: saved */
	char			 object[64];	/* for the audit log */
	char			 detail[256];
};

static int
act_bad(struct act *a, int status, const char *msg)
{
	snprintf(a->msg, sizeof(a->msg), "%s", msg);
	a->status = status;
	return DB_OK;
}

enum { AF_NAME, AF_PHONE, AF_TYPE, AF_EMPLOYER, AF__MAX };
static const struct vfield add_fields[AF__MAX] = {
	{ "name", "姓名", V_TEXT, true, 1, 64 },		/* AF_NAME */
	{ "phone", "手机号码", V_PHONE, true, 0, 0 },		/* AF_PHONE */
	{ "type", "类型", V_TOKEN, true, 1, 16 },		/* AF_TYPE */
	{ "employer", "工作单位", V_TEXT, false, 1, 128 },	/* AF_EMPLOYER */
};

static int
act_add(struct act *a)
{
	struct vvalue	 v[AF__MAX];
	int		 t, id, rc;

	if (valid_form(a->r, add_fields, AF__MAX, v) != 0 || (t = flow_lookup(
	    db_mtype_names, DB_MT__MAX, v[AF_TYPE].s)) < 0)
		return act_bad(a, 400, "请填写姓名、11位手机号码并选择类型。");
	rc = db_member_add(a->r->db, a->reg->id, v[AF_NAME].s, v[AF_PHONE].s,
	    (enum db_mtype)t, v[AF_EMPLOYER].present ? v[AF_EMPLOYER].s : "",
	    time(NULL), &id);
	if (rc == DB_CONFLICT)
		return act_bad(a, 409, "该手机号已在党员名册中，不能重复添加。");
	snprintf(a->object, sizeof(a->object), "member:%d", id);
	return rc;
}

static int
act_import(struct act *a)
{
	struct csvin_errors e;
	const char	*csv = http_form(a->r, "csv");
	size_t		 n = 0, i, len;
	int		 rc;

	if (csv == NULL || *csv == '\0')
		return act_bad(a, 400, "请粘贴名册CSV内容。");
	memset(&e, 0, sizeof(e));
	rc = db_roster_import(a->r->db, a->reg->id, csv, strlen(csv),
	    time(NULL), &e, &n);
	if (rc == DB_OK && e.n > 0) {
		len = (size_t)snprintf(a->msg, sizeof(a->msg), "导入未成功，"
		    "未导入任何数据。请修改以下 %zu 处错误后重新导入：", e.n);
		for (i = 0; i < e.n && len < sizeof(a->msg); i++)
			len += (size_t)snprintf(a->msg + len, sizeof(a->msg) -
			    len, e.e[i].line ? "第 %zu 行 %s：%s；" : "%.0zu%s%s；",
			    e.e[i].line, e.e[i].field, e.e[i].reason);
		a->status = 400;
	} else if (rc == DB_OK) {
		snprintf(a->object, sizeof(a->object), "community:%d",
		    a->reg->id);
		snprintf(a->detail, sizeof(a->detail), "imported %zu", n);
	}
	csvin_errors_free(&e);
	return rc;
}

/* The id in form field name, or 0 when there is none. */
static int
form_id(const struct act *a, const char *name)
{
	long long	 id;

	return valid_int(http_form(a->r, name), 1, INT_MAX, &id) == 0 ?
	    (int)id : 0;
}

static int
act_decide(struct act *a, int confirm)
{
	int	 id = form_id(a, "report"), rc;

	if (id == 0)
		return act_bad(a, 400, "请选择报到记录。");
	rc = db_report_decide(a->r->db, id, a->reg->id, confirm,
	    a->s->u.id, time(NULL), a->r->cfg->report_valid_days);
	if (rc == DB_NOTFOUND)
		return act_bad(a, 409, "该报到已处理或不存在。");
	if (rc == DB_CONFLICT)
		return act_bad(a, 409, "该手机号已在其他社区的党员名册中，"
		    "请先与该社区核实。");
	snprintf(a->object, sizeof(a->object), "report:%d", id);
	return rc;
}

static int
act_confirm(struct act *a)
{
	return act_decide(a, 1);
}

static int
act_reject(struct act *a)
{
	return act_decide(a, 0);
}

/* A member of the community named by the form field "member". */
static int
member_from_form(struct act *a, struct db_member *m)
{
	int	 rc = db_member_get(a->r->db, form_id(a, "member"), m);

	return rc == DB_OK && m->community_id != a->reg->id ? DB_NOTFOUND : rc;
}

static int
act_code(struct act *a)
{
	struct db_member m;
	char		 code[DB_MCODE_LEN + 1];
	int		 rc;

	if ((rc = member_from_form(a, &m)) == DB_NOTFOUND)
		return act_bad(a, 400, "请选择本社区的党员。");
	if (rc != DB_OK || (rc = db_member_code(a->r->db, m.id, a->s->u.id,
	    time(NULL) + (time_t)a->r->cfg->code_hours * 3600, code)) !=
	    DB_OK)
		return rc;
	snprintf(a->object, sizeof(a->object), "member:%d", m.id);
	/* Shown once, to give to the member; not a failure. */
	snprintf(a->msg, sizeof(a->msg), "%s 的一次性验证码：%s（%d小时内有效，"
	    "使用一次后失效）", m.name, code, a->r->cfg->code_hours);
	return DB_OK;
}

enum { IF_NAME, IF_DESCRIPTION, IF_CATEGORY, IF_CAPACITY, IF_STARTS,
	IF_ENDS, IF__MAX };
static const struct vfield item_fields[IF__MAX] = {
	{ "name", "名称", V_TEXT, true, 1, 100 },		/* IF_NAME */
	{ "description", "说明", V_LONGTEXT, false, 1, 1000 },	/* IF_DESCRIPTION */
	{ "category", "服务类别", V_INT, false, 1, 65535 },	/* IF_CATEGORY */
	{ "capacity", "名额", V_INT, true, 1, 10000 },		/* IF_CAPACITY */
	{ "starts", "开始日期", V_TEXT, true, 10, 10 },		/* IF_STARTS */
	{ "ends", "结束日期", V_TEXT, true, 10, 10 },		/* IF_ENDS */
};

/*
 * The item of an item form into it (all but id and claimed); keep is a
 * category allowed besides the active ones (an edited item's own).  A
 * db_rc; a->status set when the form is bad.
 */
static int
item_form(struct act *a, struct db_item *it, int keep)
{
	struct vvalue	 v[IF__MAX];
	struct db_category cats[MAX_CATEGORIES];
	size_t		 n, i;
	int		 rc;

	memset(it, 0, sizeof(*it));
	if (valid_form(a->r, item_fields, IF__MAX, v) != 0 ||
	    date_ok(v[IF_STARTS].s) == -1 ||
	    date_ok(v[IF_ENDS].s) == -1 ||
	    strcmp(v[IF_STARTS].s, v[IF_ENDS].s) > 0)
		return act_bad(a, 400, "请填写名称、名额（1–10000）和有效的起止"
		    "日期（开始不晚于结束）。");
	it->category_id = v[IF_CATEGORY].present ? (int)v[IF_CATEGORY].i : 0;
	if (it->category_id != 0 && it->category_id != keep) {
		if ((rc = db_categories(a->r->db, cats, MAX_CATEGORIES, &n)) !=
		    DB_OK)
			return rc;
		for (i = 0; i < n && cats[i].id != it->category_id; i++)
			continue;
		if (i == n)
			return act_bad(a, 400, "请选择有效的服务类别。");
	}
	it->community_id = a->reg->id;
	snprintf(it->name, sizeof(it->name), "%s", v[IF_NAME].s);
	snprintf(it->description, sizeof(it->description), "%s",
	    v[IF_DESCRIPTION].present ? v[IF_DESCRIPTION].s : "");
	it->capacity = (int)v[IF_CAPACITY].i;
	snprintf(it->starts_on, sizeof(it->starts_on), "%s", v[IF_STARTS].s);
	snprintf(it->ends_on, sizeof(it->ends_on), "%s", v[IF_ENDS].s);
	return DB_OK;
}

static int
act_item(struct act *a)
{
	struct db_item	 it;
	int		 id, rc;

	if ((rc = item_form(a, &it, 0)) != DB_OK || a->status != 0)
		return rc;
	if ((rc = db_item_create(a->r->db, &it, time(NULL), &id)) == DB_OK)
		snprintf(a->object, sizeof(a->object), "item:%d", id);
	return rc;
}

/*
 * The item of the form field "item" when it is on this community's menu;
 * DB_NOTFOUND otherwise (the handler answers 404, as for a community out
 * of scope).
 */
static int
form_item(struct act *a, struct db_item *it)
{
	int	 rc = db_item_get(a->r->db, form_id(a, "item"), it);

	if (rc == DB_OK && it->community_id != a->reg->id)
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		snprintf(a->object, sizeof(a->object), "item:%d", it->id);
	return rc;
}

static int
act_item_edit(struct act *a)
{
	struct db_item	 old, it;
	enum db_item_rc	 out;
	int		 claimed, rc;

	if ((rc = form_item(a, &old)) != DB_OK ||
	    (rc = item_form(a, &it, old.category_id)) != DB_OK ||
	    a->status != 0)
		return rc;
	it.id = old.id;
	if ((rc = db_item_update(a->r->db, &it, time(NULL), &claimed,
	    &out)) != DB_OK)
		return rc;
	if (out == DB_ITEM_WITHDRAWN)
		return act_bad(a, 409, "该项目已撤下，不能修改。");
	if (out == DB_ITEM_BELOW_CLAIMED) {
		snprintf(a->msg, sizeof(a->msg), "名额不能少于已认领的 %d 人"
		    "（含已完成的认领），未作修改。", claimed);
		a->status = 409;
		return DB_OK;
	}
	snprintf(a->detail, sizeof(a->detail), "capacity %d -> %d, period "
	    "%s..%s -> %s..%s, category %d -> %d", old.capacity, it.capacity,
	    old.starts_on, old.ends_on, it.starts_on, it.ends_on,
	    old.category_id, it.category_id);
	return DB_OK;
}

static int
act_item_withdraw(struct act *a)
{
	struct db_item	 it;
	enum db_item_rc	 out;
	long long	 n;
	int		 rc;

	if ((rc = form_item(a, &it)) != DB_OK)
		return rc;
	if (http_form(a->r, "confirm") == NULL ||
	    strcmp(http_form(a->r, "confirm"), "1") != 0)
		return act_bad(a, 400, "请勾选“确认撤下”后再撤下。");
	if ((rc = db_item_withdraw(a->r->db, a->reg->id, it.id, a->s->u.id,
	    time(NULL), &n, &out)) != DB_OK)
		return rc;
	if (out == DB_ITEM_WITHDRAWN)
		return act_bad(a, 409, "该项目已撤下。");
	snprintf(a->detail, sizeof(a->detail), "cancelled %lld open claims",
	    n);
	return DB_OK;
}

static int
act_complete(struct act *a)
{
	int	 id = form_id(a, "claim"), rc;

	if (id == 0)
		return act_bad(a, 400, "请选择认领记录。");
	rc = db_claim_complete(a->r->db, a->reg->id, id, time(NULL));
	if (rc == DB_NOTFOUND)
		return act_bad(a, 409, "该认领已完成、已撤回或不存在。");
	snprintf(a->object, sizeof(a->object), "claim:%d", id);
	return rc;
}

enum { VF_TITLE, VF_KIND, VF_DATE, VF_HOURS, VF__MAX };
static const struct vfield activity_fields[VF__MAX] = {
	{ "title", "标题", V_TEXT, true, 1, 100 },		/* VF_TITLE */
	{ "kind", "类型", V_TOKEN, true, 1, 16 },		/* VF_KIND */
	{ "date", "日期", V_TEXT, true, 10, 10 },		/* VF_DATE */
	{ "hours", "时长", V_DECIMAL, true, 1, 99900000 },	/* VF_HOURS */
};

static int
act_activity(struct act *a)
{
	struct vvalue	 v[VF__MAX];
	struct db_activity x;
	int		 k, id, rc;

	memset(&x, 0, sizeof(x));
	if (valid_form(a->r, activity_fields, VF__MAX, v) != 0 ||
	    (k = flow_lookup(db_akind_names, DB_AK__MAX, v[VF_KIND].s)) < 0 ||
	    date_ok(v[VF_DATE].s) == -1 ||
	    hours_tenths(v[VF_HOURS].i, &x.hours_tenths) == -1)
		return act_bad(a, 400, "请填写标题、类型、日期和时长（小时，"
		    "最多一位小数）。");
	x.community_id = a->reg->id;
	x.kind = (enum db_akind)k;
	snprintf(x.title, sizeof(x.title), "%s", v[VF_TITLE].s);
	snprintf(x.held_on, sizeof(x.held_on), "%s", v[VF_DATE].s);
	if ((rc = db_activity_create(a->r->db, &x, &id)) == DB_OK)
		snprintf(a->object, sizeof(a->object), "activity:%d", id);
	return rc;
}

enum { PF_ACTIVITY, PF_HOURS, PF__MAX };
static const struct vfield part_fields[PF__MAX] = {
	{ "activity", "活动", V_INT, true, 1, INT_MAX },	/* PF_ACTIVITY */
	{ "hours", "时长", V_DECIMAL, true, 1, 99900000 },	/* PF_HOURS */
};

static int
act_participation(struct act *a)
{
	struct vvalue	 v[PF__MAX];
	struct db_activity x;
	int		*ids;
	long long	 t, id;
	size_t		 i, n = 0;
	int		 rc;

	if (valid_form(a->r, part_fields, PF__MAX, v) != 0 ||
	    hours_tenths(v[PF_HOURS].i, &t) == -1)
		return act_bad(a, 400, "请填写每人服务时长（小时，最多一位"
		    "小数）。");
	rc = db_activity_get(a->r->db, (int)v[PF_ACTIVITY].i, &x);
	if (rc == DB_NOTFOUND || (rc == DB_OK && x.community_id !=
	    a->reg->id))
		return act_bad(a, 400, "活动不存在。");
	if (rc != DB_OK)
		return rc;
	if ((ids = calloc(a->r->nform + 1, sizeof(*ids))) == NULL)
		return DB_ERROR;
	for (i = 0; i < a->r->nform; i++) {
		if (strcmp(a->r->form[i].key, "m") != 0)
			continue;
		if (valid_int(a->r->form[i].val, 1, INT_MAX, &id) == -1) {
			rc = act_bad(a, 400, "参与人员有误。");
			goto out;
		}
		ids[n++] = (int)id;
	}
	if (n == 0) {
		rc = act_bad(a, 400, "请选择参与的党员。");
		goto out;
	}
	rc = db_participation(a->r->db, x.id, ids, n, t, time(NULL));
	if (rc == DB_NOTFOUND)
		rc = act_bad(a, 400, "只能记录本社区已报到（且报到在有效期内）"
		    "的党员，未作修改。");
	else if (rc == DB_OK) {
		snprintf(a->object, sizeof(a->object), "activity:%d", x.id);
		snprintf(a->detail, sizeof(a->detail), "%zu members", n);
	}
out:
	free(ids);
	return rc;
}

/*
 * The actions of POST /staff/members/{community}: the section they
 * belong to (shown again after them), and what the page says when done.
 */
static const struct {
	const char	*name;
	int		(*fn)(struct act *);	/* a db_rc */
	enum msec	 sec;
	const char	*done;
} actions[] = {
	{ "add", act_add, MS_ROSTER, "已添加到党员名册。" },
	{ "import", act_import, MS_ROSTER, "名册已导入。" },
	{ "confirm", act_confirm, MS_REPORTS, "已确认报到。" },
	{ "reject", act_reject, MS_REPORTS, "已不予确认。" },
	{ "code", act_code, MS_ROSTER, NULL },
	{ "item", act_item, MS_MENU, "服务项目已发布。" },
	{ "item_edit", act_item_edit, MS_MENU, "服务项目已修改。" },
	{ "item_withdraw", act_item_withdraw, MS_MENU, "服务项目已撤下，"
	    "未完成的认领已一并取消。" },
	{ "complete", act_complete, MS_MENU, "已标记完成。" },
	{ "activity", act_activity, MS_ACTIVITIES, "活动已创建。" },
	{ "participation", act_participation, MS_ACTIVITIES, "参与记录已"
	    "保存。" },
};
#define NACTIONS (sizeof(actions) / sizeof(actions[0]))

static const char *
done_message(const char *done)
{
	size_t	 i;

	for (i = 0; i < NACTIONS; i++)
		if (actions[i].done != NULL &&
		    strcmp(actions[i].name, done) == 0)
			return actions[i].done;
	return "已保存。";
}

/*
 * POST /staff/members/{community}: one action.  303 to its section when
 * saved, 200 with the one-time code, 400 for a bad form (nothing stored),
 * 404 for an item not on the community's menu, 409 when the change is
 * not possible now.  Every change is audited.
 */
void
page_staff_members_post(struct req *r)
{
	struct staff	 s;
	struct db_region reg;
	struct act	*a;
	const char	*name = http_form(r, "action");
	char		 loc[96], audit[40];
	size_t		 i;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1 ||
	    community_in_scope(r, &s, &reg) == -1)
		return;
	for (i = 0; name != NULL && i < NACTIONS; i++)
		if (strcmp(actions[i].name, name) == 0)
			break;
	if (name == NULL || i == NACTIONS) {
		r->status = 400;
		community_page(r, &s, &reg, MS_OVERVIEW, "未知的操作。", 1,
		    NULL);
		return;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	a->r = r;
	a->s = &s;
	a->reg = &reg;
	if ((rc = actions[i].fn(a)) == DB_NOTFOUND)
		staff_not_found(r);
	else if (rc != DB_OK)
		http_db_error(r, rc);
	else if (a->status != 0) {
		r->status = a->status;
		community_page(r, &s, &reg, actions[i].sec, a->msg, 1,
		    strcmp(name, "import") == 0 ? http_form(r, "csv") : NULL);
	} else {
		snprintf(audit, sizeof(audit), "member_%s", name);
		auth_audit(r, &s, audit, a->object, a->detail);
		if (a->msg[0] != '\0')
			community_page(r, &s, &reg, actions[i].sec, a->msg, 0,
			    NULL);
		else {
			snprintf(loc, sizeof(loc), "/staff/members/%d/%s?done="
			    "%s", reg.id, sections[actions[i].sec].slug, name);
			r->status = 303;
			http_header(r, "Location", loc);
		}
	}
	free(a);
}

/* ==== public =========================================================== */

enum rpf { RP_COMMUNITY, RP_NAME, RP_PHONE, RP_TYPE, RP_EMPLOYER, RP_SKILLS,
	RP_CONSENT, RP__MAX };

static const struct vfield report_fields[RP__MAX] = {
	{ "community", "居住社区", V_INT, true, 1, INT_MAX },	/* RP_COMMUNITY */
	{ "name", "姓名", V_TEXT, true, 1, 64 },		/* RP_NAME */
	{ "phone", "手机号码", V_PHONE, true, 0, 0 },		/* RP_PHONE */
	{ "type", "党员类型", V_TOKEN, true, 1, 16 },		/* RP_TYPE */
	{ "employer", "工作单位", V_TEXT, false, 1, 128 },	/* RP_EMPLOYER */
	{ "skills", "特长", V_LONGTEXT, false, 1, 500 },	/* RP_SKILLS */
	{ "consent", "个人信息处理同意", V_CHECK, true, 0, 0 },	/* RP_CONSENT */
};

static const char *
rval(const struct vvalue *v, enum rpf f)
{
	return v != NULL && v[f].s != NULL ? v[f].s : "";
}

static void
report_input(struct buf *b, const struct vvalue *v, enum rpf f,
    const char *label, const char *attrs)
{
	buf_printf(b, "<p><label for=\"%s\">%s</label>",
	    report_fields[f].name, label);
	html_input(b, report_fields[f].name, attrs, v ? &v[f] : NULL);
	buf_add(b, "</p>\n");
}

/* The report form, v the input after a failed post.  A db_rc. */
static int
report_form(struct req *r, const struct vvalue *v, const char *msg)
{
	struct db_region *regs;
	struct db_category cats[MAX_CATEGORIES];
	struct buf	*b = &r->body;
	size_t		 ng, nc, i, k;
	char		 idbuf[16];
	int		 rc, t, checked;

	if ((regs = calloc(MAX_REGIONS, sizeof(*regs))) == NULL)
		return DB_ERROR;
	if ((rc = db_regions(r->db, regs, MAX_REGIONS, &ng)) != DB_OK ||
	    (rc = db_categories(r->db, cats, MAX_CATEGORIES, &nc)) != DB_OK) {
		free(regs);
		return rc;
	}
	html_begin(r, "党员报到");
	buf_add(b, "<h1>在职党员到社区报到</h1>\n");
	html_notice(b, msg, 1);
	buf_add(b, "<form method=\"post\" action=\"/report\" class=\"card\" "
	    "novalidate>\n<p><label for=\"community\">居住社区</label>"
	    "<select id=\"community\" name=\"community\" required><option "
	    "value=\"\">请选择社区</option>");
	for (i = 0; i < ng; i++)
		if (regs[i].level == 3) {
			buf_printf(b, "<option value=\"%d\"%s>", regs[i].id,
			    v != NULL && v[RP_COMMUNITY].present &&
			    v[RP_COMMUNITY].error == NULL &&
			    v[RP_COMMUNITY].i == regs[i].id ? " selected" : "");
			html_txt(b, regs[i].name);
			buf_add(b, "</option>");
		}
	buf_add(b, "</select>");
	html_field_error(b, v ? &v[RP_COMMUNITY] : NULL);
	buf_add(b, "</p>\n");
	report_input(b, v, RP_NAME, "姓名", "maxlength=\"64\" required");
	report_input(b, v, RP_PHONE, "手机号码", "type=\"tel\" maxlength=\"11\" "
	    "required");
	buf_add(b, "<p><label for=\"type\">党员类型</label><select id=\"type\" "
	    "name=\"type\">");
	for (t = 0; t < DB_MT__MAX; t++)
		buf_printf(b, "<option value=\"%s\"%s>%s党员</option>",
		    db_mtype_names[t], strcmp(rval(v, RP_TYPE),
		    db_mtype_names[t]) == 0 ? " selected" : "",
		    db_mtype_labels[t]);
	buf_add(b, "</select></p>\n");
	report_input(b, v, RP_EMPLOYER, "工作单位", "maxlength=\"128\"");
	buf_add(b, "<p><label for=\"skills\">特长与可提供的服务</label><textarea "
	    "id=\"skills\" name=\"skills\" rows=\"3\" maxlength=\"500\">");
	html_txt(b, rval(v, RP_SKILLS));
	buf_add(b, "</textarea>");
	html_field_error(b, v ? &v[RP_SKILLS] : NULL);
	buf_add(b, "</p>\n<fieldset><legend>愿意参与的服务类别</legend>");
	for (i = 0; i < nc; i++) {
		/* Ticked again after a failed post. */
		snprintf(idbuf, sizeof(idbuf), "%d", cats[i].id);
		for (checked = 0, k = 0; v != NULL && !checked && k < r->nform;
		    k++)
			checked = strcmp(r->form[k].key, "pref") == 0 &&
			    strcmp(r->form[k].val, idbuf) == 0;
		buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"pref\" value=\"%d\"%s> ", cats[i].id,
		    checked ? " checked" : "");
		html_txt(b, cats[i].name);
		buf_add(b, "</label>");
	}
	buf_add(b, "</fieldset>\n<div class=\"consent\"><p class=\"muted\">"
	    "个人信息保护说明：您的姓名、手机号码、工作单位和特长仅用于党员报到"
	    "和志愿服务安排，只有本社区工作人员可见，不在公开页面显示。</p>"
	    "<p><label class=\"check\"><input type=\"checkbox\" name=\"consent\" "
	    "value=\"1\"");
	if (v != NULL && v[RP_CONSENT].present && v[RP_CONSENT].error == NULL)
		buf_add(b, " checked");
	buf_add(b, "> 我已阅读并同意按上述说明处理我的个人信息</label>");
	html_field_error(b, v ? &v[RP_CONSENT] : NULL);
	buf_add(b, "</p></div>\n<p><button class=\"button\" type=\"submit\">"
	    "提交报到</button></p>\n</form>\n<p class=\"center\"><a href=\""
	    "/member\">已报到？查看我的服务和积分</a></p>\n");
	html_end(r);
	free(regs);
	return DB_OK;
}

/* GET /report */
void
page_report(struct req *r)
{
	int	 rc;

	if ((rc = report_form(r, NULL, NULL)) != DB_OK)
		http_db_error(r, rc);
}

/*
 * POST /report: 400 with the form and messages (nothing stored), or 200
 * saying whether the report was recorded or waits for the community.
 */
void
page_report_post(struct req *r)
{
	struct vvalue	 v[RP__MAX];
	struct db_report_new n;
	enum db_report_rc out;
	struct buf	 pref = { 0 };
	long long	 id;
	size_t		 i;
	int		 t = -1, rc;

	if (valid_form(r, report_fields, RP__MAX, v) > 0 ||
	    (t = flow_lookup(db_mtype_names, DB_MT__MAX, v[RP_TYPE].s)) < 0) {
		if (t < 0 && v[RP_TYPE].error == NULL)
			v[RP_TYPE].error = "请选择党员类型";
		goto bad;
	}
	for (i = 0; i < r->nform; i++) {
		if (strcmp(r->form[i].key, "pref") != 0)
			continue;
		if (valid_int(r->form[i].val, 1, 65535, &id) == -1 ||
		    pref.len > 400)
			continue;
		buf_printf(&pref, "%s%lld", pref.len ? "," : "", id);
	}
	memset(&n, 0, sizeof(n));
	n.community_id = (int)v[RP_COMMUNITY].i;
	n.name = v[RP_NAME].s;
	n.phone = v[RP_PHONE].s;
	n.type = (enum db_mtype)t;
	n.employer = v[RP_EMPLOYER].present ? v[RP_EMPLOYER].s : "";
	n.skills = v[RP_SKILLS].present ? v[RP_SKILLS].s : "";
	n.preferred = pref.p ? pref.p : "";
	n.now = time(NULL);
	n.valid_days = r->cfg->report_valid_days;
	rc = db_report_submit(r->db, &n, &out);
	buf_free(&pref);
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	if (out == DB_REPORT_BAD_PLACE) {
		v[RP_COMMUNITY].error = "请选择有效的社区";
		goto bad;
	}
	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "报到已提交");
	if (out == DB_REPORT_MATCHED)
		buf_add(&r->body, "<section class=\"card\" id=\"reported\"><h1>"
		    "报到成功</h1><p>您已在党员名册中，报到已记录。请向社区工作"
		    "人员领取验证码后查看服务菜单、认领服务项目。</p></section>\n");
	else
		buf_add(&r->body, "<section class=\"card\" id=\"pending\"><h1>"
		    "报到已提交，等待社区确认</h1><p>社区工作人员核实后将为您"
		    "确认报到。</p></section>\n");
	html_end(r);
	return;
bad:
	r->status = 400;
	buf_reset(&r->body);
	if ((rc = report_form(r, v, "提交未成功：请按提示修改标出的内容后重新"
	    "提交。您填写的内容已保留。")) != DB_OK)
		http_db_error(r, rc);
}

/* The items of a community's menu offered today, as a table. */
static int
menu_table(struct req *r, int community_id, int member_forms,
    const char *csrf)
{
	struct db_item	*it;
	struct buf	*b = &r->body;
	char		 d[DB_DATE_LEN + 1];
	size_t		 n, i;
	int		 rc;

	if ((it = calloc(MAX_ROWS, sizeof(*it))) == NULL)
		return DB_ERROR;
	today(d);
	if ((rc = db_items(r->db, community_id, d, it, MAX_ROWS, &n)) !=
	    DB_OK) {
		free(it);
		return rc;
	}
	buf_add(b, "<table class=\"queue\" id=\"menu\"><thead><tr><th>服务项目"
	    "</th><th>时间</th><th>剩余名额</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<tr><td>");
		html_txt(b, it[i].name);
		buf_add(b, "<br><span class=\"muted\">");
		html_txt(b, it[i].description);
		buf_printf(b, "</span></td><td>%s 至 %s</td><td>%d / %d",
		    it[i].starts_on, it[i].ends_on, it[i].capacity -
		    it[i].claimed, it[i].capacity);
		if (member_forms && it[i].claimed < it[i].capacity &&
		    strcmp(d, it[i].starts_on) >= 0)
			buf_printf(b, " <form method=\"post\" action=\"/member\" "
			    "class=\"inline\"><input type=\"hidden\" name=\""
			    "csrf\" value=\"%s\"><input type=\"hidden\" name=\""
			    "item\" value=\"%d\"><button name=\"action\" value=\""
			    "claim\">认领</button></form>", csrf, it[i].id);
		buf_add(b, "</td></tr>\n");
	}
	buf_add(b, "</tbody></table>\n");
	free(it);
	return DB_OK;
}

/* GET /menu/{community}: the community's service menu. */
void
page_menu(struct req *r)
{
	struct db_region reg;
	long long	 id;
	int		 anc[4], rc;

	if (valid_int(r->args[0], 1, INT_MAX, &id) == -1 ||
	    (rc = db_region_get(r->db, (int)id, &reg, anc)) == DB_NOTFOUND ||
	    (rc == DB_OK && reg.level != 3)) {
		html_error_page(r, 404, "页面不存在", "没有这个社区。");
		return;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	html_begin(r, "服务菜单");
	buf_add(&r->body, "<h1>");
	html_txt(&r->body, reg.name);
	buf_add(&r->body, " · 服务菜单</h1>\n");
	if ((rc = menu_table(r, reg.id, 0, "")) != DB_OK) {
		buf_reset(&r->body);
		http_db_error(r, rc);
		return;
	}
	buf_add(&r->body, "<p><a href=\"/member\">党员认领服务</a></p>\n");
	html_end(r);
}

/* The CSRF token of a member's session: a keyed hash of its token. */
static void
member_csrf(const char *token, char out[DB_HASH_LEN * 2 + 1])
{
	static const unsigned char key[] = "lianxin member csrf v1 ........";
	unsigned char	 h[DB_HASH_LEN];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	    strlen(token), key, sizeof(key) - 1);
	sodium_bin2hex(out, DB_HASH_LEN * 2 + 1, h, sizeof(h));
}

static void
member_login_form(struct req *r, const char *msg)
{
	struct buf	*b = &r->body;

	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "党员服务");
	buf_add(b, "<h1>党员服务与积分</h1>\n");
	html_notice(b, msg, 1);
	buf_add(b, "<form method=\"post\" action=\"/member\" class=\"card\">"
	    "<input type=\"hidden\" name=\"action\" value=\"login\">"
	    "<p><label for=\"phone\">手机号码</label><input id=\"phone\" "
	    "name=\"phone\" type=\"tel\" maxlength=\"11\" required></p>"
	    "<p><label for=\"code\">验证码 <span class=\"muted\">（向社区工作"
	    "人员领取，使用一次后失效）</span></label><input id=\"code\" "
	    "name=\"code\" maxlength=\"8\" inputmode=\"numeric\" required></p>"
	    "<p><button class=\"button\" type=\"submit\">进入</button></p>"
	    "</form>\n");
	html_end(r);
}

/* The member's own page: hours, points, claims and the menu. */
static void
member_page(struct req *r, int member_id, const char *token,
    const char *msg, int bad)
{
	struct db_member m;
	struct db_claim	*c;
	struct buf	*b = &r->body;
	char		 csrf[DB_HASH_LEN * 2 + 1];
	size_t		 n, i;
	int		 rc;

	if ((c = calloc(MAX_ROWS, sizeof(*c))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = db_member_get(r->db, member_id, &m)) != DB_OK ||
	    (rc = db_claims(r->db, 0, member_id, c, MAX_ROWS, &n)) != DB_OK) {
		free(c);
		http_db_error(r, rc);
		return;
	}
	member_csrf(token, csrf);
	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "我的服务");
	buf_add(b, "<h1>我的服务与积分</h1>\n");
	html_notice(b, msg, bad);
	buf_add(b, "<section class=\"card\"><table>\n<tr><th>姓名</th><td>");
	html_txt(b, m.name);
	buf_add(b, "</td></tr>\n<tr><th>报到</th><td id=\"report\">");
	if (db_member_reported(&m, time(NULL))) {
		buf_add(b, "有效期至 ");
		html_time(b, m.report_expires_at);
	} else
		buf_add(b, "未报到或已过期，请重新<a href=\"/report\">报到</a>");
	buf_add(b, "</td></tr>\n<tr><th>志愿服务时长</th><td id=\"hours\">");
	tenths(b, m.hours_tenths);
	buf_printf(b, "</td></tr>\n<tr><th>完成认领</th><td id=\"completed\">"
	    "%lld</td></tr>\n<tr><th>积分</th><td id=\"points\">",
	    m.completed);
	tenths(b, db_points_tenths(m.hours_tenths, m.completed,
	    r->cfg->points_per_hour, r->cfg->points_per_claim));
	buf_printf(b, "</td></tr>\n</table><p class=\"muted\">积分 = 服务时长 "
	    "× %d + 完成认领 × %d</p></section>\n<h2>我的认领</h2>\n<ul "
	    "id=\"claims\">\n", r->cfg->points_per_hour,
	    r->cfg->points_per_claim);
	for (i = 0; i < n; i++) {
		buf_add(b, "<li>");
		html_txt(b, c[i].item);
		buf_add(b, " · ");
		html_txt(b, NAME_OF(claim_labels, c[i].state));
		if (strcmp(c[i].state, "open") == 0)
			buf_printf(b, " <form method=\"post\" action=\"/member\" "
			    "class=\"inline\"><input type=\"hidden\" name=\""
			    "csrf\" value=\"%s\"><input type=\"hidden\" name=\""
			    "claim\" value=\"%d\"><button name=\"action\" value=\""
			    "withdraw\">撤回</button></form>", csrf, c[i].id);
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ul>\n<h2>本社区服务菜单</h2>\n");
	free(c);
	if ((rc = menu_table(r, m.community_id, 1, csrf)) != DB_OK) {
		buf_reset(b);
		http_db_error(r, rc);
		return;
	}
	html_end(r);
}

/* The member of the session cookie, or 0. */
static int
member_of(struct req *r, char token[DB_HASH_LEN * 2 + 1])
{
	int	 id;

	if (http_cookie(r, MEMBER_COOKIE, token, DB_HASH_LEN * 2 + 1) == -1 ||
	    strlen(token) != DB_HASH_LEN * 2 ||
	    db_member_session(r->db, token, time(NULL), &id) != DB_OK)
		return 0;
	return id;
}

/* GET /member: the member's page, or the form for phone and code. */
void
page_member(struct req *r)
{
	char	 token[DB_HASH_LEN * 2 + 1];
	int	 id;

	if ((id = member_of(r, token)) == 0)
		member_login_form(r, NULL);
	else
		member_page(r, id, token, NULL, 0);
}

/*
 * A login with phone and one-time code: 303 to /member with a session
 * cookie; 403 for a wrong phone or code; 429 while the member's code
 * logins are locked after [members] code_max_failures wrong codes.
 */
static void
member_login(struct req *r, const char *phone, const char *code)
{
	const struct config *cfg = r->cfg;
	struct db_mlogin l;
	enum db_mlogin_rc out = DB_MLOGIN_WRONG;
	char		 token[DB_HASH_LEN * 2 + 1], msg[512], at[32];
	time_t		 until = 0;
	struct tm	 tm;
	int		 mid, rc = DB_OK;

	memset(&l, 0, sizeof(l));
	l.phone = phone;
	l.code = code;
	l.now = time(NULL);
	l.expires = l.now + (time_t)cfg->member_session_minutes * 60;
	l.max_failures = cfg->code_max_failures;
	l.lockout_seconds = cfg->code_lockout_minutes * 60;
	if (phone != NULL && valid_phone(phone) == 0 && code != NULL &&
	    strlen(code) == DB_MCODE_LEN &&
	    strspn(code, "0123456789") == DB_MCODE_LEN)
		rc = db_member_login(r->db, &l, token, &mid, &out, &until);
	if (rc != DB_OK) {
		http_db_error(r, rc);
	} else if (out == DB_MLOGIN_LOCKED) {
		localtime_r(&until, &tm);
		strftime(at, sizeof(at), "%H:%M", &tm);
		snprintf(msg, sizeof(msg), "验证码连续输错 %d 次，该手机号已暂停"
		    "验证码登录至 %s（%d 分钟），原验证码已作废。请届时再试，或"
		    "向社区工作人员领取新的验证码。", cfg->code_max_failures,
		    at, cfg->code_lockout_minutes);
		snprintf(at, sizeof(at), "%lld", (long long)(until - l.now));
		r->status = 429;
		http_header(r, "Retry-After", at);
		member_login_form(r, msg);
	} else if (out == DB_MLOGIN_WRONG) {
		r->status = 403;
		member_login_form(r, "手机号码或验证码不正确，或验证码已使用、"
		    "已过期。");
	} else {
		auth_set_cookie(r, MEMBER_COOKIE, token, -1);
		r->status = 303;
		http_header(r, "Location", "/member");
	}
}

static const char *const claim_msgs[] = {
	[DB_CLAIM_OK] = "认领成功。",
	[DB_CLAIM_NOT_REPORTED] = "您的报到未确认或已过期，请重新报到后再认领。",
	[DB_CLAIM_NOT_OFFERED] = "该项目不在本社区的服务菜单中或不在服务时间内。",
	[DB_CLAIM_FULL] = "该项目名额已满。",
	[DB_CLAIM_LIMIT] = "您已认领的未完成项目已达上限，请完成或撤回后再认领。",
	[DB_CLAIM_TWICE] = "您已认领该项目。",
};

/*
 * POST /member: action login (phone and one-time code: 303 to /member
 * with a session cookie, or 403), claim or withdraw (the session and its
 * CSRF token needed: 403 otherwise; 409 when refused).
 */
void
page_member_post(struct req *r)
{
	const char	*action = http_form(r, "action");
	const char	*csrf = http_form(r, "csrf");
	char		 token[DB_HASH_LEN * 2 + 1], want[DB_HASH_LEN * 2 + 1];
	char		 d[DB_DATE_LEN + 1];
	enum db_claim_rc out;
	long long	 id;
	time_t		 now = time(NULL);
	int		 mid, rc;

	if (action != NULL && strcmp(action, "login") == 0) {
		member_login(r, http_form(r, "phone"), http_form(r, "code"));
		return;
	}
	if ((mid = member_of(r, token)) == 0) {
		r->status = 403;
		member_login_form(r, "请先输入手机号码和验证码。");
		return;
	}
	member_csrf(token, want);
	if (csrf == NULL || strlen(csrf) != strlen(want) ||
	    sodium_memcmp(csrf, want, strlen(want)) != 0) {
		html_error_page(r, 403, "请求已失效", "请返回刷新页面后重试。");
		return;
	}
	if (action != NULL && strcmp(action, "claim") == 0 &&
	    valid_int(http_form(r, "item"), 1, INT_MAX, &id) == 0) {
		today(d);
		rc = db_claim(r->db, mid, (int)id, r->cfg->max_open_claims, d,
		    now, &out);
		if (rc != DB_OK) {
			http_db_error(r, rc);
			return;
		}
		if (out != DB_CLAIM_OK)
			r->status = 409;
		member_page(r, mid, token, claim_msgs[out], out != DB_CLAIM_OK);
	} else if (action != NULL && strcmp(action, "withdraw") == 0 &&
	    valid_int(http_form(r, "claim"), 1, INT_MAX, &id) == 0) {
		rc = db_claim_withdraw(r->db, mid, (int)id, now);
		if (rc == DB_NOTFOUND) {
			r->status = 409;
			member_page(r, mid, token, "该认领已完成、已撤回或不存在。",
			    1);
		} else if (rc != DB_OK)
			http_db_error(r, rc);
		else
			member_page(r, mid, token, "已撤回。", 0);
	} else
		html_error_page(r, 400, "请求有误", "请返回重新操作。");
}

/* The routes' tables: nothing validated yet (to be filled). */
VFORM_NONE(form_staff_members);
VFORM_NONE(form_staff_members_post);
VFORM_NONE(form_report);
VFORM_NONE(form_report_post);
VFORM_NONE(form_menu);
VFORM_NONE(form_member);
VFORM_NONE(form_member_post);
VFORM_NONE(form_staff_members_list);
VFORM_NONE(form_staff_members_section);
