/*
 * The withdrawn request's wording (withdraw.h).
 */
#include <string.h>

#include "withdraw.h"

int
rq_withdrawn(const char *state, const char *reason)
{
	return state != NULL && reason != NULL &&
	    strcmp(state, word_state[ST_REJECTED].code) == 0 &&
	    strcmp(reason, word_reject[REJECT_WITHDRAWN].code) == 0;
}

const char *
rq_state_label(const char *state, const char *reason)
{
	return rq_withdrawn(state, reason) ? WITHDRAWN_LABEL :
	    WORD_LABEL(word_state, state);
}

const char *
rq_state_phrase(const char *state, const char *reason)
{
	return rq_withdrawn(state, reason) ? WITHDRAWN_PHRASE :
	    WORD_PHRASE(word_state, state);
}
