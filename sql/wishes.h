/*
 * Micro-wishes (微心愿) in the database (sql/cobuild_wishes.c): staff post
 * a resident's small wish; one reported member or one co-building unit
 * claims it for [cobuild] wish_claim_days, releases it or records it
 * fulfilled; staff confirm it or send it back.  A claim past its due time
 * lapses: the wish is open again and the claim stays in wish_claims as
 * lapsed.  Every function sweeps the lapsed claims first (db_wish_lapse),
 * the writers in their own transaction.
 */
#ifndef LIANXIN_WISHES_H
#define LIANXIN_WISHES_H

#include <time.h>

#include "db.h"

#define DB_WISH_TITLE_MAX	(100 * 4 + 1)
#define DB_WISH_DETAIL_MAX	(500 * 4 + 1)
#define DB_WISH_NOTE_MAX	(1000 * 4 + 1)
#define DB_WISH_VALUE_MAX	500000	/* the value cap's bound, fen */

/* A wish as staff see it (personal data included). */
struct db_wish {
	long long	 id;
	int		 ids[4];	/* district, street, community, 0 */
	char		 community[DB_NAME_MAX];
	char		 title[DB_WISH_TITLE_MAX];
	char		 detail[DB_WISH_DETAIL_MAX];
	long long	 value_fen;	/* the value cap in fen (分) */
	char		 resident_name[DB_NAME_MAX];
	char		 resident_phone[12];
	char		 resident_note[DB_WISH_DETAIL_MAX];
	char		 posted_by[DB_NAME_MAX];
	time_t		 posted_at;
	enum wish_state	 state;
	int		 member_id;	/* the claimer: a member ... */
	int		 unit_id;	/* ... or a unit; 0 when none */
	char		 claimer[DB_WISH_TITLE_MAX]; /* its name */
	time_t		 claimed_at, claim_due, fulfilled_at;
	char		 fulfil_note[DB_WISH_NOTE_MAX];
	time_t		 confirmed_at, withdrawn_at;
	long long	 version;
};

/* A wish as the public wall and the claimers see it: no personal data. */
struct db_wish_pub {
	long long	 id;
	int		 community_id;
	char		 community[DB_NAME_MAX];
	char		 title[DB_WISH_TITLE_MAX];
	char		 detail[DB_WISH_DETAIL_MAX];
	long long	 value_fen;
	time_t		 posted_at;
	enum wish_state	 state;
	time_t		 claim_due, fulfilled_at, confirmed_at;
	char		 fulfil_note[DB_WISH_NOTE_MAX];	/* the claimer's own */
	long long	 version;
};

/* One claim of a wish (wish_claims), with the claimer's name. */
struct db_wish_claim {
	char		 claimer[DB_WISH_TITLE_MAX];
	int		 is_unit;
	time_t		 claimed_at, due_at, ended_at;
	enum wish_claim_outcome outcome;
};

/* A community in a staff scope with its wishes by state. */
struct db_wish_community {
	int		 id;
	char		 name[DB_NAME_MAX];
	char		 street[DB_NAME_MAX];
	long long	 by_state[WISH__MAX];
};

/* Who acts: a staff or unit account (user set), or a member. */
struct db_wish_actor {
	const struct db_user *user;	/* NULL for a member */
	int		 member_id;	/* a member: their id */
	int		 unit_id;	/* a unit account: its unit */
	const char	*addr;		/* for the audit log */
};

/* Return the lapsed claims' wishes to the wall (one transaction). */
int	 db_wish_lapse(struct db *, time_t now);

/* A new wish of community_id by actor->user; *id set. */
struct db_wish_new {
	int		 community_id;
	const char	*title, *detail;
	long long	 value_fen;
	const char	*resident_name;
	const char	*resident_phone;	/* "" when none */
	const char	*resident_note;
};
int	 db_wish_create(struct db *, const struct db_wish_new *,
	    const struct db_wish_actor *, time_t now, long long *id);

/*
 * The wishes of a scope (SCOPE3: communities, a grid worker's being
 * theirs), newest first: state -1 for every state, region 0 or a street
 * or community id.  At most max, from offset.
 */
int	 db_wishes_staff(struct db *, const struct db_scope *, int state,
	    int region, long long offset, struct db_wish *, size_t max,
	    size_t *n);
/* The communities of a scope with their wishes counted by state. */
int	 db_wish_communities(struct db *, const struct db_scope *,
	    struct db_wish_community *, size_t max, size_t *n);
int	 db_wish_get(struct db *, long long id, struct db_wish *);
int	 db_wish_claims(struct db *, long long id, struct db_wish_claim *,
	    size_t max, size_t *n);

/*
 * The wall: open wishes (community 0: of every community), oldest first,
 * from the offset-th, or (fulfilled) those confirmed since since, newest
 * first; db_wishes_wall_count: how many open wishes it has.
 */
int	 db_wishes_wall(struct db *, int community, int fulfilled,
	    time_t since, size_t offset, struct db_wish_pub *, size_t max,
	    size_t *n);
int	 db_wishes_wall_count(struct db *, int community, long long *n);
/*
 * What a claimer sees: the open wishes it may claim (a member: of its
 * community; a unit: of the communities it co-builds with), and (mine)
 * its own claimed, fulfilled and confirmed ones.
 */
int	 db_wishes_for(struct db *, const struct db_wish_actor *, int mine,
	    struct db_wish_pub *, size_t max, size_t *n);

/* What the members and units do, and staff. */
enum db_wish_act {
	DB_WISH_CLAIM,		/* open -> claimed (a claimer) */
	DB_WISH_RELEASE,	/* claimed -> open (its claimer) */
	DB_WISH_FULFIL,		/* claimed -> fulfilled (its claimer) */
	DB_WISH_CONFIRM,	/* fulfilled -> confirmed (staff) */
	DB_WISH_RETURN,		/* fulfilled -> claimed (staff) */
	DB_WISH_WITHDRAW,	/* open -> withdrawn (staff) */
	DB_WISH_ACT__MAX
};

enum db_wish_rc {
	DB_WISH_DONE,
	DB_WISH_STALE,		/* the version or state changed: 409 */
	DB_WISH_NOT_REPORTED,	/* a member without a valid report */
};

/*
 * Do act on wish id at version as actor (text: the fulfilment's note),
 * with the audit line, in one transaction after the sweep of lapsed
 * claims; claim_days: a claim's time.  DB_NOTFOUND when the actor may
 * not see the wish; else a db_rc, *out saying what came of it.
 */
int	 db_wish_act(struct db *, long long id, long long version,
	    enum db_wish_act, const struct db_wish_actor *, const char *text,
	    int claim_days, time_t now, enum db_wish_rc *out);

#endif
