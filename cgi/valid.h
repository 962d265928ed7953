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

enum vkind {
	V_TEXT,		/* one line of text, min..max characters */
	V_LONGTEXT,	/* text with line breaks, min..max characters */
	V_INT,		/* whole number in min..max */
	V_PHONE,	/* mainland mobile number: 1[3-9] and 9 digits */
	V_CHECK,	/* a checkbox that must be ticked ("1") */
	V_DECIMAL,	/* decimal number in min..max (millionths) */
	V_TOKEN,	/* ASCII letters/digits, min..max characters */
	V__MAX
};

struct vfield {
	const char	*name;		/* form field name */
	const char	*label;		/* its label, for messages */
	enum vkind	 kind;
	bool		 required;
	long long	 min;		/* bounds, see enum vkind */
	long long	 max;
};

struct vvalue {
	const char	*s;		/* the raw value, NULL when absent */
	long long	 i;		/* V_INT, V_DECIMAL (millionths) */
	bool		 present;	/* given and not empty */
	const char	*error;		/* NULL, or the message */
};

/* Validators; each returns 0 or -1. */
int	 valid_utf8(const char *, bool multiline, size_t *nchars);
int	 valid_int(const char *, long long min, long long max, long long *);
int	 valid_phone(const char *);
int	 valid_decimal(const char *, long long min, long long max,
	    long long *millionths);
int	 valid_token(const char *, size_t min, size_t max);
/* A tracking number: DB_TRACKING_LEN symbols of DB_TRACKING_ALPHABET. */
int	 valid_tracking(const char *);

/*
 * Check one value against its field; sets v (error message on failure).
 * Returns 0 or -1.
 */
int	 valid_field(const struct vfield *, const char *s, struct vvalue *v);

/*
 * Check every field of a form table against the request's parameters.
 * Returns how many fields failed (0 = all good).
 */
size_t	 valid_form(const struct req *, const struct vfield *, size_t n,
	    struct vvalue *out);
/* The message of the first failed value of v[n], or NULL. */
const char	*valid_first_error(const struct vvalue *v, size_t n);

#endif
