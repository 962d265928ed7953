/*
 * The staff sections of a community's Party members about people: the
 * roster (add a member, import a roster, give a one-time code) and the
 * pending reports (confirm or reject).  Shown and dispatched by
 * cgi/members_staff.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "csvin.h"
#include "html.h"
#include "members.h"

#define REPORTS_PAGE	50	/* pending reports on a page */

int
members_show_roster(struct members_view *v)
{
	struct db_member *m;
	struct buf	*b = &v->r->body;
	size_t		 n, i;
	int		 t, rc;

	if ((rc = members_roster_load(v, 0, &m, &n)) != DB_OK)
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
		html_txt(b, word_mtype[m[i].type].label);
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
		members_form_start(v, "inline", "code");
		buf_printf(b, "<input type=\"hidden\" name=\"member\" "
		    "value=\"%d\"><button type=\"submit\">生成验证码</button>"
		    "</form></td></tr>\n", m[i].id);
	}
	buf_add(b, "</tbody></table>\n");
	free(m);
	members_form_start(v, "card", "add");
	buf_add(b, "<h3>添加党员</h3><label>姓名</label><input name=\"name\" "
	    "maxlength=\"64\" required><label>手机号</label><input name=\"phone\""
	    " maxlength=\"11\" required><label>类型</label><select name=\"type\">");
	for (t = 0; t < MTYPE__MAX; t++)
		buf_printf(b, "<option value=\"%s\">%s</option>",
		    word_mtype[t].code, word_mtype[t].label);
	buf_add(b, "</select><label>工作单位</label><input name=\"employer\" "
	    "maxlength=\"128\"><button class=\"button\" type=\"submit\">添加"
	    "</button></form>\n");
	members_form_start(v, "card", "import");
	buf_add(b, "<h3>导入名册（CSV）</h3><p class=\"muted\">UTF-8 CSV，第一行"
	    "为表头：姓名,手机号,类型,工作单位；类型为 在职/离退休/流动/居民。"
	    "有任何一行出错时不导入任何数据。</p><textarea name=\"csv\" "
	    "rows=\"8\" required>");
	html_txt(b, v->csv ? v->csv : "");
	buf_add(b, "</textarea><button class=\"button\" type=\"submit\">导入"
	    "</button></form>\n");
	return DB_OK;
}

/* The pages of the pending reports: their number, and links to the
 * page before and after pg. */
static void
reports_pager(const struct members_view *v, long long total, long long pg)
{
	struct buf	*b = &v->r->body;
	long long	 pages = (total + REPORTS_PAGE - 1) / REPORTS_PAGE;

	if (pages <= 1)
		return;
	buf_printf(b, "<p class=\"pager\" id=\"reports-pager\">第 %lld / %lld "
	    "页", pg, pages);
	if (pg > 1)
		buf_printf(b, " <a href=\"/staff/members/%d/reports?page=%lld\">"
		    "上一页</a>", v->reg->id, pg > pages ? pages : pg - 1);
	if (pg < pages)
		buf_printf(b, " <a href=\"/staff/members/%d/reports?page=%lld\">"
		    "下一页</a>", v->reg->id, pg + 1);
	buf_add(b, "</p>\n");
}

int
members_show_reports(struct members_view *v)
{
	struct db_report *p;
	struct buf	*b = &v->r->body;
	long long	 total, pg = v->page > 0 ? v->page : 1;
	size_t		 n, i;
	int		 rc;

	if ((p = calloc(REPORTS_PAGE, sizeof(*p))) == NULL)
		return DB_ERROR;
	if ((rc = db_reports_pending(v->r->db, v->reg->id,
	    (pg - 1) * REPORTS_PAGE, p, REPORTS_PAGE, &n, &total)) != DB_OK) {
		free(p);
		return rc;
	}
	/* Every pending report counts, however many: none hidden. */
	buf_printf(b, "<p id=\"reports-total\">待确认的报到共 <strong>%lld"
	    "</strong> 条", total);
	if (total > REPORTS_PAGE)
		buf_printf(b, "，每页 %d 条，本页第 %lld–%lld 条", REPORTS_PAGE,
		    n ? (pg - 1) * REPORTS_PAGE + 1 : 0,
		    (pg - 1) * REPORTS_PAGE + (long long)n);
	buf_add(b, "。</p>\n");
	reports_pager(v, total, pg);
	if (total == 0)
		buf_add(b, "<p class=\"muted\">没有待确认的报到。</p>\n");
	else if (n == 0)
		buf_add(b, "<p class=\"muted\">这一页没有报到。</p>\n");
	for (i = 0; i < n; i++) {
		members_form_start(v, "card report", NULL);
		buf_printf(b, "<input type=\"hidden\" name=\"report\" "
		    "value=\"%d\"><p>", p[i].id);
		html_txt(b, p[i].name);
		buf_add(b, " · ");
		html_txt(b, p[i].phone);
		buf_add(b, " · ");
		html_txt(b, word_mtype[p[i].type].label);
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
		    "value=\"confirm\">确认报到</button> <button class=\"button "
		    "secondary\" name=\"action\" value=\"reject\">不予确认"
		    "</button></form>\n");
	}
	if (n > 0)
		reports_pager(v, total, pg);
	free(p);
	return DB_OK;
}

const struct vfield members_add_fields[AF__MAX] = {
	{ "name", "姓名", V_TEXT, true, 1, 64 },		/* AF_NAME */
	{ "phone", "手机号码", V_PHONE, true, 0, 0 },		/* AF_PHONE */
	{ "type", "类型", V_ENUM, true, 0, MTYPE__MAX,
	    .words = word_mtype },				/* AF_TYPE */
	{ "employer", "工作单位", V_TEXT, false, 1, 128 },	/* AF_EMPLOYER */
};

/* Add a member to the roster: 400 for a bad form, 409 for a phone on it. */
int
members_act_add(struct members_act *a)
{
	const struct vvalue *v = a->r->av;
	int		 id, rc;

	if (a->r->nabad != 0)
		return members_act_bad(a, 400, "请填写姓名、11位手机号码并选择"
		    "类型。");
	rc = db_member_add(a->r->db, a->reg->id, v[AF_NAME].s, v[AF_PHONE].s,
	    (enum member_type)v[AF_TYPE].i, v[AF_EMPLOYER].present ?
	    v[AF_EMPLOYER].s : "", time(NULL), &id);
	if (rc == DB_CONFLICT)
		return members_act_bad(a, 409, "该手机号已在党员名册中，不能重复"
		    "添加。");
	snprintf(a->object, sizeof(a->object), "member:%d", id);
	return rc;
}

/* The pasted roster, its rows and cells checked by db_roster_import. */
const struct vfield members_import_fields[IMF__MAX] = {
	{ "csv", "名册", V_FILE, true, 1, 64L << 20 },		/* IMF_CSV */
};

/*
 * Import a roster: all rows or none; 400 with every bad row (line, field,
 * reason) otherwise.
 */
int
members_act_import(struct members_act *a)
{
	const struct vvalue *csv = &a->r->av[IMF_CSV];
	struct csvin_errors e;
	size_t		 n = 0, i, len;
	int		 rc;

	if (csv->error != NULL)
		return members_act_bad(a, 400, "请粘贴名册CSV内容。");
	memset(&e, 0, sizeof(e));
	rc = db_roster_import(a->r->db, a->reg->id, csv->s, strlen(csv->s),
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

const struct vfield members_decide_fields[DF__MAX] = {
	{ "report", "报到记录", V_ID, true },			/* DF_REPORT */
};

/* Confirm a report or not: 400 without one, 409 when decided already. */
static int
decide(struct members_act *a, int confirm)
{
	int	 id = members_act_id(a, DF_REPORT), rc;

	if (id == 0)
		return members_act_bad(a, 400, "请选择报到记录。");
	rc = db_report_decide(a->r->db, id, a->reg->id, confirm,
	    a->s->u.id, time(NULL), a->r->cfg->report_valid_days);
	if (rc == DB_NOTFOUND)
		return members_act_bad(a, 409, "该报到已处理或不存在。");
	if (rc == DB_CONFLICT)
		return members_act_bad(a, 409, "该手机号已在其他社区的党员名册"
		    "中，请先与该社区核实。");
	snprintf(a->object, sizeof(a->object), "report:%d", id);
	return rc;
}

int
members_act_confirm(struct members_act *a)
{
	return decide(a, 1);
}

int
members_act_reject(struct members_act *a)
{
	return decide(a, 0);
}

const struct vfield members_code_fields[CF__MAX] = {
	{ "member", "党员", V_ID, true },			/* CF_MEMBER */
};

/*
 * A one-time code for a member of the community, shown once on the page
 * to give to the member (a->msg, not a failure); 400 for another member.
 */
int
members_act_code(struct members_act *a)
{
	struct db_member m;
	char		 code[DB_MCODE_LEN + 1];
	int		 rc;

	rc = db_member_get(a->r->db, members_act_id(a, CF_MEMBER), &m);
	if (rc == DB_NOTFOUND || (rc == DB_OK &&
	    m.community_id != a->reg->id))
		return members_act_bad(a, 400, "请选择本社区的党员。");
	if (rc != DB_OK || (rc = db_member_code(a->r->db, m.id, a->s->u.id,
	    time(NULL) + (time_t)a->r->cfg->code_hours * 3600, code)) !=
	    DB_OK)
		return rc;
	snprintf(a->object, sizeof(a->object), "member:%d", m.id);
	snprintf(a->msg, sizeof(a->msg), "%s 的一次性验证码：%s（%d小时内有效，"
	    "使用一次后失效）", m.name, code, a->r->cfg->code_hours);
	return DB_OK;
}
