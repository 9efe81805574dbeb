/*
 * reference.c - the seed's reference data: the code sets and R_ tables the generated rows point at,
 * loaded once from the migrated database (the migrations' reference rows), and the fixed lists of
 * fictional text. A code the APIs' logic depends on that is missing fails the seed with a message
 * naming it ("run `deliusd migrate`").
 */
#include <stdlib.h>
#include <string.h>

#include "db/seed/seed_internal.h"
#include "delius/codes.h"

const char *const SD_KEY_CODES[9] = {"ACR", "LED", "HDE", "PED", "SED", "EXP", "PSSED", "POM1", "POM2"};

/* Names and other fictional text */
const char *const SD_FORENAMES[36] = {
    "Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Jamie", "Robin", "Charlie", "Riley", "Avery", "Quinn",
    "Harper", "Rowan", "Emerson", "Finley", "Hayden", "Jesse", "Kendall", "Logan", "Parker", "Reese", "Sidney",
    "Skyler", "Dakota", "Elliot", "Frankie", "Jody", "Kit", "Lee", "Max", "Noel", "Pat", "Ray", "Toby", "Val"};
const char *const SD_SURNAMES[24] = {
    "Testperson", "Example",   "Sampleton", "Fakeham",    "Placeholder", "Mockridge", "Dummyford", "Fictional",
    "Specimen",   "Demoson",   "Seedling",  "Trialby",    "Imaginary",   "Notreal",   "Madeupson", "Testington",
    "Exampleby",  "Samplewood", "Mockley",  "Fauxbridge", "Pretendale",  "Stubbings", "Fixturely", "Synthetica"};
const char *const SD_STREETS[8] = {"Test Street", "Example Road", "Sample Lane", "Placeholder Avenue",
                                   "Mock Close",  "Fixture Way",  "Demo Crescent", "Specimen Drive"};
const char *const SD_TOWNS[6] = {"Testville", "Exampleton", "Sampleford", "Mockbury", "Demoford", "Fakesby"};
const char *const SD_COUNTIES[3] = {"Testshire", "Exampleshire", "Mockshire"};
const char *const SD_RELATIONSHIPS[7] = {"Doctor", "Mother", "Father", "Partner", "Friend", "Employer", "Solicitor"};

static void refs_free(refs *r) {
    for (int i = 0; i < r->n; i++) {
        free(r->v[i].code);
        free(r->v[i].a1);
        free(r->v[i].a2);
    }
    free(r->v);
    r->v = NULL;
    r->n = 0;
}

static void refs_add(refs *r, int64_t id, const char *code, const char *a1, const char *a2) {
    r->v = sd_xrealloc(r->v, (size_t)(r->n + 1) * sizeof *r->v);
    refrow *x = &r->v[r->n++];
    x->id = id;
    x->code = sd_xstrdup(code ? code : "");
    x->a1 = sd_xstrdup(a1 ? a1 : "");
    x->a2 = sd_xstrdup(a2 ? a2 : "");
}

/* sql selects (id, code[, a1[, a2]]), optionally with one text parameter */
static void load_sql(seeder *g, refs *r, const char *what, const char *sql, const char *arg) {
    r->what = what;
    if (g->failed) return;
    db_stmt *s = db_query(g->c, sql);
    if (!s) {
        sd_fail(g, "cannot read reference data %s: %s", what, db_errmsg(g->c));
        return;
    }
    if (arg) db_bind_text(s, 1, arg);
    int rc;
    while ((rc = db_step(s)) == 1) {
        int nc = db_col_count(s); /* known after the first step on every backend */
        refs_add(r, db_col_int(s, 0), db_col_text(s, 1), nc > 2 ? db_col_text(s, 2) : NULL,
                 nc > 3 ? db_col_text(s, 3) : NULL);
    }
    db_done(s);
    if (rc < 0) sd_fail(g, "cannot read reference data %s: %s", what, db_errmsg(g->c));
}

static void load_set(seeder *g, refs *r, const char *set) {
    load_sql(g, r, set,
             "SELECT L.STANDARD_REFERENCE_LIST_ID, L.CODE_VALUE, L.CODE_DESCRIPTION FROM R_STANDARD_REFERENCE_LIST L"
             " JOIN R_REFERENCE_DATA_MASTER M ON M.REFERENCE_DATA_MASTER_ID = L.REFERENCE_DATA_MASTER_ID"
             " WHERE M.CODE_SET_NAME = ? ORDER BY L.STANDARD_REFERENCE_LIST_ID",
             set);
    r->what = set;
}

static void need(seeder *g, const refs *r) {
    if (!g->failed && r->n == 0) sd_fail(g, "reference data missing: no rows for %s (run `deliusd migrate`)", r->what);
}

int64_t sd_ref_code(const refs *r, const char *code) {
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].code, code)) return r->v[i].id;
    return 0;
}

static int64_t need_code(seeder *g, const refs *r, const char *code) {
    int64_t id = sd_ref_code(r, code);
    if (!id && !g->failed) sd_fail(g, "reference data missing: %s code %s (run `deliusd migrate`)", r->what, code);
    return id;
}

/* rows of r whose code starts with prefix (ids kept) */
static void refs_filter(refs *out, const refs *in, const char *prefix, const char *what) {
    out->what = what;
    size_t n = strlen(prefix);
    for (int i = 0; i < in->n; i++)
        if (!strncmp(in->v[i].code, prefix, n)) refs_add(out, in->v[i].id, in->v[i].code, in->v[i].a1, in->v[i].a2);
}

static void refs_codes(refs *out, const refs *in, const char *const *codes, const char *what) {
    out->what = what;
    for (const char *const *c = codes; *c; c++) {
        int64_t id = sd_ref_code(in, *c);
        if (id) refs_add(out, id, *c, NULL, NULL);
    }
}

void sd_load_reference(seeder *g) {
    load_set(g, &g->gender, "GENDER");
    load_set(g, &g->gender_identity, "GENDER IDENTITY");
    load_set(g, &g->ethnicity, "ETHNICITY");
    load_set(g, &g->language, "LANGUAGE");
    load_set(g, &g->nationality, "NATIONALITY");
    load_set(g, &g->religion, "RELIGION");
    load_set(g, &g->sexual_orientation, "SEXUAL ORIENTATION");
    load_set(g, &g->immigration_status, "IMMIGRATION STATUS");
    load_set(g, &g->title, "TITLE");
    load_set(g, &g->disability_type, "DISABILITY TYPE");
    load_set(g, &g->disability_condition, "DISABILITY CONDITION");
    load_set(g, &g->provision_type, "DISABILITY PROVISION");
    load_set(g, &g->provision_category, "DISABILITY PROVISION CATEGORY");
    load_set(g, &g->relationship, "RELATIONSHIP");
    load_set(g, &g->register_level, "REGISTER LEVEL");
    load_set(g, &g->register_category, "REGISTER CATEGORY");
    load_set(g, &g->nsi_outcome, "NSI OUTCOME");
    load_set(g, &g->nsi_sub_type, "NSI SUB TYPE");
    load_set(g, &g->address_status, "ADDRESS STATUS");
    load_set(g, &g->address_type, "ADDRESS TYPE");
    load_set(g, &g->allocation_reason, "OM ALLOCATION REASON");
    load_set(g, &g->officer_grade, "OFFICER GRADE");
    load_set(g, &g->court_type, "COURT TYPE");
    load_set(g, &g->appearance_type, "COURT APPEARANCE TYPE");
    load_set(g, &g->appearance_outcome, "COURT APPEARANCE OUTCOME");
    load_set(g, &g->key_date_type, "KEY DATE TYPE");
    load_set(g, &g->custodial_status, "CUSTODIAL STATUS");
    load_set(g, &g->units, "UNITS");
    load_set(g, &g->termination_reason, "DISPOSAL TERMINATION REASON");
    load_set(g, &g->rqmnt_sub, "REQUIREMENT SUB CATEGORY");
    load_set(g, &g->ad_rqmnt_sub, "ADDITIONAL REQUIREMENT SUB CATEGORY");
    load_set(g, &g->rqmnt_termination, "REQUIREMENT TERMINATION REASON");
    load_set(g, &g->lic_sub, "LICENCE CONDITION SUB CATEGORY");
    load_set(g, &g->additional_sentence, "ADDITIONAL SENTENCE");
    load_set(g, &g->upw_status, "UPW STATUS");
    load_set(g, &g->inst_report_type, "INSTITUTIONAL REPORT TYPE");
    load_set(g, &g->tier, "TIER");
    load_set(g, &g->tier_change_reason, "TIER CHANGE REASON");

    load_sql(
        g, &g->contact_type, "R_CONTACT_TYPE (non-attendance)",
        "SELECT CONTACT_TYPE_ID, CODE, SENSITIVE_CONTACT FROM R_CONTACT_TYPE WHERE NOT (ATTENDANCE_CONTACT = 'Y'"
        " AND NATIONAL_STANDARDS_CONTACT = 'Y') AND CODE NOT IN ('ETCH20', 'EASU', 'C294') ORDER BY CONTACT_TYPE_ID",
        NULL);
    load_sql(g, &g->attendance_type, "R_CONTACT_TYPE (attendance)",
             "SELECT CONTACT_TYPE_ID, CODE FROM R_CONTACT_TYPE WHERE ATTENDANCE_CONTACT = 'Y'"
             " AND NATIONAL_STANDARDS_CONTACT = 'Y' ORDER BY CONTACT_TYPE_ID",
             NULL);
    load_sql(g, &g->outcome_type, "R_CONTACT_OUTCOME_TYPE",
             "SELECT CONTACT_OUTCOME_TYPE_ID, CODE FROM R_CONTACT_OUTCOME_TYPE ORDER BY CONTACT_OUTCOME_TYPE_ID", NULL);
    load_sql(g, &g->disposal_custodial, "R_DISPOSAL_TYPE (custodial: SENTENCE_TYPE SC or NC)",
             "SELECT DISPOSAL_TYPE_ID, SENTENCE_TYPE FROM R_DISPOSAL_TYPE WHERE SENTENCE_TYPE IN ('SC', 'NC')"
             " ORDER BY DISPOSAL_TYPE_ID",
             NULL);
    load_sql(g, &g->disposal_community, "R_DISPOSAL_TYPE (community)",
             "SELECT DISPOSAL_TYPE_ID, COALESCE(SENTENCE_TYPE, '') FROM R_DISPOSAL_TYPE WHERE SENTENCE_TYPE IS NULL"
             " OR SENTENCE_TYPE NOT IN ('SC', 'NC') ORDER BY DISPOSAL_TYPE_ID",
             NULL);
    load_sql(
        g, &g->rqmnt_main, "R_RQMNT_TYPE_MAIN_CATEGORY",
        "SELECT RQMNT_TYPE_MAIN_CATEGORY_ID, CODE FROM R_RQMNT_TYPE_MAIN_CATEGORY ORDER BY RQMNT_TYPE_MAIN_CATEGORY_ID",
        NULL);
    load_sql(g, &g->ad_rqmnt_main, "R_AD_RQMNT_TYPE_MAIN_CATEGORY",
             "SELECT AD_RQMNT_TYPE_MAIN_CATEGORY_ID, CODE FROM R_AD_RQMNT_TYPE_MAIN_CATEGORY"
             " ORDER BY AD_RQMNT_TYPE_MAIN_CATEGORY_ID",
             NULL);
    load_sql(g, &g->pss_main, "R_PSS_RQMNT_TYPE_MAIN_CATEGORY",
             "SELECT PSS_RQMNT_TYPE_MAIN_CATEGORY_ID, CODE FROM R_PSS_RQMNT_TYPE_MAIN_CATEGORY"
             " ORDER BY PSS_RQMNT_TYPE_MAIN_CATEGORY_ID",
             NULL);
    load_sql(g, &g->pss_sub, "R_PSS_RQMNT_TYPE_SUB_CATEGORY",
             "SELECT PSS_RQMNT_TYPE_SUB_CATEGORY_ID, CODE FROM R_PSS_RQMNT_TYPE_SUB_CATEGORY"
             " ORDER BY PSS_RQMNT_TYPE_SUB_CATEGORY_ID",
             NULL);
    load_sql(g, &g->lic_main, "R_LIC_COND_TYPE_MAIN_CAT",
             "SELECT LIC_COND_TYPE_MAIN_CAT_ID, CODE FROM R_LIC_COND_TYPE_MAIN_CAT ORDER BY LIC_COND_TYPE_MAIN_CAT_ID",
             NULL);
    load_sql(g, &g->nsi_type, "R_NSI_TYPE", "SELECT NSI_TYPE_ID, CODE FROM R_NSI_TYPE ORDER BY NSI_TYPE_ID", NULL);
    load_sql(g, &g->nsi_status, "R_NSI_STATUS", "SELECT NSI_STATUS_ID, CODE FROM R_NSI_STATUS ORDER BY NSI_STATUS_ID",
             NULL);
    load_sql(g, &g->register_type, "R_REGISTER_TYPE",
             "SELECT REGISTER_TYPE_ID, CODE, COALESCE(COLOUR, ''), COALESCE(REGISTER_REVIEW_PERIOD, 0)"
             " FROM R_REGISTER_TYPE ORDER BY REGISTER_TYPE_ID",
             NULL);
    load_sql(g, &g->offence, "R_OFFENCE", "SELECT OFFENCE_ID, CODE FROM R_OFFENCE ORDER BY OFFENCE_ID", NULL);
    load_sql(g, &g->court_report_type, "R_COURT_REPORT_TYPE",
             "SELECT COURT_REPORT_TYPE_ID, CODE FROM R_COURT_REPORT_TYPE ORDER BY COURT_REPORT_TYPE_ID", NULL);
    load_sql(g, &g->institution, "R_INSTITUTION",
             "SELECT INSTITUTION_ID, CODE, ESTABLISHMENT FROM R_INSTITUTION ORDER BY INSTITUTION_ID, ESTABLISHMENT",
             NULL);
    load_sql(g, &g->circ_type, "R_CIRCUMSTANCE_TYPE",
             "SELECT CIRCUMSTANCE_TYPE_ID, CODE_VALUE FROM R_CIRCUMSTANCE_TYPE ORDER BY CIRCUMSTANCE_TYPE_ID", NULL);
    load_sql(
        g, &g->circ_sub, "R_CIRCUMSTANCE_SUB_TYPE",
        "SELECT CIRCUMSTANCE_SUB_TYPE_ID, CODE_VALUE FROM R_CIRCUMSTANCE_SUB_TYPE ORDER BY CIRCUMSTANCE_SUB_TYPE_ID",
        NULL);
    load_sql(g, &g->assessment_type, "R_ASSESSMENT_TYPE",
             "SELECT ASSESSMENT_TYPE_ID, CODE FROM R_ASSESSMENT_TYPE ORDER BY ASSESSMENT_TYPE_ID", NULL);
    load_sql(g, &g->referral_type, "R_REFERRAL_TYPE",
             "SELECT REFERRAL_TYPE_ID, CODE FROM R_REFERRAL_TYPE ORDER BY REFERRAL_TYPE_ID", NULL);
    load_sql(g, &g->transfer_reason, "R_TRANSFER_REASON",
             "SELECT TRANSFER_REASON_ID, CODE FROM R_TRANSFER_REASON ORDER BY TRANSFER_REASON_ID", NULL);
    if (g->failed) return;

    /* NOT NULL columns need at least one code */
    const refs *required[] = {&g->gender, &g->disability_type, &g->provision_type, &g->relationship,
                              &g->address_status, &g->allocation_reason, &g->court_type, &g->appearance_type,
                              &g->key_date_type, &g->custodial_status, &g->additional_sentence, &g->upw_status,
                              &g->inst_report_type, &g->tier, &g->tier_change_reason, &g->contact_type,
                              &g->attendance_type, &g->disposal_custodial, &g->disposal_community, &g->nsi_type,
                              &g->nsi_status, &g->register_type, &g->offence, &g->circ_type, &g->institution,
                              &g->assessment_type, &g->referral_type, &g->rqmnt_main, &g->units};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++) need(g, required[i]);

    /* codes the APIs' logic depends on */
    g->id_addr_main = need_code(g, &g->address_status, "M");
    g->id_addr_prev = sd_ref_code(&g->address_status, "P");
    g->id_addr_sec = sd_ref_code(&g->address_status, "S");
    g->id_app_sentence = need_code(g, &g->appearance_type, "S");
    g->id_out_psr = need_code(g, &g->appearance_outcome, "101");
    g->id_cust_in = need_code(g, &g->custodial_status, "A");
    g->id_cust_licence = need_code(g, &g->custodial_status, "B");
    g->id_units_months = need_code(g, &g->units, "M");
    g->id_units_days = sd_ref_code(&g->units, "D");
    g->id_units_hours = sd_ref_code(&g->units, "H");
    g->id_rqmnt_upw = need_code(g, &g->rqmnt_main, "W");
    g->id_rqmnt_rar = need_code(g, &g->rqmnt_main, "F");
    g->id_nsi_breach = need_code(g, &g->nsi_type, "BRE");
    g->id_nsi_recall = need_code(g, &g->nsi_type, "REC");
    g->id_register_mappa = need_code(g, &g->register_type, DL_REGISTER_TYPE_MAPPA);
    g->id_lang_english = sd_ref_code(&g->language, "001");
    static const char *lv[3] = {"M1", "M2", "M3"}, *ct[4] = {"M1", "M2", "M3", "M4"};
    for (int i = 0; i < 3; i++) g->id_lvl[i] = need_code(g, &g->register_level, lv[i]);
    for (int i = 0; i < 4; i++) g->id_cat[i] = need_code(g, &g->register_category, ct[i]);
    for (int i = 0; i < 9; i++) g->id_key[i] = need_code(g, &g->key_date_type, SD_KEY_CODES[i]);
    static const char *bre[] = {DL_BREACH_ENFORCEMENT_OUTCOMES(DL_CODE_STR, DL_COMMA), NULL};
    static const char *recall[] = {DL_RECALL_ENFORCEMENT_OUTCOMES(DL_CODE_STR, DL_COMMA), NULL};
    static const char *reject[] = {"REC03", "REC04", "REC05", NULL};
    static const char *rst[] = {"REC01", "REC02", "REC03", "REC04", "REC05", "REC06",
                                "REC07", "REC08", "REC09", "REC10", NULL};
    refs_codes(&g->bre_outcomes, &g->nsi_outcome, bre, "NSI OUTCOME BRE..");
    refs_codes(&g->rec_recall, &g->nsi_outcome, recall, "NSI OUTCOME REC01/REC02");
    refs_codes(&g->rec_reject, &g->nsi_outcome, reject, "NSI OUTCOME REC03..REC05");
    refs_codes(&g->rec_status, &g->nsi_status, rst, "R_NSI_STATUS REC..");
    need(g, &g->bre_outcomes);
    need(g, &g->rec_recall);
    need(g, &g->rec_reject);
    need(g, &g->rec_status);
    refs_filter(&g->tiers_u, &g->tier, "U", "TIER U..");
    need(g, &g->tiers_u);
}

void sd_free_reference(seeder *g) {
    refs *all[] = {&g->gender, &g->gender_identity, &g->ethnicity, &g->language, &g->nationality, &g->religion,
                   &g->sexual_orientation, &g->immigration_status, &g->title, &g->disability_type,
                   &g->disability_condition, &g->provision_type, &g->provision_category, &g->relationship,
                   &g->register_level, &g->register_category, &g->nsi_outcome, &g->nsi_sub_type, &g->address_status,
                   &g->address_type, &g->allocation_reason, &g->officer_grade, &g->court_type, &g->appearance_type,
                   &g->appearance_outcome, &g->key_date_type, &g->custodial_status, &g->units,
                   &g->termination_reason, &g->rqmnt_sub, &g->ad_rqmnt_sub, &g->rqmnt_termination, &g->lic_sub,
                   &g->additional_sentence, &g->upw_status, &g->inst_report_type, &g->tier, &g->tier_change_reason,
                   &g->contact_type, &g->attendance_type, &g->outcome_type, &g->disposal_custodial,
                   &g->disposal_community, &g->rqmnt_main, &g->ad_rqmnt_main, &g->pss_main, &g->pss_sub, &g->lic_main,
                   &g->nsi_type, &g->nsi_status, &g->register_type, &g->offence, &g->court_report_type,
                   &g->institution, &g->circ_type, &g->circ_sub, &g->assessment_type, &g->referral_type,
                   &g->transfer_reason, &g->bre_outcomes, &g->rec_recall, &g->rec_reject, &g->rec_status,
                   &g->tiers_u};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) refs_free(all[i]);
}
