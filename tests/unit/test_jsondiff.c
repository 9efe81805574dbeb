/*
 * test_jsondiff.c - the compare tools' JSON comparison (src/core/jsondiff.h):
 * key sets, array order, numbers, the three entry forms and their paths, the
 * entry cap, and the §4.2 documents fixture pair (same documents, opposite order).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsondiff.h"

static json_t *parse(const char *s) {
    json_error_t err;
    json_t *v = json_loads(s, JSON_DECODE_ANY, &err);
    if (!v) fail_msg("bad test JSON %s: %s", s, err.text);
    return v;
}

/* Compares two JSON texts; returns the count and puts the text (or "") in out. */
static size_t cmp(const char *e, const char *a, char *out, size_t outlen) {
    json_t *je = parse(e), *ja = parse(a);
    char *text = NULL;
    size_t n = jd_compare(je, ja, 0, &text);
    snprintf(out, outlen, "%s", text ? text : "");
    assert_int_equal(n == 0, jd_equal(je, ja));
    assert_int_equal(n == 0, text == NULL);
    free(text);
    json_decref(je);
    json_decref(ja);
    return n;
}

static void test_identical(void **state) {
    (void)state;
    char t[2048];
    assert_int_equal(cmp("{\"a\":1,\"b\":[1,2,{\"c\":null}],\"d\":\"x\",\"e\":true}",
                         "{\"a\":1,\"b\":[1,2,{\"c\":null}],\"d\":\"x\",\"e\":true}", t, sizeof t), 0);
    assert_string_equal(t, "");
    assert_int_equal(cmp("[]", "[]", t, sizeof t), 0);
    assert_int_equal(cmp("{}", "{}", t, sizeof t), 0);
}

static void test_key_and_array_order_ignored(void **state) {
    (void)state;
    char t[2048];
    assert_int_equal(cmp("{\"a\":1,\"b\":{\"x\":1,\"y\":2},\"c\":[3,1,2]}",
                         "{\"c\":[1,2,3],\"b\":{\"y\":2,\"x\":1},\"a\":1}", t, sizeof t), 0);
    /* arrays of objects without an id, and nested arrays, in another order */
    assert_int_equal(cmp("[{\"n\":\"a\",\"v\":[1,2]},{\"n\":\"b\",\"v\":[]}]",
                         "[{\"v\":[],\"n\":\"b\"},{\"v\":[2,1],\"n\":\"a\"}]", t, sizeof t), 0);
    /* multisets: duplicates count */
    assert_int_equal(cmp("[1,1,2]", "[1,2,1]", t, sizeof t), 0);
    assert_int_not_equal(cmp("[1,1,2]", "[1,2,2]", t, sizeof t), 0);
}

static void test_numbers_numerically(void **state) {
    (void)state;
    char t[2048];
    assert_int_equal(cmp("{\"a\":1,\"b\":2.50}", "{\"a\":1.0,\"b\":2.5}", t, sizeof t), 0);
    assert_int_equal(cmp("{\"a\":1}", "{\"a\":\"1\"}", t, sizeof t), 1);
    assert_string_equal(t, "a\nExpected: 1\n     got: \"1\"");
    assert_int_equal(cmp("[0]", "[false]", t, sizeof t), 1);
    assert_int_equal(cmp("{\"a\":null}", "{\"a\":0}", t, sizeof t), 1);
}

static void test_changed_value_names_path(void **state) {
    (void)state;
    char t[2048];
    assert_int_equal(cmp("{\"offender\":{\"name\":{\"first\":\"Ann\"},\"age\":30}}",
                         "{\"offender\":{\"name\":{\"first\":\"Bob\"},\"age\":30}}", t, sizeof t), 1);
    assert_string_equal(t, "offender.name.first\nExpected: \"Ann\"\n     got: \"Bob\"");
    /* inside an array without a key field: the expected element's index */
    assert_int_equal(cmp("{\"l\":[{\"a\":1,\"b\":\"x\"},{\"a\":1,\"b\":\"y\"}]}",
                         "{\"l\":[{\"a\":1,\"b\":\"y\"},{\"a\":1,\"b\":\"z\"}]}", t, sizeof t), 1);
    assert_string_equal(t, "l[0].b\nExpected: \"x\"\n     got: \"z\"");
    /* root value */
    assert_int_equal(cmp("1", "2", t, sizeof t), 1);
    assert_string_equal(t, "$\nExpected: 1\n     got: 2");
}

static void test_missing_and_unexpected_keys(void **state) {
    (void)state;
    char t[2048];
    assert_int_equal(cmp("{\"a\":{\"b\":1,\"c\":2}}", "{\"a\":{\"b\":1}}", t, sizeof t), 1);
    assert_string_equal(t, "a\nExpected: c\n     but none found");
    assert_int_equal(cmp("{\"a\":{\"b\":1}}", "{\"a\":{\"b\":1,\"extra\":[1]}}", t, sizeof t), 1);
    assert_string_equal(t, "a\nUnexpected: extra");
    assert_int_equal(cmp("{\"x\":1}", "{\"y\":1}", t, sizeof t), 2);
    assert_string_equal(t, "$\nExpected: x\n     but none found ; $\nUnexpected: y");
}

static void test_every_difference_listed(void **state) {
    (void)state;
    char t[4096];
    assert_int_equal(cmp("{\"a\":1,\"b\":{\"c\":\"x\",\"d\":[1,2]},\"gone\":true}",
                         "{\"a\":2,\"b\":{\"c\":\"y\",\"d\":[1,3]},\"new\":null}", t, sizeof t), 5);
    assert_non_null(strstr(t, "a\nExpected: 1\n     got: 2"));
    assert_non_null(strstr(t, "b.c\nExpected: \"x\"\n     got: \"y\""));
    assert_non_null(strstr(t, "b.d[1]\nExpected: 2\n     got: 3"));
    assert_non_null(strstr(t, "$\nExpected: gone\n     but none found"));
    assert_non_null(strstr(t, "$\nUnexpected: new"));
}

static void test_keyed_arrays(void **state) {
    (void)state;
    char t[4096];
    /* matched on "id" whatever the order; paths name the element by its id */
    assert_int_equal(cmp("{\"docs\":[{\"id\":\"d1\",\"n\":\"A\"},{\"id\":\"d2\",\"n\":\"B\"}]}",
                         "{\"docs\":[{\"id\":\"d2\",\"n\":\"C\"},{\"id\":\"d1\",\"n\":\"A\"}]}", t, sizeof t), 1);
    assert_string_equal(t, "docs[id=d2].n\nExpected: \"B\"\n     got: \"C\"");
    assert_int_equal(cmp("[{\"eventId\":1,\"x\":1},{\"eventId\":2,\"x\":2}]", "[{\"eventId\":2,\"x\":2},{\"eventId\":3,\"x\":3}]",
                         t, sizeof t), 2);
    assert_string_equal(t, "[eventId=1]\nExpected: {\"eventId\":1,\"x\":1}\n     but none found ; "
                           "[eventId=3]\nUnexpected: {\"eventId\":3,\"x\":3}");
}

static void test_array_lengths(void **state) {
    (void)state;
    char t[2048];
    assert_int_equal(cmp("[1,2,3]", "[3,1]", t, sizeof t), 1);
    assert_string_equal(t, "[1]\nExpected: 2\n     but none found");
    assert_int_equal(cmp("{\"l\":[\"a\"]}", "{\"l\":[\"a\",\"b\"]}", t, sizeof t), 1);
    assert_string_equal(t, "l[1]\nUnexpected: \"b\"");
    assert_int_equal(cmp("{\"l\":[]}", "{\"l\":{}}", t, sizeof t), 1);
    assert_string_equal(t, "l\nExpected: []\n     got: {}");
}

static void test_cap_and_long_values(void **state) {
    (void)state;
    json_t *e = json_object(), *a = json_object();
    for (int i = 0; i < 50; i++) {
        char k[16];
        snprintf(k, sizeof k, "k%02d", i);
        json_object_set_new(e, k, json_integer(i));
        json_object_set_new(a, k, json_integer(i + 1));
    }
    char *text = NULL;
    assert_int_equal(jd_compare(e, a, 10, &text), 50);
    assert_non_null(text);
    assert_non_null(strstr(text, "k09\nExpected: 9"));
    assert_null(strstr(text, "k10\n"));
    assert_non_null(strstr(text, " ; ... and 40 more differences"));
    free(text);
    json_decref(e);
    json_decref(a);

    char big[1000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = 0;
    e = json_pack("{s:s}", "s", big);
    a = json_pack("{s:s}", "s", "y");
    assert_int_equal(jd_compare(e, a, 0, &text), 1);
    assert_true(strlen(text) < 300);
    assert_non_null(strstr(text, "..."));
    free(text);
    /* count only */
    assert_int_equal(jd_compare(e, a, 0, NULL), 1);
    json_decref(e);
    json_decref(a);
}

/* §4.2: documentsForOrderCcd.json and documentsForOrderComApi.json hold the same
 * documents in opposite order and must compare equal. */
static const char *DOCS_CCD =
    "{\"documents\":[{\"id\":\"uuid1\",\"documentName\":\"PSR.docx\",\"author\":\"Andy Brown\",\"type\":{\"code\":\"CONVICTION_DOCUMENT\",\"description\":\"Sentence related\"},\"createdAt\":\"2019-09-10T00:00:00\"},"
    "{\"id\":\"uuid2\",\"documentName\":\"notes.pdf\",\"author\":\"Jane Smith\",\"type\":{\"code\":\"OFFENDER_DOCUMENT\",\"description\":\"Offender related\"},\"createdAt\":\"2020-01-01T00:00:00\"}],"
    "\"convictions\":[{\"convictionId\":\"2500295343\",\"documents\":[{\"id\":\"uuid3\",\"documentName\":\"a.doc\"},{\"id\":\"uuid4\",\"documentName\":\"b.doc\"}]},"
    "{\"convictionId\":\"2500295344\",\"documents\":[]}]}";
static const char *DOCS_COMAPI =
    "{\"convictions\":[{\"documents\":[],\"convictionId\":\"2500295344\"},"
    "{\"documents\":[{\"documentName\":\"b.doc\",\"id\":\"uuid4\"},{\"documentName\":\"a.doc\",\"id\":\"uuid3\"}],\"convictionId\":\"2500295343\"}],"
    "\"documents\":[{\"id\":\"uuid2\",\"documentName\":\"notes.pdf\",\"author\":\"Jane Smith\",\"type\":{\"description\":\"Offender related\",\"code\":\"OFFENDER_DOCUMENT\"},\"createdAt\":\"2020-01-01T00:00:00\"},"
    "{\"id\":\"uuid1\",\"documentName\":\"PSR.docx\",\"author\":\"Andy Brown\",\"type\":{\"code\":\"CONVICTION_DOCUMENT\",\"description\":\"Sentence related\"},\"createdAt\":\"2019-09-10T00:00:00\"}]}";

static void test_documents_fixture_pair(void **state) {
    (void)state;
    char t[2048];
    assert_int_equal(cmp(DOCS_CCD, DOCS_COMAPI, t, sizeof t), 0);
    assert_int_equal(cmp(DOCS_COMAPI, DOCS_CCD, t, sizeof t), 0);
}

static void test_large_reversed_array(void **state) {
    (void)state;
    json_t *e = json_array(), *a = json_array();
    for (int i = 0; i < 2000; i++) {
        json_array_append_new(e, json_pack("{s:i,s:s}", "n", i, "s", "v"));
        json_array_insert_new(a, 0, json_pack("{s:s,s:i}", "s", "v", "n", i));
    }
    assert_true(jd_equal(e, a));
    json_array_set_new(a, 5, json_pack("{s:s,s:i}", "s", "w", "n", 1994));
    char *text = NULL;
    assert_int_equal(jd_compare(e, a, 0, &text), 1);
    assert_non_null(strstr(text, ".s\nExpected: \"v\"\n     got: \"w\""));
    free(text);
    json_decref(e);
    json_decref(a);
}

/* 100k elements in reverse order: matched through the structural hash (a
 * pairwise search would be 5 * 10^9 comparisons and never finish here). */
static void test_huge_reversed_array(void **state) {
    (void)state;
    enum { N = 100000 };
    json_t *e = json_array(), *a = json_array();
    for (int i = 0; i < N; i++) {
        json_array_append_new(e, i % 2 ? json_integer(i) : json_pack("{s:i,s:[i,s]}", "k", i, "v", i, "x"));
        json_array_append_new(a, (N - 1 - i) % 2 ? json_real((double)(N - 1 - i))
                                                 : json_pack("{s:[s,i],s:i}", "v", "x", N - 1 - i, "k", N - 1 - i));
    }
    assert_true(jd_equal(e, a));
    assert_int_equal(jd_compare(e, a, 5, NULL), 0);
    json_array_set_new(a, 0, json_integer(-1)); /* replaces 99999.0 */
    char *text = NULL;
    assert_int_equal(jd_compare(e, a, 5, &text), 1);
    assert_non_null(text);
    assert_string_equal(text, "[99999]\nExpected: 99999\n     got: -1");
    free(text);
    json_decref(e);
    json_decref(a);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identical),
        cmocka_unit_test(test_key_and_array_order_ignored),
        cmocka_unit_test(test_numbers_numerically),
        cmocka_unit_test(test_changed_value_names_path),
        cmocka_unit_test(test_missing_and_unexpected_keys),
        cmocka_unit_test(test_every_difference_listed),
        cmocka_unit_test(test_keyed_arrays),
        cmocka_unit_test(test_array_lengths),
        cmocka_unit_test(test_cap_and_long_values),
        cmocka_unit_test(test_documents_fixture_pair),
        cmocka_unit_test(test_large_reversed_array),
        cmocka_unit_test(test_huge_reversed_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
