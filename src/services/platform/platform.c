/*
 * platform.c - the public platform routes: health, info, metrics, API docs.
 */
#include <string.h>

#include "core/config.h"
#include "core/embedded.h"
#include "core/metrics.h"
#include "core/server.h"
#include "db/pool.h"
#include "services/platform/platform.h"

static int health_body(http_req *r, bool with_components) {
    bool up = db_pool_ready() == 0;
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "status", up ? "UP" : "DOWN");
    if (with_components) {
        jw_key(w, "components");
        jw_obj_begin(w);
        jw_key(w, "db");
        jw_obj_begin(w);
        jw_kv_str(w, "status", up ? "UP" : "DOWN");
        jw_obj_end(w);
        jw_obj_end(w);
    }
    jw_obj_end(w);
    http_send_json(r, up ? 200 : 503);
    return 0;
}

int platform_health(http_req *r) { return health_body(r, true); }
int platform_readiness(http_req *r) { return health_body(r, false); }

int platform_liveness(http_req *r) {
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "status", "UP");
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;
}

int platform_info(http_req *r) {
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "productId", "HMPPS518");
    jw_key(w, "build");
    jw_obj_begin(w);
    jw_kv_str(w, "name", "deliusd");
    jw_kv_str(w, "version", DELIUSD_VERSION);
    jw_obj_end(w);
    jw_key(w, "git");
    jw_obj_begin(w);
    jw_kv_str(w, "commit", DELIUSD_GIT);
    jw_obj_end(w);
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;
}

int platform_metrics(http_req *r) {
    buf b = BUF_INIT;
    metrics_render(&b);
    http_send(r, 200, "text/plain; version=0.0.4", b.data ? b.data : "", b.len);
    buf_dispose(&b);
    return 0;
}

int platform_asyncapi(http_req *r) {
    const char *doc = embedded_find(embedded_docs, "asyncapi.json");
    if (!doc) {
        http_error(r, 404, "AsyncAPI document not built into this binary");
        return 0;
    }
    http_send(r, 200, "application/json", doc, strlen(doc));
    return 0;
}

/* GET /v3/api-docs: src/services/platform/openapi.c */
