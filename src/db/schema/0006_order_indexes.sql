-- 0006_order_indexes.sql - indexes in the ORDER BY order of the court-case person lists (issue 15):
-- with the person's rows already in the order the statement returns them, SQLite needs no
-- temporary b-tree (a sorter, its pages allocated and zeroed) per execution, and PostgreSQL no
-- Sort node. The columns after the equality terms are the statement's ORDER BY, directions
-- included (NULLs sort as the statement sorts them on both databases).

-- /probation-case/{crn}/all offender managers: active, live, newest allocation first.
CREATE INDEX IX_OFFENDER_MANAGER_OFFENDER_ORDER ON OFFENDER_MANAGER (OFFENDER_ID, ACTIVE_FLAG, SOFT_DELETED, ALLOCATION_DATE DESC, OFFENDER_MANAGER_ID);

-- /probation-case/{crn} and /all disabilities (soft-deleted ones included): latest start first.
CREATE INDEX IX_DISABILITY_OFFENDER_START ON DISABILITY (OFFENDER_ID, START_DATE DESC, DISABILITY_ID);

-- /probation-case/{crn} and /all provisions: live ones, latest start first.
CREATE INDEX IX_PROVISION_OFFENDER_START ON PROVISION (OFFENDER_ID, SOFT_DELETED, START_DATE DESC, PROVISION_ID);

-- /probation-case/{crn}/all addresses: live ones by id.
CREATE INDEX IX_OFFENDER_ADDRESS_OFFENDER_LIVE ON OFFENDER_ADDRESS (OFFENDER_ID, SOFT_DELETED, OFFENDER_ADDRESS_ID);
