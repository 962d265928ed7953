/*
 * The organisation's own star rating page, /unit/stars: the contact
 * account of a 两新 organisation (unit_staff bound to the organisation's
 * unit) fills the self-assessment of a year (points per item, a note),
 * saves it as a draft or submits it (自评 -> 已自评待初评); after that it
 * sees the street's and the district's steps and its history.  Any other
 * account, or a unit that is not a 两新 organisation, gets 404.
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

enum { UF_YEAR, UF_DONE, UF_VERSION, UF_NOTE, UF_ITEM, UF_POINTS, UF__MAX };
static const struct vfield unit_fields[UF__MAX] = {
	{ "year", "年度", V_INT, false, VALID_YEAR_MIN, VALID_YEAR_MAX },
	{ "done", "已保存", V_INT, false, 0, 1 },		/* UF_DONE */
	{ "version", "版本", V_INT, false, 0, UINT_MAX },	/* UF_VERSION */
	{ "note", "说明", V_LONGTEXT, false, 1, DB_STAR_NOTE_MAX, NULL,
	    "说明最多 1000 字。" },				/* UF_NOTE */
	{ "item", "细则", V_ID, false, 1, INT_MAX, .many = true },
	{ "points", "得分", V_TEXT, false, 1, 12, .many = true },
};
#define ACTION(a) { NULL, NULL, 0, &star_steps[a].code }
static const struct vaction unit_actions[] = {
	ACTION(STA_SAVE),
	ACTION(STA_SUBMIT),
};
#undef ACTION

/* The account's organisation: 0, or -1 after answering (404 when the
 * account's unit is none or not a 两新 organisation). */
static int
unit_open(struct req *r, struct staff *s, struct db_star_org *o)
{
	int	 rc;

	if (auth_require(r, ROLE_BIT(ROLE_UNIT), s) == -1)
		return -1;
	rc = s->u.unit_id == 0 ? DB_NOTFOUND :
	    db_star_org_get(r->db, s->u.unit_id, o);
	if (rc == DB_OK)
		return 0;
	if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else
		http_db_error(r, rc);
	return -1;
}

static void
unit_page(struct req *r, const struct staff *s, const struct db_star_org *o,
    int year, const struct as_stars_view *u, const char *msg, int bad,
    const struct as_stars_form *typed, const char *note)
{
	struct buf	*b = &r->body;
	int		 editable = !u->has || u->g.state == STAR_DRAFT;

	unit_page_begin(r, s, "星级评定", "<a href=\"/unit\">单位首页</a> "
	    "<a href=\"/unit/stars\">星级评定</a>");
	buf_add(b, "<h1>");
	html_txt(b, o->name);
	buf_printf(b, "</h1>\n<h2>%d 年度星级评定</h2>\n", year);
	html_notice(b, msg, bad);
	buf_printf(b, "<p>状态：%s", as_stars_state(u->g.state));
	if (u->has && u->g.state == STAR_CONFIRMED)
		buf_printf(b, " · <strong>%s</strong>（%d 星）",
		    stars_label(u->g.stars), u->g.stars);
	buf_add(b, "</p>\n");
	if (u->has && u->g.state == STAR_DRAFT && u->g.street_note[0]) {
		buf_add(b, "<p class=\"notice-bad\">街道退回：");
		html_txt(b, u->g.street_note);
		buf_add(b, "</p>\n");
	}
	if (u->nitems == 0) {
		buf_add(b, "<p class=\"muted\">本年度评定细则尚未设定，请等待区里"
		    "发布。</p>\n");
	} else if (!editable) {
		as_stars_cards(b, u->items, u->nitems, u->sc, u->nsc, -1, NULL);
	} else {
		buf_add(b, "<form method=\"post\" action=\"/unit/stars\" "
		    "class=\"card act\">\n");
		auth_csrf_field(b, s);
		buf_printf(b, "<input type=\"hidden\" name=\"year\" value=\"%d\">"
		    "<input type=\"hidden\" name=\"version\" value=\"%lld\">\n",
		    year, u->has ? u->g.version : 0);
		as_stars_cards(b, u->items, u->nitems, u->sc, u->nsc, SACT_ORG,
		    typed);
		buf_add(b, "<label for=\"note\">自评说明</label><textarea "
		    "id=\"note\" name=\"note\" maxlength=\"1000\" rows=\"3\">");
		html_txt(b, note != NULL ? note : u->g.self_note);
		buf_printf(b, "</textarea>\n<p><button class=\"button\" "
		    "type=\"submit\" name=\"action\" value=\"%s\">%s</button> "
		    "<button class=\"button secondary\" type=\"submit\" "
		    "name=\"action\" value=\"%s\">%s</button></p>\n<p class=\""
		    "muted\">提交后由街道初评、区认定，不能再修改。</p></form>\n",
		    star_steps[STA_SUBMIT].code, star_steps[STA_SUBMIT].label,
		    star_steps[STA_SAVE].code, star_steps[STA_SAVE].label);
	}
	as_stars_bands(b);
	buf_add(b, "<h2>历年评定</h2>\n");
	as_stars_history(b, u->hist, u->nhist);
	html_end(r);
}

/* GET /unit/stars?year=Y */
void
page_unit_stars(struct req *r)
{
	struct staff	 s;
	struct db_star_org o;
	struct as_stars_view	*u;
	int		 year, rc;

	if (unit_open(r, &s, &o) == -1)
		return;
	year = r->v[UF_YEAR].present && r->v[UF_YEAR].error == NULL ?
	    (int)r->v[UF_YEAR].i : as_stars_year_now();
	if ((u = malloc(sizeof(*u))) == NULL ||
	    (rc = as_stars_load(r, &o, year, u)) != DB_OK) {
		http_db_error(r, u == NULL ? DB_ERROR : rc);
		free(u);
		return;
	}
	unit_page(r, &s, &o, year, u, r->v[UF_DONE].present &&
	    r->v[UF_DONE].error == NULL ? (r->v[UF_DONE].i == 1 ?
	    "已提交自评，等待街道初评。" : "草稿已保存。") : NULL, 0, NULL,
	    NULL);
	free(u);
}

/*
 * POST /unit/stars: save or submit the self-assessment.  400 for a bad
 * form (nothing stored), 409 when the rating changed or was submitted,
 * 303 back when stored.
 */
void
page_unit_stars_post(struct req *r)
{
	struct staff	 s;
	struct db_star_org o;
	struct as_stars_view	*u = NULL;
	struct as_stars_form f;
	enum star_action act;
	const char	*why = NULL, *note;
	char		 loc[64];
	int		 year, rc;

	if (unit_open(r, &s, &o) == -1)
		return;
	if (r->action < 0 || !r->v[UF_YEAR].present ||
	    r->v[UF_YEAR].error != NULL) {
		html_error_page(r, 400, "表单有误", "请返回重新操作。");
		return;
	}
	year = (int)r->v[UF_YEAR].i;
	note = r->v[UF_NOTE].present && r->v[UF_NOTE].error == NULL ?
	    r->v[UF_NOTE].s : "";
	memset(&f, 0, sizeof(f));
	if ((u = malloc(sizeof(*u))) == NULL ||
	    (rc = as_stars_load(r, &o, year, u)) != DB_OK) {
		http_db_error(r, u == NULL ? DB_ERROR : rc);
		goto out;
	}
	if (r->v[UF_NOTE].error != NULL)
		why = r->v[UF_NOTE].error;
	else if (!r->v[UF_VERSION].present || r->v[UF_VERSION].error != NULL)
		why = "表单已失效，请刷新后重试。";
	else if (u->nitems == 0)
		why = "本年度评定细则尚未设定。";
	else
		(void)as_stars_read(r, &unit_fields[UF_ITEM],
		    &unit_fields[UF_POINTS], u->items, u->nitems, &f, &why);
	if (why != NULL) {
		r->status = 400;
		unit_page(r, &s, &o, year, u, why, 1, &f, note);
		goto out;
	}
	act = r->action == 0 ? STA_SAVE : STA_SUBMIT;
	rc = as_stars_act(r, &s, &o, year, act, r->v[UF_VERSION].i, &f, note);
	if (rc == DB_OK) {
		snprintf(loc, sizeof(loc), "/unit/stars?year=%d&done=%d", year,
		    act == STA_SUBMIT);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (rc == DB_CONFLICT) {
		if ((rc = as_stars_load(r, &o, year, u)) != DB_OK) {
			http_db_error(r, rc);
			goto out;
		}
		r->status = 409;
		unit_page(r, &s, &o, year, u, "自评已被提交或已变化，未作修改。"
		    "请查看最新状态。", 1, &f, note);
	} else
		http_db_error(r, rc);
out:
	free(u);
}

VFORM(form_unit_stars, unit_fields);
VFORM_ACTIONS(form_unit_stars_post, unit_fields, unit_actions);
