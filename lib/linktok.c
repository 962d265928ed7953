/*
 * Link tokens (linktok.h): 24 bytes written as 32 base64url characters:
 * the request id (6 bytes, big-endian), the expiry (4 bytes, big-endian
 * seconds) and the first 14 bytes of an HMAC (crypto_auth, HMAC-SHA-512-256)
 * over those 10 bytes.
 */
#include <string.h>

#include <sodium.h>

#include "linktok.h"

#define LABEL	"lianxin link token\n"
#define ID_B	6
#define EXP_B	4
#define MAC_B	14
#define RAW_B	(ID_B + EXP_B + MAC_B)

void
linktok_key(const char *secret, unsigned char key[LINKTOK_KEYBYTES])
{
	crypto_generichash_state gs;

	crypto_generichash_init(&gs, NULL, 0, LINKTOK_KEYBYTES);
	crypto_generichash_update(&gs, (const unsigned char *)LABEL,
	    strlen(LABEL));
	crypto_generichash_update(&gs, (const unsigned char *)secret,
	    strlen(secret));
	crypto_generichash_final(&gs, key, LINKTOK_KEYBYTES);
}

static void
mac_of(const unsigned char key[LINKTOK_KEYBYTES], const unsigned char *raw,
    unsigned char mac[crypto_auth_BYTES])
{
	crypto_auth(mac, raw, ID_B + EXP_B, key);
}

void
linktok_make(const unsigned char key[LINKTOK_KEYBYTES], long long id,
    time_t expires, char out[LINKTOK_LEN + 1])
{
	unsigned char	 raw[RAW_B], mac[crypto_auth_BYTES];
	unsigned long long u = (unsigned long long)id;
	unsigned long	 e = (unsigned long)expires;
	int		 i;

	for (i = 0; i < ID_B; i++)
		raw[i] = (unsigned char)(u >> (8 * (ID_B - 1 - i)));
	for (i = 0; i < EXP_B; i++)
		raw[ID_B + i] = (unsigned char)(e >> (8 * (EXP_B - 1 - i)));
	mac_of(key, raw, mac);
	memcpy(raw + ID_B + EXP_B, mac, MAC_B);
	sodium_bin2base64(out, LINKTOK_LEN + 1, raw, RAW_B,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int
linktok_check(const unsigned char key[LINKTOK_KEYBYTES], const char *s,
    time_t now, long long *id)
{
	unsigned char	 raw[RAW_B], mac[crypto_auth_BYTES];
	unsigned long long u = 0;
	unsigned long	 e = 0;
	size_t		 n = 0;
	int		 i;

	if (strlen(s) != LINKTOK_LEN ||
	    sodium_base642bin(raw, sizeof(raw), s, LINKTOK_LEN, NULL, &n, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n != RAW_B)
		return -1;
	mac_of(key, raw, mac);
	if (sodium_memcmp(mac, raw + ID_B + EXP_B, MAC_B) != 0)
		return -1;
	for (i = 0; i < ID_B; i++)
		u = u << 8 | raw[i];
	for (i = 0; i < EXP_B; i++)
		e = e << 8 | raw[ID_B + i];
	if ((long long)e < (long long)now)
		return -1;
	*id = (long long)u;
	return 0;
}
