/*
 * Star ratings (星级评定) of 两新 organisations, the data layer's part
 * (sql/stars.c): the organisations (units of kind org, and co-building
 * units that are 非公企业 or 社会组织), a district's sub-indicators of a
 * year, the yearly ratings with their points per item at each step, and
 * the counts per street.  Points are hundredths (centi), -1 for none.
 */
#ifndef LIANXIN_SQL_STARS_H
#define LIANXIN_SQL_STARS_H

#include "db.h"
#include "starflow.h"

#define DB_STAR_ITEMS_MAX	40	/* sub-indicators of a year, at most */
#define DB_STAR_ITEM_NAME	200	/* characters of an item's name */
#define DB_STAR_NOTE_MAX	1000	/* characters of a note */

struct db_star_org {
	int		 id;
	int		 kind;		/* enum unit_kind */
	int		 org_kind;	/* enum unit_org, -1 when none */
	char		 name[101 * 4];
	char		 sector[65 * 4];
	char		 party_org[101 * 4];
	char		 secretary[65 * 4];	/* personal: staff only */
	char		 contact[65 * 4];	/* personal: staff only */
	char		 contact_phone[12];	/* personal: staff only */
	int		 region_id;
	char		 region[DB_NAME_MAX];	/* its street or community */
	int		 ids[4];	/* district, street, community, 0 */
	char		 street[DB_NAME_MAX];
	int		 active;
	/* SQL_STAR_ORGS only: the year's rating (rating_id 0: none) */
	long long	 rating_id;
	int		 state;		/* enum star_state, -1 when none */
	int		 stars;		/* 0 until confirmed */
	long long	 self_c, street_c, final_c;
	long long	 version;
};

struct db_star_filter {
	struct db_scope	 scope;
	int		 year;
	int		 street_id;	/* 0: any */
	int		 stars;		/* 0: any */
	const char	*state;		/* "": any, "none": not started */
};

struct db_star_item {
	int		 id;
	int		 grp;		/* enum star_group */
	int		 position;
	char		 name[(DB_STAR_ITEM_NAME + 1) * 4];
	long long	 max_c;
};

struct db_star_rating {
	long long	 id;
	int		 year;
	int		 state;		/* enum star_state */
	long long	 self_c;
	char		 self_note[(DB_STAR_NOTE_MAX + 1) * 4];
	time_t		 self_at;
	long long	 street_c;
	char		 street_note[(DB_STAR_NOTE_MAX + 1) * 4];
	time_t		 street_at;
	long long	 final_c;
	int		 stars;
	char		 district_note[(DB_STAR_NOTE_MAX + 1) * 4];
	time_t		 district_at;
	long long	 version;
};

struct db_star_score {
	int		 item_id;
	long long	 self_c, street_c, final_c;
};

/* The organisations of the filter with their rating of its year. */
int	 db_star_orgs(struct db *, const struct db_star_filter *,
	    struct db_star_org *, size_t max, size_t *n);
/* An organisation by id (DB_NOTFOUND when none, or not a 两新 one). */
int	 db_star_org_get(struct db *, int id, struct db_star_org *);

/* A district's sub-indicators of a year, by group and position. */
int	 db_star_items(struct db *, int district_id, int year,
	    struct db_star_item *, size_t max, size_t *n);
/* How many ratings of the district's year have been submitted (the
 * items are frozen when any has). */
int	 db_star_items_frozen(struct db *, int district_id, int year,
	    long long *n);
/*
 * Replace the district's items of a year by items[0..n-1] (id ignored;
 * positions renumbered within each group) and record the audit line, in
 * one transaction.  DB_CONFLICT when a rating of that year has been
 * submitted (the items are frozen): nothing changed.  Drafts lose the
 * points they held for the old items.
 */
int	 db_star_items_put(struct db *, int district_id, int year,
	    const struct db_star_item *, size_t n, const struct db_user *,
	    const char *detail, const char *addr, time_t now);

/* An organisation's rating of a year and its points per item. */
int	 db_star_rating(struct db *, int unit_id, int year,
	    struct db_star_rating *, struct db_star_score *, size_t max,
	    size_t *n);
/* Every year's rating of an organisation, the newest first. */
int	 db_star_history(struct db *, int unit_id, struct db_star_rating *,
	    size_t max, size_t *n);
int	 db_star_scores(struct db *, long long rating_id,
	    struct db_star_score *, size_t max, size_t *n);

/* One step of a rating (domain/starflow.h). */
struct db_star_act {
	int		 unit_id;
	int		 district_id;	/* the organisation's */
	int		 year;
	enum star_action action;
	long long	 version;	/* the form's; 0: no rating yet */
	const int	*items;		/* with scores: every item once */
	const long long	*points;	/* hundredths, per item */
	size_t		 n;
	const char	*note;		/* "" when none */
	const struct db_user *actor;
	const char	*object;	/* the audit line's (the org's name) */
	const char	*addr;
	time_t		 now;
};
/*
 * Take the step in one transaction: the rating (made on the first save
 * or submit), its points per item, the totals and stars, the audit line.
 * DB_CONFLICT when the rating's version is not the form's or its state
 * not the step's (nothing changed; 409), or when the items of the year
 * are not those of the form.
 */
int	 db_star_act(struct db *, const struct db_star_act *);

/* How many organisations of a street are in a state with stars. */
struct db_star_count {
	int		 street_id;
	char		 street[DB_NAME_MAX];
	int		 state;		/* enum star_state, -1: not started */
	int		 stars;		/* 0 unless confirmed */
	long long	 n;
};
int	 db_star_counts(struct db *, const struct db_scope *, int year,
	    struct db_star_count *, size_t max, size_t *n);

/* An organisation imported (admin/import_orgs.c), inside the import's
 * transaction. */
struct db_star_org_new {
	int		 org_kind;	/* ORG_PRIVATE_FIRM or ORG_SOCIAL_ORG */
	int		 region_id;
	const char	*name, *sector, *party_org, *secretary, *contact;
	const char	*contact_phone;	/* NULL when none */
};
int	 db_star_org_insert(struct db *, const struct db_star_org_new *);

#endif
