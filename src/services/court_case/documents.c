/*
 * documents.c - a person's documents (court-case-and-delius.md §2.7, §2.8, §5):
 *
 *   GET /probation-case/{crn}/documents/grouped?type=&subType=   OffenderDocuments
 *   GET /probation-case/{crn}/documents/{documentId}             the file, streamed
 *
 * and their /secure/offenders/crn/{crn} aliases (the alias spells the grouped
 * sub-type parameter `subtype`, §3).
 *
 * Grouped: the query parameters are validated first (400, developerMessage),
 * then the person (404). One statement reads every live document of the person
 * that has a store id and a mapped TABLE_NAME, left-joined to its parent row
 * (by TABLE_NAME + PRIMARY_KEY_ID) for the description, event id, report
 * sub-type and dates. Rows in DOCUMENT_ID order; those with an event id go to
 * `convictions` (grouped by event, in order of first appearance), the rest to
 * `documents`. Queries: 2, whatever the row count.
 *
 * Download: person (404), ownership (DOCUMENT of that person with that store id,
 * not soft-deleted; else 404 "Document with id of … not found for CRN …"), then
 * the store (docstore.h): not there → 404 "Document content with alfrescoId of
 * … not found"; store down → 503; any other store answer → 500. The body is
 * streamed through in pieces (constant memory) with Content-Length and
 * Last-Modified, the store's Content-Type (local: application/octet-stream), a
 * Content-Disposition made from the Delius DOCUMENT_NAME, and the security
 * headers of §5.3. Queries: 2.
 */
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/http.h"
#include "core/log.h"
#include "db/db.h"
#include "services/court_case/common.h"
#include "services/court_case/court_case.h"
#include "store/docstore.h"

/* --- grouped ----------------------------------------------------------------- */

static const char *const DOCUMENT_TYPES[] = {
    "OFFENDER_DOCUMENT", "CONVICTION_DOCUMENT", "CPSPACK_DOCUMENT", "PRECONS_DOCUMENT", "COURT_REPORT_DOCUMENT",
    "INSTITUTION_REPORT_DOCUMENT", "ADDRESS_ASSESSMENT_DOCUMENT", "APPROVED_PREMISES_REFERRAL_DOCUMENT",
    "ASSESSMENT_DOCUMENT", "CASE_ALLOCATION_DOCUMENT", "PERSONAL_CONTACT_DOCUMENT", "REFERRAL_DOCUMENT",
    "NSI_DOCUMENT", "PERSONAL_CIRCUMSTANCE_DOCUMENT", "UPW_APPOINTMENT_DOCUMENT", "CONTACT_DOCUMENT",
    "PREVIOUS_CONVICTION", NULL};

static bool known_type(const char *t) {
    for (int i = 0; DOCUMENT_TYPES[i]; i++)
        if (!strcmp(t, DOCUMENT_TYPES[i])) return true;
    return false;
}

/* TABLE_NAME → type KeyValue (§2.7); the two special DOCUMENT_TYPEs first. */
static const struct {
    const char *table, *doc_type, *code, *description;
} TYPE_MAP[] = {
    {"OFFENDER", "PREVIOUS_CONVICTION", "PRECONS_DOCUMENT", "PNC previous convictions"},
    {"OFFENDER", NULL, "OFFENDER_DOCUMENT", "Offender related"},
    {"EVENT", "CPS_PACK", "CPSPACK_DOCUMENT", "Crown Prosecution Service case pack"},
    {"EVENT", NULL, "CONVICTION_DOCUMENT", "Sentence related"},
    {"COURT_REPORT", NULL, "COURT_REPORT_DOCUMENT", "Court Report"},
    {"INSTITUTIONAL_REPORT", NULL, "INSTITUTION_REPORT_DOCUMENT", "Institutional Report"},
    {"ADDRESSASSESSMENT", NULL, "ADDRESS_ASSESSMENT_DOCUMENT", "Address assessment related document"},
    {"APPROVED_PREMISES_REFERRAL", NULL, "APPROVED_PREMISES_REFERRAL_DOCUMENT",
     "Approved premises referral related document"},
    {"ASSESSMENT", NULL, "ASSESSMENT_DOCUMENT", "Assessment document"},
    {"CASE_ALLOCATION", NULL, "CASE_ALLOCATION_DOCUMENT", "Case allocation document"},
    {"PERSONALCONTACT", NULL, "PERSONAL_CONTACT_DOCUMENT", "Personal contact related document"},
    {"REFERRAL", NULL, "REFERRAL_DOCUMENT", "Referral related document"},
    {"NSI", NULL, "NSI_DOCUMENT", "Non Statutory Intervention related document"},
    {"PERSONAL_CIRCUMSTANCE", NULL, "PERSONAL_CIRCUMSTANCE_DOCUMENT", "Personal circumstance related document"},
    {"UPW_APPOINTMENT", NULL, "UPW_APPOINTMENT_DOCUMENT", "Unpaid work appointment document"},
    {"CONTACT", NULL, "CONTACT_DOCUMENT", "Contact related document"},
};

#define PARENT(alias, table, pk, name) \
    " LEFT JOIN " table " " alias " ON D.TABLE_NAME = '" name "' AND " alias "." pk " = D.PRIMARY_KEY_ID"

static const char SQL_GROUPED[] =
    "SELECT D.ALFRESCO_DOCUMENT_ID, D.DOCUMENT_NAME, D.DOCUMENT_TYPE, D.TABLE_NAME, D.LAST_SAVED,"        /* 0-4 */
    " D.CREATED_DATETIME, D.PRIMARY_KEY_ID, CU.FORENAME, CU.SURNAME, LU.FORENAME, LU.SURNAME,"            /* 5-10 */
    " AA.ASSESSMENT_DATE, APR.REFERRAL_DATE, AST.DESCRIPTION, ASM.ASSESSMENT_DATE, ASM.REFERRAL_ID,"     /* 11-15 */
    " C.CONTACT_DATE, CT.DESCRIPTION, CRT.CODE, CRT.DESCRIPTION, CRC.COURT_NAME,"                        /* 16-20 */
    " CR.DATE_REQUESTED, CR.DATE_REQUIRED, CR.COMPLETED_DATE,"                                            /* 21-23 */
    " IRT.CODE_VALUE, IRT.CODE_DESCRIPTION, INST.INSTITUTION_NAME,"                                       /* 24-26 */
    " IR.DATE_REQUESTED, IR.DATE_REQUIRED, IR.DATE_COMPLETED,"                                            /* 27-29 */
    " NT.DESCRIPTION, N.REFERRAL_DATE, PCT.CODE_DESCRIPTION, PCI.START_DATE,"                             /* 30-33 */
    " RLT.CODE_DESCRIPTION, PCO.RELATIONSHIP, RFT.DESCRIPTION, RF.REFERRAL_DATE,"                         /* 34-37 */
    " UA.APPOINTMENT_DATE, UP.NAME,"                                                                      /* 38-39 */
    " COALESCE(E.EVENT_ID, CA.EVENT_ID, IRD.EVENT_ID, APR.EVENT_ID, ASMR.EVENT_ID, CAL.EVENT_ID,"
    "  RF.EVENT_ID, UDD.EVENT_ID, C.EVENT_ID, N.EVENT_ID)"                                                /* 40 */
    " FROM DOCUMENT D"
    " LEFT JOIN USER_ CU ON CU.USER_ID = D.CREATED_BY_USER_ID"
    " LEFT JOIN USER_ LU ON LU.USER_ID = D.LAST_UPDATED_USER_ID"
    PARENT("AA", "ADDRESS_ASSESSMENT", "ADDRESS_ASSESSMENT_ID", "ADDRESSASSESSMENT")
    PARENT("APR", "APPROVED_PREMISES_REFERRAL", "APPROVED_PREMISES_REFERRAL_ID", "APPROVED_PREMISES_REFERRAL")
    PARENT("ASM", "ASSESSMENT", "ASSESSMENT_ID", "ASSESSMENT")
    " LEFT JOIN R_ASSESSMENT_TYPE AST ON AST.ASSESSMENT_TYPE_ID = ASM.ASSESSMENT_TYPE_ID"
    " LEFT JOIN REFERRAL ASMR ON ASMR.REFERRAL_ID = ASM.REFERRAL_ID"
    PARENT("C", "CONTACT", "CONTACT_ID", "CONTACT")
    " LEFT JOIN R_CONTACT_TYPE CT ON CT.CONTACT_TYPE_ID = C.CONTACT_TYPE_ID"
    PARENT("CR", "COURT_REPORT", "COURT_REPORT_ID", "COURT_REPORT")
    " LEFT JOIN R_COURT_REPORT_TYPE CRT ON CRT.COURT_REPORT_TYPE_ID = CR.COURT_REPORT_TYPE_ID"
    " LEFT JOIN COURT_APPEARANCE CA ON CA.COURT_APPEARANCE_ID = CR.COURT_APPEARANCE_ID"
    " LEFT JOIN COURT CRC ON CRC.COURT_ID = CA.COURT_ID"
    PARENT("IR", "INSTITUTIONAL_REPORT", "INSTITUTIONAL_REPORT_ID", "INSTITUTIONAL_REPORT")
    " LEFT JOIN R_STANDARD_REFERENCE_LIST IRT ON IRT.STANDARD_REFERENCE_LIST_ID = IR.INSTITUTION_REPORT_TYPE_ID"
    " LEFT JOIN R_INSTITUTION INST ON INST.INSTITUTION_ID = IR.INSTITUTION_ID AND INST.ESTABLISHMENT = IR.ESTABLISHMENT"
    " LEFT JOIN CUSTODY IRC ON IRC.CUSTODY_ID = IR.CUSTODY_ID"
    " LEFT JOIN DISPOSAL IRD ON IRD.DISPOSAL_ID = IRC.DISPOSAL_ID"
    PARENT("N", "NSI", "NSI_ID", "NSI")
    " LEFT JOIN R_NSI_TYPE NT ON NT.NSI_TYPE_ID = N.NSI_TYPE_ID"
    PARENT("PCI", "PERSONAL_CIRCUMSTANCE", "PERSONAL_CIRCUMSTANCE_ID", "PERSONAL_CIRCUMSTANCE")
    " LEFT JOIN R_CIRCUMSTANCE_TYPE PCT ON PCT.CIRCUMSTANCE_TYPE_ID = PCI.CIRCUMSTANCE_TYPE_ID"
    PARENT("PCO", "PERSONAL_CONTACT", "PERSONAL_CONTACT_ID", "PERSONALCONTACT")
    " LEFT JOIN R_STANDARD_REFERENCE_LIST RLT ON RLT.STANDARD_REFERENCE_LIST_ID = PCO.RELATIONSHIP_TYPE_ID"
    PARENT("RF", "REFERRAL", "REFERRAL_ID", "REFERRAL")
    " LEFT JOIN R_REFERRAL_TYPE RFT ON RFT.REFERRAL_TYPE_ID = RF.REFERRAL_TYPE_ID"
    PARENT("UA", "UPW_APPOINTMENT", "UPW_APPOINTMENT_ID", "UPW_APPOINTMENT")
    " LEFT JOIN UPW_PROJECT UP ON UP.UPW_PROJECT_ID = UA.UPW_PROJECT_ID"
    " LEFT JOIN UPW_DETAILS UD ON UD.UPW_DETAILS_ID = UA.UPW_DETAILS_ID"
    " LEFT JOIN DISPOSAL UDD ON UDD.DISPOSAL_ID = UD.DISPOSAL_ID"
    PARENT("E", "EVENT", "EVENT_ID", "EVENT")
    PARENT("CAL", "CASE_ALLOCATION", "CASE_ALLOCATION_ID", "CASE_ALLOCATION")
    " WHERE D.OFFENDER_ID = ? AND D.ALFRESCO_DOCUMENT_ID IS NOT NULL AND D.SOFT_DELETED = 0"
    " AND D.TABLE_NAME IN ('OFFENDER', 'ADDRESSASSESSMENT', 'PERSONALCONTACT', 'PERSONAL_CIRCUMSTANCE', 'EVENT',"
    " 'COURT_REPORT', 'INSTITUTIONAL_REPORT', 'APPROVED_PREMISES_REFERRAL', 'ASSESSMENT', 'CASE_ALLOCATION',"
    " 'REFERRAL', 'UPW_APPOINTMENT', 'CONTACT', 'NSI')"
    " ORDER BY D.DOCUMENT_ID";

#define T(i) db_col_text(s, (i))

/* "dd/MM/yyyy" of an ISO date or date-time ("" when NULL or malformed). */
static const char *dmy(char out[11], const char *iso) {
    if (!iso || strlen(iso) < 10 || iso[4] != '-' || iso[7] != '-') {
        out[0] = '\0';
        return out;
    }
    snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    return out;
}

static const char *str(const char *s) { return s ? s : ""; }

/* The extended description by parent kind (§2.7), or NULL. */
static char *description(arena *a, db_stmt *s, const char *table) {
    char d[11];
    if (!strcmp(table, "ADDRESSASSESSMENT") && T(11))
        return arena_printf(a, "Address assessment on %s", dmy(d, T(11)));
    if (!strcmp(table, "APPROVED_PREMISES_REFERRAL") && T(12))
        return arena_printf(a, "Approved premises referral on %s", dmy(d, T(12)));
    if (!strcmp(table, "ASSESSMENT") && T(14) && !db_col_is_null(s, 15))
        return arena_printf(a, "Assessment for %s on %s", str(T(13)), dmy(d, T(14)));
    if (!strcmp(table, "CONTACT") && T(16)) return arena_printf(a, "Contact on %s for %s", dmy(d, T(16)), str(T(17)));
    if (!strcmp(table, "COURT_REPORT") && T(21))
        return arena_printf(a, "%s requested by %s on %s", str(T(19)), str(T(20)), dmy(d, T(21)));
    if (!strcmp(table, "INSTITUTIONAL_REPORT") && T(27))
        return arena_printf(a, "%s at %s requested on %s", str(T(25)), str(T(26)), dmy(d, T(27)));
    if (!strcmp(table, "NSI") && T(31))
        return arena_printf(a, "Non Statutory Intervention for %s on %s", str(T(30)), dmy(d, T(31)));
    if (!strcmp(table, "PERSONAL_CIRCUMSTANCE") && T(33))
        return arena_printf(a, "Personal circumstance of %s started on %s", str(T(32)), dmy(d, T(33)));
    if (!strcmp(table, "PERSONALCONTACT") && T(35))
        return arena_printf(a, "Personal contact of type %s with %s", str(T(34)), str(T(35)));
    if (!strcmp(table, "REFERRAL") && T(37))
        return arena_printf(a, "Referral for %s on %s", str(T(36)), dmy(d, T(37)));
    if (!strcmp(table, "UPW_APPOINTMENT") && T(38))
        return arena_printf(a, "Unpaid work appointment on %s for %s", dmy(d, T(38)), str(T(39)));
    return NULL;
}

/* Writes one OffenderDocumentDetail when it passes the filters; returns the type code. */
static void write_document(jw *w, db_stmt *s, arena *a, const char *type_code, const char *type_desc,
                           const char *sub_code, const char *sub_desc) {
    jw_obj_begin(w);
    jw_kv_str(w, "id", T(0));
    jw_kv_str(w, "documentName", T(1));
    const char *author = NULL;
    if (T(8)) author = arena_printf(a, "%s %s", str(T(7)), T(8));
    else if (T(10)) author = arena_printf(a, "%s %s", str(T(9)), T(10));
    jw_kv_str(w, "author", author);
    cc_kv(w, "type", type_code, type_desc);
    jw_kv_str(w, "extendedDescription", description(a, s, T(3)));
    cc_kv_datetime(w, "lastModifiedAt", T(4));
    cc_kv_datetime(w, "createdAt", T(5) ? T(5) : T(4));
    jw_kv_int(w, "parentPrimaryKeyId", db_col_int(s, 6));
    if (sub_desc) cc_kv(w, "subType", sub_code, sub_desc);
    /* report dates: the institutional report's, else the court report's */
    bool ir = T(24) != NULL;
    const char *req = ir ? T(27) : T(21), *reqd = ir ? T(28) : T(22), *done = ir ? T(29) : T(23);
    if (req || reqd || done) {
        jw_key(w, "reportDocumentDates");
        jw_obj_begin(w);
        cc_kv_date(w, "requestedDate", req);
        cc_kv_date(w, "requiredDate", reqd);
        cc_kv_datetime(w, "completedDate", done);
        jw_obj_end(w);
    }
    jw_obj_end(w);
}

/* The conviction groups, each a buffer of comma-joined documents, in first-appearance order. */
typedef struct group {
    int64_t event_id;
    buf docs;
    struct group *next;
} group;

static int grouped_400(http_req *r, const char *msg) {
    http_error(r, 400, msg);
    return 0;
}

int cc_documents_grouped(http_req *r) {
    arena *a = http_arena(r);
    /* the /secure alias spells the sub-type parameter in lower case (§3) */
    bool alias = http_via_alias(r);
    const char *type = NULL, *sub = NULL;
    if (!http_query_str(r, "type", false, &type) || !http_query_str(r, alias ? "subtype" : "subType", false, &sub))
        return 0;
    if (sub && !type)
        return grouped_400(r, arena_printf(a,
                                           "subtype of %s was supplied but no type. subtype can only be supplied when a "
                                           "valid type is supplied",
                                           sub));
    if (type && !known_type(type)) return grouped_400(r, arena_printf(a, "type of %s was not valid", type));
    if (sub && strcmp(sub, "PSR")) return grouped_400(r, arena_printf(a, "subtype of %s was not valid", sub));
    if (sub && strcmp(type, "COURT_REPORT_DOCUMENT"))
        return grouped_400(r, arena_printf(a, "subtype of %s was not valid for type %s", sub, type));

    int64_t offender_id;
    if (!cc_find_person(r, &offender_id)) return 0;
    db_conn *c = http_db(r);
    db_stmt *s = db_query(c, SQL_GROUPED);
    if (!s || db_bind_int(s, 1, offender_id)) {
        if (s) db_done(s);
        http_db_error(r);
        return 0;
    }
    buf loose = BUF_INIT;
    group *groups = NULL, **tail = &groups;
    int rc;
    while ((rc = db_step(s)) == 1) {
        const char *table = str(T(3)), *doc_type = str(T(2));
        const char *code = NULL, *desc = NULL;
        for (size_t i = 0; i < sizeof TYPE_MAP / sizeof TYPE_MAP[0]; i++)
            if (!strcmp(table, TYPE_MAP[i].table) && (!TYPE_MAP[i].doc_type || !strcmp(doc_type, TYPE_MAP[i].doc_type))) {
                code = TYPE_MAP[i].code;
                desc = TYPE_MAP[i].description;
                break;
            }
        if (!code) continue; /* unreachable: the query only returns mapped tables */
        const char *sub_code = T(24) ? T(24) : T(18), *sub_desc = T(24) ? T(25) : T(19);
        bool has_event = !db_col_is_null(s, 40);
        buf *target = &loose;
        if (has_event) {
            int64_t ev = db_col_int(s, 40);
            group *g = groups;
            while (g && g->event_id != ev) g = g->next;
            if (!g) { /* kept even when the filters empty it */
                g = arena_calloc(a, sizeof *g);
                g->event_id = ev;
                *tail = g;
                tail = &g->next;
            }
            target = &g->docs;
        }
        /* filters: type keeps type.code == type; a sub-type replaces it with subType.code == subtype */
        bool keep = sub ? (sub_desc && sub_code && !strcmp(sub_code, sub)) : (!type || !strcmp(code, type));
        if (!keep) continue;
        if (target->len) buf_putc(target, ',');
        jw dw;
        jw_init(&dw, target);
        write_document(&dw, s, a, code, desc, sub_code, sub_desc);
    }
    db_done(s);

    buf b = BUF_INIT;
    jw w;
    jw_init(&w, &b);
    jw_obj_begin(&w);
    jw_key(&w, "documents");
    jw_arr_begin(&w);
    if (loose.len) jw_raw(&w, loose.data);
    jw_arr_end(&w);
    jw_key(&w, "convictions");
    jw_arr_begin(&w);
    for (group *g = groups; g; g = g->next) {
        jw_obj_begin(&w);
        jw_kv_str(&w, "convictionId", arena_printf(a, "%lld", (long long)g->event_id));
        jw_key(&w, "documents");
        jw_arr_begin(&w);
        if (g->docs.len) jw_raw(&w, g->docs.data);
        jw_arr_end(&w);
        jw_obj_end(&w);
    }
    jw_arr_end(&w);
    jw_obj_end(&w);
    buf_dispose(&loose);
    for (group *g = groups; g; g = g->next) buf_dispose(&g->docs);
    cc_send_body(r, &b, rc);
    return 0;
}

/* --- download ------------------------------------------------------------------ */

/* Content-Disposition of §5.3: RFC 2047 Q-encoded filename and RFC 5987 filename*. */
static const char *content_disposition(arena *a, const char *name) {
    static const char hex[] = "0123456789ABCDEF";
    buf b = BUF_INIT;
    buf_puts(&b, "attachment; filename=\"=?UTF-8?Q?");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (*p == ' ') buf_putc(&b, '_');
        else if (*p >= 33 && *p <= 126 && *p != '=' && *p != '?' && *p != '_' && *p != '"' && *p != '\\')
            buf_putc(&b, (char)*p);
        else {
            char e[3] = {'=', hex[*p >> 4], hex[*p & 15]};
            buf_append(&b, e, 3);
        }
    }
    buf_puts(&b, "?=\"; filename*=UTF-8''");
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("!#$&+-.^_`|~", *p))
            buf_putc(&b, (char)*p);
        else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(&b, e, 3);
        }
    }
    const char *out = arena_strdup(a, b.data);
    buf_dispose(&b);
    return out;
}

static ssize_t doc_read(void *ctx, char *out, size_t max) { return docstore_read(ctx, out, max); }
static void doc_free(void *ctx) { docstore_read_close(ctx); }

int cc_document_download(http_req *r) {
    const char *crn = http_path(r, "crn");
    const char *id = http_path(r, "documentId");
    arena *a = http_arena(r);
    int64_t offender_id;
    if (!cc_find_person(r, &offender_id)) return 0;
    db_conn *c = http_db(r);
    db_stmt *s = db_query(c, "SELECT DOCUMENT_NAME FROM DOCUMENT"
                             " WHERE OFFENDER_ID = ? AND ALFRESCO_DOCUMENT_ID = ? AND SOFT_DELETED = 0"
                             " ORDER BY DOCUMENT_ID LIMIT 1");
    if (!s || db_bind_int(s, 1, offender_id) || db_bind_text(s, 2, id)) {
        if (s) db_done(s);
        http_db_error(r);
        return 0;
    }
    int rc = db_step(s);
    const char *name = rc == 1 ? arena_strdup(a, T(0)) : NULL;
    db_done(s);
    if (rc < 0) {
        http_db_error(r);
        return 0;
    }
    if (rc == 0) {
        http_error(r, 404, arena_printf(a, "Document with id of %s not found for CRN %s", id, crn));
        return 0;
    }

    docstore *store = docstore_shared();
    docstore_reader *rd = NULL;
    docstore_meta meta;
    char err[256] = "";
    int src = store ? docstore_read_open(store, id, &rd, &meta, err, sizeof err) : DOCSTORE_UNAVAILABLE;
    if (src == DOCSTORE_NOT_FOUND) {
        http_error(r, 404, arena_printf(a, "Document content with alfrescoId of %s not found", id));
        return 0;
    }
    if (src == DOCSTORE_UNAVAILABLE) {
        log_msg(LOG_WARN, "document store unavailable", "error", err, NULL);
        http_error(r, 503, "Document store unavailable: the document could not be fetched, try again later");
        return 0;
    }
    if (src != DOCSTORE_OK) {
        log_msg(LOG_ERROR, "document store error", "error", err, NULL);
        http_framework_error(r, 500, err[0] ? err : "Failed to download document.");
        return 0;
    }
    http_add_header(r, "Content-Disposition", content_disposition(a, name ? name : id));
    if (meta.last_modified[0]) http_add_header(r, "Last-Modified", meta.last_modified);
    http_add_header(r, "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
    http_add_header(r, "Pragma", "no-cache");
    http_add_header(r, "Expires", "0");
    http_add_header(r, "X-Content-Type-Options", "nosniff");
    http_add_header(r, "X-Frame-Options", "DENY");
    http_add_header(r, "X-XSS-Protection", "0");
    http_stream_len(r, 200, meta.content_type[0] ? meta.content_type : "application/octet-stream", meta.length,
                    doc_read, rd, doc_free);
    return 0;
}
