/*
 * What the admin pages share (cgi/users.c, cgi/units.c): the "saved"
 * notice after a change, and a region named by code in the admin's scope.
 */
#ifndef LIANXIN_ADMINPAGE_H
#define LIANXIN_ADMINPAGE_H

#include "staff.h"

/* "已保存。" when the page was reached with done=1 (the table form_users),
 * else NULL. */
const char	*adminpage_saved(const struct req *);

/* The region whose code the field f holds, into *region and *reg, when
 * it lies in the admin's scope: DB_OK.  DB_NOTFOUND when unknown or
 * outside it (f marked, *bad set); else a db_rc. */
int		 adminpage_region(struct req *, const struct staff *,
		    struct vvalue *f, int *region, struct db_region *reg,
		    int *bad);

/* An admin page's start: the layout, its heading title, the notice msg
 * (bad: an error). */
void		 adminpage_begin(struct req *, const struct staff *,
		    const char *title, const char *msg, int bad);

/* A change done: its audit entry (action, object, detail), then 303 to
 * the page at location with its "saved" notice. */
void		 adminpage_done(struct req *, const struct staff *,
		    const char *action, const char *object,
		    const char *detail, const char *location);

#endif
