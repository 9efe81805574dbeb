/* envelope.c - SNS notification / domain event parsing (see envelope.h, platform.md §7.2). */
#include "envelope.h"

#include <stdio.h>
#include <string.h>

#include "queue.h"

#define MAX_BODY (256 * 1024) /* SQS's own message size limit */

static const char *str_field(const json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : NULL;
}

int ev_envelope_parse(const char *body, const char *fallback_id, ev_envelope *out, char *err, size_t errlen) {
    memset(out, 0, sizeof *out);
    if (!body || strlen(body) > MAX_BODY) {
        snprintf(err, errlen, "message body missing or larger than %d bytes", MAX_BODY);
        return -1;
    }
    json_error_t je;
    out->root = json_loads(body, JSON_REJECT_DUPLICATES, &je);
    if (!json_is_object(out->root)) {
        snprintf(err, errlen, "message body is not a JSON object (line %d: %s)", je.line, out->root ? "not an object" : je.text);
        return -1;
    }
    const char *mid = str_field(out->root, "MessageId");
    const char *message = NULL;
    json_t *m = json_object_get(out->root, "Message");
    if (m) {
        if (!(message = json_string_value(m))) {
            snprintf(err, errlen, "SNS Message is not a string");
            return -1;
        }
        out->inner = json_loads(message, JSON_REJECT_DUPLICATES, &je);
        if (!json_is_object(out->inner)) {
            snprintf(err, errlen, "SNS Message is not a JSON object (line %d: %s)", je.line,
                     out->inner ? "not an object" : je.text);
            return -1;
        }
        out->event = out->inner;
    } else {
        out->event = out->root; /* a bare domain event */
    }
    if (mid) snprintf(out->message_id, sizeof out->message_id, "%s", mid);
    else if (fallback_id && *fallback_id) snprintf(out->message_id, sizeof out->message_id, "%s", fallback_id);
    else {
        char u[37];
        mq_uuid(u);
        snprintf(out->message_id, sizeof out->message_id, "%s", u);
    }
    out->event_type = str_field(out->event, "eventType");
    if (!out->event_type) {
        json_t *a = json_object_get(json_object_get(out->root, "MessageAttributes"), "eventType");
        out->event_type = str_field(a, "Value");
    }
    if (!out->event_type) {
        snprintf(err, errlen, "domain event has no eventType");
        return -1;
    }
    out->detail_url = str_field(out->event, "detailUrl");
    out->occurred_at = str_field(out->event, "occurredAt");
    json_t *ids = json_object_get(json_object_get(out->event, "personReference"), "identifiers");
    size_t i;
    json_t *id;
    json_array_foreach(ids, i, id) {
        const char *t = str_field(id, "type");
        if (t && !strcmp(t, "CRN")) {
            out->crn = str_field(id, "value");
            break;
        }
    }
    return 0;
}

void ev_envelope_free(ev_envelope *e) {
    if (!e) return;
    json_decref(e->inner);
    json_decref(e->root);
    memset(e, 0, sizeof *e);
}
