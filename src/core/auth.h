/*
 * auth.h - OAuth2 bearer JWT verification (RS256 only) and development tokens.
 *
 * Verification keys come from a PEM RSA public key file and/or a JWKS URL
 * (fetched through the application's fetcher, auth_set_fetcher: core does no
 * network set-up of its own; cached by `kid`, refetched at most once per unknown
 * `kid` and never more often than every 10 s). Checks: header alg == RS256 (none,
 * HS*, ES*, PS* ... refused), signature, `exp` and `nbf` with 60 s leeway, `iss`
 * when an issuer is configured. Roles come from the `authorities` claim through
 * the application's look-up (auth_set_role_lookup); core knows no role names.
 *
 * Thread-safety: auth_verify() may be called from any number of threads at once.
 * Ownership: auth_new() returns a context the caller frees with auth_free().
 */
#ifndef DL_AUTH_H
#define DL_AUTH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct auth_ctx auth_ctx;

typedef struct auth_result {
    unsigned roles;        /* role bits from the application's look-up */
    char sub[128];         /* principal name (`sub`), truncated */
    char client_id[128];   /* `client_id` claim, or "" */
    char error[160];       /* why the token was refused (for the WWW-Authenticate error_description) */
} auth_result;

/* pem_file and jwks_url may each be NULL; issuer NULL = not checked.
 * Returns NULL (and a message in err) when the PEM file cannot be read.
 * With neither key source every token is refused. */
auth_ctx *auth_new(const char *pem_file, const char *jwks_url, const char *issuer, char *err, size_t errlen);
void auth_free(auth_ctx *a);

/* Maps one authority string ("ROLE_…") to the application's role bits (0 if unknown). */
typedef unsigned (*auth_role_fn)(const char *authority);
/* Installs the role look-up; call before the first auth_verify. */
void auth_set_role_lookup(auth_ctx *a, auth_role_fn role_of);

/* GETs url: on an HTTP answer returns its status and, for 200, a malloc'd
 * NUL-terminated body of at most max_bytes in *body, its length in *len (caller frees); on a
 * transport error (refused, timeout, body over max_bytes) returns a negative
 * value with a message in err. Called with one fetch at a time. */
typedef long (*auth_fetch_fn)(void *ctx, const char *url, size_t max_bytes, char **body, size_t *len, char *err,
                              size_t errlen);
/* Installs the JWKS fetcher (main.c wires net/httpc); call before serving. Without
 * one a JWKS URL is never fetched. */
void auth_set_fetcher(auth_ctx *a, auth_fetch_fn fetch, void *ctx);

/* Starts the background JWKS refresher (issue 16): the key set is fetched now,
 * then every interval_s seconds (DELIUSD_JWKS_REFRESH_S), so a key removed at
 * the issuer stops verifying within that interval (the verified-token cache is
 * void whenever the set changes); a token with an unknown kid asks for an
 * early refetch (at most one per 10 s). Once started, request threads never
 * fetch: the request that asked waits at most 100 ms for the refetch, others
 * are refused at once. Without it (tools, unit tests) fetches happen lazily on
 * the verifying thread. Call after auth_set_fetcher; stopped by auth_free.
 * Returns false when the thread cannot be started. */
bool auth_start_refresh(auth_ctx *a, unsigned interval_s);

/* Verifies a compact JWS (without the "Bearer " prefix). Returns true and fills
 * roles/sub/client_id when valid; false with out->error set otherwise. */
bool auth_verify(auth_ctx *a, const char *token, auth_result *out);

/* Development tools (used by `deliusd keygen` and `deliusd token`). */
/* Writes a new RSA-2048 private key (PEM, mode 0600) and its public key (PEM). */
int auth_generate_key(const char *private_path, const char *public_path, char *err, size_t errlen);
/* Signs an RS256 token with the private key: sub, authorities = roles, iat = now,
 * exp = now + ttl_seconds, iss when issuer != NULL, kid when kid != NULL.
 * *out is malloc'd (caller frees). */
int auth_sign_token(const char *private_key_file, const char *sub, const char *const *roles, size_t nroles,
                    long ttl_seconds, const char *issuer, const char *kid, char **out, char *err, size_t errlen);

#endif
