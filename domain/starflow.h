/*
 * Star ratings (星级评定) of 两新 organisations: the score bands that give
 * the stars, and the steps of a yearly rating (state x action -> state,
 * who may take it), in one table each.  Points are hundredths (centi):
 * 89.99 points is 8999.  Pure: no SQL, no HTTP.
 */
#ifndef LIANXIN_STARFLOW_H
#define LIANXIN_STARFLOW_H

#include "words.h"

/* Every year's sub-indicators (star_items) sum to this, in hundredths. */
#define STARS_TOTAL_CENTI	10000

/*
 * The bands, best first: a total of at least min (hundredths) gives
 * stars.  Below the last one: one star.
 */
struct star_band {
	long long	 min;
	int		 stars;
	const char	*label;		/* e.g. "★★★★★" */
};
#define STAR_NBANDS	5
extern const struct star_band star_bands[STAR_NBANDS];

/* The stars (1..5) of a total in hundredths. */
int		 stars_of(long long centi);
/* "★★★☆☆" for 1..5 stars, "—" otherwise. */
const char	*stars_label(int stars);

/*
 * What can be done to a rating.  The organisation's account saves its
 * self-assessment (draft stays draft) or submits it (draft -> self); the
 * street official of its street pre-rates (初评, self -> street) or
 * returns it to the organisation (self -> draft); the district confirms
 * (认定, street -> confirmed, stars from the bands) or returns it to the
 * street (street -> self).
 */
enum star_action {
	STA_SAVE,
	STA_SUBMIT,
	STA_STREET_RATE,
	STA_STREET_RETURN,
	STA_CONFIRM,
	STA_DISTRICT_RETURN,
	STA__MAX
};

/* Whose step it is. */
enum star_actor {
	SACT_ORG,	/* the organisation's account (unit_staff) */
	SACT_STREET,	/* a street official of its street */
	SACT_DISTRICT,	/* a district official or an admin of its district */
};

struct star_step {
	const char	*code;		/* the form's action */
	const char	*label;		/* its button */
	enum star_state	 from, to;
	enum star_actor	 actor;
	int		 audit;		/* enum audit (AUD_AS_STAR_*) */
	int		 scores;	/* takes points per item */
	int		 note_required;	/* a return needs its reason */
};
extern const struct star_step star_steps[STA__MAX];

/* The role's part in ratings, or -1 when it has none. */
int		 stars_actor_of(enum role);

#endif
