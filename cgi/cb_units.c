/*
 * Co-building for staff (共驻共建, issue 20 point 1): /cobuild, the index
 * of the sections with their counts in the user's scope; /cobuild/units,
 * the co-building units (共建单位) with their Party organisation, 大党委
 * members and this year's agreement; /cobuild/units/{id}, a unit: its
 * details (secretary, contact and phone: staff pages only), the edit of
 * its co-building fields (a stale form is a 409), its part-time members
 * of the 大党委 (兼职委员) appointed and ended, its agreements by year and
 * a new one (草拟).  Grid workers and above view; community staff and
 * above manage.  Anything outside the scope is 404, as is every page here
 * for a unit's own account.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cbpage.h"
#include "day.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define UNITS_PAGE	50
#define MAX_MEMBERS	50
#define MAX_AGREEMENTS	20

/* GET /cobuild: the sections of co-building with their counts. */
void
page_cobuild(struct req *r)
{
	struct staff	 s;
	struct cb_counts c;
	struct db_scope	 sc;
	struct buf	*b = &r->body;
	char		 today[CB_DATE_LEN], jan1[CB_DATE_LEN];
	int		 year, rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	(void)cb_today(today, &year);
	snprintf(jan1, sizeof(jan1), "%04d-01-01", year);
	sc = cb_scope(&s);
	if ((rc = cb_counts(r->db, &sc, year, jan1, &c)) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	staff_begin(r, &s, "共驻共建");
	buf_add(b, "<h1>共驻共建</h1>\n<p class=\"muted\">");
	html_txt(b, s.u.region_name);
	buf_add(b, "及下辖区域的共建单位、协议、清单和会议。</p>\n"
	    "<ul class=\"cards cb\">\n");
	buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/units\"><strong>"
	    "共建单位</strong></a><br>%lld 个单位，%d年协议 %lld 份</li>\n",
	    c.units, year, c.agreements);
	buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/needs\"><strong>"
	    "需求清单</strong></a><br>%s %lld 项</li>\n",
	    word_need[NEED_OPEN].label, c.needs);
	buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/resources\">"
	    "<strong>资源清单</strong></a><br>%s %lld 项</li>\n",
	    word_resource[RES_OPEN].label, c.resources);
	buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/projects\">"
	    "<strong>项目清单</strong></a><br>%s、%s %lld 个</li>\n",
	    word_project[PRJ_PLANNING].label, word_project[PRJ_RUNNING].label,
	    c.projects);
	buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/meetings\">"
	    "<strong>联席会议</strong></a><br>%d年已召开 %lld 次</li>\n",
	    year, c.meetings);
	buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/wishes\"><strong>"
	    "微心愿</strong></a><br>%s %lld 个</li>\n",
	    word_wish[WISH_OPEN].label, c.wishes);
	buf_add(b, "<li class=\"card\"><a href=\"/dashboard\"><strong>数据看板"
	    "</strong></a><br>共建指标与图表</li>\n</ul>\n");
	html_end(r);
}

/* GET /cobuild/units: filters and page. */
enum { UL_REGION, UL_KIND, UL_PAGE, UL__MAX };
static const struct vfield units_fields[UL__MAX] = {
	{ "region", "区域", V_ID, false, 1, INT_MAX },		/* UL_REGION */
	{ "kind", "单位性质", V_ENUM, false, 0, UNIT_ORG__MAX,	/* UL_KIND */
	    .words = word_unit_org },
	{ "page", "页码", V_INT, false, 1, 10000 },		/* UL_PAGE */
};

/* The filters' form: a region id (community or street) and a kind. */
static void
units_filters(struct buf *b, int region, int kind)
{
	int	 k;

	buf_add(b, "<form method=\"get\" action=\"/cobuild/units\" "
	    "class=\"card filters\">\n<label for=\"kind\">单位性质</label>"
	    "<select id=\"kind\" name=\"kind\"><option value=\"\">全部"
	    "</option>");
	for (k = 0; k < UNIT_ORG__MAX; k++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>",
		    word_unit_org[k].code, k == kind ? " selected" : "",
		    word_unit_org[k].label);
	buf_add(b, "</select>\n");
	if (region > 0)
		buf_printf(b, "<input type=\"hidden\" name=\"region\" "
		    "value=\"%d\">", region);
	buf_add(b, "<button class=\"button\" type=\"submit\">筛选</button>"
	    "</form>\n");
}

static void
unit_row(struct buf *b, const struct cb_unit *u, int year)
{
	buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/units/%d\">"
	    "<strong>", u->id);
	html_txt(b, u->name);
	buf_add(b, "</strong></a>");
	if (!u->active)
		buf_add(b, " <span class=\"mark\">已停用</span>");
	buf_add(b, "<br>");
	html_txt(b, u->org_kind >= 0 ? word_unit_org[u->org_kind].label :
	    "未填单位性质");
	buf_printf(b, " · <a href=\"/cobuild/units?region=%d\">",
	    u->region_id);
	html_txt(b, u->region);
	buf_add(b, "</a><br>");
	html_txt(b, u->party_org[0] ? u->party_org : "未填党组织");
	buf_printf(b, " · 党员 %d 名<br>大党委兼职委员：", u->member_count);
	html_txt(b, u->committee[0] ? u->committee : "无");
	buf_printf(b, "<br>%d年协议：", year);
	if (u->agr_id > 0 && u->agr_state >= 0) {
		buf_printf(b, "<a href=\"/cobuild/agreements/%d\">",
		    u->agr_id);
		html_txt(b, word_agreement[u->agr_state].label);
		buf_add(b, "</a>");
	} else
		buf_add(b, "未建立");
	buf_add(b, "</li>\n");
}

/* GET /cobuild/units?region=&kind=&page= */
void
page_cb_units(struct req *r)
{
	struct staff	 s;
	struct cb_unit	*u;
	struct cb_unit_filter f = { 0, -1, 0, 0 };
	struct db_region reg;
	struct db_scope	 sc;
	struct buf	*b = &r->body;
	char		 today[CB_DATE_LEN];
	long long	 total = 0, pg;
	size_t		 n = 0, i;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if (r->nbad != 0) {
		html_error_page(r, 400, "筛选条件有误", "请返回重新选择。");
		return;
	}
	(void)cb_today(today, &f.year);
	pg = r->v[UL_PAGE].present ? r->v[UL_PAGE].i : 1;
	f.offset = (pg - 1) * UNITS_PAGE;
	f.org_kind = r->v[UL_KIND].present ? (int)r->v[UL_KIND].i : -1;
	memset(&reg, 0, sizeof(reg));
	if (r->v[UL_REGION].present) {
		int	 anc[4] = { 0 };

		rc = db_region_get(r->db, (int)r->v[UL_REGION].i, &reg, anc);
		if (rc == DB_OK && reg.level != REGION_STREET &&
		    reg.level != REGION_COMMUNITY)
			rc = DB_NOTFOUND;
		if (cb_scoped(r, &s, rc, anc) == -1)
			return;
		f.region_id = reg.id;
	}
	sc = cb_scope(&s);
	if ((u = calloc(UNITS_PAGE, sizeof(*u))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = cb_units_list(r->db, &sc, &f, u, UNITS_PAGE, &n, &total)) !=
	    DB_OK) {
		free(u);
		http_db_error(r, rc);
		return;
	}
	staff_begin(r, &s, "共建单位");
	buf_add(b, "<p class=\"crumbs\"><a href=\"/cobuild\">共驻共建</a></p>\n"
	    "<h1>共建单位</h1>\n<p>");
	if (f.region_id > 0) {
		html_txt(b, reg.name);
		buf_add(b, " · <a href=\"/cobuild/units\">全部区域</a> · ");
	}
	buf_printf(b, "共 %lld 个</p>\n", total);
	units_filters(b, f.region_id, f.org_kind);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">没有符合条件的共建单位。</p>\n");
	else
		buf_add(b, "<ul class=\"cards cb\">\n");
	for (i = 0; i < n; i++)
		unit_row(b, &u[i], f.year);
	if (n > 0)
		buf_add(b, "</ul>\n");
	buf_printf(b, "<p class=\"pager cb\">第 %lld 页", pg);
	if (pg > 1)
		buf_printf(b, " <a href=\"/cobuild/units?region=%d&amp;kind=%s"
		    "&amp;page=%lld\">上一页</a>", f.region_id,
		    f.org_kind >= 0 ? word_unit_org[f.org_kind].code : "",
		    pg - 1);
	if (f.offset + (long long)n < total)
		buf_printf(b, " <a href=\"/cobuild/units?region=%d&amp;kind=%s"
		    "&amp;page=%lld\">下一页</a>", f.region_id,
		    f.org_kind >= 0 ? word_unit_org[f.org_kind].code : "",
		    pg + 1);
	buf_add(b, "</p>\n");
	html_end(r);
	free(u);
}

/* /cobuild/units/{id}: GET (done after saving) and POST (actions). */
enum { UD_ID, UD_DONE, UD__MAX };
static const struct vfield unit_fields[UD__MAX] = {
	{ "*0", "单位", V_ID, true, 1, INT_MAX },		/* UD_ID */
	{ "done", "已保存", V_INT, false, 1, 1 },		/* UD_DONE */
};

enum { UA_EDIT, UA_MEMBER_ADD, UA_MEMBER_END, UA_AGREEMENT, UA__MAX };
enum { EF_VERSION, EF_ORG, EF_PARTY, EF_SECRETARY, EF_CONTACT, EF_PHONE,
	EF_MEMBERS, EF_JOINED, EF__MAX };
static const struct vfield edit_fields[EF__MAX] = {
	{ "version", "版本", V_INT, true, 0, UINT_MAX, NULL,
	    "表单已失效，请刷新后重试。", "表单已失效，请刷新后重试。" },
	{ "org_kind", "单位性质", V_ENUM, false, 0, UNIT_ORG__MAX,
	    .words = word_unit_org },
	{ "party_org", "党组织名称", V_TEXT, false, 1, 100 },
	{ "secretary", "党组织书记", V_TEXT, false, 1, 64 },
	{ "contact", "联系人", V_TEXT, false, 1, 64 },
	{ "contact_phone", "联系电话", V_PHONE, false },
	{ "member_count", "党员人数", V_INT, false, 0, 65535 },
	{ "joined_on", "加入共建日期", V_DATE, false },
};
enum { MA_NAME, MA_POST, MA_SINCE, MA__MAX };
static const struct vfield member_add_fields[MA__MAX] = {
	{ "name", "姓名", V_TEXT, true, 1, 64, NULL, NULL, "请填写姓名。" },
	{ "post", "职务", V_TEXT, false, 1, 64 },
	{ "since", "任职日期", V_DATE, true, .missing = "请填写任职日期。" },
};
enum { ME_MEMBER, ME_UNTIL, ME__MAX };
static const struct vfield member_end_fields[ME__MAX] = {
	{ "member", "委员", V_ID, true, 1, INT_MAX },
	{ "until", "卸任日期", V_DATE, true, .missing = "请填写卸任日期。" },
};
enum { AG_YEAR, AG_TITLE, AG_FROM, AG_TO, AG__MAX };
static const struct vfield agreement_fields[AG__MAX] = {
	{ "year", "年度", V_INT, true, VALID_YEAR_MIN, VALID_YEAR_MAX - 1,
	    NULL, NULL, "请填写年度。" },
	{ "title", "协议名称", V_TEXT, false, 1, 100 },
	{ "valid_from", "生效日期", V_DATE, false },
	{ "valid_to", "截止日期", V_DATE, false },
};
static const struct vaction unit_actions[UA__MAX] = {
	[UA_EDIT] = { "edit", edit_fields, EF__MAX },
	[UA_MEMBER_ADD] = { "member_add", member_add_fields, MA__MAX },
	[UA_MEMBER_END] = { "member_end", member_end_fields, ME__MAX },
	[UA_AGREEMENT] = { "agreement", agreement_fields, AG__MAX },
};

/* The value of field i of the form that failed (action a), or the
 * fallback. */
static const char *
kept(const struct req *r, int a, int i, const char *fallback)
{
	if (r->method == METHOD_POST && r->action == a && r->av[i].s != NULL)
		return r->av[i].s;
	return fallback;
}

/* The message of field i of action a's form, after its input. */
static void
kept_error(struct buf *b, const struct req *r, int a, int i)
{
	if (r->method == METHOD_POST && r->action == a)
		html_field_error(b, &r->av[i]);
}

/* A text input of field f (i of action a), value kept or v. */
static void
text_input(struct buf *b, const struct req *r, int a, int i,
    const struct vfield *f, const char *type, const char *v)
{
	buf_printf(b, "<label for=\"%s-%d\">%s</label><input id=\"%s-%d\" "
	    "name=\"%s\" type=\"%s\" value=\"", f->name, a, f->label, f->name,
	    a, f->name, type);
	html_attr(b, kept(r, a, i, v));
	buf_printf(b, "\"%s>", f->required ? " required" : "");
	kept_error(b, r, a, i);
	buf_add(b, "\n");
}

static void
details(struct buf *b, const struct cb_unit *u)
{
	buf_add(b, "<section><table class=\"details\">\n<tr><th>单位性质</th>"
	    "<td>");
	html_txt(b, u->org_kind >= 0 ? word_unit_org[u->org_kind].label :
	    "未填");
	buf_add(b, "</td></tr>\n<tr><th>所在区域</th><td>");
	html_txt(b, u->region);
	buf_add(b, "</td></tr>\n<tr><th>党组织</th><td>");
	html_txt(b, u->party_org);
	buf_add(b, "</td></tr>\n<tr><th>党组织书记</th><td>");
	html_txt(b, u->secretary);
	buf_add(b, "</td></tr>\n<tr><th>联系人</th><td>");
	html_txt(b, u->contact);
	buf_add(b, "</td></tr>\n<tr><th>联系电话</th><td>");
	if (u->phone[0]) {
		buf_printf(b, "<a class=\"tel\" href=\"tel:%s\">%s</a>",
		    u->phone, u->phone);
	}
	buf_printf(b, "</td></tr>\n<tr><th>党员人数</th><td>%d</td></tr>\n"
	    "<tr><th>加入共建</th><td>", u->member_count);
	html_txt(b, u->joined_on);
	buf_printf(b, "</td></tr>\n<tr><th>状态</th><td>%s</td></tr>\n"
	    "</table></section>\n", u->active ? "启用" : "已停用");
}

static void
edit_form(struct req *r, const struct staff *s, const struct cb_unit *u)
{
	struct buf	*b = &r->body;
	char		 mc[16];
	const char	*kind;
	int		 k;

	buf_printf(b, "<details%s><summary>修改共建信息</summary>\n<form "
	    "method=\"post\" action=\"/cobuild/units/%d\" class=\"card\">\n",
	    r->method == METHOD_POST && r->action == UA_EDIT ? " open" : "",
	    u->id);
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"edit\">"
	    "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n",
	    u->version);
	kind = kept(r, UA_EDIT, EF_ORG, u->org_kind >= 0 ?
	    word_unit_org[u->org_kind].code : "");
	buf_add(b, "<label for=\"org_kind\">单位性质</label><select "
	    "id=\"org_kind\" name=\"org_kind\"><option value=\"\">未填"
	    "</option>");
	for (k = 0; k < UNIT_ORG__MAX; k++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>",
		    word_unit_org[k].code, strcmp(kind, word_unit_org[k].code)
		    == 0 ? " selected" : "", word_unit_org[k].label);
	buf_add(b, "</select>\n");
	text_input(b, r, UA_EDIT, EF_PARTY, &edit_fields[EF_PARTY], "text",
	    u->party_org);
	text_input(b, r, UA_EDIT, EF_SECRETARY, &edit_fields[EF_SECRETARY],
	    "text", u->secretary);
	text_input(b, r, UA_EDIT, EF_CONTACT, &edit_fields[EF_CONTACT], "text",
	    u->contact);
	text_input(b, r, UA_EDIT, EF_PHONE, &edit_fields[EF_PHONE], "tel",
	    u->phone);
	snprintf(mc, sizeof(mc), "%d", u->member_count);
	text_input(b, r, UA_EDIT, EF_MEMBERS, &edit_fields[EF_MEMBERS],
	    "number", mc);
	text_input(b, r, UA_EDIT, EF_JOINED, &edit_fields[EF_JOINED], "date",
	    u->joined_on);
	buf_add(b, "<p><button class=\"button\" type=\"submit\">保存</button>"
	    "</p></form></details>\n");
}

/* Open a card form of action on unit u, with its heading. */
static void
form_head(struct buf *b, const struct staff *s, const struct cb_unit *u,
    const char *action, const char *heading)
{
	buf_printf(b, "<form method=\"post\" action=\"/cobuild/units/%d\" "
	    "class=\"card\">\n<h3>%s</h3>\n", u->id, heading);
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"action\" "
	    "value=\"%s\">\n", action);
}

static void
members_section(struct req *r, const struct staff *s, const struct cb_unit *u,
    const struct cb_member *m, size_t n, int manage, const char *today)
{
	struct buf	*b = &r->body;
	size_t		 i;

	buf_add(b, "<h2>大党委兼职委员</h2>\n");
	if (n == 0)
		buf_add(b, "<p class=\"muted\">本单位暂无大党委兼职委员。</p>\n");
	else
		buf_add(b, "<ul class=\"cards cb\">\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<li class=\"card\"><strong>");
		html_txt(b, m[i].name);
		buf_add(b, "</strong> ");
		html_txt(b, m[i].post);
		buf_add(b, "<br>任职 ");
		html_txt(b, m[i].since);
		if (m[i].until[0]) {
			buf_add(b, " 至 ");
			html_txt(b, m[i].until);
			buf_add(b, " <span class=\"mark\">已卸任</span>");
		} else if (manage) {
			buf_printf(b, "<form method=\"post\" action=\"/cobuild/"
			    "units/%d\" class=\"inline\">", u->id);
			auth_csrf_field(b, s);
			buf_printf(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"member_end\"><input type=\"hidden\" "
			    "name=\"member\" value=\"%d\"><label for=\"until-%d\">"
			    "卸任日期</label><input id=\"until-%d\" "
			    "name=\"until\" type=\"date\" required value=\"%s\">"
			    "<button type=\"submit\">卸任</button></form>",
			    m[i].id, m[i].id, m[i].id, today);
		}
		buf_add(b, "</li>\n");
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	if (!manage)
		return;
	form_head(b, s, u, "member_add", "增补兼职委员");
	text_input(b, r, UA_MEMBER_ADD, MA_NAME, &member_add_fields[MA_NAME],
	    "text", "");
	text_input(b, r, UA_MEMBER_ADD, MA_POST, &member_add_fields[MA_POST],
	    "text", "");
	text_input(b, r, UA_MEMBER_ADD, MA_SINCE,
	    &member_add_fields[MA_SINCE], "date", today);
	buf_add(b, "<p><button class=\"button\" type=\"submit\">增补</button>"
	    "</p></form>\n");
}

static void
agreements_section(struct req *r, const struct staff *s,
    const struct cb_unit *u, const struct cb_agreement *a, size_t n,
    int manage, int year)
{
	struct buf	*b = &r->body;
	char		 y[8];
	size_t		 i;

	buf_add(b, "<h2>共建协议</h2>\n");
	if (n == 0)
		buf_add(b, "<p class=\"muted\">尚无协议。</p>\n");
	else
		buf_add(b, "<ul class=\"cards cb\">\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/"
		    "agreements/%d\"><strong>", a[i].id);
		html_txt(b, a[i].title);
		buf_printf(b, "</strong></a><br>%d年度 · ", a[i].year);
		html_txt(b, word_agreement[a[i].state].label);
		buf_printf(b, " · 承诺 %lld 项，已确认 %lld 项</li>\n",
		    a[i].ncommit, a[i].nconfirmed);
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	if (!manage || !u->active)
		return;
	form_head(b, s, u, "agreement", "新建协议（草拟）");
	snprintf(y, sizeof(y), "%d", year);
	text_input(b, r, UA_AGREEMENT, AG_YEAR, &agreement_fields[AG_YEAR],
	    "number", y);
	text_input(b, r, UA_AGREEMENT, AG_TITLE, &agreement_fields[AG_TITLE],
	    "text", "");
	text_input(b, r, UA_AGREEMENT, AG_FROM, &agreement_fields[AG_FROM],
	    "date", "");
	text_input(b, r, UA_AGREEMENT, AG_TO, &agreement_fields[AG_TO],
	    "date", "");
	buf_add(b, "<p class=\"muted\">生效和截止日期不填时为该年度全年。"
	    "</p>\n<p><button class=\"button\" type=\"submit\">新建</button>"
	    "</p></form>\n");
}

/*
 * The unit's page, with msg above (bad: an error).  Reads the unit
 * again (after a change or a conflict).  Answers the database failure
 * itself.
 */
static void
unit_page(struct req *r, const struct staff *s, int id, const char *msg,
    int bad)
{
	struct cb_unit	 u;
	struct cb_member *m = NULL;
	struct cb_agreement *a = NULL;
	struct buf	*b = &r->body;
	char		 today[CB_DATE_LEN];
	size_t		 nm = 0, na = 0;
	int		 year, rc, manage = cb_may_manage(s);

	(void)cb_today(today, &year);
	if ((rc = cb_unit_get(r->db, id, year, &u)) == DB_OK &&
	    ((m = calloc(MAX_MEMBERS, sizeof(*m))) == NULL ||
	    (a = calloc(MAX_AGREEMENTS, sizeof(*a))) == NULL))
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = cb_members(r->db, id, m, MAX_MEMBERS, &nm);
	if (rc == DB_OK)
		rc = cb_agreements_of_unit(r->db, id, a, MAX_AGREEMENTS, &na);
	if (rc != DB_OK) {
		buf_reset(&r->body);
		http_db_error(r, rc);
		goto out;
	}
	staff_begin(r, s, u.name);
	buf_add(b, "<p class=\"crumbs\"><a href=\"/cobuild\">共驻共建</a> · "
	    "<a href=\"/cobuild/units\">共建单位</a></p>\n<h1>");
	html_txt(b, u.name);
	buf_add(b, "</h1>\n");
	html_notice(b, msg, bad);
	details(b, &u);
	if (manage)
		edit_form(r, s, &u);
	members_section(r, s, &u, m, nm, manage, today);
	agreements_section(r, s, &u, a, na, manage, year);
	html_end(r);
out:
	free(m);
	free(a);
}

/*
 * For the pages of /cobuild/units/{id}: the staff session and the unit
 * in its scope; -1 after answering (login, 404, 503).
 */
static int
unit_open(struct req *r, struct staff *s, struct cb_unit *u)
{
	int	 rc = DB_NOTFOUND, year;
	char	 today[CB_DATE_LEN];

	if (auth_require(r, ROLES_STAFF, s) == -1)
		return -1;
	(void)cb_today(today, &year);
	if (r->v[UD_ID].error == NULL)
		rc = cb_unit_get(r->db, (int)r->v[UD_ID].i, year, u);
	return cb_scoped(r, s, rc, u->ids);
}

/* GET /cobuild/units/{id} */
void
page_cb_unit(struct req *r)
{
	struct staff	 s;
	struct cb_unit	 u;

	if (unit_open(r, &s, &u) == -1)
		return;
	unit_page(r, &s, u.id, r->v[UD_DONE].present &&
	    r->v[UD_DONE].error == NULL ? "已保存。" : NULL, 0);
}

/* Save the edit of the form: a db_rc; *why for a bad form. */
static int
do_edit(struct req *r, const struct cb_unit *u, const char **why)
{
	const struct vvalue *v = r->av;
	struct cb_unit_edit e = { v[EF_VERSION].i,
	    v[EF_ORG].present ? (int)v[EF_ORG].i : -1,
	    v[EF_PARTY].present ? v[EF_PARTY].s : "",
	    v[EF_SECRETARY].present ? v[EF_SECRETARY].s : "",
	    v[EF_CONTACT].present ? v[EF_CONTACT].s : "",
	    v[EF_PHONE].present ? v[EF_PHONE].s : NULL,
	    v[EF_MEMBERS].present ? (int)v[EF_MEMBERS].i : 0,
	    v[EF_JOINED].present ? v[EF_JOINED].s : NULL };

	(void)why;
	return cb_unit_update(r->db, u->id, &e);
}

static int
do_agreement(struct req *r, const struct staff *s, const struct cb_unit *u,
    const char **why, int *id)
{
	const struct vvalue *v = r->av;
	struct cb_agreement a;
	int		 year = (int)v[AG_YEAR].i;

	memset(&a, 0, sizeof(a));
	a.unit_id = u->id;
	a.region_id = u->region_id;
	a.year = year;
	snprintf(a.title, sizeof(a.title), "%s", v[AG_TITLE].present ?
	    v[AG_TITLE].s : "");
	if (!v[AG_TITLE].present)
		snprintf(a.title, sizeof(a.title), "%d年共驻共建协议书", year);
	if (v[AG_FROM].present)
		snprintf(a.valid_from, sizeof(a.valid_from), "%s",
		    v[AG_FROM].s);
	else
		snprintf(a.valid_from, sizeof(a.valid_from), "%04d-01-01",
		    year);
	if (v[AG_TO].present)
		snprintf(a.valid_to, sizeof(a.valid_to), "%s", v[AG_TO].s);
	else
		snprintf(a.valid_to, sizeof(a.valid_to), "%04d-12-31", year);
	if (!u->active) {
		*why = "该单位已停用，不能新建协议。";
		return DB_OK;
	}
	if (day_parse(a.valid_to) < day_parse(a.valid_from)) {
		*why = "截止日期不能早于生效日期。";
		return DB_OK;
	}
	return cb_agreement_create(r->db, &a, s->u.id, time(NULL), id);
}

/*
 * POST /cobuild/units/{id}: edit, member_add, member_end, agreement.
 * 400 for a bad form, 409 for a stale edit (the page with the current
 * values and the typed ones), an agreement of a year the unit has, or a
 * member no longer serving; 303 back when saved (an agreement: to it).
 */
void
page_cb_unit_post(struct req *r)
{
	struct staff	 s;
	struct cb_unit	 u;
	const char	*why = NULL, *audit = NULL;
	char		 loc[96], detail[96];
	int		 rc = DB_OK, id = 0;

	if (unit_open(r, &s, &u) == -1)
		return;
	if (!cb_may_manage(&s)) {
		staff_not_found(r);
		return;
	}
	if (r->action < 0)
		why = "未知的操作。";
	else if (r->nabad > 0)
		why = valid_first_error(r->av, unit_actions[r->action].nfields);
	if (why != NULL) {
		r->status = 400;
		unit_page(r, &s, u.id, why, 1);
		return;
	}
	snprintf(detail, sizeof(detail), "unit %d", u.id);
	switch (r->action) {
	case UA_EDIT:
		rc = do_edit(r, &u, &why);
		audit = word_audit[AUD_CB_UNIT_EDIT].code;
		break;
	case UA_MEMBER_ADD:
		if (day_parse(r->av[MA_SINCE].s) > cb_today(loc, NULL))
			why = "任职日期不能晚于今天。";
		else
			rc = cb_member_add(r->db, u.region_id, u.id,
			    r->av[MA_NAME].s, r->av[MA_POST].present ?
			    r->av[MA_POST].s : "", r->av[MA_SINCE].s);
		audit = word_audit[AUD_CB_COMMITTEE].code;
		break;
	case UA_MEMBER_END:
		rc = cb_member_end(r->db, (int)r->av[ME_MEMBER].i, u.id,
		    r->av[ME_UNTIL].s);
		audit = word_audit[AUD_CB_COMMITTEE].code;
		break;
	case UA_AGREEMENT:
		rc = do_agreement(r, &s, &u, &why, &id);
		audit = word_audit[AUD_CB_AGREEMENT].code;
		snprintf(detail, sizeof(detail), "unit %d year %lld", u.id,
		    r->av[AG_YEAR].i);
		break;
	}
	if (rc == DB_OK && why != NULL) {
		r->status = 400;
		unit_page(r, &s, u.id, why, 1);
	} else if (rc == DB_OK) {
		snprintf(loc, sizeof(loc), "unit %d", u.id);
		auth_audit(r, &s, audit, loc, detail);
		if (r->action == UA_AGREEMENT)
			snprintf(loc, sizeof(loc), "/cobuild/agreements/%d", id);
		else
			snprintf(loc, sizeof(loc), "/cobuild/units/%d?done=1",
			    u.id);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (rc == DB_CONFLICT) {
		r->status = 409;
		unit_page(r, &s, u.id, r->action == UA_EDIT ?
		    "该单位的信息已被他人修改，未保存。下面是最新信息，"
		    "您填写的内容保留在表单中，请核对后重新提交。" :
		    r->action == UA_AGREEMENT ? "该单位这一年度已有协议，"
		    "未新建。" : "该委员已卸任，或卸任日期早于任职日期，未保存。",
		    1);
	} else
		http_db_error(r, rc);
}

/* The routes' tables. */
VFORM_NONE(form_cobuild);
VFORM(form_cb_units, units_fields);
VFORM(form_cb_unit, unit_fields);
VFORM_ACTIONS(form_cb_unit_post, unit_fields, unit_actions);
