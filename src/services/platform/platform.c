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

/* One operation: a route at one of its paths (pattern or alias). */
static void openapi_operation(jw *w, const route_def *e, const char *path) {
    char m[8] = {0};
    for (int k = 0; k < 7 && e->method[k]; k++) m[k] = (char)(e->method[k] | 0x20);
    jw_key(w, m);
    jw_obj_begin(w);
    jw_kv_str(w, "summary", e->summary);
    jw_key(w, "tags");
    jw_arr_begin(w);
    jw_str(w, e->service);
    jw_arr_end(w);
    jw_key(w, "parameters");
    jw_arr_begin(w);
    for (const char *p = strchr(path, '{'); p; p = strchr(p + 1, '{')) {
        const char *q = strchr(p, '}');
        if (!q) break;
        jw_obj_begin(w);
        jw_key(w, "name");
        jw_strn(w, p + 1, (size_t)(q - p - 1));
        jw_kv_str(w, "in", "path");
        jw_kv_bool(w, "required", true);
        jw_key(w, "schema");
        jw_obj_begin(w);
        jw_kv_str(w, "type", "string");
        jw_obj_end(w);
        jw_obj_end(w);
    }
    jw_arr_end(w);
    if (e->roles) {
        jw_key(w, "security");
        jw_arr_begin(w);
        jw_obj_begin(w);
        jw_key(w, "hmpps-auth");
        jw_arr_begin(w);
        jw_arr_end(w);
        jw_obj_end(w);
        jw_arr_end(w);
        jw_key(w, "x-roles");
        jw_arr_begin(w);
        for (size_t k = 0; k < role_count; k++)
            if ((e->roles & role_table[k].bit) || role_table[k].bit == ROLE_ADMIN) jw_str(w, role_table[k].authority);
        jw_arr_end(w);
    }
    jw_key(w, "responses");
    jw_obj_begin(w);
    jw_key(w, "200");
    jw_obj_begin(w);
    jw_kv_str(w, "description", e->schema ? e->schema : "OK");
    jw_obj_end(w);
    jw_obj_end(w);
    jw_obj_end(w);
}

static const char *route_path(const route_def *e, int which) { return which ? e->alias : e->pattern; }

/* OpenAPI 3 document generated from the route table: paths (an alias is a
 * path of its own), parameters, roles. */
int platform_openapi(http_req *r) {
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "openapi", "3.0.1");
    jw_key(w, "info");
    jw_obj_begin(w);
    jw_kv_str(w, "title", "deliusd");
    jw_kv_str(w, "version", DELIUSD_VERSION);
    jw_obj_end(w);
    jw_key(w, "components");
    jw_obj_begin(w);
    jw_key(w, "securitySchemes");
    jw_obj_begin(w);
    jw_key(w, "hmpps-auth");
    jw_obj_begin(w);
    jw_kv_str(w, "type", "http");
    jw_kv_str(w, "scheme", "bearer");
    jw_kv_str(w, "bearerFormat", "JWT");
    jw_obj_end(w);
    jw_obj_end(w);
    jw_obj_end(w);
    jw_key(w, "paths");
    jw_obj_begin(w);
    size_t n;
    const route_def *routes = server_routes(&n);
    for (size_t i = 0; i < n; i++) {
        for (int which = 0; which < 2; which++) {
            const char *path = route_path(&routes[i], which);
            if (!path) continue;
            bool first_of_path = true; /* one object per path, holding every method */
            for (size_t j = 0; j < i && first_of_path; j++)
                for (int wj = 0; wj < 2; wj++)
                    if (route_path(&routes[j], wj) && !strcmp(route_path(&routes[j], wj), path)) first_of_path = false;
            if (!first_of_path) continue;
            jw_key(w, path);
            jw_obj_begin(w);
            for (size_t j = i; j < n; j++)
                for (int wj = 0; wj < 2; wj++)
                    if (route_path(&routes[j], wj) && !strcmp(route_path(&routes[j], wj), path))
                        openapi_operation(w, &routes[j], path);
            jw_obj_end(w);
        }
    }
    jw_obj_end(w);
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;
}
