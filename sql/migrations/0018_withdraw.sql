-- Migration 0018: withdrawing a request on its resident's behalf (代群众撤回).
--
-- A resident who no longer needs a request phones the office and staff
-- record it with a note of who asked and how (the event's body, for
-- staff only).  The request becomes `rejected` with reason `withdrawn`:
-- like any rejected request it is not valid (有效量 = received - rejected)
-- and never resolved, so the figures' SQL is unchanged; pages, exports
-- and messages name it 已撤回.  The resident is told by SMS (outbox kind
-- `withdrawn`).

ALTER TABLE request_events
  MODIFY COLUMN action ENUM('submit','accept','assign','note','resolve','close',
    'reject','escalate','rate','reopen','summon','report','answer','withdraw')
    NOT NULL COMMENT 'what was done (summon, report, answer: a summons'' steps; withdraw: on the resident''s behalf)';

ALTER TABLE service_requests
  MODIFY COLUMN reject_reason ENUM('duplicate','spam','out_of_scope','withdrawn') NULL
    COMMENT 'why rejected (withdrawn: the resident withdrew it, 代群众撤回)';

ALTER TABLE outbox
  MODIFY COLUMN kind ENUM('accepted','resolved','rejected','reopened','due_warning',
    'member_code','withdrawn') NOT NULL COMMENT 'why it is sent';
