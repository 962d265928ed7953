-- Migration 0030: assessment (考评, issue 22).
--
-- A district defines indicator schemes (name, year, version) whose
-- indicators' weights sum to 100; each indicator takes its value from a
-- figure of the system for the round's period (mapped to points between a
-- floor and a target), from a score entered by the assessing level (with a
-- note and evidence), or from a democratic ballot (民主测评).  A round
-- assesses communities, streets or 两新 organisations of an assessing region
-- over a period: draft -> open -> closed -> published; publishing freezes
-- every value (assess_results) and later data never move it.  Ballot codes
-- are one-time and spent in the same transaction that adds an unlinked
-- tally (ballot_tallies has no reference to a code, a voter or a time).
-- 两新 organisations (units of kind 'org', or co-building units of org_kind
-- private_firm / social_org) are rated one to five stars each year on six
-- groups of indicators: self-assessment by the organisation's account
-- (unit_staff) -> street pre-rating (初评) -> district confirmation (认定).

ALTER TABLE units
  MODIFY COLUMN kind ENUM('department','cobuild','org') NOT NULL DEFAULT 'cobuild'
    COMMENT 'department 职能部门 (summoned), cobuild 共建单位 (assigned, co-building), org 两新组织 known for star ratings only',
  ADD COLUMN sector VARCHAR(64) NOT NULL DEFAULT ''
    COMMENT 'a 两新 organisation''s sector (行业), e.g. 信息技术, 餐饮, 社工服务' AFTER org_kind;

CREATE TABLE assess_schemes (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'scheme id',
  district_id INT UNSIGNED NOT NULL COMMENT 'the district that defines it',
  name        VARCHAR(100) NOT NULL COMMENT 'name, e.g. 社区党建工作考评',
  year        SMALLINT UNSIGNED NOT NULL COMMENT 'the year it is for',
  version     SMALLINT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'version; a scheme in use is never edited, a new version is made',
  target      ENUM('community','street','org') NOT NULL COMMENT 'what it assesses: communities, streets or 两新 organisations',
  in_use      BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'a round beyond draft uses it: frozen',
  based_on    INT UNSIGNED NULL COMMENT 'the version it was copied from',
  created_by  INT UNSIGNED NOT NULL COMMENT 'the user who made it',
  created_at  DATETIME NOT NULL COMMENT 'when made (UTC)',
  UNIQUE KEY uq_schemes (district_id, name, year, version),
  CONSTRAINT fk_schemes_district FOREIGN KEY (district_id) REFERENCES regions (id),
  CONSTRAINT fk_schemes_based_on FOREIGN KEY (based_on) REFERENCES assess_schemes (id),
  CONSTRAINT fk_schemes_user FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='assessment indicator schemes (考评指标体系)';

-- An indicator: weight (all of a scheme's sum to 100) and where its value
-- comes from.  figure: a figure of the system by its code (resolution_rate,
-- satisfaction_rate, ontime_rate, reporting_rate, participation_rate,
-- unit_participation_rate, commitment_rate, ...), points = weight x
-- clamp((value - floor) / (target - floor), 0, 1); score: the assessing
-- level enters 0..weight points with a note and evidence; ballot: the
-- share of 满意 + 基本满意 among the votes, mapped like a figure, reported
-- as insufficient below min_turnout.
CREATE TABLE assess_indicators (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'indicator id',
  scheme_id   INT UNSIGNED NOT NULL COMMENT 'the scheme',
  position    TINYINT UNSIGNED NOT NULL COMMENT 'order, from 0',
  name        VARCHAR(100) NOT NULL COMMENT 'name shown, e.g. 群众满意率',
  weight      DECIMAL(5,2) NOT NULL COMMENT 'points at most; a scheme''s weights sum to 100',
  source      ENUM('figure','score','ballot') NOT NULL COMMENT 'where the value comes from',
  figure      VARCHAR(40) NULL COMMENT 'source figure: its code (source = figure)',
  floor_value DECIMAL(7,4) NULL COMMENT 'value (0..1) at or below which the points are 0 (figure, ballot)',
  target_value DECIMAL(7,4) NULL COMMENT 'value (0..1) at or above which the points are the weight (figure, ballot)',
  min_count   INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'a denominator below this marks the value as resting on too little data',
  description VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'what is assessed and how (考评标准)',
  UNIQUE KEY uq_indicators (scheme_id, position),
  CONSTRAINT fk_indicators_scheme FOREIGN KEY (scheme_id) REFERENCES assess_schemes (id),
  CONSTRAINT ck_indicators_weight CHECK (weight > 0 AND weight <= 100),
  CONSTRAINT ck_indicators_source CHECK ((source = 'figure') = (figure IS NOT NULL)
    AND (source = 'score' OR (floor_value IS NOT NULL AND target_value IS NOT NULL
      AND target_value > floor_value)))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a scheme''s indicators (考评指标)';

CREATE TABLE assess_rounds (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'round id',
  scheme_id    INT UNSIGNED NOT NULL COMMENT 'the scheme (its target says what is assessed)',
  region_id    INT UNSIGNED NOT NULL COMMENT 'the assessing region: those assessed lie in it',
  name         VARCHAR(100) NOT NULL COMMENT 'name, e.g. 2026年度社区党建考评',
  period_from  DATE NOT NULL COMMENT 'first local day of the period of the figures',
  period_to    DATE NOT NULL COMMENT 'last local day of the period',
  min_turnout  DECIMAL(5,4) NOT NULL DEFAULT 0.5000 COMMENT 'ballot turnout (votes / codes issued) below which a ballot indicator is insufficient',
  state        ENUM('draft','open','closed','published') NOT NULL DEFAULT 'draft'
               COMMENT 'draft 草拟, open 进行中 (scores and ballots collected), closed 已结束, published 已公布',
  opened_at    DATETIME NULL COMMENT 'when opened (UTC)',
  closed_at    DATETIME NULL COMMENT 'when closed (UTC)',
  published_at DATETIME NULL COMMENT 'when published (UTC): the as-of time of every frozen value',
  created_by   INT UNSIGNED NOT NULL COMMENT 'the user who made it',
  created_at   DATETIME NOT NULL COMMENT 'when made (UTC)',
  version      INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  KEY ix_rounds_region (region_id, state),
  CONSTRAINT fk_rounds_scheme FOREIGN KEY (scheme_id) REFERENCES assess_schemes (id),
  CONSTRAINT fk_rounds_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_rounds_user FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_rounds_period CHECK (period_to >= period_from),
  CONSTRAINT ck_rounds_turnout CHECK (min_turnout >= 0 AND min_turnout <= 1)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='assessment rounds (考评轮次)';

-- Who is assessed in a round: a region (community or street) or a unit
-- (两新 organisation); target_id is the one or the other by the scheme's
-- target.
CREATE TABLE assess_targets (
  round_id    INT UNSIGNED NOT NULL COMMENT 'the round',
  target_id   INT UNSIGNED NOT NULL COMMENT 'regions.id (community, street) or units.id (org)',
  PRIMARY KEY (round_id, target_id),
  CONSTRAINT fk_targets_round FOREIGN KEY (round_id) REFERENCES assess_rounds (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='those assessed in a round';

CREATE TABLE assess_scores (
  round_id     INT UNSIGNED NOT NULL COMMENT 'the round',
  indicator_id INT UNSIGNED NOT NULL COMMENT 'the indicator (source = score)',
  target_id    INT UNSIGNED NOT NULL COMMENT 'who is scored',
  points       DECIMAL(5,2) NOT NULL COMMENT '0..the indicator''s weight',
  note         VARCHAR(1000) NOT NULL COMMENT 'why (required)',
  evidence     VARCHAR(500) NOT NULL COMMENT 'the evidence: document, visit, file number (required)',
  entered_by   INT UNSIGNED NOT NULL COMMENT 'the user who entered it',
  entered_at   DATETIME NOT NULL COMMENT 'when entered or last changed (UTC)',
  PRIMARY KEY (round_id, indicator_id, target_id),
  CONSTRAINT fk_scores_round FOREIGN KEY (round_id) REFERENCES assess_rounds (id),
  CONSTRAINT fk_scores_indicator FOREIGN KEY (indicator_id) REFERENCES assess_indicators (id),
  CONSTRAINT fk_scores_user FOREIGN KEY (entered_by) REFERENCES users (id),
  CONSTRAINT ck_scores_points CHECK (points >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='scores entered by the assessing level';

-- One-time ballot codes (民主测评): only a hash is kept; spent is set in
-- the transaction that adds the vote to ballot_tallies, which records
-- neither the code nor a time, so that no vote can be joined to a code.
CREATE TABLE ballot_codes (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'code id',
  round_id    INT UNSIGNED NOT NULL COMMENT 'the round',
  target_id   INT UNSIGNED NOT NULL COMMENT 'who the code votes on',
  code_hash   BINARY(32) NOT NULL COMMENT 'BLAKE2b-256 of the code; the code itself is never stored',
  batch       INT UNSIGNED NOT NULL COMMENT 'the issue (printing or sending) it came with',
  issued_by   INT UNSIGNED NOT NULL COMMENT 'staff user who issued it',
  spent       BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'used (no time recorded, on purpose)',
  UNIQUE KEY uq_ballot_codes (code_hash),
  KEY ix_ballot_codes_round (round_id, target_id, spent),
  CONSTRAINT fk_ballot_codes_round FOREIGN KEY (round_id) REFERENCES assess_rounds (id),
  CONSTRAINT fk_ballot_codes_user FOREIGN KEY (issued_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='one-time ballot codes (测评码)';

CREATE TABLE ballot_tallies (
  round_id     INT UNSIGNED NOT NULL COMMENT 'the round',
  target_id    INT UNSIGNED NOT NULL COMMENT 'who was voted on',
  indicator_id INT UNSIGNED NOT NULL COMMENT 'the item voted (an indicator with source = ballot)',
  choice       ENUM('satisfied','basically','unsatisfied') NOT NULL COMMENT '满意 / 基本满意 / 不满意',
  votes        INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'how many chose it',
  PRIMARY KEY (round_id, target_id, indicator_id, choice),
  CONSTRAINT fk_tallies_round FOREIGN KEY (round_id) REFERENCES assess_rounds (id),
  CONSTRAINT fk_tallies_indicator FOREIGN KEY (indicator_id) REFERENCES assess_indicators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='anonymous ballot counts: no code, voter or time';

-- Frozen at publication: every indicator's value with its numerator,
-- denominator and the as-of time (the round's published_at).
CREATE TABLE assess_results (
  round_id     INT UNSIGNED NOT NULL COMMENT 'the round',
  target_id    INT UNSIGNED NOT NULL COMMENT 'who',
  indicator_id INT UNSIGNED NOT NULL COMMENT 'the indicator',
  num          BIGINT NULL COMMENT 'numerator of the source value (figure, ballot)',
  den          BIGINT NULL COMMENT 'denominator (figure: its denominator; ballot: votes)',
  value        DECIMAL(9,6) NULL COMMENT 'the source value (num/den), NULL when empty or insufficient',
  points       DECIMAL(6,2) NOT NULL COMMENT 'points given',
  flag         ENUM('ok','empty','insufficient','few') NOT NULL DEFAULT 'ok'
               COMMENT 'empty: zero denominator; insufficient: ballot under min turnout; few: denominator under min_count',
  PRIMARY KEY (round_id, target_id, indicator_id),
  CONSTRAINT fk_results_round FOREIGN KEY (round_id) REFERENCES assess_rounds (id),
  CONSTRAINT fk_results_indicator FOREIGN KEY (indicator_id) REFERENCES assess_indicators (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='published, frozen indicator values';

CREATE TABLE assess_totals (
  round_id    INT UNSIGNED NOT NULL COMMENT 'the round',
  target_id   INT UNSIGNED NOT NULL COMMENT 'who',
  points      DECIMAL(6,2) NOT NULL COMMENT 'total points',
  rank_no     INT UNSIGNED NOT NULL COMMENT 'rank, 1 = best, by the documented tie rule',
  few_data    BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'an indicator rests on too little data: marked in the table',
  PRIMARY KEY (round_id, target_id),
  CONSTRAINT fk_totals_round FOREIGN KEY (round_id) REFERENCES assess_rounds (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='published, frozen totals and ranks';

-- Star ratings (星级评定) of 两新 organisations: sub-indicators per year
-- and group (configurable by the district), one rating per organisation
-- and year going self -> street -> district.
CREATE TABLE star_items (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'sub-indicator id',
  district_id INT UNSIGNED NOT NULL COMMENT 'the district defining it',
  year        SMALLINT UNSIGNED NOT NULL COMMENT 'the year',
  grp         ENUM('committee','members','business','culture','labour','society') NOT NULL
              COMMENT '党组织班子, 党员队伍, 生产经营, 企业文化, 劳动关系, 社会评价',
  position    TINYINT UNSIGNED NOT NULL COMMENT 'order within the group',
  name        VARCHAR(200) NOT NULL COMMENT 'what is rated',
  max_points  DECIMAL(5,2) NOT NULL COMMENT 'points at most; a year''s items sum to 100',
  UNIQUE KEY uq_star_items (district_id, year, grp, position),
  CONSTRAINT fk_star_items_district FOREIGN KEY (district_id) REFERENCES regions (id),
  CONSTRAINT ck_star_items_points CHECK (max_points > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='star rating sub-indicators (星级评定细则)';

CREATE TABLE star_ratings (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'rating id',
  unit_id       INT UNSIGNED NOT NULL COMMENT 'the 两新 organisation',
  year          SMALLINT UNSIGNED NOT NULL COMMENT 'the year rated',
  state         ENUM('draft','self','street','confirmed') NOT NULL DEFAULT 'draft'
                COMMENT 'draft 自评中, self 已自评待初评, street 已初评待认定, confirmed 已认定',
  self_points   DECIMAL(6,2) NULL COMMENT 'total of the self-assessment',
  self_note     VARCHAR(1000) NULL COMMENT 'the organisation''s note',
  self_by       INT UNSIGNED NULL COMMENT 'the organisation''s account that submitted',
  self_at       DATETIME NULL COMMENT 'when submitted (UTC)',
  street_points DECIMAL(6,2) NULL COMMENT 'total of the street''s pre-rating (初评)',
  street_note   VARCHAR(1000) NULL COMMENT 'the street''s note',
  street_by     INT UNSIGNED NULL COMMENT 'street official',
  street_at     DATETIME NULL COMMENT 'when pre-rated (UTC)',
  final_points  DECIMAL(6,2) NULL COMMENT 'total confirmed by the district (认定)',
  stars         TINYINT UNSIGNED NULL COMMENT '1..5 from final_points by the documented bands',
  district_note VARCHAR(1000) NULL COMMENT 'the district''s note',
  district_by   INT UNSIGNED NULL COMMENT 'district official',
  district_at   DATETIME NULL COMMENT 'when confirmed (UTC)',
  version       INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  UNIQUE KEY uq_star_ratings (unit_id, year),
  KEY ix_star_ratings_year (year, state),
  CONSTRAINT fk_star_ratings_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_star_ratings_self FOREIGN KEY (self_by) REFERENCES users (id),
  CONSTRAINT fk_star_ratings_street FOREIGN KEY (street_by) REFERENCES users (id),
  CONSTRAINT fk_star_ratings_district FOREIGN KEY (district_by) REFERENCES users (id),
  CONSTRAINT ck_star_ratings_stars CHECK (stars IS NULL OR stars BETWEEN 1 AND 5)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='yearly star ratings of 两新 organisations (星级评定)';

CREATE TABLE star_scores (
  rating_id      INT UNSIGNED NOT NULL COMMENT 'the rating',
  item_id        INT UNSIGNED NOT NULL COMMENT 'the sub-indicator',
  self_points    DECIMAL(5,2) NULL COMMENT 'the organisation''s points',
  street_points  DECIMAL(5,2) NULL COMMENT 'the street''s points',
  final_points   DECIMAL(5,2) NULL COMMENT 'the district''s points',
  PRIMARY KEY (rating_id, item_id),
  CONSTRAINT fk_star_scores_rating FOREIGN KEY (rating_id) REFERENCES star_ratings (id),
  CONSTRAINT fk_star_scores_item FOREIGN KEY (item_id) REFERENCES star_items (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a star rating''s points per sub-indicator, at each step';
