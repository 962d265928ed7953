/*
 * canvas: a chart's image, its palette, blends, fills, anti-aliased lines
 * and its PNG.
 *
 * Drawing writes palette indices: bars are plain fills, text and lines
 * are blended by coverage in LEVELS levels, so that a chart has few
 * colours; the palette grows as colours are first drawn, and the rows go
 * to the PNG encoder (png.c) as they are.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chartint.h"
#include "png.h"

/*
 * Palette index of colour c: a new colour takes the next entry; past 256
 * (only where anti-aliased lines cross) the nearest entry.
 */
static unsigned
pal_get(struct pal *m, uint32_t c)
{
	size_t		 i = (c * 2654435761u) >> 20 & (PMAP - 1);
	unsigned	 k, j, best = 0;
	long		 d, bd = 1L << 30, e;

	for (; m->key[i] != 0; i = (i + 1) & (PMAP - 1))
		if (m->key[i] == c + 1)
			return m->idx[i];
	if (m->n < 256)
		m->rgb[best = (unsigned)m->n++] = c;
	else
		for (k = 0; k < 256; k++) {
			for (d = 0, j = 0; j < 24; j += 8) {
				e = (long)(c >> j & 0xff) -
				    (long)(m->rgb[k] >> j & 0xff);
				d += e * e;
			}
			if (d < bd)
				bd = d, best = k;
		}
	if (m->used < PMAP / 2) {
		m->key[i] = c + 1;
		m->idx[i] = (uint8_t)best;
		m->used++;
	}
	return best;
}

unsigned
cv_color(struct cv *cv, uint32_t rgb)
{
	return pal_get(cv->pal, rgb);
}

struct ink
cv_ink(struct cv *cv, uint32_t rgb)
{
	return (struct ink){ rgb, pal_get(cv->pal, rgb) };
}

/* The blends of ink k over the colour of index bg. */
struct blend *
cv_blend(struct cv *cv, const struct ink *k, unsigned bg)
{
	struct pal	*m = cv->pal;
	uint64_t	 key = ((uint64_t)k->rgb << 8 | bg) + 1;
	struct blend	*b = &m->memo[key * 0x9E3779B97F4A7C15ull >>
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
	struct pal	*m = cv->pal;
	unsigned	 a = q * 255 / (LEVELS - 1), d = m->rgb[b->lv[0]], v = 0;
	unsigned	 i;

	for (i = 0; i < 24; i += 8)
		v |= (((k->rgb >> i & 0xff) * a + (d >> i & 0xff) * (255 - a) +
		    127) / 255) << i;
	return b->lv[q] = (uint16_t)pal_get(m, v);
}

/* Fill [x0, x1) x [y0, y1) with rgb, clipped. */
void
cv_fill(struct cv *cv, int x0, int y0, int x1, int y1, uint32_t rgb)
{
	unsigned	 c = pal_get(cv->pal, rgb);
	int		 y;

	x0 = CLAMP(x0, 0, cv->w), x1 = CLAMP(x1, 0, cv->w);
	y0 = CLAMP(y0, 0, cv->h), y1 = CLAMP(y1, 0, cv->h);
	for (y = y0; x0 < x1 && y < y1; y++)
		memset(cv->px + (size_t)y * cv->stride + 1 + x0, (int)c,
		    (size_t)(x1 - x0));
}

/* Fill in CHART_RGB_LOW with CHART_RGB_HATCH diagonals. */
void
cv_hatch(struct cv *cv, int x0, int y0, int x1, int y1)
{
	unsigned	 c = pal_get(cv->pal, CHART_RGB_HATCH);
	int		 x, y, k = SC(cv, 5);

	cv_fill(cv, x0, y0, x1, y1, CHART_RGB_LOW);
	x0 = CLAMP(x0, 0, cv->w), x1 = CLAMP(x1, 0, cv->w);
	for (y = CLAMP(y0, 0, cv->h); y < CLAMP(y1, 0, cv->h); y++)
		for (x = x0 + (k - (x0 + y) % k) % k; x < x1; x += k)
			cv->px[(size_t)y * cv->stride + 1 + x] = (unsigned char)c;
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
 * Anti-aliased segment of width wd with round caps; a dot if a == b.
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
			cv_paint(cv, &k, cv->px + (size_t)y * cv->stride +
			    1 + x, e2 <= in2 ? LEVELS - 1 : cv_level((unsigned)
			    ((rr - sqrt(e2)) * 255 + 0.5)), &b, &bg);
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
 * Start a chart: a w x h image in the background colour, its scale, font
 * specs and padding.  Returns 0 or -1 (ENOMEM).
 */
int
cv_open(struct cv *cv, int w, int h)
{
	memset(cv, 0, sizeof(*cv));
	cv->stride = 1 + (size_t)w;
	if ((cv->pal = malloc(sizeof(*cv->pal) + cv->stride * h)) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	memset(cv->pal, 0, sizeof(*cv->pal));
	cv->px = (unsigned char *)(cv->pal + 1);
	/* Filter bytes 0, and the background: the palette's first colour. */
	memset(cv->px, (int)pal_get(cv->pal, CHART_RGB_BG), cv->stride * h);
	cv->w = w, cv->h = h;
	cv->s = CLAMP(fmin(w / 800.0, h / 400.0), 0.85, 1.5);
	cv->fx = CLAMP(SC(cv, 12), PX_MIN, PX_MAX);
	cv->fs = CLAMP(SC(cv, 11), PX_MIN, PX_MAX);
	cv->pad = SC(cv, 10);
	return 0;
}

void
cv_close(struct cv *cv)
{
	free(cv->pal);
}

/* Encode the canvas.  Returns 0 or -1 (ENOMEM). */
int
cv_png(struct cv *cv, unsigned char **png, size_t *len)
{
	return png_indexed(cv->px, cv->w, cv->h, cv->pal->rgb, cv->pal->n,
	    png, len);
}
