/*
 * seed_internal.h - private interface between the files of the seed (src/db/seed/), see seed/seed.c
 * for the layout and db/seed.h for the public entry point. Nothing outside src/db/seed/ includes this.
 *
 * Rules every file follows
 *   - A row is written only through its table's row structure and sd_put_<table>() (rows.c): fields
 *     are named in a designated initialiser, so a value in the wrong column does not compile.
 *     Fields left out are SQL NULL (pointers, the sd_*_t values, ids marked "0 = NULL") or 0 (plain
 *     integers). sd_put_<table>() pushes the columns in the order of the table's column list.
 *   - Determinism: every random draw comes from the person's (or the organisation's) own rng, in a
 *     fixed order. The evaluation order of the expressions of an initialiser is unspecified in C, so
 *     an initialiser never draws: values that need a draw are computed into locals first, in the
 *     order of the columns, and the initialiser only names them.
 *   - Errors: sd_fail() records the first error in the seeder; after it, every step is a no-op and
 *     db_seed() rolls back.
 * Ownership: the seeder owns its row buffers and reference data (freed by db_seed()); strings in a
 * row structure are only read during sd_put_<table>() (they are copied into the row buffer).
 */
#ifndef DL_SEED_INTERNAL_H
#define DL_SEED_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "db/db.h"
#include "db/seed.h"

#define SEED_ORG_BASE 1000000 /* organisation rows take ids from here up (reference rows stay below) */
#define BATCH_PEOPLE 10000    /* people per transaction (one transaction when foreign keys are dropped) */
#define FLUSH_PEOPLE 1000     /* people between two flushes of the row buffers */
#define MAX_PARAMS 999        /* bound parameters per statement (SQLite's historical default) */
#define MAX_MULTI 64          /* rows per multi-row INSERT at most */
#define NODATE INT32_MIN      /* "no date" in the day numbers passed around (NULL in a column) */
#define REF 20454             /* 2026-01-01 (days since 1970-01-01): the reference "today" of the data */
#define FAR_END_LO 21915      /* 2030-01-01: things still running end on or after it */
#define CREATED_SECS (9 * 3600) /* time of day of the CREATED_DATETIME of most rows */
#define NELEM(a) ((int)(sizeof(a) / sizeof *(a)))

/* ------------------------------------------------------------------------------------------ */
/* Tables, in foreign-key order (parents first): the order of flushing and (reversed) of deleting. */

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

/* One table as the seed writes it (rows.c). */
typedef struct sd_table {
    const char *name; /* SQL table name */
    const char *cols; /* comma-separated columns, in sd_put_<table>() order; the first is the id unless idless */
    bool idless;      /* no integer id column of its own (STAFF_TEAM, OFFICER, MANAGEMENT_TIER) */
} sd_table;
extern const sd_table sd_tables[T_COUNT];

/* ------------------------------------------------------------------------------------------ */
/* Row buffers (rows.c) */

enum { V_NULL, V_INT, V_DBL, V_TEXT };
typedef struct sd_val {
    int64_t i;    /* V_INT value */
    double d;     /* V_DBL value */
    uint32_t off; /* V_TEXT: offset of the NUL-terminated text in the table buffer's text */
    uint8_t kind; /* V_NULL, V_INT, V_DBL or V_TEXT */
} sd_val;

/* The buffered rows of one table, written by sd_flush_all() with multi-row INSERTs. */
typedef struct sd_tbuf {
    const char *name;        /* table name, for messages */
    int ncols;               /* columns per row */
    int multi;               /* rows per multi-row INSERT */
    int nsizes;              /* statement sizes, descending: multi, 16, 4, 1 (those <= multi) */
    int sizes[4];            /* rows per statement of sql[k] */
    char *sql[4];            /* INSERT … VALUES (?,…),(?,…)… with sizes[k] tuples */
    sd_val *vals;            /* buffered values, ncols per row */
    size_t nvals, capvals;   /* values used / allocated */
    char *text;              /* text values of the buffered rows */
    size_t ntext, captext;   /* text bytes used / allocated */
    size_t row_start;        /* index in vals of the row being written */
    int64_t next_id;         /* next id to hand out (sd_new_id) */
    uint64_t rows;           /* rows written in total */
} sd_tbuf;

/* ------------------------------------------------------------------------------------------ */
/* PRNG: splitmix64 seeds xoshiro256** (one stream per person) */

typedef struct rng {
    uint64_t s[4]; /* xoshiro256** state */
} rng;

void sd_rng_seed(rng *r, uint64_t seed, uint64_t stream);

static inline uint64_t sd_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t rnd(rng *r) {
    uint64_t *s = r->s;
    uint64_t result = sd_rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = sd_rotl(s[3], 45);
    return result;
}

/* uniform in [0, n), n > 0 */
static inline int rbelow(rng *r, int n) { return (int)(((rnd(r) >> 32) * (uint64_t)n) >> 32); }
/* uniform in [lo, hi] */
static inline int rrange(rng *r, int lo, int hi) { return lo + rbelow(r, hi - lo + 1); }
/* true with probability p/100 */
static inline bool pct(rng *r, int p) { return rbelow(r, 100) < p; }
/* true with probability p/1000 */
static inline bool pml(rng *r, int p) { return rbelow(r, 1000) < p; }
/* a random element of list[0..n) */
static inline const char *pickstr(rng *r, const char *const *list, int n) { return list[rbelow(r, n)]; }

/* ------------------------------------------------------------------------------------------ */
/* Dates: days since 1970-01-01 (seed.c) */

int sd_days_from_civil(int y, int m, int d);
void sd_civil_from_days(int z, int *yy, int *mm, int *dd);
void sd_fmt_date(char *out, int day);          /* "YYYY-MM-DD" into out[11] */
void sd_fmt_ts(char *out, int day, int secs);  /* "YYYY-MM-DDTHH:MM:SS" into out[20] */

/* ------------------------------------------------------------------------------------------ */
/* Reference data, loaded from the migrated database at the start (reference.c) */

typedef struct refrow {
    int64_t id;  /* the row's id */
    char *code;  /* its code ("" when NULL) */
    char *a1;    /* extra attribute (description, flag, colour, establishment …), "" when absent */
    char *a2;    /* second extra attribute, "" when absent */
} refrow;

typedef struct refs {
    refrow *v;        /* rows, in id order */
    int n;            /* number of rows */
    const char *what; /* code set or table, for messages */
} refs;

/* random id of the set, 0 when empty */
static inline int64_t sd_pick(rng *x, const refs *r) { return r->n ? r->v[rbelow(x, r->n)].id : 0; }
/* random row of the set, NULL when empty */
static inline const refrow *sd_pickrow(rng *x, const refs *r) { return r->n ? &r->v[rbelow(x, r->n)] : NULL; }

/* Fixed lists of fictional text (reference.c) */
extern const char *const SD_FORENAMES[36];
extern const char *const SD_SURNAMES[24];
extern const char *const SD_STREETS[8];
extern const char *const SD_TOWNS[6];
extern const char *const SD_COUNTIES[3];
extern const char *const SD_RELATIONSHIPS[7];

/* ------------------------------------------------------------------------------------------ */
/* Organisation as generated (org.c) */

#define N_COMM_AREAS 6
#define N_PRISON_AREAS 2
#define N_AREAS (N_COMM_AREAS + N_PRISON_AREAS)
#define MAX_TEAMS_PER_AREA 8
#define STAFF_PER_TEAM 4

typedef struct team_t {
    int64_t id;                         /* TEAM_ID */
    char code[8];                       /* CODE, e.g. S01T03 */
    int64_t staff[STAFF_PER_TEAM];      /* STAFF_ID of the named officers */
    int64_t unalloc;                    /* staff id of the `…U` officer, 0 for prison teams */
    char staff_code[STAFF_PER_TEAM][8]; /* OFFICER_CODE of the named officers */
    char unalloc_code[8];               /* OFFICER_CODE of the `…U` officer */
} team_t;

typedef struct area_t {
    int64_t id;                       /* PROBATION_AREA_ID */
    char code[4];                     /* CODE: S01..S06, SP1, SP2 */
    bool prison;                      /* a prison area (no courts, projects or provider) */
    int nteams;                       /* teams[0..nteams) are used */
    team_t teams[MAX_TEAMS_PER_AREA]; /* the area's teams */
    int64_t uts_team;                 /* TEAM_ID of `{AREA}UTS` (delius-schema §12.2) */
    int64_t utso_staff;               /* STAFF_ID of `{AREA}UTSO` */
    int64_t provider_team;            /* PROVIDER_TEAM_ID (community areas) */
    int64_t provider_emp[2];          /* PROVIDER_EMPLOYEE_IDs (community areas) */
    int64_t courts[2];                /* COURT_IDs: magistrates', crown (community areas) */
    int64_t projects[3];              /* UPW_PROJECT_IDs (community areas) */
} area_t;

/* ------------------------------------------------------------------------------------------ */
/* The state of one seed run */

typedef struct seeder {
    db_conn *c;            /* the connection seeded */
    const seed_opts *o;    /* options of the run */
    char *err;             /* the caller's message buffer */
    size_t errlen;         /* its size */
    bool failed;           /* an error was recorded: everything else is a no-op */
    sd_tbuf t[T_COUNT];    /* row buffers, one per table */
    sd_tbuf *cur;          /* buffer of the row being written */
    /* organisation (org.c) */
    area_t areas[N_AREAS]; /* community areas first, then prison areas */
    int64_t loader_user;   /* USER_ID of SeedDataLoader: CREATED_BY / LAST_UPDATED of seeded rows */
    int64_t user_base;     /* USER_ id of named staff member k (1-based) = user_base + k - 1 */
    int nstaff;            /* named staff members (SeedUser001 ..) */
    /* reference data (reference.c): code sets of R_STANDARD_REFERENCE_LIST */
    refs gender;               /* GENDER */
    refs gender_identity;      /* GENDER IDENTITY */
    refs ethnicity;            /* ETHNICITY */
    refs language;             /* LANGUAGE */
    refs nationality;          /* NATIONALITY */
    refs religion;             /* RELIGION */
    refs sexual_orientation;   /* SEXUAL ORIENTATION */
    refs immigration_status;   /* IMMIGRATION STATUS */
    refs title;                /* TITLE */
    refs disability_type;      /* DISABILITY TYPE */
    refs disability_condition; /* DISABILITY CONDITION */
    refs provision_type;       /* DISABILITY PROVISION */
    refs provision_category;   /* DISABILITY PROVISION CATEGORY */
    refs relationship;         /* RELATIONSHIP */
    refs register_level;       /* REGISTER LEVEL */
    refs register_category;    /* REGISTER CATEGORY */
    refs nsi_outcome;          /* NSI OUTCOME */
    refs nsi_sub_type;         /* NSI SUB TYPE */
    refs address_status;       /* ADDRESS STATUS */
    refs address_type;         /* ADDRESS TYPE */
    refs allocation_reason;    /* OM ALLOCATION REASON */
    refs officer_grade;        /* OFFICER GRADE */
    refs court_type;           /* COURT TYPE */
    refs appearance_type;      /* COURT APPEARANCE TYPE */
    refs appearance_outcome;   /* COURT APPEARANCE OUTCOME */
    refs key_date_type;        /* KEY DATE TYPE */
    refs custodial_status;     /* CUSTODIAL STATUS */
    refs units;                /* UNITS */
    refs termination_reason;   /* DISPOSAL TERMINATION REASON */
    refs rqmnt_sub;            /* REQUIREMENT SUB CATEGORY */
    refs ad_rqmnt_sub;         /* ADDITIONAL REQUIREMENT SUB CATEGORY */
    refs rqmnt_termination;    /* REQUIREMENT TERMINATION REASON */
    refs lic_sub;              /* LICENCE CONDITION SUB CATEGORY */
    refs additional_sentence;  /* ADDITIONAL SENTENCE */
    refs upw_status;           /* UPW STATUS */
    refs inst_report_type;     /* INSTITUTIONAL REPORT TYPE */
    refs tier;                 /* TIER */
    refs tier_change_reason;   /* TIER CHANGE REASON */
    /* reference data: R_ tables */
    refs contact_type;         /* R_CONTACT_TYPE, not attendance (a1: SENSITIVE_CONTACT) */
    refs attendance_type;      /* R_CONTACT_TYPE, attendance and national standards */
    refs outcome_type;         /* R_CONTACT_OUTCOME_TYPE */
    refs disposal_custodial;   /* R_DISPOSAL_TYPE, SENTENCE_TYPE SC or NC */
    refs disposal_community;   /* R_DISPOSAL_TYPE, the others (code: SENTENCE_TYPE or "") */
    refs rqmnt_main;           /* R_RQMNT_TYPE_MAIN_CATEGORY */
    refs ad_rqmnt_main;        /* R_AD_RQMNT_TYPE_MAIN_CATEGORY */
    refs pss_main;             /* R_PSS_RQMNT_TYPE_MAIN_CATEGORY */
    refs pss_sub;              /* R_PSS_RQMNT_TYPE_SUB_CATEGORY */
    refs lic_main;             /* R_LIC_COND_TYPE_MAIN_CAT */
    refs nsi_type;             /* R_NSI_TYPE */
    refs nsi_status;           /* R_NSI_STATUS */
    refs register_type;        /* R_REGISTER_TYPE (a1: colour, a2: review period in months) */
    refs offence;              /* R_OFFENCE */
    refs court_report_type;    /* R_COURT_REPORT_TYPE */
    refs institution;          /* R_INSTITUTION (a1: ESTABLISHMENT) */
    refs circ_type;            /* R_CIRCUMSTANCE_TYPE */
    refs circ_sub;             /* R_CIRCUMSTANCE_SUB_TYPE */
    refs assessment_type;      /* R_ASSESSMENT_TYPE */
    refs referral_type;        /* R_REFERRAL_TYPE */
    refs transfer_reason;      /* R_TRANSFER_REASON */
    /* reference data: subsets (delius/codes.h) */
    refs bre_outcomes;         /* NSI OUTCOME: breach enforcement outcomes */
    refs rec_recall;           /* NSI OUTCOME: recall enforcement outcomes */
    refs rec_reject;           /* NSI OUTCOME: recall rejected (REC03..REC05) */
    refs rec_status;           /* R_NSI_STATUS REC01..REC10 */
    refs tiers_u;              /* TIER codes starting with U */
    /* ids of codes the APIs' logic depends on (0 when an optional code is absent) */
    int64_t id_rqmnt_upw;      /* R_RQMNT_TYPE_MAIN_CATEGORY W (unpaid work) */
    int64_t id_rqmnt_rar;      /* R_RQMNT_TYPE_MAIN_CATEGORY F (rehabilitation activity) */
    int64_t id_nsi_breach;     /* R_NSI_TYPE BRE */
    int64_t id_nsi_recall;     /* R_NSI_TYPE REC */
    int64_t id_addr_main;      /* ADDRESS STATUS M */
    int64_t id_addr_prev;      /* ADDRESS STATUS P (optional) */
    int64_t id_addr_sec;       /* ADDRESS STATUS S (optional) */
    int64_t id_app_sentence;   /* COURT APPEARANCE TYPE S */
    int64_t id_out_psr;        /* COURT APPEARANCE OUTCOME 101 (pre-sentence report requested) */
    int64_t id_cust_in;        /* CUSTODIAL STATUS A (in custody) */
    int64_t id_cust_licence;   /* CUSTODIAL STATUS B (released on licence) */
    int64_t id_units_months;   /* UNITS M */
    int64_t id_units_hours;    /* UNITS H (optional) */
    int64_t id_units_days;     /* UNITS D (optional) */
    int64_t id_register_mappa; /* R_REGISTER_TYPE MAPPA */
    int64_t id_lvl[3];         /* REGISTER LEVEL M1..M3 */
    int64_t id_cat[4];         /* REGISTER CATEGORY M1..M4 */
    int64_t id_key[9];         /* KEY DATE TYPE, in SD_KEY_CODES order */
    int64_t id_lang_english;   /* LANGUAGE 001 (optional) */
    /* progress */
    uint64_t t0;               /* start, monotonic ms */
    uint64_t last_progress;    /* last progress line, monotonic ms */
    long done;                 /* people generated */
} seeder;

/* The key date types, in the order of seeder.id_key (reference.c). */
extern const char *const SD_KEY_CODES[9];

/* One person being generated (person.c), passed to the event, contact and document code. */
typedef struct seed_person {
    rng r;                 /* the person's stream, seeded from (random_seed, p) */
    long p;                /* person number, 1..N */
    int64_t oid;           /* OFFENDER_ID */
    int area;              /* index of the community area */
    int64_t om_staff;      /* STAFF_ID of the active offender manager */
    int64_t om_team;       /* TEAM_ID of the active offender manager */
    int64_t om_area;       /* PROBATION_AREA_ID of the active offender manager */
    int64_t om_id;         /* OFFENDER_MANAGER_ID of the active offender manager */
    int64_t loader;        /* USER_ID of the loader (CREATED_BY_USER_ID …) */
    bool current_disposal; /* an active, non-deleted sentenced event exists */
    bool in_custody;       /* an active custodial or recall event exists */
    bool had_custody;      /* released on licence (and not in custody) */
    int custody_since;     /* day custody began (in_custody) */
    int rel_day;           /* release day of a licence event, NODATE */
    int64_t pom_id;        /* active PRISON_OFFENDER_MANAGER_ID, 0 */
    const char *surname;   /* SURNAME of the OFFENDER row (aliases reuse it), once written */
    int dob;               /* DATE_OF_BIRTH_DATE of the OFFENDER row, once written */
    int64_t gender;        /* GENDER_ID of the OFFENDER row, once written */
} seed_person;

/* ------------------------------------------------------------------------------------------ */
/* Column values of the row structures: a zero-initialised value is SQL NULL. */

typedef struct sd_int_t {
    bool set;  /* false: NULL */
    int64_t v; /* the value */
} sd_int_t;
typedef struct sd_num_t {
    bool set; /* false: NULL */
    double v; /* the value */
} sd_num_t;
typedef struct sd_date_t {
    bool set; /* false: NULL */
    int day;  /* days since 1970-01-01, written "YYYY-MM-DD" */
} sd_date_t;
typedef struct sd_ts_t {
    bool set; /* false: NULL */
    int day;  /* days since 1970-01-01 */
    int secs; /* seconds into the day; written "YYYY-MM-DDTHH:MM:SS" */
} sd_ts_t;
typedef enum sd_yn_t { SD_YN_NULL = 0, SD_YN_N, SD_YN_Y } sd_yn_t; /* a Y/N column */

#define SD_NULL_INT ((sd_int_t){0})
#define SD_NULL_NUM ((sd_num_t){0})
#define SD_NULL_DATE ((sd_date_t){0})
#define SD_NULL_TS ((sd_ts_t){0})
#define SD_NULL_YN SD_YN_NULL

static inline sd_int_t sd_int(int64_t v) { return (sd_int_t){.set = true, .v = v}; }
/* an id that is NULL when 0 */
static inline sd_int_t sd_int_nz(int64_t v) { return (sd_int_t){.set = v != 0, .v = v}; }
static inline sd_num_t sd_num(double v) { return (sd_num_t){.set = true, .v = v}; }
/* NULL when day is NODATE */
static inline sd_date_t sd_date(int day) { return (sd_date_t){.set = day != NODATE, .day = day}; }
static inline sd_ts_t sd_ts(int day, int secs) { return (sd_ts_t){.set = day != NODATE, .day = day, .secs = secs}; }
/* 1 = Y, 0 = N, -1 = NULL */
static inline sd_yn_t sd_yn(int v) { return v < 0 ? SD_YN_NULL : v ? SD_YN_Y : SD_YN_N; }

/* ------------------------------------------------------------------------------------------ */
/* Row structures, one per table (rows.c writes them) */

/* ORGANISATION */
struct row_organisation {
    int64_t organisation_id; /* ORGANISATION_ID */
    const char *code;        /* CODE */
    const char *description; /* DESCRIPTION */
    int64_t active_flag;     /* ACTIVE_FLAG */
};
void sd_put_organisation(seeder *g, const struct row_organisation *r);

/* PROBATION_AREA */
struct row_probation_area {
    int64_t probation_area_id; /* PROBATION_AREA_ID */
    const char *code;          /* CODE */
    const char *description;   /* DESCRIPTION */
    int64_t private;           /* PRIVATE */
    sd_yn_t selectable;        /* SELECTABLE */
    int64_t organisation_id;   /* ORGANISATION_ID */
    int64_t institution_id;    /* INSTITUTION_ID, 0 = NULL */
    const char *establishment; /* ESTABLISHMENT */
};
void sd_put_probation_area(seeder *g, const struct row_probation_area *r);

/* BOROUGH */
struct row_borough {
    int64_t borough_id;        /* BOROUGH_ID */
    const char *code;          /* CODE */
    const char *description;   /* DESCRIPTION */
    int64_t probation_area_id; /* PROBATION_AREA_ID */
    sd_yn_t selectable;        /* SELECTABLE */
};
void sd_put_borough(seeder *g, const struct row_borough *r);

/* DISTRICT */
struct row_district {
    int64_t district_id;     /* DISTRICT_ID */
    const char *code;        /* CODE */
    const char *description; /* DESCRIPTION */
    int64_t borough_id;      /* BOROUGH_ID */
    sd_yn_t selectable;      /* SELECTABLE */
};
void sd_put_district(seeder *g, const struct row_district *r);

/* LOCAL_DELIVERY_UNIT */
struct row_local_delivery_unit {
    int64_t local_delivery_unit_id; /* LOCAL_DELIVERY_UNIT_ID */
    const char *code;               /* CODE */
    const char *description;        /* DESCRIPTION */
    sd_yn_t selectable;             /* SELECTABLE */
};
void sd_put_local_delivery_unit(seeder *g, const struct row_local_delivery_unit *r);

/* TEAM */
struct row_team {
    int64_t team_id;                /* TEAM_ID */
    const char *code;               /* CODE */
    const char *description;        /* DESCRIPTION */
    const char *telephone;          /* TELEPHONE */
    const char *email_address;      /* EMAIL_ADDRESS */
    int64_t probation_area_id;      /* PROBATION_AREA_ID */
    int64_t district_id;            /* DISTRICT_ID */
    int64_t local_delivery_unit_id; /* LOCAL_DELIVERY_UNIT_ID, 0 = NULL */
    sd_date_t start_date;           /* START_DATE */
    sd_date_t end_date;             /* END_DATE */
    int64_t private;                /* PRIVATE */
};
void sd_put_team(seeder *g, const struct row_team *r);

/* STAFF */
struct row_staff {
    int64_t staff_id;          /* STAFF_ID */
    const char *officer_code;  /* OFFICER_CODE */
    const char *forename;      /* FORENAME */
    const char *forename2;     /* FORENAME2 */
    const char *surname;       /* SURNAME */
    int64_t staff_grade_id;    /* STAFF_GRADE_ID, 0 = NULL */
    int64_t probation_area_id; /* PROBATION_AREA_ID */
};
void sd_put_staff(seeder *g, const struct row_staff *r);

/* STAFF_TEAM */
struct row_staff_team {
    int64_t staff_id; /* STAFF_ID */
    int64_t team_id;  /* TEAM_ID */
};
void sd_put_staff_team(seeder *g, const struct row_staff_team *r);

/* USER_ */
struct row_user {
    int64_t user_id;                /* USER_ID */
    const char *distinguished_name; /* DISTINGUISHED_NAME */
    int64_t staff_id;               /* STAFF_ID, 0 = NULL */
    const char *forename;           /* FORENAME */
    const char *surname;            /* SURNAME */
};
void sd_put_user(seeder *g, const struct row_user *r);

/* PROVIDER_EMPLOYEE */
struct row_provider_employee {
    int64_t provider_employee_id; /* PROVIDER_EMPLOYEE_ID */
    const char *forename;         /* FORENAME */
    const char *forename2;        /* FORENAME2 */
    const char *surname;          /* SURNAME */
};
void sd_put_provider_employee(seeder *g, const struct row_provider_employee *r);

/* OFFICER */
struct row_officer {
    int64_t staff_employee_id;   /* STAFF_EMPLOYEE_ID */
    int64_t trust_provider_flag; /* TRUST_PROVIDER_FLAG */
    const char *forename;        /* FORENAME */
    const char *forename2;       /* FORENAME2 */
    const char *surname;         /* SURNAME */
};
void sd_put_officer(seeder *g, const struct row_officer *r);

/* EXTERNAL_PROVIDER */
struct row_external_provider {
    int64_t external_provider_id; /* EXTERNAL_PROVIDER_ID */
    const char *code;             /* CODE */
    const char *description;      /* DESCRIPTION */
};
void sd_put_external_provider(seeder *g, const struct row_external_provider *r);

/* PROVIDER_TEAM */
struct row_provider_team {
    int64_t provider_team_id;     /* PROVIDER_TEAM_ID */
    const char *code;             /* CODE */
    const char *name;             /* NAME */
    int64_t probation_area_id;    /* PROBATION_AREA_ID */
    int64_t external_provider_id; /* EXTERNAL_PROVIDER_ID */
};
void sd_put_provider_team(seeder *g, const struct row_provider_team *r);

/* COURT */
struct row_court {
    int64_t court_id;                 /* COURT_ID */
    const char *code;                 /* CODE */
    sd_yn_t selectable;               /* SELECTABLE */
    const char *court_name;           /* COURT_NAME */
    const char *telephone_number;     /* TELEPHONE_NUMBER */
    const char *fax_number;           /* FAX_NUMBER */
    const char *building_name;        /* BUILDING_NAME */
    const char *street;               /* STREET */
    const char *locality;             /* LOCALITY */
    const char *town;                 /* TOWN */
    const char *county;               /* COUNTY */
    const char *postcode;             /* POSTCODE */
    const char *country;              /* COUNTRY */
    int64_t court_type_id;            /* COURT_TYPE_ID, 0 = NULL */
    int64_t probation_area_id;        /* PROBATION_AREA_ID */
    const char *secure_email_address; /* SECURE_EMAIL_ADDRESS */
    sd_ts_t created_datetime;         /* CREATED_DATETIME */
    sd_ts_t last_updated_datetime;    /* LAST_UPDATED_DATETIME */
};
void sd_put_court(seeder *g, const struct row_court *r);

/* UPW_PROJECT */
struct row_upw_project {
    int64_t upw_project_id; /* UPW_PROJECT_ID */
    const char *name;       /* NAME */
};
void sd_put_upw_project(seeder *g, const struct row_upw_project *r);

/* OFFENDER */
struct row_offender {
    int64_t offender_id;                     /* OFFENDER_ID */
    const char *crn;                         /* CRN */
    const char *pnc_number;                  /* PNC_NUMBER */
    const char *cro_number;                  /* CRO_NUMBER */
    const char *noms_number;                 /* NOMS_NUMBER */
    const char *immigration_number;          /* IMMIGRATION_NUMBER */
    const char *ni_number;                   /* NI_NUMBER */
    const char *most_recent_prisoner_number; /* MOST_RECENT_PRISONER_NUMBER */
    int64_t title_id;                        /* TITLE_ID, 0 = NULL */
    const char *first_name;                  /* FIRST_NAME */
    const char *second_name;                 /* SECOND_NAME */
    const char *third_name;                  /* THIRD_NAME */
    const char *surname;                     /* SURNAME */
    const char *preferred_name;              /* PREFERRED_NAME */
    const char *previous_surname;            /* PREVIOUS_SURNAME */
    sd_date_t date_of_birth_date;            /* DATE_OF_BIRTH_DATE */
    int64_t gender_id;                       /* GENDER_ID */
    int64_t gender_identity_id;              /* GENDER_IDENTITY_ID, 0 = NULL */
    const char *gender_identity_description; /* GENDER_IDENTITY_DESCRIPTION */
    int64_t ethnicity_id;                    /* ETHNICITY_ID, 0 = NULL */
    int64_t nationality_id;                  /* NATIONALITY_ID, 0 = NULL */
    int64_t second_nationality_id;           /* SECOND_NATIONALITY_ID, 0 = NULL */
    int64_t immigration_status_id;           /* IMMIGRATION_STATUS_ID, 0 = NULL */
    int64_t religion_id;                     /* RELIGION_ID, 0 = NULL */
    int64_t sexual_orientation_id;           /* SEXUAL_ORIENTATION_ID, 0 = NULL */
    int64_t language_id;                     /* LANGUAGE_ID, 0 = NULL */
    const char *language_concerns;           /* LANGUAGE_CONCERNS */
    sd_yn_t interpreter_required;            /* INTERPRETER_REQUIRED */
    const char *telephone_number;            /* TELEPHONE_NUMBER */
    const char *mobile_number;               /* MOBILE_NUMBER */
    const char *e_mail_address;              /* E_MAIL_ADDRESS */
    sd_yn_t allow_sms;                       /* ALLOW_SMS */
    int64_t current_disposal;                /* CURRENT_DISPOSAL */
    const char *current_remand_status;       /* CURRENT_REMAND_STATUS */
    int64_t current_tier;                    /* CURRENT_TIER, 0 = NULL */
    sd_num_t dynamic_rsr_score;              /* DYNAMIC_RSR_SCORE */
    int64_t current_exclusion;               /* CURRENT_EXCLUSION */
    int64_t current_restriction;             /* CURRENT_RESTRICTION */
    const char *exclusion_message;           /* EXCLUSION_MESSAGE */
    const char *restriction_message;         /* RESTRICTION_MESSAGE */
    const char *current_highest_risk_colour; /* CURRENT_HIGHEST_RISK_COLOUR */
    const char *offender_details;            /* OFFENDER_DETAILS */
    int64_t partition_area_id;               /* PARTITION_AREA_ID */
    int64_t soft_deleted;                    /* SOFT_DELETED */
    int64_t row_version;                     /* ROW_VERSION */
    int64_t created_by_user_id;              /* CREATED_BY_USER_ID */
    sd_ts_t created_datetime;                /* CREATED_DATETIME */
    int64_t last_updated_user_id;            /* LAST_UPDATED_USER_ID */
    sd_ts_t last_updated_datetime;           /* LAST_UPDATED_DATETIME */
};
void sd_put_offender(seeder *g, const struct row_offender *r);

/* ALIAS */
struct row_alias {
    int64_t alias_id;             /* ALIAS_ID */
    int64_t offender_id;          /* OFFENDER_ID */
    const char *first_name;       /* FIRST_NAME */
    const char *second_name;      /* SECOND_NAME */
    const char *third_name;       /* THIRD_NAME */
    const char *surname;          /* SURNAME */
    sd_date_t date_of_birth_date; /* DATE_OF_BIRTH_DATE */
    int64_t gender_id;            /* GENDER_ID */
    int64_t soft_deleted;         /* SOFT_DELETED */
};
void sd_put_alias(seeder *g, const struct row_alias *r);

/* OFFENDER_ADDRESS */
struct row_offender_address {
    int64_t offender_address_id;   /* OFFENDER_ADDRESS_ID */
    int64_t offender_id;           /* OFFENDER_ID */
    int64_t address_status_id;     /* ADDRESS_STATUS_ID */
    int64_t address_type_id;       /* ADDRESS_TYPE_ID, 0 = NULL */
    const char *address_number;    /* ADDRESS_NUMBER */
    const char *building_name;     /* BUILDING_NAME */
    const char *street_name;       /* STREET_NAME */
    const char *district;          /* DISTRICT */
    const char *town_city;         /* TOWN_CITY */
    const char *county;            /* COUNTY */
    const char *postcode;          /* POSTCODE */
    const char *telephone_number;  /* TELEPHONE_NUMBER */
    sd_yn_t no_fixed_abode;        /* NO_FIXED_ABODE */
    sd_yn_t type_verified;         /* TYPE_VERIFIED */
    const char *notes;             /* NOTES */
    sd_date_t start_date;          /* START_DATE */
    sd_date_t end_date;            /* END_DATE */
    int64_t soft_deleted;          /* SOFT_DELETED */
    int64_t row_version;           /* ROW_VERSION */
    int64_t created_by_user_id;    /* CREATED_BY_USER_ID */
    sd_ts_t created_datetime;      /* CREATED_DATETIME */
    int64_t last_updated_user_id;  /* LAST_UPDATED_USER_ID */
    sd_ts_t last_updated_datetime; /* LAST_UPDATED_DATETIME */
};
void sd_put_offender_address(seeder *g, const struct row_offender_address *r);

/* ADDRESS_ASSESSMENT */
struct row_address_assessment {
    int64_t address_assessment_id; /* ADDRESS_ASSESSMENT_ID */
    int64_t offender_address_id;   /* OFFENDER_ADDRESS_ID */
    sd_ts_t assessment_date;       /* ASSESSMENT_DATE */
    int64_t soft_deleted;          /* SOFT_DELETED */
};
void sd_put_address_assessment(seeder *g, const struct row_address_assessment *r);

/* ADDRESS */
struct row_address {
    int64_t address_id;           /* ADDRESS_ID */
    const char *building_name;    /* BUILDING_NAME */
    const char *address_number;   /* ADDRESS_NUMBER */
    const char *street_name;      /* STREET_NAME */
    const char *district;         /* DISTRICT */
    const char *town_city;        /* TOWN_CITY */
    const char *county;           /* COUNTY */
    const char *postcode;         /* POSTCODE */
    const char *telephone_number; /* TELEPHONE_NUMBER */
    int64_t soft_deleted;         /* SOFT_DELETED */
};
void sd_put_address(seeder *g, const struct row_address *r);

/* DISABILITY */
struct row_disability {
    int64_t disability_id;           /* DISABILITY_ID */
    int64_t offender_id;             /* OFFENDER_ID */
    int64_t disability_type_id;      /* DISABILITY_TYPE_ID */
    int64_t disability_condition_id; /* DISABILITY_CONDITION_ID, 0 = NULL */
    sd_date_t start_date;            /* START_DATE */
    sd_date_t finish_date;           /* FINISH_DATE */
    const char *notes;               /* NOTES */
    sd_ts_t last_updated_datetime;   /* LAST_UPDATED_DATETIME */
    int64_t soft_deleted;            /* SOFT_DELETED */
};
void sd_put_disability(seeder *g, const struct row_disability *r);

/* PROVISION */
struct row_provision {
    int64_t provision_id;          /* PROVISION_ID */
    int64_t offender_id;           /* OFFENDER_ID */
    int64_t provision_type_id;     /* PROVISION_TYPE_ID */
    int64_t provision_category_id; /* PROVISION_CATEGORY_ID, 0 = NULL */
    sd_date_t start_date;          /* START_DATE */
    sd_date_t finish_date;         /* FINISH_DATE */
    const char *notes;             /* NOTES */
    sd_ts_t last_updated_datetime; /* LAST_UPDATED_DATETIME */
    int64_t soft_deleted;          /* SOFT_DELETED */
};
void sd_put_provision(seeder *g, const struct row_provision *r);

/* PERSONAL_CIRCUMSTANCE */
struct row_personal_circumstance {
    int64_t personal_circumstance_id; /* PERSONAL_CIRCUMSTANCE_ID */
    int64_t offender_id;              /* OFFENDER_ID */
    int64_t circumstance_type_id;     /* CIRCUMSTANCE_TYPE_ID */
    int64_t circumstance_sub_type_id; /* CIRCUMSTANCE_SUB_TYPE_ID, 0 = NULL */
    const char *notes;                /* NOTES */
    sd_date_t start_date;             /* START_DATE */
    sd_date_t end_date;               /* END_DATE */
    sd_yn_t evidenced;                /* EVIDENCED */
    int64_t soft_deleted;             /* SOFT_DELETED */
};
void sd_put_personal_circumstance(seeder *g, const struct row_personal_circumstance *r);

/* PERSONAL_CONTACT */
struct row_personal_contact {
    int64_t personal_contact_id;  /* PERSONAL_CONTACT_ID */
    int64_t offender_id;          /* OFFENDER_ID */
    const char *relationship;     /* RELATIONSHIP */
    int64_t relationship_type_id; /* RELATIONSHIP_TYPE_ID */
    const char *first_name;       /* FIRST_NAME */
    const char *other_names;      /* OTHER_NAMES */
    const char *surname;          /* SURNAME */
    const char *mobile_number;    /* MOBILE_NUMBER */
    int64_t address_id;           /* ADDRESS_ID, 0 = NULL */
    sd_date_t start_date;         /* START_DATE */
    sd_date_t end_date;           /* END_DATE */
    int64_t soft_deleted;         /* SOFT_DELETED */
};
void sd_put_personal_contact(seeder *g, const struct row_personal_contact *r);

/* EXCLUSION */
struct row_exclusion {
    int64_t exclusion_id;       /* EXCLUSION_ID */
    int64_t offender_id;        /* OFFENDER_ID */
    int64_t user_id;            /* USER_ID */
    sd_ts_t exclusion_date;     /* EXCLUSION_DATE */
    sd_ts_t exclusion_end_time; /* EXCLUSION_END_TIME */
};
void sd_put_exclusion(seeder *g, const struct row_exclusion *r);

/* RESTRICTION */
struct row_restriction {
    int64_t restriction_id;       /* RESTRICTION_ID */
    int64_t offender_id;          /* OFFENDER_ID */
    int64_t user_id;              /* USER_ID */
    sd_ts_t restriction_time;     /* RESTRICTION_TIME */
    sd_ts_t restriction_end_time; /* RESTRICTION_END_TIME */
};
void sd_put_restriction(seeder *g, const struct row_restriction *r);

/* OFFENDER_MANAGER */
struct row_offender_manager {
    int64_t offender_manager_id;    /* OFFENDER_MANAGER_ID */
    int64_t offender_id;            /* OFFENDER_ID */
    int64_t allocation_staff_id;    /* ALLOCATION_STAFF_ID */
    int64_t team_id;                /* TEAM_ID */
    int64_t probation_area_id;      /* PROBATION_AREA_ID */
    int64_t staff_employee_id;      /* STAFF_EMPLOYEE_ID */
    int64_t trust_provider_flag;    /* TRUST_PROVIDER_FLAG */
    const char *officer_code;       /* OFFICER_CODE */
    int64_t provider_employee_id;   /* PROVIDER_EMPLOYEE_ID, 0 = NULL */
    int64_t provider_team_id;       /* PROVIDER_TEAM_ID, 0 = NULL */
    int64_t trust_provider_team_id; /* TRUST_PROVIDER_TEAM_ID, 0 = NULL */
    int64_t partition_area_id;      /* PARTITION_AREA_ID */
    int64_t allocation_reason_id;   /* ALLOCATION_REASON_ID */
    sd_ts_t allocation_date;        /* ALLOCATION_DATE */
    sd_date_t end_date;             /* END_DATE */
    int64_t active_flag;            /* ACTIVE_FLAG */
    int64_t soft_deleted;           /* SOFT_DELETED */
};
void sd_put_offender_manager(seeder *g, const struct row_offender_manager *r);

/* PRISON_OFFENDER_MANAGER */
struct row_prison_offender_manager {
    int64_t prison_offender_manager_id; /* PRISON_OFFENDER_MANAGER_ID */
    int64_t offender_id;                /* OFFENDER_ID */
    int64_t allocation_staff_id;        /* ALLOCATION_STAFF_ID */
    int64_t allocation_team_id;         /* ALLOCATION_TEAM_ID */
    int64_t probation_area_id;          /* PROBATION_AREA_ID */
    int64_t allocation_reason_id;       /* ALLOCATION_REASON_ID, 0 = NULL */
    sd_ts_t allocation_date;            /* ALLOCATION_DATE */
    sd_ts_t end_date;                   /* END_DATE */
    const char *telephone_number;       /* TELEPHONE_NUMBER */
    const char *email_address;          /* EMAIL_ADDRESS */
    int64_t active_flag;                /* ACTIVE_FLAG */
    int64_t soft_deleted;               /* SOFT_DELETED */
    int64_t row_version;                /* ROW_VERSION */
    int64_t created_by_user_id;         /* CREATED_BY_USER_ID */
    sd_ts_t created_datetime;           /* CREATED_DATETIME */
    int64_t last_updated_user_id;       /* LAST_UPDATED_USER_ID */
    sd_ts_t last_updated_datetime;      /* LAST_UPDATED_DATETIME */
};
void sd_put_prison_offender_manager(seeder *g, const struct row_prison_offender_manager *r);

/* RESPONSIBLE_OFFICER */
struct row_responsible_officer {
    int64_t responsible_officer_id;     /* RESPONSIBLE_OFFICER_ID */
    int64_t offender_id;                /* OFFENDER_ID */
    int64_t offender_manager_id;        /* OFFENDER_MANAGER_ID, 0 = NULL */
    int64_t prison_offender_manager_id; /* PRISON_OFFENDER_MANAGER_ID, 0 = NULL */
    sd_ts_t start_date;                 /* START_DATE */
    sd_ts_t end_date;                   /* END_DATE */
};
void sd_put_responsible_officer(seeder *g, const struct row_responsible_officer *r);

/* MANAGEMENT_TIER */
struct row_management_tier {
    int64_t offender_id;           /* OFFENDER_ID */
    int64_t tier_id;               /* TIER_ID */
    sd_ts_t date_changed;          /* DATE_CHANGED */
    int64_t tier_change_reason_id; /* TIER_CHANGE_REASON_ID */
    sd_ts_t end_date;              /* END_DATE */
    int64_t partition_area_id;     /* PARTITION_AREA_ID */
    int64_t soft_deleted;          /* SOFT_DELETED */
    int64_t row_version;           /* ROW_VERSION */
    int64_t created_by_user_id;    /* CREATED_BY_USER_ID */
    sd_ts_t created_datetime;      /* CREATED_DATETIME */
    int64_t last_updated_user_id;  /* LAST_UPDATED_USER_ID */
    sd_ts_t last_updated_datetime; /* LAST_UPDATED_DATETIME */
};
void sd_put_management_tier(seeder *g, const struct row_management_tier *r);

/* EVENT */
struct row_event {
    int64_t event_id;              /* EVENT_ID */
    int64_t offender_id;           /* OFFENDER_ID */
    const char *event_number;      /* EVENT_NUMBER */
    sd_date_t referral_date;       /* REFERRAL_DATE */
    sd_date_t conviction_date;     /* CONVICTION_DATE */
    int64_t in_breach;             /* IN_BREACH */
    sd_date_t breach_end;          /* BREACH_END */
    int64_t ftc_count;             /* FTC_COUNT */
    int64_t court_id;              /* COURT_ID, 0 = NULL */
    int64_t active_flag;           /* ACTIVE_FLAG */
    int64_t soft_deleted;          /* SOFT_DELETED */
    int64_t row_version;           /* ROW_VERSION */
    int64_t created_by_user_id;    /* CREATED_BY_USER_ID */
    sd_ts_t created_datetime;      /* CREATED_DATETIME */
    int64_t last_updated_user_id;  /* LAST_UPDATED_USER_ID */
    sd_ts_t last_updated_datetime; /* LAST_UPDATED_DATETIME */
};
void sd_put_event(seeder *g, const struct row_event *r);

/* DISPOSAL */
struct row_disposal {
    int64_t disposal_id;                    /* DISPOSAL_ID */
    int64_t event_id;                       /* EVENT_ID */
    int64_t disposal_type_id;               /* DISPOSAL_TYPE_ID */
    sd_date_t disposal_date;                /* DISPOSAL_DATE */
    sd_ts_t notional_end_date;              /* NOTIONAL_END_DATE */
    sd_date_t entered_notional_end_date;    /* ENTERED_NOTIONAL_END_DATE */
    sd_date_t termination_date;             /* TERMINATION_DATE */
    int64_t disposal_termination_reason_id; /* DISPOSAL_TERMINATION_REASON_ID, 0 = NULL */
    int64_t entry_length;                   /* ENTRY_LENGTH */
    int64_t entry_length_units_id;          /* ENTRY_LENGTH_UNITS_ID */
    sd_int_t length_2;                      /* LENGTH_2 */
    int64_t entry_length_2_units_id;        /* ENTRY_LENGTH_2_UNITS_ID, 0 = NULL */
    int64_t length;                         /* LENGTH */
    sd_int_t effective_length;              /* EFFECTIVE_LENGTH */
    sd_int_t length_in_days;                /* LENGTH_IN_DAYS */
    int64_t upw;                            /* UPW */
    int64_t active_flag;                    /* ACTIVE_FLAG */
    int64_t soft_deleted;                   /* SOFT_DELETED */
};
void sd_put_disposal(seeder *g, const struct row_disposal *r);

/* CUSTODY */
struct row_custody {
    int64_t custody_id;          /* CUSTODY_ID */
    int64_t disposal_id;         /* DISPOSAL_ID */
    int64_t custodial_status_id; /* CUSTODIAL_STATUS_ID */
    const char *prisoner_number; /* PRISONER_NUMBER */
    int64_t institution_id;      /* INSTITUTION_ID */
    const char *establishment;   /* ESTABLISHMENT */
    sd_date_t pss_start_date;    /* PSS_START_DATE */
    int64_t soft_deleted;        /* SOFT_DELETED */
};
void sd_put_custody(seeder *g, const struct row_custody *r);

/* KEY_DATE */
struct row_key_date {
    int64_t key_date_id;      /* KEY_DATE_ID */
    int64_t custody_id;       /* CUSTODY_ID */
    int64_t key_date_type_id; /* KEY_DATE_TYPE_ID */
    sd_date_t key_date;       /* KEY_DATE */
    int64_t soft_deleted;     /* SOFT_DELETED */
};
void sd_put_key_date(seeder *g, const struct row_key_date *r);

/* RELEASE */
struct row_release {
    int64_t release_id;          /* RELEASE_ID */
    int64_t custody_id;          /* CUSTODY_ID */
    sd_ts_t actual_release_date; /* ACTUAL_RELEASE_DATE */
    int64_t soft_deleted;        /* SOFT_DELETED */
};
void sd_put_release(seeder *g, const struct row_release *r);

/* MAIN_OFFENCE */
struct row_main_offence {
    int64_t main_offence_id;       /* MAIN_OFFENCE_ID */
    int64_t event_id;              /* EVENT_ID */
    int64_t offender_id;           /* OFFENDER_ID */
    int64_t offence_id;            /* OFFENCE_ID */
    sd_date_t offence_date;        /* OFFENCE_DATE */
    int64_t offence_count;         /* OFFENCE_COUNT */
    sd_int_t tics;                 /* TICS */
    const char *verdict;           /* VERDICT */
    sd_ts_t created_datetime;      /* CREATED_DATETIME */
    sd_ts_t last_updated_datetime; /* LAST_UPDATED_DATETIME */
    int64_t soft_deleted;          /* SOFT_DELETED */
};
void sd_put_main_offence(seeder *g, const struct row_main_offence *r);

/* ADDITIONAL_OFFENCE */
struct row_additional_offence {
    int64_t additional_offence_id; /* ADDITIONAL_OFFENCE_ID */
    int64_t event_id;              /* EVENT_ID */
    int64_t offence_id;            /* OFFENCE_ID */
    sd_date_t offence_date;        /* OFFENCE_DATE */
    int64_t offence_count;         /* OFFENCE_COUNT */
    sd_ts_t created_datetime;      /* CREATED_DATETIME */
    sd_ts_t last_updated_datetime; /* LAST_UPDATED_DATETIME */
    int64_t soft_deleted;          /* SOFT_DELETED */
};
void sd_put_additional_offence(seeder *g, const struct row_additional_offence *r);

/* ADDITIONAL_SENTENCE */
struct row_additional_sentence {
    int64_t additional_sentence_id;      /* ADDITIONAL_SENTENCE_ID */
    int64_t event_id;                    /* EVENT_ID */
    int64_t additional_sentence_type_id; /* ADDITIONAL_SENTENCE_TYPE_ID */
    sd_num_t amount;                     /* AMOUNT */
    sd_int_t length;                     /* LENGTH */
    const char *notes;                   /* NOTES */
    int64_t soft_deleted;                /* SOFT_DELETED */
};
void sd_put_additional_sentence(seeder *g, const struct row_additional_sentence *r);

/* RQMNT */
struct row_rqmnt {
    int64_t rqmnt_id;                       /* RQMNT_ID */
    int64_t disposal_id;                    /* DISPOSAL_ID */
    const char *rqmnt_notes;                /* RQMNT_NOTES */
    sd_date_t commencement_date;            /* COMMENCEMENT_DATE */
    sd_date_t start_date;                   /* START_DATE */
    sd_date_t termination_date;             /* TERMINATION_DATE */
    sd_date_t expected_start_date;          /* EXPECTED_START_DATE */
    sd_date_t expected_end_date;            /* EXPECTED_END_DATE */
    int64_t rqmnt_type_main_category_id;    /* RQMNT_TYPE_MAIN_CATEGORY_ID, 0 = NULL */
    int64_t rqmnt_type_sub_category_id;     /* RQMNT_TYPE_SUB_CATEGORY_ID, 0 = NULL */
    int64_t ad_rqmnt_type_main_category_id; /* AD_RQMNT_TYPE_MAIN_CATEGORY_ID, 0 = NULL */
    int64_t ad_rqmnt_type_sub_category_id;  /* AD_RQMNT_TYPE_SUB_CATEGORY_ID, 0 = NULL */
    int64_t rqmnt_termination_reason_id;    /* RQMNT_TERMINATION_REASON_ID, 0 = NULL */
    int64_t length;                         /* LENGTH */
    sd_int_t rar_count;                     /* RAR_COUNT */
    sd_ts_t created_datetime;               /* CREATED_DATETIME */
    int64_t active_flag;                    /* ACTIVE_FLAG */
    int64_t soft_deleted;                   /* SOFT_DELETED */
};
void sd_put_rqmnt(seeder *g, const struct row_rqmnt *r);

/* LIC_CONDITION */
struct row_lic_condition {
    int64_t lic_condition_id;          /* LIC_CONDITION_ID */
    int64_t disposal_id;               /* DISPOSAL_ID */
    sd_date_t start_date;              /* START_DATE */
    sd_date_t commencement_date;       /* COMMENCEMENT_DATE */
    const char *commencement_notes;    /* COMMENCEMENT_NOTES */
    sd_date_t termination_date;        /* TERMINATION_DATE */
    const char *termination_notes;     /* TERMINATION_NOTES */
    int64_t lic_cond_type_main_cat_id; /* LIC_COND_TYPE_MAIN_CAT_ID, 0 = NULL */
    int64_t lic_cond_type_sub_cat_id;  /* LIC_COND_TYPE_SUB_CAT_ID, 0 = NULL */
    const char *lic_condition_notes;   /* LIC_CONDITION_NOTES */
    sd_ts_t created_datetime;          /* CREATED_DATETIME */
    int64_t active_flag;               /* ACTIVE_FLAG */
    int64_t soft_deleted;              /* SOFT_DELETED */
};
void sd_put_lic_condition(seeder *g, const struct row_lic_condition *r);

/* PSS_RQMNT */
struct row_pss_rqmnt {
    int64_t pss_rqmnt_id;               /* PSS_RQMNT_ID */
    int64_t custody_id;                 /* CUSTODY_ID */
    int64_t pss_rqmnt_type_main_cat_id; /* PSS_RQMNT_TYPE_MAIN_CAT_ID, 0 = NULL */
    int64_t pss_rqmnt_type_sub_cat_id;  /* PSS_RQMNT_TYPE_SUB_CAT_ID, 0 = NULL */
    int64_t active_flag;                /* ACTIVE_FLAG */
    int64_t soft_deleted;               /* SOFT_DELETED */
};
void sd_put_pss_rqmnt(seeder *g, const struct row_pss_rqmnt *r);

/* UPW_DETAILS */
struct row_upw_details {
    int64_t upw_details_id;     /* UPW_DETAILS_ID */
    int64_t disposal_id;        /* DISPOSAL_ID */
    int64_t upw_length_minutes; /* UPW_LENGTH_MINUTES */
    int64_t upw_status_id;      /* UPW_STATUS_ID */
    int64_t soft_deleted;       /* SOFT_DELETED */
};
void sd_put_upw_details(seeder *g, const struct row_upw_details *r);

/* UPW_APPOINTMENT */
struct row_upw_appointment {
    int64_t upw_appointment_id; /* UPW_APPOINTMENT_ID */
    int64_t upw_details_id;     /* UPW_DETAILS_ID */
    int64_t upw_project_id;     /* UPW_PROJECT_ID */
    sd_date_t appointment_date; /* APPOINTMENT_DATE */
    sd_int_t minutes_credited;  /* MINUTES_CREDITED */
    sd_yn_t attended;           /* ATTENDED */
    sd_yn_t complied;           /* COMPLIED */
    int64_t soft_deleted;       /* SOFT_DELETED */
};
void sd_put_upw_appointment(seeder *g, const struct row_upw_appointment *r);

/* ORDER_MANAGER */
struct row_order_manager {
    int64_t order_manager_id;       /* ORDER_MANAGER_ID */
    int64_t event_id;               /* EVENT_ID */
    int64_t allocation_staff_id;    /* ALLOCATION_STAFF_ID */
    int64_t allocation_team_id;     /* ALLOCATION_TEAM_ID, 0 = NULL */
    int64_t probation_area_id;      /* PROBATION_AREA_ID */
    sd_ts_t allocation_date;        /* ALLOCATION_DATE */
    sd_ts_t end_date;               /* END_DATE */
    int64_t allocation_reason_id;   /* ALLOCATION_REASON_ID, 0 = NULL */
    int64_t provider_employee_id;   /* PROVIDER_EMPLOYEE_ID, 0 = NULL */
    int64_t provider_team_id;       /* PROVIDER_TEAM_ID, 0 = NULL */
    int64_t transfer_reason_id;     /* TRANSFER_REASON_ID, 0 = NULL */
    int64_t staff_employee_id;      /* STAFF_EMPLOYEE_ID */
    int64_t trust_provider_flag;    /* TRUST_PROVIDER_FLAG */
    int64_t trust_provider_team_id; /* TRUST_PROVIDER_TEAM_ID, 0 = NULL */
    int64_t active_flag;            /* ACTIVE_FLAG */
    int64_t soft_deleted;           /* SOFT_DELETED */
};
void sd_put_order_manager(seeder *g, const struct row_order_manager *r);

/* COURT_APPEARANCE */
struct row_court_appearance {
    int64_t court_appearance_id; /* COURT_APPEARANCE_ID */
    int64_t event_id;            /* EVENT_ID */
    int64_t offender_id;         /* OFFENDER_ID */
    int64_t court_id;            /* COURT_ID */
    sd_ts_t appearance_date;     /* APPEARANCE_DATE */
    int64_t appearance_type_id;  /* APPEARANCE_TYPE_ID */
    int64_t outcome_id;          /* OUTCOME_ID, 0 = NULL */
    int64_t soft_deleted;        /* SOFT_DELETED */
};
void sd_put_court_appearance(seeder *g, const struct row_court_appearance *r);

/* COURT_REPORT */
struct row_court_report {
    int64_t court_report_id;                /* COURT_REPORT_ID */
    int64_t offender_id;                    /* OFFENDER_ID */
    int64_t court_appearance_id;            /* COURT_APPEARANCE_ID */
    int64_t court_report_type_id;           /* COURT_REPORT_TYPE_ID, 0 = NULL */
    int64_t delivered_court_report_type_id; /* DELIVERED_COURT_REPORT_TYPE_ID, 0 = NULL */
    sd_ts_t date_requested;                 /* DATE_REQUESTED */
    sd_ts_t date_required;                  /* DATE_REQUIRED */
    sd_ts_t allocation_date;                /* ALLOCATION_DATE */
    sd_ts_t completed_date;                 /* COMPLETED_DATE */
    sd_ts_t sent_to_court_date;             /* SENT_TO_COURT_DATE */
    sd_ts_t received_by_court_date;         /* RECEIVED_BY_COURT_DATE */
    int64_t soft_deleted;                   /* SOFT_DELETED */
};
void sd_put_court_report(seeder *g, const struct row_court_report *r);

/* REPORT_MANAGER */
struct row_report_manager {
    int64_t report_manager_id; /* REPORT_MANAGER_ID */
    int64_t court_report_id;   /* COURT_REPORT_ID */
    int64_t staff_id;          /* STAFF_ID, 0 = NULL */
    int64_t active_flag;       /* ACTIVE_FLAG */
    int64_t soft_deleted;      /* SOFT_DELETED */
};
void sd_put_report_manager(seeder *g, const struct row_report_manager *r);

/* NSI */
struct row_nsi {
    int64_t nsi_id;                 /* NSI_ID */
    int64_t offender_id;            /* OFFENDER_ID */
    int64_t event_id;               /* EVENT_ID, 0 = NULL */
    int64_t nsi_type_id;            /* NSI_TYPE_ID */
    int64_t nsi_sub_type_id;        /* NSI_SUB_TYPE_ID, 0 = NULL */
    int64_t nsi_status_id;          /* NSI_STATUS_ID */
    sd_ts_t nsi_status_date;        /* NSI_STATUS_DATE */
    int64_t nsi_outcome_id;         /* NSI_OUTCOME_ID, 0 = NULL */
    sd_date_t referral_date;        /* REFERRAL_DATE */
    sd_date_t actual_start_date;    /* ACTUAL_START_DATE */
    sd_date_t expected_start_date;  /* EXPECTED_START_DATE */
    sd_date_t actual_end_date;      /* ACTUAL_END_DATE */
    sd_date_t expected_end_date;    /* EXPECTED_END_DATE */
    int64_t rqmnt_id;               /* RQMNT_ID, 0 = NULL */
    sd_int_t length;                /* LENGTH */
    const char *notes;              /* NOTES */
    const char *external_reference; /* EXTERNAL_REFERENCE */
    int64_t intended_provider_id;   /* INTENDED_PROVIDER_ID, 0 = NULL */
    int64_t active_flag;            /* ACTIVE_FLAG */
    int64_t soft_deleted;           /* SOFT_DELETED */
};
void sd_put_nsi(seeder *g, const struct row_nsi *r);

/* NSI_MANAGER */
struct row_nsi_manager {
    int64_t nsi_manager_id;    /* NSI_MANAGER_ID */
    int64_t nsi_id;            /* NSI_ID */
    int64_t staff_id;          /* STAFF_ID */
    int64_t team_id;           /* TEAM_ID */
    int64_t probation_area_id; /* PROBATION_AREA_ID */
    sd_ts_t start_date;        /* START_DATE */
    sd_ts_t end_date;          /* END_DATE */
    int64_t active_flag;       /* ACTIVE_FLAG */
    int64_t soft_deleted;      /* SOFT_DELETED */
};
void sd_put_nsi_manager(seeder *g, const struct row_nsi_manager *r);

/* REGISTRATION */
struct row_registration {
    int64_t registration_id;        /* REGISTRATION_ID */
    int64_t offender_id;            /* OFFENDER_ID */
    int64_t register_type_id;       /* REGISTER_TYPE_ID */
    int64_t register_level_id;      /* REGISTER_LEVEL_ID, 0 = NULL */
    int64_t register_category_id;   /* REGISTER_CATEGORY_ID, 0 = NULL */
    sd_date_t registration_date;    /* REGISTRATION_DATE */
    sd_date_t next_review_date;     /* NEXT_REVIEW_DATE */
    const char *registration_notes; /* REGISTRATION_NOTES */
    int64_t registering_team_id;    /* REGISTERING_TEAM_ID */
    int64_t registering_staff_id;   /* REGISTERING_STAFF_ID */
    int64_t deregistered;           /* DEREGISTERED */
    sd_ts_t created_datetime;       /* CREATED_DATETIME */
    int64_t soft_deleted;           /* SOFT_DELETED */
};
void sd_put_registration(seeder *g, const struct row_registration *r);

/* DEREGISTRATION */
struct row_deregistration {
    int64_t deregistration_id;       /* DEREGISTRATION_ID */
    int64_t registration_id;         /* REGISTRATION_ID */
    sd_date_t deregistration_date;   /* DEREGISTRATION_DATE */
    int64_t deregistering_team_id;   /* DEREGISTERING_TEAM_ID */
    int64_t deregistering_staff_id;  /* DEREGISTERING_STAFF_ID */
    const char *deregistering_notes; /* DEREGISTERING_NOTES */
    sd_ts_t created_datetime;        /* CREATED_DATETIME */
    int64_t soft_deleted;            /* SOFT_DELETED */
};
void sd_put_deregistration(seeder *g, const struct row_deregistration *r);

/* OASYS_ASSESSMENT */
struct row_oasys_assessment {
    int64_t oasys_assessment_id;   /* OASYS_ASSESSMENT_ID */
    int64_t offender_id;           /* OFFENDER_ID */
    sd_date_t assessment_date;     /* ASSESSMENT_DATE */
    sd_int_t ogrs_score_2;         /* OGRS_SCORE_2 */
    sd_ts_t last_updated_datetime; /* LAST_UPDATED_DATETIME */
    int64_t soft_deleted;          /* SOFT_DELETED */
};
void sd_put_oasys_assessment(seeder *g, const struct row_oasys_assessment *r);

/* OGRS_ASSESSMENT */
struct row_ogrs_assessment {
    int64_t ogrs_assessment_id;    /* OGRS_ASSESSMENT_ID */
    int64_t event_id;              /* EVENT_ID */
    sd_date_t assessment_date;     /* ASSESSMENT_DATE */
    sd_int_t ogrs3_score_2;        /* OGRS3_SCORE_2 */
    sd_ts_t last_updated_datetime; /* LAST_UPDATED_DATETIME */
    int64_t soft_deleted;          /* SOFT_DELETED */
};
void sd_put_ogrs_assessment(seeder *g, const struct row_ogrs_assessment *r);

/* CONTACT */
struct row_contact {
    int64_t contact_id;              /* CONTACT_ID */
    int64_t offender_id;             /* OFFENDER_ID */
    int64_t event_id;                /* EVENT_ID, 0 = NULL */
    int64_t contact_type_id;         /* CONTACT_TYPE_ID */
    sd_date_t contact_date;          /* CONTACT_DATE */
    sd_ts_t contact_start_time;      /* CONTACT_START_TIME */
    int64_t contact_outcome_type_id; /* CONTACT_OUTCOME_TYPE_ID, 0 = NULL */
    sd_int_t enforcement;            /* ENFORCEMENT */
    sd_yn_t attended;                /* ATTENDED */
    sd_yn_t complied;                /* COMPLIED */
    const char *notes;               /* NOTES */
    int64_t staff_id;                /* STAFF_ID */
    int64_t team_id;                 /* TEAM_ID */
    int64_t probation_area_id;       /* PROBATION_AREA_ID */
    int64_t staff_employee_id;       /* STAFF_EMPLOYEE_ID */
    int64_t trust_provider_team_id;  /* TRUST_PROVIDER_TEAM_ID, 0 = NULL */
    int64_t trust_provider_flag;     /* TRUST_PROVIDER_FLAG */
    const char *external_reference;  /* EXTERNAL_REFERENCE */
    const char *sensitive;           /* SENSITIVE */
    sd_yn_t document_linked;         /* DOCUMENT_LINKED */
    int64_t partition_area_id;       /* PARTITION_AREA_ID */
    int64_t soft_deleted;            /* SOFT_DELETED */
    int64_t row_version;             /* ROW_VERSION */
    int64_t created_by_user_id;      /* CREATED_BY_USER_ID */
    sd_ts_t created_datetime;        /* CREATED_DATETIME */
    int64_t last_updated_user_id;    /* LAST_UPDATED_USER_ID */
    sd_ts_t last_updated_datetime;   /* LAST_UPDATED_DATETIME */
};
void sd_put_contact(seeder *g, const struct row_contact *r);

/* APPROVED_PREMISES_REFERRAL */
struct row_approved_premises_referral {
    int64_t approved_premises_referral_id; /* APPROVED_PREMISES_REFERRAL_ID */
    int64_t offender_id;                   /* OFFENDER_ID */
    int64_t event_id;                      /* EVENT_ID */
    sd_date_t referral_date;               /* REFERRAL_DATE */
    int64_t soft_deleted;                  /* SOFT_DELETED */
};
void sd_put_approved_premises_referral(seeder *g, const struct row_approved_premises_referral *r);

/* REFERRAL */
struct row_referral {
    int64_t referral_id;      /* REFERRAL_ID */
    int64_t offender_id;      /* OFFENDER_ID */
    int64_t event_id;         /* EVENT_ID */
    int64_t referral_type_id; /* REFERRAL_TYPE_ID */
    sd_date_t referral_date;  /* REFERRAL_DATE */
    int64_t soft_deleted;     /* SOFT_DELETED */
};
void sd_put_referral(seeder *g, const struct row_referral *r);

/* ASSESSMENT */
struct row_assessment {
    int64_t assessment_id;      /* ASSESSMENT_ID */
    int64_t offender_id;        /* OFFENDER_ID */
    int64_t assessment_type_id; /* ASSESSMENT_TYPE_ID */
    int64_t referral_id;        /* REFERRAL_ID, 0 = NULL */
    sd_date_t assessment_date;  /* ASSESSMENT_DATE */
    int64_t soft_deleted;       /* SOFT_DELETED */
};
void sd_put_assessment(seeder *g, const struct row_assessment *r);

/* CASE_ALLOCATION */
struct row_case_allocation {
    int64_t case_allocation_id; /* CASE_ALLOCATION_ID */
    int64_t offender_id;        /* OFFENDER_ID */
    int64_t event_id;           /* EVENT_ID */
    int64_t soft_deleted;       /* SOFT_DELETED */
};
void sd_put_case_allocation(seeder *g, const struct row_case_allocation *r);

/* INSTITUTIONAL_REPORT */
struct row_institutional_report {
    int64_t institutional_report_id;    /* INSTITUTIONAL_REPORT_ID */
    int64_t offender_id;                /* OFFENDER_ID */
    int64_t custody_id;                 /* CUSTODY_ID */
    int64_t institution_id;             /* INSTITUTION_ID */
    const char *establishment;          /* ESTABLISHMENT */
    int64_t institution_report_type_id; /* INSTITUTION_REPORT_TYPE_ID */
    sd_date_t date_requested;           /* DATE_REQUESTED */
    sd_date_t date_required;            /* DATE_REQUIRED */
    sd_ts_t date_completed;             /* DATE_COMPLETED */
    int64_t soft_deleted;               /* SOFT_DELETED */
};
void sd_put_institutional_report(seeder *g, const struct row_institutional_report *r);

/* DOCUMENT */
struct row_document {
    int64_t document_id;              /* DOCUMENT_ID */
    int64_t offender_id;              /* OFFENDER_ID */
    const char *alfresco_document_id; /* ALFRESCO_DOCUMENT_ID */
    int64_t primary_key_id;           /* PRIMARY_KEY_ID */
    const char *table_name;           /* TABLE_NAME */
    const char *document_name;        /* DOCUMENT_NAME */
    const char *document_type;        /* DOCUMENT_TYPE */
    sd_ts_t date_produced;            /* DATE_PRODUCED */
    const char *external_reference;   /* EXTERNAL_REFERENCE */
    sd_ts_t last_saved;               /* LAST_SAVED */
    const char *status;               /* STATUS */
    int64_t sensitive;                /* SENSITIVE */
    int64_t partition_area_id;        /* PARTITION_AREA_ID */
    int64_t soft_deleted;             /* SOFT_DELETED */
    int64_t row_version;              /* ROW_VERSION */
    int64_t created_by_user_id;       /* CREATED_BY_USER_ID, 0 = NULL */
    sd_ts_t created_datetime;         /* CREATED_DATETIME */
    int64_t last_updated_user_id;     /* LAST_UPDATED_USER_ID */
};
void sd_put_document(seeder *g, const struct row_document *r);
/* ------------------------------------------------------------------------------------------ */
/* Buffers and flushing (rows.c) */

void sd_tbuf_init(sd_tbuf *t, const sd_table *d);
void sd_tbuf_free(sd_tbuf *t);
int64_t sd_new_id(seeder *g, int tid);   /* the table's next id */
int sd_flush_all(seeder *g);             /* writes every buffered row, parents first; -1 on failure */
uint64_t sd_total_rows(const seeder *g); /* rows written so far */

/* ------------------------------------------------------------------------------------------ */
/* Helpers (seed.c) */

void sd_fail(seeder *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* snprintf into a fixed field (not the builtin, so no truncation analysis on short codes) */
void sd_fmt(char *dst, size_t n, const char *f, ...) __attribute__((format(printf, 3, 4), noinline));
/* sd_fmt, returning dst: for a text column formatted into a local buffer */
const char *sd_sfmt(char *dst, size_t n, const char *f, ...) __attribute__((format(printf, 3, 4)));
void *sd_xrealloc(void *p, size_t n); /* aborts when out of memory */
char *sd_xstrdup(const char *s);

/* ------------------------------------------------------------------------------------------ */
/* Generation, by domain */

/* reference.c */
void sd_load_reference(seeder *g);
void sd_free_reference(seeder *g);
int64_t sd_ref_code(const refs *r, const char *code); /* id of code in r, 0 when absent */

/* org.c: areas, boroughs, districts, teams, staff, users, providers, courts, projects */
void sd_org(seeder *g);
/* a random named staff member of the area (team, staff, officer code) */
void sd_area_staff(seeder *g, seed_person *P, int area, int64_t *team, int64_t *staff, const char **code);
/* user id of named staff member k (1-based, SeedUser%03d) */
static inline int64_t sd_staff_user(seeder *g, int k) { return g->user_base + (k - 1); }

/* person.c: the person and everything hanging off OFFENDER directly */
void sd_person(seeder *g, long p);

/* event.c: events, offences, court appearances and reports, NSIs */
void sd_event(seeder *g, seed_person *P, int number);
/* kind: 0 breach, 1 recall, 2 rejected recall, 3 other; returns NSI_ID */
int64_t sd_nsi(seeder *g, seed_person *P, int64_t event, int kind, int referral, bool active, int64_t rqmnt,
               int64_t outcome, bool deleted);

/* sentence.c: disposals, requirements and unpaid work, order managers, custody and licences */
enum { K_PRE, K_COMM, K_COMM_END, K_CUST, K_LIC, K_RECALL, K_CUST_END, K_N }; /* kinds of event */
/* what the event code decided, shared with the sentence code */
typedef struct sd_event_plan {
    int64_t ev;          /* EVENT_ID */
    int kind;            /* K_* */
    bool deleted;        /* the event is soft-deleted */
    bool active;         /* not ended */
    bool custodial;      /* custodial kinds */
    int start;           /* sentence (or referral, K_PRE) day */
    int months;          /* sentence length in months */
    int len_days;        /* sentence length in days */
    int end;             /* expected end day */
    int term;            /* termination day, NODATE */
    int release;         /* release day, NODATE */
    int recall;          /* recall day, NODATE */
    int64_t disposal;    /* DISPOSAL_ID (set by sd_disposal) */
    int64_t first_rqmnt; /* first RQMNT_ID of the disposal, 0 (set by sd_disposal) */
} sd_event_plan;
void sd_disposal(seeder *g, seed_person *P, sd_event_plan *e);
void sd_custody(seeder *g, seed_person *P, sd_event_plan *e);

/* contacts.c: contacts and attendance */
int64_t sd_contact(seeder *g, seed_person *P, int64_t event, int64_t type, int day, int64_t outcome, int enforcement,
                   int attended, int complied, const char *notes, const char *sensitive);
int sd_attendance(seeder *g, seed_person *P, int64_t event, int day); /* 1 when attended */

/* documents.c: documents and the rows that only exist to carry one */
void sd_document(seeder *g, seed_person *P, const char *table, int64_t pk, const char *type, int day);
void sd_doc_parents(seeder *g, seed_person *P, int64_t event, int day);

#endif
