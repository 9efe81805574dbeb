/*
 * auth_internal.h - internals of auth.c exposed for the unit tests only.
 * Not part of the public interface: production code includes auth.h.
 */
#ifndef DL_AUTH_INTERNAL_H
#define DL_AUTH_INTERNAL_H

#include <stddef.h>

#include "auth.h"

/* Loads a JWKS document ({"keys":[{kty:"RSA", kid, n, e, ...}]}) from a string
 * into the key cache, replacing the cached set when it holds at least one usable
 * RSA key (otherwise the cache is left alone). Returns the number of keys
 * loaded (>= 0), or -1 when the document is not a JWKS. Thread-safe. */
int auth_jwks_load(auth_ctx *a, const char *json);

/* Number of keys in the JWKS cache, and number of JWKS fetches attempted. */
size_t auth_jwks_cached(auth_ctx *a);
unsigned auth_jwks_fetches(auth_ctx *a);
/* Minimum interval between JWKS fetches of each kind (initial load, unknown-kid
 * refetch); default 10000 ms. */
void auth_jwks_set_refetch_interval(auth_ctx *a, unsigned ms);

/* Unpadded base64url of len bytes; malloc'd, NUL-terminated (NULL on OOM). */
char *auth_b64url_encode(const void *data, size_t len);

/* Signs arbitrary header and payload JSON text (used as-is, not re-serialised)
 * with an RS256 signature from the private key file; *out is malloc'd. */
int auth_sign_raw(const char *private_key_file, const char *header_json, const char *payload_json, char **out,
                  char *err, size_t errlen);

#endif
