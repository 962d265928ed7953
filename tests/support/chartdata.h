/*
 * Sample chart data for tests and benchmarks (tests/support/chartdata.c).
 */
#ifndef LIANXIN_CHARTDATA_H
#define LIANXIN_CHARTDATA_H

#include <stddef.h>

#include "chart.h"

extern const char *const chart_sample_names[36];
extern const char *const chart_sample_months[12];

/*
 * The dashboard's usual 36 communities: each item's label, den, value and
 * num; items 3 and 9 below the minimum count (low), item 5 without
 * requests (value NaN, den 0).
 */
void	 chart_sample_bar_items(struct chart_bar_item items[36]);
/*
 * Twelve months of three rates (resolution, satisfaction, on time); the
 * satisfaction of month 4 unknown (NaN).
 */
void	 chart_sample_trend_values(double tv[3][12]);
/* Outcome counts of the first n (at most 36) communities. */
void	 chart_sample_stack_items(struct chart_stack_item *items, size_t n);

#endif
