DROP TABLE sso_links;
DROP TABLE sign_in_handoffs;
DROP TABLE sign_in_throttle;
DROP TABLE audit_log;
DROP TABLE tenant_sso;
ALTER TABLE sessions DROP COLUMN method;
ALTER TABLE sessions DROP COLUMN csrf_token;
ALTER TABLE sessions DROP COLUMN absolute_expires_at;
