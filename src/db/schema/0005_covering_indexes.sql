-- 0005_covering_indexes.sql - covering indexes for the per-person look-ups of the hot read routes
-- (issue 15, second pass). On a 1M-person database nearly every leaf page a request touches misses
-- the connection's page cache and is read from the OS (one pread each, ~4 µs with the page set-up):
-- an index that holds every column the statement reads saves the table's leaf page, and one whose
-- columns after the equality terms follow the statement's ORDER BY saves the temporary b-tree.
-- Each index below lists the statements it serves; `EXPLAIN QUERY PLAN` shows "COVERING INDEX".

-- tier-details (convictions join, OGRS join, enforcement NSI check) and unpaid-work's event pick:
-- the active events of a person in EVENT_ID order.
CREATE INDEX IX_EVENT_OFFENDER_ACTIVE ON EVENT (OFFENDER_ID, SOFT_DELETED, ACTIVE_FLAG, EVENT_ID, EVENT_NUMBER, IN_BREACH);

-- tier-details convictions: the active disposal of an event, with what the route reads.
CREATE INDEX IX_DISPOSAL_EVENT_ACTIVE ON DISPOSAL (EVENT_ID, SOFT_DELETED, ACTIVE_FLAG, DISPOSAL_ID, DISPOSAL_TYPE_ID, TERMINATION_DATE);

-- tier-details convictions: the active requirements of a disposal, with their main category.
CREATE INDEX IX_RQMNT_DISPOSAL_ACTIVE ON RQMNT (DISPOSAL_ID, SOFT_DELETED, ACTIVE_FLAG, RQMNT_ID, RQMNT_TYPE_MAIN_CATEGORY_ID);

-- tier-details OGRS: the assessments of an event, newest last.
CREATE INDEX IX_OGRS_ASSESSMENT_EVENT_LATEST ON OGRS_ASSESSMENT (EVENT_ID, SOFT_DELETED, ASSESSMENT_DATE, LAST_UPDATED_DATETIME, OGRS_ASSESSMENT_ID, OGRS3_SCORE_2);

-- tier-details registrations (newest first) and unpaid-work registrations: the active
-- registrations of a person.
CREATE INDEX IX_REGISTRATION_OFFENDER_ACTIVE ON REGISTRATION (OFFENDER_ID, SOFT_DELETED, DEREGISTERED, REGISTRATION_DATE, REGISTRATION_ID, REGISTER_TYPE_ID, REGISTER_LEVEL_ID, REGISTER_CATEGORY_ID);

-- tier-details enforcement: a person's NSIs referred since a date.
CREATE INDEX IX_NSI_OFFENDER_REFERRAL ON NSI (OFFENDER_ID, SOFT_DELETED, REFERRAL_DATE, EVENT_ID, NSI_OUTCOME_ID);

-- tier-details person row: the case by CRN with the columns the route reads.
CREATE INDEX IX_OFFENDER_CRN_TIER ON OFFENDER (CRN, SOFT_DELETED, GENDER_ID, CURRENT_TIER, DYNAMIC_RSR_SCORE);
