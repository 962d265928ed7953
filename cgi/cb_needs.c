/*
 * The needs list (需求清单, issue 20 point 3): staff of a community or
 * street publish needs for a region of their scope (/cobuild/needs), or
 * turn a resident's request into one (/cobuild/needs/new?request=T, from
 * the button on the request's page: one need per request), withdraw an
 * open one, or claim it for a unit on its behalf; a unit's account claims
 * the open needs of the regions it co-builds with (/unit/needs).  A claim
 * makes the need's project; of two claims at once one wins, the other
 * gets 409.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cblistpage.h"
#include "cbpage.h"
#include "html.h"
#include "route.h"
#include "staff.h"

/* GET and POST /cobuild/needs: the list's filters, what was saved. */
enum { NL_STATE, NL_REGION, NL_DONE, NL__MAX };
static const char *const need_done[] = { "publish", "withdraw", "claim" };
static const char *const need_done_msg[] = { "需求已发布。", "需求已撤回。",
    "已代单位认领，项目已建立。" };
static const struct vfield needs_fields[NL__MAX] = {
	{ "state", "状态", V_ENUM, false, 0, NEED__MAX,	/* NL_STATE */
	    .words = word_need },
	{ "region", "社区", V_ID, false, 1, INT_MAX },		/* NL_REGION */
	{ "done", "已保存", V_ENUM, false, 0, 3, need_done },	/* NL_DONE */
};

enum { NA_PUBLISH, NA_WITHDRAW, NA_CLAIM, NA__MAX };
enum { NP_REGION, NP_TITLE, NP_KIND, NP_DETAIL, NP_REQUEST };
static const struct vfield publish_fields[] = {
	{ "region", "社区（街道）", V_ID, true, 1, INT_MAX, NULL,
	    "请选择社区。", "请选择社区。" },
	{ "title", "需求名称", V_TEXT, true, 1, 100, NULL,
	    "需求名称最多 100 字。", "请填写需求名称。" },
	{ "kind", "需求类型", V_ENUM, true, 0, CBK__MAX, NULL,
	    "请选择需求类型。", "请选择需求类型。", .words = word_cb_kind },
	{ "detail", "需求说明（不写群众姓名、电话）", V_LONGTEXT, false, 1,
	    2000, NULL, "需求说明最多 2000 字。" },
	{ "request", "来自诉求", V_TRACKING, false },
};
#define VERSION_FIELD \
	{ "version", "版本", V_INT, true, 0, UINT_MAX, NULL, \
	    "表单已失效，请刷新后重试。", "表单已失效，请刷新后重试。" }
enum { NW_NEED, NW_VERSION, NW_UNIT };
static const struct vfield withdraw_fields[] = {
	{ "need", "需求", V_ID, true, 1, INT_MAX },
	VERSION_FIELD,
};
static const struct vfield claim_fields[] = {
	{ "need", "需求", V_ID, true, 1, INT_MAX },
	VERSION_FIELD,
	{ "unit", "认领单位", V_ID, true, 1, INT_MAX, NULL,
	    "请选择认领单位。", "请选择认领单位。" },
};
static const struct vaction needs_actions[NA__MAX] = {
	[NA_PUBLISH] = { "publish", publish_fields, NELEMS(publish_fields) },
	[NA_WITHDRAW] = { "withdraw", withdraw_fields,
	    NELEMS(withdraw_fields) },
	[NA_CLAIM] = { "claim", claim_fields, NELEMS(claim_fields) },
};


/* A need as a card, with the forms the reader may use: 0, or -1 after
 * answering a database failure. */
static int
need_card(struct req *r, const struct staff *s, const struct db_need *x,
    int staff_view, const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_cb_unit *units = NULL;
	struct cb_opt	*uo;
	size_t		 nu = 0;

	buf_printf(b, "<li class=\"card\" id=\"need-%d\"><p><strong>", x->id);
	html_txt(b, x->title);
	buf_add(b, "</strong> <span class=\"mark\">");
	html_txt(b, word_need[x->state].label);
	buf_add(b, "</span></p>\n<p class=\"muted\">");
	html_txt(b, word_cb_kind[x->kind].label);
	buf_add(b, " · ");
	html_txt(b, x->region);
	cb_when(b, " · 发布 ", x->published_at);
	if (staff_view && x->tracking[0])
		buf_printf(b, " · 来自诉求 <a href=\"/staff/requests/%s\">%s"
		    "</a>", x->tracking, x->tracking);
	buf_add(b, "</p>\n");
	if (x->detail[0]) {
		buf_add(b, "<p>");
		html_txt(b, x->detail);
		buf_add(b, "</p>\n");
	}
	if (x->claim_unit_id != 0) {
		buf_add(b, "<p>认领单位：");
		html_txt(b, x->unit);
		cb_when(b, " · 认领于 ", x->claimed_at);
		cb_when(b, " · 办结于 ", x->completed_at);
		if (x->project_id != 0)
			buf_printf(b, " · <a href=\"%s%d\">查看项目</a>",
			    staff_view ? "/cobuild/projects/" :
			    "/unit/projects#project-", x->project_id);
		buf_add(b, "</p>\n");
	}
	cb_when(b, "<p class=\"muted\">撤回于 ", x->withdrawn_at);
	if (x->withdrawn_at)
		buf_add(b, "</p>\n");
	if (x->state == NEED_OPEN && !staff_view) {
		struct cb_hidden h[] = { { "need", x->id },
		    { "version", x->version } };

		cb_form(b, s, "/unit/needs", "claim", h, 2, NULL, 0, NULL, NULL,
		    0, "认领");
	}
	if (x->state == NEED_OPEN && staff_view && CB_MANAGES(s)) {
		struct cb_hidden h[] = { { "need", x->id },
		    { "version", x->version } };
		const struct vvalue *kv = cb_kept(k, NA_CLAIM, x->id, 0);

		if ((uo = cb_unit_opts(r, x->region_id, &units, &nu)) == NULL)
			return -1;
		if (nu > 0) {
			struct cb_choice c[] = { { "unit", uo, nu } };

			buf_add(b, "<details><summary>代单位认领</summary>\n");
			cb_form(b, s, "/cobuild/needs", "claim", h, 2,
			    claim_fields, NELEMS(claim_fields), kv, c, 1,
			    "代单位认领");
			buf_add(b, "</details>\n");
		}
		free(uo);
		free(units);
		cb_form(b, s, "/cobuild/needs", "withdraw", h, 2, NULL, 0, NULL,
		    NULL, 0, "撤回需求");
	}
	buf_add(b, "</li>\n");
	return 0;
}

/* The publish form, v its values (kept or prefilled) or NULL. */
static void
publish_form(struct req *r, const struct staff *s, const struct cb_opt *po,
    size_t np, const struct vvalue *v, const char *tracking)
{
	struct buf	*b = &r->body;
	struct cb_choice c[] = { { "region", po, np } };

	buf_add(b, "<h2 id=\"publish\">发布需求</h2>\n<p class=\"muted\">需求"
	    "向共建单位公开：请勿写入群众的姓名、电话、门牌等个人信息。</p>\n");
	if (tracking != NULL) {
		buf_printf(b, "<p>来自诉求 <a href=\"/staff/requests/%s\">%s"
		    "</a>。标题和说明已按诉求填好，请修改后发布。</p>\n",
		    tracking, tracking);
	}
	cb_form(b, s, "/cobuild/needs", "publish", NULL, 0, publish_fields,
	    tracking != NULL ? NELEMS(publish_fields) :
	    NELEMS(publish_fields) - 1, v, c, 1, "发布需求");
}

/* The staff list; msg a notice, k a failed POST's values. */
static void
needs_page(struct req *r, const struct staff *s, const char *msg, int bad,
    const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_cb_place *places = NULL;
	struct cb_opt	*po;
	struct db_need	*x = NULL;
	struct db_cb_filter f = { -1, 0 };
	size_t		 np = 0, n = 0, i;
	int		 rc;

	if (r->method != METHOD_POST) {
		if (r->v[NL_STATE].present && r->v[NL_STATE].error == NULL)
			f.state = (int)r->v[NL_STATE].i;
		if (r->v[NL_REGION].present && r->v[NL_REGION].error == NULL)
			f.region_id = (int)r->v[NL_REGION].i;
	}
	if ((po = cb_place_opts(r, s, &places, &np)) == NULL)
		return;
	if ((x = calloc(CB_MAX_ROWS, sizeof(*x))) == NULL ||
	    (rc = db_needs(r->db, &s->u.scope, &f, x, CB_MAX_ROWS, &n)) !=
	    DB_OK) {
		http_db_error(r, x == NULL ? DB_ERROR : rc);
		goto out;
	}
	cb_staff_begin(r, s, "需求清单");
	buf_add(b, "<h1>需求清单</h1>\n");
	html_notice(b, msg, bad);
	if (k != NULL && k->v != NULL && bad)
		cb_typed(b, k->v, needs_actions[k->action].nfields);
	cb_filters(b, "/cobuild/needs", word_need, NEED__MAX, f.state, places,
	    np, f.region_id);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">没有符合条件的需求。</p>\n");
	else
		buf_printf(b, "<p>共 %zu 项%s。</p>\n<ul class=\"summons\">\n", n,
		    n == CB_MAX_ROWS ? "（仅列出最近的）" : "");
	for (i = 0; i < n; i++) {
		if (need_card(r, s, &x[i], 1, k) == -1)
			goto out;
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	if (CB_MANAGES(s) && np > 0)
		publish_form(r, s, po, np, k != NULL && k->action ==
		    NA_PUBLISH ? k->v : NULL, NULL);
	html_end(r);
out:
	free(x);
	free(po);
	free(places);
}

/* GET /cobuild/needs */
void
page_cb_needs(struct req *r)
{
	struct staff	 s;
	const struct vvalue *d = &r->v[NL_DONE];

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	needs_page(r, &s, d->present && d->error == NULL ?
	    need_done_msg[d->i] : NULL, 0, NULL);
}

/* A need of the URL's scope, or answered (404, 503). */
static int
need_scoped(struct req *r, const struct staff *s, long long id,
    struct db_need *x)
{
	return cbl_scoped(r, s, db_need_get(r->db, (int)id, x), x->ids);
}

/* Publish (a request's tracking number in av[NP_REQUEST] when from one). */
static void
publish(struct req *r, const struct staff *s, struct cb_keep *k)
{
	const struct vvalue *v = r->av;
	struct db_request_full *f = NULL;
	struct db_need	*x = NULL;
	struct db_region reg;
	int		 anc[4] = { 0 }, id = 0, rc;
	long long	 rid = 0;

	rc = db_region_get(r->db, (int)v[NP_REGION].i, &reg, anc);
	if (rc == DB_OK && (reg.level < 2 || reg.level > 3 ||
	    !db_cb_in_scope(&s->u.scope, anc)))
		rc = DB_NOTFOUND;
	if (rc == DB_NOTFOUND) {
		r->status = 400;
		needs_page(r, s, "所选社区不在您的管辖范围内。", 1, k);
		return;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	if (v[NP_REQUEST].present) {
		if ((f = calloc(1, sizeof(*f))) == NULL ||
		    (x = calloc(1, sizeof(*x))) == NULL) {
			http_db_error(r, DB_ERROR);
			goto out;
		}
		rc = db_request_full(r->db, v[NP_REQUEST].s, f);
		if (staff_scoped(r, s, rc, f->ids) == -1)
			goto out;
		if (f->ids[2] != (int)v[NP_REGION].i) {
			r->status = 400;
			needs_page(r, s, "由诉求转来的需求须属于诉求所在社区。",
			    1, k);
			goto out;
		}
		rid = f->pub.id;
	}
	rc = db_need_publish(r->db, &s->u, (int)v[NP_REGION].i, v[NP_TITLE].s,
	    (int)v[NP_KIND].i, v[NP_DETAIL].present ? v[NP_DETAIL].s : "", rid,
	    r->addr, time(NULL), &id);
	if (rc == DB_OK)
		cb_redirect(r, "/cobuild/needs?done=publish");
	else if (rc == DB_CONFLICT && rid != 0 &&
	    db_need_of_request(r->db, rid, x) == DB_OK) {
		/* A second attempt: the request's need is shown. */
		r->status = 409;
		cb_staff_begin(r, s, "转为共建需求");
		buf_add(&r->body, "<h1>转为共建需求</h1>\n");
		html_notice(&r->body, "该诉求已转为共建需求（一个诉求只转一次），"
		    "未重复发布。", 1);
		buf_add(&r->body, "<ul class=\"summons\">\n");
		if (need_card(r, s, x, 1, NULL) == 0) {
			buf_add(&r->body, "</ul>\n");
			html_end(r);
		}
	} else
		http_db_error(r, rc == DB_CONFLICT ? DB_ERROR : rc);
out:
	free(f);
	free(x);
}

/*
 * POST /cobuild/needs: publish, withdraw, claim for a unit.  400 for a bad
 * form (nothing stored), 404 for a need outside the scope, 409 when the
 * need changed (or was claimed meanwhile), 303 when saved.
 */
void
page_cb_needs_post(struct req *r)
{
	struct staff	 s;
	struct db_need	*x;
	struct cb_keep	 k = { r->action, r->av, 0 };
	int		 rc, serves = 0, pid = 0;

	if (auth_require(r, CB_MANAGERS, &s) == -1)
		return;
	if (r->action < 0) {
		r->status = 400;
		needs_page(r, &s, "未知的操作。", 1, NULL);
		return;
	}
	k.id = r->action != NA_PUBLISH && r->av[0].error == NULL ?
	    r->av[0].i : 0;
	if (r->nabad > 0) {
		r->status = 400;
		needs_page(r, &s, valid_first_error(r->av,
		    needs_actions[r->action].nfields), 1, &k);
		return;
	}
	if (r->action == NA_PUBLISH) {
		publish(r, &s, &k);
		return;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if (need_scoped(r, &s, r->av[NW_NEED].i, x) == -1)
		goto out;
	if (r->action == NA_WITHDRAW)
		rc = db_need_withdraw(r->db, &s.u, x, r->av[NW_VERSION].i,
		    r->addr, time(NULL));
	else {
		if ((rc = db_cb_unit_serves(r->db, (int)r->av[NW_UNIT].i,
		    x->region_id, &serves)) == DB_OK && !serves) {
			r->status = 400;
			needs_page(r, &s, "所选单位未与该社区共建。", 1, &k);
			goto out;
		}
		if (rc == DB_OK)
			rc = db_need_claim(r->db, &s.u, x, r->av[NW_VERSION].i,
			    (int)r->av[NW_UNIT].i, r->addr, time(NULL), &pid);
	}
	if (rc == DB_OK)
		cb_redirect(r, r->action == NA_WITHDRAW ?
		    "/cobuild/needs?done=withdraw" :
		    "/cobuild/needs?done=claim");
	else if (rc == DB_CONFLICT) {
		r->status = 409;
		needs_page(r, &s, "该需求已变化（已被认领、撤回或修改），未作"
		    "修改。以下是最新状态。", 1, &k);
	} else
		http_db_error(r, rc);
out:
	free(x);
}

/* GET /cobuild/needs/new?request=T: the need form filled from request T
 * (or its need, when it has one). */
enum { NN_REQUEST, NN__MAX };
static const struct vfield need_new_fields[NN__MAX] = {
	{ "request", "诉求编号", V_TRACKING, true },		/* NN_REQUEST */
};

void
page_cb_need_new(struct req *r)
{
	struct staff	 s;
	struct db_request_full *f;
	struct db_need	*x = NULL;
	struct cb_opt	 one;
	struct vvalue	 v[NELEMS(publish_fields)];
	struct buf	*b = &r->body;
	char		 title[1024], region[16], kind[1] = "";
	int		 rc;

	if (auth_require(r, CB_MANAGERS, &s) == -1)
		return;
	if ((f = calloc(1, sizeof(*f))) == NULL ||
	    (x = calloc(1, sizeof(*x))) == NULL) {
		free(f);
		http_db_error(r, DB_ERROR);
		return;
	}
	rc = r->nbad > 0 ? DB_NOTFOUND :
	    db_request_full(r->db, r->v[NN_REQUEST].s, f);
	if (staff_scoped(r, &s, rc, f->ids) == -1)
		goto out;
	rc = db_need_of_request(r->db, f->pub.id, x);
	if (rc != DB_OK && rc != DB_NOTFOUND) {
		http_db_error(r, rc);
		goto out;
	}
	cb_staff_begin(r, &s, "转为共建需求");
	buf_add(b, "<h1>转为共建需求</h1>\n");
	if (rc == DB_OK) {
		html_notice(b, "该诉求已转为共建需求（一个诉求只转一次）。", 0);
		buf_add(b, "<ul class=\"summons\">\n");
		if (need_card(r, &s, x, 1, NULL) == -1)
			goto out;
		buf_add(b, "</ul>\n");
		html_end(r);
		goto out;
	}
	/* Title from the category and place, detail from the description:
	 * staff edit them before publishing. */
	snprintf(title, sizeof(title), "%s（%s%s）", f->pub.category,
	    f->pub.community, f->pub.grid);
	snprintf(region, sizeof(region), "%d", f->ids[2]);
	memset(v, 0, sizeof(v));
	v[NP_REGION].s = region;
	v[NP_TITLE].s = title;
	v[NP_KIND].s = kind;
	v[NP_DETAIL].s = f->description;
	v[NP_REQUEST].s = f->pub.tracking;
	one.id = f->ids[2];
	one.label = f->pub.community;
	one.on = 0;
	publish_form(r, &s, &one, 1, v, f->pub.tracking);
	html_end(r);
out:
	free(f);
	free(x);
}

/*
 * On a staff request's page (cgi/staff.c): for those who manage, the
 * button that turns the request into a need, or the need it became.
 * Writes nothing on a database failure.
 */
void
cb_request_section(struct req *r, const struct staff *s,
    const struct db_request_full *f)
{
	struct buf	*b = &r->body;
	struct db_need	*x;
	int		 rc;

	if (!CB_MANAGES(s) || f->ids[2] == 0 ||
	    (x = calloc(1, sizeof(*x))) == NULL)
		return;
	rc = db_need_of_request(r->db, f->pub.id, x);
	if (rc == DB_OK) {
		buf_printf(b, "<h2>共建需求</h2>\n<p>已转为共建需求：<a href=\""
		    "/cobuild/needs?region=%d#need-%d\">", x->region_id, x->id);
		html_txt(b, x->title);
		buf_add(b, "</a>（");
		html_txt(b, word_need[x->state].label);
		buf_add(b, "）</p>\n");
	} else if (rc == DB_NOTFOUND)
		buf_printf(b, "<form method=\"get\" action=\"/cobuild/needs/new\""
		    " class=\"card act\"><input type=\"hidden\" name=\"request\" "
		    "value=\"%s\"><p class=\"muted\">需要共建单位帮助解决的，可"
		    "转入需求清单，由共建单位认领。</p><p><button class=\"button\""
		    " type=\"submit\">转为共建需求</button></p></form>\n",
		    f->pub.tracking);
	free(x);
}

/* GET and POST /unit/needs */
enum { UN_DONE, UN__MAX };
static const char *const unit_need_done[] = { "claim" };
static const struct vfield unit_needs_fields[UN__MAX] = {
	{ "done", "已保存", V_ENUM, false, 0, 1, unit_need_done }, /* UN_DONE */
};
static const struct vfield unit_claim_fields[] = {
	{ "need", "需求", V_ID, true, 1, INT_MAX },
	VERSION_FIELD,
};
static const struct vaction unit_needs_actions[] = {
	{ "claim", unit_claim_fields, NELEMS(unit_claim_fields) },
};

static void
unit_needs_page(struct req *r, const struct staff *s, const char *msg,
    int bad)
{
	struct buf	*b = &r->body;
	struct db_need	*x;
	size_t		 n = 0, i, open = 0;
	int		 rc;

	if ((x = calloc(CB_MAX_ROWS, sizeof(*x))) == NULL ||
	    (rc = db_needs_of_unit(r->db, s->u.unit_id, x, CB_MAX_ROWS, &n)) !=
	    DB_OK) {
		free(x);
		http_db_error(r, x == NULL ? DB_ERROR : rc);
		return;
	}
	unit_begin(r, s, "需求认领");
	buf_add(b, "<h1>需求认领</h1>\n");
	html_notice(b, msg, bad);
	buf_add(b, "<h2>可认领的需求</h2>\n<p class=\"muted\">本单位共建的社区"
	    "发布的需求。认领后由本单位领办，形成共建项目。</p>\n");
	while (open < n && x[open].state == NEED_OPEN)
		open++;
	buf_add(b, open > 0 ? "<ul class=\"summons\">\n" :
	    "<p class=\"muted\">目前没有待认领的需求。</p>\n");
	for (i = 0; i < open; i++)
		(void)need_card(r, s, &x[i], 0, NULL);
	buf_add(b, open > 0 ? "</ul>\n<h2>本单位认领的需求</h2>\n" :
	    "<h2>本单位认领的需求</h2>\n");
	buf_add(b, open < n ? "<ul class=\"summons\">\n" :
	    "<p class=\"muted\">尚未认领需求。</p>\n");
	for (; i < n; i++)
		(void)need_card(r, s, &x[i], 0, NULL);
	if (open < n)
		buf_add(b, "</ul>\n");
	html_end(r);
	free(x);
}

/* GET /unit/needs */
void
page_unit_needs(struct req *r)
{
	struct staff	 s;

	if (cb_unit_require(r, &s) == -1)
		return;
	unit_needs_page(r, &s, r->v[UN_DONE].present && r->v[UN_DONE].error ==
	    NULL ? "认领成功，项目已建立，请在“项目”中制订计划。" : NULL, 0);
}

/*
 * POST /unit/needs: claim.  404 for a need of a region the unit does not
 * co-build with (or not open to it), 409 when another unit claimed it
 * first (or it changed), 303 when claimed.
 */
void
page_unit_needs_post(struct req *r)
{
	struct staff	 s;
	struct db_need	*x;
	int		 rc, serves = 0, pid = 0;

	if (cb_unit_require(r, &s) == -1)
		return;
	if (r->action < 0 || r->nabad > 0) {
		r->status = 400;
		unit_needs_page(r, &s, r->action < 0 ? "未知的操作。" :
		    valid_first_error(r->av, NELEMS(unit_claim_fields)), 1);
		return;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	rc = db_need_get(r->db, (int)r->av[0].i, x);
	if (rc == DB_OK)
		rc = db_cb_unit_serves(r->db, s.u.unit_id, x->region_id,
		    &serves);
	if (rc == DB_OK && (!serves || x->state == NEED_WITHDRAWN))
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		rc = db_need_claim(r->db, &s.u, x, r->av[1].i, s.u.unit_id,
		    r->addr, time(NULL), &pid);
	if (rc == DB_OK)
		cb_redirect(r, "/unit/needs?done=claim");
	else if (rc == DB_CONFLICT) {
		r->status = 409;
		unit_needs_page(r, &s, "未能认领：该需求已被其他单位认领（或已"
		    "变化）。一个需求只能由一个单位认领。", 1);
	} else if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
	free(x);
}

VFORM(form_cb_needs, needs_fields);
VFORM_ACTIONS(form_cb_needs_post, needs_fields, needs_actions);
VFORM(form_cb_need_new, need_new_fields);
VFORM(form_unit_needs, unit_needs_fields);
VFORM_ACTIONS(form_unit_needs_post, unit_needs_fields, unit_needs_actions);
