/*
 * trend: the trend chart of rates per month (chart_trend_png), one
 * anti-aliased line per series; points of periods not complete hollow,
 * the segments into them dashed.
 */
#include <errno.h>
#include <math.h>

#include "canvas.h"
#include "chartint.h"

/* Sizes against 800x400 (times cv->s): lines, dots, rings, dashes. */
#define LINE_W		2.5	/* line width */
#define DOT_D		7.0	/* a point's dot, diameter */
#define RING_D		9.0	/* a partial point's ring, outer diameter */
#define HOLE_D		5.0	/* its white inside, diameter */
#define DASH		6.0	/* a dash as seen (caps included) */
#define GAP		4.0	/* a gap between dashes as seen */

/*
 * Dashes into a partial point, in the room of length l between the edge
 * of the dot or ring at the start (a from the start) and the ring at the
 * end: n dashes and n + 1 gaps, as seen, filling it, at least two dashes
 * when they fit in (a gap of 2 pixels or more, a dash no shorter than
 * the line is wide), else one, else none.
 */
static void
dashes(struct cv *cv, double x0, double y0, double dx, double dy, double a,
    double l, uint32_t rgb)
{
	double	 wd = LINE_W * cv->s, d = DASH * cv->s, g = GAP * cv->s, k, t;
	int	 j, n;

	n = (int)floor((l - g) / (d + g));
	for (n = MAX(n, 2); n > 0; n--) {
		k = l / (n * d + (n + 1) * g);
		if (k * g >= 2 && k * d >= wd)
			break;
	}
	for (d *= k, g *= k, j = 0; j < n; j++) {
		t = a + g + j * (d + g) + wd / 2;
		cv_aa_line(cv, x0 + dx * t, y0 + dy * t,
		    x0 + dx * (t + d - wd), y0 + dy * (t + d - wd), wd, rgb);
	}
}

/*
 * The segment from (x0, y0) to (x1, y1): solid, from outside the ring
 * when from_ring (the point there is partial), or dashed when it leads
 * into a partial point.
 */
static void
segment(struct cv *cv, double x0, double y0, int from_ring, double x1,
    double y1, int dashed, uint32_t rgb)
{
	double	 wd = LINE_W * cv->s, dx = x1 - x0, dy = y1 - y0;
	double	 l = hypot(dx, dy), r0, r1;

	if (!dashed && !from_ring) {
		cv_aa_line(cv, x0, y0, x1, y1, wd, rgb);
		return;
	}
	r0 = (from_ring ? RING_D : DOT_D) * cv->s / 2 + 0.5;
	r1 = RING_D * cv->s / 2 + 0.5;
	if (l <= r0 + (dashed ? r1 : wd / 2))
		return;
	dx /= l, dy /= l;
	if (dashed)
		dashes(cv, x0, y0, dx, dy, r0, l - r0 - r1, rgb);
	else
		cv_aa_line(cv, x0 + dx * (r0 + wd / 2), y0 + dy * (r0 + wd / 2),
		    x1, y1, wd, rgb);
}

/* Colours of the series that bring none, in order. */
static const uint32_t palette[CHART_SERIES_MAX] = {
	0x3A6EA5, 0x3D8B5A, 0xE3A33B, 0x7B5EA7,
	0x2A9D8F, 0x8C6D46, 0x6B7480, 0xC2185B,
};

int
chart_trend_png(const struct chart_trend *in, unsigned char **png,
    size_t *len)
{
	struct cv	 cv = { 0 };
	struct leg	 lg[CHART_SERIES_MAX];
	struct span	 sp, tl;
	struct yaxis	 ax;
	char		 buf[32];
	double		 slot, x, y, px = 0, py = 0, v, room;
	const double	*next;
	const char	*note;
	size_t		 i, k, step, np, nauto = 0;
	int32_t		 max = 0, w;
	int		 rc = -1, prev, part, ppart = 0;

	if (!chart_start(png, len))
		return -1;
	if (in == NULL || !chart_frame_ok(in->title, in->ylabel, in->width,
	    in->height) || !chart_target_ok(in->target, in->target_label) ||
	    !chart_text_ok(in->note, 1) ||
	    in->npoints > CHART_POINTS_MAX || in->nseries > CHART_SERIES_MAX ||
	    (in->npoints && in->xlabels == NULL) ||
	    (in->nseries && in->series == NULL))
		goto inval;
	np = in->npoints;
	for (i = 0; i < np; i++)
		if (!chart_text_ok(in->xlabels[i], 0))
			goto inval;
	for (k = 0; k < in->nseries; k++) {
		if (!chart_text_ok(in->series[k].name, 0) ||
		    in->series[k].rgb > 0xFFFFFF ||
		    (np && in->series[k].values == NULL))
			goto inval;
		for (i = 0; i < np; i++)
			if (!chart_rate_ok(&(double){ in->series[k].values[i] }))
				goto inval;
		lg[k] = (struct leg){ LEG_LINE, in->series[k].rgb != 0 ?
		    in->series[k].rgb : palette[nauto++], in->series[k].name };
	}
	if (cv_open(&cv, in->width, in->height) == -1)
		goto out;
	axes_title(&cv, in->title);
	axes_legend(&cv, lg, in->nseries);
	ax = axes_y_make(&cv, 1, 1);
	cv.pl = axes_y_left(&cv, &ax, in->ylabel);
	cv.pr = cv.w - cv.pad - axes_target_text(&cv, &tl, buf, sizeof(buf),
	    in->target, in->target_label);
	note = axes_note_room(&cv, in->note);
	cv.pb = cv.bot - glyph_lh(cv.fx) - SC(&cv, 6);
	cv.pt = cv.top + glyph_asc(cv.fs) / 2 + 1;
	slot = np ? (double)(cv.pr - cv.pl) / np : 1;

	/*
	 * Month labels: every step-th, so that they do not collide, each
	 * shortened to its room: the steps' slots, and no wider than its
	 * centre's distance from the padding allows.
	 */
	for (i = 0; i < np; i++)
		if ((w = text_adv(in->xlabels[i], text_len(in->xlabels[i]),
		    cv.fx)) > max)
			max = w;
	step = (size_t)ceil((max / 64.0 + 8 * cv.s) / slot);
	step = CLAMP(step, 1, np ? np : 1);
	for (i = 0; i < np; i += step) {
		x = cv.pl + (int)((i + 0.5) * slot);
		room = MIN(step * slot - 6, 2 * MIN(x - cv.pad,
		    cv.w - cv.pad - x));
		text_shorten(&sp, in->xlabels[i], text_len(in->xlabels[i]),
		    (int32_t)(room * 64), cv.fx, 0, 0);
		text_mid(&cv, &sp, cv.fx, RGB_TEXT, (int)x,
		    cv.pb + SC(&cv, 5) + glyph_asc(cv.fx));
	}
	axes_y_draw(&cv, &ax, in->ylabel);
	if (np == 0 || in->nseries == 0)
		axes_nodata(&cv);
	axes_target_draw(&cv, in->target, &tl);

	/*
	 * Lines between points, gaps at NAN, a dot at each point; at a
	 * partial point a ring, the line into it dashed, the line out of it
	 * from outside the ring.
	 */
	for (k = 0; k < in->nseries; k++)
		for (prev = 0, i = 0; i < np; i++, prev = !isnan(v)) {
			if (isnan(v = in->series[k].values[i]))
				continue;
			v = CLAMP(v, 0, 1);
			x = cv.pl + (i + 0.5) * slot;
			y = cv.pb - v * (cv.pb - cv.pt);
			part = in->partial != NULL && in->partial[i] != 0;
			if (prev)
				segment(&cv, px, py, ppart, x, y, part,
				    lg[k].rgb);
			next = i + 1 < np ? &in->series[k].values[i + 1] : NULL;
			if (part) {
				cv_aa_line(&cv, x, y, x, y, RING_D * cv.s,
				    lg[k].rgb);
				cv_aa_line(&cv, x, y, x, y, HOLE_D * cv.s,
				    CHART_RGB_BG);
			} else if (slot >= 12 || !prev || next == NULL ||
			    isnan(*next))
				cv_aa_line(&cv, x, y, x, y, DOT_D * cv.s,
				    lg[k].rgb);
			px = x, py = y, ppart = part;
		}
	axes_note_draw(&cv, note);
	rc = cv_png(cv.im, png, len);
	goto out;
inval:
	errno = EINVAL;
out:
	cv_close(&cv);
	return rc;
}
