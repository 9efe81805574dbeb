/*
 * arena.h - per-request bump allocator.
 *
 * An arena owns every allocation made from it; arena_free() releases them all
 * in one call. Handlers allocate from the request's arena (http_arena()) and
 * never call free() on what they got. Not thread-safe: one arena per request.
 * Allocation failure aborts the process (out of memory is not recoverable here).
 */
#ifndef DL_ARENA_H
#define DL_ARENA_H

#include <stddef.h>
#include <stdarg.h>

typedef struct arena arena;

/* Creates an empty arena. The caller owns it and frees it with arena_free(). */
arena *arena_new(void);
/* Frees every block of the arena and the arena itself. NULL is a no-op. */
void arena_free(arena *a);
/* Returns n bytes aligned to 16, owned by the arena (uninitialised). */
void *arena_alloc(arena *a, size_t n);
/* Returns n zeroed bytes owned by the arena. */
void *arena_calloc(arena *a, size_t n);
/* Copies s (NULL gives NULL) into the arena. */
char *arena_strdup(arena *a, const char *s);
/* Copies the first n bytes of s into the arena and NUL-terminates them. */
char *arena_strndup(arena *a, const char *s, size_t n);
/* printf into a new arena string. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Total bytes currently reserved by the arena (for metrics and tests). */
size_t arena_reserved(const arena *a);

#endif
