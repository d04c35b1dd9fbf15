//! Whether a widget may show a card: the org must be set up, the viewer signed in to the org's
//! tenant, with a seat. Each "no" is a designed card, never an error page.

use super::context::OrgRef;
use super::headers::Framing;
use crate::http::access_cache::AccessCache;
use crate::http::session::Viewer;
use crate::storage::ids::Seat;
use crate::storage::tenants::{self, Tenant};
use crate::storage::{DbConnection, StorageError, orgs};

/// The outcome of the access check.
#[derive(Debug, Clone)]
pub enum Access {
    /// The page named no org, or one no tenant linked.
    NotSetUp,
    /// Nobody (or someone of another tenant) is signed in here.
    SignedOut { tenant: Tenant },
    /// Signed in, but the user's licence shows no cards.
    NoSeat { tenant: Tenant },
    /// Cards may be shown.
    Granted { tenant: Tenant, org: OrgRef, viewer: Box<Viewer> },
}

impl Access {
    pub fn framing(&self) -> Framing {
        match self.tenant() {
            Some(tenant) => Framing::Tenant(tenant.allowed_origins.clone()),
            None => Framing::Anyone,
        }
    }

    pub fn tenant(&self) -> Option<&Tenant> {
        match self {
            Self::NotSetUp => None,
            Self::SignedOut { tenant } | Self::NoSeat { tenant } | Self::Granted { tenant, .. } => {
                Some(tenant)
            }
        }
    }
}

/// Decides what the viewer of a widget for `org` may see.
pub fn check(
    conn: &mut DbConnection,
    cache: &AccessCache,
    org: Option<OrgRef>,
    viewer: Option<Viewer>,
) -> Result<Access, StorageError> {
    let Some(org) = org else { return Ok(Access::NotSetUp) };
    let Some(tenant) = tenant_of(conn, cache, &org)? else { return Ok(Access::NotSetUp) };
    let Some(viewer) = viewer.filter(|v| v.tenant() == tenant.id && !v.user.disabled) else {
        return Ok(Access::SignedOut { tenant });
    };
    if viewer.seat() == Seat::None {
        return Ok(Access::NoSeat { tenant });
    }
    Ok(Access::Granted { tenant, org, viewer: Box::new(viewer) })
}

/// The tenant that linked `org`, if one did (remembered for a moment).
fn tenant_of(
    conn: &mut DbConnection,
    cache: &AccessCache,
    org: &OrgRef,
) -> Result<Option<Tenant>, StorageError> {
    if let Some(known) = cache.tenant_of(org.crm, &org.org) {
        return Ok(known);
    }
    let tenant = match orgs::find(conn, org.crm, &org.org)? {
        Some(linked) => Some(tenants::get(conn, linked.tenant_id)?),
        None => None,
    };
    cache.remember_tenant(org.crm, &org.org, tenant.clone());
    Ok(tenant)
}
