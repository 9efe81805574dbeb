/* test_auth.c - RS256 JWT verification, JWKS cache and development tokens. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/encoder.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include "core/auth.h"
#include "core/auth_internal.h"

#include <curl/curl.h>

/* The JWKS fetcher the application installs (main.c wires net/httpc); core links no
 * HTTP client, so the test brings a minimal libcurl one. */
struct fetch_buf {
    char *data;
    size_t len, max;
    bool over;
};
static size_t fetch_write(char *p, size_t size, size_t nmemb, void *ud) {
    struct fetch_buf *b = ud;
    size_t n = size * nmemb;
    if (b->len + n > b->max) {
        b->over = true;
        return 0;
    }
    char *d = realloc(b->data, b->len + n + 1);
    if (!d) return 0;
    memcpy(d + b->len, p, n);
    b->data = d;
    b->len += n;
    d[b->len] = 0;
    return n;
}
static long test_fetch(void *ctx, const char *url, size_t max_bytes, char **body, size_t *len, char *err, size_t errlen) {
    (void)ctx;
    CURL *c = curl_easy_init();
    if (!c) return -1;
    struct fetch_buf b = {.max = max_bytes};
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, fetch_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    CURLcode rc = curl_easy_perform(c);
    long status = -1;
    if (rc == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else snprintf(err, errlen, "%s", b.over ? "response too large" : curl_easy_strerror(rc));
    curl_easy_cleanup(c);
    if (status == 200 && b.data) {
        *body = b.data;
        *len = b.len;
    } else {
        free(b.data);
    }
    return status;
}
#include "core/http.h"

/* The test's own role table: core knows no role names (auth_set_role_lookup). */
enum { ROLE_TIER = 1u << 0, ROLE_UPW_LEGACY = 1u << 3, ROLE_COURT = 1u << 4, ROLE_ADMIN = 1u << 5 };
static unsigned test_roles(const char *authority) {
    static const struct {
        unsigned bit;
        const char *name;
    } t[] = {{ROLE_TIER, "ROLE_PROBATION_API__TIER__CASE_DETAIL"},
             {ROLE_UPW_LEGACY, "ROLE_UPW_DETAILS"},
             {ROLE_COURT, "ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL"},
             {ROLE_ADMIN, "ROLE_PROBATION_INTEGRATION_ADMIN"}};
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(t[i].name, authority)) return t[i].bit;
    return 0;
}

static char tmpdir[64];
static char priv1[128], pub1[128], priv2[128], pub2[128], bogus[128];

#define ISSUER "https://sign-in-dev.hmpps.service.justice.gov.uk/auth/issuer"
#define TIER "ROLE_PROBATION_API__TIER__CASE_DETAIL"
#define ADMIN "ROLE_PROBATION_INTEGRATION_ADMIN"

/* ------------------------------------------------------------ helpers -- */

static long now_s(void) { return (long)time(NULL); }

static char *sign(const char *priv, const char *hdr, const char *payload) {
    char *tok = NULL, err[160];
    int rc = auth_sign_raw(priv, hdr, payload, &tok, err, sizeof err);
    assert_int_equal(rc, 0);
    assert_non_null(tok);
    return tok;
}

/* A standard RS256 token from key 1 with the given exp/nbf offsets. */
static char *token_with(const char *priv, const char *kid, long exp_off, const char *extra) {
    char hdr[128], payload[512];
    if (kid)
        snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"%s\"}", kid);
    else
        snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    snprintf(payload, sizeof payload, "{\"sub\":\"alice\",\"authorities\":[\"%s\"],\"exp\":%ld%s}", TIER,
             now_s() + exp_off, extra ? extra : "");
    return sign(priv, hdr, payload);
}

static char *b64(const char *s) { return auth_b64url_encode(s, strlen(s)); }

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *data = malloc(65536);
    assert_non_null(data);
    *len = fread(data, 1, 65535, f);
    data[*len] = 0;
    fclose(f);
    return data;
}

static bool verify(auth_ctx *a, const char *tok, auth_result *r) { return auth_verify(a, tok, r); }

static void expect_refused(auth_ctx *a, const char *tok, const char *why) {
    auth_result r;
    memset(&r, 0x5a, sizeof r);
    assert_false(auth_verify(a, tok, &r));
    assert_int_equal(r.roles, 0);
    assert_string_equal(r.sub, "");
    assert_true(r.error[0] != 0);
    assert_true(strlen(r.error) < sizeof r.error);
    if (why) assert_string_equal(r.error, why);
}

static auth_ctx *pem_ctx(const char *pub, const char *issuer) {
    char err[256];
    auth_ctx *a = auth_new(pub, NULL, issuer, err, sizeof err);
    if (a) auth_set_role_lookup(a, test_roles);
    assert_non_null(a);
    return a;
}

/* {"kty":"RSA","kid":kid,"use":"sig","alg":"RS256","n":..,"e":..} of a public key file. */
static char *jwk_json(const char *pub, const char *kid) {
    FILE *f = fopen(pub, "r");
    assert_non_null(f);
    EVP_PKEY *k = PEM_read_PUBKEY(f, NULL, NULL, NULL);
    fclose(f);
    assert_non_null(k);
    BIGNUM *n = NULL, *e = NULL;
    assert_int_equal(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_N, &n), 1);
    assert_int_equal(EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_RSA_E, &e), 1);
    unsigned char nb[1024], eb[16];
    int nl = BN_bn2bin(n, nb), el = BN_bn2bin(e, eb);
    char *n64 = auth_b64url_encode(nb, (size_t)nl), *e64 = auth_b64url_encode(eb, (size_t)el);
    char *out = malloc(2048);
    assert_non_null(out);
    snprintf(out, 2048, "{\"kty\":\"RSA\",\"kid\":\"%s\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"%s\",\"e\":\"%s\"}",
             kid, n64, e64);
    free(n64);
    free(e64);
    BN_free(n);
    BN_free(e);
    EVP_PKEY_free(k);
    return out;
}

/* ------------------------------------------------------ group fixture -- */

static int setup(void **state) {
    (void)state;
    strcpy(tmpdir, "/tmp/test_auth.XXXXXX");
    if (!mkdtemp(tmpdir)) return -1;
    snprintf(priv1, sizeof priv1, "%s/k1.pem", tmpdir);
    snprintf(pub1, sizeof pub1, "%s/k1.pub.pem", tmpdir);
    snprintf(priv2, sizeof priv2, "%s/k2.pem", tmpdir);
    snprintf(pub2, sizeof pub2, "%s/k2.pub.pem", tmpdir);
    snprintf(bogus, sizeof bogus, "%s/bogus.pem", tmpdir);
    char err[256];
    if (auth_generate_key(priv1, pub1, err, sizeof err) || auth_generate_key(priv2, pub2, err, sizeof err)) {
        fprintf(stderr, "keygen: %s\n", err);
        return -1;
    }
    FILE *f = fopen(bogus, "w");
    if (!f) return -1;
    fputs("-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n", f);
    fclose(f);
    return 0;
}

static int teardown(void **state) {
    (void)state;
    unlink(priv1);
    unlink(pub1);
    unlink(priv2);
    unlink(pub2);
    unlink(bogus);
    rmdir(tmpdir);
    return 0;
}

/* -------------------------------------------------------------- tests -- */

static void test_keygen_files(void **state) {
    (void)state;
    struct stat st;
    assert_int_equal(stat(priv1, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    size_t len;
    char *p = read_file(priv1, &len);
    assert_non_null(strstr(p, "-----BEGIN PRIVATE KEY-----"));
    free(p);
    p = read_file(pub1, &len);
    assert_non_null(strstr(p, "-----BEGIN PUBLIC KEY-----"));
    assert_null(strstr(p, "PRIVATE"));
    free(p);
}

static void test_pkcs1_public_key(void **state) {
    (void)state;
    char path[160];
    snprintf(path, sizeof path, "%s/k1.rsapub.pem", tmpdir);
    FILE *f = fopen(pub1, "r");
    assert_non_null(f);
    EVP_PKEY *k = PEM_read_PUBKEY(f, NULL, NULL, NULL);
    fclose(f);
    assert_non_null(k);
    OSSL_ENCODER_CTX *ec = OSSL_ENCODER_CTX_new_for_pkey(k, EVP_PKEY_PUBLIC_KEY, "PEM", "type-specific", NULL);
    assert_non_null(ec);
    f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(OSSL_ENCODER_to_fp(ec, f), 1);
    fclose(f);
    OSSL_ENCODER_CTX_free(ec);
    EVP_PKEY_free(k);
    size_t len;
    char *text = read_file(path, &len);
    assert_non_null(strstr(text, "BEGIN RSA PUBLIC KEY"));
    free(text);
    auth_ctx *a = pem_ctx(path, NULL);
    char *tok = token_with(priv1, NULL, 300, NULL);
    auth_result r;
    assert_true(verify(a, tok, &r));
    free(tok);
    auth_free(a);
    unlink(path);
}

static void test_auth_new_errors(void **state) {
    (void)state;
    char err[256] = "";
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.pem", tmpdir);
    assert_null(auth_new(missing, NULL, NULL, err, sizeof err));
    assert_true(err[0] != 0);
    err[0] = 0;
    assert_null(auth_new(bogus, NULL, NULL, err, sizeof err));
    assert_true(err[0] != 0);
    err[0] = 0;
    assert_null(auth_new(priv1, NULL, NULL, err, sizeof err)); /* a private key is not a public key file */
    assert_true(err[0] != 0);

    /* No key source: every token refused. */
    auth_ctx *a = auth_new(NULL, NULL, NULL, err, sizeof err);
    if (a) auth_set_role_lookup(a, test_roles);
    assert_non_null(a);
    char *tok = token_with(priv1, NULL, 300, NULL);
    expect_refused(a, tok, NULL);
    free(tok);
    auth_free(a);
    auth_free(NULL);
}

static void test_valid_token(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    const char *roles[] = {TIER, "ROLE_UPW_DETAILS"};
    char *tok = NULL, err[160];
    assert_int_equal(auth_sign_token(priv1, "alice", roles, 2, 300, NULL, NULL, &tok, err, sizeof err), 0);
    auth_result r;
    assert_true(verify(a, tok, &r));
    assert_int_equal(r.roles, ROLE_TIER | ROLE_UPW_LEGACY);
    assert_string_equal(r.sub, "alice");
    assert_string_equal(r.client_id, "alice");
    assert_string_equal(r.error, "");
    free(tok);

    /* No authorities claim: valid, no roles. */
    tok = sign(priv1, "{\"alg\":\"RS256\"}", "{\"sub\":\"bob\",\"exp\":9999999999,\"client_id\":\"svc\"}");
    assert_true(verify(a, tok, &r));
    assert_int_equal(r.roles, 0);
    assert_string_equal(r.sub, "bob");
    assert_string_equal(r.client_id, "svc");
    free(tok);
    auth_free(a);
}

static void test_admin_role(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    const char *roles[] = {ADMIN};
    char *tok = NULL, err[160];
    assert_int_equal(auth_sign_token(priv1, "probation-integration-dev", roles, 1, 60, NULL, NULL, &tok, err,
                                     sizeof err),
                     0);
    auth_result r;
    assert_true(verify(a, tok, &r));
    assert_int_equal(r.roles, ROLE_ADMIN);
    assert_string_equal(r.sub, "probation-integration-dev");
    free(tok);
    auth_free(a);
}

static void test_unknown_authority_ignored(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    const char *roles[] = {"ROLE_SOMETHING_ELSE", "SCOPE_read", TIER "X", "ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL"};
    char *tok = NULL, err[160];
    assert_int_equal(auth_sign_token(priv1, "carol", roles, 4, 60, NULL, NULL, &tok, err, sizeof err), 0);
    auth_result r;
    assert_true(verify(a, tok, &r));
    assert_int_equal(r.roles, ROLE_COURT);
    free(tok);

    /* Non-string items are ignored. */
    tok = sign(priv1, "{\"alg\":\"RS256\"}",
               "{\"sub\":\"c\",\"exp\":9999999999,\"authorities\":[1,null,{\"a\":1},[\"" TIER "\"]]}");
    assert_true(verify(a, tok, &r));
    assert_int_equal(r.roles, 0);
    free(tok);
    /* An embedded NUL is refused by the parser (no JSON_ALLOW_NUL), never a prefix match. */
    tok = sign(priv1, "{\"alg\":\"RS256\"}",
               "{\"sub\":\"c\",\"exp\":9999999999,\"authorities\":[\"" TIER "\\u0000x\"]}");
    expect_refused(a, tok, NULL);
    free(tok);

    /* authorities not an array: refused. */
    tok = sign(priv1, "{\"alg\":\"RS256\"}", "{\"sub\":\"c\",\"exp\":9999999999,\"authorities\":\"" TIER "\"}");
    expect_refused(a, tok, NULL);
    free(tok);
    auth_free(a);
}

static void test_other_key_refused(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    char *tok = token_with(priv2, NULL, 300, NULL);
    expect_refused(a, tok, "invalid signature");
    free(tok);
    auth_free(a);
}

static void test_exp(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    auth_result r;
    char *tok = token_with(priv1, NULL, -120, NULL);
    expect_refused(a, tok, "token expired");
    free(tok);
    tok = token_with(priv1, NULL, -30, NULL); /* within the 60 s leeway */
    assert_true(verify(a, tok, &r));
    free(tok);

    /* via auth_sign_token with a negative ttl */
    const char *roles[] = {TIER};
    char err[160];
    assert_int_equal(auth_sign_token(priv1, "alice", roles, 1, -120, NULL, NULL, &tok, err, sizeof err), 0);
    expect_refused(a, tok, "token expired");
    free(tok);

    /* exp missing or not a number */
    tok = sign(priv1, "{\"alg\":\"RS256\"}", "{\"sub\":\"alice\"}");
    expect_refused(a, tok, "missing exp claim");
    free(tok);
    tok = sign(priv1, "{\"alg\":\"RS256\"}", "{\"sub\":\"alice\",\"exp\":\"9999999999\"}");
    expect_refused(a, tok, NULL);
    free(tok);
    /* fractional NumericDate */
    tok = sign(priv1, "{\"alg\":\"RS256\"}", "{\"sub\":\"alice\",\"exp\":9999999999.5}");
    assert_true(verify(a, tok, &r));
    free(tok);
    auth_free(a);
}

static void test_nbf(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    auth_result r;
    char extra[64];
    snprintf(extra, sizeof extra, ",\"nbf\":%ld", now_s() + 120);
    char *tok = token_with(priv1, NULL, 300, extra);
    expect_refused(a, tok, "token not yet valid");
    free(tok);
    snprintf(extra, sizeof extra, ",\"nbf\":%ld", now_s() + 30); /* within leeway */
    tok = token_with(priv1, NULL, 300, extra);
    assert_true(verify(a, tok, &r));
    free(tok);
    snprintf(extra, sizeof extra, ",\"nbf\":%ld", now_s() - 30);
    tok = token_with(priv1, NULL, 300, extra);
    assert_true(verify(a, tok, &r));
    free(tok);
    auth_free(a);
}

static void test_alg_none(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    char payload[128];
    snprintf(payload, sizeof payload, "{\"sub\":\"alice\",\"authorities\":[\"%s\"],\"exp\":%ld}", ADMIN, now_s() + 300);
    char *h = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}"), *p = b64(payload);
    char tok[1024];
    snprintf(tok, sizeof tok, "%s.%s.", h, p);
    expect_refused(a, tok, NULL);
    snprintf(tok, sizeof tok, "%s.%s.AAAA", h, p);
    expect_refused(a, tok, "unsupported alg");
    free(h);

    /* Variants of the alg value. */
    const char *hdrs[] = {"{\"alg\":\"None\"}", "{\"alg\":\"rs256\"}", "{\"alg\":\"RS256 \"}", "{\"alg\":\"RS384\"}",
                          "{\"alg\":\"PS256\"}", "{\"alg\":\"ES256\"}", "{\"typ\":\"JWT\"}", "{\"alg\":null}",
                          "{\"alg\":[\"RS256\"]}", "{\"alg\":\"RS256\\u0000\"}"};
    for (size_t i = 0; i < sizeof hdrs / sizeof hdrs[0]; i++) {
        char *t = sign(priv1, hdrs[i], payload); /* even with a valid RSA signature */
        expect_refused(a, t, NULL);
        free(t);
    }
    free(p);
    auth_free(a);
}

static void test_alg_hs256_with_public_key(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    size_t keylen;
    char *key = read_file(pub1, &keylen);
    char payload[128];
    snprintf(payload, sizeof payload, "{\"sub\":\"mallory\",\"authorities\":[\"%s\"],\"exp\":%ld}", ADMIN,
             now_s() + 300);
    char *h = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"), *p = b64(payload);
    char input[1024];
    snprintf(input, sizeof input, "%s.%s", h, p);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned maclen = 0;
    assert_non_null(HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)input, strlen(input), mac, &maclen));
    char *s = auth_b64url_encode(mac, maclen);
    char tok[1200];
    snprintf(tok, sizeof tok, "%s.%s", input, s);
    expect_refused(a, tok, "unsupported alg");
    free(h);
    free(p);
    free(s);
    free(key);
    auth_free(a);
}

static void test_issuer(void **state) {
    (void)state;
    const char *roles[] = {TIER};
    char *good = NULL, *wrong = NULL, *none = NULL, err[160];
    assert_int_equal(auth_sign_token(priv1, "alice", roles, 1, 300, ISSUER, NULL, &good, err, sizeof err), 0);
    assert_int_equal(auth_sign_token(priv1, "alice", roles, 1, 300, "https://evil.example/issuer", NULL, &wrong, err,
                                     sizeof err),
                     0);
    assert_int_equal(auth_sign_token(priv1, "alice", roles, 1, 300, NULL, NULL, &none, err, sizeof err), 0);
    char *prefix = sign(priv1, "{\"alg\":\"RS256\"}", "{\"sub\":\"a\",\"exp\":9999999999,\"iss\":\"" ISSUER "/\"}");
    char *nul = sign(priv1, "{\"alg\":\"RS256\"}", "{\"sub\":\"a\",\"exp\":9999999999,\"iss\":\"" ISSUER "\\u0000x\"}");

    auth_result r;
    auth_ctx *a = pem_ctx(pub1, ISSUER);
    assert_true(verify(a, good, &r));
    expect_refused(a, wrong, "invalid issuer");
    expect_refused(a, none, "invalid issuer");
    expect_refused(a, prefix, "invalid issuer");
    expect_refused(a, nul, NULL);
    auth_free(a);

    a = pem_ctx(pub1, NULL); /* not configured: anything goes */
    assert_true(verify(a, good, &r));
    assert_true(verify(a, wrong, &r));
    assert_true(verify(a, none, &r));
    auth_free(a);
    free(good);
    free(wrong);
    free(none);
    free(prefix);
    free(nul);
}

static void test_malformed(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    auth_result r;
    char *tok = token_with(priv1, NULL, 300, NULL);
    assert_true(verify(a, tok, &r));
    size_t len = strlen(tok);

    const char *garbage[] = {"", "garbage", "a.b", "a.b.c", "...", "a..c", "Bearer x.y.z", "e30.e30.e30", "\xff\xfe.x.y"};
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) expect_refused(a, garbage[i], NULL);
    expect_refused(a, NULL, NULL);

    char *tb = malloc(len + 16);
    assert_non_null(tb);
    /* two segments */
    const char *dot2 = strrchr(tok, '.');
    memcpy(tb, tok, (size_t)(dot2 - tok));
    tb[dot2 - tok] = 0;
    expect_refused(a, tb, "malformed token");
    /* truncated anywhere */
    for (size_t cut = 1; cut < len; cut += 37) {
        memcpy(tb, tok, cut);
        tb[cut] = 0;
        expect_refused(a, tb, NULL);
    }
    memcpy(tb, tok, len - 1);
    tb[len - 1] = 0;
    expect_refused(a, tb, NULL);
    /* four segments */
    snprintf(tb, len + 16, "%s.", tok);
    expect_refused(a, tb, "malformed token");
    snprintf(tb, len + 16, "%s.AA", tok);
    expect_refused(a, tb, "malformed token");
    /* padding and non-url alphabet are not base64url */
    snprintf(tb, len + 16, "%s==", tok);
    expect_refused(a, tb, NULL);
    snprintf(tb, len + 16, "%s ", tok);
    expect_refused(a, tb, NULL);
    strcpy(tb, tok);
    for (char *c = tb; *c; c++)
        if (*c == '-') *c = '+';
        else if (*c == '_') *c = '/';
    if (strcmp(tb, tok)) expect_refused(a, tb, NULL);
    /* non-canonical base64url: same bytes, but non-zero unused bits in the last character */
    {
        static const char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        strcpy(tb, tok);
        char *last = tb + len - 1;
        const char *pos = strchr(tbl, *last);
        assert_non_null(pos);
        assert_int_equal((pos - tbl) & 15, 0); /* 256-byte signature: 4 unused bits */
        *last = tbl[(pos - tbl) | 1];
        expect_refused(a, tb, "malformed token signature");
    }
    free(tb);

    /* header not an object / duplicate keys */
    char *t = sign(priv1, "[\"RS256\"]", "{\"exp\":9999999999}");
    expect_refused(a, t, "malformed token header");
    free(t);
    t = sign(priv1, "{\"alg\":\"RS256\",\"alg\":\"RS256\"}", "{\"exp\":9999999999}");
    expect_refused(a, t, "malformed token header");
    free(t);
    t = sign(priv1, "{\"alg\":\"RS256\"}", "{\"exp\":9999999999,\"sub\":\"a\",\"sub\":\"b\"}");
    expect_refused(a, t, "malformed token payload");
    free(t);
    t = sign(priv1, "{\"alg\":\"RS256\",\"crit\":[\"b64\"]}", "{\"exp\":9999999999}");
    expect_refused(a, t, NULL);
    free(t);

    /* oversized: > 8 KiB */
    char *big = malloc(9000);
    assert_non_null(big);
    memset(big, 'A', 8999);
    big[8999] = 0;
    big[10] = '.';
    big[20] = '.';
    expect_refused(a, big, "token too large");
    free(big);
    free(tok);
    auth_free(a);
}

static void test_tampered(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    const char *roles[] = {TIER};
    char *tok = NULL, err[160];
    assert_int_equal(auth_sign_token(priv1, "alice", roles, 1, 300, NULL, NULL, &tok, err, sizeof err), 0);
    /* replace the payload with one granting admin */
    char payload[128];
    snprintf(payload, sizeof payload, "{\"sub\":\"alice\",\"authorities\":[\"%s\"],\"exp\":%ld}", ADMIN, now_s() + 300);
    char *p = b64(payload);
    const char *d1 = strchr(tok, '.'), *d2 = strrchr(tok, '.');
    char t2[2048];
    snprintf(t2, sizeof t2, "%.*s.%s%s", (int)(d1 - tok), tok, p, d2);
    expect_refused(a, t2, "invalid signature");
    /* flip one payload character */
    strcpy(t2, tok);
    size_t i = (size_t)(d1 - tok) + 5;
    t2[i] = t2[i] == 'A' ? 'B' : 'A';
    expect_refused(a, t2, NULL);
    /* flip one signature character */
    strcpy(t2, tok);
    i = (size_t)(d2 - tok) + 10;
    t2[i] = t2[i] == 'A' ? 'B' : 'A';
    expect_refused(a, t2, "invalid signature");
    /* the error never echoes token content */
    auth_result r;
    assert_false(auth_verify(a, t2, &r));
    assert_null(strstr(r.error, "alice"));
    free(p);
    free(tok);
    auth_free(a);
}

static void test_truncated_claims(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    char sub[400], payload[1300];
    /* 126 ASCII then 2-byte characters: the one at 126..127 crosses the 127-byte limit */
    memset(sub, 'x', 126);
    sub[126] = 0;
    strcat(sub, "\xc3\xa9\xc3\xa9\xc3\xa9"); /* "ééé" */
    snprintf(payload, sizeof payload, "{\"sub\":\"%s\",\"client_id\":\"%s%s\",\"exp\":9999999999}", sub, sub, sub);
    char *tok = sign(priv1, "{\"alg\":\"RS256\"}", payload);
    auth_result r;
    assert_true(verify(a, tok, &r));
    assert_int_equal(strlen(r.sub), 126); /* the split "é" is dropped */
    assert_int_equal(strlen(r.client_id), 126);
    free(tok);
    auth_free(a);
}

static void test_kid_with_pem_only(void **state) {
    (void)state;
    auth_ctx *a = pem_ctx(pub1, NULL);
    auth_result r;
    char *tok = token_with(priv1, "dev", 300, NULL);
    assert_true(verify(a, tok, &r));
    free(tok);
    tok = token_with(priv2, "dev", 300, NULL);
    expect_refused(a, tok, "invalid signature");
    free(tok);
    auth_free(a);
}

static void test_jwks_kid(void **state) {
    (void)state;
    char err[160];
    auth_ctx *a = auth_new(NULL, NULL, NULL, err, sizeof err);
    if (a) auth_set_role_lookup(a, test_roles);
    assert_non_null(a);
    char *j1 = jwk_json(pub1, "k1"), *j2 = jwk_json(pub2, "k2");
    char doc[8192];
    snprintf(doc, sizeof doc,
             "{\"keys\":[%s,{\"kty\":\"EC\",\"kid\":\"ec\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"},"
             "{\"kty\":\"RSA\",\"kid\":\"short\",\"n\":\"AQAB\",\"e\":\"AQAB\"},"
             "{\"kty\":\"RSA\",\"kid\":\"bad\",\"n\":\"!!\",\"e\":\"AQAB\"},"
             "{\"kty\":\"RSA\",\"kid\":\"nokey\"},7,%s]}",
             j1, j2);
    assert_int_equal(auth_jwks_load(a, doc), 2);
    assert_int_equal(auth_jwks_cached(a), 2);

    auth_result r;
    char *tok = token_with(priv1, "k1", 300, NULL);
    assert_true(verify(a, tok, &r));
    assert_string_equal(r.sub, "alice");
    assert_int_equal(r.roles, ROLE_TIER);
    free(tok);
    tok = token_with(priv2, "k2", 300, NULL);
    assert_true(verify(a, tok, &r));
    free(tok);
    tok = token_with(priv1, "k2", 300, NULL); /* kid names the other key */
    expect_refused(a, tok, "invalid signature");
    free(tok);
    tok = token_with(priv1, "k3", 300, NULL);
    expect_refused(a, tok, "unknown signing key");
    free(tok);
    tok = token_with(priv2, NULL, 300, NULL); /* no kid, JWKS only: every cached key is tried */
    assert_true(verify(a, tok, &r));
    free(tok);
    tok = token_with(priv1, "k1", -120, NULL);
    expect_refused(a, tok, "token expired");
    free(tok);

    /* Invalid documents leave the cache alone. */
    assert_int_equal(auth_jwks_load(a, "not json"), -1);
    assert_int_equal(auth_jwks_load(a, "{\"keys\":{}}"), -1);
    assert_int_equal(auth_jwks_load(a, "{\"keys\":[],\"keys\":[]}"), -1);
    assert_int_equal(auth_jwks_load(a, "{\"keys\":[]}"), 0);
    assert_int_equal(auth_jwks_cached(a), 2);

    /* Replacement: only k2 left; "use":"enc" and "alg":"RS512" keys skipped. */
    char *j1enc = jwk_json(pub1, "k1");
    char *use = strstr(j1enc, "\"sig\"");
    memcpy(use, "\"enc\"", 5);
    snprintf(doc, sizeof doc, "{\"keys\":[%s,%s]}", j1enc, j2);
    assert_int_equal(auth_jwks_load(a, doc), 1);
    tok = token_with(priv1, "k1", 300, NULL);
    expect_refused(a, tok, "unknown signing key");
    free(tok);
    tok = token_with(priv2, "k2", 300, NULL);
    assert_true(verify(a, tok, &r));
    free(tok);
    free(j1enc);
    free(j1);
    free(j2);
    auth_free(a);
}

/* --------------------------------------------------- tiny JWKS server -- */

typedef struct jwks_server {
    int lfd, port;
    pthread_t th;
    pthread_mutex_t mu;
    char *body;
    atomic_int requests;
    atomic_bool stop;
} jwks_server;

static void *server_main(void *arg) {
    jwks_server *s = arg;
    for (;;) {
        int fd = accept(s->lfd, NULL, NULL);
        if (fd < 0) continue;
        if (atomic_load(&s->stop)) {
            close(fd);
            break;
        }
        char req[4096];
        size_t got = 0;
        while (got < sizeof req - 1) {
            ssize_t n = read(fd, req + got, sizeof req - 1 - got);
            if (n <= 0) break;
            got += (size_t)n;
            req[got] = 0;
            if (strstr(req, "\r\n\r\n")) break;
        }
        atomic_fetch_add(&s->requests, 1);
        pthread_mutex_lock(&s->mu);
        char head[256];
        int hl = snprintf(head, sizeof head,
                          "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n"
                          "Connection: close\r\n\r\n",
                          strlen(s->body));
        ssize_t w = write(fd, head, (size_t)hl);
        if (w == hl) w = write(fd, s->body, strlen(s->body));
        (void)w;
        pthread_mutex_unlock(&s->mu);
        close(fd);
    }
    return NULL;
}

static void server_set_body(jwks_server *s, const char *body) {
    pthread_mutex_lock(&s->mu);
    free(s->body);
    s->body = strdup(body);
    pthread_mutex_unlock(&s->mu);
}

static void server_start(jwks_server *s, const char *body) {
    memset(s, 0, sizeof *s);
    pthread_mutex_init(&s->mu, NULL);
    s->body = strdup(body);
    s->lfd = socket(AF_INET, SOCK_STREAM, 0);
    assert_true(s->lfd >= 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(s->lfd, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(s->lfd, 64), 0);
    socklen_t sl = sizeof sa;
    assert_int_equal(getsockname(s->lfd, (struct sockaddr *)&sa, &sl), 0);
    s->port = ntohs(sa.sin_port);
    assert_int_equal(pthread_create(&s->th, NULL, server_main, s), 0);
}

static void server_stop(jwks_server *s) {
    atomic_store(&s->stop, true);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)s->port),
                             .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    close(fd);
    pthread_join(s->th, NULL);
    close(s->lfd);
    free(s->body);
    pthread_mutex_destroy(&s->mu);
}

static void test_jwks_fetch(void **state) {
    (void)state;
    char *j1 = jwk_json(pub1, "k1"), *j2 = jwk_json(pub2, "k2");
    char doc1[4096], doc12[8192];
    snprintf(doc1, sizeof doc1, "{\"keys\":[%s]}", j1);
    snprintf(doc12, sizeof doc12, "{\"keys\":[%s,%s]}", j1, j2);
    jwks_server s;
    server_start(&s, doc1);
    char url[128], err[160];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/auth/.well-known/jwks.json", s.port);
    auth_ctx *a = auth_new(NULL, url, ISSUER, err, sizeof err);
    if (a) auth_set_fetcher(a, test_fetch, NULL);
    if (a) auth_set_role_lookup(a, test_roles);
    assert_non_null(a);
    assert_int_equal(auth_jwks_fetches(a), 0); /* lazy */

    auth_result r;
    const char *roles[] = {ADMIN};
    char *t1 = NULL, *t2 = NULL, *t3 = NULL;
    assert_int_equal(auth_sign_token(priv1, "svc", roles, 1, 300, ISSUER, "k1", &t1, err, sizeof err), 0);
    assert_int_equal(auth_sign_token(priv2, "svc", roles, 1, 300, ISSUER, "k2", &t2, err, sizeof err), 0);
    assert_int_equal(auth_sign_token(priv2, "svc", roles, 1, 300, ISSUER, "k3", &t3, err, sizeof err), 0);

    assert_true(verify(a, t1, &r)); /* first use fetches */
    assert_int_equal(r.roles, ROLE_ADMIN);
    assert_int_equal(auth_jwks_fetches(a), 1);
    assert_int_equal(atomic_load(&s.requests), 1);
    assert_true(verify(a, t1, &r)); /* cached */
    assert_int_equal(auth_jwks_fetches(a), 1);

    /* Key rotated in at the issuer right after the initial load: an unknown kid refetches once. */
    server_set_body(&s, doc12);
    assert_true(verify(a, t2, &r));
    assert_int_equal(auth_jwks_fetches(a), 2);
    assert_int_equal(auth_jwks_cached(a), 2);
    assert_true(verify(a, t1, &r));

    /* Unknown-kid refetches: at most one per 10 s. */
    for (int i = 0; i < 5; i++) expect_refused(a, t3, "unknown signing key");
    assert_int_equal(auth_jwks_fetches(a), 2);
    assert_int_equal(atomic_load(&s.requests), 2);
    auth_jwks_set_refetch_interval(a, 0); /* as if 10 s had passed */
    expect_refused(a, t3, "unknown signing key"); /* refetched once, still unknown */
    assert_int_equal(auth_jwks_fetches(a), 3);
    auth_jwks_set_refetch_interval(a, 10000);
    expect_refused(a, t3, "unknown signing key");
    assert_int_equal(auth_jwks_fetches(a), 3);
    assert_int_equal(atomic_load(&s.requests), 3);

    /* A broken response keeps the cached keys. */
    server_set_body(&s, "<html>oops</html>");
    auth_jwks_set_refetch_interval(a, 0);
    expect_refused(a, t3, "unknown signing key");
    assert_int_equal(auth_jwks_cached(a), 2);
    assert_true(verify(a, t1, &r));
    auth_free(a);
    server_stop(&s);
    free(t1);
    free(t2);
    free(t3);
    free(j1);
    free(j2);
}

static void test_jwks_unreachable(void **state) {
    (void)state;
    char err[160];
    auth_ctx *a = auth_new(NULL, "http://127.0.0.1:1/jwks.json", NULL, err, sizeof err);
    if (a) auth_set_fetcher(a, test_fetch, NULL);
    if (a) auth_set_role_lookup(a, test_roles);
    assert_non_null(a);
    char *tok = token_with(priv1, "k1", 300, NULL);
    expect_refused(a, tok, "unknown signing key");
    assert_int_equal(auth_jwks_fetches(a), 1);
    expect_refused(a, tok, "unknown signing key");
    assert_int_equal(auth_jwks_fetches(a), 1); /* rate-limited */
    free(tok);
    tok = token_with(priv1, NULL, 300, NULL);
    expect_refused(a, tok, "no verification key available");
    free(tok);
    auth_free(a);

    /* Non-HTTP schemes are refused by the fetcher. */
    char url[200];
    snprintf(url, sizeof url, "file://%s", pub1);
    a = auth_new(NULL, url, NULL, err, sizeof err);
    if (a) auth_set_fetcher(a, test_fetch, NULL);
    assert_non_null(a);
    tok = token_with(priv1, "k1", 300, NULL);
    expect_refused(a, tok, "unknown signing key");
    assert_int_equal(auth_jwks_cached(a), 0);
    free(tok);
    auth_free(a);
}

/* ------------------------------------------------------- concurrency -- */

typedef struct {
    auth_ctx *a;
    const char *good, *unknown;
    atomic_int *failures;
} worker_arg;

static void *worker(void *p) {
    worker_arg *w = p;
    for (int i = 0; i < 60; i++) {
        auth_result r;
        if (!auth_verify(w->a, w->good, &r) || r.roles != ROLE_ADMIN) atomic_fetch_add(w->failures, 1);
        if (i % 3 == 0 && auth_verify(w->a, w->unknown, &r)) atomic_fetch_add(w->failures, 1);
    }
    return NULL;
}

static void test_concurrent_verify_and_refetch(void **state) {
    (void)state;
    char *j1 = jwk_json(pub1, "k1");
    char doc[4096];
    snprintf(doc, sizeof doc, "{\"keys\":[%s]}", j1);
    jwks_server s;
    server_start(&s, doc);
    char url[128], err[160];
    snprintf(url, sizeof url, "http://127.0.0.1:%d/jwks", s.port);
    auth_ctx *a = auth_new(NULL, url, NULL, err, sizeof err);
    if (a) auth_set_fetcher(a, test_fetch, NULL);
    if (a) auth_set_role_lookup(a, test_roles);
    assert_non_null(a);
    auth_jwks_set_refetch_interval(a, 0); /* every unknown kid swaps the key set */
    const char *roles[] = {ADMIN};
    char *good = NULL, *unknown = NULL;
    assert_int_equal(auth_sign_token(priv1, "svc", roles, 1, 300, NULL, "k1", &good, err, sizeof err), 0);
    assert_int_equal(auth_sign_token(priv1, "svc", roles, 1, 300, NULL, "zz", &unknown, err, sizeof err), 0);
    atomic_int failures = 0;
    worker_arg w = {a, good, unknown, &failures};
    pthread_t th[8];
    for (int i = 0; i < 8; i++) assert_int_equal(pthread_create(&th[i], NULL, worker, &w), 0);
    for (int i = 0; i < 8; i++) pthread_join(th[i], NULL);
    assert_int_equal(atomic_load(&failures), 0);
    assert_true(auth_jwks_fetches(a) > 1);
    auth_free(a);
    server_stop(&s);
    free(good);
    free(unknown);
    free(j1);
}

static void test_sign_errors(void **state) {
    (void)state;
    char *tok = (char *)1, err[160];
    char missing[160];
    snprintf(missing, sizeof missing, "%s/missing.pem", tmpdir);
    assert_int_equal(auth_sign_token(missing, "a", NULL, 0, 60, NULL, NULL, &tok, err, sizeof err), -1);
    assert_null(tok);
    assert_true(err[0] != 0);
    assert_int_equal(auth_sign_token(pub1, "a", NULL, 0, 60, NULL, NULL, &tok, err, sizeof err), -1);
    assert_null(tok);
    const char *bad[] = {"ROLE_\xff"};
    assert_int_equal(auth_sign_token(priv1, "a", bad, 1, 60, NULL, NULL, &tok, err, sizeof err), -1);
    assert_null(tok);
    /* zero roles: empty authorities array */
    assert_int_equal(auth_sign_token(priv1, "a", NULL, 0, 60, NULL, "kid-1", &tok, err, sizeof err), 0);
    auth_ctx *a = pem_ctx(pub1, NULL);
    auth_result r;
    assert_true(verify(a, tok, &r));
    assert_int_equal(r.roles, 0);
    free(tok);
    auth_free(a);
    char dir_priv[160];
    snprintf(dir_priv, sizeof dir_priv, "%s/nodir/k.pem", tmpdir);
    assert_int_equal(auth_generate_key(dir_priv, pub2, err, sizeof err), -1);
    assert_true(err[0] != 0);
}

static void test_b64url(void **state) {
    (void)state;
    const struct {
        const char *in, *out;
    } v[] = {{"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"}, {"foob", "Zm9vYg"}, {"\xfb\xff", "-_8"}};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        char *e = auth_b64url_encode(v[i].in, strlen(v[i].in));
        assert_string_equal(e, v[i].out);
        free(e);
    }
}

int main(void) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_b64url),
        cmocka_unit_test(test_keygen_files),
        cmocka_unit_test(test_auth_new_errors),
        cmocka_unit_test(test_pkcs1_public_key),
        cmocka_unit_test(test_valid_token),
        cmocka_unit_test(test_admin_role),
        cmocka_unit_test(test_unknown_authority_ignored),
        cmocka_unit_test(test_other_key_refused),
        cmocka_unit_test(test_exp),
        cmocka_unit_test(test_nbf),
        cmocka_unit_test(test_alg_none),
        cmocka_unit_test(test_alg_hs256_with_public_key),
        cmocka_unit_test(test_issuer),
        cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_tampered),
        cmocka_unit_test(test_truncated_claims),
        cmocka_unit_test(test_kid_with_pem_only),
        cmocka_unit_test(test_jwks_kid),
        cmocka_unit_test(test_jwks_fetch),
        cmocka_unit_test(test_jwks_unreachable),
        cmocka_unit_test(test_concurrent_verify_and_refetch),
        cmocka_unit_test(test_sign_errors),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    curl_global_cleanup();
    return rc;
}
