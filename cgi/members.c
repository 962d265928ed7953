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
#include "html.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define MAX_MEMBERS	2000
#define MAX_ROWS	500
#define MAX_REGIONS	2048
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
	time_t	 now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(d, DB_DATE_LEN + 1, "%Y-%m-%d", &tm);
}

/* A date YYYY-MM-DD that exists: 0 or -1. */
static int
valid_date(const char *s)
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

static void
roster_section(struct buf *b, const struct staff *s, int cid,
    const struct db_member *m, size_t n, time_t now, const char *csv)
{
	size_t	 i;
	int	 t;

	buf_add(b, "<h2 id=\"roster\">党员名册</h2>\n<table class=\"queue\">"
	    "<thead><tr><th>姓名</th><th>手机号</th><th>类型</th><th>工作单位"
	    "</th><th>报到</th><th>操作</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<tr><td>");
		html_txt(b, m[i].name);
		buf_add(b, "</td><td>");
		html_txt(b, m[i].phone);
		buf_add(b, "</td><td>");
		html_txt(b, db_mtype_labels[m[i].type]);
		buf_add(b, "</td><td>");
		html_txt(b, m[i].employer);
		buf_add(b, "</td><td>");
		if (db_member_reported(&m[i], now)) {
			buf_add(b, "已报到，有效期至 ");
			html_time(b, m[i].report_expires_at);
		} else
			buf_add(b, m[i].reported_at ? "报到已过期" : "未报到");
		buf_printf(b, "</td><td><form method=\"post\" action=\""
		    "/staff/members/%d\" class=\"inline\">", cid);
		auth_csrf_field(b, s);
		buf_printf(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"code\"><input type=\"hidden\" name=\"member\" "
		    "value=\"%d\"><button type=\"submit\">生成验证码</button>"
		    "</form></td></tr>\n", m[i].id);
	}
	buf_add(b, "</tbody></table>\n");
	buf_printf(b, "<form method=\"post\" action=\"/staff/members/%d\" "
	    "class=\"card\"><h3>添加党员</h3>", cid);
	auth_csrf_field(b, s);
	buf_add(b, "<input type=\"hidden\" name=\"action\" value=\"add\">"
	    "<label>姓名</label><input name=\"name\" maxlength=\"64\" required>"
	    "<label>手机号</label><input name=\"phone\" maxlength=\"11\" "
	    "required><label>类型</label><select name=\"type\">");
	for (t = 0; t < DB_MT__MAX; t++)
		buf_printf(b, "<option value=\"%s\">%s</option>",
		    db_mtype_names[t], db_mtype_labels[t]);
	buf_add(b, "</select><label>工作单位</label><input name=\"employer\" "
	    "maxlength=\"128\"><button class=\"button\" type=\"submit\">添加"
	    "</button></form>\n");
	buf_printf(b, "<form method=\"post\" action=\"/staff/members/%d\" "
	    "class=\"card\"><h3>导入名册（CSV）</h3>", cid);
	auth_csrf_field(b, s);
	buf_add(b, "<input type=\"hidden\" name=\"action\" value=\"import\">"
	    "<p class=\"muted\">UTF-8 CSV，第一行为表头：姓名,手机号,类型,"
	    "工作单位；类型为 在职/离退休/流动/居民。有任何一行出错时不导入任何"
	    "数据。</p><textarea name=\"csv\" rows=\"8\" required>");
	html_txt(b, csv ? csv : "");
	buf_add(b, "</textarea><button class=\"button\" type=\"submit\">导入"
	    "</button></form>\n");
}

static void
reports_section(struct buf *b, const struct staff *s, int cid,
    const struct db_report *p, size_t n)
{
	size_t	 i;

	buf_add(b, "<h2 id=\"reports\">待确认的报到</h2>\n");
	if (n == 0)
		buf_add(b, "<p class=\"muted\">没有待确认的报到。</p>\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<form method=\"post\" action=\"/staff/members/"
		    "%d\" class=\"card\">", cid);
		auth_csrf_field(b, s);
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
		buf_add(b, "；提交于 ");
		html_time(b, p[i].submitted_at);
		buf_add(b, "</span></p><button class=\"button\" name=\"action\" "
		    "value=\"confirm\">确认报到</button> <button name=\"action\" "
		    "value=\"reject\">不予确认</button></form>\n");
	}
}

static void
menu_section(struct buf *b, const struct staff *s, int cid,
    const struct db_item *it, size_t ni, const struct db_claim *c, size_t nc)
{
	size_t	 i;

	buf_add(b, "<h2 id=\"menu\">服务菜单</h2>\n<table class=\"queue\">"
	    "<thead><tr><th>项目</th><th>时间</th><th>认领/名额</th></tr>"
	    "</thead><tbody>\n");
	for (i = 0; i < ni; i++) {
		buf_add(b, "<tr><td>");
		html_txt(b, it[i].name);
		buf_add(b, "<br><span class=\"muted\">");
		html_txt(b, it[i].description);
		buf_printf(b, "</span></td><td>%s 至 %s</td><td>%d / %d</td>"
		    "</tr>\n", it[i].starts_on, it[i].ends_on, it[i].claimed,
		    it[i].capacity);
	}
	buf_add(b, "</tbody></table>\n");
	buf_printf(b, "<form method=\"post\" action=\"/staff/members/%d\" "
	    "class=\"card\"><h3>发布服务项目</h3>", cid);
	auth_csrf_field(b, s);
	buf_add(b, "<input type=\"hidden\" name=\"action\" value=\"item\">"
	    "<label>名称</label><input name=\"name\" maxlength=\"100\" required>"
	    "<label>说明</label><textarea name=\"description\" maxlength=\"1000\""
	    " rows=\"2\"></textarea><label>服务类别编号（选填）</label><input "
	    "name=\"category\"><label>名额</label><input name=\"capacity\" "
	    "inputmode=\"numeric\" required><label>开始日期</label><input "
	    "name=\"starts\" type=\"date\" required><label>结束日期</label>"
	    "<input name=\"ends\" type=\"date\" required><button class=\"button\""
	    " type=\"submit\">发布</button></form>\n");
	buf_add(b, "<h3>认领情况</h3>\n<ul>\n");
	for (i = 0; i < nc; i++) {
		buf_add(b, "<li>");
		html_txt(b, c[i].member);
		buf_add(b, " · ");
		html_txt(b, c[i].item);
		buf_add(b, " · ");
		html_txt(b, strcmp(c[i].state, "open") == 0 ? "已认领" :
		    strcmp(c[i].state, "completed") == 0 ? "已完成" : "已撤回");
		if (strcmp(c[i].state, "open") == 0) {
			buf_printf(b, " <form method=\"post\" action=\""
			    "/staff/members/%d\" class=\"inline\">", cid);
			auth_csrf_field(b, s);
			buf_printf(b, "<input type=\"hidden\" name=\"claim\" "
			    "value=\"%d\"><button name=\"action\" value=\""
			    "complete\">标记完成</button></form>", c[i].id);
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ul>\n");
}

static void
activities_section(struct buf *b, const struct staff *s, int cid,
    const struct db_activity *a, size_t na, const struct db_member *m,
    size_t nm, time_t now)
{
	size_t	 i, j;
	int	 k;

	buf_add(b, "<h2 id=\"activities\">活动与参与记录</h2>\n");
	for (i = 0; i < na; i++) {
		buf_printf(b, "<form method=\"post\" action=\"/staff/members/"
		    "%d\" class=\"card\"><h3>", cid);
		html_txt(b, a[i].title);
		buf_printf(b, "</h3><p class=\"muted\">%s · %s · ",
		    db_akind_labels[a[i].kind], a[i].held_on);
		tenths(b, a[i].hours_tenths);
		buf_printf(b, " 小时 · 已记录 %lld 人</p>", a[i].participants);
		auth_csrf_field(b, s);
		buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\""
		    "participation\"><input type=\"hidden\" name=\"activity\" "
		    "value=\"%d\">", a[i].id);
		for (j = 0; j < nm; j++) {
			if (!db_member_reported(&m[j], now))
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
	buf_printf(b, "<form method=\"post\" action=\"/staff/members/%d\" "
	    "class=\"card\"><h3>新建活动</h3>", cid);
	auth_csrf_field(b, s);
	buf_add(b, "<input type=\"hidden\" name=\"action\" value=\"activity\">"
	    "<label>标题</label><input name=\"title\" maxlength=\"100\" required>"
	    "<label>类型</label><select name=\"kind\">");
	for (k = 0; k < DB_AK__MAX; k++)
		buf_printf(b, "<option value=\"%s\">%s</option>",
		    db_akind_names[k], db_akind_labels[k]);
	buf_add(b, "</select><label>日期</label><input name=\"date\" "
	    "type=\"date\" required><label>时长（小时）</label><input "
	    "name=\"hours\" required><button class=\"button\" type=\"submit\">"
	    "创建</button></form>\n");
}

static void
ranking_section(struct req *r, const struct db_member *m, size_t n)
{
	struct buf	*b = &r->body;
	size_t		 i;

	buf_printf(b, "<h2 id=\"ranking\">积分排行</h2>\n<p class=\"muted\">"
	    "积分 = 志愿服务时长 × %d + 完成的认领项目 × %d</p>\n"
	    "<table class=\"queue\" id=\"ranking-table\"><thead><tr><th>名次"
	    "</th><th>姓名</th><th>时长</th><th>完成认领</th><th>积分</th></tr>"
	    "</thead><tbody>\n", r->cfg->points_per_hour,
	    r->cfg->points_per_claim);
	for (i = 0; i < n; i++) {
		buf_printf(b, "<tr><td>%zu</td><td>", i + 1);
		html_txt(b, m[i].name);
		buf_add(b, "</td><td>");
		tenths(b, m[i].hours_tenths);
		buf_printf(b, "</td><td>%lld</td><td class=\"points\">",
		    m[i].completed);
		tenths(b, db_points_tenths(m[i].hours_tenths, m[i].completed,
		    r->cfg->points_per_hour, r->cfg->points_per_claim));
		buf_add(b, "</td></tr>\n");
	}
	buf_add(b, "</tbody></table>\n");
}

/* The community's page, with a message at the top. */
static void
community_page(struct req *r, const struct staff *s,
    const struct db_region *reg, const char *msg, int bad, const char *csv)
{
	struct db_member *m = NULL, *rank = NULL;
	struct db_report *p = NULL;
	struct db_item	*it = NULL;
	struct db_claim	*c = NULL;
	struct db_activity *a = NULL;
	size_t		 nm, nr, np, ni, nc, na;
	time_t		 now = time(NULL);
	int		 rc = DB_ERROR;

	if ((m = calloc(MAX_MEMBERS, sizeof(*m))) == NULL ||
	    (rank = calloc(MAX_MEMBERS, sizeof(*rank))) == NULL ||
	    (p = calloc(MAX_ROWS, sizeof(*p))) == NULL ||
	    (it = calloc(MAX_ROWS, sizeof(*it))) == NULL ||
	    (c = calloc(MAX_ROWS, sizeof(*c))) == NULL ||
	    (a = calloc(MAX_ROWS, sizeof(*a))) == NULL)
		goto fail;
	if ((rc = db_members(r->db, reg->id, 0, 0, 0, m, MAX_MEMBERS,
	    &nm)) != DB_OK || (rc = db_members(r->db, reg->id, 1,
	    r->cfg->points_per_hour, r->cfg->points_per_claim, rank,
	    MAX_MEMBERS, &nr)) != DB_OK ||
	    (rc = db_reports_pending(r->db, reg->id, p, MAX_ROWS, &np)) !=
	    DB_OK || (rc = db_items(r->db, reg->id, "", it, MAX_ROWS, &ni)) !=
	    DB_OK || (rc = db_claims(r->db, reg->id, 0, c, MAX_ROWS, &nc)) !=
	    DB_OK || (rc = db_activities(r->db, reg->id, a, MAX_ROWS, &na)) !=
	    DB_OK)
		goto fail;
	staff_begin(r, s, "党员报到与服务");
	buf_add(&r->body, "<h1>");
	html_txt(&r->body, reg->name);
	buf_add(&r->body, " · 党员报到与服务</h1>\n");
	html_notice(&r->body, msg, bad);
	roster_section(&r->body, s, reg->id, m, nm, now, csv);
	reports_section(&r->body, s, reg->id, p, np);
	menu_section(&r->body, s, reg->id, it, ni, c, nc);
	activities_section(&r->body, s, reg->id, a, na, m, nm, now);
	ranking_section(r, rank, nr);
	html_end(r);
	rc = DB_OK;
fail:
	if (rc != DB_OK)
		http_db_error(r, rc);
	free(m);
	free(rank);
	free(p);
	free(it);
	free(c);
	free(a);
}

/* GET /staff/members/{community} */
void
page_staff_members(struct req *r)
{
	struct staff	 s;
	struct db_region reg;
	const char	*done = http_query(r, "done");

	if (auth_require(r, ROLES_STAFF, &s) == -1 ||
	    community_in_scope(r, &s, &reg) == -1)
		return;
	community_page(r, &s, &reg, done != NULL ? "已保存。" : NULL, 0, NULL);
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

static const struct vfield add_fields[] = {
	{ "name", "姓名", V_TEXT, true, 1, 64 },
	{ "phone", "手机号码", V_PHONE, true, 0, 0 },
	{ "type", "类型", V_TOKEN, true, 1, 16 },
	{ "employer", "工作单位", V_TEXT, false, 1, 128 },
};

static int
act_add(struct act *a)
{
	struct vvalue	 v[4];
	int		 t, id, rc;

	if (valid_form(a->r, add_fields, 4, v) != 0 || (t = flow_lookup(
	    db_mtype_names, DB_MT__MAX, v[2].s)) < 0)
		return act_bad(a, 400, "请填写姓名、11位手机号码并选择类型。");
	rc = db_member_add(a->r->db, a->reg->id, v[0].s, v[1].s,
	    (enum db_mtype)t, v[3].present ? v[3].s : "", time(NULL), &id);
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

static int
act_decide(struct act *a, int confirm)
{
	long long	 id;
	int		 rc;

	if (valid_int(http_form(a->r, "report"), 1, INT_MAX, &id) == -1)
		return act_bad(a, 400, "请选择报到记录。");
	rc = db_report_decide(a->r->db, (int)id, a->reg->id, confirm,
	    a->s->u.id, time(NULL), a->r->cfg->report_valid_days);
	if (rc == DB_NOTFOUND)
		return act_bad(a, 409, "该报到已处理或不存在。");
	if (rc == DB_CONFLICT)
		return act_bad(a, 409, "该手机号已在其他社区的党员名册中，"
		    "请先与该社区核实。");
	snprintf(a->object, sizeof(a->object), "report:%lld", id);
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
form_member(struct act *a, struct db_member *m)
{
	long long	 id;
	int		 rc;

	if (valid_int(http_form(a->r, "member"), 1, INT_MAX, &id) == -1)
		return DB_NOTFOUND;
	if ((rc = db_member_get(a->r->db, (int)id, m)) == DB_OK &&
	    m->community_id != a->reg->id)
		rc = DB_NOTFOUND;
	return rc;
}

static int
act_code(struct act *a)
{
	struct db_member m;
	char		 code[DB_MCODE_LEN + 1];
	int		 rc;

	if ((rc = form_member(a, &m)) == DB_NOTFOUND)
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

static const struct vfield item_fields[] = {
	{ "name", "名称", V_TEXT, true, 1, 100 },
	{ "description", "说明", V_LONGTEXT, false, 1, 1000 },
	{ "category", "服务类别", V_INT, false, 1, 65535 },
	{ "capacity", "名额", V_INT, true, 1, 10000 },
	{ "starts", "开始日期", V_TEXT, true, 10, 10 },
	{ "ends", "结束日期", V_TEXT, true, 10, 10 },
};

static int
act_item(struct act *a)
{
	struct vvalue	 v[6];
	struct db_item	 it;
	int		 id, rc;

	if (valid_form(a->r, item_fields, 6, v) != 0 ||
	    valid_date(v[4].s) == -1 || valid_date(v[5].s) == -1 ||
	    strcmp(v[4].s, v[5].s) > 0)
		return act_bad(a, 400, "请填写名称、名额（1–10000）和有效的起止"
		    "日期（开始不晚于结束）。");
	memset(&it, 0, sizeof(it));
	it.community_id = a->reg->id;
	it.category_id = v[2].present ? (int)v[2].i : 0;
	snprintf(it.name, sizeof(it.name), "%s", v[0].s);
	snprintf(it.description, sizeof(it.description), "%s",
	    v[1].present ? v[1].s : "");
	it.capacity = (int)v[3].i;
	snprintf(it.starts_on, sizeof(it.starts_on), "%s", v[4].s);
	snprintf(it.ends_on, sizeof(it.ends_on), "%s", v[5].s);
	if ((rc = db_item_create(a->r->db, &it, time(NULL), &id)) == DB_OK)
		snprintf(a->object, sizeof(a->object), "item:%d", id);
	return rc;
}

static int
act_complete(struct act *a)
{
	long long	 id;
	int		 rc;

	if (valid_int(http_form(a->r, "claim"), 1, INT_MAX, &id) == -1)
		return act_bad(a, 400, "请选择认领记录。");
	rc = db_claim_complete(a->r->db, a->reg->id, (int)id, time(NULL));
	if (rc == DB_NOTFOUND)
		return act_bad(a, 409, "该认领已完成、已撤回或不存在。");
	snprintf(a->object, sizeof(a->object), "claim:%lld", id);
	return rc;
}

static const struct vfield activity_fields[] = {
	{ "title", "标题", V_TEXT, true, 1, 100 },
	{ "kind", "类型", V_TOKEN, true, 1, 16 },
	{ "date", "日期", V_TEXT, true, 10, 10 },
	{ "hours", "时长", V_DECIMAL, true, 1, 99900000 },
};

static int
act_activity(struct act *a)
{
	struct vvalue	 v[4];
	struct db_activity x;
	int		 k, id, rc;

	memset(&x, 0, sizeof(x));
	if (valid_form(a->r, activity_fields, 4, v) != 0 ||
	    (k = flow_lookup(db_akind_names, DB_AK__MAX, v[1].s)) < 0 ||
	    valid_date(v[2].s) == -1 ||
	    hours_tenths(v[3].i, &x.hours_tenths) == -1)
		return act_bad(a, 400, "请填写标题、类型、日期和时长（小时，"
		    "最多一位小数）。");
	x.community_id = a->reg->id;
	x.kind = (enum db_akind)k;
	snprintf(x.title, sizeof(x.title), "%s", v[0].s);
	snprintf(x.held_on, sizeof(x.held_on), "%s", v[2].s);
	if ((rc = db_activity_create(a->r->db, &x, &id)) == DB_OK)
		snprintf(a->object, sizeof(a->object), "activity:%d", id);
	return rc;
}

static const struct vfield part_fields[] = {
	{ "activity", "活动", V_INT, true, 1, INT_MAX },
	{ "hours", "时长", V_DECIMAL, true, 1, 99900000 },
};

static int
act_participation(struct act *a)
{
	struct vvalue	 v[2];
	struct db_activity x;
	int		*ids = NULL;
	long long	*hrs = NULL, t, id;
	size_t		 i, n = 0;
	int		 rc;

	if (valid_form(a->r, part_fields, 2, v) != 0 ||
	    hours_tenths(v[1].i, &t) == -1)
		return act_bad(a, 400, "请填写每人服务时长（小时，最多一位"
		    "小数）。");
	rc = db_activity_get(a->r->db, (int)v[0].i, &x);
	if (rc == DB_NOTFOUND || (rc == DB_OK && x.community_id !=
	    a->reg->id))
		return act_bad(a, 400, "活动不存在。");
	if (rc != DB_OK)
		return rc;
	if ((ids = calloc(a->r->nform + 1, sizeof(*ids))) == NULL ||
	    (hrs = calloc(a->r->nform + 1, sizeof(*hrs))) == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	for (i = 0; i < a->r->nform; i++) {
		if (strcmp(a->r->form[i].key, "m") != 0)
			continue;
		if (valid_int(a->r->form[i].val, 1, INT_MAX, &id) == -1) {
			rc = act_bad(a, 400, "参与人员有误。");
			goto out;
		}
		ids[n] = (int)id;
		hrs[n++] = t;
	}
	if (n == 0) {
		rc = act_bad(a, 400, "请选择参与的党员。");
		goto out;
	}
	rc = db_participation(a->r->db, x.id, ids, hrs, n, time(NULL));
	if (rc == DB_NOTFOUND)
		rc = act_bad(a, 400, "只能记录本社区已报到（且报到在有效期内）"
		    "的党员，未作修改。");
	else if (rc == DB_OK) {
		snprintf(a->object, sizeof(a->object), "activity:%d", x.id);
		snprintf(a->detail, sizeof(a->detail), "%zu members", n);
	}
out:
	free(ids);
	free(hrs);
	return rc;
}

/* The actions of POST /staff/members/{community}. */
static const struct {
	const char	*name;
	int		(*fn)(struct act *);	/* a db_rc */
} actions[] = {
	{ "add", act_add },
	{ "import", act_import },
	{ "confirm", act_confirm },
	{ "reject", act_reject },
	{ "code", act_code },
	{ "item", act_item },
	{ "complete", act_complete },
	{ "activity", act_activity },
	{ "participation", act_participation },
};

/*
 * POST /staff/members/{community}: one action.  303 back when saved,
 * 200 with the one-time code, 400 for a bad form (nothing stored), 409
 * when the change is not possible now.  Every change is audited.
 */
void
page_staff_members_post(struct req *r)
{
	struct staff	 s;
	struct db_region reg;
	struct act	*a;
	const char	*name = http_form(r, "action");
	char		 loc[64], audit[40];
	size_t		 i;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1 ||
	    community_in_scope(r, &s, &reg) == -1)
		return;
	for (i = 0; name != NULL && i < sizeof(actions) / sizeof(actions[0]);
	    i++)
		if (strcmp(actions[i].name, name) == 0)
			break;
	if (name == NULL || i == sizeof(actions) / sizeof(actions[0])) {
		r->status = 400;
		community_page(r, &s, &reg, "未知的操作。", 1, NULL);
		return;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	a->r = r;
	a->s = &s;
	a->reg = &reg;
	if ((rc = actions[i].fn(a)) != DB_OK)
		http_db_error(r, rc);
	else if (a->status != 0) {
		r->status = a->status;
		community_page(r, &s, &reg, a->msg, 1,
		    strcmp(name, "import") == 0 ? http_form(r, "csv") : NULL);
	} else {
		snprintf(audit, sizeof(audit), "member_%s", name);
		auth_audit(r, &s, audit, a->object, a->detail);
		if (a->msg[0] != '\0')
			community_page(r, &s, &reg, a->msg, 0, NULL);
		else {
			snprintf(loc, sizeof(loc), "/staff/members/%d?done=%s",
			    reg.id, name);
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
	buf_printf(b, "<p><label for=\"%s\">%s</label><input id=\"%s\" "
	    "name=\"%s\" %s value=\"", report_fields[f].name, label,
	    report_fields[f].name, report_fields[f].name, attrs);
	html_attr(b, rval(v, f));
	buf_add(b, "\">");
	html_field_error(b, v ? &v[f] : NULL);
	buf_add(b, "</p>\n");
}

/* The report form, v the input after a failed post.  A db_rc. */
static int
report_form(struct req *r, const struct vvalue *v, const char *msg)
{
	struct db_region *regs;
	struct db_category cats[64];
	struct buf	*b = &r->body;
	size_t		 ng, nc, i;
	const char	*pref;
	char		 idbuf[16];
	int		 rc, t;

	if ((regs = calloc(MAX_REGIONS, sizeof(*regs))) == NULL)
		return DB_ERROR;
	if ((rc = db_regions(r->db, regs, MAX_REGIONS, &ng)) != DB_OK ||
	    (rc = db_categories(r->db, cats, 64, &nc)) != DB_OK) {
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
		snprintf(idbuf, sizeof(idbuf), "%d", cats[i].id);
		pref = NULL;
		for (size_t k = 0; v != NULL && k < r->nform; k++)
			if (strcmp(r->form[k].key, "pref") == 0 &&
			    strcmp(r->form[k].val, idbuf) == 0)
				pref = idbuf;
		buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"pref\" value=\"%d\"%s> ", cats[i].id,
		    pref ? " checked" : "");
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
		buf_add(b, strcmp(c[i].state, "open") == 0 ? "已认领" :
		    strcmp(c[i].state, "completed") == 0 ? "已完成" : "已撤回");
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
	const char	*phone = http_form(r, "phone");
	const char	*code = http_form(r, "code");
	const char	*csrf = http_form(r, "csrf");
	char		 token[DB_HASH_LEN * 2 + 1], want[DB_HASH_LEN * 2 + 1];
	char		 d[DB_DATE_LEN + 1];
	enum db_claim_rc out;
	long long	 id;
	time_t		 now = time(NULL);
	int		 mid, rc;

	if (action != NULL && strcmp(action, "login") == 0) {
		if (phone == NULL || valid_phone(phone) == -1 || code == NULL ||
		    strlen(code) != DB_MCODE_LEN ||
		    strspn(code, "0123456789") != DB_MCODE_LEN)
			rc = DB_NOTFOUND;
		else
			rc = db_member_login(r->db, phone, code, now,
			    now + (time_t)r->cfg->member_session_minutes * 60,
			    token, &mid);
		if (rc == DB_NOTFOUND) {
			r->status = 403;
			member_login_form(r, "手机号码或验证码不正确，或验证码已"
			    "使用、已过期。");
			return;
		}
		if (rc != DB_OK) {
			http_db_error(r, rc);
			return;
		}
		auth_set_cookie(r, MEMBER_COOKIE, token, -1);
		r->status = 303;
		http_header(r, "Location", "/member");
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
