//! The handoff from the sign-in popup to the CRM iframe, and the iframe's status page.
//!
//! The iframe makes a random secret and gives the popup only its SHA-256 ([`HandoffHash`]).
//! After the sign-in the server keeps a handoff bound to that hash for [`super::HANDOFF_LIFETIME`]
//! seconds; the iframe redeems it once by posting the secret and receives its own session
//! cookie, in its own partitioned cookie jar.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::pages::{SignedInPage, StatusPage, html};
use crate::http::error::{AppError, blocking};
use crate::http::session::{OptionalViewer, SignInMethod, start_session};
use crate::http::state::AppState;
use crate::storage::credentials::sha256_hex;
use crate::storage::ids::TenantSlug;
use crate::storage::{handoffs, tenants, unix_now, users};

/// The hex SHA-256 of an iframe's handoff secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoffHash(String);

impl HandoffHash {
    /// 64 lower-case hex digits, or `None`.
    pub fn parse(value: &str) -> Option<Self> {
        let valid =
            value.len() == 64 && value.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        valid.then(|| Self(value.to_owned()))
    }

    /// An optional handoff parameter: absent or empty is `None`, malformed is an error.
    pub fn parse_optional(value: Option<&str>) -> Result<Option<Self>, AppError> {
        match value.filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(value) => Self::parse(value).map(Some).ok_or_else(|| {
                AppError::BadRequest(
                    "the sign-in link is damaged; close this window and click Sign in again".into(),
                )
            }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/handoff/redeem", web::post().to(handoff_redeem))
        .route("/auth/signed-in", web::get().to(signed_in_show))
        .route("/auth/status", web::get().to(status_show));
}

#[derive(Deserialize)]
struct RedeemForm {
    secret: String,
}

/// 200 and a session cookie when a handoff for this secret is waiting; 202 otherwise (not yet,
/// expired, already used or a wrong secret all look alike). Polled by `signin.js`.
async fn handoff_redeem(
    state: web::Data<AppState>,
    request: HttpRequest,
    form: web::Form<RedeemForm>,
) -> Result<HttpResponse, AppError> {
    let secret = form.into_inner().secret;
    if secret.len() < 32 || secret.len() > 128 {
        return Err(AppError::BadRequest("the handoff secret has the wrong length".into()));
    }
    let secret_hash = sha256_hex(&secret);
    let pool = state.pool.clone();
    let ip = super::client_ip(&request);
    let cookie = blocking(move || {
        let mut conn = pool.get()?;
        let now = unix_now();
        let Some(handoff) = handoffs::redeem(&mut conn, &secret_hash, now)? else {
            return Ok(None);
        };
        let user = users::get(&mut conn, handoff.user)?;
        if user.disabled {
            return Ok(None);
        }
        let method = SignInMethod::parse(&handoff.method).unwrap_or(SignInMethod::Password);
        let cookie = start_session(&mut conn, user.id, method, now)?;
        super::audit_event(
            &mut conn,
            Some(&user),
            None,
            &user.email,
            "handoff_redeemed",
            method.as_str(),
            &ip,
        )?;
        Ok(Some(cookie))
    })
    .await?;
    let response = match cookie {
        Some(cookie) => HttpResponse::Ok()
            .insert_header((header::SET_COOKIE, cookie.set_cookie_header()))
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(serde_json::json!({ "signed_in": true })),
        None => HttpResponse::Accepted()
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .json(serde_json::json!({ "signed_in": false })),
    };
    Ok(response)
}

/// The popup's last page: tells the opener (if it still has one) and closes.
async fn signed_in_show(viewer: OptionalViewer) -> Result<HttpResponse, AppError> {
    let name = viewer.0.map(|v| v.user.name).unwrap_or_default();
    let body = SignedInPage { name }.render().map_err(AppError::internal)?;
    // The opener is the CRM iframe (another site's page at the top): keep the reference
    // so postMessage can reach it.
    Ok(html(body).insert_header(("cross-origin-opener-policy", "unsafe-none")).finish_with_no_store())
}

#[derive(Deserialize)]
struct StatusQuery {
    tenant: String,
}

/// A small page the tenant's CRM pages may frame: who is signed in here, or the sign-in
/// button. The reference for how a widget uses the session (and what the browser tests load).
async fn status_show(
    state: web::Data<AppState>,
    viewer: OptionalViewer,
    query: web::Query<StatusQuery>,
) -> Result<HttpResponse, AppError> {
    let slug = TenantSlug::parse(&query.tenant).map_err(|_| AppError::NotFound)?;
    let pool = state.pool.clone();
    let lookup = slug.clone();
    let tenant = blocking(move || Ok(tenants::find_by_slug(&mut *pool.get()?, &lookup)?))
        .await?
        .ok_or(AppError::NotFound)?;
    let viewer = viewer.0.filter(|v| v.tenant() == tenant.id);
    let page = StatusPage::new(&slug, viewer.as_ref());
    let body = page.render().map_err(AppError::internal)?;
    let ancestors = if tenant.allowed_origins.is_empty() {
        "'none'".to_owned()
    } else {
        tenant.allowed_origins.join(" ")
    };
    let csp = format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; \
         base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
    );
    Ok(html(body).insert_header((header::CONTENT_SECURITY_POLICY, csp)).finish_with_no_store())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handoff_hash_is_64_lower_case_hex_digits() {
        let good = "0123456789abcdef".repeat(4);
        assert_eq!(HandoffHash::parse(&good).map(|h| h.as_str().to_owned()), Some(good.clone()));
        for bad in [&good[..63], &good.to_uppercase(), &format!("{}g", &good[..63]), ""] {
            assert!(HandoffHash::parse(bad).is_none(), "{bad:?}");
        }
        assert!(matches!(HandoffHash::parse_optional(Some("")), Ok(None)));
        assert!(matches!(HandoffHash::parse_optional(None), Ok(None)));
        assert!(HandoffHash::parse_optional(Some("nope")).is_err());
    }
}
