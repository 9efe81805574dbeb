/*
 * envelope.h - the SNS notification and the HMPPS domain event inside it (platform.md §7.2).
 *
 * A body is either an SNS notification ({"Type":"Notification","MessageId":…,
 * "Message":"<domain event JSON as a string>","MessageAttributes":{…}}) or, for
 * `deliusd publish` convenience, a bare domain event object. Only Message,
 * MessageAttributes and MessageId of the notification are read. The event type
 * is the domain event's eventType (the eventType message attribute when the
 * event has none); a message without either is malformed.
 *
 * Ownership: ev_envelope_parse fills an envelope that owns its JSON; the
 * pointers in it stay valid until ev_envelope_free.
 */
#ifndef DL_ENVELOPE_H
#define DL_ENVELOPE_H

#include <jansson.h>
#include <stddef.h>

typedef struct ev_envelope {
    json_t *root;             /* the parsed body */
    json_t *event;            /* the domain event (root itself for a bare event) */
    json_t *inner;            /* the parsed Message string (owned), or NULL */
    char message_id[128];     /* MessageId, the fallback, or a generated UUID */
    const char *event_type;   /* never NULL after a successful parse */
    const char *crn;          /* personReference.identifiers[type=CRN].value, or NULL */
    const char *detail_url;
    const char *occurred_at;
} ev_envelope;

/* 0 on success; -1 when the body is not a usable message (why in err). The
 * envelope must be freed in both cases. fallback_id (may be NULL) is used when
 * the body carries no MessageId. */
int ev_envelope_parse(const char *body, const char *fallback_id, ev_envelope *out, char *err, size_t errlen);
void ev_envelope_free(ev_envelope *e);

#endif
