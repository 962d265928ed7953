/*
 * Summons (街乡吹哨、部门报到): the level handling a request summons
 * departments to it; each department reports (报到: accepts) within its
 * response limit and answers (办结 its part) within its resolve limit.
 * The small state table of a summons and who may issue one.  Pure: no SQL,
 * no HTTP.  The data layer applies it (sql/depts.c), the pages ask it what
 * to offer (cgi/depts.c).
 */
#ifndef LIANXIN_SUMMONS_H
#define LIANXIN_SUMMONS_H

#include <time.h>

#include "flow.h"
#include "words.h"

/*
 * May role do action to a summons in state from?  Returns the new state,
 * or -1.  Only a department's own staff (ROLE_DEPT) act on a summons; the
 * data layer checks that the account belongs to the summoned unit.
 */
int	 summons_next(enum summons_state from, enum summons_action,
	    enum role);

/*
 * May role, at home level q->home, summon departments to request q now?
 * 1 or 0.  The request is open (submitted, accepted or assigned) and
 * handled at the street or the district; a street official summons for
 * the requests its street handles, a district official for those the
 * district handles, an admin for either.
 */
int	 summons_may_issue(const struct flow_req *q, enum role);

/*
 * The region level (enum region_level) whose units a summons for a request
 * handled at level may go to: the street's own for LV_STREET, the
 * district's and its streets' for LV_DISTRICT; -1 below the street.
 */
int	 summons_unit_level(enum rq_level);

/*
 * The due times of a summons issued at t: response_hours (wall-clock)
 * after it to report; resolve_days of the unit's kind (lib/workday.h:
 * working days by the calendar cal, the end of the nth working day after
 * t's local day, or calendar days, n * 24 hours) after it to answer.
 * *missing (may be NULL) as wd_limit_end's: the first year without a
 * holiday notice the answer relied on.
 */
time_t	 summons_response_due(time_t issued, int response_hours);
time_t	 summons_resolve_due(const struct wd_cal *cal, enum wd_unit,
	    time_t issued, int resolve_days, int *missing);

#endif
