/* test_invoke.c - http_invoke: a route's handler run in-process (no socket),
 * with the same router, alias, typed parameters, role check and error bodies
 * as over HTTP. Links src/core alone: the routes are the test's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/server.h"

static int echo(http_req *r) {
    int64_t n = 0;
    bool flag = false;
    const char **list;
    size_t nlist;
    if (!http_query_int(r, "n", false, 7, &n)) return 0;
    if (!http_query_bool(r, "flag", false, false, &flag)) return 0;
    if (!http_query_list(r, "codes", false, &list, &nlist)) return 0;
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_str(w, "crn", http_path(r, "crn"));
    jw_kv_int(w, "n", n);
    jw_kv_bool(w, "flag", flag);
    jw_kv_bool(w, "alias", http_via_alias(r));
    jw_kv_str(w, "hdr", http_header(r, "X-Thing"));
    jw_kv_int(w, "codes", (int64_t)nlist);
    jw_obj_end(w);
    http_send_json(r, 200);
    return 0;
}

static int missing(http_req *r) {
    http_not_found(r, "Person", "crn", http_path(r, "crn"));
    return 0;
}

static const char *parts[] = {"a", "bc", "def", NULL};
static ssize_t rd(void *ctx, char *out, size_t max) {
    int *i = ctx;
    if (!parts[*i]) return 0;
    size_t n = strlen(parts[*i]);
    if (n > max) n = max;
    memcpy(out, parts[(*i)++], n);
    return (ssize_t)n;
}
static void fr(void *ctx) { free(ctx); }
static int streamed(http_req *r) {
    int *i = calloc(1, sizeof *i);
    http_stream(r, 200, "text/plain", rd, i, fr);
    return 0;
}

static const route_def routes[] = {
    {.method = "GET", .pattern = "/probation-case/{crn}", .alias = "/secure/offenders/crn/{crn}", .roles = 1,
     .errors = ERR_STYLE_DEVELOPER, .handler = echo},
    {.method = "GET", .pattern = "/gone/{crn}", .roles = 1, .errors = ERR_STYLE_DEVELOPER, .handler = missing},
    {.method = "GET", .pattern = "/stream", .handler = streamed},
};

static int setup(void **state) {
    (void)state;
    char err[128];
    assert_true(config_load(err, sizeof err));
    server_opts o = {.routes = routes, .nroutes = sizeof routes / sizeof routes[0], .admin_roles = 2};
    server_init(&o);
    return 0;
}

static void test_canonical_and_alias(void **state) {
    (void)state;
    const char *hdrs[] = {"x-thing", "v", NULL};
    http_invoke_result a, b;
    assert_int_equal(http_invoke("GET", "/probation-case/X%201?n=5&flag=true&codes=A,B&codes=C", hdrs, false, 0, &a), 200);
    assert_string_equal(a.content_type, "application/json");
    assert_string_equal(a.body, "{\"crn\":\"X 1\",\"n\":5,\"flag\":true,\"alias\":false,\"hdr\":\"v\",\"codes\":3}");
    assert_int_equal(http_invoke("GET", "/secure/offenders/crn/X%201?n=5&flag=true&codes=A,B&codes=C", hdrs, false, 0, &b), 200);
    assert_string_equal(b.body, "{\"crn\":\"X 1\",\"n\":5,\"flag\":true,\"alias\":true,\"hdr\":\"v\",\"codes\":3}");
    free(a.body);
    free(b.body);
}

static void test_errors(void **state) {
    (void)state;
    http_invoke_result a;
    assert_int_equal(http_invoke("GET", "/probation-case/X1?n=abc", NULL, false, 0, &a), 400);
    assert_non_null(strstr(a.body, "is not an integer"));
    free(a.body);
    assert_int_equal(http_invoke("GET", "/gone/X9", NULL, false, 0, &a), 404);
    assert_string_equal(a.body, "{\"status\":404,\"developerMessage\":\"Person with crn of X9 not found\"}");
    free(a.body);
    assert_int_equal(http_invoke("GET", "/nowhere", NULL, false, 0, &a), 404);
    free(a.body);
    /* with check_auth and no token: 401, the handler never runs */
    assert_int_equal(http_invoke("GET", "/gone/X9", NULL, true, 0, &a), 401);
    free(a.body);
}

static void test_stream_collected(void **state) {
    (void)state;
    http_invoke_result a;
    assert_int_equal(http_invoke("GET", "/stream", NULL, false, 0, &a), 200);
    assert_int_equal((int)a.len, 6);
    assert_string_equal(a.body, "abcdef");
    free(a.body);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_and_alias),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_stream_collected),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
