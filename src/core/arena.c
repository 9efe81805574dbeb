/* arena.c - per-request bump allocator: a singly linked list of blocks. */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK 8192

struct block {
    struct block *next;
    size_t size, used;
    _Alignas(16) unsigned char data[];
};

struct arena {
    struct block *head;
    size_t reserved;
};

static void *xmalloc(size_t n) {
    void *p = malloc(n);
    if (!p) {
        fputs("{\"level\":\"FATAL\",\"message\":\"out of memory\"}\n", stderr);
        abort();
    }
    return p;
}

arena *arena_new(void) {
    arena *a = xmalloc(sizeof *a);
    a->head = NULL;
    a->reserved = 0;
    return a;
}

void arena_free(arena *a) {
    if (!a) return;
    struct block *b = a->head;
    while (b) {
        struct block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

void *arena_alloc(arena *a, size_t n) {
    size_t need = (n + 15) & ~(size_t)15;
    if (need < n) abort(); /* overflow */
    struct block *b = a->head;
    if (!b || b->size - b->used < need) {
        size_t sz = need > ARENA_BLOCK / 2 ? need : ARENA_BLOCK;
        struct block *nb = xmalloc(sizeof *nb + sz);
        nb->size = sz;
        nb->used = 0;
        a->reserved += sz;
        if (b && need > ARENA_BLOCK / 2) {
            /* big allocation: put it behind the current block so the head keeps its free space */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += need;
    return p;
}

void *arena_calloc(arena *a, size_t n) {
    void *p = arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n) {
    if (!s) return NULL;
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(arena *a, const char *s) {
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(ap2);
        return arena_strdup(a, "");
    }
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

size_t arena_reserved(const arena *a) { return a->reserved; }
