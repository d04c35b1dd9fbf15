-- Sign-in: per-tenant single sign-on, session expiry and CSRF tokens, the audit log, sign-in
-- throttling and the one-time handoffs that carry a sign-in from the popup into the CRM iframe.

-- `expires_at` is the idle expiry (moved on use); `absolute_expires_at` never moves.
ALTER TABLE sessions ADD COLUMN absolute_expires_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN csrf_token TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions ADD COLUMN method TEXT NOT NULL DEFAULT 'password';

CREATE TABLE tenant_sso (
    tenant_id BIGINT PRIMARY KEY NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    oidc_issuer TEXT,
    oidc_client_id TEXT,
    oidc_client_secret TEXT,
    saml_idp_metadata TEXT,
    saml_allow_sha1 BOOLEAN NOT NULL DEFAULT FALSE,
    -- Newline-separated e-mail domains accepted from the identity provider.
    allowed_domains TEXT NOT NULL DEFAULT '',
    jit_provisioning BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at BIGINT NOT NULL
);

-- Who signed in or out, how, from where. Never CRM data.
CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    tenant_id BIGINT REFERENCES tenants (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    actor TEXT NOT NULL,
    event TEXT NOT NULL,
    method TEXT NOT NULL,
    ip TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);

-- Failed sign-ins per key (`account:…`, `ip:…`) in the current window, and any lockout.
CREATE TABLE sign_in_throttle (
    key TEXT PRIMARY KEY NOT NULL,
    failures BIGINT NOT NULL,
    window_started_at BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);

-- A finished sign-in waiting to be redeemed by the iframe that holds the secret hashed here.
CREATE TABLE sign_in_handoffs (
    secret_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- Which identity-provider account (issuer, subject) is which user. The e-mail links an account
-- on its first SSO sign-in only; afterwards the (issuer, subject) pair must match.
CREATE TABLE sso_links (
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    issuer TEXT NOT NULL,
    subject TEXT NOT NULL,
    user_id BIGINT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, issuer, subject)
);
