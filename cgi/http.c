/*
 * Request parsing and the one response path.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <fcgiapp.h>
#include <uriparser/Uri.h>

#include "config.h"
#include "db.h"
#include "http.h"
#include "log.h"
#include "multipart.h"

#define MAX_FIELDS	200

const char *const method_names[METHOD__MAX] = {
	"GET",		/* METHOD_GET */
	"HEAD",		/* METHOD_HEAD */
	"POST",		/* METHOD_POST */
};

static struct {
	unsigned long long by_class[6];
	unsigned long long inflight;
} stats;

void
http_stats_get(struct http_stats *s)
{
	size_t	 i;

	for (i = 0; i < 6; i++)
		s->by_class[i] = __atomic_load_n(&stats.by_class[i],
		    __ATOMIC_RELAXED);
	s->inflight = __atomic_load_n(&stats.inflight, __ATOMIC_RELAXED);
}

static const struct {
	int		 code;
	const char	*text;
} statuses[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 413, "Payload Too Large" },
	{ 415, "Unsupported Media Type" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

const char *
http_status_text(int code)
{
	size_t	 i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].code == code)
			return statuses[i].text;
	return "Unknown";
}

/* Add a header line to the response. */
void
http_header(struct req *r, const char *name, const char *value)
{
	buf_printf(&r->head, "%s: %s\r\n", name, value);
}

void
http_free_kv(struct kv *kv, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(kv[i].key);
		free(kv[i].val);
	}
	free(kv);
}

static int
ishex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/*
 * Decode an application/x-www-form-urlencoded string (a query string or
 * a form body) with liburiparser.  Stricter than the decoder: a '%' must
 * start a %HH escape, %00 is refused, and at most MAX_FIELDS fields.
 * Returns 0 with *out (free with http_free_kv) or -1 for a malformed one.
 */
int
http_parse_form(const char *s, size_t len, struct kv **out, size_t *n)
{
	UriQueryListA	*list = NULL, *it;
	struct kv	*kv;
	size_t		 i;
	int		 count = 0;

	*out = NULL;
	*n = 0;
	for (i = 0; i < len; i++) {
		if (s[i] == '\0')
			return -1;
		if (s[i] != '%')
			continue;
		if (i + 2 >= len)
			return -1;
		if (!ishex(s[i + 1]) || !ishex(s[i + 2]) ||
		    (s[i + 1] == '0' && s[i + 2] == '0'))
			return -1;
	}
	if (len == 0)
		return 0;
	if (uriDissectQueryMallocExA(&list, &count, s, s + len, URI_TRUE,
	    URI_BR_DONT_TOUCH) != URI_SUCCESS)
		return -1;
	if (count > MAX_FIELDS) {
		uriFreeQueryListA(list);
		return -1;
	}
	if ((kv = calloc((size_t)count + 1, sizeof(*kv))) == NULL) {
		uriFreeQueryListA(list);
		return -1;
	}
	for (i = 0, it = list; it != NULL; it = it->next, i++) {
		kv[i].key = strdup(it->key ? it->key : "");
		kv[i].val = strdup(it->value ? it->value : "");
		if (kv[i].key == NULL || kv[i].val == NULL) {
			http_free_kv(kv, i + 1);
			uriFreeQueryListA(list);
			return -1;
		}
	}
	uriFreeQueryListA(list);
	for (i = 0; i < (size_t)count; i++)
		kv[i].len = strlen(kv[i].val);
	*out = kv;
	*n = i;
	return 0;
}

/*
 * Decode a multipart/form-data body (lib/multipart.c) into *out: text
 * parts as form fields (no NUL bytes in them), file parts with content
 * as kv.file (empty file inputs are left out; how many a field may have
 * is the validation's business).  Returns 0, or -1 for a malformed body.
 */
int
http_parse_multipart(const char *body, size_t len, const char *boundary,
    struct kv **out, size_t *n)
{
	struct mpart	*parts;
	struct kv	*kv;
	size_t		 np, i, k = 0;

	*out = NULL;
	*n = 0;
	if ((parts = calloc(MAX_FIELDS, sizeof(*parts))) == NULL)
		return -1;
	if (multipart_parse(body, len, boundary, parts, MAX_FIELDS, &np) ==
	    -1 || (kv = calloc(np + 1, sizeof(*kv))) == NULL) {
		free(parts);
		return -1;
	}
	for (i = 0; i < np; i++) {
		if (parts[i].file && parts[i].len == 0)
			continue;
		if (!parts[i].file && memchr(parts[i].data, '\0',
		    parts[i].len) != NULL)
			goto bad;
		kv[k].key = strdup(parts[i].name);
		if ((kv[k].val = malloc(parts[i].len + 1)) != NULL) {
			memcpy(kv[k].val, parts[i].data, parts[i].len);
			kv[k].val[parts[i].len] = '\0';
		}
		kv[k].len = parts[i].len;
		kv[k].file = parts[i].file;
		k++;
		if (kv[k - 1].key == NULL || kv[k - 1].val == NULL)
			goto bad;
	}
	free(parts);
	*out = kv;
	*n = k;
	return 0;
bad:
	free(parts);
	http_free_kv(kv, k);
	return -1;
}

/*
 * Answer an error in the format of the path (r->errfmt, which the
 * dispatcher sets: an HTML page, or an API's error body); heading and
 * text are literals.  Without a format, plain text.
 */
void
http_error(struct req *r, int status, const char *heading, const char *text)
{
	if (r->errfmt != NULL) {
		r->errfmt(r, status, heading, text);
		return;
	}
	buf_reset(&r->body);
	r->status = status;
	r->ctype = "text/plain; charset=utf-8";
	buf_printf(&r->body, "%s\n%s\n", heading, text);
}

void
http_not_found(struct req *r)
{
	http_error(r, 404, "页面不存在",
	    "您访问的页面不存在或已被移除。请检查网址，或返回首页。");
}

/* Answer a database failure: 503 when unreachable, else 500. */
void
http_db_error(struct req *r, int rc)
{
	if (rc == DB_UNAVAILABLE) {
		http_header(r, "Retry-After", "5");
		http_error(r, 503, "服务暂时不可用",
		    "系统正在维护或数据库暂时无法连接。如果您刚才提交了内容，"
		    "它没有保存成功，请稍后返回重新提交（同一份表单重新提交"
		    "不会重复登记）；紧急情况请拨打服务热线。");
	} else
		http_error(r, 500, "服务器内部错误",
		    "处理您的请求时出现错误，已记录。请稍后重试。");
}

/*
 * Write the header block: status, content type, the length when known
 * (a streamed body has none: nginx sends it chunked), the security
 * headers of every response and the handler's headers.
 */
static void
send_head(struct req *r, bool length)
{
	FCGX_Stream	*out = r->fcgi->out;
	char		 line[1024], len[48] = "";
	int		 cls, n;

	/* libfcgi's own printf lacks %zu: format here. */
	if (length)
		snprintf(len, sizeof(len), "Content-Length: %zu\r\n",
		    r->body.len);
	n = snprintf(line, sizeof(line), "Status: %d %s\r\n"
	    "Content-Type: %s\r\n"
	    "%s"
	    "Content-Security-Policy: default-src 'none'; style-src 'self'; "
	    "img-src 'self' data:; script-src 'self'; connect-src 'self'; "
	    "form-action 'self'; "
	    "frame-ancestors 'none'; base-uri 'none'\r\n"
	    "X-Content-Type-Options: nosniff\r\n"
	    "X-Frame-Options: DENY\r\n"
	    "Referrer-Policy: same-origin\r\n",
	    r->status, http_status_text(r->status), r->ctype, len);
	if (n > 0 && (size_t)n < sizeof(line))
		FCGX_PutStr(line, n, out);
	if (r->head.len > 0)
		FCGX_PutStr(r->head.p, (int)r->head.len, out);
	FCGX_PutS("\r\n", out);
	cls = r->status / 100;
	if (cls >= 1 && cls <= 5)
		__atomic_add_fetch(&stats.by_class[cls], 1, __ATOMIC_RELAXED);
}

/*
 * Write the response: the header block and the body (not for HEAD).
 * Nothing when the handler streamed its response itself.
 */
static void
http_send(struct req *r)
{
	if (r->streamed)
		return;
	if (r->body.oom || r->head.oom) {
		buf_reset(&r->head);
		buf_reset(&r->body);
		http_error(r, 500, "服务器内部错误", "内存不足，请稍后重试。");
	}
	send_head(r, true);
	if (r->method != METHOD_HEAD && r->body.len > 0)
		FCGX_PutStr(r->body.p, (int)r->body.len, r->fcgi->out);
}

void
http_stream_begin(struct req *r)
{
	if (r->head.oom)
		buf_reset(&r->head);
	r->streamed = true;
	send_head(r, false);
}

int
http_stream_write(struct req *r, const void *p, size_t n)
{
	const char	*s = p;
	int		 k;

	if (r->stream_failed)
		return -1;
	while (n > 0) {
		k = n > (1u << 20) ? 1 << 20 : (int)n;
		if (FCGX_PutStr(s, k, r->fcgi->out) != k) {
			r->stream_failed = true;
			return -1;
		}
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int
http_stream_end(struct req *r)
{
	if (r->stream_failed || FCGX_FFlush(r->fcgi->out) != 0) {
		r->stream_failed = true;
		return -1;
	}
	return 0;
}

void
http_stream_abort(struct req *r)
{
	r->stream_failed = true;
	if (r->fcgi->ipcFd >= 0)
		shutdown(r->fcgi->ipcFd, SHUT_RDWR);
}

static enum method
parse_method(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < METHOD__MAX; i++)
		if (strcmp(s, method_names[i]) == 0)
			return (enum method)i;
	return METHOD__MAX;
}

/*
 * Read the form body; returns 0, or an HTTP status to answer.  A
 * multipart/form-data body (a form with photos) may be larger than
 * [server] max_body by HTTP_MAX_FILES files of [photos] max_bytes.
 */
int
http_read_body(struct req *r)
{
	char		 boundary[MULTIPART_BOUNDARY_MAX + 1];
	const char	*ct, *cl;
	char		*body, *end;
	long		 len, max = r->cfg->max_body;
	int		 got, rc = 0, multi;

	cl = FCGX_GetParam("CONTENT_LENGTH", r->fcgi->envp);
	ct = FCGX_GetParam("CONTENT_TYPE", r->fcgi->envp);
	if (cl == NULL || *cl == '\0')
		return 0;
	errno = 0;
	len = strtol(cl, &end, 10);
	if (errno != 0 || *end != '\0' || len < 0)
		return 400;
	multi = ct != NULL && strncasecmp(ct, "multipart/form-data", 19) == 0;
	if (multi) {
		if (multipart_boundary(ct, boundary) == -1)
			return 400;
		max += HTTP_MAX_FILES * r->cfg->photo_max_bytes;
	}
	if (len > max)
		return 413;
	if (len == 0)
		return 0;
	if (!multi && (ct == NULL ||
	    strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0 ||
	    (ct[33] != '\0' && ct[33] != ';')))
		return 415;
	if ((body = malloc((size_t)len + 1)) == NULL)
		return 500;
	got = FCGX_GetStr(body, (int)len, r->fcgi->in);
	if (got != len)
		rc = 400;
	else if (multi ? http_parse_multipart(body, (size_t)len, boundary,
	    &r->form, &r->nform) == -1 : http_parse_form(body, (size_t)len,
	    &r->form, &r->nform) == -1)
		rc = 400;
	free(body);
	return rc;
}

/*
 * Start a request: its method, path, client address and query.
 * Returns 0, or 400 when the query is malformed (r is usable either way:
 * answer with http_error, then http_finish).
 */
int
http_begin(struct req *r, FCGX_Request *f, const struct config *cfg,
    struct db *db)
{
	const char	*qs;

	__atomic_add_fetch(&stats.inflight, 1, __ATOMIC_RELAXED);
	memset(r, 0, sizeof(*r));
	r->fcgi = f;
	r->cfg = cfg;
	r->db = db;
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	r->action = -1;
	r->method = parse_method(FCGX_GetParam("REQUEST_METHOD", f->envp));
	r->path = FCGX_GetParam("DOCUMENT_URI", f->envp);
	if (r->path == NULL)
		r->path = FCGX_GetParam("SCRIPT_NAME", f->envp);
	if (r->path == NULL)
		r->path = "/";
	r->addr = FCGX_GetParam("REMOTE_ADDR", f->envp);
	if (r->addr == NULL)
		r->addr = "";
	qs = FCGX_GetParam("QUERY_STRING", f->envp);
	if (qs != NULL && http_parse_form(qs, strlen(qs), &r->query,
	    &r->nquery) == -1)
		return 400;
	return 0;
}

/* Send the response the handler made, and free the request. */
void
http_finish(struct req *r)
{
	http_send(r);
	http_free_kv(r->query, r->nquery);
	http_free_kv(r->form, r->nform);
	buf_free(&r->head);
	buf_free(&r->body);
	__atomic_sub_fetch(&stats.inflight, 1, __ATOMIC_RELAXED);
}
