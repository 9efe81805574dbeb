/* buf.c - growable byte buffer. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool buf_reserve(buf *b, size_t extra) {
    if (b->overflow) return false;
    size_t need = b->len + extra + 1;
    if (need < b->len || (b->limit && need > b->limit + 1)) {
        b->overflow = true;
        return false;
    }
    if (need <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) abort();
    b->data = p;
    b->cap = cap;
    return true;
}

void buf_append(buf *b, const void *p, size_t n) {
    if (!buf_reserve(b, n)) return;
    memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_puts(buf *b, const char *s) { buf_append(b, s, strlen(s)); }

void buf_putc(buf *b, char c) {
    if (!buf_reserve(b, 1)) return;
    b->data[b->len++] = c;
    b->data[b->len] = 0;
}

void buf_printf(buf *b, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0 && buf_reserve(b, (size_t)n)) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void buf_clear(buf *b) {
    b->len = 0;
    b->overflow = false;
    if (b->data) b->data[0] = 0;
}

void buf_dispose(buf *b) {
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->overflow = false;
}

char *buf_release(buf *b, size_t *len) {
    if (!b->data) buf_reserve(b, 0);
    if (!b->data) { /* overflowed before any allocation */
        b->data = malloc(1);
        if (!b->data) abort();
        b->data[0] = 0;
    }
    char *p = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}
