/*
 * Assessment (考评, issue 22) in the data layer: indicator schemes and
 * their versions, rounds and those assessed, entered scores, the ballot
 * counts a round reads, and the publication that freezes every value
 * (sql/assess.c); the figure sources and the computation of a round's
 * table (sql/asfig.c).  The arithmetic is domain/assess.h's.
 */
#ifndef LIANXIN_ASSESSDB_H
#define LIANXIN_ASSESSDB_H

#include "assess.h"
#include "db.h"

#define AS_IND_MAX	12	/* indicators of a scheme */
#define AS_TARGETS_MAX	200	/* those assessed in a round */
#define AS_NAME_CHARS	100	/* a scheme's, round's, indicator's name */
#define AS_DESC_CHARS	500	/* an indicator's description */
#define AS_NOTE_CHARS	1000	/* a score's note */
#define AS_EVIDENCE_CHARS 500	/* a score's evidence */
#define AS_FIGURE_LEN	40	/* a figure's code */

struct db_as_ind {
	int		 id;
	char		 name[AS_NAME_CHARS * 4 + 1];
	long long	 weight_c;	/* hundredths */
	int		 source;	/* enum assess_source */
	char		 figure[AS_FIGURE_LEN + 1];	/* "" unless a figure */
	int		 floor_tt, target_tt;	/* ten-thousandths; 0 for a score */
	int		 min_count;
	char		 description[AS_DESC_CHARS * 4 + 1];
};

struct db_as_scheme {
	int		 id, district_id, year, version;
	int		 target;	/* enum assess_target */
	int		 in_use;
	int		 based_on;	/* 0: none */
	char		 name[AS_NAME_CHARS * 4 + 1];
	char		 district[DB_NAME_MAX];
	time_t		 created_at;
	long long	 rounds;	/* rounds using it */
	size_t		 nind;		/* db_as_scheme_get only */
	struct db_as_ind ind[AS_IND_MAX];
};

struct db_as_round {
	int		 id, scheme_id, region_id, region_level;
	int		 anc[4];	/* the region's district, street,
					   community ids (0 above), 0 */
	char		 name[AS_NAME_CHARS * 4 + 1];
	char		 region[DB_NAME_MAX];
	int		 from, to;	/* local day numbers (lib/day.h) */
	int		 min_turnout_tt;
	int		 state;		/* enum round_state */
	time_t		 opened_at, closed_at, published_at, created_at;
	long long	 version;
	char		 scheme[AS_NAME_CHARS * 4 + 1];
	int		 scheme_year, scheme_version, target;
};

/* Someone assessed: a community or street (a region), or a 两新
 * organisation (a unit). */
struct db_as_target {
	int		 id;
	char		 name[101 * 4];
	char		 code[33];	/* region code, or the unit's number */
	int		 anc[4];	/* where it lies: its region's ids */
};

struct db_as_score {
	int		 indicator_id, target_id;
	long long	 points_c;
	char		 note[AS_NOTE_CHARS * 4 + 1];
	char		 evidence[AS_EVIDENCE_CHARS * 4 + 1];
	time_t		 entered_at;
};

/* One value of the table: frozen (assess_results) or live. */
struct db_as_result {
	int		 has_num;	/* num and den hold something */
	long long	 num, den;
	int		 has_value;
	long long	 value_m;	/* millionths */
	long long	 points_c;
	int		 flag;		/* enum result_flag */
};

struct db_as_total {
	long long	 points_c;
	int		 rank;
	int		 few;		/* a value rests on too little data */
	long long	 issued, spent;	/* ballot codes of the target */
};

/* A round's whole table: targets × indicators. */
struct db_as_table {
	struct db_as_round round;
	struct db_as_scheme scheme;
	size_t		 n;
	struct db_as_target t[AS_TARGETS_MAX];
	struct db_as_result res[AS_TARGETS_MAX][AS_IND_MAX];
	struct db_as_total tot[AS_TARGETS_MAX];
	time_t		 as_of;		/* published_at, or the live time */
	int		 frozen;	/* read from the frozen tables */
};

/*
 * The figure sources, one table (sql/asfig.c): code (stored in
 * assess_indicators.figure), Chinese label, which targets it applies to
 * (bits 1u << AT_*), how it is read (a sentence shown on the scheme
 * page), and the reader: num and den of the figure for the target region
 * and the round's period, as of the given time.  Adding a figure is one
 * entry and, when no reader fits, one reader function.
 */
struct as_fig_ctx;
struct db_as_figure {
	const char	*code;
	const char	*label;
	unsigned	 targets;
	const char	*how;
	int		(*read)(struct as_fig_ctx *, int arg, long long *num,
			    long long *den);
	int		 arg;
};
extern const struct db_as_figure db_as_figures[];
extern const size_t db_as_nfigures;
/* The index of code in db_as_figures, or -1. */
int	 db_as_figure_find(const char *code);

/* Schemes: of a district (0: all), newest first; without indicators. */
int	 db_as_schemes(struct db *, int district_id, struct db_as_scheme *,
	    size_t max, size_t *n);
/* One scheme with its indicators; DB_NOTFOUND. */
int	 db_as_scheme_get(struct db *, int id, struct db_as_scheme *);
/*
 * Store s: a new scheme when s->id is 0 (*id set), else replace the
 * indicators (and name, year, target) of scheme s->id unless it is in
 * use (DB_CONFLICT then, nothing stored).  The audit entry (AUD_AS_SCHEME)
 * in the same transaction.  DB_CONFLICT also for a name, year and
 * version taken.
 */
int	 db_as_scheme_save(struct db *, const struct db_as_scheme *s,
	    const struct db_user *actor, const char *addr, time_t now,
	    int *id);
/* A copy of scheme id as the next version of its name and year
 * (based_on id), not in use, with the audit entry: *newid. */
int	 db_as_scheme_copy(struct db *, int id, const struct db_user *actor,
	    const char *addr, time_t now, int *newid);

/* Rounds visible to scope sc: those whose region lies in it, and those of
 * the regions above it (their published rows for it). */
int	 db_as_rounds(struct db *, const struct db_scope *sc,
	    struct db_as_round *, size_t max, size_t *n);
int	 db_as_round_get(struct db *, int id, struct db_as_round *);
/* A new draft round with its targets and the audit entry: *id. */
int	 db_as_round_create(struct db *, const struct db_as_round *,
	    const int *targets, size_t n, const struct db_user *actor,
	    const char *addr, time_t now, int *id);
/*
 * Move round r from state `from` to `to` if its version is still
 * r->version (DB_CONFLICT otherwise, nothing changed); opening marks the
 * scheme in use.  With the audit entry, in one transaction.
 */
int	 db_as_round_move(struct db *, const struct db_as_round *r,
	    enum round_state from, enum round_state to,
	    const struct db_user *actor, const char *addr, time_t now);
/* Those assessed in a round, in region (unit) order. */
int	 db_as_targets(struct db *, const struct db_as_round *,
	    struct db_as_target *, size_t max, size_t *n);
/* Who may be assessed by a round of region (whose ancestors are anc)
 * with target kind: communities or streets below it, or its 两新
 * organisations (units of kind org, or of org_kind private_firm or
 * social_org). */
int	 db_as_candidates(struct db *, int region_id, int level,
	    enum assess_target, struct db_as_target *, size_t max,
	    size_t *n);
/* The scores of a round. */
int	 db_as_scores(struct db *, int round_id, struct db_as_score *,
	    size_t max, size_t *n);
/*
 * Enter or change a score while the round is open (DB_CONFLICT when it
 * is not), with the audit entry (AUD_AS_SCORE, old and new points).
 */
int	 db_as_score_set(struct db *, int round_id, const struct db_as_score *,
	    const struct db_user *actor, const char *obj, const char *addr,
	    time_t now);

/*
 * The table of a round.  Live: every value computed now (figures as of
 * now: the end of the period or now, the earlier), scores and ballots as
 * stored, ranked.  Frozen: read from assess_results and assess_totals
 * alone (a published round).  report_days: [members] report_valid_days.
 * *t is large: allocate it.
 */
int	 db_as_table_live(struct db *, int round_id, time_t now,
	    int report_days, struct db_as_table *t);
int	 db_as_table_frozen(struct db *, int round_id, struct db_as_table *t);
/*
 * Publish round r (closed, at version r->version): computes the table
 * live as of now, then in one transaction checks the state and version
 * (DB_CONFLICT when stale), writes every value and total, marks the round
 * published at now and writes the audit entries.  *t holds the table.
 */
int	 db_as_publish(struct db *, const struct db_as_round *r, time_t now,
	    int report_days, const struct db_user *actor, const char *addr,
	    struct db_as_table *t);

/*
 * The demo's ballots (admin/demo/assess.c; the real ones are issued and
 * cast on the ballot pages): issued codes of round × target, the first
 * spent of them spent, issued by issuer; and the votes of one item.  One
 * transaction each.
 */
int	 db_as_demo_codes(struct db *, int round_id, int target_id, int issued,
	    int spent, int issuer);
int	 db_as_demo_tally(struct db *, int round_id, int target_id,
	    int indicator_id, const int votes[RATE__MAX]);

#endif
