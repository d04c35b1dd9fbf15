//! SAML 2.0 routes: our SP metadata (`/auth/saml/metadata`), SP-initiated sign-in
//! (`/auth/saml/login?tenant=SLUG[&handoff=HASH]`, HTTP-Redirect) and the HTTP-POST assertion
//! consumer service (`/auth/saml/acs`). The ACS is a cross-site POST from the IdP, exempt from
//! the CSRF check: `InResponseTo` must name a request we issued and have not consumed.

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use super::sso::{
    Flow, StartQuery, config_of, email_domains, record_failure, sign_in_user, store_flow_and_redirect,
    tenant_config,
};
use super::{HandoffHash, complete_sign_in};
use crate::http::error::{AppError, blocking};
use crate::http::session::SignInMethod;
use crate::http::state::AppState;
use crate::sso::saml::{
    AcsForm, PendingRequests, PendingSamlLogin, ReplayCache, SamlServiceProvider, SpSettings,
    TenantSamlSettings, claimed_in_response_to, sp_metadata_xml,
};
use crate::storage::auth_state::{self, PendingKind};
use crate::storage::sso_config::SsoConfig;
use crate::storage::{Pool, unix_now};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/saml/metadata", web::get().to(saml_metadata_show))
        .route("/auth/saml/login", web::get().to(saml_login))
        .route("/auth/saml/acs", web::post().to(saml_acs));
}

/// Our service provider: one entity for the instance, its metadata URL; the ACS beside it.
pub fn sp_settings(state: &AppState) -> SpSettings {
    SpSettings::new(
        format!("{}/auth/saml/metadata", state.public_url),
        format!("{}/auth/saml/acs", state.public_url),
    )
}

fn service_provider(state: &AppState, config: &SsoConfig) -> Result<SamlServiceProvider, AppError> {
    let idp = config
        .saml
        .as_ref()
        .ok_or_else(|| AppError::BadRequest("this organization has not set up SAML sign-in".into()))?;
    let tenant = TenantSamlSettings {
        idp_metadata_xml: idp.metadata_xml.clone(),
        allowed_email_domains: email_domains(config),
        allow_sha1: idp.allow_sha1,
    };
    SamlServiceProvider::new(sp_settings(state), &tenant).map_err(AppError::internal)
}

async fn saml_metadata_show(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let xml = sp_metadata_xml(&sp_settings(&state)).map_err(AppError::internal)?;
    Ok(HttpResponse::Ok().content_type("application/samlmetadata+xml").body(xml))
}

async fn saml_login(
    state: web::Data<AppState>,
    query: web::Query<StartQuery>,
) -> Result<HttpResponse, AppError> {
    let handoff = HandoffHash::parse_optional(query.handoff.as_deref())?;
    let (tenant, config) = tenant_config(&state, &query.tenant).await?;
    let provider = service_provider(&state, &config)?;
    let started = provider.start_login(None, SystemTime::now()).map_err(AppError::internal)?;
    let key = started.pending.request_id.clone();
    let flow = Flow {
        tenant: tenant.id.0,
        handoff: handoff.map(|h| h.as_str().to_owned()),
        pending: started.pending,
    };
    store_flow_and_redirect(&state, PendingKind::Saml, key, &flow, started.redirect_url).await
}

#[derive(Deserialize)]
struct AcsPost {
    #[serde(rename = "SAMLResponse")]
    saml_response: String,
    #[serde(rename = "RelayState")]
    relay_state: Option<String>,
}

async fn saml_acs(
    state: web::Data<AppState>,
    request: HttpRequest,
    form: web::Form<AcsPost>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let refused =
        |error: &dyn std::fmt::Display| AppError::Forbidden(format!("SAML sign-in failed: {error}"));
    let request_id = match claimed_in_response_to(&form.saml_response) {
        Ok(id) => id,
        Err(error) => {
            record_failure(&state, &request, None, "saml", &error).await?;
            return Err(refused(&error));
        }
    };
    let Some(flow) = take_flow(&state.pool, &request_id).await? else {
        let error =
            format!("the response answers no sign-in request of ours that is still open ({request_id})");
        record_failure(&state, &request, None, "saml", &error).await?;
        return Err(refused(&error));
    };
    let tenant = flow.tenant_id();
    let handoff = flow.handoff();
    let config = config_of(&state, tenant).await?;
    let provider = service_provider(&state, &config)?;
    let pool = state.pool.clone();
    let verified = blocking(move || {
        let pending = OnePending(Mutex::new(Some(flow.pending)));
        let replay = DatabaseReplayCache(pool);
        let acs = AcsForm { saml_response: &form.saml_response, relay_state: form.relay_state.as_deref() };
        Ok(provider.finish_login(acs, &pending, &replay, SystemTime::now()))
    })
    .await?;
    let login = match verified {
        Ok(login) => login,
        Err(error) => {
            record_failure(&state, &request, Some(tenant), "saml", &error).await?;
            return Err(refused(&error));
        }
    };
    let user = sign_in_user(&state, &request, tenant, config, login.identity, "saml").await?;
    complete_sign_in(&state, &request, user, SignInMethod::Saml, handoff).await
}

async fn take_flow(pool: &Pool, request_id: &str) -> Result<Option<Flow<PendingSamlLogin>>, AppError> {
    let pool = pool.clone();
    let key = request_id.to_owned();
    let payload = blocking(move || {
        Ok(auth_state::take_pending(&mut *pool.get()?, PendingKind::Saml, &key, unix_now())?)
    })
    .await?;
    payload.map(|p| serde_json::from_str(&p)).transpose().map_err(AppError::internal)
}

/// The one pending request this response may answer, already taken from the database.
struct OnePending(Mutex<Option<PendingSamlLogin>>);

impl PendingRequests for OnePending {
    fn take(&self, request_id: &str) -> Option<PendingSamlLogin> {
        let mut slot = self.0.lock().ok()?;
        slot.take_if(|pending| pending.request_id == request_id)
    }
}

/// Assertion ids seen by any app server, in the database.
struct DatabaseReplayCache(Pool);

impl ReplayCache for DatabaseReplayCache {
    fn remember(&self, issuer: &str, assertion_id: &str, keep_until: SystemTime) -> Result<bool, String> {
        let seconds = |t: SystemTime| t.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO).as_secs();
        let keep_until = i64::try_from(seconds(keep_until)).unwrap_or(i64::MAX);
        let mut conn = self.0.get().map_err(|e| e.to_string())?;
        auth_state::remember_assertion(
            &mut conn,
            &format!("{issuer}\n{assertion_id}"),
            keep_until,
            unix_now(),
        )
        .map_err(|e| e.to_string())
    }
}
