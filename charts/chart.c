/*
 * chart: what belongs to no one chart — setup (chart_init,
 * chart_shutdown), chart_size_ok, chart_free, and the input checks every
 * chart runs before it draws.  See chart.h for the contracts.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "chartint.h"

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

	if (glyph_ready())
		return 0;
	if (glyph_init(font_path) == -1)
		return -1;
	for (k = 0; k < NELEM(fs); k++)
		for (i = 0; i < NELEM(warm); i++)
			text_adv(warm[i], strlen(warm[i]), fs[k]);
	return 0;
}

void
chart_shutdown(void)
{
	glyph_shutdown();
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
	gdFree(png);
}

/*
 * Check the output pointers and that chart_init() ran; clear the output.
 * Returns 1, or 0 with errno EINVAL or ENODEV.
 */
int
chart_start(unsigned char **png, size_t *len)
{
	if (png == NULL || len == NULL) {
		errno = EINVAL;
		return 0;
	}
	*png = NULL, *len = 0;
	if (!glyph_ready()) {
		errno = ENODEV;
		return 0;
	}
	return 1;
}

/* A text of at most CHART_TEXT_MAX bytes; NULL only when optional. */
int
chart_text_ok(const char *s, int optional)
{
	return s == NULL ? optional :
	    text_len(s) < CHART_TEXT_MAX || s[CHART_TEXT_MAX] == '\0';
}

/* A rate in 0..1 (clamped within 1e-9) or NAN; infinities fail. */
int
chart_rate_ok(double *v)
{
	if (isnan(*v))
		return 1;
	if (!(*v >= -1e-9 && *v <= 1 + 1e-9))
		return 0;
	*v = CLAMP(*v, 0, 1);
	return 1;
}

/* The fields every chart has. */
int
chart_frame_ok(const char *title, const char *ylabel, int w, int h)
{
	return chart_text_ok(title, 0) && chart_text_ok(ylabel, 1) &&
	    chart_size_ok(w, h);
}

int
chart_target_ok(double t, const char *label)
{
	return chart_rate_ok(&t) && chart_text_ok(label, 1);
}
