-- lianxin schema, version 1.  Later changes are numbered migrations in
-- sql/migrations/NNNN_name.sql; `lianxin migrate` applies what is new and
-- records each version in schema_version.
--
-- All times are DATETIME in UTC (the connection sets time_zone = '+00:00');
-- pages convert them to the configured local time zone.

CREATE TABLE schema_version (
  version     INT UNSIGNED NOT NULL PRIMARY KEY COMMENT 'migration number (1 = this file)',
  name        VARCHAR(100) NOT NULL COMMENT 'file name of the migration',
  applied_at  DATETIME NOT NULL DEFAULT UTC_TIMESTAMP() COMMENT 'when it was applied (UTC)'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='applied schema migrations';

CREATE TABLE regions (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'region id',
  parent_id   INT UNSIGNED NULL COMMENT 'parent region; NULL for a district',
  level       TINYINT UNSIGNED NOT NULL COMMENT '1 district 区, 2 street 街道, 3 community 社区, 4 grid 网格',
  code        VARCHAR(32) NOT NULL COMMENT 'administrative code, unique',
  name        VARCHAR(64) NOT NULL COMMENT 'Chinese name',
  district_id INT UNSIGNED NULL COMMENT 'ancestor (or self) at level 1',
  street_id   INT UNSIGNED NULL COMMENT 'ancestor (or self) at level 2; NULL above',
  community_id INT UNSIGNED NULL COMMENT 'ancestor (or self) at level 3; NULL above',
  sort        INT NOT NULL DEFAULT 0 COMMENT 'display order among siblings',
  UNIQUE KEY uq_regions_code (code),
  KEY ix_regions_parent (parent_id, sort),
  CONSTRAINT fk_regions_parent FOREIGN KEY (parent_id) REFERENCES regions (id),
  CONSTRAINT ck_regions_level CHECK (level BETWEEN 1 AND 4)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='district > street > community > grid, one tree';

CREATE TABLE categories (
  id             SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'category id',
  code           VARCHAR(32) NOT NULL COMMENT 'stable code, also the Open311 service_code',
  name           VARCHAR(64) NOT NULL COMMENT 'Chinese name',
  description    VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'what belongs here, shown to residents',
  response_hours SMALLINT UNSIGNED NOT NULL COMMENT 'time limit to first acceptance, hours',
  resolve_days   SMALLINT UNSIGNED NOT NULL COMMENT 'time limit to resolution, calendar days',
  active         BOOLEAN NOT NULL DEFAULT TRUE COMMENT 'offered to residents',
  sort           INT NOT NULL DEFAULT 0 COMMENT 'display order',
  UNIQUE KEY uq_categories_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='service categories with their time limits';

CREATE TABLE users (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'user id',
  username      VARCHAR(64) NOT NULL COMMENT 'login name',
  display_name  VARCHAR(64) NOT NULL COMMENT 'name shown to colleagues (never to residents)',
  role          ENUM('grid_worker','community_staff','street_official','district_official','admin')
                NOT NULL COMMENT 'what the user may do',
  region_id     INT UNSIGNED NOT NULL COMMENT 'home region: the user acts within its subtree',
  password_hash VARCHAR(255) NOT NULL COMMENT 'argon2id string from crypto_pwhash_str',
  disabled      BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'cannot log in when true',
  failed_logins SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'consecutive failed logins',
  locked_until  DATETIME NULL COMMENT 'login refused until then (UTC)',
  created_at    DATETIME NOT NULL DEFAULT UTC_TIMESTAMP() COMMENT 'when created (UTC)',
  UNIQUE KEY uq_users_username (username),
  CONSTRAINT fk_users_region FOREIGN KEY (region_id) REFERENCES regions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='staff accounts';

CREATE TABLE service_requests (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'request id',
  tracking_no    CHAR(8) NOT NULL COMMENT 'tracking number on the receipt: 8 of 23456789ABCDEFGHJKMNPQRSTUVWXYZ',
  form_token     BINARY(16) NULL COMMENT 'one-time token of the posting form; a repost finds this row',
  category_id    SMALLINT UNSIGNED NOT NULL COMMENT 'service category',
  district_id    INT UNSIGNED NOT NULL COMMENT 'district of the location',
  street_id      INT UNSIGNED NOT NULL COMMENT 'street of the location',
  community_id   INT UNSIGNED NOT NULL COMMENT 'community of the location',
  grid_id        INT UNSIGNED NULL COMMENT 'grid of the location, when known',
  address        VARCHAR(200) NOT NULL COMMENT 'address as given by the resident',
  description    TEXT NOT NULL COMMENT 'the problem, as given (10..2000 characters)',
  lat            DECIMAL(9,6) NULL COMMENT 'latitude (WGS84), optional',
  lng            DECIMAL(9,6) NULL COMMENT 'longitude (WGS84), optional',
  resident_name  VARCHAR(64) NOT NULL COMMENT 'personal data: resident name',
  resident_phone CHAR(11) NOT NULL COMMENT 'personal data: mainland mobile number',
  source         ENUM('web','open311','hotline','visit') NOT NULL COMMENT 'channel it came through',
  state          ENUM('submitted','accepted','assigned','resolved','closed','rejected')
                 NOT NULL DEFAULT 'submitted' COMMENT 'current state',
  level          ENUM('community','street','district') NOT NULL DEFAULT 'community'
                 COMMENT 'current handling level',
  max_level      ENUM('community','street','district') NOT NULL DEFAULT 'community'
                 COMMENT 'highest handling level ever reached',
  received_at    DATETIME NOT NULL COMMENT 'when received (UTC); defines the period',
  accepted_at    DATETIME NULL COMMENT 'first acceptance (UTC)',
  assigned_at    DATETIME NULL COMMENT 'last assignment (UTC)',
  resolved_at    DATETIME NULL COMMENT 'last resolution (UTC)',
  closed_at      DATETIME NULL COMMENT 'closed (UTC)',
  rejected_at    DATETIME NULL COMMENT 'rejected (UTC)',
  reject_reason  ENUM('duplicate','spam','out_of_scope') NULL COMMENT 'why rejected',
  response_due   DATETIME NOT NULL COMMENT 'received + category response limit (UTC)',
  resolve_due    DATETIME NOT NULL COMMENT 'received + category resolve limit (UTC)',
  resolution     VARCHAR(2000) NULL COMMENT 'public resolution text',
  rating         ENUM('satisfied','basically','unsatisfied') NULL COMMENT 'resident rating',
  rated_at       DATETIME NULL COMMENT 'when rated (UTC)',
  rating_comment VARCHAR(500) NULL COMMENT 'optional comment with the rating',
  reopen_count   TINYINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'times sent back for rework (max 1)',
  version        INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'bumped by every change; guards lost updates',
  UNIQUE KEY uq_requests_tracking (tracking_no),
  UNIQUE KEY uq_requests_form_token (form_token),
  KEY ix_requests_district_received (district_id, received_at),
  KEY ix_requests_street_received (street_id, received_at),
  KEY ix_requests_community_received (community_id, received_at),
  KEY ix_requests_grid_received (grid_id, received_at),
  KEY ix_requests_state_due (state, resolve_due),
  KEY ix_requests_category_received (category_id, received_at),
  CONSTRAINT fk_requests_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT fk_requests_district FOREIGN KEY (district_id) REFERENCES regions (id),
  CONSTRAINT fk_requests_street FOREIGN KEY (street_id) REFERENCES regions (id),
  CONSTRAINT fk_requests_community FOREIGN KEY (community_id) REFERENCES regions (id),
  CONSTRAINT fk_requests_grid FOREIGN KEY (grid_id) REFERENCES regions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='residents'' service requests (诉求)';

CREATE TABLE request_events (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'event id',
  request_id  BIGINT UNSIGNED NOT NULL COMMENT 'the request',
  at          DATETIME NOT NULL COMMENT 'when (UTC)',
  actor_kind  ENUM('resident','staff','system','open311') NOT NULL COMMENT 'who acted',
  actor_id    INT UNSIGNED NULL COMMENT 'staff user, when actor_kind = staff',
  action      ENUM('submit','accept','assign','note','resolve','close','reject','escalate','rate','reopen')
              NOT NULL COMMENT 'what was done',
  from_state  ENUM('submitted','accepted','assigned','resolved','closed','rejected') NULL
              COMMENT 'state before (NULL for submit)',
  to_state    ENUM('submitted','accepted','assigned','resolved','closed','rejected') NOT NULL
              COMMENT 'state after',
  level       ENUM('community','street','district') NOT NULL COMMENT 'handling level after',
  public      BOOLEAN NOT NULL DEFAULT FALSE COMMENT 'shown on the resident''s timeline',
  body        VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'note, reply, reason or resolution text',
  KEY ix_events_request (request_id, at),
  CONSTRAINT fk_events_request FOREIGN KEY (request_id) REFERENCES service_requests (id),
  CONSTRAINT fk_events_actor FOREIGN KEY (actor_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='every state change and note of a request (全程记实)';

CREATE TABLE party_members (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'member id',
  community_id INT UNSIGNED NOT NULL COMMENT 'residential community (roster owner)',
  name         VARCHAR(64) NOT NULL COMMENT 'personal data: name',
  phone        CHAR(11) NOT NULL COMMENT 'personal data: mobile number, unique',
  type         ENUM('in_service','retired','mobile','resident') NOT NULL
               COMMENT '在职 / 离退休 / 流动 / 居民党员',
  employer     VARCHAR(128) NOT NULL DEFAULT '' COMMENT 'employer unit (在职)',
  reported_at  DATETIME NULL COMMENT 'last confirmed report to the community (UTC)',
  report_expires_at DATETIME NULL COMMENT 'when that report lapses (UTC)',
  created_at   DATETIME NOT NULL DEFAULT UTC_TIMESTAMP() COMMENT 'added to the roster (UTC)',
  UNIQUE KEY uq_members_phone (phone),
  KEY ix_members_community (community_id, type),
  CONSTRAINT fk_members_community FOREIGN KEY (community_id) REFERENCES regions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Party member roster per residential community';

CREATE TABLE service_items (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'item id',
  community_id INT UNSIGNED NOT NULL COMMENT 'community offering it',
  category_id  SMALLINT UNSIGNED NULL COMMENT 'related service category',
  name         VARCHAR(100) NOT NULL COMMENT 'item name',
  description  VARCHAR(1000) NOT NULL DEFAULT '' COMMENT 'what the volunteer does',
  capacity     SMALLINT UNSIGNED NOT NULL COMMENT 'how many members may claim it',
  claimed      SMALLINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'open + completed claims (never above capacity)',
  starts_on    DATE NOT NULL COMMENT 'first day offered (local)',
  ends_on      DATE NOT NULL COMMENT 'last day offered (local)',
  KEY ix_items_community (community_id, ends_on),
  CONSTRAINT fk_items_community FOREIGN KEY (community_id) REFERENCES regions (id),
  CONSTRAINT fk_items_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT ck_items_capacity CHECK (claimed <= capacity)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='community service menu (服务菜单)';

CREATE TABLE item_claims (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'claim id',
  item_id      INT UNSIGNED NOT NULL COMMENT 'the item',
  member_id    INT UNSIGNED NOT NULL COMMENT 'the member',
  state        ENUM('open','withdrawn','completed') NOT NULL DEFAULT 'open' COMMENT 'claim state',
  claimed_at   DATETIME NOT NULL COMMENT 'when claimed (UTC)',
  closed_at    DATETIME NULL COMMENT 'when withdrawn or completed (UTC)',
  KEY ix_claims_member (member_id, state),
  KEY ix_claims_item (item_id, state),
  CONSTRAINT fk_claims_item FOREIGN KEY (item_id) REFERENCES service_items (id),
  CONSTRAINT fk_claims_member FOREIGN KEY (member_id) REFERENCES party_members (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='members'' claims of menu items';

CREATE TABLE activities (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'activity id',
  community_id INT UNSIGNED NOT NULL COMMENT 'community holding it',
  title        VARCHAR(100) NOT NULL COMMENT 'title',
  kind         ENUM('party_day','volunteer','org_life','other') NOT NULL
               COMMENT '主题党日 / 志愿服务 / 组织生活 / 其他',
  held_on      DATE NOT NULL COMMENT 'date held (local)',
  hours        DECIMAL(4,1) NOT NULL COMMENT 'nominal length in hours',
  KEY ix_activities_community (community_id, held_on),
  CONSTRAINT fk_activities_community FOREIGN KEY (community_id) REFERENCES regions (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Party and volunteer activities (活动)';

CREATE TABLE participation (
  activity_id  INT UNSIGNED NOT NULL COMMENT 'the activity',
  member_id    INT UNSIGNED NOT NULL COMMENT 'the member',
  held_on      DATE NOT NULL COMMENT 'copy of activities.held_on, for period queries',
  hours        DECIMAL(4,1) NOT NULL COMMENT 'hours this member served',
  PRIMARY KEY (activity_id, member_id),
  KEY ix_participation_member (member_id, held_on),
  CONSTRAINT fk_participation_activity FOREIGN KEY (activity_id) REFERENCES activities (id),
  CONSTRAINT fk_participation_member FOREIGN KEY (member_id) REFERENCES party_members (id),
  CONSTRAINT ck_participation_hours CHECK (hours > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='who took part in an activity and for how long (全程记实)';
