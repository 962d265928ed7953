/*
 * Democratic ballots (民主测评), the staff's side: /assess/ballots lists
 * the rounds with ballot items a user may see; /assess/rounds/{id}/ballots
 * shows a round's items, the turnout per target (codes spent ÷ issued)
 * and, once the round is closed, the results per target and item; the
 * assessing level issues one-time codes there while the round is open
 * (进行中).  The codes are shown once, in the answer to the POST, as
 * printable slips with a form that turns the same batch into a CSV
 * (/assess/rounds/{id}/ballots/csv, which checks every code against the
 * batch's hashes): the database keeps only hashes.  Voting is cgi/vote.c.
 *
 * Who: the assessing level manages a round (issues codes, sees turnout
 * and, after closing, results): a street or district official of the
 * round's own region, or an admin whose scope holds it.  Once the round
 * is published (已公布), staff in the region see the turnout and results
 * of those assessed in their own scope.  Anyone else gets 404.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "ballots.h"
#include "config.h"
#include "html.h"
#include "route.h"
#include "sheet.h"
#include "staff.h"
#include "valid.h"

#define MAX_ROUNDS	200
#define MAX_TARGETS	1000
#define MAX_TALLIES	(MAX_TARGETS * BALLOT_MAX_ITEMS * RATE__MAX)
#define PER_TARGET_MAX	500	/* codes per target in one batch */
#define BATCH_MAX	1000	/* codes in one batch */

enum access { ACC_NONE, ACC_VIEW, ACC_MANAGE };

/* What the user may do with round x (see the top of the file). */
static enum access
round_access(const struct staff *s, const struct db_ballot_round *x)
{
	const struct db_user *u = &s->u;

	if (u->role == ROLE_ADMIN ? db_in_scope(&u->scope, x->ids) :
	    (u->role == ROLE_DISTRICT || u->role == ROLE_STREET) &&
	    u->region_id == x->region_id)
		return ACC_MANAGE;
	if (x->state != RND_PUBLISHED)
		return ACC_NONE;
	if (db_in_scope(&u->scope, x->ids))
		return ACC_VIEW;
	if (x->level >= 1 && x->level < u->scope.level &&
	    u->scope.id[x->level - 1] == x->region_id)
		return ACC_VIEW;
	return ACC_NONE;
}

/* May results (tallies) be shown: after the round is closed. */
static int
results_shown(const struct db_ballot_round *x)
{
	return x->state == RND_CLOSED || x->state == RND_PUBLISHED;
}

/* "93.5%" of num ÷ den, "—" when den is 0. */
static void
pct(struct buf *b, long long num, long long den)
{
	if (den <= 0)
		buf_add(b, "—");
	else
		buf_printf(b, "%.1f%%", 100.0 * (double)num / (double)den);
}

/* ---- /assess/ballots ---- */

void
page_as_ballots(struct req *r)
{
	struct staff	 s;
	struct db_ballot_round *x;
	struct buf	*b = &r->body;
	size_t		 n = 0, i, shown = 0;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if ((x = calloc(MAX_ROUNDS, sizeof(*x))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = db_ballot_rounds(r->db, &s.u, x, MAX_ROUNDS, &n)) != DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	staff_begin(r, &s, "民主测评");
	buf_add(b, "<p class=\"crumbs\"><a href=\"/assess\">考评</a></p>\n"
	    "<h1>民主测评</h1>\n<p class=\"muted\">考评轮次进行中，由考评"
	    "单位为每个测评对象发放一次性测评码；群众代表在 /vote 凭码无记名"
	    "投票。轮次结束后显示结果。</p>\n");
	for (i = 0; i < n; i++) {
		if (round_access(&s, &x[i]) == ACC_NONE)
			continue;
		if (shown++ == 0)
			buf_add(b, "<ul class=\"rounds\">\n");
		buf_printf(b, "<li class=\"card\"><a href=\"/assess/rounds/%d/"
		    "ballots\"><strong>", x[i].id);
		html_txt(b, x[i].name);
		buf_add(b, "</strong></a><br><span class=\"muted\">");
		html_txt(b, x[i].region);
		buf_add(b, " · ");
		html_txt(b, word_assess_target[x[i].target].label);
		buf_add(b, " · ");
		html_txt(b, word_round[x[i].state].label);
		buf_add(b, "</span></li>\n");
	}
	if (shown > 0)
		buf_add(b, "</ul>\n");
	else
		buf_add(b, "<p class=\"muted\">没有可查看的民主测评。</p>\n");
	html_end(r);
out:
	free(x);
}

/* ---- /assess/rounds/{id}/ballots ---- */

enum { BF_ID, BF_TARGET, BF_COUNT, BF_ISSUED, BF__MAX };
static const struct vfield ballot_fields[BF__MAX] = {
	{ "*0", "轮次", V_ID, true, 1, INT_MAX },		/* BF_ID */
	{ "target", "测评对象", V_INT, false, 0, INT_MAX, NULL,	/* BF_TARGET */
	    "请选择测评对象。" },
	{ "count", "每个对象发放数量", V_INT, false, 1,		/* BF_COUNT */
	    PER_TARGET_MAX, NULL, "每个对象发放 1 至 500 个。",
	    "请填写发放数量。" },
	{ "issued", "已发放", V_INT, false, 0, LLONG_MAX },	/* BF_ISSUED */
};

/* What a round's page shows, loaded at once. */
struct view {
	struct db_ballot_round	 x;
	struct db_ballot_item	 items[BALLOT_MAX_ITEMS + 1];
	size_t			 nitems;
	struct db_ballot_target	*t;
	size_t			 nt;
	struct db_ballot_tally	*tl;
	size_t			 ntl;
	long long		 issued;	/* the round's codes */
	enum access		 acc;
};

static void
view_free(struct view *v)
{
	if (v == NULL)
		return;
	free(v->t);
	free(v->tl);
	free(v);
}

/*
 * The user's session and the round of the URL with what its page shows,
 * allocated (view_free); NULL after answering (login, 404 for a round
 * the user may not see, 503).
 */
static struct view *
view_open(struct req *r, struct staff *s, int vid)
{
	struct view	*v;
	size_t		 i;
	int		 rc;

	if (auth_require(r, ROLES_STAFF, s) == -1)
		return NULL;
	if ((v = calloc(1, sizeof(*v))) == NULL ||
	    (v->t = calloc(MAX_TARGETS + 1, sizeof(*v->t))) == NULL ||
	    (v->tl = calloc(MAX_TALLIES, sizeof(*v->tl))) == NULL) {
		view_free(v);
		http_db_error(r, DB_ERROR);
		return NULL;
	}
	rc = r->v[vid].error != NULL ? DB_NOTFOUND :
	    db_ballot_round(r->db, (int)r->v[vid].i, &v->x);
	if (rc == DB_OK && (v->acc = round_access(s, &v->x)) == ACC_NONE)
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		rc = db_ballot_items(r->db, v->x.scheme_id, v->items,
		    BALLOT_MAX_ITEMS + 1, &v->nitems);
	if (rc == DB_OK)
		rc = db_ballot_targets(r->db, v->x.id, v->t, MAX_TARGETS + 1,
		    &v->nt);
	if (rc == DB_OK && results_shown(&v->x))
		rc = db_ballot_tallies(r->db, v->x.id, v->tl, MAX_TALLIES,
		    &v->ntl);
	if (rc != DB_OK) {
		if (rc == DB_NOTFOUND)
			staff_not_found(r);
		else
			http_db_error(r, rc);
		view_free(v);
		return NULL;
	}
	if (v->nitems > BALLOT_MAX_ITEMS)
		v->nitems = BALLOT_MAX_ITEMS;
	if (v->nt > MAX_TARGETS)
		v->nt = MAX_TARGETS;
	for (i = 0; i < v->nt; i++)
		v->issued += v->t[i].issued;
	return v;
}

/* Is target t shown to the user: all for the managers, those in the
 * user's scope otherwise. */
static int
target_shown(const struct staff *s, const struct view *v,
    const struct db_ballot_target *t)
{
	return v->acc == ACC_MANAGE || db_in_scope(&s->u.scope, t->ids);
}

/* The votes of target for item and choice. */
static long long
votes_of(const struct view *v, int target, int item, int choice)
{
	size_t	 i;

	for (i = 0; i < v->ntl; i++)
		if (v->tl[i].target_id == target && v->tl[i].item_id == item &&
		    v->tl[i].choice == choice)
			return v->tl[i].votes;
	return 0;
}

static void
round_head(struct buf *b, const struct view *v)
{
	const struct db_ballot_round *x = &v->x;

	buf_printf(b, "<p class=\"crumbs\"><a href=\"/assess\">考评</a>"
	    "<a href=\"/assess/ballots\">民主测评</a><a href=\"/assess/"
	    "rounds/%d\">返回考评轮次</a></p>\n<h1>民主测评：", x->id);
	html_txt(b, x->name);
	buf_add(b, "</h1>\n<section><table class=\"details\">\n"
	    "<tr><th>考评方案</th><td>");
	html_txt(b, x->scheme);
	buf_add(b, "</td></tr>\n<tr><th>考评单位</th><td>");
	html_txt(b, x->region);
	buf_add(b, "</td></tr>\n<tr><th>测评对象</th><td>");
	html_txt(b, word_assess_target[x->target].label);
	buf_add(b, "</td></tr>\n<tr><th>考评期间</th><td>");
	html_txt(b, x->period_from);
	buf_add(b, " 至 ");
	html_txt(b, x->period_to);
	buf_add(b, "</td></tr>\n<tr><th>状态</th><td id=\"round-state\">");
	html_txt(b, word_round[x->state].label);
	buf_printf(b, "</td></tr>\n<tr><th>最低参评率</th><td>%.1f%%"
	    "</td></tr>\n</table></section>\n", x->min_turnout_bp / 100.0);
}

static void
items_section(struct buf *b, const struct view *v)
{
	size_t	 i;

	buf_add(b, "<section><h2>测评项目</h2>\n");
	if (v->nitems == 0) {
		buf_add(b, "<p class=\"muted\">本轮考评方案没有民主测评指标。"
		    "</p></section>\n");
		return;
	}
	buf_add(b, "<ol>\n");
	for (i = 0; i < v->nitems; i++) {
		buf_add(b, "<li>");
		html_txt(b, v->items[i].name);
		if (v->items[i].description[0]) {
			buf_add(b, "<br><span class=\"muted\">");
			html_txt(b, v->items[i].description);
			buf_add(b, "</span>");
		}
		buf_add(b, "</li>\n");
	}
	buf_add(b, "</ol>\n<p class=\"muted\">每项选择满意、基本满意或不满意；"
	    "满意率 =（满意 + 基本满意）÷ 投票数。参评率 = 已投票的测评码 ÷ "
	    "发放的测评码，低于最低参评率的对象不计结果（参评率不足）。"
	    "</p></section>\n");
}

static void
issue_form(struct req *r, const struct staff *s, const struct view *v)
{
	struct buf	*b = &r->body;
	const struct vvalue *c = &r->v[BF_COUNT];
	size_t		 i;

	buf_printf(b, "<form method=\"post\" action=\"/assess/rounds/%d/"
	    "ballots\" class=\"card act\">\n<h2>发放测评码</h2>\n", v->x.id);
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"issued\" value=\"%lld\">"
	    "\n<label for=\"target\">测评对象</label><select id=\"target\" "
	    "name=\"target\">\n<option value=\"0\">全部测评对象（共 %zu 个）"
	    "</option>\n", v->issued, v->nt);
	for (i = 0; i < v->nt; i++) {
		buf_printf(b, "<option value=\"%d\"%s>", v->t[i].id,
		    r->v[BF_TARGET].present && r->v[BF_TARGET].i ==
		    v->t[i].id ? " selected" : "");
		html_txt(b, v->t[i].name);
		buf_add(b, "</option>\n");
	}
	buf_add(b, "</select>\n");
	html_field_error(b, &r->v[BF_TARGET]);
	buf_add(b, "<label for=\"count\">每个对象发放数量</label>");
	html_input(b, "count", "type=\"number\" min=\"1\" max=\"500\" "
	    "inputmode=\"numeric\" required", c->present ? c : NULL);
	buf_printf(b, "<p class=\"muted\">一次最多发放 %d 个。测评码只在发放后"
	    "显示一次（可打印、可下载 CSV），系统只保存其摘要，无法再次查看。"
	    "</p>\n<button class=\"button\" type=\"submit\">发放并打印</button>"
	    "</form>\n", BATCH_MAX);
}

static void
turnout_section(struct buf *b, const struct staff *s, const struct view *v)
{
	size_t	 i;
	int	 low;

	buf_add(b, "<section><h2>参评情况</h2>\n");
	if (v->nt == 0) {
		buf_add(b, "<p class=\"muted\">本轮没有测评对象。</p></section>"
		    "\n");
		return;
	}
	buf_add(b, "<table id=\"turnout\">\n<tr><th>测评对象</th>"
	    "<th class=\"num\">发放</th><th class=\"num\">已投票</th>"
	    "<th class=\"num\">参评率</th></tr>\n");
	for (i = 0; i < v->nt; i++) {
		if (!target_shown(s, v, &v->t[i]))
			continue;
		low = ballot_insufficient(v->t[i].issued, v->t[i].spent,
		    v->x.min_turnout_bp);
		buf_printf(b, "<tr data-target=\"%d\"><td>", v->t[i].id);
		html_txt(b, v->t[i].name);
		buf_printf(b, "</td><td class=\"num\">%lld</td><td class="
		    "\"num\">%lld</td><td class=\"num\">", v->t[i].issued,
		    v->t[i].spent);
		pct(b, v->t[i].spent, v->t[i].issued);
		if (low && v->t[i].issued > 0)
			buf_add(b, " <span class=\"below\">低于最低参评率"
			    "</span>");
		buf_add(b, "</td></tr>\n");
	}
	buf_add(b, "</table></section>\n");
}

static void
results_section(struct buf *b, const struct staff *s, const struct view *v)
{
	const struct db_ballot_target *t;
	long long	 c[RATE__MAX], all;
	size_t		 i, k;
	int		 j;

	buf_add(b, "<section id=\"results\"><h2>测评结果</h2>\n");
	if (!results_shown(&v->x)) {
		buf_add(b, "<p class=\"muted\">测评结果在考评轮次结束后显示。"
		    "</p></section>\n");
		return;
	}
	if (v->nitems == 0) {
		buf_add(b, "<p class=\"muted\">—</p></section>\n");
		return;
	}
	for (i = 0; i < v->nt; i++) {
		t = &v->t[i];
		if (!target_shown(s, v, t))
			continue;
		buf_printf(b, "<div class=\"card\" data-target=\"%d\"><h3>",
		    t->id);
		html_txt(b, t->name);
		buf_add(b, "</h3>\n");
		if (ballot_insufficient(t->issued, t->spent,
		    v->x.min_turnout_bp)) {
			buf_printf(b, "<p class=\"insufficient\"><strong>%s"
			    "</strong>（发放 %lld，已投票 %lld，参评率 ",
			    word_result_flag[RFLAG_INSUFFICIENT].label,
			    t->issued, t->spent);
			pct(b, t->spent, t->issued);
			buf_printf(b, "，最低 %.1f%%）：不计结果。</p></div>\n",
			    v->x.min_turnout_bp / 100.0);
			continue;
		}
		/* Each item's name on its own row, its counts below: four
		 * narrow columns that fit a phone. */
		buf_add(b, "<table class=\"votes\">\n<tr>");
		for (j = 0; j < RATE__MAX; j++)
			buf_printf(b, "<th class=\"num\">%s</th>",
			    word_rating[j].label);
		buf_add(b, "<th class=\"num\">满意率</th></tr>\n");
		for (k = 0; k < v->nitems; k++) {
			buf_add(b, "<tr class=\"item\"><th colspan=\"4\">");
			html_txt(b, v->items[k].name);
			buf_printf(b, "</th></tr>\n<tr data-item=\"%d\">",
			    v->items[k].id);
			for (all = 0, j = 0; j < RATE__MAX; j++) {
				c[j] = votes_of(v, t->id, v->items[k].id, j);
				all += c[j];
				buf_printf(b, "<td class=\"num\">%lld</td>",
				    c[j]);
			}
			buf_add(b, "<td class=\"num share\">");
			pct(b, c[RATE_SATISFIED] + c[RATE_BASICALLY], all);
			buf_add(b, "</td></tr>\n");
		}
		buf_add(b, "</table></div>\n");
	}
	buf_add(b, "</section>\n");
}

/* The round's page, with msg above (bad: an error) and the issue form
 * when the user manages the round and it is open. */
static void
round_page(struct req *r, const struct staff *s, const struct view *v,
    const char *msg, int bad)
{
	struct buf	*b = &r->body;

	staff_begin(r, s, "民主测评");
	round_head(b, v);
	html_notice(b, msg, bad);
	items_section(b, v);
	if (v->acc == ACC_MANAGE && v->x.state == RND_OPEN &&
	    v->nitems > 0 && v->nt > 0)
		issue_form(r, s, v);
	else if (v->acc == ACC_MANAGE && v->x.state == RND_DRAFT)
		buf_add(b, "<p class=\"muted\">轮次开始（进行中）后可发放测评码。"
		    "</p>\n");
	turnout_section(b, s, v);
	results_section(b, s, v);
	html_end(r);
}

/* GET /assess/rounds/{id}/ballots */
void
page_as_round_ballots(struct req *r)
{
	struct staff	 s;
	struct view	*v;

	if ((v = view_open(r, &s, BF_ID)) == NULL)
		return;
	round_page(r, &s, v, NULL, 0);
	view_free(v);
}

/* The slips of a batch just issued: shown this once. */
static void
slips_page(struct req *r, const struct staff *s, const struct view *v,
    int batch, const int *targets, size_t nt, int per,
    const char (*codes)[BALLOT_CODE_LEN + 1])
{
	struct buf	*b = &r->body;
	char		 g[BALLOT_GROUPED_LEN + 1], url[512];
	size_t		 i, k, j;

	snprintf(url, sizeof(url), "%s/vote", r->cfg->sms_link_base);
	staff_begin(r, s, "测评码");
	buf_printf(b, "<div class=\"noprint\"><p class=\"crumbs\"><a href=\""
	    "/assess/rounds/%d/ballots\">返回民主测评</a></p>\n<h1>测评码"
	    "（第 %d 批）</h1>\n<p class=\"notice-ok\">已发放 %zu 个测评码。"
	    "<strong>测评码只显示这一次</strong>：请现在打印（浏览器菜单"
	    "“打印”，每张沿虚线裁开）或下载 CSV；离开本页后无法再次查看。"
	    "</p>\n<form method=\"post\" action=\"/assess/rounds/%d/ballots/"
	    "csv\">\n", v->x.id, batch, nt * (size_t)per, v->x.id);
	auth_csrf_field(b, s);
	buf_printf(b, "<input type=\"hidden\" name=\"batch\" value=\"%d\">\n",
	    batch);
	for (i = 0; i < nt * (size_t)per; i++)
		buf_printf(b, "<input type=\"hidden\" name=\"code\" value="
		    "\"%s\">\n", codes[i]);
	buf_add(b, "<button class=\"button\" type=\"submit\">下载本批 CSV"
	    "</button></form></div>\n<div class=\"slips\">\n");
	for (i = 0; i < nt; i++) {
		const char *name = "";

		for (j = 0; j < v->nt; j++)
			if (v->t[j].id == targets[i])
				name = v->t[j].name;
		for (k = 0; k < (size_t)per; k++) {
			ballot_code_group(codes[i * (size_t)per + k], g);
			buf_add(b, "<div class=\"slip\"><p class=\"muted\">"
			    "民主测评 · ");
			html_txt(b, v->x.name);
			buf_add(b, "</p>\n<p>测评对象：<strong>");
			html_txt(b, name);
			buf_add(b, "</strong></p>\n<p class=\"muted\">测评项目：");
			for (j = 0; j < v->nitems; j++) {
				if (j > 0)
					buf_add(b, "、");
				html_txt(b, v->items[j].name);
			}
			buf_printf(b, "</p>\n<p>测评码 <span class=\"code\">"
			    "%s</span></p>\n<p>请打开 <strong>", g);
			html_txt(b, url);
			buf_add(b, "</strong> 输入测评码投票（无记名，每码限投"
			    "一次）。</p></div>\n");
		}
	}
	buf_add(b, "</div>\n");
	html_end(r);
}

/*
 * POST /assess/rounds/{id}/ballots: issue codes.  400 for a bad form,
 * 404 when the user does not manage the round, 409 when the round is
 * not open or its codes changed since the form was shown; 200 with the
 * slips when issued (shown once: not a redirect).
 */
void
page_as_round_ballots_post(struct req *r)
{
	struct staff	 s;
	struct view	*v;
	struct db_ballot_issue iss;
	char		(*codes)[BALLOT_CODE_LEN + 1] = NULL;
	int		*targets = NULL, batch = 0, rc, per;
	const char	*why = NULL;
	size_t		 nt = 0, i, total;

	if ((v = view_open(r, &s, BF_ID)) == NULL)
		return;
	if (v->acc != ACC_MANAGE) {
		staff_not_found(r);
		goto out;
	}
	if (v->x.state != RND_OPEN || v->nitems == 0) {
		r->status = 409;
		round_page(r, &s, v, "本轮考评不在进行中（或没有民主测评指标），"
		    "不能发放测评码。", 1);
		goto out;
	}
	if ((targets = calloc(v->nt + 1, sizeof(*targets))) == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	if (r->nbad != 0)
		why = valid_first_error(r->v, BF__MAX);
	else if (!r->v[BF_ISSUED].present)
		why = "表单已失效，请刷新后重试。";
	else if (!r->v[BF_COUNT].present)
		why = "请填写发放数量。";
	else if (!r->v[BF_TARGET].present || r->v[BF_TARGET].i == 0)
		for (i = 0; i < v->nt; i++)
			targets[nt++] = v->t[i].id;
	else {
		for (i = 0; i < v->nt; i++)
			if (v->t[i].id == r->v[BF_TARGET].i)
				targets[nt++] = v->t[i].id;
		if (nt == 0)
			why = "所选测评对象不属于本轮考评。";
	}
	per = why == NULL ? (int)r->v[BF_COUNT].i : 0;
	total = nt * (size_t)per;
	if (why == NULL && (nt == 0 || total > BATCH_MAX))
		why = "一次最多发放 1000 个测评码，请减少数量或逐个对象发放。";
	if (why != NULL) {
		r->status = 400;
		round_page(r, &s, v, why, 1);
		goto out;
	}
	if ((codes = calloc(total, sizeof(*codes))) == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	for (i = 0; i < total; i++)
		ballot_code_make(codes[i]);
	iss.round_id = v->x.id;
	iss.expect = r->v[BF_ISSUED].i;
	iss.targets = targets;
	iss.ntargets = nt;
	iss.per_target = per;
	iss.codes = (const char (*)[BALLOT_CODE_LEN + 1])codes;
	rc = db_ballot_issue(r->db, &iss, &s.u, r->addr, time(NULL), &batch);
	if (rc == DB_OK) {
		slips_page(r, &s, v, batch, targets, nt, per, iss.codes);
	} else if (rc == DB_CONFLICT) {
		view_free(v);
		if ((v = view_open(r, &s, BF_ID)) == NULL)
			goto out;
		r->status = 409;
		round_page(r, &s, v, "本轮的测评码或状态已有变化（可能是重复"
		    "提交，或他人刚刚发放），本次未发放。请核对参评情况后再发放。",
		    1);
	} else
		http_db_error(r, rc);
out:
	if (codes != NULL)
		sodium_memzero(codes, total * sizeof(*codes));
	free(codes);
	free(targets);
	view_free(v);
}

/* ---- /assess/rounds/{id}/ballots/csv ---- */

enum { BC_ID, BC_BATCH, BC_CODE, BC__MAX };
static const struct vfield csv_fields[BC__MAX] = {
	{ "*0", "轮次", V_ID, true, 1, INT_MAX },		/* BC_ID */
	{ "batch", "批次", V_INT, true, 1, INT_MAX },		/* BC_BATCH */
	{ "code", "测评码", V_TOKEN, true, BALLOT_CODE_LEN,	/* BC_CODE */
	    BALLOT_CODE_LEN, .many = true },
};

static const struct sheet_col csv_cols[] = {
	{ "考评轮次", 24, "测评码所属的考评轮次" },
	{ "测评对象", 16, "凭此码测评的对象" },
	{ "测评项目", 30, "投票的项目（民主测评指标）" },
	{ "测评码", 14, "一次性测评码，投票后失效" },
	{ "投票网址", 28, "输入测评码投票的网址" },
};

/* The code of a batch (its hashes h[n]) that code is, or NULL. */
static const struct db_ballot_hash *
batch_find(const struct db_ballot_hash *h, size_t n, const char *code)
{
	unsigned char	 bin[DB_HASH_LEN];
	char		 hex[DB_HASH_LEN * 2 + 1];
	size_t		 i;

	crypto_generichash(bin, sizeof(bin), (const unsigned char *)code,
	    strlen(code), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), bin, sizeof(bin));
	for (i = 0; i < n; i++)
		if (strcasecmp(h[i].hex, hex) == 0)
			return &h[i];
	return NULL;
}

/*
 * POST /assess/rounds/{id}/ballots/csv: the CSV of a batch just issued,
 * from the codes its slips page carries; every code must be one of the
 * batch's (checked by hash).  400 otherwise, 404 as the page.
 */
void
page_as_round_ballots_csv(struct req *r)
{
	struct staff	 s;
	struct view	*v;
	struct db_ballot_hash *h = NULL;
	const struct db_ballot_hash *one;
	struct sheet	*sh;
	struct vvalue	 cv;
	char		 g[BALLOT_GROUPED_LEN + 1];
	char		 items[BALLOT_MAX_ITEMS * 404], url[512], name[128];
	size_t		 nh = 0, pos = 0, j, len = 0;
	int		 rc, bad = 0;
	const char	*tname;

	if ((v = view_open(r, &s, BC_ID)) == NULL)
		return;
	if (v->acc != ACC_MANAGE) {
		staff_not_found(r);
		goto out;
	}
	if (r->nbad != 0) {
		html_error_page(r, 400, "测评码有误", "请回到发放页面重新下载。");
		goto out;
	}
	if ((h = calloc(BATCH_MAX + 1, sizeof(*h))) == NULL) {
		http_db_error(r, DB_ERROR);
		goto out;
	}
	if ((rc = db_ballot_batch(r->db, v->x.id, (int)r->v[BC_BATCH].i, h,
	    BATCH_MAX + 1, &nh)) != DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	/* Every code one of the batch's. */
	while (valid_next(r, &csv_fields[BC_CODE], &pos, &cv) == 0)
		if (batch_find(h, nh, cv.s) == NULL)
			bad = 1;
	if (bad || pos == 0) {
		html_error_page(r, 400, "测评码有误",
		    "所交的测评码不属于该批次。请回到发放页面重新下载。");
		goto out;
	}
	items[0] = '\0';
	for (j = 0; j < v->nitems; j++)
		len += (size_t)snprintf(items + len, sizeof(items) - len, "%s%s",
		    j ? "、" : "", v->items[j].name);
	snprintf(url, sizeof(url), "%s/vote", r->cfg->sms_link_base);
	snprintf(name, sizeof(name), "测评码_轮次%d_第%d批", v->x.id,
	    (int)r->v[BC_BATCH].i);
	if ((sh = sheet_open(r, SHEET_CSV, name, "ballot-codes", "测评码",
	    csv_cols, NELEMS(csv_cols))) == NULL)
		goto out;
	pos = 0;
	while (valid_next(r, &csv_fields[BC_CODE], &pos, &cv) == 0) {
		tname = "";
		if ((one = batch_find(h, nh, cv.s)) != NULL)
			for (j = 0; j < v->nt; j++)
				if (v->t[j].id == one->target_id)
					tname = v->t[j].name;
		ballot_code_group(cv.s, g);
		sheet_text(sh, v->x.name);
		sheet_text(sh, tname);
		sheet_text(sh, items);
		sheet_text(sh, g);
		sheet_text(sh, url);
		if (sheet_row_end(sh) != 0)
			break;
	}
	(void)sheet_close(sh, DB_OK);
out:
	free(h);
	view_free(v);
}

/* The routes' tables. */
VFORM_NONE(form_as_ballots);
VFORM(form_as_round_ballots, ballot_fields);
VFORM(form_as_round_ballots_post, ballot_fields);
VFORM(form_as_round_ballots_csv, csv_fields);
