/*
 * Residential compounds (小区): the form's search by name and alias, the
 * nearest to a point, one by id, their import; and the resident's own
 * view of a request (description and address).
 */
#include <stdio.h>
#include <string.h>

#include "dbint.h"

#define COMPOUND_R(c) \
	R_I32(&(c)->id), R_STR((c)->name), R_STR((c)->aliases), \
	R_I32(&(c)->grid_id), R_I32(&(c)->community_id), \
	R_I32(&(c)->street_id), R_STR((c)->community), R_STR((c)->grid), \
	R_I32(&(c)->metres)

/* q with LIKE's wildcards and escape taken literally, between pre and
 * post ("%" or ""); "" when it does not fit. */
static void
like_pattern(char *out, size_t sz, const char *pre, const char *q,
    const char *post)
{
	size_t	 n = 0;

	n = (size_t)snprintf(out, sz, "%s", pre);
	for (; *q != '\0' && n + 3 < sz; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			out[n++] = '\\';
		out[n++] = *q;
	}
	if (*q != '\0' || n + strlen(post) + 1 > sz) {
		out[0] = '\0';
		return;
	}
	snprintf(out + n, sz - n, "%s", post);
}

int
db_compounds_search(struct db *db, const char *q, struct db_compound *out,
    size_t max, size_t *n)
{
	struct db_compound c = { 0 };
	char		 any[512], start[512];
	struct dbr	 r[] = { COMPOUND_R(&c) };

	*n = 0;
	like_pattern(any, sizeof(any), "%", q, "%");
	like_pattern(start, sizeof(start), "", q, "%");
	if (any[0] == '\0' || start[0] == '\0')
		return DB_OK;

	struct dbp	 p[] = { P_STR(any), P_STR(any), P_STR(q),
	    P_STR(start) };

	return db_rows(db, SQL_COMPOUND_SEARCH, p, NELEM(p), r, NELEM(r), &c,
	    sizeof(c), out, max, n);
}

int
db_compounds_near(struct db *db, long long lat, long long lng,
    struct db_compound *out, size_t max, size_t *n)
{
	struct db_compound c = { 0 };
	struct dbr	 r[] = { COMPOUND_R(&c) };
	struct dbp	 p[] = { P_INT(lat), P_INT(lng), P_INT(lat), P_INT(lat),
	    P_INT(lat), P_INT(lng), P_INT(lng) };

	return db_rows(db, SQL_COMPOUND_NEAR, p, NELEM(p), r, NELEM(r), &c,
	    sizeof(c), out, max, n);
}

int
db_compound_get(struct db *db, int id, struct db_compound *c)
{
	struct dbr	 r[] = { COMPOUND_R(c) };
	struct dbp	 p[] = { P_INT(id) };

	return db_one(db, SQL_COMPOUND_GET, p, NELEM(p), r, NELEM(r));
}

int
db_request_own(struct db *db, long long id, char *description, size_t dsz,
    char *address, size_t asz)
{
	struct dbr	 r[] = { { .type = DBR_STR, .p = description,
	    .size = dsz }, { .type = DBR_STR, .p = address, .size = asz } };
	struct dbp	 p[] = { P_INT(id) };

	return db_one(db, SQL_REQUEST_OWN, p, NELEM(p), r, NELEM(r));
}

int
db_import_compound_known(struct db *db, long long grid_id, const char *name)
{
	long long	 v;
	struct dbp	 p[] = { P_INT(grid_id), P_STR(name) };
	struct dbr	 r[] = { R_INT(&v) };

	return db_one(db, SQL_IMPORT_COMPOUND_KNOWN, p, NELEM(p), r,
	    NELEM(r));
}

int
db_import_compound(struct db *db, const struct db_import_compound *c)
{
	struct dbp	 p[] = { P_STR(c->name), P_STR(c->aliases),
	    P_INT(c->grid_id), c->lat ? P_STR(c->lat) : P_NULL,
	    c->lng ? P_STR(c->lng) : P_NULL };

	return db_run(db, SQL_IMPORT_COMPOUND_INSERT, p, NELEM(p), NULL, NULL);
}
