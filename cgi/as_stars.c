/*
 * Star ratings (星级评定) of 两新 organisations, the staff side (issue 22
 * point 4): the list /assess/stars (filters street, year, stars, state),
 * the district's overview /assess/stars/overview (organisations at each
 * star level per street, and in each state), and an organisation's page
 * /assess/stars/org/{id} with the year's rating, the step of the reader
 * (the street's 初评 or return at state self, the district's 认定 or
 * return at state street) and every year's history.  Street officials
 * see their street's organisations, district officials and admins their
 * district's; anything else answers 404.  The sub-indicators are on
 * cgi/as_stars_items.c, the organisation's own page on as_stars_unit.c.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "as_stars.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define MAX_ORGS	1000
#define MAX_REGIONS	5000
#define MAX_COUNTS	2000

/* The state filter: the states, and none (未开始). */
static const char *const state_codes[] = { "none", "draft", "self",
	"street", "confirmed" };

/* GET /assess/stars and /assess/stars/overview */
enum { LF_STREET, LF_YEAR, LF_STARS, LF_STATE, LF__MAX };
static const struct vfield list_fields[LF__MAX] = {
	{ "street", "街道", V_ID, false, 1, INT_MAX },		/* LF_STREET */
	{ "year", "年度", V_INT, false, VALID_YEAR_MIN, VALID_YEAR_MAX },
	{ "stars", "星级", V_INT, false, 1, 5 },		/* LF_STARS */
	{ "state", "状态", V_ENUM, false, 0, NELEMS(state_codes), /* LF_STATE */
	    state_codes },
};

/* The section's links under the staff navigation. */
static void
section_nav(struct buf *b, const struct staff *s, int year)
{
	buf_printf(b, "<nav class=\"chips\"><a class=\"chip\" href=\"/assess/"
	    "stars?year=%d\">两新组织星级评定</a><a class=\"chip\" href=\"/"
	    "assess/stars/overview?year=%d\">星级分布</a>", year, year);
	if (s->u.role != ROLE_STREET)
		buf_printf(b, "<a class=\"chip\" href=\"/assess/stars/items?"
		    "year=%d\">评定细则</a>", year);
	buf_add(b, "</nav>\n");
}

/* The streets the user may filter by (all of the district, or theirs). */
static int
streets(struct req *r, const struct staff *s, struct db_region **out,
    size_t *n)
{
	struct db_region *g;
	size_t		 i, k = 0;
	int		 rc;

	*n = 0;
	if ((g = calloc(MAX_REGIONS, sizeof(*g))) == NULL)
		return DB_ERROR;
	if ((rc = db_regions(r->db, g, MAX_REGIONS, n)) != DB_OK) {
		free(g);
		return rc;
	}
	for (i = 0; i < *n; i++)
		if (g[i].level == REGION_STREET &&
		    (s->u.scope.id[1] != 0 ? g[i].id == s->u.scope.id[1] :
		    s->u.scope.id[0] == 0 || g[i].parent_id == s->u.scope.id[0]))
			g[k++] = g[i];
	*n = k;
	*out = g;
	return DB_OK;
}

static void
filter_form(struct buf *b, const struct db_star_filter *f,
    const struct db_region *g, size_t ng)
{
	size_t	 i;
	int	 k;

	buf_add(b, "<form method=\"get\" action=\"/assess/stars\" class=\"card\">"
	    "\n<p><label for=\"street\">街道</label><select id=\"street\" "
	    "name=\"street\"><option value=\"\">全部街道</option>");
	for (i = 0; i < ng; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", g[i].id,
		    g[i].id == f->street_id ? " selected" : "");
		html_txt(b, g[i].name);
		buf_add(b, "</option>");
	}
	buf_printf(b, "</select></p>\n<p><label for=\"year\">年度</label>"
	    "<input id=\"year\" name=\"year\" type=\"number\" min=\"%d\" "
	    "max=\"%d\" value=\"%d\"></p>\n<p><label for=\"stars\">星级</label>"
	    "<select id=\"stars\" name=\"stars\"><option value=\"\">全部</option>",
	    VALID_YEAR_MIN, VALID_YEAR_MAX, f->year);
	for (k = 5; k >= 1; k--)
		buf_printf(b, "<option value=\"%d\"%s>%s</option>", k,
		    f->stars == k ? " selected" : "", stars_label(k));
	buf_add(b, "</select></p>\n<p><label for=\"state\">状态</label><select "
	    "id=\"state\" name=\"state\"><option value=\"\">全部</option>");
	for (k = 0; k < (int)NELEMS(state_codes); k++)
		buf_printf(b, "<option value=\"%s\"%s>%s</option>",
		    state_codes[k], strcmp(f->state, state_codes[k]) == 0 ?
		    " selected" : "", as_stars_state(k - 1));
	buf_add(b, "</select></p>\n<p><button class=\"button\" type=\"submit\">"
	    "筛选</button></p></form>\n");
}

/* An organisation's kind as shown. */
static const char *
org_kind(const struct db_star_org *o)
{
	if (o->org_kind >= 0)
		return word_unit_org[o->org_kind].label;
	return word_unit_kind[UNIT_ORG].label;
}

static void
org_card(struct buf *b, const struct db_star_org *o, int year)
{
	buf_printf(b, "<li class=\"card\"><p><a class=\"atitle\" href=\"/assess"
	    "/stars/org/%d?year=%d\">", o->id, year);
	html_txt(b, o->name);
	buf_add(b, "</a></p>\n<p>");
	html_txt(b, org_kind(o));
	if (o->sector[0]) {
		buf_add(b, " · ");
		html_txt(b, o->sector);
	}
	buf_add(b, " · ");
	html_txt(b, o->street);
	if (strcmp(o->street, o->region) != 0) {
		buf_add(b, " ");
		html_txt(b, o->region);
	}
	buf_add(b, "</p>\n<p>");
	html_txt(b, as_stars_state(o->state));
	buf_add(b, " · 自评 ");
	as_stars_points(b, o->self_c);
	buf_add(b, " · 初评 ");
	as_stars_points(b, o->street_c);
	buf_add(b, " · 认定 ");
	as_stars_points(b, o->final_c);
	if (o->state == STAR_CONFIRMED)
		buf_printf(b, " · <strong>%s</strong>", stars_label(o->stars));
	buf_add(b, "</p></li>\n");
}

/* GET /assess/stars */
void
page_as_stars(struct req *r)
{
	struct staff	 s;
	struct db_star_filter f;
	struct db_star_org *o = NULL;
	struct db_region *g = NULL;
	struct buf	*b = &r->body;
	size_t		 n = 0, ng = 0, i;
	int		 rc;

	if (auth_require(r, AS_STARS_ROLES, &s) == -1)
		return;
	if (r->nbad != 0) {
		html_error_page(r, 400, "筛选条件有误", "请返回重新选择。");
		return;
	}
	memset(&f, 0, sizeof(f));
	f.scope = s.u.scope;
	f.year = r->v[LF_YEAR].present ? (int)r->v[LF_YEAR].i :
	    as_stars_year_now();
	f.street_id = r->v[LF_STREET].present ? (int)r->v[LF_STREET].i : 0;
	f.stars = r->v[LF_STARS].present ? (int)r->v[LF_STARS].i : 0;
	f.state = r->v[LF_STATE].present ? state_codes[r->v[LF_STATE].i] : "";
	if ((o = calloc(MAX_ORGS, sizeof(*o))) == NULL)
		rc = DB_ERROR;
	else if ((rc = streets(r, &s, &g, &ng)) == DB_OK)
		rc = db_star_orgs(r->db, &f, o, MAX_ORGS, &n);
	if (rc != DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	staff_begin(r, &s, "两新组织星级评定");
	buf_printf(b, "<h1>两新组织星级评定 · %d 年度</h1>\n", f.year);
	section_nav(b, &s, f.year);
	as_stars_bands(b);
	filter_form(b, &f, g, ng);
	buf_printf(b, "<p>共 %zu 个组织。</p>\n", n);
	if (n > 0)
		buf_add(b, "<ul class=\"stars\">\n");
	for (i = 0; i < n; i++)
		org_card(b, &o[i], f.year);
	if (n > 0)
		buf_add(b, "</ul>\n");
	html_end(r);
out:
	free(o);
	free(g);
}

/* The overview's columns: stars 5..1, then the states not confirmed. */
enum { OV_S5, OV_S4, OV_S3, OV_S2, OV_S1, OV_DRAFT, OV_SELF, OV_STREET,
	OV_NONE, OV__MAX };

static int
ov_col(const struct db_star_count *c)
{
	if (c->state == STAR_CONFIRMED && c->stars >= 1 && c->stars <= 5)
		return OV_S5 + 5 - c->stars;
	if (c->state == STAR_DRAFT)
		return OV_DRAFT;
	if (c->state == STAR_SELF)
		return OV_SELF;
	if (c->state == STAR_STREET)
		return OV_STREET;
	return OV_NONE;
}

static void
ov_row(struct buf *b, const char *name, const long long *v)
{
	long long	 t = 0, conf = 0;
	int		 k;

	buf_add(b, "<tr><th>");
	html_txt(b, name);
	buf_add(b, "</th>");
	for (k = 0; k < OV__MAX; k++) {
		t += v[k];
		if (k <= OV_S1)
			conf += v[k];
		buf_printf(b, "<td class=\"num\">%lld</td>", v[k]);
		if (k == OV_S1)
			buf_printf(b, "<td class=\"num\">%lld</td>", conf);
	}
	buf_printf(b, "<td class=\"num\">%lld</td></tr>\n", t);
}

/* GET /assess/stars/overview?year=Y */
void
page_as_stars_overview(struct req *r)
{
	struct staff	 s;
	struct db_star_count *c;
	struct buf	*b = &r->body;
	long long	 row[OV__MAX], total[OV__MAX];
	size_t		 n = 0, i;
	int		 year, rc, k;

	if (auth_require(r, AS_STARS_ROLES, &s) == -1)
		return;
	if (r->nbad != 0) {
		html_error_page(r, 400, "年度有误", "请返回重新选择。");
		return;
	}
	year = r->v[LF_YEAR].present ? (int)r->v[LF_YEAR].i :
	    as_stars_year_now();
	if ((c = calloc(MAX_COUNTS, sizeof(*c))) == NULL ||
	    (rc = db_star_counts(r->db, &s.u.scope, year, c, MAX_COUNTS,
	    &n)) != DB_OK) {
		http_db_error(r, c == NULL ? DB_ERROR : rc);
		free(c);
		return;
	}
	staff_begin(r, &s, "两新组织星级分布");
	buf_printf(b, "<h1>两新组织星级分布 · %d 年度</h1>\n", year);
	section_nav(b, &s, year);
	buf_printf(b, "<form method=\"get\" action=\"/assess/stars/overview\" "
	    "class=\"card\"><p><label for=\"year\">年度</label><input "
	    "id=\"year\" name=\"year\" type=\"number\" min=\"%d\" max=\"%d\" "
	    "value=\"%d\"></p><p><button class=\"button\" type=\"submit\">查看"
	    "</button></p></form>\n", VALID_YEAR_MIN, VALID_YEAR_MAX, year);
	as_stars_bands(b);
	buf_add(b, "<p class=\"muted\">每个街道（含其社区）的两新组织按本年度"
	    "评定的状态计数：已认定的按星级，其余按所处环节；各行之和为该街道"
	    "的组织数，合计行为各街道之和。</p>\n<div class=\"scroll\"><table "
	    "class=\"stars-overview\">\n<thead><tr><th>街道</th>");
	for (k = 5; k >= 1; k--)
		buf_printf(b, "<th>%s</th>", stars_label(k));
	buf_add(b, "<th>已认定</th><th>自评中</th><th>待初评</th><th>待认定</th>"
	    "<th>未开始</th><th>合计</th></tr></thead>\n<tbody>\n");
	memset(total, 0, sizeof(total));
	for (i = 0; i < n; ) {
		size_t	 j = i;

		memset(row, 0, sizeof(row));
		for (; j < n && c[j].street_id == c[i].street_id; j++) {
			row[ov_col(&c[j])] += c[j].n;
			total[ov_col(&c[j])] += c[j].n;
		}
		ov_row(b, c[i].street[0] ? c[i].street : "（未归属街道）", row);
		i = j;
	}
	buf_add(b, "</tbody>\n<tfoot>");
	ov_row(b, "合计", total);
	buf_add(b, "</tfoot></table></div>\n");
	html_end(r);
	free(c);
}

/* GET and POST /assess/stars/org/{id} */
enum { OF_ID, OF_YEAR, OF_DONE, OF_VERSION, OF_NOTE, OF_ITEM, OF_POINTS,
	OF__MAX };
static const struct vfield org_fields[OF__MAX] = {
	{ "*0", "组织", V_ID, true, 1, INT_MAX },		/* OF_ID */
	{ "year", "年度", V_INT, false, VALID_YEAR_MIN, VALID_YEAR_MAX },
	{ "done", "已保存", V_INT, false, 1, 1 },		/* OF_DONE */
	{ "version", "版本", V_INT, false, 0, UINT_MAX },	/* OF_VERSION */
	{ "note", "说明", V_LONGTEXT, false, 1, DB_STAR_NOTE_MAX, NULL,
	    "说明最多 1000 字。" },				/* OF_NOTE */
	{ "item", "细则", V_ID, false, 1, INT_MAX, .many = true },
	{ "points", "得分", V_TEXT, false, 1, 12, .many = true },
};
/* The steps of this page, in the order of enum star_action from
 * STA_STREET_RATE. */
#define ACTION(a) { NULL, NULL, 0, &star_steps[a].code }
static const struct vaction org_actions[] = {
	ACTION(STA_STREET_RATE),
	ACTION(STA_STREET_RETURN),
	ACTION(STA_CONFIRM),
	ACTION(STA_DISTRICT_RETURN),
};
#undef ACTION

static void
details(struct buf *b, const struct db_star_org *o)
{
	buf_add(b, "<section><table class=\"details\">\n<tr><th>类型</th><td>");
	html_txt(b, org_kind(o));
	buf_add(b, "</td></tr>\n<tr><th>行业</th><td>");
	html_txt(b, o->sector[0] ? o->sector : "—");
	buf_add(b, "</td></tr>\n<tr><th>所在</th><td>");
	html_txt(b, o->street);
	if (strcmp(o->street, o->region) != 0) {
		buf_add(b, " ");
		html_txt(b, o->region);
	}
	buf_add(b, "</td></tr>\n<tr><th>党组织</th><td>");
	html_txt(b, o->party_org[0] ? o->party_org : "—");
	buf_add(b, "</td></tr>\n<tr><th>书记</th><td>");
	html_txt(b, o->secretary[0] ? o->secretary : "—");
	buf_add(b, "</td></tr>\n<tr><th>联系人</th><td>");
	html_txt(b, o->contact[0] ? o->contact : "—");
	if (o->contact_phone[0]) {
		buf_add(b, " ");
		html_txt(b, o->contact_phone);
	}
	buf_add(b, "</td></tr>\n</table></section>\n");
}

/* The actions of the reader's step at the rating's state, as one form. */
static void
step_form(struct buf *b, const struct staff *s, const struct db_star_org *o,
    int year, const struct as_stars_view *y, const struct as_stars_form *typed,
    const char *note)
{
	int	 actor = stars_actor_of(s->u.role), a, first = -1;

	for (a = STA_STREET_RATE; a < STA__MAX; a++)
		if ((int)star_steps[a].actor == actor && y->has &&
		    (int)star_steps[a].from == y->g.state) {
			first = a;
			break;
		}
	if (first < 0) {
		as_stars_cards(b, y->items, y->nitems, y->sc, y->nsc, -1, NULL);
		if (y->has && y->g.state != STAR_CONFIRMED)
			buf_printf(b, "<p class=\"muted\">当前环节：%s，不由"
			    "本级办理。</p>\n", as_stars_state(y->g.state));
		return;
	}
	buf_printf(b, "<form method=\"post\" action=\"/assess/stars/org/%d\" "
	    "class=\"card act\">\n", o->id);
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	    "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n", year,
	    y->g.version);
	as_stars_cards(b, y->items, y->nitems, y->sc, y->nsc, actor, typed);
	buf_add(b, "<label for=\"note\">说明（退回时必填，写明原因）</label>"
	    "<textarea id=\"note\" name=\"note\" maxlength=\"1000\" rows=\"3\">");
	if (note != NULL)
		html_txt(b, note);
	buf_printf(b, "</textarea>\n<p><button class=\"button\" type=\"submit\" "
	    "name=\"action\" value=\"%s\">%s</button> <button class=\"button "
	    "secondary\" type=\"submit\" formnovalidate name=\"action\" "
	    "value=\"%s\">%s</button></p></form>\n", star_steps[first].code,
	    star_steps[first].label, star_steps[first + 1].code,
	    star_steps[first + 1].label);
}

static void
org_page(struct req *r, const struct staff *s, const struct db_star_org *o,
    int year, const struct as_stars_view *y, const char *msg, int bad,
    const struct as_stars_form *typed, const char *note)
{
	struct buf	*b = &r->body;

	staff_begin(r, s, o->name);
	buf_add(b, "<h1>");
	html_txt(b, o->name);
	buf_add(b, "</h1>\n");
	section_nav(b, s, year);
	html_notice(b, msg, bad);
	details(b, o);
	buf_printf(b, "<h2>%d 年度星级评定</h2>\n<p>状态：%s", year,
	    as_stars_state(y->g.state));
	if (y->g.state == STAR_CONFIRMED) {
		buf_printf(b, " · 认定 ");
		as_stars_points(b, y->g.final_c);
		buf_printf(b, " 分 · <strong>%s</strong>（%d 星）",
		    stars_label(y->g.stars), y->g.stars);
	}
	buf_add(b, "</p>\n");
	if (y->nitems == 0)
		buf_add(b, "<p class=\"muted\">本年度评定细则尚未设定。</p>\n");
	else
		step_form(b, s, o, year, y, typed, note);
	as_stars_bands(b);
	buf_add(b, "<h2>历年评定</h2>\n");
	as_stars_history(b, y->hist, y->nhist);
	html_end(r);
}

/*
 * The organisation of the URL in the reader's scope, into o: 0, or -1
 * after answering (login, 404, 503).
 */
static int
org_open(struct req *r, struct staff *s, struct db_star_org *o)
{
	int	 rc;

	if (auth_require(r, AS_STARS_ROLES, s) == -1)
		return -1;
	rc = r->v[OF_ID].error != NULL ? DB_NOTFOUND :
	    db_star_org_get(r->db, (int)r->v[OF_ID].i, o);
	return staff_scoped(r, s, rc, o->ids);
}

/* GET /assess/stars/org/{id}?year=Y */
void
page_as_stars_org(struct req *r)
{
	struct staff	 s;
	struct db_star_org o;
	struct as_stars_view	*y;
	int		 year, rc;

	if (org_open(r, &s, &o) == -1)
		return;
	year = r->v[OF_YEAR].present && r->v[OF_YEAR].error == NULL ?
	    (int)r->v[OF_YEAR].i : as_stars_year_now();
	if ((y = malloc(sizeof(*y))) == NULL ||
	    (rc = as_stars_load(r, &o, year, y)) != DB_OK) {
		http_db_error(r, y == NULL ? DB_ERROR : rc);
		free(y);
		return;
	}
	org_page(r, &s, &o, year, y, r->v[OF_DONE].present &&
	    r->v[OF_DONE].error == NULL ? "已保存。" : NULL, 0, NULL, NULL);
	free(y);
}

/*
 * POST /assess/stars/org/{id}: the reader's step.  404 outside the
 * reader's scope, 403 for another level's step, 400 for a bad form
 * (nothing stored), 409 when the rating changed or is at another state,
 * 303 back when done.
 */
void
page_as_stars_org_post(struct req *r)
{
	struct staff	 s;
	struct db_star_org o;
	struct as_stars_view	*y = NULL;
	struct as_stars_form f;
	const char	*why = NULL, *note;
	char		 loc[96];
	int		 year, rc, act;

	if (org_open(r, &s, &o) == -1)
		return;
	if (r->action < 0) {
		html_error_page(r, 400, "未知的操作", "请返回重新操作。");
		return;
	}
	act = STA_STREET_RATE + r->action;
	if ((int)star_steps[act].actor != stars_actor_of(s.u.role)) {
		html_error_page(r, 403, "无权进行此操作",
		    "初评由组织所在街道进行，认定由区进行。");
		return;
	}
	if (!r->v[OF_YEAR].present || r->v[OF_YEAR].error != NULL) {
		html_error_page(r, 400, "年度有误", "请返回重新操作。");
		return;
	}
	year = (int)r->v[OF_YEAR].i;
	note = r->v[OF_NOTE].present && r->v[OF_NOTE].error == NULL ?
	    r->v[OF_NOTE].s : "";
	memset(&f, 0, sizeof(f));
	if ((y = malloc(sizeof(*y))) == NULL ||
	    (rc = as_stars_load(r, &o, year, y)) != DB_OK) {
		http_db_error(r, y == NULL ? DB_ERROR : rc);
		goto out;
	}
	if (r->v[OF_NOTE].error != NULL)
		why = r->v[OF_NOTE].error;
	else if (!r->v[OF_VERSION].present || r->v[OF_VERSION].error != NULL)
		why = "表单已失效，请刷新后重试。";
	else if (star_steps[act].note_required && note[0] == '\0')
		why = "退回须写明原因。";
	else if (star_steps[act].scores)
		(void)as_stars_read(r, &org_fields[OF_ITEM],
		    &org_fields[OF_POINTS], y->items, y->nitems, &f, &why);
	if (why != NULL) {
		r->status = 400;
		org_page(r, &s, &o, year, y, why, 1, &f, note);
		goto out;
	}
	rc = as_stars_act(r, &s, &o, year, (enum star_action)act,
	    r->v[OF_VERSION].i, &f, note);
	if (rc == DB_OK) {
		snprintf(loc, sizeof(loc), "/assess/stars/org/%d?year=%d&done=1",
		    o.id, year);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (rc == DB_CONFLICT) {
		if ((rc = as_stars_load(r, &o, year, y)) != DB_OK) {
			http_db_error(r, rc);
			goto out;
		}
		r->status = 409;
		org_page(r, &s, &o, year, y, "该评定已被他人处理或已变化，未作修改。"
		    "请查看最新状态。", 1, f.n ? &f : NULL, note);
	} else
		http_db_error(r, rc);
out:
	free(y);
}

/* The routes' tables. */
VFORM(form_as_stars, list_fields);
VFORM(form_as_stars_overview, list_fields);
VFORM(form_as_stars_org, org_fields);
VFORM_ACTIONS(form_as_stars_org_post, org_fields, org_actions);
