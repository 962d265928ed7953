/*
 * canvas: the image a chart is drawn into (a libgd palette image), its
 * palette, blends of an ink over a background in LEVELS steps, fills,
 * lines and the PNG encoding.  For the files of charts/ only.
 */
#ifndef CHARTS_CANVAS_H
#define CHARTS_CANVAS_H

#include <stddef.h>
#include <stdint.h>

#include <gd.h>

#include "chartint.h"

/* The indices of one ink blended over one background colour. */
struct blend {
	uint64_t	 key;		/* (ink << 8 | background) + 1; 0 = free */
	uint16_t	 lv[LEVELS];	/* index by level; > 255: not known yet */
};

#define MEMO_BITS	8		/* log2 of the blend memo's slots */

/*
 * A chart being drawn: a libgd palette image, whose palette grows in the
 * order colours are first drawn, and a memo of blends (a cache: a slot
 * is taken over by the last pair that hashes to it).
 */
struct cv {
	gdImagePtr	 im;
	struct blend	*memo;		/* 1 << MEMO_BITS slots */
	int		 w, h;
	double		 s;		/* scale against 800x400 */
	int		 fx, fs;	/* font specs: text, small */
	int		 pad;
	int		 top;		/* first free row under title, legend */
	int		 bot;		/* row under the chart above the note
					   (h - pad when it has none) */
	int		 pl, pr;	/* plot columns [pl, pr) */
	int		 pt, pb;	/* plot rows: full scale at pt, 0 at pb */
};

/* A colour to draw with, and its index. */
struct ink {
	uint32_t	 rgb;
	unsigned	 idx;
};

int		 cv_open(struct cv *cv, int w, int h);
void		 cv_close(struct cv *cv);
int		 cv_png(gdImagePtr im, unsigned char **png, size_t *len);
unsigned	 cv_color(struct cv *cv, uint32_t rgb);
struct ink	 cv_ink(struct cv *cv, uint32_t rgb);
struct blend	*cv_blend(struct cv *cv, const struct ink *k, unsigned bg);
unsigned	 cv_shade(struct cv *cv, const struct ink *k, struct blend *b,
		    unsigned q);
void		 cv_fill(struct cv *cv, int x0, int y0, int x1, int y1,
		    uint32_t rgb);
void		 cv_hatch(struct cv *cv, int x0, int y0, int x1, int y1);
void		 cv_hline(struct cv *cv, int x0, int x1, int y, uint32_t rgb);
void		 cv_aa_line(struct cv *cv, double x0, double y0, double x1,
		    double y1, double wd, uint32_t rgb);
int		 cv_ymap(const struct cv *cv, double f);

/*
 * Blend ink k at level q into the pixel (a palette index) at d.  *b
 * holds the blends over the background *bg (256 at first): runs of one
 * background look up the memo once.
 */
static inline void
cv_paint(struct cv *cv, const struct ink *k, unsigned char *d, unsigned q,
    struct blend **b, unsigned *bg)
{
	if (*d != *bg)
		*b = cv_blend(cv, k, *bg = *d);
	*d = (unsigned char)((*b)->lv[q] <= 255 ? (*b)->lv[q] :
	    cv_shade(cv, k, *b, q));
}

#endif
