/*
 * glyph: the process-wide glyph cache, and glyphs blended into a canvas.
 *
 * FreeType renders each (codepoint, pixel size, weight) once into a
 * coverage bitmap of LEVELS levels kept in a hash table.  Lookups take no
 * lock: entries are immutable once published, published with a release
 * store on the bucket head and read with an acquire load.  A miss takes
 * one mutex, which also guards FreeType; one FT_Size is kept per pixel
 * size so the font's hinting program does not run again at each size
 * change.  libgd's text path (gdImageStringFT, its process-wide mutex and
 * its font cache) is not used.
 */
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SIZES_H
#include FT_SYNTHESIS_H

#include "canvas.h"
#include "chartint.h"

#define GLYPH_BUCKETS	4096		/* power of two */
#define GLYPHS_MAX	65536		/* beyond this, glyphs are not kept */
#define SCRATCH_MAX	(4 * PX_MAX * PX_MAX)

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

/*
 * Load the font: a .ttf, or face 0 of a .ttc (NULL: CHART_FONT_DEFAULT).
 * Returns 0, or -1 when FreeType cannot load it or it is not scalable.
 * The cache is ready (glyph_ready()) after a success.
 */
int
glyph_init(const char *font_path)
{
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
	return 0;
}

/* Free every glyph and the font.  No chart may be rendering. */
void
glyph_shutdown(void)
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

/* Nonzero once glyph_init() succeeded (and until glyph_shutdown()). */
int
glyph_ready(void)
{
	return atomic_load_explicit(&F.ready, memory_order_acquire);
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
			    cv_level(b->buffer[(ptrdiff_t)y * b->pitch + x]);
	return g;
}

/*
 * The glyph of cp at font spec fs; never NULL.  Valid until
 * glyph_shutdown(), except past GLYPHS_MAX, where it lives in a
 * per-thread scratch buffer until this thread's next miss.
 */
const struct glyph *
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
int
glyph_asc(int fs)
{
	return (FS_PX(fs) * F.asc + F.upem - 1) / F.upem;
}

int
glyph_desc(int fs)
{
	return (FS_PX(fs) * -F.desc + F.upem - 1) / F.upem;
}

int
glyph_lh(int fs)
{
	return glyph_asc(fs) + glyph_desc(fs);
}

_Thread_local struct trace *glyph_trace;

/* Start a text in the trace, if one is kept. */
void
glyph_mark(void)
{
	struct trace *t = glyph_trace;

	if (t != NULL && t->n < t->max)
		t->box[t->n++] = (struct tbox){ INT_MAX, INT_MAX, INT_MIN,
		    INT_MIN, INT_MAX };
}

/* Widen the current text's box by pixel (x, y) of a glyph of size px. */
static void
trace_px(int x, int y, int px)
{
	struct tbox *b = &glyph_trace->box[glyph_trace->n - 1];

	b->x0 = MIN(b->x0, x), b->x1 = MAX(b->x1, x + 1);
	b->y0 = MIN(b->y0, y), b->y1 = MAX(b->y1, y + 1);
	b->px = MIN(b->px, px);
}

/*
 * Blend glyph g into the palette indices of cv's image, its pen p pixels
 * along a baseline that starts at (ox, oy) and runs rightwards, or
 * upwards when rot (text turned 90° left); clipped to the image.
 */
void
glyph_blit(struct cv *cv, const struct glyph *g, int ox, int oy, int p,
    const struct ink *k, int rot)
{
	unsigned char	**row = cv->im->pixels;
	const unsigned char *bits;
	struct blend	*b = NULL;
	unsigned	 bg = 256;
	int		 x, y, i, j, i0, i1, j0, j1;

	/* Bitmap (i, j) goes to (x + i, y + j), or turned to (x + j, y - i). */
	if (rot) {
		x = ox - g->top, y = oy - p - g->left;
		i0 = MAX(0, y - cv->h + 1), i1 = MIN(g->w, y + 1);
		j0 = MAX(0, -x), j1 = MIN(g->h, cv->w - x);
	} else {
		x = ox + p + g->left, y = oy - g->top;
		i0 = MAX(0, -x), i1 = MIN(g->w, cv->w - x);
		j0 = MAX(0, -y), j1 = MIN(g->h, cv->h - y);
	}
	for (j = j0; j < j1; j++) {
		bits = g->bits + j * g->w;
		for (i = i0; i < i1; i++)
			cv_paint(cv, k, rot ? &row[y - i][x + j] :
			    &row[y + j][x + i], bits[i], &b, &bg);
	}
	if (glyph_trace == NULL || glyph_trace->n == 0)
		return;
	for (j = j0; j < j1; j++)
		for (i = i0; i < i1; i++)
			if (g->bits[j * g->w + i] != 0)
				trace_px(rot ? x + j : x + i,
				    rot ? y - i : y + j, FS_PX(g->key & 0xff));
}
