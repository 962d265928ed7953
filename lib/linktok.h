/*
 * Link tokens: the /t/TOKEN links of the messages to residents.  A token
 * names one request (its id), expires, and is signed with a key derived
 * from a configured secret, so that only this site makes them and nobody
 * can change the id.  It holds no phone and nothing personal.
 */
#ifndef LIANXIN_LINKTOK_H
#define LIANXIN_LINKTOK_H

#include <time.h>

#define LINKTOK_KEYBYTES	32
#define LINKTOK_LEN		32	/* characters (base64url), no NUL */

/* The key of secret (BLAKE2b-256 of a label and secret). */
void	 linktok_key(const char *secret, unsigned char key[LINKTOK_KEYBYTES]);
/* A token for request id, valid until expires. */
void	 linktok_make(const unsigned char key[LINKTOK_KEYBYTES],
	    long long id, time_t expires, char out[LINKTOK_LEN + 1]);
/*
 * 0 with *id set when s is a token made with key that has not expired at
 * now; -1 for anything else (any string, any length).
 */
int	 linktok_check(const unsigned char key[LINKTOK_KEYBYTES],
	    const char *s, time_t now, long long *id);

#endif
