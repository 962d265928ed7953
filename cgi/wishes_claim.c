/*
 * Micro-wishes (微心愿) seen from outside the staff: the public wall
 * /wishes (open wishes and those lately fulfilled, never a resident's
 * name, phone or note, no login), a member's /member/wishes (logged in
 * as on /member) and a co-building unit's /unit/wishes (its account).
 * A claimer sees the open wishes it may claim — a member those of its
 * community, while its report is valid; a unit those of the communities
 * it co-builds with — and its own: it claims one (one claimer: of two at
 * once, one wins), releases it (主动放弃) or records it fulfilled with a
 * note; staff then confirm it (cgi/cb_wishes.c).  A wish it may not see
 * answers 404.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "cbpage.h"
#include "html.h"
#include "members.h"
#include "route.h"
#include "staff.h"
#include "valid.h"
#include "wishes.h"
#include "wishes_view.h"

#define WALL_ROWS	200
#define WALL_PAGE	20	/* open wishes a page of the wall */
#define DONE_ROWS	20
#define DONE_DAYS	90	/* the wall shows wishes confirmed since */
#define MAX_REGIONS	4096
#define DAY		86400

void
wishes_yuan(struct buf *b, long long fen)
{
	if (fen % 100 == 0)
		buf_printf(b, "¥%lld", fen / 100);
	else
		buf_printf(b, "¥%lld.%02lld", fen / 100, fen % 100);
}

/* "已等待 3 天" (less than a day: "今天发布"). */
static void
waiting(struct buf *b, time_t since, time_t now)
{
	long long	 d = since < now ? (long long)(now - since) / DAY : 0;

	if (d == 0)
		buf_add(b, "今天发布");
	else
		buf_printf(b, "已等待 %lld 天", d);
}

/* A list's heading, then its start or, for none, empty (id: the
 * element's); list_end closes it. */
static void
list_start(struct buf *b, const char *heading, const char *id, size_t n,
    const char *empty)
{
	buf_printf(b, "<h2>%s</h2>\n", heading);
	if (n == 0)
		buf_printf(b, "<p class=\"muted\" id=\"%s\">%s</p>\n", id,
		    empty);
	else
		buf_printf(b, "<ul class=\"wishes\" id=\"%s\">\n", id);
}

static void
list_end(struct buf *b, size_t n)
{
	if (n > 0)
		buf_add(b, "</ul>\n");
}

/* One wish as a card (no personal data); all: with its community. */
static void
card_open(struct buf *b, const struct db_wish_pub *w, time_t now, int all)
{
	buf_printf(b, "<li class=\"card\" id=\"wish-%lld\"><strong>", w->id);
	html_txt(b, w->title);
	buf_add(b, "</strong>");
	if (w->detail[0] != '\0') {
		buf_add(b, "<br>");
		html_txt(b, w->detail);
	}
	buf_add(b, "<br><span class=\"muted\">价值上限 ");
	wishes_yuan(b, w->value_fen);
	buf_add(b, " · ");
	waiting(b, w->posted_at, now);
	if (all) {
		buf_add(b, " · ");
		html_txt(b, w->community);
	}
	buf_add(b, "</span>");
}

/* ---- the wall ------------------------------------------------------- */

enum { WL_COMMUNITY, WL_PAGE, WL__MAX };
static const struct vfield wall_fields[WL__MAX] = {
	{ "community", "社区", V_ID, false, 1, INT_MAX },	/* WL_COMMUNITY */
	{ "page", "页码", V_INT, false, 1, 10000 },		/* WL_PAGE */
};

/* The communities to choose from (a GET form). */
static void
wall_picker(struct buf *b, const struct db_region *g, size_t n, int sel)
{
	size_t	 i;

	buf_add(b, "<form method=\"get\" action=\"/wishes\" class=\"card "
	    "filters\"><label for=\"community\">社区</label><select id=\""
	    "community\" name=\"community\"><option value=\"\">全部社区"
	    "</option>\n");
	for (i = 0; i < n; i++) {
		if (g[i].level != 3)
			continue;
		buf_printf(b, "<option value=\"%d\"%s>", g[i].id,
		    g[i].id == sel ? " selected" : "");
		html_txt(b, g[i].name);
		buf_add(b, "</option>\n");
	}
	buf_add(b, "</select> <button class=\"button\" type=\"submit\">查看"
	    "</button></form>\n");
}

/* The wall's pager: 第 p / P 页 with the pages before and after. */
static void
wall_pager(struct buf *b, int comm, long long pg, long long pages)
{
	char	 q[32] = "";

	if (pages <= 1)
		return;
	if (comm != 0)
		snprintf(q, sizeof(q), "community=%d&amp;", comm);
	buf_printf(b, "<p class=\"pager\">第 %lld / %lld 页", pg, pages);
	if (pg > 1)
		buf_printf(b, " <a href=\"/wishes?%spage=%lld\">上一页</a>", q,
		    pg - 1);
	if (pg < pages)
		buf_printf(b, " <a href=\"/wishes?%spage=%lld\">下一页</a>", q,
		    pg + 1);
	buf_add(b, "</p>\n");
}

/*
 * GET /wishes[?community=ID]: the open wishes (of a community, or of
 * all), oldest first, and those confirmed in the last DONE_DAYS days,
 * title only.  404 for an id that is no community.
 */
void
page_wishes(struct req *r)
{
	struct db_region *g = NULL;
	struct db_wish_pub *w = NULL;
	struct buf	*b = &r->body;
	time_t		 now = time(NULL);
	const char	*name = NULL;
	char		 heading[64];
	size_t		 ng = 0, n = 0, i;
	long long	 total = 0, pg = 1, pages;
	int		 comm = 0, rc;

	if (r->nbad != 0) {
		http_not_found(r);
		return;
	}
	if (r->v[WL_COMMUNITY].present)
		comm = (int)r->v[WL_COMMUNITY].i;
	if (r->v[WL_PAGE].present)
		pg = r->v[WL_PAGE].i;
	if ((g = calloc(MAX_REGIONS, sizeof(*g))) == NULL ||
	    (w = calloc(WALL_ROWS, sizeof(*w))) == NULL) {
		rc = DB_ERROR;
		goto fail;
	}
	if ((rc = db_wish_lapse(r->db, now)) != DB_OK ||
	    (rc = db_regions(r->db, g, MAX_REGIONS, &ng)) != DB_OK)
		goto fail;
	for (i = 0; comm != 0 && i < ng; i++)
		if (g[i].id == comm && g[i].level == 3)
			name = g[i].name;
	if (comm != 0 && name == NULL) {
		free(g);
		free(w);
		http_not_found(r);
		return;
	}
	if ((rc = db_wishes_wall_count(r->db, comm, &total)) != DB_OK ||
	    (rc = db_wishes_wall(r->db, comm, 0, 0,
	    (size_t)(pg - 1) * WALL_PAGE, w, WALL_PAGE, &n)) != DB_OK)
		goto fail;
	pages = total > 0 ? (total + WALL_PAGE - 1) / WALL_PAGE : 1;
	http_header(r, "Cache-Control", "no-cache");
	html_begin(r, "微心愿墙");
	buf_add(b, "<h1>微心愿墙");
	if (name != NULL) {
		buf_add(b, " · ");
		html_txt(b, name);
	}
	buf_add(b, "</h1>\n<p class=\"muted\">居民的小心愿，由社区工作人员核实"
	    "后发布。报到的党员（<a href=\"/member/wishes\">党员登录认领</a>）"
	    "和共建单位可以认领，实现后由社区确认。</p>\n");
	wall_picker(b, g, ng, comm);
	snprintf(heading, sizeof(heading), "待认领（%lld）", total);
	list_start(b, heading, "open", n, pg > pages ? "没有这一页。" :
	    "暂无待认领的心愿。");
	for (i = 0; i < n; i++) {
		card_open(b, &w[i], now, comm == 0);
		buf_add(b, "</li>\n");
	}
	list_end(b, n);
	wall_pager(b, comm, pg, pages);
	if ((rc = db_wishes_wall(r->db, comm, 1, now -
	    (time_t)DONE_DAYS * DAY, 0, w, DONE_ROWS, &n)) != DB_OK) {
		buf_reset(b);
		buf_reset(&r->head);
		goto fail;
	}
	list_start(b, "最近实现的心愿", "done", n, "暂无。");
	for (i = 0; i < n; i++) {
		buf_add(b, "<li class=\"card\">");
		html_txt(b, w[i].title);
		buf_add(b, " · <strong>");
		html_txt(b, word_wish[WISH_CONFIRMED].label);
		buf_add(b, "</strong>");
		if (comm == 0) {
			buf_add(b, " <span class=\"muted\">");
			html_txt(b, w[i].community);
			buf_add(b, "</span>");
		}
		buf_add(b, "</li>\n");
	}
	list_end(b, n);
	html_end(r);
	free(g);
	free(w);
	return;
fail:
	free(g);
	free(w);
	http_db_error(r, rc);
}

/* ---- the claimers' pages ------------------------------------------- */

/* The actions of a claimer (POST /member/wishes, /unit/wishes). */
enum { CA_CLAIM, CA_RELEASE, CA_FULFIL, CA__MAX };
enum { WCF_WISH, WCF_VERSION, WCF_NOTE, WCF__MAX };
static const struct vfield claim_fields[WCF__MAX] = {
	{ "wish", "心愿", V_ID, true, 1, INT_MAX },		/* WCF_WISH */
	{ "version", "版本", V_INT, true, 0, UINT_MAX, NULL,	/* WCF_VERSION */
	    "表单已失效，请刷新后重试。", "表单已失效，请刷新后重试。" },
	{ "note", "实现情况", V_LONGTEXT, true, 2, 1000, NULL,	/* WCF_NOTE */
	    "实现情况请写 2 至 1000 字。", "请填写实现情况。" },
};
static const char *const ca_codes[CA__MAX] = { "claim", "release", "fulfil" };
static const struct vaction claim_actions[CA__MAX] = {
	{ NULL, claim_fields, WCF_NOTE, &ca_codes[CA_CLAIM] },	/* CA_CLAIM */
	{ NULL, claim_fields, WCF_NOTE, &ca_codes[CA_RELEASE] },	/* CA_RELEASE */
	{ NULL, claim_fields, WCF__MAX, &ca_codes[CA_FULFIL] },	/* CA_FULFIL */
};
static const struct {
	enum db_wish_act act;
	const char	*done;
} ca[CA__MAX] = {
	{ DB_WISH_CLAIM, "认领成功，请在期限内实现心愿。" },
	{ DB_WISH_RELEASE, "已放弃认领，心愿回到心愿墙。" },
	{ DB_WISH_FULFIL, "已登记实现，等待社区确认。" },
};

enum { CG_DONE, CG__MAX };
static const struct vfield claimer_fields[CG__MAX] = {
	{ "done", "已保存", V_ENUM, false, 0, CA__MAX, ca_codes }, /* CG_DONE */
};

/* Who is on a claimer's page, and how its forms are posted. */
struct claimer {
	struct db_wish_actor a;
	const char	*path;		/* /member/wishes or /unit/wishes */
	const char	*csrf;		/* the token of its forms */
	int		 reported;	/* a member's report is valid (a unit:
					 * 1) */
	const struct staff *s;		/* a unit account's session */
};

/* A form of the claimer posting action on wish w. */
static void
claim_form(struct buf *b, const struct claimer *c,
    const struct db_wish_pub *w, int action, const char *button)
{
	buf_printf(b, "<form method=\"post\" action=\"%s\" class=\"act\">"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\"><input type=\""
	    "hidden\" name=\"action\" value=\"%s\"><input type=\"hidden\" "
	    "name=\"wish\" value=\"%lld\"><input type=\"hidden\" name=\""
	    "version\" value=\"%lld\">", c->path, c->csrf,
	    ca_codes[action], w->id, w->version);
	if (action == CA_FULFIL)
		buf_printf(b, "<label for=\"note-%lld\">实现情况</label>"
		    "<textarea id=\"note-%lld\" name=\"note\" maxlength=\"1000\" "
		    "rows=\"2\" required placeholder=\"如：已送到居民家中并教会"
		    "使用\"></textarea>", w->id, w->id);
	buf_printf(b, "<button class=\"button\" type=\"submit\">%s</button>"
	    "</form>\n", button);
}

/* The body of a claimer's page: its wishes, then those it may claim. */
static int
claimer_body(struct req *r, const struct claimer *c)
{
	struct db_wish_pub *w;
	struct buf	*b = &r->body;
	time_t		 now = time(NULL);
	size_t		 n = 0, i;
	int		 rc;

	if ((w = calloc(WALL_ROWS, sizeof(*w))) == NULL)
		return DB_ERROR;
	if ((rc = db_wishes_for(r->db, &c->a, 1, w, WALL_ROWS, &n)) != DB_OK)
		goto out;
	list_start(b, "我认领的心愿", "mine", n, "暂无。");
	for (i = 0; i < n; i++) {
		card_open(b, &w[i], now, 1);
		buf_add(b, "<br>");
		html_txt(b, word_wish[w[i].state].label);
		if (w[i].state == WISH_CLAIMED) {
			buf_add(b, " · 请在 ");
			html_time(b, w[i].claim_due);
			buf_add(b, " 前实现");
		} else if (w[i].fulfil_note[0] != '\0') {
			buf_add(b, "<br><span class=\"muted\">");
			html_txt(b, w[i].fulfil_note);
			buf_add(b, "</span>");
		}
		if (w[i].state == WISH_CLAIMED) {
			claim_form(b, c, &w[i], CA_FULFIL, "登记已实现");
			claim_form(b, c, &w[i], CA_RELEASE, "放弃认领");
		}
		buf_add(b, "</li>\n");
	}
	list_end(b, n);
	if ((rc = db_wishes_for(r->db, &c->a, 0, w, WALL_ROWS, &n)) != DB_OK)
		goto out;
	if (!c->reported)
		buf_add(b, "<p class=\"notice-bad\" id=\"not-reported\">您的报到"
		    "未确认或已过期，报到有效后才能认领。<a href=\"/report\">"
		    "去报到</a></p>\n");
	list_start(b, "可认领的心愿", "open", n, "暂无待认领的心愿。");
	for (i = 0; i < n; i++) {
		card_open(b, &w[i], now, 1);
		if (c->reported)
			claim_form(b, c, &w[i], CA_CLAIM, "认领");
		buf_add(b, "</li>\n");
	}
	list_end(b, n);
	buf_printf(b, "<p class=\"muted\">认领后请在 %d 天内实现，逾期未实现的"
	    "心愿自动回到心愿墙。<a href=\"/wishes\">微心愿墙</a></p>\n",
	    r->cfg->wish_claim_days);
out:
	free(w);
	return rc;
}

/* The page's start: a member's or a unit's. */
static void
claimer_begin(struct req *r, const struct claimer *c, const char *title)
{
	struct buf	*b = &r->body;

	if (c->s != NULL)
		unit_begin(r, c->s, title);
	else {
		http_header(r, "Cache-Control", "no-store");
		html_begin(r, title);
		buf_add(b, "<nav class=\"staffnav\"><a href=\"/member\">我的服务"
		    "与积分</a> <a href=\"/wishes\">微心愿墙</a></nav>\n");
	}
	buf_add(b, "<h1>");
	html_txt(b, title);
	buf_add(b, "</h1>\n");
}

/* The whole page with a message (bad: an error). */
static void
claimer_page(struct req *r, const struct claimer *c, const char *msg,
    int bad)
{
	int	 rc;

	claimer_begin(r, c, c->s != NULL ? "共建单位认领微心愿" : "点亮微心愿");
	html_notice(&r->body, msg, bad);
	if ((rc = claimer_body(r, c)) != DB_OK) {
		buf_reset(&r->body);
		buf_reset(&r->head);
		http_db_error(r, rc);
		return;
	}
	html_end(r);
}

/* GET: the page, with the message of the action just done. */
static void
claimer_get(struct req *r, const struct claimer *c)
{
	const struct vvalue *d = &r->v[CG_DONE];
	int		 rc;

	if ((rc = db_wish_lapse(r->db, time(NULL))) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	claimer_page(r, c, d->present && d->error == NULL ?
	    ca[d->i].done : NULL, 0);
}

/*
 * POST: an action.  400 for a bad form, 404 for a wish the claimer may
 * not see, 409 when it changed (claimed by another, released, ...) or a
 * member's report is not valid, 303 back when done.
 */
static void
claimer_post(struct req *r, const struct claimer *c)
{
	enum db_wish_rc	 out;
	char		 loc[64];
	int		 rc;

	if (r->action < 0 || r->nabad > 0) {
		r->status = 400;
		claimer_page(r, c, r->action < 0 ? "未知的操作。" :
		    valid_first_error(r->av, claim_actions[r->action].nfields),
		    1);
		return;
	}
	rc = db_wish_act(r->db, r->av[WCF_WISH].i, r->av[WCF_VERSION].i,
	    ca[r->action].act, &c->a, r->action == CA_FULFIL ?
	    r->av[WCF_NOTE].s : "", r->cfg->wish_claim_days, time(NULL), &out);
	if (rc == DB_NOTFOUND) {
		http_not_found(r);
	} else if (rc != DB_OK) {
		http_db_error(r, rc);
	} else if (out == DB_WISH_DONE) {
		snprintf(loc, sizeof(loc), "%s?done=%s", c->path,
		    ca_codes[r->action]);
		r->status = 303;
		http_header(r, "Location", loc);
	} else {
		r->status = 409;
		claimer_page(r, c, out == DB_WISH_NOT_REPORTED ? "您的报到未"
		    "确认或已过期，请重新报到后再认领。" : "该心愿已被认领或"
		    "状态已变化，未作修改。请查看最新情况。", 1);
	}
}

/* A member's session: 0, or -1 after answering (303 to the login). */
static int
member_claimer(struct req *r, struct claimer *c, char token[],
    char csrf[])
{
	struct db_member m;
	int		 mid, rc;

	memset(c, 0, sizeof(*c));
	if ((mid = member_session_of(r, token)) == 0) {
		r->status = 303;
		http_header(r, "Location", "/member");
		return -1;
	}
	if ((rc = db_member_get(r->db, mid, &m)) != DB_OK) {
		http_db_error(r, rc);
		return -1;
	}
	member_csrf(token, csrf);
	c->a.member_id = mid;
	c->a.addr = r->addr;
	c->path = "/member/wishes";
	c->csrf = csrf;
	c->reported = db_member_reported(&m, time(NULL));
	return 0;
}

/* GET /member/wishes: a member's wishes and those it may claim. */
void
page_member_wishes(struct req *r)
{
	struct claimer	 c;
	char		 token[DB_HASH_LEN * 2 + 1], csrf[DB_HASH_LEN * 2 + 1];

	if (member_claimer(r, &c, token, csrf) == 0)
		claimer_get(r, &c);
}

/* POST /member/wishes: claim, release, fulfil (403 without the session's
 * CSRF token). */
void
page_member_wishes_post(struct req *r)
{
	struct claimer	 c;
	char		 token[DB_HASH_LEN * 2 + 1], csrf[DB_HASH_LEN * 2 + 1];

	if (member_claimer(r, &c, token, csrf) == -1)
		return;
	if (r->csrf == NULL || strlen(r->csrf) != strlen(csrf) ||
	    sodium_memcmp(r->csrf, csrf, strlen(csrf)) != 0) {
		html_error_page(r, 403, "请求已失效", "请返回刷新页面后重试。");
		return;
	}
	claimer_post(r, &c);
}

/* A unit account's session (auth_require: 303, 404, 403 answered). */
static int
unit_claimer(struct req *r, struct claimer *c, struct staff *s)
{
	memset(c, 0, sizeof(*c));
	if (auth_require(r, ROLE_BIT(ROLE_UNIT), s) == -1)
		return -1;
	c->a.user = &s->u;
	c->a.unit_id = s->u.unit_id;
	c->a.addr = r->addr;
	c->path = "/unit/wishes";
	c->csrf = s->csrf_hex;
	c->reported = 1;
	c->s = s;
	if (s->u.unit_id == 0) {
		claimer_begin(r, c, "共建单位认领微心愿");
		buf_add(&r->body, "<p class=\"muted\">本账号尚未绑定共建单位，"
		    "请联系管理员。</p>\n");
		html_end(r);
		return -1;
	}
	return 0;
}

/* GET /unit/wishes */
void
page_unit_wishes(struct req *r)
{
	struct staff	 s;
	struct claimer	 c;

	if (unit_claimer(r, &c, &s) == 0)
		claimer_get(r, &c);
}

/* POST /unit/wishes */
void
page_unit_wishes_post(struct req *r)
{
	struct staff	 s;
	struct claimer	 c;

	if (unit_claimer(r, &c, &s) == 0)
		claimer_post(r, &c);
}

/* The routes' tables. */
VFORM(form_wishes, wall_fields);
const struct vform form_claimer_wishes = { claimer_fields, CG__MAX, NULL,
	0 };
const struct vform form_claimer_wishes_post = { NULL, 0, claim_actions,
	CA__MAX };
