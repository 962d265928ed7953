/*
 * Tencent Cloud API request signing, v3 (TC3-HMAC-SHA256), for a JSON
 * POST to "/" with no query string, signing the headers content-type,
 * host and x-tc-action, as Tencent's "Signature v3" document describes.
 */
#ifndef LIANXIN_TC3_H
#define LIANXIN_TC3_H

#include <stddef.h>

#define TC3_CONTENT_TYPE	"application/json; charset=utf-8"

/*
 * The Authorization header's value for payload, sent at timestamp (UTC
 * seconds) to host for service (e.g. "sms") and action (e.g. "SendSms").
 * Returns 0, or -1 when out (size bytes) is too small.
 */
int	 tc3_authorization(const char *secret_id, const char *secret_key,
	    const char *service, const char *host, const char *action,
	    long long timestamp, const char *payload, char *out, size_t size);

#endif
