/*
 * Sample chart labels for tests and benchmarks (tests/support/chartdata.c).
 */
#ifndef LIANXIN_CHARTDATA_H
#define LIANXIN_CHARTDATA_H

extern const char *const chart_sample_names[36];
extern const char *const chart_sample_months[12];

#endif
