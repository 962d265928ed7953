/*
 * The data layer: the only code that talks to MariaDB.  Callers get plain
 * structs and these return codes; they never see SQL or <mysql.h>.
 *
 * Longer than 800 lines on purpose: the data layer is one module, and
 * this is its whole interface, one section per file of sql/ (bulk loads
 * have their own header, bulk.h, for the statement ids they take).
 *
 * One struct db per thread.  It connects lazily, prepares each statement
 * once per connection, and after a lost connection reconnects by itself on
 * the next call (statements are prepared again).
 */
#ifndef LIANXIN_DB_H
#define LIANXIN_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "day.h"
#include "flow.h"
#include "words.h"

struct config;
struct db;

enum db_rc {
	DB_OK = 0,		/* done */
	DB_NOTFOUND = 1,	/* no such row */
	DB_CONFLICT = 2,	/* unique key or concurrent change */
	DB_UNAVAILABLE = -1,	/* no connection to the database: 503 */
	DB_ERROR = -2,		/* anything else, logged: 500 */
};

struct db	*db_open(const struct config *);
void		 db_close(struct db *);
/* For maintenance commands (rebuilds): statements may run for up to an
 * hour instead of a minute.  Call before the first statement. */
void		 db_long_statements(struct db *);
int		 db_ping(struct db *);
int		 db_schema_version(struct db *, int *version);

/* Process-wide setup and counters (thread-safe reads). */
int		 db_library_init(void);
void		 db_library_end(void);
void		 db_thread_init(void);
void		 db_thread_end(void);
uint64_t	 db_reconnects(void);
uint64_t	 db_failures(void);

#define DB_CODE_MAX	 33
#define DB_NAME_MAX	 (64 * 4 + 1)	/* 64 characters of utf8mb4 */

struct db_category {
	int	 id;
	char	 code[DB_CODE_MAX];
	char	 name[DB_NAME_MAX];
	char	 description[501 * 4];
	int	 response_hours;
	int	 resolve_days;
	int	 resolve_workdays;	/* resolve_days are working days */
};

struct db_region {
	int	 id;
	int	 parent_id;	/* 0 for a district */
	int	 level;		/* 1 district .. 4 grid */
	char	 code[DB_CODE_MAX];
	char	 name[DB_NAME_MAX];
};

struct db_counts {
	long long requests;
	long long regions;
	long long categories;
	long long members;
	long long users;
};

/* Active categories in display order; *n set to how many were stored. */
int	 db_categories(struct db *, struct db_category *, size_t max, size_t *n);
/* The whole region tree, ordered by level then display order. */
int	 db_regions(struct db *, struct db_region *, size_t max, size_t *n);
/* Row counts for the home page and the admin command. */
int	 db_counts(struct db *, struct db_counts *);


#define DB_PHOTO_HEX	64		/* a photo's SHA-256 in hex */

/* A photo to store with a request or action (sql/photos.c). */
struct db_photo {
	const unsigned char *hash;		/* SHA-256 of jpeg, 32 bytes */
	const unsigned char *jpeg;
	size_t		 len;
	const unsigned char *thumb;
	size_t		 tlen;
	int		 width, height;
	const char	*kind;			/* resident, note, before, after */
};

/* Service requests, as residents see them (sql/request.c). */

#define DB_TRACKING_LEN	 8
/* Symbols of tracking numbers: no look-alikes (0/O, 1/I/L). */
#define DB_TRACKING_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define DB_TOKEN_LEN	 16

struct db_request_new {
	const unsigned char *form_token;	/* DB_TOKEN_LEN bytes or NULL */
	int		 category_id;
	int		 community_id;
	int		 grid_id;		/* 0: not known */
	const char	*address;
	const char	*description;
	const char	*name;
	const char	*phone;
	int		 has_coords;
	long long	 lat;			/* millionths of a degree */
	long long	 lng;
	const char	*source;		/* web, open311, hotline, visit */
	time_t		 now;
	const struct db_photo *photos;		/* stored with the request */
	size_t		 nphotos;
};

enum db_create_rc {
	DB_CREATE_NEW,		/* stored */
	DB_CREATE_REPEAT,	/* the same form was posted before */
	DB_CREATE_BAD_CATEGORY,	/* no such active category */
	DB_CREATE_BAD_PLACE,	/* no such community, or grid not in it */
};

struct db_request {
	long long	 id;
	char		 tracking[DB_TRACKING_LEN + 1];
	int		 category_id;
	char		 category[DB_NAME_MAX];
	char		 state[16];
	char		 level[16];
	time_t		 received_at, accepted_at, resolved_at, closed_at;
	time_t		 response_due, resolve_due;
	char		 rating[16];		/* "" when not rated */
	int		 reopen_count;
	char		 phone_last4[5];
	long long	 version;
	char		 resolution[2001 * 4];
	char		 community[DB_NAME_MAX];
	char		 grid[DB_NAME_MAX];	/* "" when not known */
	char		 reject_reason[16];	/* "" unless rejected; withdrawn:
						   代群众撤回 (domain/withdraw.h) */
};

struct db_event {
	time_t		 at;
	char		 action[16];
	char		 to_state[16];
	char		 level[16];
	char		 body[2001 * 4];
	char		 who[16];	/* db_request_events: the actor kind */
};

int	 db_category_get(struct db *, int id, struct db_category *);
int	 db_region_get(struct db *, int id, struct db_region *,
	    int ancestors[4]);
/*
 * Store a new request and its submit event in one transaction, durable
 * when this returns.  A form token already stored answers
 * DB_CREATE_REPEAT with that request's tracking number.  *crc says
 * which; returns a db_rc.  Posts with a form token made at the same time
 * by other threads of the process may share the transaction (a batch).
 */
int	 db_request_create(struct db *, const struct db_request_new *,
	    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1]);
/* Batches of posts committed so far, and the requests they stored. */
void	 db_post_counts(uint64_t *batches, uint64_t *rows);
int	 db_request_get(struct db *, const char *tracking, struct db_request *);
int	 db_request_events(struct db *, long long id, struct db_event *,
	    size_t max, size_t *n);

/*
 * Rate a resolved request.  An unsatisfied rating with reopen set sends
 * it back for rework, once.  DB_CONFLICT when it is not (or no longer)
 * waiting for a rating.  Returns a db_rc.
 */
int	 db_request_rate(struct db *, const struct db_request *,
	    enum rating, const char *comment, int reopen, time_t now);


/* Staff passwords (sql/passwd.c): argon2id through libsodium. */

#define DB_PASSWORD_MIN	 12		/* characters */
#define DB_PASSWORD_MAX	 128		/* bytes */
#define DB_PWHASH_MAX	 128		/* crypto_pwhash_STRBYTES */

/* NULL when pw is acceptable, else why not (Chinese, for the user). */
const char *db_password_problem(const char *pw);
int	 db_password_hash(const char *pw, char out[DB_PWHASH_MAX]);
/* 1 when pw matches hash (constant time), else 0. */
int	 db_password_check(const char *hash, const char *pw);


/* Staff: accounts, sessions, audit, the queue and actions (sql/staff.c). */


#define DB_USERNAME_MAX	 (64 + 1)
#define DB_HASH_LEN	 32		/* BLAKE2b-256 of a token */

/* Where someone may act: a region and its subtree. */
struct db_scope {
	int	 level;		/* 1 district .. 4 grid */
	int	 id[4];		/* district, street, community, grid ids;
				 * 0 below the region's own level */
};

struct db_user {
	int		 id;
	char		 username[DB_USERNAME_MAX];
	char		 display_name[DB_NAME_MAX];
	enum role	 role;
	int		 region_id;
	char		 region_name[DB_NAME_MAX];
	struct db_scope	 scope;
	int		 disabled;
	char		 password_hash[DB_PWHASH_MAX];
	int		 failed_logins;
	time_t		 locked_until;
	int		 unit_id;	/* department staff: their unit; else 0 */
};

int	 db_user_by_name(struct db *, const char *username, struct db_user *);
int	 db_user_by_id(struct db *, int id, struct db_user *);
/*
 * The login throttle: a key ("u:" and a username, "a:" and an address)
 * with its limit and delays.  db_login_claim counts an attempt against the
 * keys (at most 2) in one transaction: DB_OK with *wait_until 0 when none
 * of them is waiting out a delay (each counted; the max-th in a row starts
 * a delay of base doubled at each delay in a row, at most cap), else
 * *wait_until the end of the longest delay and nothing counted.  A delay
 * past restarts the count; a key quiet for 2 x cap starts afresh.
 */
struct db_throttle {
	const char	*key;
	int		 max;
	time_t		 base, cap;
};
int	 db_login_claim(struct db *, const struct db_throttle *, size_t n,
	    time_t now, time_t *wait_until);
/* A login succeeded: its username starts afresh, its address gets its
 * attempt back; rows quiet since before quiet are forgotten. */
int	 db_login_ok(struct db *, const char *user_key, const char *addr_key,
	    time_t quiet);
/* A new account; DB_CONFLICT when the username is taken. */
int	 db_user_create(struct db *, const char *username,
	    const char *display_name, enum role, int region_id,
	    const char *password, time_t now, int *id);
int	 db_region_by_code(struct db *, const char *code, int *id);
/* Disable (ending its sessions) or enable an account. */
int	 db_user_set_disabled(struct db *, int id, int disabled);
/* A new password: lifts a lockout and ends the account's sessions. */
int	 db_user_set_password(struct db *, int id, const char *password);
int	 db_users_in_scope(struct db *, const struct db_scope *,
	    struct db_user *, size_t max, size_t *n);
/* Is a request (or user) at these ids inside scope? */
int	 db_in_scope(const struct db_scope *, const int ids[4]);

struct db_session {
	unsigned char	 csrf[DB_HASH_LEN];
	time_t		 seen_at;
};

int	 db_session_create(struct db *, const unsigned char hash[DB_HASH_LEN],
	    int user_id, const unsigned char csrf[DB_HASH_LEN], time_t now,
	    const char *addr);
/*
 * A session seen after idle_since and created after born_since, and its
 * user (one query: this runs for every staff page).
 */
int	 db_session_get(struct db *, const unsigned char hash[DB_HASH_LEN],
	    time_t idle_since, time_t born_since, struct db_session *,
	    struct db_user *);
int	 db_session_touch(struct db *, const unsigned char hash[DB_HASH_LEN],
	    time_t now);
int	 db_session_delete(struct db *, const unsigned char hash[DB_HASH_LEN]);

struct db_audit {
	long long	 id;
	time_t		 at;
	char		 username[DB_USERNAME_MAX];
	char		 action[33];
	char		 object[65 * 4];
	char		 detail[1001 * 4];
	char		 address[46];
};

/* Record who did what; user_id 0 when no account is known. */
int	 db_audit(struct db *, int user_id, const char *username,
	    const char *action, const char *object, const char *detail,
	    const char *addr, time_t now);
int	 db_audit_list(struct db *, const struct db_scope *, long long offset,
	    struct db_audit *, size_t max, size_t *n);

struct db_queue_filter {
	struct db_scope	 scope;
	const char	*state;		/* "" = every open state */
	int		 category_id;	/* 0 = any */
	int		 grid_id;	/* 0 = any */
	int		 overdue;	/* only overdue ones */
	int		 warned;	/* only ones due soon (预警) */
	int		 mine;		/* only ones assigned to user_id */
	int		 escalated;	/* only ones escalated to level */
	const char	*tracking;	/* "" or this tracking number */
	const char	*phone;		/* "" or this resident's phone */
	int		 user_id;	/* the reader */
	const char	*level;		/* the reader's level (word_level) */
	int		 warn_share;	/* percent of a limit: 预警 */
	time_t		 now;
	long long	 offset;
};

struct db_queue_row {
	char		 tracking[DB_TRACKING_LEN + 1];
	char		 category[DB_NAME_MAX];
	char		 state[16];
	char		 level[16];
	time_t		 received_at;
	time_t		 due;		/* response, then resolve deadline */
	int		 overdue, warned;
	char		 community[DB_NAME_MAX];
	char		 grid[DB_NAME_MAX];
	char		 address[201 * 4];
	char		 assignee[101 * 4];
	int		 escalated;	/* open and escalated to the viewer's
					 * level (street or district): listed
					 * first */
	char		 reason[2001 * 4]; /* the last escalation's text, ""
					 * at the community level */
	char		 reject_reason[16];	/* "" unless rejected */
};

/*
 * The queue's page: requests in f->scope matching every filter of f,
 * escalated to the reader's level first, then the not yet accepted by
 * their response deadline, then the rest by their resolve deadline.
 */
int	 db_queue(struct db *, const struct db_queue_filter *,
	    struct db_queue_row *, size_t max, size_t *n);

/* How many open requests of a scope each filter of the queue finds. */
#define DB_QUEUE_IDS	256
struct db_queue_counts {
	long long	 open;			/* every open request */
	long long	 state[ST__MAX];
	long long	 mine, escalated, overdue, warned;
	int		 cat_id[DB_QUEUE_IDS];	/* per category ... */
	long long	 cat_n[DB_QUEUE_IDS];
	size_t		 ncat;
	int		 grid_id[DB_QUEUE_IDS];	/* ... and grid (0: none) */
	long long	 grid_n[DB_QUEUE_IDS];
	size_t		 ngrid;
};

/* One grouped query; f's scope, user_id, level, warn_share and now. */
int	 db_queue_counts(struct db *, const struct db_queue_filter *,
	    struct db_queue_counts *);

/* A request as staff see it. */
struct db_request_full {
	struct db_request pub;		/* what the resident sees */
	int		 ids[4];	/* district, street, community, grid */
	char		 address[201 * 4];
	char		 description[2001 * 4];
	char		 name[DB_NAME_MAX];
	char		 phone[12];
	char		 source[16];
	char		 max_level[16];
	time_t		 assigned_at, rejected_at, rated_at;
	char		 reject_reason[16];
	char		 rating_comment[501 * 4];
	int		 assignee_user, assignee_member, assignee_unit;
	char		 assignee[101 * 4];
	int		 resolve_days;
	char		 lat[16], lng[16];
};

int	 db_request_full(struct db *, const char *tracking,
	    struct db_request_full *);
/* A request's whole state as the transition table sees it; the caller
 * sets the actor's home level (q->home, the narrowest until then). */
void	 db_flow_req(const struct db_request_full *, struct flow_req *);

struct db_event_full {
	struct db_event	 e;
	int		 public;
	char		 actor_kind[16];
	char		 actor[DB_NAME_MAX];
	char		 note_kind[16];	/* a note's word_note_kind, or "" */
};

int	 db_request_events_all(struct db *, long long id,
	    struct db_event_full *, size_t max, size_t *n);


/* One staff action on a request. */
struct db_act {
	enum rq_action	 action;
	const struct db_user *actor;
	const char	*addr;
	long long	 version;	/* the version the actor saw */
	const char	*text;		/* note, resolution or reason text */
	int		 public;	/* the text is for the resident (else
					   internal; resolve and reject: always) */
	enum note_kind	 kind;		/* ACT_NOTE: what kind of note */
	enum reject_reason reason;	/* ACT_REJECT */
	const struct db_photo *photos;	/* stored with the action's event */
	size_t		 nphotos;
	char		 assignee_kind;	/* ACT_ASSIGN: 'u', 'm' or 'c' */
	int		 assignee_id;
	time_t		 now;
};

/*
 * Apply an action: the change, its event and the audit entry in one
 * transaction.  DB_CONFLICT when somebody changed the request since
 * a->version or the transition table forbids it now; DB_NOTFOUND when
 * the assignee is not one the request can go to.
 */
int	 db_request_act(struct db *, const struct db_request_full *,
	    const struct db_act *);

/*
 * A staff form kept through a login (its session had ended): the action
 * posted for a request and what was typed.  Keyed by the hash of a
 * random cookie; taken (read and deleted) once.
 */
struct db_draft {
	char		 action[16];
	char		 body[2001 * 4];
	char		 choice[32];
	int		 public;
};

/* Keep d for tracking under hash (pruning those older than a day). */
int	 db_draft_put(struct db *, const unsigned char hash[DB_HASH_LEN],
	    const char *tracking, const struct db_draft *, time_t now);
/* The draft of hash for tracking kept after since, deleted as it is
 * read; DB_NOTFOUND when there is none. */
int	 db_draft_take(struct db *, const unsigned char hash[DB_HASH_LEN],
	    const char *tracking, time_t since, struct db_draft *);

struct db_choice {
	int	 id;
	char	 name[DB_NAME_MAX * 2];
	char	 role[24];		/* a user's role code, else "" */
	char	 place[DB_NAME_MAX];	/* a user's region, a member's
					 * phone's last 4 digits, else "" */
};

/* Grid workers and staff, reported members and co-building units a
 * request can be assigned to. */
int	 db_assignees(struct db *, const struct db_request_full *, char kind,
	    time_t now, struct db_choice *, size_t max, size_t *n);
/* Open311 GeoReport v2: API keys and requests as clients see them
 * (sql/open311.c). */

#define DB_APIKEY_BYTES	 32	/* random bytes of a key */
#define DB_APIKEY_HEX	 (DB_APIKEY_BYTES * 2 + 1)	/* shown as hex */

struct db_apikey {
	int	 id;
	char	 name[DB_NAME_MAX * 2];	/* VARCHAR(100) */
	int	 test;			/* 1: a test key (the test endpoint) */
	time_t	 created_at;
	time_t	 revoked_at;		/* 0 while valid */
};

/*
 * Make a new random key for name and store its hash.  The key (hex) goes
 * to key; it cannot be recovered later.  Returns a db_rc.
 */
int	 db_apikey_create(struct db *, const char *name, bool test,
	    time_t now, char key[DB_APIKEY_HEX], int *id);
int	 db_apikey_list(struct db *, struct db_apikey *, size_t max,
	    size_t *n);
/* Revoke a key; DB_NOTFOUND when there is no such key still valid. */
int	 db_apikey_revoke(struct db *, int id, time_t now);
/*
 * DB_OK when key is a valid (not revoked) key, *test then whether it is a
 * test key; else DB_NOTFOUND.
 */
int	 db_apikey_check(struct db *, const char *key, bool *test);

/* A request as Open311 shows it: no personal data in here. */
struct db_o311_request {
	char		 tracking[DB_TRACKING_LEN + 1];
	char		 state[16];
	char		 level[16];
	char		 status_notes[2001 * 4];	/* last public reply */
	char		 service_code[DB_CODE_MAX];
	char		 service_name[DB_NAME_MAX];
	char		 description[2001 * 4];
	int		 response_hours;
	int		 resolve_days;
	time_t		 received_at;
	time_t		 updated_at;		/* latest event */
	time_t		 resolve_due;
	char		 address[201 * 4];
	int		 has_coords;
	double		 lat, lng;
	char		 community[DB_NAME_MAX];	/* the community's name */
	char		 photo[DB_PHOTO_HEX + 1];	/* its first photo
						   (hex hash), "" when none */
	int		 resolve_workdays;	/* resolve_days are working days */
	char		 reject_reason[16];	/* "" unless rejected */
};

struct db_o311_query {
	const char	*service_codes;	/* comma list; NULL or "": all */
	int		 open;		/* include open requests */
	int		 closed;	/* include closed requests */
	time_t		 start, end;	/* received in [start, end] */
	int		 limit;
};

/* Called for each request found; q is valid during the call only. */
typedef void	 (*db_o311_fn)(void *arg, const struct db_o311_request *q);

/* One request by tracking number: DB_OK (fn called) or DB_NOTFOUND. */
int	 db_o311_request(struct db *, const char *tracking, db_o311_fn,
	    void *arg);
/* Requests matching q, newest first; fn called for each. */
int	 db_o311_requests(struct db *, const struct db_o311_query *,
	    db_o311_fn, void *arg);
#define DB_PASSWORD_GEN	 16		/* characters of a generated one */
/* A random password of DB_PASSWORD_GEN letters and digits, no look-alikes. */
void	 db_password_generate(char out[DB_PASSWORD_GEN + 1]);

/* Party members: roster, reports (报到), the service menu and claims,
 * activities and participation, points, members' codes and sessions
 * (sql/members.c). */

struct csvin_errors;


#define DB_PHONE_LEN	 11
#define DB_EMPLOYER_MAX	 (128 * 4 + 1)
#define DB_SKILLS_MAX	 (500 * 4 + 1)
#define DB_DATE_LEN	 DAY_LEN	/* YYYY-MM-DD */
#define DB_PREF_MAX	 (500 + 1)	/* category ids, "3,5,12" */
#define DB_PREF_NAMES	 (300 * 4 + 1)	/* their names, "环境卫生、治安" */

struct db_member {
	int		 id;
	int		 community_id;
	char		 name[DB_NAME_MAX];
	char		 phone[DB_PHONE_LEN + 1];
	enum member_type type;
	char		 employer[DB_EMPLOYER_MAX];
	char		 skills[DB_SKILLS_MAX];
	char		 preferred[DB_PREF_MAX];	/* of the last report */
	char		 preferred_names[DB_PREF_NAMES];
	time_t		 reported_at;		/* 0: never */
	time_t		 report_expires_at;	/* reported while now < this */
	long long	 hours_tenths;		/* participation, tenths of hours */
	long long	 completed;		/* completed claims */
	long long	 open_claims;
	long long	 wishes;		/* micro-wishes fulfilled and
						 * confirmed (微心愿) */
};

/* Is the member's report valid at now? */
int	 db_member_reported(const struct db_member *, time_t now);

/*
 * The points rule (积分, README "Points rule"): per_hour per volunteer
 * hour recorded for activities, plus per_claim per completed claim of a
 * service-menu item, plus per_wish per micro-wish (微心愿) the member
 * fulfilled that staff confirmed.  DB_POINTS_OF(cfg) is the configured
 * rule ([members] points_per_hour, points_per_claim, points_per_wish).
 */
struct db_points {
	int	 per_hour, per_claim, per_wish;
};
#define DB_POINTS_OF(c) \
	{ (c)->points_per_hour, (c)->points_per_claim, (c)->points_per_wish }
/* A member's points in tenths. */
long long db_points_tenths(const struct db_member *, const struct db_points *);

/* Add one roster entry; DB_CONFLICT when the phone is on a roster. */
int	 db_member_add(struct db *, int community_id, const char *name,
	    const char *phone, enum member_type, const char *employer,
	    time_t now, int *id);
/*
 * A community's roster: by name, or (ranking) by points, highest first,
 * with the points rule of the two numbers.
 */
int	 db_members(struct db *, int community_id, int by_points,
	    const struct db_points *, struct db_member *, size_t max,
	    size_t *n);
int	 db_member_get(struct db *, int id, struct db_member *);

/*
 * Import a roster from UTF-8 CSV text (columns name/姓名, phone/手机号,
 * type/类型, employer/工作单位) into community_id.  Every row is checked
 * first (values, phones repeated in the file or already on a roster);
 * errors go to errs and nothing is stored while there is one.  Otherwise
 * all rows are inserted in one transaction and *n says how many.
 * Returns a db_rc (DB_OK with errs->n > 0: refused).
 */
int	 db_roster_import(struct db *, int community_id, const char *csv,
	    size_t len, time_t now, struct csvin_errors *errs, size_t *n);

struct db_report_new {
	int		 community_id;
	const char	*name;
	const char	*phone;
	enum member_type type;
	const char	*employer;
	const char	*skills;
	const char	*preferred;	/* comma list of category ids */
	time_t		 now;
};

enum db_report_rc {
	DB_REPORT_PENDING,	/* waits for staff */
	DB_REPORT_BAD_PLACE,	/* no such community */
};

/*
 * A member's report, posted by anyone: it waits for staff and changes
 * nothing on the roster until they confirm it.  While a report of the
 * same phone to the community is pending, a new one is not stored (a form
 * posted twice makes one report).  Returns a db_rc, *out says which.
 */
int	 db_report_submit(struct db *, const struct db_report_new *,
	    enum db_report_rc *out);

struct db_report {
	int		 id;
	int		 community_id;
	char		 name[DB_NAME_MAX];
	char		 phone[DB_PHONE_LEN + 1];
	enum member_type type;
	char		 employer[DB_EMPLOYER_MAX];
	char		 skills[DB_SKILLS_MAX];
	char		 preferred[DB_PREF_MAX];
	char		 preferred_names[DB_PREF_NAMES];
	time_t		 submitted_at;
};

/*
 * A community's pending reports, oldest first: at most max from offset,
 * and how many there are in all (*total).
 */
int	 db_reports_pending(struct db *, int community_id, long long offset,
	    struct db_report *, size_t max, size_t *n, long long *total);
/*
 * Confirm (adding the member to the roster when the phone is not on it)
 * or reject a pending report of community_id.  DB_NOTFOUND when there is
 * no such pending report; DB_CONFLICT when its phone is on another
 * community's roster.  Returns a db_rc.
 */
int	 db_report_decide(struct db *, int report_id, int community_id,
	    int confirm, int user_id, time_t now, int valid_days);

struct db_item {
	int		 id;
	int		 community_id;
	int		 category_id;		/* 0: none */
	char		 name[101 * 4];
	char		 description[1001 * 4];
	int		 capacity;
	int		 claimed;		/* open + completed claims */
	char		 starts_on[DB_DATE_LEN + 1];
	char		 ends_on[DB_DATE_LEN + 1];
	char		 category[DB_NAME_MAX];	/* its name, or "" */
	time_t		 withdrawn_at;	/* 0 while offered */
};

/* Publish an item (fields of it but id and claimed). */
int	 db_item_create(struct db *, const struct db_item *, time_t now,
	    int *id);
/*
 * A community's items: those offered today and not withdrawn; or, when
 * today is "", all of them (withdrawn ones last).
 */
int	 db_items(struct db *, int community_id, const char *today,
	    struct db_item *, size_t max, size_t *n);
int	 db_item_get(struct db *, int id, struct db_item *);

enum db_claim_rc {
	DB_CLAIM_OK,
	DB_CLAIM_NOT_REPORTED,	/* no valid report */
	DB_CLAIM_NOT_OFFERED,	/* another community's, or outside its period */
	DB_CLAIM_FULL,		/* capacity reached */
	DB_CLAIM_LIMIT,		/* the member holds max_open open claims */
	DB_CLAIM_TWICE,		/* the member has an open claim of it */
};

/*
 * Claim item_id for member_id in one transaction: the member row locked
 * (one claim of a member at a time), the open-claims limit, then one
 * place taken only while claimed < capacity.  today is the local date.
 * Returns a db_rc; *out says what happened.
 */
int	 db_claim(struct db *, int member_id, int item_id, int max_open,
	    const char *today, time_t now, enum db_claim_rc *out);
/* Withdraw a member's open claim (freeing its place); DB_NOTFOUND when
 * there is no such open claim of this member. */
int	 db_claim_withdraw(struct db *, int member_id, int claim_id,
	    time_t now);
/* Mark an open claim of community_id's menu completed; DB_NOTFOUND when
 * there is none. */
int	 db_claim_complete(struct db *, int community_id, int claim_id,
	    time_t now);

struct db_claim {
	int		 id;
	int		 item_id;
	char		 item[101 * 4];
	int		 member_id;
	char		 member[DB_NAME_MAX];
	char		 state[16];		/* open, withdrawn, completed */
	time_t		 claimed_at, closed_at;
};

/* Claims of a community's items (member_id 0) or of a member. */
int	 db_claims(struct db *, int community_id, int member_id,
	    struct db_claim *, size_t max, size_t *n);


struct db_activity {
	int		 id;
	int		 community_id;
	char		 title[101 * 4];
	enum activity_kind kind;
	char		 held_on[DB_DATE_LEN + 1];
	long long	 hours_tenths;
	long long	 participants;
	long long	 total_tenths;		/* hours of all participants */
};

int	 db_activity_create(struct db *, const struct db_activity *, int *id);
int	 db_activities(struct db *, int community_id, struct db_activity *,
	    size_t max, size_t *n);
int	 db_activity_get(struct db *, int id, struct db_activity *);
/* A page of a community's activities, newest first, and how many
 * there are in all. */
int	 db_activities_page(struct db *, int community_id, long long offset,
	    struct db_activity *, size_t max, size_t *n, long long *total);
/* A member as an activity's page lists them: the last 4 digits of the
 * phone tell two of one name apart. */
struct db_person {
	int		 id;
	char		 name[DB_NAME_MAX];
	char		 tail[5];
	long long	 hours_tenths;	/* in the activity; 0 elsewhere */
};
/* Who took part in an activity, by name. */
int	 db_activity_people(struct db *, int activity_id,
	    struct db_person *, size_t max, size_t *n);
/* The community's members with a report valid at now whose phone is
 * phone or whose name holds name ("" matches no name). */
int	 db_members_find(struct db *, int community_id, time_t now,
	    const char *phone, const char *name, struct db_person *,
	    size_t max, size_t *n);
/*
 * Record (or correct) the same hours of n members in an activity, all in
 * one transaction.  DB_NOTFOUND, and nothing stored, when one of them is
 * not a member of the activity's community with a valid report at now.
 */
int	 db_participation(struct db *, int activity_id, const int *members,
	    size_t n, long long hours_tenths, time_t now);

#define DB_MCODE_LEN	 8		/* digits of a one-time code */

/* A new one-time code for a member (replacing any older one). */
int	 db_member_code(struct db *, int member_id, int user_id,
	    time_t expires, char code[DB_MCODE_LEN + 1]);
enum db_mlogin_rc {
	DB_MLOGIN_OK,		/* a session: *member_id, token */
	DB_MLOGIN_WRONG,	/* no such phone, no valid code, or not it */
};

struct db_mlogin {
	const char	*phone;
	const char	*code;
	time_t		 now;
	time_t		 expires;	/* of the session */
};

/*
 * Use the code of the member with this phone, the member row locked.  On
 * a match the code is spent and a session token (hex into token) valid
 * until l->expires is made.  A wrong code changes nothing (the limits on
 * wrong codes are the daemon's, per phone and address, whoever holds the
 * phone).  Returns a db_rc; *out says what happened.
 */
int	 db_member_login(struct db *, const struct db_mlogin *l,
	    char token[DB_HASH_LEN * 2 + 1], int *member_id,
	    enum db_mlogin_rc *out);
/* The member of a session token (hex) at now; DB_NOTFOUND when none. */
int	 db_member_session(struct db *, const char *token, time_t now,
	    int *member_id);
/* End a member's session (its token, hex): logging out. */
int	 db_member_session_end(struct db *, const char *token);

enum db_item_rc {
	DB_ITEM_OK,
	DB_ITEM_WITHDRAWN,	/* withdrawn already: cannot change */
	DB_ITEM_BELOW_CLAIMED,	/* capacity below the places taken */
};

/*
 * Change an item of community_id (id, community_id and the fields
 * db_item_create takes), the row locked: never to a capacity below its
 * claims (*claimed says how many).  DB_NOTFOUND when there is no such
 * item of the community.  Returns a db_rc; *out says what happened.
 */
int	 db_item_update(struct db *, const struct db_item *, time_t now,
	    int *claimed, enum db_item_rc *out);
/*
 * Withdraw an item of community_id from the menu: it is no longer
 * offered, its open claims are cancelled (state cancelled, their places
 * given back; completed ones stay), all in one transaction.  *cancelled
 * says how many.  DB_NOTFOUND when there is no such item.
 */
int	 db_item_withdraw(struct db *, int community_id, int item_id,
	    int user_id, time_t now, long long *cancelled,
	    enum db_item_rc *out);

/* A community of a scope, with its roster and reports. */
struct db_mcommunity {
	int		 id;
	char		 street[DB_NAME_MAX];
	char		 name[DB_NAME_MAX];
	long long	 members;		/* on the roster */
	long long	 reported;		/* report valid at now */
	long long	 in_service;		/* 在职 on the roster */
	long long	 in_service_reported;	/* of them reported */
	long long	 pending;		/* reports waiting for staff */
};

/* The communities in scope, by street, with their figures at now. */
int	 db_member_communities(struct db *, const struct db_scope *,
	    time_t now, struct db_mcommunity *, size_t max, size_t *n);
/*
 * Figures (sql/stats.c): the figures of DESIGN.md for a scope and a period
 * of local calendar days, from the summary tables that triggers keep up to
 * date (migration 0007); open-and-overdue and the member figures are read
 * live from indexed raw tables.
 *
 * Days are day numbers (lib/day.h).
 */

/* What the rows of a figures query are (the numbers are the SQL's). */
enum db_stats_group {
	DB_STATS_TOTAL = 0,	/* no rows, only the total */
	DB_STATS_DISTRICT = 1,	/* one row per district */
	DB_STATS_STREET = 2,	/* per street */
	DB_STATS_COMMUNITY = 3,	/* per community */
	DB_STATS_GRID = 4,	/* per grid (key 0: no grid given) */
	DB_STATS_CATEGORY = 5,	/* per service category */
	DB_STATS_MONTH = 6,	/* per calendar month, key YYYYMM */
	DB_STATS__MAX
};

struct db_stats_query {
	struct db_scope	 scope;		/* all zero: every district */
	int		 from, to;	/* local days, inclusive, from <= to */
	enum db_stats_group group;	/* for a child grouping: level + 1 */
	time_t		 now;		/* "open and overdue" is as of now;
					 * member figures as of the end of
					 * the period or now, the earlier */
	int		 overdue;	/* count those too (a live read of
					 * every such request: costs time) */
	int		 report_days;	/* [members] report_valid_days */
};

/*
 * The counters of one scope, period and group.  Rates are a numerator
 * over a denominator (DESIGN.md): valid = received - rejected; 响应率
 * responded/valid, 办结率 resolved/valid, 按期办结率 ontime/resolved,
 * 满意率 satisfied/rated, 社区解决率 community/resolved, mean hours
 * resolve_s/3600/resolved, 报到率 in_service_reported/in_service,
 * 参与率 participants/reported.  Open = valid - resolved, of which
 * overdue are past their due time now.
 */
struct db_figures {
	long long	 received, rejected, responded, resolved, ontime;
	long long	 rated, satisfied, community, resolve_s;
	long long	 overdue;	/* when overdue_known */
	int		 overdue_known;	/* the query asked for overdue */
	int		 members;	/* the member figures apply (not per
					 * grid, category, or for a grid) */
	long long	 roster;	/* members on the roster at the end */
	long long	 in_service;	/* of them in-service (在职) */
	long long	 in_service_reported; /* with a valid report */
	long long	 reported;	/* members of any type with one */
	long long	 participants;	/* reported, with participation */
	long long	 hours_tenths;	/* participation hours in the period */
};

struct db_stats_row {
	int		 key;		/* region, category id or YYYYMM */
	char		 name[DB_NAME_MAX]; /* its name, or "2026-03" */
	struct db_figures f;
};

/*
 * The figures of q: the total into *total and, unless q->group is
 * DB_STATS_TOTAL, one row per group into rows (every child region,
 * category or month, with or without requests) — at most max, *n set.
 * The total is the same whatever the grouping (member figures for any
 * scope above a grid; rows per grid or category have none; a month row
 * has them as of its own end or now, the earlier).  Returns a db_rc;
 * DB_ERROR also for a bad query (group or days).
 */
int	 db_stats(struct db *, const struct db_stats_query *,
	    struct db_figures *total, struct db_stats_row *rows, size_t max,
	    size_t *n);
/*
 * Recompute the summary tables from the requests, in one transaction
 * (writers wait meanwhile).  *days and *months get the rows written.
 */
int	 db_stats_rebuild(struct db *, long long *days, long long *months);
/*
 * *days: how many days after the day it was received a request of an
 * active category may still be within its limits (accepted at the end
 * of its response limit, rounded up to whole days, plus its resolve
 * limit), the largest over the categories; 0 without any.  A db_rc.
 */
int	 db_stats_settle_days(struct db *, int *days);
/*
 * Make the figures' calendar days those of UTC offset minutes; when that
 * changes the offset in force, rebuild (*rebuilt = 1).
 */
int	 db_stats_offset(struct db *, int minutes, int *rebuilt);

/*
 * Exports (sql/export.c): rows streamed from the server to a callback one
 * at a time, so that a million of them take no more memory than one.  The
 * connection is busy until the last row: the callback must not use it.
 */
struct db_export_filter {
	struct db_scope	 scope;		/* all zero: everything */
	int		 from, to;	/* received on these local days */
	const char	*state;		/* "" = any */
	int		 category_id;	/* 0 = any */
};

/* A request for an export: no resident name, the phone masked. */
struct db_export_request {
	char		 tracking[DB_TRACKING_LEN + 1];
	char		 source[16];		/* web, open311, hotline, visit */
	const char	*category;		/* names: valid for the call */
	const char	*street;
	const char	*community;
	const char	*grid;			/* "" when not known */
	char		 address[201 * 4];
	char		 description[2001 * 4];
	char		 phone[DB_PHONE_LEN + 1];	/* 138****5678 */
	char		 state[16];
	char		 level[16];		/* handling level now */
	char		 max_level[16];		/* highest ever */
	time_t		 received_at, accepted_at, resolved_at, closed_at;
	time_t		 response_due, resolve_due;
	char		 rating[16];		/* "" when not rated */
	int		 reopen_count;
	char		 reject_reason[16];	/* "" unless rejected */
};

/* Called for each row; return 0 to go on, anything else to stop. */
typedef int	 (*db_export_request_fn)(void *arg,
		    const struct db_export_request *);
/*
 * The requests of f, oldest first, to fn; *rows counts them.  Returns a
 * db_rc (DB_OK also when fn stopped).
 */
int	 db_export_requests(struct db *, const struct db_export_filter *,
	    db_export_request_fn, void *arg, long long *rows);

/* A roster entry for an export: the phone masked (138****5678). */
struct db_export_member {
	struct db_member m;
	char		 street[DB_NAME_MAX];
	char		 community[DB_NAME_MAX];
};

typedef int	 (*db_export_member_fn)(void *arg,
		    const struct db_export_member *);
/* The roster of the communities in scope, by place and name, to fn. */
int	 db_export_members(struct db *, const struct db_scope *,
	    db_export_member_fn, void *arg, long long *rows);

/*
 * Schema migrations (sql/migrate.c), for the admin command: apply the
 * embedded schema and every migration not yet recorded, in order,
 * recording each, on a connection of their own.  Progress lines go to
 * out.  Returns 0, or -1 after printing the cause to stderr.
 */
int	 db_migrate(const struct config *, FILE *out);

/*
 * The admin command's CSV imports (sql/import.c; the checks are
 * admin/import.c's).  Each returns a db_rc.
 */

/* A region by code: its id, level and ancestors (district, street and
 * community ids, 0 below its own level).  DB_NOTFOUND when none. */
int	 db_import_region_by_code(struct db *, const char *code,
	    long long *id, long long *level, long long anc[3]);
/* DB_OK when a category (a user) has that code (username), else
 * DB_NOTFOUND. */
int	 db_import_category_known(struct db *, const char *code);
int	 db_import_user_known(struct db *, const char *username);

struct db_import_region {
	long long	 parent_id;	/* 0 for a district */
	long long	 level;		/* enum region_level */
	const char	*code, *name;
	long long	 sort;
};

/*
 * A new region under the ancestors anc (district, street and community
 * ids, 0 where none); its id into *id.  A district, street or community
 * is its own ancestor at its level: anc[level - 1] becomes its id.
 */
int	 db_import_region(struct db *, const struct db_import_region *,
	    long long anc[3], long long *id);

struct db_import_category {
	const char	*code, *name, *description;
	long long	 response_hours, resolve_days;
	int		 active;
	long long	 sort;
	int		 resolve_workdays;	/* resolve_days: working days */
};

int	 db_import_category(struct db *, const struct db_import_category *);
/* A staff account with a password hash (db_password_hash); unit_id 0
 * for none (department_staff: its unit, db_unit_for_account). */
int	 db_import_user(struct db *, const char *username,
	    const char *display, enum role, long long region_id,
	    long long unit_id, const char *hash);
/*
 * fn(arg, i) for i = 0 .. n-1 in one transaction, until one does not
 * return DB_OK: committed when every one did, else rolled back.
 * Returns the first failure, or the commit's db_rc.
 */
int	 db_import_rows(struct db *, int (*fn)(void *arg, size_t i),
	    void *arg, size_t n);

/* Photos of requests (sql/photos.c, migration 0012). */

struct db_photo_row {
	char		 hex[DB_PHOTO_HEX + 1];	/* its hash, lower-case hex */
	char		 kind[16];		/* resident, note, before, after */
	long long	 event_id;		/* 0: the resident's post */
	int		 width, height;
};

/*
 * Store photos p[n] (each once by hash) and link them to request id
 * (and event_id, 0 for none), inside the caller's transaction.
 */
int	 db_photos_store(struct db *, long long request_id,
	    long long event_id, const struct db_photo *, size_t n,
	    time_t now);
/* Is hash (32 bytes) a photo of request id?  resident: only the kinds the
 * resident sees (not staff notes').  DB_OK or DB_NOTFOUND. */
int	 db_photo_linked(struct db *, long long request_id,
	    const unsigned char *hash, int resident);
/* The JPEG (or its thumbnail) of hash into *out (malloc), *len. */
int	 db_photo_get(struct db *, const unsigned char *hash, int thumb,
	    unsigned char **out, size_t *len);
/* The photos of request id, in the order they came. */
int	 db_request_photos(struct db *, long long request_id,
	    struct db_photo_row *, size_t max, size_t *n);
/* Rows of photos and request_photos. */
int	 db_photo_count(struct db *, long long *photos, long long *links);
/* ---- compounds (小区) and the resident's own view (sql/compound.c) */

#define DB_COMPOUND_MAX	20	/* most compounds a search answers */

struct db_compound {
	int	 id;
	char	 name[DB_NAME_MAX];
	char	 aliases[501 * 4];	/* '|'-separated, "" when none */
	int	 grid_id, community_id, street_id;
	char	 community[DB_NAME_MAX];
	char	 grid[DB_NAME_MAX];
	int	 metres;		/* db_compounds_near: the distance */
};

/*
 * Compounds whose name or an alias holds q (LIKE's wildcards in q taken
 * literally), exact names first, then names starting with q; at most
 * max.  Returns a db_rc.
 */
int	 db_compounds_search(struct db *, const char *q, struct db_compound *,
	    size_t max, size_t *n);
/* Compounds with a point within 3 km of (lat, lng), millionths of a
 * degree, nearest first.  Returns a db_rc. */
int	 db_compounds_near(struct db *, long long lat, long long lng,
	    struct db_compound *, size_t max, size_t *n);
int	 db_compound_get(struct db *, int id, struct db_compound *);
/* The request's description and address (for the resident who proved
 * the phone's digits).  Returns a db_rc. */
int	 db_request_own(struct db *, long long id, char *description,
	    size_t dsz, char *address, size_t asz);

/* The compounds import (admin/import.c). */
struct db_import_compound {
	const char	*name;
	const char	*aliases;	/* "" when none */
	long long	 grid_id;
	const char	*lat, *lng;	/* decimal degrees, or NULL */
};
/* DB_OK when the grid has a compound of that name, or DB_NOTFOUND. */
int	 db_import_compound_known(struct db *, long long grid_id,
	    const char *name);
int	 db_import_compound(struct db *, const struct db_import_compound *);

/*
 * Units and their accounts by admins (sql/units.c, issue 19 point 3):
 * departments (职能部门, at a street or the district) and co-building
 * units (共建单位, at a street or a community), each with its region and
 * limits; an account of role department_staff is bound to one active
 * unit of its own region.
 */
struct db_unit_row {
	int		 id;
	int		 kind;		/* enum unit_kind */
	char		 name[101 * 4];
	int		 region_id;
	char		 region_code[33];
	char		 region[DB_NAME_MAX];
	int		 region_level;	/* enum region_level */
	int		 response_hours, resolve_days;
	int		 resolve_workdays; /* resolve_days: working days */
	int		 active;
	long long	 accounts;	/* accounts not disabled */
};
struct db_unit_new {
	enum unit_kind	 kind;
	const char	*name;
	int		 region_id;
	int		 response_hours, resolve_days;
	int		 resolve_workdays;
};
#define DB_UNIT_NAME_MAX	100	/* characters of units.name */

/* The units whose region lies in the scope. */
int	 db_units_admin(struct db *, const struct db_scope *,
	    struct db_unit_row *, size_t max, size_t *n);
int	 db_unit_row_get(struct db *, int id, struct db_unit_row *);
/* The unit of that name in the region (an active one first), or
 * DB_NOTFOUND. */
int	 db_unit_by_name(struct db *, int region_id, const char *name,
	    struct db_unit_row *);
/* Why a unit of kind cannot be at a region of level: a message, or
 * NULL (a department: a street or the district; a co-building unit: a
 * street or a community). */
const char *db_unit_level_problem(enum unit_kind, int level);
/* A new unit, last in its region's order; active. */
int	 db_unit_create(struct db *, const struct db_unit_new *, int *id);
int	 db_unit_set_active(struct db *, int id, int active);
/*
 * The unit an account of role (department_staff or unit_staff) of region
 * region_id is to be bound to, named by spec: its id (digits only) or its
 * name in that region.  A department's account: a department of that
 * region; a unit's account: a co-building unit of that region's subtree.
 * DB_OK with *why NULL and *unit_id set; DB_OK with *why a message when
 * the unit is unknown, of another kind or region, or not active; else a
 * db_rc.
 */
int	 db_unit_for_account(struct db *, const char *spec, int region_id,
	    enum role role, int *unit_id, const char **why);
/* A department_staff or unit_staff account bound to unit_id
 * (db_unit_for_account). */
int	 db_user_create_unit(struct db *, const char *username,
	    const char *display, enum role role, int region_id, int unit_id,
	    const char *password, time_t now, int *id);

/*
 * Departments and summons (街乡吹哨、部门报到; sql/depts.c).  A summons
 * calls a department (a unit of kind department) to a request; the
 * department's accounts (ROLE_DEPT, users.unit_id) report and answer.
 */

struct db_unit {
	int	 id;
	char	 name[101 * 4];
	int	 region_id;
	char	 region[DB_NAME_MAX];	/* the street or district it serves */
	int	 response_hours, resolve_days;
	int	 resolve_workdays;	/* resolve_days: working days */
};

/* The departments the level handling f may summon (domain/summons.h,
 * summons_unit_level); none below the street. */
int	 db_dept_units(struct db *, const struct db_request_full *f,
	    struct db_unit *, size_t max, size_t *n);
int	 db_dept_unit_get(struct db *, int id, struct db_unit *);

struct db_summons {
	long long	 id, request_id;
	char		 tracking[DB_TRACKING_LEN + 1];
	int		 unit_id;
	char		 unit[101 * 4];
	char		 unit_region[DB_NAME_MAX];
	char		 reason[501 * 4];
	time_t		 issued_at, response_due, resolve_due;
	time_t		 accepted_at, answered_at;	/* 0: not yet */
	char		 answer[2001 * 4];
	enum summons_state state;
	/* the request, as the department sees it (no resident's name or
	 * phone) */
	char		 category[DB_NAME_MAX];
	char		 community[DB_NAME_MAX];
	char		 address[201 * 4];
	char		 description[2001 * 4];
	char		 rq_state[16], rq_level[16];
	char		 rq_reason[16];	/* its reject reason, "" if none */
};

int	 db_summons_of_request(struct db *, long long request_id,
	    struct db_summons *, size_t max, size_t *n);
/* A unit's summons, open ones first by the time due next (open_only: no
 * answered ones). */
int	 db_summons_of_unit(struct db *, int unit_id, int open_only,
	    long long offset, struct db_summons *, size_t max, size_t *n);
int	 db_summons_get(struct db *, long long id, struct db_summons *);
/* A unit's summons not answered yet (*open), of them not reported
 * (*issued). */
int	 db_summons_open_count(struct db *, int unit_id, long long *open,
	    long long *issued);

/*
 * Summon the units[n] to request f (whose version the actor saw): a
 * summons each with the unit's limits, one public event naming the units
 * and one audit entry, in one transaction.  DB_CONFLICT when the request
 * changed since version or summons_may_issue refuses; DB_NOTFOUND when a
 * unit is not one db_dept_units offers.
 */
int	 db_summons_issue(struct db *, const struct db_request_full *f,
	    long long version, const struct db_user *actor, const int *units,
	    size_t n, const char *reason, const char *addr, time_t now);
/*
 * A department's account acts on summons s: report (SMA_ACCEPT) or answer
 * (SMA_ANSWER, with text).  The change, a public event naming the unit
 * and the audit entry in one transaction.  DB_NOTFOUND when the actor is
 * not of the summoned unit; DB_CONFLICT when the state no longer allows
 * it.
 */
int	 db_summons_act(struct db *, const struct db_summons *s,
	    enum summons_action, const struct db_user *actor,
	    const char *text, const char *addr, time_t now);

/*
 * The departments' figures (DESIGN.md "Departments"): for the summons
 * issued on the local days [from, to] for requests in scope, per unit:
 * issued; reported (报到) within the response limit; answered; answered
 * within the resolve limit; each counted as of E, the end of the period or
 * now, the earlier.  部门报到率 = in_time / issued, 部门按期办结率 =
 * ontime / answered.  The total is the sum of the rows.
 */
struct db_dept_figures {
	int		 unit_id;
	char		 name[101 * 4];
	char		 region[DB_NAME_MAX];
	long long	 issued, in_time, answered, ontime;
};

int	 db_dept_figures(struct db *, const struct db_scope *, int from,
	    int to, time_t now, struct db_dept_figures *total,
	    struct db_dept_figures *rows, size_t max, size_t *n);

/*
 * The demo's summons, made from its history once its departments and
 * requests are loaded (SQL_DEMO_SUMMONS in sqls.c says how), issued by
 * the user issuer, no step after until; *summons and *events the rows
 * written.
 */
int	 db_demo_summons(struct db *, int issuer, time_t until,
	    long long *summons, long long *events);
/*
 * Working days (sql/workday.c): the holiday calendar the annual notices
 * imported make (lib/workday.h), and the resolve limits set by it.
 */
/* Fill cal (wd_init'ed here) from the holidays and holiday_years. */
int	 db_calendar_load(struct db *, struct wd_cal *);
/*
 * The resolve limit of a request of category_id after action a at now,
 * given the limit before (flow_due_cal: the category's days in its unit,
 * on the calendar as it is now).  A limit that needed a year without its
 * notice is still set, Monday to Friday, and logged.
 */
int	 db_resolve_due(struct db *, int category_id, enum rq_action a,
	    time_t now, time_t due, time_t *out);
/* One year's notice, in db_import_rows' transaction: the year's days
 * removed and the year recorded (source: the file), then its days. */
int	 db_holiday_year(struct db *, int year, const char *source);
int	 db_holiday_insert(struct db *, const char *day, enum wd_kind,
	    const char *name);
/* A category's resolve limit unit (the demo's: working days). */
int	 db_category_unit_set(struct db *, const char *code, enum wd_unit);

#endif
