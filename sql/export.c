/*
 * Exports: request lists and rosters streamed row by row from the server
 * (db_stream) to the caller's callback.
 */
#include <stdlib.h>
#include <string.h>

#include "dbint.h"

struct req_stream {
	struct db_export_request q;
	db_export_request_fn	 fn;
	void			*arg;
};

static int
req_row(void *arg)
{
	struct req_stream *s = arg;

	return s->fn(s->arg, &s->q);
}

int
db_export_requests(struct db *db, const struct db_export_filter *f,
    db_export_request_fn fn, void *arg, long long *rows)
{
	struct req_stream *s;
	char		 from[DB_DATE_LEN + 1], to[DB_DATE_LEN + 1];
	int		 rc;

	/* The row is large (descriptions): not on the thread's stack. */
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return DB_ERROR;
	s->fn = fn;
	s->arg = arg;
	db_day_format(f->from, from);
	db_day_format(f->to, to);
	{
		struct db_export_request *q = &s->q;
		struct dbp	 p[] = { SCOPE_P(&f->scope), P_STR(from),
		    P_STR(to), P_STR(f->state), P_STR(f->state),
		    P_INT(f->category_id), P_INT(f->category_id) };
		struct dbr	 r[] = { R_STR(q->tracking), R_STR(q->source),
		    R_STR(q->category), R_STR(q->street),
		    R_STR(q->community), R_STR(q->grid), R_STR(q->address),
		    R_STR(q->description), R_STR(q->phone), R_STR(q->state),
		    R_STR(q->level), R_STR(q->max_level),
		    R_TIME(&q->received_at), R_TIME(&q->accepted_at),
		    R_TIME(&q->resolved_at), R_TIME(&q->closed_at),
		    R_TIME(&q->response_due), R_TIME(&q->resolve_due),
		    R_STR(q->rating), R_I32(&q->reopen_count) };

		rc = db_stream(db, SQL_EXPORT_REQUESTS, p, NELEM(p), r,
		    NELEM(r), req_row, s, rows);
	}
	free(s);
	return rc;
}

struct mem_stream {
	struct db_export_member	 x;
	db_export_member_fn	 fn;
	void			*arg;
};

static int
mem_row(void *arg)
{
	struct mem_stream *s = arg;

	return s->fn(s->arg, &s->x);
}

int
db_export_members(struct db *db, const struct db_scope *sc,
    db_export_member_fn fn, void *arg, long long *rows)
{
	struct mem_stream *s;
	int		 rc;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return DB_ERROR;
	s->fn = fn;
	s->arg = arg;
	{
		struct dbp	 p[] = { SCOPE_P(sc) };
		struct dbr	 r[] = { MEMBER_R(s->x.m), R_STR(s->x.street),
		    R_STR(s->x.community) };

		rc = db_stream(db, SQL_EXPORT_MEMBERS, p, NELEM(p), r,
		    NELEM(r), mem_row, s, rows);
	}
	free(s);
	return rc;
}
