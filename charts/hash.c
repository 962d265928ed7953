/*
 * hash: the charts' ETags, a 64-bit FNV-1a over fixed-width little-endian
 * fields (see chart.h), and the renderer's version they include.
 */
#include <math.h>
#include <string.h>

#include "canvas.h"
#include "chartint.h"

#define RENDER_VERSION	4	/* bump when drawing changes: new ETags */

static void
h_int(uint64_t *h, int64_t v)
{
	int i;

	for (i = 0; i < 64; i += 8)
		*h = (*h ^ ((uint64_t)v >> i & 0xff)) * 0x100000001b3ull;
}

/* NAN as one value, -0 as 0, else the IEEE bits. */
static void
h_dbl(uint64_t *h, double d)
{
	int64_t bits = INT64_C(0x7ff8000000000000);

	if (!isnan(d)) {
		d = d == 0 ? 0 : d;
		memcpy(&bits, &d, sizeof(bits));
	}
	h_int(h, bits);
}

/* Length, then bytes; NULL as length -1. */
static void
h_str(uint64_t *h, const char *s)
{
	h_int(h, s != NULL ? (int64_t)strlen(s) : -1);
	for (; s != NULL && *s != '\0'; s++)
		*h = (*h ^ (unsigned char)*s) * 0x100000001b3ull;
}

/* Kind, renderer version, size, title and axis labels. */
static uint64_t
h_start(int kind, int w, int h, const char *title, const char *ylabel,
    const char *xlabel)
{
	uint64_t x = 0xcbf29ce484222325ull;

	h_int(&x, kind);
	h_int(&x, RENDER_VERSION);
	h_int(&x, w);
	h_int(&x, h);
	h_str(&x, title);
	h_str(&x, ylabel);
	h_str(&x, xlabel);
	return x;
}

uint64_t
chart_hash_bar(const struct chart_bar *in)
{
	const struct chart_bar_item	*it;
	uint64_t			 h;

	if (in == NULL)
		return 0;
	h = h_start('B', in->width, in->height, in->title, in->ylabel,
	    in->xlabel);
	h_dbl(&h, in->target);
	h_str(&h, in->target_label);
	h_str(&h, in->note);
	h_int(&h, (int64_t)in->n);
	for (it = in->items; in->items != NULL && it < in->items + in->n;
	    it++) {
		h_str(&h, it->label);
		h_dbl(&h, it->value);
		h_int(&h, it->num);
		h_int(&h, it->den);
		h_int(&h, it->low != 0);
	}
	return h;
}

uint64_t
chart_hash_trend(const struct chart_trend *in)
{
	uint64_t	 h;
	size_t		 i, k;

	if (in == NULL)
		return 0;
	h = h_start('T', in->width, in->height, in->title, in->ylabel, NULL);
	h_dbl(&h, in->target);
	h_str(&h, in->target_label);
	h_str(&h, in->note);
	h_int(&h, (int64_t)in->npoints);
	for (i = 0; in->xlabels != NULL && i < in->npoints; i++)
		h_str(&h, in->xlabels[i]);
	/* Partial flags: NULL as all zero, any nonzero as 1. */
	for (i = 0; i < in->npoints; i++)
		h_int(&h, in->partial != NULL && in->partial[i] != 0);
	h_int(&h, (int64_t)in->nseries);
	for (k = 0; in->series != NULL && k < in->nseries; k++) {
		h_str(&h, in->series[k].name);
		h_int(&h, in->series[k].rgb);
		for (i = 0; in->series[k].values != NULL &&
		    i < in->npoints; i++)
			h_dbl(&h, in->series[k].values[i]);
	}
	return h;
}

uint64_t
chart_hash_stack(const struct chart_stack *in)
{
	const struct chart_stack_item	*it;
	uint64_t			 h;
	size_t				 k;

	if (in == NULL)
		return 0;
	h = h_start('S', in->width, in->height, in->title, in->ylabel,
	    in->xlabel);
	h_int(&h, (int64_t)in->n);
	for (it = in->items; in->items != NULL && it < in->items + in->n;
	    it++) {
		h_str(&h, it->label);
		for (k = 0; k < CHART_OUT__MAX; k++)
			h_int(&h, it->count[k]);
	}
	return h;
}
