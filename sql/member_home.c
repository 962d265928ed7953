/*
 * A member's home page data (member_home.h).
 */
#include <string.h>

#include "dbint.h"
#include "member_home.h"

int
db_member_assigned(struct db *db, int member_id, struct db_assigned *out,
    size_t max, size_t *n)
{
	struct db_assigned a = { 0 };
	struct dbr	 r[] = { R_STR(a.tracking), R_STR(a.category),
	    R_STR(a.state), R_TIME(&a.resolve_due), R_STR(a.reject_reason) };
	struct dbp	 p[] = { P_INT(member_id), P_INT((long long)max) };

	return db_rows(db, SQL_MEMBER_ASSIGNED, p, NELEM(p), r, NELEM(r), &a,
	    sizeof(a), out, max, n);
}

int
db_member_history(struct db *db, int member_id, struct db_history *out,
    size_t max, size_t *n)
{
	struct db_history h = { 0 };
	struct dbr	 r[] = { R_STR(h.held_on), R_STR(h.title),
	    R_INT(&h.hours_tenths) };
	struct dbp	 p[] = { P_INT(member_id), P_INT((long long)max) };

	return db_rows(db, SQL_MEMBER_HISTORY, p, NELEM(p), r, NELEM(r), &h,
	    sizeof(h), out, max, n);
}
