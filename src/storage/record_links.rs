//! Manual overrides and sync mappings: which directory entity a CRM record is linked to, or an
//! explicit "no match". Only ids and bookkeeping are stored; the types below cannot carry a CRM
//! field value (record and entity ids are parsed to id shapes, see [`super::ids`]).

use diesel::prelude::*;

use super::ids::{Crm, CrmObject, EntityId, EntityKind, OrgId, RecordId, TenantId, UserId};
use super::schema::link_generation;
use super::schema::record_links as rl;
use super::{DbConnection, StorageError, with_conn};

/// Who made a link: a person in the widget, or CRM sync. Overrides win over sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkSource {
    Override,
    Sync,
}

impl LinkSource {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Override => "override",
            Self::Sync => "sync",
        }
    }
}

/// One CRM record in one tenant, as the widget names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct RecordKey {
    pub tenant: TenantId,
    pub crm: Crm,
    pub org: OrgId,
    pub object: CrmObject,
    pub record: RecordId,
    pub kind: EntityKind,
}

/// What a record is linked to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "state", content = "entity_id", rename_all = "snake_case")]
pub enum LinkTarget {
    Entity(EntityId),
    NoMatch,
}

/// A stored link with its bookkeeping.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RecordLink {
    pub source: LinkSource,
    pub key: RecordKey,
    pub target: LinkTarget,
    pub set_by: Option<UserId>,
    pub set_at: i64,
    /// The target before the last change (`None`: there was no link).
    pub previous: Option<LinkTarget>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = rl)]
struct LinkRow {
    source: String,
    entity_id: Option<String>,
    set_by: Option<i64>,
    set_at: i64,
    previous_state: Option<String>,
    previous_entity_id: Option<String>,
}

impl LinkRow {
    fn into_link(self, key: &RecordKey) -> RecordLink {
        let source = if self.source == "sync" { LinkSource::Sync } else { LinkSource::Override };
        let previous = match self.previous_state.as_deref() {
            Some("no_match") => Some(LinkTarget::NoMatch),
            Some(_) => self.previous_entity_id.map(|id| LinkTarget::Entity(EntityId::from_db(id))),
            None => None,
        };
        RecordLink {
            source,
            key: key.clone(),
            target: target_from_column(self.entity_id),
            set_by: self.set_by.map(UserId),
            set_at: self.set_at,
            previous,
        }
    }
}

fn target_from_column(entity_id: Option<String>) -> LinkTarget {
    entity_id.map_or(LinkTarget::NoMatch, |id| LinkTarget::Entity(EntityId::from_db(id)))
}

fn entity_column(target: Option<&LinkTarget>) -> Option<&str> {
    match target {
        Some(LinkTarget::Entity(id)) => Some(id.as_str()),
        _ => None,
    }
}

fn state_column(target: Option<&LinkTarget>) -> Option<&'static str> {
    target.map(|t| match t {
        LinkTarget::Entity(_) => "entity",
        LinkTarget::NoMatch => "no_match",
    })
}

macro_rules! key_filter {
    ($key:expr, $source:expr) => {
        rl::table
            .filter(rl::tenant_id.eq($key.tenant.0))
            .filter(rl::source.eq($source.as_str()))
            .filter(rl::crm.eq($key.crm.as_str()))
            .filter(rl::org_id.eq($key.org.as_str()))
            .filter(rl::object.eq($key.object.as_str()))
            .filter(rl::record_id.eq($key.record.as_str()))
            .filter(rl::kind.eq($key.kind.as_str()))
    };
}

/// The link of one source for a record.
pub fn get(
    conn: &mut DbConnection,
    source: LinkSource,
    key: &RecordKey,
) -> Result<Option<RecordLink>, StorageError> {
    let row = with_conn!(conn, c => key_filter!(key, source).select(LinkRow::as_select()).get_result(c).optional())?;
    Ok(row.map(|row| row.into_link(key)))
}

/// What applies to a record before matching: its override, else its sync mapping.
pub fn resolve(conn: &mut DbConnection, key: &RecordKey) -> Result<Option<RecordLink>, StorageError> {
    match get(conn, LinkSource::Override, key)? {
        Some(link) => Ok(Some(link)),
        None => get(conn, LinkSource::Sync, key),
    }
}

/// Links a record (replacing any earlier link of that source, which is kept as `previous`).
pub fn set(
    conn: &mut DbConnection,
    source: LinkSource,
    key: &RecordKey,
    target: &LinkTarget,
    by: Option<UserId>,
    now: i64,
) -> Result<RecordLink, StorageError> {
    let previous = get(conn, source, key)?.map(|link| link.target);
    write(conn, source, key, target, previous.as_ref(), by, now)?;
    Ok(RecordLink { source, key: key.clone(), target: target.clone(), set_by: by, set_at: now, previous })
}

/// Restores the target before the last change (or removes the link when there was none).
/// Returns the link now in force, if any.
pub fn undo(
    conn: &mut DbConnection,
    source: LinkSource,
    key: &RecordKey,
    by: Option<UserId>,
    now: i64,
) -> Result<Option<RecordLink>, StorageError> {
    let Some(current) = get(conn, source, key)? else { return Ok(None) };
    match current.previous {
        None => {
            remove(conn, source, key)?;
            Ok(None)
        }
        Some(previous) => set(conn, source, key, &previous, by, now).map(Some),
    }
}

/// Deletes a record's link of one source; returns whether there was one.
pub fn remove(conn: &mut DbConnection, source: LinkSource, key: &RecordKey) -> Result<bool, StorageError> {
    let deleted = with_conn!(conn, c => diesel::delete(key_filter!(key, source)).execute(c))?;
    Ok(deleted > 0)
}

/// A number that changes with every change to any link, in the same transaction (database
/// triggers bump it): equal numbers mean no link changed in between.
pub fn generation(conn: &mut DbConnection) -> Result<i64, StorageError> {
    with_conn!(conn, c => link_generation::table.find(1).select(link_generation::generation).first::<i64>(c))
        .optional()?
        .ok_or_else(|| StorageError::NotFound("the link generation row (run `crmlens migrate`)".into()))
}

/// How many links of a source a tenant has.
pub fn count_for_tenant(
    conn: &mut DbConnection,
    tenant: TenantId,
    source: LinkSource,
) -> Result<i64, StorageError> {
    let count = with_conn!(conn, c => rl::table
        .filter(rl::tenant_id.eq(tenant.0))
        .filter(rl::source.eq(source.as_str()))
        .count()
        .get_result::<i64>(c))?;
    Ok(count)
}

fn write(
    conn: &mut DbConnection,
    source: LinkSource,
    key: &RecordKey,
    target: &LinkTarget,
    previous: Option<&LinkTarget>,
    by: Option<UserId>,
    now: i64,
) -> Result<(), StorageError> {
    let values = (
        rl::entity_id.eq(entity_column(Some(target))),
        rl::set_by.eq(by.map(|u| u.0)),
        rl::set_at.eq(now),
        rl::previous_state.eq(state_column(previous)),
        rl::previous_entity_id.eq(entity_column(previous)),
    );
    let row = (
        rl::tenant_id.eq(key.tenant.0),
        rl::source.eq(source.as_str()),
        rl::crm.eq(key.crm.as_str()),
        rl::org_id.eq(key.org.as_str()),
        rl::object.eq(key.object.as_str()),
        rl::record_id.eq(key.record.as_str()),
        rl::kind.eq(key.kind.as_str()),
        values,
    );
    with_conn!(conn, c => diesel::insert_into(rl::table)
        .values(row)
        .on_conflict((rl::tenant_id, rl::crm, rl::org_id, rl::object, rl::record_id, rl::kind, rl::source))
        .do_update()
        .set(values)
        .execute(c))?;
    Ok(())
}

/// What a batch needs of one stored link: where it applies and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSummary {
    pub source: LinkSource,
    pub crm: String,
    pub object: String,
    pub record_id: String,
    pub kind: String,
    pub target: LinkTarget,
}

/// Every link of a tenant (all orgs), for batch matching. Links hold only ids, so this stays
/// small next to the directory.
pub fn list_for_tenant(conn: &mut DbConnection, tenant: TenantId) -> Result<Vec<LinkSummary>, StorageError> {
    type Row = (String, String, String, String, String, Option<String>);
    let rows: Vec<Row> = with_conn!(conn, c => rl::table
        .filter(rl::tenant_id.eq(tenant.0))
        .select((rl::source, rl::crm, rl::object, rl::record_id, rl::kind, rl::entity_id))
        .load(c))?;
    Ok(rows
        .into_iter()
        .map(|(source, crm, object, record_id, kind, entity_id)| LinkSummary {
            source: if source == "sync" { LinkSource::Sync } else { LinkSource::Override },
            crm,
            object,
            record_id,
            kind,
            target: target_from_column(entity_id),
        })
        .collect())
}
