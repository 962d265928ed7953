/*
 * The staff sections of a community's Party members about service: the
 * service menu (publish, edit and withdraw items, complete claims) and
 * activities with bulk participation.  Shown and dispatched by
 * cgi/members_staff.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "html.h"
#include "members.h"

/* The category choice of an item form, sel selected (0: none). */
static void
category_select(struct buf *b, const struct db_category *cats, size_t nc,
    int sel)
{
	size_t	 i;

	buf_add(b, "<label>服务类别</label><select name=\"category\">"
	    "<option value=\"\">（不限）</option>");
	for (i = 0; i < nc; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", cats[i].id,
		    cats[i].id == sel ? " selected" : "");
		html_txt(b, cats[i].name);
		buf_add(b, "</option>");
	}
	buf_add(b, "</select>");
}

/* The fields of an item form, filled from it when not NULL. */
static void
item_inputs(struct buf *b, const struct db_item *it,
    const struct db_category *cats, size_t nc)
{
	buf_add(b, "<label>名称</label><input name=\"name\" maxlength=\"100\" "
	    "required value=\"");
	html_attr(b, it ? it->name : "");
	buf_add(b, "\"><label>说明</label><textarea name=\"description\" "
	    "maxlength=\"1000\" rows=\"2\">");
	html_txt(b, it ? it->description : "");
	buf_add(b, "</textarea>");
	category_select(b, cats, nc, it ? it->category_id : 0);
	buf_printf(b, "<label>名额</label><input name=\"capacity\" "
	    "inputmode=\"numeric\" required value=\"%.0d\"><label>开始日期"
	    "</label><input name=\"starts\" type=\"date\" required value=\"%s\">"
	    "<label>结束日期</label><input name=\"ends\" type=\"date\" required "
	    "value=\"%s\">", it ? it->capacity : 0, it ? it->starts_on : "",
	    it ? it->ends_on : "");
}

/* One item of the menu, with its edit and withdraw forms. */
static void
item_row(struct members_view *v, const struct db_item *it,
    const struct db_category *cats, size_t nc)
{
	struct buf	*b = &v->r->body;

	buf_printf(b, "<tr id=\"item-%d\"%s><td>", it->id,
	    it->withdrawn_at ? " class=\"muted\"" : "");
	html_txt(b, it->name);
	buf_add(b, "<br><span class=\"muted\">");
	html_txt(b, it->description);
	buf_add(b, "</span></td><td>");
	html_txt(b, it->category[0] ? it->category : "—");
	buf_printf(b, "</td><td>%s 至 %s</td><td>%d / %d</td><td>",
	    it->starts_on, it->ends_on, it->claimed, it->capacity);
	if (it->withdrawn_at) {
		buf_add(b, "已撤下 ");
		html_time(b, it->withdrawn_at);
		buf_add(b, "</td></tr>\n");
		return;
	}
	buf_add(b, "<details><summary>修改</summary>");
	members_form_start(v, "card", "item_edit");
	buf_printf(b, "<input type=\"hidden\" name=\"item\" value=\"%d\">",
	    it->id);
	item_inputs(b, it, cats, nc);
	buf_printf(b, "<p class=\"muted\">名额不能少于已认领的 %d 人。</p>"
	    "<button class=\"button\" type=\"submit\">保存修改</button></form>"
	    "</details><details><summary>撤下</summary>", it->claimed);
	members_form_start(v, "card", "item_withdraw");
	buf_printf(b, "<input type=\"hidden\" name=\"item\" value=\"%d\">"
	    "<label class=\"check\"><input type=\"checkbox\" name=\"confirm\" "
	    "value=\"1\" required> 确认撤下：不再提供该项目，未完成的认领一并"
	    "取消（已完成的保留）</label><button type=\"submit\">撤下</button>"
	    "</form></details></td></tr>\n", it->id);
}

int
members_show_menu(struct members_view *v)
{
	struct db_item	*it = NULL;
	struct db_claim	*c = NULL;
	struct db_category cats[MEMBERS_MAX_CATEGORIES];
	struct buf	*b = &v->r->body;
	size_t		 ni, nc, ncat, i;
	int		 rc = DB_ERROR;

	if ((it = calloc(MEMBERS_MAX_ROWS, sizeof(*it))) == NULL ||
	    (c = calloc(MEMBERS_MAX_ROWS, sizeof(*c))) == NULL)
		goto out;
	if ((rc = db_items(v->r->db, v->reg->id, "", it, MEMBERS_MAX_ROWS,
	    &ni)) != DB_OK || (rc = db_claims(v->r->db, v->reg->id, 0, c,
	    MEMBERS_MAX_ROWS, &nc)) != DB_OK || (rc = db_categories(v->r->db,
	    cats, MEMBERS_MAX_CATEGORIES, &ncat)) != DB_OK)
		goto out;
	buf_add(b, "<table class=\"queue\" id=\"menu\"><thead><tr><th>项目</th>"
	    "<th>类别</th><th>时间</th><th>认领/名额</th><th>操作</th></tr>"
	    "</thead><tbody>\n");
	for (i = 0; i < ni; i++)
		item_row(v, &it[i], cats, ncat);
	buf_add(b, "</tbody></table>\n");
	members_form_start(v, "card", "item");
	buf_add(b, "<h3>发布服务项目</h3>");
	item_inputs(b, NULL, cats, ncat);
	buf_add(b, "<button class=\"button\" type=\"submit\">发布</button>"
	    "</form>\n<h3>认领情况</h3>\n<ul id=\"claims\">\n");
	for (i = 0; i < nc; i++) {
		buf_add(b, "<li>");
		html_txt(b, c[i].member);
		buf_add(b, " · ");
		html_txt(b, c[i].item);
		buf_add(b, " · ");
		html_txt(b, WORD_LABEL(word_claim, c[i].state));
		if (strcmp(c[i].state, word_claim[CLAIM_OPEN].code) == 0) {
			buf_add(b, " ");
			members_form_start(v, "inline", NULL);
			buf_printf(b, "<input type=\"hidden\" name=\"claim\" "
			    "value=\"%d\"><button name=\"action\" value=\""
			    "complete\">标记完成</button></form>", c[i].id);
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ul>\n");
out:
	free(it);
	free(c);
	return rc;
}

/* What a bad item form says, whichever field is wrong. */
#define ITEM_BAD	"请填写名称、名额（1–10000）和有效的起止日期（开始不晚于" \
	"结束）。"

const struct vfield members_item_fields[IF__MAX] = {
	{ "name", "名称", V_TEXT, true, 1, 100 },		/* IF_NAME */
	{ "description", "说明", V_LONGTEXT, false, 1, 1000 },	/* IF_DESCRIPTION */
	{ "category", "服务类别", V_ID, false, 1, 65535 },	/* IF_CATEGORY */
	{ "capacity", "名额", V_INT, true, 1, 10000 },		/* IF_CAPACITY */
	{ "starts", "开始日期", V_DATE, true },			/* IF_STARTS */
	{ "ends", "结束日期", V_DATE, true },			/* IF_ENDS */
	{ "item", "服务项目", V_ID, true },			/* IF_ITEM */
};

/*
 * The item of an item form into it (all but id and claimed); keep is a
 * category allowed besides the active ones (an edited item's own).  A
 * db_rc; a->status set when the form is bad.
 */
static int
item_form(struct members_act *a, struct db_item *it, int keep)
{
	const struct vvalue *v = a->r->av;
	struct db_category cats[MEMBERS_MAX_CATEGORIES];
	size_t		 n, i;
	int		 rc;

	memset(it, 0, sizeof(*it));
	for (i = 0; i < IF_ITEM && v[i].error == NULL; i++)
		continue;
	if (i < IF_ITEM || v[IF_STARTS].i > v[IF_ENDS].i)
		return members_act_bad(a, 400, ITEM_BAD);
	it->category_id = v[IF_CATEGORY].present ? (int)v[IF_CATEGORY].i : 0;
	if (it->category_id != 0 && it->category_id != keep) {
		if ((rc = db_categories(a->r->db, cats, MEMBERS_MAX_CATEGORIES,
		    &n)) != DB_OK)
			return rc;
		for (i = 0; i < n && cats[i].id != it->category_id; i++)
			continue;
		if (i == n)
			return members_act_bad(a, 400, "请选择有效的服务类别。");
	}
	it->community_id = a->reg->id;
	snprintf(it->name, sizeof(it->name), "%s", v[IF_NAME].s);
	snprintf(it->description, sizeof(it->description), "%s",
	    v[IF_DESCRIPTION].present ? v[IF_DESCRIPTION].s : "");
	it->capacity = (int)v[IF_CAPACITY].i;
	snprintf(it->starts_on, sizeof(it->starts_on), "%s", v[IF_STARTS].s);
	snprintf(it->ends_on, sizeof(it->ends_on), "%s", v[IF_ENDS].s);
	return DB_OK;
}

/* Publish an item: 400 for a bad form. */
int
members_act_item(struct members_act *a)
{
	struct db_item	 it;
	int		 id, rc;

	if ((rc = item_form(a, &it, 0)) != DB_OK || a->status != 0)
		return rc;
	if ((rc = db_item_create(a->r->db, &it, time(NULL), &id)) == DB_OK)
		snprintf(a->object, sizeof(a->object), "item:%d", id);
	return rc;
}

/*
 * The item of the action's field slot when it is on this community's
 * menu; DB_NOTFOUND otherwise (the handler answers 404, as for a
 * community out of scope).
 */
static int
own_item(struct members_act *a, size_t slot, struct db_item *it)
{
	int	 rc = db_item_get(a->r->db, members_act_id(a, slot), it);

	if (rc == DB_OK && it->community_id != a->reg->id)
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		snprintf(a->object, sizeof(a->object), "item:%d", it->id);
	return rc;
}

/* Edit an item: 404 when not on the menu, 400 bad form, 409 refused. */
int
members_act_item_edit(struct members_act *a)
{
	struct db_item	 old, it;
	enum db_item_rc	 out;
	int		 claimed, rc;

	if ((rc = own_item(a, IF_ITEM, &old)) != DB_OK ||
	    (rc = item_form(a, &it, old.category_id)) != DB_OK ||
	    a->status != 0)
		return rc;
	it.id = old.id;
	if ((rc = db_item_update(a->r->db, &it, time(NULL), &claimed,
	    &out)) != DB_OK)
		return rc;
	if (out == DB_ITEM_WITHDRAWN)
		return members_act_bad(a, 409, "该项目已撤下，不能修改。");
	if (out == DB_ITEM_BELOW_CLAIMED) {
		snprintf(a->msg, sizeof(a->msg), "名额不能少于已认领的 %d 人"
		    "（含已完成的认领），未作修改。", claimed);
		a->status = 409;
		return DB_OK;
	}
	snprintf(a->detail, sizeof(a->detail), "capacity %d -> %d, period "
	    "%s..%s -> %s..%s, category %d -> %d", old.capacity, it.capacity,
	    old.starts_on, old.ends_on, it.starts_on, it.ends_on,
	    old.category_id, it.category_id);
	return DB_OK;
}

const struct vfield members_withdraw_fields[WF__MAX] = {
	{ "item", "服务项目", V_ID, true },			/* WF_ITEM */
	{ "confirm", "确认撤下", V_CHECK, true },		/* WF_CONFIRM */
};

/* Withdraw an item: 404 when not on the menu, 400 unconfirmed. */
int
members_act_item_withdraw(struct members_act *a)
{
	struct db_item	 it;
	enum db_item_rc	 out;
	long long	 n;
	int		 rc;

	if ((rc = own_item(a, WF_ITEM, &it)) != DB_OK)
		return rc;
	if (a->r->av[WF_CONFIRM].error != NULL)
		return members_act_bad(a, 400, "请勾选“确认撤下”后再撤下。");
	if ((rc = db_item_withdraw(a->r->db, a->reg->id, it.id, a->s->u.id,
	    time(NULL), &n, &out)) != DB_OK)
		return rc;
	if (out == DB_ITEM_WITHDRAWN)
		return members_act_bad(a, 409, "该项目已撤下。");
	snprintf(a->detail, sizeof(a->detail), "cancelled %lld open claims",
	    n);
	return DB_OK;
}

const struct vfield members_complete_fields[KF__MAX] = {
	{ "claim", "认领记录", V_ID, true },			/* KF_CLAIM */
};

/* Mark a claim completed: 409 when it is not open. */
int
members_act_complete(struct members_act *a)
{
	int	 id = members_act_id(a, KF_CLAIM), rc;

	if (id == 0)
		return members_act_bad(a, 400, "请选择认领记录。");
	rc = db_claim_complete(a->r->db, a->reg->id, id, time(NULL));
	if (rc == DB_NOTFOUND)
		return members_act_bad(a, 409, "该认领已完成、已撤回或不存在。");
	snprintf(a->object, sizeof(a->object), "claim:%d", id);
	return rc;
}

int
members_show_activities(struct members_view *v)
{
	struct db_activity *a;
	struct db_member *m = NULL;
	struct buf	*b = &v->r->body;
	size_t		 na, nm, i, j;
	int		 k, rc;

	if ((a = calloc(MEMBERS_MAX_ROWS, sizeof(*a))) == NULL)
		return DB_ERROR;
	if ((rc = db_activities(v->r->db, v->reg->id, a, MEMBERS_MAX_ROWS,
	    &na)) != DB_OK || (rc = members_roster_load(v, 0, &m, &nm)) !=
	    DB_OK) {
		free(a);
		return rc;
	}
	for (i = 0; i < na; i++) {
		members_form_start(v, "card", "participation");
		buf_add(b, "<h3>");
		html_txt(b, a[i].title);
		buf_printf(b, "</h3><p class=\"muted\">%s · %s · ",
		    word_akind[a[i].kind].label, a[i].held_on);
		members_tenths(b, a[i].hours_tenths);
		buf_printf(b, " 小时 · 已记录 %lld 人</p><input type=\"hidden\" "
		    "name=\"activity\" value=\"%d\">", a[i].participants,
		    a[i].id);
		for (j = 0; j < nm; j++) {
			if (!db_member_reported(&m[j], v->now))
				continue;
			buf_printf(b, "<label class=\"check\"><input type=\""
			    "checkbox\" name=\"m\" value=\"%d\"> ", m[j].id);
			html_txt(b, m[j].name);
			buf_add(b, "</label>");
		}
		buf_add(b, "<label>每人服务时长（小时）</label><input name=\"hours\""
		    " value=\"");
		members_tenths(b, a[i].hours_tenths);
		buf_add(b, "\"><button class=\"button\" type=\"submit\">记录参与"
		    "</button></form>\n");
	}
	free(a);
	free(m);
	members_form_start(v, "card", "activity");
	buf_add(b, "<h3>新建活动</h3><label>标题</label><input name=\"title\" "
	    "maxlength=\"100\" required><label>类型</label><select name=\"kind\">");
	for (k = 0; k < AKIND__MAX; k++)
		buf_printf(b, "<option value=\"%s\">%s</option>",
		    word_akind[k].code, word_akind[k].label);
	buf_add(b, "</select><label>日期</label><input name=\"date\" "
	    "type=\"date\" required><label>时长（小时）</label><input "
	    "name=\"hours\" required><button class=\"button\" type=\"submit\">"
	    "创建</button></form>\n");
	return DB_OK;
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

const struct vfield members_activity_fields[VF__MAX] = {
	{ "title", "标题", V_TEXT, true, 1, 100 },		/* VF_TITLE */
	{ "kind", "类型", V_ENUM, true, 0, AKIND__MAX,
	    .words = word_akind },				/* VF_KIND */
	{ "date", "日期", V_DATE, true },			/* VF_DATE */
	{ "hours", "时长", V_DECIMAL, true, 1, 99900000 },	/* VF_HOURS */
};

/* Create an activity: 400 for a bad form. */
int
members_act_activity(struct members_act *a)
{
	const struct vvalue *v = a->r->av;
	struct db_activity x;
	int		 id, rc;

	memset(&x, 0, sizeof(x));
	if (a->r->nabad != 0 ||
	    hours_tenths(v[VF_HOURS].i, &x.hours_tenths) == -1)
		return members_act_bad(a, 400, "请填写标题、类型、日期和时长"
		    "（小时，最多一位小数）。");
	x.community_id = a->reg->id;
	x.kind = (enum activity_kind)v[VF_KIND].i;
	snprintf(x.title, sizeof(x.title), "%s", v[VF_TITLE].s);
	snprintf(x.held_on, sizeof(x.held_on), "%s", v[VF_DATE].s);
	if ((rc = db_activity_create(a->r->db, &x, &id)) == DB_OK)
		snprintf(a->object, sizeof(a->object), "activity:%d", id);
	return rc;
}

const struct vfield members_part_fields[PF__MAX] = {
	{ "activity", "活动", V_ID, true },			/* PF_ACTIVITY */
	{ "hours", "时长", V_DECIMAL, true, 1, 99900000 },	/* PF_HOURS */
	{ "m", "参与人员", V_ID, true, 0, 0, NULL, NULL, NULL,
	    true },						/* PF_MEMBERS */
};

/*
 * Record that the ticked members took part in an activity, all or none:
 * 400 for a bad form, an activity of another community, or a member not
 * reported here.
 */
int
members_act_participation(struct members_act *a)
{
	const struct vvalue *v = a->r->av;
	struct vvalue	 m;
	struct db_activity x;
	int		*ids;
	long long	 t;
	size_t		 pos = 0, n = 0;
	int		 rc;

	if (v[PF_ACTIVITY].error != NULL || v[PF_HOURS].error != NULL ||
	    hours_tenths(v[PF_HOURS].i, &t) == -1)
		return members_act_bad(a, 400, "请填写每人服务时长（小时，最多"
		    "一位小数）。");
	rc = db_activity_get(a->r->db, (int)v[PF_ACTIVITY].i, &x);
	if (rc == DB_NOTFOUND || (rc == DB_OK && x.community_id !=
	    a->reg->id))
		return members_act_bad(a, 400, "活动不存在。");
	if (rc != DB_OK)
		return rc;
	if (v[PF_MEMBERS].s != NULL && v[PF_MEMBERS].error != NULL)
		return members_act_bad(a, 400, "参与人员有误。");
	if (v[PF_MEMBERS].n == 0)
		return members_act_bad(a, 400, "请选择参与的党员。");
	if ((ids = calloc(v[PF_MEMBERS].n, sizeof(*ids))) == NULL)
		return DB_ERROR;
	while (n < v[PF_MEMBERS].n &&
	    valid_next(a->r, &members_part_fields[PF_MEMBERS], &pos, &m) == 0)
		ids[n++] = (int)m.i;
	rc = db_participation(a->r->db, x.id, ids, n, t, time(NULL));
	if (rc == DB_NOTFOUND)
		rc = members_act_bad(a, 400, "只能记录本社区已报到（且报到在有效"
		    "期内）的党员，未作修改。");
	else if (rc == DB_OK) {
		snprintf(a->object, sizeof(a->object), "activity:%d", x.id);
		snprintf(a->detail, sizeof(a->detail), "%zu members", n);
	}
	free(ids);
	return rc;
}
