#include "sqls.h"

/* The columns of an Open311 service request (struct db_o311_request). */
#define O311_COLUMNS \
	"SELECT r.tracking_no, r.state, r.level, " \
	"COALESCE((SELECT e.body FROM request_events e " \
	"WHERE e.request_id = r.id AND e.public AND e.body <> '' " \
	"AND e.actor_kind IN ('staff', 'system') " \
	"ORDER BY e.at DESC, e.id DESC LIMIT 1), ''), " \
	"c.code, c.name, r.description, c.response_hours, c.resolve_days, " \
	"r.received_at, COALESCE((SELECT MAX(e.at) FROM request_events e " \
	"WHERE e.request_id = r.id), r.received_at), r.resolve_due, " \
	"r.address, r.lat, r.lng " \
	"FROM service_requests r JOIN categories c ON c.id = r.category_id "

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
	/* Open311 (sql/open311.c) */
	[SQL_APIKEY_INSERT] = {
	  "INSERT INTO api_keys (name, key_hash, created_at) VALUES (?, ?, ?)",
	  0 },
	[SQL_APIKEY_LIST] = {
	  "SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY id",
	  SQLF_RETRY },
	/* only a key still valid */
	[SQL_APIKEY_REVOKE] = {
	  "UPDATE api_keys SET revoked_at = ? WHERE id = ? "
	  "AND revoked_at IS NULL", 0 },
	[SQL_APIKEY_CHECK] = {
	  "SELECT id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL",
	  SQLF_RETRY },
	/* one request by tracking number (its service_request_id) */
	[SQL_O311_REQUEST_ONE] = {
	  O311_COLUMNS "WHERE r.tracking_no = ?", SQLF_RETRY },
	/* received in [start, end], service codes (comma list, '' = all),
	 * open and/or closed, newest first */
	[SQL_O311_REQUESTS] = {
	  O311_COLUMNS "WHERE r.received_at >= ? AND r.received_at <= ? "
	  "AND (? = '' OR FIND_IN_SET(c.code, ?) > 0) "
	  "AND ((? AND r.state IN ('submitted', 'accepted', 'assigned')) OR "
	  "(? AND r.state IN ('resolved', 'closed', 'rejected'))) "
	  "ORDER BY r.received_at DESC, r.id DESC LIMIT ?", SQLF_RETRY },
};
