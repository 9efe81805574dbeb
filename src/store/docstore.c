/*
 * docstore.c - the document store (see docstore.h): a local directory, or a
 * remote Alfresco-compatible service through net/httpc.
 */
#include "store/docstore.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "net/httpc.h"

#define RING_SIZE (256 * 1024)
#define REMOTE_ATTEMPTS 3
#define REMOTE_BACKOFF_MS 1000
#define MAX_ID 128

struct docstore {
    bool remote;
    char *dir;  /* local: the directory, no trailing '/' */
    char *base; /* remote: the base URL, no trailing '/' */
};

static void set_err(char *err, size_t errlen, const char *fmt, const char *a)
    __attribute__((format(printf, 3, 0)));
static void set_err(char *err, size_t errlen, const char *fmt, const char *a) {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    if (err && errlen) snprintf(err, errlen, fmt, a ? a : "");
#pragma GCC diagnostic pop
}

bool docstore_is_remote(const docstore *s) { return s && s->remote; }

docstore *docstore_open(const char *spec, char *err, size_t errlen) {
    if (!spec || !*spec) spec = "data/documents";
    docstore *s = calloc(1, sizeof *s);
    if (!s) abort();
    if (!strncmp(spec, "http://", 7) || !strncmp(spec, "https://", 8)) {
        s->remote = true;
        s->base = strdup(spec);
        if (!s->base) abort();
        size_t n = strlen(s->base);
        while (n > 0 && s->base[n - 1] == '/') s->base[--n] = '\0'; /* a duplicate '/' is collapsed */
        return s;
    }
    s->dir = strdup(spec);
    if (!s->dir) abort();
    size_t n = strlen(s->dir);
    while (n > 1 && s->dir[n - 1] == '/') s->dir[--n] = '\0';
    struct stat st;
    if (stat(s->dir, &st) != 0) {
        /* created when missing, parents included (mkdir -p) */
        for (char *p = s->dir + 1; *p; p++) {
            if (*p != '/') continue;
            *p = '\0';
            if (mkdir(s->dir, 0750) != 0 && errno != EEXIST) {
                *p = '/';
                break;
            }
            *p = '/';
        }
        if (mkdir(s->dir, 0750) != 0 && errno != EEXIST) {
            set_err(err, errlen, "document store directory %s cannot be created", s->dir);
            docstore_close(s);
            return NULL;
        }
    } else if (!S_ISDIR(st.st_mode)) {
        set_err(err, errlen, "document store %s is not a directory", s->dir);
        docstore_close(s);
        return NULL;
    }
    return s;
}

void docstore_close(docstore *s) {
    if (!s) return;
    free(s->dir);
    free(s->base);
    free(s);
}

static pthread_once_t shared_once = PTHREAD_ONCE_INIT;
static docstore *shared;

static void shared_open(void) {
    char err[256] = "";
    shared = docstore_open(cfg.document_store, err, sizeof err);
    if (!shared) log_msg(LOG_ERROR, "document store unavailable", "error", err, NULL);
}

docstore *docstore_shared(void) {
    pthread_once(&shared_once, shared_open);
    return shared;
}

/* Ids are [A-Za-z0-9-], 1..128 characters: never a path. */
static bool valid_id(const char *id) {
    size_t n = id ? strlen(id) : 0;
    if (n == 0 || n > MAX_ID) return false;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    }
    return true;
}

/* ---- readers ---------------------------------------------------------------- */

typedef struct remote_xfer remote_xfer;

struct docstore_reader {
    int fd;            /* local */
    remote_xfer *x;    /* remote */
};

/* --- local --- */

static void http_date(time_t t, char *out, size_t n) {
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static int local_open(docstore *s, const char *id, docstore_reader **out, docstore_meta *meta, char *err,
                      size_t errlen) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", s->dir, id);
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT) return DOCSTORE_NOT_FOUND;
        set_err(err, errlen, "cannot open document: %s", strerror(errno));
        return DOCSTORE_ERROR;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return DOCSTORE_NOT_FOUND;
    }
    meta->length = (int64_t)st.st_size;
    snprintf(meta->content_type, sizeof meta->content_type, "application/octet-stream");
    http_date(st.st_mtime, meta->last_modified, sizeof meta->last_modified);
    docstore_reader *rd = calloc(1, sizeof *rd);
    if (!rd) abort();
    rd->fd = fd;
    *out = rd;
    return DOCSTORE_OK;
}

/* --- remote: a thread runs the transfer into a ring the reader drains --- */

enum { X_WAITING, X_STREAMING, X_DONE, X_FAILED };

struct remote_xfer {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int refs;            /* the thread + the reader */
    int state;           /* X_* */
    int result;          /* DOCSTORE_* once state != X_WAITING */
    bool closed;         /* the reader has gone */
    long status;         /* last upstream status */
    char *url;
    char err[256];
    docstore_meta meta;
    char *ring;
    size_t head, len;    /* ring contents: len bytes from head */
};

/* Remote transfers alive (thread or reader): each holds an HTTP worker thread while
 * it waits on the store, so at most cfg.document_store_max_transfers run at once. */
static atomic_int transfers;

static void xfer_unref(remote_xfer *x) {
    pthread_mutex_lock(&x->mu);
    bool last = --x->refs == 0;
    pthread_mutex_unlock(&x->mu);
    if (!last) return;
    atomic_fetch_sub(&transfers, 1);
    pthread_mutex_destroy(&x->mu);
    pthread_cond_destroy(&x->cv);
    free(x->ring);
    free(x->url);
    free(x);
}

static void on_headers(void *ctx, long status, const char *content_type, const char *content_length,
                       const char *last_modified) {
    remote_xfer *x = ctx;
    pthread_mutex_lock(&x->mu);
    x->status = status;
    if (status == 200) {
        char *end = NULL;
        long long n = content_length ? strtoll(content_length, &end, 10) : -1;
        x->meta.length = content_length && end && !*end && n >= 0 ? (int64_t)n : -1;
        snprintf(x->meta.content_type, sizeof x->meta.content_type, "%s", content_type ? content_type : "");
        snprintf(x->meta.last_modified, sizeof x->meta.last_modified, "%s", last_modified ? last_modified : "");
        x->state = X_STREAMING;
        x->result = DOCSTORE_OK;
        pthread_cond_broadcast(&x->cv);
    }
    pthread_mutex_unlock(&x->mu);
}

static bool on_data(void *ctx, const char *data, size_t len) {
    remote_xfer *x = ctx;
    pthread_mutex_lock(&x->mu);
    if (x->state != X_STREAMING) { /* a non-200 body: not wanted */
        pthread_mutex_unlock(&x->mu);
        return false;
    }
    while (len > 0) {
        while (x->len == RING_SIZE && !x->closed) {
            /* the client is slow: wait (bounded, so a vanished reader cannot pin the thread) */
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_sec += (cfg.document_store_timeout_ms + 999) / 1000;
            if (pthread_cond_timedwait(&x->cv, &x->mu, &ts) == ETIMEDOUT && x->len == RING_SIZE) {
                pthread_mutex_unlock(&x->mu);
                return false;
            }
        }
        if (x->closed) {
            pthread_mutex_unlock(&x->mu);
            return false;
        }
        size_t tail = (x->head + x->len) % RING_SIZE;
        size_t room = RING_SIZE - x->len;
        size_t chunk = RING_SIZE - tail < room ? RING_SIZE - tail : room;
        if (chunk > len) chunk = len;
        memcpy(x->ring + tail, data, chunk);
        x->len += chunk;
        data += chunk;
        len -= chunk;
        pthread_cond_broadcast(&x->cv);
    }
    pthread_mutex_unlock(&x->mu);
    return true;
}

static void *xfer_main(void *arg) {
    remote_xfer *x = arg;
    char real_user[160];
    const char *svc = cfg.service_user_court_case;
    snprintf(real_user, sizeof real_user, "X-DocRepository-Real-Remote-User: %s", svc && *svc ? svc : "CourtCaseAndDelius");
    const char *headers[] = {"Accept: multipart/form-data", "X-DocRepository-Remote-User: N00", real_user, NULL};
    httpc_opts o = {.connect_timeout_ms = 1000, .timeout_ms = cfg.document_store_timeout_ms, .headers = headers};
    httpc_stream_cb cb = {on_headers, on_data, x};
    httpc *h = httpc_new();
    int result = DOCSTORE_UNAVAILABLE;
    bool streamed = false;
    for (int attempt = 1; h && attempt <= REMOTE_ATTEMPTS; attempt++) {
        char err[256] = "";
        x->status = 0;
        int rc = httpc_get_stream(h, x->url, &o, &cb, err, sizeof err);
        pthread_mutex_lock(&x->mu);
        streamed = x->state == X_STREAMING;
        long status = x->status;
        bool closed = x->closed;
        if (!streamed) snprintf(x->err, sizeof x->err, "%s", err);
        pthread_mutex_unlock(&x->mu);
        if (streamed) {
            result = rc == HTTPC_OK ? DOCSTORE_OK : DOCSTORE_ERROR;
            if (rc != HTTPC_OK && !closed) log_msg(LOG_WARN, "document stream cut", "error", err, NULL);
            break;
        }
        if (status == 404) {
            result = DOCSTORE_NOT_FOUND;
            break;
        }
        if (status != 0 && status < 500) { /* another answer (400, 403...): final */
            result = DOCSTORE_ERROR;
            pthread_mutex_lock(&x->mu);
            snprintf(x->err, sizeof x->err, "Failed to download document. Alfresco responded with %ld.", status);
            pthread_mutex_unlock(&x->mu);
            break;
        }
        /* 5xx or a transport error (refused, timed out): retried */
        result = DOCSTORE_UNAVAILABLE;
        if (status >= 500) {
            pthread_mutex_lock(&x->mu);
            snprintf(x->err, sizeof x->err, "document store responded with %ld", status);
            pthread_mutex_unlock(&x->mu);
        }
        log_msg(LOG_WARN, "document store attempt failed", "error", err[0] ? err : "5xx", NULL);
        if (closed || attempt == REMOTE_ATTEMPTS) break;
        struct timespec d = {REMOTE_BACKOFF_MS / 1000, (REMOTE_BACKOFF_MS % 1000) * 1000000L};
        nanosleep(&d, NULL);
    }
    if (!h) snprintf(x->err, sizeof x->err, "cannot create an HTTP client");
    httpc_free(h);
    pthread_mutex_lock(&x->mu);
    if (streamed) {
        x->state = result == DOCSTORE_OK ? X_DONE : X_FAILED;
    } else {
        x->state = X_FAILED;
        x->result = result;
    }
    pthread_cond_broadcast(&x->cv);
    pthread_mutex_unlock(&x->mu);
    xfer_unref(x);
    return NULL;
}

static int remote_open(docstore *s, const char *id, docstore_reader **out, docstore_meta *meta, char *err,
                       size_t errlen) {
    int limit = cfg.document_store_max_transfers > 0 ? cfg.document_store_max_transfers : 1;
    if (atomic_fetch_add(&transfers, 1) >= limit) {
        atomic_fetch_sub(&transfers, 1);
        set_err(err, errlen, "too many document transfers in progress%s", "");
        return DOCSTORE_UNAVAILABLE;
    }
    remote_xfer *x = calloc(1, sizeof *x);
    if (!x) abort();
    pthread_mutex_init(&x->mu, NULL);
    pthread_cond_init(&x->cv, NULL);
    x->ring = malloc(RING_SIZE);
    size_t n = strlen(s->base) + strlen(id) + 16;
    x->url = malloc(n);
    if (!x->ring || !x->url) abort();
    snprintf(x->url, n, "%s/fetch/%s", s->base, id);
    x->refs = 2;
    x->state = X_WAITING;
    x->meta.length = -1;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    pthread_t t;
    int prc = pthread_create(&t, &attr, xfer_main, x);
    pthread_attr_destroy(&attr);
    if (prc != 0) {
        x->refs = 1;
        xfer_unref(x);
        set_err(err, errlen, "cannot start the transfer%s", "");
        return DOCSTORE_ERROR;
    }
    /* The thread always ends: connect 1 s, no byte for the read timeout aborts, 3 attempts. */
    pthread_mutex_lock(&x->mu);
    while (x->state == X_WAITING) pthread_cond_wait(&x->cv, &x->mu);
    int result = x->state == X_STREAMING || x->state == X_DONE ? DOCSTORE_OK : x->result;
    if (result == DOCSTORE_OK) *meta = x->meta;
    else set_err(err, errlen, "%s", x->err);
    pthread_mutex_unlock(&x->mu);
    if (result != DOCSTORE_OK) {
        pthread_mutex_lock(&x->mu);
        x->closed = true;
        pthread_cond_broadcast(&x->cv);
        pthread_mutex_unlock(&x->mu);
        xfer_unref(x);
        return result;
    }
    docstore_reader *rd = calloc(1, sizeof *rd);
    if (!rd) abort();
    rd->fd = -1;
    rd->x = x;
    *out = rd;
    return DOCSTORE_OK;
}

static ssize_t remote_read(remote_xfer *x, char *out, size_t max) {
    pthread_mutex_lock(&x->mu);
    while (x->len == 0 && x->state == X_STREAMING) pthread_cond_wait(&x->cv, &x->mu);
    ssize_t n;
    if (x->len > 0) {
        size_t chunk = RING_SIZE - x->head < x->len ? RING_SIZE - x->head : x->len;
        if (chunk > max) chunk = max;
        memcpy(out, x->ring + x->head, chunk);
        x->head = (x->head + chunk) % RING_SIZE;
        x->len -= chunk;
        n = (ssize_t)chunk;
        pthread_cond_broadcast(&x->cv);
    } else {
        n = x->state == X_DONE ? 0 : -1;
    }
    pthread_mutex_unlock(&x->mu);
    return n;
}

int docstore_read_open(docstore *s, const char *id, docstore_reader **out, docstore_meta *meta, char *err,
                       size_t errlen) {
    *out = NULL;
    memset(meta, 0, sizeof *meta);
    meta->length = -1;
    if (err && errlen) err[0] = '\0';
    if (!s) return DOCSTORE_UNAVAILABLE;
    /* an id that could never be stored is simply not there (the database look-up came first) */
    if (!valid_id(id)) return DOCSTORE_NOT_FOUND;
    return s->remote ? remote_open(s, id, out, meta, err, errlen) : local_open(s, id, out, meta, err, errlen);
}

ssize_t docstore_read(docstore_reader *rd, char *out, size_t max) {
    if (!rd) return -1;
    if (rd->x) return remote_read(rd->x, out, max);
    for (;;) {
        ssize_t n = read(rd->fd, out, max);
        if (n >= 0) return n;
        if (errno != EINTR) return -1;
    }
}

void docstore_read_close(docstore_reader *rd) {
    if (!rd) return;
    if (rd->x) {
        remote_xfer *x = rd->x;
        pthread_mutex_lock(&x->mu);
        x->closed = true;
        pthread_cond_broadcast(&x->cv);
        pthread_mutex_unlock(&x->mu);
        xfer_unref(x);
    }
    if (rd->fd >= 0) close(rd->fd);
    free(rd);
}

/* ---- writes ------------------------------------------------------------------- */

/* A random (version 4) UUID, lower-case. */
static int new_uuid(char out[37]) {
    unsigned char b[16];
    size_t got = 0;
    while (got < sizeof b) {
        ssize_t n = getrandom(b + got, sizeof b - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        got += (size_t)n;
    }
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2], b[3],
             b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return 0;
}

static int local_write(docstore *s, const char *id, const char *data, size_t len, bool sync, char *err,
                       size_t errlen) {
    char tmp[4096], path[4096];
    snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", s->dir, id, (long)getpid());
    snprintf(path, sizeof path, "%s/%s", s->dir, id);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) {
        set_err(err, errlen, "cannot write the document: %s", strerror(errno));
        return DOCSTORE_ERROR;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += (size_t)n;
    }
    bool ok = done == len && (!sync || fsync(fd) == 0);
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        set_err(err, errlen, "cannot write the document: %s", strerror(errno));
        unlink(tmp);
        return DOCSTORE_ERROR;
    }
    return DOCSTORE_OK;
}

static int local_put(docstore *s, const char *data, size_t len, char *id_out, size_t id_len, char *err,
                     size_t errlen) {
    char id[37];
    if (new_uuid(id) != 0 || id_len < sizeof id) {
        set_err(err, errlen, "cannot make a document id%s", "");
        return DOCSTORE_ERROR;
    }
    int rc = local_write(s, id, data, len, true, err, errlen);
    if (rc == DOCSTORE_OK) snprintf(id_out, id_len, "%s", id);
    return rc;
}

int docstore_put_id(docstore *s, const char *id, const char *data, size_t len, char *err, size_t errlen) {
    if (err && errlen) err[0] = '\0';
    if (!s || s->remote || !valid_id(id)) {
        set_err(err, errlen, "cannot store document %s here", id);
        return DOCSTORE_ERROR;
    }
    return local_write(s, id, data, len, false, err, errlen);
}

/* The store answers the upload with JSON carrying the new id ("id" or "ID"). */
static bool find_id(const char *body, char *id_out, size_t id_len) {
    if (!body) return false;
    const char *keys[] = {"\"id\"", "\"ID\""};
    for (int k = 0; k < 2; k++) {
        const char *p = strstr(body, keys[k]);
        if (!p) continue;
        p = strchr(p + strlen(keys[k]), '"');
        if (!p) continue;
        const char *e = strchr(p + 1, '"');
        if (!e || (size_t)(e - p - 1) >= id_len || e == p + 1) continue;
        memcpy(id_out, p + 1, (size_t)(e - p - 1));
        id_out[e - p - 1] = '\0';
        return valid_id(id_out);
    }
    return false;
}

static const char *or_def(const char *v, const char *def) { return v && *v ? v : def; }

static int remote_put(docstore *s, const char *filename, const char *content_type, const char *data, size_t len,
                      const docstore_fields *f, char *id_out, size_t id_len, char *err, size_t errlen) {
    char url[2048], real_user[160];
    snprintf(url, sizeof url, "%s/uploadnew", s->base);
    snprintf(real_user, sizeof real_user, "X-DocRepository-Real-Remote-User: %s",
             or_def(f->real_user, or_def(cfg.service_user_upw, "UnpaidWorkAndDelius")));
    const char *headers[] = {"X-DocRepository-Remote-User: N00", real_user, NULL};
    httpc_part parts[6];
    size_t np = 0;
    parts[np++] = (httpc_part){.name = "CRN", .value = or_def(f->crn, "")};
    if (f->entity_id) parts[np++] = (httpc_part){.name = "entityId", .value = f->entity_id};
    parts[np++] = (httpc_part){.name = "author", .value = or_def(f->author, "Service,Account")};
    parts[np++] = (httpc_part){.name = "filedata", .data = data, .data_len = len, .filename = filename,
                               .content_type = or_def(content_type, "application/octet-stream")};
    parts[np++] = (httpc_part){.name = "docType", .value = or_def(f->doc_type, "DOCUMENT")};
    parts[np++] = (httpc_part){.name = "entityType", .value = or_def(f->entity_type, "OFFENDER")};
    httpc_opts o = {.connect_timeout_ms = 1000, .timeout_ms = cfg.document_store_timeout_ms, .headers = headers};
    httpc *h = httpc_new();
    if (!h) return DOCSTORE_ERROR;
    httpc_resp resp = {0};
    int rc = httpc_post_multipart(h, url, parts, np, &o, &resp, err, errlen);
    httpc_free(h);
    int result;
    if (rc != HTTPC_OK) result = DOCSTORE_UNAVAILABLE;
    else if (resp.status >= 500) result = DOCSTORE_UNAVAILABLE;
    else if (resp.status < 200 || resp.status >= 300) result = DOCSTORE_ERROR;
    else result = find_id(resp.body, id_out, id_len) ? DOCSTORE_OK : DOCSTORE_ERROR;
    if (rc == HTTPC_OK && result != DOCSTORE_OK && err && errlen)
        snprintf(err, errlen, "document upload failed: the store responded with %ld", resp.status);
    httpc_resp_free(&resp);
    return result;
}

int docstore_put_fields(docstore *s, const char *filename, const char *content_type, const char *data, size_t len,
                        const docstore_fields *f, char *id_out, size_t id_len, char *err, size_t errlen) {
    if (err && errlen) err[0] = '\0';
    if (!s || !id_out || id_len == 0) return DOCSTORE_ERROR;
    id_out[0] = '\0';
    docstore_fields none = {0};
    if (s->remote) return remote_put(s, filename, content_type, data, len, f ? f : &none, id_out, id_len, err, errlen);
    return local_put(s, data, len, id_out, id_len, err, errlen);
}

int docstore_put(docstore *s, const char *filename, const char *content_type, const char *data, size_t len,
                 const char *crn, char *id_out, size_t id_len, char *err, size_t errlen) {
    docstore_fields f = {.crn = crn};
    return docstore_put_fields(s, filename, content_type, data, len, &f, id_out, id_len, err, errlen);
}

int docstore_delete(docstore *s, const char *id, char *err, size_t errlen) {
    if (err && errlen) err[0] = '\0';
    if (!s || !valid_id(id)) return DOCSTORE_NOT_FOUND;
    if (s->remote) {
        /* Alfresco-compatible: DELETE is not part of the protocol the originals use; a
         * failed transaction leaves the uploaded file behind there (logged). */
        log_msg(LOG_WARN, "document left in the remote store after a failed write", NULL);
        return DOCSTORE_ERROR;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", s->dir, id);
    if (unlink(path) != 0) {
        if (errno == ENOENT) return DOCSTORE_NOT_FOUND;
        set_err(err, errlen, "cannot delete the document: %s", strerror(errno));
        return DOCSTORE_ERROR;
    }
    return DOCSTORE_OK;
}
