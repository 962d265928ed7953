/*
 * Agreements (双向协议书, issue 20 points 2 and 6): a unit x community x
 * year, recorded by staff as 草拟, its commitments (承诺事项) added, signed
 * (已签订) and ended (已终止).  A commitment is fulfilled (a note, the day,
 * up to 3 photos) by the unit's account or by staff for the unit; the
 * community's staff confirm it (已确认) or send it back to 待兑现 with the
 * reason.  At year end each side rates the other once (双向评议), inside
 * the window of [cobuild] eval_open_mmdd .. eval_close_mmdd (of the next
 * year); each sees the other's rating once both have rated or the window
 * has closed.
 *
 * /cobuild/agreements/{id} is the staff page (GET, POST with actions);
 * the unit's account acts on /unit/agreements/{id} (POST: fulfil and
 * evaluate only), its page is /unit (cgi/cb_unit.c), drawn with the
 * pieces below.  Another unit's agreement, or one outside a staff
 * user's scope, is 404.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cbagree.h"
#include "config.h"
#include "day.h"
#include "html.h"
#include "photos.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define MAX_COMMITMENTS	50
#define MAX_STEPS	200

/* /cobuild/agreements/{id} and /unit/agreements/{id}. */
enum { AF_ID, AF_DONE, AF__MAX };
static const struct vfield agreement_fields[AF__MAX] = {
	{ "*0", "协议", V_ID, true, 1, INT_MAX },		/* AF_ID */
	{ "done", "已保存", V_INT, false, 1, 1 },		/* AF_DONE */
};

/* The actions' fields: a commitment's actions take the commitment and
 * its version first. */
enum { CF_KIND, CF_CONTENT, CF_QTY, CF_QTY_UNIT, CF_DUE, CF__MAX };
static const struct vfield commit_fields[CF__MAX] = {
	{ "kind", "类别", V_ENUM, true, 0, CBK__MAX, NULL, "请选择类别。",
	    "请选择类别。", .words = word_cb_kind },
	{ "content", "承诺内容", V_TEXT, true, 1, 200, NULL, NULL,
	    "请填写承诺内容。" },
	{ "quantity", "数量", V_DECIMAL, true, 10000, 9999999999LL * 1000000,
	    NULL, "数量须大于 0，最多两位小数。", "请填写数量。" },
	{ "qty_unit", "计量单位", V_TEXT, true, 1, 16, NULL, NULL,
	    "请填写计量单位，如 次、人次、元。" },
	{ "due_on", "完成期限", V_DATE, true, .missing = "请填写完成期限。" },
};
enum { SF_VERSION, SF_SIGNED_ON, SF__MAX };
static const struct vfield sign_fields[SF__MAX] = {
	{ "version", "版本", V_INT, true, 0, UINT_MAX },
	{ "signed_on", "签订日期", V_DATE, false },
};
static const struct vfield end_fields[] = {
	{ "version", "版本", V_INT, true, 0, UINT_MAX },
};
static const struct vfield fulfil_fields[CK__MAX + 3] = {
	{ "commitment", "承诺事项", V_ID, true, 1, INT_MAX },
	{ "version", "版本", V_INT, true, 0, UINT_MAX },
	{ "fulfilled_on", "兑现日期", V_DATE, true,
	    .missing = "请填写兑现日期。" },
	{ "note", "兑现情况", V_LONGTEXT, true, 1, 1000, NULL,
	    "兑现情况最多 1000 字。", "请填写兑现情况。" },
	{ "photo", "照片", V_PHOTO, false, .many = true },
};
static const struct vfield confirm_fields[CK__MAX] = {
	{ "commitment", "承诺事项", V_ID, true, 1, INT_MAX },
	{ "version", "版本", V_INT, true, 0, UINT_MAX },
};
static const struct vfield return_fields[CK__MAX + 1] = {
	{ "commitment", "承诺事项", V_ID, true, 1, INT_MAX },
	{ "version", "版本", V_INT, true, 0, UINT_MAX },
	{ "reason", "退回原因", V_LONGTEXT, true, 1, 500, NULL,
	    "退回原因最多 500 字。", "请填写退回原因。" },
};
enum { EVF_RATING, EVF_COMMENT, EVF__MAX };
static const struct vfield evaluate_fields[EVF__MAX] = {
	{ "rating", "评议结果", V_ENUM, true, 0, RATE__MAX, NULL,
	    "请选择评议结果。", "请选择评议结果。", .words = word_rating },
	{ "comment", "评议意见", V_LONGTEXT, false, 1, 1000, NULL,
	    "评议意见最多 1000 字。" },
};
const struct vaction cb_actions[CA__MAX] = {
	[CA_COMMIT] = { "commit", commit_fields, CF__MAX, NULL },
	[CA_SIGN] = { "sign", sign_fields, SF__MAX, NULL },
	[CA_END] = { "end", end_fields, NELEMS(end_fields), NULL },
	[CA_FULFIL] = { "fulfil", fulfil_fields, NELEMS(fulfil_fields), NULL },
	[CA_CONFIRM] = { "confirm", confirm_fields, CK__MAX, NULL },
	[CA_RETURN] = { "return", return_fields, NELEMS(return_fields), NULL },
	[CA_EVALUATE] = { "evaluate", evaluate_fields, EVF__MAX, NULL },
};

/* Where the forms of an agreement post: the staff's or the unit's URL. */
static void
form_open(struct buf *b, const struct staff *s, const struct cb_agreement *a,
    int unit, const char *action, const char *cls, int multipart)
{
	buf_printf(b, "<form method=\"post\" action=\"/%s/agreements/%d\" "
	    "class=\"%s\"%s>\n", unit ? "unit" : "cobuild", a->id, cls,
	    multipart ? " enctype=\"multipart/form-data\"" : "");
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">\n",
	    action);
}

/* Did the request post action a (on commitment c, 0 any) and fail?  The
 * typed values are then kept in its form. */
static int
failed(const struct req *r, int a, int c)
{
	return r->method == METHOD_POST && r->action == a &&
	    (c == 0 || r->av[CK_COMMITMENT].i == c);
}

/* The typed value of field i of a failed form, else fallback. */
static const char *
kept(const struct req *r, int a, int c, int i, const char *fallback)
{
	return failed(r, a, c) && r->av[i].s != NULL ? r->av[i].s : fallback;
}

static void
field_error(struct buf *b, const struct req *r, int a, int c, int i)
{
	if (failed(r, a, c))
		html_field_error(b, &r->av[i]);
}

void
cb_agreement_head(struct buf *b, const struct cb_agreement *a, int unit)
{
	buf_add(b, "<table class=\"details\">\n<tr><th>共建单位</th><td>");
	if (!unit)
		buf_printf(b, "<a href=\"/cobuild/units/%d\">", a->unit_id);
	html_txt(b, a->unit);
	buf_add(b, unit ? "" : "</a>");
	buf_add(b, "</td></tr>\n<tr><th>共建区域</th><td>");
	html_txt(b, a->region);
	buf_printf(b, "</td></tr>\n<tr><th>年度</th><td>%d</td></tr>\n"
	    "<tr><th>状态</th><td>", a->year);
	html_txt(b, word_agreement[a->state].label);
	if (a->signed_on[0]) {
		buf_add(b, "（");
		html_txt(b, a->signed_on);
		buf_add(b, " 签订）");
	}
	buf_add(b, "</td></tr>\n<tr><th>有效期</th><td>");
	html_txt(b, a->valid_from);
	buf_add(b, " 至 ");
	html_txt(b, a->valid_to);
	buf_printf(b, "</td></tr>\n<tr><th>承诺事项</th><td>%lld 项，已确认 "
	    "%lld 项</td></tr>\n</table>\n", a->ncommit, a->nconfirmed);
}

/* The fulfil form of open commitment c. */
static void
fulfil_form(struct req *r, const struct staff *s,
    const struct cb_agreement *a, const struct cb_commitment *c, int unit,
    const char *today)
{
	struct buf	*b = &r->body;

	buf_printf(b, "<details%s><summary>登记兑现</summary>\n",
	    failed(r, CA_FULFIL, c->id) ? " open" : "");
	form_open(b, s, a, unit, "fulfil", "card act", 1);
	buf_printf(b, "<input type=\"hidden\" name=\"commitment\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n"
	    "<label for=\"on-%d\">兑现日期</label><input id=\"on-%d\" "
	    "name=\"fulfilled_on\" type=\"date\" required max=\"%s\" value=\"",
	    c->id, c->version, c->id, c->id, today);
	html_attr(b, kept(r, CA_FULFIL, c->id, CK__MAX, today));
	buf_add(b, "\">");
	field_error(b, r, CA_FULFIL, c->id, CK__MAX);
	buf_printf(b, "\n<label for=\"note-%d\">兑现情况</label><textarea "
	    "id=\"note-%d\" name=\"note\" rows=\"3\" maxlength=\"1000\" "
	    "required>", c->id, c->id);
	html_txt(b, kept(r, CA_FULFIL, c->id, CK__MAX + 1, ""));
	buf_add(b, "</textarea>");
	field_error(b, r, CA_FULFIL, c->id, CK__MAX + 1);
	buf_printf(b, "\n<label for=\"photo-%d\">照片（最多 3 张，可不传）"
	    "</label><input id=\"photo-%d\" name=\"photo\" type=\"file\" "
	    "accept=\"image/*\" multiple>", c->id, c->id);
	field_error(b, r, CA_FULFIL, c->id, CK__MAX + 2);
	buf_add(b, "\n<button class=\"button\" type=\"submit\">提交兑现"
	    "</button></form></details>\n");
}

/* Confirm or send back fulfilled commitment c (the community's staff). */
static void
confirm_forms(struct req *r, const struct staff *s,
    const struct cb_agreement *a, const struct cb_commitment *c)
{
	struct buf	*b = &r->body;

	form_open(b, s, a, 0, "confirm", "inline", 0);
	buf_printf(b, "<input type=\"hidden\" name=\"commitment\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"version\" value=\"%lld\">"
	    "<button class=\"button\" type=\"submit\">确认兑现</button>"
	    "</form>\n<details%s><summary>退回待兑现</summary>\n", c->id,
	    c->version, failed(r, CA_RETURN, c->id) ? " open" : "");
	form_open(b, s, a, 0, "return", "card act", 0);
	buf_printf(b, "<input type=\"hidden\" name=\"commitment\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n"
	    "<label for=\"reason-%d\">退回原因</label><textarea "
	    "id=\"reason-%d\" name=\"reason\" rows=\"2\" maxlength=\"500\" "
	    "required>", c->id, c->version, c->id, c->id);
	html_txt(b, kept(r, CA_RETURN, c->id, CK__MAX, ""));
	buf_add(b, "</textarea>");
	field_error(b, r, CA_RETURN, c->id, CK__MAX);
	buf_add(b, "\n<button type=\"submit\">退回</button></form></details>\n");
}

/* A quantity as stored ("300.00", "12.50") without its zero decimals. */
static void
amount(struct buf *b, const char *q)
{
	char	 t[24];
	size_t	 n;

	snprintf(t, sizeof(t), "%s", q);
	if (strchr(t, '.') != NULL) {
		n = strlen(t);
		while (n > 0 && t[n - 1] == '0')
			t[--n] = '\0';
		if (n > 0 && t[n - 1] == '.')
			t[--n] = '\0';
	}
	html_txt(b, t);
}

void
cb_commitment_cards(struct req *r, const struct staff *s,
    const struct cb_agreement *a, const struct cb_commitment *c, size_t n,
    int unit)
{
	struct buf	*b = &r->body;
	char		 today[CB_DATE_LEN];
	int		 t = cb_today(today, NULL), manage = !unit &&
			    cb_may_manage(s);
	size_t		 i;

	if (n == 0) {
		buf_add(b, "<p class=\"muted\">尚未登记承诺事项。</p>\n");
		return;
	}
	buf_add(b, "<ul class=\"cards cb\">\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<li class=\"card\" id=\"c%d\"><strong>", c[i].id);
		html_txt(b, word_cb_kind[c[i].kind].label);
		buf_add(b, "</strong> ");
		html_txt(b, c[i].content);
		buf_add(b, "<br>数量 ");
		amount(b, c[i].quantity);
		html_txt(b, c[i].qty_unit);
		buf_add(b, " · 期限 ");
		html_txt(b, c[i].due_on);
		buf_add(b, " · ");
		html_txt(b, word_commitment[c[i].state].label);
		cb_due_note(b, &c[i], t);
		if (c[i].state != CMT_OPEN) {
			buf_add(b, "<br>兑现于 ");
			html_txt(b, c[i].fulfilled_on);
			buf_add(b, "：");
			html_txt(b, c[i].note);
			if (photos_commitment_gallery(r, b, c[i].id) != DB_OK)
				buf_add(b, "<br><span class=\"muted\">照片暂时"
				    "无法显示</span>");
		}
		if (c[i].state == CMT_OPEN && a->state == AGR_SIGNED &&
		    (unit || manage))
			fulfil_form(r, s, a, &c[i], unit, today);
		if (c[i].state == CMT_FULFILLED && manage)
			confirm_forms(r, s, a, &c[i]);
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ul>\n");
}

/* A rating given, as a paragraph. */
static void
rating_line(struct buf *b, const char *who, const struct cb_eval *e)
{
	buf_printf(b, "<p><strong>%s：", who);
	html_txt(b, word_rating[e->rating].label);
	buf_add(b, "</strong>");
	if (e->comment[0]) {
		buf_add(b, " ");
		html_txt(b, e->comment);
	}
	buf_add(b, " <span class=\"muted\">");
	html_time(b, e->at);
	buf_add(b, "</span></p>\n");
}

void
cb_eval_section(struct req *r, const struct staff *s,
    const struct cb_agreement *a, int unit)
{
	struct buf	*b = &r->body;
	struct cb_eval	 e[EVD__MAX];
	char		 today[CB_DATE_LEN], from[CB_DATE_LEN], to[CB_DATE_LEN];
	int		 mine = unit ? EVD_U2C : EVD_C2U, other = unit ?
			    EVD_C2U : EVD_U2C, w, k;
	const char	*sel;

	w = cb_eval_window(r->cfg, a->year, cb_today(today, NULL), from, to);
	if (cb_evals(r->db, a->id, e) != DB_OK) {
		buf_add(b, "<p class=\"muted\">评议暂时无法显示。</p>\n");
		return;
	}
	buf_printf(b, "<h3>%d年度双向评议</h3>\n<p class=\"muted\">评议时间 ",
	    a->year);
	html_txt(b, from);
	buf_add(b, " 至 ");
	html_txt(b, to);
	buf_add(b, w < 0 ? "（尚未开始）" : w > 0 ? "（已结束）" : "（进行中）");
	buf_add(b, "</p>\n");
	if (e[mine].given)
		rating_line(b, unit ? "本单位评社区" : "社区评单位", &e[mine]);
	if (e[other].given && (e[mine].given || w > 0))
		rating_line(b, unit ? "社区评本单位" : "单位评社区", &e[other]);
	else if (e[other].given)
		buf_add(b, "<p class=\"muted\">对方已评议，双方都评议后"
		    "（或评议结束后）可查看对方的评议。</p>\n");
	else
		buf_add(b, "<p class=\"muted\">对方尚未评议。</p>\n");
	if (e[mine].given || w != 0 || a->state == AGR_DRAFT ||
	    (!unit && !cb_may_manage(s)))
		return;
	form_open(b, s, a, unit, "evaluate", "card act", 0);
	buf_printf(b, "<fieldset><legend>%s</legend>\n", unit ?
	    "本单位对社区的评议" : "社区对本单位的评议");
	sel = kept(r, CA_EVALUATE, 0, EVF_RATING, "");
	for (k = 0; k < RATE__MAX; k++)
		buf_printf(b, "<label class=\"check\"><input type=\"radio\" "
		    "name=\"rating\" value=\"%s\" required%s> %s</label>\n",
		    word_rating[k].code, strcmp(sel, word_rating[k].code) == 0 ?
		    " checked" : "", word_rating[k].label);
	buf_add(b, "</fieldset>");
	field_error(b, r, CA_EVALUATE, 0, EVF_RATING);
	buf_add(b, "\n<label for=\"comment\">评议意见</label><textarea "
	    "id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"1000\">");
	html_txt(b, kept(r, CA_EVALUATE, 0, EVF_COMMENT, ""));
	buf_add(b, "</textarea>");
	field_error(b, r, CA_EVALUATE, 0, EVF_COMMENT);
	buf_add(b, "\n<p class=\"muted\">每年度只能评议一次，提交后不能修改。"
	    "</p><button class=\"button\" type=\"submit\">提交评议</button>"
	    "</form>\n");
}

/* Input i of the new commitment's form (attrs literal), the typed value
 * kept, else value. */
static void
commit_input(struct buf *b, const struct req *r, int i, const char *attrs,
    const char *value)
{
	const char	*name = commit_fields[i].name;

	buf_printf(b, "\n<label for=\"%s\">%s</label><input id=\"%s\" "
	    "name=\"%s\" %s required value=\"", name, commit_fields[i].label,
	    name, name, attrs);
	html_attr(b, kept(r, CA_COMMIT, 0, i, value));
	buf_add(b, "\">");
	field_error(b, r, CA_COMMIT, 0, i);
}

/* The staff's forms on the agreement: sign, end, a new commitment. */
static void
staff_forms(struct req *r, const struct staff *s, const struct cb_agreement *a)
{
	struct buf	*b = &r->body;
	char		 today[CB_DATE_LEN];
	const char	*kind;
	int		 k;

	(void)cb_today(today, NULL);
	if (a->state == AGR_DRAFT) {
		form_open(b, s, a, 0, "sign", "card act", 0);
		buf_printf(b, "<input type=\"hidden\" name=\"version\" "
		    "value=\"%lld\"><label for=\"signed_on\">签订日期</label>"
		    "<input id=\"signed_on\" name=\"signed_on\" type=\"date\" "
		    "value=\"%s\"><button class=\"button\" type=\"submit\">"
		    "签订协议</button></form>\n", a->version, today);
	} else if (a->state == AGR_SIGNED) {
		form_open(b, s, a, 0, "end", "inline", 0);
		buf_printf(b, "<input type=\"hidden\" name=\"version\" "
		    "value=\"%lld\"><button type=\"submit\">终止协议</button>"
		    "</form>\n", a->version);
	}
	if (a->state == AGR_ENDED)
		return;
	buf_printf(b, "<details%s><summary>增加承诺事项</summary>\n",
	    failed(r, CA_COMMIT, 0) ? " open" : "");
	form_open(b, s, a, 0, "commit", "card act", 0);
	kind = kept(r, CA_COMMIT, 0, CF_KIND, "");
	buf_add(b, "<label for=\"kind\">类别</label><select id=\"kind\" "
	    "name=\"kind\" required>");
	for (k = 0; k < CBK__MAX; k++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>",
		    word_cb_kind[k].code, strcmp(kind, word_cb_kind[k].code) ==
		    0 ? " selected" : "", word_cb_kind[k].label);
	buf_add(b, "</select>");
	field_error(b, r, CA_COMMIT, 0, CF_KIND);
	commit_input(b, r, CF_CONTENT, "maxlength=\"200\"", "");
	commit_input(b, r, CF_QTY, "inputmode=\"decimal\"", "");
	commit_input(b, r, CF_QTY_UNIT, "maxlength=\"16\" "
	    "placeholder=\"次、人次、元、件、小时\"", "");
	commit_input(b, r, CF_DUE, "type=\"date\"", a->valid_to);
	buf_add(b, "\n<button class=\"button\" type=\"submit\">增加</button>"
	    "</form></details>\n");
}

/* The timeline: who did what when (staff names on staff pages). */
static void
timeline(struct req *r, const struct cb_agreement *a)
{
	struct buf	*b = &r->body;
	struct cb_step	*e;
	size_t		 n = 0, i;

	if ((e = calloc(MAX_STEPS, sizeof(*e))) == NULL ||
	    cb_events(r->db, a->id, e, MAX_STEPS, &n) != DB_OK) {
		free(e);
		buf_add(b, "<p class=\"muted\">记录暂时无法显示。</p>\n");
		return;
	}
	buf_add(b, "<h2>全程记录</h2>\n<ol class=\"timeline cb\">\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<li><time>");
		html_time(b, e[i].at);
		buf_add(b, "</time> ");
		html_txt(b, word_cb_event[e[i].action].label);
		if (e[i].commitment_id > 0)
			buf_printf(b, "（<a href=\"#c%d\">承诺 %d</a>）",
			    e[i].commitment_id, e[i].commitment_id);
		buf_add(b, " · ");
		html_txt(b, e[i].role == ROLE_UNIT ? e[i].unit : e[i].who);
		buf_add(b, "（");
		html_txt(b, word_role[e[i].role].label);
		buf_add(b, "）");
		if (e[i].note[0]) {
			buf_add(b, "<br><span class=\"muted\">");
			html_txt(b, e[i].note);
			buf_add(b, "</span>");
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ol>\n");
	free(e);
}

/*
 * The staff's page of agreement id, read afresh, with msg above.
 * Answers the database failure itself.
 */
static void
agreement_page(struct req *r, const struct staff *s, int id, const char *msg,
    int bad)
{
	struct cb_agreement a;
	struct cb_commitment *c = NULL;
	struct buf	*b = &r->body;
	size_t		 n = 0;
	int		 rc;

	if ((rc = cb_agreement_get(r->db, id, &a)) == DB_OK &&
	    (c = calloc(MAX_COMMITMENTS, sizeof(*c))) == NULL)
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = cb_commitments(r->db, id, c, MAX_COMMITMENTS, &n);
	if (rc != DB_OK) {
		buf_reset(&r->body);
		http_db_error(r, rc);
		free(c);
		return;
	}
	staff_begin(r, s, a.title);
	buf_printf(b, "<p class=\"crumbs\"><a href=\"/cobuild\">共驻共建</a> · "
	    "<a href=\"/cobuild/units/%d\">", a.unit_id);
	html_txt(b, a.unit);
	buf_add(b, "</a></p>\n<h1>");
	html_txt(b, a.title);
	buf_add(b, "</h1>\n");
	html_notice(b, msg, bad);
	buf_add(b, "<section>\n");
	cb_agreement_head(b, &a, 0);
	if (cb_may_manage(s))
		staff_forms(r, s, &a);
	buf_add(b, "</section>\n<h2>承诺事项</h2>\n");
	cb_commitment_cards(r, s, &a, c, n, 0);
	buf_add(b, "<section>\n");
	cb_eval_section(r, s, &a, 0);
	buf_add(b, "</section>\n");
	timeline(r, &a);
	html_end(r);
	free(c);
}

/* The agreement of the URL: in the staff user's scope, or the unit's
 * own; -1 after answering (login, 404, 503). */
int
cb_agreement_open(struct req *r, struct staff *s, int unit,
    struct cb_agreement *a)
{
	int	 rc = DB_NOTFOUND;

	if (auth_require(r, unit ? ROLE_BIT(ROLE_UNIT) : ROLES_STAFF, s) ==
	    -1)
		return -1;
	if (r->v[AF_ID].error == NULL)
		rc = cb_agreement_get(r->db, (int)r->v[AF_ID].i, a);
	if (unit) {
		if (rc == DB_OK && (s->u.unit_id == 0 ||
		    a->unit_id != s->u.unit_id))
			rc = DB_NOTFOUND;
		if (rc == DB_NOTFOUND)
			staff_not_found(r);
		else if (rc != DB_OK)
			http_db_error(r, rc);
		return rc == DB_OK ? 0 : -1;
	}
	return cb_scoped(r, s, rc, a->ids);
}

/* GET /cobuild/agreements/{id} */
void
page_cb_agreement(struct req *r)
{
	struct staff	 s;
	struct cb_agreement a;

	if (cb_agreement_open(r, &s, 0, &a) == -1)
		return;
	agreement_page(r, &s, a.id, r->v[AF_DONE].present &&
	    r->v[AF_DONE].error == NULL ? "已保存。" : NULL, 0);
}

/* "12.5" of a quantity in millionths, two decimals kept. */
static void
quantity(char *out, size_t sz, long long m)
{
	snprintf(out, sz, "%lld.%02lld", m / 1000000, m % 1000000 / 10000);
}

/* The commitment of a commitment's action, if it is the agreement's:
 * DB_NOTFOUND otherwise. */
static int
commitment_of(struct req *r, const struct cb_agreement *a,
    struct cb_commitment *c)
{
	int	 rc = cb_commitment_get(r->db, (int)r->av[CK_COMMITMENT].i, c);

	return rc == DB_OK && c->agreement_id != a->id ? DB_NOTFOUND : rc;
}

static int
act_fulfil(struct req *r, const struct staff *s, const struct cb_agreement *a,
    const char **why)
{
	struct cb_commitment c;
	struct photos_taken pt = { .n = 0 };
	char		 today[CB_DATE_LEN];
	int		 rc;

	if ((rc = commitment_of(r, a, &c)) != DB_OK)
		return rc;
	if (day_parse(r->av[CK__MAX].s) > cb_today(today, NULL)) {
		r->av[CK__MAX].error = "兑现日期不能晚于今天。";
		*why = r->av[CK__MAX].error;
		return DB_OK;
	}
	if ((*why = photos_take(r, &fulfil_fields[CK__MAX + 2], "note",
	    &pt)) != NULL) {
		r->av[CK__MAX + 2].error = *why;
		return DB_OK;
	}
	rc = cb_fulfil(r->db, &c, r->av[CK_VERSION].i, r->av[CK__MAX].s,
	    r->av[CK__MAX + 1].s, pt.dp, pt.n, s->u.id, time(NULL));
	photos_free(&pt);
	return rc;
}

static int
act_commit(struct req *r, const struct staff *s, const struct cb_agreement *a,
    const char **why)
{
	char	 q[32];

	if (day_parse(r->av[CF_DUE].s) < day_parse(a->valid_from)) {
		r->av[CF_DUE].error = "完成期限不能早于协议生效日期。";
		*why = r->av[CF_DUE].error;
		return DB_OK;
	}
	quantity(q, sizeof(q), r->av[CF_QTY].i);
	return cb_commitment_add(r->db, a->id, (int)r->av[CF_KIND].i,
	    r->av[CF_CONTENT].s, q, r->av[CF_QTY_UNIT].s, r->av[CF_DUE].s,
	    s->u.id, time(NULL));
}

static int
act_evaluate(struct req *r, const struct staff *s,
    const struct cb_agreement *a, int unit, const char **why)
{
	static char	 msg[160];
	char		 from[CB_DATE_LEN], to[CB_DATE_LEN];
	int		 w;

	w = cb_eval_window(r->cfg, a->year, cb_today(from, NULL), from, to);
	if (a->state == AGR_DRAFT) {
		*why = "协议尚未签订，不能评议。";
		return DB_CONFLICT;
	}
	if (w != 0) {
		/* Only the window's days: the same for every request. */
		snprintf(msg, sizeof(msg), w < 0 ? "%d年度的双向评议尚未开始，"
		    "%s 起可以评议。" : "%d年度的双向评议已于 %s 结束，不能再"
		    "评议。", a->year, w < 0 ? from : to);
		*why = msg;
		return DB_CONFLICT;
	}
	return cb_evaluate(r->db, a->id, unit ? EVD_U2C : EVD_C2U,
	    (int)r->av[EVF_RATING].i, r->av[EVF_COMMENT].present ?
	    r->av[EVF_COMMENT].s : "", s->u.id, time(NULL));
}

/* The audit line of action k. */
static const char *
audit_of(int k)
{
	switch (k) {
	case CA_COMMIT:
		return word_audit[AUD_CB_COMMITMENT].code;
	case CA_SIGN:
	case CA_END:
		return word_audit[AUD_CB_AGREEMENT_STATE].code;
	case CA_FULFIL:
		return word_audit[AUD_CB_FULFIL].code;
	case CA_CONFIRM:
	case CA_RETURN:
		return word_audit[AUD_CB_CONFIRM].code;
	default:
		return word_audit[AUD_CB_EVALUATE].code;
	}
}

int
cb_agreement_act(struct req *r, const struct staff *s,
    const struct cb_agreement *a, int unit, const char **why, int *dbrc)
{
	struct cb_commitment c;
	char		 today[CB_DATE_LEN], detail[64], obj[24];
	time_t		 now = time(NULL);
	int		 rc = DB_OK, k = r->action;

	*why = NULL;
	if (k < 0 || (unit && k != CA_FULFIL && k != CA_EVALUATE) ||
	    (!unit && !cb_may_manage(s)))
		return 404;
	if (r->nabad > 0) {
		*why = valid_first_error(r->av, cb_actions[k].nfields);
		return 400;
	}
	switch (k) {
	case CA_COMMIT:
		rc = act_commit(r, s, a, why);
		break;
	case CA_SIGN:
		(void)cb_today(today, NULL);
		rc = cb_agreement_move(r->db, a->id, r->av[SF_VERSION].i,
		    AGR_DRAFT, AGR_SIGNED, r->av[SF_SIGNED_ON].present ?
		    r->av[SF_SIGNED_ON].s : today, s->u.id, now);
		break;
	case CA_END:
		rc = cb_agreement_move(r->db, a->id, r->av[0].i, AGR_SIGNED,
		    AGR_ENDED, NULL, s->u.id, now);
		break;
	case CA_FULFIL:
		rc = act_fulfil(r, s, a, why);
		break;
	case CA_CONFIRM:
	case CA_RETURN:
		if ((rc = commitment_of(r, a, &c)) == DB_OK)
			rc = k == CA_CONFIRM ? cb_confirm(r->db, &c,
			    r->av[CK_VERSION].i, s->u.id, now) :
			    cb_return(r->db, &c, r->av[CK_VERSION].i,
			    r->av[CK__MAX].s, s->u.id, now);
		break;
	case CA_EVALUATE:
		rc = act_evaluate(r, s, a, unit, why);
		break;
	}
	if (rc == DB_NOTFOUND)
		return 404;
	if (rc == DB_CONFLICT) {
		if (*why == NULL)
			*why = k == CA_EVALUATE ? "本年度已评议过，每年只能评议"
			    "一次，未保存。" : "协议或承诺事项已变化（可能已被"
			    "他人处理），未保存。下面是最新状态，您填写的内容"
			    "保留在表单中。";
		return 409;
	}
	if (rc != DB_OK) {
		*dbrc = rc;
		return 0;
	}
	if (*why != NULL)
		return 400;
	snprintf(detail, sizeof(detail), "%s unit %d year %d",
	    cb_actions[k].name, a->unit_id, a->year);
	snprintf(obj, sizeof(obj), "agreement %d", a->id);
	auth_audit(r, s, audit_of(k), obj, detail);
	return 303;
}

/* POST /cobuild/agreements/{id}: an action; 303 back when saved, 400
 * (bad form), 404, 409 (stale or moved on, a second rating, outside the
 * window) with the page. */
void
page_cb_agreement_post(struct req *r)
{
	struct staff	 s;
	struct cb_agreement a;
	const char	*why;
	char		 loc[64];
	int		 st, rc = DB_ERROR;

	if (cb_agreement_open(r, &s, 0, &a) == -1)
		return;
	st = cb_agreement_act(r, &s, &a, 0, &why, &rc);
	if (st == 303) {
		snprintf(loc, sizeof(loc), "/cobuild/agreements/%d?done=1",
		    a.id);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (st == 404)
		staff_not_found(r);
	else if (st == 400 || st == 409) {
		r->status = st;
		agreement_page(r, &s, a.id, why, 1);
	} else
		http_db_error(r, rc);
}

/* The routes' tables. */
VFORM(form_cb_agreement, agreement_fields);
VFORM_ACTIONS(form_cb_agreement_post, agreement_fields, cb_actions);
VFORM_ACTIONS(form_unit_agreement_post, agreement_fields, cb_actions);
