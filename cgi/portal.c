/*
 * The residents' portal: the request form, posting, the receipt, status
 * lookup and rating.  Mobile-first pages that work without JavaScript.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "db.h"
#include "formtoken.h"
#include "html.h"
#include "http.h"
#include "limit.h"
#include "photos.h"
#include "memo.h"
#include "place.h"
#include "portal.h"
#include "route.h"
#include "valid.h"
#include "withdraw.h"

#define MAX_CATEGORIES	64
#define MAX_REGIONS	2048
#define MAX_EVENTS	64

/* POST /requests: the request form, one declarative table. */
enum rf {
	RF_TOKEN,
	RF_CATEGORY,
	RF_STREET,
	RF_COMMUNITY,
	RF_GRID,
	RF_ADDRESS,
	RF_DESCRIPTION,
	RF_NAME,
	RF_PHONE,
	RF_LAT,
	RF_LNG,
	RF_CONSENT,
	RF_PHOTO,
	RF_COMPOUND,
	RF__MAX
};

static const struct vfield request_fields[RF__MAX] = {
	{ "token", "表单", V_TOKEN, true, 32, 32 },		/* RF_TOKEN */
	{ "category", "服务类别", V_INT, true, 1, 65535 },	/* RF_CATEGORY */
	{ "street", "街道", V_INT, false, 1, INT_MAX },		/* RF_STREET */
	{ "community", "社区", V_INT, true, 1, INT_MAX },	/* RF_COMMUNITY */
	{ "grid", "网格", V_INT, false, 1, INT_MAX },		/* RF_GRID */
	{ "address", "详细地址", V_TEXT, true, 2, 200 },	/* RF_ADDRESS */
	{ "description", "问题描述", V_LONGTEXT, true, 10, 2000 },
								/* RF_DESCRIPTION */
	{ "name", "姓名", V_TEXT, true, 1, 32 },		/* RF_NAME */
	{ "phone", "手机号码", V_PHONE, true, 0, 0 },		/* RF_PHONE */
	{ "lat", "纬度", V_DECIMAL, false, -90000000, 90000000 },	/* RF_LAT */
	{ "lng", "经度", V_DECIMAL, false, -180000000, 180000000 },	/* RF_LNG */
	{ "consent", "个人信息处理同意", V_CHECK, true, 0, 0 },	/* RF_CONSENT */
	{ "photo", "照片", V_PHOTO, false, 0, 0, .many = true },	/* RF_PHOTO */
	{ "compound", "小区", V_ID, false, 0, 0, NULL,		/* RF_COMPOUND */
	    "请重新选择小区" },
};

/*
 * The resident's own place on the form (cgi/place.c): the search typed
 * (q), the compounds it found, the compound picked.
 */
struct place {
	const char	*q;
	const struct db_compound *found;
	size_t		 n;
	const struct db_compound *picked;
};

static const char *
val(const struct vvalue *v, enum rf f)
{
	return v != NULL && v[f].s != NULL ? v[f].s : "";
}

/* The <input> of field f (html_input), the resident's value kept. */
static void
text_input(struct buf *b, const struct vvalue *v, enum rf f,
    const char *attrs)
{
	html_input(b, request_fields[f].name, attrs, v ? &v[f] : NULL);
}

static int
selected(const struct vvalue *v, enum rf f, int id)
{
	return v != NULL && v[f].error == NULL && v[f].present &&
	    v[f].i == id;
}

/*
 * Options of the regions one level below `level`, in one <optgroup> per
 * parent (labelled with the parent's name, its id in attribute attr), so
 * the list works grouped without JavaScript and narrows with it.
 */
static void
region_groups(struct buf *b, const struct db_region *regs, size_t ng,
    int level, const char *attr, const struct vvalue *v, enum rf f)
{
	size_t	 i, j;

	for (i = 0; i < ng; i++) {
		if (regs[i].level != level)
			continue;
		buf_add(b, "<optgroup label=\"");
		html_attr(b, regs[i].name);
		buf_printf(b, "\" %s=\"%d\">\n", attr, regs[i].id);
		for (j = 0; j < ng; j++)
			if (regs[j].level == level + 1 &&
			    regs[j].parent_id == regs[i].id) {
				buf_printf(b, "<option value=\"%d\"%s>",
				    regs[j].id, selected(v, f, regs[j].id) ?
				    " selected" : "");
				html_txt(b, regs[j].name);
				buf_add(b, "</option>\n");
			}
		buf_add(b, "</optgroup>\n");
	}
}

/*
 * The request form; v holds the resident's input and messages after a
 * failed post (NULL for a blank form).  Returns a db_rc.
 */
static int
request_form(struct req *r, const struct vvalue *v, const char *notice,
    const struct place *pl)
{
	struct db_category *c = NULL;
	struct db_region *regs = NULL;
	struct buf	*b = &r->body;
	char		 hex[FORMTOKEN_HEXLEN + 1];
	size_t		 nc, ng, i;
	int		 rc;

	if ((c = calloc(MAX_CATEGORIES, sizeof(*c))) == NULL ||
	    (regs = calloc(MAX_REGIONS, sizeof(*regs))) == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	if ((rc = db_categories(r->db, c, MAX_CATEGORIES, &nc)) != DB_OK ||
	    (rc = db_regions(r->db, regs, MAX_REGIONS, &ng)) != DB_OK)
		goto out;

	/* A fresh one-time token, or the one of the form being corrected. */
	if (v != NULL && v[RF_TOKEN].error == NULL && v[RF_TOKEN].present)
		snprintf(hex, sizeof(hex), "%s", v[RF_TOKEN].s);
	else {
		formtoken_make("requests", hex);
	}

	html_begin(r, "反映诉求");
	buf_add(b, "<h1>有诉求，找社区</h1>\n");
	html_notice(b, notice, 1);
	place_search(b, pl ? pl->q : NULL, pl ? pl->found : NULL,
	    pl ? pl->n : 0);
	buf_add(b, "<form method=\"post\" action=\"/requests\" "
	    "class=\"card\" id=\"request-form\" "
	    "enctype=\"multipart/form-data\" novalidate>\n"
	    "<input type=\"hidden\" name=\"token\" value=\"");
	html_attr(b, hex);
	buf_add(b, "\">\n");

	/* Category. */
	buf_add(b, "<p><label for=\"category\">服务类别</label>\n"
	    "<select id=\"category\" name=\"category\" required>\n"
	    "<option value=\"\">请选择</option>\n");
	for (i = 0; i < nc; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", c[i].id,
		    selected(v, RF_CATEGORY, c[i].id) ? " selected" : "");
		html_txt(b, c[i].name);
		buf_printf(b, "（%d小时内响应，%d%s内办结）</option>\n",
		    c[i].response_hours, c[i].resolve_days,
		    c[i].resolve_workdays ? "个工作日" : "天");
	}
	buf_add(b, "</select>");
	html_field_error(b, v ? &v[RF_CATEGORY] : NULL);
	buf_add(b, "</p>\n");

	/* Location: street, community (grouped by street), grid. */
	buf_add(b, "<fieldset><legend>问题发生地点</legend>\n");
	place_picked(b, pl ? pl->picked : NULL);
	html_field_error(b, v ? &v[RF_COMPOUND] : NULL);
	buf_add(b, "<p><label for=\"street\">街道</label>\n"
	    "<select id=\"street\" name=\"street\">\n"
	    "<option value=\"\">全部街道</option>\n");
	for (i = 0; i < ng; i++)
		if (regs[i].level == 2) {
			buf_printf(b, "<option value=\"%d\"%s>", regs[i].id,
			    selected(v, RF_STREET, regs[i].id) ?
			    " selected" : "");
			html_txt(b, regs[i].name);
			buf_add(b, "</option>\n");
		}
	buf_add(b, "</select></p>\n<p><label for=\"community\">社区</label>\n"
	    "<select id=\"community\" name=\"community\" required>\n"
	    "<option value=\"\">请选择社区</option>\n");
	region_groups(b, regs, ng, 2, "data-street", v, RF_COMMUNITY);
	buf_add(b, "</select>");
	html_field_error(b, v ? &v[RF_COMMUNITY] : NULL);
	buf_add(b, "</p>\n<p><label for=\"grid\">网格 <span class=\"muted\">"
	    "（不清楚可不选）</span></label>\n"
	    "<select id=\"grid\" name=\"grid\">\n"
	    "<option value=\"\">不清楚</option>\n");
	region_groups(b, regs, ng, 3, "data-community", v, RF_GRID);
	buf_add(b, "</select>");
	html_field_error(b, v ? &v[RF_GRID] : NULL);
	buf_add(b, "</p>\n<p><label for=\"address\">详细地址</label>\n");
	text_input(b, v, RF_ADDRESS, "maxlength=\"200\" required "
	    "placeholder=\"如：幸福路128号3幢2单元\"");
	buf_add(b, "</p>\n<details><summary>添加坐标（可选）</summary>\n"
	    "<p><label for=\"lat\">纬度</label>");
	text_input(b, v, RF_LAT, "inputmode=\"decimal\"");
	buf_add(b, "</p>\n<p><label for=\"lng\">经度</label>");
	text_input(b, v, RF_LNG, "inputmode=\"decimal\"");
	buf_add(b, "</p>\n</details>\n</fieldset>\n");

	buf_add(b, "<p><label for=\"description\">问题描述 <span class=\"muted\">"
	    "（10–2000字）</span></label>\n<textarea id=\"description\" "
	    "name=\"description\" rows=\"5\" maxlength=\"2000\" required "
	    "placeholder=\"请说明什么问题、从什么时候开始、影响了谁\">");
	html_txt(b, val(v, RF_DESCRIPTION));
	buf_add(b, "</textarea>");
	html_field_error(b, v ? &v[RF_DESCRIPTION] : NULL);
	buf_add(b, "</p>\n<p><label for=\"photo\">照片 <span class=\"muted\">"
	    "（选填，最多3张）</span></label>\n<input type=\"file\" "
	    "id=\"photo\" name=\"photo\" accept=\"image/jpeg,image/png,"
	    "image/webp,image/*\" multiple>");
	html_field_error(b, v ? &v[RF_PHOTO] : NULL);
	if (v != NULL && v[RF_PHOTO].present && r->nbad > 0)
		buf_add(b, "<span class=\"muted\">照片未保存，请重新选择"
		    "</span>");
	buf_add(b, "</p>\n<p><label for=\"name\">姓名</label>\n");
	text_input(b, v, RF_NAME, "maxlength=\"32\" required "
	    "autocomplete=\"name\"");
	buf_add(b, "</p>\n<p><label for=\"phone\">手机号码</label>\n");
	text_input(b, v, RF_PHONE, "type=\"tel\" maxlength=\"24\" "
	    "inputmode=\"tel\" required autocomplete=\"tel\"");
	buf_add(b, "</p>\n<div class=\"consent\"><p class=\"muted\">"
	    "个人信息保护说明：依据《个人信息保护法》，我们仅为办理您的诉求"
	    "收集姓名和手机号码，只有负责办理的工作人员可见，公开页面和导出"
	    "报表中不显示；诉求办结后保存三年，期满删除。查询进度需要诉求编号"
	    "和手机号后四位。</p>\n<p><label class=\"check\"><input type=\"checkbox\" "
	    "name=\"consent\" value=\"1\"");
	if (v != NULL && v[RF_CONSENT].error == NULL && v[RF_CONSENT].present)
		buf_add(b, " checked");
	buf_add(b, "> 我已阅读并同意按上述说明处理我的个人信息</label>");
	html_field_error(b, v ? &v[RF_CONSENT] : NULL);
	buf_add(b, "</p></div>\n");
	if (v != NULL && v[RF_TOKEN].error != NULL)
		buf_add(b, "<p><span class=\"err\" role=\"alert\">表单已过期，"
		    "请重新填写：已为您更新，请核对后重新提交</span></p>\n");
	buf_add(b, "<p><button class=\"button\" type=\"submit\">"
	    "提交诉求</button></p>\n</form>\n"
	    "<p class=\"center\"><a href=\"/track\">已提交过？查询办理进度</a></p>\n");
	html_script(b);
	html_end(r);
	rc = DB_OK;
out:
	free(c);
	free(regs);
	return rc;
}

/*
 * The blank form, the most visited page, is served from memory: the
 * page as last built, without its one-time token, is kept for [portal]
 * form_cache_seconds (so a change of the regions or categories shows
 * within that), and each GET only writes a fresh token into it, reading
 * no table.  The memo's value: the token's offset, then the page.
 */
static struct memo home_memo = MEMO_INIT(1);
static const char home_key[] = "home";

/* The blank form from the memo into r's body: 0, or -1 when none. */
static int
home_from_memo(struct req *r, time_t now)
{
	char		*m = NULL, hex[FORMTOKEN_HEXLEN + 1];
	long		 len;
	size_t		 off;

	if (r->cfg->form_cache_s <= 0)
		return -1;
	len = memo_dup(&home_memo, home_key, sizeof(home_key),
	    now - r->cfg->form_cache_s, (void **)&m, NULL);
	if (len < (long)sizeof(off)) {
		free(m);
		return -1;
	}
	memcpy(&off, m, sizeof(off));
	if (off > (size_t)len - sizeof(off)) {
		free(m);
		return -1;
	}
	formtoken_make("requests", hex);
	buf_addn(&r->body, m + sizeof(off), off);
	buf_add(&r->body, hex);
	buf_addn(&r->body, m + sizeof(off) + off,
	    (size_t)len - sizeof(off) - off);
	free(m);
	return 0;
}

/* Keep the blank form just built in r's body (its token cut out). */
static void
home_to_memo(struct req *r, time_t now)
{
	const char	*p = r->body.p, *t;
	char		*m;
	size_t		 off, len = r->body.len;

	if (p == NULL || r->body.oom ||
	    (t = strstr(p, "name=\"token\" value=\"")) == NULL)
		return;
	off = (size_t)(t - p) + strlen("name=\"token\" value=\"");
	if (off + FORMTOKEN_HEXLEN > len ||
	    (m = malloc(sizeof(off) + len - FORMTOKEN_HEXLEN)) == NULL)
		return;
	memcpy(m, &off, sizeof(off));
	memcpy(m + sizeof(off), p, off);
	memcpy(m + sizeof(off) + off, p + off + FORMTOKEN_HEXLEN,
	    len - off - FORMTOKEN_HEXLEN);
	memo_put(&home_memo, home_key, sizeof(home_key), m,
	    sizeof(off) + len - FORMTOKEN_HEXLEN, now);
	free(m);
}

/* GET /: q (a compound's name to find), compound (the one picked). */
enum { HF_Q, HF_COMPOUND, HF__MAX };
static const struct vfield home_fields[HF__MAX] = {
	{ "q", "小区", V_TEXT, false, 1, 32 },			/* HF_Q */
	{ "compound", "小区", V_ID, false },			/* HF_COMPOUND */
};

/*
 * GET /: the request form (blank, from memory), with the compounds
 * matching q, or filled with the place of the compound picked.  200, or
 * 503/500.
 */
void
page_home(struct req *r)
{
	struct db_compound found[DB_COMPOUND_MAX], picked;
	struct vvalue	 v[RF__MAX];
	struct place	 pl;
	time_t		 now = time(NULL);
	int		 rc;

	memset(&pl, 0, sizeof(pl));
	if (r->v[HF_COMPOUND].present && r->v[HF_COMPOUND].error == NULL &&
	    (rc = db_compound_get(r->db, (int)r->v[HF_COMPOUND].i, &picked))
	    != DB_NOTFOUND) {
		if (rc != DB_OK) {
			http_db_error(r, rc);
			return;
		}
		/* The lists preselected at the compound's place. */
		memset(v, 0, sizeof(v));
		v[RF_STREET].present = v[RF_COMMUNITY].present =
		    v[RF_GRID].present = v[RF_COMPOUND].present = true;
		v[RF_STREET].i = picked.street_id;
		v[RF_COMMUNITY].i = picked.community_id;
		v[RF_GRID].i = picked.grid_id;
		v[RF_COMPOUND].i = picked.id;
		pl.picked = &picked;
		if ((rc = request_form(r, v, NULL, &pl)) != DB_OK)
			http_db_error(r, rc);
		return;
	}
	if (r->v[HF_Q].present && r->v[HF_Q].error == NULL) {
		pl.q = r->v[HF_Q].s;
		pl.found = found;
		if ((rc = db_compounds_search(r->db, pl.q, found,
		    DB_COMPOUND_MAX, &pl.n)) != DB_OK ||
		    (rc = request_form(r, NULL, NULL, &pl)) != DB_OK)
			http_db_error(r, rc);
		return;
	}
	if (home_from_memo(r, now) == 0)
		return;
	if ((rc = request_form(r, NULL, NULL, NULL)) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	home_to_memo(r, now);
}

/*
 * POST /requests: validate every field (400 with the form and messages,
 * nothing stored), store (303 to the receipt), or the receipt of the same
 * form posted before (303, same tracking number).
 */
void
page_request_post(struct req *r)
{
	struct vvalue	*v = r->v;
	struct db_compound c, *picked = NULL;
	struct place	 pl = { NULL, NULL, 0, NULL };
	struct db_request_new n;
	struct photos_taken pt = { .n = 0 };
	unsigned char	 tok[DB_TOKEN_LEN];
	char		 tracking[DB_TRACKING_LEN + 1], loc[64];
	enum db_create_rc crc;
	int		 rc;

	/* Within the address's limit, a token this site issued for this
	 * form, not expired. */
	if ((rc = formtoken_post(r, LIMIT_POST_ADDR, "requests",
	    &v[RF_TOKEN], tok)) < 0)
		return;
	if (rc > 0)
		goto bad;
	if (r->nbad > 0 || v[RF_LAT].present != v[RF_LNG].present) {
		if (v[RF_LAT].present != v[RF_LNG].present &&
		    v[RF_LAT].error == NULL && v[RF_LNG].error == NULL)
			v[v[RF_LAT].present ? RF_LNG : RF_LAT].error =
			    "请同时填写经度和纬度，或都不填";
		goto bad;
	}
	/* A compound picked gives the place (its grid, community). */
	if (v[RF_COMPOUND].present) {
		if ((rc = db_compound_get(r->db, (int)v[RF_COMPOUND].i, &c)) ==
		    DB_NOTFOUND) {
			v[RF_COMPOUND].error = "所选小区不存在，请重新选择";
			goto bad;
		} else if (rc != DB_OK) {
			http_db_error(r, rc);
			return;
		}
		pl.picked = picked = &c;
	}
	if (limit_guard(r, LIMIT_POST_PHONE, v[RF_PHONE].s) != 0)
		return;
	/* Decoded only once everything else holds. */
	if ((v[RF_PHOTO].error = photos_take(r, &request_fields[RF_PHOTO],
	    "resident", &pt)) != NULL) {
		r->nbad++;
		goto bad;
	}
	memset(&n, 0, sizeof(n));
	n.form_token = tok;
	n.category_id = (int)v[RF_CATEGORY].i;
	n.community_id = (int)v[RF_COMMUNITY].i;
	n.grid_id = v[RF_GRID].present ? (int)v[RF_GRID].i : 0;
	if (picked != NULL) {
		n.community_id = picked->community_id;
		n.grid_id = picked->grid_id;
	}
	n.address = v[RF_ADDRESS].s;
	n.description = v[RF_DESCRIPTION].s;
	n.name = v[RF_NAME].s;
	n.phone = v[RF_PHONE].s;
	n.has_coords = v[RF_LAT].present;
	n.lat = v[RF_LAT].i;
	n.lng = v[RF_LNG].i;
	n.source = word_source[SRC_WEB].code;
	n.now = time(NULL);
	n.photos = pt.dp;
	n.nphotos = pt.n;
	rc = db_request_create(r->db, &n, &crc, tracking);
	photos_free(&pt);
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	switch (crc) {
	case DB_CREATE_BAD_CATEGORY:
		v[RF_CATEGORY].error = "请选择有效的服务类别";
		goto bad;
	case DB_CREATE_BAD_PLACE:
		v[n.grid_id ? RF_GRID : RF_COMMUNITY].error =
		    n.grid_id ? "所选网格不属于所选社区" : "请选择有效的社区";
		goto bad;
	case DB_CREATE_NEW:
	case DB_CREATE_REPEAT:
		break;
	}
	snprintf(loc, sizeof(loc), "/receipt/%s", tracking);
	r->status = 303;
	http_header(r, "Location", loc);
	http_header(r, "Cache-Control", "no-store");
	buf_add(&r->body, "<!DOCTYPE html><title>已提交</title>"
	    "<p><a href=\"");
	html_attr(&r->body, loc);
	buf_add(&r->body, "\">查看回执</a></p>\n");
	return;
bad:
	r->status = 400;
	buf_reset(&r->body);
	if (pl.picked == NULL && v[RF_COMPOUND].present &&
	    v[RF_COMPOUND].error == NULL &&
	    db_compound_get(r->db, (int)v[RF_COMPOUND].i, &c) == DB_OK)
		pl.picked = &c;
	if ((rc = request_form(r, v, "提交未成功：请按提示修改标出的内容后"
	    "重新提交。您填写的内容已保留。", &pl)) != DB_OK)
		http_db_error(r, rc);
}

/* GET /receipt/{tracking}: what it takes. */
enum { RC_TRACKING, RC__MAX };
static const struct vfield receipt_fields[RC__MAX] = {
	{ "*0", "诉求编号", V_TRACKING, true },		/* RC_TRACKING */
};

/* GET /receipt/{tracking}: the receipt (no personal data on it). */
void
page_receipt(struct req *r)
{
	struct db_request q;
	struct buf	*b = &r->body;
	int		 rc;

	if (r->v[RC_TRACKING].error != NULL || (rc = db_request_get(r->db,
	    r->v[RC_TRACKING].s, &q)) == DB_NOTFOUND) {
		html_error_page(r, 404, "未找到该诉求",
		    "诉求编号不存在。请检查编号是否输入正确。");
		return;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "提交成功");
	buf_add(b, "<section class=\"card receipt\">\n<h1>诉求已提交</h1>\n"
	    "<p>您的诉求编号</p>\n<p class=\"tracking\" id=\"tracking\">");
	html_txt(b, q.tracking);
	buf_add(b, "</p>\n<p class=\"muted\">请截图或记下此编号，"
	    "查询进度时需要它和您的手机号后四位。</p>\n<table>\n<tr><th>服务类别</th><td>");
	html_txt(b, q.category);
	buf_add(b, "</td></tr>\n<tr><th>所属社区</th><td>");
	html_txt(b, q.community);
	if (q.grid[0] != '\0') {
		buf_add(b, " · ");
		html_txt(b, q.grid);
	}
	buf_add(b, "</td></tr>\n<tr><th>提交时间</th><td>");
	html_time(b, q.received_at);
	buf_add(b, "</td></tr>\n<tr><th>响应时限</th><td>");
	html_time(b, q.response_due);
	buf_add(b, " 前受理</td></tr>\n<tr><th>办结时限</th><td>");
	html_time(b, q.resolve_due);
	buf_add(b, " 前办结</td></tr>\n</table>\n"
	    "<p>社区工作人员会在响应时限内与您联系。办结后请通过"
	    "“查询进度”对办理结果进行评价。</p>\n"
	    "<p><a class=\"button\" href=\"/track\">查询办理进度</a> "
	    "<a href=\"/\">再提交一件</a></p>\n</section>\n");
	html_end(r);
}

/* The lookup form, with an optional message. */
static void
track_form(struct req *r, const char *msg, const char *tracking)
{
	struct buf	*b = &r->body;

	html_begin(r, "查询办理进度");
	buf_add(b, "<h1>查询办理进度</h1>\n");
	html_notice(b, msg, 1);
	buf_add(b, "<form method=\"post\" action=\"/track\" class=\"card\">\n"
	    "<p><label for=\"tracking\">诉求编号</label>\n"
	    "<input id=\"tracking\" name=\"tracking\" maxlength=\"16\" required "
	    "autocapitalize=\"characters\" value=\"");
	html_attr(b, tracking ? tracking : "");
	buf_add(b, "\"></p>\n<p><label for=\"last4\">手机号后四位</label>\n"
	    "<input id=\"last4\" name=\"last4\" maxlength=\"8\" "
	    "inputmode=\"numeric\" required></p>\n"
	    "<p><button class=\"button\" type=\"submit\">查询</button></p>\n"
	    "</form>\n");
	html_end(r);
}

/* GET /track: the lookup form. */
void
page_track(struct req *r)
{
	track_form(r, NULL, NULL);
}

/*
 * POST /rate: the request's tracking number and the last four digits of
 * its phone (any four symbols: only digits can match), the rating, a
 * comment and the wish to have it reopened.  POST /track takes the first
 * two.
 */
enum tf { TF_TRACKING, TF_LAST4, TF_RATING, TF_COMMENT, TF_REOPEN, TF__MAX };
static const struct vfield rate_fields[TF__MAX] = {
	{ "tracking", "诉求编号", V_TRACKING, false },		/* TF_TRACKING */
	{ "last4", "手机号后四位", V_DIGITS, false, 4, 4 },	/* TF_LAST4 */
	{ "rating", "评价", V_ENUM, true, 0, RATE__MAX,	/* TF_RATING */
	    .words = word_rating },
	{ "comment", "意见建议", V_LONGTEXT, false, 1, 500 },	/* TF_COMMENT */
	{ "reopen", "退回重办", V_CHECK, false },		/* TF_REOPEN */
};

/*
 * Find the request of the form's tracking number and phone digits.  A
 * wrong number and wrong digits give the same answer.  Lookups are
 * limited per client address, and wrong ones per tracking number (so
 * that guessing the 4 digits takes hours whatever the addresses).
 * Returns 0 with q set, 1 when none matches, or -1 answered (429 when
 * refused, 503 or 500 when the database fails).
 */
static int
find_own(struct req *r, struct db_request *q)
{
	const struct vvalue *t = &r->v[TF_TRACKING], *l = &r->v[TF_LAST4];
	bool	 tv = t->present && t->error == NULL;
	int	 rc, wait;

	if (limit_guard(r, LIMIT_LOOKUP_ADDR, r->addr) != 0)
		return -1;
	if (tv && (wait = limit_wait(r->cfg, LIMIT_TRACKING, t->s)) > 0) {
		limit_refuse(r, wait);
		return -1;
	}
	if (!tv || !l->present || l->error != NULL)
		rc = DB_NOTFOUND;
	else if ((rc = db_request_get(r->db, t->s, q)) == DB_OK &&
	    sodium_memcmp(q->phone_last4, l->s, 4) != 0)
		rc = DB_NOTFOUND;
	if (rc == DB_NOTFOUND && tv)
		(void)limit_take(r->cfg, LIMIT_TRACKING, t->s);
	if (rc != DB_OK && rc != DB_NOTFOUND) {
		http_db_error(r, rc);
		return -1;
	}
	return rc == DB_NOTFOUND;
}

/*
 * Who did it, as the resident's timeline says it: staff by the level
 * handling the request (never by name), anyone else by the kind.
 */
static const char *
who(const struct db_event *e)
{
	static const char *const staff_at[LV__MAX] = {
		[LV_COMMUNITY] = "社区工作人员",
		[LV_STREET] = "街道工作人员",
		[LV_DISTRICT] = "区级工作人员",
	};
	int	 l;

	if (strcmp(e->who, word_actor[ACTOR_STAFF].code) == 0)
		return (l = WORD_FIND(word_level, e->level)) >= 0 ?
		    staff_at[l] : word_actor[ACTOR_STAFF].label;
	return WORD_LABEL(word_actor, e->who);
}

/*
 * The status page of q, for the resident who proved the phone's digits:
 * the request, their own description and address, and the timeline of
 * what they must know (every state change in plain words with the level
 * that acted, texts and notes only when marked for them), with its rating
 * form when it waits for one: the form carries the tracking number and
 * last4, or, reached through a message's link (cgi/link.c), posts back to
 * /t/TOKEN (token not NULL).
 */
void
portal_status(struct req *r, const struct db_request *q, const char *last4,
    const char *token, const char *msg)
{
	struct db_event	 ev[MAX_EVENTS];
	struct buf	*b = &r->body;
	char		 desc[2001 * 4], addr[201 * 4];
	size_t		 n = 0, i, k;
	int		 rc;

	if ((rc = db_request_events(r->db, q->id, ev, MAX_EVENTS, &n)) !=
	    DB_OK || (rc = db_request_own(r->db, q->id, desc, sizeof(desc),
	    addr, sizeof(addr))) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "办理进度");
	html_notice(b, msg, 0);
	buf_add(b, "<section class=\"card\">\n<h1>办理进度</h1>\n<table>\n"
	    "<tr><th>诉求编号</th><td id=\"tracking\">");
	html_txt(b, q->tracking);
	buf_add(b, "</td></tr>\n<tr><th>当前状态</th><td id=\"state\">");
	html_txt(b, rq_state_phrase(q->state, q->reject_reason));
	buf_add(b, "</td></tr>\n<tr><th>服务类别</th><td>");
	html_txt(b, q->category);
	buf_add(b, "</td></tr>\n<tr><th>办理层级</th><td>");
	html_txt(b, WORD_LABEL(word_level, q->level));
	buf_add(b, "</td></tr>\n<tr><th>响应时限</th><td>");
	html_time(b, q->response_due);
	buf_add(b, "</td></tr>\n<tr><th>办结时限</th><td>");
	html_time(b, q->resolve_due);
	buf_add(b, "</td></tr>\n<tr><th>详细地址</th><td id=\"own-address\">");
	html_txt(b, addr);
	buf_add(b, "</td></tr>\n<tr><th>问题描述</th><td id=\"own-description\">");
	html_txt(b, desc);
	buf_add(b, "</td></tr>\n</table>\n</section>\n");
	if ((rc = photos_gallery(r, b, q->id, q->tracking, true)) != DB_OK) {
		buf_reset(b);
		buf_reset(&r->head);
		http_db_error(r, rc);
		return;
	}
	buf_add(b, "<section class=\"card\">\n<h2>办理记录</h2>\n<ol class=\"timeline\">\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<li><time>");
		html_time(b, ev[i].at);
		buf_add(b, "</time> <strong>");
		html_txt(b, WORD_PHRASE(word_action, ev[i].action));
		buf_add(b, "</strong> <span class=\"muted\">");
		html_txt(b, who(&ev[i]));
		buf_add(b, "</span>");
		if (ev[i].body[0] != '\0') {
			buf_add(b, "<p>");
			html_txt(b, ev[i].body);
			buf_add(b, "</p>");
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ol>\n</section>\n");
	if (strcmp(q->state, word_state[ST_RESOLVED].code) == 0 &&
	    q->rating[0] == '\0') {
		if (token != NULL) {
			buf_add(b, "<form method=\"post\" action=\"/t/");
			html_attr(b, token);
			buf_add(b, "\" class=\"card\" id=\"rate\">\n"
			    "<h2>评价办理结果</h2>\n<p>");
		} else {
			buf_add(b, "<form method=\"post\" action=\"/rate\" class=\"card\">"
			    "\n<h2>评价办理结果</h2>\n<input type=\"hidden\" "
			    "name=\"tracking\" value=\"");
			html_attr(b, q->tracking);
			buf_add(b, "\"><input type=\"hidden\" name=\"last4\" value=\"");
			html_attr(b, last4);
			buf_add(b, "\">\n<p>");
		}
		for (k = 0; k < RATE__MAX; k++)
			buf_printf(b, "<label class=\"check\"><input type=\"radio\" "
			    "name=\"rating\" value=\"%s\"%s> %s</label>",
			    word_rating[k].code, k == 0 ? " required" : "",
			    word_rating[k].label);
		buf_add(b, "</p>\n");
		if (q->reopen_count == 0)
			buf_add(b, "<p><label class=\"check\"><input "
			    "type=\"checkbox\" name=\"reopen\" value=\"1\"> "
			    "不满意时退回重新办理（仅限一次）</label></p>\n");
		buf_add(b, "<p><label for=\"comment\">意见建议（可选）</label>"
		    "<textarea id=\"comment\" name=\"comment\" rows=\"3\" "
		    "maxlength=\"500\"></textarea></p>\n<p><button "
		    "class=\"button\" type=\"submit\">提交评价</button></p>\n"
		    "</form>\n");
	}
	html_end(r);
}

/* POST /track: status page, or the same "not found" for any mismatch. */
void
page_track_post(struct req *r)
{
	struct db_request q;
	const struct vvalue *t = &r->v[TF_TRACKING];
	int		 rc;

	if ((rc = find_own(r, &q)) < 0)
		return;
	if (rc > 0) {
		r->status = 404;
		track_form(r, "未找到匹配的诉求，请核对诉求编号和手机号后四位。",
		    t->present ? t->s : NULL);
		return;
	}
	portal_status(r, &q, r->v[TF_LAST4].s, NULL, NULL);
}

/* 0 when the rating form's fields are right, else -1 answered 400. */
int
portal_rate_fields(struct req *r)
{
	const struct vvalue *v = r->v;

	if (v[TF_RATING].error != NULL || v[TF_COMMENT].error != NULL ||
	    v[TF_REOPEN].error != NULL) {
		html_error_page(r, 400, "评价未提交",
		    "请选择满意、基本满意或不满意；意见建议不超过500字。");
		return -1;
	}
	return 0;
}

/* POST /rate: rate once; 400 bad input, 404 no match, 409 not now. */
void
page_rate_post(struct req *r)
{
	struct db_request q;
	const struct vvalue *v = r->v;
	int		 rc;

	if (portal_rate_fields(r) != 0)
		return;
	if ((rc = find_own(r, &q)) < 0)
		return;
	if (rc > 0) {
		r->status = 404;
		track_form(r, "未找到匹配的诉求，请核对诉求编号和手机号后四位。",
		    NULL);
		return;
	}
	portal_rate(r, &q, v[TF_LAST4].s, NULL);
}

/*
 * Rate q with the form's fields (checked by the caller), then its status
 * page (portal_status: last4 or token).
 */
void
portal_rate(struct req *r, struct db_request *q0, const char *last4,
    const char *token)
{
	struct db_request q = *q0;
	const struct vvalue *v = r->v;
	int		 rc;

	rc = db_request_rate(r->db, &q, (enum rating)v[TF_RATING].i,
	    v[TF_COMMENT].present ? v[TF_COMMENT].s : NULL,
	    v[TF_REOPEN].present, time(NULL));
	if (rc == DB_CONFLICT) {
		html_error_page(r, 409, "无法评价",
		    "该诉求当前不在待评价状态，或已经评价过。");
		return;
	}
	if (rc == DB_OK)
		rc = db_request_get(r->db, q.tracking, &q);
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	portal_status(r, &q, last4, token,
	    strcmp(q.state, word_state[ST_CLOSED].code) == 0 ?
	    "感谢您的评价！" : "已退回重新办理，社区会尽快与您联系。");
}

/* The routes' tables. */
VFORM(form_home, home_fields);
VFORM(form_request_post, request_fields);
VFORM(form_receipt, receipt_fields);
VFORM_NONE(form_track);
/* The lookup: the first two fields of the rating (tracking, last4). */
const struct vform form_track_post = { rate_fields, TF_RATING, NULL, 0 };
VFORM(form_rate_post, rate_fields);
/* POST /t/TOKEN (cgi/link.c): the rating alone, no tracking or last4. */
VFORM(form_link_post, rate_fields);
