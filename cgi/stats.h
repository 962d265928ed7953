/*
 * The figures for programs and images (cgi/stats.c).
 */
#ifndef LIANXIN_STATS_H
#define LIANXIN_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "http.h"

/* Answer an error under /api/ as JSON: {"error": msg}. */
void	 stats_api_error(struct req *, int status, const char *msg);
void	 stats_errfmt(struct req *, int status, const char *heading,
	    const char *text);

/*
 * Answer bar chart in (charts/chart.h) as /charts/bar.png does: its ETag
 * (304 when the client holds it), Cache-Control, the cached PNG or a
 * fresh rendering; 400 when it cannot be drawn (for other routes'
 * charts, e.g. an assessment round's totals).
 */
struct chart_bar;
void	 stats_send_bar(struct req *, const struct chart_bar *);

/* The chart cache's hits, misses and bytes held (for /metrics). */
void	 stats_cache_counts(unsigned long long *hits,
	    unsigned long long *misses, size_t *bytes);

/*
 * Answer a described chart (kind: a letter of its own, hash: of everything
 * it draws): 304 when the client holds its ETag, the cached PNG, or a
 * fresh rendering by render(in) (kept in the cache).
 */
void	 stats_chart_send(struct req *, char kind, uint64_t hash,
	    int (*render)(const void *, unsigned char **, size_t *),
	    const void *in);

#endif
