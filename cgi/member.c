/*
 * A Party member's own pages (/member): a login by phone and a one-time
 * code from the community's staff, then the member's hours, points and
 * claims, and the community's menu to claim items from.  The session is
 * a cookie of its own (not a staff session); its CSRF token is derived
 * from it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "html.h"
#include "members.h"
#include "route.h"

/* The CSRF token of a member's session: a keyed hash of its token. */
void
member_csrf(const char *token, char out[DB_HASH_LEN * 2 + 1])
{
	static const unsigned char key[] = "lianxin member csrf v1 ........";
	unsigned char	 h[DB_HASH_LEN];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token,
	    strlen(token), key, sizeof(key) - 1);
	sodium_bin2hex(out, DB_HASH_LEN * 2 + 1, h, sizeof(h));
}

static void
member_login_form(struct req *r, const char *msg)
{
	struct buf	*b = &r->body;

	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "党员服务");
	buf_add(b, "<h1>党员服务与积分</h1>\n");
	html_notice(b, msg, 1);
	buf_add(b, "<form method=\"post\" action=\"/member\" class=\"card\">"
	    "<input type=\"hidden\" name=\"action\" value=\"login\">"
	    "<p><label for=\"phone\">手机号码</label><input id=\"phone\" "
	    "name=\"phone\" type=\"tel\" maxlength=\"11\" required></p>"
	    "<p><label for=\"code\">验证码 <span class=\"muted\">（向社区工作"
	    "人员领取，使用一次后失效）</span></label><input id=\"code\" "
	    "name=\"code\" maxlength=\"8\" inputmode=\"numeric\" required></p>"
	    "<p><button class=\"button\" type=\"submit\">进入</button></p>"
	    "</form>\n<p><a class=\"button\" href=\"/member/sms\">"
	    "用短信验证码登录</a></p>\n");
	html_end(r);
}

/* The member's own page: hours, points, claims and the menu. */
static void
member_page(struct req *r, int member_id, const char *token,
    const char *msg, int bad)
{
	struct db_member m;
	struct db_claim	*c;
	struct db_points pr = DB_POINTS_OF(r->cfg);
	struct buf	*b = &r->body;
	char		 csrf[DB_HASH_LEN * 2 + 1];
	size_t		 n, i;
	int		 rc;

	if ((c = calloc(MEMBERS_MAX_ROWS, sizeof(*c))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	if ((rc = db_member_get(r->db, member_id, &m)) != DB_OK ||
	    (rc = db_claims(r->db, 0, member_id, c, MEMBERS_MAX_ROWS, &n)) !=
	    DB_OK) {
		free(c);
		http_db_error(r, rc);
		return;
	}
	member_csrf(token, csrf);
	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "我的服务");
	buf_add(b, "<h1>我的服务与积分</h1>\n");
	html_notice(b, msg, bad);
	buf_add(b, "<section class=\"card\"><table>\n<tr><th>姓名</th><td>");
	html_txt(b, m.name);
	buf_add(b, "</td></tr>\n<tr><th>报到</th><td id=\"report\">");
	if (db_member_reported(&m, time(NULL))) {
		buf_add(b, "有效期至 ");
		html_time(b, m.report_expires_at);
	} else
		buf_add(b, "未报到或已过期，请重新<a href=\"/report\">报到</a>");
	buf_add(b, "</td></tr>\n<tr><th>志愿服务时长</th><td id=\"hours\">");
	members_tenths(b, m.hours_tenths);
	buf_printf(b, "</td></tr>\n<tr><th>完成认领</th><td id=\"completed\">"
	    "%lld</td></tr>\n<tr><th>实现微心愿</th><td id=\"wishes\">"
	    "<a href=\"/member/wishes\">%lld</a></td></tr>\n<tr><th>积分</th>"
	    "<td id=\"points\">", m.completed, m.wishes);
	members_tenths(b, db_points_tenths(&m, &pr));
	buf_printf(b, "</td></tr>\n</table><p class=\"muted\">积分 = 服务时长 "
	    "× %d + 完成认领 × %d + 实现微心愿（经社区确认）× %d</p></section>\n",
	    pr.per_hour, pr.per_claim, pr.per_wish);
	if ((rc = member_home(r, &m)) != DB_OK) {
		free(c);
		buf_reset(b);
		http_db_error(r, rc);
		return;
	}
	buf_add(b, "<h2>我的认领</h2>\n<ul id=\"claims\">\n");
	for (i = 0; i < n; i++) {
		buf_add(b, "<li>");
		html_txt(b, c[i].item);
		buf_add(b, " · ");
		html_txt(b, WORD_LABEL(word_claim, c[i].state));
		if (strcmp(c[i].state, word_claim[CLAIM_OPEN].code) == 0)
			buf_printf(b, " <form method=\"post\" action=\"/member\" "
			    "class=\"inline\"><input type=\"hidden\" name=\""
			    "csrf\" value=\"%s\"><input type=\"hidden\" name=\""
			    "claim\" value=\"%d\"><button name=\"action\" value=\""
			    "withdraw\">撤回</button></form>", csrf, c[i].id);
		buf_add(b, "</li>\n");
	}
	if (n == 0)
		buf_add(b, "<li class=\"muted\">暂无。</li>\n");
	buf_add(b, "</ul>\n<h2>本社区服务菜单</h2>\n");
	free(c);
	if ((rc = members_menu_table(r, m.community_id, 1, csrf)) != DB_OK) {
		buf_reset(b);
		http_db_error(r, rc);
		return;
	}
	buf_printf(b, "<form method=\"post\" action=\"/member\"><input "
	    "type=\"hidden\" name=\"csrf\" value=\"%s\"><button class=\""
	    "button\" name=\"action\" value=\"logout\">退出</button></form>\n",
	    csrf);
	html_end(r);
}

/* The member of the session cookie, or 0. */
int
member_session_of(struct req *r, char token[DB_HASH_LEN * 2 + 1])
{
	int	 id;

	if (http_cookie(r, MEMBER_COOKIE, token, DB_HASH_LEN * 2 + 1) == -1 ||
	    strlen(token) != DB_HASH_LEN * 2 ||
	    db_member_session(r->db, token, time(NULL), &id) != DB_OK)
		return 0;
	return id;
}

/* GET /member: the member's page, or the form for phone and code. */
void
page_member(struct req *r)
{
	char	 token[DB_HASH_LEN * 2 + 1];
	int	 id;

	if ((id = member_session_of(r, token)) == 0)
		member_login_form(r, NULL);
	else
		member_page(r, id, token, NULL, 0);
}

/* The actions of POST /member, and the fields each takes. */
enum { MB_LOGIN, MB_CLAIM, MB_WITHDRAW, MB_LOGOUT, MB__MAX };

enum { LF_PHONE, LF_CODE, LF__MAX };
static const struct vfield login_fields[LF__MAX] = {
	{ "phone", "手机号码", V_PHONE, true },			/* LF_PHONE */
	{ "code", "验证码", V_DIGITS, true, DB_MCODE_LEN,
	    DB_MCODE_LEN },					/* LF_CODE */
};

enum { CLF_ITEM, CLF__MAX };
static const struct vfield claim_fields[CLF__MAX] = {
	{ "item", "服务项目", V_ID, true },			/* CLF_ITEM */
};

enum { WDF_CLAIM, WDF__MAX };
static const struct vfield withdraw_fields[WDF__MAX] = {
	{ "claim", "认领记录", V_ID, true },			/* WDF_CLAIM */
};

static const struct vaction member_actions[MB__MAX] = {
	{ "login", login_fields, LF__MAX },			/* MB_LOGIN */
	{ "claim", claim_fields, CLF__MAX },			/* MB_CLAIM */
	{ "withdraw", withdraw_fields, WDF__MAX },		/* MB_WITHDRAW */
	{ "logout", NULL, 0 },					/* MB_LOGOUT */
};

/*
 * Code logins per phone and per client address, kept in the daemon so
 * that a phone on no roster is counted exactly like a member's: each try
 * counts when it starts (the check and the count under one lock, so
 * parallel tries cannot slip past); from the [members] code_max_failures-th
 * try of a phone (CT_ADDR_TIMES as many of an address, which many members
 * may share) on, each try holds the key back for a delay that doubles, from
 * 2 seconds up to code_lockout_minutes.  A login clears its phone and does
 * not count for its address.  A key quiet for
 * longer than the longest delay is forgotten; when a table is full the
 * key used longest ago makes room.  Nothing is destroyed: a member's code
 * stays valid whatever others send.
 */
#define CT_SLOTS	2048
#define CT_ADDR_TIMES	4

struct ctslot {
	char		 key[48];
	int		 tries;
	time_t		 until, last;
};

static struct ctslot	 ct_phone[CT_SLOTS], ct_addr[CT_SLOTS];
static pthread_mutex_t	 ct_mutex = PTHREAD_MUTEX_INITIALIZER;

/* The slot of key in t (a new or reused one when make), or NULL. */
static struct ctslot *
ct_slot(struct ctslot *t, const char *key, time_t now, int cap, int make)
{
	struct ctslot	*old = &t[0];
	size_t		 i;

	for (i = 0; i < CT_SLOTS; i++) {
		if (t[i].key[0] != '\0' && strcmp(t[i].key, key) == 0) {
			if (now - t[i].last > cap && now >= t[i].until)
				t[i].tries = 0;	/* quiet long enough */
			return &t[i];
		}
		if (t[i].last < old->last)
			old = &t[i];
	}
	if (!make)
		return NULL;
	memset(old, 0, sizeof(*old));
	snprintf(old->key, sizeof(old->key), "%s", key);
	return old;
}

/* Count a try of key: its delay from now on once over max. */
static void
ct_count(struct ctslot *s, time_t now, int max, int cap)
{
	time_t	 d;

	s->last = now;
	if (++s->tries < max)
		return;
	d = s->tries - max >= 20 ? cap : (time_t)2 << (s->tries - max);
	s->until = now + (d > cap ? cap : d);
}

/*
 * A code login of phone from addr at now: 0 and counted, or the seconds
 * to wait (nothing counted).
 */
static long
ct_try(const struct config *cfg, const char *phone, const char *addr,
    time_t now)
{
	struct ctslot	*p, *a;
	int		 cap = cfg->code_lockout_minutes * 60;
	time_t		 until;

	pthread_mutex_lock(&ct_mutex);
	p = ct_slot(ct_phone, phone, now, cap, 1);
	a = ct_slot(ct_addr, addr, now, cap, 1);
	until = p->until > a->until ? p->until : a->until;
	if (until <= now) {
		ct_count(p, now, cfg->code_max_failures, cap);
		ct_count(a, now, cfg->code_max_failures * CT_ADDR_TIMES,
		    cap);
	}
	pthread_mutex_unlock(&ct_mutex);
	return until > now ? (long)(until - now) : 0;
}

/* A login with phone from addr succeeded: the phone's count is cleared,
 * the try does not count for the address. */
static void
ct_done(const char *phone, const char *addr, time_t now)
{
	struct ctslot	*p;

	pthread_mutex_lock(&ct_mutex);
	if ((p = ct_slot(ct_phone, phone, now, 0, 0)) != NULL)
		memset(p, 0, sizeof(*p));
	if ((p = ct_slot(ct_addr, addr, now, 0, 0)) != NULL && p->tries > 0)
		p->tries--;
	pthread_mutex_unlock(&ct_mutex);
}

/*
 * A login with phone and one-time code: 303 to /member with a session
 * cookie; 403 for a wrong phone or code; 429 with Retry-After while the
 * phone or the client address is held back (ct_try).  Known and unknown
 * phones get the same answers.  A phone or code that is not one is wrong
 * without asking the database (or counting).
 */
static void
member_login(struct req *r)
{
	const struct config *cfg = r->cfg;
	struct db_mlogin l;
	enum db_mlogin_rc out = DB_MLOGIN_WRONG;
	const char	*addr = r->addr ? r->addr : "";
	char		 token[DB_HASH_LEN * 2 + 1], msg[256], at[32];
	long		 wait = 0;
	int		 mid, rc = DB_OK;

	memset(&l, 0, sizeof(l));
	l.phone = r->av[LF_PHONE].s;
	l.code = r->av[LF_CODE].s;
	l.now = time(NULL);
	l.expires = l.now + (time_t)cfg->member_session_minutes * 60;
	if (r->nabad == 0 && (wait = ct_try(cfg, l.phone, addr, l.now)) == 0)
		rc = db_member_login(r->db, &l, token, &mid, &out);
	if (rc != DB_OK) {
		http_db_error(r, rc);
	} else if (wait > 0) {
		snprintf(msg, sizeof(msg), "验证码尝试过于频繁，请 %ld 秒后再"
		    "试。原验证码仍然有效。", wait);
		snprintf(at, sizeof(at), "%ld", wait);
		r->status = 429;
		http_header(r, "Retry-After", at);
		member_login_form(r, msg);
	} else if (out == DB_MLOGIN_WRONG) {
		r->status = 403;
		member_login_form(r, "手机号码或验证码不正确，或验证码已使用、"
		    "已过期。");
	} else {
		ct_done(l.phone, addr, l.now);
		auth_set_cookie(r, MEMBER_COOKIE, token, -1);
		r->status = 303;
		http_header(r, "Location", "/member");
	}
}

static const char *const claim_msgs[] = {
	[DB_CLAIM_OK] = "认领成功。",
	[DB_CLAIM_NOT_REPORTED] = "您的报到未确认或已过期，请重新报到后再认领。",
	[DB_CLAIM_NOT_OFFERED] = "该项目不在本社区的服务菜单中或不在服务时间内。",
	[DB_CLAIM_FULL] = "该项目名额已满。",
	[DB_CLAIM_LIMIT] = "您已认领的未完成项目已达上限，请完成或撤回后再认领。",
	[DB_CLAIM_TWICE] = "您已认领该项目。",
};

/* Claim an item of the member's community: the page, or 409 refused. */
static void
member_claim(struct req *r, int mid, const char *token)
{
	char		 d[DB_DATE_LEN + 1];
	enum db_claim_rc out;
	int		 rc;

	members_today(d);
	rc = db_claim(r->db, mid, (int)r->av[CLF_ITEM].i,
	    r->cfg->max_open_claims, d, time(NULL), &out);
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	if (out != DB_CLAIM_OK)
		r->status = 409;
	member_page(r, mid, token, claim_msgs[out], out != DB_CLAIM_OK);
}

/* Withdraw one of the member's open claims: the page, or 409. */
static void
member_withdraw(struct req *r, int mid, const char *token)
{
	int	 rc;

	rc = db_claim_withdraw(r->db, mid, (int)r->av[WDF_CLAIM].i,
	    time(NULL));
	if (rc == DB_NOTFOUND) {
		r->status = 409;
		member_page(r, mid, token, "该认领已完成、已撤回或不存在。", 1);
	} else if (rc != DB_OK)
		http_db_error(r, rc);
	else
		member_page(r, mid, token, "已撤回。", 0);
}

/* Log out: the session ends and its cookie is cleared; 303 to /member. */
static void
member_logout(struct req *r, int mid, const char *token)
{
	int	 rc;

	(void)mid;
	if ((rc = db_member_session_end(r->db, token)) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	auth_set_cookie(r, MEMBER_COOKIE, "", 0);
	r->status = 303;
	http_header(r, "Location", "/member");
}

/* What the actions of a member's session do (MB_LOGIN: before one). */
static void (*const member_do[MB__MAX])(struct req *, int member_id,
    const char *token) = {
	NULL,				/* MB_LOGIN */
	member_claim,			/* MB_CLAIM */
	member_withdraw,		/* MB_WITHDRAW */
	member_logout,			/* MB_LOGOUT */
};

/*
 * POST /member: action login (phone and one-time code: 303 to /member
 * with a session cookie, or 403), claim, withdraw or logout (the session
 * and its CSRF token needed: 403 otherwise; 409 when refused; 400 for an unknown
 * action or a bad id).
 */
void
page_member_post(struct req *r)
{
	char		 token[DB_HASH_LEN * 2 + 1], want[DB_HASH_LEN * 2 + 1];
	int		 mid;

	if (r->action == MB_LOGIN) {
		member_login(r);
		return;
	}
	if ((mid = member_session_of(r, token)) == 0) {
		r->status = 403;
		member_login_form(r, "请先输入手机号码和验证码。");
		return;
	}
	member_csrf(token, want);
	if (r->csrf == NULL || strlen(r->csrf) != strlen(want) ||
	    sodium_memcmp(r->csrf, want, strlen(want)) != 0) {
		html_error_page(r, 403, "请求已失效", "请返回刷新页面后重试。");
		return;
	}
	if (r->action < 0 || r->nabad != 0)
		html_error_page(r, 400, "请求有误", "请返回重新操作。");
	else
		member_do[r->action](r, mid, token);
}

/* The routes' tables. */
VFORM_NONE(form_member);			/* takes nothing */
const struct vform form_member_post = { NULL, 0, member_actions, MB__MAX };
