/*
 * Form tokens as lianxind issues them (cgi/formtoken.c: time, nonce, HMAC
 * keyed from the test stack's configuration), for tests that need many
 * tokens without fetching forms, or expired ones.
 */
#ifndef LIANXIN_FORMTOK_H
#define LIANXIN_FORMTOK_H

#include <time.h>

/* A token of form ("requests", "report") issued at time t, hex into tok.  Thread-
 * safe after the first call.  Returns 0, or -1 without a configuration. */
int	 formtok_make(char tok[33], const char *form, time_t t);

#endif
