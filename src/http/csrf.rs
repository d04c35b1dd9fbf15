//! Cross-site request forgery protection for every unsafe method (POST, PUT, PATCH, DELETE).
//!
//! The session cookie is `SameSite=None` (it must reach the CRM iframe), so the browser sends it
//! with cross-site requests too; two checks stop forged ones:
//! - **Origin**: when the browser sends `Origin`, it must be our own origin (the public URL's,
//!   or the one the request was addressed to). The forms that start a session (sign-in, the
//!   handoff) and any other `/auth/…` request without a session must send it.
//! - **Token**: a request carrying the session cookie must carry the session's CSRF token, in the
//!   `X-CSRF-Token` header (HTMX: `hx-headers`) or the `csrf_token` form field.
//!
//! Widget actions (`POST /embed/{member|company}/{card|picker|search|override|undo}`) compare the
//! token themselves, in the one database visit that also serves them (one hop to the blocking
//! pool instead of two): here the Origin is checked and the presented token is read, and the
//! handler's [`SessionToCheck`] compares it with the session's before anything else. Such a route
//! whose handler did not take the token answers 500, so the check cannot silently go missing.
//!
//! Exempt: `/auth/saml/acs` (the IdP posts it cross-site; `InResponseTo` binds it to a request we
//! issued), `/embed/salesforce/canvas` (authenticated by its `signed_request`), and API requests
//! that authenticate with a bearer token and carry no session cookie.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, ResponseError};

use super::error::AppError;
use super::session::{SESSION_COOKIE, Viewer, load_viewer};
use crate::storage::credentials::digests_equal;

/// The header HTMX and scripts send the token in.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The form field plain forms send the token in.
pub const CSRF_FIELD: &str = "csrf_token";

const EXEMPT_PATHS: [&str; 2] = ["/auth/saml/acs", "/embed/salesforce/canvas"];
/// Forms that start a session: they need our `Origin` (always) but no session token, so a
/// browser holding a stale or another user's session can still sign in.
const PRE_SESSION_PATHS: [&str; 2] = ["/auth/signin", "/auth/handoff/redeem"];
/// A form body larger than this (or of unknown length) is not searched for the token; send the
/// header instead.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// Refuses forged unsafe requests with 403; passes everything else through.
pub async fn protect(
    mut request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    if is_safe(request.method()) || EXEMPT_PATHS.contains(&request.path()) || is_bearer_only(&request) {
        return next.call(request).await.map(ServiceResponse::map_into_left_body);
    }
    if let Err(refusal) = check(&mut request).await {
        log_refusal(request.path(), &refusal);
        let response = refusal.error_response();
        return Ok(request.into_response(response).map_into_right_body());
    }
    let response = next.call(request).await?;
    if response.request().extensions().contains::<TokenToCheck>() {
        let path = response.request().path().to_owned();
        tracing::error!(path, "a route that checks the CSRF token in its handler did not check it");
        let error = AppError::internal(anyhow::anyhow!("the CSRF token of {path} was not checked"));
        let (request, _) = response.into_parts();
        return Ok(ServiceResponse::new(request, error.error_response()).map_into_right_body());
    }
    Ok(response.map_into_left_body())
}

/// The token an unsafe request to a widget action presented (if any), left for its handler to
/// compare with the session's (see [`SessionToCheck`]).
#[derive(Debug, Clone)]
pub(crate) struct TokenToCheck(pub Option<String>);

/// Whether this is a widget action, whose handler compares the token itself. Only `POST`: any
/// other method there has no handler, so it gets the full check here (then 404 or 405).
fn handler_checks_token(method: &Method, path: &str) -> bool {
    if method != Method::POST {
        return false;
    }
    let Some(rest) = path.strip_prefix("/embed/") else { return false };
    match rest.split_once('/') {
        Some((kind, action)) => {
            matches!(kind, "member" | "company")
                && matches!(action, "card" | "picker" | "search" | "override" | "undo")
        }
        None => false,
    }
}

pub(crate) fn log_refusal(path: &str, refusal: &AppError) {
    tracing::warn!(path, reason = %refusal, "refused a request as cross-site forgery");
}

/// An API call authenticated by a bearer token and carrying no session cookie: a browser never
/// attaches a bearer token by itself, so it cannot be forged cross-site.
fn is_bearer_only(request: &ServiceRequest) -> bool {
    let bearer = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.len() > 7 && value[..7].eq_ignore_ascii_case("bearer "));
    bearer && request.cookie(SESSION_COOKIE).is_none()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE)
}

async fn check(request: &mut ServiceRequest) -> Result<(), AppError> {
    check_origin(request)?;
    if request.cookie(SESSION_COOKIE).is_none() || PRE_SESSION_PATHS.contains(&request.path()) {
        return Ok(());
    }
    if handler_checks_token(request.method(), request.path()) {
        let presented = presented_token(request).await;
        request.extensions_mut().insert(TokenToCheck(presented));
        return Ok(());
    }
    // A stale (expired or revoked) cookie makes the request a signed-out one: no token to check.
    let Some(viewer) = load_viewer(request.request()).await? else {
        return Ok(());
    };
    let presented = presented_token(request).await;
    check_token(presented.as_deref(), &viewer)
}

async fn presented_token(request: &mut ServiceRequest) -> Option<String> {
    match header_token(request) {
        Some(token) => Some(token),
        None => form_token(request).await,
    }
}

/// Whether the token a request presented is its session's.
pub(crate) fn check_token(presented: Option<&str>, viewer: &Viewer) -> Result<(), AppError> {
    match presented {
        Some(token) if digests_equal(token, &viewer.csrf_token) => Ok(()),
        Some(_) => Err(forbidden("the CSRF token does not match this session; reload the page")),
        None => Err(forbidden("the CSRF token is missing; reload the page and try again")),
    }
}

fn check_origin(request: &ServiceRequest) -> Result<(), AppError> {
    let origin = request.headers().get(header::ORIGIN).map(|value| value.to_str().unwrap_or("invalid"));
    match origin {
        Some(origin) if is_own_origin(request, origin) => Ok(()),
        Some(_) => Err(forbidden("this request came from another site")),
        None if PRE_SESSION_PATHS.contains(&request.path())
            || (request.path().starts_with("/auth/") && request.cookie(SESSION_COOKIE).is_none()) =>
        {
            Err(forbidden("sign-in requests must come from a browser that sends an Origin header"))
        }
        None => Ok(()),
    }
}

/// Our origins: the configured public URL's, and the one this request was addressed to (a
/// browser sets `Host` itself, so a forged request cannot make the two agree).
fn is_own_origin(request: &ServiceRequest, origin: &str) -> bool {
    let public = request
        .app_data::<actix_web::web::Data<super::state::AppState>>()
        .map(|state| origin_of(&state.public_url));
    let info = request.connection_info();
    let addressed = format!("{}://{}", info.scheme(), info.host());
    public.as_deref() == Some(origin) || addressed.eq_ignore_ascii_case(origin)
}

/// `scheme://host[:port]` of a URL.
pub fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..].find('/').map_or(url.len(), |i| after_scheme + i);
    url[..end].to_ascii_lowercase()
}

fn header_token(request: &ServiceRequest) -> Option<String> {
    let value = request.headers().get(CSRF_HEADER)?.to_str().ok()?;
    Some(value.trim().to_owned())
}

/// Reads the `csrf_token` field of a url-encoded form and puts the body back for the handler.
async fn form_token(request: &mut ServiceRequest) -> Option<String> {
    let is_form = request.content_type() == "application/x-www-form-urlencoded";
    if !is_form {
        return None;
    }
    if request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_none_or(|length| length > MAX_FORM_BYTES)
    {
        return None;
    }
    let body = request.extract::<Bytes>().await.ok()?;
    let token = form_field(&body, CSRF_FIELD);
    request.set_payload(actix_web::dev::Payload::from(body));
    token
}

fn form_field(body: &Bytes, name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(key, _)| key == name).map(|(_, value)| value)
}

fn forbidden(message: &str) -> AppError {
    AppError::Forbidden(message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_drops_path_and_case() {
        assert_eq!(origin_of("https://CRM.example.com/app/x"), "https://crm.example.com");
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }

    #[test]
    fn only_widget_actions_check_the_token_in_their_handler() {
        for path in ["/embed/member/card", "/embed/company/undo", "/embed/member/picker"] {
            assert!(handler_checks_token(&Method::POST, path), "{path}");
            assert!(!handler_checks_token(&Method::PUT, path), "PUT {path}");
        }
        for path in [
            "/embed/member",
            "/embed/salesforce/canvas",
            "/auth/signout",
            "/embed/member/card/x",
            "/x/embed/member/card",
        ] {
            assert!(!handler_checks_token(&Method::POST, path), "{path}");
        }
    }

    #[test]
    fn form_field_finds_the_token_among_others() {
        let body = Bytes::from_static(b"email=a%40b.c&csrf_token=t%2Bk&x=1");
        assert_eq!(form_field(&body, CSRF_FIELD).as_deref(), Some("t+k"));
        assert_eq!(form_field(&Bytes::from_static(b"email=a"), CSRF_FIELD), None);
    }
}
