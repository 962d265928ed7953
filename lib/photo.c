/*
 * Photos of requests (photo.h): decode with libgd, orient by EXIF with
 * libexif, re-encode as JPEG.  Re-encoding from pixels is what strips
 * the metadata: libgd writes a bare JFIF file, so nothing of the
 * upload's APP segments (EXIF, GPS, XMP, comments) can survive.
 */
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gd.h>
#include <gd_errors.h>
#include <libexif/exif-data.h>
#include <sodium.h>

#include "photo.h"

/*
 * libgd's messages.  libjpeg reports a damaged or truncated file as a
 * "recoverable error" and libgd then returns a picture greyed where the
 * data lacked, even when told not to ignore warnings: so a message during
 * a JPEG's decoding (this thread's) makes it broken.  Messages while this
 * thread decodes an upload are the client's doing and are not logged;
 * anything else goes to standard error as libgd's own handler does.
 */
static __thread int	 decoding, complained;
static pthread_once_t	 gd_once = PTHREAD_ONCE_INIT;

static void
gd_messages(int priority, const char *fmt, va_list ap)
{
	if (decoding) {
		if (priority <= GD_WARNING)
			complained = 1;
		return;
	}
	fprintf(stderr, "GD: ");
	vfprintf(stderr, fmt, ap);
}

static void
gd_setup(void)
{
	gdSetErrorMethod(gd_messages);
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[1] << 8 | p[0];
}

static unsigned long
le24(const unsigned char *p)
{
	return (unsigned long)p[2] << 16 | (unsigned long)p[1] << 8 | p[0];
}

enum photo_type
photo_type(const void *v, size_t n)
{
	const unsigned char *p = v;

	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return PHOTO_JPEG;
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return PHOTO_PNG;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return PHOTO_WEBP;
	return PHOTO_NONE;
}

/* A JPEG's frame header (SOFn): its size.  0 or -1. */
static int
jpeg_size(const unsigned char *p, size_t n, int *w, int *h)
{
	size_t	 i = 2, len;
	unsigned m;

	while (i + 4 <= n) {
		if (p[i] != 0xff)
			return -1;
		while (i < n && p[i] == 0xff)
			i++;
		if (i >= n)
			return -1;
		m = p[i++];
		if (m == 0x01 || (m >= 0xd0 && m <= 0xd8))
			continue;		/* no length */
		if (m == 0xd9 || m == 0xda || i + 2 > n)
			return -1;		/* no frame before the scan */
		len = be16(p + i);
		if (len < 2)
			return -1;
		if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 &&
		    m != 0xcc) {
			if (len < 7 || i + 7 > n)
				return -1;
			*h = (int)be16(p + i + 3);
			*w = (int)be16(p + i + 5);
			return *w > 0 && *h > 0 ? 0 : -1;
		}
		i += len;
	}
	return -1;
}

int
photo_size(const void *v, size_t n, int *w, int *h)
{
	const unsigned char *p = v;

	*w = *h = 0;
	switch (photo_type(v, n)) {
	case PHOTO_JPEG:
		return jpeg_size(p, n, w, h);
	case PHOTO_PNG:
		if (n < 24 || memcmp(p + 12, "IHDR", 4) != 0 || p[16] || p[17] ||
		    p[20] || p[21])
			return -1;	/* over 65535 pixels a side: refused */
		*w = (int)be16(p + 18);
		*h = (int)be16(p + 22);
		break;
	case PHOTO_WEBP:
		if (n >= 30 && memcmp(p + 12, "VP8 ", 4) == 0 &&
		    memcmp(p + 23, "\x9d\x01\x2a", 3) == 0) {
			*w = (int)(le16(p + 26) & 0x3fff);
			*h = (int)(le16(p + 28) & 0x3fff);
		} else if (n >= 25 && memcmp(p + 12, "VP8L", 4) == 0 &&
		    p[20] == 0x2f) {
			uint32_t b = (uint32_t)p[21] | (uint32_t)p[22] << 8 |
			    (uint32_t)p[23] << 16 | (uint32_t)p[24] << 24;

			*w = (int)(b & 0x3fff) + 1;
			*h = (int)((b >> 14) & 0x3fff) + 1;
		} else if (n >= 30 && memcmp(p + 12, "VP8X", 4) == 0) {
			*w = (int)le24(p + 24) + 1;
			*h = (int)le24(p + 27) + 1;
		} else
			return -1;
		break;
	case PHOTO_NONE:
		return -1;
	}
	return *w > 0 && *h > 0 ? 0 : -1;
}

/* The EXIF orientation of a JPEG (1-8; 1 when none or strange). */
static int
exif_orientation(const unsigned char *p, size_t n)
{
	ExifData	*ed;
	ExifEntry	*e;
	int		 o = 1;

	if (n > UINT_MAX || (ed = exif_data_new_from_data(p,
	    (unsigned int)n)) == NULL)
		return 1;
	e = exif_data_get_entry(ed, EXIF_TAG_ORIENTATION);
	if (e != NULL && e->format == EXIF_FORMAT_SHORT && e->components == 1 &&
	    e->data != NULL && e->size >= 2)
		o = exif_get_short(e->data, exif_data_get_byte_order(ed));
	exif_data_unref(ed);
	return o >= 1 && o <= 8 ? o : 1;
}

/*
 * The image im turned as EXIF orientation o says (a new image, or im
 * itself for 1): 2 mirrored, 3 turned 180°, 4 flipped, 5 transposed,
 * 6 turned 90° clockwise, 7 transversed, 8 turned 90° anticlockwise.
 * NULL when out of memory.
 */
static gdImagePtr
orient(gdImagePtr im, int o)
{
	gdImagePtr	 d;
	int		 w = gdImageSX(im), h = gdImageSY(im), x, y, sx, sy;
	int		 dw = o >= 5 ? h : w, dh = o >= 5 ? w : h;

	if (o == 1)
		return im;
	if ((d = gdImageCreateTrueColor(dw, dh)) == NULL)
		return NULL;
	for (y = 0; y < dh; y++)
		for (x = 0; x < dw; x++) {
			switch (o) {
			case 2: sx = w - 1 - x; sy = y; break;
			case 3: sx = w - 1 - x; sy = h - 1 - y; break;
			case 4: sx = x; sy = h - 1 - y; break;
			case 5: sx = y; sy = x; break;
			case 6: sx = y; sy = h - 1 - x; break;
			case 7: sx = w - 1 - y; sy = h - 1 - x; break;
			default: sx = w - 1 - y; sy = x; break;	/* 8 */
			}
			d->tpixels[y][x] = im->tpixels[sy][sx];
		}
	return d;
}

/*
 * A true-colour copy of src whose longest side is at most side, on
 * white (a transparent PNG's background).  NULL when out of memory.
 */
static gdImagePtr
scaled(gdImagePtr src, int side)
{
	gdImagePtr	 d;
	int		 w = gdImageSX(src), h = gdImageSY(src), dw = w, dh = h;

	if (w > side || h > side) {
		if (w >= h) {
			dw = side;
			dh = (int)((long long)h * side / w);
		} else {
			dh = side;
			dw = (int)((long long)w * side / h);
		}
		if (dw < 1)
			dw = 1;
		if (dh < 1)
			dh = 1;
	}
	if ((d = gdImageCreateTrueColor(dw, dh)) == NULL)
		return NULL;
	gdImageFilledRectangle(d, 0, 0, dw - 1, dh - 1, 0xffffff);
	gdImageAlphaBlending(d, 1);
	gdImageCopyResampled(d, src, 0, 0, 0, 0, dw, dh, w, h);
	return d;
}

/* im as a JPEG in *out (malloc), *len.  0 or -1. */
static int
encode(gdImagePtr im, int quality, unsigned char **out, size_t *len)
{
	void	*p;
	int	 n = 0;

	gdImageInterlace(im, 0);
	if ((p = gdImageJpegPtr(im, &n, quality)) == NULL || n <= 0)
		return -1;
	if ((*out = malloc((size_t)n)) == NULL) {
		gdFree(p);
		return -1;
	}
	memcpy(*out, p, (size_t)n);
	*len = (size_t)n;
	gdFree(p);
	return 0;
}

enum photo_rc
photo_make(const void *v, size_t n, const struct photo_limits *lim,
    struct photo *ph)
{
	gdImagePtr	 im = NULL, s = NULL, o = NULL, t = NULL;
	enum photo_type	 type = photo_type(v, n);
	enum photo_rc	 rc = PHOTO_NOMEM;
	int		 w, h;
	size_t		 i;

	memset(ph, 0, sizeof(*ph));
	if (type == PHOTO_NONE)
		return PHOTO_NOT_IMAGE;
	if (n > lim->max_bytes || n > INT_MAX)
		return PHOTO_TOO_LARGE;
	if (photo_size(v, n, &w, &h) == -1)
		return PHOTO_BROKEN;
	if ((long long)w * h > lim->max_pixels)
		return PHOTO_TOO_MANY_PIXELS;
	pthread_once(&gd_once, gd_setup);
	decoding = 1;
	complained = 0;
	switch (type) {
	case PHOTO_JPEG:
		/* Warnings (a truncated file) are errors. */
		im = gdImageCreateFromJpegPtrEx((int)n, (void *)v, 0);
		break;
	case PHOTO_PNG:
		im = gdImageCreateFromPngPtr((int)n, (void *)v);
		break;
	case PHOTO_WEBP:
		im = gdImageCreateFromWebpPtr((int)n, (void *)v);
		break;
	case PHOTO_NONE:
		break;
	}
	decoding = 0;
	if (im == NULL || gdImageSX(im) != w || gdImageSY(im) != h ||
	    (type == PHOTO_JPEG && complained)) {
		rc = PHOTO_BROKEN;
		goto out;
	}
	ph->orientation = type == PHOTO_JPEG ? exif_orientation(v, n) : 1;
	if ((s = scaled(im, lim->side)) == NULL ||
	    (o = orient(s, ph->orientation)) == NULL ||
	    (t = scaled(o, lim->thumb)) == NULL)
		goto out;
	ph->width = gdImageSX(o);
	ph->height = gdImageSY(o);
	if (encode(o, lim->quality, &ph->jpeg, &ph->len) == -1 ||
	    encode(t, lim->quality, &ph->thumb, &ph->tlen) == -1) {
		photo_free(ph);
		goto out;
	}
	crypto_hash_sha256(ph->hash, ph->jpeg, ph->len);
	for (i = 0; i < PHOTO_HASH_LEN; i++) {
		ph->hex[2 * i] = "0123456789abcdef"[ph->hash[i] >> 4];
		ph->hex[2 * i + 1] = "0123456789abcdef"[ph->hash[i] & 15];
	}
	ph->hex[PHOTO_HEX_LEN] = '\0';
	rc = PHOTO_OK;
out:
	if (o != NULL && o != s)
		gdImageDestroy(o);
	if (s != NULL)
		gdImageDestroy(s);
	if (t != NULL)
		gdImageDestroy(t);
	if (im != NULL)
		gdImageDestroy(im);
	return rc;
}

void
photo_free(struct photo *ph)
{
	free(ph->jpeg);
	free(ph->thumb);
	ph->jpeg = ph->thumb = NULL;
	ph->len = ph->tlen = 0;
}

const char *
photo_message(enum photo_rc rc)
{
	switch (rc) {
	case PHOTO_OK:
		return NULL;
	case PHOTO_NOT_IMAGE:
		return "照片格式不支持：请上传 JPEG、PNG 或 WebP 格式的照片";
	case PHOTO_TOO_LARGE:
		return "照片文件过大，请压缩后重新上传";
	case PHOTO_TOO_MANY_PIXELS:
		return "照片像素过多，请缩小后重新上传";
	case PHOTO_BROKEN:
		return "照片已损坏或不完整，无法识别，请重新选择";
	case PHOTO_NOMEM:
		break;
	}
	return "照片处理失败，请稍后重试";
}
