/* fuzz_compare_body.c - libFuzzer: the compare tools' request-body parser
 * (services/court_case/compare_body.c) and the JSON comparison (core/jsondiff.c)
 * on any bytes. Invariants: no crash or leak; an accepted body satisfies the
 * documented ranges; any JSON document equals itself and a deep copy (0
 * differences, no text), and differs from a document with one key added (at
 * least one difference, whose text names that key). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsondiff.h"
#include "services/court_case/compare_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *body = (const char *)data;
    char err[256];
    json_t *root = NULL;
    cb_compare c;
    if (cb_parse_compare(body, size, &root, &c, err, sizeof err)) {
        if (!c.uri || !json_is_object(c.params)) abort();
    } else if (!err[0]) {
        abort(); /* a refusal always names the problem */
    }
    json_decref(root);

    root = NULL;
    cb_compare_all a;
    err[0] = 0;
    if (cb_parse_compare_all(body, size, 100, &root, &a, err, sizeof err)) {
        if (a.page_number < 1 || a.page_size < 1 || a.page_size > 100 || !json_is_object(a.uri_config)) abort();
        if (a.crns && (!json_is_array(a.crns) || json_array_size(a.crns) > CB_MAX_CRNS)) abort();
    } else if (!err[0]) {
        abort();
    }
    json_decref(root);

    json_t *doc = json_loadb(body, size, JSON_DECODE_ANY, NULL);
    if (doc) {
        json_t *copy = json_deep_copy(doc);
        char *text = NULL;
        if (!jd_equal(doc, copy) || jd_compare(doc, copy, 10, &text) != 0 || text) abort();
        if (json_is_object(doc) && !json_object_get(doc, "fuzzExtraKey")) {
            json_object_set_new(copy, "fuzzExtraKey", json_true());
            if (jd_equal(doc, copy) || jd_compare(doc, copy, 10, &text) == 0 || !text) abort();
            if (!strstr(text, "Unexpected: fuzzExtraKey")) abort();
            free(text);
        }
        json_decref(copy);
        json_decref(doc);
    }
    return 0;
}
