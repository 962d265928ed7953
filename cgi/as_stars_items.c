/*
 * The sub-indicators (评定细则) of star ratings, per district and year:
 * /assess/stars/items?year=Y, for district officials and admins.  The
 * items are edited as CSV text (组别,细则,分值: one line each, read by
 * lib/csvin.c, every bad line reported by number), or copied from the
 * year before; the points of a year must sum to 100 and every one of the
 * six groups (WORDS_STAR_GROUP) needs an item, else nothing is stored.
 * Once an organisation has submitted its self-assessment of the year
 * the items are frozen (409).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "as_stars.h"
#include "csvin.h"
#include "html.h"
#include "route.h"
#include "staff.h"
#include "valid.h"

#define ITEMS_ROLES	(ROLE_BIT(ROLE_DISTRICT) | ROLE_BIT(ROLE_ADMIN))
#define ITEMS_BYTES	(64 * 1024)

enum { IF_YEAR, IF_DONE, IF_CSV, IF__MAX };
static const struct vfield items_fields[IF__MAX] = {
	{ "year", "年度", V_INT, false, VALID_YEAR_MIN, VALID_YEAR_MAX },
	{ "done", "已保存", V_INT, false, 1, 1 },		/* IF_DONE */
	{ "items", "细则", V_LONGTEXT, false, 1, ITEMS_BYTES, NULL,
	    "细则太长。" },					/* IF_CSV */
};
enum { IA_SAVE, IA_COPY, IA__MAX };
static const struct vaction items_actions[IA__MAX] = {
	[IA_SAVE] = { "save", NULL, 0 },
	[IA_COPY] = { "copy", NULL, 0 },
};

/* The CSV's columns: a group by label or code, a name, the points. */
static const struct csvin_word group_words[] = {
	WORDS_STAR_GROUP(WORD_BY_LABEL) WORDS_STAR_GROUP(WORD_BY_CODE)
	{ NULL, 0 },
};
enum { IC_GROUP, IC_NAME, IC_POINTS, IC__MAX };
static const struct csvin_col item_cols[IC__MAX] = {
	[IC_GROUP] = { { "group", "组别", "方面" }, CSVIN_ENUM,
	    CSVIN_REQUIRED, 0, 0, NULL, group_words },
	[IC_NAME] = { { "name", "细则", "名称" }, CSVIN_TEXT, CSVIN_REQUIRED,
	    1, DB_STAR_ITEM_NAME, NULL, NULL },
	[IC_POINTS] = { { "max_points", "分值", "满分" }, CSVIN_ASCII,
	    CSVIN_REQUIRED, 1, 8, "0-9.", NULL },
};
#define CSV_HEADER	"组别,细则,分值\n"

static void
items_csv(struct buf *b, const struct db_star_item *it, size_t n)
{
	struct buf	 t = { 0 };
	size_t		 i;

	buf_add(&t, CSV_HEADER);
	for (i = 0; i < n; i++) {
		buf_printf(&t, "%s,", word_star_group[it[i].grp].label);
		/* Names are one line; a comma or quote takes quotes. */
		if (strpbrk(it[i].name, ",\"") != NULL) {
			const char	*p;

			buf_add(&t, "\"");
			for (p = it[i].name; *p; p++) {
				if (*p == '"')
					buf_add(&t, "\"");
				buf_addc(&t, *p);
			}
			buf_add(&t, "\"");
		} else
			buf_add(&t, it[i].name);
		buf_add(&t, ",");
		as_stars_points(&t, it[i].max_c);
		buf_add(&t, "\n");
	}
	html_txt(b, t.p != NULL ? t.p : "");
	buf_free(&t);
}

static void
items_page(struct req *r, const struct staff *s, int year,
    const struct db_star_item *it, size_t n, int frozen, const char *msg,
    int bad, const char *typed)
{
	struct buf	*b = &r->body;
	long long	 sum = 0;
	size_t		 i;
	int		 g = -1;

	staff_begin(r, s, "星级评定细则");
	buf_printf(b, "<h1>星级评定细则 · %d 年度</h1>\n<nav class=\"chips\">"
	    "<a class=\"chip\" href=\"/assess/stars?year=%d\">两新组织星级评定"
	    "</a><a class=\"chip\" href=\"/assess/stars/overview?year=%d\">星级"
	    "分布</a>", year, year, year);
	/* The years around, within those a form takes. */
	if (year > VALID_YEAR_MIN)
		buf_printf(b, "<a class=\"chip\" href=\"/assess/stars/items?"
		    "year=%d\">%d 年度</a>", year - 1, year - 1);
	if (year < VALID_YEAR_MAX)
		buf_printf(b, "<a class=\"chip\" href=\"/assess/stars/items?"
		    "year=%d\">%d 年度</a>", year + 1, year + 1);
	buf_add(b, "</nav>\n");
	html_notice(b, msg, bad);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">本年度还没有细则。</p>\n");
	for (i = 0; i < n; i++) {
		if (it[i].grp != g) {
			if (g >= 0)
				buf_add(b, "</ul>\n");
			g = it[i].grp;
			buf_add(b, "<h2>");
			html_txt(b, word_star_group[g].label);
			buf_add(b, "</h2>\n<ul>\n");
		}
		buf_add(b, "<li>");
		html_txt(b, it[i].name);
		buf_add(b, "（");
		as_stars_points(b, it[i].max_c);
		buf_add(b, " 分）</li>\n");
		sum += it[i].max_c;
	}
	if (n > 0) {
		buf_add(b, "</ul>\n<p>合计 ");
		as_stars_points(b, sum);
		buf_add(b, " 分。</p>\n");
	}
	as_stars_bands(b);
	if (frozen) {
		buf_add(b, "<p class=\"muted\">本年度已有组织提交自评，细则已冻结，"
		    "不能修改。</p>\n");
		html_end(r);
		return;
	}
	buf_printf(b, "<form method=\"post\" action=\"/assess/stars/items\" "
	    "class=\"card\">\n");
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"year\" value=\"%d\">\n"
	    "<label for=\"items\">细则（每行一项：组别,细则,分值；组别为党组织"
	    "班子、党员队伍、生产经营、企业文化、劳动关系、社会评价，六个方面都"
	    "须有细则，分值合计须为 100）</label><textarea id=\"items\" "
	    "name=\"items\" rows=\"14\">", year);
	if (typed != NULL)
		html_txt(b, typed);
	else
		items_csv(b, it, n);
	buf_printf(b, "</textarea>\n<p><button class=\"button\" type=\"submit\" "
	    "name=\"action\" value=\"save\">保存细则</button> <button "
	    "class=\"button secondary\" type=\"submit\" name=\"action\" "
	    "value=\"copy\">复制 %d 年度细则</button></p>\n<p class=\"muted\">"
	    "保存或复制会替换本年度的全部细则；组织已保存的自评草稿分数随之"
	    "清空。</p></form>\n", year - 1);
	html_end(r);
}

/* The district of the reader (admins of a district; 404 without). */
static int
district_of(const struct staff *s)
{
	return s->u.scope.id[0];
}

/* Is the year frozen?  A db_rc; *frozen set. */
static int
frozen_of(struct req *r, int district, int year, int *frozen)
{
	long long	 n = 0;
	int		 rc;

	rc = db_star_items_frozen(r->db, district, year, &n);
	*frozen = n > 0;
	return rc;
}

/* The page of a year, with msg; a db_rc. */
static int
show(struct req *r, const struct staff *s, int year, const char *msg,
    int bad, const char *typed)
{
	struct db_star_item it[DB_STAR_ITEMS_MAX];
	size_t		 n = 0;
	int		 rc, frozen = 0;

	if ((rc = db_star_items(r->db, district_of(s), year, it,
	    DB_STAR_ITEMS_MAX, &n)) != DB_OK ||
	    (rc = frozen_of(r, district_of(s), year, &frozen)) != DB_OK)
		return rc;
	items_page(r, s, year, it, n, frozen, msg, bad, typed);
	return DB_OK;
}

/* GET /assess/stars/items?year=Y */
void
page_as_stars_items(struct req *r)
{
	struct staff	 s;
	int		 rc, year;

	if (auth_require(r, ITEMS_ROLES, &s) == -1)
		return;
	if (district_of(&s) == 0) {
		staff_not_found(r);
		return;
	}
	year = r->v[IF_YEAR].present && r->v[IF_YEAR].error == NULL ?
	    (int)r->v[IF_YEAR].i : as_stars_year_now();
	if ((rc = show(r, &s, year, r->v[IF_DONE].present ? "已保存。" : NULL,
	    0, NULL)) != DB_OK)
		http_db_error(r, rc);
}

/*
 * The items of the CSV text into it: 0, or -1 with a message in msg
 * (the first bad lines, by number; the sum; a group without items).
 */
static int
parse(const char *text, struct db_star_item *it, size_t *n, char *msg,
    size_t sz)
{
	struct csvin_table t;
	struct csvin_errors e;
	struct buf	 m = { 0 };
	long long	 sum = 0, v;
	int		 has[SG__MAX] = { 0 }, g, rc = -1;
	size_t		 i;

	memset(&t, 0, sizeof(t));
	memset(&e, 0, sizeof(e));
	*n = 0;
	if (csvin_parse(text, strlen(text), item_cols, IC__MAX, &t, &e) == -1) {
		snprintf(msg, sz, "内存不足，请稍后重试。");
		goto out;
	}
	for (i = 0; i < t.nrows; i++) {
		const struct csvin_val *cv = t.rows[i].v;

		if (!t.rows[i].ok)
			continue;
		if (valid_decimal(cv[IC_POINTS].s, 1, 100000000, &v) == -1 ||
		    v % 10000 != 0)
			csvin_error(&e, t.rows[i].line, "分值", "须为大于 0、"
			    "不超过 100 的数，最多两位小数");
		else if (*n >= DB_STAR_ITEMS_MAX)
			csvin_error(&e, t.rows[i].line, "", "细则最多 %d 项",
			    DB_STAR_ITEMS_MAX);
		else {
			it[*n].grp = (int)cv[IC_GROUP].i;
			snprintf(it[*n].name, sizeof(it[*n].name), "%s",
			    cv[IC_NAME].s);
			it[*n].max_c = v / 10000;
			sum += it[*n].max_c;
			has[it[*n].grp] = 1;
			(*n)++;
		}
	}
	csvin_errors_sort(&e);
	for (i = 0; i < e.n && i < 5; i++)
		buf_printf(&m, "%s第 %zu 行%s%s：%s", i ? "；" : "", e.e[i].line,
		    e.e[i].field[0] ? " " : "", e.e[i].field, e.e[i].reason);
	if (e.n == 0 && sum != STARS_TOTAL_CENTI) {
		buf_add(&m, "各项分值合计 ");
		as_stars_points(&m, sum);
		buf_add(&m, " 分，须为 100 分");
	}
	for (g = 0; e.n == 0 && m.len == 0 && g < SG__MAX; g++)
		if (!has[g])
			buf_printf(&m, "“%s”方面还没有细则",
			    word_star_group[g].label);
	if (m.len > 0) {
		snprintf(msg, sz, "%s。未保存。", m.p);
		goto out;
	}
	/* In the order shown: by group, then as given. */
	for (g = 0, i = 0; g < SG__MAX; g++) {
		size_t	 k;

		for (k = i; k < *n; k++)
			if (it[k].grp == g) {
				struct db_star_item x = it[k];

				memmove(&it[i + 1], &it[i], (k - i) *
				    sizeof(*it));
				it[i++] = x;
			}
	}
	rc = 0;
out:
	buf_free(&m);
	csvin_table_free(&t);
	csvin_errors_free(&e);
	return rc;
}

/*
 * POST /assess/stars/items: save the CSV (action save) or copy the year
 * before's (copy).  400 with the page and the text for a bad one, 409
 * when the year is frozen, 303 back when stored.
 */
void
page_as_stars_items_post(struct req *r)
{
	struct staff	 s;
	struct db_star_item *it;
	char		 msg[1200], detail[64], loc[64];
	const char	*typed = r->v[IF_CSV].present ? r->v[IF_CSV].s : "";
	size_t		 n = 0;
	int		 year, rc, bad = 0;

	if (auth_require(r, ITEMS_ROLES, &s) == -1)
		return;
	if (district_of(&s) == 0) {
		staff_not_found(r);
		return;
	}
	if (!r->v[IF_YEAR].present || r->v[IF_YEAR].error != NULL ||
	    r->action < 0) {
		html_error_page(r, 400, "表单有误", "请返回重新操作。");
		return;
	}
	year = (int)r->v[IF_YEAR].i;
	if ((it = calloc(DB_STAR_ITEMS_MAX, sizeof(*it))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	rc = DB_OK;
	if (r->action == IA_COPY) {
		rc = db_star_items(r->db, district_of(&s), year - 1, it,
		    DB_STAR_ITEMS_MAX, &n);
		if (rc == DB_OK && n == 0) {
			snprintf(msg, sizeof(msg), "%d 年度没有细则可复制。",
			    year - 1);
			bad = 1;
		}
		snprintf(detail, sizeof(detail), "copied from %d, %zu items",
		    year - 1, n);
		typed = NULL;
	} else if (r->v[IF_CSV].error != NULL) {
		snprintf(msg, sizeof(msg), "%s", r->v[IF_CSV].error);
		bad = 1;
	} else if (parse(typed, it, &n, msg, sizeof(msg)) == -1)
		bad = 1;
	else
		snprintf(detail, sizeof(detail), "%zu items", n);
	if (rc == DB_OK && !bad)
		rc = db_star_items_put(r->db, district_of(&s), year, it, n,
		    &s.u, detail, r->addr, time(NULL));
	if (rc == DB_OK && !bad) {
		snprintf(loc, sizeof(loc), "/assess/stars/items?year=%d&done=1",
		    year);
		r->status = 303;
		http_header(r, "Location", loc);
	} else if (rc == DB_OK || rc == DB_CONFLICT) {
		r->status = bad ? 400 : 409;
		if ((rc = show(r, &s, year, bad ? msg : "本年度已有组织提交自评，"
		    "细则已冻结，未保存。", 1, typed)) != DB_OK)
			http_db_error(r, rc);
	} else
		http_db_error(r, rc);
	free(it);
}

VFORM(form_as_stars_items, items_fields);
VFORM_ACTIONS(form_as_stars_items_post, items_fields, items_actions);
