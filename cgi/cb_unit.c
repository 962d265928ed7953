/*
 * The co-building unit's own account (共建单位联络员, role unit_staff,
 * bound to its unit): /unit, where it lands after logging in: its unit,
 * its agreements and commitments with what is due next and overdue, a
 * fulfil form per open commitment, the mutual evaluation while its
 * window is open, and the links to its lists (/unit/needs, ...).  It
 * acts on POST /unit/agreements/{id} (fulfil, evaluate; cgi/cb_agree.c
 * does the work).  Staff get 404 here; the unit's account gets 404 on
 * staff pages and on other units' agreements.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbagree.h"
#include "day.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "stars.h"
#include "valid.h"

#define UNIT_YEARS	5	/* agreements shown, newest first */
#define MAX_COMMITMENTS	50

enum { UH_DONE, UH__MAX };
static const struct vfield home_fields[UH__MAX] = {
	{ "done", "已保存", V_INT, false, 1, 1 },		/* UH_DONE */
};

/* What is due: the overdue commitments of signed agreements and the
 * next one due. */
static void
due_summary(struct buf *b, const struct cb_agreement *a, size_t na,
    struct cb_commitment *const *c, const size_t *nc, int today)
{
	const struct cb_commitment *next = NULL;
	size_t		 i, j;
	int		 late = 0, open = 0;

	for (i = 0; i < na; i++) {
		if (a[i].state != AGR_SIGNED)
			continue;
		for (j = 0; j < nc[i]; j++) {
			if (c[i][j].state != CMT_OPEN)
				continue;
			open++;
			if (day_parse(c[i][j].due_on) < today)
				late++;
			else if (next == NULL || strcmp(c[i][j].due_on,
			    next->due_on) < 0)
				next = &c[i][j];
		}
	}
	buf_printf(b, "<section class=\"card\"><h2>待兑现</h2>\n<p>待兑现承诺 "
	    "%d 项", open);
	if (late > 0)
		buf_printf(b, "，其中 <strong>已逾期 %d 项</strong>", late);
	buf_add(b, "。</p>\n");
	if (next != NULL) {
		buf_add(b, "<p>下一项到期：");
		html_txt(b, next->due_on);
		buf_add(b, " ");
		html_txt(b, word_cb_kind[next->kind].label);
		buf_add(b, " · ");
		html_txt(b, next->content);
		buf_add(b, "</p>\n");
	}
	buf_add(b, "</section>\n");
}

/*
 * The unit's home, with msg above (bad: an error); reads everything
 * afresh.  Answers the database failure itself.
 */
static void
unit_home(struct req *r, const struct staff *s, const char *msg, int bad)
{
	struct cb_unit	 u;
	struct db_star_org o;
	struct cb_agreement a[UNIT_YEARS];
	struct cb_commitment *c[UNIT_YEARS] = { NULL };
	struct buf	*b = &r->body;
	char		 today[CB_DATE_LEN];
	size_t		 na = 0, nc[UNIT_YEARS] = { 0 }, i;
	int		 year, t = cb_today(today, &year), rc = DB_NOTFOUND, org;

	if (s->u.unit_id != 0)
		rc = cb_unit_get(r->db, s->u.unit_id, year, &u);
	if (rc == DB_OK)
		rc = cb_agreements_of_unit(r->db, u.id, a, UNIT_YEARS, &na);
	for (i = 0; rc == DB_OK && i < na; i++)
		if ((c[i] = calloc(MAX_COMMITMENTS, sizeof(*c[i]))) == NULL ||
		    (rc = cb_commitments(r->db, a[i].id, c[i], MAX_COMMITMENTS,
		    &nc[i])) != DB_OK)
			rc = rc == DB_OK ? DB_ERROR : rc;
	if (rc != DB_OK && rc != DB_NOTFOUND) {
		buf_reset(&r->body);
		http_db_error(r, rc);
		goto out;
	}
	/* A 两新 organisation (issue 22) rates itself on /unit/stars; one
	 * that does not co-build has only that here. */
	org = s->u.unit_id != 0 &&
	    db_star_org_get(r->db, s->u.unit_id, &o) == DB_OK;
	unit_begin(r, s, rc == DB_OK ? u.name : org ? o.name : "共建单位");
	if (rc == DB_NOTFOUND && org) {
		buf_add(b, "<h1>");
		html_txt(b, o.name);
		buf_add(b, "</h1>\n<p class=\"muted\">");
		html_txt(b, o.region);
		buf_add(b, " 两新组织</p>\n<nav class=\"quick\"><a href=\""
		    "/unit/stars\">星级评定（自评）</a></nav>\n");
		goto end;
	}
	if (rc == DB_NOTFOUND) {
		buf_add(b, "<h1>共建单位</h1>\n<p class=\"muted\">本账号尚未绑定"
		    "共建单位，请联系社区。</p>\n");
		goto end;
	}
	buf_add(b, "<h1>");
	html_txt(b, u.name);
	buf_add(b, "</h1>\n<p class=\"muted\">");
	html_txt(b, u.region);
	buf_add(b, " 共建单位");
	if (!u.active)
		buf_add(b, " · <strong>已停用</strong>");
	buf_add(b, "</p>\n");
	html_notice(b, msg, bad);
	due_summary(b, a, na, c, nc, t);
	buf_printf(b, "<nav class=\"quick\"><a href=\"/unit/needs\">需求清单</a> "
	    "<a href=\"/unit/resources\">资源清单</a> "
	    "<a href=\"/unit/projects\">项目清单</a> "
	    "<a href=\"/unit/decisions\">议定事项</a> "
	    "<a href=\"/unit/wishes\">微心愿</a>%s</nav>\n",
	    org ? " <a href=\"/unit/stars\">星级评定</a>" : "");
	if (na == 0)
		buf_add(b, "<p class=\"muted\">尚无共建协议。</p>\n");
	for (i = 0; i < na; i++) {
		buf_printf(b, "<section id=\"a%d\">\n<h2>", a[i].id);
		html_txt(b, a[i].title);
		buf_add(b, "</h2>\n");
		cb_agreement_head(b, &a[i], 1);
		if (a[i].state == AGR_DRAFT)
			buf_add(b, "<p class=\"muted\">协议草拟中，签订后可登记"
			    "兑现。</p>\n");
		cb_commitment_cards(r, s, &a[i], c[i], nc[i], 1);
		cb_eval_section(r, s, &a[i], 1);
		buf_add(b, "</section>\n");
	}
end:
	html_end(r);
out:
	for (i = 0; i < UNIT_YEARS; i++)
		free(c[i]);
}

/* GET /unit */
void
page_unit_home(struct req *r)
{
	struct staff	 s;

	if (auth_require(r, ROLE_BIT(ROLE_UNIT), &s) == -1)
		return;
	unit_home(r, &s, r->v[UH_DONE].present && r->v[UH_DONE].error ==
	    NULL ? "已保存。" : NULL, 0);
}

/*
 * POST /unit/agreements/{id}: fulfil a commitment or rate the community.
 * 303 to /unit when saved; 400 or 409 with the page (the typed text
 * kept); 404 for another unit's agreement or an action not the unit's.
 */
void
page_unit_agreement_post(struct req *r)
{
	struct staff	 s;
	struct cb_agreement a;
	const char	*why;
	int		 st, rc = DB_ERROR;

	if (cb_agreement_open(r, &s, 1, &a) == -1)
		return;
	st = cb_agreement_act(r, &s, &a, 1, &why, &rc);
	if (st == 303) {
		r->status = 303;
		http_header(r, "Location", "/unit?done=1");
	} else if (st == 404)
		staff_not_found(r);
	else if (st == 400 || st == 409) {
		r->status = st;
		unit_home(r, &s, why, 1);
	} else
		http_db_error(r, rc);
}

VFORM(form_unit_home, home_fields);
