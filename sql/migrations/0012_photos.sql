-- Migration 0012: photos of requests (issue 18).
--
-- Each photo is stored once, by the SHA-256 of its JPEG: the upload
-- decoded, turned upright, scaled down and re-encoded by lib/photo.c, so
-- that no metadata (EXIF, GPS) of the resident's phone survives.  In the
-- database rather than files: every daemon on every machine (and the
-- replica) sees it, backups include it, and a photo is stored in the same
-- transaction as the request or action it belongs to, so that there is
-- never a half-written file or a photo without its request.

CREATE TABLE photos (
  hash     BINARY(32) NOT NULL PRIMARY KEY COMMENT 'SHA-256 of jpeg',
  jpeg     MEDIUMBLOB NOT NULL COMMENT 'the photo: JPEG, upright, no metadata, longest side at most [photos] side pixels',
  thumb    BLOB NOT NULL COMMENT 'its thumbnail: JPEG, longest side at most [photos] thumb pixels',
  width    SMALLINT UNSIGNED NOT NULL COMMENT 'width of jpeg, pixels',
  height   SMALLINT UNSIGNED NOT NULL COMMENT 'height of jpeg, pixels',
  bytes    INT UNSIGNED NOT NULL COMMENT 'length of jpeg',
  created  DATETIME NOT NULL COMMENT 'first stored (UTC)'
) ENGINE=InnoDB COMMENT 'photos of requests, by content hash';

CREATE TABLE request_photos (
  request_id  BIGINT UNSIGNED NOT NULL COMMENT 'the request',
  event_id    BIGINT UNSIGNED NULL COMMENT 'the staff action it came with (NULL: the resident''s post)',
  photo       BINARY(32) NOT NULL COMMENT 'the photo (photos.hash)',
  kind        ENUM('resident','note','before','after') NOT NULL COMMENT 'resident: posted with the request; note: with a staff note; before/after: with the resolution (整改前/整改后)',
  position    TINYINT UNSIGNED NOT NULL COMMENT 'order within its post or action, from 0',
  PRIMARY KEY (request_id, photo, kind),
  KEY (photo),
  CONSTRAINT request_photos_request FOREIGN KEY (request_id) REFERENCES service_requests (id) ON DELETE CASCADE,
  CONSTRAINT request_photos_photo FOREIGN KEY (photo) REFERENCES photos (hash)
) ENGINE=InnoDB COMMENT 'which photos belong to which request';
