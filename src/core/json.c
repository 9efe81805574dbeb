/* json.c - streaming JSON writer (see json.h). */
#include "json.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jw_init(jw *w, buf *out) {
    w->out = out;
    w->depth = 0;
    w->first[0] = true;
    w->after_key = false;
}

static void sep(jw *w) {
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (!w->first[w->depth]) buf_putc(w->out, ',');
    w->first[w->depth] = false;
}

static void open(jw *w, char c) {
    sep(w);
    if (w->depth + 1 >= JW_MAX_DEPTH) abort();
    buf_putc(w->out, c);
    w->first[++w->depth] = true;
}

static void close_(jw *w, char c) {
    if (w->depth <= 0) abort();
    w->depth--;
    buf_putc(w->out, c);
}

void jw_obj_begin(jw *w) { open(w, '{'); }
void jw_obj_end(jw *w) { close_(w, '}'); }
void jw_arr_begin(jw *w) { open(w, '['); }
void jw_arr_end(jw *w) { close_(w, ']'); }

/* Length of a valid UTF-8 sequence starting at s (at most n bytes), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    size_t len;
    uint32_t cp;
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void json_escape(buf *b, const char *str, size_t n) {
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0; /* run = start of bytes not yet copied */
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            i++;
            continue;
        }
        if (c >= 0x80) {
            size_t l = utf8_len(s + i, n - i);
            if (l) {
                i += l;
                continue;
            }
        }
        buf_append(b, s + run, i - run);
        switch (c) {
        case '"': buf_puts(b, "\\\""); break;
        case '\\': buf_puts(b, "\\\\"); break;
        case '\n': buf_puts(b, "\\n"); break;
        case '\r': buf_puts(b, "\\r"); break;
        case '\t': buf_puts(b, "\\t"); break;
        case '\b': buf_puts(b, "\\b"); break;
        case '\f': buf_puts(b, "\\f"); break;
        default:
            if (c < 0x20) buf_printf(b, "\\u%04x", c);
            else buf_puts(b, "\xEF\xBF\xBD"); /* invalid UTF-8 byte */
        }
        i++;
        run = i;
    }
    buf_append(b, s + run, n - run);
}

void jw_key(jw *w, const char *key) {
    sep(w);
    buf_putc(w->out, '"');
    json_escape(w->out, key, strlen(key));
    buf_puts(w->out, "\":");
    w->after_key = true;
}

void jw_strn(jw *w, const char *s, size_t n) {
    sep(w);
    buf_putc(w->out, '"');
    json_escape(w->out, s, n);
    buf_putc(w->out, '"');
}

void jw_str(jw *w, const char *s) {
    if (!s) jw_null(w);
    else jw_strn(w, s, strlen(s));
}

void jw_int(jw *w, int64_t v) {
    sep(w);
    buf_printf(w->out, "%" PRId64, v);
}

/* Java's Double.toString: plain decimal for 1e-3 <= |v| < 1e7 (shortest digits
 * that round-trip, at least one after the point), otherwise d.dddE[-]n. */
void jw_double(jw *w, double v) {
    sep(w);
    if (!isfinite(v)) {
        buf_puts(w->out, "null");
        return;
    }
    char tmp[64];
    double a = fabs(v);
    if (v == 0.0) {
        buf_puts(w->out, signbit(v) ? "-0.0" : "0.0");
        return;
    }
    if (a >= 1e-3 && a < 1e7) {
        for (int d = 1; d <= 20; d++) {
            snprintf(tmp, sizeof tmp, "%.*f", d, v);
            if (strtod(tmp, NULL) == v) break;
        }
        buf_puts(w->out, tmp);
        return;
    }
    int prec = 1;
    for (; prec <= 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, v);
        if (strtod(tmp, NULL) == v) break;
    }
    /* tmp is like 1.2345e+07 or 5e-04: rewrite as 1.2345E7 / 5.0E-4 */
    char *e = strchr(tmp, 'e');
    int exp10 = atoi(e + 1);
    *e = 0;
    buf_puts(w->out, tmp);
    if (!strchr(tmp, '.')) buf_puts(w->out, ".0");
    buf_printf(w->out, "E%d", exp10);
}

void jw_bool(jw *w, bool v) {
    sep(w);
    buf_puts(w->out, v ? "true" : "false");
}

void jw_null(jw *w) {
    sep(w);
    buf_puts(w->out, "null");
}

void jw_raw(jw *w, const char *json) {
    sep(w);
    buf_puts(w->out, json);
}

void jw_kv_str(jw *w, const char *key, const char *s) {
    if (!s) return;
    jw_key(w, key);
    jw_str(w, s);
}

void jw_kv_int(jw *w, const char *key, int64_t v) {
    jw_key(w, key);
    jw_int(w, v);
}

void jw_kv_bool(jw *w, const char *key, bool v) {
    jw_key(w, key);
    jw_bool(w, v);
}

void jw_kv_double(jw *w, const char *key, double v) {
    jw_key(w, key);
    jw_double(w, v);
}

void jw_kv_int_opt(jw *w, const char *key, bool present, int64_t v) {
    if (present) jw_kv_int(w, key, v);
}

void jw_kv_double_opt(jw *w, const char *key, bool present, double v) {
    if (present && isfinite(v)) jw_kv_double(w, key, v); /* NaN/Inf have no JSON form: left out */
}
