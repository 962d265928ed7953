/*
 * The dispatcher: one request from the accept loop to the response.
 * Parse (http.c), find the route (route.c), read the body, validate the
 * route's fields before the handler runs (valid.c), run the handler,
 * send.  The only file that knows both the request path and the route
 * table.
 */
#include <string.h>

#include <fcgiapp.h>

#include "html.h"
#include "http.h"
#include "route.h"
#include "valid.h"

/* The error format of a path: the route table's prefixes, else HTML. */
static void
set_errfmt(struct req *r)
{
	size_t	 i, n;

	r->errfmt = html_error_page;
	for (i = 0; route_errfmts[i].prefix != NULL; i++) {
		n = strlen(route_errfmts[i].prefix);
		if (strncmp(r->path, route_errfmts[i].prefix, n) == 0) {
			r->errfmt = route_errfmts[i].fn;
			return;
		}
	}
}

/*
 * Handle one request.  Answers 400 (malformed query or body), 404, 405
 * (with Allow), 413, 415, or whatever the handler answers.
 */
void
dispatch(FCGX_Request *f, const struct config *cfg, struct db *db)
{
	struct req	 r;
	enum page	 page;
	unsigned	 allowed;
	size_t		 i;
	int		 st;

	st = http_begin(&r, f, cfg, db);
	set_errfmt(&r);
	if (st != 0) {
		http_error(&r, 400, "请求格式错误",
		    "网址中的参数格式不正确。请返回首页重新操作。");
		goto send;
	}
	switch (route_find(r.path, r.method == METHOD__MAX ? METHOD_GET :
	    r.method, &page, &allowed, r.args, REQ_ARGS)) {
	case ROUTE_NOTFOUND:
		http_not_found(&r);
		goto send;
	case ROUTE_OK:
		if (r.method != METHOD__MAX)
			break;
		allowed = routes[page].methods;	/* unknown method */
		/* FALLTHROUGH */
	case ROUTE_BADMETHOD:
		buf_add(&r.head, "Allow: ");
		for (i = 0; i < METHOD__MAX; i++)
			if (allowed & (1u << i))
				buf_printf(&r.head, "%s%s", method_names[i],
				    (allowed >> (i + 1)) ? ", " : "");
		buf_add(&r.head, "\r\n");
		http_error(&r, 405, "不支持的请求方式",
		    "此页面不接受这种请求方式。");
		goto send;
	}
	if (r.method == METHOD_POST && (st = http_read_body(&r)) != 0) {
		http_error(&r, st, st == 413 ? "提交内容过大" :
		    "请求格式错误", st == 413 ?
		    "提交的内容超过了允许的大小，请精简后重试。" :
		    "提交的表单格式不正确，请返回重新填写。");
		goto send;
	}
	valid_request(&r, routes[page].form);
	routes[page].fn(&r);
send:
	http_finish(&r);
}
