/* metrics.c - Prometheus metrics (see metrics.h). */
#include "metrics.h"

#include <stdatomic.h>
#include <string.h>

#include "http.h"
#include "json.h"

#define MAX_ROUTES 256 /* routes beyond this are counted as unmatched */
#define NCLASS 5 /* 1xx..5xx */
static const double bounds_ms[] = {1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000};
#define NB (sizeof bounds_ms / sizeof bounds_ms[0])

struct route_metrics {
    atomic_ulong count[NCLASS];
    atomic_ulong bucket[NB + 1];
    atomic_ulong sum_us;
};
static struct route_metrics routes[MAX_ROUTES + 1]; /* last = unmatched */

#define MAX_EVENTS 64
static struct {
    _Atomic(const char *) name;
    atomic_ulong count;
} events[MAX_EVENTS];

static atomic_int db_conns;
static const route_def *g_routes; /* installed by metrics_init */
static size_t g_nroutes;

void metrics_init(const route_def *table, size_t n) {
    g_routes = table;
    g_nroutes = n;
}

#define MAX_RENDERERS 8
static void (*_Atomic renderers[MAX_RENDERERS])(buf *b);

void metrics_add_renderer(void (*render)(buf *b)) {
    for (int i = 0; i < MAX_RENDERERS; i++) {
        void (*cur)(buf *) = atomic_load(&renderers[i]);
        if (cur == render) return;
        void (*expected)(buf *) = NULL;
        if (!cur && atomic_compare_exchange_strong(&renderers[i], &expected, render)) return;
    }
}

void metrics_request(int idx, int status, double ms) {
    if (idx < 0 || idx >= MAX_ROUTES) idx = MAX_ROUTES;
    struct route_metrics *m = &routes[idx];
    int cls = status / 100 - 1;
    if (cls < 0 || cls >= NCLASS) cls = NCLASS - 1;
    atomic_fetch_add(&m->count[cls], 1);
    size_t b = 0;
    while (b < NB && ms > bounds_ms[b]) b++;
    atomic_fetch_add(&m->bucket[b], 1);
    atomic_fetch_add(&m->sum_us, (unsigned long)(ms * 1000.0));
}

void metrics_event(const char *name) {
    for (int i = 0; i < MAX_EVENTS; i++) {
        const char *cur = atomic_load(&events[i].name);
        if (!cur) {
            const char *expected = NULL;
            if (atomic_compare_exchange_strong(&events[i].name, &expected, name)) cur = name;
            else cur = expected;
        }
        if (cur == name || !strcmp(cur, name)) {
            atomic_fetch_add(&events[i].count, 1);
            return;
        }
    }
}

void metrics_db_connections(int delta) { atomic_fetch_add(&db_conns, delta); }

static void route_label(buf *b, int idx) {
    const char *p = idx >= 0 && (size_t)idx < g_nroutes ? g_routes[idx].pattern : "unmatched";
    buf_puts(b, "route=\"");
    json_escape(b, p, strlen(p));
    buf_putc(b, '"');
}

void metrics_render(buf *b) {
    buf_puts(b, "# HELP deliusd_http_requests_total HTTP requests by route template and status class.\n"
                "# TYPE deliusd_http_requests_total counter\n");
    int n = (int)g_nroutes < MAX_ROUTES ? (int)g_nroutes : MAX_ROUTES;
    for (int i = 0; i <= n; i++) {
        int idx = i == n ? MAX_ROUTES : i;
        for (int c = 0; c < NCLASS; c++) {
            unsigned long v = atomic_load(&routes[idx].count[c]);
            if (!v) continue;
            buf_puts(b, "deliusd_http_requests_total{");
            route_label(b, i == n ? (int)g_nroutes : i);
            buf_printf(b, ",status=\"%dxx\"} %lu\n", c + 1, v);
        }
    }
    buf_puts(b, "# HELP deliusd_http_request_duration_seconds Request latency by route template.\n"
                "# TYPE deliusd_http_request_duration_seconds histogram\n");
    for (int i = 0; i <= n; i++) {
        int idx = i == n ? MAX_ROUTES : i;
        unsigned long total = 0;
        for (size_t k = 0; k <= NB; k++) total += atomic_load(&routes[idx].bucket[k]);
        if (!total) continue;
        unsigned long cum = 0;
        for (size_t k = 0; k <= NB; k++) {
            cum += atomic_load(&routes[idx].bucket[k]);
            buf_puts(b, "deliusd_http_request_duration_seconds_bucket{");
            route_label(b, i == n ? (int)g_nroutes : i);
            if (k < NB) buf_printf(b, ",le=\"%g\"} %lu\n", bounds_ms[k] / 1000.0, cum);
            else buf_printf(b, ",le=\"+Inf\"} %lu\n", cum);
        }
        buf_puts(b, "deliusd_http_request_duration_seconds_sum{");
        route_label(b, i == n ? (int)g_nroutes : i);
        buf_printf(b, "} %.6f\n", (double)atomic_load(&routes[idx].sum_us) / 1e6);
        buf_puts(b, "deliusd_http_request_duration_seconds_count{");
        route_label(b, i == n ? (int)g_nroutes : i);
        buf_printf(b, "} %lu\n", total);
    }
    buf_puts(b, "# HELP deliusd_events_total Telemetry events by name.\n# TYPE deliusd_events_total counter\n");
    for (int i = 0; i < MAX_EVENTS; i++) {
        const char *name = atomic_load(&events[i].name);
        if (!name) break;
        buf_puts(b, "deliusd_events_total{event=\"");
        json_escape(b, name, strlen(name));
        buf_printf(b, "\"} %lu\n", atomic_load(&events[i].count));
    }
    buf_printf(b, "# HELP deliusd_db_connections Open database connections.\n# TYPE deliusd_db_connections gauge\n"
                  "deliusd_db_connections %d\n", atomic_load(&db_conns));
    for (int i = 0; i < MAX_RENDERERS; i++) {
        void (*r)(buf *) = atomic_load(&renderers[i]);
        if (r) r(b);
    }
}
