/*
 * Members log in with their phone (/member/sms): a 6-digit code sent by
 * SMS through the outbox (sql/outbox.c, kind member_code) and `lianxin
 * send`, then a member session that lasts [members] member_session_days
 * on that device (a cookie with Max-Age) until logout on /member.  A
 * phone on no roster gets the same page, after the same floor of time,
 * and no message.  Codes per phone and per client address are limited
 * (cgi/limit.c); a code is void after [members] sms_code_tries wrong ones
 * or sms_code_minutes.  Staff-issued codes (cgi/member.c) stay.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "html.h"
#include "http.h"
#include "limit.h"
#include "members.h"
#include "outbox.h"
#include "route.h"
#include "valid.h"

/* Every answer to a code request takes at least this long, so that the
 * time tells nothing of the roster. */
#define FLOOR_MS	300

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The form: a phone, and when a code was asked for, the code. */
static void
sms_form(struct req *r, const char *msg, int bad, const char *phone)
{
	struct buf	*b = &r->body;

	http_header(r, "Cache-Control", "no-store");
	html_begin(r, "党员短信登录");
	buf_add(b, "<h1>党员短信登录</h1>\n");
	html_notice(b, msg, bad);
	buf_add(b, "<form method=\"post\" action=\"/member/sms\" class=\"card\" "
	    "id=\"sms-send\">\n<p><label for=\"phone\">手机号码</label>"
	    "<input id=\"phone\" name=\"phone\" type=\"tel\" maxlength=\"11\" "
	    "inputmode=\"numeric\" autocomplete=\"tel\" required value=\"");
	html_attr(b, phone ? phone : "");
	buf_add(b, "\"></p>\n<p><button class=\"button\" name=\"action\" "
	    "value=\"send\">获取验证码</button></p>\n</form>\n");
	if (phone != NULL) {
		buf_add(b, "<form method=\"post\" action=\"/member/sms\" "
		    "class=\"card\" id=\"sms-login\">\n<input type=\"hidden\" "
		    "name=\"phone\" value=\"");
		html_attr(b, phone);
		buf_add(b, "\">\n<p><label for=\"code\">短信验证码</label>"
		    "<input id=\"code\" name=\"code\" maxlength=\"6\" "
		    "inputmode=\"numeric\" autocomplete=\"one-time-code\" "
		    "required></p>\n<p><button class=\"button\" name=\"action\" "
		    "value=\"login\">登录</button></p>\n</form>\n");
	}
	buf_add(b, "<p class=\"muted\">没有可以接收短信的手机？请向社区工作人员"
	    "领取验证码，在<a href=\"/member\">党员服务</a>页面登录。</p>\n");
	html_end(r);
}

/* GET /member/sms: the phone form. */
void
page_member_sms(struct req *r)
{
	sms_form(r, NULL, 0, NULL);
}

enum { MS_SEND, MS_LOGIN, MS__MAX };
enum { SF_PHONE, SF__MAX };
static const struct vfield send_fields[SF__MAX] = {
	{ "phone", "手机号码", V_PHONE, true },			/* SF_PHONE */
};
enum { SL_PHONE, SL_CODE, SL__MAX };
static const struct vfield sms_login_fields[SL__MAX] = {
	{ "phone", "手机号码", V_PHONE, true },			/* SL_PHONE */
	{ "code", "验证码", V_DIGITS, true, 6, 6 },		/* SL_CODE */
};
static const struct vaction sms_actions[MS__MAX] = {
	{ "send", send_fields, SF__MAX },			/* MS_SEND */
	{ "login", sms_login_fields, SL__MAX },			/* MS_LOGIN */
};

/* Send a code: the same page for every phone, after FLOOR_MS. */
static void
sms_send(struct req *r, const char *phone)
{
	double		 t0 = now_ms(), left;
	struct timespec	 ts;
	bool		 queued = false;
	char		 msg[256];
	int		 wait, rc;

	if (limit_guard(r, LIMIT_SMS_ADDR, r->addr) != 0)
		return;
	if ((wait = limit_take(r->cfg, LIMIT_SMS_PHONE, phone)) > 0) {
		limit_refuse(r, wait);
		return;
	}
	if ((rc = db_member_sms_code(r->db, phone, time(NULL), &queued)) !=
	    DB_OK) {
		http_db_error(r, rc);
		return;
	}
	if ((left = FLOOR_MS - (now_ms() - t0)) > 0) {
		ts.tv_sec = (time_t)(left / 1000);
		ts.tv_nsec = (long)((left - ts.tv_sec * 1000.0) * 1e6);
		nanosleep(&ts, NULL);
	}
	snprintf(msg, sizeof(msg), "如该号码已登记为本区党员，验证码短信已发出，"
	    "%d分钟内有效。", r->cfg->sms_code_minutes);
	sms_form(r, msg, 0, phone);
}

/* Log in with the code: 303 to /member with the session's cookie, or
 * 403 with the form. */
static void
sms_login(struct req *r, const char *phone, const char *code)
{
	const struct config *c = r->cfg;
	char		 token[65];
	time_t		 now = time(NULL);
	int		 member = 0, rc;

	if (limit_guard(r, LIMIT_LOOKUP_ADDR, r->addr) != 0)
		return;
	rc = db_member_sms_login(r->db, phone, code, now,
	    now + (time_t)c->member_session_days * 86400, token, &member);
	if (rc == DB_NOTFOUND) {
		r->status = 403;
		sms_form(r, "验证码不正确或已过期，请重新获取。", 1, phone);
		return;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	auth_set_cookie(r, MEMBER_COOKIE, token,
	    c->member_session_days * 86400);
	r->status = 303;
	http_header(r, "Location", "/member");
}

/* POST /member/sms: action send (phone) or login (phone and code). */
void
page_member_sms_post(struct req *r)
{
	if (r->action < 0 || r->nabad != 0) {
		r->status = 400;
		sms_form(r, "请输入正确的11位手机号码和6位验证码。", 1, NULL);
		return;
	}
	if (r->action == MS_SEND)
		sms_send(r, r->av[SF_PHONE].s);
	else
		sms_login(r, r->av[SL_PHONE].s, r->av[SL_CODE].s);
}

VFORM_NONE(form_member_sms);
const struct vform form_member_sms_post = { NULL, 0, sms_actions, MS__MAX };
