//! The audit log of sign-in and session events: who, when, what, how and from which IP.
//! Never CRM data: `actor` is the sign-in address typed or asserted, the rest are our own names.

use diesel::prelude::*;

use super::ids::{TenantId, UserId};
use super::schema::audit_log;
use super::{DbConnection, StorageError, with_conn};

/// One event to record. `event` and `method` are names chosen by the code.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub tenant: Option<TenantId>,
    pub user: Option<UserId>,
    pub actor: &'a str,
    pub event: &'static str,
    pub method: &'static str,
    pub ip: &'a str,
    pub at: i64,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub tenant_id: Option<i64>,
    pub user_id: Option<i64>,
    pub actor: String,
    pub event: String,
    pub method: String,
    pub ip: String,
    pub at: i64,
}

pub fn record(conn: &mut DbConnection, event: &AuditEvent<'_>) -> Result<(), StorageError> {
    let row = (
        audit_log::tenant_id.eq(event.tenant.map(|t| t.0)),
        audit_log::user_id.eq(event.user.map(|u| u.0)),
        audit_log::actor.eq(event.actor),
        audit_log::event.eq(event.event),
        audit_log::method.eq(event.method),
        audit_log::ip.eq(event.ip),
        audit_log::at.eq(event.at),
    );
    with_conn!(conn, c => diesel::insert_into(audit_log::table).values(row).execute(c))?;
    Ok(())
}

/// The most recent events of a tenant, newest first.
pub fn recent_for_tenant(
    conn: &mut DbConnection,
    tenant: TenantId,
    limit: i64,
) -> Result<Vec<AuditEntry>, StorageError> {
    let rows = with_conn!(conn, c => audit_log::table
        .filter(audit_log::tenant_id.eq(tenant.0))
        .order(audit_log::id.desc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(c))?;
    Ok(rows)
}
