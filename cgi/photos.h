/*
 * Photos of requests in the pages (cgi/photos.c): taking the uploads of a
 * form, showing a request's photos, and serving them with access checks.
 */
#ifndef LIANXIN_PHOTOS_H
#define LIANXIN_PHOTOS_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "http.h"
#include "photo.h"

struct buf;
struct config;
struct vfield;

/*
 * The uploads of one form, made into photos to store: up to
 * HTTP_MAX_FILES per field, two fields at most (a resolution's before
 * and after).
 */
#define PHOTOS_TAKEN_MAX	(2 * HTTP_MAX_FILES)
struct photos_taken {
	struct photo	 ph[PHOTOS_TAKEN_MAX];
	struct db_photo	 dp[PHOTOS_TAKEN_MAX];
	size_t		 n;
};

/* Derive the links' key from c (as formtoken_init); once, at start-up. */
void	 photos_init(const struct config *);
/*
 * Decode the photos of field f (a V_PHOTO field, many) of the request
 * into t, each of kind (resident, note, before, after), appended to what
 * t holds.  Returns NULL, or the message for the form (t then holds
 * nothing: photos_free done).
 */
const char *photos_take(struct req *, const struct vfield *,
	    const char *kind, struct photos_taken *t);
void	 photos_free(struct photos_taken *);
/*
 * The photos of request q (id, tracking number) as thumbnails linking to
 * the full images.  For the resident (signed, expiring links; staff
 * notes' photos left out) or for staff (links their session opens).
 * Returns a db_rc (nothing written on failure).
 */
int	 photos_gallery(struct req *, struct buf *, long long id,
	    const char *tracking, bool resident);
/*
 * The photos of co-building commitment id (a fulfilment's) as thumbnails
 * linking to the full images, for staff in scope and the unit's account
 * (GET /photos/{id}?c=ID checks which).  A db_rc; nothing written when
 * there are none.
 */
int	 photos_commitment_gallery(struct req *, struct buf *, int id);
/*
 * A signed link to the photo hex of request tracking, valid for [photos]
 * link_minutes, absolute when base is given (Open311's media_url), into
 * out.
 */
void	 photos_link(const struct config *, char *out, size_t sz,
	    const char *base, const char *hex, const char *tracking,
	    bool thumb);

#endif
