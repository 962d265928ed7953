/*
 * Exports: request lists and rosters streamed row by row from the server
 * (db_stream) to the caller's callback.
 */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "day.h"
#include "dbint.h"

/* Names by id, sorted (SQL_EXPORT_NAMES): categories and regions. */
struct name {
	int	 kind;		/* 0 category, 1 region */
	int	 id;
	char	*name;
};

#define NAMES_BYID_MAX	(1 << 20)	/* ids looked up by index below */

struct names {
	struct name	*v;
	size_t		 n, cap;
	int		 kind, id;	/* the row being fetched */
	char		 name[DB_NAME_MAX];
	int		 oom;
	/* The names of kind k by id, when the ids are below NAMES_BYID_MAX
	 * (AUTO_INCREMENT: they are): every row of an export looks up four. */
	const char	**byid[2];
	int		 nbyid[2];
};

static int
names_row(void *arg)
{
	struct names	*t = arg;
	struct name	*v;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		if ((v = realloc(t->v, t->cap * sizeof(*v))) == NULL) {
			t->oom = 1;
			return -1;
		}
		t->v = v;
	}
	if ((t->v[t->n].name = strdup(t->name)) == NULL) {
		t->oom = 1;
		return -1;
	}
	t->v[t->n].kind = t->kind;
	t->v[t->n++].id = t->id;
	return 0;
}

/* Make the tables by id, where the ids allow; without one (or without
 * the memory for it) names_get searches. */
static void
names_index(struct names *t)
{
	size_t	 i;
	int	 k, max[2] = { -1, -1 };

	for (i = 0; i < t->n; i++)
		if (t->v[i].kind >= 0 && t->v[i].kind < 2 && t->v[i].id >= 0 &&
		    t->v[i].id > max[t->v[i].kind])
			max[t->v[i].kind] = t->v[i].id;
	for (k = 0; k < 2; k++)
		if (max[k] >= 0 && max[k] < NAMES_BYID_MAX &&
		    (t->byid[k] = calloc((size_t)max[k] + 1,
		    sizeof(*t->byid[k]))) != NULL)
			t->nbyid[k] = max[k] + 1;
	for (i = 0; i < t->n; i++)
		if (t->v[i].kind >= 0 && t->v[i].kind < 2 && t->v[i].id >= 0 &&
		    t->v[i].id < t->nbyid[t->v[i].kind])
			t->byid[t->v[i].kind][t->v[i].id] = t->v[i].name;
}

static void
names_free(struct names *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	free(t->byid[0]);
	free(t->byid[1]);
}

/* The name of (kind, id): "" when there is none (a request without a
 * grid). */
static const char *
names_get(const struct names *t, int kind, int id)
{
	size_t	 lo = 0, hi = t->n, mid;

	if (id >= 0 && id < t->nbyid[kind])
		return t->byid[kind][id] != NULL ? t->byid[kind][id] : "";
	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (t->v[mid].kind < kind || (t->v[mid].kind == kind &&
		    t->v[mid].id < id))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->v[lo].kind == kind && t->v[lo].id == id ?
	    t->v[lo].name : "";
}

struct req_stream {
	struct db_export_request q;
	int			 cat, street, community, grid;
	const struct names	*names;
	db_export_request_fn	 fn;
	void			*arg;
};

static int
req_row(void *arg)
{
	struct req_stream *s = arg;
	struct db_export_request *q = &s->q;

	q->category = names_get(s->names, 0, s->cat);
	q->street = names_get(s->names, 1, s->street);
	q->community = names_get(s->names, 1, s->community);
	q->grid = names_get(s->names, 1, s->grid);
	return s->fn(s->arg, q);
}

int
db_export_requests(struct db *db, const struct db_export_filter *f,
    db_export_request_fn fn, void *arg, long long *rows)
{
	struct req_stream *s;
	struct names	 t = { 0 };
	char		 from[DAY_LEN + 1], to[DAY_LEN + 1];
	long long	 n;
	int		 rc;

	*rows = 0;
	{
		struct dbr	 r[] = { R_I32(&t.kind), R_I32(&t.id),
		    R_STR(t.name) };

		rc = db_stream(db, SQL_EXPORT_NAMES, NULL, 0, r, NELEM(r),
		    names_row, &t, &n);
		if (rc == DB_OK && t.oom)
			rc = DB_ERROR;
		if (rc != DB_OK) {
			names_free(&t);
			return rc;
		}
		names_index(&t);
	}
	/* The row is large (descriptions): not on the thread's stack. */
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		names_free(&t);
		return DB_ERROR;
	}
	s->names = &t;
	s->fn = fn;
	s->arg = arg;
	day_format(f->from, from);
	day_format(f->to, to);
	{
		struct db_export_request *q = &s->q;
		struct dbp	 p[] = { SCOPE_P(&f->scope), P_STR(from),
		    P_STR(to), P_STR(f->state), P_STR(f->state),
		    P_INT(f->category_id), P_INT(f->category_id) };
		struct dbr	 r[] = { R_STR(q->tracking), R_STR(q->source),
		    R_I32(&s->cat), R_I32(&s->street), R_I32(&s->community),
		    R_I32(&s->grid), R_STR(q->address),
		    R_STR(q->description), R_STR(q->phone), R_STR(q->state),
		    R_STR(q->level), R_STR(q->max_level),
		    R_TIME(&q->received_at), R_TIME(&q->accepted_at),
		    R_TIME(&q->resolved_at), R_TIME(&q->closed_at),
		    R_TIME(&q->response_due), R_TIME(&q->resolve_due),
		    R_STR(q->rating), R_I32(&q->reopen_count),
		    R_STR(q->reject_reason) };

		rc = db_stream(db, SQL_EXPORT_REQUESTS, p, NELEM(p), r,
		    NELEM(r), req_row, s, rows);
	}
	free(s);
	names_free(&t);
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
