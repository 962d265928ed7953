/*
 * Democratic ballots (民主测评), the voter's side, public and without
 * login: GET /vote asks for the one-time code; POST /vote with the code
 * alone shows the ballot of an unspent code of an open round (one item
 * per indicator of source ballot: 满意 / 基本满意 / 不满意); POST /vote
 * with cast=1, the code again (a hidden field: a code is never in a URL)
 * and every item answered votes: the code is spent and the tallies grow
 * in one transaction (db_ballot_cast), then 303 to /vote?done=1.
 *
 * Any code that cannot vote — mistyped, unknown, used, of a round not
 * open — gets the one neutral message CODE_BAD (400 when entered, 409
 * when voting), and counts against the client address's bucket of wrong
 * codes (LIMIT_BALLOT_ADDR, sized like the wrong lookups: [portal]
 * tracking_failures per tracking_window_min); an address whose bucket is
 * empty gets 429 for every code until it refills.  nginx limits the
 * posts per address too (zone lianxin_post).  Nothing here logs a code or
 * a choice.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ballots.h"
#include "html.h"
#include "limit.h"
#include "route.h"
#include "valid.h"

#define CODE_BAD	"该测评码已使用或无效。"
#define MAX_TARGETS	1000

/* The fields: the code, cast, the choices q0..q15 of the items in order. */
enum { VF_CODE, VF_CAST, VF_DONE, VF_Q0, VF__MAX = VF_Q0 + BALLOT_MAX_ITEMS };
#define Q(n) { "q" #n, "测评项目", V_ENUM, false, 0, RATE__MAX, NULL, \
	"请选择满意、基本满意或不满意。", NULL, .words = word_rating }
static const struct vfield vote_fields[VF__MAX] = {
	{ "code", "测评码", V_TEXT, false, 1, 40 },		/* VF_CODE */
	{ "cast", "投票", V_INT, false, 1, 1 },			/* VF_CAST */
	{ "done", "已投票", V_INT, false, 1, 1 },		/* VF_DONE */
	Q(0), Q(1), Q(2), Q(3), Q(4), Q(5), Q(6), Q(7),		/* VF_Q0.. */
	Q(8), Q(9), Q(10), Q(11), Q(12), Q(13), Q(14), Q(15),
};
#undef Q

/* The code entry page, with msg (an error) above when not NULL. */
static void
code_page(struct req *r, const char *msg)
{
	struct buf	*b = &r->body;

	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "民主测评");
	buf_add(b, "<section class=\"card\">\n<h1>民主测评</h1>\n");
	html_notice(b, msg, 1);
	buf_add(b, "<p>请输入测评票上的测评码。投票无记名：系统只记录各选项"
	    "的票数，不记录测评码与投票内容的对应关系。每个测评码只能投票"
	    "一次。</p>\n<form method=\"post\" action=\"/vote\">\n"
	    "<label for=\"code\">测评码</label><input id=\"code\" "
	    "name=\"code\" autocomplete=\"off\" autocapitalize=\"characters\" "
	    "spellcheck=\"false\" maxlength=\"40\" placeholder=\"例如 "
	    "K7PQM-3XWZA\" required>\n<p><button class=\"button\" "
	    "type=\"submit\">下一步</button></p></form></section>\n");
	html_end(r);
}

/* What a ballot shows: the round, the target's name, the items. */
struct ballot {
	struct db_ballot_round	 x;
	char			 target[DB_NAME_MAX];
	int			 target_id;
	struct db_ballot_item	 items[BALLOT_MAX_ITEMS + 1];
	size_t			 nitems;
};

/* Load the ballot of round_id and target_id: DB_OK or a failure. */
static int
ballot_load(struct req *r, int round_id, int target_id, struct ballot *bl)
{
	struct db_ballot_target *t;
	size_t		 n = 0, i;
	int		 rc;

	if ((t = calloc(MAX_TARGETS, sizeof(*t))) == NULL)
		return DB_ERROR;
	bl->target_id = target_id;
	if ((rc = db_ballot_round(r->db, round_id, &bl->x)) == DB_OK &&
	    (rc = db_ballot_items(r->db, bl->x.scheme_id, bl->items,
	    BALLOT_MAX_ITEMS + 1, &bl->nitems)) == DB_OK)
		rc = db_ballot_targets(r->db, round_id, t, MAX_TARGETS, &n);
	for (i = 0; rc == DB_OK && i < n; i++)
		if (t[i].id == target_id)
			snprintf(bl->target, sizeof(bl->target), "%s",
			    t[i].name);
	if (bl->nitems > BALLOT_MAX_ITEMS)
		bl->nitems = BALLOT_MAX_ITEMS;
	free(t);
	return rc;
}

/* The ballot for code; errors shows each unanswered item's message. */
static void
ballot_page(struct req *r, const struct ballot *bl, const char *code,
    int errors)
{
	struct buf	*b = &r->body;
	const struct vvalue *q;
	size_t		 i;
	int		 j;

	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "民主测评");
	buf_add(b, "<section class=\"card\">\n<h1>民主测评</h1>\n<p class="
	    "\"muted\">");
	html_txt(b, bl->x.name);
	buf_add(b, "</p>\n<p>测评对象：<strong id=\"target\">");
	html_txt(b, bl->target);
	buf_add(b, "</strong></p>\n");
	if (errors)
		html_notice(b, "每一项都须选择，请补全后再提交。", 1);
	buf_add(b, "<form method=\"post\" action=\"/vote\" class=\"ballot\">"
	    "\n<input type=\"hidden\" name=\"cast\" value=\"1\">\n"
	    "<input type=\"hidden\" name=\"code\" value=\"");
	html_attr(b, code);
	buf_add(b, "\">\n");
	for (i = 0; i < bl->nitems; i++) {
		q = &r->v[VF_Q0 + i];
		buf_printf(b, "<fieldset><legend>%zu. ", i + 1);
		html_txt(b, bl->items[i].name);
		buf_add(b, "</legend>\n");
		if (bl->items[i].description[0]) {
			buf_add(b, "<p class=\"muted\">");
			html_txt(b, bl->items[i].description);
			buf_add(b, "</p>\n");
		}
		for (j = 0; j < RATE__MAX; j++) {
			buf_printf(b, "<label class=\"check\"><input type="
			    "\"radio\" name=\"q%zu\" value=\"%s\"%s required> ",
			    i, word_rating[j].code, q->present &&
			    q->error == NULL && q->i == j ? " checked" : "");
			html_txt(b, word_rating[j].label);
			buf_add(b, "</label>\n");
		}
		if (errors && (!q->present || q->error != NULL))
			buf_add(b, "<span class=\"err\">请选择满意、基本满意或"
			    "不满意。</span>\n");
		buf_add(b, "</fieldset>\n");
	}
	buf_add(b, "<p class=\"muted\">提交后不能修改。</p>\n<p><button "
	    "class=\"button\" type=\"submit\">提交投票</button></p></form>"
	    "</section>\n");
	html_end(r);
}

/* GET /vote: the code entry, or the thanks after voting (done=1). */
void
page_vote(struct req *r)
{
	struct buf	*b = &r->body;

	if (!r->v[VF_DONE].present || r->v[VF_DONE].error != NULL) {
		code_page(r, NULL);
		return;
	}
	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "投票成功");
	buf_add(b, "<section class=\"card center\">\n<h1>投票成功</h1>\n"
	    "<p id=\"done\">感谢您参加民主测评，您的投票已计入（无记名）。"
	    "</p>\n<p><a class=\"button\" href=\"/\">返回首页</a></p>"
	    "</section>\n");
	html_end(r);
}

/* A code that cannot vote: counted against the address, and the neutral
 * answer with status. */
static void
wrong_code(struct req *r, int status)
{
	if (!limit_exempt(r->cfg, r->addr))
		(void)limit_take(r->cfg, LIMIT_BALLOT_ADDR, r->addr);
	r->status = status;
	code_page(r, CODE_BAD);
}

/*
 * POST /vote: the ballot of a code (200), or a vote (cast=1: 303 to
 * /vote?done=1).  400 for a code that cannot vote or an item left
 * unanswered (nothing spent), 409 when the code could not be spent,
 * 429 when the address gave too many wrong codes.
 */
void
page_vote_post(struct req *r)
{
	struct ballot	*bl = NULL;
	char		 code[64];
	int		 items[BALLOT_MAX_ITEMS], choices[BALLOT_MAX_ITEMS];
	int		 round_id = 0, target_id = 0, wait, rc, missing = 0;
	size_t		 i;
	const struct vvalue *c = &r->v[VF_CODE];

	if (!limit_exempt(r->cfg, r->addr) &&
	    (wait = limit_wait(r->cfg, LIMIT_BALLOT_ADDR, r->addr)) > 0) {
		limit_refuse(r, wait);
		return;
	}
	code[0] = '\0';
	if (c->present && c->error == NULL)
		(void)valid_norm_tracking(c->s, code, sizeof(code));
	if (!ballot_code_ok(code)) {
		wrong_code(r, 400);
		goto out;
	}
	rc = db_ballot_by_code(r->db, code, &round_id, &target_id);
	if (rc == DB_NOTFOUND) {
		wrong_code(r, r->v[VF_CAST].present ? 409 : 400);
		goto out;
	}
	if (rc == DB_OK && (bl = calloc(1, sizeof(*bl))) == NULL)
		rc = DB_ERROR;
	if (rc == DB_OK)
		rc = ballot_load(r, round_id, target_id, bl);
	if (rc == DB_OK && bl->nitems == 0)
		rc = DB_NOTFOUND;
	if (rc == DB_NOTFOUND) {
		wrong_code(r, 400);
		goto out;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		goto out;
	}
	if (!r->v[VF_CAST].present || r->v[VF_CAST].error != NULL) {
		ballot_page(r, bl, code, 0);
		goto out;
	}
	for (i = 0; i < bl->nitems; i++) {
		const struct vvalue *q = &r->v[VF_Q0 + i];

		if (!q->present || q->error != NULL)
			missing = 1;
		items[i] = bl->items[i].id;
		choices[i] = (int)q->i;
	}
	if (missing) {
		r->status = 400;
		ballot_page(r, bl, code, 1);
		goto out;
	}
	rc = db_ballot_cast(r->db, code, round_id, target_id, items, choices,
	    bl->nitems);
	if (rc == DB_OK) {
		r->status = 303;
		http_header(r, "Location", "/vote?done=1");
	} else if (rc == DB_NOTFOUND)
		wrong_code(r, 409);
	else
		http_db_error(r, rc);
out:
	sodium_memzero(code, sizeof(code));
	free(bl);
}

/* The routes' tables. */
VFORM(form_vote, vote_fields);
VFORM(form_vote_post, vote_fields);
