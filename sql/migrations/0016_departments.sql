-- Departments (街乡吹哨、部门报到): the handling units gain a kind and
-- their own time limits; department staff accounts are bound to one
-- unit; a summons calls a department to a request, and its steps are
-- request events.

ALTER TABLE units
  ADD COLUMN kind ENUM('department','cobuild') NOT NULL DEFAULT 'cobuild'
    COMMENT 'department 职能部门 (summoned) or co-building unit 共建单位 (assigned)' AFTER id,
  ADD COLUMN response_hours SMALLINT UNSIGNED NOT NULL DEFAULT 24
    COMMENT 'a summoned department reports (报到) within this many hours' AFTER contact,
  ADD COLUMN resolve_days SMALLINT UNSIGNED NOT NULL DEFAULT 5
    COMMENT 'a summoned department answers (办结) within this many days of the summons' AFTER response_hours,
  ADD COLUMN sort INT NOT NULL DEFAULT 0 COMMENT 'display order' AFTER resolve_days,
  MODIFY COLUMN region_id INT UNSIGNED NOT NULL
    COMMENT 'a department: the street or district it serves (its level); a co-building unit: the street or community it joined',
  ADD KEY ix_units_kind_region (kind, region_id, sort);

ALTER TABLE users
  MODIFY COLUMN role ENUM('grid_worker','community_staff','street_official',
    'district_official','admin','department_staff') NOT NULL COMMENT 'what the user may do',
  ADD COLUMN unit_id INT UNSIGNED NULL
    COMMENT 'department_staff: the unit whose summons the account handles' AFTER region_id,
  ADD CONSTRAINT fk_users_unit FOREIGN KEY (unit_id) REFERENCES units (id);

ALTER TABLE request_events
  MODIFY COLUMN action ENUM('submit','accept','assign','note','resolve','close',
    'reject','escalate','rate','reopen','summon','report','answer')
    NOT NULL COMMENT 'what was done (summon, report, answer: a summons'' steps)';

CREATE TABLE summons (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'summons id',
  request_id    BIGINT UNSIGNED NOT NULL COMMENT 'the request',
  unit_id       INT UNSIGNED NOT NULL COMMENT 'the department summoned',
  issued_by     INT UNSIGNED NOT NULL COMMENT 'the staff user who summoned (吹哨)',
  issued_at     DATETIME NOT NULL COMMENT 'when summoned (UTC); defines the period of the figures',
  reason        VARCHAR(500) NOT NULL COMMENT 'why, for the department (staff-internal)',
  response_due  DATETIME NOT NULL COMMENT 'issued + the unit''s response_hours (UTC)',
  resolve_due   DATETIME NOT NULL COMMENT 'issued + the unit''s resolve_days (UTC)',
  accepted_at   DATETIME NULL COMMENT 'when the department reported (报到) (UTC)',
  accepted_by   INT UNSIGNED NULL COMMENT 'the department''s account that reported',
  answered_at   DATETIME NULL COMMENT 'when the department answered (办结) (UTC)',
  answered_by   INT UNSIGNED NULL COMMENT 'the department''s account that answered',
  answer        VARCHAR(2000) NULL COMMENT 'the department''s answer (staff-internal)',
  state         ENUM('issued','accepted','answered') NOT NULL DEFAULT 'issued'
                COMMENT 'issued 待报到, accepted 已报到, answered 已办结',
  KEY ix_summons_request (request_id, issued_at),
  KEY ix_summons_unit (unit_id, state, response_due),
  KEY ix_summons_issued (issued_at, unit_id),
  CONSTRAINT fk_summons_request FOREIGN KEY (request_id) REFERENCES service_requests (id),
  CONSTRAINT fk_summons_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_summons_issued_by FOREIGN KEY (issued_by) REFERENCES users (id),
  CONSTRAINT fk_summons_accepted_by FOREIGN KEY (accepted_by) REFERENCES users (id),
  CONSTRAINT fk_summons_answered_by FOREIGN KEY (answered_by) REFERENCES users (id),
  CONSTRAINT ck_summons_order CHECK ((accepted_at IS NULL OR accepted_at >= issued_at)
    AND (answered_at IS NULL OR (accepted_at IS NOT NULL AND answered_at >= accepted_at)))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='departments summoned to requests (街乡吹哨、部门报到)';
