/*
 * Departments and summons in the database (街乡吹哨、部门报到): which
 * departments a request can be summoned to, issuing summons, a
 * department's report and answer, and the departments' figures.  The
 * rules are domain/summons.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dbint.h"
#include "log.h"
#include "summons.h"

#define UNIT_R(u) \
	R_I32(&(u)->id), R_STR((u)->name), R_I32(&(u)->region_id), \
	R_STR((u)->region), R_I32(&(u)->response_hours), \
	R_I32(&(u)->resolve_days), R_I32(&(u)->resolve_workdays)

int
db_dept_units(struct db *db, const struct db_request_full *f,
    struct db_unit *out, size_t max, size_t *n)
{
	struct db_unit	 u = { 0 };
	struct dbr	 r[] = { UNIT_R(&u) };
	struct flow_req	 q;
	int		 street = 0, district = 0;

	*n = 0;
	db_flow_req(f, &q);
	switch (summons_unit_level(q.level)) {
	case REGION_STREET:
		street = f->ids[1];
		break;
	case REGION_DISTRICT:
		district = f->ids[0];
		break;
	default:
		return DB_OK;
	}
	struct dbp	 p[] = { P_INT(street ? street : district),
	    P_INT(district), P_INT(district) };

	return db_rows(db, SQL_DEPT_UNITS, p, NELEM(p), r, NELEM(r), &u,
	    sizeof(u), out, max, n);
}

int
db_dept_unit_get(struct db *db, int id, struct db_unit *u)
{
	struct dbr	 r[] = { UNIT_R(u) };
	struct dbp	 p[] = { P_INT(id) };

	memset(u, 0, sizeof(*u));
	return db_one(db, SQL_DEPT_UNIT_GET, p, 1, r, NELEM(r));
}

#define SUMMONS_R(s) \
	R_INT(&(s)->id), R_INT(&(s)->request_id), R_STR((s)->tracking), \
	R_I32(&(s)->unit_id), R_STR((s)->unit), R_STR((s)->unit_region), \
	R_STR((s)->reason), R_TIME(&(s)->issued_at), \
	R_TIME(&(s)->response_due), R_TIME(&(s)->resolve_due), \
	R_TIME(&(s)->accepted_at), R_TIME(&(s)->answered_at), \
	R_STR((s)->answer), R_ENUM(&(s)->state, word_summons, SM__MAX), \
	R_STR((s)->category), R_STR((s)->community), R_STR((s)->address), \
	R_STR((s)->description), R_STR((s)->rq_state), R_STR((s)->rq_level), \
	R_STR((s)->rq_reason)

int
db_summons_of_request(struct db *db, long long request_id,
    struct db_summons *out, size_t max, size_t *n)
{
	struct db_summons s = { 0 };
	struct dbr	 r[] = { SUMMONS_R(&s) };
	struct dbp	 p[] = { P_INT(request_id) };

	return db_rows(db, SQL_SUMMONS_OF_REQUEST, p, 1, r, NELEM(r), &s,
	    sizeof(s), out, max, n);
}

int
db_summons_of_unit(struct db *db, int unit_id, int open_only,
    long long offset, struct db_summons *out, size_t max, size_t *n)
{
	struct db_summons s = { 0 };
	struct dbr	 r[] = { SUMMONS_R(&s) };
	struct dbp	 p[] = { P_INT(unit_id), P_INT(open_only != 0),
	    P_INT(max), P_INT(offset) };

	return db_rows(db, SQL_SUMMONS_OF_UNIT, p, NELEM(p), r, NELEM(r), &s,
	    sizeof(s), out, max, n);
}

int
db_summons_get(struct db *db, long long id, struct db_summons *s)
{
	struct dbr	 r[] = { SUMMONS_R(s) };
	struct dbp	 p[] = { P_INT(id) };

	memset(s, 0, sizeof(*s));
	return db_one(db, SQL_SUMMONS_GET, p, 1, r, NELEM(r));
}

int
db_summons_open_count(struct db *db, int unit_id, long long *open,
    long long *issued)
{
	struct dbr	 r[] = { R_INT(open), R_INT(issued) };
	struct dbp	 p[] = { P_INT(unit_id) };

	return db_one(db, SQL_SUMMONS_OPEN_COUNT, p, 1, r, NELEM(r));
}

/* A summons step's event: public, the state kept, the body naming the
 * unit(s), never a person. */
static int
summons_event(struct db *db, const struct db_request_full *f,
    enum rq_event ev, const struct db_user *actor, const char *body,
    time_t now)
{
	struct dbp	 e[] = { P_INT(f->pub.id), P_TIME(now),
	    P_STR(word_actor[ACTOR_STAFF].code), P_INT(actor->id),
	    P_STR(word_action[ev].code), P_STR(f->pub.state),
	    P_STR(f->pub.state), P_STR(f->pub.level), P_INT(1), P_STR(body) };

	return db_run(db, SQL_EVENT_INSERT, e, NELEM(e), NULL, NULL);
}

/*
 * The resolve limits of summons to units u[0..n-1] issued at now, by the
 * holiday calendar for the units counting working days (issue 19 point
 * 4; the calendar read once, only when one of them does).  A db_rc.
 */
static int
summons_dues(struct db *db, const struct db_unit *const *u, size_t n,
    time_t now, time_t *due)
{
	struct wd_cal	*cal = NULL;
	size_t		 i;
	int		 miss = 0, rc;

	for (i = 0; i < n && cal == NULL; i++)
		if (u[i]->resolve_workdays) {
			if ((cal = malloc(sizeof(*cal))) == NULL)
				return DB_ERROR;
			if ((rc = db_calendar_load(db, cal)) != DB_OK) {
				free(cal);
				return rc;
			}
		}
	for (i = 0; i < n; i++)
		due[i] = summons_resolve_due(cal, u[i]->resolve_workdays ?
		    WD_WORKDAYS : WD_DAYS, now, u[i]->resolve_days, &miss);
	if (miss != 0)
		log_warn("holiday calendar missing for %d: a department's time "
		    "limit counted Monday to Friday there", miss);
	free(cal);
	return DB_OK;
}

int
db_summons_issue(struct db *db, const struct db_request_full *f,
    long long version, const struct db_user *actor, const int *units,
    size_t n, const char *reason, const char *addr, time_t now)
{
	struct db_unit	 can[200];
	const struct db_unit *pick[200];
	time_t		 due[200];
	struct flow_req	 q;
	char		 body[2000], detail[64];
	size_t		 ncan, i, k, len = 0;
	int		 rc;

	db_flow_req(f, &q);
	q.home = actor->scope.level;
	if (version != f->pub.version || !summons_may_issue(&q, actor->role))
		return DB_CONFLICT;
	if (n == 0 || n > 200)
		return DB_NOTFOUND;
	if ((rc = db_dept_units(db, f, can, 200, &ncan)) != DB_OK)
		return rc;
	/* Each unit one the request can go to, and named once. */
	for (i = 0; i < n; i++) {
		for (k = 0; k < ncan && can[k].id != units[i]; k++)
			continue;
		if (k == ncan)
			return DB_NOTFOUND;
		pick[i] = &can[k];
		for (k = 0; k < i; k++)
			if (pick[k] == pick[i])
				return DB_NOTFOUND;
	}
	body[0] = '\0';
	for (i = 0; i < n; i++) {
		int w = snprintf(body + len, sizeof(body) - len, "%s%s（%s）",
		    i ? "、" : "", pick[i]->name, pick[i]->region);

		if (w < 0 || (size_t)w >= sizeof(body) - len)
			break;
		len += (size_t)w;
	}
	snprintf(detail, sizeof(detail), "%zu units", n);
	if ((rc = summons_dues(db, pick, n, now, due)) != DB_OK)
		return rc;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	for (i = 0; i < n && rc == DB_OK; i++) {
		struct dbp p[] = { P_INT(f->pub.id), P_INT(pick[i]->id),
		    P_INT(actor->id), P_TIME(now), P_STR(reason),
		    P_TIME(summons_response_due(now, pick[i]->response_hours)),
		    P_TIME(due[i]) };

		rc = db_run(db, SQL_SUMMONS_INSERT, p, NELEM(p), NULL, NULL);
	}
	if (rc == DB_OK)
		rc = summons_event(db, f, EV_SUMMON, actor, body, now);
	if (rc == DB_OK)
		rc = db_audit(db, actor->id, actor->username,
		    word_action[EV_SUMMON].code, f->pub.tracking, detail, addr,
		    now);
	return db_tx_end(db, rc);
}

int
db_summons_act(struct db *db, const struct db_summons *s,
    enum summons_action a, const struct db_user *actor, const char *text,
    const char *addr, time_t now)
{
	struct db_request_full *f;
	char		 body[101 * 4 + DB_NAME_MAX + 8], obj[64];
	long long	 changed = 0;
	int		 to, rc;

	if (actor->role != ROLE_DEPT || actor->unit_id == 0 ||
	    actor->unit_id != s->unit_id)
		return DB_NOTFOUND;
	if ((to = summons_next(s->state, a, actor->role)) < 0)
		return DB_CONFLICT;
	if ((f = calloc(1, sizeof(*f))) == NULL)
		return DB_ERROR;
	if ((rc = db_request_full(db, s->tracking, f)) != DB_OK)
		goto out;
	snprintf(body, sizeof(body), "%s（%s）", s->unit, s->unit_region);
	snprintf(obj, sizeof(obj), "%s/%lld", s->tracking, s->id);
	struct dbp	 pa[] = { P_TIME(now), P_INT(actor->id), P_INT(s->id) };
	struct dbp	 pb[] = { P_TIME(now), P_INT(actor->id),
	    P_STR(text != NULL ? text : ""), P_INT(s->id) };

	if ((rc = db_tx_begin(db)) != DB_OK)
		goto out;
	if (a == SMA_ACCEPT)
		rc = db_run(db, SQL_SUMMONS_ACCEPT, pa, NELEM(pa), &changed,
		    NULL);
	else
		rc = db_run(db, SQL_SUMMONS_ANSWER, pb, NELEM(pb), &changed,
		    NULL);
	if (rc == DB_OK && changed != 1)
		rc = DB_CONFLICT;
	if (rc == DB_OK)
		rc = summons_event(db, f, a == SMA_ACCEPT ? EV_REPORT :
		    EV_ANSWER, actor, body, now);
	if (rc == DB_OK)
		rc = db_audit(db, actor->id, actor->username,
		    word_action[a == SMA_ACCEPT ? EV_REPORT : EV_ANSWER].code,
		    obj, word_summons[to].code, addr, now);
	rc = db_tx_end(db, rc);
out:
	free(f);
	return rc;
}

int
db_dept_figures(struct db *db, const struct db_scope *sc, int from, int to,
    time_t now, struct db_dept_figures *total, struct db_dept_figures *out,
    size_t max, size_t *n)
{
	struct db_dept_figures d = { 0 };
	struct dbr	 r[] = { R_I32(&d.unit_id), R_STR(d.name),
	    R_STR(d.region), R_INT(&d.issued), R_INT(&d.in_time),
	    R_INT(&d.answered), R_INT(&d.ontime) };
	char		 f[DAY_LEN + 1], t[DAY_LEN + 1];
	size_t		 i;
	int		 rc;

	memset(total, 0, sizeof(*total));
	*n = 0;
	if (from > to)
		return DB_ERROR;
	day_format(from, f);
	day_format(to, t);
	struct dbp	 p[] = { P_STR(f), P_STR(t), P_TIME(now), P_STR(t),
	    SCOPE_P(sc) };

	if ((rc = db_rows(db, SQL_DEPT_FIGURES, p, NELEM(p), r, NELEM(r), &d,
	    sizeof(d), out, max, n)) != DB_OK)
		return rc;
	for (i = 0; i < *n; i++) {
		total->issued += out[i].issued;
		total->in_time += out[i].in_time;
		total->answered += out[i].answered;
		total->ontime += out[i].ontime;
	}
	return DB_OK;
}

int
db_demo_summons(struct db *db, int issuer, time_t until, long long *summons,
    long long *events)
{
	struct dbp	 p[] = { P_INT(issuer), P_TIME(until) };
	int		 rc;

	*summons = *events = 0;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_run(db, SQL_DEMO_SUMMONS, p, NELEM(p), summons, NULL)) ==
	    DB_OK)
		rc = db_run(db, SQL_DEMO_SUMMONS_EVENTS, NULL, 0, events, NULL);
	return db_tx_end(db, rc);
}
