/*
 * Assessment (考评, issue 22): the arithmetic of points, flags and ranks,
 * pure (no SQL, no HTTP), shared by the live round page, the publication
 * and the demo loader.
 *
 * Units: weights and points in hundredths (DECIMAL(…,2)), floors, targets
 * and turnouts in ten-thousandths of 1 (DECIMAL(…,4)), values in
 * millionths (DECIMAL(9,6)).
 *
 * Points of a figure or ballot indicator:
 *	weight × clamp((value − floor) ÷ (target − floor), 0, 1)
 * computed exactly on num/den and rounded to 0.01, half away from zero.
 * Flags (word_result_flag): a zero denominator is 无数据 (RFLAG_EMPTY, 0
 * points); a denominator under the indicator's min_count is 样本不足
 * (RFLAG_FEW, points still computed, the row marked); a ballot whose
 * turnout (spent codes ÷ issued codes of the target) is under the round's
 * min_turnout is 参评率不足 (RFLAG_INSUFFICIENT, 0 points, no value shown),
 * and one with no code issued is 无数据.
 */
#ifndef LIANXIN_ASSESS_H
#define LIANXIN_ASSESS_H

#include <stddef.h>

#include "words.h"

/* The points (hundredths) of num/den for weight_c, floor_tt, target_tt
 * (target_tt > floor_tt); 0 when den <= 0. */
long long	 assess_points(long long weight_c, long long num,
		    long long den, int floor_tt, int target_tt);
/* num/den in millionths, rounded half up; 0 when den <= 0. */
long long	 assess_millionths(long long num, long long den);
/* The flag of a figure value with denominator den. */
enum result_flag assess_figure_flag(long long den, int min_count);
/* The flag of a ballot item with votes, the target's codes issued and
 * spent, and the round's minimum turnout. */
enum result_flag assess_ballot_flag(long long votes, long long issued,
		    long long spent, int min_turnout_tt, int min_count);

/*
 * Ranking (the tie rule, documented in README "Assessment"): more total
 * points first; equal totals by the points of the indicators in scheme
 * order (more on the first indicator first, then the second, ...); then
 * by code (a region's code, a unit's number) ascending.  Every row gets
 * its own rank 1..n.
 */
struct assess_rank_row {
	long long	 total;		/* hundredths */
	const long long	*points;	/* nind, in scheme order */
	size_t		 nind;
	const char	*code;
	int		 rank;		/* set by assess_rank */
};
/* Rank rows[n] by the rule above: 0, or -1 when memory ran out. */
int		 assess_rank(struct assess_rank_row *, size_t n);

#endif
