//! What OIDC and SAML sign-ins share: the tenant's settings, the flow state kept between the
//! redirect and the answer, and turning a verified identity into a user (linking or just-in-time
//! provisioning it, or refusing clearly).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::{HandoffHash, audit_event, client_ip};
use crate::http::error::{AppError, blocking};
use crate::http::state::AppState;
use crate::sso::{EmailDomains, VerifiedIdentity};
use crate::storage::auth_state::{self, PendingKind};
use crate::storage::ids::{Role, Seat, TenantId, TenantSlug};
use crate::storage::sso_config::{self, SsoConfig};
use crate::storage::tenants::{self, Tenant};
use crate::storage::users::{self, NewUser, User};
use crate::storage::{DbConnection, StorageError, unix_now};

/// A started sign-in is kept this long (seconds) for the identity provider's answer.
pub const FLOW_LIFETIME: i64 = 600;

/// What we keep between the redirect to the identity provider and its answer, beside the
/// protocol's own pending record.
#[derive(Debug, Serialize, Deserialize)]
pub struct Flow<P> {
    pub tenant: i64,
    pub handoff: Option<String>,
    pub pending: P,
}

impl<P> Flow<P> {
    pub fn tenant_id(&self) -> TenantId {
        TenantId(self.tenant)
    }

    pub fn handoff(&self) -> Option<HandoffHash> {
        self.handoff.as_deref().and_then(HandoffHash::parse)
    }
}

/// The tenant named by `slug` and its SSO settings; an unknown tenant is 404.
/// `?tenant=SLUG&handoff=HASH`: how the sign-in popup starts an OIDC or SAML sign-in.
#[derive(serde::Deserialize)]
pub struct StartQuery {
    pub tenant: String,
    pub handoff: Option<String>,
}

/// Keeps a started sign-in (under `key`, for [`FLOW_LIFETIME`] seconds) until the identity
/// provider sends the browser back, then sends the browser to the provider.
pub async fn store_flow_and_redirect<P: Serialize>(
    state: &AppState,
    kind: PendingKind,
    key: String,
    flow: &Flow<P>,
    provider_url: String,
) -> Result<HttpResponse, AppError> {
    let payload = serde_json::to_string(flow).map_err(AppError::internal)?;
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        Ok(auth_state::put_pending(&mut conn, kind, &key, &payload, unix_now() + FLOW_LIFETIME)?)
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, provider_url))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish())
}

pub async fn tenant_config(state: &AppState, slug: &str) -> Result<(Tenant, SsoConfig), AppError> {
    let slug = TenantSlug::parse(slug).map_err(|_| AppError::NotFound)?;
    let pool = state.pool.clone();
    blocking(move || {
        let mut conn = pool.get()?;
        let Some(tenant) = tenants::find_by_slug(&mut conn, &slug)? else {
            return Ok(None);
        };
        let config = sso_config::get(&mut conn, tenant.id)?;
        Ok(Some((tenant, config)))
    })
    .await?
    .ok_or(AppError::NotFound)
}

pub async fn config_of(state: &AppState, tenant: TenantId) -> Result<SsoConfig, AppError> {
    let pool = state.pool.clone();
    blocking(move || Ok(sso_config::get(&mut *pool.get()?, tenant)?)).await
}

pub fn email_domains(config: &SsoConfig) -> EmailDomains {
    EmailDomains::new(&config.allowed_domains)
}

/// Why a verified identity does not become a session.
#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    #[error(
        "{email} has no crmlens account in this organization, and accounts are not created on first \
         sign-in; ask your crmlens admin to add you"
    )]
    NotProvisioned { email: String },
    #[error("the crmlens account of {email} is disabled; ask your crmlens admin")]
    Disabled { email: String },
    #[error(
        "the crmlens account of {email} belongs to another identity-provider account; ask your crmlens admin"
    )]
    LinkedElsewhere { email: String },
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The user this identity signs in as: the linked one, else the one with its e-mail (linked
/// now), else a new one when the tenant provisions just in time.
pub fn user_for_identity(
    conn: &mut DbConnection,
    tenant: TenantId,
    config: &SsoConfig,
    identity: &VerifiedIdentity,
) -> Result<(User, bool), ProvisionError> {
    let now = unix_now();
    if let Some(linked) = sso_config::linked_user(conn, tenant, &identity.issuer, &identity.subject)? {
        let user = users::get(conn, linked)?;
        return if user.disabled {
            Err(ProvisionError::Disabled { email: user.email })
        } else {
            Ok((user, false))
        };
    }
    let email = identity.email.clone();
    let (user, created) = match users::find_by_email(conn, tenant, &email)? {
        Some(user) if user.disabled => return Err(ProvisionError::Disabled { email }),
        Some(user) if sso_config::is_linked(conn, user.id)? => {
            return Err(ProvisionError::LinkedElsewhere { email });
        }
        Some(user) => (user, false),
        None if config.jit_provisioning => {
            let name =
                identity.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| email.clone());
            let new = NewUser {
                email,
                name,
                role: Role::Rep,
                seat: Seat::None,
                member_id: None,
                password_hash: None,
            };
            (users::add(conn, tenant, &new, now)?, true)
        }
        None => return Err(ProvisionError::NotProvisioned { email }),
    };
    sso_config::link(conn, tenant, &identity.issuer, &identity.subject, user.id, now)?;
    Ok((user, created))
}

/// Resolves the identity to a user in one transaction and records the outcome in the audit log.
pub async fn sign_in_user(
    state: &AppState,
    request: &HttpRequest,
    tenant: TenantId,
    config: SsoConfig,
    identity: VerifiedIdentity,
    method: &'static str,
) -> Result<User, AppError> {
    let pool = state.pool.clone();
    let ip = client_ip(request);
    let outcome = blocking(move || {
        let mut conn = pool.get()?;
        let resolved = crate::storage::transaction(&mut conn, |conn| {
            match user_for_identity(conn, tenant, &config, &identity) {
                Ok(found) => Ok(Ok(found)),
                Err(ProvisionError::Storage(e)) => Err(e),
                Err(refusal) => Ok(Err(refusal)),
            }
        })?;
        match resolved {
            Ok((user, created)) => {
                if created {
                    audit_event(&mut conn, Some(&user), None, &user.email, "user_provisioned", method, &ip)?;
                }
                Ok(Ok(user))
            }
            Err(refusal) => {
                audit_event(&mut conn, None, Some(tenant), &identity.email, "sign_in_refused", method, &ip)?;
                Ok(Err(refusal.to_string()))
            }
        }
    })
    .await?;
    outcome.map_err(AppError::Forbidden)
}

/// Records a failed SSO sign-in (the verification error is logged, not shown in full).
pub async fn record_failure(
    state: &AppState,
    request: &HttpRequest,
    tenant: Option<TenantId>,
    method: &'static str,
    error: &dyn std::fmt::Display,
) -> Result<(), AppError> {
    tracing::warn!(method, error = %error, "single sign-on failed");
    let pool = state.pool.clone();
    let ip = client_ip(request);
    blocking(move || {
        let mut conn = pool.get()?;
        Ok(audit_event(&mut conn, None, tenant, "", "sign_in_failed", method, &ip)?)
    })
    .await
}
