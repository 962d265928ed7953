/*
 * Staff work in the database: accounts, sessions, the audit log, the
 * queue, and actions on requests by the transition table (domain/flow.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dbint.h"
#include "outbox.h"
#include "flow.h"

/* The columns of USER_FIELDS (sqls.c), into a struct db_user. */
#define USER_R(u) \
	R_I32(&(u)->id), R_STR((u)->username), R_STR((u)->display_name), \
	R_ENUM(&(u)->role, word_role, ROLE_RESIDENT), \
	R_I32(&(u)->region_id), R_I32(&(u)->scope.level), \
	R_STR((u)->region_name), R_I32(&(u)->scope.id[0]), \
	R_I32(&(u)->scope.id[1]), R_I32(&(u)->scope.id[2]), \
	R_I32(&(u)->disabled), R_STR((u)->password_hash), \
	R_I32(&(u)->failed_logins), R_TIME(&(u)->locked_until), \
	R_I32(&(u)->unit_id)

/* The grid of a grid-level user; DB_ERROR for a role or level unknown. */
static int
user_fix(struct db_user *u)
{
	if ((int)u->role < 0 || u->scope.level < REGION_DISTRICT ||
	    u->scope.level > REGION_GRID)
		return DB_ERROR;
	u->scope.id[3] = u->scope.level == REGION_GRID ? u->region_id : 0;
	return DB_OK;
}

static int
user_get(struct db *db, enum sql id, struct dbp *p, struct db_user *u)
{
	struct dbr	 r[] = { USER_R(u) };
	int		 rc;

	memset(u, 0, sizeof(*u));
	if ((rc = db_one(db, id, p, 1, r, NELEM(r))) != DB_OK)
		return rc;
	return user_fix(u);
}

int
db_user_by_name(struct db *db, const char *name, struct db_user *u)
{
	struct dbp	 p[] = { P_STR(name) };

	return user_get(db, SQL_USER_BY_NAME, p, u);
}

int
db_user_by_id(struct db *db, int id, struct db_user *u)
{
	struct dbp	 p[] = { P_INT(id) };

	return user_get(db, SQL_USER_BY_ID, p, u);
}

/* One key of a login: its row read and locked, and what it says now. */
static int
throttle_read(struct db *db, const struct db_throttle *t, time_t now,
    int *f, int *l, time_t *until)
{
	long long	 lf, ll;
	time_t		 last;
	struct dbr	 r[] = { R_INT(&lf), R_INT(&ll), R_TIME(&last),
	    R_TIME(until) };
	struct dbp	 p[] = { P_STR(t->key) };
	int		 rc;

	if ((rc = db_one(db, SQL_THROTTLE_LOCK, p, 1, r, NELEM(r))) != DB_OK)
		return rc;
	*f = (int)lf;
	*l = (int)ll;
	if (last < now - 2 * t->cap) {		/* quiet for long: afresh */
		*f = *l = 0;
		*until = 0;
	} else if (*until != 0 && *until <= now) {
		*f = 0;				/* the delay has passed */
		*until = 0;
	}
	return DB_OK;
}

int
db_login_claim(struct db *db, const struct db_throttle *t, size_t n,
    time_t now, time_t *wait_until)
{
	int		 f[2], l[2], rc = DB_OK;
	time_t		 until[2], d;
	size_t		 i;

	*wait_until = 0;
	if (n > 2)
		return DB_ERROR;
	for (i = 0; i < n; i++) {
		struct dbp p[] = { P_STR(t[i].key), P_TIME(now) };

		if ((rc = db_run(db, SQL_THROTTLE_ENSURE, p, NELEM(p), NULL,
		    NULL)) != DB_OK)
			return rc;
	}
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	for (i = 0; i < n && rc == DB_OK; i++)
		if ((rc = throttle_read(db, &t[i], now, &f[i], &l[i],
		    &until[i])) == DB_OK && until[i] > *wait_until)
			*wait_until = until[i];
	if (rc != DB_OK || *wait_until != 0) {
		db_tx_rollback(db);
		return rc;
	}
	/* Allowed: the attempt counts before its password is checked. */
	for (i = 0; i < n && rc == DB_OK; i++) {
		if (++f[i] >= t[i].max) {
			d = t[i].base << (l[i] < 20 ? l[i] : 20);
			until[i] = now + (d < t[i].cap ? d : t[i].cap);
			l[i]++;
		}
		struct dbp p[] = { P_INT(f[i]), P_INT(l[i]), P_TIME(now),
		    until[i] ? P_TIME(until[i]) : P_NULL, P_STR(t[i].key) };

		rc = db_run(db, SQL_THROTTLE_SET, p, NELEM(p), NULL, NULL);
	}
	return db_tx_end(db, rc);
}

int
db_login_ok(struct db *db, const char *user_key, const char *addr_key,
    time_t quiet)
{
	struct dbp	 u[] = { P_STR(user_key) }, a[] = { P_STR(addr_key) };
	struct dbp	 q[] = { P_TIME(quiet), P_TIME(quiet) };
	int		 rc;

	if ((rc = db_run(db, SQL_THROTTLE_CLEAR, u, 1, NULL, NULL)) != DB_OK ||
	    (rc = db_run(db, SQL_THROTTLE_REFUND, a, 1, NULL, NULL)) != DB_OK)
		return rc;
	return db_run(db, SQL_THROTTLE_PRUNE, q, NELEM(q), NULL, NULL);
}

int
db_user_create(struct db *db, const char *username, const char *display,
    enum role role, int region_id, const char *password, time_t now,
    int *id)
{
	char		 hash[DB_PWHASH_MAX];
	int		 rc;

	/* Department staff are made with their unit, not here. */
	if ((unsigned)role >= ROLE_DEPT)
		return DB_ERROR;
	if ((rc = db_password_hash(password, hash)) != DB_OK)
		return rc;
	struct dbp	 p[] = { P_STR(username), P_STR(display),
	    P_STR(word_role[role].code), P_INT(region_id), P_STR(hash),
	    P_TIME(now) };

	return db_insert(db, SQL_USER_INSERT, p, NELEM(p), id);
}

int
db_region_by_code(struct db *db, const char *code, int *id)
{
	long long	 v;
	struct dbr	 r[] = { R_INT(&v) };
	struct dbp	 p[] = { P_STR(code) };
	int		 rc;

	if ((rc = db_one(db, SQL_REGION_BY_CODE, p, 1, r, 1)) == DB_OK)
		*id = (int)v;
	return rc;
}

/* Change a user and end their sessions, in one transaction. */
static int
user_change(struct db *db, enum sql id, const struct dbp *p, size_t np,
    int user_id)
{
	struct dbp	 q[] = { P_INT(user_id) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_run(db, id, p, np, NULL, NULL)) == DB_OK)
		rc = db_run(db, SQL_SESSIONS_OF_USER_DELETE, q, 1, NULL, NULL);
	return db_tx_end(db, rc);
}

int
db_user_set_disabled(struct db *db, int id, int disabled)
{
	struct dbp	 p[] = { P_INT(disabled != 0), P_INT(id) };

	return user_change(db, SQL_USER_SET_DISABLED, p, NELEM(p), id);
}

int
db_user_set_password(struct db *db, int id, const char *password)
{
	char		 hash[DB_PWHASH_MAX];
	int		 rc;

	if ((rc = db_password_hash(password, hash)) != DB_OK)
		return rc;
	struct dbp	 p[] = { P_STR(hash), P_INT(id) };

	if ((rc = user_change(db, SQL_USER_SET_PASSWORD, p, NELEM(p), id)) !=
	    DB_OK)
		return rc;
	return db_run(db, SQL_THROTTLE_CLEAR_USER, p + 1, 1, NULL, NULL);
}

int
db_users_in_scope(struct db *db, const struct db_scope *sc,
    struct db_user *out, size_t max, size_t *n)
{
	struct dbp	 p[] = { SCOPE_P(sc) };
	struct db_user	 u = { 0 };
	struct dbr	 r[] = { USER_R(&u) };
	size_t		 i, k;
	int		 rc;

	if ((rc = db_rows(db, SQL_USERS_IN_SCOPE, p, NELEM(p), r, NELEM(r), &u,
	    sizeof(u), out, max, n)) != DB_OK)
		return rc;
	/* Drop what cannot be a staff user; no password hashes on pages. */
	for (i = k = 0; i < *n; i++)
		if (user_fix(&out[i]) == DB_OK) {
			out[i].password_hash[0] = '\0';
			out[k++] = out[i];
		}
	*n = k;
	return DB_OK;
}

int
db_in_scope(const struct db_scope *sc, const int ids[4])
{
	int	 i;

	if (sc->level < 1 || sc->level > 4)
		return 0;
	for (i = 0; i < sc->level; i++)
		if (sc->id[i] == 0 || sc->id[i] != ids[i])
			return 0;
	return 1;
}

int
db_session_create(struct db *db, const unsigned char hash[DB_HASH_LEN],
    int user_id, const unsigned char csrf[DB_HASH_LEN], time_t now,
    const char *addr)
{
	struct dbp	 p[] = { P_STRN((const char *)hash, DB_HASH_LEN),
	    P_INT(user_id), P_STRN((const char *)csrf, DB_HASH_LEN),
	    P_TIME(now), P_TIME(now), P_STR(addr) };

	return db_run(db, SQL_SESSION_INSERT, p, NELEM(p), NULL, NULL);
}

int
db_session_get(struct db *db, const unsigned char hash[DB_HASH_LEN],
    time_t idle_since, time_t born_since, struct db_session *s,
    struct db_user *u)
{
	char		 csrf[DB_HASH_LEN + 1];
	struct dbr	 r[] = { USER_R(u), R_STR(csrf), R_TIME(&s->seen_at) };
	struct dbp	 p[] = { P_STRN((const char *)hash, DB_HASH_LEN),
	    P_TIME(idle_since), P_TIME(born_since) };
	int		 rc;

	memset(u, 0, sizeof(*u));
	if ((rc = db_one(db, SQL_SESSION_GET, p, NELEM(p), r, NELEM(r))) !=
	    DB_OK)
		return rc;
	if (r[NELEM(r) - 2].len != DB_HASH_LEN)
		return DB_ERROR;
	memcpy(s->csrf, csrf, DB_HASH_LEN);
	return user_fix(u);
}

int
db_session_touch(struct db *db, const unsigned char hash[DB_HASH_LEN],
    time_t now)
{
	struct dbp	 p[] = { P_TIME(now),
	    P_STRN((const char *)hash, DB_HASH_LEN) };

	return db_run(db, SQL_SESSION_TOUCH, p, NELEM(p), NULL, NULL);
}

int
db_session_delete(struct db *db, const unsigned char hash[DB_HASH_LEN])
{
	struct dbp	 p[] = { P_STRN((const char *)hash, DB_HASH_LEN) };

	return db_run(db, SQL_SESSION_DELETE, p, NELEM(p), NULL, NULL);
}

int
db_audit(struct db *db, int user_id, const char *username,
    const char *action, const char *object, const char *detail,
    const char *addr, time_t now)
{
	struct dbp	 p[] = { P_TIME(now), user_id ? P_INT(user_id) : P_NULL,
	    P_STRN(username, strnlen(username, DB_USERNAME_MAX - 1)),
	    P_STR(action), P_STR(object), P_STR(detail), P_STR(addr) };

	return db_run(db, SQL_AUDIT_INSERT, p, NELEM(p), NULL, NULL);
}

int
db_audit_list(struct db *db, const struct db_scope *sc, long long offset,
    struct db_audit *out, size_t max, size_t *n)
{
	struct db_audit	 a = { 0 };
	struct dbr	 r[] = { R_INT(&a.id), R_TIME(&a.at), R_STR(a.username),
	    R_STR(a.action), R_STR(a.object), R_STR(a.detail),
	    R_STR(a.address) };
	struct dbp	 p[] = { P_INT(sc->id[1]), SCOPE_P(sc), P_INT(max),
	    P_INT(offset) };

	return db_rows(db, SQL_AUDIT_LIST, p, NELEM(p), r, NELEM(r), &a,
	    sizeof(a), out, max, n);
}

int
db_queue(struct db *db, const struct db_queue_filter *f,
    struct db_queue_row *out, size_t max, size_t *n)
{
	struct db_queue_row q = { 0 };
	struct dbr	 r[] = { R_STR(q.tracking), R_STR(q.category),
	    R_STR(q.state), R_STR(q.level), R_TIME(&q.received_at),
	    R_TIME(&q.due), R_I32(&q.overdue), R_I32(&q.warned),
	    R_STR(q.community), R_STR(q.grid), R_STR(q.address),
	    R_STR(q.assignee), R_I32(&q.escalated), R_STR(q.reason),
	    R_STR(q.reject_reason) };
	/* A search finds closed requests too, unless a state is chosen. */
	int		 any = f->tracking[0] || f->phone[0];
	struct dbp	 p[] = { P_TIME(f->now), P_TIME(f->now),
	    P_TIME(f->now), P_INT(f->warn_share), P_STR(f->level),
	    SCOPE_P(&f->scope),
	    P_STR(f->tracking), P_STR(f->tracking), P_STR(f->phone),
	    P_STR(f->phone), P_STR(f->state), P_INT(any), P_STR(f->state),
	    P_INT(f->category_id), P_INT(f->category_id),
	    P_INT(f->grid_id), P_INT(f->grid_id),
	    P_INT(f->mine), P_INT(f->user_id),
	    P_INT(f->escalated), P_STR(f->level),
	    P_INT(f->overdue), P_TIME(f->now),
	    P_INT(f->warned), P_TIME(f->now), P_TIME(f->now),
	    P_INT(f->warn_share),
	    P_STR(f->level), P_INT(max), P_INT(f->offset) };

	return db_rows(db, SQL_QUEUE, p, NELEM(p), r, NELEM(r), &q,
	    sizeof(q), out, max, n);
}

/* Add n to the count of id in ids/ns (up to DB_QUEUE_IDS of them). */
static void
count_add(int *ids, long long *ns, size_t *len, int id, long long n)
{
	size_t	 i;

	for (i = 0; i < *len; i++)
		if (ids[i] == id) {
			ns[i] += n;
			return;
		}
	if (*len < DB_QUEUE_IDS) {
		ids[*len] = id;
		ns[(*len)++] = n;
	}
}

int
db_queue_counts(struct db *db, const struct db_queue_filter *f,
    struct db_queue_counts *c)
{
	struct grp {
		char		 state[16];
		int		 cat, grid;
		long long	 n, mine, esc, late, warn;
	} g = { 0 }, *rows;
	struct dbr	 r[] = { R_STR(g.state), R_I32(&g.cat), R_I32(&g.grid),
	    R_INT(&g.n), R_INT(&g.mine), R_INT(&g.esc), R_INT(&g.late),
	    R_INT(&g.warn) };
	struct dbp	 p[] = { P_INT(f->user_id), P_STR(f->level),
	    P_TIME(f->now), P_TIME(f->now), P_TIME(f->now),
	    P_INT(f->warn_share), SCOPE_P(&f->scope) };
	size_t		 n = 0, i, max = 8192;
	int		 rc, st;

	memset(c, 0, sizeof(*c));
	if ((rows = calloc(max, sizeof(*rows))) == NULL)
		return DB_ERROR;
	if ((rc = db_rows(db, SQL_QUEUE_COUNTS, p, NELEM(p), r, NELEM(r), &g,
	    sizeof(g), rows, max, &n)) != DB_OK)
		goto out;
	for (i = 0; i < n; i++) {
		c->open += rows[i].n;
		if ((st = WORD_FIND(word_state, rows[i].state)) >= 0)
			c->state[st] += rows[i].n;
		c->mine += rows[i].mine;
		c->escalated += rows[i].esc;
		c->overdue += rows[i].late;
		c->warned += rows[i].warn;
		count_add(c->cat_id, c->cat_n, &c->ncat, rows[i].cat,
		    rows[i].n);
		count_add(c->grid_id, c->grid_n, &c->ngrid, rows[i].grid,
		    rows[i].n);
	}
out:
	free(rows);
	return rc;
}

int
db_request_full(struct db *db, const char *tracking,
    struct db_request_full *f)
{
	struct dbr	 r[] = {
		REQUEST_R(&f->pub), R_I32(&f->ids[0]), R_I32(&f->ids[1]),
		R_I32(&f->ids[2]), R_I32(&f->ids[3]), R_STR(f->address),
		R_STR(f->description), R_STR(f->name), R_STR(f->phone),
		R_STR(f->source), R_STR(f->max_level), R_TIME(&f->assigned_at),
		R_TIME(&f->rejected_at), R_STR(f->reject_reason),
		R_TIME(&f->rated_at), R_STR(f->rating_comment),
		R_I32(&f->assignee_user), R_I32(&f->assignee_member),
		R_I32(&f->assignee_unit), R_STR(f->assignee),
		R_I32(&f->resolve_days), R_STR(f->lat), R_STR(f->lng),
	};
	struct dbp	 p[] = { P_STR(tracking) };

	return db_one(db, SQL_REQUEST_FULL, p, 1, r, NELEM(r));
}

void
db_flow_req(const struct db_request_full *f, struct flow_req *q)
{
	int	 s = WORD_FIND(word_state, f->pub.state);
	int	 l = WORD_FIND(word_level, f->pub.level);

	q->state = s < 0 ? ST__MAX : (enum rq_state)s;
	q->level = l < 0 ? LV__MAX : (enum rq_level)l;
	q->rated_unsatisfied = strcmp(f->pub.rating,
	    word_rating[RATE_UNSATISFIED].code) == 0;
	q->reopen_count = f->pub.reopen_count;
	q->home = REGION_GRID;		/* the narrowest until the caller's */
}

int
db_request_events_all(struct db *db, long long id,
    struct db_event_full *out, size_t max, size_t *n)
{
	struct db_event_full e = { 0 };
	struct dbr	 r[] = { R_TIME(&e.e.at), R_STR(e.e.action),
	    R_STR(e.e.to_state), R_STR(e.e.level), R_STR(e.e.body),
	    R_I32(&e.public), R_STR(e.actor_kind), R_STR(e.actor),
	    R_STR(e.note_kind) };
	struct dbp	 p[] = { P_INT(id) };

	return db_rows(db, SQL_EVENTS_ALL, p, NELEM(p), r, NELEM(r), &e,
	    sizeof(e), out, max, n);
}

int
db_assignees(struct db *db, const struct db_request_full *f, char kind,
    time_t now, struct db_choice *out, size_t max, size_t *n)
{
	struct db_choice c = { 0 };
	struct dbr	 r[] = { R_I32(&c.id), R_STR(c.name), R_STR(c.role),
	    R_STR(c.place) };
	struct dbp	 p[2];
	enum sql	 q;

	*n = 0;
	switch (kind) {
	case 'u':
		q = SQL_ASSIGNEE_USERS;
		p[0] = P_INT(f->ids[2]);
		p[1] = P_NULL;
		break;
	case 'm':
		q = SQL_ASSIGNEE_MEMBERS;
		p[0] = P_INT(f->ids[2]);
		p[1] = P_TIME(now);
		break;
	case 'c':
		q = SQL_ASSIGNEE_UNITS;
		p[0] = P_INT(f->ids[1]);
		p[1] = P_INT(f->ids[2]);
		break;
	default:
		return DB_NOTFOUND;
	}
	return db_rows(db, q, p, kind == 'u' ? 1 : 2, r, NELEM(r), &c,
	    sizeof(c), out, max, n);
}

/* Is id one of the people or units this request can go to? */
static int
assignee_ok(struct db *db, const struct db_request_full *f, char kind,
    int id, time_t now)
{
	struct db_choice c[200];
	size_t		 n, i;
	int		 rc;

	if ((rc = db_assignees(db, f, kind, now, c, 200, &n)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (c[i].id == id)
			return DB_OK;
	return DB_NOTFOUND;
}

/* The row after an action: every column SQL_REQUEST_UPDATE writes. */
struct row {
	int		 state, level, max_level;
	time_t		 accepted_at, assigned_at, resolved_at, closed_at;
	time_t		 rejected_at, resolve_due, rated_at;
	const char	*reject_reason, *resolution, *rating, *comment;
	int		 reopen_count, au, am, an;
};

static void
row_load(const struct db_request_full *f, const struct flow_req *fq,
    struct row *w)
{
	int	 ml = WORD_FIND(word_level, f->max_level);

	w->state = fq->state;
	w->level = fq->level;
	w->max_level = ml < 0 ? (int)fq->level : ml;
	w->accepted_at = f->pub.accepted_at;
	w->assigned_at = f->assigned_at;
	w->resolved_at = f->pub.resolved_at;
	w->closed_at = f->pub.closed_at;
	w->rejected_at = f->rejected_at;
	w->resolve_due = f->pub.resolve_due;
	w->rated_at = f->rated_at;
	w->reject_reason = f->reject_reason;
	w->resolution = f->pub.resolution;
	w->rating = f->pub.rating;
	w->comment = f->rating_comment;
	w->reopen_count = f->pub.reopen_count;
	w->au = f->assignee_user;
	w->am = f->assignee_member;
	w->an = f->assignee_unit;
}

/* What the action does to the row beyond the state; due is the resolve
 * limit after it (db_resolve_due: from acceptance, afresh from rework). */
static void
row_apply(struct row *w, const struct db_act *a, time_t due)
{
	w->resolve_due = due;
	switch (a->action) {
	case ACT_ACCEPT:
		if (w->accepted_at == 0)
			w->accepted_at = a->now;
		break;
	case ACT_ASSIGN:
		w->assigned_at = a->now;
		w->au = a->assignee_kind == 'u' ? a->assignee_id : 0;
		w->am = a->assignee_kind == 'm' ? a->assignee_id : 0;
		w->an = a->assignee_kind == 'c' ? a->assignee_id : 0;
		break;
	case ACT_RESOLVE:
		w->resolved_at = a->now;
		w->resolution = a->text;
		break;
	case ACT_REJECT:
		w->rejected_at = a->now;
		w->reject_reason = word_reject[a->reason].code;
		break;
	case ACT_WITHDRAW:
		w->rejected_at = a->now;
		w->reject_reason = word_reject[REJECT_WITHDRAWN].code;
		break;
	case ACT_ESCALATE:
		w->level++;
		if (w->level > w->max_level)
			w->max_level = w->level;
		break;
	case ACT_REOPEN:
		/* Rework gets a fresh rating (and time limit, above). */
		w->reopen_count++;
		w->closed_at = 0;
		w->rating = "";
		w->rated_at = 0;
		w->comment = "";
		break;
	default:
		break;
	}
}

#define P_TIMEZ(t)	((t) ? P_TIME(t) : P_NULL)
#define P_STRZ(s)	((s)[0] ? P_STR(s) : P_NULL)
#define P_INTZ(i)	((i) ? P_INT(i) : P_NULL)

static int
row_write(struct db *db, long long id, long long version, const struct row *w)
{
	struct dbp	 p[] = {
		P_STR(word_state[w->state].code),
		P_STR(word_level[w->level].code),
		P_STR(word_level[w->max_level].code),
		P_TIMEZ(w->accepted_at), P_TIMEZ(w->assigned_at),
		P_TIMEZ(w->resolved_at), P_TIMEZ(w->closed_at),
		P_TIMEZ(w->rejected_at), P_STRZ(w->reject_reason),
		P_TIME(w->resolve_due), P_STRZ(w->resolution),
		P_STRZ(w->rating), P_TIMEZ(w->rated_at), P_STRZ(w->comment),
		P_INT(w->reopen_count), P_INTZ(w->au), P_INTZ(w->am),
		P_INTZ(w->an), P_INT(id), P_INT(version),
	};
	long long	 n = 0;
	int		 rc;

	if ((rc = db_run(db, SQL_REQUEST_UPDATE, p, NELEM(p), &n, NULL)) == DB_OK &&
	    n != 1)
		rc = DB_CONFLICT;
	return rc;
}

/* The message to the resident an action causes, if any, queued in its
 * transaction (sql/outbox.c); 受理 is the first acceptance only. */
static int
act_message(struct db *db, const struct db_request_full *f,
    const struct db_act *a)
{
	enum outbox_kind k;
	const char	*extra = "";

	switch (a->action) {
	case ACT_ACCEPT:
		if (f->pub.accepted_at != 0)
			return DB_OK;
		k = OB_ACCEPTED;
		break;
	case ACT_RESOLVE:
		k = OB_RESOLVED;
		extra = a->text != NULL ? a->text : "";
		break;
	case ACT_REJECT:
		k = OB_REJECTED;
		extra = word_reject[a->reason].label;
		break;
	case ACT_REOPEN:
		k = OB_REOPENED;
		break;
	case ACT_WITHDRAW:
		k = OB_WITHDRAWN;
		break;
	default:
		return DB_OK;
	}
	return db_outbox_request(db, k, f->pub.id, a->version + 1,
	    f->pub.tracking, extra, a->now);
}

/* The kind of the note a has just inserted (nothing for a plain one). */
static int
note_kind_set(struct db *db, const struct db_act *a, long long event)
{
	if (a->action != ACT_NOTE || a->kind == NOTE_PLAIN ||
	    (unsigned)a->kind >= NOTE__MAX)
		return DB_OK;
	struct dbp	 p[] = { P_STR(word_note_kind[a->kind].code),
	    P_INT(event) };

	return db_run(db, SQL_EVENT_SET_KIND, p, NELEM(p), NULL, NULL);
}

int
db_draft_put(struct db *db, const unsigned char hash[DB_HASH_LEN],
    const char *tracking, const struct db_draft *d, time_t now)
{
	struct dbp	 q[] = { P_TIME(now - 86400) };
	struct dbp	 p[] = { P_STRN((const char *)hash, DB_HASH_LEN),
	    P_STR(tracking), P_STR(d->action), P_STR(d->body),
	    P_STR(d->choice), P_INT(d->public != 0), P_TIME(now) };
	int		 rc;

	if ((rc = db_run(db, SQL_DRAFT_PRUNE, q, 1, NULL, NULL)) != DB_OK)
		return rc;
	return db_run(db, SQL_DRAFT_INSERT, p, NELEM(p), NULL, NULL);
}

int
db_draft_take(struct db *db, const unsigned char hash[DB_HASH_LEN],
    const char *tracking, time_t since, struct db_draft *d)
{
	struct dbr	 r[] = { R_STR(d->action), R_STR(d->body),
	    R_STR(d->choice), R_I32(&d->public) };
	struct dbp	 p[] = { P_STRN((const char *)hash, DB_HASH_LEN),
	    P_STR(tracking), P_TIME(since) };
	int		 rc;

	memset(d, 0, sizeof(*d));
	if ((rc = db_one(db, SQL_DRAFT_GET, p, NELEM(p), r, NELEM(r))) !=
	    DB_OK)
		return rc;
	return db_run(db, SQL_DRAFT_DELETE, p, 1, NULL, NULL);
}

int
db_request_act(struct db *db, const struct db_request_full *f,
    const struct db_act *a)
{
	struct flow_req	 fq;
	struct row	 w;
	const char	*text = a->text != NULL ? a->text : "";
	time_t		 due;
	int		 to, rc, pub;
	long long	 event = 0;

	db_flow_req(f, &fq);
	fq.home = a->actor->scope.level;
	if ((to = flow_next(&fq, a->action, a->actor->role)) < 0 ||
	    a->version != f->pub.version)
		return DB_CONFLICT;
	/* Staff choose a reason but 群众撤回, which only ACT_WITHDRAW sets. */
	if (a->action == ACT_REJECT && (unsigned)a->reason >= REJECT_BY_STAFF)
		return DB_ERROR;
	if (a->action == ACT_ASSIGN && (rc = assignee_ok(db, f,
	    a->assignee_kind, a->assignee_id, a->now)) != DB_OK)
		return rc;
	row_load(f, &fq, &w);
	w.state = to;
	if ((rc = db_resolve_due(db, f->pub.category_id, a->action, a->now,
	    w.resolve_due, &due)) != DB_OK)
		return rc;
	row_apply(&w, a, due);
	/*
	 * Residents see every state change; its text, and a note, only
	 * when the writer marked it for them, except a resolution and a
	 * rejection's reason, which are the answer they are owed (their
	 * forms say so).  A withdrawal's note (who asked, how) is for
	 * staff: the resident's timeline shows the step without it.
	 */
	pub = a->action == ACT_RESOLVE || a->action == ACT_REJECT ? 1 :
	    a->action == ACT_WITHDRAW ? 0 : a->public;

	struct dbp	 e[] = { P_INT(f->pub.id), P_TIME(a->now),
	    P_STR(word_actor[ACTOR_STAFF].code), P_INT(a->actor->id),
	    P_STR(word_action[a->action].code), P_STR(f->pub.state),
	    P_STR(word_state[to].code), P_STR(word_level[w.level].code),
	    P_INT(pub), P_STR(text) };
	char		 detail[64];

	snprintf(detail, sizeof(detail), "%s -> %s", f->pub.state,
	    word_state[to].code);
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = row_write(db, f->pub.id, a->version, &w)) == DB_OK &&
	    (rc = act_message(db, f, a)) == DB_OK &&
	    (rc = db_run(db, SQL_EVENT_INSERT, e, NELEM(e), NULL, &event)) ==
	    DB_OK && (a->nphotos == 0 || (rc = db_photos_store(db, f->pub.id,
	    event, a->photos, a->nphotos, a->now)) == DB_OK) &&
	    (rc = note_kind_set(db, a, event)) == DB_OK)
		rc = db_audit(db, a->actor->id, a->actor->username,
		    word_action[a->action].code, f->pub.tracking, detail,
		    a->addr, a->now);
	return db_tx_end(db, rc);
}
