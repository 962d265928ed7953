-- Migration 0010: staff logins throttled per username and per address.
--
-- users.failed_logins and users.locked_until were never reset when a lock
-- expired, were kept only for real accounts (so a lock told who exists)
-- and were read before the count was written (so parallel logins got more
-- password checks than the limit).  A row here counts the failed logins
-- of a key, 'u:' and the username as typed (known or not) or 'a:' and the
-- client address; the daemon reads and writes the keys of a login in one
-- transaction (SELECT ... FOR UPDATE) before it checks the password
-- (cgi/auth.c).  The old columns stay, unused.

CREATE TABLE login_throttle (
  k         VARCHAR(80) NOT NULL COMMENT 'u:USERNAME or a:ADDRESS',
  failures  SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'attempts counted since the last reset',
  locks     SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'delays in a row: the next one is twice as long',
  last_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP() COMMENT 'the last attempt counted (UTC)',
  until     DATETIME NULL COMMENT 'attempts refused until then (UTC)',
  PRIMARY KEY (k),
  KEY ix_login_throttle_last (last_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='failed staff logins, per username and per address';
