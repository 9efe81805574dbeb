/* compare_body.c - the compare tools' request bodies. Contract in compare_body.h. */
#include "services/court_case/compare_body.h"

#include <stdio.h>
#include <string.h>

static json_t *load_object(const char *body, size_t len, char *err, size_t errlen) {
    if (!body || !len) {
        snprintf(err, errlen, "Required request body is missing");
        return NULL;
    }
    json_error_t je;
    json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "Request body is not valid JSON: %s (line %d, column %d)", je.text, je.line, je.column);
        return NULL;
    }
    if (!json_is_object(root)) {
        snprintf(err, errlen, "Request body must be a JSON object");
        json_decref(root);
        return NULL;
    }
    return root;
}

static bool only_fields(json_t *root, const char *const *allowed, char *err, size_t errlen) {
    const char *k;
    json_t *v;
    json_object_foreach(root, k, v) {
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++) ok = !strcmp(*a, k);
        if (!ok) {
            snprintf(err, errlen, "Unknown field '%.100s'", k);
            return false;
        }
    }
    return true;
}

static const char *type_name(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER: return "an integer";
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    default: return "null";
    }
}

bool cb_parse_compare(const char *body, size_t len, json_t **root, cb_compare *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    *root = load_object(body, len, err, errlen);
    if (!*root) return false;
    static const char *const allowed[] = {"uri", "params", NULL};
    if (!only_fields(*root, allowed, err, errlen)) return false;
    json_t *uri = json_object_get(*root, "uri");
    if (!uri || json_is_null(uri)) {
        snprintf(err, errlen, "Field 'uri' is required");
        return false;
    }
    if (!json_is_string(uri)) {
        snprintf(err, errlen, "Field 'uri' must be a string, not %s", type_name(uri));
        return false;
    }
    json_t *params = json_object_get(*root, "params");
    if (!params || json_is_null(params)) {
        snprintf(err, errlen, "Field 'params' is required");
        return false;
    }
    if (!json_is_object(params)) {
        snprintf(err, errlen, "Field 'params' must be an object, not %s", type_name(params));
        return false;
    }
    out->uri = json_string_value(uri);
    out->params = params;
    return true;
}

static bool int_field(json_t *root, const char *name, int64_t def, int64_t min, int64_t max, const char *min_msg,
                      int64_t *out, char *err, size_t errlen) {
    json_t *v = json_object_get(root, name);
    if (!v || json_is_null(v)) {
        *out = def;
        return true;
    }
    if (!json_is_integer(v)) {
        snprintf(err, errlen, "Field '%s' must be an integer, not %s", name, type_name(v));
        return false;
    }
    json_int_t n = json_integer_value(v);
    if (n < min) {
        snprintf(err, errlen, "Field '%s' must be at least %lld (%s)", name, (long long)min, min_msg);
        return false;
    }
    if (n > max) {
        snprintf(err, errlen, "Field '%s' must be at most %lld", name, (long long)max);
        return false;
    }
    *out = n;
    return true;
}

bool cb_parse_compare_all(const char *body, size_t len, int64_t max_page_size, json_t **root, cb_compare_all *out,
                          char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    *root = load_object(body, len, err, errlen);
    if (!*root) return false;
    static const char *const allowed[] = {"crns", "uriConfig", "pageNumber", "pageSize", NULL};
    if (!only_fields(*root, allowed, err, errlen)) return false;

    json_t *crns = json_object_get(*root, "crns");
    if (crns && !json_is_null(crns)) {
        if (!json_is_array(crns)) {
            snprintf(err, errlen, "Field 'crns' must be an array of strings, not %s", type_name(crns));
            return false;
        }
        if (json_array_size(crns) > CB_MAX_CRNS) {
            snprintf(err, errlen, "Field 'crns' holds more than %d CRNs", CB_MAX_CRNS);
            return false;
        }
        size_t i;
        json_t *c;
        json_array_foreach(crns, i, c) {
            if (!json_is_string(c)) {
                snprintf(err, errlen, "Field 'crns[%zu]' must be a string, not %s", i, type_name(c));
                return false;
            }
        }
        out->crns = json_array_size(crns) ? crns : NULL; /* empty = every person (§4.3) */
    }

    json_t *cfg = json_object_get(*root, "uriConfig");
    if (!cfg || json_is_null(cfg)) {
        snprintf(err, errlen, "Field 'uriConfig' is required");
        return false;
    }
    if (!json_is_object(cfg)) {
        snprintf(err, errlen, "Field 'uriConfig' must be an object, not %s", type_name(cfg));
        return false;
    }
    const char *k;
    json_t *v;
    json_object_foreach(cfg, k, v) {
        if (!json_is_object(v)) {
            snprintf(err, errlen, "Field 'uriConfig.%.100s' must be an object of params, not %s", k, type_name(v));
            return false;
        }
    }
    out->uri_config = cfg;

    if (!int_field(*root, "pageNumber", 1, 1, CB_MAX_PAGE_NUMBER, "Page index must not be less than zero",
                   &out->page_number, err, errlen))
        return false;
    if (!int_field(*root, "pageSize", 10, 1, max_page_size, "Page size must not be less than one", &out->page_size,
                   err, errlen))
        return false;
    return true;
}
