/*
 * The links of the messages to residents (sql/outbox.c): /t/TOKEN opens
 * the request's status page, with its rating form, without the phone
 * digits.  The token is signed, expiring and bound to one request
 * (lib/linktok.c); it holds no phone.  Lookups count against the client
 * address like /track.
 */
#include <time.h>

#include <sodium.h>

#include "db.h"
#include "html.h"
#include "http.h"
#include "limit.h"
#include "linktok.h"
#include "outbox.h"
#include "portal.h"
#include "route.h"
#include "valid.h"

/* 0 with q of the token in the path, else -1 answered (404: a link
 * forged, changed or expired; 429; 5xx). */
static int
link_request(struct req *r, struct db_request *q)
{
	unsigned char	 key[LINKTOK_KEYBYTES];
	long long	 id = 0;
	int		 ok, rc;

	if (limit_guard(r, LIMIT_LOOKUP_ADDR, r->addr) != 0)
		return -1;
	db_link_key(r->cfg, key);
	ok = linktok_check(key, r->args[0], time(NULL), &id) == 0;
	sodium_memzero(key, sizeof(key));
	rc = ok ? db_request_get_id(r->db, id, q) : DB_NOTFOUND;
	if (rc == DB_NOTFOUND)
		html_error_page(r, 404, "链接无效或已过期",
		    "请通过“查询办理进度”输入诉求编号和手机号后四位查看。");
	else if (rc != DB_OK)
		http_db_error(r, rc);
	return rc == DB_OK ? 0 : -1;
}

/* GET /t/TOKEN: the status page and, when it waits for one, the rating
 * form posting back here. */
void
page_link(struct req *r)
{
	struct db_request q;

	if (link_request(r, &q) == 0)
		portal_status(r, &q, NULL, r->args[0], NULL);
}

/* POST /t/TOKEN: the rating, as POST /rate. */
void
page_link_post(struct req *r)
{
	struct db_request q;

	if (portal_rate_fields(r) == 0 && link_request(r, &q) == 0)
		portal_rate(r, &q, NULL, r->args[0]);
}

VFORM_NONE(form_link);
