/*
 * Escaping by context and the shared page layout.
 */
#include <string.h>
#include <time.h>

#include "assets.h"	/* made by the Makefile from static/ */
#include "config.h"
#include "html.h"
#include "http.h"
#include "valid.h"

/* Escape s[0..n) for HTML; attr also escapes ` and = (attribute values). */
static void
escape(struct buf *b, const char *s, size_t n, int attr)
{
	size_t		 i, start = 0;
	const char	*rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '`': rep = attr ? "&#96;" : NULL; break;
		case '=': rep = attr ? "&#61;" : NULL; break;
		default: rep = NULL; break;
		}
		if (rep == NULL)
			continue;
		buf_addn(b, s + start, i - start);
		buf_add(b, rep);
		start = i + 1;
	}
	buf_addn(b, s + start, n - start);
}

void
html_txtn(struct buf *b, const char *s, size_t n)
{
	escape(b, s, n, 0);
}

void
html_txt(struct buf *b, const char *s)
{
	escape(b, s, strlen(s), 0);
}

void
html_attr(struct buf *b, const char *s)
{
	escape(b, s, strlen(s), 1);
}

void
html_url_arg(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char	 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~')
			buf_addc(b, (char)c);
		else {
			buf_addc(b, '%');
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		}
	}
}

void
json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char	 c;

	buf_addc(b, '"');
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		switch (c) {
		case '"': buf_add(b, "\\\""); break;
		case '\\': buf_add(b, "\\\\"); break;
		case '\n': buf_add(b, "\\n"); break;
		case '\r': buf_add(b, "\\r"); break;
		case '\t': buf_add(b, "\\t"); break;
		case '<': case '>': case '&':
			buf_printf(b, "\\u%04x", c);
			break;
		default:
			if (c < 0x20) {
				buf_add(b, "\\u00");
				buf_addc(b, hex[c >> 4]);
				buf_addc(b, hex[c & 15]);
			} else
				buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

void
html_begin(struct req *r, const char *title)
{
	struct buf	*b = &r->body;

	buf_add(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	html_txt(b, title);
	buf_add(b, " - ");
	html_txt(b, r->cfg->site_name);
	buf_add(b, "</title>\n<link rel=\"stylesheet\" "
	    "href=\"" ASSET_CSS "\">\n</head>\n<body>\n"
	    "<header class=\"top\"><a href=\"/\" class=\"brand\">");
	html_txt(b, r->cfg->site_name);
	buf_add(b, "</a></header>\n<main>\n");
}

void
html_script(struct buf *b)
{
	buf_add(b, "<script src=\"" ASSET_JS "\"></script>\n");
}

void
html_end(struct req *r)
{
	struct buf	*b = &r->body;

	buf_add(b, "</main>\n<footer>服务热线 ");
	html_txt(b, r->cfg->site_phone);
	buf_add(b, " · 连心社区服务平台</footer>\n</body>\n</html>\n");
}

void
html_error_page(struct req *r, int status, const char *heading,
    const char *text)
{
	r->status = status;
	r->ctype = "text/html; charset=utf-8";
	buf_reset(&r->body);
	html_begin(r, heading);
	buf_add(&r->body, "<section class=\"notice\">\n<h1>");
	html_txt(&r->body, heading);
	buf_add(&r->body, "</h1>\n<p>");
	html_txt(&r->body, text);
	buf_printf(&r->body, "</p>\n<p class=\"muted\">错误代码 %d</p>\n"
	    "<p><a class=\"button\" href=\"/\">返回首页</a></p>\n"
	    "</section>\n", status);
	html_end(r);
}

void
html_time(struct buf *b, time_t t)
{
	struct tm	 tm;
	char		 s[32];

	if (t == 0) {
		buf_add(b, "—");
		return;
	}
	localtime_r(&t, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M", &tm);
	buf_add(b, s);
}

void
html_notice(struct buf *b, const char *msg, int bad)
{
	if (msg == NULL)
		return;
	buf_add(b, bad ? "<p class=\"notice-bad\" role=\"alert\">" :
	    "<p class=\"notice-ok\" role=\"status\">");
	html_txt(b, msg);
	buf_add(b, "</p>\n");
}

void
html_field_error(struct buf *b, const struct vvalue *v)
{
	if (v != NULL && v->error != NULL) {
		buf_add(b, "<span class=\"err\" role=\"alert\">");
		html_txt(b, v->error);
		buf_add(b, "</span>");
	}
}

void
html_input(struct buf *b, const char *name, const char *attrs,
    const struct vvalue *v)
{
	buf_printf(b, "<input id=\"%s\" name=\"%s\" %s value=\"", name, name,
	    attrs);
	html_attr(b, v != NULL && v->s != NULL ? v->s : "");
	buf_add(b, "\">");
	html_field_error(b, v);
}
