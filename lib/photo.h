/*
 * Photos of requests: an upload (JPEG, PNG or WebP, told by its first
 * bytes, never by what the client says it is) decoded with libgd, turned
 * upright by its EXIF orientation (libexif), scaled down, flattened on
 * white and re-encoded as a JPEG without any metadata (no EXIF, no GPS),
 * with a thumbnail, and named by the SHA-256 of that JPEG.  Uses nothing
 * of ours.
 */
#ifndef LIANXIN_PHOTO_H
#define LIANXIN_PHOTO_H

#include <stddef.h>

#define PHOTO_HASH_LEN	32			/* SHA-256 */
#define PHOTO_HEX_LEN	(PHOTO_HASH_LEN * 2)

/* Bounds of one upload (conf/lianxin.conf [photos]). */
struct photo_limits {
	size_t		 max_bytes;	/* the upload's length */
	long long	 max_pixels;	/* width x height, read from the
					   header before decoding */
	int		 side;		/* longest side stored, pixels */
	int		 thumb;		/* longest side of the thumbnail */
	int		 quality;	/* JPEG quality, 1..100 */
};

enum photo_type { PHOTO_NONE, PHOTO_JPEG, PHOTO_PNG, PHOTO_WEBP };

enum photo_rc {
	PHOTO_OK,
	PHOTO_NOT_IMAGE,	/* not a JPEG, PNG or WebP */
	PHOTO_TOO_LARGE,	/* more bytes than max_bytes */
	PHOTO_TOO_MANY_PIXELS,	/* more pixels than max_pixels */
	PHOTO_BROKEN,		/* a damaged or truncated image */
	PHOTO_NOMEM,
};

struct photo {
	unsigned char	*jpeg;		/* the photo (malloc) */
	size_t		 len;
	unsigned char	*thumb;		/* its thumbnail (malloc) */
	size_t		 tlen;
	int		 width, height;	/* of jpeg */
	int		 orientation;	/* the EXIF orientation applied (1-8) */
	unsigned char	 hash[PHOTO_HASH_LEN];	/* SHA-256 of jpeg */
	char		 hex[PHOTO_HEX_LEN + 1];	/* the same in hex */
};

/* The type of an upload by its first bytes (PHOTO_NONE: not one). */
enum photo_type	 photo_type(const void *, size_t);
/*
 * Width and height as the image's header says (JPEG: its frame header;
 * PNG: IHDR; WebP: VP8/VP8L/VP8X), without decoding.  0 or -1.
 */
int		 photo_size(const void *, size_t, int *w, int *h);
/*
 * Make the stored photo and thumbnail of an upload p[n].  Returns
 * PHOTO_OK with *ph set (free with photo_free), or why not (nothing
 * allocated).
 */
enum photo_rc	 photo_make(const void *p, size_t n,
		    const struct photo_limits *, struct photo *ph);
void		 photo_free(struct photo *);
/* What to tell the resident, in Chinese. */
const char	*photo_message(enum photo_rc);

#endif
