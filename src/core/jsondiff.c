/*
 * jsondiff.c - JSON comparison for the compare tools. Contract in jsondiff.h.
 *
 * One recursive walk (diff) does both jobs: with a text buffer it writes the
 * entries, without one it only counts (used to pick the closest element when
 * pairing unequal array elements). Paths are kept in one buf that grows on the
 * way down and is cut back on the way up.
 *
 * Cost bounds: arrays are matched in O(n) when the elements are already in the
 * same order; otherwise by an order-insensitive structural hash (sort and
 * binary search, equality checked only where hashes agree), so a reversed
 * array of 100k elements is not 10^10 comparisons. The key-field search and the
 * closest-element pairing are skipped for arrays longer than MATCH_LIMIT (then
 * the leftovers are paired in order), so a large document cannot make one
 * comparison quadratic in its diff cost.
 */
#include "jsondiff.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

#define MATCH_LIMIT 512

typedef struct diff_ctx {
    size_t count;       /* differences found */
    size_t max_entries; /* 0 = no cap */
    buf *text;          /* NULL = count only */
    buf path;
} diff_ctx;

/* ------------------------------------------------------------- equality -- */

static bool is_scalar(const json_t *v) { return !json_is_object(v) && !json_is_array(v); }

static bool num_equal(const json_t *a, const json_t *b) {
    if (json_is_integer(a) && json_is_integer(b)) return json_integer_value(a) == json_integer_value(b);
    return json_number_value(a) == json_number_value(b);
}

/* An order-insensitive structural hash: equal documents (by jd_equal) hash
 * equal. Object members and array elements are combined commutatively;
 * numbers hash by their double value so 1 and 1.0 agree. */
static uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_bytes(const char *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)p[i]) * 0x100000001b3ULL;
    return h;
}

static uint64_t jd_hash(const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        uint64_t h = 0x6f626a;
        const char *k;
        json_t *x;
        json_object_foreach((json_t *)v, k, x) h += mix(hash_bytes(k, strlen(k)) * 31 + jd_hash(x));
        return mix(h);
    }
    case JSON_ARRAY: {
        uint64_t h = 0x617272;
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) h += mix(jd_hash(x));
        return mix(h ^ json_array_size(v));
    }
    case JSON_STRING: return hash_bytes(json_string_value(v), json_string_length(v));
    case JSON_INTEGER:
    case JSON_REAL: {
        double d = json_number_value(v);
        if (d == 0) d = 0; /* -0.0 == 0.0 */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return mix(bits ^ 0x6e756d);
    }
    case JSON_TRUE: return 1;
    case JSON_FALSE: return 2;
    default: return 3;
    }
}

bool jd_equal(const json_t *a, const json_t *b);

typedef struct hidx {
    uint64_t h;
    size_t i;
} hidx;

static int hidx_cmp(const void *x, const void *y) {
    const hidx *p = x, *q = y;
    if (p->h != q->h) return p->h < q->h ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i;
}

/* Pairs each unpaired element of e with an unused equal element of a (pair[i]
 * = index in a, used[j] set), in O((n + m) log m) plus the equality checks of
 * elements whose hashes agree. */
static void match_equal(const json_t *e, const json_t *a, size_t *pair, bool *used) {
    size_t ne = json_array_size(e), na = json_array_size(a);
    if (!ne || !na) return;
    hidx *ha = malloc(na * sizeof *ha);
    if (!ha) abort();
    size_t n = 0;
    for (size_t j = 0; j < na; j++)
        if (!used[j]) ha[n].h = jd_hash(json_array_get(a, j)), ha[n].i = j, n++;
    qsort(ha, n, sizeof *ha, hidx_cmp);
    for (size_t i = 0; i < ne && n; i++) {
        if (pair[i] != SIZE_MAX) continue;
        json_t *x = json_array_get(e, i);
        uint64_t h = jd_hash(x);
        size_t lo = 0, hi = n; /* first entry with hash >= h */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ha[mid].h < h) lo = mid + 1;
            else hi = mid;
        }
        for (size_t k = lo; k < n && ha[k].h == h; k++) {
            size_t j = ha[k].i;
            if (!used[j] && jd_equal(x, json_array_get(a, j))) {
                pair[i] = j;
                used[j] = true;
                break;
            }
        }
    }
    free(ha);
}

bool jd_equal(const json_t *a, const json_t *b) {
    if (!a || !b) return a == b;
    if (json_is_number(a) && json_is_number(b)) return num_equal(a, b);
    if (json_typeof(a) != json_typeof(b)) return false;
    switch (json_typeof(a)) {
    case JSON_STRING:
        return json_string_length(a) == json_string_length(b) &&
               !memcmp(json_string_value(a), json_string_value(b), json_string_length(a));
    case JSON_OBJECT: {
        if (json_object_size(a) != json_object_size(b)) return false;
        const char *k;
        json_t *v;
        json_object_foreach((json_t *)a, k, v) {
            if (!jd_equal(v, json_object_get(b, k))) return false;
        }
        return true;
    }
    case JSON_ARRAY: {
        size_t n = json_array_size(a);
        if (n != json_array_size(b)) return false;
        size_t i = 0;
        while (i < n && jd_equal(json_array_get(a, i), json_array_get(b, i))) i++;
        if (i == n) return true; /* same order: the common case */
        bool *used = calloc(n, sizeof *used);
        size_t *pair = malloc(n * sizeof *pair);
        if (!used || !pair) abort();
        for (size_t k = 0; k < n; k++) pair[k] = k < i ? k : SIZE_MAX;
        for (size_t k = 0; k < i; k++) used[k] = true;
        match_equal(a, b, pair, used);
        bool ok = true;
        for (size_t k = i; k < n && ok; k++) ok = pair[k] != SIZE_MAX;
        free(used);
        free(pair);
        return ok;
    }
    default: return true; /* true, false, null: same type is enough */
    }
}

/* ---------------------------------------------------------------- output -- */

static void put_value(buf *b, const json_t *v) {
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    if (!s) {
        buf_puts(b, "?");
        return;
    }
    size_t n = strlen(s);
    if (n > JD_MAX_VALUE) {
        buf_append(b, s, JD_MAX_VALUE);
        buf_puts(b, "...");
    } else {
        buf_append(b, s, n);
    }
    free(s);
}

/* Starts an entry (separator and path); false when only counting or over the cap. */
static bool entry_begin(diff_ctx *c) {
    c->count++;
    if (!c->text) return false;
    if (c->max_entries && c->count > c->max_entries) return false;
    if (c->count > 1) buf_puts(c->text, " ; ");
    buf_puts(c->text, c->path.len ? c->path.data : "$");
    buf_putc(c->text, '\n');
    return true;
}

static void entry_values(diff_ctx *c, const json_t *expected, const json_t *actual) {
    if (!entry_begin(c)) return;
    buf_puts(c->text, "Expected: ");
    put_value(c->text, expected);
    buf_puts(c->text, "\n     got: ");
    put_value(c->text, actual);
}

static void entry_missing(diff_ctx *c, const char *key, const json_t *element) {
    if (!entry_begin(c)) return;
    buf_puts(c->text, "Expected: ");
    if (key) buf_puts(c->text, key);
    else put_value(c->text, element);
    buf_puts(c->text, "\n     but none found");
}

static void entry_unexpected(diff_ctx *c, const char *key, const json_t *element) {
    if (!entry_begin(c)) return;
    buf_puts(c->text, "Unexpected: ");
    if (key) buf_puts(c->text, key);
    else put_value(c->text, element);
}

/* ------------------------------------------------------------------ paths -- */

static size_t path_push_key(diff_ctx *c, const char *key) {
    size_t mark = c->path.len;
    if (mark) buf_putc(&c->path, '.');
    buf_puts(&c->path, key);
    return mark;
}

static size_t path_push_index(diff_ctx *c, size_t i) {
    size_t mark = c->path.len;
    buf_printf(&c->path, "[%zu]", i);
    return mark;
}

static size_t path_push_keyed(diff_ctx *c, const char *field, const json_t *value) {
    size_t mark = c->path.len;
    buf_printf(&c->path, "[%s=", field);
    if (json_is_string(value)) buf_puts(&c->path, json_string_value(value));
    else put_value(&c->path, value);
    buf_putc(&c->path, ']');
    return mark;
}

static void path_pop(diff_ctx *c, size_t mark) {
    c->path.len = mark;
    if (c->path.data) c->path.data[mark] = 0;
}

/* ----------------------------------------------------------------- diff -- */

static void diff(diff_ctx *c, const json_t *e, const json_t *a);

static void diff_object(diff_ctx *c, const json_t *e, const json_t *a) {
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)e, k, v) {
        json_t *av = json_object_get(a, k);
        if (!av) {
            entry_missing(c, k, NULL);
            continue;
        }
        size_t mark = path_push_key(c, k);
        diff(c, v, av);
        path_pop(c, mark);
    }
    json_object_foreach((json_t *)a, k, v) {
        if (!json_object_get(e, k)) entry_unexpected(c, k, NULL);
    }
}

/* A field every element of both arrays has, with a scalar value unique on each
 * side: the elements' identity (JSONAssert's "unique key"). Only fields named
 * "id" or ending in "Id" qualify (a description that happens to be unique would
 * turn a changed value into a missing and an unexpected element). NULL when none. */
static bool field_unique(const json_t *arr, const char *field) {
    size_t n = json_array_size(arr);
    for (size_t i = 0; i < n; i++) {
        json_t *v = json_object_get(json_array_get(arr, i), field);
        if (!v || !is_scalar(v) || json_is_null(v)) return false;
        for (size_t j = 0; j < i; j++)
            if (jd_equal(v, json_object_get(json_array_get(arr, j), field))) return false;
    }
    return true;
}

static bool id_like(const char *k) {
    size_t n = strlen(k);
    return !strcmp(k, "id") || (n > 2 && !strcmp(k + n - 2, "Id"));
}

static const char *key_field(const json_t *e, const json_t *a) {
    size_t ne = json_array_size(e), na = json_array_size(a);
    if (!ne || !na || ne > MATCH_LIMIT || na > MATCH_LIMIT) return NULL;
    for (size_t i = 0; i < ne; i++)
        if (!json_is_object(json_array_get(e, i))) return NULL;
    for (size_t i = 0; i < na; i++)
        if (!json_is_object(json_array_get(a, i))) return NULL;
    const char *k;
    json_t *v;
    json_object_foreach(json_array_get(e, 0), k, v) {
        if (id_like(k) && field_unique(e, k) && field_unique(a, k)) return k;
    }
    return NULL;
}

static void diff_array_keyed(diff_ctx *c, const json_t *e, const json_t *a, const char *field) {
    size_t ne = json_array_size(e), na = json_array_size(a);
    bool *used = calloc(na ? na : 1, sizeof *used);
    if (!used) abort();
    for (size_t i = 0; i < ne; i++) {
        json_t *x = json_array_get(e, i);
        json_t *id = json_object_get(x, field);
        size_t mark = path_push_keyed(c, field, id);
        size_t j = 0;
        while (j < na && !jd_equal(id, json_object_get(json_array_get(a, j), field))) j++;
        if (j < na) {
            used[j] = true;
            diff(c, x, json_array_get(a, j));
        } else {
            entry_missing(c, NULL, x);
        }
        path_pop(c, mark);
    }
    for (size_t j = 0; j < na; j++) {
        if (used[j]) continue;
        json_t *y = json_array_get(a, j);
        size_t mark = path_push_keyed(c, field, json_object_get(y, field));
        entry_unexpected(c, NULL, y);
        path_pop(c, mark);
    }
    free(used);
}

static size_t diff_count(const json_t *e, const json_t *a) {
    diff_ctx sub = {.text = NULL, .path = BUF_INIT};
    diff(&sub, e, a);
    buf_dispose(&sub.path);
    return sub.count;
}

static void diff_array(diff_ctx *c, const json_t *e, const json_t *a) {
    const char *field = key_field(e, a);
    if (field) {
        diff_array_keyed(c, e, a, field);
        return;
    }
    size_t ne = json_array_size(e), na = json_array_size(a);
    size_t *pair = malloc((ne ? ne : 1) * sizeof *pair); /* expected i -> actual index, or SIZE_MAX */
    bool *used = calloc(na ? na : 1, sizeof *used);
    if (!pair || !used) abort();
    /* 1. equal elements: same index first, then anywhere */
    for (size_t i = 0; i < ne; i++) {
        pair[i] = SIZE_MAX;
        if (i < na && jd_equal(json_array_get(e, i), json_array_get(a, i))) {
            pair[i] = i;
            used[i] = true;
        }
    }
    match_equal(e, a, pair, used);
    /* 2. the rest: each with the closest unused element (fewest differences, same type
     *    preferred; the first unused one when the arrays are large) */
    bool small = ne <= MATCH_LIMIT && na <= MATCH_LIMIT;
    size_t next_free = 0; /* large arrays: leftovers pair in order */
    for (size_t i = 0; i < ne; i++) {
        if (pair[i] != SIZE_MAX) continue;
        json_t *x = json_array_get(e, i);
        size_t best = SIZE_MAX, best_cost = SIZE_MAX;
        for (size_t j = small ? 0 : next_free; j < na; j++) {
            json_t *y = json_array_get(a, j);
            if (used[j]) continue;
            if (!small) {
                best = j;
                next_free = j + 1;
                break;
            }
            bool same_kind = json_typeof(x) == json_typeof(y) || (json_is_number(x) && json_is_number(y));
            size_t cost = same_kind ? diff_count(x, y) : SIZE_MAX - 1;
            if (cost < best_cost) best_cost = cost, best = j;
        }
        if (best != SIZE_MAX) {
            pair[i] = best;
            used[best] = true;
        }
    }
    /* 3. report */
    for (size_t i = 0; i < ne; i++) {
        size_t mark = path_push_index(c, i);
        if (pair[i] == SIZE_MAX) entry_missing(c, NULL, json_array_get(e, i));
        else diff(c, json_array_get(e, i), json_array_get(a, pair[i]));
        path_pop(c, mark);
    }
    for (size_t j = 0; j < na; j++) {
        if (used[j]) continue;
        size_t mark = path_push_index(c, j);
        entry_unexpected(c, NULL, json_array_get(a, j));
        path_pop(c, mark);
    }
    free(pair);
    free(used);
}

static void diff(diff_ctx *c, const json_t *e, const json_t *a) {
    if (jd_equal(e, a)) return;
    if (json_is_object(e) && json_is_object(a)) diff_object(c, e, a);
    else if (json_is_array(e) && json_is_array(a)) diff_array(c, e, a);
    else entry_values(c, e, a);
}

size_t jd_compare(const json_t *expected, const json_t *actual, size_t max_entries, char **text) {
    buf out = BUF_INIT;
    diff_ctx c = {.max_entries = max_entries, .text = text ? &out : NULL, .path = BUF_INIT};
    if (!expected || !actual) {
        if (expected != actual) entry_values(&c, expected, actual);
    } else {
        diff(&c, expected, actual);
    }
    if (text && max_entries && c.count > max_entries)
        buf_printf(&out, " ; ... and %zu more differences", c.count - max_entries);
    buf_dispose(&c.path);
    if (text) {
        if (c.count) {
            *text = buf_release(&out, NULL);
        } else {
            *text = NULL;
            buf_dispose(&out);
        }
    }
    return c.count;
}
