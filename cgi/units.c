/*
 * Admin pages: handling units (issue 19 point 3), departments (职能部门,
 * at a street or the district) and co-building units (共建单位, at a
 * street or a community) in the admin's scope, with their limits; a new
 * unit, and a unit taken out of service (停用: no longer offered for
 * summons or assignment; its accounts finish what they have) or back.
 * Their accounts are made on /admin/users (role 部门工作人员).  Built as
 * cgi/users.c builds the accounts' page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "adminpage.h"
#include "auth.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define MAX_UNITS	1000

/* The unit of resolve_days, as the form offers it: working days first
 * (the default). */
static const char *const limit_units[] = { "workdays", "days" };

/* POST /admin/units: a new unit. */
enum { NF_NAME, NF_KIND, NF_REGION, NF_RESPONSE, NF_RESOLVE, NF_UNIT,
	NF__MAX };
static const struct vfield unit_fields[NF__MAX] = {
	{ "name", "单位名称", V_TEXT, true, 1, DB_UNIT_NAME_MAX },/* NF_NAME */
	{ "kind", "类型", V_ENUM, true, 0, UNIT__MAX,		/* NF_KIND */
	    NULL, "请选择类型", .words = word_unit_kind },
	{ "region", "所在区域编码", V_TOKEN, true, 1, 32 },	/* NF_REGION */
	{ "response_hours", "报到时限（小时）", V_INT, true, 1, 720 },
	{ "resolve_days", "办结时限", V_INT, true, 1, 365 },	/* NF_RESOLVE */
	{ "resolve_unit", "办结时限单位", V_ENUM, true, 0, 2,	/* NF_UNIT */
	    limit_units, NULL, "请选择工作日或自然日" },
};

/* POST /admin/units/{id}: the unit, and the action on it. */
enum { NP_ID, NP__MAX };
static const struct vfield unit_post_fields[NP__MAX] = {
	{ "*0", "单位", V_ID, true },				/* NP_ID */
};
enum { NA_DISABLE, NA_ENABLE, NA__MAX };
static const struct vaction unit_actions[NA__MAX] = {
	[NA_DISABLE] = { "disable", NULL, 0 },
	[NA_ENABLE] = { "enable", NULL, 0 },
};

/* A text or number input of field i, its value kept after an error. */
static void
input(struct buf *b, const struct vvalue *v, int i, const char *type)
{
	buf_printf(b, "<p><label for=\"%s\">%s</label>\n<input id=\"%s\" "
	    "name=\"%s\" type=\"%s\" required value=\"", unit_fields[i].name,
	    unit_fields[i].label, unit_fields[i].name, unit_fields[i].name,
	    type);
	if (v != NULL && v[i].s != NULL)
		html_attr(b, v[i].s);
	buf_add(b, "\">");
	html_field_error(b, v ? &v[i] : NULL);
	buf_add(b, "</p>\n");
}

/* A select of field i from labels, the chosen one kept after an error. */
static void
choice(struct buf *b, const struct vvalue *v, int i, const char *const *codes,
    const char *const *labels, int n)
{
	int	 k;

	buf_printf(b, "<p><label for=\"%s\">%s</label>\n<select id=\"%s\" "
	    "name=\"%s\">", unit_fields[i].name, unit_fields[i].label,
	    unit_fields[i].name, unit_fields[i].name);
	for (k = 0; k < n; k++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>", codes[k],
		    v && v[i].error == NULL && v[i].present && v[i].i == k ?
		    " selected" : "", labels[k]);
	buf_add(b, "</select>");
	html_field_error(b, v ? &v[i] : NULL);
	buf_add(b, "</p>\n");
}

static void
create_form(struct req *r, const struct staff *s, const struct vvalue *v)
{
	struct buf	*b = &r->body;
	const char	*kc[UNIT__MAX], *kl[UNIT__MAX];
	static const char *const ul[] = { "工作日", "自然日" };
	int		 k;

	for (k = 0; k < UNIT__MAX; k++) {
		kc[k] = word_unit_kind[k].code;
		kl[k] = word_unit_kind[k].label;
	}
	buf_add(b, "<h2>新建单位</h2>\n<form method=\"post\" "
	    "action=\"/admin/units\" class=\"card\">\n");
	auth_csrf_field(b, s);
	input(b, v, NF_NAME, "text");
	choice(b, v, NF_KIND, kc, kl, UNIT__MAX);
	input(b, v, NF_REGION, "text");
	input(b, v, NF_RESPONSE, "number");
	input(b, v, NF_RESOLVE, "number");
	choice(b, v, NF_UNIT, limit_units, ul, 2);
	buf_add(b, "<p class=\"muted\">职能部门设在街道或区，由街道或区吹哨"
	    "召集；共建单位属于街道或社区，诉求可指派给它。办结时限按工作日"
	    "（节假日和调休按放假安排）或自然日计算，报到时限按小时。单位的"
	    "账号在“用户管理”中以“部门工作人员”新建。</p>\n<p><button class=\"button\" type=\"submit\">创建"
	    "</button></p></form>\n");
}

static void
unit_card(struct buf *b, const struct staff *s, const struct db_unit_row *u)
{
	buf_printf(b, "<li class=\"card\"><p><strong>");
	html_txt(b, u->name);
	buf_printf(b, "</strong> <span class=\"muted\">编号 %d</span>%s</p>\n"
	    "<p>", u->id, u->active ? "" : " <span class=\"mark\">已停用</span>");
	html_txt(b, word_unit_kind[u->kind].label);
	buf_add(b, " · ");
	html_txt(b, u->region);
	buf_printf(b, "（%s）</p>\n<p>%d 小时内报到，%d %s内办结 · 账号 %lld 个"
	    "</p>\n", u->region_code, u->response_hours, u->resolve_days,
	    u->resolve_workdays ? "个工作日" : "天", u->accounts);
	buf_printf(b, "<form method=\"post\" action=\"/admin/units/%d\" "
	    "class=\"inline\">", u->id);
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></form></li>\n",
	    unit_actions[u->active ? NA_DISABLE : NA_ENABLE].name,
	    u->active ? "停用" : "启用");
}

static void
units_page(struct req *r, const struct staff *s, const struct vvalue *v,
    const char *msg, int bad)
{
	struct db_unit_row *u = calloc(MAX_UNITS, sizeof(*u));
	struct buf	*b = &r->body;
	size_t		 n = 0, i;
	int		 rc = u == NULL ? DB_ERROR :
			    db_units_admin(r->db, &s->u.scope, u, MAX_UNITS, &n);

	if (rc != DB_OK) {
		free(u);
		http_db_error(r, rc);
		return;
	}
	adminpage_begin(r, s, "单位管理", msg, bad);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">还没有单位。</p>\n");
	else
		buf_add(b, "<ul class=\"cards units\">\n");
	for (i = 0; i < n; i++)
		unit_card(b, s, &u[i]);
	if (n > 0)
		buf_add(b, "</ul>\n");
	create_form(r, s, v);
	html_end(r);
	free(u);
}

/* GET /admin/units (done=1 after a change: the table form_users). */
void
page_units(struct req *r)
{
	struct staff	 s;

	if (auth_require(r, ROLE_BIT(ROLE_ADMIN), &s) == -1)
		return;
	units_page(r, &s, NULL, adminpage_saved(r), 0);
}

/*
 * The region of the form: in the admin's scope, at a level the kind may
 * be at.  A db_rc, with v[] marked (and *bad set) when it is wrong.
 */
static int
check_region(struct req *r, const struct staff *s, struct vvalue *v,
    int *region, int *bad)
{
	struct db_region reg;
	const char	*why;
	int		 rc;

	if ((rc = adminpage_region(r, s, &v[NF_REGION], region, &reg,
	    bad)) == DB_NOTFOUND)
		return DB_OK;
	if (rc == DB_OK && (why = db_unit_level_problem(
	    (enum unit_kind)v[NF_KIND].i, reg.level)) != NULL) {
		v[NF_REGION].error = why;
		*bad = 1;
	}
	return rc;
}

/*
 * Make the unit of the form v unless it is wrong (then v is marked and
 * *bad set): a db_rc.  *id the new unit's.
 */
static int
create_unit(struct req *r, const struct staff *s, struct vvalue *v, int *id,
    int *bad)
{
	struct db_unit_row same;
	struct db_unit_new u = { (enum unit_kind)v[NF_KIND].i, v[NF_NAME].s,
	    0, (int)v[NF_RESPONSE].i, (int)v[NF_RESOLVE].i,
	    v[NF_UNIT].i == 0 };
	int		 rc;

	if ((rc = check_region(r, s, v, &u.region_id, bad)) != DB_OK || *bad)
		return rc;
	rc = db_unit_by_name(r->db, u.region_id, v[NF_NAME].s, &same);
	if (rc == DB_NOTFOUND)
		return db_unit_create(r->db, &u, id);
	if (rc == DB_OK) {
		v[NF_NAME].error = same.active ? "该区域已有同名单位" :
		    "该区域已有同名单位（已停用，可在列表中启用）";
		*bad = 1;
	}
	return rc;
}

/* POST /admin/units: a new unit; 303 when made, 400 with the page. */
void
page_units_post(struct req *r)
{
	struct staff	 s;
	int		 bad = r->nbad != 0, id = 0, rc = DB_OK;
	char		 detail[96];

	if (auth_require(r, ROLE_BIT(ROLE_ADMIN), &s) == -1)
		return;
	if (!bad)
		rc = create_unit(r, &s, r->v, &id, &bad);
	if (rc != DB_OK) {
		http_db_error(r, rc);
	} else if (bad) {
		r->status = 400;
		units_page(r, &s, r->v, "请按提示修改后重新提交。", 1);
	} else {
		snprintf(detail, sizeof(detail), "%s region %s id %d",
		    word_unit_kind[r->v[NF_KIND].i].code, r->v[NF_REGION].s, id);
		adminpage_done(r, &s, word_audit[AUD_UNIT_CREATE].code,
		    r->v[NF_NAME].s, detail, "/admin/units");
	}
}

/* POST /admin/units/{id}: out of service (停用) or back.  404 for a unit
 * outside the admin's scope. */
void
page_unit_post(struct req *r)
{
	struct staff	 s;
	struct db_unit_row u;
	struct db_region reg;
	int		 anc[4] = { 0 }, rc;
	char		 detail[32];

	if (auth_require(r, ROLE_BIT(ROLE_ADMIN), &s) == -1)
		return;
	if (r->v[NP_ID].error != NULL || r->action >= NA__MAX) {
		staff_not_found(r);
		return;
	}
	rc = db_unit_row_get(r->db, (int)r->v[NP_ID].i, &u);
	if (rc == DB_OK)
		rc = db_region_get(r->db, u.region_id, &reg, anc);
	if (staff_scoped(r, &s, rc, anc) == -1)
		return;
	if ((rc = db_unit_set_active(r->db, u.id, r->action == NA_ENABLE)) !=
	    DB_OK) {
		http_db_error(r, rc);
		return;
	}
	snprintf(detail, sizeof(detail), "id %d", u.id);
	adminpage_done(r, &s, word_audit[r->action == NA_ENABLE ?
	    AUD_UNIT_ENABLE : AUD_UNIT_DISABLE].code, u.name, detail,
	    "/admin/units");
}

/* The routes' tables (GET /admin/units takes form_users'). */
VFORM(form_units_post, unit_fields);
VFORM_ACTIONS(form_unit_post, unit_post_fields, unit_actions);
