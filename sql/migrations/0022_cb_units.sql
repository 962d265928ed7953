-- Migration 0022: co-building units' edits and the agreements' timeline
-- (issue 20 points 1, 2 and 6).
--
-- A co-building unit's fields are edited by staff of its community and
-- street alike: a version makes a stale form a 409, never a lost update.
-- Every step of an agreement (recorded, a commitment added, signed,
-- ended, a commitment fulfilled, confirmed or sent back to 待兑现 with
-- the reason, a rating given) is one line of agreement_events, the
-- timeline of /cobuild/agreements/{id}.

ALTER TABLE units
  ADD COLUMN version INT UNSIGNED NOT NULL DEFAULT 1
    COMMENT 'optimistic lock of the co-building fields (staff edits)';

CREATE TABLE agreement_events (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'event id',
  agreement_id  INT UNSIGNED NOT NULL COMMENT 'the agreement',
  commitment_id INT UNSIGNED NULL COMMENT 'the commitment the step is about, if any',
  action        ENUM('created','commitment','signed','ended','fulfilled','confirmed',
                  'returned','rated') NOT NULL
                COMMENT 'the step (domain/words.h WORDS_CB_EVENT)',
  user_id       INT UNSIGNED NOT NULL COMMENT 'who did it (staff, or the unit''s account)',
  at            DATETIME NOT NULL COMMENT 'when (UTC)',
  note          VARCHAR(1000) NOT NULL DEFAULT '' COMMENT 'e.g. why a fulfilment was sent back',
  KEY ix_agreement_events (agreement_id, at),
  CONSTRAINT fk_agreement_events_agreement FOREIGN KEY (agreement_id) REFERENCES agreements (id),
  CONSTRAINT fk_agreement_events_commitment FOREIGN KEY (commitment_id) REFERENCES commitments (id),
  CONSTRAINT fk_agreement_events_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the timeline of an agreement (who did what when)';
