/*
 * dblimit.c - the database limit of each data route: the statements a route's
 * handler runs, replayed in a C loop with no HTTP and no JSON, in µs of CPU
 * per request; next to the same handler run in-process (http_invoke: router,
 * handler, JSON, arena; no socket, no token check, no access log).
 *
 *   build/bench/dblimit DB CRN_FILE USER_FILE CASE_FILE [N] [ROUTE...]
 *
 * The statements are not copied from the handlers: for each sampled request
 * the handler runs once under a db tracer (db_set_tracer) that records every
 * SQL text and parameter it binds; the replay then prepares (cached), binds
 * and steps through every row of exactly those statements (reading a column
 * value, a pointer into the row, is left to the handler's share),
 * inside one read transaction per request as the server does
 * (DBLIMIT_AUTOCOMMIT=1: each statement in its own implicit transaction, as
 * before issue 15). So the figure follows the handlers' SQL as it changes.
 *
 * Per route it prints one line:
 *   DBLIMIT route=NAME requests=N statements_per_req=S db_us=D handler_us=H
 * db_us: replayed statements alone; handler_us: the in-process handler
 * (includes db_us). handler_us - db_us is the handler's own work (JSON,
 * copying, arena); the server's CPU per request (bench/run) minus handler_us
 * is HTTP (libmicrohttpd, kernel loopback, token check, access log).
 * CPU time of this thread (CLOCK_THREAD_CPUTIME_ID), the fastest of three
 * rounds over the same N requests, so other load on the machine disturbs it
 * little. Figures, never assertions.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "core/log.h"
#include "core/server.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "db/pool.h"
#include "routes.h"
#include "services/service.h"

typedef struct rec_bind {
    int idx;
    db_trace_type type;
    char *text;
    int64_t i;
    double d;
} rec_bind;

typedef struct rec_stmt {
    char *sql;
    rec_bind *binds;
    int nbinds, capbinds;
} rec_stmt;

typedef struct rec_req {
    rec_stmt *stmts;
    int n, cap;
} rec_req;

#define ROUNDS 3 /* timed rounds per phase; the fastest is reported */

static rec_req *g_cur; /* the request being recorded */

/* One copy per distinct SQL text, so the replay passes the same pointer every
 * time, as a handler passing its string literal does (db_query's pointer hint). */
static char **g_interned;
static size_t g_ninterned;
static char *intern(const char *sql) {
    for (size_t i = 0; i < g_ninterned; i++)
        if (!strcmp(g_interned[i], sql)) return g_interned[i];
    g_interned = realloc(g_interned, (g_ninterned + 1) * sizeof *g_interned);
    if (!g_interned) abort();
    g_interned[g_ninterned] = strdup(sql);
    if (!g_interned[g_ninterned]) abort();
    return g_interned[g_ninterned++];
}

static void on_query(void *ctx, const char *sql) {
    (void)ctx;
    if (!g_cur) return;
    if (!strcmp(sql, "BEGIN") || !strcmp(sql, "COMMIT") || !strcmp(sql, "ROLLBACK")) return; /* read transaction */
    if (g_cur->n == g_cur->cap) {
        g_cur->cap = g_cur->cap ? g_cur->cap * 2 : 8;
        g_cur->stmts = realloc(g_cur->stmts, (size_t)g_cur->cap * sizeof *g_cur->stmts);
        if (!g_cur->stmts) abort();
    }
    rec_stmt *s = &g_cur->stmts[g_cur->n++];
    memset(s, 0, sizeof *s);
    s->sql = intern(sql);
}

static void on_bind(void *ctx, int idx, db_trace_type type, const char *text, int64_t i, double d) {
    (void)ctx;
    if (!g_cur || !g_cur->n) return;
    rec_stmt *s = &g_cur->stmts[g_cur->n - 1];
    if (s->nbinds == s->capbinds) {
        s->capbinds = s->capbinds ? s->capbinds * 2 : 4;
        s->binds = realloc(s->binds, (size_t)s->capbinds * sizeof *s->binds);
        if (!s->binds) abort();
    }
    rec_bind *b = &s->binds[s->nbinds++];
    b->idx = idx;
    b->type = type;
    b->text = text ? strdup(text) : NULL;
    b->i = i;
    b->d = d;
}

static void rec_free(rec_req *r) {
    for (int k = 0; k < r->n; k++) {
        for (int j = 0; j < r->stmts[k].nbinds; j++) free(r->stmts[k].binds[j].text);
        free(r->stmts[k].binds);
    }
    free(r->stmts);
    memset(r, 0, sizeof *r);
}

static uint64_t cpu_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Replays one recorded request; returns the statements run, -1 on error. */
static bool g_autocommit; /* DBLIMIT_AUTOCOMMIT=1: each statement in its own implicit transaction (as before issue 15) */

static int replay(db_conn *c, const rec_req *r, volatile size_t *sink) {
    if (!g_autocommit && db_read_begin(c) != 0) return -1;
    for (int k = 0; k < r->n; k++) {
        const rec_stmt *st = &r->stmts[k];
        db_stmt *s = db_query(c, st->sql);
        if (!s) return -1;
        for (int j = 0; j < st->nbinds; j++) {
            const rec_bind *b = &st->binds[j];
            switch (b->type) {
            case DB_TRACE_TEXT: db_bind_text(s, b->idx, b->text); break;
            case DB_TRACE_INT: db_bind_int(s, b->idx, b->i); break;
            case DB_TRACE_DOUBLE: db_bind_double(s, b->idx, b->d); break;
            case DB_TRACE_NULL: db_bind_null(s, b->idx); break;
            }
        }
        int rc;
        while ((rc = db_step(s)) == 1) (*sink)++; /* the row is computed; reading it is the handler's share */
        db_done(s);
        if (rc < 0) return -1;
    }
    if (!g_autocommit) db_read_end(c);
    return r->n;
}

static char **read_lines(const char *path, size_t *n) {
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "dblimit: cannot open %s\n", path);
        exit(2);
    }
    char **v = NULL;
    size_t cap = 0;
    *n = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 1024;
            v = realloc(v, cap * sizeof *v);
            if (!v) abort();
        }
        v[(*n)++] = strdup(line);
    }
    fclose(f);
    if (!*n) {
        fprintf(stderr, "dblimit: %s is empty\n", path);
        exit(2);
    }
    return v;
}

static void pct_encode(const char *s, char *out, size_t n) {
    size_t o = 0;
    for (; *s && o + 4 < n; s++) {
        unsigned char ch = (unsigned char)*s;
        if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || strchr("-._~", ch))
            out[o++] = (char)ch;
        else o += (size_t)snprintf(out + o, n - o, "%%%02X", ch);
    }
    out[o] = 0;
}

/* The routes of bench/run (same names), {crn} {user} {conviction} filled like bench/paths.lua. */
static const struct {
    const char *name, *pattern;
} ROUTES[] = {
    {"tier-details", "/tier-details/{crn}"},
    {"person", "/person/{crn}"},
    {"personal-details", "/case-data/{crn}/personal-details"},
    {"upw-event", "/case-data/{crn}/{conviction}"},
    {"access", "/users/{user}/access/{crn}"},
    {"cc-person", "/probation-case/{crn}"},
    {"cc-all", "/probation-case/{crn}/all"},
    {"cc-conviction", "/probation-case/{crn}/convictions/{conviction}"},
};

static uint64_t rng_state = 88172645463325252ull;
static uint64_t rnd(void) {
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static void fill(const char *pattern, char **crns, size_t ncrn, char **users, size_t nuser, char **cases, size_t ncase,
                 char *out, size_t n) {
    char crn[64] = "", conv[64] = "", user[512] = "";
    if (strstr(pattern, "{conviction}")) {
        sscanf(cases[rnd() % ncase], "%63s %63s", crn, conv);
    } else {
        snprintf(crn, sizeof crn, "%s", crns[rnd() % ncrn]);
    }
    pct_encode(users[rnd() % nuser], user, sizeof user);
    size_t o = 0;
    for (const char *p = pattern; *p && o + 1 < n;) {
        const char *v = NULL;
        if (!strncmp(p, "{crn}", 5)) v = crn, p += 5;
        else if (!strncmp(p, "{user}", 6)) v = user, p += 6;
        else if (!strncmp(p, "{conviction}", 12)) v = conv, p += 12;
        if (v) o += (size_t)snprintf(out + o, n - o, "%s", v);
        else out[o++] = *p++;
    }
    out[o < n ? o : n - 1] = 0;
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: dblimit DB CRN_FILE USER_FILE CASE_FILE [N] [ROUTE...]\n");
        return 2;
    }
    setenv("DELIUSD_DATABASE", argv[1], 1);
    if (!getenv("DELIUSD_LOG_LEVEL")) setenv("DELIUSD_LOG_LEVEL", "ERROR", 1);
    char err[256];
    if (!config_load(err, sizeof err)) {
        fprintf(stderr, "dblimit: %s\n", err);
        return 2;
    }
    log_set_level(cfg.log_level);
    tu_init();
    size_t ncrn, nuser, ncase;
    char **crns = read_lines(argv[2], &ncrn), **users = read_lines(argv[3], &nuser),
         **cases = read_lines(argv[4], &ncase);
    int n = argc > 5 ? atoi(argv[5]) : 2000;
    g_autocommit = getenv("DBLIMIT_AUTOCOMMIT") && !strcmp(getenv("DBLIMIT_AUTOCOMMIT"), "1");
    if (n < 1) n = 1;
    db_pool_init(cfg.database, 2);
    size_t nroutes;
    const route_def *routes = app_routes(&nroutes);
    server_opts opts = {.routes = routes, .nroutes = nroutes, .after_handler = service_after_handler};
    server_init(&opts);
    db_tracer tracer = {.query = on_query, .bind = on_bind};
    rec_req *recs = calloc((size_t)n, sizeof *recs);
    char **paths = calloc((size_t)n, sizeof *paths);
    if (!recs || !paths) abort();
    volatile size_t sink = 0;

    for (size_t ri = 0; ri < sizeof ROUTES / sizeof ROUTES[0]; ri++) {
        bool want = argc <= 6;
        for (int a = 6; a < argc; a++) want |= !strcmp(argv[a], ROUTES[ri].name);
        if (!want) continue;
        for (int i = 0; i < n; i++) {
            char p[1024];
            fill(ROUTES[ri].pattern, crns, ncrn, users, nuser, cases, ncase, p, sizeof p);
            paths[i] = strdup(p);
        }
        /* 1. record (also warms the page cache and the statement cache) */
        db_set_tracer(&tracer);
        int non2xx = 0;
        long stmts = 0;
        for (int i = 0; i < n; i++) {
            g_cur = &recs[i];
            http_invoke_result res;
            int st = http_invoke("GET", paths[i], NULL, false, 0, &res);
            if (st < 200 || st > 299) non2xx++;
            free(res.body);
            stmts += recs[i].n;
        }
        g_cur = NULL;
        db_set_tracer(NULL);
        if (getenv("DBLIMIT_SQL")) /* the statements of the first request, for EXPLAIN QUERY PLAN */
            for (int k = 0; k < recs[0].n; k++) printf("SQL %s %s;\n", ROUTES[ri].name, recs[0].stmts[k].sql);
        /* 2. the in-process handler, timed (best of ROUNDS: other load only adds) */
        uint64_t handler_ns = UINT64_MAX, t0;
        for (int round = 0; round < ROUNDS; round++) {
            t0 = cpu_ns();
            for (int i = 0; i < n; i++) {
                http_invoke_result res;
                http_invoke("GET", paths[i], NULL, false, 0, &res);
                free(res.body);
            }
            uint64_t t = cpu_ns() - t0;
            if (t < handler_ns) handler_ns = t;
        }
        /* 3. the statements alone, timed */
        db_conn *c = db_pool_thread(err, sizeof err);
        if (!c) {
            fprintf(stderr, "dblimit: %s\n", err);
            return 1;
        }
        int failed = 0;
        uint64_t db_ns = UINT64_MAX;
        for (int round = 0; round < ROUNDS; round++) {
            t0 = cpu_ns();
            for (int i = 0; i < n; i++)
                if (replay(c, &recs[i], &sink) < 0) failed++;
            uint64_t t = cpu_ns() - t0;
            if (t < db_ns) db_ns = t;
        }
        if (failed) {
            fprintf(stderr, "dblimit: %s: %d replays failed: %s\n", ROUTES[ri].name, failed, db_errmsg(c));
            db_read_end(c);
        }
        printf("DBLIMIT route=%s pattern=%s requests=%d non2xx=%d statements_per_req=%.2f db_us=%.1f handler_us=%.1f\n",
               ROUTES[ri].name, ROUTES[ri].pattern, n, non2xx, (double)stmts / n, db_ns / 1e3 / n,
               handler_ns / 1e3 / n);
        fflush(stdout);
        for (int i = 0; i < n; i++) {
            rec_free(&recs[i]);
            free(paths[i]);
        }
    }
    db_pool_close_all();
    free(recs);
    free(paths);
    return sink == (size_t)-1;
}
