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

/*
 * The dashboard's three 800x400 charts of that data, their arrays filled
 * (the charts point into them): the bar chart of the 36 communities (of
 * the items of chart_sample_bar_items), the trend of the three rates
 * (series named after them, their values in tv) and the stacked chart of
 * the first n communities.
 */
struct chart_bar	 chart_sample_bar(struct chart_bar_item items[36]);
struct chart_trend	 chart_sample_trend(double tv[3][12],
			    struct chart_series series[3]);
struct chart_stack	 chart_sample_stack(struct chart_stack_item *items,
			    size_t n);

#endif
