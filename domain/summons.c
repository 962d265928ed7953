/*
 * The summons table (see summons.h).
 */
#include <stddef.h>

#include "summons.h"

static const struct summons_transition {
	enum summons_state	 from;
	enum summons_action	 action;
	enum summons_state	 to;
	unsigned		 roles;
} table[] = {
	{ SM_ISSUED,	SMA_ACCEPT,	SM_ACCEPTED,	ROLE_BIT(ROLE_DEPT) },
	{ SM_ACCEPTED,	SMA_ANSWER,	SM_ANSWERED,	ROLE_BIT(ROLE_DEPT) },
};

int
summons_next(enum summons_state from, enum summons_action a, enum role role)
{
	size_t	 i;

	if ((unsigned)from >= SM__MAX || (unsigned)a >= SMA__MAX ||
	    (unsigned)role >= ROLE__MAX)
		return -1;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].from == from && table[i].action == a)
			return table[i].roles & ROLE_BIT(role) ?
			    (int)table[i].to : -1;
	return -1;
}

int
summons_may_issue(const struct flow_req *q, enum role role)
{
	if ((unsigned)q->state >= ST__MAX || (unsigned)q->level >= LV__MAX)
		return 0;
	if (q->state != ST_SUBMITTED && q->state != ST_ACCEPTED &&
	    q->state != ST_ASSIGNED)
		return 0;
	switch (role) {
	case ROLE_STREET:
		return q->level == LV_STREET && q->home == REGION_STREET;
	case ROLE_DISTRICT:
		return q->level == LV_DISTRICT && q->home == REGION_DISTRICT;
	case ROLE_ADMIN:
		return q->level >= LV_STREET;
	default:
		return 0;
	}
}

int
summons_unit_level(enum rq_level l)
{
	switch (l) {
	case LV_STREET:
		return REGION_STREET;
	case LV_DISTRICT:
		return REGION_DISTRICT;
	default:
		return -1;
	}
}

time_t
summons_response_due(time_t issued, int response_hours)
{
	return issued + (time_t)response_hours * 3600;
}

time_t
summons_resolve_due(const struct wd_cal *cal, enum wd_unit u, time_t issued,
    int resolve_days, int *missing)
{
	return wd_limit_end(cal, u, issued, resolve_days, missing);
}
