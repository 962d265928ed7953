/*
 * Admin pages: staff accounts in the admin's scope (create, disable,
 * enable, new password) and the audit log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "adminpage.h"
#include "auth.h"
#include "config.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define MAX_USERS	1000
#define AUDIT_PAGE	100

/* POST /admin/users: a new account (staff roles, and department staff
 * with their unit). */
enum { UF_USERNAME, UF_DISPLAY, UF_ROLE, UF_REGION, UF_PASSWORD, UF_UNIT,
	UF__MAX };
static const struct vfield user_fields[UF__MAX] = {
	{ "username", "用户名", V_TOKEN, true, 3, 32 },		/* UF_USERNAME */
	{ "display_name", "姓名", V_TEXT, true, 1, 32 },	/* UF_DISPLAY */
	{ "role", "角色", V_ENUM, true, 0, ROLE_UNIT + 1,	/* UF_ROLE */
	    NULL, "请选择角色", .words = word_role },
	{ "region", "所属区域编码", V_TOKEN, true, 1, 32 },	/* UF_REGION */
	{ "password", "初始密码", V_TEXT, true, 1, 128 },	/* UF_PASSWORD */
	{ "unit", "所属单位（仅部门工作人员、共建单位联络员：单位编号或名称）", V_TEXT,
	    false, 1, DB_UNIT_NAME_MAX },			/* UF_UNIT */
};

/* POST /admin/users/{id}: the account, and the action on it. */
enum { UP_ID, UP__MAX };
static const struct vfield user_post_fields[UP__MAX] = {
	{ "*0", "账号", V_ID, true },				/* UP_ID */
};
/* The actions: disable, enable, password (the fields below). */
enum { UA_DISABLE, UA_ENABLE, UA_PASSWORD, UA__MAX };
enum { UAP_PASSWORD, UAP__MAX };
static const struct vfield user_password_fields[UAP__MAX] = {
	{ "password", "新密码", V_TEXT, true, 1, 1024, NULL,	/* UAP_PASSWORD */
	    "新密码格式不正确。", "新密码格式不正确。" },
};
static const struct vaction user_actions[UA__MAX] = {
	[UA_DISABLE] = { "disable", NULL, 0 },
	[UA_ENABLE] = { "enable", NULL, 0 },
	[UA_PASSWORD] = { "password", user_password_fields, UAP__MAX },
};

static void
create_form(struct req *r, const struct staff *s, const struct vvalue *v)
{
	struct buf	*b = &r->body;
	size_t		 i;
	static const char *const types[UF__MAX] = { "text", "text", NULL,
	    "text", "password", "text" };

	buf_add(b, "<h2>新建账号</h2>\n<form method=\"post\" "
	    "action=\"/admin/users\" class=\"card\">\n");
	auth_csrf_field(b, s);
	for (i = 0; i < UF__MAX; i++) {
		buf_printf(b, "<p><label for=\"%s\">%s</label>\n",
		    user_fields[i].name, user_fields[i].label);
		if (types[i] == NULL) {
			buf_add(b, "<select id=\"role\" name=\"role\">");
			for (int k = 0; k <= ROLE_UNIT; k++)
				buf_printf(b, "<option value=\"%s\"%s>%s"
				    "</option>", word_role[k].code, v &&
				    v[i].error == NULL && v[i].present &&
				    v[i].i == k ? " selected" : "",
				    word_role[k].label);
			buf_add(b, "</select>");
		} else {
			buf_printf(b, "<input id=\"%s\" name=\"%s\" type=\"%s\" "
			    "%svalue=\"", user_fields[i].name,
			    user_fields[i].name, types[i],
			    user_fields[i].required ? "required " : "");
			if (v && v[i].s && i != UF_PASSWORD)
				html_attr(b, v[i].s);
			buf_add(b, "\">");
		}
		html_field_error(b, v ? &v[i] : NULL);
		buf_add(b, "</p>\n");
	}
	/* Each staff role's home level (flow_role_level), the admin's any. */
	buf_add(b, "<p class=\"muted\">");
	for (i = 0; i < ROLE_ADMIN; i++)
		buf_printf(b, "%s%s%s%s", word_role[i].label, i == 0 ?
		    "的区域须为" : "为", word_region[flow_role_level(
		    (enum role)i)].label, i + 1 < ROLE_ADMIN ? "，" : "。");
	buf_add(b, "部门工作人员的区域为其单位所在的街道或区，并填写所属单位"
	    "（见“单位管理”）；共建单位联络员的区域为其单位所在的社区或街道"
	    "（或其上级），所属单位须是该区域内启用的共建单位。"
	    "密码至少 12 个字符。"
	    "</p>\n"
	    "<p><button class=\"button\" type=\"submit\">创建</button></p>"
	    "</form>\n");
}

/* Open a one-action form on account id. */
static void
user_form(struct buf *b, const struct staff *s, int id, const char *action)
{
	buf_printf(b, "<form method=\"post\" action=\"/admin/users/%d\" "
	    "class=\"inline\">", id);
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">",
	    action);
}

static void
user_row(struct buf *b, const struct staff *s, const struct db_user *u,
    time_t now)
{
	buf_add(b, "<tr><td>");
	html_txt(b, u->username);
	buf_add(b, "</td><td>");
	html_txt(b, u->display_name);
	buf_add(b, "</td><td>");
	html_txt(b, word_role[u->role].label);
	buf_add(b, "</td><td>");
	html_txt(b, u->region_name);
	buf_printf(b, "</td><td>%s</td><td>", u->disabled ? "已停用" :
	    u->locked_until > now ? "临时锁定" : "正常");
	user_form(b, s, u->id, user_actions[u->disabled ? UA_ENABLE :
	    UA_DISABLE].name);
	buf_printf(b, "<button type=\"submit\">%s</button></form> ",
	    u->disabled ? "启用" : "停用");
	user_form(b, s, u->id, user_actions[UA_PASSWORD].name);
	buf_add(b, "<input name=\"password\" type=\"password\" "
	    "aria-label=\"新密码\" placeholder=\"新密码\" required>"
	    "<button type=\"submit\">重置密码</button></form></td></tr>\n");
}

static void
users_page(struct req *r, const struct staff *s, const struct vvalue *v,
    const char *msg, int bad)
{
	struct db_user	*u;
	struct buf	*b = &r->body;
	time_t		 now = time(NULL);
	size_t		 n, i;
	int		 rc;

	if ((u = calloc(MAX_USERS, sizeof(*u))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = db_users_in_scope(r->db, &s->u.scope, u, MAX_USERS, &n)) !=
	    DB_OK) {
		free(u);
		http_db_error(r, rc);
		return;
	}
	adminpage_begin(r, s, "用户管理", msg, bad);
	buf_add(b, "<section><table>\n<thead><tr><th>用户名</th><th>姓名</th>"
	    "<th>角色</th><th>区域</th><th>状态</th><th>操作</th></tr></thead>"
	    "\n<tbody>\n");
	for (i = 0; i < n; i++)
		user_row(b, s, &u[i], now);
	buf_add(b, "</tbody></table></section>\n");
	create_form(r, s, v);
	html_end(r);
	free(u);
}

/* GET /admin/users: done=1 after a change. */
enum { UL_DONE, UL__MAX };
static const struct vfield users_fields[UL__MAX] = {
	{ "done", "已保存", V_CHECK, false },			/* UL_DONE */
};

const char *
adminpage_saved(const struct req *r)
{
	const struct vvalue *done = &r->v[UL_DONE];

	return done->present && done->error == NULL ? "已保存。" : NULL;
}

int
adminpage_region(struct req *r, const struct staff *s, struct vvalue *f,
    int *region, struct db_region *reg, int *bad)
{
	int	 anc[4], rc;

	rc = db_region_by_code(r->db, f->s, region);
	if (rc == DB_OK)
		rc = db_region_get(r->db, *region, reg, anc);
	/* anc holds the region itself at its own level; a region above the
	 * admin's has a 0 there, which no scope matches. */
	if (rc == DB_OK && !db_in_scope(&s->u.scope, anc))
		rc = DB_NOTFOUND;
	if (rc == DB_NOTFOUND) {
		f->error = "区域编码不存在或不在您的管辖范围内";
		*bad = 1;
	}
	return rc;
}

void
adminpage_begin(struct req *r, const struct staff *s, const char *title,
    const char *msg, int bad)
{
	staff_begin(r, s, title);
	buf_add(&r->body, "<h1>");
	html_txt(&r->body, title);
	buf_add(&r->body, "</h1>\n");
	html_notice(&r->body, msg, bad);
}

void
adminpage_done(struct req *r, const struct staff *s, const char *action,
    const char *object, const char *detail, const char *location)
{
	char	 to[64];

	auth_audit(r, s, action, object, detail);
	snprintf(to, sizeof(to), "%s?done=1", location);
	r->status = 303;
	http_header(r, "Location", to);
}

/* GET /admin/users */
void
page_users(struct req *r)
{
	struct staff	 s;

	if (auth_require(r, ROLE_BIT(ROLE_ADMIN), &s) == 0)
		users_page(r, &s, NULL, adminpage_saved(r), 0);
}

/*
 * Check the create form beyond the field table: a db_rc, with *bad set
 * (and v[] marked) when the form is wrong.
 */
static int
check_new_user(struct req *r, const struct staff *s, struct vvalue *v,
    enum role *role, int *region, int *unit, int *bad)
{
	struct db_region reg;
	enum role	 ro = (enum role)v[UF_ROLE].i;
	int		 rc;
	const char	*p;

	if ((p = db_password_problem(v[UF_PASSWORD].s)) != NULL)
		v[UF_PASSWORD].error = p, *bad = 1;
	rc = adminpage_region(r, s, &v[UF_REGION], region, &reg, bad);
	if (rc != DB_OK && rc != DB_NOTFOUND)
		return rc;
	if (rc == DB_OK && flow_role_level(ro) != 0 &&
	    flow_role_level(ro) != reg.level)
		v[UF_REGION].error = "区域层级与角色不符", *bad = 1;
	*role = ro;
	*unit = 0;
	if (ro != ROLE_DEPT && ro != ROLE_UNIT) {
		if (v[UF_UNIT].present && v[UF_UNIT].s[0] != '\0')
			v[UF_UNIT].error = "只有部门工作人员和共建单位联络员填写"
			    "所属单位", *bad = 1;
		return DB_OK;
	}
	if (rc == DB_NOTFOUND)
		return DB_OK;
	if ((rc = db_unit_for_account(r->db, v[UF_UNIT].present ?
	    v[UF_UNIT].s : "", *region, ro, unit, &p)) != DB_OK)
		return rc;
	if (p != NULL)
		v[UF_UNIT].error = p, *bad = 1;
	return DB_OK;
}

/* POST /admin/users: a new account. */
void
page_users_post(struct req *r)
{
	struct staff	 s;
	struct vvalue	*v = r->v;
	enum role	 role;
	int		 region = 0, unit = 0, bad = 0, id, rc = DB_OK;
	char		 detail[96];

	if (auth_require(r, ROLE_BIT(ROLE_ADMIN), &s) == -1)
		return;
	if (r->nbad != 0 || ((rc =
	    check_new_user(r, &s, v, &role, &region, &unit, &bad)) == DB_OK &&
	    bad))
		goto bad;
	if (rc == DB_OK && (rc = unit != 0 ? db_user_create_unit(r->db,
	    v[UF_USERNAME].s, v[UF_DISPLAY].s, role, region, unit,
	    v[UF_PASSWORD].s, time(NULL), &id) : db_user_create(r->db,
	    v[UF_USERNAME].s, v[UF_DISPLAY].s, role, region,
	    v[UF_PASSWORD].s, time(NULL), &id)) == DB_CONFLICT) {
		v[UF_USERNAME].error = "用户名已存在";
		goto bad;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	if (unit != 0)
		snprintf(detail, sizeof(detail), "role %s region %s unit %d",
		    word_role[role].code, v[UF_REGION].s, unit);
	else
		snprintf(detail, sizeof(detail), "role %s region %s",
		    word_role[role].code, v[UF_REGION].s);
	adminpage_done(r, &s, "user_create", v[UF_USERNAME].s, detail,
	    "/admin/users");
	return;
bad:
	r->status = 400;
	users_page(r, &s, v, "请按提示修改后重新提交。", 1);
}

/*
 * POST /admin/users/{id}: disable, enable, or a new password.  303 when
 * done, 400 with the page and a message, 404 for an account outside the
 * admin's scope.
 */
void
page_user_post(struct req *r)
{
	struct staff	 s;
	struct db_user	 u;
	const char	*msg = NULL;
	char		 audit[32];
	int		 rc = DB_OK;

	if (auth_require(r, ROLE_BIT(ROLE_ADMIN), &s) == -1)
		return;
	if (r->v[UP_ID].error != NULL) {
		staff_not_found(r);
		return;
	}
	if (staff_scoped(r, &s, db_user_by_id(r->db, (int)r->v[UP_ID].i, &u),
	    u.scope.id) == -1)
		return;
	switch (r->action) {
	case UA_PASSWORD:
		msg = r->nabad > 0 ? valid_first_error(r->av, UAP__MAX) :
		    db_password_problem(r->av[UAP_PASSWORD].s);
		if (msg == NULL)
			rc = db_user_set_password(r->db, u.id,
			    r->av[UAP_PASSWORD].s);
		break;
	case UA_DISABLE:
	case UA_ENABLE:
		if (u.id == s.u.id)
			msg = "不能停用自己的账号。";
		else
			rc = db_user_set_disabled(r->db, u.id,
			    r->action == UA_DISABLE);
		break;
	default:
		msg = "未知的操作。";
		break;
	}
	if (msg == NULL && rc == DB_OK)
		auth_forget_sessions();	/* the change ended the user's */
	if (msg != NULL) {
		r->status = 400;
		users_page(r, &s, NULL, msg, 1);
		return;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	snprintf(audit, sizeof(audit), "user_%s", user_actions[r->action].name);
	adminpage_done(r, &s, audit, u.username, "", "/admin/users");
}

/*
 * An entry's action, object and detail cells, in words: the action by
 * its label (the audit's own, else a request action's; a code only when
 * it is neither), a request action's "from -> to" by the states' labels.
 */
static void
audit_words(struct buf *b, const struct db_audit *a)
{
	char		 from[24], to[24];
	int		 k = WORD_FIND(word_audit, a->action);
	int		 f, t;

	if (k >= 0)
		html_txt(b, word_audit[k].label);
	else
		html_txt(b, WORD_LABEL(word_action, a->action));
	buf_add(b, "</td><td>");
	html_txt(b, a->object);
	buf_add(b, "</td><td>");
	if (k < 0 && sscanf(a->detail, "%23s -> %23s", from, to) == 2 &&
	    (f = WORD_FIND(word_state, from)) >= 0 &&
	    (t = WORD_FIND(word_state, to)) >= 0) {
		html_txt(b, word_state[f].label);
		buf_add(b, " → ");
		html_txt(b, word_state[t].label);
	} else
		html_txt(b, a->detail);
}

/* GET /admin/audit: the page. */
enum { AU_PAGE, AU__MAX };
static const struct vfield audit_fields[AU__MAX] = {
	{ "page", "页码", V_INT, false, 1, 100000 },		/* AU_PAGE */
};

/* GET /admin/audit: newest first, paginated. */
void
page_audit(struct req *r)
{
	struct staff	 s;
	struct db_audit	*a;
	struct buf	*b = &r->body;
	long long	 page;
	size_t		 n, i;
	int		 rc;

	if (auth_require(r, ROLE_BIT(ROLE_ADMIN), &s) == -1)
		return;
	if (r->v[AU_PAGE].error != NULL) {
		html_error_page(r, 400, "页码有误", "请返回重试。");
		return;
	}
	page = r->v[AU_PAGE].present ? r->v[AU_PAGE].i : 1;
	if ((a = calloc(AUDIT_PAGE + 1, sizeof(*a))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = db_audit_list(r->db, &s.u.scope, (page - 1) * AUDIT_PAGE, a,
	    AUDIT_PAGE + 1, &n)) != DB_OK) {
		free(a);
		http_db_error(r, rc);
		return;
	}
	staff_begin(r, &s, "操作日志");
	buf_add(b, "<h1>操作日志</h1>\n<section><table>\n<thead><tr><th>时间"
	    "</th><th>用户</th><th>操作</th><th>对象</th><th>详情</th>"
	    "<th>地址</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < n && i < AUDIT_PAGE; i++) {
		buf_add(b, "<tr><td>");
		html_time(b, a[i].at);
		buf_add(b, "</td><td>");
		html_txt(b, a[i].username);
		buf_add(b, "</td><td>");
		audit_words(b, &a[i]);
		buf_add(b, "</td><td>");
		html_txt(b, a[i].address);
		buf_add(b, "</td></tr>\n");
	}
	buf_printf(b, "</tbody></table></section>\n<p class=\"pager\">第 %lld 页",
	    page);
	if (page > 1)
		buf_printf(b, " <a href=\"/admin/audit?page=%lld\">上一页</a>",
		    page - 1);
	if (n > AUDIT_PAGE)
		buf_printf(b, " <a href=\"/admin/audit?page=%lld\">下一页</a>",
		    page + 1);
	buf_add(b, "</p>\n");
	html_end(r);
	free(a);
}

/* The routes' tables. */
VFORM(form_users, users_fields);
VFORM(form_users_post, user_fields);
VFORM_ACTIONS(form_user_post, user_post_fields, user_actions);
VFORM(form_audit, audit_fields);
