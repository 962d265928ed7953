-- 0007: summary tables of the request figures (口径, DESIGN.md), kept up to
-- date by triggers in the same transaction as every change of a request,
-- so that a figure is never stale and needs no nightly job.
--
-- A request contributes one vector of counters to the row of its local
-- received day (stats_day, down to the grid) and of its month (stats_month,
-- down to the community).  Every insert, update or delete of a request
-- takes the old vector off and adds the new one (stats_apply below).
-- `lianxin stats rebuild` recomputes both tables from service_requests with
-- the same definitions (SQL_STATS_REBUILD_* in sql/sqls.c); a test checks
-- that rebuild, the incremental path and independent SQL agree.
--
-- The definitions, for one request r (rejected ones are not valid):
--   received   1
--   rejected   r is rejected
--   responded  valid and first accepted at or before response_due
--   resolved   valid and now resolved or closed
--   ontime     resolved and resolved_at <= resolve_due
--   rated      resolved and rated
--   satisfied  rated 满意 or 基本满意
--   community  resolved and never escalated above the community
--   resolve_s  when resolved: seconds from received to resolved

CREATE TABLE stats_tz (
  id          TINYINT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'always 1',
  offset_minutes SMALLINT NOT NULL COMMENT 'UTC offset of the figures'' calendar days ([server] timezone)',
  CONSTRAINT ck_stats_tz_one CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the UTC offset that turns received_at into a local day; set by lianxin migrate';

INSERT INTO stats_tz (id, offset_minutes) VALUES (1, 480);

CREATE TABLE stats_day (
  day          DATE NOT NULL COMMENT 'local day the requests were received',
  community_id INT UNSIGNED NOT NULL COMMENT 'community of the location',
  grid_id      INT UNSIGNED NOT NULL COMMENT 'grid of the location; 0 when not known',
  category_id  SMALLINT UNSIGNED NOT NULL COMMENT 'service category',
  district_id  INT UNSIGNED NOT NULL COMMENT 'district of the community',
  street_id    INT UNSIGNED NOT NULL COMMENT 'street of the community',
  received     INT NOT NULL DEFAULT 0 COMMENT '受理量: requests received',
  rejected     INT NOT NULL DEFAULT 0 COMMENT 'of them rejected (有效量 = received - rejected)',
  responded    INT NOT NULL DEFAULT 0 COMMENT 'valid, first accepted within the response limit',
  resolved     INT NOT NULL DEFAULT 0 COMMENT 'valid, now resolved or closed',
  ontime       INT NOT NULL DEFAULT 0 COMMENT 'resolved at or before the resolve due time',
  rated        INT NOT NULL DEFAULT 0 COMMENT 'resolved and rated by the resident',
  satisfied    INT NOT NULL DEFAULT 0 COMMENT 'rated 满意 or 基本满意',
  community    INT NOT NULL DEFAULT 0 COMMENT 'resolved, never escalated above the community',
  resolve_s    BIGINT NOT NULL DEFAULT 0 COMMENT 'sum over resolved of seconds from received to resolved',
  PRIMARY KEY (community_id, day, grid_id, category_id),
  KEY ix_stats_day_district (district_id, day),
  KEY ix_stats_day_street (street_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='request figures by received day, grid and category';

CREATE TABLE stats_month (
  district_id  INT UNSIGNED NOT NULL COMMENT 'district of the community',
  month        DATE NOT NULL COMMENT 'first local day of the month the requests were received',
  community_id INT UNSIGNED NOT NULL COMMENT 'community of the location',
  category_id  SMALLINT UNSIGNED NOT NULL COMMENT 'service category',
  street_id    INT UNSIGNED NOT NULL COMMENT 'street of the community',
  received     INT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  rejected     INT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  responded    INT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  resolved     INT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  ontime       INT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  rated        INT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  satisfied    INT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  community    INT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  resolve_s    BIGINT NOT NULL DEFAULT 0 COMMENT 'as in stats_day',
  PRIMARY KEY (district_id, month, community_id, category_id),
  KEY ix_stats_month_street (street_id, month),
  KEY ix_stats_month_community (community_id, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='request figures by received month, community and category';

-- Add s (1 or -1) times the vector of one request to its two rows.
-- Does nothing while the session variable @lianxin_bulk is set (the demo
-- loader, which rebuilds afterwards).
CREATE PROCEDURE stats_apply(IN s INT, IN p_received DATETIME,
    IN p_category INT, IN p_district INT, IN p_street INT,
    IN p_community INT, IN p_grid INT, IN p_state VARCHAR(16),
    IN p_max_level VARCHAR(16), IN p_accepted DATETIME,
    IN p_resolved DATETIME, IN p_response_due DATETIME,
    IN p_resolve_due DATETIME, IN p_rating VARCHAR(16))
  MODIFIES SQL DATA
  COMMENT 'add or take off one request''s contribution to the figures'
BEGIN
  DECLARE d DATE;
  DECLARE m DATE;
  DECLARE rej, resp, res, ont, rat, sat, com INT DEFAULT 0;
  DECLARE secs BIGINT DEFAULT 0;
  DECLARE off INT DEFAULT 480;

  IF @lianxin_bulk IS NULL THEN
    SELECT offset_minutes INTO off FROM stats_tz WHERE id = 1;
    SET d = DATE(p_received + INTERVAL off MINUTE);
    SET m = d - INTERVAL (DAYOFMONTH(d) - 1) DAY;
    SET rej = p_state = 'rejected';
    SET resp = NOT rej AND IFNULL(p_accepted <= p_response_due, 0);
    SET res = NOT rej AND p_state IN ('resolved', 'closed');
    SET ont = res AND IFNULL(p_resolved <= p_resolve_due, 0);
    SET rat = res AND p_rating IS NOT NULL;
    SET sat = rat AND p_rating IN ('satisfied', 'basically');
    SET com = res AND p_max_level = 'community';
    SET secs = IF(res, IFNULL(TIMESTAMPDIFF(SECOND, p_received, p_resolved), 0), 0);
    INSERT INTO stats_day (day, community_id, grid_id, category_id,
        district_id, street_id, received, rejected, responded, resolved,
        ontime, rated, satisfied, community, resolve_s)
      VALUES (d, p_community, IFNULL(p_grid, 0), p_category, p_district,
        p_street, s, s * rej, s * resp, s * res, s * ont, s * rat, s * sat,
        s * com, s * secs)
      ON DUPLICATE KEY UPDATE received = received + VALUES(received),
        rejected = rejected + VALUES(rejected),
        responded = responded + VALUES(responded),
        resolved = resolved + VALUES(resolved),
        ontime = ontime + VALUES(ontime), rated = rated + VALUES(rated),
        satisfied = satisfied + VALUES(satisfied),
        community = community + VALUES(community),
        resolve_s = resolve_s + VALUES(resolve_s);
    INSERT INTO stats_month (district_id, month, community_id, category_id,
        street_id, received, rejected, responded, resolved, ontime, rated,
        satisfied, community, resolve_s)
      VALUES (p_district, m, p_community, p_category, p_street, s, s * rej,
        s * resp, s * res, s * ont, s * rat, s * sat, s * com, s * secs)
      ON DUPLICATE KEY UPDATE received = received + VALUES(received),
        rejected = rejected + VALUES(rejected),
        responded = responded + VALUES(responded),
        resolved = resolved + VALUES(resolved),
        ontime = ontime + VALUES(ontime), rated = rated + VALUES(rated),
        satisfied = satisfied + VALUES(satisfied),
        community = community + VALUES(community),
        resolve_s = resolve_s + VALUES(resolve_s);
  END IF;
END;

CREATE TRIGGER tr_requests_stats_insert AFTER INSERT ON service_requests
FOR EACH ROW
  CALL stats_apply(1, NEW.received_at, NEW.category_id, NEW.district_id,
    NEW.street_id, NEW.community_id, NEW.grid_id, NEW.state, NEW.max_level,
    NEW.accepted_at, NEW.resolved_at, NEW.response_due, NEW.resolve_due,
    NEW.rating);

-- Only changes of a column the figures read move them (a note, an
-- assignment or a version bump does not).
CREATE TRIGGER tr_requests_stats_update AFTER UPDATE ON service_requests
FOR EACH ROW
BEGIN
  IF NOT (OLD.state <=> NEW.state AND OLD.max_level <=> NEW.max_level
      AND OLD.accepted_at <=> NEW.accepted_at
      AND OLD.resolved_at <=> NEW.resolved_at
      AND OLD.response_due <=> NEW.response_due
      AND OLD.resolve_due <=> NEW.resolve_due
      AND OLD.rating <=> NEW.rating AND OLD.received_at <=> NEW.received_at
      AND OLD.category_id <=> NEW.category_id
      AND OLD.community_id <=> NEW.community_id
      AND OLD.grid_id <=> NEW.grid_id) THEN
    CALL stats_apply(-1, OLD.received_at, OLD.category_id, OLD.district_id,
      OLD.street_id, OLD.community_id, OLD.grid_id, OLD.state,
      OLD.max_level, OLD.accepted_at, OLD.resolved_at, OLD.response_due,
      OLD.resolve_due, OLD.rating);
    CALL stats_apply(1, NEW.received_at, NEW.category_id, NEW.district_id,
      NEW.street_id, NEW.community_id, NEW.grid_id, NEW.state,
      NEW.max_level, NEW.accepted_at, NEW.resolved_at, NEW.response_due,
      NEW.resolve_due, NEW.rating);
  END IF;
END;

CREATE TRIGGER tr_requests_stats_delete AFTER DELETE ON service_requests
FOR EACH ROW
  CALL stats_apply(-1, OLD.received_at, OLD.category_id, OLD.district_id,
    OLD.street_id, OLD.community_id, OLD.grid_id, OLD.state, OLD.max_level,
    OLD.accepted_at, OLD.resolved_at, OLD.response_due, OLD.resolve_due,
    OLD.rating);

-- Figures of the open requests that are overdue now are read live; this
-- index keeps that read to the open rows of a district.
ALTER TABLE service_requests
  ADD KEY ix_requests_district_open (district_id, state, resolve_due);

-- Reports as of a day: confirmed reports by member and decision time.
ALTER TABLE member_reports
  ADD KEY ix_reports_member_decided (member_id, state, decided_at);
