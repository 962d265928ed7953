/*
 * canvas: a chart's image, its palette, blends, fills, anti-aliased lines
 * and its PNG.
 *
 * The image is a libgd palette image: bars, gridlines and the target
 * line are libgd's rectangles and lines in one palette colour each; text
 * (glyph.c) and the trend's lines are blended by coverage in LEVELS
 * levels, each level a palette colour resolved once per ink and
 * background, so that a chart has few colours (50-100 at 800x400; trend
 * charts, whose lines cross, may fill all 256) and needs no truecolor
 * image, no conversion to a palette and no alpha.
 * libgd anti-aliases only on truecolor images, hence cv_aa_line().  The
 * palette grows in the order colours are first drawn; past 256 colours
 * (only where anti-aliased lines cross) the nearest is taken.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "chartint.h"

/*
 * zlib's compression level for the PNG.  Chart rows are long runs of one
 * palette index, which the fast levels (1-3, zlib's deflate_fast) find
 * as well as the slow ones; deflate is still most of a render.  Measured
 * on the 800x400 bar chart of 36 communities: level 2 runs as many
 * instructions as level 1 (callgrind: within 0.3%) for a file 6% smaller
 * (27.6 KB, 29.6 KB), level 3 costs about 10% more time per chart for
 * 25.0 KB, level 6 (libgd's default) twice the time of level 2.
 */
#define PNG_LEVEL	2

/*
 * Palette index of colour rgb: the colour's own, a new entry, or past 256
 * entries the nearest (gdImageColorResolve()).
 */
unsigned
cv_color(struct cv *cv, uint32_t rgb)
{
	return (unsigned)gdImageColorResolve(cv->im, (int)(rgb >> 16 & 0xff),
	    (int)(rgb >> 8 & 0xff), (int)(rgb & 0xff));
}

struct ink
cv_ink(struct cv *cv, uint32_t rgb)
{
	return (struct ink){ rgb, cv_color(cv, rgb) };
}

/* The blends of ink k over the colour of index bg. */
struct blend *
cv_blend(struct cv *cv, const struct ink *k, unsigned bg)
{
	uint64_t	 key = ((uint64_t)k->rgb << 8 | bg) + 1;
	struct blend	*b = &cv->memo[key * 0x9E3779B97F4A7C15ull >>
			    (64 - MEMO_BITS)];
	int		 i;

	if (b->key != key) {
		b->key = key;
		for (i = 1; i < LEVELS - 1; i++)
			b->lv[i] = 256;
		b->lv[0] = (uint16_t)bg;
		b->lv[LEVELS - 1] = (uint16_t)k->idx;
	}
	return b;
}

/*
 * Index of ink k at level q over the background of b, which b does not
 * know yet (cv_paint() looks there first): worked out and kept in b.
 */
unsigned
cv_shade(struct cv *cv, const struct ink *k, struct blend *b, unsigned q)
{
	unsigned	 a = q * 255 / (LEVELS - 1), bg = b->lv[0], v = 0;
	unsigned	 d = (unsigned)gdImageRed(cv->im, bg) << 16 |
			    (unsigned)gdImageGreen(cv->im, bg) << 8 |
			    (unsigned)gdImageBlue(cv->im, bg);
	unsigned	 i;

	for (i = 0; i < 24; i += 8)
		v |= (((k->rgb >> i & 0xff) * a + (d >> i & 0xff) * (255 - a) +
		    127) / 255) << i;
	return b->lv[q] = (uint16_t)cv_color(cv, v);
}

/* Fill [x0, x1) x [y0, y1) with rgb, clipped; nothing when empty. */
void
cv_fill(struct cv *cv, int x0, int y0, int x1, int y1, uint32_t rgb)
{
	int c = (int)cv_color(cv, rgb);

	if (x0 < x1 && y0 < y1)
		gdImageFilledRectangle(cv->im, x0, y0, x1 - 1, y1 - 1, c);
}

/*
 * Fill [x0, x1) x [y0, y1) in CHART_RGB_LOW with CHART_RGB_HATCH
 * diagonals: the pixels where x + y is a multiple of a scaled 5.
 */
void
cv_hatch(struct cv *cv, int x0, int y0, int x1, int y1)
{
	int	 c = (int)cv_color(cv, CHART_RGB_HATCH), k = SC(cv, 5), d, a, b;

	cv_fill(cv, x0, y0, x1, y1, CHART_RGB_LOW);
	x0 = CLAMP(x0, 0, cv->w), x1 = CLAMP(x1, 0, cv->w);
	y0 = CLAMP(y0, 0, cv->h), y1 = CLAMP(y1, 0, cv->h);
	if (x0 >= x1 || y0 >= y1)
		return;
	/* The diagonal x + y = d crosses the box from column a to b. */
	for (d = (x0 + y0 + k - 1) / k * k; d <= x1 + y1 - 2; d += k) {
		a = MAX(x0, d - (y1 - 1));
		b = MIN(x1 - 1, d - y0);
		gdImageLine(cv->im, a, d - a, b, d - b, c);
	}
}

/* A line one pixel high across columns [x0, x1) of row y. */
void
cv_hline(struct cv *cv, int x0, int x1, int y, uint32_t rgb)
{
	int c = (int)cv_color(cv, rgb);

	if (x0 < x1)
		gdImageLine(cv->im, x0, y, x1 - 1, y, c);
}

/*
 * Columns [*lo, *hi] of row y closer than rr to the segment from (x0, y0)
 * by (dx, dy): the row's cuts through the discs at both ends and through
 * the band between them, which together make one interval.  Empty when
 * *lo > *hi.
 */
static void
capsule_row(double x0, double y0, double dx, double dy, double rr, double y,
    double *lo, double *hi)
{
	double	 l2 = dx * dx + dy * dy, u = y - y0, e, a, b, ta, tb;
	int	 k;

	*lo = INFINITY, *hi = -INFINITY;
	for (k = 0; k < 2; k++)
		if ((e = rr * rr - (u - k * dy) * (u - k * dy)) >= 0) {
			*lo = fmin(*lo, x0 + k * dx - sqrt(e));
			*hi = fmax(*hi, x0 + k * dx + sqrt(e));
		}
	/* The band: near the line, and projecting inside the segment. */
	if (dy != 0) {
		a = x0 + (u * dx - rr * sqrt(l2)) / dy;
		b = x0 + (u * dx + rr * sqrt(l2)) / dy;
	} else if (l2 > 0 && fabs(u) < rr)
		a = -INFINITY, b = INFINITY;
	else
		return;
	if (dx != 0) {
		ta = x0 - u * dy / dx;
		tb = x0 + (l2 - u * dy) / dx;
	} else if (u * dy >= 0 && u * dy <= l2)
		ta = -INFINITY, tb = INFINITY;
	else
		return;
	e = fmax(fmin(a, b), fmin(ta, tb));
	b = fmin(fmax(a, b), fmax(ta, tb));
	if (e <= b)
		*lo = fmin(*lo, e), *hi = fmax(*hi, b);
}

/*
 * Anti-aliased segment of width wd with round caps, a dot if the ends
 * are one point, blended into the palette indices (libgd's own
 * anti-aliasing, gdAntiAliased, works on truecolor images only).
 * Each row is scanned only over its cut through the stroke, widened by a
 * pixel: coverage decides at the edges, a square root only there.
 */
void
cv_aa_line(struct cv *cv, double x0, double y0, double x1, double y1,
    double wd, uint32_t rgb)
{
	double		 rr = wd / 2 + 0.5, dx = x1 - x0, dy = y1 - y0;
	double		 l2 = dx * dx + dy * dy, t, ex, ey, e2, lo, hi;
	double		 in2 = rr >= 1 ? (rr - 1) * (rr - 1) : -1;
	struct ink	 k = cv_ink(cv, rgb);
	struct blend	*b = NULL;
	unsigned	 bg = 256;
	int		 x, y;

	for (y = (int)floor(fmin(y0, y1) - rr - 0.5); y < cv->h &&
	    y <= fmax(y0, y1) + rr + 0.5; y++) {
		capsule_row(x0, y0, dx, dy, rr, y, &lo, &hi);
		if (y < 0 || lo > hi)
			continue;
		for (x = MAX((int)floor(lo) - 1, 0); x < cv->w && x <= hi + 1;
		    x++) {
			t = l2 > 0 ? ((x - x0) * dx + (y - y0) * dy) / l2 : 0;
			t = CLAMP(t, 0, 1);
			ex = x - x0 - t * dx, ey = y - y0 - t * dy;
			if ((e2 = ex * ex + ey * ey) >= rr * rr)
				continue;
			cv_paint(cv, &k, &cv->im->pixels[y][x], e2 <= in2 ?
			    LEVELS - 1 : cv_level((unsigned)((rr - sqrt(e2)) *
			    255 + 0.5)), &b, &bg);
		}
	}
}

/* Row of fraction f of the plot's full scale. */
int
cv_ymap(const struct cv *cv, double f)
{
	return (int)lround(cv->pb - f * (cv->pb - cv->pt));
}

/*
 * Start a chart: a w x h palette image in the background colour (its
 * first palette entry: libgd zeroes the pixels), its scale, font specs
 * and padding.  Returns 0 or -1 (ENOMEM); cv_close() either way.
 */
int
cv_open(struct cv *cv, int w, int h)
{
	memset(cv, 0, sizeof(*cv));
	if ((cv->memo = calloc(1 << MEMO_BITS, sizeof(*cv->memo))) == NULL ||
	    (cv->im = gdImageCreate(w, h)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	(void)cv_color(cv, CHART_RGB_BG);
	cv->w = w, cv->h = h;
	cv->s = CLAMP(fmin(w / 800.0, h / 400.0), 0.85, 1.5);
	cv->fx = CLAMP(SC(cv, 12), PX_MIN, PX_MAX);
	cv->fs = CLAMP(SC(cv, 11), PX_MIN, PX_MAX);
	cv->pad = SC(cv, 10);
	cv->bot = h - cv->pad;
	return 0;
}

void
cv_close(struct cv *cv)
{
	if (cv->im != NULL)
		gdImageDestroy(cv->im);
	free(cv->memo);
	cv->im = NULL, cv->memo = NULL;
}

/*
 * Encode palette image im as PNG, not interlaced, at PNG_LEVEL.  On
 * success *png (gdFree() or chart_free()) holds *len bytes and 0 is
 * returned; on failure -1 with errno ENOMEM.
 */
int
cv_png(gdImagePtr im, unsigned char **png, size_t *len)
{
	int n = 0;

	gdImageInterlace(im, 0);
	if ((*png = gdImagePngPtrEx(im, &n, PNG_LEVEL)) == NULL || n <= 0) {
		gdFree(*png);
		*png = NULL, *len = 0;
		errno = ENOMEM;
		return -1;
	}
	*len = (size_t)n;
	return 0;
}
