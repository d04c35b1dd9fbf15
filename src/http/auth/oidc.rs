//! OpenID Connect sign-in routes: `/auth/oidc/start?tenant=SLUG[&handoff=HASH]` redirects to
//! the tenant's provider; `/auth/oidc/callback` verifies its answer and signs the user in.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use actix_web::{HttpRequest, HttpResponse, web};
use secrecy::SecretString;

use super::sso::{
    Flow, StartQuery, config_of, email_domains, record_failure, sign_in_user, store_flow_and_redirect,
    tenant_config,
};
use super::{HandoffHash, complete_sign_in};
use crate::http::error::{AppError, blocking};
use crate::http::session::SignInMethod;
use crate::http::state::AppState;
use crate::sso::oidc::{OidcCallback, OidcRelyingParty, OidcSettings, PendingOidcLogin};
use crate::storage::auth_state::{self, PendingKind};
use crate::storage::ids::TenantId;
use crate::storage::sso_config::{OidcClientConfig, SsoConfig};
use crate::storage::unix_now;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/oidc/start", web::get().to(oidc_start))
        .route("/auth/oidc/callback", web::get().to(oidc_callback));
}

/// Our exact redirect URI, to register at the provider.
pub fn redirect_uri(state: &AppState) -> String {
    format!("{}/auth/oidc/callback", state.public_url)
}

/// Providers discovered per tenant, kept for [`DISCOVERY_LIFETIME`] so that sign-ins share the
/// provider's metadata and the JWKS cache (whose refresh floor only holds if it is shared).
#[derive(Default)]
pub struct OidcParties {
    parties: Mutex<HashMap<i64, CachedParty>>,
}

struct CachedParty {
    /// The settings it was discovered with: changed settings mean a new discovery.
    client: OidcClientConfig,
    domains: Vec<String>,
    party: Arc<OidcRelyingParty>,
    discovered_at: Instant,
}

/// Metadata is discovered again after this long.
const DISCOVERY_LIFETIME: Duration = Duration::from_secs(3600);

impl OidcParties {
    fn get(
        &self,
        tenant: TenantId,
        client: &OidcClientConfig,
        domains: &[String],
    ) -> Option<Arc<OidcRelyingParty>> {
        let parties = self.parties.lock().ok()?;
        let cached = parties.get(&tenant.0)?;
        let fresh = cached.discovered_at.elapsed() < DISCOVERY_LIFETIME;
        (fresh && cached.client == *client && cached.domains == domains).then(|| Arc::clone(&cached.party))
    }

    fn put(
        &self,
        tenant: TenantId,
        client: OidcClientConfig,
        domains: Vec<String>,
        party: Arc<OidcRelyingParty>,
    ) {
        if let Ok(mut parties) = self.parties.lock() {
            parties.insert(tenant.0, CachedParty { client, domains, party, discovered_at: Instant::now() });
        }
    }
}

/// The tenant's provider, discovered now or earlier with the same settings.
async fn relying_party(
    state: &AppState,
    tenant: TenantId,
    config: &SsoConfig,
) -> Result<Arc<OidcRelyingParty>, AppError> {
    let client = config.oidc.as_ref().ok_or_else(|| {
        AppError::BadRequest("this organization has not set up OpenID Connect sign-in".into())
    })?;
    if let Some(party) = state.oidc_parties.get(tenant, client, &config.allowed_domains) {
        return Ok(party);
    }
    let party = Arc::new(discover(state, client, config).await?);
    state.oidc_parties.put(tenant, client.clone(), config.allowed_domains.clone(), Arc::clone(&party));
    Ok(party)
}

async fn discover(
    state: &AppState,
    client: &OidcClientConfig,
    config: &SsoConfig,
) -> Result<OidcRelyingParty, AppError> {
    let settings = OidcSettings::new(
        client.issuer.clone(),
        client.client_id.clone(),
        SecretString::from(client.client_secret.clone().unwrap_or_default()),
        redirect_uri(state),
        email_domains(config),
    );
    OidcRelyingParty::discover(settings, SystemTime::now()).await.map_err(|error| {
        tracing::warn!(error = %error, "OIDC discovery failed");
        AppError::BadRequest(
            "your organization's identity provider cannot be reached or is misconfigured; try again later \
             or tell your crmlens admin"
                .into(),
        )
    })
}

async fn oidc_start(
    state: web::Data<AppState>,
    query: web::Query<StartQuery>,
) -> Result<HttpResponse, AppError> {
    let handoff = HandoffHash::parse_optional(query.handoff.as_deref())?;
    let (tenant, config) = tenant_config(&state, &query.tenant).await?;
    let party = relying_party(&state, tenant.id, &config).await?;
    let started = party.start_login(SystemTime::now()).map_err(AppError::internal)?;
    let flow = Flow {
        tenant: tenant.id.0,
        handoff: handoff.map(|h| h.as_str().to_owned()),
        pending: started.pending,
    };
    let key = flow.pending.state.clone();
    store_flow_and_redirect(&state, PendingKind::Oidc, key, &flow, started.authorization_url).await
}

async fn oidc_callback(
    state: web::Data<AppState>,
    request: HttpRequest,
    query: web::Query<OidcCallback>,
) -> Result<HttpResponse, AppError> {
    let callback = query.into_inner();
    let flow = take_flow(&state, callback.state.as_deref()).await?;
    let tenant = flow.tenant_id();
    let config = config_of(&state, tenant).await?;
    let party = relying_party(&state, tenant, &config).await?;
    let identity = match party.finish_login(&flow.pending, &callback, SystemTime::now()).await {
        Ok(identity) => identity,
        Err(error) => {
            record_failure(&state, &request, Some(tenant), "oidc", &error).await?;
            return Err(AppError::Forbidden(format!("sign-in with your identity provider failed: {error}")));
        }
    };
    let user = sign_in_user(&state, &request, tenant, config, identity, "oidc").await?;
    complete_sign_in(&state, &request, user, SignInMethod::Oidc, flow.handoff()).await
}

/// Takes the flow stored under `state` (once); a missing or expired one is a clear refusal.
async fn take_flow(state: &AppState, key: Option<&str>) -> Result<Flow<PendingOidcLogin>, AppError> {
    let stale = || AppError::BadRequest("this sign-in has expired or was already used; start again".into());
    let key = key.ok_or_else(stale)?.to_owned();
    let pool = state.pool.clone();
    let payload = blocking(move || {
        Ok(auth_state::take_pending(&mut *pool.get()?, PendingKind::Oidc, &key, unix_now())?)
    })
    .await?
    .ok_or_else(stale)?;
    serde_json::from_str(&payload).map_err(AppError::internal)
}
