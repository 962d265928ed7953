/*
 * What the dashboard (cgi/dashboard.c) lends the sections other files
 * write into it (cgi/deptfig.c, cgi/cbfig.c).
 */
#ifndef LIANXIN_DASHBOARD_H
#define LIANXIN_DASHBOARD_H

#include "figures.h"

/*
 * Open a chart of the scope and period of fq: a <picture> with a source
 * per screen size and its <img> of /charts/CHART.png?ARG=VAL&..., written
 * up to the opening quote of the alt text.  The caller writes the alt
 * text and closes with "\"></picture>".
 */
void	 dashboard_chart_img(struct buf *, const char *chart,
	    const char *arg, const char *val, const struct fig_query *fq);

#endif
