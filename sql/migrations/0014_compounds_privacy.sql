-- Migration 0014: residents' own place (小区) and the privacy of the
-- timeline (issue 18, points 4 and 5).
--
-- compounds: the residential compounds (小区) residents know their home
-- by, each in one grid (a level-4 region), with other names it goes by
-- (aliases, '|'-separated, searched like the name) and an optional point
-- for "use my location".  Names are public (the form's search lists
-- them); nothing personal is kept here.  `lianxin import compounds FILE`
-- fills it.  A request keeps the grid, community and street of the
-- compound picked (the compound itself is not stored with it).
--
-- request_events.public now means "the text is for the resident": a
-- state change is on the resident's timeline whatever it says, its text
-- (and a note) only when the writer marked it for the resident.
-- Resolutions and rejection reasons are always for the resident (their
-- forms say so).  Texts written before with accept, assign, escalate or
-- reopen by staff were never marked for anyone: they become internal.

CREATE TABLE compounds (
  id       INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'compound id',
  name     VARCHAR(64) NOT NULL COMMENT 'Chinese name, e.g. 星耀城一期',
  aliases  VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'other names, ''|''-separated (searched like the name)',
  grid_id  INT UNSIGNED NOT NULL COMMENT 'the grid (level-4 region) it belongs to',
  lat      DECIMAL(9,6) NULL COMMENT 'latitude (WGS84) of its gate, optional',
  lng      DECIMAL(9,6) NULL COMMENT 'longitude (WGS84), with lat',
  UNIQUE KEY uq_compounds_grid_name (grid_id, name),
  KEY ix_compounds_name (name),
  KEY ix_compounds_point (lat, lng),
  CONSTRAINT fk_compounds_grid FOREIGN KEY (grid_id) REFERENCES regions (id),
  CONSTRAINT ck_compounds_point CHECK ((lat IS NULL) = (lng IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='residential compounds (小区), searched by residents on the form';

ALTER TABLE request_events
  MODIFY public BOOLEAN NOT NULL DEFAULT FALSE
  COMMENT 'its text (and a note) is for the resident; else internal';

UPDATE request_events SET public = FALSE
  WHERE actor_kind = 'staff' AND body <> ''
    AND action IN ('accept', 'assign', 'escalate', 'reopen');
