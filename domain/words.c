/*
 * The tables of the domain's words, made from the lists of words.h.
 */
#include <string.h>

#include "words.h"

/* X for the tables: one row, at its constant's index. */
#define WORD_ROW(e, c, l, p)	[e] = { .code = c, .label = l, .phrase = p },

const struct word word_state[ST__MAX] = { WORDS_STATE(WORD_ROW) };
const struct word word_action[EV__MAX] = {
	WORDS_ACTION(WORD_ROW)
	WORDS_EVENT(WORD_ROW)
};
const struct word word_role[ROLE__MAX] = { WORDS_ROLE(WORD_ROW) };
const struct word word_level[LV__MAX] = { WORDS_LEVEL(WORD_ROW) };
const struct word word_source[SRC__MAX] = { WORDS_SOURCE(WORD_ROW) };
const struct word word_actor[ACTOR__MAX] = { WORDS_ACTOR(WORD_ROW) };
const struct word word_rating[RATE__MAX] = { WORDS_RATING(WORD_ROW) };
const struct word word_reject[REJECT__MAX] = { WORDS_REJECT(WORD_ROW) };
const struct word word_mtype[MTYPE__MAX] = { WORDS_MTYPE(WORD_ROW) };
const struct word word_report[REPORT__MAX] = { WORDS_REPORT(WORD_ROW) };
const struct word word_claim[CLAIM__MAX] = { WORDS_CLAIM(WORD_ROW) };
const struct word word_akind[AKIND__MAX] = { WORDS_AKIND(WORD_ROW) };
const struct word word_region[REGION__MAX] = { WORDS_REGION(WORD_ROW) };
const struct word word_unit_kind[UNIT__MAX] = { WORDS_UNIT_KIND(WORD_ROW) };
const struct word word_summons[SM__MAX] = { WORDS_SUMMONS(WORD_ROW) };
const struct word word_summons_action[SMA__MAX] = {
	WORDS_SUMMONS_ACTION(WORD_ROW)
};
const struct word word_note_kind[NOTE__MAX] = { WORDS_NOTE_KIND(WORD_ROW) };
const struct word word_audit[AUD__MAX] = { WORDS_AUDIT(WORD_ROW) };
const struct word word_unit_org[UNIT_ORG__MAX] = { WORDS_UNIT_ORG(WORD_ROW) };
const struct word word_cb_kind[CBK__MAX] = { WORDS_CB_KIND(WORD_ROW) };
const struct word word_agreement[AGR__MAX] = { WORDS_AGREEMENT(WORD_ROW) };
const struct word word_commitment[CMT__MAX] = { WORDS_COMMITMENT(WORD_ROW) };
const struct word word_need[NEED__MAX] = { WORDS_NEED(WORD_ROW) };
const struct word word_resource[RES__MAX] = { WORDS_RESOURCE(WORD_ROW) };
const struct word word_booking[BK__MAX] = { WORDS_BOOKING(WORD_ROW) };
const struct word word_project[PRJ__MAX] = { WORDS_PROJECT(WORD_ROW) };
const struct word word_meeting[MTG__MAX] = { WORDS_MEETING(WORD_ROW) };
const struct word word_decision[DEC__MAX] = { WORDS_DECISION(WORD_ROW) };
const struct word word_wish[WISH__MAX] = { WORDS_WISH(WORD_ROW) };
const struct word word_wish_claim[WCL__MAX] = { WORDS_WISH_CLAIM(WORD_ROW) };
const struct word word_eval_dir[EVD__MAX] = { WORDS_EVAL_DIR(WORD_ROW) };
const struct word word_assess_target[AT__MAX] = { WORDS_ASSESS_TARGET(WORD_ROW) };
const struct word word_assess_source[AS__MAX] = { WORDS_ASSESS_SOURCE(WORD_ROW) };
const struct word word_round[RND__MAX] = { WORDS_ROUND(WORD_ROW) };
const struct word word_result_flag[RFLAG__MAX] = { WORDS_RESULT_FLAG(WORD_ROW) };
const struct word word_star_group[SG__MAX] = { WORDS_STAR_GROUP(WORD_ROW) };
const struct word word_star_state[STAR__MAX] = { WORDS_STAR_STATE(WORD_ROW) };
const struct word word_cb_event[CBE__MAX] = { WORDS_CB_EVENT(WORD_ROW) };

int
word_find(const struct word *t, size_t n, const char *code)
{
	size_t	 i;

	for (i = 0; code != NULL && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return (int)i;
	return -1;
}

const char *
word_label(const struct word *t, size_t n, const char *code)
{
	int	 i = word_find(t, n, code);

	return i < 0 ? code : t[i].label;
}

const char *
word_phrase(const struct word *t, size_t n, const char *code)
{
	int	 i = word_find(t, n, code);

	return i < 0 ? code : t[i].phrase != NULL ? t[i].phrase : t[i].label;
}
