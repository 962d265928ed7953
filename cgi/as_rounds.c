/*
 * Assessment rounds (考评轮次, issue 22 point 2): /assess/rounds lists the
 * rounds a user may see and, for those who run rounds, makes one (a
 * scheme of the district, the user's home region, a period, the minimum
 * ballot turnout, those assessed ticked); /assess/rounds/{id} shows a
 * round: its state and the steps 草拟 → 进行中 → 已结束 → 已公布 (each a
 * POST carrying the version seen: 409 when stale), the table (live and
 * provisional until published, then read from the frozen tables alone),
 * the scores entered while open, and the ballot section.
 *
 * Who: street and district officials and admins run the rounds of
 * regions in their scope (AS_VIEW_ALL); staff below a round's region see
 * its published rows of their own scope (AS_VIEW_OWN) and may not act on
 * it (403); everything else answers 404.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "as_page.h"
#include "config.h"
#include "day.h"
#include "html.h"
#include "route.h"

#define MAX_ROUNDS	200
#define MAX_SCHEMES	200

/* GET /assess/rounds: the list; scheme= starts a new round's form. */
enum { LF_SCHEME, LF_DONE, LF__MAX };
static const struct vfield list_fields[LF__MAX] = {
	{ "scheme", "考评方案", V_ID, false, 1, 2147483647 },
	{ "done", "", V_INT, false, 0, 1 },
};

/* POST /assess/rounds: a new round. */
enum { NF_SCHEME, NF_NAME, NF_FROM, NF_TO, NF_TURNOUT, NF_TARGET, NF__MAX };
static const struct vfield new_fields[NF__MAX] = {
	{ "scheme", "考评方案", V_ID, true, 1, 2147483647 },
	{ "name", "轮次名称", V_TEXT, true, 1, AS_NAME_CHARS },
	{ "from", "考评期间开始", V_DATE, true },
	{ "to", "考评期间结束", V_DATE, true },
	{ "turnout", "最低参评率（%）", V_DECIMAL, true, 0, 100000000, NULL,
	    "请填写0到100之间的百分数" },
	{ "target", "考评对象", V_ID, true, 1, 2147483647, NULL, NULL,
	    "请至少勾选一个考评对象", true },
};

/* GET /assess/rounds/{id} */
enum { RF_ID, RF_DONE, RF__MAX };
static const struct vfield round_fields[RF__MAX] = {
	{ "*0", "轮次", V_ID, true, 1, 2147483647 },
	{ "done", "", V_INT, false, 0, 1 },
};

/* POST /assess/rounds/{id}: a step (with the version seen) or a score. */
enum { PF_ID, PF__MAX };
static const struct vfield post_fields[PF__MAX] = {
	{ "*0", "轮次", V_ID, true, 1, 2147483647 },
};
enum { MF_VERSION, MF__MAX };
static const struct vfield move_fields[MF__MAX] = {
	{ "version", "版本", V_INT, true, 0, 2147483647 },
};
enum { CF_IND, CF_TARGET, CF_POINTS, CF_NOTE, CF_EVIDENCE, CF__MAX };
static const struct vfield score_fields[CF__MAX] = {
	{ "indicator", "指标", V_ID, true, 1, 2147483647 },
	{ "target", "考评对象", V_ID, true, 1, 2147483647 },
	{ "points", "得分", V_DECIMAL, true, 0, 100000000, NULL,
	    "得分应为0到该项权重之间的数，最多两位小数" },
	{ "note", "打分理由", V_LONGTEXT, true, 1, AS_NOTE_CHARS, NULL, NULL,
	    "请写明打分理由" },
	{ "evidence", "依据", V_TEXT, true, 1, AS_EVIDENCE_CHARS, NULL, NULL,
	    "请写明依据（文件、走访记录、台账编号等）" },
};
enum { RA_OPEN, RA_CLOSE, RA_PUBLISH, RA_SCORE, RA__MAX };
static const struct vaction round_actions[RA__MAX] = {
	[RA_OPEN] = { "open", move_fields, MF__MAX },
	[RA_CLOSE] = { "close", move_fields, MF__MAX },
	[RA_PUBLISH] = { "publish", move_fields, MF__MAX },
	[RA_SCORE] = { "score", score_fields, CF__MAX },
};
/* Each step: the state it leaves, the one it reaches, its button. */
static const struct {
	enum round_state from, to;
	const char	*button, *explain;
} steps[RA_SCORE] = {
	[RA_OPEN] = { RND_DRAFT, RND_OPEN, "开始考评", "开始后方案锁定不能再"
	    "修改，可以打分和民主测评。" },
	[RA_CLOSE] = { RND_OPEN, RND_CLOSED, "结束考评", "结束后不能再打分，"
	    "测评停止。" },
	[RA_PUBLISH] = { RND_CLOSED, RND_PUBLISHED, "公布结果", "公布时冻结"
	    "每项指标的数值（含分子、分母和数据时间），之后的数据变化不影响"
	    "已公布结果。" },
};

/* ---- the list and the new round ---- */

static void
round_card(struct buf *b, const struct db_as_round *o)
{
	char		 period[64];

	as_period_txt(period, sizeof(period), o);
	buf_printf(b, "<li><a href=\"/assess/rounds/%d\"><strong>", o->id);
	html_txt(b, o->name);
	buf_add(b, "</strong> <span>");
	html_txt(b, o->region);
	buf_printf(b, " · %s · 考评%s</span> <span class=\"mark\">%s</span>"
	    "</a></li>\n", period, word_assess_target[o->target].label,
	    word_round[o->state].label);
}

/* A date field of the new round's form: typed (v), or dflt. */
static void
date_input(struct buf *b, const struct vvalue *v, int i, const char *dflt)
{
	const struct vfield *f = &new_fields[i];

	buf_printf(b, "</p>\n<p><label for=\"%s\">%s</label>\n", f->name,
	    f->label);
	if (v == NULL)
		buf_printf(b, "<input id=\"%s\" name=\"%s\" type=\"date\" "
		    "value=\"%s\">", f->name, f->name, dflt);
	else
		html_input(b, f->name, "type=\"date\"", &v[i]);
}

/* The new round's form for scheme sc: candidates ticked (v: typed). */
static int
new_form(struct req *r, const struct staff *s, const struct db_as_scheme *sc,
    const struct vvalue *v)
{
	struct buf	*b = &r->body;
	struct db_as_target *c = calloc(AS_TARGETS_MAX, sizeof(*c));
	size_t		 n = 0, i, pos;
	struct vvalue	 one;
	int		 rc, on;
	char		 y0[16], y1[16];

	rc = c == NULL ? DB_ERROR : db_as_candidates(r->db, s->u.region_id,
	    s->u.scope.level, (enum assess_target)sc->target, c,
	    AS_TARGETS_MAX, &n);
	if (rc != DB_OK) {
		free(c);
		return rc;
	}
	snprintf(y0, sizeof(y0), "%d-01-01", sc->year);
	snprintf(y1, sizeof(y1), "%d-12-31", sc->year);
	buf_add(b, "<form method=\"post\" action=\"/assess/rounds\" "
	    "class=\"card\">\n");
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"scheme\" value=\"%d\">"
	    "<p>方案：", sc->id);
	html_txt(b, sc->name);
	buf_printf(b, "（%d年度第%d版，考评%s）· 考评单位：", sc->year,
	    sc->version, word_assess_target[sc->target].label);
	html_txt(b, s->u.region_name);
	buf_add(b, "</p>\n<p><label for=\"name\">轮次名称</label>\n");
	html_input(b, "name", "type=\"text\" required", v ? &v[NF_NAME] : NULL);
	date_input(b, v, NF_FROM, y0);
	date_input(b, v, NF_TO, y1);
	buf_add(b, "</p>\n<p><label for=\"turnout\">民主测评最低参评率（%）"
	    "</label>\n");
	if (v == NULL)
		buf_add(b, "<input id=\"turnout\" name=\"turnout\" "
		    "inputmode=\"decimal\" value=\"50\">");
	else
		html_input(b, "turnout", "inputmode=\"decimal\"",
		    &v[NF_TURNOUT]);
	buf_add(b, "</p>\n<fieldset><legend>考评对象</legend>\n");
	if (n == 0)
		buf_add(b, "<p class=\"muted\">本单位范围内没有可考评的对象。"
		    "</p>\n");
	for (i = 0; i < n; i++) {
		on = v == NULL;
		for (pos = 0; v != NULL && valid_next(r, &new_fields[NF_TARGET],
		    &pos, &one) == 0;)
			if (one.i == c[i].id)
				on = 1;
		buf_printf(b, "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"target\" value=\"%d\"%s> ", c[i].id, on ?
		    " checked" : "");
		html_txt(b, c[i].name);
		buf_add(b, "</label><br>\n");
	}
	html_field_error(b, v ? &v[NF_TARGET] : NULL);
	buf_add(b, "</fieldset>\n<p><button class=\"button\" type=\"submit\">"
	    "创建轮次（草拟）</button></p></form>\n");
	free(c);
	return DB_OK;
}

/* The list page; the new round's form for scheme_id (0: the choice). */
static void
list_page(struct req *r, const struct staff *s, int scheme_id,
    const struct vvalue *v, const char *msg, int bad)
{
	struct buf	*b = &r->body;
	struct db_as_round *l = calloc(MAX_ROUNDS, sizeof(*l));
	struct db_as_scheme *sc = calloc(MAX_SCHEMES, sizeof(*sc));
	size_t		 n = 0, ns = 0, i;
	int		 rc, runner = (ROLE_BIT(s->u.role) & AS_RUNNERS) &&
			    s->u.scope.level <= REGION_STREET;

	rc = l == NULL || sc == NULL ? DB_ERROR :
	    db_as_rounds(r->db, &s->u.scope, l, MAX_ROUNDS, &n);
	if (rc == DB_OK && runner)
		rc = db_as_schemes(r->db, s->u.scope.id[0], sc, MAX_SCHEMES,
		    &ns);
	if (rc != DB_OK)
		goto fail;
	staff_begin(r, s, "考评轮次");
	buf_add(b, "<p class=\"crumbs\"><a href=\"/assess\">考评</a></p>\n"
	    "<h1>考评轮次</h1>\n");
	html_notice(b, msg, bad);
	if (n == 0)
		buf_add(b, "<p class=\"muted\">还没有可查看的考评轮次。</p>\n");
	buf_add(b, "<ul class=\"picks\">\n");
	for (i = 0; i < n; i++)
		if (l[i].state == RND_PUBLISHED || (runner &&
		    db_in_scope(&s->u.scope, l[i].anc)))
			round_card(b, &l[i]);
	buf_add(b, "</ul>\n<p id=\"ballot\" class=\"muted\">民主测评在各轮次"
	    "页面的“民主测评”一节：发放测评码、查看参评率。</p>\n");
	if (!runner)
		goto end;
	buf_add(b, "<h2>新建轮次</h2>\n");
	for (i = 0; i < ns && scheme_id != 0; i++)
		if (sc[i].id == scheme_id)
			break;
	if (scheme_id != 0 && i < ns) {
		if ((rc = new_form(r, s, &sc[i], v)) != DB_OK)
			goto fail;
		goto end;
	}
	buf_add(b, "<form method=\"get\" action=\"/assess/rounds\" "
	    "class=\"card\"><p><label for=\"scheme\">考评方案</label>\n"
	    "<select id=\"scheme\" name=\"scheme\">");
	for (i = 0; i < ns; i++) {
		buf_printf(b, "<option value=\"%d\">", sc[i].id);
		html_txt(b, sc[i].name);
		buf_printf(b, "（%d年度第%d版，%s）</option>", sc[i].year,
		    sc[i].version, word_assess_target[sc[i].target].label);
	}
	buf_add(b, "</select></p><p><button class=\"button\" type=\"submit\">"
	    "下一步：选择考评对象</button></p></form>\n");
end:
	html_end(r);
	free(l);
	free(sc);
	return;
fail:
	free(l);
	free(sc);
	buf_reset(&r->body);
	http_db_error(r, rc);
}

/* GET /assess/rounds */
void
page_as_rounds(struct req *r)
{
	struct staff	 s;

	if (auth_require(r, AS_ROLES, &s) == -1)
		return;
	list_page(r, &s, r->v[LF_SCHEME].error == NULL &&
	    r->v[LF_SCHEME].present ? (int)r->v[LF_SCHEME].i : 0, NULL,
	    r->v[LF_DONE].present ? "已保存。" : NULL, 0);
}

/*
 * The checks of a new round beyond the fields': the scheme of the
 * user's district, the period's order, those ticked among the
 * candidates (into ids, *n).  A db_rc; v marked and *bad set when wrong.
 */
static int
check_round(struct req *r, const struct staff *s, struct vvalue *v,
    struct db_as_scheme *sc, int *ids, size_t *n, int *bad)
{
	struct db_as_target *c;
	struct vvalue	 one;
	size_t		 nc = 0, pos = 0, i;
	int		 rc;

	*n = 0;
	if (v[NF_SCHEME].error != NULL)
		return DB_OK;
	rc = db_as_scheme_get(r->db, (int)v[NF_SCHEME].i, sc);
	if (rc == DB_OK && sc->district_id != s->u.scope.id[0])
		rc = DB_NOTFOUND;
	if (rc == DB_NOTFOUND) {
		v[NF_SCHEME].error = "没有这个考评方案";
		*bad = 1;
		return DB_OK;
	}
	if (rc != DB_OK)
		return rc;
	if (!v[NF_FROM].error && !v[NF_TO].error &&
	    v[NF_TO].i < v[NF_FROM].i) {
		v[NF_TO].error = "结束日期不能早于开始日期";
		*bad = 1;
	}
	if ((c = calloc(AS_TARGETS_MAX, sizeof(*c))) == NULL)
		return DB_ERROR;
	rc = db_as_candidates(r->db, s->u.region_id, s->u.scope.level,
	    (enum assess_target)sc->target, c, AS_TARGETS_MAX, &nc);
	while (rc == DB_OK && valid_next(r, &new_fields[NF_TARGET], &pos,
	    &one) == 0 && *n < AS_TARGETS_MAX) {
		for (i = 0; i < nc && c[i].id != one.i; i++)
			continue;
		if (i == nc) {
			v[NF_TARGET].error = "所选对象不在本单位考评范围内";
			*bad = 1;
		} else
			ids[(*n)++] = c[i].id;
	}
	free(c);
	return rc;
}

/* POST /assess/rounds: a new draft round; 303 to it, or 400. */
void
page_as_rounds_post(struct req *r)
{
	struct staff	 s;
	struct db_as_scheme *sc = NULL;
	struct db_as_round o;
	int		 ids[AS_TARGETS_MAX], bad = r->nbad != 0, id = 0, rc;
	size_t		 n = 0;
	char		 to[64];

	if (auth_require(r, AS_RUNNERS, &s) == -1)
		return;
	if (s.u.scope.level > REGION_STREET) {
		staff_not_found(r);
		return;
	}
	if ((sc = malloc(sizeof(*sc))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	rc = check_round(r, &s, r->v, sc, ids, &n, &bad);
	if (rc == DB_OK && !bad) {
		memset(&o, 0, sizeof(o));
		o.scheme_id = sc->id;
		o.region_id = s.u.region_id;
		snprintf(o.name, sizeof(o.name), "%s", r->v[NF_NAME].s);
		o.from = (int)r->v[NF_FROM].i;
		o.to = (int)r->v[NF_TO].i;
		o.min_turnout_tt = (int)(r->v[NF_TURNOUT].i / 10000);
		rc = db_as_round_create(r->db, &o, ids, n, &s.u, r->addr,
		    time(NULL), &id);
	}
	if (rc != DB_OK)
		http_db_error(r, rc);
	else if (bad) {
		r->status = 400;
		list_page(r, &s, r->v[NF_SCHEME].error ? 0 :
		    (int)r->v[NF_SCHEME].i, r->v, "请按提示修改后重新提交。", 1);
	} else {
		snprintf(to, sizeof(to), "/assess/rounds/%d?done=1", id);
		r->status = 303;
		http_header(r, "Location", to);
	}
	free(sc);
}

/* ---- one round ---- */

/* A score typed into a form that came back (400, 409). */
struct typed {
	int		 ind, target;
	const struct vvalue *v;		/* score_fields */
};

/* The results table of t, rows in rank order, those s may see. */
static void
result_table(struct buf *b, const struct staff *s, enum as_view view,
    const struct db_as_table *t)
{
	size_t		 order[AS_TARGETS_MAX], j, i, k;
	char		 pts[32], val[96], w[32];

	as_rank_order(t, order);
	buf_add(b, "<div class=\"scroll\"><table><tr><th>考评对象</th>"
	    "<th>名次</th><th>总分</th>");
	for (k = 0; k < t->scheme.nind; k++) {
		buf_add(b, "<th>");
		html_txt(b, t->scheme.ind[k].name);
		as_points_txt(w, sizeof(w), t->scheme.ind[k].weight_c);
		buf_printf(b, "<br><span class=\"muted\">%s · 满分%s</span></th>",
		    word_assess_source[t->scheme.ind[k].source].label, w);
	}
	buf_add(b, "</tr>\n");
	for (j = 0; j < t->n; j++) {
		i = order[j];
		if (!as_row_visible(s, view, t, i))
			continue;
		buf_add(b, "<tr><th>");
		html_txt(b, t->t[i].name);
		if (t->tot[i].few)
			buf_add(b, " <span class=\"mark warn\">样本不足</span>");
		as_points_txt(pts, sizeof(pts), t->tot[i].points_c);
		buf_printf(b, "</th><td>%d</td><td><strong>%s</strong></td>",
		    t->tot[i].rank, pts);
		for (k = 0; k < t->scheme.nind; k++) {
			as_points_txt(pts, sizeof(pts), t->res[i][k].points_c);
			as_value_txt(val, sizeof(val), &t->scheme.ind[k],
			    &t->res[i][k]);
			buf_printf(b, "<td>%s<br><span class=\"muted\">", pts);
			html_txt(b, val);
			buf_add(b, "</span></td>");
		}
		buf_add(b, "</tr>\n");
	}
	buf_add(b, "</table></div>\n");
}

/* The forms of the scores (round open): one per score indicator and
 * target, the stored or typed score in it. */
static int
score_forms(struct req *r, const struct staff *s, const struct db_as_table *t,
    const struct typed *ty)
{
	struct buf	*b = &r->body;
	struct db_as_score *sc;
	const struct db_as_score *have;
	const struct db_as_ind *ind;
	size_t		 max = AS_TARGETS_MAX * AS_IND_MAX, n = 0, i, k, j;
	char		 w[32], id[32];
	int		 rc, mine;

	if ((sc = calloc(max, sizeof(*sc))) == NULL)
		return DB_ERROR;
	if ((rc = db_as_scores(r->db, t->round.id, sc, max, &n)) != DB_OK) {
		free(sc);
		return rc;
	}
	buf_add(b, "<h2 id=\"scores\">考评打分</h2>\n<p class=\"muted\">进行中"
	    "可以打分和修改，每次打分和修改都记入操作日志；须写明理由和依据。"
	    "</p>\n");
	for (k = 0; k < t->scheme.nind; k++) {
		ind = &t->scheme.ind[k];
		if (ind->source != AS_SCORE)
			continue;
		as_points_txt(w, sizeof(w), ind->weight_c);
		buf_printf(b, "<details class=\"card\"%s><summary>", ty &&
		    ty->ind == ind->id ? " open" : "");
		html_txt(b, ind->name);
		buf_printf(b, "（满分%s）</summary>\n", w);
		for (i = 0; i < t->n; i++) {
			for (have = NULL, j = 0; j < n; j++)
				if (sc[j].indicator_id == ind->id &&
				    sc[j].target_id == t->t[i].id)
					have = &sc[j];
			mine = ty && ty->ind == ind->id &&
			    ty->target == t->t[i].id;
			buf_printf(b, "<form method=\"post\" action=\""
			    "/assess/rounds/%d\" class=\"act\">", t->round.id);
			auth_csrf_field(b, s);
			buf_printf(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"score\"><input type=\"hidden\" name=\""
			    "indicator\" value=\"%d\"><input type=\"hidden\" "
			    "name=\"target\" value=\"%d\"><h3>", ind->id,
			    t->t[i].id);
			html_txt(b, t->t[i].name);
			buf_printf(b, "%s</h3>\n", have ? "" : "（未打分）");
			snprintf(id, sizeof(id), "p%d-%d", ind->id, t->t[i].id);
			buf_printf(b, "<p><label for=\"%s\">得分（0–%s）</label>"
			    "<input id=\"%s\" name=\"points\" inputmode=\""
			    "decimal\" value=\"", id, w, id);
			if (mine)
				html_attr(b, ty->v[CF_POINTS].s ?
				    ty->v[CF_POINTS].s : "");
			else if (have) {
				as_points_txt(w, sizeof(w), have->points_c);
				buf_add(b, w);
				as_points_txt(w, sizeof(w), ind->weight_c);
			}
			buf_add(b, "\">");
			html_field_error(b, mine ? &ty->v[CF_POINTS] : NULL);
			buf_printf(b, "</p><p><label for=\"n%s\">打分理由</label>"
			    "<textarea id=\"n%s\" name=\"note\" rows=\"2\">",
			    id, id);
			html_txt(b, mine ? (ty->v[CF_NOTE].s ? ty->v[CF_NOTE].s :
			    "") : have ? have->note : "");
			buf_add(b, "</textarea>");
			html_field_error(b, mine ? &ty->v[CF_NOTE] : NULL);
			buf_printf(b, "</p><p><label for=\"e%s\">依据</label>"
			    "<input id=\"e%s\" name=\"evidence\" value=\"", id,
			    id);
			html_attr(b, mine ? (ty->v[CF_EVIDENCE].s ?
			    ty->v[CF_EVIDENCE].s : "") : have ? have->evidence :
			    "");
			buf_add(b, "\">");
			html_field_error(b, mine ? &ty->v[CF_EVIDENCE] : NULL);
			buf_add(b, "</p><p><button type=\"submit\" class=\""
			    "button\">保存得分</button></p></form>\n");
		}
		buf_add(b, "</details>\n");
	}
	free(sc);
	return DB_OK;
}

/* The ballot section: turnout per target (live), the flags (frozen). */
static void
ballot_section(struct buf *b, const struct db_as_table *t, enum as_view view)
{
	size_t		 i, k, nb = 0;
	char		 tt[32];

	for (k = 0; k < t->scheme.nind; k++)
		nb += t->scheme.ind[k].source == AS_BALLOT;
	buf_add(b, "<h2 id=\"ballot\">民主测评</h2>\n");
	if (nb == 0) {
		buf_add(b, "<p class=\"muted\">本方案没有民主测评指标。</p>\n");
		return;
	}
	as_points_txt(tt, sizeof(tt), t->round.min_turnout_tt);
	buf_printf(b, "<p class=\"muted\">参评率 = 已使用的测评码 ÷ 发放的测评"
	    "码；低于 %s%% 时该项记“参评率不足”，不显示数值，得0分。测评码的"
	    "发放和投票在<a href=\"/assess/rounds/%d/ballots\">测评码页面</a>。"
	    "</p>\n", tt, t->round.id);
	if (t->frozen || view != AS_VIEW_ALL)
		return;
	buf_add(b, "<div class=\"scroll\"><table><tr><th>考评对象</th><th>发放"
	    "</th><th>已用</th><th>参评率</th></tr>\n");
	for (i = 0; i < t->n; i++) {
		buf_add(b, "<tr><th>");
		html_txt(b, t->t[i].name);
		if (t->tot[i].issued > 0) {
			long long pm = (t->tot[i].spent * 1000 +
			    t->tot[i].issued / 2) / t->tot[i].issued;
			buf_printf(b, "</th><td>%lld</td><td>%lld</td><td>"
			    "%lld.%lld%%%s</td></tr>\n", t->tot[i].issued,
			    t->tot[i].spent, pm / 10, pm % 10,
			    t->tot[i].spent * 10000 < (long long)
			    t->round.min_turnout_tt * t->tot[i].issued ?
			    " 参评率不足" : "");
		} else
			buf_add(b, "</th><td>0</td><td>0</td><td>未发放</td>"
			    "</tr>\n");
	}
	buf_add(b, "</table></div>\n");
}

/* The round's page (status r->status), with msg and a typed score. */
static void
round_page(struct req *r, const struct staff *s, const struct db_as_round *o,
    enum as_view view, const char *msg, int bad, const struct typed *ty)
{
	struct buf	*b = &r->body;
	struct db_as_table *t;
	char		 period[64], note[160], tt[32];
	int		 k, rc;

	if ((t = as_table_load(r, o)) == NULL)
		return;
	as_period_txt(period, sizeof(period), o);
	staff_begin(r, s, o->name);
	buf_add(b, "<p class=\"crumbs\"><a href=\"/assess\">考评</a>"
	    "<a href=\"/assess/rounds\">考评轮次</a></p>\n<h1>");
	html_txt(b, o->name);
	buf_printf(b, "</h1>\n<p><span class=\"mark\">%s</span> ",
	    word_round[o->state].label);
	html_txt(b, o->region);
	buf_printf(b, " · 考评%s · %s · 方案：", word_assess_target[o->target].
	    label, period);
	html_txt(b, o->scheme);
	as_points_txt(tt, sizeof(tt), o->min_turnout_tt);
	buf_printf(b, "（%d年度第%d版）· 最低参评率 %s%%</p>\n", o->scheme_year,
	    o->scheme_version, tt);
	html_notice(b, msg, bad);
	if (ty != NULL && o->state != RND_OPEN) {
		/* a score posted too late: what was typed, kept */
		buf_add(b, "<div class=\"card\"><p>您填写的得分未保存：</p><p>");
		html_txt(b, ty->v[CF_POINTS].s ? ty->v[CF_POINTS].s : "");
		buf_add(b, "</p><p>");
		html_txt(b, ty->v[CF_NOTE].s ? ty->v[CF_NOTE].s : "");
		buf_add(b, "</p><p>");
		html_txt(b, ty->v[CF_EVIDENCE].s ? ty->v[CF_EVIDENCE].s : "");
		buf_add(b, "</p></div>\n");
	}
	as_round_links(b, o, view);
	for (k = 0; view == AS_VIEW_ALL && k < RA_SCORE; k++) {
		if ((int)steps[k].from != o->state)
			continue;
		buf_printf(b, "<form method=\"post\" action=\"/assess/rounds/%d\""
		    " class=\"card\">", o->id);
		auth_csrf_field(b, s);
		buf_printf(b, "<input type=\"hidden\" name=\"action\" value=\""
		    "%s\"><input type=\"hidden\" name=\"version\" value=\""
		    "%lld\"><p class=\"muted\">%s</p><p><button class=\"button\""
		    " type=\"submit\">%s</button></p></form>\n",
		    round_actions[k].name, o->version, steps[k].explain,
		    steps[k].button);
	}
	as_table_note(note, sizeof(note), t);
	buf_printf(b, "<h2>考评结果</h2>\n<p class=\"%s\">%s</p>\n", t->frozen ?
	    "notice-ok" : "notice-bad", note);
	result_table(b, s, view, t);
	buf_add(b, "<p class=\"muted\">" AS_POINTS_RULE " 排名：" AS_TIE_RULE
	    "</p>\n");
	if (view == AS_VIEW_ALL && o->state == RND_OPEN &&
	    (rc = score_forms(r, s, t, ty)) != DB_OK) {
		free(t);
		buf_reset(&r->body);
		http_db_error(r, rc);
		return;
	}
	ballot_section(b, t, view);
	html_end(r);
	free(t);
}

/* GET /assess/rounds/{id} */
void
page_as_round(struct req *r)
{
	struct staff	 s;
	struct db_as_round o;
	enum as_view	 view;

	if (auth_require(r, AS_ROLES, &s) == -1)
		return;
	if (as_round_load(r, &s, r->v[RF_ID].error ? 0 : r->v[RF_ID].i, &o,
	    &view) == -1)
		return;
	round_page(r, &s, &o, view, r->v[RF_DONE].present ? "已保存。" : NULL,
	    0, NULL);
}

/* A score posted: 0 done, else the status answered with the page. */
static int
post_score(struct req *r, const struct staff *s, const struct db_as_round *o,
    struct typed *ty)
{
	struct vvalue	*v = r->av;
	struct db_as_scheme *sc;
	struct db_as_target *tg;
	struct db_as_score one;
	const struct db_as_ind *ind = NULL;
	size_t		 k, n = 0;
	int		 rc, found = 0;
	char		 obj[256];

	ty->ind = v[CF_IND].error ? 0 : (int)v[CF_IND].i;
	ty->target = v[CF_TARGET].error ? 0 : (int)v[CF_TARGET].i;
	ty->v = v;
	sc = malloc(sizeof(*sc));
	tg = calloc(AS_TARGETS_MAX, sizeof(*tg));
	rc = sc == NULL || tg == NULL ? DB_ERROR :
	    db_as_scheme_get(r->db, o->scheme_id, sc);
	if (rc == DB_OK)
		rc = db_as_targets(r->db, o, tg, AS_TARGETS_MAX, &n);
	if (rc != DB_OK)
		goto out;
	for (k = 0; k < sc->nind; k++)
		if (sc->ind[k].id == ty->ind && sc->ind[k].source == AS_SCORE)
			ind = &sc->ind[k];
	for (k = 0; k < n; k++)
		if (tg[k].id == ty->target) {
			found = 1;
			snprintf(obj, sizeof(obj), "%s", tg[k].name);
		}
	if (ind == NULL || !found) {
		rc = 404;
		goto out;
	}
	if (!v[CF_POINTS].error && (v[CF_POINTS].i % 10000 ||
	    v[CF_POINTS].i / 10000 > ind->weight_c))
		v[CF_POINTS].error = "得分应为0到该项权重之间的数，最多两位小数";
	for (k = 0; k < CF__MAX; k++)
		if (v[k].error != NULL)
			rc = 400;
	if (rc != DB_OK)
		goto out;
	memset(&one, 0, sizeof(one));
	one.indicator_id = ind->id;
	one.target_id = ty->target;
	one.points_c = v[CF_POINTS].i / 10000;
	snprintf(one.note, sizeof(one.note), "%s", v[CF_NOTE].s);
	snprintf(one.evidence, sizeof(one.evidence), "%s", v[CF_EVIDENCE].s);
	rc = db_as_score_set(r->db, o->id, &one, &s->u, obj, r->addr,
	    time(NULL));
	if (rc == DB_CONFLICT)
		rc = 409;
out:
	free(sc);
	free(tg);
	return rc;
}

/*
 * POST /assess/rounds/{id}: a step (303; 409 when the version or state
 * is stale) or a score (303; 400 bad, 409 not open).  403 for staff who
 * only see the round's published rows; 404 for a round not to be seen.
 */
void
page_as_round_post(struct req *r)
{
	struct staff	 s;
	struct db_as_round o;
	struct db_as_table *t;
	struct typed	 ty = { 0 };
	enum as_view	 view;
	char		 to[64];
	int		 rc;

	if (auth_require(r, AS_ROLES, &s) == -1)
		return;
	if (as_round_load(r, &s, r->v[PF_ID].error ? 0 : r->v[PF_ID].i, &o,
	    &view) == -1)
		return;
	if (view != AS_VIEW_ALL || !(ROLE_BIT(s.u.role) & AS_RUNNERS)) {
		http_error(r, 403, "无权操作", "只有考评单位可以操作考评轮次。");
		return;
	}
	if (r->action < 0) {
		http_error(r, 400, "无法处理", "未知的操作。");
		return;
	}
	if (r->action == RA_SCORE) {
		rc = post_score(r, &s, &o, &ty);
		if (rc == 404) {
			staff_not_found(r);
			return;
		}
	} else if (r->nabad != 0 || r->av[MF_VERSION].i != o.version ||
	    o.state != (int)steps[r->action].from)
		rc = 409;
	else if (r->action == RA_PUBLISH) {
		if ((t = malloc(sizeof(*t))) == NULL)
			rc = DB_ERROR;
		else
			rc = db_as_publish(r->db, &o, time(NULL),
			    r->cfg->report_valid_days, &s.u, r->addr, t);
		free(t);
	} else
		rc = db_as_round_move(r->db, &o, steps[r->action].from,
		    steps[r->action].to, &s.u, r->addr, time(NULL));
	if (rc == DB_CONFLICT)
		rc = 409;
	if (rc == DB_OK) {
		snprintf(to, sizeof(to), "/assess/rounds/%d?done=1", o.id);
		r->status = 303;
		http_header(r, "Location", to);
		return;
	}
	if (rc != 400 && rc != 409) {
		http_db_error(r, rc);
		return;
	}
	/* The round as it is now. */
	if ((rc = db_as_round_get(r->db, o.id, &o)) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	r->status = (r->action != RA_SCORE || o.state != RND_OPEN) ? 409 : 400;
	round_page(r, &s, &o, view, r->status == 409 ?
	    "轮次已被他人更新或状态已变化，操作未执行；以下是当前状态。" :
	    "请按提示修改后重新提交。", 1, ty.v ? &ty : NULL);
}

VFORM(form_as_rounds, list_fields);
VFORM(form_as_rounds_post, new_fields);
VFORM(form_as_round, round_fields);
VFORM_ACTIONS(form_as_round_post, post_fields, round_actions);
