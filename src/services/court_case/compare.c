/*
 * compare.c - POST /secure/compare and POST /secure/compareAll
 * (court-case-and-delius.md §4.2, §4.3, §4.4).
 *
 * One comparison (compare_one): the Uri's community-api URL is built from its
 * template (§4.2 step 2), the parameters are checked by name (step 3: "?"/""
 * or a missing value without a default -> "No Data available for param …"),
 * deliusd's own answer is computed in-process through http_invoke (server.h:
 * the same router, parameter parsing, role check and error bodies as over HTTP;
 * no second copy of any handler), the legacy API is called through the one
 * outbound client (src/net/httpc) with only the caller's Authorization header,
 * and the two JSON documents are compared with core/jsondiff.
 *
 * The in-process call uses the very URL sent upstream: the catalogue's
 * templates are the legacy /secure/offenders/crn/{crn}/… paths, which deliusd
 * serves as the court-case routes' aliases. Parameters are bound by name:
 * query parameters the request leaves out take their documented default
 * (written into the URL, so both sides get the same value) or are left out
 * when the route has none; path parameters have no default.
 *
 * What a report says (testExecuted / success):
 *   - no upstream configured, a parameter without data, an unknown Uri
 *     (compareAll), a route deliusd does not serve, or a failure of deliusd's
 *     own handler that is not an API error body (5xx, a framework 400 for a
 *     malformed value) -> not executed, with the reason "… for <crn>";
 *   - the upstream down (connect error) or silent for the read timeout -> not
 *     executed, with the error text (the original answered 500); after
 *     MAX_UPSTREAM_FAILURES such failures in a row the request's remaining
 *     comparisons skip the upstream, and compareAll stops running comparisons
 *     once DELIUSD_COMPARE_ALL_TIMEOUT_MS has passed (the rest are reported
 *     as not run), so one request's wait is bounded;
 *   - otherwise executed: "Json is equal", or every difference by JSON path; an
 *     upstream body that is empty or not JSON is a failed comparison.
 *   Error bodies of the handlers ({status, developerMessage}: 403, 404, 400)
 *   are compared like any other JSON; HTTP statuses are not compared.
 *
 * compareAll queries (fixed whatever the page size; the in-process handlers add
 * their own): 1 count, 1 page of CRNs, 1 latest sentenced event per person of
 * the page, 1 NSIs of the people of the page = 4.
 *
 * Logs carry counts and Uri names only, never CRNs or URLs.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/jsondiff.h"
#include "core/log.h"
#include "core/router.h"
#include "core/server.h"
#include "core/timeutil.h"
#include "net/httpc.h"
#include "services/court_case/compare_body.h"
#include "services/court_case/court_case.h"

#define MAX_DIFF_ENTRIES 100
#define INVOKE_MAX_BODY (16u << 20)
#define UPSTREAM_MAX_BODY (16u << 20)

/* ------------------------------------------------------------- catalogue -- */

typedef enum { P_PATH, P_QUERY } param_kind;

typedef struct uri_param {
    const char *name;
    param_kind kind;
    const char *def; /* query default written into the URL; NULL = none */
    bool required;   /* a query parameter without a default that the route requires */
} uri_param;

typedef struct uri_def {
    const char *name;
    const char *tmpl;
    uri_param params[5];
} uri_def;

#define PATH(n) {n, P_PATH, NULL, true}
#define QUERY(n, d) {n, P_QUERY, d, false}
#define QUERY_REQUIRED(n) {n, P_QUERY, NULL, true}
#define CONV "/secure/offenders/crn/{crn}/convictions/{convictionId}"

/* §4.4 (DUMMY is test-only in the original and not served). Defaults: §3's table. */
static const uri_def CATALOGUE[] = {
    {"OFFENDER_DETAIL", "/secure/offenders/crn/{crn}/all", {PATH("crn")}},
    {"OFFENDER_SUMMARY", "/secure/offenders/crn/{crn}", {PATH("crn")}},
    {"OFFENDER_MANAGERS",
     "/secure/offenders/crn/{crn}/allOffenderManagers?includeProbationAreaTeams={includeProbationAreaTeams}",
     {PATH("crn"), QUERY("includeProbationAreaTeams", "false")}},
    {"CONVICTIONS", "/secure/offenders/crn/{crn}/convictions?activeOnly={activeOnly}",
     {PATH("crn"), QUERY("activeOnly", "false")}},
    {"CONVICTION_BY_ID", CONV, {PATH("crn"), PATH("convictionId")}},
    {"CONVICTION_REQUIREMENTS", CONV "/requirements?activeOnly={activeOnly}&excludeSoftDeleted={excludeSoftDeleted}",
     {PATH("crn"), PATH("convictionId"), QUERY("activeOnly", "true"), QUERY("excludeSoftDeleted", "true")}},
    {"CONVICTION_BY_ID_NSIS", CONV "/nsis?nsiCodes={nsiCodes}",
     {PATH("crn"), PATH("convictionId"), QUERY_REQUIRED("nsiCodes")}},
    {"CONVICTION_BY_ID_ATTENDANCES", CONV "/attendancesFilter", {PATH("crn"), PATH("convictionId")}},
    {"CONVICTION_BY_NSIS_ID", CONV "/nsis/{nsiId}", {PATH("crn"), PATH("convictionId"), PATH("nsiId")}},
    {"CONVICTION_BY_ID_PSS", CONV "/pssRequirements", {PATH("crn"), PATH("convictionId")}},
    {"CONVICTION_BY_ID_COURT_APPEARANCES", CONV "/courtAppearances", {PATH("crn"), PATH("convictionId")}},
    {"CONVICTION_BY_ID_COURT_REPORTS", CONV "/courtReports", {PATH("crn"), PATH("convictionId")}},
    {"CONVICTION_BY_ID_LICENCE_CONDITIONS", CONV "/licenceConditions", {PATH("crn"), PATH("convictionId")}},
    {"CONVICTION_BY_ID_SENTENCE_STATUS", CONV "/sentenceStatus", {PATH("crn"), PATH("convictionId")}},
    {"DOCUMENTS_GROUPED", "/secure/offenders/crn/{crn}/documents/grouped?type={type}&subtype={subtype}",
     {PATH("crn"), QUERY("type", NULL), QUERY("subtype", NULL)}},
    {"REGISTRATIONS", "/secure/offenders/crn/{crn}/registrations?activeOnly={activeOnly}",
     {PATH("crn"), QUERY("activeOnly", "false")}},
};
#define NCATALOGUE (sizeof CATALOGUE / sizeof CATALOGUE[0])

static const uri_def *uri_find(const char *name) {
    for (size_t i = 0; i < NCATALOGUE; i++)
        if (!strcmp(CATALOGUE[i].name, name)) return &CATALOGUE[i];
    return NULL;
}

/* ---------------------------------------------------------------- report -- */

typedef struct report {
    const char *endpoint; /* Uri name */
    const char *url;      /* community-api relative URL, or NULL */
    const char *message;
    bool success;
    bool executed;
} report;

static void write_report(jw *w, const report *rp) {
    jw_obj_begin(w);
    jw_kv_str(w, "endPointName", rp->endpoint);
    jw_kv_str(w, "message", rp->message);
    jw_kv_str(w, "url", rp->url);
    jw_kv_bool(w, "testExecuted", rp->executed);
    jw_kv_bool(w, "success", rp->success);
    jw_obj_end(w);
}

/* ---------------------------------------------------------------- values -- */

/* The string form of a parameter value (§4.2 step 2): strings as they are,
 * booleans true/false, numbers in JSON form, lists comma-joined, objects as
 * compact JSON. NULL for JSON null. */
static const char *value_text(arena *a, const json_t *v) {
    switch (json_typeof(v)) {
    case JSON_NULL: return NULL;
    case JSON_STRING: return arena_strndup(a, json_string_value(v), json_string_length(v));
    case JSON_TRUE: return "true";
    case JSON_FALSE: return "false";
    case JSON_INTEGER: return arena_printf(a, "%lld", (long long)json_integer_value(v));
    case JSON_ARRAY: {
        buf b = BUF_INIT;
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            if (i) buf_putc(&b, ',');
            const char *t = value_text(a, x);
            buf_puts(&b, t ? t : "null");
        }
        char *s = arena_strdup(a, b.data ? b.data : "");
        buf_dispose(&b);
        return s;
    }
    default: {
        char *j = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        char *s = arena_strdup(a, j ? j : "");
        free(j);
        return s;
    }
    }
}

/* Percent-encodes a value for a URL: unreserved characters and ',' stay (a
 * space becomes %20 as in the original; '/', '?', '&', '#', '%' … are encoded
 * too so a value cannot change the URL's shape). */
static void put_encoded(buf *b, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || *p == '-' || *p == '.' || *p == '_' || *p == '~' || *p == ',') buf_putc(b, (char)*p);
        else buf_printf(b, "%%%02X", *p);
    }
}

/* Replaces every occurrence of `from` in s (arena). */
static char *replace_all(arena *a, const char *s, const char *from, const char *to, bool encode) {
    buf b = BUF_INIT;
    size_t fl = strlen(from);
    const char *p = s, *q;
    while ((q = strstr(p, from))) {
        buf_append(&b, p, (size_t)(q - p));
        if (encode) put_encoded(&b, to);
        else buf_puts(&b, to);
        p = q + fl;
    }
    buf_puts(&b, p);
    char *out = arena_strdup(a, b.data ? b.data : "");
    buf_dispose(&b);
    return out;
}

/* The effective parameters: the request's, plus each query parameter of the
 * Uri that is missing with its default (or null: left out). New object. */
static json_t *effective_params(const uri_def *u, json_t *params) {
    json_t *eff = json_deep_copy(params);
    if (!eff) abort();
    for (const uri_param *p = u->params; p->name; p++) {
        if (p->kind != P_QUERY || json_object_get(eff, p->name)) continue;
        json_object_set_new(eff, p->name, p->def ? json_string(p->def) : json_null());
    }
    return eff;
}

/* §4.2 step 2: the community-api relative URL. */
static const char *build_url(arena *a, const uri_def *u, json_t *eff) {
    char *url = arena_strdup(a, u->tmpl);
    const char *k;
    json_t *v;
    json_object_foreach(eff, k, v) {
        const char *ph = arena_printf(a, "{%s}", k);
        if (!strstr(url, ph)) continue; /* params without a placeholder are ignored */
        const char *text = value_text(a, v);
        if (text) url = replace_all(a, url, ph, text, true);
        else url = replace_all(a, url, arena_printf(a, "%s={%s}", k, k), "", false);
    }
    return url;
}

/* §4.2 step 3, by name: the first parameter without usable data, or NULL. */
static const char *missing_param(const uri_def *u, json_t *eff) {
    for (const uri_param *p = u->params; p->name; p++) {
        json_t *v = json_object_get(eff, p->name);
        if (v && json_is_string(v) && (!strcmp(json_string_value(v), "?") || !json_string_length(v))) return p->name;
        if (p->required && (!v || json_is_null(v))) return p->name;
    }
    return NULL;
}

/* ------------------------------------------------------------ one compare -- */

/* After this many consecutive connect errors or timeouts in one request, the
 * rest of its comparisons skip the upstream (a compareAll against a dead or
 * hanging legacy API must not wait read-timeout × requests). */
#define MAX_UPSTREAM_FAILURES 3

typedef struct compare_ctx {
    http_req *r;
    httpc *client;          /* one per request: connections reused across its calls */
    const char *auth;       /* the caller's Authorization header */
    int upstream_failures;  /* consecutive connect errors / timeouts */
    const char *last_error;
} compare_ctx;

static json_t *parse_json(const char *s, size_t len) {
    if (!s || !len) return NULL;
    return json_loadb(s, len, JSON_DECODE_ANY, NULL);
}

/* deliusd's side. Returns the JSON (caller decrefs), or NULL with *why set to
 * the reason it is not comparable. */
static json_t *new_code_json(compare_ctx *c, const char *url, const char **why) {
    arena *a = http_arena(c->r);
    /* a route deliusd does not serve (yet) is a reason, not a 404 to compare */
    size_t nroutes;
    const route_def *routes = server_routes(&nroutes);
    const char *qm = strchr(url, '?');
    char *path = arena_strndup(a, url, qm ? (size_t)(qm - url) : strlen(url));
    route_match m;
    int idx = router_match(routes, nroutes, "GET", path, &m);
    if (idx < 0) {
        *why = "No deliusd endpoint serves this Uri";
        return NULL;
    }
    const char *headers[] = {"Authorization", c->auth, NULL};
    http_invoke_result res;
    int status = http_invoke("GET", url, headers, true, INVOKE_MAX_BODY, &res);
    json_t *doc = parse_json(res.body, res.len);
    const char *msg = NULL;
    if (doc && json_is_object(doc)) {
        json_t *mm = json_object_get(doc, json_object_get(doc, "developerMessage") ? "developerMessage" : "message");
        if (json_is_string(mm)) msg = arena_strdup(a, json_string_value(mm));
    }
    /* the framework's error shape {timestamp, status, error, path, message?} (a malformed
     * parameter, an unmatched path): not an answer of the API, so not comparable */
    bool framework = doc && json_is_object(doc) && json_object_get(doc, "timestamp") &&
                     json_object_get(doc, "error") && json_object_get(doc, "path") && json_object_get(doc, "status");
    free(res.body);
    if (!doc || status >= 500 || framework) {
        json_decref(doc);
        *why = msg ? msg : arena_printf(a, "deliusd answered %d", status);
        return NULL;
    }
    return doc;
}

static void compare_one(compare_ctx *c, const uri_def *u, json_t *params, report *out) {
    arena *a = http_arena(c->r);
    memset(out, 0, sizeof *out);
    out->endpoint = u->name;
    json_t *eff = effective_params(u, params);
    out->url = build_url(a, u, eff);
    json_t *crn = json_object_get(eff, "crn");
    const char *for_crn = crn && !json_is_null(crn) ? value_text(a, crn) : "null";
    const char *missing = missing_param(u, eff);
    json_decref(eff);
    if (missing) {
        out->message = arena_printf(a, "No Data available for param %s for %s", missing, for_crn);
        return;
    }
    if (!cfg.community_api_url || !*cfg.community_api_url) {
        out->message = "No comparison upstream configured";
        return;
    }
    const char *why = NULL;
    json_t *mine = new_code_json(c, out->url, &why);
    if (!mine) {
        out->message = arena_printf(a, "%s for %s", why, for_crn);
        return;
    }
    if (c->upstream_failures >= MAX_UPSTREAM_FAILURES) {
        out->message = arena_printf(a, "Community API call skipped after %d consecutive failures (last: %s)",
                                    c->upstream_failures, c->last_error ? c->last_error : "");
        json_decref(mine);
        return;
    }
    /* the legacy API, with only the caller's Authorization header */
    size_t bl = strlen(cfg.community_api_url);
    while (bl && cfg.community_api_url[bl - 1] == '/') bl--;
    const char *full = arena_printf(a, "%.*s%s", (int)bl, cfg.community_api_url, out->url);
    const char *hdrs[] = {c->auth ? arena_printf(a, "Authorization: %s", c->auth) : NULL, NULL};
    httpc_opts o = {.connect_timeout_ms = cfg.community_api_connect_timeout_ms,
                    .read_timeout_ms = cfg.community_api_read_timeout_ms,
                    .timeout_ms = (long)cfg.community_api_connect_timeout_ms + 12L * cfg.community_api_read_timeout_ms,
                    .max_bytes = UPSTREAM_MAX_BODY,
                    .attempts = 1,
                    .headers = hdrs};
    httpc_resp resp;
    char err[256] = "";
    int rc = c->client ? httpc_get(c->client, full, &o, &resp, err, sizeof err) : HTTPC_ERR_OTHER;
    if (rc != HTTPC_OK) {
        const char *kind = rc == HTTPC_ERR_TIMEOUT   ? "timed out"
                           : rc == HTTPC_ERR_CONNECT ? "could not connect"
                           : rc == HTTPC_ERR_TOO_LARGE ? "answer too large"
                                                       : "failed";
        out->message = arena_printf(a, "Community API call %s: %s", kind, err[0] ? err : "no client");
        if (rc == HTTPC_ERR_TIMEOUT || rc == HTTPC_ERR_CONNECT) {
            c->upstream_failures++;
            c->last_error = out->message;
        }
        json_decref(mine);
        return;
    }
    c->upstream_failures = 0;
    out->executed = true;
    json_t *theirs = parse_json(resp.body, resp.len);
    if (!resp.len) {
        out->message = arena_printf(a, "Community API answered %ld with an empty body", resp.status);
    } else if (!theirs) {
        out->message = arena_printf(a, "Community API answered %ld with a body that is not JSON", resp.status);
    } else {
        char *text = NULL;
        size_t n = jd_compare(mine, theirs, MAX_DIFF_ENTRIES, &text);
        if (!n) {
            out->message = "Json is equal";
            out->success = true;
        } else {
            out->message = arena_strdup(a, text);
        }
        free(text);
    }
    json_decref(theirs);
    json_decref(mine);
    httpc_resp_free(&resp);
}

static const char *auth_header(http_req *r) { return http_header(r, "Authorization"); }

/* ------------------------------------------------------ POST /secure/compare -- */

int cc_compare(http_req *r) {
    size_t len = 0;
    const char *body = http_body(r, &len);
    json_t *root = NULL;
    cb_compare in;
    char err[256];
    if (!cb_parse_compare(body, len, &root, &in, err, sizeof err)) {
        json_decref(root);
        http_error(r, 400, err);
        return 0;
    }
    const uri_def *u = uri_find(in.uri);
    if (!u) {
        http_error(r, 400,
                   arena_printf(http_arena(r), "No enum constant uk.gov.justice.digital.hmpps.api.proxy.Uri.%.100s",
                                in.uri));
        json_decref(root);
        return 0;
    }
    compare_ctx c = {.r = r, .client = httpc_new(), .auth = auth_header(r)};
    report rp;
    compare_one(&c, u, in.params, &rp);
    httpc_free(c.client);
    json_decref(root);
    log_msg(LOG_INFO, "compare", "requestId", http_request_id(r), "uri", u->name, "executed",
            rp.executed ? "true" : "false", "success", rp.success ? "true" : "false", NULL);
    jw *w = http_json(r);
    write_report(w, &rp);
    http_send_json(r, 200);
    return 0;
}

/* --------------------------------------------------- POST /secure/compareAll -- */

typedef struct person_row {
    int64_t offender_id;
    const char *crn;
    int64_t conviction_id; /* 0 = none */
    int64_t nsi_id;        /* 0 = none */
    buf nsi_codes;         /* comma-joined codes of the NSIs of the conviction */
} person_row;

/* "?, ?, …" with n placeholders, n rounded up to a power of two (at least 8)
 * so only a few SQL texts reach the statement cache; extra slots bind NULL. */
static size_t padded(size_t n) {
    size_t p = 8;
    while (p < n) p *= 2;
    return p;
}

static void placeholders(buf *b, size_t n) {
    for (size_t i = 0; i < n; i++) buf_puts(b, i ? ",?" : "?");
}

/* Binds the request's CRNs to the first pc parameters (NULL past ncrn). */
static void bind_crns(db_stmt *s, const cb_compare_all *in, size_t ncrn, size_t pc) {
    for (size_t i = 0; i < pc; i++) {
        if (i < ncrn) db_bind_text(s, (int)i + 1, json_string_value(json_array_get(in->crns, i)));
        else db_bind_null(s, (int)i + 1);
    }
}

/* head "?,…" tail with pp placeholders, bound with the page's n offender ids
 * (NULL past n). NULL after a database error. */
static db_stmt *query_page_people(db_conn *db, buf *sql, const char *head, const char *tail, const person_row *pr,
                                  size_t n, size_t pp) {
    buf_clear(sql);
    buf_puts(sql, head);
    placeholders(sql, pp);
    buf_puts(sql, tail);
    db_stmt *s = db_query(db, sql->data);
    if (!s) return NULL;
    for (size_t i = 0; i < pp; i++) {
        if (i < n) db_bind_int(s, (int)i + 1, pr[i].offender_id);
        else db_bind_null(s, (int)i + 1);
    }
    return s;
}

/* Loads the page (count, CRNs, convictions, NSIs). Returns 0, or -1 after a database error. */
static int load_page(db_conn *db, arena *a, const cb_compare_all *in, int64_t *total, person_row **rows, size_t *nrows) {
    size_t ncrn = in->crns ? json_array_size(in->crns) : 0, pc = ncrn ? padded(ncrn) : 0;
    buf where = BUF_INIT;
    buf_puts(&where, " FROM OFFENDER WHERE SOFT_DELETED = 0");
    if (ncrn) {
        buf_puts(&where, " AND CRN IN (");
        placeholders(&where, pc);
        buf_putc(&where, ')');
    }
    int rc = -1;
    buf sql = BUF_INIT;
    /* 1. how many people match across all pages */
    buf_printf(&sql, "SELECT COUNT(*)%s", where.data);
    db_stmt *s = db_query(db, sql.data);
    if (!s) goto out;
    bind_crns(s, in, ncrn, pc);
    int st = db_step(s);
    *total = st == 1 ? db_col_int(s, 0) : 0;
    db_done(s);
    if (st < 0) goto out;

    /* 2. this page, stable order (OFFENDER_ID, the primary key: §4.3 deliusd) */
    buf_clear(&sql);
    buf_printf(&sql, "SELECT OFFENDER_ID, CRN%s ORDER BY OFFENDER_ID LIMIT ? OFFSET ?", where.data);
    if (!(s = db_query(db, sql.data))) goto out;
    bind_crns(s, in, ncrn, pc);
    db_bind_int(s, (int)pc + 1, in->page_size);
    db_bind_int(s, (int)pc + 2, (in->page_number - 1) * in->page_size);
    person_row *pr = arena_calloc(a, (size_t)in->page_size * sizeof *pr);
    size_t n = 0;
    while ((st = db_step(s)) == 1 && n < (size_t)in->page_size) {
        pr[n].offender_id = db_col_int(s, 0);
        pr[n].crn = arena_strdup(a, db_col_text(s, 1));
        n++;
    }
    db_done(s);
    if (st < 0) goto out;
    *rows = pr;
    *nrows = n;
    if (!n) {
        rc = 0;
        goto out;
    }
    size_t pp = padded(n);

    /* 3. convictionId: the latest event with a (non-deleted) disposal, per person */
    s = query_page_people(db, &sql,
                          "SELECT e.OFFENDER_ID, MAX(e.EVENT_ID) FROM EVENT e JOIN DISPOSAL d ON d.EVENT_ID = e.EVENT_ID"
                          " AND d.SOFT_DELETED = 0 WHERE e.SOFT_DELETED = 0 AND e.OFFENDER_ID IN (",
                          ") GROUP BY e.OFFENDER_ID", pr, n, pp);
    if (!s) goto out;
    while ((st = db_step(s)) == 1) {
        int64_t oid = db_col_int(s, 0);
        for (size_t i = 0; i < n; i++)
            if (pr[i].offender_id == oid) pr[i].conviction_id = db_col_int(s, 1);
    }
    db_done(s);
    if (st < 0) goto out;

    /* 4. NSIs: nsiId = the person's first (lowest id); nsiCodes = the conviction's */
    s = query_page_people(db, &sql,
                          "SELECT n.OFFENDER_ID, n.NSI_ID, n.EVENT_ID, TRIM(t.CODE) FROM NSI n JOIN R_NSI_TYPE t ON"
                          " t.NSI_TYPE_ID = n.NSI_TYPE_ID WHERE n.SOFT_DELETED = 0 AND n.OFFENDER_ID IN (",
                          ") ORDER BY n.OFFENDER_ID, n.NSI_ID", pr, n, pp);
    if (!s) goto out;
    while ((st = db_step(s)) == 1) {
        int64_t oid = db_col_int(s, 0);
        for (size_t i = 0; i < n; i++) {
            if (pr[i].offender_id != oid) continue;
            if (!pr[i].nsi_id) pr[i].nsi_id = db_col_int(s, 1);
            if (pr[i].conviction_id && !db_col_is_null(s, 2) && db_col_int(s, 2) == pr[i].conviction_id) {
                if (pr[i].nsi_codes.len) buf_putc(&pr[i].nsi_codes, ',');
                const char *code = db_col_text(s, 3);
                buf_puts(&pr[i].nsi_codes, code ? code : "");
            }
        }
    }
    db_done(s);
    if (st < 0) goto out;
    rc = 0;
out:
    buf_dispose(&where);
    buf_dispose(&sql);
    return rc;
}

/* §4.3: {"crn": crn} followed by the entry's params, with nsiId/convictionId
 * filled when the person has one and nsiCodes always replaced. New object. */
static json_t *person_params(const person_row *p, json_t *entry) {
    json_t *o = json_object();
    json_object_set_new(o, "crn", json_string(p->crn));
    const char *k;
    json_t *v;
    json_object_foreach(entry, k, v) {
        if (!strcmp(k, "crn")) continue; /* the page's person is the subject */
        if (!strcmp(k, "nsiId") && p->nsi_id) json_object_set_new(o, k, json_integer(p->nsi_id));
        else if (!strcmp(k, "convictionId") && p->conviction_id) json_object_set_new(o, k, json_integer(p->conviction_id));
        else if (!strcmp(k, "nsiCodes")) json_object_set_new(o, k, json_string(p->nsi_codes.data ? p->nsi_codes.data : ""));
        else json_object_set(o, k, v);
    }
    return o;
}

typedef struct report_list {
    report *items;
    size_t n, cap;
} report_list;

static void push_report(arena *a, report_list *l, const report *rp) {
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        report *items = arena_alloc(a, cap * sizeof *items);
        if (l->n) memcpy(items, l->items, l->n * sizeof *items);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->n++] = *rp;
}

int cc_compare_all(http_req *r) {
    arena *a = http_arena(r);
    size_t len = 0;
    const char *body = http_body(r, &len);
    json_t *root = NULL;
    cb_compare_all in;
    char err[256];
    if (!cb_parse_compare_all(body, len, cfg.compare_max_page_size, &root, &in, err, sizeof err)) {
        json_decref(root);
        http_error(r, 400, err);
        return 0;
    }
    db_conn *db = http_db(r);
    if (!db) {
        json_decref(root);
        return 0;
    }
    int64_t total = 0;
    person_row *people = NULL;
    size_t npeople = 0;
    if (load_page(db, a, &in, &total, &people, &npeople) != 0) {
        for (size_t i = 0; i < npeople; i++) buf_dispose(&people[i].nsi_codes);
        json_decref(root);
        http_db_error(r);
        return 0;
    }

    compare_ctx c = {.r = r, .client = httpc_new(), .auth = auth_header(r)};
    report_list reports = {0};
    uint64_t deadline = tu_mono_ms() + (uint64_t)cfg.compare_all_timeout_ms;
    for (size_t i = 0; i < npeople; i++) {
        const char *k;
        json_t *entry;
        json_object_foreach(in.uri_config, k, entry) {
            report rp = {0};
            const uri_def *u = uri_find(k);
            if (tu_mono_ms() > deadline) { /* bounded request: the rest is reported, not run */
                rp.endpoint = arena_strdup(a, k);
                rp.message = arena_printf(a, "Not run: the compareAll time limit of %d ms was reached",
                                          cfg.compare_all_timeout_ms);
            } else if (!u) {
                rp.endpoint = arena_strdup(a, k);
                rp.message = arena_printf(a, "Unknown uri %s", k);
            } else {
                json_t *params = person_params(&people[i], entry);
                compare_one(&c, u, params, &rp);
                json_decref(params);
            }
            push_report(a, &reports, &rp);
        }
        buf_dispose(&people[i].nsi_codes);
    }
    httpc_free(c.client);

    int64_t executed = 0, successful = 0, unsuccessful = 0, not_executed = 0;
    for (size_t i = 0; i < reports.n; i++) {
        const report *rp = &reports.items[i];
        if (rp->executed) executed++;
        else not_executed++;
        if (rp->executed && rp->success) successful++;
        if (!rp->success) unsuccessful++;
    }
    jw *w = http_json(r);
    jw_obj_begin(w);
    jw_kv_int(w, "totalNumberOfCrns", total);
    jw_kv_int(w, "totalPages", (total + in.page_size - 1) / in.page_size);
    jw_kv_int(w, "currentPageNumber", in.page_number);
    jw_kv_int(w, "totalNumberOfRequests", executed);
    jw_kv_int(w, "numberOfSuccessfulRequests", successful);
    jw_kv_int(w, "numberOfUnsuccessfulRequests", unsuccessful);
    jw_kv_int(w, "unableToBeExecuted", not_executed);
    jw_key(w, "failureReports");
    jw_arr_begin(w);
    for (size_t i = 0; i < reports.n; i++)
        if (!reports.items[i].success) write_report(w, &reports.items[i]);
    jw_arr_end(w);
    /* executed reports per endpoint, first-seen order */
    jw_key(w, "endpointsCovered");
    jw_arr_begin(w);
    for (size_t i = 0; i < reports.n; i++) {
        const report *rp = &reports.items[i];
        if (!rp->executed) continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = reports.items[j].executed && !strcmp(reports.items[j].endpoint, rp->endpoint);
        if (seen) continue;
        int64_t times = 0;
        for (size_t j = i; j < reports.n; j++)
            if (reports.items[j].executed && !strcmp(reports.items[j].endpoint, rp->endpoint)) times++;
        jw_str(w, arena_printf(a, "%s covered %lld times", rp->endpoint, (long long)times));
    }
    jw_arr_end(w);
    jw_key(w, "endpointsRequestedButNotCovered");
    jw_arr_begin(w);
    const char *k;
    json_t *entry;
    json_object_foreach(in.uri_config, k, entry) {
        bool covered = false;
        for (size_t i = 0; i < reports.n && !covered; i++)
            covered = reports.items[i].executed && !strcmp(reports.items[i].endpoint, k);
        if (!covered) jw_str(w, k);
    }
    jw_arr_end(w);
    jw_obj_end(w);
    json_decref(root);

    char counts[160];
    snprintf(counts, sizeof counts, "people=%zu requests=%zu executed=%lld successful=%lld", npeople, reports.n,
             (long long)executed, (long long)successful);
    log_msg(LOG_INFO, "compareAll", "requestId", http_request_id(r), "counts", counts, NULL);
    http_send_json(r, 200);
    return 0;
}
