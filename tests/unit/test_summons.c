/*
 * The summons table (domain/summons.c): every (state, action, role)
 * combination against a matrix written out by hand, who may summon, and
 * the due times.
 */
#define _DEFAULT_SOURCE
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "summons.h"

/* For each action and state: the new state, or "-" when nobody may; only
 * department staff ever may. */
static const struct {
	enum summons_action	 a;
	const char		*to[SM__MAX];	/* issued accepted answered */
} expect[] = {
	{ SMA_ACCEPT,	{ "accepted", "-", "-" } },
	{ SMA_ANSWER,	{ "-", "answered", "-" } },
};

static void
test_every_combination(void **state)
{
	size_t	 i, checked = 0;
	int	 s, r, got, want;

	(void)state;
	assert_int_equal(sizeof(expect) / sizeof(expect[0]), SMA__MAX);
	for (i = 0; i < SMA__MAX; i++)
		for (s = 0; s < SM__MAX; s++)
			for (r = 0; r < ROLE__MAX; r++) {
				got = summons_next(s, expect[i].a, r);
				want = r != ROLE_DEPT ||
				    strcmp(expect[i].to[s], "-") == 0 ? -1 :
				    WORD_FIND(word_summons, expect[i].to[s]);
				if (got != want)
					fail_msg("%s in %s by %s: got %d, "
					    "want %d",
					    word_summons_action[i].code,
					    word_summons[s].code,
					    word_role[r].code, got, want);
				checked++;
			}
	assert_int_equal(checked, SMA__MAX * SM__MAX * ROLE__MAX);
	/* Out of range is refused, not read past the table. */
	assert_int_equal(summons_next(SM__MAX, SMA_ACCEPT, ROLE_DEPT), -1);
	assert_int_equal(summons_next(SM_ISSUED, SMA__MAX, ROLE_DEPT), -1);
	assert_int_equal(summons_next(SM_ISSUED, SMA_ACCEPT, ROLE__MAX), -1);
}

/* Who may summon: the level handling the request, while it is open. */
static void
test_who_summons(void **state)
{
	/* role, home, request level, may it for an open request */
	static const struct {
		enum role	 role;
		int		 home;
		enum rq_level	 level;
		int		 may;
	} m[] = {
		{ ROLE_STREET, REGION_STREET, LV_STREET, 1 },
		{ ROLE_STREET, REGION_STREET, LV_COMMUNITY, 0 },
		{ ROLE_STREET, REGION_STREET, LV_DISTRICT, 0 },
		{ ROLE_DISTRICT, REGION_DISTRICT, LV_DISTRICT, 1 },
		{ ROLE_DISTRICT, REGION_DISTRICT, LV_STREET, 0 },
		{ ROLE_ADMIN, REGION_ALL, LV_STREET, 1 }, { ROLE_ADMIN,
		    REGION_ALL, LV_DISTRICT, 1 }, { ROLE_ADMIN, REGION_ALL,
		    LV_COMMUNITY, 0 }, { ROLE_COMMUNITY, REGION_COMMUNITY,
		    LV_COMMUNITY, 0 }, { ROLE_COMMUNITY, REGION_COMMUNITY,
		    LV_STREET, 0 }, { ROLE_GRID, REGION_GRID, LV_STREET, 0 },
		{ ROLE_DEPT, REGION_STREET, LV_STREET, 0 }, { ROLE_RESIDENT,
		    REGION_ALL, LV_STREET, 0 },
	};
	struct flow_req	 q;
	size_t		 i;
	int		 s;

	(void)state;
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		for (s = 0; s < ST__MAX; s++) {
			memset(&q, 0, sizeof(q));
			q.state = s;
			q.level = m[i].level;
			q.home = m[i].home;
			if (summons_may_issue(&q, m[i].role) != (m[i].may &&
			    s <= ST_ASSIGNED))
				fail_msg("row %zu in %s: got %d", i,
				    word_state[s].code,
				    summons_may_issue(&q, m[i].role));
		}
	assert_int_equal(summons_unit_level(LV_STREET), REGION_STREET);
	assert_int_equal(summons_unit_level(LV_DISTRICT), REGION_DISTRICT);
	assert_int_equal(summons_unit_level(LV_COMMUNITY), -1);
}

static void
test_due(void **state)
{
	(void)state;
	assert_int_equal(summons_response_due(1000, 24), 1000 + 86400);
	assert_int_equal(summons_resolve_due(NULL, WD_DAYS, 1000, 3, NULL),
	    1000 + 3 * 86400);
}

/*
 * A department's resolve limit in working days (issue 19 point 4): a
 * summons issued on Tuesday 2025-09-30 10:00 (Beijing) with 3 working
 * days is due on Saturday 2025-10-11 23:59:59 (Beijing): 10-01..10-08 are
 * off by the National Day notice, 10-09, 10-10 and the worked 10-11
 * count.  The times worked out by hand: 1759197600 is 2025-09-30 02:00
 * UTC, 1760198399 is 2025-10-11 15:59:59 UTC.
 */
static void
test_due_workdays(void **state)
{
	struct wd_cal	*cal;
	int		 d, miss = 0;

	(void)state;
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	assert_non_null(cal = malloc(sizeof(*cal)));
	wd_init(cal);
	assert_int_equal(wd_set_year(cal, 2025), 0);
	for (d = 1; d <= 8; d++)
		assert_int_equal(wd_set_day(cal, day_from_ymd(2025, 10, d),
		    WD_OFF), 0);
	assert_int_equal(wd_set_day(cal, day_from_ymd(2025, 9, 28), WD_WORK),
	    0);
	assert_int_equal(wd_set_day(cal, day_from_ymd(2025, 10, 11),
	    WD_WORK), 0);
	assert_int_equal(summons_resolve_due(cal, WD_WORKDAYS, 1759197600, 3,
	    &miss), 1760198399);
	assert_int_equal(miss, 0);
	/* Calendar days: three times 24 hours, holidays or not. */
	assert_int_equal(summons_resolve_due(cal, WD_DAYS, 1759197600, 3,
	    &miss), 1759197600 + 3 * 86400);
	free(cal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_combination),
		cmocka_unit_test(test_who_summons),
		cmocka_unit_test(test_due_workdays),
		cmocka_unit_test(test_due),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
