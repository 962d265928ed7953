/*
 * Photos through nginx (issue 18): a phone's JPEG (EXIF orientation 6
 * and a GPS tag, made here) posted with the request form is stored
 * upright and without any metadata; PNG and WebP are taken; a text file
 * named .jpg, a truncated JPEG, an oversize file, a decompression bomb
 * and a 4th photo get 400 with the form kept and store nothing; a photo
 * opens only for staff whose scope holds its request and through the
 * signed link of the resident's status page, never by its hash; staff
 * attach photos to notes and to the resolution (before/after).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <gd.h>
#include <sodium.h>

#include "formtok.h"
#include "httpc.h"
#include "staffc.h"
#include "testdb.h"

#define BOUNDARY	"----lxtestBoundary7MA4YWxkTrZu0gW"
#define DESCRIPTION	"路灯坏了一个多星期，晚上很黑，请尽快维修"
#define PHONE		"13800005678"

static char	 community[16], category[16];

struct file {
	const char	*name;		/* field */
	const char	*filename;
	const char	*ctype;
	const unsigned char *data;
	size_t		 len;
};

/* A growing byte buffer. */
struct bytes {
	unsigned char	*p;
	size_t		 len, cap;
};

static void
add(struct bytes *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 1024;
		b->p = realloc(b->p, b->cap);
		assert_non_null(b->p);
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
adds(struct bytes *b, const char *s)
{
	add(b, s, strlen(s));
}

static void
text_part(struct bytes *b, const char *name, const char *value)
{
	adds(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"");
	adds(b, name);
	adds(b, "\"\r\n\r\n");
	adds(b, value);
	adds(b, "\r\n");
}

static void
file_part(struct bytes *b, const struct file *f)
{
	adds(b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"");
	adds(b, f->name);
	adds(b, "\"; filename=\"");
	adds(b, f->filename);
	adds(b, "\"\r\nContent-Type: ");
	adds(b, f->ctype);
	adds(b, "\r\n\r\n");
	add(b, f->data, f->len);
	adds(b, "\r\n");
}

/*
 * A JPEG as a phone takes it held sideways: 400 x 200 pixels as stored,
 * red in the top-left 100 x 100, blue elsewhere, with an APP1 EXIF
 * segment saying orientation 6 (turn 90° clockwise to view) and a GPS
 * IFD (latitude N 39° 54' 12.34").  *gps points at the GPS rational
 * bytes inside the file (24 bytes), to look for later.
 */
static unsigned char *
phone_jpeg(size_t *len, const unsigned char **gps)
{
	static const unsigned char exif[] = {
		0xff, 0xe1, 0x00, 0x64,			/* APP1, length 100 */
		'E', 'x', 'i', 'f', 0, 0,
		'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,	/* TIFF */
		/* IFD0 at 8: two entries */
		0x00, 0x02,
		0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x06, 0x00, 0x00,			/* Orientation 6 */
		0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x00, 0x00, 0x26,			/* GPS IFD at 38 */
		0x00, 0x00, 0x00, 0x00,
		/* GPS IFD at 38: two entries */
		0x00, 0x02,
		0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02,
		'N', 0, 0, 0,				/* GPSLatitudeRef */
		0x00, 0x02, 0x00, 0x05, 0x00, 0x00, 0x00, 0x03,
		0x00, 0x00, 0x00, 0x44,			/* GPSLatitude at 68 */
		0x00, 0x00, 0x00, 0x00,
		/* at 68: 39/1, 54/1, 1234/100 */
		0x00, 0x00, 0x00, 0x27, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x00, 0x00, 0x36, 0x00, 0x00, 0x00, 0x01,
		0x00, 0x00, 0x04, 0xd2, 0x00, 0x00, 0x00, 0x64,
	};
	gdImagePtr	 im;
	unsigned char	*j, *out;
	int		 n;

	assert_int_equal(sizeof(exif), 2 + 0x64);
	im = gdImageCreateTrueColor(400, 200);
	gdImageFilledRectangle(im, 0, 0, 399, 199, 0x0000ff);
	gdImageFilledRectangle(im, 0, 0, 99, 99, 0xff0000);
	/* A dot of its own, so that each run's photo is new (photos are
	 * stored once by content). */
	gdImageFilledRectangle(im, 250, 100, 253, 103,
	    (int)randombytes_uniform(0xffffff));
	j = gdImageJpegPtr(im, &n, 95);
	gdImageDestroy(im);
	assert_non_null(j);
	/* SOI, then our APP1, then the rest of libgd's file. */
	out = malloc((size_t)n + sizeof(exif));
	memcpy(out, j, 2);
	memcpy(out + 2, exif, sizeof(exif));
	memcpy(out + 2 + sizeof(exif), j + 2, (size_t)n - 2);
	*len = (size_t)n + sizeof(exif);
	*gps = out + 2 + sizeof(exif) - 24;
	gdFree(j);
	return out;
}

/* A small picture as PNG (webp = 0) or WebP, in malloc'd bytes. */
static unsigned char *
other_image(int webp, size_t *len)
{
	gdImagePtr	 im = gdImageCreateTrueColor(64, 48);
	unsigned char	*p, *out;
	int		 n;

	gdImageFilledRectangle(im, 0, 0, 63, 47, webp ? 0x00ff00 : 0xffff00);
	p = webp ? gdImageWebpPtr(im, &n) : gdImagePngPtr(im, &n);
	gdImageDestroy(im);
	assert_non_null(p);
	out = malloc((size_t)n);
	memcpy(out, p, (size_t)n);
	gdFree(p);
	*len = (size_t)n;
	return out;
}

/* POST /requests with the form's fields and files f[n], and the form
 * token tok (NULL: a fresh one). */
static void
post_token(const char *tok, const struct file *f, size_t n, struct hresp *r)
{
	struct bytes	 b = { 0 };
	size_t		 i;

	text_part(&b, "token", tok);
	text_part(&b, "category", category);
	text_part(&b, "community", community);
	text_part(&b, "address", "幸福路128号3幢2单元");
	text_part(&b, "description", DESCRIPTION);
	text_part(&b, "name", "测试居民");
	text_part(&b, "phone", PHONE);
	text_part(&b, "consent", "1");
	for (i = 0; i < n; i++)
		file_part(&b, &f[i]);
	adds(&b, "--" BOUNDARY "--\r\n");
	assert_int_equal(http_do("POST", "/requests",
	    "multipart/form-data; boundary=" BOUNDARY, (const char *)b.p, b.len,
	    r), 0);
	free(b.p);
}

static void
post_form(const struct file *f, size_t n, struct hresp *r)
{
	char	 tok[33];

	assert_int_equal(formtok_make(tok, "requests", time(NULL)), 0);
	post_token(tok, f, n, r);
}

/* The tracking number of a 303 to the receipt, into t. */
static void
tracking_of(const struct hresp *r, char t[9])
{
	const char	*loc;

	assert_int_equal(r->status, 303);
	loc = hresp_header(r, "Location");
	assert_non_null(loc);
	assert_non_null(strstr(loc, "/receipt/"));
	snprintf(t, 9, "%s", strstr(loc, "/receipt/") + 9);
}

static long long
rows(const char *table)
{
	char	 sql[128];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	return testdb_int(sql);
}

/* The hex hashes of request t's photos of kind, in order, into h[]. */
static size_t
photos_of(const char *t, const char *kind, char h[][65], size_t max)
{
	char		 sql[512];
	const char	*s;
	size_t		 i;

	for (i = 0; i < max; i++) {
		snprintf(sql, sizeof(sql), "SELECT LOWER(HEX(p.photo)) FROM "
		    "request_photos p JOIN service_requests r ON r.id = "
		    "p.request_id WHERE r.tracking_no = '%s' AND p.kind = '%s' "
		    "ORDER BY p.position LIMIT 1 OFFSET %zu", t, kind, i);
		if ((s = testdb_str(sql)) == NULL || *s == '\0')
			break;
		snprintf(h[i], 65, "%s", s);
	}
	return i;
}

/* The URL name of the photo of hash hex: unpadded base64url. */
static const char *
url_id(const char *hex)
{
	static char	 id[44];
	unsigned char	 h[32];
	size_t		 n;

	assert_int_equal(sodium_hex2bin(h, sizeof(h), hex, strlen(hex), NULL,
	    &n, NULL), 0);
	assert_int_equal(n, 32);
	sodium_bin2base64(id, sizeof(id), h, sizeof(h),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return id;
}

/* GET path with a staff session (NULL: none). */
static void
get_as(const char *cookie, const char *path, struct hresp *r)
{
	if (cookie != NULL)
		assert_int_equal(req(cookie, "GET", path, NULL, r), 0);
	else
		assert_int_equal(http_get(path, r), 0);
}

/* The colour of decoded pixel (x, y) is near want (0xRRGGBB). */
static void
pixel_is(gdImagePtr im, int x, int y, int want)
{
	int	 c = gdImageGetTrueColorPixel(im, x, y);
	int	 dr = gdTrueColorGetRed(c) - ((want >> 16) & 255);
	int	 dg = gdTrueColorGetGreen(c) - ((want >> 8) & 255);
	int	 db = gdTrueColorGetBlue(c) - (want & 255);

	if (dr * dr + dg * dg + db * db > 60 * 60)
		fail_msg("pixel (%d, %d) is %06x, want %06x", x, y, c & 0xffffff,
		    want);
}

/* Does the JPEG j[n] carry an APP1 (EXIF, XMP) before its scan? */
static int
has_app1(const unsigned char *j, size_t n)
{
	size_t	 i = 2;

	while (i + 4 <= n && j[i] == 0xff) {
		if (j[i + 1] == 0xe1)
			return 1;
		if (j[i + 1] == 0xda)
			return 0;
		i += 2 + ((size_t)j[i + 2] << 8 | j[i + 3]);
	}
	return 0;
}

static int
setup(void **state)
{
	char		 grid[16], other[16];
	const char	*s;

	(void)state;
	if (sodium_init() == -1)
		return -1;
	/* community1's community: in scope of community1, not community2. */
	if ((s = testdb_str("SELECT region_id FROM users WHERE username = "
	    "'community1'")) == NULL)
		return -1;
	snprintf(community, sizeof(community), "%s", s);
	if ((s = testdb_str("SELECT MIN(id) FROM categories WHERE active")) ==
	    NULL)
		return -1;
	snprintf(category, sizeof(category), "%s", s);
	return testdb_places(grid, grid, other);
}

/* The stored photo of a phone's picture: upright, no EXIF, no GPS. */
static char	 first_tracking[9], first_hash[65];

static void
phone_photo_upright_and_bare(void **state)
{
	const unsigned char *gps;
	unsigned char	*jpeg, sha[32];
	char		 cookie[128], path[256], h[3][65], hex[65];
	size_t		 len;
	struct hresp	 r;
	gdImagePtr	 im;
	long long	 before = rows("photos");

	(void)state;
	jpeg = phone_jpeg(&len, &gps);
	/* The picture really says orientation 6 and has its GPS bytes. */
	assert_true(has_app1(jpeg, len));
	struct file f = { "photo", "IMG_0001.jpg", "image/jpeg", jpeg, len };
	post_form(&f, 1, &r);
	tracking_of(&r, first_tracking);
	hresp_free(&r);
	assert_int_equal(photos_of(first_tracking, "resident", h, 3), 1);
	snprintf(first_hash, sizeof(first_hash), "%s", h[0]);
	assert_int_equal(rows("photos"), before + 1);

	/* As staff in scope: the stored JPEG. */
	must_login("community1", cookie);
	snprintf(path, sizeof(path), "/photos/%s?t=%s", url_id(first_hash),
	    first_tracking);
	get_as(cookie, path, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"), "image/jpeg");
	assert_non_null(strstr(hresp_header(&r, "Cache-Control"), "private"));
	/* Named by the SHA-256 of what is stored. */
	crypto_hash_sha256(sha, (unsigned char *)r.body, r.bodylen);
	sodium_bin2hex(hex, sizeof(hex), sha, sizeof(sha));
	assert_string_equal(hex, first_hash);
	/* No metadata at all: no APP1, no "Exif", not the GPS bytes. */
	assert_false(has_app1((unsigned char *)r.body, r.bodylen));
	assert_null(memmem(r.body, r.bodylen, "Exif", 4));
	assert_null(memmem(r.body, r.bodylen, gps, 24));
	/* Upright: 200 x 400, the red corner now at the top right. */
	im = gdImageCreateFromJpegPtr((int)r.bodylen, r.body);
	assert_non_null(im);
	assert_int_equal(gdImageSX(im), 200);
	assert_int_equal(gdImageSY(im), 400);
	pixel_is(im, 190, 10, 0xff0000);
	pixel_is(im, 110, 90, 0xff0000);
	pixel_is(im, 10, 10, 0x0000ff);
	pixel_is(im, 190, 390, 0x0000ff);
	gdImageDestroy(im);
	hresp_free(&r);

	/* The thumbnail, made at upload: upright too, at most 320 px. */
	snprintf(path, sizeof(path), "/photos/%s?t=%s&size=thumb", url_id(first_hash),
	    first_tracking);
	get_as(cookie, path, &r);
	assert_int_equal(r.status, 200);
	im = gdImageCreateFromJpegPtr((int)r.bodylen, r.body);
	assert_non_null(im);
	assert_int_equal(gdImageSX(im), 160);
	assert_int_equal(gdImageSY(im), 320);
	gdImageDestroy(im);
	hresp_free(&r);
	free(jpeg);
}

/* PNG and WebP are taken (and stored as JPEG). */
static void
png_and_webp(void **state)
{
	unsigned char	*png, *webp;
	size_t		 pl, wl;
	char		 t[9], h[3][65], cookie[128], path[256];
	struct hresp	 r;

	(void)state;
	png = other_image(0, &pl);
	webp = other_image(1, &wl);
	struct file f[2] = {
		{ "photo", "a.png", "image/png", png, pl },
		/* What the client says does not count: the bytes do. */
		{ "photo", "b.bin", "application/octet-stream", webp, wl },
	};
	post_form(f, 2, &r);
	tracking_of(&r, t);
	hresp_free(&r);
	assert_int_equal(photos_of(t, "resident", h, 3), 2);
	must_login("community1", cookie);
	snprintf(path, sizeof(path), "/photos/%s?t=%s", url_id(h[1]), t);
	get_as(cookie, path, &r);
	assert_int_equal(r.status, 200);
	assert_true(r.bodylen > 3 && (unsigned char)r.body[0] == 0xff &&
	    (unsigned char)r.body[1] == 0xd8);
	hresp_free(&r);
	free(png);
	free(webp);
}

/* A refused upload: 400, a message, the typed text kept, nothing stored. */
static void
refused(const struct file *f, size_t n, const char *msg)
{
	long long	 req0 = rows("service_requests"), ph0 = rows("photos"),
			 l0 = rows("request_photos");
	struct hresp	 r;

	post_form(f, n, &r);
	if (r.status != 400)
		fail_msg("status %d for \"%s\"", r.status, msg);
	if (strstr(r.body, msg) == NULL)
		fail_msg("no \"%s\" in the page", msg);
	assert_non_null(strstr(r.body, DESCRIPTION));
	assert_non_null(strstr(r.body, "enctype=\"multipart/form-data\""));
	hresp_free(&r);
	assert_int_equal(rows("service_requests"), req0);
	assert_int_equal(rows("photos"), ph0);
	assert_int_equal(rows("request_photos"), l0);
}

static void
bad_uploads_refused(void **state)
{
	static const char text[] = "这不是照片，只是一个改了扩展名的文本文件。\n";
	const unsigned char *gps;
	unsigned char	*jpeg, *big, *png, *bomb;
	size_t		 len, pl, bl = 8 * 1024 * 1024 + 1;

	(void)state;
	jpeg = phone_jpeg(&len, &gps);
	/* Text named .jpg and sent as image/jpeg. */
	struct file t = { "photo", "photo.jpg", "image/jpeg",
	    (const unsigned char *)text, sizeof(text) - 1 };
	refused(&t, 1, "照片格式不支持");
	/* A JPEG cut in the middle. */
	struct file c = { "photo", "cut.jpg", "image/jpeg", jpeg, len / 2 };
	refused(&c, 1, "照片已损坏或不完整");
	/* Over [photos] max_bytes (8 MiB). */
	big = calloc(1, bl);
	memcpy(big, jpeg, len);
	struct file b = { "photo", "big.jpg", "image/jpeg", big, bl };
	refused(&b, 1, "照片文件过大");
	/* A PNG whose header says 10000 x 10000 (100 megapixels). */
	png = other_image(0, &pl);
	bomb = malloc(pl);
	memcpy(bomb, png, pl);
	bomb[18] = 0x27; bomb[19] = 0x10;	/* width 10000 */
	bomb[22] = 0x27; bomb[23] = 0x10;	/* height 10000 */
	struct file p = { "photo", "bomb.png", "image/png", bomb, pl };
	refused(&p, 1, "照片像素过多");
	/* A 4th photo. */
	struct file four[4] = {
		{ "photo", "1.jpg", "image/jpeg", jpeg, len },
		{ "photo", "2.png", "image/png", png, pl },
		{ "photo", "3.jpg", "image/jpeg", jpeg, len },
		{ "photo", "4.png", "image/png", png, pl },
	};
	refused(four, 4, "最多上传3张照片");
	free(jpeg);
	free(big);
	free(png);
	free(bomb);
}

/* Undo html_attr in s: &amp; and &#NN; (in place). */
static void
unescape(char *s)
{
	char	*w = s, *e;
	long	 c;

	while (*s != '\0') {
		if (strncmp(s, "&amp;", 5) == 0) {
			*w++ = '&';
			s += 5;
		} else if (strncmp(s, "&#", 2) == 0 &&
		    (c = strtol(s + 2, &e, 10)) > 0 && c < 128 && *e == ';') {
			*w++ = (char)c;
			s = e + 1;
		} else
			*w++ = *s++;
	}
	*w = '\0';
}

/* The signed links of the resident's status page, into links[]. */
static size_t
status_links(const char *tracking, char links[][256], size_t max)
{
	char		 body[128];
	const char	*p, *q;
	size_t		 n = 0, k;
	struct hresp	 r;

	snprintf(body, sizeof(body), "tracking=%s&last4=%s", tracking,
	    PHONE + 7);
	/* From an address of its own: lookups are limited per address (by
	 * nginx too), and the other tests' lookups come from 127.0.0.1. */
	httpc_source = "127.0.0.77";
	assert_int_equal(http_post("/track", body, &r), 0);
	httpc_source = NULL;
	assert_int_equal(r.status, 200);
	for (p = r.body; n < max && (p = strstr(p, "\"/photos/")) != NULL;
	    p = q) {
		p++;
		q = strchr(p, '"');
		assert_non_null(q);
		k = (size_t)(q - p) < 255 ? (size_t)(q - p) : 255;
		memcpy(links[n], p, k);
		links[n][k] = '\0';
		unescape(links[n++]);
	}
	hresp_free(&r);
	return n;
}

static void
access_checked(void **state)
{
	char		 path[512], cookie[128], links[8][256], other[8][256];
	char		 t2[9], h2[3][65];
	const char	*s;
	unsigned char	*png;
	size_t		 n, m, pl;
	struct hresp	 r;

	(void)state;
	assert_true(first_hash[0] != '\0');
	/* Anonymous, with the hash and the tracking number: refused. */
	snprintf(path, sizeof(path), "/photos/%s?t=%s", url_id(first_hash),
	    first_tracking);
	get_as(NULL, path, &r);
	assert_true(r.status == 403 || r.status == 404);
	assert_null(strstr(hresp_header(&r, "Content-Type"), "image"));
	hresp_free(&r);
	snprintf(path, sizeof(path), "/photos/%s", url_id(first_hash));
	get_as(NULL, path, &r);
	assert_true(r.status == 403 || r.status == 404);
	hresp_free(&r);

	/* The resident who proved the digits: thumbnails linking to the
	 * full photo, both opening. */
	n = status_links(first_tracking, links, 8);
	assert_int_equal(n, 2);
	assert_non_null(strstr(links[0], url_id(first_hash)));
	assert_non_null(strstr(links[0], "&s="));
	assert_non_null(strstr(links[1], "size=thumb"));
	get_as(NULL, links[0], &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"), "image/jpeg");
	assert_non_null(strstr(hresp_header(&r, "Cache-Control"), "private"));
	hresp_free(&r);
	/* A signature altered: refused. */
	snprintf(path, sizeof(path), "%s", links[0]);
	s = strstr(path, "&s=");
	path[s - path + 3] = path[s - path + 3] == '0' ? '1' : '0';
	get_as(NULL, path, &r);
	assert_int_equal(r.status, 404);
	hresp_free(&r);

	/* Another resident's link, made for their request and photo,
	 * opens theirs and nothing else. */
	png = other_image(0, &pl);
	struct file f = { "photo", "x.png", "image/png", png, pl };
	post_form(&f, 1, &r);
	tracking_of(&r, t2);
	hresp_free(&r);
	assert_int_equal(photos_of(t2, "resident", h2, 3), 1);
	m = status_links(t2, other, 8);
	assert_int_equal(m, 2);
	get_as(NULL, other[0], &r);
	assert_int_equal(r.status, 200);
	hresp_free(&r);
	/* Their signature with the first photo's hash, or with the first
	 * request's tracking number: refused. */
	s = strstr(other[0], "?");
	snprintf(path, sizeof(path), "/photos/%s%s", url_id(first_hash), s);
	get_as(NULL, path, &r);
	assert_int_equal(r.status, 404);
	hresp_free(&r);
	snprintf(path, sizeof(path), "/photos/%s?t=%s%s", url_id(h2[0]),
	    first_tracking, strstr(other[0], "&x="));
	get_as(NULL, path, &r);
	assert_int_equal(r.status, 404);
	hresp_free(&r);

	/* Staff: out of scope refused, in scope served. */
	snprintf(path, sizeof(path), "/photos/%s?t=%s", url_id(first_hash),
	    first_tracking);
	must_login("community2", cookie);
	get_as(cookie, path, &r);
	assert_int_equal(r.status, 404);
	hresp_free(&r);
	must_login("community1", cookie);
	get_as(cookie, path, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"), "image/jpeg");
	hresp_free(&r);
	/* The staff page shows the thumbnail. */
	snprintf(path, sizeof(path), "/staff/requests/%s", first_tracking);
	get_as(cookie, path, &r);
	assert_int_equal(r.status, 200);
	unescape(r.body);
	snprintf(path, sizeof(path), "/photos/%s?t=%s&size=thumb",
	    url_id(first_hash), first_tracking);
	assert_non_null(strstr(r.body, path));
	hresp_free(&r);
	free(png);
}

/* A staff action posted as multipart with photo fields. */
static int
act_with_photos(const char *cookie, const char *t, const char *action,
    const char *text, const struct file *f, size_t n)
{
	struct bytes	 b = { 0 };
	char		 csrf[65], ver[32], sql[256], hdr[256];
	const char	*s;
	size_t		 i;
	struct hresp	 r;
	int		 st;

	csrf_of(cookie, csrf);
	snprintf(sql, sizeof(sql), "SELECT version FROM service_requests "
	    "WHERE tracking_no = '%s'", t);
	s = testdb_str(sql);
	assert_non_null(s);
	snprintf(ver, sizeof(ver), "%s", s);
	text_part(&b, "csrf", csrf);
	text_part(&b, "version", ver);
	text_part(&b, "action", action);
	text_part(&b, "text", text);
	for (i = 0; i < n; i++)
		file_part(&b, &f[i]);
	adds(&b, "--" BOUNDARY "--\r\n");
	snprintf(hdr, sizeof(hdr), "Cookie: lx_session=%s\r\n", cookie);
	httpc_headers = hdr;
	snprintf(sql, sizeof(sql), "/staff/requests/%s", t);
	assert_int_equal(http_do("POST", sql, "multipart/form-data; boundary="
	    BOUNDARY, (const char *)b.p, b.len, &r), 0);
	httpc_headers = NULL;
	st = r.status;
	hresp_free(&r);
	free(b.p);
	return st;
}

/* Staff photos: a note's (staff only) and the resolution's before and
 * after (the resident sees those). */
static void
staff_photos(void **state)
{
	const unsigned char *gps;
	unsigned char	*jpeg, *png;
	size_t		 len, pl;
	char		 cookie[128], h[3][65], links[8][256], sql[256];
	struct hresp	 r;

	(void)state;
	jpeg = phone_jpeg(&len, &gps);
	png = other_image(0, &pl);
	must_login("community1", cookie);
	post_form(NULL, 0, &r);
	char t[9];
	tracking_of(&r, t);
	hresp_free(&r);
	struct file note = { "photo", "n.png", "image/png", png, pl };
	assert_int_equal(act_with_photos(cookie, t, "note", "现场查看，附图",
	    &note, 1), 303);
	assert_int_equal(photos_of(t, "note", h, 3), 1);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM request_photos p "
	    "JOIN service_requests r ON r.id = p.request_id WHERE "
	    "r.tracking_no = '%s' AND p.event_id IS NOT NULL", t);
	assert_int_equal(testdb_int(sql), 1);
	/* A note's photo is not the resident's to see. */
	assert_int_equal(status_links(t, links, 8), 0);
	/* A text file as a photo: 400, nothing stored with the note. */
	struct file bad = { "photo", "x.jpg", "image/jpeg",
	    (const unsigned char *)"not an image at all", 19 };
	assert_int_equal(act_with_photos(cookie, t, "note", "再次查看",
	    &bad, 1), 400);
	assert_int_equal(testdb_int(sql), 1);

	assert_int_equal(act_with_photos(cookie, t, "accept", "已受理", NULL,
	    0), 303);
	struct file ba[2] = {
		{ "before", "before.jpg", "image/jpeg", jpeg, len },
		{ "after", "after.png", "image/png", png, pl },
	};
	assert_int_equal(act_with_photos(cookie, t, "resolve", "已修复路灯",
	    ba, 2), 303);
	assert_int_equal(photos_of(t, "before", h, 3), 1);
	assert_int_equal(photos_of(t, "after", h, 3), 1);
	/* The resident sees before and after (thumbnail and full each). */
	assert_int_equal(status_links(t, links, 8), 4);
	free(jpeg);
	free(png);
}

/* A new Open311 key from the admin command (args: "NAME" or "--test
 * NAME"), into k. */
static void
open311_key(const char *args, char k[80])
{
	char	 cmd[512], out[512];
	FILE	*p;
	size_t	 n;
	int	 id;

	snprintf(cmd, sizeof(cmd), "%s apikey create %s 2>/dev/null",
	    test_bin("lianxin"), args);
	assert_non_null(p = popen(cmd, "r"));
	n = fread(out, 1, sizeof(out) - 1, p);
	out[n] = '\0';
	assert_int_equal(pclose(p), 0);
	assert_int_equal(sscanf(out, "id %d\nkey %64s", &id, k), 2);
}

/* The media_url of request t in Open311's JSON, read with header hdr
 * (NULL: anonymously), into url ("" when empty). */
static void
media_url(const char *t, const char *hdr, char url[512])
{
	char		 path[128];
	const char	*p, *q;
	struct hresp	 r;

	snprintf(path, sizeof(path), "/open311/v2/requests/%s.json", t);
	httpc_headers = hdr;
	assert_int_equal(http_get(path, &r), 0);
	httpc_headers = NULL;
	assert_int_equal(r.status, 200);
	p = strstr(r.body, "\"media_url\"");
	assert_non_null(p);
	p = strchr(p + 11, '"');
	assert_non_null(p);
	q = strchr(++p, '"');
	assert_non_null(q);
	snprintf(url, 512, "%.*s", (int)(q - p), p);
	hresp_free(&r);
}

/* The same form posted twice (a double tap): one request, its photo
 * linked once, the same tracking number. */
static void
repost_stores_once(void **state)
{
	unsigned char	*png;
	size_t		 pl;
	char		 tok[33], t1[9], t2[9];
	long long	 req0 = rows("service_requests"),
			 l0 = rows("request_photos");
	struct hresp	 r;

	(void)state;
	png = other_image(0, &pl);
	struct file f = { "photo", "x.png", "image/png", png, pl };
	assert_int_equal(formtok_make(tok, "requests", time(NULL)), 0);
	post_token(tok, &f, 1, &r);
	tracking_of(&r, t1);
	hresp_free(&r);
	post_token(tok, &f, 1, &r);
	tracking_of(&r, t2);
	hresp_free(&r);
	assert_string_equal(t1, t2);
	assert_int_equal(rows("service_requests"), req0 + 1);
	assert_int_equal(rows("request_photos"), l0 + 1);
	free(png);
}

/* Open311: a signed link in media_url for production keys only. */
static void
open311_media_url(void **state)
{
	char		 key[80], tkey[80], hdr[128], url[512], *s, *w;
	struct hresp	 r;

	(void)state;
	assert_true(first_tracking[0] != '\0');
	open311_key("photos-test", key);
	open311_key("--test photos-integrator", tkey);
	media_url(first_tracking, NULL, url);
	assert_string_equal(url, "");
	snprintf(hdr, sizeof(hdr), "X-Api-Key: %s\r\n", tkey);
	media_url(first_tracking, hdr, url);
	assert_string_equal(url, "");
	snprintf(hdr, sizeof(hdr), "X-Api-Key: %s\r\n", key);
	media_url(first_tracking, hdr, url);
	assert_non_null(strstr(url, url_id(first_hash)));
	assert_non_null(strstr(url, "s="));
	/* JSON escapes '/' as "\/" (jansson may): undo, keep the path. */
	for (s = w = url; *s != '\0'; s++)
		if (!(s[0] == '\\' && s[1] == '/'))
			*w++ = *s;
	*w = '\0';
	assert_non_null(s = strstr(url, "/photos/"));
	get_as(NULL, s, &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(hresp_header(&r, "Content-Type"), "image/jpeg");
	hresp_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phone_photo_upright_and_bare),
		cmocka_unit_test(png_and_webp),
		cmocka_unit_test(bad_uploads_refused),
		cmocka_unit_test(access_checked),
		cmocka_unit_test(open311_media_url),
		cmocka_unit_test(repost_stores_once),
		cmocka_unit_test(staff_photos),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
