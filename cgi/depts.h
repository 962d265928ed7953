/*
 * Departments and summons (街乡吹哨、部门报到): the summons section of a
 * staff request page (cgi/depts.c).
 */
#ifndef LIANXIN_DEPTS_H
#define LIANXIN_DEPTS_H

#include "auth.h"

/*
 * On a staff request's page: the departments summoned to f, and a link to
 * summon some when summons_may_issue allows the user to.  Writes nothing
 * on a database failure (the page stands without it).
 */
void	 depts_request_section(struct req *, const struct staff *,
	    const struct db_request_full *f);

#endif
