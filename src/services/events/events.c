/* events.c - consumer glue (see events.h). */
#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "delius/write.h"

int evh_fetch(httpc *h, const char *url, size_t max_bytes, httpc_resp *out, char *err, size_t errlen) {
    const char *tok = getenv("DELIUSD_OAUTH_TOKEN_URL");
    httpc_opts o = {.connect_timeout_ms = 1000,
                    .timeout_ms = 5000,
                    .max_bytes = max_bytes,
                    .attempts = 3,
                    .backoff_ms = 200,
                    .oauth = tok && *tok};
    return httpc_get(h, url, &o, out, err, errlen);
}

const char *evh_info_string(const ev_message *m, const char *key) {
    json_t *info = m->event ? json_object_get(m->event, "additionalInformation") : NULL;
    json_t *v = json_is_object(info) ? json_object_get(info, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

ev_status evh_db_status(db_conn *db, const char *msg, char *err, size_t errlen) {
    snprintf(err, errlen, "database: %s", msg && *msg ? msg : db_errmsg(db));
    db_errclass_t k = db_errclass(db);
    return db_broken(db) || k == DB_ERR_BUSY || k == DB_ERR_UNIQUE ? EV_RETRY : EV_FAIL;
}

bool evh_occurred_at(const ev_message *m, char *out, size_t n) {
    if (!m->occurred_at || !*m->occurred_at) {
        char now[DW_TS_LEN];
        dw_now(now);
        snprintf(out, n, "%s", now);
        return true;
    }
    return tu_to_london(m->occurred_at, out, n);
}

void evh_redact(const char *msg, const char *crn, char *out, size_t n) {
    size_t k = 0, cl = crn ? strlen(crn) : 0;
    if (!n) return;
    for (const char *p = msg ? msg : ""; *p && k + 1 < n;) {
        if (cl && !strncmp(p, crn, cl)) {
            const char *r = "[crn]";
            for (; *r && k + 1 < n; r++) out[k++] = *r;
            p += cl;
        } else {
            out[k++] = *p++;
        }
    }
    out[k] = '\0';
}

bool evh_path_segment(const char *s, char *out, size_t n) {
    static const char hex[] = "0123456789ABCDEF";
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
                     *p == '.' || *p == '_' || *p == '~';
        if (k + (plain ? 1 : 3) >= n) return false;
        if (plain) {
            out[k++] = (char)*p;
        } else {
            out[k++] = '%';
            out[k++] = hex[*p >> 4];
            out[k++] = hex[*p & 15];
        }
    }
    if (n) out[k] = '\0';
    return n > 0;
}
