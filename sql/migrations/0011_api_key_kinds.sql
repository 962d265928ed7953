-- Migration 0011: test keys, a kind of Open311 API key.
--
-- The test endpoint (POST /open311/test/v2/requests.*) accepted the
-- ordinary keys, and an integrator's key could post real requests.  A
-- test key (`lianxin apikey create --test NAME`) posts only to the test
-- endpoint; the production endpoint refuses it, and lists read with it
-- show what an anonymous reader sees.  The test endpoint takes only test
-- keys.  Keys made before stay production keys.

ALTER TABLE api_keys
  ADD COLUMN test TINYINT(1) NOT NULL DEFAULT 0 COMMENT '1: a test key (only the test endpoint); 0: a production key'
  AFTER key_hash;
