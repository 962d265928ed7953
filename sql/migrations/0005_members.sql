-- Party members (双报到, 菜单式服务, 积分): reports waiting for staff,
-- one-time codes and sessions of members, and what the staff pages need.

CREATE TABLE member_reports (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'report id',
  community_id INT UNSIGNED NOT NULL COMMENT 'residential community reported to',
  name         VARCHAR(64) NOT NULL COMMENT 'personal data: name as given',
  phone        CHAR(11) NOT NULL COMMENT 'personal data: mobile number as given',
  type         ENUM('in_service','retired','mobile','resident') NOT NULL DEFAULT 'in_service'
               COMMENT '在职 / 离退休 / 流动 / 居民党员, as given',
  employer     VARCHAR(128) NOT NULL DEFAULT '' COMMENT 'employer unit as given',
  skills       VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'skills and specialities (特长) as given',
  preferred    VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'preferred service categories: comma list of category ids',
  consent_at   DATETIME NOT NULL COMMENT 'when the member consented to the processing of personal data (UTC)',
  submitted_at DATETIME NOT NULL COMMENT 'when the report was posted (UTC)',
  state        ENUM('pending','confirmed','rejected') NOT NULL DEFAULT 'pending'
               COMMENT 'pending: waits for staff; confirmed: matched the roster or confirmed by staff',
  member_id    INT UNSIGNED NULL COMMENT 'roster entry it reported (once confirmed)',
  decided_by   INT UNSIGNED NULL COMMENT 'staff user who confirmed or rejected; NULL when matched automatically',
  decided_at   DATETIME NULL COMMENT 'when confirmed or rejected (UTC)',
  KEY ix_reports_community (community_id, state, submitted_at),
  KEY ix_reports_member (member_id),
  CONSTRAINT fk_reports_community FOREIGN KEY (community_id) REFERENCES regions (id),
  CONSTRAINT fk_reports_member FOREIGN KEY (member_id) REFERENCES party_members (id),
  CONSTRAINT fk_reports_user FOREIGN KEY (decided_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='members'' reports (报到), matched or waiting for staff';

CREATE TABLE member_codes (
  member_id    INT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'the member; a new code replaces the old one',
  code_hash    BINARY(32) NOT NULL COMMENT 'BLAKE2b-256 of the one-time code; the code is never stored',
  expires_at   DATETIME NOT NULL COMMENT 'code unusable after this (UTC)',
  created_by   INT UNSIGNED NOT NULL COMMENT 'staff user who issued it',
  CONSTRAINT fk_codes_member FOREIGN KEY (member_id) REFERENCES party_members (id) ON DELETE CASCADE,
  CONSTRAINT fk_codes_user FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='one-time codes that staff give members to identify themselves';

CREATE TABLE member_sessions (
  token_hash   BINARY(32) NOT NULL PRIMARY KEY COMMENT 'BLAKE2b-256 of the session token',
  member_id    INT UNSIGNED NOT NULL COMMENT 'the member',
  expires_at   DATETIME NOT NULL COMMENT 'session ends then (UTC)',
  KEY ix_msessions_member (member_id),
  CONSTRAINT fk_msessions_member FOREIGN KEY (member_id) REFERENCES party_members (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='members'' sessions, opened by using a one-time code';

ALTER TABLE party_members
  ADD COLUMN skills VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'skills (特长) from the last report' AFTER employer;

ALTER TABLE service_items
  ADD COLUMN created_at DATETIME NOT NULL DEFAULT UTC_TIMESTAMP() COMMENT 'published (UTC)';
