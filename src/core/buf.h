/*
 * buf.h - growable byte buffer (heap-owned).
 *
 * A buf owns its bytes (malloc/realloc). buf_release() hands the bytes to the
 * caller, who frees them with free(); buf_dispose() frees them. The data is
 * always NUL-terminated after each append (not counted in len).
 * A buf with a non-zero limit refuses to grow past it: buf_overflow() turns true
 * and further appends are dropped (callers check it once at the end).
 */
#ifndef DL_BUF_H
#define DL_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct buf {
    char *data;
    size_t len, cap;
    size_t limit;   /* 0 = unlimited */
    bool overflow;
} buf;

#define BUF_INIT {NULL, 0, 0, 0, false}

void buf_append(buf *b, const void *p, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Drops the contents but keeps the allocation. */
void buf_clear(buf *b);
/* Frees the bytes; the buf is empty and reusable afterwards. */
void buf_dispose(buf *b);
/* Returns the bytes (caller frees with free(); never NULL) and empties the buf. */
char *buf_release(buf *b, size_t *len);

#endif
