-- Staff work: co-building units (共建单位) that requests can be assigned
-- to, and who a request is assigned to.

CREATE TABLE units (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'unit id',
  region_id   INT UNSIGNED NOT NULL COMMENT 'street or community it has joined (共建)',
  name        VARCHAR(100) NOT NULL COMMENT 'unit name (company, school, office)',
  contact     VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'contact person and phone, for staff',
  active      BOOLEAN NOT NULL DEFAULT TRUE COMMENT 'offered for assignment',
  KEY ix_units_region (region_id),
  CONSTRAINT fk_units_region FOREIGN KEY (region_id) REFERENCES regions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='co-building units (共建单位)';

ALTER TABLE service_requests
  ADD COLUMN assignee_user_id INT UNSIGNED NULL COMMENT 'assigned grid worker (or other staff)' AFTER resolve_due,
  ADD COLUMN assignee_member_id INT UNSIGNED NULL COMMENT 'assigned Party member' AFTER assignee_user_id,
  ADD COLUMN assignee_unit_id INT UNSIGNED NULL COMMENT 'assigned co-building unit' AFTER assignee_member_id,
  ADD CONSTRAINT fk_requests_assignee_user FOREIGN KEY (assignee_user_id) REFERENCES users (id),
  ADD CONSTRAINT fk_requests_assignee_member FOREIGN KEY (assignee_member_id) REFERENCES party_members (id),
  ADD CONSTRAINT fk_requests_assignee_unit FOREIGN KEY (assignee_unit_id) REFERENCES units (id);
