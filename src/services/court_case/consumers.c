/*
 * consumers.c - court-case-and-delius message consumer: court-case-note.published
 * (court-case-and-delius.md §6.3). The merge itself is src/delius/court_note.c.
 *
 *   NotificationReceived, then GET detailUrl (client-credentials token):
 *   404                 -> CourtCaseNoteNotFound, EV_OK
 *   empty body          -> WARN, EV_OK
 *   other HTTP failure  -> EV_RETRY
 *   body without reference or notes -> EV_FAIL
 *   merged              -> CourtCaseNoteMerged, EV_OK (also when out of sequence: nothing changed)
 *   not found (person, C294, manager) -> CourtCaseNoteMergeFailed, EV_OK (swallowed, as the original)
 *   service user or CLBI007 missing -> CourtCaseNoteMergeFailed, EV_FAIL (configuration)
 *   database failure    -> CourtCaseNoteMergeFailed, EV_RETRY or EV_FAIL
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "delius/court_note.h"
#include "delius/write.h"
#include "services/consumers.h"
#include "services/events/events.h"

static ev_status court_case_note_published(db_conn *db, httpc *http, const ev_message *m, char *err, size_t errlen) {
    char url_log[1024];
    evh_redact(m->detail_url, m->crn, url_log, sizeof url_log);
    dw_telemetry("NotificationReceived", "eventType", m->event_type, "detailUrl", m->detail_url ? url_log : NULL, "messageId",
                 m->message_id, NULL);
    if (!m->crn || !*m->crn) {
        snprintf(err, errlen, "no CRN in personReference");
        return EV_FAIL;
    }
    if (!m->detail_url || !*m->detail_url) {
        snprintf(err, errlen, "no detailUrl");
        return EV_FAIL;
    }
    char occurred[40];
    if (!evh_occurred_at(m, occurred, sizeof occurred)) {
        snprintf(err, errlen, "occurredAt is not an ISO date-time");
        return EV_FAIL;
    }
    httpc_resp r = {0};
    char herr[256];
    if (evh_fetch(http, m->detail_url, 0, &r, herr, sizeof herr) != HTTPC_OK) {
        snprintf(err, errlen, "court case notes: %s", herr);
        httpc_resp_free(&r);
        return EV_RETRY;
    }
    if (r.status == 404) {
        httpc_resp_free(&r);
        dw_telemetry("CourtCaseNoteNotFound", "detailUrl", url_log, NULL);
        return EV_OK;
    }
    if (r.status < 200 || r.status > 299) {
        snprintf(err, errlen, "court case notes answered %ld", r.status);
        httpc_resp_free(&r);
        return EV_RETRY;
    }
    if (!r.body || r.len == 0) {
        httpc_resp_free(&r);
        log_msg(LOG_WARN, "Ignoring case note because court case note was not found", "messageId", m->message_id, NULL);
        return EV_OK;
    }
    json_error_t jerr;
    json_t *body = json_loadb(r.body, r.len, 0, &jerr);
    httpc_resp_free(&r);
    const char *reference = json_string_value(json_object_get(body, "reference"));
    const char *notes = json_string_value(json_object_get(body, "notes"));
    if (!reference || !*reference || !notes) {
        snprintf(err, errlen, "court case note body has no reference or notes");
        json_decref(body);
        return EV_FAIL;
    }
    cn_note note = {.crn = m->crn, .reference = reference, .notes = notes, .occurred_at = occurred};
    char derr[512];
    cn_outcome o = cn_merge(db, &note, NULL, derr, sizeof derr);
    ev_status st = EV_OK;
    switch (o) {
    case CN_INSERTED:
    case CN_UPDATED:
        dw_telemetry("CourtCaseNoteMerged", "externalReference", reference, NULL);
        break;
    case CN_OUT_OF_SEQUENCE:
        log_msg(LOG_WARN, "Court Case Note update ignored because it was out of sequence", "externalReference",
                reference, NULL);
        dw_telemetry("CourtCaseNoteMerged", "externalReference", reference, NULL);
        break;
    case CN_NOT_FOUND: {
        char safe[512];
        evh_redact(derr, m->crn, safe, sizeof safe);
        dw_telemetry("CourtCaseNoteMergeFailed", "externalReference", reference, "exception", safe, NULL);
        break;
    }
    case CN_FAILED:
        dw_telemetry("CourtCaseNoteMergeFailed", "externalReference", reference, "exception", derr, NULL);
        snprintf(err, errlen, "%s", derr);
        st = EV_FAIL;
        break;
    case CN_DB_ERROR:
        dw_telemetry("CourtCaseNoteMergeFailed", "externalReference", reference, "exception", "database error", NULL);
        st = evh_db_status(db, derr, err, errlen);
        break;
    }
    json_decref(body);
    return st;
}

const ev_consumer_def court_case_consumers[] = {
    {.queue = "court-case",
     .event_type = "court-case-note.published",
     .handler = court_case_note_published,
     .summary = "Merge a published court case note into a C294 contact (court-case-and-delius.md §6)"},
};
const size_t court_case_consumers_count = sizeof court_case_consumers / sizeof court_case_consumers[0];
