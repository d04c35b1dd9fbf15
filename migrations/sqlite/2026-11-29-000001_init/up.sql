-- crmlens schema, SQLite dialect. Portable types only: TEXT, INTEGER (unix seconds for times,
-- 0/1 for booleans), REAL. CRM field values are never stored: overrides and sync mappings hold ids.

CREATE TABLE instance_settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TABLE tenants (
    id INTEGER PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    allowed_origins TEXT NOT NULL DEFAULT '',
    sync_enabled BOOLEAN NOT NULL DEFAULT 0,
    auto_match_threshold REAL,
    suggest_threshold REAL,
    created_at BIGINT NOT NULL
);

CREATE TABLE crm_orgs (
    id INTEGER PRIMARY KEY NOT NULL,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    crm TEXT NOT NULL CHECK (crm IN ('salesforce', 'dynamics')),
    org_id TEXT NOT NULL,
    canvas_secret TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (crm, org_id)
);
CREATE INDEX crm_orgs_tenant ON crm_orgs (tenant_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY NOT NULL,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'rep')),
    seat TEXT NOT NULL CHECK (seat IN ('none', 'team', 'enterprise')),
    member_id TEXT,
    password_hash TEXT,
    disabled BOOLEAN NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (tenant_id, email)
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY NOT NULL,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    key_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id);

CREATE TABLE companies (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    industry TEXT NOT NULL,
    location TEXT NOT NULL,
    website TEXT NOT NULL,
    size BIGINT,
    description TEXT NOT NULL
);

CREATE TABLE members (
    id TEXT PRIMARY KEY NOT NULL,
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    headline TEXT NOT NULL,
    title TEXT NOT NULL,
    company_id TEXT,
    company_name TEXT NOT NULL,
    location TEXT NOT NULL
);

-- Former employers, most recent first (ordinal 0). The current one lives on the member row.
CREATE TABLE member_past_positions (
    member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    company_id TEXT,
    company_name TEXT NOT NULL,
    title TEXT NOT NULL,
    PRIMARY KEY (member_id, ordinal)
) WITHOUT ROWID;

-- Keyed hashes of normalized addresses (hex), never the address; the domain is kept as evidence.
CREATE TABLE member_emails (
    member_id TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    email_hash TEXT NOT NULL,
    domain TEXT NOT NULL,
    PRIMARY KEY (member_id, email_hash)
) WITHOUT ROWID;
CREATE INDEX member_emails_hash ON member_emails (email_hash);

CREATE TABLE connections (
    a TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX connections_b ON connections (b);

-- What one CRM record is linked to: a person's manual override, or what CRM sync recorded.
-- Ids and bookkeeping only: entity_id NULL means an explicit "no match"; previous_* allow undo.
CREATE TABLE record_links (
    id INTEGER PRIMARY KEY NOT NULL,
    tenant_id BIGINT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('override', 'sync')),
    crm TEXT NOT NULL CHECK (crm IN ('salesforce', 'dynamics')),
    org_id TEXT NOT NULL,
    object TEXT NOT NULL CHECK (object IN ('lead', 'contact', 'account', 'opportunity')),
    record_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('member', 'company')),
    entity_id TEXT,
    set_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    set_at BIGINT NOT NULL,
    previous_state TEXT CHECK (previous_state IN ('entity', 'no_match')),
    previous_entity_id TEXT,
    UNIQUE (tenant_id, crm, org_id, object, record_id, kind, source)
);

-- Usage and audit events: what happened where, never who the CRM record was about.
CREATE TABLE usage_events (
    id INTEGER PRIMARY KEY NOT NULL,
    tenant_id BIGINT REFERENCES tenants (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    route TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX usage_events_tenant_at ON usage_events (tenant_id, at);

CREATE TABLE saml_replay (
    assertion_id TEXT PRIMARY KEY NOT NULL,
    expires_at BIGINT NOT NULL
);

-- OIDC/SAML requests in flight (state/relay id -> opaque payload) until the IdP answers.
CREATE TABLE auth_pending (
    state TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('oidc', 'saml')),
    payload TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
