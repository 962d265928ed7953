-- 0007: the figures (口径, DESIGN.md): summary tables of the requests kept up
-- to date by triggers in the same transaction as every change of a
-- request, so that a figure is never stale and needs no nightly job; a
-- version of the member data; the indexes the live figures read.
--
-- A request contributes one vector of counters to four rows: its local
-- received day down to the grid and category (stats_day) and per community
-- (stats_dayc), its month per community and category (stats_month) and per
-- community (stats_monthc).  A big district receives thousands of requests
-- a day spread over thousands of grid x category rows, so a district's
-- period reads whole months and edge days from the per-community tables,
-- and the finer ones only for grids and categories.  Every insert, update
-- or delete of a request takes the old vector off and adds the new one
-- (stats_apply below).  `lianxin stats rebuild` recomputes the tables from
-- service_requests with the same definitions (SQL_STATS_REBUILD_* in
-- sql/sqls.c); a test checks that rebuild, the incremental path and
-- independent SQL agree.
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
  built       BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'the summary tables were computed from the requests with this offset',
  CONSTRAINT ck_stats_tz_one CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the UTC offset that turns received_at into a local day; set by lianxin migrate';

-- Not built yet: the `lianxin migrate` that applies this sets the offset
-- and computes the tables from the requests already there.
INSERT INTO stats_tz (id, offset_minutes, built) VALUES (1, 480, FALSE);

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

CREATE TABLE stats_dayc (
  day          DATE NOT NULL COMMENT 'local day the requests were received',
  community_id INT UNSIGNED NOT NULL COMMENT 'community of the location',
  district_id  INT UNSIGNED NOT NULL COMMENT 'district of the community',
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
  PRIMARY KEY (district_id, day, community_id),
  KEY ix_stats_dayc_street (street_id, day),
  KEY ix_stats_dayc_community (community_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='request figures by received day and community';

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

CREATE TABLE stats_monthc (
  district_id  INT UNSIGNED NOT NULL COMMENT 'district of the community',
  month        DATE NOT NULL COMMENT 'first local day of the month the requests were received',
  community_id INT UNSIGNED NOT NULL COMMENT 'community of the location',
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
  PRIMARY KEY (district_id, month, community_id),
  KEY ix_stats_monthc_street (street_id, month),
  KEY ix_stats_monthc_community (community_id, month)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='request figures by received month and community';

-- Add s (1 or -1) times the vector of one request to its four rows.
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
    INSERT INTO stats_dayc (day, community_id, district_id, street_id,
        received, rejected, responded, resolved, ontime, rated, satisfied,
        community, resolve_s)
      VALUES (d, p_community, p_district, p_street, s, s * rej, s * resp,
        s * res, s * ont, s * rat, s * sat, s * com, s * secs)
      ON DUPLICATE KEY UPDATE received = received + VALUES(received),
        rejected = rejected + VALUES(rejected),
        responded = responded + VALUES(responded),
        resolved = resolved + VALUES(resolved),
        ontime = ontime + VALUES(ontime), rated = rated + VALUES(rated),
        satisfied = satisfied + VALUES(satisfied),
        community = community + VALUES(community),
        resolve_s = resolve_s + VALUES(resolve_s);
    INSERT INTO stats_monthc (district_id, month, community_id, street_id,
        received, rejected, responded, resolved, ontime, rated, satisfied,
        community, resolve_s)
      VALUES (p_district, m, p_community, p_street, s, s * rej, s * resp,
        s * res, s * ont, s * rat, s * sat, s * com, s * secs)
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

-- The open requests overdue now are counted live (their number changes
-- with the clock): an index-only range over the open rows of a district.
ALTER TABLE service_requests
  ADD KEY ix_requests_district_open (district_id, state, resolve_due,
    received_at, street_id, community_id, grid_id, category_id);

-- stats_members_version: a counter every change of the roster, the
-- reports or the participation bumps, so that the daemon can keep member
-- figures it computed until the data under them change.
CREATE TABLE stats_members_version (
  id       TINYINT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'always 1',
  version  BIGINT UNSIGNED NOT NULL COMMENT 'bumped by every change of the member data',
  CONSTRAINT ck_stats_members_version_one CHECK (id = 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='version of the data under the member figures';

INSERT INTO stats_members_version (id, version) VALUES (1, 1);

CREATE TRIGGER tr_members_version_i AFTER INSERT ON party_members FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_members_version_u AFTER UPDATE ON party_members FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_members_version_d AFTER DELETE ON party_members FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_reports_version_i AFTER INSERT ON member_reports FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_reports_version_u AFTER UPDATE ON member_reports FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_reports_version_d AFTER DELETE ON member_reports FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_partic_version_i AFTER INSERT ON participation FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_partic_version_u AFTER UPDATE ON participation FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;
CREATE TRIGGER tr_partic_version_d AFTER DELETE ON participation FOR EACH ROW
  UPDATE stats_members_version SET version = version + 1 WHERE id = 1;

-- The member figures read reports and participation by time.
ALTER TABLE member_reports
  ADD KEY ix_reports_decided (state, decided_at, member_id);
ALTER TABLE participation
  ADD KEY ix_participation_held (held_on, member_id, hours);
