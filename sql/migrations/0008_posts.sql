-- Migration 0008: posts in one statement; the figures' summary rows in
-- slots.
--
-- A resident's post was four statements in a transaction (begin, the
-- request, its "submitted" event, commit).  The event now comes from the
-- insert trigger, in the same statement as the request and its figures,
-- so a post is one INSERT that commits by itself; the bulk loaders
-- (@lianxin_bulk) write their own events as before.
--
-- Every request a resident posts adds 1 to four summary rows (its day,
-- grid and category; its day and community; its month ...) inside the
-- transaction that stores it.  When many residents post about the same
-- thing at once (a water cut in one community), every transaction wants
-- the same four rows, and each waits for the one before it to commit:
-- posts went one commit at a time.  Now each summary key has up to 16
-- rows ("slots"); a connection writes the slot of its connection id, so
-- concurrent posts from different connections touch different rows and
-- commit together.  Readers already sum rows; a rebuild writes slot 0.

ALTER TABLE stats_day
  ADD COLUMN slot TINYINT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'connection id mod 16 of the writer; readers sum the slots'
    AFTER category_id,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (community_id, day, grid_id, category_id, slot);

ALTER TABLE stats_dayc
  ADD COLUMN slot TINYINT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'as in stats_day' AFTER community_id,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (district_id, day, community_id, slot);

ALTER TABLE stats_month
  ADD COLUMN slot TINYINT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'as in stats_day' AFTER category_id,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (district_id, month, community_id, category_id, slot);

ALTER TABLE stats_monthc
  ADD COLUMN slot TINYINT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'as in stats_day' AFTER community_id,
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (district_id, month, community_id, slot);

-- The same as in 0007, each row in the writer's slot.
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
  DECLARE sl TINYINT UNSIGNED DEFAULT CONNECTION_ID() % 16;

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
    INSERT INTO stats_day (day, community_id, grid_id, category_id, slot,
        district_id, street_id, received, rejected, responded, resolved,
        ontime, rated, satisfied, community, resolve_s)
      VALUES (d, p_community, IFNULL(p_grid, 0), p_category, sl, p_district,
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
    INSERT INTO stats_dayc (day, community_id, slot, district_id, street_id,
        received, rejected, responded, resolved, ontime, rated, satisfied,
        community, resolve_s)
      VALUES (d, p_community, sl, p_district, p_street, s, s * rej, s * resp,
        s * res, s * ont, s * rat, s * sat, s * com, s * secs)
      ON DUPLICATE KEY UPDATE received = received + VALUES(received),
        rejected = rejected + VALUES(rejected),
        responded = responded + VALUES(responded),
        resolved = resolved + VALUES(resolved),
        ontime = ontime + VALUES(ontime), rated = rated + VALUES(rated),
        satisfied = satisfied + VALUES(satisfied),
        community = community + VALUES(community),
        resolve_s = resolve_s + VALUES(resolve_s);
    INSERT INTO stats_monthc (district_id, month, community_id, slot, street_id,
        received, rejected, responded, resolved, ontime, rated, satisfied,
        community, resolve_s)
      VALUES (p_district, m, p_community, sl, p_street, s, s * rej, s * resp,
        s * res, s * ont, s * rat, s * sat, s * com, s * secs)
      ON DUPLICATE KEY UPDATE received = received + VALUES(received),
        rejected = rejected + VALUES(rejected),
        responded = responded + VALUES(responded),
        resolved = resolved + VALUES(resolved),
        ontime = ontime + VALUES(ontime), rated = rated + VALUES(rated),
        satisfied = satisfied + VALUES(satisfied),
        community = community + VALUES(community),
        resolve_s = resolve_s + VALUES(resolve_s);
    INSERT INTO stats_month (district_id, month, community_id, category_id, slot,
        street_id, received, rejected, responded, resolved, ontime, rated,
        satisfied, community, resolve_s)
      VALUES (p_district, m, p_community, p_category, sl, p_street, s, s * rej,
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

DROP TRIGGER tr_requests_stats_insert;

CREATE TRIGGER tr_requests_insert AFTER INSERT ON service_requests
FOR EACH ROW
BEGIN
  IF @lianxin_bulk IS NULL THEN
    INSERT INTO request_events (request_id, at, actor_kind, action,
        to_state, level, public, body)
      VALUES (NEW.id, NEW.received_at,
        IF(NEW.source = 'open311', 'open311', 'resident'), 'submit',
        'submitted', 'community', TRUE, '');
  END IF;
  CALL stats_apply(1, NEW.received_at, NEW.category_id, NEW.district_id,
    NEW.street_id, NEW.community_id, NEW.grid_id, NEW.state, NEW.max_level,
    NEW.accepted_at, NEW.resolved_at, NEW.response_due, NEW.resolve_due,
    NEW.rating);
END;
