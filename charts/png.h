/*
 * png: an encoder for the charts' 8-bit palette images, internal to
 * charts/.  Chart images are flat colours with anti-aliased text: rows
 * repeat the row above, colours come in runs and glyphs repeat.  The
 * deflate stream therefore looks for matches one pixel back, one row up
 * and, where a byte can only be a literal, at the last place its 4 bytes
 * were seen, and codes them with Huffman codes made for each block.
 * This costs a fraction of zlib's level 1 for output some 10% smaller.
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
