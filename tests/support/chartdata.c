/*
 * Sample chart data shared by the chart tests and the chart benchmark:
 * 36 community names of realistic lengths, 12 months, and the figures
 * drawn for them.
 */
#include <math.h>

#include "chartdata.h"

const char *const chart_sample_names[36] = {
	"幸福里社区第三网格", "望京西园社区", "花家地北里社区", "南湖东园第一社区",
	"利泽西园社区", "宝星园社区", "大西洋新城社区", "望京东园四区社区",
	"方舟苑社区", "澳洲康都社区", "望花路东里社区", "望花路西里社区",
	"南湖中园社区", "夏都家园社区", "丽都花园社区", "季景沁园社区",
	"望京花园东区", "国风北京社区", "宝星园第二网格", "望京新城社区",
	"阜通东大街社区", "融科橄榄城社区", "广顺北大街社区", "花家地西里社区",
	"湖光中街社区", "宏泰东街社区", "阜荣街社区", "南湖西园社区",
	"首开常青藤社区", "保利社区", "金隅社区", "果岭里社区",
	"北小河社区", "圣星社区", "望京街道第36社区", "东湖渠社区",
};

const char *const chart_sample_months[12] = {
	"2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07",
	"2025-08", "2025-09", "2025-10", "2025-11", "2025-12", "2026-01",
};

void
chart_sample_bar_items(struct chart_bar_item items[36])
{
	size_t	 i;

	for (i = 0; i < 36; i++) {
		items[i].label = chart_sample_names[i];
		items[i].den = 20 + (long)(i * 37 % 300);
		items[i].value = 0.55 + 0.45 * (double)(i * 53 % 100) / 100;
		items[i].num = lround(items[i].value * items[i].den);
		items[i].low = i == 3 || i == 9;
	}
	items[5].value = NAN, items[5].den = 0;
}

void
chart_sample_trend_values(double tv[3][12])
{
	size_t	 i;

	for (i = 0; i < 12; i++) {
		tv[0][i] = 0.80 + 0.15 * sin(i / 2.0);
		tv[1][i] = 0.60 + 0.20 * cos(i / 3.0);
		tv[2][i] = 0.95 - 0.02 * (double)i;
	}
	tv[1][4] = NAN;
}

void
chart_sample_stack_items(struct chart_stack_item *items, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		items[i].label = chart_sample_names[i];
		items[i].count[CHART_OUT_ONTIME] = 50 + (long)(i * 31 % 120);
		items[i].count[CHART_OUT_LATE] = (long)(i * 7 % 30);
		items[i].count[CHART_OUT_OPEN] = (long)(i * 13 % 25);
		items[i].count[CHART_OUT_OVERDUE] = (long)(i * 5 % 12);
	}
}

struct chart_bar
chart_sample_bar(struct chart_bar_item items[36])
{
	chart_sample_bar_items(items);
	return (struct chart_bar){
		"望京街道 2026年1月 各社区办结率（截至 2026-02-03 10:00）",
		"办结率", "社区", items, 36, 0.90, NULL, NULL, 800, 400,
	};
}

struct chart_trend
chart_sample_trend(double tv[3][12], struct chart_series series[3])
{
	static const char *const names[3] = { "办结率", "满意率", "按期办结率" };
	size_t	 k;

	chart_sample_trend_values(tv);
	for (k = 0; k < 3; k++)
		series[k] = (struct chart_series){ names[k], 0, tv[k] };
	return (struct chart_trend){
		"望京街道 2025-02 至 2026-01 月度趋势", "比率",
		chart_sample_months, 12, series, 3, 0.90, NULL, NULL, NULL,
		800, 400,
	};
}

struct chart_stack
chart_sample_stack(struct chart_stack_item *items, size_t n)
{
	chart_sample_stack_items(items, n);
	return (struct chart_stack){
		"望京街道 2026年1月 各社区诉求办理情况", "诉求数（件）", "社区",
		items, n, 800, 400,
	};
}
