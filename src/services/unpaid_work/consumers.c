/*
 * consumers.c - unpaid-work-and-delius message consumer:
 * unpaid-work.assessment.completed (unpaid-work-and-delius.md §3.3, decision 10).
 * The writes are src/delius/upw_document.c.
 *
 * Order: CRN -> person (unknown: PersonNotFound, EV_OK) -> eventId (a string
 * holding an integer; missing or not the person's active event: EV_FAIL) ->
 * episodeId (a string) -> duplicate (DuplicateMessageReceived, EV_OK) ->
 * download the PDF (HTTP failure: EV_RETRY; not 200 + "%PDF": EV_FAIL
 * "Invalid PDF returned for episode: <detailUrl>") -> store and write
 * (ua_store) -> UPWAssessmentProcessed (also after PersonNotFound and
 * duplicates).
 */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "delius/upw_document.h"
#include "delius/write.h"
#include "services/consumers.h"
#include "services/events/events.h"
#include "store/docstore.h"

#define PDF_MAX_BYTES (64u << 20) /* largest assessment PDF accepted */

static ev_status processed(ev_status st) {
    if (st == EV_OK) dw_telemetry("UPWAssessmentProcessed", NULL);
    return st;
}

static ev_status upw_assessment_completed(db_conn *db, httpc *http, const ev_message *m, char *err, size_t errlen) {
    char url_log[1024];
    evh_redact(m->detail_url, m->crn, url_log, sizeof url_log);
    dw_telemetry("NotificationReceived", "eventType", m->event_type, "detailUrl", m->detail_url ? url_log : NULL, "messageId",
                 m->message_id, NULL);
    if (!m->crn || !*m->crn) {
        snprintf(err, errlen, "no CRN in personReference");
        return EV_FAIL;
    }
    const char *event_text = evh_info_string(m, "eventId");
    const char *episode = evh_info_string(m, "episodeId");
    char *end = NULL;
    errno = 0;
    long long event_id = event_text ? strtoll(event_text, &end, 10) : 0;
    bool event_ok = event_text && *event_text && end && !*end && errno == 0;
    char occurred[40];
    if (!evh_occurred_at(m, occurred, sizeof occurred)) {
        snprintf(err, errlen, "occurredAt is not an ISO date-time");
        return EV_FAIL;
    }
    ua_case k;
    char derr[512];
    ua_outcome o = ua_check(db, m->crn, event_ok ? event_id : 0, episode ? episode : "", &k, derr, sizeof derr);
    if (o == UA_DB_ERROR) return evh_db_status(db, derr, err, errlen);
    if (o == UA_PERSON_NOT_FOUND) {
        dw_telemetry("PersonNotFound", "messageId", m->message_id, NULL);
        return processed(EV_OK);
    }
    if (!event_ok) {
        snprintf(err, errlen, "additionalInformation.eventId must be a string holding an integer");
        return EV_FAIL;
    }
    if (o == UA_EVENT_NOT_FOUND) {
        snprintf(err, errlen, "%s", derr);
        return EV_FAIL;
    }
    if (!episode || !*episode) {
        snprintf(err, errlen, "additionalInformation.episodeId must be a string");
        return EV_FAIL;
    }
    if (o == UA_DUPLICATE) {
        dw_telemetry("DuplicateMessageReceived", "episodeId", episode, NULL);
        return processed(EV_OK);
    }
    if (!m->detail_url || !*m->detail_url) {
        snprintf(err, errlen, "no detailUrl");
        return EV_FAIL;
    }
    httpc_resp r = {0};
    char herr[256];
    if (evh_fetch(http, m->detail_url, PDF_MAX_BYTES, &r, herr, sizeof herr) != HTTPC_OK) {
        snprintf(err, errlen, "assessment download: %s", herr);
        httpc_resp_free(&r);
        return EV_RETRY;
    }
    if (r.status >= 500 || r.status == 429) {
        snprintf(err, errlen, "assessment download answered %ld", r.status);
        httpc_resp_free(&r);
        return EV_RETRY;
    }
    if (r.status != 200 || r.len < 4 || memcmp(r.body, "%PDF", 4) != 0) {
        snprintf(err, errlen, "Invalid PDF returned for episode: %s", m->detail_url);
        httpc_resp_free(&r);
        return EV_FAIL;
    }
    int64_t contact_id = 0;
    char doc_id[128];
    o = ua_store(db, docstore_shared(), &k, r.body, r.len, occurred, &contact_id, doc_id, sizeof doc_id, derr,
                 sizeof derr);
    httpc_resp_free(&r);
    switch (o) {
    case UA_OK:
        return processed(EV_OK);
    case UA_DUPLICATE:
        dw_telemetry("DuplicateMessageReceived", "episodeId", episode, NULL);
        return processed(EV_OK);
    case UA_DB_ERROR:
        return evh_db_status(db, derr, err, errlen);
    default:
        snprintf(err, errlen, "%s", derr);
        return EV_RETRY; /* store errors, missing EASU/manager: redelivered, then dead-lettered */
    }
}

const ev_consumer_def upw_consumers[] = {
    {.queue = "upw",
     .event_type = "unpaid-work.assessment.completed",
     .handler = upw_assessment_completed,
     .summary = "Store a completed unpaid-work assessment PDF and its contact in Delius (unpaid-work-and-delius.md §3)"},
};
const size_t upw_consumers_count = sizeof upw_consumers / sizeof upw_consumers[0];
