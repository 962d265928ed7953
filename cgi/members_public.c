/*
 * Party members' public pages: the report form (/report), where a member
 * reports to the community they live in, and a community's service menu
 * (/menu/{id}).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "formtoken.h"
#include "html.h"
#include "members.h"
#include "route.h"

#define MAX_REGIONS	2048

enum rpf { RP_COMMUNITY, RP_NAME, RP_PHONE, RP_TYPE, RP_EMPLOYER, RP_SKILLS,
	RP_CONSENT, RP_PREF, RP_TOKEN, RP__MAX };

static const struct vfield report_fields[RP__MAX] = {
	{ "community", "居住社区", V_ID, true, 0, 0, NULL,
	    "请从列表中选择或输入有效数字" },			/* RP_COMMUNITY */
	{ "name", "姓名", V_TEXT, true, 1, 64 },		/* RP_NAME */
	{ "phone", "手机号码", V_PHONE, true, 0, 0 },		/* RP_PHONE */
	{ "type", "党员类型", V_ENUM, true, 0, MTYPE__MAX, NULL,
	    "请选择党员类型", .words = word_mtype },		/* RP_TYPE */
	{ "employer", "工作单位", V_TEXT, false, 1, 128 },	/* RP_EMPLOYER */
	{ "skills", "特长", V_LONGTEXT, false, 1, 500 },	/* RP_SKILLS */
	{ "consent", "个人信息处理同意", V_CHECK, true, 0, 0 },	/* RP_CONSENT */
	/* The categories ticked; a bad one (a forged form) is left out. */
	{ "pref", "愿意参与的服务类别", V_ID, false, 1, 65535, NULL, NULL, NULL,
	    true },						/* RP_PREF */
	{ "token", "表单", V_TOKEN, true, 32, 32 },		/* RP_TOKEN */
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

/* Was category id ticked in the post? */
static int
ticked(const struct req *r, int id)
{
	struct vvalue	 p;
	size_t		 pos = 0;

	while (valid_next(r, &report_fields[RP_PREF], &pos, &p) == 0)
		if (p.i == id)
			return 1;
	return 0;
}

/* The report form, v the input after a failed post.  A db_rc. */
static int
report_form(struct req *r, const struct vvalue *v, const char *msg)
{
	struct db_region *regs;
	struct db_category cats[MEMBERS_MAX_CATEGORIES];
	struct buf	*b = &r->body;
	char		 hex[FORMTOKEN_HEXLEN + 1];
	size_t		 ng, nc, i;
	int		 rc, t;

	if ((regs = calloc(MAX_REGIONS, sizeof(*regs))) == NULL)
		return DB_ERROR;
	if ((rc = db_regions(r->db, regs, MAX_REGIONS, &ng)) != DB_OK ||
	    (rc = db_categories(r->db, cats, MEMBERS_MAX_CATEGORIES, &nc)) !=
	    DB_OK) {
		free(regs);
		return rc;
	}
	/* A fresh token, or the one of the form being corrected. */
	if (v != NULL && v[RP_TOKEN].error == NULL && v[RP_TOKEN].present)
		snprintf(hex, sizeof(hex), "%s", v[RP_TOKEN].s);
	else
		formtoken_make("report", hex);
	html_begin(r, "党员报到");
	buf_add(b, "<h1>在职党员到社区报到</h1>\n");
	html_notice(b, msg, 1);
	buf_add(b, "<form method=\"post\" action=\"/report\" class=\"card\" "
	    "novalidate>\n<input type=\"hidden\" name=\"token\" value=\"");
	html_attr(b, hex);
	buf_add(b, "\">\n<p><label for=\"community\">居住社区</label>"
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
	for (t = 0; t < MTYPE__MAX; t++)
		buf_printf(b, "<option value=\"%s\"%s>%s党员</option>",
		    word_mtype[t].code, strcmp(rval(v, RP_TYPE),
		    word_mtype[t].code) == 0 ? " selected" : "",
		    word_mtype[t].label);
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
		buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"pref\" value=\"%d\"%s> ", cats[i].id,
		    v != NULL && ticked(r, cats[i].id) ? " checked" : "");
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
	buf_add(b, "</p></div>\n");
	if (v != NULL && v[RP_TOKEN].error != NULL)
		buf_add(b, "<p><span class=\"err\" role=\"alert\">表单已过期，"
		    "请重新填写：已为您更新，请核对后重新提交</span></p>\n");
	buf_add(b, "<p><button class=\"button\" type=\"submit\">"
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
 * POST /report: 400 with the form and messages (nothing stored), or 200:
 * the report waits for the community's staff (one per phone while
 * pending), whether or not the phone is on a roster.
 */
void
page_report_post(struct req *r)
{
	struct vvalue	*v = r->v, p;
	struct db_report_new n;
	enum db_report_rc out;
	struct buf	 pref = { 0 };
	size_t		 pos = 0;
	int		 rc;
	unsigned char	 tok[DB_TOKEN_LEN];

	/* Within the limits of the address (then of the phone), with a
	 * token this site issued for this form, not expired. */
	if ((rc = formtoken_post(r, LIMIT_REPORT_ADDR, "report",
	    &v[RP_TOKEN], tok)) < 0)
		return;
	if (rc > 0 || r->nbad > (v[RP_PREF].error != NULL ? 1u : 0u))
		goto bad;
	if (limit_guard(r, LIMIT_REPORT_PHONE, v[RP_PHONE].s) != 0)
		return;
	while (valid_next(r, &report_fields[RP_PREF], &pos, &p) == 0)
		if (pref.len <= 400)
			buf_printf(&pref, "%s%lld", pref.len ? "," : "", p.i);
	memset(&n, 0, sizeof(n));
	n.community_id = (int)v[RP_COMMUNITY].i;
	n.name = v[RP_NAME].s;
	n.phone = v[RP_PHONE].s;
	n.type = (enum member_type)v[RP_TYPE].i;
	n.employer = v[RP_EMPLOYER].present ? v[RP_EMPLOYER].s : "";
	n.skills = v[RP_SKILLS].present ? v[RP_SKILLS].s : "";
	n.preferred = pref.p ? pref.p : "";
	n.now = time(NULL);
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
	/* The same answer whoever is on the roster (nothing to probe). */
	buf_add(&r->body, "<section class=\"card\" id=\"pending\"><h1>"
	    "报到已提交，待社区确认</h1><p>社区工作人员核实后将为您确认"
	    "报到。</p></section>\n");
	html_end(r);
	return;
bad:
	r->status = 400;
	buf_reset(&r->body);
	if ((rc = report_form(r, v, "提交未成功：请按提示修改标出的内容后重新"
	    "提交。您填写的内容已保留。")) != DB_OK)
		http_db_error(r, rc);
}

enum { MN_COMMUNITY, MN__MAX };
static const struct vfield menu_fields[MN__MAX] = {
	{ "*0", "社区", V_ID, true },				/* MN_COMMUNITY */
};

/* GET /menu/{community}: the community's service menu; 404 for none. */
void
page_menu(struct req *r)
{
	struct db_region reg;
	int		 anc[4], rc = DB_NOTFOUND;

	if (r->v[MN_COMMUNITY].error == NULL)
		rc = db_region_get(r->db, (int)r->v[MN_COMMUNITY].i, &reg,
		    anc);
	if (rc == DB_NOTFOUND || (rc == DB_OK && reg.level != 3)) {
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
	if ((rc = members_menu_table(r, reg.id, 0, "")) != DB_OK) {
		buf_reset(&r->body);
		http_db_error(r, rc);
		return;
	}
	buf_add(&r->body, "<p><a href=\"/member\">党员认领服务</a></p>\n");
	html_end(r);
}

/* The routes' tables. */
VFORM_NONE(form_report);			/* takes nothing */
VFORM(form_report_post, report_fields);
VFORM(form_menu, menu_fields);
