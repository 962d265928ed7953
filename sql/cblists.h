/*
 * Co-building's three lists and joint meetings (issue 20 points 3 and 4),
 * the data layer (sql/cb_needs.c, sql/cb_projects.c): the community's
 * needs (需求清单) and their claims by units, the units' resources (资源
 * 清单) and the community's bookings of them, joint projects (项目清单)
 * with milestones, and joint meetings (联席会议) with agenda items and
 * decisions.  Every write is one transaction with its audit line (the
 * AUD_CB_* words); where several people act, the row's version is
 * checked and a stale one gives DB_CONFLICT.
 *
 * A unit co-builds with its own region (units.region_id) and with the
 * regions of its agreements that have not ended.  Staff scopes are read
 * down to the community: a grid worker sees the co-building of the
 * grid's community.
 */
#ifndef LIANXIN_CBLISTS_H
#define LIANXIN_CBLISTS_H

#include "db.h"

#define CB_TXT(n)	((n) * 4 + 1)	/* n characters of utf8mb4 */
#define CB_DAY		11		/* "YYYY-MM-DD" */
#define CB_MAX_ROWS	200		/* a list's page */

/* A community or street in a staff user's scope (forms, filters). */
struct db_cb_place {
	int	 id, level;
	int	 ids[4];		/* district, street, community, 0 */
	char	 name[DB_NAME_MAX];
};

/* A co-building unit, for choices. */
struct db_cb_unit {
	int	 id;
	int	 region_id;		/* db_cb_unit_name only */
	char	 name[CB_TXT(100)];
};

struct db_need {
	int	 id, region_id, kind, state;	/* word_cb_kind, word_need */
	int	 claim_unit_id, project_id;	/* 0: none */
	int	 ids[4];			/* of region_id */
	long long version, request_id;
	char	 region[DB_NAME_MAX];
	char	 title[CB_TXT(100)], detail[CB_TXT(2000)];
	char	 unit[CB_TXT(100)];
	char	 tracking[DB_TRACKING_LEN + 1];	/* "" when not from one */
	time_t	 published_at, claimed_at, completed_at, withdrawn_at;
};

struct db_resource {
	int	 id, unit_id, region_id, kind, state, capacity;
	int	 ids[4];
	long long version;
	char	 unit[CB_TXT(100)], region[DB_NAME_MAX];
	char	 title[CB_TXT(100)], detail[CB_TXT(1000)];
	char	 from[CB_DAY], to[CB_DAY];
	time_t	 created_at;
};

struct db_booking {
	int	 id, resource_id, region_id, unit_id;
	int	 state;				/* word_booking */
	int	 ids[4];				/* of region_id */
	long long version;
	char	 use_on[CB_DAY];
	char	 purpose[CB_TXT(500)], reason[CB_TXT(500)];
	char	 resource[CB_TXT(100)], unit[CB_TXT(100)];
	char	 region[DB_NAME_MAX];
	time_t	 booked_at, decided_at;
};

struct db_project {
	int	 id, region_id, need_id, lead_unit_id, state;	/* word_project */
	int	 ids[4];
	int	 ms_total, ms_done;
	long long version;
	char	 region[DB_NAME_MAX], unit[CB_TXT(100)];
	char	 title[CB_TXT(100)], plan[CB_TXT(2000)], result[CB_TXT(2000)];
	time_t	 created_at, closed_at;
};

struct db_milestone {
	int	 id, position;
	char	 title[CB_TXT(100)], due_on[CB_DAY], note[CB_TXT(1000)];
	time_t	 done_at;
};

struct db_meeting {
	int	 id, region_id, kind;			/* word_meeting */
	int	 ids[4];
	long long dec_total, dec_done;
	char	 region[DB_NAME_MAX], held_on[CB_DAY];
	char	 title[CB_TXT(100)], place[CB_TXT(100)];
	char	 minutes[CB_TXT(4000)];
};

struct db_meeting_item {
	int	 id, position;
	char	 title[CB_TXT(200)];
};

struct db_decision {
	int	 id, meeting_id, item_id, owner_unit_id;
	int	 state;				/* word_decision */
	int	 ids[4];			/* of the meeting's region */
	long long version;
	char	 text[CB_TXT(500)], owner[CB_TXT(100)], due_on[CB_DAY];
	char	 note[CB_TXT(1000)], meeting[CB_TXT(100)], held_on[CB_DAY];
	char	 region[DB_NAME_MAX];
	time_t	 done_at;
};

/* A list's filters: a state (its index, -1 any) and a region (0 any). */
struct db_cb_filter {
	int	 state;
	int	 region_id;
};

/* Is a row of region ids inside scope (read down to the community)? */
int	 db_cb_in_scope(const struct db_scope *, const int ids[4]);

/* Places and units (sql/cb_needs.c). */
int	 db_cb_places(struct db *, const struct db_scope *,
	    struct db_cb_place *, size_t max, size_t *n);
/* The units co-building with a region, by their order. */
int	 db_cb_units_of_region(struct db *, int region_id,
	    struct db_cb_unit *, size_t max, size_t *n);
/* Does unit co-build with region?  *yes 1 or 0. */
int	 db_cb_unit_serves(struct db *, int unit_id, int region_id, int *yes);
int	 db_cb_unit_name(struct db *, int unit_id, struct db_cb_unit *);

/* Needs. */
int	 db_needs(struct db *, const struct db_scope *,
	    const struct db_cb_filter *, struct db_need *, size_t max,
	    size_t *n);
/* The open needs of the unit's regions, then those it claimed. */
int	 db_needs_of_unit(struct db *, int unit_id, struct db_need *,
	    size_t max, size_t *n);
int	 db_need_get(struct db *, int id, struct db_need *);
int	 db_need_of_request(struct db *, long long request_id,
	    struct db_need *);
/* A new need (request_id 0: raised by staff); DB_CONFLICT when the
 * request already has one.  *id the new need's. */
int	 db_need_publish(struct db *, const struct db_user *, int region_id,
	    const char *title, int kind, const char *detail,
	    long long request_id, const char *addr, time_t now, int *id);
int	 db_need_withdraw(struct db *, const struct db_user *,
	    const struct db_need *, long long version, const char *addr,
	    time_t now);
/* Claim for unit_id (by its account, or staff on its behalf): the need
 * claimed and its project made, in one transaction.  DB_CONFLICT when
 * it is no longer open at that version. */
int	 db_need_claim(struct db *, const struct db_user *,
	    const struct db_need *, long long version, int unit_id,
	    const char *addr, time_t now, int *project_id);

/* Resources and bookings. */
int	 db_resources(struct db *, const struct db_scope *, int region_id,
	    struct db_resource *, size_t max, size_t *n);
int	 db_resources_of_unit(struct db *, int unit_id, struct db_resource *,
	    size_t max, size_t *n);
int	 db_resource_get(struct db *, int id, struct db_resource *);
int	 db_resource_publish(struct db *, const struct db_user *, int unit_id,
	    int region_id, int kind, const char *title, const char *detail,
	    int capacity, const char *from, const char *to, const char *addr,
	    time_t now, int *id);
int	 db_resource_withdraw(struct db *, const struct db_user *,
	    const struct db_resource *, long long version, const char *addr,
	    time_t now);
/*
 * Book a resource for a day: DB_CONFLICT when capacity bookings
 * (requested or confirmed) hold that day already, DB_NOTFOUND when the
 * resource is withdrawn or the day outside its availability.
 */
int	 db_book(struct db *, const struct db_user *, int resource_id,
	    int region_id, const char *use_on, const char *purpose,
	    const char *addr, time_t now, int *id);
int	 db_bookings(struct db *, const struct db_scope *, int region_id,
	    struct db_booking *, size_t max, size_t *n);
int	 db_bookings_of_unit(struct db *, int unit_id, struct db_booking *,
	    size_t max, size_t *n);
int	 db_booking_get(struct db *, int id, struct db_booking *);
/* The unit confirms or declines (to: BK_CONFIRMED, BK_DECLINED) a
 * requested booking; staff cancel (BK_CANCELLED) a live one. */
int	 db_booking_set(struct db *, const struct db_user *,
	    const struct db_booking *, long long version, int to,
	    const char *reason, const char *addr, time_t now);

/* Projects (sql/cb_projects.c). */
int	 db_projects(struct db *, const struct db_scope *,
	    const struct db_cb_filter *, struct db_project *, size_t max,
	    size_t *n);
int	 db_projects_of_unit(struct db *, int unit_id, struct db_project *,
	    size_t max, size_t *n);
int	 db_project_get(struct db *, int id, struct db_project *);
int	 db_milestones(struct db *, int project_id, struct db_milestone *,
	    size_t max, size_t *n);
int	 db_project_create(struct db *, const struct db_user *, int region_id,
	    int unit_id, const char *title, const char *plan, const char *addr,
	    time_t now, int *id);
/* Each of these checks the project's version (DB_CONFLICT) and bumps
 * it.  position -1: after the last. */
int	 db_milestone_add(struct db *, const struct db_user *,
	    const struct db_project *, long long version, int position,
	    const char *title, const char *due, const char *addr, time_t now);
/* Done with a note; the first done starts a project in planning. */
int	 db_milestone_done(struct db *, const struct db_user *,
	    const struct db_project *, long long version, int milestone_id,
	    const char *note, const char *addr, time_t now);
int	 db_project_start(struct db *, const struct db_user *,
	    const struct db_project *, long long version, const char *addr,
	    time_t now);
/* Close (to: PRJ_DONE with a result, its need done too; PRJ_CANCELLED). */
int	 db_project_close(struct db *, const struct db_user *,
	    const struct db_project *, long long version, int to,
	    const char *result, const char *addr, time_t now);

/* Joint meetings and decisions. */
int	 db_meetings(struct db *, const struct db_scope *, int region_id,
	    struct db_meeting *, size_t max, size_t *n);
int	 db_meeting_get(struct db *, int id, struct db_meeting *);
int	 db_meeting_units(struct db *, int meeting_id, struct db_cb_unit *,
	    size_t max, size_t *n);
int	 db_meeting_items(struct db *, int meeting_id,
	    struct db_meeting_item *, size_t max, size_t *n);
int	 db_meeting_decisions(struct db *, int meeting_id,
	    struct db_decision *, size_t max, size_t *n);
int	 db_meeting_create(struct db *, const struct db_user *, int region_id,
	    const char *held_on, const char *title, int kind, const char *place,
	    const char *minutes, const char *addr, time_t now, int *id);
/* The units present: exactly units[0..n-1] (checked by the caller). */
int	 db_meeting_set_units(struct db *, const struct db_user *,
	    const struct db_meeting *, const int *units, size_t n,
	    const char *addr, time_t now);
int	 db_meeting_item_add(struct db *, const struct db_user *,
	    const struct db_meeting *, const char *title, const char *addr,
	    time_t now);
/* owner 0: the community itself; item 0: none. */
int	 db_decision_add(struct db *, const struct db_user *,
	    const struct db_meeting *, int item_id, const char *text,
	    int owner_unit_id, const char *due, const char *addr, time_t now);
int	 db_decision_get(struct db *, int id, struct db_decision *);
int	 db_decision_done(struct db *, const struct db_user *,
	    const struct db_decision *, long long version, const char *note,
	    const char *addr, time_t now);
/* Decisions of the scope (open first, overdue first), of a unit. */
int	 db_decisions(struct db *, const struct db_scope *, int region_id,
	    struct db_decision *, size_t max, size_t *n);
int	 db_decisions_of_unit(struct db *, int unit_id, struct db_decision *,
	    size_t max, size_t *n);

/* The demo (admin/demo/cb_lists.c): need need_id turned from the nth
 * request of its community (by id) that has none yet. */
int	 db_demo_need_request(struct db *, int need_id, int nth);

#endif
