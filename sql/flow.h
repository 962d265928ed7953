/*
 * The life of a service request in one table: state x action -> new
 * state, and the roles allowed to do it.  Pure: no SQL, no HTTP.  The data
 * layer applies it (sql/staff.c, sql/request.c) and the pages ask it which
 * actions to offer (cgi/staff.c).
 */
#ifndef LIANXIN_FLOW_H
#define LIANXIN_FLOW_H

enum rq_state {
	ST_SUBMITTED,
	ST_ACCEPTED,
	ST_ASSIGNED,
	ST_RESOLVED,
	ST_CLOSED,
	ST_REJECTED,
	ST__MAX
};

enum rq_action {
	ACT_ACCEPT,	/* take it up; sets the resolve deadline */
	ACT_ASSIGN,	/* to a grid worker, Party member or co-building unit */
	ACT_NOTE,	/* internal note or public reply; keeps the state */
	ACT_RESOLVE,	/* with a public resolution text */
	ACT_REJECT,	/* duplicate, spam or out of scope, with a reason */
	ACT_ESCALATE,	/* one handling level up; keeps the state */
	ACT_REOPEN,	/* back to rework after an unsatisfied rating, once */
	ACT_RATE,	/* the resident's rating; closes it */
	ACT__MAX
};

enum role {
	ROLE_GRID,		/* grid_worker 网格员 */
	ROLE_COMMUNITY,		/* community_staff 社区工作人员 */
	ROLE_STREET,		/* street_official 街道干部 */
	ROLE_DISTRICT,		/* district_official 区级干部 */
	ROLE_ADMIN,		/* admin 管理员 */
	ROLE_RESIDENT,		/* the resident, with tracking number + phone */
	ROLE__MAX
};

enum rq_level { LV_COMMUNITY, LV_STREET, LV_DISTRICT, LV__MAX };

#define ROLE_BIT(r)	(1u << (r))
#define ROLES_STAFF	(ROLE_BIT(ROLE_GRID) | ROLE_BIT(ROLE_COMMUNITY) | \
			 ROLE_BIT(ROLE_STREET) | ROLE_BIT(ROLE_DISTRICT) | \
			 ROLE_BIT(ROLE_ADMIN))

/* Names as stored in the database (ENUM values). */
extern const char *const flow_state_names[ST__MAX];
extern const char *const flow_action_names[ACT__MAX];
extern const char *const flow_role_names[ROLE__MAX];
extern const char *const flow_level_names[LV__MAX];
/* Chinese names for pages. */
extern const char *const flow_role_labels[ROLE__MAX];
extern const char *const flow_action_labels[ACT__MAX];

/* Index of name in names[n], or -1. */
int	 flow_lookup(const char *const names[], int n, const char *name);

/* What a request looks like to the guards beyond the state. */
struct flow_req {
	enum rq_state	 state;
	enum rq_level	 level;
	int		 rated_unsatisfied;	/* rating is 不满意 */
	int		 reopen_count;
};

/*
 * May role do action on q now?  Returns the new state, or -1 when the
 * table (or a guard: escalation above the district or above the role's
 * own level, a second rework) forbids it.
 */
int	 flow_next(const struct flow_req *q, enum rq_action, enum role);

/* The region level a role's home must be at (0: any, for admins). */
int	 flow_role_level(enum role);

#endif
