/*
 * The data layer of the admin command's CSV imports (admin/import.c):
 * what the checks look up, the inserts, and the one transaction they
 * all go in.
 */
#include <string.h>

#include "dbint.h"

/* A reference parameter: NULL for 0. */
static struct dbp
p_ref(long long id)
{
	return id != 0 ? P_INT(id) : P_NULL;
}

int
db_import_region_by_code(struct db *db, const char *code, long long *id,
    long long *level, long long anc[3])
{
	struct dbp	 p[] = { P_STR(code) };
	struct dbr	 r[] = { R_INT(id), R_INT(level), R_INT(&anc[0]),
	    R_INT(&anc[1]), R_INT(&anc[2]) };

	return db_one(db, SQL_IMPORT_REGION_BY_CODE, p, NELEM(p), r,
	    NELEM(r));
}

/* DB_OK when statement id (one parameter) finds a row, or DB_NOTFOUND. */
static int
known(struct db *db, enum sql id, const char *s)
{
	long long	 v;
	struct dbp	 p[] = { P_STR(s) };
	struct dbr	 r[] = { R_INT(&v) };

	return db_one(db, id, p, NELEM(p), r, NELEM(r));
}

int
db_import_category_known(struct db *db, const char *code)
{
	return known(db, SQL_IMPORT_CATEGORY_BY_CODE, code);
}

int
db_import_user_known(struct db *db, const char *username)
{
	return known(db, SQL_IMPORT_USER_BY_NAME, username);
}

int
db_import_region(struct db *db, const struct db_import_region *g,
    long long anc[3], long long *id)
{
	struct dbp	 p[] = { p_ref(g->parent_id), P_INT(g->level),
	    P_STR(g->code), P_STR(g->name), p_ref(anc[0]), p_ref(anc[1]),
	    p_ref(anc[2]), P_INT(g->sort) };
	struct dbp	 self[1];
	int		 rc;

	if ((rc = db_run(db, SQL_IMPORT_REGION_INSERT, p, NELEM(p), NULL,
	    id)) != DB_OK || g->level > REGION_COMMUNITY)
		return rc;
	anc[g->level - 1] = *id;
	self[0] = P_INT(*id);
	return db_run(db, SQL_IMPORT_REGION_SELF, self, NELEM(self), NULL,
	    NULL);
}

int
db_import_category(struct db *db, const struct db_import_category *c)
{
	struct dbp	 p[] = { P_STR(c->code), P_STR(c->name),
	    P_STR(c->description), P_INT(c->response_hours),
	    P_INT(c->resolve_days), P_INT(c->active), P_INT(c->sort),
	    P_STR(c->resolve_workdays ? "workdays" : "days") };

	return db_run(db, SQL_IMPORT_CATEGORY_INSERT, p, NELEM(p), NULL,
	    NULL);
}

int
db_import_user(struct db *db, const char *username, const char *display,
    enum role role, long long region_id, long long unit_id, const char *hash)
{
	struct dbp	 p[] = { P_STR(username), P_STR(display),
	    P_STR(word_role[role].code), P_INT(region_id), p_ref(unit_id),
	    P_STR(hash) };

	return db_run(db, SQL_IMPORT_USER_INSERT, p, NELEM(p), NULL, NULL);
}

int
db_import_rows(struct db *db, int (*fn)(void *arg, size_t i), void *arg,
    size_t n)
{
	size_t	 i;
	int	 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	for (i = 0; i < n && rc == DB_OK; i++)
		rc = fn(arg, i);
	return db_tx_end(db, rc);
}
