/*
 * libFuzzer driver: the photo decoder (lib/photo.c) on any bytes: the
 * type sniffing, the header's dimensions, libgd's decoders, the EXIF
 * orientation (libexif) and the re-encoding.  Small limits keep each run
 * quick.  Must never crash or leak; what it makes must be a JPEG within
 * the limits.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "photo.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct photo_limits lim = { 1 << 20, 1 << 20, 320, 64,
	    80 };
	struct photo	 ph;
	int		 w, h;

	(void)photo_size(data, size, &w, &h);
	if (photo_make(data, size, &lim, &ph) != PHOTO_OK)
		return 0;
	if (ph.len < 4 || ph.jpeg[0] != 0xff || ph.jpeg[1] != 0xd8 ||
	    ph.width > 320 || ph.height > 320 || ph.width < 1 ||
	    ph.height < 1 || ph.orientation < 1 || ph.orientation > 8)
		abort();
	photo_free(&ph);
	return 0;
}
