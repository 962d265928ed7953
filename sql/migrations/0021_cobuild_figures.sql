-- 0021: the co-building figures (共驻共建, DESIGN.md "Co-building figures"),
-- kept up to date like the request figures (0007): summary tables that
-- triggers on the co-building tables change in the same transaction as
-- every insert, update or delete (the old contribution off, the new one
-- on), idle while the bulk loader's session sets @lianxin_bulk; `lianxin
-- stats rebuild` recomputes them from the raw tables (SQL_CBFIG_REBUILD_*
-- in sql/sqls.c, the same definitions).
--
-- The scope of an item is its region (a community or a street) and the
-- region's ancestors.  Days are local calendar days: a UTC time becomes
-- the day of the figures' offset (stats_tz, cb_day below).
--
-- cb_counts: the cohort figures.  An item counts once in the row of its
-- figure, region and cohort day, with the day(s) of its outcome(s) —
-- 9999-12-31 while it has none (or never will) — so that a period in the
-- past counts only the outcomes by its end (E = the end of the period or
-- now, whichever is earlier: out1 <= E).
--
--   fig  item          cohort day          out1                   out2
--   1    commitment    due_on              confirmed_at's day,    -
--        (agreement not draft)             when fulfilled_on <= due_on
--   2    need          published_at's day  claimed_at's day       completed_at's day
--        (not withdrawn)
--   3    wish          posted_at's day     confirmed_at's day     -
--        (not withdrawn)
--   4    decision      due_on              done_at's day, when    -
--        (region: its meeting's)           that day <= due_on
--   5    evaluation, community rates unit  rated_at's day, when   -
--   6    evaluation, unit rates community  满意 or 基本满意
--        (region: its agreement's; cohort day: rated_at's day)
--
-- cb_activity: what a unit did for a region, per local day (a count of
-- the things, so that taking one off leaves the others): a commitment of
-- an agreement with the region fulfilled (fulfilled_on), a need of the
-- region claimed (claimed_at), a milestone of a project it leads in the
-- region done (done_at), a joint meeting of the region attended
-- (meeting_units, held_on).  单位参与率 counts the (unit, region) pairs of
-- agreements in force in the period with activity on a day of the period
-- up to E (a distinct count: a query, sql/cbfig.c).

CREATE TABLE cb_counts (
  region_id    INT UNSIGNED NOT NULL COMMENT 'the item''s community (or street)',
  fig          TINYINT UNSIGNED NOT NULL COMMENT '1 commitments, 2 needs, 3 wishes, 4 decisions, 5 community rates unit, 6 unit rates community',
  day          DATE NOT NULL COMMENT 'the cohort day (local): due, published, posted or rated',
  out1         DATE NOT NULL COMMENT 'local day of the outcome (confirmed, claimed, done, satisfied); 9999-12-31 none',
  out2         DATE NOT NULL COMMENT 'needs: local day completed; 9999-12-31 none',
  district_id  INT UNSIGNED NOT NULL COMMENT 'district of the region',
  street_id    INT UNSIGNED NOT NULL COMMENT 'street of the region; 0 above',
  community_id INT UNSIGNED NOT NULL COMMENT 'community of the region; 0 for a street''s own items',
  n            INT NOT NULL DEFAULT 0 COMMENT 'how many items',
  PRIMARY KEY (region_id, fig, day, out1, out2),
  -- covering: a scope's period is one index range (the primary key's
  -- columns ride along in every secondary index)
  KEY ix_cb_counts_district (district_id, day, street_id, community_id, n),
  KEY ix_cb_counts_street (street_id, day, district_id, community_id, n),
  KEY ix_cb_counts_community (community_id, day, district_id, street_id, n)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='co-building figures by region, cohort day and outcome days';

CREATE TABLE cb_activity (
  unit_id      INT UNSIGNED NOT NULL COMMENT 'the unit',
  region_id    INT UNSIGNED NOT NULL COMMENT 'the community (or street) it acted for',
  day          DATE NOT NULL COMMENT 'local day',
  n            INT NOT NULL DEFAULT 0 COMMENT 'things done that day (fulfilments, claims, milestones, meetings)',
  PRIMARY KEY (unit_id, region_id, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='co-building units'' activity per region and day (单位参与率)';

-- The local day of a UTC time in the figures' offset (NULL stays NULL).
CREATE FUNCTION cb_day(t DATETIME) RETURNS DATE
  READS SQL DATA
  COMMENT 'local day of a UTC time, in the figures'' offset'
  RETURN DATE(t + INTERVAL (SELECT offset_minutes FROM stats_tz WHERE id = 1) MINUTE);

CREATE PROCEDURE cb_count_add(IN s INT, IN p_fig INT, IN p_region INT,
    IN p_day DATE, IN p_out1 DATE, IN p_out2 DATE)
  MODIFIES SQL DATA
  COMMENT 'add or take off one item of a co-building figure'
BEGIN
  IF @lianxin_bulk IS NULL AND p_region IS NOT NULL AND p_day IS NOT NULL THEN
    INSERT INTO cb_counts (region_id, fig, day, out1, out2, district_id,
        street_id, community_id, n)
      SELECT g.id, p_fig, p_day, IFNULL(p_out1, '9999-12-31'),
        IFNULL(p_out2, '9999-12-31'), IFNULL(g.district_id, 0),
        IFNULL(g.street_id, 0), IFNULL(g.community_id, 0), s
      FROM regions g WHERE g.id = p_region
      ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  END IF;
END;

CREATE PROCEDURE cb_act_add(IN s INT, IN p_unit INT, IN p_region INT,
    IN p_day DATE)
  MODIFIES SQL DATA
  COMMENT 'add or take off one thing a unit did for a region on a day'
BEGIN
  IF @lianxin_bulk IS NULL AND p_unit IS NOT NULL AND p_region IS NOT NULL
      AND p_day IS NOT NULL THEN
    INSERT INTO cb_activity (unit_id, region_id, day, n)
      VALUES (p_unit, p_region, p_day, s)
      ON DUPLICATE KEY UPDATE n = n + VALUES(n);
  END IF;
END;

-- A commitment, with its agreement's state, region and unit.
CREATE PROCEDURE cb_commitment(IN s INT, IN a_state VARCHAR(16),
    IN a_region INT, IN a_unit INT, IN p_due DATE, IN p_state VARCHAR(16),
    IN p_fulfilled DATE, IN p_confirmed DATETIME)
  MODIFIES SQL DATA
  COMMENT 'one commitment''s contribution'
BEGIN
  IF a_state <> 'draft' THEN
    CALL cb_count_add(s, 1, a_region, p_due,
      IF(p_state = 'confirmed' AND p_fulfilled <= p_due, cb_day(p_confirmed), NULL),
      NULL);
  END IF;
  IF p_state <> 'open' THEN
    CALL cb_act_add(s, a_unit, a_region, p_fulfilled);
  END IF;
END;

CREATE PROCEDURE cb_need(IN s INT, IN p_region INT, IN p_published DATETIME,
    IN p_state VARCHAR(16), IN p_unit INT, IN p_claimed DATETIME,
    IN p_completed DATETIME)
  MODIFIES SQL DATA
  COMMENT 'one need''s contribution'
BEGIN
  IF p_state <> 'withdrawn' THEN
    CALL cb_count_add(s, 2, p_region, cb_day(p_published),
      IF(p_state IN ('claimed', 'done'), cb_day(p_claimed), NULL),
      IF(p_state = 'done', cb_day(p_completed), NULL));
  END IF;
  CALL cb_act_add(s, p_unit, p_region, cb_day(p_claimed));
END;

CREATE PROCEDURE cb_decision(IN s INT, IN p_region INT, IN p_due DATE,
    IN p_state VARCHAR(16), IN p_done DATETIME)
  MODIFIES SQL DATA
  COMMENT 'one decision''s contribution'
BEGIN
  CALL cb_count_add(s, 4, p_region, p_due,
    IF(p_state = 'done' AND cb_day(p_done) <= p_due, cb_day(p_done), NULL),
    NULL);
END;

CREATE PROCEDURE cb_evaluation(IN s INT, IN p_region INT,
    IN p_direction VARCHAR(32), IN p_rating VARCHAR(16), IN p_rated DATETIME)
  MODIFIES SQL DATA
  COMMENT 'one rating''s contribution'
BEGIN
  CALL cb_count_add(s, IF(p_direction = 'community_rates_unit', 5, 6),
    p_region, cb_day(p_rated),
    IF(p_rating IN ('satisfied', 'basically'), cb_day(p_rated), NULL), NULL);
END;

-- A commitment by its agreement's id: the agreement says the region, the
-- unit and whether it counts (not a draft).
CREATE PROCEDURE cb_commitment_of(IN s INT, IN p_agreement INT,
    IN p_due DATE, IN p_state VARCHAR(16), IN p_fulfilled DATE,
    IN p_confirmed DATETIME)
  MODIFIES SQL DATA
  COMMENT 'one commitment''s contribution, its agreement read'
BEGIN
  DECLARE st VARCHAR(16);
  DECLARE rg, un INT;
  SELECT state, region_id, unit_id INTO st, rg, un FROM agreements
    WHERE id = p_agreement;
  CALL cb_commitment(s, st, rg, un, p_due, p_state, p_fulfilled, p_confirmed);
END;

CREATE TRIGGER tr_cbfig_commitments_i AFTER INSERT ON commitments FOR EACH ROW
  CALL cb_commitment_of(1, NEW.agreement_id, NEW.due_on, NEW.state,
    NEW.fulfilled_on, NEW.confirmed_at);

CREATE TRIGGER tr_cbfig_commitments_u AFTER UPDATE ON commitments FOR EACH ROW
BEGIN
  IF NOT (OLD.agreement_id <=> NEW.agreement_id AND OLD.due_on <=> NEW.due_on
      AND OLD.state <=> NEW.state AND OLD.fulfilled_on <=> NEW.fulfilled_on
      AND OLD.confirmed_at <=> NEW.confirmed_at) THEN
    CALL cb_commitment_of(-1, OLD.agreement_id, OLD.due_on, OLD.state,
      OLD.fulfilled_on, OLD.confirmed_at);
    CALL cb_commitment_of(1, NEW.agreement_id, NEW.due_on, NEW.state,
      NEW.fulfilled_on, NEW.confirmed_at);
  END IF;
END;

CREATE TRIGGER tr_cbfig_commitments_d AFTER DELETE ON commitments FOR EACH ROW
  CALL cb_commitment_of(-1, OLD.agreement_id, OLD.due_on, OLD.state,
    OLD.fulfilled_on, OLD.confirmed_at);

-- An agreement that leaves or enters draft, or changes its region or
-- unit, moves its commitments' and its ratings' contributions.
CREATE TRIGGER tr_cbfig_agreements_u AFTER UPDATE ON agreements FOR EACH ROW
BEGIN
  IF NOT (OLD.state <=> NEW.state AND OLD.region_id <=> NEW.region_id
      AND OLD.unit_id <=> NEW.unit_id) THEN
    FOR c IN (SELECT due_on, state, fulfilled_on, confirmed_at
        FROM commitments WHERE agreement_id = NEW.id) DO
      CALL cb_commitment(-1, OLD.state, OLD.region_id, OLD.unit_id, c.due_on,
        c.state, c.fulfilled_on, c.confirmed_at);
      CALL cb_commitment(1, NEW.state, NEW.region_id, NEW.unit_id, c.due_on,
        c.state, c.fulfilled_on, c.confirmed_at);
    END FOR;
  END IF;
  IF NOT (OLD.region_id <=> NEW.region_id) THEN
    FOR e IN (SELECT direction, rating, rated_at FROM evaluations
        WHERE agreement_id = NEW.id) DO
      CALL cb_evaluation(-1, OLD.region_id, e.direction, e.rating, e.rated_at);
      CALL cb_evaluation(1, NEW.region_id, e.direction, e.rating, e.rated_at);
    END FOR;
  END IF;
END;

CREATE TRIGGER tr_cbfig_needs_i AFTER INSERT ON needs FOR EACH ROW
  CALL cb_need(1, NEW.region_id, NEW.published_at, NEW.state,
    NEW.claim_unit_id, NEW.claimed_at, NEW.completed_at);

CREATE TRIGGER tr_cbfig_needs_u AFTER UPDATE ON needs FOR EACH ROW
BEGIN
  IF NOT (OLD.region_id <=> NEW.region_id
      AND OLD.published_at <=> NEW.published_at AND OLD.state <=> NEW.state
      AND OLD.claim_unit_id <=> NEW.claim_unit_id
      AND OLD.claimed_at <=> NEW.claimed_at
      AND OLD.completed_at <=> NEW.completed_at) THEN
    CALL cb_need(-1, OLD.region_id, OLD.published_at, OLD.state,
      OLD.claim_unit_id, OLD.claimed_at, OLD.completed_at);
    CALL cb_need(1, NEW.region_id, NEW.published_at, NEW.state,
      NEW.claim_unit_id, NEW.claimed_at, NEW.completed_at);
  END IF;
END;

CREATE TRIGGER tr_cbfig_needs_d AFTER DELETE ON needs FOR EACH ROW
  CALL cb_need(-1, OLD.region_id, OLD.published_at, OLD.state,
    OLD.claim_unit_id, OLD.claimed_at, OLD.completed_at);

CREATE PROCEDURE cb_wish(IN s INT, IN p_region INT, IN p_posted DATETIME,
    IN p_state VARCHAR(16), IN p_confirmed DATETIME)
  MODIFIES SQL DATA
  COMMENT 'one wish''s contribution'
BEGIN
  IF p_state <> 'withdrawn' THEN
    CALL cb_count_add(s, 3, p_region, cb_day(p_posted),
      IF(p_state = 'confirmed', cb_day(p_confirmed), NULL), NULL);
  END IF;
END;

CREATE TRIGGER tr_cbfig_wishes_i AFTER INSERT ON wishes FOR EACH ROW
  CALL cb_wish(1, NEW.region_id, NEW.posted_at, NEW.state, NEW.confirmed_at);

CREATE TRIGGER tr_cbfig_wishes_u AFTER UPDATE ON wishes FOR EACH ROW
BEGIN
  IF NOT (OLD.region_id <=> NEW.region_id AND OLD.posted_at <=> NEW.posted_at
      AND OLD.state <=> NEW.state AND OLD.confirmed_at <=> NEW.confirmed_at) THEN
    CALL cb_wish(-1, OLD.region_id, OLD.posted_at, OLD.state, OLD.confirmed_at);
    CALL cb_wish(1, NEW.region_id, NEW.posted_at, NEW.state, NEW.confirmed_at);
  END IF;
END;

CREATE TRIGGER tr_cbfig_wishes_d AFTER DELETE ON wishes FOR EACH ROW
  CALL cb_wish(-1, OLD.region_id, OLD.posted_at, OLD.state, OLD.confirmed_at);

-- Decisions take their meeting's region.
CREATE TRIGGER tr_cbfig_decisions_i AFTER INSERT ON decisions FOR EACH ROW
  CALL cb_decision(1, (SELECT region_id FROM meetings WHERE id = NEW.meeting_id),
    NEW.due_on, NEW.state, NEW.done_at);

CREATE TRIGGER tr_cbfig_decisions_u AFTER UPDATE ON decisions FOR EACH ROW
BEGIN
  IF NOT (OLD.meeting_id <=> NEW.meeting_id AND OLD.due_on <=> NEW.due_on
      AND OLD.state <=> NEW.state AND OLD.done_at <=> NEW.done_at) THEN
    CALL cb_decision(-1, (SELECT region_id FROM meetings WHERE id = OLD.meeting_id),
      OLD.due_on, OLD.state, OLD.done_at);
    CALL cb_decision(1, (SELECT region_id FROM meetings WHERE id = NEW.meeting_id),
      NEW.due_on, NEW.state, NEW.done_at);
  END IF;
END;

CREATE TRIGGER tr_cbfig_decisions_d AFTER DELETE ON decisions FOR EACH ROW
  CALL cb_decision(-1, (SELECT region_id FROM meetings WHERE id = OLD.meeting_id),
    OLD.due_on, OLD.state, OLD.done_at);

-- The units present at a meeting were active for its region that day.
CREATE PROCEDURE cb_attendance(IN s INT, IN p_meeting INT, IN p_unit INT)
  MODIFIES SQL DATA
  COMMENT 'a unit present at a meeting, the meeting read'
BEGIN
  DECLARE rg INT;
  DECLARE d DATE;
  SELECT region_id, held_on INTO rg, d FROM meetings WHERE id = p_meeting;
  CALL cb_act_add(s, p_unit, rg, d);
END;

CREATE TRIGGER tr_cbfig_meeting_units_i AFTER INSERT ON meeting_units FOR EACH ROW
  CALL cb_attendance(1, NEW.meeting_id, NEW.unit_id);

CREATE TRIGGER tr_cbfig_meeting_units_u AFTER UPDATE ON meeting_units FOR EACH ROW
BEGIN
  CALL cb_attendance(-1, OLD.meeting_id, OLD.unit_id);
  CALL cb_attendance(1, NEW.meeting_id, NEW.unit_id);
END;

CREATE TRIGGER tr_cbfig_meeting_units_d AFTER DELETE ON meeting_units FOR EACH ROW
  CALL cb_attendance(-1, OLD.meeting_id, OLD.unit_id);

-- A meeting moved to another day or region moves its attendance and
-- its decisions.
CREATE TRIGGER tr_cbfig_meetings_u AFTER UPDATE ON meetings FOR EACH ROW
BEGIN
  IF NOT (OLD.region_id <=> NEW.region_id AND OLD.held_on <=> NEW.held_on) THEN
    FOR u IN (SELECT unit_id FROM meeting_units WHERE meeting_id = NEW.id) DO
      CALL cb_act_add(-1, u.unit_id, OLD.region_id, OLD.held_on);
      CALL cb_act_add(1, u.unit_id, NEW.region_id, NEW.held_on);
    END FOR;
  END IF;
  IF NOT (OLD.region_id <=> NEW.region_id) THEN
    FOR x IN (SELECT due_on, state, done_at FROM decisions
        WHERE meeting_id = NEW.id) DO
      CALL cb_decision(-1, OLD.region_id, x.due_on, x.state, x.done_at);
      CALL cb_decision(1, NEW.region_id, x.due_on, x.state, x.done_at);
    END FOR;
  END IF;
END;

-- A milestone done: its project's leading unit was active for the
-- project's region that day.
CREATE PROCEDURE cb_milestone(IN s INT, IN p_project INT, IN p_done DATETIME)
  MODIFIES SQL DATA
  COMMENT 'a milestone done, its project read'
BEGIN
  DECLARE rg, un INT;
  IF p_done IS NOT NULL THEN
    SELECT region_id, lead_unit_id INTO rg, un FROM projects WHERE id = p_project;
    CALL cb_act_add(s, un, rg, cb_day(p_done));
  END IF;
END;

CREATE TRIGGER tr_cbfig_milestones_i AFTER INSERT ON milestones FOR EACH ROW
  CALL cb_milestone(1, NEW.project_id, NEW.done_at);

CREATE TRIGGER tr_cbfig_milestones_u AFTER UPDATE ON milestones FOR EACH ROW
BEGIN
  IF NOT (OLD.project_id <=> NEW.project_id AND OLD.done_at <=> NEW.done_at) THEN
    CALL cb_milestone(-1, OLD.project_id, OLD.done_at);
    CALL cb_milestone(1, NEW.project_id, NEW.done_at);
  END IF;
END;

CREATE TRIGGER tr_cbfig_milestones_d AFTER DELETE ON milestones FOR EACH ROW
  CALL cb_milestone(-1, OLD.project_id, OLD.done_at);

CREATE TRIGGER tr_cbfig_projects_u AFTER UPDATE ON projects FOR EACH ROW
BEGIN
  IF NOT (OLD.region_id <=> NEW.region_id AND OLD.lead_unit_id <=> NEW.lead_unit_id) THEN
    FOR m IN (SELECT done_at FROM milestones
        WHERE project_id = NEW.id AND done_at IS NOT NULL) DO
      CALL cb_act_add(-1, OLD.lead_unit_id, OLD.region_id, cb_day(m.done_at));
      CALL cb_act_add(1, NEW.lead_unit_id, NEW.region_id, cb_day(m.done_at));
    END FOR;
  END IF;
END;

-- Ratings take their agreement's region.
CREATE TRIGGER tr_cbfig_evaluations_i AFTER INSERT ON evaluations FOR EACH ROW
  CALL cb_evaluation(1, (SELECT region_id FROM agreements WHERE id = NEW.agreement_id),
    NEW.direction, NEW.rating, NEW.rated_at);

CREATE TRIGGER tr_cbfig_evaluations_u AFTER UPDATE ON evaluations FOR EACH ROW
BEGIN
  IF NOT (OLD.agreement_id <=> NEW.agreement_id AND OLD.direction <=> NEW.direction
      AND OLD.rating <=> NEW.rating AND OLD.rated_at <=> NEW.rated_at) THEN
    CALL cb_evaluation(-1, (SELECT region_id FROM agreements WHERE id = OLD.agreement_id),
      OLD.direction, OLD.rating, OLD.rated_at);
    CALL cb_evaluation(1, (SELECT region_id FROM agreements WHERE id = NEW.agreement_id),
      NEW.direction, NEW.rating, NEW.rated_at);
  END IF;
END;

CREATE TRIGGER tr_cbfig_evaluations_d AFTER DELETE ON evaluations FOR EACH ROW
  CALL cb_evaluation(-1, (SELECT region_id FROM agreements WHERE id = OLD.agreement_id),
    OLD.direction, OLD.rating, OLD.rated_at);

-- 单位参与率 reads the agreements in force in a period.
ALTER TABLE agreements ADD KEY ix_agreements_force (state, valid_from, valid_to, region_id, unit_id);
