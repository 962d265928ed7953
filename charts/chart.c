/*
 * charts: glyph cache, text layout, the three charts, PNG output.
 * See chart.h for the contracts.
 *
 * Text: FreeType renders each (codepoint, pixel size, weight) once into a
 * coverage bitmap kept in a process-wide hash table.  Lookups take no lock:
 * entries are immutable once published, published with a release store on
 * the bucket head and read with an acquire load.  A miss takes one mutex,
 * which also guards FreeType; one FT_Size is kept per pixel size so the
 * font's hinting program does not run again at each size change.  libgd
 * is not used (nor its text path and process-wide mutex).
 *
 * Drawing writes palette indices: bars are plain fills, text and lines
 * are blended by coverage in 16 levels, so that a chart has few colours;
 * the palette grows as colours are first drawn, and the rows go to the
 * PNG encoder (png.c) as they are.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SIZES_H
#include FT_SYNTHESIS_H

#include "chart.h"
#include "png.h"

#define RENDER_VERSION	2	/* bump when drawing changes: new ETags */

#define RGB_TEXT	0x1F2933u	/* titles, labels, values */
#define RGB_MUTED	0x5F6B7Au	/* counts, ticks, axis labels */
#define RGB_GRID	0xE4E7EBu	/* gridlines */
#define RGB_AXIS	0x8C959Fu	/* the zero line */
#define RGB_WHITE	0xFFFFFFu	/* values inside bars */

#define BOLD		0x80		/* font spec = pixel size | BOLD */
#define FS_PX(fs)	((fs) & 0x7f)
#define PX_MIN		8
#define PX_MAX		40
#define GLYPH_BUCKETS	4096		/* power of two */
#define GLYPHS_MAX	65536		/* beyond this, glyphs are not kept */
#define SCRATCH_MAX	(4 * PX_MAX * PX_MAX)
#define PMAP		1024		/* palette hash slots, power of two */
#define MEMO_BITS	8		/* log2 of the blend memo's slots */
#define LEVELS		16		/* coverage levels of text and lines */

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define CLAMP(v, a, b)	((v) < (a) ? (a) : (v) > (b) ? (b) : (v))
#define SC(cv, n)	((int)lround((n) * (cv)->s))	/* scaled pixels */

/* ---- Glyph cache ---- */

struct glyph {
	struct glyph	*next;		/* bucket chain; immutable once public */
	uint32_t	 key;		/* cp << 8 | font spec */
	int16_t		 left, top;	/* bitmap offset from the pen, y up */
	uint16_t	 w, h;		/* bitmap size */
	int32_t		 adv;		/* advance, 26.6 pixels */
	unsigned char	 bits[];	/* w * h coverage, 0..LEVELS-1 */
};

static struct {
	pthread_mutex_t	 lock;		/* FreeType and insertions */
	FT_Library	 lib;
	FT_Face		 face;
	FT_Size		 size[PX_MAX + 1];	/* one per pixel size */
	int		 asc, desc, upem;	/* face metrics, font units */
	unsigned	 nglyphs;
	atomic_int	 ready;
	_Atomic(struct glyph *) bucket[GLYPH_BUCKETS];
} F = { .lock = PTHREAD_MUTEX_INITIALIZER };

static const struct glyph glyph_none;	/* drawn when FreeType fails */

/* Coverage 0..255 as one of LEVELS levels. */
static unsigned char
level(unsigned a)
{
	return (unsigned char)((a * (LEVELS - 1) + 127) / 255);
}

/*
 * Render cp at font spec fs into a new glyph (buf NULL) or into buf of
 * bufsz bytes.  Caller holds F.lock.  Returns NULL on failure.
 */
static struct glyph *
glyph_make(uint32_t cp, int fs, void *buf, size_t bufsz)
{
	FT_Size		*sz = &F.size[FS_PX(fs)], size;
	FT_GlyphSlot	 slot;
	const FT_Bitmap	*b;
	struct glyph	*g;
	size_t		 n;
	unsigned	 x, y;

	/* A size that fails half-made is freed with the face. */
	if (*sz == NULL && (FT_New_Size(F.face, &size) != 0 ||
	    FT_Activate_Size(size) != 0 ||
	    FT_Set_Pixel_Sizes(F.face, 0, FS_PX(fs)) != 0))
		return NULL;
	if (*sz == NULL)
		*sz = size;
	else if (FT_Activate_Size(*sz) != 0)
		return NULL;
	if (FT_Load_Char(F.face, cp, FT_LOAD_TARGET_LIGHT | FT_LOAD_NO_BITMAP))
		return NULL;
	slot = F.face->glyph;
	if (fs & BOLD)
		FT_GlyphSlot_Embolden(slot);
	if (FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL) != 0)
		return NULL;
	b = &slot->bitmap;
	n = sizeof(*g) + (size_t)b->width * b->rows;
	if ((b->rows && b->pixel_mode != FT_PIXEL_MODE_GRAY) ||
	    (buf != NULL && n > bufsz))
		return NULL;
	if ((g = buf != NULL ? buf : malloc(n)) == NULL)
		return NULL;
	*g = (struct glyph){ NULL, cp << 8 | (uint32_t)fs,
	    (int16_t)slot->bitmap_left, (int16_t)slot->bitmap_top,
	    (uint16_t)b->width, (uint16_t)b->rows, (int32_t)slot->advance.x };
	for (y = 0; y < b->rows; y++)
		for (x = 0; x < b->width; x++)
			g->bits[(size_t)y * b->width + x] =
			    level(b->buffer[(ptrdiff_t)y * b->pitch + x]);
	return g;
}

/*
 * The glyph of cp at font spec fs; never NULL.  Valid until
 * chart_shutdown(), except past GLYPHS_MAX, where it lives in a per-thread
 * scratch buffer until this thread's next miss.
 */
static const struct glyph *
glyph_get(uint32_t cp, int fs)
{
	static _Thread_local union {
		struct glyph	 g;
		unsigned char	 b[sizeof(struct glyph) + SCRATCH_MAX];
	} scratch;
	uint32_t	 key = cp << 8 | (uint32_t)fs;
	size_t		 h = (key * 2654435761u) >> 20 & (GLYPH_BUCKETS - 1);
	struct glyph	*g, *head;

	head = atomic_load_explicit(&F.bucket[h], memory_order_acquire);
	for (g = head; g != NULL; g = g->next)
		if (g->key == key)
			return g;
	pthread_mutex_lock(&F.lock);
	head = atomic_load_explicit(&F.bucket[h], memory_order_acquire);
	for (g = head; g != NULL && g->key != key; g = g->next)
		continue;
	if (g == NULL && F.nglyphs >= GLYPHS_MAX)
		g = glyph_make(cp, fs, &scratch, sizeof(scratch));
	else if (g == NULL && (g = glyph_make(cp, fs, NULL, 0)) != NULL) {
		g->next = head;
		F.nglyphs++;
		atomic_store_explicit(&F.bucket[h], g, memory_order_release);
	}
	pthread_mutex_unlock(&F.lock);
	return g != NULL ? g : &glyph_none;
}

/* Ascent, descent and line height in pixels of font spec fs. */
static int
asc(int fs)
{
	return (FS_PX(fs) * F.asc + F.upem - 1) / F.upem;
}

static int
desc(int fs)
{
	return (FS_PX(fs) * -F.desc + F.upem - 1) / F.upem;
}

static int
lh(int fs)
{
	return asc(fs) + desc(fs);
}

/* ---- Text ---- */

/*
 * Decode the codepoint at *sp (before end) and advance.  Bytes that are
 * not valid UTF-8 come out as U+FFFD one at a time; controls as spaces.
 */
static uint32_t
utf8_next(const char **sp, const char *end)
{
	const unsigned char	*s = (const unsigned char *)*sp;
	uint32_t		 c = s[0], min;
	int			 n, i;

	if (c < 0x80) {
		*sp += 1;
		return c < 0x20 || c == 0x7f ? ' ' : c;
	}
	if (c < 0xc2 || c >= 0xf5)
		goto bad;
	n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
	min = n == 3 ? 0x10000 : n == 2 ? 0x800 : 0x80;
	c &= 0x3f >> n;
	if (end - *sp <= n)
		goto bad;
	for (i = 1; i <= n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			goto bad;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
		goto bad;
	*sp += n + 1;
	return c;
bad:
	*sp += 1;
	return 0xfffd;
}

/* Length of s, at most CHART_TEXT_MAX (longer texts never get here). */
static size_t
slen(const char *s)
{
	size_t n = 0;

	while (n < CHART_TEXT_MAX && s[n] != '\0')
		n++;
	return n;
}

/* Text as drawn: s[0..n), then, if t is set, "…" and t[0..tn). */
struct span {
	const char	*s;
	size_t		 n;
	const char	*t;
	size_t		 tn;
};

static const char ELLIPSIS[] = "…";
#define ELLIPSIS_LEN	(sizeof(ELLIPSIS) - 1)

static struct span
span_of(const char *s)
{
	return (struct span){ s, slen(s), NULL, 0 };
}

/* Advance of s[0..n), 26.6 pixels. */
static int32_t
adv(const char *s, size_t n, int fs)
{
	const char	*e = s + n;
	int32_t		 w = 0;

	while (s < e)
		w += glyph_get(utf8_next(&s, e), fs)->adv;
	return w;
}

/* Width of a span in whole pixels. */
static int
span_w(const struct span *sp, int fs)
{
	int32_t w = adv(sp->s, sp->n, fs);

	if (sp->t != NULL)
		w += adv(ELLIPSIS, ELLIPSIS_LEN, fs) + adv(sp->t, sp->tn, fs);
	return (w + 63) >> 6;
}

static int
str_w(const char *s, int fs)
{
	return (adv(s, slen(s), fs) + 63) >> 6;
}

/* ---- Canvas ---- */

/* The indices of one ink blended over one background colour. */
struct blend {
	uint64_t	 key;		/* (ink << 8 | background) + 1; 0 = free */
	uint16_t	 lv[LEVELS];	/* index by level; > 255: not known yet */
};

/*
 * The palette of a chart in the order colours are first drawn, with a
 * hash to find them, and a memo of blends (a cache: a slot is taken over
 * by the last pair that hashes to it).
 */
struct pal {
	uint32_t	 rgb[256];
	int		 n;
	int		 used;		/* slots taken in key */
	uint32_t	 key[PMAP];	/* colour + 1; 0 = free */
	uint8_t		 idx[PMAP];
	struct blend	 memo[1 << MEMO_BITS];
};

/*
 * A chart being drawn.  The pixels are h rows of 1 + w bytes: a PNG
 * filter byte (0, none) and w palette indices, as the encoder takes them.
 */
struct cv {
	unsigned char	*px;
	size_t		 stride;	/* 1 + w */
	struct pal	*pal;
	int		 w, h;
	double		 s;		/* scale against 800x400 */
	int		 fx, fs;	/* font specs: text, small */
	int		 pad;
	int		 top;		/* first free row under title, legend */
	int		 pl, pr;	/* plot columns [pl, pr) */
	int		 pt, pb;	/* plot rows: full scale at pt, 0 at pb */
};

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

/* A colour to draw with, and its index. */
struct ink {
	uint32_t	 rgb;
	unsigned	 idx;
};

static struct ink
ink_of(struct cv *cv, uint32_t rgb)
{
	return (struct ink){ rgb, pal_get(cv->pal, rgb) };
}

/* The blends of ink k over the colour of index bg. */
static struct blend *
blend_of(struct pal *m, const struct ink *k, unsigned bg)
{
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
 * know yet (paint() looks there first): worked out and kept in b.
 */
static unsigned
shade(struct pal *m, const struct ink *k, struct blend *b, unsigned q)
{
	unsigned	 a = q * 255 / (LEVELS - 1), d = m->rgb[b->lv[0]], v = 0;
	unsigned	 i;

	for (i = 0; i < 24; i += 8)
		v |= (((k->rgb >> i & 0xff) * a + (d >> i & 0xff) * (255 - a) +
		    127) / 255) << i;
	return b->lv[q] = (uint16_t)pal_get(m, v);
}

/*
 * Blend ink k at level q into the pixel at d.  *b holds the blends over
 * the background *bg (256 at first): runs of one background look up the
 * memo once.
 */
static inline void
paint(struct pal *m, const struct ink *k, unsigned char *d, unsigned q,
    struct blend **b, unsigned *bg)
{
	if (*d != *bg)
		*b = blend_of(m, k, *bg = *d);
	*d = (unsigned char)((*b)->lv[q] <= 255 ? (*b)->lv[q] :
	    shade(m, k, *b, q));
}

/*
 * Blend glyph g, its pen p pixels along a baseline that starts at
 * (ox, oy) and runs rightwards, or upwards when rot (text turned 90° left).
 */
static void
blit(struct cv *cv, const struct glyph *g, int ox, int oy, int p,
    const struct ink *k, int rot)
{
	struct blend	*b = NULL;
	ptrdiff_t	 o, di, dj;
	unsigned	 bg = 256;
	int		 x, y, i, j, i0, i1, j0, j1;

	/* Bitmap (i, j) goes to (x + i, y + j), or turned to (x + j, y - i). */
	if (rot) {
		x = ox - g->top, y = oy - p - g->left;
		i0 = MAX(0, y - cv->h + 1), i1 = MIN(g->w, y + 1);
		j0 = MAX(0, -x), j1 = MIN(g->h, cv->w - x);
		di = -(ptrdiff_t)cv->stride, dj = 1;
	} else {
		x = ox + p + g->left, y = oy - g->top;
		i0 = MAX(0, -x), i1 = MIN(g->w, cv->w - x);
		j0 = MAX(0, -y), j1 = MIN(g->h, cv->h - y);
		di = 1, dj = (ptrdiff_t)cv->stride;
	}
	o = (ptrdiff_t)y * (ptrdiff_t)cv->stride + 1 + x;
	for (j = j0; j < j1; j++)
		for (i = i0; i < i1; i++)
			paint(cv->pal, k, cv->px + (o + j * dj + i * di),
			    g->bits[j * g->w + i], &b, &bg);
}

/* Draw s[0..n) from pen *pen (26.6) on the baseline at (ox, oy). */
static void
run_draw(struct cv *cv, const char *s, size_t n, int fs, uint32_t rgb,
    int ox, int oy, int32_t *pen, int rot)
{
	const char		*e = s + n;
	const struct glyph	*g;
	struct ink		 k = ink_of(cv, rgb);

	while (s < e) {
		g = glyph_get(utf8_next(&s, e), fs);
		blit(cv, g, ox, oy, (*pen + 32) >> 6, &k, rot);
		*pen += g->adv;
	}
}

static void
span_draw(struct cv *cv, const struct span *sp, int fs, uint32_t rgb,
    int ox, int oy, int rot)
{
	int32_t pen = 0;

	run_draw(cv, sp->s, sp->n, fs, rgb, ox, oy, &pen, rot);
	if (sp->t == NULL)
		return;
	run_draw(cv, ELLIPSIS, ELLIPSIS_LEN, fs, rgb, ox, oy, &pen, rot);
	run_draw(cv, sp->t, sp->tn, fs, rgb, ox, oy, &pen, rot);
}

/* Height of one character cell in vertical (竖排) text. */
static int
vstep(int fs)
{
	return FS_PX(fs) + 1 + FS_PX(fs) / 8;
}

/*
 * Draw a span vertically, one upright character per cell from row y down,
 * each glyph's ink centred on column cx; the ellipsis turns to "︙".
 */
static void
vert_draw(struct cv *cv, const struct span *sp, int fs, uint32_t rgb,
    int cx, int y)
{
	const struct { const char *s; size_t n; int rot; } part[3] = {
		{ sp->s, sp->n, 0 },
		{ ELLIPSIS, sp->t != NULL ? ELLIPSIS_LEN : 0, 1 },
		{ sp->t, sp->tn, 0 },
	};
	const struct glyph	*g;
	const char		*s, *e;
	struct ink		 ink = ink_of(cv, rgb);
	int			 k, mid, step = vstep(fs);

	for (k = 0; k < 3; k++)
		for (s = part[k].s, e = s + part[k].n; s < e; y += step) {
			g = glyph_get(utf8_next(&s, e), fs);
			mid = y + step / 2;
			if (part[k].rot)
				blit(cv, g, cx + g->top - g->h / 2,
				    mid + g->left + g->w / 2, 0, &ink, 1);
			else
				blit(cv, g, cx - ((g->adv + 32) >> 6) / 2,
				    mid - g->h / 2 + g->top, 0, &ink, 0);
		}
}

/*
 * Character boundaries of s: off[0..nc] byte offsets, cost[0..nc) the
 * advance (26.6) or, with cells, 64 each.  Returns nc.
 */
static size_t
chars(const char *s, size_t n, int fs, int cells, size_t *off, int32_t *cost)
{
	const char	*p = s, *e = s + n;
	size_t		 nc = 0;
	uint32_t	 cp;

	while (p < e) {
		off[nc] = (size_t)(p - s);
		cp = utf8_next(&p, e);
		cost[nc++] = cells ? 64 : glyph_get(cp, fs)->adv;
	}
	off[nc] = n;
	return nc;
}

/*
 * Set *sp to s[0..n) if its cost fits max, else to the longest head +
 * "…" (+ tail, when mid) that does.  Cost is width (26.6) or, with cells,
 * 64 a character.  Returns the cost.
 */
static int32_t
shorten(struct span *sp, const char *s, size_t n, int32_t max, int fs,
    int mid, int cells)
{
	size_t	 off[CHART_TEXT_MAX + 1], nc, i, j;
	int32_t	 cost[CHART_TEXT_MAX], w = 0, hw = 0, tw = 0;
	int	 h_ok, t_ok;

	nc = chars(s, n, fs, cells, off, cost);
	for (i = 0; i < nc; i++)
		w += cost[i];
	*sp = (struct span){ s, n, NULL, 0 };
	if (w <= max)
		return w;
	w = cells ? 64 : adv(ELLIPSIS, ELLIPSIS_LEN, fs);
	for (i = 0, j = nc; ; ) {
		h_ok = i < j && w + cost[i] <= max;
		t_ok = mid && i < j && w + cost[j - 1] <= max;
		if (h_ok && (!t_ok || hw <= tw)) {
			w += cost[i];
			hw += cost[i++];
		} else if (t_ok) {
			w += cost[--j];
			tw += cost[j];
		} else
			break;
	}
	*sp = (struct span){ s, off[i], s + off[j], n - off[j] };
	return w;
}

/* Characters after which a line break reads well. */
static const char *const brk_after[] = {
	"区", "道", "镇", "乡", "村", "组", "院", "号", "）", ")", "、",
	"，", ",", "·", " ", "-", "/",
};

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/*
 * Break s[0..n) into lines l[0], l[1] of at most max (26.6) each, the
 * most balanced break, helped by a good break character; never inside a
 * word or number.  Returns 1 when found, 0 when no break fits.
 */
static int
wrap2(struct span l[2], const char *s, size_t n, int32_t max, int fs)
{
	size_t	 off[CHART_TEXT_MAX + 1], nc, k, b, best = 0, i;
	int32_t	 cost[CHART_TEXT_MAX], pre[CHART_TEXT_MAX + 1], w1, w2, sc,
		 bestsc = INT32_MAX;
	int	 sp;

	nc = chars(s, n, fs, 0, off, cost);
	for (pre[0] = 0, k = 0; k < nc; k++)
		pre[k + 1] = pre[k] + cost[k];
	for (k = 1; k < nc; k++) {
		if (is_alnum(s[off[k] - 1]) && is_alnum(s[off[k]]))
			continue;
		sp = s[off[k]] == ' ';
		w1 = pre[k];
		w2 = pre[nc] - pre[k + sp];
		if (w1 > max || w2 > max || k + sp >= nc)
			continue;
		sc = w1 > w2 ? w1 : w2;
		for (i = 0; i < NELEM(brk_after); i++) {
			b = strlen(brk_after[i]);
			if (off[k] >= b && !memcmp(s + off[k] - b, brk_after[i], b))
				sc -= max / 4;
		}
		if (sc < bestsc)
			bestsc = sc, best = k;
	}
	if (best == 0)
		return 0;
	sp = s[off[best]] == ' ';
	l[0] = (struct span){ s, off[best], NULL, 0 };
	l[1] = (struct span){ s + off[best + sp], n - off[best + sp], NULL, 0 };
	return 1;
}

/* ---- Primitives ---- */

/* Fill [x0, x1) x [y0, y1) with rgb, clipped. */
static void
fill(struct cv *cv, int x0, int y0, int x1, int y1, uint32_t rgb)
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
static void
hatch(struct cv *cv, int x0, int y0, int x1, int y1)
{
	unsigned	 c = pal_get(cv->pal, CHART_RGB_HATCH);
	int		 x, y, k = SC(cv, 5);

	fill(cv, x0, y0, x1, y1, CHART_RGB_LOW);
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
static void
aa_line(struct cv *cv, double x0, double y0, double x1, double y1,
    double wd, uint32_t rgb)
{
	double		 rr = wd / 2 + 0.5, dx = x1 - x0, dy = y1 - y0;
	double		 l2 = dx * dx + dy * dy, t, ex, ey, e2, lo, hi;
	double		 in2 = rr >= 1 ? (rr - 1) * (rr - 1) : -1;
	struct ink	 k = ink_of(cv, rgb);
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
			paint(cv->pal, &k, cv->px + (size_t)y * cv->stride +
			    1 + x, e2 <= in2 ? LEVELS - 1 : level((unsigned)
			    ((rr - sqrt(e2)) * 255 + 0.5)), &b, &bg);
		}
	}
}

/* Row of fraction f of the plot's full scale. */
static int
ymap(const struct cv *cv, double f)
{
	return (int)lround(cv->pb - f * (cv->pb - cv->pt));
}

/* Left edge for a text of width tw at x, kept inside the padding. */
static int
clampx(const struct cv *cv, int x, int tw)
{
	x = x + tw > cv->w - cv->pad ? cv->w - cv->pad - tw : x;
	return x < cv->pad ? cv->pad : x;
}

/* Draw a one-line text centred on column cx, baseline y. */
static void
text_mid(struct cv *cv, const struct span *sp, int fs, uint32_t rgb, int cx,
    int y)
{
	int tw = span_w(sp, fs);

	span_draw(cv, sp, fs, rgb, clampx(cv, cx - tw / 2, tw), y, 0);
}

/*
 * Start a chart: a white image with its title, big on one line, smaller,
 * on two lines or, failing all, shortened; cv->top is the row under it.
 * Returns 0 or -1 (ENOMEM).
 */
static int
cv_open(struct cv *cv, int w, int h, const char *title)
{
	static const struct { int big, lines; } tries[] = {
		{ 1, 1 }, { 0, 1 }, { 0, 2 },
	};
	struct span	 l[2] = { span_of(title) };
	size_t		 k;
	int32_t		 max;
	int		 i, nl = 1, fs = 0;

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

	max = (w - 2 * cv->pad) * 64;
	for (k = 0; k < NELEM(tries); k++) {
		fs = tries[k].big ? CLAMP(SC(cv, 16), PX_MIN, PX_MAX) | BOLD :
		    cv->fx | BOLD;
		nl = tries[k].lines;
		if (nl == 1 ? adv(l[0].s, l[0].n, fs) <= max :
		    wrap2(l, l[0].s, l[0].n, max, fs))
			break;
	}
	if (k == NELEM(tries)) {
		shorten(&l[0], title, l[0].n, max, fs, 0, 0);
		l[0].t = NULL;
		l[1] = span_of(title + l[0].n);
		shorten(&l[1], l[1].s, l[1].n, max, fs, 0, 0);
	}
	for (cv->top = cv->pad, i = 0; i < nl; i++, cv->top += lh(fs))
		text_mid(cv, &l[i], fs, RGB_TEXT, w / 2, cv->top + asc(fs));
	cv->top += SC(cv, 6);
	return 0;
}

static void
cv_close(struct cv *cv)
{
	free(cv->pal);
}

/* Encode the canvas.  Returns 0 or -1 (ENOMEM). */
static int
cv_png(struct cv *cv, unsigned char **png, size_t *len)
{
	return png_indexed(cv->px, cv->w, cv->h, cv->pal->rgb, cv->pal->n,
	    png, len);
}

/* ---- Frame: legend, y axis, target line ---- */

enum legkind { LEG_BOX, LEG_HATCH, LEG_LINE, LEG__MAX };

struct leg {
	enum legkind	 kind;
	uint32_t	 rgb;
	const char	*text;
};

/* Draw the legend centred in as many rows as it needs; cv->top follows. */
static void
legend(struct cv *cv, const struct leg *e, size_t n)
{
	struct span	 sp[CHART_SERIES_MAX];
	int		 tw[CHART_SERIES_MAX], sw = lh(cv->fx), gap = sw;
	int		 x, y, row, avail = cv->w - 2 * cv->pad;
	size_t		 i, j, k;

	for (i = 0; i < n; i++) {
		shorten(&sp[i], e[i].text, slen(e[i].text),
		    (avail - sw - 4) * 64, cv->fx, 0, 0);
		tw[i] = sw + 4 + span_w(&sp[i], cv->fx);
	}
	for (i = 0; i < n; i = j, cv->top += lh(cv->fx) + 2) {
		for (row = tw[i], j = i + 1; j < n; row += gap + tw[j++])
			if (row + gap + tw[j] > avail)
				break;
		x = (cv->w - row) / 2;
		y = cv->top + lh(cv->fx) / 2;
		for (k = i; k < j; x += tw[k++] + gap) {
			if (e[k].kind == LEG_LINE) {
				aa_line(cv, x + 1, y, x + sw - 2, y,
				    2.5 * cv->s, e[k].rgb);
				aa_line(cv, x + sw / 2, y, x + sw / 2, y,
				    6 * cv->s, e[k].rgb);
			} else if (e[k].kind == LEG_HATCH)
				hatch(cv, x + 2, y - sw / 2 + 2, x + sw - 2,
				    y + sw / 2 - 2);
			else
				fill(cv, x + 2, y - sw / 2 + 2, x + sw - 2,
				    y + sw / 2 - 2, e[k].rgb);
			span_draw(cv, &sp[k], cv->fx, RGB_TEXT, x + sw + 4,
			    cv->top + asc(cv->fx), 0);
		}
	}
	cv->top += SC(cv, 4);
}

/* A y axis from 0 to max in nt steps, as percentages or counts. */
struct yaxis {
	double	 max;
	int	 nt;
	int	 pct;
};

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
static struct yaxis
yaxis_make(const struct cv *cv, int pct, double max)
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
static int
yaxis_left(const struct cv *cv, const struct yaxis *ax, const char *ylabel)
{
	char buf[32];

	tick_text(buf, sizeof(buf), ax, ax->nt);
	return cv->pad + (ylabel != NULL ? lh(cv->fx) + 4 : 0) +
	    str_w(buf, cv->fs) + SC(cv, 6);
}

/* Gridlines, tick labels, the zero line and the axis label. */
static void
yaxis_draw(struct cv *cv, const struct yaxis *ax, const char *ylabel)
{
	struct span	 sp;
	char		 buf[32];
	int		 i, y;

	for (i = 0; i <= ax->nt; i++) {
		y = ymap(cv, (double)i / ax->nt);
		fill(cv, cv->pl, y, cv->pr, y + 1, i ? RGB_GRID : RGB_AXIS);
		tick_text(buf, sizeof(buf), ax, i);
		sp = span_of(buf);
		span_draw(cv, &sp, cv->fs, RGB_MUTED, cv->pl - SC(cv, 6) -
		    span_w(&sp, cv->fs), y + (asc(cv->fs) - desc(cv->fs)) / 2, 0);
	}
	if (ylabel == NULL)
		return;
	shorten(&sp, ylabel, slen(ylabel), (cv->pb - cv->pt) * 64, cv->fx,
	    0, 0);
	span_draw(cv, &sp, cv->fx, RGB_MUTED, cv->pad + asc(cv->fx),
	    (cv->pt + cv->pb + span_w(&sp, cv->fx)) / 2, 1);
}

/*
 * The target label, the caller's or "目标 90%", shortened to a fifth of
 * the width; returns the room it takes right of the plot (0: no target).
 */
static int
target_text(const struct cv *cv, struct span *sp, char *buf, size_t sz,
    double target, const char *label)
{
	double p = round(target * 1000) / 10;

	if (isnan(target))
		return 0;
	if (label == NULL)
		snprintf(buf, sz, p == floor(p) ? "目标 %.0f%%" :
		    "目标 %.1f%%", p);
	label = label != NULL ? label : buf;
	shorten(sp, label, slen(label), cv->w / 5 * 64, cv->fx, 0, 0);
	return span_w(sp, cv->fx) + SC(cv, 6);
}

/*
 * Dashed target line across the plot, labelled on its right with the
 * text target_text() made.
 */
static void
target_draw(struct cv *cv, double target, const struct span *sp)
{
	int		 x, y, b, dash = SC(cv, 8);

	if (isnan(target))
		return;
	y = ymap(cv, target);
	for (x = cv->pl; x < cv->pr; x += dash + dash / 2)
		fill(cv, x, y - 1, x + dash < cv->pr ? x + dash : cv->pr, y + 1,
		    CHART_RGB_TARGET);
	b = y + (asc(cv->fx) - desc(cv->fx)) / 2;
	b = CLAMP(b, cv->top + asc(cv->fx), cv->h - cv->pad - desc(cv->fx));
	span_draw(cv, sp, cv->fx, CHART_RGB_TARGET, cv->pr + SC(cv, 4), b, 0);
}

/* "无数据" in the middle of an empty plot. */
static void
nodata_draw(struct cv *cv)
{
	struct span sp = span_of("无数据");

	text_mid(cv, &sp, cv->fx, RGB_MUTED, (cv->pl + cv->pr) / 2,
	    (cv->pt + cv->pb + asc(cv->fx)) / 2);
}

/* ---- Category labels under the plot (bar and stacked charts) ---- */

enum xmode {
	XM_LINE,	/* one line */
	XM_WRAP,	/* two lines */
	XM_VERT,	/* vertical, one character per cell */
	XM__MAX
};

struct cats {
	size_t		 n;
	double		 slot;		/* pixels per category */
	enum xmode	 mode;
	int		 fs;
	size_t		 step;		/* label every step-th category */
	int		 height;	/* rows the labels take */
	struct span	(*l)[2];	/* n labels, l[i][1].s NULL: one line */
};

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
		cs->height = (cs->mode == XM_WRAP ? 2 : 1) * lh(cs->fs);
		if (cs->height > hmax)
			continue;
		for (ok = 1, i = 0; ok && i < cs->n; i++) {
			cs->l[i][0] = span_of(lab[i]);
			cs->l[i][1].s = NULL;
			if (cs->mode == XM_VERT)
				ok = cs->slot >= FS_PX(cs->fs) + 2;
			else if (adv(lab[i], cs->l[i][0].n, cs->fs) > avail)
				ok = cs->mode == XM_WRAP && wrap2(cs->l[i],
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
	cells = hmax / vstep(cs->fs);
	cells = cells < 2 ? 2 : cells;
	for (cs->height = 0, i = 0; i < cs->n; i++) {
		c = shorten(&cs->l[i][0], lab[i], slen(lab[i]), cells * 64,
		    cs->fs, 1, 1) / 64 * vstep(cs->fs);
		cs->height = c > cs->height ? c : cs->height;
	}
	return 0;
}

/*
 * Once cv->top, pl and pr are known: fit the labels into 40% of the
 * height under the title, set cv->pb above them.  Returns 0 or -1.
 */
static int
cats_layout(struct cv *cv, struct cats *cs, const char *const *lab,
    const char *xlabel)
{
	int below = xlabel != NULL ? lh(cv->fx) + 4 : 0;

	cs->slot = cs->n ? (double)(cv->pr - cv->pl) / cs->n : 1;
	if (cats_fit(cs, cv, lab, (cv->h - cv->top - cv->pad) * 40 / 100 -
	    below) == -1)
		return -1;
	cv->pb = cv->h - cv->pad - below - (cs->n ? cs->height : 0) - SC(cv, 6);
	return 0;
}

/* Draw the category labels under the plot, the axis label under them. */
static void
cats_draw(struct cv *cv, const struct cats *cs, const char *xlabel)
{
	struct span	 sp;
	size_t		 i;
	int		 j, cx, y = cv->pb + SC(cv, 5);

	for (i = 0; i < cs->n; i += cs->step) {
		cx = cv->pl + (int)((i + 0.5) * cs->slot);
		if (cs->mode == XM_VERT)
			vert_draw(cv, &cs->l[i][0], cs->fs, RGB_TEXT, cx, y);
		for (j = 0; cs->mode != XM_VERT && j < 2 &&
		    cs->l[i][j].s != NULL; j++)
			text_mid(cv, &cs->l[i][j], cs->fs, RGB_TEXT, cx,
			    y + asc(cs->fs) + j * lh(cs->fs));
	}
	if (xlabel == NULL)
		return;
	shorten(&sp, xlabel, slen(xlabel), (cv->w - 2 * cv->pad) * 64,
	    cv->fx, 0, 0);
	text_mid(cv, &sp, cv->fx, RGB_MUTED, (cv->pl + cv->pr) / 2,
	    cv->h - cv->pad - desc(cv->fx));
}

/* Column span [*x0, *x1) of the bar in slot i. */
static void
bar_cols(const struct cv *cv, const struct cats *cs, size_t i, int *x0,
    int *x1)
{
	double bw = CLAMP(cs->slot * 0.62, 1, 72 * cv->s);

	*x0 = cv->pl + (int)lround((i + 0.5) * cs->slot - bw / 2);
	*x1 = *x0 + (bw >= 1.5 ? (int)lround(bw) : 1);
}

/* ---- Validation ---- */

/* Check the output pointers and that chart_init() ran; clear output. */
static int
start(unsigned char **png, size_t *len)
{
	if (png == NULL || len == NULL) {
		errno = EINVAL;
		return 0;
	}
	*png = NULL, *len = 0;
	if (!atomic_load_explicit(&F.ready, memory_order_acquire)) {
		errno = ENODEV;
		return 0;
	}
	return 1;
}

static int
text_ok(const char *s, int optional)
{
	return s == NULL ? optional :
	    slen(s) < CHART_TEXT_MAX || s[CHART_TEXT_MAX] == '\0';
}

/* A rate in 0..1 (clamped within 1e-9) or NAN; infinities fail. */
static int
rate_ok(double *v)
{
	if (isnan(*v))
		return 1;
	if (!(*v >= -1e-9 && *v <= 1 + 1e-9))
		return 0;
	*v = CLAMP(*v, 0, 1);
	return 1;
}

/* The fields every chart has. */
static int
frame_ok(const char *title, const char *ylabel, int w, int h)
{
	return text_ok(title, 0) && text_ok(ylabel, 1) && chart_size_ok(w, h);
}

static int
target_ok(double t, const char *label)
{
	return rate_ok(&t) && text_ok(label, 1);
}

/* ---- Bar and stacked charts ---- */

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
	int			 inside; /* turned texts may go inside bars */
	struct col		*c;
	size_t			 n;
};

/* How texts are written at the bars. */
enum vmode {
	VM_LINE,	/* "93.5%  n=214" above the bar */
	VM_TWO,		/* "93.5%" over "n=214" above the bar */
	VM_ROT,		/* turned, inside the bar or above it */
	VM_NONE,	/* bars narrower than a line of text */
	VM__MAX
};

/* Write a bar's texts; the bar spans columns [x0, x1) from row ytop. */
static void
col_text(struct cv *cv, const struct cat *ct, enum vmode vm,
    const struct col *c, int x0, int x1, int ytop)
{
	struct span	 v = span_of(c->val), n = span_of(c->cnt);
	int		 wv = span_w(&v, cv->fs), wc = span_w(&n, cv->fs);
	int		 gap = n.n ? str_w("  ", cv->fs) : 0, len = wv + gap + wc;
	int		 cx = (x0 + x1) / 2, b = ytop - SC(cv, 3) - desc(cv->fs);
	int32_t		 pen = 0;
	uint32_t	 rv = c->cls == 1 ? RGB_MUTED : RGB_TEXT, rn = RGB_MUTED;

	switch (vm) {
	case VM_LINE:
		span_draw(cv, &v, cv->fs, rv, cx - len / 2, b, 0);
		span_draw(cv, &n, cv->fs, rn, cx - len / 2 + wv + gap, b, 0);
		break;
	case VM_TWO:
		span_draw(cv, &n, cv->fs, rn, cx - wc / 2, b, 0);
		span_draw(cv, &v, cv->fs, rv, cx - wv / 2, b - lh(cv->fs), 0);
		break;
	case VM_ROT:
		b = cx + (asc(cv->fs) - desc(cv->fs)) / 2;
		if (ct->inside && cv->pb - ytop >= len + 6) {
			ytop += 3 + len;
			rv = rn = c->cls == 1 ? RGB_TEXT : RGB_WHITE;
		} else if (ytop - cv->top >= len + 4)
			ytop -= 3;
		else
			break;
		run_draw(cv, v.s, v.n, cv->fs, rv, b, ytop, &pen, 1);
		pen += gap * 64;
		run_draw(cv, n.s, n.n, cv->fs, rn, b, ytop, &pen, 1);
		break;
	default:
		break;
	}
}

/*
 * Draw a category chart: title, legend, y axis, bars, target line, texts
 * at the bars, labels under them.  Returns 0 or -1 (ENOMEM).
 */
static int
cat_png(const struct cat *ct, unsigned char **png, size_t *len)
{
	struct cv	 cv;
	struct cats	 cs = { 0 };
	const char	**lab;
	struct yaxis	 ax;
	struct span	 tl;
	char		 buf[32];
	enum vmode	 vm;
	size_t		 i, k;
	double		 cum;
	int		 rc = -1, x0, x1, y0, y1, w, n, wv = 0, wc = 0, wl = 0;

	if ((lab = calloc(ct->n + 1, sizeof(*lab))) == NULL)
		return -1;
	if (cv_open(&cv, ct->w, ct->h, ct->title) == -1)
		goto out;
	if (ct->nleg)
		legend(&cv, ct->leg, ct->nleg);
	ax = yaxis_make(&cv, ct->pct, ct->max);
	cv.pl = yaxis_left(&cv, &ax, ct->ylabel);
	cv.pr = cv.w - cv.pad - target_text(&cv, &tl, buf, sizeof(buf),
	    ct->target, ct->target_label);
	for (cs.n = ct->n, i = 0; i < ct->n; i++) {
		lab[i] = ct->c[i].label;
		w = str_w(ct->c[i].val, cv.fs);
		n = str_w(ct->c[i].cnt, cv.fs);
		wv = MAX(wv, w);
		wc = MAX(wc, n);
		wl = MAX(wl, w + n + (n ? str_w("  ", cv.fs) : 0));
	}
	if (cats_layout(&cv, &cs, lab, ct->xlabel) == -1)
		goto out;

	/* Texts at the bars: level if they fit the slot, else turned. */
	w = (int)cs.slot - 2;
	vm = wl <= w ? VM_LINE : MAX(wv, wc) <= w ? VM_TWO :
	    lh(cv.fs) <= cs.slot ? VM_ROT : VM_NONE;
	cv.pt = cv.top + (vm == VM_LINE ? lh(cv.fs) + SC(&cv, 3) :
	    vm == VM_TWO ? 2 * lh(cv.fs) + SC(&cv, 3) :
	    vm == VM_ROT && !ct->inside ? wl + 4 : asc(cv.fs) / 2 + 1);
	yaxis_draw(&cv, &ax, ct->ylabel);
	if (ct->n == 0)
		nodata_draw(&cv);
	for (i = 0; i < ct->n; i++) {
		bar_cols(&cv, &cs, i, &x0, &x1);
		for (y0 = cv.pb, cum = 0, k = 0; k < ct->nseg; k++, y0 = y1) {
			cum += ct->c[i].seg[k];
			y1 = ymap(&cv, cum / ax.max);
			if (ct->c[i].cls == 1)
				hatch(&cv, x0, y1, x1, y0);
			else
				fill(&cv, x0, y1, x1, y0, ct->leg[k].rgb);
		}
	}
	target_draw(&cv, ct->target, &tl);
	for (i = 0; i < ct->n; i++) {
		bar_cols(&cv, &cs, i, &x0, &x1);
		for (cum = 0, k = 0; k < ct->nseg; k++)
			cum += ct->c[i].seg[k];
		col_text(&cv, ct, vm, &ct->c[i], x0, x1, ymap(&cv, cum / ax.max));
	}
	cats_draw(&cv, &cs, ct->xlabel);
	rc = cv_png(&cv, png, len);
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
	struct cat		 ct;
	struct col		*c;
	size_t			 i;
	double			 v, p;
	int			 rc;

	if (!start(png, len))
		return -1;
	if (in == NULL || !frame_ok(in->title, in->ylabel, in->width,
	    in->height) || !text_ok(in->xlabel, 1) ||
	    !target_ok(in->target, in->target_label) ||
	    in->n > CHART_ITEMS_MAX || (in->n && in->items == NULL))
		goto inval;
	ct = (struct cat){ .title = in->title, .ylabel = in->ylabel,
	    .xlabel = in->xlabel, .w = in->width, .h = in->height, .leg = leg,
	    .nseg = 1, .pct = 1, .max = 1, .target = in->target,
	    .target_label = in->target_label, .inside = 1, .n = in->n };
	if ((ct.c = calloc(in->n + 1, sizeof(*ct.c))) == NULL)
		return -1;
	for (i = 0; i < in->n; i++) {
		const struct chart_bar_item *it = &in->items[i];
		c = &ct.c[i];
		v = it->value;
		if (!text_ok(it->label, 0) || !rate_ok(&v) || it->num < 0 ||
		    it->den < 0) {
			free(ct.c);
			goto inval;
		}
		*c = (struct col){ i, isnan(v) ? 2 : it->low ? 1 : 0,
		    { isnan(v) ? 0 : v }, it->label, "", "" };
		p = round(v * 1000) / 10;
		snprintf(c->val, sizeof(c->val), isnan(p) ? "—" : p >= 100 ?
		    "100%%" : "%.1f%%", p);
		snprintf(c->cnt, sizeof(c->cnt), "n=%ld", it->den);
		ct.nleg = it->low ? 2 : ct.nleg;
	}
	qsort(ct.c, in->n, sizeof(*ct.c), col_cmp);
	leg[0].text = in->ylabel != NULL ? in->ylabel : lg[0].text;
	rc = cat_png(&ct, png, len);
	free(ct.c);
	return rc;
inval:
	errno = EINVAL;
	return -1;
}

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
	struct cat	 ct;
	struct col	*c;
	size_t		 i, k;
	double		 tot;
	int		 rc, neg;

	if (!start(png, len))
		return -1;
	if (in == NULL || !frame_ok(in->title, in->ylabel, in->width,
	    in->height) || !text_ok(in->xlabel, 1) ||
	    in->n > CHART_ITEMS_MAX || (in->n && in->items == NULL))
		goto inval;
	ct = (struct cat){ .title = in->title, .ylabel = in->ylabel,
	    .xlabel = in->xlabel, .w = in->width, .h = in->height,
	    .leg = outcomes, .nleg = CHART_OUT__MAX, .nseg = CHART_OUT__MAX,
	    .target = NAN, .n = in->n };
	if ((ct.c = calloc(in->n + 1, sizeof(*ct.c))) == NULL)
		return -1;
	for (i = 0; i < in->n; i++) {
		c = &ct.c[i];
		c->i = i;
		c->label = in->items[i].label;
		for (neg = 0, tot = 0, k = 0; k < CHART_OUT__MAX; k++) {
			neg |= in->items[i].count[k] < 0;
			tot += c->seg[k] = (double)in->items[i].count[k];
		}
		if (!text_ok(c->label, 0) || neg || tot > 1e12) {
			free(ct.c);
			goto inval;
		}
		snprintf(c->val, sizeof(c->val), "%.0f", tot);
		ct.max = fmax(ct.max, tot);
	}
	rc = cat_png(&ct, png, len);
	free(ct.c);
	return rc;
inval:
	errno = EINVAL;
	return -1;
}

/* ---- Trend chart ---- */

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

	if (!start(png, len))
		return -1;
	if (in == NULL || !frame_ok(in->title, in->ylabel, in->width,
	    in->height) || !target_ok(in->target, in->target_label) ||
	    in->npoints > CHART_POINTS_MAX || in->nseries > CHART_SERIES_MAX ||
	    (in->npoints && in->xlabels == NULL) ||
	    (in->nseries && in->series == NULL))
		goto inval;
	np = in->npoints;
	for (i = 0; i < np; i++)
		if (!text_ok(in->xlabels[i], 0))
			goto inval;
	for (k = 0; k < in->nseries; k++) {
		if (!text_ok(in->series[k].name, 0) || in->series[k].rgb >
		    0xFFFFFF || (np && in->series[k].values == NULL))
			goto inval;
		for (i = 0; i < np; i++)
			if (!rate_ok(&(double){ in->series[k].values[i] }))
				goto inval;
		lg[k] = (struct leg){ LEG_LINE, in->series[k].rgb != 0 ?
		    in->series[k].rgb : palette[nauto++], in->series[k].name };
	}
	if (cv_open(&cv, in->width, in->height, in->title) == -1)
		goto out;
	legend(&cv, lg, in->nseries);
	ax = yaxis_make(&cv, 1, 1);
	cv.pl = yaxis_left(&cv, &ax, in->ylabel);
	cv.pr = cv.w - cv.pad - target_text(&cv, &tl, buf, sizeof(buf),
	    in->target, in->target_label);
	cv.pb = cv.h - cv.pad - lh(cv.fx) - SC(&cv, 6);
	cv.pt = cv.top + asc(cv.fs) / 2 + 1;
	slot = np ? (double)(cv.pr - cv.pl) / np : 1;

	/* Month labels: every step-th, so that they do not collide. */
	for (i = 0; i < np; i++)
		if ((w = adv(in->xlabels[i], slen(in->xlabels[i]), cv.fx)) > max)
			max = w;
	step = (size_t)ceil((max / 64.0 + 8 * cv.s) / slot);
	step = CLAMP(step, 1, np ? np : 1);
	for (i = 0; i < np; i += step) {
		shorten(&sp, in->xlabels[i], slen(in->xlabels[i]),
		    (int32_t)((step * slot - 6) * 64), cv.fx, 0, 0);
		text_mid(&cv, &sp, cv.fx, RGB_TEXT, cv.pl + (int)((i + 0.5) *
		    slot), cv.pb + SC(&cv, 5) + asc(cv.fx));
	}
	yaxis_draw(&cv, &ax, in->ylabel);
	if (np == 0 || in->nseries == 0)
		nodata_draw(&cv);
	target_draw(&cv, in->target, &tl);

	/* Lines between points, gaps at NAN, a dot at each point. */
	for (k = 0; k < in->nseries; k++)
		for (prev = 0, i = 0; i < np; i++, prev = !isnan(v)) {
			if (isnan(v = in->series[k].values[i]))
				continue;
			v = CLAMP(v, 0, 1);
			x = cv.pl + (i + 0.5) * slot;
			y = cv.pb - v * (cv.pb - cv.pt);
			if (prev)
				aa_line(&cv, px, py, x, y, 2.5 * cv.s, lg[k].rgb);
			next = i + 1 < np ? &in->series[k].values[i + 1] : NULL;
			if (slot >= 12 || !prev || next == NULL || isnan(*next))
				aa_line(&cv, x, y, x, y, 7 * cv.s, lg[k].rgb);
			px = x, py = y;
		}
	rc = cv_png(&cv, png, len);
	goto out;
inval:
	errno = EINVAL;
out:
	cv_close(&cv);
	return rc;
}

/* ---- Hashes: FNV-1a over fixed-width little-endian fields ---- */

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
	uint64_t	 h;
	size_t		 i;

	if (in == NULL)
		return 0;
	h = h_start('B', in->width, in->height, in->title, in->ylabel,
	    in->xlabel);
	h_dbl(&h, in->target);
	h_str(&h, in->target_label);
	h_int(&h, (int64_t)in->n);
	for (i = 0; in->items != NULL && i < in->n; i++) {
		h_str(&h, in->items[i].label);
		h_dbl(&h, in->items[i].value);
		h_int(&h, in->items[i].num);
		h_int(&h, in->items[i].den);
		h_int(&h, in->items[i].low != 0);
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
	h_int(&h, (int64_t)in->npoints);
	for (i = 0; in->xlabels != NULL && i < in->npoints; i++)
		h_str(&h, in->xlabels[i]);
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
	uint64_t	 h;
	size_t		 i, k;

	if (in == NULL)
		return 0;
	h = h_start('S', in->width, in->height, in->title, in->ylabel,
	    in->xlabel);
	h_int(&h, (int64_t)in->n);
	for (i = 0; in->items != NULL && i < in->n; i++) {
		h_str(&h, in->items[i].label);
		for (k = 0; k < CHART_OUT__MAX; k++)
			h_int(&h, in->items[i].count[k]);
	}
	return h;
}

/* ---- Setup ---- */

int
chart_init(const char *font_path)
{
	/* Texts the charts draw themselves, rendered ahead of use. */
	static const char *const warm[] = {
		" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~—…",
		"目标样本不足无数据比率按期办结超期办理中未已社区街道网格月年",
	};
	static const int fs[] = { 16 | BOLD, 12, 11 };
	size_t		 i, k;

	if (atomic_load(&F.ready))
		return 0;
	if (FT_Init_FreeType(&F.lib) != 0)
		return -1;
	if (FT_New_Face(F.lib, font_path != NULL ? font_path :
	    CHART_FONT_DEFAULT, 0, &F.face) != 0 || !FT_IS_SCALABLE(F.face)) {
		FT_Done_FreeType(F.lib);	/* frees the face too */
		F.face = NULL, F.lib = NULL;
		return -1;
	}
	F.upem = F.face->units_per_EM;
	F.asc = F.face->ascender;
	F.desc = F.face->descender;
	atomic_store(&F.ready, 1);
	for (k = 0; k < NELEM(fs); k++)
		for (i = 0; i < NELEM(warm); i++)
			adv(warm[i], strlen(warm[i]), fs[k]);
	return 0;
}

void
chart_shutdown(void)
{
	struct glyph	*g, *next;
	size_t		 i;

	if (!atomic_load(&F.ready))
		return;
	atomic_store(&F.ready, 0);
	for (i = 0; i < GLYPH_BUCKETS; i++) {
		for (g = atomic_load(&F.bucket[i]); g != NULL; g = next) {
			next = g->next;
			free(g);
		}
		atomic_store(&F.bucket[i], NULL);
	}
	memset(F.size, 0, sizeof(F.size));	/* freed with the face */
	F.nglyphs = 0;
	FT_Done_FreeType(F.lib);
	F.face = NULL, F.lib = NULL;
}

int
chart_size_ok(int w, int h)
{
	return w >= CHART_W_MIN && w <= CHART_W_MAX &&
	    h >= CHART_H_MIN && h <= CHART_H_MAX;
}

void
chart_free(unsigned char *png)
{
	free(png);
}
