-- 0004_perf_indexes.sql - indexes that let the hot "latest row" look-ups read the rows already in
-- ORDER BY order (issue 15): SQLite answers ORDER BY ... LIMIT 1 without an index in that order by
-- building a temporary b-tree per execution (several 4 KiB pages zeroed and freed per request).

-- tier-details: the latest OASys assessment of a person (ORDER BY ASSESSMENT_DATE DESC,
-- LAST_UPDATED_DATETIME DESC, OASYS_ASSESSMENT_ID DESC LIMIT 1), covering: the index alone answers
-- it. IX_OASYS_ASSESSMENT_OFFENDER_DATE (its prefix) stays: delius-schema.md lists it.
CREATE INDEX IX_OASYS_ASSESSMENT_LATEST ON OASYS_ASSESSMENT (OFFENDER_ID, ASSESSMENT_DATE, LAST_UPDATED_DATETIME, OASYS_ASSESSMENT_ID, SOFT_DELETED, OGRS_SCORE_2);

-- court-case person summary and /all: the latest previous-conviction document of a person
-- (ORDER BY LAST_SAVED DESC, DOCUMENT_ID DESC LIMIT 1).
CREATE INDEX IX_DOCUMENT_OFFENDER_TYPE_SAVED ON DOCUMENT (OFFENDER_ID, DOCUMENT_TYPE, LAST_SAVED);
