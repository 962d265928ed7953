/*
 * Staff sessions.  The cookie holds a 256-bit random token; the database
 * holds only its BLAKE2b hash.  A new token at every login; idle and
 * absolute timeouts; logout deletes the session row.  Every state-changing
 * form carries the session's CSRF token, compared in constant time.
 *
 * A session checked in the database is trusted for [auth]
 * session_cache_seconds by this process (the memo below); logout and
 * changes to an account forget what this process holds at once.
 *
 * Logins are throttled per username (known or not) and per client address
 * (db_login_claim), counted before the password is checked; every failure
 * (unknown, disabled, throttled, wrong password) runs one argon2 check and
 * gets the same page; at most [auth] hash_concurrency checks run at once.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>
#include <sodium.h>

#include "auth.h"
#include "config.h"
#include "html.h"
#include "memo.h"
#include "route.h"
#include "valid.h"

#define TOKEN_BYTES	32
#define TOKEN_B64	sodium_base64_ENCODED_LEN(TOKEN_BYTES, \
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING)
#define TOUCH_EVERY	60	/* seconds between seen_at updates */

/* Checked sessions, by token hash. */
struct checked {
	struct db_session ses;
	struct db_user	 u;
};
static struct memo sessions = MEMO_INIT(1024);

/*
 * The password hashes running at once: a counting semaphore sized by
 * [auth] hash_concurrency (each argon2id check takes 64 MiB), with the
 * most seen running at once for /metrics.
 */
static pthread_mutex_t	 hash_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 hash_cv = PTHREAD_COND_INITIALIZER;
static int		 hash_running, hash_peak;
static unsigned long long hash_total;

/* A hash of a random password, checked for names with no usable account. */
static char		 dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t	 dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_make(void)
{
	char	 pw[33];

	randombytes_buf(pw, sizeof(pw) - 1);
	pw[sizeof(pw) - 1] = '\0';
	(void)db_password_hash(pw, dummy_hash);
}

/* Check pw against hash (NULL: the dummy, never true), waiting its turn. */
static int
password_check(const struct req *r, const char *hash, const char *pw)
{
	int	 ok;

	pthread_mutex_lock(&hash_mu);
	while (hash_running >= r->cfg->hash_concurrency)
		pthread_cond_wait(&hash_cv, &hash_mu);
	if (++hash_running > hash_peak)
		hash_peak = hash_running;
	hash_total++;
	pthread_mutex_unlock(&hash_mu);
	if (hash == NULL) {
		pthread_once(&dummy_once, dummy_make);
		hash = dummy_hash;
	}
	ok = db_password_check(hash, pw) && hash != dummy_hash;
	pthread_mutex_lock(&hash_mu);
	hash_running--;
	pthread_cond_signal(&hash_cv);
	pthread_mutex_unlock(&hash_mu);
	return ok;
}

void
auth_hash_counts(int *running, int *peak, unsigned long long *total)
{
	pthread_mutex_lock(&hash_mu);
	*running = hash_running;
	*peak = hash_peak;
	*total = hash_total;
	pthread_mutex_unlock(&hash_mu);
}

void
auth_forget_sessions(void)
{
	memo_clear(&sessions);
}

void
auth_cache_counts(unsigned long long *hits, unsigned long long *misses)
{
	memo_counts(&sessions, hits, misses);
}

int
cookie_find(const char *c, const char *name, char *out, size_t outsz)
{
	const char	*p, *end;
	size_t		 nl = strlen(name), vl;

	for (p = c; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		while (*p == ' ' || *p == '\t')
			p++;
		end = p + strcspn(p, ";");
		if ((size_t)(end - p) > nl && strncmp(p, name, nl) == 0 &&
		    p[nl] == '=') {
			vl = (size_t)(end - p) - nl - 1;
			if (vl >= outsz)
				return -1;
			memcpy(out, p + nl + 1, vl);
			out[vl] = '\0';
			return 0;
		}
	}
	return -1;
}

int
http_cookie(const struct req *r, const char *name, char *out, size_t outsz)
{
	return cookie_find(FCGX_GetParam("HTTP_COOKIE", r->fcgi->envp), name,
	    out, outsz);
}

static int
cookie_secure(const struct req *r)
{
	const char	*https;

	if (strcmp(r->cfg->cookie_secure, "always") == 0)
		return 1;
	if (strcmp(r->cfg->cookie_secure, "never") == 0)
		return 0;
	https = FCGX_GetParam("HTTPS", r->fcgi->envp);
	return https != NULL && strcmp(https, "on") == 0;
}

void
auth_set_cookie(struct req *r, const char *name, const char *value, int maxage)
{
	char	 line[256];

	char	 age[32] = "";

	/* maxage < 0: a cookie of the browser session; else its seconds. */
	if (maxage >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%d", maxage);
	snprintf(line, sizeof(line), "%s=%s; Path=/; HttpOnly; "
	    "SameSite=Strict%s%s", name, value, cookie_secure(r) ?
	    "; Secure" : "", age);
	http_header(r, "Set-Cookie", line);
}

/* The session token of the cookie, hashed; 0 or -1. */
static int
cookie_hash(const struct req *r, unsigned char hash[DB_HASH_LEN])
{
	char		 tok[TOKEN_B64 + 1];
	unsigned char	 raw[TOKEN_BYTES];
	size_t		 n;

	if (http_cookie(r, AUTH_COOKIE, tok, sizeof(tok)) == -1 ||
	    sodium_base642bin(raw, sizeof(raw), tok, strlen(tok), NULL, &n,
	    NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != TOKEN_BYTES)
		return -1;
	crypto_generichash(hash, DB_HASH_LEN, raw, sizeof(raw), NULL, 0);
	return 0;
}

void
auth_audit(struct req *r, const struct staff *s, const char *action,
    const char *object, const char *detail)
{
	(void)db_audit(r->db, s ? s->u.id : 0, s ? s->u.username : "",
	    action, object, detail, r->addr, time(NULL));
}

/* A safe place to go after the login: a path of ours, nothing else. */
static const char *
next_path(const char *next)
{
	if (next == NULL || next[0] != '/' || next[1] == '/' ||
	    strlen(next) > 200 || strspn(next, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/_-.?=&") != strlen(next))
		return "/staff";
	return next;
}

/* 303 to the login page, coming back here afterwards. */
static void
to_login(struct req *r)
{
	struct buf	 loc = { 0 };

	buf_add(&loc, "/login?next=");
	html_url_arg(&loc, r->method == METHOD_GET ? r->path : "/staff");
	r->status = 303;
	http_header(r, "Location", loc.oom ? "/login" : loc.p);
	buf_free(&loc);
}

static int
csrf_ok(const struct req *r, const unsigned char want[DB_HASH_LEN])
{
	const char	*s = r->csrf;
	unsigned char	 got[DB_HASH_LEN];
	size_t		 n;

	return s != NULL && strlen(s) == DB_HASH_LEN * 2 &&
	    sodium_hex2bin(got, sizeof(got), s, strlen(s), NULL, &n,
	    NULL) == 0 && n == DB_HASH_LEN &&
	    sodium_memcmp(got, want, DB_HASH_LEN) == 0;
}

int
auth_require(struct req *r, unsigned roles, struct staff *s)
{
	struct checked	 c;
	time_t		 now = time(NULL), at;
	int		 rc = DB_OK, fresh = 0;

	memset(s, 0, sizeof(*s));
	if (cookie_hash(r, s->token_hash) == -1) {
		to_login(r);
		return -1;
	}
	if (r->cfg->session_cache_s == 0 || memo_get(&sessions,
	    s->token_hash, DB_HASH_LEN, now - r->cfg->session_cache_s, &c,
	    sizeof(c), &at) != (long)sizeof(c)) {
		rc = db_session_get(r->db, s->token_hash,
		    now - (time_t)r->cfg->idle_minutes * 60,
		    now - (time_t)r->cfg->absolute_hours * 3600, &c.ses, &c.u);
		at = now;
		fresh = 1;
	}
	if (rc == DB_NOTFOUND || (rc == DB_OK && c.u.disabled)) {
		memo_drop(&sessions, s->token_hash, DB_HASH_LEN);
		to_login(r);
		return -1;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return -1;
	}
	if (now - c.ses.seen_at >= TOUCH_EVERY &&
	    db_session_touch(r->db, s->token_hash, now) == DB_OK) {
		c.ses.seen_at = now;
		fresh = 1;
	}
	if (fresh && r->cfg->session_cache_s > 0)
		memo_put(&sessions, s->token_hash, DB_HASH_LEN, &c, sizeof(c),
		    at);
	s->u = c.u;
	memcpy(s->csrf, c.ses.csrf, DB_HASH_LEN);
	sodium_bin2hex(s->csrf_hex, sizeof(s->csrf_hex), s->csrf,
	    DB_HASH_LEN);
	if (!(roles & ROLE_BIT(s->u.role))) {
		html_error_page(r, 404, "页面不存在",
		    "您访问的页面不存在或已被移除。");
		return -1;
	}
	if (r->method == METHOD_POST && !csrf_ok(r, s->csrf)) {
		html_error_page(r, 403, "表单已失效",
		    "表单校验失败（可能已过期或来自其他网站），请返回刷新页面后重试。");
		return -1;
	}
	return 0;
}

void
auth_csrf_field(struct buf *b, const struct staff *s)
{
	buf_printf(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n",
	    s->csrf_hex);
}

/* The login form; msg is shown above it. */
static void
login_form(struct req *r, const char *msg, const char *username,
    const char *next)
{
	unsigned char	 pre[DB_HASH_LEN];
	char		 hex[DB_HASH_LEN * 2 + 1];
	struct buf	*b = &r->body;

	randombytes_buf(pre, sizeof(pre));
	sodium_bin2hex(hex, sizeof(hex), pre, sizeof(pre));
	auth_set_cookie(r, AUTH_PRE_COOKIE, hex, -1);
	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "工作人员登录");
	buf_add(b, "<h1>工作人员登录</h1>\n");
	html_notice(b, msg, 1);
	buf_printf(b, "<form method=\"post\" action=\"/login\" class=\"card\">\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
	    "<input type=\"hidden\" name=\"next\" value=\"", hex);
	html_attr(b, next_path(next));
	buf_add(b, "\">\n<p><label for=\"username\">用户名</label>\n"
	    "<input id=\"username\" name=\"username\" maxlength=\"64\" "
	    "autocomplete=\"username\" required value=\"");
	html_attr(b, username ? username : "");
	buf_add(b, "\"></p>\n<p><label for=\"password\">密码</label>\n"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "maxlength=\"128\" autocomplete=\"current-password\" required></p>\n"
	    "<p><button class=\"button\" type=\"submit\">登录</button></p>\n"
	    "</form>\n<p class=\"muted\">连续多次登录失败后，需等待一段时间"
	    "才能再试，等待时间逐次加倍。忘记密码请联系管理员重置。</p>\n");
	html_end(r);
}

/*
 * The login's fields: GET /login takes the first (where to go after the
 * login), POST /login all three.  A next that fails is ignored (next_path
 * makes it /staff).
 */
enum lf { LF_NEXT, LF_USERNAME, LF_PASSWORD, LF__MAX };
static const struct vfield login_fields[LF__MAX] = {
	{ "next", "返回页面", V_TEXT, false, 1, 200 },		/* LF_NEXT */
	{ "username", "用户名", V_TEXT, true, 1, 64 },		/* LF_USERNAME */
	{ "password", "密码", V_TEXT, true, 1, 128 },		/* LF_PASSWORD */
};

/* The next of the login's fields, or NULL. */
static const char *
login_next(const struct req *r)
{
	return r->v[LF_NEXT].error == NULL ? r->v[LF_NEXT].s : NULL;
}

/* GET /login */
void
page_login(struct req *r)
{
	login_form(r, NULL, NULL, login_next(r));
}

/* The login form's own CSRF check: its hidden field equals its cookie. */
static int
pre_ok(const struct req *r)
{
	char		 c[DB_HASH_LEN * 2 + 1];
	const char	*f = r->csrf;

	return http_cookie(r, AUTH_PRE_COOKIE, c, sizeof(c)) == 0 &&
	    f != NULL && strlen(c) == DB_HASH_LEN * 2 &&
	    strlen(f) == strlen(c) && sodium_memcmp(c, f, strlen(c)) == 0;
}

/* Start a session for u: cookie, row, audit entry, the throttle's keys
 * (t[0] the address, t[1] the username) cleared; 303 onwards. */
static void
start_session(struct req *r, const struct db_user *u,
    const struct db_throttle t[2], const char *next)
{
	unsigned char	 raw[TOKEN_BYTES], hash[DB_HASH_LEN], csrf[DB_HASH_LEN];
	unsigned char	 old[DB_HASH_LEN];
	char		 tok[TOKEN_B64];
	time_t		 now = time(NULL);
	int		 rc;

	if (cookie_hash(r, old) == 0) {
		memo_drop(&sessions, old, DB_HASH_LEN);
		(void)db_session_delete(r->db, old);
	}
	randombytes_buf(raw, sizeof(raw));
	randombytes_buf(csrf, sizeof(csrf));
	crypto_generichash(hash, sizeof(hash), raw, sizeof(raw), NULL, 0);
	sodium_bin2base64(tok, sizeof(tok), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if ((rc = db_session_create(r->db, hash, u->id, csrf, now,
	    r->addr)) != DB_OK || (rc = db_login_ok(r->db, t[1].key,
	    t[0].key, now - 2 * t[0].cap)) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	(void)db_audit(r->db, u->id, u->username, "login", "", "", r->addr,
	    now);
	auth_set_cookie(r, AUTH_COOKIE, tok, -1);
	auth_set_cookie(r, AUTH_PRE_COOKIE, "", 0);
	r->status = 303;
	/* A department's staff start on their own queue (issue 19), a
	 * co-building unit's contact on the unit's page (issue 20). */
	http_header(r, "Location", strcmp(next_path(next), "/staff") != 0 ?
	    next_path(next) : u->role == ROLE_DEPT ? "/dept" :
	    u->role == ROLE_UNIT ? "/unit" : "/staff");
}

/*
 * POST /login.  The attempt counts against its address and its username
 * (known or not) before anything else; then one password check, against
 * the account's hash or a dummy.  Unknown name, disabled account, wrong
 * password and a throttled attempt get the same page, in the same time.
 */
void
page_login_post(struct req *r)
{
	const struct vvalue *name = &r->v[LF_USERNAME];
	const struct vvalue *pw = &r->v[LF_PASSWORD];
	struct db_user	 u;
	const char	*next = login_next(r);
	time_t		 now = time(NULL), wait;
	char		 ukey[300], akey[80], detail[64];
	int		 rc;

	if (!pre_ok(r)) {
		r->status = 403;
		login_form(r, "登录表单已过期，请重新输入。", NULL, next);
		return;
	}
	if (name->error != NULL || pw->error != NULL) {
		r->status = 400;
		login_form(r, "请输入用户名和密码。", NULL, next);
		return;
	}
	snprintf(ukey, sizeof(ukey), "u:%s", name->s);
	snprintf(akey, sizeof(akey), "a:%s", r->addr);
	const struct db_throttle t[2] = {	/* this order: no deadlock */
		{ akey, r->cfg->address_max_failures, r->cfg->lockout_base_s,
		    (time_t)r->cfg->lockout_minutes * 60 },
		{ ukey, r->cfg->max_failures, r->cfg->lockout_base_s,
		    (time_t)r->cfg->lockout_minutes * 60 },
	};
	if ((rc = db_login_claim(r->db, t, 2, now, &wait)) != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	if (wait != 0) {
		(void)password_check(r, NULL, pw->s);
		snprintf(detail, sizeof(detail), "until %lld",
		    (long long)wait);
		(void)db_audit(r->db, 0, name->s, "login_throttled", "",
		    detail, r->addr, now);
		goto refused;
	}
	rc = db_user_by_name(r->db, name->s, &u);
	if (rc != DB_OK && rc != DB_NOTFOUND) {
		http_db_error(r, rc);
		return;
	}
	if (rc == DB_OK && !u.disabled) {
		if (password_check(r, u.password_hash, pw->s)) {
			start_session(r, &u, t, next);
			return;
		}
	} else
		(void)password_check(r, NULL, pw->s);
	(void)db_audit(r->db, rc == DB_OK ? u.id : 0, name->s, "login_failed",
	    "", rc == DB_OK && u.disabled ? "disabled" : "", r->addr, now);
refused:
	r->status = 403;
	login_form(r, "用户名或密码错误，或尝试次数过多，请稍后再试。",
	    name->s, next);
}

/* POST /logout: the session ends in the database, the cookie is cleared. */
void
page_logout_post(struct req *r)
{
	struct staff	 s;

	if (auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	memo_drop(&sessions, s.token_hash, DB_HASH_LEN);
	(void)db_session_delete(r->db, s.token_hash);
	auth_audit(r, &s, "logout", "", "");
	auth_set_cookie(r, AUTH_COOKIE, "", 0);
	r->status = 303;
	http_header(r, "Location", "/login");
}

/* The routes' tables (the CSRF token of every POST is r->csrf). */
const struct vform form_login = { login_fields, LF_NEXT + 1, NULL, 0 };
VFORM(form_login_post, login_fields);
VFORM_NONE(form_logout_post);
