/* test_json.c - the streaming JSON writer: structure, escaping, numbers; output
 * parsed back with jansson. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "core/json.h"

static void test_structure_and_null_omission(void **state) {
    (void)state;
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_kv_str(&w, "crn", "X123456");
    jw_kv_str(&w, "absent", NULL);
    jw_kv_int(&w, "n", -42);
    jw_kv_bool(&w, "ok", true);
    jw_key(&w, "list");
    jw_arr_begin(&w);
    jw_int(&w, 1);
    jw_obj_begin(&w);
    jw_obj_end(&w);
    jw_arr_begin(&w);
    jw_arr_end(&w);
    jw_arr_end(&w);
    jw_kv_int_opt(&w, "missing", false, 5);
    jw_obj_end(&w);
    assert_string_equal(b.data, "{\"crn\":\"X123456\",\"n\":-42,\"ok\":true,\"list\":[1,{},[]]}");
    buf_dispose(&b);
}

static void test_escaping(void **state) {
    (void)state;
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_str(&w, "q\"b\\n\n\r\t\x01\x1f é €");
    assert_string_equal(b.data, "\"q\\\"b\\\\n\\n\\r\\t\\u0001\\u001f é €\"");
    buf_dispose(&b);
}

static void test_invalid_utf8_replaced(void **state) {
    (void)state;
    const char *bad[] = {"\xff", "a\xc3", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "\xe2\x82"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf b = BUF_INIT;
        jw w;
        jw_init(&w, &b);
        jw_str(&w, bad[i]);
        json_error_t err;
        json_t *j = json_loads(b.data, JSON_DECODE_ANY, &err);
        assert_non_null(j); /* jansson rejects invalid UTF-8: the writer never emits it */
        json_decref(j);
        buf_dispose(&b);
    }
}

static void test_doubles_like_java(void **state) {
    (void)state;
    struct {
        double v;
        const char *s;
    } cases[] = {{10.1, "10.1"}, {12.0, "12.0"}, {0.5, "0.5"}, {-3.0, "-3.0"}, {1.0 / 3.0, "0.3333333333333333"},
                 {10.0, "10.0"},  {100.0, "100.0"}, {50.0, "50.0"}, {0.001, "0.001"},  {1e7, "1.0E7"},
                 {1.5e-4, "1.5E-4"}, {0.0, "0.0"}, {9999999.5, "9999999.5"}, {123456.789, "123456.789"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        buf b = BUF_INIT;
        jw w;
        jw_init(&w, &b);
        jw_double(&w, cases[i].v);
        assert_string_equal(b.data, cases[i].s);
        buf_dispose(&b);
    }
}

/* Round trip: every string of bytes written is parsed back by jansson to the
 * same string when it was valid UTF-8. */
static void test_round_trip(void **state) {
    (void)state;
    unsigned seed = 12345;
    for (int iter = 0; iter < 2000; iter++) {
        char s[64];
        size_t n = 0;
        while (n < sizeof s - 1) {
            seed = seed * 1103515245u + 12345u;
            unsigned c = (seed >> 16) & 0x7f; /* ASCII incl. control characters */
            if (c == 0) break;
            s[n++] = (char)c;
        }
        s[n] = 0;
        buf b = BUF_INIT;
        jw w;
        jw_init(&w, &b);
        jw_obj_begin(&w);
        jw_kv_str(&w, s, s);
        jw_obj_end(&w);
        json_error_t err;
        json_t *j = json_loads(b.data, JSON_REJECT_DUPLICATES, &err);
        assert_non_null(j);
        assert_string_equal(json_string_value(json_object_get(j, s)), s);
        json_decref(j);
        buf_dispose(&b);
    }
}

static void test_buf_limit(void **state) {
    (void)state;
    buf b = BUF_INIT;
    b.limit = 8;
    buf_puts(&b, "12345");
    assert_false(b.overflow);
    buf_puts(&b, "6789");
    assert_true(b.overflow);
    assert_int_equal(b.len, 5);
    buf_dispose(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_structure_and_null_omission), cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_invalid_utf8_replaced),       cmocka_unit_test(test_doubles_like_java),
        cmocka_unit_test(test_round_trip),                  cmocka_unit_test(test_buf_limit),
    };
    return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
