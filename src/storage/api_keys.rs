//! Tenant API keys for the JSON API. The key is shown once at creation; the database keeps its
//! prefix (to find it and to show which key is which) and its SHA-256 hash.

use diesel::prelude::*;
use secrecy::SecretString;

use super::credentials::{api_key_prefix, digests_equal, generate_api_key, sha256_hex};
use super::ids::TenantId;
use super::schema::api_keys;
use super::{DbConnection, StorageError, with_conn};

/// An API key's record (never the key itself).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ApiKey {
    pub tenant_id: TenantId,
    pub name: String,
    pub prefix: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = api_keys)]
struct ApiKeyRow {
    tenant_id: i64,
    name: String,
    prefix: String,
    key_hash: String,
    created_at: i64,
    revoked_at: Option<i64>,
}

impl From<ApiKeyRow> for ApiKey {
    fn from(row: ApiKeyRow) -> Self {
        Self {
            tenant_id: TenantId(row.tenant_id),
            name: row.name,
            prefix: row.prefix,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// Creates a key; returns its record and the key, which cannot be shown again.
pub fn create(
    conn: &mut DbConnection,
    tenant: TenantId,
    name: &str,
    now: i64,
) -> Result<(ApiKey, SecretString), StorageError> {
    if name.trim().is_empty() {
        return Err(StorageError::Invalid("an API key needs a name saying what uses it".into()));
    }
    let generated = generate_api_key();
    let row = (
        api_keys::tenant_id.eq(tenant.0),
        api_keys::name.eq(name.trim()),
        api_keys::prefix.eq(&generated.prefix),
        api_keys::key_hash.eq(&generated.hash),
        api_keys::created_at.eq(now),
    );
    with_conn!(conn, c => diesel::insert_into(api_keys::table).values(row).execute(c))?;
    let record = ApiKey {
        tenant_id: tenant,
        name: name.trim().to_owned(),
        prefix: generated.prefix,
        created_at: now,
        revoked_at: None,
    };
    Ok((record, generated.key))
}

/// A tenant's keys, newest first.
pub fn list_for_tenant(conn: &mut DbConnection, tenant: TenantId) -> Result<Vec<ApiKey>, StorageError> {
    let rows = with_conn!(conn, c => api_keys::table
        .filter(api_keys::tenant_id.eq(tenant.0))
        .order((api_keys::created_at.desc(), api_keys::prefix))
        .select(ApiKeyRow::as_select())
        .load(c))?;
    Ok(rows.into_iter().map(ApiKey::from).collect())
}

/// Revokes a tenant's key by prefix (idempotent; the first revocation time is kept).
pub fn revoke(conn: &mut DbConnection, tenant: TenantId, prefix: &str, now: i64) -> Result<(), StorageError> {
    let found = with_conn!(conn, c => api_keys::table
        .filter(api_keys::tenant_id.eq(tenant.0))
        .filter(api_keys::prefix.eq(prefix))
        .select(api_keys::revoked_at)
        .first::<Option<i64>>(c)
        .optional())?;
    match found {
        None => Err(StorageError::NotFound(format!("API key {prefix} in this tenant"))),
        Some(Some(_)) => Ok(()),
        Some(None) => {
            with_conn!(conn, c => diesel::update(api_keys::table.filter(api_keys::prefix.eq(prefix)))
                .set(api_keys::revoked_at.eq(now))
                .execute(c))?;
            Ok(())
        }
    }
}

/// The active key matching a presented bearer token, if any.
pub fn authenticate(conn: &mut DbConnection, presented: &str) -> Result<Option<ApiKey>, StorageError> {
    let Some(prefix) = api_key_prefix(presented) else { return Ok(None) };
    let row = with_conn!(conn, c => api_keys::table
        .filter(api_keys::prefix.eq(prefix))
        .filter(api_keys::revoked_at.is_null())
        .select(ApiKeyRow::as_select())
        .get_result(c)
        .optional())?;
    let presented_hash = sha256_hex(presented);
    Ok(row.filter(|row| digests_equal(&row.key_hash, &presented_hash)).map(ApiKey::from))
}
