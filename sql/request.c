/*
 * Service requests: creation with its one-time form token, reading by
 * tracking number, the public timeline, the resident's rating.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "dbint.h"
#include "log.h"
#include "outbox.h"

static const char tracking_alphabet[] = DB_TRACKING_ALPHABET;

/* Eight characters drawn evenly from the alphabet: a byte below the
 * largest multiple of its length maps onto it, others are drawn again.
 * One read of the system's generator, not one per character. */
static void
new_tracking(char out[DB_TRACKING_LEN + 1])
{
	const unsigned	 n = sizeof(tracking_alphabet) - 1;
	unsigned char	 r[4 * DB_TRACKING_LEN];
	size_t		 i = 0, j = sizeof(r);

	while (i < DB_TRACKING_LEN) {
		if (j == sizeof(r)) {
			randombytes_buf(r, sizeof(r));
			j = 0;
		}
		if (r[j] < 256 - 256 % n)
			out[i++] = tracking_alphabet[r[j] % n];
		j++;
	}
	out[DB_TRACKING_LEN] = '\0';
}

int
db_category_get(struct db *db, int id, struct db_category *c)
{
	struct dbr	 r[] = { CATEGORY_R(c) };
	struct dbp	 p[] = { P_INT(id) };

	return db_one(db, SQL_CATEGORY_GET, p, NELEM(p), r, NELEM(r));
}

int
db_region_get(struct db *db, int id, struct db_region *g, int anc[4])
{
	struct dbr	 r[] = { R_I32(&g->id), R_I32(&g->parent_id),
	    R_I32(&g->level), R_STR(g->code), R_STR(g->name), R_I32(&anc[0]),
	    R_I32(&anc[1]), R_I32(&anc[2]) };
	struct dbp	 p[] = { P_INT(id) };
	int		 rc;

	if ((rc = db_one(db, SQL_REGION_GET, p, NELEM(p), r, NELEM(r))) != DB_OK)
		return rc;
	anc[3] = g->level == 4 ? g->id : 0;
	return DB_OK;
}

static int
by_token(struct db *db, const unsigned char *tok, char tracking[])
{
	char		 t[DB_TRACKING_LEN + 1];
	struct dbr	 r[] = { R_STR(t) };
	struct dbp	 p[] = { P_STRN((const char *)tok, DB_TOKEN_LEN) };
	int		 rc;

	if ((rc = db_one(db, SQL_REQUEST_BY_TOKEN, p, NELEM(p), r, NELEM(r))) != DB_OK)
		return rc;
	memcpy(tracking, t, sizeof(t));
	return DB_OK;
}

/*
 * Why an insert stored nothing: a category that is not active, or else a
 * place that is not a grid (or the community itself) of the community.
 */
static int
bad_input(struct db *db, const struct db_request_new *n,
    enum db_create_rc *crc)
{
	struct db_category cat;
	int		 rc;

	rc = db_category_get(db, n->category_id, &cat);
	if (rc != DB_OK && rc != DB_NOTFOUND)
		return rc;
	*crc = rc == DB_NOTFOUND ? DB_CREATE_BAD_CATEGORY : DB_CREATE_BAD_PLACE;
	return DB_OK;
}

/* The SQL_POST_COLS parameters of n's row (POST_INTO in sqls.c). */
static void
post_row(const struct db_request_new *n, const char *tracking,
    struct dbp *p)
{
	*p++ = P_STR(tracking);
	*p++ = n->form_token ? P_STRN((const char *)n->form_token,
	    DB_TOKEN_LEN) : P_NULL;
	*p++ = P_STR(n->address);
	*p++ = P_STR(n->description);
	*p++ = n->has_coords ? P_DBL((double)n->lat / 1e6) : P_NULL;
	*p++ = n->has_coords ? P_DBL((double)n->lng / 1e6) : P_NULL;
	*p++ = P_STR(n->name);
	*p++ = P_STR(n->phone);
	*p++ = P_STR(n->source);
	*p++ = P_TIME(n->now);
	*p++ = P_INT(n->grid_id ? n->grid_id : n->community_id);
	*p++ = P_INT(n->category_id);
	*p++ = P_INT(n->community_id);
	*p = P_INT(n->grid_id ? 4 : 3);
}

/* Writes of one post before it gives up (each race lost waits longer). */
#define POST_TRIES	12

/* Wait before try tries + 1 of a post that lost a race: up to 2^tries
 * ms (at most 64), spread by the random tracking number just tried, so
 * the posts that collided do not collide again. */
static void
conflict_pause(int tries, const char *tracking)
{
	long		 span = 1L << (tries < 6 ? tries : 6);
	long		 us = (long)(unsigned char)tracking[1] * 7919 %
	    (span * 1000);
	struct timespec	 ts = { us / 1000000, us % 1000000 * 1000 };

	nanosleep(&ts, NULL);
}

/*
 * A post alone: one statement stores the request, checking its category
 * and place on the way; its triggers add the "submitted" event and the
 * figures, and it commits by itself (migration 0008).  The form token's
 * unique key turns a repost into a conflict, answered with the tracking
 * number the first post got.
 */
static int	 request_insert(struct db *, const struct db_request_new *,
		    enum db_create_rc *, char [DB_TRACKING_LEN + 1], int);

int
db_request_insert(struct db *db, const struct db_request_new *n,
    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1])
{
	return request_insert(db, n, crc, tracking, POST_TRIES);
}

/*
 * Insert the request n, trying up to tries times when it loses a write
 * race.  Inside a caller's transaction tries is 1: a deadlock or a lost
 * certification rolls the whole transaction back, so the caller must
 * write all of it again (DB_CONFLICT), never this row alone.
 */
static int
request_insert(struct db *db, const struct db_request_new *n,
    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1], int most)
{
	long long	 added;
	int		 rc, tries;

	for (tries = 0; tries < most; tries++) {
		struct dbp p[SQL_POST_COLS];

		new_tracking(tracking);
		post_row(n, tracking, p);
		added = 0;
		rc = db_run(db, SQL_REQUEST_INSERT, p, SQL_POST_COLS, &added,
		    NULL);
		if (rc == DB_OK && added == 0)
			return bad_input(db, n, crc);
		if (rc == DB_OK) {
			*crc = DB_CREATE_NEW;
			return DB_OK;
		}
		if (rc != DB_CONFLICT)
			return rc;
		/* A duplicate: the same form posted again or at once, or a
		 * tracking number already in use (then try another). */
		if (n->form_token != NULL &&
		    (rc = by_token(db, n->form_token, tracking)) !=
		    DB_NOTFOUND) {
			if (rc == DB_OK)
				*crc = DB_CREATE_REPEAT;
			return rc;
		}
		/* Otherwise a lost race: a deadlock, or a Galera
		 * certification failure (another node wrote the same
		 * summary rows first).  Safe to write again: the token's
		 * unique key keeps one row. */
		if (most == 1)
			return DB_CONFLICT;
		conflict_pause(tries, tracking);
	}
	log_warn("db: a post lost %d write races in a row", POST_TRIES);
	return DB_ERROR;
}

int
db_request_insert_tx(struct db *db, const struct db_request_new *n,
    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1])
{
	return request_insert(db, n, crc, tracking, 1);
}

/*
 * Posts written together.  When many residents post at once, each post
 * alone would be a transaction with its own commit and its own trigger
 * work.  Instead a post with a form token joins a queue, and a thread
 * that finds fewer than POST_WRITERS writers at work becomes one: it
 * takes what is queued (up to SQL_POST_BATCH posts, its own among them
 * or not) and writes it on its own connection; the next writer takes
 * what queued meanwhile.  So posts gather while writes are under way,
 * and a lone post is written alone at once.
 *
 * A batch is one transaction: one INSERT of every row, one call adding
 * their events and figures (migration 0009), one durable commit.  A
 * writer gives its turn up once the statements are done and then waits
 * for its commit, so that commits overlap the next batches' work.  No
 * answer is given before its batch's commit.  What a batch does not
 * settle (a bad category or place, a tracking number taken, a failed
 * batch) its writer then writes alone, post by post.  Two writers keep
 * the database busy while each waits on the network; their summary rows
 * are apart (slots, migration 0008).
 */
#define POST_WRITERS 2

struct post {
	const struct db_request_new *n;
	struct post	*next;
	char		 tracking[DB_TRACKING_LEN + 1];
	enum db_create_rc crc;
	int		 rc;
	bool		 done;		/* answered */
	pthread_cond_t	 cv;		/* its thread waits on it */
};

static struct {
	pthread_mutex_t	 mu;
	struct post	*head, **tail;	/* the queue */
	int		 writing;	/* writers at their statements */
	uint64_t	 batches;	/* batches committed ... */
	uint64_t	 rows;		/* ... and the requests they stored */
} posts = { PTHREAD_MUTEX_INITIALIZER, NULL, &posts.head, 0, 0, 0 };

void
db_post_counts(uint64_t *batches, uint64_t *rows)
{
	pthread_mutex_lock(&posts.mu);
	*batches = posts.batches;
	*rows = posts.rows;
	pthread_mutex_unlock(&posts.mu);
}

/* A batch being written.  Its posts' answers (crc, tracking) are
 * written as found; they hold once the batch commits. */
struct batch {
	struct post	*p[SQL_POST_BATCH];
	size_t		 k;
	size_t		 added;		/* requests it stored */
	bool		 ok[SQL_POST_BATCH];	/* settled by the batch */
};

/* A row the batch's tokens found. */
struct found {
	long long	 id;
	char		 tracking[DB_TRACKING_LEN + 1];
	char		 token[DB_TOKEN_LEN + 1];
};

/* The rows of SQL_POSTS_INSERT: b's posts, then NULLs. */
static size_t
batch_params(struct batch *b, struct dbp *p, struct dbp *tok)
{
	size_t		 i, j, np = 0;

	for (i = 0; i < SQL_POST_BATCH; i++) {
		const struct db_request_new *n = i < b->k ? b->p[i]->n : NULL;

		if (n == NULL) {
			for (j = 0; j < SQL_POST_COLS; j++)
				p[np++] = P_NULL;
			tok[i] = P_NULL;
			continue;
		}
		new_tracking(b->p[i]->tracking);
		post_row(n, b->p[i]->tracking, p + np);
		tok[i] = p[np + 1];
		np += SQL_POST_COLS;
	}
	return np;
}

/*
 * Run b's statements in a transaction left open for the commit.  When
 * the INSERT stored every row, each post has its own; else each post's
 * row is found by its token: the row it stored (its tracking number, an
 * id this INSERT made) or the row a post of the same form made before.
 * On failure the transaction is rolled back.  Returns a db_rc.
 */
static int
batch_store(struct db *db, struct batch *b)
{
	struct dbp	 p[SQL_POST_BATCH * SQL_POST_COLS], tok[SQL_POST_BATCH];
	struct found	 f, rows[SQL_POST_BATCH];
	struct dbr	 r[] = { R_INT(&f.id), R_STR(f.tracking),
	    R_STR(f.token) };
	char		 tns[SQL_POST_BATCH * (DB_TRACKING_LEN + 3) + 3];
	char		*w = tns;
	long long	 stored = 0, first = 0;
	size_t		 i, j, nf = 0, np;
	bool		 bulk = false, all;
	int		 rc;

	np = batch_params(b, p, tok);
	if ((rc = db_tx_begin(db)) == DB_OK &&
	    (rc = db_run(db, SQL_POSTS_BULK, NULL, 0, NULL, NULL)) == DB_OK) {
		bulk = true;
		rc = db_run(db, SQL_POSTS_INSERT, p, np, &stored, &first);
	}
	all = stored == (long long)b->k;
	if (rc == DB_OK && !all)
		rc = db_rows(db, SQL_POSTS_FIND, tok, NELEM(tok), r, NELEM(r),
		    &f, sizeof(f), rows, NELEM(rows), &nf);
	if (rc == DB_OK) {
		*w++ = '[';
		for (i = 0; i < b->k; i++) {
			struct post *q = b->p[i];

			for (j = 0; !all && j < nf && memcmp(rows[j].token,
			    q->n->form_token, DB_TOKEN_LEN) != 0; j++)
				continue;
			if ((b->ok[i] = all || j < nf) == false)
				continue;
			if (all || (stored > 0 && rows[j].id >= first &&
			    strcmp(rows[j].tracking, q->tracking) == 0)) {
				q->crc = DB_CREATE_NEW;
				w += sprintf(w, "%s\"%s\"", b->added ? "," : "",
				    q->tracking);
				b->added++;
				continue;
			}
			q->crc = DB_CREATE_REPEAT;
			memcpy(q->tracking, rows[j].tracking, sizeof(q->tracking));
		}
		*w++ = ']';
		*w = '\0';
		struct dbp a[] = { P_STR(tns) };

		if ((rc = db_run(db, SQL_POSTS_ADDED, a, 1, NULL, NULL)) ==
		    DB_OK)
			bulk = false;
	}
	/* The session leaves bulk mode, or the connection goes. */
	if (bulk && db_run(db, SQL_POSTS_BULK_OFF, NULL, 0, NULL, NULL) !=
	    DB_OK)
		db_disconnect(db);
	if (rc != DB_OK)
		db_tx_rollback(db);
	return rc;
}

/* Take up to SQL_POST_BATCH posts off the queue (posts.mu held). */
static void
batch_take(struct batch *b)
{
	memset(b, 0, sizeof(*b));
	while (b->k < SQL_POST_BATCH && posts.head != NULL) {
		b->p[b->k++] = posts.head;
		posts.head = posts.head->next;
	}
	if (posts.head == NULL)
		posts.tail = &posts.head;
}

/* A writer's turn is free: the thread of the first post queued takes
 * it (posts.mu held). */
static void
turn_free(void)
{
	posts.writing--;
	if (posts.head != NULL)
		pthread_cond_signal(&posts.head->cv);
}

/* Write batch b (the writer's turn held) and answer its posts. */
static void
batch_write(struct db *db, struct batch *b)
{
	size_t		 i;
	int		 rc = DB_ERROR;

	/* A lone post is written alone, the turn held meanwhile; a batch
	 * gives the turn up before its commit. */
	if (b->k > 1) {
		rc = batch_store(db, b);
		pthread_mutex_lock(&posts.mu);
		turn_free();
		pthread_mutex_unlock(&posts.mu);
	}
	if (rc != DB_OK || db_tx_commit(db) != DB_OK) {
		memset(b->ok, 0, sizeof(b->ok));
		b->added = 0;
	}
	for (i = 0; i < b->k; i++)
		b->p[i]->rc = b->ok[i] ? DB_OK : db_request_insert(db, b->p[i]->n,
		    &b->p[i]->crc, b->p[i]->tracking);
	pthread_mutex_lock(&posts.mu);
	if (b->added > 0) {
		posts.batches++;
		posts.rows += b->added;
	}
	for (i = 0; i < b->k; i++) {
		b->p[i]->done = true;
		pthread_cond_signal(&b->p[i]->cv);
	}
	if (b->k == 1)
		turn_free();
	pthread_mutex_unlock(&posts.mu);
}

int
db_request_create(struct db *db, const struct db_request_new *n,
    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1])
{
	struct post	 me;
	struct batch	 b;
	int		 rc, tries;

	/* A post with photos is a transaction of its own: on a Galera
	 * cluster its commit can lose certification to another node's
	 * (posts of the same photo touch its one row): nothing of it was
	 * written, so it is written again, as a lost race is below.  The
	 * token's unique key keeps one request. */
	for (tries = 0; n->nphotos > 0; tries++) {
		rc = db_request_create_photos(db, n, crc, tracking);
		if (rc != DB_CONFLICT || tries + 1 >= POST_TRIES) {
			if (rc == DB_CONFLICT)
				log_warn("db: a post with photos lost %d "
				    "write races in a row", POST_TRIES);
			return rc;
		}
		conflict_pause(tries, tracking);
	}
	if (n->form_token == NULL)
		return db_request_insert(db, n, crc, tracking);
	memset(&me, 0, sizeof(me));
	me.n = n;
	pthread_cond_init(&me.cv, NULL);
	pthread_mutex_lock(&posts.mu);
	*posts.tail = &me;
	posts.tail = &me.next;
	while (!me.done) {
		/* Not the writer's turn, or this post is in a batch. */
		if (posts.writing >= POST_WRITERS || posts.head == NULL) {
			pthread_cond_wait(&me.cv, &posts.mu);
			continue;
		}
		posts.writing++;
		batch_take(&b);
		pthread_mutex_unlock(&posts.mu);
		batch_write(db, &b);
		pthread_mutex_lock(&posts.mu);
	}
	pthread_mutex_unlock(&posts.mu);
	pthread_cond_destroy(&me.cv);
	*crc = me.crc;
	memcpy(tracking, me.tracking, sizeof(me.tracking));
	return me.rc;
}

int
db_request_get(struct db *db, const char *tracking, struct db_request *q)
{
	struct dbr	 r[] = { REQUEST_R(q) };
	struct dbp	 p[] = { P_STR(tracking) };

	return db_one(db, SQL_REQUEST_GET, p, NELEM(p), r, NELEM(r));
}

int
db_request_events(struct db *db, long long id, struct db_event *out,
    size_t max, size_t *n)
{
	struct db_event	 e = { 0 };
	struct dbr	 r[] = { R_TIME(&e.at), R_STR(e.action),
	    R_STR(e.to_state), R_STR(e.level), R_STR(e.who), R_STR(e.body) };
	struct dbp	 p[] = { P_INT(id) };

	return db_rows(db, SQL_EVENTS_PUBLIC, p, NELEM(p), r, NELEM(r), &e,
	    sizeof(e), out, max, n);
}

int
db_request_rate(struct db *db, const struct db_request *q,
    enum rating rating, const char *comment, int reopen, time_t now)
{
	long long	 n = 0;
	time_t		 due = 0;
	int		 rc;
	bool		 back = reopen && rating == RATE_UNSATISFIED &&
	    q->reopen_count == 0;
	const char	*name = word_rating[rating].code;
	const char	*resolved = word_state[ST_RESOLVED].code;
	const char	*resident = word_actor[ACTOR_RESIDENT].code;
	struct flow_req	 fq = { .state = ST_RESOLVED, .level = LV_COMMUNITY,
	    .reopen_count = q->reopen_count };

	/* The transition table decides; the statements re-check it. */
	if (strcmp(q->state, resolved) != 0 || q->rating[0] != '\0' ||
	    flow_next(&fq, back ? ACT_REOPEN : ACT_RATE, ROLE_RESIDENT) < 0)
		return DB_CONFLICT;
	/* Rework gets a fresh time limit (domain/flow.h, sql/workday.c). */
	if (back && (rc = db_resolve_due(db, q->category_id, ACT_REOPEN, now,
	    q->resolve_due, &due)) != DB_OK)
		return rc;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if (back) {
		struct dbp p[] = { P_TIME(due), P_INT(q->id),
		    P_INT(q->version) };

		rc = db_run(db, SQL_REQUEST_REOPEN, p, NELEM(p), &n, NULL);
	} else {
		struct dbp p[] = { P_STR(name), P_TIME(now),
		    comment && *comment ? P_STR(comment) : P_NULL,
		    P_TIME(now), P_INT(q->id), P_INT(q->version) };

		rc = db_run(db, SQL_REQUEST_RATE, p, NELEM(p), &n, NULL);
	}
	if (rc == DB_OK && n != 1)
		rc = DB_CONFLICT;
	if (rc == DB_OK) {
		struct dbp e[] = { P_INT(q->id), P_TIME(now), P_STR(resident),
		    P_NULL, P_STR(word_action[ACT_RATE].code), P_STR(resolved),
		    P_STR(back ? resolved : word_state[ST_CLOSED].code),
		    P_STR(q->level), P_INT(1), P_STR(comment ? comment : "") };

		rc = db_run(db, SQL_EVENT_INSERT, e, NELEM(e), NULL, NULL);
	}
	if (rc == DB_OK && back) {
		struct dbp e[] = { P_INT(q->id), P_TIME(now), P_STR(resident),
		    P_NULL, P_STR(word_action[ACT_REOPEN].code),
		    P_STR(resolved), P_STR(word_state[ST_ACCEPTED].code),
		    P_STR(q->level), P_INT(1), P_STR("群众不满意，退回重办") };

		rc = db_run(db, SQL_EVENT_INSERT, e, NELEM(e), NULL, NULL);
	}
	if (rc == DB_OK && back)
		rc = db_outbox_request(db, OB_REOPENED, q->id, q->version + 1,
		    q->tracking, "", now);
	return db_tx_end(db, rc);
}
