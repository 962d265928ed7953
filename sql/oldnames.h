/*
 * The data layer's former spellings of domain/words.h's names and of
 * lib/day.h's, included by db.h, kept while cgi/ and the tests use them;
 * the tables (codes or labels by index) are made in sql/oldnames.c from
 * words.h's lists.  Remove each with its last user.
 */
#ifndef LIANXIN_OLDNAMES_H
#define LIANXIN_OLDNAMES_H

#include "day.h"
#include "words.h"

#define db_rating		 rating
#define DB_RATE_SATISFIED	 RATE_SATISFIED
#define DB_RATE_BASICALLY	 RATE_BASICALLY
#define DB_RATE_UNSATISFIED	 RATE_UNSATISFIED
#define DB_RATE__MAX		 RATE__MAX

#define db_reject_reason	 reject_reason
#define DB_REJECT_DUPLICATE	 REJECT_DUPLICATE
#define DB_REJECT_SPAM		 REJECT_SPAM
#define DB_REJECT_OUT_OF_SCOPE	 REJECT_OUT_OF_SCOPE
#define DB_REJECT__MAX		 REJECT__MAX

#define db_mtype		 member_type
#define DB_MT_IN_SERVICE	 MTYPE_IN_SERVICE
#define DB_MT_RETIRED		 MTYPE_RETIRED
#define DB_MT_MOBILE		 MTYPE_MOBILE
#define DB_MT_RESIDENT		 MTYPE_RESIDENT
#define DB_MT__MAX		 MTYPE__MAX

#define db_akind		 activity_kind
#define DB_AK_PARTY_DAY		 AKIND_PARTY_DAY
#define DB_AK_VOLUNTEER		 AKIND_VOLUNTEER
#define DB_AK_ORG_LIFE		 AKIND_ORG_LIFE
#define DB_AK_OTHER		 AKIND_OTHER
#define DB_AK__MAX		 AKIND__MAX

extern const char *const db_rating_names[RATE__MAX];
extern const char *const db_reject_names[REJECT__MAX];
extern const char *const db_mtype_names[MTYPE__MAX];
extern const char *const db_mtype_labels[MTYPE__MAX];
extern const char *const db_akind_names[AKIND__MAX];
extern const char *const db_akind_labels[AKIND__MAX];

#define DB_DAY_MIN		 DAY_MIN
#define DB_DAY_MAX		 DAY_MAX
#define db_day			 day_from_ymd
#define db_day_parse		 day_parse
#define db_day_ymd		 day_ymd
#define db_day_format		 day_format

#endif
