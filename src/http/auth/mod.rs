//! Sign-in, sign-out and the handoff that carries a sign-in from the top-level popup into the
//! CRM iframe. `sso/` proves identities; this module turns them into sessions.

pub mod handoff;
pub mod local;
pub mod oidc;
mod pages;
pub mod saml;
pub mod sso;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::error::{AppError, blocking};
use super::session::{SignInMethod, presented_session_hash, start_session};
use super::state::AppState;
use crate::storage::audit::{self, AuditEvent};
use crate::storage::ids::{TenantId, UserId};
use crate::storage::users::User;
use crate::storage::{DbConnection, StorageError, auth_state, handoffs, sessions, throttle, unix_now};

pub use handoff::HandoffHash;

/// A handoff waits this long for the iframe to redeem it (seconds).
pub const HANDOFF_LIFETIME: i64 = 60;

pub fn configure(cfg: &mut web::ServiceConfig) {
    local::configure(cfg);
    handoff::configure(cfg);
    oidc::configure(cfg);
    saml::configure(cfg);
}

/// Where a request came from, for the audit log: the peer address, and the client address a
/// proxy reported (`Forwarded`/`X-Forwarded-For`) when it differs. The reported part is only a
/// claim; throttling uses [`peer_ip`].
pub fn client_ip(request: &HttpRequest) -> String {
    let peer = peer_ip(request);
    let info = request.connection_info();
    let described = match info.realip_remote_addr() {
        Some(reported) if reported != peer && !reported.starts_with(&format!("{peer}:")) => {
            format!("{reported} via {peer}")
        }
        _ => peer,
    };
    described.chars().take(128).collect()
}

/// The address of the connection itself (which a client cannot forge), for throttling. Behind
/// a reverse proxy this is the proxy, so the per-address limit is set high.
pub fn peer_ip(request: &HttpRequest) -> String {
    request.peer_addr().map_or_else(|| "unknown".to_owned(), |addr| addr.ip().to_string())
}

/// Records one audit event. A failure to write it fails the request: sign-in events must not
/// go unrecorded.
pub fn audit_event(
    conn: &mut DbConnection,
    user: Option<&User>,
    tenant: Option<TenantId>,
    actor: &str,
    event: &'static str,
    method: &'static str,
    ip: &str,
) -> Result<(), StorageError> {
    let actor: String = actor.chars().take(254).collect();
    audit::record(
        conn,
        &AuditEvent {
            tenant: user.map(|u| u.tenant_id).or(tenant),
            user: user.map(|u| u.id),
            actor: &actor,
            event,
            method,
            ip,
            at: unix_now(),
        },
    )
}

/// Finishes any sign-in (password, OIDC, SAML): a session with a fresh id for this browser
/// (the cookie it presented, if any, is revoked), an audit event, and, when the sign-in runs in
/// the popup for an iframe, the one-time handoff the iframe redeems.
pub async fn complete_sign_in(
    state: &AppState,
    request: &HttpRequest,
    user: User,
    method: SignInMethod,
    handoff: Option<HandoffHash>,
) -> Result<HttpResponse, AppError> {
    let pool = state.pool.clone();
    let ip = client_ip(request);
    let previous = presented_session_hash(request);
    let with_handoff = handoff.is_some();
    let cookie = blocking(move || {
        let mut conn = pool.get()?;
        let now = unix_now();
        if let Some(previous) = previous {
            sessions::revoke(&mut conn, &previous)?;
        }
        purge_expired(&mut conn, now)?;
        if let Some(hash) = &handoff {
            let put =
                handoffs::put(&mut conn, hash.as_str(), user.id, method.as_str(), now + HANDOFF_LIFETIME);
            if let Err(StorageError::Conflict(_)) = put {
                return Ok(None);
            }
            put?;
        }
        let cookie = start_session(&mut conn, user.id, method, now)?;
        audit_event(&mut conn, Some(&user), None, &user.email, "sign_in", method.as_str(), &ip)?;
        Ok(Some(cookie))
    })
    .await?
    .ok_or_else(|| {
        AppError::BadRequest(
            "this sign-in window was already used; close it and click Sign in again in your CRM".into(),
        )
    })?;
    let target = if with_handoff { "/auth/signed-in" } else { "/auth/account" };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, target))
        .insert_header((header::SET_COOKIE, cookie.set_cookie_header()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        // Browsers apply COOP to redirects too; keep the popup's opener for postMessage.
        .insert_header(("cross-origin-opener-policy", "unsafe-none"))
        .finish())
}

/// Deletes what has expired: sessions, throttle windows, unanswered SSO requests. Run on each
/// sign-in (rare enough to afford it, frequent enough to keep the tables small), so no
/// background task is needed.
fn purge_expired(conn: &mut DbConnection, now: i64) -> Result<(), StorageError> {
    sessions::delete_expired(conn, now)?;
    let longest_window = local::ACCOUNT_POLICY.window.max(local::IP_POLICY.window);
    throttle::purge_stale(conn, now, now - longest_window)?;
    auth_state::purge_expired(conn, now)?;
    Ok(())
}

/// Ends this session, or every session of the user; returns how many were ended.
pub(crate) fn end_sessions(
    conn: &mut DbConnection,
    user: UserId,
    everywhere: bool,
    this_session: &str,
) -> Result<usize, StorageError> {
    if everywhere {
        sessions::revoke_all_for_user(conn, user)
    } else {
        sessions::revoke(conn, this_session).map(|()| 1)
    }
}
