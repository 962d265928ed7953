/*
 * Service requests: creation with its one-time form token, reading by
 * tracking number, the public timeline, the resident's rating.
 */
#include <string.h>

#include <sodium.h>

#include "dbint.h"

const char *const db_rating_names[DB_RATE__MAX] = {
	"satisfied",	/* DB_RATE_SATISFIED */
	"basically",	/* DB_RATE_BASICALLY */
	"unsatisfied",	/* DB_RATE_UNSATISFIED */
};

static const char tracking_alphabet[] = DB_TRACKING_ALPHABET;

static void
new_tracking(char out[DB_TRACKING_LEN + 1])
{
	size_t	 i;

	for (i = 0; i < DB_TRACKING_LEN; i++)
		out[i] = tracking_alphabet[randombytes_uniform(
		    sizeof(tracking_alphabet) - 1)];
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

/*
 * One statement stores the request, checking its category and place on
 * the way; its triggers add the "submitted" event and the figures, and
 * it commits by itself (migration 0008).  The form token's unique key
 * turns a repost into a conflict, answered with the tracking number the
 * first post got.
 */
int
db_request_create(struct db *db, const struct db_request_new *n,
    enum db_create_rc *crc, char tracking[DB_TRACKING_LEN + 1])
{
	long long	 added;
	int		 rc, tries;

	for (tries = 0; tries < 5; tries++) {
		new_tracking(tracking);
		struct dbp p[] = {
			P_STR(tracking),
			n->form_token ? P_STRN((const char *)n->form_token,
			    DB_TOKEN_LEN) : P_NULL,
			P_STR(n->address), P_STR(n->description),
			n->has_coords ? P_DBL((double)n->lat / 1e6) : P_NULL,
			n->has_coords ? P_DBL((double)n->lng / 1e6) : P_NULL,
			P_STR(n->name), P_STR(n->phone), P_STR(n->source),
			P_TIME(n->now), P_TIME(n->now), P_TIME(n->now),
			P_INT(n->grid_id ? n->grid_id : n->community_id),
			P_INT(n->category_id), P_INT(n->community_id),
			P_INT(n->grid_id ? 4 : 3),
		};

		added = 0;
		rc = db_run(db, SQL_REQUEST_INSERT, p, NELEM(p), &added, NULL);
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
	}
	return DB_ERROR;
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
	    R_STR(e.to_state), R_STR(e.level), R_STR(e.body) };
	struct dbp	 p[] = { P_INT(id) };

	return db_rows(db, SQL_EVENTS_PUBLIC, p, NELEM(p), r, NELEM(r), &e,
	    sizeof(e), out, max, n);
}

int
db_request_rate(struct db *db, const struct db_request *q,
    enum db_rating rating, const char *comment, int reopen, time_t now)
{
	long long	 n = 0;
	int		 rc;
	bool		 back = reopen && rating == DB_RATE_UNSATISFIED &&
	    q->reopen_count == 0;
	const char	*name = db_rating_names[rating];
	struct flow_req	 fq = { .state = ST_RESOLVED, .level = LV_COMMUNITY,
	    .reopen_count = q->reopen_count };

	/* The transition table decides; the statements re-check it. */
	if (strcmp(q->state, "resolved") != 0 || q->rating[0] != '\0' ||
	    flow_next(&fq, back ? ACT_REOPEN : ACT_RATE, ROLE_RESIDENT) < 0)
		return DB_CONFLICT;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if (back) {
		struct dbp p[] = { P_INT(q->id), P_INT(q->version) };

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
		struct dbp e[] = { P_INT(q->id), P_TIME(now), P_STR("resident"),
		    P_NULL, P_STR("rate"), P_STR("resolved"),
		    P_STR(back ? "resolved" : "closed"), P_STR(q->level),
		    P_INT(1), P_STR(comment ? comment : "") };

		rc = db_run(db, SQL_EVENT_INSERT, e, NELEM(e), NULL, NULL);
	}
	if (rc == DB_OK && back) {
		struct dbp e[] = { P_INT(q->id), P_TIME(now), P_STR("resident"),
		    P_NULL, P_STR("reopen"), P_STR("resolved"),
		    P_STR("accepted"), P_STR(q->level), P_INT(1),
		    P_STR("群众不满意，退回重办") };

		rc = db_run(db, SQL_EVENT_INSERT, e, NELEM(e), NULL, NULL);
	}
	return db_tx_end(db, rc);
}
