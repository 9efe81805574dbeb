/*
 * http.c - the HTTP adapter: libmicrohttpd thread pool -> router -> auth -> handler.
 *
 * Request flow (one MHD connection, one worker thread):
 *   1st access-handler call: create the http_req (arena, request id, limits).
 *   next calls: collect the POST body (bounded by cfg.max_body).
 *   last call: match the route (404/405), check the bearer token and roles
 *   (401/403), call the handler, queue its response.
 *   request-completed callback: access log line, metrics, free the request.
 * Core knows no service and no database: the route table, the admin roles and
 * the hooks arrive in server_opts (server.h). The same request object also
 * serves in-process calls (http_invoke): no MHD connection, headers and query
 * from arrays, the answer collected into a buffer; every accessor and answer
 * function below checks which kind it has, so handlers run unchanged.
 */
#include "http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "auth.h"
#include "config.h"
#include "conns.h"
#include "mhd_errors.h"
#include "log.h"
#include "metrics.h"
#include "router.h"
#include "server.h"
#include "timeutil.h"

#define MAX_URL_BYTES 8192
#define MAX_HEADER_BYTES 16384
#define MAX_EXTRA_HEADERS 16
#define STREAM_BLOCK 16384

struct hdr {
    const char *name, *value;
};

/* An in-process request (http_invoke): its inputs and where the answer goes. */
struct inproc {
    const char *const *headers; /* name, value, ..., NULL (borrowed) */
    const char **qk, **qv;      /* decoded query parameters (arena) */
    size_t nq;
    size_t max_body;
    bool check_auth;
    http_invoke_result *res;
};

struct http_req {
    struct MHD_Connection *conn; /* NULL for an in-process request */
    struct inproc *ip;           /* non-NULL for an in-process request */
    arena *arena;
    const char *method, *url;
    int route_idx; /* -1 when unmatched */
    const route_def *route;
    route_match match;
    const char **var_names, **var_vals;
    char request_id[72];
    uint64_t start_us;
    auth_result auth;
    bool authenticated;
    /* body */
    buf body;
    bool body_too_large;
    bool body_expected; /* the request announced a body (Content-Length > 0 or Transfer-Encoding) */
    /* response */
    buf out;
    jw w;
    bool answered;
    int status;
    struct MHD_Response *resp;
    struct hdr extra[MAX_EXTRA_HEADERS];
    int nextra;
    int refs; /* the MHD request + a streamed response */
    const char *route_label;
};

static server_opts g_opts; /* installed by server_init */
static atomic_int g_inflight;
static atomic_bool g_stopping; /* SIGTERM received: every response says Connection: close */

/* ---- helpers ------------------------------------------------------------- */

static const char *reason(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return status < 500 ? "Bad Request" : "Internal Server Error";
    }
}

/* Request ids are correlation ids, not secrets: a per-thread xorshift128+
 * generator seeded once from getrandom(2) (one system call per thread instead
 * of one per request; issue 15). Falls back to the clock and a counter when
 * getrandom fails. */
static _Thread_local uint64_t tl_rid[2];

static uint64_t rid_next(void) {
    if (!tl_rid[0] && !tl_rid[1]) {
        if (getrandom(tl_rid, sizeof tl_rid, 0) != (ssize_t)sizeof tl_rid || (!tl_rid[0] && !tl_rid[1])) {
            static atomic_ulong ctr;
            tl_rid[0] = ((uint64_t)atomic_fetch_add(&ctr, 1) << 32) ^ (uint64_t)tu_mono_ms() ^ 0x9e3779b97f4a7c15u;
            tl_rid[1] = (uint64_t)(uintptr_t)&tl_rid ^ 0xbf58476d1ce4e5b9u;
        }
    }
    uint64_t x = tl_rid[0];
    const uint64_t y = tl_rid[1];
    tl_rid[0] = y;
    x ^= x << 23;
    tl_rid[1] = x ^ y ^ (x >> 17) ^ (y >> 26);
    return tl_rid[1] + y;
}

static void new_request_id(char *out, size_t n) {
    unsigned char r[16];
    uint64_t a = rid_next(), b = rid_next();
    memcpy(r, &a, sizeof a);
    memcpy(r + 8, &b, sizeof b);
    snprintf(out, n, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2], r[3],
             r[4], r[5], (r[6] & 0x0f) | 0x40, r[7], (r[8] & 0x3f) | 0x80, r[9], r[10], r[11], r[12], r[13], r[14],
             r[15]);
}

static bool valid_request_id(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 64) return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.') return false;
    return true;
}

/* ---- request accessors --------------------------------------------------- */

const char *http_method(const http_req *r) { return r->method; }
const char *http_url_path(const http_req *r) { return r->url; }
arena *http_arena(http_req *r) { return r->arena; }
const char *http_principal(const http_req *r) { return r->authenticated ? r->auth.sub : NULL; }
const route_def *http_route(const http_req *r) { return r->route; }
bool http_via_alias(const http_req *r) { return r->route && r->match.alias; }
const char *http_request_id(const http_req *r) { return r->request_id; }

const char *http_path(const http_req *r, const char *name) {
    for (int i = 0; i < r->match.nvars; i++)
        if (!strcmp(r->var_names[i], name)) return r->var_vals[i];
    return NULL;
}

const char *http_header(const http_req *r, const char *name) {
    if (!r->ip) return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
    for (const char *const *h = r->ip->headers; h && h[0] && h[1]; h += 2)
        if (!strcasecmp(h[0], name)) return h[1];
    return NULL;
}

const char *http_query_raw(const http_req *r, const char *name) {
    if (!r->ip) return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
    for (size_t i = 0; i < r->ip->nq; i++)
        if (!strcmp(r->ip->qk[i], name)) return r->ip->qv[i];
    return NULL;
}

const char *http_body(const http_req *r, size_t *len) {
    if (len) *len = r->body.len;
    return r->body.data;
}

/* ---- responses ----------------------------------------------------------- */

jw *http_json(http_req *r) { return &r->w; }

void http_add_header(http_req *r, const char *name, const char *value) {
    if (r->nextra >= MAX_EXTRA_HEADERS) return;
    r->extra[r->nextra].name = arena_strdup(r->arena, name);
    r->extra[r->nextra].value = arena_strdup(r->arena, value);
    r->nextra++;
}

static void set_response(http_req *r, int status, struct MHD_Response *resp, const char *content_type) {
    if (r->answered) { /* a second answer is a bug in the handler: keep the first */
        MHD_destroy_response(resp);
        log_msg(LOG_ERROR, "handler answered twice", "requestId", r->request_id, NULL);
        return;
    }
    if (g_opts.before_send) g_opts.before_send(r);
    r->answered = true;
    r->status = status;
    r->resp = resp;
    if (content_type) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    for (int i = 0; i < r->nextra; i++) MHD_add_response_header(resp, r->extra[i].name, r->extra[i].value);
    MHD_add_response_header(resp, "X-Request-Id", r->request_id);
    if (atomic_load(&g_stopping)) MHD_add_response_header(resp, MHD_HTTP_HEADER_CONNECTION, "close");
}

/* Records the answer of an in-process request (takes data). */
static void inproc_answer(http_req *r, int status, char *data, size_t len, const char *content_type) {
    if (r->answered) {
        free(data);
        log_msg(LOG_ERROR, "handler answered twice", "requestId", r->request_id, NULL);
        return;
    }
    r->answered = true;
    r->status = status;
    http_invoke_result *res = r->ip->res;
    res->status = status;
    res->body = data;
    res->len = len;
    snprintf(res->content_type, sizeof res->content_type, "%s", content_type ? content_type : "");
}

static void send_buf(http_req *r, int status, buf *b, const char *content_type) {
    if (b->overflow) {
        buf_dispose(b);
        log_msg(LOG_ERROR, "response too large", "requestId", r->request_id, NULL);
        status = 500;
        buf_puts(b, "{\"status\":500,\"message\":\"Response too large\"}");
    }
    size_t len;
    char *data = buf_release(b, &len);
    if (r->ip) {
        inproc_answer(r, status, data, len, content_type);
        return;
    }
    struct MHD_Response *resp = MHD_create_response_from_buffer_with_free_callback(len, data, free);
    if (!resp) {
        free(data);
        return;
    }
    set_response(r, status, resp, content_type);
}

void http_send_json(http_req *r, int status) { send_buf(r, status, &r->out, "application/json"); }

void http_send(http_req *r, int status, const char *content_type, const char *body, size_t len) {
    buf b = BUF_INIT;
    buf_append(&b, body, len);
    send_buf(r, status, &b, content_type);
}

static void error_body(http_req *r, int status, const char *message, err_style style) {
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_kv_int(&w, "status", status);
    jw_kv_str(&w, style == ERR_STYLE_DEVELOPER ? "developerMessage" : "message", message);
    jw_obj_end(&w);
    send_buf(r, status, &b, "application/json");
}

void http_error(http_req *r, int status, const char *message) {
    error_body(r, status, message, r->route ? r->route->errors : ERR_STYLE_MESSAGE);
}

void http_not_found(http_req *r, const char *entity, const char *field, const char *value) {
    http_error(r, 404, arena_printf(r->arena, "%s with %s of %s not found", entity, field, value));
}

void http_framework_error(http_req *r, int status, const char *message) {
    char ts[48];
    tu_now_offset(ts, sizeof ts);
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_kv_str(&w, "timestamp", ts);
    jw_kv_int(&w, "status", status);
    jw_kv_str(&w, "error", reason(status));
    jw_kv_str(&w, "path", r->url ? r->url : "");
    jw_kv_str(&w, "message", message);
    jw_obj_end(&w);
    send_buf(r, status, &b, "application/json");
}

/* ---- streaming ----------------------------------------------------------- */

struct stream {
    http_req *req;
    http_stream_reader reader;
    http_stream_free free_cb;
    void *ctx;
    uint64_t deadline_ms;
};

static void req_unref(http_req *r);

static ssize_t stream_read(void *cls, uint64_t pos, char *out, size_t max) {
    (void)pos;
    struct stream *s = cls;
    if (tu_mono_ms() > s->deadline_ms) {
        log_msg(LOG_WARN, "stream timeout", "requestId", s->req->request_id, NULL);
        return MHD_CONTENT_READER_END_WITH_ERROR;
    }
    ssize_t n = s->reader(s->ctx, out, max);
    if (n > 0) return n;
    if (n == 0) return MHD_CONTENT_READER_END_OF_STREAM;
    return MHD_CONTENT_READER_END_WITH_ERROR;
}

static void stream_free(void *cls) {
    struct stream *s = cls;
    if (s->free_cb) s->free_cb(s->ctx);
    http_req *r = s->req;
    free(s);
    req_unref(r);
}

/* In-process: read the whole stream now, up to max_body bytes. */
static void inproc_stream(http_req *r, int status, const char *content_type, http_stream_reader reader, void *ctx,
                          http_stream_free free_cb) {
    buf b = BUF_INIT;
    b.limit = r->ip->max_body;
    char block[STREAM_BLOCK];
    ssize_t n;
    while ((n = reader(ctx, block, sizeof block)) > 0) {
        buf_append(&b, block, (size_t)n);
        if (b.overflow) break;
    }
    if (free_cb) free_cb(ctx);
    if (n < 0 && !b.overflow) {
        buf_dispose(&b);
        http_framework_error(r, 500, "stream failed");
        return;
    }
    send_buf(r, status, &b, content_type);
}

void http_stream(http_req *r, int status, const char *content_type, http_stream_reader reader, void *ctx,
                 http_stream_free free_cb) {
    http_stream_len(r, status, content_type, -1, reader, ctx, free_cb);
}

void http_stream_len(http_req *r, int status, const char *content_type, int64_t length, http_stream_reader reader,
                     void *ctx, http_stream_free free_cb) {
    if (r->ip) {
        inproc_stream(r, status, content_type, reader, ctx, free_cb);
        return;
    }
    struct stream *s = calloc(1, sizeof *s);
    if (!s) abort();
    s->req = r;
    s->reader = reader;
    s->free_cb = free_cb;
    s->ctx = ctx;
    s->deadline_ms = tu_mono_ms() + (uint64_t)cfg.stream_timeout_ms;
    r->refs++;
    struct MHD_Response *resp = MHD_create_response_from_callback(length < 0 ? MHD_SIZE_UNKNOWN : (uint64_t)length, STREAM_BLOCK,
                                                                      stream_read, s, stream_free);
    if (!resp) {
        stream_free(s);
        return;
    }
    set_response(r, status, resp, content_type);
}

/* ---- query parameters ---------------------------------------------------- */

/* Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. */
static bool utf8_valid(const char *str) {
    const unsigned char *p = (const unsigned char *)str;
    while (*p) {
        unsigned c = *p;
        int n;
        unsigned min, cp;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xE0) == 0xC0) n = 1, min = 0x80, cp = c & 0x1F;
        else if ((c & 0xF0) == 0xE0) n = 2, min = 0x800, cp = c & 0x0F;
        else if ((c & 0xF8) == 0xF0) n = 3, min = 0x10000, cp = c & 0x07;
        else return false;
        for (int i = 1; i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80) return false;
            cp = cp << 6 | (p[i] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        p += n + 1;
    }
    return true;
}

/* kind: 0 = missing, 1 = not a boolean, 2 = not an integer, 3 = path variable not an integer */
static bool bad_param(http_req *r, int kind, const char *name, const char *value) {
    char msg[512];
    if (!value) value = "";
    switch (kind) {
    case 0: snprintf(msg, sizeof msg, "Required parameter '%s' is not present.", name); break;
    case 1:
        snprintf(msg, sizeof msg, "Failed to convert value of parameter '%s': '%.200s' is not a boolean (true or false)",
                 name, value);
        break;
    case 2: snprintf(msg, sizeof msg, "Failed to convert value of parameter '%s': '%.200s' is not an integer", name, value); break;
    case 4: snprintf(msg, sizeof msg, "Parameter '%s' is not valid UTF-8", name); break;
    case 5: snprintf(msg, sizeof msg, "Path variable '%s' is not valid UTF-8", name); break;
    default:
        snprintf(msg, sizeof msg, "Failed to convert value of path variable '%s': '%.200s' is not an integer", name, value);
    }
    http_framework_error(r, 400, msg);
    return false;
}

bool http_query_str(http_req *r, const char *name, bool required, const char **out) {
    const char *v = http_query_raw(r, name);
    if (!v) {
        if (required) return bad_param(r, 0, name, NULL);
        *out = NULL;
        return true;
    }
    if (!utf8_valid(v)) return bad_param(r, 4, name, NULL);
    *out = v;
    return true;
}

bool http_query_bool(http_req *r, const char *name, bool required, bool def, bool *out) {
    const char *v = NULL;
    if (!http_query_str(r, name, required, &v)) return false;
    if (!v) {
        *out = def;
        return true;
    }
    if (!strcasecmp(v, "true")) *out = true;
    else if (!strcasecmp(v, "false")) *out = false;
    else return bad_param(r, 1, name, v);
    return true;
}

/* A 64-bit integer: optional sign, decimal digits only, in range. */
static bool parse_int(const char *v, int64_t *out) {
    const char *p = v;
    if (*p == '-' || *p == '+') p++;
    if (!*p) return false;
    for (const char *q = p; *q; q++)
        if (!isdigit((unsigned char)*q)) return false;
    errno = 0;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (errno || *end) return false;
    *out = n;
    return true;
}

bool http_query_int(http_req *r, const char *name, bool required, int64_t def, int64_t *out) {
    const char *v = NULL;
    if (!http_query_str(r, name, required, &v)) return false;
    if (!v) {
        *out = def;
        return true;
    }
    if (!parse_int(v, out)) return bad_param(r, 2, name, v);
    return true;
}

struct list_ctx {
    http_req *r;
    const char *name;
    const char **items;
    size_t n, cap;
};

static void list_push(struct list_ctx *l, const char *s, size_t len) {
    if (!len) return;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        const char **items = arena_alloc(l->r->arena, cap * sizeof *items);
        if (l->n) memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = arena_strndup(l->r->arena, s, len);
}

static enum MHD_Result list_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    struct list_ctx *l = cls;
    if (!key || strcmp(key, l->name) || !value) return MHD_YES;
    const char *p = value;
    for (;;) {
        const char *c = strchr(p, ',');
        size_t len = c ? (size_t)(c - p) : strlen(p);
        while (len && isspace((unsigned char)*p)) p++, len--;
        while (len && isspace((unsigned char)p[len - 1])) len--;
        list_push(l, p, len);
        if (!c) break;
        p = c + 1;
    }
    return MHD_YES;
}

bool http_query_list(http_req *r, const char *name, bool required, const char ***out, size_t *n) {
    struct list_ctx l = {r, name, NULL, 0, 0};
    if (r->ip) {
        for (size_t i = 0; i < r->ip->nq; i++) list_iter(&l, MHD_GET_ARGUMENT_KIND, r->ip->qk[i], r->ip->qv[i]);
    } else {
        MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, list_iter, &l);
    }
    for (size_t i = 0; i < l.n; i++)
        if (!utf8_valid(l.items[i])) return bad_param(r, 4, name, NULL);
    if (!l.n && required) return bad_param(r, 0, name, NULL);
    *out = l.items;
    *n = l.n;
    return true;
}

bool http_path_int(http_req *r, const char *name, int64_t *out) {
    const char *v = http_path(r, name);
    if (v && parse_int(v, out)) return true;
    return bad_param(r, 3, name, v);
}

/* ---- dispatch ------------------------------------------------------------ */

static void req_free(http_req *r) {
    buf_dispose(&r->body);
    buf_dispose(&r->out);
    arena_free(r->arena);
    free(r);
}

static void req_unref(http_req *r) {
    if (--r->refs == 0) req_free(r);
}

static void unauthorized(http_req *r, const char *why) {
    if (why) {
        char h[400];
        snprintf(h, sizeof h,
                 "Bearer error=\"invalid_token\", error_description=\"%s\", "
                 "error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"",
                 why);
        http_add_header(r, "WWW-Authenticate", h);
    } else {
        http_add_header(r, "WWW-Authenticate", "Bearer");
    }
    http_error(r, 401, "Unauthorized");
}

static bool authorize(http_req *r) {
    if (r->route->roles == ROLES_PUBLIC) return true;
    if (r->ip && !r->ip->check_auth) return true; /* the in-process caller vouches */
    const char *h = http_header(r, "Authorization");
    if (!h || strncasecmp(h, "Bearer ", 7)) {
        unauthorized(r, NULL);
        return false;
    }
    const char *tok = h + 7;
    while (*tok == ' ') tok++;
    if (!g_opts.auth || !auth_verify(g_opts.auth, tok, &r->auth)) {
        log_msg(LOG_INFO, "token refused", "requestId", r->request_id, "reason", r->auth.error, NULL);
        unauthorized(r, r->auth.error);
        return false;
    }
    r->authenticated = true;
    if ((r->auth.roles & g_opts.admin_roles) || (r->auth.roles & r->route->roles)) return true;
    http_error(r, 403, "Access Denied");
    return false;
}

/* Routes the request and checks its token and roles: false when already
 * answered (404, 405, 401, 403). Runs on the first access-handler call, after
 * the headers and before any body byte is read (issue 16). */
static bool route_and_authorize(http_req *r) {
    int idx = router_match(g_opts.routes, g_opts.nroutes, r->method, r->url, &r->match);
    if (idx == ROUTER_NOT_FOUND) {
        r->route_label = "unmatched";
        http_framework_error(r, 404, arena_printf(r->arena, "No endpoint %s %s.", r->method, r->url));
        return false;
    }
    if (idx == ROUTER_METHOD_NOT_ALLOWED) {
        r->route_label = "unmatched";
        char allow[64];
        router_allowed(g_opts.routes, g_opts.nroutes, r->url, allow, sizeof allow);
        http_add_header(r, "Allow", allow);
        http_framework_error(r, 405, arena_printf(r->arena, "Request method '%s' is not supported", r->method));
        return false;
    }
    r->route_idx = idx;
    r->route = &g_opts.routes[idx];
    r->route_label = r->route->pattern;
    r->var_names = arena_alloc(r->arena, sizeof(char *) * (size_t)(r->match.nvars + 1));
    r->var_vals = arena_alloc(r->arena, sizeof(char *) * (size_t)(r->match.nvars + 1));
    for (int i = 0; i < r->match.nvars; i++) {
        r->var_names[i] = arena_strndup(r->arena, r->match.name[i], r->match.name_len[i]);
        r->var_vals[i] = arena_strndup(r->arena, r->match.val[i], r->match.val_len[i]);
    }
    if (!authorize(r)) return false;
    /* a path variable reaches SQL as text: PostgreSQL refuses invalid UTF-8 (a 500) */
    for (int i = 0; i < r->match.nvars; i++)
        if (!utf8_valid(r->var_vals[i])) return bad_param(r, 5, r->var_names[i], NULL);
    return true;
}

static void run_handler(http_req *r) {
    if (r->body_too_large) {
        http_framework_error(r, 413, arena_printf(r->arena, "Request body larger than %zu bytes", cfg.max_body));
        return;
    }
    r->route->handler(r);
    if (g_opts.after_handler) g_opts.after_handler(r);
    if (!r->answered) {
        log_msg(LOG_ERROR, "handler did not answer", "requestId", r->request_id, "route", r->route_label, NULL);
        http_framework_error(r, 500, NULL);
    }
}

/* In-process requests: everything at once. */
static void dispatch(http_req *r) {
    if (route_and_authorize(r)) run_handler(r);
}

/* Only POST/PUT/PATCH routes take a body. */
static bool route_takes_body(const http_req *r) {
    return r->route && (!strcmp(r->route->method, "POST") || !strcmp(r->route->method, "PUT") ||
                        !strcmp(r->route->method, "PATCH"));
}

struct framing {
    int ncl;            /* Content-Length headers */
    bool cl_differ;     /* with different values */
    const char *cl;     /* the first one */
    int nte;            /* Transfer-Encoding headers */
    const char *te;
};

static enum MHD_Result framing_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    struct framing *f = cls;
    if (!key) return MHD_YES;
    if (!strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH)) {
        if (f->ncl && value && f->cl && strcmp(value, f->cl)) f->cl_differ = true;
        if (!f->ncl) f->cl = value;
        f->ncl++;
    } else if (!strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING)) {
        if (!f->nte) f->te = value;
        f->nte++;
    }
    return MHD_YES;
}

static enum MHD_Result query_bytes(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
    (void)kind;
    *(size_t *)cls += (key ? strlen(key) : 0) + (value ? strlen(value) : 0) + 2;
    return MHD_YES;
}

/* The first access-handler call: limits, framing, route, token, body policy.
 * Returns false when the request has been answered already. */
static bool admit(http_req *r, struct MHD_Connection *conn, const char *url) {
    const union MHD_ConnectionInfo *hi = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    size_t hsize = hi ? hi->header_size : 0;
    size_t qbytes = 0; /* the query string counts towards the URL limit */
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, query_bytes, &qbytes);
    if (strlen(url) + qbytes > MAX_URL_BYTES) {
        http_framework_error(r, 414, "URI longer than 8192 bytes");
        return false;
    }
    struct framing f = {0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, framing_iter, &f);
    unsigned long long cl = f.cl ? strtoull(f.cl, NULL, 10) : 0;
    r->body_expected = f.nte > 0 || cl > 0;
    /* the header block without the request line (method, URL, version: at most ~40 bytes besides the URL) */
    size_t line = strlen(url) + strlen(r->method) + 16;
    if (hsize > line && hsize - line > MAX_HEADER_BYTES) {
        http_framework_error(r, 431, "Request headers larger than 16384 bytes");
        return false;
    }
    /* request smuggling: framing that two parsers could read differently */
    if (f.ncl > 1 && f.cl_differ) {
        http_framework_error(r, 400, "Conflicting Content-Length headers");
        return false;
    }
    if (f.nte && f.ncl) {
        http_framework_error(r, 400, "Both Content-Length and Transfer-Encoding");
        return false;
    }
    if (f.nte > 1 || (f.nte && (!f.te || strcasecmp(f.te, "chunked")))) {
        http_framework_error(r, 400, "Unsupported Transfer-Encoding (only chunked)");
        return false;
    }
    if (!route_and_authorize(r)) return false;
    if (r->body_expected && !route_takes_body(r)) {
        http_framework_error(r, 413, arena_printf(r->arena, "%s %s takes no request body", r->method, r->route->pattern));
        return false;
    }
    if (cl > cfg.max_body) {
        http_framework_error(r, 413, arena_printf(r->arena, "Request body larger than %zu bytes", cfg.max_body));
        return false;
    }
    return true;
}

static enum MHD_Result queue(http_req *r, struct MHD_Connection *conn) {
    if (!r->resp) return MHD_NO;
    conns_answering(conn);
    enum MHD_Result ret = MHD_queue_response(conn, (unsigned)r->status, r->resp);
    MHD_destroy_response(r->resp);
    r->resp = NULL;
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
    (void)cls;
    (void)version;
    http_req *r = *con_cls;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r) return MHD_NO;
        r->conn = conn;
        r->arena = arena_new();
        r->refs = 1;
        r->route_idx = -1;
        r->route_label = "unmatched";
        r->start_us = tu_mono_us();
        r->method = arena_strdup(r->arena, method);
        r->url = arena_strndup(r->arena, url, strnlen(url, MAX_URL_BYTES + 1));
        r->out.limit = 256u << 20;
        jw_init(&r->w, &r->out);
        const char *rid = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Request-Id");
        if (rid && valid_request_id(rid)) snprintf(r->request_id, sizeof r->request_id, "%s", rid);
        else new_request_id(r->request_id, sizeof r->request_id);
        atomic_fetch_add(&g_inflight, 1);
        *con_cls = r;
        if (!admit(r, conn, url) && r->body_expected) {
            /* refused before any body byte is read: answer now and close the
             * connection rather than read (or buffer) what the client sends */
            if (r->resp) MHD_add_response_header(r->resp, MHD_HTTP_HEADER_CONNECTION, "close");
            return queue(r, conn);
        }
        return MHD_YES; /* queue on a later call (see c-dependencies.md) */
    }
    if (*upload_data_size) {
        if (!r->answered && !r->body_too_large) {
            if (r->body.len + *upload_data_size > cfg.max_body) {
                r->body_too_large = true;
                buf_dispose(&r->body);
            } else {
                buf_append(&r->body, upload_data, *upload_data_size);
            }
        }
        *upload_data_size = 0;
        if (r->body_too_large && !r->answered) { /* a chunked body over the limit: stop reading now */
            http_framework_error(r, 413, arena_printf(r->arena, "Request body larger than %zu bytes", cfg.max_body));
            if (r->resp) MHD_add_response_header(r->resp, MHD_HTTP_HEADER_CONNECTION, "close");
            return queue(r, conn);
        }
        return MHD_YES;
    }
    if (!r->answered) run_handler(r);
    return queue(r, conn);
}

/* The access line, subject to DELIUSD_ACCESS_LOG: all, errors (status >= 400
 * only), none, or a sampling rate for 1xx-3xx (4xx/5xx lines are always kept). */
static void access_line(http_req *r, int status, double ms) {
    if (cfg.access_log == ACCESS_LOG_NONE) return;
    if (status < 400) {
        if (cfg.access_log == ACCESS_LOG_ERRORS) return;
        if (cfg.access_log == ACCESS_LOG_SAMPLE) {
            static __thread uint64_t x;
            if (!x) x = (tu_mono_us() ^ (uint64_t)(uintptr_t)&x) | 1u;
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            if ((double)(x >> 11) / 9007199254740992.0 >= cfg.access_log_rate) return;
        }
    }
    log_access(r->request_id, r->method, r->route_label, status, ms, r->authenticated ? r->auth.client_id : NULL);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe) {
    (void)cls;
    http_req *r = *con_cls;
    if (conn) conns_waiting(conn);
    if (!r) return;
    *con_cls = NULL;
    double ms = (double)(tu_mono_us() - r->start_us) / 1000.0;
    bool ok = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK;
    bool never_sent = !r->answered || r->resp != NULL;
    if (r->resp) { /* answered but never queued: the client left first */
        MHD_destroy_response(r->resp);
        r->resp = NULL;
    }
    if (never_sent) {
        /* the client went away (or was too slow) before the answer was queued:
         * not a server error, so neither a 5xx in the metrics nor in the log
         * (nginx's 499) */
        metrics_request(r->route_idx, 499, ms);
        access_line(r, 499, ms);
        atomic_fetch_sub(&g_inflight, 1);
        req_unref(r);
        return;
    }
    int status = r->status;
    if (!ok && status < 400) {
        log_msg(LOG_WARN, "response not completed", "requestId", r->request_id, "route", r->route_label, NULL);
    }
    metrics_request(r->route_idx, status, ms);
    access_line(r, status, ms);
    atomic_fetch_sub(&g_inflight, 1);
    req_unref(r);
}

/* Percent-decoding of the path and query values. A sequence that would decode
 * to a control character (%00-%1F, %7F) leaves the whole string undecoded, so a
 * NUL can never cut a path variable short ("/person/A000001%00X" looks for the
 * CRN "A000001%00X", which matches nothing). */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s) {
    (void)cls;
    (void)c;
    for (const char *p = s; *p; p++) {
        if (*p != '%' || !isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2])) continue;
        char hex[3] = {p[1], p[2], 0};
        long v = strtol(hex, NULL, 16);
        if (v < 0x20 || v == 0x7f) return strlen(s);
    }
    return MHD_http_unescape(s);
}

/* libmicrohttpd's own messages go to the JSON log (DEBUG), with anything that
 * could carry personal data removed: a URL or path (they hold CRNs) is cut to
 * "/[redacted]", and any other CRN-shaped word (a letter and six digits) too. */
#include "http_internal.h"

void http_redact(char *msg) {
    char *w = msg;
    for (const char *p = msg; *p;) {
        bool start = p == msg || !isalnum((unsigned char)p[-1]);
        if (*p == '/' && start) {
            static const char red[] = "/[redacted]";
            while (*p && !isspace((unsigned char)*p) && *p != '\'' && *p != '"' && *p != '`') p++;
            size_t n = strlen(red);
            if ((size_t)(p - w) >= n) { /* never write past the read position */
                memcpy(w, red, n);
                w += n;
            } else {
                *w++ = '/';
            }
            continue;
        }
        if (start && isalpha((unsigned char)p[0])) {
            int d = 0;
            while (d < 6 && isdigit((unsigned char)p[1 + d])) d++;
            if (d == 6 && !isalnum((unsigned char)p[7])) {
                memcpy(w, "[crn]", 5);
                w += 5;
                p += 7;
                continue;
            }
        }
        *w++ = *p++;
    }
    *w = 0;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) msg[--n] = 0;
    http_redact(msg);
    log_msg(LOG_DEBUG, "libmicrohttpd", "detail", msg, NULL);
}

void server_init(const server_opts *opts) {
    g_opts = *opts;
    metrics_init(opts->routes, opts->nroutes);
}

const route_def *server_routes(size_t *n) {
    *n = g_opts.nroutes;
    return g_opts.routes;
}

/* ---- in-process requests ------------------------------------------------- */

/* Decodes a query string into ip (arena copies): a=1&b=x%20y; '+' is a space. */
static void parse_query(http_req *r, const char *q) {
    struct inproc *ip = r->ip;
    size_t cap = 1;
    for (const char *p = q; *p; p++)
        if (*p == '&') cap++;
    ip->qk = arena_alloc(r->arena, cap * sizeof *ip->qk);
    ip->qv = arena_alloc(r->arena, cap * sizeof *ip->qv);
    while (*q) {
        const char *amp = strchr(q, '&');
        size_t len = amp ? (size_t)(amp - q) : strlen(q);
        if (len) {
            char *kv = arena_strndup(r->arena, q, len);
            for (char *c = kv; *c; c++)
                if (*c == '+') *c = ' ';
            char *eq = strchr(kv, '=');
            char *v = eq ? eq + 1 : kv + len;
            if (eq) *eq = 0;
            unescape(NULL, NULL, kv);
            unescape(NULL, NULL, v);
            ip->qk[ip->nq] = kv;
            ip->qv[ip->nq] = v;
            ip->nq++;
        }
        if (!amp) break;
        q = amp + 1;
    }
}

int http_invoke(const char *method, const char *path, const char *const *headers, bool check_auth, size_t max_body,
                http_invoke_result *out) {
    memset(out, 0, sizeof *out);
    http_req *r = calloc(1, sizeof *r);
    if (!r) abort();
    struct inproc ip = {.headers = headers, .max_body = max_body ? max_body : (16u << 20), .check_auth = check_auth,
                        .res = out};
    r->ip = &ip;
    r->arena = arena_new();
    r->refs = 1;
    r->route_idx = -1;
    r->route_label = "unmatched";
    r->start_us = tu_mono_us();
    r->method = arena_strdup(r->arena, method);
    const char *qm = strchr(path, '?');
    char *url = arena_strndup(r->arena, path, qm ? (size_t)(qm - path) : strlen(path));
    unescape(NULL, NULL, url);
    r->url = url;
    if (qm) parse_query(r, qm + 1);
    r->out.limit = ip.max_body;
    jw_init(&r->w, &r->out);
    new_request_id(r->request_id, sizeof r->request_id);
    if (strlen(r->url) > MAX_URL_BYTES) http_framework_error(r, 414, "URI longer than 8192 bytes");
    else dispatch(r);
    int status = r->answered ? r->status : 500;
    if (!r->answered) {
        out->status = 500;
        out->body = NULL;
    }
    log_msg(LOG_DEBUG, "in-process request", "requestId", r->request_id, "route", r->route_label, NULL);
    req_unref(r);
    return status;
}

#define MAX_DAEMONS 256
#define IDLE_DRAIN_MS 1000 /* after SIGTERM, how long an idle keep-alive connection may still send a request */

static void stop_daemons(struct MHD_Daemon **d, int n) {
    for (int i = 0; i < n; i++)
        if (d[i]) MHD_stop_daemon(d[i]);
}

int server_run(const server_opts *opts) {
    server_init(opts);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL); /* inherited by MHD's threads; we sigwait below */
    signal(SIGPIPE, SIG_IGN);

    mhd_json_error_pages();
    int bound = 0;
    int lfd = conns_listen(cfg.bind, cfg.port, &bound);
    if (lfd < 0) return 1;
    /* One libmicrohttpd daemon per worker thread, fed by our own accept loop
     * (conns.h). The external logger comes first so that every library
     * message, including those about the options that follow, goes to the
     * JSON log. */
    static struct MHD_Daemon *daemons[MAX_DAEMONS];
    int nd = cfg.threads < MAX_DAEMONS ? cfg.threads : MAX_DAEMONS;
    unsigned limit = (unsigned)(cfg.max_connections + cfg.max_connections / 2 + 64);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
                     MHD_USE_NO_LISTEN_SOCKET;
    for (int i = 0; i < nd; i++) {
        daemons[i] = MHD_start_daemon(
            flags, 0, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_NOTIFY_CONNECTION, conns_notify,
            (void *)(intptr_t)i, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg.conn_timeout_s,
            MHD_OPTION_CONNECTION_LIMIT, limit, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(48 * 1024),
            MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
        if (!daemons[i]) {
            log_msg(LOG_ERROR, "cannot start HTTP server threads", NULL);
            stop_daemons(daemons, i);
            close(lfd);
            return 1;
        }
    }
    if (!conns_start(lfd, daemons, nd, cfg.max_connections, (unsigned)cfg.request_timeout_ms)) {
        log_msg(LOG_ERROR, "cannot start the accept loop", NULL);
        stop_daemons(daemons, nd);
        close(lfd);
        return 1;
    }
    char port[16], threads[16];
    snprintf(port, sizeof port, "%d", bound);
    snprintf(threads, sizeof threads, "%d", nd);
    log_msg(LOG_INFO, "deliusd listening", "port", port, "threads", threads, "version", DELIUSD_VERSION, NULL);
    if (g_opts.on_start && g_opts.on_start(g_opts.hook_ctx) != 0) {
        log_msg(LOG_ERROR, "start-up hook failed; stopping", NULL);
        conns_stop_accepting();
        stop_daemons(daemons, nd);
        conns_stop();
        if (g_opts.on_exit) g_opts.on_exit(g_opts.hook_ctx);
        return 1;
    }

    int sig = 0;
    sigwait(&set, &sig);
    log_msg(LOG_INFO, "shutting down: no new connections, finishing in-flight requests",
            "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT", NULL);
    /* from now on every response says Connection: close, so keep-alive clients
     * get the answer to the request in hand and then go elsewhere */
    atomic_store(&g_stopping, true);
    conns_stop_accepting();
    if (g_opts.on_stop) g_opts.on_stop(g_opts.hook_ctx);
    uint64_t t0 = tu_mono_ms();
    uint64_t deadline = t0 + (uint64_t)cfg.shutdown_grace_s * 1000u;
    while (tu_mono_ms() < deadline) {
        if (atomic_load(&g_inflight) == 0 && conns_open() == 0) break;
        /* idle keep-alive connections had IDLE_DRAIN_MS to send one last request */
        if (tu_mono_ms() - t0 >= IDLE_DRAIN_MS) conns_close_waiting();
        usleep(20000);
    }
    if (atomic_load(&g_inflight) > 0) log_msg(LOG_WARN, "grace period over; closing remaining connections", NULL);
    stop_daemons(daemons, nd);
    conns_stop();
    if (g_opts.on_exit) g_opts.on_exit(g_opts.hook_ctx);
    log_msg(LOG_INFO, "stopped", NULL);
    return 0;
}
