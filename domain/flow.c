/*
 * The transition table of service requests (see flow.h).
 */
#include <stddef.h>

#include "flow.h"

#define B(r)		ROLE_BIT(ROLE_##r)
#define HANDLERS	(B(COMMUNITY) | B(STREET) | B(DISTRICT) | B(ADMIN))
#define KEEP		(-2)	/* the state does not change */

static const struct transition {
	enum rq_state	 from;
	enum rq_action	 action;
	int		 to;		/* enum rq_state or KEEP */
	unsigned	 roles;
} table[] = {
	{ ST_SUBMITTED,	ACT_ACCEPT,	ST_ACCEPTED,	ROLES_STAFF },
	{ ST_ACCEPTED,	ACT_ASSIGN,	ST_ASSIGNED,	HANDLERS },
	{ ST_ASSIGNED,	ACT_ASSIGN,	ST_ASSIGNED,	HANDLERS },
	{ ST_SUBMITTED,	ACT_NOTE,	KEEP,		ROLES_STAFF },
	{ ST_ACCEPTED,	ACT_NOTE,	KEEP,		ROLES_STAFF },
	{ ST_ASSIGNED,	ACT_NOTE,	KEEP,		ROLES_STAFF },
	{ ST_RESOLVED,	ACT_NOTE,	KEEP,		ROLES_STAFF },
	{ ST_CLOSED,	ACT_NOTE,	KEEP,		ROLES_STAFF },
	{ ST_REJECTED,	ACT_NOTE,	KEEP,		ROLES_STAFF },
	{ ST_ACCEPTED,	ACT_RESOLVE,	ST_RESOLVED,	ROLES_STAFF },
	{ ST_ASSIGNED,	ACT_RESOLVE,	ST_RESOLVED,	ROLES_STAFF },
	{ ST_SUBMITTED,	ACT_REJECT,	ST_REJECTED,	HANDLERS },
	{ ST_ACCEPTED,	ACT_REJECT,	ST_REJECTED,	HANDLERS },
	/* The resident no longer needs it (代群众撤回): while it is open. */
	{ ST_SUBMITTED,	ACT_WITHDRAW,	ST_REJECTED,	HANDLERS },
	{ ST_ACCEPTED,	ACT_WITHDRAW,	ST_REJECTED,	HANDLERS },
	{ ST_ASSIGNED,	ACT_WITHDRAW,	ST_REJECTED,	HANDLERS },
	{ ST_SUBMITTED,	ACT_ESCALATE,	KEEP,		B(COMMUNITY) | B(STREET) |
	    B(ADMIN) },
	{ ST_ACCEPTED,	ACT_ESCALATE,	KEEP,		B(COMMUNITY) | B(STREET) |
	    B(ADMIN) },
	{ ST_ASSIGNED,	ACT_ESCALATE,	KEEP,		B(COMMUNITY) | B(STREET) |
	    B(ADMIN) },
	/* Staff send a closed, unsatisfied request back; the resident does
	 * it with the rating while it is resolved. */
	{ ST_CLOSED,	ACT_REOPEN,	ST_ACCEPTED,	HANDLERS },
	{ ST_RESOLVED,	ACT_REOPEN,	ST_ACCEPTED,	B(RESIDENT) },
	{ ST_RESOLVED,	ACT_RATE,	ST_CLOSED,	B(RESIDENT) },
};

/* The highest level a role may escalate from. */
static const enum rq_level escalate_from[ROLE__MAX] = {
	[ROLE_GRID] = LV_COMMUNITY,
	[ROLE_COMMUNITY] = LV_COMMUNITY,
	[ROLE_STREET] = LV_STREET,
	[ROLE_DISTRICT] = LV_STREET,
	[ROLE_ADMIN] = LV_STREET,
	[ROLE_RESIDENT] = LV_COMMUNITY,
};

/* The highest handling level an actor whose home is at home may act on. */
static enum rq_level
own_level(int home)
{
	switch (home) {
	case REGION_ALL:
	case REGION_DISTRICT:
		return LV_DISTRICT;
	case REGION_STREET:
		return LV_STREET;
	default:
		return LV_COMMUNITY;
	}
}

/* The guards that depend on more than the state. */
static int
guard(const struct flow_req *q, enum rq_action a, enum role role)
{
	enum rq_level	 own = own_level(q->home);

	switch (a) {
	case ACT_ESCALATE:
		/* Staff pass a request up to the level above theirs; an
		 * admin moves it only within its home. */
		return q->level < LV_DISTRICT &&
		    q->level <= escalate_from[role] && q->level <= own &&
		    (role != ROLE_ADMIN || q->level < own);
	case ACT_REOPEN:
		return q->reopen_count == 0 &&
		    (role == ROLE_RESIDENT || (q->rated_unsatisfied &&
		    q->level <= own));
	case ACT_ACCEPT:
	case ACT_ASSIGN:
	case ACT_RESOLVE:
	case ACT_REJECT:
	case ACT_WITHDRAW:
		return q->level <= own;
	default:
		return 1;
	}
}

int
flow_next(const struct flow_req *q, enum rq_action a, enum role role)
{
	size_t	 i;

	if ((unsigned)a >= ACT__MAX || (unsigned)role >= ROLE__MAX ||
	    (unsigned)q->state >= ST__MAX || (unsigned)q->level >= LV__MAX ||
	    (unsigned)q->home >= REGION__MAX)
		return -1;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (table[i].from != q->state || table[i].action != a)
			continue;
		if (!(table[i].roles & ROLE_BIT(role)) || !guard(q, a, role))
			return -1;
		return table[i].to == KEEP ? (int)q->state : table[i].to;
	}
	return -1;
}

time_t
flow_resolve_due(time_t start, int resolve_days)
{
	return start + (time_t)resolve_days * 86400;
}

int
flow_starts_limit(enum rq_action a)
{
	return a == ACT_ACCEPT || a == ACT_REOPEN;
}

time_t
flow_due_after(enum rq_action a, time_t now, int resolve_days, time_t due)
{
	return flow_starts_limit(a) ? flow_resolve_due(now, resolve_days) :
	    due;
}

time_t
flow_due_cal(enum rq_action a, time_t now, const struct wd_cal *cal,
    enum wd_unit unit, int days, time_t due, int *missing)
{
	if (!flow_starts_limit(a))
		return due;
	if (unit != WD_WORKDAYS || cal == NULL)
		return flow_resolve_due(now, days);
	return wd_limit_end(cal, WD_WORKDAYS, now, days, missing);
}

int
flow_role_level(enum role role)
{
	static const int levels[ROLE__MAX] = {
		[ROLE_GRID] = REGION_GRID,
		[ROLE_COMMUNITY] = REGION_COMMUNITY,
		[ROLE_STREET] = REGION_STREET,
		[ROLE_DISTRICT] = REGION_DISTRICT,
	};

	return (unsigned)role < ROLE__MAX ? levels[role] : -1;
}

