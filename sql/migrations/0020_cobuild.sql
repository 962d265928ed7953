-- Migration 0020: co-building (共驻共建, issue 20).
--
-- Resident units (驻区单位: offices, public institutions, state firms,
-- 两新 organisations) co-build with a community (or a street): their
-- Party secretaries sit on its 大党委 as part-time members (兼职委员);
-- unit and community sign a yearly agreement (双向协议书) of commitments
-- with due dates; the community's needs (需求清单), the units' resources
-- (资源清单) and joint projects (项目清单) are claimed and booked both
-- ways; joint meetings (联席会议) record decisions with an owner and a due
-- date; residents' micro-wishes (微心愿) are claimed by reported members or
-- units; at year end both sides of an agreement rate each other.
--
-- Dates a person picks (due dates, meeting days, use days) are local
-- calendar DATEs; the moments things happen are DATETIME in UTC, like
-- every other table.  Each table that belongs to a place names its
-- community (or street) in region_id; a region's district, street and
-- community follow from `regions`.  A unit's account (unit_staff) is
-- bound to its unit (users.unit_id) and acts for that unit only.
-- Every row that is changed by more than one person carries a version
-- (optimistic locking: a stale form gets 409).

ALTER TABLE units
  ADD COLUMN org_kind ENUM('agency','institution','state_firm','private_firm','social_org') NULL
    COMMENT 'a co-building unit''s kind: 机关, 事业单位, 国有企业, 非公企业, 社会组织 (the last two: 两新组织); NULL for a department' AFTER kind,
  ADD COLUMN party_org VARCHAR(100) NOT NULL DEFAULT ''
    COMMENT 'its Party organisation (党组织名称), e.g. 某公司党支部' AFTER name,
  ADD COLUMN secretary VARCHAR(64) NOT NULL DEFAULT ''
    COMMENT 'personal data: its Party secretary''s name (staff pages only)' AFTER party_org,
  ADD COLUMN contact_phone CHAR(11) NULL
    COMMENT 'personal data: the contact''s mobile number (staff pages only)' AFTER contact,
  ADD COLUMN member_count SMALLINT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'Party members in the unit (党员人数)' AFTER contact_phone,
  ADD COLUMN joined_on DATE NULL
    COMMENT 'local day it joined co-building (共建) with its region' AFTER member_count;

ALTER TABLE users
  MODIFY COLUMN role ENUM('grid_worker','community_staff','street_official',
    'district_official','admin','department_staff','unit_staff') NOT NULL
    COMMENT 'what the user may do (unit_staff: a co-building unit''s contact, for its unit only)',
  MODIFY COLUMN unit_id INT UNSIGNED NULL
    COMMENT 'department_staff and unit_staff: the unit the account acts for';

-- 大党委: the part-time committee members (兼职委员) a community's (or a
-- street's) Party committee takes from its units.
CREATE TABLE committee_members (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'membership id',
  region_id   INT UNSIGNED NOT NULL COMMENT 'community (or street) whose 大党委',
  unit_id     INT UNSIGNED NOT NULL COMMENT 'the unit the member comes from',
  name        VARCHAR(64) NOT NULL COMMENT 'personal data: the member''s name (staff pages only)',
  post        VARCHAR(64) NOT NULL DEFAULT '' COMMENT 'post in the unit, e.g. 党委书记',
  since_on    DATE NOT NULL COMMENT 'local day appointed',
  until_on    DATE NULL COMMENT 'local day the membership ended; NULL while serving',
  KEY ix_committee_region (region_id, until_on),
  KEY ix_committee_unit (unit_id),
  CONSTRAINT fk_committee_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_committee_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT ck_committee_dates CHECK (until_on IS NULL OR until_on >= since_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='大党委 part-time members (兼职委员) from co-building units';

-- Agreements (双向协议书): unit x community x year.  In force from
-- valid_from to valid_to (the year by default) once signed, unless ended.
CREATE TABLE agreements (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'agreement id',
  unit_id     INT UNSIGNED NOT NULL COMMENT 'the unit',
  region_id   INT UNSIGNED NOT NULL COMMENT 'the community (or street) it co-builds with',
  year        SMALLINT UNSIGNED NOT NULL COMMENT 'the year it covers',
  title       VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'title, e.g. 2026年共驻共建协议书',
  state       ENUM('draft','signed','ended') NOT NULL DEFAULT 'draft'
              COMMENT 'draft 草拟, signed 已签订 (in force), ended 已终止',
  signed_on   DATE NULL COMMENT 'local day signed',
  valid_from  DATE NOT NULL COMMENT 'first local day in force',
  valid_to    DATE NOT NULL COMMENT 'last local day in force',
  created_by  INT UNSIGNED NOT NULL COMMENT 'staff user who recorded it',
  created_at  DATETIME NOT NULL COMMENT 'when recorded (UTC)',
  version     INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  UNIQUE KEY uq_agreements (unit_id, region_id, year),
  KEY ix_agreements_region (region_id, year),
  CONSTRAINT fk_agreements_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_agreements_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_agreements_user FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_agreements_dates CHECK (valid_to >= valid_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='two-way co-building agreements (双向协议书)';

-- A commitment of an agreement; fulfilled by the unit (or recorded by
-- staff for it), then confirmed by the community.
CREATE TABLE commitments (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'commitment id',
  agreement_id INT UNSIGNED NOT NULL COMMENT 'the agreement',
  kind         ENUM('venue','volunteers','funds','expertise','goods') NOT NULL
               COMMENT '场地, 志愿者, 资金, 专业服务, 物资',
  content      VARCHAR(200) NOT NULL COMMENT 'what is promised',
  quantity     DECIMAL(12,2) NOT NULL COMMENT 'how much, in qty_unit',
  qty_unit     VARCHAR(16) NOT NULL COMMENT 'unit of quantity: 次, 人次, 元, 件, 小时 ...',
  due_on       DATE NOT NULL COMMENT 'local day it is due',
  state        ENUM('open','fulfilled','confirmed') NOT NULL DEFAULT 'open'
               COMMENT 'open 待兑现, fulfilled 已兑现待确认, confirmed 已确认',
  fulfilled_on DATE NULL COMMENT 'local day it was fulfilled, as recorded',
  fulfil_note  VARCHAR(1000) NULL COMMENT 'how it was fulfilled',
  fulfilled_by INT UNSIGNED NULL COMMENT 'the user who recorded the fulfilment',
  fulfilled_at DATETIME NULL COMMENT 'when the fulfilment was recorded (UTC)',
  confirmed_by INT UNSIGNED NULL COMMENT 'community staff who confirmed it',
  confirmed_at DATETIME NULL COMMENT 'when confirmed (UTC)',
  version      INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  KEY ix_commitments_agreement (agreement_id),
  KEY ix_commitments_due (due_on),
  CONSTRAINT fk_commitments_agreement FOREIGN KEY (agreement_id) REFERENCES agreements (id),
  CONSTRAINT fk_commitments_fulfilled_by FOREIGN KEY (fulfilled_by) REFERENCES users (id),
  CONSTRAINT fk_commitments_confirmed_by FOREIGN KEY (confirmed_by) REFERENCES users (id),
  CONSTRAINT ck_commitments_quantity CHECK (quantity > 0),
  CONSTRAINT ck_commitments_state CHECK ((state = 'open') = (fulfilled_on IS NULL)
    AND (state = 'confirmed') = (confirmed_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='an agreement''s commitments (承诺事项)';

CREATE TABLE commitment_photos (
  commitment_id INT UNSIGNED NOT NULL COMMENT 'the commitment',
  photo         BINARY(32) NOT NULL COMMENT 'the photo (photos.hash)',
  position      TINYINT UNSIGNED NOT NULL COMMENT 'order, from 0',
  PRIMARY KEY (commitment_id, photo),
  KEY (photo),
  CONSTRAINT fk_cphotos_commitment FOREIGN KEY (commitment_id) REFERENCES commitments (id),
  CONSTRAINT fk_cphotos_photo FOREIGN KEY (photo) REFERENCES photos (hash)
) ENGINE=InnoDB COMMENT 'photos of a commitment''s fulfilment';

-- 需求清单: the community's needs, raised by staff or turned from a
-- resident's request; one unit claims a need (认领), which makes it a
-- project (项目清单) the unit leads.
CREATE TABLE needs (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'need id',
  region_id    INT UNSIGNED NOT NULL COMMENT 'the community (or street) that needs it',
  title        VARCHAR(100) NOT NULL COMMENT 'what is needed',
  detail       VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'more about it (no resident''s personal data)',
  kind         ENUM('venue','volunteers','funds','expertise','goods') NOT NULL
               COMMENT 'what kind of help: 场地, 志愿者, 资金, 专业服务, 物资',
  request_id   BIGINT UNSIGNED NULL COMMENT 'the resident''s request it was turned from',
  published_by INT UNSIGNED NOT NULL COMMENT 'staff user who published it',
  published_at DATETIME NOT NULL COMMENT 'when published (UTC); defines the period of the figures',
  state        ENUM('open','claimed','done','withdrawn') NOT NULL DEFAULT 'open'
               COMMENT 'open 待认领, claimed 已认领 (its project runs), done 已办结, withdrawn 已撤回',
  claim_unit_id INT UNSIGNED NULL COMMENT 'the unit that claimed it',
  claimed_at   DATETIME NULL COMMENT 'when claimed (UTC)',
  claimed_by   INT UNSIGNED NULL COMMENT 'the user who claimed it (unit_staff, or staff for the unit)',
  completed_at DATETIME NULL COMMENT 'when done (its project closed with a result) (UTC)',
  withdrawn_at DATETIME NULL COMMENT 'when withdrawn (UTC)',
  version      INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  UNIQUE KEY uq_needs_request (request_id),
  KEY ix_needs_region (region_id, state, published_at),
  KEY ix_needs_unit (claim_unit_id, state),
  CONSTRAINT fk_needs_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_needs_request FOREIGN KEY (request_id) REFERENCES service_requests (id),
  CONSTRAINT fk_needs_published_by FOREIGN KEY (published_by) REFERENCES users (id),
  CONSTRAINT fk_needs_unit FOREIGN KEY (claim_unit_id) REFERENCES units (id),
  CONSTRAINT fk_needs_claimed_by FOREIGN KEY (claimed_by) REFERENCES users (id),
  CONSTRAINT ck_needs_claim CHECK ((state IN ('claimed','done')) <= (claim_unit_id IS NOT NULL)
    AND (state = 'done') = (completed_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the community''s needs list (需求清单)';

-- 资源清单: what units offer, with availability; the community books it
-- (预约) and the unit confirms or declines.  At most `capacity` bookings
-- that are requested or confirmed share one use day.
CREATE TABLE resources (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'resource id',
  unit_id     INT UNSIGNED NOT NULL COMMENT 'the unit offering it',
  region_id   INT UNSIGNED NOT NULL COMMENT 'the community (or street) it is offered to',
  kind        ENUM('venue','volunteers','funds','expertise','goods') NOT NULL
              COMMENT '场地, 志愿者, 资金, 专业服务, 物资',
  title       VARCHAR(100) NOT NULL COMMENT 'what is offered',
  detail      VARCHAR(1000) NOT NULL DEFAULT '' COMMENT 'conditions, times, place',
  capacity    SMALLINT UNSIGNED NOT NULL COMMENT 'bookings one use day takes',
  avail_from  DATE NOT NULL COMMENT 'first local day available',
  avail_to    DATE NOT NULL COMMENT 'last local day available',
  state       ENUM('open','withdrawn') NOT NULL DEFAULT 'open' COMMENT 'open 可预约, withdrawn 已撤下',
  created_by  INT UNSIGNED NOT NULL COMMENT 'the user who published it',
  created_at  DATETIME NOT NULL COMMENT 'when published (UTC)',
  version     INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  KEY ix_resources_region (region_id, state, avail_to),
  KEY ix_resources_unit (unit_id, state),
  CONSTRAINT fk_resources_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT fk_resources_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_resources_user FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_resources_capacity CHECK (capacity >= 1),
  CONSTRAINT ck_resources_dates CHECK (avail_to >= avail_from)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the units'' resources list (资源清单)';

CREATE TABLE resource_bookings (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'booking id',
  resource_id INT UNSIGNED NOT NULL COMMENT 'the resource',
  region_id   INT UNSIGNED NOT NULL COMMENT 'the community booking it',
  use_on      DATE NOT NULL COMMENT 'local day it is wanted',
  purpose     VARCHAR(500) NOT NULL COMMENT 'what for',
  state       ENUM('requested','confirmed','declined','cancelled') NOT NULL DEFAULT 'requested'
              COMMENT 'requested 待确认, confirmed 已确认, declined 已婉拒, cancelled 已取消',
  booked_by   INT UNSIGNED NOT NULL COMMENT 'staff user who booked',
  booked_at   DATETIME NOT NULL COMMENT 'when booked (UTC)',
  decided_by  INT UNSIGNED NULL COMMENT 'the unit''s user who confirmed or declined',
  decided_at  DATETIME NULL COMMENT 'when confirmed, declined or cancelled (UTC)',
  reason      VARCHAR(500) NULL COMMENT 'why declined or cancelled',
  version     INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  KEY ix_bookings_resource (resource_id, use_on, state),
  KEY ix_bookings_region (region_id, booked_at),
  CONSTRAINT fk_bookings_resource FOREIGN KEY (resource_id) REFERENCES resources (id),
  CONSTRAINT fk_bookings_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_bookings_booked_by FOREIGN KEY (booked_by) REFERENCES users (id),
  CONSTRAINT fk_bookings_decided_by FOREIGN KEY (decided_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the community''s bookings of resources (预约)';

-- 项目清单: joint projects, each led by one unit (领办): from a claimed
-- need (need_id) or set up by staff; a plan of milestones; closed with
-- the result.
CREATE TABLE projects (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'project id',
  region_id    INT UNSIGNED NOT NULL COMMENT 'the community (or street)',
  need_id      INT UNSIGNED NULL COMMENT 'the need it came from (claimed), if any',
  lead_unit_id INT UNSIGNED NOT NULL COMMENT 'the leading unit (领办单位)',
  title        VARCHAR(100) NOT NULL COMMENT 'title',
  plan         VARCHAR(2000) NOT NULL DEFAULT '' COMMENT 'the plan in words',
  state        ENUM('planning','running','done','cancelled') NOT NULL DEFAULT 'planning'
               COMMENT 'planning 计划中, running 实施中, done 已办结, cancelled 已终止',
  result       VARCHAR(2000) NULL COMMENT 'the result it closed with',
  created_by   INT UNSIGNED NOT NULL COMMENT 'the user who set it up (or claimed its need)',
  created_at   DATETIME NOT NULL COMMENT 'when set up (UTC)',
  closed_at    DATETIME NULL COMMENT 'when done or cancelled (UTC)',
  version      INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  UNIQUE KEY uq_projects_need (need_id),
  KEY ix_projects_region (region_id, state),
  KEY ix_projects_unit (lead_unit_id, state),
  CONSTRAINT fk_projects_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_projects_need FOREIGN KEY (need_id) REFERENCES needs (id),
  CONSTRAINT fk_projects_unit FOREIGN KEY (lead_unit_id) REFERENCES units (id),
  CONSTRAINT fk_projects_user FOREIGN KEY (created_by) REFERENCES users (id),
  CONSTRAINT ck_projects_closed CHECK ((state IN ('done','cancelled')) = (closed_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='joint projects (项目清单), each with a leading unit';

CREATE TABLE milestones (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'milestone id',
  project_id  INT UNSIGNED NOT NULL COMMENT 'the project',
  position    TINYINT UNSIGNED NOT NULL COMMENT 'order in the plan, from 0',
  title       VARCHAR(100) NOT NULL COMMENT 'what is to be done',
  due_on      DATE NOT NULL COMMENT 'local day it is due',
  done_at     DATETIME NULL COMMENT 'when done (UTC)',
  done_by     INT UNSIGNED NULL COMMENT 'the user who marked it done',
  note        VARCHAR(1000) NULL COMMENT 'what was done',
  KEY ix_milestones_project (project_id, position),
  KEY ix_milestones_done (done_at),
  CONSTRAINT fk_milestones_project FOREIGN KEY (project_id) REFERENCES projects (id),
  CONSTRAINT fk_milestones_user FOREIGN KEY (done_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a project''s plan: milestones';

-- Joint meetings (联席会议): 大事共议、实事共办、要事共决、急事共商.
CREATE TABLE meetings (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'meeting id',
  region_id   INT UNSIGNED NOT NULL COMMENT 'the community (or street) holding it',
  held_on     DATE NOT NULL COMMENT 'local day held',
  title       VARCHAR(100) NOT NULL COMMENT 'title, e.g. 2026年第三季度联席会议',
  kind        ENUM('regular','urgent') NOT NULL DEFAULT 'regular'
              COMMENT 'regular 例会 (大事共议、实事共办、要事共决), urgent 急事共商',
  place       VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'where',
  minutes     VARCHAR(4000) NOT NULL DEFAULT '' COMMENT 'minutes (会议纪要), staff-internal',
  created_by  INT UNSIGNED NOT NULL COMMENT 'staff user who recorded it',
  created_at  DATETIME NOT NULL COMMENT 'when recorded (UTC)',
  KEY ix_meetings_region (region_id, held_on),
  CONSTRAINT fk_meetings_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_meetings_user FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='joint meetings of a community and its units (联席会议)';

CREATE TABLE meeting_units (
  meeting_id  INT UNSIGNED NOT NULL COMMENT 'the meeting',
  unit_id     INT UNSIGNED NOT NULL COMMENT 'a unit present (出席)',
  PRIMARY KEY (meeting_id, unit_id),
  KEY ix_meeting_units_unit (unit_id),
  CONSTRAINT fk_meeting_units_meeting FOREIGN KEY (meeting_id) REFERENCES meetings (id),
  CONSTRAINT fk_meeting_units_unit FOREIGN KEY (unit_id) REFERENCES units (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='the units present at a meeting';

CREATE TABLE meeting_items (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'agenda item id',
  meeting_id  INT UNSIGNED NOT NULL COMMENT 'the meeting',
  position    TINYINT UNSIGNED NOT NULL COMMENT 'order on the agenda, from 0',
  title       VARCHAR(200) NOT NULL COMMENT 'the item (议题)',
  KEY ix_meeting_items (meeting_id, position),
  CONSTRAINT fk_meeting_items_meeting FOREIGN KEY (meeting_id) REFERENCES meetings (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='a meeting''s agenda (议题)';

-- A decision (议定事项): an owner (a unit, or the community when
-- owner_unit_id is NULL) and a due date; followed to done.
CREATE TABLE decisions (
  id            INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'decision id',
  meeting_id    INT UNSIGNED NOT NULL COMMENT 'the meeting',
  item_id       INT UNSIGNED NULL COMMENT 'the agenda item it settles, if any',
  text          VARCHAR(500) NOT NULL COMMENT 'what was decided',
  owner_unit_id INT UNSIGNED NULL COMMENT 'the unit that owns it; NULL: the community (or street) itself',
  due_on        DATE NOT NULL COMMENT 'local day it is due',
  state         ENUM('open','done') NOT NULL DEFAULT 'open' COMMENT 'open 办理中, done 已办结',
  done_at       DATETIME NULL COMMENT 'when done (UTC)',
  done_by       INT UNSIGNED NULL COMMENT 'the user who marked it done',
  done_note     VARCHAR(1000) NULL COMMENT 'how it was done',
  version       INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  KEY ix_decisions_meeting (meeting_id),
  KEY ix_decisions_owner (owner_unit_id, state, due_on),
  KEY ix_decisions_due (due_on),
  CONSTRAINT fk_decisions_meeting FOREIGN KEY (meeting_id) REFERENCES meetings (id),
  CONSTRAINT fk_decisions_item FOREIGN KEY (item_id) REFERENCES meeting_items (id),
  CONSTRAINT fk_decisions_unit FOREIGN KEY (owner_unit_id) REFERENCES units (id),
  CONSTRAINT fk_decisions_user FOREIGN KEY (done_by) REFERENCES users (id),
  CONSTRAINT ck_decisions_done CHECK ((state = 'done') = (done_at IS NOT NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='decisions of joint meetings (议定事项)';

-- 微心愿: a resident's small wish posted by staff.  The resident's name,
-- phone and note are personal data: staff pages only, never the wall.
-- One claim at a time (claim_member_id or claim_unit_id), to be fulfilled
-- by claim_due; a lapsed claim returns the wish to the wall (the claim
-- stays in wish_claims).
CREATE TABLE wishes (
  id              INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'wish id',
  region_id       INT UNSIGNED NOT NULL COMMENT 'the community',
  title           VARCHAR(100) NOT NULL COMMENT 'the wish as shown on the wall, e.g. 一台助听器',
  detail          VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'more, as shown on the wall (no personal data)',
  value_cap       DECIMAL(8,2) NOT NULL COMMENT 'what it may cost at most, yuan (价值上限)',
  resident_name   VARCHAR(64) NOT NULL COMMENT 'personal data: the resident (staff pages only)',
  resident_phone  CHAR(11) NULL COMMENT 'personal data: the resident''s mobile (staff pages only)',
  resident_note   VARCHAR(500) NOT NULL DEFAULT '' COMMENT 'staff-internal: address, circumstances',
  posted_by       INT UNSIGNED NOT NULL COMMENT 'staff user who posted it',
  posted_at       DATETIME NOT NULL COMMENT 'when posted (UTC); defines the period of the figures',
  state           ENUM('open','claimed','fulfilled','confirmed','withdrawn') NOT NULL DEFAULT 'open'
                  COMMENT 'open 待认领, claimed 已认领, fulfilled 已实现待确认, confirmed 已确认实现, withdrawn 已撤回',
  claim_member_id INT UNSIGNED NULL COMMENT 'the reported member who claimed it',
  claim_unit_id   INT UNSIGNED NULL COMMENT 'the unit that claimed it',
  claimed_at      DATETIME NULL COMMENT 'when the current claim was made (UTC)',
  claim_due       DATETIME NULL COMMENT 'the current claim lapses after this (UTC)',
  fulfilled_at    DATETIME NULL COMMENT 'when the claimer recorded it fulfilled (UTC)',
  fulfil_note     VARCHAR(1000) NULL COMMENT 'how it was fulfilled',
  confirmed_at    DATETIME NULL COMMENT 'when staff confirmed (UTC)',
  confirmed_by    INT UNSIGNED NULL COMMENT 'staff user who confirmed',
  withdrawn_at    DATETIME NULL COMMENT 'when withdrawn (UTC)',
  version         INT UNSIGNED NOT NULL DEFAULT 1 COMMENT 'optimistic lock',
  KEY ix_wishes_region (region_id, state, posted_at),
  KEY ix_wishes_member (claim_member_id, state),
  KEY ix_wishes_unit (claim_unit_id, state),
  KEY ix_wishes_due (state, claim_due),
  CONSTRAINT fk_wishes_region FOREIGN KEY (region_id) REFERENCES regions (id),
  CONSTRAINT fk_wishes_posted_by FOREIGN KEY (posted_by) REFERENCES users (id),
  CONSTRAINT fk_wishes_member FOREIGN KEY (claim_member_id) REFERENCES party_members (id),
  CONSTRAINT fk_wishes_unit FOREIGN KEY (claim_unit_id) REFERENCES units (id),
  CONSTRAINT fk_wishes_confirmed_by FOREIGN KEY (confirmed_by) REFERENCES users (id),
  CONSTRAINT ck_wishes_one_claimer CHECK (claim_member_id IS NULL OR claim_unit_id IS NULL),
  CONSTRAINT ck_wishes_claimed CHECK ((state IN ('claimed','fulfilled','confirmed')) =
    (claim_member_id IS NOT NULL OR claim_unit_id IS NOT NULL)),
  CONSTRAINT ck_wishes_value CHECK (value_cap > 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='residents'' micro-wishes (微心愿)';

CREATE TABLE wish_claims (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'claim id',
  wish_id     INT UNSIGNED NOT NULL COMMENT 'the wish',
  member_id   INT UNSIGNED NULL COMMENT 'the member who claimed',
  unit_id     INT UNSIGNED NULL COMMENT 'the unit that claimed',
  claimed_at  DATETIME NOT NULL COMMENT 'when claimed (UTC)',
  due_at      DATETIME NOT NULL COMMENT 'to be fulfilled by (UTC)',
  outcome     ENUM('open','fulfilled','lapsed','released') NOT NULL DEFAULT 'open'
              COMMENT 'open 进行中, fulfilled 已实现, lapsed 逾期退回, released 主动放弃',
  ended_at    DATETIME NULL COMMENT 'when it ended (UTC)',
  KEY ix_wish_claims_wish (wish_id, claimed_at),
  KEY ix_wish_claims_member (member_id, outcome),
  CONSTRAINT fk_wish_claims_wish FOREIGN KEY (wish_id) REFERENCES wishes (id),
  CONSTRAINT fk_wish_claims_member FOREIGN KEY (member_id) REFERENCES party_members (id),
  CONSTRAINT fk_wish_claims_unit FOREIGN KEY (unit_id) REFERENCES units (id),
  CONSTRAINT ck_wish_claims_one CHECK ((member_id IS NULL) <> (unit_id IS NULL))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='every claim of a wish, the lapsed ones too';

-- 双向评议: at year end the community rates each agreement's unit and
-- the unit rates the community, once each per agreement (= per year).
CREATE TABLE evaluations (
  id           INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'rating id',
  agreement_id INT UNSIGNED NOT NULL COMMENT 'the agreement (unit x community x year)',
  direction    ENUM('community_rates_unit','unit_rates_community') NOT NULL
               COMMENT 'who rates whom',
  rating       ENUM('satisfied','basically','unsatisfied') NOT NULL COMMENT '满意 / 基本满意 / 不满意',
  comment      VARCHAR(1000) NOT NULL DEFAULT '' COMMENT 'the rater''s comment',
  rated_by     INT UNSIGNED NOT NULL COMMENT 'the user who rated',
  rated_at     DATETIME NOT NULL COMMENT 'when rated (UTC); defines the period of the figures',
  UNIQUE KEY uq_evaluations (agreement_id, direction),
  KEY ix_evaluations_rated (rated_at),
  CONSTRAINT fk_evaluations_agreement FOREIGN KEY (agreement_id) REFERENCES agreements (id),
  CONSTRAINT fk_evaluations_user FOREIGN KEY (rated_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='year-end mutual evaluation of co-building (双向评议)';
