//! CRM organizations: which tenant a Salesforce or Dynamics org belongs to, and the Canvas
//! consumer secret that signs its Salesforce Canvas requests.

use diesel::prelude::*;
use secrecy::{ExposeSecret, SecretString};

use super::ids::{Crm, OrgId, TenantId};
use super::schema::crm_orgs;
use super::{DbConnection, StorageError, unique_violation_as, with_conn};

/// A CRM org as stored. The Canvas secret is kept out of `Debug` and serialization.
#[derive(Clone, serde::Serialize)]
pub struct CrmOrg {
    pub tenant_id: TenantId,
    pub crm: Crm,
    pub org_id: OrgId,
    #[serde(skip)]
    pub canvas_secret: Option<SecretString>,
    pub has_canvas_secret: bool,
    pub created_at: i64,
}

impl std::fmt::Debug for CrmOrg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CrmOrg")
            .field("tenant_id", &self.tenant_id)
            .field("crm", &self.crm)
            .field("org_id", &self.org_id)
            .field("has_canvas_secret", &self.has_canvas_secret)
            .finish()
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = crm_orgs)]
struct OrgRow {
    tenant_id: i64,
    crm: String,
    org_id: String,
    canvas_secret: Option<String>,
    created_at: i64,
}

impl TryFrom<OrgRow> for CrmOrg {
    type Error = StorageError;

    fn try_from(row: OrgRow) -> Result<Self, StorageError> {
        Ok(Self {
            tenant_id: TenantId(row.tenant_id),
            crm: Crm::parse(&row.crm)?,
            org_id: OrgId::from_db(row.org_id),
            has_canvas_secret: row.canvas_secret.is_some(),
            canvas_secret: row.canvas_secret.map(SecretString::from),
            created_at: row.created_at,
        })
    }
}

/// Links an org to a tenant. An org belongs to one tenant only: linking it twice is a conflict.
pub fn add(
    conn: &mut DbConnection,
    tenant: TenantId,
    crm: Crm,
    org_id: &OrgId,
    canvas_secret: Option<&SecretString>,
    now: i64,
) -> Result<CrmOrg, StorageError> {
    let row = (
        crm_orgs::tenant_id.eq(tenant.0),
        crm_orgs::crm.eq(crm.as_str()),
        crm_orgs::org_id.eq(org_id.as_str()),
        crm_orgs::canvas_secret.eq(canvas_secret.map(|s| s.expose_secret().to_owned())),
        crm_orgs::created_at.eq(now),
    );
    let inserted = with_conn!(conn, c => diesel::insert_into(crm_orgs::table).values(row).execute(c));
    inserted.map_err(unique_violation_as(|| format!("{crm} org {org_id} is already linked to a tenant")))?;
    find(conn, crm, org_id)?.ok_or_else(|| StorageError::NotFound(format!("{crm} org {org_id}")))
}

/// Replaces (or clears) the Canvas consumer secret of an org.
pub fn set_canvas_secret(
    conn: &mut DbConnection,
    crm: Crm,
    org_id: &OrgId,
    canvas_secret: Option<&SecretString>,
) -> Result<(), StorageError> {
    let target =
        crm_orgs::table.filter(crm_orgs::crm.eq(crm.as_str())).filter(crm_orgs::org_id.eq(org_id.as_str()));
    let secret = canvas_secret.map(|s| s.expose_secret().to_owned());
    let changed =
        with_conn!(conn, c => diesel::update(target).set(crm_orgs::canvas_secret.eq(&secret)).execute(c))?;
    if changed == 0 {
        return Err(StorageError::NotFound(format!("{crm} org {org_id}")));
    }
    Ok(())
}

/// Unlinks an org; returns whether it was linked.
pub fn remove(conn: &mut DbConnection, crm: Crm, org_id: &OrgId) -> Result<bool, StorageError> {
    let target =
        crm_orgs::table.filter(crm_orgs::crm.eq(crm.as_str())).filter(crm_orgs::org_id.eq(org_id.as_str()));
    let removed = with_conn!(conn, c => diesel::delete(target).execute(c))?;
    Ok(removed > 0)
}

/// The org a widget request names, with its tenant and Canvas secret.
pub fn find(conn: &mut DbConnection, crm: Crm, org_id: &OrgId) -> Result<Option<CrmOrg>, StorageError> {
    let row = with_conn!(conn, c => crm_orgs::table
        .filter(crm_orgs::crm.eq(crm.as_str()))
        .filter(crm_orgs::org_id.eq(org_id.as_str()))
        .select(OrgRow::as_select())
        .get_result(c).optional())?;
    row.map(CrmOrg::try_from).transpose()
}

/// A tenant's orgs.
pub fn list_for_tenant(conn: &mut DbConnection, tenant: TenantId) -> Result<Vec<CrmOrg>, StorageError> {
    let rows = with_conn!(conn, c => crm_orgs::table
        .filter(crm_orgs::tenant_id.eq(tenant.0))
        .order((crm_orgs::crm, crm_orgs::org_id))
        .select(OrgRow::as_select())
        .load(c))?;
    rows.into_iter().map(CrmOrg::try_from).collect()
}
