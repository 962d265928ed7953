/*
 * The transition table, every (state, action, role) combination, against
 * a matrix written out by hand from DESIGN.md and the staff issue.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "flow.h"

/*
 * For each action and state: who may do it (G grid worker, C community
 * staff, S street, D district, A admin, P department staff, R resident) and the new state
 * ("=" keeps it, "-" when nobody may).  Request at community level, not
 * rated, never reopened.
 */
static const struct {
	enum rq_action	 a;
	const char	*who[ST__MAX];	/* submitted accepted assigned
					 * resolved closed rejected */
	const char	*to[ST__MAX];
} expect[] = {
	{ ACT_ACCEPT,	{ "GCSDA", "", "", "", "", "" },
	    { "accepted", "-", "-", "-", "-", "-" } },
	{ ACT_ASSIGN,	{ "", "CSDA", "CSDA", "", "", "" },
	    { "-", "assigned", "assigned", "-", "-", "-" } },
	{ ACT_NOTE,	{ "GCSDA", "GCSDA", "GCSDA", "GCSDA", "GCSDA", "GCSDA" },
	    { "=", "=", "=", "=", "=", "=" } },
	{ ACT_RESOLVE,	{ "", "GCSDA", "GCSDA", "", "", "" },
	    { "-", "resolved", "resolved", "-", "-", "-" } },
	{ ACT_REJECT,	{ "CSDA", "CSDA", "", "", "", "" },
	    { "rejected", "rejected", "-", "-", "-", "-" } },
	{ ACT_ESCALATE,	{ "CSA", "CSA", "CSA", "", "", "" },
	    { "=", "=", "=", "-", "-", "-" } },
	/* closed but not rated unsatisfied: staff may not reopen */
	{ ACT_REOPEN,	{ "", "", "", "R", "", "" },
	    { "-", "-", "-", "accepted", "-", "-" } },
	/* 代群众撤回: while open, by those who may reject; never after 办结 */
	{ ACT_WITHDRAW,	{ "CSDA", "CSDA", "CSDA", "", "", "" },
	    { "rejected", "rejected", "rejected", "-", "-", "-" } },
	{ ACT_RATE,	{ "", "", "", "R", "", "" },
	    { "-", "-", "-", "closed", "-", "-" } },
};

/* P: department staff, who act on summons only (domain/summons.c); U: a
 * co-building unit's contact, who acts on no request. */
static const char role_letters[ROLE__MAX] = "GCSDAPUR";

static void
test_every_combination(void **state)
{
	struct flow_req	 q = { .level = LV_COMMUNITY };
	size_t		 i, checked = 0;
	int		 s, r, got, want;

	(void)state;
	assert_int_equal(sizeof(expect) / sizeof(expect[0]), ACT__MAX);
	for (i = 0; i < ACT__MAX; i++) {
		assert_int_equal(expect[i].a, i);
		for (s = 0; s < ST__MAX; s++)
			for (r = 0; r < ROLE__MAX; r++) {
				q.state = s;
				got = flow_next(&q, expect[i].a, r);
				if (strchr(expect[i].who[s],
				    role_letters[r]) == NULL)
					want = -1;
				else if (strcmp(expect[i].to[s], "=") == 0)
					want = s;
				else
					want = WORD_FIND(word_state,
					    expect[i].to[s]);
				if (got != want)
					fail_msg("%s in %s by %s: got %d, "
					    "want %d", word_action[i].code,
					    word_state[s].code,
					    word_role[r].code, got, want);
				checked++;
			}
	}
	assert_int_equal(checked, ACT__MAX * ST__MAX * ROLE__MAX);
}

/* Escalation: community -> street -> district, each by its own level. */
static void
test_escalate_levels(void **state)
{
	struct flow_req	 q = { .state = ST_ACCEPTED };

	(void)state;
	q.level = LV_COMMUNITY;
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_COMMUNITY),
	    ST_ACCEPTED);
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_STREET), ST_ACCEPTED);
	q.level = LV_STREET;
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_COMMUNITY), -1);
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_STREET), ST_ACCEPTED);
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_ADMIN), ST_ACCEPTED);
	q.level = LV_DISTRICT;
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_STREET), -1);
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_ADMIN), -1);
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_DISTRICT), -1);
}

/*
 * The actor's own level bounds what it may do: an admin whose home is a
 * street cannot escalate to the district; community and grid staff cannot
 * accept, assign, resolve, reject or rework a request escalated to the
 * street; a street home handles up to the street, a district home all.
 */
static void
own_level_guards(void **state)
{
	static const enum rq_action handle[] = { ACT_ASSIGN, ACT_RESOLVE,
	    ACT_REJECT, ACT_WITHDRAW };
	struct flow_req	 q = { .state = ST_ACCEPTED, .level = LV_STREET };
	size_t		 i;

	(void)state;
	q.home = REGION_STREET;
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_ADMIN), -1);
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_STREET),
	    ST_ACCEPTED);
	q.level = LV_COMMUNITY;
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_ADMIN),
	    ST_ACCEPTED);
	q.home = REGION_DISTRICT;
	q.level = LV_STREET;
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_ADMIN),
	    ST_ACCEPTED);
	q.home = REGION_COMMUNITY;
	q.level = LV_COMMUNITY;
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_ADMIN), -1);
	assert_int_equal(flow_next(&q, ACT_ESCALATE, ROLE_COMMUNITY),
	    ST_ACCEPTED);
	for (i = 0; i < sizeof(handle) / sizeof(handle[0]); i++) {
		q.level = LV_COMMUNITY;
		q.home = REGION_COMMUNITY;
		assert_true(flow_next(&q, handle[i], ROLE_COMMUNITY) >= 0);
		q.level = LV_STREET;
		assert_int_equal(flow_next(&q, handle[i], ROLE_COMMUNITY), -1);
		assert_int_equal(flow_next(&q, handle[i], ROLE_ADMIN), -1);
		q.home = REGION_STREET;
		assert_true(flow_next(&q, handle[i], ROLE_STREET) >= 0);
		q.level = LV_DISTRICT;
		assert_int_equal(flow_next(&q, handle[i], ROLE_STREET), -1);
		q.home = REGION_DISTRICT;
		assert_true(flow_next(&q, handle[i], ROLE_DISTRICT) >= 0);
		assert_true(flow_next(&q, handle[i], ROLE_ADMIN) >= 0);
	}
	q.home = REGION_GRID;
	q.level = LV_STREET;
	assert_int_equal(flow_next(&q, ACT_RESOLVE, ROLE_GRID), -1);
	assert_int_equal(flow_next(&q, ACT_NOTE, ROLE_GRID), ST_ACCEPTED);
	q.state = ST_SUBMITTED;
	assert_int_equal(flow_next(&q, ACT_ACCEPT, ROLE_GRID), -1);
	q.state = ST_CLOSED;
	q.rated_unsatisfied = 1;
	q.home = REGION_COMMUNITY;
	assert_int_equal(flow_next(&q, ACT_REOPEN, ROLE_COMMUNITY), -1);
	q.level = LV_COMMUNITY;
	assert_int_equal(flow_next(&q, ACT_REOPEN, ROLE_COMMUNITY),
	    ST_ACCEPTED);
	q.home = REGION__MAX;
	assert_int_equal(flow_next(&q, ACT_NOTE, ROLE_ADMIN), -1);
}

/* Rework once: staff only after an unsatisfied rating, never twice. */
static void
test_reopen_once(void **state)
{
	struct flow_req	 q = { .state = ST_CLOSED, .level = LV_COMMUNITY };
	int		 r;

	(void)state;
	for (r = 0; r < ROLE__MAX; r++)
		assert_int_equal(flow_next(&q, ACT_REOPEN, r), -1);
	q.rated_unsatisfied = 1;
	assert_int_equal(flow_next(&q, ACT_REOPEN, ROLE_GRID), -1);
	assert_int_equal(flow_next(&q, ACT_REOPEN, ROLE_COMMUNITY),
	    ST_ACCEPTED);
	assert_int_equal(flow_next(&q, ACT_REOPEN, ROLE_RESIDENT), -1);
	q.reopen_count = 1;
	for (r = 0; r < ROLE__MAX; r++)
		assert_int_equal(flow_next(&q, ACT_REOPEN, r), -1);
	q.state = ST_RESOLVED;
	assert_int_equal(flow_next(&q, ACT_REOPEN, ROLE_RESIDENT), -1);
	assert_int_equal(flow_next(&q, ACT_RATE, ROLE_RESIDENT), ST_CLOSED);
}

/*
 * The resolve limit: accepting starts it and rework restarts it, each at
 * that time + the category's days (written out: 3 days = 259200 s); no
 * other action moves it.
 */
static void
test_resolve_due(void **state)
{
	const time_t	 now = 1760000000, old = 1750000000;
	int		 a;

	(void)state;
	assert_int_equal(flow_resolve_due(now, 3), now + 259200);
	for (a = 0; a < ACT__MAX; a++)
		assert_int_equal(flow_due_after(a, now, 3, old),
		    a == ACT_ACCEPT || a == ACT_REOPEN ? now + 259200 : old);
}

static void
test_out_of_range(void **state)
{
	struct flow_req	 q = { .state = ST__MAX };

	(void)state;
	assert_int_equal(flow_next(&q, ACT_NOTE, ROLE_ADMIN), -1);
	q.state = ST_SUBMITTED;
	assert_int_equal(flow_next(&q, ACT__MAX, ROLE_ADMIN), -1);
	assert_int_equal(flow_next(&q, ACT_NOTE, ROLE__MAX), -1);
	assert_int_equal(WORD_FIND(word_role, "admin"), ROLE_ADMIN);
	assert_int_equal(WORD_FIND(word_role, "root"), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_combination),
		cmocka_unit_test(test_escalate_levels),
		cmocka_unit_test(own_level_guards),
		cmocka_unit_test(test_reopen_once),
		cmocka_unit_test(test_resolve_due),
		cmocka_unit_test(test_out_of_range),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
