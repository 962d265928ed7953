/*
 * Open311 GeoReport v2: API keys (only their hashes are stored) and
 * service requests as Open311 clients see them (no personal data).
 */
#include <string.h>

#include <sodium.h>

#include "dbint.h"

int
db_apikey_create(struct db *db, const char *name, bool test, time_t now,
    char key[DB_APIKEY_HEX], int *id)
{
	unsigned char	 raw[DB_APIKEY_BYTES], h[DB_HASH_LEN];
	int		 rc;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(key, DB_APIKEY_HEX, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
	db_hash(key, h);

	struct dbp	 p[] = { P_STR(name), P_STRN((const char *)h, sizeof(h)),
	    P_INT(test ? 1 : 0), P_TIME(now) };

	if ((rc = db_insert(db, SQL_APIKEY_INSERT, p, NELEM(p), id)) != DB_OK)
		sodium_memzero(key, DB_APIKEY_HEX);
	return rc;
}

int
db_apikey_list(struct db *db, struct db_apikey *out, size_t max, size_t *n)
{
	struct db_apikey k = { 0 };
	struct dbr	 r[] = { R_I32(&k.id), R_STR(k.name), R_I32(&k.test),
	    R_TIME(&k.created_at), R_TIME(&k.revoked_at) };

	return db_rows(db, SQL_APIKEY_LIST, NULL, 0, r, NELEM(r), &k,
	    sizeof(k), out, max, n);
}

int
db_apikey_revoke(struct db *db, int id, time_t now)
{
	struct dbp	 p[] = { P_TIME(now), P_INT(id) };
	long long	 n = 0;
	int		 rc;

	if ((rc = db_run(db, SQL_APIKEY_REVOKE, p, NELEM(p), &n, NULL)) !=
	    DB_OK)
		return rc;
	return n == 1 ? DB_OK : DB_NOTFOUND;
}

int
db_apikey_check(struct db *db, const char *key, bool *test)
{
	unsigned char	 h[DB_HASH_LEN];
	int		 t = 0, rc;
	struct dbr	 r[] = { R_I32(&t) };

	db_hash(key, h);
	struct dbp	 p[] = { P_STRN((const char *)h, sizeof(h)) };

	rc = db_one(db, SQL_APIKEY_CHECK, p, NELEM(p), r, NELEM(r));
	*test = t != 0;
	return rc;
}

/*
 * Run an Open311 request statement and call fn for each row.  Returns a
 * db_rc; *rows is how many rows there were.
 */
static int
o311_rows(struct db *db, enum sql id, const struct dbp *p, size_t np,
    db_o311_fn fn, void *arg, size_t *rows)
{
	struct db_o311_request q;
	struct dbr	 r[] = {
		R_STR(q.tracking), R_STR(q.state), R_STR(q.level),
		R_STR(q.status_notes), R_STR(q.service_code),
		R_STR(q.service_name), R_STR(q.description), R_I32(&q.response_hours),
		R_I32(&q.resolve_days), R_TIME(&q.received_at), R_TIME(&q.updated_at),
		R_TIME(&q.resolve_due), R_STR(q.address), R_DBL(&q.lat),
		R_DBL(&q.lng), R_STR(q.community), R_STR(q.photo),
		R_I32(&q.resolve_workdays), R_STR(q.reject_reason),
	};
	MYSQL_STMT	*st;
	int		 rc;

	*rows = 0;
	if ((rc = db_exec(db, id, p, np, &st)) != DB_OK)
		return rc;
	while ((rc = db_fetch(db, st, r, NELEM(r))) == 1) {
		q.has_coords = !r[NELEM(r) - 6].null && !r[NELEM(r) - 5].null;
		fn(arg, &q);
		(*rows)++;
	}
	if (rc < 0)
		return rc;
	db_done(st);
	return DB_OK;
}

int
db_o311_request(struct db *db, const char *tracking, db_o311_fn fn,
    void *arg)
{
	struct dbp	 p[] = { P_STR(tracking) };
	size_t		 n;
	int		 rc;

	if ((rc = o311_rows(db, SQL_O311_REQUEST_ONE, p, NELEM(p), fn, arg,
	    &n)) != DB_OK)
		return rc;
	return n > 0 ? DB_OK : DB_NOTFOUND;
}

int
db_o311_requests(struct db *db, const struct db_o311_query *q,
    db_o311_fn fn, void *arg)
{
	const char	*codes = q->service_codes ? q->service_codes : "";
	struct dbp	 p[] = { P_TIME(q->start), P_TIME(q->end), P_STR(codes),
	    P_STR(codes), P_INT(q->open != 0), P_INT(q->closed != 0),
	    P_INT(q->limit) };
	size_t		 n;

	return o311_rows(db, SQL_O311_REQUESTS, p, NELEM(p), fn, arg, &n);
}
