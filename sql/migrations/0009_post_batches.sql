-- Migration 0009: residents' posts written in batches.
--
-- A post alone is one INSERT whose trigger adds the "submitted" event
-- and calls stats_apply, which reads the time zone and upserts four
-- summary rows: most of the database's work for a post, and a commit of
-- its own.  When many residents post at once, the daemon now writes the
-- posts waiting together (sql/request.c): one INSERT of all of them under
-- @lianxin_bulk, so that the trigger does nothing per row, then
-- posts_added() adds their events and their figures set-wise, then one
-- durable commit.  A request just stored is 'submitted', never accepted
-- or resolved, so stats_apply would add 1 to its rows' "received" and 0
-- to every other counter: posts_added adds the same.
--
-- The insert trigger now skips the call as well as the event in bulk.

DROP TRIGGER tr_requests_insert;

CREATE TRIGGER tr_requests_insert AFTER INSERT ON service_requests
FOR EACH ROW
BEGIN
  IF @lianxin_bulk IS NULL THEN
    INSERT INTO request_events (request_id, at, actor_kind, action,
        to_state, level, public, body)
      VALUES (NEW.id, NEW.received_at,
        IF(NEW.source = 'open311', 'open311', 'resident'), 'submit',
        'submitted', 'community', TRUE, '');
    CALL stats_apply(1, NEW.received_at, NEW.category_id, NEW.district_id,
      NEW.street_id, NEW.community_id, NEW.grid_id, NEW.state,
      NEW.max_level, NEW.accepted_at, NEW.resolved_at, NEW.response_due,
      NEW.resolve_due, NEW.rating);
  END IF;
END;

-- tns: a JSON array of the new requests' tracking numbers.  Ends the bulk mode the
-- batch's INSERT began (@lianxin_bulk back to NULL).
CREATE PROCEDURE posts_added(IN tns TEXT)
  MODIFIES SQL DATA
  COMMENT 'the submit events and figures of new requests stored in bulk'
BEGIN
  DECLARE off INT DEFAULT 480;
  DECLARE sl TINYINT UNSIGNED DEFAULT CONNECTION_ID() % 16;

  SELECT offset_minutes INTO off FROM stats_tz WHERE id = 1;
  INSERT INTO request_events (request_id, at, actor_kind, action, to_state,
      level, public, body)
    SELECT r.id, r.received_at, IF(r.source = 'open311', 'open311',
        'resident'), 'submit', 'submitted', 'community', TRUE, ''
      FROM JSON_TABLE(tns, '$[*]' COLUMNS (tn CHAR(8) PATH '$')) j
      JOIN service_requests r ON r.tracking_no = j.tn
      ORDER BY r.id;
  INSERT INTO stats_day (day, community_id, grid_id, category_id, slot,
      district_id, street_id, received)
    SELECT DATE(r.received_at + INTERVAL off MINUTE), r.community_id,
        IFNULL(r.grid_id, 0), r.category_id, sl, r.district_id, r.street_id,
        COUNT(*)
      FROM JSON_TABLE(tns, '$[*]' COLUMNS (tn CHAR(8) PATH '$')) j
      JOIN service_requests r ON r.tracking_no = j.tn
      GROUP BY 1, 2, 3, 4, 6, 7
    ON DUPLICATE KEY UPDATE received = received + VALUES(received);
  INSERT INTO stats_dayc (day, community_id, slot, district_id, street_id,
      received)
    SELECT DATE(r.received_at + INTERVAL off MINUTE), r.community_id, sl,
        r.district_id, r.street_id, COUNT(*)
      FROM JSON_TABLE(tns, '$[*]' COLUMNS (tn CHAR(8) PATH '$')) j
      JOIN service_requests r ON r.tracking_no = j.tn
      GROUP BY 1, 2, 4, 5
    ON DUPLICATE KEY UPDATE received = received + VALUES(received);
  INSERT INTO stats_monthc (district_id, month, community_id, slot,
      street_id, received)
    SELECT r.district_id, DATE_FORMAT(r.received_at + INTERVAL off MINUTE,
        '%Y-%m-01'), r.community_id, sl, r.street_id, COUNT(*)
      FROM JSON_TABLE(tns, '$[*]' COLUMNS (tn CHAR(8) PATH '$')) j
      JOIN service_requests r ON r.tracking_no = j.tn
      GROUP BY 1, 2, 3, 5
    ON DUPLICATE KEY UPDATE received = received + VALUES(received);
  INSERT INTO stats_month (district_id, month, community_id, category_id,
      slot, street_id, received)
    SELECT r.district_id, DATE_FORMAT(r.received_at + INTERVAL off MINUTE,
        '%Y-%m-01'), r.community_id, r.category_id, sl, r.street_id,
        COUNT(*)
      FROM JSON_TABLE(tns, '$[*]' COLUMNS (tn CHAR(8) PATH '$')) j
      JOIN service_requests r ON r.tracking_no = j.tn
      GROUP BY 1, 2, 3, 4, 6
    ON DUPLICATE KEY UPDATE received = received + VALUES(received);
  SET @lianxin_bulk = NULL;
END;
