/*
 * The multipart/form-data reader (lib/multipart.c) and the photo header
 * reader (lib/photo.c): table-driven valid and invalid inputs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "multipart.h"
#include "photo.h"

static const struct {
	const char	*ct;
	const char	*boundary;	/* NULL: refused */
} cts[] = {
	{ "multipart/form-data; boundary=abc", "abc" },
	{ "Multipart/Form-Data; charset=utf-8; boundary=\"a b\"", "a b" },
	{ "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk",
	    "----WebKitFormBoundary7MA4YWxk" },
	{ "multipart/form-data; boundary=abc; x=1", "abc" },
	{ "multipart/form-data", NULL },
	{ "multipart/form-data; boundary=", NULL },
	{ "multipart/form-data; boundary=\"abc", NULL },
	{ "multipart/mixed; boundary=abc", NULL },
	{ "application/x-www-form-urlencoded", NULL },
	{ "multipart/form-data; xboundary=abc", NULL },
	{ "multipart/form-data; boundary=12345678901234567890123456789012345"
	  "678901234567890123456789012345678901", NULL },	/* 71 */
};

static void
boundaries(void **state)
{
	char	 b[MULTIPART_BOUNDARY_MAX + 1];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cts) / sizeof(cts[0]); i++) {
		int rc = multipart_boundary(cts[i].ct, b);

		if (cts[i].boundary == NULL) {
			if (rc != -1)
				fail_msg("accepted: %s", cts[i].ct);
			continue;
		}
		if (rc != 0)
			fail_msg("refused: %s", cts[i].ct);
		assert_string_equal(b, cts[i].boundary);
	}
}

#define D(name) "Content-Disposition: form-data; name=\"" name "\""

static const struct {
	const char	*body;
	int		 nparts;	/* -1: refused */
	const char	*name0, *val0;	/* the first part */
	bool		 file0;
} bodies[] = {
	{ "--B\r\n" D("a") "\r\n\r\n1\r\n--B\r\n" D("b") "\r\n\r\n22\r\n--B--\r\n",
	  2, "a", "1", false },
	/* A preamble, an epilogue, no CRLF after the last delimiter. */
	{ "junk\r\n--B\r\n" D("a") "\r\n\r\nx\r\n--B--", 1, "a", "x", false },
	{ "--B\r\n" D("f") "; filename=\"a.jpg\"\r\nContent-Type: image/jpeg"
	  "\r\n\r\n\xff\xd8\r\n\r\n--B--\r\n", 1, "f", "\xff\xd8\r\n", true },
	/* An empty file input: a file part with nothing in it. */
	{ "--B\r\n" D("f") "; filename=\"\"\r\n\r\n\r\n--B--\r\n", 1, "f", "",
	  true },
	/* Content that looks like a delimiter but is not one. */
	{ "--B\r\n" D("a") "\r\n\r\n--B x --Bx\r\n--B--", 1, "a", "--B x --Bx",
	  false },
	{ "--B\r\n" D("a") "\r\n\r\n1\r\n--B--\r\n", 1, "a", "1", false },
	{ "", -1, NULL, NULL, false },
	{ "--B\r\n" D("a") "\r\n\r\n1", -1, NULL, NULL, false },	/* no end */
	{ "--B\r\n" D("a") "\r\n\r\n1\r\n--B", -1, NULL, NULL, false },
	{ "--B\r\n\r\nno headers\r\n--B--", -1, NULL, NULL, false },
	{ "--B\r\nContent-Type: text/plain\r\n\r\n1\r\n--B--", -1, NULL, NULL,
	  false },
	{ "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n"
	  "--B--", -1, NULL, NULL, false },
	{ "--B\r\n" D("") "\r\n\r\n1\r\n--B--", -1, NULL, NULL, false },
	{ "--B\r\nContent-Disposition: form-data; name=\"a\r\n\r\n1\r\n--B--",
	  -1, NULL, NULL, false },
	{ "--B\r\n" D("a") "\r\n" D("b") "\r\n\r\n1\r\n--B--", -1, NULL, NULL,
	  false },
	{ "--B\r\n" D("a") "\r\n\r\n1\r\n--Bjunk", -1, NULL, NULL, false },
};

static void
parts(void **state)
{
	struct mpart	 p[4];
	size_t		 i, n;

	(void)state;
	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		int rc = multipart_parse(bodies[i].body, strlen(bodies[i].body),
		    "B", p, 4, &n);

		if (bodies[i].nparts < 0) {
			if (rc != -1)
				fail_msg("accepted body %zu", i);
			continue;
		}
		if (rc != 0)
			fail_msg("refused body %zu", i);
		assert_int_equal(n, bodies[i].nparts);
		assert_string_equal(p[0].name, bodies[i].name0);
		assert_int_equal(p[0].len, strlen(bodies[i].val0));
		assert_memory_equal(p[0].data, bodies[i].val0, p[0].len);
		assert_int_equal(p[0].file, bodies[i].file0);
	}
}

/* More parts than room: refused, not cut. */
static void
too_many_parts(void **state)
{
	static const char body[] = "--B\r\n" D("a") "\r\n\r\n1\r\n--B\r\n"
	    D("a") "\r\n\r\n2\r\n--B\r\n" D("a") "\r\n\r\n3\r\n--B--";
	struct mpart	 p[3];
	size_t		 n;

	(void)state;
	assert_int_equal(multipart_parse(body, sizeof(body) - 1, "B", p, 2,
	    &n), -1);
	assert_int_equal(multipart_parse(body, sizeof(body) - 1, "B", p, 3,
	    &n), 0);
	assert_int_equal(n, 3);
}

/* Sizes from headers, before decoding. */
static const struct {
	const char	*bytes;
	size_t		 len;
	enum photo_type	 type;
	int		 w, h;		/* 0: refused */
} heads[] = {
	/* PNG IHDR 300 x 200 */
	{ "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\x2c\0\0\0\xc8\x08\x02", 26,
	  PHOTO_PNG, 300, 200 },
	/* PNG over 65535 a side */
	{ "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\x01\0\0\0\0\0\xc8\x08\x02", 26,
	  PHOTO_PNG, 0, 0 },
	/* JPEG: SOI, an APP0 of length 4, SOF0 of 640 x 480 */
	{ "\xff\xd8\xff\xe0\0\x04\0\0\xff\xc0\0\x11\x08\x01\xe0\x02\x80\x03",
	  18, PHOTO_JPEG, 640, 480 },
	/* JPEG whose scan comes before any frame */
	{ "\xff\xd8\xff\xda\0\x04\0\0", 8, PHOTO_JPEG, 0, 0 },
	/* JPEG with a segment length running off the end */
	{ "\xff\xd8\xff\xe1\xff\xff", 6, PHOTO_JPEG, 0, 0 },
	/* WebP VP8X 1000 x 2000 */
	{ "RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0\xe7\x03\0\xcf\x07\0", 30,
	  PHOTO_WEBP, 1000, 2000 },
	/* WebP VP8L 4 x 3: 14 bits w-1 = 3, 14 bits h-1 = 2 */
	{ "RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f\x03\x80\0\0", 25, PHOTO_WEBP, 4, 3 },
	{ "GIF89a\x01\0\x01\0", 10, PHOTO_NONE, 0, 0 },
	{ "hello", 5, PHOTO_NONE, 0, 0 },
};

static void
header_sizes(void **state)
{
	size_t	 i;
	int	 w, h;

	(void)state;
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		assert_int_equal(photo_type(heads[i].bytes, heads[i].len),
		    heads[i].type);
		if (heads[i].w == 0) {
			if (photo_size(heads[i].bytes, heads[i].len, &w, &h) !=
			    -1)
				fail_msg("size of header %zu: %d x %d", i, w, h);
			continue;
		}
		assert_int_equal(photo_size(heads[i].bytes, heads[i].len, &w,
		    &h), 0);
		assert_int_equal(w, heads[i].w);
		assert_int_equal(h, heads[i].h);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(boundaries),
		cmocka_unit_test(parts),
		cmocka_unit_test(too_many_parts),
		cmocka_unit_test(header_sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
