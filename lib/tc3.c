/*
 * TC3-HMAC-SHA256 (tc3.h), with libsodium's SHA-256 and HMAC-SHA-256:
 *
 *   CanonicalRequest = "POST\n/\n\n" CanonicalHeaders "\n" SignedHeaders
 *                      "\n" hex(SHA256(payload))
 *   StringToSign     = "TC3-HMAC-SHA256\n" timestamp "\n" date "/" service
 *                      "/tc3_request\n" hex(SHA256(CanonicalRequest))
 *   key = HMAC(HMAC(HMAC("TC3" SecretKey, date), service), "tc3_request")
 *   Signature        = hex(HMAC(key, StringToSign))
 *
 * date is the UTC date (YYYY-MM-DD) of the timestamp.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "tc3.h"

#define SIGNED_HEADERS	"content-type;host;x-tc-action"

static void
sha256_hex(const char *s, size_t n, char hex[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)s, n);
	sodium_bin2hex(hex, 65, h, sizeof(h));
}

static void
hmac(const unsigned char *key, size_t klen, const char *msg,
    unsigned char out[crypto_auth_hmacsha256_BYTES])
{
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, key, klen);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg,
	    strlen(msg));
	crypto_auth_hmacsha256_final(&st, out);
}

int
tc3_authorization(const char *secret_id, const char *secret_key,
    const char *service, const char *host, const char *action,
    long long timestamp, const char *payload, char *out, size_t size)
{
	char		 act[64], date[16], ph[65], ch[65], sig[65];
	char		*canon = NULL, *sts = NULL, *k0 = NULL;
	unsigned char	 k1[32], k2[32], k3[32], s[32];
	time_t		 t = (time_t)timestamp;
	struct tm	 tm;
	size_t		 i;
	int		 n, rc = -1;

	for (i = 0; action[i] != '\0' && i + 1 < sizeof(act); i++)
		act[i] = (char)tolower((unsigned char)action[i]);
	act[i] = '\0';
	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	sha256_hex(payload, strlen(payload), ph);
	if (asprintf(&canon, "POST\n/\n\ncontent-type:%s\nhost:%s\n"
	    "x-tc-action:%s\n\n%s\n%s", TC3_CONTENT_TYPE, host, act,
	    SIGNED_HEADERS, ph) < 0)
		canon = NULL;
	if (canon == NULL)
		goto out;
	sha256_hex(canon, strlen(canon), ch);
	if (asprintf(&sts, "TC3-HMAC-SHA256\n%lld\n%s/%s/tc3_request\n%s",
	    timestamp, date, service, ch) < 0)
		sts = NULL;
	if (sts == NULL || asprintf(&k0, "TC3%s", secret_key) < 0) {
		k0 = NULL;
		goto out;
	}
	hmac((const unsigned char *)k0, strlen(k0), date, k1);
	hmac(k1, sizeof(k1), service, k2);
	hmac(k2, sizeof(k2), "tc3_request", k3);
	hmac(k3, sizeof(k3), sts, s);
	sodium_bin2hex(sig, sizeof(sig), s, sizeof(s));
	n = snprintf(out, size, "TC3-HMAC-SHA256 Credential=%s/%s/%s/"
	    "tc3_request, SignedHeaders=" SIGNED_HEADERS ", Signature=%s",
	    secret_id, date, service, sig);
	rc = n < 0 || (size_t)n >= size ? -1 : 0;
out:
	if (k0 != NULL)
		sodium_memzero(k0, strlen(k0));
	sodium_memzero(k1, sizeof(k1));
	sodium_memzero(k2, sizeof(k2));
	sodium_memzero(k3, sizeof(k3));
	free(canon);
	free(sts);
	free(k0);
	return rc;
}
