//! SP-initiated sign-in: the HTTP-Redirect AuthnRequest and the pending record the caller keeps
//! until the IdP answers.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use saml_rs::{AuthnRequest, PendingAuthnRequest, PendingSnapshot, RelayStateParam};
use serde::{Deserialize, Serialize};

use super::error::SamlError;

/// A sign-in request we issued and have not consumed. The caller stores it (keyed by
/// `request_id`) and hands it back exactly once through [`super::PendingRequests::take`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSamlLogin {
    pub request_id: String,
    pub relay_state: Option<String>,
    pub idp_entity_id: String,
    pub acs_url: String,
    pub request_binding: Option<String>,
    pub response_binding: String,
    pub acs_binding: String,
    /// Seconds since the Unix epoch when the request was issued.
    pub issued_at: u64,
}

/// Where to send the browser, and what to keep until the response comes back.
#[derive(Debug, Clone)]
pub struct StartedSamlLogin {
    pub redirect_url: String,
    pub pending: PendingSamlLogin,
}

impl PendingSamlLogin {
    pub(super) fn from_saml_rs(pending: &PendingAuthnRequest, now: SystemTime) -> Self {
        let snapshot = pending.snapshot();
        Self {
            request_id: snapshot.id,
            relay_state: snapshot.relay_state.as_deref().map(str::to_owned),
            idp_entity_id: snapshot.peer_entity_id,
            acs_url: snapshot.acs_url,
            request_binding: snapshot.request_binding,
            response_binding: snapshot.expected_binding,
            acs_binding: snapshot.acs_binding,
            issued_at: unix_seconds(now),
        }
    }

    pub(super) fn to_saml_rs(&self) -> Result<PendingAuthnRequest, SamlError> {
        let relay_state = RelayStateParam::try_from_option(self.relay_state.clone())
            .map_err(|error| SamlError::Rejected(format!("stored RelayState is invalid: {error}")))?;
        let mut snapshot = PendingSnapshot::<AuthnRequest>::authn_request(
            &self.request_id,
            relay_state,
            &self.idp_entity_id,
            &self.response_binding,
            &self.acs_url,
            &self.acs_binding,
        );
        snapshot.request_binding = self.request_binding.clone();
        PendingAuthnRequest::from_snapshot(snapshot)
            .map_err(|error| SamlError::Rejected(format!("stored pending request is invalid: {error}")))
    }

    /// True when the request is older than `lifetime` (or issued in the future) at `now`.
    pub fn is_expired(&self, now: SystemTime, lifetime: Duration) -> bool {
        let now = unix_seconds(now);
        now < self.issued_at || now - self.issued_at > lifetime.as_secs()
    }
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map(|elapsed| elapsed.as_secs()).unwrap_or(0)
}
