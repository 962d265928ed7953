-- Staff sessions (kept in the database so several daemons can serve one
-- site) and the audit log of logins and actions.

CREATE TABLE sessions (
  token_hash  BINARY(32) NOT NULL PRIMARY KEY COMMENT 'BLAKE2b-256 of the session token; the token itself is never stored',
  user_id     INT UNSIGNED NOT NULL COMMENT 'the user',
  csrf_token  BINARY(32) NOT NULL COMMENT 'CSRF token of this session',
  created_at  DATETIME NOT NULL COMMENT 'login time (UTC); absolute timeout counts from here',
  seen_at     DATETIME NOT NULL COMMENT 'last request (UTC); idle timeout counts from here',
  address     VARCHAR(45) NOT NULL COMMENT 'client address at login',
  KEY ix_sessions_user (user_id),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='staff login sessions';

CREATE TABLE audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'entry id',
  at          DATETIME NOT NULL COMMENT 'when (UTC)',
  user_id     INT UNSIGNED NULL COMMENT 'acting user, NULL when unknown (failed login of no account)',
  username    VARCHAR(64) NOT NULL COMMENT 'login name as given',
  action      VARCHAR(32) NOT NULL COMMENT 'login, login_failed, logout, request action, export, ...',
  object      VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'what it acted on (request tracking number, export kind, ...)',
  detail      VARCHAR(1000) NOT NULL DEFAULT '' COMMENT 'filters, row counts, reasons; never personal data',
  address     VARCHAR(45) NOT NULL COMMENT 'client address',
  KEY ix_audit_at (at),
  KEY ix_audit_user (user_id, at),
  CONSTRAINT fk_audit_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='who did what, when, from where';
