//! Resolving one CRM record for a tenant, the way every entry point promises it: the record's
//! manual override, then its CRM-sync mapping when the tenant enabled sync, then the matching
//! engine on the values the CRM passed. Widgets and the JSON API call this; the values themselves
//! are only held in memory for the call.

use std::sync::Arc;

use crate::match_cache::{MatchCache, Question};
use crate::matching::email::EmailKey;
use crate::matching::resolve::{Lookups, Resolution, resolve};
use crate::matching::{CompanyProbe, DirectoryIndex, PersonProbe, Thresholds};
use crate::storage::ids::EntityKind;
use crate::storage::record_links::{self, LinkSource, LinkTarget, RecordKey, RecordLink};
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

/// The stored links of a record that can apply to it: its override, else its sync mapping when
/// the tenant enabled sync (a mapping that could not apply is not read). None without a record.
#[derive(Debug, Default)]
pub struct StoredLinks {
    pub manual_override: Option<RecordLink>,
    pub sync_mapping: Option<RecordLink>,
}

impl StoredLinks {
    /// Reads them from the database.
    pub fn read(
        conn: &mut DbConnection,
        tenant: &Tenant,
        record: Option<&RecordKey>,
    ) -> Result<Self, StorageError> {
        Self::read_with(tenant, record, |source, key| record_links::get(conn, source, key))
    }

    /// Reads them with `get` (a record's link of one source), e.g. through a cache.
    pub fn read_with(
        tenant: &Tenant,
        record: Option<&RecordKey>,
        mut get: impl FnMut(LinkSource, &RecordKey) -> Result<Option<RecordLink>, StorageError>,
    ) -> Result<Self, StorageError> {
        let Some(key) = record else { return Ok(Self::default()) };
        let manual_override = get(LinkSource::Override, key)?;
        let sync_mapping = match manual_override {
            None if tenant.sync_enabled => get(LinkSource::Sync, key)?,
            _ => None,
        };
        Ok(Self { manual_override, sync_mapping })
    }

    /// What the resolution steps need to know of them.
    pub fn lookups(&self, tenant: &Tenant) -> Lookups {
        let target = |link: &Option<RecordLink>| {
            link.as_ref().map(|link| match &link.target {
                LinkTarget::Entity(id) => Some(id.as_str().to_owned()),
                LinkTarget::NoMatch => None,
            })
        };
        Lookups {
            manual_override: target(&self.manual_override),
            sync_mapping: target(&self.sync_mapping).flatten(),
            sync_enabled: tenant.sync_enabled,
        }
    }
}

/// The stored links of a record (none when the caller names no record).
pub fn lookups(
    conn: &mut DbConnection,
    tenant: &Tenant,
    record: Option<&RecordKey>,
) -> Result<Lookups, StorageError> {
    Ok(StoredLinks::read(conn, tenant, record)?.lookups(tenant))
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

/// The matching engine behind its answer cache, for resolutions whose links were read already.
pub struct CachedEngine<'a> {
    pub index: &'a Arc<DirectoryIndex>,
    pub cache: &'a MatchCache,
    pub email_key: &'a EmailKey,
}

impl CachedEngine<'_> {
    /// Resolves a person record: override, then sync mapping, then the (cached) engine.
    pub fn resolve_member(
        &self,
        lookups: &Lookups,
        tenant: &Tenant,
        fields: &MemberFields,
        candidates: usize,
    ) -> Resolution {
        let thresholds = tenant_thresholds(tenant);
        let values = [&fields.first_name, &fields.last_name, &fields.company, &fields.title, &fields.email]
            .map(Option::as_deref);
        let question = Question { kind: EntityKind::Member, thresholds, candidates, values: &values };
        resolve(lookups, || {
            self.cache.answer(self.index, &question, || {
                self.index.match_member(&fields.probe(self.email_key), &thresholds, candidates)
            })
        })
    }

    /// Resolves a company record: override, then sync mapping, then the (cached) engine.
    pub fn resolve_company(
        &self,
        lookups: &Lookups,
        tenant: &Tenant,
        fields: &CompanyFields,
        candidates: usize,
    ) -> Resolution {
        let thresholds = tenant_thresholds(tenant);
        let values =
            [&fields.name, &fields.industry, &fields.location, &fields.website].map(Option::as_deref);
        let question = Question { kind: EntityKind::Company, thresholds, candidates, values: &values };
        resolve(lookups, || {
            self.cache.answer(self.index, &question, || {
                self.index.match_company(&fields.probe(), &thresholds, candidates)
            })
        })
    }
}
