/*
 * Indicator schemes (考评方案, issue 22 point 1): /assess/schemes lists the
 * district's schemes and makes a new one; /assess/schemes/{id} shows one,
 * edits it while no round beyond draft uses it, and makes its next
 * version (新建版本: a copy, based_on it, to edit).  District officials
 * and the district's admins only; others 404.
 *
 * One form of at most AS_IND_MAX indicators, each a fieldset of eight
 * fields (n0, w0, s0, f0, lo0, hi0, mc0, d0 for the first): name, weight,
 * source, figure (system data), floor and target in per cent, the
 * minimum count, the description.  A row with neither name nor weight is
 * left out.  The weights must sum to exactly 100: otherwise 400 with the
 * sum, and nothing stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "as_page.h"
#include "html.h"
#include "route.h"

enum { SF_NAME, SF_YEAR, SF_TARGET, SF_IND };
enum { IF_NAME, IF_WEIGHT, IF_SOURCE, IF_FIGURE, IF_FLOOR, IF_TARGET, IF_MIN,
    IF_DESC, IF__N };
#define SF__MAX		(SF_IND + AS_IND_MAX * IF__N)
#define FI(k, c)	(SF_IND + (k) * IF__N + (c))
#define PCT_MSG		"请填写0到100之间的百分数，最多两位小数"

#define IND_ROW(k) \
	{ "n" #k, "指标名称", V_TEXT, false, 1, AS_NAME_CHARS }, \
	{ "w" #k, "权重（分）", V_DECIMAL, false, 10000, 100000000, NULL, \
	    "权重应为0.01到100之间的数，最多两位小数" }, \
	{ "s" #k, "数据来源", V_ENUM, false, 0, AS__MAX, NULL, \
	    "请选择数据来源", .words = word_assess_source }, \
	{ "f" #k, "系统数据", V_TEXT, false, 1, AS_FIGURE_LEN }, \
	{ "lo" #k, "底线（%）", V_DECIMAL, false, 0, 100000000, NULL, \
	    PCT_MSG }, \
	{ "hi" #k, "目标（%）", V_DECIMAL, false, 0, 100000000, NULL, \
	    PCT_MSG }, \
	{ "mc" #k, "最少样本数", V_INT, false, 0, 1000000 }, \
	{ "d" #k, "考评标准", V_LONGTEXT, false, 0, AS_DESC_CHARS }

static const struct vfield scheme_fields[SF__MAX] = {
	[SF_NAME] = { "name", "方案名称", V_TEXT, true, 1, AS_NAME_CHARS },
	[SF_YEAR] = { "year", "年度", V_INT, true, 2000, 2100 },
	[SF_TARGET] = { "target", "考评对象", V_ENUM, true, 0, AT__MAX, NULL,
	    "请选择考评对象", .words = word_assess_target },
	IND_ROW(0), IND_ROW(1), IND_ROW(2), IND_ROW(3), IND_ROW(4),
	IND_ROW(5), IND_ROW(6), IND_ROW(7), IND_ROW(8), IND_ROW(9),
	IND_ROW(10), IND_ROW(11),
};

/* POST /assess/schemes/{id}: save (the form) or version. */
enum { SP_ID, SP__MAX };
static const struct vfield scheme_post_fields[SP__MAX] = {
	{ "*0", "方案", V_ID, true, 1, 2147483647 },
};
enum { SA_SAVE, SA_VERSION, SA__MAX };
static const struct vaction scheme_actions[SA__MAX] = {
	[SA_SAVE] = { "save", scheme_fields, SF__MAX },
	[SA_VERSION] = { "version", NULL, 0 },
};

#define MAX_SCHEMES	200

/* The form's values as text (typed, or a stored scheme's), and the
 * messages. */
struct sform {
	const char	*val[SF__MAX];
	const char	*err[SF__MAX];
	char		 buf[SF__MAX][24];
};

static void
sform_from_v(struct sform *f, const struct vvalue *v)
{
	size_t		 i;

	memset(f, 0, sizeof(*f));
	for (i = 0; v != NULL && i < SF__MAX; i++) {
		f->val[i] = v[i].s;
		f->err[i] = v[i].error;
	}
}

/* A decimal of unit units (100: hundredths) as typed: "12.5". */
static const char *
dec(char *buf, size_t sz, long long x, int unit)
{
	if (x % unit == 0)
		snprintf(buf, sz, "%lld", x / unit);
	else if (unit == 100 || x % (unit / 100) == 0)
		snprintf(buf, sz, "%lld.%02lld", x / unit,
		    (x % unit) / (unit / 100));
	else
		snprintf(buf, sz, "%lld.%04lld", x / unit, x % unit);
	return buf;
}

static void
sform_from_scheme(struct sform *f, const struct db_as_scheme *s)
{
	const struct db_as_ind *i;
	size_t		 k;

	memset(f, 0, sizeof(*f));
	f->val[SF_NAME] = s->name;
	snprintf(f->buf[SF_YEAR], sizeof(f->buf[0]), "%d", s->year);
	f->val[SF_YEAR] = f->buf[SF_YEAR];
	f->val[SF_TARGET] = word_assess_target[s->target].code;
	for (k = 0; k < s->nind; k++) {
		i = &s->ind[k];
		f->val[FI(k, IF_NAME)] = i->name;
		f->val[FI(k, IF_WEIGHT)] = dec(f->buf[FI(k, IF_WEIGHT)],
		    sizeof(f->buf[0]), i->weight_c, 100);
		f->val[FI(k, IF_SOURCE)] = word_assess_source[i->source].code;
		f->val[FI(k, IF_FIGURE)] = i->figure;
		if (i->source != AS_SCORE) {
			f->val[FI(k, IF_FLOOR)] = dec(f->buf[FI(k, IF_FLOOR)],
			    sizeof(f->buf[0]), i->floor_tt, 100);
			f->val[FI(k, IF_TARGET)] = dec(f->buf[FI(k,
			    IF_TARGET)], sizeof(f->buf[0]), i->target_tt, 100);
		}
		snprintf(f->buf[FI(k, IF_MIN)], sizeof(f->buf[0]), "%d",
		    i->min_count);
		f->val[FI(k, IF_MIN)] = f->buf[FI(k, IF_MIN)];
		f->val[FI(k, IF_DESC)] = i->description;
	}
}

/* The message of field i, if any, and the end of its paragraph. */
static void
field_end(struct buf *b, const struct sform *f, int i)
{
	if (f->err[i] != NULL) {
		buf_add(b, "<span class=\"err\" role=\"alert\">");
		html_txt(b, f->err[i]);
		buf_add(b, "</span>");
	}
	buf_add(b, "</p>\n");
}

/* Label, input (or textarea) and message of field i. */
static void
field(struct buf *b, const struct sform *f, int i, const char *type)
{
	const struct vfield *d = &scheme_fields[i];

	buf_printf(b, "<p><label for=\"%s\">%s</label>\n", d->name, d->label);
	if (strcmp(type, "textarea") == 0) {
		buf_printf(b, "<textarea id=\"%s\" name=\"%s\" rows=\"2\">",
		    d->name, d->name);
		html_txt(b, f->val[i] ? f->val[i] : "");
		buf_add(b, "</textarea>");
	} else {
		buf_printf(b, "<input id=\"%s\" name=\"%s\" type=\"%s\"%s "
		    "value=\"", d->name, d->name, type, strcmp(type, "text") ?
		    " inputmode=\"decimal\"" : "");
		html_attr(b, f->val[i] ? f->val[i] : "");
		buf_add(b, "\">");
	}
	field_end(b, f, i);
}

/* A select of field i: codes[n] with labels, a blank first when blank. */
static void
select_field(struct buf *b, const struct sform *f, int i,
    const char *const *codes, const char *const *labels, size_t n, int blank)
{
	const struct vfield *d = &scheme_fields[i];
	size_t		 k;

	buf_printf(b, "<p><label for=\"%s\">%s</label>\n<select id=\"%s\" "
	    "name=\"%s\">", d->name, d->label, d->name, d->name);
	if (blank)
		buf_add(b, "<option value=\"\">—</option>");
	for (k = 0; k < n; k++) {
		buf_add(b, "<option value=\"");
		html_attr(b, codes[k]);
		buf_printf(b, "\"%s>", f->val[i] && strcmp(f->val[i],
		    codes[k]) == 0 ? " selected" : "");
		html_txt(b, labels[k]);
		buf_add(b, "</option>");
	}
	buf_add(b, "</select>");
	field_end(b, f, i);
}

static void
scheme_form(struct buf *b, const struct staff *s, const struct sform *f,
    const char *action, const char *submit)
{
	const char	*tc[AT__MAX], *tl[AT__MAX], *sc[AS__MAX], *sl[AS__MAX];
	const char	*fc[32], *fl[32];
	char		 lab[32 * 64];
	size_t		 k, c, n = db_as_nfigures < 32 ? db_as_nfigures : 32;
	int		 open, err;

	for (k = 0; k < AT__MAX; k++) {
		tc[k] = word_assess_target[k].code;
		tl[k] = word_assess_target[k].label;
	}
	for (k = 0; k < AS__MAX; k++) {
		sc[k] = word_assess_source[k].code;
		sl[k] = word_assess_source[k].label;
	}
	for (k = 0; k < n; k++) {
		fc[k] = db_as_figures[k].code;
		snprintf(lab + k * 64, 64, "%s%s", db_as_figures[k].label,
		    db_as_figures[k].targets == (1u << AT_STREET) ?
		    "（街道）" : "");
		fl[k] = lab + k * 64;
	}
	buf_printf(b, "<form method=\"post\" action=\"%s\" class=\"card\">\n",
	    action);
	auth_csrf_field(b, s);
	if (strcmp(submit, "保存修改") == 0)
		buf_add(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"save\">\n");
	field(b, f, SF_NAME, "text");
	field(b, f, SF_YEAR, "number");
	select_field(b, f, SF_TARGET, tc, tl, AT__MAX, 0);
	buf_add(b, "<p class=\"muted\">各项权重之和须为100。系统数据类指标"
	    "按所选数据在考评期间的数值计分：数值不高于底线得0分，不低于目标"
	    "得满分，其间按比例；民主测评类按（满意＋基本满意）÷ 票数同样计分；"
	    "考评打分类由考评单位填写0到权重之间的分数并写明理由和依据。两新"
	    "组织方案只能用考评打分和民主测评。</p>\n");
	for (k = 0; k < AS_IND_MAX; k++) {
		open = k == 0;
		err = 0;
		for (c = 0; c < IF__N; c++) {
			if (f->val[FI(k, c)] != NULL && *f->val[FI(k, c)] &&
			    c != IF_MIN)
				open = 1;
			if (f->err[FI(k, c)] != NULL)
				err = open = 1;
		}
		buf_printf(b, "<details class=\"card\"%s><summary>指标 %zu%s"
		    "</summary>\n", open ? " open" : "", k + 1, err ?
		    "（请修改）" : "");
		field(b, f, FI(k, IF_NAME), "text");
		field(b, f, FI(k, IF_WEIGHT), "text");
		select_field(b, f, FI(k, IF_SOURCE), sc, sl, AS__MAX, 1);
		select_field(b, f, FI(k, IF_FIGURE), fc, fl, n, 1);
		field(b, f, FI(k, IF_FLOOR), "text");
		field(b, f, FI(k, IF_TARGET), "text");
		field(b, f, FI(k, IF_MIN), "number");
		field(b, f, FI(k, IF_DESC), "textarea");
		buf_add(b, "</details>\n");
	}
	buf_printf(b, "<p><button class=\"button\" type=\"submit\">%s</button>"
	    "</p></form>\n", submit);
}

/*
 * The scheme of the form v into *out (district and id the caller's):
 * 0, or -1 with v's fields marked and *msg the page's message.
 */
static int
check_scheme(struct vvalue *v, int bad, struct db_as_scheme *out,
    const char **msg)
{
	static char	 sum_msg[128];
	struct db_as_ind *i;
	long long	 sum = 0;
	size_t		 k;
	int		 fi, src;

	*msg = "请按提示修改后重新提交。";
	out->nind = 0;
	if (!bad) {
		snprintf(out->name, sizeof(out->name), "%s", v[SF_NAME].s);
		out->year = (int)v[SF_YEAR].i;
		out->target = (int)v[SF_TARGET].i;
	}
	for (k = 0; k < AS_IND_MAX; k++) {
		struct vvalue *w = &v[FI(k, 0)];
		if (!w[IF_NAME].present && !w[IF_WEIGHT].present)
			continue;
		if (!w[IF_NAME].present && w[IF_NAME].error == NULL)
			w[IF_NAME].error = "请填写指标名称";
		if (!w[IF_WEIGHT].present && w[IF_WEIGHT].error == NULL)
			w[IF_WEIGHT].error = "请填写权重";
		else if (w[IF_WEIGHT].error == NULL && w[IF_WEIGHT].i % 10000)
			w[IF_WEIGHT].error = "权重最多两位小数";
		if (!w[IF_SOURCE].present && w[IF_SOURCE].error == NULL)
			w[IF_SOURCE].error = "请选择数据来源";
		src = w[IF_SOURCE].present ? (int)w[IF_SOURCE].i : -1;
		if (src == AS_FIGURE && w[IF_FIGURE].error == NULL) {
			fi = w[IF_FIGURE].present ?
			    db_as_figure_find(w[IF_FIGURE].s) : -1;
			if (fi < 0)
				w[IF_FIGURE].error = "请选择系统数据";
			else if (v[SF_TARGET].error == NULL &&
			    !(db_as_figures[fi].targets &
			    (1u << v[SF_TARGET].i)))
				w[IF_FIGURE].error = v[SF_TARGET].i == AT_ORG ?
				    "两新组织方案只能用考评打分和民主测评" :
				    "这项数据不适用于所选考评对象";
		}
		if (src == AS_FIGURE || src == AS_BALLOT) {
			if (!w[IF_FLOOR].present && !w[IF_FLOOR].error)
				w[IF_FLOOR].error = "请填写底线";
			if (!w[IF_TARGET].present && !w[IF_TARGET].error)
				w[IF_TARGET].error = "请填写目标";
			if (w[IF_FLOOR].present && !w[IF_FLOOR].error &&
			    w[IF_FLOOR].i % 10000)
				w[IF_FLOOR].error = PCT_MSG;
			if (w[IF_TARGET].present && !w[IF_TARGET].error &&
			    w[IF_TARGET].i % 10000)
				w[IF_TARGET].error = PCT_MSG;
			if (w[IF_FLOOR].present && w[IF_TARGET].present &&
			    !w[IF_FLOOR].error && !w[IF_TARGET].error &&
			    w[IF_TARGET].i <= w[IF_FLOOR].i)
				w[IF_TARGET].error = "目标须高于底线";
		}
		for (fi = 0; fi < IF__N; fi++)
			if (w[fi].error != NULL)
				bad = 1;
		if (w[IF_WEIGHT].error == NULL)
			sum += w[IF_WEIGHT].i / 10000;
		if (bad)
			continue;
		i = &out->ind[out->nind++];
		memset(i, 0, sizeof(*i));
		snprintf(i->name, sizeof(i->name), "%s", w[IF_NAME].s);
		i->weight_c = w[IF_WEIGHT].i / 10000;
		i->source = src;
		if (src == AS_FIGURE)
			snprintf(i->figure, sizeof(i->figure), "%s",
			    w[IF_FIGURE].s);
		if (src != AS_SCORE) {
			i->floor_tt = (int)(w[IF_FLOOR].i / 10000);
			i->target_tt = (int)(w[IF_TARGET].i / 10000);
		}
		i->min_count = w[IF_MIN].present ? (int)w[IF_MIN].i : 0;
		if (w[IF_DESC].s != NULL)
			snprintf(i->description, sizeof(i->description), "%s",
			    w[IF_DESC].s);
	}
	if (bad)
		return -1;
	if (out->nind == 0) {
		v[FI(0, IF_NAME)].error = "请至少填写一项指标";
		return -1;
	}
	if (sum != 10000) {
		snprintf(sum_msg, sizeof(sum_msg), "各项指标的权重之和须正好为"
		    "100，现为 %lld.%02lld，未保存。", sum / 100, sum % 100);
		*msg = sum_msg;
		return -1;
	}
	return 0;
}

/* The schemes' list page with the new scheme's form (f, msg). */
static void
list_page(struct req *r, const struct staff *s, const struct sform *f,
    const char *msg, int bad)
{
	struct db_as_scheme *l = calloc(MAX_SCHEMES, sizeof(*l));
	struct buf	*b = &r->body;
	struct sform	 blank;
	size_t		 n = 0, i;
	int		 rc;

	rc = l == NULL ? DB_ERROR : db_as_schemes(r->db, s->u.scope.id[0], l,
	    MAX_SCHEMES, &n);
	if (rc != DB_OK) {
		free(l);
		http_db_error(r, rc);
		return;
	}
	staff_begin(r, s, "考评方案");
	buf_add(b, "<p class=\"crumbs\"><a href=\"/assess\">考评</a></p>\n"
	    "<h1>考评方案</h1>\n");
	html_notice(b, msg, bad);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">还没有考评方案。</p>\n");
	buf_add(b, "<ul class=\"picks\">\n");
	for (i = 0; i < n; i++) {
		buf_printf(b, "<li><a href=\"/assess/schemes/%d\"><strong>",
		    l[i].id);
		html_txt(b, l[i].name);
		buf_printf(b, "</strong> <span>%d年度 · 第%d版 · %s</span> "
		    "<span class=\"mark\">%s</span></a></li>\n", l[i].year,
		    l[i].version, word_assess_target[l[i].target].label,
		    l[i].in_use ? "使用中" : "可修改");
	}
	buf_add(b, "</ul>\n<h2>新建方案</h2>\n");
	if (f == NULL) {
		memset(&blank, 0, sizeof(blank));
		f = &blank;
	}
	scheme_form(b, s, f, "/assess/schemes", "创建方案");
	html_end(r);
	free(l);
}

static int
require_definer(struct req *r, struct staff *s)
{
	if (auth_require(r, ROLE_BIT(ROLE_DISTRICT) | ROLE_BIT(ROLE_ADMIN),
	    s) == -1)
		return -1;
	if (!as_may_define(s)) {
		staff_not_found(r);
		return -1;
	}
	return 0;
}

/* 303 to scheme id's page with its "saved" notice. */
static void
to_scheme(struct req *r, int id)
{
	char	 to[64];

	snprintf(to, sizeof(to), "/assess/schemes/%d?done=1", id);
	r->status = 303;
	http_header(r, "Location", to);
}

/* Store sc: 303 to it (DB_OK), the failure answered, or DB_CONFLICT
 * unanswered (in use, or the name taken). */
static int
save(struct req *r, const struct staff *s, const struct db_as_scheme *sc)
{
	int	 id = 0, rc;

	rc = db_as_scheme_save(r->db, sc, &s->u, r->addr, time(NULL), &id);
	if (rc == DB_OK)
		to_scheme(r, id);
	else if (rc != DB_CONFLICT)
		http_db_error(r, rc);
	return rc;
}

/* GET /assess/schemes */
void
page_as_schemes(struct req *r)
{
	struct staff	 s;

	if (require_definer(r, &s) == -1)
		return;
	list_page(r, &s, NULL, r->v[0].present ? "已保存。" : NULL, 0);
}

/* POST /assess/schemes: a new scheme; 303 to it, or 400 (nothing
 * stored). */
void
page_as_schemes_post(struct req *r)
{
	struct staff	 s;
	struct db_as_scheme *sc;
	struct sform	 f;
	const char	*msg;

	if (require_definer(r, &s) == -1)
		return;
	if ((sc = calloc(1, sizeof(*sc))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if (check_scheme(r->v, r->nbad != 0, sc, &msg) == 0) {
		sc->district_id = s.u.scope.id[0];
		sc->version = 1;
		if (save(r, &s, sc) != DB_CONFLICT)
			goto out;
		r->v[SF_NAME].error = "同名同年度的方案已有，请在该方案页面"
		    "新建版本";
	}
	r->status = 400;
	sform_from_v(&f, r->v);
	list_page(r, &s, &f, msg, 1);
out:
	free(sc);
}

/* The indicators of sc as a table. */
static void
ind_table(struct buf *b, const struct db_as_scheme *sc)
{
	const struct db_as_ind *i;
	char		 lo[24], hi[24], w[24];
	size_t		 k;
	int		 fi;

	buf_add(b, "<div class=\"scroll\"><table><tr><th>指标</th><th>权重"
	    "</th><th>来源</th><th>底线 / 目标</th><th>最少样本</th><th>考评"
	    "标准</th></tr>\n");
	for (k = 0; k < sc->nind; k++) {
		i = &sc->ind[k];
		buf_add(b, "<tr><td>");
		html_txt(b, i->name);
		buf_printf(b, "</td><td>%s</td><td>%s", dec(w, sizeof(w),
		    i->weight_c, 100), word_assess_source[i->source].label);
		if (i->source == AS_FIGURE &&
		    (fi = db_as_figure_find(i->figure)) >= 0) {
			buf_add(b, "：");
			html_txt(b, db_as_figures[fi].label);
			buf_add(b, "<br><span class=\"muted\">");
			html_txt(b, db_as_figures[fi].how);
			buf_add(b, "</span>");
		}
		if (i->source == AS_SCORE)
			buf_add(b, "</td><td>—");
		else
			buf_printf(b, "</td><td>%s%% / %s%%", dec(lo, sizeof(lo),
			    i->floor_tt, 100), dec(hi, sizeof(hi), i->target_tt,
			    100));
		buf_printf(b, "</td><td>%d</td><td>", i->min_count);
		html_txt(b, i->description);
		buf_add(b, "</td></tr>\n");
	}
	buf_add(b, "</table></div>\n");
}

/* A scheme's page: its table, the edit form unless in use (f: the typed
 * form after an error), the new version's button. */
static void
scheme_page(struct req *r, const struct staff *s,
    const struct db_as_scheme *sc, const struct sform *f, const char *msg,
    int bad)
{
	struct buf	*b = &r->body;
	struct sform	 g;
	char		 action[48];

	staff_begin(r, s, "考评方案");
	buf_add(b, "<p class=\"crumbs\"><a href=\"/assess\">考评</a>"
	    "<a href=\"/assess/schemes\">考评方案</a></p>\n<h1>");
	html_txt(b, sc->name);
	buf_printf(b, "</h1>\n<p>%d年度 · 第%d版 · 考评%s · <span class=\""
	    "mark\">%s</span>", sc->year, sc->version,
	    word_assess_target[sc->target].label, sc->in_use ? "使用中" :
	    "可修改");
	if (sc->based_on)
		buf_printf(b, " · 由<a href=\"/assess/schemes/%d\">上一版本</a>"
		    "复制", sc->based_on);
	buf_add(b, "</p>\n");
	html_notice(b, msg, bad);
	ind_table(b, sc);
	snprintf(action, sizeof(action), "/assess/schemes/%d", sc->id);
	buf_printf(b, "<form method=\"post\" action=\"%s\" class=\"card\">",
	    action);
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">"
	    "<p>%s</p><p><button class=\"button\" type=\"submit\">新建版本"
	    "</button></p></form>\n", scheme_actions[SA_VERSION].name,
	    sc->in_use ? "此方案已被考评轮次使用，不能修改。需要调整时，新建"
	    "版本（复制为下一版本后修改），已使用的版本保持不变。" :
	    "新建版本：复制为下一版本，原版本保持不变。");
	if (!sc->in_use) {
		buf_add(b, "<h2>修改方案</h2>\n");
		if (f == NULL) {
			sform_from_scheme(&g, sc);
			f = &g;
		}
		scheme_form(b, s, f, action, "保存修改");
	}
	html_end(r);
}

/* The scheme of path segment v, of the user's district: 0, or -1 after
 * answering 404 or the failure. */
static int
scheme_load(struct req *r, const struct staff *s, const struct vvalue *v,
    struct db_as_scheme *sc)
{
	int		 rc;

	rc = v->error != NULL || !v->present ? DB_NOTFOUND :
	    db_as_scheme_get(r->db, (int)v->i, sc);
	if (rc == DB_OK && sc->district_id != s->u.scope.id[0])
		rc = DB_NOTFOUND;
	if (rc == DB_NOTFOUND)
		staff_not_found(r);
	else if (rc != DB_OK)
		http_db_error(r, rc);
	return rc == DB_OK ? 0 : -1;
}

/* GET /assess/schemes/{id} */
void
page_as_scheme(struct req *r)
{
	struct staff	 s;
	struct db_as_scheme *sc;

	if (require_definer(r, &s) == -1)
		return;
	if ((sc = malloc(sizeof(*sc))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if (scheme_load(r, &s, &r->v[0], sc) == 0)
		scheme_page(r, &s, sc, NULL, r->v[1].present ? "已保存。" :
		    NULL, 0);
	free(sc);
}

/*
 * POST /assess/schemes/{id}: save (400 with the form, 409 when in use:
 * nothing stored) or version (303 to the copy).
 */
void
page_as_scheme_post(struct req *r)
{
	struct staff	 s;
	struct db_as_scheme *sc, *nw = NULL;
	struct sform	 f;
	const char	*msg;
	int		 id = 0, rc;

	if (require_definer(r, &s) == -1)
		return;
	if (r->action < 0 || (sc = malloc(sizeof(*sc))) == NULL) {
		if (r->action < 0)
			http_error(r, 400, "无法处理", "未知的操作。");
		else
			http_db_error(r, DB_ERROR);
		return;
	}
	if (scheme_load(r, &s, &r->v[SP_ID], sc) == -1)
		goto out;
	if (r->action == SA_VERSION) {
		rc = db_as_scheme_copy(r->db, sc->id, &s.u, r->addr,
		    time(NULL), &id);
		if (rc != DB_OK) {
			http_db_error(r, rc);
			goto out;
		}
		to_scheme(r, id);
		goto out;
	}
	if ((nw = calloc(1, sizeof(*nw))) == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	sform_from_v(&f, r->av);
	if (sc->in_use) {
		r->status = 409;
		scheme_page(r, &s, sc, NULL, "此方案已被考评轮次使用，不能修改；"
		    "请新建版本后修改。未保存。", 1);
		goto out;
	}
	if (check_scheme(r->av, r->nabad != 0, nw, &msg) == 0) {
		nw->id = sc->id;
		nw->district_id = sc->district_id;
		nw->version = sc->version;
		if (save(r, &s, nw) != DB_CONFLICT)
			goto out;
		/* it came into use meanwhile, or the name is taken */
		if ((rc = db_as_scheme_get(r->db, sc->id, sc)) != DB_OK) {
			http_db_error(r, rc);
			goto out;
		}
		r->status = 409;
		scheme_page(r, &s, sc, &f, "方案已被他人修改或已投入使用，"
		    "未保存；请查看当前内容。", 1);
		goto out;
	}
	sform_from_v(&f, r->av);
	r->status = 400;
	scheme_page(r, &s, sc, &f, msg, 1);
out:
	free(nw);
	free(sc);
}

/* GET takes done=1 after a change. */
static const struct vfield list_fields[] = {
	{ "done", "", V_INT, false, 0, 1 },
};
static const struct vfield scheme_get_fields[] = {
	{ "*0", "方案", V_ID, true, 1, 2147483647 },
	{ "done", "", V_INT, false, 0, 1 },
};
VFORM(form_as_schemes, list_fields);
VFORM(form_as_schemes_post, scheme_fields);
VFORM(form_as_scheme, scheme_get_fields);
VFORM_ACTIONS(form_as_scheme_post, scheme_post_fields, scheme_actions);
