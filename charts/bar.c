/*
 * bar: the bar chart of one rate per region (chart_bar_png), and
 * bar_draw(), which draws any chart of bars: this one and the stacked
 * chart of stack.c.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "canvas.h"
#include "chartint.h"

/* How texts are written at the bars. */
enum vmode {
	VM_LINE,	/* "93.5%  n=214" above the bar */
	VM_TWO,		/* "93.5%" over "n=214" above the bar */
	VM_ROT,		/* turned, inside the bar or above it */
	VM_NONE,	/* bars narrower than a line of text */
	VM__MAX
};

/* Column span [*x0, *x1) of the bar in slot i. */
static void
bar_cols(const struct cv *cv, const struct cats *cs, size_t i, int *x0,
    int *x1)
{
	double bw = CLAMP(cs->slot * 0.62, 1, 72 * cv->s);

	*x0 = cv->pl + (int)lround((i + 0.5) * cs->slot - bw / 2);
	*x1 = *x0 + (bw >= 1.5 ? (int)lround(bw) : 1);
}

/* Write a bar's texts; the bar spans columns [x0, x1) from row ytop. */
static void
col_text(struct cv *cv, const struct cat *ct, enum vmode vm,
    const struct col *c, int x0, int x1, int ytop)
{
	struct span	 v = text_span(c->val), n = text_span(c->cnt);
	int		 wv = text_width(&v, cv->fs), wc = text_width(&n, cv->fs);
	int		 gap = n.n ? text_strw("  ", cv->fs) : 0;
	int		 len = wv + gap + wc, cx = (x0 + x1) / 2;
	int		 b = ytop - SC(cv, 3) - glyph_desc(cv->fs);
	int32_t		 pen = 0;
	uint32_t	 rv = c->cls == 1 ? RGB_MUTED : RGB_TEXT, rn = RGB_MUTED;

	switch (vm) {
	case VM_LINE:
		text_draw(cv, &v, cv->fs, rv, cx - len / 2, b, 0);
		text_draw(cv, &n, cv->fs, rn, cx - len / 2 + wv + gap, b, 0);
		break;
	case VM_TWO:
		text_draw(cv, &n, cv->fs, rn, cx - wc / 2, b, 0);
		text_draw(cv, &v, cv->fs, rv, cx - wv / 2,
		    b - glyph_lh(cv->fs), 0);
		break;
	case VM_ROT:
		b = cx + (glyph_asc(cv->fs) - glyph_desc(cv->fs)) / 2;
		if (ct->inside && cv->pb - ytop >= len + 6) {
			ytop += 3 + len;
			rv = rn = c->cls == 1 ? RGB_TEXT : RGB_WHITE;
		} else if (ytop - cv->top >= len + 4)
			ytop -= 3;
		else
			break;
		glyph_mark();
		text_run(cv, v.s, v.n, cv->fs, rv, b, ytop, &pen, 1);
		pen += gap * 64;
		glyph_mark();
		text_run(cv, n.s, n.n, cv->fs, rn, b, ytop, &pen, 1);
		break;
	default:
		break;
	}
}

/*
 * Draw a chart of bars: title, legend, y axis, bars, target line, texts
 * at the bars, labels under them, and encode it.  Returns 0, or -1 with
 * errno ENOMEM.
 */
int
bar_draw(const struct cat *ct, unsigned char **png, size_t *len)
{
	struct cv	 cv;
	struct cats	 cs = { 0 };
	const char	**lab, *note;
	struct yaxis	 ax;
	struct span	 tl;
	char		 buf[32];
	enum vmode	 vm;
	size_t		 i, k;
	double		 cum;
	int		 rc = -1, x0, x1, y0, y1, w, n, wv = 0, wc = 0, wl = 0;

	if ((lab = calloc(ct->n + 1, sizeof(*lab))) == NULL)
		return -1;
	if (cv_open(&cv, ct->w, ct->h) == -1)
		goto out;
	axes_title(&cv, ct->title);
	if (ct->nleg)
		axes_legend(&cv, ct->leg, ct->nleg);
	ax = axes_y_make(&cv, ct->pct, ct->max);
	cv.pl = axes_y_left(&cv, &ax, ct->ylabel);
	cv.pr = cv.w - cv.pad - axes_target_text(&cv, &tl, buf, sizeof(buf),
	    ct->target, ct->target_label);
	note = axes_note_room(&cv, ct->note);
	for (cs.n = ct->n, i = 0; i < ct->n; i++) {
		lab[i] = ct->c[i].label;
		w = text_strw(ct->c[i].val, cv.fs);
		n = text_strw(ct->c[i].cnt, cv.fs);
		wv = MAX(wv, w);
		wc = MAX(wc, n);
		wl = MAX(wl, w + n + (n ? text_strw("  ", cv.fs) : 0));
	}
	if (axes_cats_layout(&cv, &cs, lab, ct->xlabel) == -1)
		goto out;

	/* Texts at the bars: level if they fit the slot, else turned. */
	w = (int)cs.slot - 2;
	vm = wl <= w ? VM_LINE : MAX(wv, wc) <= w ? VM_TWO :
	    glyph_lh(cv.fs) <= cs.slot ? VM_ROT : VM_NONE;
	cv.pt = cv.top + (vm == VM_LINE ? glyph_lh(cv.fs) + SC(&cv, 3) :
	    vm == VM_TWO ? 2 * glyph_lh(cv.fs) + SC(&cv, 3) :
	    vm == VM_ROT && !ct->inside ? wl + 4 : glyph_asc(cv.fs) / 2 + 1);
	axes_y_draw(&cv, &ax, ct->ylabel);
	if (ct->n == 0)
		axes_nodata(&cv);
	for (i = 0; i < ct->n; i++) {
		bar_cols(&cv, &cs, i, &x0, &x1);
		for (y0 = cv.pb, cum = 0, k = 0; k < ct->nseg; k++, y0 = y1) {
			cum += ct->c[i].seg[k];
			y1 = cv_ymap(&cv, cum / ax.max);
			if (ct->c[i].cls == 1)
				cv_hatch(&cv, x0, y1, x1, y0);
			else
				cv_fill(&cv, x0, y1, x1, y0, ct->leg[k].rgb);
		}
	}
	axes_target_draw(&cv, ct->target, &tl);
	for (i = 0; i < ct->n; i++) {
		bar_cols(&cv, &cs, i, &x0, &x1);
		for (cum = 0, k = 0; k < ct->nseg; k++)
			cum += ct->c[i].seg[k];
		col_text(&cv, ct, vm, &ct->c[i], x0, x1,
		    cv_ymap(&cv, cum / ax.max));
	}
	axes_cats_draw(&cv, &cs, ct->xlabel);
	axes_note_draw(&cv, note);
	rc = cv_png(cv.im, png, len);
out:
	free(cs.l);
	free(lab);
	cv_close(&cv);
	return rc;
}

/* Rated, then low, then empty; by rate descending; stable. */
static int
col_cmp(const void *a, const void *b)
{
	const struct col *x = a, *y = b;

	if (x->cls != y->cls)
		return x->cls - y->cls;
	if (x->cls != 2 && x->seg[0] != y->seg[0])
		return x->seg[0] < y->seg[0] ? 1 : -1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int
chart_bar_png(const struct chart_bar *in, unsigned char **png, size_t *len)
{
	static const struct leg	 lg[2] = {
		{ LEG_BOX, CHART_RGB_BAR, "比率" },
		{ LEG_HATCH, CHART_RGB_LOW, "样本不足" },
	};
	struct leg		 leg[2] = { lg[0], lg[1] };
	struct col		 cols[CHART_ITEMS_MAX], *c;
	struct cat		 ct;
	size_t			 i;
	double			 v, p;

	if (!chart_start(png, len))
		return -1;
	if (in == NULL || !chart_frame_ok(in->title, in->ylabel, in->width,
	    in->height) || !chart_text_ok(in->xlabel, 1) ||
	    !chart_target_ok(in->target, in->target_label) ||
	    !chart_text_ok(in->note, 1) || in->n > CHART_ITEMS_MAX || (in->n && in->items == NULL))
		goto inval;
	ct = (struct cat){ .title = in->title, .ylabel = in->ylabel,
	    .xlabel = in->xlabel, .w = in->width, .h = in->height, .leg = leg,
	    .nseg = 1, .pct = 1, .max = 1, .target = in->target,
	    .target_label = in->target_label, .note = in->note, .inside = 1,
	    .c = cols,
	    .n = in->n };
	for (i = 0; i < in->n; i++) {
		const struct chart_bar_item *it = &in->items[i];
		c = &cols[i];
		v = it->value;
		if (!chart_text_ok(it->label, 0) || !chart_rate_ok(&v) ||
		    it->num < 0 || it->den < 0)
			goto inval;
		*c = (struct col){ i, isnan(v) ? 2 : it->low ? 1 : 0,
		    { isnan(v) ? 0 : v }, it->label, "", "" };
		p = round(v * 1000) / 10;
		snprintf(c->val, sizeof(c->val), isnan(p) ? "—" : p >= 100 ?
		    "100%%" : "%.1f%%", p);
		/* no count under a value that is not a rate of counts
		 * (den 0 with a value: e.g. points out of 100) */
		if (it->den > 0 || isnan(v))
			snprintf(c->cnt, sizeof(c->cnt), "n=%ld", it->den);
		ct.nleg = it->low ? 2 : ct.nleg;
	}
	qsort(cols, in->n, sizeof(*cols), col_cmp);
	leg[0].text = in->ylabel != NULL ? in->ylabel : lg[0].text;
	return bar_draw(&ct, png, len);
inval:
	errno = EINVAL;
	return -1;
}
