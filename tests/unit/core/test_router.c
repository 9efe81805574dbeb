/* test_router.c - route matching, variables, 404/405, literal-over-variable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/router.h"

static int h(http_req *r) {
    (void)r;
    return 0;
}

static const route_def table[] = {
    {.method = "GET", .pattern = "/health", .handler = h},
    {.method = "GET", .pattern = "/case-data/{crn}/{eventId}", .roles = 1, .handler = h},
    {.method = "GET", .pattern = "/case-data/{crn}/personal-details", .roles = 1, .handler = h},
    {.method = "GET", .pattern = "/users/{username}/access/{crn}", .roles = 1, .handler = h},
    {.method = "POST", .pattern = "/secure/compare", .roles = 1, .errors = ERR_STYLE_DEVELOPER, .handler = h},
    {.method = "GET", .pattern = "/probation-case/{crn}/registrations", .alias = "/secure/offenders/crn/{crn}/registrations",
     .roles = 1, .errors = ERR_STYLE_DEVELOPER, .handler = h},
};
#define N (sizeof table / sizeof table[0])

static void test_literal(void **state) {
    (void)state;
    route_match m;
    assert_int_equal(router_match(table, N, "GET", "/health", &m), 0);
    assert_int_equal(m.nvars, 0);
    assert_int_equal(router_match(table, N, "GET", "/health/", &m), ROUTER_NOT_FOUND);
    assert_int_equal(router_match(table, N, "GET", "/healthz", &m), ROUTER_NOT_FOUND);
    assert_int_equal(router_match(table, N, "GET", "/", &m), ROUTER_NOT_FOUND);
    assert_int_equal(router_match(table, N, "GET", "", &m), ROUTER_NOT_FOUND);
}

static void test_variables(void **state) {
    (void)state;
    route_match m;
    assert_int_equal(router_match(table, N, "GET", "/users/jbloggs/access/X123456", &m), 3);
    assert_int_equal(m.nvars, 2);
    assert_int_equal(m.val_len[0], 7);
    assert_memory_equal(m.val[0], "jbloggs", 7);
    assert_memory_equal(m.name[1], "crn", 3);
    assert_memory_equal(m.val[1], "X123456", 7);
    /* an empty segment does not match a variable */
    assert_int_equal(router_match(table, N, "GET", "/users//access/X1", &m), ROUTER_NOT_FOUND);
}

static void test_literal_beats_variable(void **state) {
    (void)state;
    route_match m;
    assert_int_equal(router_match(table, N, "GET", "/case-data/X1/personal-details", &m), 2);
    assert_int_equal(router_match(table, N, "GET", "/case-data/X1/42", &m), 1);
}

static void test_method_not_allowed(void **state) {
    (void)state;
    route_match m;
    assert_int_equal(router_match(table, N, "POST", "/health", &m), ROUTER_METHOD_NOT_ALLOWED);
    assert_int_equal(router_match(table, N, "GET", "/secure/compare", &m), ROUTER_METHOD_NOT_ALLOWED);
    assert_int_equal(router_match(table, N, "HEAD", "/health", &m), 0);
    char allow[32];
    router_allowed(table, N, "/secure/compare", allow, sizeof allow);
    assert_string_equal(allow, "POST");
}

static void test_arena(void **state) {
    (void)state;
    arena *a = arena_new();
    char *big = arena_alloc(a, 100000);
    memset(big, 1, 100000);
    for (int i = 0; i < 10000; i++) {
        char *s = arena_printf(a, "item-%d", i);
        assert_string_equal(s, arena_strdup(a, s));
        assert_int_equal(((uintptr_t)s) % 16, 0);
    }
    assert_null(arena_strdup(a, NULL));
    assert_true(arena_reserved(a) >= 100000);
    arena_free(a);
}

static void test_alias(void **state) {
    (void)state;
    route_match m;
    assert_int_equal(router_match(table, N, "GET", "/probation-case/X1/registrations", &m), 5);
    assert_false(m.alias);
    assert_int_equal(m.nvars, 1);
    assert_int_equal(router_match(table, N, "GET", "/secure/offenders/crn/X1/registrations", &m), 5);
    assert_true(m.alias);
    assert_int_equal(m.nvars, 1);
    assert_int_equal((int)m.val_len[0], 2);
    assert_memory_equal(m.val[0], "X1", 2);
    assert_int_equal(router_match(table, N, "POST", "/secure/offenders/crn/X1/registrations", &m),
                     ROUTER_METHOD_NOT_ALLOWED);
    char allow[32];
    router_allowed(table, N, "/secure/offenders/crn/X1/registrations", allow, sizeof allow);
    assert_string_equal(allow, "GET");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_literal), cmocka_unit_test(test_variables), cmocka_unit_test(test_literal_beats_variable),
        cmocka_unit_test(test_method_not_allowed), cmocka_unit_test(test_arena), cmocka_unit_test(test_alias),
    };
    return cmocka_run_group_tests_name("router", tests, NULL, NULL);
}
