/*
 * Open311 GeoReport v2 under /open311/v2/, in XML (required by the
 * specification) and JSON: where the API is and what it offers —
 * discovery, the services (one per active category) and their
 * definitions.  The module's other files: the requests (open311req.c),
 * the answers' writer (open311doc.c), the list parameters' parsers
 * (open311parse.c).  Nothing personal (name, phone) is ever shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcgiapp.h>
#include <jansson.h>

#include "config.h"
#include "db.h"
#include "http.h"
#include "open311int.h"
#include "route.h"

#define MAX_CATEGORIES	64
#define MAX_REGIONS	4096
#define SPEC_URL	"http://wiki.open311.org/GeoReport_v2"
#define CHANGESET	"2026-11-21T00:00:00+08:00"	/* of this API */

/*
 * URL of the API at path into out: scheme, host (nginx passes $host,
 * checked here) and the port when it is not the scheme's default.
 */
void
open311_base_url(struct req *r, const char *path, char *out, size_t sz)
{
	const char	*host = FCGX_GetParam("HTTP_HOST", r->fcgi->envp);
	const char	*https = FCGX_GetParam("HTTPS", r->fcgi->envp);
	const char	*port = FCGX_GetParam("SERVER_PORT", r->fcgi->envp);
	bool		 tls = https != NULL && *https != '\0';

	if (host == NULL || *host == '\0' || strlen(host) > 253 ||
	    host[strspn(host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]")] != '\0') {
		snprintf(out, sz, "%s", path);
		return;
	}
	if (port == NULL || *port == '\0' || strlen(port) > 5 ||
	    port[strspn(port, "0123456789")] != '\0' ||
	    strcmp(port, tls ? "443" : "80") == 0)
		port = NULL;
	snprintf(out, sz, "%s://%s%s%s%s", tls ? "https" : "http",
	    host, port ? ":" : "", port ? port : "", path);
}

/* Discovery and services take their format alone. */
VFORM(form_o311_discovery, open311_fmt_fields);
VFORM(form_o311_services, open311_fmt_fields);

/* GET /open311/v2/discovery.{xml,json}: where the API is, what it speaks. */
void
page_o311_discovery(struct req *r)
{
	/* Production, and the test endpoint: posts checked and answered
	 * alike, nothing stored (cgi/open311req.c). */
	static const char *const types[][2] = {
		{ "production", "/open311/v2" },
		{ "test", "/open311/test/v2" },
	};
	struct open311_doc d;
	json_t		*eps, *ep, *formats;
	char		 url[512], s[512];
	enum open311_fmt f;
	size_t		 i, k;

	if (open311_fmt(r, &f) == -1)
		return;
	d = (struct open311_doc){ json_object(), false };
	eps = json_array();
	open311_put(&d, d.root, "changeset", open311_str(CHANGESET));
	snprintf(s, sizeof(s), "%s 服务热线 %s", r->cfg->site_name,
	    r->cfg->site_phone);
	open311_put(&d, d.root, "contact", open311_str(s));
	snprintf(s, sizeof(s), "API 密钥由平台管理员发放，请致电服务热线 %s "
	    "申请", r->cfg->site_phone);
	open311_put(&d, d.root, "key_service", open311_str(s));
	for (k = 0; k < sizeof(types) / sizeof(types[0]); k++) {
		ep = json_object();
		formats = json_array();
		open311_base_url(r, types[k][1], url, sizeof(url));
		open311_put(&d, ep, "specification", open311_str(SPEC_URL));
		open311_put(&d, ep, "url", open311_str(url));
		open311_put(&d, ep, "changeset", open311_str(CHANGESET));
		open311_put(&d, ep, "type", open311_str(types[k][0]));
		for (i = 0; i < OPEN311_FMT__MAX; i++) {
			snprintf(s, sizeof(s), "%.*s", (int)strcspn(
			    open311_fmt_ctypes[i], ";"), open311_fmt_ctypes[i]);
			open311_push(&d, formats, open311_str(s));
		}
		open311_put(&d, ep, "formats", formats);
		open311_push(&d, eps, ep);
	}
	open311_put(&d, d.root, "endpoints", eps);
	open311_send(r, f, "discovery", &d);
}

int
open311_categories(struct req *r, struct db_category **c, size_t *n)
{
	if ((*c = calloc(MAX_CATEGORIES, sizeof(**c))) == NULL)
		return DB_ERROR;
	return db_categories(r->db, *c, MAX_CATEGORIES, n);
}

const struct db_category *
open311_category(const struct db_category *c, size_t n, const char *code)
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
	struct open311_doc d = { NULL, false };
	json_t		*s;
	enum open311_fmt f;
	size_t		 n, i;
	int		 rc;

	if (open311_fmt(r, &f) == -1)
		return;
	if ((rc = open311_categories(r, &c, &n)) != DB_OK) {
		free(c);
		http_db_error(r, rc);
		return;
	}
	d.root = json_array();
	for (i = 0; i < n; i++) {
		s = json_object();
		open311_put(&d, s, "service_code", open311_str(c[i].code));
		open311_put(&d, s, "service_name", open311_str(c[i].name));
		open311_put(&d, s, "description",
		    open311_str(c[i].description));
		open311_put(&d, s, "metadata", json_true());
		open311_put(&d, s, "type", open311_str("realtime"));
		open311_put(&d, s, "keywords", open311_str(""));
		open311_put(&d, s, "group", open311_str(""));
		open311_push(&d, d.root, s);
	}
	free(c);
	open311_send(r, f, "services", &d);
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
region_attr(struct open311_doc *d, const struct db_region *g, size_t n,
    int level, const char *code, bool required, int order, const char *desc)
{
	json_t	*a = json_object(), *vals = json_array(), *v;
	char	 key[16], name[2 * DB_NAME_MAX + 8];
	size_t	 i;

	open311_put(d, a, "variable", json_true());
	open311_put(d, a, "code", open311_str(code));
	open311_put(d, a, "datatype", open311_str("singlevaluelist"));
	open311_put(d, a, "required", json_boolean(required));
	open311_put(d, a, "datatype_description", json_null());
	open311_put(d, a, "order", json_integer(order));
	open311_put(d, a, "description", open311_str(desc));
	for (i = 0; i < n; i++) {
		if (g[i].level != level)
			continue;
		v = json_object();
		snprintf(key, sizeof(key), "%d", g[i].id);
		snprintf(name, sizeof(name), "%s · %s",
		    region_name(g, n, g[i].parent_id), g[i].name);
		open311_put(d, v, "key", open311_str(key));
		open311_put(d, v, "name", open311_str(name));
		open311_push(d, vals, v);
	}
	open311_put(d, a, "values", vals);
	return a;
}

/* A service definition: '*' is "service_code.format", and nothing else. */
VFORM(form_o311_service, open311_named_fields);

/*
 * GET /open311/v2/services/{service_code}.{xml,json}: the attributes a
 * post takes beyond the standard fields.  404 for an unknown code.
 */
void
page_o311_service(struct req *r)
{
	struct db_category *c = NULL;
	struct db_region *g = NULL;
	struct open311_doc d = { NULL, false };
	json_t		*attrs;
	enum open311_fmt f;
	char		 code[OPEN311_ARGLEN];
	size_t		 nc, ng;
	int		 rc;

	if (open311_named(r, code, &f) == -1)
		return;
	if ((rc = open311_categories(r, &c, &nc)) != DB_OK)
		goto fail;
	if (open311_category(c, nc, code) == NULL) {
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
	open311_put(&d, d.root, "service_code", open311_str(code));
	open311_push(&d, attrs, region_attr(&d, g, ng, 3, "community", true, 1,
	    "问题发生地所属社区（名称为“街道 · 社区”），提交时以 "
	    "attribute[community]=社区编号 传入"));
	open311_push(&d, attrs, region_attr(&d, g, ng, 4, "grid", false, 2,
	    "问题发生地所属网格，可不填；网格必须属于所选社区（名称为"
	    "“社区 · 网格”），提交时以 attribute[grid]=网格编号 传入"));
	open311_put(&d, d.root, "attributes", attrs);
	free(c);
	free(g);
	open311_send(r, f, "service_definition", &d);
	return;
fail:
	free(c);
	free(g);
	http_db_error(r, rc);
}

