/*
 * Ballot codes and turnout (domain/ballot.h).
 */
#include <string.h>

#include <sodium.h>

#include "ballot.h"

void
ballot_code_make(char out[BALLOT_CODE_LEN + 1])
{
	static const char abc[] = BALLOT_ALPHABET;
	size_t	 i;

	for (i = 0; i < BALLOT_CODE_LEN; i++)
		out[i] = abc[randombytes_uniform(sizeof(abc) - 1)];
	out[BALLOT_CODE_LEN] = '\0';
}

int
ballot_code_ok(const char *s)
{
	return s != NULL && strlen(s) == BALLOT_CODE_LEN &&
	    strspn(s, BALLOT_ALPHABET) == BALLOT_CODE_LEN;
}

void
ballot_code_group(const char *code, char out[BALLOT_GROUPED_LEN + 1])
{
	size_t	 half = BALLOT_CODE_LEN / 2;

	memcpy(out, code, half);
	out[half] = '-';
	memcpy(out + half + 1, code + half, BALLOT_CODE_LEN - half);
	out[BALLOT_GROUPED_LEN] = '\0';
}

int
ballot_insufficient(long long issued, long long spent, int min_turnout_bp)
{
	if (issued <= 0)
		return 1;
	return spent * 10000 < (long long)min_turnout_bp * issued;
}
