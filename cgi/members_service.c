/*
 * The staff sections of a community's Party members about service: the
 * service menu (publish, edit and withdraw items, complete claims) and
 * activities with bulk participation.  Shown and dispatched by
 * cgi/members_staff.c.
 */
#include <limits.h>
#include <stdarg.h>
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

#define ACTIVITIES_PAGE	20	/* activities on a page of the list */
#define PEOPLE_MAX	2000	/* participants listed on a page */
#define FOUND_MAX	50	/* members a search shows */
#define PHONES_MAX	500	/* lines of a pasted list */

/* The kinds of activities, as a select's options. */
static void
akind_options(struct buf *b)
{
	int	 k;

	for (k = 0; k < AKIND__MAX; k++) {
		buf_printf(b, "<option value=\"%s\">", word_akind[k].code);
		html_txt(b, word_akind[k].label);
		buf_add(b, "</option>");
	}
}

/* A member as these pages name one: name, and the phone's last digits. */
static void
person(struct buf *b, const struct db_person *p)
{
	html_txt(b, p->name);
	buf_add(b, " <span class=\"muted\">尾号");
	html_txt(b, p->tail);
}

/* The form creating an activity. */
static void
activity_new_form(struct members_view *v)
{
	struct buf	*b = &v->r->body;

	buf_add(b, "<details class=\"card\"><summary>新建活动</summary>\n");
	members_form_start(v, "", "activity");
	buf_add(b, "<label for=\"a-title\">标题</label><input id=\"a-title\" "
	    "name=\"title\" maxlength=\"100\" required><label for=\"a-kind\">"
	    "类型</label><select id=\"a-kind\" name=\"kind\">");
	akind_options(b);
	buf_add(b, "</select><label for=\"a-date\">日期</label><input "
	    "id=\"a-date\" name=\"date\" type=\"date\" required><label "
	    "for=\"a-hours\">时长（小时）</label><input id=\"a-hours\" "
	    "name=\"hours\" inputmode=\"decimal\" required><p><button "
	    "class=\"button\" type=\"submit\">创建</button></p></form>"
	    "</details>\n");
}

/* An activity's line: kind, date, hours, how many took part. */
static void
activity_facts(struct buf *b, const struct db_activity *a)
{
	buf_printf(b, "<span class=\"muted\">%s · %s · ",
	    word_akind[a->kind].label, a->held_on);
	members_tenths(b, a->hours_tenths);
	buf_printf(b, " 小时 · 已记录 <b>%lld</b> 人</span>", a->participants);
}

/* The list: newest first, a page at a time, each with its count. */
static int
activity_list(struct members_view *v)
{
	struct db_activity *a;
	struct buf	*b = &v->r->body;
	long long	 total = 0, pg = v->page;
	size_t		 n, i;
	int		 rc;

	if ((a = calloc(ACTIVITIES_PAGE, sizeof(*a))) == NULL)
		return DB_ERROR;
	if ((rc = db_activities_page(v->r->db, v->reg->id, (pg - 1) *
	    ACTIVITIES_PAGE, a, ACTIVITIES_PAGE, &n, &total)) != DB_OK) {
		free(a);
		return rc;
	}
	activity_new_form(v);
	buf_printf(b, "<p class=\"muted\">共 %lld 项活动，最新的在前。点开一项"
	    "活动记录参与的党员。</p>\n<ol class=\"alist\">\n", total);
	for (i = 0; i < n; i++) {
		buf_printf(b, "<li class=\"card\"><a class=\"atitle\" href=\""
		    "/staff/members/%d/activities?activity=%d\">", v->reg->id,
		    a[i].id);
		html_txt(b, a[i].title);
		buf_add(b, "</a>");
		activity_facts(b, &a[i]);
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ol>\n<p class=\"pager\">");
	if (pg > 1)
		buf_printf(b, "<a class=\"chip\" href=\"/staff/members/%d/"
		    "activities?page=%lld\">上一页</a> ", v->reg->id, pg - 1);
	buf_printf(b, "第 %lld 页", pg);
	if (pg * ACTIVITIES_PAGE < total)
		buf_printf(b, " <a class=\"chip\" href=\"/staff/members/%d/"
		    "activities?page=%lld\">下一页</a>", v->reg->id, pg + 1);
	buf_add(b, "</p>\n");
	free(a);
	return DB_OK;
}

/* The members a search found, to tick (those already in: marked). */
static int
activity_found(struct members_view *v, const struct db_activity *a,
    const struct db_person *in, size_t nin)
{
	struct db_person *f;
	struct buf	*b = &v->r->body;
	char		 phone[12];
	size_t		 n, i, j;
	int		 rc, was;

	if ((f = calloc(FOUND_MAX, sizeof(*f))) == NULL)
		return DB_ERROR;
	/* A phone as written, else a part of a name. */
	if (valid_phone_norm(v->find, phone) == 0)
		rc = db_members_find(v->r->db, v->reg->id, v->now, phone, "",
		    f, FOUND_MAX, &n);
	else
		rc = db_members_find(v->r->db, v->reg->id, v->now, "",
		    v->find, f, FOUND_MAX, &n);
	if (rc != DB_OK) {
		free(f);
		return rc;
	}
	if (n == 0) {
		buf_add(b, "<p class=\"muted\">没有找到本社区报到有效的党员。"
		    "</p>\n");
		free(f);
		return DB_OK;
	}
	members_form_start(v, "found", "participation");
	buf_printf(b, "<input type=\"hidden\" name=\"activity\" value=\"%d\">"
	    "<fieldset><legend>找到 %zu 人，勾选参与的党员</legend>", a->id, n);
	for (i = 0; i < n; i++) {
		for (j = 0, was = 0; j < nin && !was; j++)
			was = in[j].id == f[i].id;
		buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"m\" value=\"%d\"%s> ", f[i].id, was ? " checked" :
		    "");
		person(b, &f[i]);
		buf_add(b, was ? "（已记录）" : "");
		buf_add(b, "</span></label>");
	}
	buf_add(b, "</fieldset><label for=\"f-hours\">每人服务时长（小时）"
	    "</label><input id=\"f-hours\" name=\"hours\" inputmode=\"decimal\" "
	    "value=\"");
	members_tenths(b, a->hours_tenths);
	buf_add(b, "\"><p><button class=\"button\" type=\"submit\">记录参与"
	    "</button></p></form>\n");
	free(f);
	return DB_OK;
}

/*
 * One activity's page: find members by name or phone and tick them, or
 * paste a list of phones; who took part so far.
 */
static int
activity_page(struct members_view *v)
{
	struct db_activity a;
	struct db_person *p;
	struct buf	*b = &v->r->body;
	size_t		 n, i;
	int		 rc;

	rc = db_activity_get(v->r->db, v->activity, &a);
	if (rc == DB_NOTFOUND || (rc == DB_OK && a.community_id !=
	    v->reg->id)) {
		v->r->status = 404;
		buf_printf(b, "<p class=\"notice-bad\">活动不存在。</p><p><a "
		    "class=\"chip\" href=\"/staff/members/%d/activities\">"
		    "全部活动</a></p>\n", v->reg->id);
		return DB_OK;
	}
	if (rc != DB_OK)
		return rc;
	if ((p = calloc(PEOPLE_MAX, sizeof(*p))) == NULL)
		return DB_ERROR;
	if ((rc = db_activity_people(v->r->db, a.id, p, PEOPLE_MAX, &n)) !=
	    DB_OK)
		goto out;
	buf_printf(b, "<p><a class=\"chip\" href=\"/staff/members/%d/"
	    "activities\">← 全部活动</a></p>\n<section class=\"activity\">"
	    "<h2>", v->reg->id);
	html_txt(b, a.title);
	buf_add(b, "</h2>");
	activity_facts(b, &a);
	buf_add(b, "</section>\n<section><h2>查找党员并勾选</h2>\n");
	members_form_start(v, "search", "find");
	buf_printf(b, "<input type=\"hidden\" name=\"activity\" value=\"%d\">"
	    "<label for=\"f-q\">姓名或手机号</label><div class=\"row\">"
	    "<input id=\"f-q\" name=\"q\" maxlength=\"40\" required "
	    "autocomplete=\"off\" value=\"", a.id);
	html_attr(b, v->find ? v->find : "");
	buf_add(b, "\"><button class=\"button\" type=\"submit\">查找</button>"
	    "</div></form>\n");
	if (v->find != NULL && (rc = activity_found(v, &a, p, n)) != DB_OK)
		goto out;
	buf_add(b, "</section>\n<section><h2>粘贴手机号批量记录</h2>\n");
	members_form_start(v, "", "phones");
	buf_printf(b, "<input type=\"hidden\" name=\"activity\" value=\"%d\">"
	    "<label for=\"p-phones\">手机号，每行一个（如签到表中复制）"
	    "</label><textarea id=\"p-phones\" name=\"phones\" rows=\"6\" "
	    "maxlength=\"20000\" required></textarea><label for=\"p-hours\">"
	    "每人服务时长（小时）</label><input id=\"p-hours\" name=\"hours\" "
	    "inputmode=\"decimal\" value=\"", a.id);
	members_tenths(b, a.hours_tenths);
	buf_add(b, "\"><p><button class=\"button\" type=\"submit\">记录参与"
	    "</button></p><p class=\"muted\">不是本社区报到有效党员的号码不会"
	    "记录，会逐行列出。</p></form>\n</section>\n");
	buf_printf(b, "<section><h2>已记录的参与人员（%zu）</h2>\n", n);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">还没有记录。</p>\n");
	else {
		buf_add(b, "<ul class=\"people\">");
		for (i = 0; i < n; i++) {
			buf_add(b, "<li>");
			person(b, &p[i]);
			buf_add(b, " · ");
			members_tenths(b, p[i].hours_tenths);
			buf_add(b, " 小时</span></li>");
		}
		buf_add(b, "</ul>\n");
	}
	buf_add(b, "</section>\n");
out:
	free(p);
	return rc;
}

int
members_show_activities(struct members_view *v)
{
	return v->activity > 0 ? activity_page(v) : activity_list(v);
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
	a->activity = x.id;
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

const struct vfield members_find_fields[MFF__MAX] = {
	{ "activity", "活动", V_ID, true },			/* MFF_ACTIVITY */
	{ "q", "姓名或手机号", V_TEXT, true, 1, 40 },		/* MFF_Q */
};

/* The activity of field slot if it is this community's: 0, else -1
 * after members_act_bad (or a db_rc in *rc). */
static int
own_activity(struct members_act *a, size_t slot, struct db_activity *x,
    int *rc)
{
	int	 id = members_act_id(a, slot);

	*rc = id ? db_activity_get(a->r->db, id, x) : DB_NOTFOUND;
	if (*rc == DB_NOTFOUND || (*rc == DB_OK && x->community_id !=
	    a->reg->id)) {
		*rc = members_act_bad(a, 400, "活动不存在。");
		return -1;
	}
	return *rc == DB_OK ? 0 : -1;
}

/* Find members for an activity's page: shown there, nothing changed
 * (a lookup of personal data, audited like a change). */
int
members_act_find(struct members_act *a)
{
	struct db_activity x;
	int		 rc;

	if (own_activity(a, MFF_ACTIVITY, &x, &rc) == -1)
		return rc;
	a->activity = x.id;
	if (a->r->av[MFF_Q].error != NULL)
		return members_act_bad(a, 400, "请输入姓名或手机号。");
	a->find = a->r->av[MFF_Q].s;
	snprintf(a->object, sizeof(a->object), "activity:%d", x.id);
	snprintf(a->msg, sizeof(a->msg), "查找结果见下方。");
	return DB_OK;
}

const struct vfield members_phones_fields[HF__MAX] = {
	{ "activity", "活动", V_ID, true },			/* HF_ACTIVITY */
	{ "hours", "时长", V_DECIMAL, true, 1, 99900000 },	/* HF_HOURS */
	{ "phones", "手机号", V_LONGTEXT, true, 1, 20000 },	/* HF_PHONES */
};

/* Append to a's message (it stays a string, cut if too long). */
static void
msg_add(struct members_act *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void
msg_add(struct members_act *a, const char *fmt, ...)
{
	size_t	 n = strlen(a->msg);
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(a->msg + n, sizeof(a->msg) - n, fmt, ap);
	va_end(ap);
}

/*
 * Record a pasted list of phones, one a line: the community's members
 * with a valid report take part; any other line is reported back by its
 * number, and nothing is stored for it.  400 when no line is a member.
 */
int
members_act_phones(struct members_act *a)
{
	const struct vvalue *v = a->r->av;
	struct db_activity x;
	struct db_person p[2];
	char		 ph[12];
	int		*ids = NULL;
	long long	 t;
	size_t		 pos = 0, line = 0, n = 0, bad = 0, np, i;
	int		 rc, lr, dup;

	if (own_activity(a, HF_ACTIVITY, &x, &rc) == -1)
		return rc;
	a->activity = x.id;
	if (v[HF_HOURS].error != NULL || hours_tenths(v[HF_HOURS].i, &t) ==
	    -1)
		return members_act_bad(a, 400, "请填写每人服务时长（小时，最多"
		    "一位小数）。");
	if (v[HF_PHONES].error != NULL)
		return members_act_bad(a, 400, "请粘贴手机号，每行一个。");
	if ((ids = calloc(PHONES_MAX, sizeof(*ids))) == NULL)
		return DB_ERROR;
	a->msg[0] = '\0';
	while ((lr = valid_phone_line(v[HF_PHONES].s, &pos, &line, ph)) != 1) {
		if (n + bad >= PHONES_MAX) {
			msg_add(a, "第 %zu 行起未处理（一次最多 %d 行）；",
			    line, PHONES_MAX);
			bad++;
			break;
		}
		if (lr == -1) {
			msg_add(a, "第 %zu 行不是手机号码；", line);
			bad++;
			continue;
		}
		if ((rc = db_members_find(a->r->db, a->reg->id, time(NULL), ph,
		    "", p, 2, &np)) != DB_OK)
			goto out;
		if (np != 1) {
			msg_add(a, "第 %zu 行 %s 不是本社区报到有效的党员；",
			    line, ph);
			bad++;
			continue;
		}
		for (i = 0, dup = 0; i < n && !dup; i++)
			dup = ids[i] == p[0].id;
		if (!dup)
			ids[n++] = p[0].id;
	}
	if (n == 0) {
		rc = DB_OK;
		if (bad == 0)
			members_act_bad(a, 400, "请粘贴手机号，每行一个。");
		else {
			a->status = 400;
			msg_add(a, "未作记录。");
		}
		goto out;
	}
	if ((rc = db_participation(a->r->db, x.id, ids, n, t, time(NULL))) !=
	    DB_OK)
		goto out;
	if (bad > 0) {
		/* Saved; what was not, line by line, after the count. */
		char	 rest[sizeof(a->msg)];

		snprintf(rest, sizeof(rest), "%s", a->msg);
		snprintf(a->msg, sizeof(a->msg), "已记录 %zu 人。以下 %zu 行未"
		    "记录：", n, bad);
		msg_add(a, "%s", rest);
	} else
		snprintf(a->msg, sizeof(a->msg), "已记录 %zu 人。", n);
	snprintf(a->object, sizeof(a->object), "activity:%d", x.id);
	snprintf(a->detail, sizeof(a->detail), "%zu members, %zu lines not "
	    "recorded", n, bad);
out:
	free(ids);
	return rc;
}
