//! What can go wrong in OpenID Connect sign-in, named precisely for the audit log and the admin.

use thiserror::Error;

use crate::sso::identity::EmailError;

/// Why a provider could not be set up.
#[derive(Debug, Error)]
pub enum OidcConfigError {
    #[error("`{field}` is not a valid URL: {reason}")]
    Url { field: &'static str, reason: String },
    #[error("the extra root CA is not valid PEM: {0}")]
    RootCa(String),
    #[error("the HTTP client could not be built: {0}")]
    HttpClient(String),
    #[error("discovery at the issuer failed (check the issuer URL and that it is reachable): {0}")]
    Discovery(String),
    #[error(
        "the provider does not offer PKCE with S256 (it offers {offered:?}); crmlens never downgrades PKCE"
    )]
    PkceS256Unsupported { offered: Vec<String> },
    #[error("fetching the provider's signing keys (JWKS) failed: {0}")]
    Jwks(String),
}

/// Why a sign-in callback or ID token was refused.
#[derive(Debug, Error)]
pub enum OidcError {
    #[error("the provider answered with an error: {error}{}", description.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Provider { error: String, description: Option<String> },
    #[error(
        "the callback's `state` does not match the sign-in that was started (possible CSRF); start sign-in again"
    )]
    StateMismatch,
    #[error("the callback has no authorization code")]
    MissingCode,
    #[error(
        "the callback's `iss` is `{found}`, not this tenant's provider `{expected}` (mix-up attack defence)"
    )]
    IssuerMixUp { expected: String, found: String },
    #[error(
        "the provider announces RFC 9207 `iss` in responses but the callback has none (mix-up attack defence)"
    )]
    MissingIssuerParameter,
    #[error("the sign-in was started for another provider")]
    PendingForAnotherProvider,
    #[error("the sign-in request expired; start sign-in again")]
    PendingExpired,
    #[error("exchanging the authorization code failed: {0}")]
    TokenExchange(String),
    #[error("the token response has no ID token")]
    MissingIdToken,
    #[error("the ID token is not a well-formed JWT: {0}")]
    MalformedIdToken(String),
    #[error("the ID token's signature does not verify: {0}")]
    Signature(String),
    #[error("the ID token is signed by a key (kid) the provider does not publish")]
    UnknownSigningKey,
    #[error("the ID token's issuer is wrong: {0}")]
    Issuer(String),
    #[error("the ID token's audience is wrong: {0}")]
    Audience(String),
    #[error("the ID token's authorized party (azp) is wrong: {0}")]
    AuthorizedParty(String),
    #[error("the ID token has expired: {0}")]
    Expired(String),
    #[error("the ID token's issue time is not acceptable: {0}")]
    IssuedAt(String),
    #[error("the ID token's nonce does not match this sign-in (replayed or injected token): {0}")]
    Nonce(String),
    #[error("the ID token was refused: {0}")]
    Claims(String),
    #[error("UserInfo is about subject `{user_info}`, the ID token about `{id_token}`")]
    UserInfoSubject { id_token: String, user_info: String },
    #[error("fetching UserInfo failed: {0}")]
    UserInfo(String),
    #[error("the provider says the e-mail address is not verified")]
    EmailNotVerified,
    #[error("the asserted e-mail is not acceptable: {0}")]
    Email(#[from] EmailError),
    #[error("fetching the provider's signing keys failed: {0}")]
    Jwks(String),
}
