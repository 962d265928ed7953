/*
 * The life of a service request in one table: state x action -> new
 * state, and the roles allowed to do it.  Pure: no SQL, no HTTP.  The data
 * layer applies it (sql/staff.c, sql/request.c) and the pages ask it which
 * actions to offer (cgi/staff.c).  States, actions, roles and levels,
 * with their codes and labels, are domain/words.h's.
 */
#ifndef LIANXIN_FLOW_H
#define LIANXIN_FLOW_H

#include <time.h>

#include "words.h"
#include "workday.h"

#define ROLE_BIT(r)	(1u << (r))
#define ROLES_STAFF	(ROLE_BIT(ROLE_GRID) | ROLE_BIT(ROLE_COMMUNITY) | \
			 ROLE_BIT(ROLE_STREET) | ROLE_BIT(ROLE_DISTRICT) | \
			 ROLE_BIT(ROLE_ADMIN))

/*
 * What a request looks like to the guards beyond the state, and where the
 * actor stands: home is the level of the actor's home region (enum
 * region_level, the user's scope level); REGION_ALL, the whole tree, for
 * an actor without one (the resident, the demo).
 */
struct flow_req {
	enum rq_state	 state;
	enum rq_level	 level;		/* the current handling level */
	int		 rated_unsatisfied;	/* rating is 不满意 */
	int		 reopen_count;
	int		 home;		/* the actor's home level */
};

/*
 * May role do action on q now?  Returns the new state, or -1 when the
 * table or a guard forbids it.  The guards: escalation not above the
 * district nor from above the role's level; the actor's own level (its
 * home's: a community or grid home handles community-level requests, a
 * street home up to the street, a district home or none everything)
 * bounds what it may accept, assign, resolve, reject, withdraw, rework and
 * escalate
 * (staff pass a request on to the level above theirs, an admin only
 * within its home); a second rework never.
 */
int	 flow_next(const struct flow_req *q, enum rq_action, enum role);

/*
 * The resolve time limit (办结期限): the category's resolve_days after the
 * limit started.  A new request carries received + days (set in SQL, by
 * POST_INTO in sql/sqls.c, with the same arithmetic: calendar days, or
 * working days by the SQL function workday_due of migration 0015);
 * accepting starts the limit and rework (ACT_REOPEN, by staff or by the
 * resident's 不满意) starts a fresh one; no other action moves it.
 * flow_resolve_due() is the arithmetic in calendar days, flow_due_after()
 * the whole rule in calendar days: the due time after action a at now,
 * given the due time before.  flow_due_cal() below is the rule in the
 * category's unit, which the data layer and the demo apply.
 */
time_t	 flow_resolve_due(time_t start, int resolve_days);
time_t	 flow_due_after(enum rq_action a, time_t now, int resolve_days,
	    time_t due);

/*
 * The same rule with the category's unit: accepting and rework start a
 * limit of days units (calendar or working days, lib/workday.h: the end
 * of the days-th working day after the start's local day) on the
 * calendar cal; no other action moves it.  *missing (may be NULL) gets
 * the first year the answer needed and cal has no notice for.  The live
 * actions (sql/workday.c for sql/staff.c and sql/request.c) and the demo
 * (admin/demo/requests.c) compute every resolve limit with it.
 */
int	 flow_starts_limit(enum rq_action);
time_t	 flow_due_cal(enum rq_action a, time_t now, const struct wd_cal *cal,
	    enum wd_unit unit, int days, time_t due, int *missing);

/* The region level a role's home must be at (0: any, for admins). */
int	 flow_role_level(enum role);

#endif
