/*
 * stack: the stacked bar chart of outcome counts per region
 * (chart_stack_png), drawn by bar_draw().
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>

#include "canvas.h"
#include "chartint.h"

/* The outcomes, bottom to top: legend texts and segment colours. */
static const struct leg outcomes[CHART_OUT__MAX] = {
	{ LEG_BOX, CHART_RGB_ONTIME, "按期办结" },	/* CHART_OUT_ONTIME */
	{ LEG_BOX, CHART_RGB_LATE, "超期办结" },	/* CHART_OUT_LATE */
	{ LEG_BOX, CHART_RGB_OPEN, "办理中未超期" },	/* CHART_OUT_OPEN */
	{ LEG_BOX, CHART_RGB_OVERDUE, "已超期" },	/* CHART_OUT_OVERDUE */
};

int
chart_stack_png(const struct chart_stack *in, unsigned char **png,
    size_t *len)
{
	struct col	 cols[CHART_ITEMS_MAX], *c;
	struct cat	 ct;
	size_t		 i, k;
	double		 tot;
	int		 neg;

	if (!chart_start(png, len))
		return -1;
	if (in == NULL || !chart_frame_ok(in->title, in->ylabel, in->width,
	    in->height) || !chart_text_ok(in->xlabel, 1) ||
	    in->n > CHART_ITEMS_MAX || (in->n && in->items == NULL))
		goto inval;
	ct = (struct cat){ .title = in->title, .ylabel = in->ylabel,
	    .xlabel = in->xlabel, .w = in->width, .h = in->height,
	    .leg = outcomes, .nleg = CHART_OUT__MAX, .nseg = CHART_OUT__MAX,
	    .target = NAN, .c = cols, .n = in->n };
	for (i = 0; i < in->n; i++) {
		c = &cols[i];
		*c = (struct col){ .i = i, .label = in->items[i].label };
		for (neg = 0, tot = 0, k = 0; k < CHART_OUT__MAX; k++) {
			neg |= in->items[i].count[k] < 0;
			tot += c->seg[k] = (double)in->items[i].count[k];
		}
		if (!chart_text_ok(c->label, 0) || neg || tot > 1e12)
			goto inval;
		snprintf(c->val, sizeof(c->val), "%.0f", tot);
		ct.max = fmax(ct.max, tot);
	}
	return bar_draw(&ct, png, len);
inval:
	errno = EINVAL;
	return -1;
}
