/*
 * text: UTF-8 texts measured, shortened with "…", wrapped on two lines
 * and drawn from the glyph cache, level, turned or vertical (竖排).
 * Widths are 26.6 fixed-point pixels unless a name says otherwise.
 */
#include <stdint.h>
#include <string.h>

#include "canvas.h"
#include "chartint.h"

static const char ELLIPSIS[] = "…";
#define ELLIPSIS_LEN	(sizeof(ELLIPSIS) - 1)

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
size_t
text_len(const char *s)
{
	size_t n = 0;

	while (n < CHART_TEXT_MAX && s[n] != '\0')
		n++;
	return n;
}

struct span
text_span(const char *s)
{
	return (struct span){ s, text_len(s), NULL, 0 };
}

/* Advance of s[0..n), 26.6 pixels. */
int32_t
text_adv(const char *s, size_t n, int fs)
{
	const char	*e = s + n;
	int32_t		 w = 0;

	while (s < e)
		w += glyph_get(utf8_next(&s, e), fs)->adv;
	return w;
}

/* Width of a span in whole pixels. */
int
text_width(const struct span *sp, int fs)
{
	int32_t w = text_adv(sp->s, sp->n, fs);

	if (sp->t != NULL)
		w += text_adv(ELLIPSIS, ELLIPSIS_LEN, fs) +
		    text_adv(sp->t, sp->tn, fs);
	return (w + 63) >> 6;
}

/* Width of a string in whole pixels. */
int
text_strw(const char *s, int fs)
{
	return (text_adv(s, text_len(s), fs) + 63) >> 6;
}

/* Draw s[0..n) from pen *pen (26.6) on the baseline at (ox, oy). */
void
text_run(struct cv *cv, const char *s, size_t n, int fs, uint32_t rgb,
    int ox, int oy, int32_t *pen, int rot)
{
	const char		*e = s + n;
	const struct glyph	*g;
	struct ink		 k = cv_ink(cv, rgb);

	while (s < e) {
		g = glyph_get(utf8_next(&s, e), fs);
		glyph_blit(cv, g, ox, oy, (*pen + 32) >> 6, &k, rot);
		*pen += g->adv;
	}
}

/* Draw a span on the baseline at (ox, oy), turned 90° left when rot. */
void
text_draw(struct cv *cv, const struct span *sp, int fs, uint32_t rgb,
    int ox, int oy, int rot)
{
	int32_t pen = 0;

	glyph_mark();
	text_run(cv, sp->s, sp->n, fs, rgb, ox, oy, &pen, rot);
	if (sp->t == NULL)
		return;
	text_run(cv, ELLIPSIS, ELLIPSIS_LEN, fs, rgb, ox, oy, &pen, rot);
	text_run(cv, sp->t, sp->tn, fs, rgb, ox, oy, &pen, rot);
}

/* Left edge for a text of width tw at x, kept inside the padding. */
static int
clampx(const struct cv *cv, int x, int tw)
{
	x = x + tw > cv->w - cv->pad ? cv->w - cv->pad - tw : x;
	return x < cv->pad ? cv->pad : x;
}

/* Draw a one-line text centred on column cx, baseline y. */
void
text_mid(struct cv *cv, const struct span *sp, int fs, uint32_t rgb, int cx,
    int y)
{
	int tw = text_width(sp, fs);

	text_draw(cv, sp, fs, rgb, clampx(cv, cx - tw / 2, tw), y, 0);
}

/* Height of one character cell in vertical (竖排) text. */
int
text_vstep(int fs)
{
	return FS_PX(fs) + 1 + FS_PX(fs) / 8;
}

/*
 * Draw a span vertically, one upright character per cell from row y down,
 * each glyph's ink centred on column cx; the ellipsis turns to "︙".
 */
void
text_vert(struct cv *cv, const struct span *sp, int fs, uint32_t rgb,
    int cx, int y)
{
	const struct { const char *s; size_t n; int rot; } part[3] = {
		{ sp->s, sp->n, 0 },
		{ ELLIPSIS, sp->t != NULL ? ELLIPSIS_LEN : 0, 1 },
		{ sp->t, sp->tn, 0 },
	};
	const struct glyph	*g;
	const char		*s, *e;
	struct ink		 ink = cv_ink(cv, rgb);
	int			 k, mid, step = text_vstep(fs);

	glyph_mark();
	for (k = 0; k < 3; k++)
		for (s = part[k].s, e = s + part[k].n; s < e; y += step) {
			g = glyph_get(utf8_next(&s, e), fs);
			mid = y + step / 2;
			if (part[k].rot)
				glyph_blit(cv, g, cx + g->top - g->h / 2,
				    mid + g->left + g->w / 2, 0, &ink, 1);
			else
				glyph_blit(cv, g, cx - ((g->adv + 32) >> 6) / 2,
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
int32_t
text_shorten(struct span *sp, const char *s, size_t n, int32_t max, int fs,
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
	w = cells ? 64 : text_adv(ELLIPSIS, ELLIPSIS_LEN, fs);
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
int
text_wrap2(struct span l[2], const char *s, size_t n, int32_t max, int fs)
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
