/*
 * The resources list (资源清单, issue 20 point 3): a unit's account
 * publishes what its unit offers its region, with a capacity per day and
 * the days it is available, and withdraws it (/unit/resources); staff see
 * the resources of their scope and book one for a day with a purpose
 * (/cobuild/resources); the unit confirms or declines (with a reason) on
 * its page; staff may cancel their booking.  At most capacity bookings
 * requested or confirmed share a day, however many arrive at once.
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

#define VERSION_FIELD \
	{ "version", "版本", V_INT, true, 0, UINT_MAX, NULL, \
	    "表单已失效，请刷新后重试。", "表单已失效，请刷新后重试。" }

/* GET and POST /cobuild/resources */
enum { RL_REGION, RL_DONE, RL__MAX };
static const char *const res_done[] = { "book", "cancel" };
static const char *const res_done_msg[] = {
    "已预约，等待共建单位确认。", "预约已取消。" };
static const struct vfield resources_fields[RL__MAX] = {
	{ "region", "社区", V_ID, false, 1, INT_MAX },		/* RL_REGION */
	{ "done", "已保存", V_ENUM, false, 0, 2, res_done },	/* RL_DONE */
};
enum { RA_BOOK, RA_CANCEL, RA__MAX };
enum { RB_RESOURCE, RB_USE_ON, RB_PURPOSE };
static const struct vfield book_fields[] = {
	{ "resource", "资源", V_ID, true, 1, INT_MAX },
	{ "use_on", "使用日期", V_DATE, true, 0, 0, NULL,
	    "请填写有效的日期（年-月-日）。", "请选择使用日期。" },
	{ "purpose", "用途", V_LONGTEXT, true, 1, 500, NULL,
	    "用途最多 500 字。", "请填写用途。" },
};
enum { RC_BOOKING, RC_VERSION, RC_REASON };
static const struct vfield cancel_fields[] = {
	{ "booking", "预约", V_ID, true, 1, INT_MAX },
	VERSION_FIELD,
	{ "reason", "取消原因", V_LONGTEXT, false, 1, 500, NULL,
	    "取消原因最多 500 字。" },
};
static const struct vaction resources_actions[RA__MAX] = {
	[RA_BOOK] = { "book", book_fields, NELEMS(book_fields) },
	[RA_CANCEL] = { "cancel", cancel_fields, NELEMS(cancel_fields) },
};


static void
resource_head(struct buf *b, const struct db_resource *x, int show_unit)
{
	buf_printf(b, "<li class=\"card\" id=\"resource-%d\"><p><strong>",
	    x->id);
	html_txt(b, x->title);
	buf_add(b, "</strong> <span class=\"mark\">");
	html_txt(b, word_resource[x->state].label);
	buf_add(b, "</span></p>\n<p class=\"muted\">");
	html_txt(b, word_cb_kind[x->kind].label);
	if (show_unit) {
		buf_add(b, " · ");
		html_txt(b, x->unit);
	}
	buf_add(b, " · ");
	html_txt(b, x->region);
	buf_printf(b, " · 每日可预约 %d 次 · 可预约期 %s 至 %s</p>\n",
	    x->capacity, x->from, x->to);
	if (x->detail[0]) {
		buf_add(b, "<p>");
		html_txt(b, x->detail);
		buf_add(b, "</p>\n");
	}
}

static void
booking_card(struct buf *b, const struct db_booking *x, int show_unit)
{
	buf_printf(b, "<li class=\"card\" id=\"booking-%d\"><p><strong>%s"
	    "</strong> ", x->id, x->use_on);
	html_txt(b, x->resource);
	buf_add(b, " <span class=\"mark\">");
	html_txt(b, word_booking[x->state].label);
	buf_add(b, "</span></p>\n<p class=\"muted\">");
	if (show_unit) {
		html_txt(b, x->unit);
		buf_add(b, " · ");
	}
	html_txt(b, x->region);
	cb_when(b, " · 预约于 ", x->booked_at);
	cb_when(b, " · 处理于 ", x->decided_at);
	buf_add(b, "</p>\n<p>用途：");
	html_txt(b, x->purpose);
	buf_add(b, "</p>\n");
	if (x->reason[0]) {
		buf_add(b, "<p>原因：");
		html_txt(b, x->reason);
		buf_add(b, "</p>\n");
	}
}

static void
resources_page(struct req *r, const struct staff *s, const char *msg,
    int bad, const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_cb_place *places = NULL;
	struct cb_opt	*po;
	struct db_resource *x = NULL;
	struct db_booking *bk = NULL;
	size_t		 np = 0, n = 0, nb = 0, i;
	int		 region = 0, rc = DB_ERROR;

	if (r->method != METHOD_POST && r->v[RL_REGION].present &&
	    r->v[RL_REGION].error == NULL)
		region = (int)r->v[RL_REGION].i;
	if ((po = cb_place_opts(r, s, &places, &np)) == NULL)
		return;
	if ((x = calloc(CB_MAX_ROWS, sizeof(*x))) == NULL ||
	    (bk = calloc(CB_MAX_ROWS, sizeof(*bk))) == NULL ||
	    (rc = db_resources(r->db, &s->u.scope, region, x, CB_MAX_ROWS,
	    &n)) != DB_OK || (rc = db_bookings(r->db, &s->u.scope, region, bk,
	    CB_MAX_ROWS, &nb)) != DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	cb_staff_begin(r, s, "资源清单");
	buf_add(b, "<h1>资源清单</h1>\n");
	html_notice(b, msg, bad);
	if (k != NULL && bad)
		cb_typed(b, k->v, resources_actions[k->action].nfields);
	cb_filters(b, "/cobuild/resources", NULL, 0, -1, places, np, region);
	buf_add(b, "<h2>共建单位提供的资源</h2>\n");
	if (n == 0)
		buf_add(b, "<p class=\"muted\">暂无资源。</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < n; i++) {
		resource_head(b, &x[i], 1);
		if (x[i].state == RES_OPEN && CB_MANAGES(s)) {
			struct cb_hidden h[] = { { "resource", x[i].id } };

			buf_add(b, "<details><summary>预约</summary>\n");
			cb_form(b, s, "/cobuild/resources", "book", h, 1,
			    book_fields, NELEMS(book_fields), cb_kept(k,
			    RA_BOOK, x[i].id, 0), NULL, 0, "预约");
			buf_add(b, "</details>\n");
		}
		buf_add(b, "</li>\n");
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	buf_add(b, "<h2>本辖区的预约</h2>\n");
	if (nb == 0)
		buf_add(b, "<p class=\"muted\">暂无预约。</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < nb; i++) {
		booking_card(b, &bk[i], 1);
		if ((bk[i].state == BK_REQUESTED || bk[i].state ==
		    BK_CONFIRMED) && CB_MANAGES(s)) {
			struct cb_hidden h[] = { { "booking", bk[i].id },
			    { "version", bk[i].version } };

			buf_add(b, "<details><summary>取消预约</summary>\n");
			cb_form(b, s, "/cobuild/resources", "cancel", h, 2,
			    cancel_fields, NELEMS(cancel_fields),
			    cb_kept(k, RA_CANCEL, bk[i].id, 0), NULL, 0,
			    "取消预约");
			buf_add(b, "</details>\n");
		}
		buf_add(b, "</li>\n");
	}
	if (nb > 0)
		buf_add(b, "</ul>\n");
	html_end(r);
out:
	free(x);
	free(bk);
	free(po);
	free(places);
}

/* GET /cobuild/resources */
void
page_cb_resources(struct req *r)
{
	struct staff	 s;
	const struct vvalue *d = &r->v[RL_DONE];

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	resources_page(r, &s, d->present && d->error == NULL ?
	    res_done_msg[d->i] : NULL, 0, NULL);
}

/*
 * POST /cobuild/resources: book a day, cancel a booking.  400 for a bad
 * form or a day outside the availability (nothing stored), 404 outside
 * the scope, 409 when the day is fully booked or the booking changed,
 * 303 when saved.
 */
void
page_cb_resources_post(struct req *r)
{
	struct staff	 s;
	struct db_resource *x = NULL;
	struct db_booking *bk = NULL;
	struct cb_keep	 k = { r->action, r->av, 0 };
	char		 today[CB_DAY], msg[160];
	int		 rc, id = 0;

	if (auth_require(r, CB_MANAGERS, &s) == -1)
		return;
	if (r->action < 0 || r->nabad > 0) {
		if (r->action >= 0 && r->av[0].error == NULL)
			k.id = r->av[0].i;
		r->status = 400;
		resources_page(r, &s, r->action < 0 ? "未知的操作。" :
		    valid_first_error(r->av, resources_actions[r->action].
		    nfields), 1, r->action < 0 ? NULL : &k);
		return;
	}
	k.id = r->av[0].i;
	if ((x = calloc(1, sizeof(*x))) == NULL ||
	    (bk = calloc(1, sizeof(*bk))) == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	if (r->action == RA_BOOK) {
		rc = db_resource_get(r->db, (int)k.id, x);
		if (rc == DB_OK && !db_cb_in_scope(&s.u.scope, x->ids))
			rc = DB_NOTFOUND;
		if (rc != DB_OK) {
			if (rc == DB_NOTFOUND)
				staff_not_found(r);
			else
				http_db_error(r, rc);
			goto out;
		}
		cbl_today(today);
		if (strcmp(r->av[RB_USE_ON].s, today) < 0 ||
		    strcmp(r->av[RB_USE_ON].s, x->from) < 0 ||
		    strcmp(r->av[RB_USE_ON].s, x->to) > 0 ||
		    x->state != RES_OPEN) {
			r->status = 400;
			snprintf(msg, sizeof(msg), "所选日期不可预约：须在 %s 至 "
			    "%s 之间，且不早于今天。", x->from, x->to);
			resources_page(r, &s, x->state != RES_OPEN ?
			    "该资源已撤下，不能预约。" : msg, 1, &k);
			goto out;
		}
		rc = db_book(r->db, &s.u, x->id, x->region_id,
		    r->av[RB_USE_ON].s, r->av[RB_PURPOSE].s, r->addr,
		    time(NULL), &id);
		if (rc == DB_OK)
			cb_redirect(r, "/cobuild/resources?done=book");
		else if (rc == DB_CONFLICT || rc == DB_NOTFOUND) {
			r->status = rc == DB_CONFLICT ? 409 : 400;
			snprintf(msg, sizeof(msg), "%s 已约满（每日可预约 %d 次），"
			    "未预约。请另选日期。", r->av[RB_USE_ON].s,
			    x->capacity);
			resources_page(r, &s, rc == DB_CONFLICT ? msg :
			    "所选日期不可预约。", 1, &k);
		} else
			http_db_error(r, rc);
		goto out;
	}
	rc = db_booking_get(r->db, (int)k.id, bk);
	if (rc == DB_OK && !db_cb_in_scope(&s.u.scope, bk->ids))
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		rc = db_booking_set(r->db, &s.u, bk, r->av[RC_VERSION].i,
		    BK_CANCELLED, r->av[RC_REASON].present ?
		    r->av[RC_REASON].s : "", r->addr, time(NULL));
	if (rc == DB_OK)
		cb_redirect(r, "/cobuild/resources?done=cancel");
	else if (rc == DB_CONFLICT) {
		r->status = 409;
		resources_page(r, &s, "该预约已变化（已被确认、婉拒或取消），"
		    "未作修改。以下是最新状态。", 1, &k);
	} else if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
out:
	free(x);
	free(bk);
}

/* GET and POST /unit/resources */
enum { UR_DONE, UR__MAX };
static const char *const unit_res_done[] = { "publish", "withdraw",
    "confirm", "decline" };
static const char *const unit_res_msg[] = { "资源已发布。", "资源已撤下。",
    "已确认预约。", "已婉拒预约。" };
static const struct vfield unit_resources_fields[UR__MAX] = {
	{ "done", "已保存", V_ENUM, false, 0, 4, unit_res_done }, /* UR_DONE */
};
enum { UA_PUBLISH, UA_WITHDRAW, UA_CONFIRM, UA_DECLINE, UA__MAX };
enum { UP_KIND, UP_TITLE, UP_DETAIL, UP_CAPACITY, UP_FROM, UP_TO };
static const struct vfield res_publish_fields[] = {
	{ "kind", "资源类型", V_ENUM, true, 0, CBK__MAX, NULL,
	    "请选择资源类型。", "请选择资源类型。", .words = word_cb_kind },
	{ "title", "资源名称", V_TEXT, true, 1, 100, NULL,
	    "资源名称最多 100 字。", "请填写资源名称。" },
	{ "detail", "说明（条件、时间、地点）", V_LONGTEXT, false, 1, 1000,
	    NULL, "说明最多 1000 字。" },
	{ "capacity", "每日可预约次数", V_INT, true, 1, 999, NULL,
	    "每日可预约次数须为 1 至 999。", "请填写每日可预约次数。" },
	{ "from", "可预约起始日", V_DATE, true, 0, 0, NULL,
	    "请填写有效的日期（年-月-日）。", "请选择起始日。" },
	{ "to", "可预约截止日", V_DATE, true, 0, 0, NULL,
	    "请填写有效的日期（年-月-日）。", "请选择截止日。" },
};
static const struct vfield res_withdraw_fields[] = {
	{ "resource", "资源", V_ID, true, 1, INT_MAX },
	VERSION_FIELD,
};
static const struct vfield confirm_fields[] = {
	{ "booking", "预约", V_ID, true, 1, INT_MAX },
	VERSION_FIELD,
};
static const struct vfield decline_fields[] = {
	{ "booking", "预约", V_ID, true, 1, INT_MAX },
	VERSION_FIELD,
	{ "reason", "婉拒原因", V_LONGTEXT, true, 1, 500, NULL,
	    "婉拒原因最多 500 字。", "请填写婉拒原因。" },
};
static const struct vaction unit_resources_actions[UA__MAX] = {
	[UA_PUBLISH] = { "publish", res_publish_fields,
	    NELEMS(res_publish_fields) },
	[UA_WITHDRAW] = { "withdraw", res_withdraw_fields,
	    NELEMS(res_withdraw_fields) },
	[UA_CONFIRM] = { "confirm", confirm_fields, NELEMS(confirm_fields) },
	[UA_DECLINE] = { "decline", decline_fields, NELEMS(decline_fields) },
};

static void
unit_resources_page(struct req *r, const struct staff *s, const char *msg,
    int bad, const struct cb_keep *k)
{
	struct buf	*b = &r->body;
	struct db_resource *x = NULL;
	struct db_booking *bk = NULL;
	size_t		 n = 0, nb = 0, i;
	int		 rc = DB_ERROR;

	if ((x = calloc(CB_MAX_ROWS, sizeof(*x))) == NULL ||
	    (bk = calloc(CB_MAX_ROWS, sizeof(*bk))) == NULL ||
	    (rc = db_resources_of_unit(r->db, s->u.unit_id, x, CB_MAX_ROWS,
	    &n)) != DB_OK || (rc = db_bookings_of_unit(r->db, s->u.unit_id, bk,
	    CB_MAX_ROWS, &nb)) != DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	unit_begin(r, s, "本单位资源");
	buf_add(b, "<h1>本单位资源</h1>\n");
	html_notice(b, msg, bad);
	if (k != NULL && bad && k->action != UA_PUBLISH)
		cb_typed(b, k->v, unit_resources_actions[k->action].nfields);
	buf_add(b, "<h2>社区的预约</h2>\n");
	if (nb == 0)
		buf_add(b, "<p class=\"muted\">暂无预约。</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < nb; i++) {
		booking_card(b, &bk[i], 0);
		if (bk[i].state == BK_REQUESTED) {
			struct cb_hidden h[] = { { "booking", bk[i].id },
			    { "version", bk[i].version } };

			cb_form(b, s, "/unit/resources", "confirm", h, 2, NULL,
			    0, NULL, NULL, 0, "确认预约");
			buf_add(b, "<details><summary>婉拒</summary>\n");
			cb_form(b, s, "/unit/resources", "decline", h, 2,
			    decline_fields, NELEMS(decline_fields),
			    cb_kept(k, UA_DECLINE, bk[i].id, 0), NULL, 0,
			    "婉拒预约");
			buf_add(b, "</details>\n");
		}
		buf_add(b, "</li>\n");
	}
	if (nb > 0)
		buf_add(b, "</ul>\n");
	buf_add(b, "<h2>已发布的资源</h2>\n");
	if (n == 0)
		buf_add(b, "<p class=\"muted\">尚未发布资源。</p>\n");
	else
		buf_add(b, "<ul class=\"summons\">\n");
	for (i = 0; i < n; i++) {
		resource_head(b, &x[i], 0);
		if (x[i].state == RES_OPEN) {
			struct cb_hidden h[] = { { "resource", x[i].id },
			    { "version", x[i].version } };

			cb_form(b, s, "/unit/resources", "withdraw", h, 2, NULL,
			    0, NULL, NULL, 0, "撤下资源");
		}
		buf_add(b, "</li>\n");
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	buf_add(b, "<h2 id=\"publish\">发布资源</h2>\n<p class=\"muted\">向本"
	    "单位共建的社区提供场地、志愿者、资金、专业服务或物资；社区在可"
	    "预约期内按日预约，每日最多预约所填次数。</p>\n");
	cb_form(b, s, "/unit/resources", "publish", NULL, 0,
	    res_publish_fields, NELEMS(res_publish_fields),
	    k != NULL && k->action == UA_PUBLISH ? k->v : NULL, NULL, 0,
	    "发布资源");
	html_end(r);
out:
	free(x);
	free(bk);
}

/* GET /unit/resources */
void
page_unit_resources(struct req *r)
{
	struct staff	 s;
	const struct vvalue *d = &r->v[UR_DONE];

	if (cb_unit_require(r, &s) == -1)
		return;
	unit_resources_page(r, &s, d->present && d->error == NULL ?
	    unit_res_msg[d->i] : NULL, 0, NULL);
}

/*
 * POST /unit/resources: publish, withdraw, confirm, decline.  400 for a
 * bad form (nothing stored), 404 for another unit's resource or booking,
 * 409 when it changed, 303 when saved.
 */
void
page_unit_resources_post(struct req *r)
{
	static const char *const done_url[UA__MAX] = {
		"/unit/resources?done=publish", "/unit/resources?done=withdraw",
		"/unit/resources?done=confirm",
		"/unit/resources?done=decline" };
	struct staff	 s;
	struct db_resource *x = NULL;
	struct db_booking *bk = NULL;
	struct db_cb_unit u;
	struct cb_keep	 k = { r->action, r->av, 0 };
	const struct vvalue *v = r->av;
	int		 rc, id = 0;

	if (cb_unit_require(r, &s) == -1)
		return;
	if (r->action >= 0 && r->action != UA_PUBLISH && v[0].error == NULL)
		k.id = v[0].i;
	if (r->action < 0 || r->nabad > 0) {
		r->status = 400;
		unit_resources_page(r, &s, r->action < 0 ? "未知的操作。" :
		    valid_first_error(v, unit_resources_actions[r->action].
		    nfields), 1, r->action < 0 ? NULL : &k);
		return;
	}
	if (r->action == UA_PUBLISH && strcmp(v[UP_FROM].s, v[UP_TO].s) > 0) {
		r->status = 400;
		unit_resources_page(r, &s, "可预约截止日不能早于起始日。", 1, &k);
		return;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL ||
	    (bk = calloc(1, sizeof(*bk))) == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	switch (r->action) {
	case UA_PUBLISH:
		rc = db_cb_unit_name(r->db, s.u.unit_id, &u);
		if (rc == DB_OK)
			rc = db_resource_publish(r->db, &s.u, s.u.unit_id,
			    u.region_id, (int)v[UP_KIND].i, v[UP_TITLE].s,
			    v[UP_DETAIL].present ? v[UP_DETAIL].s : "",
			    (int)v[UP_CAPACITY].i, v[UP_FROM].s, v[UP_TO].s,
			    r->addr, time(NULL), &id);
		break;
	case UA_WITHDRAW:
		rc = db_resource_get(r->db, (int)k.id, x);
		if (rc == DB_OK && x->unit_id != s.u.unit_id)
			rc = DB_NOTFOUND;
		if (rc == DB_OK)
			rc = db_resource_withdraw(r->db, &s.u, x, v[1].i,
			    r->addr, time(NULL));
		break;
	default:
		rc = db_booking_get(r->db, (int)k.id, bk);
		if (rc == DB_OK && bk->unit_id != s.u.unit_id)
			rc = DB_NOTFOUND;
		if (rc == DB_OK)
			rc = db_booking_set(r->db, &s.u, bk, v[1].i,
			    r->action == UA_CONFIRM ? BK_CONFIRMED :
			    BK_DECLINED, r->action == UA_DECLINE ? v[2].s : "",
			    r->addr, time(NULL));
		break;
	}
	if (rc == DB_OK)
		cb_redirect(r, done_url[r->action]);
	else if (rc == DB_CONFLICT) {
		r->status = 409;
		unit_resources_page(r, &s, "已变化（已被处理、取消或撤下），未作"
		    "修改。以下是最新状态。", 1, &k);
	} else if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
out:
	free(x);
	free(bk);
}

VFORM(form_cb_resources, resources_fields);
VFORM_ACTIONS(form_cb_resources_post, resources_fields, resources_actions);
VFORM(form_unit_resources, unit_resources_fields);
VFORM_ACTIONS(form_unit_resources_post, unit_resources_fields,
    unit_resources_actions);
