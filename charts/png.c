/*
 * png: 8-bit palette PNG with a deflate of its own.  See png.h.
 *
 * The zlib stream (RFC 1950/1951) is parsed greedily: at each byte the
 * longer of the run of the byte before (distance 1) and the copy of the
 * row above (distance 1 + w) is taken when it covers 3 bytes or more;
 * else the last literal position with the same hash of 4 bytes is tried
 * (repeated glyphs); else the byte goes out as a literal.  Tokens are
 * collected in blocks of up to TOK_MAX and each block is written with
 * Huffman codes made for it, or with the fixed codes when those come out
 * shorter.  zlib's level 1 hashes every byte and checks candidates it
 * cannot know are runs; on an 800x400 chart this does the same job in
 * about a quarter of the time.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "png.h"

#define TOK_MAX		32768	/* tokens per deflate block */
#define LEN_MIN		3	/* shortest match */
#define LEN_MAX		258	/* longest match */
#define LIT_N		286	/* literal/length symbols */
#define DIST_N		30	/* distance symbols */
#define CL_N		19	/* code length symbols */
#define BITS_MAX	15	/* longest literal or distance code */
#define CL_BITS_MAX	7	/* longest code length code */

/*
 * Tokens: a literal byte, a run (distance 1), a copy of the row above, or
 * a match further back, found by a hash of 4 bytes.
 */
#define TOK_RUN		256	/* + length - LEN_MIN */
#define TOK_UP		512	/* + length - LEN_MIN */
#define TOK_N		768	/* tokens with a code of their own */
#define TOK_FAR		(1u << 24)	/* + distance << 8 + length - LEN_MIN */
#define WINDOW		32768	/* furthest distance */
#define HASH_BITS	12

static const uint16_t len_base[29] = {
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43,
	51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const uint8_t len_extra[29] = {
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4,
	4, 4, 5, 5, 5, 5, 0,
};
static const uint16_t dist_base[DIST_N] = {
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257,
	385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289,
	16385, 24577,
};
static const uint8_t dist_extra[DIST_N] = {
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9,
	10, 10, 11, 11, 12, 12, 13, 13,
};
/* Order in which the code length code's lengths are sent. */
static const uint8_t cl_order[CL_N] = {
	16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

/* One block's tokens and how often each occurs; the hash of positions. */
struct blk {
	uint32_t	 freq[TOK_N];		/* of tokens below TOK_N */
	uint32_t	 flen[LEN_MAX - LEN_MIN + 1];	/* far matches by length */
	uint32_t	 fdist[DIST_N];		/* and by distance symbol */
	size_t		 n;
	uint32_t	 tok[TOK_MAX];
	uint32_t	 pos[1 << HASH_BITS];	/* last literal with that hash */
};

/*
 * A Huffman code: length and bit-reversed code of each symbol.  The fixed
 * code has two more literal/length symbols, never sent, that shift the
 * codes of 9 bits.
 */
#define FIXED_N		288
struct huff {
	uint8_t		 len[FIXED_N];
	uint16_t	 code[FIXED_N];
};

/* ---- Bits out, least significant first ---- */

struct bits {
	unsigned char	*p;		/* byte holding the next bit */
	uint64_t	 acc;		/* bits not yet past p, < 8 of them */
	unsigned	 n;
};

/* Spelt out, so that compilers make it one store where they can. */
static inline void
le64(unsigned char *p, uint64_t v)
{
	p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16), p[3] = (unsigned char)(v >> 24);
	p[4] = (unsigned char)(v >> 32), p[5] = (unsigned char)(v >> 40);
	p[6] = (unsigned char)(v >> 48), p[7] = (unsigned char)(v >> 56);
}

/*
 * Append the nb (<= 56) low bits of v.  Writes 8 bytes at b->p each
 * time: the buffer needs 8 bytes of slack.
 */
static inline void
bits_put(struct bits *b, uint64_t v, unsigned nb)
{
	b->acc |= v << b->n;
	b->n += nb;
	le64(b->p, b->acc);
	b->p += b->n >> 3;
	b->acc >>= b->n & 56;
	b->n &= 7;
}

/* ---- Huffman codes ---- */

struct sym {
	uint32_t	 f;
	uint16_t	 s;
};

/* By frequency, then symbol: a total order, so codes are reproducible. */
static int
sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->f != y->f)
		return x->f < y->f ? -1 : 1;
	return (int)x->s - (int)y->s;
}

/* Canonical codes for len[0..n), bits reversed for output. */
static void
huff_codes(struct huff *hf, int n)
{
	uint16_t	 next[BITS_MAX + 2];
	unsigned	 r;
	int		 count[BITS_MAX + 1] = { 0 }, i;

	for (i = 0; i < n; i++)
		count[hf->len[i]]++;
	count[0] = 0;
	for (next[1] = 0, i = 2; i <= BITS_MAX; i++)
		next[i] = (uint16_t)((next[i - 1] + count[i - 1]) << 1);
	for (i = 0; i < n; i++) {
		if (hf->len[i] == 0)
			continue;
		r = next[hf->len[i]]++;		/* reversed in 16 bits */
		r = (r & 0x5555) << 1 | (r >> 1 & 0x5555);
		r = (r & 0x3333) << 2 | (r >> 2 & 0x3333);
		r = (r & 0x0f0f) << 4 | (r >> 4 & 0x0f0f);
		r = (r & 0x00ff) << 8 | (r >> 8 & 0x00ff);
		hf->code[i] = (uint16_t)(r >> (16 - hf->len[i]));
	}
}

/*
 * A code of at most maxb bits for frequencies f[0..n): Huffman's lengths
 * by Moffat and Katajainen's in-place method, then those over maxb cut
 * down and others lengthened until the code is a prefix code again (as
 * miniz does).  At least two symbols get a code, so that the code is
 * complete, which inflaters want.
 */
static void
huff_make(struct huff *hf, const uint32_t *f, int n, int maxb)
{
	struct sym	 s[LIT_N];
	uint32_t	 a[LIT_N], total;
	int		 count[BITS_MAX + 1] = { 0 };
	int		 m = 0, i, k, root, leaf, next, avail, used, depth;

	for (i = 0; i < n; i++) {
		hf->len[i] = 0;
		if (f[i] != 0)
			s[m++] = (struct sym){ f[i], (uint16_t)i };
	}
	for (i = 0; m < 2; i++)
		if (f[i] == 0)
			s[m++] = (struct sym){ 1, (uint16_t)i };
	qsort(s, (size_t)m, sizeof(*s), sym_cmp);
	for (i = 0; i < m; i++)
		a[i] = s[i].f;

	/* Parents left to right, then depths of nodes and leaves. */
	a[0] += a[1];
	for (root = 0, leaf = 2, next = 1; next < m - 1; next++) {
		if (leaf >= m || a[root] < a[leaf]) {
			a[next] = a[root];
			a[root++] = (uint32_t)next;
		} else
			a[next] = a[leaf++];
		if (leaf >= m || (root < next && a[root] < a[leaf])) {
			a[next] += a[root];
			a[root++] = (uint32_t)next;
		} else
			a[next] += a[leaf++];
	}
	a[m - 2] = 0;
	for (next = m - 3; next >= 0; next--)
		a[next] = a[a[next]] + 1;
	avail = 1, used = depth = 0, root = m - 2, next = m - 1;
	while (avail > 0) {
		for (; root >= 0 && a[root] == (uint32_t)depth; root--)
			used++;
		for (; avail > used; avail--)
			a[next--] = (uint32_t)depth;
		avail = 2 * used, depth++, used = 0;
	}

	/* a[i] is the length of s[i], longest first. */
	for (i = 0; i < m; i++)
		count[a[i] > (uint32_t)maxb ? maxb : (int)a[i]]++;
	for (total = 0, i = 1; i <= maxb; i++)
		total += (uint32_t)count[i] << (maxb - i);
	for (; total > 1u << maxb; total--) {
		count[maxb]--;
		for (i = maxb - 1; i > 0; i--)
			if (count[i] != 0) {
				count[i]--;
				count[i + 1] += 2;
				break;
			}
	}
	for (k = 0, i = maxb; i > 0; i--)
		for (; count[i] > 0; count[i]--)
			hf->len[s[k++].s] = (uint8_t)i;
	huff_codes(hf, n);
}

/* ---- Blocks ---- */

/* Length symbol (0..28) of match length l. */
static int
len_sym(unsigned l)
{
	int s = 28;

	while (len_base[s] > l)
		s--;
	return s;
}

/* Distance symbol of distance d (1..WINDOW). */
static unsigned
dist_sym(unsigned d)
{
	unsigned l;

	if (d <= 4)
		return d - 1;
	l = 31 - (unsigned)__builtin_clz(d - 1);	/* 2^l <= d - 1 */
	return 2 * l + ((d - 1) >> (l - 1) & 1);
}

/*
 * The header of a dynamic block (after its 3 first bits): code lengths
 * of lit and dist, run-length coded, with their own code.  Writes it
 * when out is not NULL; returns its size in bits.
 */
static uint64_t
dyn_header(struct bits *out, const struct huff *lit, const struct huff *dist)
{
	uint8_t		 all[LIT_N + DIST_N], rs[LIT_N + DIST_N];
	uint8_t		 rx[LIT_N + DIST_N];
	uint32_t	 f[CL_N] = { 0 };
	struct huff	 cl;
	uint64_t	 bits;
	int		 nlit, ndist, ncl, nall, nr = 0, i, j, r, k;
	static const uint8_t xbits[CL_N] = { [16] = 2, [17] = 3, [18] = 7 };

	for (nlit = LIT_N; nlit > 257 && lit->len[nlit - 1] == 0; nlit--)
		continue;
	for (ndist = DIST_N; ndist > 1 && dist->len[ndist - 1] == 0; ndist--)
		continue;
	memcpy(all, lit->len, (size_t)nlit);
	memcpy(all + nlit, dist->len, (size_t)ndist);
	nall = nlit + ndist;
	for (i = 0; i < nall; i = j) {
		for (j = i + 1; j < nall && all[j] == all[i]; j++)
			continue;
		r = j - i;
		if (all[i] == 0) {
			for (; r >= 11; r -= k) {
				k = r > 138 ? 138 : r;
				rs[nr] = 18, rx[nr++] = (uint8_t)(k - 11);
			}
			if (r >= 3) {
				rs[nr] = 17, rx[nr++] = (uint8_t)(r - 3);
				r = 0;
			}
		} else {
			rs[nr] = all[i], rx[nr++] = 0;
			for (r--; r >= 3; r -= k) {
				k = r > 6 ? 6 : r;
				rs[nr] = 16, rx[nr++] = (uint8_t)(k - 3);
			}
		}
		for (; r > 0; r--)
			rs[nr] = all[i], rx[nr++] = 0;
	}
	for (i = 0; i < nr; i++)
		f[rs[i]]++;
	huff_make(&cl, f, CL_N, CL_BITS_MAX);
	for (ncl = CL_N; ncl > 4 && cl.len[cl_order[ncl - 1]] == 0; ncl--)
		continue;
	bits = 5 + 5 + 4 + 3 * (uint64_t)ncl;
	for (i = 0; i < nr; i++)
		bits += cl.len[rs[i]] + xbits[rs[i]];
	if (out == NULL)
		return bits;
	bits_put(out, (uint64_t)(nlit - 257), 5);
	bits_put(out, (uint64_t)(ndist - 1), 5);
	bits_put(out, (uint64_t)(ncl - 4), 4);
	for (i = 0; i < ncl; i++)
		bits_put(out, cl.len[cl_order[i]], 3);
	for (i = 0; i < nr; i++)
		bits_put(out, cl.code[rs[i]] |
		    (uint64_t)rx[i] << cl.len[rs[i]], cl.len[rs[i]] + xbits[rs[i]]);
	return bits;
}

/* Size in bits of the block's data (after its header) in these codes. */
static uint64_t
blk_bits(const uint32_t *lf, const uint32_t *df, const struct huff *lit,
    const struct huff *dist)
{
	uint64_t	 bits = 0;
	int		 i;

	for (i = 0; i < LIT_N; i++)
		bits += (uint64_t)lf[i] * (lit->len[i] +
		    (i > 256 ? len_extra[i - 257] : 0));
	for (i = 0; i < DIST_N; i++)
		bits += (uint64_t)df[i] * (dist->len[i] + dist_extra[i]);
	return bits;
}

/* Deflate's fixed code lengths (codes made only when used). */
static void
fixed_lengths(struct huff *lit, struct huff *dist)
{
	int i;

	for (i = 0; i < FIXED_N; i++)
		lit->len[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
	for (i = 0; i < DIST_N; i++)
		dist->len[i] = 5;
}

/*
 * Write block k (the last one if last) for rows of stride bytes, then
 * clear it for the next.
 */
static void
blk_write(struct bits *out, struct blk *k, unsigned stride, int last)
{
	struct huff	 lit, dist, flit, fdist;
	struct bits	 b;
	const struct huff *hl = &lit, *hd = &dist;
	uint64_t	 code[TOK_N], lcode[LEN_MAX - LEN_MIN + 1];
	uint32_t	 lf[LIT_N] = { 0 }, df[DIST_N] = { 0 };
	uint8_t		 nb[TOK_N], lnb[LEN_MAX - LEN_MIN + 1];
	unsigned	 l, t, ls, ds = dist_sym(stride), lb, d;
	size_t		 i, n;

	memcpy(lf, k->freq, 256 * sizeof(*lf));
	memcpy(df, k->fdist, sizeof(df));
	lf[256] = 1;
	for (l = LEN_MIN; l <= LEN_MAX; l++) {
		ls = (unsigned)len_sym(l);
		lf[257 + ls] += k->freq[TOK_RUN + l - LEN_MIN] +
		    k->freq[TOK_UP + l - LEN_MIN] + k->flen[l - LEN_MIN];
		df[0] += k->freq[TOK_RUN + l - LEN_MIN];
		df[ds] += k->freq[TOK_UP + l - LEN_MIN];
	}
	huff_make(&lit, lf, LIT_N, BITS_MAX);
	huff_make(&dist, df, DIST_N, BITS_MAX);
	fixed_lengths(&flit, &fdist);
	if (blk_bits(lf, df, &flit, &fdist) <= dyn_header(NULL, &lit, &dist) +
	    blk_bits(lf, df, &lit, &dist)) {
		huff_codes(&flit, FIXED_N);
		huff_codes(&fdist, DIST_N);
		hl = &flit, hd = &fdist;
		bits_put(out, (uint64_t)(last | 2), 3);
	} else {
		bits_put(out, (uint64_t)(last | 4), 3);
		dyn_header(out, &lit, &dist);
	}

	/* Each token's bits, in one table. */
	for (t = 0; t < 256; t++)
		code[t] = hl->code[t], nb[t] = hl->len[t];
	for (l = LEN_MIN; l <= LEN_MAX; l++) {
		ls = (unsigned)len_sym(l);
		t = l - LEN_MIN;
		lb = lnb[t] = (uint8_t)(hl->len[257 + ls] + len_extra[ls]);
		code[TOK_RUN + t] = code[TOK_UP + t] = lcode[t] =
		    hl->code[257 + ls] |
		    (uint64_t)(l - len_base[ls]) << hl->len[257 + ls];
		code[TOK_RUN + t] |= (uint64_t)hd->code[0] << lb;
		nb[TOK_RUN + t] = (uint8_t)(lb + hd->len[0]);
		code[TOK_UP + t] |= (hd->code[ds] |
		    (uint64_t)(stride - dist_base[ds]) << hd->len[ds]) << lb;
		nb[TOK_UP + t] = (uint8_t)(lb + hd->len[ds] + dist_extra[ds]);
	}
	b = *out;			/* locals the compiler keeps */
	for (i = 0, n = k->n; i < n; i++) {
		if ((t = k->tok[i]) < TOK_N) {
			bits_put(&b, code[t], nb[t]);
			continue;
		}
		d = (t - TOK_FAR) >> 8;
		ls = dist_sym(d);
		bits_put(&b, lcode[t & 255], lnb[t & 255]);
		bits_put(&b, hd->code[ls] | (uint64_t)(d - dist_base[ls]) <<
		    hd->len[ls], hd->len[ls] + dist_extra[ls]);
	}
	bits_put(&b, hl->code[256], hl->len[256]);
	*out = b;
	memset(k->freq, 0, sizeof(k->freq));
	memset(k->flen, 0, sizeof(k->flen));
	memset(k->fdist, 0, sizeof(k->fdist));
	k->n = 0;
}

/* Number of equal bytes at a and b, at most max. */
static inline size_t
match(const unsigned char *a, const unsigned char *b, size_t max)
{
	uint64_t	 x, y;
	size_t		 n;

	for (n = 0; n + 8 <= max; n += 8) {
		memcpy(&x, a + n, 8);
		memcpy(&y, b + n, 8);
		if (x != y)
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			return n + (size_t)__builtin_ctzll(x ^ y) / 8;
#else
			return n + (size_t)__builtin_clzll(x ^ y) / 8;
#endif
	}
	for (; n < max && a[n] == b[n]; n++)
		continue;
	return n;
}

/*
 * The token for position p of in[0..n) (p + 4 <= n), which is literal t
 * unless the last literal position with the same hash of 4 bytes starts
 * a match of 4 or more within the window.  Records p in the hash.
 */
static uint32_t
far(const unsigned char *in, size_t p, size_t n, struct blk *k, uint32_t t)
{
	uint32_t	 x, y, h;
	size_t		 q, len;

	memcpy(&x, in + p, 4);
	h = x * 2654435761u >> (32 - HASH_BITS);
	q = k->pos[h];
	k->pos[h] = (uint32_t)p;
	if (q >= p || p - q > WINDOW)
		return t;
	memcpy(&y, in + q, 4);
	if (x != y)
		return t;
	len = match(in + p, in + q, n - p < LEN_MAX ? n - p : LEN_MAX);
	return TOK_FAR | (uint32_t)(p - q) << 8 | (uint32_t)(len - LEN_MIN);
}

/*
 * Deflate in[0..n), rows of stride bytes, into out (room for n * 4 / 3
 * + 64 and 8 bytes of slack); returns the bytes written.
 */
static size_t
deflate_rows(const unsigned char *in, size_t n, size_t stride,
    unsigned char *out, struct blk *k)
{
	struct bits	 b = { out, 0, 0 };
	size_t		 p, max, run, up;
	unsigned	 t;

	for (p = 0; p < n; p += t < TOK_RUN ? 1 : (t & 255) + LEN_MIN) {
		t = in[p];
		if (p > 0 && (in[p - 1] == t ||
		    (p >= stride && in[p - stride] == t))) {
			max = n - p < LEN_MAX ? n - p : LEN_MAX;
			run = match(in + p, in + p - 1, max);
			up = p >= stride && run < max ?
			    match(in + p, in + p - stride, max) : 0;
			if (run >= LEN_MIN && run >= up)
				t = TOK_RUN + (unsigned)(run - LEN_MIN);
			else if (up >= LEN_MIN)
				t = TOK_UP + (unsigned)(up - LEN_MIN);
		}
		if (t < 256 && n - p >= 4)
			t = far(in, p, n, k, t);
		k->tok[k->n++] = t;
		if (t < TOK_N)
			k->freq[t]++;
		else {
			k->flen[t & 255]++;
			k->fdist[dist_sym((t - TOK_FAR) >> 8)]++;
		}
		if (k->n == TOK_MAX)
			blk_write(&b, k, (unsigned)stride, 0);
	}
	blk_write(&b, k, (unsigned)stride, 1);
	return (size_t)(b.p - out) + (b.n > 0);
}

#ifdef __SSE2__
/* Sum of the four 32-bit lanes of v. */
static uint64_t
lanes(__m128i v)
{
	uint32_t	 l[4];

	_mm_storeu_si128((__m128i *)(void *)l, v);
	return (uint64_t)l[0] + l[1] + l[2] + l[3];
}
#endif

/*
 * Adler-32 of p[0..n), 16 bytes a step with SSE2 (zlib's adler32() does
 * 1 byte a step and costs a tenth of a chart's encoding).  In blocks of
 * 1024 steps the 32-bit lanes cannot overflow: at most 1024 * 2040 in
 * s1, 1024^2 / 2 * 2040 in the sum of s1s, 1024 * 16320 in s2.
 */
static uint32_t
adler(const unsigned char *p, size_t n)
{
#ifdef __SSE2__
	const __m128i	 zero = _mm_setzero_si128();
	const __m128i	 w_lo = _mm_setr_epi16(16, 15, 14, 13, 12, 11, 10, 9);
	const __m128i	 w_hi = _mm_setr_epi16(8, 7, 6, 5, 4, 3, 2, 1);
	__m128i		 x, s1, ps, s2;
	uint64_t	 a = 1, b = 0;
	size_t		 i, k;

	for (; n >= 16; n -= 16 * k) {
		k = n / 16 < 1024 ? n / 16 : 1024;
		s1 = ps = s2 = zero;
		for (i = 0; i < k; i++, p += 16) {
			x = _mm_loadu_si128((const __m128i *)(const void *)p);
			ps = _mm_add_epi32(ps, s1);
			s1 = _mm_add_epi32(s1, _mm_sad_epu8(x, zero));
			s2 = _mm_add_epi32(s2, _mm_madd_epi16(
			    _mm_unpacklo_epi8(x, zero), w_lo));
			s2 = _mm_add_epi32(s2, _mm_madd_epi16(
			    _mm_unpackhi_epi8(x, zero), w_hi));
		}
		b = (b + 16 * k * a + 16 * lanes(ps) + lanes(s2)) % 65521;
		a = (a + lanes(s1)) % 65521;
	}
	return (uint32_t)adler32((uLong)(b << 16 | a), p, (uInt)n);
#else
	return (uint32_t)adler32(adler32(0, NULL, 0), p, (uInt)n);
#endif
}

/* ---- PNG ---- */

static void
be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8), p[3] = (unsigned char)v;
}

/* Frame the n data bytes at p + 8 as a PNG chunk; returns its size. */
static size_t
chunk(unsigned char *p, const char *type, size_t n)
{
	be32(p, (uint32_t)n);
	memcpy(p + 4, type, 4);
	be32(p + 8 + n, (uint32_t)crc32(crc32(0, NULL, 0), p + 4,
	    (uInt)n + 4));
	return n + 12;
}

int
png_indexed(const unsigned char *px, int w, int h, const uint32_t *rgb,
    int ncol, unsigned char **png, size_t *len)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
	    '\n', 0x1a, '\n' };
	struct blk	*k;
	unsigned char	*out, *q, *z;
	size_t		 n = (size_t)(w + 1) * (size_t)h, o, zn;
	int		 i;

	*png = NULL, *len = 0;
	if ((k = malloc(sizeof(*k))) != NULL) {
		memset(k->freq, 0, sizeof(k->freq));
		memset(k->flen, 0, sizeof(k->flen));
		memset(k->fdist, 0, sizeof(k->fdist));
		memset(k->pos, 0xff, sizeof(k->pos));
		k->n = 0;
	}
	out = malloc(8 + 25 + 12 + 3 * 256 + 12 + 2 + n + n / 3 + 64 + 4 +
	    12 + 8);
	if (k == NULL || out == NULL) {
		free(k);
		free(out);
		errno = ENOMEM;
		return -1;
	}
	memcpy(out, sig, 8);
	be32(out + 16, (uint32_t)w);
	be32(out + 20, (uint32_t)h);
	memcpy(out + 24, "\x08\x03\0\0\0", 5);	/* 8-bit palette */
	o = 8 + chunk(out + 8, "IHDR", 13);
	for (q = out + o + 8, i = 0; i < ncol; i++, q += 3)
		q[0] = (unsigned char)(rgb[i] >> 16),
		    q[1] = (unsigned char)(rgb[i] >> 8),
		    q[2] = (unsigned char)rgb[i];
	o += chunk(out + o, "PLTE", 3 * (size_t)ncol);

	z = out + o + 8;
	z[0] = 0x78, z[1] = 0x01;		/* deflate, 32K window */
	zn = 2 + deflate_rows(px, n, (size_t)w + 1, z + 2, k);
	be32(z + zn, adler(px, n));
	o += chunk(out + o, "IDAT", zn + 4);
	o += chunk(out + o, "IEND", 0);
	free(k);
	if ((*png = realloc(out, o)) == NULL) {
		free(out);
		errno = ENOMEM;
		return -1;
	}
	*len = o;
	return 0;
}
