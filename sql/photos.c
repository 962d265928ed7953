/*
 * Photos of requests (migration 0012): stored once by the SHA-256 of
 * their JPEG, linked to requests (and staff actions), read back for the
 * daemon that serves them (cgi/photos.c checks who may see them).
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

int
db_photos_store(struct db *db, long long request_id, long long event_id,
    const struct db_photo *ph, size_t n, time_t now)
{
	size_t	 i;
	int	 rc = DB_OK;

	for (i = 0; i < n && rc == DB_OK; i++) {
		struct dbp p[] = {
			P_STRN((const char *)ph[i].hash, DB_HASH_LEN),
			P_STRN((const char *)ph[i].jpeg, ph[i].len),
			P_STRN((const char *)ph[i].thumb, ph[i].tlen),
			P_INT(ph[i].width), P_INT(ph[i].height),
			P_INT((long long)ph[i].len), P_TIME(now) };
		struct dbp l[] = { P_INT(request_id),
			event_id > 0 ? P_INT(event_id) : P_NULL,
			P_STRN((const char *)ph[i].hash, DB_HASH_LEN),
			P_STR(ph[i].kind), P_INT((long long)i) };

		if ((rc = db_run(db, SQL_PHOTO_INSERT, p, NELEM(p), NULL,
		    NULL)) == DB_OK)
			rc = db_run(db, SQL_PHOTO_LINK, l, NELEM(l), NULL, NULL);
	}
	return rc;
}

/*
 * A post with photos: the request and its photos in one transaction, so
 * that neither is stored without the other.  Not batched (the batches
 * of sql/request.c carry rows of text only).  A repost of the same form
 * stores nothing and answers the first post's tracking number.
 */
int
db_request_create_photos(struct db *db, const struct db_request_new *n,
    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1])
{
	struct db_request q;
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_request_insert_tx(db, n, crc, tracking)) == DB_OK &&
	    *crc == DB_CREATE_NEW &&
	    (rc = db_request_get(db, tracking, &q)) == DB_OK)
		rc = db_photos_store(db, q.id, 0, n->photos, n->nphotos,
		    n->now);
	if (rc == DB_OK && *crc != DB_CREATE_NEW) {
		db_tx_rollback(db);
		return DB_OK;
	}
	return db_tx_end(db, rc);
}

int
db_photo_linked(struct db *db, long long request_id,
    const unsigned char *hash, int resident)
{
	long long	 k = 0;
	struct dbr	 r[] = { R_INT(&k) };
	struct dbp	 p[] = { P_INT(request_id),
	    P_STRN((const char *)hash, DB_HASH_LEN), P_INT(resident ? 1 : 0) };
	int		 rc;

	if ((rc = db_one(db, SQL_PHOTO_LINKED, p, NELEM(p), r, NELEM(r))) !=
	    DB_OK)
		return rc;
	return k > 0 ? DB_OK : DB_NOTFOUND;
}

int
db_photo_get(struct db *db, const unsigned char *hash, int thumb,
    unsigned char **out, size_t *len)
{
	long long	 bytes = 0;
	struct dbr	 r[] = { R_INT(&bytes) };
	struct dbp	 p[] = { P_INT(thumb != 0),
	    P_STRN((const char *)hash, DB_HASH_LEN) };
	struct dbr	 b[1];
	int		 rc;

	*out = NULL;
	*len = 0;
	if ((rc = db_one(db, SQL_PHOTO_SIZE, p, NELEM(p), r, NELEM(r))) !=
	    DB_OK)
		return rc;
	if (bytes < 0 || (*out = malloc((size_t)bytes + 1)) == NULL)
		return DB_ERROR;
	b[0] = (struct dbr){ .type = DBR_STR, .p = *out,
	    .size = (size_t)bytes + 1 };
	/* The row may have gone meanwhile (it never changes). */
	if ((rc = db_one(db, SQL_PHOTO_BYTES, p, NELEM(p), b, 1)) == DB_OK &&
	    b[0].len != (unsigned long)bytes)
		rc = DB_ERROR;
	if (rc != DB_OK) {
		free(*out);
		*out = NULL;
		return rc;
	}
	*len = (size_t)bytes;
	return DB_OK;
}

int
db_request_photos(struct db *db, long long request_id,
    struct db_photo_row *out, size_t max, size_t *n)
{
	struct db_photo_row g = { 0 };
	struct dbr	 r[] = { R_STR(g.hex), R_STR(g.kind), R_INT(&g.event_id),
	    R_I32(&g.width), R_I32(&g.height) };
	struct dbp	 p[] = { P_INT(request_id) };
	size_t		 i, j;
	int		 rc;

	rc = db_rows(db, SQL_REQUEST_PHOTOS, p, NELEM(p), r, NELEM(r), &g,
	    sizeof(g), out, max, n);
	for (i = 0; rc == DB_OK && i < *n; i++)
		for (j = 0; out[i].hex[j] != '\0'; j++)
			if (out[i].hex[j] >= 'A' && out[i].hex[j] <= 'F')
				out[i].hex[j] += 'a' - 'A';
	return rc;
}

int
db_photo_count(struct db *db, long long *photos, long long *links)
{
	struct dbr	 r[] = { R_INT(photos), R_INT(links) };

	return db_one(db, SQL_PHOTO_COUNT, NULL, 0, r, NELEM(r));
}
