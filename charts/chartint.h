/*
 * chartint: what the files of charts/ share; nothing outside charts/
 * includes it but the unit test (for cv_png() and the text trace,
 * glyph_trace).  One file per concept,
 * each name with its file's prefix:
 *
 *   glyph.c   glyph_   FreeType glyph cache, glyphs blended into a canvas
 *   text.c    text_    UTF-8, measuring, shortening, wrapping, drawing text
 *   canvas.c  cv_      the image, its palette, blends, fills, lines, PNG
 *   axes.c    axes_    title, legend, y axis, target line, category labels
 *   bar.c     bar_     bar charts (chart_bar_png) and the drawing of any
 *                      chart of bars, which stack.c shares
 *   stack.c            chart_stack_png
 *   trend.c            chart_trend_png
 *   hash.c             chart_hash_*, RENDER_VERSION
 *   chart.c   chart_   setup, chart_size_ok, chart_free, input checks
 *
 * The canvas has its own header, canvas.h, which uses this one.
 *
 * Layers, each using only those before it: canvas (libgd), glyph
 * (FreeType; glyph_blit() draws through cv_paint()), text, axes, the
 * charts; chart.c sets up the glyph cache and checks the input.
 */
#ifndef CHARTINT_H
#define CHARTINT_H

#include <stddef.h>
#include <stdint.h>

#include "chart.h"

#define RGB_TEXT	0x1F2933u	/* titles, labels, values */
#define RGB_MUTED	0x5F6B7Au	/* counts, ticks, axis labels */
#define RGB_GRID	0xE4E7EBu	/* gridlines */
#define RGB_AXIS	0x8C959Fu	/* the zero line */
#define RGB_WHITE	0xFFFFFFu	/* values inside bars */

#define BOLD		0x80		/* font spec = pixel size | BOLD */
#define FS_PX(fs)	((fs) & 0x7f)
#define PX_MIN		8
#define PX_MAX		40
#define LEVELS		16		/* coverage levels of text and lines */

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define CLAMP(v, a, b)	((v) < (a) ? (a) : (v) > (b) ? (b) : (v))
#define SC(cv, n)	((int)lround((n) * (cv)->s))	/* scaled pixels */

/* Coverage 0..255 as one of LEVELS levels. */
static inline unsigned char
cv_level(unsigned a)
{
	return (unsigned char)((a * (LEVELS - 1) + 127) / 255);
}

/* ---- glyph.c ---- (the canvas, struct cv and struct ink: canvas.h) */

struct glyph {
	struct glyph	*next;		/* bucket chain; immutable once public */
	uint32_t	 key;		/* cp << 8 | font spec */
	int16_t		 left, top;	/* bitmap offset from the pen, y up */
	uint16_t	 w, h;		/* bitmap size */
	int32_t		 adv;		/* advance, 26.6 pixels */
	unsigned char	 bits[];	/* w * h coverage, 0..LEVELS-1 */
};

struct cv;
struct ink;

int			 glyph_init(const char *font_path);
void			 glyph_shutdown(void);
int			 glyph_ready(void);
const struct glyph	*glyph_get(uint32_t cp, int fs);
int			 glyph_asc(int fs);
int			 glyph_desc(int fs);
int			 glyph_lh(int fs);
void			 glyph_blit(struct cv *cv, const struct glyph *g,
			    int ox, int oy, int p, const struct ink *k, int rot);

/*
 * For the unit test: while its thread's glyph_trace is set, the ink of
 * every text drawn is recorded as a box (glyph_mark() starts a text, the
 * glyphs blitted after it widen its box); the drawing is unchanged.
 * Always NULL in the daemon.
 */
struct tbox {
	int		 x0, y0, x1, y1;	/* ink: [x0, x1) x [y0, y1) */
	int		 px;			/* smallest pixel size in it */
};
struct trace {
	struct tbox	*box;
	size_t		 n, max;		/* texts past max are lost */
};
extern _Thread_local struct trace *glyph_trace;
void			 glyph_mark(void);

/* ---- text.c ---- */

/* Text as drawn: s[0..n), then, if t is set, "…" and t[0..tn). */
struct span {
	const char	*s;
	size_t		 n;
	const char	*t;
	size_t		 tn;
};

size_t		 text_len(const char *s);
struct span	 text_span(const char *s);
int32_t		 text_adv(const char *s, size_t n, int fs);
int		 text_width(const struct span *sp, int fs);
int		 text_strw(const char *s, int fs);
int32_t		 text_shorten(struct span *sp, const char *s, size_t n,
		    int32_t max, int fs, int mid, int cells);
int		 text_wrap2(struct span l[2], const char *s, size_t n,
		    int32_t max, int fs);
void		 text_run(struct cv *cv, const char *s, size_t n, int fs,
		    uint32_t rgb, int ox, int oy, int32_t *pen, int rot);
void		 text_draw(struct cv *cv, const struct span *sp, int fs,
		    uint32_t rgb, int ox, int oy, int rot);
void		 text_mid(struct cv *cv, const struct span *sp, int fs,
		    uint32_t rgb, int cx, int y);
int		 text_vstep(int fs);
void		 text_vert(struct cv *cv, const struct span *sp, int fs,
		    uint32_t rgb, int cx, int y);

/* ---- axes.c ---- */

enum legkind { LEG_BOX, LEG_HATCH, LEG_LINE, LEG__MAX };

struct leg {
	enum legkind	 kind;
	uint32_t	 rgb;
	const char	*text;
};

/* A y axis from 0 to max in nt steps, as percentages or counts. */
struct yaxis {
	double	 max;
	int	 nt;
	int	 pct;
};

enum xmode {
	XM_LINE,	/* one line */
	XM_WRAP,	/* two lines */
	XM_VERT,	/* vertical, one character per cell */
	XM__MAX
};

/* Category labels under the plot (bar and stacked charts). */
struct cats {
	size_t		 n;
	double		 slot;		/* pixels per category */
	enum xmode	 mode;
	int		 fs;
	size_t		 step;		/* label every step-th category */
	int		 height;	/* rows the labels take */
	struct span	(*l)[2];	/* n labels, l[i][1].s NULL: one line */
};

void		 axes_title(struct cv *cv, const char *title);
void		 axes_legend(struct cv *cv, const struct leg *e, size_t n);
struct yaxis	 axes_y_make(const struct cv *cv, int pct, double max);
int		 axes_y_left(const struct cv *cv, const struct yaxis *ax,
		    const char *ylabel);
void		 axes_y_draw(struct cv *cv, const struct yaxis *ax,
		    const char *ylabel);
int		 axes_target_text(const struct cv *cv, struct span *sp,
		    char *buf, size_t sz, double target, const char *label);
void		 axes_target_draw(struct cv *cv, double target,
		    const struct span *sp);
void		 axes_nodata(struct cv *cv);
int		 axes_cats_layout(struct cv *cv, struct cats *cs,
		    const char *const *lab, const char *xlabel);
void		 axes_cats_draw(struct cv *cv, const struct cats *cs,
		    const char *xlabel);
const char	*axes_note_room(struct cv *cv, const char *note);
void		 axes_note_draw(struct cv *cv, const char *note);

/* ---- bar.c ---- */

/* One bar as drawn: segments stacked from zero, its texts. */
struct col {
	size_t		 i;		/* index in the caller's items */
	int		 cls;		/* 0 rated, 1 low (hatched), 2 empty */
	double		 seg[CHART_OUT__MAX];	/* axis units */
	const char	*label;
	char		 val[24];	/* "93.5%", "—" or a total */
	char		 cnt[24];	/* "n=214" or "" */
};

/* A bar or stacked chart, its input checked and ranked. */
struct cat {
	const char		*title, *ylabel, *xlabel;
	int			 w, h;
	const struct leg	*leg;	/* legend, and the segment colours */
	size_t			 nleg;	/* legend entries shown */
	size_t			 nseg;	/* segments per bar */
	int			 pct;	/* 0–100% axis, else counts up to max */
	double			 max;
	double			 target;
	const char		*target_label;
	const char		*note;	/* a line under it all, or NULL */
	int			 inside; /* turned texts may go inside bars */
	struct col		*c;
	size_t			 n;
};

int		 bar_draw(const struct cat *ct, unsigned char **png,
		    size_t *len);

/* ---- chart.c ---- */

int		 chart_start(unsigned char **png, size_t *len);
int		 chart_text_ok(const char *s, int optional);
int		 chart_rate_ok(double *v);
int		 chart_frame_ok(const char *title, const char *ylabel, int w,
		    int h);
int		 chart_target_ok(double t, const char *label);

#endif /* !CHARTINT_H */
