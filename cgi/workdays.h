/*
 * The holiday calendar as the daemon watches it (working days, 工作日):
 * the years a deadline set now may fall in and that have no notice
 * imported are reported at start-up in the log and on the dashboard.
 * The deadlines themselves are set by the data layer (sql/workday.c),
 * which reads the calendar each time it sets one.
 */
#ifndef LIANXIN_CGI_WORKDAYS_H
#define LIANXIN_CGI_WORKDAYS_H

#include <time.h>

struct buf;
struct config;
struct db;

/* Days ahead a deadline set today may reach: a 30-working-day limit
 * over the Spring Festival fits. */
#define WORKDAYS_HORIZON	62
#define WORKDAYS_MAX_MISSING	4

/* Log each year of this year .. today + WORKDAYS_HORIZON without its
 * notice ("holiday calendar missing for 2027"); once, at start-up. */
void	 workdays_startup(const struct config *);
/*
 * The years of that range without their notice, at most max into out
 * (-1: the database failed).  Kept in a memo for WORKDAYS_MEMO_SECONDS,
 * so that an import shows within that time.
 */
#define WORKDAYS_MEMO_SECONDS	10
int	 workdays_missing(struct db *, time_t now, int *out, int max);
/* The dashboard's notice of those years (nothing when none). */
void	 workdays_notice(struct buf *, struct db *, time_t now);

#endif
