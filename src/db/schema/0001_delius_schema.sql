-- ================================================================================================
-- 0001_delius_schema.sql - the Delius-shaped schema deliusd serves (84 tables) plus the
-- deliusd-internal tables DELIUSD_SEQUENCE and DELIUSD_MESSAGE.
--
-- Source of truth: delius-schema.md (shared spec). Table and column names are the Delius names,
-- upper case and unquoted, so the same text runs on SQLite and on PostgreSQL (which folds
-- unquoted identifiers to lower case).
--
-- Portability rules followed by this file (it is applied with one multi-statement exec inside a
-- transaction, once, by the migration runner src/db/migrate.c):
--   * only the type names INTEGER, TEXT and REAL are used. The PostgreSQL backend rewrites the
--     first to BIGINT and the last to DOUBLE PRECISION, word by word.
--   * spec type DATE      -> TEXT holding YYYY-MM-DD
--     spec type TIMESTAMP -> TEXT holding YYYY-MM-DDTHH:MM:SS[.ffffff] (Europe/London wall clock)
--     spec type BOOLEAN   -> INTEGER 0/1 with CHECK (col IN (0, 1))
--     spec type YESNO     -> TEXT Y/N   with CHECK (col IN (Y, N))
--     spec type DECIMAL   -> REAL
--     The spec type is repeated in the trailing comment of every such column.
--   * no AUTOINCREMENT, no WITHOUT ROWID, no quoted identifiers, no backend-only functions.
--     UPPER() in the USER_ expression index and the partial-index WHERE clauses are standard on both.
--   * single-column primary keys are declared INTEGER ... PRIMARY KEY (a rowid alias on SQLite).
--   * tables appear in foreign-key order: every referenced table is created before its referrers.
--   * index names are the spec names (UX_ = unique, IX_ = not unique). Indexes marked
--     "deliusd:" are additions for look-ups the endpoints and consumers make.
--   * the partial unique indexes UX_CONTACT_EXTERNAL_REFERENCE / UX_DOCUMENT_EXTERNAL_REFERENCE
--     cover rows with EXTERNAL_REFERENCE IS NOT NULL AND SOFT_DELETED = 0. SQLite uses a partial
--     index for a query only when the query repeats those terms literally (EXTERNAL_REFERENCE = x
--     implies IS NOT NULL, but SOFT_DELETED = 0 must be written as a literal, not bound), so plain
--     IX_ indexes on the same column exist for look-ups without it.
--   * defaults: SOFT_DELETED 0, ACTIVE_FLAG 1, ROW_VERSION 0, EVENT.FTC_COUNT 0,
--     DOCUMENT.DOCUMENT_TYPE DOCUMENT, the derived OFFENDER flags 0. Timestamps have no default:
--     writers bind Europe/London now as ISO text (see src/core/timeutil.h).
--   * OFFICER is a table (not a view) so that the composite foreign keys
--     (STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG) of OFFENDER_MANAGER and ORDER_MANAGER can point at it.
--     Whoever inserts a STAFF (flag 0) or PROVIDER_EMPLOYEE (flag 1) that a manager row uses must
--     also insert the matching OFFICER row.
--   * DELIUSD_SCHEMA_MIGRATION is created by the migration runner, not here.
-- ================================================================================================

-- ------------------------------------------------------------------------------------------------
-- R_REFERENCE_DATA_MASTER: A reference-data set (dataset), named by CODE_SET_NAME. Used by: T U C (read).
CREATE TABLE R_REFERENCE_DATA_MASTER (
    REFERENCE_DATA_MASTER_ID         INTEGER NOT NULL PRIMARY KEY,
    CODE_SET_NAME                    TEXT NOT NULL -- e.g. TIER, GENDER, ADDRESS STATUS (12)
);
CREATE UNIQUE INDEX UX_R_REFERENCE_DATA_MASTER_NAME ON R_REFERENCE_DATA_MASTER (CODE_SET_NAME); -- unique, look-up of a set by name

-- ------------------------------------------------------------------------------------------------
-- R_STANDARD_REFERENCE_LIST: One code of a reference-data set. Every column named ..._ID with ref below points here. Used by: T U C (read).
CREATE TABLE R_STANDARD_REFERENCE_LIST (
    STANDARD_REFERENCE_LIST_ID       INTEGER NOT NULL PRIMARY KEY,
    CODE_VALUE                       TEXT NOT NULL, -- <= 100 chars, the code (JSON code)
    CODE_DESCRIPTION                 TEXT NOT NULL, -- <= 500 chars, the description (JSON description)
    REFERENCE_DATA_MASTER_ID         INTEGER NOT NULL REFERENCES R_REFERENCE_DATA_MASTER (REFERENCE_DATA_MASTER_ID) -- the set
);
CREATE UNIQUE INDEX UX_R_STANDARD_REFERENCE_LIST_SET_CODE ON R_STANDARD_REFERENCE_LIST (REFERENCE_DATA_MASTER_ID, CODE_VALUE); -- unique, look-up by (set, code): U+tier, ATS, address status M

-- ------------------------------------------------------------------------------------------------
-- R_CONTACT_TYPE: Contact types. Used by: T U C (read).
CREATE TABLE R_CONTACT_TYPE (
    CONTACT_TYPE_ID                  INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- ETCH20, EASU, C294, C295, ...
    DESCRIPTION                      TEXT NOT NULL, -- used in document descriptions and attendances[].contactType
    ATTENDANCE_CONTACT               TEXT NOT NULL CHECK (ATTENDANCE_CONTACT IN ('Y', 'N')), -- YESNO, Y = counts for attendancesFilter
    NATIONAL_STANDARDS_CONTACT       TEXT NOT NULL CHECK (NATIONAL_STANDARDS_CONTACT IN ('Y', 'N')), -- YESNO, Y = counts for attendancesFilter
    SENSITIVE_CONTACT                TEXT CHECK (SENSITIVE_CONTACT IN ('Y', 'N')) -- YESNO, copied to CONTACT.SENSITIVE by the court-case note consumer
);
CREATE UNIQUE INDEX UX_R_CONTACT_TYPE_CODE ON R_CONTACT_TYPE (CODE); -- unique, look-up by code

-- ------------------------------------------------------------------------------------------------
-- R_CONTACT_OUTCOME_TYPE: Contact outcome types. Used by: C (read).
CREATE TABLE R_CONTACT_OUTCOME_TYPE (
    CONTACT_OUTCOME_TYPE_ID          INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL -- attendances[].outcome
);

-- ------------------------------------------------------------------------------------------------
-- R_DISPOSAL_TYPE: Sentence (disposal) types. Used by: T C (read).
CREATE TABLE R_DISPOSAL_TYPE (
    DISPOSAL_TYPE_ID                 INTEGER NOT NULL PRIMARY KEY,
    DESCRIPTION                      TEXT NOT NULL, -- sentence.description, sentenceType.description
    SENTENCE_TYPE                    TEXT, -- e.g. SP, SC, NC, tier sentenceTypeCode, court sentenceType.code
    CJA2003                          TEXT NOT NULL CHECK (CJA2003 IN ('Y', 'N')), -- YESNO, cja2003Order
    PRE_CJA2003                      TEXT NOT NULL CHECK (PRE_CJA2003 IN ('Y', 'N')), -- YESNO, legacyOrder
    FTC_LIMIT                        INTEGER -- failureToComplyLimit
);

-- ------------------------------------------------------------------------------------------------
-- R_RQMNT_TYPE_MAIN_CATEGORY: Requirement main categories. Used by: T C (read).
CREATE TABLE R_RQMNT_TYPE_MAIN_CATEGORY (
    RQMNT_TYPE_MAIN_CATEGORY_ID      INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- <= 20 chars, e.g. W unpaid work, F rehabilitation activity (RAR)
    DESCRIPTION                      TEXT NOT NULL,
    UNITS_ID                         INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- length unit, its description is Requirement.lengthUnit
    RESTRICTIVE                      TEXT NOT NULL CHECK (RESTRICTIVE IN ('Y', 'N')) -- YESNO, Y = restrictive
);

-- ------------------------------------------------------------------------------------------------
-- R_AD_RQMNT_TYPE_MAIN_CATEGORY: Additional requirement main categories. Used by: C (read).
CREATE TABLE R_AD_RQMNT_TYPE_MAIN_CATEGORY (
    AD_RQMNT_TYPE_MAIN_CATEGORY_ID   INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_PSS_RQMNT_TYPE_MAIN_CATEGORY: Post-sentence-supervision requirement main categories. Used by: C (read).
CREATE TABLE R_PSS_RQMNT_TYPE_MAIN_CATEGORY (
    PSS_RQMNT_TYPE_MAIN_CATEGORY_ID  INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_PSS_RQMNT_TYPE_SUB_CATEGORY: Post-sentence-supervision requirement sub-categories. Used by: C (read).
CREATE TABLE R_PSS_RQMNT_TYPE_SUB_CATEGORY (
    PSS_RQMNT_TYPE_SUB_CATEGORY_ID   INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_LIC_COND_TYPE_MAIN_CAT: Licence condition main categories. Used by: C (read).
CREATE TABLE R_LIC_COND_TYPE_MAIN_CAT (
    LIC_COND_TYPE_MAIN_CAT_ID        INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_NSI_TYPE: Non-statutory intervention (NSI) types. Used by: C (read).
CREATE TABLE R_NSI_TYPE (
    NSI_TYPE_ID                      INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- matched against nsiCodes (trimmed)
    DESCRIPTION                      TEXT NOT NULL
);
CREATE UNIQUE INDEX UX_R_NSI_TYPE_CODE ON R_NSI_TYPE (CODE); -- unique, nsiCodes filter

-- ------------------------------------------------------------------------------------------------
-- R_NSI_STATUS: NSI statuses. Used by: C (read).
CREATE TABLE R_NSI_STATUS (
    NSI_STATUS_ID                    INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- REC01-REC10 drive recallRejectedOrWithdrawn
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_REGISTER_TYPE: Register (registration) types: risk flags, MAPPA, etc. Used by: T U C (read).
CREATE TABLE R_REGISTER_TYPE (
    REGISTER_TYPE_ID                 INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- e.g. MAPPA, ROSH
    DESCRIPTION                      TEXT NOT NULL,
    REGISTER_TYPE_FLAG_ID            INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set REGISTER TYPE FLAG, court register
    ALERT_MESSAGE                    TEXT NOT NULL CHECK (ALERT_MESSAGE IN ('Y', 'N')), -- YESNO, court warnUser
    REGISTER_REVIEW_PERIOD           INTEGER, -- months, court reviewPeriodMonths
    COLOUR                           TEXT -- risk colour, e.g. Red, Amber, Green, White
);
CREATE UNIQUE INDEX UX_R_REGISTER_TYPE_CODE ON R_REGISTER_TYPE (CODE); -- deliusd: unique (UK), register type by code (MAPPA)

-- ------------------------------------------------------------------------------------------------
-- R_OFFENCE: Offence codes. Used by: U C (read).
CREATE TABLE R_OFFENCE (
    OFFENCE_ID                       INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- 5 chars
    DESCRIPTION                      TEXT NOT NULL,
    ABBREVIATION                     TEXT,
    MAIN_CATEGORY_CODE               TEXT NOT NULL, -- 3 chars
    MAIN_CATEGORY_DESCRIPTION        TEXT NOT NULL,
    MAIN_CATEGORY_ABBREVIATION       TEXT NOT NULL,
    SUB_CATEGORY_CODE                TEXT NOT NULL, -- 2 chars
    SUB_CATEGORY_DESCRIPTION         TEXT NOT NULL,
    SUB_CATEGORY_ABBREVIATION        TEXT,
    FORM_20_CODE                     TEXT,
    CJIT_CODE                        TEXT,
    OGRS_OFFENCE_CATEGORY_ID         INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID) -- description is ogrsOffenceCategory
);

-- ------------------------------------------------------------------------------------------------
-- R_COURT_REPORT_TYPE: Court report types. Used by: C (read).
CREATE TABLE R_COURT_REPORT_TYPE (
    COURT_REPORT_TYPE_ID             INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_INSTITUTION: Prisons and other institutions. Composite key (INSTITUTION_ID, ESTABLISHMENT). Used by: C (read).
CREATE TABLE R_INSTITUTION (
    INSTITUTION_ID                   INTEGER NOT NULL,
    ESTABLISHMENT                    TEXT NOT NULL CHECK (ESTABLISHMENT IN ('Y', 'N')), -- YESNO, isEstablishment
    CODE                             TEXT NOT NULL, -- 6 chars
    DESCRIPTION                      TEXT NOT NULL,
    INSTITUTION_NAME                 TEXT,
    ESTABLISHMENT_TYPE_ID            INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    PRIVATE                          INTEGER CHECK (PRIVATE IN (0, 1)), -- BOOLEAN, isPrivate
    NOMIS_CDE_CODE                   TEXT, -- nomsPrisonInstitutionCode
    PRIMARY KEY (INSTITUTION_ID, ESTABLISHMENT)
);

-- ------------------------------------------------------------------------------------------------
-- R_CIRCUMSTANCE_TYPE: Personal circumstance types (own code/description columns). Used by: U C (read).
CREATE TABLE R_CIRCUMSTANCE_TYPE (
    CIRCUMSTANCE_TYPE_ID             INTEGER NOT NULL PRIMARY KEY,
    CODE_VALUE                       TEXT NOT NULL,
    CODE_DESCRIPTION                 TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_CIRCUMSTANCE_SUB_TYPE: Personal circumstance sub-types. Used by: U (read).
CREATE TABLE R_CIRCUMSTANCE_SUB_TYPE (
    CIRCUMSTANCE_SUB_TYPE_ID         INTEGER NOT NULL PRIMARY KEY,
    CODE_VALUE                       TEXT NOT NULL,
    CODE_DESCRIPTION                 TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_ASSESSMENT_TYPE: Assessment types (document descriptions). Used by: C (read).
CREATE TABLE R_ASSESSMENT_TYPE (
    ASSESSMENT_TYPE_ID               INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_REFERRAL_TYPE: Referral types (document descriptions). Used by: C (read).
CREATE TABLE R_REFERRAL_TYPE (
    REFERRAL_TYPE_ID                 INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- R_TRANSFER_REASON: Transfer reasons (mapped on order managers, not output). Used by: C (read).
CREATE TABLE R_TRANSFER_REASON (
    TRANSFER_REASON_ID               INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- PARTITION_AREA: Data partition areas. A row with id 0 must exist (writers set PARTITION_AREA_ID = 0). Used by: C (read), T U C (written as 0).
CREATE TABLE PARTITION_AREA (
    PARTITION_AREA_ID                INTEGER NOT NULL PRIMARY KEY,
    AREA                             TEXT NOT NULL -- court partitionArea, id 0 = National Data
);

-- ------------------------------------------------------------------------------------------------
-- ORGANISATION: Organisations that own probation areas (providers). Used by: C (read).
CREATE TABLE ORGANISATION (
    ORGANISATION_ID                  INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL,
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)) -- BOOLEAN, 1 = active, default 1
);

-- ------------------------------------------------------------------------------------------------
-- PROBATION_AREA: Probation areas (providers). Used by: T C (read).
CREATE TABLE PROBATION_AREA (
    PROBATION_AREA_ID                INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- 3 chars, tier builds {CODE}UTSO / {CODE}UTS
    DESCRIPTION                      TEXT NOT NULL,
    PRIVATE                          INTEGER NOT NULL CHECK (PRIVATE IN (0, 1)), -- BOOLEAN, court nps = NOT PRIVATE
    SELECTABLE                       TEXT NOT NULL CHECK (SELECTABLE IN ('Y', 'N')), -- YESNO
    ORGANISATION_ID                  INTEGER REFERENCES ORGANISATION (ORGANISATION_ID),
    INSTITUTION_ID                   INTEGER,
    ESTABLISHMENT                    TEXT CHECK (ESTABLISHMENT IN ('Y', 'N')), -- YESNO
    FOREIGN KEY (INSTITUTION_ID, ESTABLISHMENT) REFERENCES R_INSTITUTION (INSTITUTION_ID, ESTABLISHMENT)
);
CREATE UNIQUE INDEX UX_PROBATION_AREA_CODE ON PROBATION_AREA (CODE); -- unique

-- ------------------------------------------------------------------------------------------------
-- BOROUGH: Boroughs (probation delivery units) of a probation area. Used by: C (read).
CREATE TABLE BOROUGH (
    BOROUGH_ID                       INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL,
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    SELECTABLE                       TEXT NOT NULL CHECK (SELECTABLE IN ('Y', 'N')) -- YESNO
);

-- ------------------------------------------------------------------------------------------------
-- DISTRICT: Districts (local admin units) of a borough. Used by: C (read).
CREATE TABLE DISTRICT (
    DISTRICT_ID                      INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL,
    BOROUGH_ID                       INTEGER NOT NULL REFERENCES BOROUGH (BOROUGH_ID),
    SELECTABLE                       TEXT NOT NULL CHECK (SELECTABLE IN ('Y', 'N')) -- YESNO
);

-- ------------------------------------------------------------------------------------------------
-- LOCAL_DELIVERY_UNIT: Local delivery units (team types). Used by: C (read).
CREATE TABLE LOCAL_DELIVERY_UNIT (
    LOCAL_DELIVERY_UNIT_ID           INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL,
    SELECTABLE                       TEXT NOT NULL CHECK (SELECTABLE IN ('Y', 'N')) -- YESNO
);

-- ------------------------------------------------------------------------------------------------
-- TEAM: Teams. Used by: T U C (read).
CREATE TABLE TEAM (
    TEAM_ID                          INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- 6 chars, JSON code is trimmed
    DESCRIPTION                      TEXT NOT NULL,
    TELEPHONE                        TEXT,
    EMAIL_ADDRESS                    TEXT,
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    DISTRICT_ID                      INTEGER NOT NULL REFERENCES DISTRICT (DISTRICT_ID), -- district, borough and (quirk) localDeliveryUnit KVs
    LOCAL_DELIVERY_UNIT_ID           INTEGER REFERENCES LOCAL_DELIVERY_UNIT (LOCAL_DELIVERY_UNIT_ID), -- teamType
    START_DATE                       TEXT NOT NULL, -- DATE
    END_DATE                         TEXT, -- DATE
    PRIVATE                          INTEGER NOT NULL CHECK (PRIVATE IN (0, 1)) -- BOOLEAN, isPrivate
);
CREATE UNIQUE INDEX UX_TEAM_CODE ON TEAM (CODE); -- unique, tier {area}UTS look-up
CREATE INDEX IX_TEAM_PROBATION_AREA ON TEAM (PROBATION_AREA_ID); -- includeProbationAreaTeams

-- ------------------------------------------------------------------------------------------------
-- STAFF: Staff (officers). Used by: T U C (read).
CREATE TABLE STAFF (
    STAFF_ID                         INTEGER NOT NULL PRIMARY KEY,
    OFFICER_CODE                     TEXT NOT NULL, -- 7 chars, ends with U = unallocated placeholder
    FORENAME                         TEXT NOT NULL,
    FORENAME2                        TEXT,
    SURNAME                          TEXT NOT NULL,
    STAFF_GRADE_ID                   INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- grade KV
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID)
);
CREATE UNIQUE INDEX UX_STAFF_OFFICER_CODE ON STAFF (OFFICER_CODE); -- unique, tier {area}UTSO look-up

-- ------------------------------------------------------------------------------------------------
-- STAFF_TEAM: Which teams a member of staff belongs to. Used by: C (read).
CREATE TABLE STAFF_TEAM (
    STAFF_ID                         INTEGER NOT NULL REFERENCES STAFF (STAFF_ID),
    TEAM_ID                          INTEGER NOT NULL REFERENCES TEAM (TEAM_ID),
    PRIMARY KEY (STAFF_ID, TEAM_ID)
);
CREATE INDEX IX_STAFF_TEAM_TEAM ON STAFF_TEAM (TEAM_ID); -- deliusd: staff of a team

-- ------------------------------------------------------------------------------------------------
-- USER_: Delius users, including each services own user. Used by: T U C (read).
CREATE TABLE USER_ (
    USER_ID                          INTEGER NOT NULL PRIMARY KEY,
    DISTINGUISHED_NAME               TEXT NOT NULL, -- the username, matched case-insensitively for LAO, exactly for the service user
    STAFF_ID                         INTEGER REFERENCES STAFF (STAFF_ID), -- StaffDetails.username is the user of a staff
    FORENAME                         TEXT NOT NULL, -- document author
    SURNAME                          TEXT NOT NULL -- document author
);
CREATE UNIQUE INDEX UX_USER_DISTINGUISHED_NAME_UPPER ON USER_ (UPPER(DISTINGUISHED_NAME)); -- unique expression index, LAO look-up
CREATE INDEX IX_USER_STAFF ON USER_ (STAFF_ID);
CREATE INDEX IX_USER_DISTINGUISHED_NAME ON USER_ (DISTINGUISHED_NAME); -- deliusd: exact service-user look-up at start-up

-- ------------------------------------------------------------------------------------------------
-- PROVIDER_EMPLOYEE: Employees of external providers. Used by: C (read).
CREATE TABLE PROVIDER_EMPLOYEE (
    PROVIDER_EMPLOYEE_ID             INTEGER NOT NULL PRIMARY KEY,
    FORENAME                         TEXT NOT NULL,
    FORENAME2                        TEXT,
    SURNAME                          TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- OFFICER: The officer behind a manager row, keyed by (STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG): flag 0 = a member of STAFF, 1 = a PROVIDER_EMPLOYEE. A view over those two tables in Delius, a table in deliusd (so that foreign keys can point at it), filled by whoever inserts the staff or provider employee. Used by: C (read).
CREATE TABLE OFFICER (
    STAFF_EMPLOYEE_ID                INTEGER NOT NULL,
    TRUST_PROVIDER_FLAG              INTEGER NOT NULL CHECK (TRUST_PROVIDER_FLAG IN (0, 1)), -- BOOLEAN
    FORENAME                         TEXT NOT NULL,
    FORENAME2                        TEXT,
    SURNAME                          TEXT NOT NULL, -- trustOfficer
    PRIMARY KEY (STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG)
);

-- ------------------------------------------------------------------------------------------------
-- EXTERNAL_PROVIDER: External providers. Used by: C (read).
CREATE TABLE EXTERNAL_PROVIDER (
    EXTERNAL_PROVIDER_ID             INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL,
    DESCRIPTION                      TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- PROVIDER_TEAM: Teams of external providers. Used by: C (read).
CREATE TABLE PROVIDER_TEAM (
    PROVIDER_TEAM_ID                 INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- 6 chars
    NAME                             TEXT NOT NULL,
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    EXTERNAL_PROVIDER_ID             INTEGER REFERENCES EXTERNAL_PROVIDER (EXTERNAL_PROVIDER_ID)
);
CREATE INDEX IX_PROVIDER_TEAM_PROBATION_AREA ON PROVIDER_TEAM (PROBATION_AREA_ID); -- includeProbationAreaTeams

-- ------------------------------------------------------------------------------------------------
-- OFFENDER: The person on probation (the case), identified by CRN. Used by: T U C (read), T (written: CURRENT_TIER).
CREATE TABLE OFFENDER (
    OFFENDER_ID                      INTEGER NOT NULL PRIMARY KEY,
    CRN                              TEXT NOT NULL, -- 7 chars, [A-Z][0-9]{6}, matched exactly
    PNC_NUMBER                       TEXT, -- <= 13 chars, stored as YYYY/NNNNNNNL
    CRO_NUMBER                       TEXT, -- <= 12 chars
    NOMS_NUMBER                      TEXT, -- 7 chars
    IMMIGRATION_NUMBER               TEXT,
    NI_NUMBER                        TEXT, -- 9 chars
    MOST_RECENT_PRISONER_NUMBER      TEXT,
    TITLE_ID                         INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    FIRST_NAME                       TEXT NOT NULL, -- <= 35 chars
    SECOND_NAME                      TEXT, -- <= 35 chars
    THIRD_NAME                       TEXT, -- <= 35 chars
    SURNAME                          TEXT NOT NULL, -- <= 35 chars
    PREFERRED_NAME                   TEXT, -- <= 35 chars
    PREVIOUS_SURNAME                 TEXT, -- <= 35 chars
    DATE_OF_BIRTH_DATE               TEXT NOT NULL, -- DATE
    GENDER_ID                        INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set GENDER, the description is output
    GENDER_IDENTITY_ID               INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set GENDER IDENTITY
    GENDER_IDENTITY_DESCRIPTION      TEXT, -- selfDescribedGender
    ETHNICITY_ID                     INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set ETHNICITY
    NATIONALITY_ID                   INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    SECOND_NATIONALITY_ID            INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    IMMIGRATION_STATUS_ID            INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    RELIGION_ID                      INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    SEXUAL_ORIENTATION_ID            INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    LANGUAGE_ID                      INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set LANGUAGE
    LANGUAGE_CONCERNS                TEXT,
    INTERPRETER_REQUIRED             TEXT CHECK (INTERPRETER_REQUIRED IN ('Y', 'N')), -- YESNO
    TELEPHONE_NUMBER                 TEXT,
    MOBILE_NUMBER                    TEXT,
    E_MAIL_ADDRESS                   TEXT,
    ALLOW_SMS                        TEXT CHECK (ALLOW_SMS IN ('Y', 'N')), -- YESNO
    CURRENT_DISPOSAL                 INTEGER NOT NULL DEFAULT 0 CHECK (CURRENT_DISPOSAL IN (0, 1)), -- BOOLEAN, derived: 1 = has an active sentence
    CURRENT_REMAND_STATUS            TEXT,
    CURRENT_TIER                     INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set TIER, written by the tier consumer
    DYNAMIC_RSR_SCORE                REAL, -- DECIMAL, NUMBER(5,2), tier rsrscore
    CURRENT_EXCLUSION                INTEGER NOT NULL DEFAULT 0 CHECK (CURRENT_EXCLUSION IN (0, 1)), -- BOOLEAN, derived: 1 = some EXCLUSION in force
    CURRENT_RESTRICTION              INTEGER NOT NULL DEFAULT 0 CHECK (CURRENT_RESTRICTION IN (0, 1)), -- BOOLEAN, derived: 1 = some RESTRICTION in force
    EXCLUSION_MESSAGE                TEXT,
    RESTRICTION_MESSAGE              TEXT,
    CURRENT_HIGHEST_RISK_COLOUR      TEXT, -- derived, e.g. RED
    OFFENDER_DETAILS                 TEXT, -- CLOB
    PARTITION_AREA_ID                INTEGER NOT NULL REFERENCES PARTITION_AREA (PARTITION_AREA_ID),
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    ROW_VERSION                      INTEGER NOT NULL DEFAULT 0, -- optimistic-lock counter, 0 on insert, +1 on every update
    CREATED_BY_USER_ID               INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_USER_ID             INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    LAST_UPDATED_DATETIME            TEXT NOT NULL -- TIMESTAMP
);
CREATE UNIQUE INDEX UX_OFFENDER_CRN ON OFFENDER (CRN); -- unique, every look-up by CRN, /probation-cases streams in CRN order

-- ------------------------------------------------------------------------------------------------
-- ALIAS: Other names a person is known by. Used by: U C (read).
CREATE TABLE ALIAS (
    ALIAS_ID                         INTEGER NOT NULL PRIMARY KEY, -- court id (as a string)
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    FIRST_NAME                       TEXT NOT NULL,
    SECOND_NAME                      TEXT,
    THIRD_NAME                       TEXT,
    SURNAME                          TEXT NOT NULL,
    DATE_OF_BIRTH_DATE               TEXT NOT NULL, -- DATE
    GENDER_ID                        INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_ALIAS_OFFENDER ON ALIAS (OFFENDER_ID);

-- ------------------------------------------------------------------------------------------------
-- OFFENDER_ADDRESS: A persons addresses (main, previous, ...). Used by: U C (read).
CREATE TABLE OFFENDER_ADDRESS (
    OFFENDER_ADDRESS_ID              INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    ADDRESS_STATUS_ID                INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set ADDRESS STATUS, M = main
    ADDRESS_TYPE_ID                  INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    ADDRESS_NUMBER                   TEXT,
    BUILDING_NAME                    TEXT,
    STREET_NAME                      TEXT,
    DISTRICT                         TEXT,
    TOWN_CITY                        TEXT, -- JSON town
    COUNTY                           TEXT,
    POSTCODE                         TEXT,
    TELEPHONE_NUMBER                 TEXT,
    NO_FIXED_ABODE                   TEXT CHECK (NO_FIXED_ABODE IN ('Y', 'N')), -- YESNO
    TYPE_VERIFIED                    TEXT CHECK (TYPE_VERIFIED IN ('Y', 'N')), -- YESNO
    NOTES                            TEXT, -- CLOB
    START_DATE                       TEXT NOT NULL, -- DATE, from
    END_DATE                         TEXT, -- DATE, to
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    ROW_VERSION                      INTEGER NOT NULL DEFAULT 0, -- optimistic-lock counter, 0 on insert, +1 on every update
    CREATED_BY_USER_ID               INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_USER_ID             INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    LAST_UPDATED_DATETIME            TEXT NOT NULL -- TIMESTAMP
);
CREATE INDEX IX_OFFENDER_ADDRESS_OFFENDER_STATUS ON OFFENDER_ADDRESS (OFFENDER_ID, ADDRESS_STATUS_ID); -- main-address look-up, address lists

-- ------------------------------------------------------------------------------------------------
-- ADDRESS_ASSESSMENT: Assessments of an offender address. Used by: C (read).
CREATE TABLE ADDRESS_ASSESSMENT (
    ADDRESS_ASSESSMENT_ID            INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ADDRESS_ID              INTEGER NOT NULL REFERENCES OFFENDER_ADDRESS (OFFENDER_ADDRESS_ID),
    ASSESSMENT_DATE                  TEXT NOT NULL, -- TIMESTAMP, latestAssessmentDate, document descriptions
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_ADDRESS_ASSESSMENT_ADDRESS ON ADDRESS_ASSESSMENT (OFFENDER_ADDRESS_ID);

-- ------------------------------------------------------------------------------------------------
-- ADDRESS: Free-standing addresses, e.g. of personal contacts. Used by: U (read).
CREATE TABLE ADDRESS (
    ADDRESS_ID                       INTEGER NOT NULL PRIMARY KEY,
    BUILDING_NAME                    TEXT,
    ADDRESS_NUMBER                   TEXT,
    STREET_NAME                      TEXT,
    DISTRICT                         TEXT,
    TOWN_CITY                        TEXT, -- JSON town
    COUNTY                           TEXT,
    POSTCODE                         TEXT,
    TELEPHONE_NUMBER                 TEXT, -- personal contact telephoneNumber
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);

-- ------------------------------------------------------------------------------------------------
-- DISABILITY: A persons disabilities. Used by: U C (read).
CREATE TABLE DISABILITY (
    DISABILITY_ID                    INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    DISABILITY_TYPE_ID               INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set DISABILITY TYPE
    DISABILITY_CONDITION_ID          INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set DISABILITY CONDITION
    START_DATE                       TEXT NOT NULL, -- DATE
    FINISH_DATE                      TEXT, -- DATE
    NOTES                            TEXT, -- CLOB
    LAST_UPDATED_DATETIME            TEXT NOT NULL, -- TIMESTAMP, lastUpdatedDateTime
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_DISABILITY_OFFENDER ON DISABILITY (OFFENDER_ID);

-- ------------------------------------------------------------------------------------------------
-- PROVISION: Provisions (adjustments) made for a person. Used by: U C (read).
CREATE TABLE PROVISION (
    PROVISION_ID                     INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    PROVISION_TYPE_ID                INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set DISABILITY PROVISION
    PROVISION_CATEGORY_ID            INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set DISABILITY PROVISION CATEGORY
    START_DATE                       TEXT NOT NULL, -- DATE
    FINISH_DATE                      TEXT, -- DATE
    NOTES                            TEXT, -- CLOB
    LAST_UPDATED_DATETIME            TEXT NOT NULL, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_PROVISION_OFFENDER ON PROVISION (OFFENDER_ID);

-- ------------------------------------------------------------------------------------------------
-- PERSONAL_CIRCUMSTANCE: Personal circumstances (pregnancy, employment, ...). Used by: U C (read).
CREATE TABLE PERSONAL_CIRCUMSTANCE (
    PERSONAL_CIRCUMSTANCE_ID         INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    CIRCUMSTANCE_TYPE_ID             INTEGER NOT NULL REFERENCES R_CIRCUMSTANCE_TYPE (CIRCUMSTANCE_TYPE_ID),
    CIRCUMSTANCE_SUB_TYPE_ID         INTEGER REFERENCES R_CIRCUMSTANCE_SUB_TYPE (CIRCUMSTANCE_SUB_TYPE_ID),
    NOTES                            TEXT, -- CLOB
    START_DATE                       TEXT NOT NULL, -- DATE
    END_DATE                         TEXT, -- DATE
    EVIDENCED                        TEXT CHECK (EVIDENCED IN ('Y', 'N')), -- YESNO, null = not evidenced
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_PERSONAL_CIRCUMSTANCE_OFFENDER ON PERSONAL_CIRCUMSTANCE (OFFENDER_ID);

-- ------------------------------------------------------------------------------------------------
-- PERSONAL_CONTACT: A persons personal contacts (family, doctor, ...). Used by: U C (read).
CREATE TABLE PERSONAL_CONTACT (
    PERSONAL_CONTACT_ID              INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    RELATIONSHIP                     TEXT NOT NULL, -- free text
    RELATIONSHIP_TYPE_ID             INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set RELATIONSHIP
    FIRST_NAME                       TEXT NOT NULL,
    OTHER_NAMES                      TEXT, -- middleName
    SURNAME                          TEXT NOT NULL,
    MOBILE_NUMBER                    TEXT,
    ADDRESS_ID                       INTEGER REFERENCES ADDRESS (ADDRESS_ID),
    START_DATE                       TEXT NOT NULL, -- DATE
    END_DATE                         TEXT, -- DATE
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_PERSONAL_CONTACT_OFFENDER ON PERSONAL_CONTACT (OFFENDER_ID);

-- ------------------------------------------------------------------------------------------------
-- EXCLUSION: A user excluded from a case. In force while EXCLUSION_END_TIME is null or later than now. Used by: T U C (read).
CREATE TABLE EXCLUSION (
    EXCLUSION_ID                     INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    USER_ID                          INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    EXCLUSION_DATE                   TEXT NOT NULL, -- TIMESTAMP, start, not checked
    EXCLUSION_END_TIME               TEXT -- TIMESTAMP
);
CREATE INDEX IX_EXCLUSION_OFFENDER_USER ON EXCLUSION (OFFENDER_ID, USER_ID);

-- ------------------------------------------------------------------------------------------------
-- RESTRICTION: A case restricted to an allow-list of users. In force while RESTRICTION_END_TIME is null or later than now. Used by: T U C (read).
CREATE TABLE RESTRICTION (
    RESTRICTION_ID                   INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    USER_ID                          INTEGER NOT NULL REFERENCES USER_ (USER_ID), -- a user allowed to see the case
    RESTRICTION_TIME                 TEXT NOT NULL, -- TIMESTAMP, start, not checked
    RESTRICTION_END_TIME             TEXT -- TIMESTAMP
);
CREATE INDEX IX_RESTRICTION_OFFENDER_USER ON RESTRICTION (OFFENDER_ID, USER_ID);

-- ------------------------------------------------------------------------------------------------
-- OFFENDER_MANAGER: Community offender manager allocations of a person. Used by: T U C (read).
CREATE TABLE OFFENDER_MANAGER (
    OFFENDER_MANAGER_ID              INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    ALLOCATION_STAFF_ID              INTEGER NOT NULL REFERENCES STAFF (STAFF_ID),
    TEAM_ID                          INTEGER NOT NULL REFERENCES TEAM (TEAM_ID),
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID), -- tier area code
    STAFF_EMPLOYEE_ID                INTEGER NOT NULL,
    TRUST_PROVIDER_FLAG              INTEGER NOT NULL CHECK (TRUST_PROVIDER_FLAG IN (0, 1)), -- BOOLEAN
    OFFICER_CODE                     TEXT, -- 7 chars
    PROVIDER_EMPLOYEE_ID             INTEGER REFERENCES PROVIDER_EMPLOYEE (PROVIDER_EMPLOYEE_ID),
    PROVIDER_TEAM_ID                 INTEGER REFERENCES PROVIDER_TEAM (PROVIDER_TEAM_ID),
    TRUST_PROVIDER_TEAM_ID           INTEGER,
    PARTITION_AREA_ID                INTEGER NOT NULL REFERENCES PARTITION_AREA (PARTITION_AREA_ID),
    ALLOCATION_REASON_ID             INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    ALLOCATION_DATE                  TEXT NOT NULL, -- TIMESTAMP, fromDate = date part
    END_DATE                         TEXT, -- DATE, toDate
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    FOREIGN KEY (STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG) REFERENCES OFFICER (STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG)
);
CREATE INDEX IX_OFFENDER_MANAGER_OFFENDER_ACTIVE ON OFFENDER_MANAGER (OFFENDER_ID, ACTIVE_FLAG); -- active manager of a person (tier, unpaid work, court-case)

-- ------------------------------------------------------------------------------------------------
-- PRISON_OFFENDER_MANAGER: Prison offender manager allocations. Used by: C (read).
CREATE TABLE PRISON_OFFENDER_MANAGER (
    PRISON_OFFENDER_MANAGER_ID       INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    ALLOCATION_STAFF_ID              INTEGER NOT NULL REFERENCES STAFF (STAFF_ID),
    ALLOCATION_TEAM_ID               INTEGER NOT NULL REFERENCES TEAM (TEAM_ID),
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    ALLOCATION_REASON_ID             INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    ALLOCATION_DATE                  TEXT NOT NULL, -- TIMESTAMP
    END_DATE                         TEXT, -- TIMESTAMP
    TELEPHONE_NUMBER                 TEXT, -- staff.phoneNumber
    EMAIL_ADDRESS                    TEXT, -- staff.email
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    ROW_VERSION                      INTEGER NOT NULL DEFAULT 0, -- optimistic-lock counter, 0 on insert, +1 on every update
    CREATED_BY_USER_ID               INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_USER_ID             INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    LAST_UPDATED_DATETIME            TEXT NOT NULL -- TIMESTAMP
);
CREATE INDEX IX_PRISON_OFFENDER_MANAGER_OFFENDER_ACTIVE ON PRISON_OFFENDER_MANAGER (OFFENDER_ID, ACTIVE_FLAG);

-- ------------------------------------------------------------------------------------------------
-- RESPONSIBLE_OFFICER: Which manager (community or prison) is the responsible officer, current while END_DATE is null. Used by: C (read).
CREATE TABLE RESPONSIBLE_OFFICER (
    RESPONSIBLE_OFFICER_ID           INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    OFFENDER_MANAGER_ID              INTEGER REFERENCES OFFENDER_MANAGER (OFFENDER_MANAGER_ID),
    PRISON_OFFENDER_MANAGER_ID       INTEGER REFERENCES PRISON_OFFENDER_MANAGER (PRISON_OFFENDER_MANAGER_ID),
    START_DATE                       TEXT NOT NULL, -- TIMESTAMP
    END_DATE                         TEXT -- TIMESTAMP
);
CREATE INDEX IX_RESPONSIBLE_OFFICER_OM ON RESPONSIBLE_OFFICER (OFFENDER_MANAGER_ID);
CREATE INDEX IX_RESPONSIBLE_OFFICER_POM ON RESPONSIBLE_OFFICER (PRISON_OFFENDER_MANAGER_ID);

-- ------------------------------------------------------------------------------------------------
-- MANAGEMENT_TIER: History of a persons management tier. Composite key (OFFENDER_ID, TIER_ID, DATE_CHANGED). Used by: T (read, written).
CREATE TABLE MANAGEMENT_TIER (
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    TIER_ID                          INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set TIER
    DATE_CHANGED                     TEXT NOT NULL, -- TIMESTAMP, the calculation date (Europe/London)
    TIER_CHANGE_REASON_ID            INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set TIER CHANGE REASON (ATS)
    END_DATE                         TEXT, -- TIMESTAMP, set when a newer tier replaces this one, null = current
    PARTITION_AREA_ID                INTEGER NOT NULL REFERENCES PARTITION_AREA (PARTITION_AREA_ID), -- 0
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    ROW_VERSION                      INTEGER NOT NULL DEFAULT 0, -- optimistic-lock counter, 0 on insert, +1 on every update
    CREATED_BY_USER_ID               INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_USER_ID             INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    LAST_UPDATED_DATETIME            TEXT NOT NULL, -- TIMESTAMP
    PRIMARY KEY (OFFENDER_ID, TIER_ID, DATE_CHANGED)
);
CREATE INDEX IX_MANAGEMENT_TIER_OFFENDER_DATE ON MANAGEMENT_TIER (OFFENDER_ID, DATE_CHANGED); -- latest tier change of a person

-- ------------------------------------------------------------------------------------------------
-- COURT: Courts. Used by: C (read).
CREATE TABLE COURT (
    COURT_ID                         INTEGER NOT NULL PRIMARY KEY,
    CODE                             TEXT NOT NULL, -- courtCode
    SELECTABLE                       TEXT NOT NULL CHECK (SELECTABLE IN ('Y', 'N')), -- YESNO
    COURT_NAME                       TEXT,
    TELEPHONE_NUMBER                 TEXT,
    FAX_NUMBER                       TEXT, -- fax
    BUILDING_NAME                    TEXT,
    STREET                           TEXT,
    LOCALITY                         TEXT,
    TOWN                             TEXT,
    COUNTY                           TEXT,
    POSTCODE                         TEXT,
    COUNTRY                          TEXT,
    COURT_TYPE_ID                    INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    SECURE_EMAIL_ADDRESS             TEXT,
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_DATETIME            TEXT NOT NULL -- TIMESTAMP
);

-- ------------------------------------------------------------------------------------------------
-- EVENT: An event (conviction) of a person. convictionId is EVENT_ID, index/event number is EVENT_NUMBER. Used by: T U C (read).
CREATE TABLE EVENT (
    EVENT_ID                         INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    EVENT_NUMBER                     TEXT NOT NULL, -- 1, 2, ..., unique per offender among non-deleted events
    REFERRAL_DATE                    TEXT NOT NULL, -- DATE
    CONVICTION_DATE                  TEXT, -- DATE
    IN_BREACH                        INTEGER NOT NULL DEFAULT 0 CHECK (IN_BREACH IN (0, 1)), -- BOOLEAN, stored flag
    BREACH_END                       TEXT, -- DATE
    FTC_COUNT                        INTEGER NOT NULL DEFAULT 0, -- failures to comply, default 0
    COURT_ID                         INTEGER REFERENCES COURT (COURT_ID), -- responsible court
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    ROW_VERSION                      INTEGER NOT NULL DEFAULT 0, -- optimistic-lock counter, 0 on insert, +1 on every update
    CREATED_BY_USER_ID               INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_USER_ID             INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    LAST_UPDATED_DATETIME            TEXT NOT NULL -- TIMESTAMP
);
CREATE INDEX IX_EVENT_OFFENDER_NUMBER ON EVENT (OFFENDER_ID, EVENT_NUMBER); -- events of a person, event by number (unpaid work)

-- ------------------------------------------------------------------------------------------------
-- DISPOSAL: The sentence of an event (at most one non-deleted per event). Used by: T U C (read).
CREATE TABLE DISPOSAL (
    DISPOSAL_ID                      INTEGER NOT NULL PRIMARY KEY,
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    DISPOSAL_TYPE_ID                 INTEGER NOT NULL REFERENCES R_DISPOSAL_TYPE (DISPOSAL_TYPE_ID),
    DISPOSAL_DATE                    TEXT NOT NULL, -- DATE, sentence start
    NOTIONAL_END_DATE                TEXT, -- TIMESTAMP
    ENTERED_NOTIONAL_END_DATE        TEXT, -- DATE
    TERMINATION_DATE                 TEXT, -- DATE
    DISPOSAL_TERMINATION_REASON_ID   INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    ENTRY_LENGTH                     INTEGER,
    ENTRY_LENGTH_UNITS_ID            INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set of length units, e.g. Days, Months
    LENGTH_2                         INTEGER,
    ENTRY_LENGTH_2_UNITS_ID          INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    LENGTH                           INTEGER,
    EFFECTIVE_LENGTH                 INTEGER,
    LENGTH_IN_DAYS                   INTEGER,
    UPW                              INTEGER NOT NULL CHECK (UPW IN (0, 1)), -- BOOLEAN, 1 = has unpaid work
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_DISPOSAL_EVENT ON DISPOSAL (EVENT_ID);

-- ------------------------------------------------------------------------------------------------
-- CUSTODY: The custodial part of a disposal. Used by: C (read).
CREATE TABLE CUSTODY (
    CUSTODY_ID                       INTEGER NOT NULL PRIMARY KEY,
    DISPOSAL_ID                      INTEGER NOT NULL REFERENCES DISPOSAL (DISPOSAL_ID),
    CUSTODIAL_STATUS_ID              INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- custody.status, custodialType
    PRISONER_NUMBER                  TEXT, -- bookingNumber
    INSTITUTION_ID                   INTEGER,
    ESTABLISHMENT                    TEXT CHECK (ESTABLISHMENT IN ('Y', 'N')), -- YESNO
    PSS_START_DATE                   TEXT, -- DATE, sentenceStatus licenceExpiryDate (sic)
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    FOREIGN KEY (INSTITUTION_ID, ESTABLISHMENT) REFERENCES R_INSTITUTION (INSTITUTION_ID, ESTABLISHMENT)
);
CREATE INDEX IX_CUSTODY_DISPOSAL ON CUSTODY (DISPOSAL_ID);

-- ------------------------------------------------------------------------------------------------
-- KEY_DATE: Key dates of a custody (release, licence expiry, ...). Used by: C (read).
CREATE TABLE KEY_DATE (
    KEY_DATE_ID                      INTEGER NOT NULL PRIMARY KEY,
    CUSTODY_ID                       INTEGER NOT NULL REFERENCES CUSTODY (CUSTODY_ID),
    KEY_DATE_TYPE_ID                 INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- codes ACR, LED, HDE, PED, SED, EXP, PSSED, POM1, POM2
    KEY_DATE                         TEXT NOT NULL, -- DATE
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_KEY_DATE_CUSTODY ON KEY_DATE (CUSTODY_ID);

-- ------------------------------------------------------------------------------------------------
-- RELEASE: Releases from custody. Used by: C (read).
CREATE TABLE RELEASE (
    RELEASE_ID                       INTEGER NOT NULL PRIMARY KEY,
    CUSTODY_ID                       INTEGER NOT NULL REFERENCES CUSTODY (CUSTODY_ID),
    ACTUAL_RELEASE_DATE              TEXT NOT NULL, -- TIMESTAMP, actualReleaseDate = date part of the latest
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_RELEASE_CUSTODY ON RELEASE (CUSTODY_ID);

-- ------------------------------------------------------------------------------------------------
-- MAIN_OFFENCE: The main offence of an event. Used by: U C (read).
CREATE TABLE MAIN_OFFENCE (
    MAIN_OFFENCE_ID                  INTEGER NOT NULL PRIMARY KEY, -- offenceId = M + id
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    OFFENCE_ID                       INTEGER NOT NULL REFERENCES R_OFFENCE (OFFENCE_ID),
    OFFENCE_DATE                     TEXT, -- DATE
    OFFENCE_COUNT                    INTEGER,
    TICS                             INTEGER, -- offences taken into consideration
    VERDICT                          TEXT,
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_DATETIME            TEXT NOT NULL, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_MAIN_OFFENCE_EVENT ON MAIN_OFFENCE (EVENT_ID);

-- ------------------------------------------------------------------------------------------------
-- ADDITIONAL_OFFENCE: Additional offences of an event. Used by: C (read).
CREATE TABLE ADDITIONAL_OFFENCE (
    ADDITIONAL_OFFENCE_ID            INTEGER NOT NULL PRIMARY KEY, -- offenceId = A + id
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    OFFENCE_ID                       INTEGER NOT NULL REFERENCES R_OFFENCE (OFFENCE_ID),
    OFFENCE_DATE                     TEXT, -- DATE
    OFFENCE_COUNT                    INTEGER,
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_DATETIME            TEXT NOT NULL, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_ADDITIONAL_OFFENCE_EVENT ON ADDITIONAL_OFFENCE (EVENT_ID);

-- ------------------------------------------------------------------------------------------------
-- ADDITIONAL_SENTENCE: Additional sentences (fines, disqualifications, ...) of an event. Used by: C (read).
CREATE TABLE ADDITIONAL_SENTENCE (
    ADDITIONAL_SENTENCE_ID           INTEGER NOT NULL PRIMARY KEY,
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    ADDITIONAL_SENTENCE_TYPE_ID      INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- e.g. DISQ
    AMOUNT                           REAL, -- DECIMAL
    LENGTH                           INTEGER,
    NOTES                            TEXT, -- CLOB
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_ADDITIONAL_SENTENCE_EVENT ON ADDITIONAL_SENTENCE (EVENT_ID);

-- ------------------------------------------------------------------------------------------------
-- RQMNT: Requirements of a (community) disposal. Used by: T C (read).
CREATE TABLE RQMNT (
    RQMNT_ID                         INTEGER NOT NULL PRIMARY KEY,
    DISPOSAL_ID                      INTEGER NOT NULL REFERENCES DISPOSAL (DISPOSAL_ID),
    RQMNT_NOTES                      TEXT NOT NULL, -- CLOB, nullable in Delius, NOT NULL here because the contract requires requirementNotes (empty string when there are no notes)
    COMMENCEMENT_DATE                TEXT, -- DATE
    START_DATE                       TEXT, -- DATE
    TERMINATION_DATE                 TEXT, -- DATE
    EXPECTED_START_DATE              TEXT, -- DATE
    EXPECTED_END_DATE                TEXT, -- DATE
    RQMNT_TYPE_MAIN_CATEGORY_ID      INTEGER REFERENCES R_RQMNT_TYPE_MAIN_CATEGORY (RQMNT_TYPE_MAIN_CATEGORY_ID), -- tier drops rows where null
    RQMNT_TYPE_SUB_CATEGORY_ID       INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    AD_RQMNT_TYPE_MAIN_CATEGORY_ID   INTEGER REFERENCES R_AD_RQMNT_TYPE_MAIN_CATEGORY (AD_RQMNT_TYPE_MAIN_CATEGORY_ID),
    AD_RQMNT_TYPE_SUB_CATEGORY_ID    INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    RQMNT_TERMINATION_REASON_ID      INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    LENGTH                           INTEGER,
    RAR_COUNT                        INTEGER, -- stored, not computed
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_RQMNT_DISPOSAL ON RQMNT (DISPOSAL_ID);

-- ------------------------------------------------------------------------------------------------
-- LIC_CONDITION: Licence conditions of a (custodial) disposal. Used by: C (read).
CREATE TABLE LIC_CONDITION (
    LIC_CONDITION_ID                 INTEGER NOT NULL PRIMARY KEY,
    DISPOSAL_ID                      INTEGER NOT NULL REFERENCES DISPOSAL (DISPOSAL_ID),
    START_DATE                       TEXT NOT NULL, -- DATE
    COMMENCEMENT_DATE                TEXT, -- DATE
    COMMENCEMENT_NOTES               TEXT, -- CLOB
    TERMINATION_DATE                 TEXT, -- DATE
    TERMINATION_NOTES                TEXT, -- CLOB
    LIC_COND_TYPE_MAIN_CAT_ID        INTEGER REFERENCES R_LIC_COND_TYPE_MAIN_CAT (LIC_COND_TYPE_MAIN_CAT_ID),
    LIC_COND_TYPE_SUB_CAT_ID         INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    LIC_CONDITION_NOTES              TEXT, -- CLOB
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_LIC_CONDITION_DISPOSAL ON LIC_CONDITION (DISPOSAL_ID);

-- ------------------------------------------------------------------------------------------------
-- PSS_RQMNT: Post-sentence-supervision requirements of a custody. Used by: C (read).
CREATE TABLE PSS_RQMNT (
    PSS_RQMNT_ID                     INTEGER NOT NULL PRIMARY KEY,
    CUSTODY_ID                       INTEGER NOT NULL REFERENCES CUSTODY (CUSTODY_ID),
    PSS_RQMNT_TYPE_MAIN_CAT_ID       INTEGER REFERENCES R_PSS_RQMNT_TYPE_MAIN_CATEGORY (PSS_RQMNT_TYPE_MAIN_CATEGORY_ID),
    PSS_RQMNT_TYPE_SUB_CAT_ID        INTEGER REFERENCES R_PSS_RQMNT_TYPE_SUB_CATEGORY (PSS_RQMNT_TYPE_SUB_CATEGORY_ID),
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_PSS_RQMNT_CUSTODY ON PSS_RQMNT (CUSTODY_ID);

-- ------------------------------------------------------------------------------------------------
-- UPW_DETAILS: Unpaid-work details of a disposal. Used by: C (read).
CREATE TABLE UPW_DETAILS (
    UPW_DETAILS_ID                   INTEGER NOT NULL PRIMARY KEY,
    DISPOSAL_ID                      INTEGER NOT NULL REFERENCES DISPOSAL (DISPOSAL_ID),
    UPW_LENGTH_MINUTES               INTEGER NOT NULL, -- minutesOrdered
    UPW_STATUS_ID                    INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- unpaidWork.status
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_UPW_DETAILS_DISPOSAL ON UPW_DETAILS (DISPOSAL_ID);

-- ------------------------------------------------------------------------------------------------
-- UPW_PROJECT: Unpaid-work projects. Used by: C (read).
CREATE TABLE UPW_PROJECT (
    UPW_PROJECT_ID                   INTEGER NOT NULL PRIMARY KEY,
    NAME                             TEXT NOT NULL
);

-- ------------------------------------------------------------------------------------------------
-- UPW_APPOINTMENT: Unpaid-work appointments. Counted without a soft-delete filter. Used by: C (read).
CREATE TABLE UPW_APPOINTMENT (
    UPW_APPOINTMENT_ID               INTEGER NOT NULL PRIMARY KEY,
    UPW_DETAILS_ID                   INTEGER NOT NULL REFERENCES UPW_DETAILS (UPW_DETAILS_ID),
    UPW_PROJECT_ID                   INTEGER NOT NULL REFERENCES UPW_PROJECT (UPW_PROJECT_ID),
    APPOINTMENT_DATE                 TEXT NOT NULL, -- DATE
    MINUTES_CREDITED                 INTEGER,
    ATTENDED                         TEXT CHECK (ATTENDED IN ('Y', 'N')), -- YESNO, null = no outcome
    COMPLIED                         TEXT CHECK (COMPLIED IN ('Y', 'N')), -- YESNO, null = no outcome
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_UPW_APPOINTMENT_DETAILS ON UPW_APPOINTMENT (UPW_DETAILS_ID);

-- ------------------------------------------------------------------------------------------------
-- ORDER_MANAGER: Order manager allocations of an event. Used by: C (read).
CREATE TABLE ORDER_MANAGER (
    ORDER_MANAGER_ID                 INTEGER NOT NULL PRIMARY KEY, -- officerId
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    ALLOCATION_STAFF_ID              INTEGER REFERENCES STAFF (STAFF_ID),
    ALLOCATION_TEAM_ID               INTEGER REFERENCES TEAM (TEAM_ID),
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    ALLOCATION_DATE                  TEXT NOT NULL, -- TIMESTAMP
    END_DATE                         TEXT, -- TIMESTAMP
    ALLOCATION_REASON_ID             INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    PROVIDER_EMPLOYEE_ID             INTEGER REFERENCES PROVIDER_EMPLOYEE (PROVIDER_EMPLOYEE_ID),
    PROVIDER_TEAM_ID                 INTEGER REFERENCES PROVIDER_TEAM (PROVIDER_TEAM_ID),
    TRANSFER_REASON_ID               INTEGER REFERENCES R_TRANSFER_REASON (TRANSFER_REASON_ID),
    STAFF_EMPLOYEE_ID                INTEGER,
    TRUST_PROVIDER_FLAG              INTEGER CHECK (TRUST_PROVIDER_FLAG IN (0, 1)), -- BOOLEAN
    TRUST_PROVIDER_TEAM_ID           INTEGER,
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    FOREIGN KEY (STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG) REFERENCES OFFICER (STAFF_EMPLOYEE_ID, TRUST_PROVIDER_FLAG)
);
CREATE INDEX IX_ORDER_MANAGER_EVENT ON ORDER_MANAGER (EVENT_ID);

-- ------------------------------------------------------------------------------------------------
-- COURT_APPEARANCE: Court appearances of an event. Used by: C (read).
CREATE TABLE COURT_APPEARANCE (
    COURT_APPEARANCE_ID              INTEGER NOT NULL PRIMARY KEY,
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    COURT_ID                         INTEGER NOT NULL REFERENCES COURT (COURT_ID),
    APPEARANCE_DATE                  TEXT NOT NULL, -- TIMESTAMP
    APPEARANCE_TYPE_ID               INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- S = sentencing
    OUTCOME_ID                       INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- 101 = Adjourned - Pre-Sentence Report
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_COURT_APPEARANCE_EVENT ON COURT_APPEARANCE (EVENT_ID, APPEARANCE_DATE);
CREATE INDEX IX_COURT_APPEARANCE_OFFENDER ON COURT_APPEARANCE (OFFENDER_ID); -- deliusd: court appearances of a person

-- ------------------------------------------------------------------------------------------------
-- COURT_REPORT: Reports requested by a court at an appearance. Used by: C (read).
CREATE TABLE COURT_REPORT (
    COURT_REPORT_ID                  INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    COURT_APPEARANCE_ID              INTEGER NOT NULL REFERENCES COURT_APPEARANCE (COURT_APPEARANCE_ID),
    COURT_REPORT_TYPE_ID             INTEGER REFERENCES R_COURT_REPORT_TYPE (COURT_REPORT_TYPE_ID),
    DELIVERED_COURT_REPORT_TYPE_ID   INTEGER REFERENCES R_COURT_REPORT_TYPE (COURT_REPORT_TYPE_ID),
    DATE_REQUESTED                   TEXT NOT NULL, -- TIMESTAMP
    DATE_REQUIRED                    TEXT NOT NULL, -- TIMESTAMP
    ALLOCATION_DATE                  TEXT, -- TIMESTAMP
    COMPLETED_DATE                   TEXT, -- TIMESTAMP
    SENT_TO_COURT_DATE               TEXT, -- TIMESTAMP
    RECEIVED_BY_COURT_DATE           TEXT, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_COURT_REPORT_APPEARANCE ON COURT_REPORT (COURT_APPEARANCE_ID);
CREATE INDEX IX_COURT_REPORT_OFFENDER ON COURT_REPORT (OFFENDER_ID); -- deliusd: court reports of a person

-- ------------------------------------------------------------------------------------------------
-- REPORT_MANAGER: Staff managing a court report. Used by: C (read).
CREATE TABLE REPORT_MANAGER (
    REPORT_MANAGER_ID                INTEGER NOT NULL PRIMARY KEY,
    COURT_REPORT_ID                  INTEGER NOT NULL REFERENCES COURT_REPORT (COURT_REPORT_ID),
    STAFF_ID                         INTEGER REFERENCES STAFF (STAFF_ID),
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_REPORT_MANAGER_REPORT ON REPORT_MANAGER (COURT_REPORT_ID);

-- ------------------------------------------------------------------------------------------------
-- NSI: Non-statutory interventions (breach, recall, ...). Used by: T C (read).
CREATE TABLE NSI (
    NSI_ID                           INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    EVENT_ID                         INTEGER REFERENCES EVENT (EVENT_ID),
    NSI_TYPE_ID                      INTEGER NOT NULL REFERENCES R_NSI_TYPE (NSI_TYPE_ID),
    NSI_SUB_TYPE_ID                  INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    NSI_STATUS_ID                    INTEGER NOT NULL REFERENCES R_NSI_STATUS (NSI_STATUS_ID),
    NSI_STATUS_DATE                  TEXT NOT NULL, -- TIMESTAMP, statusDateTime
    NSI_OUTCOME_ID                   INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set NSI OUTCOME, BRE.../REC... codes
    REFERRAL_DATE                    TEXT NOT NULL, -- DATE, tier: within the last 365 days
    ACTUAL_START_DATE                TEXT, -- DATE
    EXPECTED_START_DATE              TEXT, -- DATE
    ACTUAL_END_DATE                  TEXT, -- DATE
    EXPECTED_END_DATE                TEXT, -- DATE
    RQMNT_ID                         INTEGER REFERENCES RQMNT (RQMNT_ID),
    LENGTH                           INTEGER,
    NOTES                            TEXT, -- CLOB
    EXTERNAL_REFERENCE               TEXT,
    INTENDED_PROVIDER_ID             INTEGER REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_NSI_OFFENDER_EVENT ON NSI (OFFENDER_ID, EVENT_ID); -- per-conviction lists, tier enforcement check
CREATE INDEX IX_NSI_EVENT ON NSI (EVENT_ID);

-- ------------------------------------------------------------------------------------------------
-- NSI_MANAGER: Managers of an NSI. Used by: C (read).
CREATE TABLE NSI_MANAGER (
    NSI_MANAGER_ID                   INTEGER NOT NULL PRIMARY KEY,
    NSI_ID                           INTEGER NOT NULL REFERENCES NSI (NSI_ID),
    STAFF_ID                         INTEGER NOT NULL REFERENCES STAFF (STAFF_ID),
    TEAM_ID                          INTEGER NOT NULL REFERENCES TEAM (TEAM_ID),
    PROBATION_AREA_ID                INTEGER NOT NULL REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    START_DATE                       TEXT NOT NULL, -- TIMESTAMP
    END_DATE                         TEXT, -- TIMESTAMP
    ACTIVE_FLAG                      INTEGER NOT NULL DEFAULT 1 CHECK (ACTIVE_FLAG IN (0, 1)), -- BOOLEAN, 1 = active, default 1
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_NSI_MANAGER_NSI ON NSI_MANAGER (NSI_ID);

-- ------------------------------------------------------------------------------------------------
-- REGISTRATION: Register entries (risk flags, MAPPA, ...) of a person. Used by: T U C (read).
CREATE TABLE REGISTRATION (
    REGISTRATION_ID                  INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    REGISTER_TYPE_ID                 INTEGER NOT NULL REFERENCES R_REGISTER_TYPE (REGISTER_TYPE_ID),
    REGISTER_LEVEL_ID                INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set REGISTER LEVEL (MAPPA level)
    REGISTER_CATEGORY_ID             INTEGER REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID), -- set REGISTER CATEGORY (MAPPA category)
    REGISTRATION_DATE                TEXT NOT NULL, -- DATE
    NEXT_REVIEW_DATE                 TEXT, -- DATE
    REGISTRATION_NOTES               TEXT, -- CLOB
    REGISTERING_TEAM_ID              INTEGER NOT NULL REFERENCES TEAM (TEAM_ID),
    REGISTERING_STAFF_ID             INTEGER NOT NULL REFERENCES STAFF (STAFF_ID),
    DEREGISTERED                     INTEGER NOT NULL DEFAULT 0 CHECK (DEREGISTERED IN (0, 1)), -- BOOLEAN, 1 = no longer active
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_REGISTRATION_OFFENDER_DATE ON REGISTRATION (OFFENDER_ID, REGISTRATION_DATE); -- active registrations newest first

-- ------------------------------------------------------------------------------------------------
-- DEREGISTRATION: Deregistrations of a registration. Used by: C (read).
CREATE TABLE DEREGISTRATION (
    DEREGISTRATION_ID                INTEGER NOT NULL PRIMARY KEY,
    REGISTRATION_ID                  INTEGER NOT NULL REFERENCES REGISTRATION (REGISTRATION_ID),
    DEREGISTRATION_DATE              TEXT NOT NULL, -- DATE
    DEREGISTERING_TEAM_ID            INTEGER NOT NULL REFERENCES TEAM (TEAM_ID),
    DEREGISTERING_STAFF_ID           INTEGER NOT NULL REFERENCES STAFF (STAFF_ID),
    DEREGISTERING_NOTES              TEXT, -- CLOB
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_DEREGISTRATION_REGISTRATION ON DEREGISTRATION (REGISTRATION_ID);

-- ------------------------------------------------------------------------------------------------
-- OASYS_ASSESSMENT: OASys assessments of a person. Used by: T (read).
CREATE TABLE OASYS_ASSESSMENT (
    OASYS_ASSESSMENT_ID              INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    ASSESSMENT_DATE                  TEXT NOT NULL, -- DATE
    OGRS_SCORE_2                     INTEGER, -- tier ogrsscore candidate
    LAST_UPDATED_DATETIME            TEXT NOT NULL, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_OASYS_ASSESSMENT_OFFENDER_DATE ON OASYS_ASSESSMENT (OFFENDER_ID, ASSESSMENT_DATE); -- latest assessment

-- ------------------------------------------------------------------------------------------------
-- OGRS_ASSESSMENT: OGRS assessments, attached to an event. Used by: T (read).
CREATE TABLE OGRS_ASSESSMENT (
    OGRS_ASSESSMENT_ID               INTEGER NOT NULL PRIMARY KEY,
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    ASSESSMENT_DATE                  TEXT NOT NULL, -- DATE
    OGRS3_SCORE_2                    INTEGER, -- tier ogrsscore candidate
    LAST_UPDATED_DATETIME            TEXT NOT NULL, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);
CREATE INDEX IX_OGRS_ASSESSMENT_EVENT_DATE ON OGRS_ASSESSMENT (EVENT_ID, ASSESSMENT_DATE); -- latest assessment

-- ------------------------------------------------------------------------------------------------
-- CONTACT: Contacts (diary entries) of a person: appointments, notes, system entries. Used by: C (read), T U C (written).
CREATE TABLE CONTACT (
    CONTACT_ID                       INTEGER NOT NULL PRIMARY KEY, -- new ids from CONTACT_ID_SEQ
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    EVENT_ID                         INTEGER REFERENCES EVENT (EVENT_ID),
    CONTACT_TYPE_ID                  INTEGER NOT NULL REFERENCES R_CONTACT_TYPE (CONTACT_TYPE_ID),
    CONTACT_DATE                     TEXT NOT NULL, -- DATE
    CONTACT_START_TIME               TEXT, -- TIMESTAMP
    CONTACT_OUTCOME_TYPE_ID          INTEGER REFERENCES R_CONTACT_OUTCOME_TYPE (CONTACT_OUTCOME_TYPE_ID),
    ENFORCEMENT                      INTEGER CHECK (ENFORCEMENT IN (0, 1)), -- BOOLEAN
    ATTENDED                         TEXT CHECK (ATTENDED IN ('Y', 'N')), -- YESNO
    COMPLIED                         TEXT CHECK (COMPLIED IN ('Y', 'N')), -- YESNO
    NOTES                            TEXT, -- CLOB
    STAFF_ID                         INTEGER NOT NULL REFERENCES STAFF (STAFF_ID),
    TEAM_ID                          INTEGER NOT NULL REFERENCES TEAM (TEAM_ID),
    PROBATION_AREA_ID                INTEGER REFERENCES PROBATION_AREA (PROBATION_AREA_ID),
    STAFF_EMPLOYEE_ID                INTEGER,
    TRUST_PROVIDER_TEAM_ID           INTEGER,
    TRUST_PROVIDER_FLAG              INTEGER CHECK (TRUST_PROVIDER_FLAG IN (0, 1)), -- BOOLEAN
    EXTERNAL_REFERENCE               TEXT, -- e.g. urn:hmpps:unpaid-work-assessment:<episodeId>, a court case note reference
    SENSITIVE                        TEXT CHECK (SENSITIVE IN ('Y', 'N')), -- YESNO
    DOCUMENT_LINKED                  TEXT CHECK (DOCUMENT_LINKED IN ('Y', 'N')), -- YESNO
    PARTITION_AREA_ID                INTEGER NOT NULL REFERENCES PARTITION_AREA (PARTITION_AREA_ID), -- 0
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    ROW_VERSION                      INTEGER NOT NULL DEFAULT 0, -- optimistic-lock counter, 0 on insert, +1 on every update
    CREATED_BY_USER_ID               INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    CREATED_DATETIME                 TEXT NOT NULL, -- TIMESTAMP
    LAST_UPDATED_USER_ID             INTEGER NOT NULL REFERENCES USER_ (USER_ID),
    LAST_UPDATED_DATETIME            TEXT NOT NULL -- TIMESTAMP
);
CREATE INDEX IX_CONTACT_OFFENDER_EVENT_DATE ON CONTACT (OFFENDER_ID, EVENT_ID, CONTACT_DATE); -- attendancesFilter
CREATE UNIQUE INDEX UX_CONTACT_EXTERNAL_REFERENCE ON CONTACT (EXTERNAL_REFERENCE) WHERE EXTERNAL_REFERENCE IS NOT NULL AND SOFT_DELETED = 0; -- unique among rows with EXTERNAL_REFERENCE not null and SOFT_DELETED = 0 (partial index, Delius XAK2CONTACT), consumer idempotency and court case note look-up
CREATE INDEX IX_CONTACT_OFFENDER_TYPE ON CONTACT (OFFENDER_ID, CONTACT_TYPE_ID);
CREATE INDEX IX_CONTACT_EVENT ON CONTACT (EVENT_ID); -- deliusd: contacts of an event
CREATE INDEX IX_CONTACT_EXTERNAL_REFERENCE ON CONTACT (EXTERNAL_REFERENCE); -- deliusd: external-reference look-ups without the SOFT_DELETED = 0 term

-- ------------------------------------------------------------------------------------------------
-- DOCUMENT: Documents held in the document store, attached to a person or to a row of another table (TABLE_NAME, PRIMARY_KEY_ID). Used by: C (read), U (written).
CREATE TABLE DOCUMENT (
    DOCUMENT_ID                      INTEGER NOT NULL PRIMARY KEY, -- new ids from DOCUMENT_ID_SEQ
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    ALFRESCO_DOCUMENT_ID             TEXT, -- the document-store id (a UUID), API id
    PRIMARY_KEY_ID                   INTEGER NOT NULL, -- id of the parent row
    TABLE_NAME                       TEXT NOT NULL, -- parent table: OFFENDER, EVENT, CONTACT, ... (court-case 2.7)
    DOCUMENT_NAME                    TEXT NOT NULL, -- file name for downloads
    DOCUMENT_TYPE                    TEXT NOT NULL DEFAULT 'DOCUMENT', -- default DOCUMENT, also PREVIOUS_CONVICTION, CPS_PACK
    DATE_PRODUCED                    TEXT, -- TIMESTAMP
    EXTERNAL_REFERENCE               TEXT, -- urn:hmpps:unpaid-work-assessment:<episodeId>
    LAST_SAVED                       TEXT NOT NULL, -- TIMESTAMP, lastModifiedAt
    STATUS                           TEXT NOT NULL CHECK (STATUS IN ('Y', 'N')), -- YESNO, N for new documents
    SENSITIVE                        INTEGER NOT NULL CHECK (SENSITIVE IN (0, 1)), -- BOOLEAN
    PARTITION_AREA_ID                INTEGER NOT NULL REFERENCES PARTITION_AREA (PARTITION_AREA_ID), -- 0
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    ROW_VERSION                      INTEGER NOT NULL DEFAULT 0, -- 0 on insert
    CREATED_BY_USER_ID               INTEGER REFERENCES USER_ (USER_ID), -- document author (else the last updater)
    CREATED_DATETIME                 TEXT, -- TIMESTAMP, createdAt (falls back to LAST_SAVED)
    LAST_UPDATED_USER_ID             INTEGER REFERENCES USER_ (USER_ID)
);
CREATE INDEX IX_DOCUMENT_OFFENDER_ALFRESCO ON DOCUMENT (OFFENDER_ID, ALFRESCO_DOCUMENT_ID); -- download ownership check, grouped list
CREATE UNIQUE INDEX UX_DOCUMENT_EXTERNAL_REFERENCE ON DOCUMENT (EXTERNAL_REFERENCE) WHERE EXTERNAL_REFERENCE IS NOT NULL AND SOFT_DELETED = 0; -- unique among rows with EXTERNAL_REFERENCE not null and SOFT_DELETED = 0 (partial index, Delius XIE10DOCUMENT), consumer idempotency
CREATE INDEX IX_DOCUMENT_PARENT ON DOCUMENT (TABLE_NAME, PRIMARY_KEY_ID);
CREATE INDEX IX_DOCUMENT_EXTERNAL_REFERENCE ON DOCUMENT (EXTERNAL_REFERENCE); -- deliusd: external-reference look-ups without the SOFT_DELETED = 0 term

-- ------------------------------------------------------------------------------------------------
-- APPROVED_PREMISES_REFERRAL: Approved-premises referrals (document parents). Used by: C (read).
CREATE TABLE APPROVED_PREMISES_REFERRAL (
    APPROVED_PREMISES_REFERRAL_ID    INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    REFERRAL_DATE                    TEXT NOT NULL, -- DATE
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);

-- ------------------------------------------------------------------------------------------------
-- REFERRAL: Referrals (document parents). Used by: C (read).
CREATE TABLE REFERRAL (
    REFERRAL_ID                      INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    REFERRAL_TYPE_ID                 INTEGER NOT NULL REFERENCES R_REFERRAL_TYPE (REFERRAL_TYPE_ID),
    REFERRAL_DATE                    TEXT NOT NULL, -- DATE
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);

-- ------------------------------------------------------------------------------------------------
-- ASSESSMENT: Assessments (document parents). Used by: C (read).
CREATE TABLE ASSESSMENT (
    ASSESSMENT_ID                    INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    ASSESSMENT_TYPE_ID               INTEGER NOT NULL REFERENCES R_ASSESSMENT_TYPE (ASSESSMENT_TYPE_ID),
    REFERRAL_ID                      INTEGER REFERENCES REFERRAL (REFERRAL_ID), -- only assessments with a referral get a description
    ASSESSMENT_DATE                  TEXT NOT NULL, -- DATE
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);

-- ------------------------------------------------------------------------------------------------
-- CASE_ALLOCATION: Case allocations (document parents). Used by: C (read).
CREATE TABLE CASE_ALLOCATION (
    CASE_ALLOCATION_ID               INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    EVENT_ID                         INTEGER NOT NULL REFERENCES EVENT (EVENT_ID),
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)) -- BOOLEAN, 0 = live, 1 = deleted, default 0
);

-- ------------------------------------------------------------------------------------------------
-- INSTITUTIONAL_REPORT: Reports requested by an institution (document parents). Used by: C (read).
CREATE TABLE INSTITUTIONAL_REPORT (
    INSTITUTIONAL_REPORT_ID          INTEGER NOT NULL PRIMARY KEY,
    OFFENDER_ID                      INTEGER NOT NULL REFERENCES OFFENDER (OFFENDER_ID),
    CUSTODY_ID                       INTEGER NOT NULL REFERENCES CUSTODY (CUSTODY_ID),
    INSTITUTION_ID                   INTEGER NOT NULL,
    ESTABLISHMENT                    TEXT NOT NULL CHECK (ESTABLISHMENT IN ('Y', 'N')), -- YESNO
    INSTITUTION_REPORT_TYPE_ID       INTEGER NOT NULL REFERENCES R_STANDARD_REFERENCE_LIST (STANDARD_REFERENCE_LIST_ID),
    DATE_REQUESTED                   TEXT NOT NULL, -- DATE
    DATE_REQUIRED                    TEXT, -- DATE
    DATE_COMPLETED                   TEXT, -- TIMESTAMP
    SOFT_DELETED                     INTEGER NOT NULL DEFAULT 0 CHECK (SOFT_DELETED IN (0, 1)), -- BOOLEAN, 0 = live, 1 = deleted, default 0
    FOREIGN KEY (INSTITUTION_ID, ESTABLISHMENT) REFERENCES R_INSTITUTION (INSTITUTION_ID, ESTABLISHMENT)
);

-- ------------------------------------------------------------------------------------------------
-- BUSINESS_INTERACTION: Audited business interaction codes. Used by: U C (read).
CREATE TABLE BUSINESS_INTERACTION (
    BUSINESS_INTERACTION_ID          INTEGER NOT NULL PRIMARY KEY,
    BUSINESS_INTERACTION_CODE        TEXT NOT NULL, -- WPBI006 upload document, CLBI007 update contact
    ENABLED_DATE                     TEXT -- TIMESTAMP, null or <= now = enabled
);
CREATE UNIQUE INDEX UX_BUSINESS_INTERACTION_CODE ON BUSINESS_INTERACTION (BUSINESS_INTERACTION_CODE); -- unique

-- ------------------------------------------------------------------------------------------------
-- AUDITED_INTERACTION: One row per audited write. Composite key (DATE_TIME, BUSINESS_INTERACTION_ID, USER_ID). Used by: U C (written).
CREATE TABLE AUDITED_INTERACTION (
    DATE_TIME                        TEXT NOT NULL, -- TIMESTAMP
    BUSINESS_INTERACTION_ID          INTEGER NOT NULL REFERENCES BUSINESS_INTERACTION (BUSINESS_INTERACTION_ID),
    USER_ID                          INTEGER NOT NULL REFERENCES USER_ (USER_ID), -- the service user
    OUTCOME                          TEXT NOT NULL, -- P = pass, F = fail
    INTERACTION_PARAMETERS           TEXT, -- <= 500 chars, key=value pairs joined with ,
    PRIMARY KEY (DATE_TIME, BUSINESS_INTERACTION_ID, USER_ID)
);
-- ================================================================================================
-- deliusd-internal tables (prefix DELIUSD_, never a Delius name)
-- ================================================================================================

-- ------------------------------------------------------------------------------------------------
-- DELIUSD_SEQUENCE: portable sequences (spec section 11). A writer reserves an id inside its own
-- transaction with
--     UPDATE DELIUSD_SEQUENCE SET NEXT_VALUE = NEXT_VALUE + 1 WHERE NAME = x
--     SELECT NEXT_VALUE - 1 FROM DELIUSD_SEQUENCE WHERE NAME = x
-- (the UPDATE first, so the row is locked on PostgreSQL and the write lock taken on SQLite).
-- CONTACT_ID_SEQ  -> CONTACT.CONTACT_ID of contacts written by the three consumers
-- DOCUMENT_ID_SEQ -> DOCUMENT.DOCUMENT_ID of documents written by the unpaid-work consumer
-- MESSAGE_ID_SEQ  -> DELIUSD_MESSAGE.MESSAGE_ID (optional: the local queue may use it)
-- They start at 1000000, above every id the migrations insert. deliusd seed (and anything else
-- that bulk-loads CONTACT or DOCUMENT rows) must raise them above the largest id it loads.
CREATE TABLE DELIUSD_SEQUENCE (
    NAME                             TEXT NOT NULL PRIMARY KEY,
    NEXT_VALUE                       INTEGER NOT NULL CHECK (NEXT_VALUE > 0)
);
INSERT INTO DELIUSD_SEQUENCE (NAME, NEXT_VALUE) VALUES ('CONTACT_ID_SEQ', 1000000);
INSERT INTO DELIUSD_SEQUENCE (NAME, NEXT_VALUE) VALUES ('DOCUMENT_ID_SEQ', 1000000);
INSERT INTO DELIUSD_SEQUENCE (NAME, NEXT_VALUE) VALUES ('MESSAGE_ID_SEQ', 1);

-- ------------------------------------------------------------------------------------------------
-- DELIUSD_MESSAGE: the durable local message queue used when no SQS endpoint is configured
-- (platform spec 7.3). One row per message. A consumer picks the oldest row of its QUEUE with
-- DEAD_LETTERED = 0 and (VISIBLE_AFTER IS NULL OR VISIBLE_AFTER <= now), increments
-- RECEIVE_COUNT and pushes VISIBLE_AFTER into the future (the visibility timeout), then deletes
-- the row on success. After the configured number of receives the row is kept with
-- DEAD_LETTERED = 1 (the local dead-letter store).
-- MESSAGE_ID is a plain INTEGER primary key: the inserter supplies the id (for example from
-- MESSAGE_ID_SEQ above), since no auto-increment syntax is portable.
CREATE TABLE DELIUSD_MESSAGE (
    MESSAGE_ID                       INTEGER NOT NULL PRIMARY KEY,
    QUEUE                            TEXT NOT NULL, -- queue name, e.g. tier-to-delius-queue
    BODY                             TEXT NOT NULL, -- the raw SQS body (SNS notification JSON)
    RECEIVE_COUNT                    INTEGER NOT NULL DEFAULT 0 CHECK (RECEIVE_COUNT >= 0),
    VISIBLE_AFTER                    TEXT, -- TIMESTAMP, null = visible now
    CREATED_AT                       TEXT NOT NULL, -- TIMESTAMP
    DEAD_LETTERED                    INTEGER NOT NULL DEFAULT 0 CHECK (DEAD_LETTERED IN (0, 1)) -- BOOLEAN
);
CREATE INDEX IX_DELIUSD_MESSAGE_QUEUE ON DELIUSD_MESSAGE (QUEUE, DEAD_LETTERED, VISIBLE_AFTER); -- deliusd: next visible message of a queue
