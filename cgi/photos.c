/*
 * Photos of requests: the uploads of a form (decoded by lib/photo.c),
 * thumbnails on the pages, and GET /photos/{id} (id: the SHA-256 in
 * unpadded base64url).
 *
 * A photo is never reachable by its hash alone.  Its URL names the
 * request it belongs to (t=tracking number) and is opened either by a
 * staff session whose scope holds that request, or by a signature: an
 * HMAC over the hash, the tracking number and an expiry time (x=, s=),
 * which only the daemon makes, for the resident who proved the phone
 * digits on the status page or for Open311 readers allowed to see it.
 * A co-building commitment's photo (issue 20) names its commitment
 * instead (c=id) and opens only for a staff session whose scope holds
 * the agreement's community, or for the account of the agreement's unit.
 * Every answer is Cache-Control: private.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "auth.h"
#include "cbpage.h"
#include "config.h"
#include "html.h"
#include "limit.h"
#include "photos.h"
#include "route.h"
#include "valid.h"

#define LINK_LABEL	"lianxin photo link\n"
#define LINK_MAC	16		/* bytes of the HMAC kept */
#define MAX_PHOTOS	32		/* shown per request */
/* A photo's name in URLs: its hash in unpadded base64url (43 symbols;
 * the route's path segments hold at most 63). */
#define URL_ID_LEN	43

static unsigned char	 link_key[crypto_auth_KEYBYTES];

/*
 * The links' key: BLAKE2b-256 of [portal] form_secret (or the database
 * password, the same for every lianxind), keyed with LINK_LABEL so that
 * it is not the form tokens' key; with neither, this process's own.
 */
void
photos_init(const struct config *c)
{
	const char	*sec = c->form_secret[0] ? c->form_secret :
			    c->db_password;

	if (*sec == '\0')
		memcpy(link_key, limit_process_key(), sizeof(link_key));
	else
		crypto_generichash(link_key, sizeof(link_key),
		    (const unsigned char *)sec, strlen(sec),
		    (const unsigned char *)LINK_LABEL, strlen(LINK_LABEL));
}

/* The URL name of the photo of hash hex (lower-case), into id. */
static void
url_id(const char *hex, char id[URL_ID_LEN + 1])
{
	unsigned char	 h[PHOTO_HASH_LEN];
	size_t		 n = 0;

	id[0] = '\0';
	if (sodium_hex2bin(h, sizeof(h), hex, strlen(hex), NULL, &n, NULL) ==
	    0 && n == sizeof(h))
		sodium_bin2base64(id, URL_ID_LEN + 1, h, sizeof(h),
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The signature of (id, tracking, expiry) in hex. */
static void
link_mac(const char *hex, const char *tracking, long long expiry,
    char out[LINK_MAC * 2 + 1])
{
	unsigned char	 mac[crypto_auth_BYTES];
	char		 msg[160];
	int		 n;

	n = snprintf(msg, sizeof(msg), "%s|%s|%lld", hex, tracking, expiry);
	crypto_auth(mac, (const unsigned char *)msg, (size_t)n, link_key);
	sodium_bin2hex(out, LINK_MAC * 2 + 1, mac, LINK_MAC);
}

void
photos_link(const struct config *c, char *out, size_t sz, const char *base,
    const char *hex, const char *tracking, bool thumb)
{
	char		 mac[LINK_MAC * 2 + 1], id[URL_ID_LEN + 1];
	long long	 ttl = (long long)c->photo_link_minutes * 60;
	/* Rounded up, so that a page shown twice gives the same links
	 * (the browser's cache keeps the images). */
	long long	 x = ((long long)time(NULL) / ttl + 2) * ttl;

	url_id(hex, id);
	link_mac(id, tracking, x, mac);
	snprintf(out, sz, "%s/photos/%s?t=%s&x=%lld&s=%s%s", base ? base : "",
	    id, tracking, x, mac, thumb ? "&size=thumb" : "");
}

const char *
photos_take(struct req *r, const struct vfield *f, const char *kind,
    struct photos_taken *t)
{
	const struct photo_limits lim = { (size_t)r->cfg->photo_max_bytes,
	    r->cfg->photo_max_pixels, r->cfg->photo_side,
	    r->cfg->photo_thumb, r->cfg->photo_quality };
	struct vvalue	 v;
	enum photo_rc	 rc;
	size_t		 pos = 0, k = 0;

	while (valid_next(r, f, &pos, &v) == 0) {
		if (++k > HTTP_MAX_FILES || t->n >= PHOTOS_TAKEN_MAX) {
			photos_free(t);
			return "最多上传3张照片";
		}
		if ((rc = photo_make(v.s, (size_t)v.i, &lim, &t->ph[t->n])) !=
		    PHOTO_OK) {
			photos_free(t);
			return photo_message(rc);
		}
		t->dp[t->n] = (struct db_photo){ t->ph[t->n].hash,
		    t->ph[t->n].jpeg, t->ph[t->n].len, t->ph[t->n].thumb,
		    t->ph[t->n].tlen, t->ph[t->n].width, t->ph[t->n].height,
		    kind };
		t->n++;
	}
	return NULL;
}

void
photos_free(struct photos_taken *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		photo_free(&t->ph[i]);
	t->n = 0;
}

/* Labels of the kinds, as the pages show them. */
static const char *
kind_label(const char *kind)
{
	if (strcmp(kind, "resident") == 0)
		return "群众上传";
	if (strcmp(kind, "before") == 0)
		return "整改前";
	if (strcmp(kind, "after") == 0)
		return "整改后";
	return "记录附图";
}

int
photos_gallery(struct req *r, struct buf *b, long long id,
    const char *tracking, bool resident)
{
	struct db_photo_row *p;
	char		 full[256], thumb[256], uid[URL_ID_LEN + 1];
	size_t		 n = 0, i, shown = 0;
	int		 rc;

	if ((p = calloc(MAX_PHOTOS, sizeof(*p))) == NULL)
		return DB_ERROR;
	if ((rc = db_request_photos(r->db, id, p, MAX_PHOTOS, &n)) != DB_OK) {
		free(p);
		return rc;
	}
	for (i = 0; i < n; i++) {
		if (resident && strcmp(p[i].kind, "note") == 0)
			continue;
		if (shown++ == 0)
			buf_add(b, "<section class=\"card\">\n<h2>照片</h2>\n"
			    "<ul class=\"photos\">\n");
		if (resident) {
			photos_link(r->cfg, full, sizeof(full), NULL, p[i].hex,
			    tracking, false);
			photos_link(r->cfg, thumb, sizeof(thumb), NULL,
			    p[i].hex, tracking, true);
		} else {
			url_id(p[i].hex, uid);
			snprintf(full, sizeof(full), "/photos/%s?t=%s", uid,
			    tracking);
			snprintf(thumb, sizeof(thumb), "/photos/%s?t=%s"
			    "&size=thumb", uid, tracking);
		}
		buf_add(b, "<li><a href=\"");
		html_attr(b, full);
		buf_add(b, "\"><img src=\"");
		html_attr(b, thumb);
		buf_printf(b, "\" alt=\"%s\" loading=\"lazy\"></a>"
		    "<span class=\"muted\">%s</span></li>\n",
		    kind_label(p[i].kind), kind_label(p[i].kind));
	}
	if (shown > 0)
		buf_add(b, "</ul>\n</section>\n");
	free(p);
	return DB_OK;
}

int
photos_commitment_gallery(struct req *r, struct buf *b, int id)
{
	char		 hex[CB_PHOTOS_MAX * 4][DB_PHOTO_HEX + 1];
	char		 uid[URL_ID_LEN + 1];
	size_t		 n = 0, i;
	int		 rc;

	if ((rc = cb_commitment_photos(r->db, id, hex, NELEMS(hex), &n)) !=
	    DB_OK || n == 0)
		return rc;
	buf_add(b, "<ul class=\"photos\">\n");
	for (i = 0; i < n; i++) {
		url_id(hex[i], uid);
		buf_printf(b, "<li><a href=\"/photos/%s?c=%d\"><img "
		    "src=\"/photos/%s?c=%d&amp;size=thumb\" alt=\"兑现照片\" "
		    "loading=\"lazy\"></a></li>\n", uid, id, uid, id);
	}
	buf_add(b, "</ul>\n");
	return DB_OK;
}

/* GET /photos/{id}: what it takes (id: the hash in base64url); t for a
 * request's photo, c for a commitment's (co-building). */
enum { PF_HASH, PF_TRACKING, PF_EXPIRY, PF_SIG, PF_SIZE, PF_COMMITMENT,
	PF__MAX };
static const char *const sizes[] = { "thumb" };
static const struct vfield photo_fields[PF__MAX] = {
	{ "*0", "照片", V_TOKEN, true, URL_ID_LEN, URL_ID_LEN },
	{ "t", "诉求编号", V_TRACKING, false },
	{ "x", "有效期", V_INT, false, 1, 1LL << 40 },
	{ "s", "签名", V_TOKEN, false, LINK_MAC * 2, LINK_MAC * 2 },
	{ "size", "尺寸", V_ENUM, false, 0, 1, sizes },
	{ "c", "承诺事项", V_ID, false, 1, INT_MAX },
};

/* The same answer for every refusal: nothing says whether it exists. */
static void
photo_refused(struct req *r)
{
	http_header(r, "Cache-Control", "private, no-store");
	http_error(r, 404, "照片不存在",
	    "照片不存在，或您无权查看。请从诉求页面打开照片。");
}

/* Does the link's signature hold, and is it not expired? */
static bool
signed_ok(const struct vvalue *v)
{
	char	 mac[LINK_MAC * 2 + 1];

	if (!v[PF_SIG].present || v[PF_SIG].error != NULL ||
	    !v[PF_EXPIRY].present || v[PF_EXPIRY].error != NULL ||
	    v[PF_EXPIRY].i < (long long)time(NULL))
		return false;
	link_mac(v[PF_HASH].s, v[PF_TRACKING].s, v[PF_EXPIRY].i, mac);
	return sodium_memcmp(mac, v[PF_SIG].s, LINK_MAC * 2) == 0;
}

/*
 * After the access checks (rc): the photo of hash (its thumbnail with
 * size=thumb) with Cache-Control cache, or 404 for anything not found,
 * or the database failure.
 */
static void
photo_answer(struct req *r, int rc, const unsigned char *hash,
    const char *cache)
{
	unsigned char	*img = NULL;
	size_t		 len = 0;

	if (rc == DB_OK)
		rc = db_photo_get(r->db, hash, r->v[PF_SIZE].present, &img,
		    &len);
	if (rc == DB_NOTFOUND) {
		photo_refused(r);
		return;
	}
	if (rc != DB_OK) {
		http_db_error(r, rc);
		return;
	}
	r->ctype = "image/jpeg";
	http_header(r, "Cache-Control", cache);
	buf_addn(&r->body, (const char *)img, len);
	free(img);
}

/*
 * A commitment's photo (c=ID): for staff whose scope holds the
 * agreement's community and for the account of the agreement's unit;
 * never signed links, never the public.  404 for anything else.
 */
static void
commitment_photo(struct req *r, const unsigned char *hash)
{
	struct staff	 s;
	char		 tok[256];
	int		 ids[4], unit = 0, rc;

	if (http_cookie(r, AUTH_COOKIE, tok, sizeof(tok)) == -1) {
		photo_refused(r);
		return;
	}
	if (auth_require(r, ROLES_STAFF | ROLE_BIT(ROLE_UNIT), &s) == -1)
		return;
	rc = cb_commitment_photo(r->db, (int)r->v[PF_COMMITMENT].i, hash,
	    &unit, ids);
	if (rc == DB_OK && (s.u.role == ROLE_UNIT ? s.u.unit_id != unit :
	    !cb_in_scope(&s, ids)))
		rc = DB_NOTFOUND;
	photo_answer(r, rc, hash, "private, max-age=86400");
}

/*
 * GET /photos/{id}?t=TRACKING[&x=EXPIRY&s=SIGNATURE][&size=thumb]: the
 * photo (image/jpeg, Cache-Control private) when the link is signed and
 * not expired, or the staff session's scope holds the request; 404 for
 * anything else (no session: no redirect to the login either); 503/500.
 */
void
page_photo(struct req *r)
{
	const struct vvalue *v = r->v;
	struct db_request_full *f = NULL;
	struct staff	 s;
	unsigned char	 hash[PHOTO_HASH_LEN];
	char		 tok[256];
	size_t		 n;
	bool		 resident;
	int		 rc;

	if (r->nbad > 0 || sodium_base642bin(hash, sizeof(hash),
	    v[PF_HASH].s, URL_ID_LEN, NULL, &n, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(hash)) {
		photo_refused(r);
		return;
	}
	if (v[PF_COMMITMENT].present) {
		commitment_photo(r, hash);
		return;
	}
	if (!v[PF_TRACKING].present) {
		photo_refused(r);
		return;
	}
	resident = signed_ok(v);
	if (!resident && http_cookie(r, AUTH_COOKIE, tok, sizeof(tok)) == -1) {
		photo_refused(r);
		return;
	}
	if (!resident && auth_require(r, ROLES_STAFF, &s) == -1)
		return;
	if ((f = calloc(1, sizeof(*f))) == NULL) {
		http_db_error(r, DB_ERROR);
		return;
	}
	rc = db_request_full(r->db, v[PF_TRACKING].s, f);
	if (rc == DB_OK && !resident && !db_in_scope(&s.u.scope, f->ids))
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		rc = db_photo_linked(r->db, f->pub.id, hash, resident);
	free(f);
	photo_answer(r, rc, hash, resident ? "private, max-age=3600" :
	    "private, max-age=86400");
}

VFORM(form_photo, photo_fields);
