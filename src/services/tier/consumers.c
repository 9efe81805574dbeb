/*
 * consumers.c - tier-to-delius message consumer: tier.calculation.complete
 * (tier-to-delius.md §4.5). The write itself is src/delius/tier_write.c.
 *
 *   no CRN                      -> EV_FAIL (redelivered, then dead-lettered)
 *   no detailUrl and no
 *     DELIUSD_TIER_API_URL + calculationId -> EV_FAIL
 *   Tier API 404                -> TierCalculationNotFound, EV_OK
 *   Tier API other error / 5xx  -> EV_RETRY (httpc already tried 3 times)
 *   body without tierScore / calculationDate -> EV_FAIL
 *   person unknown              -> PersonNotFound, EV_OK
 *   unchanged tier              -> UnchangedTierIgnored, EV_OK
 *   not newer than the latest   -> OutOfOrderMessageIgnored, EV_OK
 *   written                     -> TierUpdateSuccess, EV_OK
 * Telemetry leaves the CRN out of the log line (docs/decisions.md).
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "core/config.h"
#include "core/timeutil.h"
#include "delius/tier_write.h"
#include "delius/write.h"
#include "services/consumers.h"
#include "services/events/events.h"

static ev_status tier_calculation_complete(db_conn *db, httpc *http, const ev_message *m, char *err, size_t errlen) {
    const char *calc_id = evh_info_string(m, "calculationId");
    char url_log[1024];
    evh_redact(m->detail_url, m->crn, url_log, sizeof url_log);
    dw_telemetry("TIER_CALCULATION_COMPLETE_RECEIVED", "eventType", m->event_type, "detailUrl", m->detail_url ? url_log : NULL,
                 "calculationId", calc_id, "messageId", m->message_id, NULL);
    if (!m->crn || !*m->crn) {
        snprintf(err, errlen, "no CRN in personReference");
        return EV_FAIL;
    }
    char url[2048];
    if (m->detail_url && *m->detail_url) {
        snprintf(url, sizeof url, "%s", m->detail_url);
    } else if (cfg.tier_api_url && *cfg.tier_api_url && calc_id && *calc_id) {
        size_t n = strlen(cfg.tier_api_url);
        char crn_seg[128], calc_seg[256];
        if (!evh_path_segment(m->crn, crn_seg, sizeof crn_seg) || !evh_path_segment(calc_id, calc_seg, sizeof calc_seg)) {
            snprintf(err, errlen, "CRN or calculationId too long");
            return EV_FAIL;
        }
        snprintf(url, sizeof url, "%.*s/crn/%s/tier/%s", (int)(n && cfg.tier_api_url[n - 1] == '/' ? n - 1 : n),
                 cfg.tier_api_url, crn_seg, calc_seg);
    } else {
        snprintf(err, errlen, "no detailUrl, and no DELIUSD_TIER_API_URL with a calculationId");
        return EV_FAIL;
    }
    httpc_resp r = {0};
    char herr[256];
    if (evh_fetch(http, url, 64 * 1024, &r, herr, sizeof herr) != HTTPC_OK) {
        snprintf(err, errlen, "Tier API: %s", herr);
        httpc_resp_free(&r);
        return EV_RETRY;
    }
    if (r.status == 404) {
        httpc_resp_free(&r);
        dw_telemetry("TierCalculationNotFound", "calculationId", calc_id, "messageId", m->message_id, NULL);
        return EV_OK;
    }
    if (r.status < 200 || r.status > 299) {
        snprintf(err, errlen, "Tier API answered %ld", r.status);
        httpc_resp_free(&r);
        return EV_RETRY;
    }
    json_error_t jerr;
    json_t *body = r.body ? json_loadb(r.body, r.len, 0, &jerr) : NULL;
    httpc_resp_free(&r);
    const char *score = json_string_value(json_object_get(body, "tierScore"));
    const char *date = json_string_value(json_object_get(body, "calculationDate"));
    const char *body_calc = json_string_value(json_object_get(body, "calculationId"));
    char london[40];
    if (!score || !*score || strlen(score) > 16 || !date || !tu_to_london(date, london, sizeof london)) {
        snprintf(err, errlen, "Tier API body has no valid tierScore and calculationDate");
        json_decref(body);
        return EV_FAIL;
    }
    if (!calc_id) calc_id = body_calc;
    char tier[20];
    snprintf(tier, sizeof tier, "%s", score);
    json_decref(body);

    mt_calc calc = {.crn = m->crn, .tier_score = tier, .calculation_date = london};
    char derr[512];
    mt_outcome o = mt_update_tier(db, &calc, NULL, derr, sizeof derr);
    switch (o) {
    case MT_UPDATED:
        dw_telemetry("TierUpdateSuccess", "tier", tier, "calculationDate", london, "calculationId", calc_id, NULL);
        return EV_OK;
    case MT_PERSON_NOT_FOUND:
        dw_telemetry("PersonNotFound", "tier", tier, "calculationDate", london, NULL);
        return EV_OK;
    case MT_UNCHANGED:
        dw_telemetry("UnchangedTierIgnored", "tier", tier, "calculationDate", london, NULL);
        return EV_OK;
    case MT_OUT_OF_ORDER:
        dw_telemetry("OutOfOrderMessageIgnored", "tier", tier, "calculationDate", london, "calculationId", calc_id, NULL);
        return EV_OK;
    case MT_FAILED:
        snprintf(err, errlen, "%s", derr);
        return EV_FAIL;
    case MT_DB_ERROR:
        break;
    }
    return evh_db_status(db, derr, err, errlen);
}

const ev_consumer_def tier_consumers[] = {
    {.queue = "tier",
     .event_type = "tier.calculation.complete",
     .handler = tier_calculation_complete,
     .summary = "Reflect a new management tier calculation in Delius (tier-to-delius.md §4)"},
};
const size_t tier_consumers_count = sizeof tier_consumers / sizeof tier_consumers[0];
