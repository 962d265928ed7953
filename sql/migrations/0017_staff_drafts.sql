-- Migration 0017: the kind of a staff note, and drafts kept through a login.
--
-- A note (request_events.action = 'note') is an ordinary record or reply,
-- a follow-up with the resident (回访记录), or information staff add on
-- the resident's behalf (代群众补充); the timeline names the kind.
--
-- When a staff member's session has ended while they typed, the action
-- they posted is kept here, keyed by the hash of a random cookie, until
-- they have logged in again and the request's page fills the form with
-- it (then it is deleted; rows older than a day are pruned).  No URL or
-- log ever holds it.

ALTER TABLE request_events
  ADD COLUMN note_kind ENUM('note','followup','supplement') NULL
  COMMENT 'for action = note: an ordinary note, a follow-up (回访), or added on the resident''s behalf'
  AFTER body;

CREATE TABLE staff_drafts (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY COMMENT 'BLAKE2b hash of the draft cookie',
  tracking_no CHAR(8) NOT NULL COMMENT 'the request the form was for',
  action      VARCHAR(16) NOT NULL COMMENT 'the action posted (word_action code)',
  body        VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'the text as typed (may hold personal data; deleted when used)',
  choice      VARCHAR(32) NOT NULL DEFAULT '' COMMENT 'the action''s other field: reason code, assignee, or note kind',
  public      TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'a note: public reply ticked',
  created_at  DATETIME NOT NULL COMMENT 'when kept (UTC)',
  KEY ix_drafts_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='staff form drafts kept through an expired session';
