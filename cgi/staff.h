/*
 * Shared by the staff pages (cgi/staff.c, cgi/users.c).
 */
#ifndef LIANXIN_STAFF_H
#define LIANXIN_STAFF_H

#include "auth.h"

/* Start a staff page: the layout with the staff navigation bar. */
void	 staff_begin(struct req *, const struct staff *, const char *title);
/* Answer 404, whatever was written so far. */
void	 staff_not_found(struct req *);

#endif
