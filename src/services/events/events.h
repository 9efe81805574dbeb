/*
 * events.h - glue shared by the services' message consumers
 * (src/services/<service>/consumers.c): the detail fetch, reading the domain
 * event, and turning a database failure into the message's fate.
 */
#ifndef DL_EVENTS_H
#define DL_EVENTS_H

#include <jansson.h>
#include <stdint.h>

#include "messaging/consumer.h"
#include "net/httpc.h"

/* GET url as platform.md §7.4 says: 1 s connect, 5 s read, 3 attempts with
 * 200 ms * n^2 back-off (transport errors, 5xx, 429), a client-credentials
 * bearer token when DELIUSD_OAUTH_TOKEN_URL is set (without it the call is
 * unauthenticated: local stand-ins). max_bytes 0 = httpc's default cap. */
int evh_fetch(httpc *h, const char *url, size_t max_bytes, httpc_resp *out, char *err, size_t errlen);

/* additionalInformation[key] when it is a JSON string, else NULL. */
const char *evh_info_string(const ev_message *m, const char *key);

/* EV_RETRY for a failure worth retrying (connection lost, busy, lock conflict,
 * unique-key race), EV_FAIL otherwise; err gets the database message. */
ev_status evh_db_status(db_conn *db, const char *msg, char *err, size_t errlen);

/* occurredAt as a Europe/London timestamp (now when absent). false when it is
 * present but not a valid date-time. out >= 40 bytes. */
bool evh_occurred_at(const ev_message *m, char *out, size_t n);

/* Percent-encodes s as one URL path segment (everything but [A-Za-z0-9-._~]).
 * Returns false when out (n bytes) is too small. */
bool evh_path_segment(const char *s, char *out, size_t n);

/* Copies msg into out with every occurrence of crn replaced by "[crn]", for
 * log lines (no CRNs in logs). */
void evh_redact(const char *msg, const char *crn, char *out, size_t n);

#endif
