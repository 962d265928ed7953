/*
 * png: 8-bit palette PNG through libdeflate.  See png.h.
 *
 * The canvas already holds the image data as PNG wants it (a filter byte
 * of 0, then the row's palette indices, for every row), so one call of
 * libdeflate's whole-buffer zlib compressor makes the IDAT.  Its level 1
 * does the job in about a third of the instructions zlib's level 1 takes
 * on these images, for output of about the same size; the chunks' CRC-32
 * is libdeflate's too.  A compressor is not thread-safe; each thread
 * keeps its own.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "png.h"

static pthread_key_t	 ckey;
static pthread_once_t	 conce = PTHREAD_ONCE_INIT;

static void
compressor_free(void *c)
{
	libdeflate_free_compressor(c);
}

static void
ckey_make(void)
{
	(void)pthread_key_create(&ckey, compressor_free);
}

/* This thread's compressor, or NULL. */
static struct libdeflate_compressor *
compressor(void)
{
	struct libdeflate_compressor *c;

	(void)pthread_once(&conce, ckey_make);
	if ((c = pthread_getspecific(ckey)) == NULL &&
	    (c = libdeflate_alloc_compressor(1)) != NULL &&
	    pthread_setspecific(ckey, c) != 0) {
		libdeflate_free_compressor(c);
		c = NULL;
	}
	return c;
}

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* Frame the n data bytes at p + 8 as a PNG chunk; returns its size. */
static size_t
chunk(unsigned char *p, const char *type, size_t n)
{
	be32(p, (uint32_t)n);
	memcpy(p + 4, type, 4);
	be32(p + 8 + n, libdeflate_crc32(0, p + 4, n + 4));
	return n + 12;
}

int
png_indexed(const unsigned char *px, int w, int h, const uint32_t *rgb,
    int ncol, unsigned char **png, size_t *len)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	struct libdeflate_compressor *c;
	unsigned char	*out, *q;
	size_t		 n = (size_t)(w + 1) * (size_t)h, o, zn, cap;
	int		 i;

	*png = NULL, *len = 0;
	if ((c = compressor()) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	cap = 8 + 25 + 12 + 3 * 256 + libdeflate_zlib_compress_bound(c, n) +
	    12 + 12;
	if ((out = malloc(cap)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(out, sig, 8);
	be32(out + 16, (uint32_t)w);
	be32(out + 20, (uint32_t)h);
	memcpy(out + 24, "\x08\x03\0\0\0", 5);	/* 8-bit palette */
	o = 8 + chunk(out + 8, "IHDR", 13);
	for (q = out + o + 8, i = 0; i < ncol; i++, q += 3)
		q[0] = (unsigned char)(rgb[i] >> 16),
		    q[1] = (unsigned char)(rgb[i] >> 8),
		    q[2] = (unsigned char)rgb[i];
	o += chunk(out + o, "PLTE", 3 * (size_t)ncol);
	zn = libdeflate_zlib_compress(c, px, n, out + o + 8,
	    cap - o - 8 - 12 - 12);
	if (zn == 0) {
		free(out);
		errno = ENOMEM;
		return -1;
	}
	o += chunk(out + o, "IDAT", zn);
	o += chunk(out + o, "IEND", 0);
	if ((*png = realloc(out, o)) == NULL) {
		free(out);
		errno = ENOMEM;
		return -1;
	}
	*len = o;
	return 0;
}
