/*
 * What the pages of co-building's lists and meetings share (cgi/cblistpage.h):
 * the page bars, one form writer driven by the routes' field tables, the
 * choices of places and units.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cblistpage.h"
#include "cbpage.h"
#include "html.h"
#include "staff.h"

void
cb_staff_begin(struct req *r, const struct staff *s, const char *title)
{
	staff_begin(r, s, title);
	buf_add(&r->body, "<nav class=\"crumbs\" aria-label=\"共驻共建\">"
	    "<a href=\"/cobuild\">共驻共建</a> · "
	    "<a href=\"/cobuild/needs\">需求清单</a> · "
	    "<a href=\"/cobuild/resources\">资源清单</a> · "
	    "<a href=\"/cobuild/projects\">项目清单</a> · "
	    "<a href=\"/cobuild/meetings\">联席会议</a></nav>\n");
}

int
cb_unit_require(struct req *r, struct staff *s)
{
	if (auth_require(r, ROLE_BIT(ROLE_UNIT), s) == -1)
		return -1;
	if (s->u.unit_id != 0)
		return 0;
	if (r->method == METHOD_POST) {
		staff_not_found(r);
		return -1;
	}
	unit_begin(r, s, "共建单位");
	buf_add(&r->body, "<h1>共建单位</h1>\n<p class=\"muted\">本账号尚未"
	    "绑定共建单位，请联系社区或管理员。</p>\n");
	html_end(r);
	return -1;
}

static const struct cb_choice *
choice_of(const struct cb_choice *c, size_t nc, const char *field)
{
	size_t	 i;

	for (i = 0; i < nc; i++)
		if (strcmp(c[i].field, field) == 0)
			return &c[i];
	return NULL;
}

static int
hidden_has(const struct cb_hidden *h, size_t nh, const char *name)
{
	size_t	 i;

	for (i = 0; i < nh; i++)
		if (strcmp(h[i].name, name) == 0)
			return 1;
	return 0;
}

/* Is the value given (s) this choice (code or number)? */
static int
chosen(const struct vvalue *v, const char *code)
{
	return v != NULL && v->s != NULL && strcmp(v->s, code) == 0;
}

static void
control(struct buf *b, const char *id, const struct vfield *f,
    const struct vvalue *v, const struct cb_choice *c)
{
	const char	*req = f->required ? " required" : "";
	char		 code[24];
	size_t		 k;

	if (f->kind == V_ENUM && f->words != NULL) {
		buf_printf(b, "<select id=\"%s\" name=\"%s\"%s><option value=\"\""
		    ">请选择</option>", id, f->name, req);
		for (k = 0; k < (size_t)f->max; k++) {
			buf_printf(b, "<option value=\"%s\"%s>", f->words[k].code,
			    chosen(v, f->words[k].code) ? " selected" : "");
			html_txt(b, f->words[k].label);
			buf_add(b, "</option>");
		}
		buf_add(b, "</select>");
	} else if (c != NULL && f->many) {
		buf_add(b, "<span>");
		for (k = 0; k < c->n; k++) {
			buf_printf(b, "<label class=\"check\"><input type=\""
			    "checkbox\" name=\"%s\" value=\"%lld\"%s> ", f->name,
			    c->o[k].id, c->o[k].on ? " checked" : "");
			html_txt(b, c->o[k].label);
			buf_add(b, "</label>");
		}
		buf_add(b, "</span>");
	} else if (c != NULL) {
		buf_printf(b, "<select id=\"%s\" name=\"%s\"%s>", id, f->name,
		    req);
		if (f->required)
			buf_add(b, "<option value=\"\">请选择</option>");
		for (k = 0; k < c->n; k++) {
			snprintf(code, sizeof(code), "%lld", c->o[k].id);
			buf_printf(b, "<option value=\"%s\"%s>", code,
			    chosen(v, code) ? " selected" : "");
			html_txt(b, c->o[k].label);
			buf_add(b, "</option>");
		}
		buf_add(b, "</select>");
	} else if (f->kind == V_LONGTEXT) {
		buf_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"3\" "
		    "maxlength=\"%lld\"%s>", id, f->name, f->max, req);
		if (v != NULL && v->s != NULL)
			html_txt(b, v->s);
		buf_add(b, "</textarea>");
	} else {
		if (f->kind == V_DATE)
			buf_printf(b, "<input id=\"%s\" name=\"%s\" type=\"date\""
			    "%s value=\"", id, f->name, req);
		else if (f->kind == V_INT || f->kind == V_ID)
			buf_printf(b, "<input id=\"%s\" name=\"%s\" type=\""
			    "number\" min=\"%lld\" max=\"%lld\"%s value=\"", id,
			    f->name, f->min, f->max, req);
		else
			buf_printf(b, "<input id=\"%s\" name=\"%s\" type=\"text\""
			    " maxlength=\"%lld\"%s value=\"", id, f->name,
			    f->max, req);
		html_attr(b, v != NULL && v->s != NULL ? v->s : "");
		buf_add(b, "\">");
	}
	html_field_error(b, v);
}

void
cb_form(struct buf *b, const struct staff *s, const char *url,
    const char *action, const struct cb_hidden *h, size_t nh,
    const struct vfield *f, size_t nf, const struct vvalue *v,
    const struct cb_choice *c, size_t nc, const char *button)
{
	char	 id[96];
	size_t	 i;

	/* A form of a button alone sits in its card; one to fill is a card
	 * of its own. */
	buf_add(b, "<form method=\"post\" action=\"");
	html_attr(b, url);
	buf_add(b, nf > 0 ? "\" class=\"card act\">\n" :
	    "\" class=\"act\">\n");
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">\n",
	    action);
	for (i = 0; i < nh; i++)
		buf_printf(b, "<input type=\"hidden\" name=\"%s\" "
		    "value=\"%lld\">\n", h[i].name, h[i].value);
	for (i = 0; i < nf; i++) {
		if (hidden_has(h, nh, f[i].name))
			continue;
		snprintf(id, sizeof(id), "%s-%lld-%s", action,
		    nh > 0 ? h[0].value : 0, f[i].name);
		buf_printf(b, "<p><label for=\"%s\">%s</label>\n", id,
		    f[i].label);
		control(b, id, &f[i], v != NULL ? &v[i] : NULL,
		    choice_of(c, nc, f[i].name));
		buf_add(b, "</p>\n");
	}
	buf_add(b, "<p><button class=\"button\" type=\"submit\">");
	html_txt(b, button);
	buf_add(b, "</button></p></form>\n");
}

struct cb_opt *
cb_place_opts(struct req *r, const struct staff *s,
    struct db_cb_place **places, size_t *n)
{
	struct cb_opt	*o = NULL;
	size_t		 i;
	int		 rc = DB_ERROR;

	*n = 0;
	if ((*places = calloc(CB_MAX_ROWS, sizeof(**places))) == NULL ||
	    (o = calloc(CB_MAX_ROWS, sizeof(*o))) == NULL ||
	    (rc = db_cb_places(r->db, &s->u.scope, *places, CB_MAX_ROWS,
	    n)) != DB_OK) {
		free(o);
		free(*places);
		*places = NULL;
		buf_reset(&r->body);
		http_db_error(r, rc);
		return NULL;
	}
	for (i = 0; i < *n; i++) {
		o[i].id = (*places)[i].id;
		o[i].label = (*places)[i].name;
	}
	return o;
}

struct cb_opt *
cb_unit_opts(struct req *r, int region_id, struct db_cb_unit **units,
    size_t *n)
{
	struct cb_opt	*o = NULL;
	size_t		 i;
	int		 rc = DB_ERROR;

	*n = 0;
	if ((*units = calloc(CB_MAX_ROWS, sizeof(**units))) == NULL ||
	    (o = calloc(CB_MAX_ROWS, sizeof(*o))) == NULL ||
	    (rc = db_cb_units_of_region(r->db, region_id, *units, CB_MAX_ROWS,
	    n)) != DB_OK) {
		free(o);
		free(*units);
		*units = NULL;
		buf_reset(&r->body);
		http_db_error(r, rc);
		return NULL;
	}
	for (i = 0; i < *n; i++) {
		o[i].id = (*units)[i].id;
		o[i].label = (*units)[i].name;
	}
	return o;
}

int
cb_opt_has(const struct cb_opt *o, size_t n, long long id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (o[i].id == id)
			return 1;
	return 0;
}

void
cbl_today(char out[CB_DAY])
{
	struct tm	 tm;
	time_t		 now = time(NULL);

	localtime_r(&now, &tm);
	strftime(out, CB_DAY, "%Y-%m-%d", &tm);
}

void
cb_when(struct buf *b, const char *label, time_t t)
{
	if (t == 0)
		return;
	buf_add(b, label);
	html_time(b, t);
}

void
cb_typed(struct buf *b, const struct vvalue *v, size_t n)
{
	size_t	 i;
	int	 any = 0;

	for (i = 0; i < n; i++) {
		/* Only what a person wrote: text of some length. */
		if (v[i].s == NULL || strlen(v[i].s) < 2 ||
		    strspn(v[i].s, "0123456789-") == strlen(v[i].s))
			continue;
		if (!any)
			buf_add(b, "<section class=\"card\"><h2>您填写的内容"
			    "</h2><p class=\"muted\">未保存，可复制后重新提交。"
			    "</p>\n");
		any = 1;
		buf_add(b, "<textarea readonly rows=\"3\" aria-label=\"您填写的"
		    "内容\">");
		html_txt(b, v[i].s);
		buf_add(b, "</textarea>\n");
	}
	if (any)
		buf_add(b, "</section>\n");
}

void
cb_redirect(struct req *r, const char *url)
{
	r->status = 303;
	http_header(r, "Location", url);
}

const struct vvalue *
cb_kept(const struct cb_keep *k, int action, long long id, long long id2)
{
	return k != NULL && k->action == action && k->id == id &&
	    k->id2 == id2 ? k->v : NULL;
}

void
cb_filters(struct buf *b, const char *url, const struct word *states,
    size_t ns, int state, const struct db_cb_place *places, size_t np,
    int region)
{
	size_t	 i;

	buf_printf(b, "<form method=\"get\" action=\"%s\" class=\"filters\">",
	    url);
	if (ns > 0) {
		buf_add(b, "<label for=\"f-state\">状态</label><select "
		    "id=\"f-state\" name=\"state\"><option value=\"\">全部"
		    "</option>");
		for (i = 0; i < ns; i++) {
			buf_printf(b, "<option value=\"%s\"%s>", states[i].code,
			    state == (int)i ? " selected" : "");
			html_txt(b, states[i].label);
			buf_add(b, "</option>");
		}
		buf_add(b, "</select> ");
	}
	buf_add(b, "<label for=\"f-region\">社区</label><select "
	    "id=\"f-region\" name=\"region\"><option value=\"\">全部</option>");
	for (i = 0; i < np; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", places[i].id,
		    region == places[i].id ? " selected" : "");
		html_txt(b, places[i].name);
		buf_add(b, "</option>");
	}
	buf_add(b, "</select> <button class=\"button\" type=\"submit\">筛选"
	    "</button></form>\n");
}

int
cbl_scoped(struct req *r, const struct staff *s, int rc, const int ids[4])
{
	if (rc == DB_OK && !db_cb_in_scope(&s->u.scope, ids))
		rc = DB_NOTFOUND;
	if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else if (rc != DB_OK)
		http_db_error(r, rc);
	return rc == DB_OK ? 0 : -1;
}
