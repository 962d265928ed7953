/*
 * Exports (cgi/export.c): what the export handlers share.
 */
#ifndef LIANXIN_EXPORT_H
#define LIANXIN_EXPORT_H

#include <time.h>

#include "auth.h"
#include "figures.h"
#include "sheet.h"

struct vvalue;

/* Local time t as "YYYY-MM-DD HH:MM". */
void	 export_local_minute(time_t, char out[17]);
/*
 * The scope, period and grouping of an export, parsed as /api/stats and
 * the dashboard parse them (fig_parse: region, from, to, group).  0, or
 * -1 after answering 400, 404 (a region outside the user's scope) or the
 * database failure.
 */
int	 export_query(struct req *, const struct staff *, enum fig_group dflt,
	    struct fig_query *);
/* The 说明 lines every export has: scope, period (when period is set),
 * "as of" (asof_what: what is as of then) and who exported. */
void	 export_notes(struct sheet *, const struct req *,
	    const struct staff *, const struct fig_query *, int period,
	    const char *asof_what);
/* Answer 400 with a sentence (a literal). */
void	 export_bad(struct req *, const char *text);
/*
 * The audit line of an export: action "export", object "what.csv",
 * detail the filters, the rows that went out and the result (rc a db_rc,
 * sent what sheet_close returned).
 */
void	 export_audit(struct req *, const struct staff *, const char *what,
	    enum sheet_fmt, const char *filters, long long rows, int rc,
	    int sent);

#endif
