/*
 * png: 8-bit palette PNG images for the charts, internal to charts/; the
 * deflate stream is libdeflate's (level 1).
 */
#ifndef PNG_H
#define PNG_H

#include <stddef.h>
#include <stdint.h>

/*
 * Encode h rows of 1 + w bytes each at px (a PNG filter byte, which must
 * be 0, then w palette indices) with the ncol colours 0xRRGGBB of rgb
 * (1..256; every index in px must be below ncol).  On success *png
 * (free()) holds *len bytes and 0 is returned; on failure -1 with errno
 * ENOMEM.
 */
int	 png_indexed(const unsigned char *px, int w, int h,
	    const uint32_t *rgb, int ncol, unsigned char **png, size_t *len);

#endif /* !PNG_H */
