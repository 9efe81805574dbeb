/*
 * metrics.h - Prometheus counters and latency histograms (text exposition).
 *
 * Lock-free (<stdatomic.h>) counters indexed by route-table position; telemetry
 * event counters (deliusd_events_total{event=...}) in a small fixed table.
 */
#ifndef DL_METRICS_H
#define DL_METRICS_H

#include <stddef.h>

#include "buf.h"
#include "http.h"

/* Installs the route table whose indexes metrics_request receives (labels). */
void metrics_init(const route_def *routes, size_t n);
/* route_idx: index in the installed table, or -1 for unmatched requests. */
void metrics_request(int route_idx, int status, double duration_ms);
/* Counts a telemetry event by name (names are static strings). */
void metrics_event(const char *name);
/* Gauge of open database connections. */
void metrics_db_connections(int delta);
/* Adds a renderer whose output is appended to /metrics (for modules above
 * core, e.g. the message consumers). At most 8; call before serving. */
void metrics_add_renderer(void (*render)(buf *b));
/* Appends the Prometheus text exposition to b. */
void metrics_render(buf *b);

#endif
