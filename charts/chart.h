/*
 * charts: pure rendering of the dashboard charts — series and labels in,
 * PNG bytes out.  Knows nothing of SQL or HTTP and includes nothing of ours.
 *
 * Three charts:
 *   chart_bar_png    one rate per child region, ranked, with target line;
 *   chart_trend_png  one or more rates per month, with legend and target;
 *   chart_stack_png  outcome counts per child region, stacked to the total.
 *
 * Every chart has its title on top (shrunk, wrapped onto two lines or
 * shortened with "…" to fit), axis labels, gridlines and tick labels of an
 * honest axis from zero (on a low plot only every 2nd or 5th gridline
 * labelled), and keeps all text inside the image, no text over another.
 * Text scales with the image down to 0.85 of its size at 800x400 (small
 * text 11 px there, 9 px at least) and no further: on a phone's 400x300,
 * labels are thinned out or shortened rather than shrunk.  Text is UTF-8
 * drawn with one font through a process-wide glyph cache: each
 * (character, pixel size, weight) is rendered by FreeType once and blended
 * from the cache afterwards, and no lock is held while drawing.  Charts
 * are drawn into a libgd palette image (text and lines anti-aliased in 16
 * levels) and encoded by libgd as an 8-bit palette PNG, ~28 KB at
 * 800x400: a cold 800x400 chart costs about 2 ms of CPU.
 *
 * Build: `pkg-config --cflags --libs gdlib freetype2`, and -lpthread.
 *
 * Threads: call chart_init() once before threads start; afterwards every
 * chart_*_png() and chart_hash_*() may run in any number of threads at
 * once.  chart_shutdown() only after they have all finished.
 *
 * Errors: functions returning int answer 0 on success and -1 on failure
 * with errno set: EINVAL for invalid input (see each struct), ENOMEM when
 * memory ran out, ENODEV when chart_init() has not succeeded.
 *
 * Rendering is deterministic: equal input gives byte-identical PNGs, in any
 * thread, which is what the chart_hash_*() ETags rely on.
 */
#ifndef CHART_H
#define CHART_H

#include <stddef.h>
#include <stdint.h>

#define CHART_FONT_DEFAULT "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

#define CHART_W_MIN	200	/* image width bounds, pixels */
#define CHART_W_MAX	2000
#define CHART_H_MIN	150	/* image height bounds, pixels */
#define CHART_H_MAX	1500
#define CHART_ITEMS_MAX	200	/* regions per bar or stacked chart */
#define CHART_POINTS_MAX 120	/* months per trend chart */
#define CHART_SERIES_MAX 8	/* series per trend chart */
#define CHART_TEXT_MAX	255	/* bytes per title or label */

/*
 * Colours (0xRRGGBB) the charts use, public so that HTML legends and tests
 * can match them.
 */
#define CHART_RGB_BG	  0xFFFFFFu	/* background */
#define CHART_RGB_BAR	  0x3A6EA5u	/* bar chart bars */
#define CHART_RGB_LOW	  0xC9CED6u	/* bars below the minimum count */
#define CHART_RGB_HATCH	  0x9AA3AFu	/* their hatching */
#define CHART_RGB_TARGET  0xD4380Du	/* target line and its label */
#define CHART_RGB_ONTIME  0x3D8B5Au	/* 按期办结 */
#define CHART_RGB_LATE	  0xE3A33Bu	/* 超期办结 */
#define CHART_RGB_OPEN	  0x9DBBDDu	/* 办理中未超期 */
#define CHART_RGB_OVERDUE 0xC23B33u	/* 已超期 */

/*
 * Load the font (a .ttf, or face 0 of a .ttc; NULL means
 * CHART_FONT_DEFAULT) and pre-render the digits and signs the charts
 * use.  Call once, before threads start; calling it again while
 * initialised does nothing and answers 0.
 * Returns 0, or -1 if the font cannot be loaded.
 */
int	 chart_init(const char *font_path);

/* Free the glyph cache and the font.  No chart may be rendering. */
void	 chart_shutdown(void);

/* Nonzero when w x h lies within CHART_W_MIN..MAX x CHART_H_MIN..MAX. */
int	 chart_size_ok(int w, int h);

/*
 * Free a PNG returned by chart_*_png(): libgd's gdFree(), which is
 * free() in libgd 2.3.  NULL is fine.
 */
void	 chart_free(unsigned char *png);

/*
 * One region of a bar chart.
 */
struct chart_bar_item {
	const char	*label;	/* region name, e.g. "幸福里社区第三网格"; not NULL */
	double		 value;	/* rate in 0..1; NAN = empty, drawn "—" */
	long		 num;	/* numerator, >= 0 (checked and hashed) */
	long		 den;	/* denominator, >= 0, printed "n=214" */
	int		 low;	/* nonzero: below the minimum count; drawn
				   grey and hatched, legend "样本不足" */
};

/*
 * Bar chart of one rate per child region.  Bars are ranked inside the
 * module (the caller's order does not matter): regions with a rate by value
 * descending, then "low" regions by value descending, then empty ones; ties
 * keep the caller's order.  Each bar carries its rate ("93.5%") and count
 * ("n=214"): above the bar, or turned (reading upwards) inside the bar or
 * above it when bars are narrow; left out only where bars are narrower
 * than a line of text or a turned text fits neither inside nor above.
 * Region names are written on one line, wrapped on two, or set vertically
 * (竖排) when bars are narrow, in at most 40% of the height; names too
 * long for that are shortened in the middle ("幸福里…三网格"), and when
 * even one character per bar does not fit, only every k-th bar is named.
 *
 * A note (e.g. "本期尚未结束，数值仍会变化") is a line of small muted text
 * at the bottom, under the region names; the plot gives up the room
 * (left out where fewer than five lines of text would remain between the
 * legend and the note), shortened with "…" if wider than the image.
 *
 * Values must lie in 0..1 (a rounding excess of 1e-9 is clamped) or be
 * NAN; anything else is EINVAL, as are a NULL title or label, a text longer
 * than CHART_TEXT_MAX bytes, num or den < 0, n > CHART_ITEMS_MAX, a target
 * outside 0..1 and a size that fails chart_size_ok().  n == 0 draws the
 * axes and "无数据".
 */
struct chart_bar {
	const char	*title;		/* scope and period; not NULL */
	const char	*ylabel;	/* y axis, e.g. "办结率"; NULL = none */
	const char	*xlabel;	/* x axis, e.g. "社区"; NULL = none */
	const struct chart_bar_item *items;
	size_t		 n;
	double		 target;	/* 0..1, NAN = no target line */
	const char	*target_label;	/* NULL = "目标 90%" from target */
	const char	*note;		/* a line under the plot, or NULL */
	int		 width;
	int		 height;
};

/*
 * Render in as PNG.  On success *png (free with chart_free) holds *len
 * bytes and 0 is returned; on failure -1 and errno, *png is NULL.
 */
int	 chart_bar_png(const struct chart_bar *in,
	    unsigned char **png, size_t *len);

/*
 * One line of a trend chart.
 */
struct chart_series {
	const char	*name;	/* legend text; not NULL */
	uint32_t	 rgb;	/* 0xRRGGBB; 0 = next colour of the palette */
	const double	*values; /* npoints rates 0..1; NAN leaves a gap */
};

/*
 * Trend chart: rates per month on a 0–100% axis, one line per series, a
 * legend under the title, optional target line.  Month labels are thinned
 * out (every 2nd, 3rd, ...) when they would collide.  A point whose
 * period is not complete (partial[i] nonzero) is drawn as a ring in its
 * series' colour, white inside, and the segment leading into it dashed,
 * so that a month still running does not read as a fall; the segment
 * out of it stays solid.  The note, e.g. "空心点：本期尚未完结，数值仍会
 * 变化", is a line of small muted text under the month labels, as for
 * chart_bar.
 * Errors as for chart_bar, plus nseries > CHART_SERIES_MAX,
 * npoints > CHART_POINTS_MAX and NULL xlabels, values or names.
 * npoints == 0 draws "无数据".
 */
struct chart_trend {
	const char	*title;		/* scope and period; not NULL */
	const char	*ylabel;	/* NULL = none */
	const char *const *xlabels;	/* npoints labels, "2026-01" or "1月" */
	size_t		 npoints;
	const struct chart_series *series;
	size_t		 nseries;
	double		 target;	/* 0..1, NAN = none */
	const char	*target_label;	/* NULL = "目标 90%" from target */
	const unsigned char *partial;	/* npoints flags, or NULL: 1 marks a
					   period that is not complete (its
					   points hollow, the segments into
					   them dashed) */
	const char	*note;		/* a line under the plot, or NULL */
	int		 width;
	int		 height;
};

int	 chart_trend_png(const struct chart_trend *in,
	    unsigned char **png, size_t *len);

/*
 * Outcomes of the requests of one region, stacked bottom to top in this
 * order.
 */
enum chart_outcome {
	CHART_OUT_ONTIME,	/* 按期办结 resolved on time */
	CHART_OUT_LATE,		/* 超期办结 resolved late */
	CHART_OUT_OPEN,		/* 办理中未超期 open within limit */
	CHART_OUT_OVERDUE,	/* 已超期 open and overdue */
	CHART_OUT__MAX
};

struct chart_stack_item {
	const char	*label;			/* region name; not NULL */
	long		 count[CHART_OUT__MAX];	/* each >= 0 */
};

/*
 * Stacked bar chart of outcome counts per region, in the caller's order,
 * with a legend of the four outcomes, a count axis with round ticks and
 * each region's total above its bar.  Labels as for chart_bar.  Errors:
 * NULL title or label, over-long text, a negative count or a total above
 * 1e12, n > CHART_ITEMS_MAX, bad size.  n == 0 draws "无数据".
 */
struct chart_stack {
	const char	*title;		/* scope and period; not NULL */
	const char	*ylabel;	/* e.g. "诉求数（件）"; NULL = none */
	const char	*xlabel;	/* NULL = none */
	const struct chart_stack_item *items;
	size_t		 n;
	int		 width;
	int		 height;
};

int	 chart_stack_png(const struct chart_stack *in,
	    unsigned char **png, size_t *len);

/*
 * ETags: a 64-bit FNV-1a hash over every input that affects the drawing
 * (sizes, every text, value, count, flag, colour and the target) and over
 * the renderer's version, so that a caller can answer 304 without
 * rendering.  No pointer is hashed and numbers are hashed as fixed-width
 * little-endian bytes: the hash is stable across runs, processes and hosts
 * of the same renderer version.  Equal inputs give equal hashes; inputs
 * that chart_*_png() rejects still hash (the caller validates by
 * rendering); a NULL field hashes as a constant, a NULL in gives 0.  The
 * font file is not hashed: put its name or version into the ETag if
 * deployments may change it.
 */
uint64_t chart_hash_bar(const struct chart_bar *in);
uint64_t chart_hash_trend(const struct chart_trend *in);
uint64_t chart_hash_stack(const struct chart_stack *in);

#endif /* !CHART_H */
