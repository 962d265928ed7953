/*
 * A request withdrawn on its resident's behalf (代群众撤回, ACT_WITHDRAW)
 * is in state rejected with reason REJECT_WITHDRAWN: the figures count it
 * out of 有效量 as they count any rejected request, but every page,
 * export and message names it as withdrawn (已撤回), never as 未予受理.
 * These give a request's state as shown from its state and reason codes.
 * Pure: no SQL, no HTTP.
 */
#ifndef LIANXIN_WITHDRAW_H
#define LIANXIN_WITHDRAW_H

#include "words.h"

#define WITHDRAWN_LABEL		"已撤回"
#define WITHDRAWN_PHRASE	"已撤回（您已撤回此诉求）"

/* Is a request in state with reject reason reason (either may be NULL
 * or "") a withdrawn one? */
int		 rq_withdrawn(const char *state, const char *reason);
/* The state's label (lists, exports), or 已撤回 when withdrawn. */
const char	*rq_state_label(const char *state, const char *reason);
/* The state's phrase (a resident's status line), or the withdrawn one. */
const char	*rq_state_phrase(const char *state, const char *reason);

#endif
