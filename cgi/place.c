/*
 * Residential compounds (小区) on the request form: the search box and
 * its results, the compound picked, and GET /compounds.json for the
 * script's type-ahead and "use my location".  Compound names are
 * public: nothing personal is read or answered here.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "html.h"
#include "http.h"
#include "place.h"
#include "route.h"
#include "valid.h"

/* "星民社区 · 星民社区第1网格" of c. */
static void
where(struct buf *b, const struct db_compound *c)
{
	html_txt(b, c->community);
	buf_add(b, " · ");
	html_txt(b, c->grid);
}

void
place_search(struct buf *b, const char *q, const struct db_compound *found,
    size_t n)
{
	size_t	 i;

	buf_add(b, "<form method=\"get\" action=\"/\" class=\"card place\" "
	    "id=\"place-search\" role=\"search\">\n<p><label for=\"q\">"
	    "您住在哪个小区？<span class=\"muted\">（找到后自动填写街道、社区和"
	    "网格）</span></label>\n<span class=\"place-row\"><input id=\"q\" "
	    "name=\"q\" type=\"search\" maxlength=\"32\" autocomplete=\"off\" "
	    "placeholder=\"输入小区名称，如：星民花园\" value=\"");
	html_attr(b, q != NULL ? q : "");
	buf_add(b, "\"><button class=\"button\" type=\"submit\">查找小区"
	    "</button></span></p>\n<p><button class=\"button secondary\" "
	    "type=\"button\" id=\"locate\" hidden>使用我的位置</button></p>\n"
	    "<div id=\"place-results\" aria-live=\"polite\">");
	if (q != NULL && n == 0)
		buf_add(b, "<p class=\"muted\">没有找到这个小区。请换个写法再找，"
		    "或直接在下面选择街道和社区。</p>");
	if (n > 0)
		buf_add(b, "<ul class=\"picks\">\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<li><a href=\"/?compound=%d#request-form\">",
		    found[i].id);
		html_txt(b, found[i].name);
		buf_add(b, " <span class=\"muted\">");
		where(b, &found[i]);
		buf_add(b, "</span></a></li>\n");
	}
	if (n > 0)
		buf_add(b, "</ul>\n");
	buf_add(b, "</div>\n</form>\n");
}

void
place_picked(struct buf *b, const struct db_compound *c)
{
	buf_add(b, "<input type=\"hidden\" name=\"compound\" "
	    "id=\"compound\" value=\"");
	if (c != NULL)
		buf_printf(b, "%d", c->id);
	buf_printf(b, "\">\n<p class=\"picked\" id=\"picked\"%s>",
	    c ? "" : " hidden");
	if (c != NULL) {
		buf_add(b, "已选择小区：<strong>");
		html_txt(b, c->name);
		buf_add(b, "</strong>（");
		where(b, c);
		buf_add(b, "）");
	}
	buf_add(b, "</p>\n");
}

/* GET /compounds.json: q (a name or alias), or lat and lng. */
enum { CJ_Q, CJ_LAT, CJ_LNG, CJ__MAX };
static const struct vfield compounds_fields[CJ__MAX] = {
	{ "q", "小区", V_TEXT, false, 1, 32 },			/* CJ_Q */
	{ "lat", "纬度", V_DECIMAL, false, -90000000, 90000000 },
	{ "lng", "经度", V_DECIMAL, false, -180000000, 180000000 },
};

/*
 * The compounds matching q, or those nearest (lat, lng): names, where
 * they are and the ids that fill the form's lists; 400 with an empty
 * list for anything else.
 */
void
page_compounds_json(struct req *r)
{
	struct db_compound c[DB_COMPOUND_MAX];
	const struct vvalue *v = r->v;
	struct buf	*b = &r->body;
	size_t		 n = 0, i;
	int		 rc;

	r->ctype = "application/json; charset=utf-8";
	if (r->nbad == 0 && v[CJ_Q].present)
		rc = db_compounds_search(r->db, v[CJ_Q].s, c, DB_COMPOUND_MAX,
		    &n);
	else if (r->nbad == 0 && v[CJ_LAT].present && v[CJ_LNG].present)
		rc = db_compounds_near(r->db, v[CJ_LAT].i, v[CJ_LNG].i, c, 5,
		    &n);
	else {
		r->status = 400;
		buf_add(b, "{\"compounds\":[],\"error\":\"请输入小区名称，"
		    "或同时给出纬度和经度\"}");
		return;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	http_header(r, "Cache-Control", "public, max-age=60");
	buf_add(b, "{\"compounds\":[");
	for (i = 0; i < n; i++) {
		buf_printf(b, "%s{\"id\":%d,\"name\":", i ? "," : "", c[i].id);
		json_str(b, c[i].name);
		buf_add(b, ",\"community\":");
		json_str(b, c[i].community);
		buf_add(b, ",\"grid\":");
		json_str(b, c[i].grid);
		buf_printf(b, ",\"street_id\":%d,\"community_id\":%d,"
		    "\"grid_id\":%d", c[i].street_id, c[i].community_id,
		    c[i].grid_id);
		if (v[CJ_LAT].present && !v[CJ_Q].present)
			buf_printf(b, ",\"metres\":%d", c[i].metres);
		buf_add(b, "}");
	}
	buf_add(b, "]}");
}

VFORM(form_compounds_json, compounds_fields);
