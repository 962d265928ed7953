/*
 * What the co-building pages share (cgi/cb_common.c): who may see and
 * manage, the scope of co-building (three levels: a grid worker sees its
 * community's), the unit account's page start, local days, the mutual
 * evaluation's window.  Used by cgi/cb_units.c (staff: /cobuild,
 * /cobuild/units), cgi/cb_agree.c (/cobuild/agreements/{id}) and
 * cgi/cb_unit.c (the unit's own /unit), and by the other co-building
 * page families.
 */
#ifndef LIANXIN_CBPAGE_H
#define LIANXIN_CBPAGE_H

#include "auth.h"
#include "cobuild.h"

/* Staff who may manage co-building (publish, confirm, record): the
 * community's staff and above; grid workers only view. */
#define CB_ROLES_MANAGE	(ROLE_BIT(ROLE_COMMUNITY) | ROLE_BIT(ROLE_STREET) | \
			 ROLE_BIT(ROLE_DISTRICT) | ROLE_BIT(ROLE_ADMIN))
int	 cb_may_manage(const struct staff *);
/* Do district, street and community ids lie in s's co-building scope? */
int	 cb_in_scope(const struct staff *, const int ids[4]);
/* The co-building scope of s: s's scope without the grid. */
struct db_scope cb_scope(const struct staff *);
/*
 * After looking up something of co-building at ids (rc): 0 when found
 * and in s's scope, else answers 404 (or the database failure) and
 * returns -1.
 */
int	 cb_scoped(struct req *, const struct staff *, int rc,
	    const int ids[4]);

/* Start a unit account's page: the layout with its navigation (/unit,
 * its lists, logout). */
void	 unit_begin(struct req *, const struct staff *, const char *title);

/* Today's local day "YYYY-MM-DD", its day number, and its year. */
int	 cb_today(char out[CB_DATE_LEN], int *year);

/*
 * The mutual evaluation's window of an agreement of year: from
 * [cobuild] eval_open_mmdd of that year to eval_close_mmdd of the next,
 * both days included.  Returns -1 before it, 0 inside, 1 after; the
 * first and last day into from and to.
 */
int	 cb_eval_window(const struct config *, int year, int today,
	    char from[CB_DATE_LEN], char to[CB_DATE_LEN]);

/* "（逾期）" and the like after a commitment's due date (today a day
 * number). */
void	 cb_due_note(struct buf *, const struct cb_commitment *, int today);

#endif
