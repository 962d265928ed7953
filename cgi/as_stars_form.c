/*
 * What the star rating pages share (cgi/as_stars.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "as_stars.h"
#include "day.h"
#include "html.h"
#include "valid.h"
#include "workday.h"

int
as_stars_year_now(void)
{
	int	 y, m, d;

	day_ymd(wd_local_day(time(NULL)), &y, &m, &d);
	return y;
}

void
as_stars_points(struct buf *b, long long c)
{
	if (c < 0)
		buf_add(b, "—");
	else if (c % 100 == 0)
		buf_printf(b, "%lld", c / 100);
	else if (c % 10 == 0)
		buf_printf(b, "%lld.%lld", c / 100, c % 100 / 10);
	else
		buf_printf(b, "%lld.%02lld", c / 100, c % 100);
}

void
as_stars_bands(struct buf *b)
{
	int	 i;

	buf_add(b, "<p class=\"muted\">星级按认定总分（满分 100）评定：");
	for (i = 0; i < STAR_NBANDS; i++) {
		if (i > 0)
			buf_add(b, "，");
		if (i < STAR_NBANDS - 1) {
			buf_add(b, "≥ ");
			as_stars_points(b, star_bands[i].min);
			buf_add(b, " 分 ");
		} else
			buf_add(b, "其余 ");
		buf_printf(b, "%s（%d 星）", star_bands[i].label,
		    star_bands[i].stars);
	}
	buf_add(b, "。</p>\n");
}

const char *
as_stars_state(int state)
{
	if (state < 0 || state >= STAR__MAX)
		return "未开始";
	return word_star_state[state].label;
}

int
as_stars_read(const struct req *r, const struct vfield *fi,
    const struct vfield *fp, const struct db_star_item *it, size_t n,
    struct as_stars_form *f, const char **why)
{
	static __thread char msg[(DB_STAR_ITEM_NAME + 1) * 4 + 100];
	const char	*byform[DB_STAR_ITEMS_MAX];
	int		 ids[DB_STAR_ITEMS_MAX];
	struct vvalue	 v;
	long long	 m;
	size_t		 pos = 0, i, k, ni = 0, np = 0;

	memset(f, 0, sizeof(*f));
	*why = NULL;
	while (ni < DB_STAR_ITEMS_MAX && valid_next(r, fi, &pos, &v) == 0)
		ids[ni++] = (int)v.i;
	pos = 0;
	while (np < DB_STAR_ITEMS_MAX && valid_next(r, fp, &pos, &v) == 0)
		byform[np++] = v.s;
	if (ni != n || np != n) {
		*why = "每一项细则都须填写得分。";
		return -1;
	}
	/* In the order of the items, whatever the form's. */
	for (i = 0; i < n; i++) {
		for (k = 0; k < n && ids[k] != it[i].id; k++)
			continue;
		if (k == n) {
			*why = "细则已变化，请刷新后重新填写。";
			return -1;
		}
		f->ids[i] = it[i].id;
		f->typed[i] = byform[k];
	}
	f->n = n;
	for (i = 0; i < n; i++) {
		if (valid_decimal(f->typed[i], 0, it[i].max_c * 10000,
		    &m) == -1 || m % 10000 != 0) {
			snprintf(msg, sizeof(msg), "“%s”的得分须为 0 至 "
			    "%lld.%02lld 之间的数，最多两位小数。", it[i].name,
			    it[i].max_c / 100, it[i].max_c % 100);
			*why = msg;
			return -1;
		}
		f->centi[i] = m / 10000;
	}
	return 0;
}

/* The step's stored points of an item (-1: none). */
static long long
step_points(const struct db_star_score *sc, size_t ns, int item, int step)
{
	size_t	 i;

	for (i = 0; i < ns; i++)
		if (sc[i].item_id == item)
			return step == SACT_ORG ? sc[i].self_c :
			    step == SACT_STREET ? sc[i].street_c :
			    sc[i].final_c;
	return -1;
}

void
as_stars_cards(struct buf *b, const struct db_star_item *it, size_t n,
    const struct db_star_score *sc, size_t ns, int input,
    const struct as_stars_form *typed)
{
	static const char *const steps[] = { "自评", "初评", "认定" };
	long long	 c, total[3] = { 0, 0, 0 }, max = 0;
	int		 any[3] = { 0, 0, 0 };
	size_t		 i;
	int		 g = -1, s, shown;

	for (i = 0; i < n; i++) {
		if (it[i].grp != g) {
			if (g >= 0)
				buf_add(b, "</ul></fieldset>\n");
			g = it[i].grp;
			buf_add(b, "<fieldset><legend>");
			html_txt(b, word_star_group[g].label);
			buf_add(b, "</legend><ul class=\"stars\">\n");
		}
		max += it[i].max_c;
		buf_add(b, "<li class=\"card\"><p><strong>");
		html_txt(b, it[i].name);
		buf_add(b, "</strong> <span class=\"muted\">满分 ");
		as_stars_points(b, it[i].max_c);
		buf_add(b, "</span></p>\n<p>");
		for (s = 0, shown = 0; s < 3; s++) {
			c = step_points(sc, ns, it[i].id, s);
			if (c >= 0) {
				total[s] += c;
				any[s] = 1;
			}
			if (s == input)
				continue;
			buf_printf(b, "%s%s ", shown++ ? " · " : "", steps[s]);
			as_stars_points(b, c);
		}
		buf_add(b, "</p>\n");
		if (input >= 0) {
			buf_printf(b, "<input type=\"hidden\" name=\"item\" "
			    "value=\"%d\"><label for=\"p%d\">%s得分</label>"
			    "<input id=\"p%d\" name=\"points\" type=\"number\" "
			    "inputmode=\"decimal\" step=\"0.01\" min=\"0\" "
			    "max=\"", it[i].id, it[i].id, steps[input],
			    it[i].id);
			as_stars_points(b, it[i].max_c);
			buf_add(b, "\" required value=\"");
			if (typed != NULL && i < typed->n && typed->typed[i])
				html_attr(b, typed->typed[i]);
			else {
				c = step_points(sc, ns, it[i].id, input);
				if (c < 0 && input > 0)
					c = step_points(sc, ns, it[i].id,
					    input - 1);
				if (c >= 0)
					as_stars_points(b, c);
			}
			buf_add(b, "\">\n");
		}
		buf_add(b, "</li>\n");
	}
	if (g >= 0)
		buf_add(b, "</ul></fieldset>\n");
	buf_add(b, "<p>合计（满分 ");
	as_stars_points(b, max);
	buf_add(b, "）：");
	for (s = 0; s < 3; s++) {
		buf_printf(b, "%s%s ", s ? " · " : "", steps[s]);
		as_stars_points(b, any[s] ? total[s] : -1);
	}
	buf_add(b, "</p>\n");
}

void
as_stars_history(struct buf *b, const struct db_star_rating *g, size_t n)
{
	size_t	 i;

	if (n == 0) {
		buf_add(b, "<p class=\"muted\">还没有星级评定记录。</p>\n");
		return;
	}
	buf_add(b, "<div class=\"scroll\"><table>\n<thead><tr><th>年度</th>"
	    "<th>状态</th><th>自评</th><th>初评</th><th>认定</th><th>星级</th>"
	    "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<tr><td>%d</td><td>", g[i].year);
		html_txt(b, as_stars_state(g[i].state));
		buf_add(b, "</td><td>");
		as_stars_points(b, g[i].self_c);
		buf_add(b, "</td><td>");
		as_stars_points(b, g[i].street_c);
		buf_add(b, "</td><td>");
		as_stars_points(b, g[i].final_c);
		buf_printf(b, "</td><td>%s</td></tr>\n",
		    g[i].state == STAR_CONFIRMED ? stars_label(g[i].stars) :
		    "—");
	}
	buf_add(b, "</tbody></table></div>\n<ul class=\"stars\">\n");
	for (i = 0; i < n; i++) {
		if (!g[i].self_note[0] && !g[i].street_note[0] &&
		    !g[i].district_note[0])
			continue;
		buf_printf(b, "<li class=\"card\"><p><strong>%d 年度说明"
		    "</strong></p>\n", g[i].year);
		if (g[i].self_note[0]) {
			buf_add(b, "<p>组织自评（");
			html_time(b, g[i].self_at);
			buf_add(b, "）：");
			html_txt(b, g[i].self_note);
			buf_add(b, "</p>\n");
		}
		if (g[i].street_note[0]) {
			buf_add(b, "<p>街道（");
			html_time(b, g[i].street_at);
			buf_add(b, "）：");
			html_txt(b, g[i].street_note);
			buf_add(b, "</p>\n");
		}
		if (g[i].district_note[0]) {
			buf_add(b, "<p>区（");
			html_time(b, g[i].district_at);
			buf_add(b, "）：");
			html_txt(b, g[i].district_note);
			buf_add(b, "</p>\n");
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ul>\n");
}

int
as_stars_load(struct req *r, const struct db_star_org *o, int year,
    struct as_stars_view *v)
{
	int	 rc;

	memset(v, 0, sizeof(*v));
	if ((rc = db_star_items(r->db, o->ids[0], year, v->items,
	    DB_STAR_ITEMS_MAX, &v->nitems)) != DB_OK)
		return rc;
	rc = db_star_rating(r->db, o->id, year, &v->g, v->sc,
	    DB_STAR_ITEMS_MAX, &v->nsc);
	if (rc != DB_OK && rc != DB_NOTFOUND)
		return rc;
	v->has = rc == DB_OK;
	if (!v->has)
		v->g.state = -1;
	return db_star_history(r->db, o->id, v->hist, AS_STARS_YEARS,
	    &v->nhist);
}

int
as_stars_act(struct req *r, const struct staff *s,
    const struct db_star_org *o, int year, enum star_action action,
    long long version, const struct as_stars_form *f, const char *note)
{
	struct db_star_act a;
	char		 obj[32];

	snprintf(obj, sizeof(obj), "org %d", o->id);
	memset(&a, 0, sizeof(a));
	a.unit_id = o->id;
	a.district_id = o->ids[0];
	a.year = year;
	a.action = action;
	a.version = version;
	a.items = f->ids;
	a.points = f->centi;
	a.n = f->n;
	a.note = note;
	a.actor = &s->u;
	a.object = obj;
	a.addr = r->addr;
	a.now = time(NULL);
	return db_star_act(r->db, &a);
}
