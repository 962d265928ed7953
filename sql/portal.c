/*
 * Reads for the residents' portal: categories, regions, counts.
 */
#include <string.h>

#include "dbint.h"

int
db_categories(struct db *db, struct db_category *out, size_t max, size_t *n)
{
	struct db_category c;
	long long	 id, rh, rd;
	struct dbr	 r[] = { R_INT(&id), R_STR(c.code), R_STR(c.name),
	    R_STR(c.description), R_INT(&rh), R_INT(&rd) };
	MYSQL_STMT	*st;
	int		 rc;

	*n = 0;
	if ((rc = db_exec(db, SQL_CATEGORIES_ACTIVE, NULL, 0, &st)) != DB_OK)
		return rc;
	while ((rc = db_fetch(db, st, r, NELEM(r))) == 1) {
		if (*n == max)
			continue;
		c.id = (int)id;
		c.response_hours = (int)rh;
		c.resolve_days = (int)rd;
		out[(*n)++] = c;
	}
	if (rc < 0)
		return rc;
	db_done(st);
	return DB_OK;
}

int
db_regions(struct db *db, struct db_region *out, size_t max, size_t *n)
{
	struct db_region g;
	long long	 id, parent, level;
	struct dbr	 r[] = { R_INT(&id), R_INT(&parent), R_INT(&level),
	    R_STR(g.code), R_STR(g.name) };
	MYSQL_STMT	*st;
	int		 rc;

	*n = 0;
	if ((rc = db_exec(db, SQL_REGIONS_ALL, NULL, 0, &st)) != DB_OK)
		return rc;
	while ((rc = db_fetch(db, st, r, NELEM(r))) == 1) {
		if (*n == max)
			continue;
		g.id = (int)id;
		g.parent_id = (int)parent;
		g.level = (int)level;
		out[(*n)++] = g;
	}
	if (rc < 0)
		return rc;
	db_done(st);
	return DB_OK;
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
