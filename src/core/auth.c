/*
 * auth.c - RS256 bearer JWT verification (PEM key and/or JWKS) and development
 * tokens. See auth.h for the contract and platform.md §2 for the rules.
 *
 * Concurrency: the PEM key, URL and issuer are immutable after auth_new(). The
 * JWKS cache (keys/nkeys) is guarded by a writer-preferring rwlock: verifiers
 * hold the read lock while they verify (an RSA-2048 verify is ~30 us), a
 * refetch takes the write lock only to swap the set. Fetches are serialised by
 * fetch_lock, which also guards the rate-limit state; the network transfer runs
 * without keys_lock held.
 */
#include "auth.h"
#include "log.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "auth_internal.h"
#include "buf.h"

#define TOKEN_MAX 8192               /* bytes of a compact JWS */
#define LEEWAY_S 60                  /* clock skew allowed on exp / nbf */
#define JWKS_REFETCH_MS 10000        /* rate limit of JWKS fetches, see jwks_refresh() */
#define JWKS_KID_WAIT_MS 100         /* how long the request that asked for a refetch waits for it */
#define JWKS_MAX_BYTES (256 * 1024)  /* JWKS response size limit */
#define JWKS_MAX_KEYS 64
#define RSA_MIN_BITS 2048
#define RSA_MAX_BITS 16384

typedef struct jwk {
    char *kid;      /* NULL when the JWK has none */
    EVP_PKEY *key;
} jwk;

typedef struct fetch_window {
    bool used;
    uint64_t at_ms; /* monotonic start of the last fetch */
} fetch_window;

struct auth_ctx {
    EVP_PKEY *pem_key; /* immutable */
    char *jwks_url;    /* immutable, NULL = none */
    char *issuer;      /* immutable, NULL = not checked */
    auth_role_fn role_of; /* authority string -> role bits; set before serving, NULL = no roles */
    auth_fetch_fn fetch;  /* set before serving (auth_set_fetcher); NULL = JWKS never fetched */
    void *fetch_ctx;

    pthread_rwlock_t keys_lock; /* guards keys, nkeys */
    jwk *keys;
    size_t nkeys;

    pthread_mutex_t fetch_lock; /* serialises fetches; guards the fields below */
    fetch_window load;    /* fetches while nothing is cached */
    fetch_window refetch; /* fetches for an unknown kid */
    unsigned fetches;
    unsigned refetch_ms; /* JWKS_REFETCH_MS; tests may lower it */
    /* background refresher (auth_start_refresh); all guarded by fetch_lock */
    bool refresher;          /* running: request threads never fetch */
    bool stop, want, fetching;
    unsigned long fetch_gen; /* completed fetches */
    uint64_t refresh_ms, next_ms;
    pthread_cond_t wake;     /* refresher: a fetch was asked for, or stop */
    pthread_cond_t fetched;  /* requesters: a fetch completed */
    pthread_t thread;

    pthread_mutex_t cache_lock; /* guards cache */
    struct verified *cache;     /* VERIFIED_SLOTS entries */
    unsigned long key_gen;      /* bumped (under cache_lock) whenever the JWKS key set changes */
};

/* Cache of tokens that passed verification, keyed by SHA-256 of the token
 * text: a repeated token skips the RSA check (about half the CPU of a small
 * request). An entry is used only while the token's exp/nbf (with leeway) still
 * hold and for at most VERIFIED_TTL_S after it was verified, so a key removed
 * from the JWKS stops being honoured at the next fetch (the key generation
 * changes). Only successes are
 * cached; a token that differs by one byte has another digest. */
#define VERIFIED_SLOTS 1024
#define VERIFIED_TTL_S 300
struct verified {
    unsigned char digest[32];
    bool used;
    double exp, nbf; /* nbf = -inf when absent */
    time_t verified_at;
    unsigned long key_gen; /* entries of an older key set are ignored */
    auth_result result;
};

static void token_digest(const char *token, unsigned char out[32]) {
    unsigned int n = 32;
    if (EVP_Digest(token, strlen(token), out, &n, EVP_sha256(), NULL) != 1) memset(out, 0, 32);
}

static bool cache_lookup(auth_ctx *a, const unsigned char d[32], auth_result *out, unsigned long *gen) {
    bool hit = false;
    double now = (double)time(NULL);
    struct verified *v = &a->cache[(d[0] | (d[1] << 8)) & (VERIFIED_SLOTS - 1)];
    pthread_mutex_lock(&a->cache_lock);
    *gen = a->key_gen;
    if (v->used && v->key_gen == a->key_gen && !memcmp(v->digest, d, 32)) {
        if (v->exp + LEEWAY_S >= now && now + LEEWAY_S >= v->nbf && now - (double)v->verified_at <= VERIFIED_TTL_S) {
            *out = v->result;
            hit = true;
        } else {
            v->used = false;
        }
    }
    pthread_mutex_unlock(&a->cache_lock);
    return hit;
}

static void cache_store(auth_ctx *a, const unsigned char d[32], const json_t *payload, const auth_result *res,
                        unsigned long gen) {
    const json_t *nbf = json_object_get(payload, "nbf");
    struct verified *v = &a->cache[(d[0] | (d[1] << 8)) & (VERIFIED_SLOTS - 1)];
    pthread_mutex_lock(&a->cache_lock);
    if (gen != a->key_gen) { /* the keys changed while this token was verified */
        pthread_mutex_unlock(&a->cache_lock);
        return;
    }
    v->key_gen = gen;
    memcpy(v->digest, d, 32);
    v->exp = json_number_value(json_object_get(payload, "exp"));
    v->nbf = nbf ? json_number_value(nbf) : -1e300;
    v->verified_at = time(NULL);
    v->result = *res;
    v->used = true;
    pthread_mutex_unlock(&a->cache_lock);
}


/* ---------------------------------------------------------------- helpers -- */

__attribute__((format(printf, 3, 4))) static void set_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static uint64_t mono_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Copies src into dst[cap], truncating on a UTF-8 character boundary. */
static void copy_trunc(char *dst, size_t cap, const char *src) {
    size_t n = strlen(src);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
    }
    memcpy(dst, src, n);
    dst[n] = 0;
}

/* A JSON string without embedded NULs, or NULL. */
static const char *json_cstr(const json_t *v) {
    if (!json_is_string(v)) return NULL;
    const char *s = json_string_value(v);
    return strlen(s) == json_string_length(v) ? s : NULL;
}

static int b64url_val(unsigned char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}

/* Strict unpadded base64url: only the URL alphabet, no '=', no whitespace, and
 * the unused low bits of the last character must be zero (canonical form).
 * Returns a malloc'd buffer (one spare NUL byte) or NULL. */
static unsigned char *b64url_decode(const char *s, size_t n, size_t *outlen) {
    if (n % 4 == 1) return NULL;
    size_t cap = n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
    unsigned char *out = malloc(cap + 1);
    if (!out) return NULL;
    uint32_t acc = 0;
    unsigned bits = 0;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64url_val((unsigned char)s[i]);
        if (v < 0) {
            free(out);
            return NULL;
        }
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[j++] = (unsigned char)(acc >> bits);
            acc &= (1u << bits) - 1u;
        }
    }
    if (acc != 0) { /* non-zero padding bits */
        free(out);
        return NULL;
    }
    out[j] = 0;
    *outlen = j;
    return out;
}

char *auth_b64url_encode(const void *data, size_t len) {
    static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const unsigned char *p = data;
    if (len >= SIZE_MAX / 2) return NULL;
    char *out = malloc((len + 2) / 3 * 4 + 1);
    if (!out) return NULL;
    size_t j = 0, i = 0;
    for (; i + 3 <= len; i += 3) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
        out[j++] = tbl[v >> 18 & 63];
        out[j++] = tbl[v >> 12 & 63];
        out[j++] = tbl[v >> 6 & 63];
        out[j++] = tbl[v & 63];
    }
    if (len - i == 1) {
        uint32_t v = (uint32_t)p[i] << 16;
        out[j++] = tbl[v >> 18 & 63];
        out[j++] = tbl[v >> 12 & 63];
    } else if (len - i == 2) {
        uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
        out[j++] = tbl[v >> 18 & 63];
        out[j++] = tbl[v >> 12 & 63];
        out[j++] = tbl[v >> 6 & 63];
    }
    out[j] = 0;
    return out;
}

/* ------------------------------------------------------------------- keys -- */

static bool rsa_key_ok(EVP_PKEY *k) {
    if (!k || !EVP_PKEY_is_a(k, "RSA")) return false;
    int bits = EVP_PKEY_get_bits(k);
    return bits >= RSA_MIN_BITS && bits <= RSA_MAX_BITS;
}

/* Never prompt for a passphrase (encrypted keys are refused). */
static int no_passphrase(char *b, int size, int rwflag, void *u) {
    (void)b, (void)size, (void)rwflag, (void)u;
    return -1;
}

/* Returns k when it is an RSA key of an accepted size; otherwise frees it,
 * sets err and returns NULL. */
static EVP_PKEY *require_rsa(EVP_PKEY *k, const char *path, char *err, size_t errlen) {
    if (!rsa_key_ok(k)) {
        set_err(err, errlen, "%s: not an RSA key of %d..%d bits", path, RSA_MIN_BITS, RSA_MAX_BITS);
        EVP_PKEY_free(k);
        return NULL;
    }
    return k;
}

static EVP_PKEY *load_public_pem(const char *path, char *err, size_t errlen) {
    FILE *f = fopen(path, "re");
    if (!f) {
        set_err(err, errlen, "cannot open public key %s: %s", path, strerror(errno));
        return NULL;
    }
    EVP_PKEY *k = PEM_read_PUBKEY(f, NULL, no_passphrase, NULL);
    if (!k) { /* also accept PKCS#1 "BEGIN RSA PUBLIC KEY" */
        ERR_clear_error();
        rewind(f);
        OSSL_DECODER_CTX *dc = OSSL_DECODER_CTX_new_for_pkey(&k, "PEM", "type-specific", "RSA",
                                                             EVP_PKEY_PUBLIC_KEY, NULL, NULL);
        if (dc) {
            BIO *bio = BIO_new_fp(f, BIO_NOCLOSE);
            if (bio && !OSSL_DECODER_from_bio(dc, bio)) k = NULL;
            BIO_free(bio);
            OSSL_DECODER_CTX_free(dc);
        }
    }
    fclose(f);
    ERR_clear_error();
    if (!k) {
        set_err(err, errlen, "%s: not a PEM public key", path);
        return NULL;
    }
    return require_rsa(k, path, err, errlen);
}

static EVP_PKEY *load_private_pem(const char *path, char *err, size_t errlen) {
    FILE *f = fopen(path, "re");
    if (!f) {
        set_err(err, errlen, "cannot open private key %s: %s", path, strerror(errno));
        return NULL;
    }
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, no_passphrase, NULL);
    fclose(f);
    ERR_clear_error();
    if (!k) {
        set_err(err, errlen, "%s: not an unencrypted PEM private key", path);
        return NULL;
    }
    return require_rsa(k, path, err, errlen);
}

/* ------------------------------------------------------------------- JWKS -- */

static void jwk_set_free(jwk *set, size_t n) {
    for (size_t i = 0; i < n; i++) {
        free(set[i].kid);
        EVP_PKEY_free(set[i].key);
    }
    free(set);
}

static BIGNUM *b64url_bn(const json_t *v) {
    const char *s = json_cstr(v);
    if (!s || !*s) return NULL;
    size_t len;
    unsigned char *bytes = b64url_decode(s, strlen(s), &len);
    if (!bytes) return NULL;
    BIGNUM *bn = len <= RSA_MAX_BITS / 8 + 1 ? BN_bin2bn(bytes, (int)len, NULL) : NULL;
    free(bytes);
    return bn;
}

/* An RSA verification key from one JWK object, or NULL when unusable. */
static EVP_PKEY *jwk_to_pkey(const json_t *k) {
    const char *kty = json_cstr(json_object_get(k, "kty"));
    if (!kty || strcmp(kty, "RSA")) return NULL;
    const json_t *use = json_object_get(k, "use");
    if (use && (!json_cstr(use) || strcmp(json_string_value(use), "sig"))) return NULL;
    const json_t *alg = json_object_get(k, "alg");
    if (alg && (!json_cstr(alg) || strcmp(json_string_value(alg), "RS256"))) return NULL;

    EVP_PKEY *pk = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *pc = NULL;
    BIGNUM *n = b64url_bn(json_object_get(k, "n"));
    BIGNUM *e = b64url_bn(json_object_get(k, "e"));
    if (!n || !e) goto out;
    if (BN_num_bits(n) < RSA_MIN_BITS || BN_num_bits(n) > RSA_MAX_BITS) goto out;
    if (!BN_is_odd(e) || BN_num_bits(e) < 2 || BN_num_bits(e) > 64) goto out;
    if (!(bld = OSSL_PARAM_BLD_new())) goto out;
    if (!OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) || !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e))
        goto out;
    if (!(params = OSSL_PARAM_BLD_to_param(bld))) goto out;
    if (!(pc = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL))) goto out;
    if (EVP_PKEY_fromdata_init(pc) != 1 || EVP_PKEY_fromdata(pc, &pk, EVP_PKEY_PUBLIC_KEY, params) != 1) {
        EVP_PKEY_free(pk);
        pk = NULL;
    }
out:
    EVP_PKEY_CTX_free(pc);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(n);
    BN_free(e);
    ERR_clear_error();
    return pk;
}

/* Parses a JWKS document. Returns the number of usable keys (set in *out,
 * NULL when 0) or -1 when the document is not a JWKS. */
static int jwks_parse(const char *text, size_t len, jwk **out) {
    *out = NULL;
    json_error_t je;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    const json_t *keys = json_is_object(doc) ? json_object_get(doc, "keys") : NULL;
    if (!json_is_array(keys)) {
        json_decref(doc);
        return -1;
    }
    size_t total = json_array_size(keys), cnt = 0;
    jwk *set = total ? calloc(total < JWKS_MAX_KEYS ? total : JWKS_MAX_KEYS, sizeof *set) : NULL;
    if (total && !set) {
        json_decref(doc);
        return -1;
    }
    for (size_t i = 0; i < total && cnt < JWKS_MAX_KEYS; i++) {
        const json_t *k = json_array_get(keys, i);
        if (!json_is_object(k)) continue;
        const json_t *kidv = json_object_get(k, "kid");
        const char *kid = json_cstr(kidv);
        if (kidv && !kid) continue;
        bool dup = false;
        for (size_t j = 0; kid && j < cnt && !dup; j++) dup = set[j].kid && !strcmp(set[j].kid, kid);
        if (dup) continue; /* first one wins */
        EVP_PKEY *pk = jwk_to_pkey(k);
        if (!pk) continue;
        char *kidcopy = NULL;
        if (kid && !(kidcopy = strdup(kid))) {
            EVP_PKEY_free(pk);
            continue;
        }
        set[cnt].kid = kidcopy;
        set[cnt].key = pk;
        cnt++;
    }
    json_decref(doc);
    if (!cnt) {
        free(set);
        return 0;
    }
    *out = set;
    return (int)cnt;
}

/* True when both sets hold the same kids with the same keys, in any order. */
static bool jwk_sets_equal(const jwk *x, size_t nx, const jwk *y, size_t ny) {
    if (nx != ny) return false;
    for (size_t i = 0; i < nx; i++) {
        bool found = false;
        for (size_t j = 0; j < ny && !found; j++) {
            bool same_kid = (!x[i].kid && !y[j].kid) || (x[i].kid && y[j].kid && !strcmp(x[i].kid, y[j].kid));
            found = same_kid && EVP_PKEY_eq(x[i].key, y[j].key) == 1;
        }
        if (!found) return false;
    }
    return true;
}

static int jwks_load_text(auth_ctx *a, const char *text, size_t len) {
    jwk *set;
    int n = jwks_parse(text, len, &set);
    if (n <= 0) return n;
    pthread_rwlock_rdlock(&a->keys_lock);
    bool same = jwk_sets_equal(a->keys, a->nkeys, set, (size_t)n);
    pthread_rwlock_unlock(&a->keys_lock);
    if (same) { /* a scheduled refresh that changed nothing keeps the verified-token cache */
        jwk_set_free(set, (size_t)n);
        return n;
    }
    pthread_rwlock_wrlock(&a->keys_lock);
    jwk *old = a->keys;
    size_t nold = a->nkeys;
    a->keys = set;
    a->nkeys = (size_t)n;
    pthread_rwlock_unlock(&a->keys_lock);
    pthread_mutex_lock(&a->cache_lock);
    a->key_gen++;
    pthread_mutex_unlock(&a->cache_lock);
    jwk_set_free(old, nold); /* no verifier can still see the old set */
    return n;
}

int auth_jwks_load(auth_ctx *a, const char *json) {
    if (!a || !json) return -1;
    return jwks_load_text(a, json, strlen(json));
}

size_t auth_jwks_cached(auth_ctx *a) {
    pthread_rwlock_rdlock(&a->keys_lock);
    size_t n = a->nkeys;
    pthread_rwlock_unlock(&a->keys_lock);
    return n;
}

void auth_jwks_set_refetch_interval(auth_ctx *a, unsigned ms) {
    pthread_mutex_lock(&a->fetch_lock);
    a->refetch_ms = ms;
    pthread_mutex_unlock(&a->fetch_lock);
}

unsigned auth_jwks_fetches(auth_ctx *a) {
    pthread_mutex_lock(&a->fetch_lock);
    unsigned n = a->fetches;
    pthread_mutex_unlock(&a->fetch_lock);
    return n;
}

/* GETs the JWKS URL through the application's fetcher and installs the keys.
 * Called with fetch_lock held (so the fetcher is never called concurrently). */
static bool jwks_fetch(auth_ctx *a) {
    if (!a->fetch) {
        log_msg(LOG_WARN, "JWKS URL set but no fetcher installed; keys cannot be loaded", NULL);
        return false;
    }
    bool ok = false;
    char *body = NULL, ferr[256] = "";
    size_t len = 0;
    long status = a->fetch(a->fetch_ctx, a->jwks_url, JWKS_MAX_BYTES, &body, &len, ferr, sizeof ferr);
    if (status == 200 && body) {
        ok = jwks_load_text(a, body, len) > 0;
        log_msg(ok ? LOG_DEBUG : LOG_WARN, ok ? "fetched JWKS" : "JWKS without a usable key; keeping the cached keys",
                "url", a->jwks_url, NULL);
    } else {
        char st[24];
        snprintf(st, sizeof st, "%ld", status > 0 ? status : 0L);
        log_msg(LOG_WARN, "JWKS fetch failed; keeping the cached keys", "url", a->jwks_url, "httpStatus", st, "error",
                status > 0 ? "unexpected status" : (ferr[0] ? ferr : "transport error"), NULL);
    }
    free(body);
    return ok;
}

void auth_set_fetcher(auth_ctx *a, auth_fetch_fn fetch, void *ctx) {
    pthread_mutex_lock(&a->fetch_lock);
    a->fetch = fetch;
    a->fetch_ctx = ctx;
    pthread_mutex_unlock(&a->fetch_lock);
}

/* True when the cache holds a key with this kid (kid NULL: any key). */
static bool jwks_has(auth_ctx *a, const char *kid) {
    bool found = false;
    pthread_rwlock_rdlock(&a->keys_lock);
    for (size_t i = 0; i < a->nkeys && !found; i++) found = !kid || (a->keys[i].kid && !strcmp(a->keys[i].kid, kid));
    pthread_rwlock_unlock(&a->keys_lock);
    return found;
}

/* Fetches the JWKS because kid is not cached (kid NULL: nothing is cached).
 * Rate limits, each at most one fetch per refetch_ms (10 s), failed fetches
 * included: one window for the initial load (while the cache is empty, so an
 * unreachable issuer is not hammered) and one for unknown-kid refetches (so a
 * rotation right after the initial load is still picked up). Threads needing
 * a fetch queue on fetch_lock; one that finds its key loaded meanwhile returns. */
static void jwks_refresh(auth_ctx *a, const char *kid) {
    if (!a->jwks_url) return;
    pthread_mutex_lock(&a->fetch_lock);
    if (a->refresher) {
        /* The refresher thread fetches; this request thread never does. Within
         * the rate limit the request that asks for a refetch waits for it (at
         * most JWKS_KID_WAIT_MS, without holding any lock: the wait releases
         * fetch_lock), so a key rotated in at the issuer is honoured on its
         * first use; every other request with an unknown kid is refused at once. */
        fetch_window *w = jwks_has(a, NULL) ? &a->refetch : &a->load;
        uint64_t now = mono_ms();
        bool ask = !a->fetching && !a->want && (!w->used || now - w->at_ms >= a->refetch_ms) && !jwks_has(a, kid);
        /* while nothing is loaded yet (start-up), also wait for the fetch in progress */
        bool first_load = (a->fetching || a->want) && !jwks_has(a, NULL);
        if (ask || first_load) {
            if (ask) {
                w->used = true;
                w->at_ms = now;
                a->want = true;
                pthread_cond_signal(&a->wake);
            }
            unsigned long gen = a->fetch_gen;
            struct timespec until;
            clock_gettime(CLOCK_MONOTONIC, &until);
            until.tv_nsec += JWKS_KID_WAIT_MS * 1000000L;
            if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
            while (a->fetch_gen == gen && !a->stop)
                if (pthread_cond_timedwait(&a->fetched, &a->fetch_lock, &until) == ETIMEDOUT) break;
        }
        pthread_mutex_unlock(&a->fetch_lock);
        return;
    }
    if (!jwks_has(a, kid)) {
        fetch_window *w = jwks_has(a, NULL) ? &a->refetch : &a->load;
        uint64_t now = mono_ms();
        if (!w->used || now - w->at_ms >= a->refetch_ms) {
            w->used = true;
            w->at_ms = now;
            a->fetches++;
            jwks_fetch(a);
        }
    }
    pthread_mutex_unlock(&a->fetch_lock);
}

/* The background refresher: fetches at start, every refresh_ms after a
 * success (every refetch_ms after a failure), and when a request asks for it
 * (unknown kid, rate limited by the caller). The network transfer runs with no
 * lock held. */
static void *refresher_main(void *arg) {
    auth_ctx *a = arg;
    pthread_mutex_lock(&a->fetch_lock);
    while (!a->stop) {
        uint64_t now = mono_ms();
        if (a->want || now >= a->next_ms) {
            a->want = false;
            a->fetching = true;
            a->fetches++;
            pthread_mutex_unlock(&a->fetch_lock);
            bool ok = jwks_fetch(a);
            pthread_mutex_lock(&a->fetch_lock);
            a->fetching = false;
            a->fetch_gen++;
            a->next_ms = mono_ms() + (ok ? a->refresh_ms : (a->refetch_ms < a->refresh_ms ? a->refetch_ms : a->refresh_ms));
            pthread_cond_broadcast(&a->fetched);
            continue;
        }
        uint64_t wait_ms = a->next_ms - now;
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        until.tv_sec += (time_t)(wait_ms / 1000u);
        until.tv_nsec += (long)(wait_ms % 1000u) * 1000000L;
        if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&a->wake, &a->fetch_lock, &until);
    }
    pthread_mutex_unlock(&a->fetch_lock);
    return NULL;
}

bool auth_start_refresh(auth_ctx *a, unsigned interval_s) {
    if (!a || !a->jwks_url) return true; /* nothing to refresh */
    pthread_mutex_lock(&a->fetch_lock);
    bool running = a->refresher;
    pthread_mutex_unlock(&a->fetch_lock);
    if (running) return true;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    if (pthread_cond_init(&a->wake, &ca) || pthread_cond_init(&a->fetched, &ca)) abort();
    pthread_condattr_destroy(&ca);
    pthread_mutex_lock(&a->fetch_lock);
    a->refresh_ms = (uint64_t)(interval_s ? interval_s : 1) * 1000u;
    a->next_ms = 0; /* fetch now */
    a->stop = false;
    a->refresher = true;
    /* the thread takes no signals: SIGTERM/SIGINT are for the server's sigwait */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    int prc = pthread_create(&a->thread, NULL, refresher_main, a);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (prc) {
        a->refresher = false;
        pthread_mutex_unlock(&a->fetch_lock);
        return false;
    }
    pthread_mutex_unlock(&a->fetch_lock);
    return true;
}

/* -------------------------------------------------------------- lifecycle -- */

auth_ctx *auth_new(const char *pem_file, const char *jwks_url, const char *issuer, char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    auth_ctx *a = calloc(1, sizeof *a);
    if (!a) {
        set_err(err, errlen, "out of memory");
        return NULL;
    }
    pthread_rwlockattr_t ra;
    int lrc = pthread_rwlockattr_init(&ra);
    if (!lrc) {
        /* glibc prefers readers by default: a steady stream of verifiers could starve a refetch */
        pthread_rwlockattr_setkind_np(&ra, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        lrc = pthread_rwlock_init(&a->keys_lock, &ra);
        pthread_rwlockattr_destroy(&ra);
    }
    if (lrc) {
        free(a);
        set_err(err, errlen, "cannot create lock");
        return NULL;
    }
    if (pthread_mutex_init(&a->fetch_lock, NULL)) {
        pthread_rwlock_destroy(&a->keys_lock);
        free(a);
        set_err(err, errlen, "cannot create lock");
        return NULL;
    }
    if (pthread_mutex_init(&a->cache_lock, NULL)) abort();
    a->cache = calloc(VERIFIED_SLOTS, sizeof *a->cache);
    if (!a->cache) abort();
    a->refetch_ms = JWKS_REFETCH_MS;
    if (pem_file && *pem_file && !(a->pem_key = load_public_pem(pem_file, err, errlen))) goto fail;
    if (jwks_url && *jwks_url && !(a->jwks_url = strdup(jwks_url))) goto oom;
    if (issuer && *issuer && !(a->issuer = strdup(issuer))) goto oom;
    return a;
oom:
    set_err(err, errlen, "out of memory");
fail:
    auth_free(a);
    return NULL;
}

void auth_free(auth_ctx *a) {
    if (!a) return;
    pthread_mutex_lock(&a->fetch_lock);
    bool running = a->refresher;
    a->stop = true;
    if (running) {
        pthread_cond_broadcast(&a->wake);
        pthread_cond_broadcast(&a->fetched);
    }
    pthread_mutex_unlock(&a->fetch_lock);
    if (running) {
        pthread_join(a->thread, NULL);
        pthread_cond_destroy(&a->wake);
        pthread_cond_destroy(&a->fetched);
    }
    EVP_PKEY_free(a->pem_key);
    jwk_set_free(a->keys, a->nkeys);
    free(a->jwks_url);
    free(a->issuer);
    pthread_mutex_destroy(&a->fetch_lock);
    pthread_mutex_destroy(&a->cache_lock);
    free(a->cache);
    pthread_rwlock_destroy(&a->keys_lock);
    free(a);
}

/* ----------------------------------------------------------- verification -- */

static bool verify_sig(EVP_PKEY *k, const char *data, size_t len, const unsigned char *sig, size_t siglen) {
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (!md) return false;
    EVP_PKEY_CTX *pc = NULL;
    bool ok = EVP_DigestVerifyInit(md, &pc, EVP_sha256(), NULL, k) == 1 &&
              EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PADDING) == 1 &&
              EVP_DigestVerify(md, sig, siglen, (const unsigned char *)data, len) == 1;
    EVP_MD_CTX_free(md);
    if (!ok) ERR_clear_error();
    return ok;
}

/* Verifies against the cached JWKS key with this kid (kid == NULL: every cached
 * key). Returns 1 verified, 0 bad signature, -1 no such key. */
static int jwks_verify(auth_ctx *a, const char *kid, const char *data, size_t len, const unsigned char *sig,
                       size_t siglen) {
    int r = -1;
    pthread_rwlock_rdlock(&a->keys_lock);
    for (size_t i = 0; i < a->nkeys && r != 1; i++) {
        if (kid && (!a->keys[i].kid || strcmp(a->keys[i].kid, kid))) continue;
        r = verify_sig(a->keys[i].key, data, len, sig, siglen) ? 1 : 0;
        if (kid) break; /* kids are unique in the cache */
    }
    pthread_rwlock_unlock(&a->keys_lock);
    return r;
}

/* Verifies with the key selected by kid (see auth.h). Returns NULL on success
 * or the refusal reason. */
static const char *check_signature(auth_ctx *a, const char *kid, const char *data, size_t len,
                                   const unsigned char *sig, size_t siglen) {
    int r;
    if (kid) {
        r = jwks_verify(a, kid, data, len, sig, siglen);
        if (r < 0 && a->jwks_url) { /* unknown kid: refetch (rate-limited) and retry once */
            jwks_refresh(a, kid);
            r = jwks_verify(a, kid, data, len, sig, siglen);
        }
        if (r < 0 && a->pem_key) r = verify_sig(a->pem_key, data, len, sig, siglen);
        if (r < 0) return "unknown signing key";
    } else if (a->pem_key) {
        r = verify_sig(a->pem_key, data, len, sig, siglen);
    } else {
        r = jwks_verify(a, NULL, data, len, sig, siglen);
        if (r < 0 && a->jwks_url) { /* nothing cached yet */
            jwks_refresh(a, NULL);
            r = jwks_verify(a, NULL, data, len, sig, siglen);
        }
        if (r < 0) return "no verification key available";
    }
    return r == 1 ? NULL : "invalid signature";
}

/* Decodes a base64url segment and parses it as a JSON object. */
static json_t *segment_json(const char *s, size_t n) {
    size_t len;
    unsigned char *raw = b64url_decode(s, n, &len);
    if (!raw) return NULL;
    json_error_t je;
    json_t *v = json_loadb((const char *)raw, len, JSON_REJECT_DUPLICATES, &je);
    free(raw);
    if (!json_is_object(v)) {
        json_decref(v);
        return NULL;
    }
    return v;
}

/* Claim checks. Returns NULL when valid, else the reason. */
static const char *check_claims(const auth_ctx *a, const json_t *p, auth_result *out) {
    double now = (double)time(NULL);
    const json_t *exp = json_object_get(p, "exp");
    if (!exp) return "missing exp claim";
    if (!json_is_number(exp)) return "invalid exp claim";
    if (json_number_value(exp) + LEEWAY_S < now) return "token expired";
    const json_t *nbf = json_object_get(p, "nbf");
    if (nbf) {
        if (!json_is_number(nbf)) return "invalid nbf claim";
        if (now + LEEWAY_S < json_number_value(nbf)) return "token not yet valid";
    }
    if (a->issuer) {
        const char *iss = json_cstr(json_object_get(p, "iss"));
        if (!iss || strcmp(iss, a->issuer)) return "invalid issuer";
    }
    const json_t *auths = json_object_get(p, "authorities");
    unsigned roles = 0;
    if (auths && !json_is_null(auths)) {
        if (!json_is_array(auths)) return "invalid authorities claim";
        for (size_t i = 0; i < json_array_size(auths); i++) {
            const char *s = json_cstr(json_array_get(auths, i));
            if (s && a->role_of) roles |= a->role_of(s);
        }
    }
    const char *sub = json_cstr(json_object_get(p, "sub"));
    const char *client = json_cstr(json_object_get(p, "client_id"));
    out->roles = roles;
    copy_trunc(out->sub, sizeof out->sub, sub ? sub : "");
    copy_trunc(out->client_id, sizeof out->client_id, client ? client : "");
    return NULL;
}

bool auth_verify(auth_ctx *a, const char *token, auth_result *out) {
    memset(out, 0, sizeof *out);
    const char *why = NULL;
    json_t *hdr = NULL, *payload = NULL;
    unsigned char *sig = NULL;
    size_t siglen = 0;

    if (!a || !token || !*token) {
        why = "missing token";
        goto done;
    }
    size_t len = strnlen(token, TOKEN_MAX + 1);
    if (len > TOKEN_MAX) {
        why = "token too large";
        goto done;
    }
    unsigned char digest[32];
    token_digest(token, digest);
    unsigned long gen;
    if (cache_lookup(a, digest, out, &gen)) return true;
    const char *d1 = memchr(token, '.', len);
    const char *d2 = d1 ? memchr(d1 + 1, '.', len - (size_t)(d1 + 1 - token)) : NULL;
    if (!d2 || memchr(d2 + 1, '.', len - (size_t)(d2 + 1 - token))) {
        why = "malformed token";
        goto done;
    }
    if (!(hdr = segment_json(token, (size_t)(d1 - token)))) {
        why = "malformed token header";
        goto done;
    }
    const char *alg = json_cstr(json_object_get(hdr, "alg"));
    if (!alg || strcmp(alg, "RS256")) {
        why = "unsupported alg";
        goto done;
    }
    if (json_object_get(hdr, "crit")) { /* no extensions are understood */
        why = "unsupported crit header";
        goto done;
    }
    const json_t *kidv = json_object_get(hdr, "kid");
    const char *kid = json_cstr(kidv);
    if (kidv && !kid) {
        why = "malformed token header";
        goto done;
    }
    sig = b64url_decode(d2 + 1, len - (size_t)(d2 + 1 - token), &siglen);
    if (!sig || !siglen) {
        why = "malformed token signature";
        goto done;
    }
    if ((why = check_signature(a, kid, token, (size_t)(d2 - token), sig, siglen))) goto done;
    if (!(payload = segment_json(d1 + 1, (size_t)(d2 - d1 - 1)))) {
        why = "malformed token payload";
        goto done;
    }
    why = check_claims(a, payload, out);
    if (!why) cache_store(a, digest, payload, out, gen);
done:
    json_decref(hdr);
    json_decref(payload);
    free(sig);
    if (why) {
        out->roles = 0;
        out->sub[0] = out->client_id[0] = 0;
        copy_trunc(out->error, sizeof out->error, why);
        return false;
    }
    return true;
}

/* ------------------------------------------------------ development tools -- */

/* header64 "." payload64 "." sig64 over the given JSON texts. */
static int sign_compact(EVP_PKEY *k, const char *hdr, const char *payload, char **out, char *err, size_t errlen) {
    int rc = -1;
    char *h64 = auth_b64url_encode(hdr, strlen(hdr));
    char *p64 = auth_b64url_encode(payload, strlen(payload));
    char *s64 = NULL;
    unsigned char *sig = NULL;
    EVP_MD_CTX *md = NULL;
    buf b = BUF_INIT;
    if (!h64 || !p64) goto out;
    buf_puts(&b, h64);
    buf_putc(&b, '.');
    buf_puts(&b, p64);
    size_t siglen = 0;
    EVP_PKEY_CTX *pc = NULL;
    if (!(md = EVP_MD_CTX_new()) || EVP_DigestSignInit(md, &pc, EVP_sha256(), NULL, k) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(pc, RSA_PKCS1_PADDING) != 1 ||
        EVP_DigestSign(md, NULL, &siglen, (const unsigned char *)b.data, b.len) != 1 || !(sig = malloc(siglen)) ||
        EVP_DigestSign(md, sig, &siglen, (const unsigned char *)b.data, b.len) != 1) {
        set_err(err, errlen, "signing failed");
        goto out;
    }
    if (!(s64 = auth_b64url_encode(sig, siglen))) goto out;
    buf_putc(&b, '.');
    buf_puts(&b, s64);
    *out = buf_release(&b, NULL);
    rc = 0;
out:
    if (rc && err && errlen && !err[0]) set_err(err, errlen, "out of memory");
    ERR_clear_error();
    EVP_MD_CTX_free(md);
    free(sig);
    free(h64);
    free(p64);
    free(s64);
    buf_dispose(&b);
    return rc;
}

int auth_sign_raw(const char *private_key_file, const char *header_json, const char *payload_json, char **out,
                  char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    *out = NULL;
    EVP_PKEY *k = load_private_pem(private_key_file, err, errlen);
    if (!k) return -1;
    int rc = sign_compact(k, header_json, payload_json, out, err, errlen);
    EVP_PKEY_free(k);
    return rc;
}

int auth_sign_token(const char *private_key_file, const char *sub, const char *const *roles, size_t nroles,
                    long ttl_seconds, const char *issuer, const char *kid, char **out, char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    *out = NULL;
    if (!sub || (nroles && !roles)) {
        set_err(err, errlen, "invalid arguments");
        return -1;
    }
    if (ttl_seconds < -(1L << 30) || ttl_seconds > (1L << 30)) {
        set_err(err, errlen, "ttl out of range");
        return -1;
    }
    EVP_PKEY *k = load_private_pem(private_key_file, err, errlen);
    if (!k) return -1;
    int rc = -1;
    char *htxt = NULL, *ptxt = NULL;
    json_int_t now = (json_int_t)time(NULL);
    json_t *hdr = json_object(), *payload = json_object(), *auths = json_array();
    if (!hdr || !payload || !auths) goto out;
    int bad = json_object_set_new(hdr, "alg", json_string("RS256"));
    bad |= json_object_set_new(hdr, "typ", json_string("JWT"));
    if (kid) bad |= json_object_set_new(hdr, "kid", json_string(kid));
    for (size_t i = 0; i < nroles; i++) bad |= json_array_append_new(auths, json_string(roles[i]));
    bad |= json_object_set_new(payload, "sub", json_string(sub));
    bad |= json_object_set(payload, "authorities", auths);
    bad |= json_object_set_new(payload, "iat", json_integer(now));
    bad |= json_object_set_new(payload, "exp", json_integer(now + (json_int_t)ttl_seconds));
    if (issuer) bad |= json_object_set_new(payload, "iss", json_string(issuer));
    bad |= json_object_set_new(payload, "client_id", json_string(sub));
    if (bad) { /* json_string() returns NULL on invalid UTF-8 */
        set_err(err, errlen, "invalid claim value (not UTF-8)");
        goto out;
    }
    if (!(htxt = json_dumps(hdr, JSON_COMPACT)) || !(ptxt = json_dumps(payload, JSON_COMPACT))) goto out;
    rc = sign_compact(k, htxt, ptxt, out, err, errlen);
out:
    if (rc && err && errlen && !err[0]) set_err(err, errlen, "out of memory");
    free(htxt);
    free(ptxt);
    json_decref(hdr);
    json_decref(payload);
    json_decref(auths);
    EVP_PKEY_free(k);
    return rc;
}

static int write_pem(const char *path, EVP_PKEY *k, bool private_key, char *err, size_t errlen) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, private_key ? 0600 : 0644);
    if (fd < 0) {
        set_err(err, errlen, "cannot create %s: %s", path, strerror(errno));
        return -1;
    }
    if (private_key && fchmod(fd, 0600)) {
        set_err(err, errlen, "cannot chmod %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        set_err(err, errlen, "cannot open %s: %s", path, strerror(errno));
        close(fd);
        return -1;
    }
    /* PEM_write_PrivateKey writes PKCS#8 ("BEGIN PRIVATE KEY"); PEM_write_PUBKEY
     * writes SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"). */
    int ok = private_key ? PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) : PEM_write_PUBKEY(f, k);
    if (fclose(f) != 0) ok = 0;
    ERR_clear_error();
    if (!ok) {
        set_err(err, errlen, "cannot write %s", path);
        return -1;
    }
    return 0;
}

int auth_generate_key(const char *private_path, const char *public_path, char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    if (!private_path || !public_path) {
        set_err(err, errlen, "invalid arguments");
        return -1;
    }
    EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "RSA", (size_t)2048);
    if (!k) {
        ERR_clear_error();
        set_err(err, errlen, "RSA key generation failed");
        return -1;
    }
    int rc = write_pem(private_path, k, true, err, errlen);
    if (!rc) rc = write_pem(public_path, k, false, err, errlen);
    EVP_PKEY_free(k);
    return rc;
}

void auth_set_role_lookup(auth_ctx *a, auth_role_fn role_of) { a->role_of = role_of; }
