//! The provider's signing keys, cached, fetched again when a token names an unknown key (key
//! rotation) but never more often than a floor, so forged `kid`s cannot make us hammer the
//! provider.

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use openidconnect::core::CoreJsonWebKeySet;
use openidconnect::{JsonWebKeySetUrl, reqwest};

use super::error::OidcError;

pub struct JwksCache {
    url: JsonWebKeySetUrl,
    min_refresh_interval: Duration,
    state: Mutex<Fetched>,
}

#[derive(Clone)]
struct Fetched {
    keys: CoreJsonWebKeySet,
    at: SystemTime,
}

impl JwksCache {
    pub fn new(
        url: JsonWebKeySetUrl,
        keys: CoreJsonWebKeySet,
        fetched_at: SystemTime,
        min_refresh_interval: Duration,
    ) -> Self {
        Self { url, min_refresh_interval, state: Mutex::new(Fetched { keys, at: fetched_at }) }
    }

    pub fn keys(&self) -> CoreJsonWebKeySet {
        self.lock().keys.clone()
    }

    /// Fetches the keys again unless the last fetch is more recent than the floor; returns
    /// whether it fetched.
    pub async fn refresh(&self, http: &reqwest::Client, now: SystemTime) -> Result<bool, OidcError> {
        if !may_refresh(self.lock().at, now, self.min_refresh_interval) {
            return Ok(false);
        }
        let keys = CoreJsonWebKeySet::fetch_async(&self.url, http)
            .await
            .map_err(|error| OidcError::Jwks(error.to_string()))?;
        *self.lock() = Fetched { keys, at: now };
        Ok(true)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Fetched> {
        // A poisoned lock only means another request panicked mid-update of plain data.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// True once `floor` has passed since `last` (or when the clock went backwards).
pub fn may_refresh(last: SystemTime, now: SystemTime, floor: Duration) -> bool {
    now.duration_since(last).map_or(true, |elapsed| elapsed >= floor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_waits_for_the_floor() {
        let last = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let floor = Duration::from_secs(60);
        assert!(!may_refresh(last, last, floor));
        assert!(!may_refresh(last, last + Duration::from_secs(59), floor));
        assert!(may_refresh(last, last + Duration::from_secs(60), floor));
        assert!(may_refresh(last, last - Duration::from_secs(1), floor));
    }
}
