/*
 * The stack through nginx: pages, errors, security headers, /healthz
 * both ways with the same daemon, and a clean SIGTERM.  Runs against the
 * MariaDB, lianxind and nginx that scripts/test.sh started.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "httpc.h"

static void
assert_security_headers(const struct hresp *r)
{
	const char	*v;

	v = hresp_header(r, "Content-Security-Policy");
	assert_non_null(v);
	assert_non_null(strstr(v, "default-src 'none'"));
	assert_non_null(strstr(v, "frame-ancestors 'none'"));
	v = hresp_header(r, "X-Content-Type-Options");
	assert_non_null(v);
	assert_string_equal(v, "nosniff");
	v = hresp_header(r, "X-Frame-Options");
	assert_non_null(v);
	assert_string_equal(v, "DENY");
	assert_non_null(hresp_header(r, "Referrer-Policy"));
}

/* The home page lists the categories read from the database. */
static void
home_page(void **state)
{
	struct hresp	 r;

	(void)state;
	assert_int_equal(http_get("/", &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"),
	    "text/html; charset=utf-8");
	assert_security_headers(&r);
	assert_non_null(strstr(r.body, "<html lang=\"zh-CN\">"));
	assert_non_null(strstr(r.body, "<form method=\"post\" action=\"/requests\""));
	/* Demo categories, first and last, with their limits. */
	assert_non_null(strstr(r.body, "环境卫生"));
	assert_non_null(strstr(r.body, "法律援助"));
	assert_non_null(strstr(r.body, "小时内响应"));
	hresp_free(&r);
}

static void
head_has_no_body(void **state)
{
	struct hresp	 r;

	(void)state;
	assert_int_equal(http_do("HEAD", "/", NULL, NULL, 0, &r), 0);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.bodylen, 0);
	assert_security_headers(&r);
	hresp_free(&r);
}

/*
 * The URL of a static file the home page links to: the first attribute
 * attr="/static/..." (the build names each file by its content's hash),
 * into out.  Returns 0 or -1.
 */
static int
linked_static(const char *attr, char *out, size_t sz)
{
	struct hresp	 r;
	char		 pat[32];
	const char	*p;
	size_t		 n;
	int		 rc = -1;

	if (http_get("/", &r) != 0)
		return -1;
	snprintf(pat, sizeof(pat), "%s=\"/static/", attr);
	if ((p = strstr(r.body, pat)) != NULL) {
		p += strlen(attr) + 2;
		n = strcspn(p, "\"");
		if (n < sz) {
			memcpy(out, p, n);
			out[n] = '\0';
			rc = 0;
		}
	}
	hresp_free(&r);
	return rc;
}

/* The stylesheet the pages link to, served by nginx. */
static void
stylesheet(void **state)
{
	struct hresp	 r;
	char		 url[128];

	(void)state;
	assert_int_equal(linked_static("href", url, sizeof(url)), 0);
	assert_int_equal(http_get(url, &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(hresp_header(&r, "Content-Type"), "text/css"));
	assert_non_null(strstr(r.body, "body{"));
	/* Its name changes with its content: browsers keep it. */
	assert_non_null(strstr(hresp_header(&r, "Cache-Control"),
	    "immutable"));
	hresp_free(&r);
	/* The script too; nothing else under /static/. */
	assert_int_equal(linked_static("src", url, sizeof(url)), 0);
	assert_int_equal(http_status(url), 200);
	assert_int_equal(http_status("/static/lianxin.css"), 404);
	assert_int_equal(http_status("/static/"), 404);
}

/*
 * The benchmark's ceiling route (GET /errors/404: no database): the 404
 * page with the usual headers.
 */
static void
ceiling_route(void **state)
{
	struct hresp	 r;

	(void)state;
	assert_int_equal(http_get("/errors/404", &r), 0);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "页面不存在"));
	assert_security_headers(&r);
	hresp_free(&r);
}

static void
not_found(void **state)
{
	static const char *const paths[] = {
		"/no/such/page", "/healthz/", "/%E5%B9%B8", "/index.php",
	};
	struct hresp	 r;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(http_get(paths[i], &r), 0);
		assert_int_equal(r.status, 404);
		assert_security_headers(&r);
		assert_non_null(strstr(r.body, "页面不存在"));
		assert_non_null(strstr(r.body, "返回首页"));
		hresp_free(&r);
	}
}

static void
method_not_allowed(void **state)
{
	struct hresp	 r;

	(void)state;
	assert_int_equal(http_do("POST", "/", NULL, "a=1", 3, &r), 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(hresp_header(&r, "Allow"), "GET, HEAD");
	assert_security_headers(&r);
	assert_non_null(strstr(r.body, "不支持的请求方式"));
	hresp_free(&r);
	assert_int_equal(http_do("DELETE", "/healthz", NULL, NULL, 0, &r), 0);
	assert_int_equal(r.status, 405);
	assert_string_equal(hresp_header(&r, "Allow"), "GET, HEAD");
	hresp_free(&r);
}

static void
malformed_query(void **state)
{
	struct hresp	 r;

	(void)state;
	assert_int_equal(http_get("/?q=%zz", &r), 0);
	assert_int_equal(r.status, 400);
	assert_security_headers(&r);
	assert_non_null(strstr(r.body, "请求格式错误"));
	hresp_free(&r);
}

static void
metrics(void **state)
{
	struct hresp	 r;

	(void)state;
	/* Not through the public site at all (issue 16, point 9): 404 from
	 * every address, even loopback; only on the metrics listener. */
	httpc_source = "127.0.0.1";
	assert_int_equal(http_status("/metrics"), 404);
	httpc_source = "127.0.16.3";
	assert_int_equal(http_status("/metrics"), 404);
	httpc_source = NULL;
	assert_int_equal(http_get_metrics("/", &r), 0);
	assert_int_equal(r.status, 404);
	hresp_free(&r);
	assert_int_equal(http_get_metrics("/metrics", &r), 0);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body,
	    "# TYPE lianxin_http_responses_total counter"));
	assert_non_null(strstr(r.body,
	    "lianxin_http_responses_total{class=\"2xx\"} "));
	hresp_free(&r);
}

/* Database down: 503 with a clear page; back up: 200, same daemon. */
static void
healthz_follows_database(void **state)
{
	struct hresp	 r;
	long		 pid;

	(void)state;
	pid = stack_pid("lianxind.pid");
	assert_true(pid > 0);
	assert_int_equal(http_status("/healthz"), 200);

	assert_int_equal(stack("db-stop"), 0);
	assert_int_equal(http_status("/healthz"), 503);
	/* The bench's ceiling route touches no database. */
	assert_int_equal(http_status("/errors/404"), 404);
	/* (The blank form is served from memory for a few seconds (issue
	 * 18): a page that reads the database.) */
	assert_int_equal(http_get("/receipt/23456789", &r), 0);
	assert_int_equal(r.status, 503);
	assert_non_null(strstr(r.body, "服务暂时不可用"));
	assert_non_null(hresp_header(&r, "Retry-After"));
	assert_security_headers(&r);
	hresp_free(&r);

	assert_int_equal(stack("db-start"), 0);
	/* Reconnects by itself; allow the retry pause to pass. */
	assert_int_equal(http_wait_status("/healthz", 200, 50), 200);
	assert_int_equal(http_status("/"), 200);
	assert_int_equal(stack_pid("lianxind.pid"), pid);
	assert_int_equal(kill((pid_t)pid, 0), 0);
}

static int
running(long pid)
{
	char	 path[64], st = '?';
	FILE	*f;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	if (fscanf(f, "%*d %*s %c", &st) != 1)
		st = '?';
	fclose(f);
	return st != 'Z' && st != 'X';
}

/* SIGTERM: the daemon exits within 2 s and removes its socket. */
static void
sigterm_exits_cleanly(void **state)
{
	struct timespec	 t0, t1;
	char		 sock[1024];
	long		 pid, ms;

	(void)state;
	pid = stack_pid("lianxind.pid");
	assert_true(pid > 0);
	snprintf(sock, sizeof(sock), "%s/lianxind.sock",
	    test_env("LIANXIN_TEST_RUN"));
	assert_int_equal(access(sock, F_OK), 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(kill((pid_t)pid, SIGTERM), 0);
	do {
		usleep(10000);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1000 +
		    (t1.tv_nsec - t0.tv_nsec) / 1000000;
	} while (running(pid) && ms < 5000);
	assert_false(running(pid));
	assert_true(ms < 2000);
	assert_int_not_equal(access(sock, F_OK), 0);
	/* nginx now has no upstream: 502, never a hang. */
	assert_int_equal(http_status("/healthz"), 502);
	/* And the next start works (no stale socket or pid file blocks it). */
	assert_int_equal(stack("daemon-start"), 0);
	assert_int_equal(http_status("/healthz"), 200);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(home_page),
		cmocka_unit_test(head_has_no_body),
		cmocka_unit_test(stylesheet),
		cmocka_unit_test(ceiling_route),
		cmocka_unit_test(not_found),
		cmocka_unit_test(method_not_allowed),
		cmocka_unit_test(malformed_query),
		cmocka_unit_test(metrics),
		cmocka_unit_test(healthz_follows_database),
		cmocka_unit_test(sigterm_exits_cleanly),
	};

	return cmocka_run_group_tests_name("stack", tests, NULL, NULL);
}
