/*
 * `lianxin demo`: a deterministic demo data set.  The same seed and the
 * same --until give the same rows, except users.password_hash (argon2id
 * with a random salt, as everywhere).
 *
 * One district, 6 streets, 36 communities, ~200 grids, the 12 categories,
 * 7 staff accounts, ~1800 Party members with service menus, claims,
 * activities and participation, and N service requests received over the
 * 365 days before --until with their whole event history.
 *
 * Each phase (and each request) draws from its own splitmix64 stream.
 * Rows go in through the data layer's bulk loads (sql/bulk.h): batches of
 * a few thousand rows, each one array INSERT sent by a writer thread
 * while the next batch is generated, so requests and events load in
 * parallel.  Ids are explicit: events refer to their requests without
 * reading anything back, and memory stays bounded whatever N is.
 *
 * The files, by concept: demo.c the command and the order of the load;
 * world.c the regions, categories, staff accounts and people's names;
 * members.c Party members, service menus and activities; requests.c the
 * service requests and their histories.  This header is theirs alone.
 */
#ifndef LIANXIN_DEMOINT_H
#define LIANXIN_DEMOINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "bulk.h"
#include "words.h"
#include "workday.h"

#define HOUR	3600L
#define DAY	86400L
#define LOCAL	(8 * HOUR)	/* the demo's local time: UTC+8 */
#define YEAR	(365 * DAY)
#define NHOUR	(365 * 24)
#define NCOMM	48		/* room for the communities of demo_streets */
#define NSTREET	6

#define DEMO_PASSWORD	"lianxin-demo-2026"
/* The demo's categories count their resolve limits in working days, as
 * offices do (lib/workday.h); response limits are hours. */
#define DEMO_UNIT	WD_WORKDAYS

struct demo_opts {
	long	 requests;	/* service requests to generate */
	unsigned long seed;	/* random seed: same seed, same data */
	time_t	 until;		/* data end at this UTC time (now) */
	bool	 if_empty;	/* do nothing when regions exist */
	bool	 progress;	/* draw a progress bar (stderr is a TTY) */
	const char *holidays;	/* DIR of holidays-cn-YYYY.csv, or NULL */
};

/* ---- Deterministic random numbers (splitmix64) ---- */

struct rng {
	uint64_t	 s;
};

static inline uint64_t
rnd(struct rng *r)
{
	uint64_t	 z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* The stream for (seed, phase, n), independent of every other one. */
static inline void
rnd_init(struct rng *r, uint64_t seed, uint64_t phase, uint64_t n)
{
	r->s = seed;
	r->s = rnd(r) ^ (phase * 0xd1b54a32d192ed03ULL);
	r->s = rnd(r) ^ (n * 0x8cb92ba72f3d8dd7ULL);
}

/* Uniform in [0, 1). */
static inline double
unit(struct rng *r)
{
	return (double)(rnd(r) >> 11) * 0x1.0p-53;
}

/* Uniform in 0..n-1. */
static inline int
below(struct rng *r, int n)
{
	return (int)(unit(r) * n);
}

static inline double
range(struct rng *r, double lo, double hi)
{
	return lo + (hi - lo) * unit(r);
}

static inline bool
chance(struct rng *r, double p)
{
	return unit(r) < p;
}

/* An index drawn by integer weights. */
static inline int
weighted(struct rng *r, const int *w, int n)
{
	int	 i, sum = 0, x;

	for (i = 0; i < n; i++)
		sum += w[i];
	x = below(r, sum);
	for (i = 0; i < n - 1 && x >= w[i]; i++)
		x -= w[i];
	return i;
}

#define NELEM(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a)	((a)[below((r), NELEM(a))])
#define WEIGHTED(r, w)	weighted((r), (w), NELEM(w))

/* ---- The world (world.c) ---- */

struct street {
	const char	*name;
	const char	*comms[8];	/* its communities, NULL-terminated */
};
extern const struct street demo_streets[NSTREET];

enum { CAT_ENV, CAT_PARKING, CAT_PROPERTY, CAT_ELDERCARE, CAT_DISPUTE,
    CAT_MUNICIPAL, CAT_NOISE, CAT_SAFETY, CAT_WELFARE, CAT_HEALTH, CAT_LEGAL,
    CAT_OTHER, CAT__MAX };

struct category {
	const char	*code, *name;
	int		 hours, days;	/* response and resolve limits */
	int		 weight;	/* share of requests, percent */
	double		 escalate;	/* chance to go above the community */
	const char	*desc;
	const char	*texts[3];	/* descriptions; %s is a place */
	const char	*fixes[2];	/* resolutions */
};
extern const struct category demo_cats[CAT__MAX];

/* The staff accounts, ids 1.. in this order. */
enum { U_ADMIN = 1, U_DISTRICT, U_STREET1, U_COMMUNITY1, U_COMMUNITY2,
    U_GRID1, U_GRID2, U__END };
struct demo_user {
	const char	*username, *display;
	enum role	 role;
	int		 level;		/* of the home region, 1..4 */
	int		 nth;		/* 0 first of that level, 1 second */
};
extern const struct demo_user demo_users[U__END - 1];

/* The departments' accounts (depts.c), ids U__END.. in this order. */
#define NDEPT	4
struct demo_dept {
	const char	*username, *display;
	int		 street;	/* index into demo_streets[], -1 the
					 * district */
	int		 sort;		/* the unit's among its region's */
};
extern const struct demo_dept demo_depts[NDEPT];
/* The departments' units take ids 1..DEMO_DEPT_UNITS (depts.c). */
#define DEMO_DEPT_UNITS	(NSTREET * 4 + 3)

/* The co-building units' accounts (cobuild.c), ids U__END + NDEPT.. */
#define NUNIT	3
struct demo_unit {
	const char	*username, *display;
	int		 comm;		/* index into world.comm[] */
	int		 sort;		/* the unit's among its community's */
};
extern const struct demo_unit demo_units[NUNIT];

struct community {
	unsigned	 id, street_id;	/* region ids */
	int		 street, sort;	/* index into demo_streets[]; among
					 * siblings */
	const char	*name;
	unsigned	 grid0;		/* region id of its first grid */
	int		 ngrid;
	double		 weight;	/* relative number of requests */
	double		 quality;	/* handling: 0 poor .. 1 excellent */
	double		 report;	/* share of in-service members reported */
	double		 partic;	/* chance a member joins an activity */
	double		 lat, lng;	/* centre */
	int		 mem0, nmem;	/* its slice of world.mem */
};

struct member {
	unsigned	 id;
	int		 type;		/* enum member_type */
	time_t		 reported;	/* last report, 0 = never */
	int		 open;		/* open claims */
};

struct world {
	const struct config *cfg;
	const struct demo_opts *o;
	uint64_t	 seed;
	time_t		 until, start;	/* data lie in [start, until) */
	struct community comm[NCOMM];
	int		 ncomm, ngrid;
	double		 cweight;	/* sum of community weights */
	struct member	*mem;
	int		 nmem, nreported;
	long long	 items, claims, activities, participation, events;
	long long	 summons;	/* depts.c */
	long long	 cobuild_units;	/* cobuild.c */
	long long	 cb_agreements, cb_commitments;	/* cb_agree.c */
	long long	 cb_needs, cb_meetings;	/* cb_lists.c */
	long long	 star_orgs;	/* stars.c: 两新 organisations */
	double		 hcum[NHOUR + 1]; /* cumulative weight of the hours */
	struct wd_cal	*cal;		/* the holiday calendar imported */
};

enum phase { PH_REGIONS = 1, PH_MEMBERS, PH_ITEMS, PH_ACTIVITIES,
    PH_REQUESTS, PH_COBUILD, PH_STARS };

/* The local calendar date of t, into a DATE column. */
static inline void
put_date(struct db_bulk *b, time_t t)
{
	db_bulk_date(b, (int)((t + LOCAL) / DAY));
}

static inline double
now_s(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * The phases of the load, in order.  Each returns 0, or -1 after a
 * message; the world's counters say what went in.
 */
/* Each community's place in the tree and character (world.c). */
void	 demo_plan_regions(struct world *);
int	 demo_load_regions(struct world *);
int	 demo_load_categories(struct world *);
int	 demo_load_compounds(struct world *);	/* world.c: 小区 */
/* The holiday notices of the demo's years and the next from
 * o->holidays, each year absent said so; the calendar into w->cal. */
int	 demo_load_holidays(struct world *, struct db *, FILE *out);
/* The categories' unit, DEMO_UNIT. */
int	 demo_category_units(struct db *);
int	 demo_load_users(struct world *);
int	 demo_load_members(struct world *);	/* members.c */
int	 demo_load_items(struct world *);
int	 demo_load_activities(struct world *);
int	 demo_load_requests(struct world *);	/* requests.c */
/* The departments, their accounts and the summons (depts.c); after the
 * requests. */
int	 demo_load_depts(struct world *);
const char *demo_dept_unit(int k, char *buf, size_t sz);
/* The co-building units, their 大党委 members and accounts (cobuild.c). */
int	 demo_load_cobuild_units(struct world *);
/* Their needs, resources, projects and joint meetings (cb_lists.c). */
int	 demo_load_cb_lists(struct world *);
/* assess.c: the assessment, once the figures are rebuilt (demo.c) */
struct config;
int	 demo_load_assess(const struct config *, time_t until, FILE *out);
const char *demo_unit_name(const struct world *, int k, char *buf,
	    size_t sz);
/* The micro-wishes and their claims (cb_wishes.c), after the units. */
int	 demo_load_cb_wishes(struct world *);
/* Their agreements, commitments, timelines and ratings, last year and
 * this (cb_agree.c); after the units. */
int	 demo_load_cb_agreements(struct world *);

/* The 两新 organisations, the sub-indicators of this year and the year
 * before, their star ratings and the account DEMO_ORG_USER (stars.c,
 * user id U__END + NDEPT + NUNIT); after the co-building units. */
#define DEMO_ORG_USER	"org1"
int	 demo_load_stars(struct world *);
const char *demo_org_name(const struct world *, char *buf, size_t sz);

/* Home region of user u (0-based) and its name (world.c). */
unsigned demo_user_region(const struct world *, int u, char *name,
	    size_t sz);
/* A Chinese name: surname and given name (world.c). */
void	 demo_person(struct rng *, char *buf, size_t sz);

#endif
