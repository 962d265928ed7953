/*
 * Times as ISO 8601 writes them (the W3C profile Open311 and the JSON
 * answers use): parsed by the V_DATETIME validator, written by the
 * Open311 answers and /api/stats.  Pure functions, no HTTP.
 */
#ifndef LIANXIN_ISOTIME_H
#define LIANXIN_ISOTIME_H

#include <time.h>

/*
 * A W3C datetime (ISO 8601 subset): YYYY-MM-DDThh:mm[:ss[.s+]]TZD with
 * TZD = Z | +hh:mm | -hh:mm (a space stands for '+', as an unencoded
 * '+' in a query decodes to one), or a date YYYY-MM-DD alone, meaning
 * 00:00 local time.  Sets *t (UTC seconds).  Returns 0 or -1.
 */
int	 isotime_parse(const char *, time_t *t);

/*
 * "2026-11-21T23:30:00+08:00": t in local time with its offset.  Returns
 * out.
 */
char	*isotime_format(time_t t, char out[32]);

#endif
