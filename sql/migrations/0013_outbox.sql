-- Migration 0013: messages to residents and members (issue 18, points 2-3).
--
-- A row is written in the same transaction as the change that causes it
-- (sql/outbox.c): a request accepted, resolved, rejected or sent back for
-- rework, a request nearing its resolve deadline (once per deadline, by
-- the sender's scan), a member's login code.  `lianxin send` claims due
-- rows (an UPDATE with a random claim, so two senders never take the same
-- row), sends them with their idempotency key, and marks them sent, or
-- puts them back with a backoff, failed after [sms] max_attempts.

CREATE TABLE outbox (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'message id',
  idem_key        VARCHAR(64) NOT NULL COMMENT 'idempotency key sent with the message: one message per cause',
  kind            ENUM('accepted','resolved','rejected','reopened','due_warning','member_code')
                  NOT NULL COMMENT 'why it is sent',
  request_id      BIGINT UNSIGNED NULL COMMENT 'the request it is about, if any',
  phone           CHAR(11) NOT NULL COMMENT 'personal data: the mobile number it goes to; never logged',
  text            VARCHAR(600) NOT NULL COMMENT 'personal data: the whole text; never logged',
  param           VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'the template parameter: tracking number or code',
  detail          VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'personal data: a third template parameter: the answer (cut) or the reason',
  link_token      VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'signed token of the link in the text (/t/TOKEN), or empty',
  state           ENUM('queued','sent','failed') NOT NULL DEFAULT 'queued' COMMENT 'delivery state',
  attempts        SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'sends tried',
  next_attempt_at DATETIME NOT NULL COMMENT 'not sent before (UTC); a claim moves it by the lease',
  claim           CHAR(32) NULL COMMENT 'the random claim of the sender that holds it',
  last_error      VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'why the last send failed (no phone, no text)',
  created_at      DATETIME NOT NULL COMMENT 'written (UTC)',
  sent_at         DATETIME NULL COMMENT 'delivered to the provider (UTC)',
  UNIQUE KEY uq_outbox_key (idem_key),
  KEY ix_outbox_due (state, next_attempt_at),
  KEY ix_outbox_claim (claim),
  KEY ix_outbox_request (request_id)
) ENGINE=InnoDB COMMENT='messages to residents and members, sent by lianxin send'
  DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Members' own login codes (POST /member/sms): hashed, short-lived,
-- a few tries.  Staff-issued codes stay in their table.
CREATE TABLE member_sms_codes (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'code id',
  member_id   INT UNSIGNED NOT NULL COMMENT 'the member',
  code_hash   BINARY(32) NOT NULL COMMENT 'BLAKE2b-256 of the member id and the 6 digits',
  tries       TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'wrong codes typed',
  expires_at  DATETIME NOT NULL COMMENT 'refused after (UTC)',
  used_at     DATETIME NULL COMMENT 'logged in with it (UTC)',
  KEY ix_msms_member (member_id, expires_at)
) ENGINE=InnoDB COMMENT='login codes members asked for by SMS'
  DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
