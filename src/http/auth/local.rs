//! Local accounts: the sign-in form, sign-out (this session or everywhere), the account page and
//! password change.
//!
//! A failed sign-in looks and costs the same whether or not the account exists (a password is
//! always verified, against a dummy hash if need be), and failures are throttled per account and
//! per IP address with a temporary lockout.

use std::sync::OnceLock;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use secrecy::SecretString;
use serde::Deserialize;

use super::pages::{AccountPage, SignInPage, html};
use super::{HandoffHash, audit_event, client_ip, complete_sign_in, end_sessions, peer_ip};
use crate::http::error::{AppError, blocking};
use crate::http::session::{SignInMethod, Viewer, clear_session_cookie_header};
use crate::http::state::AppState;
use crate::storage::credentials::{hash_password, verify_password};
use crate::storage::ids::TenantSlug;
use crate::storage::throttle::{self, ThrottlePolicy};
use crate::storage::users::{self, User, UserChanges};
use crate::storage::{DbConnection, StorageError, sessions, sso_config, tenants, unix_now};

/// Five wrong passwords for one account within 15 minutes lock it for 15 minutes.
pub const ACCOUNT_POLICY: ThrottlePolicy = ThrottlePolicy { max_failures: 5, window: 900, lockout: 900 };
/// A hundred failures from one connecting address within 15 minutes lock it out for 15 minutes
/// (high, because behind a reverse proxy every user shares the proxy's address).
pub const IP_POLICY: ThrottlePolicy = ThrottlePolicy { max_failures: 100, window: 900, lockout: 900 };

const WRONG_CREDENTIALS: &str = "The organization, e-mail address or password is wrong.";
const LOCKED_OUT: &str = "Too many failed sign-ins. Wait 15 minutes and try again, or ask your crmlens admin to reset your password.";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/signin", web::get().to(signin_show))
        .route("/auth/signin", web::post().to(signin_submit))
        .route("/auth/signout", web::post().to(signout_submit))
        .route("/auth/signout/everywhere", web::post().to(signout_everywhere_submit))
        .route("/auth/account", web::get().to(account_show))
        .route("/auth/password", web::post().to(password_submit));
}

#[derive(Deserialize)]
struct SignInQuery {
    tenant: Option<String>,
    handoff: Option<String>,
}

/// The sign-in page (opened as a popup from the iframe, or directly). Not frameable.
async fn signin_show(
    state: web::Data<AppState>,
    query: web::Query<SignInQuery>,
) -> Result<HttpResponse, AppError> {
    let handoff = HandoffHash::parse_optional(query.handoff.as_deref())?;
    let tenant = query.tenant.clone().unwrap_or_default();
    let page = sign_in_page(&state, &tenant, "", handoff.as_ref(), None).await?;
    render_sign_in(&page, StatusCode::OK)
}

/// The page with the SSO buttons the tenant configured.
async fn sign_in_page(
    state: &AppState,
    tenant: &str,
    email: &str,
    handoff: Option<&HandoffHash>,
    error: Option<&str>,
) -> Result<SignInPage, AppError> {
    let (oidc, saml) = match TenantSlug::parse(tenant) {
        Ok(slug) => {
            let pool = state.pool.clone();
            blocking(move || {
                let mut conn = pool.get()?;
                let Some(tenant) = tenants::find_by_slug(&mut conn, &slug)? else {
                    return Ok((false, false));
                };
                let config = sso_config::get(&mut conn, tenant.id)?;
                Ok((config.oidc.is_some(), config.saml.is_some()))
            })
            .await?
        }
        Err(_) => (false, false),
    };
    Ok(SignInPage {
        tenant: TenantSlug::parse(tenant).map(|s| s.as_str().to_owned()).unwrap_or_default(),
        email: email.to_owned(),
        handoff: handoff.map(|h| h.as_str().to_owned()).unwrap_or_default(),
        error: error.map(str::to_owned),
        oidc,
        saml,
    })
}

fn render_sign_in(page: &SignInPage, status: StatusCode) -> Result<HttpResponse, AppError> {
    let body = page.render().map_err(AppError::internal)?;
    // The popup's opener is the CRM iframe; keep the reference for postMessage.
    Ok(html(body)
        .status(status)
        .insert_header(("cross-origin-opener-policy", "unsafe-none"))
        .finish_with_no_store())
}

#[derive(Deserialize)]
struct SignInForm {
    tenant: String,
    email: String,
    password: String,
    #[serde(default)]
    handoff: String,
}

/// Where an attempt came from: as recorded in the audit log, and the peer address throttled.
#[derive(Clone, Copy)]
struct Origin<'a> {
    ip: &'a str,
    peer: &'a str,
}

/// What a password sign-in attempt came to.
enum Attempt {
    SignedIn(User),
    Refused,
    LockedOut,
}

async fn signin_submit(
    state: web::Data<AppState>,
    request: HttpRequest,
    form: web::Form<SignInForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let handoff = HandoffHash::parse_optional(Some(&form.handoff))?;
    let ip = client_ip(&request);
    let peer = peer_ip(&request);
    let pool = state.pool.clone();
    let (tenant, email, password) =
        (form.tenant.clone(), form.email.clone(), SecretString::from(form.password));
    let attempt = blocking(move || {
        let mut conn = pool.get()?;
        let origin = Origin { ip: &ip, peer: &peer };
        Ok(attempt_password_sign_in(&mut conn, &tenant, &email, &password, origin)?)
    })
    .await?;
    match attempt {
        Attempt::SignedIn(user) => {
            complete_sign_in(&state, &request, user, SignInMethod::Password, handoff).await
        }
        Attempt::Refused | Attempt::LockedOut => {
            let message = if matches!(attempt, Attempt::LockedOut) { LOCKED_OUT } else { WRONG_CREDENTIALS };
            let page =
                sign_in_page(&state, &form.tenant, &form.email, handoff.as_ref(), Some(message)).await?;
            render_sign_in(&page, StatusCode::UNAUTHORIZED)
        }
    }
}

/// Checks the lockouts, then the password; counts a failure against the account and the IP.
fn attempt_password_sign_in(
    conn: &mut DbConnection,
    tenant: &str,
    email: &str,
    password: &SecretString,
    origin: Origin<'_>,
) -> Result<Attempt, StorageError> {
    let ip = origin.ip;
    let email = email.trim().to_lowercase();
    let account_key = format!("account:{}:{email}", tenant.trim().to_lowercase());
    let ip_key = format!("ip:{}", origin.peer);
    let now = unix_now();
    let tenant =
        TenantSlug::parse(tenant).ok().map(|slug| tenants::find_by_slug(conn, &slug)).transpose()?.flatten();
    if throttle::is_locked(conn, &account_key, now)? || throttle::is_locked(conn, &ip_key, now)? {
        audit_event(conn, None, tenant.as_ref().map(|t| t.id), &email, "sign_in_locked_out", "password", ip)?;
        return Ok(Attempt::LockedOut);
    }
    let user = match &tenant {
        Some(tenant) => users::find_by_email(conn, tenant.id, &email).ok().flatten(),
        None => None,
    };
    let stored_hash = match &user {
        Some(user) => users::password_hash(conn, user.id)?,
        None => None,
    };
    // Verify even when there is nothing to verify against, so timing does not reveal accounts.
    let password_ok = verify_password(stored_hash.as_deref().unwrap_or(dummy_hash()), password);
    match user.filter(|u| password_ok && stored_hash.is_some() && !u.disabled) {
        Some(user) => {
            throttle::clear(conn, &account_key)?;
            Ok(Attempt::SignedIn(user))
        }
        None => {
            let locked = throttle::record_failure(conn, &account_key, ACCOUNT_POLICY, now)?
                | throttle::record_failure(conn, &ip_key, IP_POLICY, now)?;
            let event = if locked { "sign_in_lockout" } else { "sign_in_failed" };
            audit_event(conn, None, tenant.as_ref().map(|t| t.id), &email, event, "password", ip)?;
            Ok(Attempt::Refused)
        }
    }
}

/// An argon2id hash of a password no one knows, with the same parameters as real ones.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        hash_password(&SecretString::from("no account has this password")).unwrap_or_else(|_| String::new())
    })
}

async fn signout_submit(
    state: web::Data<AppState>,
    request: HttpRequest,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    sign_out(&state, &request, viewer, false).await
}

async fn signout_everywhere_submit(
    state: web::Data<AppState>,
    request: HttpRequest,
    viewer: Viewer,
) -> Result<HttpResponse, AppError> {
    sign_out(&state, &request, viewer, true).await
}

async fn sign_out(
    state: &AppState,
    request: &HttpRequest,
    viewer: Viewer,
    everywhere: bool,
) -> Result<HttpResponse, AppError> {
    let pool = state.pool.clone();
    let ip = client_ip(request);
    let tenant_slug = blocking(move || {
        let mut conn = pool.get()?;
        end_sessions(&mut conn, viewer.user_id(), everywhere, viewer.session_id_hash())?;
        let event = if everywhere { "sign_out_everywhere" } else { "sign_out" };
        audit_event(&mut conn, Some(&viewer.user), None, &viewer.user.email, event, "session", &ip)?;
        Ok(tenants::get(&mut conn, viewer.tenant())?.slug)
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/auth/signin?tenant={tenant_slug}")))
        .insert_header((header::SET_COOKIE, clear_session_cookie_header()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish())
}

async fn account_show(state: web::Data<AppState>, viewer: Viewer) -> Result<HttpResponse, AppError> {
    account_page(&state, viewer, None, StatusCode::OK).await
}

async fn account_page(
    state: &AppState,
    viewer: Viewer,
    notice: Option<&str>,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let pool = state.pool.clone();
    let tenant_id = viewer.tenant();
    let tenant = blocking(move || Ok(tenants::get(&mut *pool.get()?, tenant_id)?)).await?;
    let page = AccountPage {
        name: viewer.user.name.clone(),
        email: viewer.user.email.clone(),
        tenant: tenant.slug.to_string(),
        seat: viewer.seat().as_str().to_owned(),
        method: viewer.method().to_owned(),
        csrf_token: viewer.csrf_token.clone(),
        notice: notice.map(str::to_owned),
    };
    let body = page.render().map_err(AppError::internal)?;
    Ok(html(body).status(status).finish_with_no_store())
}

#[derive(Deserialize)]
struct PasswordForm {
    current_password: String,
    new_password: String,
}

/// Changes the password after checking the current one; ends the user's other sessions.
async fn password_submit(
    state: web::Data<AppState>,
    request: HttpRequest,
    viewer: Viewer,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let (current, new) = (SecretString::from(form.current_password), SecretString::from(form.new_password));
    let pool = state.pool.clone();
    let ip = client_ip(&request);
    let session_viewer = viewer.clone();
    let outcome = blocking(move || {
        let mut conn = pool.get()?;
        let viewer = session_viewer;
        let stored = users::password_hash(&mut conn, viewer.user_id())?;
        if !stored.is_some_and(|hash| verify_password(&hash, &current)) {
            audit_event(
                &mut conn,
                Some(&viewer.user),
                None,
                &viewer.user.email,
                "password_change_refused",
                "password",
                &ip,
            )?;
            return Ok(Err("The current password is wrong."));
        }
        let hash = match hash_password(&new) {
            Ok(hash) => hash,
            Err(_) => return Ok(Err("The new password must have at least 12 characters.")),
        };
        users::update(
            &mut conn,
            viewer.user_id(),
            &UserChanges { password_hash: Some(hash), ..UserChanges::default() },
        )?;
        sessions::revoke_others(&mut conn, viewer.user_id(), viewer.session_id_hash())?;
        audit_event(
            &mut conn,
            Some(&viewer.user),
            None,
            &viewer.user.email,
            "password_changed",
            "password",
            &ip,
        )?;
        Ok(Ok(()))
    })
    .await?;
    match outcome {
        Ok(()) => {
            account_page(
                &state,
                viewer,
                Some("Password changed. Your other sessions were signed out."),
                StatusCode::OK,
            )
            .await
        }
        Err(message) => account_page(&state, viewer, Some(message), StatusCode::BAD_REQUEST).await,
    }
}
