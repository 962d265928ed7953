/*
 * Reads for the residents' portal: categories, regions, counts.
 */
#include <string.h>

#include "dbint.h"

int
db_categories(struct db *db, struct db_category *out, size_t max, size_t *n)
{
	struct db_category c = { 0 };
	struct dbr	 r[] = { CATEGORY_R(&c) };

	return db_rows(db, SQL_CATEGORIES_ACTIVE, NULL, 0, r, NELEM(r), &c,
	    sizeof(c), out, max, n);
}

int
db_regions(struct db *db, struct db_region *out, size_t max, size_t *n)
{
	struct db_region g = { 0 };
	struct dbr	 r[] = { R_I32(&g.id), R_I32(&g.parent_id),
	    R_I32(&g.level), R_STR(g.code), R_STR(g.name) };

	return db_rows(db, SQL_REGIONS_ALL, NULL, 0, r, NELEM(r), &g,
	    sizeof(g), out, max, n);
}

int
db_counts(struct db *db, struct db_counts *c)
{
	struct dbr	 r[] = { R_INT(&c->requests), R_INT(&c->regions),
	    R_INT(&c->categories), R_INT(&c->members), R_INT(&c->users) };
	MYSQL_STMT	*st;
	int		 rc;

	if ((rc = db_exec(db, SQL_COUNTS, NULL, 0, &st)) != DB_OK)
		return rc;
	rc = db_fetch(db, st, r, NELEM(r));
	if (rc < 0)
		return rc;
	db_done(st);
	return rc == 1 ? DB_OK : DB_NOTFOUND;
}
