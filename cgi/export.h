/*
 * Exports (cgi/export.c): what the export handlers share.
 */
#ifndef LIANXIN_EXPORT_H
#define LIANXIN_EXPORT_H

#include <time.h>

#include "auth.h"
#include "sheet.h"

struct vvalue;

/* Local time t as "YYYY-MM-DD HH:MM". */
void	 export_local_minute(time_t, char out[17]);
/* Today's local day number. */
int	 export_today(void);
/*
 * The scope of an export: the region id v (any level) when given, which
 * must lie in the user's scope (else 404), else the user's own scope;
 * its name into name.  0, or -1 when answered.
 */
int	 export_scope(struct req *, const struct staff *,
	    const struct vvalue *v, struct db_scope *, char name[DB_NAME_MAX]);
/* The period [from, to] of local days; default the month so far.  0, or
 * -1 after answering 400. */
int	 export_period(struct req *, const struct vvalue *from,
	    const struct vvalue *to, int *dfrom, int *dto);
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
