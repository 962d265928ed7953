-- 0008: the live "open and overdue now" count reads only this index.
-- 0007's index (district_id, state, resolve_due) had to fetch every
-- overdue row for its received time and place; with them in the index the
-- count is an index-only range scan.
ALTER TABLE service_requests
  DROP KEY ix_requests_district_open,
  ADD KEY ix_requests_district_open (district_id, state, resolve_due,
    received_at, street_id, community_id, grid_id, category_id);
