/*
 * Micro-wishes (微心愿) for staff: /cobuild/wishes lists the wishes of the
 * user's scope (filtered by state and region) and posts a resident's new
 * wish; /cobuild/wishes/{id} shows one with the resident (personal data:
 * staff pages only) and its claims, and withdraws, confirms or sends it
 * back.  Grid workers and up view and post; community staff and up manage.
 * A wish outside the scope answers 404.  The public wall and the
 * claimers' pages are in cgi/wishes_claim.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "valid.h"
#include "wishes.h"
#include "wishes_view.h"

#define LIST_PAGE	50
#define MAX_COMM	2000
#define MAX_CLAIMS	50

/* Who may withdraw, confirm and send back. */
#define ROLES_MANAGE	(ROLES_STAFF & ~ROLE_BIT(ROLE_GRID))

/* Raw HTML, then text escaped. */
static void
put(struct buf *b, const char *raw, const char *text)
{
	buf_add(b, raw);
	html_txt(b, text);
}

/* The list's filters and the new wish's form (one route table each). */
enum { LF_STATE, LF_REGION, LF_PAGE, LF_DONE, LF__MAX };
static const struct vfield list_fields[LF__MAX] = {
	{ "state", "状态", V_ENUM, false, 0, WISH__MAX,		/* LF_STATE */
	    .words = word_wish },
	{ "region", "社区", V_ID, false, 1, INT_MAX },		/* LF_REGION */
	{ "page", "页码", V_INT, false, 1, 10000 },		/* LF_PAGE */
	{ "done", "已保存", V_INT, false, 1, 1 },		/* LF_DONE */
};

enum { NF_COMMUNITY, NF_TITLE, NF_DETAIL, NF_VALUE, NF_NAME, NF_PHONE,
	NF_NOTE, NF__MAX };
static const struct vfield new_fields[NF__MAX] = {
	{ "community", "社区", V_ID, true, 1, INT_MAX, NULL,	/* NF_COMMUNITY */
	    "请选择社区。", "请选择社区。" },
	{ "title", "心愿", V_TEXT, true, 2, 100, NULL,		/* NF_TITLE */
	    "心愿请写 2 至 100 字。", "请填写心愿，如：一台助听器。" },
	{ "detail", "说明", V_LONGTEXT, false, 0, 500, NULL,	/* NF_DETAIL */
	    "说明最多 500 字。" },
	{ "value", "价值上限", V_DECIMAL, true, 10000,		/* NF_VALUE */
	    (long long)DB_WISH_VALUE_MAX * 10000, NULL,
	    "价值上限请填 0.01 至 5000 元，最多两位小数。", "请填写价值上限。" },
	{ "name", "居民姓名", V_TEXT, true, 1, 64, NULL,	/* NF_NAME */
	    "姓名最多 64 字。", "请填写居民姓名（仅工作人员可见）。" },
	{ "phone", "居民手机", V_PHONE, false },		/* NF_PHONE */
	{ "note", "内部备注", V_LONGTEXT, false, 0, 500, NULL,	/* NF_NOTE */
	    "备注最多 500 字。" },
};

/* The communities of the user's scope; *c freed by the caller. */
static int
communities(struct req *r, const struct staff *s,
    struct db_wish_community **c, size_t *n)
{
	int	 rc;

	*n = 0;
	if ((*c = calloc(MAX_COMM, sizeof(**c))) == NULL)
		return DB_ERROR;
	if ((rc = db_wish_communities(r->db, &s->u.scope, *c, MAX_COMM, n)) !=
	    DB_OK) {
		free(*c);
		*c = NULL;
	}
	return rc;
}

/* The form posting a new wish, with what was typed (v: NULL when new). */
static void
new_form(struct buf *b, const struct staff *s,
    const struct db_wish_community *c, size_t nc, const struct vvalue *v)
{
	long long	 sel = v != NULL && v[NF_COMMUNITY].error == NULL ?
	    v[NF_COMMUNITY].i : 0;
	size_t		 i;

	buf_add(b, "<form method=\"post\" action=\"/cobuild/wishes\" class=\""
	    "card\" id=\"new-wish\">\n<h2>发布微心愿</h2>\n<p class=\"muted\">"
	    "心愿和说明会公开在微心愿墙上，请勿写入姓名、电话、住址；居民信息"
	    "只有工作人员可见。</p>\n");
	auth_csrf_field(b, s);
	buf_add(b, "<p><label for=\"community\">社区</label><select "
	    "id=\"community\" name=\"community\" required>\n");
	for (i = 0; i < nc; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", c[i].id,
		    c[i].id == sel || nc == 1 ? " selected" : "");
		html_txt(b, c[i].name);
		buf_add(b, "</option>\n");
	}
	buf_add(b, "</select>");
	html_field_error(b, v != NULL ? &v[NF_COMMUNITY] : NULL);
	buf_add(b, "</p>\n<p><label for=\"title\">心愿（公开）</label>");
	html_input(b, "title", "maxlength=\"100\" required placeholder=\""
	    "如：一台助听器\"", v != NULL ? &v[NF_TITLE] : NULL);
	buf_add(b, "</p>\n<p><label for=\"detail\">说明（公开）</label>"
	    "<textarea id=\"detail\" name=\"detail\" maxlength=\"500\" "
	    "rows=\"3\">");
	html_txt(b, v != NULL && v[NF_DETAIL].s != NULL ? v[NF_DETAIL].s : "");
	buf_add(b, "</textarea>");
	html_field_error(b, v != NULL ? &v[NF_DETAIL] : NULL);
	buf_add(b, "</p>\n<p><label for=\"value\">价值上限（元）</label>");
	html_input(b, "value", "inputmode=\"decimal\" maxlength=\"10\" "
	    "required", v != NULL ? &v[NF_VALUE] : NULL);
	buf_add(b, "</p>\n<fieldset><legend>居民（仅工作人员可见）</legend>\n"
	    "<p><label for=\"name\">姓名</label>");
	html_input(b, "name", "maxlength=\"64\" required",
	    v != NULL ? &v[NF_NAME] : NULL);
	buf_add(b, "</p>\n<p><label for=\"phone\">手机（可不填）</label>");
	html_input(b, "phone", "type=\"tel\" maxlength=\"20\"",
	    v != NULL ? &v[NF_PHONE] : NULL);
	buf_add(b, "</p>\n<p><label for=\"note\">内部备注（住址、情况）</label>"
	    "<textarea id=\"note\" name=\"note\" maxlength=\"500\" rows=\"2\">");
	html_txt(b, v != NULL && v[NF_NOTE].s != NULL ? v[NF_NOTE].s : "");
	buf_add(b, "</textarea>");
	html_field_error(b, v != NULL ? &v[NF_NOTE] : NULL);
	buf_add(b, "</p>\n</fieldset>\n<button class=\"button\" type=\"submit\">"
	    "发布</button></form>\n");
}

/* The filters (a GET form) over the list. */
static void
filters(struct buf *b, const struct db_wish_community *c, size_t nc,
    int state, int region)
{
	size_t	 i;
	int	 k;

	buf_add(b, "<form method=\"get\" action=\"/cobuild/wishes\" class=\""
	    "card filters\" id=\"filters\"><label for=\"state\">筛选</label>"
	    "<select id=\"state\" name=\"state\"><option value=\"\">全部状态"
	    "</option>\n");
	for (k = 0; k < WISH__MAX; k++) {
		buf_printf(b, "<option value=\"%s\"%s>", word_wish[k].code,
		    k == state ? " selected" : "");
		html_txt(b, word_wish[k].label);
		buf_add(b, "</option>\n");
	}
	buf_add(b, "</select> <select name=\"region\" aria-label=\"社区\">"
	    "<option value=\"\">全部社区</option>\n");
	for (i = 0; i < nc; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", c[i].id,
		    c[i].id == region ? " selected" : "");
		html_txt(b, c[i].name);
		buf_add(b, "</option>\n");
	}
	buf_add(b, "</select> <button class=\"button\" type=\"submit\">查看"
	    "</button></form>\n");
}

/* The list page; v and msg when a new wish was refused (400). */
static void
list_page(struct req *r, const struct staff *s, const struct vvalue *v,
    const char *msg)
{
	struct db_wish_community *c = NULL;
	struct db_wish	*w = NULL;
	struct buf	*b = &r->body;
	const struct vvalue *lv = r->v;
	int		 state = -1, region = 0, rc;
	long long	 pg = 1;
	size_t		 nc = 0, n = 0, i;
	time_t		 now = time(NULL);
	char		 q[64];

	if (v == NULL) {	/* a GET: its filters */
		state = lv[LF_STATE].present ? (int)lv[LF_STATE].i : -1;
		region = lv[LF_REGION].present ? (int)lv[LF_REGION].i : 0;
		pg = lv[LF_PAGE].present ? lv[LF_PAGE].i : 1;
	}
	if ((rc = db_wish_lapse(r->db, now)) != DB_OK ||
	    (rc = communities(r, s, &c, &nc)) != DB_OK)
		goto fail;
	if ((w = calloc(LIST_PAGE + 1, sizeof(*w))) == NULL) {
		rc = DB_ERROR;
		goto fail;
	}
	if ((rc = db_wishes_staff(r->db, &s->u.scope, state, region,
	    (pg - 1) * LIST_PAGE, w, LIST_PAGE + 1, &n)) != DB_OK)
		goto fail;
	staff_begin(r, s, "微心愿");
	buf_add(b, "<p class=\"crumbs\"><a href=\"/cobuild\">共驻共建</a> "
	    "<a href=\"/wishes\">微心愿墙（公开）</a></p>\n<h1>微心愿</h1>\n");
	html_notice(b, msg != NULL ? msg : lv[LF_DONE].present &&
	    lv[LF_DONE].error == NULL && v == NULL ? "已发布。" : NULL,
	    msg != NULL);
	filters(b, c, nc, state, region);
	if (n == 0)
		buf_add(b, "<p class=\"muted\" id=\"wish-list\">没有符合条件的"
		    "微心愿。</p>\n");
	else
		buf_add(b, "<ul class=\"wishes\" id=\"wish-list\">\n");
	for (i = 0; i < n && i < LIST_PAGE; i++) {
		buf_printf(b, "<li class=\"card\"><a href=\"/cobuild/wishes/"
		    "%lld\"><strong>", w[i].id);
		html_txt(b, w[i].title);
		put(b, "</strong></a> · ", word_wish[w[i].state].label);
		put(b, "<br><span class=\"muted\">", w[i].community);
		buf_add(b, " · 价值上限 ");
		wishes_yuan(b, w[i].value_fen);
		buf_add(b, " · 发布 ");
		html_time(b, w[i].posted_at);
		if (w[i].claimer[0] != '\0') {
			put(b, "<br>认领：", w[i].claimer);
			if (w[i].state == WISH_CLAIMED) {
				buf_add(b, " · 期限 ");
				html_time(b, w[i].claim_due);
			}
		}
		buf_add(b, "</span></li>\n");
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	snprintf(q, sizeof(q), "state=%s&amp;region=%d", state >= 0 ?
	    word_wish[state].code : "", region);
	buf_printf(b, "<p class=\"pager\">第 %lld 页", pg);
	if (pg > 1)
		buf_printf(b, " <a href=\"/cobuild/wishes?%s&amp;page=%lld\">"
		    "上一页</a>", q, pg - 1);
	if (n > LIST_PAGE)
		buf_printf(b, " <a href=\"/cobuild/wishes?%s&amp;page=%lld\">"
		    "下一页</a>", q, pg + 1);
	buf_add(b, "</p>\n");
	if (nc > 0)
		new_form(b, s, c, nc, v);
	html_end(r);
	free(c);
	free(w);
	return;
fail:
	free(c);
	free(w);
	buf_reset(b);
	http_db_error(r, rc);
}

/* GET /cobuild/wishes: the wishes of the scope, the form for a new one. */
void
page_cb_wishes(struct req *r)
{
	struct staff	 s;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if (r->nbad != 0) {
		html_error_page(r, 400, "筛选条件有误", "请返回重新选择。");
		return;
	}
	list_page(r, &s, NULL, NULL);
}

/*
 * POST /cobuild/wishes: post a new wish in a community of the scope.  400
 * with the form and the input for a bad field (nothing stored), 404 for a
 * community outside the scope, 303 to the list when saved.
 */
void
page_cb_wishes_post(struct req *r)
{
	const struct vvalue *v = r->v;
	struct staff	 s;
	struct db_region reg;
	struct db_wish_new nw;
	struct db_wish_actor a = { 0 };
	int		 anc[4] = { 0 }, rc;
	long long	 id;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if (v[NF_VALUE].error == NULL && v[NF_VALUE].i % 10000 != 0) {
		/* whole fen (分) only */
		r->v[NF_VALUE].error = new_fields[NF_VALUE].msg;
		r->nbad++;
	}
	if (r->nbad != 0) {
		r->status = 400;
		list_page(r, &s, v, "有内容需要修改，未发布。");
		return;
	}
	rc = db_region_get(r->db, (int)v[NF_COMMUNITY].i, &reg, anc);
	if (rc == DB_OK && reg.level != 3)
		rc = DB_NOTFOUND;
	/* A grid worker's scope holds the community of its grid. */
	anc[3] = s.u.scope.id[3];
	if (staff_scoped(r, &s, rc, anc) == -1)
		return;
	memset(&nw, 0, sizeof(nw));
	nw.community_id = reg.id;
	nw.title = v[NF_TITLE].s;
	nw.detail = v[NF_DETAIL].present ? v[NF_DETAIL].s : "";
	nw.value_fen = v[NF_VALUE].i / 10000;
	nw.resident_name = v[NF_NAME].s;
	nw.resident_phone = v[NF_PHONE].present ? v[NF_PHONE].s : "";
	nw.resident_note = v[NF_NOTE].present ? v[NF_NOTE].s : "";
	a.user = &s.u;
	a.addr = r->addr;
	if ((rc = db_wish_create(r->db, &nw, &a, time(NULL), &id)) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	r->status = 303;
	http_header(r, "Location", "/cobuild/wishes?done=1");
}

/* /cobuild/wishes/{id}: GET (done=1 after saving) and POST (action). */
enum { WF_ID, WF_DONE, WF__MAX };
static const struct vfield wish_fields[WF__MAX] = {
	{ "*0", "心愿编号", V_ID, true, 1, INT_MAX },		/* WF_ID */
	{ "done", "已保存", V_INT, false, 1, 1 },		/* WF_DONE */
};

/* The staff actions, in the order of enum db_wish_act from CONFIRM. */
enum { WA_CONFIRM, WA_RETURN, WA_WITHDRAW, WA__MAX };
enum { AV_VERSION, AV__MAX };
static const struct vfield act_fields[AV__MAX] = {
	{ "version", "版本", V_INT, true, 0, UINT_MAX, NULL,	/* AV_VERSION */
	    "表单已失效，请刷新后重试。", "表单已失效，请刷新后重试。" },
};
static const struct vaction wish_actions[WA__MAX] = {
	{ "confirm", act_fields, AV__MAX },			/* WA_CONFIRM */
	{ "return", act_fields, AV__MAX },			/* WA_RETURN */
	{ "withdraw", act_fields, AV__MAX },			/* WA_WITHDRAW */
};
static const struct {
	enum db_wish_act act;
	enum wish_state	 from;
	const char	*button;
	const char	*done;
} wa[WA__MAX] = {
	{ DB_WISH_CONFIRM, WISH_FULFILLED, "确认已实现", "已确认实现。" },
	{ DB_WISH_RETURN, WISH_FULFILLED, "退回认领方继续办理", "已退回认领方。" },
	{ DB_WISH_WITHDRAW, WISH_OPEN, "撤回心愿", "已撤回。" },
};

/*
 * For /cobuild/wishes/{id}: the user and the wish of the URL in their
 * scope, allocated (the caller frees it); NULL after answering.
 */
static struct db_wish *
wish_open(struct req *r, struct staff *s)
{
	struct db_wish	*w;
	int		 rc = DB_NOTFOUND;

	if (auth_require(r, ROLES_STAFF, s) == -1)
		return NULL;
	if ((w = calloc(1, sizeof(*w))) == NULL) {
		http_db_error(r, DB_ERROR);
		return NULL;
	}
	if (r->v[WF_ID].error == NULL &&
	    (rc = db_wish_lapse(r->db, time(NULL))) == DB_OK)
		rc = db_wish_get(r->db, r->v[WF_ID].i, w);
	w->ids[3] = s->u.scope.id[3];	/* see page_cb_wishes_post */
	if (staff_scoped(r, s, rc, w->ids) == -1) {
		free(w);
		return NULL;
	}
	return w;
}

static void
wish_page(struct req *r, const struct staff *s, const struct db_wish *w,
    const char *msg, int bad)
{
	struct db_wish_claim *c;
	struct buf	*b = &r->body;
	size_t		 n = 0, i;
	int		 k, rc;

	if ((c = calloc(MAX_CLAIMS, sizeof(*c))) == NULL ||
	    (rc = db_wish_claims(r->db, w->id, c, MAX_CLAIMS, &n)) != DB_OK) {
		free(c);
		http_db_error(r, DB_ERROR);
		return;
	}
	staff_begin(r, s, w->title);
	buf_add(b, "<p class=\"crumbs\"><a href=\"/cobuild/wishes\">微心愿"
	    "</a></p>\n<h1>");
	html_txt(b, w->title);
	buf_add(b, "</h1>\n");
	html_notice(b, msg, bad);
	put(b, "<section><table class=\"details\" id=\"wish\">\n<tr><th>状态"
	    "</th><td id=\"state\">", word_wish[w->state].label);
	put(b, "</td></tr>\n<tr><th>社区</th><td>", w->community);
	put(b, "</td></tr>\n<tr><th>说明</th><td>", w->detail);
	buf_add(b, "</td></tr>\n<tr><th>价值上限</th><td>");
	wishes_yuan(b, w->value_fen);
	put(b, "</td></tr>\n<tr><th>发布</th><td>", w->posted_by);
	buf_add(b, " ");
	html_time(b, w->posted_at);
	put(b, "</td></tr>\n<tr><th>居民</th><td id=\"resident\">",
	    w->resident_name);
	if (w->resident_phone[0] != '\0')
		put(b, " ", w->resident_phone);
	if (w->resident_note[0] != '\0')
		put(b, "<br><span class=\"muted\">", w->resident_note);
	if (w->resident_note[0] != '\0')
		buf_add(b, "</span>");
	buf_add(b, "<br><span class=\"muted\">仅工作人员可见</span></td></tr>\n");
	if (w->claimer[0] != '\0') {
		put(b, "<tr><th>认领方</th><td id=\"claimer\">", w->claimer);
		buf_add(b, w->unit_id != 0 ? "（共建单位）" : "（党员）");
		buf_add(b, "<br>认领 ");
		html_time(b, w->claimed_at);
		if (w->state == WISH_CLAIMED) {
			buf_add(b, " · 期限 ");
			html_time(b, w->claim_due);
		}
		buf_add(b, "</td></tr>\n");
	}
	if (w->fulfilled_at != 0) {
		buf_add(b, "<tr><th>实现情况</th><td id=\"fulfil\">");
		html_time(b, w->fulfilled_at);
		put(b, "<br>", w->fulfil_note);
		buf_add(b, "</td></tr>\n");
	}
	if (w->confirmed_at != 0) {
		buf_add(b, "<tr><th>确认实现</th><td>");
		html_time(b, w->confirmed_at);
		buf_add(b, "</td></tr>\n");
	}
	if (w->withdrawn_at != 0) {
		buf_add(b, "<tr><th>撤回</th><td>");
		html_time(b, w->withdrawn_at);
		buf_add(b, "</td></tr>\n");
	}
	buf_add(b, "</table></section>\n");
	if (ROLE_BIT(s->u.role) & ROLES_MANAGE)
		for (k = 0; k < WA__MAX; k++) {
			if (wa[k].from != w->state)
				continue;
			buf_printf(b, "<form method=\"post\" action=\"/cobuild/"
			    "wishes/%lld\" class=\"card act\">\n", w->id);
			auth_csrf_field(b, s);
			buf_printf(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"%s\"><input type=\"hidden\" name=\""
			    "version\" value=\"%lld\">\n<button class=\"button\" "
			    "type=\"submit\">%s</button></form>\n",
			    wish_actions[k].name, w->version, wa[k].button);
		}
	buf_add(b, "<h2>认领记录</h2>\n");
	if (n == 0)
		buf_add(b, "<p class=\"muted\" id=\"claims\">尚无认领。</p>\n");
	else
		buf_add(b, "<div class=\"scroll\"><table id=\"claims\"><thead>"
		    "<tr><th>认领方</th><th>认领</th><th>期限</th><th>结果</th>"
		    "<th>结束</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		put(b, "<tr><td>", c[i].claimer);
		buf_add(b, c[i].is_unit ? "（单位）" : "（党员）");
		buf_add(b, "</td><td>");
		html_time(b, c[i].claimed_at);
		buf_add(b, "</td><td>");
		html_time(b, c[i].due_at);
		put(b, "</td><td>", (int)c[i].outcome >= 0 ?
		    word_wish_claim[c[i].outcome].label : "");
		buf_add(b, "</td><td>");
		html_time(b, c[i].ended_at);
		buf_add(b, "</td></tr>\n");
	}
	if (n > 0)
		buf_add(b, "</tbody></table></div>\n");
	html_end(r);
	free(c);
}

/* GET /cobuild/wishes/{id} */
void
page_cb_wish(struct req *r)
{
	struct staff	 s;
	struct db_wish	*w;

	if ((w = wish_open(r, &s)) == NULL)
		return;
	wish_page(r, &s, w, r->v[WF_DONE].present && r->v[WF_DONE].error ==
	    NULL ? "已保存。" : NULL, 0);
	free(w);
}

/*
 * POST /cobuild/wishes/{id}: confirm, send back or withdraw.  404 for a
 * wish outside the scope or a role that may not manage, 400 for a bad
 * form, 409 when the wish changed since the form (the page shows it as it
 * is now), 303 back when saved.
 */
void
page_cb_wish_post(struct req *r)
{
	struct staff	 s;
	struct db_wish	*w;
	struct db_wish_actor a = { 0 };
	enum db_wish_rc	 out;
	char		 loc[64];
	int		 rc;

	if ((w = wish_open(r, &s)) == NULL)
		return;
	if (!(ROLE_BIT(s.u.role) & ROLES_MANAGE)) {
		staff_not_found(r);
		goto out;
	}
	if (r->action < 0 || r->nabad > 0) {
		r->status = 400;
		wish_page(r, &s, w, r->action < 0 ? "未知的操作。" :
		    valid_first_error(r->av, AV__MAX), 1);
		goto out;
	}
	a.user = &s.u;
	a.addr = r->addr;
	rc = db_wish_act(r->db, w->id, r->av[AV_VERSION].i, wa[r->action].act,
	    &a, "", r->cfg->wish_claim_days, time(NULL), &out);
	if (rc == DB_OK && out == DB_WISH_DONE) {
		snprintf(loc, sizeof(loc), "/cobuild/wishes/%lld?done=1",
		    w->id);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (rc == DB_OK) {
		if (db_wish_get(r->db, w->id, w) != DB_OK) {
			http_db_error(r, DB_ERROR);
			goto out;
		}
		r->status = 409;
		wish_page(r, &s, w, "该心愿已变化，未作修改。请查看最新状态。", 1);
	} else if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
out:
	free(w);
}

/* The routes' tables. */
VFORM(form_cb_wishes, list_fields);
VFORM(form_cb_wishes_post, new_fields);
VFORM(form_cb_wish, wish_fields);
VFORM_ACTIONS(form_cb_wish_post, wish_fields, wish_actions);
