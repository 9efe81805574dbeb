/*
 * test_httpc.c - the outbound HTTP client against a real local HTTP server.
 *
 * The server is a forked process (one child per connection, keep-alive)
 * listening on 127.0.0.1:<ephemeral>; its counters live in a shared mapping so
 * the test can see how many requests and connections it got. Paths:
 *   /ok             200 "hello" (text/plain)
 *   /slow           sleeps 2 s, then 200
 *   /big            200 with 100000 bytes (Content-Length)
 *   /bigchunked     200 with 100000 bytes, chunked (no Content-Length)
 *   /flaky          500 for the first `flaky_fail` hits, then 200 "recovered"
 *   /status/NNN     answers NNN
 *   /echo           200 echoing the request body, X-Got-Content-Type: its content type
 *   /secure         200 when Authorization is "Bearer <current token>", else 401
 *   /token          client-credentials endpoint: checks Basic auth and the grant,
 *                   answers {"access_token":"tok-N","expires_in":E}
 *   /stream         200 with 300000 bytes in chunks, Last-Modified set
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "net/httpc.h"

struct shared {
    atomic_int requests, connections, flaky_hits, flaky_fail, token_hits, token_expires_in, token_gen, slow_hits;
    char last_auth[256];
};
static struct shared *sh;
static pid_t server_pid;
static int port;
static char base[64];

/* ------------------------------------------------------------ the server -- */

static void write_all(int fd, const void *p, size_t n) {
    const char *c = p;
    while (n) {
        ssize_t w = write(fd, c, n);
        if (w <= 0) return;
        c += w;
        n -= (size_t)w;
    }
}

static void respond(int fd, int status, const char *ctype, const char *extra, const char *body, size_t len) {
    char head[512];
    int n = snprintf(head, sizeof head, "HTTP/1.1 %d X\r\nContent-Type: %s\r\nContent-Length: %zu\r\n%s\r\n", status,
                     ctype, len, extra ? extra : "");
    write_all(fd, head, (size_t)n);
    if (len) write_all(fd, body, len);
}

static const char *header_value(const char *head, const char *name, char *out, size_t outlen) {
    size_t nl = strlen(name);
    for (const char *p = strstr(head, "\r\n"); p && p[2]; p = strstr(p + 2, "\r\n")) {
        const char *line = p + 2;
        if (!strncasecmp(line, name, nl) && line[nl] == ':') {
            line += nl + 1;
            while (*line == ' ') line++;
            const char *end = strstr(line, "\r\n");
            size_t n = end ? (size_t)(end - line) : strlen(line);
            if (n >= outlen) n = outlen - 1;
            memcpy(out, line, n);
            out[n] = 0;
            return out;
        }
    }
    return NULL;
}

/* Serves one connection until the client closes it. */
static void serve_conn(int fd) {
    static char req[1 << 20];
    size_t have = 0;
    for (;;) {
        char *end;
        while (!(end = memmem(req, have, "\r\n\r\n", 4))) {
            if (have == sizeof req) return;
            ssize_t r = read(fd, req + have, sizeof req - have);
            if (r <= 0) return;
            have += (size_t)r;
        }
        size_t headlen = (size_t)(end - req) + 4;
        char head[8192];
        size_t hl = headlen < sizeof head ? headlen : sizeof head - 1;
        memcpy(head, req, hl);
        head[hl] = 0;
        char v[512];
        size_t clen = header_value(head, "Content-Length", v, sizeof v) ? (size_t)atol(v) : 0;
        while (have < headlen + clen) {
            ssize_t r = read(fd, req + have, sizeof req - have);
            if (r <= 0) return;
            have += (size_t)r;
        }
        const char *body = req + headlen;
        atomic_fetch_add(&sh->requests, 1);
        char method[16], path[256];
        if (sscanf(head, "%15s %255s", method, path) != 2) return;

        if (!strcmp(path, "/ok")) {
            respond(fd, 200, "text/plain", NULL, "hello", 5);
        } else if (!strcmp(path, "/slow")) {
            atomic_fetch_add(&sh->slow_hits, 1);
            sleep(2);
            respond(fd, 200, "text/plain", NULL, "late", 4);
        } else if (!strcmp(path, "/big") || !strcmp(path, "/bigchunked")) {
            static char big[100000];
            memset(big, 'x', sizeof big);
            if (!strcmp(path, "/big")) {
                respond(fd, 200, "text/plain", NULL, big, sizeof big);
            } else {
                const char *h = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n";
                write_all(fd, h, strlen(h));
                for (int i = 0; i < 10; i++) {
                    char cl[32];
                    int n = snprintf(cl, sizeof cl, "%x\r\n", 10000);
                    write_all(fd, cl, (size_t)n);
                    write_all(fd, big, 10000);
                    write_all(fd, "\r\n", 2);
                }
                write_all(fd, "0\r\n\r\n", 5);
            }
        } else if (!strcmp(path, "/flaky")) {
            int n = atomic_fetch_add(&sh->flaky_hits, 1) + 1;
            if (n <= atomic_load(&sh->flaky_fail)) respond(fd, 500, "text/plain", NULL, "boom", 4);
            else respond(fd, 200, "text/plain", NULL, "recovered", 9);
        } else if (!strncmp(path, "/status/", 8)) {
            respond(fd, atoi(path + 8), "application/json", NULL, "{}", 2);
        } else if (!strcmp(path, "/echo")) {
            char ct[300] = "", extra[400];
            header_value(head, "Content-Type", ct, sizeof ct);
            snprintf(extra, sizeof extra, "X-Got-Content-Type: %s\r\n", ct);
            respond(fd, 200, "application/octet-stream", extra, body, clen);
        } else if (!strcmp(path, "/secure")) {
            char a[256] = "", want[64];
            header_value(head, "Authorization", a, sizeof a);
            snprintf(sh->last_auth, sizeof sh->last_auth, "%s", a);
            snprintf(want, sizeof want, "Bearer tok-%d", atomic_load(&sh->token_gen));
            if (!strcmp(a, want)) respond(fd, 200, "text/plain", NULL, "secret", 6);
            else respond(fd, 401, "application/json", NULL, "{}", 2);
        } else if (!strcmp(path, "/token")) {
            char a[256] = "";
            header_value(head, "Authorization", a, sizeof a);
            /* base64("deliusd:s3cret") */
            if (strcmp(method, "POST") || strcmp(a, "Basic ZGVsaXVzZDpzM2NyZXQ=") ||
                clen != strlen("grant_type=client_credentials") || memcmp(body, "grant_type=client_credentials", clen)) {
                respond(fd, 400, "application/json", NULL, "{\"error\":\"invalid_request\"}", 27);
            } else {
                atomic_fetch_add(&sh->token_hits, 1);
                int gen = atomic_fetch_add(&sh->token_gen, 1) + 1;
                char j[128];
                int n = snprintf(j, sizeof j, "{\"access_token\":\"tok-%d\",\"token_type\":\"bearer\",\"expires_in\":%d}", gen,
                                 atomic_load(&sh->token_expires_in));
                respond(fd, 200, "application/json", NULL, j, (size_t)n);
            }
        } else if (!strcmp(path, "/stream")) {
            const char *h = "HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 300000\r\n"
                            "Last-Modified: Wed, 21 Oct 2015 07:28:00 GMT\r\n\r\n";
            write_all(fd, h, strlen(h));
            static char chunk[30000];
            memset(chunk, 'p', sizeof chunk);
            for (int i = 0; i < 10; i++) write_all(fd, chunk, sizeof chunk);
        } else {
            respond(fd, 404, "text/plain", NULL, "", 0);
        }
        memmove(req, req + headlen + clen, have - headlen - clen);
        have -= headlen + clen;
    }
}

static int server_setup(void **state) {
    sh = mmap(NULL, sizeof *sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED) return -1;
    memset(sh, 0, sizeof *sh);
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(ls, (struct sockaddr *)&a, sizeof a) || listen(ls, 64)) return -1;
    socklen_t al = sizeof a;
    getsockname(ls, (struct sockaddr *)&a, &al);
    port = ntohs(a.sin_port);
    snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
    server_pid = fork();
    if (server_pid < 0) return -1;
    if (server_pid == 0) {
        signal(SIGCHLD, SIG_IGN); /* no zombies */
        for (;;) {
            int fd = accept(ls, NULL, NULL);
            if (fd < 0) continue;
            atomic_fetch_add(&sh->connections, 1);
            pid_t p = fork();
            if (p == 0) {
                close(ls);
                serve_conn(fd);
                close(fd);
                _exit(0);
            }
            close(fd);
        }
    }
    close(ls);
    setenv("DELIUSD_OAUTH_CLIENT_ID", "deliusd", 1);
    setenv("DELIUSD_OAUTH_CLIENT_SECRET", "s3cret", 1);
    char tu[96];
    snprintf(tu, sizeof tu, "%s/token", base);
    setenv("DELIUSD_OAUTH_TOKEN_URL", tu, 1);
    (void)state;
    return httpc_global_init();
}

static int server_teardown(void **state) {
    (void)state;
    httpc_global_cleanup();
    kill(server_pid, SIGKILL);
    waitpid(server_pid, NULL, 0);
    return 0;
}

static char *url(const char *path) {
    static char u[128];
    snprintf(u, sizeof u, "%s%s", base, path);
    return u;
}

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* ----------------------------------------------------------------- tests -- */

static void test_get_ok_and_connection_reuse(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    int c0 = atomic_load(&sh->connections);
    for (int i = 0; i < 5; i++) {
        assert_int_equal(httpc_get(h, url("/ok"), NULL, &r, err, sizeof err), HTTPC_OK);
        assert_int_equal(r.status, 200);
        assert_int_equal(r.len, 5);
        assert_string_equal(r.body, "hello");
        assert_string_equal(r.content_type, "text/plain");
        httpc_resp_free(&r);
    }
    /* five requests over one kept-alive connection */
    assert_int_equal(atomic_load(&sh->connections) - c0, 1);
    httpc_free(h);
}

static void test_status_passed_through(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    assert_int_equal(httpc_get(h, url("/status/404"), NULL, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 404);
    assert_string_equal(r.body, "{}");
    httpc_resp_free(&r);
    /* a 404 is never retried */
    int before = atomic_load(&sh->requests);
    httpc_opts o = {.attempts = 3, .backoff_ms = 1};
    assert_int_equal(httpc_get(h, url("/status/404"), &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(atomic_load(&sh->requests) - before, 1);
    httpc_resp_free(&r);
    httpc_free(h);
}

static void test_timeout(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256] = "";
    httpc_opts o = {.timeout_ms = 300};
    double t0 = now_ms();
    assert_int_equal(httpc_get(h, url("/slow"), &o, &r, err, sizeof err), HTTPC_ERR_TIMEOUT);
    double took = now_ms() - t0;
    assert_int_equal(r.status, 0);
    assert_null(r.body);
    assert_true(err[0] != 0);
    assert_true(took < 1500); /* bounded by the timeout, not the 2 s server delay */
    httpc_free(h);
}

static void test_connect_refused(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256] = "";
    httpc_opts o = {.attempts = 3, .backoff_ms = 10};
    double t0 = now_ms();
    assert_int_equal(httpc_get(h, "http://127.0.0.1:1/x", &o, &r, err, sizeof err), HTTPC_ERR_CONNECT);
    /* three attempts: sleeps of 10 ms * 1 and 10 ms * 4 in between */
    assert_true(now_ms() - t0 >= 50);
    assert_int_equal(r.status, 0);
    httpc_free(h);
}

static void test_permanent_errors_not_retried(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256] = "";
    httpc_opts o = {.attempts = 3, .backoff_ms = 2000};
    double t0 = now_ms();
    assert_int_equal(httpc_get(h, "gopher://127.0.0.1/x", &o, &r, err, sizeof err), HTTPC_ERR_OTHER);
    assert_int_equal(httpc_get(h, "http://[bad", &o, &r, err, sizeof err), HTTPC_ERR_OTHER);
    httpc_part missing = {.name = "f", .file_path = "/nonexistent/deliusd-test-file"};
    o.retry_post = true;
    int before = atomic_load(&sh->requests);
    assert_int_not_equal(httpc_post_multipart(h, url("/echo"), &missing, 1, &o, &r, err, sizeof err), HTTPC_OK);
    /* one attempt each: no 2 s back-off was slept, and the server never saw the upload */
    assert_true(now_ms() - t0 < 1900);
    assert_int_equal(atomic_load(&sh->requests), before);
    httpc_free(h);
}

static void test_body_cap(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    httpc_opts o = {.max_bytes = 1000, .attempts = 3, .backoff_ms = 1};
    int before = atomic_load(&sh->requests);
    assert_int_equal(httpc_get(h, url("/big"), &o, &r, err, sizeof err), HTTPC_ERR_TOO_LARGE);
    assert_null(r.body);
    assert_int_equal(httpc_get(h, url("/bigchunked"), &o, &r, err, sizeof err), HTTPC_ERR_TOO_LARGE);
    assert_null(r.body);
    /* too large is not retried */
    assert_int_equal(atomic_load(&sh->requests) - before, 2);
    o.max_bytes = 100000; /* exactly the size: accepted */
    assert_int_equal(httpc_get(h, url("/big"), &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.len, 100000);
    httpc_resp_free(&r);
    httpc_free(h);
}

static void test_retries_5xx_with_backoff(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    atomic_store(&sh->flaky_hits, 0);
    atomic_store(&sh->flaky_fail, 2);
    httpc_opts o = {.attempts = 3, .backoff_ms = 50};
    double t0 = now_ms();
    assert_int_equal(httpc_get(h, url("/flaky"), &o, &r, err, sizeof err), HTTPC_OK);
    double took = now_ms() - t0;
    assert_int_equal(r.status, 200);
    assert_string_equal(r.body, "recovered");
    assert_int_equal(atomic_load(&sh->flaky_hits), 3);
    assert_true(took >= 50 + 200); /* 50 * 1^2 then 50 * 2^2 */
    httpc_resp_free(&r);

    /* attempts exhausted: the last answer (500) comes back as HTTPC_OK */
    atomic_store(&sh->flaky_hits, 0);
    atomic_store(&sh->flaky_fail, 5);
    o.backoff_ms = 1;
    assert_int_equal(httpc_get(h, url("/flaky"), &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 500);
    assert_int_equal(atomic_load(&sh->flaky_hits), 3);
    httpc_resp_free(&r);

    /* 429 is retried too */
    int before = atomic_load(&sh->requests);
    assert_int_equal(httpc_get(h, url("/status/429"), &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 429);
    assert_int_equal(atomic_load(&sh->requests) - before, 3);
    httpc_resp_free(&r);
    httpc_free(h);
}

static void test_post_retried_only_when_marked(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    atomic_store(&sh->flaky_hits, 0);
    atomic_store(&sh->flaky_fail, 1);
    httpc_opts o = {.attempts = 3, .backoff_ms = 1};
    assert_int_equal(httpc_post(h, url("/flaky"), "application/json", "{}", 2, &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 500);
    assert_int_equal(atomic_load(&sh->flaky_hits), 1);
    httpc_resp_free(&r);
    atomic_store(&sh->flaky_hits, 0);
    o.retry_post = true;
    assert_int_equal(httpc_post(h, url("/flaky"), "application/json", "{}", 2, &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 200);
    assert_int_equal(atomic_load(&sh->flaky_hits), 2);
    httpc_resp_free(&r);
    httpc_free(h);
}

static void test_post_echo_and_headers(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    const char body[] = "{\"a\":1}";
    assert_int_equal(httpc_post(h, url("/echo"), "application/json", body, strlen(body), NULL, &r, err, sizeof err),
                     HTTPC_OK);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.len, strlen(body));
    assert_memory_equal(r.body, body, r.len);
    httpc_resp_free(&r);
    httpc_free(h);
}

static void test_multipart(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    char path[] = "/tmp/httpc-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    write_all(fd, "%PDF-1.4 file bytes", 19);
    close(fd);
    httpc_part parts[] = {
        {.name = "CRN", .value = "X123456"},
        {.name = "filedata", .file_path = path, .filename = "report.pdf", .content_type = "application/pdf"},
        {.name = "raw", .data = "abc", .data_len = 3},
    };
    assert_int_equal(httpc_post_multipart(h, url("/echo"), parts, 3, NULL, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 200);
    assert_non_null(r.body);
    assert_non_null(strstr(r.body, "name=\"CRN\""));
    assert_non_null(strstr(r.body, "X123456"));
    assert_non_null(strstr(r.body, "filename=\"report.pdf\""));
    assert_non_null(strstr(r.body, "Content-Type: application/pdf"));
    assert_non_null(strstr(r.body, "%PDF-1.4 file bytes"));
    assert_non_null(strstr(r.body, "name=\"raw\""));
    httpc_resp_free(&r);
    /* a missing file is an error, not a crash */
    unlink(path);
    assert_int_not_equal(httpc_post_multipart(h, url("/echo"), parts, 3, NULL, &r, err, sizeof err), HTTPC_OK);
    httpc_free(h);
}

static void test_oauth_token_cache(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    atomic_store(&sh->token_expires_in, 3600);
    unsigned long f0 = httpc_token_fetches();
    int hits0 = atomic_load(&sh->token_hits);
    httpc_opts o = {.oauth = true};
    for (int i = 0; i < 5; i++) {
        assert_int_equal(httpc_get(h, url("/secure"), &o, &r, err, sizeof err), HTTPC_OK);
        assert_int_equal(r.status, 200);
        httpc_resp_free(&r);
    }
    /* one token for five calls, shared by a second handle */
    httpc *h2 = httpc_new();
    assert_int_equal(httpc_get(h2, url("/secure"), &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 200);
    httpc_resp_free(&r);
    assert_int_equal(atomic_load(&sh->token_hits) - hits0, 1);
    assert_int_equal(httpc_token_fetches() - f0, 1);

    /* the issuer rotates (server expects tok-N+1): a 401 drops the token, one new fetch, success */
    atomic_fetch_add(&sh->token_gen, 1);
    assert_int_equal(httpc_get(h, url("/secure"), &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 200);
    httpc_resp_free(&r);
    assert_int_equal(atomic_load(&sh->token_hits) - hits0, 2);

    /* without oauth no Authorization header is sent */
    assert_int_equal(httpc_get(h, url("/secure"), NULL, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 401);
    assert_string_equal(sh->last_auth, "");
    httpc_resp_free(&r);
    httpc_free(h2);
    httpc_free(h);
}

static void test_oauth_token_expiry(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256];
    httpc_opts o = {.oauth = true};
    /* expires_in 2 s: kept for half its lifetime (1 s), then fetched again */
    atomic_store(&sh->token_expires_in, 2);
    atomic_fetch_add(&sh->token_gen, 1); /* invalidate whatever is cached */
    assert_int_equal(httpc_get(h, url("/secure"), &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 200);
    httpc_resp_free(&r);
    int hits = atomic_load(&sh->token_hits);
    assert_int_equal(httpc_get(h, url("/secure"), &o, &r, err, sizeof err), HTTPC_OK);
    httpc_resp_free(&r);
    assert_int_equal(atomic_load(&sh->token_hits), hits); /* still cached */
    sleep(2);
    assert_int_equal(httpc_get(h, url("/secure"), &o, &r, err, sizeof err), HTTPC_OK);
    assert_int_equal(r.status, 200);
    httpc_resp_free(&r);
    assert_int_equal(atomic_load(&sh->token_hits), hits + 1); /* renewed before expiry */
    atomic_store(&sh->token_expires_in, 3600);
    httpc_free(h);
}

static void test_oauth_unavailable(void **state) {
    httpc *h = httpc_new();
    httpc_resp r;
    char err[256] = "";
    char tu[96];
    snprintf(tu, sizeof tu, "%s/status/503", base);
    setenv("DELIUSD_OAUTH_TOKEN_URL", tu, 1);
    httpc_global_cleanup();
    httpc_global_init();
    httpc_opts o = {.oauth = true};
    int before = atomic_load(&sh->requests);
    assert_int_equal(httpc_get(h, url("/secure"), &o, &r, err, sizeof err), HTTPC_ERR_OTHER);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(err, "token"));
    /* the token endpoint was tried (3 attempts); /secure never called */
    assert_int_equal(atomic_load(&sh->requests) - before, 3);
    snprintf(tu, sizeof tu, "%s/token", base);
    setenv("DELIUSD_OAUTH_TOKEN_URL", tu, 1);
    httpc_global_cleanup();
    httpc_global_init();
    httpc_free(h);
}

struct stream_seen {
    long status;
    char ctype[64], clen[32], lm[64];
    size_t bytes, calls, header_calls;
    size_t stop_after;
};

static void on_headers(void *ctx, long status, const char *ct, const char *cl, const char *lm) {
    struct stream_seen *s = ctx;
    s->header_calls++;
    s->status = status;
    snprintf(s->ctype, sizeof s->ctype, "%s", ct ? ct : "");
    snprintf(s->clen, sizeof s->clen, "%s", cl ? cl : "");
    snprintf(s->lm, sizeof s->lm, "%s", lm ? lm : "");
}

static bool on_data(void *ctx, const char *d, size_t n) {
    struct stream_seen *s = ctx;
    assert_int_equal(s->header_calls, 1);
    s->bytes += n;
    s->calls++;
    return !s->stop_after || s->bytes < s->stop_after;
}

static void test_stream(void **state) {
    httpc *h = httpc_new();
    char err[256];
    struct stream_seen s = {0};
    httpc_stream_cb cb = {on_headers, on_data, &s};
    assert_int_equal(httpc_get_stream(h, url("/stream"), NULL, &cb, err, sizeof err), HTTPC_OK);
    assert_int_equal(s.status, 200);
    assert_string_equal(s.ctype, "application/pdf");
    assert_string_equal(s.clen, "300000");
    assert_string_equal(s.lm, "Wed, 21 Oct 2015 07:28:00 GMT");
    assert_int_equal(s.bytes, 300000);
    assert_true(s.calls > 1); /* in pieces, not one buffer */
    /* the receiver aborts */
    struct stream_seen s2 = {.stop_after = 1000};
    cb.ctx = &s2;
    assert_int_equal(httpc_get_stream(h, url("/stream"), NULL, &cb, err, sizeof err), HTTPC_ERR_OTHER);
    assert_true(s2.bytes < 300000);
    /* a 404 reports its status and no data */
    struct stream_seen s3 = {0};
    cb.ctx = &s3;
    assert_int_equal(httpc_get_stream(h, url("/status/404"), NULL, &cb, err, sizeof err), HTTPC_OK);
    assert_int_equal(s3.status, 404);
    assert_int_equal(s3.header_calls, 1);
    httpc_free(h);
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_get_ok_and_connection_reuse),
        cmocka_unit_test(test_status_passed_through),
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_connect_refused),
        cmocka_unit_test(test_permanent_errors_not_retried),
        cmocka_unit_test(test_body_cap),
        cmocka_unit_test(test_retries_5xx_with_backoff),
        cmocka_unit_test(test_post_retried_only_when_marked),
        cmocka_unit_test(test_post_echo_and_headers),
        cmocka_unit_test(test_multipart),
        cmocka_unit_test(test_oauth_token_cache),
        cmocka_unit_test(test_oauth_token_expiry),
        cmocka_unit_test(test_oauth_unavailable),
        cmocka_unit_test(test_stream),
    };
    return cmocka_run_group_tests(tests, server_setup, server_teardown);
}
