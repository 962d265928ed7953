-- Migration 0015: working days (工作日).
--
-- Offices count time limits in working days: Monday to Friday, less the
-- days off of the State Council's annual notice (法定节假日), plus the
-- weekend days it makes working days (调休上班).  `lianxin import
-- holidays FILE` stores one notice (one year) at a time: its days here,
-- the year in holiday_years.  A year not in holiday_years is unknown: the
-- daemon says so at start-up and on the dashboard, and a limit that runs
-- into it counts Monday to Friday (lib/workday.h).  A category's resolve
-- limit is in calendar days (as before, the default for existing
-- categories) or working days; response limits stay wall-clock hours.

CREATE TABLE holidays (
  day  DATE NOT NULL COMMENT 'a day the notice changes (local calendar day)',
  kind ENUM('off','work') NOT NULL COMMENT 'off: a day off (法定节假日); work: a weekend day worked (调休上班)',
  name VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'the holiday, as the notice names it',
  PRIMARY KEY (day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the days of the annual holiday notices that differ from Monday-Friday';

CREATE TABLE holiday_years (
  year        SMALLINT UNSIGNED NOT NULL COMMENT 'a year whose notice is imported',
  imported_at DATETIME NOT NULL COMMENT 'when (UTC)',
  source      VARCHAR(255) NOT NULL DEFAULT '' COMMENT 'the file imported',
  PRIMARY KEY (year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='years of the holiday calendar: the others are unknown';

ALTER TABLE categories
  ADD COLUMN resolve_unit ENUM('days','workdays') NOT NULL DEFAULT 'days'
  COMMENT 'unit of resolve_days: calendar days or working days (工作日)'
  AFTER resolve_days;

-- The resolve limit a new request carries until it is accepted (POST_INTO
-- in sql/sqls.c), for a category counting working days: the rule of
-- lib/workday.h in SQL, on the figures' UTC offset (stats_tz): the end,
-- 23:59:59 local, of the nth working day after t's local day.  The data
-- layer sets every later limit in C (sql/workday.c); the tests check
-- both against a third reckoning (tests/support/testdb.c).
CREATE FUNCTION workday_due(t DATETIME, n INT) RETURNS DATETIME
  READS SQL DATA
  COMMENT 'end of the nth working day after the local day of t (UTC)'
BEGIN
  DECLARE off INT DEFAULT 480;
  DECLARE d DATE;
  DECLARE k VARCHAR(8);
  DECLARE todo INT DEFAULT GREATEST(IFNULL(n, 1), 1);

  SELECT offset_minutes INTO off FROM stats_tz WHERE id = 1;
  SET d = DATE(t + INTERVAL off MINUTE);
  WHILE todo > 0 DO
    SET d = d + INTERVAL 1 DAY;
    SET k = (SELECT kind FROM holidays WHERE day = d);
    IF IF(k IS NULL, WEEKDAY(d) < 5, k = 'work') THEN
      SET todo = todo - 1;
    END IF;
  END WHILE;
  RETURN TIMESTAMP(d, '23:59:59') - INTERVAL off MINUTE;
END;
