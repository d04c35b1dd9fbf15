//! Who is signed in behind a session cookie, and which tenant a CRM org belongs to, remembered
//! for a moment so that a page's cards (and a rep's next record) do not read them again.
//!
//! Freshness: an entry is used for at most [`ACCESS_TTL`], and never past its session's own
//! expiry. Whatever this server changes that could alter access (signing out, ending sessions,
//! seats, users, tenants, orgs: every unsafe request outside the widget and the matching API)
//! empties the cache as it happens. A change made by another process (the CLI, another app
//! server over the same PostgreSQL) takes effect within [`ACCESS_TTL`].

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web;

use super::session::Viewer;
use super::state::AppState;
use crate::storage::ids::{Crm, OrgId};
use crate::storage::tenants::Tenant;

/// How long a remembered session or org is used before it is read again.
pub const ACCESS_TTL: Duration = Duration::from_secs(2);

/// Entries kept per map; more distinct sessions or orgs within [`ACCESS_TTL`] just read again.
const CAPACITY: usize = 10_000;

#[derive(Default)]
pub struct AccessCache {
    viewers: Expiring<String, Viewer>,
    tenants: Expiring<(Crm, OrgId), Option<Tenant>>,
}

impl AccessCache {
    /// The viewer of the session whose cookie hashes to `id_hash`, if remembered.
    pub fn viewer(&self, id_hash: &str) -> Option<Viewer> {
        self.viewers.get(id_hash)
    }

    /// Remembers a live session's viewer, until `session_expires_at` (Unix seconds) at the
    /// latest.
    pub fn remember_viewer(&self, id_hash: &str, viewer: Viewer, now_unix: i64, session_expires_at: i64) {
        let left = Duration::from_secs(u64::try_from(session_expires_at - now_unix).unwrap_or(0));
        self.viewers.insert(id_hash.to_owned(), viewer, left.min(ACCESS_TTL));
    }

    /// The tenant that linked `org` (`Some(None)`: no tenant did), if remembered.
    pub fn tenant_of(&self, crm: Crm, org: &OrgId) -> Option<Option<Tenant>> {
        self.tenants.get(&(crm, org.clone()))
    }

    pub fn remember_tenant(&self, crm: Crm, org: &OrgId, tenant: Option<Tenant>) {
        self.tenants.insert((crm, org.clone()), tenant, ACCESS_TTL);
    }

    /// Forgets everything (something that decides access changed).
    pub fn forget_all(&self) {
        self.viewers.clear();
        self.tenants.clear();
    }
}

/// Whether a request may change who sees what: any unsafe request except the widget's own
/// actions (overrides) and the matching API (reads).
pub fn may_change_access(method: &Method, path: &str) -> bool {
    let safe = matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    !safe && !path.starts_with("/embed/") && !path.starts_with("/api/v1/match/")
}

/// Middleware: empties the access cache after every request that may have changed access.
pub async fn forget_on_change(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let to_empty = may_change_access(request.method(), request.path())
        .then(|| request.app_data::<web::Data<AppState>>().cloned())
        .flatten();
    let response = next.call(request).await;
    if let Some(state) = to_empty {
        state.access.forget_all();
    }
    response
}

/// A map whose entries are used until their deadline.
struct Expiring<K, V> {
    entries: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K, V> Default for Expiring<K, V> {
    fn default() -> Self {
        Self { entries: Mutex::new(HashMap::new()) }
    }
}

impl<K: Hash + Eq, V: Clone> Expiring<K, V> {
    fn get<Q>(&self, key: &Q) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let entries = self.lock();
        let (deadline, value) = entries.get(key)?;
        (Instant::now() < *deadline).then(|| value.clone())
    }

    fn insert(&self, key: K, value: V, for_at_most: Duration) {
        let now = Instant::now();
        let mut entries = self.lock();
        if entries.len() >= CAPACITY {
            entries.retain(|_, (deadline, _)| now < *deadline);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(key, (now + for_at_most, value));
    }

    fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, (Instant, V)>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widget_actions_and_reads_keep_the_cache_and_other_writes_empty_it() {
        assert!(!may_change_access(&Method::GET, "/admin/users"));
        assert!(!may_change_access(&Method::POST, "/embed/member/override"));
        assert!(!may_change_access(&Method::POST, "/api/v1/match/member"));
        assert!(may_change_access(&Method::POST, "/auth/logout"));
        assert!(may_change_access(&Method::POST, "/admin/users/3/seat"));
        assert!(may_change_access(&Method::DELETE, "/admin/orgs/1"));
    }

    #[test]
    fn entries_expire_and_can_be_forgotten() {
        let map: Expiring<&str, u32> = Expiring::default();
        map.insert("a", 1, Duration::from_secs(60));
        map.insert("b", 2, Duration::ZERO);
        assert_eq!(map.get("a"), Some(1));
        assert_eq!(map.get("b"), None);
        map.clear();
        assert_eq!(map.get("a"), None);
    }
}
