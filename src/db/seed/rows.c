/*
 * rows.c - the tables the seed writes, their row buffers and the one writer per table.
 *
 * sd_put_<table>() appends a row to the table's buffer, pushing the fields of its row structure in
 * the order of sd_tables[].cols (one place per table, generated from the column list once and kept
 * in step by hand: end_row() aborts when a row's value count differs from the column count).
 * sd_flush_all() writes the buffers parents first with multi-row INSERT statements prepared once
 * per size (multi, 16, 4, 1 rows) and reused through db_query's statement cache.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/seed/seed_internal.h"

/* name, columns (the first is the integer id unless idless) */
const sd_table sd_tables[T_COUNT] = {
    [T_ORGANISATION] = {"ORGANISATION", "ORGANISATION_ID,CODE,DESCRIPTION,ACTIVE_FLAG", false},
    [T_PROBATION_AREA] = {"PROBATION_AREA",
                          "PROBATION_AREA_ID,CODE,DESCRIPTION,PRIVATE,SELECTABLE,ORGANISATION_ID,INSTITUTION_ID,"
                          "ESTABLISHMENT",
                          false},
    [T_BOROUGH] = {"BOROUGH", "BOROUGH_ID,CODE,DESCRIPTION,PROBATION_AREA_ID,SELECTABLE", false},
    [T_DISTRICT] = {"DISTRICT", "DISTRICT_ID,CODE,DESCRIPTION,BOROUGH_ID,SELECTABLE", false},
    [T_LOCAL_DELIVERY_UNIT] = {"LOCAL_DELIVERY_UNIT", "LOCAL_DELIVERY_UNIT_ID,CODE,DESCRIPTION,SELECTABLE", false},
    [T_TEAM] = {"TEAM",
                "TEAM_ID,CODE,DESCRIPTION,TELEPHONE,EMAIL_ADDRESS,PROBATION_AREA_ID,DISTRICT_ID,"
                "LOCAL_DELIVERY_UNIT_ID,START_DATE,END_DATE,PRIVATE",
                false},
    [T_STAFF] = {"STAFF", "STAFF_ID,OFFICER_CODE,FORENAME,FORENAME2,SURNAME,STAFF_GRADE_ID,PROBATION_AREA_ID", false},
    [T_STAFF_TEAM] = {"STAFF_TEAM", "STAFF_ID,TEAM_ID", true},
    [T_USER] = {"USER_", "USER_ID,DISTINGUISHED_NAME,STAFF_ID,FORENAME,SURNAME", false},
    [T_PROVIDER_EMPLOYEE] = {"PROVIDER_EMPLOYEE", "PROVIDER_EMPLOYEE_ID,FORENAME,FORENAME2,SURNAME", false},
    [T_OFFICER] = {"OFFICER", "STAFF_EMPLOYEE_ID,TRUST_PROVIDER_FLAG,FORENAME,FORENAME2,SURNAME", true},
    [T_EXTERNAL_PROVIDER] = {"EXTERNAL_PROVIDER", "EXTERNAL_PROVIDER_ID,CODE,DESCRIPTION", false},
    [T_PROVIDER_TEAM] = {"PROVIDER_TEAM", "PROVIDER_TEAM_ID,CODE,NAME,PROBATION_AREA_ID,EXTERNAL_PROVIDER_ID", false},
    [T_COURT] = {"COURT",
                 "COURT_ID,CODE,SELECTABLE,COURT_NAME,TELEPHONE_NUMBER,FAX_NUMBER,BUILDING_NAME,STREET,LOCALITY,"
                 "TOWN,COUNTY,POSTCODE,COUNTRY,COURT_TYPE_ID,PROBATION_AREA_ID,SECURE_EMAIL_ADDRESS,"
                 "CREATED_DATETIME,LAST_UPDATED_DATETIME",
                 false},
    [T_UPW_PROJECT] = {"UPW_PROJECT", "UPW_PROJECT_ID,NAME", false},
    [T_OFFENDER] = {"OFFENDER",
                    "OFFENDER_ID,CRN,PNC_NUMBER,CRO_NUMBER,NOMS_NUMBER,IMMIGRATION_NUMBER,NI_NUMBER,"
                    "MOST_RECENT_PRISONER_NUMBER,TITLE_ID,FIRST_NAME,SECOND_NAME,THIRD_NAME,SURNAME,"
                    "PREFERRED_NAME,PREVIOUS_SURNAME,DATE_OF_BIRTH_DATE,GENDER_ID,GENDER_IDENTITY_ID,"
                    "GENDER_IDENTITY_DESCRIPTION,ETHNICITY_ID,NATIONALITY_ID,SECOND_NATIONALITY_ID,"
                    "IMMIGRATION_STATUS_ID,RELIGION_ID,SEXUAL_ORIENTATION_ID,LANGUAGE_ID,LANGUAGE_CONCERNS,"
                    "INTERPRETER_REQUIRED,TELEPHONE_NUMBER,MOBILE_NUMBER,E_MAIL_ADDRESS,ALLOW_SMS,"
                    "CURRENT_DISPOSAL,CURRENT_REMAND_STATUS,CURRENT_TIER,DYNAMIC_RSR_SCORE,CURRENT_EXCLUSION,"
                    "CURRENT_RESTRICTION,EXCLUSION_MESSAGE,RESTRICTION_MESSAGE,CURRENT_HIGHEST_RISK_COLOUR,"
                    "OFFENDER_DETAILS,PARTITION_AREA_ID,SOFT_DELETED,ROW_VERSION,CREATED_BY_USER_ID,"
                    "CREATED_DATETIME,LAST_UPDATED_USER_ID,LAST_UPDATED_DATETIME",
                    false},
    [T_ALIAS] = {"ALIAS",
                 "ALIAS_ID,OFFENDER_ID,FIRST_NAME,SECOND_NAME,THIRD_NAME,SURNAME,DATE_OF_BIRTH_DATE,GENDER_ID,"
                 "SOFT_DELETED",
                 false},
    [T_OFFENDER_ADDRESS] = {"OFFENDER_ADDRESS",
                            "OFFENDER_ADDRESS_ID,OFFENDER_ID,ADDRESS_STATUS_ID,ADDRESS_TYPE_ID,ADDRESS_NUMBER,"
                            "BUILDING_NAME,STREET_NAME,DISTRICT,TOWN_CITY,COUNTY,POSTCODE,TELEPHONE_NUMBER,"
                            "NO_FIXED_ABODE,TYPE_VERIFIED,NOTES,START_DATE,END_DATE,SOFT_DELETED,ROW_VERSION,"
                            "CREATED_BY_USER_ID,CREATED_DATETIME,LAST_UPDATED_USER_ID,LAST_UPDATED_DATETIME",
                            false},
    [T_ADDRESS_ASSESSMENT] = {"ADDRESS_ASSESSMENT",
                              "ADDRESS_ASSESSMENT_ID,OFFENDER_ADDRESS_ID,ASSESSMENT_DATE,SOFT_DELETED", false},
    [T_ADDRESS] = {"ADDRESS",
                   "ADDRESS_ID,BUILDING_NAME,ADDRESS_NUMBER,STREET_NAME,DISTRICT,TOWN_CITY,COUNTY,POSTCODE,"
                   "TELEPHONE_NUMBER,SOFT_DELETED",
                   false},
    [T_DISABILITY] = {"DISABILITY",
                      "DISABILITY_ID,OFFENDER_ID,DISABILITY_TYPE_ID,DISABILITY_CONDITION_ID,START_DATE,FINISH_DATE,"
                      "NOTES,LAST_UPDATED_DATETIME,SOFT_DELETED",
                      false},
    [T_PROVISION] = {"PROVISION",
                     "PROVISION_ID,OFFENDER_ID,PROVISION_TYPE_ID,PROVISION_CATEGORY_ID,START_DATE,FINISH_DATE,NOTES,"
                     "LAST_UPDATED_DATETIME,SOFT_DELETED",
                     false},
    [T_PERSONAL_CIRCUMSTANCE] = {"PERSONAL_CIRCUMSTANCE",
                                 "PERSONAL_CIRCUMSTANCE_ID,OFFENDER_ID,CIRCUMSTANCE_TYPE_ID,CIRCUMSTANCE_SUB_TYPE_ID,"
                                 "NOTES,START_DATE,END_DATE,EVIDENCED,SOFT_DELETED",
                                 false},
    [T_PERSONAL_CONTACT] = {"PERSONAL_CONTACT",
                            "PERSONAL_CONTACT_ID,OFFENDER_ID,RELATIONSHIP,RELATIONSHIP_TYPE_ID,FIRST_NAME,"
                            "OTHER_NAMES,SURNAME,MOBILE_NUMBER,ADDRESS_ID,START_DATE,END_DATE,SOFT_DELETED",
                            false},
    [T_EXCLUSION] = {"EXCLUSION", "EXCLUSION_ID,OFFENDER_ID,USER_ID,EXCLUSION_DATE,EXCLUSION_END_TIME", false},
    [T_RESTRICTION] = {"RESTRICTION", "RESTRICTION_ID,OFFENDER_ID,USER_ID,RESTRICTION_TIME,RESTRICTION_END_TIME",
                       false},
    [T_OFFENDER_MANAGER] = {"OFFENDER_MANAGER",
                            "OFFENDER_MANAGER_ID,OFFENDER_ID,ALLOCATION_STAFF_ID,TEAM_ID,PROBATION_AREA_ID,"
                            "STAFF_EMPLOYEE_ID,TRUST_PROVIDER_FLAG,OFFICER_CODE,PROVIDER_EMPLOYEE_ID,"
                            "PROVIDER_TEAM_ID,TRUST_PROVIDER_TEAM_ID,PARTITION_AREA_ID,ALLOCATION_REASON_ID,"
                            "ALLOCATION_DATE,END_DATE,ACTIVE_FLAG,SOFT_DELETED",
                            false},
    [T_PRISON_OFFENDER_MANAGER] = {"PRISON_OFFENDER_MANAGER",
                                   "PRISON_OFFENDER_MANAGER_ID,OFFENDER_ID,ALLOCATION_STAFF_ID,ALLOCATION_TEAM_ID,"
                                   "PROBATION_AREA_ID,ALLOCATION_REASON_ID,ALLOCATION_DATE,END_DATE,TELEPHONE_NUMBER,"
                                   "EMAIL_ADDRESS,ACTIVE_FLAG,SOFT_DELETED,ROW_VERSION,CREATED_BY_USER_ID,"
                                   "CREATED_DATETIME,LAST_UPDATED_USER_ID,LAST_UPDATED_DATETIME",
                                   false},
    [T_RESPONSIBLE_OFFICER] = {"RESPONSIBLE_OFFICER",
                               "RESPONSIBLE_OFFICER_ID,OFFENDER_ID,OFFENDER_MANAGER_ID,PRISON_OFFENDER_MANAGER_ID,"
                               "START_DATE,END_DATE",
                               false},
    [T_MANAGEMENT_TIER] = {"MANAGEMENT_TIER",
                           "OFFENDER_ID,TIER_ID,DATE_CHANGED,TIER_CHANGE_REASON_ID,END_DATE,PARTITION_AREA_ID,"
                           "SOFT_DELETED,ROW_VERSION,CREATED_BY_USER_ID,CREATED_DATETIME,LAST_UPDATED_USER_ID,"
                           "LAST_UPDATED_DATETIME",
                           true},
    [T_EVENT] = {"EVENT",
                 "EVENT_ID,OFFENDER_ID,EVENT_NUMBER,REFERRAL_DATE,CONVICTION_DATE,IN_BREACH,BREACH_END,FTC_COUNT,"
                 "COURT_ID,ACTIVE_FLAG,SOFT_DELETED,ROW_VERSION,CREATED_BY_USER_ID,CREATED_DATETIME,"
                 "LAST_UPDATED_USER_ID,LAST_UPDATED_DATETIME",
                 false},
    [T_DISPOSAL] = {"DISPOSAL",
                    "DISPOSAL_ID,EVENT_ID,DISPOSAL_TYPE_ID,DISPOSAL_DATE,NOTIONAL_END_DATE,ENTERED_NOTIONAL_END_DATE,"
                    "TERMINATION_DATE,DISPOSAL_TERMINATION_REASON_ID,ENTRY_LENGTH,ENTRY_LENGTH_UNITS_ID,LENGTH_2,"
                    "ENTRY_LENGTH_2_UNITS_ID,LENGTH,EFFECTIVE_LENGTH,LENGTH_IN_DAYS,UPW,ACTIVE_FLAG,SOFT_DELETED",
                    false},
    [T_CUSTODY] = {"CUSTODY",
                   "CUSTODY_ID,DISPOSAL_ID,CUSTODIAL_STATUS_ID,PRISONER_NUMBER,INSTITUTION_ID,ESTABLISHMENT,"
                   "PSS_START_DATE,SOFT_DELETED",
                   false},
    [T_KEY_DATE] = {"KEY_DATE", "KEY_DATE_ID,CUSTODY_ID,KEY_DATE_TYPE_ID,KEY_DATE,SOFT_DELETED", false},
    [T_RELEASE] = {"RELEASE", "RELEASE_ID,CUSTODY_ID,ACTUAL_RELEASE_DATE,SOFT_DELETED", false},
    [T_MAIN_OFFENCE] = {"MAIN_OFFENCE",
                        "MAIN_OFFENCE_ID,EVENT_ID,OFFENDER_ID,OFFENCE_ID,OFFENCE_DATE,OFFENCE_COUNT,TICS,VERDICT,"
                        "CREATED_DATETIME,LAST_UPDATED_DATETIME,SOFT_DELETED",
                        false},
    [T_ADDITIONAL_OFFENCE] = {"ADDITIONAL_OFFENCE",
                              "ADDITIONAL_OFFENCE_ID,EVENT_ID,OFFENCE_ID,OFFENCE_DATE,OFFENCE_COUNT,CREATED_DATETIME,"
                              "LAST_UPDATED_DATETIME,SOFT_DELETED",
                              false},
    [T_ADDITIONAL_SENTENCE] = {"ADDITIONAL_SENTENCE",
                               "ADDITIONAL_SENTENCE_ID,EVENT_ID,ADDITIONAL_SENTENCE_TYPE_ID,AMOUNT,LENGTH,NOTES,"
                               "SOFT_DELETED",
                               false},
    [T_RQMNT] = {"RQMNT",
                 "RQMNT_ID,DISPOSAL_ID,RQMNT_NOTES,COMMENCEMENT_DATE,START_DATE,TERMINATION_DATE,EXPECTED_START_DATE,"
                 "EXPECTED_END_DATE,RQMNT_TYPE_MAIN_CATEGORY_ID,RQMNT_TYPE_SUB_CATEGORY_ID,"
                 "AD_RQMNT_TYPE_MAIN_CATEGORY_ID,AD_RQMNT_TYPE_SUB_CATEGORY_ID,RQMNT_TERMINATION_REASON_ID,LENGTH,"
                 "RAR_COUNT,CREATED_DATETIME,ACTIVE_FLAG,SOFT_DELETED",
                 false},
    [T_LIC_CONDITION] = {"LIC_CONDITION",
                         "LIC_CONDITION_ID,DISPOSAL_ID,START_DATE,COMMENCEMENT_DATE,COMMENCEMENT_NOTES,"
                         "TERMINATION_DATE,TERMINATION_NOTES,LIC_COND_TYPE_MAIN_CAT_ID,LIC_COND_TYPE_SUB_CAT_ID,"
                         "LIC_CONDITION_NOTES,CREATED_DATETIME,ACTIVE_FLAG,SOFT_DELETED",
                         false},
    [T_PSS_RQMNT] = {"PSS_RQMNT",
                     "PSS_RQMNT_ID,CUSTODY_ID,PSS_RQMNT_TYPE_MAIN_CAT_ID,PSS_RQMNT_TYPE_SUB_CAT_ID,ACTIVE_FLAG,"
                     "SOFT_DELETED",
                     false},
    [T_UPW_DETAILS] = {"UPW_DETAILS", "UPW_DETAILS_ID,DISPOSAL_ID,UPW_LENGTH_MINUTES,UPW_STATUS_ID,SOFT_DELETED",
                       false},
    [T_UPW_APPOINTMENT] = {"UPW_APPOINTMENT",
                           "UPW_APPOINTMENT_ID,UPW_DETAILS_ID,UPW_PROJECT_ID,APPOINTMENT_DATE,MINUTES_CREDITED,"
                           "ATTENDED,COMPLIED,SOFT_DELETED",
                           false},
    [T_ORDER_MANAGER] = {"ORDER_MANAGER",
                         "ORDER_MANAGER_ID,EVENT_ID,ALLOCATION_STAFF_ID,ALLOCATION_TEAM_ID,PROBATION_AREA_ID,"
                         "ALLOCATION_DATE,END_DATE,ALLOCATION_REASON_ID,PROVIDER_EMPLOYEE_ID,PROVIDER_TEAM_ID,"
                         "TRANSFER_REASON_ID,STAFF_EMPLOYEE_ID,TRUST_PROVIDER_FLAG,TRUST_PROVIDER_TEAM_ID,ACTIVE_FLAG,"
                         "SOFT_DELETED",
                         false},
    [T_COURT_APPEARANCE] = {"COURT_APPEARANCE",
                            "COURT_APPEARANCE_ID,EVENT_ID,OFFENDER_ID,COURT_ID,APPEARANCE_DATE,APPEARANCE_TYPE_ID,"
                            "OUTCOME_ID,SOFT_DELETED",
                            false},
    [T_COURT_REPORT] = {"COURT_REPORT",
                        "COURT_REPORT_ID,OFFENDER_ID,COURT_APPEARANCE_ID,COURT_REPORT_TYPE_ID,"
                        "DELIVERED_COURT_REPORT_TYPE_ID,DATE_REQUESTED,DATE_REQUIRED,ALLOCATION_DATE,COMPLETED_DATE,"
                        "SENT_TO_COURT_DATE,RECEIVED_BY_COURT_DATE,SOFT_DELETED",
                        false},
    [T_REPORT_MANAGER] = {"REPORT_MANAGER", "REPORT_MANAGER_ID,COURT_REPORT_ID,STAFF_ID,ACTIVE_FLAG,SOFT_DELETED",
                          false},
    [T_NSI] = {"NSI",
               "NSI_ID,OFFENDER_ID,EVENT_ID,NSI_TYPE_ID,NSI_SUB_TYPE_ID,NSI_STATUS_ID,NSI_STATUS_DATE,NSI_OUTCOME_ID,"
               "REFERRAL_DATE,ACTUAL_START_DATE,EXPECTED_START_DATE,ACTUAL_END_DATE,EXPECTED_END_DATE,RQMNT_ID,LENGTH,"
               "NOTES,EXTERNAL_REFERENCE,INTENDED_PROVIDER_ID,ACTIVE_FLAG,SOFT_DELETED",
               false},
    [T_NSI_MANAGER] = {"NSI_MANAGER",
                       "NSI_MANAGER_ID,NSI_ID,STAFF_ID,TEAM_ID,PROBATION_AREA_ID,START_DATE,END_DATE,ACTIVE_FLAG,"
                       "SOFT_DELETED",
                       false},
    [T_REGISTRATION] = {"REGISTRATION",
                        "REGISTRATION_ID,OFFENDER_ID,REGISTER_TYPE_ID,REGISTER_LEVEL_ID,REGISTER_CATEGORY_ID,"
                        "REGISTRATION_DATE,NEXT_REVIEW_DATE,REGISTRATION_NOTES,REGISTERING_TEAM_ID,"
                        "REGISTERING_STAFF_ID,DEREGISTERED,CREATED_DATETIME,SOFT_DELETED",
                        false},
    [T_DEREGISTRATION] = {"DEREGISTRATION",
                          "DEREGISTRATION_ID,REGISTRATION_ID,DEREGISTRATION_DATE,DEREGISTERING_TEAM_ID,"
                          "DEREGISTERING_STAFF_ID,DEREGISTERING_NOTES,CREATED_DATETIME,SOFT_DELETED",
                          false},
    [T_OASYS_ASSESSMENT] = {"OASYS_ASSESSMENT",
                            "OASYS_ASSESSMENT_ID,OFFENDER_ID,ASSESSMENT_DATE,OGRS_SCORE_2,LAST_UPDATED_DATETIME,"
                            "SOFT_DELETED",
                            false},
    [T_OGRS_ASSESSMENT] = {"OGRS_ASSESSMENT",
                           "OGRS_ASSESSMENT_ID,EVENT_ID,ASSESSMENT_DATE,OGRS3_SCORE_2,LAST_UPDATED_DATETIME,"
                           "SOFT_DELETED",
                           false},
    [T_CONTACT] = {"CONTACT",
                   "CONTACT_ID,OFFENDER_ID,EVENT_ID,CONTACT_TYPE_ID,CONTACT_DATE,CONTACT_START_TIME,"
                   "CONTACT_OUTCOME_TYPE_ID,ENFORCEMENT,ATTENDED,COMPLIED,NOTES,STAFF_ID,TEAM_ID,PROBATION_AREA_ID,"
                   "STAFF_EMPLOYEE_ID,TRUST_PROVIDER_TEAM_ID,TRUST_PROVIDER_FLAG,EXTERNAL_REFERENCE,SENSITIVE,"
                   "DOCUMENT_LINKED,PARTITION_AREA_ID,SOFT_DELETED,ROW_VERSION,CREATED_BY_USER_ID,CREATED_DATETIME,"
                   "LAST_UPDATED_USER_ID,LAST_UPDATED_DATETIME",
                   false},
    [T_APPROVED_PREMISES_REFERRAL] = {"APPROVED_PREMISES_REFERRAL",
                                      "APPROVED_PREMISES_REFERRAL_ID,OFFENDER_ID,EVENT_ID,REFERRAL_DATE,SOFT_DELETED",
                                      false},
    [T_REFERRAL] = {"REFERRAL", "REFERRAL_ID,OFFENDER_ID,EVENT_ID,REFERRAL_TYPE_ID,REFERRAL_DATE,SOFT_DELETED", false},
    [T_ASSESSMENT] = {"ASSESSMENT",
                      "ASSESSMENT_ID,OFFENDER_ID,ASSESSMENT_TYPE_ID,REFERRAL_ID,ASSESSMENT_DATE,SOFT_DELETED", false},
    [T_CASE_ALLOCATION] = {"CASE_ALLOCATION", "CASE_ALLOCATION_ID,OFFENDER_ID,EVENT_ID,SOFT_DELETED", false},
    [T_INSTITUTIONAL_REPORT] = {"INSTITUTIONAL_REPORT",
                                "INSTITUTIONAL_REPORT_ID,OFFENDER_ID,CUSTODY_ID,INSTITUTION_ID,ESTABLISHMENT,"
                                "INSTITUTION_REPORT_TYPE_ID,DATE_REQUESTED,DATE_REQUIRED,DATE_COMPLETED,SOFT_DELETED",
                                false},
    [T_DOCUMENT] = {"DOCUMENT",
                    "DOCUMENT_ID,OFFENDER_ID,ALFRESCO_DOCUMENT_ID,PRIMARY_KEY_ID,TABLE_NAME,DOCUMENT_NAME,"
                    "DOCUMENT_TYPE,DATE_PRODUCED,EXTERNAL_REFERENCE,LAST_SAVED,STATUS,SENSITIVE,PARTITION_AREA_ID,"
                    "SOFT_DELETED,ROW_VERSION,CREATED_BY_USER_ID,CREATED_DATETIME,LAST_UPDATED_USER_ID",
                    false},
};

void sd_tbuf_init(sd_tbuf *t, const sd_table *d) {
    memset(t, 0, sizeof *t);
    t->name = d->name;
    t->ncols = 1;
    for (const char *p = d->cols; *p; p++) t->ncols += *p == ',';
    t->multi = MAX_PARAMS / t->ncols;
    if (t->multi > MAX_MULTI) t->multi = MAX_MULTI;
    if (t->multi < 1) t->multi = 1;
    static const int smaller[3] = {16, 4, 1};
    t->sizes[t->nsizes++] = t->multi;
    for (int k = 0; k < 3; k++)
        if (smaller[k] < t->multi) t->sizes[t->nsizes++] = smaller[k];
    size_t head = strlen(d->name) + strlen(d->cols) + 32;
    size_t tuple = (size_t)t->ncols * 2 + 3;
    for (int k = 0; k < t->nsizes; k++) {
        int rows = t->sizes[k];
        char *sql = t->sql[k] = sd_xrealloc(NULL, head + tuple * (size_t)rows);
        char *p = sql + sprintf(sql, "INSERT INTO %s (%s) VALUES ", d->name, d->cols);
        for (int r = 0; r < rows; r++) {
            if (r) *p++ = ',';
            *p++ = '(';
            for (int c = 0; c < t->ncols; c++) {
                if (c) *p++ = ',';
                *p++ = '?';
            }
            *p++ = ')';
        }
        *p = 0;
    }
}

void sd_tbuf_free(sd_tbuf *t) {
    for (int k = 0; k < t->nsizes; k++) free(t->sql[k]);
    free(t->vals);
    free(t->text);
}

static void begin_row(seeder *g, int tid) {
    g->cur = &g->t[tid];
    g->cur->row_start = g->cur->nvals;
}

static inline sd_val *pv(seeder *g) {
    sd_tbuf *t = g->cur;
    if (t->nvals == t->capvals) {
        t->capvals = t->capvals ? t->capvals * 2 : 1024;
        t->vals = sd_xrealloc(t->vals, t->capvals * sizeof *t->vals);
    }
    return &t->vals[t->nvals++];
}

static void P_n(seeder *g) { pv(g)->kind = V_NULL; }

static void P_i(seeder *g, int64_t v) {
    sd_val *x = pv(g);
    x->kind = V_INT;
    x->i = v;
}

/* optional id: 0 = NULL */
static void P_io(seeder *g, int64_t v) {
    if (v) P_i(g, v);
    else P_n(g);
}

static void P_d(seeder *g, double v) {
    sd_val *x = pv(g);
    x->kind = V_DBL;
    x->d = v;
}

static void P_sn(seeder *g, const char *s, size_t n) {
    sd_tbuf *t = g->cur;
    if (t->ntext + n + 1 > t->captext) {
        while (t->ntext + n + 1 > t->captext) t->captext = t->captext ? t->captext * 2 : 8192;
        t->text = sd_xrealloc(t->text, t->captext);
    }
    memcpy(t->text + t->ntext, s, n);
    t->text[t->ntext + n] = 0;
    sd_val *x = pv(g);
    x->kind = V_TEXT;
    x->off = (uint32_t)t->ntext;
    t->ntext += n + 1;
}

static void P_s(seeder *g, const char *s) {
    if (!s) P_n(g);
    else P_sn(g, s, strlen(s));
}

static void P_date(seeder *g, int day) {
    char b[12];
    sd_fmt_date(b, day);
    P_sn(g, b, 10);
}

static void P_ts(seeder *g, int day, int secs) {
    char b[20];
    sd_fmt_ts(b, day, secs);
    P_sn(g, b, 19);
}

static void end_row(seeder *g) {
    sd_tbuf *t = g->cur;
    if (t->nvals - t->row_start != (size_t)t->ncols) {
        fprintf(stderr, "deliusd seed: internal error: %s row has %zu values for %d columns\n", t->name,
                t->nvals - t->row_start, t->ncols);
        abort();
    }
}

int64_t sd_new_id(seeder *g, int tid) { return g->t[tid].next_id++; }

static int exec_rows(seeder *g, sd_tbuf *t, const char *sql, size_t first_row, int rows) {
    db_stmt *s = db_query(g->c, sql);
    if (!s) {
        sd_fail(g, "cannot prepare insert into %s: %s", t->name, db_errmsg(g->c));
        return -1;
    }
    const sd_val *v = t->vals + first_row * (size_t)t->ncols;
    int n = rows * t->ncols;
    int rc = 0;
    for (int k = 0; k < n && rc == 0; k++) {
        switch (v[k].kind) {
        case V_INT: rc = db_bind_int(s, k + 1, v[k].i); break;
        case V_DBL: rc = db_bind_double(s, k + 1, v[k].d); break;
        case V_TEXT: rc = db_bind_text(s, k + 1, t->text + v[k].off); break;
        default: rc = db_bind_null(s, k + 1); break;
        }
    }
    if (rc == 0) rc = db_step(s) < 0 ? -1 : 0;
    db_done(s);
    if (rc != 0) {
        sd_fail(g, "insert into %s failed: %s", t->name, db_errmsg(g->c));
        return -1;
    }
    return 0;
}

static int flush_table(seeder *g, sd_tbuf *t) {
    size_t nrows = t->nvals / (size_t)t->ncols;
    size_t r = 0;
    for (int k = 0; k < t->nsizes; k++) {
        size_t n = (size_t)t->sizes[k];
        while (!g->failed && nrows - r >= n) {
            if (exec_rows(g, t, t->sql[k], r, (int)n) != 0) return -1;
            r += n;
        }
    }
    t->rows += nrows;
    t->nvals = 0;
    t->ntext = 0;
    return g->failed ? -1 : 0;
}

int sd_flush_all(seeder *g) {
    for (int i = 0; i < T_COUNT && !g->failed; i++) flush_table(g, &g->t[i]);
    return g->failed ? -1 : 0;
}

uint64_t sd_total_rows(const seeder *g) {
    uint64_t n = 0;
    for (int i = 0; i < T_COUNT; i++) n += g->t[i].rows;
    return n;
}

/* Column values of the row structures */
static void P_int(seeder *g, sd_int_t v) {
    if (v.set) P_i(g, v.v);
    else P_n(g);
}
static void P_num(seeder *g, sd_num_t v) {
    if (v.set) P_d(g, v.v);
    else P_n(g);
}
static void P_day(seeder *g, sd_date_t v) {
    if (v.set) P_date(g, v.day);
    else P_n(g);
}
static void P_tsv(seeder *g, sd_ts_t v) {
    if (v.set) P_ts(g, v.day, v.secs);
    else P_n(g);
}
static void P_ynv(seeder *g, sd_yn_t v) {
    if (v == SD_YN_NULL) P_n(g);
    else P_sn(g, v == SD_YN_Y ? "Y" : "N", 1);
}

/* ------------------------------------------------------------------------------------------ */
/* One writer per table */

void sd_put_organisation(seeder *g, const struct row_organisation *r) {
    begin_row(g, T_ORGANISATION);
    P_i(g, r->organisation_id);
    P_s(g, r->code);
    P_s(g, r->description);
    P_i(g, r->active_flag);
    end_row(g);
}

void sd_put_probation_area(seeder *g, const struct row_probation_area *r) {
    begin_row(g, T_PROBATION_AREA);
    P_i(g, r->probation_area_id);
    P_s(g, r->code);
    P_s(g, r->description);
    P_i(g, r->private);
    P_ynv(g, r->selectable);
    P_i(g, r->organisation_id);
    P_io(g, r->institution_id);
    P_s(g, r->establishment);
    end_row(g);
}

void sd_put_borough(seeder *g, const struct row_borough *r) {
    begin_row(g, T_BOROUGH);
    P_i(g, r->borough_id);
    P_s(g, r->code);
    P_s(g, r->description);
    P_i(g, r->probation_area_id);
    P_ynv(g, r->selectable);
    end_row(g);
}

void sd_put_district(seeder *g, const struct row_district *r) {
    begin_row(g, T_DISTRICT);
    P_i(g, r->district_id);
    P_s(g, r->code);
    P_s(g, r->description);
    P_i(g, r->borough_id);
    P_ynv(g, r->selectable);
    end_row(g);
}

void sd_put_local_delivery_unit(seeder *g, const struct row_local_delivery_unit *r) {
    begin_row(g, T_LOCAL_DELIVERY_UNIT);
    P_i(g, r->local_delivery_unit_id);
    P_s(g, r->code);
    P_s(g, r->description);
    P_ynv(g, r->selectable);
    end_row(g);
}

void sd_put_team(seeder *g, const struct row_team *r) {
    begin_row(g, T_TEAM);
    P_i(g, r->team_id);
    P_s(g, r->code);
    P_s(g, r->description);
    P_s(g, r->telephone);
    P_s(g, r->email_address);
    P_i(g, r->probation_area_id);
    P_i(g, r->district_id);
    P_io(g, r->local_delivery_unit_id);
    P_day(g, r->start_date);
    P_day(g, r->end_date);
    P_i(g, r->private);
    end_row(g);
}

void sd_put_staff(seeder *g, const struct row_staff *r) {
    begin_row(g, T_STAFF);
    P_i(g, r->staff_id);
    P_s(g, r->officer_code);
    P_s(g, r->forename);
    P_s(g, r->forename2);
    P_s(g, r->surname);
    P_io(g, r->staff_grade_id);
    P_i(g, r->probation_area_id);
    end_row(g);
}

void sd_put_staff_team(seeder *g, const struct row_staff_team *r) {
    begin_row(g, T_STAFF_TEAM);
    P_i(g, r->staff_id);
    P_i(g, r->team_id);
    end_row(g);
}

void sd_put_user(seeder *g, const struct row_user *r) {
    begin_row(g, T_USER);
    P_i(g, r->user_id);
    P_s(g, r->distinguished_name);
    P_io(g, r->staff_id);
    P_s(g, r->forename);
    P_s(g, r->surname);
    end_row(g);
}

void sd_put_provider_employee(seeder *g, const struct row_provider_employee *r) {
    begin_row(g, T_PROVIDER_EMPLOYEE);
    P_i(g, r->provider_employee_id);
    P_s(g, r->forename);
    P_s(g, r->forename2);
    P_s(g, r->surname);
    end_row(g);
}

void sd_put_officer(seeder *g, const struct row_officer *r) {
    begin_row(g, T_OFFICER);
    P_i(g, r->staff_employee_id);
    P_i(g, r->trust_provider_flag);
    P_s(g, r->forename);
    P_s(g, r->forename2);
    P_s(g, r->surname);
    end_row(g);
}

void sd_put_external_provider(seeder *g, const struct row_external_provider *r) {
    begin_row(g, T_EXTERNAL_PROVIDER);
    P_i(g, r->external_provider_id);
    P_s(g, r->code);
    P_s(g, r->description);
    end_row(g);
}

void sd_put_provider_team(seeder *g, const struct row_provider_team *r) {
    begin_row(g, T_PROVIDER_TEAM);
    P_i(g, r->provider_team_id);
    P_s(g, r->code);
    P_s(g, r->name);
    P_i(g, r->probation_area_id);
    P_i(g, r->external_provider_id);
    end_row(g);
}

void sd_put_court(seeder *g, const struct row_court *r) {
    begin_row(g, T_COURT);
    P_i(g, r->court_id);
    P_s(g, r->code);
    P_ynv(g, r->selectable);
    P_s(g, r->court_name);
    P_s(g, r->telephone_number);
    P_s(g, r->fax_number);
    P_s(g, r->building_name);
    P_s(g, r->street);
    P_s(g, r->locality);
    P_s(g, r->town);
    P_s(g, r->county);
    P_s(g, r->postcode);
    P_s(g, r->country);
    P_io(g, r->court_type_id);
    P_i(g, r->probation_area_id);
    P_s(g, r->secure_email_address);
    P_tsv(g, r->created_datetime);
    P_tsv(g, r->last_updated_datetime);
    end_row(g);
}

void sd_put_upw_project(seeder *g, const struct row_upw_project *r) {
    begin_row(g, T_UPW_PROJECT);
    P_i(g, r->upw_project_id);
    P_s(g, r->name);
    end_row(g);
}

void sd_put_offender(seeder *g, const struct row_offender *r) {
    begin_row(g, T_OFFENDER);
    P_i(g, r->offender_id);
    P_s(g, r->crn);
    P_s(g, r->pnc_number);
    P_s(g, r->cro_number);
    P_s(g, r->noms_number);
    P_s(g, r->immigration_number);
    P_s(g, r->ni_number);
    P_s(g, r->most_recent_prisoner_number);
    P_io(g, r->title_id);
    P_s(g, r->first_name);
    P_s(g, r->second_name);
    P_s(g, r->third_name);
    P_s(g, r->surname);
    P_s(g, r->preferred_name);
    P_s(g, r->previous_surname);
    P_day(g, r->date_of_birth_date);
    P_i(g, r->gender_id);
    P_io(g, r->gender_identity_id);
    P_s(g, r->gender_identity_description);
    P_io(g, r->ethnicity_id);
    P_io(g, r->nationality_id);
    P_io(g, r->second_nationality_id);
    P_io(g, r->immigration_status_id);
    P_io(g, r->religion_id);
    P_io(g, r->sexual_orientation_id);
    P_io(g, r->language_id);
    P_s(g, r->language_concerns);
    P_ynv(g, r->interpreter_required);
    P_s(g, r->telephone_number);
    P_s(g, r->mobile_number);
    P_s(g, r->e_mail_address);
    P_ynv(g, r->allow_sms);
    P_i(g, r->current_disposal);
    P_s(g, r->current_remand_status);
    P_io(g, r->current_tier);
    P_num(g, r->dynamic_rsr_score);
    P_i(g, r->current_exclusion);
    P_i(g, r->current_restriction);
    P_s(g, r->exclusion_message);
    P_s(g, r->restriction_message);
    P_s(g, r->current_highest_risk_colour);
    P_s(g, r->offender_details);
    P_i(g, r->partition_area_id);
    P_i(g, r->soft_deleted);
    P_i(g, r->row_version);
    P_i(g, r->created_by_user_id);
    P_tsv(g, r->created_datetime);
    P_i(g, r->last_updated_user_id);
    P_tsv(g, r->last_updated_datetime);
    end_row(g);
}

void sd_put_alias(seeder *g, const struct row_alias *r) {
    begin_row(g, T_ALIAS);
    P_i(g, r->alias_id);
    P_i(g, r->offender_id);
    P_s(g, r->first_name);
    P_s(g, r->second_name);
    P_s(g, r->third_name);
    P_s(g, r->surname);
    P_day(g, r->date_of_birth_date);
    P_i(g, r->gender_id);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_offender_address(seeder *g, const struct row_offender_address *r) {
    begin_row(g, T_OFFENDER_ADDRESS);
    P_i(g, r->offender_address_id);
    P_i(g, r->offender_id);
    P_i(g, r->address_status_id);
    P_io(g, r->address_type_id);
    P_s(g, r->address_number);
    P_s(g, r->building_name);
    P_s(g, r->street_name);
    P_s(g, r->district);
    P_s(g, r->town_city);
    P_s(g, r->county);
    P_s(g, r->postcode);
    P_s(g, r->telephone_number);
    P_ynv(g, r->no_fixed_abode);
    P_ynv(g, r->type_verified);
    P_s(g, r->notes);
    P_day(g, r->start_date);
    P_day(g, r->end_date);
    P_i(g, r->soft_deleted);
    P_i(g, r->row_version);
    P_i(g, r->created_by_user_id);
    P_tsv(g, r->created_datetime);
    P_i(g, r->last_updated_user_id);
    P_tsv(g, r->last_updated_datetime);
    end_row(g);
}

void sd_put_address_assessment(seeder *g, const struct row_address_assessment *r) {
    begin_row(g, T_ADDRESS_ASSESSMENT);
    P_i(g, r->address_assessment_id);
    P_i(g, r->offender_address_id);
    P_tsv(g, r->assessment_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_address(seeder *g, const struct row_address *r) {
    begin_row(g, T_ADDRESS);
    P_i(g, r->address_id);
    P_s(g, r->building_name);
    P_s(g, r->address_number);
    P_s(g, r->street_name);
    P_s(g, r->district);
    P_s(g, r->town_city);
    P_s(g, r->county);
    P_s(g, r->postcode);
    P_s(g, r->telephone_number);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_disability(seeder *g, const struct row_disability *r) {
    begin_row(g, T_DISABILITY);
    P_i(g, r->disability_id);
    P_i(g, r->offender_id);
    P_i(g, r->disability_type_id);
    P_io(g, r->disability_condition_id);
    P_day(g, r->start_date);
    P_day(g, r->finish_date);
    P_s(g, r->notes);
    P_tsv(g, r->last_updated_datetime);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_provision(seeder *g, const struct row_provision *r) {
    begin_row(g, T_PROVISION);
    P_i(g, r->provision_id);
    P_i(g, r->offender_id);
    P_i(g, r->provision_type_id);
    P_io(g, r->provision_category_id);
    P_day(g, r->start_date);
    P_day(g, r->finish_date);
    P_s(g, r->notes);
    P_tsv(g, r->last_updated_datetime);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_personal_circumstance(seeder *g, const struct row_personal_circumstance *r) {
    begin_row(g, T_PERSONAL_CIRCUMSTANCE);
    P_i(g, r->personal_circumstance_id);
    P_i(g, r->offender_id);
    P_i(g, r->circumstance_type_id);
    P_io(g, r->circumstance_sub_type_id);
    P_s(g, r->notes);
    P_day(g, r->start_date);
    P_day(g, r->end_date);
    P_ynv(g, r->evidenced);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_personal_contact(seeder *g, const struct row_personal_contact *r) {
    begin_row(g, T_PERSONAL_CONTACT);
    P_i(g, r->personal_contact_id);
    P_i(g, r->offender_id);
    P_s(g, r->relationship);
    P_i(g, r->relationship_type_id);
    P_s(g, r->first_name);
    P_s(g, r->other_names);
    P_s(g, r->surname);
    P_s(g, r->mobile_number);
    P_io(g, r->address_id);
    P_day(g, r->start_date);
    P_day(g, r->end_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_exclusion(seeder *g, const struct row_exclusion *r) {
    begin_row(g, T_EXCLUSION);
    P_i(g, r->exclusion_id);
    P_i(g, r->offender_id);
    P_i(g, r->user_id);
    P_tsv(g, r->exclusion_date);
    P_tsv(g, r->exclusion_end_time);
    end_row(g);
}

void sd_put_restriction(seeder *g, const struct row_restriction *r) {
    begin_row(g, T_RESTRICTION);
    P_i(g, r->restriction_id);
    P_i(g, r->offender_id);
    P_i(g, r->user_id);
    P_tsv(g, r->restriction_time);
    P_tsv(g, r->restriction_end_time);
    end_row(g);
}

void sd_put_offender_manager(seeder *g, const struct row_offender_manager *r) {
    begin_row(g, T_OFFENDER_MANAGER);
    P_i(g, r->offender_manager_id);
    P_i(g, r->offender_id);
    P_i(g, r->allocation_staff_id);
    P_i(g, r->team_id);
    P_i(g, r->probation_area_id);
    P_i(g, r->staff_employee_id);
    P_i(g, r->trust_provider_flag);
    P_s(g, r->officer_code);
    P_io(g, r->provider_employee_id);
    P_io(g, r->provider_team_id);
    P_io(g, r->trust_provider_team_id);
    P_i(g, r->partition_area_id);
    P_i(g, r->allocation_reason_id);
    P_tsv(g, r->allocation_date);
    P_day(g, r->end_date);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_prison_offender_manager(seeder *g, const struct row_prison_offender_manager *r) {
    begin_row(g, T_PRISON_OFFENDER_MANAGER);
    P_i(g, r->prison_offender_manager_id);
    P_i(g, r->offender_id);
    P_i(g, r->allocation_staff_id);
    P_i(g, r->allocation_team_id);
    P_i(g, r->probation_area_id);
    P_io(g, r->allocation_reason_id);
    P_tsv(g, r->allocation_date);
    P_tsv(g, r->end_date);
    P_s(g, r->telephone_number);
    P_s(g, r->email_address);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    P_i(g, r->row_version);
    P_i(g, r->created_by_user_id);
    P_tsv(g, r->created_datetime);
    P_i(g, r->last_updated_user_id);
    P_tsv(g, r->last_updated_datetime);
    end_row(g);
}

void sd_put_responsible_officer(seeder *g, const struct row_responsible_officer *r) {
    begin_row(g, T_RESPONSIBLE_OFFICER);
    P_i(g, r->responsible_officer_id);
    P_i(g, r->offender_id);
    P_io(g, r->offender_manager_id);
    P_io(g, r->prison_offender_manager_id);
    P_tsv(g, r->start_date);
    P_tsv(g, r->end_date);
    end_row(g);
}

void sd_put_management_tier(seeder *g, const struct row_management_tier *r) {
    begin_row(g, T_MANAGEMENT_TIER);
    P_i(g, r->offender_id);
    P_i(g, r->tier_id);
    P_tsv(g, r->date_changed);
    P_i(g, r->tier_change_reason_id);
    P_tsv(g, r->end_date);
    P_i(g, r->partition_area_id);
    P_i(g, r->soft_deleted);
    P_i(g, r->row_version);
    P_i(g, r->created_by_user_id);
    P_tsv(g, r->created_datetime);
    P_i(g, r->last_updated_user_id);
    P_tsv(g, r->last_updated_datetime);
    end_row(g);
}

void sd_put_event(seeder *g, const struct row_event *r) {
    begin_row(g, T_EVENT);
    P_i(g, r->event_id);
    P_i(g, r->offender_id);
    P_s(g, r->event_number);
    P_day(g, r->referral_date);
    P_day(g, r->conviction_date);
    P_i(g, r->in_breach);
    P_day(g, r->breach_end);
    P_i(g, r->ftc_count);
    P_io(g, r->court_id);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    P_i(g, r->row_version);
    P_i(g, r->created_by_user_id);
    P_tsv(g, r->created_datetime);
    P_i(g, r->last_updated_user_id);
    P_tsv(g, r->last_updated_datetime);
    end_row(g);
}

void sd_put_disposal(seeder *g, const struct row_disposal *r) {
    begin_row(g, T_DISPOSAL);
    P_i(g, r->disposal_id);
    P_i(g, r->event_id);
    P_i(g, r->disposal_type_id);
    P_day(g, r->disposal_date);
    P_tsv(g, r->notional_end_date);
    P_day(g, r->entered_notional_end_date);
    P_day(g, r->termination_date);
    P_io(g, r->disposal_termination_reason_id);
    P_i(g, r->entry_length);
    P_i(g, r->entry_length_units_id);
    P_int(g, r->length_2);
    P_io(g, r->entry_length_2_units_id);
    P_i(g, r->length);
    P_int(g, r->effective_length);
    P_int(g, r->length_in_days);
    P_i(g, r->upw);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_custody(seeder *g, const struct row_custody *r) {
    begin_row(g, T_CUSTODY);
    P_i(g, r->custody_id);
    P_i(g, r->disposal_id);
    P_i(g, r->custodial_status_id);
    P_s(g, r->prisoner_number);
    P_i(g, r->institution_id);
    P_s(g, r->establishment);
    P_day(g, r->pss_start_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_key_date(seeder *g, const struct row_key_date *r) {
    begin_row(g, T_KEY_DATE);
    P_i(g, r->key_date_id);
    P_i(g, r->custody_id);
    P_i(g, r->key_date_type_id);
    P_day(g, r->key_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_release(seeder *g, const struct row_release *r) {
    begin_row(g, T_RELEASE);
    P_i(g, r->release_id);
    P_i(g, r->custody_id);
    P_tsv(g, r->actual_release_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_main_offence(seeder *g, const struct row_main_offence *r) {
    begin_row(g, T_MAIN_OFFENCE);
    P_i(g, r->main_offence_id);
    P_i(g, r->event_id);
    P_i(g, r->offender_id);
    P_i(g, r->offence_id);
    P_day(g, r->offence_date);
    P_i(g, r->offence_count);
    P_int(g, r->tics);
    P_s(g, r->verdict);
    P_tsv(g, r->created_datetime);
    P_tsv(g, r->last_updated_datetime);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_additional_offence(seeder *g, const struct row_additional_offence *r) {
    begin_row(g, T_ADDITIONAL_OFFENCE);
    P_i(g, r->additional_offence_id);
    P_i(g, r->event_id);
    P_i(g, r->offence_id);
    P_day(g, r->offence_date);
    P_i(g, r->offence_count);
    P_tsv(g, r->created_datetime);
    P_tsv(g, r->last_updated_datetime);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_additional_sentence(seeder *g, const struct row_additional_sentence *r) {
    begin_row(g, T_ADDITIONAL_SENTENCE);
    P_i(g, r->additional_sentence_id);
    P_i(g, r->event_id);
    P_i(g, r->additional_sentence_type_id);
    P_num(g, r->amount);
    P_int(g, r->length);
    P_s(g, r->notes);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_rqmnt(seeder *g, const struct row_rqmnt *r) {
    begin_row(g, T_RQMNT);
    P_i(g, r->rqmnt_id);
    P_i(g, r->disposal_id);
    P_s(g, r->rqmnt_notes);
    P_day(g, r->commencement_date);
    P_day(g, r->start_date);
    P_day(g, r->termination_date);
    P_day(g, r->expected_start_date);
    P_day(g, r->expected_end_date);
    P_io(g, r->rqmnt_type_main_category_id);
    P_io(g, r->rqmnt_type_sub_category_id);
    P_io(g, r->ad_rqmnt_type_main_category_id);
    P_io(g, r->ad_rqmnt_type_sub_category_id);
    P_io(g, r->rqmnt_termination_reason_id);
    P_i(g, r->length);
    P_int(g, r->rar_count);
    P_tsv(g, r->created_datetime);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_lic_condition(seeder *g, const struct row_lic_condition *r) {
    begin_row(g, T_LIC_CONDITION);
    P_i(g, r->lic_condition_id);
    P_i(g, r->disposal_id);
    P_day(g, r->start_date);
    P_day(g, r->commencement_date);
    P_s(g, r->commencement_notes);
    P_day(g, r->termination_date);
    P_s(g, r->termination_notes);
    P_io(g, r->lic_cond_type_main_cat_id);
    P_io(g, r->lic_cond_type_sub_cat_id);
    P_s(g, r->lic_condition_notes);
    P_tsv(g, r->created_datetime);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_pss_rqmnt(seeder *g, const struct row_pss_rqmnt *r) {
    begin_row(g, T_PSS_RQMNT);
    P_i(g, r->pss_rqmnt_id);
    P_i(g, r->custody_id);
    P_io(g, r->pss_rqmnt_type_main_cat_id);
    P_io(g, r->pss_rqmnt_type_sub_cat_id);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_upw_details(seeder *g, const struct row_upw_details *r) {
    begin_row(g, T_UPW_DETAILS);
    P_i(g, r->upw_details_id);
    P_i(g, r->disposal_id);
    P_i(g, r->upw_length_minutes);
    P_i(g, r->upw_status_id);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_upw_appointment(seeder *g, const struct row_upw_appointment *r) {
    begin_row(g, T_UPW_APPOINTMENT);
    P_i(g, r->upw_appointment_id);
    P_i(g, r->upw_details_id);
    P_i(g, r->upw_project_id);
    P_day(g, r->appointment_date);
    P_int(g, r->minutes_credited);
    P_ynv(g, r->attended);
    P_ynv(g, r->complied);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_order_manager(seeder *g, const struct row_order_manager *r) {
    begin_row(g, T_ORDER_MANAGER);
    P_i(g, r->order_manager_id);
    P_i(g, r->event_id);
    P_i(g, r->allocation_staff_id);
    P_io(g, r->allocation_team_id);
    P_i(g, r->probation_area_id);
    P_tsv(g, r->allocation_date);
    P_tsv(g, r->end_date);
    P_io(g, r->allocation_reason_id);
    P_io(g, r->provider_employee_id);
    P_io(g, r->provider_team_id);
    P_io(g, r->transfer_reason_id);
    P_i(g, r->staff_employee_id);
    P_i(g, r->trust_provider_flag);
    P_io(g, r->trust_provider_team_id);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_court_appearance(seeder *g, const struct row_court_appearance *r) {
    begin_row(g, T_COURT_APPEARANCE);
    P_i(g, r->court_appearance_id);
    P_i(g, r->event_id);
    P_i(g, r->offender_id);
    P_i(g, r->court_id);
    P_tsv(g, r->appearance_date);
    P_i(g, r->appearance_type_id);
    P_io(g, r->outcome_id);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_court_report(seeder *g, const struct row_court_report *r) {
    begin_row(g, T_COURT_REPORT);
    P_i(g, r->court_report_id);
    P_i(g, r->offender_id);
    P_i(g, r->court_appearance_id);
    P_io(g, r->court_report_type_id);
    P_io(g, r->delivered_court_report_type_id);
    P_tsv(g, r->date_requested);
    P_tsv(g, r->date_required);
    P_tsv(g, r->allocation_date);
    P_tsv(g, r->completed_date);
    P_tsv(g, r->sent_to_court_date);
    P_tsv(g, r->received_by_court_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_report_manager(seeder *g, const struct row_report_manager *r) {
    begin_row(g, T_REPORT_MANAGER);
    P_i(g, r->report_manager_id);
    P_i(g, r->court_report_id);
    P_io(g, r->staff_id);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_nsi(seeder *g, const struct row_nsi *r) {
    begin_row(g, T_NSI);
    P_i(g, r->nsi_id);
    P_i(g, r->offender_id);
    P_io(g, r->event_id);
    P_i(g, r->nsi_type_id);
    P_io(g, r->nsi_sub_type_id);
    P_i(g, r->nsi_status_id);
    P_tsv(g, r->nsi_status_date);
    P_io(g, r->nsi_outcome_id);
    P_day(g, r->referral_date);
    P_day(g, r->actual_start_date);
    P_day(g, r->expected_start_date);
    P_day(g, r->actual_end_date);
    P_day(g, r->expected_end_date);
    P_io(g, r->rqmnt_id);
    P_int(g, r->length);
    P_s(g, r->notes);
    P_s(g, r->external_reference);
    P_io(g, r->intended_provider_id);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_nsi_manager(seeder *g, const struct row_nsi_manager *r) {
    begin_row(g, T_NSI_MANAGER);
    P_i(g, r->nsi_manager_id);
    P_i(g, r->nsi_id);
    P_i(g, r->staff_id);
    P_i(g, r->team_id);
    P_i(g, r->probation_area_id);
    P_tsv(g, r->start_date);
    P_tsv(g, r->end_date);
    P_i(g, r->active_flag);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_registration(seeder *g, const struct row_registration *r) {
    begin_row(g, T_REGISTRATION);
    P_i(g, r->registration_id);
    P_i(g, r->offender_id);
    P_i(g, r->register_type_id);
    P_io(g, r->register_level_id);
    P_io(g, r->register_category_id);
    P_day(g, r->registration_date);
    P_day(g, r->next_review_date);
    P_s(g, r->registration_notes);
    P_i(g, r->registering_team_id);
    P_i(g, r->registering_staff_id);
    P_i(g, r->deregistered);
    P_tsv(g, r->created_datetime);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_deregistration(seeder *g, const struct row_deregistration *r) {
    begin_row(g, T_DEREGISTRATION);
    P_i(g, r->deregistration_id);
    P_i(g, r->registration_id);
    P_day(g, r->deregistration_date);
    P_i(g, r->deregistering_team_id);
    P_i(g, r->deregistering_staff_id);
    P_s(g, r->deregistering_notes);
    P_tsv(g, r->created_datetime);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_oasys_assessment(seeder *g, const struct row_oasys_assessment *r) {
    begin_row(g, T_OASYS_ASSESSMENT);
    P_i(g, r->oasys_assessment_id);
    P_i(g, r->offender_id);
    P_day(g, r->assessment_date);
    P_int(g, r->ogrs_score_2);
    P_tsv(g, r->last_updated_datetime);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_ogrs_assessment(seeder *g, const struct row_ogrs_assessment *r) {
    begin_row(g, T_OGRS_ASSESSMENT);
    P_i(g, r->ogrs_assessment_id);
    P_i(g, r->event_id);
    P_day(g, r->assessment_date);
    P_int(g, r->ogrs3_score_2);
    P_tsv(g, r->last_updated_datetime);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_contact(seeder *g, const struct row_contact *r) {
    begin_row(g, T_CONTACT);
    P_i(g, r->contact_id);
    P_i(g, r->offender_id);
    P_io(g, r->event_id);
    P_i(g, r->contact_type_id);
    P_day(g, r->contact_date);
    P_tsv(g, r->contact_start_time);
    P_io(g, r->contact_outcome_type_id);
    P_int(g, r->enforcement);
    P_ynv(g, r->attended);
    P_ynv(g, r->complied);
    P_s(g, r->notes);
    P_i(g, r->staff_id);
    P_i(g, r->team_id);
    P_i(g, r->probation_area_id);
    P_i(g, r->staff_employee_id);
    P_io(g, r->trust_provider_team_id);
    P_i(g, r->trust_provider_flag);
    P_s(g, r->external_reference);
    P_s(g, r->sensitive);
    P_ynv(g, r->document_linked);
    P_i(g, r->partition_area_id);
    P_i(g, r->soft_deleted);
    P_i(g, r->row_version);
    P_i(g, r->created_by_user_id);
    P_tsv(g, r->created_datetime);
    P_i(g, r->last_updated_user_id);
    P_tsv(g, r->last_updated_datetime);
    end_row(g);
}

void sd_put_approved_premises_referral(seeder *g, const struct row_approved_premises_referral *r) {
    begin_row(g, T_APPROVED_PREMISES_REFERRAL);
    P_i(g, r->approved_premises_referral_id);
    P_i(g, r->offender_id);
    P_i(g, r->event_id);
    P_day(g, r->referral_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_referral(seeder *g, const struct row_referral *r) {
    begin_row(g, T_REFERRAL);
    P_i(g, r->referral_id);
    P_i(g, r->offender_id);
    P_i(g, r->event_id);
    P_i(g, r->referral_type_id);
    P_day(g, r->referral_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_assessment(seeder *g, const struct row_assessment *r) {
    begin_row(g, T_ASSESSMENT);
    P_i(g, r->assessment_id);
    P_i(g, r->offender_id);
    P_i(g, r->assessment_type_id);
    P_io(g, r->referral_id);
    P_day(g, r->assessment_date);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_case_allocation(seeder *g, const struct row_case_allocation *r) {
    begin_row(g, T_CASE_ALLOCATION);
    P_i(g, r->case_allocation_id);
    P_i(g, r->offender_id);
    P_i(g, r->event_id);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_institutional_report(seeder *g, const struct row_institutional_report *r) {
    begin_row(g, T_INSTITUTIONAL_REPORT);
    P_i(g, r->institutional_report_id);
    P_i(g, r->offender_id);
    P_i(g, r->custody_id);
    P_i(g, r->institution_id);
    P_s(g, r->establishment);
    P_i(g, r->institution_report_type_id);
    P_day(g, r->date_requested);
    P_day(g, r->date_required);
    P_tsv(g, r->date_completed);
    P_i(g, r->soft_deleted);
    end_row(g);
}

void sd_put_document(seeder *g, const struct row_document *r) {
    begin_row(g, T_DOCUMENT);
    P_i(g, r->document_id);
    P_i(g, r->offender_id);
    P_s(g, r->alfresco_document_id);
    P_i(g, r->primary_key_id);
    P_s(g, r->table_name);
    P_s(g, r->document_name);
    P_s(g, r->document_type);
    P_tsv(g, r->date_produced);
    P_s(g, r->external_reference);
    P_tsv(g, r->last_saved);
    P_s(g, r->status);
    P_i(g, r->sensitive);
    P_i(g, r->partition_area_id);
    P_i(g, r->soft_deleted);
    P_i(g, r->row_version);
    P_io(g, r->created_by_user_id);
    P_tsv(g, r->created_datetime);
    P_i(g, r->last_updated_user_id);
    end_row(g);
}
