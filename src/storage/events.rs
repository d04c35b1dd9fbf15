//! Usage and audit events: tenant, kind, route and time. No personal data, no CRM values.

use diesel::prelude::*;

use super::ids::TenantId;
use super::schema::usage_events as ue;
use super::{DbConnection, StorageError, with_conn};

/// Usage events of one kind on one route in one second, counted: names chosen by the code
/// (`card_view`, `/embed/member`), never values from a request.
#[derive(Debug, Clone, Copy)]
pub struct UsageEvent {
    pub tenant: Option<TenantId>,
    pub kind: &'static str,
    pub route: &'static str,
    pub at: i64,
    pub count: i64,
}

/// Records a batch of counted events in one statement per chunk, inside one transaction.
pub fn record_many(conn: &mut DbConnection, batch: &[UsageEvent]) -> Result<(), StorageError> {
    super::transaction(conn, |conn| {
        for chunk in batch.chunks(200) {
            let rows: Vec<_> = chunk
                .iter()
                .map(|e| {
                    (
                        ue::tenant_id.eq(e.tenant.map(|t| t.0)),
                        ue::kind.eq(e.kind),
                        ue::route.eq(e.route),
                        ue::at.eq(e.at),
                        ue::count.eq(e.count),
                    )
                })
                .collect();
            with_conn!(conn, c => diesel::insert_into(ue::table).values(&rows).execute(c))?;
        }
        Ok(())
    })
}

/// The events a group of rows counts. (`SUM` of a BIGINT is NUMERIC on PostgreSQL: cast back.)
fn total_count() -> diesel::expression::SqlLiteral<diesel::sql_types::BigInt> {
    diesel::dsl::sql::<diesel::sql_types::BigInt>("CAST(SUM(count) AS BIGINT)")
}

/// Event counts of a tenant by kind within `[from, to)`, most frequent first.
pub fn counts_by_kind(
    conn: &mut DbConnection,
    tenant: TenantId,
    from: i64,
    to: i64,
) -> Result<Vec<(String, i64)>, StorageError> {
    let rows = with_conn!(conn, c => ue::table
        .filter(ue::tenant_id.eq(tenant.0))
        .filter(ue::at.ge(from))
        .filter(ue::at.lt(to))
        .group_by(ue::kind)
        .select((ue::kind, total_count()))
        .order((total_count().desc(), ue::kind))
        .load::<(String, i64)>(c))?;
    Ok(rows)
}
