-- 0010: stats_monthc, the month rows without category (36 a month for a
-- district of 36 communities instead of ~430): what a district's figures
-- over whole months read unless they are asked per category.  stats_apply
-- (recreated below) keeps it with the other three.

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

INSERT INTO stats_monthc (district_id, month, community_id, street_id,
    received, rejected, responded, resolved, ontime, rated, satisfied,
    community, resolve_s)
  SELECT district_id, month, community_id, MIN(street_id), SUM(received),
    SUM(rejected), SUM(responded), SUM(resolved), SUM(ontime), SUM(rated),
    SUM(satisfied), SUM(community), SUM(resolve_s)
  FROM stats_month GROUP BY district_id, month, community_id;

DROP PROCEDURE stats_apply;

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

