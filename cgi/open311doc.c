/*
 * The answers of the Open311 API (see open311int.h): each is built as a
 * jansson tree and written out in the format the path asks for, XML
 * (required by the specification) or JSON; the specification's error
 * body, which every answer under /open311/ takes (route.c); and the
 * format of a path.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "html.h"
#include "http.h"
#include "open311int.h"
#include "utf8.h"

const char *const open311_fmt_names[OPEN311_FMT__MAX] = {
	"xml",		/* OPEN311_XML */
	"json",		/* OPEN311_JSON */
};

const char *const open311_fmt_ctypes[OPEN311_FMT__MAX] = {
	"text/xml; charset=utf-8",		/* OPEN311_XML */
	"application/json; charset=utf-8",	/* OPEN311_JSON */
};

#define BAD_FORMAT	"不支持的格式：请使用 .xml 或 .json"

const struct vfield open311_fmt_fields[1] = {
	[OPEN311_PATH] = OPEN311_FORMAT_FIELD,
};
const struct vfield open311_named_fields[1] = {
	[OPEN311_PATH] = { "*0", "名称", V_TEXT, true, 1, OPEN311_ARGLEN - 1 },
};

/* In XML, the element name of an array's items, by the array's name. */
static const char *const items[][2] = {
	{ "services", "service" },
	{ "service_requests", "request" },
	{ "attributes", "attribute" },
	{ "values", "value" },
	{ "endpoints", "endpoint" },
	{ "formats", "format" },
	{ "errors", "error" },
};

/* The element name of the items of the array name (name when absent). */
static const char *
item_name(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		if (strcmp(items[i][0], name) == 0)
			return items[i][1];
	return name;
}

void
open311_put(struct open311_doc *d, json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, v) == -1)
		d->oom = true;
}

void
open311_push(struct open311_doc *d, json_t *a, json_t *v)
{
	if (json_array_append_new(a, v) == -1)
		d->oom = true;
}

json_t *
open311_str(const char *s)
{
	size_t	 n = strlen(s), cut;
	json_t	*v;

	for (cut = 0; cut < 4 && cut <= n; cut++)
		if ((v = json_stringn(s, n - cut)) != NULL)
			return v;
	return json_string("");
}

/*
 * XML text: escaped, with U+FFFD in place of what XML 1.0 cannot hold
 * (controls, U+FFFE/U+FFFF) and of the other non-characters, so that the
 * document stays well-formed whatever the database holds (lib/utf8.h).
 */
static void
xml_txt(struct buf *b, const char *s)
{
	size_t	 len = strlen(s), n, skip;

	for (;;) {
		n = utf8_xml_span(s, len, &skip);
		html_txtn(b, s, n);
		if (skip == 0)
			return;
		buf_add(b, UTF8_REPLACEMENT);
		s += n + skip;
		len -= n + skip;
	}
}

/* Write v as the element name (names are ours: never escaped). */
static void
xml_value(struct buf *b, const char *name, json_t *v)
{
	const char	*key;
	json_t		*e;
	size_t		 i;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		buf_printf(b, "<%s>\n", name);
		json_object_foreach(v, key, e)
			xml_value(b, key, e);
		buf_printf(b, "</%s>\n", name);
		return;
	case JSON_ARRAY:
		buf_printf(b, "<%s>\n", name);
		json_array_foreach(v, i, e)
			xml_value(b, item_name(name), e);
		buf_printf(b, "</%s>\n", name);
		return;
	case JSON_NULL:
		buf_printf(b, "<%s/>\n", name);
		return;
	default:
		break;
	}
	buf_printf(b, "<%s>", name);
	switch (json_typeof(v)) {
	case JSON_STRING:
		xml_txt(b, json_string_value(v));
		break;
	case JSON_INTEGER:
		buf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		buf_printf(b, "%.10g", json_real_value(v));
		break;
	case JSON_TRUE:
		buf_add(b, "true");
		break;
	default:
		buf_add(b, "false");
		break;
	}
	buf_printf(b, "</%s>\n", name);
}

void
open311_send(struct req *r, enum open311_fmt f, const char *root,
    struct open311_doc *d)
{
	char	*s;

	buf_reset(&r->body);
	r->ctype = open311_fmt_ctypes[f];
	if (d->root == NULL || d->oom) {
		json_decref(d->root);
		open311_error(r, 500, "服务器内存不足，请稍后重试");
		return;
	}
	if (f == OPEN311_JSON) {
		if ((s = json_dumps(d->root, JSON_COMPACT |
		    JSON_REAL_PRECISION(10))) == NULL)
			r->body.oom = true;
		else {
			buf_add(&r->body, s);
			free(s);
		}
	} else
		open311_xml(&r->body, root, d->root);
	json_decref(d->root);
	d->root = NULL;
}

void
open311_xml(struct buf *b, const char *root, json_t *v)
{
	buf_add(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	xml_value(b, root, v);
}

/* The format asked for by a path: .json, else XML. */
static enum open311_fmt
path_fmt(const char *path)
{
	size_t	 n = strlen(path);

	return n >= 5 && strcmp(path + n - 5, ".json") == 0 ?
	    OPEN311_JSON : OPEN311_XML;
}

bool
open311_path(const char *path)
{
	return path != NULL && strncmp(path, "/open311/", 9) == 0;
}

/* The error format of /open311/ paths (route.c): the sentence only. */
void
open311_errfmt(struct req *r, int status, const char *heading,
    const char *text)
{
	(void)heading;
	open311_error(r, status, text);
}

void
open311_add_error(struct open311_doc *d, int status, const char *msg)
{
	json_t	*e = json_object();

	open311_put(d, e, "code", json_integer(status));
	open311_put(d, e, "description", open311_str(msg));
	open311_push(d, d->root, e);
}

void
open311_send_errors(struct req *r, int status, struct open311_doc *d)
{
	r->status = status;
	http_header(r, "Cache-Control", "no-store");
	open311_send(r, path_fmt(r->path), "errors", d);
}

void
open311_error(struct req *r, int status, const char *msg)
{
	struct open311_doc d = { json_array(), false };

	if (d.root == NULL) {
		r->status = status;
		r->body.oom = true;
		return;
	}
	open311_add_error(&d, status, msg);
	if (d.oom) {
		json_decref(d.root);
		r->status = status;
		r->body.oom = true;
		return;
	}
	open311_send_errors(r, status, &d);
}

int
open311_fmt(struct req *r, enum open311_fmt *f)
{
	const struct vvalue *v = &r->v[OPEN311_PATH];

	if (v->error != NULL) {
		open311_error(r, 404, BAD_FORMAT);
		return -1;
	}
	*f = (enum open311_fmt)v->i;
	return 0;
}

int
open311_named(struct req *r, char name[OPEN311_ARGLEN], enum open311_fmt *f)
{
	const struct vvalue *v = &r->v[OPEN311_PATH];
	const char	*ext;
	int		 k;

	if (v->s == NULL || (ext = strrchr(v->s, '.')) == NULL ||
	    ext == v->s || (k = valid_enum(ext + 1, open311_fmt_names,
	    OPEN311_FMT__MAX)) < 0) {
		open311_error(r, 404, BAD_FORMAT);
		return -1;
	}
	*f = (enum open311_fmt)k;
	if (v->error != NULL)
		name[0] = '\0';
	else
		snprintf(name, OPEN311_ARGLEN, "%.*s", (int)(ext - v->s),
		    v->s);
	return 0;
}
