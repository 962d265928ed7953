-- Open311 GeoReport v2: the API keys of client systems (hotline 12345
-- platforms, mobile apps), created and revoked with `lianxin apikey`.
-- A key is shown once when created; only its hash is kept.

CREATE TABLE api_keys (
  id          INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'key id (shown by lianxin apikey list)',
  name        VARCHAR(100) NOT NULL COMMENT 'who holds the key, e.g. the client system',
  key_hash    BINARY(32) NOT NULL COMMENT 'BLAKE2b-256 (crypto_generichash) of the key; the key itself is never stored',
  created_at  DATETIME NOT NULL COMMENT 'when created (UTC)',
  revoked_at  DATETIME NULL COMMENT 'when revoked (UTC); NULL while the key is valid',
  UNIQUE KEY uq_api_keys_hash (key_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  COMMENT='Open311 API keys';

-- GET /open311/v2/requests selects by received_at over every region,
-- newest first: without this index that is a full scan.
ALTER TABLE service_requests
  ADD KEY ix_requests_received (received_at);
