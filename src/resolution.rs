//! Resolving one CRM record for a tenant, the way every entry point promises it: the record's
//! manual override, then its CRM-sync mapping when the tenant enabled sync, then the matching
//! engine on the values the CRM passed. Widgets and the JSON API call this; the values themselves
//! are only held in memory for the call.

use crate::matching::email::EmailKey;
use crate::matching::resolve::{Lookups, Resolution, resolve};
use crate::matching::{CompanyProbe, DirectoryIndex, PersonProbe, Thresholds};
use crate::storage::record_links::{self, LinkSource, LinkTarget, RecordKey};
use crate::storage::tenants::Tenant;
use crate::storage::{DbConnection, StorageError};

/// How many candidates a pick-list or an API answer offers at most.
pub const DEFAULT_CANDIDATES: usize = 5;

/// The values a CRM passes for a person (FORMATS.md member query fields).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct MemberFields {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub company: Option<String>,
    pub title: Option<String>,
    pub email: Option<String>,
}

/// The values a CRM passes for a company (FORMATS.md company query fields).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct CompanyFields {
    pub name: Option<String>,
    pub industry: Option<String>,
    pub location: Option<String>,
    pub website: Option<String>,
}

impl MemberFields {
    pub fn probe(&self, key: &EmailKey) -> PersonProbe {
        PersonProbe::new(
            self.first_name.as_deref(),
            self.last_name.as_deref(),
            self.company.as_deref(),
            self.title.as_deref(),
            self.email.as_deref(),
            key,
        )
    }
}

impl CompanyFields {
    pub fn probe(&self) -> CompanyProbe {
        CompanyProbe::new(
            self.name.as_deref(),
            self.industry.as_deref(),
            self.location.as_deref(),
            self.website.as_deref(),
        )
    }
}

/// A tenant's own thresholds where it set them, the engine's defaults elsewhere.
pub fn tenant_thresholds(tenant: &Tenant) -> Thresholds {
    let defaults = Thresholds::default();
    Thresholds {
        auto_match: tenant.auto_match_threshold.unwrap_or(defaults.auto_match),
        pick_list: tenant.suggest_threshold.unwrap_or(defaults.pick_list),
    }
}

/// The stored links of a record (none when the caller names no record).
pub fn lookups(
    conn: &mut DbConnection,
    tenant: &Tenant,
    record: Option<&RecordKey>,
) -> Result<Lookups, StorageError> {
    let Some(key) = record else { return Ok(Lookups::default()) };
    let target = |link: Option<record_links::RecordLink>| {
        link.map(|link| match link.target {
            LinkTarget::Entity(id) => Some(id.as_str().to_owned()),
            LinkTarget::NoMatch => None,
        })
    };
    Ok(Lookups {
        manual_override: target(record_links::get(conn, LinkSource::Override, key)?),
        sync_mapping: target(record_links::get(conn, LinkSource::Sync, key)?).flatten(),
        sync_enabled: tenant.sync_enabled,
    })
}

/// Resolves a person record: override, then sync mapping, then the engine.
pub fn resolve_member(
    conn: &mut DbConnection,
    index: &DirectoryIndex,
    email_key: &EmailKey,
    tenant: &Tenant,
    record: Option<&RecordKey>,
    fields: &MemberFields,
    candidates: usize,
) -> Result<Resolution, StorageError> {
    let lookups = lookups(conn, tenant, record)?;
    let thresholds = tenant_thresholds(tenant);
    Ok(resolve(&lookups, || index.match_member(&fields.probe(email_key), &thresholds, candidates)))
}

/// Resolves a company record: override, then sync mapping, then the engine.
pub fn resolve_company(
    conn: &mut DbConnection,
    index: &DirectoryIndex,
    tenant: &Tenant,
    record: Option<&RecordKey>,
    fields: &CompanyFields,
    candidates: usize,
) -> Result<Resolution, StorageError> {
    let lookups = lookups(conn, tenant, record)?;
    let thresholds = tenant_thresholds(tenant);
    Ok(resolve(&lookups, || index.match_company(&fields.probe(), &thresholds, candidates)))
}
