-- ================================================================================================
-- 0003_message_queue.sql - the embedded message queue and its dead-letter table (platform spec
-- 7.1 and 7.3; src/messaging/queue_embedded.c). Portable SQL (see 0001): INTEGER, TEXT only.
--
-- DELIUSD_QUEUE_MESSAGE replaces the draft DELIUSD_MESSAGE of 0001, which nothing used: times are
-- epoch milliseconds (INTEGER) so claiming compares numbers, and dead letters live in their own
-- table with their last error instead of a flag.
-- ================================================================================================
DROP TABLE DELIUSD_MESSAGE;

-- One row per message waiting or in hand. A worker claims rows with one statement:
--   UPDATE DELIUSD_QUEUE_MESSAGE SET RECEIVE_COUNT = RECEIVE_COUNT + 1, VISIBLE_AT = now + visibility
--    WHERE ID IN (SELECT ID ... WHERE QUEUE = ? AND VISIBLE_AT <= now ORDER BY VISIBLE_AT, ID LIMIT n
--                 [FOR UPDATE SKIP LOCKED on PostgreSQL]) RETURNING ...
-- deletes the row when its handler succeeded, and on failure pushes VISIBLE_AT to now + back-off
-- (with LAST_ERROR) or moves the row to DELIUSD_DEAD_LETTER after the configured receives.
-- ID comes from MESSAGE_ID_SEQ (DELIUSD_SEQUENCE).
CREATE TABLE DELIUSD_QUEUE_MESSAGE (
    ID                               INTEGER NOT NULL PRIMARY KEY,
    QUEUE                            TEXT NOT NULL, -- logical queue: tier, upw, court-case
    MESSAGE_ID                       TEXT NOT NULL, -- SNS MessageId, or generated
    BODY                             TEXT NOT NULL, -- SNS notification or bare domain event (JSON)
    RECEIVE_COUNT                    INTEGER NOT NULL DEFAULT 0 CHECK (RECEIVE_COUNT >= 0),
    VISIBLE_AT                       INTEGER NOT NULL, -- epoch ms: claimable from then on
    ENQUEUED_AT                      INTEGER NOT NULL, -- epoch ms
    LAST_ERROR                       TEXT -- why the last receive failed
);
CREATE INDEX IX_DELIUSD_QUEUE_MESSAGE_NEXT ON DELIUSD_QUEUE_MESSAGE (QUEUE, VISIBLE_AT, ID); -- deliusd: claim

-- Messages that failed on every one of their receives (deliusd dlq list | retry | purge).
CREATE TABLE DELIUSD_DEAD_LETTER (
    ID                               INTEGER NOT NULL PRIMARY KEY, -- the queue row's ID
    QUEUE                            TEXT NOT NULL,
    MESSAGE_ID                       TEXT NOT NULL,
    BODY                             TEXT NOT NULL,
    RECEIVE_COUNT                    INTEGER NOT NULL,
    ENQUEUED_AT                      INTEGER NOT NULL, -- epoch ms
    DEAD_LETTERED_AT                 INTEGER NOT NULL, -- epoch ms
    LAST_ERROR                       TEXT
);
CREATE INDEX IX_DELIUSD_DEAD_LETTER_QUEUE ON DELIUSD_DEAD_LETTER (QUEUE, ID); -- deliusd: dlq list by queue
