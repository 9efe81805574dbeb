/*
 * fuzz_envelope.c - libFuzzer target for the message envelope parser
 * (messaging/envelope.c, issue 16): an SNS notification or a bare HMPPS
 * domain event, as a consumer receives it from a queue.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "messaging/envelope.h"
#include "messaging/queue.h"

/* messaging/queue.c's id generator pulls in the whole queue layer; the
 * envelope only needs some id when the message carries none. */
void mq_uuid(char out[37]) { memcpy(out, "00000000-0000-4000-8000-000000000000", 37); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static int init;
    if (!init) {
        log_set_level(LOG_ERROR + 1);
        init = 1;
    }
    char *body = malloc(size + 1);
    if (!body) return 0;
    memcpy(body, data, size);
    body[size] = 0;
    ev_envelope e;
    char err[256];
    memset(&e, 0, sizeof e);
    ev_envelope_parse(body, "fallback-id", &e, err, sizeof err);
    ev_envelope_free(&e);
    free(body);
    return 0;
}
