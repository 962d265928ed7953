-- Party members, continued: preferred service categories kept on the
-- roster, menu items edited and withdrawn by staff (open claims cancelled
-- with the item), and a lockout after wrong one-time codes.

ALTER TABLE party_members
  ADD COLUMN preferred VARCHAR(500) NOT NULL DEFAULT ''
    COMMENT 'preferred service categories of the last confirmed report: comma list of category ids'
    AFTER skills,
  ADD COLUMN code_failures TINYINT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'wrong one-time codes in a row since the last code login, lockout or new code',
  ADD COLUMN code_locked_until DATETIME NULL
    COMMENT 'no login with a one-time code before this (UTC); NULL: not locked';

-- What members already said in their confirmed reports.
UPDATE party_members m
  JOIN member_reports r ON r.id = (SELECT MAX(x.id) FROM member_reports x
    WHERE x.member_id = m.id AND x.state = 'confirmed')
  SET m.preferred = r.preferred;

ALTER TABLE service_items
  ADD COLUMN updated_at DATETIME NULL COMMENT 'last edited by staff (UTC); NULL: never',
  ADD COLUMN withdrawn_at DATETIME NULL
    COMMENT 'withdrawn from the menu (UTC): no longer offered, open claims cancelled; NULL while offered',
  ADD COLUMN withdrawn_by INT UNSIGNED NULL COMMENT 'staff user who withdrew it',
  ADD CONSTRAINT fk_items_withdrawn_by FOREIGN KEY (withdrawn_by) REFERENCES users (id);

ALTER TABLE item_claims
  MODIFY COLUMN state ENUM('open','withdrawn','completed','cancelled') NOT NULL DEFAULT 'open'
    COMMENT 'open; withdrawn by the member; completed (staff); cancelled: the item was withdrawn while open';
