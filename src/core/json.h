/*
 * json.h - streaming JSON writer.
 *
 * Writes JSON text straight into a buf (no tree). Commas and nesting are tracked
 * by the writer; callers just emit keys and values in order. Strings are escaped
 * per RFC 8259: quotes, backslash and control characters; invalid UTF-8 bytes are
 * replaced by U+FFFD so the output is always valid UTF-8.
 *
 * The jw_kv_* helpers leave a field out when its value is NULL (the originals'
 * "null fields are omitted" convention). Nesting deeper than JW_MAX_DEPTH is a
 * programming error and aborts.
 *
 * Ownership: the writer does not own the buf; it only appends to it.
 */
#ifndef DL_JSON_H
#define DL_JSON_H

#include <stdbool.h>
#include <stdint.h>

#include "buf.h"

#define JW_MAX_DEPTH 48

typedef struct jw {
    buf *out;
    int depth;
    bool first[JW_MAX_DEPTH]; /* no element yet written at this depth */
    bool after_key;           /* a key was written; the next value needs no comma */
} jw;

/* Starts a writer appending to out. */
void jw_init(jw *w, buf *out);

void jw_obj_begin(jw *w);
void jw_obj_end(jw *w);
void jw_arr_begin(jw *w);
void jw_arr_end(jw *w);
/* Writes an object key; the next call writes its value. */
void jw_key(jw *w, const char *key);
/* Value writers. jw_str(NULL) writes null. */
void jw_str(jw *w, const char *s);
void jw_strn(jw *w, const char *s, size_t n);
void jw_int(jw *w, int64_t v);
/* Writes a double the way Java does: shortest round-trip form, always with a
 * decimal point or exponent (10.1, 12.0). Non-finite values are written as null. */
void jw_double(jw *w, double v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
/* Appends already-serialised JSON as one value (caller guarantees validity). */
void jw_raw(jw *w, const char *json);

/* key + value; the *_opt forms omit the pair when the value is absent. */
void jw_kv_str(jw *w, const char *key, const char *s);   /* omitted when s == NULL */
void jw_kv_int(jw *w, const char *key, int64_t v);
void jw_kv_bool(jw *w, const char *key, bool v);
void jw_kv_double(jw *w, const char *key, double v);
void jw_kv_int_opt(jw *w, const char *key, bool present, int64_t v);
void jw_kv_double_opt(jw *w, const char *key, bool present, double v);

/* Appends s escaped as JSON string content (no surrounding quotes) to b.
 * Shared with the logger. */
void json_escape(buf *b, const char *s, size_t n);

#endif
