/*
 * Internals of co-building's data layer, shared by sql/cb_needs.c and
 * sql/cb_projects.c only (defined in cb_needs.c).
 */
#ifndef LIANXIN_CBINT_H
#define LIANXIN_CBINT_H

#include "cblists.h"
#include "dbint.h"

/* The audit line of a change to what/id, inside its transaction. */
int	 cb_audit(struct db *, const struct db_user *, enum audit_action,
	    const char *what, long long id, const char *detail,
	    const char *addr, time_t now);
/* Run statement id inside the caller's transaction: DB_CONFLICT unless
 * it changed exactly one row (a stale version, a state gone). */
int	 cb_one_row(struct db *, enum sql, const struct dbp *, size_t);
/* A change of one row and its audit line, in one transaction. */
int	 cb_change(struct db *, const struct db_user *, enum sql,
	    const struct dbp *, size_t, enum audit_action, const char *what,
	    long long id, const char *detail, const char *addr, time_t now);
/* An insert (its id into *id) and its audit line, in one transaction. */
int	 cb_create(struct db *, const struct db_user *, enum sql,
	    const struct dbp *, size_t, enum audit_action, const char *what,
	    const char *detail, const char *addr, time_t now, int *id);

#endif
