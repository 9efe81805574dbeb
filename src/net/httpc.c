/*
 * httpc.c - the one outbound HTTP client (libcurl). Contract in httpc.h.
 *
 * Each httpc keeps one curl easy handle: curl_easy_reset() before every
 * request clears the options but keeps the connection cache, so calls to the
 * same host reuse their TCP (and TLS) connection.
 *
 * Retries (platform.md §7.4): attempt n+1 starts backoff_ms * n^2 after
 * attempt n failed with a transport error (connect, timeout, reset) or answered
 * 5xx / 429; only GET and POSTs marked retry_post are retried; a body over the
 * cap is never retried. The last outcome is returned: an HTTP answer (even a
 * 503) is HTTPC_OK with its status, so the caller decides what it means.
 *
 * OAuth2 client credentials: one process-wide token cache (tok_lock). The
 * token is fetched with a POST grant_type=client_credentials and HTTP Basic
 * client authentication, kept until 60 s before expires_in (half its lifetime
 * when that is shorter than two minutes), and dropped when a request with it
 * gets 401 (that request is then repeated once with a new token). Threads that
 * need a token while one is being fetched wait for that fetch (tok_lock).
 *
 * No URL, header or body is logged here: detail URLs carry CRNs.
 */
#include "httpc.h"

#include <curl/curl.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/buf.h"

#define DEFAULT_CONNECT_MS 1000
#define DEFAULT_TIMEOUT_MS 5000
#define DEFAULT_MAX_BYTES (16u << 20)
#define DEFAULT_BACKOFF_MS 200
#define MAX_ATTEMPTS 10
#define TOKEN_MAX_BYTES (64 * 1024)
#define TOKEN_EARLY_S 60

struct httpc {
    CURL *easy;
    char errbuf[CURL_ERROR_SIZE];
    bool permanent; /* the last failure cannot go better on another attempt (bad URL, unreadable file) */
};

/* ---------------------------------------------------------------- globals -- */

static struct {
    pthread_mutex_t lock;
    char *url, *client_id, *secret; /* from the environment at httpc_global_init */
    char *token;                    /* cached access token, NULL = none */
    time_t refresh_at;              /* fetch again at or after this time */
    unsigned long fetches;
} tok = {.lock = PTHREAD_MUTEX_INITIALIZER};

static char *env_dup(const char *name) {
    const char *v = getenv(name);
    return v && *v ? strdup(v) : NULL;
}

int httpc_global_init(void) {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return -1;
    pthread_mutex_lock(&tok.lock);
    free(tok.url);
    free(tok.client_id);
    free(tok.secret);
    free(tok.token);
    tok.url = env_dup("DELIUSD_OAUTH_TOKEN_URL");
    tok.client_id = env_dup("DELIUSD_OAUTH_CLIENT_ID");
    tok.secret = env_dup("DELIUSD_OAUTH_CLIENT_SECRET");
    tok.token = NULL;
    tok.refresh_at = 0;
    tok.fetches = 0;
    pthread_mutex_unlock(&tok.lock);
    return 0;
}

void httpc_global_cleanup(void) {
    pthread_mutex_lock(&tok.lock);
    free(tok.url);
    free(tok.client_id);
    free(tok.secret);
    free(tok.token);
    tok.url = tok.client_id = tok.secret = tok.token = NULL;
    pthread_mutex_unlock(&tok.lock);
    curl_global_cleanup();
}

/* --------------------------------------------------------------- handles -- */

httpc *httpc_new(void) {
    httpc *h = calloc(1, sizeof *h);
    if (!h) return NULL;
    if (!(h->easy = curl_easy_init())) {
        free(h);
        return NULL;
    }
    return h;
}

void httpc_free(httpc *h) {
    if (!h) return;
    curl_easy_cleanup(h->easy);
    free(h);
}

void httpc_resp_free(httpc_resp *r) {
    if (!r) return;
    free(r->body);
    r->body = NULL;
    r->len = 0;
}

static void set_err(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_err(char *err, size_t errlen, const char *fmt, ...) {
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static long or_default(long v, long def) { return v > 0 ? v : def; }

static int xferinfo(void *ud, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    const httpc_opts *o = ud;
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    return o->cancelled(o->cancel_ctx) ? 1 : 0;
}

/* Common options of every request on h (after curl_easy_reset). */
static void base_options(httpc *h, const char *url, const httpc_opts *o, bool stream) {
    CURL *c = h->easy;
    curl_easy_reset(c);
    h->errbuf[0] = 0;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 3L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "deliusd");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, or_default(o ? o->connect_timeout_ms : 0, DEFAULT_CONNECT_MS));
    if (o && o->aws_sigv4 && o->aws_credentials) {
        curl_easy_setopt(c, CURLOPT_AWS_SIGV4, o->aws_sigv4);
        curl_easy_setopt(c, CURLOPT_USERPWD, o->aws_credentials);
    }
    if (o && o->cancelled) {
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, xferinfo);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)o);
    }
    long t = or_default(o ? o->timeout_ms : 0, DEFAULT_TIMEOUT_MS);
    if (stream) {
        /* a stream may run long: abort when less than 1 byte/s arrives for the timeout */
        long secs = (t + 999) / 1000;
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, secs < 1 ? 1L : secs);
    } else {
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, t);
        if (o && o->read_timeout_ms > 0) { /* a silent peer: less than 1 byte/s for the read timeout */
            long secs = (o->read_timeout_ms + 999) / 1000;
            curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
            curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, secs);
        }
    }
}

static int map_curl_error(CURLcode rc, bool too_large) {
    if (too_large || rc == CURLE_FILESIZE_EXCEEDED) return HTTPC_ERR_TOO_LARGE;
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_SSL_CONNECT_ERROR: return HTTPC_ERR_CONNECT;
    case CURLE_OPERATION_TIMEDOUT: return HTTPC_ERR_TIMEOUT;
    default: return HTTPC_ERR_OTHER;
    }
}

/* Errors worth another attempt: the far side may answer next time. */
static bool transient_error(int rc) { return rc == HTTPC_ERR_CONNECT || rc == HTTPC_ERR_TIMEOUT || rc == HTTPC_ERR_OTHER; }

static void sleep_ms(long ms) {
    if (ms <= 0) return;
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

/* ------------------------------------------------------- buffered bodies -- */

struct sink {
    buf body;
    bool too_large;
    char content_type[128];
};

static size_t sink_write(char *p, size_t size, size_t nmemb, void *ud) {
    struct sink *s = ud;
    size_t n = size * nmemb;
    buf_append(&s->body, p, n);
    if (s->body.overflow) {
        s->too_large = true;
        return 0; /* aborts with CURLE_WRITE_ERROR */
    }
    return n;
}

typedef enum { REQ_GET, REQ_POST, REQ_MULTIPART } req_kind;

typedef struct request {
    req_kind kind;
    const char *url;
    const char *content_type; /* POST */
    const char *body;
    size_t len;
    const httpc_part *parts; /* MULTIPART */
    size_t nparts;
} request;

/* One transfer. Returns HTTPC_OK (out filled) or an error (out->status 0). */
static int perform_once(httpc *h, const request *rq, const httpc_opts *o, const char *bearer, httpc_resp *out,
                        char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    h->permanent = true; /* until the transfer itself runs: set-up failures are not retried */
    base_options(h, rq->url, o, false);
    CURL *c = h->easy;
    size_t cap = o && o->max_bytes ? o->max_bytes : DEFAULT_MAX_BYTES;
    struct sink s = {.body = BUF_INIT};
    s.body.limit = cap;
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)cap);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);

    struct curl_slist *hdrs = NULL;
    char line[4400];
    bool ok = true;
    if (bearer) {
        snprintf(line, sizeof line, "Authorization: Bearer %s", bearer);
        ok = (hdrs = curl_slist_append(hdrs, line)) != NULL;
    }
    if (ok && rq->kind == REQ_POST) {
        snprintf(line, sizeof line, "Content-Type: %s", rq->content_type ? rq->content_type : "application/octet-stream");
        struct curl_slist *n = curl_slist_append(hdrs, line);
        ok = n != NULL;
        if (n) hdrs = n;
    }
    if (ok && rq->kind != REQ_GET) {
        struct curl_slist *n = curl_slist_append(hdrs, "Expect:"); /* no 100-continue round trip */
        ok = n != NULL;
        if (n) hdrs = n;
    }
    for (const char *const *hp = o ? o->headers : NULL; ok && hp && *hp; hp++) {
        struct curl_slist *n = curl_slist_append(hdrs, *hp);
        ok = n != NULL;
        if (n) hdrs = n;
    }
    curl_mime *mime = NULL;
    if (ok && rq->kind == REQ_POST) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, rq->body ? rq->body : "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(rq->body ? rq->len : 0));
    } else if (ok && rq->kind == REQ_MULTIPART) {
        ok = (mime = curl_mime_init(c)) != NULL;
        for (size_t i = 0; ok && i < rq->nparts; i++) {
            const httpc_part *p = &rq->parts[i];
            curl_mimepart *mp = curl_mime_addpart(mime);
            if (!mp || curl_mime_name(mp, p->name) != CURLE_OK) {
                ok = false;
                break;
            }
            CURLcode r = CURLE_OK;
            if (p->file_path) r = curl_mime_filedata(mp, p->file_path);
            else if (p->data) r = curl_mime_data(mp, p->data, p->data_len);
            else r = curl_mime_data(mp, p->value ? p->value : "", CURL_ZERO_TERMINATED);
            /* filedata sets the file's base name as filename; an explicit one replaces it */
            if (r == CURLE_OK && (p->filename || p->file_path)) r = curl_mime_filename(mp, p->filename);
            if (r == CURLE_OK && p->content_type) r = curl_mime_type(mp, p->content_type);
            if (r != CURLE_OK) {
                set_err(err, errlen, "cannot read multipart part: %s", curl_easy_strerror(r));
                curl_mime_free(mime);
                curl_slist_free_all(hdrs);
                buf_dispose(&s.body);
                return HTTPC_ERR_OTHER;
            }
        }
        if (ok) curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
    }
    if (!ok) {
        set_err(err, errlen, "out of memory");
        curl_mime_free(mime);
        curl_slist_free_all(hdrs);
        buf_dispose(&s.body);
        return HTTPC_ERR_OTHER;
    }
    if (hdrs) curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);

    CURLcode rc = curl_easy_perform(c);
    h->permanent = rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL || rc == CURLE_READ_ERROR ||
                   rc == CURLE_OUT_OF_MEMORY || rc == CURLE_BAD_FUNCTION_ARGUMENT;
    int result = HTTPC_OK;
    if (rc == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
        char *ct = NULL;
        if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct) == CURLE_OK && ct)
            snprintf(out->content_type, sizeof out->content_type, "%s", ct);
        if (s.body.len) {
            out->body = buf_release(&s.body, &out->len);
        }
    } else {
        result = map_curl_error(rc, s.too_large);
        if (result == HTTPC_ERR_TOO_LARGE) set_err(err, errlen, "response body larger than the cap");
        else if (rc == CURLE_ABORTED_BY_CALLBACK) set_err(err, errlen, "cancelled");
        else set_err(err, errlen, "%s", h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc));
    }
    curl_mime_free(mime);
    curl_slist_free_all(hdrs);
    buf_dispose(&s.body);
    return result;
}

/* ----------------------------------------------------------------- OAuth -- */

/* Fetches a token into tok (called with tok.lock held). */
static int token_fetch(char *err, size_t errlen) {
    if (!tok.url || !tok.client_id || !tok.secret) {
        set_err(err, errlen, "OAuth is not configured (DELIUSD_OAUTH_TOKEN_URL, _CLIENT_ID, _CLIENT_SECRET)");
        return HTTPC_ERR_OTHER;
    }
    CURL *c = curl_easy_init();
    if (!c) {
        set_err(err, errlen, "out of memory");
        return HTTPC_ERR_OTHER;
    }
    int result = HTTPC_ERR_OTHER;
    struct curl_slist *hdrs = curl_slist_append(NULL, "Accept: application/json");
    for (int attempt = 1; attempt <= 3; attempt++) {
        if (attempt > 1) sleep_ms(DEFAULT_BACKOFF_MS * (long)(attempt - 1) * (attempt - 1));
        struct sink s = {.body = BUF_INIT};
        s.body.limit = TOKEN_MAX_BYTES;
        char errbuf[CURL_ERROR_SIZE] = "";
        curl_easy_reset(c);
        curl_easy_setopt(c, CURLOPT_URL, tok.url);
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)DEFAULT_CONNECT_MS);
        curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)DEFAULT_TIMEOUT_MS);
        curl_easy_setopt(c, CURLOPT_USERAGENT, "deliusd");
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, tok.client_id);
        curl_easy_setopt(c, CURLOPT_PASSWORD, tok.secret);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, "grant_type=client_credentials");
        if (hdrs) curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink_write);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
        CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        tok.fetches++;
        if (rc != CURLE_OK) {
            set_err(err, errlen, "token endpoint: %s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
            buf_dispose(&s.body);
            continue;
        }
        if (status != 200) {
            char st[64];
            snprintf(st, sizeof st, "HTTP %ld", status);
            set_err(err, errlen, "token endpoint answered %s", st);
            buf_dispose(&s.body);
            if (status >= 500 || status == 429) continue;
            break;
        }
        json_error_t je;
        json_t *j = s.body.data ? json_loadb(s.body.data, s.body.len, 0, &je) : NULL;
        buf_dispose(&s.body);
        const char *at = j ? json_string_value(json_object_get(j, "access_token")) : NULL;
        if (!at || !*at || strlen(at) > 4096) {
            set_err(err, errlen, "token endpoint answer has no usable access_token");
            json_decref(j);
            break;
        }
        json_t *ei = json_object_get(j, "expires_in");
        long long expires = json_is_integer(ei) ? json_integer_value(ei)
                            : json_is_real(ei)  ? (long long)json_real_value(ei)
                            : json_is_string(ei) ? atoll(json_string_value(ei))
                                                 : 300;
        if (expires < 1) expires = 1;
        long long keep = expires >= 2 * TOKEN_EARLY_S ? expires - TOKEN_EARLY_S : expires / 2;
        char *copy = strdup(at);
        json_decref(j);
        if (!copy) {
            set_err(err, errlen, "out of memory");
            break;
        }
        free(tok.token);
        tok.token = copy;
        tok.refresh_at = time(NULL) + (time_t)keep;
        result = HTTPC_OK;
        break;
    }
    curl_slist_free_all(hdrs);
    curl_easy_cleanup(c);
    return result;
}

/* Copies the current token into out (fetching one when none is valid). */
static int token_get(char *out, size_t outlen, char *err, size_t errlen) {
    pthread_mutex_lock(&tok.lock);
    int rc = HTTPC_OK;
    if (!tok.token || time(NULL) >= tok.refresh_at) rc = token_fetch(err, errlen);
    if (rc == HTTPC_OK) snprintf(out, outlen, "%s", tok.token);
    pthread_mutex_unlock(&tok.lock);
    return rc;
}

/* Drops the cached token if it is still `used` (another thread may have renewed it). */
static void token_invalidate(const char *used) {
    pthread_mutex_lock(&tok.lock);
    if (tok.token && !strcmp(tok.token, used)) {
        free(tok.token);
        tok.token = NULL;
    }
    pthread_mutex_unlock(&tok.lock);
}

/* Number of token fetches since httpc_global_init (tests). */
unsigned long httpc_token_fetches(void) {
    pthread_mutex_lock(&tok.lock);
    unsigned long n = tok.fetches;
    pthread_mutex_unlock(&tok.lock);
    return n;
}

/* ---------------------------------------------------------- the requests -- */

static int run_request(httpc *h, const request *rq, const httpc_opts *o, httpc_resp *out, char *err, size_t errlen) {
    if (err && errlen) err[0] = 0;
    if (!h || !rq->url || !out) {
        if (out) memset(out, 0, sizeof *out);
        set_err(err, errlen, "invalid arguments");
        return HTTPC_ERR_OTHER;
    }
    int attempts = o && o->attempts > 0 ? o->attempts : 1;
    if (attempts > MAX_ATTEMPTS) attempts = MAX_ATTEMPTS;
    bool idempotent = rq->kind == REQ_GET || (o && o->retry_post);
    if (!idempotent) attempts = 1;
    long backoff = or_default(o ? o->backoff_ms : 0, DEFAULT_BACKOFF_MS);
    bool oauth = o && o->oauth;
    bool renewed = false; /* a 401 gets one repeat with a fresh token */
    int rc = HTTPC_ERR_OTHER;
    memset(out, 0, sizeof *out);
    for (int n = 1; n <= attempts; n++) {
        char bearer[4200];
        if (oauth) {
            rc = token_get(bearer, sizeof bearer, err, errlen);
            if (rc != HTTPC_OK) {
                memset(out, 0, sizeof *out);
                return rc;
            }
        }
        rc = perform_once(h, rq, o, oauth ? bearer : NULL, out, err, errlen);
        if (rc == HTTPC_OK && out->status == 401 && oauth && !renewed) {
            renewed = true;
            token_invalidate(bearer);
            httpc_resp_free(out);
            n--; /* the repeat does not use up an attempt */
            continue;
        }
        bool cancelled = o && o->cancelled && o->cancelled(o->cancel_ctx);
        bool retry = !cancelled && (rc == HTTPC_OK ? (out->status >= 500 || out->status == 429)
                                                   : transient_error(rc) && !h->permanent);
        if (!retry || n == attempts) break;
        httpc_resp_free(out);
        sleep_ms(backoff * (long)n * n);
    }
    return rc;
}

int httpc_get(httpc *h, const char *url, const httpc_opts *opts, httpc_resp *out, char *err, size_t errlen) {
    request rq = {.kind = REQ_GET, .url = url};
    return run_request(h, &rq, opts, out, err, errlen);
}

int httpc_post(httpc *h, const char *url, const char *content_type, const char *body, size_t len,
               const httpc_opts *opts, httpc_resp *out, char *err, size_t errlen) {
    request rq = {.kind = REQ_POST, .url = url, .content_type = content_type, .body = body, .len = len};
    return run_request(h, &rq, opts, out, err, errlen);
}

int httpc_post_multipart(httpc *h, const char *url, const httpc_part *parts, size_t nparts, const httpc_opts *opts,
                         httpc_resp *out, char *err, size_t errlen) {
    request rq = {.kind = REQ_MULTIPART, .url = url, .parts = parts, .nparts = nparts};
    return run_request(h, &rq, opts, out, err, errlen);
}

/* ------------------------------------------------------------- streaming -- */

struct stream_state {
    const httpc_stream_cb *cb;
    long status;
    char content_type[128], content_length[32], last_modified[64];
    bool headers_sent, aborted;
};

static void copy_value(char *dst, size_t dstlen, const char *v, size_t n) {
    while (n && (*v == ' ' || *v == '\t')) v++, n--;
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ')) n--;
    if (n >= dstlen) n = dstlen - 1;
    memcpy(dst, v, n);
    dst[n] = 0;
}

static size_t stream_header(char *p, size_t size, size_t nmemb, void *ud) {
    struct stream_state *st = ud;
    size_t n = size * nmemb;
    if (n >= 5 && !memcmp(p, "HTTP/", 5)) { /* a new response (redirect, 100): forget the earlier headers */
        st->content_type[0] = st->content_length[0] = st->last_modified[0] = 0;
        return n;
    }
    const char *colon = memchr(p, ':', n);
    if (!colon) return n;
    size_t klen = (size_t)(colon - p), vlen = n - klen - 1;
    if (klen == 12 && !strncasecmp(p, "Content-Type", 12)) copy_value(st->content_type, sizeof st->content_type, colon + 1, vlen);
    else if (klen == 14 && !strncasecmp(p, "Content-Length", 14))
        copy_value(st->content_length, sizeof st->content_length, colon + 1, vlen);
    else if (klen == 13 && !strncasecmp(p, "Last-Modified", 13))
        copy_value(st->last_modified, sizeof st->last_modified, colon + 1, vlen);
    return n;
}

static void stream_emit_headers(struct stream_state *st, CURL *c) {
    if (st->headers_sent) return;
    st->headers_sent = true;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &st->status);
    if (st->cb->on_headers)
        st->cb->on_headers(st->cb->ctx, st->status, st->content_type[0] ? st->content_type : NULL,
                           st->content_length[0] ? st->content_length : NULL,
                           st->last_modified[0] ? st->last_modified : NULL);
}

struct stream_ud {
    struct stream_state *st;
    CURL *c;
};

static size_t stream_write(char *p, size_t size, size_t nmemb, void *ud) {
    struct stream_ud *u = ud;
    size_t n = size * nmemb;
    stream_emit_headers(u->st, u->c);
    if (u->st->cb->on_data && !u->st->cb->on_data(u->st->cb->ctx, p, n)) {
        u->st->aborted = true;
        return 0;
    }
    return n;
}

int httpc_get_stream(httpc *h, const char *url, const httpc_opts *opts, const httpc_stream_cb *cb, char *err,
                     size_t errlen) {
    if (err && errlen) err[0] = 0;
    if (!h || !url || !cb) {
        set_err(err, errlen, "invalid arguments");
        return HTTPC_ERR_OTHER;
    }
    char bearer[4200];
    bool oauth = opts && opts->oauth;
    if (oauth) {
        int rc = token_get(bearer, sizeof bearer, err, errlen);
        if (rc != HTTPC_OK) return rc;
    }
    base_options(h, url, opts, true);
    CURL *c = h->easy;
    struct stream_state st = {.cb = cb};
    struct stream_ud ud = {&st, c};
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, stream_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &st);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, stream_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &ud);
    struct curl_slist *hdrs = NULL;
    bool ok = true;
    if (oauth) {
        char line[4300];
        snprintf(line, sizeof line, "Authorization: Bearer %s", bearer);
        ok = (hdrs = curl_slist_append(hdrs, line)) != NULL;
    }
    for (const char *const *hp = opts ? opts->headers : NULL; ok && hp && *hp; hp++) {
        struct curl_slist *n = curl_slist_append(hdrs, *hp);
        ok = n != NULL;
        if (n) hdrs = n;
    }
    if (!ok) {
        curl_slist_free_all(hdrs);
        set_err(err, errlen, "out of memory");
        return HTTPC_ERR_OTHER;
    }
    if (hdrs) curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(hdrs);
    if (rc == CURLE_OK) {
        stream_emit_headers(&st, c); /* an empty body still reports its headers */
        if (oauth && st.status == 401) token_invalidate(bearer);
        return HTTPC_OK;
    }
    if (st.aborted) {
        set_err(err, errlen, "aborted by the receiver");
        return HTTPC_ERR_OTHER;
    }
    set_err(err, errlen, "%s", h->errbuf[0] ? h->errbuf : curl_easy_strerror(rc));
    return map_curl_error(rc, false);
}
