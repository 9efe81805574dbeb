/* fuzz_json.c - libFuzzer: any bytes written as a JSON string by the writer
 * parse back with jansson; valid UTF-8 input comes back unchanged. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_arr_begin(&w);
    jw_strn(&w, (const char *)data, size);
    jw_arr_end(&w);
    json_error_t err;
    json_t *j = json_loadb(b.data, b.len, JSON_ALLOW_NUL, &err);
    if (!j) abort(); /* the writer produced invalid JSON */
    json_t *s = json_array_get(j, 0);
    if (!json_is_string(s)) abort();
    json_t *valid = json_stringn((const char *)data, size); /* NULL unless valid UTF-8 */
    if (valid && (json_string_length(s) != size || memcmp(json_string_value(s), data, size))) abort();
    json_decref(valid);
    json_decref(j);
    buf_dispose(&b);
    return 0;
}
