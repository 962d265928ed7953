/*
 * Input validation: pure validators with explicit bounds, and one
 * declarative table per form (after kcgi's struct kvalid).  A handler
 * reads only fields that passed; a failed field carries a message in
 * Chinese for the form.
 */
#ifndef LIANXIN_VALID_H
#define LIANXIN_VALID_H

#include <stdbool.h>
#include <stddef.h>

struct req;
struct word;

enum vkind {
	V_TEXT,		/* one line of text, min..max characters */
	V_LONGTEXT,	/* text with line breaks, min..max characters */
	V_INT,		/* whole number in min..max */
	V_PHONE,	/* mainland mobile number: 1[3-9] and 9 digits */
	V_CHECK,	/* a checkbox that must be ticked ("1") */
	V_DECIMAL,	/* decimal number in min..max (millionths) */
	V_TOKEN,	/* ASCII letters/digits, min..max characters */
	V_ID,		/* a row id: whole number in min..max (min >= 1) */
	V_DATE,		/* a calendar day YYYY-MM-DD; i is its day number */
	V_ENUM,		/* one of words[0..max-1] (a table of domain/words.h)
			   or of codes[0..max-1]; i is its index */
	V_TRACKING,	/* a tracking number (DB_TRACKING_LEN symbols) */
	V_DIGITS,	/* ASCII digits, min..max of them (a one-time code) */
	V_FILE,		/* a pasted file, min..max bytes, checked by its own
			   reader (a CSV import reports each bad cell) */
	V_DATETIME,	/* an ISO 8601 time (isotime_parse); i is UTC seconds */
	V_PHOTO,	/* an uploaded file (multipart) that starts as a JPEG,
			   PNG or WebP does, at most [photos] max_bytes; s
			   its bytes, i its length.  With many: at most
			   HTTP_MAX_FILES of them.  Decoded by the handler
			   (lib/photo.c), which may still refuse it */
	V__MAX
};

struct vfield {
	const char	*name;		/* form field or query argument name;
					   "*0", "*1": the path's segments
					   matched by '*' in the route */
	const char	*label;		/* its label, for messages */
	enum vkind	 kind;
	bool		 required;
	long long	 min;		/* bounds, see enum vkind */
	long long	 max;
	const char *const *codes;	/* V_ENUM: the codes allowed, when
					   they are not words */
	const char	*msg;		/* the message when the value is bad
					   (NULL: the kind's own) */
	const char	*missing;	/* the message when required and
					   absent (NULL: 此项必填, 请勾选此项) */
	bool		 many;		/* may be given several times (check
					   boxes): every value is checked,
					   valid_next reads those that pass */
	const struct word *words;	/* V_ENUM: the words allowed, by
					   their codes (.words = word_state) */
};

/*
 * A second-level action of a POST (the form field "action"): its name and
 * the fields it takes, validated like the route's own before the handler
 * runs.
 */
struct vaction {
	const char	*name;
	const struct vfield *fields;
	size_t		 nfields;
	const char *const *code;	/* or the code of a word (domain/
					   words.h), its one spelling */
};

/*
 * What a route takes, validated by the dispatcher before its handler
 * runs: fields, and for a POST with several actions, the actions.  The
 * handler reads r->v[i] (fields[i]) and, when actions is set, r->action
 * (index into actions, -1 when "action" names none) and r->av[j].
 */
struct vform {
	const struct vfield *fields;
	size_t		 nfields;
	const struct vaction *actions;
	size_t		 nactions;
};

/* A route's table: VFORM(name, fields) or VFORM_ACTIONS(...). */
#define NELEMS(a)	(sizeof(a) / sizeof((a)[0]))
#define VFORM(name, f) \
	const struct vform name = { (f), NELEMS(f), NULL, 0 }
#define VFORM_ACTIONS(name, f, a) \
	const struct vform name = { (f), NELEMS(f), (a), NELEMS(a) }
#define VFORM_NONE(name) \
	const struct vform name = { NULL, 0, NULL, 0 }

/* Most fields a route or an action may have. */
#define VALID_MAX	112	/* the assessment scheme form: 12 indicators of 8 fields */

struct vvalue {
	const char	*s;		/* the raw value, NULL when absent */
	long long	 i;		/* V_INT, V_DECIMAL (millionths) */
	bool		 present;	/* given and not empty */
	const char	*error;		/* NULL, or the message */
	size_t		 n;		/* many: how many values passed; error
					   is then the first bad value's, the
					   rest the first value's */
};

/* Validators; each returns 0 or -1. */
int	 valid_utf8(const char *, bool multiline, size_t *nchars);
int	 valid_int(const char *, long long min, long long max, long long *);
int	 valid_phone(const char *);
int	 valid_decimal(const char *, long long min, long long max,
	    long long *millionths);
int	 valid_token(const char *, size_t min, size_t max);
/*
 * Normal forms of what residents type (full-width digits, spaces and
 * dashes, +86/0086, lower case): written into out, NUL-ended; each
 * returns its length, or -1 when out (outsz > strlen(in) is enough) is
 * too small.  The dispatcher applies them to V_PHONE, V_TRACKING and
 * V_DIGITS fields before checking.
 */
int	 valid_norm_digits(const char *in, char *out, size_t outsz);
int	 valid_norm_phone(const char *in, char *out, size_t outsz);
int	 valid_norm_tracking(const char *in, char *out, size_t outsz);
/* A tracking number: DB_TRACKING_LEN symbols of DB_TRACKING_ALPHABET. */
int	 valid_tracking(const char *);
/*
 * A phone as people write it ("138 0013-8000", "+86 13800138000"): its
 * digits, without a leading 86 country code, make a valid_phone number,
 * copied to out.  0, or -1 (out then "").
 */
int	 valid_phone_norm(const char *, char out[12]);
/*
 * A staff search: a tracking number (spaces dropped, upper-cased) into
 * tracking, or else a phone (valid_phone_norm) into phone; the other
 * is "".  0, or -1 when it is neither (both "").
 */
int	 valid_search(const char *, char *tracking,
	    char phone[12]);
/*
 * A pasted list of phones, one a line: the next line of s from *pos
 * that is not blank, its number (from 1) in *line, and in phone the
 * number it holds (valid_phone_norm): 0; -1 when it holds none (phone
 * ""); 1 at the end.  *pos and *line start at 0.
 */
int	 valid_phone_line(const char *s, size_t *pos, size_t *line,
	    char phone[12]);
/*
 * Every date and time a client gives is in the years VALID_YEAR_MIN to
 * VALID_YEAR_MAX (as written; lib/day.h's DAY_MAX ends the days at
 * 2099-12-31): anything else is a typo or a probe, refused everywhere.
 */
#define VALID_YEAR_MIN	2000
#define VALID_YEAR_MAX	2100
/* A day "YYYY-MM-DD" that exists, in the years above; sets *day (days
 * since 1970-01-01). */
int	 valid_date(const char *, int *day);
/* Index of s in codes[0..n-1], or -1. */
int	 valid_enum(const char *s, const char *const *codes, size_t n);

/*
 * Check one value against its field; sets v (error message on failure).
 * Returns 0 or -1.
 */
int	 valid_field(const struct vfield *, const char *s, struct vvalue *v);

/*
 * The values of a field given several times (vfield.many) that passed,
 * in the order given: start with *pos = 0; each call sets *v to the next
 * and returns 0, or returns -1 when there is none left.
 */
int	 valid_next(const struct req *, const struct vfield *, size_t *pos,
	    struct vvalue *v);
/* The message of the first failed value of v[n], or NULL. */
const char	*valid_first_error(const struct vvalue *v, size_t n);

/*
 * The dispatcher's step: check the request against the route's table
 * (NULL: the route takes nothing) and fill r->v, r->nbad, r->action,
 * r->av, r->nabad and r->csrf (every POST may carry the CSRF token).
 */
void	 valid_request(struct req *, const struct vform *);

#endif
