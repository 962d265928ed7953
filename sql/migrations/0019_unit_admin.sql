-- Migration 0019: departments made by admins, their limits in working days.
--
-- A department's resolve limit (resolve_days) counts working days (工作日)
-- by default, as offices do, or calendar days, as a category's may
-- (migration 0015); response limits stay wall-clock hours.  Summons
-- issued before this migration keep the due times they were given.

ALTER TABLE units
  ADD COLUMN resolve_unit ENUM('days','workdays') NOT NULL DEFAULT 'workdays'
  COMMENT 'unit of resolve_days: calendar days or working days (工作日)'
  AFTER resolve_days;
