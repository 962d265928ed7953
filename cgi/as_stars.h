/*
 * Star ratings (星级评定) of 两新 organisations: what the page families
 * share (cgi/as_stars_form.c), used by cgi/as_stars.c (the staff list,
 * the overview, an organisation's page), cgi/as_stars_items.c (the
 * sub-indicators of a year) and cgi/as_stars_unit.c (the organisation's
 * own page, /unit/stars).
 */
#ifndef LIANXIN_AS_STARS_H
#define LIANXIN_AS_STARS_H

#include "auth.h"
#include "starflow.h"
#include "stars.h"

/* Who sees the staff pages: street and district officials, admins. */
#define AS_STARS_ROLES	(ROLE_BIT(ROLE_STREET) | ROLE_BIT(ROLE_DISTRICT) | \
			 ROLE_BIT(ROLE_ADMIN))

/* The local calendar year of now. */
int	 as_stars_year_now(void);
/* Points in hundredths as "85.5" ("—" for -1). */
void	 as_stars_points(struct buf *, long long centi);
/* The bands, as a sentence (the README's). */
void	 as_stars_bands(struct buf *);

/* The points a form gave, item by item, in the order of the items. */
struct as_stars_form {
	int		 ids[DB_STAR_ITEMS_MAX];
	long long	 centi[DB_STAR_ITEMS_MAX];
	const char	*typed[DB_STAR_ITEMS_MAX];	/* as typed */
	size_t		 n;
};
/*
 * Read the fields item (V_ID, many) and points (V_TEXT, many: read here
 * so that a bad value keeps its place) against the year's items: every
 * item once, 0..its points, at most two decimals.  0, or -1 with *why
 * the message (f holds what could be read, for the form).
 */
int	 as_stars_read(const struct req *, const struct vfield *item,
	    const struct vfield *points, const struct db_star_item *,
	    size_t n, struct as_stars_form *f, const char **why);

/*
 * The items of a year as cards by group, with the points of each step
 * (sc, ns) and, when input is an actor (enum star_actor, -1: none), an
 * input of that step's points: typed (may be NULL) or else the step's
 * stored value or the step before's.
 */
void	 as_stars_cards(struct buf *, const struct db_star_item *, size_t n,
	    const struct db_star_score *, size_t ns, int input,
	    const struct as_stars_form *typed);

/* The ratings of every year, the newest first (an organisation's
 * history). */
void	 as_stars_history(struct buf *, const struct db_star_rating *,
	    size_t n);

/* What a page shows of an organisation's year. */
#define AS_STARS_YEARS	50
struct as_stars_view {
	struct db_star_item items[DB_STAR_ITEMS_MAX];
	size_t		 nitems;
	struct db_star_rating g;	/* g.state -1 when none */
	int		 has;		/* a rating of the year exists */
	struct db_star_score sc[DB_STAR_ITEMS_MAX];
	size_t		 nsc;
	struct db_star_rating hist[AS_STARS_YEARS];
	size_t		 nhist;
};
/* Load the items of o's district, its rating and history: a db_rc. */
int	 as_stars_load(struct req *, const struct db_star_org *o, int year,
	    struct as_stars_view *);

/*
 * Take step action on o's rating of year with the points of f (when the
 * step takes them), the note and the form's version, as the user of s:
 * db_star_act's db_rc.
 */
int	 as_stars_act(struct req *, const struct staff *,
	    const struct db_star_org *o, int year, enum star_action,
	    long long version, const struct as_stars_form *f,
	    const char *note);

/* A rating's state (or 未开始 for -1). */
const char *as_stars_state(int state);

#endif
