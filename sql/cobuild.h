/*
 * Co-building units (共建单位), their 大党委 part-time members, the
 * agreements (双向协议书) with their commitments and timeline, and the
 * year-end mutual evaluation (双向评议): the data layer of cgi/cb_units.c,
 * cgi/cb_agree.c and cgi/cb_unit.c (sql/cobuild_units.c; migrations 0020
 * and 0022).  Dates a person picks are "YYYY-MM-DD" strings of local days.
 * Every write that several people may race on takes the version the form
 * showed and answers DB_CONFLICT when it is stale or the state moved on.
 */
#ifndef LIANXIN_COBUILD_H
#define LIANXIN_COBUILD_H

#include <stddef.h>
#include <time.h>

#include "db.h"

#define CB_NAME_MAX	(100 * 4 + 1)	/* VARCHAR(100) of utf8mb4 */
#define CB_CONTENT_MAX	(200 * 4 + 1)
#define CB_NOTE_MAX	(1000 * 4 + 1)
#define CB_DATE_LEN	11		/* "YYYY-MM-DD" and NUL */
#define CB_PHOTOS_MAX	3		/* photos of one fulfilment */

/* What /cobuild counts in a scope (cb_counts). */
struct cb_counts {
	long long	 units;		/* active co-building units */
	long long	 agreements;	/* agreements of the year */
	long long	 needs;		/* needs open (待认领) */
	long long	 resources;	/* resources open (可预约) */
	long long	 projects;	/* projects planning or running */
	long long	 meetings;	/* meetings held this year */
	long long	 wishes;	/* wishes open (待认领) */
};
/* The counts of scope (3 levels) for year, its first day jan1. */
int	 cb_counts(struct db *, const struct db_scope *, int year,
	    const char *jan1, struct cb_counts *);

struct cb_unit {
	int		 id, region_id;
	int		 ids[4];		/* district, street, community, 0 */
	char		 region[DB_NAME_MAX];
	char		 name[CB_NAME_MAX];
	int		 org_kind;		/* enum unit_org, -1 unset */
	char		 party_org[CB_NAME_MAX];
	char		 secretary[DB_NAME_MAX];	/* personal data */
	char		 contact[DB_NAME_MAX];		/* personal data */
	char		 phone[12];			/* personal data */
	int		 member_count;
	char		 joined_on[CB_DATE_LEN];	/* "" unset */
	int		 active;
	long long	 version;
	char		 committee[1024];	/* serving members' names */
	int		 agr_id;		/* this year's agreement, 0 */
	int		 agr_state;		/* its enum agreement_state, -1 */
};

struct cb_unit_filter {
	int		 region_id;	/* a street or community, 0 all */
	int		 org_kind;	/* enum unit_org, -1 all */
	int		 year;		/* whose agreement is shown */
	long long	 offset;
};
/* A page of the co-building units of scope (at most max), and how many
 * match in all. */
int	 cb_units_list(struct db *, const struct db_scope *,
	    const struct cb_unit_filter *, struct cb_unit *, size_t max,
	    size_t *n, long long *total);
/* Co-building unit id (with year's agreement); DB_NOTFOUND for none or a
 * department. */
int	 cb_unit_get(struct db *, int id, int year, struct cb_unit *);

struct cb_unit_edit {
	long long	 version;	/* as the form showed it */
	int		 org_kind;	/* -1: unset */
	const char	*party_org, *secretary, *contact;
	const char	*phone;		/* NULL: none */
	int		 member_count;
	const char	*joined_on;	/* NULL: unset */
};
/* Save the co-building fields of unit id: DB_CONFLICT when its version
 * moved on. */
int	 cb_unit_update(struct db *, int id, const struct cb_unit_edit *);

struct cb_member {
	int		 id;
	char		 name[DB_NAME_MAX];	/* personal data */
	char		 post[DB_NAME_MAX];
	char		 since[CB_DATE_LEN];
	char		 until[CB_DATE_LEN];	/* "" serving */
};
int	 cb_members(struct db *, int unit_id, struct cb_member *, size_t max,
	    size_t *n);
int	 cb_member_add(struct db *, int region_id, int unit_id,
	    const char *name, const char *post, const char *since);
/* End member id of unit_id on until: DB_CONFLICT when not serving or
 * until is before the appointment. */
int	 cb_member_end(struct db *, int id, int unit_id, const char *until);

struct cb_agreement {
	int		 id, unit_id, region_id;
	int		 ids[4];
	int		 year;
	char		 title[CB_NAME_MAX];
	int		 state;			/* enum agreement_state */
	char		 signed_on[CB_DATE_LEN];
	char		 valid_from[CB_DATE_LEN], valid_to[CB_DATE_LEN];
	char		 unit[CB_NAME_MAX];
	char		 region[DB_NAME_MAX];
	long long	 version;
	long long	 ncommit, nconfirmed;
};
int	 cb_agreements_of_unit(struct db *, int unit_id,
	    struct cb_agreement *, size_t max, size_t *n);
int	 cb_agreement_get(struct db *, int id, struct cb_agreement *);
/* A draft agreement: DB_CONFLICT when the unit has one for the year. */
int	 cb_agreement_create(struct db *, const struct cb_agreement *,
	    int user_id, time_t now, int *id);
/* Agreement id from state from to state to (signed: signed_on set), if
 * still at version: DB_CONFLICT otherwise. */
int	 cb_agreement_move(struct db *, int id, long long version,
	    int from, int to, const char *signed_on, int user_id, time_t now);

struct cb_commitment {
	int		 id, agreement_id;
	int		 kind;			/* enum cb_kind */
	char		 content[CB_CONTENT_MAX];
	char		 quantity[24];
	char		 qty_unit[68];
	char		 due_on[CB_DATE_LEN];
	int		 state;			/* enum commitment_state */
	char		 fulfilled_on[CB_DATE_LEN];
	char		 note[CB_NOTE_MAX];
	time_t		 fulfilled_at, confirmed_at;
	long long	 version;
};
int	 cb_commitments(struct db *, int agreement_id, struct cb_commitment *,
	    size_t max, size_t *n);
int	 cb_commitment_get(struct db *, int id, struct cb_commitment *);
/* Add a commitment (quantity a decimal string > 0) to an agreement not
 * ended: DB_CONFLICT when it was ended meanwhile. */
int	 cb_commitment_add(struct db *, int agreement_id, int kind,
	    const char *content, const char *quantity, const char *qty_unit,
	    const char *due_on, int user_id, time_t now);
/* Fulfil an open commitment with photos (each stored once by hash),
 * confirm a fulfilled one, or send it back to open with reason: each in
 * one transaction with its timeline line; DB_CONFLICT when the version
 * or state moved on. */
int	 cb_fulfil(struct db *, const struct cb_commitment *,
	    long long version, const char *on, const char *note,
	    const struct db_photo *, size_t nphotos, int user_id, time_t now);
int	 cb_confirm(struct db *, const struct cb_commitment *,
	    long long version, int user_id, time_t now);
int	 cb_return(struct db *, const struct cb_commitment *,
	    long long version, const char *reason, int user_id, time_t now);
/* The photos of commitment id, hashes in lower-case hex. */
int	 cb_commitment_photos(struct db *, int id,
	    char hex[][DB_PHOTO_HEX + 1], size_t max, size_t *n);
/* Is hash a photo of commitment id?  Its agreement's unit and places
 * (district, street, community) then; DB_NOTFOUND otherwise. */
int	 cb_commitment_photo(struct db *, int id, const unsigned char *hash,
	    int *unit_id, int ids[4]);

struct cb_eval {
	int		 given;
	int		 rating;		/* enum rating */
	char		 comment[CB_NOTE_MAX];
	time_t		 at;
	char		 by[DB_NAME_MAX];
};
/* Both ratings of an agreement, by enum eval_direction. */
int	 cb_evals(struct db *, int agreement_id, struct cb_eval e[EVD__MAX]);
/* Rate: DB_CONFLICT when that side has already rated. */
int	 cb_evaluate(struct db *, int agreement_id, int dir, int rating,
	    const char *comment, int user_id, time_t now);

struct cb_step {
	int		 action;		/* enum cb_event */
	int		 commitment_id;		/* 0: the agreement */
	time_t		 at;
	char		 note[CB_NOTE_MAX];
	char		 who[DB_NAME_MAX];
	int		 role;			/* enum role */
	char		 unit[CB_NAME_MAX];	/* a unit account's unit */
};
int	 cb_events(struct db *, int agreement_id, struct cb_step *,
	    size_t max, size_t *n);

/* The co-building fields of a unit made by the import (admin/import.c). */
int	 cb_unit_import_set(struct db *, int id, const struct cb_unit_edit *);

#endif
