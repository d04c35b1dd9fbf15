//! Tenants: one customer each, with the CRM origins allowed to frame the widgets, whether CRM sync
//! is on, and optional per-tenant match thresholds (`None` = the engine's calibrated defaults).

use diesel::prelude::*;

use super::ids::{TenantId, TenantSlug};
use super::schema::tenants;
use super::{DbConnection, StorageError, unique_violation_as, with_conn};

/// A tenant as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Tenant {
    pub id: TenantId,
    pub slug: TenantSlug,
    pub name: String,
    /// Origins (`https://host[:port]`) whose pages may embed the widgets.
    pub allowed_origins: Vec<String>,
    pub sync_enabled: bool,
    /// Score from which a candidate is matched automatically.
    pub auto_match_threshold: Option<f64>,
    /// Score from which a candidate is offered in the pick-list.
    pub suggest_threshold: Option<f64>,
    pub created_at: i64,
}

/// The editable settings of a tenant.
#[derive(Debug, Clone, PartialEq)]
pub struct TenantSettings {
    pub name: String,
    pub allowed_origins: Vec<String>,
    pub sync_enabled: bool,
    pub auto_match_threshold: Option<f64>,
    pub suggest_threshold: Option<f64>,
}

impl TenantSettings {
    /// A new tenant's settings: no origins, sync off, default thresholds.
    pub fn named(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            allowed_origins: Vec::new(),
            sync_enabled: false,
            auto_match_threshold: None,
            suggest_threshold: None,
        }
    }

    fn validate(&self) -> Result<(), StorageError> {
        if self.name.trim().is_empty() {
            return Err(StorageError::Invalid("a tenant needs a non-empty name".into()));
        }
        for threshold in [self.auto_match_threshold, self.suggest_threshold].into_iter().flatten() {
            if !(0.0..=1.0).contains(&threshold) {
                return Err(StorageError::Invalid(format!("threshold {threshold} is outside 0..1")));
            }
        }
        if let (Some(auto), Some(suggest)) = (self.auto_match_threshold, self.suggest_threshold)
            && suggest > auto
        {
            return Err(StorageError::Invalid(format!(
                "the suggest threshold ({suggest}) must not exceed the auto-match threshold ({auto})"
            )));
        }
        Ok(())
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = tenants)]
struct TenantRow {
    id: i64,
    slug: String,
    name: String,
    allowed_origins: String,
    sync_enabled: bool,
    auto_match_threshold: Option<f64>,
    suggest_threshold: Option<f64>,
    created_at: i64,
}

impl From<TenantRow> for Tenant {
    fn from(row: TenantRow) -> Self {
        Self {
            id: TenantId(row.id),
            slug: TenantSlug::from_db(row.slug),
            name: row.name,
            allowed_origins: row.allowed_origins.lines().map(str::to_owned).collect(),
            sync_enabled: row.sync_enabled,
            auto_match_threshold: row.auto_match_threshold,
            suggest_threshold: row.suggest_threshold,
            created_at: row.created_at,
        }
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = tenants, treat_none_as_null = true)]
struct TenantValues<'a> {
    name: &'a str,
    allowed_origins: String,
    sync_enabled: bool,
    auto_match_threshold: Option<f64>,
    suggest_threshold: Option<f64>,
}

impl<'a> From<&'a TenantSettings> for TenantValues<'a> {
    fn from(s: &'a TenantSettings) -> Self {
        Self {
            name: s.name.trim(),
            allowed_origins: s.allowed_origins.join("\n"),
            sync_enabled: s.sync_enabled,
            auto_match_threshold: s.auto_match_threshold,
            suggest_threshold: s.suggest_threshold,
        }
    }
}

/// Creates a tenant; a taken slug is a [`StorageError::Conflict`].
pub fn create(
    conn: &mut DbConnection,
    slug: &TenantSlug,
    settings: &TenantSettings,
    now: i64,
) -> Result<Tenant, StorageError> {
    settings.validate()?;
    let values = TenantValues::from(settings);
    let row = (tenants::slug.eq(slug.as_str()), tenants::created_at.eq(now), values);
    let inserted = with_conn!(conn, c => diesel::insert_into(tenants::table)
        .values(row)
        .returning(tenants::id)
        .get_result::<i64>(c));
    let id = inserted.map_err(unique_violation_as(|| format!("tenant `{slug}` already exists")))?;
    get(conn, TenantId(id))
}

/// Every tenant, by slug.
pub fn list(conn: &mut DbConnection) -> Result<Vec<Tenant>, StorageError> {
    let rows = with_conn!(conn, c => tenants::table.order(tenants::slug).select(TenantRow::as_select())
        .load(c))?;
    Ok(rows.into_iter().map(Tenant::from).collect())
}

pub fn get(conn: &mut DbConnection, id: TenantId) -> Result<Tenant, StorageError> {
    let row = with_conn!(conn, c => tenants::table.find(id.0).select(TenantRow::as_select())
        .get_result(c).optional())?;
    row.map(Tenant::from).ok_or_else(|| StorageError::NotFound(format!("tenant #{}", id.0)))
}

pub fn find_by_slug(conn: &mut DbConnection, slug: &TenantSlug) -> Result<Option<Tenant>, StorageError> {
    let row = with_conn!(conn, c => tenants::table.filter(tenants::slug.eq(slug.as_str())).select(TenantRow::as_select())
        .get_result(c).optional())?;
    Ok(row.map(Tenant::from))
}

/// Like [`find_by_slug`], but a missing tenant is an error naming the slug.
pub fn require_by_slug(conn: &mut DbConnection, slug: &TenantSlug) -> Result<Tenant, StorageError> {
    find_by_slug(conn, slug)?.ok_or_else(|| StorageError::NotFound(format!("tenant `{slug}`")))
}

/// Replaces a tenant's settings.
pub fn update(
    conn: &mut DbConnection,
    id: TenantId,
    settings: &TenantSettings,
) -> Result<Tenant, StorageError> {
    settings.validate()?;
    let values = TenantValues::from(settings);
    let changed = with_conn!(conn, c => diesel::update(tenants::table.find(id.0)).set(&values).execute(c))?;
    if changed == 0 {
        return Err(StorageError::NotFound(format!("tenant #{}", id.0)));
    }
    get(conn, id)
}

/// Parses an origin that may frame the widgets: `https://host[:port]` (http only for localhost),
/// lower-cased, without path.
pub fn parse_origin(value: &str) -> Result<String, StorageError> {
    let lowered = value.trim().trim_end_matches('/').to_ascii_lowercase();
    let host = lowered.strip_prefix("https://").or_else(|| {
        lowered.strip_prefix("http://").filter(|h| h.starts_with("localhost") || h.starts_with("127.0.0.1"))
    });
    let valid = host.is_some_and(|h| {
        !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
    });
    if valid {
        Ok(lowered)
    } else {
        Err(StorageError::Invalid(format!(
            "origin {value:?} is not valid: expected https://host[:port] (http:// only for localhost)"
        )))
    }
}
