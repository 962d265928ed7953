/*
 * Form tokens made as cgi/portal.c makes them, with the key of the test
 * stack's configuration ($LIANXIN_CONF): BLAKE2b-256 of the label and
 * [portal] form_secret, or the database password.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "config.h"
#include "formtok.h"

static unsigned char	 key[crypto_auth_KEYBYTES];
static int		 have_key = -1;
static pthread_once_t	 once = PTHREAD_ONCE_INIT;

static void
key_init(void)
{
	static struct config c;
	crypto_generichash_state gs;
	const char	*label = "lianxin form token\n", *sec;
	char		 err[256];

	config_defaults(&c);
	if (config_load(&c, config_path(), err, sizeof(err)) == -1 ||
	    config_db_password(&c, err, sizeof(err)) == -1)
		return;
	sec = c.form_secret[0] != '\0' ? c.form_secret : c.db_password;
	if (sec[0] == '\0' || sodium_init() < 0)
		return;
	crypto_generichash_init(&gs, NULL, 0, sizeof(key));
	crypto_generichash_update(&gs, (const unsigned char *)label,
	    strlen(label));
	crypto_generichash_update(&gs, (const unsigned char *)sec,
	    strlen(sec));
	crypto_generichash_final(&gs, key, sizeof(key));
	have_key = 0;
}

int
formtok_make(char tok[33], const char *form, time_t t)
{
	unsigned char	 b[16], msg[9 + 32], mac[crypto_auth_BYTES];
	unsigned long	 u = (unsigned long)t;
	size_t		 n = strlen(form) > 32 ? 32 : strlen(form);

	(void)pthread_once(&once, key_init);
	if (have_key == -1)
		return -1;
	b[0] = (unsigned char)(u >> 24);
	b[1] = (unsigned char)(u >> 16);
	b[2] = (unsigned char)(u >> 8);
	b[3] = (unsigned char)u;
	randombytes_buf(b + 4, 5);
	memcpy(msg, b, 9);
	memcpy(msg + 9, form, n);
	crypto_auth(mac, msg, 9 + n, key);
	memcpy(b + 9, mac, 7);
	sodium_bin2hex(tok, 33, b, sizeof(b));
	return 0;
}
