/*
 * The star bands and the steps of a rating (domain/starflow.c), table
 * driven: totals at and around every band's edge, and every (state,
 * action, role) combination against the rule of README "Star ratings".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "starflow.h"

static void
bands(void **state)
{
	static const struct { long long c; int stars; } t[] = {
		{ 0, 1 }, { 5999, 1 }, { 6000, 2 }, { 6999, 2 }, { 7000, 3 },
		{ 7999, 3 }, { 8000, 4 }, { 8999, 4 }, { 9000, 5 },
		{ 10000, 5 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		assert_int_equal(stars_of(t[i].c), t[i].stars);
	assert_string_equal(stars_label(5), "★★★★★");
	assert_string_equal(stars_label(1), "★☆☆☆☆");
	assert_string_equal(stars_label(0), "—");
}

/* Who takes a step from which state: the organisation from draft, the
 * street from self, the district from street; confirmed is final. */
static void
steps(void **state)
{
	static const enum role roles[] = { ROLE_GRID, ROLE_COMMUNITY,
	    ROLE_STREET, ROLE_DISTRICT, ROLE_ADMIN, ROLE_DEPT, ROLE_UNIT };
	int	 a, s, r, n;

	(void)state;
	for (a = 0; a < STA__MAX; a++)
		for (s = 0; s < STAR__MAX; s++)
			for (r = 0; r < (int)(sizeof(roles) / sizeof(roles[0]));
			    r++) {
				int may = (int)star_steps[a].from == s &&
				    (int)star_steps[a].actor ==
				    stars_actor_of(roles[r]);
				int want = (s == STAR_DRAFT && roles[r] ==
				    ROLE_UNIT && (a == STA_SAVE ||
				    a == STA_SUBMIT)) || (s == STAR_SELF &&
				    roles[r] == ROLE_STREET && (a ==
				    STA_STREET_RATE || a == STA_STREET_RETURN))
				    || (s == STAR_STREET && (roles[r] ==
				    ROLE_DISTRICT || roles[r] == ROLE_ADMIN) &&
				    (a == STA_CONFIRM || a ==
				    STA_DISTRICT_RETURN));

				assert_int_equal(may, want);
			}
	for (a = 0, n = 0; a < STA__MAX; a++)
		n += star_steps[a].note_required;
	assert_int_equal(n, 2);	/* the two returns */
	assert_int_equal(star_steps[STA_STREET_RETURN].to, STAR_DRAFT);
	assert_int_equal(star_steps[STA_DISTRICT_RETURN].to, STAR_SELF);
	assert_int_equal(star_steps[STA_CONFIRM].to, STAR_CONFIRMED);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(bands),
		cmocka_unit_test(steps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
