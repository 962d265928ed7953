/*
 * Assessment arithmetic (see assess.h): points, flags, ranks.
 */
#include <stdlib.h>
#include <string.h>

#include "assess.h"

long long
assess_points(long long weight_c, long long num, long long den, int floor_tt,
    int target_tt)
{
	long long	 a, b;

	if (den <= 0 || target_tt <= floor_tt)
		return 0;
	/* (num/den − f/10⁴) ÷ ((t − f)/10⁴) = a ÷ b */
	a = num * 10000 - (long long)floor_tt * den;
	b = den * (long long)(target_tt - floor_tt);
	if (a <= 0)
		return 0;
	if (a >= b)
		return weight_c;
	return (2 * weight_c * a + b) / (2 * b);
}

long long
assess_millionths(long long num, long long den)
{
	if (den <= 0)
		return 0;
	return (2 * num * 1000000 + den) / (2 * den);
}

enum result_flag
assess_figure_flag(long long den, int min_count)
{
	if (den <= 0)
		return RFLAG_EMPTY;
	return den < min_count ? RFLAG_FEW : RFLAG_OK;
}

enum result_flag
assess_ballot_flag(long long votes, long long issued, long long spent,
    int min_turnout_tt, int min_count)
{
	if (issued <= 0)
		return RFLAG_EMPTY;
	if (spent * 10000 < (long long)min_turnout_tt * issued)
		return RFLAG_INSUFFICIENT;
	return assess_figure_flag(votes, min_count);
}

static int
rank_cmp(const void *pa, const void *pb)
{
	const struct assess_rank_row *a = *(const struct assess_rank_row *const *)pa;
	const struct assess_rank_row *b = *(const struct assess_rank_row *const *)pb;
	size_t		 i;

	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	for (i = 0; i < a->nind && i < b->nind; i++)
		if (a->points[i] != b->points[i])
			return a->points[i] > b->points[i] ? -1 : 1;
	return strcmp(a->code, b->code);
}

int
assess_rank(struct assess_rank_row *rows, size_t n)
{
	struct assess_rank_row **p;
	size_t		 i;

	if (n == 0)
		return 0;
	if ((p = calloc(n, sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		p[i] = &rows[i];
	qsort(p, n, sizeof(*p), rank_cmp);
	for (i = 0; i < n; i++)
		p[i]->rank = (int)i + 1;
	free(p);
	return 0;
}
