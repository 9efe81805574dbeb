/*
 * fuzz_query.c - libFuzzer target for the request-target parsers of
 * core/http.c (issue 16): percent-decoding of the path and query, the query
 * string split, typed query parameters (string, boolean, integer, list),
 * integer path variables, the router and the framework error bodies, all
 * through http_invoke (the same code as over HTTP); and the log redaction of
 * library messages (http_redact). Input: the request target
 * ("/f/<var>?<query>") as raw bytes, NUL-free.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/http.h"
#include "core/http_internal.h"
#include "core/log.h"
#include "core/server.h"

static int handler(http_req *r) {
    const char *s;
    bool b;
    int64_t i;
    const char **list;
    size_t n;
    if (!http_query_str(r, "s", false, &s)) return 0;
    if (!http_query_bool(r, "b", false, true, &b)) return 0;
    if (!http_query_int(r, "i", false, 0, &i)) return 0;
    if (!http_query_list(r, "l", false, &list, &n)) return 0;
    if (!http_path_int(r, "id", &i)) return 0;
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "v", http_path(r, "v"));
    jw_kv_str(w, "s", s);
    jw_kv_int(w, "n", (int64_t)n);
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;
}

static const route_def routes[] = {
    {.method = "GET", .pattern = "/f/{v}/{id}", .roles = ROLES_PUBLIC, .handler = handler, .service = "fuzz"},
    {.method = "GET", .pattern = "/g/{v}", .alias = "/h/{v}", .roles = ROLES_PUBLIC, .handler = handler,
     .service = "fuzz"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static bool init;
    if (!init) {
        log_set_level(LOG_ERROR + 1);
        server_opts o = {.routes = routes, .nroutes = sizeof routes / sizeof *routes};
        server_init(&o);
        init = true;
    }
    if (size > 16384) return 0;
    char *t = malloc(size + 2);
    if (!t) return 0;
    t[0] = '/';
    memcpy(t + 1, data, size);
    t[size + 1] = 0;
    if (strlen(t) == size + 1) { /* NUL-free: a request target */
        http_invoke_result res;
        http_invoke("GET", t, NULL, false, 1 << 20, &res);
        free(res.body);
        http_redact(t);
    }
    free(t);
    return 0;
}
