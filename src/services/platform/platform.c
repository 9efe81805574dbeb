/*
 * platform.c - the public platform routes: health, info, metrics, API docs.
 */
#include <string.h>

#include "core/config.h"
#include "core/embedded.h"
#include "core/metrics.h"
#include "core/server.h"
#include "services/handlers.h"

static int health_body(http_req *r, bool with_components) {
    bool up = server_db_ready(r) == 0;
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

static const char *role_names[] = {"ROLE_PROBATION_API__TIER__CASE_DETAIL", "ROLE_TIER_DETAILS",
                                   "ROLE_PROBATION_API__UPW__CASE_DETAIL", "ROLE_UPW_DETAILS",
                                   "ROLE_PROBATION_API__COURT_CASE__CASE_DETAIL", "ROLE_PROBATION_INTEGRATION_ADMIN"};

/* OpenAPI 3 document generated from the route table: paths, parameters, roles. */
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
    for (size_t i = 0; i < route_count; i++) {
        const route_def *d = &route_table[i];
        bool first_of_path = true;
        for (size_t j = 0; j < i; j++)
            if (!strcmp(route_table[j].pattern, d->pattern)) first_of_path = false;
        if (!first_of_path) continue;
        jw_key(w, d->pattern);
        jw_obj_begin(w);
        for (size_t j = i; j < route_count; j++) {
            const route_def *e = &route_table[j];
            if (strcmp(e->pattern, d->pattern)) continue;
            char m[8] = {0};
            for (int k = 0; e->method[k] && k < 7; k++) m[k] = (char)(e->method[k] | 0x20);
            jw_key(w, m);
            jw_obj_begin(w);
            jw_kv_str(w, "summary", e->summary);
            jw_key(w, "tags");
            jw_arr_begin(w);
            jw_str(w, e->service);
            jw_arr_end(w);
            jw_key(w, "parameters");
            jw_arr_begin(w);
            for (const char *p = strchr(e->pattern, '{'); p; p = strchr(p + 1, '{')) {
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
                for (unsigned k = 0; k < 5; k++)
                    if (e->roles & (1u << k)) jw_str(w, role_names[k]);
                jw_str(w, "ROLE_PROBATION_INTEGRATION_ADMIN");
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
        jw_obj_end(w);
    }
    jw_obj_end(w);
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;
}
