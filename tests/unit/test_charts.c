/*
 * Unit tests of charts/: render, decode the PNG with libgd and look at the
 * pixels.  Expected geometry is derived from the image itself (the 100%
 * bar gives the scale) or from the inputs, never copied from a run.
 * Where texts fall is read from the renderer's own record of each text's
 * ink (glyph_trace, see chartint.h): no two may meet.
 * Rendered samples go to tests/artifacts/ for a person to look at.
 *
 * Reference image: tests/data/charts/bar_800x400.png is the sample bar
 * chart; after a deliberate change of the drawing, copy
 * tests/artifacts/chart_bar.png over it.
 *
 * Longer than 800 lines: one test program per family, whose cases share
 * its fixtures (a logged-in client, the demo's places); most of it is
 * tables of cases.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <gd.h>

#include "../../charts/chart.h"
#include "../../charts/canvas.h"
#include "../../charts/chartint.h"
#include "chartdata.h"

#define ARTIFACTS	"tests/artifacts"
#define REFERENCE	"tests/data/charts/bar_800x400.png"
#define NITEMS(a)	(sizeof(a) / sizeof((a)[0]))



/* ------------------------------------------------------------------ */
/* Fixtures and helpers                                                */

static struct chart_bar_item sample_items[36];
static double tv[3][12];
static struct chart_series sample_series[3];
static struct chart_stack_item sample_stack_items[36];

/* The dashboard's usual bar chart: 36 communities, 800x400; two low
 * items with few requests and one at 100%. */
static struct chart_bar
sample_bar(void)
{
	struct chart_bar b = chart_sample_bar(sample_items);

	sample_items[3].den = 6;
	sample_items[9].den = 3;
	sample_items[7].value = 1.0;
	return b;
}

static struct chart_trend
sample_trend(void)
{
	struct chart_trend t = chart_sample_trend(tv, sample_series);

	tv[2][8] = NAN;
	return t;
}

static struct chart_stack
sample_stack(size_t n)
{
	struct chart_stack st = chart_sample_stack(sample_stack_items, n);

	st.xlabel = NULL;
	return st;
}

enum kind { K_BAR, K_TREND, K_STACK, K__MAX };

/* Render one chart of any kind; returns the chart_*_png() result. */
static int
render(enum kind k, const void *in, unsigned char **png, size_t *len)
{
	switch (k) {
	case K_BAR:
		return chart_bar_png(in, png, len);
	case K_TREND:
		return chart_trend_png(in, png, len);
	default:
		return chart_stack_png(in, png, len);
	}
}

static void
save(const char *name, const unsigned char *png, size_t len)
{
	char	 path[256];
	FILE	*f;

	mkdir("tests", 0755);
	mkdir(ARTIFACTS, 0755);
	snprintf(path, sizeof(path), ARTIFACTS "/%s", name);
	if ((f = fopen(path, "wb")) != NULL) {
		fwrite(png, 1, len, f);
		fclose(f);
	}
}

/*
 * Render, check success, decode, check the size; optionally save.  With
 * t, the text trace is on while rendering: *t gets the ink box of every
 * text drawn.
 */
static gdImagePtr
traced(enum kind k, const void *in, int w, int h, const char *artifact,
    struct trace *t)
{
	unsigned char	*png = NULL;
	size_t		 len = 0;
	gdImagePtr	 im;
	int		 rc;

	if (t != NULL)
		t->n = 0;
	glyph_trace = t;
	rc = render(k, in, &png, &len);
	glyph_trace = NULL;
	assert_int_equal(rc, 0);
	assert_non_null(png);
	assert_true(len > 8);
	if (t != NULL)
		assert_true(t->n < t->max);
	if (artifact != NULL)
		save(artifact, png, len);
	im = gdImageCreateFromPngPtr((int)len, png);
	chart_free(png);
	assert_non_null(im);
	assert_true(gdImagePaletteToTrueColor(im));
	assert_int_equal(gdImageSX(im), w);
	assert_int_equal(gdImageSY(im), h);
	return im;
}

static gdImagePtr
decode(enum kind k, const void *in, int w, int h, const char *artifact)
{
	return traced(k, in, w, h, artifact, NULL);
}

static uint32_t
px(gdImagePtr im, int x, int y)
{
	int c = gdImageGetTrueColorPixel(im, x, y);

	return (uint32_t)(gdImageRed(im, c) << 16 | gdImageGreen(im, c) << 8 |
	    gdImageBlue(im, c));
}

/* Colours within tol in every channel. */
static int
near(uint32_t a, uint32_t b, int tol)
{
	int i, d;

	for (i = 0; i < 24; i += 8) {
		d = (int)(a >> i & 0xff) - (int)(b >> i & 0xff);
		if (d > tol || d < -tol)
			return 0;
	}
	return 1;
}

/* A run of columns containing colour rgb: [x0, x1), rows [top, bot]. */
struct bar {
	int x0, x1, top, bot;
};

/*
 * Find up to max bars of exactly colour rgb from row y0 down, left to
 * right: maximal runs of columns that contain the colour.  Returns how
 * many.
 */
static size_t
find_bars(gdImagePtr im, int y0, uint32_t rgb, struct bar *b, size_t max)
{
	size_t	 n = 0;
	int	 x, y, top, bot, in = 0;

	for (x = 0; x < gdImageSX(im); x++) {
		for (top = -1, bot = -1, y = y0; y < gdImageSY(im); y++)
			if (px(im, x, y) == rgb) {
				if (top < 0)
					top = y;
				bot = y;
			}
		if (top >= 0 && !in && n < max) {
			b[n++] = (struct bar){ x, x + 1, top, bot };
			in = 1;
		} else if (top >= 0 && in) {
			b[n - 1].x1 = x + 1;
			b[n - 1].top = top < b[n - 1].top ? top : b[n - 1].top;
			b[n - 1].bot = bot > b[n - 1].bot ? bot : b[n - 1].bot;
		} else if (top < 0)
			in = 0;
	}
	return n;
}

/* Pixels of colour rgb (within tol) in row y. */
static int
row_count(gdImagePtr im, int y, uint32_t rgb, int tol)
{
	int x, n = 0;

	for (x = 0; x < gdImageSX(im); x++)
		n += near(px(im, x, y), rgb, tol);
	return n;
}

/* The row under the topmost band of rows holding colour rgb (a legend). */
static int
band_end(gdImagePtr im, uint32_t rgb)
{
	int y = 0;

	while (y < gdImageSY(im) && row_count(im, y, rgb, 0) == 0)
		y++;
	while (y < gdImageSY(im) && row_count(im, y, rgb, 0) > 0)
		y++;
	return y;
}

/*
 * No two texts' ink boxes meet, every text lies inside the image and is
 * drawn at px_min pixels or more.  Returns how many texts have ink.
 */
static size_t
no_overlap(const struct trace *t, int w, int h, int px_min, const char *what)
{
	const struct tbox	*a, *b;
	size_t			 i, j, n = 0;

	for (i = 0; i < t->n; i++) {
		a = &t->box[i];
		if (a->x0 >= a->x1)
			continue;	/* an empty text, e.g. no count */
		n++;
		if (a->x0 < 0 || a->y0 < 0 || a->x1 > w || a->y1 > h)
			fail_msg("%s: text %zu outside", what, i);
		if (a->px < px_min)
			fail_msg("%s: text %zu at %d px", what, i, a->px);
		for (j = i + 1; j < t->n; j++) {
			b = &t->box[j];
			if (b->x0 < b->x1 && a->x0 < b->x1 && b->x0 < a->x1 &&
			    a->y0 < b->y1 && b->y0 < a->y1)
				fail_msg("%s: texts %zu (%d,%d-%d,%d) and %zu "
				    "(%d,%d-%d,%d) overlap", what, i, a->x0,
				    a->y0, a->x1, a->y1, j, b->x0, b->y0, b->x1,
				    b->y1);
		}
	}
	return n;
}

/* Texts whose ink lies wholly under row y: the labels under a plot. */
static size_t
texts_under(const struct trace *t, int y)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++)
		n += t->box[i].x0 < t->box[i].x1 && t->box[i].y0 > y;
	return n;
}

/* The zero line's row: the row with most of the axis colour. */
static int
zero_row(gdImagePtr im)
{
	int y, n, best = 0, row = -1;

	for (y = 0; y < gdImageSY(im); y++)
		if ((n = row_count(im, y, 0x8C959F, 0)) > best)
			best = n, row = y;
	assert_true(best > gdImageSX(im) / 3);
	return row;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */

static void
test_size_ok(void **state)
{
	static const struct { int w, h, ok; } t[] = {
		{ 800, 400, 1 }, { 200, 150, 1 }, { 2000, 1500, 1 },
		{ 199, 400, 0 }, { 800, 149, 0 }, { 2001, 400, 0 },
		{ 800, 1501, 0 }, { 0, 0, 0 }, { -800, 400, 0 },
		{ 800, -400, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++)
		assert_int_equal(chart_size_ok(t[i].w, t[i].h) != 0, t[i].ok);
}

/* Every kind of bad input answers -1 and EINVAL, never crashes. */
static void
test_invalid(void **state)
{
	static char		 longtext[CHART_TEXT_MAX + 2];
	struct chart_bar_item	 it[2] = {
		{ "甲社区", 0.5, 5, 10, 0 }, { "乙社区", 0.7, 7, 10, 0 },
	};
	static const struct {
		const char	*what;
		int		 field;	/* which field the case breaks */
		double		 d;
		long		 l;
	} t[] = {
		{ "NULL title", 0, 0, 0 },
		{ "NULL label", 1, 0, 0 },
		{ "value 1.5", 2, 1.5, 0 },
		{ "value -0.1", 2, -0.1, 0 },
		{ "value inf", 2, INFINITY, 0 },
		{ "den < 0", 3, 0, -1 },
		{ "num < 0", 4, 0, -1 },
		{ "target 1.2", 5, 1.2, 0 },
		{ "width 100", 6, 0, 100 },
		{ "height 5000", 7, 0, 5000 },
		{ "n too large", 8, 0, CHART_ITEMS_MAX + 1 },
		{ "long label", 9, 0, 0 },
		{ "NULL items", 10, 0, 0 },
		{ "long note", 11, 0, 0 },
	};
	struct chart_bar	 b;
	unsigned char		*png = (unsigned char *)"x";
	size_t			 i, len = 1;

	(void)state;
	memset(longtext, 'a', sizeof(longtext) - 1);
	for (i = 0; i < NITEMS(t); i++) {
		b = (struct chart_bar){ "标题", "办结率", NULL, it, 2, NAN,
		    NULL, NULL, 800, 400 };
		it[0] = (struct chart_bar_item){ "甲社区", 0.5, 5, 10, 0 };
		switch (t[i].field) {
		case 0: b.title = NULL; break;
		case 1: it[0].label = NULL; break;
		case 2: it[0].value = t[i].d; break;
		case 3: it[0].den = t[i].l; break;
		case 4: it[0].num = t[i].l; break;
		case 5: b.target = t[i].d; break;
		case 6: b.width = (int)t[i].l; break;
		case 7: b.height = (int)t[i].l; break;
		case 8: b.n = (size_t)t[i].l; break;
		case 9: it[0].label = longtext; break;
		case 11: b.note = longtext; break;
		default: b.items = NULL; break;
		}
		errno = 0;
		if (chart_bar_png(&b, &png, &len) != -1 || errno != EINVAL)
			fail_msg("accepted: %s", t[i].what);
		assert_null(png);
		assert_int_equal(len, 0);
	}

	/* Bytes that are not UTF-8 are drawn as U+FFFD, not refused. */
	it[1].label = "\xff\xfe\xe5\x8f社区\xc0\x80";
	b = (struct chart_bar){ "\xe6", NULL, NULL, it, 2, NAN, NULL, NULL,
	    800, 400 };
	assert_int_equal(chart_bar_png(&b, &png, &len), 0);
	chart_free(png);

	/* A rounding excess is clamped, not refused. */
	it[0].value = 1 + 1e-12;
	b = (struct chart_bar){ "标题", NULL, NULL, it, 2, NAN, NULL, NULL,
	    800, 400 };
	assert_int_equal(chart_bar_png(&b, &png, &len), 0);
	chart_free(png);

	/* NULL output pointers, NULL input. */
	assert_int_equal(chart_bar_png(&b, NULL, &len), -1);
	assert_int_equal(chart_bar_png(NULL, &png, &len), -1);
	assert_int_equal(chart_trend_png(NULL, &png, &len), -1);
	assert_int_equal(chart_stack_png(NULL, &png, &len), -1);
}

static void
test_invalid_trend_stack(void **state)
{
	double			 v[2] = { 0.5, 2.0 };
	const char		*xl[2] = { "1月", NULL };
	struct chart_series	 se = { "办结率", 0, v };
	struct chart_trend	 t = { "标题", NULL, xl, 1, &se, 1, NAN, NULL,
	    NULL, NULL, 800, 400 };
	struct chart_stack_item	 si = { "甲社区", { 1, 2, 3, -1 } };
	struct chart_stack	 s = { "标题", NULL, NULL, &si, 1, 800, 400 };
	static char		 longtext[CHART_TEXT_MAX + 2];
	unsigned char		*png;
	size_t			 len;

	(void)state;
	memset(longtext, 'a', sizeof(longtext) - 1);
	assert_int_equal(chart_trend_png(&t, &png, &len), 0);
	chart_free(png);
	t.npoints = 2;		/* NULL x label, value 2.0 */
	assert_int_equal(chart_trend_png(&t, &png, &len), -1);
	assert_int_equal(errno, EINVAL);
	xl[1] = "2月";		/* value 2.0 */
	assert_int_equal(chart_trend_png(&t, &png, &len), -1);
	t.npoints = 1;
	t.nseries = CHART_SERIES_MAX + 1;
	assert_int_equal(chart_trend_png(&t, &png, &len), -1);
	t.nseries = 1;
	se.rgb = 0x1000000;
	assert_int_equal(chart_trend_png(&t, &png, &len), -1);
	se.rgb = 0;
	t.note = longtext;	/* a note longer than CHART_TEXT_MAX */
	errno = 0;
	assert_int_equal(chart_trend_png(&t, &png, &len), -1);
	assert_int_equal(errno, EINVAL);
	longtext[CHART_TEXT_MAX] = '\0';	/* the longest allowed */
	assert_int_equal(chart_trend_png(&t, &png, &len), 0);
	chart_free(png);
	t.note = NULL;
	assert_int_equal(chart_stack_png(&s, &png, &len), -1);	/* count -1 */
	assert_int_equal(errno, EINVAL);
	si.count[3] = 0;
	s.width = 100;
	assert_int_equal(chart_stack_png(&s, &png, &len), -1);
}

/* The three samples decode at their size; saved for a person to see. */
static void
test_samples(void **state)
{
	struct chart_bar	 b = sample_bar();
	struct chart_trend	 t = sample_trend();
	struct chart_stack	 s = sample_stack(36), s8 = sample_stack(8);

	(void)state;
	gdImageDestroy(decode(K_BAR, &b, 800, 400, "chart_bar.png"));
	gdImageDestroy(decode(K_TREND, &t, 800, 400, "chart_trend.png"));
	gdImageDestroy(decode(K_STACK, &s, 800, 400, "chart_stack.png"));
	gdImageDestroy(decode(K_STACK, &s8, 800, 400, "chart_stack_8.png"));
	b.n = 8, b.width = 640, b.height = 360;
	gdImageDestroy(decode(K_BAR, &b, 640, 360, "chart_bar_8.png"));
	b.n = 36, b.width = 400, b.height = 300;
	gdImageDestroy(decode(K_BAR, &b, 400, 300, "chart_bar_small.png"));
	b.width = 1200, b.height = 600;
	gdImageDestroy(decode(K_BAR, &b, 1200, 600, "chart_bar_large.png"));
}

/*
 * Bars are ranked and their heights follow their values: the 100% bar
 * gives the plot's full height, the others must reach value x that.
 */
static void
test_bar_heights(void **state)
{
	struct chart_bar_item	 it[4] = {
		{ "乙社区", 0.25, 1, 4, 0 }, { "甲社区", 1.0, 4, 4, 0 },
		{ "丙社区", 0.5, 2, 4, 0 }, { "丁社区", 0.75, 3, 4, 0 },
	};
	struct chart_bar	 b = { "高度", "办结率", NULL, it, 4, NAN, NULL,
	    NULL, 800, 400 };
	const double		 want[4] = { 1.0, 0.75, 0.5, 0.25 };
	struct bar		 bar[8];
	gdImagePtr		 im;
	int			 full, base;
	size_t			 i;

	(void)state;
	im = decode(K_BAR, &b, 800, 400, NULL);
	assert_int_equal(find_bars(im, 0, CHART_RGB_BAR, bar, 8), 4);
	base = bar[0].bot + 1;		/* first row under the bars */
	full = base - bar[0].top;
	assert_true(full > 100);
	for (i = 0; i < 4; i++) {
		assert_int_equal(bar[i].bot + 1, base);
		assert_in_range(bar[i].top, base - lround(want[i] * full) - 2,
		    base - lround(want[i] * full) + 2);
		assert_true(bar[i].x1 - bar[i].x0 > 10);
		if (i > 0)	/* ranked left to right, evenly spaced */
			assert_in_range(bar[i].x0 - bar[i - 1].x0,
			    bar[1].x0 - bar[0].x0 - 1, bar[1].x0 - bar[0].x0 + 1);
	}
	/* The zero line lies under the bars, in its own colour. */
	assert_false(px(im, bar[0].x0 + 2, base) == CHART_RGB_BAR);
	assert_false(px(im, bar[0].x0 + 2, base) == CHART_RGB_BG);
	gdImageDestroy(im);
}

/* Target line: its colour across the plot at the target's row. */
static void
test_target_line(void **state)
{
	struct chart_bar_item	 it[2] = {
		{ "甲社区", 1.0, 9, 9, 0 }, { "乙社区", 0.4, 4, 10, 0 },
	};
	struct chart_bar	 b = { "目标", NULL, NULL, it, 2, 0.9, NULL, NULL,
	    800, 400 };
	struct bar		 bar[4];
	gdImagePtr		 im;
	int			 full, base, yt, y, best = -1, bestn = 0, n;

	(void)state;
	im = decode(K_BAR, &b, 800, 400, NULL);
	assert_int_equal(find_bars(im, 0, CHART_RGB_BAR, bar, 4), 2);
	base = bar[0].bot + 1;
	full = base - bar[0].top;
	yt = base - (int)lround(0.9 * full);
	for (y = 0; y < 400; y++)
		if ((n = row_count(im, y, CHART_RGB_TARGET, 0)) > bestn)
			bestn = n, best = y;
	assert_in_range(best, yt - 2, yt + 2);
	assert_true(bestn > 800 / 3);
	/* Nowhere else: rows well away from it carry no target colour
	 * except the label's text. */
	assert_int_equal(row_count(im, yt - 12, CHART_RGB_TARGET, 0), 0);
	assert_int_equal(row_count(im, yt + 12, CHART_RGB_TARGET, 0), 0);
	gdImageDestroy(im);

	b.target = NAN;
	im = decode(K_BAR, &b, 800, 400, NULL);
	for (y = 0; y < 400; y++)
		assert_int_equal(row_count(im, y, CHART_RGB_TARGET, 0), 0);
	gdImageDestroy(im);
}

/*
 * A region below the minimum count is grey and hatched, never in the bar
 * colour, and ranks after the regular ones even with a higher rate.
 */
static void
test_low_grey(void **state)
{
	struct chart_bar_item	 it[3] = {
		{ "少样本社区", 0.95, 2, 2, 1 }, { "甲社区", 0.5, 50, 100, 0 },
		{ "无数据社区", NAN, 0, 0, 0 },
	};
	struct chart_bar	 b = { "样本", NULL, NULL, it, 3, NAN, NULL,
	    NULL, 800, 400 };
	struct bar		 reg[4], low[4];
	gdImagePtr		 im;
	int			 x, y, y0, hatch = 0, blue = 0;
	double			 full;

	(void)state;
	im = decode(K_BAR, &b, 800, 400, NULL);
	/* The legend shows a swatch of each; the bars come under it. */
	y0 = band_end(im, CHART_RGB_LOW);
	assert_true(y0 < 100);
	assert_int_equal(find_bars(im, y0, CHART_RGB_BAR, reg, 4), 1);
	assert_int_equal(find_bars(im, y0, CHART_RGB_LOW, low, 4), 1);
	assert_true(low[0].x0 > reg[0].x1);	/* ranked after */
	assert_int_equal(low[0].bot, reg[0].bot);
	full = (reg[0].bot + 1 - reg[0].top) / 0.5;	/* honest height */
	assert_in_range(low[0].bot + 1 - low[0].top, lround(0.95 * full) - 2,
	    lround(0.95 * full) + 2);
	for (x = low[0].x0; x < low[0].x1; x++)
		for (y = low[0].top; y <= low[0].bot; y++) {
			hatch += px(im, x, y) == CHART_RGB_HATCH;
			blue += px(im, x, y) == CHART_RGB_BAR;
		}
	assert_true(hatch > 50);
	assert_int_equal(blue, 0);
	gdImageDestroy(im);
}

/*
 * No text reaches the outermost pixel frame, nor another text, however
 * long the texts (a note too, and partial months).
 */
static void
test_border_clear(void **state)
{
	static const char	 lng[] = "幸福里社区第三网格幸福里社区第三网格"
	    "幸福里社区第三网格幸福里社区第三网格幸福里社区第三网格";
	static const struct { int w, h; size_t n; } t[] = {
		{ 800, 400, 36 }, { 800, 400, 3 }, { 800, 400, 1 },
		{ 200, 150, 36 }, { 200, 150, 2 }, { 300, 600, 12 },
		{ 2000, 300, 200 }, { 1000, 1500, 5 },
	};
	struct chart_bar_item	 it[CHART_ITEMS_MAX];
	struct chart_stack_item	 si[CHART_ITEMS_MAX];
	const char		*xl[CHART_ITEMS_MAX > 12 ? 12 : 1];
	double			 v[12];
	const unsigned char	 part[12] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    1, 1 };
	struct chart_series	 se[2] = { { lng, 0, v }, { lng, 0x884422, v } };
	static struct tbox	 box[1024];
	struct trace		 trc = { box, 0, NITEMS(box) };
	char			 what[64];
	gdImagePtr		 im;
	size_t			 i, k, j;
	int			 x, y;

	(void)state;
	for (i = 0; i < CHART_ITEMS_MAX; i++) {
		it[i] = (struct chart_bar_item){ lng, 0.999, 999999, 999999,
		    i % 3 == 0 };
		si[i] = (struct chart_stack_item){ lng, { 999999, 1, 1, 1 } };
	}
	for (i = 0; i < 12; i++)
		xl[i] = lng, v[i] = 1;
	for (i = 0; i < NITEMS(t); i++)
		for (k = 0; k < K__MAX; k++) {
			struct chart_bar b = { lng, lng, lng, it, t[i].n,
			    0.999, lng, lng, t[i].w, t[i].h };
			struct chart_trend tr = { lng, lng, xl,
			    t[i].n > 12 ? 12 : t[i].n, se, 2, 0.5, lng,
			    part, lng, t[i].w, t[i].h };
			struct chart_stack s = { lng, lng, lng, si, t[i].n,
			    t[i].w, t[i].h };
			const void *in[K__MAX] = { &b, &tr, &s };

			im = traced((enum kind)k, in[k], t[i].w, t[i].h,
			    i == 0 ? (const char *[]){ "chart_long_bar.png",
			    "chart_long_trend.png", "chart_long_stack.png" }[k] :
			    NULL, &trc);
			snprintf(what, sizeof(what), "kind %zu size %zu", k, i);
			no_overlap(&trc, t[i].w, t[i].h, PX_MIN, what);
			for (j = 0; j < 2; j++) {
				for (x = 0; x < t[i].w; x++) {
					y = j ? t[i].h - 1 : 0;
					if (px(im, x, y) != CHART_RGB_BG)
						fail_msg("kind %zu size %zu: "
						    "(%d,%d)", k, i, x, y);
				}
				for (y = 0; y < t[i].h; y++) {
					x = j ? t[i].w - 1 : 0;
					if (px(im, x, y) != CHART_RGB_BG)
						fail_msg("kind %zu size %zu: "
						    "(%d,%d)", k, i, x, y);
				}
			}
			gdImageDestroy(im);
		}
}

/* Columns in row y whose colour is near rgb, counted as runs. */
static int
runs(gdImagePtr im, int y, uint32_t rgb, int *first, int *last)
{
	int x, n = 0, in = 0, hit;

	*first = *last = -1;
	for (x = 0; x < gdImageSX(im); x++) {
		hit = near(px(im, x, y), rgb, 24);
		if (hit && !in) {
			n++;
			if (*first < 0)
				*first = x;
		}
		if (hit)
			*last = x;
		in = hit;
	}
	return n;
}

/*
 * A flat series at 50% draws one horizontal line at half height; a NAN
 * point splits it in two.
 */
static void
test_trend_gap(void **state)
{
	double			 v[5] = { 0.5, 0.5, 0.5, 0.5, 0.5 };
	const char		*xl[5] = { "1月", "2月", "3月", "4月", "5月" };
	const uint32_t		 rgb = 0x228833;
	struct chart_series	 se = { "满意率", rgb, v };
	struct chart_trend	 t = { "缺口", NULL, xl, 5, &se, 1, NAN, NULL,
	    NULL, NULL, 800, 400 };
	gdImagePtr		 im;
	int			 y, n, best = -1, bestn = 0, a, b, a2, b2;

	(void)state;
	im = decode(K_TREND, &t, 800, 400, NULL);
	for (y = 60; y < 400; y++)	/* under the legend */
		if ((n = row_count(im, y, rgb, 24)) > bestn)
			bestn = n, best = y;
	assert_true(bestn > 400);
	assert_int_equal(runs(im, best, rgb, &a, &b), 1);
	gdImageDestroy(im);

	v[2] = NAN;
	im = decode(K_TREND, &t, 800, 400, "chart_trend_gap.png");
	assert_int_equal(runs(im, best, rgb, &a2, &b2), 2);
	assert_in_range(a2, a - 1, a + 1);	/* same ends, hole inside */
	assert_in_range(b2, b - 1, b + 1);
	/* The hole spans about one slot either side of the missing point. */
	assert_true(row_count(im, best, rgb, 24) < bestn * 3 / 4);
	assert_false(near(px(im, (a + b) / 2, best), rgb, 24));
	gdImageDestroy(im);
}

/*
 * The plot of a chart of rates, found in the image: columns [pl, pr) of
 * its longest gridline, the zero line's row pb (in CHART's axis colour,
 * 0x8C959F) and the 100% gridline's row pt, the topmost row that is grid
 * colour over most of that width.
 */
struct plot {
	int pl, pr, pt, pb;
};

static struct plot
find_plot(gdImagePtr im)
{
	struct plot	 p = { -1, -1, -1, -1 };
	int		 y, n, best = 0, a, b;

	for (y = 0; y < gdImageSY(im); y++)
		if ((n = row_count(im, y, 0x8C959F, 0)) > best)
			best = n, p.pb = y;
	assert_true(best > gdImageSX(im) / 2);
	for (a = 0; px(im, a, p.pb) != 0x8C959F; a++)
		;
	for (b = a; b < gdImageSX(im) && px(im, b, p.pb) == 0x8C959F; b++)
		;
	assert_int_equal(b - a, best);	/* one line */
	p.pl = a, p.pr = b;
	for (y = 0; y < p.pb; y++)
		if (row_count(im, y, 0xE4E7EB, 0) > (p.pr - p.pl) / 2) {
			p.pt = y;
			break;
		}
	assert_true(p.pt > 0 && p.pb - p.pt > 50);
	return p;
}

/* Columns x0..x1 of row y exactly in the background colour. */
static int
bg_cols(gdImagePtr im, int y, int x0, int x1)
{
	int x, n = 0;

	for (x = x0; x <= x1; x++)
		n += px(im, x, y) == CHART_RGB_BG;
	return n;
}

/* Columns [x0, x1) of row y in other colours than the background. */
static int
ink_cols(gdImagePtr im, int y, int x0, int x1)
{
	return x1 - x0 - bg_cols(im, y, x0, x1 - 1);
}

/*
 * Under row y, in columns [x0, x1): past the first band of rows with ink
 * (the labels under the plot), the pixels with ink; *dark the darkest.
 */
static int
ink_under(gdImagePtr im, int y, int x0, int x1, uint32_t *dark)
{
	int		 x, n = 0, h = gdImageSY(im);
	unsigned	 sum, best = 3 * 255 + 1;
	uint32_t	 c;

	while (y < h && ink_cols(im, y, x0, x1) == 0)
		y++;
	while (y < h && ink_cols(im, y, x0, x1) > 0)
		y++;
	*dark = CHART_RGB_BG;
	for (; y < h; y++)
		for (x = x0; x < x1; x++) {
			if ((c = px(im, x, y)) == CHART_RGB_BG)
				continue;
			n++;
			sum = (c >> 16) + (c >> 8 & 0xff) + (c & 0xff);
			if (sum < best)
				best = sum, *dark = c;
		}
	return n;
}

/* Pixels near rgb, found from (x, y) stepping by (dx, dy), at most n. */
static int
reach(gdImagePtr im, int x, int y, int dx, int dy, uint32_t rgb, int n)
{
	int i;

	for (i = 1; i <= n; i++)
		if (near(px(im, x + i * dx, y + i * dy), rgb, 24))
			return i;
	return 0;
}

/*
 * A flat series at 50% over five months, months 3 and 5 not complete:
 * those points are rings in the series' colour, white inside; the
 * segments into them dashed (background between dashes on the line), the
 * others solid, also the one out of the ring of month 3; the note's text
 * lies under the plot, which gives up the room for it.
 */
static void
test_trend_partial(void **state)
{
	double			 v[5] = { 0.5, 0.5, 0.5, 0.5, 0.5 };
	const char		*xl[5] = { "1月", "2月", "3月", "4月", "5月" };
	const unsigned char	 part[5] = { 0, 0, 1, 0, 1 };
	const uint32_t		 rgb = 0x228833;
	struct chart_series	 se = { "办结率", rgb, v };
	struct chart_trend	 t = { "本期未完", NULL, xl, 5, &se, 1, NAN,
	    NULL, NULL, NULL, 800, 400 };
	struct plot		 p, q;
	gdImagePtr		 im;
	double			 slot, cx[5];
	uint32_t		 dark;
	int			 y, i, x, d;

	(void)state;
	im = decode(K_TREND, &t, 800, 400, NULL);
	p = find_plot(im);
	y = (p.pb + p.pt) / 2;		/* 50% */
	slot = (p.pr - p.pl) / 5.0;
	for (i = 0; i < 5; i++) {
		cx[i] = p.pl + (i + 0.5) * slot;
		assert_true(near(px(im, (int)lround(cx[i]), y), rgb, 24));
	}
	/* No note: nothing under the month labels. */
	assert_int_equal(ink_under(im, p.pb + 1, p.pl, p.pr, &dark), 0);
	gdImageDestroy(im);

	t.partial = part;
	t.note = "空心点：本期尚未完结，数值仍会变化";
	im = decode(K_TREND, &t, 800, 400, "chart_trend_partial.png");
	q = find_plot(im);
	assert_int_equal(q.pl, p.pl);
	assert_int_equal(q.pr, p.pr);
	assert_true(q.pb < p.pb);	/* shorter, to make room for the note */
	y = (q.pb + q.pt) / 2;
	for (i = 0; i < 5; i++) {
		x = (int)lround(cx[i]);
		if (!part[i]) {		/* a full dot */
			assert_true(near(px(im, x, y), rgb, 24));
			continue;
		}
		/* White inside, the series' colour around, on all sides. */
		assert_int_equal(px(im, x, y), CHART_RGB_BG);
		for (d = 0; d < 4; d++) {
			int	dx = d == 0 ? 1 : d == 1 ? -1 : 0;
			int	dy = d == 2 ? 1 : d == 3 ? -1 : 0;
			int	r = reach(im, x, y, dx, dy, rgb, 8);

			assert_in_range(r, 2, 6);
			/* a ring, not a disc: white again above and below */
			if (dy != 0)
				assert_int_equal(px(im, x, y + (r + 3) * dy),
				    CHART_RGB_BG);
		}
	}
	/*
	 * Along the line, between the dots' and rings' edges (10 px off the
	 * centres): gaps where it leads into a ring, none elsewhere.
	 */
	for (i = 0; i < 4; i++) {
		int x0 = (int)lround(cx[i]) + 10;
		int x1 = (int)lround(cx[i + 1]) - 10;
		int gaps = bg_cols(im, y, x0, x1);

		if (part[i + 1]) {
			assert_true(gaps >= 6);
			assert_true(gaps < (x1 - x0) * 2 / 3);	/* dashes */
		} else
			assert_int_equal(gaps, 0);
	}
	/* The note: text under the month labels, in the muted grey. */
	assert_true(ink_under(im, q.pb + 1, q.pl, q.pr, &dark) > 100);
	assert_true(near(dark, 0x5F6B7A, 24));
	gdImageDestroy(im);
}

/*
 * Phones: the dashboard asks 400x300.  The bar chart of 36 communities,
 * the trend of 3 rates x 12 months (the last one partial, with its note)
 * and the stacked chart of 36 render at 400 wide with no text over
 * another, none smaller than the small text at the smallest scale
 * (11 px x 0.85 = 9 px: labels thinned or shortened, never shrunk
 * further), and their labels present under the plot (thinned to no
 * fewer than a third).
 */
static void
test_phone(void **state)
{
	static struct tbox	 box[1024];
	struct trace		 t = { box, 0, NITEMS(box) };
	struct chart_bar	 b = sample_bar();
	struct chart_trend	 tr = sample_trend();
	struct chart_stack	 s = sample_stack(36);
	unsigned char		 part[12] = { [11] = 1 };
	const void		*in[K__MAX] = { &b, &tr, &s };
	static const char *const art[K__MAX] = { "chart_phone_bar.png",
	    "chart_phone_trend.png", "chart_phone_stack.png" };
	const size_t		 n[K__MAX] = { 36, 12, 36 };
	gdImagePtr		 im;
	size_t			 k;

	(void)state;
	b.width = tr.width = s.width = 400;
	b.height = tr.height = s.height = 300;
	tr.partial = part;
	tr.note = "空心点：本期尚未完结，数值仍会变化";
	for (k = 0; k < K__MAX; k++) {
		im = traced((enum kind)k, in[k], 400, 300, art[k], &t);
		assert_true(no_overlap(&t, 400, 300, 9, art[k]) >=
		    n[k] / 3 + 5);
		assert_true(texts_under(&t, zero_row(im)) >= n[k] / 3);
		gdImageDestroy(im);
	}
}

/*
 * A note under a trend or bar chart, at widths 400 to 2000: the last
 * line, under every other text and under the zero line, over no other
 * text, in small muted type; the plot gives up the room (the zero line
 * rises).  The bar chart without a note stays as it was (see
 * test_reference).
 */
static void
test_note(void **state)
{
	static const int	 size[][2] = {
		{ 400, 300 }, { 400, 150 }, { 600, 300 }, { 800, 400 },
		{ 1200, 600 }, { 2000, 170 }, { 2000, 300 }, { 2000, 1500 },
	};
	static struct tbox	 box[1024];
	struct trace		 t = { box, 0, NITEMS(box) };
	struct chart_bar	 b = sample_bar();
	struct chart_trend	 tr = sample_trend();
	unsigned char		 part[12] = { [10] = 1, [11] = 1 };
	const void		*in[2] = { &b, &tr };
	const struct tbox	*nb;
	gdImagePtr		 im;
	size_t			 i, j, k;
	int			 z[2];
	char			 what[64];

	(void)state;
	tr.partial = part;
	for (i = 0; i < NITEMS(size); i++)
		for (k = 0; k < 2; k++) {
			b.width = tr.width = size[i][0];
			b.height = tr.height = size[i][1];
			b.note = tr.note = NULL;
			snprintf(what, sizeof(what), "%s %dx%d", k ? "trend" :
			    "bar", size[i][0], size[i][1]);
			im = traced((enum kind)k, in[k], size[i][0], size[i][1],
			    NULL, &t);
			no_overlap(&t, size[i][0], size[i][1], 8, what);
			z[0] = zero_row(im);
			gdImageDestroy(im);
			b.note = "本期尚未结束，数值仍会变化";
			tr.note = "空心点：本期尚未完结，数值仍会变化";
			strncat(what, " note", sizeof(what) - strlen(what) - 1);
			im = traced((enum kind)k, in[k], size[i][0], size[i][1],
			    i == 0 ? (k ? "chart_note_trend.png" :
			    "chart_note_bar.png") : NULL, &t);
			z[1] = zero_row(im);
			no_overlap(&t, size[i][0], size[i][1], 8, what);
			nb = &t.box[t.n - 1];		/* drawn last */
			assert_true(nb->x0 < nb->x1);
			assert_true(z[1] < z[0]);
			assert_true(nb->y0 > z[1]);
			for (j = 0; j + 1 < t.n; j++)
				if (t.box[j].y1 > nb->y0 && t.box[j].x0 <
				    t.box[j].x1)
					fail_msg("%s: text %zu under the note",
					    what, j);
			/* in the small type, as the tick labels */
			for (j = 0; j + 1 < t.n; j++)
				assert_true(nb->px <= t.box[j].px);
			gdImageDestroy(im);
		}
}

/* Stacked segments are proportional to their counts. */
static void
test_stack_heights(void **state)
{
	struct chart_stack_item	 si[2] = {
		{ "甲社区", { 40, 20, 10, 30 } }, { "乙社区", { 10, 10, 10, 20 } },
	};
	struct chart_stack	 s = { "堆叠", "件", NULL, si, 2, 800, 400 };
	static const uint32_t	 rgb[CHART_OUT__MAX] = { CHART_RGB_ONTIME,
	    CHART_RGB_LATE, CHART_RGB_OPEN, CHART_RGB_OVERDUE };
	struct bar		 bar[4];
	gdImagePtr		 im;
	int			 h[2][CHART_OUT__MAX], tot[2], x, y, y0, k, i;

	(void)state;
	im = decode(K_STACK, &s, 800, 400, NULL);
	/* the legend's swatches, then two bars */
	y0 = band_end(im, CHART_RGB_ONTIME);
	assert_int_equal(find_bars(im, y0, CHART_RGB_ONTIME, bar, 4), 2);
	for (i = 0; i < 2; i++) {
		x = (bar[i].x0 + bar[i].x1) / 2;
		tot[i] = 0;
		for (k = 0; k < CHART_OUT__MAX; k++) {
			for (h[i][k] = 0, y = y0; y < 400; y++)
				h[i][k] += px(im, x, y) == rgb[k];
			tot[i] += h[i][k];
		}
	}
	assert_true(tot[0] > 100);
	for (i = 0; i < 2; i++)
		for (k = 0; k < CHART_OUT__MAX; k++) {
			long c = si[i].count[k], t = 0;
			for (int j = 0; j < CHART_OUT__MAX; j++)
				t += si[i].count[j];
			assert_in_range(h[i][k], lround((double)c * tot[i] / t) - 2,
			    lround((double)c * tot[i] / t) + 2);
		}
	assert_in_range(tot[1], tot[0] / 2 - 2, tot[0] / 2 + 2);
	gdImageDestroy(im);
}

/* No data: an empty chart with its frame, not an error. */
static void
test_empty(void **state)
{
	struct chart_bar	 b = { "无数据的图", "办结率", "社区", NULL, 0,
	    0.9, NULL, NULL, 800, 400 };
	struct chart_trend	 t = { "无数据的趋势", "比率", NULL, 0, NULL, 0,
	    NAN, NULL, NULL, NULL, 640, 320 };
	struct chart_stack	 s = { "无数据的堆叠", NULL, NULL, NULL, 0, 300,
	    200 };

	(void)state;
	gdImageDestroy(decode(K_BAR, &b, 800, 400, "chart_empty_bar.png"));
	gdImageDestroy(decode(K_TREND, &t, 640, 320, NULL));
	gdImageDestroy(decode(K_STACK, &s, 300, 200, NULL));
}

/* Pixel x of row y of a test pattern for the PNG encoder. */
static unsigned char
pattern(int pat, int x, int y, uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	switch (pat) {
	case 0:				/* noise: fixed codes */
		return (unsigned char)(*seed >> 16);
	case 1:				/* sparse noise */
		return *seed >> 16 & 31 ? 0 : (unsigned char)(*seed >> 24);
	case 2:				/* stripes: runs, rows repeated */
		return (unsigned char)((x / 7 + y / 5) % 5);
	default:			/* a tile: matches far back */
		return (unsigned char)((x % 37) * (y % 11) * 7 % 251);
	}
}

/*
 * A gd palette image of the w x h indices at px (rows of 1 + w bytes, the
 * first unused) in the colours rgb[0..255].
 */
static gdImagePtr
indexed(const unsigned char *px, int w, int h, const uint32_t *rgb)
{
	gdImagePtr	 im = gdImageCreate(w, h);
	int		 i, x, y;

	assert_non_null(im);
	for (i = 0; i < 256; i++)
		gdImageColorAllocate(im, rgb[i] >> 16 & 0xff, rgb[i] >> 8 & 0xff,
		    rgb[i] & 0xff);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++)
			gdImageSetPixel(im, x, y, px[(size_t)y * (w + 1) + 1 + x]);
	return im;
}

/*
 * The PNG encoder round-trips images charts do not make, at odd sizes:
 * libpng checks every CRC and the Adler-32, gd gives back the indices.
 */
static void
test_png_roundtrip(void **state)
{
	static const int	 size[][2] = {
		{ 1, 1 }, { 7, 3 }, { 215, 1300 }, { 801, 401 }, { 2000, 40 },
	};
	uint32_t		 rgb[256], seed = 1;
	unsigned char		*px, *png;
	size_t			 len, k;
	gdImagePtr		 im;
	int			 i, pat, w, h, x, y, bad;

	(void)state;
	for (i = 0; i < 256; i++)
		rgb[i] = (uint32_t)i * 0x010101u;
	for (k = 0; k < NITEMS(size); k++)
		for (pat = 0; pat < 4; pat++) {
			w = size[k][0], h = size[k][1];
			px = malloc((size_t)(w + 1) * (size_t)h);
			assert_non_null(px);
			for (y = 0; y < h; y++) {
				px[(size_t)y * (w + 1)] = 0;
				for (x = 0; x < w; x++)
					px[(size_t)y * (w + 1) + 1 + x] =
					    pattern(pat, x, y, &seed);
			}
			im = indexed(px, w, h, rgb);
			assert_int_equal(cv_png(im, &png, &len), 0);
			gdImageDestroy(im);
			im = gdImageCreateFromPngPtr((int)len, png);
			assert_non_null(im);
			for (bad = 0, y = 0; y < h; y++)
				for (x = 0; x < w; x++)
					bad += gdImagePalettePixel(im, x, y) !=
					    px[(size_t)y * (w + 1) + 1 + x];
			assert_int_equal(bad, 0);
			gdImageDestroy(im);
			chart_free(png);
			free(px);
		}
}

/* Equal inputs hash equal (whatever the pointers); any change shows. */
static void
test_hash(void **state)
{
	struct chart_bar	 a = sample_bar(), b;
	struct chart_bar_item	 copy[36];
	char			 label[64];
	uint64_t		 h;
	struct chart_trend	 t = sample_trend();
	struct chart_stack	 s = sample_stack(36);

	(void)state;
	memcpy(copy, sample_items, sizeof(copy));
	snprintf(label, sizeof(label), "%s", chart_sample_names[0]);
	copy[0].label = label;
	b = a;
	b.items = copy;
	h = chart_hash_bar(&a);
	assert_true(h == chart_hash_bar(&b));
	copy[10].value += 0.001;
	assert_false(h == chart_hash_bar(&b));
	copy[10].value = sample_items[10].value;
	copy[10].low = 7;		/* any nonzero is the same flag */
	sample_items[10].low = 1;
	assert_true(chart_hash_bar(&a) == chart_hash_bar(&b));
	sample_items[10].low = 0;
	copy[10].low = 0;
	copy[5].value = NAN;		/* NAN hashes as itself */
	assert_true(h == chart_hash_bar(&b));
	label[0] = 'x';
	assert_false(h == chart_hash_bar(&b));
	label[0] = chart_sample_names[0][0];
	copy[1].den++;
	assert_false(h == chart_hash_bar(&b));
	copy[1].den--;
	b.width++;
	assert_false(h == chart_hash_bar(&b));
	b.width--;
	b.target = NAN;
	assert_false(h == chart_hash_bar(&b));
	b.target = a.target;
	b.title = "另一个标题";
	assert_false(h == chart_hash_bar(&b));
	b.title = a.title;
	assert_true(h == chart_hash_bar(&b));
	b.note = "本期尚未结束，数值仍会变化";
	assert_false(h == chart_hash_bar(&b));

	h = chart_hash_trend(&t);
	tv[0][3] += 0.01;
	assert_false(h == chart_hash_trend(&t));
	tv[0][3] -= 0.01;
	assert_true(h == chart_hash_trend(&t));
	{
		unsigned char	 part[12] = { 0 };
		uint64_t	 hp;

		t.partial = part;	/* all complete draws as NULL does */
		assert_true(h == chart_hash_trend(&t));
		part[11] = 1;
		hp = chart_hash_trend(&t);
		assert_false(h == hp);
		part[11] = 9;		/* any nonzero is the same flag */
		assert_true(hp == chart_hash_trend(&t));
		part[11] = 0, part[10] = 1;	/* another month */
		assert_false(hp == chart_hash_trend(&t));
		assert_false(h == chart_hash_trend(&t));
		t.partial = NULL;
		t.note = "空心点：本期尚未完结，数值仍会变化";
		assert_false(h == chart_hash_trend(&t));
		t.note = NULL;
	}
	h = chart_hash_stack(&s);
	sample_stack_items[0].count[CHART_OUT_OVERDUE]++;
	assert_false(h == chart_hash_stack(&s));
	/* The kinds do not collide on the same sizes and titles. */
	assert_false(chart_hash_bar(&a) == chart_hash_stack(&s));
}

/* The same chart, rendered in four threads at once, is byte-identical. */
struct job {
	enum kind	 k;
	const void	*in;
	unsigned char	*want;
	size_t		 wantlen;
	int		 bad;
};

static void *
worker(void *arg)
{
	struct job	*j = arg;
	unsigned char	*png;
	size_t		 len, i;

	for (i = 0; i < 10; i++) {
		if (render(j->k, j->in, &png, &len) != 0) {
			j->bad++;
			continue;
		}
		j->bad += len != j->wantlen || memcmp(png, j->want, len) != 0;
		chart_free(png);
	}
	return NULL;
}

static void
test_threads(void **state)
{
	struct chart_bar	 b = sample_bar();
	struct chart_trend	 t = sample_trend();
	struct chart_stack	 s = sample_stack(36);
	const void		*in[K__MAX] = { &b, &t, &s };
	struct job		 j[4];
	pthread_t		 th[4];
	unsigned char		*png[K__MAX];
	size_t			 len[K__MAX], i;

	(void)state;
	for (i = 0; i < K__MAX; i++)
		assert_int_equal(render(i, in[i], &png[i], &len[i]), 0);
	/* Drop the glyph cache so that the threads race to fill it. */
	chart_shutdown();
	assert_int_equal(chart_init(getenv("LIANXIN_FONT")), 0);
	for (i = 0; i < 4; i++) {
		j[i] = (struct job){ i % K__MAX, in[i % K__MAX],
		    png[i % K__MAX], len[i % K__MAX], 0 };
		assert_int_equal(pthread_create(&th[i], NULL, worker, &j[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(j[i].bad, 0);
	}
	for (i = 0; i < K__MAX; i++)
		chart_free(png[i]);
}

/* Before chart_init() every render answers ENODEV. */
static void
test_not_ready(void **state)
{
	struct chart_bar	 b = sample_bar();
	unsigned char		*png;
	size_t			 len;

	(void)state;
	chart_shutdown();
	errno = 0;
	assert_int_equal(chart_bar_png(&b, &png, &len), -1);
	assert_int_equal(errno, ENODEV);
	assert_int_equal(chart_init("/nonexistent/font.ttf"), -1);
	assert_int_equal(chart_init(getenv("LIANXIN_FONT")), 0);
	assert_int_equal(chart_init(getenv("LIANXIN_FONT")), 0);
	assert_int_equal(chart_bar_png(&b, &png, &len), 0);
	chart_free(png);
}

/*
 * The sample bar chart against the reference image: at most 0.5% of the
 * pixels may differ by more than a little (FreeType versions move
 * anti-aliasing, not bars).
 */
static void
test_reference(void **state)
{
	struct chart_bar	 b = sample_bar();
	gdImagePtr		 im, ref;
	FILE			*f;
	int			 x, y, bad = 0;

	(void)state;
	if ((f = fopen(REFERENCE, "rb")) == NULL)
		skip();
	ref = gdImageCreateFromPng(f);
	fclose(f);
	assert_non_null(ref);
	assert_true(gdImagePaletteToTrueColor(ref));
	im = decode(K_BAR, &b, 800, 400, NULL);
	assert_int_equal(gdImageSX(ref), 800);
	assert_int_equal(gdImageSY(ref), 400);
	for (y = 0; y < 400; y++)
		for (x = 0; x < 800; x++)
			bad += !near(px(im, x, y), px(ref, x, y), 48);
	if (bad > 800 * 400 / 200)
		fail_msg("%d pixels differ from " REFERENCE, bad);
	gdImageDestroy(ref);
	gdImageDestroy(im);
}

static const struct CMUnitTest charts[] = {
	cmocka_unit_test(test_size_ok),
	cmocka_unit_test(test_invalid),
	cmocka_unit_test(test_invalid_trend_stack),
	cmocka_unit_test(test_samples),
	cmocka_unit_test(test_bar_heights),
	cmocka_unit_test(test_target_line),
	cmocka_unit_test(test_low_grey),
	cmocka_unit_test(test_border_clear),
	cmocka_unit_test(test_trend_gap),
	cmocka_unit_test(test_trend_partial),
	cmocka_unit_test(test_phone),
	cmocka_unit_test(test_note),
	cmocka_unit_test(test_stack_heights),
	cmocka_unit_test(test_empty),
	cmocka_unit_test(test_png_roundtrip),
	cmocka_unit_test(test_hash),
	cmocka_unit_test(test_threads),
	cmocka_unit_test(test_not_ready),
	cmocka_unit_test(test_reference),
};

static int
setup(void **state)
{
	(void)state;
	return chart_init(getenv("LIANXIN_FONT"));
}

static int
teardown(void **state)
{
	(void)state;
	chart_shutdown();
	return 0;
}

int
main(void)
{
	return cmocka_run_group_tests(charts, setup, teardown);
}
