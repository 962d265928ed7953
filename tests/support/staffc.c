/*
 * Staff sessions for the integration tests: logging in through nginx,
 * requests with the session cookie, and the session's CSRF token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "httpc.h"
#include "staffc.h"

static int	 src_next = 2;

/* Each login from its own loopback address: nginx limits per address. */
static void
next_source(char *buf)
{
	snprintf(buf, 16, "127.0.%d.%d", 10 + (src_next / 250) % 200,
	    1 + src_next % 250);
	src_next++;
	httpc_source = buf;
}

char	 login_landing[64];

/* Log in; returns the status of POST /login, and the cookie when 303. */
int
login(const char *user, const char *pw, char cookie[128])
{
	struct hresp	 r;
	char		 pre[80], hdr[256], body[1024], u[128], p[384], src[16];
	const char	*c, *f;
	int		 st;

	next_source(src);
	httpc_headers = NULL;
	assert_int_equal(http_get("/login", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(c = hresp_cookie(&r, "lx_pre"));
	snprintf(pre, sizeof(pre), "%s", c);
	assert_non_null(f = strstr(r.body, "name=\"csrf\" value=\""));
	assert_memory_equal(f + 19, pre, 64);
	hresp_free(&r);
	snprintf(hdr, sizeof(hdr), "Cookie: lx_pre=%s\r\n", pre);
	httpc_headers = hdr;
	http_enc(u, sizeof(u), user);
	http_enc(p, sizeof(p), pw);
	snprintf(body, sizeof(body), "csrf=%s&username=%s&password=%s&"
	    "next=%%2Fstaff", pre, u, p);
	assert_int_equal(http_post("/login", body, &r), 0);
	httpc_headers = NULL;
	httpc_source = NULL;
	st = r.status;
	cookie[0] = '\0';
	if (st == 303) {
		/* Department staff start on their own queue (issue 19),
		 * unit accounts on /unit (issue 20). */
		assert_non_null(c = hresp_header(&r, "Location"));
		snprintf(login_landing, sizeof(login_landing), "%s", c);
		if (strcmp(c, "/staff") != 0 && strcmp(c, "/unit") != 0)
			assert_string_equal(c, "/dept");
		assert_non_null(c = hresp_cookie(&r, "lx_session"));
		snprintf(cookie, 128, "%s", c);
		assert_non_null(strstr(r.head, "HttpOnly; SameSite=Strict"));
	} else
		assert_null(hresp_cookie(&r, "lx_session"));
	hresp_free(&r);
	return st;
}

void
must_login(const char *user, char cookie[128])
{
	assert_int_equal(login(user, PW, cookie), 303);
}

/* A request with a session cookie. */
int
req(const char *cookie, const char *method, const char *path,
    const char *body, struct hresp *r)
{
	char	 hdr[256];
	int	 rc;

	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n", cookie);
	httpc_headers = hdr;
	rc = http_do(method, path, NULL, body, body ? strlen(body) : 0, r);
	httpc_headers = NULL;
	return rc;
}

int
status_of(const char *cookie, const char *method, const char *path,
    const char *body)
{
	struct hresp	 r;
	int		 st;

	assert_int_equal(req(cookie, method, path, body, &r), 0);
	st = r.status;
	hresp_free(&r);
	return st;
}

/* The session's CSRF token, from any staff page. */
void
csrf_of(const char *cookie, char csrf[65])
{
	struct hresp	 r;
	const char	*p;

	assert_int_equal(req(cookie, "GET", "/staff", NULL, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(p = strstr(r.body, "name=\"csrf\" value=\""));
	memcpy(csrf, p + 19, 64);
	csrf[64] = '\0';
	hresp_free(&r);
}

