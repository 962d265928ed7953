/*
 * The data layer's former spellings of domain/words.h's tables (see
 * oldnames.h, which gives their sizes), made from the same lists, for
 * cgi/ until it reads words.h.  Delete each with its last user.
 */
#include "oldnames.h"

const char *const db_rating_names[] = { WORDS_RATING(WORD_CODE_AT) };
const char *const db_reject_names[] = { WORDS_REJECT(WORD_CODE_AT) };
const char *const db_mtype_names[] = { WORDS_MTYPE(WORD_CODE_AT) };
const char *const db_mtype_labels[] = { WORDS_MTYPE(WORD_LABEL_AT) };
const char *const db_akind_names[] = { WORDS_AKIND(WORD_CODE_AT) };
const char *const db_akind_labels[] = { WORDS_AKIND(WORD_LABEL_AT) };
