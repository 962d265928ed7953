/*
 * The data layer's former spellings of domain/words.h's tables (see
 * oldnames.h), made from the same lists, for cgi/ until it reads
 * words.h.  Delete each with its last user.
 */
#include "oldnames.h"

#define CODE(e, code, label, phrase)	[e] = code,
#define LABEL(e, code, label, phrase)	[e] = label,

const char *const db_rating_names[RATE__MAX] = { WORDS_RATING(CODE) };
const char *const db_reject_names[REJECT__MAX] = { WORDS_REJECT(CODE) };
const char *const db_mtype_names[MTYPE__MAX] = { WORDS_MTYPE(CODE) };
const char *const db_mtype_labels[MTYPE__MAX] = { WORDS_MTYPE(LABEL) };
const char *const db_akind_names[AKIND__MAX] = { WORDS_AKIND(CODE) };
const char *const db_akind_labels[AKIND__MAX] = { WORDS_AKIND(LABEL) };
