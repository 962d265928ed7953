/*
 * The public forms' one-time tokens (formtoken.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "formtoken.h"
#include "http.h"
#include "limit.h"
#include "valid.h"

/*
 * A public form's one-time token (DB_TOKEN_LEN = 16 bytes, stored with
 * a request so that posting the same form twice gives one request): the
 * issue time (4 bytes, big-endian seconds), a random nonce (5 bytes) and
 * the first 7 bytes of an HMAC (crypto_auth) over those 9 bytes and the
 * form's name, so that only the server issues tokens, each for one form
 * and for [portal] form_hours.  The key is BLAKE2b-256 of TOKEN_LABEL and
 * [portal] form_secret, or of the database password when that is empty
 * (the same for every lianxind); with neither, a random key of this
 * process.
 */
#define TOKEN_LABEL	"lianxin form token\n"
#define TOKEN_TIME	4
#define TOKEN_NONCE	5
#define TOKEN_MAC	(DB_TOKEN_LEN - TOKEN_TIME - TOKEN_NONCE)
#define TOKEN_SKEW	300	/* issued this far in the future is fine */

/* The HMAC key, derived once by formtoken_init. */
static unsigned char	 token_key[crypto_auth_KEYBYTES];

void
formtoken_init(const struct config *c)
{
	crypto_generichash_state gs;
	const char	*sec = c->form_secret[0] != '\0' ? c->form_secret :
			    c->db_password;

	if (sec[0] == '\0') {
		memcpy(token_key, limit_process_key(), sizeof(token_key));
		return;
	}
	crypto_generichash_init(&gs, NULL, 0, sizeof(token_key));
	crypto_generichash_update(&gs,
	    (const unsigned char *)TOKEN_LABEL, strlen(TOKEN_LABEL));
	crypto_generichash_update(&gs, (const unsigned char *)sec,
	    strlen(sec));
	crypto_generichash_final(&gs, token_key, sizeof(token_key));
}

static void
token_mac(const unsigned char *tok, const char *form,
    unsigned char mac[crypto_auth_BYTES])
{
	unsigned char	 msg[TOKEN_TIME + TOKEN_NONCE + 32];
	size_t		 n = strlen(form);

	if (n > 32)
		n = 32;
	memcpy(msg, tok, TOKEN_TIME + TOKEN_NONCE);
	memcpy(msg + TOKEN_TIME + TOKEN_NONCE, form, n);
	crypto_auth(mac, msg, TOKEN_TIME + TOKEN_NONCE + n, token_key);
}

/* A new token of form, issued now. */
void
formtoken_make(const char *form, char hex[FORMTOKEN_HEXLEN + 1])
{
	unsigned char	 tok[DB_TOKEN_LEN], mac[crypto_auth_BYTES];
	unsigned long	 t = (unsigned long)time(NULL);

	tok[0] = (unsigned char)(t >> 24);
	tok[1] = (unsigned char)(t >> 16);
	tok[2] = (unsigned char)(t >> 8);
	tok[3] = (unsigned char)t;
	randombytes_buf(tok + TOKEN_TIME, TOKEN_NONCE);
	token_mac(tok, form, mac);
	memcpy(tok + TOKEN_TIME + TOKEN_NONCE, mac, TOKEN_MAC);
	sodium_bin2hex(hex, FORMTOKEN_HEXLEN + 1, tok, DB_TOKEN_LEN);
}

/*
 * 0 when hex is a token this site issued for form and it has not expired
 * (its bytes in tok), else -1.
 */
static int
formtoken_check(const struct config *c, const char *form, const char *hex,
    unsigned char tok[DB_TOKEN_LEN])
{
	unsigned char	 mac[crypto_auth_BYTES];
	long long	 t, now = (long long)time(NULL);
	size_t		 n;

	/* Exactly FORMTOKEN_HEXLEN hex digits, nothing else. */
	if (sodium_hex2bin(tok, DB_TOKEN_LEN, hex, strlen(hex), NULL, &n,
	    NULL) != 0 || n != DB_TOKEN_LEN)
		return -1;
	token_mac(tok, form, mac);
	if (sodium_memcmp(mac, tok + TOKEN_TIME + TOKEN_NONCE, TOKEN_MAC) != 0)
		return -1;
	t = (long long)tok[0] << 24 | (long long)tok[1] << 16 |
	    (long long)tok[2] << 8 | tok[3];
	if (t > now + TOKEN_SKEW || now - t > c->form_hours * 3600LL)
		return -1;
	return 0;
}

int
formtoken_post(struct req *r, enum limit_kind k, const char *form,
    struct vvalue *tv, unsigned char tok[DB_TOKEN_LEN])
{
	if (limit_guard(r, k, r->addr) != 0)
		return -1;
	if (!tv->present || tv->error != NULL ||
	    formtoken_check(r->cfg, form, tv->s, tok) != 0) {
		tv->error = "表单已过期，请重新填写";
		return 1;
	}
	return 0;
}
