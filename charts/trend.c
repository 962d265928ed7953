/*
 * trend: the trend chart of rates per month (chart_trend_png), one
 * anti-aliased line per series.
 */
#include <errno.h>
#include <math.h>

#include "canvas.h"
#include "chartint.h"

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
	double		 slot, x, y, px = 0, py = 0, v;
	const double	*next;
	size_t		 i, k, step, np, nauto = 0;
	int32_t		 max = 0, w;
	int		 rc = -1, prev;

	if (!chart_start(png, len))
		return -1;
	if (in == NULL || !chart_frame_ok(in->title, in->ylabel, in->width,
	    in->height) || !chart_target_ok(in->target, in->target_label) ||
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
	cv.pb = cv.h - cv.pad - glyph_lh(cv.fx) - SC(&cv, 6);
	cv.pt = cv.top + glyph_asc(cv.fs) / 2 + 1;
	slot = np ? (double)(cv.pr - cv.pl) / np : 1;

	/* Month labels: every step-th, so that they do not collide. */
	for (i = 0; i < np; i++)
		if ((w = text_adv(in->xlabels[i], text_len(in->xlabels[i]),
		    cv.fx)) > max)
			max = w;
	step = (size_t)ceil((max / 64.0 + 8 * cv.s) / slot);
	step = CLAMP(step, 1, np ? np : 1);
	for (i = 0; i < np; i += step) {
		text_shorten(&sp, in->xlabels[i], text_len(in->xlabels[i]),
		    (int32_t)((step * slot - 6) * 64), cv.fx, 0, 0);
		text_mid(&cv, &sp, cv.fx, RGB_TEXT, cv.pl + (int)((i + 0.5) *
		    slot), cv.pb + SC(&cv, 5) + glyph_asc(cv.fx));
	}
	axes_y_draw(&cv, &ax, in->ylabel);
	if (np == 0 || in->nseries == 0)
		axes_nodata(&cv);
	axes_target_draw(&cv, in->target, &tl);

	/* Lines between points, gaps at NAN, a dot at each point. */
	for (k = 0; k < in->nseries; k++)
		for (prev = 0, i = 0; i < np; i++, prev = !isnan(v)) {
			if (isnan(v = in->series[k].values[i]))
				continue;
			v = CLAMP(v, 0, 1);
			x = cv.pl + (i + 0.5) * slot;
			y = cv.pb - v * (cv.pb - cv.pt);
			if (prev)
				cv_aa_line(&cv, px, py, x, y, 2.5 * cv.s,
				    lg[k].rgb);
			next = i + 1 < np ? &in->series[k].values[i + 1] : NULL;
			if (slot >= 12 || !prev || next == NULL || isnan(*next))
				cv_aa_line(&cv, x, y, x, y, 7 * cv.s, lg[k].rgb);
			px = x, py = y;
		}
	rc = cv_png(cv.im, png, len);
	goto out;
inval:
	errno = EINVAL;
out:
	cv_close(&cv);
	return rc;
}
