/*
 * Staff passwords: the policy and argon2id hashing; the hash of tokens,
 * codes and keys (libsodium).
 */
#include <string.h>

#include <sodium.h>

#include "dbint.h"

const char *
db_password_problem(const char *pw)
{
	size_t	 n = 0;
	const unsigned char *p;

	/* Count characters, not bytes: 12 Chinese characters will do. */
	for (p = (const unsigned char *)pw; *p != '\0'; p++)
		if ((*p & 0xc0) != 0x80)
			n++;
	if (n < DB_PASSWORD_MIN)
		return "密码至少需要 12 个字符";
	if (strlen(pw) > DB_PASSWORD_MAX)
		return "密码过长（最多 128 字节）";
	return NULL;
}

int
db_password_hash(const char *pw, char out[DB_PWHASH_MAX])
{
	if (crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return DB_ERROR;	/* out of memory */
	return DB_OK;
}

int
db_password_check(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void
db_password_generate(char out[DB_PASSWORD_GEN + 1])
{
	static const char abc[] = "23456789abcdefghjkmnpqrstuvwxyz"
	    "ABCDEFGHJKMNPQRSTUVWXYZ";
	size_t		 i;

	for (i = 0; i < DB_PASSWORD_GEN; i++)
		out[i] = abc[randombytes_uniform(sizeof(abc) - 1)];
	out[DB_PASSWORD_GEN] = '\0';
}

void
db_hash(const char *s, unsigned char h[DB_HASH_LEN])
{
	crypto_generichash(h, DB_HASH_LEN, (const unsigned char *)s,
	    strlen(s), NULL, 0);
}
