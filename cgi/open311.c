/*
 * Open311 GeoReport v2 under /open311/v2/: discovery, services, service
 * definitions, posting and reading requests, in XML (required by the
 * specification) and JSON.  Each answer is built once as a jansson tree
 * and written out in the format the path's extension asks for.
 *
 * A request posted here is a request like any other: the same checks as
 * the residents' form, stored by db_request_create with source "open311".
 * Nothing personal (name, phone) is ever shown.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <fcgiapp.h>
#include <jansson.h>

#include "config.h"
#include "db.h"
#include "html.h"
#include "http.h"
#include "isotime.h"
#include "names.h"
#include "open311.h"
#include "route.h"
#include "valid.h"

#define MAX_CATEGORIES	64
#define MAX_REGIONS	4096
#define MAX_KEY_LEN	128
#define WINDOW_DAYS	90	/* default and largest date range */
#define MAX_RESULTS	1000	/* requests in one answer */
#define SPEC_URL	"http://wiki.open311.org/GeoReport_v2"
#define CHANGESET	"2026-11-21T00:00:00+08:00"	/* of this API */

enum fmt {
	FMT_XML,
	FMT_JSON,
	FMT__MAX
};

static const struct {
	const char	*ext;
	const char	*ctype;
} fmts[FMT__MAX] = {
	[FMT_XML] = { "xml", "text/xml; charset=utf-8" },
	[FMT_JSON] = { "json", "application/json; charset=utf-8" },
};

/* Internal states as Open311 statuses. */
static const char *const statuses[][2] = {
	{ "submitted", "open" },
	{ "accepted", "open" },
	{ "assigned", "open" },
	{ "resolved", "closed" },
	{ "closed", "closed" },
	{ "rejected", "closed" },
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

/* The fields of POST requests, one declarative table. */
enum of {
	OF_SERVICE_CODE,
	OF_COMMUNITY,
	OF_GRID,
	OF_ADDRESS,
	OF_DESCRIPTION,
	OF_FIRST_NAME,
	OF_LAST_NAME,
	OF_PHONE,
	OF_LAT,
	OF_LONG,
	OF_EMAIL,
	OF_DEVICE_ID,
	OF_ACCOUNT_ID,
	OF_MEDIA_URL,
	OF_JURISDICTION,
	OF__MAX
};

static const struct vfield post_fields[OF__MAX] = {
	[OF_SERVICE_CODE] = { "service_code", "服务类别", V_TOKEN, true, 1, 32 },
	[OF_COMMUNITY] = { "attribute[community]", "社区", V_INT, true, 1,
	    INT_MAX },
	[OF_GRID] = { "attribute[grid]", "网格", V_INT, false, 1, INT_MAX },
	[OF_ADDRESS] = { "address_string", "详细地址", V_TEXT, true, 2, 200 },
	[OF_DESCRIPTION] = { "description", "问题描述", V_LONGTEXT, true, 10,
	    2000 },
	[OF_FIRST_NAME] = { "first_name", "名", V_TEXT, false, 1, 32 },
	[OF_LAST_NAME] = { "last_name", "姓", V_TEXT, false, 1, 32 },
	[OF_PHONE] = { "phone", "手机号码", V_PHONE, true, 0, 0 },
	[OF_LAT] = { "lat", "纬度", V_DECIMAL, false, -90000000, 90000000 },
	[OF_LONG] = { "long", "经度", V_DECIMAL, false, -180000000,
	    180000000 },
	[OF_EMAIL] = { "email", "电子邮箱", V_TEXT, false, 3, 254 },
	[OF_DEVICE_ID] = { "device_id", "设备编号", V_TEXT, false, 1, 64 },
	[OF_ACCOUNT_ID] = { "account_id", "账户编号", V_TEXT, false, 1, 64 },
	[OF_MEDIA_URL] = { "media_url", "图片链接", V_TEXT, false, 1, 2000 },
	[OF_JURISDICTION] = { "jurisdiction_id", "辖区编号", V_TEXT, false, 1,
	    64 },
};

/* A document under construction; oom once anything failed to allocate. */
struct doc {
	json_t	*root;
	bool	 oom;
};

static void
put(struct doc *d, json_t *o, const char *key, json_t *v)
{
	if (json_object_set_new(o, key, v) == -1)
		d->oom = true;
}

static void
push(struct doc *d, json_t *a, json_t *v)
{
	if (json_array_append_new(a, v) == -1)
		d->oom = true;
}

/* A JSON string of s; a character cut at the end of a buffer dropped. */
static json_t *
str(const char *s)
{
	size_t	 n = strlen(s), cut;
	json_t	*v;

	for (cut = 0; cut < 4 && cut <= n; cut++)
		if ((v = json_stringn(s, n - cut)) != NULL)
			return v;
	return json_string("");
}

/* XML text: escaped, without the control characters XML cannot hold. */
static void
xml_txt(struct buf *b, const char *s)
{
	size_t	 n;

	while (*s != '\0') {
		for (n = 0; s[n] != '\0' && ((unsigned char)s[n] >= 0x20 ||
		    s[n] == '\t' || s[n] == '\n' || s[n] == '\r'); n++)
			;
		html_txtn(b, s, n);
		s += n;
		if (*s != '\0')
			s++;
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
			xml_value(b, NAME_OF(items, name), e);
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

/*
 * Answer with d (root element root in XML) and release it; 500 when it
 * could not be built.
 */
static void
send_doc(struct req *r, enum fmt f, const char *root, struct doc *d)
{
	char	*s;

	buf_reset(&r->body);
	r->ctype = fmts[f].ctype;
	if (d->root == NULL || d->oom) {
		json_decref(d->root);
		open311_error(r, 500, "服务器内存不足，请稍后重试");
		return;
	}
	if (f == FMT_JSON) {
		if ((s = json_dumps(d->root, JSON_COMPACT |
		    JSON_REAL_PRECISION(10))) == NULL)
			r->body.oom = true;
		else {
			buf_add(&r->body, s);
			free(s);
		}
	} else {
		buf_add(&r->body, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
		xml_value(&r->body, root, d->root);
	}
	json_decref(d->root);
	d->root = NULL;
}

/* The format asked for by a path: .json, else XML. */
static enum fmt
path_fmt(const char *path)
{
	size_t	 n = strlen(path);

	return n >= 5 && strcmp(path + n - 5, ".json") == 0 ?
	    FMT_JSON : FMT_XML;
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

/* Add one error (code, description) to the array errs. */
static void
add_error(struct doc *d, int status, const char *msg)
{
	json_t	*e = json_object();

	put(d, e, "code", json_integer(status));
	put(d, e, "description", str(msg));
	push(d, d->root, e);
}

/* Answer status with the errors in d.root (an array). */
static void
send_errors(struct req *r, int status, struct doc *d)
{
	r->status = status;
	http_header(r, "Cache-Control", "no-store");
	send_doc(r, path_fmt(r->path), "errors", d);
}

void
open311_error(struct req *r, int status, const char *msg)
{
	struct doc	 d = { json_array(), false };

	if (d.root == NULL) {
		r->status = status;
		r->body.oom = true;
		return;
	}
	add_error(&d, status, msg);
	if (d.oom) {
		json_decref(d.root);
		r->status = status;
		r->body.oom = true;
		return;
	}
	send_errors(r, status, &d);
}

/*
 * The format of an argument like "xml", or of "ABC.json" (then cut to
 * "ABC").  Returns 0, or -1 (answered 404) for another extension.
 */
static int
split_fmt(struct req *r, char *arg, bool named, enum fmt *f)
{
	char	*ext = arg;
	size_t	 i;

	if (named) {
		if ((ext = strrchr(arg, '.')) == NULL || ext == arg)
			goto bad;
		*ext++ = '\0';
	}
	for (i = 0; i < FMT__MAX; i++)
		if (strcmp(ext, fmts[i].ext) == 0) {
			*f = (enum fmt)i;
			return 0;
		}
bad:
	open311_error(r, 404, "不支持的格式：请使用 .xml 或 .json");
	return -1;
}

/*
 * Base URL of the API into out: scheme, host (nginx passes $host, checked
 * here) and the port when it is not the scheme's default.
 */
static void
base_url(struct req *r, char *out, size_t sz)
{
	const char	*host = FCGX_GetParam("HTTP_HOST", r->fcgi->envp);
	const char	*https = FCGX_GetParam("HTTPS", r->fcgi->envp);
	const char	*port = FCGX_GetParam("SERVER_PORT", r->fcgi->envp);
	bool		 tls = https != NULL && *https != '\0';

	if (host == NULL || *host == '\0' || strlen(host) > 253 ||
	    host[strspn(host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")] != '\0') {
		snprintf(out, sz, "/open311/v2");
		return;
	}
	if (port == NULL || *port == '\0' || strlen(port) > 5 ||
	    port[strspn(port, "0123456789")] != '\0' ||
	    strcmp(port, tls ? "443" : "80") == 0)
		port = NULL;
	snprintf(out, sz, "%s://%s%s%s/open311/v2", tls ? "https" : "http",
	    host, port ? ":" : "", port ? port : "");
}

/* GET /open311/v2/discovery.{xml,json}: where the API is, what it speaks. */
void
page_o311_discovery(struct req *r)
{
	struct doc	 d;
	json_t		*eps, *ep, *formats;
	char		 url[512], s[512];
	enum fmt	 f;
	size_t		 i;

	if (split_fmt(r, r->args[0], false, &f) == -1)
		return;
	d = (struct doc){ json_object(), false };
	eps = json_array();
	ep = json_object();
	formats = json_array();
	base_url(r, url, sizeof(url));
	put(&d, d.root, "changeset", str(CHANGESET));
	snprintf(s, sizeof(s), "%s 服务热线 %s", r->cfg->site_name,
	    r->cfg->site_phone);
	put(&d, d.root, "contact", str(s));
	snprintf(s, sizeof(s), "API 密钥由平台管理员发放，请致电服务热线 %s "
	    "申请", r->cfg->site_phone);
	put(&d, d.root, "key_service", str(s));
	put(&d, ep, "specification", str(SPEC_URL));
	put(&d, ep, "url", str(url));
	put(&d, ep, "changeset", str(CHANGESET));
	put(&d, ep, "type", str("production"));
	for (i = 0; i < FMT__MAX; i++) {
		snprintf(s, sizeof(s), "%.*s", (int)strcspn(fmts[i].ctype,
		    ";"), fmts[i].ctype);
		push(&d, formats, str(s));
	}
	put(&d, ep, "formats", formats);
	push(&d, eps, ep);
	put(&d, d.root, "endpoints", eps);
	send_doc(r, f, "discovery", &d);
}

/* Active categories; *n how many.  Returns a db_rc (NULL c: DB_ERROR). */
static int
categories(struct req *r, struct db_category **c, size_t *n)
{
	if ((*c = calloc(MAX_CATEGORIES, sizeof(**c))) == NULL)
		return DB_ERROR;
	return db_categories(r->db, *c, MAX_CATEGORIES, n);
}

static const struct db_category *
category_by_code(const struct db_category *c, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(c[i].code, code) == 0)
			return &c[i];
	return NULL;
}

/* GET /open311/v2/services.{xml,json}: one service per active category. */
void
page_o311_services(struct req *r)
{
	struct db_category *c = NULL;
	struct doc	 d = { NULL, false };
	json_t		*s;
	enum fmt	 f;
	size_t		 n, i;
	int		 rc;

	if (split_fmt(r, r->args[0], false, &f) == -1)
		return;
	if ((rc = categories(r, &c, &n)) != DB_OK) {
		free(c);
		http_db_error(r, rc);
		return;
	}
	d.root = json_array();
	for (i = 0; i < n; i++) {
		s = json_object();
		put(&d, s, "service_code", str(c[i].code));
		put(&d, s, "service_name", str(c[i].name));
		put(&d, s, "description", str(c[i].description));
		put(&d, s, "metadata", json_true());
		put(&d, s, "type", str("realtime"));
		put(&d, s, "keywords", str(""));
		put(&d, s, "group", str(""));
		push(&d, d.root, s);
	}
	free(c);
	send_doc(r, f, "services", &d);
}

static const char *
region_name(const struct db_region *g, size_t n, int id)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (g[i].id == id)
			return g[i].name;
	return "";
}

/*
 * A singlevaluelist attribute: the regions of a level as values, each
 * named "parent · region".
 */
static json_t *
region_attr(struct doc *d, const struct db_region *g, size_t n, int level,
    const char *code, bool required, int order, const char *desc)
{
	json_t	*a = json_object(), *vals = json_array(), *v;
	char	 key[16], name[2 * DB_NAME_MAX + 8];
	size_t	 i;

	put(d, a, "variable", json_true());
	put(d, a, "code", str(code));
	put(d, a, "datatype", str("singlevaluelist"));
	put(d, a, "required", json_boolean(required));
	put(d, a, "datatype_description", json_null());
	put(d, a, "order", json_integer(order));
	put(d, a, "description", str(desc));
	for (i = 0; i < n; i++) {
		if (g[i].level != level)
			continue;
		v = json_object();
		snprintf(key, sizeof(key), "%d", g[i].id);
		snprintf(name, sizeof(name), "%s · %s",
		    region_name(g, n, g[i].parent_id), g[i].name);
		put(d, v, "key", str(key));
		put(d, v, "name", str(name));
		push(d, vals, v);
	}
	put(d, a, "values", vals);
	return a;
}

/*
 * GET /open311/v2/services/{service_code}.{xml,json}: the attributes a
 * post takes beyond the standard fields.  404 for an unknown code.
 */
void
page_o311_service(struct req *r)
{
	struct db_category *c = NULL;
	struct db_region *g = NULL;
	struct doc	 d = { NULL, false };
	json_t		*attrs;
	enum fmt	 f;
	size_t		 nc, ng;
	int		 rc;

	if (split_fmt(r, r->args[0], true, &f) == -1)
		return;
	if ((rc = categories(r, &c, &nc)) != DB_OK)
		goto fail;
	if (category_by_code(c, nc, r->args[0]) == NULL) {
		free(c);
		open311_error(r, 404, "未知的服务类别（service_code）");
		return;
	}
	if ((g = calloc(MAX_REGIONS, sizeof(*g))) == NULL) {
		rc = DB_ERROR;
		goto fail;
	}
	if ((rc = db_regions(r->db, g, MAX_REGIONS, &ng)) != DB_OK)
		goto fail;
	d.root = json_object();
	attrs = json_array();
	put(&d, d.root, "service_code", str(r->args[0]));
	push(&d, attrs, region_attr(&d, g, ng, 3, "community", true, 1,
	    "问题发生地所属社区（名称为“街道 · 社区”），提交时以 "
	    "attribute[community]=社区编号 传入"));
	push(&d, attrs, region_attr(&d, g, ng, 4, "grid", false, 2,
	    "问题发生地所属网格，可不填；网格必须属于所选社区（名称为"
	    "“社区 · 网格”），提交时以 attribute[grid]=网格编号 传入"));
	put(&d, d.root, "attributes", attrs);
	free(c);
	free(g);
	send_doc(r, f, "service_definition", &d);
	return;
fail:
	free(c);
	free(g);
	http_db_error(r, rc);
}

/* "社区将在24小时内响应，3天内办结" for a category. */
static void
notice(char *out, size_t sz, int hours, int days)
{
	snprintf(out, sz, "社区将在%d小时内响应，%d天内办结", hours, days);
}

/*
 * The resident's name from last_name and first_name (Chinese order; a
 * space between two Latin parts).  Returns 0, or -1 with v's message set.
 */
static int
post_name(struct vvalue *v, char *out, size_t sz)
{
	const char	*last = v[OF_LAST_NAME].present ? v[OF_LAST_NAME].s : "";
	const char	*first = v[OF_FIRST_NAME].present ?
	    v[OF_FIRST_NAME].s : "";
	size_t		 n;
	bool		 latin;

	if (*last == '\0' && *first == '\0') {
		v[OF_LAST_NAME].error = "姓名必填（last_name 和/或 first_name）";
		return -1;
	}
	latin = *last != '\0' && *first != '\0' &&
	    (unsigned char)last[strlen(last) - 1] < 0x80 &&
	    (unsigned char)first[0] < 0x80;
	snprintf(out, sz, "%s%s%s", last, latin ? " " : "", first);
	if (valid_utf8(out, false, &n) == -1 || n > 32) {
		v[OF_LAST_NAME].error = "姓名合计不能超过32个字";
		return -1;
	}
	return 0;
}

/* Checks across fields, after the table.  Returns how many failed. */
static size_t
post_checks(struct vvalue *v, char *name, size_t namesz)
{
	size_t	 bad = 0;

	if (v[OF_LAT].present != v[OF_LONG].present &&
	    v[OF_LAT].error == NULL && v[OF_LONG].error == NULL) {
		v[v[OF_LAT].present ? OF_LONG : OF_LAT].error =
		    "请同时提供 lat 和 long，或都不提供";
		bad++;
	}
	if (v[OF_FIRST_NAME].error == NULL && v[OF_LAST_NAME].error == NULL &&
	    post_name(v, name, namesz) == -1)
		bad++;
	return bad;
}

/* 400 with one error per failed field: "label（name）：message". */
static void
field_errors(struct req *r, const struct vvalue *v)
{
	struct doc	 d = { json_array(), false };
	char		 msg[512];
	size_t		 i;

	if (d.root == NULL) {
		open311_error(r, 400, "提交内容有误");
		return;
	}
	for (i = 0; i < OF__MAX; i++) {
		if (v[i].error == NULL)
			continue;
		snprintf(msg, sizeof(msg), "%s（%s）：%s", post_fields[i].label,
		    post_fields[i].name, v[i].error);
		add_error(&d, 400, msg);
	}
	send_errors(r, 400, &d);
}

/* Is the api_key of the request valid?  Answers 403 (or 5xx) if not. */
static int
check_key(struct req *r)
{
	const char	*k = http_param(r, "api_key");
	int		 rc;

	if (k == NULL || *k == '\0') {
		open311_error(r, 403, "缺少 api_key：提交诉求需要有效的 API 密钥");
		return -1;
	}
	if (strlen(k) > MAX_KEY_LEN ||
	    (rc = db_apikey_check(r->db, k)) == DB_NOTFOUND) {
		open311_error(r, 403, "api_key 无效或已停用");
		return -1;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return -1;
	}
	return 0;
}

/*
 * Which of community and grid was refused: the community when it is not
 * one, else the grid.  Returns a db_rc.
 */
static int
place_error(struct req *r, const struct db_request_new *n, struct vvalue *v)
{
	struct db_region g;
	int		 anc[4], rc;

	rc = db_region_get(r->db, n->community_id, &g, anc);
	if (rc != DB_OK && rc != DB_NOTFOUND)
		return rc;
	if (rc == DB_NOTFOUND || g.level != 3 || n->grid_id == 0)
		v[OF_COMMUNITY].error = "社区不存在";
	else
		v[OF_GRID].error = "网格不存在或不属于所选社区";
	return DB_OK;
}

/* The answer to a stored post: its id and what happens next. */
static void
post_done(struct req *r, enum fmt f, const char *tracking,
    const struct db_category *cat)
{
	struct doc	 d = { json_array(), false };
	json_t		*o = json_object();
	char		 s[256];

	notice(s, sizeof(s), cat->response_hours, cat->resolve_days);
	put(&d, o, "service_request_id", str(tracking));
	put(&d, o, "service_notice", str(s));
	put(&d, o, "account_id", json_null());
	push(&d, d.root, o);
	http_header(r, "Cache-Control", "no-store");
	send_doc(r, f, "service_requests", &d);
}

/*
 * POST /open311/v2/requests.{xml,json}: 403 without a valid api_key; 400
 * with one error per bad field (nothing stored); else stored, 200 with
 * the service_request_id.
 */
void
page_o311_post(struct req *r)
{
	struct vvalue	 v[OF__MAX];
	struct db_category *c = NULL;
	const struct db_category *cat;
	struct db_request_new n;
	char		 tracking[DB_TRACKING_LEN + 1], name[256];
	enum db_create_rc crc;
	enum fmt	 f;
	size_t		 nc, bad;
	int		 rc;

	if (split_fmt(r, r->args[0], false, &f) == -1 || check_key(r) == -1)
		return;
	bad = valid_form(r, post_fields, OF__MAX, v);
	bad += post_checks(v, name, sizeof(name));
	if (bad > 0) {
		field_errors(r, v);
		return;
	}
	if ((rc = categories(r, &c, &nc)) != DB_OK)
		goto fail;
	if ((cat = category_by_code(c, nc, v[OF_SERVICE_CODE].s)) == NULL) {
		v[OF_SERVICE_CODE].error = "未知的服务类别";
		goto bad;
	}
	memset(&n, 0, sizeof(n));
	n.category_id = cat->id;
	n.community_id = (int)v[OF_COMMUNITY].i;
	n.grid_id = v[OF_GRID].present ? (int)v[OF_GRID].i : 0;
	n.address = v[OF_ADDRESS].s;
	n.description = v[OF_DESCRIPTION].s;
	n.name = name;
	n.phone = v[OF_PHONE].s;
	n.has_coords = v[OF_LAT].present;
	n.lat = v[OF_LAT].i;
	n.lng = v[OF_LONG].i;
	n.source = "open311";
	n.now = time(NULL);
	if ((rc = db_request_create(r->db, &n, &crc, tracking)) != DB_OK)
		goto fail;
	switch (crc) {
	case DB_CREATE_BAD_CATEGORY:
		v[OF_SERVICE_CODE].error = "未知的服务类别";
		goto bad;
	case DB_CREATE_BAD_PLACE:
		if ((rc = place_error(r, &n, v)) != DB_OK)
			goto fail;
		goto bad;
	case DB_CREATE_NEW:
	case DB_CREATE_REPEAT:
		break;
	}
	post_done(r, f, tracking, cat);
	free(c);
	return;
bad:
	free(c);
	field_errors(r, v);
	return;
fail:
	free(c);
	http_db_error(r, rc);
}

static void
add_time(struct doc *d, json_t *o, const char *key, time_t t)
{
	char	 s[32];

	put(d, o, key, str(isotime_format(t, s)));
}

/* Append a request to the list (a db_o311_fn). */
static void
add_request(void *arg, const struct db_o311_request *q)
{
	struct doc	*d = arg;
	json_t		*o = json_object();
	char		 s[256];

	notice(s, sizeof(s), q->response_hours, q->resolve_days);
	put(d, o, "service_request_id", str(q->tracking));
	put(d, o, "status", str(NAME_OF(statuses, q->state)));
	put(d, o, "status_notes", str(q->status_notes));
	put(d, o, "service_name", str(q->service_name));
	put(d, o, "service_code", str(q->service_code));
	put(d, o, "description", str(q->description));
	put(d, o, "agency_responsible", str(NAME_OF(names_level, q->level)));
	put(d, o, "service_notice", str(s));
	add_time(d, o, "requested_datetime", q->received_at);
	add_time(d, o, "updated_datetime", q->updated_at);
	add_time(d, o, "expected_datetime", q->resolve_due);
	put(d, o, "address", str(q->address));
	put(d, o, "address_id", str(""));
	put(d, o, "zipcode", str(""));
	put(d, o, "lat", q->has_coords ? json_real(q->lat) : json_null());
	put(d, o, "long", q->has_coords ? json_real(q->lng) : json_null());
	put(d, o, "media_url", str(""));
	push(d, d->root, o);
}

/*
 * The date window of GET requests: both given, one (the other 90 days
 * away), or none (the last 90 days).  Returns 0, or -1 with msg set.
 */
static int
window(struct req *r, struct db_o311_query *q, const char **msg)
{
	const char	*s = http_query(r, "start_date");
	const char	*e = http_query(r, "end_date");
	bool		 hs = s != NULL && *s != '\0', he = e != NULL && *e != '\0';

	if (hs && isotime_parse(s, &q->start) == -1) {
		*msg = "start_date 格式不正确，应为 ISO 8601 时间，如 "
		    "2026-11-21T08:00:00+08:00";
		return -1;
	}
	if (he && isotime_parse(e, &q->end) == -1) {
		*msg = "end_date 格式不正确，应为 ISO 8601 时间，如 "
		    "2026-11-21T08:00:00+08:00";
		return -1;
	}
	if (!he)
		q->end = hs ? q->start + WINDOW_DAYS * 86400 : time(NULL);
	if (!hs)
		q->start = q->end - WINDOW_DAYS * 86400;
	if (q->end < q->start) {
		*msg = "end_date 不能早于 start_date";
		return -1;
	}
	if (q->end - q->start > WINDOW_DAYS * 86400) {
		*msg = "start_date 和 end_date 相隔不能超过90天";
		return -1;
	}
	return 0;
}

/* Requests by a list of ids (other filters ignored, as specified). */
static int
by_ids(struct req *r, const char *list, struct doc *d, const char **msg)
{
	char		(*ids)[DB_TRACKING_LEN + 1];
	size_t		 n, i;
	int		 rc = DB_OK;

	if ((ids = calloc(OPEN311_MAX_IDS, sizeof(*ids))) == NULL)
		return DB_ERROR;
	if (open311_ids(list, ids, OPEN311_MAX_IDS, &n) == -1) {
		*msg = "service_request_id 格式不正确：应为以逗号分隔的受理编号，"
		    "最多1000个";
		free(ids);
		return DB_OK;
	}
	for (i = 0; i < n && rc == DB_OK; i++)
		if ((rc = db_o311_request(r->db, ids[i], add_request, d)) ==
		    DB_NOTFOUND)
			rc = DB_OK;
	free(ids);
	return rc;
}

/* Requests by the filters of the query.  Returns a db_rc, or msg set. */
static int
by_filters(struct req *r, struct doc *d, const char **msg)
{
	struct db_o311_query q;
	const char	*codes = http_query(r, "service_code");
	const char	*st = http_query(r, "status");
	bool		 open = true, closed = true;

	memset(&q, 0, sizeof(q));
	if (codes != NULL && *codes != '\0' && open311_codes(codes) == -1) {
		*msg = "service_code 格式不正确：应为以逗号分隔的服务类别代码";
		return DB_OK;
	}
	if (st != NULL && *st != '\0' &&
	    open311_statuses(st, &open, &closed) == -1) {
		*msg = "status 只能是 open、closed 或二者以逗号分隔";
		return DB_OK;
	}
	if (window(r, &q, msg) == -1)
		return DB_OK;
	q.service_codes = codes;
	q.open = open;
	q.closed = closed;
	q.limit = MAX_RESULTS;
	return db_o311_requests(r->db, &q, add_request, d);
}

/*
 * GET /open311/v2/requests.{xml,json}: by service_request_id list, or by
 * service_code, status and date window (default the last 90 days), at
 * most 1000, newest first.  400 for a malformed parameter.
 */
void
page_o311_requests(struct req *r)
{
	struct doc	 d = { NULL, false };
	const char	*ids = http_query(r, "service_request_id");
	const char	*msg = NULL;
	enum fmt	 f;
	int		 rc;

	if (split_fmt(r, r->args[0], false, &f) == -1)
		return;
	if ((d.root = json_array()) == NULL) {
		open311_error(r, 500, "服务器内存不足，请稍后重试");
		return;
	}
	if (ids != NULL && *ids != '\0')
		rc = by_ids(r, ids, &d, &msg);
	else
		rc = by_filters(r, &d, &msg);
	if (rc != DB_OK || msg != NULL) {
		json_decref(d.root);
		if (rc != DB_OK)
			http_db_error(r, rc);
		else
			open311_error(r, 400, msg);
		return;
	}
	http_header(r, "Cache-Control", "no-store");
	send_doc(r, f, "service_requests", &d);
}

/* GET /open311/v2/requests/{id}.{xml,json}: one request, or 404. */
void
page_o311_request(struct req *r)
{
	struct doc	 d = { NULL, false };
	enum fmt	 f;
	int		 rc;

	if (split_fmt(r, r->args[0], true, &f) == -1)
		return;
	if ((d.root = json_array()) == NULL) {
		open311_error(r, 500, "服务器内存不足，请稍后重试");
		return;
	}
	rc = valid_tracking(r->args[0]) == 0 ?
	    db_o311_request(r->db, r->args[0], add_request, &d) : DB_NOTFOUND;
	if (rc != DB_OK) {
		json_decref(d.root);
		if (rc == DB_NOTFOUND)
			open311_error(r, 404, "未找到该诉求（service_request_id）");
		else
			http_db_error(r, rc);
		return;
	}
	http_header(r, "Cache-Control", "no-store");
	send_doc(r, f, "service_requests", &d);
}

/* Parsers of the query parameters (see open311.h). */

/*
 * Call fn for each element of a comma list (elements not empty, at most
 * 63 bytes).  Returns 0, or -1 when the list or fn refuses one.
 */
static int
each(const char *s, int (*fn)(const char *, void *), void *arg)
{
	char	 e[64];
	size_t	 n;

	for (;;) {
		n = strcspn(s, ",");
		if (n == 0 || n >= sizeof(e))
			return -1;
		memcpy(e, s, n);
		e[n] = '\0';
		if (fn(e, arg) == -1)
			return -1;
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

struct idlist {
	char	(*ids)[DB_TRACKING_LEN + 1];
	size_t	 max, n;
};

static int
one_id(const char *e, void *arg)
{
	struct idlist	*l = arg;
	size_t		 i;

	if (valid_tracking(e) == -1)
		return -1;
	for (i = 0; i < l->n; i++)
		if (strcmp(l->ids[i], e) == 0)
			return 0;
	if (l->n == l->max)
		return -1;
	memcpy(l->ids[l->n++], e, DB_TRACKING_LEN + 1);
	return 0;
}

int
open311_ids(const char *s, char (*ids)[DB_TRACKING_LEN + 1], size_t max,
    size_t *n)
{
	struct idlist	 l = { ids, max, 0 };
	int		 rc;

	rc = each(s, one_id, &l);
	*n = l.n;
	return rc;
}

static int
one_code(const char *e, void *arg)
{
	size_t	*n = arg;

	return ++*n > OPEN311_MAX_CODES ? -1 : valid_token(e, 1, 32);
}

int
open311_codes(const char *s)
{
	size_t	 n = 0;

	return each(s, one_code, &n);
}

struct which {
	bool	*open, *closed;
};

static int
one_status(const char *e, void *arg)
{
	struct which	*w = arg;

	if (strcmp(e, "open") == 0)
		*w->open = true;
	else if (strcmp(e, "closed") == 0)
		*w->closed = true;
	else
		return -1;
	return 0;
}

int
open311_statuses(const char *s, bool *open, bool *closed)
{
	struct which	 w = { open, closed };

	*open = *closed = false;
	return each(s, one_status, &w);
}

/* The routes' tables: nothing validated yet (to be filled). */
VFORM_NONE(form_o311_discovery);
VFORM_NONE(form_o311_services);
VFORM_NONE(form_o311_service);
VFORM_NONE(form_o311_requests);
VFORM_NONE(form_o311_post);
VFORM_NONE(form_o311_request);
