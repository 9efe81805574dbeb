/*
 * httpc.h - the one outbound HTTP client (libcurl): JWKS, the document store,
 * the compare upstream, the message consumers' detail fetches.
 *
 * Every call is bounded: connect and total timeouts, a cap on the response
 * body, and a fixed number of attempts with back-off (delay_ms * n^2 before
 * attempt n+1). Only transport errors and 5xx/429 answers are retried, and only
 * for idempotent requests (GET, or when opts.retry_post is set).
 *
 * OAuth2 client credentials: with opts.oauth set, a bearer token from
 * DELIUSD_OAUTH_TOKEN_URL (client id/secret from DELIUSD_OAUTH_CLIENT_ID /
 * _SECRET) is added; the token is cached process-wide until 60 s before its
 * expiry and fetched again after a 401.
 *
 * Threading and ownership: an httpc is used by one thread at a time; it keeps
 * a curl easy handle so connections are reused between its calls. The caller
 * owns it (httpc_new / httpc_free). Response bodies are malloc'd and owned by
 * the httpc_resp (httpc_resp_free).
 */
#ifndef DL_HTTPC_H
#define DL_HTTPC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct httpc httpc;

typedef struct httpc_opts {
    long connect_timeout_ms; /* 0 = 1000 */
    long timeout_ms;         /* whole transfer (or read for streams); 0 = 5000 */
    long read_timeout_ms;    /* 0 = none; else abort when no byte arrives for this long (whole seconds,
                                rounded up) while timeout_ms still bounds the whole transfer */
    size_t max_bytes;        /* response body cap; 0 = 16 MiB; over it -> HTTPC_TOO_LARGE */
    int attempts;            /* total attempts; 0 = 1 */
    long backoff_ms;         /* base of the n^2 back-off; 0 = 200 */
    bool oauth;              /* add a client-credentials bearer token */
    bool retry_post;         /* POST is safe to retry */
    const char *const *headers; /* extra request headers "Name: value", NULL-terminated; may be NULL */
    /* AWS Signature V4 (libcurl CURLOPT_AWS_SIGV4), e.g. "aws:amz:eu-west-2:sqs", with
     * aws_credentials "ACCESS_KEY_ID:SECRET_ACCESS_KEY"; NULL = unsigned. */
    const char *aws_sigv4;
    const char *aws_credentials;
    /* Polled during the transfer; returning true aborts it (HTTPC_ERR_OTHER, "cancelled").
     * For long polls that must end promptly on shutdown. NULL = never. */
    bool (*cancelled)(void *ctx);
    void *cancel_ctx;
} httpc_opts;

typedef struct httpc_resp {
    long status;             /* HTTP status; 0 when no answer */
    char *body;              /* NUL-terminated, malloc'd; NULL when empty */
    size_t len;
    char content_type[128];  /* "" when absent */
} httpc_resp;

enum {
    HTTPC_OK = 0,            /* an HTTP answer was received (any status) */
    HTTPC_ERR_CONNECT = -1,  /* refused, DNS, ... */
    HTTPC_ERR_TIMEOUT = -2,
    HTTPC_ERR_TOO_LARGE = -3,
    HTTPC_ERR_OTHER = -4,    /* includes an OAuth token that could not be fetched */
};

httpc *httpc_new(void);
void httpc_free(httpc *h);

/* GET url. Returns HTTPC_OK with out filled, or an HTTPC_ERR_* (out->status 0)
 * with a message in err. */
int httpc_get(httpc *h, const char *url, const httpc_opts *opts, httpc_resp *out, char *err, size_t errlen);
/* POST body (content_type e.g. "application/json"). Same returns. */
int httpc_post(httpc *h, const char *url, const char *content_type, const char *body, size_t len,
               const httpc_opts *opts, httpc_resp *out, char *err, size_t errlen);

/* One part of a multipart/form-data POST: in-memory data, or a file streamed from disk. */
typedef struct httpc_part {
    const char *name;        /* form field name */
    const char *value;       /* text value, or NULL when file/data is used */
    const char *data;        /* bytes (with data_len), or NULL */
    size_t data_len;
    const char *file_path;   /* a file streamed from disk, or NULL */
    const char *filename;    /* filename= of the part, or NULL */
    const char *content_type;/* part content type, or NULL */
} httpc_part;
int httpc_post_multipart(httpc *h, const char *url, const httpc_part *parts, size_t nparts, const httpc_opts *opts,
                         httpc_resp *out, char *err, size_t errlen);

/* Streaming GET (no body cap; one attempt): on_headers runs once with the
 * status and response headers before the first on_data; on_data receives the
 * body in pieces and returns false to abort. Returns as httpc_get. */
typedef struct httpc_stream_cb {
    void (*on_headers)(void *ctx, long status, const char *content_type, const char *content_length,
                       const char *last_modified);
    bool (*on_data)(void *ctx, const char *data, size_t len);
    void *ctx;
} httpc_stream_cb;
int httpc_get_stream(httpc *h, const char *url, const httpc_opts *opts, const httpc_stream_cb *cb, char *err,
                     size_t errlen);

void httpc_resp_free(httpc_resp *r);

/* Process-wide set-up and tear-down (curl_global_init / cleanup, token cache).
 * httpc_global_init reads DELIUSD_OAUTH_TOKEN_URL / _CLIENT_ID / _CLIENT_SECRET. */
int httpc_global_init(void);
void httpc_global_cleanup(void);
/* Token requests made since httpc_global_init (for tests and metrics). */
unsigned long httpc_token_fetches(void);

#endif
