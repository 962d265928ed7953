/*
 * Open311 requests under /open311/v2/: posting one, reading a list (by
 * ids, or by service code, status and date window) and reading one, in
 * XML and JSON (open311doc.c writes them).
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

#include <jansson.h>
#include <sodium.h>

#include "db.h"
#include "http.h"
#include "isotime.h"
#include "open311int.h"
#include "photos.h"
#include "route.h"
#include "valid.h"
#include "withdraw.h"

#define MAX_KEY_LEN	128
#define WINDOW_DAYS	90	/* default and largest date range */
#define MAX_RESULTS	1000	/* requests in one answer */
#define MAX_LIST	65536	/* a list parameter: longer than any query */

/* Our states as Open311's statuses (its own vocabulary). */
static const char *const statuses[ST__MAX] = {
	[ST_SUBMITTED] = "open", [ST_ACCEPTED] = "open", [ST_ASSIGNED] = "open",
	[ST_RESOLVED] = "closed", [ST_CLOSED] = "closed",
	[ST_REJECTED] = "closed",
};

/* POST requests: '*' is the format; the key; the fields of a request. */
enum {
	OF_FORMAT = OPEN311_PATH, /* "*0": xml or json */
	OF_API_KEY,		/* api_key: the client's key */
	OF_SERVICE_CODE,	/* service_code: a category's code */
	OF_COMMUNITY,		/* attribute[community]: a community id */
	OF_GRID,		/* attribute[grid]: a grid id, optional */
	OF_ADDRESS,		/* address_string */
	OF_DESCRIPTION,		/* description */
	OF_FIRST_NAME,		/* first_name */
	OF_LAST_NAME,		/* last_name */
	OF_PHONE,		/* phone */
	OF_LAT,			/* lat */
	OF_LONG,		/* long */
	OF_EMAIL,		/* email, device_id, account_id, media_url, */
	OF_DEVICE_ID,		/* jurisdiction_id: taken by the */
	OF_ACCOUNT_ID,		/* specification, checked, not stored */
	OF_MEDIA_URL,
	OF_JURISDICTION,
	OF__MAX
};

static const struct vfield post_fields[OF__MAX] = {
	[OF_FORMAT] = OPEN311_FORMAT_FIELD,
	[OF_API_KEY] = { "api_key", "API 密钥", V_TOKEN, false, 1,
	    MAX_KEY_LEN },
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
VFORM(form_o311_post, post_fields);

/* "社区将在24小时内响应，3个工作日内办结" for a category. */
static void
notice(char *out, size_t sz, int hours, int days, int workdays)
{
	snprintf(out, sz, "社区将在%d小时内响应，%d%s内办结", hours, days,
	    workdays ? "个工作日" : "天");
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

/*
 * 400 with one error per failed field of the request (after the format
 * and the key): "label（name）：message".
 */
static void
field_errors(struct req *r, const struct vvalue *v)
{
	struct open311_doc d = { json_array(), false };
	char		 msg[512];
	size_t		 i;

	if (d.root == NULL) {
		open311_error(r, 400, "提交内容有误");
		return;
	}
	for (i = OF_SERVICE_CODE; i < OF__MAX; i++) {
		if (v[i].error == NULL)
			continue;
		snprintf(msg, sizeof(msg), "%s（%s）：%s", post_fields[i].label,
		    post_fields[i].name, v[i].error);
		open311_add_error(&d, 400, msg);
	}
	open311_send_errors(r, 400, &d);
}

/*
 * Is the api_key k (the route's field) a valid key of the endpoint's kind
 * (a test key for the test endpoint, dry; a production key otherwise)?
 * Returns 0, or -1 after answering 403 (or 5xx).
 */
static int
check_key(struct req *r, const struct vvalue *k, bool dry)
{
	bool	 test = false;
	int	 rc;

	if (!k->present) {
		open311_error(r, 403, "缺少 api_key：提交诉求需要有效的 API 密钥");
		return -1;
	}
	if (k->error != NULL ||
	    (rc = db_apikey_check(r->db, k->s, &test)) == DB_NOTFOUND) {
		open311_error(r, 403, "api_key 无效或已停用");
		return -1;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return -1;
	}
	if (test != dry) {
		open311_error(r, 403, dry ? "测试端点需要测试密钥" :
		    "测试密钥只能用于测试端点");
		return -1;
	}
	return 0;
}

/*
 * Which field of n names a wrong place (*which): OF_COMMUNITY when the
 * community is not one, else OF_GRID when a grid is given and is not one
 * of the community, else -1.  Returns a db_rc.
 */
static int
place_fault(struct req *r, const struct db_request_new *n, int *which)
{
	struct db_region g;
	int		 anc[4], rc;

	*which = OF_COMMUNITY;
	rc = db_region_get(r->db, n->community_id, &g, anc);
	if (rc == DB_NOTFOUND || (rc == DB_OK && g.level != 3))
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	*which = OF_GRID;
	if (n->grid_id != 0) {
		rc = db_region_get(r->db, n->grid_id, &g, anc);
		if (rc == DB_NOTFOUND || (rc == DB_OK && (g.level != 4 ||
		    g.parent_id != n->community_id)))
			return DB_OK;
		if (rc != DB_OK)
			return rc;
	}
	*which = -1;
	return DB_OK;
}

/* The answer to a stored post: its id and what happens next. */
static void
post_done(struct req *r, enum open311_fmt f, const char *tracking,
    const struct db_category *cat)
{
	struct open311_doc d = { json_array(), false };
	json_t		*o = json_object();
	char		 s[256];

	notice(s, sizeof(s), cat->response_hours, cat->resolve_days,
	    cat->resolve_workdays);
	open311_put(&d, o, "service_request_id", open311_str(tracking));
	open311_put(&d, o, "service_notice", open311_str(s));
	open311_put(&d, o, "account_id", json_null());
	open311_push(&d, d.root, o);
	http_header(r, "Cache-Control", "no-store");
	open311_send(r, f, "service_requests", &d);
}

/*
 * The test endpoint's stand-in for db_request_create: the same checks of
 * the place (place_fault), nothing stored; a tracking number of the right
 * form that names no request.  *which as place_fault's.
 */
static int
dry_create(struct req *r, const struct db_request_new *n,
    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1], int *which)
{
	static const char abc[] = DB_TRACKING_ALPHABET;
	int		 rc, i;

	if ((rc = place_fault(r, n, which)) != DB_OK)
		return rc;
	if (*which >= 0) {
		*crc = DB_CREATE_BAD_PLACE;
		return DB_OK;
	}
	for (i = 0; i < DB_TRACKING_LEN; i++)
		tracking[i] = abc[randombytes_uniform(sizeof(abc) - 1)];
	tracking[DB_TRACKING_LEN] = '\0';
	*crc = DB_CREATE_NEW;
	return DB_OK;
}

/*
 * A post of a request: 403 without a valid api_key; 400 with one error
 * per bad field (nothing stored); else stored (dry: only checked), 200
 * with the service_request_id.
 */
static void
post(struct req *r, bool dry)
{
	struct vvalue	*v = r->v;
	struct db_category *c = NULL;
	const struct db_category *cat;
	struct db_request_new n;
	char		 tracking[DB_TRACKING_LEN + 1], name[256];
	enum db_create_rc crc;
	enum open311_fmt f;
	size_t		 nc, bad;
	int		 rc, which;

	if (open311_fmt(r, &f) == -1 ||
	    check_key(r, &v[OF_API_KEY], dry) == -1)
		return;
	/* The format and the key passed: what failed is the request's. */
	bad = r->nbad;
	bad += post_checks(v, name, sizeof(name));
	if (bad > 0) {
		field_errors(r, v);
		return;
	}
	if ((rc = open311_categories(r, &c, &nc)) != DB_OK)
		goto fail;
	if ((cat = open311_category(c, nc, v[OF_SERVICE_CODE].s)) == NULL) {
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
	n.source = word_source[SRC_OPEN311].code;
	n.now = time(NULL);
	rc = dry ? dry_create(r, &n, &crc, tracking, &which) :
	    db_request_create(r->db, &n, &crc, tracking);
	if (rc != DB_OK)
		goto fail;
	switch (crc) {
	case DB_CREATE_BAD_CATEGORY:
		v[OF_SERVICE_CODE].error = "未知的服务类别";
		goto bad;
	case DB_CREATE_BAD_PLACE:
		if (!dry && (rc = place_fault(r, &n, &which)) != DB_OK)
			goto fail;
		if (which < 0)	/* the database saw otherwise a moment ago */
			which = n.grid_id != 0 ? OF_GRID : OF_COMMUNITY;
		v[which].error = which == OF_GRID ?
		    "网格不存在或不属于所选社区" : "社区不存在";
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

/* POST /open311/v2/requests.{xml,json}: a request stored. */
void
page_o311_post(struct req *r)
{
	post(r, false);
}

/*
 * POST /open311/test/v2/requests.{xml,json}: the test endpoint for
 * integrators, checked and answered exactly as above, nothing stored;
 * only test keys (lianxin apikey create --test).
 */
void
page_o311_test_post(struct req *r)
{
	post(r, true);
}

static void
add_time(struct open311_doc *d, json_t *o, const char *key, time_t t)
{
	char	 s[32];

	open311_put(d, o, key, open311_str(isotime_format(t, s)));
}

/*
 * A list being built: the document, and whether the client showed a valid
 * api_key.  Without one the list is public: no service_request_id (with
 * it and 4 phone digits /track shows the request), and the address only
 * to the level of the community (its name), no coordinates.
 */
struct o311_list {
	struct open311_doc *d;
	bool		 full;
	struct req	*r;		/* for media_url's signed links */
};

/* Append a request to the list (a db_o311_fn; arg a struct o311_list). */
static void
add_request(void *arg, const struct db_o311_request *q)
{
	struct o311_list *l = arg;
	struct open311_doc *d = l->d;
	json_t		*o = json_object();
	char		 s[256];
	int		 st = WORD_FIND(word_state, q->state);
	bool		 xy = l->full && q->has_coords;

	notice(s, sizeof(s), q->response_hours, q->resolve_days,
	    q->resolve_workdays);
	if (l->full)
		open311_put(d, o, "service_request_id",
		    open311_str(q->tracking));
	open311_put(d, o, "status", open311_str(st >= 0 ? statuses[st] :
	    q->state));
	/* Withdrawn (代群众撤回): closed, and said so; the staff's note of
	 * who asked is not public. */
	open311_put(d, o, "status_notes", open311_str(rq_withdrawn(q->state,
	    q->reject_reason) ? word_action[ACT_WITHDRAW].phrase :
	    q->status_notes));
	open311_put(d, o, "service_name", open311_str(q->service_name));
	open311_put(d, o, "service_code", open311_str(q->service_code));
	open311_put(d, o, "description", open311_str(q->description));
	open311_put(d, o, "agency_responsible",
	    open311_str(WORD_LABEL(word_level, q->level)));
	open311_put(d, o, "service_notice", open311_str(s));
	add_time(d, o, "requested_datetime", q->received_at);
	add_time(d, o, "updated_datetime", q->updated_at);
	add_time(d, o, "expected_datetime", q->resolve_due);
	open311_put(d, o, "address", open311_str(l->full ? q->address :
	    q->community));
	open311_put(d, o, "address_id", open311_str(""));
	open311_put(d, o, "zipcode", open311_str(""));
	open311_put(d, o, "lat", xy ? json_real(q->lat) : json_null());
	open311_put(d, o, "long", xy ? json_real(q->lng) : json_null());
	/* A signed, expiring link to its first photo, for production keys
	 * only (cgi/photos.c); nothing for anyone else. */
	if (l->full && q->photo[0] != '\0') {
		char	 base[300], url[600];

		open311_base_url(l->r, "", base, sizeof(base));
		photos_link(l->r->cfg, url, sizeof(url), base, q->photo,
		    q->tracking, false);
		open311_put(d, o, "media_url", open311_str(url));
	} else
		open311_put(d, o, "media_url", open311_str(""));
	open311_push(d, d->root, o);
}

/*
 * Did the client show a valid production api_key (k, the route's field)?
 * 1 yes, 0 no (absent, malformed, unknown, revoked, or a test key: a test
 * key reads what an anonymous reader does), or a negative db_rc.
 */
static int
has_key(struct req *r, const struct vvalue *k)
{
	bool	 test = false;
	int	 rc;

	if (!k->present || k->error != NULL)
		return 0;
	if ((rc = db_apikey_check(r->db, k->s, &test)) == DB_NOTFOUND)
		return 0;
	return rc == DB_OK ? !test : rc;
}

/* GET requests: '*' is the format; the filters. */
enum {
	LF_FORMAT = OPEN311_PATH, /* "*0": xml or json */
	LF_IDS,		/* service_request_id: a comma list */
	LF_CODES,	/* service_code: a comma list */
	LF_STATUS,	/* status: open, closed, or both as a comma list */
	LF_START,	/* start_date */
	LF_END,		/* end_date */
	LF_KEY,		/* api_key: exact addresses and ids */
	LF__MAX
};

static const struct vfield list_fields[LF__MAX] = {
	[LF_FORMAT] = OPEN311_FORMAT_FIELD,
	[LF_IDS] = { "service_request_id", "诉求编号", V_TEXT, false, 1,
	    MAX_LIST, NULL, "service_request_id 格式不正确：应为以逗号分隔的"
	    "诉求编号，最多1000个" },
	[LF_CODES] = { "service_code", "服务类别", V_TEXT, false, 1,
	    MAX_LIST, NULL, "service_code 格式不正确：应为以逗号分隔的服务类别"
	    "代码" },
	[LF_STATUS] = { "status", "状态", V_TEXT, false, 1, MAX_LIST, NULL,
	    "status 只能是 open、closed 或二者以逗号分隔" },
	[LF_START] = { "start_date", "开始时间", V_DATETIME, false, 0, 0, NULL,
	    "start_date 格式不正确，应为 ISO 8601 时间，如 "
	    "2026-11-21T08:00:00+08:00" },
	[LF_END] = { "end_date", "结束时间", V_DATETIME, false, 0, 0, NULL,
	    "end_date 格式不正确，应为 ISO 8601 时间，如 "
	    "2026-11-21T08:00:00+08:00" },
	[LF_KEY] = { "api_key", "API 密钥", V_TOKEN, false, 1, MAX_KEY_LEN },
};
VFORM(form_o311_requests, list_fields);

/*
 * The date window of GET requests from the fields v: both given, one
 * (the other 90 days away), or none (the last 90 days).  Returns 0, or
 * -1 with msg set.
 */
static int
window(const struct vvalue *v, struct db_o311_query *q, const char **msg)
{
	bool	 hs = v[LF_START].present, he = v[LF_END].present;

	q->start = (time_t)v[LF_START].i;
	q->end = (time_t)v[LF_END].i;
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

/* Requests by the list of ids v (other filters ignored, as specified). */
static int
by_ids(struct req *r, const struct vvalue *v, struct o311_list *d,
    const char **msg)
{
	char		(*ids)[DB_TRACKING_LEN + 1];
	size_t		 n, i;
	int		 rc = DB_OK;

	if ((ids = calloc(OPEN311_MAX_IDS, sizeof(*ids))) == NULL)
		return DB_ERROR;
	if (v->error != NULL ||
	    open311_ids(v->s, ids, OPEN311_MAX_IDS, &n) == -1) {
		*msg = list_fields[LF_IDS].msg;
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

/*
 * Requests by the filters v: service_code, status and the date window,
 * the first bad one answered.  Returns a db_rc, or msg set.
 */
static int
by_filters(struct req *r, const struct vvalue *v, struct o311_list *d,
    const char **msg)
{
	struct db_o311_query q;
	bool		 open = true, closed = true;

	memset(&q, 0, sizeof(q));
	if (v[LF_CODES].error != NULL || (v[LF_CODES].present &&
	    open311_codes(v[LF_CODES].s) == -1))
		*msg = list_fields[LF_CODES].msg;
	else if (v[LF_STATUS].error != NULL || (v[LF_STATUS].present &&
	    open311_statuses(v[LF_STATUS].s, &open, &closed) == -1))
		*msg = list_fields[LF_STATUS].msg;
	else if (v[LF_START].error != NULL)
		*msg = v[LF_START].error;
	else if (v[LF_END].error != NULL)
		*msg = v[LF_END].error;
	else
		(void)window(v, &q, msg);
	if (*msg != NULL)
		return DB_OK;
	q.service_codes = v[LF_CODES].present ? v[LF_CODES].s : NULL;
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
	struct open311_doc d = { NULL, false };
	struct o311_list l = { &d, false, r };
	const char	*msg = NULL;
	enum open311_fmt f;
	int		 rc;

	if (open311_fmt(r, &f) == -1)
		return;
	if ((rc = has_key(r, &r->v[LF_KEY])) < 0) {
		http_db_error(r, rc);
		return;
	}
	l.full = rc == 1;
	if ((d.root = json_array()) == NULL) {
		open311_error(r, 500, "服务器内存不足，请稍后重试");
		return;
	}
	if (r->v[LF_IDS].present)
		rc = by_ids(r, &r->v[LF_IDS], &l, &msg);
	else
		rc = by_filters(r, r->v, &l, &msg);
	if (rc != DB_OK || msg != NULL) {
		json_decref(d.root);
		if (rc != DB_OK)
			http_db_error(r, rc);
		else
			open311_error(r, 400, msg);
		return;
	}
	http_header(r, "Cache-Control", "no-store");
	open311_send(r, f, "service_requests", &d);
}

/* One request: '*' is "service_request_id.format", and the api_key. */
static const struct vfield one_fields[2] = {
	[OPEN311_PATH] = { "*0", "名称", V_TEXT, true, 1, OPEN311_ARGLEN - 1 },
	[1] = { "api_key", "API 密钥", V_TOKEN, false, 1, MAX_KEY_LEN },
};
VFORM(form_o311_request, one_fields);

/* GET /open311/v2/requests/{id}.{xml,json}: one request, or 404. */
void
page_o311_request(struct req *r)
{
	struct open311_doc d = { NULL, false };
	struct o311_list l = { &d, false, r };
	enum open311_fmt f;
	char		 id[OPEN311_ARGLEN];
	int		 rc;

	if (open311_named(r, id, &f) == -1)
		return;
	if ((rc = has_key(r, &r->v[1])) < 0) {
		http_db_error(r, rc);
		return;
	}
	l.full = rc == 1;
	if ((d.root = json_array()) == NULL) {
		open311_error(r, 500, "服务器内存不足，请稍后重试");
		return;
	}
	rc = valid_tracking(id) == 0 ?
	    db_o311_request(r->db, id, add_request, &l) : DB_NOTFOUND;
	if (rc != DB_OK) {
		json_decref(d.root);
		if (rc == DB_NOTFOUND)
			open311_error(r, 404, "未找到该诉求（service_request_id）");
		else
			http_db_error(r, rc);
		return;
	}
	http_header(r, "Cache-Control", "no-store");
	open311_send(r, f, "service_requests", &d);
}
