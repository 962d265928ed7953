#include "sqls.h"

const struct sqldef sqls[SQL__MAX] = {
	[SQL_PING] = {
	  "SELECT 1", SQLF_RETRY },
	[SQL_SCHEMA_VERSION] = {
	  "SELECT COALESCE(MAX(version), 0) FROM schema_version", SQLF_RETRY },
	[SQL_CATEGORIES_ACTIVE] = {
	  "SELECT id, code, name, description, response_hours, resolve_days "
	  "FROM categories WHERE active ORDER BY sort, id", SQLF_RETRY },
	[SQL_REGIONS_ALL] = {
	  "SELECT id, COALESCE(parent_id, 0), level, code, name "
	  "FROM regions ORDER BY level, sort, id", SQLF_RETRY },
	[SQL_COUNTS] = {
	  "SELECT (SELECT COUNT(*) FROM service_requests), "
	  "(SELECT COUNT(*) FROM regions), "
	  "(SELECT COUNT(*) FROM categories), "
	  "(SELECT COUNT(*) FROM party_members), "
	  "(SELECT COUNT(*) FROM users)", SQLF_RETRY },
	/* an active category and its limits */
	[SQL_CATEGORY_GET] = {
	  "SELECT id, code, name, description, response_hours, resolve_days "
	  "FROM categories WHERE id = ? AND active", SQLF_RETRY },
	/* a region with its ancestors */
	[SQL_REGION_GET] = {
	  "SELECT id, COALESCE(parent_id, 0), level, code, name, "
	  "COALESCE(district_id, 0), COALESCE(street_id, 0), "
	  "COALESCE(community_id, 0) FROM regions WHERE id = ?", SQLF_RETRY },
	[SQL_REQUEST_INSERT] = {
	  "INSERT INTO service_requests (tracking_no, form_token, category_id, "
	  "district_id, street_id, community_id, grid_id, address, "
	  "description, lat, lng, resident_name, resident_phone, source, "
	  "received_at, response_due, resolve_due) VALUES "
	  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	/* the row a repost of the same form made */
	[SQL_REQUEST_BY_TOKEN] = {
	  "SELECT tracking_no FROM service_requests WHERE form_token = ?",
	  SQLF_RETRY },
	/* by tracking number, for the resident */
	[SQL_REQUEST_GET] = {
	  "SELECT r.id, r.tracking_no, r.category_id, c.name, r.state, "
	  "r.level, r.received_at, r.accepted_at, r.resolved_at, r.closed_at, "
	  "r.response_due, r.resolve_due, COALESCE(r.rating, ''), "
	  "r.reopen_count, RIGHT(r.resident_phone, 4), r.version, "
	  "COALESCE(r.resolution, ''), g.name, COALESCE(gr.name, '') "
	  "FROM service_requests r JOIN categories c ON c.id = r.category_id "
	  "JOIN regions g ON g.id = r.community_id "
	  "LEFT JOIN regions gr ON gr.id = r.grid_id "
	  "WHERE r.tracking_no = ?", SQLF_RETRY },
	[SQL_EVENT_INSERT] = {
	  "INSERT INTO request_events (request_id, at, actor_kind, actor_id, "
	  "action, from_state, to_state, level, public, body) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	/* the resident's timeline (no staff names) */
	[SQL_EVENTS_PUBLIC] = {
	  "SELECT at, action, to_state, level, body FROM request_events "
	  "WHERE request_id = ? AND public ORDER BY at, id", SQLF_RETRY },
	/* once, only while resolved, only if unchanged */
	[SQL_REQUEST_RATE] = {
	  "UPDATE service_requests SET rating = ?, rated_at = ?, "
	  "rating_comment = ?, state = 'closed', closed_at = ?, "
	  "version = version + 1 "
	  "WHERE id = ? AND version = ? AND state = 'resolved' "
	  "AND rating IS NULL", 0 },
	/* unsatisfied, first time: back to rework */
	[SQL_REQUEST_REOPEN] = {
	  "UPDATE service_requests SET state = 'accepted', reopen_count = 1, "
	  "version = version + 1 "
	  "WHERE id = ? AND version = ? AND state = 'resolved' "
	  "AND rating IS NULL AND reopen_count = 0", 0 },
	/* Imports (sql/import.c) */
	/* a region by code, with its ancestors (0: none) */
	[SQL_IMPORT_REGION_BY_CODE] = {
	  "SELECT id, level, COALESCE(district_id, 0), COALESCE(street_id, 0), "
	  "COALESCE(community_id, 0) FROM regions WHERE code = ?", SQLF_RETRY },
	[SQL_IMPORT_REGION_INSERT] = {
	  "INSERT INTO regions (parent_id, level, code, name, district_id, "
	  "street_id, community_id, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	/* a new region is its own district, street or community */
	[SQL_IMPORT_REGION_SELF] = {
	  "UPDATE regions SET district_id = IF(level = 1, id, district_id), "
	  "street_id = IF(level = 2, id, street_id), "
	  "community_id = IF(level = 3, id, community_id) WHERE id = ?", 0 },
	[SQL_IMPORT_CATEGORY_BY_CODE] = {
	  "SELECT id FROM categories WHERE code = ?", SQLF_RETRY },
	[SQL_IMPORT_CATEGORY_INSERT] = {
	  "INSERT INTO categories (code, name, description, response_hours, "
	  "resolve_days, active, sort) VALUES (?, ?, ?, ?, ?, ?, ?)", 0 },
	[SQL_IMPORT_USER_BY_NAME] = {
	  "SELECT id FROM users WHERE username = ?", SQLF_RETRY },
	[SQL_IMPORT_USER_INSERT] = {
	  "INSERT INTO users (username, display_name, role, region_id, "
	  "password_hash) VALUES (?, ?, ?, ?, ?)", 0 },
};
