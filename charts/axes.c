/*
 * axes: what frames every chart's plot — the title, the legend, the y
 * axis with its gridlines, the target line, "无数据", the category
 * labels under bar and stacked charts, and a note on the last line.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "canvas.h"
#include "chartint.h"

/*
 * The title, big on one line, smaller, on two lines or, failing all,
 * shortened; cv->top becomes the row under it.
 */
void
axes_title(struct cv *cv, const char *title)
{
	static const struct { int big, lines; } tries[] = {
		{ 1, 1 }, { 0, 1 }, { 0, 2 },
	};
	struct span	 l[2] = { text_span(title) };
	size_t		 k;
	int32_t		 max = (cv->w - 2 * cv->pad) * 64;
	int		 i, nl = 1, fs = 0;

	for (k = 0; k < NELEM(tries); k++) {
		fs = tries[k].big ? CLAMP(SC(cv, 16), PX_MIN, PX_MAX) | BOLD :
		    cv->fx | BOLD;
		nl = tries[k].lines;
		if (nl == 1 ? text_adv(l[0].s, l[0].n, fs) <= max :
		    text_wrap2(l, l[0].s, l[0].n, max, fs))
			break;
	}
	if (k == NELEM(tries)) {
		text_shorten(&l[0], title, l[0].n, max, fs, 0, 0);
		l[0].t = NULL;
		l[1] = text_span(title + l[0].n);
		text_shorten(&l[1], l[1].s, l[1].n, max, fs, 0, 0);
	}
	for (cv->top = cv->pad, i = 0; i < nl; i++, cv->top += glyph_lh(fs))
		text_mid(cv, &l[i], fs, RGB_TEXT, cv->w / 2,
		    cv->top + glyph_asc(fs));
	cv->top += SC(cv, 6);
}

/* Draw the legend centred in as many rows as it needs; cv->top follows. */
void
axes_legend(struct cv *cv, const struct leg *e, size_t n)
{
	struct span	 sp[CHART_SERIES_MAX];
	int		 tw[CHART_SERIES_MAX], sw = glyph_lh(cv->fx), gap = sw;
	int		 x, y, row, avail = cv->w - 2 * cv->pad;
	size_t		 i, j, k;

	for (i = 0; i < n; i++) {
		text_shorten(&sp[i], e[i].text, text_len(e[i].text),
		    (avail - sw - 4) * 64, cv->fx, 0, 0);
		tw[i] = sw + 4 + text_width(&sp[i], cv->fx);
	}
	for (i = 0; i < n; i = j, cv->top += glyph_lh(cv->fx) + 2) {
		for (row = tw[i], j = i + 1; j < n; row += gap + tw[j++])
			if (row + gap + tw[j] > avail)
				break;
		x = (cv->w - row) / 2;
		y = cv->top + glyph_lh(cv->fx) / 2;
		for (k = i; k < j; x += tw[k++] + gap) {
			if (e[k].kind == LEG_LINE) {
				cv_aa_line(cv, x + 1, y, x + sw - 2, y,
				    2.5 * cv->s, e[k].rgb);
				cv_aa_line(cv, x + sw / 2, y, x + sw / 2, y,
				    6 * cv->s, e[k].rgb);
			} else if (e[k].kind == LEG_HATCH)
				cv_hatch(cv, x + 2, y - sw / 2 + 2, x + sw - 2,
				    y + sw / 2 - 2);
			else
				cv_fill(cv, x + 2, y - sw / 2 + 2, x + sw - 2,
				    y + sw / 2 - 2, e[k].rgb);
			text_draw(cv, &sp[k], cv->fx, RGB_TEXT, x + sw + 4,
			    cv->top + glyph_asc(cv->fx), 0);
		}
	}
	cv->top += SC(cv, 4);
}

static void
tick_text(char *buf, size_t sz, const struct yaxis *ax, int i)
{
	if (ax->pct)
		snprintf(buf, sz, "%d%%", 100 * i / ax->nt);
	else
		snprintf(buf, sz, "%.0f", ax->max * i / ax->nt);
}

/*
 * The axis: 0–100% in steps of 20% (10% on tall charts), or counts up to
 * a round number covering max in steps of 1, 2 or 5 x 10^k.
 */
struct yaxis
axes_y_make(const struct cv *cv, int pct, double max)
{
	static const double	 m[] = { 1, 2, 5, 10 };
	double			 raw, mag, step = 1;
	size_t			 i;

	if (pct)
		return (struct yaxis){ 1.0, cv->h >= 600 ? 10 : 5, 1 };
	max = max > 0 ? max : 1;
	raw = max / (cv->h >= 600 ? 8 : 5);
	mag = pow(10, floor(log10(raw)));
	for (i = 0; i < NELEM(m); i++)
		if ((step = m[i] * mag) >= raw)
			break;
	step = step < 1 ? 1 : step;
	i = (size_t)ceil(max / step - 1e-9);
	return (struct yaxis){ step * (double)i, (int)i, 0 };
}

/* Left margin the y axis needs: its upright label and its ticks. */
int
axes_y_left(const struct cv *cv, const struct yaxis *ax, const char *ylabel)
{
	char buf[32];

	tick_text(buf, sizeof(buf), ax, ax->nt);
	return cv->pad + (ylabel != NULL ? glyph_lh(cv->fx) + 4 : 0) +
	    text_strw(buf, cv->fs) + SC(cv, 6);
}

/*
 * Gridlines, tick labels, the zero line and the axis label.  On a plot
 * too short for a label at every gridline (the digits' height and a
 * pixel apart), only every m-th is labelled, m dividing the number of
 * steps so that the top one keeps its label; on a plot lower than that,
 * only the top one.
 */
void
axes_y_draw(struct cv *cv, const struct yaxis *ax, const char *ylabel)
{
	struct span	 sp;
	char		 buf[32];
	int		 i, y, m, dh = glyph_get('0', cv->fs)->h + 1;

	for (m = 1; m <= ax->nt; m++)
		if (ax->nt % m == 0 && (cv->pb - cv->pt) * m / ax->nt >= dh)
			break;
	for (i = 0; i <= ax->nt; i++) {
		y = cv_ymap(cv, (double)i / ax->nt);
		cv_hline(cv, cv->pl, cv->pr, y, i ? RGB_GRID : RGB_AXIS);
		if (m > ax->nt ? i < ax->nt : i % m != 0)
			continue;
		tick_text(buf, sizeof(buf), ax, i);
		sp = text_span(buf);
		text_draw(cv, &sp, cv->fs, RGB_MUTED, cv->pl - SC(cv, 6) -
		    text_width(&sp, cv->fs),
		    y + (glyph_asc(cv->fs) - glyph_desc(cv->fs)) / 2, 0);
	}
	if (ylabel == NULL)
		return;
	text_shorten(&sp, ylabel, text_len(ylabel), (cv->pb - cv->pt) * 64,
	    cv->fx, 0, 0);
	text_draw(cv, &sp, cv->fx, RGB_MUTED, cv->pad + glyph_asc(cv->fx),
	    (cv->pt + cv->pb + text_width(&sp, cv->fx)) / 2, 1);
}

/*
 * The target label, the caller's or "目标 90%", shortened to a fifth of
 * the width; returns the room it takes right of the plot (0: no target).
 */
int
axes_target_text(const struct cv *cv, struct span *sp, char *buf, size_t sz,
    double target, const char *label)
{
	double p = round(target * 1000) / 10;

	if (isnan(target))
		return 0;
	if (label == NULL)
		snprintf(buf, sz, p == floor(p) ? "目标 %.0f%%" :
		    "目标 %.1f%%", p);
	label = label != NULL ? label : buf;
	text_shorten(sp, label, text_len(label), cv->w / 5 * 64, cv->fx, 0, 0);
	return text_width(sp, cv->fx) + SC(cv, 6);
}

/*
 * Dashed target line across the plot, labelled on its right with the
 * text axes_target_text() made.
 */
void
axes_target_draw(struct cv *cv, double target, const struct span *sp)
{
	int		 x, y, b, dash = SC(cv, 8);

	if (isnan(target))
		return;
	y = cv_ymap(cv, target);
	for (x = cv->pl; x < cv->pr; x += dash + dash / 2)
		cv_fill(cv, x, y - 1, x + dash < cv->pr ? x + dash : cv->pr,
		    y + 1, CHART_RGB_TARGET);
	b = y + (glyph_asc(cv->fx) - glyph_desc(cv->fx)) / 2;
	b = CLAMP(b, cv->top + glyph_asc(cv->fx),
	    cv->bot - glyph_desc(cv->fx));
	text_draw(cv, sp, cv->fx, CHART_RGB_TARGET, cv->pr + SC(cv, 4), b, 0);
}

/* "无数据" in the middle of an empty plot. */
void
axes_nodata(struct cv *cv)
{
	struct span sp = text_span("无数据");

	text_mid(cv, &sp, cv->fx, RGB_MUTED, (cv->pl + cv->pr) / 2,
	    (cv->pt + cv->pb + glyph_asc(cv->fx)) / 2);
}

/*
 * Lay out the n labels under their slots in at most hmax rows: the first
 * of tries[] that fits; else vertical small text on every step-th slot.
 * Vertical labels too long are shortened in the middle.  Returns 0 or -1.
 */
static int
cats_fit(struct cats *cs, const struct cv *cv, const char *const *lab,
    int hmax)
{
	static const struct { enum xmode m; int small; } tries[] = {
		{ XM_LINE, 0 }, { XM_WRAP, 0 }, { XM_LINE, 1 },
		{ XM_WRAP, 1 }, { XM_VERT, 0 }, { XM_VERT, 1 },
	};
	size_t		 i, k;
	int32_t		 avail = (int32_t)((cs->slot - 4) * 64), c;
	int		 ok, cells;

	if ((cs->l = calloc(cs->n + 1, sizeof(*cs->l))) == NULL)
		return -1;
	cs->step = 1;
	for (k = 0; k < NELEM(tries); k++) {
		cs->fs = tries[k].small ? cv->fs : cv->fx;
		cs->mode = tries[k].m;
		cs->height = (cs->mode == XM_WRAP ? 2 : 1) * glyph_lh(cs->fs);
		if (cs->height > hmax)
			continue;
		for (ok = 1, i = 0; ok && i < cs->n; i++) {
			cs->l[i][0] = text_span(lab[i]);
			cs->l[i][1].s = NULL;
			if (cs->mode == XM_VERT)
				ok = cs->slot >= FS_PX(cs->fs) + 2;
			else if (text_adv(lab[i], cs->l[i][0].n, cs->fs) > avail)
				ok = cs->mode == XM_WRAP && text_wrap2(cs->l[i],
				    lab[i], cs->l[i][0].n, avail, cs->fs);
		}
		if (ok && cs->mode != XM_VERT)
			return 0;
		if (ok)
			break;
	}
	if (k == NELEM(tries)) {
		cs->mode = XM_VERT;
		cs->fs = cv->fs;
		cs->step = (size_t)ceil((FS_PX(cs->fs) + 2) / cs->slot);
	}
	cells = hmax / text_vstep(cs->fs);
	cells = cells < 2 ? 2 : cells;
	for (cs->height = 0, i = 0; i < cs->n; i++) {
		c = text_shorten(&cs->l[i][0], lab[i], text_len(lab[i]),
		    cells * 64, cs->fs, 1, 1) / 64 * text_vstep(cs->fs);
		cs->height = c > cs->height ? c : cs->height;
	}
	return 0;
}

/*
 * Once cv->top, pl and pr are known: fit the labels into 40% of the
 * height under the title, set cv->pb above them.  Returns 0 or -1
 * (ENOMEM); cs->l is the caller's to free() either way.
 */
int
axes_cats_layout(struct cv *cv, struct cats *cs, const char *const *lab,
    const char *xlabel)
{
	int below = xlabel != NULL ? glyph_lh(cv->fx) + 4 : 0;

	cs->slot = cs->n ? (double)(cv->pr - cv->pl) / cs->n : 1;
	if (cats_fit(cs, cv, lab, (cv->bot - cv->top) * 40 / 100 - below) ==
	    -1)
		return -1;
	cv->pb = cv->bot - below - (cs->n ? cs->height : 0) - SC(cv, 6);
	return 0;
}

/* Draw the category labels under the plot, the axis label under them. */
void
axes_cats_draw(struct cv *cv, const struct cats *cs, const char *xlabel)
{
	struct span	 sp;
	size_t		 i;
	int		 j, cx, y = cv->pb + SC(cv, 5);

	for (i = 0; i < cs->n; i += cs->step) {
		cx = cv->pl + (int)((i + 0.5) * cs->slot);
		if (cs->mode == XM_VERT)
			text_vert(cv, &cs->l[i][0], cs->fs, RGB_TEXT, cx, y);
		for (j = 0; cs->mode != XM_VERT && j < 2 &&
		    cs->l[i][j].s != NULL; j++)
			text_mid(cv, &cs->l[i][j], cs->fs, RGB_TEXT, cx,
			    y + glyph_asc(cs->fs) + j * glyph_lh(cs->fs));
	}
	if (xlabel == NULL)
		return;
	text_shorten(&sp, xlabel, text_len(xlabel), (cv->w - 2 * cv->pad) * 64,
	    cv->fx, 0, 0);
	text_mid(cv, &sp, cv->fx, RGB_MUTED, (cv->pl + cv->pr) / 2,
	    cv->bot - glyph_desc(cv->fx));
}

/*
 * Make room for a note on the last line: cv->bot rises by a line of small
 * text and a gap.  Call once the title and legend are drawn, before the
 * plot's rows are laid out.  On an image too low for it (less than five
 * lines of text would be left between the legend and the note) the note
 * is left out: returns it, or NULL.
 */
const char *
axes_note_room(struct cv *cv, const char *note)
{
	int bot = cv->h - cv->pad - glyph_lh(cv->fs) - SC(cv, 4);

	if (note == NULL || *note == '\0' || bot - cv->top <
	    5 * glyph_lh(cv->fx))
		return NULL;
	cv->bot = bot;
	return note;
}

/*
 * The note axes_note_room() returned (NULL: none) in small muted text on
 * the last line, from the plot's left edge or further left when it is
 * wide, shortened to the image's width.
 */
void
axes_note_draw(struct cv *cv, const char *note)
{
	struct span	 sp;
	int		 x;

	if (note == NULL)
		return;
	text_shorten(&sp, note, text_len(note), (cv->w - 2 * cv->pad) * 64,
	    cv->fs, 0, 0);
	x = MIN(cv->pl, cv->w - cv->pad - text_width(&sp, cv->fs));
	text_draw(cv, &sp, cv->fs, RGB_MUTED, MAX(x, cv->pad),
	    cv->h - cv->pad - glyph_desc(cv->fs), 0);
}
