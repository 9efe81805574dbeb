/*
 * seed.c - deterministic synthetic demo data (`deliusd seed`), see seed.h.
 *
 * What it writes
 *   Organisation rows (once): 6 community probation areas S01..S06 and 2 prison areas SP1, SP2,
 *   each with boroughs, districts, teams, staff (4 named officers + one unallocated `…U` officer per
 *   team), the tier placeholders `{AREA}UTSO` / `{AREA}UTS` (delius-schema §12.2), provider
 *   employees and teams, OFFICER rows, courts and unpaid-work projects; one USER_ per staff member
 *   (DISTINGUISHED_NAME `SeedUser001`, `SeedUser002`, … in staff order) and the loader user
 *   `SeedDataLoader` (CREATED_BY / LAST_UPDATED of every seeded row). Organisation rows take ids
 *   from SEED_ORG_BASE (1,000,000) up: the migrations' reference rows stay below it.
 *   People: OFFENDER rows with CRNs `[A-Z][0-9]{6}` derived from the person number p = 1..N
 *   (letter 'A' + (p / 1000000) % 26, digits p % 1000000: A000001, A000002, …), and everything the
 *   three APIs read about them (events, sentences, custody, requirements, unpaid work, NSIs,
 *   registrations, addresses, contacts, documents, limited access, …). Person-level ids start at
 *   MAX(id) + 1 of each table (1 on a fresh database).
 *
 * Fixed examples (independent of --random-seed; p is the person number):
 *   p % 100 ==  7  excluded: EXCLUSION of SeedUser001 (no end) [+ SeedUser002 ending 2031]   A000007
 *   p % 100 == 13  restricted: RESTRICTION allowing SeedUser003 (no end) and SeedUser004      A000013
 *   p % 100 == 29  excluded (SeedUser001) and restricted (allowing SeedUser003)              A000029
 *   p % 100 == 41  only expired exclusion and restriction (ended 2024): flags 0, no message  A000041
 *   p % 100 == 53  exclusion of SeedUser002 starting in the future (2030, no end): in force  A000053
 *   p % 250 == 97  soft-deleted person                                                       A000097
 *   CURRENT_EXCLUSION / CURRENT_RESTRICTION and EXCLUSION_MESSAGE / RESTRICTION_MESSAGE are set
 *   exactly when an exclusion / restriction is in force (end null or after 2030).
 *
 * Dates
 *   Nothing stored depends on the clock. Data is laid out around the reference day 2026-01-01
 *   (REF): histories before it, things that are still running end in 2030 or later (or never), ended
 *   things ended before 2025-06. Timestamps CREATED_DATETIME etc. derive from the row's own dates.
 *   Breach NSIs of events still in breach have referral dates from REF-180 to REF+700 days, so the
 *   tier "previous enforcement activity" rule (referral within the last 365 days) holds for many
 *   people for a couple of years; pin DELIUSD_TODAY=2026-01-01 for exact expectations.
 *
 * Determinism
 *   Each person draws from its own xoshiro256** stream seeded from (random_seed, p), and ids are
 *   assigned in a fixed order, so the same seed gives the same rows on any backend.
 *
 * Existing data and --force
 *   Without force, a database whose OFFENDER table has rows is refused. Otherwise the seed first
 *   deletes every row of the person-level tables (OFFENDER and all tables hanging off it, CONTACT,
 *   DOCUMENT, …) and the organisation rows of an earlier seed (ids >= SEED_ORG_BASE), then seeds as
 *   into a fresh database: `seed --force` replaces seeded data, it does not append.
 *
 * Speed
 *   Rows are buffered per table and written with multi-row INSERT statements (prepared once,
 *   reused through db_query), parents before children, every FLUSH_PEOPLE people; one transaction
 *   per BATCH_PEOPLE people. On SQLite the seed runs with synchronous=OFF and foreign_keys=OFF
 *   (both restored afterwards; the tests check PRAGMA foreign_key_check on the result); on
 *   PostgreSQL with session_replication_role=replica when the role is allowed to (skips the per-row
 *   foreign-key triggers); otherwise (an ordinary role) the foreign-key constraints of the loaded
 *   tables are dropped and re-created from pg_get_constraintdef after the load (one validation pass
 *   each), the whole seed then being one transaction so that any failure restores them. Measured on the 2-core dev machine: 1,000,000
 *   people (32.5M rows) into SQLite in 68-82 s wall (about 60 s CPU), peak RSS about 100 MB,
 *   a 3.7 GB file; PostgreSQL about 2,800 people/s as superuser (about 1,000/s with triggers). Afterwards DELIUSD_SEQUENCE CONTACT_ID_SEQ and
 *   DOCUMENT_ID_SEQ are raised above the largest ids.
 */
#include "seed.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/timeutil.h"

#define SEED_ORG_BASE 1000000
#define BATCH_PEOPLE 10000
#define FLUSH_PEOPLE 1000
#define MAX_PARAMS 999
#define MAX_MULTI 64
#define NODATE INT32_MIN

/* ------------------------------------------------------------------------------------------ */
/* Tables, in foreign-key order (parents first). */

enum {
    T_ORGANISATION, T_PROBATION_AREA, T_BOROUGH, T_DISTRICT, T_LOCAL_DELIVERY_UNIT, T_TEAM, T_STAFF,
    T_STAFF_TEAM, T_USER, T_PROVIDER_EMPLOYEE, T_OFFICER, T_EXTERNAL_PROVIDER, T_PROVIDER_TEAM, T_COURT,
    T_UPW_PROJECT,
    T_FIRST_PERSON_TABLE,
    T_OFFENDER = T_FIRST_PERSON_TABLE, T_ALIAS, T_OFFENDER_ADDRESS, T_ADDRESS_ASSESSMENT, T_ADDRESS,
    T_DISABILITY, T_PROVISION, T_PERSONAL_CIRCUMSTANCE, T_PERSONAL_CONTACT, T_EXCLUSION, T_RESTRICTION,
    T_OFFENDER_MANAGER, T_PRISON_OFFENDER_MANAGER, T_RESPONSIBLE_OFFICER, T_MANAGEMENT_TIER, T_EVENT,
    T_DISPOSAL, T_CUSTODY, T_KEY_DATE, T_RELEASE, T_MAIN_OFFENCE, T_ADDITIONAL_OFFENCE,
    T_ADDITIONAL_SENTENCE, T_RQMNT, T_LIC_CONDITION, T_PSS_RQMNT, T_UPW_DETAILS, T_UPW_APPOINTMENT,
    T_ORDER_MANAGER, T_COURT_APPEARANCE, T_COURT_REPORT, T_REPORT_MANAGER, T_NSI, T_NSI_MANAGER,
    T_REGISTRATION, T_DEREGISTRATION, T_OASYS_ASSESSMENT, T_OGRS_ASSESSMENT, T_CONTACT,
    T_APPROVED_PREMISES_REFERRAL, T_REFERRAL, T_ASSESSMENT, T_CASE_ALLOCATION, T_INSTITUTIONAL_REPORT,
    T_DOCUMENT,
    T_COUNT
};

/* name, columns (the first is the integer id unless idless) */
static const struct tdef {
    const char *name;
    const char *cols;
    bool idless;
} TDEF[T_COUNT] = {
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
    [T_ADDRESS_ASSESSMENT] = {"ADDRESS_ASSESSMENT", "ADDRESS_ASSESSMENT_ID,OFFENDER_ADDRESS_ID,ASSESSMENT_DATE,SOFT_DELETED",
                              false},
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
    [T_UPW_DETAILS] = {"UPW_DETAILS", "UPW_DETAILS_ID,DISPOSAL_ID,UPW_LENGTH_MINUTES,UPW_STATUS_ID,SOFT_DELETED", false},
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

/* ------------------------------------------------------------------------------------------ */
/* Row buffers */

enum { V_NULL, V_INT, V_DBL, V_TEXT };
typedef struct {
    int64_t i;
    double d;
    uint32_t off;
    uint8_t kind;
} val;

typedef struct {
    const char *name;
    int ncols;
    int multi;               /* rows per multi-row INSERT */
    int nsizes;              /* statement sizes, descending: multi, 16, 4, 1 (those <= multi) */
    int sizes[4];
    char *sql[4];            /* INSERT … VALUES (?,…),(?,…)… with sizes[k] tuples */
    val *vals;
    size_t nvals, capvals;
    char *text;
    size_t ntext, captext;
    size_t row_start;
    int64_t next_id;
    uint64_t rows; /* written in total */
} tbuf;

/* ------------------------------------------------------------------------------------------ */
/* PRNG: splitmix64 to seed xoshiro256** */

typedef struct {
    uint64_t s[4];
} rng;

static uint64_t splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void rng_seed(rng *r, uint64_t seed, uint64_t stream) {
    uint64_t x = seed * 0xd1342543de82ef95ULL + stream * 0x9e3779b97f4a7c15ULL + 0x2545f4914f6cdd1dULL;
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&x);
}

static inline uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rnd(rng *r) {
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* uniform in [0, n), n > 0 */
static int rbelow(rng *r, int n) { return (int)(((rnd(r) >> 32) * (uint64_t)n) >> 32); }
/* uniform in [lo, hi] */
static int rrange(rng *r, int lo, int hi) { return lo + rbelow(r, hi - lo + 1); }
/* true with probability pct/100 */
static bool pct(rng *r, int p) { return rbelow(r, 100) < p; }
/* true with probability pm/1000 */
static bool pml(rng *r, int p) { return rbelow(r, 1000) < p; }

/* ------------------------------------------------------------------------------------------ */
/* Dates: days since 1970-01-01 */

static int days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int z, int *yy, int *mm, int *dd) {
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    *yy = y + (m <= 2);
    *mm = m;
    *dd = d;
}

static void put2(char *p, int v) {
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

/* "YYYY-MM-DD" into out[11] */
static void fmt_date(char *out, int day) {
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    put2(out + 5, m);
    out[7] = '-';
    put2(out + 8, d);
    out[10] = 0;
}

/* "YYYY-MM-DDTHH:MM:SS" into out[20] */
static void fmt_ts(char *out, int day, int secs) {
    fmt_date(out, day);
    out[10] = 'T';
    put2(out + 11, secs / 3600 % 24);
    out[13] = ':';
    put2(out + 14, secs / 60 % 60);
    out[16] = ':';
    put2(out + 17, secs % 60);
    out[19] = 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Reference data, loaded by code at the start */

typedef struct {
    int64_t id;
    char *code;
    char *a1; /* extra attribute (description, flag, colour, establishment …) */
    char *a2;
} refrow;

typedef struct {
    refrow *v;
    int n;
    const char *what; /* for messages */
} refs;

/* ------------------------------------------------------------------------------------------ */
/* Organisation as generated */

#define N_COMM_AREAS 6
#define N_PRISON_AREAS 2
#define N_AREAS (N_COMM_AREAS + N_PRISON_AREAS)
#define MAX_TEAMS_PER_AREA 8
#define STAFF_PER_TEAM 4

typedef struct {
    int64_t id;
    char code[8];
    int64_t staff[STAFF_PER_TEAM];
    int64_t unalloc; /* staff id of the `…U` officer, 0 for prison teams */
    char staff_code[STAFF_PER_TEAM][8];
    char unalloc_code[8];
} team_t;

typedef struct {
    int64_t id;
    char code[4];
    bool prison;
    int nteams;
    team_t teams[MAX_TEAMS_PER_AREA];
    int64_t uts_team, utso_staff;
    int64_t provider_team;
    int64_t provider_emp[2];
    int64_t courts[2];
    int64_t projects[3];
} area_t;

typedef struct {
    db_conn *c;
    const seed_opts *o;
    char *err;
    size_t errlen;
    bool failed;
    tbuf t[T_COUNT];
    tbuf *cur;
    /* organisation */
    area_t areas[N_AREAS];
    int64_t loader_user;
    int64_t user_base; /* USER_ id of staff k = user_base + k */
    int64_t staff_base;
    int nstaff;
    /* reference data */
    refs gender, gender_identity, ethnicity, language, nationality, religion, sexual_orientation, immigration_status,
        title, disability_type, disability_condition, provision_type, provision_category, relationship, register_level,
        register_category, nsi_outcome, nsi_sub_type, address_status, address_type, allocation_reason, officer_grade,
        court_type, appearance_type, appearance_outcome, key_date_type, custodial_status, units, termination_reason,
        rqmnt_sub, ad_rqmnt_sub, rqmnt_termination, lic_sub, additional_sentence, upw_status, inst_report_type, tier,
        tier_change_reason;
    refs contact_type, attendance_type, outcome_type, disposal_custodial, disposal_community, rqmnt_main, ad_rqmnt_main,
        pss_main, pss_sub, lic_main, nsi_type, nsi_status, register_type, offence, court_report_type, institution,
        circ_type, circ_sub, assessment_type, referral_type, transfer_reason;
    int64_t id_rqmnt_upw, id_rqmnt_rar, id_nsi_breach, id_nsi_recall;
    int64_t id_addr_main, id_addr_prev, id_addr_sec, id_app_sentence, id_out_psr, id_cust_in, id_cust_licence,
        id_units_months, id_units_hours, id_units_days, id_register_mappa, id_lvl[3], id_cat[4];
    int64_t id_key[9];
    refs bre_outcomes, rec_recall, rec_reject, rec_status, tiers_u;
    int64_t id_lang_english;
    /* progress */
    uint64_t t0, last_progress;
    long done;
} seeder;

static const char *KEY_CODES[9] = {"ACR", "LED", "HDE", "PED", "SED", "EXP", "PSSED", "POM1", "POM2"};

/* ------------------------------------------------------------------------------------------ */
/* Errors */

static void fail(seeder *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(seeder *g, const char *fmt, ...) {
    if (g->failed) return;
    g->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(g->err, g->errlen, fmt, ap);
    va_end(ap);
}

/* snprintf into a fixed field (not the builtin, so no truncation analysis on short codes) */
static void fmt(char *dst, size_t n, const char *f, ...) __attribute__((format(printf, 3, 4), noinline));
static void fmt(char *dst, size_t n, const char *f, ...) {
    va_list ap;
    va_start(ap, f);
    vsnprintf(dst, n, f, ap);
    va_end(ap);
}

static void *xrealloc(void *p, size_t n) {
    void *q = realloc(p, n);
    if (!q) {
        fputs("deliusd seed: out of memory\n", stderr);
        abort();
    }
    return q;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = xrealloc(NULL, n);
    memcpy(p, s, n);
    return p;
}

/* ------------------------------------------------------------------------------------------ */
/* Buffer set-up and row building */

static void tbuf_init(tbuf *t, const struct tdef *d) {
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
        char *sql = t->sql[k] = xrealloc(NULL, head + tuple * (size_t)rows);
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

static void tbuf_free(tbuf *t) {
    for (int k = 0; k < t->nsizes; k++) free(t->sql[k]);
    free(t->vals);
    free(t->text);
}

static void row(seeder *g, int tid) {
    g->cur = &g->t[tid];
    g->cur->row_start = g->cur->nvals;
}

static inline val *pv(seeder *g) {
    tbuf *t = g->cur;
    if (t->nvals == t->capvals) {
        t->capvals = t->capvals ? t->capvals * 2 : 1024;
        t->vals = xrealloc(t->vals, t->capvals * sizeof *t->vals);
    }
    return &t->vals[t->nvals++];
}

static void P_n(seeder *g) { pv(g)->kind = V_NULL; }
static void P_i(seeder *g, int64_t v) {
    val *x = pv(g);
    x->kind = V_INT;
    x->i = v;
}
/* optional id: 0 = NULL */
static void P_io(seeder *g, int64_t v) {
    if (v) P_i(g, v);
    else P_n(g);
}
static void P_d(seeder *g, double v) {
    val *x = pv(g);
    x->kind = V_DBL;
    x->d = v;
}
static void P_sn(seeder *g, const char *s, size_t n) {
    tbuf *t = g->cur;
    if (t->ntext + n + 1 > t->captext) {
        while (t->ntext + n + 1 > t->captext) t->captext = t->captext ? t->captext * 2 : 8192;
        t->text = xrealloc(t->text, t->captext);
    }
    memcpy(t->text + t->ntext, s, n);
    t->text[t->ntext + n] = 0;
    val *x = pv(g);
    x->kind = V_TEXT;
    x->off = (uint32_t)t->ntext;
    t->ntext += n + 1;
}
static void P_s(seeder *g, const char *s) {
    if (!s) P_n(g);
    else P_sn(g, s, strlen(s));
}
static void P_f(seeder *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void P_f(seeder *g, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof buf) n = (int)sizeof buf - 1;
    P_sn(g, buf, (size_t)n);
}
static void P_date(seeder *g, int day) {
    if (day == NODATE) return P_n(g);
    char b[12];
    fmt_date(b, day);
    P_sn(g, b, 10);
}
static void P_ts(seeder *g, int day, int secs) {
    if (day == NODATE) return P_n(g);
    char b[20];
    fmt_ts(b, day, secs);
    P_sn(g, b, 19);
}
/* Y/N flag: 1 = Y, 0 = N, -1 = NULL */
static void P_yn(seeder *g, int v) {
    if (v < 0) P_n(g);
    else P_sn(g, v ? "Y" : "N", 1);
}

static void end_row(seeder *g) {
    tbuf *t = g->cur;
    if (t->nvals - t->row_start != (size_t)t->ncols) {
        fprintf(stderr, "deliusd seed: internal error: %s row has %zu values for %d columns\n", t->name,
                t->nvals - t->row_start, t->ncols);
        abort();
    }
}

static int64_t new_id(seeder *g, int tid) { return g->t[tid].next_id++; }

/* ------------------------------------------------------------------------------------------ */
/* Flushing */

static int exec_rows(seeder *g, tbuf *t, const char *sql, size_t first_row, int rows) {
    db_stmt *s = db_query(g->c, sql);
    if (!s) {
        fail(g, "cannot prepare insert into %s: %s", t->name, db_errmsg(g->c));
        return -1;
    }
    const val *v = t->vals + first_row * (size_t)t->ncols;
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
        fail(g, "insert into %s failed: %s", t->name, db_errmsg(g->c));
        return -1;
    }
    return 0;
}

static int flush_table(seeder *g, tbuf *t) {
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

static int flush_all(seeder *g) {
    for (int i = 0; i < T_COUNT && !g->failed; i++) flush_table(g, &g->t[i]);
    return g->failed ? -1 : 0;
}

static uint64_t total_rows(const seeder *g) {
    uint64_t n = 0;
    for (int i = 0; i < T_COUNT; i++) n += g->t[i].rows;
    return n;
}

/* ------------------------------------------------------------------------------------------ */
/* Small query helpers */

static int64_t scalar(seeder *g, const char *sql, const char *arg) {
    db_stmt *s = db_query(g->c, sql);
    if (!s) {
        fail(g, "query failed: %s", db_errmsg(g->c));
        return -1;
    }
    if (arg) db_bind_text(s, 1, arg);
    int rc = db_step(s);
    int64_t v = rc == 1 ? db_col_int(s, 0) : 0;
    db_done(s);
    if (rc < 0) {
        fail(g, "query failed: %s", db_errmsg(g->c));
        return -1;
    }
    return v;
}

static int run(seeder *g, const char *sql) {
    if (g->failed) return -1;
    if (db_exec(g->c, sql) != 0) {
        fail(g, "%s failed: %s", sql, db_errmsg(g->c));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Reference data loading */

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
    r->v = xrealloc(r->v, (size_t)(r->n + 1) * sizeof *r->v);
    refrow *x = &r->v[r->n++];
    x->id = id;
    x->code = xstrdup(code ? code : "");
    x->a1 = xstrdup(a1 ? a1 : "");
    x->a2 = xstrdup(a2 ? a2 : "");
}

/* sql selects (id, code[, a1[, a2]]), optionally with one text parameter */
static void load_sql(seeder *g, refs *r, const char *what, const char *sql, const char *arg) {
    r->what = what;
    if (g->failed) return;
    db_stmt *s = db_query(g->c, sql);
    if (!s) {
        fail(g, "cannot read reference data %s: %s", what, db_errmsg(g->c));
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
    if (rc < 0) fail(g, "cannot read reference data %s: %s", what, db_errmsg(g->c));
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
    if (!g->failed && r->n == 0) fail(g, "reference data missing: no rows for %s (run `deliusd migrate`)", r->what);
}

static int64_t ref_code(const refs *r, const char *code) {
    for (int i = 0; i < r->n; i++)
        if (!strcmp(r->v[i].code, code)) return r->v[i].id;
    return 0;
}

static int64_t need_code(seeder *g, const refs *r, const char *code) {
    int64_t id = ref_code(r, code);
    if (!id && !g->failed) fail(g, "reference data missing: %s code %s (run `deliusd migrate`)", r->what, code);
    return id;
}

/* random id of the set, 0 when empty */
static int64_t pick(rng *x, const refs *r) { return r->n ? r->v[rbelow(x, r->n)].id : 0; }
static const refrow *pickrow(rng *x, const refs *r) { return r->n ? &r->v[rbelow(x, r->n)] : NULL; }

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
        int64_t id = ref_code(in, *c);
        if (id) refs_add(out, id, *c, NULL, NULL);
    }
}

static void load_reference(seeder *g) {
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

    load_sql(g, &g->contact_type, "R_CONTACT_TYPE (non-attendance)",
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
    load_sql(g, &g->rqmnt_main, "R_RQMNT_TYPE_MAIN_CATEGORY",
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
             "SELECT INSTITUTION_ID, CODE, ESTABLISHMENT FROM R_INSTITUTION ORDER BY INSTITUTION_ID, ESTABLISHMENT", NULL);
    load_sql(g, &g->circ_type, "R_CIRCUMSTANCE_TYPE",
             "SELECT CIRCUMSTANCE_TYPE_ID, CODE_VALUE FROM R_CIRCUMSTANCE_TYPE ORDER BY CIRCUMSTANCE_TYPE_ID", NULL);
    load_sql(g, &g->circ_sub, "R_CIRCUMSTANCE_SUB_TYPE",
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
    g->id_addr_prev = ref_code(&g->address_status, "P");
    g->id_addr_sec = ref_code(&g->address_status, "S");
    g->id_app_sentence = need_code(g, &g->appearance_type, "S");
    g->id_out_psr = need_code(g, &g->appearance_outcome, "101");
    g->id_cust_in = need_code(g, &g->custodial_status, "A");
    g->id_cust_licence = need_code(g, &g->custodial_status, "B");
    g->id_units_months = need_code(g, &g->units, "M");
    g->id_units_days = ref_code(&g->units, "D");
    g->id_units_hours = ref_code(&g->units, "H");
    g->id_rqmnt_upw = need_code(g, &g->rqmnt_main, "W");
    g->id_rqmnt_rar = need_code(g, &g->rqmnt_main, "F");
    g->id_nsi_breach = need_code(g, &g->nsi_type, "BRE");
    g->id_nsi_recall = need_code(g, &g->nsi_type, "REC");
    g->id_register_mappa = need_code(g, &g->register_type, "MAPPA");
    g->id_lang_english = ref_code(&g->language, "001");
    static const char *lv[3] = {"M1", "M2", "M3"}, *ct[4] = {"M1", "M2", "M3", "M4"};
    for (int i = 0; i < 3; i++) g->id_lvl[i] = need_code(g, &g->register_level, lv[i]);
    for (int i = 0; i < 4; i++) g->id_cat[i] = need_code(g, &g->register_category, ct[i]);
    for (int i = 0; i < 9; i++) g->id_key[i] = need_code(g, &g->key_date_type, KEY_CODES[i]);
    static const char *bre[] = {"BRE01", "BRE02", "BRE03", "BRE04", "BRE05", "BRE06", "BRE07",
                                "BRE08", "BRE10", "BRE13", "BRE14", "BRE16", NULL};
    static const char *recall[] = {"REC01", "REC02", NULL}, *reject[] = {"REC03", "REC04", "REC05", NULL};
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

static void free_reference(seeder *g) {
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

/* ------------------------------------------------------------------------------------------ */
/* Names and other fictional text */

static const char *const FORENAMES[] = {
    "Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Jamie", "Robin", "Charlie", "Riley", "Avery", "Quinn",
    "Harper", "Rowan", "Emerson", "Finley", "Hayden", "Jesse", "Kendall", "Logan", "Parker", "Reese", "Sidney",
    "Skyler", "Dakota", "Elliot", "Frankie", "Jody", "Kit", "Lee", "Max", "Noel", "Pat", "Ray", "Toby", "Val"};
static const char *const SURNAMES[] = {
    "Testperson", "Example",   "Sampleton", "Fakeham",    "Placeholder", "Mockridge", "Dummyford", "Fictional",
    "Specimen",   "Demoson",   "Seedling",  "Trialby",    "Imaginary",   "Notreal",   "Madeupson", "Testington",
    "Exampleby",  "Samplewood", "Mockley",  "Fauxbridge", "Pretendale",  "Stubbings", "Fixturely", "Synthetica"};
static const char *const STREETS[] = {"Test Street", "Example Road", "Sample Lane", "Placeholder Avenue",
                                      "Mock Close",  "Fixture Way",  "Demo Crescent", "Specimen Drive"};
static const char *const TOWNS[] = {"Testville", "Exampleton", "Sampleford", "Mockbury", "Demoford", "Fakesby"};
static const char *const COUNTIES[] = {"Testshire", "Exampleshire", "Mockshire"};
static const char *const AREA_NAMES[N_AREAS] = {"Testshire",   "Exampleshire", "Mockshire",          "Sampleshire",
                                                "Demoshire",   "Fakeshire",    "HMP Testmoor (seed)", "HMP Exampleton (seed)"};
static const char *const RELATIONSHIPS[] = {"Doctor", "Mother", "Father", "Partner", "Friend", "Employer", "Solicitor"};

#define NELEM(a) ((int)(sizeof(a) / sizeof *(a)))

static const char *pickstr(rng *r, const char *const *list, int n) { return list[rbelow(r, n)]; }

/* ------------------------------------------------------------------------------------------ */
/* Organisation */

static int64_t insert_staff(seeder *g, rng *r, area_t *a, int64_t team_id, const char *code, const char *fore,
                            const char *sur, bool named) {
    int64_t sid = new_id(g, T_STAFF);
    row(g, T_STAFF);
    P_i(g, sid);
    P_s(g, code);
    P_s(g, fore);
    if (named && pct(r, 30)) P_s(g, pickstr(r, FORENAMES, NELEM(FORENAMES)));
    else P_n(g);
    P_s(g, sur);
    P_io(g, named ? pick(r, &g->officer_grade) : 0);
    P_i(g, a->id);
    end_row(g);
    row(g, T_STAFF_TEAM);
    P_i(g, sid);
    P_i(g, team_id);
    end_row(g);
    row(g, T_OFFICER);
    P_i(g, sid);
    P_i(g, 0);
    P_s(g, fore);
    P_n(g);
    P_s(g, sur);
    end_row(g);
    if (named) {
        g->nstaff++;
        row(g, T_USER);
        P_i(g, new_id(g, T_USER));
        P_f(g, "SeedUser%03d", g->nstaff);
        P_i(g, sid);
        P_s(g, fore);
        P_s(g, sur);
        end_row(g);
    }
    return sid;
}

static void gen_org(seeder *g) {
    rng rr, *r = &rr;
    rng_seed(r, g->o->random_seed, 0);
    int ref0 = days_from_civil(2015, 4, 1);

    /* the loader user: CREATED_BY / LAST_UPDATED of every seeded row */
    g->loader_user = new_id(g, T_USER);
    row(g, T_USER);
    P_i(g, g->loader_user);
    P_s(g, "SeedDataLoader");
    P_n(g);
    P_s(g, "Seed");
    P_s(g, "Loader");
    end_row(g);
    g->user_base = g->loader_user + 1;

    int64_t org = new_id(g, T_ORGANISATION);
    row(g, T_ORGANISATION);
    P_i(g, org);
    P_s(g, "SEEDORG");
    P_s(g, "Seed Probation Service (synthetic data)");
    P_i(g, 1);
    end_row(g);

    int64_t ldu[3];
    static const char *ldu_code[3] = {"SOMU", "SUPW", "SCRT"};
    static const char *ldu_desc[3] = {"Seed Offender Management", "Seed Unpaid Work", "Seed Court Team"};
    for (int i = 0; i < 3; i++) {
        ldu[i] = new_id(g, T_LOCAL_DELIVERY_UNIT);
        row(g, T_LOCAL_DELIVERY_UNIT);
        P_i(g, ldu[i]);
        P_s(g, ldu_code[i]);
        P_s(g, ldu_desc[i]);
        P_yn(g, 1);
        end_row(g);
    }
    int64_t ext = new_id(g, T_EXTERNAL_PROVIDER);
    row(g, T_EXTERNAL_PROVIDER);
    P_i(g, ext);
    P_s(g, "SEP01");
    P_s(g, "Seed Interventions Provider");
    end_row(g);

    for (int ai = 0; ai < N_AREAS; ai++) {
        area_t *a = &g->areas[ai];
        a->prison = ai >= N_COMM_AREAS;
        if (a->prison) fmt(a->code, sizeof a->code, "SP%d", ai - N_COMM_AREAS + 1);
        else fmt(a->code, sizeof a->code, "S%02d", ai + 1);
        a->id = new_id(g, T_PROBATION_AREA);
        const refrow *inst = a->prison ? &g->institution.v[(ai - N_COMM_AREAS + 1) % g->institution.n] : NULL;
        row(g, T_PROBATION_AREA);
        P_i(g, a->id);
        P_s(g, a->code);
        P_s(g, AREA_NAMES[ai]);
        P_i(g, ai == 4 ? 1 : 0); /* one private (CRC-like) area: nps false */
        P_yn(g, a->prison ? 0 : 1);
        P_i(g, org);
        if (inst) {
            P_i(g, inst->id);
            P_s(g, inst->a1);
        } else {
            P_n(g);
            P_n(g);
        }
        end_row(g);

        int nb = a->prison ? 1 : 2;
        int64_t districts[4];
        int nd = 0;
        for (int b = 0; b < nb; b++) {
            int64_t bid = new_id(g, T_BOROUGH);
            row(g, T_BOROUGH);
            P_i(g, bid);
            P_f(g, "%sB%d", a->code, b + 1);
            P_f(g, "%s Borough %d", AREA_NAMES[ai], b + 1);
            P_i(g, a->id);
            P_yn(g, 1);
            end_row(g);
            for (int d = 0; d < 2; d++) {
                int64_t did = new_id(g, T_DISTRICT);
                row(g, T_DISTRICT);
                P_i(g, did);
                P_f(g, "%sD%d%d", a->code, b + 1, d + 1);
                P_f(g, "%s District %d%d", AREA_NAMES[ai], b + 1, d + 1);
                P_i(g, bid);
                P_yn(g, 1);
                end_row(g);
                districts[nd++] = did;
            }
        }
        a->nteams = a->prison ? 2 : MAX_TEAMS_PER_AREA;
        /* the unallocated team and staff of §12.2 */
        a->uts_team = new_id(g, T_TEAM);
        row(g, T_TEAM);
        P_i(g, a->uts_team);
        P_f(g, "%sUTS", a->code);
        P_f(g, "%s Unallocated Team", AREA_NAMES[ai]);
        P_n(g);
        P_n(g);
        P_i(g, a->id);
        P_i(g, districts[0]);
        P_i(g, ldu[0]);
        P_date(g, ref0);
        P_date(g, NODATE);
        P_i(g, 0);
        end_row(g);
        char code[16];
        fmt(code, sizeof code, "%sUTSO", a->code);
        a->utso_staff = insert_staff(g, r, a, a->uts_team, code, "Unallocated", "Staff", false);

        for (int ti = 0; ti < a->nteams; ti++) {
            team_t *t = &a->teams[ti];
            fmt(t->code, sizeof t->code, "%sT%02d", a->code, ti + 1);
            t->id = new_id(g, T_TEAM);
            row(g, T_TEAM);
            P_i(g, t->id);
            P_s(g, t->code);
            P_f(g, "%s Team %d", AREA_NAMES[ai], ti + 1);
            P_f(g, "01632 96%04d", (int)(ai * 100 + ti));
            if (ti % 3 == 1) P_n(g);
            else P_f(g, "team.%s@example.com", t->code);
            P_i(g, a->id);
            P_i(g, districts[ti % nd]);
            if (ti % 4 == 3) P_n(g);
            else P_i(g, ldu[ti % 3]);
            P_date(g, ref0 + ti * 30);
            P_date(g, ti == 6 ? days_from_civil(2031, 3, 31) : NODATE);
            P_i(g, ai == 4 ? 1 : 0);
            end_row(g);
            for (int s = 0; s < STAFF_PER_TEAM; s++) {
                fmt(t->staff_code[s], sizeof t->staff_code[s], "%s%c", t->code, 'A' + s);
                t->staff[s] = insert_staff(g, r, a, t->id, t->staff_code[s], pickstr(r, FORENAMES, NELEM(FORENAMES)),
                                           pickstr(r, SURNAMES, NELEM(SURNAMES)), true);
            }
            fmt(t->unalloc_code, sizeof t->unalloc_code, "%sU", t->code);
            t->unalloc = insert_staff(g, r, a, t->id, t->unalloc_code, "Unallocated", "Staff", false);
        }
        if (a->prison) continue;

        a->provider_team = new_id(g, T_PROVIDER_TEAM);
        row(g, T_PROVIDER_TEAM);
        P_i(g, a->provider_team);
        P_f(g, "%sPT1", a->code);
        P_f(g, "%s Interventions Team", AREA_NAMES[ai]);
        P_i(g, a->id);
        P_i(g, ext);
        end_row(g);
        for (int k = 0; k < 2; k++) {
            const char *f = pickstr(r, FORENAMES, NELEM(FORENAMES)), *s = pickstr(r, SURNAMES, NELEM(SURNAMES));
            const char *f2 = k ? pickstr(r, FORENAMES, NELEM(FORENAMES)) : NULL;
            a->provider_emp[k] = new_id(g, T_PROVIDER_EMPLOYEE);
            row(g, T_PROVIDER_EMPLOYEE);
            P_i(g, a->provider_emp[k]);
            P_s(g, f);
            P_s(g, f2);
            P_s(g, s);
            end_row(g);
            row(g, T_OFFICER);
            P_i(g, a->provider_emp[k]);
            P_i(g, 1);
            P_s(g, f);
            P_s(g, f2);
            P_s(g, s);
            end_row(g);
        }
        for (int k = 0; k < 2; k++) {
            a->courts[k] = new_id(g, T_COURT);
            const char *town = TOWNS[(ai + k) % NELEM(TOWNS)];
            row(g, T_COURT);
            P_i(g, a->courts[k]);
            P_f(g, "%s%s", a->code, k ? "CC" : "MC");
            P_yn(g, 1);
            P_f(g, "%s %s Court", town, k ? "Crown" : "Magistrates'");
            P_f(g, "01632 97%04d", (int)(ai * 10 + k));
            if (k) P_n(g);
            else P_f(g, "01632 98%04d", (int)(ai * 10 + k));
            P_f(g, "%s Court House", town);
            P_s(g, STREETS[ai % NELEM(STREETS)]);
            P_n(g);
            P_s(g, town);
            P_s(g, COUNTIES[ai % NELEM(COUNTIES)]);
            P_f(g, "ZZ%d %dCT", ai + 1, k + 1);
            P_s(g, "England");
            P_io(g, g->court_type.n ? g->court_type.v[k % g->court_type.n].id : 0);
            P_i(g, a->id);
            if (k) P_f(g, "court.%s@example.com", a->code);
            else P_n(g);
            P_ts(g, ref0, 9 * 3600);
            P_ts(g, ref0, 9 * 3600);
            end_row(g);
        }
        static const char *proj[3] = {"Community Garden", "Charity Shop Support", "Graffiti Removal"};
        for (int k = 0; k < 3; k++) {
            a->projects[k] = new_id(g, T_UPW_PROJECT);
            row(g, T_UPW_PROJECT);
            P_i(g, a->projects[k]);
            P_f(g, "Seed %s, %s", proj[k], TOWNS[(ai + k) % NELEM(TOWNS)]);
            end_row(g);
        }
    }
}

/* user id of named staff member k (1-based, SeedUser%03d) */
static int64_t staff_user(seeder *g, int k) { return g->user_base + (k - 1); }

/* ------------------------------------------------------------------------------------------ */
/* People */

static int REF;           /* 2026-01-01, the reference "today" of the data */
static int FAR_END_LO;    /* ends of running things: 2030-01-01 .. */
#define CREATED_SECS (9 * 3600)

typedef struct {
    rng r;
    long p;
    int64_t oid;
    int area;          /* index of the community area */
    int64_t om_staff, om_team, om_area;
    int64_t om_id;     /* active offender manager */
    int64_t loader;
    bool current_disposal, in_custody, had_custody;
    int custody_since;
    int rel_day; /* release day of a licence event, NODATE */
    int64_t pom_id;
} person;

enum { K_PRE, K_COMM, K_COMM_END, K_CUST, K_LIC, K_RECALL, K_CUST_END, K_N };
static const int KIND_WEIGHT[K_N] = {10, 34, 20, 10, 13, 5, 8};

static int pick_kind(rng *r) {
    int x = rbelow(r, 100);
    for (int k = 0; k < K_N; k++) {
        if (x < KIND_WEIGHT[k]) return k;
        x -= KIND_WEIGHT[k];
    }
    return K_COMM;
}

static void alfresco_uuid(rng *r, char out[37]) {
    static const char hex[] = "0123456789abcdef";
    uint64_t a = rnd(r), b = rnd(r);
    int k = 0;
    for (int i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20) out[k++] = '-';
        uint64_t w = i < 16 ? a : b;
        out[k++] = hex[(w >> ((i % 16) * 4)) & 15];
    }
    out[k] = 0;
}

/* a random named staff member of the person's area (team, staff) */
static void area_staff(seeder *g, person *P, int area, int64_t *team, int64_t *staff, const char **code) {
    area_t *a = &g->areas[area];
    team_t *t = &a->teams[rbelow(&P->r, a->nteams)];
    int s = rbelow(&P->r, STAFF_PER_TEAM);
    *team = t->id;
    *staff = t->staff[s];
    if (code) *code = t->staff_code[s];
}

static void document(seeder *g, person *P, const char *table, int64_t pk, const char *type, int day) {
    rng *r = &P->r;
    int64_t id = new_id(g, T_DOCUMENT);
    char uuid[37];
    alfresco_uuid(r, uuid);
    int secs = rrange(r, 8 * 3600, 18 * 3600);
    row(g, T_DOCUMENT);
    P_i(g, id);
    P_i(g, P->oid);
    if (pml(r, 30)) P_n(g);
    else P_s(g, uuid);
    P_i(g, pk);
    P_s(g, table);
    P_f(g, "%s-%" PRId64 ".pdf", !strcmp(type, "DOCUMENT") ? "document" : type, id);
    P_s(g, type);
    P_ts(g, day, secs);
    P_n(g);
    P_ts(g, day + rrange(r, 0, 30), secs);
    P_s(g, "N");
    P_i(g, pct(r, 5));
    P_i(g, 0);
    P_i(g, pml(r, 20));
    P_i(g, 0);
    int64_t author = staff_user(g, rrange(r, 1, g->nstaff));
    if (pct(r, 10)) P_n(g); /* no author: the API falls back to the last updater */
    else P_i(g, author);
    if (pct(r, 5)) P_n(g);
    else P_ts(g, day, secs);
    P_i(g, author);
    end_row(g);
}

/* one contact; returns its id */
static int64_t contact(seeder *g, person *P, int64_t event, int64_t type, int day, int64_t outcome, int enforcement,
                       int attended, int complied, const char *notes, const char *sensitive) {
    rng *r = &P->r;
    int64_t id = new_id(g, T_CONTACT);
    int secs = rrange(r, 9, 16) * 3600;
    secs += 30 * 60 * rbelow(r, 2);
    bool doc = pml(r, 30);
    row(g, T_CONTACT);
    P_i(g, id);
    P_i(g, P->oid);
    P_io(g, event);
    P_i(g, type);
    P_date(g, day);
    P_ts(g, day, secs);
    P_io(g, outcome);
    if (enforcement < 0) P_n(g);
    else P_i(g, enforcement);
    P_yn(g, attended);
    P_yn(g, complied);
    P_s(g, notes);
    P_i(g, P->om_staff);
    P_i(g, P->om_team);
    P_i(g, P->om_area);
    P_i(g, P->om_staff);
    P_n(g);
    P_i(g, 0);
    P_n(g);
    P_s(g, sensitive);
    P_yn(g, doc ? 1 : 0);
    P_i(g, 0);
    P_i(g, pml(r, 10));
    P_i(g, 0);
    P_i(g, P->loader);
    P_ts(g, day < REF ? day : REF - 30, CREATED_SECS);
    P_i(g, P->loader);
    P_ts(g, day < REF ? day : REF - 30, CREATED_SECS);
    end_row(g);
    if (doc) document(g, P, "CONTACT", id, "DOCUMENT", day);
    return id;
}

static int64_t outcome_code(seeder *g, const char *code) { return ref_code(&g->outcome_type, code); }

/* an attendance contact with a realistic outcome; returns 1 when attended */
static int attendance(seeder *g, person *P, int64_t event, int day) {
    rng *r = &P->r;
    int64_t type = pick(r, &g->attendance_type);
    if (day > REF) /* booked in the future: no outcome yet */
        return contact(g, P, event, type, day, 0, -1, -1, -1, "Seeded appointment (booked)", NULL), 0;
    int x = rbelow(r, 100);
    if (x < 60) return contact(g, P, event, type, day, outcome_code(g, "ATTC"), 0, 1, 1, "Attended and complied", NULL), 1;
    if (x < 70) return contact(g, P, event, type, day, outcome_code(g, "AFTC"), 1, 1, 0, "Attended, failed to comply", NULL), 1;
    if (x < 85) return contact(g, P, event, type, day, outcome_code(g, "AFTA"), 1, 0, 0, "Failed to attend", NULL), 0;
    if (x < 95) return contact(g, P, event, type, day, outcome_code(g, pct(r, 50) ? "AACL" : "AAME"), 0, 0, 1, "Acceptable absence", NULL), 0;
    contact(g, P, event, type, day, 0, -1, -1, -1, NULL, NULL); /* no outcome recorded */
    return 0;
}

static void nsi_managers(seeder *g, person *P, int64_t nsi_id, int start, int end, bool active) {
    rng *r = &P->r;
    int n = pct(r, 40) ? 2 : 1;
    int mid = start + (end == NODATE ? 60 : (end - start) / 2);
    for (int k = 0; k < n; k++) {
        bool current = k == n - 1;
        int64_t team, staff;
        area_staff(g, P, P->area, &team, &staff, NULL);
        int s = current && n == 2 ? mid : start;
        int e = !current ? mid : (active ? NODATE : end);
        row(g, T_NSI_MANAGER);
        P_i(g, new_id(g, T_NSI_MANAGER));
        P_i(g, nsi_id);
        P_i(g, staff);
        P_i(g, team);
        P_i(g, g->areas[P->area].id);
        P_ts(g, s, CREATED_SECS);
        P_ts(g, e, 17 * 3600);
        P_i(g, current && active ? 1 : 0);
        P_i(g, pml(r, 15));
        end_row(g);
    }
}

/* kind: 0 breach, 1 recall, 2 rejected recall, 3 other */
static int64_t nsi(seeder *g, person *P, int64_t event, int kind, int referral, bool active, int64_t rqmnt,
                   int64_t outcome, bool deleted) {
    rng *r = &P->r;
    int64_t id = new_id(g, T_NSI), type, status;
    switch (kind) {
    case 0:
        type = g->id_nsi_breach;
        status = ref_code(&g->nsi_status, active ? "BRE02" : "BRE05");
        if (!status) status = pick(r, &g->nsi_status);
        break;
    case 1:
        type = g->id_nsi_recall;
        /* REC06..REC09 when present */
        status = g->rec_status.n >= 9 ? g->rec_status.v[rrange(r, 5, 8)].id : pick(r, &g->rec_status);
        break;
    case 2:
        type = g->id_nsi_recall;
        status = ref_code(&g->nsi_status, pct(r, 50) ? "REC05" : "REC10");
        if (!status) status = pick(r, &g->rec_status);
        break;
    default: {
        const refrow *t;
        do t = pickrow(r, &g->nsi_type);
        while (g->nsi_type.n > 2 && (t->id == g->id_nsi_breach || t->id == g->id_nsi_recall));
        type = t->id;
        status = ref_code(&g->nsi_status, active ? "INPROG" : "COMP");
        if (!status) status = pick(r, &g->nsi_status);
    }
    }
    int end = active ? NODATE : referral + rrange(r, 30, 200);
    row(g, T_NSI);
    P_i(g, id);
    P_i(g, P->oid);
    P_io(g, event);
    P_i(g, type);
    P_io(g, pct(r, 50) ? pick(r, &g->nsi_sub_type) : 0);
    P_i(g, status);
    int status_day = referral + rrange(r, 0, 20);
    P_ts(g, status_day, rrange(r, 9, 17) * 3600);
    P_io(g, outcome);
    P_date(g, referral);
    P_date(g, referral + rrange(r, 1, 14));
    P_date(g, referral + 7);
    P_date(g, end);
    P_date(g, referral + 180);
    P_io(g, rqmnt);
    if (pct(r, 50)) P_i(g, rrange(r, 1, 12));
    else P_n(g);
    if (pct(r, 60)) P_s(g, "Seeded NSI notes.\nSecond line of notes.");
    else P_n(g);
    if (pct(r, 20)) P_f(g, "urn:uk:gov:hmpps:seed:nsi:%" PRId64, id);
    else P_n(g);
    P_io(g, pct(r, 50) ? g->areas[P->area].id : 0);
    P_i(g, active ? 1 : 0);
    P_i(g, deleted ? 1 : 0);
    end_row(g);
    nsi_managers(g, P, id, referral, end, active);
    if (pct(r, 15)) document(g, P, "NSI", id, "DOCUMENT", referral + 3);
    return id;
}

static void court_report(seeder *g, person *P, int64_t appearance, int day, bool completed) {
    rng *r = &P->r;
    int64_t id = new_id(g, T_COURT_REPORT);
    int64_t type = pick(r, &g->court_report_type);
    row(g, T_COURT_REPORT);
    P_i(g, id);
    P_i(g, P->oid);
    P_i(g, appearance);
    P_io(g, type);
    P_io(g, completed ? type : 0);
    P_ts(g, day, 10 * 3600);
    P_ts(g, day + 21, 10 * 3600);
    if (pct(r, 80)) P_ts(g, day + 1, 11 * 3600);
    else P_n(g);
    if (completed) {
        P_ts(g, day + 18, 15 * 3600);
        P_ts(g, day + 19, 9 * 3600);
        P_ts(g, day + 20, 9 * 3600);
    } else {
        P_n(g);
        P_n(g);
        P_n(g);
    }
    P_i(g, pml(r, 20));
    end_row(g);
    int n = pct(r, 20) ? 2 : 1;
    for (int k = 0; k < n; k++) {
        int64_t team, staff;
        area_staff(g, P, P->area, &team, &staff, NULL);
        row(g, T_REPORT_MANAGER);
        P_i(g, new_id(g, T_REPORT_MANAGER));
        P_i(g, id);
        if (pct(r, 5)) P_n(g);
        else P_i(g, staff);
        P_i(g, k == n - 1 ? 1 : 0);
        P_i(g, 0);
        end_row(g);
    }
    if (pct(r, 60)) document(g, P, "COURT_REPORT", id, "DOCUMENT", day + 18);
}

static int64_t court_appearance(seeder *g, person *P, int64_t event, int64_t court, int day, int64_t type,
                                int64_t outcome) {
    int64_t id = new_id(g, T_COURT_APPEARANCE);
    row(g, T_COURT_APPEARANCE);
    P_i(g, id);
    P_i(g, event);
    P_i(g, P->oid);
    P_i(g, court);
    P_ts(g, day, rrange(&P->r, 10, 15) * 3600);
    P_i(g, type);
    P_io(g, outcome);
    P_i(g, pml(&P->r, 15));
    end_row(g);
    return id;
}

static int64_t non_sentence_type(seeder *g, rng *r) {
    for (int k = 0; k < 8; k++) {
        int64_t t = pick(r, &g->appearance_type);
        if (t != g->id_app_sentence) return t;
    }
    return pick(r, &g->appearance_type);
}

static int64_t outcome_not_psr(seeder *g, rng *r) {
    for (int k = 0; k < 8; k++) {
        int64_t t = pick(r, &g->appearance_outcome);
        if (t != g->id_out_psr) return t;
    }
    return 0;
}

static void key_dates(seeder *g, person *P, int64_t custody, int kind, int start, int release) {
    rng *r = &P->r;
    int sed = start + rrange(r, 700, 2600);
    if (kind != K_CUST_END && sed < FAR_END_LO) sed = FAR_END_LO + rrange(r, 0, 1500);
    int vals[9];
    vals[0] = release != NODATE ? release : start + (sed - start) / 2;  /* ACR */
    vals[1] = sed;                                                      /* LED */
    vals[2] = vals[0] - 120;                                            /* HDE */
    vals[3] = start + (sed - start) / 3;                                /* PED */
    vals[4] = sed;                                                      /* SED */
    vals[5] = vals[0];                                                  /* EXP */
    vals[6] = sed + 365;                                                /* PSSED */
    vals[7] = vals[0] - 240;                                            /* POM1 */
    vals[8] = vals[0] - 210;                                            /* POM2 */
    for (int k = 0; k < 9; k++) {
        if (k >= 2 && pct(r, 35)) continue; /* ACR and LED always, the rest sometimes */
        row(g, T_KEY_DATE);
        P_i(g, new_id(g, T_KEY_DATE));
        P_i(g, custody);
        P_i(g, g->id_key[k]);
        P_date(g, vals[k]);
        P_i(g, pml(r, 10));
        end_row(g);
    }
}

static void requirement(seeder *g, person *P, int64_t disposal, int64_t event, int start, int end, bool disp_active,
                        int which, bool *upw, int64_t *first_rqmnt, int projects_area) {
    rng *r = &P->r;
    int64_t id = new_id(g, T_RQMNT);
    if (!*first_rqmnt) *first_rqmnt = id;
    bool deleted = pct(r, 4);
    bool active = disp_active && !pct(r, 12);
    int term = active ? NODATE : (disp_active ? start + rrange(r, 30, (REF - start) > 31 ? REF - start - 1 : 31) : end);
    int64_t main = 0, ad_main = 0;
    int length = 0, rar = -1;
    if (which == 0) main = g->id_rqmnt_upw, length = rrange(r, 40, 300);
    else if (which == 1) main = g->id_rqmnt_rar, length = rrange(r, 10, 40);
    else if (which == 2 && g->ad_rqmnt_main.n) ad_main = pick(r, &g->ad_rqmnt_main), length = rrange(r, 1, 12);
    else {
        do main = pick(r, &g->rqmnt_main);
        while (g->rqmnt_main.n > 2 && (main == g->id_rqmnt_upw || main == g->id_rqmnt_rar));
        length = rrange(r, 1, 24);
    }

    /* RAR: attendance contacts, counted into RAR_COUNT */
    if (which == 1) {
        rar = 0;
        int n = rrange(r, 2, 6);
        for (int k = 0; k < n; k++) {
            int day = start + 14 * (k + 1);
            if (!active && term != NODATE && day > term) break;
            rar += attendance(g, P, event, day);
        }
        if (active && pct(r, 50)) attendance(g, P, event, REF + rrange(r, 3, 400));
    }

    row(g, T_RQMNT);
    P_i(g, id);
    P_i(g, disposal);
    P_s(g, pct(r, 40) ? "" : "Seeded requirement notes");
    P_date(g, start);
    P_date(g, start);
    P_date(g, term);
    P_date(g, start);
    P_date(g, end);
    P_io(g, main);
    P_io(g, main && pct(r, 60) ? pick(r, &g->rqmnt_sub) : 0);
    P_io(g, ad_main);
    P_io(g, ad_main ? pick(r, &g->ad_rqmnt_sub) : 0);
    P_io(g, term != NODATE ? pick(r, &g->rqmnt_termination) : 0);
    P_i(g, length);
    if (rar >= 0) P_i(g, rar);
    else P_n(g);
    P_ts(g, start, CREATED_SECS);
    P_i(g, active ? 1 : 0);
    P_i(g, deleted ? 1 : 0);
    end_row(g);

    if (which == 0 && !deleted) {
        *upw = true;
        int64_t det = new_id(g, T_UPW_DETAILS);
        const char *status = active ? "UIP" : (pct(r, 70) ? "UC" : "UT");
        int64_t st = ref_code(&g->upw_status, status);
        row(g, T_UPW_DETAILS);
        P_i(g, det);
        P_i(g, disposal);
        P_i(g, length * 60);
        P_i(g, st ? st : pick(r, &g->upw_status));
        P_i(g, 0);
        end_row(g);
        area_t *a = &g->areas[projects_area];
        int n = rrange(r, 2, 8);
        for (int k = 0; k < n; k++) {
            int day = start + 7 * (k + 1);
            int att, comp, mins;
            if (day > REF || (!active && term != NODATE && day > term)) att = comp = -1, mins = 0;
            else {
                int x = rbelow(r, 100);
                if (x < 55) att = comp = 1, mins = pct(r, 80) ? 420 : rrange(r, 60, 420);
                else if (x < 70) att = 0, comp = 1, mins = 0;
                else if (x < 85) att = 0, comp = 0, mins = 0;
                else att = comp = -1, mins = 0;
            }
            int64_t appt = new_id(g, T_UPW_APPOINTMENT);
            row(g, T_UPW_APPOINTMENT);
            P_i(g, appt);
            P_i(g, det);
            P_i(g, a->projects[rbelow(r, 3)]);
            P_date(g, day);
            if (att < 0 && comp < 0 && pct(r, 70)) P_n(g);
            else P_i(g, mins);
            P_yn(g, att);
            P_yn(g, comp);
            P_i(g, pml(r, 40));
            end_row(g);
            if (pct(r, 4)) document(g, P, "UPW_APPOINTMENT", appt, "DOCUMENT", day);
        }
    }
}

static void order_managers(seeder *g, person *P, int64_t event, int start, int end, bool active) {
    rng *r = &P->r;
    area_t *a = &g->areas[P->area];
    bool transfer = pct(r, 20);
    int mid = start + (end != NODATE ? (end - start) / 2 : (REF - start) / 2);
    for (int k = transfer ? 0 : 1; k < 2; k++) {
        bool current = k == 1;
        team_t *t = &a->teams[rbelow(r, a->nteams)];
        bool unalloc = pct(r, 6);
        int slot = rbelow(r, STAFF_PER_TEAM);
        int64_t staff = unalloc ? t->unalloc : t->staff[slot];
        bool provider = pct(r, 3);
        row(g, T_ORDER_MANAGER);
        P_i(g, new_id(g, T_ORDER_MANAGER));
        P_i(g, event);
        P_i(g, staff);
        if (pct(r, 5)) P_n(g);
        else P_i(g, t->id);
        P_i(g, a->id);
        P_ts(g, current && transfer ? mid : start, CREATED_SECS);
        P_ts(g, current ? (active ? NODATE : end) : mid, 17 * 3600);
        P_io(g, pick(r, &g->allocation_reason));
        P_io(g, provider ? a->provider_emp[0] : 0);
        P_io(g, provider ? a->provider_team : 0);
        P_io(g, !current ? pick(r, &g->transfer_reason) : 0);
        P_i(g, provider ? a->provider_emp[0] : staff);
        P_i(g, provider ? 1 : 0);
        P_n(g);
        P_i(g, current && active ? 1 : 0);
        P_i(g, 0);
        end_row(g);
    }
}

static void offences(seeder *g, person *P, int64_t event, int referral, bool sentenced) {
    rng *r = &P->r;
    int day = referral - rrange(r, 1, 90);
    row(g, T_MAIN_OFFENCE);
    P_i(g, new_id(g, T_MAIN_OFFENCE));
    P_i(g, event);
    P_i(g, P->oid);
    P_i(g, pick(r, &g->offence));
    P_date(g, day);
    P_i(g, rrange(r, 1, 3));
    if (pct(r, 50)) P_i(g, rrange(r, 0, 4));
    else P_n(g);
    if (sentenced) P_s(g, pct(r, 80) ? "Guilty" : "Guilty plea");
    else P_n(g);
    P_ts(g, referral, CREATED_SECS);
    P_ts(g, referral + rrange(r, 0, 30), CREATED_SECS);
    P_i(g, 0);
    end_row(g);
    int n = pct(r, 25) ? rrange(r, 1, 2) : 0;
    for (int k = 0; k < n; k++) {
        row(g, T_ADDITIONAL_OFFENCE);
        P_i(g, new_id(g, T_ADDITIONAL_OFFENCE));
        P_i(g, event);
        P_i(g, pick(r, &g->offence));
        P_date(g, day - rrange(r, 0, 30));
        P_i(g, 1);
        P_ts(g, referral, CREATED_SECS);
        P_ts(g, referral, CREATED_SECS);
        P_i(g, pml(r, 40));
        end_row(g);
    }
}

static void doc_parents(seeder *g, person *P, int64_t event, int day) {
    rng *r = &P->r;
    if (pct(r, 3)) {
        int64_t id = new_id(g, T_CASE_ALLOCATION);
        row(g, T_CASE_ALLOCATION);
        P_i(g, id);
        P_i(g, P->oid);
        P_i(g, event);
        P_i(g, 0);
        end_row(g);
        document(g, P, "CASE_ALLOCATION", id, "DOCUMENT", day + 2);
    }
    if (pct(r, 4)) {
        int64_t id = new_id(g, T_REFERRAL);
        row(g, T_REFERRAL);
        P_i(g, id);
        P_i(g, P->oid);
        P_i(g, event);
        P_i(g, pick(r, &g->referral_type));
        P_date(g, day + 10);
        P_i(g, 0);
        end_row(g);
        document(g, P, "REFERRAL", id, "DOCUMENT", day + 10);
        if (pct(r, 60)) {
            int64_t as = new_id(g, T_ASSESSMENT);
            row(g, T_ASSESSMENT);
            P_i(g, as);
            P_i(g, P->oid);
            P_i(g, pick(r, &g->assessment_type));
            P_i(g, id);
            P_date(g, day + 20);
            P_i(g, 0);
            end_row(g);
            document(g, P, "ASSESSMENT", as, "DOCUMENT", day + 20);
        }
    }
    if (pct(r, 2)) { /* an assessment without referral: no description */
        int64_t as = new_id(g, T_ASSESSMENT);
        row(g, T_ASSESSMENT);
        P_i(g, as);
        P_i(g, P->oid);
        P_i(g, pick(r, &g->assessment_type));
        P_n(g);
        P_date(g, day + 25);
        P_i(g, 0);
        end_row(g);
        document(g, P, "ASSESSMENT", as, "DOCUMENT", day + 25);
    }
}

static void event(seeder *g, person *P, int number) {
    rng *r = &P->r;
    int kind = pick_kind(r);
    bool deleted = pml(r, 15);
    bool active = kind != K_COMM_END && kind != K_CUST_END;
    bool custodial = kind >= K_CUST;
    bool sentenced = kind != K_PRE;
    int start, len_days, term = NODATE, release = NODATE, recall = NODATE, referral;
    switch (kind) {
    case K_PRE: start = REF - rrange(r, 5, 150); break;
    case K_COMM: start = REF - rrange(r, 30, 1000); break;
    case K_COMM_END: start = REF - rrange(r, 1000, 3600); break;
    case K_CUST: start = REF - rrange(r, 30, 1500); break;
    case K_LIC: start = REF - rrange(r, 400, 2500); break;
    case K_RECALL: start = REF - rrange(r, 500, 2500); break;
    default: start = REF - rrange(r, 2500, 5000); break;
    }
    int months = custodial ? rrange(r, 12, 120) : rrange(r, 6, 36);
    len_days = months * 30 + months / 2;
    if (kind == K_COMM_END) {
        months = rrange(r, 6, 24);
        len_days = months * 30;
        term = start + len_days;
    }
    if (kind == K_CUST_END) term = start + rrange(r, 700, 1500);
    if (kind == K_LIC || kind == K_RECALL) {
        release = start + rrange(r, 90, 380);
        if (kind == K_RECALL) recall = release + rrange(r, 30, 200);
    }
    if (kind == K_CUST_END) release = term - rrange(r, 200, 400);
    referral = kind == K_PRE ? start : start - rrange(r, 14, 120);
    int end = start + len_days;
    if (active && sentenced && end < FAR_END_LO && pct(r, 50)) end = FAR_END_LO + rrange(r, 0, 1800);

    bool in_breach = active && sentenced && kind != K_CUST && pct(r, 15);
    int ftc = in_breach ? rrange(r, 1, 3) : (sentenced && pct(r, 8) ? 1 : 0);
    int breach_end = !in_breach && sentenced && pct(r, 5) ? start + rrange(r, 60, 300) : NODATE;
    area_t *a = &g->areas[P->area];
    int64_t court = a->courts[rbelow(r, 2)];

    int64_t ev = new_id(g, T_EVENT);
    row(g, T_EVENT);
    P_i(g, ev);
    P_i(g, P->oid);
    P_f(g, "%d", number);
    P_date(g, referral);
    if (sentenced) P_date(g, start);
    else if (pct(r, 40)) P_date(g, start);
    else P_n(g);
    P_i(g, in_breach);
    P_date(g, breach_end);
    P_i(g, ftc);
    if (pml(r, 30)) P_n(g);
    else P_i(g, court);
    P_i(g, active ? 1 : 0);
    P_i(g, deleted ? 1 : 0);
    P_i(g, 0);
    P_i(g, P->loader);
    P_ts(g, referral, CREATED_SECS);
    P_i(g, P->loader);
    P_ts(g, referral, CREATED_SECS);
    end_row(g);

    offences(g, P, ev, referral, sentenced);

    /* court appearances (+ a pre-sentence report) */
    if (!sentenced) {
        int d = referral + rrange(r, 1, 10);
        bool psr = pct(r, 60);
        int64_t type = non_sentence_type(g, r);
        int64_t outcome = psr ? g->id_out_psr : outcome_not_psr(g, r);
        int64_t ca = court_appearance(g, P, ev, court, d, type, outcome);
        if (psr) court_report(g, P, ca, d, false);
        if (pct(r, 30)) {
            type = non_sentence_type(g, r);
            outcome = pct(r, 50) ? 0 : outcome_not_psr(g, r);
            court_appearance(g, P, ev, court, d + 28, type, outcome);
        }
    } else {
        if (pct(r, 35)) {
            int d = start - rrange(r, 21, 40);
            int64_t type = non_sentence_type(g, r);
            int64_t ca = court_appearance(g, P, ev, court, d, type, g->id_out_psr);
            court_report(g, P, ca, d, true);
        }
        court_appearance(g, P, ev, court, start, g->id_app_sentence, outcome_not_psr(g, r));
    }

    if (!deleted && active) {
        if (sentenced) P->current_disposal = true;
    }

    int64_t disposal = 0, first_rqmnt = 0;
    bool upw = false;
    if (sentenced) {
        disposal = new_id(g, T_DISPOSAL);
        const refrow *dt = pickrow(r, custodial ? &g->disposal_custodial : &g->disposal_community);
        if (!custodial && kind == K_COMM)
            for (int k = 0; k < 4 && !dt->code[0]; k++) dt = pickrow(r, &g->disposal_community);
        int reqs = 0;
        bool has_upw = false, has_rar = false;
        if (!custodial && dt->code[0]) {
            has_upw = pct(r, 40);
            has_rar = pct(r, 35);
            reqs = rbelow(r, 100) < 85 ? rrange(r, 0, 2) : 0;
        }
        int rq_end = kind == K_COMM_END ? term : end;
        /* requirements before the disposal row? no: the buffers are flushed parents first */
        if (has_upw) requirement(g, P, disposal, ev, start, rq_end, active, 0, &upw, &first_rqmnt, P->area);
        if (has_rar) requirement(g, P, disposal, ev, start, rq_end, active, 1, &upw, &first_rqmnt, P->area);
        for (int k = 0; k < reqs; k++)
            requirement(g, P, disposal, ev, start, rq_end, active, pct(r, 8) ? 2 : 3, &upw, &first_rqmnt, P->area);

        bool days = !custodial && pct(r, 10) && g->id_units_days;
        row(g, T_DISPOSAL);
        P_i(g, disposal);
        P_i(g, ev);
        P_i(g, dt->id);
        P_date(g, start);
        P_ts(g, end, 0);
        P_date(g, pct(r, 30) ? end : NODATE);
        P_date(g, term);
        P_io(g, term != NODATE ? pick(r, &g->termination_reason) : 0);
        P_i(g, days ? len_days : months);
        P_i(g, days ? g->id_units_days : g->id_units_months);
        if (pct(r, 10)) {
            P_i(g, rrange(r, 1, 12));
            P_i(g, g->id_units_months);
        } else {
            P_n(g);
            P_n(g);
        }
        P_i(g, months);
        P_i(g, months);
        P_i(g, len_days);
        P_i(g, upw ? 1 : 0);
        P_i(g, active ? 1 : 0);
        P_i(g, 0);
        end_row(g);
        if (pml(r, 10)) { /* an older, soft-deleted disposal of the same event */
            row(g, T_DISPOSAL);
            P_i(g, new_id(g, T_DISPOSAL));
            P_i(g, ev);
            P_i(g, dt->id);
            P_date(g, start - 30);
            P_n(g);
            P_n(g);
            P_n(g);
            P_n(g);
            P_i(g, months);
            P_i(g, g->id_units_months);
            P_n(g);
            P_n(g);
            P_i(g, months);
            P_n(g);
            P_n(g);
            P_i(g, 0);
            P_i(g, 0);
            P_i(g, 1);
            end_row(g);
        }
        order_managers(g, P, ev, start, term, active);
        if (pct(r, 8)) {
            const refrow *as = pickrow(r, &g->additional_sentence);
            row(g, T_ADDITIONAL_SENTENCE);
            P_i(g, new_id(g, T_ADDITIONAL_SENTENCE));
            P_i(g, ev);
            P_i(g, as->id);
            if (!strcmp(as->code, "DISQ")) {
                P_n(g);
                P_i(g, rrange(r, 6, 36));
            } else {
                double amount = rrange(r, 50, 2000);
                amount += 0.5 * rbelow(r, 2);
                P_d(g, amount);
                P_n(g);
            }
            if (pct(r, 50)) P_s(g, "Seeded additional sentence");
            else P_n(g);
            P_i(g, pml(r, 50));
            end_row(g);
        }
        if (pct(r, 40)) {
            row(g, T_OGRS_ASSESSMENT);
            P_i(g, new_id(g, T_OGRS_ASSESSMENT));
            P_i(g, ev);
            int d = start + rrange(r, 0, 60);
            P_date(g, d);
            if (pct(r, 8)) P_n(g);
            else P_i(g, rrange(r, 1, 99));
            P_ts(g, d, 12 * 3600);
            P_i(g, pml(r, 20));
            end_row(g);
        }
        if (pct(r, 30)) {
            const char *type = pct(r, 25) ? "CPS_PACK" : "DOCUMENT";
            document(g, P, "EVENT", ev, type, start + rrange(r, 0, 60));
        }
        doc_parents(g, P, ev, start);
    }

    if (custodial) {
        int64_t cid = new_id(g, T_CUSTODY);
        int64_t status;
        if (kind == K_CUST) status = g->id_cust_in;
        else if (kind == K_RECALL) status = ref_code(&g->custodial_status, "D");
        else if (kind == K_LIC) status = pct(r, 10) ? ref_code(&g->custodial_status, "C") : g->id_cust_licence;
        else status = pct(r, 30) ? ref_code(&g->custodial_status, "P") : g->id_cust_licence;
        if (!status) status = kind == K_CUST || kind == K_RECALL ? g->id_cust_in : g->id_cust_licence;
        const refrow *inst = pickrow(r, &g->institution);
        char booking[8];
        int b1 = rbelow(r, 26), b2 = rbelow(r, 26), b3 = rbelow(r, 10000);
        fmt(booking, sizeof booking, "%c%c%04d", 'A' + b1, 'A' + b2, b3);
        row(g, T_CUSTODY);
        P_i(g, cid);
        P_i(g, disposal);
        P_i(g, status);
        P_s(g, booking);
        P_i(g, inst->id);
        P_s(g, inst->a1);
        P_date(g, kind == K_LIC && pct(r, 40) ? end : NODATE);
        P_i(g, 0);
        end_row(g);
        key_dates(g, P, cid, kind, start, release);
        if (release != NODATE) {
            row(g, T_RELEASE);
            P_i(g, new_id(g, T_RELEASE));
            P_i(g, cid);
            P_ts(g, release, 10 * 3600);
            P_i(g, 0);
            end_row(g);
            if (pml(r, 30)) {
                row(g, T_RELEASE);
                P_i(g, new_id(g, T_RELEASE));
                P_i(g, cid);
                P_ts(g, release + 400, 10 * 3600);
                P_i(g, 1);
                end_row(g);
            }
            int n = rrange(r, 1, 3);
            for (int k = 0; k < n; k++) {
                bool lc_active = kind == K_LIC && !pct(r, 20);
                int lterm = lc_active ? NODATE : (kind == K_CUST_END ? term : release + rrange(r, 30, 200));
                if (lterm != NODATE && lterm > REF) lterm = REF - rrange(r, 1, 30);
                row(g, T_LIC_CONDITION);
                P_i(g, new_id(g, T_LIC_CONDITION));
                P_i(g, disposal);
                P_date(g, release);
                P_date(g, release);
                if (pct(r, 40)) P_s(g, "Seeded commencement notes");
                else P_n(g);
                P_date(g, lterm);
                if (lterm != NODATE && pct(r, 50)) P_s(g, "Seeded termination notes");
                else P_n(g);
                P_io(g, pick(r, &g->lic_main));
                P_io(g, pct(r, 70) ? pick(r, &g->lic_sub) : 0);
                if (pct(r, 70)) P_s(g, "Seeded licence condition notes");
                else P_n(g);
                P_ts(g, release, CREATED_SECS);
                P_i(g, lc_active ? 1 : 0);
                P_i(g, pml(r, 30));
                end_row(g);
            }
            if (kind == K_LIC && pct(r, 30) && g->pss_main.n) {
                for (int k = 0; k < rrange(r, 1, 2); k++) {
                    row(g, T_PSS_RQMNT);
                    P_i(g, new_id(g, T_PSS_RQMNT));
                    P_i(g, cid);
                    P_io(g, pick(r, &g->pss_main));
                    P_io(g, pct(r, 80) ? pick(r, &g->pss_sub) : 0);
                    P_i(g, k == 0 ? 1 : 0);
                    P_i(g, pml(r, 50));
                    end_row(g);
                }
            }
        }
        if (pct(r, 15)) {
            int64_t ir = new_id(g, T_INSTITUTIONAL_REPORT);
            int d = start + rrange(r, 30, 300);
            row(g, T_INSTITUTIONAL_REPORT);
            P_i(g, ir);
            P_i(g, P->oid);
            P_i(g, cid);
            P_i(g, inst->id);
            P_s(g, inst->a1);
            P_i(g, pick(r, &g->inst_report_type));
            P_date(g, d);
            if (pct(r, 80)) P_date(g, d + 28);
            else P_n(g);
            if (pct(r, 60)) P_ts(g, d + 20, 14 * 3600);
            else P_n(g);
            P_i(g, 0);
            end_row(g);
            document(g, P, "INSTITUTIONAL_REPORT", ir, "DOCUMENT", d + 20);
        }
        if ((kind == K_LIC || kind == K_RECALL) && pct(r, 10)) {
            int64_t apr = new_id(g, T_APPROVED_PREMISES_REFERRAL);
            row(g, T_APPROVED_PREMISES_REFERRAL);
            P_i(g, apr);
            P_i(g, P->oid);
            P_i(g, ev);
            P_date(g, release - 30);
            P_i(g, 0);
            end_row(g);
            document(g, P, "APPROVED_PREMISES_REFERRAL", apr, "DOCUMENT", release - 30);
        }
        if (!deleted && (kind == K_CUST || kind == K_RECALL)) {
            P->in_custody = true;
            P->custody_since = kind == K_RECALL ? recall : start;
        }
        if (!deleted && kind == K_LIC && !P->in_custody) {
            P->had_custody = true;
            P->rel_day = release;
        }
        if (kind == K_RECALL) {
            int d = recall - rrange(r, 1, 10);
            nsi(g, P, ev, 1, d, false, 0, pick(r, &g->rec_recall), false);
        }
        if (kind == K_LIC && pct(r, 30)) {
            int d = release + rrange(r, 30, 200);
            int64_t o = pick(r, &g->rec_reject);
            nsi(g, P, ev, 2, d, false, 0, o, pml(r, 50));
        }
    }

    /* breach NSIs: enforcement while in breach (recent referral), history for others */
    if (in_breach) {
        int ref_day = REF + rrange(r, -180, 700);
        int64_t rq = pct(r, 50) ? first_rqmnt : 0;
        int64_t o = pick(r, &g->bre_outcomes);
        nsi(g, P, ev, 0, ref_day, true, rq, o, pct(r, 3));
    } else if (sentenced && pct(r, 6)) {
        int ref_day = start + rrange(r, 30, 200);
        if (ref_day > REF - 400) ref_day = REF - 400;
        int64_t o = pct(r, 50) ? pick(r, &g->bre_outcomes) : ref_code(&g->nsi_outcome, "BRE09");
        nsi(g, P, ev, 0, ref_day, false, 0, o, false);
    }
    if (pct(r, 8)) {
        int d = start + rrange(r, 10, 100);
        bool still = active && pct(r, 60);
        nsi(g, P, ev, 3, d, still, 0, 0, pct(r, 5));
    }

    /* general contacts of sentenced events */
    if (sentenced) {
        int n = active ? rrange(r, 0, 3) : rrange(r, 0, 1);
        for (int k = 0; k < n; k++) {
            int day = start + rrange(r, 1, 300);
            if (pct(r, 50)) attendance(g, P, ev, day);
            else {
                const refrow *ct = pickrow(r, &g->contact_type);
                contact(g, P, ev, ct->id, day, 0, -1, -1, -1, "Seeded contact note", !strcmp(ct->a1, "Y") ? "Y" : NULL);
            }
        }
    }
}

static const char *colour_upper(const char *c) {
    if (!strcmp(c, "Red")) return "RED";
    if (!strcmp(c, "Amber")) return "AMBER";
    if (!strcmp(c, "Green")) return "GREEN";
    if (!strcmp(c, "White")) return "WHITE";
    return NULL;
}
static int colour_rank(const char *c) {
    if (!c) return 0;
    if (!strcmp(c, "RED")) return 4;
    if (!strcmp(c, "AMBER")) return 3;
    if (!strcmp(c, "GREEN")) return 2;
    if (!strcmp(c, "WHITE")) return 1;
    return 0;
}

/* returns the highest colour of the active registrations (static string) or NULL */
static const char *registrations(seeder *g, person *P) {
    rng *r = &P->r;
    const char *best = NULL;
    bool mappa = pct(r, 12);
    int n = mappa ? rrange(r, 0, 2) : (pct(r, 35) ? rrange(r, 1, 3) : 0);
    for (int k = 0; k < n + (mappa ? 1 : 0); k++) {
        bool is_mappa = mappa && k == 0;
        const refrow *t = NULL;
        if (is_mappa) {
            for (int i = 0; i < g->register_type.n; i++)
                if (g->register_type.v[i].id == g->id_register_mappa) t = &g->register_type.v[i];
        } else {
            do t = pickrow(r, &g->register_type);
            while (t->id == g->id_register_mappa && g->register_type.n > 1);
        }
        bool dereg = !is_mappa && pct(r, 25);
        bool rereg = !dereg && pct(r, 10);
        bool deleted = pct(r, 2);
        int day = REF - rrange(r, 30, 2000);
        int64_t team, staff;
        area_staff(g, P, P->area, &team, &staff, NULL);
        int64_t id = new_id(g, T_REGISTRATION);
        int review = atoi(t->a2);
        int next = dereg ? NODATE : day + (review ? review : 6) * 30;
        if (next != NODATE && next < REF) next = REF + rrange(r, 1, 180);
        row(g, T_REGISTRATION);
        P_i(g, id);
        P_i(g, P->oid);
        P_i(g, t->id);
        if (is_mappa) {
            P_io(g, pml(r, 60) ? 0 : g->id_lvl[rbelow(r, 3)]); /* a few MAPPA rows without level */
            P_i(g, g->id_cat[rbelow(r, 4)]);
        } else {
            P_io(g, pct(r, 20) ? pick(r, &g->register_level) : 0);
            P_n(g);
        }
        P_date(g, day);
        P_date(g, next);
        if (pct(r, 60)) P_s(g, "Seeded registration notes");
        else P_n(g);
        P_i(g, team);
        P_i(g, staff);
        P_i(g, dereg ? 1 : 0);
        P_ts(g, day, CREATED_SECS);
        P_i(g, deleted ? 1 : 0);
        end_row(g);
        if (dereg || rereg) {
            int nd = pct(r, 20) ? 2 : 1;
            for (int j = 0; j < nd; j++) {
                int dd = day + rrange(r, 10, 300) + j * 30;
                if (dd >= REF) dd = REF - 1 - j;
                area_staff(g, P, P->area, &team, &staff, NULL);
                row(g, T_DEREGISTRATION);
                P_i(g, new_id(g, T_DEREGISTRATION));
                P_i(g, id);
                P_date(g, dd);
                P_i(g, team);
                P_i(g, staff);
                if (pct(r, 60)) P_s(g, "Seeded deregistration notes");
                else P_n(g);
                P_ts(g, dd, CREATED_SECS + j);
                P_i(g, pml(r, 30));
                end_row(g);
            }
        }
        if (!dereg && !deleted) {
            const char *c = colour_upper(t->a1);
            if (colour_rank(c) > colour_rank(best)) best = c;
        }
    }
    return best;
}

static void offender_managers(seeder *g, person *P) {
    rng *r = &P->r;
    area_t *a = &g->areas[P->area];
    int alloc = REF - rrange(r, 30, 1500);
    bool previous = pct(r, 30);
    if (previous) {
        team_t *t = &a->teams[rbelow(r, a->nteams)];
        int s = rbelow(r, STAFF_PER_TEAM);
        int from = alloc - rrange(r, 100, 900);
        int64_t id = new_id(g, T_OFFENDER_MANAGER);
        row(g, T_OFFENDER_MANAGER);
        P_i(g, id);
        P_i(g, P->oid);
        P_i(g, t->staff[s]);
        P_i(g, t->id);
        P_i(g, a->id);
        P_i(g, t->staff[s]);
        P_i(g, 0);
        P_s(g, t->staff_code[s]);
        P_n(g);
        P_n(g);
        P_n(g);
        P_i(g, 0);
        P_i(g, pick(r, &g->allocation_reason));
        P_ts(g, from, CREATED_SECS);
        P_date(g, alloc);
        P_i(g, 0);
        P_i(g, pml(r, 50));
        end_row(g);
        row(g, T_RESPONSIBLE_OFFICER);
        P_i(g, new_id(g, T_RESPONSIBLE_OFFICER));
        P_i(g, P->oid);
        P_i(g, id);
        P_n(g);
        P_ts(g, from, CREATED_SECS);
        P_ts(g, alloc, CREATED_SECS);
        end_row(g);
    }
    team_t *t = &a->teams[rbelow(r, a->nteams)];
    bool unalloc = pct(r, 10);
    int s = rbelow(r, STAFF_PER_TEAM);
    bool provider = !unalloc && pct(r, 3);
    P->om_staff = unalloc ? t->unalloc : t->staff[s];
    P->om_team = t->id;
    P->om_area = a->id;
    P->om_id = new_id(g, T_OFFENDER_MANAGER);
    row(g, T_OFFENDER_MANAGER);
    P_i(g, P->om_id);
    P_i(g, P->oid);
    P_i(g, P->om_staff);
    P_i(g, t->id);
    P_i(g, a->id);
    P_i(g, provider ? a->provider_emp[1] : P->om_staff);
    P_i(g, provider ? 1 : 0);
    P_s(g, unalloc ? t->unalloc_code : t->staff_code[s]);
    P_io(g, provider ? a->provider_emp[1] : 0);
    P_io(g, provider ? a->provider_team : 0);
    P_n(g);
    P_i(g, 0);
    P_i(g, pick(r, &g->allocation_reason));
    P_ts(g, alloc, CREATED_SECS);
    P_n(g);
    P_i(g, 1);
    P_i(g, 0);
    end_row(g);
}

static void prison_manager(seeder *g, person *P, bool active, int from, int to) {
    rng *r = &P->r;
    area_t *a = &g->areas[N_COMM_AREAS + rbelow(r, N_PRISON_AREAS)];
    team_t *t = &a->teams[rbelow(r, a->nteams)];
    int s = rbelow(r, STAFF_PER_TEAM);
    int64_t id = new_id(g, T_PRISON_OFFENDER_MANAGER);
    row(g, T_PRISON_OFFENDER_MANAGER);
    P_i(g, id);
    P_i(g, P->oid);
    P_i(g, t->staff[s]);
    P_i(g, t->id);
    P_i(g, a->id);
    P_io(g, pick(r, &g->allocation_reason));
    P_ts(g, from, CREATED_SECS);
    P_ts(g, active ? NODATE : to, 17 * 3600);
    if (pct(r, 70)) P_f(g, "01632 99%04d", rbelow(r, 10000));
    else P_n(g);
    if (pct(r, 70)) P_f(g, "pom.%s@example.com", t->staff_code[s]);
    else P_n(g);
    P_i(g, active ? 1 : 0);
    P_i(g, 0);
    P_i(g, 0);
    P_i(g, P->loader);
    P_ts(g, from, CREATED_SECS);
    P_i(g, P->loader);
    P_ts(g, from, CREATED_SECS);
    end_row(g);
    if (active) P->pom_id = id;
}

static void gen_person(seeder *g, long p) {
    person PP, *P = &PP;
    memset(P, 0, sizeof *P);
    rng *r = &P->r;
    rng_seed(r, g->o->random_seed, (uint64_t)p);
    P->p = p;
    P->oid = new_id(g, T_OFFENDER);
    P->loader = g->loader_user;
    P->area = rbelow(r, N_COMM_AREAS);
    P->rel_day = NODATE;

    /* limited access: fixed by person number (see the top of this file) */
    int lao = (int)(p % 100);
    bool excluded = lao == 7 || lao == 29 || lao == 53, restricted = lao == 13 || lao == 29;
    bool deleted = p % 250 == 97;

    offender_managers(g, P);

    /* events */
    int nev = 0, x = rbelow(r, 100);
    if (x >= 15) nev = x < 65 ? 1 : x < 90 ? 2 : 3;
    for (int k = 0; k < nev; k++) event(g, P, k + 1);
    if (pct(r, 2)) { /* an NSI without event */
        int d = REF - rrange(r, 10, 700);
        nsi(g, P, 0, 3, d, pct(r, 50), 0, 0, false);
    }

    /* prison offender managers and the responsible officer */
    if (P->in_custody) {
        prison_manager(g, P, true, P->custody_since + rrange(r, 1, 20), NODATE);
    } else if (P->had_custody) {
        prison_manager(g, P, false, P->rel_day - rrange(r, 100, 300), P->rel_day);
    }
    row(g, T_RESPONSIBLE_OFFICER);
    P_i(g, new_id(g, T_RESPONSIBLE_OFFICER));
    P_i(g, P->oid);
    P_io(g, P->pom_id ? 0 : P->om_id);
    P_io(g, P->pom_id);
    P_ts(g, REF - rrange(r, 30, 900), CREATED_SECS);
    P_n(g);
    end_row(g);

    /* management tiers: CURRENT_TIER = the latest */
    int64_t current_tier = 0;
    if (pct(r, 80)) {
        int n = rrange(r, 1, 3);
        int day = REF - rrange(r, 400, 1500);
        int64_t reason = g->tier_change_reason.v[0].id;
        for (int k = 0; k < n; k++) {
            int64_t tier = pick(r, &g->tiers_u);
            int next = day + rrange(r, 30, 300);
            int secs = rrange(r, 0, 86399);
            row(g, T_MANAGEMENT_TIER);
            P_i(g, P->oid);
            P_i(g, tier);
            P_ts(g, day, secs);
            P_i(g, reason);
            if (k < n - 1) P_ts(g, next, secs);
            else P_n(g);
            P_i(g, 0);
            P_i(g, 0);
            P_i(g, 0);
            P_i(g, P->loader);
            P_ts(g, day, secs);
            P_i(g, P->loader);
            P_ts(g, day, secs);
            end_row(g);
            current_tier = tier;
            day = next;
        }
    }

    const char *colour = registrations(g, P);

    if (pct(r, 50)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int d = REF - rrange(r, 10, 1500);
            row(g, T_OASYS_ASSESSMENT);
            P_i(g, new_id(g, T_OASYS_ASSESSMENT));
            P_i(g, P->oid);
            P_date(g, d);
            if (pct(r, 10)) P_n(g);
            else P_i(g, rrange(r, 1, 99));
            P_ts(g, d, 15 * 3600);
            P_i(g, pml(r, 20));
            end_row(g);
        }
    }

    /* the person */
    const char *first = pickstr(r, FORENAMES, NELEM(FORENAMES));
    const char *sur = pickstr(r, SURNAMES, NELEM(SURNAMES));
    const char *second = pct(r, 50) ? pickstr(r, FORENAMES, NELEM(FORENAMES)) : NULL;
    const char *third = second && pct(r, 20) ? pickstr(r, FORENAMES, NELEM(FORENAMES)) : NULL;
    int dob = REF - rrange(r, 18 * 365, 75 * 365);
    int y, m, d;
    civil_from_days(dob, &y, &m, &d);
    int64_t gender = g->gender.n >= 2 && pct(r, 85) ? g->gender.v[rbelow(r, 2)].id : pick(r, &g->gender);
    bool english = pct(r, 85);
    int64_t language = english ? g->id_lang_english : (pct(r, 70) ? pick(r, &g->language) : 0);
    int created = REF - rrange(r, 400, 4000);
    bool custody_person = P->in_custody || P->had_custody;
    char crn[8];
    fmt(crn, sizeof crn, "%c%06ld", (char)('A' + (p / 1000000) % 26), p % 1000000);

    row(g, T_OFFENDER);
    P_i(g, P->oid);
    P_s(g, crn);
    if (pct(r, 80)) P_f(g, "%04d/%07dX", 2000 + rbelow(r, 25), (int)(p % 10000000));
    else P_n(g);
    if (pct(r, 60)) {
        int yy = rbelow(r, 100), letter = rbelow(r, 26);
        P_f(g, "%06d/%02d%c", (int)(p % 1000000), yy, 'A' + letter);
    }
    else P_n(g);
    if (custody_person || pct(r, 10)) {
        int l1 = rbelow(r, 26), l2 = rbelow(r, 26), l3 = rbelow(r, 26);
        P_f(g, "%c%04d%c%c", 'A' + l1, (int)(p % 10000), 'A' + l2, 'A' + l3);
    }
    else P_n(g);
    if (pct(r, 3)) P_f(g, "SEED%06ld", p % 1000000);
    else P_n(g);
    if (pct(r, 60)) P_f(g, "QQ%06d%c", (int)(p % 1000000), 'A' + rbelow(r, 4));
    else P_n(g);
    if (custody_person) {
        int l1 = rbelow(r, 26), num = rbelow(r, 100000);
        P_f(g, "%c%05d", 'A' + l1, num);
    }
    else P_n(g);
    P_io(g, pct(r, 80) ? pick(r, &g->title) : 0);
    P_s(g, first);
    P_s(g, second);
    P_s(g, third);
    P_s(g, sur);
    P_s(g, pct(r, 10) ? pickstr(r, FORENAMES, NELEM(FORENAMES)) : NULL);
    P_s(g, pct(r, 5) ? pickstr(r, SURNAMES, NELEM(SURNAMES)) : NULL);
    P_date(g, dob);
    P_i(g, gender);
    bool gi = pct(r, 5);
    P_io(g, gi ? pick(r, &g->gender_identity) : 0);
    P_s(g, gi && pct(r, 30) ? "Self-described (seed)" : NULL);
    P_io(g, pct(r, 90) ? pick(r, &g->ethnicity) : 0);
    P_io(g, g->nationality.n && pct(r, 80) ? g->nationality.v[pct(r, 85) ? 0 : rbelow(r, g->nationality.n)].id : 0);
    P_io(g, pct(r, 5) ? pick(r, &g->nationality) : 0);
    P_io(g, pct(r, 10) ? pick(r, &g->immigration_status) : 0);
    P_io(g, pct(r, 60) ? pick(r, &g->religion) : 0);
    P_io(g, pct(r, 50) ? pick(r, &g->sexual_orientation) : 0);
    P_io(g, language);
    P_s(g, !english && pct(r, 50) ? "Seeded language concerns" : NULL);
    P_yn(g, english ? (pct(r, 50) ? 0 : -1) : (pct(r, 60) ? 1 : (pct(r, 50) ? 0 : -1)));
    if (pct(r, 60)) P_f(g, "01632 %06ld", 960000 + p % 1000);
    else P_n(g);
    if (pct(r, 70)) P_f(g, "07700 %06ld", 900000 + p % 1000);
    else P_n(g);
    if (pct(r, 50)) P_f(g, "person.%s@example.com", crn);
    else P_n(g);
    P_yn(g, pct(r, 70) ? pct(r, 80) : -1);
    P_i(g, P->current_disposal ? 1 : 0);
    P_s(g, pct(r, 5) ? "Remanded in custody" : NULL);
    P_io(g, current_tier);
    if (pct(r, 60)) P_d(g, rbelow(r, 10000) / 100.0);
    else P_n(g);
    P_i(g, excluded ? 1 : 0);
    P_i(g, restricted ? 1 : 0);
    P_s(g, excluded ? "You are excluded from viewing this case (seed)" : NULL);
    P_s(g, restricted ? "This case is restricted (seed)" : NULL);
    P_s(g, colour);
    P_s(g, pct(r, 20) ? "Seeded offender details.\nMore details." : NULL);
    P_i(g, 0);
    P_i(g, deleted ? 1 : 0);
    P_i(g, 0);
    P_i(g, P->loader);
    P_ts(g, created, CREATED_SECS);
    P_i(g, P->loader);
    P_ts(g, created + rrange(r, 0, 300), CREATED_SECS);
    end_row(g);
    (void)y;
    (void)m;
    (void)d;

    if (pct(r, 35)) document(g, P, "OFFENDER", P->oid, "DOCUMENT", created + rrange(r, 0, 300));
    if (pct(r, 15)) document(g, P, "OFFENDER", P->oid, "PREVIOUS_CONVICTION", created + rrange(r, 0, 300));

    /* limited access rows */
    int64_t u1 = staff_user(g, 1), u2 = staff_user(g, 2), u3 = staff_user(g, 3), u4 = staff_user(g, 4);
    int ex_start = REF - rrange(r, 10, 700);
    if (lao == 7 || lao == 29) {
        row(g, T_EXCLUSION);
        P_i(g, new_id(g, T_EXCLUSION));
        P_i(g, P->oid);
        P_i(g, u1);
        P_ts(g, ex_start, CREATED_SECS);
        P_n(g);
        end_row(g);
        if (lao == 7 && pct(r, 50)) {
            row(g, T_EXCLUSION);
            P_i(g, new_id(g, T_EXCLUSION));
            P_i(g, P->oid);
            P_i(g, u2);
            P_ts(g, ex_start, CREATED_SECS);
            P_ts(g, days_from_civil(2031, 1, 1), 0);
            end_row(g);
        }
    }
    if (lao == 53) {
        row(g, T_EXCLUSION);
        P_i(g, new_id(g, T_EXCLUSION));
        P_i(g, P->oid);
        P_i(g, u2);
        P_ts(g, days_from_civil(2030, 1, 1), CREATED_SECS);
        P_n(g);
        end_row(g);
    }
    if (lao == 13 || lao == 29) {
        row(g, T_RESTRICTION);
        P_i(g, new_id(g, T_RESTRICTION));
        P_i(g, P->oid);
        P_i(g, u3);
        P_ts(g, ex_start, CREATED_SECS);
        P_n(g);
        end_row(g);
        if (lao == 13) {
            row(g, T_RESTRICTION);
            P_i(g, new_id(g, T_RESTRICTION));
            P_i(g, P->oid);
            P_i(g, u4);
            P_ts(g, ex_start, CREATED_SECS);
            P_ts(g, days_from_civil(2032, 6, 30), 12 * 3600);
            end_row(g);
        }
    }
    if (lao == 41) { /* only expired rows: not limited any more */
        row(g, T_EXCLUSION);
        P_i(g, new_id(g, T_EXCLUSION));
        P_i(g, P->oid);
        P_i(g, u1);
        P_ts(g, days_from_civil(2022, 3, 1), CREATED_SECS);
        P_ts(g, days_from_civil(2024, 3, 1), CREATED_SECS);
        end_row(g);
        row(g, T_RESTRICTION);
        P_i(g, new_id(g, T_RESTRICTION));
        P_i(g, P->oid);
        P_i(g, u3);
        P_ts(g, days_from_civil(2022, 3, 1), CREATED_SECS);
        P_ts(g, days_from_civil(2024, 6, 1), CREATED_SECS);
        end_row(g);
    }

    /* aliases */
    if (pct(r, 15)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            row(g, T_ALIAS);
            P_i(g, new_id(g, T_ALIAS));
            P_i(g, P->oid);
            P_s(g, pickstr(r, FORENAMES, NELEM(FORENAMES)));
            P_s(g, pct(r, 40) ? pickstr(r, FORENAMES, NELEM(FORENAMES)) : NULL);
            P_s(g, pct(r, 15) ? pickstr(r, FORENAMES, NELEM(FORENAMES)) : NULL);
            P_s(g, pct(r, 50) ? sur : pickstr(r, SURNAMES, NELEM(SURNAMES)));
            P_date(g, pct(r, 70) ? dob : dob + rrange(r, -400, 400));
            P_i(g, gender);
            P_i(g, pml(r, 100));
            end_row(g);
        }
    }

    /* addresses: main (current), previous (ended), secondary, no fixed abode */
    int nfa = pct(r, 4);
    int moved_in = REF - rrange(r, 30, 2000);
    for (int k = 0; k < 4; k++) {
        int64_t status;
        int start, end = NODATE;
        if (k == 0) {
            if (!pct(r, 88)) continue;
            status = g->id_addr_main, start = moved_in;
        } else if (k == 1 || k == 2) {
            if (!g->id_addr_prev || !(pct(r, 35) && (k == 1 || pct(r, 40)))) continue;
            status = g->id_addr_prev;
            end = moved_in - (k - 1) * 400 - rrange(r, 1, 30);
            start = end - rrange(r, 100, 1000);
        } else {
            if (!g->id_addr_sec || !pct(r, 5)) continue;
            status = g->id_addr_sec, start = moved_in + rrange(r, 0, 20);
        }
        bool no_fixed = k == 0 && nfa;
        int64_t aid = new_id(g, T_OFFENDER_ADDRESS);
        int64_t town = rbelow(r, NELEM(TOWNS));
        row(g, T_OFFENDER_ADDRESS);
        P_i(g, aid);
        P_i(g, P->oid);
        P_i(g, status);
        P_io(g, pct(r, 70) ? pick(r, &g->address_type) : 0);
        if (no_fixed) {
            P_n(g);
            P_n(g);
            P_n(g);
            P_n(g);
            P_s(g, TOWNS[town]);
            P_n(g);
            P_s(g, "NF1 1NF");
            P_n(g);
            P_yn(g, 1);
        } else {
            P_f(g, "%d", rrange(r, 1, 250));
            P_s(g, pct(r, 20) ? "Seed House" : NULL);
            P_s(g, pickstr(r, STREETS, NELEM(STREETS)));
            P_s(g, pct(r, 50) ? "Old Town" : NULL);
            P_s(g, TOWNS[town]);
            P_s(g, pct(r, 70) ? pickstr(r, COUNTIES, NELEM(COUNTIES)) : NULL);
            int pc1 = rrange(r, 1, 99), pc2 = rbelow(r, 10), pc3 = rbelow(r, 26), pc4 = rbelow(r, 26);
            P_f(g, "ZZ%d %d%c%c", pc1, pc2, 'A' + pc3, 'A' + pc4);
            if (pct(r, 40)) P_f(g, "01632 %06d", 960000 + rbelow(r, 1000));
            else P_n(g);
            P_yn(g, pct(r, 60) ? 0 : -1);
        }
        P_yn(g, pct(r, 60) ? pct(r, 70) : -1);
        P_s(g, pct(r, 20) ? (pct(r, 20) ? "   " : "Seeded address notes") : NULL);
        P_date(g, start);
        P_date(g, end);
        P_i(g, pml(r, 20));
        P_i(g, 0);
        P_i(g, P->loader);
        P_ts(g, start, CREATED_SECS);
        P_i(g, P->loader);
        P_ts(g, start, CREATED_SECS);
        end_row(g);
        if (pct(r, 10)) {
            int n = rrange(r, 1, 2);
            for (int j = 0; j < n; j++) {
                int64_t asid = new_id(g, T_ADDRESS_ASSESSMENT);
                int ad = start + rrange(r, 1, 60) + j * 90;
                row(g, T_ADDRESS_ASSESSMENT);
                P_i(g, asid);
                P_i(g, aid);
                P_ts(g, ad, 11 * 3600);
                P_i(g, pml(r, 50));
                end_row(g);
                if (pct(r, 50)) document(g, P, "ADDRESSASSESSMENT", asid, "DOCUMENT", ad);
            }
        }
    }

    /* disabilities and provisions: active, ended, future */
    if (pct(r, 14)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int start = REF - rrange(r, 30, 3000);
            int x2 = rbelow(r, 100);
            int fin = x2 < 70 ? NODATE : x2 < 80 ? FAR_END_LO + rrange(r, 0, 1000) : start + rrange(r, 10, 300);
            if (x2 >= 80 && fin >= REF) fin = REF - 1 - rbelow(r, 20);
            row(g, T_DISABILITY);
            P_i(g, new_id(g, T_DISABILITY));
            P_i(g, P->oid);
            P_i(g, pick(r, &g->disability_type));
            P_io(g, pct(r, 70) ? pick(r, &g->disability_condition) : 0);
            bool future = pct(r, 3); /* not started yet */
            P_date(g, future ? FAR_END_LO + 100 : start);
            P_date(g, future ? NODATE : fin);
            P_s(g, pct(r, 60) ? "Seeded disability notes" : NULL);
            P_ts(g, start + 1, 10 * 3600);
            P_i(g, pml(r, 30));
            end_row(g);
        }
    }
    if (pct(r, 10)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int start = REF - rrange(r, 30, 3000);
            int x2 = rbelow(r, 100);
            if (x2 >= 95) start = FAR_END_LO + rrange(r, 0, 300); /* not started yet */
            int fin = x2 < 70 || x2 >= 95 ? NODATE : x2 < 80 ? FAR_END_LO + rrange(r, 400, 1000) : start + rrange(r, 10, 150);
            if (x2 >= 80 && x2 < 95 && fin >= REF) fin = REF - 1 - rbelow(r, 20);
            row(g, T_PROVISION);
            P_i(g, new_id(g, T_PROVISION));
            P_i(g, P->oid);
            P_i(g, pick(r, &g->provision_type));
            P_io(g, pct(r, 70) ? pick(r, &g->provision_category) : 0);
            P_date(g, start);
            P_date(g, fin);
            P_s(g, pct(r, 60) ? "Seeded provision notes" : NULL);
            P_ts(g, start < REF ? start + 1 : REF - 1, 10 * 3600);
            P_i(g, pml(r, 30));
            end_row(g);
        }
    }

    /* personal circumstances */
    if (pct(r, 30)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int64_t id = new_id(g, T_PERSONAL_CIRCUMSTANCE);
            int start = REF - rrange(r, 10, 2000);
            bool ended = pct(r, 25);
            row(g, T_PERSONAL_CIRCUMSTANCE);
            P_i(g, id);
            P_i(g, P->oid);
            P_i(g, pick(r, &g->circ_type));
            P_io(g, pct(r, 70) ? pick(r, &g->circ_sub) : 0);
            P_s(g, pct(r, 60) ? "Seeded circumstance notes" : NULL);
            P_date(g, start);
            int cend = ended ? start + rrange(r, 1, 200) : (pct(r, 15) ? FAR_END_LO + 500 : NODATE);
            if (ended && cend >= REF) cend = REF - 1 - rbelow(r, 5);
            P_date(g, cend);
            P_yn(g, pct(r, 70) ? pct(r, 50) : -1);
            P_i(g, pml(r, 30));
            end_row(g);
            if (pct(r, 15)) document(g, P, "PERSONAL_CIRCUMSTANCE", id, "DOCUMENT", start);
        }
    }

    /* personal contacts, most with an address */
    if (pct(r, 25)) {
        int n = rrange(r, 1, 2);
        for (int k = 0; k < n; k++) {
            int64_t addr = 0;
            if (pct(r, 75)) {
                addr = new_id(g, T_ADDRESS);
                row(g, T_ADDRESS);
                P_i(g, addr);
                P_s(g, pct(r, 30) ? "" : NULL);
                P_f(g, "%d", rrange(r, 1, 300));
                P_s(g, pickstr(r, STREETS, NELEM(STREETS)));
                P_s(g, pct(r, 30) ? "" : NULL);
                P_s(g, pickstr(r, TOWNS, NELEM(TOWNS)));
                P_s(g, pct(r, 50) ? pickstr(r, COUNTIES, NELEM(COUNTIES)) : NULL);
                int pc1 = rrange(r, 1, 99), pc2 = rbelow(r, 10);
                P_f(g, "ZZ%d %dPC", pc1, pc2);
                if (pct(r, 70)) P_f(g, "01632 %06d", 960000 + rbelow(r, 1000));
                else P_n(g);
                P_i(g, pml(r, 30));
                end_row(g);
            }
            int64_t id = new_id(g, T_PERSONAL_CONTACT);
            int start = REF - rrange(r, 10, 2000);
            row(g, T_PERSONAL_CONTACT);
            P_i(g, id);
            P_i(g, P->oid);
            const char *rel = pickstr(r, RELATIONSHIPS, NELEM(RELATIONSHIPS));
            P_s(g, rel);
            P_i(g, pick(r, &g->relationship));
            P_s(g, pickstr(r, FORENAMES, NELEM(FORENAMES)));
            P_s(g, pct(r, 30) ? pickstr(r, FORENAMES, NELEM(FORENAMES)) : NULL);
            P_s(g, pickstr(r, SURNAMES, NELEM(SURNAMES)));
            if (pct(r, 60)) P_f(g, "07700 %06d", 900000 + rbelow(r, 1000));
            else P_n(g);
            P_io(g, addr);
            P_date(g, start);
            P_date(g, pct(r, 15) ? REF - rrange(r, 1, 9) : NODATE);
            P_i(g, pml(r, 30));
            end_row(g);
            if (pct(r, 15)) document(g, P, "PERSONALCONTACT", id, "DOCUMENT", start);
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Driver */

static const char *id_column(const struct tdef *d, char *buf, size_t n) {
    const char *comma = strchr(d->cols, ',');
    size_t len = comma ? (size_t)(comma - d->cols) : strlen(d->cols);
    if (len >= n) len = n - 1;
    memcpy(buf, d->cols, len);
    buf[len] = 0;
    return buf;
}

/* deletes the person-level rows and the organisation rows of an earlier seed */
static void cleanup(seeder *g) {
    char sql[256], col[64];
    for (int i = T_COUNT - 1; i >= T_FIRST_PERSON_TABLE && !g->failed; i--) {
        snprintf(sql, sizeof sql, "DELETE FROM %s", TDEF[i].name);
        run(g, sql);
    }
    snprintf(sql, sizeof sql, "DELETE FROM AUDITED_INTERACTION WHERE USER_ID >= %d", SEED_ORG_BASE);
    run(g, sql);
    for (int i = T_FIRST_PERSON_TABLE - 1; i >= 0 && !g->failed; i--) {
        snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s >= %d", TDEF[i].name, id_column(&TDEF[i], col, sizeof col),
                 SEED_ORG_BASE);
        run(g, sql);
    }
}

static void init_ids(seeder *g) {
    char sql[256], col[64];
    for (int i = 0; i < T_COUNT && !g->failed; i++) {
        if (TDEF[i].idless) continue;
        snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(%s), 0) FROM %s", id_column(&TDEF[i], col, sizeof col),
                 TDEF[i].name);
        int64_t max = scalar(g, sql, NULL);
        g->t[i].next_id = max + 1;
        if (i < T_FIRST_PERSON_TABLE && g->t[i].next_id < SEED_ORG_BASE) g->t[i].next_id = SEED_ORG_BASE;
    }
}

static void raise_sequence(seeder *g, const char *name, int64_t next) {
    if (g->failed) return;
    db_stmt *s = db_query(g->c, "UPDATE DELIUSD_SEQUENCE SET NEXT_VALUE = ? WHERE NAME = ? AND NEXT_VALUE < ?");
    if (!s) return fail(g, "cannot update DELIUSD_SEQUENCE: %s", db_errmsg(g->c));
    db_bind_int(s, 1, next);
    db_bind_text(s, 2, name);
    db_bind_int(s, 3, next);
    int rc = db_step(s);
    db_done(s);
    if (rc < 0) return fail(g, "cannot update DELIUSD_SEQUENCE %s: %s", name, db_errmsg(g->c));
    if (scalar(g, "SELECT COUNT(*) FROM DELIUSD_SEQUENCE WHERE NAME = ?", name) == 0) {
        s = db_query(g->c, "INSERT INTO DELIUSD_SEQUENCE (NAME, NEXT_VALUE) VALUES (?, ?)");
        if (!s) return fail(g, "cannot insert into DELIUSD_SEQUENCE: %s", db_errmsg(g->c));
        db_bind_text(s, 1, name);
        db_bind_int(s, 2, next);
        rc = db_step(s);
        db_done(s);
        if (rc < 0) fail(g, "cannot insert into DELIUSD_SEQUENCE %s: %s", name, db_errmsg(g->c));
    }
}

static void progress(seeder *g, bool final) {
    if (!g->o->progress) return;
    uint64_t now = tu_mono_ms();
    if (!final && now - g->last_progress < 5000) return;
    g->last_progress = now;
    double secs = (double)(now - g->t0) / 1000.0;
    double rate = secs > 0 ? (double)g->done / secs : 0;
    double eta = rate > 0 ? (double)(g->o->people - g->done) / rate : 0;
    if (final)
        fprintf(stderr,
                "{\"level\":\"INFO\",\"message\":\"seed complete\",\"people\":%ld,\"rows\":%" PRIu64
                ",\"seconds\":%.1f,\"random_seed\":%" PRIu64 "}\n",
                g->done, total_rows(g), secs, g->o->random_seed);
    else
        fprintf(stderr,
                "{\"level\":\"INFO\",\"message\":\"seed progress\",\"people\":%ld,\"rows\":%" PRIu64
                ",\"rate_per_s\":%.0f,\"eta_s\":%.0f}\n",
                g->done, total_rows(g), rate, eta);
    fflush(stderr);
}

/* PostgreSQL without replica mode (an ordinary role): the foreign-key constraints of the loaded
 * tables (TDEF, current schema) are dropped at the start of the seed's transaction and re-created
 * from their pg_get_constraintdef text before the commit, so PostgreSQL checks each one in a single
 * pass instead of a trigger call per row. Everything runs in ONE transaction: a failed seed, a
 * failed re-creation or a lost connection rolls back to the constraints (and rows) as they were. */
typedef struct fk_def {
    char *drop_sql;
    char *add_sql;
    char *name; /* table.constraint, for messages */
} fk_def;

static void fk_free(fk_def *fks, int n) {
    for (int i = 0; i < n; i++) {
        free(fks[i].drop_sql);
        free(fks[i].add_sql);
        free(fks[i].name);
    }
    free(fks);
}

/* Reads the foreign keys of the loaded tables. Returns their number (0 = none), -1 on error
 * (g->failed is not set: the caller falls back to loading with the triggers). */
static int fk_read(seeder *g, fk_def **out) {
    *out = NULL;
    size_t len = 1;
    for (int i = 0; i < T_COUNT; i++) len += strlen(TDEF[i].name) + 1;
    char *names = xrealloc(NULL, len);
    names[0] = 0;
    for (int i = 0; i < T_COUNT; i++) {
        if (i) strcat(names, ",");
        strcat(names, TDEF[i].name);
    }
    db_stmt *s = db_query(g->c,
                          "SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', n.nspname, t.relname, k.conname), "
                          "format('ALTER TABLE %I.%I ADD CONSTRAINT %I %s', n.nspname, t.relname, k.conname, "
                          "pg_get_constraintdef(k.oid)), t.relname || '.' || k.conname "
                          "FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid "
                          "JOIN pg_namespace n ON n.oid = t.relnamespace "
                          "WHERE k.contype = 'f' AND n.nspname = current_schema() "
                          "AND t.relname = ANY (string_to_array(lower(?), ',')) "
                          "ORDER BY t.relname, k.conname");
    if (!s) {
        free(names);
        return -1;
    }
    db_bind_text(s, 1, names);
    fk_def *fks = NULL;
    int n = 0, rc;
    while ((rc = db_step(s)) == 1) {
        const char *d = db_col_text(s, 0), *a = db_col_text(s, 1), *nm = db_col_text(s, 2);
        if (!d || !a || !nm) continue;
        fks = xrealloc(fks, (size_t)(n + 1) * sizeof *fks);
        fks[n].drop_sql = xstrdup(d);
        fks[n].add_sql = xstrdup(a);
        fks[n].name = xstrdup(nm);
        n++;
    }
    db_done(s);
    free(names);
    if (rc < 0) {
        fk_free(fks, n);
        return -1;
    }
    *out = fks;
    return n;
}

/* Inside the open transaction, under a savepoint: reads the constraints and drops them. Returns
 * their number (0: none, nothing dropped); -1 when that fails (the role may not alter the tables,
 * ...): the savepoint is rolled back, nothing was dropped, and the load runs with the triggers. */
static int fk_read_and_drop(seeder *g, fk_def **out) {
    *out = NULL;
    if (db_exec(g->c, "SAVEPOINT seed_fk_drop") != 0) return -1;
    fk_def *fks = NULL;
    int n = fk_read(g, &fks);
    for (int i = 0; i < n; i++)
        if (db_exec(g->c, fks[i].drop_sql) != 0) {
            fk_free(fks, n);
            n = -1;
            break;
        }
    if (n < 0) {
        db_exec(g->c, "ROLLBACK TO SAVEPOINT seed_fk_drop");
        db_exec(g->c, "RELEASE SAVEPOINT seed_fk_drop");
        return -1;
    }
    if (db_exec(g->c, "RELEASE SAVEPOINT seed_fk_drop") != 0) {
        fk_free(fks, n);
        return -1;
    }
    *out = fks;
    return n;
}

/* Re-creates the dropped constraints (still inside the transaction); a failure fails the seed,
 * whose rollback then restores the constraints as they were. */
static void fk_restore(seeder *g, fk_def *fks, int n) {
    if (g->failed) return;
    if (g->o->progress && n > 0) {
        fprintf(stderr, "{\"level\":\"INFO\",\"message\":\"seed: re-creating foreign keys\",\"constraints\":%d}\n", n);
        fflush(stderr);
    }
    for (int i = 0; i < n && !g->failed; i++)
        if (db_exec(g->c, fks[i].add_sql) != 0)
            fail(g,
                 "cannot re-create foreign key %s after loading (%s): %s; the seed was rolled back, the "
                 "database is unchanged",
                 fks[i].name, fks[i].add_sql, db_errmsg(g->c));
}

int db_seed(db_conn *c, const seed_opts *o, char *err, size_t errlen) {
    if (!c || !o || o->people < 0) {
        snprintf(err, errlen, "invalid seed options");
        return -1;
    }
    REF = days_from_civil(2026, 1, 1);
    FAR_END_LO = days_from_civil(2030, 1, 1);
    seeder *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    g->c = c;
    g->o = o;
    g->err = err;
    g->errlen = errlen;
    g->t0 = g->last_progress = tu_mono_ms();
    for (int i = 0; i < T_COUNT; i++) tbuf_init(&g->t[i], &TDEF[i]);

    int64_t existing = scalar(g, "SELECT COUNT(*) FROM OFFENDER", NULL);
    if (!g->failed && existing > 0 && !o->force)
        fail(g,
             "the database already has %" PRId64 " people (OFFENDER rows); refusing to seed without --force "
             "(--force deletes them and the earlier seed's organisation rows first)",
             existing);

    bool sqlite = db_kind_of(c) == DB_SQLITE;
    bool in_tx = false;
    if (!g->failed && sqlite) {
        run(g, "PRAGMA foreign_keys=OFF");
        run(g, "PRAGMA synchronous=OFF");
        run(g, "PRAGMA cache_size=-65536");
        run(g, "PRAGMA temp_store=MEMORY");
    }
    /* PostgreSQL: skip the per-row foreign-key triggers while loading (3x faster) when the role
     * may (superuser); otherwise the foreign keys are dropped and re-created (below). The same rows
     * pass PRAGMA foreign_key_check on SQLite. */
    bool pg_replica = !g->failed && !sqlite && db_exec(c, "SET session_replication_role = replica") == 0;
    if (!g->failed && db_begin(c) != 0) fail(g, "cannot begin a transaction: %s", db_errmsg(c));
    else if (!g->failed) in_tx = true;
    /* PostgreSQL, replica mode refused (ordinary role): drop the loaded tables' foreign keys for
     * the load and re-create them at the end, all in one transaction (no intermediate commits). */
    fk_def *fks = NULL;
    int nfks = 0;
    bool pg_fk_dropped = false;
    if (!g->failed && db_kind_of(c) == DB_POSTGRES && !pg_replica) {
        nfks = fk_read_and_drop(g, &fks);
        if (nfks > 0) pg_fk_dropped = true;
        if (nfks < 0) {
            nfks = 0;
            if (o->progress)
                fputs("{\"level\":\"WARN\",\"message\":\"seed: cannot drop the foreign keys for the load "
                      "(not the tables' owner?); loading with the foreign-key triggers\"}\n",
                      stderr);
        }
    }
    if (!g->failed && existing > 0 && o->progress)
        fprintf(stderr, "{\"level\":\"INFO\",\"message\":\"seed --force: deleting existing people\",\"people\":%" PRId64 "}\n",
                existing);
    cleanup(g);
    load_reference(g);
    init_ids(g);
    if (!g->failed) gen_org(g);
    flush_all(g);

    for (long p = 1; p <= o->people && !g->failed; p++) {
        gen_person(g, p);
        g->done = p;
        if (p % FLUSH_PEOPLE == 0 || p == o->people) {
            flush_all(g);
            progress(g, false);
        }
        if (p % BATCH_PEOPLE == 0 && p < o->people && !g->failed && !pg_fk_dropped) {
            if (db_commit(c) != 0) {
                fail(g, "commit failed: %s", db_errmsg(c));
                break;
            }
            in_tx = false;
            if (db_begin(c) != 0) {
                fail(g, "cannot begin a transaction: %s", db_errmsg(c));
                break;
            }
            in_tx = true;
        }
    }
    flush_all(g);
    if (!g->failed) {
        raise_sequence(g, "CONTACT_ID_SEQ", scalar(g, "SELECT COALESCE(MAX(CONTACT_ID), 0) + 1 FROM CONTACT", NULL));
        raise_sequence(g, "DOCUMENT_ID_SEQ", scalar(g, "SELECT COALESCE(MAX(DOCUMENT_ID), 0) + 1 FROM DOCUMENT", NULL));
    }
    if (pg_fk_dropped) fk_restore(g, fks, nfks);
    if (!g->failed) {
        if (db_commit(c) != 0) fail(g, "commit failed: %s", db_errmsg(c));
        else in_tx = false;
    }
    if (in_tx) db_rollback(c);
    if (sqlite) {
        db_exec(c, "PRAGMA synchronous=NORMAL");
        db_exec(c, "PRAGMA foreign_keys=ON");
    }
    if (pg_replica) db_exec(c, "SET session_replication_role = DEFAULT");
    if (!g->failed) progress(g, true);

    bool ok = !g->failed;
    fk_free(fks, nfks);
    free_reference(g);
    for (int i = 0; i < T_COUNT; i++) tbuf_free(&g->t[i]);
    free(g);
    return ok ? 0 : -1;
}
