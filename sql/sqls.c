/*
 * Every SQL statement of the program, by identifier (sqls.h), with ?
 * placeholders: the one place that says what the program asks of the
 * database.  Longer than 800 lines on purpose: one table, read by
 * identifier rather than top to bottom, in sections by the file of sql/
 * that runs them.
 */
#include "sqls.h"

/* A user with their home region (sql/staff.c, user_get). */
#define USER_FIELDS \
	"u.id, u.username, u.display_name, u.role, u.region_id, " \
	"g.level, g.name, COALESCE(g.district_id, 0), " \
	"COALESCE(g.street_id, 0), COALESCE(g.community_id, 0), u.disabled, " \
	"u.password_hash, u.failed_logins, u.locked_until, " \
	"COALESCE(u.unit_id, 0) "
#define USER_FROM "FROM users u JOIN regions g ON g.id = u.region_id "
#define USER_COLS "SELECT " USER_FIELDS USER_FROM

/* A new request, from rows of SQL_POST_COLS parameters (tracking number,
 * form token, address, description, lat, lng, name, phone, source,
 * received, place, category, community, the place's level), each stored
 * when its category is active and its place (a grid or a community, of
 * that level) lies in the community: the place's ancestors and the
 * category's limits come with it.  SQL_REQUEST_INSERT takes one row,
 * SQL_POSTS_INSERT SQL_POST_BATCH (sql/request.c fills the rows it does
 * not use with NULLs, which join nothing).  The form tokens are bytes:
 * cast, so that the derived table does not read them as utf8mb4 text;
 * SQL_POSTS_FIND's likewise. */
#define POST_TOKEN "CAST(? AS BINARY(16))"
#define POST_ROW1 \
	"SELECT ? AS tn, " POST_TOKEN " AS tok, ? AS addr, ? AS descr, " \
	"? AS lat, ? AS lng, ? AS nm, ? AS ph, ? AS src, ? AS at, " \
	"? AS place, ? AS cat, ? AS comm, ? AS lvl"
#define POST_ROW " UNION ALL SELECT ?, " POST_TOKEN \
	", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define POST_INTO(rows) \
	"INTO service_requests (tracking_no, form_token, category_id, " \
	"district_id, street_id, community_id, grid_id, address, " \
	"description, lat, lng, resident_name, resident_phone, source, " \
	"received_at, response_due, resolve_due) " \
	"SELECT v.tn, v.tok, c.id, g.district_id, g.street_id, " \
	"g.community_id, IF(g.level = 4, g.id, NULL), v.addr, v.descr, " \
	"v.lat, v.lng, v.nm, v.ph, v.src, v.at, " \
	"v.at + INTERVAL c.response_hours HOUR, " \
	"IF(c.resolve_unit = 'workdays', workday_due(v.at, c.resolve_days), " \
	"v.at + INTERVAL c.resolve_days DAY) " \
	"FROM (" rows ") v " \
	"JOIN categories c ON c.id = v.cat AND c.active " \
	"JOIN regions g ON g.id = v.place AND g.community_id = v.comm " \
	"AND g.level = v.lvl"
#define POST_ROW4 POST_ROW POST_ROW POST_ROW POST_ROW
#define POST_ROWS POST_ROW1 POST_ROW POST_ROW POST_ROW POST_ROW4 POST_ROW4 \
	POST_ROW4
#define POST_TOKEN4 POST_TOKEN ", " POST_TOKEN ", " POST_TOKEN ", " POST_TOKEN
#define POST_TOKENS POST_TOKEN4 ", " POST_TOKEN4 ", " POST_TOKEN4 ", " \
	POST_TOKEN4

/* A request as its resident sees it (REQUEST_R in sql/dbint.h). */
#define REQUEST_FIELDS \
	"r.id, r.tracking_no, r.category_id, c.name, r.state, r.level, " \
	"r.received_at, r.accepted_at, r.resolved_at, r.closed_at, " \
	"r.response_due, r.resolve_due, COALESCE(r.rating, ''), " \
	"r.reopen_count, RIGHT(r.resident_phone, 4), r.version, " \
	"COALESCE(r.resolution, ''), g.name, COALESCE(gr.name, ''), " \
	"COALESCE(r.reject_reason, '') "
#define REQUEST_FROM \
	"FROM service_requests r JOIN categories c ON c.id = r.category_id " \
	"JOIN regions g ON g.id = r.community_id " \
	"LEFT JOIN regions gr ON gr.id = r.grid_id "

/*
 * Inside a scope (its district, street, community, grid ids; 0 = any, so
 * the all-zero scope is everything): regions g, requests r.  Parameters
 * from SCOPE_P in sql/dbint.h; IN_SCOPE3, the district, street and
 * community of the columns of t (a prefix: "g.", "r." or ""), from
 * SCOPE3_P.
 */
#define IN_SCOPE3(t) \
	"(? = 0 OR " t "district_id = ?) AND (? = 0 OR " t "street_id = ?) " \
	"AND (? = 0 OR " t "community_id = ?) "
#define IN_SCOPE_REGION IN_SCOPE3("g.") "AND (? = 0 OR g.id = ?) "
#define IN_SCOPE_REQUEST IN_SCOPE3("r.") "AND (? = 0 OR r.grid_id = ?) "

/*
 * The queue's terms for a request r.  Open: still to be worked on.  Its
 * deadline: the response deadline until it is accepted, then the resolve
 * deadline; its limit runs from receipt, or from acceptance once
 * accepted.  Overdue (? = now): open and past the deadline.  Warned
 * (? = now, now, the warning share in percent): open, not yet overdue,
 * and at least that share of the limit gone.  Mine (? = user id):
 * assigned to the reader.  Escalated (? = the reader's level code):
 * handled above the community, at the reader's level.
 */
#define QUEUE_OPEN "r.state IN ('submitted', 'accepted', 'assigned')"
#define QUEUE_DUE \
	"IF(r.state = 'submitted', r.response_due, r.resolve_due)"
#define QUEUE_START \
	"IF(r.state = 'submitted', r.received_at, " \
	"COALESCE(r.accepted_at, r.received_at))"
#define QUEUE_OVERDUE "(" QUEUE_OPEN " AND " QUEUE_DUE " < ?)"
#define QUEUE_WARN \
	"(" QUEUE_OPEN " AND " QUEUE_DUE " >= ? AND " \
	"TIMESTAMPDIFF(SECOND, " QUEUE_START ", ?) * 100 >= " \
	"? * TIMESTAMPDIFF(SECOND, " QUEUE_START ", " QUEUE_DUE "))"
#define QUEUE_MINE "(COALESCE(r.assignee_user_id, 0) = ?)"
#define QUEUE_ESCALATED "(r.level <> 'community' AND r.level = ?)"
/* Requests r received on the local days [?, ?] ("YYYY-MM-DD"), stats_tz t
 * giving the offset (as the figures count them). */
#define RECEIVED_ON_DAYS \
	"r.received_at >= CAST(? AS DATETIME) " \
	"- INTERVAL t.offset_minutes MINUTE " \
	"AND r.received_at < CAST(? AS DATETIME) + INTERVAL 1 DAY " \
	"- INTERVAL t.offset_minutes MINUTE "

/* The columns of an Open311 service request (struct db_o311_request). */
/* The first photo of a request the resident sees (not a staff note's),
 * for Open311's media_url (migration 0012). */
#define O311_MEDIA \
	"COALESCE((SELECT LOWER(HEX(p.photo)) FROM request_photos p " \
	"WHERE p.request_id = r.id AND p.kind <> 'note' " \
	"ORDER BY p.event_id IS NOT NULL, p.event_id, p.position LIMIT 1), " \
	"'') "
#define O311_COLUMNS \
	"SELECT r.tracking_no, r.state, r.level, " \
	"COALESCE((SELECT e.body FROM request_events e " \
	"WHERE e.request_id = r.id AND e.public AND e.body <> '' " \
	"AND e.actor_kind IN ('staff', 'system') " \
	"ORDER BY e.at DESC, e.id DESC LIMIT 1), ''), " \
	"c.code, c.name, r.description, c.response_hours, c.resolve_days, " \
	"r.received_at, COALESCE((SELECT MAX(e.at) FROM request_events e " \
	"WHERE e.request_id = r.id), r.received_at), r.resolve_due, " \
	"r.address, r.lat, r.lng, " \
	"COALESCE((SELECT g.name FROM regions g WHERE g.id = r.community_id), " \
	"''), " O311_MEDIA ", c.resolve_unit = 'workdays', " \
	"COALESCE(r.reject_reason, '') " \
	"FROM service_requests r JOIN categories c ON c.id = r.category_id "

/* A roster entry with hours (tenths), completed and open claims. */
#define MEMBER_COLUMNS \
	"SELECT m.id, m.community_id, m.name, m.phone, m.type, m.employer, " \
	"m.skills, m.preferred, " PREFERRED_NAMES("m") " AS pnames, " \
	"m.reported_at, m.report_expires_at, " \
	"CAST(COALESCE((SELECT ROUND(SUM(p.hours) * 10) FROM participation p " \
	"WHERE p.member_id = m.id), 0) AS SIGNED) AS tenths, " \
	"(SELECT COUNT(*) FROM item_claims c WHERE c.member_id = m.id " \
	"AND c.state = 'completed') AS done, " \
	"(SELECT COUNT(*) FROM item_claims c WHERE c.member_id = m.id " \
	"AND c.state = 'open') AS open_claims, " \
	"(SELECT COUNT(*) FROM wishes w WHERE w.claim_member_id = m.id " \
	"AND w.state = 'confirmed') AS wishes " \
	"FROM party_members m "

/* The points rule (db_points_tenths) over a MEMBER_COLUMNS row x, in
 * tenths: ? per hour, ? per completed claim, ? per confirmed wish. */
#define POINTS_TENTHS \
	"(x.tenths * ? + x.done * ? * 10 + x.wishes * ? * 10)"

/* A micro-wish as staff see it (struct db_wish, sql/cobuild_wishes.c). */
#define WISH_COLS \
	"SELECT w.id, g.district_id, g.street_id, g.id, g.name, w.title, " \
	"w.detail, CAST(ROUND(w.value_cap * 100) AS SIGNED), w.resident_name, " \
	"COALESCE(w.resident_phone, ''), w.resident_note, " \
	"COALESCE(pu.display_name, ''), w.posted_at, w.state, " \
	"COALESCE(w.claim_member_id, 0), COALESCE(w.claim_unit_id, 0), " \
	"COALESCE(pm.name, cu.name, ''), w.claimed_at, w.claim_due, " \
	"w.fulfilled_at, COALESCE(w.fulfil_note, ''), w.confirmed_at, " \
	"w.withdrawn_at, w.version FROM wishes w " \
	"JOIN regions g ON g.id = w.region_id " \
	"LEFT JOIN users pu ON pu.id = w.posted_by " \
	"LEFT JOIN party_members pm ON pm.id = w.claim_member_id " \
	"LEFT JOIN units cu ON cu.id = w.claim_unit_id "

/* A micro-wish without personal data (struct db_wish_pub); note the
 * fulfilment note's expression. */
#define WISH_PUB_COLS(note) \
	"SELECT w.id, w.region_id, g.name, w.title, w.detail, " \
	"CAST(ROUND(w.value_cap * 100) AS SIGNED), w.posted_at, w.state, " \
	"w.claim_due, w.fulfilled_at, w.confirmed_at, " note ", w.version " \
	"FROM wishes w JOIN regions g ON g.id = w.region_id "

/* The communities a claimer may claim in: member ?'s, the communities
 * unit ? co-builds with (its own, or those of its street). */
#define WISH_CLAIMER_COMMUNITIES \
	"SELECT pm.community_id FROM party_members pm WHERE pm.id = ? " \
	"UNION SELECT cg.id FROM units cu JOIN regions cg ON cg.level = 3 " \
	"AND (cg.id = cu.region_id OR cg.street_id = cu.region_id) " \
	"WHERE cu.id = ? AND cu.kind = 'cobuild' AND cu.active"

/* A member's report (struct db_report). */
#define REPORT_COLUMNS \
	"SELECT r.id, r.community_id, r.name, r.phone, r.type, r.employer, " \
	"r.skills, r.preferred, " PREFERRED_NAMES("r") ", r.submitted_at " \
	"FROM member_reports r "

/* The names of the preferred categories of a member or report row. */
#define PREFERRED_NAMES(t) \
	"COALESCE((SELECT LEFT(GROUP_CONCAT(pc.name ORDER BY pc.sort, pc.id " \
	"SEPARATOR '、'), 300) FROM categories pc " \
	"WHERE FIND_IN_SET(pc.id, " t ".preferred)), '')"

/* A service-menu item (struct db_item). */
#define ITEM_COLUMNS \
	"SELECT i.id, i.community_id, COALESCE(i.category_id, 0), i.name, " \
	"i.description, i.capacity, i.claimed, " \
	"DATE_FORMAT(i.starts_on, '%Y-%m-%d'), " \
	"DATE_FORMAT(i.ends_on, '%Y-%m-%d'), COALESCE(ic.name, ''), " \
	"i.withdrawn_at FROM service_items i " \
	"LEFT JOIN categories ic ON ic.id = i.category_id "

/* An activity with its participants and their hours (tenths). */
#define ACTIVITY_COLUMNS \
	"SELECT a.id, a.community_id, a.title, a.kind, " \
	"DATE_FORMAT(a.held_on, '%Y-%m-%d'), CAST(ROUND(a.hours * 10) AS SIGNED), " \
	"(SELECT COUNT(*) FROM participation p WHERE p.activity_id = a.id), " \
	"CAST(COALESCE((SELECT ROUND(SUM(p.hours) * 10) FROM participation p " \
	"WHERE p.activity_id = a.id), 0) AS SIGNED) FROM activities a "

/*
 * Figures: one request's contribution to the summary tables, as columns
 * of a derived table over service_requests r joined to stats_tz t.  The
 * same definitions as the procedure stats_apply of migration 0007, which
 * keeps the tables up to date; the rebuild recomputes them with these
 * (the coarser tables from the finer ones just rebuilt).
 */
#define STATS_CONTRIB \
	"SELECT DATE(r.received_at + INTERVAL t.offset_minutes MINUTE) AS day, " \
	"r.community_id, COALESCE(r.grid_id, 0) AS grid_id, r.category_id, " \
	"r.district_id, r.street_id, " \
	"r.state = 'rejected' AS rej, " \
	"r.state <> 'rejected' AND COALESCE(r.accepted_at <= r.response_due, 0) " \
	"AS resp, r.state IN ('resolved', 'closed') AS res, " \
	"r.state IN ('resolved', 'closed') " \
	"AND COALESCE(r.resolved_at <= r.resolve_due, 0) AS ont, " \
	"r.state IN ('resolved', 'closed') AND r.rating IS NOT NULL AS rat, " \
	"r.state IN ('resolved', 'closed') AND r.rating IS NOT NULL " \
	"AND r.rating IN ('satisfied', 'basically') AS sat, " \
	"r.state IN ('resolved', 'closed') AND r.max_level = 'community' " \
	"AS com, IF(r.state IN ('resolved', 'closed'), " \
	"COALESCE(TIMESTAMPDIFF(SECOND, r.received_at, r.resolved_at), 0), 0) " \
	"AS secs FROM service_requests r JOIN stats_tz t ON t.id = 1"
#define STATS_SUMS \
	"COUNT(*), SUM(x.rej), SUM(x.resp), SUM(x.res), SUM(x.ont), " \
	"SUM(x.rat), SUM(x.sat), SUM(x.com), SUM(x.secs)"
#define STATS_COUNTERS \
	"received, rejected, responded, resolved, ontime, rated, satisfied, " \
	"community, resolve_s"
#define STATS_SUM_COUNTERS \
	"SUM(received), SUM(rejected), SUM(responded), SUM(resolved), " \
	"SUM(ontime), SUM(rated), SUM(satisfied), SUM(community), " \
	"SUM(resolve_s)"
/* The grouping key (enum db_stats_group) of a summary row or a request:
 * the prefix p of its place columns ("" or "r."), its grid, category and
 * local date ("0" where the table has none). */
#define STATS_KEY(p, grid, cat, t) \
	"CASE ? WHEN 1 THEN " p "district_id WHEN 2 THEN " p "street_id " \
	"WHEN 3 THEN " p "community_id WHEN 4 THEN " grid " " \
	"WHEN 5 THEN " cat " " \
	"WHEN 6 THEN EXTRACT(YEAR_MONTH FROM " t ") ELSE 0 END"
/*
 * The counters by group (?: enum db_stats_group) in a scope: whole months
 * [?, ?] from table mt, the days at either end ([?, ?] and [?, ?]) from
 * table dt, then the scope of the days (grid last, when dt has one).
 * Empty ranges have from > to.
 */
#define STATS_REQUESTS(mt, mkey, dt, dkey, dgrid) \
	"SELECT k, " STATS_SUM_COUNTERS " FROM (" \
	"SELECT " mkey " AS k, " STATS_COUNTERS " FROM " mt " " \
	"WHERE " IN_SCOPE3("") "AND month BETWEEN ? AND ? " \
	"UNION ALL SELECT " dkey " AS k, " STATS_COUNTERS " FROM " dt " " \
	"WHERE (day BETWEEN ? AND ? OR day BETWEEN ? AND ?) " \
	"AND " IN_SCOPE3("") dgrid ") x GROUP BY k"

const struct sqldef sqls[SQL__MAX] = {
	/* ---- The statement engine (sql/dbcore.c), sent as text ---- */
	/* Every connection's settings: times in UTC, strict. */
	[SQL_SESSION] = {
	  "SET time_zone = '+00:00', sql_mode = "
	  "'STRICT_ALL_TABLES,NO_ZERO_DATE,NO_ZERO_IN_DATE,"
	  "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'", 0 },
	[SQL_TX_BEGIN] = { "START TRANSACTION", 0 },
	[SQL_PING] = {
	  "SELECT 1", SQLF_RETRY },
	[SQL_SCHEMA_VERSION] = {
	  "SELECT COALESCE(MAX(version), 0) FROM schema_version", SQLF_RETRY },
	[SQL_CATEGORIES_ACTIVE] = {
	  "SELECT id, code, name, description, response_hours, resolve_days, "
	  "resolve_unit = 'workdays' "
	  "FROM categories WHERE active ORDER BY sort, id",
	  SQLF_RETRY | SQLF_REPLICA },
	[SQL_REGIONS_ALL] = {
	  "SELECT id, COALESCE(parent_id, 0), level, code, name "
	  "FROM regions ORDER BY level, sort, id",
	  SQLF_RETRY | SQLF_REPLICA },
	[SQL_COUNTS] = {
	  "SELECT (SELECT COUNT(*) FROM service_requests), "
	  "(SELECT COUNT(*) FROM regions), "
	  "(SELECT COUNT(*) FROM categories), "
	  "(SELECT COUNT(*) FROM party_members), "
	  "(SELECT COUNT(*) FROM users)", SQLF_RETRY },
	/* an active category and its limits */
	[SQL_CATEGORY_GET] = {
	  "SELECT id, code, name, description, response_hours, resolve_days, "
	  "resolve_unit = 'workdays' "
	  "FROM categories WHERE id = ? AND active", SQLF_RETRY },
	/* a region with its ancestors */
	[SQL_REGION_GET] = {
	  "SELECT id, COALESCE(parent_id, 0), level, code, name, "
	  "COALESCE(district_id, 0), COALESCE(street_id, 0), "
	  "COALESCE(community_id, 0) FROM regions WHERE id = ?", SQLF_RETRY },
	/* a new request (POST_INTO) */
	[SQL_REQUEST_INSERT] = { "INSERT " POST_INTO(POST_ROW1), 0 },
	/* the row a repost of the same form made */
	[SQL_REQUEST_BY_TOKEN] = {
	  "SELECT tracking_no FROM service_requests WHERE form_token = ?",
	  SQLF_RETRY },
	/* Posts written in a batch (sql/request.c, migration 0009): the
	 * triggers stand aside, one INSERT stores every row whose category
	 * and place hold (a tracking number or form token already there
	 * skips its row), the rows are found by their tokens, and
	 * posts_added adds their events and figures and ends the bulk mode. */
	[SQL_POSTS_BULK] = { "SET @lianxin_bulk = 1", 0 },
	[SQL_POSTS_BULK_OFF] = { "SET @lianxin_bulk = NULL", 0 },
	[SQL_POSTS_INSERT] = { "INSERT IGNORE " POST_INTO(POST_ROWS), 0 },
	[SQL_POSTS_FIND] = {
	  "SELECT id, tracking_no, form_token FROM service_requests "
	  "WHERE form_token IN (" POST_TOKENS ")", 0 },
	[SQL_POSTS_ADDED] = { "CALL posts_added(?)", 0 },
	/* by tracking number, for the resident */
	[SQL_REQUEST_GET] = {
	  "SELECT " REQUEST_FIELDS REQUEST_FROM
	  "WHERE r.tracking_no = ?", SQLF_RETRY },
	[SQL_EVENT_INSERT] = {
	  "INSERT INTO request_events (request_id, at, actor_kind, actor_id, "
	  "action, from_state, to_state, level, public, body) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	/* the resident's timeline: every state change, notes and texts
	 * only when marked for the resident, no staff names */
	[SQL_EVENTS_PUBLIC] = {
	  "SELECT at, action, to_state, level, actor_kind, "
	  "IF(public, body, '') FROM request_events "
	  "WHERE request_id = ? AND (public OR action <> 'note') "
	  "ORDER BY at, id", SQLF_RETRY },
	/* once, only while resolved, only if unchanged */
	[SQL_REQUEST_RATE] = {
	  "UPDATE service_requests SET rating = ?, rated_at = ?, "
	  "rating_comment = ?, state = 'closed', closed_at = ?, "
	  "version = version + 1 "
	  "WHERE id = ? AND version = ? AND state = 'resolved' "
	  "AND rating IS NULL", 0 },
	/* unsatisfied, first time: back to rework, with a fresh time limit */
	[SQL_REQUEST_REOPEN] = {
	  "UPDATE service_requests SET state = 'accepted', reopen_count = 1, "
	  "resolve_due = ?, version = version + 1 "
	  "WHERE id = ? AND version = ? AND state = 'resolved' "
	  "AND rating IS NULL AND reopen_count = 0", 0 },
	/* Staff work (sql/staff.c) */
	[SQL_USER_BY_NAME] = {
	  USER_COLS
	  "WHERE u.username = ?", SQLF_RETRY },
	[SQL_USER_BY_ID] = {
	  USER_COLS
	  "WHERE u.id = ?", SQLF_RETRY },
	/* The login throttle (migration 0010): a key's row exists ... */
	[SQL_THROTTLE_ENSURE] = {
	  "INSERT IGNORE INTO login_throttle (k, last_at) VALUES (?, ?)", 0 },
	/* ... is read and locked inside the login's transaction ... */
	[SQL_THROTTLE_LOCK] = {
	  "SELECT failures, locks, last_at, until FROM login_throttle "
	  "WHERE k = ? FOR UPDATE", 0 },
	/* ... and counts the attempt, in the same transaction */
	[SQL_THROTTLE_SET] = {
	  "UPDATE login_throttle SET failures = ?, locks = ?, last_at = ?, "
	  "until = ? WHERE k = ?", 0 },
	/* a successful login: its username starts afresh ... */
	[SQL_THROTTLE_CLEAR] = {
	  "DELETE FROM login_throttle WHERE k = ?", 0 },
	/* ... and its address gets back the attempt it counted */
	[SQL_THROTTLE_REFUND] = {
	  "UPDATE login_throttle SET failures = GREATEST(failures, 1) - 1 "
	  "WHERE k = ?", 0 },
	/* a new password lifts the delay of the account's username */
	[SQL_THROTTLE_CLEAR_USER] = {
	  "DELETE FROM login_throttle WHERE k = "
	  "(SELECT CONCAT('u:', username) FROM users WHERE id = ?)", 0 },
	/* rows quiet for long and not waiting: forgotten, a few at a time */
	[SQL_THROTTLE_PRUNE] = {
	  "DELETE FROM login_throttle WHERE last_at < ? AND "
	  "(until IS NULL OR until < ?) LIMIT 100", 0 },
	[SQL_USER_INSERT] = {
	  "INSERT INTO users (username, display_name, role, region_id, "
	  "password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)", 0 },
	[SQL_USER_SET_DISABLED] = {
	  "UPDATE users SET disabled = ? WHERE id = ?", 0 },
	/* a new password also lifts a lockout */
	[SQL_USER_SET_PASSWORD] = {
	  "UPDATE users SET password_hash = ?, failed_logins = 0, "
	  "locked_until = NULL WHERE id = ?", 0 },
	/* the users whose home region lies in a scope */
	[SQL_USERS_IN_SCOPE] = {
	  USER_COLS
	  "WHERE " IN_SCOPE_REGION
	  "ORDER BY g.level, g.sort, u.username LIMIT 1000", SQLF_RETRY },
	[SQL_REGION_BY_CODE] = {
	  "SELECT id FROM regions WHERE code = ?", SQLF_RETRY },
	[SQL_SESSION_INSERT] = {
	  "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, "
	  "seen_at, address) VALUES (?, ?, ?, ?, ?, ?)", 0 },
	/* a live session (not idle since, not older than) and its user */
	[SQL_SESSION_GET] = {
	  "SELECT " USER_FIELDS ", s.csrf_token, s.seen_at " USER_FROM
	  "JOIN sessions s ON s.user_id = u.id WHERE s.token_hash = ? "
	  "AND s.seen_at > ? AND s.created_at > ?", SQLF_RETRY },
	[SQL_SESSION_TOUCH] = {
	  "UPDATE sessions SET seen_at = ? WHERE token_hash = ?", SQLF_RETRY },
	[SQL_SESSION_DELETE] = {
	  "DELETE FROM sessions WHERE token_hash = ?", SQLF_RETRY },
	[SQL_SESSIONS_OF_USER_DELETE] = {
	  "DELETE FROM sessions WHERE user_id = ?", SQLF_RETRY },
	[SQL_AUDIT_INSERT] = {
	  "INSERT INTO audit_log (at, user_id, username, action, object, "
	  "detail, address) VALUES (?, ?, ?, ?, ?, ?, ?)", 0 },
	/* newest first; entries of users in scope, and of no user for a
	 * district-wide reader */
	[SQL_AUDIT_LIST] = {
	  "SELECT a.id, a.at, a.username, a.action, a.object, a.detail, "
	  "a.address FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
	  "LEFT JOIN regions g ON g.id = u.region_id "
	  "WHERE (a.user_id IS NULL AND ? = 0) OR (" IN_SCOPE_REGION
	  ") ORDER BY a.id DESC LIMIT ? OFFSET ?", SQLF_RETRY },
	/*
	 * the queue: in scope, searched, filtered; requests escalated to the
	 * reader's level first, then those not yet accepted by their response
	 * deadline, then the rest by their resolve deadline (QUEUE_* above)
	 */
	[SQL_QUEUE] = {
	  "SELECT r.tracking_no, c.name, r.state, r.level, r.received_at, "
	  QUEUE_DUE ", " QUEUE_OVERDUE ", " QUEUE_WARN ", g.name, "
	  "COALESCE(gr.name, ''), r.address, "
	  "COALESCE(au.display_name, am.name, an.name, ''), "
	  /* escalated to the reader's level and open (? its level): listed
	   * first with the last escalation's text (issue 19) */
	  "(" QUEUE_OPEN " AND " QUEUE_ESCALATED "), IF(r.level = 'community', "
	  "'', COALESCE((SELECT e.body FROM request_events e WHERE "
	  "e.request_id = r.id AND e.action = 'escalate' ORDER BY e.at DESC, "
	  "e.id DESC LIMIT 1), '')), COALESCE(r.reject_reason, '') "
	  "FROM service_requests r JOIN categories c ON c.id = r.category_id "
	  "JOIN regions g ON g.id = r.community_id "
	  "LEFT JOIN regions gr ON gr.id = r.grid_id "
	  "LEFT JOIN users au ON au.id = r.assignee_user_id "
	  "LEFT JOIN party_members am ON am.id = r.assignee_member_id "
	  "LEFT JOIN units an ON an.id = r.assignee_unit_id WHERE "
	  IN_SCOPE_REQUEST "AND (? = '' OR r.tracking_no = ?) "
	  "AND (? = '' OR r.resident_phone = ?) "
	  "AND ((? = '' AND (? = 1 OR " QUEUE_OPEN ")) OR r.state = ?) "
	  "AND (? = 0 OR r.category_id = ?) AND (? = 0 OR r.grid_id = ?) "
	  "AND (? = 0 OR " QUEUE_MINE ") AND (? = 0 OR " QUEUE_ESCALATED ") "
	  "AND (? = 0 OR " QUEUE_OVERDUE ") AND (? = 0 OR " QUEUE_WARN ") "
	  "ORDER BY " QUEUE_ESCALATED " DESC, r.state = 'submitted' DESC, "
	  QUEUE_DUE ", r.id LIMIT ? OFFSET ?", SQLF_RETRY },
	/* the queue's counts per filter: open requests in scope, one row per
	 * state, category and grid (sql/staff.c adds them up) */
	[SQL_QUEUE_COUNTS] = {
	  "SELECT r.state, r.category_id, COALESCE(r.grid_id, 0), COUNT(*), "
	  "CAST(SUM(" QUEUE_MINE ") AS SIGNED), "
	  "CAST(SUM(" QUEUE_ESCALATED ") AS SIGNED), "
	  "CAST(SUM(" QUEUE_OVERDUE ") AS SIGNED), "
	  "CAST(SUM(" QUEUE_WARN ") AS SIGNED) FROM service_requests r WHERE "
	  IN_SCOPE_REQUEST "AND " QUEUE_OPEN
	  " GROUP BY r.state, r.category_id, r.grid_id", SQLF_RETRY },
	/* everything about one request, for staff */
	[SQL_REQUEST_FULL] = {
	  "SELECT " REQUEST_FIELDS ", "
	  "r.district_id, r.street_id, r.community_id, COALESCE(r.grid_id, 0), "
	  "r.address, r.description, r.resident_name, r.resident_phone, "
	  "r.source, r.max_level, r.assigned_at, r.rejected_at, "
	  "COALESCE(r.reject_reason, ''), r.rated_at, "
	  "COALESCE(r.rating_comment, ''), COALESCE(r.assignee_user_id, 0), "
	  "COALESCE(r.assignee_member_id, 0), COALESCE(r.assignee_unit_id, 0), "
	  "COALESCE(au.display_name, am.name, an.name, ''), c.resolve_days, "
	  "COALESCE(CAST(r.lat AS CHAR), ''), COALESCE(CAST(r.lng AS CHAR), '') "
	  REQUEST_FROM
	  "LEFT JOIN users au ON au.id = r.assignee_user_id "
	  "LEFT JOIN party_members am ON am.id = r.assignee_member_id "
	  "LEFT JOIN units an ON an.id = r.assignee_unit_id "
	  "WHERE r.tracking_no = ?", SQLF_RETRY },
	/* write back a changed request, only if nobody changed it meanwhile */
	[SQL_REQUEST_UPDATE] = {
	  "UPDATE service_requests SET state = ?, level = ?, max_level = ?, "
	  "accepted_at = ?, assigned_at = ?, resolved_at = ?, closed_at = ?, "
	  "rejected_at = ?, reject_reason = ?, resolve_due = ?, "
	  "resolution = ?, rating = ?, rated_at = ?, rating_comment = ?, "
	  "reopen_count = ?, assignee_user_id = ?, assignee_member_id = ?, "
	  "assignee_unit_id = ?, version = version + 1 "
	  "WHERE id = ? AND version = ?", 0 },
	/* the whole timeline, for staff */
	[SQL_EVENTS_ALL] = {
	  "SELECT e.at, e.action, e.to_state, e.level, e.body, e.public, "
	  "e.actor_kind, COALESCE(u.display_name, ''), "
	  "COALESCE(e.note_kind, '') FROM request_events e "
	  "LEFT JOIN users u ON u.id = e.actor_id "
	  "WHERE e.request_id = ? ORDER BY e.at, e.id", SQLF_RETRY },
	/* the kind of the note just inserted (same transaction) */
	[SQL_EVENT_SET_KIND] = {
	  "UPDATE request_events SET note_kind = ? WHERE id = ?", 0 },
	/* staff drafts kept through a login (0017_staff_drafts.sql) */
	[SQL_DRAFT_INSERT] = {
	  "INSERT INTO staff_drafts (token_hash, tracking_no, action, body, "
	  "choice, public, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", 0 },
	[SQL_DRAFT_GET] = {
	  "SELECT action, body, choice, public FROM staff_drafts "
	  "WHERE token_hash = ? AND tracking_no = ? AND created_at > ?", 0 },
	[SQL_DRAFT_DELETE] = {
	  "DELETE FROM staff_drafts WHERE token_hash = ?", 0 },
	[SQL_DRAFT_PRUNE] = {
	  "DELETE FROM staff_drafts WHERE created_at < ?", SQLF_RETRY },
	/* who a request of a community can go to */
	[SQL_ASSIGNEE_USERS] = {
	  "SELECT u.id, u.display_name, u.role, g.name "
	  "FROM users u JOIN regions g ON g.id = u.region_id "
	  "WHERE g.community_id = ? AND NOT u.disabled "
	  "AND u.role IN ('grid_worker', 'community_staff') "
	  "ORDER BY g.sort, u.display_name LIMIT 200", SQLF_RETRY },
	[SQL_ASSIGNEE_MEMBERS] = {
	  "SELECT id, name, '', RIGHT(phone, 4) FROM party_members "
	  "WHERE community_id = ? "
	  "AND report_expires_at > ? ORDER BY name LIMIT 200", SQLF_RETRY },
	[SQL_ASSIGNEE_UNITS] = {
	  "SELECT id, name, '', '' FROM units WHERE region_id IN (?, ?) "
	  "AND active AND kind = 'cobuild' "
	  "ORDER BY name LIMIT 200", SQLF_RETRY },
	/* Open311 (sql/open311.c) */
	[SQL_APIKEY_INSERT] = {
	  "INSERT INTO api_keys (name, key_hash, test, created_at) "
	  "VALUES (?, ?, ?, ?)",
	  0 },
	[SQL_APIKEY_LIST] = {
	  "SELECT id, name, test, created_at, revoked_at FROM api_keys "
	  "ORDER BY id",
	  SQLF_RETRY },
	/* only a key still valid */
	[SQL_APIKEY_REVOKE] = {
	  "UPDATE api_keys SET revoked_at = ? WHERE id = ? "
	  "AND revoked_at IS NULL", 0 },
	[SQL_APIKEY_CHECK] = {
	  "SELECT test FROM api_keys WHERE key_hash = ? "
	  "AND revoked_at IS NULL",
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
	  "ORDER BY r.received_at DESC, r.id DESC LIMIT ?",
	  SQLF_RETRY | SQLF_REPLICA },
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
	  "resolve_days, active, sort, resolve_unit) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	[SQL_IMPORT_USER_BY_NAME] = {
	  "SELECT id FROM users WHERE username = ?", SQLF_RETRY },
	[SQL_IMPORT_USER_INSERT] = {
	  "INSERT INTO users (username, display_name, role, region_id, "
	  "unit_id, password_hash) VALUES (?, ?, ?, ?, ?, ?)", 0 },
	/* ---- Party members (sql/members.c) ---- */
	[SQL_MEMBER_INSERT] = {
	  "INSERT INTO party_members (community_id, name, phone, type, "
	  "employer, created_at) VALUES (?, ?, ?, ?, ?, ?)", 0 },
	[SQL_MEMBER_BY_PHONE] = {
	  "SELECT id, community_id, name FROM party_members WHERE phone = ?",
	  SQLF_RETRY },
	/* a community's roster with hours (tenths), completed and open
	 * claims; by points (?=1, points per hour and per claim) or name */
	[SQL_MEMBERS_OF] = {
	  "SELECT * FROM (" MEMBER_COLUMNS "WHERE m.community_id = ?) x "
	  "ORDER BY CASE WHEN ? = 1 THEN -" POINTS_TENTHS " "
	  "ELSE 0 END, x.name, x.id LIMIT 5000", SQLF_RETRY },
	[SQL_MEMBER_GET] = {
	  MEMBER_COLUMNS "WHERE m.id = ?", SQLF_RETRY },
	/* serialises a member's claims */
	[SQL_MEMBER_LOCK] = {
	  "SELECT community_id, report_expires_at FROM party_members "
	  "WHERE id = ? FOR UPDATE", 0 },
	[SQL_MEMBER_REPORTED] = {
	  "UPDATE party_members SET reported_at = ?, report_expires_at = ?, "
	  "employer = IF(? = '', employer, ?), skills = ?, preferred = ? "
	  "WHERE id = ?", 0 },
	[SQL_REPORT_INSERT] = {
	  "INSERT INTO member_reports (community_id, name, phone, type, "
	  "employer, skills, preferred, consent_at, submitted_at, state, "
	  "member_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	  0 },
	[SQL_REPORT_COMMUNITY_LOCK] = {
	  "SELECT id FROM regions WHERE id = ? FOR UPDATE", 0 },
	[SQL_REPORT_PENDING_PHONE] = {
	  "SELECT id FROM member_reports WHERE community_id = ? AND phone = ? "
	  "AND state = 'pending' LIMIT 1", 0 },
	[SQL_REPORTS_PENDING] = {
	  REPORT_COLUMNS "WHERE r.community_id = ? AND r.state = 'pending' "
	  "ORDER BY r.submitted_at, r.id LIMIT ? OFFSET ?", SQLF_RETRY },
	[SQL_REPORTS_PENDING_COUNT] = {
	  "SELECT COUNT(*) FROM member_reports WHERE community_id = ? AND "
	  "state = 'pending'", SQLF_RETRY },
	[SQL_REPORT_LOCK] = {
	  REPORT_COLUMNS "WHERE r.id = ? AND r.state = 'pending' FOR UPDATE",
	  0 },
	[SQL_REPORT_DECIDE] = {
	  "UPDATE member_reports SET state = ?, member_id = ?, decided_by = ?, "
	  "decided_at = ? WHERE id = ? AND state = 'pending'", 0 },
	[SQL_ITEM_INSERT] = {
	  "INSERT INTO service_items (community_id, category_id, name, "
	  "description, capacity, starts_on, ends_on, created_at) VALUES "
	  "(?, ?, ?, ?, ?, ?, ?, ?)", 0 },
	/* a community's items; those offered and not ended by ? unless
	 * ? = '' (then withdrawn ones too, last) */
	[SQL_ITEMS_OF] = {
	  ITEM_COLUMNS "WHERE i.community_id = ? AND (? = '' OR "
	  "(i.ends_on >= ? AND i.withdrawn_at IS NULL)) "
	  "ORDER BY i.withdrawn_at IS NOT NULL, i.starts_on, i.id LIMIT 500",
	  SQLF_RETRY },
	[SQL_ITEM_GET] = {
	  ITEM_COLUMNS "WHERE i.id = ?", SQLF_RETRY },
	/* take one place: never above capacity, only while offered */
	[SQL_ITEM_TAKE] = {
	  "UPDATE service_items SET claimed = claimed + 1 WHERE id = ? "
	  "AND community_id = ? AND claimed < capacity AND starts_on <= ? "
	  "AND ends_on >= ? AND withdrawn_at IS NULL", 0 },
	[SQL_ITEM_RELEASE] = {
	  "UPDATE service_items SET claimed = claimed - 1 WHERE id = ? "
	  "AND claimed > 0", 0 },
	/* a member's open claims, and how many of them are of item ? */
	[SQL_CLAIMS_OPEN_COUNT] = {
	  "SELECT COUNT(*), COALESCE(SUM(item_id = ?), 0) FROM item_claims "
	  "WHERE member_id = ? AND state = 'open'", 0 },
	[SQL_CLAIM_INSERT] = {
	  "INSERT INTO item_claims (item_id, member_id, state, claimed_at) "
	  "VALUES (?, ?, 'open', ?)", 0 },
	[SQL_CLAIM_LOCK] = {
	  "SELECT c.item_id, i.community_id, c.member_id FROM item_claims c "
	  "JOIN service_items i ON i.id = c.item_id WHERE c.id = ? "
	  "AND c.state = 'open' FOR UPDATE", 0 },
	[SQL_CLAIM_CLOSE] = {
	  "UPDATE item_claims SET state = ?, closed_at = ? WHERE id = ? "
	  "AND state = 'open'", 0 },
	/* claims of a community (? <> 0) or of a member (? <> 0) */
	[SQL_CLAIMS_OF] = {
	  "SELECT c.id, c.item_id, i.name, c.member_id, m.name, c.state, "
	  "c.claimed_at, c.closed_at FROM item_claims c "
	  "JOIN service_items i ON i.id = c.item_id "
	  "JOIN party_members m ON m.id = c.member_id "
	  "WHERE (? = 0 OR i.community_id = ?) AND (? = 0 OR c.member_id = ?) "
	  "ORDER BY c.state = 'open' DESC, c.claimed_at DESC, c.id DESC "
	  "LIMIT 500", SQLF_RETRY },
	[SQL_ACTIVITY_INSERT] = {
	  "INSERT INTO activities (community_id, title, kind, held_on, hours) "
	  "VALUES (?, ?, ?, ?, ? / 10)", 0 },
	[SQL_ACTIVITIES_OF] = {
	  ACTIVITY_COLUMNS "WHERE a.community_id = ? "
	  "ORDER BY a.held_on DESC, a.id DESC LIMIT 200", SQLF_RETRY },
	[SQL_ACTIVITY_GET] = {
	  ACTIVITY_COLUMNS "WHERE a.id = ?", SQLF_RETRY },
	/* a page of a community's activities, newest first (issue 19) */
	[SQL_ACTIVITIES_PAGE] = {
	  ACTIVITY_COLUMNS "WHERE a.community_id = ? "
	  "ORDER BY a.held_on DESC, a.id DESC LIMIT ? OFFSET ?", SQLF_RETRY },
	[SQL_ACTIVITIES_COUNT] = {
	  "SELECT COUNT(*) FROM activities WHERE community_id = ?",
	  SQLF_RETRY },
	/* who took part in an activity: id, name, phone's last 4, hours */
	[SQL_ACTIVITY_PEOPLE] = {
	  "SELECT m.id, m.name, RIGHT(m.phone, 4), "
	  "CAST(ROUND(p.hours * 10) AS SIGNED) FROM participation p "
	  "JOIN party_members m ON m.id = p.member_id "
	  "WHERE p.activity_id = ? ORDER BY m.name, m.id LIMIT 2000",
	  SQLF_RETRY },
	/* a community's members with a valid report, by name (part of it)
	 * or phone */
	[SQL_MEMBERS_FIND] = {
	  "SELECT id, name, RIGHT(phone, 4), 0 FROM party_members "
	  "WHERE community_id = ? AND report_expires_at > ? "
	  "AND (phone = ? OR (? <> '' AND name LIKE CONCAT('%', ?, '%'))) "
	  "ORDER BY name, id LIMIT 50", SQLF_RETRY },
	/* only a member of the activity's community whose report is valid */
	[SQL_PARTICIPATION_PUT] = {
	  "INSERT INTO participation (activity_id, member_id, held_on, hours) "
	  "SELECT a.id, m.id, a.held_on, ? / 10 FROM activities a "
	  "JOIN party_members m ON m.community_id = a.community_id "
	  "WHERE a.id = ? AND m.id = ? AND m.report_expires_at > ? "
	  "ON DUPLICATE KEY UPDATE hours = VALUES(hours)", 0 },
	[SQL_CODE_PUT] = {
	  "INSERT INTO member_codes (member_id, code_hash, expires_at, "
	  "created_by) VALUES (?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
	  "code_hash = VALUES(code_hash), expires_at = VALUES(expires_at), "
	  "created_by = VALUES(created_by)", 0 },
	/* using a code deletes it: only one use can succeed */
	[SQL_CODE_USE] = {
	  "DELETE FROM member_codes WHERE member_id = ? AND code_hash = ?", 0 },
	[SQL_MSESSION_INSERT] = {
	  "INSERT INTO member_sessions (token_hash, member_id, expires_at) "
	  "VALUES (?, ?, ?)", 0 },
	[SQL_MSESSION_GET] = {
	  "SELECT member_id FROM member_sessions WHERE token_hash = ? "
	  "AND expires_at > ?", SQLF_RETRY },
	[SQL_MSESSION_DELETE] = {
	  "DELETE FROM member_sessions WHERE token_hash = ?", 0 },
	/* an item, locked for an edit or its withdrawal */
	[SQL_ITEM_LOCK] = {
	  "SELECT community_id, claimed, withdrawn_at IS NOT NULL "
	  "FROM service_items WHERE id = ? FOR UPDATE", 0 },
	[SQL_ITEM_UPDATE] = {
	  "UPDATE service_items SET category_id = ?, name = ?, description = ?, "
	  "capacity = ?, starts_on = ?, ends_on = ?, updated_at = ? "
	  "WHERE id = ? AND withdrawn_at IS NULL AND claimed <= ?", 0 },
	/* the item's open claims cancelled; their places are given back by
	 * SQL_ITEM_WITHDRAW (? = how many) */
	[SQL_CLAIMS_CANCEL] = {
	  "UPDATE item_claims SET state = 'cancelled', closed_at = ? "
	  "WHERE item_id = ? AND state = 'open'", 0 },
	[SQL_ITEM_WITHDRAW] = {
	  "UPDATE service_items SET withdrawn_at = ?, withdrawn_by = ?, "
	  "claimed = claimed - ? WHERE id = ? AND withdrawn_at IS NULL", 0 },
	/* communities in a scope, with roster, reports and pending reports
	 * (reported: report valid at ?) */
	[SQL_MEMBER_COMMUNITIES] = {
	  "SELECT g.id, COALESCE(s.name, ''), g.name, "
	  "(SELECT COUNT(*) FROM party_members m WHERE m.community_id = g.id), "
	  "(SELECT COUNT(*) FROM party_members m WHERE m.community_id = g.id "
	  "AND m.report_expires_at > ?), "
	  "(SELECT COUNT(*) FROM party_members m WHERE m.community_id = g.id "
	  "AND m.type = 'in_service'), "
	  "(SELECT COUNT(*) FROM party_members m WHERE m.community_id = g.id "
	  "AND m.type = 'in_service' AND m.report_expires_at > ?), "
	  "(SELECT COUNT(*) FROM member_reports p WHERE p.community_id = g.id "
	  "AND p.state = 'pending') "
	  "FROM regions g LEFT JOIN regions s ON s.id = g.parent_id "
	  "WHERE g.level = 3 AND " IN_SCOPE_REGION
	  "ORDER BY s.sort, s.id, g.sort, g.id LIMIT 2000", SQLF_RETRY },
	/* a member's row for a login with a code, locked: one attempt at a
	 * time, so wrong codes are counted exactly */
	[SQL_MCODE_MEMBER] = {
	  "SELECT id FROM party_members WHERE phone = ? FOR UPDATE", 0 },
	[SQL_MCODE_GET] = {
	  "SELECT code_hash FROM member_codes WHERE member_id = ? "
	  "AND expires_at > ?", 0 },
	/* ---- Figures (sql/stats.c) ---- */
	[SQL_STATS_TZ_GET] = {
	  "SELECT offset_minutes, built FROM stats_tz WHERE id = 1",
	  SQLF_RETRY },
	[SQL_STATS_TZ_SET] = {
	  "UPDATE stats_tz SET offset_minutes = ?, built = TRUE WHERE id = 1",
	  0 },
	[SQL_STATS_CLEAR_DAY] = {
	  "DELETE FROM stats_day", 0 },
	[SQL_STATS_CLEAR_MONTH] = {
	  "DELETE FROM stats_month", 0 },
	[SQL_STATS_REBUILD_DAY] = {
	  "INSERT INTO stats_day (day, community_id, grid_id, category_id, "
	  "district_id, street_id, " STATS_COUNTERS ") "
	  "SELECT x.day, x.community_id, x.grid_id, x.category_id, "
	  "MIN(x.district_id), MIN(x.street_id), " STATS_SUMS
	  " FROM (" STATS_CONTRIB ") x "
	  "GROUP BY x.day, x.community_id, x.grid_id, x.category_id", 0 },
	/* the months from the days just rebuilt */
	[SQL_STATS_REBUILD_MONTH] = {
	  "INSERT INTO stats_month (district_id, month, community_id, "
	  "category_id, street_id, " STATS_COUNTERS ") "
	  "SELECT MIN(district_id), day - INTERVAL (DAYOFMONTH(day) - 1) DAY "
	  "AS m, community_id, category_id, MIN(street_id), "
	  STATS_SUM_COUNTERS " FROM stats_day "
	  "GROUP BY m, community_id, category_id", 0 },
	/* by grid and category (for those groupings and a grid's scope) */
	[SQL_STATS_REQUESTS] = {
	  STATS_REQUESTS("stats_month",
	  STATS_KEY("", "0", "category_id", "month"),
	  "stats_day", STATS_KEY("", "grid_id", "category_id", "day"),
	  "AND (? = 0 OR grid_id = ?)"), SQLF_RETRY | SQLF_REPLICA },
	/* per community: everything else */
	[SQL_STATS_REQUESTS_C] = {
	  STATS_REQUESTS("stats_monthc", STATS_KEY("", "0", "0", "month"),
	  "stats_dayc", STATS_KEY("", "0", "0", "day"), ""),
	  SQLF_RETRY | SQLF_REPLICA },
	/* the figures' UTC offset and the version of the member data */
	[SQL_STATS_MEMBERS_VERSION] = {
	  "SELECT (SELECT offset_minutes FROM stats_tz WHERE id = 1), "
	  "version FROM stats_members_version WHERE id = 1",
	  SQLF_RETRY | SQLF_REPLICA },
	[SQL_STATS_CLEAR_MONTHC] = {
	  "DELETE FROM stats_monthc", 0 },
	[SQL_STATS_REBUILD_MONTHC] = {
	  "INSERT INTO stats_monthc (district_id, month, community_id, "
	  "street_id, " STATS_COUNTERS ") SELECT district_id, month, "
	  "community_id, MIN(street_id), " STATS_SUM_COUNTERS
	  " FROM stats_month GROUP BY district_id, month, community_id", 0 },
	[SQL_STATS_CLEAR_DAYC] = {
	  "DELETE FROM stats_dayc", 0 },
	[SQL_STATS_REBUILD_DAYC] = {
	  "INSERT INTO stats_dayc (day, community_id, district_id, street_id, "
	  STATS_COUNTERS ") SELECT day, community_id, MIN(district_id), "
	  "MIN(street_id), " STATS_SUM_COUNTERS " FROM stats_day "
	  "GROUP BY day, community_id", 0 },
	/* open requests past their resolve due time (?) by group, received
	 * on the local days [?, ?] */
	[SQL_STATS_OVERDUE] = {
	  "SELECT " STATS_KEY("r.", "COALESCE(r.grid_id, 0)", "r.category_id",
	  "r.received_at + INTERVAL t.offset_minutes MINUTE") " AS k, "
	  "COUNT(*) "
	  "FROM service_requests r JOIN stats_tz t ON t.id = 1 "
	  "WHERE " IN_SCOPE_REQUEST
	  "AND r.state IN ('submitted', 'accepted', 'assigned') "
	  "AND r.resolve_due < ? "
	  "AND " RECEIVED_ON_DAYS "GROUP BY k",
	  SQLF_RETRY | SQLF_REPLICA },
	/*
	 * Members by group (? = 1 district, 2 street, 3 community, else the
	 * total) as of the instant ? (UTC): on the roster (created before it), of them
	 * in-service, in-service with a report confirmed in [? - ? days, ?),
	 * all with such a report, reported ones with participation on the
	 * local days [?, ?], and the hours (tenths) of those days.
	 */
	[SQL_STATS_MEMBERS] = {
	  "SELECT CASE ? WHEN 1 THEN g.district_id WHEN 2 THEN g.street_id "
	  "WHEN 3 THEN g.community_id ELSE 0 END AS k, COUNT(*), "
	  "CAST(SUM(m.type = 'in_service') AS SIGNED), "
	  "CAST(SUM(m.type = 'in_service' AND rp.member_id IS NOT NULL) "
	  "AS SIGNED), CAST(SUM(rp.member_id IS NOT NULL) AS SIGNED), "
	  "CAST(SUM(rp.member_id IS NOT NULL AND pa.member_id IS NOT NULL) "
	  "AS SIGNED), CAST(COALESCE(SUM(pa.tenths), 0) AS SIGNED) "
	  "FROM party_members m JOIN regions g ON g.id = m.community_id "
	  "LEFT JOIN (SELECT DISTINCT member_id FROM member_reports "
	  "WHERE state = 'confirmed' AND decided_at < ? "
	  "AND decided_at >= ? - INTERVAL ? DAY) rp ON rp.member_id = m.id "
	  "LEFT JOIN (SELECT member_id, ROUND(SUM(hours) * 10) AS tenths "
	  "FROM participation WHERE held_on BETWEEN ? AND ? "
	  "GROUP BY member_id) pa ON pa.member_id = m.id "
	  "WHERE m.created_at < ? AND " IN_SCOPE_REGION "GROUP BY k",
	  SQLF_RETRY | SQLF_REPLICA },
	/* the children of a region (of every district when ? = 0) */
	[SQL_STATS_CHILDREN] = {
	  "SELECT id, name FROM regions WHERE parent_id <=> NULLIF(?, 0) "
	  "ORDER BY sort, id", SQLF_RETRY | SQLF_REPLICA },
	[SQL_STATS_CATEGORIES] = {
	  "SELECT id, name FROM categories ORDER BY sort, id",
	  SQLF_RETRY | SQLF_REPLICA },
	/*
	 * After the instant ? (E, UTC): the oldest report confirmed in
	 * [E - ? days, E) (valid at E, the first to lapse), the first report
	 * confirmed at or after E, the first member added at or after E.
	 */
	[SQL_STATS_MEMBERS_UNTIL] = {
	  "SELECT (SELECT MIN(decided_at) FROM member_reports "
	  "WHERE state = 'confirmed' AND decided_at >= ? - INTERVAL ? DAY "
	  "AND decided_at < ?), (SELECT MIN(decided_at) FROM member_reports "
	  "WHERE state = 'confirmed' AND decided_at >= ?), "
	  "(SELECT MIN(created_at) FROM party_members WHERE created_at >= ?)",
	  SQLF_RETRY | SQLF_REPLICA },
	/* the days a request may stay within its limits after the day it
	 * was received: accepted by the end of its response limit (whole
	 * days), resolved within its resolve limit from then; the largest
	 * of the active categories */
	[SQL_STATS_SETTLE_DAYS] = {
	  "SELECT CAST(COALESCE(MAX(resolve_days + CEIL(response_hours / 24)), "
	  "0) AS SIGNED) FROM categories WHERE active",
	  SQLF_RETRY | SQLF_REPLICA },
	/* ---- Exports (sql/export.c): streamed, never stored client-side ---- */
	/*
	 * Requests in a scope received on the local days [?, ?] (as the
	 * figures count them), of a state (? = '': any) and category (? = 0:
	 * any), oldest first.  The phone leaves the server masked.  One
	 * table only, so that the scope's (..., received_at) index gives the
	 * order and rows stream without a sort or a temporary table: names
	 * come from SQL_EXPORT_NAMES.  Every expression costs the server
	 * per row (a million rows): the mask is one INSERT, not CONCAT of
	 * LEFT and RIGHT, and there is no COALESCE (the fetch makes a NULL
	 * grid 0 and a NULL rating "").
	 */
	[SQL_EXPORT_REQUESTS] = {
	  "SELECT r.tracking_no, r.source, r.category_id, r.street_id, "
	  "r.community_id, r.grid_id, r.address, r.description, "
	  "INSERT(r.resident_phone, 4, 4, '****'), r.state, r.level, "
	  "r.max_level, r.received_at, r.accepted_at, r.resolved_at, "
	  "r.closed_at, r.response_due, r.resolve_due, r.rating, "
	  "r.reopen_count, COALESCE(r.reject_reason, '') "
	  "FROM service_requests r JOIN stats_tz t ON t.id = 1 WHERE "
	  IN_SCOPE_REQUEST "AND " RECEIVED_ON_DAYS
	  "AND (? = '' OR r.state = ?) AND (? = 0 OR r.category_id = ?) "
	  "ORDER BY r.received_at, r.id", SQLF_RETRY | SQLF_REPLICA },
	/* The names of categories (0) and regions (1) by id. */
	[SQL_EXPORT_NAMES] = {
	  "SELECT 0, id, name FROM categories UNION ALL "
	  "SELECT 1, id, name FROM regions ORDER BY 1, 2",
	  SQLF_RETRY | SQLF_REPLICA },
	/* The roster of the communities in a scope (MEMBER_R with the phone
	 * masked), with street and community names, by place then name. */
	[SQL_EXPORT_MEMBERS] = {
	  "SELECT x.id, x.community_id, x.name, CONCAT(LEFT(x.phone, 3), "
	  "'****', RIGHT(x.phone, 4)), x.type, x.employer, x.skills, "
	  "x.preferred, x.pnames, "
	  "x.reported_at, x.report_expires_at, x.tenths, x.done, "
	  "x.open_claims, x.wishes, COALESCE(xs.name, ''), xc.name FROM ("
	  MEMBER_COLUMNS "JOIN regions g ON g.id = m.community_id WHERE "
	  IN_SCOPE_REGION ") x JOIN regions xc ON xc.id = x.community_id "
	  "LEFT JOIN regions xs ON xs.id = xc.street_id "
	  "ORDER BY xs.sort, xs.id, xc.sort, xc.id, x.name, x.id",
	  SQLF_RETRY | SQLF_REPLICA },
	/* ---- Migrations (sql/migrate.c): a connection of their own ---- */
	/* The connection's settings: times in UTC, the server's sql_mode. */
	[SQL_MIGRATE_SESSION] = { "SET time_zone = '+00:00'", 0 },
	/* One migration at a time. */
	[SQL_MIGRATE_LOCK] = { "SELECT GET_LOCK('lianxin.migrate', 60)", 0 },
	[SQL_MIGRATE_UNLOCK] = { "SELECT RELEASE_LOCK('lianxin.migrate')", 0 },
	/* 1 when the versions are recorded (not for an empty database). */
	[SQL_MIGRATE_HAS_TABLE] = {
	  "SELECT COUNT(*) FROM information_schema.tables "
	  "WHERE table_schema = DATABASE() AND table_name = 'schema_version'",
	  0 },
	/* 1 when the version ? is applied. */
	[SQL_MIGRATE_APPLIED] = {
	  "SELECT COUNT(*) FROM schema_version WHERE version = ?", 0 },
	/* A version applied: number, file name. */
	[SQL_MIGRATE_RECORD] = {
	  "INSERT INTO schema_version (version, name) VALUES (?, ?)", 0 },
	/*
	 * ---- Bulk loads (sql/bulk.c): the demo's ----
	 * The INSERTs take explicit ids, so that rows refer to each other
	 * without reading anything back; the third column gives their
	 * parameters' types (struct sqldef).
	 */
	/* One bulk load at a time. */
	[SQL_BULK_LOCK] = { "SELECT GET_LOCK('lianxin.demo', 0)", 0 },
	[SQL_BULK_UNLOCK] = { "SELECT RELEASE_LOCK('lianxin.demo')", 0 },
	/* 1 when data a bulk load would mix with exist. */
	[SQL_BULK_HAS_DATA] = {
	  "SELECT EXISTS(SELECT 1 FROM regions) OR EXISTS(SELECT 1 FROM users) "
	  "OR EXISTS(SELECT 1 FROM service_requests) "
	  "OR EXISTS(SELECT 1 FROM party_members)", 0 },
	/* Every writer's connection: the rows are generated consistent, and
	 * the figures' triggers stand aside (@lianxin_bulk; the summary
	 * tables are rebuilt after the load). */
	[SQL_BULK_SESSION] = {
	  "SET time_zone = '+00:00', unique_checks = 0, "
	  "foreign_key_checks = 0, @lianxin_bulk = 1", 0 },
	/* Statistics of what a bulk load filled: InnoDB's own recalculation
	 * lags behind it, and plans made meanwhile on "0 rows" can be slow
	 * by orders of magnitude. */
	[SQL_BULK_ANALYZE] = {
	  "ANALYZE TABLE regions, categories, users, party_members, "
	  "member_reports, service_items, item_claims, activities, "
	  "participation, service_requests, request_events, stats_day, "
	  "stats_dayc, stats_month, stats_monthc", 0 },
	[SQL_BULK_REGION] = {
	  "INSERT INTO regions (id, parent_id, level, code, name, district_id, "
	  "street_id, community_id, sort) VALUES (?,?,?,?,?,?,?,?,?)", 0,
	  "iiissiiii" },
	[SQL_BULK_CATEGORY] = {
	  "INSERT INTO categories (id, code, name, description, "
	  "response_hours, resolve_days, active, sort) "
	  "VALUES (?,?,?,?,?,?,1,?)", 0,
	  "issSiii" },
	[SQL_BULK_USER] = {
	  "INSERT INTO users (id, username, display_name, role, region_id, "
	  "password_hash, created_at) VALUES (?,?,?,?,?,?,?)", 0,
	  "isssist" },
	[SQL_BULK_MEMBER] = {
	  "INSERT INTO party_members (id, community_id, name, phone, type, "
	  "employer, reported_at, report_expires_at, created_at) "
	  "VALUES (?,?,?,?,?,?,?,?,?)", 0,
	  "iissssttt" },
	[SQL_BULK_ITEM] = {
	  "INSERT INTO service_items (id, community_id, category_id, name, "
	  "description, capacity, claimed, starts_on, ends_on) "
	  "VALUES (?,?,?,?,?,?,?,?,?)", 0,
	  "iiissiidd" },
	[SQL_BULK_CLAIM] = {
	  "INSERT INTO item_claims (id, item_id, member_id, state, claimed_at, "
	  "closed_at) VALUES (?,?,?,?,?,?)", 0,
	  "iiistt" },
	[SQL_BULK_ACTIVITY] = {
	  "INSERT INTO activities (id, community_id, title, kind, held_on, "
	  "hours) VALUES (?,?,?,?,?,?)", 0,
	  "iissds" },
	[SQL_BULK_PARTICIPATION] = {
	  "INSERT INTO participation (activity_id, member_id, held_on, hours) "
	  "VALUES (?,?,?,?)", 0,
	  "iids" },
	[SQL_BULK_REQUEST] = {
	  "INSERT INTO service_requests (id, tracking_no, category_id, "
	  "district_id, street_id, community_id, grid_id, address, "
	  "description, lat, lng, resident_name, resident_phone, source, "
	  "state, level, max_level, received_at, accepted_at, assigned_at, "
	  "resolved_at, closed_at, rejected_at, reject_reason, response_due, "
	  "resolve_due, resolution, rating, rated_at, rating_comment, "
	  "reopen_count, version) "
	  "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,"
	  "?,?)", 0,
	  "isiiiiisSssssssssttttttsttSstsii" },
	[SQL_BULK_EVENT] = {
	  "INSERT INTO request_events (id, request_id, at, actor_kind, "
	  "actor_id, action, from_state, to_state, level, public, body) "
	  "VALUES (?,?,?,?,?,?,?,?,?,?,?)", 0,
	  "iitsissssiS" },
	/* A confirmed report (member_reports has no explicit id). */
	[SQL_BULK_MREPORT] = {
	  "INSERT INTO member_reports (community_id, name, phone, type, "
	  "employer, consent_at, submitted_at, state, member_id, decided_at) "
	  "VALUES (?,?,?,?,?,?,?,'confirmed',?,?)", 0,
	  "issssttit" },
	/* ---- Photos of requests (sql/photos.c, migration 0012) ---- */
	/* a photo, once per content (its hash) */
	[SQL_PHOTO_INSERT] = {
	  "INSERT INTO photos (hash, jpeg, thumb, width, height, bytes, "
	  "created) VALUES (?, ?, ?, ?, ?, ?, ?) "
	  "ON DUPLICATE KEY UPDATE hash = hash", 0 },
	/* a photo of a request (and of the staff action, event id or NULL) */
	[SQL_PHOTO_LINK] = {
	  "INSERT INTO request_photos (request_id, event_id, photo, kind, "
	  "position) VALUES (?, ?, ?, ?, ?) "
	  "ON DUPLICATE KEY UPDATE position = position", 0 },
	/* is the photo one of the request's (resident-visible kinds when
	 * the second ? is 1) */
	[SQL_PHOTO_LINKED] = {
	  "SELECT COUNT(*) FROM request_photos "
	  "WHERE request_id = ? AND photo = ? AND (? = 0 OR kind <> 'note')",
	  SQLF_RETRY },
	/* the length of a photo (the first ? 0) or of its thumbnail (1),
	 * then the bytes themselves */
	[SQL_PHOTO_SIZE] = {
	  "SELECT IF(?, LENGTH(thumb), bytes) FROM photos WHERE hash = ?",
	  SQLF_RETRY },
	[SQL_PHOTO_BYTES] = {
	  "SELECT IF(?, thumb, jpeg) FROM photos WHERE hash = ?", SQLF_RETRY },
	/* a request's photos, in the order they came */
	[SQL_REQUEST_PHOTOS] = {
	  "SELECT HEX(p.photo), p.kind, COALESCE(p.event_id, 0), f.width, "
	  "f.height FROM request_photos p JOIN photos f ON f.hash = p.photo "
	  "WHERE p.request_id = ? "
	  "ORDER BY COALESCE(p.event_id, 0), p.position", SQLF_RETRY },
	/* rows of photos and of request_photos (tests, admin) */
	[SQL_PHOTO_COUNT] = {
	  "SELECT (SELECT COUNT(*) FROM photos), "
	  "(SELECT COUNT(*) FROM request_photos)", SQLF_RETRY },
	/* ---- compounds (小区) and the resident's own view (compound.c) */
#define COMPOUND_COLUMNS \
	"SELECT c.id, c.name, c.aliases, c.grid_id, g.community_id, " \
	"g.street_id, m.name, g.name "
#define COMPOUND_FROM \
	"FROM compounds c JOIN regions g ON g.id = c.grid_id " \
	"JOIN regions m ON m.id = g.community_id "
	/* by name or alias (a LIKE pattern, twice), exact names first, then
	 * those starting with it (the pattern without its first %) */
	[SQL_COMPOUND_SEARCH] = {
	  COMPOUND_COLUMNS ", 0 " COMPOUND_FROM
	  "WHERE c.name LIKE ? OR c.aliases LIKE ? "
	  "ORDER BY c.name = ? DESC, c.name LIKE ? DESC, CHAR_LENGTH(c.name), "
	  "c.id LIMIT 20", SQLF_RETRY | SQLF_REPLICA },
	/* those with a point within about 3 km of (lat, lng) in millionths
	 * of a degree, nearest first, with the distance in metres
	 * (equirectangular: 0.111 m per millionth of latitude) */
	[SQL_COMPOUND_NEAR] = {
	  COMPOUND_COLUMNS ", ROUND(0.1113 * SQRT(POW(c.lat * 1000000 - ?, 2) "
	  "+ POW((c.lng * 1000000 - ?) * COS(RADIANS(? / 1000000)), 2))) AS d "
	  COMPOUND_FROM
	  "WHERE c.lat BETWEEN (? - 30000) / 1000000 AND (? + 30000) / 1000000 "
	  "AND c.lng BETWEEN (? - 35000) / 1000000 AND (? + 35000) / 1000000 "
	  "HAVING d <= 3000 ORDER BY d, c.id LIMIT 5",
	  SQLF_RETRY | SQLF_REPLICA },
	[SQL_COMPOUND_GET] = {
	  COMPOUND_COLUMNS ", 0 " COMPOUND_FROM "WHERE c.id = ?",
	  SQLF_RETRY | SQLF_REPLICA },
	/* the resident's own description and address, once the phone's
	 * digits are proven */
	[SQL_REQUEST_OWN] = {
	  "SELECT description, address FROM service_requests WHERE id = ?",
	  SQLF_RETRY },
	[SQL_IMPORT_COMPOUND_KNOWN] = {
	  "SELECT id FROM compounds WHERE grid_id = ? AND name = ?",
	  SQLF_RETRY },
	[SQL_IMPORT_COMPOUND_INSERT] = {
	  "INSERT INTO compounds (name, aliases, grid_id, lat, lng) "
	  "VALUES (?, ?, ?, ?, ?)", 0 },
	[SQL_BULK_COMPOUND] = {
	  "INSERT INTO compounds (id, name, aliases, grid_id, lat, lng) "
	  "VALUES (?,?,?,?,?,?)", 0, "issiSS" },
	/* Departments and summons (sql/depts.c) */
	/* the departments a request handled at a level may summon: of its
	 * street (? the street) or of its district and the district's streets
	 * (? the district) */
	[SQL_DEPT_UNITS] = {
	  "SELECT u.id, u.name, u.region_id, g.name, u.response_hours, "
	  "u.resolve_days, u.resolve_unit = 'workdays' "
	  "FROM units u JOIN regions g ON g.id = u.region_id "
	  "WHERE u.kind = 'department' AND u.active AND (g.id = ? OR "
	  "(? <> 0 AND g.district_id = ?)) ORDER BY g.level, g.sort, u.sort, "
	  "u.id LIMIT 200", SQLF_RETRY },
	[SQL_DEPT_UNIT_GET] = {
	  "SELECT u.id, u.name, u.region_id, g.name, u.response_hours, "
	  "u.resolve_days, u.resolve_unit = 'workdays' "
	  "FROM units u JOIN regions g ON g.id = u.region_id "
	  "WHERE u.id = ?", SQLF_RETRY },
	[SQL_SUMMONS_INSERT] = {
	  "INSERT INTO summons (request_id, unit_id, issued_by, issued_at, "
	  "reason, response_due, resolve_due) VALUES (?, ?, ?, ?, ?, ?, ?)", 0 },
	/* a summons with its unit and its request (struct db_summons) */
#define SUMMONS_COLS \
	"SELECT s.id, s.request_id, r.tracking_no, s.unit_id, un.name, " \
	"ug.name, s.reason, s.issued_at, s.response_due, s.resolve_due, " \
	"s.accepted_at, s.answered_at, COALESCE(s.answer, ''), s.state, " \
	"c.name, g.name, r.address, r.description, r.state, r.level, " \
	"COALESCE(r.reject_reason, '') " \
	"FROM summons s JOIN units un ON un.id = s.unit_id " \
	"JOIN regions ug ON ug.id = un.region_id " \
	"JOIN service_requests r ON r.id = s.request_id " \
	"JOIN categories c ON c.id = r.category_id " \
	"JOIN regions g ON g.id = r.community_id "
	[SQL_SUMMONS_OF_REQUEST] = {
	  SUMMONS_COLS "WHERE s.request_id = ? ORDER BY s.issued_at, s.id "
	  "LIMIT 100", SQLF_RETRY },
	/* a department's queue: open ones first, by the time due next */
	[SQL_SUMMONS_OF_UNIT] = {
	  SUMMONS_COLS "WHERE s.unit_id = ? AND (? = 0 OR s.state <> 'answered') "
	  "ORDER BY s.state = 'answered', IF(s.state = 'issued', "
	  "s.response_due, s.resolve_due), s.id LIMIT ? OFFSET ?", SQLF_RETRY },
	[SQL_SUMMONS_GET] = {
	  SUMMONS_COLS "WHERE s.id = ?", SQLF_RETRY },
#undef SUMMONS_COLS
	/* report (报到) and answer (办结): only from the state the table says */
	[SQL_SUMMONS_ACCEPT] = {
	  "UPDATE summons SET state = 'accepted', accepted_at = ?, "
	  "accepted_by = ? WHERE id = ? AND state = 'issued'", 0 },
	[SQL_SUMMONS_ANSWER] = {
	  "UPDATE summons SET state = 'answered', answered_at = ?, "
	  "answered_by = ?, answer = ? WHERE id = ? AND state = 'accepted'", 0 },
	/* a unit's summons not yet answered, and of them not yet reported */
	[SQL_SUMMONS_OPEN_COUNT] = {
	  "SELECT COUNT(*), COALESCE(SUM(state = 'issued'), 0) FROM summons "
	  "WHERE unit_id = ? AND state <> 'answered'", SQLF_RETRY },
	/*
	 * The departments' figures (DESIGN.md): per unit, the summons issued
	 * on the local days [?, ?] for requests in scope; of them reported
	 * within the response limit, answered, and answered within the
	 * resolve limit, each as of E, the end of the last day or now (?),
	 * the earlier.
	 */
	[SQL_DEPT_FIGURES] = {
	  "SELECT un.id, un.name, ug.name, COUNT(*), "
	  "SUM(s.accepted_at IS NOT NULL AND s.accepted_at <= s.response_due "
	  "AND s.accepted_at < x.e), "
	  "SUM(s.answered_at IS NOT NULL AND s.answered_at < x.e), "
	  "SUM(s.answered_at IS NOT NULL AND s.answered_at < x.e "
	  "AND s.answered_at <= s.resolve_due) "
	  "FROM (SELECT CAST(? AS DATETIME) - INTERVAL t.offset_minutes MINUTE "
	  "AS b, LEAST(CAST(? AS DATETIME) + INTERVAL 1 DAY - INTERVAL "
	  "t.offset_minutes MINUTE, ? + INTERVAL 1 SECOND) AS e, "
	  "CAST(? AS DATETIME) + INTERVAL 1 DAY - INTERVAL t.offset_minutes "
	  "MINUTE AS p FROM stats_tz t WHERE t.id = 1) x "
	  "JOIN summons s ON s.issued_at >= x.b AND s.issued_at < x.p "
	  "JOIN service_requests r ON r.id = s.request_id "
	  "JOIN units un ON un.id = s.unit_id "
	  "JOIN regions ug ON ug.id = un.region_id "
	  "WHERE " IN_SCOPE_REQUEST
	  "GROUP BY un.id, un.name, ug.name, ug.level, ug.sort, un.sort "
	  "ORDER BY ug.level, ug.sort, un.sort, un.id LIMIT 500",
	  SQLF_RETRY | SQLF_REPLICA },
	/* The demo's departments and their accounts (admin/demo/depts.c). */
	[SQL_BULK_UNIT] = {
	  "INSERT INTO units (id, kind, region_id, name, response_hours, "
	  "resolve_days, sort) VALUES (?,'department',?,?,?,?,?)", 0,
	  "iisiii" },
	[SQL_BULK_DEPT_USER] = {
	  "INSERT INTO users (id, username, display_name, role, region_id, "
	  "unit_id, password_hash, created_at) "
	  "VALUES (?,?,?,'department_staff',?,?,?,?)", 0,
	  "issiist" },
	/* The demo's co-building units, their accounts, their 大党委 members */
	[SQL_BULK_COBUILD_UNIT] = {
	  "INSERT INTO units (id, kind, org_kind, region_id, name, party_org, "
	  "secretary, contact, contact_phone, member_count, joined_on, sort) "
	  "VALUES (?,'cobuild',?,?,?,?,?,?,?,?,?,?)", 0,
	  "isisssssidi" },
	[SQL_BULK_UNIT_USER] = {
	  "INSERT INTO users (id, username, display_name, role, region_id, "
	  "unit_id, password_hash, created_at) "
	  "VALUES (?,?,?,'unit_staff',?,?,?,?)", 0,
	  "issiist" },
	[SQL_BULK_COMMITTEE] = {
	  "INSERT INTO committee_members (region_id, unit_id, name, post, "
	  "since_on) VALUES (?,?,?,?,?)", 0,
	  "iissd" },
	/*
	 * The demo's summons, from its history: seven in ten requests
	 * escalated to a street, while still open, have the street (its
	 * official, ? the user) summon one of the street's departments (the
	 * one whose sort is the request id mod 4) an hour or so later; it
	 * reports after up to 1.2 times its limit and answers after up to
	 * 7/6 of its limit, before the request's resolution, each step only
	 * if it comes before the end of the demo (?).
	 */
	[SQL_DEMO_SUMMONS] = {
	  "INSERT INTO summons (request_id, unit_id, issued_by, issued_at, "
	  "reason, response_due, resolve_due, accepted_at, accepted_by, "
	  "answered_at, answered_by, answer, state) "
	  "SELECT y.rid, y.uid, ?, y.iss, '社区上报，需职能部门到场协同处置。', "
	  "y.iss + INTERVAL y.rh HOUR, IF(y.ru = 'workdays', "
	  "workday_due(y.iss, y.rd), y.iss + INTERVAL y.rd DAY), "
	  "IF(y.acc <= y.lim, y.acc, NULL), "
	  "IF(y.acc <= y.lim, y.who, NULL), "
	  "IF(y.acc <= y.lim AND y.ans <= y.lim, y.ans, NULL), "
	  "IF(y.acc <= y.lim AND y.ans <= y.lim, y.who, NULL), "
	  "IF(y.acc <= y.lim AND y.ans <= y.lim, '已到场核查并依职责处置，"
	  "处置情况已反馈街道。', NULL), "
	  "IF(y.acc > y.lim, 'issued', IF(y.ans > y.lim, 'accepted', "
	  "'answered')) FROM ("
	  "SELECT x.*, GREATEST(x.acc, LEAST(x.iss + INTERVAL "
	  "(x.rd * 24 * ((x.rid MOD 7) + 1) / 6) HOUR, "
	  "COALESCE(x.res - INTERVAL 10 MINUTE, '2999-01-01'))) AS ans FROM ("
	  "SELECT r.id AS rid, u.id AS uid, u.response_hours AS rh, "
	  "u.resolve_days AS rd, u.resolve_unit AS ru, "
	  "e.at + INTERVAL (30 + r.id MOD 180) MINUTE "
	  "AS iss, e.at + INTERVAL (30 + r.id MOD 180) MINUTE + INTERVAL "
	  "(u.response_hours * 60 * (r.id MOD 13) / 10) MINUTE AS acc, "
	  "LEAST(?, COALESCE(r.resolved_at, '2999-01-01')) AS lim, "
	  "r.resolved_at AS res, (SELECT MIN(d.id) FROM users d "
	  "WHERE d.unit_id = u.id) AS who "
	  "FROM request_events e JOIN service_requests r ON r.id = "
	  "e.request_id JOIN units u ON u.kind = 'department' AND "
	  "u.region_id = r.street_id AND u.sort = r.id MOD 4 "
	  "WHERE e.action = 'escalate' AND e.level = 'street' "
	  "AND r.id MOD 10 < 7) x "
	  "WHERE x.iss < x.lim) y", 0 },
	/* ... and their steps on the timelines, at the request's state and
	 * level of the time (the last event before) */
	[SQL_DEMO_SUMMONS_EVENTS] = {
	  "INSERT INTO request_events (request_id, at, actor_kind, actor_id, "
	  "action, from_state, to_state, level, public, body) "
	  "SELECT z.request_id, z.at, 'staff', z.who, z.act, "
	  "(SELECT e.to_state FROM request_events e WHERE e.request_id = "
	  "z.request_id AND e.at <= z.at ORDER BY e.at DESC, e.id DESC LIMIT 1), "
	  "(SELECT e.to_state FROM request_events e WHERE e.request_id = "
	  "z.request_id AND e.at <= z.at ORDER BY e.at DESC, e.id DESC LIMIT 1), "
	  "(SELECT e.level FROM request_events e WHERE e.request_id = "
	  "z.request_id AND e.at <= z.at ORDER BY e.at DESC, e.id DESC LIMIT 1), "
	  "1, CONCAT(u.name, '（', g.name, '）') FROM ("
	  "SELECT request_id, unit_id, issued_at AS at, issued_by AS who, "
	  "'summon' AS act, 1 AS o FROM summons UNION ALL "
	  "SELECT request_id, unit_id, accepted_at, accepted_by, 'report', 2 "
	  "FROM summons WHERE accepted_at IS NOT NULL UNION ALL "
	  "SELECT request_id, unit_id, answered_at, answered_by, 'answer', 3 "
	  "FROM summons WHERE answered_at IS NOT NULL) z "
	  "JOIN units u ON u.id = z.unit_id JOIN regions g ON g.id = u.region_id "
	  "ORDER BY z.at, z.o", 0 },
	/* Working days: the holiday calendar (sql/workday.c) */
	/* the notices' days, by day number (days since 1970-01-01) */
	[SQL_HOLIDAYS_ALL] = {
	  "SELECT DATEDIFF(day, '1970-01-01'), kind = 'work' FROM holidays",
	  SQLF_RETRY },
	[SQL_HOLIDAY_YEARS] = {
	  "SELECT year FROM holiday_years ORDER BY year", SQLF_RETRY },
	/* a year imported again replaces its days */
	[SQL_HOLIDAY_YEAR_CLEAR] = {
	  "DELETE FROM holidays WHERE day >= MAKEDATE(?, 1) "
	  "AND day < MAKEDATE(? + 1, 1)", 0 },
	[SQL_HOLIDAY_INSERT] = {
	  "INSERT INTO holidays (day, kind, name) VALUES (?, ?, ?)", 0 },
	[SQL_HOLIDAY_YEAR_PUT] = {
	  "INSERT INTO holiday_years (year, imported_at, source) "
	  "VALUES (?, UTC_TIMESTAMP(), ?) ON DUPLICATE KEY UPDATE "
	  "imported_at = VALUES(imported_at), source = VALUES(source)", 0 },
	/* a category's resolve limit and its unit, active or not */
	[SQL_CATEGORY_LIMIT] = {
	  "SELECT resolve_days, resolve_unit = 'workdays' FROM categories "
	  "WHERE id = ?", SQLF_RETRY },
	/* the demo's categories count working days */
	[SQL_CATEGORY_UNIT_SET] = {
	  "UPDATE categories SET resolve_unit = ? WHERE code = ?", 0 },
	/* Messages (sql/outbox.c): one row per cause, in the transaction of
	 * the cause; the phone comes from the request itself. */
#define OUTBOX_FROM_REQUEST \
	"(idem_key, kind, request_id, phone, text, param, detail, " \
	"link_token, next_attempt_at, created_at) SELECT ?, ?, r.id, " \
	"r.resident_phone, ?, r.tracking_no, ?, ?, ?, ? " \
	"FROM service_requests r WHERE r.id = ?"
	[SQL_OUTBOX_REQUEST] = {
	  "INSERT INTO outbox " OUTBOX_FROM_REQUEST, 0 },
	[SQL_OUTBOX_REQUEST_ONCE] = {
	  "INSERT IGNORE INTO outbox " OUTBOX_FROM_REQUEST, 0 },
	/* Open requests whose resolve deadline falls in [?, ?] and have had
	 * no warning for that deadline. */
	[SQL_OUTBOX_DUE_SCAN] = {
	  "SELECT r.id, r.tracking_no, r.resolve_due FROM service_requests r "
	  "WHERE r.state IN ('accepted', 'assigned') "
	  "AND r.resolve_due BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM "
	  "outbox o WHERE o.request_id = r.id AND o.kind = 'due_warning' "
	  "AND o.idem_key = CONCAT('due:', r.id, ':', "
	  "DATE_FORMAT(r.resolve_due, '%Y%m%d%H%i%s'))) "
	  "ORDER BY r.resolve_due LIMIT 200", SQLF_RETRY },
	/* A sender takes due messages with its random claim (one atomic
	 * UPDATE: two senders never hold the same row), leased until ?. */
	[SQL_OUTBOX_CLAIM] = {
	  "UPDATE outbox SET claim = ?, attempts = attempts + 1, "
	  "next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at <= ? "
	  "ORDER BY next_attempt_at, id LIMIT ?", 0 },
	[SQL_OUTBOX_CLAIMED] = {
	  "SELECT id, idem_key, kind, phone, text, param, detail, link_token, "
	  "attempts "
	  "FROM outbox WHERE claim = ? AND state = 'queued' ORDER BY id",
	  SQLF_RETRY },
	[SQL_OUTBOX_SENT] = {
	  "UPDATE outbox SET state = 'sent', sent_at = ?, claim = NULL, "
	  "last_error = '' WHERE id = ? AND claim = ?", SQLF_RETRY },
	/* Back to the queue until ?, or failed after ? attempts. */
	[SQL_OUTBOX_RETRY] = {
	  "UPDATE outbox SET state = IF(attempts >= ?, 'failed', 'queued'), "
	  "next_attempt_at = ?, claim = NULL, last_error = ? "
	  "WHERE id = ? AND claim = ?", SQLF_RETRY },
	[SQL_OUTBOX_CODE] = {
	  "INSERT INTO outbox (idem_key, kind, phone, text, param, "
	  "next_attempt_at, created_at) VALUES (?, 'member_code', ?, ?, ?, ?, ?)",
	  0 },
	[SQL_REQUEST_GET_ID] = {
	  "SELECT " REQUEST_FIELDS REQUEST_FROM
	  "WHERE r.id = ?", SQLF_RETRY },
	/* Members' SMS login codes (sql/outbox.c). */
	[SQL_MSMS_INSERT] = {
	  "INSERT INTO member_sms_codes (member_id, code_hash, expires_at) "
	  "VALUES (?, ?, ?)", 0 },
	/* The member of a phone's newest live code: id, code id, hash,
	 * tries. */
	[SQL_MSMS_GET] = {
	  "SELECT c.member_id, c.id, c.code_hash, c.tries "
	  "FROM member_sms_codes c JOIN party_members m ON m.id = c.member_id "
	  "WHERE m.phone = ? AND c.used_at IS NULL AND c.expires_at > ? "
	  "AND c.tries < ? ORDER BY c.id DESC LIMIT 1 FOR UPDATE", 0 },
	[SQL_MSMS_TRY] = { "UPDATE member_sms_codes SET tries = tries + 1 "
	  "WHERE id = ?", 0 },
	[SQL_MSMS_USE] = { "UPDATE member_sms_codes SET used_at = ? "
	  "WHERE id = ? AND used_at IS NULL AND tries < ?", 0 },
	/* A member's home (sql/member_home.c): requests assigned to them,
	 * newest first, and the activities they took part in. */
	[SQL_MEMBER_ASSIGNED] = {
	  "SELECT r.tracking_no, c.name, r.state, r.resolve_due, "
	  "COALESCE(r.reject_reason, '') "
	  "FROM service_requests r JOIN categories c ON c.id = r.category_id "
	  "WHERE r.assignee_member_id = ? ORDER BY r.received_at DESC LIMIT ?",
	  SQLF_RETRY },
	[SQL_MEMBER_HISTORY] = {
	  "SELECT DATE_FORMAT(p.held_on, '%Y-%m-%d'), a.title, "
	  "CAST(p.hours * 10 AS SIGNED) FROM participation p "
	  "JOIN activities a ON a.id = p.activity_id WHERE p.member_id = ? "
	  "ORDER BY p.held_on DESC, a.id DESC LIMIT ?", SQLF_RETRY },
	/*
	 * Units (职能部门, 共建单位) and their accounts by admins
	 * (sql/units.c, struct db_unit_row): a unit with its region and the
	 * number of its accounts not disabled.
	 */
#define UNIT_ROW_COLS \
	"SELECT u.id, u.kind, u.name, u.region_id, g.code, g.name, g.level, " \
	"u.response_hours, u.resolve_days, u.resolve_unit = 'workdays', " \
	"u.active, (SELECT COUNT(*) FROM users s WHERE s.unit_id = u.id " \
	"AND NOT s.disabled) FROM units u JOIN regions g ON g.id = u.region_id "
	[SQL_UNITS_ADMIN_LIST] = {
	  UNIT_ROW_COLS "WHERE " IN_SCOPE_REGION
	  "ORDER BY u.kind, g.level, g.sort, u.sort, u.id LIMIT 1000",
	  SQLF_RETRY },
	[SQL_UNIT_ADMIN_GET] = { UNIT_ROW_COLS "WHERE u.id = ?", SQLF_RETRY },
	/* by name in a region, an active one first */
	[SQL_UNIT_BY_NAME] = {
	  UNIT_ROW_COLS "WHERE u.region_id = ? AND u.name = ? "
	  "ORDER BY u.active DESC, u.id LIMIT 1", SQLF_RETRY },
	/* a new unit, last in its region's order */
	[SQL_UNIT_INSERT] = {
	  "INSERT INTO units (kind, region_id, name, response_hours, "
	  "resolve_days, resolve_unit, sort) SELECT ?, ?, ?, ?, ?, ?, "
	  "COALESCE(MAX(sort), -1) + 1 FROM units WHERE region_id = ?", 0 },
	[SQL_UNIT_SET_ACTIVE] = {
	  "UPDATE units SET active = ? WHERE id = ?", 0 },
	[SQL_UNIT_USER_INSERT] = {
	  "INSERT INTO users (username, display_name, role, region_id, "
	  "unit_id, password_hash, created_at) "
	  "VALUES (?, ?, ?, ?, ?, ?, ?)", 0 },

	/* Co-building (issue 20) and assessment (issue 22), one file each */
#include "sqls_cobuild.inc"
#include "sqls_assess.inc"
};
