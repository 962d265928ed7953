/*
 * Shared by the staff pages (defined in cgi/staffpage.c; used by staff.c,
 * depts.c, users.c, units.c, the members' staff pages, ...).
 */
#ifndef LIANXIN_STAFF_H
#define LIANXIN_STAFF_H

#include "auth.h"

/* Start a staff page: the layout with the staff navigation bar. */
void	 staff_begin(struct req *, const struct staff *, const char *title);
/* A unit account's page start: the layout and its navigation links. */
void	 unit_page_begin(struct req *, const struct staff *, const char *title,
	    const char *links);
/* Answer 404, whatever was written so far. */
void	 staff_not_found(struct req *);

/*
 * After looking something up (rc) that lies at ids: 0 when found and in
 * the user's scope; otherwise answers 404 (its existence is not revealed)
 * or the database failure, and returns -1.
 */
int	 staff_scoped(struct req *, const struct staff *, int rc,
	    const int ids[4]);
/*
 * The region id at level (1 district .. 4 grid) if it lies in the user's
 * scope; otherwise answers 404 (or the database failure) and returns -1.
 */
struct db_region;
int	 staff_region(struct req *, const struct staff *, long long id,
	    int level, struct db_region *);

#endif
