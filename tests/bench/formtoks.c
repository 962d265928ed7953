/*
 * formtoks N: print N form tokens of the request form, one a line, as
 * lianxind issues them (tests/support/formtok.c, keyed from the
 * configuration of $LIANXIN_CONF), for the posts of `make bench`
 * (tests/bench/wrk_post.lua takes one per post).  Exit 1 without a
 * configuration.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "formtok.h"

int
main(int argc, char *argv[])
{
	char		 tok[33];
	long		 i, n = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
	time_t		 now = time(NULL);

	for (i = 0; i < n; i++) {
		if (formtok_make(tok, "requests", now) == -1) {
			fprintf(stderr, "formtoks: no configuration\n");
			return 1;
		}
		puts(tok);
	}
	return 0;
}
