//! Sessions as handlers see them: the [`Viewer`] extractor (signed in or 401), [`OptionalViewer`],
//! and the session cookie.
//!
//! The cookie `__Host-crmlens_session` holds a random id; the database holds only its SHA-256,
//! the user, the CSRF token and the expiries. Every request reads the row, so revocation,
//! disabling a user and expiry take effect at once on every app server sharing the database.
//! The cookie is `SameSite=None; Partitioned` because it must live in the CRM iframe's own
//! (partitioned) cookie jar in browsers that block third-party cookies.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use secrecy::{ExposeSecret, SecretString};

use super::access_cache::AccessCache;
use super::csrf::{TokenToCheck, check_token, log_refusal};
use super::deferred::DeferredWrites;
use super::error::{AppError, blocking};
use super::state::AppState;
use crate::storage::credentials::{random_token, sha256_hex};
use crate::storage::ids::{Seat, TenantId, UserId};
use crate::storage::users::User;
use crate::storage::{DbConnection, StorageError, sessions, unix_now};

/// The session cookie's name. `__Host-` makes browsers refuse it unless Secure, Path=/ and
/// without Domain, so no sibling host can plant or overwrite it.
pub const SESSION_COOKIE: &str = "__Host-crmlens_session";

/// A session unused this long ends (seconds).
pub const IDLE_TIMEOUT: i64 = 7 * 24 * 3600;
/// A session ends this long after sign-in however much it is used (seconds).
pub const ABSOLUTE_LIFETIME: i64 = 30 * 24 * 3600;
/// The idle expiry is written back at most this often, not on every request.
const TOUCH_EVERY: i64 = 60;

/// How a user proved who they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInMethod {
    Password,
    Oidc,
    Saml,
}

impl SignInMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Password => "password",
            Self::Oidc => "oidc",
            Self::Saml => "saml",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [Self::Password, Self::Oidc, Self::Saml].into_iter().find(|m| m.as_str() == value)
    }
}

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    /// Must come back on every unsafe request: header `X-CSRF-Token` (HTMX: `hx-headers`) or
    /// form field `csrf_token`.
    pub csrf_token: String,
    session_id_hash: String,
    method: String,
}

impl Viewer {
    pub fn tenant(&self) -> TenantId {
        self.user.tenant_id
    }

    pub fn seat(&self) -> Seat {
        self.user.seat
    }

    pub fn user_id(&self) -> UserId {
        self.user.id
    }

    /// How this session was signed in (`password`, `oidc`, `saml`).
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The stored key of this session (the SHA-256 of the cookie value).
    pub(crate) fn session_id_hash(&self) -> &str {
        &self.session_id_hash
    }

    /// `hx-headers` value that makes HTMX send the CSRF token (JSON; escape it as an attribute).
    pub fn hx_headers(&self) -> String {
        serde_json::json!({ "X-CSRF-Token": self.csrf_token }).to_string()
    }
}

/// Whether the viewer has a seat at all: the widget needs one.
pub fn has_seat(viewer: &Viewer) -> bool {
    viewer.seat() != Seat::None
}

/// Guards an enterprise-only feature: `Err(Forbidden)` with a message that says what to ask for.
/// Mark every enterprise-only handler with it, so `grep requires_enterprise` lists them.
pub fn requires_enterprise(viewer: &Viewer) -> Result<(), AppError> {
    if viewer.seat() == Seat::Enterprise {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "this feature needs an enterprise seat; ask your crmlens admin for one".into(),
        ))
    }
}

/// The viewer if signed in; `None` when signed out, expired or revoked.
#[derive(Debug, Clone)]
pub struct OptionalViewer(pub Option<Viewer>);

/// The session lookup of this request, cached in its extensions so the CSRF middleware and the
/// handler share one database read.
#[derive(Clone)]
pub(crate) struct LoadedSession(pub Option<Viewer>);

impl FromRequest for OptionalViewer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move { load_viewer(&request).await.map(OptionalViewer) })
    }
}

impl FromRequest for Viewer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let request = request.clone();
        Box::pin(async move { load_viewer(&request).await?.ok_or(AppError::Unauthorized) })
    }
}

/// The session of a widget action, not read yet: the action reads it in its own blocking hop,
/// with the rest of its work, and compares the CSRF token the request presented with it there
/// (the CSRF middleware read the token and left the comparison to this; see
/// [`crate::http::csrf`]).
#[derive(Debug)]
pub struct SessionToCheck {
    /// The SHA-256 of the session cookie, if the request carried one.
    id_hash: Option<String>,
    presented_token: Option<String>,
    path: String,
}

impl SessionToCheck {
    /// The signed-in viewer (`None`: signed out, expired or revoked), once the request proved it
    /// comes from our own page: `Err(Forbidden)` when the token is missing or another session's.
    /// A viewer read a moment ago comes from `access`; a due last-seen update is left to
    /// `deferred` (this runs on the card's read path, which writes nothing).
    pub fn viewer(
        self,
        conn: &mut DbConnection,
        access: &AccessCache,
        deferred: &DeferredWrites,
        now: i64,
    ) -> Result<Option<Viewer>, AppError> {
        let Some(id_hash) = self.id_hash else { return Ok(None) };
        let viewer = match access.viewer(&id_hash) {
            Some(viewer) => viewer,
            None => {
                let Some(found) = read_session(conn, &id_hash, now).map_err(AppError::internal)? else {
                    return Ok(None);
                };
                if let Some(touch) = found.touch {
                    deferred.touch_session(touch);
                }
                access.remember_viewer(&id_hash, found.viewer.clone(), now, found.expires_at);
                found.viewer
            }
        };
        match check_token(self.presented_token.as_deref(), &viewer) {
            Ok(()) => Ok(Some(viewer)),
            Err(refusal) => {
                log_refusal(&self.path, &refusal);
                Err(refusal)
            }
        }
    }
}

impl FromRequest for SessionToCheck {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let id_hash = presented_session_hash(request);
        let token = request.extensions_mut().remove::<TokenToCheck>();
        let path = request.path().to_owned();
        std::future::ready(match (id_hash, token) {
            (None, _) => Ok(Self { id_hash: None, presented_token: None, path }),
            (Some(id_hash), Some(TokenToCheck(presented_token))) => {
                Ok(Self { id_hash: Some(id_hash), presented_token, path })
            }
            (Some(_), None) => Err(AppError::internal(anyhow::anyhow!(
                "{path} reads its session itself, but the CSRF middleware left it no token to check"
            ))),
        })
    }
}

/// Reads the session of `request` (once per request; later calls reuse the result).
pub(crate) async fn load_viewer(request: &HttpRequest) -> Result<Option<Viewer>, AppError> {
    if let Some(LoadedSession(cached)) = request.extensions().get::<LoadedSession>() {
        return Ok(cached.clone());
    }
    let viewer = match request.cookie(SESSION_COOKIE) {
        None => None,
        Some(cookie) => {
            let state = app_state(request)?;
            let id_hash = sha256_hex(cookie.value());
            let pool = state.pool.clone();
            blocking(move || {
                let mut conn = pool.get()?;
                Ok(find_viewer(&mut conn, &id_hash, unix_now())?)
            })
            .await?
        }
    };
    request.extensions_mut().insert(LoadedSession(viewer.clone()));
    Ok(viewer)
}

pub(crate) fn app_state(request: &HttpRequest) -> Result<web::Data<AppState>, AppError> {
    request
        .app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("the application state is not registered")))
}

/// The live session with this id hash and its user, moving the idle expiry forward.
pub fn find_viewer(conn: &mut DbConnection, id_hash: &str, now: i64) -> Result<Option<Viewer>, StorageError> {
    let Some(found) = read_session(conn, id_hash, now)? else { return Ok(None) };
    if let Some(touch) = found.touch {
        touch.apply(conn)?;
    }
    Ok(Some(found.viewer))
}

/// A live session as read, before its idle expiry is moved.
pub struct FoundSession {
    pub viewer: Viewer,
    /// When the session ends unless used again (Unix seconds).
    pub expires_at: i64,
    /// The last-seen update that is due, if one is.
    pub touch: Option<SessionTouch>,
}

/// Moves a session's last-seen time and idle expiry (never past its absolute expiry).
#[derive(Debug)]
pub struct SessionTouch {
    id_hash: String,
    at: i64,
    idle_expires_at: i64,
}

impl SessionTouch {
    pub fn apply(&self, conn: &mut DbConnection) -> Result<(), StorageError> {
        sessions::touch(conn, &self.id_hash, self.at, self.idle_expires_at)
    }
}

/// The live session with this id hash and its user, without writing anything.
pub fn read_session(
    conn: &mut DbConnection,
    id_hash: &str,
    now: i64,
) -> Result<Option<FoundSession>, StorageError> {
    let Some((session, user)) = sessions::find_active_with_user(conn, id_hash, now)? else {
        return Ok(None);
    };
    let touch = (now - session.last_seen_at >= TOUCH_EVERY).then(|| SessionTouch {
        id_hash: id_hash.to_owned(),
        at: now,
        idle_expires_at: (now + IDLE_TIMEOUT).min(session.absolute_expires_at),
    });
    let expires_at = session.expires_at.min(session.absolute_expires_at);
    let viewer = Viewer {
        user,
        csrf_token: session.csrf_token,
        session_id_hash: session.id_hash,
        method: session.method,
    };
    Ok(Some(FoundSession { viewer, expires_at, touch }))
}

/// A session just created: the cookie value to send (once) and its CSRF token.
pub struct NewSessionCookie {
    pub value: SecretString,
    pub csrf_token: String,
}

impl NewSessionCookie {
    /// The `Set-Cookie` header value. Written by hand: actix-web's cookie crate has no
    /// `Partitioned`.
    pub fn set_cookie_header(&self) -> String {
        session_cookie_header(self.value.expose_secret(), ABSOLUTE_LIFETIME)
    }
}

/// Starts a session for `user` with a fresh random id (never one the browser offered, so a
/// planted cookie cannot become a signed-in session: no session fixation).
pub fn start_session(
    conn: &mut DbConnection,
    user: UserId,
    method: SignInMethod,
    now: i64,
) -> Result<NewSessionCookie, StorageError> {
    let value = random_token(32);
    let csrf_token = random_token(32).expose_secret().to_owned();
    let id_hash = sha256_hex(value.expose_secret());
    sessions::create(
        conn,
        &sessions::NewSession {
            id_hash: &id_hash,
            user,
            csrf_token: &csrf_token,
            method: method.as_str(),
            now,
            idle_expires_at: now + IDLE_TIMEOUT,
            absolute_expires_at: now + ABSOLUTE_LIFETIME,
        },
    )?;
    Ok(NewSessionCookie { value, csrf_token })
}

/// The session id hash of the cookie this request carries, live or not.
pub fn presented_session_hash(request: &HttpRequest) -> Option<String> {
    request.cookie(SESSION_COOKIE).map(|cookie| sha256_hex(cookie.value()))
}

/// `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie_header() -> String {
    session_cookie_header("", 0)
}

fn session_cookie_header(value: &str, max_age: i64) -> String {
    format!(
        "{SESSION_COOKIE}={value}; Path=/; Max-Age={max_age}; Secure; HttpOnly; SameSite=None; Partitioned"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_has_every_attribute_the_iframe_needs() {
        let header = session_cookie_header("abc", 60);
        for attribute in
            ["__Host-crmlens_session=abc", "Path=/", "Secure", "HttpOnly", "SameSite=None", "Partitioned"]
        {
            assert!(header.contains(attribute), "{attribute} missing from {header}");
        }
        assert!(!header.contains("Domain"), "a __Host- cookie must not name a domain");
    }

    fn viewer_with(seat: Seat) -> Viewer {
        Viewer {
            user: User {
                id: UserId(1),
                tenant_id: TenantId(7),
                email: "rita@acme.com".into(),
                name: "Rita".into(),
                role: crate::storage::ids::Role::Rep,
                seat,
                member_id: None,
                has_password: true,
                disabled: false,
                created_at: 0,
            },
            csrf_token: "token".into(),
            session_id_hash: "hash".into(),
            method: "password".into(),
        }
    }

    #[test]
    fn only_enterprise_seats_pass_requires_enterprise() {
        assert!(requires_enterprise(&viewer_with(Seat::Enterprise)).is_ok());
        for seat in [Seat::Team, Seat::None] {
            let refused = requires_enterprise(&viewer_with(seat));
            assert!(
                matches!(refused, Err(AppError::Forbidden(message)) if message.contains("enterprise seat"))
            );
        }
        assert!(!has_seat(&viewer_with(Seat::None)) && has_seat(&viewer_with(Seat::Team)));
        assert_eq!(viewer_with(Seat::Team).tenant(), TenantId(7));
    }

    #[test]
    fn hx_headers_carry_the_csrf_token_as_json() {
        let headers: serde_json::Value = serde_json::from_str(&viewer_with(Seat::Team).hx_headers()).unwrap();
        assert_eq!(headers["X-CSRF-Token"], "token");
    }

    #[test]
    fn sign_in_methods_round_trip() {
        for method in [SignInMethod::Password, SignInMethod::Oidc, SignInMethod::Saml] {
            assert_eq!(SignInMethod::parse(method.as_str()), Some(method));
        }
        assert_eq!(SignInMethod::parse("magic"), None);
    }
}
