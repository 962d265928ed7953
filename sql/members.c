/*
 * Party members in the database (see the section of db.h): the roster
 * and its CSV import, reports (报到), the service menu and claims,
 * activities and participation, points, and members' one-time codes.
 * A little over 800 lines: one section per table of the members' part of
 * the schema, which is the largest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "csvin.h"
#include "dbint.h"
#include "flow.h"

#define DAY	86400

int
db_member_reported(const struct db_member *m, time_t now)
{
	return m->report_expires_at > now;
}

long long
db_points_tenths(const struct db_member *m, const struct db_points *pr)
{
	/* The same as POINTS_TENTHS in sqls.c. */
	return m->hours_tenths * pr->per_hour + m->completed * pr->per_claim *
	    10 + m->wishes * pr->per_wish * 10;
}

/* ---- the roster ------------------------------------------------------ */

/* Who has a phone on a roster (SQL_MEMBER_BY_PHONE). */
struct phone_owner {
	long long	 id;
	long long	 community_id;
	char		 name[DB_NAME_MAX];
};

/* The member with phone into o: a db_rc (DB_NOTFOUND: nobody). */
static int
member_by_phone(struct db *db, const char *phone, struct phone_owner *o)
{
	struct dbp	 p[] = { P_STR(phone) };
	struct dbr	 r[] = { R_INT(&o->id), R_INT(&o->community_id),
	    R_STR(o->name) };

	return db_one(db, SQL_MEMBER_BY_PHONE, p, 1, r, NELEM(r));
}

int
db_member_add(struct db *db, int community_id, const char *name,
    const char *phone, enum member_type type, const char *employer, time_t now,
    int *id)
{
	struct dbp	 p[] = { P_INT(community_id), P_STR(name), P_STR(phone),
	    P_STR(word_mtype[type].code), P_STR(employer), P_TIME(now) };

	return db_insert(db, SQL_MEMBER_INSERT, p, NELEM(p), id);
}

int
db_members(struct db *db, int community_id, int by_points,
    const struct db_points *pr, struct db_member *out, size_t max, size_t *n)
{
	struct db_member m = { 0 };
	struct dbr	 r[] = { MEMBER_R(m) };
	struct dbp	 p[] = { P_INT(community_id), P_INT(by_points != 0),
	    P_INT(pr->per_hour), P_INT(pr->per_claim), P_INT(pr->per_wish) };

	return db_rows(db, SQL_MEMBERS_OF, p, NELEM(p), r, NELEM(r), &m,
	    sizeof(m), out, max, n);
}

int
db_member_get(struct db *db, int id, struct db_member *m)
{
	struct dbr	 r[] = { MEMBER_R(*m) };
	struct dbp	 p[] = { P_INT(id) };
	int		 rc;

	memset(m, 0, sizeof(*m));
	if ((rc = db_one(db, SQL_MEMBER_GET, p, 1, r, NELEM(r))) != DB_OK)
		return rc;
	return (int)m->type < 0 ? DB_ERROR : DB_OK;
}

/* Member types by label, label + 党员, or code (domain/words.h). */
#define MTYPE_BY_LABELS(e, code, label, phrase) \
	{ label, e }, { label "党员", e },
static const struct csvin_word mtype_words[] = {
	WORDS_MTYPE(MTYPE_BY_LABELS) WORDS_MTYPE(WORD_BY_CODE)
	{ NULL, 0 },
};

enum { MC_NAME, MC_PHONE, MC_TYPE, MC_EMPLOYER, MC__MAX };
static const struct csvin_col roster_cols[MC__MAX] = {
	[MC_NAME] = { { "姓名", "name" }, CSVIN_TEXT, CSVIN_REQUIRED, 1, 64,
	    NULL, NULL },
	[MC_PHONE] = { { "手机号", "phone", "手机号码", "电话" }, CSVIN_PHONE,
	    CSVIN_REQUIRED, 0, 0, NULL, NULL },
	[MC_TYPE] = { { "类型", "type", "党员类型" }, CSVIN_ENUM,
	    CSVIN_REQUIRED, 0, 0, NULL, mtype_words },
	[MC_EMPLOYER] = { { "工作单位", "employer", "单位" }, CSVIN_TEXT,
	    CSVIN_OPTIONAL, 0, 128, NULL, NULL },
};

static int
phone_cmp(const void *a, const void *b, void *arg)
{
	const struct csvin_table *t = arg;
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;
	int	 c;

	if ((c = strcmp(t->rows[x].v[MC_PHONE].s,
	    t->rows[y].v[MC_PHONE].s)) != 0)
		return c;
	return x < y ? -1 : x > y;
}

/* Phones repeated in the file or already on a roster: errors. */
static int
roster_check(struct db *db, const struct csvin_table *t,
    struct csvin_errors *e)
{
	struct phone_owner o;
	size_t		*ix, i, n = 0, first = 0;
	int		 rc = DB_OK;

	if ((ix = calloc(t->nrows + 1, sizeof(*ix))) == NULL)
		return DB_ERROR;
	for (i = 0; i < t->nrows; i++)
		if (t->rows[i].v[MC_PHONE].ok && t->rows[i].v[MC_PHONE].present)
			ix[n++] = i;
	qsort_r(ix, n, sizeof(*ix), phone_cmp, (void *)t);
	for (i = 0; i < n; i++) {
		const char *ph = t->rows[ix[i]].v[MC_PHONE].s;

		if (i > 0 && strcmp(ph, t->rows[ix[i - 1]].v[MC_PHONE].s) == 0) {
			csvin_error(e, t->rows[ix[i]].line, "手机号",
			    "在文件中重复（与第 %zu 行相同）",
			    t->rows[ix[first]].line);
			continue;
		}
		first = i;
		if ((rc = member_by_phone(db, ph, &o)) == DB_OK)
			csvin_error(e, t->rows[ix[i]].line, "手机号",
			    "该手机号已在党员名册中，不能重复导入");
		else if (rc != DB_NOTFOUND)
			break;
		rc = DB_OK;
	}
	free(ix);
	return rc;
}

int
db_roster_import(struct db *db, int community_id, const char *csv,
    size_t len, time_t now, struct csvin_errors *e, size_t *n)
{
	struct csvin_table t;
	const struct csvin_val *v;
	size_t		 i;
	int		 rc;

	*n = 0;
	memset(&t, 0, sizeof(t));
	if (csvin_parse(csv, len, roster_cols, MC__MAX, &t, e) == -1) {
		rc = DB_ERROR;
		goto out;
	}
	if (t.nrows == 0 && e->n == 0)
		csvin_error(e, 0, "", "文件中没有党员数据");
	if ((rc = roster_check(db, &t, e)) != DB_OK || e->n > 0)
		goto out;
	if ((rc = db_tx_begin(db)) != DB_OK)
		goto out;
	for (i = 0; i < t.nrows; i++) {
		v = t.rows[i].v;
		if ((rc = db_member_add(db, community_id, v[MC_NAME].s,
		    v[MC_PHONE].s, (enum member_type)v[MC_TYPE].i,
		    v[MC_EMPLOYER].s, now, NULL)) != DB_OK) {
			db_tx_rollback(db);
			if (rc == DB_CONFLICT) {
				/* Added by someone else meanwhile. */
				csvin_error(e, t.rows[i].line, "手机号",
				    "该手机号已在党员名册中，不能重复导入");
				rc = DB_OK;
			}
			goto out;
		}
	}
	if ((rc = db_tx_commit(db)) == DB_OK)
		*n = t.nrows;
out:
	csvin_errors_sort(e);
	csvin_table_free(&t);
	return rc;
}

/* ---- reports --------------------------------------------------------- */

/*
 * Record a report of member id at now, valid for valid_days: employer
 * (unless empty), skills and preferred categories as the report gave them.
 */
static int
member_reported(struct db *db, long long id, time_t now, int valid_days,
    const char *employer, const char *skills, const char *preferred)
{
	struct dbp	 p[] = { P_TIME(now),
	    P_TIME(now + (time_t)valid_days * DAY), P_STR(employer),
	    P_STR(employer), P_STR(skills), P_STR(preferred), P_INT(id) };

	return db_run(db, SQL_MEMBER_REPORTED, p, NELEM(p), NULL, NULL);
}

int
db_report_submit(struct db *db, const struct db_report_new *r,
    enum db_report_rc *out)
{
	struct db_region reg;
	long long	 rid;
	struct dbr	 rr[] = { R_INT(&rid) };
	struct dbp	 pl[] = { P_INT(r->community_id) };
	struct dbp	 pp[] = { P_INT(r->community_id), P_STR(r->phone) };
	int		 anc[4], rc;

	*out = DB_REPORT_BAD_PLACE;
	rc = db_region_get(db, r->community_id, &reg, anc);
	if (rc == DB_NOTFOUND || (rc == DB_OK && reg.level != 3))
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	/* The community's reports one at a time: one pending per phone. */
	if ((rc = db_one(db, SQL_REPORT_COMMUNITY_LOCK, pl, 1, rr, 1)) !=
	    DB_OK)
		goto out;
	rc = db_one(db, SQL_REPORT_PENDING_PHONE, pp, NELEM(pp), rr, 1);
	if (rc == DB_OK) {
		*out = DB_REPORT_PENDING;	/* posted again: kept as it was */
		goto out;
	}
	if (rc != DB_NOTFOUND)
		goto out;
	struct dbp	 p[] = { P_INT(r->community_id), P_STR(r->name),
	    P_STR(r->phone), P_STR(word_mtype[r->type].code),
	    P_STR(r->employer), P_STR(r->skills), P_STR(r->preferred),
	    P_TIME(r->now), P_TIME(r->now),
	    P_STR(word_report[REPORT_PENDING].code), P_NULL, P_NULL };

	if ((rc = db_run(db, SQL_REPORT_INSERT, p, NELEM(p), NULL, NULL)) ==
	    DB_OK)
		*out = DB_REPORT_PENDING;
out:
	if ((rc = db_tx_end(db, rc)) != DB_OK)
		*out = DB_REPORT_BAD_PLACE;
	return rc;
}

/* The columns of a report into x (its type name in type). */
#define REPORT_R(x) \
	R_I32(&(x).id), R_I32(&(x).community_id), R_STR((x).name), \
	R_STR((x).phone), R_ENUM(&(x).type, word_mtype, MTYPE__MAX), \
	R_STR((x).employer), R_STR((x).skills), \
	R_STR((x).preferred), R_STR((x).preferred_names), \
	R_TIME(&(x).submitted_at)

int
db_reports_pending(struct db *db, int community_id, long long offset,
    struct db_report *out, size_t max, size_t *n, long long *total)
{
	struct db_report x = { 0 };
	struct dbr	 r[] = { REPORT_R(x) };
	struct dbr	 rt[] = { R_INT(total) };
	struct dbp	 p[] = { P_INT(community_id), P_INT((long long)max),
	    P_INT(offset) };
	int		 rc;

	*total = 0;
	if ((rc = db_one(db, SQL_REPORTS_PENDING_COUNT, p, 1, rt, 1)) !=
	    DB_OK && rc != DB_NOTFOUND)
		return rc;
	return db_rows(db, SQL_REPORTS_PENDING, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

int
db_report_decide(struct db *db, int report_id, int community_id,
    int confirm, int user_id, time_t now, int valid_days)
{
	struct db_report x;
	struct phone_owner o = { 0 };
	struct dbr	 r[] = { REPORT_R(x) };
	struct dbp	 p[] = { P_INT(report_id) };
	int		 rc, id;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_one(db, SQL_REPORT_LOCK, p, 1, r, NELEM(r))) != DB_OK)
		goto out;
	if (x.community_id != community_id) {
		rc = DB_NOTFOUND;
		goto out;
	}
	if (confirm) {
		rc = member_by_phone(db, x.phone, &o);
		if (rc == DB_OK && o.community_id != community_id)
			rc = DB_CONFLICT;
		else if (rc == DB_NOTFOUND) {
			rc = db_member_add(db, community_id, x.name, x.phone,
			    x.type, x.employer, now, &id);
			o.id = id;
		}
		if (rc != DB_OK || (rc = member_reported(db, o.id, now,
		    valid_days, x.employer, x.skills, x.preferred)) != DB_OK)
			goto out;
	}
	struct dbp	 d[] = { P_STR(word_report[confirm ?
	    REPORT_CONFIRMED : REPORT_REJECTED].code),
	    confirm ? P_INT(o.id) : P_NULL, P_INT(user_id), P_TIME(now),
	    P_INT(report_id) };

	rc = db_run(db, SQL_REPORT_DECIDE, d, NELEM(d), NULL, NULL);
out:
	return db_tx_end(db, rc);
}

/* ---- the service menu and claims ------------------------------------ */

int
db_item_create(struct db *db, const struct db_item *it, time_t now, int *id)
{
	struct dbp	 p[] = { P_INT(it->community_id),
	    it->category_id ? P_INT(it->category_id) : P_NULL, P_STR(it->name),
	    P_STR(it->description), P_INT(it->capacity), P_STR(it->starts_on),
	    P_STR(it->ends_on), P_TIME(now) };

	return db_insert(db, SQL_ITEM_INSERT, p, NELEM(p), id);
}

#define ITEM_R(x) \
	R_I32(&(x).id), R_I32(&(x).community_id), R_I32(&(x).category_id), \
	R_STR((x).name), R_STR((x).description), R_I32(&(x).capacity), \
	R_I32(&(x).claimed), R_STR((x).starts_on), R_STR((x).ends_on), \
	R_STR((x).category), R_TIME(&(x).withdrawn_at)

int
db_items(struct db *db, int community_id, const char *today,
    struct db_item *out, size_t max, size_t *n)
{
	struct db_item	 x = { 0 };
	struct dbr	 r[] = { ITEM_R(x) };
	struct dbp	 p[] = { P_INT(community_id), P_STR(today),
	    P_STR(today) };

	return db_rows(db, SQL_ITEMS_OF, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

int
db_item_get(struct db *db, int id, struct db_item *x)
{
	struct dbr	 r[] = { ITEM_R(*x) };
	struct dbp	 p[] = { P_INT(id) };

	return db_one(db, SQL_ITEM_GET, p, 1, r, NELEM(r));
}

int
db_claim(struct db *db, int member_id, int item_id, int max_open,
    const char *today, time_t now, enum db_claim_rc *out)
{
	struct db_item	 it;
	long long	 cid, open, same, n;
	time_t		 until;
	struct dbp	 pm[] = { P_INT(member_id) };
	struct dbr	 rm[] = { R_INT(&cid), R_TIME(&until) };
	struct dbp	 pc[] = { P_INT(item_id), P_INT(member_id) };
	struct dbr	 rcnt[] = { R_INT(&open), R_INT(&same) };
	int		 rc;

	*out = DB_CLAIM_NOT_OFFERED;
	if ((rc = db_item_get(db, item_id, &it)) == DB_NOTFOUND ||
	    (rc == DB_OK && it.withdrawn_at != 0))
		return DB_OK;
	if (rc != DB_OK)
		return rc;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	/* The member row, locked: this member's claims go one at a time. */
	if ((rc = db_one(db, SQL_MEMBER_LOCK, pm, 1, rm, NELEM(rm))) != DB_OK)
		goto fail;
	if (until <= now) {
		*out = DB_CLAIM_NOT_REPORTED;
		goto refuse;
	}
	if (cid != it.community_id || strcmp(today, it.starts_on) < 0 ||
	    strcmp(today, it.ends_on) > 0)
		goto refuse;	/* DB_CLAIM_NOT_OFFERED */
	if ((rc = db_one(db, SQL_CLAIMS_OPEN_COUNT, pc, NELEM(pc), rcnt,
	    NELEM(rcnt))) != DB_OK)
		goto fail;
	if (same > 0) {
		*out = DB_CLAIM_TWICE;
		goto refuse;
	}
	if (open >= max_open) {
		*out = DB_CLAIM_LIMIT;
		goto refuse;
	}
	/* One place, only while there is one: the row lock of the update
	 * serialises concurrent claimers of the item. */
	struct dbp	 pt[] = { P_INT(item_id), P_INT(cid), P_STR(today),
	    P_STR(today) };

	if ((rc = db_run(db, SQL_ITEM_TAKE, pt, NELEM(pt), &n, NULL)) != DB_OK)
		goto fail;
	if (n != 1) {
		*out = DB_CLAIM_FULL;
		goto refuse;
	}
	struct dbp	 pi[] = { P_INT(item_id), P_INT(member_id), P_TIME(now) };

	if ((rc = db_run(db, SQL_CLAIM_INSERT, pi, NELEM(pi), NULL, NULL)) !=
	    DB_OK)
		goto fail;
	if ((rc = db_tx_commit(db)) == DB_OK)
		*out = DB_CLAIM_OK;
	return rc;
refuse:
	db_tx_rollback(db);
	return DB_OK;
fail:
	db_tx_rollback(db);
	return rc;
}

/*
 * Close an open claim as withdrawn (freeing its place) or completed,
 * when it is member_id's (member_id != 0) or of community_id's menu.
 */
static int
claim_close(struct db *db, int member_id, int community_id, int claim_id,
    int completed, time_t now)
{
	long long	 item, cid, mid, n;
	struct dbp	 p[] = { P_INT(claim_id) };
	struct dbr	 r[] = { R_INT(&item), R_INT(&cid), R_INT(&mid) };
	struct dbp	 pm[] = { P_INT(member_id) };
	time_t		 until;
	struct dbr	 rm[] = { R_INT(&cid), R_TIME(&until) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	/* Lock order as in db_claim: the member first. */
	if (member_id != 0 && (rc = db_one(db, SQL_MEMBER_LOCK, pm, 1, rm,
	    NELEM(rm))) != DB_OK)
		goto out;
	if ((rc = db_one(db, SQL_CLAIM_LOCK, p, 1, r, NELEM(r))) != DB_OK)
		goto out;
	if ((member_id != 0 && mid != member_id) ||
	    (community_id != 0 && cid != community_id)) {
		rc = DB_NOTFOUND;
		goto out;
	}
	struct dbp	 pc[] = { P_STR(word_claim[completed ?
	    CLAIM_COMPLETED : CLAIM_WITHDRAWN].code),
	    P_TIME(now), P_INT(claim_id) };

	if ((rc = db_run(db, SQL_CLAIM_CLOSE, pc, NELEM(pc), &n, NULL)) != DB_OK)
		goto out;
	if (n != 1) {
		rc = DB_NOTFOUND;
		goto out;
	}
	if (!completed) {
		struct dbp	 pr[] = { P_INT(item) };

		rc = db_run(db, SQL_ITEM_RELEASE, pr, 1, NULL, NULL);
	}
out:
	return db_tx_end(db, rc);
}

int
db_claim_withdraw(struct db *db, int member_id, int claim_id, time_t now)
{
	return claim_close(db, member_id, 0, claim_id, 0, now);
}

int
db_claim_complete(struct db *db, int community_id, int claim_id, time_t now)
{
	return claim_close(db, 0, community_id, claim_id, 1, now);
}

int
db_claims(struct db *db, int community_id, int member_id,
    struct db_claim *out, size_t max, size_t *n)
{
	struct db_claim	 c = { 0 };
	struct dbr	 r[] = { R_I32(&c.id), R_I32(&c.item_id), R_STR(c.item),
	    R_I32(&c.member_id), R_STR(c.member), R_STR(c.state),
	    R_TIME(&c.claimed_at), R_TIME(&c.closed_at) };
	struct dbp	 p[] = { P_INT(community_id), P_INT(community_id),
	    P_INT(member_id), P_INT(member_id) };

	return db_rows(db, SQL_CLAIMS_OF, p, NELEM(p), r, NELEM(r), &c,
	    sizeof(c), out, max, n);
}

/* ---- activities ------------------------------------------------------ */

int
db_activity_create(struct db *db, const struct db_activity *a, int *id)
{
	struct dbp	 p[] = { P_INT(a->community_id), P_STR(a->title),
	    P_STR(word_akind[a->kind].code), P_STR(a->held_on),
	    P_INT(a->hours_tenths) };

	return db_insert(db, SQL_ACTIVITY_INSERT, p, NELEM(p), id);
}

#define ACTIVITY_R(x) \
	R_I32(&(x).id), R_I32(&(x).community_id), R_STR((x).title), \
	R_ENUM(&(x).kind, word_akind, AKIND__MAX), \
	R_STR((x).held_on), R_INT(&(x).hours_tenths), \
	R_INT(&(x).participants), R_INT(&(x).total_tenths)

int
db_activities(struct db *db, int community_id, struct db_activity *out,
    size_t max, size_t *n)
{
	struct db_activity x = { 0 };
	struct dbr	 r[] = { ACTIVITY_R(x) };
	struct dbp	 p[] = { P_INT(community_id) };

	return db_rows(db, SQL_ACTIVITIES_OF, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

int
db_activities_page(struct db *db, int community_id, long long offset,
    struct db_activity *out, size_t max, size_t *n, long long *total)
{
	struct db_activity x = { 0 };
	struct dbr	 r[] = { ACTIVITY_R(x) }, c[] = { R_INT(total) };
	struct dbp	 p[] = { P_INT(community_id), P_INT(max),
	    P_INT(offset) };
	int		 rc;

	if ((rc = db_one(db, SQL_ACTIVITIES_COUNT, p, 1, c, 1)) != DB_OK)
		return rc;
	return db_rows(db, SQL_ACTIVITIES_PAGE, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

#define PERSON_R(x) \
	R_I32(&(x).id), R_STR((x).name), R_STR((x).tail), \
	R_INT(&(x).hours_tenths)

int
db_activity_people(struct db *db, int activity_id, struct db_person *out,
    size_t max, size_t *n)
{
	struct db_person x = { 0 };
	struct dbr	 r[] = { PERSON_R(x) };
	struct dbp	 p[] = { P_INT(activity_id) };

	return db_rows(db, SQL_ACTIVITY_PEOPLE, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

int
db_members_find(struct db *db, int community_id, time_t now,
    const char *phone, const char *name, struct db_person *out, size_t max,
    size_t *n)
{
	struct db_person x = { 0 };
	struct dbr	 r[] = { PERSON_R(x) };
	struct dbp	 p[] = { P_INT(community_id), P_TIME(now), P_STR(phone),
	    P_STR(name), P_STR(name) };

	return db_rows(db, SQL_MEMBERS_FIND, p, NELEM(p), r, NELEM(r), &x,
	    sizeof(x), out, max, n);
}

int
db_activity_get(struct db *db, int id, struct db_activity *x)
{
	struct dbr	 r[] = { ACTIVITY_R(*x) };
	struct dbp	 p[] = { P_INT(id) };

	return db_one(db, SQL_ACTIVITY_GET, p, 1, r, NELEM(r));
}

int
db_participation(struct db *db, int activity_id, const int *members,
    size_t n, long long hours_tenths, time_t now)
{
	struct db_activity a;
	long long	 k;
	size_t		 i;
	int		 rc;

	if ((rc = db_activity_get(db, activity_id, &a)) != DB_OK)
		return rc;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	for (i = 0; i < n; i++) {
		struct dbp	 p[] = { P_INT(hours_tenths), P_INT(activity_id),
		    P_INT(members[i]), P_TIME(now) };

		if ((rc = db_run(db, SQL_PARTICIPATION_PUT, p, NELEM(p), &k,
		    NULL)) != DB_OK)
			goto out;
		/* 1 inserted, 2 changed, 0 the same hours again: but 0 also
		 * when the member may not take part; tell them apart. */
		if (k == 0) {
			struct db_member m;

			if ((rc = db_member_get(db, members[i], &m)) != DB_OK)
				goto out;
			if (m.community_id != a.community_id ||
			    !db_member_reported(&m, now)) {
				rc = DB_NOTFOUND;
				goto out;
			}
		}
	}
out:
	return db_tx_end(db, rc);
}

/* ---- members' codes and sessions ------------------------------------ */

int
db_member_code(struct db *db, int member_id, int user_id, time_t expires,
    char code[DB_MCODE_LEN + 1])
{
	unsigned char	 h[DB_HASH_LEN];
	size_t		 i;

	for (i = 0; i < DB_MCODE_LEN; i++)
		code[i] = (char)('0' + randombytes_uniform(10));
	code[DB_MCODE_LEN] = '\0';
	db_hash(code, h);
	struct dbp	 p[] = { P_INT(member_id),
	    P_STRN((const char *)h, DB_HASH_LEN), P_TIME(expires),
	    P_INT(user_id) };

	return db_run(db, SQL_CODE_PUT, p, NELEM(p), NULL, NULL);
}

int
db_member_login(struct db *db, const struct db_mlogin *l,
    char token[DB_HASH_LEN * 2 + 1], int *member_id, enum db_mlogin_rc *out)
{
	unsigned char	 h[DB_HASH_LEN], th[DB_HASH_LEN], raw[DB_HASH_LEN];
	char		 stored[DB_HASH_LEN + 1];
	long long	 mid, n;
	struct dbp	 pm[] = { P_STR(l->phone) };
	struct dbr	 rm[] = { R_INT(&mid) };
	struct dbr	 rh[] = { R_STR(stored) };
	int		 rc;

	*out = DB_MLOGIN_WRONG;
	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_one(db, SQL_MCODE_MEMBER, pm, 1, rm, NELEM(rm))) ==
	    DB_NOTFOUND)
		goto refuse;
	if (rc != DB_OK)
		goto fail;
	struct dbp	 pc[] = { P_INT(mid), P_TIME(l->now) };

	db_hash(l->code, h);
	if ((rc = db_one(db, SQL_MCODE_GET, pc, NELEM(pc), rh, 1)) != DB_OK &&
	    rc != DB_NOTFOUND)
		goto fail;
	/* A wrong code changes nothing: the valid one stays valid. */
	if (rc == DB_NOTFOUND || rh[0].len != DB_HASH_LEN ||
	    sodium_memcmp(h, stored, DB_HASH_LEN) != 0)
		goto refuse;
	/* The code is spent, a session opened. */
	struct dbp	 pu[] = { P_INT(mid), P_STRN((const char *)h,
	    DB_HASH_LEN) };

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(token, DB_HASH_LEN * 2 + 1, raw, sizeof(raw));
	db_hash(token, th);
	struct dbp	 ps[] = { P_STRN((const char *)th, DB_HASH_LEN),
	    P_INT(mid), P_TIME(l->expires) };

	if ((rc = db_run(db, SQL_CODE_USE, pu, NELEM(pu), &n, NULL)) != DB_OK)
		goto fail;
	if (n != 1)
		goto refuse;	/* replaced by a new code meanwhile */
	if ((rc = db_run(db, SQL_MSESSION_INSERT, ps, NELEM(ps), NULL,
	    NULL)) != DB_OK)
		goto fail;
	if ((rc = db_tx_commit(db)) == DB_OK) {
		*member_id = (int)mid;
		*out = DB_MLOGIN_OK;
	}
	return rc;
refuse:
	db_tx_rollback(db);
	return DB_OK;
fail:
	db_tx_rollback(db);
	return rc;
}

int
db_member_session(struct db *db, const char *token, time_t now,
    int *member_id)
{
	unsigned char	 h[DB_HASH_LEN];
	long long	 mid;
	struct dbr	 r[] = { R_INT(&mid) };
	int		 rc;

	db_hash(token, h);
	struct dbp	 p[] = { P_STRN((const char *)h, DB_HASH_LEN),
	    P_TIME(now) };

	if ((rc = db_one(db, SQL_MSESSION_GET, p, NELEM(p), r, 1)) == DB_OK)
		*member_id = (int)mid;
	return rc;
}

int
db_member_session_end(struct db *db, const char *token)
{
	unsigned char	 h[DB_HASH_LEN];

	db_hash(token, h);
	struct dbp	 p[] = { P_STRN((const char *)h, DB_HASH_LEN) };

	return db_run(db, SQL_MSESSION_DELETE, p, NELEM(p), NULL, NULL);
}

/* ---- editing and withdrawing menu items ----------------------------- */

/*
 * Start a transaction with item_id locked, when it is community_id's:
 * DB_OK (*claimed, *withdrawn set) with the transaction open; otherwise
 * the transaction is over and the rc says why (DB_NOTFOUND: no such item).
 */
static int
item_lock(struct db *db, int community_id, int item_id, long long *claimed,
    long long *withdrawn)
{
	long long	 cid;
	struct dbp	 p[] = { P_INT(item_id) };
	struct dbr	 r[] = { R_INT(&cid), R_INT(claimed), R_INT(withdrawn) };
	int		 rc;

	if ((rc = db_tx_begin(db)) != DB_OK)
		return rc;
	if ((rc = db_one(db, SQL_ITEM_LOCK, p, 1, r, NELEM(r))) == DB_OK &&
	    cid != community_id)
		rc = DB_NOTFOUND;
	if (rc != DB_OK)
		db_tx_rollback(db);
	return rc;
}

int
db_item_update(struct db *db, const struct db_item *it, time_t now,
    int *claimed, enum db_item_rc *out)
{
	long long	 taken, gone;
	struct dbp	 p[] = {
	    it->category_id ? P_INT(it->category_id) : P_NULL, P_STR(it->name),
	    P_STR(it->description), P_INT(it->capacity), P_STR(it->starts_on),
	    P_STR(it->ends_on), P_TIME(now), P_INT(it->id),
	    P_INT(it->capacity) };
	int		 rc;

	*out = DB_ITEM_OK;
	if ((rc = item_lock(db, it->community_id, it->id, &taken, &gone)) !=
	    DB_OK)
		return rc;
	*claimed = (int)taken;
	if (gone)
		*out = DB_ITEM_WITHDRAWN;
	else if (taken > it->capacity)
		*out = DB_ITEM_BELOW_CLAIMED;
	else
		rc = db_run(db, SQL_ITEM_UPDATE, p, NELEM(p), NULL, NULL);
	if (*out != DB_ITEM_OK) {
		db_tx_rollback(db);
		return DB_OK;
	}
	return db_tx_end(db, rc);
}

int
db_item_withdraw(struct db *db, int community_id, int item_id, int user_id,
    time_t now, long long *cancelled, enum db_item_rc *out)
{
	long long	 taken, gone, n;
	struct dbp	 pc[] = { P_TIME(now), P_INT(item_id) };
	int		 rc;

	*out = DB_ITEM_OK;
	*cancelled = 0;
	if ((rc = item_lock(db, community_id, item_id, &taken, &gone)) !=
	    DB_OK)
		return rc;
	if (gone) {
		*out = DB_ITEM_WITHDRAWN;
		db_tx_rollback(db);
		return DB_OK;
	}
	if ((rc = db_run(db, SQL_CLAIMS_CANCEL, pc, NELEM(pc), cancelled,
	    NULL)) != DB_OK)
		return db_tx_end(db, rc);
	/* Their places back, in the same transaction. */
	struct dbp	 pw[] = { P_TIME(now), P_INT(user_id), P_INT(*cancelled),
	    P_INT(item_id) };

	if ((rc = db_run(db, SQL_ITEM_WITHDRAW, pw, NELEM(pw), &n, NULL)) ==
	    DB_OK && n != 1)
		rc = DB_ERROR;
	return db_tx_end(db, rc);
}

/* ---- communities of a scope ----------------------------------------- */

int
db_member_communities(struct db *db, const struct db_scope *sc, time_t now,
    struct db_mcommunity *out, size_t max, size_t *n)
{
	struct db_mcommunity c = { 0 };
	struct dbr	 r[] = { R_I32(&c.id), R_STR(c.street), R_STR(c.name),
	    R_INT(&c.members), R_INT(&c.reported), R_INT(&c.in_service),
	    R_INT(&c.in_service_reported), R_INT(&c.pending) };
	struct dbp	 p[] = { P_TIME(now), P_TIME(now), SCOPE_P(sc) };

	return db_rows(db, SQL_MEMBER_COMMUNITIES, p, NELEM(p), r, NELEM(r),
	    &c, sizeof(c), out, max, n);
}
