/*
 * Democratic ballots (民主测评, issue 22 point 3): the one-time codes and
 * the rules of turnout, in one place for the pages (cgi/as_ballots.c,
 * cgi/vote.c) and the tests.
 *
 * A code is BALLOT_CODE_LEN symbols of BALLOT_ALPHABET (no 0/O, 1/I/L),
 * drawn by libsodium: 31^10 (about 8 x 10^14) codes, so that guessing one
 * takes millions of years at the rate /vote allows.  It is printed in two
 * groups of five ("K7PQM-3XWZA") and accepted as typed: spaces and dashes
 * dropped, lower case raised (cgi/vote.c normalises before checking).
 * Only its BLAKE2b-256 hash is stored (ballot_codes.code_hash).
 */
#ifndef LIANXIN_BALLOT_H
#define LIANXIN_BALLOT_H

#define BALLOT_CODE_LEN		10
#define BALLOT_ALPHABET		"23456789ABCDEFGHJKMNPQRSTUVWXYZ"
/* A code as printed: two groups of five and a dash. */
#define BALLOT_GROUPED_LEN	(BALLOT_CODE_LEN + 1)

/* Most items (indicators of source ballot) one ballot may hold. */
#define BALLOT_MAX_ITEMS	16

/* A fresh random code, NUL-terminated. */
void	 ballot_code_make(char out[BALLOT_CODE_LEN + 1]);
/* Is s a code's form (length and alphabet)?  1 or 0. */
int	 ballot_code_ok(const char *s);
/* The printed form of code ("K7PQM-3XWZA"), NUL-terminated. */
void	 ballot_code_group(const char *code, char out[BALLOT_GROUPED_LEN + 1]);

/*
 * Is a target's ballot insufficient: no code issued, or spent ÷ issued
 * below min_turnout (in ten-thousandths, as assess_rounds.min_turnout
 * DECIMAL(5,4) x 10000)?  Exactly at the minimum is sufficient.  1 or 0.
 */
int	 ballot_insufficient(long long issued, long long spent,
	    int min_turnout_bp);

#endif
