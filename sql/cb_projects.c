/*
 * Co-building: joint projects (项目清单) with their milestones, joint
 * meetings (联席会议) with units present, agenda items and decisions
 * (sql/cblists.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbint.h"

#define PROJECT_R(x) \
	R_I32(&(x)->id), R_I32(&(x)->region_id), R_I32(&(x)->need_id), \
	R_I32(&(x)->lead_unit_id), \
	R_ENUM(&(x)->state, word_project, PRJ__MAX), \
	R_I32(&(x)->ids[0]), R_I32(&(x)->ids[1]), R_I32(&(x)->ids[2]), \
	R_I32(&(x)->ms_total), R_I32(&(x)->ms_done), R_INT(&(x)->version), \
	R_STR((x)->region), R_STR((x)->unit), R_STR((x)->title), \
	R_STR((x)->plan), R_STR((x)->result), R_TIME(&(x)->created_at), \
	R_TIME(&(x)->closed_at)

#define MEETING_R(x) \
	R_I32(&(x)->id), R_I32(&(x)->region_id), \
	R_ENUM(&(x)->kind, word_meeting, MTG__MAX), \
	R_I32(&(x)->ids[0]), R_I32(&(x)->ids[1]), R_I32(&(x)->ids[2]), \
	R_INT(&(x)->dec_total), R_INT(&(x)->dec_done), R_STR((x)->region), \
	R_STR((x)->held_on), R_STR((x)->title), R_STR((x)->place), \
	R_STR((x)->minutes)

#define DECISION_R(x) \
	R_I32(&(x)->id), R_I32(&(x)->meeting_id), R_I32(&(x)->item_id), \
	R_I32(&(x)->owner_unit_id), \
	R_ENUM(&(x)->state, word_decision, DEC__MAX), \
	R_I32(&(x)->ids[0]), R_I32(&(x)->ids[1]), R_I32(&(x)->ids[2]), \
	R_INT(&(x)->version), R_STR((x)->text), R_STR((x)->owner), \
	R_STR((x)->due_on), R_STR((x)->note), R_STR((x)->meeting), \
	R_STR((x)->held_on), R_STR((x)->region), R_TIME(&(x)->done_at)

/* ---- projects -------------------------------------------------------- */

static int
project_rows(struct db *db, enum sql id, const struct dbp *p, size_t np,
    struct db_project *out, size_t max, size_t *n)
{
	struct db_project *row;
	int		 rc;

	if ((row = calloc(1, sizeof(*row))) == NULL)
		return DB_ERROR;
	struct dbr	 r[] = { PROJECT_R(row) };

	rc = db_rows(db, id, p, np, r, NELEM(r), row, sizeof(*row), out, max,
	    n);
	free(row);
	return rc;
}

int
db_projects(struct db *db, const struct db_scope *sc,
    const struct db_cb_filter *f, struct db_project *out, size_t max,
    size_t *n)
{
	const char	*st = f->state >= 0 && f->state < PRJ__MAX ?
	    word_project[f->state].code : "";
	struct dbp	 p[] = { SCOPE3_P(sc), P_STR(st), P_STR(st),
	    P_INT(f->region_id), P_INT(f->region_id), P_INT((long long)max) };

	return project_rows(db, SQL_CB_PROJECTS, p, NELEM(p), out, max, n);
}

int
db_projects_of_unit(struct db *db, int unit_id, struct db_project *out,
    size_t max, size_t *n)
{
	struct dbp	 p[] = { P_INT(unit_id), P_INT((long long)max) };

	return project_rows(db, SQL_CB_PROJECTS_OF_UNIT, p, NELEM(p), out, max,
	    n);
}

int
db_project_get(struct db *db, int id, struct db_project *x)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { PROJECT_R(x) };

	return db_one(db, SQL_CB_PROJECT_GET, p, NELEM(p), r, NELEM(r));
}

int
db_milestones(struct db *db, int project_id, struct db_milestone *out,
    size_t max, size_t *n)
{
	struct db_milestone x;
	struct dbp	 p[] = { P_INT(project_id), P_INT((long long)max) };
	struct dbr	 r[] = { R_I32(&x.id), R_I32(&x.position),
	    R_STR(x.title), R_STR(x.due_on), R_STR(x.note),
	    R_TIME(&x.done_at) };

	memset(&x, 0, sizeof(x));
	return db_rows(db, SQL_CB_MILESTONES, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

int
db_project_create(struct db *db, const struct db_user *u, int region_id,
    int unit_id, const char *title, const char *plan, const char *addr,
    time_t now, int *id)
{
	struct dbp	 p[] = { P_INT(region_id), P_NULL, P_INT(unit_id),
	    P_STR(title), P_STR(plan), P_INT(u->id), P_TIME(now) };

	return cb_create(db, u, SQL_CB_PROJECT_INSERT, p, NELEM(p),
	    AUD_CB_PROJECT, "project", "", addr, now, id);
}

/* The project at version, still open, bumped (and started when start):
 * DB_CONFLICT when it changed.  Inside the caller's transaction. */
static int
bump(struct db *db, const struct db_project *x, long long version, int start)
{
	struct dbp	 p[] = { P_INT(start != 0), P_INT(x->id),
	    P_INT(version) };

	return cb_one_row(db, SQL_CB_PROJECT_BUMP, p, NELEM(p));
}

int
db_milestone_add(struct db *db, const struct db_user *u,
    const struct db_project *x, long long version, int position,
    const char *title, const char *due, const char *addr, time_t now)
{
	struct dbp	 p[] = { P_INT(x->id), P_INT(position), P_INT(position),
	    P_STR(title), P_STR(due), P_INT(x->id) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = bump(db, x, version, 0)) == DB_OK)
		rc = db_run(db, SQL_CB_MILESTONE_INSERT, p, NELEM(p), NULL,
		    NULL);
	if (rc == DB_OK)
		rc = cb_audit(db, u, AUD_CB_PROJECT, "project", x->id,
		    "milestone added", addr, now);
	return db_tx_end(db, rc);
}

int
db_milestone_done(struct db *db, const struct db_user *u,
    const struct db_project *x, long long version, int milestone_id,
    const char *note, const char *addr, time_t now)
{
	struct dbp	 p[] = { P_TIME(now), P_INT(u->id), P_STR(note),
	    P_INT(milestone_id), P_INT(x->id) };
	char		 detail[32];
	int		 rc;

	snprintf(detail, sizeof(detail), "milestone %d", milestone_id);
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = bump(db, x, version, 1)) == DB_OK)
		rc = cb_one_row(db, SQL_CB_MILESTONE_DONE, p, NELEM(p));
	if (rc == DB_OK)
		rc = cb_audit(db, u, AUD_CB_MILESTONE, "project", x->id, detail,
		    addr, now);
	return db_tx_end(db, rc);
}

int
db_project_start(struct db *db, const struct db_user *u,
    const struct db_project *x, long long version, const char *addr,
    time_t now)
{
	int	 rc;

	if (x->state != PRJ_PLANNING)
		return DB_CONFLICT;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = bump(db, x, version, 1)) == DB_OK)
		rc = cb_audit(db, u, AUD_CB_PROJECT, "project", x->id,
		    "started", addr, now);
	return db_tx_end(db, rc);
}

int
db_project_close(struct db *db, const struct db_user *u,
    const struct db_project *x, long long version, int to, const char *result,
    const char *addr, time_t now)
{
	struct dbp	 p[] = { P_STR(word_project[to].code),
	    P_STR(result != NULL ? result : ""), P_TIME(now), P_INT(x->id),
	    P_INT(version) };
	struct dbp	 pn[] = { P_TIME(now), P_INT(x->need_id) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = cb_one_row(db, SQL_CB_PROJECT_CLOSE, p, NELEM(p));
	/* Its need is done with it, in the same transaction. */
	if (rc == DB_OK && to == PRJ_DONE && x->need_id != 0)
		rc = db_run(db, SQL_CB_NEED_DONE, pn, NELEM(pn), NULL, NULL);
	if (rc == DB_OK)
		rc = cb_audit(db, u, AUD_CB_PROJECT_CLOSE, "project", x->id,
		    word_project[to].code, addr, now);
	return db_tx_end(db, rc);
}

/* ---- meetings and decisions ----------------------------------------- */

int
db_meetings(struct db *db, const struct db_scope *sc, int region_id,
    struct db_meeting *out, size_t max, size_t *n)
{
	struct dbp	 p[] = { SCOPE3_P(sc), P_INT(region_id),
	    P_INT(region_id), P_INT((long long)max) };
	struct db_meeting *row;
	int		 rc;

	if ((row = calloc(1, sizeof(*row))) == NULL)
		return DB_ERROR;
	struct dbr	 r[] = { MEETING_R(row) };

	rc = db_rows(db, SQL_CB_MEETINGS, p, NELEM(p), r, NELEM(r), row,
	    sizeof(*row), out, max, n);
	free(row);
	return rc;
}

int
db_meeting_get(struct db *db, int id, struct db_meeting *x)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { MEETING_R(x) };

	return db_one(db, SQL_CB_MEETING_GET, p, NELEM(p), r, NELEM(r));
}

int
db_meeting_units(struct db *db, int meeting_id, struct db_cb_unit *out,
    size_t max, size_t *n)
{
	struct db_cb_unit x = { 0 };
	struct dbp	 p[] = { P_INT(meeting_id), P_INT((long long)max) };
	struct dbr	 r[] = { R_I32(&x.id), R_STR(x.name) };

	return db_rows(db, SQL_CB_MEETING_UNITS, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

int
db_meeting_items(struct db *db, int meeting_id, struct db_meeting_item *out,
    size_t max, size_t *n)
{
	struct db_meeting_item x = { 0 };
	struct dbp	 p[] = { P_INT(meeting_id), P_INT((long long)max) };
	struct dbr	 r[] = { R_I32(&x.id), R_I32(&x.position),
	    R_STR(x.title) };

	return db_rows(db, SQL_CB_MEETING_ITEMS, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

static int
decision_rows(struct db *db, enum sql id, const struct dbp *p, size_t np,
    struct db_decision *out, size_t max, size_t *n)
{
	struct db_decision *row;
	int		 rc;

	if ((row = calloc(1, sizeof(*row))) == NULL)
		return DB_ERROR;
	struct dbr	 r[] = { DECISION_R(row) };

	rc = db_rows(db, id, p, np, r, NELEM(r), row, sizeof(*row), out, max,
	    n);
	free(row);
	return rc;
}

int
db_meeting_decisions(struct db *db, int meeting_id, struct db_decision *out,
    size_t max, size_t *n)
{
	struct dbp	 p[] = { P_INT(meeting_id), P_INT((long long)max) };

	return decision_rows(db, SQL_CB_DECISIONS_OF_MEETING, p, NELEM(p), out,
	    max, n);
}

int
db_decisions(struct db *db, const struct db_scope *sc, int region_id,
    struct db_decision *out, size_t max, size_t *n)
{
	struct dbp	 p[] = { SCOPE3_P(sc), P_INT(region_id),
	    P_INT(region_id), P_INT((long long)max) };

	return decision_rows(db, SQL_CB_DECISIONS, p, NELEM(p), out, max, n);
}

int
db_decisions_of_unit(struct db *db, int unit_id, struct db_decision *out,
    size_t max, size_t *n)
{
	struct dbp	 p[] = { P_INT(unit_id), P_INT((long long)max) };

	return decision_rows(db, SQL_CB_DECISIONS_OF_UNIT, p, NELEM(p), out,
	    max, n);
}

int
db_decision_get(struct db *db, int id, struct db_decision *x)
{
	struct dbp	 p[] = { P_INT(id) };
	struct dbr	 r[] = { DECISION_R(x) };

	return db_one(db, SQL_CB_DECISION_GET, p, NELEM(p), r, NELEM(r));
}

int
db_meeting_create(struct db *db, const struct db_user *u, int region_id,
    const char *held_on, const char *title, int kind, const char *place,
    const char *minutes, const char *addr, time_t now, int *id)
{
	struct dbp	 p[] = { P_INT(region_id), P_STR(held_on), P_STR(title),
	    P_STR(word_meeting[kind].code), P_STR(place), P_STR(minutes),
	    P_INT(u->id), P_TIME(now) };

	return cb_create(db, u, SQL_CB_MEETING_INSERT, p, NELEM(p),
	    AUD_CB_MEETING, "meeting", held_on, addr, now, id);
}

int
db_meeting_set_units(struct db *db, const struct db_user *u,
    const struct db_meeting *m, const int *units, size_t n, const char *addr,
    time_t now)
{
	struct dbp	 p[] = { P_INT(m->id) };
	char		 detail[32];
	size_t		 i;
	int		 rc;

	snprintf(detail, sizeof(detail), "%zu units present", n);
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_run(db, SQL_CB_MEETING_UNITS_CLEAR, p, NELEM(p), NULL, NULL);
	for (i = 0; i < n && rc == DB_OK; i++) {
		struct dbp pu[] = { P_INT(m->id), P_INT(units[i]) };

		rc = db_run(db, SQL_CB_MEETING_UNIT_ADD, pu, NELEM(pu), NULL,
		    NULL);
	}
	if (rc == DB_OK)
		rc = cb_audit(db, u, AUD_CB_MEETING, "meeting", m->id, detail,
		    addr, now);
	return db_tx_end(db, rc);
}

int
db_meeting_item_add(struct db *db, const struct db_user *u,
    const struct db_meeting *m, const char *title, const char *addr,
    time_t now)
{
	struct dbp	 p[] = { P_INT(m->id), P_STR(title), P_INT(m->id) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_run(db, SQL_CB_MEETING_ITEM_INSERT, p, NELEM(p), NULL, NULL);
	if (rc == DB_OK)
		rc = cb_audit(db, u, AUD_CB_MEETING, "meeting", m->id,
		    "agenda item added", addr, now);
	return db_tx_end(db, rc);
}

int
db_decision_add(struct db *db, const struct db_user *u,
    const struct db_meeting *m, int item_id, const char *text,
    int owner_unit_id, const char *due, const char *addr, time_t now)
{
	struct dbp	 p[] = { P_INT(m->id), item_id > 0 ? P_INT(item_id) :
	    P_NULL, P_STR(text), owner_unit_id > 0 ? P_INT(owner_unit_id) :
	    P_NULL, P_STR(due) };
	int		 rc, id = 0;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	rc = db_insert(db, SQL_CB_DECISION_INSERT, p, NELEM(p), &id);
	if (rc == DB_OK)
		rc = cb_audit(db, u, AUD_CB_MEETING, "meeting", m->id,
		    "decision added", addr, now);
	return db_tx_end(db, rc);
}

int
db_decision_done(struct db *db, const struct db_user *u,
    const struct db_decision *x, long long version, const char *note,
    const char *addr, time_t now)
{
	struct dbp	 p[] = { P_TIME(now), P_INT(u->id), P_STR(note),
	    P_INT(x->id), P_INT(version) };

	return cb_change(db, u, SQL_CB_DECISION_DONE, p, NELEM(p),
	    AUD_CB_DECISION_DONE, "decision", x->id, "", addr, now);
}
